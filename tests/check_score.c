/*
 * check_score.c - tests for score.c: the zone-of-tolerance score and status
 * at every boundary (0, desired, adequate, past adequate), the degenerate
 * zones (desired = adequate, desired = 0), custom parameters and the status
 * names. Expected scores are worked out by hand from the spec's formula.
 */
#include <config.h>

#include "check_mot.h"
#include "score.h"

#define MIN	INT64_C(60000000)	/* a minute in microseconds */
#define D	(5 * MIN)
#define A	(15 * MIN)
#define TOL	1e-12

static double
sc(int64_t t, int64_t d, int64_t a)
{
	struct score_params	p;

	score_params_default(&p);
	return (score_elapsed(t, d, a, &p));
}

START_TEST(test_defaults)
{
	struct score_params	p;

	score_params_default(&p);
	ck_assert_double_eq_tol(p.desired_score, 0.6, TOL);
	ck_assert_double_eq_tol(p.early_bonus, 0.4, TOL);
	ck_assert_double_eq_tol(p.loss_span, 1.0, TOL);
}
END_TEST

START_TEST(test_at_once)
{
	ck_assert_double_eq_tol(sc(0, D, A), 1.0, TOL);
	ck_assert_int_eq(score_status(0, D, A), ST_MET);
}
END_TEST

START_TEST(test_within_desired)
{
	/* Half the desired time: 0.6 + 0.4 * 0.5. */
	ck_assert_double_eq_tol(sc(D / 2, D, A), 0.8, TOL);
	/* One minute of five: 0.6 + 0.4 * 4/5. */
	ck_assert_double_eq_tol(sc(MIN, D, A), 0.92, TOL);
	ck_assert_int_eq(score_status(MIN, D, A), ST_MET);
}
END_TEST

START_TEST(test_at_desired)
{
	ck_assert_double_eq_tol(sc(D, D, A), 0.6, TOL);
	ck_assert_int_eq(score_status(D, D, A), ST_MET);
}
END_TEST

START_TEST(test_just_past_desired)
{
	double	s = sc(D + 1, D, A);

	/* 0.6 * (A - D - 1) / (A - D) */
	ck_assert_double_eq_tol(s, 0.6 * (double)(A - D - 1) / (double)(A - D),
	    TOL);
	ck_assert(s < 0.6);
	ck_assert(s > 0.6 - 1e-6);
	ck_assert_int_eq(score_status(D + 1, D, A), ST_TOLERATED);
}
END_TEST

START_TEST(test_within_adequate)
{
	/* 10 min of a 5..15 zone: halfway, 0.3. */
	ck_assert_double_eq_tol(sc(10 * MIN, D, A), 0.3, TOL);
	ck_assert_int_eq(score_status(10 * MIN, D, A), ST_TOLERATED);
}
END_TEST

START_TEST(test_at_adequate)
{
	ck_assert_double_eq_tol(sc(A, D, A), 0.0, TOL);
	ck_assert_int_eq(score_status(A, D, A), ST_TOLERATED);
}
END_TEST

START_TEST(test_just_past_adequate)
{
	double	s = sc(A + 1, D, A);

	ck_assert(s < 0);
	ck_assert_double_eq_tol(s, -1.0 / (double)A, 1e-15);
	ck_assert_int_eq(score_status(A + 1, D, A), ST_BREACHED);
}
END_TEST

START_TEST(test_past_adequate)
{
	/* Half an adequate late: -0.5. */
	ck_assert_double_eq_tol(sc(A + A / 2, D, A), -0.5, TOL);
	ck_assert_double_eq_tol(sc(2 * A, D, A), -1.0, TOL);
	ck_assert_double_eq_tol(sc(10 * A, D, A), -1.0, TOL);
	ck_assert_int_eq(score_status(2 * A, D, A), ST_BREACHED);
	ck_assert_int_eq(score_status(10 * A, D, A), ST_BREACHED);
}
END_TEST

START_TEST(test_no_zone)
{
	/* desired = adequate: 0.6 up to it, no early bonus. */
	ck_assert_double_eq_tol(sc(0, A, A), 0.6, TOL);
	ck_assert_double_eq_tol(sc(A / 2, A, A), 0.6, TOL);
	ck_assert_double_eq_tol(sc(A, A, A), 0.6, TOL);
	ck_assert_int_eq(score_status(A, A, A), ST_MET);
	ck_assert_double_eq_tol(sc(A + A / 4, A, A), -0.25, TOL);
	ck_assert_int_eq(score_status(A + 1, A, A), ST_BREACHED);
}
END_TEST

START_TEST(test_desired_zero)
{
	ck_assert_double_eq_tol(sc(0, 0, A), 0.6, TOL);
	ck_assert_int_eq(score_status(0, 0, A), ST_MET);
	/* Any wait is merely tolerated: 0.6 * (A - t) / A. */
	ck_assert_double_eq_tol(sc(A / 3, 0, A), 0.4, TOL);
	ck_assert_int_eq(score_status(1, 0, A), ST_TOLERATED);
	ck_assert_double_eq_tol(sc(A, 0, A), 0.0, TOL);
	ck_assert_double_eq_tol(sc(2 * A, 0, A), -1.0, TOL);
	/* Both zero: on time is 0.6, any wait is past adequate. */
	ck_assert_double_eq_tol(sc(0, 0, 0), 0.6, TOL);
	ck_assert_double_eq_tol(sc(1, 0, 0), -1.0, TOL);
}
END_TEST

START_TEST(test_custom_params)
{
	struct score_params	p;

	score_params_default(&p);
	p.desired_score = 0.5;
	p.early_bonus = 0.5;
	p.loss_span = 2.0;

	ck_assert_double_eq_tol(score_elapsed(0, D, A, &p), 1.0, TOL);
	ck_assert_double_eq_tol(score_elapsed(D / 2, D, A, &p), 0.75, TOL);
	ck_assert_double_eq_tol(score_elapsed(D, D, A, &p), 0.5, TOL);
	ck_assert_double_eq_tol(score_elapsed(10 * MIN, D, A, &p), 0.25, TOL);
	ck_assert_double_eq_tol(score_elapsed(A, D, A, &p), 0.0, TOL);
	/* loss_span 2: one adequate late is -0.5, two or more is -1. */
	ck_assert_double_eq_tol(score_elapsed(2 * A, D, A, &p), -0.5, TOL);
	ck_assert_double_eq_tol(score_elapsed(3 * A, D, A, &p), -1.0, TOL);
	ck_assert_double_eq_tol(score_elapsed(10 * A, D, A, &p), -1.0, TOL);
	ck_assert_double_eq_tol(score_elapsed(A / 2, A, A, &p), 0.5, TOL);
}
END_TEST

START_TEST(test_bonus_capped)
{
	struct score_params	p;

	score_params_default(&p);
	p.desired_score = 0.8;
	p.early_bonus = 0.4;
	p.loss_span = 1.0;

	/* 0.8 + 0.4 would exceed 1: the score stays in [-1, 1]. */
	ck_assert_double_eq_tol(score_elapsed(0, D, A, &p), 1.0, TOL);
	ck_assert_double_eq_tol(score_elapsed(D / 2, D, A, &p), 1.0, TOL);
	ck_assert_double_eq_tol(score_elapsed(D * 3 / 4, D, A, &p), 0.9, TOL);
}
END_TEST

START_TEST(test_status_negative)
{
	ck_assert_int_eq(score_status(-1, D, A), ST_INVALID);
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(score_status_name(ST_MET), "met");
	ck_assert_str_eq(score_status_name(ST_TOLERATED), "tolerated");
	ck_assert_str_eq(score_status_name(ST_BREACHED), "breached");
	ck_assert_str_eq(score_status_name(ST_OPEN), "open");
	ck_assert_str_eq(score_status_name(ST_INVALID), "invalid");
}
END_TEST

Suite *
make_score_suite(void)
{
	Suite	*s = suite_create("score");
	TCase	*tc;

	tc = tcase_create("score");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_at_once);
	tcase_add_test(tc, test_within_desired);
	tcase_add_test(tc, test_at_desired);
	tcase_add_test(tc, test_just_past_desired);
	tcase_add_test(tc, test_within_adequate);
	tcase_add_test(tc, test_at_adequate);
	tcase_add_test(tc, test_just_past_adequate);
	tcase_add_test(tc, test_past_adequate);
	tcase_add_test(tc, test_no_zone);
	tcase_add_test(tc, test_desired_zero);
	tcase_add_test(tc, test_custom_params);
	tcase_add_test(tc, test_bonus_capped);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_test(tc, test_status_negative);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	return (s);
}
