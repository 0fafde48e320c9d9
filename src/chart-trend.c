/*
 * chart-trend.c - the trend: the breach rate per period of start of the
 * weakest moments; docs/report.md says how to read it.
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

/* The weakest moments drawn in the trend chart. */
#define TREND_MOMENTS	3

static size_t
trend_moments(const struct chart_ctx *x, size_t *pick)
{
	const struct summary	*s = x->r->s;
	size_t			 k, n = 0;

	for (k = 0; k < s->n && n < TREND_MOMENTS; k++) {
		if (s->ms[s->order[k]].total.n > 0 &&
		    chart_periods(x, s->order[k])->n > 0)
			pick[n++] = s->order[k];
	}
	return (n);
}

static int
want_trend(struct chart_ctx *x)
{
	size_t	pick[TREND_MOMENTS];

	return (x->have_periods && trend_moments(x, pick) > 0);
}

static const char *const trend_colours[TREND_MOMENTS] = {
	C_BREACHED, "#1f77b4", "#7f7f7f"
};

/*
 * Whether every point gets its n: when a period has room for a label of
 * each moment (at least TREND_N_PX pixels of the canvas), else only the
 * hollow ones, whose n says why they are hollow.
 */
#define TREND_N_PX	44
static int
trend_width(const struct chart_ctx *x)
{
	int	w = 300 + 40 * (int)(x->plast - x->pfirst);

	return (w < 800 ? 800 : w > 1400 ? 1400 : w);
}

static int
trend_all_n(const struct chart_ctx *x)
{
	return ((double)(trend_width(x) - 200) /
	    (double)(x->plast - x->pfirst + 1) >= TREND_N_PX);
}

/*
 * Where moment j of n puts its points' n: the first left of its point,
 * the last right of it, a middle one above, so that they do not meet.
 */
static const char *
trend_n_place(size_t j, size_t n)
{
	if (n == 1 || (j > 0 && j + 1 < n))
		return ("offset 0,1 center");
	return (j == 0 ? "offset -0.8,0 right" : "offset 0.8,0 left");
}

static void
write_trend(struct chart_ctx *x)
{
	const struct expectations	*e = x->r->e;
	FILE				*d = x->dat, *f = x->gp;
	size_t				 pick[TREND_MOMENTS], n, j, nobj;
	double				 rate, top = 0.1;
	const char			*names[TREND_MOMENTS];
	char				 label[32], **keys;
	struct period_sum		 ps;
	int64_t				 k;
	int				 w, c, ci, all_n;
	double				 off, pad;

	n = trend_moments(x, pick);
	x->c->title = xasprintf("Breach rate per %s of start of the weakest "
	    "moments", x->monthly ? "month" : "week");
	x->c->caption = xasprintf("The share of the occurrences whose clock "
	    "started in each %s (%s, UTC: cohorts) that were breached, for "
	    "the %s weakest moment%s; the dashed line of the same colour is "
	    "the most its objective allows. A hollow point, labelled with its "
	    "n, is a %s still holding open clocks (its rate can only rise) or "
	    "with fewer than %g occurrences (min-n): do not read it like the "
	    "others. The bar through each point is its 95%% interval "
	    "(Wilson; a small %s's may run past the top); %s", x->monthly ? "month" : "week", x->monthly ?
	    "calendar months" : "ISO weeks", n == 1 ? "one" : n == 2 ? "two" :
	    "three", n == 1 ? "" : "s", x->monthly ? "month" : "week",
	    e->params.min_n, x->monthly ? "month" : "week", trend_all_n(x) ? "each point is labelled with "
	    "its n, the occurrences it is the rate of." : "there are too many "
	    "periods to label every point with its n (trend.dat has them).");
	fputs("# i", d);
	for (j = 0; j < n; j++)
		fprintf(d, "\tbreach_rate_%zu\tn_%zu\topen_%zu\tmark_%zu", j + 1,
		    j + 1, j + 1, j + 1);
	fputs("\tperiod", d);
	for (j = 0; j < n; j++)
		fprintf(d, "\tci_low_%zu\tci_high_%zu", j + 1, j + 1);
	fputs("\n# moments:", d);
	for (j = 0; j < n; j++) {
		fprintf(d, " %zu=", j + 1);
		gp_datfield(d, e->moments[pick[j]].id);
	}
	fputs("\n# mark: 0 drawn as usual; +1 incomplete (open clocks), "
	    "+2 small (n < min-n)\n", d);
	for (k = x->pfirst; k <= x->plast; k++) {
		fprintf(d, "%lld", (long long)(k - x->pfirst));
		for (j = 0; j < n; j++) {
			rate = chart_period_cols(x, pick[j], k, d);
			if (!isnan(rate) && rate > top)
				top = rate;
		}
		chart_period_label(x, k, label, sizeof label);
		fprintf(d, "\t%s", label);
		for (j = 0; j < n; j++) {
			summary_period(x->r->s, chart_periods(x, pick[j]), k,
			    &ps);
			fputc('\t', d);
			dat_num(d, ps.n > 0 ? ps.ci_lo : NAN, 0);
			gp_num(d, ps.n > 0 ? ps.ci_hi : NAN);
			/*
			 * The axis holds the intervals but those of small
			 * periods, which may run past it (an n of 1 would
			 * flatten every other point).
			 */
			if (ps.n > 0 && !ps.small && ps.ci_hi > top)
				top = ps.ci_hi;
		}
		fputc('\n', d);
	}
	for (j = 0; j < n; j++) {
		if (e->moments[pick[j]].objective > 0 &&
		    1 - e->moments[pick[j]].objective > top)
			top = 1 - e->moments[pick[j]].objective;
	}
	top = ceil(top * 1.08 * 20) / 20;
	if (top > 1)
		top = 1;
	w = trend_width(x);
	all_n = trend_all_n(x);
	gp_begin(x, "the breach rate over time", w, 440, 30);
	gp_title(x, "set title", x->c->title, 0);
	/* Room at the ends for the first and last points' n beside them. */
	pad = 45 / ((double)(w - 150) / (double)(x->plast - x->pfirst + 1));
	if (pad < 0.5)
		pad = 0.5;
	fprintf(f, "set xrange [%.2f:%.2f]\n"
	    "set yrange [0:%g]\n"
	    "set format y \"%%g%%%%\"\n"
	    "set ylabel \"breached (%% of the occurrences)\"\n"
	    "set grid ytics lc rgb \"#e5e5e5\"\n"
	    "set style textbox opaque fillcolor \"#ffffff\" noborder\n",
	    -pad, (double)(x->plast - x->pfirst) + pad, 100 * top);
	gp_period_tics(x, x->pfirst, x->plast, "rotate by 30 right");
	/* The moments, "hollow" and the objective, two a row, under tics slanted 30 degrees. */
	for (j = 0, nobj = 0; j < n; j++)
		if (e->moments[pick[j]].objective > 0)
			nobj = 1;
	chart_period_label(x, x->plast, label, sizeof label);
	gp_key_below(x, n + 1 + nobj, 2, 1.5 + 0.5 * CHART_CHAR_PX / 14 *
	    (double)chart_label_chars(label, sizeof label));
	/* A line joins the full periods only; the others are hollow, with n. */
	for (j = 0; j < n; j++)
		names[j] = e->moments[pick[j]].name;
	keys = fmt_labels(names, n, GP_LABEL_MAX);
	/*
	 * Each moment a little aside (off), so that the intervals of the
	 * same period do not cover each other; the n above the point.
	 */
	fputs("plot ", f);
	for (j = 0; j < n; j++) {
		c = 2 + 4 * (int)j;
		ci = 3 + 4 * (int)n + 2 * (int)j;
		off = n == 1 ? 0 : 0.3 * ((double)j / (double)(n - 1) - 0.5);
		if (j > 0)
			fputs(", \\\n     ", f);
		fprintf(f, "\"%s.dat\" using ($1%+.2f):(100*$%d):(100*$%d):"
		    "(100*$%d) with yerrorbars pt 0 lw 1 lc rgb \"%s\" notitle, "
		    "\\\n     \"\" using ($1%+.2f):($%d == 0 ? 100*$%d : NaN) "
		    "with linespoints lw 2.5 pt 7 ps 1.1 lc rgb \"%s\" title ",
		    x->c->name, off, c, ci, ci + 1, trend_colours[j], off,
		    c + 3, c, trend_colours[j]);
		gp_string(f, keys[j], 0, 0);
		fprintf(f, ", \\\n     \"\" using ($1%+.2f):($%d != 0 ? 100*$%d : "
		    "NaN) with points pt 6 ps 1.3 lw 1.5 lc rgb \"%s\" notitle",
		    off, c + 3, c, trend_colours[j]);
		/* Labels only when one is drawn: gnuplot 5.4 can crash on none. */
		for (k = x->pfirst; k <= x->plast &&
		    !chart_period_labelled(x, pick[j], k, all_n); k++)
			;
		if (k <= x->plast)
			fprintf(f, ", \\\n     \"\" using ($1%+.2f):((%d || $%d "
			    "!= 0) && $%d > 0 ? 100*$%d : NaN):(sprintf(\"n %%d\", "
			    "int($%d))) with labels boxed %s font \",8\" tc rgb "
			    "\"%s\" notitle", off, all_n, c + 3, c + 1, c, c + 1,
			    trend_n_place(j, n), trend_colours[j]);
	}
	fputs(", \\\n     NaN with points pt 6 ps 1.3 lw 1.5 lc rgb c_ink "
	    "title \"hollow: open clocks or n < min-n\"", f);
	for (j = 0; j < n; j++) {
		if (e->moments[pick[j]].objective <= 0)
			continue;
		fprintf(f, ", \\\n     %g with lines dt 2 lw 1.5 lc rgb \"%s\" "
		    "%s", 100 * (1 - e->moments[pick[j]].objective),
		    trend_colours[j], j == 0 ? "title \"objective (most breached "
		    "allowed)\"" : "notitle");
	}
	fputc('\n', f);
	xfree_strings(keys, n);
}

const struct chart_def chart_trend = {
	"trend", "the breach rate over time", want_trend, write_trend,
    NULL
};
