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

	x->width = w;
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
	    "\tif (!exists(\"cols\")) { cols = %d }\n"
	    "\tset terminal dumb size cols,%d noenhanced\n}\n", DUMB_COLS,
	    dumb_rows);
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
	fprintf(f, "# cw: a character's width as a share of the canvas, "
	    "for margins.\n"
	    "if (fmt eq \"dumb\") { cw = 1.0 / cols } else { cw = %.5f }\n",
	    CHART_CHAR_PX / w);
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
gp_title(struct chart_ctx *x, const char *cmd, const char *title, int w)
{
	gp_title_fit(x->gp, cmd, title, w > 0 ? w : x->width);
}

/* The characters a label takes on a chart, at most max. */
size_t
chart_label_chars(const char *s, size_t max)
{
	size_t	n = utf8_chars(s);

	return (n < max ? n : max);
}

/* Tics naming the moments idx[0..n) at 1..n, each at most max characters. */
size_t
gp_moment_tics(struct chart_ctx *x, const char *axis, const size_t *idx,
    size_t n, const char *opts, size_t max)
{
	const char	**names;
	size_t		  k, longest;

	names = xcalloc(n + 1, sizeof *names);
	for (k = 0; k < n; k++)
		names[k] = x->r->e->moments[idx[k]].name;
	longest = gp_label_tics(x->gp, axis, opts, names, n, max);
	free(names);
	return (longest);
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

/* The characters of a line of text across w canvas pixels. */
static size_t
line_chars(int w)
{
	double	c = (double)w / CELL_PX / LABEL_CELLS - 4;

	return (c < 20 ? 20 : (size_t)c);
}

size_t
gp_title_fit(FILE *f, const char *cmd, const char *title, int w)
{
	size_t	 width = line_chars(w), lines = 1, k, n, brk;
	char	*t = fmt_label_clean(title), *p, save;

	fprintf(f, "%s ", cmd);
	p = t;
	while (utf8_chars(p) > width) {
		/* Break at the last space that fits, else at width characters. */
		brk = 0;
		for (k = n = 0; p[k] != '\0'; k++) {
			if (UTF8_START(p[k]) && n++ == width)
				break;
			if (p[k] == ' ' && k > 0)
				brk = k;
		}
		if (brk == 0)
			brk = k;
		save = p[brk];
		p[brk] = '\0';
		gp_string(f, p, 0, 0);
		fputs(" . \"\\n\" . ", f);
		p[brk] = save;
		p += brk + (save == ' ');
		lines++;
	}
	gp_string(f, p, 0, 0);
	fputc('\n', f);
	free(t);
	return (lines);
}

size_t
gp_label_tics(FILE *f, const char *axis, const char *opts,
    const char *const *names, size_t n, size_t max)
{
	char	**l;
	size_t	  k, len, longest = 0;

	l = fmt_labels(names, n, max);
	fprintf(f, "set %s %s (", axis, opts);
	for (k = 0; k < n; k++) {
		if (k > 0)
			fputs(", ", f);
		gp_string(f, l[k], 0, 1);
		fprintf(f, " %zu", k + 1);
		if ((len = utf8_chars(l[k])) > longest)
			longest = len;
	}
	fputs(")\n", f);
	xfree_strings(l, n);
	return (longest);
}

/* The width of the dumb terminal: $COLUMNS, else the terminal's, else DUMB_COLS, within bounds. */
int
chart_dumb_cols(const char *columns, int tty)
{
	char	*end;
	long	 n = -1;

	if (columns != NULL && *columns != '\0') {
		n = strtol(columns, &end, 10);
		if (*end != '\0' || n <= 0)
			n = -1;
	}
	if (n < 0)
		n = tty > 0 ? tty : DUMB_COLS;
	if (n < DUMB_COLS_MIN)
		n = DUMB_COLS_MIN;
	if (n > DUMB_COLS_MAX)
		n = DUMB_COLS_MAX;
	return ((int)n);
}

/* The canvas pixels cells character cells take (SVG, the widest). */
double
gp_cells_px(double cells)
{
	return (cells * CELL_PX);
}

/*
 * The font size, 10 points down to 6, at which a label of chars characters
 * (digits, "%" and "n ") fits a cell px pixels wide with 3 pixels either
 * side; 0 when none does. Such a character takes up to DIGIT_PX pixels a
 * point (measured on pngcairo's Sans, the widest: "100%" at 9 points is
 * 34 pixels, and a margin).
 */
#define DIGIT_PX	1.0
int
gp_cell_font(double px, size_t chars)
{
	int	pt;

	for (pt = 10; pt >= 6; pt--) {
		if ((double)chars * DIGIT_PX * pt + 6 <= px)
			return (pt);
	}
	return (0);
}

/*
 * The key under the plot, in columns of at most entries / cols rows (a
 * vertical key: gnuplot keeps its rows, where a horizontal one may take
 * more when the plot is narrow), with above rows (of text heights) left
 * for the x tics and label between: the bottom margin is made for both,
 * so the key never covers them.
 */
void
gp_key_below(struct chart_ctx *x, size_t entries, size_t cols, double above)
{
	size_t	rows = cols == 0 ? 1 : (entries + cols - 1) / cols;

	if (rows == 0)
		rows = 1;
	fprintf(x->gp, "set bmargin %.1f\n"
	    "set key at screen 0.5, screen 0.01 center bottom vertical "
	    "maxrows %zu\n"
	    "if (fmt eq \"dumb\") { set bmargin; set key below horizontal "
	    "maxrows auto }\n", above + 1.3 * (double)rows + 0.5, rows);
}
