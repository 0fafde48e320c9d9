/* chart.h - the charts of a run: data, gnuplot scripts and pictures in DIR/charts. */
#ifndef MOT_CHART_H
#define MOT_CHART_H

#include <stddef.h>

#include "afile.h"

struct report;

/* Picture formats, as flags. */
#define CHART_PNG	0x01
#define CHART_SVG	0x02
#define CHART_PDF	0x04
#define CHART_DUMB	0x08	/* the weak-moments chart on standard output */

/* The folder, inside the output folder, that holds the charts. */
#define CHART_DIR	"charts"

struct chart {
	char		*name;		/* file name without extension; mot's own */
	char		*title;		/* may hold text from the input */
	char		*caption;	/* how to read it; may hold text from the input */
	int		 moment;	/* expectations index, or -1 for the run */
	unsigned	 drawn;		/* formats drawn */
	char		*svg;		/* the SVG drawing, for report.html, or NULL */
	size_t		 svglen;
};

struct charts {
	struct chart	*v;
	size_t		 n;
	unsigned	 formats;	/* formats asked for */
	int		 failed;	/* 0, or an exit code: 69 gnuplot
					   missing, 70 it failed or crashed,
					   73 a picture cannot be made */
	char		*note;		/* why pictures are missing, or NULL */
	int		 empty;		/* no moment finished: nothing to draw */
	struct afile_dir build;		/* the folder being built; its path
					   is dir/charts, as messages say */
	char		*left_out;	/* charts of the run left out and why, or NULL */
};

/* Parse "png,svg" (png, svg, pdf, dumb, or none) into flags; -1 on an unknown name. */
int	charts_parse(const char *, unsigned *);
/*
 * Write every chart's data (.dat) and script (.gp) to a new folder that
 * charts_commit puts in place of dir/charts, and draw it
 * with gnuplot in each format (svg too when want_svg, for report.html). A
 * missing or failing gnuplot is reported on stderr and sets failed (a chart
 * without a finished occurrence to draw is left out, never drawn); the
 * return is 0, or an exit code with *cause when a file cannot be written.
 */
int	charts_make(struct charts *, const struct report *, const char *,
	    unsigned, int, const char *, char **);
/* Print the weak-moments chart with gnuplot's dumb terminal on stdout, from dir/charts (or a temporary folder when dir is NULL); 0, or an exit code with *cause. */
int	charts_dumb(struct charts *, const struct report *, const char *,
	    const char *, char **);
/* The chart of a name, or of a moment (expectations index); NULL when there is none. */
const struct chart *charts_find(const struct charts *, const char *);
const struct chart *charts_moment(const struct charts *, size_t);
/* Free the charts; a folder not committed is removed. */
void	charts_free(struct charts *);
/*
 * Put the charts charts_make built in place of dir/charts, whole; when it
 * built none, remove dir/charts. 0, or an exit code with *cause.
 */
int	charts_commit(struct charts *, const char *, char **);

#endif
