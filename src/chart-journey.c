/*
 * chart-journey.c - the journey map: the mean score of each moment, in
 * journey order; docs/report.md says how to read it.
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

/* Longest moment name on the journey map's slanted labels. */
#define JOURNEY_LABEL	30

static size_t *
journey_order(const struct chart_ctx *x)
{
	const struct expectations	*e = x->r->e;
	size_t				*idx, i, j, n = 0;
	unsigned char			*done;

	idx = xcalloc(e->nmoments + 1, sizeof *idx);
	done = xcalloc(e->nmoments + 1, 1);
	for (i = 0; i < e->nmoments; i++) {
		if (done[i])
			continue;
		for (j = i; j < e->nmoments; j++) {
			if (!done[j] && strcmp(e->moments[j].stage,
			    e->moments[i].stage) == 0) {
				idx[n++] = j;
				done[j] = 1;
			}
		}
	}
	free(done);
	return (idx);
}

static void
write_journey(struct chart_ctx *x)
{
	const struct expectations	*e = x->r->e;
	const struct moment_sum		*ms;
	FILE				*d = x->dat, *f = x->gp;
	const char			*stage;
	char				*label;
	size_t				*idx, k, start, room;
	size_t				 longest = 0;
	double				 lm, per;
	int				 w;

	x->c->title = xstrdup("The journey as customers live it: mean score "
	    "of each moment, in journey order");
	x->c->caption = xstrdup("Moments in journey order (stage by stage, in "
	    "the order the expectations file gives them), with their mean "
	    "score from -1 (as late as can be) through 0 (exactly adequate) "
	    "to 1 (at once); the band runs from the 10th to the 90th "
	    "percentile of the scores. A red point is a moment that misses "
	    "its objective. Dips are where the journey hurts.");
	idx = journey_order(x);
	dat_header(d, "x\tscore_mean\tscore_p10\tscore_p90\tn\t"
	    "objective_missed\tbreach_rate\tstage\tid\tname");
	for (k = 0; k < e->nmoments; k++) {
		ms = chart_msum(x, idx[k]);
		fprintf(d, "%zu\t", k + 1);
		dat_num(d, ms->total.n > 0 ? ms->total.score_mean : NAN, 0);
		dat_num(d, ms->total.n > 0 ? ms->total.score_p10 : NAN, 0);
		dat_num(d, ms->total.n > 0 ? ms->total.score_p90 : NAN, 0);
		fprintf(d, "%llu\t%d\t", (unsigned long long)ms->total.n,
		    ms->total.objective_met == 0);
		dat_num(d, ms->total.breach_rate, 0);
		dat_text(d, ms->m->stage, 0);
		dat_text(d, ms->m->id, 0);
		dat_text(d, ms->m->name, 1);
	}
	for (k = 0; k < e->nmoments; k++) {
		if (chart_label_chars(e->moments[idx[k]].name,
		    JOURNEY_LABEL) > longest)
			longest = chart_label_chars(e->moments[idx[k]].name,
			    JOURNEY_LABEL);
	}
	w = 220 + 110 * (int)e->nmoments;
	w = w < 800 ? 800 : w > 1400 ? 1400 : w;
	/* room for "0.6 desired", the y label, and the first slanted name */
	lm = fmax(17, 0.85 * (double)chart_label_chars(e->moments[idx[0]].name,
	    JOURNEY_LABEL));
	gp_begin(x, "the journey map", w, 360 + 3 * (int)longest, 30);
	gp_title(x, "set title", x->c->title, 0);
	fprintf(f, "set xrange [0.5:%zu.5]\n"
	    "set yrange [-1.05:1.18]\n"
	    "set ytics (\"-1\" -1, \"-0.5\" -0.5, \"0 adequate\" 0, \"%.2g "
	    "desired\" %g, \"1\" 1)\n"
	    "set ylabel \"mean score\"\n"
	    "set bmargin %.0f\n"
	    "set lmargin at screen %.0f * cw\n"
	    "set rmargin at screen 1 - 3 * cw\n", e->nmoments,
	    e->params.desired_score, e->params.desired_score,
	    3 + 0.22 * (double)longest, lm);
	gp_moment_tics(x, "xtics", idx, e->nmoments, "rotate by 25 right",
	    JOURNEY_LABEL);
	fprintf(f, "set arrow 1 from graph 0, first 0 to graph 1, first 0 "
	    "nohead dt 2 lc rgb c_breached\n"
	    "set arrow 2 from graph 0, first %g to graph 1, first %g nohead "
	    "dt 2 lc rgb c_met\n", e->params.desired_score,
	    e->params.desired_score);
	/*
	 * Stages: a name above each run of moments, shortened to the run's
	 * width (the plot's, between the margins, shared by the moments),
	 * and a line between runs.
	 */
	per = ((double)w / CHART_CHAR_PX - lm - 3) / (double)e->nmoments;
	for (k = start = 0; k <= e->nmoments; k++) {
		if (k < e->nmoments && strcmp(e->moments[idx[k]].stage,
		    e->moments[idx[start]].stage) == 0)
			continue;
		stage = e->moments[idx[start]].stage;
		room = (size_t)fmax(4, per * (double)(k - start) - 2);
		label = fmt_shorten(*stage != '\0' ? stage : "(no stage)",
		    room, room / 3);
		fputs("set label ", f);
		gp_string(f, label, 0, 0);
		free(label);
		fprintf(f, " at %g, first 1.1 center textcolor rgb "
		    "\"#666666\"\n", (double)(start + k + 1) / 2);
		if (k < e->nmoments)
			fprintf(f, "set arrow from %zu.5, graph 0 to %zu.5, "
			    "graph 1 nohead lc rgb \"#bbbbbb\"\n", k, k);
		start = k;
	}
	fprintf(f, "set key below horizontal\n"
	    "set style fill solid 0.35 noborder\n"
	    "plot \"%s.dat\" using 1:3:4 with filledcurves fc rgb \"#8fb8de\" "
	    "title \"p10 to p90 of the scores\", \\\n"
	    "     \"\" using 1:2 with lines lw 2.5 lc rgb \"#1f4e79\" title "
	    "\"mean score\", \\\n"
	    "     \"\" using 1:2:($6 > 0 ? 0xc0392b : 0x1f4e79) with points "
	    "pt 7 ps 1.6 lc rgb variable notitle, \\\n"
	    "     \"\" using 1:2:(sprintf(\"%%.2f\", $2)) with labels offset "
	    "0,1.2 textcolor rgb c_ink notitle\n", x->c->name);
	free(idx);
}

const struct chart_def chart_journey = {
	"journey-map", "the journey map", chart_want_finished,
    write_journey, NULL
};
