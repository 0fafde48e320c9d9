/* report.c - the table of report writers. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "chart.h"
#include "exitcode.h"
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
	const struct read_stats	*st;
	size_t			 i;

	memset(dq, 0, sizeof *dq);
	for (i = 0; i < a->ninputs; i++) {
		st = &a->inputs[i].st;
		dq->journeys += st->journeys;
		dq->touchpoints += st->touchpoints;
		dq->events += st->events;
		dq->events_no_time += st->events_no_time;
		dq->events_bad_time += st->events_bad_time;
		dq->unpaired_starts += st->unpaired_starts;
		dq->unpaired_completes += st->unpaired_completes;
	}
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

int
report_publish(struct report *rep, const char *dir, const int *want,
    unsigned chart_fmts, const char *gnuplot, struct afile *occ,
    char **cause)
{
	struct charts	charts;
	int		rc, html;

	memset(&charts, 0, sizeof charts);
	html = report_wants(want, "html");
	if (dir != NULL && chart_fmts != 0) {
		if ((rc = charts_make(&charts, rep, dir, chart_fmts, html,
		    gnuplot, cause)) != 0)
			goto out;
		rep->charts = &charts;
	}
	if ((rc = report_write(rep, dir, want, occ, cause)) != 0)
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
	return (rc);
}
