/*
 * agg.c - the aggregates one run keeps: per moment, and per value of the
 * breakdown, counts by status, exact integer sums of scores, quantile
 * sketches of times, promise, recovery, memory and survey counters; per
 * run, the distribution of journey scores and data-quality counters.
 * Memory depends on the number of moments, breakdown values and periods,
 * never on the number of journeys.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "xmalloc.h"

static void
cell_init(struct cell *c)
{
	memset(c, 0, sizeof *c);
	sketch_init(&c->elapsed);
	sketch_init(&c->business);
	sketch_init(&c->promise_late);
	sketch_init(&c->recover_time);
}

static void
cell_free(struct cell *c)
{
	sketch_free(&c->elapsed);
	sketch_free(&c->business);
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
	for (i = 0; i < e->nmoments; i++) {
		cell_init(&a->m[i].total);
		strtab_init(&a->m[i].values);
		strtab_init(&a->m[i].weeks);
		strtab_init(&a->m[i].months);
	}
	strtab_init(&a->reasons);
	a->name_seen = xcalloc(e->names.n + 1, sizeof *a->name_seen);
	a->first_stop = a->last_stop = MOT_TIME_NONE;
}

void
agg_free(struct agg *a)
{
	size_t	i, v;

	for (i = 0; a->m != NULL && i < a->e->nmoments; i++) {
		cell_free(&a->m[i].total);
		for (v = 0; v < a->m[i].values.n; v++)
			cell_free(&a->m[i].cells[v]);
		free(a->m[i].cells);
		strtab_free(&a->m[i].values);
		strtab_free(&a->m[i].weeks);
		strtab_free(&a->m[i].months);
		free(a->m[i].week);
		free(a->m[i].month);
	}
	free(a->m);
	for (i = 0; i < a->reasons.n; i++)
		free(a->reason_first[i]);
	free(a->reason_first);
	free(a->reason_count);
	strtab_free(&a->reasons);
	free(a->name_seen);
	for (i = 0; i < a->ninputs; i++)
		free(a->inputs[i].path);
	free(a->inputs);
	jscratch_free(&a->scratch);
	memset(a, 0, sizeof *a);
}

void
agg_reject(struct agg *a, const struct journey *j)
{
	size_t	r, before = a->reasons.n;

	a->journeys_read++;
	a->journeys_rejected++;
	r = strtab_intern(&a->reasons, j->reject, strlen(j->reject));
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
		a->reason_first[r] = xasprintf("%s:%lu", j->file,
		    j->reject_line);
	}
	a->reason_count[r]++;
}

size_t
agg_score_bin(double s)
{
	long	b;

	b = (long)floor((s + 1) / 2 * SCORE_BINS);
	if (b < 0)
		b = 0;
	if (b >= SCORE_BINS)
		b = SCORE_BINS - 1;
	return ((size_t)b);
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
	t = o->stop != MOT_TIME_NONE ? o->stop : o->start;
	if (strcmp(a->by, "channel") == 0) {
		tp = o->to != NULL ? o->to : o->from;
		if (tp != NULL && tp->channel != NULL && *tp->channel != '\0')
			return (tp->channel);
	} else if (strcmp(a->by, "week") == 0 && t != MOT_TIME_NONE) {
		agg_week(t, buf, size);
		return (buf);
	} else if (strcmp(a->by, "month") == 0 && t != MOT_TIME_NONE) {
		agg_month(t, buf, size);
		return (buf);
	}
	return (AGG_NO_VALUE);
}

static struct cell *
value_cell(struct moment_agg *ma, const char *value)
{
	size_t	v, k;

	v = strtab_intern(&ma->values, value, strlen(value));
	if (v >= ma->cells_cap) {
		k = ma->cells_cap;
		ma->cells_cap = ma->cells_cap == 0 ? 8 : ma->cells_cap * 2;
		ma->cells = xreallocarray(ma->cells, ma->cells_cap,
		    sizeof *ma->cells);
		for (; k < ma->cells_cap; k++)
			cell_init(&ma->cells[k]);
	}
	return (&ma->cells[v]);
}

static struct period *
period(struct strtab *t, struct period **arr, const char *label)
{
	size_t	before = t->n, i;

	i = strtab_intern(t, label, strlen(label));
	if (t->n > before) {
		*arr = xreallocarray(*arr, t->n, sizeof **arr);
		memset(&(*arr)[i], 0, sizeof **arr);
	}
	return (&(*arr)[i]);
}

static int64_t
units(double v)
{
	return ((int64_t)llround(v / SCORE_UNIT));
}

static void
cell_add(struct cell *c, const struct occurrence *o)
{
	switch (o->status) {
	case ST_OPEN:
		c->open++;
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
	sketch_add(&c->elapsed, (double)o->elapsed / 1e6);
	sketch_add(&c->business, (double)o->business / 1e6);
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

void
agg_journey(struct agg *a, const struct journey *j,
    const struct occurrence *occ, size_t nocc)
{
	const struct occurrence	*o, *pick;
	struct moment_agg	*ma;
	struct jscore		 js;
	const char		*value;
	char			 buf[32], label[32];
	size_t			 i, k, mi;
	int			 breached, closed, hit;

	a->journeys_read++;
	a->touchpoints += j->ntps;
	for (i = 0; i < j->ntps; i++) {
		if (j->tps[i].ref >= 0)
			a->name_seen[j->tps[i].ref]++;
	}
	for (i = 0; i < nocc; i++) {
		o = &occ[i];
		ma = &a->m[o->moment];
		cell_add(&ma->total, o);
		if ((value = agg_value(a, j, o, buf, sizeof buf)) != NULL)
			cell_add(value_cell(ma, value), o);
		if (o->stop == MOT_TIME_NONE || o->status == ST_INVALID)
			continue;
		if (a->first_stop == MOT_TIME_NONE || o->stop < a->first_stop)
			a->first_stop = o->stop;
		if (a->last_stop == MOT_TIME_NONE || o->stop > a->last_stop)
			a->last_stop = o->stop;
		agg_week(o->stop, label, sizeof label);
		period(&ma->weeks, &ma->week, label)->n++;
		if (o->status == ST_BREACHED)
			period(&ma->weeks, &ma->week, label)->breached++;
		agg_month(o->stop, label, sizeof label);
		period(&ma->months, &ma->month, label)->n++;
		if (o->status == ST_BREACHED)
			period(&ma->months, &ma->month, label)->breached++;
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

	/* Per moment it passed: reach, memory and survey answers. */
	for (i = 0; i < nocc; i = k) {
		mi = occ[i].moment;
		breached = closed = 0;
		pick = NULL;
		for (k = i; k < nocc && occ[k].moment == mi; k++) {
			o = &occ[k];
			if (o->status == ST_OPEN || o->status == ST_INVALID)
				continue;
			closed = 1;
			if (o->status == ST_BREACHED && !breached) {
				breached = 1;
				pick = o;
			}
			if (!breached)
				pick = o;
		}
		a->m[mi].journeys++;
		if (!closed)
			continue;
		hit = js.valid && ((js.worst_moment == mi && js.mem.min < 0) ||
		    (js.last_moment == mi && js.mem.last < 0));
		cell_journey(&a->m[mi].total, j, breached, hit);
		if ((value = agg_value(a, j, pick, buf, sizeof buf)) != NULL)
			cell_journey(value_cell(&a->m[mi], value), j, breached,
			    hit);
	}
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
