/*
 * check_report.c - tests for the client report's glossary: doc_terms is
 * whole, sorted by term and has unique anchors; doc_glossary writes every
 * entry from it, in its order; doc_term links a term to its entry the first
 * time only, once per report.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_mot.h"
#include "report-doc.h"
#include "xmalloc.h"

/* A renderer that writes what it is told as tags, to compare. */
static void
r_heading(struct doc *d, int level, const char *id)
{
	fprintf(d->f, "<h%d %s>", level, id);
}

static void
r_heading_end(struct doc *d, int level)
{
	fprintf(d->f, "</h%d>", level);
}

static void
r_para(struct doc *d, enum doc_class cls)
{
	fprintf(d->f, "<p%d>", (int)cls);
}

static void
r_para_end(struct doc *d)
{
	fputs("</p>", d->f);
}

static void
r_list(struct doc *d, int ordered)
{
	fprintf(d->f, "<l%d>", ordered);
}

static void
r_list_end(struct doc *d, int ordered)
{
	fprintf(d->f, "</l%d>", ordered);
}

static void
r_item(struct doc *d)
{
	fputs("<i>", d->f);
}

static void
r_item_end(struct doc *d)
{
	fputs("</i>\n", d->f);
}

static void
r_text(struct doc *d, const char *s)
{
	fputs(s, d->f);
}

static void
r_link(struct doc *d, const char *id, int on)
{
	if (on)
		fprintf(d->f, "<a #%s>", id);
	else
		fprintf(d->f, "</a #%s>", id);
}

static void
r_define(struct doc *d, const char *id, const char *term)
{
	fprintf(d->f, "<dfn %s>%s</dfn>", id, term);
}

static const struct doc_ops rec_ops = {
	.heading = r_heading, .heading_end = r_heading_end, .para = r_para,
	.para_end = r_para_end, .list = r_list, .list_end = r_list_end,
	.item = r_item, .item_end = r_item_end, .text = r_text,
	.link = r_link, .define = r_define
};

static void
rec_open(struct doc *d, char **buf, size_t *len)
{
	memset(d, 0, sizeof *d);
	d->ops = &rec_ops;
	d->f = open_memstream(buf, len);
	ck_assert_ptr_nonnull(d->f);
}

/* How many times needle is in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

START_TEST(test_terms_table)
{
	size_t	i, j;

	for (i = 0; i < DOC_NTERMS; i++) {
		ck_assert_msg(doc_terms[i].id != NULL && doc_terms[i].term !=
		    NULL && doc_terms[i].text != NULL, "term %zu is empty", i);
		ck_assert_msg(strncmp(doc_terms[i].id, "g-", 2) == 0 &&
		    strspn(doc_terms[i].id, "abcdefghijklmnopqrstuvwxyz0123456789-")
		    == strlen(doc_terms[i].id), "bad id %s", doc_terms[i].id);
		/* One or two plain sentences, each ending with a full stop. */
		ck_assert_msg(doc_terms[i].text[strlen(doc_terms[i].text) - 1] ==
		    '.', "%s: no full stop", doc_terms[i].id);
		ck_assert_msg(count(doc_terms[i].text, ". ") <= 2,
		    "%s: more than two sentences", doc_terms[i].id);
		if (i > 0)
			ck_assert_msg(strcasecmp(doc_terms[i - 1].term,
			    doc_terms[i].term) < 0, "%s is not after %s",
			    doc_terms[i].term, doc_terms[i - 1].term);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(doc_terms[i].id, doc_terms[j].id);
	}
}
END_TEST

START_TEST(test_glossary_written)
{
	struct doc	 d;
	char		*buf = NULL, *want, *p;
	size_t		 len = 0, k;

	rec_open(&d, &buf, &len);
	doc_glossary(&d);
	fclose(d.f);
	ck_assert_ptr_nonnull(strstr(buf, "<h2 glossary>Glossary</h2>"));
	p = buf;
	for (k = 0; k < DOC_NTERMS; k++) {
		/* Every entry, from the table, in its order. */
		want = xasprintf("<i><dfn %s>%s</dfn>: %s</i>\n",
		    doc_terms[k].id, doc_terms[k].term, doc_terms[k].text);
		p = strstr(p, want);
		ck_assert_msg(p != NULL, "entry %s missing or out of order",
		    doc_terms[k].id);
		free(want);
	}
	ck_assert_uint_eq(count(buf, "<i>"), DOC_NTERMS);
	/* The glossary itself links nothing. */
	ck_assert_uint_eq(count(buf, "<a "), 0);
	free(buf);
}
END_TEST

START_TEST(test_term_linked_once)
{
	static const char	 once[] = "<a #g-priority>priority</a "
	    "#g-priority>priority|";
	struct doc		 d;
	char			*buf = NULL, *want;
	size_t			 len = 0, k, round;

	rec_open(&d, &buf, &len);
	doc_term(&d, TERM_PRIORITY, "priority");
	doc_term(&d, TERM_PRIORITY, "priority");
	fputc('|', d.f);
	/* In later sections too: once per report, not per paragraph. */
	for (round = 0; round < 3; round++) {
		for (k = 0; k < DOC_NTERMS; k++)
			doc_term(&d, (enum doc_term)k, "x");
	}
	fclose(d.f);
	ck_assert(strncmp(buf, once, strlen(once)) == 0);
	for (k = 0; k < DOC_NTERMS; k++) {
		want = xasprintf("<a #%s>", doc_terms[k].id);
		ck_assert_msg(count(buf, want) == 1, "%s linked %zu times",
		    doc_terms[k].id, count(buf, want));
		free(want);
	}
	/* Every term's text is written each time, linked or not. */
	ck_assert_uint_eq(count(buf, "x"), 3 * DOC_NTERMS);
	free(buf);
}
END_TEST

Suite *
make_report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("glossary");

	tcase_add_test(tc, test_terms_table);
	tcase_add_test(tc, test_glossary_written);
	tcase_add_test(tc, test_term_linked_once);
	suite_add_tcase(s, tc);
	return (s);
}
