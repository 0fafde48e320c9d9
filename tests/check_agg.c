/*
 * check_agg.c - tests for agg.c and summary.c: counts by status, open and
 * invalid occurrences, breakdown cells by attribute value ("(none)" when
 * missing), reach in journeys, rejection reasons, and the derived figures:
 * rates, Wilson interval, mean score, percentiles, objectives, the ranking
 * of moments and the verdict. Journeys go through clock_find and
 * clock_score as in "mot analyze"; expected figures are worked out by hand.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "agg.h"
#include "clock.h"
#include "summary.h"
#include "suggest.h"
#include "xmalloc.h"

#define MIN	INT64_C(60000000)
/* 2026-10-01T07:00:00Z */
#define BASE	(INT64_C(1790838000) * MOT_USEC)
#define AT(m)	(BASE + (int64_t)(m) * MIN)
#define TOL	1e-9

static struct expectations	*e;
static struct journey		 j;
static struct agg		 a;
static struct summary		 sum;
static int			 have_agg, have_sum;

/* Add a moment: to NULL makes a span moment; objective < 0 for none. */
static size_t
add_moment(const char *id, const char *from, const char *to,
    int64_t desired_min, int64_t adequate_min, double objective)
{
	struct moment	*m;

	e->moments = xreallocarray(e->moments, e->nmoments + 1,
	    sizeof *e->moments);
	m = &e->moments[e->nmoments];
	memset(m, 0, sizeof *m);
	m->id = xstrdup(id);
	m->name = xstrdup(id);
	m->stage = xstrdup("");
	m->span = to == NULL;
	m->desired.us = desired_min * MIN;
	m->adequate.us = adequate_min * MIN;
	m->objective = objective;
	m->from.name = xstrdup(from);
	m->from.ref = (int)strtab_intern(&e->names, from, strlen(from));
	m->to.ref = -1;
	if (to != NULL) {
		m->to.name = xstrdup(to);
		m->to.ref = (int)strtab_intern(&e->names, to, strlen(to));
	}
	return (e->nmoments++);
}

static void
add_tp(const char *name, mot_time start, mot_time end)
{
	struct touchpoint	*tp;

	tp = journey_add_touchpoint(&j);
	tp->name = arena_strndup(&j.arena, name, strlen(name));
	tp->ref = (int)strtab_find(&e->names, name, strlen(name));
	tp->start = start;
	tp->end = end;
	tp->kind = end == start ? TP_INSTANT : TP_INTERVAL;
}

static void
add_attr(const char *key, const char *value)
{
	journey_add_attr(&j, arena_strndup(&j.arena, key, strlen(key)),
	    arena_strndup(&j.arena, value, strlen(value)), 1);
}

/* Find, score and aggregate the current journey as "mot analyze" does, then reset it. */
static void
run_journey(void)
{
	struct occ_vec	ov;
	char		why[200];
	size_t		i;

	memset(&ov, 0, sizeof ov);
	journey_sort(&j);
	for (i = 0; i < e->nmoments; i++)
		ck_assert_int_eq(clock_find(e, i, &j, NULL, &ov, why,
		    sizeof why), 0);
	for (i = 0; i < ov.n; i++)
		clock_score(&ov.v[i], e, &j);
	agg_journey(&a, &j, ov.v, ov.n);
	occ_vec_free(&ov);
	journey_reset(&j);
}

/* Aggregate one journey holding hand-made occurrences of moment mi. */
static void
feed(size_t mi, int met, int tolerated, int breached, int open, int invalid)
{
	struct occurrence	o[128];
	size_t			n = 0;
	int			k;

	ck_assert_int_le(met + tolerated + breached + open + invalid, 128);
	memset(o, 0, sizeof o);
	for (k = 0; k < met; k++) {
		o[n].status = ST_MET;
		o[n].elapsed = MIN;
		o[n++].score = 0.6;
	}
	for (k = 0; k < tolerated; k++) {
		o[n].status = ST_TOLERATED;
		o[n].elapsed = 10 * MIN;
		o[n++].score = 0.3;
	}
	for (k = 0; k < breached; k++) {
		o[n].status = ST_BREACHED;
		o[n].elapsed = 60 * MIN;
		o[n++].score = -1;
	}
	for (k = 0; k < open; k++) {
		o[n].status = ST_OPEN;
		o[n++].stop = MOT_TIME_NONE;
	}
	for (k = 0; k < invalid; k++) {
		o[n].status = ST_INVALID;
		o[n++].elapsed = -MIN;
	}
	for (k = 0; k < (int)n; k++)
		o[k].moment = mi;
	agg_journey(&a, &j, o, n);
}

static struct cell	 scratch;	/* a breakdown cell, replayed */
static int		 have_scratch;

/* The figures of a breakdown cell, as the writers see them. */
static const struct cell *
cell_of(size_t mi, const char *value)
{
	long	v = strtab_find(&a.values, value, strlen(value));

	ck_assert_msg(v >= 0 && agg_has_value(&a, mi, (size_t)v),
	    "no cell for \"%s\"", value);
	if (!have_scratch)
		agg_cell_init(&scratch);
	have_scratch = 1;
	return (agg_value_cell(&a, mi, (size_t)v, &scratch));
}

/* Classify the open clocks, as a run does once every journey is in. */
static void
finish(void)
{
	char	*cause = NULL;

	ck_assert_int_eq(agg_finish(&a, &cause), 0);
}

static void
start_agg(const char *by)
{
	agg_init(&a, e, by);
	have_agg = 1;
}

static void
make_summary(void)
{
	finish();
	summary_make(&sum, e, &a);
	have_sum = 1;
}

static void
setup(void)
{
	e = xcalloc(1, sizeof *e);
	score_params_default(&e->params);
	strtab_init(&e->names);
	journey_init(&j);
	have_agg = have_sum = 0;
}

static void
teardown(void)
{
	if (have_sum)
		summary_free(&sum);
	if (have_agg)
		agg_free(&a);
	if (have_scratch)
		agg_cell_free(&scratch);
	have_scratch = 0;
	journey_free(&j);
	expect_free(e);
	e = NULL;
}

/*
 * Two moments, four journeys:
 *   J1 north: ask 0 -> answer 3 (met, 0.76), ask 10 -> answer 30 (breached,
 *      -1/3), visit 0..20 (tolerated, 0.3)
 *   J2 south: ask 0 -> answer 10 (tolerated, 0.3)
 *   J3 no region: ask 0 (open)
 *   J4 region "": ask 0 -> answer 5 (met, 0.6)
 */
static void
four_journeys(const char *by)
{
	add_moment("reply", "ask", "answer", 5, 15, 0.8);
	add_moment("visit-length", "visit", NULL, 10, 30, -1);
	start_agg(by);

	add_attr("region", "north");
	add_tp("ask", AT(0), AT(0));
	add_tp("answer", AT(3), AT(3));
	add_tp("ask", AT(10), AT(10));
	add_tp("answer", AT(30), AT(30));
	add_tp("visit", AT(0), AT(20));
	run_journey();

	add_attr("region", "south");
	add_tp("answer", AT(10), AT(10));
	add_tp("ask", AT(0), AT(0));
	run_journey();

	/* Open at as_of (30 minutes), within adequate: open, not in n. */
	add_attr("tier", "gold");
	add_tp("ask", AT(25), AT(25));
	run_journey();

	add_attr("region", "");
	add_tp("ask", AT(0), AT(0));
	add_tp("answer", AT(5), AT(5));
	run_journey();
	finish();
}

/*
 * Kaplan-Meier percentiles in the summary: 8 closed at 1 min, 1 at 60 min,
 * 2 open at 120 min so far. S: 3/11 after 1 min, 3/11 x 2/3 = 2/11 after
 * 60 min. p50 is 1 min; F tops out at 9/11, so p90 and p95 are not
 * reached and say so; the longest seen is an open one.
 */
START_TEST(test_summary_km)
{
	struct occurrence	o[11];
	const struct cell_sum	*c;
	char			buf[64], v[512];
	size_t			k;

	add_moment("a", "x", "y", 5, 15, -1);
	e->moments[0].calendar = -1;
	start_agg(NULL);
	memset(o, 0, sizeof o);
	for (k = 0; k < 11; k++) {
		o[k].status = k < 8 ? ST_MET : k < 9 ? ST_BREACHED : ST_OPEN;
		o[k].elapsed = o[k].business = (k < 8 ? 1 : k < 9 ? 60 : 120) *
		    MIN;
		o[k].stop = k < 9 ? AT(1) : MOT_TIME_NONE;
		o[k].score = k < 8 ? 0.6 : -1;
	}
	agg_journey(&a, &j, o, 11);
	make_summary();
	c = &sum.ms[0].total;
	ck_assert_uint_eq(c->timed, 11);
	ck_assert_double_eq(c->p10, 60);
	ck_assert_double_eq(c->p50, 60);
	ck_assert(isnan(c->p90));
	ck_assert(isnan(c->p95));
	ck_assert(isnan(c->business_p90));
	ck_assert(isnan(c->p90_p50));
	ck_assert_double_eq(c->max, 7200);
	ck_assert_int_eq(c->max_running, 1);
	ck_assert_ptr_null(summary_unreached(c, c->p50, 0.5, buf, sizeof buf));
	ck_assert_str_eq(summary_unreached(c, c->p90, 0.9, buf, sizeof buf),
	    "more than 10% still running");
	ck_assert_str_eq(summary_unreached(c, c->p95, 0.95, buf, sizeof buf),
	    "more than 5% still running");
	summary_verdict(&sum.ms[0], v, sizeof v);
	ck_assert_msg(strstr(v, "; more than 10% still running") != NULL,
	    "%s", v);
}
END_TEST

/* With nothing at all, a percentile is missing, not "still running". */
START_TEST(test_summary_km_empty)
{
	char	buf[64];

	add_moment("a", "x", "y", 5, 15, -1);
	start_agg(NULL);
	make_summary();
	ck_assert_uint_eq(sum.ms[0].total.timed, 0);
	ck_assert(isnan(sum.ms[0].total.p90));
	ck_assert(isnan(sum.ms[0].total.max));
	ck_assert_ptr_null(summary_unreached(&sum.ms[0].total,
	    sum.ms[0].total.p90, 0.9, buf, sizeof buf));
}
END_TEST

/* as_of: the latest at, start or end of a journey aggregated (not a promise or notice); a merge keeps the latest. */
START_TEST(test_as_of)
{
	struct agg	b;

	add_moment("reply", "ask", "answer", 5, 15, 0.8);
	start_agg(NULL);
	ck_assert(a.as_of == MOT_TIME_NONE);
	add_tp("ask", AT(0), AT(0));
	add_tp("answer", AT(3), AT(3));
	j.tps[1].promised = AT(100);
	j.tps[1].notified = AT(200);
	add_tp("visit", AT(10), AT(20));
	run_journey();
	ck_assert(a.as_of == AT(20));		/* an interval's end */
	add_tp("visit", AT(30), MOT_TIME_NONE);
	run_journey();
	ck_assert(a.as_of == AT(30));		/* an open one's start */
	add_tp("ask", AT(25), AT(25));
	run_journey();
	ck_assert(a.as_of == AT(30));		/* an earlier one: no change */

	agg_init(&b, e, NULL);
	agg_merge(&b, &a);
	ck_assert(b.as_of == AT(30));
	agg_free(&b);
	agg_init(&b, e, NULL);
	add_tp("ask", AT(5), AT(5));
	journey_sort(&j);
	agg_journey(&b, &j, NULL, 0);
	journey_reset(&j);
	ck_assert(b.as_of == AT(5));
	agg_merge(&a, &b);			/* an earlier one merged in */
	ck_assert(a.as_of == AT(30));
	agg_merge(&b, &a);			/* a later one merged in */
	ck_assert(b.as_of == AT(30));
	agg_free(&b);
}
END_TEST

/* Feed agg x a journey of one touchpoint named "n%05d" of k. */
static void
feed_name(struct agg *x, unsigned k)
{
	char	name[16];

	snprintf(name, sizeof name, "n%05u", k);
	add_tp(name, AT(0), AT(0));
	agg_journey(x, &j, NULL, 0);
	journey_reset(&j);
}

/*
 * The names outside the expectations kept for "did you mean": exactly the
 * AGG_NAMES_KEEP least, sorted, whatever the order and however the
 * journeys are shared between aggregates merged after; longer names than
 * SUGGEST_MAX_LEN are not kept, nor the expectations' own.
 */
START_TEST(test_other_names)
{
	struct agg		 b, c, d;
	const char		*const *v, *const *w;
	char			 big[SUGGEST_MAX_LEN + 2];
	size_t			 n, m, i;
	unsigned		 k, total = 3 * AGG_NAMES_KEEP;

	add_moment("reply", "ask", "answer", 5, 15, 0.8);
	start_agg(NULL);
	/* one aggregate, names from the greatest down: every one a new least */
	for (k = total; k > 0; k--)
		feed_name(&a, k - 1);
	add_tp("ask", AT(0), AT(0));
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	add_tp(big, AT(0), AT(0));
	agg_journey(&a, &j, NULL, 0);
	journey_reset(&j);
	n = agg_other_names(&a, &v);
	ck_assert_uint_eq(n, AGG_NAMES_KEEP);
	ck_assert_str_eq(v[0], "n00000");
	ck_assert_str_eq(v[n - 1], "n04095");
	for (i = 1; i < n; i++)
		ck_assert_int_lt(strcmp(v[i - 1], v[i]), 0);
	/* three aggregates, every third name each, in rising order, merged */
	agg_init(&b, e, NULL);
	agg_init(&c, e, NULL);
	agg_init(&d, e, NULL);
	for (k = 0; k < total; k++)
		feed_name(k % 3 == 0 ? &b : k % 3 == 1 ? &c : &d, k);
	agg_merge(&c, &d);
	agg_merge(&b, &c);
	m = agg_other_names(&b, &w);
	ck_assert_uint_eq(m, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(v[i], w[i]);
	agg_free(&b);
	agg_free(&c);
	agg_free(&d);
}
END_TEST

/* A moment's names no journey had: from, to and ends, each once. */
START_TEST(test_missing_names)
{
	const char	*out[4];
	size_t		 mi;
	int		 ref;

	mi = add_moment("reply", "ask", "answer", 5, 15, 0.8);
	e->moments[mi].ends = xreallocarray(NULL, 2, sizeof (int));
	ref = (int)strtab_intern(&e->names, "gone", 4);
	e->moments[mi].ends[0] = ref;
	e->moments[mi].ends[1] = ref;
	e->moments[mi].nends = 2;
	start_agg(NULL);
	ck_assert_uint_eq(agg_missing(&a, mi, out, 4), 3);
	ck_assert_str_eq(out[0], "ask");
	ck_assert_str_eq(out[1], "answer");
	ck_assert_str_eq(out[2], "gone");
	ck_assert_uint_eq(agg_missing(&a, mi, out, 1), 1);
	add_tp("answer", AT(0), AT(0));
	run_journey();
	ck_assert_uint_eq(agg_missing(&a, mi, out, 4), 2);
	ck_assert_str_eq(out[0], "ask");
	ck_assert_str_eq(out[1], "gone");
}
END_TEST

START_TEST(test_totals)
{
	const struct cell	*c;

	four_journeys("region");
	c = &a.m[0].total;
	ck_assert_uint_eq(c->n, 4);
	ck_assert_uint_eq(c->met, 2);
	ck_assert_uint_eq(c->tolerated, 1);
	ck_assert_uint_eq(c->breached, 1);
	ck_assert_uint_eq(c->open, 1);
	ck_assert_uint_eq(c->invalid, 0);
	/* the breach has no promise and no notice: -1/3 x 1.2 = -0.4 */
	ck_assert_double_eq_tol((double)c->score_sum * SCORE_UNIT,
	    0.76 - 0.4 + 0.3 + 0.6, 1e-8);
	ck_assert_uint_eq(c->elapsed.n, 4);
	ck_assert_double_eq(c->elapsed.max, 1200);
	ck_assert_double_eq(c->elapsed.min, 180);
	c = &a.m[1].total;
	ck_assert_uint_eq(c->n, 1);
	ck_assert_uint_eq(c->tolerated, 1);
	ck_assert_double_eq_tol((double)c->score_sum * SCORE_UNIT, 0.3, 1e-8);
}
END_TEST

START_TEST(test_reach_and_counters)
{
	four_journeys("region");
	ck_assert_uint_eq(a.m[0].journeys, 4);
	ck_assert_uint_eq(a.m[1].journeys, 1);
	ck_assert_uint_eq(a.journeys_read, 4);
	ck_assert_uint_eq(a.journeys_rejected, 0);
	ck_assert_uint_eq(a.touchpoints, 10);
	ck_assert_uint_eq(a.name_seen[strtab_find(&e->names, "ask", 3)], 5);
	ck_assert_uint_eq(a.name_seen[strtab_find(&e->names, "answer", 6)], 4);
	ck_assert_uint_eq(a.name_seen[strtab_find(&e->names, "visit", 5)], 1);
}
END_TEST

START_TEST(test_breakdown)
{
	const struct cell	*c;

	four_journeys("region");
	ck_assert_uint_eq(agg_nvalues(&a, 0), 3);
	c = cell_of(0, "north");
	ck_assert_uint_eq(c->n, 2);
	ck_assert_uint_eq(c->met, 1);
	ck_assert_uint_eq(c->breached, 1);
	ck_assert_uint_eq(c->open, 0);
	c = cell_of(0, "south");
	ck_assert_uint_eq(c->n, 1);
	ck_assert_uint_eq(c->tolerated, 1);
	/* Missing and empty both count as no value. */
	c = cell_of(0, AGG_NO_VALUE);
	ck_assert_str_eq(AGG_NO_VALUE, "(none)");
	ck_assert_uint_eq(c->n, 1);
	ck_assert_uint_eq(c->met, 1);
	ck_assert_uint_eq(c->open, 1);
	ck_assert_int_eq(strtab_find(&a.values, "", 0), -1);
	ck_assert_uint_eq(agg_nvalues(&a, 1), 1);
	ck_assert_uint_eq(cell_of(1, "north")->tolerated, 1);
}
END_TEST

START_TEST(test_no_breakdown)
{
	four_journeys(NULL);
	ck_assert_uint_eq(agg_nvalues(&a, 0), 0);
	ck_assert_uint_eq(a.m[0].total.n, 4);
	ck_assert_uint_eq(a.m[0].total.open, 1);
}
END_TEST

START_TEST(test_many_values)
{
	char	v[16];
	int	i;

	/* Enough values to grow the cells more than once. */
	add_moment("reply", "ask", "answer", 5, 15, -1);
	start_agg("shop");
	for (i = 0; i < 40; i++) {
		snprintf(v, sizeof v, "shop%02d", i % 20);
		add_attr("shop", v);
		add_tp("ask", AT(0), AT(0));
		add_tp("answer", AT(i % 20 + 1), AT(i % 20 + 1));
		run_journey();
	}
	ck_assert_uint_eq(agg_nvalues(&a, 0), 20);
	ck_assert_uint_eq(cell_of(0, "shop07")->n, 2);
	ck_assert_uint_eq(cell_of(0, "shop03")->met, 2);
	ck_assert_uint_eq(cell_of(0, "shop19")->breached, 2);
	ck_assert_uint_eq(a.m[0].total.n, 40);
}
END_TEST

START_TEST(test_invalid_and_grouping)
{
	struct occurrence	o[3];

	add_moment("a", "x", "y", 5, 15, -1);
	add_moment("b", "x", "z", 5, 15, -1);
	start_agg(NULL);
	feed(0, 1, 0, 0, 0, 2);
	ck_assert_uint_eq(a.m[0].total.invalid, 2);
	ck_assert_uint_eq(a.m[0].total.n, 1);
	ck_assert_uint_eq(a.m[0].total.elapsed.n, 1);
	ck_assert_double_eq_tol((double)a.m[0].total.score_sum * SCORE_UNIT,
	    0.6, 1e-12);
	/* Occurrences of two moments in one journey: each reaches it once. */
	memset(o, 0, sizeof o);
	o[0].moment = 0;
	o[1].moment = 0;
	o[2].moment = 1;
	o[0].status = o[1].status = o[2].status = ST_OPEN;
	agg_journey(&a, &j, o, 3);
	ck_assert_uint_eq(a.m[0].journeys, 2);
	ck_assert_uint_eq(a.m[1].journeys, 1);
	ck_assert_uint_eq(a.m[0].total.open, 2);
	/* A journey without occurrences reaches no moment. */
	agg_journey(&a, &j, o, 0);
	ck_assert_uint_eq(a.m[0].journeys, 2);
	ck_assert_uint_eq(a.journeys_read, 3);
}
END_TEST

START_TEST(test_rejects)
{
	long	bt, ni;

	add_moment("a", "x", "y", 5, 15, -1);
	start_agg(NULL);
	j.file = "a.xml";
	journey_reject(&j, 10, "no id", "journey without id");
	agg_reject(&a, &j);
	journey_reset(&j);
	j.file = "a.xml";
	journey_reject(&j, 20, "bad time", "attribute x");
	agg_reject(&a, &j);
	journey_reset(&j);
	j.file = "b.xml";
	journey_reject(&j, 30, "bad time", "attribute y");
	agg_reject(&a, &j);
	ck_assert_uint_eq(a.journeys_read, 3);
	ck_assert_uint_eq(a.journeys_rejected, 3);
	ck_assert_uint_eq(a.reasons.n, 2);
	bt = strtab_find(&a.reasons, "bad time", 8);
	ni = strtab_find(&a.reasons, "no id", 5);
	ck_assert_int_ge(bt, 0);
	ck_assert_int_ge(ni, 0);
	ck_assert_uint_eq(a.reason_count[bt], 2);
	ck_assert_uint_eq(a.reason_count[ni], 1);
	ck_assert_str_eq(a.reason_first[bt], "a.xml:20");
	ck_assert_str_eq(a.reason_first[ni], "a.xml:10");
	/* The summary lists reasons by name. */
	make_summary();
	ck_assert_uint_eq(sum.reasons[0], (size_t)bt);
	ck_assert_uint_eq(sum.reasons[1], (size_t)ni);
}
END_TEST

/* Where a reason was first seen, merged: by file, then line, then column, whether or not columns are given. */
START_TEST(test_rejects_merge_first)
{
	static const struct {
		unsigned long	 line;
		unsigned	 col;
		const char	*file;
	} later[] = {
		{ 287220, 19, "e.csv" }, { 47868, 20, "e.csv" },
		{ 47868, 0, "f:1.xml" }, { 1, 1, "f.csv" },
	};
	struct agg	b;
	size_t		i;

	add_moment("a", "x", "y", 5, 15, -1);
	start_agg(NULL);
	j.file = "e.csv";
	journey_reject(&j, 47868, "bad time", "x");
	j.reject_col = 19;
	agg_reject(&a, &j);
	for (i = 0; i < sizeof later / sizeof later[0]; i++) {
		agg_init(&b, e, NULL);
		journey_reset(&j);
		j.file = later[i].file;
		journey_reject(&j, later[i].line, "bad time", "x");
		j.reject_col = later[i].col;
		agg_reject(&b, &j);
		agg_merge(&a, &b);
		agg_free(&b);
		ck_assert_str_eq(a.reason_first[0], "e.csv:47868:19");
	}
	agg_init(&b, e, NULL);
	journey_reset(&j);
	j.file = "e.csv";
	journey_reject(&j, 9999, "bad time", "x");
	j.reject_col = 30;
	agg_reject(&b, &j);
	agg_merge(&a, &b);			/* an earlier line, a later column */
	agg_free(&b);
	ck_assert_str_eq(a.reason_first[0], "e.csv:9999:30");
}
END_TEST

/* --by on a touchpoint attribute: the stopping touchpoint's value, else the starting one's; a journey attribute of the name wins; team, actor and status are touchpoint attributes too. */
START_TEST(test_value_touchpoint)
{
	struct occurrence	 o;
	char			 buf[32];

	add_moment("a", "x", "y", 5, 15, -1);
	agg_init(&a, e, "impact");
	have_agg = 1;
	add_tp("x", AT(1), AT(1));
	add_tp("y", AT(2), AT(2));
	memset(&o, 0, sizeof o);
	o.from = &j.tps[0];
	o.to = &j.tps[1];
	o.start = AT(1);
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), AGG_NO_VALUE);
	j.tps[0].by = "low";
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "low");
	j.tps[1].by = "high";
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "high");
	j.tps[1].by = "";			/* empty: as if absent */
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "low");
	o.to = NULL;				/* open: the start's */
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "low");
	add_attr("impact", "journey-wide");
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf),
	    "journey-wide");
	agg_free(&a);
	agg_init(&a, e, "team");
	o.to = &j.tps[1];
	j.tps[0].by = j.tps[1].by = NULL;	/* a reader sets by for --by */
	j.tps[0].team = "desk";
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "desk");
	j.tps[1].team = "field";
	ck_assert_str_eq(agg_value(&a, &j, &o, buf, sizeof buf), "field");
}
END_TEST

START_TEST(test_many_reasons)
{
	char	r[16];
	int	i;

	add_moment("a", "x", "y", 5, 15, -1);
	start_agg(NULL);
	for (i = 0; i < 20; i++) {
		journey_reset(&j);
		j.file = "c.xml";
		snprintf(r, sizeof r, "reason %02d", i % 10);
		journey_reject(&j, (unsigned long)i + 1, r, "detail");
		agg_reject(&a, &j);
	}
	ck_assert_uint_eq(a.reasons.n, 10);
	ck_assert_uint_eq(a.reason_count[strtab_find(&a.reasons,
	    "reason 09", 9)], 2);
	ck_assert_str_eq(a.reason_first[strtab_find(&a.reasons,
	    "reason 09", 9)], "c.xml:10");
}
END_TEST

START_TEST(test_summary_rates)
{
	const struct cell_sum	*c;

	four_journeys("region");
	make_summary();
	ck_assert_uint_eq(sum.n, 2);
	c = &sum.ms[0].total;
	ck_assert_ptr_null(c->value);
	ck_assert_uint_eq(c->n, 4);
	ck_assert_uint_eq(c->open, 1);
	ck_assert_double_eq_tol(c->met_rate, 0.5, TOL);
	ck_assert_double_eq_tol(c->tolerated_rate, 0.25, TOL);
	ck_assert_double_eq_tol(c->breach_rate, 0.25, TOL);
	ck_assert_double_eq_tol(c->within_rate, 0.75, TOL);
	/* Wilson 95% of 1 in 4. */
	ck_assert_double_eq_tol(c->ci_lo, 0.0455873, 1e-6);
	ck_assert_double_eq_tol(c->ci_hi, 0.6993582, 1e-6);
	ck_assert_double_eq_tol(c->score_mean, (0.76 - 0.4 + 0.3 + 0.6) /
	    4, 1e-8);
	ck_assert_uint_eq(sum.ms[0].journeys, 4);
	ck_assert_ptr_eq(sum.ms[0].m, &e->moments[0]);
	ck_assert_ptr_null(sum.ms[0].unseen);
}
END_TEST

START_TEST(test_summary_percentiles)
{
	const struct cell_sum	*c;

	four_journeys("region");
	make_summary();
	/*
	 * Elapsed 180, 300, 600, 1200 s and the open one censored at 300 s
	 * (as_of 30 min, asked at 25). Kaplan-Meier, events before the
	 * censoring at 300: S = 4/5 after 180, 4/5 x 3/4 = 3/5 after 300,
	 * 3/5 x 1/2 = 3/10 after 600, 0 after 1200. F first reaches 0.5 at
	 * 600; p90 and p95 at 1200.
	 */
	c = &sum.ms[0].total;
	ck_assert_double_eq(c->p50, 600);
	ck_assert_double_eq(c->p90, 1200);
	ck_assert_double_eq(c->p95, 1200);
	ck_assert_double_eq(c->max, 1200);
	c = &sum.ms[1].total;
	ck_assert_double_eq(c->p50, 1200);
	ck_assert_double_eq(c->max, 1200);
}
END_TEST

START_TEST(test_summary_breakdown_sorted)
{
	const struct moment_sum	*ms;

	four_journeys("region");
	make_summary();
	ms = &sum.ms[0];
	ck_assert_uint_eq(ms->nby, 3);
	ck_assert_str_eq(ms->by[0].value, "(none)");
	ck_assert_str_eq(ms->by[1].value, "north");
	ck_assert_str_eq(ms->by[2].value, "south");
	ck_assert_uint_eq(ms->by[0].open, 1);
	ck_assert_double_eq_tol(ms->by[1].breach_rate, 0.5, TOL);
	ck_assert_double_eq_tol(ms->by[2].tolerated_rate, 1.0, TOL);
	ck_assert_double_eq_tol(ms->by[2].score_mean, 0.3, 1e-8);
	ck_assert_double_eq(ms->by[1].p50, 180);
}
END_TEST

START_TEST(test_summary_objective)
{
	four_journeys("region");
	make_summary();
	/* 75% within adequate against an objective of 80%. */
	ck_assert_int_eq(sum.ms[0].total.objective_met, 0);
	ck_assert_int_eq(sum.ms[0].by[2].objective_met, 1);	/* south */
	ck_assert_int_eq(sum.ms[1].total.objective_met, -1);
}
END_TEST

START_TEST(test_summary_objective_exact)
{
	add_moment("exact", "x", "y", 5, 15, 0.75);
	add_moment("just-over", "x", "y", 5, 15, 0.7500001);
	add_moment("seven", "x", "y", 5, 15, 0.7);
	start_agg(NULL);
	feed(0, 2, 1, 1, 3, 0);
	feed(1, 2, 1, 1, 0, 0);
	feed(2, 5, 2, 3, 0, 0);
	make_summary();
	ck_assert_int_eq(sum.ms[0].total.objective_met, 1);
	ck_assert_int_eq(sum.ms[1].total.objective_met, 0);
	ck_assert_int_eq(sum.ms[2].total.objective_met, 1);
}
END_TEST

START_TEST(test_summary_empty_moment)
{
	const struct cell_sum	*c;
	char			 buf[256];

	add_moment("reply", "ask", "answer", 5, 15, 0.9);
	add_moment("other", "visit", NULL, 5, 15, -1);
	start_agg(NULL);
	add_tp("ask", AT(0), AT(0));
	run_journey();
	make_summary();
	c = &sum.ms[0].total;
	ck_assert_uint_eq(c->n, 0);
	ck_assert_uint_eq(c->open, 1);
	ck_assert(isnan(c->breach_rate));
	ck_assert(isnan(c->ci_lo));
	ck_assert(isnan(c->score_mean));
	ck_assert(isnan(c->p50));
	ck_assert_int_eq(c->objective_met, -1);
	/* The stop touchpoint was never seen, then the span's. */
	ck_assert_str_eq(sum.ms[0].unseen, "answer");
	ck_assert_str_eq(sum.ms[1].unseen, "visit");
	summary_verdict(&sum.ms[1], buf, sizeof buf);
	ck_assert(strstr(buf, "visit") != NULL);
	summary_verdict(&sum.ms[0], buf, sizeof buf);
	ck_assert_int_gt(strlen(buf), 0);
}
END_TEST

START_TEST(test_summary_ranking)
{
	static const char	*const ids[] = {
		"zeta", "yak", "mid", "beta", "clean", "absent"
	};
	size_t			 i;

	for (i = 0; i < 6; i++)
		add_moment(ids[i], "x", "y", 5, 15, -1);
	start_agg(NULL);
	feed(0, 8, 0, 2, 0, 0);		/* zeta: 2 of 10 */
	feed(1, 1, 1, 2, 0, 0);		/* yak: 2 of 4 */
	feed(2, 50, 47, 3, 0, 0);	/* mid: 3 of 100 */
	feed(3, 4, 4, 2, 0, 0);		/* beta: 2 of 10 */
	feed(4, 5, 0, 0, 0, 0);		/* clean: 0 of 5 */
	/* absent: no occurrences, no interval: after clean despite its id. */
	make_summary();
	/*
	 * Priority = reach x breach rate x severity x (1 + memory share): each
	 * feed is one journey of five, so reach 0.2; every breach scores -1
	 * (severity 1) and is its journey's worst moment (memory share 1).
	 * Only mid has n >= 30 and ranks first; then yak 0.2 x 0.5 x 2 = 0.2,
	 * beta and zeta 0.08 (same Wilson bound: by id), clean 0, absent none.
	 */
	ck_assert_uint_eq(sum.order[0], 2);
	ck_assert_uint_eq(sum.order[1], 1);
	ck_assert_uint_eq(sum.order[2], 3);
	ck_assert_uint_eq(sum.order[3], 0);
	ck_assert_uint_eq(sum.order[4], 4);
	ck_assert_uint_eq(sum.order[5], 5);
	ck_assert_uint_eq(sum.ms[2].rank, 1);
	ck_assert_uint_eq(sum.ms[1].rank, 2);
	ck_assert_uint_eq(sum.ms[3].rank, 3);
	ck_assert_uint_eq(sum.ms[0].rank, 4);
	ck_assert_uint_eq(sum.ms[4].rank, 5);
	ck_assert_uint_eq(sum.ms[5].rank, 6);
	ck_assert_double_eq_tol(sum.ms[2].priority, 0.2 * 0.03 * 2, 1e-12);
	ck_assert_double_eq_tol(sum.ms[0].priority, 0.2 * 0.2 * 2, 1e-12);
	ck_assert_double_eq_tol(sum.ms[1].priority, 0.2 * 0.5 * 2, 1e-12);
	ck_assert_int_eq(sum.ms[2].total.rankable, 1);
	ck_assert_int_eq(sum.ms[1].total.rankable, 0);
	/* each feed is one journey: its clocks count as one (n_eff 1) */
	ck_assert_double_eq_tol(sum.ms[1].total.n_eff, 1, 1e-12);
	ck_assert_double_eq_tol(sum.ms[1].total.ci_lo, 0.0546208, 1e-6);
	ck_assert_double_eq_tol(sum.ms[0].total.n_eff, 1, 1e-12);
}
END_TEST

START_TEST(test_summary_score_mean_exact)
{
	struct occurrence	o;
	int			i;

	add_moment("a", "x", "y", 5, 15, -1);
	start_agg(NULL);
	memset(&o, 0, sizeof o);
	o.status = ST_MET;
	o.elapsed = MIN;
	for (i = 0; i < 1000; i++) {
		o.score = i % 2 ? 0.1 : 0.7;
		agg_journey(&a, &j, &o, 1);
	}
	ck_assert_int_eq(a.m[0].total.score_sum, INT64_C(400000000000));
	make_summary();
	ck_assert_double_eq_tol(sum.ms[0].total.score_mean, 0.4, 1e-12);
}
END_TEST

START_TEST(test_summary_verdicts)
{
	char	buf[256];
	size_t	i;

	/* One moment per kind of verdict. */
	add_moment("meets", "x", "y", 5, 15, 0.5);
	add_moment("misses", "x", "y", 5, 15, 0.9);
	add_moment("breached", "x", "y", 5, 15, -1);
	add_moment("clean", "x", "y", 5, 15, -1);
	add_moment("open", "x", "y", 5, 15, -1);
	add_moment("nothing", "x", "y", 5, 15, -1);
	start_agg(NULL);
	add_tp("x", AT(0), AT(0));
	add_tp("y", AT(1), AT(1));
	feed(0, 3, 0, 1, 0, 0);
	feed(1, 3, 0, 1, 0, 0);
	feed(2, 3, 0, 1, 0, 0);
	feed(3, 3, 1, 0, 0, 0);
	feed(4, 0, 0, 0, 2, 0);
	make_summary();
	for (i = 0; i < sum.n; i++) {
		buf[0] = '\0';
		summary_verdict(&sum.ms[i], buf, sizeof buf);
		ck_assert_msg(strlen(buf) > 0, "moment %zu: empty verdict", i);
	}
	ck_assert_int_eq(sum.ms[0].total.objective_met, 1);
	ck_assert_int_eq(sum.ms[1].total.objective_met, 0);
}
END_TEST

/* One journey of three hand-made occurrences, one per moment. */
static void
feed_three(double s0, int64_t t0, double s1, int64_t t1, double s2,
    int64_t t2)
{
	struct occurrence	o[3];
	const double		sc[3] = { s0, s1, s2 };
	const int64_t		at[3] = { t0, t1, t2 };
	size_t			k;

	memset(o, 0, sizeof o);
	for (k = 0; k < 3; k++) {
		o[k].moment = k;
		o[k].status = sc[k] < 0 ? ST_BREACHED : ST_MET;
		o[k].start = AT(0);
		o[k].stop = AT(at[k]);
		o[k].elapsed = o[k].stop - o[k].start;
		o[k].score = sc[k];
	}
	agg_journey(&a, &j, o, 3);
}

/*
 * Memory share: every moment tied for the journey's worst negative score
 * counts, and every one tied for the last (stopping at the last instant)
 * while negative, not only the first of them in stop order.
 */
START_TEST(test_memory_share_ties)
{
	add_moment("a", "x", "y", 5, 15, -1);
	add_moment("b", "x", "y", 5, 15, -1);
	add_moment("c", "x", "y", 5, 15, -1);
	start_agg(NULL);
	/* a and b tied for worst; c last but positive. */
	feed_three(-0.5, 10, -0.5, 20, 0.2, 30);
	ck_assert_uint_eq(a.m[0].total.memory_hits, 1);
	ck_assert_uint_eq(a.m[1].total.memory_hits, 1);
	ck_assert_uint_eq(a.m[2].total.memory_hits, 0);
	/* a worst; b and c tied for last (both stop at 30), both negative. */
	feed_three(-0.9, 10, -0.2, 30, -0.1, 30);
	ck_assert_uint_eq(a.m[0].total.memory_hits, 2);
	ck_assert_uint_eq(a.m[1].total.memory_hits, 2);
	ck_assert_uint_eq(a.m[2].total.memory_hits, 1);
	/* b and c tied for last, only c negative: b is not carried away. */
	feed_three(-0.9, 10, 0.4, 30, -0.1, 30);
	ck_assert_uint_eq(a.m[1].total.memory_hits, 2);
	ck_assert_uint_eq(a.m[2].total.memory_hits, 2);
	/* A tie at a score that is not negative counts for nothing. */
	feed_three(0.3, 10, 0.3, 20, 0.5, 30);
	ck_assert_uint_eq(a.m[0].total.memory_hits, 3);
	ck_assert_uint_eq(a.m[1].total.memory_hits, 2);
	ck_assert_uint_eq(a.m[2].total.memory_hits, 2);
	make_summary();
	ck_assert_double_eq_tol(sum.ms[1].total.memory_share, 0.5, TOL);
}
END_TEST

/* A cell read from a state stays a compact record, with the same figures. */
START_TEST(test_add_cell_compact)
{
	struct agg	 b;
	struct cell	 t, u, *x, *y;
	size_t		 mi, v;
	long		 w;

	four_journeys("region");
	agg_init(&b, e, "region");
	agg_cell_init(&t);
	agg_cell_init(&u);
	for (mi = 0; mi < e->nmoments; mi++) {
		for (v = 0; v < a.values.n; v++) {
			if (!agg_has_value(&a, mi, v))
				continue;
			agg_add_cell(&b, mi, strtab_key(&a.values, v),
			    agg_value_cell(&a, mi, v, &t));
		}
	}
	for (mi = 0; mi < e->nmoments; mi++) {
		ck_assert_uint_eq(agg_nvalues(&b, mi), agg_nvalues(&a, mi));
		for (v = 0; v < a.values.n; v++) {
			if (!agg_has_value(&a, mi, v))
				continue;
			w = strtab_find(&b.values, strtab_key(&a.values, v),
			    strlen(strtab_key(&a.values, v)));
			ck_assert_int_ge(w, 0);
			/* Not made full: a record in the cell's log. */
			ck_assert_uint_ne(b.m[mi].chunks[0][w].cap, VCELL_FULL);
			ck_assert_uint_eq(agg_value_volume(&b, mi, (size_t)w),
			    agg_value_volume(&a, mi, v));
			x = agg_value_cell(&a, mi, v, &t);
			y = agg_value_cell(&b, mi, (size_t)w, &u);
			ck_assert_uint_eq(x->n, y->n);
			ck_assert_uint_eq(x->open, y->open);
			ck_assert_uint_eq(x->breached, y->breached);
			ck_assert_int_eq(x->score_sum, y->score_sum);
			ck_assert_int_eq(x->score_sq, y->score_sq);
			ck_assert_uint_eq(x->journeys, y->journeys);
			ck_assert_int_eq(memcmp(x->score_bins, y->score_bins,
			    sizeof x->score_bins), 0);
			ck_assert_uint_eq(x->elapsed.n, y->elapsed.n);
			if (x->n > 0)
				ck_assert_double_eq(sketch_quantile(&x->elapsed,
				    0.5), sketch_quantile(&y->elapsed, 0.5));
		}
	}
	agg_cell_free(&t);
	agg_cell_free(&u);
	agg_free(&b);
}
END_TEST

/* Periods keep the latest max and fold the older, in any order, merged or not; open ones too. */
START_TEST(test_periods_bounded)
{
	static const int64_t	ks[] = { 3, 40, 7, 41, 12, 38, -5, 44, 39, 43 };
	struct periods		p, q, r;
	size_t			i, n = sizeof ks / sizeof ks[0];

	memset(&p, 0, sizeof p);
	memset(&q, 0, sizeof q);
	memset(&r, 0, sizeof r);
	p.max = q.max = r.max = 5;
	for (i = 0; i < n; i++) {
		agg_periods_add(&p, ks[i], 1, ks[i] % 2 != 0, ks[i] % 3 == 0);
		agg_periods_add(&q, ks[n - 1 - i], 1, ks[n - 1 - i] % 2 != 0,
		    ks[n - 1 - i] % 3 == 0);
	}
	/* Weeks 40 to 44 are kept; 3, 7, 12, 38, -5 and 39 are folded. */
	ck_assert_uint_eq(p.n, 5);
	ck_assert_int_eq(p.first, 40);
	ck_assert_uint_eq(p.before.n, 6);
	ck_assert_uint_eq(p.before.breached, 4);
	ck_assert_uint_eq(p.before.open, 3);	/* 3, 12 and 39 */
	ck_assert_uint_eq(p.v[0].n, 1);
	ck_assert_uint_eq(p.v[1].breached, 1);
	ck_assert_uint_eq(p.v[2].n, 0);
	ck_assert_uint_eq(p.v[2].open, 0);
	ck_assert_uint_eq(q.n, p.n);
	ck_assert_int_eq(q.first, p.first);
	ck_assert_uint_eq(q.before.n, p.before.n);
	ck_assert_uint_eq(q.before.breached, p.before.breached);
	ck_assert_uint_eq(q.before.open, p.before.open);
	ck_assert_int_eq(memcmp(q.v, p.v, p.n * sizeof *p.v), 0);

	/* A period holding only open clocks is kept, not folded as empty. */
	agg_periods_add(&r, 10, 1, 0, 0);
	agg_periods_add(&r, 11, 0, 0, 2);
	agg_periods_add(&r, 15, 1, 1, 0);	/* folds 10 */
	ck_assert_int_eq(r.first, 11);
	ck_assert_uint_eq(r.v[0].open, 2);
	ck_assert_uint_eq(r.before.n, 1);
	ck_assert_uint_eq(r.before.open, 0);
	agg_periods_add(&r, 16, 1, 0, 0);	/* folds 11, then 12 to 14 */
	ck_assert_int_eq(r.first, 15);
	ck_assert_uint_eq(r.before.open, 2);
	free(r.v);
	memset(&r, 0, sizeof r);
	r.max = 5;
	agg_periods_add(&r, 10, 0, 0, 0);	/* nothing: no period */
	ck_assert_uint_eq(r.n, 0);
	agg_periods_add(&r, 10, 0, 0, 1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].open, 1);
	free(r.v);
	free(p.v);
	free(q.v);
}
END_TEST

/* Sunday 2026-10-04 23:00 UTC: the last hour of ISO week 2026-W40. */
#define W40_END	(BASE + (INT64_C(3) * 24 + 16) * 60 * MIN)

/* A clock counts in the week and month it started, not those it stopped in. */
START_TEST(test_periods_by_start)
{
	struct occurrence	o[3];
	struct agg		b;
	char			label[32], buf[32];

	add_moment("reply", "ask", "answer", 60, 600, -1);
	start_agg("week");
	memset(o, 0, sizeof o);
	/* Started 2026-09-30 23:00 (W40, September), stopped in W41. */
	o[0].status = ST_BREACHED;
	o[0].start = AT(-8 * 60);
	o[0].stop = W40_END + 2 * 60 * MIN;	/* Monday 01:00, W41 */
	o[0].score = -1;
	ck_assert_str_eq(agg_value(&a, &j, &o[0], buf, sizeof buf),
	    "2026-W40");
	agg_journey(&a, &j, o, 1);
	ck_assert_uint_eq(a.m[0].weeks.n, 1);
	agg_period_label(&a.m[0].weeks, 0, 0, label, sizeof label);
	ck_assert_str_eq(label, "2026-W40");
	ck_assert_uint_eq(a.m[0].weeks.v[0].n, 1);
	ck_assert_uint_eq(a.m[0].weeks.v[0].breached, 1);
	ck_assert_uint_eq(a.m[0].months.n, 1);
	agg_period_label(&a.m[0].months, 1, 0, label, sizeof label);
	ck_assert_str_eq(label, "2026-09");
	ck_assert(a.first_start == AT(-8 * 60) && a.last_start == AT(-8 * 60));
	ck_assert(a.first_stop == o[0].stop);

	/* Open at the end of W40 (in open), invalid and ended ones not at all. */
	memset(o, 0, sizeof o);
	o[0].status = ST_OPEN;
	o[0].start = W40_END;
	o[0].stop = MOT_TIME_NONE;
	o[1].status = ST_INVALID;
	o[1].start = W40_END + 7 * 24 * 60 * MIN;
	o[1].stop = o[1].start - MIN;
	o[2].status = ST_ENDED;
	o[2].kind = OCC_ENDED;
	o[2].start = W40_END + 14 * 24 * 60 * MIN;
	o[2].stop = MOT_TIME_NONE;
	agg_journey(&a, &j, o, 3);
	ck_assert_uint_eq(a.m[0].weeks.n, 1);
	ck_assert_uint_eq(a.m[0].weeks.v[0].n, 1);
	ck_assert_uint_eq(a.m[0].weeks.v[0].open, 1);
	ck_assert_uint_eq(a.m[0].months.n, 2);	/* September, October */
	ck_assert_uint_eq(a.m[0].months.v[1].open, 1);
	ck_assert_uint_eq(a.m[0].months.v[1].n, 0);
	ck_assert(a.last_start == W40_END);

	/* The replay's entry point, and merging: open counts add up. */
	agg_init(&b, e, "week");
	agg_period_occ(&b, 0, W40_END + 1, 0, 1);
	agg_period_occ(&b, 0, W40_END + 2 * 60 * MIN, 1, 0);
	agg_period_occ(&b, 0, MOT_TIME_NONE, 1, 0);	/* no start: none */
	agg_merge(&a, &b);
	ck_assert_uint_eq(a.m[0].weeks.n, 2);
	ck_assert_uint_eq(a.m[0].weeks.v[0].open, 2);
	ck_assert_uint_eq(a.m[0].weeks.v[1].n, 1);
	ck_assert_uint_eq(a.m[0].weeks.v[1].breached, 1);
	ck_assert(a.last_start == W40_END + 2 * 60 * MIN);
	agg_free(&b);
}
END_TEST

/* A period is small below min-n and incomplete with any open clock. */
START_TEST(test_period_marks)
{
	struct summary		s;
	struct periods		p;
	struct period_sum	ps;

	memset(&s, 0, sizeof s);
	memset(&p, 0, sizeof p);
	s.e = e;
	e->params.min_n = 30;
	p.max = 100;
	agg_periods_add(&p, 100, 29, 3, 0);
	agg_periods_add(&p, 101, 30, 3, 0);
	agg_periods_add(&p, 102, 30, 0, 1);
	agg_periods_add(&p, 103, 0, 0, 4);
	agg_periods_add(&p, 105, 2, 1, 0);
	summary_period(&s, &p, 100, &ps);
	ck_assert(ps.small && !ps.incomplete);
	ck_assert_str_eq(summary_period_marks(&ps), "small");
	ck_assert_double_eq_tol(ps.breach_rate, 3.0 / 29, TOL);
	ck_assert(ps.ci_lo < ps.breach_rate && ps.ci_hi > ps.breach_rate);
	summary_period(&s, &p, 101, &ps);
	ck_assert(!ps.small && !ps.incomplete);
	ck_assert_str_eq(summary_period_marks(&ps), "");
	summary_period(&s, &p, 102, &ps);
	ck_assert(!ps.small && ps.incomplete);
	ck_assert_uint_eq(ps.open, 1);
	ck_assert_double_eq_tol(ps.breach_rate, 0, TOL);
	ck_assert_double_eq_tol(ps.ci_lo, 0, TOL);
	ck_assert_str_eq(summary_period_marks(&ps), "incomplete");
	summary_period(&s, &p, 103, &ps);
	ck_assert(ps.small && ps.incomplete && isnan(ps.breach_rate));
	ck_assert(isnan(ps.ci_lo) && isnan(ps.ci_hi));
	ck_assert_str_eq(summary_period_marks(&ps), "incomplete, small");
	summary_period(&s, &p, 104, &ps);	/* kept, empty */
	ck_assert(ps.n == 0 && ps.open == 0 && ps.small && !ps.incomplete);
	summary_period(&s, &p, 99, &ps);	/* not kept */
	ck_assert(ps.n == 0 && isnan(ps.breach_rate));
	summary_period(&s, &p, 105, &ps);	/* 1 of 2: never plain */
	ck_assert(ps.small);
	ck_assert_int_eq(summary_trend_first(&p), 100);
	e->params.min_n = 1;
	summary_period(&s, &p, 105, &ps);
	ck_assert(!ps.small);
	agg_periods_add(&p, 100 + SUMMARY_TREND_ROWS, 1, 0, 0);
	ck_assert_int_eq(summary_trend_first(&p), 101);	/* the latest rows */
	free(p.v);
}
END_TEST


/* Check the records pending_each gives back, in order (for test_pending_spill). */
static int
count_rec(const struct pend_rec *r, void *arg)
{
	struct {
		uint64_t	n, sum;
	}		*seen = arg;
	uint64_t	 i = seen->n++;
	size_t		 map[3] = { 2, 0, 1 };
	size_t		 want = i % 2 ? PENDING_NO_VALUE : map[i % 3];

	ck_assert_uint_eq(r->moment, i % 3);
	ck_assert_uint_eq(r->value, want);
	ck_assert_int_eq(r->new_total, i % 5 == 0);
	ck_assert(r->start == AT(i));
	ck_assert(r->pivot == AT(i) + 7);
	ck_assert(r->deadline == (i % 7 ? MOT_TIME_NONE : AT(i + 3)));
	return (0);
}

/* Name a moment's ends= touchpoints. */
static void
set_ends(size_t mi, const char *name)
{
	struct moment	*m = &e->moments[mi];

	m->ends = xreallocarray(m->ends, m->nends + 1, sizeof *m->ends);
	m->ends[m->nends++] = (int)strtab_intern(&e->names, name,
	    strlen(name));
}

START_TEST(test_open_at_adequate)
{
	const struct cell	*c;

	add_moment("reply", "ask", "answer", 5, 15, -1);
	start_agg(NULL);
	add_tp("ask", AT(0), AT(0));
	run_journey();
	add_tp("answer", AT(15), AT(15));	/* as_of: adequate, exactly */
	run_journey();
	finish();
	c = &a.m[0].total;
	ck_assert_uint_eq(c->open, 1);		/* at adequate: not past it */
	ck_assert_uint_eq(c->n, 0);
	ck_assert_uint_eq(c->elapsed_cens.n, 1);
	ck_assert_double_eq(c->elapsed_cens.max, 15 * 60);
	agg_free(&a);

	start_agg(NULL);
	add_tp("ask", AT(0), AT(0));
	run_journey();
	add_tp("answer", AT(15) + 1, AT(15) + 1);	/* one microsecond past */
	run_journey();
	finish();
	c = &a.m[0].total;
	ck_assert_uint_eq(c->open, 0);
	ck_assert_uint_eq(c->n, 1);
	ck_assert_uint_eq(c->breached, 1);
	ck_assert_uint_eq(c->open_breached, 1);
	ck_assert_uint_eq(c->elapsed.n, 0);	/* censored, not an event */
	ck_assert_uint_eq(c->elapsed_cens.n, 1);
	ck_assert_uint_eq(c->clusters, 1);
}
END_TEST

START_TEST(test_ends)
{
	const struct cell	*c;

	add_moment("reply", "ask", "answer", 5, 15, -1);
	set_ends(0, "declined");
	start_agg(NULL);
	add_tp("ask", AT(0), AT(0));		/* ended within adequate */
	add_tp("declined", AT(10), AT(10));
	run_journey();
	add_tp("ask", AT(0), AT(0));		/* ended past adequate */
	add_tp("declined", AT(20), AT(20));
	run_journey();
	add_tp("ask", AT(0), AT(0));		/* to and ends at once: to wins */
	add_tp("declined", AT(5), AT(5));
	add_tp("answer", AT(5), AT(5));
	run_journey();
	add_tp("declined", AT(0), AT(0));	/* before the start: no end */
	add_tp("ask", AT(1), AT(1));
	add_tp("answer", AT(3), AT(3));
	run_journey();
	finish();
	c = &a.m[0].total;
	ck_assert_uint_eq(c->ended, 1);
	ck_assert_uint_eq(c->ended_breached, 1);
	ck_assert_uint_eq(c->open, 0);
	ck_assert_uint_eq(c->n, 3);
	ck_assert_uint_eq(c->met, 2);
	ck_assert_uint_eq(c->breached, 1);
	ck_assert_uint_eq(c->elapsed.n, 2);	/* the closed ones */
	ck_assert_uint_eq(c->elapsed_cens.n, 2);	/* ended: censored */
	ck_assert_double_eq(c->elapsed_cens.max, 20 * 60);
}
END_TEST

START_TEST(test_repeat_first)
{
	add_moment("reply", "ask", "answer", 5, 15, -1);
	add_moment("reply-first", "ask", "answer", 5, 15, -1);
	e->moments[1].repeat_first = 1;
	start_agg(NULL);
	add_tp("ask", AT(0), AT(0));
	add_tp("ask", AT(2), AT(2));
	add_tp("answer", AT(4), AT(4));
	run_journey();
	finish();
	ck_assert_uint_eq(a.m[0].total.n, 2);
	ck_assert_uint_eq(a.m[1].total.n, 1);
	ck_assert_double_eq(a.m[1].total.elapsed.max, 4 * 60);
	/* one journey: one cluster of two for repeat="each" */
	ck_assert_uint_eq(a.m[0].total.clusters, 1);
	ck_assert_uint_eq(a.m[0].total.clu_nn, 4);
	ck_assert_uint_eq(a.m[1].total.clu_nn, 1);
}
END_TEST

START_TEST(test_pending_spill)
{
	struct pending	p, q;
	struct pend_rec	r;
	uint64_t	i;
	size_t		map[3] = { 2, 0, 1 };
	struct {
		uint64_t	n, sum;
	} seen = { 0, 0 };

	pending_init(&p, 64);		/* spills every few records */
	pending_init(&q, 1 << 20);
	memset(&r, 0, sizeof r);
	for (i = 0; i < 1000; i++) {
		r.moment = i % 3;
		r.value = i % 2 ? PENDING_NO_VALUE : i % 3;
		r.new_total = i % 5 == 0;
		r.start = AT(i);
		r.pivot = AT(i) + 7;
		r.so_far = 7;
		r.adequate = 15 * MIN;
		r.deadline = i % 7 ? MOT_TIME_NONE : AT(i + 3);
		pending_add(&p, &r);
	}
	ck_assert_int_eq(p.err, 0);
	ck_assert_ptr_nonnull(p.spill);
	ck_assert_uint_eq(p.n, 1000);
	pending_move(&q, &p, map);
	ck_assert_uint_eq(q.n, 1000);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_int_eq(pending_each(&q, count_rec, &seen), 0);
	ck_assert_uint_eq(seen.n, 1000);
	pending_free(&p);
	pending_free(&q);
}
END_TEST

/*
 * agg_window_occ counts what n counts (met, tolerated, breached) in each
 * window its stop time falls in, after < stop <= until, and merges.
 */
START_TEST(test_window_occ)
{
	static const enum status	 st[] = { ST_MET, ST_TOLERATED,
	    ST_BREACHED, ST_BREACHED, ST_OPEN, ST_INVALID, ST_ENDED };
	/* Since 100, since 150 (both up to 200), and all time. */
	static const struct agg_window	 w[AGG_WINDOWS] = {
		{ 100, 200 }, { 150, 200 }, { MOT_TIME_NONE, INT64_MAX } };
	static const mot_time		 stops[] = { 100, 101, 150, 151, 200,
	    201, MOT_TIME_NONE };
	struct occurrence		 o;
	struct agg			 b;
	size_t				 i;

	add_moment("reply", "ask", "answer", 5, 15, 0.8);
	add_moment("visit", "visit", NULL, 5, 15, -1);
	start_agg(NULL);
	memset(&o, 0, sizeof o);
	o.stop = 180;
	for (i = 0; i < sizeof st / sizeof st[0]; i++) {
		o.moment = 0;
		o.status = st[i];
		agg_window_occ(&a, &o, w, AGG_WINDOWS);
	}
	for (i = 0; i < AGG_WINDOWS; i++) {
		ck_assert_uint_eq(a.m[0].win_n[i], 4);
		ck_assert_uint_eq(a.m[0].win_breached[i], 2);
		ck_assert_uint_eq(a.m[1].win_n[i], 0);
	}
	/* The bounds: after excluded, until included; no stop, no window. */
	o.status = ST_BREACHED;
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		o.moment = 1;
		o.stop = stops[i];
		agg_window_occ(&a, &o, w, AGG_WINDOWS);
	}
	ck_assert_uint_eq(a.m[1].win_n[0], 4);	/* 101, 150, 151, 200 */
	ck_assert_uint_eq(a.m[1].win_n[1], 2);	/* 151, 200 */
	ck_assert_uint_eq(a.m[1].win_n[2], 6);	/* all that stopped */
	ck_assert_uint_eq(a.m[1].win_breached[2], 6);
	/* Fewer windows than AGG_WINDOWS: the others are not counted. */
	o.stop = 180;
	agg_window_occ(&a, &o, w, 1);
	ck_assert_uint_eq(a.m[1].win_n[0], 5);
	ck_assert_uint_eq(a.m[1].win_n[1], 2);
	agg_init(&b, e, NULL);
	agg_window_occ(&b, &o, w, AGG_WINDOWS);
	agg_merge(&a, &b);
	agg_free(&b);
	ck_assert_uint_eq(a.m[0].win_n[0], 4);
	ck_assert_uint_eq(a.m[1].win_n[0], 6);
	ck_assert_uint_eq(a.m[1].win_n[1], 3);
	ck_assert_uint_eq(a.m[1].win_breached[2], 7);
}
END_TEST

Suite *
make_agg_suite(void)
{
	Suite	*s = suite_create("agg");
	TCase	*tc;

	tc = tcase_create("agg");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_totals);
	tcase_add_test(tc, test_summary_km);
	tcase_add_test(tc, test_summary_km_empty);
	tcase_add_test(tc, test_open_at_adequate);
	tcase_add_test(tc, test_ends);
	tcase_add_test(tc, test_repeat_first);
	tcase_add_test(tc, test_pending_spill);
	tcase_add_test(tc, test_reach_and_counters);
	tcase_add_test(tc, test_breakdown);
	tcase_add_test(tc, test_no_breakdown);
	tcase_add_test(tc, test_many_values);
	tcase_add_test(tc, test_invalid_and_grouping);
	tcase_add_test(tc, test_rejects);
	tcase_add_test(tc, test_rejects_merge_first);
	tcase_add_test(tc, test_value_touchpoint);
	tcase_add_test(tc, test_many_reasons);
	tcase_add_test(tc, test_as_of);
	tcase_add_test(tc, test_other_names);
	tcase_add_test(tc, test_missing_names);
	tcase_add_test(tc, test_periods_bounded);
	tcase_add_test(tc, test_periods_by_start);
	tcase_add_test(tc, test_period_marks);
	tcase_add_test(tc, test_add_cell_compact);
	suite_add_tcase(s, tc);

	tc = tcase_create("summary");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_summary_rates);
	tcase_add_test(tc, test_summary_percentiles);
	tcase_add_test(tc, test_summary_breakdown_sorted);
	tcase_add_test(tc, test_summary_objective);
	tcase_add_test(tc, test_summary_objective_exact);
	tcase_add_test(tc, test_summary_empty_moment);
	tcase_add_test(tc, test_summary_ranking);
	tcase_add_test(tc, test_summary_score_mean_exact);
	tcase_add_test(tc, test_summary_verdicts);
	tcase_add_test(tc, test_memory_share_ties);
	tcase_add_test(tc, test_window_occ);
	suite_add_tcase(s, tc);
	return (s);
}
