/*
 * check_fmt.c - tests for fmt.c's UTF-8 checks and its one markup escaper,
 * in both its languages (HTML for report.html, XML for JUnit).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "fmt.h"

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
}
END_TEST

Suite *
make_fmt_suite(void)
{
	Suite	*s = suite_create("fmt");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_utf8_len);
	tcase_add_test(tc, test_markup_both);
	tcase_add_test(tc, test_markup_controls_and_bad_bytes);
	suite_add_tcase(s, tc);
	return (s);
}
