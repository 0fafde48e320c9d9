/*
 * csv-group.c - CSV rows gathered into journeys when a journey's rows are
 * not adjacent in the file: each row is kept, with only the columns the
 * mapping reads, under the index its journey id got when it first
 * appeared (a string table); then the journeys are replayed in that
 * order, each row as the tokenizer gave it.
 */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv-group.h"
#include "strtab.h"
#include "xmalloc.h"

#define NO_ROW	UINT64_MAX

/* A row as kept: its fields follow, each a struct kfield and its bytes. */
struct krow {
	uint64_t	 next;		/* the journey's next row, or NO_ROW */
	uint64_t	 offset;
	unsigned long	 line, end_line, pline;
	const char	*problem;
	uint32_t	 pcol;
	uint32_t	 n;		/* fields in the row */
	uint32_t	 nkept;
};
struct kfield {
	uint32_t	col;		/* the column */
	uint32_t	len;
	uint32_t	fcol;
	uint32_t	dline;		/* its line, after the row's first */
};

struct cgroup {
	size_t		 ncols;
	unsigned char	*keep;
	struct strtab	 ids;		/* index: the journey's, in order */
	uint64_t	*head, *tail;	/* by journey */
	size_t		 jcap;
	unsigned char	*buf;
	size_t		 len, cap;
	struct csv_field *f;		/* a replayed row */
};

/* Bytes rounded up to a multiple of 8. */
#define ALIGN8(n)	(((n) + 7) & ~(size_t)7)

struct cgroup *
cgroup_new(size_t ncols, const unsigned char *keep)
{
	struct cgroup	*g;

	g = xcalloc(1, sizeof *g);
	g->ncols = ncols;
	g->keep = xcalloc(ncols + 1, 1);
	memcpy(g->keep, keep, ncols);
	strtab_init(&g->ids);
	g->f = xcalloc(ncols + 1, sizeof *g->f);
	return (g);
}

/* Room for n more bytes. */
static unsigned char *
room(struct cgroup *g, size_t n)
{
	if (g->len + n > g->cap) {
		g->cap = g->cap * 2 > g->len + n ? g->cap * 2 : g->len + n;
		g->buf = xreallocarray(g->buf, g->cap, 1);
	}
	return (g->buf + g->len);
}

void
cgroup_add(struct cgroup *g, const char *id, size_t idlen,
    const struct csv_record *rec)
{
	struct krow	 row;
	struct kfield	 kf;
	uint64_t	 at = g->len;
	size_t		 i, j, n0, need = ALIGN8(sizeof row);

	memset(&row, 0, sizeof row);
	row.next = NO_ROW;
	row.offset = rec->offset;
	row.line = rec->line;
	row.end_line = rec->end_line;
	row.problem = rec->problem;
	row.pline = rec->pline;
	row.pcol = rec->pcol;
	row.n = (uint32_t)rec->n;
	for (i = 0; i < rec->n && i < g->ncols; i++) {
		if (g->keep[i]) {
			row.nkept++;
			need += ALIGN8(sizeof kf + rec->f[i].len + 1);
		}
	}
	memcpy(room(g, need), &row, sizeof row);
	g->len += ALIGN8(sizeof row);
	for (i = 0; i < rec->n && i < g->ncols; i++) {
		if (!g->keep[i])
			continue;
		kf.col = (uint32_t)i;
		kf.len = (uint32_t)rec->f[i].len;
		kf.fcol = rec->f[i].col;
		kf.dline = (uint32_t)(rec->f[i].line - rec->line);
		memcpy(g->buf + g->len, &kf, sizeof kf);
		memcpy(g->buf + g->len + sizeof kf, rec->f[i].s, kf.len);
		g->buf[g->len + sizeof kf + kf.len] = '\0';
		g->len += ALIGN8(sizeof kf + kf.len + 1);
	}
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
	} else				/* after the journey's last row */
		memcpy(g->buf + g->tail[j] + offsetof(struct krow, next), &at,
		    sizeof at);
	g->tail[j] = at;
}

size_t
cgroup_bytes(const struct cgroup *g)
{
	return (g->cap + g->jcap * 2 * sizeof *g->head +
	    g->ids.nslots * sizeof *g->ids.slots + g->ids.cap *
	    (sizeof *g->ids.keys + sizeof *g->ids.lens + 2 * sizeof (uint64_t)));
}

/* The row at offset at, its fields in g->f; the offset of the journey's next row. */
static uint64_t
replay(struct cgroup *g, uint64_t at, struct csv_record *rec)
{
	struct krow	 row;
	struct kfield	 kf;
	size_t		 i, off;

	memcpy(&row, g->buf + at, sizeof row);
	for (i = 0; i < row.n && i < g->ncols; i++) {
		g->f[i].s = "";
		g->f[i].len = 0;
		g->f[i].line = row.line;
		g->f[i].col = 0;
	}
	off = at + ALIGN8(sizeof row);
	for (i = 0; i < row.nkept; i++) {
		memcpy(&kf, g->buf + off, sizeof kf);
		g->f[kf.col].s = (const char *)g->buf + off + sizeof kf;
		g->f[kf.col].len = kf.len;
		g->f[kf.col].col = kf.fcol;
		g->f[kf.col].line = row.line + kf.dline;
		off += ALIGN8(sizeof kf + kf.len + 1);
	}
	memset(rec, 0, sizeof *rec);
	rec->f = g->f;
	rec->n = row.n;
	rec->line = row.line;
	rec->end_line = row.end_line;
	rec->offset = row.offset;
	rec->problem = row.problem;
	rec->pline = row.pline;
	rec->pcol = row.pcol;
	return (row.next);
}

int
cgroup_each(struct cgroup *g, const struct cgroup_fns *fns, void *arg)
{
	struct csv_record	 rec;
	uint64_t		 at;
	size_t			 j;
	int			 rc;

	for (j = 0; j < g->ids.n; j++) {
		at = replay(g, g->head[j], &rec);
		if ((rc = fns->begin(arg, strtab_key(&g->ids, j),
		    g->ids.lens[j], &rec)) != 0 ||
		    (rc = fns->row(arg, &rec)) != 0)
			return (rc);
		while (at != NO_ROW) {
			at = replay(g, at, &rec);
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
	strtab_free(&g->ids);
	free(g->keep);
	free(g->head);
	free(g->tail);
	free(g->buf);
	free(g->f);
	free(g);
}
