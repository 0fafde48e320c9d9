/*
 * chart-weak.c - the weakest moments: the zone shares of each moment,
 * weakest on top; docs/report.md says how to read it.
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

/* The names' length on the dumb terminal. */
#define WEAK_DUMB_LABEL	20
#define WEAK_NONE	"no finished occurrence"

/*
 * The figures right of a moment's bar, as the script writes them (short:
 * the dumb terminal's form), into buf when there is one; returns its
 * characters.
 */
static size_t
weak_label(const struct cell_sum *c, int dumb, char *buf, size_t len)
{
	char	tmp[96];
	int	missed = c->objective_met == 0;

	if (buf == NULL) {
		buf = tmp;
		len = sizeof tmp;
	}
	if (c->n == 0)
		snprintf(buf, len, "%s", WEAK_NONE);
	else if (dumb)
		snprintf(buf, len, "%.1f%% of %llu%s", 100 * c->breach_rate,
		    (unsigned long long)c->n, missed ? ", missed" : "");
	else
		snprintf(buf, len, "n %llu, %.1f%% breached%s",
		    (unsigned long long)c->n, 100 * c->breach_rate,
		    missed ? ", objective missed" : "");
	return (strlen(buf));
}

static void
write_weak(struct chart_ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment_sum	*ms;
	const struct cell_sum	*c;
	FILE			*d = x->dat, *f = x->gp;
	size_t			 k, len, ly, lr;
	int			 w, h;

	x->c->title = xstrdup("Weakest moments first: how often each was "
	    "met, tolerated or breached");
	x->c->caption = xstrdup("Each bar is one moment, weakest (highest "
	    "priority) on top, split into the shares of its scored "
	    "occurrences that were met (within desired, green), tolerated "
	    "(between desired and adequate, amber) and breached (beyond "
	    "adequate, red). The black mark is the objective: the largest "
	    "breached share it allows. n is the number of scored "
	    "occurrences (closed, and open or ended past adequate).");
	dat_header(d, "rank\tbreached\ttolerated\tmet\tn\tbreach_rate\t"
	    "breach_rate_ci_low\tbreach_rate_ci_high\tobjective_max_breached\t"
	    "objective_missed\tpriority\tid\tname");
	for (k = 0; k < s->n; k++) {
		ms = chart_msum(x, s->order[k]);
		c = &ms->total;
		fprintf(d, "%zu\t", k + 1);
		dat_num(d, c->breach_rate, 0);
		dat_num(d, c->tolerated_rate, 0);
		dat_num(d, c->met_rate, 0);
		fprintf(d, "%llu\t", (unsigned long long)c->n);
		dat_num(d, c->breach_rate, 0);
		dat_num(d, c->n > 0 ? c->ci_lo : NAN, 0);
		dat_num(d, c->n > 0 ? c->ci_hi : NAN, 0);
		dat_num(d, ms->m->objective > 0 ? 1 - ms->m->objective : NAN, 0);
		fprintf(d, "%d\t", c->objective_met == 0);
		dat_num(d, ms->priority, 0);
		dat_text(d, ms->m->id, 0);
		dat_text(d, ms->m->name, 1);
	}
	/*
	 * Laid out from the labels: the names on the left and the figures on
	 * the right of the bars get the characters they need (cw, from
	 * gp_begin); the bars take [0:1] of what is left. The dumb terminal
	 * gets shorter names and figures.
	 */
	lr = 0;
	for (k = 0; k < s->n; k++) {
		c = &chart_msum(x, s->order[k])->total;
		if ((len = weak_label(c, 0, NULL, 0)) > lr)
			lr = len;
	}
	for (k = 0, ly = 0; k < s->n; k++)
		if ((len = chart_label_chars(chart_msum(x, k)->m->name,
		    GP_LABEL_MAX)) > ly)
			ly = len;
	w = (int)(CHART_CHAR_PX * (double)(ly + lr + 6)) + 450;
	h = 110 + 44 * (int)s->n;
	gp_begin(x, "the weakest moments", w < 1000 ? 1000 : w,
	    h < 240 ? 240 : h, 10 + 4 * (int)s->n);
	gp_title(x, "set title", x->c->title, 0);
	fprintf(f, "set yrange [%zu.6:0.4]\n"
	    "set xtics (\"0%%%%\" 0, \"25%%%%\" 0.25, \"50%%%%\" 0.5, "
	    "\"75%%%%\" 0.75, \"100%%%%\" 1)\n", s->n);
	ly = gp_moment_tics(x, "ytics", s->order, s->n, "scale 0",
	    GP_LABEL_MAX);
	fprintf(f, "ly = %zu; lr = %zu\n"
	    "if (fmt eq \"dumb\") {\n\t", ly, lr);
	ly = gp_moment_tics(x, "ytics", s->order, s->n, "scale 0",
	    WEAK_DUMB_LABEL);
	lr = 0;
	for (k = 0; k < s->n; k++) {
		c = &chart_msum(x, s->order[k])->total;
		if ((len = weak_label(c, 1, NULL, 0)) > lr)
			lr = len;
	}
	fprintf(f, "\tly = %zu; lr = %zu\n}\n", ly, lr);
	fputs("set lmargin at screen (ly + 2) * cw\n"
	    "set rmargin at screen 1 - 2 * cw\n"
	    "pw = 1 - (ly + 4) * cw\n"
	    "bw = pw - (lr + 2) * cw\n"
	    "set xrange [0:(bw > pw / 3 ? pw / bw : 3)]\n", f);
	gp_key_below(x, 4, 2, 1.5);
	fprintf(f, "set style fill solid 1.0 border lc rgb \"#ffffff\"\n"
	    "plot \"%s.dat\" using ($2/2):1:($2/2):(0.36) with boxxyerror "
	    "fc rgb c_breached title \"breached (beyond adequate)\", \\\n"
	    "     \"\" using ($2+$3/2):1:($3/2):(0.36) with boxxyerror "
	    "fc rgb c_tolerated title \"tolerated\", \\\n"
	    "     \"\" using ($2+$3+$4/2):1:($4/2):(0.36) with boxxyerror "
	    "fc rgb c_met title \"met (within desired)\", \\\n", x->c->name);
	/* The objective marks only when one is set: no all-NaN column. */
	for (k = 0; k < s->n && chart_msum(x, k)->m->objective <= 0; k++)
		;
	if (k < s->n)
		fputs("     \"\" using 9:($1-0.46):(0):(0.92) with vectors "
		    "nohead lw 3 lc rgb \"#000000\" title \"objective: most "
		    "breached allowed\", \\\n", f);
	/* The figures on the right: weak_label's two forms, in gnuplot. */
	fprintf(f, "     \"\" using (1):1:($5 <= 0 ? \"%s\" : "
	    "fmt eq \"dumb\" ? sprintf(\"%%.1f%%%% of %%d%%s\", 100*$6, "
	    "int($5), $10 > 0 ? \", missed\" : \"\") : "
	    "sprintf(\"n %%d, %%.1f%%%% breached%%s\", int($5), 100*$6, "
	    "$10 > 0 ? \", objective missed\" : \"\")):"
	    "($10 > 0 ? 0xc0392b : 0x333333) with labels left tc rgb "
	    "variable offset char 1,0 notitle\n", WEAK_NONE);
}

const struct chart_def chart_weak = {
	"weak-moments", "the weakest moments", chart_want_finished,
    write_weak, NULL
};
