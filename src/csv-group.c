/*
 * csv-group.c - CSV rows gathered into journeys when a journey's rows are
 * not adjacent in the file. Each row is kept, with only the columns the
 * mapping reads, under the index its journey id got when it first
 * appeared (a string table); the journeys are then replayed in that order,
 * each row as the tokenizer gave it.
 *
 * Past the memory budget, as sort(1) does: the rows held are sorted by
 * journey id (then row) and written to a run, a scratch file in $TMPDIR,
 * and the store starts again. At the end the runs are merged by id, at
 * most CG_FANIN at a time, which gives each journey its rows together and
 * tells its first row; the rows are sorted again by that first row (in
 * memory, or through runs of their own), so the journeys come out in the
 * order of first appearance whatever was spilled.
 */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "csv-group.h"
#include "exitcode.h"
#include "strtab.h"
#include "varint.h"
#include "xmalloc.h"

#define NO_ROW		UINT64_MAX
#define CG_FANIN	16	/* runs merged at once */

/*
 * A row as kept: this head, then varints (LEB128): the record's offset,
 * line, lines more to its end, fields; its problem (0 none, else its line
 * after the record's first plus one, then the static text's pointer and
 * its column); then for each kept column the record has, in order, the
 * field's length, column and lines after the record's first, and its
 * bytes.
 */
struct krow {
	uint64_t	 next;		/* the journey's next row, or NO_ROW */
	uint64_t	 seq;		/* the row's number among those added */
	uint32_t	 size;		/* bytes of the row, this head included */
};

/* A row in a run: this head, the journey id, the row's bytes. */
struct rhead {
	uint64_t	key;		/* the journey's first row (second sort) */
	uint64_t	seq;
	uint32_t	idlen;
	uint32_t	size;
};

/* A row read back from a run or a sorter's buffer. */
struct rrec {
	struct rhead		 h;
	const char		*id;
	const unsigned char	*row;
};

/* A run being merged: its file and its current row. */
struct run {
	FILE		*f;
	struct rrec	 r;
	char		*id;
	unsigned char	*row;
	size_t		 idcap, rowcap;
};

/* Runs, in the order they were written. */
struct runs {
	FILE		**v;
	size_t		  n;
};

/* Rows sorted in memory by (key, seq), then spilled or replayed. */
struct sorter {
	unsigned char	*buf;
	size_t		 len, cap;
	struct sent {
		uint64_t	key, seq;
		size_t		off;
	}		*ents;
	size_t		 nents, sents;
	struct runs	 runs;
};

struct cgroup {
	size_t		 ncols;
	size_t		*kcols;		/* the kept columns, in order */
	size_t		 nkcols;
	size_t		 budget;
	struct strtab	 ids;		/* index: the journey's, in order */
	size_t		 idbytes;
	uint64_t	*head, *tail;	/* by journey */
	size_t		 jcap;
	unsigned char	*buf;
	size_t		 len, cap;
	uint64_t	 seq;		/* rows added */
	struct runs	 runs;		/* sorted by id */
	size_t		 nspilled;	/* runs written, both sorts */
	struct csv_field *f;		/* a replayed row */
	char		*scratch;	/* its fields' bytes, NUL-terminated */
	size_t		 scap;
};

/* Bytes rounded up to a multiple of 8. */
#define ALIGN8(n)	(((n) + 7) & ~(size_t)7)

/* What a malloc'd key costs beyond its bytes, roughly. */
#define KEY_OVERHEAD	16

struct cgroup *
cgroup_new(size_t ncols, const unsigned char *keep, size_t budget)
{
	struct cgroup	*g;
	size_t		 i;

	g = xcalloc(1, sizeof *g);
	g->ncols = ncols;
	g->kcols = xcalloc(ncols + 1, sizeof *g->kcols);
	for (i = 0; i < ncols; i++)
		if (keep[i])
			g->kcols[g->nkcols++] = i;
	g->budget = budget;
	strtab_init(&g->ids);
	g->f = xcalloc(ncols + 1, sizeof *g->f);
	return (g);
}

/* Room for n more bytes in a buffer; it grows by doubling, to at most limit bytes (0: none) unless one row needs more. */
static unsigned char *
room(size_t limit, unsigned char **buf, size_t len, size_t *cap, size_t n)
{
	size_t	want;

	if (len + n > *cap) {
		want = *cap * 2;
		if (limit > 0 && want > limit)
			want = limit;
		*cap = want > len + n ? want : len + n;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	return (*buf + len);
}

/* A write to a run failed. */
static int
write_failed(char **cause)
{
	*cause = xasprintf("cannot write a temporary file in %s: %s",
	    afile_tmpdir(), errno != 0 ? strerror(errno) : "write error");
	return (MOT_EXIT_IOERR);
}

/* Write a row to a run; 0, or -1. */
static int
put(FILE *f, uint64_t key, uint64_t seq, const char *id, size_t idlen,
    const unsigned char *row, size_t size)
{
	struct rhead	h;

	memset(&h, 0, sizeof h);
	h.key = key;
	h.seq = seq;
	h.idlen = (uint32_t)idlen;
	h.size = (uint32_t)size;
	if (fwrite(&h, sizeof h, 1, f) != 1 ||
	    (idlen > 0 && fwrite(id, idlen, 1, f) != 1) ||
	    fwrite(row, size, 1, f) != 1)
		return (-1);
	return (0);
}

/* A new run, written by the caller; 0, or an exit code with *cause. */
static int
run_new(struct runs *rs, size_t *nspilled, FILE **out, char **cause)
{
	FILE	*f;

	if ((f = afile_scratch("mot-csv", cause)) == NULL)
		return (MOT_EXIT_CANTCREAT);
	rs->v = xreallocarray(rs->v, rs->n + 1, sizeof *rs->v);
	rs->v[rs->n++] = f;
	(*nspilled)++;
	*out = f;
	return (0);
}

/* A run written in full: flushed and rewound for reading; 0, or an exit code. */
static int
run_done(FILE *f, char **cause)
{
	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		return (write_failed(cause));
	rewind(f);
	return (0);
}

static void
runs_free(struct runs *rs)
{
	size_t	i;

	for (i = 0; i < rs->n; i++)
		fclose(rs->v[i]);
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

/* The next row of a run: 1, 0 at its end, or -1 (a short read). */
static int
run_next(struct run *u)
{
	size_t	n;

	if ((n = fread(&u->r.h, 1, sizeof u->r.h, u->f)) == 0 && feof(u->f))
		return (0);
	if (n != sizeof u->r.h)
		return (-1);
	if (u->r.h.idlen + (size_t)1 > u->idcap) {
		u->idcap = u->r.h.idlen * (size_t)2 + 16;
		u->id = xreallocarray(u->id, u->idcap, 1);
	}
	if (u->r.h.size > u->rowcap) {
		u->rowcap = u->r.h.size * (size_t)2;
		u->row = xreallocarray(u->row, u->rowcap, 1);
	}
	if ((u->r.h.idlen > 0 && fread(u->id, u->r.h.idlen, 1, u->f) != 1) ||
	    fread(u->row, u->r.h.size, 1, u->f) != 1)
		return (-1);
	u->id[u->r.h.idlen] = '\0';
	u->r.id = u->id;
	u->r.row = u->row;
	return (1);
}

/* The first sort: by journey id, then row. */
static int
by_id(const struct rrec *a, const struct rrec *b)
{
	size_t	n = a->h.idlen < b->h.idlen ? a->h.idlen : b->h.idlen;
	int	c;

	if ((c = memcmp(a->id, b->id, n)) != 0)
		return (c);
	if (a->h.idlen != b->h.idlen)
		return (a->h.idlen < b->h.idlen ? -1 : 1);
	return (a->h.seq < b->h.seq ? -1 : a->h.seq > b->h.seq);
}

/* The second sort: by the journey's first row, then row. */
static int
by_key(const struct rrec *a, const struct rrec *b)
{
	if (a->h.key != b->h.key)
		return (a->h.key < b->h.key ? -1 : 1);
	return (a->h.seq < b->h.seq ? -1 : a->h.seq > b->h.seq);
}

typedef int	(*rrec_cmp)(const struct rrec *, const struct rrec *);
/* Where merged rows go: 0 goes on, else it stops with that code. */
typedef int	(*rrec_emit)(void *, const struct rrec *, char **);

/* Merge runs v[0..n) in the order cmp gives, each row to emit; 0, or an exit code. */
static int
merge(FILE **v, size_t n, rrec_cmp cmp, rrec_emit emit, void *arg,
    char **cause)
{
	struct run	*u;
	size_t		 i, best, live = 0;
	int		 k, rc = 0;

	u = xcalloc(n, sizeof *u);
	for (i = 0; i < n && rc == 0; i++) {
		u[i].f = v[i];
		if ((k = run_next(&u[i])) < 0)
			rc = MOT_EXIT_IOERR;
		else if (k == 0)
			u[i].f = NULL;
		else
			live++;
	}
	while (rc == 0 && live > 0) {
		best = n;
		for (i = 0; i < n; i++)
			if (u[i].f != NULL && (best == n ||
			    cmp(&u[i].r, &u[best].r) < 0))
				best = i;
		if ((rc = emit(arg, &u[best].r, cause)) != 0)
			break;
		if ((k = run_next(&u[best])) < 0)
			rc = MOT_EXIT_IOERR;
		else if (k == 0) {
			u[best].f = NULL;
			live--;
		}
	}
	if (rc == MOT_EXIT_IOERR && *cause == NULL)
		*cause = xasprintf("a temporary file in %s was cut short",
		    afile_tmpdir());
	for (i = 0; i < n; i++) {
		free(u[i].id);
		free(u[i].row);
	}
	free(u);
	return (rc);
}

static int
emit_to_file(void *arg, const struct rrec *r, char **cause)
{
	if (put(arg, r->h.key, r->h.seq, r->id, r->h.idlen, r->row,
	    r->h.size) != 0)
		return (write_failed(cause));
	return (0);
}

/* Merge runs CG_FANIN at a time until at most CG_FANIN are left; 0, or an exit code. */
static int
reduce(struct runs *rs, size_t *nspilled, rrec_cmp cmp, char **cause)
{
	FILE	*out;
	size_t	 i;
	int	 rc;

	while (rs->n > CG_FANIN) {
		if ((rc = run_new(rs, nspilled, &out, cause)) != 0 ||
		    (rc = merge(rs->v, CG_FANIN, cmp, emit_to_file, out,
		    cause)) != 0 || (rc = run_done(out, cause)) != 0)
			return (rc);
		for (i = 0; i < CG_FANIN; i++)
			fclose(rs->v[i]);
		memmove(rs->v, rs->v + CG_FANIN,
		    (rs->n - CG_FANIN) * sizeof *rs->v);
		rs->n -= CG_FANIN;
	}
	return (0);
}

/* The row at p, its fields in g->f; the offset of the journey's next row. */
static uint64_t
replay(struct cgroup *g, const unsigned char *p, struct csv_record *rec)
{
	struct krow		 row;
	const unsigned char	*q;
	const char		*problem = NULL;
	uint64_t		 off, line, more, n, pl, pcol = 0, len, fcol, dl;
	size_t			 i, k, used = 0;

	memcpy(&row, p, sizeof row);
	if (row.size + g->ncols + 1 > g->scap) {
		g->scap = row.size * 2 + g->ncols + 16;
		g->scratch = xreallocarray(g->scratch, g->scap, 1);
	}
	q = varint_get(p + sizeof row, &off);
	q = varint_get(q, &line);
	q = varint_get(q, &more);
	q = varint_get(q, &n);
	q = varint_get(q, &pl);
	if (pl != 0) {
		memcpy(&problem, q, sizeof problem);
		q = varint_get(q + sizeof problem, &pcol);
	}
	for (i = 0; i < n && i < g->ncols; i++) {
		g->f[i].s = "";
		g->f[i].len = 0;
		g->f[i].line = line;
		g->f[i].col = 0;
	}
	for (i = 0; i < g->nkcols && g->kcols[i] < n; i++) {
		k = g->kcols[i];
		q = varint_get(q, &len);
		q = varint_get(q, &fcol);
		q = varint_get(q, &dl);
		memcpy(g->scratch + used, q, len);
		g->scratch[used + len] = '\0';
		g->f[k].s = g->scratch + used;
		g->f[k].len = len;
		g->f[k].col = (unsigned)fcol;
		g->f[k].line = line + dl;
		q += len;
		used += len + 1;
	}
	memset(rec, 0, sizeof *rec);
	rec->f = g->f;
	rec->n = n;
	rec->line = line;
	rec->end_line = line + more;
	rec->offset = off;
	rec->problem = problem;
	rec->pline = pl != 0 ? line + pl - 1 : 0;
	rec->pcol = (unsigned)pcol;
	return (row.next);
}

/* The journey at index j, in the store. */
static const char *
store_id(const struct cgroup *g, size_t j, size_t *len)
{
	*len = g->ids.lens[j];
	return (strtab_key(&g->ids, j));
}

/* A journey of the store, for the first sort. */
struct sid {
	const char	*s;
	size_t		 len, j;
};

static int
cmp_sid(const void *a, const void *b)
{
	const struct sid	*x = a, *y = b;
	int			 c;

	if ((c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len)) != 0)
		return (c);
	return (x->len < y->len ? -1 : x->len > y->len);
}

/* Empty the store into a run sorted by id; 0, or an exit code with *cause. */
static int
spill(struct cgroup *g, char **cause)
{
	struct krow	 row;
	struct sid	*order;
	FILE		*f;
	size_t		 i;
	uint64_t	 at;
	int		 rc;

	if (g->ids.n == 0)
		return (0);
	if ((rc = run_new(&g->runs, &g->nspilled, &f, cause)) != 0)
		return (rc);
	order = xreallocarray(NULL, g->ids.n, sizeof *order);
	for (i = 0; i < g->ids.n; i++) {
		order[i].s = store_id(g, i, &order[i].len);
		order[i].j = i;
	}
	qsort(order, g->ids.n, sizeof *order, cmp_sid);
	for (i = 0; i < g->ids.n && rc == 0; i++) {
		for (at = g->head[order[i].j]; at != NO_ROW && rc == 0;
		    at = row.next) {
			memcpy(&row, g->buf + at, sizeof row);
			if (put(f, 0, row.seq, order[i].s, order[i].len,
			    g->buf + at, row.size) != 0)
				rc = write_failed(cause);
		}
	}
	free(order);
	if (rc == 0)
		rc = run_done(f, cause);
	strtab_free(&g->ids);
	strtab_init(&g->ids);
	g->idbytes = 0;
	g->len = 0;
	return (rc);
}

int
cgroup_add(struct cgroup *g, const char *id, size_t idlen,
    const struct csv_record *rec, char **cause)
{
	struct krow	 row;
	unsigned char	*p, *q;
	uint64_t	 at = g->len;
	size_t		 i, j, k, n0, need, others;

	need = sizeof row + 5 * VARINT_MAX + sizeof rec->problem;
	for (i = 0; i < g->nkcols && g->kcols[i] < rec->n; i++)
		need += 3 * VARINT_MAX + rec->f[g->kcols[i]].len;
	/* The store's buffer and the rest stay within the budget. */
	others = cgroup_bytes(g) - g->len;
	p = room(g->budget == 0 ? 0 : others < g->budget ? g->budget - others :
	    1, &g->buf, g->len, &g->cap, need);
	q = varint_put(p + sizeof row, rec->offset);
	q = varint_put(q, rec->line);
	q = varint_put(q, rec->end_line - rec->line);
	q = varint_put(q, rec->n);
	if (rec->problem != NULL) {
		q = varint_put(q, rec->pline - rec->line + 1);
		memcpy(q, &rec->problem, sizeof rec->problem);
		q = varint_put(q + sizeof rec->problem, rec->pcol);
	} else
		q = varint_put(q, 0);
	for (i = 0; i < g->nkcols && g->kcols[i] < rec->n; i++) {
		k = g->kcols[i];
		q = varint_put(q, rec->f[k].len);
		q = varint_put(q, rec->f[k].col);
		q = varint_put(q, rec->f[k].line - rec->line);
		memcpy(q, rec->f[k].s, rec->f[k].len);
		q += rec->f[k].len;
	}
	memset(&row, 0, sizeof row);	/* no padding left unset in a run */
	row.next = NO_ROW;
	row.seq = g->seq++;
	row.size = (uint32_t)(q - p);
	memcpy(p, &row, sizeof row);
	g->len += row.size;
	n0 = g->ids.n;
	j = strtab_intern(&g->ids, id, idlen);
	if (g->ids.n > n0) {		/* a new journey */
		if (j >= g->jcap) {
			g->jcap = g->jcap == 0 ? 1024 : g->jcap * 2;
			g->head = xreallocarray(g->head, g->jcap,
			    sizeof *g->head);
			g->tail = xreallocarray(g->tail, g->jcap,
			    sizeof *g->tail);
		}
		g->head[j] = at;
		g->idbytes += idlen + 1 + KEY_OVERHEAD;
	} else				/* after the journey's last row */
		memcpy(g->buf + g->tail[j] + offsetof(struct krow, next), &at,
		    sizeof at);
	g->tail[j] = at;
	if (g->budget > 0 && cgroup_bytes(g) > g->budget)
		return (spill(g, cause));
	return (0);
}

size_t
cgroup_bytes(const struct cgroup *g)
{
	return (g->len + g->idbytes + g->jcap * 2 * sizeof *g->head +
	    g->ids.nslots * sizeof *g->ids.slots + g->ids.cap *
	    (sizeof *g->ids.keys + sizeof *g->ids.lens + 2 * sizeof (uint64_t)));
}

size_t
cgroup_runs(const struct cgroup *g)
{
	return (g->nspilled);
}

/* Keep a row for the second sort; 0, or an exit code with *cause. */
static int
sorter_add(struct sorter *s, const struct rrec *r, size_t budget,
    size_t *nspilled, char **cause);

/* Journeys replayed from rows in the second sort's order. */
struct replayer {
	struct cgroup		*g;
	const struct cgroup_fns	*fns;
	void			*arg;
	uint64_t		 key;
	int			 in;
};

static int
emit_replay(void *arg, const struct rrec *r, char **cause)
{
	struct replayer		*p = arg;
	struct csv_record	 rec;
	int			 rc;

	(void)cause;
	replay(p->g, r->row, &rec);
	if (!p->in || r->h.key != p->key) {
		if (p->in && (rc = p->fns->end(p->arg)) != 0)
			return (rc);
		p->in = 1;
		p->key = r->h.key;
		if ((rc = p->fns->begin(p->arg, r->id, r->h.idlen, &rec)) != 0)
			return (rc);
	}
	return (p->fns->row(p->arg, &rec));
}

/* The first sort merged: each journey's rows, told their first. */
struct regrouper {
	struct sorter	*s;
	size_t		 budget;
	size_t		*nspilled;
	uint64_t	 key;
	char		*id;
	size_t		 idlen, idcap;
	int		 any;
};

static int
emit_regroup(void *arg, const struct rrec *r, char **cause)
{
	struct regrouper	*q = arg;
	struct rrec		 k = *r;

	if (!q->any || r->h.idlen != q->idlen ||
	    memcmp(r->id, q->id, q->idlen) != 0) {
		q->any = 1;
		q->key = r->h.seq;	/* rows of an id come in file order */
		if (r->h.idlen + (size_t)1 > q->idcap) {
			q->idcap = r->h.idlen * (size_t)2 + 16;
			q->id = xreallocarray(q->id, q->idcap, 1);
		}
		memcpy(q->id, r->id, r->h.idlen);
		q->idlen = r->h.idlen;
	}
	k.h.key = q->key;
	return (sorter_add(q->s, &k, q->budget, q->nspilled, cause));
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct sent	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key < y->key ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* The sorter's row at entry e. */
static void
sorter_rec(const struct sorter *s, const struct sent *e, struct rrec *r)
{
	memcpy(&r->h, s->buf + e->off, sizeof r->h);
	r->id = (const char *)s->buf + e->off + sizeof r->h;
	r->row = s->buf + e->off + sizeof r->h + ALIGN8(r->h.idlen + 1);
}

/* The sorter's rows in order, to emit; 0, or what emit returned. */
static int
sorter_each(struct sorter *s, rrec_emit emit, void *arg, char **cause)
{
	struct rrec	r;
	size_t		i;
	int		rc;

	qsort(s->ents, s->nents, sizeof *s->ents, cmp_ent);
	for (i = 0; i < s->nents; i++) {
		sorter_rec(s, &s->ents[i], &r);
		if ((rc = emit(arg, &r, cause)) != 0)
			return (rc);
	}
	return (0);
}

/* Empty the sorter into a run; 0, or an exit code with *cause. */
static int
sorter_spill(struct sorter *s, size_t *nspilled, char **cause)
{
	FILE	*f;
	int	 rc;

	if ((rc = run_new(&s->runs, nspilled, &f, cause)) != 0 ||
	    (rc = sorter_each(s, emit_to_file, f, cause)) != 0 ||
	    (rc = run_done(f, cause)) != 0)
		return (rc);
	s->len = 0;
	s->nents = 0;
	return (0);
}

static int
sorter_add(struct sorter *s, const struct rrec *r, size_t budget,
    size_t *nspilled, char **cause)
{
	size_t		 idsz = ALIGN8(r->h.idlen + (size_t)1);
	size_t		 need = sizeof r->h + idsz + r->h.size;
	unsigned char	*p;

	p = room(budget == 0 ? 0 : budget > s->sents * sizeof *s->ents ?
	    budget - s->sents * sizeof *s->ents : 1, &s->buf, s->len, &s->cap,
	    need);
	memset(p, 0, sizeof r->h + idsz);
	memcpy(p, &r->h, sizeof r->h);
	memcpy(p + sizeof r->h, r->id, r->h.idlen);
	p[sizeof r->h + r->h.idlen] = '\0';
	memcpy(p + sizeof r->h + idsz, r->row, r->h.size);
	if (s->nents == s->sents) {
		s->sents = s->sents == 0 ? 1024 : s->sents * 2;
		s->ents = xreallocarray(s->ents, s->sents, sizeof *s->ents);
	}
	s->ents[s->nents].key = r->h.key;
	s->ents[s->nents].seq = r->h.seq;
	s->ents[s->nents++].off = s->len;
	s->len += need;
	if (budget > 0 && s->len + s->sents * sizeof *s->ents > budget)
		return (sorter_spill(s, nspilled, cause));
	return (0);
}

/* Journeys from the runs: merged by id, sorted again by first row, replayed. */
static int
each_spilled(struct cgroup *g, struct replayer *p, char **cause)
{
	struct sorter		s;
	struct regrouper	q;
	int			rc;

	if ((rc = spill(g, cause)) != 0)
		return (rc);
	free(g->buf);			/* the store is done with */
	g->buf = NULL;
	g->cap = 0;
	memset(&s, 0, sizeof s);
	memset(&q, 0, sizeof q);
	q.s = &s;
	q.budget = g->budget;
	q.nspilled = &g->nspilled;
	if ((rc = reduce(&g->runs, &g->nspilled, by_id, cause)) == 0)
		rc = merge(g->runs.v, g->runs.n, by_id, emit_regroup, &q,
		    cause);
	runs_free(&g->runs);
	free(q.id);
	if (rc == 0 && s.runs.n == 0)
		rc = sorter_each(&s, emit_replay, p, cause);
	else if (rc == 0 && (rc = sorter_spill(&s, &g->nspilled,
	    cause)) == 0) {
		free(s.buf);
		s.buf = NULL;
		if ((rc = reduce(&s.runs, &g->nspilled, by_key, cause)) == 0)
			rc = merge(s.runs.v, s.runs.n, by_key, emit_replay, p,
			    cause);
	}
	runs_free(&s.runs);
	free(s.buf);
	free(s.ents);
	return (rc);
}

int
cgroup_each(struct cgroup *g, const struct cgroup_fns *fns, void *arg,
    char **cause)
{
	struct replayer		 p = { g, fns, arg, 0, 0 };
	struct csv_record	 rec;
	uint64_t		 at;
	size_t			 j, len;
	const char		*id;
	int			 rc;

	if (g->runs.n > 0) {
		if ((rc = each_spilled(g, &p, cause)) == 0 && p.in)
			rc = fns->end(arg);
		return (rc);
	}
	for (j = 0; j < g->ids.n; j++) {
		at = replay(g, g->buf + g->head[j], &rec);
		id = store_id(g, j, &len);
		if ((rc = fns->begin(arg, id, len, &rec)) != 0 ||
		    (rc = fns->row(arg, &rec)) != 0)
			return (rc);
		while (at != NO_ROW) {
			at = replay(g, g->buf + at, &rec);
			if ((rc = fns->row(arg, &rec)) != 0)
				return (rc);
		}
		if ((rc = fns->end(arg)) != 0)
			return (rc);
	}
	return (0);
}

void
cgroup_free(struct cgroup *g)
{
	if (g == NULL)
		return;
	runs_free(&g->runs);
	strtab_free(&g->ids);
	free(g->kcols);
	free(g->scratch);
	free(g->head);
	free(g->tail);
	free(g->buf);
	free(g->f);
	free(g);
}
