/*
 * check_num.c - tests for num.c: strict numbers for options and settings.
 * Each refused value is one that strtol, strtod or atoi would take.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "check_mot.h"
#include "num.h"

START_TEST(test_int)
{
	static const char *const bad[] = {
		"", " 4", "4 ", "4x", "+4", "0x4", "1e1", "4.0", "--4", "-",
		"\t4", "4\n", "257", "0", "99999999999999999999",
		"9223372036854775808",
	};
	int64_t	v;
	size_t	i;

	ck_assert_int_eq(num_int("4", 1, 256, &v), 0);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(num_int("256", 1, 256, &v), 0);
	ck_assert_int_eq(v, 256);
	ck_assert_int_eq(num_int("007", 1, 256, &v), 0);
	ck_assert_int_eq(v, 7);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(num_int(bad[i], 1, 256, &v) == -1, "\"%s\"",
		    bad[i]);
	/* A sign only where negatives are allowed; the full range of int64_t. */
	ck_assert_int_eq(num_int("-1", 1, 256, &v), -1);
	ck_assert_int_eq(num_int("-5", -10, 10, &v), 0);
	ck_assert_int_eq(v, -5);
	ck_assert_int_eq(num_int("-9223372036854775808", INT64_MIN,
	    INT64_MAX, &v), 0);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(num_int("9223372036854775807", INT64_MIN,
	    INT64_MAX, &v), 0);
	ck_assert(v == INT64_MAX);
	ck_assert_int_eq(num_int("-9223372036854775809", INT64_MIN,
	    INT64_MAX, &v), -1);
}
END_TEST

START_TEST(test_double)
{
	static const char *const bad[] = {
		"", " 0.5", "0.5 ", "0.5x", "+0.5", "0x1p-4", "inf", "-inf",
		"nan", "infinity", ".", "e5", "5e", "5e+", "0,5", "1e400",
		"1e-400", "--1", "1.5.", "1..5",
	};
	double	v;
	size_t	i;

	ck_assert_int_eq(num_double("0.05", NULL, 0, 1, &v), 0);
	ck_assert(v == 0.05);
	ck_assert_int_eq(num_double(".5", NULL, 0, 1, &v), 0);
	ck_assert(v == 0.5);
	ck_assert_int_eq(num_double("5.", NULL, 0, 10, &v), 0);
	ck_assert(v == 5);
	ck_assert_int_eq(num_double("5e-2", NULL, 0, 1, &v), 0);
	ck_assert(v == 0.05);
	ck_assert_int_eq(num_double("1E+2", NULL, 0, 1000, &v), 0);
	ck_assert(v == 100);
	ck_assert_int_eq(num_double("-0.5", NULL, -1, 1, &v), 0);
	ck_assert(v == -0.5);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(num_double(bad[i], NULL, -1e300, 1e300, &v) ==
		    -1, "\"%s\"", bad[i]);
	/* The range, and a suffix: exactly it, or nothing. */
	ck_assert_int_eq(num_double("1.5", NULL, 0, 1, &v), -1);
	ck_assert_int_eq(num_double("-0.1", NULL, 0, 1, &v), -1);
	ck_assert_int_eq(num_double("20%", "%", 0, 100, &v), 0);
	ck_assert(v == 20);
	ck_assert_int_eq(num_double("20", "%", 0, 100, &v), 0);
	ck_assert(v == 20);
	ck_assert_int_eq(num_double("20%%", "%", 0, 100, &v), -1);
	ck_assert_int_eq(num_double("20 %", "%", 0, 100, &v), -1);
	ck_assert_int_eq(num_double("20pp", "%", 0, 100, &v), -1);
	ck_assert_int_eq(num_double("%", "%", 0, 100, &v), -1);
	ck_assert_int_eq(num_double("2pp", "pp", 0, 100, &v), 0);
	ck_assert(v == 2);
	ck_assert_int_eq(num_double("2e1pp", "pp", 0, 100, &v), 0);
	ck_assert(v == 20);
	ck_assert_int_eq(num_double("2epp", "pp", 0, 100, &v), -1);
}
END_TEST

START_TEST(test_size)
{
	static const char *const bad[] = {
		"", " 1M", "+1M", "1MB", "0x10", "1.5M", "-1", "M", "1 M",
		"18446744073709551616", "16777216T",
	};
	uint64_t	v;
	size_t		i;

	ck_assert_int_eq(num_size("0", &v), 0);
	ck_assert(v == 0);
	ck_assert_int_eq(num_size("64k", &v), 0);
	ck_assert(v == 65536);
	ck_assert_int_eq(num_size("2G", &v), 0);
	ck_assert(v == UINT64_C(2) << 30);
	ck_assert_int_eq(num_size("16777215T", &v), 0);
	ck_assert(v == UINT64_C(16777215) << 40);
	ck_assert_int_eq(num_size("18446744073709551615", &v), 0);
	ck_assert(v == UINT64_MAX);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(num_size(bad[i], &v) == -1, "\"%s\"", bad[i]);
}
END_TEST

START_TEST(test_digits)
{
	const char	*end;
	uint64_t	 v;

	ck_assert_int_eq(num_digits("28d", UINT64_MAX, &v, &end), 0);
	ck_assert(v == 28);
	ck_assert_str_eq(end, "d");
	ck_assert_int_eq(num_digits("d", UINT64_MAX, &v, &end), -1);
	ck_assert_int_eq(num_digits(" 28d", UINT64_MAX, &v, &end), -1);
	ck_assert_int_eq(num_digits("+28d", UINT64_MAX, &v, &end), -1);
	ck_assert_int_eq(num_digits("256", 255, &v, &end), -1);
	ck_assert_int_eq(num_digits("255", 255, &v, &end), 0);
	ck_assert(v == 255);
}
END_TEST

Suite *
make_num_suite(void)
{
	Suite	*s = suite_create("num");
	TCase	*tc = tcase_create("num");

	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_double);
	tcase_add_test(tc, test_size);
	tcase_add_test(tc, test_digits);
	suite_add_tcase(s, tc);
	return (s);
}
