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
#include "log.h"
#include "num.h"
#include "run.h"
#include "sketch.h"
#include "xmalloc.h"

/* The period of --window: its width, and the latest stop time seen. */
struct window {
	int64_t		width;
	mot_time	latest;
	mot_time	start;		/* latest - width, excluded */
};

/* First pass: keep nothing; the run notes the latest stop time. */
static int
keep_none(const struct occurrence *o, void *arg)
{
	return (0);
}

/* Second pass: keep the occurrences that stopped in the window. */
static int
keep_window(const struct occurrence *o, void *arg)
{
	const struct window	*w = arg;

	return (o->stop != MOT_TIME_NONE && w->latest != MOT_TIME_NONE &&
	    o->stop > w->start);
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

/*
 * This run's elapsed times at the baseline's p90 t0, for the p90 test:
 * how many are past it, and Kaplan-Meier's S(t0) with Greenwood's
 * variance, from the moment's total sketches (exact up to SKETCH_EXACT
 * values, to a bucket beyond).
 */
static void
p90_at_baseline(struct run *r, size_t i, const struct baseline *base,
    struct check_moment *cm)
{
	struct cell		*t = &r->agg.m[r->sum.ms[i].index].total;
	struct sketch_km_at	 at;
	size_t			 j;

	for (j = 0; j < base->n; j++) {
		if (strcmp(base->moments[j].id, cm->id) == 0)
			break;
	}
	if (j == base->n || !(base->moments[j].p90 > 0))
		return;
	sketch_km_at(&t->elapsed, &t->elapsed_cens, base->moments[j].p90, &at);
	cm->p90_timed = at.n;
	cm->p90_above = at.above;
	cm->p90_cens_before = at.cens_before;
	cm->p90_surv = at.s;
	cm->p90_var = at.var;
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
	{ NULL, 0, NULL, 0 }
};

/* Read, score and aggregate the inputs; with a window, read them twice. */
static int
check_read(struct run *r, const struct run_opts *o, struct window *w,
    char **files, size_t nfiles, char **cause)
{
	struct run_opts	 first;
	int		 rc, level;

	if (w->width != 0) {
		first = *o;
		first.keep = keep_none;
		first.keep_arg = NULL;
		level = log_level();
		log_set_level(-1);	/* the second pass says it all */
		if ((rc = run_load(r, &first, cause)) == 0 &&
		    (rc = run_inputs(r, files, nfiles, cause)) == 0)
			w->latest = r->latest_stop;	/* merged after the readers */
		log_set_level(level);
		run_free(r);
		if (rc != 0)
			return (rc);
		if (w->latest != MOT_TIME_NONE)
			w->start = w->latest - w->width;
		else
			warnf("no occurrence has a stop time: the window is "
			    "empty");
		verbosef("window: stop times after %" PRId64 " up to %" PRId64
		    " (microseconds since 1970)", w->start, w->latest);
	}
	if ((rc = run_load(r, o, cause)) != 0)
		return (rc);
	return (run_inputs(r, files, nfiles, cause));
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
	struct window		 w;
	struct run_opts		 o;
	struct run		 r;
	const struct moment	*m;
	const struct cell_sum	*t;
	const char		*base_path = NULL, *junit = NULL, *json = NULL;
	const char		*window = NULL, *why, *fb;
	char			*cause = NULL, **files = NULL, hash[17], *d;
	double			 v;
	int64_t			 n;
	int			 ch, rc = 0, tap = 0, have_base = 0;
	size_t			 i, nfiles;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	memset(&w, 0, sizeof w);
	memset(&res, 0, sizeof res);
	p.min_n = 30;
	p.alpha = 0.05;
	p.min_change = 0.02;
	p.max_p90_increase = 0.20;
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
	if (window != NULL && check_parse_window(window, &w.width, &why) != 0)
		return (cmd_usage_error(c, "--window \"%s\": %s", window, why));
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
		if (window != NULL && strcmp(files[i], "-") == 0) {
			free(files);
			return (cmd_usage_error(c, "--window reads the input "
			    "twice: give a file, not standard input"));
		}
	}
	if (run_sort_inputs(files, nfiles, &cause) != 0) {
		rc = cmd_usage_error(c, "%s", cause);
		free(cause);
		free(files);
		return (rc);
	}

	w.latest = w.start = MOT_TIME_NONE;
	if (base_path != NULL) {
		if ((rc = baseline_load(base_path, &base, &cause)) != 0)
			goto out;
		have_base = 1;
	}
	if (w.width != 0) {
		o.keep = keep_window;
		o.keep_arg = &w;
	}
	if ((rc = check_read(&r, &o, &w, files, nfiles, &cause)) != 0)
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
		if (have_base)
			p90_at_baseline(&r, i, &base, &cur[i]);
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
	cr.window = w.width;
	cr.win_start = w.start;
	cr.win_end = w.width != 0 ? w.latest : MOT_TIME_NONE;
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
	"                             DURATION before the latest stop time\n"
	"                             (28d, 12h, 2w or P28D; not with -)\n"
	"      --min-occurrences=N    fewer occurrences are not decided (30)\n"
	"      --alpha=A              false discovery rate of the regression\n"
	"                             tests (0.05)\n"
	"      --min-change=PP        smallest breach-rate rise that fails, in\n"
	"                             percentage points (2)\n"
	"      --max-p90-increase=PCT largest p90 rise that passes, percent (20);\n"
	"                             a larger one fails only when the share past\n"
	"                             the baseline's p90 is significantly above\n"
	"                             10% (exact binomial, or Kaplan-Meier with\n"
	"                             clocks still running; adjusted with the\n"
	"                             breach-rate tests)\n"
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
};
