/*
 * check_stats.c - tests for stats.c: the Wilson score interval at n = 0,
 * k = 0, k = n, a published value, and its symmetry. Reference values:
 * k=10, n=100, z=1.96 gives [0.0552, 0.1744] (Newcombe 1998, computed
 * again in Python); k=0 gives [0, z^2 / (n + z^2)].
 */
#include <config.h>

#include <math.h>

#include "check_mot.h"
#include "stats.h"

START_TEST(test_empty)
{
	double	lo = 0, hi = 0;

	wilson(0, 0, Z95, &lo, &hi);
	ck_assert(isnan(lo));
	ck_assert(isnan(hi));
}
END_TEST

START_TEST(test_none)
{
	double	lo = -1, hi = -1;

	wilson(0, 10, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.0, 1e-15);
	/* z^2 / (n + z^2) */
	ck_assert_double_eq_tol(hi, Z95 * Z95 / (10 + Z95 * Z95), 1e-12);
	ck_assert_double_eq_tol(hi, 0.277533, 1e-6);
}
END_TEST

START_TEST(test_all)
{
	double	lo = -1, hi = -1;

	wilson(10, 10, Z95, &lo, &hi);
	ck_assert_double_eq_tol(hi, 1.0, 1e-15);
	ck_assert_double_eq_tol(lo, 10 / (10 + Z95 * Z95), 1e-12);
	wilson(1, 1, Z95, &lo, &hi);
	ck_assert_double_eq_tol(hi, 1.0, 1e-15);
	ck_assert(lo > 0 && lo < 1);
}
END_TEST

START_TEST(test_known)
{
	double	lo, hi;

	wilson(10, 100, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.0552, 1e-4);
	ck_assert_double_eq_tol(hi, 0.1744, 1e-4);
	ck_assert_double_eq_tol(lo, 0.05522914, 1e-7);
	ck_assert_double_eq_tol(hi, 0.17436566, 1e-7);
}
END_TEST

START_TEST(test_half)
{
	double	lo, hi;

	/* k = n/2: centred on 0.5. */
	wilson(50, 100, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo + hi, 1.0, 1e-12);
	ck_assert_double_eq_tol(lo, 0.403832, 1e-5);
}
END_TEST

START_TEST(test_symmetry)
{
	static const uint64_t	ns[] = { 1, 2, 7, 30, 101, 1000 };
	double			lo1, hi1, lo2, hi2;
	uint64_t		n, k;
	size_t			i;

	for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		n = ns[i];
		for (k = 0; k <= n; k++) {
			wilson(k, n, Z95, &lo1, &hi1);
			wilson(n - k, n, Z95, &lo2, &hi2);
			ck_assert_double_eq_tol(lo1, 1 - hi2, 1e-12);
			ck_assert_double_eq_tol(hi1, 1 - lo2, 1e-12);
			ck_assert(lo1 >= 0 && lo1 <= (double)k / n);
			ck_assert(hi1 <= 1 && hi1 >= (double)k / n);
		}
	}
}
END_TEST

START_TEST(test_narrows)
{
	double	lo1, hi1, lo2, hi2;

	wilson(10, 100, Z95, &lo1, &hi1);
	wilson(100, 1000, Z95, &lo2, &hi2);
	ck_assert(hi2 - lo2 < hi1 - lo1);
}
END_TEST

Suite *
make_stats_suite(void)
{
	Suite	*s = suite_create("stats");
	TCase	*tc;

	tc = tcase_create("wilson");
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_none);
	tcase_add_test(tc, test_all);
	tcase_add_test(tc, test_known);
	tcase_add_test(tc, test_half);
	tcase_add_test(tc, test_symmetry);
	tcase_add_test(tc, test_narrows);
	suite_add_tcase(s, tc);
	return (s);
}
