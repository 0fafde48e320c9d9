/*
 * chart-draw.c - gnuplot draws the charts: one job per chart and format,
 * at most as many at once as there are processors (and JOBS_MAX), each into
 * a temporary file renamed into place when gnuplot succeeded. A missing
 * gnuplot stops the rest; PDFs get a fixed date; SVGs are kept for
 * report.html.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "chart.h"
#include "chart-int.h"
#include "exitcode.h"
#include "gnuplot.h"
#include "isotime.h"
#include "log.h"
#include "report.h"
#include "xmalloc.h"

/* Largest SVG read back for report.html, and largest PDF patched. */
#define SVG_MAX		(32 * 1024 * 1024)
/* gnuplot processes run at once. */
#define JOBS_MAX	4
/* Failures told one by one before a count takes over. */
#define FAILS_SHOWN	3

const char *
chart_fmt_ext(unsigned fmt)
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
void
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
		    chart_fmt_ext(j->fmt));
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

void
chart_draw_all(struct charts *cs, const struct report *r, const char *cdir,
    const char *prog, unsigned formats, int want_svg)
{
	char		 tz[] = "TZ=UTC", sde[64];
	char		*env[3], *name, *script, *out, *cause = NULL;
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
			    chart_fmt_ext(j->fmt));
			script = xasprintf("%s.gp", cs->v[j->chart].name);
			rc = afile_open_tmp(&j->af, cdir, name, &cause);
			if (rc == 0) {
				out = xasprintf("out=\"%s\"",
				    strrchr(j->af.tmp, '/') + 1);
				rc = gp_spawn(&j->p, prog, cdir, script,
				    chart_fmt_ext(j->fmt), out, 0, env, &cause);
				free(out);
			}
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

