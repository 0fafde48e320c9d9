/*
 * opts.c - the options of every command in one table, opt_defs: each
 * option's name, letter, argument, range, default, refusal message and
 * help. A command lists the options it takes (struct cmd_opt); opts_parse
 * reads them with getopt_long, checks every value strictly (src/num.c)
 * and fills defaults, and opts_help prints --help from the same table, so
 * that an option reads and documents itself the same way in every command.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exitcode.h"
#include "log.h"
#include "num.h"
#include "opts.h"
#include "read.h"
#include "run.h"
#include "xmalloc.h"

/* Long options without a letter return this plus their id from getopt. */
#define OPT_VAL_BASE	256

static const struct opt_def opt_defs[] = {
	{ OPT_EXPECTATIONS, "expectations", 'e', OPT_TEXT, "FILE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "the moments, their zones of tolerance and\nobjectives" },
	{ OPT_OUTPUT, "output", 'o', OPT_TEXT, "DIR",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "also write report.json, moments.csv,\noccurrences.csv, summary.txt, "
	  "report.html,\nreport.md and charts/ in DIR" },
	{ OPT_BY, "by", 0, OPT_NONEMPTY, "ATTR",
	  0, 0, 0, NULL, 0, 0, "an attribute name",
	  "break every moment down by a journey\nattribute (segment, region, ...),\nelse a touchpoint attribute (docs/report.md)" },
	{ OPT_FORMAT, "format", 0, OPT_TEXT, "LIST",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "reports to write, from text, json, csv,\nhtml, md (default: text; "
	  "with -o: all);\nwithout -o they go to standard output" },
	{ OPT_CHARTS, "charts", 0, OPT_TEXT, "LIST",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "charts to draw in DIR/charts with gnuplot,\nfrom png, svg, pdf, none "
	  "(default with -o\nand html or md: png); dumb prints the\nweakest "
	  "moments on the terminal; with\nnone an earlier run's charts are "
	  "removed" },
	{ OPT_GNUPLOT, "gnuplot", 0, OPT_TEXT, "PATH",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "the gnuplot to run (default: $MOT_GNUPLOT,\nelse gnuplot on PATH); "
	  "when it is missing\n(69) or fails (70), the rest is written" },
	{ OPT_ASSUME_ZONE, "assume-zone", 0, OPT_TEXT, "ZONE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "zone of times written without an offset:\nUTC, +02:00 or a name like "
	  "Europe/Paris" },
	{ OPT_CLASSIFIER, "classifier", 0, OPT_TEXT, "KEYS",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "XES: the event attributes whose values,\njoined with +, name a "
	  "touchpoint (default\nconcept:name)" },
	{ OPT_STRICT, "strict", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "stop at the first rejected journey" },
	{ OPT_AS_OF, "as-of", 0, OPT_TIME, "TIME",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "the time the data describes: ISO 8601 with\nan offset, or now "
	  "(default: the latest\ntouchpoint read)" },
	{ OPT_JOBS, "jobs", 'j', OPT_COUNT, "N",
	  1, 256, 0, NULL, 0, 0, "a number of readers from 1 to 256",
	  "read N files at once, 1 to 256 (default:\none per core); results do "
	  "not depend on N" },
	{ OPT_SAVE_STATE, "save-state", 0, OPT_TEXT, "FILE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "also save the run's aggregates, to combine\nwith others by mot merge" },
	{ OPT_ALLOW_OVERLAP, "allow-overlap", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "merge states that hold the same input\n(its journeys count once per "
	  "state)" },
	{ OPT_BASELINE, "baseline", 0, OPT_TEXT, "REPORT",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "report.json of an earlier mot analyze -o" },
	{ OPT_JUNIT, "junit", 0, OPT_TEXT, "FILE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "also write JUnit XML (one testcase per\nmoment and check)" },
	{ OPT_JSON, "json", 0, OPT_TEXT, "FILE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "also write the results as JSON" },
	{ OPT_TAP, "tap", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "print TAP instead of the table" },
	{ OPT_WINDOW, "window", 0, OPT_TEXT, "DURATION",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "only occurrences that stopped in the last\nDURATION before as_of "
	  "(ISO 8601: P28D,\nPT12H, P2W, P1M; not with - unless --as-of)" },
	{ OPT_MIN_OCCURRENCES, "min-occurrences", 0, OPT_COUNT, "N",
	  1, 1e15, 0, NULL, 0, 30, "a whole number from 1 to 10^15",
	  "fewer occurrences are not decided" },
	{ OPT_ALPHA, "alpha", 0, OPT_REAL, "A",
	  0, 1, 1, NULL, 1, 0.05, "a number between 0 and 1 (like 0.05)",
	  "false discovery rate of the regression\ntests" },
	{ OPT_MIN_CHANGE, "min-change", 0, OPT_REAL, "PP",
	  0, 100, 0, "pp", 0.01, 2, "percentage points from 0 to 100 (like 2)",
	  "smallest breach-rate rise that fails, in\npercentage points" },
	{ OPT_MAX_P90_INCREASE, "max-p90-increase", 0, OPT_REAL, "PCT",
	  0, 1e6, 0, "%", 0.01, 20, "a percentage from 0 to 1000000 (like 20)",
	  "largest p90 rise that passes, percent; a\nlarger one fails only when the share past\nthe baseline's p90 is significantly above\n10% (exact beta-binomial, or Kaplan-Meier\nwith clocks still running; adjusted with the\nbreach-rate tests)" },
	{ OPT_STRICT_OBJECTIVES, "strict-objectives", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "an objective missed within noise fails too" },
	{ OPT_FAIL_ON_WARNING, "fail-on-warning", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "every warning fails" },
	{ OPT_QUIET, "quiet", 'q', OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "no warnings" },
	{ OPT_VERBOSE, "verbose", 'v', OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "say what is being read" },
	{ OPT_HELP, "help", 'h', OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "show this help" },
	{ OPT_BURN_RATE, "burn-rate", 0, OPT_TEXT, "LONG,SHORT",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "fail a moment whose error budget burns\nfaster than --burn-threshold "
	  "in both\nwindows ending at as_of (ISO 8601, like\nP7D,P1D; not with "
	  "- unless --as-of)" },
	{ OPT_BURN_THRESHOLD, "burn-threshold", 0, OPT_REAL, "X",
	  0, 1e6, 1, NULL, 1, 2, "a number above 0 and below 1000000 (like 2)",
	  "the burn rate both windows must exceed" },
	{ OPT_ALLOW_MISSING, "allow-missing", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "a moment that names a touchpoint no\njourney has is skipped (SKIP), "
	  "not an\nerror (exit 78: a typo, most often)" },
	{ OPT_HISTORY, "history", 0, OPT_TEXT, "FILE",
	  0, 0, 0, NULL, 0, 0, NULL,
	  "decide each objective over every run\nrecorded in FILE, by a "
	  "confidence sequence\n(a moment that meets it fails at most 5%\nof "
	  "the time over any number of runs), and\nadd this run's occurrences: "
	  "those that\nstopped since the last run's as_of" },
	{ OPT_TITLE, "title", 0, OPT_NONEMPTY, "TEXT",
	  0, 0, 0, NULL, 0, 0, "a title",
	  "the title of report.html and report.md\n(default: the expectations' "
	  "title, else\nMoments of truth)" },
	{ OPT_FORMAT_IN, "format-in", 0, OPT_NONEMPTY, "FORMAT",
	  0, 0, 0, NULL, 0, 0, "csv, tsv, xml, ocel, ocel-json or ocel-sqlite",
	  "read every input as csv, tsv, xml, ocel\n(OCEL 2.0 XML), ocel-json or ocel-sqlite\n(default: .csv and .tsv names, also .gz,\nare CSV, .xmlocel, .jsonocel and .sqlite\nOCEL, the rest XML)" },
	{ OPT_MEMORY, "memory", 0, OPT_SIZE, "SIZE",
	  1 << 20, 1e15, 0, NULL, 0, 256 << 20, "a size from 1M (like 256M or 2G)",
	  "CSV rows of a journey that lie apart are\ngathered in SIZE bytes, "
	  "then in sorted\nruns in $TMPDIR (default 256M)" },
	{ OPT_JSON_OUT, "json", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "print JSON instead of text" },
	{ OPT_ALL, "all", 0, OPT_FLAG, NULL,
	  0, 0, 0, NULL, 0, 0, NULL,
	  "list every name and value kept, not the\nfirst 50 names and 5 values" },
	{ OPT_SHARDS, "shards", 'n', OPT_COUNT, "N",
	  1, 10000, 0, NULL, 0, 0, "a number of pieces from 1 to 10000",
	  "cut into N pieces, 1 to 10000 (fewer when\nthe file has fewer journeys)" },
};

const struct opt_def *
opts_def(enum opt_id id)
{
	size_t	i;

	for (i = 0; i < sizeof opt_defs / sizeof opt_defs[0]; i++) {
		if (opt_defs[i].id == id)
			return (&opt_defs[i]);
	}
	errorf("option %d is not in opt_defs", (int)id);	/* a bug */
	abort();
}

/* The option of a command that getopt_long returned as val, or NULL. */
static const struct opt_def *
find_val(const struct cmd_entry *c, int val)
{
	const struct cmd_opt	*co;
	const struct opt_def	*d;

	for (co = c->opts; co->id != OPT_NIDS; co++) {
		d = opts_def(co->id);
		if ((d->letter != 0 && d->letter == val) ||
		    (d->letter == 0 && val == OPT_VAL_BASE + (int)d->id))
			return (d);
	}
	return (NULL);
}

/* Read one option's argument into v; 0, or MOT_EXIT_USAGE after saying why. */
static int
read_value(const struct cmd_entry *c, const struct opt_def *d,
    const char *arg, struct opt_value *v)
{
	uint64_t	size;
	int64_t		n;
	double		x;

	v->given = 1;
	v->text = arg;
	switch (d->type) {
	case OPT_FLAG:
	case OPT_TEXT:
		break;
	case OPT_NONEMPTY:
		if (*arg == '\0')
			return (cmd_usage_error(c, "--%s needs %s", d->name,
			    d->want));
		break;
	case OPT_COUNT:
		if (num_int(arg, (int64_t)d->min, (int64_t)d->max, &n) != 0)
			return (cmd_usage_error(c, "--%s needs %s, not \"%s\"",
			    d->name, d->want, arg));
		v->count = n;
		break;
	case OPT_REAL:
		if (num_double(arg, d->unit, d->min, d->max, &x) != 0 ||
		    (d->open && (x <= d->min || x >= d->max)))
			return (cmd_usage_error(c, "--%s needs %s, not \"%s\"",
			    d->name, d->want, arg));
		v->real = x * d->scale;
		break;
	case OPT_TIME:
		if (cmd_as_of(c, arg, &v->count) != 0)
			return (MOT_EXIT_USAGE);
		break;
	case OPT_SIZE:
		if (num_size(arg, &size) != 0 || size < d->min ||
		    size > d->max)
			return (cmd_usage_error(c, "--%s needs %s, not \"%s\"",
			    d->name, d->want, arg));
		v->count = (int64_t)size;
		break;
	}
	return (0);
}

int
opts_parse(const struct cmd_entry *c, int argc, char **argv, struct opts *o)
{
	const struct cmd_opt	*co;
	const struct opt_def	*d;
	struct option		*longs;
	char			*shorts;
	size_t			 n = 0, ns = 0;
	int			 ch, rc = 0;

	memset(o, 0, sizeof *o);
	optind = 0;	/* from argv[1], and glibc forgets an earlier parse */
	for (co = c->opts; co->id != OPT_NIDS; co++)
		n++;
	longs = xcalloc(n + 1, sizeof *longs);
	shorts = xcalloc(2 * n + 1, 1);
	for (n = 0, co = c->opts; co->id != OPT_NIDS; co++, n++) {
		d = opts_def(co->id);
		longs[n].name = d->name;
		longs[n].has_arg = d->type == OPT_FLAG ? no_argument :
		    required_argument;
		longs[n].val = d->letter != 0 ? d->letter :
		    OPT_VAL_BASE + (int)d->id;
		if (d->letter != 0) {
			shorts[ns++] = (char)d->letter;
			if (d->type != OPT_FLAG)
				shorts[ns++] = ':';
		}
		o->v[d->id].count = (int64_t)d->dflt;
		o->v[d->id].real = d->dflt * d->scale;
	}
	while (rc == 0 && (ch = cmd_getopt(c, argc, argv, shorts, longs)) !=
	    -1) {
		if (ch == '?' || (d = find_val(c, ch)) == NULL) {
			fprintf(stderr, "Try 'mot %s --help' for more "
			    "information.\n", c->name);
			rc = MOT_EXIT_USAGE;
		} else if (d->id == OPT_HELP) {
			cmd_help(c);
			rc = -1;
		} else
			rc = read_value(c, d, optarg, &o->v[d->id]);
	}
	free(shorts);
	free(longs);
	o->operands = argv + optind;
	o->noperands = optind < argc ? (size_t)(argc - optind) : 0;
	return (rc);
}

int
opts_given(const struct opts *o, enum opt_id id)
{
	return (o->v[id].given);
}

const char *
opts_text(const struct opts *o, enum opt_id id)
{
	return (o->v[id].given ? o->v[id].text : NULL);
}

int64_t
opts_count(const struct opts *o, enum opt_id id)
{
	return (o->v[id].count);
}

double
opts_real(const struct opts *o, enum opt_id id)
{
	return (o->v[id].real);
}

void
opts_log(const struct opts *o)
{
	if (opts_given(o, OPT_QUIET))
		log_set_level(-1);
	if (opts_given(o, OPT_VERBOSE))
		log_set_level(1);
}

int
opts_run(const struct cmd_entry *c, const struct opts *o,
    struct run_opts *ro)
{
	if (!opts_given(o, OPT_EXPECTATIONS))
		return (cmd_usage_error(c, "no expectations file (-e FILE)"));
	ro->expectations = opts_text(o, OPT_EXPECTATIONS);
	ro->by = opts_text(o, OPT_BY);
	ro->zone = opts_text(o, OPT_ASSUME_ZONE);
	ro->classifier = opts_text(o, OPT_CLASSIFIER);
	ro->strict = opts_given(o, OPT_STRICT);
	if ((ro->has_as_of = opts_given(o, OPT_AS_OF)))
		ro->as_of = opts_count(o, OPT_AS_OF);
	ro->jobs = opts_given(o, OPT_JOBS) ? (int)opts_count(o, OPT_JOBS) : 0;
	ro->memory = (size_t)opts_count(o, OPT_MEMORY);
	return (opts_format_in(c, o, &ro->format_in));
}

int
opts_format_in(const struct cmd_entry *c, const struct opts *o, int *format)
{
	const char	*s = opts_text(o, OPT_FORMAT_IN);

	if (s == NULL)
		*format = READ_IN_AUTO;
	else if (strcmp(s, "csv") == 0)
		*format = READ_IN_CSV;
	else if (strcmp(s, "tsv") == 0)
		*format = READ_IN_TSV;
	else if (strcmp(s, "xml") == 0)
		*format = READ_IN_XML;
	else if (strcmp(s, "ocel") == 0)
		*format = READ_IN_OCEL;
	else if (strcmp(s, "ocel-json") == 0)
		*format = READ_IN_OCEL_JSON;
	else if (strcmp(s, "ocel-sqlite") == 0)
		*format = READ_IN_OCEL_SQLITE;
	else
		return (cmd_usage_error(c, "--format-in needs %s, not \"%s\"",
		    opts_def(OPT_FORMAT_IN)->want, s));
	return (0);
}

int
opts_inputs(const struct cmd_entry *c, const struct opts *o, char ***files,
    size_t *nfiles)
{
	char	*cause = NULL;
	int	 rc;

	*files = NULL;
	*nfiles = 0;
	if (o->noperands == 0)
		return (cmd_usage_error(c, "no journeys file (use - for "
		    "standard input)"));
	*files = xreallocarray(NULL, o->noperands, sizeof **files);
	memcpy(*files, o->operands, o->noperands * sizeof **files);
	*nfiles = o->noperands;
	if (run_sort_inputs(*files, *nfiles, &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		free(*files);
		*files = NULL;
		*nfiles = 0;
		return (rc);
	}
	return (0);
}

/* "  -e, --expectations=FILE": an option as --help shows it; its length. */
static int
help_name(const struct opt_def *d, char *buf, size_t len)
{
	char	letter[8] = "    ";

	if (d->letter != 0)
		snprintf(letter, sizeof letter, "-%c, ", d->letter);
	return (snprintf(buf, len, "  %s--%s%s%s", letter, d->name,
	    d->arg != NULL ? "=" : "", d->arg != NULL ? d->arg : ""));
}

void
opts_help(const struct cmd_entry *c)
{
	const struct cmd_opt	*co;
	const struct opt_def	*d;
	const char		*help, *p, *nl;
	char			 name[64];
	int			 w, col = 0;

	for (co = c->opts; co->id != OPT_NIDS; co++) {
		w = help_name(opts_def(co->id), name, sizeof name);
		if (w + 2 > col)
			col = w + 2;
	}
	for (co = c->opts; co->id != OPT_NIDS; co++) {
		d = opts_def(co->id);
		help = co->help != NULL ? co->help : d->help;
		w = help_name(d, name, sizeof name);
		printf("%-*s", col, name);
		for (p = help; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			printf("%.*s\n%*s", (int)(nl - p), p, col, "");
		printf("%s", p);
		if ((d->type == OPT_COUNT || d->type == OPT_REAL) &&
		    d->dflt >= d->min && d->dflt <= d->max)
			printf(" (%g)", d->dflt);
		printf("\n");
	}
}
