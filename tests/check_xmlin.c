/*
 * check_xmlin.c - tests for xmlin.c's callbacks: the depth each element
 * is given, skipping an element and what it holds, and handing the rest
 * of a document to other handlers.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_mot.h"
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

static const struct xmlin_ops	test_ops = { t_start, t_end };
static const struct xmlin_ops	other_ops = { o_start, o_end };

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

Suite *
make_xmlin_suite(void)
{
	Suite	*s = suite_create("xmlin");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_xmlin_depth);
	tcase_add_test(tc, test_xmlin_skip);
	tcase_add_test(tc, test_xmlin_skip_deep);
	tcase_add_test(tc, test_xmlin_set_ops);
	suite_add_tcase(s, tc);
	return (s);
}
