/*
 * cmd-merge.c - mot merge: combine the states saved by several runs
 * (mot analyze --save-state) into the report one run over all their inputs
 * would have given: counts identical, percentiles within the sketch's
 * bound. States made with different expectations are refused.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "agg.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "log.h"
#include "report.h"
#include "state.h"
#include "summary.h"
#include "xmalloc.h"

static const struct option merge_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "charts", required_argument, NULL, 'C' },
	{ "gnuplot", required_argument, NULL, 'G' },
	{ "save-state", required_argument, NULL, 'S' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
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
	struct summary		 sum;
	struct report		 rep;
	const char		*outdir = NULL, *formats = NULL;
	const char		*save = NULL, *charts_opt = NULL, *gnuplot = NULL;
	unsigned		 chart_fmts = 0;
	char			*cause = NULL, *by = NULL, *by2, **files;
	int			 want[REPORT_MAX_WRITERS] = { 0 }, ch, rc = 0;
	int			 have_agg = 0, have_sum = 0;
	size_t			 i, n;

	while ((ch = cmd_getopt(c, argc, argv, "o:qh", merge_opts)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 'f':
			formats = optarg;
			break;
		case 'S':
			save = optarg;
			break;
		case 'C':
			charts_opt = optarg;
			break;
		case 'G':
			gnuplot = optarg;
			break;
		case 'q':
			log_set_level(-1);
			break;
		case 'h':
			cmd_help(c);
			return (0);
		default:
			fprintf(stderr, "Try 'mot merge --help' for more "
			    "information.\n");
			return (MOT_EXIT_USAGE);
		}
	}
	if (optind == argc)
		return (cmd_usage_error(c, "no state file"));
	if (report_plan(formats, charts_opt, outdir, want, &chart_fmts,
	    &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		return (rc);
	}
	n = (size_t)(argc - optind);
	files = xreallocarray(NULL, n, sizeof *files);
	for (i = 0; i < n; i++)
		files[i] = argv[optind + (int)i];
	qsort(files, n, sizeof *files, path_cmp);

	for (i = 0; i < n; i++) {
		verbosef("reading %s", files[i]);
		if (i == 0) {
			if ((rc = state_load(files[i], &e, &a, &by,
			    &cause)) != 0)
				goto out;
			have_agg = 1;
			continue;
		}
		if ((rc = state_load(files[i], &e2, &a2, &by2, &cause)) != 0)
			goto out;
		if (e2->hash != e->hash || !same_by(by, by2)) {
			cause = xasprintf("%s: made with %s than %s; states can "
			    "only be merged when all were made with the same "
			    "expectations and --by", files[i], e2->hash !=
			    e->hash ? "other expectations" : "another --by",
			    files[0]);
			rc = MOT_EXIT_DATAERR;
		} else
			agg_merge(&a, &a2);
		agg_free(&a2);
		expect_free(e2);
		free(by2);
		if (rc != 0)
			goto out;
	}
	agg_sort_inputs(&a);
	if (save != NULL && (rc = state_save_merged(save, files[0], e, &a,
	    &cause)) != 0)
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
	rc = report_publish(&rep, outdir, want, chart_fmts, gnuplot, NULL,
	    &cause);
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
	free(files);
	return (rc);
}

const struct cmd_entry cmd_merge_entry = {
	"merge", cmd_merge,
	"merge [-o DIR] [--format LIST] STATE...",
	"Combine the states saved by mot analyze --save-state (runs over other\n"
	"files, days or machines) into the report one run over all their\n"
	"inputs would have given: counts identical, percentiles within the\n"
	"sketch's 1% bound. States made with other expectations or --by, or\n"
	"in another format version, are refused. occurrences.csv is not\n"
	"written: states keep aggregates, not occurrences.\n"
	"\n"
	"  -o, --output=DIR         write summary.txt, report.json,\n"
	"                           moments.csv, report.html, report.md and\n"
	"                           charts/ in DIR\n"
	"      --format=LIST        reports to write, from text, json, csv,\n"
	"                           html, md (as for analyze)\n"
	"      --charts=LIST        as for analyze\n"
	"      --gnuplot=PATH       as for analyze\n"
	"      --save-state=FILE    save the merged state too\n"
	"  -q, --quiet              no warnings\n"
	"  -h, --help               show this help\n"
};
