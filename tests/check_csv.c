/*
 * check_csv.c - tests for csv.c, the RFC 4180 tokenizer: a table of inputs
 * and the records, problems, lines, columns and offsets they give, each
 * read 1 byte, 7 bytes and all at a time; a read error passed through;
 * and a 64 MB unterminated quote read in bounded memory.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "check_mot.h"
#include "csv.h"

struct feed {
	const char	*s;
	size_t		 len;
	size_t		 off;
	size_t		 step;
	size_t		 fail_at;	/* SIZE_MAX: never */
};

static ssize_t
feed_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	struct feed	*fd = arg;
	size_t		 k = fd->len - fd->off;

	if (fd->off >= fd->fail_at) {
		*code = 74;
		*msg = "boom";
		return (-1);
	}
	if (k > fd->step)
		k = fd->step;
	if (k > n)
		k = n;
	if (k > fd->fail_at - fd->off)
		k = fd->fail_at - fd->off;
	memcpy(buf, fd->s + fd->off, k);
	fd->off += k;
	return ((ssize_t)k);
}

struct csv_case {
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	int		 delim;		/* 0: ',' */
	int		 quote;		/* 0: '"' */
	size_t		 field_max, record_max, fields_max;
	/* {field|field} a record, !problem@line:col after a problem's */
	const char	*want;
	/* NULL, or each record's line-end_line@offset:line:col,... of its fields */
	const char	*pos;
};

#define X10	"xxxxxxxxxx"
#define A40	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define A31	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct csv_case csv_cases[] = {
	/* RFC 4180 */
	{ "a,b,c\n", 0, 0, 0, 0, 0, 0, "{a|b|c}", "1-1@0:1:1,1:3,1:5" },
	{ "a,b\nc,d", 0, 0, 0, 0, 0, 0, "{a|b}{c|d}",
	    "1-1@0:1:1,1:3 2-2@4:2:1,2:3" },
	{ ",,\n", 0, 0, 0, 0, 0, 0, "{||}", "1-1@0:1:1,1:2,1:3" },
	{ "a,\n", 0, 0, 0, 0, 0, 0, "{a|}", NULL },
	{ "a,", 0, 0, 0, 0, 0, 0, "{a|}", NULL },
	{ "\"\",x\n", 0, 0, 0, 0, 0, 0, "{|x}", "1-1@0:1:1,1:4" },
	{ "\"\"", 0, 0, 0, 0, 0, 0, "{}", NULL },
	{ "\"a,b\",c\n", 0, 0, 0, 0, 0, 0, "{a,b|c}", NULL },
	/* A quote just after a read of 7 ends, past the first field. */
	{ "abc,de,\"f,g\"\n", 0, 0, 0, 0, 0, 0, "{abc|de|f,g}", NULL },
	{ "\"a\r\nb\",c\r\nd\r\n", 0, 0, 0, 0, 0, 0, "{a\r\nb|c}{d}",
	    "1-2@0:1:1,2:4 3-3@10:3:1" },
	{ "\"a\nb\"\n", 0, 0, 0, 0, 0, 0, "{a\nb}", "1-2@0:1:1" },
	{ "\"a\rb\"\rz", 0, 0, 0, 0, 0, 0, "{a\rb}{z}", "1-2@0:1:1 3-3@6:3:1" },
	{ "\"a\"\"b\"\"\"\n", 0, 0, 0, 0, 0, 0, "{a\"b\"}", NULL },
	{ "\"\"\"\"\n", 0, 0, 0, 0, 0, 0, "{\"}", NULL },
	{ "a\r\nb\rc\nd", 0, 0, 0, 0, 0, 0, "{a}{b}{c}{d}",
	    "1-1@0:1:1 2-2@3:2:1 3-3@5:3:1 4-4@7:4:1" },
	{ "a\r", 0, 0, 0, 0, 0, 0, "{a}", "1-1@0:1:1" },
	{ "\n\na\n\r\n\rb\n\n", 0, 0, 0, 0, 0, 0, "{a}{b}",
	    "3-3@2:3:1 6-6@7:6:1" },
	{ "", 0, 0, 0, 0, 0, 0, "", NULL },
	{ "\n\r\n\r", 0, 0, 0, 0, 0, 0, "", NULL },
	{ " a , b \n  \n", 0, 0, 0, 0, 0, 0, "{ a | b }{  }", NULL },
	{ "\xef\xbb\xbf" "a,b\nc\n", 0, 0, 0, 0, 0, 0, "{a|b}{c}",
	    "1-1@0:1:1,1:3 2-2@4:2:1" },
	{ "\xef\xbb\xbf", 0, 0, 0, 0, 0, 0, "", NULL },
	{ "x\xef\xbb\xbf\n", 0, 0, 0, 0, 0, 0, "{x\xef\xbb\xbf}", NULL },
	/* Quotes, line ends and delimiters in fields past the first two (fields_want). */
	{ "a,b,\"c\nd\",e\nf,g,h\n", 0, 0, 0, 0, 0, 0, "{a|b|c\nd|e}{f|g|h}",
	    "1-2@0:1:1,1:3,1:5,2:4 3-3@12:3:1,3:3,3:5" },
	{ "a,\"b,c\",\"d\"\"e\",\"x\r\ny\"\r\nz\n", 0, 0, 0, 0, 0, 0,
	    "{a|b,c|d\"e|x\r\ny}{z}", NULL },
	{ "a,b,c\"d,e\nf\n", 0, 0, 0, 0, 0, 0,
	    "{a|b|c\"d|e}!quote inside an unquoted field@1:6{f}", NULL },
	/* Other delimiters, no quoting. */
	{ "a\tb,c\n\"d\te\"\tf\n", 0, '\t', 0, 0, 0, 0, "{a|b,c}{d\te|f}",
	    NULL },
	{ "a;\"b;c\";d\n", 0, ';', 0, 0, 0, 0, "{a|b;c|d}", NULL },
	{ "a|b||\n", 0, '|', 0, 0, 0, 0, "{a|b||}", NULL },
	{ "\"a,b\"\n", 0, 0, -1, 0, 0, 0, "{\"a|b\"}", NULL },
	{ "'a,b','c''d'\n", 0, 0, '\'', 0, 0, 0, "{a,b|c'd}", NULL },
	/* Problems, the first of a record, at its line and column. */
	{ "ab\"c,d\nx\n", 0, 0, 0, 0, 0, 0,
	    "{ab\"c|d}!quote inside an unquoted field@1:3{x}", NULL },
	{ "x\n\"abc\"x,d\n", 0, 0, 0, 0, 0, 0,
	    "{x}{abcx|d}!text after a closing quote@2:6", NULL },
	{ "\"abc\" ,d\n", 0, 0, 0, 0, 0, 0,
	    "{abc |d}!text after a closing quote@1:6", NULL },
	{ "a\n\"abc", 0, 0, 0, 0, 0, 0, "{a}{abc}!quote not closed@2:1",
	    "1-1@0:1:1 2-2@2:2:1" },
	{ "a,\"b\nc\n", 0, 0, 0, 0, 0, 0, "{a|b\nc\n}!quote not closed@1:3",
	    "1-3@0:1:1,1:3" },
	{ "ab\"c,\"d\"e\n", 0, 0, 0, 0, 0, 0,
	    "{ab\"c|de}!quote inside an unquoted field@1:3", NULL },
	{ "a\nb\"c\nd\n", 0, 0, 0, 0, 0, 0,
	    "{a}{b\"c}!quote inside an unquoted field@2:2{d}", NULL },
	{ "a\0b,c\n", 6, 0, 0, 0, 0, 0, "{a\\0b|c}!NUL byte@1:2", NULL },
	{ "x,\"a\0\"\n", 7, 0, 0, 0, 0, 0, "{x|a\\0}!NUL byte@1:5", NULL },
	{ "\0", 1, 0, 0, 0, 0, 0, "{\\0}!NUL byte@1:1", NULL },
	/* UTF-8 */
	{ "caf\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80\n", 0, 0, 0, 0, 0, 0,
	    "{caf\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80}", NULL },
	{ "\xc0\xaf\n", 0, 0, 0, 0, 0, 0, "{\xc0\xaf}!invalid UTF-8@1:1",
	    NULL },
	{ "ab\xed\xa0\x80\n", 0, 0, 0, 0, 0, 0,
	    "{ab\xed\xa0\x80}!invalid UTF-8@1:3", NULL },
	{ "\xf4\x90\x80\x80\n", 0, 0, 0, 0, 0, 0,
	    "{\xf4\x90\x80\x80}!invalid UTF-8@1:1", NULL },
	{ "\xe0\x80\xaf\n", 0, 0, 0, 0, 0, 0,
	    "{\xe0\x80\xaf}!invalid UTF-8@1:1", NULL },
	{ "a\x80", 0, 0, 0, 0, 0, 0, "{a\x80}!invalid UTF-8@1:2", NULL },
	{ "a\xe2\x82", 0, 0, 0, 0, 0, 0, "{a\xe2\x82}!invalid UTF-8@1:2",
	    NULL },
	{ "a\xe2\x82,b\n", 0, 0, 0, 0, 0, 0,
	    "{a\xe2\x82|b}!invalid UTF-8@1:2", NULL },
	{ "\"a\nb\xff\"\n", 0, 0, 0, 0, 0, 0,
	    "{a\nb\xff}!invalid UTF-8@2:2", NULL },
	{ "\xef\xbb\n", 0, 0, 0, 0, 0, 0, "{\xef\xbb}!invalid UTF-8@1:1",
	    NULL },
	/* Limits: fields and records cut, the rest skipped to the real end. */
	{ "abcdefgh,k\n", 0, 0, 0, 8, 0, 0, "{abcdefgh|k}", NULL },
	{ "abcdefghij,k\nl\n", 0, 0, 0, 8, 0, 0,
	    "{abcdefgh|k}!field longer than 8 bytes@1:1{l}", NULL },
	{ "x,\"ab\"\"cdefghij\",k\n", 0, 0, 0, 8, 0, 0,
	    "{x|ab\"cdefg|k}!field longer than 8 bytes@1:3", NULL },
	{ "aaaaaaaaaaaaaaa,bbbbbbbbbbbbbbb\n", 0, 0, 0, 0, 32, 0,
	    "{aaaaaaaaaaaaaaa|bbbbbbbbbbbbbbb}", NULL },
	{ X10 "," X10 "," X10 "," X10 "\nz\n", 0, 0, 0, 0, 32, 0,
	    "{" X10 "|" X10 "|xxxxxxxxx}!record longer than 32 bytes@1:23{z}",
	    "1-1@0:1:1,1:12,1:23 2-2@44:2:1" },
	{ A40 ",\"x\ny,\",z\nnext\n", 0, 0, 0, 0, 32, 0,
	    "{" A31 "}!record longer than 32 bytes@1:1{next}",
	    "1-2@0:1:1 3-3@50:3:1" },
	{ "ab,c,\n", 0, 0, 0, 0, 4, 0,
	    "{ab|}!record longer than 4 bytes@1:4", NULL },
	{ "a,\"" X10 X10 X10 X10 "\n,\nb,", 0, 0, 0, 8, 32, 0,
	    "{a|xxxxxxxx}!quote not closed@1:3", "1-3@0:1:1,1:3" },
	{ "a,\"" X10 X10 X10 "\n\nb\n", 0, 0, 0, 0, 32, 0,
	    "{a|" X10 X10 "xxxxxxxxx}!quote not closed@1:3", NULL },
	/* The limit met first in the field's bytes, however it was read. */
	{ "aaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbb\n", 0, 0, 0, 16, 32, 0,
	    "{aaaaaaaaaaaaaaa|bbbbbbbbbbbbbbb}!record longer than 32 bytes@1:17",
	    NULL },
	{ "\x16\x16\x16", 0, 0, 0, 1, 1, 0,
	    "{}!record longer than 1 byte@1:1", NULL },
	{ "a,b,c,d,e\nf\n", 0, 0, 0, 0, 0, 3,
	    "{a|b|c}!record with more than 3 fields@1:7{f}", NULL },
	{ "a,b,c\n", 0, 0, 0, 0, 0, 3, "{a|b|c}", NULL },
	{ "abcdefghij\"k\n", 0, 0, 0, 8, 0, 0,
	    "{abcdefgh}!field longer than 8 bytes@1:1", NULL },
};

/* A tokenizer over a case's input, read step bytes at a time from fd, wanting want fields (0: all). */
static struct csv *
case_open(const struct csv_case *c, size_t step, size_t want, struct feed *fd)
{
	struct csv_opts	o;

	memset(&o, 0, sizeof o);
	o.delim = c->delim != 0 ? c->delim : ',';
	o.quote = c->quote != 0 ? c->quote : '"';
	o.field_max = c->field_max;
	o.record_max = c->record_max;
	o.fields_max = c->fields_max;
	o.fields_want = want;
	fd->s = c->in;
	fd->len = c->len != 0 ? c->len : strlen(c->in);
	fd->off = 0;
	fd->step = step;
	fd->fail_at = SIZE_MAX;
	return (csv_new(&o, feed_read, fd));
}

/* The records of c, read step bytes at a time, as the table writes them. */
static char *
csv_tokens(const struct csv_case *c, size_t step, char **pos)
{
	struct csv_record	 rec;
	struct feed		 fd;
	struct csv		*cs;
	FILE			*f, *p;
	char			*out = NULL, *cause = NULL, *where = NULL;
	size_t			 outlen = 0, wlen = 0, i, j;
	int			 code = 0, r;

	cs = case_open(c, step, 0, &fd);
	f = open_memstream(&out, &outlen);
	p = open_memstream(&where, &wlen);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1) {
		fputc('{', f);
		for (i = 0; i < rec.n; i++) {
			if (i > 0)
				fputc('|', f);
			ck_assert_uint_eq(rec.f[i].s[rec.f[i].len], '\0');
			for (j = 0; j < rec.f[i].len; j++) {
				if (rec.f[i].s[j] == '\0')
					fputs("\\0", f);
				else
					fputc(rec.f[i].s[j], f);
			}
		}
		fputc('}', f);
		if (rec.problem != NULL)
			fprintf(f, "!%s@%lu:%u", rec.problem, rec.pline,
			    rec.pcol);
		fprintf(p, "%s%lu-%lu@%llu:", ftell(p) > 0 ? " " : "",
		    rec.line, rec.end_line, (unsigned long long)rec.offset);
		for (i = 0; i < rec.n; i++)
			fprintf(p, "%s%lu:%u", i > 0 ? "," : "",
			    rec.f[i].line, rec.f[i].col);
	}
	ck_assert_int_eq(r, 0);
	/* At the end, everything was consumed; and the end stays the end. */
	ck_assert_uint_eq(csv_offset(cs), fd.len - (fd.len >= 3 &&
	    memcmp(c->in, "\xef\xbb\xbf", 3) == 0 ? 3 : 0));
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), 0);
	csv_free(cs);
	fclose(f);
	fclose(p);
	*pos = where;
	return (out);
}

START_TEST(test_csv_table)
{
	const struct csv_case	*c = &csv_cases[_i];
	static const size_t	 steps[] = { 1, 7, SIZE_MAX };
	char			*got, *pos;
	size_t			 s;

	for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		got = csv_tokens(c, steps[s], &pos);
		if (strcmp(got, c->want) != 0)
			ck_abort_msg("case %d, %zu bytes at a time: got \"%s\", "
			    "want \"%s\"", _i, steps[s], got, c->want);
		if (c->pos != NULL && strcmp(pos, c->pos) != 0)
			ck_abort_msg("case %d, %zu bytes at a time: positions "
			    "\"%s\", want \"%s\"", _i, steps[s], pos, c->pos);
		free(got);
		free(pos);
	}
}
END_TEST

/*
 * Each record's lines, offset and first k fields, with fields_want k or
 * (want 0) with every field kept and the rest not shown.
 */
static char *
csv_heads(const struct csv_case *c, size_t step, size_t k, size_t want)
{
	struct csv_record	 rec;
	struct feed		 fd;
	struct csv		*cs;
	FILE			*f;
	char			*out = NULL, *cause = NULL;
	size_t			 outlen = 0, i;
	int			 code = 0, r;

	cs = case_open(c, step, want, &fd);
	f = open_memstream(&out, &outlen);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1) {
		ck_assert(want == 0 || rec.n <= want);
		fprintf(f, "%lu-%lu@%llu{", rec.line, rec.end_line,
		    (unsigned long long)rec.offset);
		for (i = 0; i < rec.n && i < k; i++) {
			fputc('|', f);
			fwrite(rec.f[i].s, 1, rec.f[i].len, f);
		}
		fputc('}', f);
	}
	ck_assert_int_eq(r, 0);
	fprintf(f, "end@%llu", (unsigned long long)csv_offset(cs));
	csv_free(cs);
	fclose(f);
	return (out);
}

/* With fields_want, the records end where they do with every field kept, and their first fields are the same. */
START_TEST(test_csv_fields_want)
{
	const struct csv_case	*c = &csv_cases[_i];
	static const size_t	 steps[] = { 1, 7, SIZE_MAX };
	char			*all, *some;
	size_t			 s, k;

	for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		for (k = 1; k <= 2; k++) {
			all = csv_heads(c, steps[s], k, 0);
			some = csv_heads(c, steps[s], k, k);
			if (strcmp(all, some) != 0)
				ck_abort_msg("case %d, %zu bytes at a time, %zu "
				    "fields wanted: \"%s\", all kept: \"%s\"",
				    _i, steps[s], k, some, all);
			free(all);
			free(some);
		}
	}
}
END_TEST

/* A read error is passed through, after the records read before it, and stays. */
START_TEST(test_csv_read_error)
{
	struct csv_record	 rec;
	struct feed		 fd = { "a,b\nc,d\n", 8, 0, SIZE_MAX, 4 };
	struct csv		*cs;
	char			*cause = NULL;
	int			 code = 0;

	cs = csv_new(NULL, feed_read, &fd);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), 1);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert_str_eq(rec.f[1].s, "b");
	ck_assert_uint_eq(csv_offset(cs), 4);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), -1);
	ck_assert_int_eq(code, 74);
	ck_assert_str_eq(cause, "boom");
	free(cause);
	cause = NULL;
	code = 0;
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), -1);
	ck_assert_int_eq(code, 74);
	ck_assert_str_eq(cause, "boom");
	free(cause);
	csv_free(cs);

	/* In the middle of a record, and before the first byte. */
	fd.off = 0;
	fd.fail_at = 6;
	cs = csv_new(NULL, feed_read, &fd);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), 1);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), -1);
	free(cause);
	csv_free(cs);
	fd.off = 0;
	fd.fail_at = 0;
	cs = csv_new(NULL, feed_read, &fd);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), -1);
	ck_assert_str_eq(cause, "boom");
	free(cause);
	csv_free(cs);
}
END_TEST

/* 64 MB of lines after a quote that is never closed. */
struct gen {
	uint64_t	left;
	uint64_t	at;
};

static ssize_t
gen_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	struct gen	*g = arg;
	size_t		 i;

	if (n > g->left)
		n = (size_t)g->left;
	for (i = 0; i < n; i++, g->at++)
		buf[i] = g->at == 0 ? '"' : (g->at % 64 == 63 ? '\n' : 'x');
	g->left -= n;
	return ((ssize_t)n);
}

static long
max_rss_kb(void)
{
	struct rusage	ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return (ru.ru_maxrss);
}

START_TEST(test_csv_bounded)
{
	struct csv_record	 rec;
	struct gen		 g = { 64 << 20, 0 };
	struct csv		*cs;
	char			*cause = NULL;
	long			 before;
	int			 code = 0;

	before = max_rss_kb();
	cs = csv_new(NULL, gen_read, &g);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), 1);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.f[0].len, CSV_FIELD_MAX);
	ck_assert_str_eq(rec.problem, "quote not closed");
	ck_assert_uint_eq(rec.pline, 1);
	ck_assert_uint_eq(rec.pcol, 1);
	ck_assert_uint_eq(rec.end_line, (64 << 20) / 64 + 1);
	ck_assert_int_eq(csv_next(cs, &rec, &code, &cause), 0);
	ck_assert_uint_eq(csv_offset(cs), 64 << 20);
	csv_free(cs);
	/* The record limit and a read buffer, not the input. */
	ck_assert_int_lt(max_rss_kb() - before, 40 * 1024);
}
END_TEST

Suite *
make_csv_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("csv");
	tc = tcase_create("tokenizer");
	tcase_add_loop_test(tc, test_csv_table, 0,
	    sizeof csv_cases / sizeof csv_cases[0]);
	tcase_add_loop_test(tc, test_csv_fields_want, 0,
	    sizeof csv_cases / sizeof csv_cases[0]);
	tcase_add_test(tc, test_csv_read_error);
	tcase_add_test(tc, test_csv_bounded);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (s);
}
