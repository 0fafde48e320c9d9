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
#include <math.h>
#include <stdarg.h>
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
	int		 bad;		/* read past the end, or a field out of bounds */
	char		*why;		/* the field out of bounds, and how */
	uint64_t	 version;	/* reading: the file's format version */
};

/* Mark the state bad for a field out of the writer's bounds (the first one counts). */
static void __attribute__((format(printf, 2, 3)))
invalid(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	b->bad = 1;
	if (b->why != NULL)
		return;
	va_start(ap, fmt);
	b->why = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
put(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;		/* p may be NULL: memcpy must not see it */
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

static int	time_ok(mot_time);
static int	put_pending(struct buf *, const struct agg *);

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

/* Read a sketch into an empty one, through the sketch's own merge, once it is in bounds. */
static void
get_sketch(struct buf *b, struct sketch *s, const char *where,
    const char *name)
{
	struct sketch	 t;
	uint64_t	 i, n, nb, mode;
	int64_t		 key;
	const char	*why;

	sketch_init(&t);
	n = get_u64(b);
	t.min = get_f64(b);
	t.max = get_f64(b);
	mode = get_u64(b);
	if (b->bad)
		return;
	if (mode == 1) {
		key = get_i64(b);
		if (key < INT32_MIN || key > INT32_MAX)
			invalid(b, "%s%s: bucket keys out of range", where,
			    name);
		t.min_key = (int32_t)key;
		nb = get_count(b, 8);
		t.bins = xcalloc((size_t)nb + 1, sizeof *t.bins);
		t.nbins = (size_t)nb;
		for (i = 0; i < nb; i++)
			t.bins[i] = get_u64(b);
		t.zeros = get_u64(b);
		t.n = n;
	} else if (mode == 0) {
		if (n > SKETCH_EXACT) {
			invalid(b, "%s%s: more exact values than a sketch "
			    "keeps", where, name);
			return;
		}
		if (n > (b->len - b->pos) / 8) {
			b->bad = 1;	/* truncated */
			return;
		}
		t.exact = xmalloc(SKETCH_EXACT * sizeof *t.exact);
		for (i = 0; i < n; i++)
			t.exact[i] = get_f64(b);
		t.n = n;
		if (n == 0) {
			free(t.exact);
			t.exact = NULL;
		}
	} else
		invalid(b, "%s%s: unknown sketch mode %" PRIu64, where, name,
		    mode);
	if (!b->bad && (why = sketch_invalid(&t)) != NULL)
		invalid(b, "%s%s: %s", where, name, why);
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
	put_u64(b, c->ended);
	put_u64(b, c->invalid);
	put_u64(b, c->open_breached);
	put_u64(b, c->ended_breached);
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
	put_sketch(b, &c->elapsed_cens);
	put_sketch(b, &c->business_cens);
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
	put_u64(b, c->clusters);
	put_u64(b, c->clu_nn);
	put_u64(b, c->clu_bn);
	put_u64(b, c->clu_bb);
	put_u64(b, c->journeys);
	put_u64(b, c->memory_hits);
	put_survey(b, &c->s_breached);
	put_survey(b, &c->s_met);
}

/* Whether |v| <= n score units. */
static int
within(int64_t v, uint64_t n)
{
	int64_t	lim = (int64_t)n * INT64_C(1000000000);

	return (v >= -lim && v <= lim);
}

/* Whether the SCORE_BINS bins hold n in all. */
static int
bins_add_up(const uint64_t *bins, uint64_t n)
{
	uint64_t	sum = 0;
	size_t		i;

	for (i = 0; i < SCORE_BINS; i++) {
		if (bins[i] > n - sum)
			return (0);
		sum += bins[i];
	}
	return (sum == n);
}

/* The bounds cell_add keeps between the counts of a cell (n <= STATE_MAX_N). */
static void
check_survey(struct buf *b, const struct survey *s, const char *where,
    const char *name)
{
	if (s->promoters > s->nps_n || s->detractors > s->nps_n -
	    s->promoters || s->csat_top2 > s->csat_n)
		invalid(b, "%s%s: more promoters, detractors or top-2 answers "
		    "than answers", where, name);
}

static void
check_cell(struct buf *b, const struct cell *c, int same_clock,
    const char *where)
{
	if (b->bad)
		return;
	if (c->n > STATE_MAX_N)
		invalid(b, "%sn: %" PRIu64 " occurrences, more than a state "
		    "holds (%" PRId64 ")", where, c->n, STATE_MAX_N);
	else if (c->met > c->n || c->tolerated > c->n - c->met ||
	    c->breached != c->n - c->met - c->tolerated)
		invalid(b, "%smet, tolerated, breached: do not add up to n",
		    where);
	else if (c->neg_n > c->n)
		invalid(b, "%sneg_n: more than n", where);
	else if (!within(c->score_sum, c->n) || c->score_sq < 0 ||
	    !within(c->score_sq, c->n) || c->neg_sum < 0 ||
	    !within(c->neg_sum, c->neg_n) || !within(c->cust_score_sum, c->n))
		invalid(b, "%sscore sums: out of range for %" PRIu64
		    " scores in [-1, 1]", where, c->n);
	else if (c->open_breached > c->breached || c->ended_breached >
	    c->breached - c->open_breached)
		invalid(b, "%sopen_breached, ended_breached: more than breached",
		    where);
	else if (c->elapsed.n != c->n - c->open_breached - c->ended_breached ||
	    c->business.n != (same_clock ? 0 : c->elapsed.n))
		invalid(b, "%selapsed, business: not one time per closed "
		    "occurrence", where);
	else if (c->open > STATE_MAX_N || c->ended > STATE_MAX_N ||
	    c->elapsed_cens.n != c->open + c->ended + c->open_breached +
	    c->ended_breached || c->business_cens.n != (same_clock ? 0 :
	    c->elapsed_cens.n))
		invalid(b, "%selapsed_cens, business_cens: not one time per "
		    "open or ended occurrence", where);
	else if (c->clusters > c->n || (c->clusters == 0) != (c->n == 0) ||
	    c->clu_nn < c->n || c->clu_bb < c->breached ||
	    c->clu_bb > c->clu_bn || c->clu_bn > c->clu_nn)
		invalid(b, "%sclusters: out of bounds for n and breached",
		    where);
	else if (c->promised > c->n || c->promise_broken > c->promised ||
	    c->over_promised > c->promised ||
	    c->promise_late.n != c->promise_broken)
		invalid(b, "%spromised, promise_broken, over_promised: out of "
		    "bounds", where);
	else if (c->cust_met > c->n || c->cust_tolerated > c->n -
	    c->cust_met || c->cust_breached > c->n - c->cust_met -
	    c->cust_tolerated)
		invalid(b, "%scustomer statuses: more than n", where);
	else if (c->failures > c->n || c->recovered > c->failures ||
	    c->recovery_failed > c->failures - c->recovered ||
	    c->recover_time.n != c->recovered)
		invalid(b, "%sfailures, recovered: out of bounds", where);
	else if (c->journeys > c->n || c->memory_hits > c->journeys ||
	    c->s_breached.nps_n > c->journeys || c->s_met.nps_n >
	    c->journeys - c->s_breached.nps_n || c->s_breached.csat_n >
	    c->journeys || c->s_met.csat_n > c->journeys -
	    c->s_breached.csat_n)
		invalid(b, "%sjourneys, memory hits, survey answers: more "
		    "than journeys", where);
	check_survey(b, &c->s_breached, where, "survey of breached");
	check_survey(b, &c->s_met, where, "survey of met");
	if (!b->bad && !bins_add_up(c->score_bins, c->n))
		invalid(b, "%sscore bins: do not add up to n", where);
}

/* Read a cell into c (which holds initialised sketches) and check its bounds. */
static void
get_cell(struct buf *b, struct cell *c, int same_clock, const char *where)
{
	size_t	i;

	c->n = get_u64(b);
	c->open = get_u64(b);
	c->ended = get_u64(b);
	c->invalid = get_u64(b);
	c->open_breached = get_u64(b);
	c->ended_breached = get_u64(b);
	c->met = get_u64(b);
	c->tolerated = get_u64(b);
	c->breached = get_u64(b);
	c->score_sum = get_i64(b);
	c->score_sq = get_i64(b);
	c->neg_n = get_u64(b);
	c->neg_sum = get_i64(b);
	for (i = 0; i < SCORE_BINS; i++)
		c->score_bins[i] = get_u64(b);
	get_sketch(b, &c->elapsed, where, "elapsed");
	get_sketch(b, &c->business, where, "business");
	get_sketch(b, &c->elapsed_cens, where, "elapsed_cens");
	get_sketch(b, &c->business_cens, where, "business_cens");
	c->promised = get_u64(b);
	c->promise_broken = get_u64(b);
	c->over_promised = get_u64(b);
	get_sketch(b, &c->promise_late, where, "promise_late");
	c->cust_met = get_u64(b);
	c->cust_tolerated = get_u64(b);
	c->cust_breached = get_u64(b);
	c->cust_score_sum = get_i64(b);
	c->failures = get_u64(b);
	c->recovered = get_u64(b);
	c->recovery_failed = get_u64(b);
	get_sketch(b, &c->recover_time, where, "recover_time");
	c->clusters = get_u64(b);
	c->clu_nn = get_u64(b);
	c->clu_bn = get_u64(b);
	c->clu_bb = get_u64(b);
	c->journeys = get_u64(b);
	c->memory_hits = get_u64(b);
	get_survey(b, &c->s_breached);
	get_survey(b, &c->s_met);
	check_cell(b, c, same_clock, where);
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
	int	before = p->before.n > 0 || p->before.breached > 0 ||
		    p->before.open > 0;

	if (before && p->n > 0)
		gap = p->max + 1 - p->n;
	put_i64(b, p->first - (int64_t)gap);
	put_u64(b, p->n + gap);
	for (i = 0; i < gap; i++) {
		put_u64(b, i == 0 ? p->before.n : 0);
		put_u64(b, i == 0 ? p->before.breached : 0);
		put_u64(b, i == 0 ? p->before.open : 0);
	}
	for (i = 0; i < p->n; i++) {
		put_u64(b, p->v[i].n);
		put_u64(b, p->v[i].breached);
		put_u64(b, p->v[i].open);
	}
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* The week index of an instant (weeks since 1969-12-29), as agg.c counts them. */
static int64_t
week_of(mot_time t)
{
	return (floor_div(floor_div(t, 86400 * MOT_USEC) + 3, 7));
}

/* The month index of an instant (months since year 0). */
static int64_t
month_of(mot_time t)
{
	int64_t		y;
	unsigned	m, d;

	civil_from_days(floor_div(t, 86400 * MOT_USEC), &y, &m, &d);
	return (y * 12 + m - 1);
}

/*
 * Read a run of periods: within the weeks or months of the state's range
 * of starts (periods are cohorts of clocks by their start), the first and
 * last not empty, adding up to the moment's n, breached and open (c).
 */
static void
get_periods(struct buf *b, struct periods *p, int monthly,
    const struct agg *a, const struct cell *c, const char *where)
{
	const char	*name = monthly ? "months" : "weeks";
	uint64_t	 n, i, k, br, op, sum = 0, breached = 0, open = 0;
	int64_t		 first, lo, hi;

	first = get_i64(b);
	n = get_count(b, 24);
	if (b->bad)
		return;
	if (n == 0) {
		if (c->n != 0 || c->open != 0)
			invalid(b, "%s%s: none, for %" PRIu64 " occurrences",
			    where, name, c->n + c->open);
		return;
	}
	if (a->first_start == MOT_TIME_NONE) {
		invalid(b, "%s%s: periods in a state without a range of "
		    "starts", where, name);
		return;
	}
	lo = monthly ? month_of(a->first_start) : week_of(a->first_start);
	hi = monthly ? month_of(a->last_start) : week_of(a->last_start);
	if (first < lo || first > hi || n - 1 > (uint64_t)(hi - first)) {
		invalid(b, "%s%s: periods outside the state's range of starts",
		    where, name);
		return;
	}
	for (i = 0; i < n; i++) {
		k = get_u64(b);
		br = get_u64(b);
		op = get_u64(b);
		if (b->bad)
			return;
		if ((i == 0 || i == n - 1) && k == 0 && op == 0) {
			invalid(b, "%s%s: first or last period empty", where,
			    name);
			return;
		}
		if (k > c->n - sum || br > k || op > c->open - open) {
			invalid(b, "%s%s: more occurrences or breaches than "
			    "the moment's", where, name);
			return;
		}
		sum += k;
		breached += br;
		open += op;
		/* Kept within the run's bound: older ones fold again. */
		agg_periods_add(p, first + (int64_t)i, k, br, op);
	}
	if (sum != c->n || breached != c->breached || open != c->open)
		invalid(b, "%s%s: do not add up to the moment's n, breached "
		    "and open", where, name);
}

/* A format's name as a state holds it, as the reader's static text; NULL if none. */
static const char *
state_format(const char *name)
{
	static const char *const formats[] = {
		"journeys", "xes", "csv", "ocel", NULL
	};
	size_t			 i;

	for (i = 0; formats[i] != NULL; i++)
		if (strcmp(name, formats[i]) == 0)
			return (formats[i]);
	return (NULL);
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
	put_u64(b, st->csv_rows);
	put_u64(b, st->csv_rows_no_id);
	put_u64(b, st->csv_header_repeats);
	put_u64(b, st->csv_attr_conflicts);
	put_u64(b, st->ocel_events);
	put_u64(b, st->ocel_events_left_out);
	put_u64(b, st->ocel_unknown_objects);
	put_u64(b, st->ocel_duplicate_objects);
	put_u64(b, st->ocel_attr_changes);
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
	if (b->version < 4)		/* CSV came with version 4 */
		return;
	st->csv_rows = get_u64(b);
	st->csv_rows_no_id = get_u64(b);
	st->csv_header_repeats = get_u64(b);
	st->csv_attr_conflicts = get_u64(b);
	if (b->version < 5)		/* OCEL came with version 5 */
		return;
	st->ocel_events = get_u64(b);
	st->ocel_events_left_out = get_u64(b);
	st->ocel_unknown_objects = get_u64(b);
	st->ocel_duplicate_objects = get_u64(b);
	st->ocel_attr_changes = get_u64(b);
}

static int
input_size_cmp(const void *a, const void *b)
{
	const struct state_input	*x = *(const struct state_input *const *)a;
	const struct state_input	*y = *(const struct state_input *const *)b;

	return ((x->size > y->size) - (x->size < y->size));
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
    const struct agg *a, const struct state_inputs *in, char **cause)
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
	put_u64(&b, in->n);
	for (i = 0; i < in->n; i++) {
		put_str(&b, in->v[i].path);
		put_u64(&b, in->v[i].size);
		put_u64(&b, in->v[i].hash);
		put_u64(&b, (uint64_t)in->v[i].known);
		put_i64(&b, in->v[i].first_stop);
		put_i64(&b, in->v[i].last_stop);
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
	put_i64(&b, a->first_start);
	put_i64(&b, a->last_start);
	put_i64(&b, a->as_of);
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
	if (put_pending(&b, a) != 0) {
		free(b.p);
		*cause = xasprintf("%s: cannot read back the open clocks from a "
		    "temporary file: %s", path, strerror(errno));
		return (MOT_EXIT_IOERR);
	}
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

/* Flags of an open clock in a state. */
#define SP_TOTAL	0x01
#define SP_VALUE	0x02
#define SP_PAUSED	0x04
#define SP_OVER		0x08
/* A state's open clock without a breakdown value. */
#define SP_NO_VALUE	UINT64_MAX

static int
put_pend(const struct pend_rec *r, void *arg)
{
	struct buf	*b = arg;

	put_u64(b, r->moment);
	put_u64(b, r->value == PENDING_NO_VALUE ? SP_NO_VALUE : r->value);
	put_u64(b, (uint64_t)((r->new_total ? SP_TOTAL : 0) |
	    (r->new_value ? SP_VALUE : 0) | (r->paused ? SP_PAUSED : 0) |
	    (r->over_promised ? SP_OVER : 0)));
	put_u64(b, r->n0);
	put_u64(b, r->b0);
	put_u64(b, r->n0v);
	put_u64(b, r->b0v);
	put_i64(b, r->start);
	put_i64(b, r->pivot);
	put_i64(b, r->so_far);
	put_i64(b, r->adequate);
	put_i64(b, r->deadline);
	return (0);
}

/*
 * The open clocks, unclassified (a merge classifies them against the
 * latest as_of): the breakdown values by index, then each record; -1 with
 * errno when they cannot be read back from their temporary file.
 */
static int
put_pending(struct buf *b, const struct agg *a)
{
	size_t	v;

	put_u64(b, a->values.n);
	for (v = 0; v < a->values.n; v++)
		put_str(b, strtab_key(&a->values, v));
	put_u64(b, a->pend.n);
	return (pending_each(&a->pend, put_pend, b));
}

/* Read the open clocks a state holds, checked, into a's records. */
static void
get_pending(struct buf *b, struct agg *a)
{
	struct pend_rec	 r;
	size_t		*map = NULL;
	uint64_t	 nv, n, i, v, f;
	char		*s;

	nv = get_count(b, 8);
	if (!b->bad && nv > 0)
		map = xreallocarray(NULL, (size_t)nv, sizeof *map);
	for (i = 0; i < nv && !b->bad; i++) {
		if ((s = get_str(b)) == NULL) {
			invalid(b, "open clocks: a breakdown value is missing");
			break;
		}
		map[i] = strtab_intern(&a->values, s, strlen(s));
		free(s);
	}
	n = get_count(b, 12 * 8);
	for (i = 0; i < n && !b->bad; i++) {
		memset(&r, 0, sizeof r);
		r.moment = (size_t)get_u64(b);
		v = get_u64(b);
		f = get_u64(b);
		r.n0 = get_u64(b);
		r.b0 = get_u64(b);
		r.n0v = get_u64(b);
		r.b0v = get_u64(b);
		r.start = get_i64(b);
		r.pivot = get_i64(b);
		r.so_far = get_i64(b);
		r.adequate = get_i64(b);
		r.deadline = get_i64(b);
		if (b->bad)
			break;
		r.new_total = (f & SP_TOTAL) != 0;
		r.new_value = (f & SP_VALUE) != 0;
		r.paused = (f & SP_PAUSED) != 0;
		r.over_promised = (f & SP_OVER) != 0;
		r.value = v == SP_NO_VALUE ? PENDING_NO_VALUE : v < nv ?
		    map[v] : PENDING_NO_VALUE;
		if (r.moment >= a->e->nmoments || f > 0x0f ||
		    (v != SP_NO_VALUE && v >= nv) || (i == 0 && !r.new_total) ||
		    (r.new_value && v == SP_NO_VALUE))
			invalid(b, "open clock %" PRIu64 ": moment, value or "
			    "group out of range", i);
		else if (r.n0 > STATE_MAX_N || r.b0 > r.n0 || r.n0v > r.n0 ||
		    r.b0v > r.n0v || r.b0v > r.b0)
			invalid(b, "open clock %" PRIu64 ": its journey's counts "
			    "out of bounds", i);
		else if (!time_ok(r.start) || !time_ok(r.pivot) ||
		    r.pivot < r.start || r.so_far < 0 || r.so_far > r.pivot -
		    r.start || r.adequate < 0 || (r.deadline != MOT_TIME_NONE &&
		    !time_ok(r.deadline)))
			invalid(b, "open clock %" PRIu64 ": times out of range",
			    i);
		else
			pending_add(&a->pend, &r);
	}
	free(map);
}

/* The fingerprint of one input of a run: its first bytes, when it can be read again. */
static void
fingerprint(struct state_input *in, const struct input *from,
    const struct agg *a)
{
	unsigned char	*p;
	uLong		 crc, adler;
	ssize_t		 r;
	size_t		 len = 0;
	int		 fd;

	memset(in, 0, sizeof *in);
	in->path = xstrdup(from->path);
	in->size = from->st.io.raw_bytes;
	in->first_stop = a->first_stop;
	in->last_stop = a->last_stop;
	if (strcmp(from->path, "(stdin)") == 0 ||
	    (fd = open(from->path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	p = xmalloc(STATE_PRINT_BYTES);
	while (len < STATE_PRINT_BYTES && (r = read(fd, p + len,
	    STATE_PRINT_BYTES - len)) > 0)
		len += (size_t)r;
	close(fd);
	if (len == (in->size < STATE_PRINT_BYTES ? in->size :
	    STATE_PRINT_BYTES)) {
		crc = crc32(0L, p, (uInt)len);
		adler = adler32(1L, p, (uInt)len);
		in->hash = (uint64_t)crc << 32 | (uint64_t)(adler & 0xffffffff);
		in->known = 1;
	}
	free(p);
}

int
state_save(const char *path, const struct expectations *e,
    const struct agg *a, char **cause)
{
	struct state_inputs	in;
	struct buf		ex;
	size_t			i;
	int			rc;

	if ((rc = slurp(e->path, &ex, cause)) != 0)
		return (rc);
	in.n = a->ninputs;
	in.v = xcalloc(in.n + 1, sizeof *in.v);
	for (i = 0; i < in.n; i++)
		fingerprint(&in.v[i], &a->inputs[i], a);
	rc = save(path, &ex, e, a, &in, cause);
	state_inputs_free(&in);
	free(ex.p);
	return (rc);
}

int
state_save_merged(const char *path, const char *from,
    const struct expectations *e, const struct agg *a,
    const struct state_inputs *in, char **cause)
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
	rc = b.bad ? MOT_EXIT_DATAERR : save(path, &ex, e, a, in, cause);
	if (b.bad)
		*cause = xasprintf("%s: damaged state file", from);
	free(b.p);
	return (rc);
}

int
state_input_same(const struct state_input *x, const struct state_input *y)
{
	if (x->size != y->size || x->known != y->known)
		return (0);
	if (x->known)
		return (x->hash == y->hash);
	return (x->first_stop == y->first_stop && x->last_stop == y->last_stop);
}

const struct state_input *
state_overlap(const struct state_inputs *a, const struct state_inputs *b)
{
	struct state_input	**v;
	const struct state_input *hit = NULL;
	size_t			 i, lo, hi, mid;

	/* b sorted by size, then each input of a looked up: O((m + n) log n). */
	v = xreallocarray(NULL, b->n + 1, sizeof *v);
	for (i = 0; i < b->n; i++)
		v[i] = &b->v[i];
	qsort(v, b->n, sizeof *v, input_size_cmp);
	for (i = 0; i < a->n && hit == NULL; i++) {
		lo = 0;
		hi = b->n;
		while (lo < hi) {	/* the first of v of a's size, or more */
			mid = lo + (hi - lo) / 2;
			if (v[mid]->size < a->v[i].size)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < b->n && v[lo]->size == a->v[i].size; lo++) {
			if (state_input_same(&a->v[i], v[lo])) {
				hit = &a->v[i];
				break;
			}
		}
	}
	free(v);
	return (hit);
}

void
state_inputs_add(struct state_inputs *d, const struct state_inputs *s)
{
	size_t	i;

	d->v = xreallocarray(d->v, d->n + s->n + 1, sizeof *d->v);
	for (i = 0; i < s->n; i++) {
		d->v[d->n + i] = s->v[i];
		d->v[d->n + i].path = xstrdup(s->v[i].path);
	}
	d->n += s->n;
}

void
state_inputs_free(struct state_inputs *in)
{
	size_t	i;

	for (i = 0; i < in->n; i++)
		free(in->v[i].path);
	free(in->v);
	in->v = NULL;
	in->n = 0;
}

/* Whether adding y to x keeps a count within a state's bounds. */
static int
fits(uint64_t x, uint64_t y)
{
	return (x <= STATE_MAX_N && y <= STATE_MAX_N - x);
}

int
state_merge_fits(const struct agg *d, const struct agg *s, const char *path,
    char **cause)
{
	const char	*what = NULL;
	size_t		 i;

	if (!fits(d->journeys_read, s->journeys_read))
		what = "journeys";
	else if (!fits(d->jd.n, s->jd.n))
		what = "scored journeys";
	for (i = 0; what == NULL && i < d->e->nmoments; i++) {
		if (!fits(d->m[i].total.n, s->m[i].total.n) ||
		    !fits(d->m[i].total.open, s->m[i].total.open) ||
		    !fits(d->m[i].total.invalid, s->m[i].total.invalid) ||
		    !fits(d->m[i].journeys, s->m[i].journeys))
			what = "occurrences of a moment";
	}
	if (what == NULL)
		return (0);
	*cause = xasprintf("%s: merged, the states would hold more %s than "
	    "a state can (%" PRId64 ")", path, what, STATE_MAX_N);
	return (MOT_EXIT_DATAERR);
}

/* Load the expectations a state carries, through a temporary file. */
static int
load_expectations(const char *path, const unsigned char *p, size_t n,
    struct expectations **e, char **cause)
{
	char		*tmp;
	int		 fd, rc;

	tmp = xasprintf("%s/mot-state-XXXXXX", afile_tmpdir());
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

/* Whether t is an instant mot can read (years 1 to 9999, a day either side), or none. */
static int
time_ok(mot_time t)
{
	int64_t	lo = (days_from_civil(0, 12, 31) - 1) * 86400 * MOT_USEC;
	int64_t	hi = (days_from_civil(10000, 1, 2) + 1) * 86400 * MOT_USEC;

	return (t >= lo && t < hi);
}

/* Whether first to last is a range of instants mot can read, first <= last, or none (both none). */
static int
range_ok(mot_time first, mot_time last)
{
	if (first == MOT_TIME_NONE || last == MOT_TIME_NONE)
		return (first == last);
	return (time_ok(first) && time_ok(last) && first <= last);
}

/* Whether s is "file:line", as agg_reject writes where a reason was first seen. */
static int
file_line(const char *s)
{
	const char	*c = strrchr(s, ':');

	if (c == NULL || c[1] == '\0')
		return (0);
	return (strspn(c + 1, "0123456789") == strlen(c + 1));
}

/* The rejection reasons and where each was first seen. */
static void
get_reasons(struct buf *b, struct agg *a)
{
	struct journey	 j;
	uint64_t	 n, i, k, sum = 0;
	char		*s, *t;

	n = get_count(b, 24);
	for (i = 0; i < n && !b->bad; i++) {
		s = get_str(b);
		t = get_str(b);
		k = get_u64(b);
		if (!b->bad && (s == NULL || t == NULL || !file_line(t) ||
		    k == 0 || k > a->journeys_rejected - sum))
			invalid(b, "rejection reason %" PRIu64 ": no reason, no "
			    "file:line, or a count out of bounds", i);
		if (b->bad) {
			free(s);
			free(t);
			break;
		}
		sum += k;
		memset(&j, 0, sizeof j);
		j.reject = s;
		j.file = t;
		agg_reject(a, &j);	/* makes the slot; fixed below */
		a->journeys_read--;
		a->journeys_rejected--;
		if (a->reasons.n != i + 1) {
			invalid(b, "rejection reason \"%s\": appears twice", s);
			free(s);
			free(t);
			break;
		}
		a->reason_count[i] = k;
		free(a->reason_first[i]);
		a->reason_first[i] = t;
		free(s);
	}
	if (!b->bad && sum != a->journeys_rejected)
		invalid(b, "rejection reasons: do not add up to the rejected "
		    "journeys");
}

/* The inputs, as mot analyze recorded them. */
static void
get_inputs(struct buf *b, struct agg *a)
{
	struct read_stats	 st;
	uint64_t		 n, i;
	char			*s, *t;

	n = get_count(b, 16);
	for (i = 0; i < n && !b->bad; i++) {
		s = get_str(b);
		t = get_str(b);
		get_stats(b, &st);
		if (!b->bad && (s == NULL || t == NULL ||
		    (st.format = state_format(t)) == NULL))
			invalid(b, "input %" PRIu64 ": no name or format", i);
		if (!b->bad) {
			agg_input(a, s, &st);
		}
		free(s);
		free(t);
	}
}

/* What identifies the inputs: one fingerprint each, of every state merged. */
static void
get_prints(struct buf *b, struct state_inputs *in)
{
	struct state_input	*p;
	uint64_t		 n, i, known;

	n = get_count(b, 48);
	in->v = xcalloc((size_t)n + 1, sizeof *in->v);
	for (i = 0; i < n && !b->bad; i++) {
		p = &in->v[in->n++];
		p->path = get_str(b);
		p->size = get_u64(b);
		p->hash = get_u64(b);
		known = get_u64(b);
		p->known = known == 1;
		p->first_stop = get_i64(b);
		p->last_stop = get_i64(b);
		if (!b->bad && (p->path == NULL || known > 1 ||
		    !range_ok(p->first_stop, p->last_stop)))
			invalid(b, "fingerprint %" PRIu64 ": no name, or a time "
			    "range out of bounds", i);
	}
}

/* The distribution of journey scores. */
static void
get_jdist(struct buf *b, struct agg *a)
{
	struct jdist	*d = &a->jd;
	size_t		 i;

	d->n = get_u64(b);
	d->sum = get_i64(b);
	d->remembered = get_i64(b);
	d->peak_end = get_i64(b);
	d->effort = get_i64(b);
	d->handoffs = get_u64(b);
	d->repeats = get_u64(b);
	d->switches = get_u64(b);
	for (i = 0; i < SCORE_BINS; i++)
		d->bins[i] = get_u64(b);
	if (b->bad)
		return;
	if (d->n > a->journeys_read - a->journeys_rejected ||
	    d->n > STATE_MAX_N) {
		invalid(b, "journey scores: more than the accepted journeys");
		return;
	}
	if (!within(d->sum, d->n) || !within(d->remembered, d->n) ||
	    !within(d->peak_end, d->n) || !within(d->effort, d->n)) {
		invalid(b, "journey scores: sums out of range for %" PRIu64
		    " scores in [-1, 1]", d->n);
		return;
	}
	if (!bins_add_up(d->bins, d->n))
		invalid(b, "journey scores: bins do not add up to n");
}

/* The aggregates of one moment, i. */
static void
get_moment(struct buf *b, struct agg *a, size_t i)
{
	struct moment_agg	*ma = &a->m[i];
	const struct moment	*m = &a->e->moments[i];
	struct cell		 sum, c;	/* c: a breakdown cell, as read */
	char			*where, *vw, *cw;
	uint64_t		 n, v;
	long			 k;
	int			 same = agg_same_clock(m);

	where = xasprintf("moment \"%s\": ", m->id);
	get_cell(b, &ma->total, same, where);
	ma->journeys = get_u64(b);
	if (!b->bad && (ma->journeys > a->journeys_read -
	    a->journeys_rejected || ma->total.journeys > ma->journeys))
		invalid(b, "%sjourneys: more than the accepted journeys",
		    where);
	n = get_count(b, 16);
	if (!b->bad && n > 0 && a->by == NULL)
		invalid(b, "%sbreakdown values in a state without --by", where);
	memset(&sum, 0, sizeof sum);
	for (v = 0; v < n && !b->bad; v++) {
		if ((vw = get_str(b)) == NULL) {
			invalid(b, "%sbreakdown value %" PRIu64 ": no name",
			    where, v);
			break;
		}
		k = strtab_find(&a->values, vw, strlen(vw));
		if (k >= 0 && agg_has_value(a, i, (size_t)k)) {
			invalid(b, "%sbreakdown value \"%s\": appears twice",
			    where, vw);
			free(vw);
			break;
		}
		cw = xasprintf("%sbreakdown value %" PRIu64 ": ", where, v);
		agg_cell_init(&c);
		get_cell(b, &c, same, cw);
		free(cw);
		if (!b->bad && (c.n > ma->total.n - sum.n || c.open >
		    ma->total.open - sum.open || c.invalid >
		    ma->total.invalid - sum.invalid))
			invalid(b, "%sbreakdown values: more occurrences than "
			    "the moment's", where);
		if (!b->bad) {
			sum.n += c.n;
			sum.open += c.open;
			sum.invalid += c.invalid;
			agg_add_cell(a, i, vw, &c);
		}
		agg_cell_free(&c);
		free(vw);
	}
	get_periods(b, &ma->weeks, 0, a, &ma->total, where);
	get_periods(b, &ma->months, 1, a, &ma->total, where);
	free(where);
}

int
state_load(const char *path, struct expectations **ep, struct agg *a,
    char **by, struct state_inputs *in, char **cause)
{
	struct buf		 b;
	struct expectations	*e = NULL;
	uint64_t		 version, hash, exlen, i;
	uint32_t		 crc, want;
	char			*s;
	int			 rc;

	*ep = NULL;
	*by = NULL;
	memset(in, 0, sizeof *in);
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
	if ((version = get_u64(&b)) < STATE_VERSION_MIN ||
	    version > STATE_VERSION) {
		*cause = xasprintf("%s: state format version %" PRIu64 ", this "
		    "mot reads versions %d to %d%s", path, version,
		    STATE_VERSION_MIN, STATE_VERSION, version < STATE_VERSION ?
		    ": save the state again with this mot (mot analyze "
		    "--save-state)" : "");
		goto out;
	}
	b.version = version;
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
	if (!b.bad && (a->journeys_read > STATE_MAX_N ||
	    a->journeys_rejected > a->journeys_read))
		invalid(&b, "journeys: more than a state holds, or more "
		    "rejected than read");
	get_reasons(&b, a);
	for (i = 0; i < e->names.n; i++)
		a->name_seen[i] = get_u64(&b);
	get_inputs(&b, a);
	get_prints(&b, in);
	get_jdist(&b, a);
	a->first_stop = get_i64(&b);
	a->last_stop = get_i64(&b);
	if (!b.bad && !range_ok(a->first_stop, a->last_stop))
		invalid(&b, "first_stop, last_stop: not a time range mot can "
		    "read");
	a->first_start = get_i64(&b);
	a->last_start = get_i64(&b);
	if (!b.bad && !range_ok(a->first_start, a->last_start))
		invalid(&b, "first_start, last_start: not a time range mot "
		    "can read");
	a->as_of = get_i64(&b);
	if (!b.bad && a->as_of != MOT_TIME_NONE && !time_ok(a->as_of))
		invalid(&b, "as_of: not a time mot can read");
	for (i = 0; i < e->nmoments && !b.bad; i++)
		get_moment(&b, a, (size_t)i);
	if (!b.bad)
		get_pending(&b, a);
	if (b.why != NULL) {
		*cause = xasprintf("%s: invalid state file: %s", path, b.why);
		goto out;
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
	if (rc != 0) {
		state_inputs_free(in);
		free(*by);
		*by = NULL;
	}
	free(b.why);
	free(b.p);
	return (rc);
}
