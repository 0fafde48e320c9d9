/*
 * summary.c - derives the reported figures from the aggregates: rates and
 * Wilson intervals, scores and their spread, Kaplan-Meier percentiles on
 * both clocks (open and ended occurrences censored),
 * the promise and customers' zone gaps, recovery, memory, the NPS cost of
 * a breach, the priority that ranks the moments weakest first, and the
 * figures of each period of a trend (cohorts by start). Every
 * rule is in docs/scoring.md.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isotime.h"
#include "stats.h"
#include "summary.h"
#include "xmalloc.h"

static double
ratio(uint64_t k, uint64_t n)
{
	return (n == 0 ? NAN : (double)k / (double)n);
}

/* The q-quantile of scores counted in SCORE_BINS bins (the bin's centre). */
static double
bins_quantile(const uint64_t *bins, size_t nbins, uint64_t n, double q)
{
	uint64_t	rank, seen = 0;
	size_t		b;

	if (n == 0)
		return (NAN);
	rank = (uint64_t)ceil(q * (double)n - 1e-9);
	if (rank < 1)
		rank = 1;
	for (b = 0; b < nbins; b++) {
		seen += bins[b];
		if (seen >= rank)
			break;
	}
	return (-1 + (2.0 * (double)b + 1) / (double)nbins);
}

/* NPS of a group, with its standard error, in points. */
static void
nps_of(const struct survey *s, double *nps, double *se)
{
	double	pp, pd, n = (double)s->nps_n;

	pp = (double)s->promoters / n;
	pd = (double)s->detractors / n;
	*nps = 100 * (pp - pd);
	*se = 100 * sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
}

static double
two_sided_p(double delta, double se)
{
	if (se <= 0)
		return (delta == 0 ? 1 : 0);
	return (erfc(fabs(delta / se) / sqrt(2)));
}

static void
compare_nps(struct outcome_cmp *c, const struct survey *b,
    const struct survey *m)
{
	double	seb = 0, sem = 0, se;

	memset(c, 0, sizeof *c);
	c->n_breached = b->nps_n;
	c->n_met = m->nps_n;
	c->breached = c->met = c->delta = c->ci_lo = c->ci_hi = NAN;
	c->p = c->q = NAN;
	if (b->nps_n > 0)
		nps_of(b, &c->breached, &seb);
	if (m->nps_n > 0)
		nps_of(m, &c->met, &sem);
	/* One answer has no spread: a difference needs two on each side. */
	if (b->nps_n < 2 || m->nps_n < 2)
		return;
	c->delta = c->breached - c->met;
	se = sqrt(seb * seb + sem * sem);
	c->ci_lo = c->delta - Z95 * se;
	c->ci_hi = c->delta + Z95 * se;
	c->p = two_sided_p(c->delta, se);
}

static void
compare_csat(struct outcome_cmp *c, const struct survey *b,
    const struct survey *m)
{
	double	lb, hb, lm, hm;

	memset(c, 0, sizeof *c);
	c->n_breached = b->csat_n;
	c->n_met = m->csat_n;
	c->breached = ratio(b->csat_top2, b->csat_n);
	c->met = ratio(m->csat_top2, m->csat_n);
	c->delta = c->ci_lo = c->ci_hi = c->p = c->q = NAN;
	if (b->csat_n == 0 || m->csat_n == 0)
		return;
	/* Newcombe's hybrid interval for a difference of proportions. */
	wilson(b->csat_top2, b->csat_n, Z95, &lb, &hb);
	wilson(m->csat_top2, m->csat_n, Z95, &lm, &hm);
	c->delta = c->breached - c->met;
	c->ci_lo = c->delta - sqrt((c->breached - lb) * (c->breached - lb) +
	    (hm - c->met) * (hm - c->met));
	c->ci_hi = c->delta + sqrt((hb - c->breached) * (hb - c->breached) +
	    (c->met - lm) * (c->met - lm));
}

/* Survey answers needed on each side before the NPS cost ranks or speaks. */
#define NPS_MIN_ANSWERS	10

static int
nps_usable(const struct outcome_cmp *c)
{
	return (!isnan(c->delta) && c->n_breached >= NPS_MIN_ANSWERS &&
	    c->n_met >= NPS_MIN_ANSWERS);
}

/*
 * The Kaplan-Meier q-quantile of closed times (events) and the times so
 * far of open and ended occurrences (censored); NaN when not reached.
 */
static double
km(struct sketch *ev, struct sketch *cens, double q)
{
	double	t;

	sketch_km_quantile(ev, cens, q, &t);
	return (t);
}

const char *
summary_unreached(const struct cell_sum *c, double v, double q, char *buf,
    size_t size)
{
	if (!isnan(v) || c->timed == 0)
		return (NULL);
	snprintf(buf, size, "more than %g%% still running",
	    round(100 * (1 - q) * 1e6) / 1e6);
	return (buf);
}

static void
cell_summarize(struct cell_sum *s, struct cell *c, const struct moment *m,
    const struct score_params *p, const char *value)
{
	double	n = (double)c->n, var;

	memset(s, 0, sizeof *s);
	s->value = value;
	s->n = c->n;
	s->open = c->open;
	s->invalid = c->invalid;
	s->met = c->met;
	s->tolerated = c->tolerated;
	s->breached = c->breached;
	s->objective_met = -1;
	s->rankable = (double)c->n >= p->min_n;
	s->met_rate = ratio(c->met, c->n);
	s->tolerated_rate = ratio(c->tolerated, c->n);
	s->breach_rate = ratio(c->breached, c->n);
	s->within_rate = ratio(c->met + c->tolerated, c->n);
	wilson(c->breached, c->n, Z95, &s->ci_lo, &s->ci_hi);
	s->score_mean = c->n == 0 ? NAN : (double)c->score_sum * SCORE_UNIT / n;
	var = c->n == 0 ? NAN : (double)c->score_sq * SCORE_UNIT / n -
	    s->score_mean * s->score_mean;
	s->score_sd = c->n == 0 ? NAN : sqrt(var > 0 ? var : 0);
	s->consistency = s->score_mean - p->consistency * s->score_sd;
	s->score_p10 = bins_quantile(c->score_bins, SCORE_BINS, c->n, 0.10);
	s->score_p90 = bins_quantile(c->score_bins, SCORE_BINS, c->n, 0.90);
	s->severity = c->n == 0 ? NAN : c->neg_n == 0 ? 0 :
	    (double)c->neg_sum * SCORE_UNIT / (double)c->neg_n;
	s->timed = c->elapsed.n + c->elapsed_cens.n;
	s->p10 = km(&c->elapsed, &c->elapsed_cens, 0.10);
	s->p50 = km(&c->elapsed, &c->elapsed_cens, 0.50);
	s->p90 = km(&c->elapsed, &c->elapsed_cens, 0.90);
	s->p95 = km(&c->elapsed, &c->elapsed_cens, 0.95);
	s->max = sketch_km_longest(&c->elapsed, &c->elapsed_cens,
	    &s->max_running);
	s->p90_p50 = s->p50 > 0 && !isnan(s->p90) ? s->p90 / s->p50 : NAN;
	if (agg_same_clock(m)) {
		s->business_p50 = s->p50;
		s->business_p90 = s->p90;
		s->business_p95 = s->p95;
	} else {
		s->business_p50 = km(&c->business, &c->business_cens, 0.50);
		s->business_p90 = km(&c->business, &c->business_cens, 0.90);
		s->business_p95 = km(&c->business, &c->business_cens, 0.95);
	}
	s->promised = c->promised;
	s->promise_broken_rate = ratio(c->promise_broken, c->promised);
	s->over_promised_rate = ratio(c->over_promised, c->promised);
	s->promise_late_p50 = sketch_quantile(&c->promise_late, 0.50);
	s->promise_late_p90 = sketch_quantile(&c->promise_late, 0.90);
	s->has_customer = m->has_customer;
	s->cust_met_rate = s->cust_tolerated_rate = s->cust_breach_rate = NAN;
	s->cust_score_mean = NAN;
	if (m->has_customer && c->n > 0) {
		s->cust_met_rate = ratio(c->cust_met, c->n);
		s->cust_tolerated_rate = ratio(c->cust_tolerated, c->n);
		s->cust_breach_rate = ratio(c->cust_breached, c->n);
		s->cust_score_mean = (double)c->cust_score_sum * SCORE_UNIT / n;
	}
	s->failures = c->failures;
	s->recovered = c->recovered;
	s->recovery_failed = c->recovery_failed;
	s->recovery_rate = ratio(c->recovered, c->failures);
	s->recover_p50 = sketch_quantile(&c->recover_time, 0.50);
	s->journeys = c->journeys;
	s->memory_share = ratio(c->memory_hits, c->journeys);
	compare_nps(&s->nps, &c->s_breached, &c->s_met);
	compare_csat(&s->csat, &c->s_breached, &c->s_met);
	/* Signed: below 0, the breached journeys answered better (no cost). */
	s->nps_recoverable = !nps_usable(&s->nps) ? NAN :
	    s->breach_rate * (s->nps.met - s->nps.breached);
	if (m->objective > 0 && c->n > 0)
		s->objective_met = s->within_rate >= m->objective - 1e-12;
}

void
bh_adjust(const double *p, double *q, size_t n)
{
	size_t	*idx, k = 0, i, t;
	double	 min = 1, v;

	idx = xcalloc(n + 1, sizeof *idx);
	for (i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i]))
			idx[k++] = i;
	}
	for (i = 1; i < k; i++) {	/* insertion sort by p: n is small */
		t = idx[i];
		while (i > 0 && p[idx[i - 1]] > p[t]) {
			idx[i] = idx[i - 1];
			i--;
		}
		idx[i] = t;
	}
	for (i = k; i > 0; i--) {
		v = p[idx[i - 1]] * (double)k / (double)i;
		if (v < min)
			min = v;
		q[idx[i - 1]] = min;
	}
	free(idx);
}

static const struct summary	*rank_summary;

static int
vorder_cmp(const void *a, const void *b)
{
	const struct strtab	*t = &rank_summary->a->values;

	return (strcmp(strtab_key(t, *(const uint32_t *)a),
	    strtab_key(t, *(const uint32_t *)b)));
}

/* A breakdown value: its occurrences and its place in byte order. */
struct pick {
	uint64_t	vol;
	size_t		pos;
};

/* Whether x comes after y: fewer occurrences, or as many and later by value. */
static int
pick_after(const struct pick *x, const struct pick *y)
{
	return (x->vol < y->vol || (x->vol == y->vol && x->pos > y->pos));
}

/* Sift the root of a heap whose root is the one that comes last down. */
static void
pick_sift(struct pick *h, size_t n)
{
	struct pick	t;
	size_t		i = 0, c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && pick_after(&h[c + 1], &h[c]))
			c++;
		if (!pick_after(&h[c], &h[i]))
			break;
		t = h[i];
		h[i] = h[c];
		h[c] = t;
		i = c;
	}
}

static int
pick_pos_cmp(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;

	return ((x->pos > y->pos) - (x->pos < y->pos));
}

/*
 * A moment's breakdown: the SUMMARY_BY_SHOWN values with the most
 * occurrences (closed, open and invalid; ties to the first by value), in
 * byte order, and the rest summed into one cell, "(other: N values)".
 */
static void
by_make(struct summary *s, struct moment_sum *ms, struct agg *a, size_t mi,
    const struct moment *m)
{
	struct pick	 h[SUMMARY_BY_SHOWN], p;
	struct cell	 oc;
	size_t		 pos, n = 0, k, v;

	for (pos = 0; pos < s->nvorder; pos++) {
		v = s->vorder[pos];
		if (!agg_has_value(a, mi, v))
			continue;
		ms->nvalues++;
		p.vol = agg_value_volume(a, mi, v);
		p.pos = pos;
		if (n < SUMMARY_BY_SHOWN) {	/* heap by insertion: sift up */
			h[n] = p;
			for (k = n++; k > 0 && pick_after(&h[k],
			    &h[(k - 1) / 2]); k = (k - 1) / 2) {
				p = h[k];
				h[k] = h[(k - 1) / 2];
				h[(k - 1) / 2] = p;
			}
		} else if (pick_after(&h[0], &p)) {
			h[0] = p;
			pick_sift(h, n);
		}
	}
	qsort(h, n, sizeof *h, pick_pos_cmp);
	ms->nby = n;
	ms->by = xcalloc(n + 1, sizeof *ms->by);
	for (k = 0; k < n; k++) {
		v = s->vorder[h[k].pos];
		cell_summarize(&ms->by[k], agg_value_cell(a, mi, v,
		    s->scratch), m, &s->e->params, strtab_key(&a->values, v));
	}
	if (ms->nvalues <= n)
		return;
	agg_cell_init(&oc);
	for (pos = 0, k = 0; pos < s->nvorder; pos++) {
		if (k < n && h[k].pos == pos) {
			k++;
			continue;
		}
		if (agg_has_value(a, mi, s->vorder[pos]))
			agg_value_add_to(a, mi, s->vorder[pos], &oc);
	}
	ms->other_label = xasprintf("(other: %zu value%s)", ms->nvalues - n,
	    ms->nvalues - n == 1 ? "" : "s");
	ms->other = xcalloc(1, sizeof *ms->other);
	cell_summarize(ms->other, &oc, m, &s->e->params, ms->other_label);
	agg_cell_free(&oc);
}

size_t
summary_rows(const struct moment_sum *ms)
{
	return (ms->nby + (ms->other != NULL));
}

const struct cell_sum *
summary_row(const struct moment_sum *ms, size_t i)
{
	return (i < ms->nby ? &ms->by[i] : ms->other);
}

int
summary_next_value(const struct summary *s, const struct moment_sum *ms,
    size_t *pos, struct cell_sum *c)
{
	size_t	v;

	for (; *pos < s->nvorder; (*pos)++) {
		v = s->vorder[*pos];
		if (!agg_has_value(s->a, ms->index, v))
			continue;
		(*pos)++;
		cell_summarize(c, agg_value_cell(s->a, ms->index, v,
		    s->scratch), ms->m, &s->e->params, strtab_key(&s->a->values,
		    v));
		return (1);
	}
	return (0);
}

static int
reason_cmp(const void *a, const void *b)
{
	const struct strtab	*t = &rank_summary->a->reasons;

	return (strcmp(strtab_key(t, *(const size_t *)a),
	    strtab_key(t, *(const size_t *)b)));
}

static int
rank_cmp(const void *a, const void *b)
{
	const struct moment_sum	*x = &rank_summary->ms[*(const size_t *)a];
	const struct moment_sum	*y = &rank_summary->ms[*(const size_t *)b];
	double			 xp, yp, xl, yl;

	if (x->total.rankable != y->total.rankable)
		return (x->total.rankable ? -1 : 1);
	xp = isnan(x->priority) ? -1 : x->priority;
	yp = isnan(y->priority) ? -1 : y->priority;
	if (xp != yp)
		return (xp > yp ? -1 : 1);
	xl = isnan(x->total.ci_lo) ? -1 : x->total.ci_lo;
	yl = isnan(y->total.ci_lo) ? -1 : y->total.ci_lo;
	if (xl != yl)
		return (xl > yl ? -1 : 1);
	return (strcmp(x->m->id, y->m->id));
}

/*
 * Priority = reach x breach rate x severity x (1 + memory share). With
 * survey answers on both sides, the NPS points a breach costs (/100)
 * replace the severity.
 */
static void
priority(struct summary *s, struct moment_sum *ms, uint64_t accepted)
{
	const struct cell_sum	*c = &ms->total;
	double			 sev = c->severity;

	ms->reach = accepted == 0 ? NAN : (double)ms->journeys /
	    (double)accepted;
	if (c->n == 0) {
		ms->priority = NAN;
		return;
	}
	if (s->outcomes && nps_usable(&c->nps))	/* max(0, nps_recoverable) */
		sev = c->nps.delta < 0 ? -c->nps.delta / 100 : 0;
	ms->priority = ms->reach * c->breach_rate * sev *
	    (1 + (isnan(c->memory_share) ? 0 : c->memory_share));
}

static void
jdist_summarize(struct jdist_sum *d, const struct jdist *j)
{
	size_t	b;
	double	n = (double)j->n;

	memset(d, 0, sizeof *d);
	d->n = j->n;
	d->mean = d->remembered = d->peak_end = d->effort = NAN;
	d->p10 = d->p50 = d->p90 = NAN;
	for (b = 0; b < SCORE_BINS; b++)
		d->bins[b * 10 / SCORE_BINS] += j->bins[b];
	if (j->n == 0)
		return;
	d->mean = (double)j->sum * SCORE_UNIT / n;
	d->remembered = (double)j->remembered * SCORE_UNIT / n;
	d->peak_end = (double)j->peak_end * SCORE_UNIT / n;
	d->effort = (double)j->effort * SCORE_UNIT / n;
	d->p10 = bins_quantile(j->bins, SCORE_BINS, j->n, 0.10);
	d->p50 = bins_quantile(j->bins, SCORE_BINS, j->n, 0.50);
	d->p90 = bins_quantile(j->bins, SCORE_BINS, j->n, 0.90);
}

void
summary_make(struct summary *s, const struct expectations *e, struct agg *a)
{
	struct moment_sum	*ms;
	struct moment_agg	*ma;
	const struct moment	*m;
	double			*p, *q;
	size_t			 i, v;
	uint64_t		 accepted = a->journeys_read - a->journeys_rejected;

	memset(s, 0, sizeof *s);
	s->e = e;
	s->a = a;
	s->n = e->nmoments;
	s->ms = xcalloc(s->n, sizeof *s->ms);
	s->order = xcalloc(s->n, sizeof *s->order);
	s->scratch = xmalloc(sizeof *s->scratch);
	agg_cell_init(s->scratch);
	s->nvorder = a->values.n;
	s->vorder = xcalloc(s->nvorder + 1, sizeof *s->vorder);
	for (v = 0; v < s->nvorder; v++)
		s->vorder[v] = (uint32_t)v;
	rank_summary = s;
	qsort(s->vorder, s->nvorder, sizeof *s->vorder, vorder_cmp);
	rank_summary = NULL;
	for (i = 0; i < s->n; i++) {
		ms = &s->ms[i];
		ma = &a->m[i];
		m = &e->moments[i];
		ms->m = m;
		ms->index = i;
		ms->journeys = ma->journeys;
		cell_summarize(&ms->total, &ma->total, m, &e->params, NULL);
		if (nps_usable(&ms->total.nps))
			s->outcomes = 1;
		by_make(s, ms, a, i, m);
		if (!m->from.is_attr && a->name_seen[m->from.ref] == 0)
			ms->unseen = m->from.name;
		else if (!m->span && !m->to.is_attr &&
		    a->name_seen[m->to.ref] == 0)
			ms->unseen = m->to.name;
		s->order[i] = i;
	}
	/* Many moments, many tests: adjust the NPS p-values together. */
	p = xcalloc(s->n + 1, sizeof *p);
	q = xcalloc(s->n + 1, sizeof *q);
	for (i = 0; i < s->n; i++)
		p[i] = s->ms[i].total.nps.p;
	bh_adjust(p, q, s->n);
	for (i = 0; i < s->n; i++) {
		s->ms[i].total.nps.q = q[i];
		priority(s, &s->ms[i], accepted);
	}
	free(p);
	free(q);
	jdist_summarize(&s->jd, &a->jd);

	s->reasons = xcalloc(a->reasons.n + 1, sizeof *s->reasons);
	for (i = 0; i < a->reasons.n; i++)
		s->reasons[i] = i;
	rank_summary = s;
	qsort(s->order, s->n, sizeof *s->order, rank_cmp);
	qsort(s->reasons, a->reasons.n, sizeof *s->reasons, reason_cmp);
	rank_summary = NULL;
	for (i = 0; i < s->n; i++)
		s->ms[s->order[i]].rank = i + 1;
}

void
summary_free(struct summary *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		free(s->ms[i].by);
		free(s->ms[i].other);
		free(s->ms[i].other_label);
	}
	free(s->ms);
	free(s->vorder);
	if (s->scratch != NULL)
		agg_cell_free(s->scratch);
	free(s->scratch);
	free(s->order);
	free(s->reasons);
	memset(s, 0, sizeof *s);
}

int
summary_monthly(const struct agg *a)
{
	return (a->first_start != MOT_TIME_NONE && a->last_start -
	    a->first_start > SUMMARY_WEEKLY_DAYS * 86400 * MOT_USEC);
}

const struct periods *
summary_periods(const struct summary *s, size_t mi, int monthly)
{
	return (monthly ? &s->a->m[mi].months : &s->a->m[mi].weeks);
}

void
summary_period(const struct summary *s, const struct periods *p, int64_t k,
    struct period_sum *ps)
{
	const struct period	*v = NULL;

	memset(ps, 0, sizeof *ps);
	ps->k = k;
	if (p->n > 0 && k >= p->first && k - p->first < (int64_t)p->n)
		v = &p->v[k - p->first];
	if (v != NULL) {
		ps->n = v->n;
		ps->breached = v->breached;
		ps->open = v->open;
	}
	ps->breach_rate = ratio(ps->breached, ps->n);
	wilson(ps->breached, ps->n, Z95, &ps->ci_lo, &ps->ci_hi);
	/* A cohort with clocks still running can only gain breaches. */
	ps->incomplete = ps->open > 0;
	ps->small = (double)ps->n < s->e->params.min_n;
}

int64_t
summary_trend_first(const struct periods *p)
{
	if (p->n > SUMMARY_TREND_ROWS)
		return (p->first + (int64_t)(p->n - SUMMARY_TREND_ROWS));
	return (p->first);
}

const char *
summary_period_marks(const struct period_sum *ps)
{
	if (ps->incomplete && ps->small)
		return ("incomplete, small");
	if (ps->incomplete)
		return ("incomplete");
	return (ps->small ? "small" : "");
}

void
summary_verdict(const struct moment_sum *ms, char *buf, size_t size)
{
	const struct cell_sum	*c = &ms->total;
	const struct moment	*m = ms->m;
	char			 ad[96], p90[64], done[96], cost[96] = "";
	double			 v;
	size_t			 len;

	if (c->n == 0) {
		if (ms->unseen != NULL)
			snprintf(buf, size, "no data: no touchpoint named "
			    "\"%s\" in the input", ms->unseen);
		else if (c->open > 0)
			snprintf(buf, size, "no finished occurrence yet "
			    "(%llu open)", (unsigned long long)c->open);
		else
			snprintf(buf, size, "no occurrences");
		return;
	}
	/* Adequate and p90 on the clock the zone is judged on, named once. */
	fmt_duration_on(ad, sizeof ad, (double)m->adequate.us / 1e6,
	    agg_clock(m));
	if (m->promised_by != NULL) {
		/* Each journey is judged against its own promised deadline. */
		len = strlen(ad);
		snprintf(ad + len, sizeof ad - len, " or the promise");
	}
	v = agg_same_clock(m) ? c->p90 : c->business_p90;
	if (summary_unreached(c, v, 0.9, p90, sizeof p90) != NULL)
		snprintf(done, sizeof done, "%s", p90);
	else {
		fmt_duration(p90, sizeof p90, v, agg_clock(m));
		snprintf(done, sizeof done, "90%% done within %s", p90);
	}
	if (nps_usable(&c->nps) && c->nps.delta < 0 && c->breached > 0)
		snprintf(cost, sizeof cost, "; a breach costs %.0f NPS points",
		    -c->nps.delta);
	if (c->objective_met == 0)
		snprintf(buf, size, "MISSES its objective: %.1f%% within %s "
		    "(target %.1f%%); %.1f%% breached; %s%s",
		    100 * c->within_rate, ad, 100 * m->objective,
		    100 * c->breach_rate, done, cost);
	else if (c->objective_met == 1)
		snprintf(buf, size, "meets its objective: %.1f%% within %s "
		    "(target %.1f%%)%s", 100 * c->within_rate, ad,
		    100 * m->objective, cost);
	else if (c->breached > 0)
		snprintf(buf, size, "%.1f%% breached (over %s); %s%s",
		    100 * c->breach_rate, ad, done, cost);
	else
		snprintf(buf, size, "never breached: all within %s", ad);
	if (!c->rankable && (len = strlen(buf)) < size)
		snprintf(buf + len, size - len, " (only %llu occurrence%s: too "
		    "few to rank)", (unsigned long long)c->n, c->n == 1 ? "" :
		    "s");
}
