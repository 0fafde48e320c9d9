/*
 * chart.c - the charts of a run. Each chart is three files in DIR/charts: its
 * numbers (NAME.dat, tab-separated, a header line), a gnuplot script
 * (NAME.gp) that draws them and runs again on its own, and the picture. The
 * scripts hold text from the input only as gp_string literals, and only in
 * titles, labels and tics; the data files hold it only as their last
 * columns, for people, never read by the scripts. File names are mot's own.
 * docs/report.md says what each chart shows and how.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "chart.h"
#include "exitcode.h"
#include "fmt.h"
#include "gnuplot.h"
#include "isotime.h"
#include "log.h"
#include "report.h"
#include "stats.h"
#include "xmalloc.h"

/* The weakest moments drawn in the trend chart. */
#define TREND_MOMENTS	3
/* Breakdown values in the heatmap, and in a moment's chart row. */
#define HEAT_VALUES	30
#define ROW_VALUES	12
/* Longest moment name on the journey map's slanted labels. */
#define JOURNEY_LABEL	30
/* Largest SVG read back for report.html. */
#define SVG_MAX		(32 * 1024 * 1024)
/* gnuplot processes run at once. */
#define JOBS_MAX	4
/* Failures told one by one before a count takes over. */
#define FAILS_SHOWN	3

/* The colours of the zones, also named in every script. */
#define C_MET		"#3a9d5d"
#define C_TOLERATED	"#e8a33d"
#define C_BREACHED	"#c0392b"
#define C_INK		"#333333"

struct ctx {
	const struct report	*r;
	struct chart		*c;
	FILE			*dat;
	FILE			*gp;
	const char		*deffmt;	/* when the script runs alone */
	size_t			 mi;		/* a moment chart's moment */
	int			 monthly;
	int			 have_periods;
	int64_t			 pfirst, plast;	/* every moment's periods */
	const char		**values;	/* heatmap columns */
	size_t			 nvalues;
	size_t			 nvalues_all;
};

struct chart_def {
	const char	*name;		/* NULL: one per moment */
	const char	*about;		/* for the script's first line */
	int		(*want)(struct ctx *);
	void		(*write)(struct ctx *);
};

static const char *
fmt_ext(unsigned fmt)
{
	switch (fmt) {
	case CHART_SVG:
		return ("svg");
	case CHART_PDF:
		return ("pdf");
	case CHART_DUMB:
		return ("dumb");
	default:
		return ("png");
	}
}

int
charts_parse(const char *list, unsigned *formats)
{
	char		*copy, *tok, *save;
	int		 rc = 0;

	*formats = 0;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "png") == 0)
			*formats |= CHART_PNG;
		else if (strcmp(tok, "svg") == 0)
			*formats |= CHART_SVG;
		else if (strcmp(tok, "pdf") == 0)
			*formats |= CHART_PDF;
		else if (strcmp(tok, "dumb") == 0)
			*formats |= CHART_DUMB;
		else if (strcmp(tok, "none") != 0)
			rc = -1;
	}
	free(copy);
	return (rc);
}

/* Moments, data and periods */

static const struct moment_sum *
msum(const struct ctx *x, size_t i)
{
	return (&x->r->s->ms[i]);
}

/* The elapsed times on a moment's own clock (kept as calendar time when both are the same). */
static struct sketch *
own_sketch(const struct ctx *x, size_t i)
{
	struct cell	*c = &x->r->a->m[i].total;

	return (agg_same_clock(&x->r->e->moments[i]) ? &c->elapsed :
	    &c->business);
}

/* The times so far of a moment's open and ended occurrences, on its own clock: the censored. */
static struct sketch *
own_cens(const struct ctx *x, size_t i)
{
	struct cell	*c = &x->r->a->m[i].total;

	return (agg_same_clock(&x->r->e->moments[i]) ? &c->elapsed_cens :
	    &c->business_cens);
}

/* The own-clock Kaplan-Meier q-quantile of a moment, in seconds (NaN when not reached): what its zone is judged on. */
static double
own_q(const struct ctx *x, size_t i, double q)
{
	double	t;

	sketch_km_quantile(own_sketch(x, i), own_cens(x, i), q, &t);
	return (t);
}

/* The longest own-clock time of a moment seen, stopped or not, in seconds. */
static double
own_max(const struct ctx *x, size_t i)
{
	int	censored;

	return (sketch_km_longest(own_sketch(x, i), own_cens(x, i), &censored));
}

static const struct periods *
periods_of(const struct ctx *x, size_t i)
{
	return (summary_periods(x->r->s, i, x->monthly));
}

static void
period_label(const struct ctx *x, int64_t k, char *buf, size_t size)
{
	struct periods	p;

	memset(&p, 0, sizeof p);
	p.first = k;
	agg_period_label(&p, x->monthly, 0, buf, size);
}

/* How a period is drawn: filled, or hollow with its n (these bits set). */
#define MARK_INCOMPLETE	1
#define MARK_SMALL	2

/*
 * Write period k of moment i as four columns: breach rate, n, open and
 * its mark (MARK_* bits; 0: drawn like any other). Returns the rate.
 */
static double
period_cols(const struct ctx *x, size_t i, int64_t k, FILE *d)
{
	struct period_sum	ps;

	summary_period(x->r->s, periods_of(x, i), k, &ps);
	fputc('\t', d);
	gp_num(d, ps.breach_rate);
	fprintf(d, "\t%llu\t%llu\t%d", (unsigned long long)ps.n,
	    (unsigned long long)ps.open, (ps.incomplete ? MARK_INCOMPLETE : 0) |
	    (ps.small ? MARK_SMALL : 0));
	return (ps.breach_rate);
}

static uint64_t
p_max(const struct ctx *x)
{
	return (x->monthly ? PERIODS_MONTHS : PERIODS_WEEKS);
}

static void
periods_init(struct ctx *x)
{
	const struct agg	*a = x->r->a;
	const struct periods	*p;
	size_t			 i;

	x->monthly = summary_monthly(a);
	for (i = 0; i < x->r->e->nmoments; i++) {
		p = periods_of(x, i);
		if (p->n == 0)
			continue;
		if (!x->have_periods || p->first < x->pfirst)
			x->pfirst = p->first;
		if (!x->have_periods ||
		    p->first + (int64_t)p->n - 1 > x->plast)
			x->plast = p->first + (int64_t)p->n - 1;
		x->have_periods = 1;
	}
	/* As many periods as a moment keeps, the latest: the same bound. */
	if (x->have_periods && (uint64_t)(x->plast - x->pfirst) >= p_max(x))
		x->pfirst = x->plast - (int64_t)p_max(x) + 1;
}

static int
value_cmp(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

struct value_n {
	const char	*value;
	uint64_t	 n;
};

static int
value_n_cmp(const void *a, const void *b)
{
	const struct value_n	*x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (strcmp(x->value, y->value));
}

/* The breakdown values of the heatmap: the most frequent, in byte order. */
static void
values_init(struct ctx *x)
{
	const struct summary	*s = x->r->s;
	struct value_n		*v = NULL;
	size_t			 i, k, j, n = 0, cap = 0;

	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->ms[i].nby; k++) {
			for (j = 0; j < n; j++) {
				if (strcmp(v[j].value, s->ms[i].by[k].value) == 0)
					break;
			}
			if (j == n) {
				if (n == cap) {
					cap = cap == 0 ? 16 : cap * 2;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[n].value = s->ms[i].by[k].value;
				v[n++].n = 0;
			}
			v[j].n += s->ms[i].by[k].n;
		}
	}
	if (n > 1)	/* v is NULL when there is no value */
		qsort(v, n, sizeof *v, value_n_cmp);
	x->nvalues_all = n;
	x->nvalues = n > HEAT_VALUES ? HEAT_VALUES : n;
	x->values = xcalloc(x->nvalues + 1, sizeof *x->values);
	for (i = 0; i < x->nvalues; i++)
		x->values[i] = v[i].value;
	qsort(x->values, x->nvalues, sizeof *x->values, value_cmp);
	free(v);
}

static const struct cell_sum *
by_cell(const struct moment_sum *ms, const char *value)
{
	size_t	lo = 0, hi = ms->nby, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(value, ms->by[mid].value)) == 0)
			return (&ms->by[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/* NPS of a group of survey answers with its 95% interval, in points (stats.c). */
static int
nps_interval_of(const struct survey *sv, double *nps, double *lo, double *hi)
{
	if (sv->nps_n == 0)
		return (-1);
	nps_interval(sv->promoters, sv->detractors, sv->nps_n, nps, lo, hi);
	return (0);
}

/* Writing the files */

static void
dat_header(FILE *f, const char *cols)
{
	fprintf(f, "# %s\n", cols);
}

static void
dat_num(FILE *f, double v, int last)
{
	gp_num(f, v);
	fputc(last ? '\n' : '\t', f);
}

static void
dat_text(FILE *f, const char *s, int last)
{
	gp_datfield(f, s);
	fputc(last ? '\n' : '\t', f);
}

/* The opening of every script: where it runs, its terminal, the colours. */
static void
gp_begin(struct ctx *x, const char *about, int w, int h, int dumb_rows)
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

static void
gp_title(FILE *f, const char *cmd, const char *title)
{
	fprintf(f, "%s ", cmd);
	gp_string(f, title, 0, 0);
	fputc('\n', f);
}

/* The characters a label takes on a chart, at most max. */
static size_t
label_chars(const char *s, size_t max)
{
	size_t	n = utf8_chars(s);

	return (n < max ? n : max);
}

/* Tics naming the moments idx[0..n) at 1..n, each at most max characters. */
static void
gp_moment_tics(struct ctx *x, const char *axis, const size_t *idx, size_t n,
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
static void
gp_period_tics(struct ctx *x, int64_t first, int64_t last, const char *opts)
{
	char	label[32];
	int64_t	k, step;

	step = (last - first) / 14 + 1;
	fprintf(x->gp, "set xtics %s (", opts);
	for (k = first; k <= last; k += step) {
		period_label(x, k, label, sizeof label);
		if (k > first)
			fputs(", ", x->gp);
		gp_string(x->gp, label, 0, 1);
		fprintf(x->gp, " %lld", (long long)(k - first));
	}
	fputs(")\n", x->gp);
}

/*
 * A chart of the moments needs one that finished at least once: without,
 * every number it would draw is NaN (gnuplot 5.4 crashes on such a journey
 * map), so it is left out and the report says why.
 */
static int
want_finished(struct ctx *x)
{
	size_t	i;

	for (i = 0; i < x->r->s->n; i++) {
		if (msum(x, i)->total.n > 0)
			return (1);
	}
	return (0);
}

/* 1. weak-moments: zone shares per moment, weakest on top */

static void
write_weak(struct ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment_sum	*ms;
	const struct cell_sum	*c;
	FILE			*d = x->dat, *f = x->gp;
	size_t			 k;
	int			 h;

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
		ms = msum(x, s->order[k]);
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
	h = 110 + 44 * (int)s->n;
	gp_begin(x, "the weakest moments", 1000, h < 240 ? 240 : h,
	    10 + 4 * (int)s->n);
	gp_title(f, "set title", x->c->title);
	fprintf(f, "set xrange [0:1.65]\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set xtics (\"0%%%%\" 0, \"25%%%%\" 0.25, \"50%%%%\" 0.5, "
	    "\"75%%%%\" 0.75, \"100%%%%\" 1)\n", s->n);
	gp_moment_tics(x, "ytics", s->order, s->n, "scale 0", GP_LABEL_MAX);
	fprintf(f, "set key below horizontal\n"
	    "set style fill solid 1.0 border lc rgb \"#ffffff\"\n"
	    "plot \"%s.dat\" using ($2/2):1:($2/2):(0.36) with boxxyerror "
	    "fc rgb c_breached title \"breached (beyond adequate)\", \\\n"
	    "     \"\" using ($2+$3/2):1:($3/2):(0.36) with boxxyerror "
	    "fc rgb c_tolerated title \"tolerated\", \\\n"
	    "     \"\" using ($2+$3+$4/2):1:($4/2):(0.36) with boxxyerror "
	    "fc rgb c_met title \"met (within desired)\", \\\n", x->c->name);
	/* The objective marks only when one is set: no all-NaN column. */
	for (k = 0; k < s->n && msum(x, k)->m->objective <= 0; k++)
		;
	if (k < s->n)
		fputs("     \"\" using 9:($1-0.46):(0):(0.92) with vectors "
		    "nohead lw 3 lc rgb \"#000000\" title \"objective: most "
		    "breached allowed\", \\\n", f);
	fprintf(f, "     \"\" using (1.02):1:($5 > 0 ? sprintf(\"n %%d, "
	    "%%.1f%%%% breached%%s\", int($5), 100*$6, $10 > 0 ? \", objective missed\" "
	    ": \"\") : \"no finished occurrence\"):($10 > 0 ? 0xc0392b : "
	    "0x333333) with labels left tc rgb variable notitle\n");
}

/* 2. elapsed: the own-clock distribution against the zone of tolerance */

static void
write_elapsed(struct ctx *x)
{
	const struct summary	*s = x->r->s;
	const struct moment	*m;
	const struct moment_sum	*ms;
	FILE			*d = x->dat, *f = x->gp;
	double			 a, dd, q[6], lo = 1, hi = 2;
	char			 p90[48], ad[48];
	size_t			 k, j, i;
	int			 h;

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
	    "than 10% still running).");
	dat_header(d, "rank\tdesired_rel\tp10_rel\tp50_rel\tp90_rel\tp95_rel\t"
	    "max_rel\tdesired_s\tadequate_s\tp10_s\tp50_s\tp90_s\tp95_s\t"
	    "max_s\tclock\tid\tname");
	for (k = 0; k < s->n; k++) {
		i = s->order[k];
		ms = msum(x, i);
		m = ms->m;
		a = (double)m->adequate.us / 1e6;
		dd = (double)m->desired.us / 1e6;
		q[0] = own_q(x, i, 0.10);
		q[1] = own_q(x, i, 0.50);
		q[2] = own_q(x, i, 0.90);
		q[3] = own_q(x, i, 0.95);
		q[4] = own_max(x, i);
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
	h = 110 + 44 * (int)s->n;
	gp_begin(x, "elapsed time against the zone of tolerance", 1000,
	    h < 240 ? 240 : h, 8 + 3 * (int)s->n);
	gp_title(f, "set title", x->c->title);
	fprintf(f, "xmin = %g; xmax = %g\n"
	    "clip(v) = v < xmin ? xmin : v\n"
	    "set logscale x 10\n"
	    "set xrange [xmin:xmax]\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set format x \"%%g\"\n"
	    "set xlabel \"elapsed time / adequate time (log scale; 1 = "
	    "adequate)\"\n"
	    "set rmargin 32\n", lo, hi, s->n);
	gp_moment_tics(x, "ytics", s->order, s->n, "scale 0", GP_LABEL_MAX);
	for (k = 0; k < s->n; k++) {
		i = s->order[k];
		ms = msum(x, i);
		m = ms->m;
		if (ms->total.n == 0)
			continue;
		fmt_duration(p90, sizeof p90, fmt_sig(own_q(x, i, 0.90),
		    QUANTILE_DIGITS), agg_clock(m));
		fmt_duration(ad, sizeof ad, (double)m->adequate.us / 1e6,
		    agg_clock(m));
		fprintf(f, "set label %zu \"%s%s, adequate %s\" at graph "
		    "1.02, first %zu left textcolor rgb c_ink\n", k + 1,
		    isnan(own_q(x, i, 0.90)) ? "over 10% running" : "p90 ",
		    isnan(own_q(x, i, 0.90)) ? "" : p90, ad, k + 1);
	}
	fprintf(f, "set arrow 1 from 1, graph 0 to 1, graph 1 nohead lw 2 "
	    "lc rgb c_breached front\n"
	    "set key below horizontal\n"
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

/* 3. journey-map: mean score of each moment, in journey order */

static size_t *
journey_order(const struct ctx *x)
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
write_journey(struct ctx *x)
{
	const struct expectations	*e = x->r->e;
	const struct moment_sum		*ms;
	FILE				*d = x->dat, *f = x->gp;
	size_t				*idx, k, start, longest = 0;
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
		ms = msum(x, idx[k]);
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
		if (label_chars(e->moments[idx[k]].name, JOURNEY_LABEL) > longest)
			longest = label_chars(e->moments[idx[k]].name,
			    JOURNEY_LABEL);
	}
	w = 220 + 110 * (int)e->nmoments;
	gp_begin(x, "the journey map", w < 800 ? 800 : w > 1400 ? 1400 : w,
	    360 + 3 * (int)longest, 30);
	gp_title(f, "set title", x->c->title);
	fprintf(f, "set xrange [0.5:%zu.5]\n"
	    "set yrange [-1.05:1.18]\n"
	    "set ytics (\"-1\" -1, \"-0.5\" -0.5, \"0 adequate\" 0, \"%.2g "
	    "desired\" %g, \"1\" 1)\n"
	    "set ylabel \"mean score\"\n"
	    "set bmargin %.0f\n"
	    "set lmargin %.0f\n", e->nmoments, e->params.desired_score,
	    e->params.desired_score, 3 + 0.22 * (double)longest,
	    fmax(12, 0.85 * (double)label_chars(e->moments[idx[0]].name,
	    JOURNEY_LABEL)));
	gp_moment_tics(x, "xtics", idx, e->nmoments, "rotate by 25 right",
	    JOURNEY_LABEL);
	fprintf(f, "set arrow 1 from graph 0, first 0 to graph 1, first 0 "
	    "nohead dt 2 lc rgb c_breached\n"
	    "set arrow 2 from graph 0, first %g to graph 1, first %g nohead "
	    "dt 2 lc rgb c_met\n", e->params.desired_score,
	    e->params.desired_score);
	/* Stages: a name above each run of moments, a line between runs. */
	for (k = start = 0; k <= e->nmoments; k++) {
		if (k < e->nmoments && strcmp(e->moments[idx[k]].stage,
		    e->moments[idx[start]].stage) == 0)
			continue;
		fputs("set label ", f);
		gp_string(f, *e->moments[idx[start]].stage != '\0' ?
		    e->moments[idx[start]].stage : "(no stage)", 30, 0);
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

/* 4. trend: breach rate per period of the weakest moments */

static size_t
trend_moments(const struct ctx *x, size_t *pick)
{
	const struct summary	*s = x->r->s;
	size_t			 k, n = 0;

	for (k = 0; k < s->n && n < TREND_MOMENTS; k++) {
		if (s->ms[s->order[k]].total.n > 0 &&
		    periods_of(x, s->order[k])->n > 0)
			pick[n++] = s->order[k];
	}
	return (n);
}

static int
want_trend(struct ctx *x)
{
	size_t	pick[TREND_MOMENTS];

	return (x->have_periods && trend_moments(x, pick) > 0);
}

static const char *const trend_colours[TREND_MOMENTS] = {
	C_BREACHED, "#1f77b4", "#7f7f7f"
};

static void
write_trend(struct ctx *x)
{
	const struct expectations	*e = x->r->e;
	FILE				*d = x->dat, *f = x->gp;
	size_t				 pick[TREND_MOMENTS], n, j;
	double				 rate, top = 0.1;
	char				 label[32];
	int64_t				 k;
	int				 w, c;

	n = trend_moments(x, pick);
	x->c->title = xasprintf("Breach rate per %s of start of the weakest "
	    "moments", x->monthly ? "month" : "week");
	x->c->caption = xasprintf("The share of the occurrences whose clock "
	    "started in each %s (%s, UTC: cohorts) that were breached, for "
	    "the %s weakest moment%s; the dashed line of the same colour is "
	    "the most its objective allows. A hollow point, labelled with its "
	    "n, is a %s still holding open clocks (its rate can only rise) or "
	    "with fewer than %g occurrences (min-n): do not read it like the "
	    "others.", x->monthly ? "month" : "week", x->monthly ?
	    "calendar months" : "ISO weeks", n == 1 ? "one" : n == 2 ? "two" :
	    "three", n == 1 ? "" : "s", x->monthly ? "month" : "week",
	    e->params.min_n);
	fputs("# i", d);
	for (j = 0; j < n; j++)
		fprintf(d, "\tbreach_rate_%zu\tn_%zu\topen_%zu\tmark_%zu", j + 1,
		    j + 1, j + 1, j + 1);
	fputs("\tperiod\n# moments:", d);
	for (j = 0; j < n; j++) {
		fprintf(d, " %zu=", j + 1);
		gp_datfield(d, e->moments[pick[j]].id);
	}
	fputs("\n# mark: 0 drawn as usual; +1 incomplete (open clocks), "
	    "+2 small (n < min-n)\n", d);
	for (k = x->pfirst; k <= x->plast; k++) {
		fprintf(d, "%lld", (long long)(k - x->pfirst));
		for (j = 0; j < n; j++) {
			rate = period_cols(x, pick[j], k, d);
			if (!isnan(rate) && rate > top)
				top = rate;
		}
		period_label(x, k, label, sizeof label);
		fprintf(d, "\t%s\n", label);
	}
	for (j = 0; j < n; j++) {
		if (e->moments[pick[j]].objective > 0 &&
		    1 - e->moments[pick[j]].objective > top)
			top = 1 - e->moments[pick[j]].objective;
	}
	top = ceil(top * 1.15 * 20) / 20;
	if (top > 1)
		top = 1;
	w = 300 + 40 * (int)(x->plast - x->pfirst);
	gp_begin(x, "the breach rate over time", w < 800 ? 800 : w > 1400 ?
	    1400 : w, 440, 30);
	gp_title(f, "set title", x->c->title);
	fprintf(f, "set xrange [-0.5:%lld.5]\n"
	    "set yrange [0:%g]\n"
	    "set format y \"%%g%%%%\"\n"
	    "set ylabel \"breached (%% of the occurrences)\"\n"
	    "set grid ytics lc rgb \"#e5e5e5\"\n"
	    "set key below horizontal\n",
	    (long long)(x->plast - x->pfirst), 100 * top);
	gp_period_tics(x, x->pfirst, x->plast, "rotate by 30 right");
	/* A line joins the full periods only; the others are hollow, with n. */
	fputs("plot ", f);
	for (j = 0; j < n; j++) {
		c = 2 + 4 * (int)j;
		if (j > 0)
			fputs(", \\\n     ", f);
		fprintf(f, "\"%s.dat\" using 1:($%d == 0 ? 100*$%d : NaN) "
		    "with linespoints lw 2.5 pt 7 ps 1.1 lc rgb \"%s\" title ",
		    x->c->name, c + 3, c, trend_colours[j]);
		gp_string(f, e->moments[pick[j]].name, GP_LABEL_MAX, 0);
		fprintf(f, ", \\\n     \"\" using 1:($%d != 0 ? 100*$%d : NaN) "
		    "with points pt 6 ps 1.3 lw 1.5 lc rgb \"%s\" notitle, "
		    "\\\n     \"\" using 1:($%d != 0 ? 100*$%d : NaN):"
		    "(sprintf(\"n %%d\", int($%d))) with labels offset 0,%.1f "
		    "font \",8\" tc rgb \"%s\" notitle", c + 3, c,
		    trend_colours[j], c + 3, c, c + 1, 0.9 + 0.8 * (double)j,
		    trend_colours[j]);
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
}

/* 5. heatmap: breach rate by moment and breakdown value */

/* The heatmap needs one cell with an occurrence: empty ones are not drawn. */
static int
want_heatmap(struct ctx *x)
{
	const struct cell_sum	*c;
	size_t			 i, v;

	for (i = 0; x->r->by != NULL && i < x->r->s->n; i++) {
		for (v = 0; v < x->nvalues; v++) {
			if ((c = by_cell(msum(x, i), x->values[v])) != NULL &&
			    c->n > 0)
				return (1);
		}
	}
	return (0);
}

static void
write_heatmap(struct ctx *x)
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
		ms = msum(x, s->order[k]);
		for (v = 0; v < x->nvalues; v++) {
			if ((c = by_cell(ms, x->values[v])) == NULL ||
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
		if (label_chars(x->values[v], GP_LABEL_MAX) > longest)
			longest = label_chars(x->values[v], GP_LABEL_MAX);
	}
	w = 320 + 80 * (int)x->nvalues;
	h = 130 + (s->n < 4 ? 160 : 40 * (int)s->n) + 7 * (int)longest;
	gp_begin(x, "the breach rate by breakdown value", w < 700 ? 700 :
	    w > 1400 ? 1400 : w, h, 30);
	fputs("set title ", f);
	gp_string(f, x->c->title, 0, 0);
	fputc('\n', f);
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
	fputs("set xtics rotate by 90 right (", f);
	for (v = 0; v < x->nvalues; v++) {
		if (v > 0)
			fputs(", ", f);
		gp_string(f, x->values[v], GP_LABEL_MAX, 1);
		fprintf(f, " %zu", v + 1);
	}
	fputs(")\n", f);
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

/* 6. impact: NPS where each moment was breached and where it was not */

/* Moment i's impact row: NPS met and breached, with intervals, in v; -1 if none. */
static int
impact_row(const struct ctx *x, size_t i, double *v)
{
	const struct cell	*cell = &x->r->a->m[i].total;

	if (nps_interval_of(&cell->s_met, &v[0], &v[1], &v[2]) != 0 ||
	    nps_interval_of(&cell->s_breached, &v[3], &v[4], &v[5]) != 0)
		return (-1);
	return (0);
}

static int
want_impact(struct ctx *x)
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
write_impact(struct ctx *x)
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
		ms = msum(x, s->order[k]);
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
	gp_title(f, "set title", x->c->title);
	fprintf(f, "set xrange [-100:100]\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set xtics -100, 25, 100\n"
	    "set xlabel \"Net Promoter Score\"\n"
	    "set rmargin 40\n"
	    "set grid xtics lc rgb \"#e5e5e5\"\n"
	    "set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb "
	    "\"#999999\"\n", n);
	gp_moment_tics(x, "ytics", rows, n, "scale 0", GP_LABEL_MAX);
	fprintf(f, "set key below horizontal\n"
	    "plot \"%s.dat\" using 2:1:($6-$2):(0) with vectors nohead lw 2 "
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

/* moment-NN: one moment's chart row */

static int
want_moment(struct ctx *x)
{
	return (msum(x, x->mi)->total.n > 0);
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

static void
write_moment(struct ctx *x)
{
	const struct moment_sum	*ms = msum(x, x->mi);
	const struct moment	*m = ms->m;
	const struct cell_sum	*c = &ms->total, **rows = NULL;
	FILE			*d = x->dat, *f = x->gp;
	struct unit		 u;
	double			 a, dd, v, xmax, rate, obj, top = 0.1;
	size_t			 i, nrows = 0, panels;
	int64_t			 k;
	char			 label[32], mx[48], *title;
	struct sketch_km_point	*pts;
	size_t			 np;
	int			 running;

	a = (double)m->adequate.us / 1e6;
	dd = (double)m->desired.us / 1e6;
	obj = m->objective;
	u = unit_for(a, agg_clock(m));
	x->c->title = xasprintf("%s: how long, when and for whom", m->name);

	/* Block 0: the distribution, its Kaplan-Meier curve. */
	fprintf(d, "# elapsed_s\telapsed_%s\tfinished\n", u.name);
	np = sketch_km_curve(own_sketch(x, x->mi), own_cens(x, x->mi), &pts);
	v = own_q(x, x->mi, 0.99);
	if (isnan(v))		/* never 99%: to the last finish */
		v = own_sketch(x, x->mi)->n > 0 ? own_sketch(x, x->mi)->max : 0;
	xmax = a * 1.3;
	if (v * 1.05 > xmax)
		xmax = v * 1.05;
	dat_num(d, 0, 0);
	dat_num(d, 0, 0);
	dat_num(d, 0, 1);
	for (i = 0; i < np; i++) {
		dat_num(d, pts[i].t, 0);
		dat_num(d, pts[i].t / u.s, 0);
		dat_num(d, pts[i].f, 1);
	}
	free(pts);
	/* Block 1: the breach rate per period of start. */
	fputs("\n\n# i\tbreach_rate\tn\topen\tmark\tperiod\n", d);
	for (k = x->pfirst; x->have_periods && k <= x->plast; k++) {
		fprintf(d, "%lld", (long long)(k - x->pfirst));
		rate = period_cols(x, x->mi, k, d);
		period_label(x, k, label, sizeof label);
		fprintf(d, "\t%s\n", label);
		if (!isnan(rate) && rate > top)
			top = rate;
	}
	if (obj > 0 && 1 - obj > top)
		top = 1 - obj;
	top = ceil(top * 1.15 * 20) / 20;
	if (top > 1)
		top = 1;
	/* Block 2: by breakdown value, the largest, by breach rate. */
	if (x->r->by != NULL && ms->nby > 0) {
		/* Values without a finished occurrence have nothing to draw. */
		rows = xcalloc(ms->nby, sizeof *rows);
		for (i = 0; i < ms->nby; i++) {
			if (ms->by[i].n > 0)
				rows[nrows++] = &ms->by[i];
		}
		qsort(rows, nrows, sizeof *rows, by_n_cmp);
		if (nrows > ROW_VALUES)
			nrows = ROW_VALUES;
		qsort(rows, nrows, sizeof *rows, by_rate_cmp);
		if (nrows > 0)
			fputs("\n\n# row\tbreach_rate\tci_low\tci_high\tn\t"
			    "value\n", d);
		for (i = 0; i < nrows; i++) {
			fprintf(d, "%zu\t", i + 1);
			dat_num(d, rows[i]->breach_rate, 0);
			dat_num(d, rows[i]->n > 0 ? rows[i]->ci_lo : NAN, 0);
			dat_num(d, rows[i]->n > 0 ? rows[i]->ci_hi : NAN, 0);
			fprintf(d, "%llu\t", (unsigned long long)rows[i]->n);
			dat_text(d, rows[i]->value, 1);
		}
	}
	panels = nrows > 0 ? 3 : 2;
	x->c->caption = xasprintf("Left: the share of occurrences finished "
	    "within a given time (%s, the moment's own clock; the Kaplan-Meier "
	    "estimate, open and ended occurrences counted as still running at "
	    "their time so far), against the zone of tolerance%s %s: the "
	    "breach rate of the clocks started in each %s; a hollow bar, "
	    "labelled with its n, still holds open clocks or has fewer than "
	    "min-n.%s",
	    fmt_clock_name(agg_clock(m)), obj > 0 ? "; the dashed line is "
	    "the objective's share within adequate." : ".", panels == 3 ?
	    "Middle" : "Right", x->monthly ? "month" : "week", nrows > 0 ?
	    " Right: the breach rate by breakdown value, with its 95% "
	    "interval." : "");

	gp_begin(x, "one moment: its distribution, trend and breakdown",
	    panels == 3 ? 1200 : 900, 330, 30);
	fputs("set multiplot layout 1,", f);
	fprintf(f, "%zu title ", panels);
	gp_string(f, x->c->title, 0, 0);
	fputc('\n', f);
	/* Panel 1 */
	fprintf(f, "set title \"How long it took (%s)\"\n"
	    "set xrange [0:%g]\n"
	    "set yrange [0:100]\n"
	    "set ytics 0, 25, 100\n"
	    "set format y \"%%g%%%%\"\n"
	    "set xlabel \"%s\"\n"
	    "set ylabel \"finished within\"\n"
	    "set key bottom right opaque\n", fmt_clock_name(agg_clock(m)),
	    xmax / u.s, u.label);
	fprintf(f, "set object 1 rect from 0, graph 0 to %g, graph 1 fc rgb "
	    "c_met fs solid 0.15 noborder behind\n", dd / u.s);
	fprintf(f, "set object 2 rect from %g, graph 0 to %g, graph 1 fc rgb "
	    "c_tolerated fs solid 0.18 noborder behind\n", dd / u.s, a / u.s);
	fprintf(f, "set object 3 rect from %g, graph 0 to graph 1, graph 1 "
	    "fc rgb c_breached fs solid 0.15 noborder behind\n", a / u.s);
	if (obj > 0)
		fprintf(f, "set arrow 1 from graph 0, first %g to graph 1, "
		    "first %g nohead dt 2 lw 1.5 lc rgb c_ink\n", 100 * obj,
		    100 * obj);
	v = sketch_km_longest(own_sketch(x, x->mi), own_cens(x, x->mi),
	    &running);
	if (v > xmax) {
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
	    a / u.s, 100 * c->within_rate);
	fputs("unset object 1; unset object 2; unset object 3; unset arrow 1; "
	    "unset label 1\n", f);
	/* Panel 2 */
	fprintf(f, "set title \"Breach rate per %s of start\"\n"
	    "set xlabel \"\"\n"
	    "set ylabel \"breached\"\n"
	    "set yrange [0:%g]\n"
	    "set ytics auto\n"
	    "set key top right\n"
	    "set style fill solid 0.85 noborder\n"
	    "set boxwidth 0.7\n", x->monthly ? "month" : "week", 100 * top);
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
	    "fs empty lc rgb c_breached lw 1.5 notitle, \\\n"
	    "     \"\" index 1 using 1:($5 != 0 && $3 > 0 ? 100*$2 : NaN):"
	    "(sprintf(\"n %%d\", int($3))) with labels offset 0,0.7 font "
	    "\",7\" tc rgb c_ink notitle%s\n", x->c->name, obj > 0 ?
	    ", \\\n     NaN with lines dt 2 lw 1.5 lc rgb c_ink title "
	    "\"objective\"" : "");
	fputs("unset arrow 1\nset xtics auto norotate\n", f);
	/* Panel 3 */
	if (nrows > 0) {
		title = xasprintf("Breach rate by %s", x->r->by);
		gp_title(f, "set title", title);
		free(title);
		fprintf(f, "set xrange [0:%g]\n"
		    "set yrange [%zu.6:0.4]\n"
		    "set format x \"%%g%%%%\"\n"
		    "set format y \"%%g\"\n"
		    "set xlabel \"breached (95%% CI)\"\n"
		    "set ylabel \"\"\n"
		    "set xtics auto\n", 100 * fmin(1, ceil(fmax(0.1,
		    rows[0]->ci_hi) * 10) / 10), nrows);
		fputs("set ytics scale 0 (", f);
		for (i = 0; i < nrows; i++) {
			if (i > 0)
				fputs(", ", f);
			gp_string(f, rows[i]->value, 24, 1);
			fprintf(f, " %zu", i + 1);
		}
		fputs(")\n", f);
		if (obj > 0)
			fprintf(f, "set arrow 1 from %g, graph 0 to %g, graph 1 "
			    "nohead dt 2 lw 1.5 lc rgb c_ink\n",
			    100 * (1 - obj), 100 * (1 - obj));
		fprintf(f, "plot \"%s.dat\" index 2 using (50*$2):1:(50*$2):"
		    "(0.34) with boxxyerror fc rgb c_breached notitle, \\\n"
		    "     \"\" index 2 using (100*$2):1:(100*$3):(100*$4) with "
		    "xerrorbars pt 0 lw 1.5 lc rgb c_ink notitle\n",
		    x->c->name);
	}
	fputs("unset multiplot\n", f);
	free(rows);
}

static const struct chart_def chart_defs[] = {
	{ "weak-moments", "the weakest moments", want_finished, write_weak },
	{ "journey-map", "the journey map", want_finished, write_journey },
	{ "elapsed", "elapsed time against the zone of tolerance",
	    want_finished, write_elapsed },
	{ "trend", "the breach rate over time", want_trend, write_trend },
	{ "heatmap", "the breach rate by breakdown value", want_heatmap,
	    write_heatmap },
	{ "impact", "the NPS cost of a breach", want_impact, write_impact },
	{ NULL, "one moment", want_moment, write_moment },
	{ NULL, NULL, NULL, NULL }
};

/* Write one chart's .dat and .gp in cdir; 0 or an exit code with *cause. */
static int
chart_files(struct ctx *x, const struct chart_def *def, const char *cdir,
    char **cause)
{
	struct afile	dat, gp;
	char		*name;
	int		 rc;

	name = xasprintf("%s.dat", x->c->name);
	rc = afile_open(&dat, cdir, name, cause);
	free(name);
	if (rc != 0)
		return (rc);
	name = xasprintf("%s.gp", x->c->name);
	rc = afile_open(&gp, cdir, name, cause);
	free(name);
	if (rc != 0) {
		afile_abort(&dat);
		return (rc);
	}
	x->dat = dat.f;
	x->gp = gp.f;
	def->write(x);
	x->dat = x->gp = NULL;
	if ((rc = afile_commit(&dat, cause)) != 0) {
		afile_abort(&gp);
		return (rc);
	}
	return (afile_commit(&gp, cause));
}

static void
ctx_init(struct ctx *x, const struct report *r, unsigned formats)
{
	memset(x, 0, sizeof *x);
	x->r = r;
	x->deffmt = (formats & CHART_PNG) ? "png" : (formats & CHART_SVG) ?
	    "svg" : (formats & CHART_PDF) ? "pdf" : "png";
	periods_init(x);
	if (r->by != NULL)
		values_init(x);
}

/* Drawing */

/* The date written into PDFs: $SOURCE_DATE_EPOCH, else the last stop in the data. */
static time_t
pdf_epoch(const struct report *r)
{
	const char	*s;
	char		*end;
	long long	 v;

	if ((s = getenv("SOURCE_DATE_EPOCH")) != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			return ((time_t)v);
	}
	if (r->a->last_stop != MOT_TIME_NONE && r->a->last_stop > 0)
		return ((time_t)(r->a->last_stop / MOT_USEC));
	return (0);
}

/* Read a whole file into memory; NULL when it cannot. */
static char *
slurp(const char *path, size_t max, size_t *len)
{
	FILE	*f;
	char	*buf;
	size_t	 n = 0, cap = 65536;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	buf = xmalloc(cap + 1);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || n >= max)
			break;
		cap *= 2;
		buf = xreallocarray(buf, cap + 1, 1);
	}
	if (ferror(f) || n >= max) {
		fclose(f);
		free(buf);
		return (NULL);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return (buf);
}

/*
 * cairo writes the time of the run into a PDF. Put a fixed one in its
 * place, digit for digit, so the file keeps its layout and its offsets.
 */
static void
pdf_fix_date(const char *path, time_t t)
{
	static const char *const keys[] = { "/CreationDate (D:",
	    "/ModDate (D:" };
	struct tm	 tm;
	char		*buf, *p, date[32];
	size_t		 len, k, i;
	FILE		*f;

	if ((buf = slurp(path, SVG_MAX, &len)) == NULL)
		return;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y%m%d%H%M%S", &tm);
	if ((f = fopen(path, "r+b")) == NULL) {
		free(buf);
		return;
	}
	for (k = 0; k < 2; k++) {
		p = memmem(buf, len, keys[k], strlen(keys[k]));
		if (p == NULL)
			continue;
		p += strlen(keys[k]);
		for (i = 0; i < 14 && p + i < buf + len; i++) {
			if (p[i] < '0' || p[i] > '9')
				break;
		}
		if (i != 14 || strlen(date) != 14)
			continue;
		if (fseek(f, (long)(p - buf), SEEK_SET) == 0)
			fwrite(date, 1, 14, f);
	}
	fclose(f);
	free(buf);
}

struct job {
	size_t		 chart;
	unsigned	 fmt;
	struct afile	 af;
	struct gp_proc	 p;
	int		 started;
};

/* Keep the first failure's exit code: 69 gnuplot missing, 70 it failed. */
static void
chart_failed(struct charts *cs, int code)
{
	if (cs->failed == 0)
		cs->failed = code;
}

/*
 * Finish a job whose gnuplot drew: fix, keep the SVG, rename into place;
 * 0 or an exit code.
 */
static int
job_finish(struct charts *cs, struct job *j, time_t epoch, int want_svg,
    char **cause)
{
	struct chart	*c = &cs->v[j->chart];
	struct stat	 sb;
	int		 rc;

	if (stat(j->af.tmp, &sb) != 0 || sb.st_size == 0) {
		*cause = xasprintf("gnuplot drew nothing for %s.%s", c->name,
		    fmt_ext(j->fmt));
		return (MOT_EXIT_SOFTWARE);
	}
	if (j->fmt == CHART_PDF)
		pdf_fix_date(j->af.tmp, epoch);
	if (j->fmt == CHART_SVG && want_svg)
		c->svg = slurp(j->af.tmp, SVG_MAX, &c->svglen);
	if ((rc = afile_commit(&j->af, cause)) != 0)
		return (rc);
	c->drawn |= j->fmt;
	return (0);
}

static void
draw_all(struct charts *cs, const struct report *r, const char *cdir,
    const char *prog, unsigned formats, int want_svg)
{
	static char	 tz[] = "TZ=UTC", sde[64];
	char		*env[3], *name, *script, *cause = NULL;
	struct job	*jobs;
	size_t		 njobs = 0, i, next = 0, done = 0, running = 0;
	unsigned	 fmts[] = { CHART_PNG, CHART_SVG, CHART_PDF }, k;
	time_t		 epoch = pdf_epoch(r);
	long		 ncpu;
	int		 missing, gave_up = 0, rc;
	size_t		 maxjobs, fails = 0;

	snprintf(sde, sizeof sde, "SOURCE_DATE_EPOCH=%lld", (long long)epoch);
	env[0] = tz;
	env[1] = sde;
	env[2] = NULL;
	jobs = xcalloc(cs->n * 3 + 1, sizeof *jobs);
	for (i = 0; i < cs->n; i++) {
		for (k = 0; k < 3; k++) {
			if (!(formats & fmts[k]))
				continue;
			jobs[njobs].chart = i;
			jobs[njobs++].fmt = fmts[k];
		}
	}
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	maxjobs = ncpu < 1 ? 1 : ncpu > JOBS_MAX ? JOBS_MAX : (size_t)ncpu;
	while (done < njobs) {
		while (!gave_up && next < njobs && running < maxjobs) {
			struct job	*j = &jobs[next++];

			name = xasprintf("%s.%s", cs->v[j->chart].name,
			    fmt_ext(j->fmt));
			script = xasprintf("%s.gp", cs->v[j->chart].name);
			rc = afile_open_tmp(&j->af, cdir, name, &cause);
			if (rc == 0)
				rc = gp_spawn(&j->p, prog, cdir, script,
				    fmt_ext(j->fmt), strrchr(j->af.tmp, '/') + 1,
				    0, env, &cause);
			free(script);
			if (rc != 0) {
				free(name);
				errorf("%s", cause);
				free(cause);
				cause = NULL;
				afile_abort(&j->af);
				chart_failed(cs, rc > 0 ? rc :
				    MOT_EXIT_SOFTWARE);
				continue;
			}
			free(name);
			j->started = 1;
			running++;
		}
		if (running == 0)
			break;
		/* Wait in the order they started: messages come in order. */
		for (i = done; i < njobs && !jobs[i].started; i++)
			done++;
		if (i >= njobs)
			break;
		{
			struct job	*j = &jobs[i];

			j->started = 0;
			running--;
			done = i + 1;
			if ((rc = gp_wait(&j->p, &missing, &cause)) != 0)
				rc = missing ? MOT_EXIT_UNAVAILABLE :
				    MOT_EXIT_SOFTWARE;
			else
				rc = job_finish(cs, j, epoch, want_svg, &cause);
			if (rc != 0) {
				if (missing && !gave_up)
					errorf("cannot run gnuplot \"%s\": %s; "
					    "the charts were not drawn (their "
					    ".gp and .dat files are in %s). "
					    "Install gnuplot, or name it with "
					    "--gnuplot PATH or MOT_GNUPLOT",
					    prog, cause, cdir);
				else if (!missing && fails++ < FAILS_SHOWN)
					errorf("%s", cause);
				if (missing)
					gave_up = 1;
				free(cause);
				cause = NULL;
				afile_abort(&j->af);
				chart_failed(cs, rc);
			}
		}
	}
	for (i = 0; i < njobs; i++)
		afile_abort(&jobs[i].af);
	free(jobs);
	if (fails > FAILS_SHOWN)
		errorf("gnuplot failed on %zu pictures in all", fails);
	if (cs->failed)
		cs->note = xstrdup(gave_up ? "gnuplot could not be run, so the "
		    "charts were not drawn" : "gnuplot failed on some charts; "
		    "they are missing");
}

static void
chart_add(struct charts *cs, const char *name, int moment)
{
	struct chart	*c;

	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->moment = moment;
}

int
charts_make(struct charts *cs, const struct report *r, const char *dir,
    unsigned formats, int want_svg, const char *gnuplot, char **cause)
{
	const struct chart_def	*def;
	struct ctx		 x;
	char			*cdir, name[32];
	size_t			 i;
	int			 rc = 0;

	memset(cs, 0, sizeof *cs);
	memset(&x, 0, sizeof x);
	cs->formats = formats;
	cdir = xasprintf("%s/%s", dir, CHART_DIR);
	ctx_init(&x, r, formats);
	/* Nothing to draw: not even the folder is made. */
	if ((cs->empty = !want_finished(&x)) ||
	    (rc = afile_mkdirs(cdir, cause)) != 0)
		goto out;
	for (def = chart_defs; def->write != NULL; def++) {
		for (i = 0; i < (def->name == NULL ? r->e->nmoments : 1); i++) {
			x.mi = i;
			if (!def->want(&x))
				continue;
			if (def->name == NULL)
				snprintf(name, sizeof name, "moment-%02zu",
				    i + 1);
			chart_add(cs, def->name != NULL ? def->name : name,
			    def->name != NULL ? -1 : (int)i);
			x.c = &cs->v[cs->n - 1];
			if ((rc = chart_files(&x, def, cdir, cause)) != 0)
				goto out;
		}
	}
	formats &= CHART_PNG | CHART_SVG | CHART_PDF;
	if (want_svg)
		formats |= CHART_SVG;
	if (formats != 0)
		draw_all(cs, r, cdir, gp_program(gnuplot), formats, want_svg);
out:
	free(x.values);
	free(cdir);
	return (rc);
}

int
charts_dumb(struct charts *cs, const struct report *r, const char *dir,
    const char *gnuplot, char **cause)
{
	struct gp_proc	 p;
	struct ctx	 x;
	struct chart	 c;
	const char	*tmp;
	char		*cdir, *path;
	int		 rc = 0, missing, made = 0;

	memset(&c, 0, sizeof c);
	if (dir != NULL)
		cdir = xasprintf("%s/%s", dir, CHART_DIR);
	else {
		if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
			tmp = "/tmp";
		cdir = xasprintf("%s/mot-charts.XXXXXX", tmp);
		if (mkdtemp(cdir) == NULL) {
			*cause = xasprintf("cannot make a temporary folder "
			    "in %s: %s", tmp, strerror(errno));
			free(cdir);
			return (MOT_EXIT_CANTCREAT);
		}
		made = 1;
		ctx_init(&x, r, CHART_PNG);
		c.name = xstrdup("weak-moments");
		c.moment = -1;
		x.c = &c;
		if ((cs->empty = !want_finished(&x))) {
			free(x.values);
			goto out;
		}
		rc = chart_files(&x, &chart_defs[0], cdir, cause);
		free(x.values);
		if (rc != 0)
			goto out;
	}
	if (dir != NULL && charts_find(cs, "weak-moments") == NULL)
		goto out;
	fflush(stdout);
	if (gp_spawn(&p, gp_program(gnuplot), cdir, "weak-moments.gp", "dumb",
	    NULL, 1, NULL, cause) != 0) {
		chart_failed(cs, MOT_EXIT_SOFTWARE);
		errorf("%s", *cause);
		free(*cause);
		*cause = NULL;
		goto out;
	}
	if (gp_wait(&p, &missing, cause) != 0) {
		if (missing)
			errorf("cannot run gnuplot \"%s\": %s; the chart was "
			    "not drawn. Install gnuplot, or name it with "
			    "--gnuplot PATH or MOT_GNUPLOT", gp_program(gnuplot),
			    *cause);
		else
			errorf("%s", *cause);
		free(*cause);
		*cause = NULL;
		chart_failed(cs, missing ? MOT_EXIT_UNAVAILABLE :
		    MOT_EXIT_SOFTWARE);
	}
out:
	if (cs->empty)
		warnf("no chart on the terminal: no moment has a finished "
		    "occurrence");
	if (made) {
		path = xasprintf("%s/weak-moments.dat", cdir);
		unlink(path);
		free(path);
		path = xasprintf("%s/weak-moments.gp", cdir);
		unlink(path);
		free(path);
		rmdir(cdir);
	}
	free(c.name);
	free(c.title);
	free(c.caption);
	free(cdir);
	return (rc);
}

const struct chart *
charts_find(const struct charts *cs, const char *name)
{
	size_t	i;

	for (i = 0; cs != NULL && i < cs->n; i++) {
		if (strcmp(cs->v[i].name, name) == 0)
			return (&cs->v[i]);
	}
	return (NULL);
}

const struct chart *
charts_moment(const struct charts *cs, size_t mi)
{
	size_t	i;

	for (i = 0; cs != NULL && i < cs->n; i++) {
		if (cs->v[i].moment == (int)mi)
			return (&cs->v[i]);
	}
	return (NULL);
}

void
charts_free(struct charts *cs)
{
	size_t	i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].name);
		free(cs->v[i].title);
		free(cs->v[i].caption);
		free(cs->v[i].svg);
	}
	free(cs->v);
	free(cs->note);
	memset(cs, 0, sizeof *cs);
}
