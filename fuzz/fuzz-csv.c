/*
 * fuzz-csv.c - the CSV tokenizer (src/csv.c). The first two bytes choose
 * the delimiter, the quote (or none), small or default limits and the
 * size of the reads; the rest is the input. It is tokenized twice, read
 * in pieces and all at once, which must give the same records. Every
 * record must keep within the limits, its fields NUL-terminated, its
 * lines and offsets in order, and a record without a problem must read
 * back the same when written again with every field quoted. Read a third
 * time wanting only the first one to three fields (fields_want), the
 * records must end where they did, their first fields the same.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz.h"


/* Every record of s: its fields and problems in out (allocated). */
static char *
tokens(const struct csv_opts *o, const char *s, size_t len, size_t step,
    size_t *outlen, int again);

/* A record without a problem, written again with every field quoted, gives the same fields. */
static void
reread(const struct csv_opts *o, const struct csv_record *rec)
{
	struct csv_opts	 o2 = *o;
	char		*line = NULL, *got, *want;
	size_t		 size = 0, i, j, glen, wlen;
	FILE		*f;

	f = open_memstream(&line, &size);
	for (i = 0; i < rec->n; i++) {
		if (i > 0)
			fputc(o->delim, f);
		fputc(o->quote, f);
		for (j = 0; j < rec->f[i].len; j++) {
			if (rec->f[i].s[j] == o->quote)
				fputc(o->quote, f);
			fputc(rec->f[i].s[j], f);
		}
		fputc(o->quote, f);
	}
	fputc('\n', f);
	fclose(f);
	o2.field_max = o2.record_max = o2.fields_max = 0;
	got = tokens(&o2, line, size, size, &glen, 0);
	f = open_memstream(&want, &wlen);
	fputc('{', f);
	for (i = 0; i < rec->n; i++) {
		fwrite(rec->f[i].s, 1, rec->f[i].len, f);
		fputc('\x1f', f);
	}
	fputc('}', f);
	fclose(f);
	if (glen != wlen || memcmp(got, want, glen) != 0)
		FAIL("fuzz-csv: a record written again reads otherwise");
	free(got);
	free(want);
	free(line);
}

static char *
tokens(const struct csv_opts *o, const char *s, size_t len, size_t step,
    size_t *outlen, int again)
{
	struct csv_record	 rec;
	struct fuzz_feed		 fd = { s, len, 0, step };
	struct csv		*cs;
	FILE			*f;
	char			*out = NULL, *cause = NULL;
	size_t			 i, used, fmax, rmax, nmax;
	uint64_t		 last = 0;
	unsigned long		 line = 0;
	int			 code, r, bom;

	fmax = o->field_max != 0 ? o->field_max : CSV_FIELD_MAX;
	rmax = o->record_max != 0 ? o->record_max : CSV_RECORD_MAX;
	nmax = o->fields_max != 0 ? o->fields_max : CSV_FIELDS_MAX;
	bom = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0;
	cs = csv_new(o, fuzz_feed_read, &fd);
	f = open_memstream(&out, outlen);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1) {
		if (rec.n == 0 || rec.n > nmax || rec.line <= line ||
		    rec.end_line < rec.line || rec.offset < last ||
		    csv_offset(cs) <= rec.offset)
			FAIL("fuzz-csv: record %lu out of order", rec.line);
		line = rec.end_line;
		last = csv_offset(cs);
		fputc('{', f);
		for (i = used = 0; i < rec.n; i++) {
			if (rec.f[i].len > fmax || rec.f[i].s[rec.f[i].len] != '\0')
				FAIL("fuzz-csv: field %zu of line %lu", i,
				    rec.line);
			if (rec.problem == NULL && (memchr(rec.f[i].s, '\0',
			    rec.f[i].len) != NULL || rec.f[i].line < rec.line ||
			    rec.f[i].line > rec.end_line))
				FAIL("fuzz-csv: a NUL without a problem");
			used += rec.f[i].len + 1;
			fwrite(rec.f[i].s, 1, rec.f[i].len, f);
			fputc('\x1f', f);
		}
		if (used > rmax)
			FAIL("fuzz-csv: record of line %lu: %zu bytes", rec.line,
			    used);
		fputc('}', f);
		if (rec.problem != NULL)
			fprintf(f, "!%s@%lu:%u", rec.problem, rec.pline,
			    rec.pcol);
		else if (again && o->quote != -1)
			reread(o, &rec);
	}
	if (r != 0)
		FAIL("fuzz-csv: csv_next gave %d", r);
	if (csv_offset(cs) != len - (bom ? 3 : 0))
		FAIL("fuzz-csv: %llu bytes consumed of %zu",
		    (unsigned long long)csv_offset(cs), len);
	csv_free(cs);
	fclose(f);
	return (out);
}

/* Each record's lines, offset and first k fields; with fields_want k when want. */
static char *
heads(const struct csv_opts *o, const char *s, size_t len, size_t k, int want)
{
	struct csv_opts		 o2 = *o;
	struct csv_record	 rec;
	struct fuzz_feed		 fd = { s, len, 0, len };
	struct csv		*cs;
	FILE			*f;
	char			*out = NULL, *cause = NULL;
	size_t			 outlen, i;
	int			 code;

	o2.fields_want = want ? k : 0;
	cs = csv_new(&o2, fuzz_feed_read, &fd);
	f = open_memstream(&out, &outlen);
	while (csv_next(cs, &rec, &code, &cause) == 1) {
		if (want && rec.n > k)
			FAIL("fuzz-csv: %zu fields of %zu wanted", rec.n, k);
		fprintf(f, "%lu-%lu@%llu{", rec.line, rec.end_line,
		    (unsigned long long)rec.offset);
		for (i = 0; i < rec.n && i < k; i++) {
			fwrite(rec.f[i].s, 1, rec.f[i].len, f);
			fputc('\x1f', f);
		}
		fputc('}', f);
	}
	fprintf(f, "@%llu", (unsigned long long)csv_offset(cs));
	csv_free(cs);
	fclose(f);
	return (out);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int	 delims[] = { ',', ';', '\t', '|' };
	struct csv_opts		 o;
	const char		*s = (const char *)data + 2;
	char			*a, *b;
	size_t			 len, alen, blen;

	if (size < 2)
		return (0);
	len = size - 2;
	memset(&o, 0, sizeof o);
	o.delim = delims[data[0] & 3];
	o.quote = (data[0] & 4) ? -1 : ((data[0] & 8) ? '\'' : '"');
	if (data[0] & 16) {
		o.field_max = 1 + (data[1] & 15);
		o.record_max = 1 + (data[1] >> 4) * 4;
		o.fields_max = 1 + (data[0] >> 5);
	}
	a = tokens(&o, s, len, len, &alen, 1);
	b = tokens(&o, s, len, 1 + (data[1] & 7), &blen, 0);
	if (alen != blen || memcmp(a, b, alen) != 0)
		FAIL("fuzz-csv: read in pieces, the input reads otherwise");
	free(a);
	free(b);
	a = heads(&o, s, len, 1 + len % 3, 0);
	b = heads(&o, s, len, 1 + len % 3, 1);
	if (strcmp(a, b) != 0)
		FAIL("fuzz-csv: with fields_want, the records end otherwise");
	free(a);
	free(b);
	return (0);
}
