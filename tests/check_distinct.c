/*
 * check_distinct.c - tests for distinct.c: exact counts, values and their
 * counts up to the limit; past it an estimate within a few standard errors
 * of the truth, repeats not counted again, never below the values kept.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_mot.h"
#include "distinct.h"

START_TEST(test_exact)
{
	static const char *const v[] = { "b", "a", "b", "", "a", "b" };
	struct distinct	 d;
	const char	*s;
	size_t		 i, len;
	uint64_t	 n;

	distinct_init(&d, 10);
	ck_assert_uint_eq(distinct_count(&d), 0);
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		distinct_add(&d, v[i], strlen(v[i]));
	ck_assert(distinct_is_exact(&d));
	ck_assert_uint_eq(distinct_count(&d), 3);
	ck_assert_uint_eq(distinct_kept(&d), 3);
	s = distinct_value(&d, 0, &len, &n);
	ck_assert(len == 1 && s[0] == 'b' && n == 3);
	s = distinct_value(&d, 1, &len, &n);
	ck_assert(len == 1 && s[0] == 'a' && n == 2);
	s = distinct_value(&d, 2, &len, &n);
	ck_assert(len == 0 && n == 1);
	ck_assert_ptr_null(distinct_value(&d, 3, &len, &n));
	ck_assert_uint_eq(d.n, 6);
	distinct_free(&d);
}
END_TEST

/* Past the limit: within 4 standard errors (1.04/sqrt(2^P)) at several sizes. */
START_TEST(test_estimate)
{
	static const unsigned sizes[] = { 1001, 5000, 40000, 300000 };
	struct distinct	 d;
	char		 buf[32];
	unsigned	 i, k;
	double		 err, se = 1.04 / sqrt((double)(1 << DISTINCT_P));

	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		distinct_init(&d, 1000);
		for (i = 0; i < sizes[k]; i++) {
			snprintf(buf, sizeof buf, "case-%u", i);
			distinct_add(&d, buf, strlen(buf));
			if (i % 3 == 0)		/* repeats count once */
				distinct_add(&d, buf, strlen(buf));
		}
		ck_assert(!distinct_is_exact(&d));
		ck_assert_uint_eq(distinct_kept(&d), 1000);
		err = fabs((double)distinct_count(&d) - sizes[k]) / sizes[k];
		ck_assert_msg(err < 4 * se, "%u distinct: %llu", sizes[k],
		    (unsigned long long)distinct_count(&d));
		ck_assert_uint_ge(distinct_count(&d), 1000);
		distinct_free(&d);
	}
}
END_TEST

/* A limit of 0: every value goes to the estimate at once. */
START_TEST(test_no_exact)
{
	struct distinct	d;

	distinct_init(&d, 0);
	distinct_add(&d, "x", 1);
	distinct_add(&d, "x", 1);
	distinct_add(&d, "y", 1);
	ck_assert(!distinct_is_exact(&d));
	ck_assert_uint_eq(distinct_kept(&d), 0);
	ck_assert_uint_eq(distinct_count(&d), 2);
	distinct_free(&d);
}
END_TEST

Suite *
make_distinct_suite(void)
{
	Suite	*s = suite_create("distinct");
	TCase	*tc = tcase_create("count");

	tcase_add_test(tc, test_exact);
	tcase_add_test(tc, test_estimate);
	tcase_add_test(tc, test_no_exact);
	suite_add_tcase(s, tc);
	return (s);
}
