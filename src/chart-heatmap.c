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

/*
 * The heatmap needs a cell with an occurrence; with --by, one of a value
 * other than "(none)": a breakdown every journey lacks says nothing.
 */
static int
want_heatmap(struct chart_ctx *x)
{
	uint64_t	n;
	double		rate;
	size_t		i, v;

	for (i = 0; i < x->r->s->n; i++) {
		for (v = 0; v < x->nvalues; v++) {
			if (chart_heat_cell(x, i, v, &n, &rate) &&
			    (x->heat_period >= 0 ||
			    strcmp(x->values[v], AGG_NO_VALUE) != 0))
				return (1);
		}
	}
	return (0);
}

static char *
why_not_heatmap(struct chart_ctx *x)
{
	if (x->heat_period < 0)
		return (xasprintf("the heatmap (no journey has the attribute "
		    "%s: every value is %s)", x->r->by, AGG_NO_VALUE));
	return (xasprintf("the heatmap (no occurrence finished in the "
	    "latest %s)", x->heat_period ? "months" : "weeks"));
}

/* The columns, in words, for the title and the caption. */
static const char *
heat_columns(const struct chart_ctx *x)
{
	if (x->heat_period < 0)
		return (x->r->by);
	return (x->heat_period ? "month of start" : "week of start");
}

/* The pixels right of the cells: the colour box and its tics. */
#define HEAT_RIGHT	150.0
/* The pixels above the first part, for the title. */
#define HEAT_TOP	50
/* The most columns one part has: cells readable at A4 print width. */
#define HEAT_PART_COLS	12

/* One part's cells, their colour and labels (font 0: not labelled). */
static void
heat_plot(struct chart_ctx *x, int font, int nfont, double top)
{
	FILE	*f = x->gp;

	fprintf(f, "plot \"%s.dat\" using 1:($5 == 0 ? $2 : NaN):(0.5):(0.5):"
	    "(100*$3) with boxxyerror fc palette notitle, \\\n"
	    "     \"\" using 1:($5 != 0 ? $2 : NaN):(0.5):(0.5) with boxxyerror "
	    "fc rgb \"#e0e0e0\" notitle", x->c->name);
	if (font != 0)
		fprintf(f, ", \\\n"
		    "     \"\" using 1:2:(sprintf(\"%%.0f%%%%\\nn %%d\", "
		    "100*$3, int($4))):($5 == 0 && 100*$3 > %g ? 0xffffff : "
		    "$5 != 0 ? 0x777777 : 0x222222) with labels tc rgb "
		    "variable font \",%d\" notitle\n", 60 * top, font);
	else if (nfont != 0)
		fprintf(f, ", \\\n"
		    "     \"\" using 1:2:($5 != 0 ? sprintf(\"n %%d\", int($4)) "
		    ": sprintf(\"%%.0f%%%%\", 100*$3)):($5 == 0 && 100*$3 > "
		    "%g ? 0xffffff : $5 != 0 ? 0x777777 : 0x222222) with "
		    "labels tc rgb variable font \",%d\" notitle\n", 60 * top,
		    nfont);
	else
		fputc('\n', f);
}

static void
write_heatmap(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment_sum	*ms;
	FILE			*d = x->dat, *f = x->gp;
	double			 top = 0.05, rate, lm, cell;
	uint64_t		 n, nmax = 0;
	size_t			 k, v, longest = 0, mlong = 0, nchars;
	size_t			 nparts, per;
	int			 w, h, font, nfont, cells, part, y;
	char			 buf[32], *caption;

	x->c->title = xasprintf("Breach rate by %s", heat_columns(x));
	if (x->heat_period < 0)
		x->c->caption = xasprintf("Each cell is the share of a "
		    "moment's occurrences (rows, weakest on top) that were "
		    "breached among journeys with one value of %s (columns); "
		    "the darker, the more often it was late. n is the number "
		    "of occurrences in the cell; a grey cell has fewer than "
		    "%g (min-n), too few to compare, and is not on the colour "
		    "scale.%s", x->r->by, x->r->e->params.min_n,
		    x->nvalues < x->nvalues_all ?
		    " Only the most frequent values are shown." : "");
	else
		x->c->caption = xasprintf("Each cell is the share of a "
		    "moment's occurrences (rows, weakest on top) whose clock "
		    "started in one %s (columns, in time order) that were "
		    "breached; the darker, the more often it was late. n is "
		    "the number of occurrences in the cell; a grey cell has "
		    "fewer than %g (min-n), too few to compare, and is not on "
		    "the colour scale; a %s without occurrences is blank.%s",
		    x->heat_period ? "month" : "week", x->r->e->params.min_n,
		    x->heat_period ? "month" : "week",
		    x->nvalues < x->nvalues_all ? x->heat_period ?
		    " Only the latest 30 months are shown, one after another." :
		    " Only the latest 30 weeks are shown, one after another." :
		    "");
	dat_header(d, "col\trow\tbreach_rate\tn\tsmall\tvalue\tmoment");
	for (k = 0; k < s->n; k++) {
		ms = chart_msum(x, s->order[k]);
		if (chart_label_chars(ms->m->name, GP_LABEL_MAX) > mlong)
			mlong = chart_label_chars(ms->m->name, GP_LABEL_MAX);
		for (v = 0; v < x->nvalues; v++) {
			if (!chart_heat_cell(x, s->order[k], v, &n, &rate))
				continue;
			fprintf(d, "%zu\t%zu\t", v + 1, k + 1);
			dat_num(d, rate, 0);
			fprintf(d, "%llu\t%d\t", (unsigned long long)n,
			    (double)n < x->r->e->params.min_n);
			dat_text(d, x->values[v], 0);
			dat_text(d, ms->m->id, 1);
			if (rate > top)
				top = rate;
			if (n > nmax)
				nmax = n;
		}
	}
	top = ceil(top * 10) / 10;
	for (v = 0; v < x->nvalues; v++) {
		if (chart_label_chars(x->values[v], GP_LABEL_MAX) > longest)
			longest = chart_label_chars(x->values[v], GP_LABEL_MAX);
	}
	/*
	 * Parts of at most HEAT_PART_COLS columns, one under the other, so
	 * that a cell stays readable on A4; every part as wide as the first.
	 */
	nparts = (x->nvalues + HEAT_PART_COLS - 1) / HEAT_PART_COLS;
	if (nparts == 0)
		nparts = 1;
	per = (x->nvalues + nparts - 1) / nparts;
	w = 320 + 80 * (int)per;
	w = w < 700 ? 700 : w > 1400 ? 1400 : w;
	cells = s->n < 4 ? 184 : 46 * (int)s->n;	/* two lines of 10 points a row */
	part = cells + 44 + (int)(CHART_CHAR_PX * (double)longest);
	h = HEAT_TOP + (int)nparts * part;
	/*
	 * The labels in the cells fit the cells: the width a column has
	 * (the canvas less the moment names and the colour box) sets their
	 * font; too narrow for the rate and n, a coloured cell shows its
	 * rate and a grey one its n; narrower still, only grey cells' n.
	 */
	lm = gp_cells_px(0.9 * (double)mlong + 2);
	cell = ((double)w - lm - HEAT_RIGHT) / (double)per;
	nchars = (size_t)snprintf(buf, sizeof buf, "n %llu",
	    (unsigned long long)nmax);
	font = gp_cell_font(cell, nchars < 4 ? 4 : nchars);
	nfont = font != 0 ? font : gp_cell_font(cell, 4);
	if (font == 0) {
		caption = x->c->caption;
		x->c->caption = xasprintf("%s The columns are too narrow for "
		    "both figures: %s (heatmap.dat has every n).", caption,
		    nfont != 0 ? "a coloured cell shows its rate, a grey one its "
		    "n" : "the cells are not labelled");
		free(caption);
	}
	gp_begin(x, "the breach rate by breakdown value", w, h, 30);
	gp_title(x, "set multiplot title", x->c->title, 0);
	fprintf(f, "set yrange [%zu.5:0.5]\n"
	    "set cbrange [0:%g]\n"
	    "set format cb \"%%g%%%%\"\n"
	    "set palette defined (0 \"#ffffff\", 0.2 \"#fde4c4\", 0.5 "
	    "\"#f0a15c\", 1 \"#a50f15\")\n"
	    "set border 0\n"
	    "set tics scale 0\n"
	    "set lmargin at screen %.4f\n"
	    "set rmargin at screen %.4f\n", s->n, 100 * top, lm / w,
	    1 - HEAT_RIGHT / w);
	gp_moment_tics(x, "ytics", s->order, s->n, "", GP_LABEL_MAX);
	gp_label_tics(f, "xtics", "rotate by 90 right", x->values, x->nvalues,
	    GP_LABEL_MAX);
	fputs("set style fill solid 1.0 border lc rgb \"#ffffff\"\n", f);
	for (k = 0; k < nparts; k++) {
		y = HEAT_TOP + (int)k * part;
		fprintf(f, "set xrange [%zu.5:%zu.5]\n"
		    "set tmargin at screen %.4f\n"
		    "set bmargin at screen %.4f\n", k * per, (k + 1) * per,
		    1 - (double)y / h, 1 - (double)(y + cells) / h);
		heat_plot(x, font, nfont, top);
	}
	fputs("unset multiplot\n", f);
}

const struct chart_def chart_heatmap = {
	"heatmap", "the breach rate by breakdown value", want_heatmap,
    write_heatmap, why_not_heatmap
};
