/*
 * check_clock.c - tests for clock.c and journey.c: finding a moment's
 * occurrences in hand-built journeys (from/to, several clocks to one stop,
 * stops before the start, open clocks, from = to, intervals, spans,
 * @attribute endpoints) and scoring them; journey ordering and attributes.
 * Expectations and journeys are built in code the way the readers do.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "clock.h"
#include "expect.h"
#include "journey.h"
#include "xmalloc.h"

#define MIN	INT64_C(60000000)
/* 2026-10-01T07:00:00Z */
#define BASE	(INT64_C(1790838000) * MOT_USEC)
#define AT(m)	(BASE + (int64_t)(m) * MIN)
#define OPEN	MOT_TIME_NONE
#define TOL	1e-9

static struct expectations	*e;
static struct journey		 j;
static struct occ_vec		 ov;
static char			 why[200];

/* Add a moment: to NULL makes a span (touchpoint=) moment; "@x" an attribute. */
static size_t
add_moment(const char *id, const char *from, const char *to,
    int64_t desired_min, int64_t adequate_min)
{
	struct moment	*m;
	struct endpoint	*ep;
	const char	*name;
	int		 k;

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
	m->objective = -1;
	m->from.ref = m->to.ref = -1;
	for (k = 0; k < 2; k++) {
		ep = k == 0 ? &m->from : &m->to;
		if ((name = k == 0 ? from : to) == NULL)
			continue;
		if (name[0] == '@') {
			ep->is_attr = 1;
			ep->name = xstrdup(name + 1);
		} else {
			ep->name = xstrdup(name);
			ep->ref = (int)strtab_intern(&e->names, name,
			    strlen(name));
		}
	}
	return (e->nmoments++);
}

/* Add a touchpoint: end == start is an instant, OPEN an open interval. */
static struct touchpoint *
add_tp(const char *name, mot_time start, mot_time end)
{
	struct touchpoint	*tp;

	tp = journey_add_touchpoint(&j);
	tp->name = arena_strndup(&j.arena, name, strlen(name));
	tp->ref = (int)strtab_find(&e->names, name, strlen(name));
	tp->start = start;
	tp->end = end;
	tp->kind = end == OPEN ? TP_OPEN : end == start ? TP_INSTANT :
	    TP_INTERVAL;
	return (tp);
}

static void
add_attr(const char *key, const char *value)
{
	journey_add_attr(&j, arena_strndup(&j.arena, key, strlen(key)),
	    arena_strndup(&j.arena, value, strlen(value)), 1);
}

/* Find the occurrences of moment mi, which must succeed. */
static void
find(size_t mi)
{
	journey_sort(&j);
	ck_assert_int_eq(clock_find(e, mi, &j, NULL, &ov, why, sizeof why), 0);
}

static void
score_all(void)
{
	size_t	i;

	for (i = 0; i < ov.n; i++)
		clock_score(&ov.v[i], e, &j);
}

static void
setup(void)
{
	e = xcalloc(1, sizeof *e);
	score_params_default(&e->params);
	strtab_init(&e->names);
	journey_init(&j);
	memset(&ov, 0, sizeof ov);
	why[0] = '\0';
}

static void
teardown(void)
{
	occ_vec_free(&ov);
	journey_free(&j);
	expect_free(e);
	e = NULL;
}

START_TEST(test_simple)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("ask", AT(0), AT(0));
	add_tp("answer", AT(10), AT(10));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_uint_eq(ov.v[0].moment, mi);
	ck_assert_ptr_eq(ov.v[0].from, &j.tps[0]);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[1]);
	ck_assert_int_eq(ov.v[0].start, AT(0));
	ck_assert_int_eq(ov.v[0].stop, AT(10));
	ck_assert_int_eq(ov.v[0].elapsed, 10 * MIN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.3, TOL);
}
END_TEST

START_TEST(test_two_clocks_one_stop)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("ask", AT(0), AT(0));
	add_tp("ask", AT(3), AT(3));
	add_tp("answer", AT(10), AT(10));
	find(mi);
	ck_assert_uint_eq(ov.n, 2);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[2]);
	ck_assert_ptr_eq(ov.v[1].to, &j.tps[2]);
	ck_assert_int_eq(ov.v[0].elapsed, 10 * MIN);
	ck_assert_int_eq(ov.v[1].elapsed, 7 * MIN);
	ck_assert_ptr_eq(ov.v[1].from, &j.tps[1]);
}
END_TEST

START_TEST(test_to_before_from_ignored)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("answer", AT(0), AT(0));
	add_tp("ask", AT(2), AT(2));
	add_tp("answer", AT(5), AT(5));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[2]);
	ck_assert_int_eq(ov.v[0].start, AT(2));
	ck_assert_int_eq(ov.v[0].elapsed, 3 * MIN);
}
END_TEST

START_TEST(test_to_before_from_only)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("answer", AT(0), AT(0));
	add_tp("ask", AT(2), AT(2));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
	ck_assert_ptr_null(ov.v[0].to);
}
END_TEST

START_TEST(test_no_to_is_open)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("ask", AT(0), AT(0));
	add_tp("other", AT(4), AT(4));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
	ck_assert_ptr_eq(ov.v[0].from, &j.tps[0]);
	ck_assert_ptr_null(ov.v[0].to);
	ck_assert_int_eq(ov.v[0].start, AT(0));
	ck_assert_int_eq(ov.v[0].stop, MOT_TIME_NONE);
	ck_assert_int_eq(ov.v[0].elapsed, 0);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
	ck_assert_double_eq(ov.v[0].score, 0);
}
END_TEST

START_TEST(test_no_from)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("answer", AT(0), AT(0));
	find(mi);
	ck_assert_uint_eq(ov.n, 0);
}
END_TEST

START_TEST(test_same_name)
{
	size_t	mi = add_moment("between-calls", "call", "call", 5, 15);

	add_tp("call", AT(0), AT(0));
	add_tp("call", AT(4), AT(4));
	add_tp("call", AT(10), AT(10));
	find(mi);
	ck_assert_uint_eq(ov.n, 3);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[1]);
	ck_assert_int_eq(ov.v[0].elapsed, 4 * MIN);
	ck_assert_ptr_eq(ov.v[1].to, &j.tps[2]);
	ck_assert_int_eq(ov.v[1].elapsed, 6 * MIN);
	ck_assert_int_eq(ov.v[2].status, ST_OPEN);
}
END_TEST

START_TEST(test_interval_from_starts_at_end)
{
	size_t	mi = add_moment("after-visit", "visit", "answer", 5, 15);

	add_tp("visit", AT(0), AT(30));
	add_tp("answer", AT(20), AT(20));	/* during the visit */
	add_tp("answer", AT(40), AT(45));	/* stops at its start */
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].start, AT(30));
	ck_assert_int_eq(ov.v[0].stop, AT(40));
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[2]);
	ck_assert_int_eq(ov.v[0].elapsed, 10 * MIN);
}
END_TEST

START_TEST(test_stop_at_same_instant)
{
	size_t	mi = add_moment("after-visit", "visit", "answer", 5, 15);

	/* A stop at exactly the start counts, even listed before it. */
	add_tp("answer", AT(30), AT(30));
	add_tp("visit", AT(0), AT(30));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].elapsed, 0);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[0].score, 1.0, TOL);
}
END_TEST

START_TEST(test_stop_tie_sorted_first)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	/* Same instant, the answer listed first: it still stops the clock. */
	add_tp("answer", AT(5), AT(5));
	add_tp("ask", AT(5), AT(5));
	find(mi);
	ck_assert_str_eq(j.tps[0].name, "answer");
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[0]);
	ck_assert_int_eq(ov.v[0].elapsed, 0);
}
END_TEST

START_TEST(test_open_from)
{
	size_t	mi = add_moment("after-visit", "visit", "answer", 5, 15);

	/* A from that never ends never starts its clock. */
	add_tp("visit", AT(0), OPEN);
	add_tp("answer", AT(40), AT(40));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
	ck_assert_ptr_null(ov.v[0].to);
}
END_TEST

START_TEST(test_span)
{
	size_t	mi = add_moment("call-length", "call", NULL, 5, 15);

	add_tp("call", AT(0), AT(12));
	add_tp("call", AT(20), AT(20));		/* instant: no duration */
	add_tp("other", AT(25), AT(40));
	add_tp("call", AT(30), OPEN);
	find(mi);
	ck_assert_uint_eq(ov.n, 2);
	ck_assert_ptr_eq(ov.v[0].from, &j.tps[0]);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[0]);
	ck_assert_int_eq(ov.v[0].start, AT(0));
	ck_assert_int_eq(ov.v[0].stop, AT(12));
	ck_assert_int_eq(ov.v[0].elapsed, 12 * MIN);
	ck_assert_ptr_eq(ov.v[1].from, &j.tps[3]);
	ck_assert_int_eq(ov.v[1].start, AT(30));
	ck_assert_int_eq(ov.v[1].status, ST_OPEN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6 * 3 / 10, TOL);
	ck_assert_int_eq(ov.v[1].status, ST_OPEN);
}
END_TEST

START_TEST(test_attr_from)
{
	size_t	mi = add_moment("delivery", "@ordered", "delivered", 60, 120);

	add_attr("ordered", "2026-10-01T07:00:00Z");
	add_tp("delivered", AT(-10), AT(-10));	/* before the order */
	add_tp("delivered", AT(90), AT(90));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_ptr_null(ov.v[0].from);
	ck_assert_ptr_eq(ov.v[0].to, &j.tps[1]);
	ck_assert_int_eq(ov.v[0].start, AT(0));
	ck_assert_int_eq(ov.v[0].elapsed, 90 * MIN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.3, TOL);
}
END_TEST

START_TEST(test_attr_from_missing)
{
	size_t	mi = add_moment("delivery", "@ordered", "delivered", 60, 120);

	add_attr("other", "2026-10-01T07:00:00Z");
	add_tp("delivered", AT(90), AT(90));
	find(mi);
	ck_assert_uint_eq(ov.n, 0);
	add_attr("ordered", "");	/* empty counts as missing */
	find(mi);
	ck_assert_uint_eq(ov.n, 0);
}
END_TEST

START_TEST(test_attr_to)
{
	size_t	mi = add_moment("promise", "order", "@promised", 60, 120);

	add_attr("promised", "2026-10-01T09:00:00+01:00");	/* 08:00Z */
	add_tp("order", AT(0), AT(0));
	add_tp("order", AT(30), AT(30));
	find(mi);
	ck_assert_uint_eq(ov.n, 2);
	ck_assert_ptr_null(ov.v[0].to);
	ck_assert_int_eq(ov.v[0].stop, AT(60));
	ck_assert_int_eq(ov.v[0].elapsed, 60 * MIN);
	ck_assert_int_eq(ov.v[1].elapsed, 30 * MIN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6, TOL);
	ck_assert_double_eq_tol(ov.v[1].score, 0.8, TOL);
}
END_TEST

START_TEST(test_attr_to_missing)
{
	size_t	mi = add_moment("promise", "order", "@promised", 60, 120);

	add_tp("order", AT(0), AT(0));
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
	ck_assert_int_eq(ov.v[0].stop, MOT_TIME_NONE);
}
END_TEST

START_TEST(test_attr_both)
{
	size_t	mi = add_moment("fulfil", "@ordered", "@shipped", 60, 120);

	add_attr("ordered", "2026-10-01T07:00:00Z");
	add_attr("shipped", "2026-10-01T10:00:00Z");
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].elapsed, 180 * MIN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_BREACHED);
	ck_assert_double_eq_tol(ov.v[0].base, -0.5, TOL);
	ck_assert_double_eq_tol(ov.v[0].score, -0.5 * 1.2, TOL);	/* no promise */
}
END_TEST

START_TEST(test_attr_both_stop_missing)
{
	size_t	mi = add_moment("fulfil", "@ordered", "@shipped", 60, 120);

	add_attr("ordered", "2026-10-01T07:00:00Z");
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_OPEN);
}
END_TEST

START_TEST(test_attr_stop_before_start)
{
	size_t	mi = add_moment("fulfil", "@ordered", "@shipped", 60, 120);

	add_attr("ordered", "2026-10-01T07:00:00Z");
	add_attr("shipped", "2026-10-01T06:59:00Z");
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].elapsed, -MIN);
	score_all();
	ck_assert_int_eq(ov.v[0].status, ST_INVALID);
	ck_assert_double_eq(ov.v[0].score, 0);
}
END_TEST

START_TEST(test_attr_stop_before_tp_start)
{
	size_t	mi = add_moment("promise", "order", "@promised", 60, 120);

	add_attr("promised", "2026-10-01T06:00:00Z");
	add_tp("order", AT(0), AT(0));
	find(mi);
	score_all();
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].status, ST_INVALID);
}
END_TEST

START_TEST(test_attr_bad_time)
{
	size_t	mi = add_moment("fulfil", "@ordered", "delivered", 60, 120);
	size_t	mi2 = add_moment("promise", "order", "@promised", 60, 120);

	add_attr("ordered", "tomorrow");
	add_attr("promised", "2026-10-01T09:00:00");	/* no offset */
	add_tp("order", AT(0), AT(0));
	journey_sort(&j);
	ck_assert_int_eq(clock_find(e, mi, &j, NULL, &ov, why, sizeof why), -1);
	ck_assert(strstr(why, "ordered") != NULL);
	ck_assert_uint_eq(ov.n, 0);
	why[0] = '\0';
	ck_assert_int_eq(clock_find(e, mi2, &j, NULL, &ov, why, sizeof why),
	    -1);
	ck_assert(strstr(why, "promised") != NULL);
	ck_assert_uint_eq(ov.n, 0);
}
END_TEST

START_TEST(test_unknown_names_ignored)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("asked", AT(0), AT(0));
	add_tp("ask", AT(1), AT(1));
	add_tp("Answer", AT(2), AT(2));
	add_tp("answer", AT(6), AT(6));
	ck_assert_int_eq(j.tps[0].ref, -1);
	find(mi);
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].elapsed, 5 * MIN);
}
END_TEST

START_TEST(test_several_moments)
{
	size_t	m0 = add_moment("reply", "ask", "answer", 5, 15);
	size_t	m1 = add_moment("call-length", "call", NULL, 5, 15);

	add_tp("call", AT(0), AT(3));
	add_tp("ask", AT(1), AT(1));
	add_tp("answer", AT(2), AT(2));
	find(m0);
	find(m1);
	ck_assert_uint_eq(ov.n, 2);
	ck_assert_uint_eq(ov.v[0].moment, m0);
	ck_assert_uint_eq(ov.v[1].moment, m1);
	ck_assert_int_eq(ov.v[0].elapsed, MIN);
	ck_assert_int_eq(ov.v[1].elapsed, 3 * MIN);
}
END_TEST

START_TEST(test_sort_out_of_order)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("answer", AT(10), AT(10));
	add_tp("ask", AT(0), AT(0));
	find(mi);
	ck_assert_str_eq(j.tps[0].name, "ask");
	ck_assert_str_eq(j.tps[1].name, "answer");
	ck_assert_uint_eq(ov.n, 1);
	ck_assert_int_eq(ov.v[0].elapsed, 10 * MIN);
}
END_TEST

START_TEST(test_sort_stable)
{
	add_tp("x", AT(5), AT(5));
	add_tp("y", AT(5), AT(6));
	add_tp("z", AT(1), AT(1));
	add_tp("w", AT(5), AT(5));
	add_tp("v", AT(2), AT(2));
	journey_sort(&j);
	ck_assert_str_eq(j.tps[0].name, "z");
	ck_assert_str_eq(j.tps[1].name, "v");
	ck_assert_str_eq(j.tps[2].name, "x");
	ck_assert_str_eq(j.tps[3].name, "y");
	ck_assert_str_eq(j.tps[4].name, "w");
	ck_assert_uint_eq(j.tps[2].seq, 0);
	ck_assert_uint_eq(j.tps[4].seq, 3);
}
END_TEST

START_TEST(test_score_statuses)
{
	size_t	mi = add_moment("reply", "ask", "answer", 5, 15);

	add_tp("ask", AT(0), AT(0));
	add_tp("answer", AT(2), AT(2));		/* 2 min: met */
	add_tp("ask", AT(10), AT(10));
	add_tp("answer", AT(30), AT(30));	/* 20 min: breached */
	add_tp("ask", AT(40), AT(40));
	add_tp("answer", AT(80), AT(80));	/* 40 min: breached, -1 */
	find(mi);
	score_all();
	ck_assert_uint_eq(ov.n, 3);
	ck_assert_int_eq(ov.v[0].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6 + 0.4 * 3 / 5, TOL);
	ck_assert_int_eq(ov.v[1].status, ST_BREACHED);
	/* breached with no promise and no notice: the loss weighs 1.2 times */
	ck_assert_double_eq_tol(ov.v[1].score, -5.0 / 15 * 1.2, TOL);
	ck_assert_int_eq(ov.v[2].status, ST_BREACHED);
	ck_assert_double_eq_tol(ov.v[2].score, -1.0, TOL);
}
END_TEST

START_TEST(test_journey_attrs)
{
	add_attr("region", "north");
	add_attr("tier", "gold");
	ck_assert_str_eq(journey_attr(&j, "region"), "north");
	ck_assert_str_eq(journey_attr(&j, "tier"), "gold");
	ck_assert_ptr_null(journey_attr(&j, "regio"));
	journey_reset(&j);
	ck_assert_ptr_null(journey_attr(&j, "region"));
	ck_assert_uint_eq(j.ntps, 0);
}
END_TEST

START_TEST(test_journey_reject_first)
{
	journey_reject(&j, 7, "bad time", "first %d", 1);
	journey_reject(&j, 9, "no id", "second");
	ck_assert_str_eq(j.reject, "bad time");
	ck_assert_str_eq(j.reject_detail, "first 1");
	ck_assert_uint_eq(j.reject_line, 7);
}
END_TEST

Suite *
make_clock_suite(void)
{
	Suite	*s = suite_create("clock");
	TCase	*tc;

	tc = tcase_create("touchpoints");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_two_clocks_one_stop);
	tcase_add_test(tc, test_to_before_from_ignored);
	tcase_add_test(tc, test_to_before_from_only);
	tcase_add_test(tc, test_no_to_is_open);
	tcase_add_test(tc, test_no_from);
	tcase_add_test(tc, test_same_name);
	tcase_add_test(tc, test_interval_from_starts_at_end);
	tcase_add_test(tc, test_stop_at_same_instant);
	tcase_add_test(tc, test_stop_tie_sorted_first);
	tcase_add_test(tc, test_open_from);
	tcase_add_test(tc, test_span);
	tcase_add_test(tc, test_unknown_names_ignored);
	tcase_add_test(tc, test_several_moments);
	tcase_add_test(tc, test_score_statuses);
	suite_add_tcase(s, tc);

	tc = tcase_create("attributes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_attr_from);
	tcase_add_test(tc, test_attr_from_missing);
	tcase_add_test(tc, test_attr_to);
	tcase_add_test(tc, test_attr_to_missing);
	tcase_add_test(tc, test_attr_both);
	tcase_add_test(tc, test_attr_both_stop_missing);
	tcase_add_test(tc, test_attr_stop_before_start);
	tcase_add_test(tc, test_attr_stop_before_tp_start);
	tcase_add_test(tc, test_attr_bad_time);
	suite_add_tcase(s, tc);

	tc = tcase_create("journey");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sort_out_of_order);
	tcase_add_test(tc, test_sort_stable);
	tcase_add_test(tc, test_journey_attrs);
	tcase_add_test(tc, test_journey_reject_first);
	suite_add_tcase(s, tc);
	return (s);
}
