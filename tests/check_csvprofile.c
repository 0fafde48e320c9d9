/*
 * check_csvprofile.c - tests for csv-profile.c: columns profiled from CSV
 * text read by the tokenizer (a pm4py event log, an Olist-like case
 * table), time formats told apart (day or month first, times of day,
 * integers), missing cells, the column limit, the delimiter sniffed, and
 * the skeleton: its text, and that it is well-formed XML that the
 * expectations' <csv> parser (src/expect-csv.c) accepts.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "check_mot.h"
#include "csv-profile.h"
#include "csvmap.h"
#include "xmalloc.h"

struct feed {
	const char	*s;
	size_t		 len, off;
};

static ssize_t
feed_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	struct feed	*fd = arg;
	size_t		 k = fd->len - fd->off;

	(void)code;
	(void)msg;
	if (k > n)
		k = n;
	memcpy(buf, fd->s + fd->off, k);
	fd->off += k;
	return ((ssize_t)k);
}

/* The profile of CSV text read with delim, finished. */
static struct csvprof *
profile(const char *text, int delim, int header)
{
	struct csv_opts		 o;
	struct csv_record	 rec;
	struct feed		 fd = { text, strlen(text), 0 };
	struct csv		*cs;
	struct csvprof		*p;
	char			*cause = NULL;
	int			 code = 0, r;

	memset(&o, 0, sizeof o);
	o.delim = delim;
	o.quote = '"';
	cs = csv_new(&o, feed_read, &fd);
	p = csvprof_new(header);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1)
		csvprof_record(p, &rec);
	ck_assert_int_eq(r, 0);
	csv_free(cs);
	csvprof_finish(p);
	return (p);
}

/* The attributes of an element as the SAX2 reader hands them to csvmap. */
static int
xattrs(xmlDoc *doc, xmlNode *e, struct xattr *xa, char **vals, int max)
{
	xmlAttr	*a;
	int	 n = 0;

	for (a = e->properties; a != NULL; a = a->next) {
		ck_assert_int_lt(n, max);
		vals[n] = (char *)xmlNodeListGetString(doc, a->children, 1);
		if (vals[n] == NULL)
			vals[n] = (char *)xmlStrdup((const xmlChar *)"");
		xa[n].name = (const char *)a->name;
		xa[n].prefix = NULL;
		xa[n].uri = NULL;
		xa[n].value = vals[n];
		xa[n].end = vals[n] + strlen(vals[n]);
		n++;
	}
	return (n);
}

static void
free_vals(char **vals, int n)
{
	while (n-- > 0)
		xmlFree(vals[n]);
}

/* The skeleton is well-formed XML, and mot's <csv> parser accepts it. */
static void
accepted(const char *skel)
{
	struct xattr	 xa[16];
	char		*vals[16], *msg;
	struct csv_map	*m;
	xmlDoc		*doc;
	xmlNode		*root, *e;
	int		 n;

	doc = xmlReadMemory(skel, (int)strlen(skel), "skeleton.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	ck_assert_msg(doc != NULL, "not well-formed XML:\n%s", skel);
	root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "csv");
	n = xattrs(doc, root, xa, vals, 16);
	msg = csvmap_begin(&m, xa, n, 1);
	ck_assert_msg(msg == NULL, "<csv>: %s\n%s", msg, skel);
	free_vals(vals, n);
	for (e = root->children; e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		n = xattrs(doc, e, xa, vals, 16);
		msg = csvmap_child(m, (const char *)e->name, xa, n, 2);
		ck_assert_msg(msg == NULL, "<%s>: %s\n%s", e->name, msg, skel);
		free_vals(vals, n);
	}
	msg = csvmap_finish(m);
	ck_assert_msg(msg == NULL, "</csv>: %s\n%s", msg, skel);
	csvmap_free(m);
	xmlFreeDoc(doc);
}

/* The skeleton of a profile, checked to be accepted. */
static char *
skeleton(const struct csvprof *p, int delim)
{
	char	*s;

	s = csvprof_skeleton(p, delim);
	ck_assert_ptr_nonnull(s);
	accepted(s);
	return (s);
}

/* The skeleton is want; the profile is freed. */
static void
want_skeleton(struct csvprof *p, int delim, const char *want)
{
	char	*s = skeleton(p, delim);

	ck_assert_str_eq(s, want);
	free(s);
	csvprof_free(p);
}

/* Column i reads as times in fmt, day and month told apart or not. */
static void
want_time(const struct csvprof *p, size_t i, const char *fmt, int ambiguous)
{
	const struct csvprof_col	*c = csvprof_col(p, i);

	ck_assert_ptr_nonnull(c->time_format);
	ck_assert_str_eq(c->time_format, fmt);
	ck_assert_int_eq(c->day_month_ambiguous, ambiguous);
	ck_assert_int_eq(c->clock_only, 0);
}

START_TEST(test_pm4py)
{
	static const char	 csv[] =
	    "case:concept:name,concept:name,time:timestamp,org:resource\n"
	    "C1,register request,2026-03-02 09:00:00+00:00,Pete\n"
	    "C1,examine casually,2026-03-02 10:30:00+00:00,Sue\n"
	    "C2,register request,2026-03-02 09:15:00+00:00,Mike\n"
	    "C1,decide,2026-03-02 15:00:00+00:00,Sara\n"
	    "C2,decide,2026-03-03T11:15:00Z,Sara\n";
	struct csvprof			*p = profile(csv, ',', 1);
	const struct csvprof_col	*c;

	ck_assert_uint_eq(csvprof_ncols(p), 4);
	ck_assert_uint_eq(csvprof_rows(p), 5);
	c = csvprof_col(p, 0);
	ck_assert_str_eq(c->name, "case:concept:name");
	ck_assert_uint_eq(c->values, 5);
	ck_assert_uint_eq(distinct_count(&c->distinct), 2);
	ck_assert_ptr_null(c->time_format);
	c = csvprof_col(p, 2);
	ck_assert_str_eq(c->time_format, "");
	ck_assert_int_eq(c->time_offset, 1);
	ck_assert_int_eq(c->clock_only, 0);
	ck_assert_uint_eq(distinct_count(&csvprof_col(p, 1)->distinct), 3);
	ck_assert_ptr_null(csvprof_col(p, 4));
	want_skeleton(p, ',',
	    "  <csv>\n"
	    "    <journey column=\"case:concept:name\"/>\n"
	    "    <touchpoint name-columns=\"concept:name\" "
	    "at=\"time:timestamp\"/>\n"
	    "  </csv>\n");
}
END_TEST

/* Olist-shaped: one row per order, local times day first, deliveries not all made. */
START_TEST(test_case_table)
{
	static const char	 csv[] =
	    "order_id;customer_id;order_status;order_purchase_timestamp;"
	    "order_delivered_customer_date;payment_type\n"
	    "o1;c1;delivered;02-10-2017 10:56;10-10-2017 21:25;credit_card\n"
	    "o2;c2;delivered;24-07-2018 20:41;07-08-2018 15:27;boleto\n"
	    "o3;c3;shipped;08-08-2018 08:38;;credit_card\n"
	    "o4;c4;delivered;18-11-2017 19:28;02-12-2017 00:28;credit_card\n"
	    "o5;c5;shipped;13-02-2018 21:18;;voucher\n"
	    "o6;c6;delivered;13-02-2018 22:00;20-02-2018 09:10;boleto\n";
	struct csvprof			*p = profile(csv, ';', 1);
	const struct csvprof_col	*c;

	ck_assert_uint_eq(csvprof_rows(p), 6);
	want_time(p, 3, "%d-%m-%Y %H:%M", 0);
	ck_assert_int_eq(csvprof_col(p, 3)->time_offset, 0);
	want_time(p, 4, "%d-%m-%Y %H:%M", 0);
	c = csvprof_col(p, 4);
	ck_assert_uint_eq(c->values, 4);
	ck_assert_uint_eq(c->missing, 2);
	want_skeleton(p, ';',
	    "  <csv delimiter=\";\" time-format=\"%d-%m-%Y %H:%M\" "
	    "zone=\"UTC\">\n"
	    "    <!-- the zone of times without an offset: an IANA name -->\n"
	    "    <journey column=\"order_id\"/>\n"
	    "    <touchpoint name=\"order_purchase_timestamp\" "
	    "at=\"order_purchase_timestamp\"/>\n"
	    "    <touchpoint name=\"order_delivered_customer_date\" "
	    "at=\"order_delivered_customer_date\"/>\n"
	    "    <attribute column=\"order_status\"/>\n"
	    "    <attribute column=\"payment_type\"/>\n"
	    "  </csv>\n");
}
END_TEST

START_TEST(test_day_month)
{
	static const char	 csv[] =
	    "id\tboth\tus\tdate\tname\n"
	    "1\t03/04/2026 10:00\t04/25/2026 10:00\t2026-04-03\tx\n"
	    "2\t05/06/2026 11:00\t12/31/2026 1:05\t2026-04-30\ty\n"
	    "2\t12/11/2026 09:30\t1/2/2026 23:59\t2026-05-01\ty\n";
	struct csvprof	*p = profile(csv, '\t', 1);

	want_time(p, 1, "%d/%m/%Y %H:%M", 1);
	want_time(p, 2, "%m/%d/%Y %H:%M", 0);
	want_time(p, 3, "%Y-%m-%d", 0);
	/* An event log: the first time column, the others in a comment. */
	want_skeleton(p, '\t',
	    "  <csv delimiter=\"\\t\" time-format=\"%d/%m/%Y %H:%M\" "
	    "zone=\"UTC\">\n"
	    "    <!-- the zone of times without an offset: an IANA name -->\n"
	    "    <!-- \"both\" reads day first and month first alike: check "
	    "time-format -->\n"
	    "    <journey column=\"id\"/>\n"
	    "    <touchpoint name-columns=\"name\" at=\"both\"/>\n"
	    "    <!-- other time columns: \"us\", \"date\" -->\n"
	    "  </csv>\n");
}
END_TEST

/* Times of day alone, integers, text: none is a time column; formats that differ are said. */
START_TEST(test_not_times)
{
	static const char	 csv[] =
	    "ticket,wait,count,year,note,opened,closed\n"
	    "T1,0:10:27,12,2026,a1,2026-03-02T09:00:00Z,13.03.2026 10:00\n"
	    "T2,10:56,7,2025,b 2,2026-03-02T10:00:00Z,14.03.2026 11:00\n"
	    "T3,2:05 PM,-3,2024,c,2026-03-03T09:00:00Z,15.03.2026 17:45\n";
	struct csvprof			*p = profile(csv, ',', 1);
	const struct csvprof_col	*c;

	c = csvprof_col(p, 1);
	ck_assert_int_eq(c->clock_only, 1);
	ck_assert_ptr_null(c->time_format);
	ck_assert_ptr_null(csvprof_col(p, 2)->time_format);
	ck_assert_int_eq(csvprof_col(p, 2)->clock_only, 0);
	ck_assert_ptr_null(csvprof_col(p, 3)->time_format);
	ck_assert_ptr_null(csvprof_col(p, 4)->time_format);
	want_time(p, 5, "", 0);
	ck_assert_int_eq(csvprof_col(p, 5)->time_offset, 1);
	want_time(p, 6, "%d.%m.%Y %H:%M", 0);
	want_skeleton(p, ',',
	    "  <csv zone=\"UTC\">\n"
	    "    <!-- the zone of times without an offset: an IANA name -->\n"
	    "    <!-- the time columns differ in format, and time-format is "
	    "one for all: \"opened\" ISO 8601, \"closed\" %d.%m.%Y %H:%M; the "
	    "first is given -->\n"
	    "    <!-- \"wait\" holds times of day without a date: join a date "
	    "to it to use it -->\n"
	    "    <journey column=\"ticket\"/>\n"
	    "    <touchpoint name=\"opened\" at=\"opened\"/>\n"
	    "    <touchpoint name=\"closed\" at=\"closed\"/>\n"
	    "  </csv>\n");
}
END_TEST

/* Empty cells and short rows are missing; without a header, columns are numbered. */
START_TEST(test_missing)
{
	static const char	 csv[] =
	    "A,2026-01-01T10:00:00Z,gold\n"
	    "B,,silver\n"
	    "C,2026-01-02T10:00:00Z\n"
	    "D,2026-01-03T10:00:00Z,gold,extra\n"
	    "E,2026-01-04T10:00:00Z,silver\n";
	struct csvprof			*p = profile(csv, ',', 0);
	const struct csvprof_col	*c;
	uint64_t			 shorter, longer;

	ck_assert_uint_eq(csvprof_ncols(p), 3);
	ck_assert_uint_eq(csvprof_rows(p), 5);
	csvprof_ragged(p, &shorter, &longer);
	ck_assert_uint_eq(shorter, 1);
	ck_assert_uint_eq(longer, 1);
	c = csvprof_col(p, 1);
	ck_assert_str_eq(c->name, "2");
	ck_assert_uint_eq(c->values, 4);
	ck_assert_uint_eq(c->missing, 1);
	ck_assert_str_eq(c->time_format, "");
	c = csvprof_col(p, 2);
	ck_assert_uint_eq(c->values, 4);
	ck_assert_uint_eq(c->missing, 1);
	ck_assert_uint_eq(distinct_count(&c->distinct), 2);
	want_skeleton(p, ',',
	    "  <csv header=\"no\">\n"
	    "    <journey column=\"1\"/>\n"
	    "    <touchpoint name=\"2\" at=\"2\"/>\n"
	    "    <attribute column=\"3\"/>\n"
	    "  </csv>\n");
}
END_TEST

/* Past CSVPROF_COLS_MAX columns the rest is ignored, and said. */
START_TEST(test_too_many_columns)
{
	struct csv_field	*f;
	struct csv_record	 r;
	struct csvprof		*p;
	char			 name[16];
	char			**names;
	size_t			 i, n = CSVPROF_COLS_MAX + 76;

	f = xcalloc(n + 5, sizeof *f);
	names = xcalloc(n + 5, sizeof *names);
	for (i = 0; i < n + 5; i++) {
		snprintf(name, sizeof name, "c%zu", i + 1);
		names[i] = xstrdup(name);
		f[i].s = names[i];
		f[i].len = strlen(names[i]);
	}
	memset(&r, 0, sizeof r);
	r.f = f;
	r.n = n;
	p = csvprof_new(1);
	csvprof_record(p, &r);
	r.n = n + 5;
	for (i = 0; i < 3; i++)
		csvprof_record(p, &r);
	csvprof_finish(p);
	ck_assert_uint_eq(csvprof_ncols(p), CSVPROF_COLS_MAX);
	ck_assert_uint_eq(csvprof_ncols_ignored(p), 76);
	ck_assert_uint_eq(csvprof_rows(p), 3);
	ck_assert_str_eq(csvprof_col(p, CSVPROF_COLS_MAX - 1)->name, "c1024");
	ck_assert_uint_eq(csvprof_col(p, 0)->values, 3);
	ck_assert_ptr_null(csvprof_col(p, CSVPROF_COLS_MAX));
	csvprof_free(p);
	for (i = 0; i < n + 5; i++)
		free(names[i]);
	free(names);
	free(f);
}
END_TEST

START_TEST(test_sniff)
{
	static const struct {
		const char	*line;
		int		 want;
	} t[] = {
		{ "a;b;c\n1,5;2;3", ';' },
		{ "a\tb\tc", '\t' },
		{ "\"x,y,z\";b;c", ';' },
		{ "\"a;\"\"b;c\"\"\",d,e", ',' },
		{ "a|b|c,d", '|' },
		{ "a,b;c", ',' },
		{ "abc", ',' },
		{ "", ',' },
		{ "a\nb;c;d", ',' },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(csvprof_sniff(t[i].line, strlen(t[i].line)) ==
		    t[i].want, "%zu: %s", i, t[i].line);
}
END_TEST

/* Names with markup are escaped; in comments "--" is broken; an unusable name is never chosen. */
START_TEST(test_escaping)
{
	static const char	 csv[] =
	    "\"a\"\"<b\",step,at,x--y,,dup,dup,'&'\n"
	    "1,s,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,p,q,q,t1\n"
	    "1,t,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,p,q,q,t1\n"
	    "2,s,2026-03-02T11:00:00Z,2026-03-02T09:00:00Z,p,q,q,t2\n"
	    "2,t,2026-03-02T12:00:00Z,2026-03-02T09:00:00Z,p,q,q,t2\n"
	    "3,s,2026-03-02T13:00:00Z,2026-03-02T09:00:00Z,p,q,q,t1\n"
	    "3,t,2026-03-02T14:00:00Z,2026-03-02T09:00:00Z,p,q,q,t1\n"
	    "4,s,2026-03-02T15:00:00Z,2026-03-02T09:00:00Z,p,q,q,t2\n";
	struct csvprof	*p = profile(csv, ',', 1);

	ck_assert_str_eq(csvprof_col(p, 0)->name, "a\"<b");
	ck_assert_int_eq(csvprof_col(p, 4)->unusable, 1);
	ck_assert_int_eq(csvprof_col(p, 5)->unusable, 1);
	ck_assert_int_eq(csvprof_col(p, 6)->unusable, 1);
	ck_assert_int_eq(csvprof_col(p, 7)->unusable, 0);
	want_skeleton(p, ',',
	    "  <csv>\n"
	    "    <journey column=\"a&quot;&lt;b\"/>\n"
	    "    <touchpoint name-columns=\"step\" at=\"at\"/>\n"
	    "    <!-- other time columns: \"x- -y\" -->\n"
	    "    <attribute column=\"&apos;&amp;&apos;\"/>\n"
	    "  </csv>\n");
}
END_TEST

/* Without a time or an id, placeholders that the parser still takes; a header row repeated is left out. */
START_TEST(test_placeholders)
{
	static const char	 csv[] =
	    "who,what\n"
	    "x,1\n"
	    "who,what\n"
	    "x,2\n";
	struct csvprof	*p = profile(csv, ',', 1);
	char		*s;

	ck_assert_uint_eq(csvprof_rows(p), 2);
	ck_assert_uint_eq(csvprof_header_repeats(p), 1);
	s = skeleton(p, '|');
	ck_assert(strstr(s, "  <csv delimiter=\"|\">\n") == s);
	ck_assert_ptr_nonnull(strstr(s, "<journey column=\"what\"/>"));
	ck_assert_ptr_nonnull(strstr(s, "<touchpoint name=\"event\" "
	    "at=\"TIME\"/>"));
	free(s);
	csvprof_free(p);
}
END_TEST

/* A long value is counted by its start and hash: two that differ only at the end stay apart. */
START_TEST(test_long_values)
{
	struct csv_field	 f;
	struct csv_record	 r;
	struct csvprof		*p;
	const char		*v;
	char			 buf[CSVPROF_VALUE_MAX + 100];
	size_t			 len;
	uint64_t		 n;
	int			 i;

	memset(&r, 0, sizeof r);
	memset(&f, 0, sizeof f);
	r.f = &f;
	r.n = 1;
	f.s = "long";
	f.len = 4;
	p = csvprof_new(1);
	csvprof_record(p, &r);
	memset(buf, 'x', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	f.s = buf;
	f.len = sizeof buf - 1;
	for (i = 0; i < 3; i++) {
		buf[sizeof buf - 2] = (char)('a' + i % 2);
		csvprof_record(p, &r);
	}
	csvprof_finish(p);
	ck_assert_uint_eq(distinct_count(&csvprof_col(p, 0)->distinct), 2);
	v = distinct_value(&csvprof_col(p, 0)->distinct, 0, &len, &n);
	ck_assert_uint_eq(len, CSVPROF_VALUE_MAX + 3 + 16);
	ck_assert_uint_eq(n, 2);
	ck_assert(memcmp(v + CSVPROF_VALUE_MAX, "...", 3) == 0);
	ck_assert_ptr_null(csvprof_col(p, 0)->time_format);
	csvprof_free(p);
}
END_TEST

Suite *
make_csvprofile_suite(void)
{
	Suite	*s = suite_create("csvprofile");
	TCase	*tc = tcase_create("profile");

	tcase_add_test(tc, test_pm4py);
	tcase_add_test(tc, test_case_table);
	tcase_add_test(tc, test_day_month);
	tcase_add_test(tc, test_not_times);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_too_many_columns);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_placeholders);
	tcase_add_test(tc, test_long_values);
	suite_add_tcase(s, tc);
	return (s);
}
