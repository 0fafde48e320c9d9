/*
 * summary.c - derives the reported figures from the aggregates: rates,
 * Wilson intervals, mean scores, percentiles, objectives, and the ranking
 * of moments weakest first. Rule: weakness = breach rate x closed
 * occurrences (the number of breached occurrences); ties go to the higher
 * Wilson lower bound, then to the moment id.
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

static void
cell_summarize(struct cell_sum *s, struct cell *c, const struct moment *m,
    const char *value)
{
	double	n = (double)c->n;

	memset(s, 0, sizeof *s);
	s->value = value;
	s->n = c->n;
	s->open = c->open;
	s->invalid = c->invalid;
	s->met = c->met;
	s->tolerated = c->tolerated;
	s->breached = c->breached;
	s->objective_met = -1;
	if (c->n == 0) {
		s->met_rate = s->tolerated_rate = s->breach_rate = NAN;
		s->within_rate = s->score_mean = NAN;
		s->ci_lo = s->ci_hi = NAN;
		s->p50 = s->p90 = s->p95 = s->max = NAN;
		return;
	}
	s->met_rate = (double)c->met / n;
	s->tolerated_rate = (double)c->tolerated / n;
	s->breach_rate = (double)c->breached / n;
	s->within_rate = (double)(c->met + c->tolerated) / n;
	wilson(c->breached, c->n, Z95, &s->ci_lo, &s->ci_hi);
	s->score_mean = (double)c->score_sum * SCORE_UNIT / n;
	s->p50 = sketch_quantile(&c->elapsed, 0.50);
	s->p90 = sketch_quantile(&c->elapsed, 0.90);
	s->p95 = sketch_quantile(&c->elapsed, 0.95);
	s->max = c->elapsed.max;
	if (m->objective > 0)
		s->objective_met = s->within_rate >= m->objective - 1e-12;
}

static int
value_cmp(const void *a, const void *b)
{
	const struct cell_sum	*x = a, *y = b;

	return (strcmp(x->value, y->value));
}

static const struct summary	*rank_summary;

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
	double			 xl, yl;

	if (x->weakness != y->weakness)
		return (x->weakness > y->weakness ? -1 : 1);
	xl = isnan(x->total.ci_lo) ? -1 : x->total.ci_lo;
	yl = isnan(y->total.ci_lo) ? -1 : y->total.ci_lo;
	if (xl != yl)
		return (xl > yl ? -1 : 1);
	return (strcmp(x->m->id, y->m->id));
}

void
summary_make(struct summary *s, const struct expectations *e, struct agg *a)
{
	struct moment_sum	*ms;
	struct moment_agg	*ma;
	const struct moment	*m;
	size_t			 i, v;

	memset(s, 0, sizeof *s);
	s->e = e;
	s->a = a;
	s->n = e->nmoments;
	s->ms = xcalloc(s->n, sizeof *s->ms);
	s->order = xcalloc(s->n, sizeof *s->order);
	for (i = 0; i < s->n; i++) {
		ms = &s->ms[i];
		ma = &a->m[i];
		m = &e->moments[i];
		ms->m = m;
		ms->index = i;
		ms->journeys = ma->journeys;
		cell_summarize(&ms->total, &ma->total, m, NULL);
		ms->weakness = (double)ma->total.breached;
		ms->nby = ma->values.n;
		ms->by = xcalloc(ms->nby, sizeof *ms->by);
		for (v = 0; v < ms->nby; v++)
			cell_summarize(&ms->by[v], &ma->cells[v], m,
			    strtab_key(&ma->values, v));
		qsort(ms->by, ms->nby, sizeof *ms->by, value_cmp);
		if (!m->from.is_attr && a->name_seen[m->from.ref] == 0)
			ms->unseen = m->from.name;
		else if (!m->span && !m->to.is_attr &&
		    a->name_seen[m->to.ref] == 0)
			ms->unseen = m->to.name;
		s->order[i] = i;
	}
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

	for (i = 0; i < s->n; i++)
		free(s->ms[i].by);
	free(s->ms);
	free(s->order);
	free(s->reasons);
	memset(s, 0, sizeof *s);
}

void
summary_verdict(const struct moment_sum *ms, char *buf, size_t size)
{
	const struct cell_sum	*c = &ms->total;
	const struct moment	*m = ms->m;
	char			 ad[32], p90[32];

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
	isodur_human((double)m->adequate.us / 1e6, ad, sizeof ad);
	isodur_human(c->p90, p90, sizeof p90);
	if (c->objective_met == 0)
		snprintf(buf, size, "MISSES its objective: %.1f%% within %s "
		    "(target %.1f%%); %.1f%% breached; 90%% done within %s",
		    100 * c->within_rate, ad, 100 * m->objective,
		    100 * c->breach_rate, p90);
	else if (c->objective_met == 1)
		snprintf(buf, size, "meets its objective: %.1f%% within %s "
		    "(target %.1f%%)", 100 * c->within_rate, ad,
		    100 * m->objective);
	else if (c->breached > 0)
		snprintf(buf, size, "%.1f%% breached (over %s); 90%% done "
		    "within %s", 100 * c->breach_rate, ad, p90);
	else
		snprintf(buf, size, "never breached: all within %s", ad);
}
