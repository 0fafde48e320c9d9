/*
 * cmd-analyze.c - mot analyze: read journeys, score every moment of truth
 * against the expectations, and write the reports. Data flows one way: read
 * one journey, score it, add it to the aggregates, forget it; then write.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "agg.h"
#include "chart.h"
#include "clock.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "log.h"
#include "opts.h"
#include "progress.h"
#include "report.h"
#include "run.h"
#include "state.h"
#include "xmalloc.h"

static const struct cmd_opt analyze_opts[] = {
	{ OPT_EXPECTATIONS, NULL },
	{ OPT_OUTPUT, NULL },
	{ OPT_BY, NULL },
	{ OPT_FORMAT, NULL },
	{ OPT_CHARTS, NULL },
	{ OPT_GNUPLOT, NULL },
	{ OPT_ASSUME_ZONE, NULL },
	{ OPT_CLASSIFIER, NULL },
	{ OPT_STRICT, NULL },
	{ OPT_AS_OF, NULL },
	{ OPT_JOBS, NULL },
	{ OPT_SAVE_STATE, NULL },
	{ OPT_QUIET, NULL },
	{ OPT_VERBOSE, NULL },
	{ OPT_HELP, NULL },
	{ OPT_TITLE, NULL },
	{ OPT_FORMAT_IN, NULL },
	{ OPT_MEMORY, NULL },
	CMD_OPT_END
};

static int
cmd_analyze(int argc, char **argv)
{
	const struct cmd_entry		*c = &cmd_analyze_entry;
	struct opts			 opts;
	struct run_opts			 o;
	struct run			 r;
	struct report			 rep;
	struct afile			 occ;
	const char			*outdir;
	unsigned			 chart_fmts = 0;
	char				*cause = NULL, **files = NULL;
	int				 want[REPORT_MAX_WRITERS] = { 0 }, rc = 0;
	size_t				 nfiles;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	memset(&occ, 0, sizeof occ);
	if ((rc = opts_parse(c, argc, argv, &opts)) != 0)
		return (rc == -1 ? 0 : rc);
	opts_log(&opts);
	if ((rc = opts_run(c, &opts, &o)) != 0)
		return (rc);
	if ((rc = opts_inputs(c, &opts, &files, &nfiles)) != 0)
		return (rc);
	outdir = opts_text(&opts, OPT_OUTPUT);
	if (report_plan(opts_text(&opts, OPT_FORMAT), opts_text(&opts,
	    OPT_CHARTS), outdir, want, &chart_fmts, &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		free(files);
		return (rc);
	}

	if ((rc = run_load(&r, &o, &cause)) != 0)
		goto out;
	if (outdir != NULL) {
		if ((rc = afile_mkdirs(outdir, &cause)) != 0)
			goto out;
		if (report_wants(want, "csv")) {
			if ((rc = afile_open(&occ, outdir, REPORT_OCC_FILE,
			    &cause)) != 0)
				goto out;
			report_occ_header(occ.f, o.by);
			o.occ = occ.f;
		}
	}
	o.save_state = opts_text(&opts, OPT_SAVE_STATE);
	progress_start(files, nfiles);
	rc = run_inputs(&r, files, nfiles, &cause);
	progress_end();
	if (rc != 0)
		goto out;

	memset(&rep, 0, sizeof rep);
	rep.e = r.e;
	rep.a = &r.agg;
	rep.s = &r.sum;
	rep.by = o.by;
	rep.zone = o.zone;
	rep.title = opts_text(&opts, OPT_TITLE);
	rc = report_publish(&rep, outdir, want, chart_fmts,
	    opts_text(&opts, OPT_GNUPLOT),
	    occ.f != NULL ? &occ : NULL, &cause);
out:
	afile_abort(&occ);
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	run_free(&r);
	free(files);
	return (rc);
}

const struct cmd_entry cmd_analyze_entry = {
	"analyze", cmd_analyze,
	"analyze -e EXPECTATIONS [-o DIR] [--by ATTR] [--format LIST] FILE...",
	"Score every moment of truth in the journeys FILE... (mot's journeys\n"
	"format or XES event logs; - for standard input; gzip-compressed\n"
	"files are read as they are) against the expectations, and print the\n"
	"weakest moments first.\n",
	analyze_opts
};
