/*
 * pending.c - open clocks, kept until the end of the data (as_of) is known
 * and they can be classified. A record is a flags byte and varints, about
 * 20 bytes; past the budget the records in memory are written to a
 * temporary file as one block (its length, then whole records), so that
 * millions of open clocks keep the run's memory flat.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pending.h"
#include "varint.h"
#include "xmalloc.h"

#define P_TOTAL		0x01	/* new_total: n0, b0 follow */
#define P_VALUE		0x02	/* new_value: n0v, b0v follow */
#define P_HASV		0x04	/* a value index follows */
#define P_PAUSED	0x08
#define P_DEADLINE	0x10	/* deadline - start follows */
#define P_OVER		0x20

/* The longest record: flags and ten varints. */
#define P_MAX		(1 + 10 * VARINT_MAX)

void
pending_init(struct pending *p, size_t budget)
{
	memset(p, 0, sizeof *p);
	p->budget = budget < P_MAX ? P_MAX : budget;
}

void
pending_free(struct pending *p)
{
	free(p->buf);
	if (p->spill != NULL)
		fclose(p->spill);
	memset(p, 0, sizeof *p);
}

static size_t
encode(const struct pend_rec *r, unsigned char *buf)
{
	unsigned char	*p = buf + 1;
	unsigned	 f = 0;

	f |= r->new_total ? P_TOTAL : 0;
	f |= r->new_value ? P_VALUE : 0;
	f |= r->value != PENDING_NO_VALUE ? P_HASV : 0;
	f |= r->paused ? P_PAUSED : 0;
	f |= r->deadline != MOT_TIME_NONE ? P_DEADLINE : 0;
	f |= r->over_promised ? P_OVER : 0;
	buf[0] = (unsigned char)f;
	p = varint_put(p, r->moment);
	if (f & P_HASV)
		p = varint_put(p, r->value);
	if (f & P_TOTAL) {
		p = varint_put(p, r->n0);
		p = varint_put(p, r->b0);
	}
	if (f & P_VALUE) {
		p = varint_put(p, r->n0v);
		p = varint_put(p, r->b0v);
	}
	p = varint_put(p, zigzag(r->start));
	p = varint_put(p, zigzag(r->pivot - r->start));
	p = varint_put(p, zigzag(r->so_far));
	p = varint_put(p, zigzag(r->adequate));
	if (f & P_DEADLINE)
		p = varint_put(p, zigzag(r->deadline - r->start));
	return ((size_t)(p - buf));
}

static const unsigned char *
decode(const unsigned char *p, struct pend_rec *r)
{
	unsigned	f = *p++;
	uint64_t	v;

	memset(r, 0, sizeof *r);
	r->new_total = (f & P_TOTAL) != 0;
	r->new_value = (f & P_VALUE) != 0;
	r->paused = (f & P_PAUSED) != 0;
	r->over_promised = (f & P_OVER) != 0;
	p = varint_get(p, &v);
	r->moment = (size_t)v;
	r->value = PENDING_NO_VALUE;
	if (f & P_HASV) {
		p = varint_get(p, &v);
		r->value = (size_t)v;
	}
	if (f & P_TOTAL) {
		p = varint_get(p, &r->n0);
		p = varint_get(p, &r->b0);
	}
	if (f & P_VALUE) {
		p = varint_get(p, &r->n0v);
		p = varint_get(p, &r->b0v);
	}
	p = varint_get(p, &v);
	r->start = unzigzag(v);
	p = varint_get(p, &v);
	r->pivot = r->start + unzigzag(v);
	p = varint_get(p, &v);
	r->so_far = unzigzag(v);
	p = varint_get(p, &v);
	r->adequate = unzigzag(v);
	r->deadline = MOT_TIME_NONE;
	if (f & P_DEADLINE) {
		p = varint_get(p, &v);
		r->deadline = r->start + unzigzag(v);
	}
	return (p);
}

/* Write the records in memory to the spill file as one block. */
static void
spill(struct pending *p)
{
	uint64_t	len = p->len;

	if (p->spill == NULL && (p->spill = tmpfile()) == NULL) {
		p->err = errno;
		return;
	}
	if (fwrite(&len, sizeof len, 1, p->spill) != 1 ||
	    fwrite(p->buf, 1, p->len, p->spill) != p->len) {
		p->err = errno != 0 ? errno : EIO;
		return;
	}
	p->len = 0;
}

void
pending_add(struct pending *p, const struct pend_rec *r)
{
	unsigned char	rec[P_MAX];
	size_t		len;

	if (p->err != 0)
		return;
	len = encode(r, rec);
	if (p->len + len > p->budget) {
		spill(p);
		if (p->err != 0)
			return;
	}
	if (p->len + len > p->cap) {
		p->cap = p->cap == 0 ? 4096 : p->cap * 2;
		if (p->cap > p->budget)
			p->cap = p->budget;
		p->buf = xreallocarray(p->buf, p->cap, 1);
	}
	memcpy(p->buf + p->len, rec, len);
	p->len += len;
	p->n++;
}

static int
each_in(const unsigned char *b, size_t len,
    int (*fn)(const struct pend_rec *, void *), void *arg)
{
	const unsigned char	*p = b, *end;
	struct pend_rec		 r;
	int			 rc;

	if (len == 0)
		return (0);	/* b may be NULL */
	end = b + len;
	while (p < end) {
		p = decode(p, &r);
		if ((rc = fn(&r, arg)) != 0)
			return (rc);
	}
	return (0);
}

int
pending_each(const struct pending *p, int (*fn)(const struct pend_rec *, void *),
    void *arg)
{
	unsigned char	*blk = NULL;
	uint64_t	 len;
	int		 rc = 0;

	if (p->err != 0) {
		errno = p->err;
		return (-1);
	}
	if (p->spill != NULL) {
		if (fflush(p->spill) != 0 || fseek(p->spill, 0, SEEK_SET) != 0)
			return (-1);
		blk = xmalloc(p->budget);
		while (rc == 0 && fread(&len, sizeof len, 1, p->spill) == 1) {
			if (len > p->budget || fread(blk, 1, (size_t)len,
			    p->spill) != len) {
				errno = ferror(p->spill) ? EIO : EINVAL;
				rc = -1;
				break;
			}
			rc = each_in(blk, (size_t)len, fn, arg);
		}
		if (rc == 0 && ferror(p->spill)) {
			errno = EIO;
			rc = -1;
		}
		free(blk);
		/* Later records are appended where they belong. */
		if (fseek(p->spill, 0, SEEK_END) != 0 && rc == 0)
			rc = -1;
	}
	if (rc == 0)
		rc = each_in(p->buf, p->len, fn, arg);
	return (rc);
}

struct move {
	struct pending	*d;
	const size_t	*map;
};

static int
move_one(const struct pend_rec *r, void *arg)
{
	struct move	*m = arg;
	struct pend_rec	 t = *r;

	if (m->map != NULL && t.value != PENDING_NO_VALUE)
		t.value = m->map[t.value];
	pending_add(m->d, &t);
	return (0);
}

void
pending_move(struct pending *d, struct pending *s, const size_t *map)
{
	struct move	m;

	m.d = d;
	m.map = map;
	if (s->n > 0 && pending_each(s, move_one, &m) != 0 && d->err == 0)
		d->err = errno != 0 ? errno : EIO;
	if (s->err != 0 && d->err == 0)
		d->err = s->err;
	pending_free(s);
	pending_init(s, d->budget);
}
