/*
 * chart-impact.c - the impact: NPS where each moment was breached and where
 * it was not; docs/report.md says how to read it.
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

/* Moment i's impact row: NPS met and breached, with intervals, in v; -1 if none. */
static int
impact_row(const struct chart_ctx *x, size_t i, double *v)
{
	const struct cell	*cell = &x->r->a->m[i].total;

	if (chart_nps(&cell->s_met, &v[0], &v[1], &v[2]) != 0 ||
	    chart_nps(&cell->s_breached, &v[3], &v[4], &v[5]) != 0)
		return (-1);
	return (0);
}

static int
want_impact(struct chart_ctx *x)
{
	double	v[6];
	size_t	i;

	for (i = 0; i < x->r->s->n; i++) {
		if (impact_row(x, i, v) == 0)
			return (1);
	}
	return (0);
}

static void
write_impact(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment_sum	*ms;
	FILE			*d = x->dat, *f = x->gp;
	double			 v[6];
	size_t			*rows, k, j, n = 0;
	int			 h;

	x->c->title = xstrdup("What a breach costs: NPS where each moment was "
	    "breached and where it was not");
	x->c->caption = xstrdup("For each moment with survey answers on both "
	    "sides, the Net Promoter Score of journeys where it was never "
	    "breached (green) and where it was breached at least once (red), "
	    "each with its 95% interval. The gap is what a breach costs; the "
	    "label gives it with its interval and the p-value adjusted for "
	    "testing many moments (q), or says there are too few answers "
	    "when a side has fewer than min-answers. These are associations, "
	    "not experiments.");
	rows = xcalloc(s->n + 1, sizeof *rows);
	dat_header(d, "row\tnps_met\tnps_met_low\tnps_met_high\tn_met\t"
	    "nps_breached\tnps_breached_low\tnps_breached_high\tn_breached\t"
	    "nps_delta\tnps_delta_low\tnps_delta_high\tq\tid\tname");
	for (k = 0; k < s->n; k++) {
		ms = chart_msum(x, s->order[k]);
		if (impact_row(x, s->order[k], v) != 0)
			continue;
		rows[n++] = s->order[k];
		fprintf(d, "%zu\t", n);
		for (j = 0; j < 3; j++)
			dat_num(d, v[j], 0);
		fprintf(d, "%llu\t", (unsigned long long)ms->total.nps.n_met);
		for (j = 3; j < 6; j++)
			dat_num(d, v[j], 0);
		fprintf(d, "%llu\t", (unsigned long long)ms->total.nps.n_breached);
		dat_num(d, ms->total.nps.delta, 0);
		dat_num(d, ms->total.nps.ci_lo, 0);
		dat_num(d, ms->total.nps.ci_hi, 0);
		dat_num(d, ms->total.nps.q, 0);
		dat_text(d, ms->m->id, 0);
		dat_text(d, ms->m->name, 1);
	}
	h = 130 + 50 * (int)n;
	gp_begin(x, "the NPS cost of a breach", 1000, h < 260 ? 260 : h,
	    8 + 3 * (int)n);
	gp_title(x, "set title", x->c->title, 0);
	fprintf(f, "set xrange [-100:100]\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set xtics -100, 25, 100\n"
	    "set xlabel \"Net Promoter Score\"\n"
	    "set rmargin 40\n"
	    "set grid xtics lc rgb \"#e5e5e5\"\n"
	    "set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb "
	    "\"#999999\"\n", n);
	gp_moment_tics(x, "ytics", rows, n, "scale 0", GP_LABEL_MAX);
	gp_key_below(x, 2, 2, 3);
	fprintf(f, "plot \"%s.dat\" using 2:1:($6-$2):(0) with vectors nohead lw 2 "
	    "lc rgb \"#bbbbbb\" notitle, \\\n"
	    "     \"\" using 2:($1-0.1):3:4 with xerrorbars pt 7 ps 1.4 lw 2 "
	    "lc rgb c_met title \"NPS where not breached (95%% CI)\", \\\n"
	    "     \"\" using 6:($1+0.1):7:8 with xerrorbars pt 7 ps 1.4 lw 2 "
	    "lc rgb c_breached title \"NPS where breached (95%% CI)\", \\\n"
	    "     \"\" using (100):1:(valid(10) ? sprintf(\"  %%+.0f points "
	    "(%%+.0f to %%+.0f)%%s\", $10, $11, $12, valid(13) ? "
	    "($13 < 0.001 ? \", q < 0.001\" : sprintf(\", q %%.2g\", $13)) "
	    ": \"\") : \"  too few answers\"):"
	    "($13 < 0.05 && $10 < 0 ? 0xc0392b : 0x333333) "
	    "with labels left tc rgb variable notitle\n", x->c->name);
	fprintf(f, "# The last labels sit beyond x = 100, in the right "
	    "margin.\n");
	free(rows);
}

const struct chart_def chart_impact = {
	"impact", "the NPS cost of a breach", want_impact, write_impact,
    NULL
};
