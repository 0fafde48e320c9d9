/*
 * check_chart.c - tests for the escaping of the charts and the client
 * report: gp_string leaves gnuplot nothing to run or to read as a format,
 * gp_datfield keeps a data row on one line, html_text and md_text leave
 * HTML and Markdown nothing to interpret, and the small parsers and
 * formatters (charts_parse, gp_num, progress_format) say what they should.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart-int.h"
#include "check_mot.h"
#include "fmt.h"
#include "gnuplot.h"
#include "progress.h"
#include "report.h"
#include "xmalloc.h"

static char *
gp(const char *s, size_t max, int tic)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	gp_string(f, s, max, tic);
	fclose(f);
	return (buf);
}

static void
check_gp(const char *in, size_t max, int tic, const char *want)
{
	char	*got = gp(in, max, tic);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_gp_quotes)
{
	check_gp("plain", 0, 0, "\"plain\"");
	check_gp("\"; system(\"touch x\"); \"", 0, 0,
	    "\"\\\"; system(\\\"touch x\\\"); \\\"\"");
	check_gp("back\\slash\\", 0, 0, "\"back\\\\slash\\\\\"");
	check_gp("", 0, 0, "\"\"");
}
END_TEST

START_TEST(test_gp_backquote)
{
	char	*got;

	/* gnuplot runs `...` even inside double quotes: never let one through. */
	check_gp("`touch x`", 0, 0, "\"\\140touch x\\140\"");
	got = gp("a`b`c`", 0, 1);
	ck_assert_ptr_null(strchr(got, '`'));
	free(got);
}
END_TEST

START_TEST(test_gp_control)
{
	check_gp("a\nb\r\tc\x01" "d\x7f", 0, 0, "\"a b  c d \"");
	/* A newline cannot end the string and start a command. */
	check_gp("x\"\nset output \"/etc/passwd", 0, 0,
	    "\"x\\\" set output \\\"/etc/passwd\"");
}
END_TEST

START_TEST(test_gp_tic)
{
	check_gp("100% %s %d", 0, 1, "\"100%% %%s %%d\"");
	check_gp("100% %s", 0, 0, "\"100% %s\"");
	check_gp("@macro $data", 0, 1, "\"@macro $data\"");
}
END_TEST

START_TEST(test_gp_cut)
{
	check_gp("abcdef", 4, 0, "\"abc\xe2\x80\xa6\"");
	check_gp("abcd", 4, 0, "\"abcd\"");
	/* Characters, not bytes: a UTF-8 sequence is never split. */
	check_gp("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, 0,
	    "\"\xc3\xa9\xc3\xa9\xe2\x80\xa6\"");
	check_gp("\"\"\"\"\"", 3, 0, "\"\\\"\\\"\xe2\x80\xa6\"");
}
END_TEST

START_TEST(test_gp_datfield)
{
	char	*got;

	got = written(gp_datfield, "a\tb\nc \"d\" `e`");
	ck_assert_str_eq(got, "a b c \"d\" `e`");
	free(got);
}
END_TEST

START_TEST(test_gp_num)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	gp_num(f, NAN);
	fputc(' ', f);
	gp_num(f, -0.0);
	fputc(' ', f);
	gp_num(f, 0.136986301);
	fputc(' ', f);
	gp_num(f, 244800);
	fputc(' ', f);
	gp_num(f, INFINITY);
	fclose(f);
	ck_assert_str_eq(buf, "NaN 0 0.136986 244800 NaN");
	free(buf);
}
END_TEST

START_TEST(test_charts_parse)
{
	unsigned	f;

	ck_assert_int_eq(charts_parse("png", &f), 0);
	ck_assert_uint_eq(f, CHART_PNG);
	ck_assert_int_eq(charts_parse("svg,pdf,dumb", &f), 0);
	ck_assert_uint_eq(f, CHART_SVG | CHART_PDF | CHART_DUMB);
	ck_assert_int_eq(charts_parse("none", &f), 0);
	ck_assert_uint_eq(f, 0);
	ck_assert_int_eq(charts_parse("png,jpeg", &f), -1);
	ck_assert_int_eq(charts_parse("PNG", &f), -1);
}
END_TEST

START_TEST(test_html_text)
{
	char	*got;

	got = written(html_text, "<script>alert('x')</script> & \"q\"");
	ck_assert_str_eq(got, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
	    "&amp; &quot;q&quot;");
	free(got);
	got = written(html_text, "a\nb\x01" "c");
	ck_assert_str_eq(got, "a b c");
	free(got);
	/* Valid UTF-8 is kept; anything else becomes U+FFFD. */
	got = written(html_text, "Z\xc3\xbcrich \xe2\x82\xac");
	ck_assert_str_eq(got, "Z\xc3\xbcrich \xe2\x82\xac");
	free(got);
	got = written(html_text, "a\xff" "b\xc3" "c\xed\xa0\x80" "d\xe2\x82");
	ck_assert_str_eq(got, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd");
	free(got);
}
END_TEST

START_TEST(test_md_text)
{
	char	*got;

	got = written(md_text, "*a* _b_ `c` [d](e) <f> g|h ~i~ &amp; #j !k");
	ck_assert_str_eq(got, "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> "
	    "g\\|h \\~i\\~ \\&amp; \\#j \\!k");
	free(got);
	got = written(md_text, "back\\slash\nline");
	ck_assert_str_eq(got, "back\\\\slash line");
	free(got);
	got = written(md_text, "see http://x.example and www.example.com");
	ck_assert_str_eq(got, "see http\\://x.example and www\\.example.com");
	free(got);
}
END_TEST

START_TEST(test_progress_format)
{
	char	buf[160];

	progress_format(buf, sizeof buf, 45600000, 300000000, 0, 2);
	ck_assert_str_eq(buf, "reading: 45.6 MB of 300.0 MB (15%), 22.8 MB/s");
	progress_format(buf, sizeof buf, 1200000, 0, 5000, 2);
	ck_assert_str_eq(buf, "reading: 1.2 MB, 600 kB/s, 5000 journeys, "
	    "2500 journeys/s");
	progress_format(buf, sizeof buf, 500, 400, 0, 0);
	ck_assert_str_eq(buf, "reading: 0 kB of 0 kB (100%)");
}
END_TEST

START_TEST(test_fmt_shorten)
{
	char	*s;

	s = fmt_shorten("organizational unit 6543210", 12, 4);
	ck_assert_str_eq(s, "organiz\xe2\x80\xa6" "3210");
	free(s);
	s = fmt_shorten("short", 12, 4);
	ck_assert_str_eq(s, "short");
	free(s);
	/* Characters are counted, never split: 10 two-byte letters. */
	s = fmt_shorten("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa0", 5, 2);
	ck_assert_str_eq(s, "\xc3\xa9\xc3\xa9\xe2\x80\xa6\xc3\xa8\xc3\xa0");
	ck_assert_uint_eq(utf8_chars(s), 5);
	free(s);
	/* A three-byte character at the cut is whole or absent. */
	s = fmt_shorten("ab\xe2\x82\xac" "cdefgh\xe2\x82\xac", 4, 1);
	ck_assert_str_eq(s, "ab\xe2\x80\xa6\xe2\x82\xac");
	free(s);
}
END_TEST

/* Whether labels l[0..n) are pairwise different and at most max long. */
static void
check_distinct(char **l, size_t n, size_t max)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		if (max > 0)
			ck_assert_uint_le(utf8_chars(l[i]), max);
		for (j = i + 1; j < n; j++)
			ck_assert_str_ne(l[i], l[j]);
	}
}

START_TEST(test_fmt_labels)
{
	const char	*units[12], *mid[3], *same[2] = { "a\tb", "a b" };
	char		 buf[12][80], **l;
	size_t		 i;

	/* Twelve 60-character values that differ only at the end. */
	for (i = 0; i < 12; i++) {
		snprintf(buf[i], sizeof buf[i], "organizational unit 6543210 "
		    "of the regional service centr %02zu", i);
		ck_assert_uint_eq(strlen(buf[i]), 60);
		units[i] = buf[i];
	}
	l = fmt_labels(units, 12, 24);
	check_distinct(l, 12, 24);
	ck_assert_str_eq(l[3], "organizational \xe2\x80\xa6" "centr 03");
	xfree_strings(l, 12);
	/* They differ only in the middle: more of the start, else longer. */
	mid[0] = "Objective measurement A of the customer response for step";
	mid[1] = "Objective measurement B of the customer response for step";
	mid[2] = "Objective measurement C of the customer response for step";
	l = fmt_labels(mid, 3, 48);
	check_distinct(l, 3, 48);
	ck_assert_str_eq(l[1], "Objective measurement B of the \xe2\x80\xa6"
	    "esponse for step");
	xfree_strings(l, 3);
	l = fmt_labels(mid, 3, 12);
	check_distinct(l, 3, 0);
	xfree_strings(l, 3);
	/* A control byte is a space, as gp_string writes it: the same name. */
	l = fmt_labels(same, 2, 48);
	ck_assert_str_eq(l[0], "a b");
	ck_assert_str_eq(l[1], "a b");
	xfree_strings(l, 2);
}
END_TEST

START_TEST(test_gp_title_fit)
{
	char	*buf = NULL;
	size_t	 len = 0, lines;
	FILE	*f;

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	/* 800 pixels hold 101 characters: this 130-character title wraps. */
	lines = gp_title_fit(f, "set title", "Objective measurement of the "
	    "customer response for step n003: how long, when and for whom, "
	    "in the organizational unit 6543210", 800);
	fclose(f);
	ck_assert_uint_eq(lines, 2);
	ck_assert_str_eq(buf, "set title \"Objective measurement of the "
	    "customer response for step n003: how long, when and for whom, "
	    "in the\" . \"\\n\" . \"organizational unit 6543210\"\n");
	free(buf);
}
END_TEST

START_TEST(test_values_sort)
{
	const char	*num[] = { "10", "2", "(none)", "1.5", "-3" };
	const char	*mixed[] = { "10", "2", "b2", "(none)", "a" };
	const char	*weeks[] = { "2026-W10", "2025-W52", "2026-W05" };
	const char	*days[] = { "2026-02-01T00:00:00Z", "2025-12-31",
	    "2026-01-15" };

	/* All numbers: by value, 2 before 10; "(none)" last. */
	chart_values_sort(num, 5);
	ck_assert_str_eq(num[0], "-3");
	ck_assert_str_eq(num[1], "1.5");
	ck_assert_str_eq(num[2], "2");
	ck_assert_str_eq(num[3], "10");
	ck_assert_str_eq(num[4], "(none)");
	/* Otherwise as text. */
	chart_values_sort(mixed, 5);
	ck_assert_str_eq(mixed[0], "10");
	ck_assert_str_eq(mixed[1], "2");
	ck_assert_str_eq(mixed[2], "a");
	ck_assert_str_eq(mixed[4], "(none)");
	/* ISO weeks, dates and times: in time order. */
	chart_values_sort(weeks, 3);
	ck_assert_str_eq(weeks[0], "2025-W52");
	ck_assert_str_eq(weeks[1], "2026-W05");
	ck_assert_str_eq(weeks[2], "2026-W10");
	chart_values_sort(days, 3);
	ck_assert_str_eq(days[0], "2025-12-31");
	ck_assert_str_eq(days[2], "2026-02-01T00:00:00Z");
}
END_TEST

START_TEST(test_cell_font)
{
	/* "n 218" (5 characters): 10 points in a 60-pixel cell, no more. */
	ck_assert_int_eq(gp_cell_font(60, 5), 10);
	ck_assert_int_eq(gp_cell_font(200, 5), 10);
	ck_assert_int_eq(gp_cell_font(55, 5), 9);
	/* 37 pixels (30 columns on 1400): smaller, never wider than the cell. */
	ck_assert_int_eq(gp_cell_font(37, 5), 6);
	ck_assert_int_le(5 * 6 + 6, 37);
	ck_assert_int_eq(gp_cell_font(37, 4), 7);
	/* Too narrow for any: no label at all. */
	ck_assert_int_eq(gp_cell_font(20, 5), 0);
}
END_TEST

START_TEST(test_moment_caption)
{
	char	*c;

	/* Three panels: left, middle, right. */
	c = chart_moment_caption("calendar time", 0.9, "week", 1);
	ck_assert_ptr_nonnull(strstr(c, "Left: the share"));
	ck_assert_ptr_nonnull(strstr(c, "Middle: the breach rate of the "
	    "clocks started in each week"));
	ck_assert_ptr_nonnull(strstr(c, "Right: the breach rate by "
	    "breakdown value"));
	free(c);
	/* Without --by: the periods are on the right, nothing in the middle. */
	c = chart_moment_caption("calendar time", 0.9, "month", 0);
	ck_assert_ptr_null(strstr(c, "Middle"));
	ck_assert_ptr_nonnull(strstr(c, "Right: the breach rate of the "
	    "clocks started in each month"));
	ck_assert_ptr_null(strstr(c, "breakdown"));
	free(c);
	/* No periods: the breakdown is on the right, no period is named. */
	c = chart_moment_caption("working time", 0, NULL, 1);
	ck_assert_ptr_null(strstr(c, "Middle"));
	ck_assert_ptr_null(strstr(c, "started in each"));
	ck_assert_ptr_null(strstr(c, "dashed"));
	ck_assert_ptr_nonnull(strstr(c, "Right: the breach rate by "
	    "breakdown value"));
	free(c);
	/* One panel: no position at all. */
	c = chart_moment_caption("calendar time", 0.9, NULL, 0);
	ck_assert_ptr_null(strstr(c, "Left"));
	ck_assert_ptr_null(strstr(c, "Right"));
	ck_assert(strncmp(c, "The share of occurrences", 24) == 0);
	free(c);
}
END_TEST

START_TEST(test_fmt_path_shown)
{
	ck_assert_str_eq(fmt_path_shown("in/j.xml", "/home/a"), "in/j.xml");
	ck_assert_str_eq(fmt_path_shown("-", "/home/a"), "-");
	ck_assert_str_eq(fmt_path_shown("/home/a/in/j.xml", "/home/a"),
	    "in/j.xml");
	/* Not inside: only the last component, no local folders. */
	ck_assert_str_eq(fmt_path_shown("/home/ab/j.xml", "/home/a"), "j.xml");
	ck_assert_str_eq(fmt_path_shown("/data/x/j.xes.gz", "/home/a"),
	    "j.xes.gz");
	ck_assert_str_eq(fmt_path_shown("/data/j.xml", NULL), "j.xml");
	ck_assert_str_eq(fmt_path_shown("/data/j.xml", "/"), "j.xml");
	ck_assert_str_eq(fmt_path_shown("/dev/stdin/", "/home/a"),
	    "/dev/stdin/");
}
END_TEST

START_TEST(test_chart_dumb_cols)
{
	ck_assert_int_eq(chart_dumb_cols("132", 80), 132);	/* $COLUMNS first */
	ck_assert_int_eq(chart_dumb_cols(NULL, 90), 90);	/* then the tty */
	ck_assert_int_eq(chart_dumb_cols("", 0), DUMB_COLS);
	ck_assert_int_eq(chart_dumb_cols("wide", 0), DUMB_COLS);
	ck_assert_int_eq(chart_dumb_cols("80x", 120), 120);
	ck_assert_int_eq(chart_dumb_cols("-5", 0), DUMB_COLS);
	ck_assert_int_eq(chart_dumb_cols("20", 0), DUMB_COLS_MIN);
	ck_assert_int_eq(chart_dumb_cols(NULL, 20), DUMB_COLS_MIN);
	ck_assert_int_eq(chart_dumb_cols("99999999999999999999", 0),
	    DUMB_COLS_MAX);
	ck_assert_int_eq(chart_dumb_cols(NULL, 400), DUMB_COLS_MAX);
}
END_TEST

Suite *
make_chart_suite(void)
{
	Suite	*s = suite_create("chart");
	TCase	*tc;

	tc = tcase_create("gnuplot");
	tcase_add_test(tc, test_gp_quotes);
	tcase_add_test(tc, test_gp_backquote);
	tcase_add_test(tc, test_gp_control);
	tcase_add_test(tc, test_gp_tic);
	tcase_add_test(tc, test_gp_cut);
	tcase_add_test(tc, test_gp_datfield);
	tcase_add_test(tc, test_gp_num);
	tcase_add_test(tc, test_charts_parse);
	tcase_add_test(tc, test_fmt_shorten);
	tcase_add_test(tc, test_fmt_labels);
	tcase_add_test(tc, test_gp_title_fit);
	tcase_add_test(tc, test_values_sort);
	tcase_add_test(tc, test_cell_font);
	tcase_add_test(tc, test_moment_caption);
	tcase_add_test(tc, test_chart_dumb_cols);
	tcase_add_test(tc, test_fmt_path_shown);
	suite_add_tcase(s, tc);
	tc = tcase_create("report");
	tcase_add_test(tc, test_html_text);
	tcase_add_test(tc, test_md_text);
	tcase_add_test(tc, test_progress_format);
	suite_add_tcase(s, tc);
	return (s);
}
