/*
 * state.c - a run's complete aggregate state in a file, so that runs over
 * days, files or machines can be merged into the report one run over all
 * of them would have given. The format is little-endian whatever the
 * machine, versioned, and ends with a CRC-32 of everything before it; it
 * carries the expectations file itself, so mot merge needs nothing else
 * and can refuse states made with different expectations. The layout is
 * in docs/scaling.md.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "afile.h"
#include "exitcode.h"
#include "state.h"
#include "xmalloc.h"

#define STATE_MAGIC	"MOTSTATE"
/* A state larger than this is refused as not a state. */
#define STATE_MAX	(UINT64_C(1) << 30)

struct buf {
	unsigned char	*p;
	size_t		 len, cap;
	size_t		 pos;		/* reading */
	int		 bad;		/* read past the end */
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_u64(struct buf *b, uint64_t v)
{
	unsigned char	c[8];
	int		i;

	for (i = 0; i < 8; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	put(b, c, 8);
}

static void
put_i64(struct buf *b, int64_t v)
{
	put_u64(b, (uint64_t)v);
}

static void
put_f64(struct buf *b, double d)
{
	uint64_t	v;

	memcpy(&v, &d, sizeof v);
	put_u64(b, v);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	n = s != NULL ? strlen(s) : 0;

	put_u64(b, s != NULL ? n + 1 : 0);
	if (s != NULL)
		put(b, s, n);
}

static uint64_t
get_u64(struct buf *b)
{
	uint64_t	v = 0;
	int		i;

	if (b->pos + 8 > b->len) {
		b->bad = 1;
		return (0);
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)b->p[b->pos + (size_t)i] << (8 * i);
	b->pos += 8;
	return (v);
}

static int64_t
get_i64(struct buf *b)
{
	return ((int64_t)get_u64(b));
}

static double
get_f64(struct buf *b)
{
	uint64_t	v = get_u64(b);
	double		d;

	memcpy(&d, &v, sizeof d);
	return (d);
}

/* A count of items of at least size bytes each that can still be in the buffer. */
static uint64_t
get_count(struct buf *b, size_t size)
{
	uint64_t	n = get_u64(b);

	if (b->bad || n > (b->len - b->pos) / (size > 0 ? size : 1)) {
		b->bad = 1;
		return (0);
	}
	return (n);
}

/* A string (allocated), or NULL when written as absent. */
static char *
get_str(struct buf *b)
{
	uint64_t	n = get_u64(b);
	char		*s;

	if (n == 0 || b->bad)
		return (NULL);
	n--;
	if (n > b->len - b->pos) {
		b->bad = 1;
		return (NULL);
	}
	s = xstrndup((const char *)b->p + b->pos, (size_t)n);
	b->pos += (size_t)n;
	return (s);
}

static void
put_sketch(struct buf *b, const struct sketch *s)
{
	uint64_t	i;

	put_u64(b, s->n);
	put_f64(b, s->min);
	put_f64(b, s->max);
	if (s->n > 0 && s->exact == NULL) {
		put_u64(b, 1);
		put_i64(b, s->min_key);
		put_u64(b, s->nbins);
		for (i = 0; i < s->nbins; i++)
			put_u64(b, s->bins[i]);
		put_u64(b, s->zeros);
	} else {
		put_u64(b, 0);
		for (i = 0; i < s->n; i++)
			put_f64(b, s->exact[i]);
	}
}

/* Read a sketch into an empty one, through the sketch's own merge. */
static void
get_sketch(struct buf *b, struct sketch *s)
{
	struct sketch	t;
	uint64_t	i, n, nb;

	sketch_init(&t);
	n = get_u64(b);
	t.min = get_f64(b);
	t.max = get_f64(b);
	if (get_u64(b) == 1) {
		t.min_key = (int32_t)get_i64(b);
		nb = get_count(b, 8);
		t.bins = xcalloc((size_t)nb + 1, sizeof *t.bins);
		t.nbins = (size_t)nb;
		for (i = 0; i < nb; i++)
			t.bins[i] = get_u64(b);
		t.zeros = get_u64(b);
		t.n = n;
	} else {
		if (n > (b->len - b->pos) / 8) {
			b->bad = 1;
			return;
		}
		for (i = 0; i < n && !b->bad; i++)
			sketch_add(&t, get_f64(b));
		t.min = t.n > 0 ? t.min : t.min;
	}
	if (!b->bad)
		sketch_merge(s, &t);
	sketch_free(&t);
}

static void
put_survey(struct buf *b, const struct survey *s)
{
	put_u64(b, s->nps_n);
	put_u64(b, s->promoters);
	put_u64(b, s->detractors);
	put_u64(b, s->csat_n);
	put_u64(b, s->csat_top2);
}

static void
get_survey(struct buf *b, struct survey *s)
{
	s->nps_n = get_u64(b);
	s->promoters = get_u64(b);
	s->detractors = get_u64(b);
	s->csat_n = get_u64(b);
	s->csat_top2 = get_u64(b);
}

static void
put_cell(struct buf *b, const struct cell *c)
{
	size_t	i;

	put_u64(b, c->n);
	put_u64(b, c->open);
	put_u64(b, c->invalid);
	put_u64(b, c->met);
	put_u64(b, c->tolerated);
	put_u64(b, c->breached);
	put_i64(b, c->score_sum);
	put_i64(b, c->score_sq);
	put_u64(b, c->neg_n);
	put_i64(b, c->neg_sum);
	for (i = 0; i < SCORE_BINS; i++)
		put_u64(b, c->score_bins[i]);
	put_sketch(b, &c->elapsed);
	put_sketch(b, &c->business);
	put_u64(b, c->promised);
	put_u64(b, c->promise_broken);
	put_u64(b, c->over_promised);
	put_sketch(b, &c->promise_late);
	put_u64(b, c->cust_met);
	put_u64(b, c->cust_tolerated);
	put_u64(b, c->cust_breached);
	put_i64(b, c->cust_score_sum);
	put_u64(b, c->failures);
	put_u64(b, c->recovered);
	put_u64(b, c->recovery_failed);
	put_sketch(b, &c->recover_time);
	put_u64(b, c->journeys);
	put_u64(b, c->memory_hits);
	put_survey(b, &c->s_breached);
	put_survey(b, &c->s_met);
}

/* Read a cell and add it to c (which holds initialised sketches). */
static void
get_cell(struct buf *b, struct cell *c)
{
	size_t	i;

	c->n += get_u64(b);
	c->open += get_u64(b);
	c->invalid += get_u64(b);
	c->met += get_u64(b);
	c->tolerated += get_u64(b);
	c->breached += get_u64(b);
	c->score_sum += get_i64(b);
	c->score_sq += get_i64(b);
	c->neg_n += get_u64(b);
	c->neg_sum += get_i64(b);
	for (i = 0; i < SCORE_BINS; i++)
		c->score_bins[i] += get_u64(b);
	get_sketch(b, &c->elapsed);
	get_sketch(b, &c->business);
	c->promised += get_u64(b);
	c->promise_broken += get_u64(b);
	c->over_promised += get_u64(b);
	get_sketch(b, &c->promise_late);
	c->cust_met += get_u64(b);
	c->cust_tolerated += get_u64(b);
	c->cust_breached += get_u64(b);
	c->cust_score_sum += get_i64(b);
	c->failures += get_u64(b);
	c->recovered += get_u64(b);
	c->recovery_failed += get_u64(b);
	get_sketch(b, &c->recover_time);
	c->journeys += get_u64(b);
	c->memory_hits += get_u64(b);
	get_survey(b, &c->s_breached);
	get_survey(b, &c->s_met);
}

/*
 * The periods; folded ones as the period just before the max kept end
 * with the last (with empty ones up to the first kept), where they fold
 * again when read.
 */
static void
put_periods(struct buf *b, const struct periods *p)
{
	size_t	i, gap = 0;
	int	before = p->before.n > 0 || p->before.breached > 0;

	if (before && p->n > 0)
		gap = p->max + 1 - p->n;
	put_i64(b, p->first - (int64_t)gap);
	put_u64(b, p->n + gap);
	for (i = 0; i < gap; i++) {
		put_u64(b, i == 0 ? p->before.n : 0);
		put_u64(b, i == 0 ? p->before.breached : 0);
	}
	for (i = 0; i < p->n; i++) {
		put_u64(b, p->v[i].n);
		put_u64(b, p->v[i].breached);
	}
}

/* Period indexes beyond any time mot reads (weeks or months from 1970). */
#define PERIOD_INDEX_MAX	(INT64_C(1) << 40)

/* Read periods into empty ones, kept within their bound as a run keeps them. */
static void
get_periods(struct buf *b, struct periods *p)
{
	uint64_t	n, i, k, br;
	int64_t		first;

	first = get_i64(b);
	n = get_count(b, 16);
	if (first < -PERIOD_INDEX_MAX || first > PERIOD_INDEX_MAX)
		b->bad = 1;	/* no instant is that far from 1970 */
	for (i = 0; i < n && !b->bad; i++) {
		k = get_u64(b);
		br = get_u64(b);
		agg_periods_add(p, first + (int64_t)i, k, br);
	}
}

static void
put_stats(struct buf *b, const struct read_stats *st)
{
	put_u64(b, st->io.raw_bytes);
	put_u64(b, st->io.xml_bytes);
	put_u64(b, (uint64_t)st->io.gzip);
	put_u64(b, st->journeys);
	put_u64(b, st->touchpoints);
	put_u64(b, st->events);
	put_u64(b, st->events_no_time);
	put_u64(b, st->events_bad_time);
	put_u64(b, st->unpaired_starts);
	put_u64(b, st->unpaired_completes);
}

static void
get_stats(struct buf *b, struct read_stats *st)
{
	memset(st, 0, sizeof *st);
	st->io.raw_bytes = get_u64(b);
	st->io.xml_bytes = get_u64(b);
	st->io.gzip = get_u64(b) != 0;
	st->journeys = get_u64(b);
	st->touchpoints = get_u64(b);
	st->events = get_u64(b);
	st->events_no_time = get_u64(b);
	st->events_bad_time = get_u64(b);
	st->unpaired_starts = get_u64(b);
	st->unpaired_completes = get_u64(b);
}

/* Read a whole small file into memory. */
static int
slurp(const char *path, struct buf *b, char **cause)
{
	struct stat	sb;
	ssize_t		r;
	int		fd;

	memset(b, 0, sizeof *b);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		return (MOT_EXIT_NOINPUT);
	}
	if (fstat(fd, &sb) == -1 || (uint64_t)sb.st_size > STATE_MAX) {
		*cause = xasprintf("%s: not a file mot can read", path);
		close(fd);
		return (MOT_EXIT_DATAERR);
	}
	b->cap = (size_t)sb.st_size + 1;
	b->p = xmalloc(b->cap);
	while ((r = read(fd, b->p + b->len, b->cap - b->len)) > 0)
		b->len += (size_t)r;
	close(fd);
	if (r == -1) {
		*cause = xasprintf("%s: read error: %s", path, strerror(errno));
		free(b->p);
		return (MOT_EXIT_IOERR);
	}
	return (0);
}

/* Write a state whose expectations file's bytes are ex. */
static int
save(const char *path, const struct buf *exb, const struct expectations *e,
    const struct agg *a, char **cause)
{
	struct buf		 b, ex = *exb;
	struct afile		 af;
	struct cell		 scratch;	/* a breakdown cell, replayed */
	const struct moment_agg	*ma;
	char			*dir, *slash;
	size_t			 i, v;
	uint32_t		 crc;
	unsigned char		 c[4];
	int			 rc;

	memset(&b, 0, sizeof b);
	agg_cell_init(&scratch);
	put(&b, STATE_MAGIC, 8);
	put_u64(&b, STATE_VERSION);
	put_u64(&b, e->hash);
	put_u64(&b, ex.len);
	put(&b, ex.p, ex.len);
	put_str(&b, e->path);
	put_str(&b, a->by);
	put_u64(&b, e->nmoments);
	put_u64(&b, e->names.n);
	put_u64(&b, a->journeys_read);
	put_u64(&b, a->journeys_rejected);
	put_u64(&b, a->touchpoints);
	put_u64(&b, a->reasons.n);
	for (i = 0; i < a->reasons.n; i++) {
		put_str(&b, strtab_key(&a->reasons, i));
		put_str(&b, a->reason_first[i]);
		put_u64(&b, a->reason_count[i]);
	}
	for (i = 0; i < e->names.n; i++)
		put_u64(&b, a->name_seen[i]);
	put_u64(&b, a->ninputs);
	for (i = 0; i < a->ninputs; i++) {
		put_str(&b, a->inputs[i].path);
		put_str(&b, a->inputs[i].format);
		put_stats(&b, &a->inputs[i].st);
	}
	put_u64(&b, a->jd.n);
	put_i64(&b, a->jd.sum);
	put_i64(&b, a->jd.remembered);
	put_i64(&b, a->jd.peak_end);
	put_i64(&b, a->jd.effort);
	put_u64(&b, a->jd.handoffs);
	put_u64(&b, a->jd.repeats);
	put_u64(&b, a->jd.switches);
	for (i = 0; i < SCORE_BINS; i++)
		put_u64(&b, a->jd.bins[i]);
	put_i64(&b, a->first_stop);
	put_i64(&b, a->last_stop);
	for (i = 0; i < e->nmoments; i++) {
		ma = &a->m[i];
		put_cell(&b, &ma->total);
		put_u64(&b, ma->journeys);
		put_u64(&b, agg_nvalues(a, i));
		for (v = 0; v < a->values.n; v++) {
			if (!agg_has_value(a, i, v))
				continue;
			put_str(&b, strtab_key(&a->values, v));
			put_cell(&b, agg_value_cell(a, i, v, &scratch));
		}
		put_periods(&b, &ma->weeks);
		put_periods(&b, &ma->months);
	}
	agg_cell_free(&scratch);
	crc = (uint32_t)crc32(0L, b.p, (uInt)b.len);
	for (i = 0; i < 4; i++)
		c[i] = (unsigned char)(crc >> (8 * i));
	put(&b, c, 4);

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	rc = afile_open(&af, slash != NULL ? (*dir ? dir : "/") : ".",
	    slash != NULL ? slash + 1 : path, cause);
	free(dir);
	if (rc == 0) {
		if (fwrite(b.p, 1, b.len, af.f) != b.len) {
			afile_abort(&af);
			*cause = xasprintf("%s: write error: %s", path,
			    strerror(errno));
			rc = MOT_EXIT_IOERR;
		} else
			rc = afile_commit(&af, cause);
	}
	free(b.p);
	return (rc);
}

int
state_save(const char *path, const struct expectations *e,
    const struct agg *a, char **cause)
{
	struct buf	ex;
	int		rc;

	if ((rc = slurp(e->path, &ex, cause)) != 0)
		return (rc);
	rc = save(path, &ex, e, a, cause);
	free(ex.p);
	return (rc);
}

int
state_save_merged(const char *path, const char *from,
    const struct expectations *e, const struct agg *a, char **cause)
{
	struct buf	b, ex;
	uint64_t	n;
	int		rc;

	if ((rc = slurp(from, &b, cause)) != 0)
		return (rc);
	b.pos = 8 + 8 + 8;
	n = get_count(&b, 1);
	memset(&ex, 0, sizeof ex);
	ex.p = b.p + b.pos;
	ex.len = (size_t)n;
	rc = b.bad ? MOT_EXIT_DATAERR : save(path, &ex, e, a, cause);
	if (b.bad)
		*cause = xasprintf("%s: damaged state file", from);
	free(b.p);
	return (rc);
}

/* Load the expectations a state carries, through a temporary file. */
static int
load_expectations(const char *path, const unsigned char *p, size_t n,
    struct expectations **e, char **cause)
{
	const char	*tmpdir = getenv("TMPDIR");
	char		*tmp;
	int		 fd, rc;

	tmp = xasprintf("%s/mot-state-XXXXXX", tmpdir != NULL && *tmpdir ?
	    tmpdir : "/tmp");
	if ((fd = mkstemp(tmp)) == -1 || write(fd, p, n) != (ssize_t)n) {
		*cause = xasprintf("cannot make a temporary file: %s",
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return (MOT_EXIT_CANTCREAT);
	}
	close(fd);
	rc = expect_load(tmp, e, cause);
	unlink(tmp);
	free(tmp);
	if (rc != 0) {
		free(*cause);
		*cause = xasprintf("%s: the expectations inside are not valid",
		    path);
		return (MOT_EXIT_DATAERR);
	}
	return (0);
}

int
state_load(const char *path, struct expectations **ep, struct agg *a,
    char **by, char **cause)
{
	struct buf		 b;
	struct expectations	*e = NULL;
	struct moment_agg	*ma;
	struct read_stats	 st;
	struct journey		 j;
	struct cell		 scratch;	/* a breakdown cell, as read */
	uint64_t		 version, hash, exlen, n, i, v, k;
	uint32_t		 crc, want;
	char			*s, *t;
	int			 rc;

	*ep = NULL;
	*by = NULL;
	if ((rc = slurp(path, &b, cause)) != 0)
		return (rc);
	rc = MOT_EXIT_DATAERR;
	if (b.len < 8 + 8 + 4 || memcmp(b.p, STATE_MAGIC, 8) != 0) {
		*cause = xasprintf("%s: not a mot state file", path);
		goto out;
	}
	want = (uint32_t)b.p[b.len - 4] | (uint32_t)b.p[b.len - 3] << 8 |
	    (uint32_t)b.p[b.len - 2] << 16 | (uint32_t)b.p[b.len - 1] << 24;
	b.len -= 4;
	crc = (uint32_t)crc32(0L, b.p, (uInt)b.len);
	b.pos = 8;
	if ((version = get_u64(&b)) != STATE_VERSION) {
		*cause = xasprintf("%s: state format version %" PRIu64 ", this "
		    "mot reads version %d", path, version, STATE_VERSION);
		goto out;
	}
	if (crc != want) {
		*cause = xasprintf("%s: checksum mismatch: the file is damaged",
		    path);
		goto out;
	}
	hash = get_u64(&b);
	exlen = get_count(&b, 1);
	if (b.bad) {
		*cause = xasprintf("%s: truncated state file", path);
		goto out;
	}
	if ((rc = load_expectations(path, b.p + b.pos, (size_t)exlen, &e,
	    cause)) != 0)
		goto out;
	b.pos += (size_t)exlen;
	rc = MOT_EXIT_DATAERR;
	if ((s = get_str(&b)) != NULL) {	/* the path it was read from */
		free(e->path);
		e->path = s;
	}
	if (e->hash != hash) {
		*cause = xasprintf("%s: the expectations inside do not match "
		    "their hash", path);
		goto out;
	}
	*by = get_str(&b);
	if (get_u64(&b) != e->nmoments || get_u64(&b) != e->names.n) {
		*cause = xasprintf("%s: inconsistent state file", path);
		goto out;
	}
	agg_init(a, e, *by);
	a->journeys_read = get_u64(&b);
	a->journeys_rejected = get_u64(&b);
	a->touchpoints = get_u64(&b);
	n = get_count(&b, 24);
	for (i = 0; i < n && !b.bad; i++) {
		s = get_str(&b);
		t = get_str(&b);
		k = get_u64(&b);
		if (s == NULL || t == NULL) {
			free(s);
			free(t);
			b.bad = 1;
			break;
		}
		memset(&j, 0, sizeof j);
		j.reject = s;
		j.file = t;
		agg_reject(a, &j);	/* makes the slot; fixed below */
		a->journeys_read--;
		a->journeys_rejected--;
		v = (uint64_t)strtab_find(&a->reasons, s, strlen(s));
		a->reason_count[v] = k;
		free(a->reason_first[v]);
		a->reason_first[v] = t;
		free(s);
	}
	for (i = 0; i < e->names.n; i++)
		a->name_seen[i] = get_u64(&b);
	n = get_count(&b, 16);
	for (i = 0; i < n && !b.bad; i++) {
		s = get_str(&b);
		t = get_str(&b);
		get_stats(&b, &st);
		st.format = t != NULL && strcmp(t, "xes") == 0 ? "xes" :
		    "journeys";
		agg_input(a, s != NULL ? s : "?", &st);
		free(s);
		free(t);
	}
	a->jd.n = get_u64(&b);
	a->jd.sum = get_i64(&b);
	a->jd.remembered = get_i64(&b);
	a->jd.peak_end = get_i64(&b);
	a->jd.effort = get_i64(&b);
	a->jd.handoffs = get_u64(&b);
	a->jd.repeats = get_u64(&b);
	a->jd.switches = get_u64(&b);
	for (i = 0; i < SCORE_BINS; i++)
		a->jd.bins[i] = get_u64(&b);
	a->first_stop = get_i64(&b);
	a->last_stop = get_i64(&b);
	for (i = 0; i < e->nmoments && !b.bad; i++) {
		ma = &a->m[i];
		get_cell(&b, &ma->total);
		ma->journeys = get_u64(&b);
		n = get_count(&b, 16);
		for (v = 0; v < n && !b.bad; v++) {
			if ((s = get_str(&b)) == NULL) {
				b.bad = 1;
				break;
			}
			agg_cell_init(&scratch);
			get_cell(&b, &scratch);
			agg_add_cell(a, i, s, &scratch);
			agg_cell_free(&scratch);
			free(s);
		}
		get_periods(&b, &ma->weeks);
		get_periods(&b, &ma->months);
	}
	if (b.bad || b.pos != b.len) {
		*cause = xasprintf("%s: damaged state file", path);
		goto out;
	}
	*ep = e;
	e = NULL;
	rc = 0;
out:
	if (rc != 0 && e != NULL) {
		if (a->e == e)
			agg_free(a);
		expect_free(e);
	}
	free(b.p);
	return (rc);
}
