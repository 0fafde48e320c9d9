/*
 * check_log.c - tests for log.c's message lines: the whole line made in
 * one buffer (prefix, text, newline) so that it is written with one write,
 * and the text escaped so that one message is always one line.
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "log.h"

/* The line log_vformat makes; *len its length. To free. */
static char *
line(size_t size, int *allocated, size_t *len, const char *prefix,
    const char *fmt, ...)
{
	char	 buf[2048], *big, *out;
	va_list	 ap;

	ck_assert_uint_le(size, sizeof buf);
	va_start(ap, fmt);
	*len = log_vformat(buf, size, &big, prefix, fmt, ap);
	va_end(ap);
	*allocated = big != NULL;
	out = big != NULL ? big : strdup(buf);
	ck_assert_uint_eq(strlen(out), *len);
	return (out);
}

START_TEST(test_log_line)
{
	char	*s;
	size_t	 len;
	int	 big;

	s = line(2048, &big, &len, "warning: ", "%s:%lu: %d journeys", "a.xml",
	    7UL, 3);
	ck_assert_str_eq(s, "mot: warning: a.xml:7: 3 journeys\n");
	ck_assert_int_eq(big, 0);
	free(s);
	s = line(2048, &big, &len, "", "%s", "plain");
	ck_assert_str_eq(s, "mot: plain\n");
	free(s);
}
END_TEST

START_TEST(test_log_one_line)
{
	char	*s;
	size_t	 len;
	int	 big;

	/* A name with a newline forges no second line, an ESC no colour. */
	s = line(2048, &big, &len, "", "%s:%d: moment \"%s\"", "x\ny.xml", 2,
	    "a\nmot: warning: forged\x1b[2J\xc2\x9b" "1m\xe2\x80\xae" "z");
	ck_assert_str_eq(s, "mot: x\\ny.xml:2: moment \"a\\nmot: warning: "
	    "forged\\x1b[2J\\u009b1m\\u202ez\"\n");
	ck_assert_ptr_eq(strchr(s, '\n'), s + len - 1);
	free(s);
}
END_TEST

START_TEST(test_log_long)
{
	char	*s, *arg;
	size_t	 len, i;
	int	 big;

	/* Longer than the buffer: allocated, still whole and one line. */
	arg = malloc(5001);
	ck_assert_ptr_nonnull(arg);
	for (i = 0; i < 5000; i++)
		arg[i] = i % 100 == 99 ? '\n' : 'a';
	arg[5000] = '\0';
	s = line(64, &big, &len, "warning: ", "long %s end", arg);
	ck_assert_int_eq(big, 1);
	ck_assert_uint_eq(len, strlen("mot: warning: long ") + 5000 + 50 +
	    strlen(" end\n"));
	ck_assert_int_eq(strncmp(s, "mot: warning: long aaa", 22), 0);
	ck_assert_str_eq(s + len - 7, "\\n end\n");
	ck_assert_ptr_eq(strchr(s, '\n'), s + len - 1);
	free(s);
	free(arg);
	/* Exactly at the edge of the buffer. */
	s = line(12, &big, &len, "", "%s", "123456");	/* 5 + 6 + 1 = 12 */
	ck_assert_int_eq(big, 1);
	ck_assert_str_eq(s, "mot: 123456\n");
	free(s);
	s = line(13, &big, &len, "", "%s", "123456");
	ck_assert_int_eq(big, 0);
	ck_assert_str_eq(s, "mot: 123456\n");
	free(s);
}
END_TEST

Suite *
make_log_suite(void)
{
	Suite	*s = suite_create("log");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_log_line);
	tcase_add_test(tc, test_log_one_line);
	tcase_add_test(tc, test_log_long);
	suite_add_tcase(s, tc);
	return (s);
}
