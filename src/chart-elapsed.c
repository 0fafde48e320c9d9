/*
 * chart-elapsed.c - elapsed time: each moment's own-clock distribution
 * against its zone of tolerance; docs/report.md says how to read it.
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

/*
 * Values beyond the axis (a time of 0 or less than lo of adequate, or more
 * than hi) are drawn at its edge: mark each such row with an arrow at the
 * edge and the values it stands for, as durations.
 */
/* An arrow at the left (or right) edge at y, and the values it stands for. */
static void
elapsed_mark(FILE *f, size_t tag, double y, const char *what, int right)
{
	char	*s;

	fprintf(f, "set arrow %zu from %s, %.1f to %s, %.1f head filled "
	    "size screen 0.008,25 lw 1.5 lc rgb c_ink front\n", tag,
	    right ? "xmax / 2.2" : "xmin * 2.2", y, right ? "xmax" : "xmin", y);
	s = xasprintf(right ? "%s beyond the axis" : "%s below the axis", what);
	fprintf(f, "set label %zu ", tag);
	gp_string(f, s, 0, 0);
	fprintf(f, " at %s, %.1f %s font \",8\" textcolor rgb c_ink front\n",
	    right ? "xmax / 2.4" : "xmin * 2.4", y, right ? "right" : "left");
	free(s);
}

static void
elapsed_beyond(struct chart_ctx *x, size_t k, size_t i, double lo, double hi)
{
	static const char *const names[] = { "p10", "p50", "p90", "p95",
	    "longest" };
	static const double	 qs[] = { 0.10, 0.50, 0.90, 0.95, -1 };
	const struct moment	*m = chart_msum(x, i)->m;
	char			 low[256], high[256], v[48];
	size_t			 j, nl = 0, nh = 0;
	double			 a = (double)m->adequate.us / 1e6, t;

	low[0] = high[0] = '\0';
	for (j = 0; j < 5 && a > 0; j++) {
		t = qs[j] < 0 ? chart_longest(x, i) : chart_q(x, i, qs[j]);
		if (isnan(t) || (t / a >= lo && t / a <= hi))
			continue;
		fmt_duration(v, sizeof v, fmt_sig(t, QUANTILE_DIGITS),
		    agg_clock(m));
		if (t / a < lo)
			nl += (size_t)snprintf(low + nl, sizeof low - nl,
			    "%s%s %s", nl > 0 ? ", " : "", names[j], v);
		else
			nh += (size_t)snprintf(high + nh, sizeof high - nh,
			    "%s%s %s", nh > 0 ? ", " : "", names[j], v);
		if (nl >= sizeof low)
			nl = sizeof low - 1;
		if (nh >= sizeof high)
			nh = sizeof high - 1;
	}
	/* Tags of their own: labels 1..n and arrow 1 are the chart's. */
	if (nl > 0)
		elapsed_mark(x->gp, x->r->s->n + 1 + 2 * k, (double)k + 0.7,
		    low, 0);
	if (nh > 0)
		elapsed_mark(x->gp, x->r->s->n + 2 + 2 * k, (double)k + 0.7,
		    high, 1);
}

/* The label right of moment i's row: its p90 and adequate; returns its characters. */
static size_t
elapsed_label(struct chart_ctx *x, size_t i, char *buf, size_t len)
{
	const struct moment	*m = chart_msum(x, i)->m;
	double			 p90 = chart_q(x, i, 0.90);
	char			 p[48], ad[48];

	fmt_duration(ad, sizeof ad, (double)m->adequate.us / 1e6,
	    agg_clock(m));
	if (isnan(p90))
		snprintf(buf, len, "over 10%% running, adequate %s", ad);
	else {
		fmt_duration(p, sizeof p, fmt_sig(p90, QUANTILE_DIGITS),
		    agg_clock(m));
		snprintf(buf, len, "p90 %s, adequate %s", p, ad);
	}
	return (utf8_chars(buf));
}

static void
write_elapsed(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment	*m;
	const struct moment_sum	*ms;
	FILE			*d = x->dat, *f = x->gp;
	double			 a, dd, q[6], lo = 1, hi = 2;
	char			 label[128];
	size_t			 k, j, i, len, ly, lr;
	int			 w, h;

	x->c->title = xstrdup("How long each moment took, against its zone of "
	    "tolerance");
	x->c->caption = xstrdup("Elapsed time divided by the moment's adequate "
	    "time, on a log scale, on the moment's own clock (working time "
	    "less pauses where it has a calendar or pauses). The dot is the "
	    "median, the bar runs from the 10th to the 90th percentile, the "
	    "triangle is the 95th and the cross the longest. Green is within "
	    "desired, amber the zone of tolerance, red beyond adequate (1 on "
	    "this scale): a bar reaching into red means more than 10% were "
	    "late. Percentiles are Kaplan-Meier estimates, open and ended "
	    "occurrences counted as still running at their time so far; a bar "
	    "running to the right edge is a 90th percentile not reached (more "
	    "than 10% still running). A time the axis cannot show (0, or "
	    "beyond its ends) is drawn at the edge, marked with an arrow and "
	    "its value.");
	dat_header(d, "rank\tdesired_rel\tp10_rel\tp50_rel\tp90_rel\tp95_rel\t"
	    "max_rel\tdesired_s\tadequate_s\tp10_s\tp50_s\tp90_s\tp95_s\t"
	    "max_s\tclock\tid\tname");
	for (k = 0; k < s->n; k++) {
		i = s->order[k];
		ms = chart_msum(x, i);
		m = ms->m;
		a = (double)m->adequate.us / 1e6;
		dd = (double)m->desired.us / 1e6;
		q[0] = chart_q(x, i, 0.10);
		q[1] = chart_q(x, i, 0.50);
		q[2] = chart_q(x, i, 0.90);
		q[3] = chart_q(x, i, 0.95);
		q[4] = chart_longest(x, i);
		fprintf(d, "%zu\t", k + 1);
		dat_num(d, a > 0 ? dd / a : NAN, 0);
		for (j = 0; j < 5; j++) {
			dat_num(d, a > 0 ? q[j] / a : NAN, 0);
			if (a > 0 && !isnan(q[j]) && q[j] > 0 && q[j] / a < lo)
				lo = q[j] / a;
			if (a > 0 && !isnan(q[j]) && q[j] / a > hi)
				hi = q[j] / a;
		}
		if (a > 0 && dd > 0 && dd / a < lo)
			lo = dd / a;
		dat_num(d, dd, 0);
		dat_num(d, a, 0);
		for (j = 0; j < 5; j++)
			dat_num(d, q[j], 0);
		dat_text(d, m->calendar >= 0 || m->npauses > 0 ? "own" :
		    "calendar", 0);
		dat_text(d, m->id, 0);
		dat_text(d, m->name, 1);
	}
	lo = pow(10, floor(log10(lo / 1.5)));
	if (lo < 1e-4)
		lo = 1e-4;
	hi = pow(10, ceil(log10(hi * 1.2)));
	/* The margins from the longest name and right-hand label. */
	for (k = 0, ly = 0, lr = 0; k < s->n; k++) {
		i = s->order[k];
		if ((len = chart_label_chars(chart_msum(x, i)->m->name,
		    GP_LABEL_MAX)) > ly)
			ly = len;
		if (chart_msum(x, i)->total.n > 0 && (len = elapsed_label(x, i,
		    label, sizeof label)) > lr)
			lr = len;
	}
	w = (int)(CHART_CHAR_PX * (double)(ly + lr + 8)) + 560;
	h = 110 + 44 * (int)s->n;
	gp_begin(x, "elapsed time against the zone of tolerance",
	    w < 1000 ? 1000 : w, h < 240 ? 240 : h, 8 + 3 * (int)s->n);
	gp_title(x, "set title", x->c->title, 0);
	fprintf(f, "xmin = %g; xmax = %g\n"
	    "clip(v) = v < xmin ? xmin : v\n"
	    "set logscale x 10\n"
	    "set xrange [xmin:xmax]\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set format x \"%%g\"\n"
	    "set xlabel \"elapsed time / adequate time (log scale; 1 = "
	    "adequate)\"\n"
	    "set lmargin at screen %zu * cw\n"
	    "set rmargin at screen 1 - %zu * cw\n", lo, hi, s->n, ly + 2,
	    lr + 3);
	gp_moment_tics(x, "ytics", s->order, s->n, "scale 0", GP_LABEL_MAX);
	for (k = 0; k < s->n; k++) {
		i = s->order[k];
		ms = chart_msum(x, i);
		m = ms->m;
		if (ms->total.n == 0)
			continue;
		elapsed_beyond(x, k, i, lo, hi);
		elapsed_label(x, i, label, sizeof label);
		fprintf(f, "set label %zu ", k + 1);
		gp_string(f, label, 0, 0);
		fprintf(f, " at graph 1, first %zu left offset char 1,0 "
		    "textcolor rgb c_ink\n", k + 1);
	}
	/* Six entries in two rows, under the tics and the x label. */
	gp_key_below(x, 6, 3, 3);
	fprintf(f, "set arrow 1 from 1, graph 0 to 1, graph 1 nohead lw 2 "
	    "lc rgb c_breached front\n"
	    "set style fill solid 0.22 noborder\n"
	    "plot \"%s.dat\" using (xmin):1:(xmin):(clip($2)):($1-0.42):"
	    "($1+0.42) with boxxyerror fc rgb c_met title \"within desired\", "
	    "\\\n"
	    "     \"\" using (1):1:(clip($2)):(1):($1-0.42):($1+0.42) with "
	    "boxxyerror fc rgb c_tolerated title \"zone of tolerance\", \\\n"
	    "     \"\" using (1):1:(1):(xmax):($1-0.42):($1+0.42) with "
	    "boxxyerror fc rgb c_breached title \"beyond adequate\", \\\n"
	    "     \"\" using (clip($4)):1:(clip($3)):(valid(5) ? clip($5) : "
	    "xmax):(valid(5) && $5 > 1 ? 0xc0392b : 0x222222) with xerrorbars lc rgb variable pt 7 ps 1.3 "
	    "lw 2.5 title \"median, p10 to p90\", \\\n"
	    "     \"\" using (clip($6)):1 with points pt 8 ps 1.1 lc rgb c_ink "
	    "title \"p95\", \\\n"
	    "     \"\" using (clip($7)):1 with points pt 2 ps 0.9 lc rgb c_ink "
	    "title \"longest\"\n", x->c->name);
}

const struct chart_def chart_elapsed = {
	"elapsed", "elapsed time against the zone of tolerance",
    chart_want_finished, write_elapsed, NULL
};
