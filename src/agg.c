/*
 * agg.c - the aggregates one run keeps: per moment, and per value of the
 * breakdown, counts by status, exact integer sums of scores, quantile
 * sketches of times, promise, recovery, memory and survey counters; per
 * run, the distribution of journey scores and data-quality counters.
 * Memory depends on the number of moments, breakdown values and periods
 * (at most PERIODS_WEEKS and PERIODS_MONTHS a moment), never on the
 * number of journeys: a breakdown cell is a log of a few bytes per
 * occurrence until it passes VCELL_LOG_MAX, then a full cell.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "agg.h"
#include "exitcode.h"
#include "suggest.h"
#include "varint.h"
#include "xmalloc.h"

void
agg_cell_init(struct cell *c)
{
	memset(c, 0, sizeof *c);
	sketch_init(&c->elapsed);
	sketch_init(&c->business);
	sketch_init(&c->elapsed_cens);
	sketch_init(&c->business_cens);
	sketch_init(&c->promise_late);
	sketch_init(&c->recover_time);
}

void
agg_cell_free(struct cell *c)
{
	sketch_free(&c->elapsed);
	sketch_free(&c->business);
	sketch_free(&c->elapsed_cens);
	sketch_free(&c->business_cens);
	sketch_free(&c->promise_late);
	sketch_free(&c->recover_time);
}

void
agg_init(struct agg *a, const struct expectations *e, const char *by)
{
	size_t	i;

	memset(a, 0, sizeof *a);
	a->e = e;
	a->by = by;
	a->m = xcalloc(e->nmoments, sizeof *a->m);
	strtab_init(&a->other_names);
	for (i = 0; i < e->nmoments; i++) {
		agg_cell_init(&a->m[i].total);
		a->m[i].last_day = INT64_MIN;
		a->m[i].weeks.max = PERIODS_WEEKS;
		a->m[i].months.max = PERIODS_MONTHS;
	}
	strtab_init(&a->reasons);
	strtab_init(&a->values);
	a->name_seen = xcalloc(e->names.n + 1, sizeof *a->name_seen);
	a->first_stop = a->last_stop = a->as_of = MOT_TIME_NONE;
	a->first_start = a->last_start = MOT_TIME_NONE;
	a->duplicate_ids = -1;
	pending_init(&a->pend, PENDING_BUDGET);
}

static void
vcell_free(struct vcell *vc)
{
	if (vc->cap == VCELL_FULL) {
		agg_cell_free(vc->u.full);
		free(vc->u.full);
	} else if (vc->cap > 0)
		free(vc->u.log);
	memset(vc, 0, sizeof *vc);
}

static void
chunk_free(struct vcell *c)
{
	size_t	k;

	for (k = 0; c != NULL && k < VCELL_CHUNK; k++)
		vcell_free(&c[k]);
	free(c);
}

/* The cell of value index v of moment mi, or NULL when there is none. */
static struct vcell *
cell_at(const struct moment_agg *ma, size_t v)
{
	struct vcell	*c;

	if (v / VCELL_CHUNK >= ma->nchunks ||
	    (c = ma->chunks[v / VCELL_CHUNK]) == NULL)
		return (NULL);
	c += v % VCELL_CHUNK;
	return (c->len > 0 || c->cap == VCELL_FULL ? c : NULL);
}

void
agg_free(struct agg *a)
{
	size_t	i, v;

	for (i = 0; a->m != NULL && i < a->e->nmoments; i++) {
		agg_cell_free(&a->m[i].total);
		for (v = 0; v < a->m[i].nchunks; v++)
			chunk_free(a->m[i].chunks[v]);
		free(a->m[i].chunks);
		free(a->m[i].weeks.v);
		free(a->m[i].months.v);
	}
	free(a->m);
	strtab_free(&a->values);
	for (i = 0; i < a->reasons.n; i++)
		free(a->reason_first[i]);
	free(a->reason_first);
	free(a->reason_count);
	strtab_free(&a->reasons);
	free(a->name_seen);
	strtab_free(&a->other_names);
	free(a->other_limit);
	for (i = 0; i < a->ninputs; i++)
		free(a->inputs[i].path);
	free(a->inputs);
	jscratch_free(&a->scratch);
	free(a->vidx);
	free(a->vrefs);
	free(a->orefs);
	pending_free(&a->pend);
	memset(a, 0, sizeof *a);
}

/* The slot of a rejection reason, made (with first = where) when new. */
static size_t
reason_slot(struct agg *a, const char *reason, const char *where)
{
	size_t	r, before = a->reasons.n;

	r = strtab_intern(&a->reasons, reason, strlen(reason));
	if (a->reasons.n > before) {
		if (r >= a->reasons_cap) {
			a->reasons_cap = a->reasons_cap == 0 ? 8 :
			    a->reasons_cap * 2;
			a->reason_count = xreallocarray(a->reason_count,
			    a->reasons_cap, sizeof *a->reason_count);
			a->reason_first = xreallocarray(a->reason_first,
			    a->reasons_cap, sizeof *a->reason_first);
		}
		a->reason_count[r] = 0;
		a->reason_first[r] = xstrdup(where);
	}
	return (r);
}

void
agg_reject(struct agg *a, const struct journey *j)
{
	char	*where;
	size_t	 r;

	a->journeys_read++;
	a->journeys_rejected++;
	where = j->reject_col > 0 ? xasprintf("%s:%lu:%u", j->file,
	    j->reject_line, j->reject_col) : xasprintf("%s:%lu", j->file,
	    j->reject_line);
	r = reason_slot(a, j->reject, where);
	free(where);
	a->reason_count[r]++;
}

int
agg_same_clock(const struct moment *m)
{
	return (m->calendar < 0 && m->npauses == 0);
}

enum fmt_clock
agg_clock(const struct moment *m)
{
	return (agg_same_clock(m) ? CLOCK_CALENDAR : CLOCK_WORKING);
}

size_t
agg_score_bin(double s)
{
	double	x = (s + 1) / 2 * SCORE_BINS;

	if (!(x > 0))		/* below the first bin, or NaN */
		return (0);
	if (x >= SCORE_BINS)
		return (SCORE_BINS - 1);
	return ((size_t)x);	/* floor, for x > 0 */
}

void
agg_week(mot_time t, char *buf, size_t size)
{
	int64_t		days, th, y;
	unsigned	m, d;

	days = t / MOT_USEC / 86400 - (t < 0 && t % (86400 * MOT_USEC) != 0);
	th = days - ((days % 7 + 7 + 3) % 7) + 3;	/* that week's Thursday */
	civil_from_days(th, &y, &m, &d);
	snprintf(buf, size, "%04d-W%02d", (int)y,
	    (int)((th - days_from_civil(y, 1, 1)) / 7 + 1));
}

void
agg_month(mot_time t, char *buf, size_t size)
{
	int64_t		days, y;
	unsigned	m, d;

	days = t / MOT_USEC / 86400 - (t < 0 && t % (86400 * MOT_USEC) != 0);
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02u", (int)y, m);
}

int
agg_by_builtin(const char *by)
{
	return (by == NULL || strcmp(by, "channel") == 0 ||
	    strcmp(by, "week") == 0 || strcmp(by, "month") == 0);
}

/* A touchpoint's value of a --by attribute: its own, or its team, actor or status; NULL when it has none. */
static const char *
tp_value(const struct touchpoint *tp, const char *by)
{
	const char	*v = tp->by;

	if (v == NULL && strcmp(by, "team") == 0)
		v = tp->team;
	else if (v == NULL && strcmp(by, "actor") == 0)
		v = tp->actor;
	else if (v == NULL && strcmp(by, "status") == 0)
		v = tp->status;
	return (v != NULL && *v != '\0' ? v : NULL);
}

/* Whether a journey has a --by value: an attribute, or one on a touchpoint. */
static int
journey_has_by(const struct journey *j, const char *by)
{
	size_t	i;

	if (journey_attr(j, by) != NULL)
		return (1);
	for (i = 0; !agg_by_builtin(by) && i < j->ntps; i++)
		if (tp_value(&j->tps[i], by) != NULL)
			return (1);
	return (0);
}

const char *
agg_value(const struct agg *a, const struct journey *j,
    const struct occurrence *o, char *buf, size_t size)
{
	const struct touchpoint	*tp;
	const char		*v;
	mot_time		 t;

	if (a->by == NULL)
		return (NULL);
	if ((v = journey_attr(j, a->by)) != NULL && *v != '\0')
		return (v);
	t = o->start;	/* cohorts: the period the clock started in */
	if (strcmp(a->by, "channel") == 0) {
		tp = o->to != NULL ? o->to : o->from;
		if (tp != NULL && tp->channel != NULL && *tp->channel != '\0')
			return (tp->channel);
	} else if (!agg_by_builtin(a->by)) {
		/* A touchpoint attribute: the stopping one's, else the starting one's. */
		if (o->to != NULL && (v = tp_value(o->to, a->by)) != NULL)
			return (v);
		if (o->from != NULL && (v = tp_value(o->from, a->by)) != NULL)
			return (v);
	} else if (strcmp(a->by, "week") == 0 && t != MOT_TIME_NONE) {
		agg_week(t, buf, size);
		return (buf);
	} else if (strcmp(a->by, "month") == 0 && t != MOT_TIME_NONE) {
		agg_month(t, buf, size);
		return (buf);
	}
	return (AGG_NO_VALUE);
}

/* Fold the first k periods into before, and the empty ones after them. */
static void
period_fold(struct periods *p, size_t k)
{
	size_t	i;

	for (i = 0; i < p->n && (i < k || (p->v[i].n == 0 &&
	    p->v[i].breached == 0 && p->v[i].open == 0)); i++) {
		p->before.n += p->v[i].n;
		p->before.breached += p->v[i].breached;
		p->before.open += p->v[i].open;
	}
	memmove(p->v, p->v + i, (p->n - i) * sizeof *p->v);
	p->n -= i;
	p->first += (int64_t)i;
}

/*
 * Grow the run of periods to reach index k, keeping at most p->max: the
 * period, or before for one older than them all. What is kept is every
 * period from the first with an occurrence within the max ending with the
 * latest seen: it does not depend on the order of the occurrences.
 */
static struct period *
period_grow(struct periods *p, int64_t k)
{
	size_t	add, max = p->max > 0 ? p->max : 1;
	int64_t	last;

	if (p->n > 0 && k > p->first && (uint64_t)(k - p->first) >= max)
		period_fold(p, (uint64_t)(k - p->first) - max + 1 < p->n ?
		    (size_t)((uint64_t)(k - p->first) - max + 1) : p->n);
	if (p->n == 0) {
		free(p->v);
		p->v = xcalloc(1, sizeof *p->v);
		p->first = k;
		p->n = 1;
	} else if (k < p->first) {
		last = p->first + (int64_t)p->n - 1;
		if ((uint64_t)(last - k) >= max)
			return (&p->before);
		add = (size_t)(p->first - k);
		p->v = xreallocarray(p->v, p->n + add, sizeof *p->v);
		memmove(p->v + add, p->v, p->n * sizeof *p->v);
		memset(p->v, 0, add * sizeof *p->v);
		p->n += add;
		p->first = k;
	} else if ((uint64_t)(k - p->first) >= p->n) {
		add = (size_t)(k - p->first) + 1 - p->n;
		p->v = xreallocarray(p->v, p->n + add, sizeof *p->v);
		memset(p->v + p->n, 0, add * sizeof *p->v);
		p->n += add;
	}
	return (&p->v[k - p->first]);
}

/* The period with index k: most often one the run has already. */
static inline struct period *
period_at(struct periods *p, int64_t k)
{
	if (p->n > 0 && k >= p->first && (uint64_t)(k - p->first) < p->n)
		return (&p->v[k - p->first]);
	return (period_grow(p, k));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

void
agg_period_occ(struct agg *a, size_t mi, mot_time start, int breached,
    int open)
{
	struct moment_agg	*ma = &a->m[mi];
	struct period		*p;
	int64_t			 day, y;
	unsigned		 m, d;

	if (start == MOT_TIME_NONE)
		return;
	if (a->first_start == MOT_TIME_NONE || start < a->first_start)
		a->first_start = start;
	if (a->last_start == MOT_TIME_NONE || start > a->last_start)
		a->last_start = start;
	day = floor_div(start, 86400 * MOT_USEC);
	if (day != ma->last_day) {
		civil_from_days(day, &y, &m, &d);
		ma->last_month = y * 12 + m - 1;
		ma->last_day = day;
	}
	p = period_at(&ma->weeks, floor_div(day + 3, 7));
	if (open)
		p->open++;
	else {
		p->n++;
		p->breached += breached != 0;
	}
	p = period_at(&ma->months, ma->last_month);
	if (open)
		p->open++;
	else {
		p->n++;
		p->breached += breached != 0;
	}
}

void
agg_period_label(const struct periods *p, int monthly, size_t i, char *buf,
    size_t size)
{
	int64_t	k = p->first + (int64_t)i;

	if (monthly)
		snprintf(buf, size, "%04d-%02d", (int)floor_div(k, 12),
		    (int)(k - floor_div(k, 12) * 12 + 1));
	else	/* the Thursday of week k decides its ISO year and number */
		agg_week((k * 7 - 3 + 3) * 86400 * MOT_USEC, buf, size);
}

static int64_t
units(double v)
{
	double	u = v * SCORE_SCALE;	/* exact, and no division */

	return ((int64_t)(u < 0 ? u - 0.5 : u + 0.5));
}

/* Add the time so far of an open or ended occurrence: censored, for Kaplan-Meier. */
static void
cell_censored(struct cell *c, const struct occurrence *o, int same_clock)
{
	sketch_add(&c->elapsed_cens, (double)o->elapsed / 1e6);
	if (!same_clock)
		sketch_add(&c->business_cens, (double)o->business / 1e6);
}

/* Add an occurrence; same_clock: its own clock is calendar time (24x7, no pauses). */
static void
cell_add(struct cell *c, const struct occurrence *o, int same_clock)
{
	switch (o->status) {
	case ST_OPEN:
		c->open++;
		cell_censored(c, o, same_clock);
		return;
	case ST_ENDED:
		c->ended++;
		cell_censored(c, o, same_clock);
		return;
	case ST_INVALID:
		c->invalid++;
		return;
	case ST_MET:
		c->met++;
		break;
	case ST_TOLERATED:
		c->tolerated++;
		break;
	case ST_BREACHED:
		c->breached++;
		break;
	}
	c->n++;
	c->score_sum += units(o->score);
	c->score_sq += units(o->score * o->score);
	if (o->score < 0) {
		c->neg_n++;
		c->neg_sum += units(-o->score);
	}
	c->score_bins[agg_score_bin(o->score)]++;
	if (o->kind == OCC_CLOSED) {
		sketch_add(&c->elapsed, (double)o->elapsed / 1e6);
		if (!same_clock)
			sketch_add(&c->business, (double)o->business / 1e6);
	} else {
		/* A breach lived through: in n, its time censored. */
		cell_censored(c, o, same_clock);
		if (o->kind == OCC_OPEN)
			c->open_breached++;
		else
			c->ended_breached++;
	}
	if (o->promise != MOT_TIME_NONE) {
		c->promised++;
		c->over_promised += o->over_promised != 0;
		if (o->promise_broken) {
			c->promise_broken++;
			sketch_add(&c->promise_late, (double)(o->stop -
			    o->promise) / 1e6);
		}
	}
	switch (o->cust_status) {
	case ST_MET:
		c->cust_met++;
		break;
	case ST_TOLERATED:
		c->cust_tolerated++;
		break;
	case ST_BREACHED:
		c->cust_breached++;
		break;
	default:
		break;
	}
	if (o->cust_status != ST_OPEN)
		c->cust_score_sum += units(o->cust_score);
	if (o->failed) {
		c->failures++;
		if (o->recovered == 1) {
			c->recovered++;
			sketch_add(&c->recover_time, (double)o->recover_dt /
			    1e6);
		} else if (o->recovered == 2)
			c->recovery_failed++;
	}
}

static void
survey_add(struct survey *s, const struct outcome *out)
{
	if (out->nps >= 0) {
		s->nps_n++;
		s->promoters += out->nps >= 9;
		s->detractors += out->nps <= 6;
	}
	if (out->csat >= 0) {
		s->csat_n++;
		s->csat_top2 += out->csat >= 4;
	}
}

/* What one journey adds to the cell of one moment it passed. */
static void
cell_journey(struct cell *c, const struct journey *j, int breached,
    int memory_hit)
{
	c->journeys++;
	c->memory_hits += memory_hit != 0;
	survey_add(breached ? &c->s_breached : &c->s_met, &j->outcome);
}

/* What one journey's nj occurrences in n, bj of them breached, add to a cell's clusters. */
static void
cell_cluster(struct cell *c, uint64_t nj, uint64_t bj)
{
	if (nj == 0)
		return;
	c->clusters++;
	c->clu_nn += nj * nj;
	c->clu_bn += bj * nj;
	c->clu_bb += bj * bj;
}

static void	cell_merge(struct cell *, const struct cell *);

/*
 * A breakdown cell's log: a record per occurrence and per journey, each a
 * tag byte then what cell_add and cell_journey read (fixed-width, in the
 * machine's byte order: the log never leaves the process). An occurrence:
 * the tag holds its status (bits 0-2), whether it had a promise, was over
 * promised, broke it (bits 3-5) and an extra byte (bit 6: the customers'
 * status in bits 0-2, failure and recovery in bits 3-4, the occurrence's
 * kind, open or ended, in bits 5-6); then, scored, its score and elapsed
 * time, the own-clock time unless the moment's clock is calendar time,
 * the time past a broken promise, the customers' score and the recovery
 * time when there are any; open or ended within adequate, its elapsed
 * and own-clock times so far. A journey's occurrences in n, for the
 * clusters: REC_CLUSTER, then varints of how many and how many breached.
 * A journey: bit 7, and whether it was breached, a memory hit, and its
 * survey answers.
 */
#define REC_JOURNEY	0x80
#define REC_PROMISE	0x08
#define REC_OVER	0x10
#define REC_BROKEN	0x20
#define REC_EXT		0x40
#define RJ_BREACHED	0x01
#define RJ_HIT		0x02
#define RJ_NPS		0x04
#define RJ_PROMOTER	0x08
#define RJ_DETRACTOR	0x10
#define RJ_CSAT		0x20
#define RJ_TOP2		0x40
/* A whole cell (read from a state): its counters, bins and exact values. */
#define REC_CELL	0x07
/* A journey's cluster (no status is 6). */
#define REC_CLUSTER	0x06
/* Its unsigned and signed counters. */
#define REC_NU		35
#define REC_NI		4
/* Its sketches. */
#define REC_NSK		6
/* Exact values a cell may hold to be kept as a record. */
#define REC_CELL_VALUES	64
/* The longest occurrence record: tag, extra byte and six numbers. */
#define REC_MAX		(2 + 6 * 8)

static unsigned char *
vcell_data(struct vcell *vc)
{
	return (vc->cap == 0 ? vc->u.in : vc->u.log);
}

static const unsigned char *
vcell_cdata(const struct vcell *vc)
{
	return (vc->cap == 0 ? vc->u.in : vc->u.log);
}

static unsigned char *
rec_put(unsigned char *p, const void *v)
{
	memcpy(p, v, 8);
	return (p + 8);
}

static const unsigned char *
rec_get(const unsigned char *p, void *v)
{
	memcpy(v, p, 8);
	return (p + 8);
}

/* The counters of a cell, in the order a cell record holds them. */
static void
cell_counters(struct cell *c, uint64_t **u, int64_t **i)
{
	uint64_t	*uv[] = { &c->n, &c->open, &c->ended, &c->invalid,
	    &c->open_breached, &c->ended_breached, &c->met,
	    &c->tolerated, &c->breached, &c->neg_n, &c->promised,
	    &c->promise_broken, &c->over_promised, &c->cust_met,
	    &c->cust_tolerated, &c->cust_breached, &c->failures,
	    &c->recovered, &c->recovery_failed, &c->journeys, &c->memory_hits,
	    &c->s_breached.nps_n, &c->s_breached.promoters,
	    &c->s_breached.detractors, &c->s_breached.csat_n,
	    &c->s_breached.csat_top2, &c->s_met.nps_n, &c->s_met.promoters,
	    &c->s_met.detractors, &c->s_met.csat_n, &c->s_met.csat_top2,
	    &c->clusters, &c->clu_nn, &c->clu_bn, &c->clu_bb };
	int64_t		*iv[] = { &c->score_sum, &c->score_sq, &c->neg_sum,
	    &c->cust_score_sum };
	size_t		 k;

	for (k = 0; k < REC_NU; k++)
		u[k] = uv[k];
	for (k = 0; k < REC_NI; k++)
		i[k] = iv[k];
}

/* The sketches of a cell, in the order a cell record holds them. */
static void
cell_sketches(struct cell *c, struct sketch **sk)
{
	struct sketch	*v[REC_NSK] = { &c->elapsed, &c->business,
	    &c->elapsed_cens, &c->business_cens, &c->promise_late,
	    &c->recover_time };

	memcpy(sk, v, sizeof v);
}

/*
 * A cell as one record, REC_CELL, then varints of its counters (signed
 * ones zigzagged), its score bins with a count (bin, count), and each
 * sketch's exact values; 0 when it is too large for a log (sketches in
 * buckets, many values).
 */
static size_t
cell_record(const struct cell *c, unsigned char *buf, size_t size)
{
	struct cell	 t = *c;	/* the counters' addresses, not changed */
	struct sketch	*sk[REC_NSK];
	uint64_t	*u[REC_NU];
	int64_t		*iv[REC_NI];
	unsigned char	*p = buf;
	size_t		 k, b, nb = 0, nv = 0;

	cell_sketches(&t, sk);
	for (k = 0; k < REC_NSK; k++) {
		if (sk[k]->n > 0 && sk[k]->exact == NULL)
			return (0);
		nv += sk[k]->n;
	}
	if (nv > REC_CELL_VALUES || c->n + c->open + c->ended + c->invalid >
	    UINT16_MAX || size < 1 + (REC_NU + REC_NI + REC_NSK + 1) * 10 + SCORE_BINS * 11 + nv * 8)
		return (0);
	cell_counters(&t, u, iv);
	*p++ = REC_CELL;
	for (k = 0; k < REC_NU; k++)
		p = varint_put(p, *u[k]);
	for (k = 0; k < REC_NI; k++)
		p = varint_put(p, zigzag(*iv[k]));
	for (b = 0; b < SCORE_BINS; b++)
		nb += c->score_bins[b] != 0;
	p = varint_put(p, nb);
	for (b = 0; b < SCORE_BINS; b++) {
		if (c->score_bins[b] != 0) {
			*p++ = (unsigned char)b;
			p = varint_put(p, c->score_bins[b]);
		}
	}
	for (k = 0; k < REC_NSK; k++) {
		p = varint_put(p, sk[k]->n);
		for (b = 0; b < sk[k]->n; b++)
			p = rec_put(p, &sk[k]->exact[b]);
	}
	return ((size_t)(p - buf));
}

/* Add a cell record (after its tag) to c; the end of the record. */
static const unsigned char *
cell_record_add(struct cell *c, const unsigned char *p)
{
	struct sketch	*sk[REC_NSK];
	uint64_t	*u[REC_NU], v, n, b;
	int64_t		*iv[REC_NI];
	double		 x;
	size_t		 k;

	cell_counters(c, u, iv);
	cell_sketches(c, sk);
	for (k = 0; k < REC_NU; k++) {
		p = varint_get(p, &v);
		*u[k] += v;
	}
	for (k = 0; k < REC_NI; k++) {
		p = varint_get(p, &v);
		*iv[k] += unzigzag(v);
	}
	p = varint_get(p, &n);
	while (n-- > 0) {
		b = *p++;
		p = varint_get(p, &v);
		c->score_bins[b] += v;
	}
	for (k = 0; k < REC_NSK; k++) {
		p = varint_get(p, &n);
		while (n-- > 0) {
			p = rec_get(p, &x);
			sketch_add(sk[k], x);
		}
	}
	return (p);
}

/* Add the records of a log to a full cell, through cell_add and cell_journey. */
static void
vlog_replay(struct cell *c, const unsigned char *p, size_t len, int same)
{
	const unsigned char	*end = p + len;
	struct occurrence	 o;
	struct journey		 j;
	uint64_t		 nj, bj;
	unsigned		 tag, ext, fail;

	memset(&o, 0, sizeof o);
	memset(&j, 0, sizeof j);
	while (p < end) {
		tag = *p++;
		if (tag == REC_CELL) {
			p = cell_record_add(c, p);
			continue;
		}
		if (tag == REC_CLUSTER) {
			p = varint_get(p, &nj);
			p = varint_get(p, &bj);
			cell_cluster(c, nj, bj);
			continue;
		}
		if (tag & REC_JOURNEY) {
			j.outcome.nps = !(tag & RJ_NPS) ? -1 :
			    (tag & RJ_PROMOTER) ? 10 : (tag & RJ_DETRACTOR) ?
			    0 : 7;
			j.outcome.csat = !(tag & RJ_CSAT) ? -1 :
			    (tag & RJ_TOP2) ? 5 : 1;
			cell_journey(c, &j, tag & RJ_BREACHED, tag & RJ_HIT);
			continue;
		}
		ext = tag & REC_EXT ? *p++ : ST_OPEN;
		o.status = (enum status)(tag & 7);
		o.cust_status = (enum status)(ext & 7);
		fail = (ext >> 3) & 3;
		o.failed = fail != 0;
		o.recovered = fail >= 2 ? (int)fail - 1 : 0;
		o.kind = (enum occ_kind)((ext >> 5) & 3);
		o.promise = tag & REC_PROMISE ? 0 : MOT_TIME_NONE;
		o.over_promised = (tag & REC_OVER) != 0;
		o.promise_broken = (tag & REC_BROKEN) != 0;
		if (o.status == ST_OPEN || o.status == ST_ENDED) {
			p = rec_get(p, &o.elapsed);
			if (!same)
				p = rec_get(p, &o.business);
		} else if (o.status != ST_INVALID) {
			p = rec_get(p, &o.score);
			p = rec_get(p, &o.elapsed);
			if (!same)
				p = rec_get(p, &o.business);
			if (o.promise_broken)
				p = rec_get(p, &o.stop);	/* stop - promise */
			if (o.cust_status != ST_OPEN)
				p = rec_get(p, &o.cust_score);
			if (o.recovered == 1)
				p = rec_get(p, &o.recover_dt);
		}
		cell_add(c, &o, same);
	}
}

/* Make the cell full: its log replayed into a struct cell. */
static void
vcell_promote(struct vcell *vc, int same)
{
	struct cell	*c;

	c = xmalloc(sizeof *c);
	agg_cell_init(c);
	vlog_replay(c, vcell_data(vc), vc->len, same);
	if (vc->cap > 0)
		free(vc->u.log);
	vc->u.full = c;
	vc->cap = VCELL_FULL;
	vc->len = 0;
	vc->nocc = 0;
}

/* Room for need more bytes of log, or NULL once the cell is full. */
static unsigned char *
vcell_room(struct vcell *vc, size_t need, int same)
{
	unsigned char	*p;
	size_t		 cap;

	if (vc->cap == VCELL_FULL)
		return (NULL);
	if (vc->len + need <= (vc->cap == 0 ? VCELL_INLINE : vc->cap))
		return (vcell_data(vc) + vc->len);
	if (vc->len + need > VCELL_LOG_MAX) {
		vcell_promote(vc, same);
		return (NULL);
	}
	for (cap = vc->cap == 0 ? 64 : vc->cap; cap < vc->len + need; cap *= 2)
		;
	if (cap > VCELL_LOG_MAX)
		cap = VCELL_LOG_MAX;
	if (vc->cap == 0) {
		p = xmalloc(cap);
		memcpy(p, vc->u.in, vc->len);
	} else
		p = xreallocarray(vc->u.log, cap, 1);
	vc->u.log = p;
	vc->cap = (uint16_t)cap;
	return (p + vc->len);
}

/* Add an occurrence to a breakdown cell. */
static void
vcell_add(struct vcell *vc, const struct occurrence *o, int same)
{
	unsigned char	 rec[REC_MAX], *p = rec, *to;
	unsigned	 tag = o->status & 7, fail;
	int64_t		 late;

	fail = !o->failed ? 0 : o->recovered == 1 ? 2 : o->recovered == 2 ? 3 :
	    1;
	if (o->promise != MOT_TIME_NONE) {
		tag |= REC_PROMISE;
		tag |= o->over_promised ? REC_OVER : 0;
		tag |= o->promise_broken ? REC_BROKEN : 0;
	}
	if (o->status == ST_INVALID) {
		tag &= 7;	/* cell_add reads nothing else */
		*p++ = (unsigned char)tag;
	} else if (o->status == ST_OPEN || o->status == ST_ENDED) {
		tag &= 7;
		*p++ = (unsigned char)tag;
		p = rec_put(p, &o->elapsed);
		if (!same)
			p = rec_put(p, &o->business);
	} else {
		if (o->cust_status != ST_OPEN || fail != 0 ||
		    o->kind != OCC_CLOSED)
			tag |= REC_EXT;
		*p++ = (unsigned char)tag;
		if (tag & REC_EXT)
			*p++ = (unsigned char)((o->cust_status & 7) |
			    fail << 3 | (unsigned)o->kind << 5);
		p = rec_put(p, &o->score);
		p = rec_put(p, &o->elapsed);
		if (!same)
			p = rec_put(p, &o->business);
		if (tag & REC_BROKEN) {
			late = o->stop - o->promise;
			p = rec_put(p, &late);
		}
		if (o->cust_status != ST_OPEN)
			p = rec_put(p, &o->cust_score);
		if (fail == 2)
			p = rec_put(p, &o->recover_dt);
	}
	if ((to = vcell_room(vc, (size_t)(p - rec), same)) == NULL) {
		cell_add(vc->u.full, o, same);
		return;
	}
	memcpy(to, rec, (size_t)(p - rec));
	vc->len += (uint16_t)(p - rec);
	vc->nocc++;
}

/* What one journey adds to a breakdown cell. */
static void
vcell_journey(struct vcell *vc, const struct journey *j, int breached,
    int memory_hit, int same)
{
	const struct outcome	*out = &j->outcome;
	unsigned char		*to;
	unsigned		 tag = REC_JOURNEY;

	if ((to = vcell_room(vc, 1, same)) == NULL) {
		cell_journey(vc->u.full, j, breached, memory_hit);
		return;
	}
	tag |= breached ? RJ_BREACHED : 0;
	tag |= memory_hit ? RJ_HIT : 0;
	if (out->nps >= 0)
		tag |= RJ_NPS | (out->nps >= 9 ? RJ_PROMOTER : 0) |
		    (out->nps <= 6 ? RJ_DETRACTOR : 0);
	if (out->csat >= 0)
		tag |= RJ_CSAT | (out->csat >= 4 ? RJ_TOP2 : 0);
	*to = (unsigned char)tag;
	vc->len++;
}

/* What one journey's occurrences add to a breakdown cell's clusters. */
static void
vcell_cluster(struct vcell *vc, uint64_t nj, uint64_t bj, int same)
{
	unsigned char	 rec[1 + 2 * 10], *p = rec, *to;

	if (nj == 0)
		return;
	*p++ = REC_CLUSTER;
	p = varint_put(p, nj);
	p = varint_put(p, bj);
	if ((to = vcell_room(vc, (size_t)(p - rec), same)) == NULL) {
		cell_cluster(vc->u.full, nj, bj);
		return;
	}
	memcpy(to, rec, (size_t)(p - rec));
	vc->len += (uint16_t)(p - rec);
}

/* The index of a value in agg.values, interned when new. */
static size_t
value_index(struct agg *a, const char *value)
{
	return (strtab_intern(&a->values, value, strlen(value)));
}

/* The breakdown cell of value index v of moment mi, made when new. */
static struct vcell *
value_cell_at(struct agg *a, size_t mi, size_t v)
{
	struct moment_agg	*ma = &a->m[mi];
	size_t			 k = v / VCELL_CHUNK, n;

	if (k >= ma->nchunks) {
		n = ma->nchunks < 8 ? 8 : ma->nchunks * 2;
		if (n <= k)
			n = k + 1;
		ma->chunks = xreallocarray(ma->chunks, n, sizeof *ma->chunks);
		memset(ma->chunks + ma->nchunks, 0, (n - ma->nchunks) *
		    sizeof *ma->chunks);
		ma->nchunks = n;
	}
	if (ma->chunks[k] == NULL)
		ma->chunks[k] = xcalloc(VCELL_CHUNK, sizeof *ma->chunks[k]);
	return (&ma->chunks[k][v % VCELL_CHUNK]);
}

int
agg_has_value(const struct agg *a, size_t mi, size_t v)
{
	return (cell_at(&a->m[mi], v) != NULL);
}

size_t
agg_nvalues(const struct agg *a, size_t mi)
{
	size_t	v, n = 0;

	for (v = 0; v < a->m[mi].nchunks * VCELL_CHUNK; v++)
		n += cell_at(&a->m[mi], v) != NULL;
	return (n);
}

uint64_t
agg_value_volume(const struct agg *a, size_t mi, size_t v)
{
	const struct vcell	*vc;

	if ((vc = cell_at(&a->m[mi], v)) == NULL)
		return (0);
	if (vc->cap == VCELL_FULL)
		return (vc->u.full->n + vc->u.full->open +
		    vc->u.full->ended + vc->u.full->invalid);
	return (vc->nocc);
}

struct cell *
agg_value_cell(const struct agg *a, size_t mi, size_t v, struct cell *scratch)
{
	const struct vcell	*vc = cell_at(&a->m[mi], v);

	if (vc->cap == VCELL_FULL)
		return (vc->u.full);
	agg_cell_free(scratch);
	agg_cell_init(scratch);
	vlog_replay(scratch, vcell_cdata(vc), vc->len,
	    agg_same_clock(&a->e->moments[mi]));
	return (scratch);
}

void
agg_value_add_to(const struct agg *a, size_t mi, size_t v, struct cell *dst)
{
	const struct vcell	*vc = cell_at(&a->m[mi], v);

	if (vc->cap == VCELL_FULL)
		cell_merge(dst, vc->u.full);
	else
		vlog_replay(dst, vcell_cdata(vc), vc->len,
		    agg_same_clock(&a->e->moments[mi]));
}

void
agg_add_cell(struct agg *a, size_t mi, const char *value, struct cell *c)
{
	struct vcell	*vc = value_cell_at(a, mi, value_index(a, value));
	unsigned char	*buf, *to;
	size_t		 len, size = VCELL_LOG_MAX + SCORE_BINS * 11 + 1024;
	int		 same = agg_same_clock(&a->e->moments[mi]);

	/* A small cell stays small: a record in the log, as a run keeps it. */
	buf = xmalloc(size);
	if ((len = cell_record(c, buf, size)) > 0 && len <= VCELL_LOG_MAX &&
	    (to = vcell_room(vc, len, same)) != NULL) {
		memcpy(to, buf, len);
		vc->len += (uint16_t)len;
		vc->nocc += (uint32_t)(c->n + c->open + c->ended +
		    c->invalid);
	} else {
		if (vc->cap != VCELL_FULL)
			vcell_promote(vc, same);
		cell_merge(vc->u.full, c);
	}
	free(buf);
}

/* Move the breakdown cell s into d (both of one moment); s is left empty. */
static void
vcell_move(struct vcell *d, struct vcell *s, int same)
{
	unsigned char	*to;

	if (d->len == 0 && d->cap != VCELL_FULL) {
		vcell_free(d);
		*d = *s;
	} else if (s->cap == VCELL_FULL) {
		if (d->cap != VCELL_FULL)	/* d's log goes into s's cell */
			vlog_replay(s->u.full, vcell_data(d), d->len, same);
		else
			cell_merge(s->u.full, d->u.full);
		vcell_free(d);
		*d = *s;
	} else if ((to = vcell_room(d, s->len, same)) != NULL) {
		memcpy(to, vcell_data(s), s->len);
		d->len += s->len;
		d->nocc += s->nocc;
		vcell_free(s);
	} else {
		vlog_replay(d->u.full, vcell_data(s), s->len, same);
		vcell_free(s);
	}
	memset(s, 0, sizeof *s);
}

/* Order breakdown references by value, then breached ones last. */
static int
vref_cmp(const void *x, const void *y)
{
	const struct vref	*a = x, *b = y;

	if (a->v != b->v)
		return (a->v < b->v ? -1 : 1);
	if (a->breached != b->breached)
		return (a->breached < b->breached ? -1 : 1);
	return ((a->i > b->i) - (a->i < b->i));
}

/*
 * The clusters of one journey's occurrences of moment mi: the moment's
 * and each value's. refs: its occurrences in n with a value; nj, bj: all
 * of them in n and breached. Open clocks (orefs) wait for as_of: the
 * clusters they belong to are left to agg_finish, with what they hold so
 * far in the first record of each.
 */
static void
journey_clusters(struct agg *a, const struct occurrence *occ, size_t mi,
    struct vref *refs, size_t nrefs, struct vref *orefs, size_t nopen,
    uint64_t nj, uint64_t bj)
{
	const struct occurrence	*o;
	struct pend_rec		 r;
	size_t			 i, k, u = 0, w;
	uint64_t		 n, b;
	int			 same = agg_same_clock(&a->e->moments[mi]);

	if (nopen == 0)
		cell_cluster(&a->m[mi].total, nj, bj);
	if (nrefs > 1)
		qsort(refs, nrefs, sizeof *refs, vref_cmp);
	if (nopen > 1)
		qsort(orefs, nopen, sizeof *orefs, vref_cmp);
	for (i = 0; i < nrefs || u < nopen; i = k) {
		n = b = 0;
		for (k = i; k < nrefs && (u == nopen || refs[k].v <=
		    orefs[u].v) && refs[k].v == refs[i].v; k++) {
			n++;
			b += refs[k].breached;
		}
		if (u == nopen || (k > i && refs[i].v != orefs[u].v)) {
			vcell_cluster(value_cell_at(a, mi, refs[i].v), n, b,
			    same);
			continue;
		}
		/* The value of orefs[u], with n of its occurrences in n. */
		for (w = u; w < nopen && orefs[w].v == orefs[u].v; w++) {
			o = &occ[orefs[w].i];
			r.moment = mi;
			r.value = orefs[w].v == AGG_NO_INDEX ?
			    PENDING_NO_VALUE : orefs[w].v;
			r.new_total = w == 0;
			r.n0 = nj;
			r.b0 = bj;
			r.new_value = w == u && r.value != PENDING_NO_VALUE;
			r.n0v = n;
			r.b0v = b;
			r.start = o->start;
			r.pivot = o->pivot;
			r.so_far = o->business;
			r.paused = o->paused;
			r.adequate = o->adequate;
			r.deadline = o->deadline;
			r.over_promised = o->over_promised;
			pending_add(&a->pend, &r);
		}
		u = w;
	}
}

static void	other_name(struct agg *, const char *, size_t);

void
agg_journey(struct agg *a, const struct journey *j,
    const struct occurrence *occ, size_t nocc)
{
	const struct occurrence	*o, *pick;
	struct moment_agg	*ma;
	struct jscore		 js;
	const char		*value;
	char			 buf[32];
	size_t			 i, k, mi, nrefs, nopen, pickv;
	uint64_t		 nj, bj;
	int			 breached, closed, hit, same;

	a->journeys_read++;
	a->touchpoints += j->ntps;
	if (a->by != NULL && journey_has_by(j, a->by))
		a->by_seen++;
	for (i = 0; i < j->ntps; i++) {
		if (j->tps[i].ref >= 0)
			a->name_seen[j->tps[i].ref]++;
		else
			other_name(a, j->tps[i].name, strlen(j->tps[i].name));
		/* MOT_TIME_NONE is least: an open end changes nothing. */
		if (j->tps[i].start > a->as_of)
			a->as_of = j->tps[i].start;
		if (j->tps[i].end > a->as_of)
			a->as_of = j->tps[i].end;
	}
	if (nocc > a->vidx_cap) {
		a->vidx_cap = nocc;
		a->vidx = xreallocarray(a->vidx, nocc, sizeof *a->vidx);
		a->vrefs = xreallocarray(a->vrefs, nocc, sizeof *a->vrefs);
		a->orefs = xreallocarray(a->orefs, nocc, sizeof *a->orefs);
	}
	for (i = 0; i < nocc; i++) {
		o = &occ[i];
		ma = &a->m[o->moment];
		same = agg_same_clock(&a->e->moments[o->moment]);
		a->vidx[i] = AGG_NO_INDEX;
		if (a->by != NULL &&
		    (value = agg_value(a, j, o, buf, sizeof buf)) != NULL)
			a->vidx[i] = value_index(a, value);
		if (o->kind == OCC_OPEN && o->status == ST_OPEN)
			continue;	/* for agg_finish, at as_of */
		cell_add(&ma->total, o, same);
		if (a->vidx[i] != AGG_NO_INDEX)
			vcell_add(value_cell_at(a, o->moment, a->vidx[i]), o,
			    same);
		if (score_scored(o->status) || o->status == ST_OPEN)
			agg_period_occ(a, o->moment, o->start,
			    o->status == ST_BREACHED, o->status == ST_OPEN);
		if (o->stop == MOT_TIME_NONE || o->status == ST_INVALID)
			continue;
		if (a->first_stop == MOT_TIME_NONE || o->stop < a->first_stop)
			a->first_stop = o->stop;
		if (a->last_stop == MOT_TIME_NONE || o->stop > a->last_stop)
			a->last_stop = o->stop;
	}

	jscore_compute(a->e, j, occ, nocc, &a->scratch, &js);
	if (js.valid) {
		a->jd.n++;
		a->jd.sum += units(js.journey);
		a->jd.remembered += units(js.mem.remembered);
		a->jd.peak_end += units(js.mem.peak_end);
		a->jd.effort += units(js.effort);
		a->jd.bins[agg_score_bin(js.journey)]++;
	}
	a->jd.handoffs += js.handoffs;
	a->jd.repeats += js.repeats;
	a->jd.switches += js.switches;

	/* Per moment it passed: reach, clusters, memory and survey answers. */
	for (i = 0; i < nocc; i = k) {
		mi = occ[i].moment;
		breached = closed = hit = 0;
		pick = NULL;
		pickv = AGG_NO_INDEX;
		nj = bj = 0;
		nrefs = nopen = 0;
		for (k = i; k < nocc && occ[k].moment == mi; k++) {
			o = &occ[k];
			if (o->kind == OCC_OPEN && o->status == ST_OPEN) {
				a->orefs[nopen].v = a->vidx[k];
				a->orefs[nopen].breached = 0;
				a->orefs[nopen++].i = k;
			}
			if (!score_scored(o->status))
				continue;
			closed = 1;
			nj++;
			bj += o->status == ST_BREACHED;
			if (a->vidx[k] != AGG_NO_INDEX) {
				a->vrefs[nrefs].v = a->vidx[k];
				a->vrefs[nrefs].i = k;
				a->vrefs[nrefs++].breached =
				    o->status == ST_BREACHED;
			}
			hit |= jscore_carried(&js, o);
			if (o->status == ST_BREACHED && !breached) {
				breached = 1;
				pick = o;
				pickv = a->vidx[k];
			}
			if (!breached) {
				pick = o;
				pickv = a->vidx[k];
			}
		}
		a->m[mi].journeys++;
		journey_clusters(a, occ, mi, a->vrefs, nrefs, a->orefs, nopen,
		    nj, bj);
		if (!closed)
			continue;
		cell_journey(&a->m[mi].total, j, breached, hit);
		if (pick != NULL && pickv != AGG_NO_INDEX)
			vcell_journey(value_cell_at(a, mi, pickv), j, breached,
			    hit, agg_same_clock(&a->e->moments[mi]));
	}
}

/* Where agg_finish is in the records: the clusters they are adding to. */
struct replay {
	struct agg	*a;
	size_t		 mi, v;
	uint64_t	 tn, tb, vn, vb;
	int		 tlive, vlive;
};

static void
replay_flush(struct replay *r, int total)
{
	if (r->vlive)
		vcell_cluster(value_cell_at(r->a, r->mi, r->v), r->vn, r->vb,
		    agg_same_clock(&r->a->e->moments[r->mi]));
	r->vlive = 0;
	if (total && r->tlive)
		cell_cluster(&r->a->m[r->mi].total, r->tn, r->tb);
	r->tlive = total ? 0 : r->tlive;
}

/* Classify one open clock at as_of and add it where agg_journey would have. */
static int
replay_one(const struct pend_rec *p, void *arg)
{
	struct replay		*r = arg;
	struct agg		*a = r->a;
	struct occurrence	 o;
	int			 same, breached;

	if (p->new_total || p->new_value)
		replay_flush(r, p->new_total);
	if (p->new_total) {
		r->mi = p->moment;
		r->tn = p->n0;
		r->tb = p->b0;
		r->tlive = 1;
	}
	if (p->new_value) {
		r->v = p->value;
		r->vn = p->n0v;
		r->vb = p->b0v;
		r->vlive = 1;
	}
	memset(&o, 0, sizeof o);
	o.moment = p->moment;
	o.start = p->start;
	o.pivot = p->pivot;
	o.business = p->so_far;
	o.paused = p->paused;
	o.adequate = p->adequate;
	o.deadline = p->deadline;
	o.over_promised = p->over_promised;
	o.promise = o.notified = MOT_TIME_NONE;
	o.kind = OCC_OPEN;
	o.status = o.cust_status = ST_OPEN;
	clock_score_open(&o, a->e, a->as_of);
	same = agg_same_clock(&a->e->moments[o.moment]);
	breached = o.status == ST_BREACHED;
	cell_add(&a->m[o.moment].total, &o, same);
	if (p->value != PENDING_NO_VALUE)
		vcell_add(value_cell_at(a, o.moment, p->value), &o, same);
	agg_period_occ(a, o.moment, o.start, breached, !breached);
	if (breached) {
		r->tn++;
		r->tb++;
		if (r->vlive && p->value == r->v) {
			r->vn++;
			r->vb++;
		}
	}
	return (0);
}

int
agg_finish(struct agg *a, char **cause)
{
	struct replay	r;
	int		rc;

	if (a->finished)
		return (0);
	a->finished = 1;
	memset(&r, 0, sizeof r);
	r.a = a;
	rc = pending_each(&a->pend, replay_one, &r);
	replay_flush(&r, 1);
	pending_free(&a->pend);
	pending_init(&a->pend, PENDING_BUDGET);
	if (rc != 0) {
		*cause = xasprintf("cannot keep the open clocks in a "
		    "temporary file: %s", strerror(errno));
		return (MOT_EXIT_IOERR);
	}
	return (0);
}

void
agg_input(struct agg *a, const char *path, const struct read_stats *st)
{
	struct input	*in;

	a->inputs = xreallocarray(a->inputs, a->ninputs + 1,
	    sizeof *a->inputs);
	in = &a->inputs[a->ninputs++];
	in->path = xstrdup(path);
	in->format = st->format;
	in->bytes = st->io.raw_bytes;
	in->gzip = st->io.gzip;
	in->st = *st;
}

static void
survey_merge(struct survey *d, const struct survey *s)
{
	d->nps_n += s->nps_n;
	d->promoters += s->promoters;
	d->detractors += s->detractors;
	d->csat_n += s->csat_n;
	d->csat_top2 += s->csat_top2;
}

static void
cell_merge(struct cell *d, const struct cell *s)
{
	size_t	b;

	d->n += s->n;
	d->open += s->open;
	d->ended += s->ended;
	d->invalid += s->invalid;
	d->open_breached += s->open_breached;
	d->ended_breached += s->ended_breached;
	d->met += s->met;
	d->tolerated += s->tolerated;
	d->breached += s->breached;
	d->score_sum += s->score_sum;
	d->score_sq += s->score_sq;
	d->neg_n += s->neg_n;
	d->neg_sum += s->neg_sum;
	for (b = 0; b < SCORE_BINS; b++)
		d->score_bins[b] += s->score_bins[b];
	sketch_merge(&d->elapsed, &s->elapsed);
	sketch_merge(&d->business, &s->business);
	sketch_merge(&d->elapsed_cens, &s->elapsed_cens);
	sketch_merge(&d->business_cens, &s->business_cens);
	d->promised += s->promised;
	d->promise_broken += s->promise_broken;
	d->over_promised += s->over_promised;
	sketch_merge(&d->promise_late, &s->promise_late);
	d->cust_met += s->cust_met;
	d->cust_tolerated += s->cust_tolerated;
	d->cust_breached += s->cust_breached;
	d->cust_score_sum += s->cust_score_sum;
	d->failures += s->failures;
	d->recovered += s->recovered;
	d->recovery_failed += s->recovery_failed;
	sketch_merge(&d->recover_time, &s->recover_time);
	d->clusters += s->clusters;
	d->clu_nn += s->clu_nn;
	d->clu_bn += s->clu_bn;
	d->clu_bb += s->clu_bb;
	d->journeys += s->journeys;
	d->memory_hits += s->memory_hits;
	survey_merge(&d->s_breached, &s->s_breached);
	survey_merge(&d->s_met, &s->s_met);
}

void
agg_periods_add(struct periods *p, int64_t k, uint64_t n, uint64_t breached,
    uint64_t open)
{
	struct period	*v;

	if (n == 0 && breached == 0 && open == 0)
		return;
	v = period_at(p, k);
	v->n += n;
	v->breached += breached;
	v->open += open;
}

/* Add s's periods to d: s's folded ones are older than any d keeps after. */
static void
periods_merge(struct periods *d, const struct periods *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		agg_periods_add(d, s->first + (int64_t)i, s->v[i].n,
		    s->v[i].breached, s->v[i].open);
	d->before.n += s->before.n;
	d->before.breached += s->before.breached;
	d->before.open += s->before.open;
}

/* Whether the n bytes at s are all digits (and there is one at least). */
static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return (0);
	return (n > 0);
}

/* A "file:line" or "file:line:column" of agg_reject: the file's length, the line and the column (0: none). */
static void
where_parts(const char *s, size_t *flen, unsigned long long *line,
    unsigned long long *col)
{
	const char	*p = strrchr(s, ':'), *q;

	*flen = strlen(s);
	*line = *col = 0;
	if (p == NULL || !all_digits(p + 1, strlen(p + 1)))
		return;
	for (q = p; q > s && q[-1] != ':'; q--)
		continue;
	if (q > s && all_digits(q, (size_t)(p - q))) {
		*flen = (size_t)(q - 1 - s);
		*line = strtoull(q, NULL, 10);
		*col = strtoull(p + 1, NULL, 10);
	} else {
		*flen = (size_t)(p - s);
		*line = strtoull(p + 1, NULL, 10);
	}
}

/* Whether file:line[:column] a comes before b: by file name, line, column. */
static int
first_before(const char *a, const char *b)
{
	unsigned long long	 al, ac, bl, bc;
	size_t			 la, lb;
	int			 c;

	where_parts(a, &la, &al, &ac);
	where_parts(b, &lb, &bl, &bc);
	if ((c = strncmp(a, b, la < lb ? la : lb)) != 0)
		return (c < 0);
	if (la != lb)
		return (la < lb);
	return (al != bl ? al < bl : ac < bc);
}

/*
 * Move s's breakdown cells into d: the whole table when d has none, else
 * value by value, each key and cell moved rather than copied, so that a
 * breakdown is never held twice.
 */
/* Move s's breakdown cells to d; s's value indexes in d's (NULL: the same), to be freed. */
static size_t *
values_merge(struct agg *d, struct agg *s)
{
	struct moment_agg	*dm, *sm;
	struct vcell		*vc;
	char			*key;
	size_t			 i, k, v, dv, len, *map;

	if (d->values.n == 0) {
		strtab_free(&d->values);
		d->values = s->values;
		strtab_init(&s->values);
		for (i = 0; i < d->e->nmoments; i++) {
			dm = &d->m[i];
			sm = &s->m[i];
			for (k = 0; k < dm->nchunks; k++)
				chunk_free(dm->chunks[k]);
			free(dm->chunks);
			dm->chunks = sm->chunks;
			dm->nchunks = sm->nchunks;
			sm->chunks = NULL;
			sm->nchunks = 0;
		}
		return (NULL);
	}
	map = xreallocarray(NULL, s->values.n + 1, sizeof *map);
	/* From the last, so that s's chunks are given back as they empty. */
	for (v = s->values.n; v-- > 0; ) {
		len = s->values.lens[v];
		key = strtab_take(&s->values, v);
		dv = strtab_intern_take(&d->values, key, len);
		map[v] = dv;
		for (i = 0; i < d->e->nmoments; i++) {
			sm = &s->m[i];
			if ((vc = cell_at(sm, v)) != NULL)
				vcell_move(value_cell_at(d, i, dv), vc,
				    agg_same_clock(&d->e->moments[i]));
			if (v % VCELL_CHUNK == 0 && v / VCELL_CHUNK <
			    sm->nchunks) {
				chunk_free(sm->chunks[v / VCELL_CHUNK]);
				sm->chunks[v / VCELL_CHUNK] = NULL;
			}
		}
	}
	for (i = 0; i < s->e->nmoments; i++) {
		for (k = 0; k < s->m[i].nchunks; k++)
			chunk_free(s->m[i].chunks[k]);
		free(s->m[i].chunks);
		s->m[i].chunks = NULL;
		s->m[i].nchunks = 0;
	}
	strtab_free(&s->values);
	return (map);
}

void
agg_merge(struct agg *d, struct agg *s)
{
	size_t		 i, k, r, before, *map;

	/* Readers of one run share one set of ids; merged states do not. */
	d->duplicate_ids = -1;

	d->journeys_read += s->journeys_read;
	d->journeys_rejected += s->journeys_rejected;
	d->touchpoints += s->touchpoints;
	for (i = 0; i < s->reasons.n; i++) {
		before = d->reasons.n;
		r = reason_slot(d, strtab_key(&s->reasons, i),
		    s->reason_first[i]);
		if (d->reasons.n == before && first_before(s->reason_first[i],
		    d->reason_first[r])) {
			free(d->reason_first[r]);
			d->reason_first[r] = xstrdup(s->reason_first[i]);
		}
		d->reason_count[r] += s->reason_count[i];
	}
	for (i = 0; i < d->e->names.n; i++)
		d->name_seen[i] += s->name_seen[i];
	d->by_seen += s->by_seen;
	for (i = 0; i < s->other_names.n; i++)
		other_name(d, strtab_key(&s->other_names, i),
		    s->other_names.lens[i]);
	for (i = 0; i < s->ninputs; i++)
		agg_input(d, s->inputs[i].path, &s->inputs[i].st);
	d->jd.n += s->jd.n;
	d->jd.sum += s->jd.sum;
	d->jd.remembered += s->jd.remembered;
	d->jd.peak_end += s->jd.peak_end;
	d->jd.effort += s->jd.effort;
	d->jd.handoffs += s->jd.handoffs;
	d->jd.repeats += s->jd.repeats;
	d->jd.switches += s->jd.switches;
	for (i = 0; i < SCORE_BINS; i++)
		d->jd.bins[i] += s->jd.bins[i];
	if (s->first_stop != MOT_TIME_NONE && (d->first_stop == MOT_TIME_NONE ||
	    s->first_stop < d->first_stop))
		d->first_stop = s->first_stop;
	if (s->last_stop != MOT_TIME_NONE && (d->last_stop == MOT_TIME_NONE ||
	    s->last_stop > d->last_stop))
		d->last_stop = s->last_stop;
	if (s->first_start != MOT_TIME_NONE && (d->first_start ==
	    MOT_TIME_NONE || s->first_start < d->first_start))
		d->first_start = s->first_start;
	if (s->last_start != MOT_TIME_NONE && (d->last_start ==
	    MOT_TIME_NONE || s->last_start > d->last_start))
		d->last_start = s->last_start;
	if (s->as_of > d->as_of)	/* the latest, as for a state's merge */
		d->as_of = s->as_of;
	for (i = 0; i < d->e->nmoments; i++) {
		cell_merge(&d->m[i].total, &s->m[i].total);
		d->m[i].journeys += s->m[i].journeys;
		periods_merge(&d->m[i].weeks, &s->m[i].weeks);
		periods_merge(&d->m[i].months, &s->m[i].months);
		for (k = 0; k < AGG_WINDOWS; k++) {
			d->m[i].win_n[k] += s->m[i].win_n[k];
			d->m[i].win_breached[k] += s->m[i].win_breached[k];
		}
	}
	map = values_merge(d, s);
	pending_move(&d->pend, &s->pend, map);
	free(map);
}

static int
input_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct input *)a)->path,
	    ((const struct input *)b)->path));
}

void
agg_sort_inputs(struct agg *a)
{
	if (a->ninputs > 1)
		qsort(a->inputs, a->ninputs, sizeof *a->inputs, input_cmp);
}

static int
name_ptr_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Sort the names and cut them back to the AGG_NAMES_KEEP least; the greatest kept is then the limit. */
static void
other_compact(struct agg *a)
{
	char	**keys;
	size_t	  i, n = a->other_names.n;

	keys = xreallocarray(NULL, n + 1, sizeof *keys);
	for (i = 0; i < n; i++)
		keys[i] = strtab_take(&a->other_names, i);
	strtab_free(&a->other_names);
	strtab_init(&a->other_names);
	qsort(keys, n, sizeof *keys, name_ptr_cmp);
	for (i = 0; i < n; i++) {
		if (i < AGG_NAMES_KEEP)
			strtab_intern_take(&a->other_names, keys[i],
			    strlen(keys[i]));
		else
			free(keys[i]);
	}
	if (n >= AGG_NAMES_KEEP) {
		free(a->other_limit);
		a->other_limit = xstrdup(strtab_key(&a->other_names,
		    AGG_NAMES_KEEP - 1));
	}
	free(keys);
}

/*
 * Note a touchpoint name outside the expectations. The least names are
 * kept whatever the order they come in, so that the readers' tables merge
 * into the one a single reader would have: a name past the limit is not
 * looked up at all.
 */
static void
other_name(struct agg *a, const char *s, size_t len)
{
	if (len > SUGGEST_MAX_LEN || len == 0)
		return;
	if (a->other_limit != NULL && strcmp(s, a->other_limit) > 0)
		return;
	if (strtab_find(&a->other_names, s, len) >= 0)
		return;
	strtab_intern(&a->other_names, s, len);
	if (a->other_names.n >= AGG_NAMES_CAP)
		other_compact(a);
}

size_t
agg_other_names(struct agg *a, const char *const **out)
{
	other_compact(a);	/* sorted, and cut to AGG_NAMES_KEEP */
	*out = (const char *const *)a->other_names.keys;
	return (a->other_names.n);
}

/* Add name ref to the list of a moment's missing names, once. */
static size_t
missing_add(const struct agg *a, int ref, const char **out, size_t n,
    size_t max)
{
	const char	*name;
	size_t		 i;

	if (ref < 0 || a->name_seen[ref] > 0 || n == max)
		return (n);
	name = strtab_key(&a->e->names, (size_t)ref);
	for (i = 0; i < n; i++) {
		if (out[i] == name)
			return (n);
	}
	out[n] = name;
	return (n + 1);
}

size_t
agg_missing(const struct agg *a, size_t mi, const char **out, size_t max)
{
	const struct moment	*m = &a->e->moments[mi];
	size_t			 i, n = 0;

	if (!m->from.is_attr)
		n = missing_add(a, m->from.ref, out, n, max);
	if (!m->span && !m->to.is_attr)
		n = missing_add(a, m->to.ref, out, n, max);
	for (i = 0; i < m->nends; i++)
		n = missing_add(a, m->ends[i], out, n, max);
	return (n);
}

void
agg_window_occ(struct agg *a, const struct occurrence *o,
    const struct agg_window *w, size_t n)
{
	struct moment_agg	*ma = &a->m[o->moment];
	size_t			 k;

	if (o->stop == MOT_TIME_NONE || !score_scored(o->status))
		return;
	for (k = 0; k < n && k < AGG_WINDOWS; k++) {
		if (o->stop > w[k].after && o->stop <= w[k].until) {
			ma->win_n[k]++;
			ma->win_breached[k] += o->status == ST_BREACHED;
		}
	}
}
