/*
 * cmd-merge.c - mot merge: combine the states saved by several runs
 * (mot analyze --save-state) into the report one run over all their inputs
 * would have given: counts identical, percentiles within the sketch's
 * bound. States made with different expectations are refused.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "agg.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "log.h"
#include "opts.h"
#include "report.h"
#include "state.h"
#include "summary.h"
#include "xmalloc.h"

static const struct cmd_opt merge_opts[] = {
	{ OPT_OUTPUT, "write summary.txt, report.json,\nmoments.csv, report.html, "
	  "report.md and\ncharts/ in DIR" },
	{ OPT_FORMAT, "reports to write, from text, json, csv,\nhtml, md (as for "
	  "analyze)" },
	{ OPT_CHARTS, "as for analyze" },
	{ OPT_GNUPLOT, "as for analyze" },
	{ OPT_SAVE_STATE, "save the merged state too" },
	{ OPT_ALLOW_OVERLAP, NULL },
	{ OPT_QUIET, NULL },
	{ OPT_HELP, NULL },
	CMD_OPT_END
};

static int
path_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static int
same_by(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

static int
cmd_merge(int argc, char **argv)
{
	const struct cmd_entry	*c = &cmd_merge_entry;
	struct expectations	*e = NULL, *e2;
	struct agg		 a, a2;
	struct state_inputs	*in = NULL, all;
	const struct state_input *hit;
	struct summary		 sum;
	struct report		 rep;
	struct opts		 opts;
	const char		*outdir, *save;
	unsigned		 chart_fmts = 0;
	char			*cause = NULL, *by = NULL, *by2, **files;
	int			 want[REPORT_MAX_WRITERS] = { 0 }, rc = 0;
	int			 have_agg = 0, have_sum = 0, overlap = 0;
	size_t			 i, k, n = 0;

	if ((rc = opts_parse(c, argc, argv, &opts)) != 0)
		return (rc == -1 ? 0 : rc);
	opts_log(&opts);
	outdir = opts_text(&opts, OPT_OUTPUT);
	save = opts_text(&opts, OPT_SAVE_STATE);
	overlap = opts_given(&opts, OPT_ALLOW_OVERLAP);
	if (opts.noperands == 0)
		return (cmd_usage_error(c, "no state file"));
	if (report_plan(opts_text(&opts, OPT_FORMAT), opts_text(&opts,
	    OPT_CHARTS), outdir, want, &chart_fmts, &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		return (rc);
	}
	n = opts.noperands;
	files = xreallocarray(NULL, n, sizeof *files);
	for (i = 0; i < n; i++)
		files[i] = opts.operands[i];
	qsort(files, n, sizeof *files, path_cmp);

	in = xcalloc(n, sizeof *in);
	for (i = 0; i < n; i++) {
		verbosef("reading %s", files[i]);
		if (i == 0) {
			if ((rc = state_load(files[i], &e, &a, &by, &in[i],
			    &cause)) != 0)
				goto out;
			have_agg = 1;
			continue;
		}
		if ((rc = state_load(files[i], &e2, &a2, &by2, &in[i],
		    &cause)) != 0)
			goto out;
		hit = NULL;
		for (k = 0; k < i && !overlap && hit == NULL; k++)
			hit = state_overlap(&in[i], &in[k]);
		if (e2->hash != e->hash || !same_by(by, by2)) {
			cause = xasprintf("%s: made with %s than %s; states can "
			    "only be merged when all were made with the same "
			    "expectations and --by", files[i], e2->hash !=
			    e->hash ? "other expectations" : "another --by",
			    files[0]);
			rc = MOT_EXIT_DATAERR;
		} else if (hit != NULL) {
			cause = xasprintf("%s: overlaps %s: both hold %s (%"
			    PRIu64 " bytes%s); merged, its journeys would "
			    "count twice (--allow-overlap merges anyway)",
			    files[i], files[k - 1], hit->path, hit->size,
			    hit->known ? ", the same first bytes" :
			    ", the same time range");
			rc = MOT_EXIT_DATAERR;
		} else if ((rc = state_merge_fits(&a, &a2, files[i],
		    &cause)) == 0)
			agg_merge(&a, &a2);
		agg_free(&a2);
		expect_free(e2);
		free(by2);
		if (rc != 0)
			goto out;
	}
	agg_sort_inputs(&a);
	memset(&all, 0, sizeof all);
	for (i = 0; i < n; i++)
		state_inputs_add(&all, &in[i]);
	if (save != NULL)
		rc = state_save_merged(save, files[0], e, &a, &all, &cause);
	state_inputs_free(&all);
	if (rc != 0 || (rc = agg_finish(&a, &cause)) != 0)
		goto out;
	summary_make(&sum, e, &a);
	have_sum = 1;
	memset(&rep, 0, sizeof rep);
	rep.e = e;
	rep.a = &a;
	rep.s = &sum;
	rep.by = by;
	if (outdir != NULL && (rc = afile_mkdirs(outdir, &cause)) != 0)
		goto out;
	rc = report_publish(&rep, outdir, want, chart_fmts,
	    opts_text(&opts, OPT_GNUPLOT), NULL, &cause);
out:
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	if (have_sum)
		summary_free(&sum);
	if (have_agg)
		agg_free(&a);
	expect_free(e);
	free(by);
	for (i = 0; in != NULL && i < n; i++)
		state_inputs_free(&in[i]);
	free(in);
	free(files);
	return (rc);
}

const struct cmd_entry cmd_merge_entry = {
	"merge", cmd_merge,
	"merge [-o DIR] [--format LIST] [--allow-overlap] STATE...",
	"Combine the states saved by mot analyze --save-state (runs over other\n"
	"files, days or machines) into the report one run over all their\n"
	"inputs would have given: counts identical, percentiles within the\n"
	"sketch's 1% bound. States made with other expectations or --by, or\n"
	"in another format version, are refused, and so are states that\n"
	"overlap: that hold the same input (same size and first 64 KiB; for\n"
	"standard input, same size and time range), whose journeys would\n"
	"count twice. occurrences.csv is not written: states keep\n"
	"aggregates, not occurrences.\n",
	merge_opts
};
