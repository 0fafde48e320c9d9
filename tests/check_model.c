/*
 * check_model.c - tests for the scoring model beyond the zone of
 * tolerance: the own clock (business calendars and pauses), waiting
 * psychology, promises, service recovery, the customers' zone (clock.c
 * and score.c), the journey as remembered and its effort (score.c and
 * jscore.c), and the NPS comparison and Benjamini-Hochberg adjustment
 * (summary.c). Expectations are loaded from small files written to a
 * temporary folder; journeys are built in code. Every expected value is
 * worked out by hand in the comment next to it. Large expectations files
 * load in time, with a hash that depends on their content only.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg.h"
#include "check_mot.h"
#include "clock.h"
#include "expect.h"
#include "jscore.h"
#include "journey.h"
#include "score.h"
#include "summary.h"

#define MIN	INT64_C(60000000)
#define HOUR	(60 * MIN)
#define SEC	MOT_USEC
/* 2026-10-01T07:00:00Z, a Thursday */
#define BASE	(INT64_C(1790838000) * MOT_USEC)
#define AT(m)	(BASE + (int64_t)(m) * MIN)
#define TOL	1e-9

static struct expectations	*e;
static struct journey		 j;
static struct occ_vec		 ov;
static struct score_params	 dp;	/* the defaults */

/* Load expectations from the XML of their children, which must load. */
static void
load(const char *body)
{
	char		 path[] = "/tmp/mot-check-model-XXXXXX";
	char		*cause = NULL;
	FILE		*f;
	int		 fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<expectations version=\"1\">\n%s\n</expectations>\n", body);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_msg(expect_load(path, &e, &cause) == 0, "%s",
	    cause != NULL ? cause : "?");
	unlink(path);
}

/* An instant written with its offset, which must parse. */
static mot_time
T(const char *s)
{
	mot_time	 t;
	const char	*err = NULL;

	ck_assert_msg(isotime_parse(s, strlen(s), NULL, &t, &err) == 0,
	    "%s: %s", s, err != NULL ? err : "?");
	return (t);
}

/* Add a touchpoint: end == start is an instant, MOT_TIME_NONE open. */
static struct touchpoint *
tp(const char *name, mot_time start, mot_time end)
{
	struct touchpoint	*t;

	t = journey_add_touchpoint(&j);
	t->name = arena_strndup(&j.arena, name, strlen(name));
	t->ref = (int)strtab_find(&e->names, name, strlen(name));
	t->start = start;
	t->end = end;
	t->kind = end == MOT_TIME_NONE ? TP_OPEN : end == start ? TP_INSTANT :
	    TP_INTERVAL;
	return (t);
}

static struct touchpoint *
at(const char *name, mot_time t)
{
	return (tp(name, t, t));
}

static void
add_attr(const char *key, const char *value)
{
	journey_add_attr(&j, arena_strndup(&j.arena, key, strlen(key)),
	    arena_strndup(&j.arena, value, strlen(value)), 1);
}

/* Find and score the occurrences of the first moment; expect n of them. */
static void
run(size_t n)
{
	char	why[200];
	size_t	i;

	journey_sort(&j);
	ov.n = 0;
	ck_assert_int_eq(clock_find(e, 0, &j, NULL, &ov, why, sizeof why), 0);
	ck_assert_uint_eq(ov.n, n);
	for (i = 0; i < ov.n; i++)
		clock_score(&ov.v[i], e, &j);
}

static void
setup(void)
{
	e = NULL;
	journey_init(&j);
	memset(&ov, 0, sizeof ov);
	score_params_default(&dp);
}

static void
teardown(void)
{
	occ_vec_free(&ov);
	journey_free(&j);
	expect_free(e);
	e = NULL;
}

/* D = 1 h, A = 2 h on a 24x7 clock from order to delivered. */
#define PLAIN	"<moment id=\"m\" from=\"order\" to=\"delivered\" " \
		"desired=\"PT1H\" adequate=\"PT2H\"/>"

/*
 * 1. Business calendars, through clock_score.
 */

START_TEST(test_calendar_moment)
{
	load("<calendar id=\"office\" zone=\"Europe/Amsterdam\">"
	    "<hours days=\"mon-fri\" from=\"09:00\" to=\"17:30\"/></calendar>"
	    "<moment id=\"m\" from=\"order\" to=\"delivered\" desired=\"PT2H\" "
	    "adequate=\"PT4H\" calendar=\"office\">"
	    "<customer desired=\"PT24H\" adequate=\"PT48H\"/></moment>");
	ck_assert_int_eq(e->moments[0].calendar, 0);
	/* Fri 2026-10-02 16:00 to Mon 2026-10-05 10:00 (CEST). */
	at("order", T("2026-10-02T16:00:00+02:00"));
	at("delivered", T("2026-10-05T10:00:00+02:00"));
	run(1);
	/* Calendar time: 3 days less 6 h = 66 h. */
	ck_assert_int_eq(ov.v[0].elapsed, 66 * HOUR);
	/* Own clock: Fri 16:00-17:30 + Mon 09:00-10:00 = 2.5 h. */
	ck_assert_int_eq(ov.v[0].business, 150 * MIN);
	/* 2 h < 2.5 h <= 4 h: tolerated, 0.6 x (4 - 2.5) / (4 - 2) = 0.45. */
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.45, TOL);
	ck_assert_int_eq(ov.v[0].failed, 0);
	/* The customers' zone is on calendar time: 66 h > 48 h, breached,
	   -(66 - 48) / 48 = -0.375. */
	ck_assert_int_eq(ov.v[0].cust_status, ST_BREACHED);
	ck_assert_double_eq_tol(ov.v[0].cust_score, -0.375, TOL);
}
END_TEST

START_TEST(test_calendar_dst_moment)
{
	load("<calendar id=\"always\" zone=\"Europe/Amsterdam\">"
	    "<hours days=\"mon-sun\" from=\"00:00\" to=\"24:00\"/></calendar>"
	    "<moment id=\"m\" from=\"order\" to=\"delivered\" desired=\"PT24H\" "
	    "adequate=\"PT48H\" calendar=\"always\"/>");
	/* Sat 2026-03-28 12:00 CET to Mon 2026-03-30 12:00 CEST: 12 + 23 +
	   12 = 47 h on both clocks. */
	at("order", T("2026-03-28T12:00:00+01:00"));
	at("delivered", T("2026-03-30T12:00:00+02:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].elapsed, 47 * HOUR);
	ck_assert_int_eq(ov.v[0].business, 47 * HOUR);
	/* 0.6 x (48 - 47) / (48 - 24) = 0.025. */
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.025, TOL);
}
END_TEST

START_TEST(test_calendar_holiday_xml)
{
	load("<calendar id=\"office\" zone=\"Europe/Amsterdam\">"
	    "<hours days=\"mon-fri\" from=\"09:00\" to=\"17:00\"/>"
	    "<holiday date=\"2026-12-25\"/></calendar>"
	    "<moment id=\"m\" from=\"order\" to=\"delivered\" desired=\"PT1H\" "
	    "adequate=\"PT4H\" calendar=\"office\"/>");
	/* Thu 2026-12-24 16:00 to Mon 2026-12-28 10:00 (CET), Friday a
	   holiday: 1 h + 1 h = 2 h; 0.6 x (4 - 2) / (4 - 1) = 0.4. */
	at("order", T("2026-12-24T16:00:00+01:00"));
	at("delivered", T("2026-12-28T10:00:00+01:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].business, 2 * HOUR);
	ck_assert_double_eq_tol(ov.v[0].score, 0.4, TOL);
}
END_TEST

START_TEST(test_calendar_two_zones)
{
	char	why[200];

	load("<calendar id=\"utc\" zone=\"UTC\">"
	    "<hours days=\"mon-fri\" from=\"09:00\" to=\"17:00\"/></calendar>"
	    "<calendar id=\"tokyo\" zone=\"Asia/Tokyo\">"
	    "<hours days=\"mon-fri\" from=\"09:00\" to=\"17:00\"/></calendar>"
	    "<moment id=\"tk\" from=\"order\" to=\"delivered\" desired=\"PT4H\" "
	    "adequate=\"PT8H\" calendar=\"tokyo\"/>"
	    "<moment id=\"uk\" from=\"order\" to=\"delivered\" desired=\"PT4H\" "
	    "adequate=\"PT8H\" calendar=\"utc\"/>");
	/* Mon 2026-10-05 00:00Z to 12:00Z: Tokyo 09:00-17:00 JST =
	   00:00Z-08:00Z = 8 h; UTC 09:00-12:00 = 3 h. */
	at("order", T("2026-10-05T00:00:00Z"));
	at("delivered", T("2026-10-05T12:00:00Z"));
	journey_sort(&j);
	ck_assert_int_eq(clock_find(e, 0, &j, NULL, &ov, why, sizeof why), 0);
	ck_assert_int_eq(clock_find(e, 1, &j, NULL, &ov, why, sizeof why), 0);
	ck_assert_uint_eq(ov.n, 2);
	clock_score(&ov.v[0], e, &j);
	clock_score(&ov.v[1], e, &j);
	ck_assert_int_eq(ov.v[0].business, 8 * HOUR);
	ck_assert_int_eq(ov.v[1].business, 3 * HOUR);
	/* Tokyo: 8 h = A: tolerated, 0. UTC: 3 h <= 4 h: met,
	   0.6 + 0.4 x 1 / 4 = 0.7. */
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0, TOL);
	ck_assert_int_eq(ov.v[1].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[1].score, 0.7, TOL);
}
END_TEST

/*
 * 2. Pauses.
 */

#define PAUSED	"<moment id=\"m\" from=\"order\" to=\"delivered\" " \
		"desired=\"PT1H\" adequate=\"PT2H\">" \
		"<pause touchpoint=\"awaiting-customer\"/></moment>"

START_TEST(test_pause_interval)
{
	load(PAUSED);
	at("order", AT(0));
	tp("awaiting-customer", AT(30), AT(50));
	at("delivered", AT(100));
	run(1);
	/* 100 min less the 20 min pause = 80 min: tolerated,
	   0.6 x (120 - 80) / (120 - 60) = 0.4. */
	ck_assert_int_eq(ov.v[0].elapsed, 100 * MIN);
	ck_assert_int_eq(ov.v[0].business, 80 * MIN);
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.4, TOL);
}
END_TEST

START_TEST(test_pause_instant)
{
	load(PAUSED);
	at("order", AT(0));
	at("awaiting-customer", AT(30));
	at("customer-reply", AT(45));	/* a name no moment uses */
	at("delivered", AT(100));
	run(1);
	/* The instant pauses until the next touchpoint: 30-45 = 15 min;
	   100 - 15 = 85 min. */
	ck_assert_int_eq(ov.v[0].business, 85 * MIN);
}
END_TEST

START_TEST(test_pause_instant_until_stop)
{
	load(PAUSED);
	at("order", AT(0));
	at("awaiting-customer", AT(70));
	at("delivered", AT(100));
	run(1);
	/* Nothing between the pause and the stop: paused 70-100 = 30 min;
	   100 - 30 = 70 min. */
	ck_assert_int_eq(ov.v[0].business, 70 * MIN);
}
END_TEST

START_TEST(test_pause_overlap)
{
	load(PAUSED);
	at("order", AT(0));
	tp("awaiting-customer", AT(20), AT(50));
	tp("awaiting-customer", AT(40), AT(70));
	at("delivered", AT(100));
	run(1);
	/* 20-50 u 40-70 = 20-70 = 50 min (not 30 + 30): 100 - 50 = 50. */
	ck_assert_int_eq(ov.v[0].business, 50 * MIN);
}
END_TEST

START_TEST(test_pause_nested)
{
	load(PAUSED);
	at("order", AT(0));
	tp("awaiting-customer", AT(20), AT(70));
	tp("awaiting-customer", AT(30), AT(40));
	at("awaiting-customer", AT(60));
	at("delivered", AT(100));
	run(1);
	/* 20-70 holds 30-40; the instant at 60 lasts until the next
	   touchpoint, delivered at 100: 60-100. Union 20-100 = 80 min;
	   100 - 80 = 20 min. */
	ck_assert_int_eq(ov.v[0].business, 20 * MIN);
}
END_TEST

START_TEST(test_pause_outside_clock)
{
	load(PAUSED);
	tp("awaiting-customer", AT(-10), AT(20));
	at("order", AT(0));
	tp("awaiting-customer", AT(90), AT(130));
	at("delivered", AT(100));
	run(1);
	/* Only the parts inside 0-100 count: 0-20 and 90-100 = 30 min;
	   100 - 30 = 70 min. */
	ck_assert_int_eq(ov.v[0].business, 70 * MIN);
}
END_TEST

START_TEST(test_pause_open)
{
	load(PAUSED);
	at("order", AT(0));
	tp("awaiting-customer", AT(60), MOT_TIME_NONE);
	at("delivered", AT(100));
	run(1);
	/* Still paused at the stop: 60-100 = 40 min; 100 - 40 = 60 min:
	   met (60 <= 60), 0.6. */
	ck_assert_int_eq(ov.v[0].business, 60 * MIN);
	ck_assert_int_eq(ov.v[0].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6, TOL);
}
END_TEST

START_TEST(test_pause_weekend_calendar)
{
	load("<calendar id=\"office\" zone=\"Europe/Amsterdam\">"
	    "<hours days=\"mon-fri\" from=\"09:00\" to=\"17:00\"/></calendar>"
	    "<moment id=\"m\" from=\"order\" to=\"delivered\" desired=\"PT8H\" "
	    "adequate=\"PT16H\" calendar=\"office\">"
	    "<pause touchpoint=\"awaiting-customer\"/></moment>");
	/* Fri 2026-10-02 15:00 to Tue 2026-10-06 11:00 (CEST), paused Fri
	   16:00 to Mon 12:00. */
	at("order", T("2026-10-02T15:00:00+02:00"));
	tp("awaiting-customer", T("2026-10-02T16:00:00+02:00"),
	    T("2026-10-05T12:00:00+02:00"));
	at("delivered", T("2026-10-06T11:00:00+02:00"));
	run(1);
	/* Calendar time: 4 days less 4 h = 92 h. */
	ck_assert_int_eq(ov.v[0].elapsed, 92 * HOUR);
	/* Fri 15-16 (1 h) + Mon 12-17 (5 h) + Tue 09-11 (2 h) = 8 h. */
	ck_assert_int_eq(ov.v[0].business, 8 * HOUR);
	ck_assert_int_eq(ov.v[0].status, ST_MET);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6, TOL);
}
END_TEST

/*
 * 3. Waiting psychology.
 */

START_TEST(test_waiting_direct)
{
	/* Only losses are scaled. */
	ck_assert_double_eq_tol(score_waiting(0.3, 1, 1, 1, 0, 0, &dp), 0.3,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(0.3, 0, 0, 0, 0, 1, &dp), 0.3,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(0, 0, 0, 0, 0, 1, &dp), 0, TOL);
	/* Told in time: -0.4 x 0.5 = -0.2; told late: -0.4 x 0.8 = -0.32. */
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 1, 1, 0, 1, &dp), -0.2,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 0, 1, 0, 1, &dp),
	    -0.32, TOL);
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 1, 0, 0, 1, &dp), -0.2,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 0, 0, 0, 1, &dp),
	    -0.32, TOL);
	/* Stopped after the revised deadline: no relief, told in time or
	   late, with or without a first promise (x 1). */
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 1, 1, 1, 1, &dp), -0.4,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 0, 1, 1, 1, &dp), -0.4,
	    TOL);
	ck_assert_double_eq_tol(score_waiting(-0.4, 1, 1, 0, 1, 1, &dp), -0.4,
	    TOL);
	/* ... and only the loss: a gain stays as it is. */
	ck_assert_double_eq_tol(score_waiting(0.3, 1, 1, 1, 1, 0, &dp), 0.3,
	    TOL);
	/* Breached, no promise, nobody told: -0.4 x 1.2 = -0.48, and
	   -0.9 x 1.2 = -1.08 clipped to -1. */
	ck_assert_double_eq_tol(score_waiting(-0.4, 0, 0, 0, 0, 1, &dp),
	    -0.48, TOL);
	ck_assert_double_eq_tol(score_waiting(-0.9, 0, 0, 0, 0, 1, &dp), -1,
	    TOL);
	/* A promise was given (and not told of a delay): unchanged. */
	ck_assert_double_eq_tol(score_waiting(-0.4, 0, 0, 1, 0, 1, &dp), -0.4,
	    TOL);
}
END_TEST

START_TEST(test_wait_told_before_promise)
{
	struct touchpoint	*d;

	load(PLAIN);
	at("order", AT(0));
	d = at("delivered", AT(150));
	d->promised = AT(160);
	d->notified = AT(100);
	run(1);
	/* t = 150 min > A: -(30 / 120) = -0.25; told before the promise
	   and the promise kept: x 0.5 = -0.125. */
	ck_assert_int_eq(ov.v[0].status, ST_BREACHED);
	ck_assert_double_eq_tol(ov.v[0].base, -0.25, TOL);
	ck_assert_double_eq_tol(ov.v[0].score, -0.125, TOL);
	ck_assert_int_eq(ov.v[0].promise, AT(160));
	ck_assert_int_eq(ov.v[0].notified, AT(100));
	ck_assert_int_eq(ov.v[0].promise_broken, 0);
	/* 160 min promised >= 120 min adequate: not over-promised. */
	ck_assert_int_eq(ov.v[0].over_promised, 0);
}
END_TEST

START_TEST(test_wait_told_no_promise)
{
	size_t	k;
	/* notified at 100 (before adequate ran out at 120), at exactly 120,
	   and at 130: x 0.5, x 0.5, x 0.8 of -0.25. */
	static const int	notified[] = { 100, 120, 130 };
	static const double	want[] = { -0.125, -0.125, -0.2 };
	struct touchpoint	*d;

	for (k = 0; k < 3; k++) {
		teardown();
		setup();
		load(PLAIN);
		at("order", AT(0));
		d = at("delivered", AT(150));
		d->notified = AT(notified[k]);
		run(1);
		ck_assert_double_eq_tol(ov.v[0].score, want[k], TOL);
		ck_assert_int_eq(ov.v[0].promise, MOT_TIME_NONE);
	}
}
END_TEST

START_TEST(test_wait_told_at_promise)
{
	size_t	k;
	/* Delivered at 180 min, promised 180 (kept: not after it): base
	   -(60 / 120) = -0.5. Told 1 s before, exactly at, 1 us after and
	   1 s after the promise: x 0.5, x 0.5 (<=), x 0.8, x 0.8. */
	static const int64_t	dt[] = { -SEC, 0, 1, SEC };
	static const double	want[] = { -0.25, -0.25, -0.4, -0.4 };
	struct touchpoint	*d;

	for (k = 0; k < 4; k++) {
		teardown();
		setup();
		load(PLAIN);
		at("order", AT(0));
		d = at("delivered", AT(180));
		d->promised = AT(180);
		d->notified = AT(180) + dt[k];
		run(1);
		ck_assert_int_eq(ov.v[0].promise_broken, 0);
		ck_assert_double_eq_tol(ov.v[0].base, -0.5, TOL);
		ck_assert_double_eq_tol(ov.v[0].score, want[k], TOL);
	}
}
END_TEST

START_TEST(test_wait_told_business_clock)
{
	size_t	k;
	/* mon-fri 09-17 UTC, D = 1 h, A = 2 h. Fri 2026-10-02 16:00Z to Mon
	   2026-10-05 10:30Z: 1 h + 1.5 h = 2.5 h, -(0.5 / 2) = -0.25.
	   Adequate runs out on the own clock at Mon 10:00Z. Told Sat 10:00Z
	   (1 h of working time in, 42 h of calendar time): before, x 0.5 =
	   -0.125. Told Mon 10:15Z (2.25 h in): after, x 0.8 = -0.2. Told
	   exactly when adequate ran out, Mon 10:00Z: in time, x 0.5; one
	   microsecond later: late, x 0.8. */
	static const char *const	told[] = {
		"2026-10-03T10:00:00Z", "2026-10-05T10:15:00Z",
		"2026-10-05T10:00:00Z", "2026-10-05T10:00:00.000001Z"
	};
	static const double		want[] = { -0.125, -0.2, -0.125, -0.2 };
	struct touchpoint		*d;

	for (k = 0; k < 4; k++) {
		teardown();
		setup();
		load("<calendar id=\"office\" zone=\"UTC\"><hours "
		    "days=\"mon-fri\" from=\"09:00\" to=\"17:00\"/></calendar>"
		    "<moment id=\"m\" from=\"order\" to=\"delivered\" "
		    "desired=\"PT1H\" adequate=\"PT2H\" calendar=\"office\"/>");
		at("order", T("2026-10-02T16:00:00Z"));
		d = at("delivered", T("2026-10-05T10:30:00Z"));
		d->notified = T(told[k]);
		run(1);
		ck_assert_int_eq(ov.v[0].business, 150 * MIN);
		ck_assert_double_eq_tol(ov.v[0].base, -0.25, TOL);
		ck_assert_double_eq_tol(ov.v[0].score, want[k], TOL);
	}
}
END_TEST

START_TEST(test_wait_told_paused_clock)
{
	struct touchpoint	*d;

	load(PAUSED);
	at("order", AT(0));
	tp("awaiting-customer", AT(30), AT(60));
	d = at("delivered", AT(180));
	d->notified = AT(140);
	run(1);
	/* Own clock 180 - 30 = 150 min > A = 120: -(30 / 120) = -0.25.
	   Adequate runs out when the own clock reaches 120 min, at wall
	   minute 150 (30 min were paused). Told at minute 140, when the
	   own clock stood at 110 min: before adequate ran out, x 0.5 =
	   -0.125 (not x 0.8 = -0.2, which treats paused time as spent). */
	ck_assert_int_eq(ov.v[0].business, 150 * MIN);
	ck_assert_double_eq_tol(ov.v[0].base, -0.25, TOL);
	ck_assert_double_eq_tol(ov.v[0].score, -0.125, TOL);
}
END_TEST

START_TEST(test_wait_told_promise_missed)
{
	size_t	k;
	/* Promised 140, delivered 150 (broken): base -(30 / 120) = -0.25.
	   Told at 100, before the promise: x 0.5 = -0.125, though the
	   promise was missed. Told at 145, after it: x 0.8 = -0.2. */
	static const int	notified[] = { 100, 145 };
	static const double	want[] = { -0.125, -0.2 };
	struct touchpoint	*d;

	for (k = 0; k < 2; k++) {
		teardown();
		setup();
		load(PLAIN);
		at("order", AT(0));
		d = at("delivered", AT(150));
		d->promised = AT(140);
		d->notified = AT(notified[k]);
		run(1);
		ck_assert_int_eq(ov.v[0].promise_broken, 1);
		ck_assert_double_eq_tol(ov.v[0].score, want[k], TOL);
	}
}
END_TEST

START_TEST(test_wait_told_deadline_missed)
{
	load("<moment id=\"m\" from=\"order\" to=\"delivered\" "
	    "desired=\"PT1H\" adequate=\"PT2H\" promised-by=\"@deadline\"/>");
	/* The deadline AT(100) replaces adequate: delivered at 150 is
	   breached, -(50 / 100) = -0.5. Told at 100, exactly at the
	   deadline: in time, x 0.5 = -0.25. */
	add_attr("deadline", "2026-10-01T08:40:00Z");
	at("order", AT(0));
	at("delivered", AT(150))->notified = AT(100);
	run(1);
	ck_assert_int_eq(ov.v[0].status, ST_BREACHED);
	ck_assert_int_eq(ov.v[0].promise_broken, 1);
	ck_assert_double_eq_tol(ov.v[0].score, -0.25, TOL);
}
END_TEST

START_TEST(test_wait_revised)
{
	size_t	k;
	/*
	 * Delivered at 150: base -(30 / 120) = -0.25. A revised deadline
	 * given with the notification:
	 * - promised 140, told at 100 (in time), revised 160, kept: x 0.5
	 *   = -0.125;
	 * - told at 100, revised 150, the stop exactly at it (not after):
	 *   relief, x 0.5 = -0.125;
	 * - told at 100, revised 150 minus 1 us, missed: x 1 = -0.25;
	 * - told at 145 (late), revised 160, kept: x 0.8 = -0.2;
	 * - told at 145, revised 148, missed: x 1 = -0.25;
	 * - promised 160, revised 145, earlier than the promise and
	 *   missed, though the first promise was kept: x 1 = -0.25;
	 * - no promise, told at 100 (before adequate ran out at 120),
	 *   revised 140, missed: x 1 = -0.25, not x 1.2.
	 * Without notified, the customer is taken as told at the stop, 150:
	 * - promised 140, revised 160: told after the promise, x 0.8 = -0.2;
	 * - promised 160 (kept), revised 155: told before it, x 0.5 =
	 *   -0.125;
	 * - no promise, revised 150: told after adequate ran out at 120,
	 *   x 0.8 = -0.2, not x 1.2;
	 * - promised 140, revised 145, missed: x 1 = -0.25.
	 */
	static const struct {
		int	promised, told;		/* -1: absent */
		int64_t	revised;
		double	want;
	} c[] = {
		{ 140, 100, AT(160), -0.125 },
		{ 140, 100, AT(150), -0.125 },
		{ 140, 100, AT(150) - 1, -0.25 },
		{ 140, 145, AT(160), -0.2 },
		{ 140, 145, AT(148), -0.25 },
		{ 160, 100, AT(145), -0.25 },
		{ -1, 100, AT(140), -0.25 },
		{ 140, -1, AT(160), -0.2 },
		{ 160, -1, AT(155), -0.125 },
		{ -1, -1, AT(150), -0.2 },
		{ 140, -1, AT(145), -0.25 },
	};
	struct touchpoint	*d;

	for (k = 0; k < sizeof c / sizeof c[0]; k++) {
		teardown();
		setup();
		load(PLAIN);
		at("order", AT(0));
		d = at("delivered", AT(150));
		if (c[k].promised >= 0)
			d->promised = AT(c[k].promised);
		if (c[k].told >= 0)
			d->notified = AT(c[k].told);
		d->revised = c[k].revised;
		run(1);
		ck_assert_double_eq_tol(ov.v[0].base, -0.25, TOL);
		ck_assert_msg(fabs(ov.v[0].score - c[k].want) < TOL,
		    "case %zu: %g, not %g", k, ov.v[0].score, c[k].want);
		/* The promise gap is the first promise's, and no
		   notification time is made up. */
		ck_assert_int_eq(ov.v[0].promise_broken, c[k].promised >= 0 &&
		    c[k].promised < 150);
		ck_assert_int_eq(ov.v[0].notified, c[k].told >= 0 ?
		    AT(c[k].told) : MOT_TIME_NONE);
	}
}
END_TEST

START_TEST(test_wait_breached_untold)
{
	size_t	k;
	/* No promise, nobody told. t = 150: -0.25 x 1.2 = -0.3; t = 220:
	   -(100 / 120) x 1.2 = -1; t = 230: -(110 / 120) x 1.2 = -1.1,
	   clipped to -1. t = 90 (tolerated): 0.6 x 30 / 60 = 0.3 as is. */
	static const int	stop[] = { 150, 220, 230, 90 };
	static const double	want[] = { -0.3, -1, -1, 0.3 };

	for (k = 0; k < 4; k++) {
		teardown();
		setup();
		load(PLAIN);
		at("order", AT(0));
		at("delivered", AT(stop[k]));
		run(1);
		ck_assert_double_eq_tol(ov.v[0].score, want[k], TOL);
		ck_assert_int_eq(ov.v[0].failed, stop[k] > 120);
	}
}
END_TEST

START_TEST(test_wait_positive_untouched)
{
	struct touchpoint	*d;

	load(PLAIN);
	at("order", AT(0));
	d = at("delivered", AT(90));
	d->notified = AT(80);
	run(1);
	/* Tolerated, 0.6 x (120 - 90) / (120 - 60) = 0.3: not scaled. */
	ck_assert_double_eq_tol(ov.v[0].score, 0.3, TOL);
}
END_TEST

START_TEST(test_promised_by)
{
	load("<moment id=\"m\" from=\"order\" to=\"delivered\" "
	    "desired=\"PT1H\" adequate=\"PT2H\" promised-by=\"@deadline\"/>");
	/* The deadline, AT(100) = 2026-10-01T08:40:00Z, replaces adequate:
	   A = 100 min, D = min(60, 100) = 60 min. */
	add_attr("deadline", "2026-10-01T08:40:00Z");
	at("order", AT(0));
	at("delivered", AT(150));
	run(1);
	ck_assert_int_eq(ov.v[0].deadline, AT(100));
	ck_assert_int_eq(ov.v[0].adequate, 100 * MIN);
	/* t = 150 > 100: breached, -(50 / 100) = -0.5; there was a promise,
	   so no x 1.2. */
	ck_assert_int_eq(ov.v[0].status, ST_BREACHED);
	ck_assert_double_eq_tol(ov.v[0].score, -0.5, TOL);
	ck_assert_int_eq(ov.v[0].promise, AT(100));
	ck_assert_int_eq(ov.v[0].promise_broken, 1);
	/* 100 min promised < 120 min adequate: over-promised. */
	ck_assert_int_eq(ov.v[0].over_promised, 1);
}
END_TEST

START_TEST(test_promised_by_kept)
{
	load("<moment id=\"m\" from=\"order\" to=\"delivered\" "
	    "desired=\"PT1H\" adequate=\"PT2H\" promised-by=\"@deadline\"/>");
	/* AT(200) = 2026-10-01T10:20:00Z: A = 200 min, D = 60 min. */
	add_attr("deadline", "2026-10-01T10:20:00Z");
	at("order", AT(0));
	at("delivered", AT(150));
	run(1);
	/* Tolerated: 0.6 x (200 - 150) / (200 - 60) = 0.6 x 50 / 140. */
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_double_eq_tol(ov.v[0].score, 0.6 * 50 / 140, TOL);
	ck_assert_int_eq(ov.v[0].promise_broken, 0);
	ck_assert_int_eq(ov.v[0].over_promised, 0);
}
END_TEST

/*
 * 4. Service recovery.
 */

START_TEST(test_recovery_direct)
{
	const int64_t	w = 24 * HOUR;

	/* dt = 6 h of 24: speed 0.75; -0.5 + 0.8 x 0.75 x (0.6 + 0.5) =
	   -0.5 + 0.66 = 0.16. */
	ck_assert_double_eq_tol(score_recovery(-0.5, 6 * HOUR, w, 0, &dp),
	    0.16, TOL);
	/* At once: -0.5 + 0.8 x 1.1 = 0.38. */
	ck_assert_double_eq_tol(score_recovery(-0.5, 0, w, 0, &dp), 0.38, TOL);
	/* At the window's end, and beyond: nothing added. */
	ck_assert_double_eq_tol(score_recovery(-0.5, w, w, 0, &dp), -0.5, TOL);
	ck_assert_double_eq_tol(score_recovery(-0.5, w + SEC, w, 0, &dp),
	    -0.5, TOL);
	/* From -1 at once: -1 + 0.8 x 1.6 = 0.28. */
	ck_assert_double_eq_tol(score_recovery(-1, 0, w, 0, &dp), 0.28, TOL);
	/* Double deviation: -0.5 - 0.25 = -0.75; -0.9 - 0.25 floored at -1. */
	ck_assert_double_eq_tol(score_recovery(-0.5, HOUR, w, 1, &dp), -0.75,
	    TOL);
	ck_assert_double_eq_tol(score_recovery(-0.9, HOUR, w, 1, &dp), -1,
	    TOL);
}
END_TEST

#define RECOVERY(window) PLAIN "<recovery touchpoints=\"apology callback\" " \
		"window=\"" window "\"/>"

/* Delivered at 180 min: -(60/120) = -0.5, untold and unpromised x 1.2. */
#define S_FAIL	(-0.6)

START_TEST(test_recovery_clock)
{
	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("delivered", AT(180));
	at("apology", AT(180) + 6 * HOUR);
	run(1);
	ck_assert_int_eq(ov.v[0].failed, 1);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_int_eq(ov.v[0].recover_dt, 6 * HOUR);
	/* -0.6 + 0.8 x 0.75 x (0.6 + 0.6) = -0.6 + 0.72 = 0.12. */
	ck_assert_double_eq_tol(ov.v[0].score, S_FAIL + 0.8 * 0.75 * 1.2, TOL);
	ck_assert_double_eq_tol(ov.v[0].score, 0.12, TOL);
}
END_TEST

START_TEST(test_recovery_at_window)
{
	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("delivered", AT(180));
	at("callback", AT(180) + 24 * HOUR);
	run(1);
	/* Exactly at the window's end: found, but adds nothing. */
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_int_eq(ov.v[0].recover_dt, 24 * HOUR);
	ck_assert_double_eq_tol(ov.v[0].score, S_FAIL, TOL);
}
END_TEST

START_TEST(test_recovery_beyond_window)
{
	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("delivered", AT(180));
	at("callback", AT(180) + 24 * HOUR + SEC);
	run(1);
	ck_assert_int_eq(ov.v[0].failed, 1);
	ck_assert_int_eq(ov.v[0].recovered, 0);
	ck_assert_double_eq_tol(ov.v[0].score, S_FAIL, TOL);
}
END_TEST

START_TEST(test_recovery_before_stop)
{
	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("apology", AT(170));
	at("delivered", AT(180));
	run(1);
	/* An apology before the failure recovers nothing. */
	ck_assert_int_eq(ov.v[0].recovered, 0);
	ck_assert_double_eq_tol(ov.v[0].score, S_FAIL, TOL);
}
END_TEST

START_TEST(test_recovery_failed)
{
	struct touchpoint	*r;

	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("delivered", AT(180));
	r = at("callback", AT(180) + HOUR);
	r->status = "failed";
	run(1);
	/* Double deviation: -0.6 - 0.25 = -0.85. */
	ck_assert_int_eq(ov.v[0].recovered, 2);
	ck_assert_double_eq_tol(ov.v[0].score, -0.85, TOL);
}
END_TEST

START_TEST(test_recovery_short_window)
{
	load(RECOVERY("PT2H"));
	at("order", AT(0));
	at("delivered", AT(180));
	at("apology", AT(180) + HOUR);
	run(1);
	/* dt = 1 h of 2: -0.6 + 0.8 x 0.5 x 1.2 = -0.12. */
	ck_assert_int_eq(e->params.recovery_window, 2 * HOUR);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_double_eq_tol(ov.v[0].score, -0.12, TOL);
}
END_TEST

#define OFFICE_RECOVERY(window) "<calendar id=\"office\" " \
		"zone=\"Europe/Amsterdam\"><hours days=\"mon-fri\" " \
		"from=\"09:00\" to=\"17:00\"/><holiday date=\"2026-12-25\"/>" \
		"</calendar><moment id=\"m\" from=\"order\" to=\"delivered\" " \
		"desired=\"PT1H\" adequate=\"PT2H\" calendar=\"office\"/>" \
		"<recovery touchpoints=\"apology callback\"" window "/>"

/*
 * The default window on a moment with a calendar: one business day, to the
 * same local time on the next working day (docs/scoring.md, section 9).
 */
START_TEST(test_recovery_business_day)
{
	load(OFFICE_RECOVERY(""));
	ck_assert_int_eq(e->params.recovery_business_day, 1);
	/* Fri 12:00 to 16:00: 4 h of working time > 2 h, -1. Window Fri
	   16:00 to Mon 16:00 = 72 h; the apology Mon 10:00, dt = 66 h:
	   -1 + 0.8 x (1 - 66/72) x (0.6 + 1) = -1 + 0.8 x 1.6 / 12. */
	at("order", T("2026-10-02T12:00:00+02:00"));
	at("delivered", T("2026-10-02T16:00:00+02:00"));
	at("apology", T("2026-10-05T10:00:00+02:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].failed, 1);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_int_eq(ov.v[0].recover_dt, 66 * HOUR);
	ck_assert_double_eq_tol(ov.v[0].score, -1 + 0.8 * 1.6 / 12, TOL);
	journey_reset(&j);

	/* Past the window's end, Mon 16:00:01: not a recovery. */
	at("order", T("2026-10-02T12:00:00+02:00"));
	at("delivered", T("2026-10-02T16:00:00+02:00"));
	at("apology", T("2026-10-05T16:00:01+02:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].recovered, 0);
	ck_assert_double_eq_tol(ov.v[0].score, -1, TOL);
	journey_reset(&j);

	/* Across the holiday: Thu 24 Dec 16:00 to Mon 28 Dec 16:00, 96 h;
	   the callback Mon 15:00, dt 95 h. */
	at("order", T("2026-12-24T12:00:00+01:00"));
	at("delivered", T("2026-12-24T16:00:00+01:00"));
	at("callback", T("2026-12-28T15:00:00+01:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_int_eq(ov.v[0].recover_dt, 95 * HOUR);
	ck_assert_double_eq_tol(ov.v[0].score, -1 + 0.8 * 1.6 / 96, TOL);
}
END_TEST

/* A window that is given is calendar time, calendar or not. */
START_TEST(test_recovery_window_given)
{
	uint64_t	h;

	/* The default and a given PT24H score differently: other hashes. */
	load(OFFICE_RECOVERY(""));
	h = e->hash;
	expect_free(e);
	load(OFFICE_RECOVERY(" window=\"PT24H\""));
	ck_assert_int_eq(e->params.recovery_business_day, 0);
	ck_assert(e->hash != h);
	at("order", T("2026-10-02T12:00:00+02:00"));
	at("delivered", T("2026-10-02T16:00:00+02:00"));
	at("apology", T("2026-10-05T10:00:00+02:00"));
	run(1);
	ck_assert_int_eq(ov.v[0].recovered, 0);
	expect_free(e);
	e = NULL;
	journey_reset(&j);
	load("<scoring recovery-window=\"PT24H\"/>" OFFICE_RECOVERY(""));
	ck_assert_int_eq(e->params.recovery_business_day, 0);
}
END_TEST

/* The default on a 24x7 moment (no calendar) is PT24H. */
START_TEST(test_recovery_default_24x7)
{
	load(PLAIN "<recovery touchpoints=\"apology callback\"/>");
	at("order", AT(0));
	at("delivered", AT(180));
	at("callback", AT(180) + 24 * HOUR);
	run(1);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_double_eq_tol(ov.v[0].score, S_FAIL, TOL);
	journey_reset(&j);
	at("order", AT(0));
	at("delivered", AT(180));
	at("callback", AT(180) + 24 * HOUR + SEC);
	run(1);
	ck_assert_int_eq(ov.v[0].recovered, 0);
}
END_TEST

START_TEST(test_recovery_not_failed)
{
	load(RECOVERY("PT24H"));
	at("order", AT(0));
	at("delivered", AT(90));
	at("apology", AT(100));
	run(1);
	/* Tolerated, 0.3, not a failure: nothing to recover. */
	ck_assert_int_eq(ov.v[0].failed, 0);
	ck_assert_int_eq(ov.v[0].recovered, 0);
	ck_assert_double_eq_tol(ov.v[0].score, 0.3, TOL);
}
END_TEST

START_TEST(test_recovery_status_failed)
{
	struct touchpoint	*d;

	load(RECOVERY("PT24H"));
	at("order", AT(0));
	d = at("delivered", AT(90));
	d->status = "failed";
	at("apology", AT(90) + 12 * HOUR);
	run(1);
	/* Within adequate, but the delivery failed: a failure. Its score
	   is at most adequate's 0 (clock.c: a failed touchpoint is never
	   better than adequate), so s_fail = min(0.3, 0) = 0; recovered at
	   12 h of 24: 0 + 0.8 x 0.5 x (0.6 - 0) = 0.24. */
	ck_assert_int_eq(ov.v[0].status, ST_TOLERATED);
	ck_assert_int_eq(ov.v[0].failed, 1);
	ck_assert_int_eq(ov.v[0].recovered, 1);
	ck_assert_double_eq_tol(ov.v[0].score, 0.24, TOL);
}
END_TEST

/*
 * 5. Memory, effort and the journey score.
 */

START_TEST(test_memory_three)
{
	static const double	s[] = { 0.5, -0.5, 0.2 };
	struct memory		m;

	score_memory(s, 3, &dp, &m);
	/* mean 0.2 / 3; min -0.5 (position 1); last 0.2; max 0.5. Trend:
	   x = 0, 0.5, 1 (mean 0.5); sum (x - 0.5)(s - mean) =
	   -0.5 x (0.5 - 1/15) + 0 + 0.5 x (0.2 - 1/15) = -0.15;
	   sum (x - 0.5)^2 = 0.5; slope -0.3.
	   R = 0.4/15 - 0.15 + 0.04 + 0.05 - 0.03 = -0.0633333...;
	   peak-end (-0.5 + 0.2) / 2 = -0.15. */
	ck_assert_double_eq_tol(m.mean, 0.2 / 3, TOL);
	ck_assert_double_eq_tol(m.min, -0.5, TOL);
	ck_assert_double_eq_tol(m.last, 0.2, TOL);
	ck_assert_double_eq_tol(m.max, 0.5, TOL);
	ck_assert_double_eq_tol(m.trend, -0.3, TOL);
	ck_assert_double_eq_tol(m.remembered, 0.4 / 15 - 0.15 + 0.04 + 0.05 -
	    0.03, TOL);
	ck_assert_double_eq_tol(m.remembered, -0.0633333333333, 1e-9);
	ck_assert_double_eq_tol(m.peak_end, -0.15, TOL);
	ck_assert_uint_eq(m.worst, 1);
	ck_assert_uint_eq(m.lastpos, 2);
}
END_TEST

START_TEST(test_memory_one)
{
	static const double	s[] = { -0.4 };
	struct memory		m;

	score_memory(s, 1, &dp, &m);
	/* One score: trend 0, R = (0.4 + 0.3 + 0.2 + 0.1) x -0.4 = -0.4. */
	ck_assert_double_eq_tol(m.trend, 0, TOL);
	ck_assert_double_eq_tol(m.remembered, -0.4, TOL);
	ck_assert_double_eq_tol(m.peak_end, -0.4, TOL);
	ck_assert_uint_eq(m.worst, 0);
	ck_assert_uint_eq(m.lastpos, 0);
}
END_TEST

START_TEST(test_memory_trend)
{
	static const double	up[] = { 0.2, 0.4, 0.6, 0.8 };
	static const double	jump[] = { -1, 1 };
	struct memory		m;

	/* s = 0.2 + 0.6 x with x = 0, 1/3, 2/3, 1: slope 0.6. mean 0.5,
	   min 0.2, last 0.8, max 0.8: R = 0.2 + 0.06 + 0.16 + 0.08 + 0.06 =
	   0.56; peak-end 0.5. */
	score_memory(up, 4, &dp, &m);
	ck_assert_double_eq_tol(m.trend, 0.6, TOL);
	ck_assert_double_eq_tol(m.remembered, 0.56, TOL);
	ck_assert_double_eq_tol(m.peak_end, 0.5, TOL);
	/* -1 then 1: slope 2, clipped to 1. R = 0 - 0.3 + 0.2 + 0.1 + 0.1 =
	   0.1; peak-end 0. */
	score_memory(jump, 2, &dp, &m);
	ck_assert_double_eq_tol(m.trend, 1, TOL);
	ck_assert_double_eq_tol(m.remembered, 0.1, TOL);
	ck_assert_double_eq_tol(m.peak_end, 0, TOL);
}
END_TEST

START_TEST(test_effort_and_journey)
{
	/* e = min(1, 0.15 h + 0.25 r + 0.10 c). */
	ck_assert_double_eq_tol(score_effort(0, 0, 0, &dp), 0, TOL);
	ck_assert_double_eq_tol(score_effort(1, 1, 1, &dp), 0.5, TOL);
	ck_assert_double_eq_tol(score_effort(3, 2, 0, &dp), 0.95, TOL);
	ck_assert_double_eq_tol(score_effort(2, 2, 2, &dp), 1, TOL);
	ck_assert_double_eq_tol(score_effort(4, 2, 1, &dp), 1, TOL);
	/* J = clip(R - 0.3 e). */
	ck_assert_double_eq_tol(score_journey(0.5, 0.5, &dp), 0.35, TOL);
	ck_assert_double_eq_tol(score_journey(-0.9, 1, &dp), -1, TOL);
	ck_assert_double_eq_tol(score_journey(1, 0, &dp), 1, TOL);
	ck_assert_double_eq_tol(score_journey(-0.2, 0, &dp), -0.2, TOL);
}
END_TEST

/* An occurrence as clock_score leaves it, for jscore_compute and agg. */
static struct occurrence
occ(size_t moment, enum status st, mot_time stop, double score)
{
	struct occurrence	o;

	memset(&o, 0, sizeof o);
	o.moment = moment;
	o.start = stop - 10 * MIN;
	o.stop = st == ST_OPEN ? MOT_TIME_NONE : stop;
	o.elapsed = st == ST_OPEN ? 0 : 10 * MIN;
	o.business = o.elapsed;
	o.deadline = o.promise = o.notified = MOT_TIME_NONE;
	o.status = st;
	o.score = o.base = score;
	o.cust_status = ST_OPEN;
	o.failed = st == ST_BREACHED;
	return (o);
}

START_TEST(test_jscore)
{
	struct occurrence	o[4];
	struct jscratch		sc;
	struct jscore		js;
	struct touchpoint	*t;

	load("<moment id=\"a\" from=\"order\" to=\"delivered\" desired=\"PT1H\" "
	    "adequate=\"PT2H\"/>"
	    "<moment id=\"b\" touchpoint=\"call\" desired=\"PT5M\" "
	    "adequate=\"PT10M\"/>"
	    "<effort contacts=\"call chat\"/>");
	/* Teams support -> billing -> support: 2 hand-offs (a touchpoint
	   without a team changes nothing). Contacts call (phone), chat
	   (chat), call (phone): 2 channel switches; the second call repeats
	   the first within 7 days: 1 repeat. */
	t = tp("call", AT(0), AT(5));
	t->team = "support";
	t->channel = "phone";
	t = at("chat", AT(60));
	t->team = "billing";
	t->channel = "chat";
	at("email", AT(90));
	t = tp("call", AT(120), AT(125));
	t->team = "support";
	t->channel = "phone";
	journey_sort(&j);

	/* Scores in time order (by stop) 0.5, -0.5, 0.2, given out of
	   order, and an open occurrence that does not count. */
	o[0] = occ(0, ST_TOLERATED, AT(300), 0.2);
	o[1] = occ(1, ST_MET, AT(100), 0.5);
	o[2] = occ(1, ST_BREACHED, AT(200), -0.5);
	o[3] = occ(0, ST_OPEN, AT(50), 0);
	memset(&sc, 0, sizeof sc);
	jscore_compute(e, &j, o, 4, &sc, &js);
	ck_assert_int_eq(js.valid, 1);
	ck_assert_uint_eq(js.handoffs, 2);
	ck_assert_uint_eq(js.repeats, 1);
	ck_assert_uint_eq(js.switches, 2);
	/* e = 0.3 + 0.25 + 0.2 = 0.75. */
	ck_assert_double_eq_tol(js.effort, 0.75, TOL);
	/* R as in test_memory_three: -0.0633333...; J = R - 0.225. */
	ck_assert_double_eq_tol(js.mem.remembered, 0.4 / 15 - 0.15 + 0.04 +
	    0.05 - 0.03, TOL);
	ck_assert_double_eq_tol(js.journey, 0.4 / 15 - 0.15 + 0.04 + 0.05 -
	    0.03 - 0.3 * 0.75, TOL);
	ck_assert_uint_eq(js.worst_moment, 1);
	ck_assert_uint_eq(js.last_moment, 0);
	jscratch_free(&sc);
}
END_TEST

START_TEST(test_jscore_repeat_window)
{
	struct occurrence	o[1];
	struct jscratch		sc;
	struct jscore		js;

	load("<moment id=\"a\" from=\"order\" to=\"delivered\" desired=\"PT1H\" "
	    "adequate=\"PT2H\"/><effort contacts=\"call\"/>");
	at("call", AT(0));
	at("call", AT(0) + 8 * 24 * HOUR);	/* beyond 7 days */
	at("call", AT(0) + 9 * 24 * HOUR);	/* a day after the last */
	journey_sort(&j);
	o[0] = occ(0, ST_MET, AT(10), 0.6);
	memset(&sc, 0, sizeof sc);
	jscore_compute(e, &j, o, 1, &sc, &js);
	/* Only the third call repeats one within 7 days: 1 repeat, e = 0.25.
	   One score 0.6: R = 0.6; J = 0.6 - 0.3 x 0.25 = 0.525. */
	ck_assert_uint_eq(js.repeats, 1);
	ck_assert_uint_eq(js.handoffs, 0);
	ck_assert_uint_eq(js.switches, 0);
	ck_assert_double_eq_tol(js.effort, 0.25, TOL);
	ck_assert_double_eq_tol(js.mem.remembered, 0.6, TOL);
	ck_assert_double_eq_tol(js.journey, 0.525, TOL);
	jscratch_free(&sc);
}
END_TEST

/*
 * 6. NPS comparison and Benjamini-Hochberg.
 */

/* Add a journey with one occurrence of moment 0, an NPS and a CSAT answer (-1: none). */
static void
survey_journey_csat(struct agg *a, enum status st, int nps, int csat)
{
	struct occurrence	o;

	journey_reset(&j);
	j.id = "J";
	j.outcome.nps = nps;
	j.outcome.csat = csat;
	o = occ(0, st, AT(10), st == ST_BREACHED ? -0.5 : 0.6);
	agg_journey(a, &j, &o, 1);
}

/* Add a journey with one occurrence of moment 0 and an NPS answer. */
static void
survey_journey(struct agg *a, enum status st, int nps)
{
	survey_journey_csat(a, st, nps, -1);
}

START_TEST(test_nps_min_answers_param)
{
	struct agg		 a;
	struct summary		 s;
	const struct outcome_cmp *c;

	load("<scoring min-answers=\"3\"/>" PLAIN);
	agg_init(&a, e, NULL);
	/* Breached: 9, 10, 10, all promoters: NPS 100. Met: 10, 7, 3: 1
	   promoter, 1 detractor of 3: NPS 0. Adjusted Wald (3/4 added to
	   promoters and detractors, n + 3): breached 3.75/6 - 0.75/6 = 0.5,
	   var (0.75 - 0.25) / 6, so [100 - 0, 100] after keeping the
	   estimate in: [-6.58, 100] (50 - 196 sqrt(1/12) = -6.58); met
	   1.75/6 each, var (3.5/6) / 6, [-61.11, 61.11]. MOVER: 100 -
	   sqrt(106.58^2 + 61.11^2) = -22.86, 100 + sqrt(0 + 61.11^2) =
	   161.11. p = erfc(0.5 / sqrt(1/12 + 7/72) / sqrt 2) =
	   0.23931654. */
	survey_journey(&a, ST_BREACHED, 9);
	survey_journey(&a, ST_BREACHED, 10);
	survey_journey(&a, ST_BREACHED, 10);
	survey_journey(&a, ST_MET, 10);
	survey_journey(&a, ST_MET, 7);
	survey_journey(&a, ST_MET, 3);
	summary_make(&s, e, &a);
	c = &s.ms[0].total.nps;
	ck_assert_uint_eq(c->n_breached, 3);
	ck_assert_uint_eq(c->n_met, 3);
	ck_assert_double_eq_tol(c->breached, 100, 1e-9);
	ck_assert_double_eq_tol(c->met, 0, 1e-9);
	ck_assert_double_eq_tol(c->delta, 100, 1e-9);
	ck_assert_double_eq_tol(c->ci_lo, -22.857218, 1e-5);
	ck_assert_double_eq_tol(c->ci_hi, 161.112614, 1e-5);
	ck_assert_double_eq_tol(c->p, 0.23931654, 1e-8);
	/* One test: q = p. */
	ck_assert_double_eq_tol(c->q, c->p, 1e-15);
	ck_assert_int_eq(s.outcomes, 1);
	summary_free(&s);
	agg_free(&a);
}
END_TEST

/* min-answers (10) on each side: 9 is too few, on either side; 10 is enough. */
START_TEST(test_nps_threshold)
{
	struct agg		 a;
	struct summary		 s;
	const struct outcome_cmp *c;
	int			 nb, nm, i;

	load(PLAIN);
	for (nb = 9; nb <= 10; nb++)
	for (nm = 9; nm <= 10; nm++) {
		agg_init(&a, e, NULL);
		for (i = 0; i < nb; i++)
			survey_journey_csat(&a, ST_BREACHED, 3, 2);
		for (i = 0; i < nm; i++)
			survey_journey_csat(&a, ST_MET, 10, 5);
		for (i = 0; i < 20; i++)
			survey_journey(&a, ST_MET, -1);
		summary_make(&s, e, &a);
		c = &s.ms[0].total.nps;
		ck_assert_uint_eq(c->n_breached, (uint64_t)nb);
		ck_assert_uint_eq(c->n_met, (uint64_t)nm);
		/* Each side as it is, whatever its answers. */
		ck_assert_double_eq_tol(c->breached, -100, 1e-9);
		ck_assert_double_eq_tol(c->met, 100, 1e-9);
		if (nb == 10 && nm == 10) {
			/* -200, [-200, -125.76] (check_stats.c). */
			ck_assert_double_eq_tol(c->delta, -200, 1e-9);
			ck_assert_double_eq_tol(c->ci_lo, -200, 1e-9);
			ck_assert_double_eq_tol(c->ci_hi, -125.758811, 1e-5);
			ck_assert(c->p < 1e-9 && !isnan(c->q));
			ck_assert_int_eq(s.outcomes, 1);
			ck_assert(!isnan(s.ms[0].total.nps_recoverable));
			/* CSAT top-2-box 0 against 1: Newcombe's interval. */
			c = &s.ms[0].total.csat;
			ck_assert_double_eq_tol(c->delta, -1, 1e-12);
			ck_assert_double_eq_tol(c->ci_lo, -1, 1e-12);
			ck_assert_double_eq_tol(c->ci_hi, -0.607509, 1e-6);
		} else {
			ck_assert(isnan(c->delta));
			ck_assert(isnan(c->ci_lo) && isnan(c->ci_hi));
			ck_assert(isnan(c->p) && isnan(c->q));
			ck_assert_int_eq(s.outcomes, 0);
			ck_assert(isnan(s.ms[0].total.nps_recoverable));
			c = &s.ms[0].total.csat;
			ck_assert_double_eq_tol(c->breached, 0, 1e-12);
			ck_assert_double_eq_tol(c->met, 1, 1e-12);
			ck_assert(isnan(c->delta));
			ck_assert(isnan(c->ci_lo) && isnan(c->ci_hi));
		}
		summary_free(&s);
		agg_free(&a);
	}
}
END_TEST

START_TEST(test_nps_no_detractors_anywhere)
{
	struct agg		 a;
	struct summary		 s;
	const struct outcome_cmp *c;
	int			 i;

	load(PLAIN);
	agg_init(&a, e, NULL);
	/* Every answer a promoter: NPS 100 on both sides. delta 0, and an
	   interval that is not a point: each side [47.50, 100] (adjusted
	   Wald, check_stats.c), so [0 - 52.50, 0 + 52.50]; p = 1, the
	   adjusted shares being equal. */
	for (i = 0; i < 10; i++) {
		survey_journey(&a, ST_BREACHED, 9);
		survey_journey(&a, ST_MET, 10);
	}
	summary_make(&s, e, &a);
	c = &s.ms[0].total.nps;
	ck_assert_double_eq_tol(c->breached, 100, 1e-9);
	ck_assert_double_eq_tol(c->met, 100, 1e-9);
	ck_assert_double_eq_tol(c->delta, 0, 1e-9);
	ck_assert_double_eq_tol(c->ci_lo, -52.496448, 1e-5);
	ck_assert_double_eq_tol(c->ci_hi, 52.496448, 1e-5);
	ck_assert_double_eq_tol(c->p, 1, 1e-12);
	ck_assert(!isnan(s.ms[0].priority));
	summary_free(&s);
	agg_free(&a);
}
END_TEST

START_TEST(test_nps_one_side_only)
{
	struct agg		 a;
	struct summary		 s;
	const struct outcome_cmp *c;

	load(PLAIN);
	agg_init(&a, e, NULL);
	/* Answers only where it was met: 10, 10 = NPS 100; no comparison. */
	survey_journey(&a, ST_MET, 10);
	survey_journey(&a, ST_MET, 10);
	survey_journey(&a, ST_BREACHED, -1);
	summary_make(&s, e, &a);
	c = &s.ms[0].total.nps;
	ck_assert_uint_eq(c->n_breached, 0);
	ck_assert_double_eq_tol(c->met, 100, 1e-9);
	ck_assert(isnan(c->breached));
	ck_assert(isnan(c->delta));
	ck_assert(isnan(c->p));
	ck_assert(isnan(c->q));
	ck_assert_int_eq(s.outcomes, 0);
	summary_free(&s);
	agg_free(&a);
}
END_TEST

/*
 * Breached journeys that answer better than the others: nps_recoverable
 * keeps its sign (no cost), and the ranking takes it as 0.
 */
START_TEST(test_nps_recoverable_negative)
{
	struct agg		 a;
	struct summary		 s;
	int			 i;

	load(PLAIN);
	agg_init(&a, e, NULL);
	/* Breached: 10 answers of 10, NPS 100. Met: 10 each of 10, 7 and
	   3, NPS 0. Breach rate 10 / 40 = 0.25; nps_recoverable = 0.25 x
	   (0 - 100) = -25. The cost in the priority is max(0, -25) = 0. */
	for (i = 0; i < 10; i++) {
		survey_journey(&a, ST_BREACHED, 10);
		survey_journey(&a, ST_MET, 10);
		survey_journey(&a, ST_MET, 7);
		survey_journey(&a, ST_MET, 3);
	}
	summary_make(&s, e, &a);
	ck_assert_int_eq(s.outcomes, 1);
	ck_assert_double_eq_tol(s.ms[0].total.breach_rate, 0.25, 1e-12);
	ck_assert_double_eq_tol(s.ms[0].total.nps.delta, 100, 1e-9);
	ck_assert_double_eq_tol(s.ms[0].total.nps_recoverable, -25, 1e-9);
	ck_assert_double_eq_tol(s.ms[0].priority, 0, 1e-12);
	summary_free(&s);
	agg_free(&a);
}
END_TEST

/* A journey of one region with one occurrence of a moment and an NPS answer (-1: none). */
static void
region_journey(struct agg *a, const char *region, size_t moment,
    enum status st, int nps)
{
	struct occurrence	o;

	journey_reset(&j);
	j.id = "J";
	j.outcome.nps = nps;
	add_attr("region", region);
	o = occ(moment, st, AT(10), st == ST_BREACHED ? -0.5 : 0.6);
	agg_journey(a, &j, &o, 1);
}

/* Find a moment's breakdown row by value. */
static const struct cell_sum *
row_of(const struct moment_sum *ms, const char *value)
{
	size_t	i;

	for (i = 0; i < summary_rows(ms); i++) {
		if (strcmp(summary_row(ms, i)->value, value) == 0)
			return (summary_row(ms, i));
	}
	ck_abort_msg("no row %s", value);
	return (NULL);
}

/*
 * Breakdown cells: one Benjamini-Hochberg family of every cell tested in
 * every moment, apart from the moments' totals; reach over all accepted
 * journeys; priority as a moment's.
 */
START_TEST(test_nps_cells_bh)
{
	struct agg		 a;
	struct summary		 s;
	const struct cell_sum	*c;
	struct cell_sum		 it;
	size_t			 pos;
	int			 i, seen;

	load("<moment id=\"m0\" from=\"order\" to=\"delivered\" desired=\"PT1H\" "
	    "adequate=\"PT2H\"/><moment id=\"m1\" from=\"order\" "
	    "to=\"paid\" desired=\"PT1H\" adequate=\"PT2H\"/>");
	agg_init(&a, e, "region");
	for (i = 0; i < 10; i++) {
		/* m0, a: 10 detractors against 10 promoters. */
		region_journey(&a, "a", 0, ST_BREACHED, 3);
		region_journey(&a, "a", 0, ST_MET, 10);
		/* m0, b: 5 detractors of 10 against 5 promoters of 10. */
		region_journey(&a, "b", 0, ST_BREACHED, i < 5 ? 3 : 7);
		region_journey(&a, "b", 0, ST_MET, i < 5 ? 10 : 7);
		/* m1, a: 10 passives against 4 promoters of 10. */
		region_journey(&a, "a", 1, ST_BREACHED, 7);
		region_journey(&a, "a", 1, ST_MET, i < 4 ? 10 : 7);
		/* m0, d: 9 answers where breached: not tested. */
		region_journey(&a, "d", 0, ST_BREACHED, i < 9 ? 3 : -1);
		region_journey(&a, "d", 0, ST_MET, 10);
	}
	for (i = 0; i < 5; i++) {	/* m0, c: 5 a side, not tested */
		region_journey(&a, "c", 0, ST_BREACHED, 3);
		region_journey(&a, "c", 0, ST_MET, 10);
	}
	summary_make(&s, e, &a);
	ck_assert_uint_eq(s.accepted, 90);
	/* p: 4.2475e-13, 0.00094907, 0.095846 (check_stats.c's formulas);
	   BH over the three: x 3, x 3 / 2, x 1. */
	c = row_of(&s.ms[0], "a");
	ck_assert_double_eq_tol(c->nps.p, 4.247515e-13, 1e-18);
	ck_assert_double_eq_tol(c->nps.q, 1.274254e-12, 1e-17);
	ck_assert_double_eq_tol(row_of(&s.ms[0], "b")->nps.q, 0.00142361,
	    1e-8);
	ck_assert_double_eq_tol(row_of(&s.ms[1], "a")->nps.q, 0.09584638,
	    1e-8);
	ck_assert(isnan(row_of(&s.ms[0], "c")->nps.q));
	ck_assert(isnan(row_of(&s.ms[0], "c")->nps.delta));
	ck_assert(isnan(row_of(&s.ms[0], "d")->nps.q));
	ck_assert(isnan(row_of(&s.ms[0], "d")->nps.delta));
	/* Reach: the cell's journeys of all 90; priority as a moment's,
	   the NPS points lost replacing the severity. */
	ck_assert_double_eq_tol(c->reach, 20.0 / 90, 1e-12);
	ck_assert_double_eq_tol(c->priority, 20.0 / 90 * 0.5 * 2 * (1 +
	    c->memory_share), 1e-12);
	ck_assert_double_eq_tol(row_of(&s.ms[0], "c")->reach, 10.0 / 90,
	    1e-12);
	ck_assert_double_eq_tol(s.ms[0].reach, 70.0 / 90, 1e-12);
	ck_assert_double_eq_tol(s.ms[0].total.reach, s.ms[0].reach, 1e-15);
	/* The moments' totals are their own family of two: the larger p
	   is its own q, the smaller doubles. */
	ck_assert_double_eq_tol(s.ms[1].total.nps.q, s.ms[1].total.nps.p,
	    1e-15);
	ck_assert_double_eq_tol(s.ms[0].total.nps.q, 2 * s.ms[0].total.nps.p,
	    1e-15);
	/* Every value, as JSON and CSV see them: the same q. */
	for (pos = 0, seen = 0; summary_next_value(&s, &s.ms[0], &pos, &it);
	    seen++) {
		c = row_of(&s.ms[0], it.value);
		ck_assert(isnan(c->nps.q) ? isnan(it.nps.q) :
		    it.nps.q == c->nps.q);
		ck_assert(it.priority == c->priority);
	}
	ck_assert_int_eq(seen, 4);
	summary_free(&s);
	agg_free(&a);
}
END_TEST

START_TEST(test_bh_known)
{
	static const double	p[] = { 0.01, 0.04, 0.03, 0.20 };
	static const double	rev[] = { 0.20, 0.03, 0.04, 0.01 };
	double			q[4];

	/* Sorted 0.01, 0.03, 0.04, 0.20 at ranks 1-4 of m = 4: p m / i =
	   0.04, 0.06, 0.05333, 0.20; running minimum from the top: 0.20,
	   0.05333, 0.05333, 0.04. */
	bh_adjust(p, q, 4);
	ck_assert_double_eq_tol(q[0], 0.04, 1e-12);
	ck_assert_double_eq_tol(q[1], 0.16 / 3, 1e-12);
	ck_assert_double_eq_tol(q[2], 0.16 / 3, 1e-12);
	ck_assert_double_eq_tol(q[3], 0.20, 1e-12);
	bh_adjust(rev, q, 4);
	ck_assert_double_eq_tol(q[0], 0.20, 1e-12);
	ck_assert_double_eq_tol(q[1], 0.16 / 3, 1e-12);
	ck_assert_double_eq_tol(q[2], 0.16 / 3, 1e-12);
	ck_assert_double_eq_tol(q[3], 0.04, 1e-12);
}
END_TEST

START_TEST(test_bh_nan)
{
	const double	p[] = { NAN, 0.01, 0.04, NAN, 0.03, 0.20 };
	const double	none[] = { NAN, NAN };
	const double	big[] = { 0.9, 0.95 };
	double		q[6];

	/* NaN entries are left out: m = 4, the same q as above. */
	bh_adjust(p, q, 6);
	ck_assert(isnan(q[0]));
	ck_assert_double_eq_tol(q[1], 0.04, 1e-12);
	ck_assert_double_eq_tol(q[2], 0.16 / 3, 1e-12);
	ck_assert(isnan(q[3]));
	ck_assert_double_eq_tol(q[4], 0.16 / 3, 1e-12);
	ck_assert_double_eq_tol(q[5], 0.20, 1e-12);
	bh_adjust(none, q, 2);
	ck_assert(isnan(q[0]) && isnan(q[1]));
	bh_adjust(none, q, 0);
	/* 0.9 x 2 / 1 = 1.8, 0.95: q = 0.95 for both (never above 1). */
	bh_adjust(big, q, 2);
	ck_assert_double_eq_tol(q[0], 0.95, 1e-12);
	ck_assert_double_eq_tol(q[1], 0.95, 1e-12);
}
END_TEST

/*
 * The body of a large expectations file: n moments, and an <effort> of
 * names contacts; spaced out with comments and line breaks if loose, and
 * the last moment's adequate changed if other.
 */
static char *
many_body(int n, int names, int loose, int other)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;
	int	 i;

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s<moment id=\"m-%d\"%sfrom=\"order\" "
		    "to=\"delivered\" desired=\"PT1H\" adequate=\"%s\"/>\n",
		    loose ? "<!-- a moment -->\n  " : "", i, loose ? "\n    " :
		    " ", other && i == n - 1 ? "PT3H" : "PT2H");
	fprintf(f, "<effort contacts=\"");
	for (i = 0; i < names; i++)
		fprintf(f, "%sc-%d", loose ? "\n " : " ", i);
	fprintf(f, "\"/>");
	ck_assert_int_eq(fclose(f), 0);
	return (buf);
}

/* Load many_body's file: its hash, once its sizes are checked. */
static uint64_t
many_hash(int loose, int other)
{
	char		*body;
	uint64_t	 h;

	body = many_body(20000, 200000, loose, other);
	load(body);
	free(body);
	ck_assert_uint_eq(e->nmoments, 20000);
	ck_assert_uint_ge(e->names.n, 200000);
	h = e->hash;
	expect_free(e);
	e = NULL;
	return (h);
}

/*
 * 20 000 moments and 200 000 contact names load in time (the checks and
 * the hash were quadratic: minutes), and hash as their content says:
 * layout and comments do not count, one duration does.
 */
START_TEST(test_expect_many)
{
	uint64_t	h = many_hash(0, 0);

	ck_assert_uint_eq(many_hash(1, 0), h);
	ck_assert_uint_ne(many_hash(0, 1), h);
}
END_TEST

Suite *
make_model_suite(void)
{
	Suite	*s = suite_create("model");
	TCase	*tc;

	tc = tcase_create("calendar-pause");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_calendar_moment);
	tcase_add_test(tc, test_calendar_dst_moment);
	tcase_add_test(tc, test_calendar_holiday_xml);
	tcase_add_test(tc, test_calendar_two_zones);
	tcase_add_test(tc, test_pause_interval);
	tcase_add_test(tc, test_pause_instant);
	tcase_add_test(tc, test_pause_instant_until_stop);
	tcase_add_test(tc, test_pause_overlap);
	tcase_add_test(tc, test_pause_nested);
	tcase_add_test(tc, test_pause_outside_clock);
	tcase_add_test(tc, test_pause_open);
	tcase_add_test(tc, test_pause_weekend_calendar);
	suite_add_tcase(s, tc);

	tc = tcase_create("waiting");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_waiting_direct);
	tcase_add_test(tc, test_wait_told_before_promise);
	tcase_add_test(tc, test_wait_told_no_promise);
	tcase_add_test(tc, test_wait_told_at_promise);
	tcase_add_test(tc, test_wait_told_business_clock);
	tcase_add_test(tc, test_wait_told_paused_clock);
	tcase_add_test(tc, test_wait_told_promise_missed);
	tcase_add_test(tc, test_wait_told_deadline_missed);
	tcase_add_test(tc, test_wait_revised);
	tcase_add_test(tc, test_wait_breached_untold);
	tcase_add_test(tc, test_wait_positive_untouched);
	tcase_add_test(tc, test_promised_by);
	tcase_add_test(tc, test_promised_by_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("recovery");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_recovery_direct);
	tcase_add_test(tc, test_recovery_clock);
	tcase_add_test(tc, test_recovery_at_window);
	tcase_add_test(tc, test_recovery_beyond_window);
	tcase_add_test(tc, test_recovery_before_stop);
	tcase_add_test(tc, test_recovery_failed);
	tcase_add_test(tc, test_recovery_short_window);
	tcase_add_test(tc, test_recovery_not_failed);
	tcase_add_test(tc, test_recovery_business_day);
	tcase_add_test(tc, test_recovery_window_given);
	tcase_add_test(tc, test_recovery_default_24x7);
	tcase_add_test(tc, test_recovery_status_failed);
	suite_add_tcase(s, tc);

	tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_memory_three);
	tcase_add_test(tc, test_memory_one);
	tcase_add_test(tc, test_memory_trend);
	tcase_add_test(tc, test_effort_and_journey);
	tcase_add_test(tc, test_jscore);
	tcase_add_test(tc, test_jscore_repeat_window);
	suite_add_tcase(s, tc);

	tc = tcase_create("nps");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_nps_min_answers_param);
	tcase_add_test(tc, test_nps_threshold);
	tcase_add_test(tc, test_nps_cells_bh);
	tcase_add_test(tc, test_nps_no_detractors_anywhere);
	tcase_add_test(tc, test_nps_one_side_only);
	tcase_add_test(tc, test_nps_recoverable_negative);
	tcase_add_test(tc, test_bh_known);
	tcase_add_test(tc, test_bh_nan);
	suite_add_tcase(s, tc);

	/* Seconds, not minutes: the time a loaded machine may take. */
	tc = tcase_create("expectations-size");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_expect_many);
	suite_add_tcase(s, tc);
	return (s);
}
