/*
 * chart-int.h - what the chart files share: the context a chart is written
 * in, the chart table's entries and the layout helpers.
 */
#ifndef MOT_CHART_INT_H
#define MOT_CHART_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cell_sum;
struct chart;
struct charts;
struct moment_sum;
struct periods;
struct report;
struct sketch;
struct survey;

/* The colours of the zones, also named in every script. */
#define C_MET		"#3a9d5d"
#define C_TOLERATED	"#e8a33d"
#define C_BREACHED	"#c0392b"
#define C_INK		"#333333"

/* How a period is drawn: filled, or hollow with its n (these bits set). */
#define MARK_INCOMPLETE	1
#define MARK_SMALL	2

/* Breakdown values in the heatmap. */
#define HEAT_VALUES	30

/* What a chart is written from, and into. */
struct chart_ctx {
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
	int			 width;		/* of the canvas, in pixels */
	int			 heat_period;	/* columns: -1 --by values, 0 weeks, 1 months */
	int64_t			 heat_first;	/* the period of column 1 */
	char			**heat_labels;	/* the periods' labels, owned */
};

/* One kind of chart: an entry of chart.c's table. */
struct chart_def {
	const char	*name;		/* NULL: one per moment */
	const char	*about;		/* for the script's first line */
	int		(*want)(struct chart_ctx *);
	void		(*write)(struct chart_ctx *);
	/* Why a chart of the run is left out when want says so, or NULL. */
	char		*(*why_not)(struct chart_ctx *);
};

/* The charts, one file each. */
extern const struct chart_def chart_weak;
extern const struct chart_def chart_journey;
extern const struct chart_def chart_elapsed;
extern const struct chart_def chart_trend;
extern const struct chart_def chart_heatmap;
extern const struct chart_def chart_impact;
extern const struct chart_def chart_moment;

/* chart-data.c */
/* Set up the context of a run's charts; chart_ctx_free frees it. */
void	chart_ctx_init(struct chart_ctx *, const struct report *, unsigned);
void	chart_ctx_free(struct chart_ctx *);
/* The summary of moment i. */
const struct moment_sum *chart_msum(const struct chart_ctx *, size_t);
/* Moment i's times on its own clock, the finished and the censored. */
struct sketch *chart_sketch(const struct chart_ctx *, size_t);
struct sketch *chart_cens(const struct chart_ctx *, size_t);
/* Moment i's own-clock Kaplan-Meier q-quantile in seconds (NaN when not reached). */
double	chart_q(const struct chart_ctx *, size_t, double);
/* The longest own-clock time of moment i seen, stopped or not, in seconds. */
double	chart_longest(const struct chart_ctx *, size_t);
/* Moment i's periods of start (weeks or months, as the run's). */
const struct periods *chart_periods(const struct chart_ctx *, size_t);
/* The label of period k. */
void	chart_period_label(const struct chart_ctx *, int64_t, char *,
	    size_t);
/* Write period k of moment i as four .dat columns; returns its breach rate. */
double	chart_period_cols(const struct chart_ctx *, size_t, int64_t,
	    FILE *);
/* Whether period k of moment i is labelled with its n (all: every one with occurrences). */
int	chart_period_labelled(const struct chart_ctx *, size_t, int64_t, int);
/* The cell of a breakdown value in a moment's summary, or NULL. */
const struct cell_sum *chart_by_cell(const struct moment_sum *, const char *);
/* NPS of survey answers with its 95% interval in points; -1 without answers. */
int	chart_nps(const struct survey *, double *, double *, double *);
/* Whether a moment finished at least once: the charts of moments need one. */
int	chart_want_finished(struct chart_ctx *);

/* Sort breakdown values: numerically when all are numbers, else in byte order (ISO times in time order); "(none)" last. */
void	chart_values_sort(const char **, size_t);
/* Heatmap cell of moment i, column v: its n and breach rate; 0 when empty. */
int	chart_heat_cell(const struct chart_ctx *, size_t, size_t, uint64_t *,
	    double *);

/* chart-moment.c */
/* A moment chart's caption naming only its panels: clock, objective, period ("week", "month", NULL: none), breakdown rows. */
char	*chart_moment_caption(const char *, double, const char *, int);

/* chart-layout.c */
/* A .dat file's header line, a number field and a text field. */
void	dat_header(FILE *, const char *);
void	dat_num(FILE *, double, int);
void	dat_text(FILE *, const char *, int);
/* The opening of every script: where it runs, its terminal, the colours. */
void	gp_begin(struct chart_ctx *, const char *, int, int, int);
/* A command with a title, wrapped to w pixels (0: the canvas), never cut. */
void	gp_title(struct chart_ctx *, const char *, const char *, int);
/* The characters a label takes on a chart, at most max. */
size_t	chart_label_chars(const char *, size_t);
/* Tics naming the moments idx[0..n) at 1..n, at most max characters each; returns the longest's. */
size_t	gp_moment_tics(struct chart_ctx *, const char *, const size_t *,
	    size_t, const char *, size_t);
/* Period tics on x, at most about 14 labels. */
void	gp_period_tics(struct chart_ctx *, int64_t, int64_t, const char *);
/* A title, wrapped to lines that fit w pixels, never cut; returns its lines. */
size_t	gp_title_fit(FILE *, const char *, const char *, int);

/* Tics of an axis naming names[0..n) at 1..n, shortened but distinct; returns the longest's characters. */
size_t	gp_label_tics(FILE *, const char *, const char *, const char *const *,
	    size_t, size_t);
/* The font size (points) at which chars characters fit cell px pixels; 0: none. */
int	gp_cell_font(double, size_t);
/* The canvas pixels a number of character cells takes. */
double	gp_cells_px(double);
/* The key under the plot in rows of cols entries, above text rows left free for the x tics and label. */
void	gp_key_below(struct chart_ctx *, size_t, size_t, double);
/* The dumb terminal's width in columns: $COLUMNS, else the tty's, else DUMB_COLS, within bounds. */
int	chart_dumb_cols(const char *, int);
/*
 * How much room text takes: one character of a label is about 0.9 of
 * gnuplot's character cell, and a cell 8.4 canvas pixels wide in SVG (Sans
 * 12), the widest of the terminals for one canvas size (measured with
 * DejaVu Sans and gnuplot 5.4): CHART_CHAR_PX canvas units a character.
 */
#define LABEL_CELLS	0.9
#define CELL_PX		8.4
#define CHART_CHAR_PX	(LABEL_CELLS * CELL_PX)
#define DUMB_COLS	100
#define DUMB_COLS_MIN	60
#define DUMB_COLS_MAX	240

/* chart-draw.c */
/* The file name extension of a picture format. */
const char *chart_fmt_ext(unsigned);
/* Keep the first failure's exit code in cs->failed. */
void	chart_failed(struct charts *, int);
/* Draw every chart of cs in cdir in each format with gnuplot prog. */
void	chart_draw_all(struct charts *, const struct report *, const char *,
	    const char *, unsigned, int);

#endif
