/*
 * check_fmt.c - tests for fmt.c's duration formatter on either clock, its
 * UTF-8 checks, its one markup escaper in both its languages (HTML for
 * report.html, XML for JUnit), its one text escaper (text_char) for the
 * terminal, messages and validate, csv_field's guard against formulas,
 * and percentiles to three significant figures.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "fmt.h"
#include "report.h"

/* markup_text of s, as a string to free. */
static char *
markup(const char *s, enum markup m)
{
	char	*buf = NULL;
	size_t	 size = 0;
	FILE	*f;

	f = open_memstream(&buf, &size);
	ck_assert_ptr_nonnull(f);
	markup_text(f, s, m);
	fclose(f);
	return (buf);
}

static void
markup_is(const char *s, enum markup m, const char *want)
{
	char	*got = markup(s, m);

	ck_assert_str_eq(got, want);
	free(got);
}

/* Working time is in working hours, never days, to three significant figures. */
START_TEST(test_fmt_duration_working)
{
	static const struct {
		double		 s;
		const char	*want;
	} cases[] = {
		{ 40 * 3600.0, "40 working hours" },
		{ 3600, "1 working hour" },
		{ 3601, "1 working hour" },
		{ 3636, "1.01 working hours" },
		{ 9 * 3600 + 13 * 60, "9.22 working hours" },
		/* A day and more stays in hours. */
		{ 24 * 3600.0, "24 working hours" },
		{ 1500 * 3600.0, "1500 working hours" },
		{ 112.4 * 3600, "112 working hours" },
		/* Rounding up across a power of ten. */
		{ 99.96 * 3600, "100 working hours" },
		{ 9.996 * 3600, "10 working hours" },
		{ 9 * 60 + 42, "0.162 working hours" },
		{ 0.36, "0.0001 working hours" },
		{ 0.1, "0 working hours" },
		{ 0, "0 working hours" },
		{ -5, "0 working hours" },
		{ NAN, "-" },
	};
	char	b[64];
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_str_eq(fmt_duration(b, sizeof b, cases[i].s,
		    CLOCK_WORKING), cases[i].want);
	/* Working time names its clock by its unit. */
	ck_assert_str_eq(fmt_duration_on(b, sizeof b, 3600, CLOCK_WORKING),
	    "1 working hour");
	ck_assert_str_eq(fmt_hours(b, sizeof b, 14 * 3600 + 19 * 60), "14.3");
	ck_assert_str_eq(fmt_hours(b, sizeof b, NAN), "-");
	ck_assert_str_eq(fmt_clock_name(CLOCK_WORKING), "working time");
}
END_TEST

/* Calendar time keeps days, as isodur_human writes them. */
START_TEST(test_fmt_duration_calendar)
{
	char	b[64];

	ck_assert_str_eq(fmt_duration(b, sizeof b, 2 * 86400 + 4 * 3600,
	    CLOCK_CALENDAR), "2d04h");
	ck_assert_str_eq(fmt_duration(b, sizeof b, 40 * 3600.0,
	    CLOCK_CALENDAR), "1d16h");
	ck_assert_str_eq(fmt_duration(b, sizeof b, NAN, CLOCK_CALENDAR), "-");
	ck_assert_str_eq(fmt_duration_on(b, sizeof b, 3600, CLOCK_CALENDAR),
	    "1h00m of calendar time");
	ck_assert_str_eq(fmt_duration_on(b, sizeof b, NAN, CLOCK_CALENDAR),
	    "-");
	ck_assert_str_eq(fmt_clock_name(CLOCK_CALENDAR), "calendar time");
}
END_TEST

/* A figure that cannot be computed reads as a dash with its reason, never "nan". */
START_TEST(test_fmt_fixed)
{
	char	b[64];

	ck_assert_str_eq(fmt_fixed(b, sizeof b, 0.5, 2, NULL), "0.50");
	ck_assert_str_eq(fmt_fixed(b, sizeof b, -0.25, 2, "why"), "-0.25");
	/* Never nan or inf: a dash, with its reason where one is known. */
	ck_assert_str_eq(fmt_fixed(b, sizeof b, NAN, 2, NULL), FMT_DASH);
	ck_assert_str_eq(fmt_fixed(b, sizeof b, INFINITY, 2, NULL), FMT_DASH);
	ck_assert_str_eq(fmt_fixed(b, sizeof b, -INFINITY, 4, NULL), FMT_DASH);
	ck_assert_str_eq(fmt_fixed(b, sizeof b, NAN, 4, FMT_NO_FINISHED),
	    "\xe2\x80\x94 (no finished occurrence)");
}
END_TEST

START_TEST(test_utf8_len)
{
	const unsigned char	ok2[] = "\xc3\xa9", ok4[] = "\xf0\x9f\x98\x80";
	const unsigned char	over[] = "\xc0\xaf", surr[] = "\xed\xa0\x80";
	const unsigned char	fffe[] = "\xef\xbf\xbe", cont[] = "\x80";

	ck_assert_uint_eq(utf8_len((const unsigned char *)"a", 1), 1);
	ck_assert_uint_eq(utf8_len(ok2, 2), 2);
	ck_assert_uint_eq(utf8_len(ok4, 4), 4);
	ck_assert_uint_eq(utf8_len(ok4, 3), 0);		/* cut short */
	ck_assert_uint_eq(utf8_len(over, 2), 0);	/* overlong */
	ck_assert_uint_eq(utf8_len(surr, 3), 0);	/* surrogate */
	ck_assert_uint_eq(utf8_len(fffe, 3), 0);	/* non-character */
	ck_assert_uint_eq(utf8_len(cont, 1), 0);	/* stray continuation */
	ck_assert_uint_eq(utf8_chars("caf\xc3\xa9 \xf0\x9f\x98\x80"), 6);
	ck_assert_uint_eq(utf8_chars(""), 0);
}
END_TEST

START_TEST(test_markup_both)
{
	markup_is("a<b & \"c\" 'd'>", MARKUP_HTML,
	    "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
	markup_is("a<b & \"c\" 'd'>", MARKUP_XML,
	    "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
	markup_is("caf\xc3\xa9", MARKUP_HTML, "caf\xc3\xa9");
	markup_is("caf\xc3\xa9", MARKUP_XML, "caf\xc3\xa9");
}
END_TEST

START_TEST(test_markup_controls_and_bad_bytes)
{
	/* HTML: controls (line breaks too) as spaces, bad UTF-8 as U+FFFD. */
	markup_is("a\tb\nc\x01" "d\xff" "e", MARKUP_HTML,
	    "a b c d\xef\xbf\xbd" "e");
	/* XML: tabs and line breaks as references, the rest as '?'. */
	markup_is("a\tb\nc\x01" "d\xff" "e", MARKUP_XML,
	    "a&#9;b&#10;c?d?e");
	markup_is("\xef\xbf\xbe", MARKUP_XML, "???");	/* byte by byte */
	/* HTML: C1 controls and direction overrides shown, not obeyed. */
	markup_is("a\xc2\x9b" "b\xe2\x80\xae" "c\xe2\x81\xa6" "d", MARKUP_HTML,
	    "a\\u009bb\\u202ec\\u2066d");
	markup_is("\xe2\x80\xae", MARKUP_XML, "\xe2\x80\xae");
}
END_TEST


/* What text_escape makes of s, in a buffer of size bytes. */
static void
escape_is(const char *s, size_t size, const char *want, size_t whole)
{
	char	buf[256];

	ck_assert_uint_le(size, sizeof buf);
	ck_assert_uint_eq(text_escape(buf, size, s), whole);
	ck_assert_str_eq(buf, want);
}

START_TEST(test_text_controls)
{
	/* C0 controls, DEL: a line cannot be forged, nothing reaches a tty. */
	escape_is("a\nmot: b", 64, "a\\nmot: b", 9);
	escape_is("\t\r\x1b[31m\x7f\x01", 64, "\\t\\r\\x1b[31m\\x7f\\x01",
	    20);
	/* C1 controls: U+009B (CSI) and U+0085 (NEL). */
	escape_is("x\xc2\x9b" "2J\xc2\x85y", 64, "x\\u009b2J\\u0085y", 16);
	/* Line separators, bidirectional overrides, isolates and marks. */
	escape_is("\xe2\x80\xa8\xe2\x80\xa9", 64, "\\u2028\\u2029", 12);
	escape_is("a\xe2\x80\xae" "b\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", 64,
	    "a\\u202eb\\u202a\\u2066\\u2069", 26);
	escape_is("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 64,
	    "\\u200e\\u200f\\u061c", 18);
}
END_TEST

START_TEST(test_text_kept_and_bad_bytes)
{
	/* Printable text, and characters next to the escaped ones, stay. */
	escape_is("caf\xc3\xa9 \xe2\x80\xa7 \xe2\x81\xaa \\ \xf0\x9f\x98\x80", 64,
	    "caf\xc3\xa9 \xe2\x80\xa7 \xe2\x81\xaa \\ \xf0\x9f\x98\x80", 20);
	/* Invalid UTF-8, byte by byte: stray, overlong, cut short. */
	escape_is("a\xff\xc0\xaf" "b\xe2\x80", 64,
	    "a\\xff\\xc0\\xafb\\xe2\\x80", 22);
	escape_is("", 64, "", 0);
}
END_TEST

START_TEST(test_text_cut)
{
	char	buf[4] = "zzz";

	/* Cut before the character or escape that does not fit whole. */
	escape_is("ab\ncd", 4, "ab", 6);
	escape_is("ab\ncd", 5, "ab\\n", 6);
	escape_is("a\xc3\xa9", 3, "a", 3);
	escape_is("a\xc3\xa9", 4, "a\xc3\xa9", 3);
	ck_assert_uint_eq(text_escape(NULL, 0, "a\x1b"), 5);
	ck_assert_str_eq(term_clean("x\ny", buf, sizeof buf), "x\\n");
}
END_TEST

/* What csv_field makes of s. */
static void
csv_is(const char *s, const char *want)
{
	char	*got = written(csv_field, s);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_csv_formulas)
{
	/* What a spreadsheet would run: a quote first, inside quotes. */
	csv_is("=1+2", "\"'=1+2\"");
	csv_is("+SUM(A1)", "\"'+SUM(A1)\"");
	csv_is("-2+3", "\"'-2+3\"");
	csv_is("@SUM(1)", "\"'@SUM(1)\"");
	csv_is("\tx", "\"'\tx\"");
	csv_is("\rx", "\"'\rx\"");
	csv_is("=HYPERLINK(\"u\",\"c\")", "\"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\"");
	csv_is("-", "\"'-\"");
	csv_is("-1e5", "\"'-1e5\"");
	csv_is("-1.", "\"'-1.\"");
	csv_is("-5 ", "\"'-5 \"");
	/* Text that is only a number is read as that number: as it is. */
	csv_is("-5", "-5");
	csv_is("+1.25", "+1.25");
	csv_is("-0.5", "-0.5");
	/* The rest as RFC 4180 has it. */
	csv_is("a=1", "a=1");
	csv_is("a,b", "\"a,b\"");
	csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_is("", "");
}
END_TEST

START_TEST(test_fmt_sig)
{
	char	b[32];

	ck_assert(fmt_sig(45296, 3) == 45300);
	ck_assert(fmt_sig(2707, 3) == 2710);
	ck_assert(fmt_sig(207, 3) == 207);
	ck_assert(fmt_sig(999.6, 3) == 1000);
	ck_assert(fmt_sig(1234567, 3) == 1230000);
	ck_assert_double_eq_tol(fmt_sig(3.456, 3), 3.46, 1e-12);
	ck_assert_double_eq_tol(fmt_sig(0.012345, 3), 0.0123, 1e-15);
	ck_assert(fmt_sig(0, 3) == 0);
	ck_assert(isnan(fmt_sig(NAN, 3)));
	/* Within half a unit of the third figure: at most 0.5%. */
	ck_assert(fabs(fmt_sig(100.5, 3) - 100.5) <= 0.005 * 100.5);
	ck_assert_str_eq(fmt_quantile(b, sizeof b, 45296), "12h35m");
	ck_assert_str_eq(fmt_quantile(b, sizeof b, 2707), "45m10s");
	ck_assert_str_eq(fmt_quantile(b, sizeof b, 207), "3m27s");
	ck_assert_str_eq(fmt_quantile(b, sizeof b, 1234567), "14d05h");
	ck_assert_str_eq(fmt_quantile(b, sizeof b, NAN), "-");
}
END_TEST

Suite *
make_fmt_suite(void)
{
	Suite	*s = suite_create("fmt");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_fmt_fixed);
	tcase_add_test(tc, test_fmt_duration_working);
	tcase_add_test(tc, test_fmt_duration_calendar);
	tcase_add_test(tc, test_fmt_sig);
	tcase_add_test(tc, test_utf8_len);
	tcase_add_test(tc, test_markup_both);
	tcase_add_test(tc, test_markup_controls_and_bad_bytes);
	tcase_add_test(tc, test_text_controls);
	tcase_add_test(tc, test_text_kept_and_bad_bytes);
	tcase_add_test(tc, test_text_cut);
	tcase_add_test(tc, test_csv_formulas);
	suite_add_tcase(s, tc);
	return (s);
}
