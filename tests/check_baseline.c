/*
 * check_baseline.c - tests for the strict JSON of mot check's baseline
 * (baseline_strict in baseline.c): what RFC 8259 allows passes, and each
 * thing json-c's strict mode lets through but RFC 8259 does not fails.
 * The structure ("[1 2]") is json-c's to check, not baseline_strict's.
 */
#include <config.h>

#include <string.h>

#include "baseline.h"
#include "check_mot.h"

static const char *
strict(const char *s, size_t *off)
{
	return (baseline_strict(s, strlen(s), off));
}

START_TEST(test_strict_valid)
{
	static const char	*ok[] = {
		"{}", "[]", " [1, -1, 0, -0, 0.5, -0.5e-3, 1E+9, 2e0] ",
		"{\"a\": [true, false, null], \"b\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
		"[\"\\u00e9\\uD83D\\uDE00\"]", "[18446744073709551615]",
		"[-9223372036854775808]", "[1e-400]", "[\"\xc3\xa9\"]",
		"[1.7976931348623157e308]", NULL
	};
	size_t			 off, i;

	for (i = 0; ok[i] != NULL; i++)
		ck_assert_msg(strict(ok[i], &off) == NULL, "%s", ok[i]);
}
END_TEST

START_TEST(test_strict_refused)
{
	static const char	*bad[] = {
		"[NaN]", "[Infinity]", "[-Infinity]", "[nan]", "['a']",
		"{'a': 1}", "[01]", "[-01]", "[1.]", "[.5]", "[+1]", "[1e]",
		"[1e+]", "[--1]", "[0x10]", "[1]/* c */", "// c\n[1]",
		"[18446744073709551616]", "[-9223372036854775809]",
		"[99999999999999999999999]", "[1e999]", "[-1E400]",
		"[\"a\tb\"]", "[\"a\nb\"]", "[\"\\x41\"]", "[\"\\u12\"]",
		"[\"\\u12G4\"]", "[\"abc", "[tru]", "[True]", "[undefined]",
		NULL
	};
	size_t			 off, i;

	for (i = 0; bad[i] != NULL; i++)
		ck_assert_msg(strict(bad[i], &off) != NULL, "%s", bad[i]);
}
END_TEST

START_TEST(test_strict_where)
{
	size_t		 off = 0;
	const char	*why;

	why = strict("{\"a\": 1,\n \"b\": NaN}", &off);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_eq(off, 15);
	ck_assert_ptr_nonnull(strstr(why, "NaN"));
	/* A string ending at the end of the buffer: no read beyond it. */
	ck_assert_ptr_nonnull(baseline_strict("[\"\\u00", 6, &off));
	ck_assert_ptr_nonnull(baseline_strict("[\"\\", 3, &off));
	ck_assert_ptr_nonnull(baseline_strict("[\"a\\\0\"]", 6, &off));
}
END_TEST

Suite *
make_baseline_suite(void)
{
	Suite	*s = suite_create("baseline");
	TCase	*tc;

	tc = tcase_create("strict");
	tcase_add_test(tc, test_strict_valid);
	tcase_add_test(tc, test_strict_refused);
	tcase_add_test(tc, test_strict_where);
	suite_add_tcase(s, tc);
	return (s);
}
