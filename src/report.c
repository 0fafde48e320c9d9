/* report.c - the table of report writers. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "chart.h"
#include "exitcode.h"
#include "log.h"
#include "xmalloc.h"

#include "report.h"

const struct report_writer report_writers[] = {
	{ "text", "summary.txt", report_text },
	{ "json", "report.json", report_json },
	{ "csv", "moments.csv", report_csv },
	{ "html", "report.html", report_html },
	{ "md", "report.md", report_md },
	{ NULL, NULL, NULL }
};

const struct report_writer *
report_writer_find(const char *format)
{
	const struct report_writer	*w;

	for (w = report_writers; w->format != NULL; w++) {
		if (strcmp(w->format, format) == 0)
			return (w);
	}
	return (NULL);
}

int
report_wants(const int *want, const char *format)
{
	const struct report_writer	*w = report_writer_find(format);

	return (w != NULL && want[w - report_writers]);
}

void
report_dq(const struct agg *a, struct read_stats *dq)
{
	size_t	i;

	memset(dq, 0, sizeof *dq);
	for (i = 0; i < a->ninputs; i++)
		read_stats_add(dq, &a->inputs[i].st);
}

int
report_parse_formats(const char *list, int *want, const char **bad)
{
	const struct report_writer	*w;
	char				*copy, *tok, *save;
	int				 rc = 0;

	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((w = report_writer_find(tok)) == NULL) {
			*bad = list;
			rc = -1;
			break;
		}
		want[w - report_writers] = 1;
	}
	free(copy);
	return (rc);
}

int
report_write(const struct report *rep, const char *dir, const int *want,
    struct afile *occ, char **cause)
{
	const struct report_writer	*w;
	struct afile			 out[REPORT_MAX_WRITERS];
	size_t				 i, n = 0;
	int				 rc = 0;

	if (dir == NULL) {
		for (w = report_writers; w->format != NULL; w++) {
			if (want[w - report_writers])
				w->write(rep, stdout);
		}
		return (0);
	}
	for (w = report_writers; w->format != NULL; w++) {
		if (!want[w - report_writers])
			continue;
		if ((rc = afile_open(&out[n], dir, w->file, cause)) != 0)
			goto out;
		w->write(rep, out[n++].f);
	}
	/* Every file is complete on disk before the first takes its name. */
	for (i = 0; i < n; i++) {
		if ((rc = afile_sync(&out[i], cause)) != 0)
			goto out;
	}
	if (occ != NULL && (rc = afile_sync(occ, cause)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rc = afile_commit(&out[i], cause)) != 0)
			goto out;
	}
	if (occ != NULL && (rc = afile_commit(occ, cause)) != 0)
		goto out;
	if (report_wants(want, "text"))
		report_text(rep, stdout);
out:
	for (i = 0; i < n; i++)
		afile_abort(&out[i]);
	return (rc);
}

int
report_plan(const char *formats, const char *charts_opt, const char *dir,
    int *want, unsigned *chart_fmts, char **msg)
{
	const char	*bad;
	int		 html, md;

	*msg = NULL;
	if (formats == NULL)
		formats = dir != NULL ? "text,json,csv,html,md" : "text";
	if (report_parse_formats(formats, want, &bad) != 0) {
		*msg = xasprintf("unknown format in \"%s\" (known: text, json, "
		    "csv, html, md)", bad);
		return (-1);
	}
	html = report_wants(want, "html");
	md = report_wants(want, "md");
	/* Charts go with the reports that show them: png unless told. */
	if (charts_opt == NULL)
		*chart_fmts = dir != NULL && (html || md) ? CHART_PNG : 0;
	else if (charts_parse(charts_opt, chart_fmts) != 0) {
		*msg = xasprintf("unknown chart format in \"%s\" (known: png, "
		    "svg, pdf, dumb, none)", charts_opt);
		return (-1);
	}
	if (dir == NULL && (*chart_fmts & ~CHART_DUMB) != 0) {
		*msg = xasprintf("--charts %s needs -o DIR (only dumb draws on "
		    "the terminal)", charts_opt);
		return (-1);
	}
	return (0);
}

/* Largest manifest read: its names are a handful of short ones. */
#define MANIFEST_MAX	16384

/*
 * Whether this run writes name at the top of the output folder: 1 it does,
 * 0 it is one of mot's own names but not this run's, -1 it is no name mot
 * writes there (never touched).
 */
static int
report_writes(const int *want, int occ, const char *name)
{
	const struct report_writer	*w;

	for (w = report_writers; w->format != NULL; w++) {
		if (strcmp(w->file, name) == 0)
			return (want[w - report_writers] != 0);
	}
	if (strcmp(name, REPORT_OCC_FILE) == 0)
		return (occ);
	return (-1);
}

/*
 * The previous manifest of dir, NUL-terminated, or NULL when there is
 * none (or it is no regular file: nothing is removed then).
 */
static char *
manifest_read(const char *dir)
{
	struct stat	 sb;
	char		*path, *buf;
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd;

	path = xasprintf("%s/%s", dir, REPORT_MANIFEST);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return (NULL);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return (NULL);
	}
	buf = xmalloc(MANIFEST_MAX + 1);
	while (len < MANIFEST_MAX && (n = read(fd, buf + len,
	    MANIFEST_MAX - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return (buf);
}

/*
 * Remove the files the previous manifest (old) lists and this run did not
 * write: only names of mot's own fixed set, only regular files (a name
 * with a '/' is never one of them). Then commit the new manifest, which
 * lists what this run wrote. 0, or an exit code with *cause.
 */
static int
manifest_commit(struct afile *man, const char *dir, char *old,
    const int *want, int occ, char **cause)
{
	const struct report_writer	*w;
	struct stat			 sb;
	char				*line, *save, *path;

	for (line = old == NULL ? NULL : strtok_r(old, "\n", &save);
	    line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (report_writes(want, occ, line) != 0)
			continue;
		path = xasprintf("%s/%s", dir, line);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    unlink(path) == -1 && errno != ENOENT)
			warnf("%s: cannot remove the previous run's file: %s",
			    path, strerror(errno));
		free(path);
	}
	for (w = report_writers; w->format != NULL; w++) {
		if (want[w - report_writers])
			fprintf(man->f, "%s\n", w->file);
	}
	if (occ)
		fprintf(man->f, "%s\n", REPORT_OCC_FILE);
	return (afile_commit(man, cause));
}

int
report_publish(struct report *rep, const char *dir, const int *want,
    unsigned chart_fmts, const char *gnuplot, struct afile *occ,
    char **cause)
{
	struct charts	 charts;
	struct afile	 man;
	char		*old = NULL, *cdir;
	int		 rc, html;

	memset(&charts, 0, sizeof charts);
	memset(&man, 0, sizeof man);
	html = report_wants(want, "html");
	if (dir != NULL) {
		/* Refused before anything is written: a link for either. */
		cdir = xasprintf("%s/%s", dir, CHART_DIR);
		rc = afile_dir_check(cdir, cause);
		free(cdir);
		if (rc != 0 || (rc = afile_open_tmp(&man, dir, REPORT_MANIFEST,
		    cause)) != 0)
			goto out;
		old = manifest_read(dir);
	}
	if (dir != NULL && chart_fmts != 0) {
		if ((rc = charts_make(&charts, rep, dir, chart_fmts, html,
		    gnuplot, cause)) != 0)
			goto out;
		rep->charts = &charts;
	}
	if ((rc = report_write(rep, dir, want, occ, cause)) != 0)
		goto out;
	/* The reports are in place: now the charts they show, whole. */
	if (dir != NULL && ((rc = charts_commit(&charts, dir, cause)) != 0 ||
	    (rc = manifest_commit(&man, dir, old, want, occ != NULL,
	    cause)) != 0))
		goto out;
	if ((chart_fmts & CHART_DUMB) && (rc = charts_dumb(&charts, rep, dir,
	    gnuplot, cause)) != 0)
		goto out;
	/* Everything else is written: now say that charts are missing. */
	if (charts.failed)
		rc = charts.failed;
out:
	rep->charts = NULL;
	charts_free(&charts);
	afile_abort(&man);
	free(old);
	return (rc);
}
