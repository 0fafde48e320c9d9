/*
 * chart-moment.c - one moment's chart: its distribution, its trend and its
 * breakdown; docs/report.md says how to read it.
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

/* Breakdown values in a moment's chart row, and their labels' length. */
#define ROW_VALUES	12
#define ROW_LABEL	24

static int
want_moment(struct chart_ctx *x)
{
	return (chart_msum(x, x->mi)->total.n > 0);
}

struct unit {
	const char	*name;		/* of the .dat column */
	const char	*label;		/* of the axis, naming the clock */
	double		 s;
};

/* The axis unit for a moment: working time is in working hours, never days. */
static struct unit
unit_for(double adequate, enum fmt_clock clock)
{
	struct unit	u;

	if (clock == CLOCK_WORKING) {
		u.name = "working_hours";
		u.label = "working hours";
		u.s = 3600;
		return (u);
	}
	if (adequate < 120) {
		u.name = "seconds";
		u.label = "seconds (calendar time)";
		u.s = 1;
	} else if (adequate < 2 * 3600) {
		u.name = "minutes";
		u.label = "minutes (calendar time)";
		u.s = 60;
	} else if (adequate < 2 * 86400) {
		u.name = "hours";
		u.label = "hours (calendar time)";
		u.s = 3600;
	} else {
		u.name = "days";
		u.label = "days (calendar time)";
		u.s = 86400;
	}
	return (u);
}

static int
by_rate_cmp(const void *a, const void *b)
{
	const struct cell_sum	*x = *(const struct cell_sum *const *)a;
	const struct cell_sum	*y = *(const struct cell_sum *const *)b;
	double			 xr = isnan(x->breach_rate) ? -1 : x->breach_rate;
	double			 yr = isnan(y->breach_rate) ? -1 : y->breach_rate;

	if (xr != yr)
		return (xr > yr ? -1 : 1);
	return (strcmp(x->value, y->value));
}

static int
by_n_cmp(const void *a, const void *b)
{
	const struct cell_sum	*x = *(const struct cell_sum *const *)a;
	const struct cell_sum	*y = *(const struct cell_sum *const *)b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (strcmp(x->value, y->value));
}

/* What a moment's chart is drawn from, worked out as its data are written. */
struct moment_view {
	const struct moment_sum	*ms;
	const struct moment	*m;
	struct unit		 u;
	double			 a, dd, obj;	/* adequate, desired (s) */
	double			 xmax;		/* of the curve, in seconds */
	double			 top;		/* of the period bars, a rate */
	int			 labelled;	/* a period bar has its n */
	const struct cell_sum	**rows;		/* by breakdown value */
	size_t			 nrows;
};

/* Block 0 of the .dat: the Kaplan-Meier curve of the times; sets xmax. */
static void
moment_curve(struct chart_ctx *x, struct moment_view *mv)
{
	FILE			*d = x->dat;
	struct sketch_km_point	*pts;
	double			 v;
	size_t			 i, np;

	fprintf(d, "# elapsed_s\telapsed_%s\tfinished\n", mv->u.name);
	np = sketch_km_curve(chart_sketch(x, x->mi), chart_cens(x, x->mi),
	    &pts);
	v = chart_q(x, x->mi, 0.99);
	if (isnan(v))		/* never 99%: to the last finish */
		v = chart_sketch(x, x->mi)->n > 0 ?
		    chart_sketch(x, x->mi)->max : 0;
	mv->xmax = mv->a * 1.3;
	if (v * 1.05 > mv->xmax)
		mv->xmax = v * 1.05;
	dat_num(d, 0, 0);
	dat_num(d, 0, 0);
	dat_num(d, 0, 1);
	for (i = 0; i < np; i++) {
		dat_num(d, pts[i].t, 0);
		dat_num(d, pts[i].t / mv->u.s, 0);
		dat_num(d, pts[i].f, 1);
	}
	free(pts);
}

/* Block 1: the breach rate per period of start; sets top. */
static void
moment_periods(struct chart_ctx *x, struct moment_view *mv)
{
	FILE	*d = x->dat;
	char	 label[32];
	double	 rate;
	int64_t	 k;

	mv->top = 0.1;
	fputs("\n\n# i\tbreach_rate\tn\topen\tmark\tperiod\n", d);
	for (k = x->pfirst; x->have_periods && k <= x->plast; k++) {
		fprintf(d, "%lld", (long long)(k - x->pfirst));
		rate = chart_period_cols(x, x->mi, k, d);
		chart_period_label(x, k, label, sizeof label);
		fprintf(d, "\t%s\n", label);
		if (!isnan(rate) && rate > mv->top)
			mv->top = rate;
		if (chart_period_labelled(x, x->mi, k, 0))
			mv->labelled = 1;
	}
	if (mv->obj > 0 && 1 - mv->obj > mv->top)
		mv->top = 1 - mv->obj;
	mv->top = ceil(mv->top * 1.3 * 20) / 20;	/* room for the key above the bars */
	if (mv->top > 1)
		mv->top = 1;
}

/* Block 2: by breakdown value, the largest, by breach rate; sets rows. */
static void
moment_rows(struct chart_ctx *x, struct moment_view *mv)
{
	const struct moment_sum	*ms = mv->ms;
	FILE			*d = x->dat;
	size_t			 i;

	if (x->r->by == NULL || ms->nby == 0)
		return;
	/* Values without a finished occurrence have nothing to draw. */
	mv->rows = xcalloc(ms->nby, sizeof *mv->rows);
	for (i = 0; i < ms->nby; i++) {
		if (ms->by[i].n > 0)
			mv->rows[mv->nrows++] = &ms->by[i];
	}
	qsort(mv->rows, mv->nrows, sizeof *mv->rows, by_n_cmp);
	if (mv->nrows > ROW_VALUES)
		mv->nrows = ROW_VALUES;
	qsort(mv->rows, mv->nrows, sizeof *mv->rows, by_rate_cmp);
	if (mv->nrows > 0)
		fputs("\n\n# row\tbreach_rate\tci_low\tci_high\tn\tvalue\n", d);
	for (i = 0; i < mv->nrows; i++) {
		fprintf(d, "%zu\t", i + 1);
		dat_num(d, mv->rows[i]->breach_rate, 0);
		dat_num(d, mv->rows[i]->n > 0 ? mv->rows[i]->ci_lo : NAN, 0);
		dat_num(d, mv->rows[i]->n > 0 ? mv->rows[i]->ci_hi : NAN, 0);
		fprintf(d, "%llu\t", (unsigned long long)mv->rows[i]->n);
		dat_text(d, mv->rows[i]->value, 1);
	}
}

/* Panel 1: the share finished within a time, against the zone. */
static void
panel_curve(struct chart_ctx *x, const struct moment_view *mv)
{
	const struct cell_sum	*c = &mv->ms->total;
	const struct moment	*m = mv->m;
	FILE			*f = x->gp;
	double			 us = mv->u.s, v;
	char			 mx[48];
	int			 running;

	fprintf(f, "set title \"How long it took (%s)\"\n"
	    "set xrange [0:%g]\n"
	    "set yrange [0:100]\n"
	    "set ytics 0, 25, 100\n"
	    "set format y \"%%g%%%%\"\n"
	    "set xlabel \"%s\"\n"
	    "set ylabel \"finished within\"\n"
	    "set key bottom right opaque\n", fmt_clock_name(agg_clock(m)),
	    mv->xmax / us, mv->u.label);
	fprintf(f, "set object 1 rect from 0, graph 0 to %g, graph 1 fc rgb "
	    "c_met fs solid 0.15 noborder behind\n", mv->dd / us);
	fprintf(f, "set object 2 rect from %g, graph 0 to %g, graph 1 fc rgb "
	    "c_tolerated fs solid 0.18 noborder behind\n", mv->dd / us,
	    mv->a / us);
	fprintf(f, "set object 3 rect from %g, graph 0 to graph 1, graph 1 "
	    "fc rgb c_breached fs solid 0.15 noborder behind\n", mv->a / us);
	if (mv->obj > 0)
		fprintf(f, "set arrow 1 from graph 0, first %g to graph 1, "
		    "first %g nohead dt 2 lw 1.5 lc rgb c_ink\n", 100 * mv->obj,
		    100 * mv->obj);
	v = sketch_km_longest(chart_sketch(x, x->mi), chart_cens(x, x->mi),
	    &running);
	if (v > mv->xmax) {
		fmt_duration(mx, sizeof mx, v, agg_clock(m));
		fprintf(f, "set label 1 \"longest: %s%s\" at graph 0.97, graph "
		    "0.2 right textcolor rgb c_ink\n", mx, running ?
		    " (not stopped)" : "");
	}
	fprintf(f, "plot \"%s.dat\" index 0 using 2:(100*$3) with steps lw "
	    "2.5 lc rgb \"#1f4e79\" notitle, \\\n"
	    "     \"-\" using 1:2 with points pt 7 ps 1.4 lc rgb \"%s\" title "
	    "\"%.1f%% within adequate\"\n%g\t%g\ne\n", x->c->name,
	    c->objective_met == 0 ? C_BREACHED : C_INK, 100 * c->within_rate,
	    mv->a / us, 100 * c->within_rate);
	fputs("unset object 1; unset object 2; unset object 3; unset arrow 1; "
	    "unset label 1\n", f);
}

/* Panel 2: the breach rate per period of start. */
static void
panel_periods(struct chart_ctx *x, const struct moment_view *mv)
{
	FILE	*f = x->gp;
	double	 obj = mv->obj;

	fprintf(f, "set title \"Breach rate per %s of start\"\n"
	    "set xlabel \"\"\n"
	    "set ylabel \"breached\"\n"
	    "set yrange [0:%g]\n"
	    "set ytics auto\n"
	    "set key top right\n"
	    "set style fill solid 0.85 noborder\n"
	    "set boxwidth 0.7\n", x->monthly ? "month" : "week",
	    100 * mv->top);
	if (x->have_periods) {
		fprintf(f, "set xrange [-0.5:%lld.5]\n",
		    (long long)(x->plast - x->pfirst));
		gp_period_tics(x, x->pfirst, x->plast, "rotate by 30 right");
	}
	if (obj > 0)
		fprintf(f, "set arrow 1 from graph 0, first %g to graph 1, "
		    "first %g nohead dt 2 lw 1.5 lc rgb c_ink\n",
		    100 * (1 - obj), 100 * (1 - obj));
	fprintf(f, "plot \"%s.dat\" index 1 using 1:($5 == 0 ? 100*$2 : NaN) "
	    "with boxes fc rgb c_breached notitle, \\\n"
	    "     \"\" index 1 using 1:($5 != 0 ? 100*$2 : NaN) with boxes "
	    "fs empty lc rgb c_breached lw 1.5 notitle", x->c->name);
	/* Labels only when one is drawn: gnuplot 5.4 can crash on none. */
	if (mv->labelled)
		fputs(", \\\n     \"\" index 1 using 1:($5 != 0 && $3 > 0 ? "
		    "100*$2 : NaN):(sprintf(\"n %d\", int($3))) with labels "
		    "offset 0,0.7 font \",7\" tc rgb c_ink notitle", f);
	fprintf(f, "%s\n", obj > 0 ? ", \\\n     NaN with lines dt 2 lw 1.5 "
	    "lc rgb c_ink title \"objective\"" : "");
	fputs("unset arrow 1\nset xtics auto norotate\n", f);
}

/* Panel 3: the breach rate by breakdown value, with its interval. */
static void
panel_rows(struct chart_ctx *x, const struct moment_view *mv)
{
	FILE		 *f = x->gp;
	const char	**values;
	char		 *title;
	double		  xmax, top;
	size_t		  i;
	int		  clipped;

	title = xasprintf("Breach rate by %s", x->r->by);
	gp_title(x, "set title", title, x->width / 3);
	free(title);
	/*
	 * The axis holds every rate, the objective and the intervals of the
	 * rows with min-n occurrences; a smaller row's interval beyond it
	 * ends in an arrow at the edge, labelled with its end.
	 */
	top = mv->obj > 0 ? 1 - mv->obj : 0.1;
	for (i = 0; i < mv->nrows; i++) {
		if (mv->rows[i]->breach_rate > top)
			top = mv->rows[i]->breach_rate;
		if ((double)mv->rows[i]->n >= x->r->e->params.min_n &&
		    mv->rows[i]->ci_hi > top)
			top = mv->rows[i]->ci_hi;
	}
	/* Three x tics: the panel is narrow beside its labels. */
	xmax = 100 * fmin(1, ceil(fmax(0.1, top) * 10) / 10);
	for (i = 0, clipped = 0; i < mv->nrows; i++)
		if (mv->rows[i]->n > 0 && 100 * mv->rows[i]->ci_hi > xmax)
			clipped = 1;
	fprintf(f, "xmax = %g\n"
	    "set xrange [0:xmax]\n", xmax);
	fprintf(f, 
	    "set yrange [%zu.6:0.4]\n"
	    "set format x \"%%g%%%%\"\n"
	    "set format y \"%%g\"\n"
	    "set xlabel \"breached (95%% CI)\"\n"
	    "set ylabel \"\"\n"
	    "set xtics 0, %g\n", mv->nrows, xmax / 2);
	values = xcalloc(mv->nrows + 1, sizeof *values);
	for (i = 0; i < mv->nrows; i++)
		values[i] = mv->rows[i]->value;
	gp_label_tics(f, "ytics", "scale 0", values, mv->nrows, ROW_LABEL);
	free(values);
	if (mv->obj > 0)
		fprintf(f, "set arrow 1 from %g, graph 0 to %g, graph 1 "
		    "nohead dt 2 lw 1.5 lc rgb c_ink\n",
		    100 * (1 - mv->obj), 100 * (1 - mv->obj));
	fprintf(f, "plot \"%s.dat\" index 2 using (50*$2):1:(50*$2):"
	    "(0.34) with boxxyerror fc rgb c_breached notitle, \\\n"
	    "     \"\" index 2 using (100*$2):1:(100*$3):(100*$4 <= xmax ? "
	    "100*$4 : xmax) with xerrorbars pt 0 lw 1.5 lc rgb c_ink "
	    "notitle%s", x->c->name, clipped ? ", \\\n" : "\n");
	if (!clipped)
		return;
	fputs("     \"\" index 2 using (100*$3):(100*$4 > xmax ? $1 : NaN):"
	    "(xmax-100*$3):(0) with vectors head filled size screen "
	    "0.006,25 lw 1.5 lc rgb c_ink notitle, \\\n"
	    "     \"\" index 2 using (xmax):1:(100*$4 > xmax ? "
	    "sprintf(\"to %.0f%%\", 100*$4) : \"\") with labels right offset "
	    "0,0.7 font \",8\" tc rgb c_ink notitle\n", f);
}

static void
write_moment(struct chart_ctx *x)
{
	struct moment_view	 mv;
	size_t			 panels;
	char			*layout;
	int			 periods;

	memset(&mv, 0, sizeof mv);
	mv.ms = chart_msum(x, x->mi);
	mv.m = mv.ms->m;
	mv.a = (double)mv.m->adequate.us / 1e6;
	mv.dd = (double)mv.m->desired.us / 1e6;
	mv.obj = mv.m->objective;
	mv.u = unit_for(mv.a, agg_clock(mv.m));
	x->c->title = xasprintf("%s: how long, when and for whom",
	    mv.m->name);
	moment_curve(x, &mv);
	moment_periods(x, &mv);
	moment_rows(x, &mv);
	periods = chart_periods(x, x->mi)->n > 0 && x->have_periods;
	panels = 1 + (size_t)periods + (mv.nrows > 0);
	x->c->caption = chart_moment_caption(fmt_clock_name(agg_clock(mv.m)),
	    mv.obj, periods ? x->monthly ? "month" : "week" : NULL,
	    mv.nrows > 0);

	gp_begin(x, "one moment: its distribution, trend and breakdown",
	    panels == 3 ? 1300 : panels == 2 ? 900 : 600, 330, 30);
	layout = xasprintf("set multiplot layout 1,%zu title", panels);
	gp_title(x, layout, x->c->title, 0);
	free(layout);
	panel_curve(x, &mv);
	if (periods)
		panel_periods(x, &mv);
	if (mv.nrows > 0)
		panel_rows(x, &mv);
	fputs("unset multiplot\n", x->gp);
	free(mv.rows);
}

/*
 * The caption of a moment's chart, naming only the panels drawn: the curve
 * (on clock, with the objective's line when obj > 0), the breach rate per
 * period (a week or month, NULL: no such panel) and by breakdown value.
 */
char *
chart_moment_caption(const char *clock, double obj, const char *period,
    int rows)
{
	const char	*pos[3], *three[] = { "Left: t", "Middle: t", "Right: t" },
			*two[] = { "Left: t", "Right: t" }, *one[] = { "T" };
	char		*curve, *per = NULL, *s;
	size_t		 n = 1 + (period != NULL) + (rows != 0), k = 1;

	memcpy(pos, n == 3 ? three : n == 2 ? two : one, n * sizeof *pos);
	curve = xasprintf("%she share of occurrences finished within a given "
	    "time (%s, the moment's own clock; the Kaplan-Meier estimate, open "
	    "and ended occurrences counted as still running at their time so "
	    "far), against the zone of tolerance%s", pos[0], clock, obj > 0 ?
	    "; the dashed line is the objective's share within adequate." :
	    ".");
	if (period != NULL)
		per = xasprintf(" %she breach rate of the clocks started in "
		    "each %s; a hollow bar, labelled with its n, still holds open "
		    "clocks or has fewer than min-n.", pos[k++], period);
	s = xasprintf("%s%s%s%s%s", curve, per != NULL ? per : "",
	    rows ? " " : "", rows ? pos[k] : "", rows ? "he breach rate by "
	    "breakdown value, with its 95% interval." : "");
	free(curve);
	free(per);
	return (s);
}

const struct chart_def chart_moment = {
	NULL, "one moment", want_moment, write_moment, NULL
};
