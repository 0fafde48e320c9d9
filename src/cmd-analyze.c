/*
 * cmd-analyze.c - mot analyze: read journeys, score every moment of truth
 * against the expectations, and write the reports. Data flows one way: read
 * one journey, score it, add it to the aggregates, forget it; then write.
 */
#include <config.h>

#include <getopt.h>
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
#include "num.h"
#include "progress.h"
#include "report.h"
#include "run.h"
#include "state.h"
#include "xmalloc.h"

static const struct option analyze_opts[] = {
	{ "expectations", required_argument, NULL, 'e' },
	{ "output", required_argument, NULL, 'o' },
	{ "by", required_argument, NULL, 'b' },
	{ "format", required_argument, NULL, 'f' },
	{ "assume-zone", required_argument, NULL, 'z' },
	{ "classifier", required_argument, NULL, 'c' },
	{ "strict", no_argument, NULL, 's' },
	{ "as-of", required_argument, NULL, 'A' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "save-state", required_argument, NULL, 'S' },
	{ "charts", required_argument, NULL, 'C' },
	{ "gnuplot", required_argument, NULL, 'G' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
cmd_analyze(int argc, char **argv)
{
	const struct cmd_entry		*c = &cmd_analyze_entry;
	struct run_opts			 o;
	struct run			 r;
	struct report			 rep;
	struct afile			 occ;
	const char			*outdir = NULL, *formats = NULL;
	const char			*state = NULL;
	const char			*charts_opt = NULL, *gnuplot = NULL;
	unsigned			 chart_fmts = 0;
	char				*cause = NULL, **files = NULL;
	int				 want[REPORT_MAX_WRITERS] = { 0 }, ch, rc = 0;
	int64_t				 n;
	size_t				 i, nfiles;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	memset(&occ, 0, sizeof occ);
	while ((ch = cmd_getopt(c, argc, argv, "e:o:j:qvh", analyze_opts)) !=
	    -1) {
		switch (ch) {
		case 'e':
			o.expectations = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'b':
			o.by = optarg;
			break;
		case 'f':
			formats = optarg;
			break;
		case 'z':
			o.zone = optarg;
			break;
		case 'c':
			o.classifier = optarg;
			break;
		case 's':
			o.strict = 1;
			break;
		case 'A':
			if (cmd_as_of(c, optarg, &o.as_of) != 0)
				return (MOT_EXIT_USAGE);
			o.has_as_of = 1;
			break;
		case 'S':
			state = optarg;
			break;
		case 'C':
			charts_opt = optarg;
			break;
		case 'G':
			gnuplot = optarg;
			break;
		case 'j':
			if (num_int(optarg, 1, 256, &n) != 0)
				return (cmd_usage_error(c, "-j needs a number of "
				    "readers from 1 to 256, not \"%s\"", optarg));
			o.jobs = (int)n;
			break;
		case 'q':
			log_set_level(-1);
			break;
		case 'v':
			log_set_level(1);
			break;
		case 'h':
			cmd_help(c);
			return (0);
		default:
			fprintf(stderr, "Try 'mot analyze --help' for more "
			    "information.\n");
			return (MOT_EXIT_USAGE);
		}
	}
	if (o.expectations == NULL)
		return (cmd_usage_error(c, "no expectations file (-e FILE)"));
	if (optind == argc)
		return (cmd_usage_error(c, "no journeys file (use - for "
		    "standard input)"));
	if (o.by != NULL && *o.by == '\0')
		return (cmd_usage_error(c, "--by needs an attribute name"));
	if (report_plan(formats, charts_opt, outdir, want, &chart_fmts,
	    &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		return (rc);
	}
	nfiles = (size_t)(argc - optind);
	files = xreallocarray(NULL, nfiles, sizeof *files);
	for (i = 0; i < nfiles; i++)
		files[i] = argv[optind + (int)i];
	if (run_sort_inputs(files, nfiles, &cause) != 0) {
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
		if (want[2]) {
			if ((rc = afile_open(&occ, outdir, "occurrences.csv",
			    &cause)) != 0)
				goto out;
			report_occ_header(occ.f, o.by);
			o.occ = occ.f;
		}
	}
	o.save_state = state;
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
	rc = report_publish(&rep, outdir, want, chart_fmts, gnuplot,
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
	"weakest moments first.\n"
	"\n"
	"  -e, --expectations=FILE  the moments and their zones of tolerance\n"
	"  -o, --output=DIR         also write report.json, moments.csv,\n"
	"                           occurrences.csv, summary.txt, report.html,\n"
	"                           report.md and charts/ in DIR\n"
	"      --by=ATTR            break every moment down by a journey\n"
	"                           attribute (segment, region, ...)\n"
	"      --format=LIST        reports to write, from text, json, csv,\n"
	"                           html, md (default: text; with -o: all);\n"
	"                           without -o they go to standard output\n"
	"      --charts=LIST        charts to draw in DIR/charts with gnuplot,\n"
	"                           from png, svg, pdf, none (default with -o\n"
	"                           and html or md: png); dumb prints the\n"
	"                           weakest moments on the terminal\n"
	"      --gnuplot=PATH       the gnuplot to run (default: $MOT_GNUPLOT,\n"
	"                           else gnuplot on PATH); when it is missing\n"
	"                           (69) or fails (70), the rest is written\n"
	"      --assume-zone=ZONE   zone of times written without an offset:\n"
	"                           UTC, +02:00 or a name like Europe/Paris\n"
	"      --classifier=KEYS    XES: the event attributes whose values,\n"
	"                           joined with +, name a touchpoint (default\n"
	"                           concept:name)\n"
	"      --strict             stop at the first rejected journey\n"
	"      --as-of=TIME         the time the data describes: ISO 8601 with\n"
	"                           an offset, or now (default: the latest\n"
	"                           touchpoint read)\n"
	"  -j, --jobs=N             read N files at once, 1 to 256 (default:\n"
	"                           one per core); results do not depend on N\n"
	"      --save-state=FILE    also save the run's aggregates, to combine\n"
	"                           with others by mot merge\n"
	"  -q, --quiet              no warnings\n"
	"  -v, --verbose            say what is being read\n"
	"  -h, --help               show this help\n"
};
