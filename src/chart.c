/*
 * chart.c - the charts of a run. Each chart is three files in DIR/charts: its
 * numbers (NAME.dat, tab-separated, a header line), a gnuplot script
 * (NAME.gp) that draws them and runs again on its own, and the picture. The
 * scripts hold text from the input only as gp_string literals, and only in
 * titles, labels and tics; the data files hold it only as their last
 * columns, for people, never read by the scripts. File names are mot's own.
 *
 * The table below lists the charts, each in its own file (chart-weak.c,
 * ...); chart-data.c takes their numbers from the run, chart-layout.c holds
 * what their scripts share, and chart-draw.c runs gnuplot on them.
 */
#include <config.h>

#include <sys/ioctl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "chart.h"
#include "chart-int.h"
#include "exitcode.h"
#include "gnuplot.h"
#include "log.h"
#include "report.h"
#include "xmalloc.h"

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

/* The charts, in the order report.html shows them. */
static const struct chart_def *const chart_defs[] = {
	&chart_weak,
	&chart_journey,
	&chart_elapsed,
	&chart_trend,
	&chart_heatmap,
	&chart_impact,
	&chart_moment,
	NULL
};

/* Write one chart's .dat and .gp in cdir; 0 or an exit code with *cause. */
static int
chart_files(struct chart_ctx *x, const struct chart_def *def, const char *cdir,
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
chart_add(struct charts *cs, const char *name, int moment)
{
	struct chart	*c;

	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->moment = moment;
}

/* Add why a chart is left out (allocated, taken) to cs->left_out. */
static void
chart_left_out(struct charts *cs, char *why)
{
	char	*s;

	if (cs->left_out == NULL) {
		cs->left_out = why;
		return;
	}
	s = xasprintf("%s; %s", cs->left_out, why);
	free(cs->left_out);
	free(why);
	cs->left_out = s;
}

int
charts_make(struct charts *cs, const struct report *r, const char *dir,
    unsigned formats, int want_svg, const char *gnuplot, char **cause)
{
	const struct chart_def	*const *def, *d;
	struct chart_ctx		 x;
	const char		*cdir;
	char			 name[32];
	size_t			 i;
	int			 rc = 0;

	memset(cs, 0, sizeof *cs);
	memset(&x, 0, sizeof x);
	cs->formats = formats;
	chart_ctx_init(&x, r, formats);
	/* Nothing to draw: not even the folder is made. */
	if ((cs->empty = !chart_want_finished(&x)) ||
	    (rc = afile_dir_open(&cs->build, dir, CHART_DIR, cause)) != 0)
		goto out;
	cdir = cs->build.tmp;
	for (def = chart_defs; (d = *def) != NULL; def++) {
		for (i = 0; i < (d->name == NULL ? r->e->nmoments : 1); i++) {
			x.mi = i;
			if (!d->want(&x)) {
				if (d->why_not != NULL)
					chart_left_out(cs, d->why_not(&x));
				continue;
			}
			if (d->name == NULL)
				snprintf(name, sizeof name, "moment-%02zu",
				    i + 1);
			chart_add(cs, d->name != NULL ? d->name : name,
			    d->name != NULL ? -1 : (int)i);
			x.c = &cs->v[cs->n - 1];
			if ((rc = chart_files(&x, d, cdir, cause)) != 0)
				goto out;
		}
	}
	formats &= CHART_PNG | CHART_SVG | CHART_PDF;
	if (want_svg)
		formats |= CHART_SVG;
	if (formats != 0)
		chart_draw_all(cs, r, cdir, gp_program(gnuplot), formats,
		    want_svg);
out:
	chart_ctx_free(&x);
	return (rc);
}

int
charts_dumb(struct charts *cs, const struct report *r, const char *dir,
    const char *gnuplot, char **cause)
{
	struct gp_proc	 p;
	struct chart_ctx x;
	struct chart	 c;
	struct winsize	 ws;
	const char	*tmp;
	char		*cdir, *path, *cols;
	int		 rc = 0, missing, made = 0;

	memset(&c, 0, sizeof c);
	if (dir != NULL)
		cdir = xasprintf("%s/%s", dir, CHART_DIR);
	else {
		tmp = afile_tmpdir();
		cdir = xasprintf("%s/mot-charts.XXXXXX", tmp);
		if (mkdtemp(cdir) == NULL) {
			*cause = xasprintf("cannot make a temporary folder "
			    "in %s: %s", tmp, strerror(errno));
			free(cdir);
			return (MOT_EXIT_CANTCREAT);
		}
		made = 1;
		chart_ctx_init(&x, r, CHART_PNG);
		c.name = xstrdup("weak-moments");
		c.moment = -1;
		x.c = &c;
		if ((cs->empty = !chart_want_finished(&x))) {
			chart_ctx_free(&x);
			goto out;
		}
		rc = chart_files(&x, &chart_weak, cdir, cause);
		chart_ctx_free(&x);
		if (rc != 0)
			goto out;
	}
	if (dir != NULL && charts_find(cs, "weak-moments") == NULL)
		goto out;
	fflush(stdout);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1)
		ws.ws_col = 0;
	cols = xasprintf("cols=%d", chart_dumb_cols(getenv("COLUMNS"),
	    ws.ws_col));
	rc = gp_spawn(&p, gp_program(gnuplot), cdir, "weak-moments.gp", "dumb",
	    cols, 1, NULL, cause);
	free(cols);
	if (rc != 0) {
		rc = 0;
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
	afile_dir_abort(&cs->build);
	free(cs->left_out);
	memset(cs, 0, sizeof *cs);
}

int
charts_commit(struct charts *cs, const char *dir, char **cause)
{
	if (cs->build.tmp != NULL)
		return (afile_dir_commit(&cs->build, cause));
	return (afile_dir_remove(dir, CHART_DIR, cause));
}

