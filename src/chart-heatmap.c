/*
 * chart-heatmap.c - the heatmap: the breach rate by moment and breakdown
 * value; docs/report.md says how to read it.
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

/* The heatmap needs one cell with an occurrence: empty ones are not drawn. */
static int
want_heatmap(struct chart_ctx *x)
{
	const struct cell_sum	*c;
	size_t			 i, v;

	for (i = 0; x->r->by != NULL && i < x->r->s->n; i++) {
		for (v = 0; v < x->nvalues; v++) {
			if ((c = chart_by_cell(chart_msum(x, i),
			    x->values[v])) != NULL &&
			    c->n > 0)
				return (1);
		}
	}
	return (0);
}

static void
write_heatmap(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment_sum	*ms;
	const struct cell_sum	*c;
	FILE			*d = x->dat, *f = x->gp;
	double			 top = 0.05;
	size_t			 k, v, longest = 0;
	int			 w, h;

	x->c->title = xasprintf("Breach rate by %s", x->r->by);
	x->c->caption = xasprintf("Each cell is the share of a moment's "
	    "occurrences (rows, weakest on top) that were breached among "
	    "journeys with one value of %s (columns); the darker, the more "
	    "often it was late. n is the number of occurrences in the "
	    "cell; a grey cell has fewer than %g (min-n), too few to compare."
	    "%s", x->r->by, x->r->e->params.min_n,
	    x->nvalues < x->nvalues_all ?
	    " Only the most frequent values are shown." : "");
	dat_header(d, "col\trow\tbreach_rate\tn\tsmall\tvalue\tmoment");
	for (k = 0; k < s->n; k++) {
		ms = chart_msum(x, s->order[k]);
		for (v = 0; v < x->nvalues; v++) {
			if ((c = chart_by_cell(ms, x->values[v])) == NULL ||
			    c->n == 0)
				continue;
			fprintf(d, "%zu\t%zu\t", v + 1, k + 1);
			dat_num(d, c->breach_rate, 0);
			fprintf(d, "%llu\t%d\t", (unsigned long long)c->n,
			    (double)c->n < x->r->e->params.min_n);
			dat_text(d, x->values[v], 0);
			dat_text(d, ms->m->id, 1);
			if (c->breach_rate > top)
				top = c->breach_rate;
		}
	}
	top = ceil(top * 10) / 10;
	for (v = 0; v < x->nvalues; v++) {
		if (chart_label_chars(x->values[v], GP_LABEL_MAX) > longest)
			longest = chart_label_chars(x->values[v], GP_LABEL_MAX);
	}
	w = 320 + 80 * (int)x->nvalues;
	h = 130 + (s->n < 4 ? 160 : 40 * (int)s->n) + 7 * (int)longest;
	gp_begin(x, "the breach rate by breakdown value", w < 700 ? 700 :
	    w > 1400 ? 1400 : w, h, 30);
	gp_title(x, "set title", x->c->title, 0);
	fprintf(f, "set xrange [0.5:%zu.5]\n"
	    "set yrange [%zu.5:0.5]\n"
	    "set cbrange [0:%g]\n"
	    "set format cb \"%%g%%%%\"\n"
	    "set palette defined (0 \"#ffffff\", 0.2 \"#fde4c4\", 0.5 "
	    "\"#f0a15c\", 1 \"#a50f15\")\n"
	    "set border 0\n"
	    "set tics scale 0\n"
	    "set bmargin %.0f\n", x->nvalues, s->n, 100 * top,
	    2 + 0.45 * (double)longest);
	gp_moment_tics(x, "ytics", s->order, s->n, "", GP_LABEL_MAX);
	gp_label_tics(f, "xtics", "rotate by 90 right", x->values, x->nvalues,
	    GP_LABEL_MAX);
	fprintf(f, "set style fill solid 1.0 border lc rgb \"#ffffff\"\n"
	    "plot \"%s.dat\" using 1:($5 == 0 ? $2 : NaN):(0.5):(0.5):(100*$3) "
	    "with boxxyerror fc palette notitle, \\\n"
	    "     \"\" using 1:($5 != 0 ? $2 : NaN):(0.5):(0.5) with boxxyerror "
	    "fc rgb \"#e0e0e0\" notitle, \\\n"
	    "     \"\" using 1:2:(sprintf(\"%%.0f%%%%\\nn %%d\", 100*$3, "
	    "int($4))):($5 == 0 && 100*$3 > %g ? 0xffffff : $5 != 0 ? "
	    "0x777777 : 0x222222) with labels tc rgb variable font \",9\" "
	    "notitle\n", x->c->name, 60 * top);
}

const struct chart_def chart_heatmap = {
	"heatmap", "the breach rate by breakdown value", want_heatmap,
    write_heatmap
};
