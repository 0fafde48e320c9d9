/*
 * chart-data.c - the numbers the charts draw, taken from a run's summary and
 * aggregates: each moment's own-clock times, its periods of start and its
 * breakdown values. Nothing here writes a file.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart-int.h"
#include "fmt.h"
#include "gnuplot.h"
#include "report.h"
#include "sketch.h"
#include "stats.h"
#include "xmalloc.h"

/* Moments, data and periods */

const struct moment_sum *
chart_msum(const struct chart_ctx *x, size_t i)
{
	return (&x->r->s->ms[i]);
}

/* The elapsed times on a moment's own clock (kept as calendar time when both are the same). */
struct sketch *
chart_sketch(const struct chart_ctx *x, size_t i)
{
	struct cell	*c = &x->r->a->m[i].total;

	return (agg_same_clock(&x->r->e->moments[i]) ? &c->elapsed :
	    &c->business);
}

/* The times so far of a moment's open and ended occurrences, on its own clock: the censored. */
struct sketch *
chart_cens(const struct chart_ctx *x, size_t i)
{
	struct cell	*c = &x->r->a->m[i].total;

	return (agg_same_clock(&x->r->e->moments[i]) ? &c->elapsed_cens :
	    &c->business_cens);
}

/* The own-clock Kaplan-Meier q-quantile of a moment, in seconds (NaN when not reached): what its zone is judged on. */
double
chart_q(const struct chart_ctx *x, size_t i, double q)
{
	double	t;

	sketch_km_quantile(chart_sketch(x, i), chart_cens(x, i), q, &t);
	return (t);
}

/* The longest own-clock time of a moment seen, stopped or not, in seconds. */
double
chart_longest(const struct chart_ctx *x, size_t i)
{
	int	censored;

	return (sketch_km_longest(chart_sketch(x, i), chart_cens(x, i),
	    &censored));
}

const struct periods *
chart_periods(const struct chart_ctx *x, size_t i)
{
	return (summary_periods(x->r->s, i, x->monthly));
}

void
chart_period_label(const struct chart_ctx *x, int64_t k, char *buf, size_t size)
{
	struct periods	p;

	memset(&p, 0, sizeof p);
	p.first = k;
	agg_period_label(&p, x->monthly, 0, buf, size);
}

/*
 * Write period k of moment i as four columns: breach rate, n, open and
 * its mark (MARK_* bits; 0: drawn like any other). Returns the rate.
 */
double
chart_period_cols(const struct chart_ctx *x, size_t i, int64_t k, FILE *d)
{
	struct period_sum	ps;

	summary_period(x->r->s, chart_periods(x, i), k, &ps);
	fputc('\t', d);
	gp_num(d, ps.breach_rate);
	fprintf(d, "\t%llu\t%llu\t%d", (unsigned long long)ps.n,
	    (unsigned long long)ps.open, (ps.incomplete ? MARK_INCOMPLETE : 0) |
	    (ps.small ? MARK_SMALL : 0));
	return (ps.breach_rate);
}

static uint64_t
p_max(const struct chart_ctx *x)
{
	return (x->monthly ? PERIODS_MONTHS : PERIODS_WEEKS);
}

static void
periods_init(struct chart_ctx *x)
{
	const struct agg	*a = x->r->a;
	const struct periods	*p;
	size_t			 i;

	x->monthly = summary_monthly(a);
	for (i = 0; i < x->r->e->nmoments; i++) {
		p = chart_periods(x, i);
		if (p->n == 0)
			continue;
		if (!x->have_periods || p->first < x->pfirst)
			x->pfirst = p->first;
		if (!x->have_periods ||
		    p->first + (int64_t)p->n - 1 > x->plast)
			x->plast = p->first + (int64_t)p->n - 1;
		x->have_periods = 1;
	}
	/* As many periods as a moment keeps, the latest: the same bound. */
	if (x->have_periods && (uint64_t)(x->plast - x->pfirst) >= p_max(x))
		x->pfirst = x->plast - (int64_t)p_max(x) + 1;
}

/* A breakdown value as a number: 0 when it is not one (a whole finite number). */
static int
value_number(const char *s, double *d)
{
	char	*end;

	if (*s == '\0' || strchr(" \t\n", *s) != NULL)
		return (0);
	*d = strtod(s, &end);
	return (*end == '\0' && isfinite(*d));
}

static int
value_cmp(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a, *y = *(const char *const *)b;

	/* "(none)" last: the journeys without the attribute. */
	if ((strcmp(x, AGG_NO_VALUE) == 0) != (strcmp(y, AGG_NO_VALUE) == 0))
		return (strcmp(x, AGG_NO_VALUE) == 0 ? 1 : -1);
	return (strcmp(x, y));
}

static int
value_num_cmp(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a, *y = *(const char *const *)b;
	double		 dx, dy;

	if (value_number(x, &dx) && value_number(y, &dy) && dx != dy)
		return (dx < dy ? -1 : 1);
	return (value_cmp(a, b));
}

/*
 * Breakdown values in the order a reader expects: all numbers (but
 * "(none)"): numerically, 2 before 10; otherwise in byte order, which puts
 * ISO dates, times, weeks (2026-W05) and months (2026-05) in time order.
 */
void
chart_values_sort(const char **v, size_t n)
{
	size_t	i;
	double	d;
	int	numeric = 1;

	for (i = 0; i < n && numeric; i++) {
		if (strcmp(v[i], AGG_NO_VALUE) != 0 && !value_number(v[i], &d))
			numeric = 0;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, numeric ? value_num_cmp : value_cmp);
}

/* The heatmap cell of moment i and column v: its n and breach rate; 0 when it holds no occurrence. */
int
chart_heat_cell(const struct chart_ctx *x, size_t i, size_t v, uint64_t *n,
    double *rate)
{
	const struct cell_sum	*c;
	struct period_sum	 ps;

	if (x->heat_period >= 0) {
		summary_period(x->r->s, summary_periods(x->r->s, i,
		    x->heat_period), x->heat_first + (int64_t)v, &ps);
		*n = ps.n;
		*rate = ps.breach_rate;
	} else if ((c = chart_by_cell(chart_msum(x, i), x->values[v])) !=
	    NULL) {
		*n = c->n;
		*rate = c->breach_rate;
	} else
		*n = 0;
	return (*n > 0);
}

struct value_n {
	const char	*value;
	uint64_t	 n;
};

static int
value_n_cmp(const void *a, const void *b)
{
	const struct value_n	*x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (strcmp(x->value, y->value));
}

/* The breakdown values of the heatmap: the most frequent, in byte order. */
static void
values_init(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	struct value_n		*v = NULL;
	size_t			 i, k, j, n = 0, cap = 0;

	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->ms[i].nby; k++) {
			for (j = 0; j < n; j++) {
				if (strcmp(v[j].value, s->ms[i].by[k].value) == 0)
					break;
			}
			if (j == n) {
				if (n == cap) {
					cap = cap == 0 ? 16 : cap * 2;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[n].value = s->ms[i].by[k].value;
				v[n++].n = 0;
			}
			v[j].n += s->ms[i].by[k].n;
		}
	}
	if (n > 1)	/* v is NULL when there is no value */
		qsort(v, n, sizeof *v, value_n_cmp);
	x->nvalues_all = n;
	x->nvalues = n > HEAT_VALUES ? HEAT_VALUES : n;
	x->values = xcalloc(x->nvalues + 1, sizeof *x->values);
	for (i = 0; i < x->nvalues; i++)
		x->values[i] = v[i].value;
	chart_values_sort(x->values, x->nvalues);
	free(v);
}

const struct cell_sum *
chart_by_cell(const struct moment_sum *ms, const char *value)
{
	size_t	lo = 0, hi = ms->nby, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(value, ms->by[mid].value)) == 0)
			return (&ms->by[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/* NPS of a group of survey answers with its 95% interval, in points (stats.c). */
int
chart_nps(const struct survey *sv, double *nps, double *lo, double *hi)
{
	if (sv->nps_n == 0)
		return (-1);
	nps_interval(sv->promoters, sv->detractors, sv->nps_n, nps, lo, hi);
	return (0);
}


/*
 * A chart of the moments needs one that finished at least once: without,
 * every number it would draw is NaN (gnuplot 5.4 crashes on such a journey
 * map), so it is left out and the report says why.
 */
int
chart_want_finished(struct chart_ctx *x)
{
	size_t	i;

	for (i = 0; i < x->r->s->n; i++) {
		if (chart_msum(x, i)->total.n > 0)
			return (1);
	}
	return (0);
}

/*
 * The heatmap's columns by period (without --by, and with --by week or
 * month): the latest HEAT_VALUES periods, contiguous, ending with the last
 * period any moment has; weeks or months as heat_period says.
 */
static void
heat_periods_init(struct chart_ctx *x)
{
	const struct periods	*p;
	struct periods		 q;
	char			 buf[32];
	int64_t			 first = 0, last = 0;
	size_t			 i;
	int			 have = 0;

	for (i = 0; i < x->r->s->n; i++) {
		p = summary_periods(x->r->s, i, x->heat_period);
		if (p->n == 0)
			continue;
		if (!have || p->first < first)
			first = p->first;
		if (!have || p->first + (int64_t)p->n - 1 > last)
			last = p->first + (int64_t)p->n - 1;
		have = 1;
	}
	x->nvalues_all = have ? (size_t)(last - first + 1) : 0;
	x->nvalues = x->nvalues_all > HEAT_VALUES ? HEAT_VALUES :
	    x->nvalues_all;
	x->heat_first = last - (int64_t)x->nvalues + 1;
	x->values = xcalloc(x->nvalues + 1, sizeof *x->values);
	x->heat_labels = xcalloc(x->nvalues + 1, sizeof *x->heat_labels);
	for (i = 0; i < x->nvalues; i++) {
		memset(&q, 0, sizeof q);
		q.first = x->heat_first + (int64_t)i;
		agg_period_label(&q, x->heat_period, 0, buf, sizeof buf);
		x->values[i] = x->heat_labels[i] = xstrdup(buf);
	}
}

void
chart_ctx_init(struct chart_ctx *x, const struct report *r, unsigned formats)
{
	memset(x, 0, sizeof *x);
	x->r = r;
	x->deffmt = (formats & CHART_PNG) ? "png" : (formats & CHART_SVG) ?
	    "svg" : (formats & CHART_PDF) ? "pdf" : "png";
	periods_init(x);
	x->heat_period = r->by == NULL || strcmp(r->by, "month") == 0 ? 1 :
	    strcmp(r->by, "week") == 0 ? 0 : -1;
	if (x->heat_period >= 0)
		heat_periods_init(x);
	else
		values_init(x);
}


/* Free what chart_ctx_init allocated. */
void
chart_ctx_free(struct chart_ctx *x)
{
	size_t	i;

	for (i = 0; x->heat_labels != NULL && i < x->nvalues; i++)
		free(x->heat_labels[i]);
	free(x->heat_labels);
	x->heat_labels = NULL;
	free(x->values);
	x->values = NULL;
}

/*
 * Whether period k of moment i gets its n as a label: it has occurrences,
 * and all are labelled or it is marked (incomplete or small).
 */
int
chart_period_labelled(const struct chart_ctx *x, size_t i, int64_t k,
    int all)
{
	struct period_sum	ps;

	summary_period(x->r->s, chart_periods(x, i), k, &ps);
	return (ps.n > 0 && (all || ps.incomplete || ps.small));
}
