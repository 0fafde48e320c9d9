/*
 * cmd-check.c - mot check: a service-level gate for CI pipelines. Scores
 * the journeys like mot analyze, then checks every moment's objective
 * (against a Wilson bound, so noise does not fail a build), reports its
 * error budget, and with --baseline compares each moment with a previous
 * run's report.json (breach rate and p90), and with --burn-rate its
 * error budget's burn rate over two windows. Writes a table (or TAP) to
 * standard output, and JUnit XML and JSON files on request. Exit status 1
 * when a check fails. With --history, each objective is decided over all
 * the runs a JSON-lines file records (history.c), and this run's batch is
 * added to it. The decisions are in check.c, the outputs in
 * check-report.c.
 */
#include <config.h>

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
#include "history.h"
#include "isotime.h"
#include "log.h"
#include "opts.h"
#include "run.h"
#include "sketch.h"
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

/* The counting windows (run_opts.windows): --burn-rate's, then --history's batch. */
enum { WIN_LONG, WIN_SHORT, WIN_BATCH };

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

static const struct cmd_opt check_opts[] = {
	{ OPT_EXPECTATIONS, NULL },
	{ OPT_BASELINE, NULL },
	{ OPT_JUNIT, NULL },
	{ OPT_JSON, NULL },
	{ OPT_TAP, NULL },
	{ OPT_WINDOW, NULL },
	{ OPT_MIN_OCCURRENCES, NULL },
	{ OPT_ALPHA, NULL },
	{ OPT_MIN_CHANGE, NULL },
	{ OPT_MAX_P90_INCREASE, NULL },
	{ OPT_STRICT_OBJECTIVES, NULL },
	{ OPT_FAIL_ON_WARNING, NULL },
	{ OPT_ASSUME_ZONE, NULL },
	{ OPT_CLASSIFIER, NULL },
	{ OPT_STRICT, NULL },
	{ OPT_AS_OF, NULL },
	{ OPT_QUIET, NULL },
	{ OPT_VERBOSE, NULL },
	{ OPT_HELP, NULL },
	{ OPT_ALLOW_MISSING, NULL },
	{ OPT_FORMAT_IN, NULL },
	{ OPT_MEMORY, NULL },
	{ OPT_HISTORY, NULL },
	{ OPT_BURN_RATE, NULL },
	{ OPT_BURN_THRESHOLD, NULL },
	CMD_OPT_END
};

/* One mot check: what it was asked, what it read and what it decided. */
struct check_job {
	struct opts		 opts;
	struct run_opts		 o;
	struct check_params	 p;
	struct window		 w;
	struct window		 burn[2];	/* --burn-rate: long, short */
	char			*burn_copy;	/* --burn-rate's text, split */
	struct agg_window	 count[AGG_WINDOWS];	/* for the readers: WIN_* */
	char			**files;
	size_t			 nfiles;
	const char		*base_path;	/* --baseline, or NULL */
	struct baseline		 base;
	int			 have_base;
	struct run		 r;
	char			 hash[17];	/* this run's expectations */
	struct check_moment	*cur;		/* the run's moments */
	struct check_result	 res;
	/* --history */
	const char		*hist_path;	/* or NULL */
	struct history		 hist;
	int			 have_hist;
	struct history_plan	 plan;
	mot_time		 hist_as_of;
};

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

/* Read the options into the job; 0, or an exit code (-1: --help shown). */
static int
check_options(const struct cmd_entry *c, int argc, char **argv,
    struct check_job *j)
{
	const char	*window, *why, *fb, *burn, *twice;
	enum opt_id	 out[] = { OPT_JUNIT, OPT_JSON, OPT_HISTORY };
	char		*d, wwhy[200];
	size_t		 i;
	int		 rc;

	if ((rc = opts_parse(c, argc, argv, &j->opts)) != 0)
		return (rc);
	opts_log(&j->opts);
	if ((rc = opts_run(c, &j->opts, &j->o)) != 0)
		return (rc);
	j->p.min_n = (uint64_t)opts_count(&j->opts, OPT_MIN_OCCURRENCES);
	j->p.alpha = opts_real(&j->opts, OPT_ALPHA);
	j->p.min_change = opts_real(&j->opts, OPT_MIN_CHANGE);
	j->p.max_p90_increase = opts_real(&j->opts, OPT_MAX_P90_INCREASE);
	j->p.strict_objectives = opts_given(&j->opts, OPT_STRICT_OBJECTIVES);
	j->p.fail_on_warning = opts_given(&j->opts, OPT_FAIL_ON_WARNING);
	j->base_path = opts_text(&j->opts, OPT_BASELINE);
	j->hist_path = opts_text(&j->opts, OPT_HISTORY);
	if (j->opts.noperands == 0)
		return (cmd_usage_error(c, "no journeys file (use - for "
		    "standard input)"));
	window = opts_text(&j->opts, OPT_WINDOW);
	if (window != NULL) {
		if (check_parse_window(window, &j->w.span, wwhy,
		    sizeof wwhy) != 0)
			return (cmd_usage_error(c, "--window \"%s\": %s",
			    window, wwhy));
		j->w.text = window;
	}
	burn = opts_text(&j->opts, OPT_BURN_RATE);
	if (opts_given(&j->opts, OPT_BURN_THRESHOLD) && burn == NULL)
		return (cmd_usage_error(c, "--burn-threshold needs "
		    "--burn-rate"));
	if (burn != NULL) {
		if ((rc = parse_burn(c, burn, &j->burn_copy, j->burn)) != 0)
			return (rc);
		j->p.burn_rate = 1;
		j->p.burn_threshold = opts_real(&j->opts, OPT_BURN_THRESHOLD);
	}
	for (i = 0; i < sizeof out / sizeof out[0]; i++) {
		if ((fb = opts_text(&j->opts, out[i])) == NULL)
			continue;
		if (split_path(fb, &d, &why) != 0)
			return (cmd_usage_error(c, "--%s \"%s\": not a file "
			    "name", opts_def(out[i])->name, fb));
		free(d);
	}
	/* Without --as-of, a first pass finds it: the input is read twice. */
	twice = j->o.has_as_of ? NULL : window != NULL ? "--window" :
	    burn != NULL ? "--burn-rate" : NULL;
	for (i = 0; twice != NULL && i < j->opts.noperands; i++) {
		if (strcmp(j->opts.operands[i], "-") == 0)
			return (cmd_usage_error(c, "%s without --as-of reads "
			    "the input twice: give a file, not standard input "
			    "(or give --as-of)", twice));
	}
	return (opts_inputs(c, &j->opts, &j->files, &j->nfiles));
}

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
		for (k = WIN_LONG; k <= WIN_SHORT; k++) {
			window_bounds(&burn[k], as_of);
			count[k].after = burn[k].start;
			count[k].until = burn[k].end;
		}
	}
	if ((rc = run_load(r, o, cause)) != 0)
		return (rc);
	return (run_inputs(r, files, nfiles, cause));
}

/* This run's figures of each moment, as check.c takes them. */
static void
check_moments(struct check_job *j)
{
	const struct moment	*m;
	const struct cell_sum	*t;
	struct check_moment	*cm;
	size_t			 i, mi;
	int			 k;

	j->cur = xcalloc(j->r.sum.n + 1, sizeof *j->cur);
	for (i = 0; i < j->r.sum.n; i++) {
		m = j->r.sum.ms[i].m;
		t = &j->r.sum.ms[i].total;
		cm = &j->cur[i];
		cm->id = m->id;
		cm->name = m->name;
		cm->objective = m->objective;
		cm->adequate_s = (double)m->adequate.us / 1e6;
		cm->n = t->n;
		cm->breached = t->breached;
		cm->n_eff = t->n_eff;
		cm->p90 = t->p90;
		if (isnan(t->p90) && t->timed > 0)
			cm->p90_floor = t->max;
		cm->clock = agg_clock(m);
		mi = (size_t)(m - j->r.e->moments);
		for (k = 0; k < 2; k++) {
			cm->win_n[k] = j->r.agg.m[mi].win_n[k];
			cm->win_breached[k] = j->r.agg.m[mi].win_breached[k];
		}
		if (agg_missing(&j->r.agg, i, &cm->missing, 1) == 0)
			cm->missing = NULL;
		if (j->have_base)
			p90_at_baseline(&j->r, i, &j->base, cm);
	}
}

/* Decide every check. */
static void
check_decide(struct check_job *j)
{
	struct check_input	in;

	memset(&in, 0, sizeof in);
	in.cur = j->cur;
	in.ncur = j->r.sum.n;
	if (j->have_base) {
		in.have_base = 1;
		in.base = j->base.moments;
		in.nbase = j->base.n;
		in.same_expectations = j->base.hash != NULL &&
		    strcmp(j->base.hash, j->hash) == 0;
		if (!in.same_expectations)
			warnf("%s: the baseline was scored with other "
			    "expectations than %s (hash %s, now %s)",
			    j->base_path, j->o.expectations, j->base.hash !=
			    NULL ? j->base.hash : "missing", j->hash);
	}
	check_run(&j->p, &in, &j->res);
	if (j->res.count[CHECK_PASS] + j->res.count[CHECK_WARN] +
	    j->res.count[CHECK_FAIL] == 0)
		warnf("no check could be decided (too few occurrences?)");
}

/*
 * --history, before the read: load it (none yet: empty), refuse an
 * --as-of earlier than its last run, and count this run's batch as the
 * readers go, in one pass: the occurrences that stopped after the last
 * run's as_of, and by --as-of when given. Without --as-of no occurrence
 * stopped after the run's own as_of (found after the read) but one timed
 * by a journey attribute, which moves that as_of (check_history_sums).
 */
static int
check_history_begin(const char *path, struct run_opts *o, struct history *h,
    struct agg_window *b, char **cause)
{
	struct history_plan	pl;
	int			rc;

	if ((rc = history_load(path, h, cause)) != 0)
		return (rc);
	if (o->has_as_of && (rc = history_plan(h, "", o->as_of, &pl,
	    cause)) != 0) {
		history_free(h);
		return (rc);
	}
	b->after = history_last(h);	/* MOT_TIME_NONE: since the beginning */
	b->until = o->has_as_of ? o->as_of : INT64_MAX;	/* else no end */
	verbosef("history %s: %zu runs recorded", path, h->n);
	return (0);
}

/* After the read: this run's as_of and plan, and each moment's sequence. */
static int
check_history_sums(const struct run *r, const struct run_opts *o,
    const struct history *h, struct history_plan *pl, const char *hash,
    struct check_moment *cur, mot_time *as_of, char **cause)
{
	const struct moment_agg	*ma;
	int			 rc;
	size_t			 i;

	*as_of = r->agg.as_of;
	if (!o->has_as_of && r->latest_stop > *as_of)
		*as_of = r->latest_stop;
	if ((rc = history_plan(h, hash, *as_of, pl, cause)) != 0)
		return (rc);
	if (pl->reset)
		warnf("%s: the history's last run was scored with other "
		    "expectations (hash %s, now %s): a new sequence starts "
		    "with this run", h->path, h->lines[h->n - 1].hash, hash);
	else if (pl->first > 0)
		verbosef("%s: the sequence starts at line %lu (older runs had "
		    "other expectations)", h->path, h->lines[pl->first].line);
	if (!pl->append)
		verbosef("%s: a run as of this time is recorded already: "
		    "nothing added", h->path);
	for (i = 0; i < r->sum.n; i++) {
		ma = &r->agg.m[i];
		history_sum(h, pl, cur[i].id, &cur[i].seq_n,
		    &cur[i].seq_breached);
		if (pl->append) {
			cur[i].seq_n += ma->win_n[WIN_BATCH];
			cur[i].seq_breached += ma->win_breached[WIN_BATCH];
		}
		cur[i].seq_runs = pl->runs;
		cur[i].has_seq = 1;
	}
	return (0);
}

/* Write the history again with this run's batch: atomically, the old lines first. */
static int
check_history_write(const struct history *h, const struct history_plan *pl,
    const struct run *r, const char *hash, mot_time as_of, char **cause)
{
	struct history_count	*m;
	struct afile		 af;
	const char		*base;
	char			*dir;
	size_t			 i;
	int			 rc;

	if (split_path(h->path, &dir, &base) != 0) {
		*cause = xasprintf("%s: not a file name", h->path);
		return (MOT_EXIT_CANTCREAT);
	}
	rc = afile_open(&af, dir, base, cause);
	free(dir);
	if (rc != 0)
		return (rc);
	m = xcalloc(r->sum.n + 1, sizeof *m);
	for (i = 0; i < r->sum.n; i++) {
		m[i].id = r->sum.ms[i].m->id;
		m[i].n = r->agg.m[i].win_n[WIN_BATCH];
		m[i].breached = r->agg.m[i].win_breached[WIN_BATCH];
	}
	check_report_history(h, pl, as_of, hash, m, r->sum.n, af.f);
	free(m);
	return (afile_commit(&af, cause));
}

/* Print the table or TAP, write the files asked for; the exit status. */
static int
check_write(struct check_job *j, char **cause)
{
	struct check_report	 cr;
	const char		*junit, *json;
	int			 rc, k;

	memset(&cr, 0, sizeof cr);
	cr.p = &j->p;
	cr.res = &j->res;
	cr.exp_path = j->o.expectations;
	cr.exp_hash = j->hash;
	cr.base_path = j->have_base ? j->base_path : NULL;
	cr.base_hash = j->have_base ? j->base.hash : NULL;
	cr.window = j->w.end != MOT_TIME_NONE ? j->w.end - j->w.start : 0;
	cr.win_start = j->w.start;
	cr.win_end = j->w.end;
	cr.window_text = j->w.text;
	for (k = WIN_LONG; k <= WIN_SHORT; k++) {
		cr.burn_text[k] = j->burn[k].text;
		cr.burn_after[k] = j->burn[k].start;
	}
	cr.burn_until = j->burn[WIN_LONG].end;
	cr.exit_status = j->res.status == CHECK_FAIL ? MOT_EXIT_FAIL : 0;
	if (j->have_hist) {
		cr.hist_path = j->hist_path;
		cr.hist_plan = &j->plan;
		cr.hist_as_of = j->hist_as_of;
	}
	if (opts_given(&j->opts, OPT_TAP))
		check_report_tap(&cr, stdout);
	else
		check_report_text(&cr, stdout);
	junit = opts_text(&j->opts, OPT_JUNIT);
	json = opts_text(&j->opts, OPT_JSON);
	if (junit != NULL && (rc = write_file(junit, check_report_junit, &cr,
	    cause)) != 0)
		return (rc);
	if (json != NULL && (rc = write_file(json, check_report_json, &cr,
	    cause)) != 0)
		return (rc);
	/* Last: a run that did not finish leaves the history as it was. */
	if (j->have_hist && j->plan.append && (rc = check_history_write(
	    &j->hist, &j->plan, &j->r, j->hash, j->hist_as_of, cause)) != 0)
		return (rc);
	return (cr.exit_status);
}

/*
 * The moments' touchpoint names no accepted journey has (a typo, most
 * often): errors and exit 78, or with --allow-missing warnings, and their
 * moments skipped (check_run).
 */
static int
check_missing(struct check_job *j)
{
	int	allow = opts_given(&j->opts, OPT_ALLOW_MISSING);
	size_t	i;

	for (i = 0; i < j->r.nmissing; i++) {
		if (allow)
			warnf("%s", j->r.missing[i]);
		else
			errorf("%s", j->r.missing[i]);
	}
	return (j->r.nmissing > 0 && !allow ? MOT_EXIT_CONFIG : 0);
}

static int
cmd_check(int argc, char **argv)
{
	struct check_job	*j;
	char			*cause = NULL;
	int			 rc, k;

	j = xcalloc(1, sizeof *j);
	j->w.start = j->w.end = MOT_TIME_NONE;
	for (k = 0; k < AGG_WINDOWS; k++) {	/* empty until set */
		j->count[k].after = j->count[k].until = MOT_TIME_NONE;
		if (k <= WIN_SHORT)
			j->burn[k].start = j->burn[k].end = MOT_TIME_NONE;
	}
	if ((rc = check_options(&cmd_check_entry, argc, argv, j)) != 0) {
		rc = rc == -1 ? 0 : rc;
		goto out;
	}
	if (j->base_path != NULL) {
		if ((rc = baseline_load(j->base_path, &j->base, &cause)) != 0)
			goto out;
		j->have_base = 1;
	}
	if (j->w.text != NULL) {
		j->o.keep = keep_window;
		j->o.keep_arg = &j->w;
	}
	j->o.missing_quiet = 1;	/* said here: an error unless --allow-missing */
	if (j->hist_path != NULL) {
		if ((rc = check_history_begin(j->hist_path, &j->o, &j->hist,
		    &j->count[WIN_BATCH], &cause)) != 0)
			goto out;
		j->have_hist = 1;
	}
	if (j->have_hist || j->p.burn_rate) {
		j->o.windows = j->count;
		j->o.nwindows = AGG_WINDOWS;
	}
	if ((rc = check_read(&j->r, &j->o, &j->w, j->burn, j->count,
	    j->files, j->nfiles, &cause)) != 0)
		goto out;
	if ((rc = check_missing(j)) != 0)
		goto out;
	snprintf(j->hash, sizeof j->hash, "%016" PRIx64, j->r.e->hash);
	check_moments(j);
	if (j->have_hist && (rc = check_history_sums(&j->r, &j->o, &j->hist,
	    &j->plan, j->hash, j->cur, &j->hist_as_of, &cause)) != 0)
		goto out;
	check_decide(j);
	rc = check_write(j, &cause);
out:
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	check_result_free(&j->res);
	free(j->cur);
	if (j->have_base)
		baseline_free(&j->base);
	if (j->have_hist)
		history_free(&j->hist);
	run_free(&j->r);
	free(j->files);
	free(j->burn_copy);
	free(j);
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
	"fails. Warnings do not change the exit status unless asked.\n",
	check_opts
};
