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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
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

/*
 * An outcome compared between the journeys where the moment was breached
 * and where it was not: each side as it is, the difference with its
 * interval and p only from min-answers answers on each side
 * (docs/scoring.md, 12).
 */
static void
compare_nps(struct outcome_cmp *c, const struct survey *b,
    const struct survey *m, double min)
{
	struct nps_counts	nb, nm;

	memset(c, 0, sizeof *c);
	c->n_breached = b->nps_n;
	c->n_met = m->nps_n;
	c->breached = c->met = c->delta = c->ci_lo = c->ci_hi = NAN;
	c->p = c->q = NAN;
	if (b->nps_n > 0)
		c->breached = 100 * ((double)b->promoters -
		    (double)b->detractors) / (double)b->nps_n;
	if (m->nps_n > 0)
		c->met = 100 * ((double)m->promoters - (double)m->detractors) /
		    (double)m->nps_n;
	if ((double)b->nps_n < min || (double)m->nps_n < min)
		return;
	nb.promoters = b->promoters;
	nb.detractors = b->detractors;
	nb.n = b->nps_n;
	nm.promoters = m->promoters;
	nm.detractors = m->detractors;
	nm.n = m->nps_n;
	nps_diff(&nb, &nm, &c->delta, &c->ci_lo, &c->ci_hi, &c->p);
}

static void
compare_csat(struct outcome_cmp *c, const struct survey *b,
    const struct survey *m, double min)
{
	memset(c, 0, sizeof *c);
	c->n_breached = b->csat_n;
	c->n_met = m->csat_n;
	c->breached = ratio(b->csat_top2, b->csat_n);
	c->met = ratio(m->csat_top2, m->csat_n);
	c->delta = c->ci_lo = c->ci_hi = c->p = c->q = NAN;
	if ((double)b->csat_n < min || (double)m->csat_n < min)
		return;
	c->delta = c->breached - c->met;
	newcombe_diff(b->csat_top2, b->csat_n, m->csat_top2, m->csat_n, Z95,
	    &c->ci_lo, &c->ci_hi);
}

static int
nps_usable(const struct outcome_cmp *c)
{
	return (!isnan(c->delta));
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
	s->ended = c->ended;
	s->open_breached = c->open_breached;
	s->ended_breached = c->ended_breached;
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
	/* Several clocks of one journey are not independent (section 4). */
	s->n_eff = stats_neff(c->n, c->breached, c->clusters, c->clu_nn,
	    c->clu_bn, c->clu_bb);
	wilson_eff(s->breach_rate, s->n_eff, Z95, &s->ci_lo, &s->ci_hi);
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
	compare_nps(&s->nps, &c->s_breached, &c->s_met, p->min_answers);
	compare_csat(&s->csat, &c->s_breached, &c->s_met, p->min_answers);
	s->reach = s->priority = NAN;
	/* Signed: below 0, the breached journeys answered better (no cost). */
	s->nps_recoverable = !nps_usable(&s->nps) ? NAN :
	    s->breach_rate * (s->nps.met - s->nps.breached);
	if (m->objective > 0 && c->n > 0)
		s->objective_met = s->within_rate >= m->objective - 1e-12;
}

/* The p-values bh_adjust sorts by (qsort has no context argument). */
static _Thread_local const double	*bh_p;

static int
bh_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	if (bh_p[x] != bh_p[y])
		return (bh_p[x] < bh_p[y] ? -1 : 1);
	return ((x > y) - (x < y));
}

void
bh_adjust(const double *p, double *q, size_t n)
{
	size_t	*idx, k = 0, i;
	double	 min = 1, v;

	idx = xcalloc(n + 1, sizeof *idx);
	for (i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i]))
			idx[k++] = i;
	}
	bh_p = p;	/* every cell of every moment: n can be large */
	qsort(idx, k, sizeof *idx, bh_cmp);
	bh_p = NULL;
	for (i = k; i > 0; i--) {
		v = p[idx[i - 1]] * (double)k / (double)i;
		if (v < min)
			min = v;
		q[idx[i - 1]] = min;
	}
	free(idx);
}

/*
 * Priority = reach x breach rate x severity x (1 + memory share). With
 * survey answers on both sides, the NPS points a breach costs (/100)
 * replace the severity. Reach is the share of all accepted journeys:
 * for a breakdown cell, its journeys (with a closed occurrence), so that
 * its cells share out the moment's reach (docs/scoring.md, 13).
 */
static void
cell_priority(const struct summary *s, struct cell_sum *c, uint64_t journeys)
{
	double	sev = c->severity;

	c->reach = s->accepted == 0 ? NAN : (double)journeys /
	    (double)s->accepted;
	if (c->n == 0) {
		c->priority = NAN;
		return;
	}
	if (s->outcomes && nps_usable(&c->nps))	/* max(0, nps_recoverable) */
		sev = c->nps.delta < 0 ? -c->nps.delta / 100 : 0;
	c->priority = c->reach * c->breach_rate * sev *
	    (1 + (isnan(c->memory_share) ? 0 : c->memory_share));
}

static void
priority(struct summary *s, struct moment_sum *ms)
{
	cell_priority(s, &ms->total, ms->journeys);
	ms->reach = ms->total.reach;
	ms->priority = ms->total.priority;
}

static int
cell_q_cmp(const void *a, const void *b)
{
	size_t	x = ((const struct cell_q *)a)->pos;
	size_t	y = ((const struct cell_q *)b)->pos;

	return ((x > y) - (x < y));
}

/* A breakdown cell's q and priority; pos is its place in vorder (SIZE_MAX for the rest summed). */
static void
cell_finish(const struct summary *s, const struct moment_sum *ms,
    struct cell_sum *c, size_t pos)
{
	struct cell_q	key, *found;

	key.pos = pos;
	found = ms->ncq == 0 ? NULL : bsearch(&key, ms->cq, ms->ncq,
	    sizeof *ms->cq, cell_q_cmp);
	c->nps.q = found != NULL ? found->q : NAN;
	cell_priority(s, c, c->journeys);
}

/*
 * Every breakdown value of every moment whose NPS difference has a p is
 * one test of one family: their q are adjusted together (docs/scoring.md,
 * 13). A value with fewer occurrences than twice min-answers cannot have
 * min-answers journeys on each side, and is not replayed.
 */
static void
cells_adjust(struct summary *s, struct agg *a)
{
	struct moment_sum	*ms;
	struct outcome_cmp	 o;
	struct cell		*c;
	double			 min = s->e->params.min_answers, *p, *q;
	size_t			 i, k, pos, v, cap, n = 0;

	for (i = 0; i < s->n; i++) {
		ms = &s->ms[i];
		cap = 0;
		for (pos = 0; pos < s->nvorder; pos++) {
			v = s->vorder[pos];
			if (!agg_has_value(a, i, v) ||
			    (double)agg_value_volume(a, i, v) < 2 * min)
				continue;
			c = agg_value_cell(a, i, v, s->scratch);
			compare_nps(&o, &c->s_breached, &c->s_met, min);
			if (isnan(o.p))
				continue;
			if (ms->ncq == cap) {
				cap = cap == 0 ? 8 : 2 * cap;
				ms->cq = xreallocarray(ms->cq, cap,
				    sizeof *ms->cq);
			}
			ms->cq[ms->ncq].pos = pos;
			ms->cq[ms->ncq++].q = o.p;
			n++;
		}
	}
	p = xcalloc(n + 1, sizeof *p);
	q = xcalloc(n + 1, sizeof *q);
	for (i = 0, n = 0; i < s->n; i++) {
		for (k = 0; k < s->ms[i].ncq; k++)
			p[n++] = s->ms[i].cq[k].q;
	}
	bh_adjust(p, q, n);
	for (i = 0, n = 0; i < s->n; i++) {
		for (k = 0; k < s->ms[i].ncq; k++)
			s->ms[i].cq[k].q = q[n++];
	}
	free(p);
	free(q);
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
		cell_finish(s, ms, &ms->by[k], h[k].pos);
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
	cell_finish(s, ms, ms->other, SIZE_MAX);
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
		cell_summarize(c, agg_value_cell(s->a, ms->index, v,
		    s->scratch), ms->m, &s->e->params, strtab_key(&s->a->values,
		    v));
		cell_finish(s, ms, c, (*pos)++);
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
	const char		*name;
	double			*p, *q;
	size_t			 i, v;

	memset(s, 0, sizeof *s);
	s->e = e;
	s->accepted = a->journeys_read - a->journeys_rejected;
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
		if (!m->from.is_attr && a->name_seen[m->from.ref] == 0)
			ms->unseen = m->from.name;
		else if (!m->span && !m->to.is_attr &&
		    a->name_seen[m->to.ref] == 0)
			ms->unseen = m->to.name;
		if (agg_missing(a, i, &name, 1) > 0)
			s->unmatched++;
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
		priority(s, &s->ms[i]);
	}
	free(p);
	free(q);
	/* The breakdown cells, a family of their own. */
	cells_adjust(s, a);
	for (i = 0; i < s->n; i++)
		by_make(s, &s->ms[i], a, i, &e->moments[i]);
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
		free(s->ms[i].cq);
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

int
summary_too_few(const struct cell_sum *cs, const struct outcome_cmp *c,
    double min, char *buf, size_t size)
{
	char	need[32];

	/* Never breached: there is nothing to compare, not too little. */
	if (!isnan(c->delta) || cs->breached == 0 ||
	    c->n_breached + c->n_met == 0)
		return (0);
	fmt_number(need, sizeof need, min, 6);
	snprintf(buf, size, "too few answers (%llu where breached, %llu where "
	    "not; %s needed on each side)", (unsigned long long)c->n_breached,
	    (unsigned long long)c->n_met, need);
	return (1);
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
		else if (c->open + c->ended > 0)
			snprintf(buf, size, "no scored occurrence yet "
			    "(%llu open, %llu ended)",
			    (unsigned long long)c->open,
			    (unsigned long long)c->ended);
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
		fmt_duration(p90, sizeof p90, fmt_sig(v, QUANTILE_DIGITS),
		    agg_clock(m));
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
