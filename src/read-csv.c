/*
 * read-csv.c - CSV event logs and case tables (docs/format.md#csv): the
 * expectations' <csv> mapping says which columns make a journey's id, its
 * attributes and its touchpoints. Rows of a journey may lie anywhere in
 * the file: a first pass over a file tells whether each journey's rows are
 * adjacent; then the journeys stream, one at a time, or are gathered
 * (src/csv-group.c), in the order in which they first appear.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "afile.h"
#include "csv.h"
#include "csv-group.h"
#include "csvmap.h"
#include "exitcode.h"
#include "input.h"
#include "log.h"
#include "read-int.h"
#include "split.h"
#include "suggest.h"
#include "timefmt.h"
#include "xmalloc.h"

/* No column. */
#define NO_COL	SIZE_MAX

/* A <touchpoint> of the mapping, its columns resolved. */
struct ctp {
	const struct csv_tpmap	*map;
	size_t			 col[CSVR_N];	/* by role, or NO_COL */
	size_t			*name_cols;
	const char		*name;		/* fixed, or NULL */
	long			 ref;		/* of the fixed name, or -1 */
};

/* An <attribute> of the mapping, its column resolved. */
struct cattr {
	const struct csv_attrmap *map;
	size_t			  col;
	int			  keep;		/* the run uses it */
	int			  time;		/* ... as a time (read_opts.time_attrs) */
	char			 *first;	/* the journey's first value */
	size_t			  len, cap;
	uint32_t		  gen;		/* first is set: c->gen */
};

/* A touchpoint already made from a name= mapping: one per time. */
struct seen {
	uint32_t	gen;
	uint32_t	tp;
	mot_time	start, end;
};
#define SEEN_MIN	64

/* The format's state. */
struct crd {
	const struct csv_map	*m;
	const struct tz		*zone;		/* zone=, else --assume-zone */
	struct input_src	*in;
	struct csv		*csv;
	struct csv_opts		 copts;
	char			**cols;		/* the header's names */
	size_t			 ncols;
	size_t			*jcols;		/* the id's columns */
	struct cattr		*attrs;
	struct ctp		*tps;
	/* Where the reader is, for messages. */
	unsigned long		 line;
	unsigned		 col;
	/* The journey being read: its id (NULL: a row without one). */
	char			*id;
	size_t			 idlen, idcap;
	char			*key;		/* scratch for ids and names */
	size_t			 keycap;
	struct seen		*seen;
	size_t			 nseen;		/* slots, a power of 2 */
	size_t			 seen_used;
	uint32_t		 gen;
	int			 stop_rc;
	char			*stop_cause;
	long			 line_delta;	/* a piece's lines before it */
	size_t			 by_col;	/* read_opts.tp_attr's column, or NO_COL */
};

static unsigned long
csv_where(void *arg, unsigned *col)
{
	struct crd	*c = arg;

	*col = c->col;
	return (c->line + (unsigned long)c->line_delta);
}

static void
csv_stop(void *arg, int rc, char *cause)
{
	struct crd	*c = arg;

	if (c->stop_rc == 0) {
		c->stop_rc = rc;
		c->stop_cause = cause;
	} else
		free(cause);
}

static const struct rd_source csv_source = { csv_where, csv_stop };

/* The tokenizer's bytes: the input's, with the gzip cap. */
static ssize_t
csv_input(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	return (input_read(arg, buf, n, code, msg));
}

/* Whether a field means "no value": empty, or one of the missing tokens. */
static int
missing(const struct crd *c, const struct csv_field *f)
{
	size_t	i;

	if (f->len == 0)
		return (1);
	for (i = 0; i < c->m->nmissing; i++) {
		if (strlen(c->m->missing[i]) == f->len &&
		    memcmp(c->m->missing[i], f->s, f->len) == 0)
			return (1);
	}
	return (0);
}

/* The field of column k of a record, or NULL when the row is too short. */
static const struct csv_field *
field(const struct csv_record *rec, size_t k)
{
	return (k < rec->n ? &rec->f[k] : NULL);
}

/* Append a field to the scratch key at len, after sep (0: none); the new length, the key NUL-terminated. */
static size_t
key_append(struct crd *c, size_t len, int sep, const struct csv_field *f)
{
	size_t	need = len + f->len + 2;

	if (need > c->keycap) {
		c->keycap = need * 2;
		c->key = xreallocarray(c->key, c->keycap, 1);
	}
	if (sep != 0)
		c->key[len++] = (char)sep;
	memcpy(c->key + len, f->s, f->len);
	len += f->len;
	c->key[len] = '\0';
	return (len);
}

/* Build the journey id of a row in c->key: its length, or -1 when one of its columns is missing. */
static long
row_id(struct crd *c, const struct csv_record *rec)
{
	const struct csv_field	*f;
	size_t			 i, len = 0;

	for (i = 0; i < c->m->njourney_cols; i++) {
		if ((f = field(rec, c->jcols[i])) == NULL || missing(c, f))
			return (-1);
		len = key_append(c, len, i > 0 ? '/' : 0, f);
	}
	c->key[len] = '\0';
	return ((long)len);
}

/* Parse a time field: 0, or -1 (reported: the journey is rejected). */
static int
parse_time(struct rd *r, struct crd *c, const char *role,
    const struct csv_field *f, mot_time *t)
{
	const char	*why;
	size_t		 at = 0;
	int		 rc;

	c->line = f->line;
	c->col = f->col;
	if (c->m->tf != NULL)
		rc = timefmt_parse_at(c->m->tf, f->s, f->len, c->zone, t, &why,
		    &at);
	else if (isotime_fast(&r->dates, f->s, f->len, t))
		rc = 0;
	else
		rc = isotime_parse(f->s, f->len, c->zone, t, &why);
	if (r->o->seen != NULL && (rc == 0 || rc == TIMEFMT_NO_OFFSET))
		rd_seen_time(r, f->s, f->len);
	if (rc == 0)
		return (0);
	if (rc == TIMEFMT_NO_OFFSET)
		rd_problem(r, 1, "time without offset", "%s \"%.60s\": a time "
		    "without a UTC offset; give the zone in <csv zone=...> or "
		    "--assume-zone", role, f->s);
	else if (timefmt_is_clock_only(f->s, f->len))
		rd_problem(r, 1, "time without date", "%s \"%.60s\": a time "
		    "of day without a date; the file does not say which day, "
		    "and the mapping cannot give one", role, f->s);
	else if (c->m->tf != NULL)
		rd_problem(r, 1, "bad time", "%s \"%.60s\" does not match "
		    "time-format \"%s\" at character %zu: %s", role, f->s,
		    timefmt_text(c->m->tf), at + 1, why);
	else
		rd_problem(r, 1, "bad time", "%s \"%.60s\": %s (give the "
		    "layout in <csv time-format=...>)", role, f->s, why);
	return (-1);
}

/* Whether a name= touchpoint of mapping k at start, end was made already; else remember it. */
static int
seen_before(struct crd *c, uint32_t k, mot_time start, mot_time end)
{
	struct seen	*s, *old;
	size_t		 i, n, h;

	if (c->seen_used * 2 >= c->nseen) {	/* grow, keeping this journey's */
		old = c->seen;
		n = c->nseen;
		c->nseen = n == 0 ? SEEN_MIN : n * 2;
		c->seen = xcalloc(c->nseen, sizeof *c->seen);
		c->seen_used = 0;
		for (i = 0; i < n; i++) {
			if (old[i].gen == c->gen)
				(void)seen_before(c, old[i].tp, old[i].start,
				    old[i].end);
		}
		free(old);
	}
	h = (size_t)XXH3_64bits_withSeed(&start, sizeof start, k ^
	    (uint64_t)end);
	for (i = h & (c->nseen - 1);; i = (i + 1) & (c->nseen - 1)) {
		s = &c->seen[i];
		if (s->gen != c->gen)
			break;
		if (s->tp == k && s->start == start && s->end == end)
			return (1);
	}
	s->gen = c->gen;
	s->tp = k;
	s->start = start;
	s->end = end;
	c->seen_used++;
	return (0);
}

/* The name of a name-columns= touchpoint, in the journey's arena; NULL (reported) when a column is missing. */
static const char *
column_name(struct rd *r, struct crd *c, const struct ctp *t,
    const struct csv_record *rec, long *ref)
{
	const struct csv_field	*f;
	size_t			 i, len = 0;
	long			 k;

	for (i = 0; i < t->map->nname_cols; i++) {
		if ((f = field(rec, t->name_cols[i])) == NULL ||
		    missing(c, f)) {
			rd_problem(r, 1, "touchpoint without name", "touchpoint "
			    "without a name: column \"%s\" has no value",
			    t->map->name_cols[i]);
			return (NULL);
		}
		len = key_append(c, len, i > 0 ? '+' : 0, f);
	}
	c->key[len] = '\0';
	if (r->o->names != NULL &&
	    (k = strtab_find(r->o->names, c->key, len)) >= 0) {
		*ref = k;
		return (strtab_key(r->o->names, (size_t)k));
	}
	*ref = -1;
	return (rd_dupn(r, c->key, len));
}

/* A text field of a touchpoint, or NULL when missing. */
static const char *
text(struct rd *r, struct crd *c, const struct csv_record *rec, size_t k)
{
	const struct csv_field	*f;

	if (k == NO_COL || (f = field(rec, k)) == NULL || missing(c, f))
		return (NULL);
	return (rd_dupn(r, f->s, f->len));
}

/* The touchpoint a row yields for mapping k, when its time column has a value. */
static void
row_touchpoint(struct rd *r, struct crd *c, uint32_t k,
    const struct csv_record *rec)
{
	const struct ctp	*t = &c->tps[k];
	const struct csv_tpmap	*tm = t->map;
	const struct csv_field	*fs, *fe = NULL, *f;
	struct touchpoint	*tp;
	const char		*name, *role;
	mot_time		 start, end;
	long			 ref = t->ref;
	int			 instant = t->col[CSVR_AT] != NO_COL;
	enum csv_role		 q;

	role = instant ? tm->col[CSVR_AT] : tm->col[CSVR_START];
	fs = field(rec, instant ? t->col[CSVR_AT] : t->col[CSVR_START]);
	if (fs == NULL || missing(c, fs))
		return;
	if (!instant && t->col[CSVR_END] != NO_COL &&
	    (fe = field(rec, t->col[CSVR_END])) != NULL && missing(c, fe))
		fe = NULL;
	if (parse_time(r, c, role, fs, &start) != 0)
		return;
	end = instant ? start : MOT_TIME_NONE;
	if (fe != NULL && parse_time(r, c, tm->col[CSVR_END], fe, &end) != 0)
		return;
	if (t->name != NULL && seen_before(c, k, start, end))
		return;		/* the same time on another row */
	r->st->touchpoints++;
	if (RD_FULL(r, FULL_NO))
		return;
	if (t->name != NULL)
		name = t->name;
	else if ((name = column_name(r, c, t, rec, &ref)) == NULL)
		return;
	tp = journey_add_touchpoint(r->j);
	tp->name = name;
	tp->ref = (int)ref;
	tp->start = start;
	tp->end = end;
	tp->kind = instant ? TP_INSTANT : fe != NULL ? TP_INTERVAL : TP_OPEN;
	if (fe != NULL && end < start) {
		c->line = fe->line;
		c->col = fe->col;
		rd_problem(r, 1, "ends before it starts", "touchpoint \"%s\" "
		    "ends before it starts", name);
	}
	for (q = CSVR_PROMISED; q <= CSVR_REVISED; q++) {
		if (t->col[q] == NO_COL || (f = field(rec, t->col[q])) ==
		    NULL || missing(c, f))
			continue;
		(void)parse_time(r, c, tm->col[q], f, q == CSVR_PROMISED ?
		    &tp->promised : q == CSVR_NOTIFIED ? &tp->notified :
		    &tp->revised);
	}
	if (!r->o->no_channel)
		tp->channel = text(r, c, rec, t->col[CSVR_CHANNEL]);
	if (!r->o->no_actor)
		tp->actor = text(r, c, rec, t->col[CSVR_ACTOR]);
	tp->team = text(r, c, rec, t->col[CSVR_TEAM]);
	tp->status = text(r, c, rec, t->col[CSVR_STATUS]);
	tp->by = text(r, c, rec, c->by_col);
}

/* A journey attribute: the first value; a different one later is a warning. */
static void
row_attr(struct rd *r, struct crd *c, struct cattr *a,
    const struct csv_record *rec)
{
	const struct csv_field	*f;
	mot_time		 t;
	char			 iso[40];

	if (a->map->touchpoint || (f = field(rec, a->col)) == NULL ||
	    missing(c, f))
		return;
	if (a->gen != c->gen) {		/* the journey's first value */
		if (f->len + 1 > a->cap) {
			a->cap = f->len * 2 + 16;
			a->first = xreallocarray(a->first, a->cap, 1);
		}
		memcpy(a->first, f->s, f->len + 1);
		a->len = f->len;
		a->gen = c->gen;
		if (a->time) {		/* by the mapping's format and zone */
			if (parse_time(r, c, a->map->column, f, &t) != 0)
				return;
			isotime_format(t, iso, sizeof iso);
			journey_add_attr(r->j, a->map->name,
			    rd_dupn(r, iso, strlen(iso)), f->line);
		} else if (a->keep)
			journey_add_attr(r->j, a->map->name,
			    rd_dupn(r, f->s, f->len), f->line);
		return;
	}
	if (a->len == f->len && memcmp(a->first, f->s, f->len) == 0)
		return;
	r->st->csv_attr_conflicts++;
	c->line = f->line;
	c->col = f->col;
	rd_problem(r, 0, NULL, "column \"%s\": \"%.60s\" differs from the "
	    "journey's first value \"%.60s\", which is kept", a->map->column,
	    f->s, a->first);
}

/* Start a journey at a row: its id, or none (then it is rejected). */
static void
begin_journey(struct rd *r, struct crd *c, const struct csv_record *rec,
    long idlen)
{
	size_t	i;

	c->line = rec->line;
	c->col = 0;
	rd_begin_journey(r);
	c->gen++;
	if (c->gen == 0) {	/* wrapped: forget every slot */
		memset(c->seen, 0, c->nseen * sizeof *c->seen);
		for (i = 0; i < c->m->nattrs; i++)
			c->attrs[i].gen = 0;
		c->gen = 1;
	}
	c->seen_used = 0;
	if (idlen < 0) {
		c->col = rec->n > 0 ? rec->f[0].col : 0;
		rd_problem(r, 1, "missing id", "row without a journey id "
		    "(column \"%s\")", c->m->journey_cols[0]);
		return;
	}
	r->j->id = rd_dupn(r, c->key, (size_t)idlen);
}

/* What one row adds to the journey being read. */
static void
apply_row(struct rd *r, struct crd *c, const struct csv_record *rec)
{
	size_t	i;

	r->st->csv_rows++;
	if (rec->problem != NULL) {
		c->line = rec->pline;
		c->col = rec->pcol;
		rd_problem(r, 1, rec->problem, "%s", rec->problem);
		return;
	}
	if (rec->n != c->ncols) {
		c->line = rec->line;
		c->col = rec->n > c->ncols ? rec->f[c->ncols].col :
		    rec->n > 0 ? rec->f[rec->n - 1].col : 0;
		rd_problem(r, 1, "wrong number of fields", "%zu fields where "
		    "the header has %zu", rec->n, c->ncols);
		return;
	}
	for (i = 0; i < c->m->nattrs; i++)
		row_attr(r, c, &c->attrs[i], rec);
	for (i = 0; i < c->m->ntps; i++)
		row_touchpoint(r, c, (uint32_t)i, rec);
}

/* Whether a name in the header reads as a time: a file with no header row. */
static int
header_is_data(const struct crd *c)
{
	const char	*why;
	mot_time	 t;
	size_t		 i, n;
	int		 rc;

	for (i = 0; i < c->ncols; i++) {
		n = strlen(c->cols[i]);
		if (c->m->tf != NULL)
			rc = timefmt_parse(c->m->tf, c->cols[i], n, NULL, &t,
			    &why);
		else
			rc = isotime_parse(c->cols[i], n, NULL, &t, &why);
		if (rc == 0 || rc == TIMEFMT_NO_OFFSET ||
		    timefmt_is_clock_only(c->cols[i], n))
			return (1);
	}
	return (0);
}

/* "a, b, c": the header's names for a message, at most about 600 bytes. */
static char *
header_list(const struct crd *c)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < c->ncols; i++) {
		if (strlen(s) > 600) {
			t = xasprintf("%s, ... (%zu in all)", s, c->ncols);
			free(s);
			return (t);
		}
		t = xasprintf("%s%s\"%.60s\"", s, i > 0 ? ", " : "",
		    c->cols[i]);
		free(s);
		s = t;
	}
	return (s);
}

/* The column named name: 0 and its index, or an exit code with *cause. */
static int
resolve(struct crd *c, const char *path, const char *name,
    unsigned long line, size_t *out, char **cause)
{
	const char	*near[SUGGEST_MAX];
	char		 phrase[400], *list;
	size_t		 i, k, n;
	long		 num;

	*out = NO_COL;
	if (name == NULL)
		return (0);
	if (!c->m->header) {
		num = strtol(name, NULL, 10);
		if (num >= 1 && (size_t)num <= c->ncols) {
			*out = (size_t)num - 1;
			return (0);
		}
		*cause = xasprintf("%s: the mapping's column %s (expectations "
		    "line %lu) is past the last of the first row's %zu "
		    "fields", path, name, line, c->ncols);
		return (MOT_EXIT_CONFIG);
	}
	for (i = 0, k = NO_COL, n = 0; i < c->ncols; i++) {
		if (strcmp(c->cols[i], name) == 0) {
			if (n++ == 0)
				k = i;
		}
	}
	if (n == 1) {
		*out = k;
		return (0);
	}
	if (n > 1) {
		*cause = xasprintf("%s:1: the header names column \"%s\" %zu "
		    "times: the mapping (expectations line %lu) cannot tell "
		    "which", path, name, n, line);
		return (MOT_EXIT_DATAERR);
	}
	n = suggest_rank(name, (const char *const *)c->cols, c->ncols, near,
	    SUGGEST_MAX);
	suggest_phrase(phrase, sizeof phrase, near, n);
	list = header_list(c);
	*cause = xasprintf("%s:1: the mapping's column \"%s\" (expectations "
	    "line %lu) is not in the header%s; the header has: %s%s", path,
	    name, line, phrase, list, header_is_data(c) ? " (a time among "
	    "them: is the header missing? Without one, say header=\"no\" "
	    "and name the columns 1, 2, ...)" : "");
	free(list);
	return (MOT_EXIT_CONFIG);
}

/* Resolve every column of the mapping against the header. */
static int
resolve_all(struct rd *r, struct crd *c, const char *path, char **cause)
{
	const struct csv_map	*m = c->m;
	const char *const	*k;
	struct ctp		*t;
	size_t			 i, q;
	int			 rc;

	c->jcols = xcalloc(m->njourney_cols, sizeof *c->jcols);
	for (i = 0; i < m->njourney_cols; i++)
		if ((rc = resolve(c, path, m->journey_cols[i],
		    m->journey_lines[i], &c->jcols[i], cause)) != 0)
			return (rc);
	c->attrs = xcalloc(m->nattrs + 1, sizeof *c->attrs);
	c->by_col = NO_COL;
	for (i = 0; i < m->nattrs; i++) {
		c->attrs[i].map = &m->attrs[i];
		if ((rc = resolve(c, path, m->attrs[i].column,
		    m->attrs[i].line, &c->attrs[i].col, cause)) != 0)
			return (rc);
		if (m->attrs[i].touchpoint && r->o->tp_attr != NULL &&
		    strcmp(m->attrs[i].name, r->o->tp_attr) == 0)
			c->by_col = c->attrs[i].col;
		c->attrs[i].keep = r->o->keep_attrs == NULL;
		for (k = r->o->keep_attrs; k != NULL && *k != NULL; k++)
			if (strcmp(*k, m->attrs[i].name) == 0)
				c->attrs[i].keep = 1;
		for (k = r->o->time_attrs; k != NULL && *k != NULL; k++)
			if (strcmp(*k, m->attrs[i].name) == 0)
				c->attrs[i].time = 1;
	}
	c->tps = xcalloc(m->ntps, sizeof *c->tps);
	for (i = 0; i < m->ntps; i++) {
		t = &c->tps[i];
		t->map = &m->tps[i];
		t->name = m->tps[i].name;
		t->ref = -1;
		if (t->name != NULL && r->o->names != NULL &&
		    (t->ref = strtab_find(r->o->names, t->name,
		    strlen(t->name))) >= 0)
			t->name = strtab_key(r->o->names, (size_t)t->ref);
		for (q = 0; q < CSVR_N; q++)
			if ((rc = resolve(c, path, m->tps[i].col[q],
			    m->tps[i].line, &t->col[q], cause)) != 0)
				return (rc);
		t->name_cols = xcalloc(m->tps[i].nname_cols + 1,
		    sizeof *t->name_cols);
		for (q = 0; q < m->tps[i].nname_cols; q++)
			if ((rc = resolve(c, path, m->tps[i].name_cols[q],
			    m->tps[i].line, &t->name_cols[q], cause)) != 0)
				return (rc);
	}
	return (0);
}

/* Whether a row is the header again (files joined with cat): field by field, most rows differing at the first. */
static int
is_header(const struct crd *c, const struct csv_record *rec)
{
	size_t	i;

	if (!c->m->header || rec->n != c->ncols)
		return (0);
	for (i = 0; i < rec->n; i++)
		if (rec->f[i].len != strlen(c->cols[i]) ||
		    memcmp(rec->f[i].s, c->cols[i], rec->f[i].len) != 0)
			return (0);
	return (1);
}

/* Open the input and its tokenizer. */
static int
open_csv(struct crd *c, const char *path, const struct xmlin_range *range,
    char **cause)
{
	int	rc;

	if (range != NULL)
		rc = input_open_range(&c->in, path, range->mem,
		    range->off, range->len,
		    range->prefix, range->prefix_len, range->suffix,
		    range->suffix_len, cause);
	else
		rc = input_open(&c->in, path, cause);
	if (rc != 0)
		return (rc);
	c->csv = csv_new(&c->copts, csv_input, c->in);
	return (0);
}

static void
close_csv(struct crd *c)
{
	csv_free(c->csv);
	c->csv = NULL;
	if (c->in != NULL)
		input_close(c->in);
	c->in = NULL;
}

/* The next record; 1, 0 at the end, or -1 with *rc and *cause. */
static int
next(struct rd *r, struct crd *c, struct csv_record *rec, int *rc,
    char **cause)
{
	char	*msg;
	int	 k;

	if ((k = csv_next(c->csv, rec, rc, &msg)) < 0) {
		*cause = xasprintf("%s: %s", r->path, msg);
		free(msg);
		return (-1);
	}
	r->st->io.xml_bytes = csv_offset(c->csv);
	return (k);
}

/* Read the header, or without one take the first row (*first set: rec is it). */
static int
read_header(struct rd *r, struct crd *c, struct csv_record *rec, int *first,
    char **cause)
{
	size_t	i;
	int	k, rc = 0;

	*first = 0;
	if ((k = next(r, c, rec, &rc, cause)) < 0)
		return (rc);
	if (k == 0) {
		*cause = xasprintf("%s: empty file", r->path);
		return (MOT_EXIT_DATAERR);
	}
	if (c->m->utf16 && !input_is_utf16(c->in)) {
		*cause = xasprintf("%s:1: the mapping says UTF-16, and the "
		    "file has no UTF-16 byte order mark", r->path);
		return (MOT_EXIT_DATAERR);
	}
	c->ncols = rec->n;
	if (!c->m->header) {
		*first = 1;
		return (0);
	}
	if (rec->problem != NULL) {
		*cause = xasprintf("%s:%lu:%u: %s, in the header", r->path,
		    rec->pline, rec->pcol, rec->problem);
		return (MOT_EXIT_DATAERR);
	}
	c->cols = xcalloc(rec->n, sizeof *c->cols);
	for (i = 0; i < rec->n; i++)
		c->cols[i] = xstrndup(rec->f[i].s, rec->f[i].len);
	return (0);
}

/* A row that is not a journey's: the header again, or without an id. */
static int
left_out(struct rd *r, struct crd *c, const struct csv_record *rec,
    long idlen)
{
	if (is_header(c, rec)) {
		r->st->csv_rows++;
		r->st->csv_header_repeats++;
		c->line = rec->line;
		c->col = 1;
		rd_problem(r, 0, NULL, "the header again: row left out");
		return (1);
	}
	if (idlen >= 0)
		return (0);
	r->st->csv_rows++;
	r->st->csv_rows_no_id++;
	c->line = rec->line;
	c->col = 0;
	if (rec->problem != NULL)
		rd_problem_at(r, rec->pline + (unsigned long)c->line_delta,
		    rec->pcol, 0, NULL, "%s, and no "
		    "journey id: row left out", rec->problem);
	else
		rd_problem(r, 0, NULL, "no journey id (column \"%s\"): row left "
		    "out", c->m->journey_cols[0]);
	return (1);
}

/* A set of 64-bit hashes (0 stands for 1), open addressing, in at most max bytes. */
struct hset {
	uint64_t	*v;
	size_t		 n, used, max;
};

static int
hset_has(const struct hset *hs, uint64_t h)
{
	size_t	i;

	if (hs->n == 0)
		return (0);
	h += h == 0;
	for (i = h & (hs->n - 1); hs->v[i] != 0; i = (i + 1) & (hs->n - 1))
		if (hs->v[i] == h)
			return (1);
	return (0);
}

/* Add a hash; -1 when the set would pass its bytes. */
static int
hset_add(struct hset *hs, uint64_t h)
{
	uint64_t	*old = hs->v;
	size_t		 i, n = hs->n;

	if (hs->used * 2 >= hs->n) {
		if ((n == 0 ? 1024 : n * 2) * sizeof *hs->v > hs->max)
			return (-1);
		hs->n = n == 0 ? 1024 : n * 2;
		hs->v = xcalloc(hs->n, sizeof *hs->v);
		hs->used = 0;
		for (i = 0; i < n; i++)
			if (old[i] != 0)
				(void)hset_add(hs, old[i]);
		free(old);
	}
	h += h == 0;
	for (i = h & (hs->n - 1); hs->v[i] != 0; i = (i + 1) & (hs->n - 1))
		if (hs->v[i] == h)
			return (0);
	hs->v[i] = h;
	hs->used++;
	return (0);
}

/* Where pieces of a file may begin: the first journey at or after each target offset. */
struct cuts {
	uint64_t	*target;	/* ascending */
	size_t		 ntarget;
	uint64_t	*off;		/* a journey's first row: its offset */
	unsigned long	*line;		/* and its line */
	size_t		 n;
	uint64_t	 first_row;	/* the offset of the first row after the header */
};

/*
 * A second reader of the file c reads, keeping the journey id's columns
 * only (the rest of a row is read past), its header read: 0, or -1 (the
 * real pass says why).
 */
static int
scan_open(struct rd *r, struct crd *c, const char *path, struct crd *s,
    struct rd *sr, struct read_stats *st, struct csv_record *rec)
{
	char	*cause = NULL;
	size_t	 i;
	int	 rc = 0;

	memset(s, 0, sizeof *s);
	s->m = c->m;
	s->copts = c->copts;
	s->jcols = c->jcols;
	for (i = 0; i < c->m->njourney_cols; i++)
		if (c->jcols[i] + 1 > s->copts.fields_want)
			s->copts.fields_want = c->jcols[i] + 1;
	memset(sr, 0, sizeof *sr);
	memset(st, 0, sizeof *st);
	sr->path = r->path;
	sr->st = st;
	if (open_csv(s, path, NULL, &cause) != 0 || (s->m->header &&
	    next(sr, s, rec, &rc, &cause) <= 0)) {
		free(cause);
		close_csv(s);
		return (-1);
	}
	return (0);
}

/*
 * Whether each journey's rows are adjacent, by a first pass over the file
 * that reads only the ids: the hashes of the journeys already ended are
 * kept, in at most budget bytes; past that the rows are taken as not
 * adjacent, which is always right, only slower. With cuts, it also notes
 * where the pieces of a plan may begin.
 */
static int
scan_grouped(struct rd *r, struct crd *c, const char *path, size_t budget,
    struct cuts *cuts)
{
	struct read_stats	 st;
	struct rd		 sr;
	struct crd		 s;
	struct csv_record	 rec;
	struct hset		 ended = { NULL, 0, 0, budget };
	uint64_t		 cur = 0;
	char			*cause = NULL, *prev = NULL;
	long			 idlen, prevlen = -1;
	int			 k, rc = 0, grouped = 1;

	if (scan_open(r, c, path, &s, &sr, &st, &rec) != 0)
		return (0);	/* the real pass says why */
	if (cuts != NULL)
		cuts->first_row = csv_offset(s.csv);
	while (grouped && (k = next(&sr, &s, &rec, &rc, &cause)) > 0) {
		if ((idlen = row_id(&s, &rec)) < 0 || (idlen == prevlen &&
		    memcmp(prev, s.key, (size_t)idlen) == 0))
			continue;
		if (cuts != NULL && cuts->n < cuts->ntarget &&
		    rec.offset >= cuts->target[cuts->n]) {
			cuts->off[cuts->n] = rec.offset;
			cuts->line[cuts->n++] = rec.line;
		}
		if (prevlen >= 0 && hset_add(&ended, cur) != 0)
			grouped = 0;
		cur = XXH3_64bits(s.key, (size_t)idlen);
		if (hset_has(&ended, cur))
			grouped = 0;
		prev = xreallocarray(prev, (size_t)idlen + 1, 1);
		memcpy(prev, s.key, (size_t)idlen);
		prevlen = idlen;
	}
	if (k < 0)
		grouped = 0;
	free(cause);
	free(prev);
	free(ended.v);
	free(s.key);
	close_csv(&s);
	return (grouped);
}

/* The journey being read ends; a new one starts at a row, for an id. */
static void
switch_journey(struct rd *r, struct crd *c, const struct csv_record *rec,
    long idlen)
{
	if (r->in_journey)
		rd_end_journey(r);
	begin_journey(r, c, rec, idlen);
	if ((size_t)idlen + 1 > c->idcap) {
		c->idcap = (size_t)idlen * 2 + 16;
		c->id = xreallocarray(c->id, c->idcap, 1);
	}
	memcpy(c->id, c->key, (size_t)idlen);
	c->idlen = (size_t)idlen;
}

/* Journeys whose rows are adjacent: one at a time, as the rows come. */
static int
stream(struct rd *r, struct crd *c, struct csv_record *rec, int have,
    char **cause)
{
	long	idlen;
	int	k = have, rc = 0;

	while (c->stop_rc == 0 && (k > 0 || (k = next(r, c, rec, &rc,
	    cause)) > 0)) {
		k = 0;
		idlen = row_id(c, rec);
		if (left_out(r, c, rec, idlen))
			continue;
		if (!r->in_journey || (size_t)idlen != c->idlen ||
		    memcmp(c->id, c->key, c->idlen) != 0)
			switch_journey(r, c, rec, idlen);
		apply_row(r, c, rec);
	}
	if (k < 0)
		return (rc);
	if (r->in_journey && c->stop_rc == 0)
		rd_end_journey(r);
	if (c->stop_rc == 0)
		rd_flush(r);
	return (0);
}

static int
g_begin(void *arg, const char *id, size_t len, const struct csv_record *rec)
{
	struct rd	*r = arg;
	struct crd	*c = r->fmt;

	if (len + 1 > c->keycap) {
		c->keycap = len * 2 + 16;
		c->key = xreallocarray(c->key, c->keycap, 1);
	}
	memcpy(c->key, id, len);
	c->key[len] = '\0';
	begin_journey(r, c, rec, (long)len);
	return (c->stop_rc);
}

static int
g_row(void *arg, const struct csv_record *rec)
{
	struct rd	*r = arg;

	apply_row(r, r->fmt, rec);
	return (((struct crd *)r->fmt)->stop_rc);
}

static int
g_end(void *arg)
{
	struct rd	*r = arg;

	rd_end_journey(r);
	return (((struct crd *)r->fmt)->stop_rc);
}

static const struct cgroup_fns gather_fns = { g_begin, g_row, g_end };

/* Journeys whose rows are anywhere: every row kept, then the journeys in order. */
static int
gather(struct rd *r, struct crd *c, struct csv_record *rec, int have,
    char **cause)
{
	struct cgroup	*g;
	unsigned char	*keep;
	size_t		 i, q, k2;
	long		 idlen;
	int		 k = have, rc = 0;

	keep = xcalloc(c->ncols + 1, 1);
	for (i = 0; i < c->m->njourney_cols; i++)
		keep[c->jcols[i]] = 1;
	for (i = 0; i < c->m->nattrs; i++)
		keep[c->attrs[i].col] = 1;
	for (i = 0; i < c->m->ntps; i++) {
		for (q = 0; q < CSVR_N; q++)
			if (c->tps[i].col[q] != NO_COL)
				keep[c->tps[i].col[q]] = 1;
		for (k2 = 0; k2 < c->m->tps[i].nname_cols; k2++)
			keep[c->tps[i].name_cols[k2]] = 1;
	}
	g = cgroup_new(c->ncols, keep, r->o->memory);
	free(keep);
	while (k > 0 || (k = next(r, c, rec, &rc, cause)) > 0) {
		k = 0;
		idlen = row_id(c, rec);
		if (!left_out(r, c, rec, idlen) && (rc = cgroup_add(g, c->key,
		    (size_t)idlen, rec, cause)) != 0)
			break;
	}
	if (k < 0 || rc != 0) {
		cgroup_free(g);
		return (rc);
	}
	if ((rc = cgroup_each(g, &gather_fns, r, cause)) == 0)
		rd_flush(r);
	else if (*cause == NULL)
		rc = 0;		/* a journey stopped the run: c->stop_rc */
	if (cgroup_runs(g) > 0)
		verbosef("%s: the rows of its journeys lie apart: gathered "
		    "through %zu sorted runs in %s (--memory)", r->path,
		    cgroup_runs(g), afile_tmpdir());
	else
		verbosef("%s: the rows of its journeys lie apart: gathered in "
		    "memory", r->path);
	cgroup_free(g);
	return (rc);
}

static void
crd_free(struct rd *r)
{
	struct crd	*c = r->fmt;
	size_t		 i;

	if (c == NULL)
		return;
	close_csv(c);
	for (i = 0; c->cols != NULL && i < c->ncols; i++)
		free(c->cols[i]);
	free(c->cols);
	free(c->jcols);
	for (i = 0; c->attrs != NULL && i < c->m->nattrs; i++)
		free(c->attrs[i].first);
	free(c->attrs);
	for (i = 0; c->tps != NULL && i < c->m->ntps; i++)
		free(c->tps[i].name_cols);
	free(c->tps);
	free(c->id);
	free(c->key);
	free(c->seen);
	free(c->stop_cause);
	free(c);
	r->fmt = NULL;
}

/* Whether a file name ends in .tsv or .tsv.gz. */
static int
is_tsv(const char *path)
{
	return (read_name_is(path, ".tsv"));
}

/* Start reading a file or a piece: the format's state, the header, the mapping's columns; 0, or an exit code with *cause. */
static int
crd_open(struct rd *r, const char *path, const struct xmlin_range *range,
    struct csv_record *rec, int *first, char **cause)
{
	struct crd	*c;
	int		 rc;

	if (r->o->csv == NULL) {
		*cause = xasprintf("%s: a CSV file, and the expectations have "
		    "no <csv> mapping to read it with: see docs/format.md#csv",
		    r->path);
		return (MOT_EXIT_CONFIG);
	}
	c = xcalloc(1, sizeof *c);
	r->fmt = c;
	r->src = &csv_source;
	r->src_arg = c;
	c->m = r->o->csv;
	c->zone = c->m->zone != NULL ? c->m->zone : r->o->zone;
	c->copts.delim = c->m->delimiter != 0 ? c->m->delimiter :
	    (r->o->format_in == READ_IN_TSV || is_tsv(path)) ? '\t' : ',';
	c->copts.quote = c->m->quote;
	if (c->copts.quote == c->copts.delim) {
		*cause = xasprintf("%s: the mapping's quote is the tab that "
		    "delimits a .tsv file: give delimiter= or another quote "
		    "(expectations line %lu)", r->path, c->m->line);
		return (MOT_EXIT_CONFIG);
	}
	if (range != NULL)
		c->line_delta = range->line_delta;
	if ((rc = open_csv(c, path, range, cause)) != 0)
		return (rc);
	r->st->io.gzip = input_is_gzip(c->in);
	if ((rc = read_header(r, c, rec, first, cause)) != 0 ||
	    (rc = resolve_all(r, c, r->path, cause)) != 0)
		return (rc);
	return (0);
}

static int
csv_read(struct rd *r, const char *path, const struct xmlin_range *range,
    char **cause)
{
	struct csv_record	 rec;
	struct crd		*c;
	int			 rc, first;

	if ((rc = crd_open(r, path, range, &rec, &first, cause)) != 0)
		return (rc);
	c = r->fmt;
	/* A piece (-j) is planned only in a file whose rows are adjacent. */
	if (range != NULL || (strcmp(path, "-") != 0 &&
	    scan_grouped(r, c, path, r->o->memory / 4, NULL))) {
		verbosef("%s: the rows of each journey are adjacent: read as "
		    "they come", r->path);
		rc = stream(r, c, &rec, first, cause);
	} else
		rc = gather(r, c, &rec, first, cause);
	r->st->io.raw_bytes = input_raw_bytes(c->in);
	if (rc == 0 && c->stop_rc != 0) {
		rc = c->stop_rc;
		*cause = c->stop_cause;
		c->stop_cause = NULL;
	}
	return (rc);
}

/* The pieces of a plan from its cuts, each after a copy of the file's first bytes (the header). */
static size_t
plan_pieces(int fd, uint64_t size, uint64_t bom, const struct cuts *cuts,
    unsigned long header_lines, struct split *sp)
{
	uint64_t	hlen = bom + cuts->first_row;
	size_t		k;

	if (cuts->n == 0 || hlen > SPLIT_HEADER_MAX)
		return (1);
	sp->prefix = xmalloc(hlen + 1);
	if (pread(fd, sp->prefix, hlen, 0) != (ssize_t)hlen) {
		free(sp->prefix);
		sp->prefix = NULL;
		return (1);
	}
	sp->prefix[hlen] = '\0';
	sp->n = cuts->n + 1;
	sp->lines_known = 1;
	sp->pieces = xcalloc(sp->n, sizeof *sp->pieces);
	for (k = 0; k < sp->n; k++) {
		sp->pieces[k].off = k == 0 ? 0 : bom + cuts->off[k - 1];
		sp->pieces[k].len = (k + 1 < sp->n ? bom + cuts->off[k] :
		    size) - sp->pieces[k].off;
		if (k > 0) {
			sp->pieces[k].prefix = sp->prefix;
			sp->pieces[k].prefix_len = (size_t)hlen;
			/* Its first row is on the line after the header's. */
			sp->pieces[k].line_delta = (long)cuts->line[k - 1] -
			    (long)header_lines - 1;
		}
	}
	return (sp->n);
}

size_t
csv_plan(const char *path, const struct read_opts *o, size_t want,
    struct split *sp)
{
	struct read_stats	 st;
	struct csv_record	 rec;
	struct cuts		 cuts;
	struct stat		 sb;
	struct rd		 r;
	unsigned char		 head[3];
	char			*cause = NULL;
	uint64_t		 size, bom = 0;
	unsigned long		 header_lines = 0;
	size_t			 k, n = 1;
	int			 fd, first;

	memset(sp, 0, sizeof *sp);
	if (want < 2 || o->csv == NULL || strcmp(path, "-") == 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (1);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (!o->plan_any_size && (uint64_t)sb.st_size < SPLIT_MIN) ||
	    pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head) {
		close(fd);
		return (1);
	}
	size = (uint64_t)sb.st_size;
	if (memcmp(head, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	if (!o->plan_any_size && want > size / SPLIT_PIECE_MIN)
		want = (size_t)(size / SPLIT_PIECE_MIN);
	memset(&r, 0, sizeof r);
	memset(&st, 0, sizeof st);
	r.path = path;
	r.o = o;
	r.st = &st;
	memset(&cuts, 0, sizeof cuts);
	if (want >= 2 && crd_open(&r, path, NULL, &rec, &first, &cause) == 0 &&
	    !input_is_compressed(((struct crd *)r.fmt)->in) &&
	    !input_is_utf16(((struct crd *)r.fmt)->in)) {
		header_lines = o->csv->header ? rec.end_line : 0;
		cuts.ntarget = want - 1;
		cuts.target = xcalloc(want, sizeof *cuts.target);
		cuts.off = xcalloc(want, sizeof *cuts.off);
		cuts.line = xcalloc(want, sizeof *cuts.line);
		for (k = 0; k < cuts.ntarget; k++)
			cuts.target[k] = size / want * (k + 1);
		if (scan_grouped(&r, r.fmt, path, o->memory / 4, &cuts))
			n = plan_pieces(fd, size, bom, &cuts, header_lines, sp);
	}
	free(cause);
	free(cuts.target);
	free(cuts.off);
	free(cuts.line);
	crd_free(&r);
	close(fd);
	return (n);
}

int
csv_partition(const char *path, const struct read_opts *o, size_t n,
    void (*fn)(void *, long, uint64_t, uint64_t), void *arg, char **cause)
{
	struct read_stats	 st, sst;
	struct csv_record	 rec;
	struct crd		 s;
	struct rd		 r, sr;
	unsigned char		 head[3];
	uint64_t		 bom = 0, start;
	long			 idlen;
	int			 fd, first, k, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		return (MOT_EXIT_NOINPUT);
	}
	if (pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
	    memcmp(head, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	close(fd);
	memset(&r, 0, sizeof r);
	memset(&st, 0, sizeof st);
	r.path = path;
	r.o = o;
	r.st = &st;
	if ((rc = crd_open(&r, path, NULL, &rec, &first, cause)) != 0) {
		crd_free(&r);
		return (rc);
	}
	if (scan_open(&r, r.fmt, path, &s, &sr, &sst, &rec) != 0) {
		crd_free(&r);
		*cause = xasprintf("%s: cannot read it again", path);
		return (MOT_EXIT_IOERR);
	}
	start = bom + (s.m->header ? csv_offset(s.csv) : 0);
	fn(arg, -1, 0, start);
	while ((k = next(&sr, &s, &rec, &rc, cause)) > 0) {
		idlen = row_id(&s, &rec);
		fn(arg, idlen < 0 ? 0 : (long)(XXH3_64bits(s.key,
		    (size_t)idlen) % n), bom + rec.offset, bom +
		    csv_offset(s.csv) - (bom + rec.offset));
	}
	free(s.key);
	close_csv(&s);
	crd_free(&r);
	return (k < 0 ? rc : 0);
}

const struct read_format csv_format = {
	.name = "csv",
	.read = csv_read,
	.free = crd_free,
};
