/*
 * cmd-check.c - mot check: a service-level gate for CI pipelines. Scores
 * the journeys like mot analyze, then checks every moment's objective
 * (against a Wilson bound, so noise does not fail a build), reports its
 * error budget, and with --baseline compares each moment with a previous
 * run's report.json (breach rate and p90). Writes a table (or TAP) to
 * standard output, and JUnit XML and JSON files on request. Exit status 1
 * when a check fails. The decisions are in check.c, the outputs in
 * check-report.c.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "baseline.h"
#include "check-report.h"
#include "check.h"
#include "cmd.h"
#include "exitcode.h"
#include "isotime.h"
#include "log.h"
#include "num.h"
#include "run.h"
#include "xmalloc.h"

/* A window of stop times ending at as_of: as given, and its bounds once as_of is known. */
struct window {
	struct check_span	 span;
	const char		*text;		/* NULL: none */
	mot_time		 start;		/* excluded */
	mot_time		 end;		/* as_of, included */
};

/* First pass: keep nothing; the run finds as_of, the latest touchpoint. */
static int
keep_none(const struct occurrence *o, void *arg)
{
	return (0);
}

/* Keep the occurrences that stopped in the window. */
static int
keep_window(const struct occurrence *o, void *arg)
{
	const struct window	*w = arg;

	return (o->stop != MOT_TIME_NONE && o->stop > w->start &&
	    o->stop <= w->end);
}

/* Split a path into folder and file name for afile; -1 with no file name. */
static int
split_path(const char *path, char **dir, const char **base)
{
	char	*slash;

	*dir = xstrdup(path);
	if ((slash = strrchr(*dir, '/')) == NULL) {
		free(*dir);
		*dir = xstrdup(".");
		*base = path;
	} else {
		*base = path + (slash - *dir) + 1;
		if (slash == *dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	if (**base == '\0' || strcmp(*base, ".") == 0 ||
	    strcmp(*base, "..") == 0) {
		free(*dir);
		*dir = NULL;
		return (-1);
	}
	return (0);
}

static int
write_file(const char *path, void (*fn)(const struct check_report *, FILE *),
    const struct check_report *cr, char **cause)
{
	struct afile	 af;
	const char	*base;
	char		*dir;
	int		 rc;

	if (split_path(path, &dir, &base) != 0) {
		*cause = xasprintf("%s: not a file name", path);
		return (MOT_EXIT_CANTCREAT);
	}
	rc = afile_open(&af, dir, base, cause);
	free(dir);
	if (rc != 0)
		return (rc);
	fn(cr, af.f);
	return (afile_commit(&af, cause));
}

static const struct option check_opts[] = {
	{ "expectations", required_argument, NULL, 'e' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "junit", required_argument, NULL, 'j' },
	{ "json", required_argument, NULL, 'J' },
	{ "tap", no_argument, NULL, 't' },
	{ "window", required_argument, NULL, 'w' },
	{ "min-occurrences", required_argument, NULL, 'n' },
	{ "alpha", required_argument, NULL, 'a' },
	{ "min-change", required_argument, NULL, 'c' },
	{ "max-p90-increase", required_argument, NULL, 'p' },
	{ "strict-objectives", no_argument, NULL, 'O' },
	{ "fail-on-warning", no_argument, NULL, 'W' },
	{ "assume-zone", required_argument, NULL, 'z' },
	{ "classifier", required_argument, NULL, 'C' },
	{ "strict", no_argument, NULL, 's' },
	{ "as-of", required_argument, NULL, 'A' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "burn-rate", required_argument, NULL, 'R' },
	{ "burn-threshold", required_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 }
};

/*
 * The time the windows end at: --as-of, or else the latest touchpoint,
 * found by a first pass over the inputs that keeps no occurrence.
 */
static int
find_as_of(struct run *r, const struct run_opts *o, char **files,
    size_t nfiles, mot_time *as_of, char **cause)
{
	struct run_opts	 first;
	int		 rc, level;

	if (o->has_as_of) {
		*as_of = o->as_of;
		return (0);
	}
	first = *o;
	first.keep = keep_none;
	first.keep_arg = NULL;
	first.windows = NULL;
	first.nwindows = 0;
	level = log_level();
	log_set_level(-1);	/* the second pass says it all */
	if ((rc = run_load(r, &first, cause)) == 0 &&
	    (rc = run_inputs(r, files, nfiles, cause)) == 0)
		*as_of = r->agg.as_of;	/* merged after the readers */
	log_set_level(level);
	run_free(r);
	return (rc);
}

/* Set a window's bounds from as_of. */
static void
window_bounds(struct window *w, mot_time as_of)
{
	char	a[64], b[64];

	w->start = w->end = MOT_TIME_NONE;
	if (w->text == NULL || as_of == MOT_TIME_NONE)
		return;
	w->end = as_of;
	w->start = check_span_start(&w->span, as_of);
	isotime_format(w->start, a, sizeof a);
	isotime_format(w->end, b, sizeof b);
	verbosef("window %s: stop times after %s up to %s", w->text, a, b);
}

/* Read, score and aggregate the inputs; with windows, after finding as_of. */
static int
check_read(struct run *r, struct run_opts *o, struct window *w,
    struct window *burn, struct agg_window *count, char **files,
    size_t nfiles, char **cause)
{
	mot_time	as_of;
	int		rc, k;

	if (w->text != NULL || burn[0].text != NULL) {
		if ((rc = find_as_of(r, o, files, nfiles, &as_of, cause)) != 0)
			return (rc);
		if (as_of == MOT_TIME_NONE)
			warnf("no touchpoint has a time: every window is "
			    "empty");
		window_bounds(w, as_of);
		for (k = 0; k < 2; k++) {
			window_bounds(&burn[k], as_of);
			count[k].after = burn[k].start;
			count[k].until = burn[k].end;
		}
		if (burn[0].text != NULL) {
			o->windows = count;
			o->nwindows = 2;
		}
	}
	if ((rc = run_load(r, o, cause)) != 0)
		return (rc);
	return (run_inputs(r, files, nfiles, cause));
}

/* Parse --burn-rate LONG,SHORT into two windows, the long one first. */
static int
parse_burn(const struct cmd_entry *c, const char *arg, char **copy,
    struct window *burn)
{
	static const char	*name[2] = { "long", "short" };
	char			 why[200], *comma;
	int			 k;

	*copy = xstrdup(arg);
	if ((comma = strchr(*copy, ',')) == NULL ||
	    strchr(comma + 1, ',') != NULL)
		return (cmd_usage_error(c, "--burn-rate \"%s\": expected two "
		    "windows, LONG,SHORT (like P7D,P1D)", arg));
	*comma = '\0';
	burn[0].text = *copy;
	burn[1].text = comma + 1;
	for (k = 0; k < 2; k++) {
		if (check_parse_window(burn[k].text, &burn[k].span, why,
		    sizeof why) != 0)
			return (cmd_usage_error(c, "--burn-rate \"%s\": the %s "
			    "window \"%s\": %s", arg, name[k], burn[k].text,
			    why));
	}
	if (!check_span_longer(&burn[0].span, &burn[1].span))
		return (cmd_usage_error(c, "--burn-rate \"%s\": the long "
		    "window (%s) must be longer than the short one (%s)%s",
		    arg, burn[0].text, burn[1].text, burn[0].span.months !=
		    burn[1].span.months ? " on any date (a month has 28 to 31 "
		    "days, a year 365 or 366)" : ""));
	return (0);
}

static int
cmd_check(int argc, char **argv)
{
	const struct cmd_entry	*c = &cmd_check_entry;
	struct check_params	 p;
	struct check_input	 in;
	struct check_result	 res;
	struct check_report	 cr;
	struct check_moment	*cur = NULL;
	struct baseline		 base;
	struct window		 w, burn[2];
	struct agg_window	 count[2];
	struct run_opts		 o;
	struct run		 r;
	const struct moment	*m;
	const struct cell_sum	*t;
	const char		*base_path = NULL, *junit = NULL, *json = NULL;
	const char		*window = NULL, *why, *fb, *burn_arg = NULL;
	const char		*threshold = NULL, *twice;
	char			*cause = NULL, **files = NULL, hash[17], *d;
	char			*burn_copy = NULL, wwhy[200];
	double			 v;
	int64_t			 n;
	int			 ch, rc = 0, tap = 0, have_base = 0, k;
	size_t			 i, mi, nfiles;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	memset(&w, 0, sizeof w);
	memset(burn, 0, sizeof burn);
	memset(&res, 0, sizeof res);
	p.min_n = 30;
	p.alpha = 0.05;
	p.min_change = 0.02;
	p.max_p90_increase = 0.20;
	p.burn_threshold = 2;
	while ((ch = cmd_getopt(c, argc, argv, "e:qvh", check_opts)) != -1) {
		switch (ch) {
		case 'e':
			o.expectations = optarg;
			break;
		case 'b':
			base_path = optarg;
			break;
		case 'j':
			junit = optarg;
			break;
		case 'J':
			json = optarg;
			break;
		case 't':
			tap = 1;
			break;
		case 'w':
			window = optarg;
			break;
		case 'A':
			if (cmd_as_of(c, optarg, &o.as_of) != 0)
				return (MOT_EXIT_USAGE);
			o.has_as_of = 1;
			break;
		case 'n':
			if (num_int(optarg, 1, INT64_C(1000000000000000),
			    &n) != 0)
				return (cmd_usage_error(c, "--min-occurrences "
				    "needs a whole number from 1 to 10^15, not "
				    "\"%s\"", optarg));
			p.min_n = (uint64_t)n;
			break;
		case 'a':
			if (num_double(optarg, NULL, 0, 1, &v) != 0 ||
			    v <= 0 || v >= 1)
				return (cmd_usage_error(c, "--alpha needs a "
				    "number between 0 and 1 (like 0.05), not "
				    "\"%s\"", optarg));
			p.alpha = v;
			break;
		case 'c':
			if (num_double(optarg, "pp", 0, 100, &v) != 0)
				return (cmd_usage_error(c, "--min-change needs "
				    "percentage points from 0 to 100 (like 2), "
				    "not \"%s\"", optarg));
			p.min_change = v / 100;
			break;
		case 'p':
			if (num_double(optarg, "%", 0, 1e6, &v) != 0)
				return (cmd_usage_error(c, "--max-p90-increase "
				    "needs a percentage from 0 to 1000000 (like "
				    "20), not \"%s\"", optarg));
			p.max_p90_increase = v / 100;
			break;
		case 'O':
			p.strict_objectives = 1;
			break;
		case 'W':
			p.fail_on_warning = 1;
			break;
		case 'z':
			o.zone = optarg;
			break;
		case 'C':
			o.classifier = optarg;
			break;
		case 's':
			o.strict = 1;
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
		case 'R':
			burn_arg = optarg;
			break;
		case 'T':
			threshold = optarg;
			if (num_double(optarg, NULL, 0, 1e6, &v) != 0 ||
			    !(v > 0))
				return (cmd_usage_error(c, "--burn-threshold "
				    "needs a number above 0, up to 1000000 "
				    "(like 2), not \"%s\"", optarg));
			p.burn_threshold = v;
			break;
		default:
			fprintf(stderr, "Try 'mot check --help' for more "
			    "information.\n");
			return (MOT_EXIT_USAGE);
		}
	}
	if (o.expectations == NULL)
		return (cmd_usage_error(c, "no expectations file (-e FILE)"));
	if (optind == argc)
		return (cmd_usage_error(c, "no journeys file (use - for "
		    "standard input)"));
	if (window != NULL) {
		if (check_parse_window(window, &w.span, wwhy, sizeof wwhy) != 0)
			return (cmd_usage_error(c, "--window \"%s\": %s", window,
			    wwhy));
		w.text = window;
	}
	if (threshold != NULL && burn_arg == NULL)
		return (cmd_usage_error(c, "--burn-threshold needs --burn-rate"));
	if (burn_arg != NULL) {
		if ((rc = parse_burn(c, burn_arg, &burn_copy, burn)) != 0) {
			free(burn_copy);
			return (rc);
		}
		p.burn_rate = 1;
	}
	/* Without --as-of, a first pass finds it: the input is read twice. */
	twice = o.has_as_of ? NULL : window != NULL ? "--window" :
	    burn_arg != NULL ? "--burn-rate" : NULL;
	for (i = 0; i < 2; i++) {
		fb = i == 0 ? junit : json;
		if (fb == NULL)
			continue;
		if (split_path(fb, &d, &why) != 0)
			return (cmd_usage_error(c, "--%s \"%s\": not a file "
			    "name", i == 0 ? "junit" : "json", fb));
		free(d);
	}
	nfiles = (size_t)(argc - optind);
	files = xreallocarray(NULL, nfiles, sizeof *files);
	for (i = 0; i < nfiles; i++) {
		files[i] = argv[optind + (int)i];
		if (twice != NULL && strcmp(files[i], "-") == 0) {
			free(files);
			free(burn_copy);
			return (cmd_usage_error(c, "%s without --as-of reads the "
			    "input twice: give a file, not standard input (or "
			    "give --as-of)", twice));
		}
	}
	if (run_sort_inputs(files, nfiles, &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		free(files);
		free(burn_copy);
		return (rc);
	}

	if (base_path != NULL) {
		if ((rc = baseline_load(base_path, &base, &cause)) != 0)
			goto out;
		have_base = 1;
	}
	if (w.text != NULL) {
		o.keep = keep_window;
		o.keep_arg = &w;
	}
	if ((rc = check_read(&r, &o, &w, burn, count, files, nfiles,
	    &cause)) != 0)
		goto out;

	snprintf(hash, sizeof hash, "%016" PRIx64, r.e->hash);
	cur = xcalloc(r.sum.n + 1, sizeof *cur);
	for (i = 0; i < r.sum.n; i++) {
		m = r.sum.ms[i].m;
		t = &r.sum.ms[i].total;
		cur[i].id = m->id;
		cur[i].name = m->name;
		cur[i].objective = m->objective;
		cur[i].adequate_s = (double)m->adequate.us / 1e6;
		cur[i].n = t->n;
		cur[i].breached = t->breached;
		cur[i].n_eff = t->n_eff;
		cur[i].p90 = t->p90;
		if (isnan(t->p90) && t->timed > 0)
			cur[i].p90_floor = t->max;
		cur[i].clock = agg_clock(m);
		mi = (size_t)(m - r.e->moments);
		for (k = 0; k < 2; k++) {
			cur[i].win_n[k] = r.agg.m[mi].win_n[k];
			cur[i].win_breached[k] = r.agg.m[mi].win_breached[k];
		}
	}
	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.ncur = r.sum.n;
	if (have_base) {
		in.have_base = 1;
		in.base = base.moments;
		in.nbase = base.n;
		in.same_expectations = base.hash != NULL &&
		    strcmp(base.hash, hash) == 0;
		if (!in.same_expectations)
			warnf("%s: the baseline was scored with other "
			    "expectations than %s (hash %s, now %s)", base_path,
			    o.expectations, base.hash != NULL ? base.hash :
			    "missing", hash);
	}
	check_run(&p, &in, &res);
	if (res.count[CHECK_PASS] + res.count[CHECK_WARN] +
	    res.count[CHECK_FAIL] == 0)
		warnf("no check could be decided (too few occurrences?)");

	memset(&cr, 0, sizeof cr);
	cr.p = &p;
	cr.res = &res;
	cr.exp_path = o.expectations;
	cr.exp_hash = hash;
	cr.base_path = have_base ? base_path : NULL;
	cr.base_hash = have_base ? base.hash : NULL;
	cr.window = w.end != MOT_TIME_NONE ? w.end - w.start : 0;
	cr.win_start = w.start;
	cr.win_end = w.end;
	cr.window_text = w.text;
	for (k = 0; k < 2; k++) {
		cr.burn_text[k] = burn[k].text;
		cr.burn_after[k] = burn[k].start;
	}
	cr.burn_until = burn[0].end;
	cr.exit_status = res.status == CHECK_FAIL ? MOT_EXIT_FAIL : 0;
	if (tap)
		check_report_tap(&cr, stdout);
	else
		check_report_text(&cr, stdout);
	if (junit != NULL && (rc = write_file(junit, check_report_junit, &cr,
	    &cause)) != 0)
		goto out;
	if (json != NULL && (rc = write_file(json, check_report_json, &cr,
	    &cause)) != 0)
		goto out;
	rc = cr.exit_status;
out:
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	check_result_free(&res);
	free(cur);
	if (have_base)
		baseline_free(&base);
	run_free(&r);
	free(files);
	free(burn_copy);
	return (rc);
}

const struct cmd_entry cmd_check_entry = {
	"check", cmd_check,
	"check -e EXPECTATIONS [--baseline REPORT] [--junit FILE] [--tap] "
	    "[--json FILE] FILE...",
	"Check the journeys FILE... against the expectations, as a gate for\n"
	"CI pipelines: each moment's objective (it fails only when the 95%\n"
	"Wilson interval of its within-adequate share lies below it), its error\n"
	"budget, and with --baseline any regression since an earlier run's\n"
	"report.json (breach rate: one-sided two-proportion z test with\n"
	"Benjamini-Hochberg across moments; p90 elapsed). Prints a table of\n"
	"PASS, WARN, FAIL and SKIP per moment and check; exits 1 when a check\n"
	"fails. Warnings do not change the exit status unless asked.\n"
	"\n"
	"  -e, --expectations=FILE    the moments, zones of tolerance, objectives\n"
	"      --baseline=REPORT      report.json of an earlier mot analyze -o\n"
	"      --junit=FILE           also write JUnit XML (one testcase per\n"
	"                             moment and check)\n"
	"      --json=FILE            also write the results as JSON\n"
	"      --tap                  print TAP instead of the table\n"
	"      --window=DURATION      only occurrences that stopped in the last\n"
	"                             DURATION before as_of (ISO 8601: P28D,\n"
	"                             PT12H, P2W, P1M; not with - unless --as-of)\n"
	"      --min-occurrences=N    fewer occurrences are not decided (30)\n"
	"      --alpha=A              false discovery rate of the regression\n"
	"                             tests (0.05)\n"
	"      --min-change=PP        smallest breach-rate rise that fails, in\n"
	"                             percentage points (2)\n"
	"      --max-p90-increase=PCT largest p90 rise that passes, percent (20)\n"
	"      --strict-objectives    an objective missed within noise fails too\n"
	"      --fail-on-warning      every warning fails\n"
	"      --assume-zone=ZONE     zone of times written without an offset\n"
	"      --classifier=KEYS      XES: the event attributes naming a\n"
	"                             touchpoint\n"
	"      --strict               stop at the first rejected journey\n"
	"      --as-of=TIME           the time the data describes: ISO 8601\n"
	"                             with an offset, or now (default: the\n"
	"                             latest touchpoint read)\n"
	"  -q, --quiet                no warnings\n"
	"  -v, --verbose              say what is being read\n"
	"  -h, --help                 show this help\n"
	"      --burn-rate=LONG,SHORT fail a moment whose error budget burns faster\n"
	"                             than --burn-threshold in both windows\n"
	"                             ending at as_of (ISO 8601, like P7D,P1D;\n"
	"                             not with - unless --as-of)\n"
	"      --burn-threshold=X     the burn rate both windows must exceed (2)\n"
};
