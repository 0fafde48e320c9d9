/*
 * chart-layout.c - what every chart's files share: the columns of a .dat
 * file, the opening of a gnuplot script (terminals, colours, the folder it
 * runs in), titles and tics. Text from the input reaches a script only
 * through gp_string.
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
#include "xmalloc.h"


void
dat_header(FILE *f, const char *cols)
{
	fprintf(f, "# %s\n", cols);
}

void
dat_num(FILE *f, double v, int last)
{
	gp_num(f, v);
	fputc(last ? '\n' : '\t', f);
}

void
dat_text(FILE *f, const char *s, int last)
{
	gp_datfield(f, s);
	fputc(last ? '\n' : '\t', f);
}

/* The opening of every script: where it runs, its terminal, the colours. */
void
gp_begin(struct chart_ctx *x, const char *about, int w, int h, int dumb_rows)
{
	FILE		*f = x->gp;
	const char	*n = x->c->name;

	fprintf(f, "# %s.gp - %s, drawn by mot %s.\n", n, about,
	    PACKAGE_VERSION);
	fprintf(f, "# Draw it again from any folder with: gnuplot "
	    "path/to/%s.gp\n", n);
	fprintf(f, "# (it writes %s.%s beside this script). Another format: "
	    "gnuplot -e 'fmt=\"svg\"' %s.gp\n", n, x->deffmt, n);
	fprintf(f, "# (png, svg or pdf; dumb prints it on the terminal). "
	    "The numbers are in %s.dat:\n", n);
	fprintf(f, "# tab-separated columns, named on its first line.\n\n");
	fprintf(f, "if (!exists(\"fmt\")) fmt = \"%s\"\n", x->deffmt);
	fprintf(f, "if (!exists(\"out\")) out = \"%s.\" . fmt\n", n);
	fprintf(f, "here = \"\"\n"
	    "if (exists(\"ARG0\")) { do for [i = strlen(ARG0):1:-1] { "
	    "if (here eq \"\" && ARG0[i:i] eq \"/\") { here = ARG0[1:i] } } }\n"
	    "if (here ne \"\") { cd here }\n");
	fprintf(f, "if (fmt eq \"svg\") {\n"
	    "\tset terminal svg size %d,%d font \"Sans,12\" noenhanced "
	    "background \"#ffffff\"\n}\n", w, h);
	fprintf(f, "if (fmt eq \"pdf\") {\n"
	    "\tset terminal pdfcairo size %.2fin,%.2fin font \"Sans,8\" "
	    "noenhanced\n}\n", w / 100.0, h / 100.0);
	fprintf(f, "if (fmt eq \"dumb\") {\n"
	    "\tset terminal dumb size 100,%d noenhanced\n}\n", dumb_rows);
	fprintf(f, "if (fmt ne \"svg\" && fmt ne \"pdf\" && fmt ne \"dumb\") "
	    "{\n"
	    "\tif (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
	    "\t\tset terminal pngcairo size %d,%d font \"Sans,10\" "
	    "noenhanced background \"#ffffff\"\n"
	    "\t} else {\n"
	    "\t\tset terminal png size %d,%d noenhanced background "
	    "\"#ffffff\"\n"
	    "\t}\n"
	    "}\n", w, h, w, h);
	fprintf(f, "if (fmt ne \"dumb\") { set output out }\n"
	    "set termoption noenhanced\n"
	    "set encoding utf8\n"
	    "set datafile separator \"\\t\"\n"
	    "c_met = \"%s\"; c_tolerated = \"%s\"; c_breached = \"%s\"; "
	    "c_ink = \"%s\"\n"
	    "set border 3 lc rgb \"#888888\"\n"
	    "set tics nomirror textcolor rgb c_ink\n"
	    "set key textcolor rgb c_ink\n\n", C_MET, C_TOLERATED,
	    C_BREACHED, C_INK);
}

void
gp_title(FILE *f, const char *cmd, const char *title)
{
	fprintf(f, "%s ", cmd);
	gp_string(f, title, 0, 0);
	fputc('\n', f);
}

/* The characters a label takes on a chart, at most max. */
size_t
chart_label_chars(const char *s, size_t max)
{
	size_t	n = utf8_chars(s);

	return (n < max ? n : max);
}

/* Tics naming the moments idx[0..n) at 1..n, each at most max characters. */
void
gp_moment_tics(struct chart_ctx *x, const char *axis, const size_t *idx,
    size_t n,
    const char *opts, size_t max)
{
	size_t	k;

	fprintf(x->gp, "set %s %s (", axis, opts);
	for (k = 0; k < n; k++) {
		if (k > 0)
			fputs(", ", x->gp);
		gp_string(x->gp, x->r->e->moments[idx[k]].name, max, 1);
		fprintf(x->gp, " %zu", k + 1);
	}
	fputs(")\n", x->gp);
}

/* Period tics on x, at most about 14 labels. */
void
gp_period_tics(struct chart_ctx *x, int64_t first, int64_t last,
    const char *opts)
{
	char	label[32];
	int64_t	k, step;

	step = (last - first) / 14 + 1;
	fprintf(x->gp, "set xtics %s (", opts);
	for (k = first; k <= last; k += step) {
		chart_period_label(x, k, label, sizeof label);
		if (k > first)
			fputs(", ", x->gp);
		gp_string(x->gp, label, 0, 1);
		fprintf(x->gp, " %lld", (long long)(k - first));
	}
	fputs(")\n", x->gp);
}

