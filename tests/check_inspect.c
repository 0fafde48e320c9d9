/*
 * check_inspect.c - tests for inspect.c: journeys, rejected ones by reason
 * (and not in the other counts), touchpoint shapes and the time span, names
 * and attribute values most frequent first, and the bounds: keys past
 * INSPECT_KEYS_MAX only counted, names past INSPECT_NAMES_EXACT estimated.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "check_mot.h"
#include "inspect.h"

#define H	(3600 * MOT_USEC)

static struct touchpoint *
tp_add(struct journey *j, const char *name, mot_time start, mot_time end,
    enum tp_kind kind)
{
	struct touchpoint	*tp;

	tp = journey_add_touchpoint(j);
	tp->name = arena_strndup(&j->arena, name, strlen(name));
	tp->ref = -1;
	tp->kind = kind;
	tp->start = start;
	tp->end = end;
	tp->promised = tp->notified = tp->revised = MOT_TIME_NONE;
	return (tp);
}

static void
attr_add(struct journey *j, const char *key, const char *value)
{
	journey_add_attr(j, arena_strndup(&j->arena, key, strlen(key)),
	    arena_strndup(&j->arena, value, strlen(value)), 1);
}

START_TEST(test_counts)
{
	struct inspect		 in;
	struct journey		 j;
	struct touchpoint	*tp;
	const char		*v;
	size_t			 idx[8], n, len;
	uint64_t		 count;

	inspect_init(&in);
	journey_init(&j);
	attr_add(&j, "segment", "gold");
	tp = tp_add(&j, "placed", 10 * H, 10 * H, TP_INSTANT);
	tp->channel = "web";
	tp->promised = 12 * H;
	tp_add(&j, "packed", 11 * H, 13 * H, TP_INTERVAL);
	tp = tp_add(&j, "shipped", 14 * H, MOT_TIME_NONE, TP_OPEN);
	tp->notified = 14 * H;
	inspect_journey(&in, &j);
	journey_reset(&j);
	attr_add(&j, "segment", "silver");
	tp_add(&j, "shipped", 9 * H, 9 * H, TP_INSTANT);
	tp_add(&j, "shipped", 20 * H, 20 * H, TP_INSTANT);
	inspect_journey(&in, &j);
	journey_reset(&j);
	attr_add(&j, "segment", "bronze");
	tp_add(&j, "lost", 1 * H, 1 * H, TP_INSTANT);
	journey_reject(&j, 3, "bad time", "%s", "x");
	inspect_journey(&in, &j);
	journey_reset(&j);
	journey_reject(&j, 4, "bad time", "%s", "y");
	inspect_journey(&in, &j);
	journey_reset(&j);
	journey_reject(&j, 5, "missing id", "%s", "z");
	inspect_journey(&in, &j);

	ck_assert_uint_eq(in.journeys, 5);
	ck_assert_uint_eq(in.rejected, 3);
	ck_assert_uint_eq(in.nreasons, 2);
	ck_assert_str_eq(in.reason[0], "bad time");
	ck_assert_uint_eq(in.reason_n[0], 2);
	ck_assert_uint_eq(in.reason_n[1], 1);
	/* The rejected journey's touchpoint and attribute are not counted. */
	ck_assert_uint_eq(in.touchpoints, 5);
	ck_assert_uint_eq(in.intervals, 1);
	ck_assert_uint_eq(in.open, 1);
	ck_assert_uint_eq(in.promised, 1);
	ck_assert_uint_eq(in.notified, 1);
	ck_assert_int_eq(in.first, 9 * H);
	ck_assert_int_eq(in.last, 20 * H);
	ck_assert_uint_eq(in.keys.n, 1);
	ck_assert_uint_eq(in.attrs[0].n, 2);
	ck_assert_uint_eq(distinct_count(&in.attrs[0].values), 2);
	ck_assert_uint_eq(in.tp[INSPECT_TP_CHANNEL].n, 1);
	ck_assert_uint_eq(in.tp[INSPECT_TP_ACTOR].n, 0);
	/* Names most frequent first, ties in the order first seen. */
	n = inspect_top(&in.names, 8, idx);
	ck_assert_uint_eq(n, 3);
	v = distinct_value(&in.names, idx[0], &len, &count);
	ck_assert_str_eq(v, "shipped");
	ck_assert_uint_eq(count, 3);
	ck_assert_str_eq(distinct_value(&in.names, idx[1], &len, &count),
	    "placed");
	ck_assert_str_eq(distinct_value(&in.names, idx[2], &len, &count),
	    "packed");
	ck_assert_uint_eq(inspect_top(&in.names, 1, idx), 1);
	ck_assert_uint_eq(inspect_top(&in.names, 0, idx), 0);
	journey_free(&j);
	inspect_free(&in);
}
END_TEST

/* An empty inspection has no time span and no names. */
START_TEST(test_empty)
{
	struct inspect	in;
	size_t		idx[1];

	inspect_init(&in);
	ck_assert_int_eq(in.first, MOT_TIME_NONE);
	ck_assert_int_eq(in.last, MOT_TIME_NONE);
	ck_assert_uint_eq(inspect_top(&in.names, 1, idx), 0);
	inspect_free(&in);
}
END_TEST

/* Keys past the limit are counted, not kept; names past theirs estimated. */
START_TEST(test_bounds)
{
	struct inspect	in;
	struct journey	j;
	char		buf[32];
	unsigned	i;
	uint64_t	est;

	inspect_init(&in);
	journey_init(&j);
	for (i = 0; i < INSPECT_KEYS_MAX + 10; i++) {
		snprintf(buf, sizeof buf, "key%u", i);
		attr_add(&j, buf, "v");
	}
	for (i = 0; i < INSPECT_NAMES_EXACT + 5000; i++) {
		snprintf(buf, sizeof buf, "step %u", i);
		tp_add(&j, buf, i * H, i * H, TP_INSTANT);
	}
	inspect_journey(&in, &j);
	ck_assert_uint_eq(in.keys.n, INSPECT_KEYS_MAX);
	ck_assert_uint_eq(in.keys_more, 10);
	ck_assert(!distinct_is_exact(&in.names));
	ck_assert_uint_eq(distinct_kept(&in.names), INSPECT_NAMES_EXACT);
	est = distinct_count(&in.names);
	ck_assert_msg(est > (INSPECT_NAMES_EXACT + 5000) * 97 / 100 &&
	    est < (INSPECT_NAMES_EXACT + 5000) * 103 / 100, "%llu",
	    (unsigned long long)est);
	ck_assert_uint_eq(in.touchpoints, INSPECT_NAMES_EXACT + 5000);
	journey_free(&j);
	inspect_free(&in);
}
END_TEST

Suite *
make_inspect_suite(void)
{
	Suite	*s = suite_create("inspect");
	TCase	*tc = tcase_create("count");

	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_bounds);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (s);
}
