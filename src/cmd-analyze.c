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
#include "clock.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "log.h"
#include "read.h"
#include "report.h"
#include "summary.h"
#include "tz.h"
#include "xmalloc.h"

/* Rejected journeys reported one by one on stderr before a count takes over. */
#define REJECT_SHOWN	10

struct analyze {
	struct expectations	*e;
	struct tz		*zone;
	struct agg		 agg;
	struct occ_vec		 occ;
	struct afile		 occ_file;	/* occurrences.csv, or f NULL */
	const char		*by;
	int			 strict;
	uint64_t		 rejected_shown;
};

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct analyze		*an = arg;
	const struct moment	*m;
	const char		*value = NULL;
	char			 why[200];
	size_t			 i;

	an->occ.n = 0;
	for (i = 0; j->reject == NULL && i < an->e->nmoments; i++) {
		if (clock_find(an->e, i, j, an->zone, &an->occ, why,
		    sizeof why) != 0)
			journey_reject(j, j->line, "bad time", "%s", why);
	}
	if (j->reject != NULL) {
		agg_reject(&an->agg, j);
		if (an->strict) {
			*cause = xasprintf("%s:%lu: journey%s%s%s rejected: "
			    "%s (--strict)", j->file, j->reject_line,
			    j->id != NULL ? " \"" : "",
			    j->id != NULL ? j->id : "",
			    j->id != NULL ? "\"" : "", j->reject_detail);
			return (MOT_EXIT_DATAERR);
		}
		if (an->rejected_shown++ < REJECT_SHOWN)
			warnf("%s:%lu: journey%s%s%s skipped: %s", j->file,
			    j->reject_line, j->id != NULL ? " \"" : "",
			    j->id != NULL ? j->id : "",
			    j->id != NULL ? "\"" : "", j->reject_detail);
		return (0);
	}
	for (i = 0; i < an->occ.n; i++) {
		m = &an->e->moments[an->occ.v[i].moment];
		clock_score(&an->occ.v[i], m, &an->e->params);
	}
	if (an->occ_file.f != NULL) {
		if (an->by != NULL && ((value = journey_attr(j, an->by)) ==
		    NULL || *value == '\0'))
			value = AGG_NO_VALUE;
		for (i = 0; i < an->occ.n; i++)
			report_occ_row(an->occ_file.f, j,
			    &an->e->moments[an->occ.v[i].moment],
			    &an->occ.v[i], value);
	}
	agg_journey(&an->agg, j, an->occ.v, an->occ.n);
	return (0);
}

/* Say what an XES file lacked, once per file, so nothing is dropped unseen. */
static void
report_input_warnings(const char *path, const struct read_stats *st)
{
	if (st->events_no_time > 0)
		warnf("%s: %llu events without time:timestamp left out", path,
		    (unsigned long long)st->events_no_time);
	if (st->events_bad_time > 0)
		warnf("%s: %llu events with an unreadable time:timestamp left "
		    "out", path, (unsigned long long)st->events_bad_time);
	if (st->unpaired_starts > 0)
		verbosef("%s: %llu start events never completed (open)", path,
		    (unsigned long long)st->unpaired_starts);
}

static int
path_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Parse "text,csv,json" into flags by writer index; -1 on an unknown name. */
static int
parse_formats(const char *list, int *want, const char **bad)
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

static const struct option analyze_opts[] = {
	{ "expectations", required_argument, NULL, 'e' },
	{ "output", required_argument, NULL, 'o' },
	{ "by", required_argument, NULL, 'b' },
	{ "format", required_argument, NULL, 'f' },
	{ "assume-zone", required_argument, NULL, 'z' },
	{ "classifier", required_argument, NULL, 'c' },
	{ "strict", no_argument, NULL, 's' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
cmd_analyze(int argc, char **argv)
{
	const struct cmd_entry		*c = &cmd_analyze_entry;
	const struct report_writer	*w;
	struct analyze			 an;
	struct read_opts		 ro;
	struct read_stats		 st;
	struct summary			 sum;
	struct report			 rep;
	struct afile			 out[8];
	const char			*exp_path = NULL, *outdir = NULL;
	const char			*formats = NULL, *zone = NULL, *bad;
	const char			*classifier = NULL;
	char				*cause = NULL, **files = NULL;
	int				 want[8] = { 0 }, ch, rc = 0, nstdin = 0;
	int				 have_sum = 0;
	size_t				 i, nfiles, nout = 0;

	memset(&an, 0, sizeof an);
	while ((ch = getopt_long(argc, argv, "e:o:qvh", analyze_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e':
			exp_path = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'b':
			an.by = optarg;
			break;
		case 'f':
			formats = optarg;
			break;
		case 'z':
			zone = optarg;
			break;
		case 'c':
			classifier = optarg;
			break;
		case 's':
			an.strict = 1;
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
	if (exp_path == NULL)
		return (cmd_usage_error(c, "no expectations file (-e FILE)"));
	if (optind == argc)
		return (cmd_usage_error(c, "no journeys file (use - for "
		    "standard input)"));
	if (an.by != NULL && *an.by == '\0')
		return (cmd_usage_error(c, "--by needs an attribute name"));
	if (formats == NULL)
		formats = outdir != NULL ? "text,json,csv" : "text";
	if (parse_formats(formats, want, &bad) != 0)
		return (cmd_usage_error(c, "unknown format in \"%s\" (known: "
		    "text, json, csv)", bad));
	nfiles = (size_t)(argc - optind);
	files = xreallocarray(NULL, nfiles, sizeof *files);
	for (i = 0; i < nfiles; i++) {
		files[i] = argv[optind + (int)i];
		if (strcmp(files[i], "-") == 0 && nstdin++ > 0) {
			free(files);
			return (cmd_usage_error(c, "standard input (-) given "
			    "twice"));
		}
	}
	/* Read in name order: the results do not depend on the order given. */
	qsort(files, nfiles, sizeof *files, path_cmp);

	if ((rc = expect_load(exp_path, &an.e, &cause)) != 0)
		goto out;
	if (zone != NULL && (an.zone = tz_load(zone, &cause)) == NULL) {
		rc = MOT_EXIT_USAGE;
		goto out;
	}
	if (outdir != NULL) {
		if ((rc = afile_mkdirs(outdir, &cause)) != 0)
			goto out;
		if (want[2]) {
			if ((rc = afile_open(&an.occ_file, outdir,
			    "occurrences.csv", &cause)) != 0)
				goto out;
			report_occ_header(an.occ_file.f, an.by);
		}
	}
	agg_init(&an.agg, an.e, an.by);
	memset(&ro, 0, sizeof ro);
	ro.zone = an.zone;
	ro.names = &an.e->names;
	ro.classifier = classifier != NULL ? classifier : an.e->classifier;
	ro.outcome = &an.e->outcome;
	ro.arg = &an;
	for (i = 0; i < nfiles; i++) {
		verbosef("reading %s", files[i]);
		if ((rc = read_file(files[i], &ro, on_journey, &st,
		    &cause)) != 0)
			goto out;
		agg_input(&an.agg, strcmp(files[i], "-") == 0 ? "(stdin)" :
		    files[i], &st);
		report_input_warnings(files[i], &st);
	}
	if (an.agg.journeys_rejected > REJECT_SHOWN)
		warnf("%llu journeys skipped in all (see the report's "
		    "rejections)",
		    (unsigned long long)an.agg.journeys_rejected);

	summary_make(&sum, an.e, &an.agg);
	have_sum = 1;
	for (i = 0; i < sum.n; i++) {
		if (sum.ms[i].unseen != NULL)
			warnf("moment \"%s\": no touchpoint named \"%s\" in "
			    "the input", sum.ms[i].m->id, sum.ms[i].unseen);
	}
	memset(&rep, 0, sizeof rep);
	rep.e = an.e;
	rep.a = &an.agg;
	rep.s = &sum;
	rep.by = an.by;
	rep.zone = zone;

	if (outdir != NULL) {
		for (w = report_writers; w->format != NULL; w++) {
			if (!want[w - report_writers])
				continue;
			if ((rc = afile_open(&out[nout], outdir, w->file,
			    &cause)) != 0)
				goto out;
			w->write(&rep, out[nout++].f);
		}
		for (i = 0; i < nout; i++) {
			if ((rc = afile_commit(&out[i], &cause)) != 0)
				goto out;
		}
		if (an.occ_file.f != NULL &&
		    (rc = afile_commit(&an.occ_file, &cause)) != 0)
			goto out;
		if (want[0])
			report_text(&rep, stdout);
	} else {
		for (w = report_writers; w->format != NULL; w++) {
			if (want[w - report_writers])
				w->write(&rep, stdout);
		}
	}
out:
	for (i = 0; i < nout; i++)
		afile_abort(&out[i]);
	afile_abort(&an.occ_file);
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	if (have_sum)
		summary_free(&sum);
	if (an.e != NULL)
		agg_free(&an.agg);
	occ_vec_free(&an.occ);
	tz_free(an.zone);
	expect_free(an.e);
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
	"                           occurrences.csv and summary.txt in DIR\n"
	"      --by=ATTR            break every moment down by a journey\n"
	"                           attribute (segment, region, ...)\n"
	"      --format=LIST        reports to write, from text, json, csv\n"
	"                           (default: text; with -o: text,json,csv);\n"
	"                           without -o they go to standard output\n"
	"      --assume-zone=ZONE   zone of times written without an offset:\n"
	"                           UTC, +02:00 or a name like Europe/Paris\n"
	"      --classifier=KEYS    XES: the event attributes whose values,\n"
	"                           joined with +, name a touchpoint (default\n"
	"                           concept:name)\n"
	"      --strict             stop at the first rejected journey\n"
	"  -q, --quiet              no warnings\n"
	"  -v, --verbose            say what is being read\n"
	"  -h, --help               show this help\n"
};
