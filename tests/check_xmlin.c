/*
 * check_xmlin.c - tests for xmlin.c's callbacks: the depth each element
 * is given, skipping an element and what it holds, and handing the rest
 * of a document to other handlers; input.c's decoding of UTF-16.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_mot.h"
#include "exitcode.h"
#include "input.h"
#include "xmlin.h"

/* What the handlers saw: "+name@depth" and "-name@depth", in order. */
struct seen {
	char	 log[512];
	int	 switched;
};

static const struct xmlin_ops	other_ops;

static void
seen_add(struct seen *s, const char *tag, const char *name, int depth)
{
	size_t	len = strlen(s->log);

	snprintf(s->log + len, sizeof s->log - len, "%s%s%s@%d",
	    len > 0 ? " " : "", tag, name, depth);
}

static void
t_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct seen	*s = ud;

	seen_add(s, "+", name, depth);
	if (strcmp(name, "skip") == 0)
		xmlin_skip(x);
	if (strcmp(name, "switch") == 0) {
		xmlin_set_ops(x, &other_ops);
		s->switched = 1;
	}
}

static void
t_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	seen_add(ud, "-", name, depth);
}

static void
o_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	seen_add(ud, "o+", name, depth);
}

static void
o_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	seen_add(ud, "o-", name, depth);
}

static const struct xmlin_ops	test_ops = { t_start, t_end, NULL };
static const struct xmlin_ops	other_ops = { o_start, o_end, NULL };

/* Parse text with test_ops; the exit code, and what was seen in s. */
static int
parse_text(const char *text, struct seen *s)
{
	struct xmlin_stats	 st;
	char			 path[] = "/tmp/check_xmlin.XXXXXX", *cause = NULL;
	FILE			*f;
	int			 fd, rc;

	memset(s, 0, sizeof *s);
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	fputs(text, f);
	fclose(f);
	rc = xmlin_parse(path, &test_ops, s, &st, &cause);
	free(cause);
	unlink(path);
	return (rc);
}

START_TEST(test_xmlin_depth)
{
	struct seen	s;

	ck_assert_int_eq(parse_text("<r><a><b/></a><c/></r>", &s), 0);
	ck_assert_str_eq(s.log, "+r@1 +a@2 +b@3 -b@3 -a@2 +c@2 -c@2 -r@1");
}
END_TEST

/* A skipped element's children and its end are not seen; its siblings are. */
START_TEST(test_xmlin_skip)
{
	struct seen	s;

	ck_assert_int_eq(parse_text("<r><skip><a><b/></a><skip/></skip>"
	    "<c><skip/><d/></c></r>", &s), 0);
	ck_assert_str_eq(s.log, "+r@1 +skip@2 +c@2 +skip@3 +d@3 -d@3 -c@2 "
	    "-r@1");
}
END_TEST

static void
x_text(struct xmlin *x, void *ud, const char *s, size_t len)
{
	struct seen	*sn = ud;
	size_t		 n = strlen(sn->log);

	snprintf(sn->log + n, sizeof sn->log - n, "[%.*s]", (int)len, s);
}

/* With a text handler, character data comes (entities replaced, CDATA too), but not in a skipped element. */
START_TEST(test_xmlin_text)
{
	static const struct xmlin_ops	 text_ops = { t_start, t_end, x_text };
	struct xmlin_stats		 st;
	struct seen			 s;
	char				 path[] = "/tmp/check_xmlin.XXXXXX";
	char				*cause = NULL, *p;
	FILE				*f;
	int				 fd;

	memset(&s, 0, sizeof s);
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	fputs("<r>a&amp;b<skip>no</skip><![CDATA[<c>]]></r>", f);
	fclose(f);
	ck_assert_int_eq(xmlin_parse(path, &text_ops, &s, &st, &cause), 0);
	unlink(path);
	/* Pieces may be split anywhere: join them. */
	while ((p = strstr(s.log, "][")) != NULL)
		memmove(p, p + 2, strlen(p + 2) + 1);
	ck_assert_str_eq(s.log, "+r@1[a&b] +skip@2[<c>] -r@1");
	/* The test ops have no text handler: no text. */
	ck_assert_int_eq(parse_text("<r>a</r>", &s), 0);
	ck_assert_str_eq(s.log, "+r@1 -r@1");
}
END_TEST

/* Elements nested too deep are refused even inside a skipped one. */
START_TEST(test_xmlin_skip_deep)
{
	struct seen	s;
	char		*text;
	size_t		 i, k = 0;

	text = malloc(20000);
	ck_assert_ptr_nonnull(text);
	k += (size_t)sprintf(text + k, "<r><skip>");
	for (i = 0; i < 2000; i++)
		k += (size_t)sprintf(text + k, "<a>");
	for (i = 0; i < 2000; i++)
		k += (size_t)sprintf(text + k, "</a>");
	sprintf(text + k, "</skip></r>");
	ck_assert_int_ne(parse_text(text, &s), 0);
	free(text);
}
END_TEST

/* After set_ops, the other handlers take every element, ends included. */
START_TEST(test_xmlin_set_ops)
{
	struct seen	s;

	ck_assert_int_eq(parse_text("<r><switch><a/></switch><b/></r>", &s),
	    0);
	ck_assert_int_eq(s.switched, 1);
	ck_assert_str_eq(s.log, "+r@1 +switch@2 o+a@3 o-a@3 o-switch@2 "
	    "o+b@2 o-b@2 o-r@1");
}
END_TEST

/*
 * Read n bytes through input.c, step bytes at a time: what comes out (in
 * out, NUL-terminated), or the exit code and message of its error.
 */
static int
read_bytes(const char *bytes, size_t n, size_t step, char *out, size_t size,
    char *msgbuf, size_t msgsize)
{
	struct input_src	*in;
	char			 path[] = "/tmp/check_input.XXXXXX", *cause = NULL;
	const char		*msg;
	size_t			 len = 0;
	ssize_t			 r;
	int			 fd, code = 0;

	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_int_eq(write(fd, bytes, n), (ssize_t)n);
	close(fd);
	ck_assert_int_eq(input_open(&in, path, &cause), 0);
	while ((r = input_read(in, out + len, step, &code, &msg)) > 0) {
		len += (size_t)r;
		ck_assert_uint_lt(len + step, size);
	}
	out[len] = '\0';
	if (r < 0)
		snprintf(msgbuf, msgsize, "%lu: %s", input_error_line(in), msg);
	input_close(in);
	unlink(path);
	return (r < 0 ? code : 0);
}

/* UTF-16 of both orders, a surrogate pair among it, comes out as UTF-8. */
START_TEST(test_input_utf16)
{
	static const char	 le[] = "\xff\xfe<\0a\0>\0\xe9\0\x3d\xd8\x00\xde"
				    "\xac\x20\n\0<\0/\0a\0>\0";
	static const char	 be[] = "\xfe\xff\0<\0a\0>\0\xe9\xd8\x3d\xde\x00"
				    "\x20\xac\0\n\0<\0/\0a\0>";
	static const char	 utf8[] = "<a>\xc3\xa9\xf0\x9f\x98\x80\xe2\x82\xac"
				    "\n</a>";
	char			 out[256], msg[128] = "";
	size_t			 step;

	/* Reads of 4 to 9 bytes cut sequences and pairs everywhere. */
	for (step = 4; step < 10; step++) {
		ck_assert_int_eq(read_bytes(le, sizeof le - 1, step, out,
		    sizeof out, msg, sizeof msg), 0);
		ck_assert_str_eq(out, utf8);
		ck_assert_int_eq(read_bytes(be, sizeof be - 1, step, out,
		    sizeof out, msg, sizeof msg), 0);
		ck_assert_str_eq(out, utf8);
	}
}
END_TEST

/* Bad UTF-16 is an error with its line; UTF-8 and UTF-32 pass as they are. */
START_TEST(test_input_utf16_bad)
{
	static const char	 lone[] = "\xff\xfe<\0\n\0\x00\xdc>\0";
	static const char	 odd[] = "\xff\xfe<\0>";
	static const char	 half[] = "\xfe\xff\0<\xd8\x3d";
	static const char	 utf32[] = "\xff\xfe\0\0<\0\0\0";
	char			 out[256], msg[128];

	ck_assert_int_eq(read_bytes(lone, sizeof lone - 1, 64, out,
	    sizeof out, msg, sizeof msg), MOT_EXIT_DATAERR);
	ck_assert_str_eq(msg, "2: invalid UTF-16: unpaired surrogate 0xDC00 "
	    "at byte offset 6");
	ck_assert_int_eq(read_bytes(odd, sizeof odd - 1, 64, out,
	    sizeof out, msg, sizeof msg), MOT_EXIT_DATAERR);
	ck_assert_str_eq(msg, "1: invalid UTF-16: an odd number of bytes at "
	    "its end (cut short?)");
	ck_assert_int_eq(read_bytes(half, sizeof half - 1, 64, out,
	    sizeof out, msg, sizeof msg), MOT_EXIT_DATAERR);
	ck_assert_str_eq(msg, "1: invalid UTF-16: half a surrogate pair at "
	    "its end (cut short?)");
	ck_assert_int_eq(read_bytes(utf32, sizeof utf32 - 1, 64, out,
	    sizeof out, msg, sizeof msg), 0);
	ck_assert_int_eq(memcmp(out, utf32, 2), 0);
	ck_assert_int_eq(read_bytes("<a/>", 4, 64, out, sizeof out, msg,
	    sizeof msg), 0);
	ck_assert_str_eq(out, "<a/>");
}
END_TEST

Suite *
make_xmlin_suite(void)
{
	Suite	*s = suite_create("xmlin");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_xmlin_depth);
	tcase_add_test(tc, test_xmlin_skip);
	tcase_add_test(tc, test_xmlin_text);
	tcase_add_test(tc, test_xmlin_skip_deep);
	tcase_add_test(tc, test_xmlin_set_ops);
	tcase_add_test(tc, test_input_utf16);
	tcase_add_test(tc, test_input_utf16_bad);
	suite_add_tcase(s, tc);
	return (s);
}
