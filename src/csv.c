/*
 * csv.c - a streaming RFC 4180 tokenizer: records of fields from a
 * stream of bytes, in memory bounded by the longest record kept plus one
 * read buffer, whatever the input.
 *
 * - A record ends at LF, CRLF or a lone CR; the last one may lack a line
 *   end. A line end inside quotes is part of the field and counts a line.
 * - Blank lines (nothing at all between two line ends) are skipped, but
 *   counted in line numbers. A line of spaces is a record of one field.
 * - A UTF-8 byte order mark at the very start is skipped: offsets and the
 *   columns of line 1 count from after it. (UTF-16 is decoded to UTF-8 by
 *   src/input.c before the tokenizer sees it.)
 * - A field that begins with the quote is quoted: delimiters and line ends
 *   in it are text, "" in it is one quote. Unquoted fields are taken as
 *   they are, spaces included. A trailing delimiter makes an empty last
 *   field. With quote -1, quotes are ordinary bytes.
 * - Lines and columns are 1-based; a column counts bytes from the start
 *   of its line, and a quoted field starts at its opening quote.
 * - Problems: the record is still returned, best effort, with the first
 *   problem's text and position; later ones in the same record are not
 *   told, and the next record begins after this one's real end:
 *	"quote inside an unquoted field" (ab"c: at the quote, kept as text);
 *	"text after a closing quote" ("ab"c: at the c, which is kept);
 *	"quote not closed" (the field runs to the end of the input: at the
 *	opening quote; it replaces a length problem of that same field);
 *	"NUL byte" (kept); "invalid UTF-8" (at the first bad byte, kept: an
 *	overlong form, a surrogate, past U+10FFFF, a lone continuation byte
 *	or a cut sequence, and U+FFFE and U+FFFF as XML input refuses them:
 *	the one check, utf8_len in src/fmt.c);
 *	"field longer than 1 MiB" (field_max: the field is cut there, the
 *	rest of it skipped; at the field's start);
 *	"record longer than 16 MiB" (record_max, counting a byte for the
 *	end of each field: the field is cut there and the rest of the record
 *	is skipped to its real end, quotes still followed, without being
 *	kept; at the start of the field that crossed the limit);
 *	"record with more than 65536 fields" (fields_max: likewise, at the
 *	start of the first field left out).
 * A caller that uses only the first fields (fields_want) gets those: the
 * rest of a record is read past to its real end, kept nowhere, and is no
 * problem; plain fields by a table of their own, the rest as above.
 *
 * Fields point into the tokenizer's buffer: the byte after a field (its
 * delimiter or line end) becomes its NUL, and quoted fields are unescaped
 * in place, shifting the rest of the record left. The scan stops only at
 * the bytes a 256-entry table marks (delimiter, quote, CR, LF, NUL and
 * bytes from 0x80), with a NUL placed after the data as a sentinel.
 */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fmt.h"
#include "xmalloc.h"

/* Bytes asked of the source at a time, and the buffer to begin with. */
#define CSV_CHUNK	(256 * 1024)
#define CSV_FIRST	(64 * 1024)
/* Room beyond the data: the sentinel, and a NUL written there at the end. */
#define CSV_SLACK	16


enum csv_state {
	ST_RECORD,	/* between records: blank lines skipped */
	ST_FIELD,	/* at the start of a field */
	ST_PLAIN,	/* in an unquoted field */
	ST_QUOTED,	/* in a quoted field */
	ST_QUOTE	/* after a quote in a quoted field: "" or its end */
};

struct csv {
	csv_read_fn	 read;
	void		*arg;
	int		 delim;
	int		 quote;
	size_t		 field_max;
	size_t		 record_max;
	size_t		 fields_max;
	size_t		 fields_want;	/* csv_opts.fields_want, SIZE_MAX for all */

	unsigned char	 plain[256];	/* bytes that stop an unquoted run */
	unsigned char	 quoted[256];	/* bytes that stop a quoted run */
	unsigned char	 skip[256];	/* bytes that stop a run not wanted (fields_want) */

	char		*buf;
	size_t		 cap;		/* allocated, CSV_SLACK included */
	size_t		 maxcap;
	size_t		 end;		/* bytes of data in buf */
	size_t		 r;		/* the next byte to read */
	size_t		 w;		/* where the record's next byte goes */
	size_t		 rs;		/* where the record begins */
	uint64_t	 base;		/* stream offset of buf[0] */
	int		 eof;
	int		 bom;		/* the start was looked at */
	int		 failed;
	int		 fail_code;
	char		*fail_msg;

	enum csv_state	 state;
	unsigned long	 line;
	uint64_t	 lstart;	/* stream offset where the line begins */
	uint64_t	 done;		/* csv_offset */

	/* The record being built. */
	struct csv_field *f;
	size_t		 *fo;		/* the fields' offsets while csv_fill moves them */
	size_t		  n;
	size_t		  fcap;
	int		  rkeep;	/* the record is still kept */
	int		  fkeep;	/* the field is still kept */
	int		  fin;		/* the field is in the record */
	size_t		  fstart;	/* its offset from rs */
	size_t		  flen;
	unsigned long	  fline;
	unsigned	  fcol;
	struct csv_record rec;

	char		  field_msg[48];
	char		  record_msg[48];
	char		  fields_msg[48];
};

static const char csv_quote_inside[] = "quote inside an unquoted field";
static const char csv_after_quote[] = "text after a closing quote";
static const char csv_unclosed[] = "quote not closed";
static const char csv_nul[] = "NUL byte";
static const char csv_utf8[] = "invalid UTF-8";

/* A size as the messages say it: "1 MiB", "64 KiB", "100 bytes". */
static void
csv_size(char *buf, size_t size, const char *what, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%s %zu MiB", what, n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, size, "%s %zu KiB", what, n / 1024);
	else
		snprintf(buf, size, "%s %zu byte%s", what, n, n == 1 ? "" : "s");
}

struct csv *
csv_new(const struct csv_opts *o, csv_read_fn fn, void *arg)
{
	struct csv	*cs;
	int		 c;

	cs = xcalloc(1, sizeof *cs);
	cs->read = fn;
	cs->arg = arg;
	cs->delim = o != NULL ? (unsigned char)o->delim : ',';
	cs->quote = o != NULL ? o->quote : '"';
	if (cs->quote != -1)
		cs->quote = (unsigned char)cs->quote;
	cs->field_max = o != NULL && o->field_max != 0 ? o->field_max :
	    CSV_FIELD_MAX;
	cs->record_max = o != NULL && o->record_max != 0 ? o->record_max :
	    CSV_RECORD_MAX;
	cs->fields_max = o != NULL && o->fields_max != 0 ? o->fields_max :
	    CSV_FIELDS_MAX;
	cs->fields_want = o != NULL && o->fields_want != 0 ? o->fields_want :
	    SIZE_MAX;
	if (cs->record_max > SIZE_MAX / 2 - CSV_CHUNK)
		cs->record_max = SIZE_MAX / 2 - CSV_CHUNK;
	csv_size(cs->field_msg, sizeof cs->field_msg, "field longer than",
	    cs->field_max);
	csv_size(cs->record_msg, sizeof cs->record_msg, "record longer than",
	    cs->record_max);
	snprintf(cs->fields_msg, sizeof cs->fields_msg,
	    "record with more than %zu fields", cs->fields_max);

	for (c = 0x80; c < 256; c++)
		cs->plain[c] = cs->quoted[c] = 1;
	cs->plain['\0'] = cs->quoted['\0'] = 1;
	cs->plain['\r'] = cs->quoted['\r'] = 1;
	cs->plain['\n'] = cs->quoted['\n'] = 1;
	cs->plain[cs->delim] = 1;
	if (cs->quote != -1)
		cs->plain[cs->quote] = cs->quoted[cs->quote] = 1;
	/* Past the fields wanted, only where the record ends matters. */
	cs->skip['\0'] = cs->skip['\r'] = cs->skip['\n'] = 1;
	cs->skip[cs->delim] = 1;
	if (cs->quote != -1)
		cs->skip[cs->quote] = 1;

	cs->maxcap = cs->record_max + CSV_CHUNK + CSV_SLACK;
	cs->cap = CSV_FIRST + CSV_SLACK;
	if (cs->cap > cs->maxcap)
		cs->cap = cs->maxcap;
	cs->buf = xmalloc(cs->cap);
	cs->buf[0] = '\0';
	cs->line = 1;
	cs->state = ST_RECORD;
	return (cs);
}

void
csv_free(struct csv *cs)
{
	if (cs == NULL)
		return;
	free(cs->buf);
	free(cs->f);
	free(cs->fo);
	free(cs->fail_msg);
	free(cs);
}

uint64_t
csv_offset(const struct csv *cs)
{
	return (cs->done);
}

/*
 * More bytes: keep the record so far [rs, w) and the bytes not yet read
 * [r, end) at the start of the buffer, then read after them. Returns 0
 * (eof set at the end of the input) or -1 when the source failed.
 */
static int
csv_fill(struct csv *cs)
{
	size_t		 kept, unread, room, want, i;
	ssize_t		 got;
	const char	*msg = NULL;
	int		 code = 0;

	if (cs->state == ST_RECORD) {
		cs->rs = cs->w = cs->r;
		cs->n = 0;
	}
	kept = cs->w - cs->rs;
	unread = cs->end - cs->r;
	for (i = 0; i < cs->n; i++)
		cs->fo[i] = (size_t)(cs->f[i].s - (cs->buf + cs->rs));
	if (cs->rs != 0 && kept != 0)
		memmove(cs->buf, cs->buf + cs->rs, kept);
	if (cs->r != kept && unread != 0)
		memmove(cs->buf + kept, cs->buf + cs->r, unread);
	cs->base += cs->r - kept;
	cs->rs = 0;
	cs->w = cs->r = kept;
	cs->end = kept + unread;

	room = cs->cap - CSV_SLACK - cs->end;
	if (room < CSV_CHUNK && cs->cap < cs->maxcap) {
		want = cs->cap * 2;
		if (want < cs->end + CSV_CHUNK + CSV_SLACK)
			want = cs->end + CSV_CHUNK + CSV_SLACK;
		if (want > cs->maxcap)
			want = cs->maxcap;
		cs->buf = xreallocarray(cs->buf, 1, want);
		cs->cap = want;
		room = cs->cap - CSV_SLACK - cs->end;
	}
	for (i = 0; i < cs->n; i++)
		cs->f[i].s = cs->buf + cs->fo[i];
	if (room > CSV_CHUNK)
		room = CSV_CHUNK;
	got = cs->read(cs->arg, cs->buf + cs->end, room, &code, &msg);
	if (got < 0) {
		cs->failed = 1;
		cs->fail_code = code;
		cs->fail_msg = xstrdup(msg != NULL ? msg : "read error");
		cs->buf[cs->end] = '\0';
		return (-1);
	}
	if (got == 0)
		cs->eof = 1;
	cs->end += (size_t)got;
	cs->buf[cs->end] = '\0';	/* the sentinel */
	return (0);
}

/* The stream offset of buffer position i. */
#define CSV_POS(cs, i)	((cs)->base + (i))

static unsigned
csv_col(const struct csv *cs, size_t i)
{
	uint64_t	c = CSV_POS(cs, i) - cs->lstart + 1;

	return (c > UINT_MAX ? UINT_MAX : (unsigned)c);
}

static void
csv_problem(struct csv *cs, const char *what, unsigned long line,
    unsigned col)
{
	if (cs->rec.problem != NULL)
		return;
	cs->rec.problem = what;
	cs->rec.pline = line;
	cs->rec.pcol = col;
}

/* A line ends before position i. */
static void
csv_newline(struct csv *cs, size_t i)
{
	cs->line++;
	cs->lstart = CSV_POS(cs, i);
}

/* Keep len bytes at buf + from in the field, within its and the record's limits. */
static void
csv_put(struct csv *cs, size_t from, size_t len)
{
	size_t	k = len, kf, kr;

	if (!cs->fkeep)
		return;
	/*
	 * What each limit leaves room for (each field's end counts one byte
	 * of the record, and used < record_max here): the one the bytes meet
	 * first is the problem, as if they came one at a time.
	 */
	kf = cs->field_max - cs->flen;
	kr = cs->record_max - 1 - (cs->w - cs->rs);
	if (k > kf && kf <= kr) {
		k = kf;
		csv_problem(cs, cs->field_msg, cs->fline, cs->fcol);
		cs->fkeep = 0;
	} else if (k > kr) {
		k = kr;
		csv_problem(cs, cs->record_msg, cs->fline, cs->fcol);
		cs->fkeep = cs->rkeep = 0;
	}
	if (k == 0)
		return;
	if (cs->w != from)
		memmove(cs->buf + cs->w, cs->buf + from, k);
	cs->w += k;
	cs->flen += k;
}

/* Room for one more field, if the record may have it. */
static int
csv_room(struct csv *cs)
{
	size_t	want;

	if (cs->n < cs->fcap)
		return (1);
	if (cs->n >= cs->fields_max)
		return (0);
	want = cs->fcap == 0 ? 16 : cs->fcap * 2;
	if (want > cs->fields_max)
		want = cs->fields_max;
	cs->f = xreallocarray(cs->f, want, sizeof *cs->f);
	cs->fo = xreallocarray(cs->fo, want, sizeof *cs->fo);
	cs->fcap = want;
	return (1);
}

static void
csv_field_begin(struct csv *cs)
{
	cs->fstart = cs->w - cs->rs;
	cs->flen = 0;
	cs->fline = cs->line;
	cs->fcol = csv_col(cs, cs->r);
	cs->fkeep = cs->rkeep;
	if (cs->rkeep && cs->n == cs->fields_want)
		cs->fkeep = cs->rkeep = 0;	/* what follows is not wanted */
	else if (cs->rkeep && cs->n == cs->fields_max) {
		csv_problem(cs, cs->fields_msg, cs->fline, cs->fcol);
		cs->fkeep = cs->rkeep = 0;
	} else if (cs->rkeep && cs->w - cs->rs + 1 > cs->record_max) {
		csv_problem(cs, cs->record_msg, cs->fline, cs->fcol);
		cs->fkeep = cs->rkeep = 0;
	}
	cs->fin = cs->fkeep;
	cs->state = ST_FIELD;
}

static void
csv_field_end(struct csv *cs)
{
	if (!cs->fin)
		return;		/* left out: past the record's limits */
	(void)csv_room(cs);	/* csv_field_begin saw n < fields_max */
	cs->f[cs->n].s = cs->buf + cs->rs + cs->fstart;
	cs->f[cs->n].len = cs->flen;
	cs->f[cs->n].line = cs->fline;
	cs->f[cs->n].col = cs->fcol;
	cs->n++;
	cs->buf[cs->w++] = '\0';
}

/* A record begins at r. */
static void
csv_record_begin(struct csv *cs)
{
	cs->rs = cs->w = cs->r;
	cs->n = 0;
	cs->rkeep = 1;
	memset(&cs->rec, 0, sizeof cs->rec);
	cs->rec.line = cs->line;
	cs->rec.offset = CSV_POS(cs, cs->r);
}

/* The record is whole: hand it over, ending on line end_line. */
static int
csv_record_end(struct csv *cs, struct csv_record *rec, unsigned long end_line)
{
	cs->rec.f = cs->f;
	cs->rec.n = cs->n;
	cs->rec.end_line = end_line;
	cs->done = CSV_POS(cs, cs->r);
	cs->state = ST_RECORD;
	*rec = cs->rec;
	return (1);
}

/* The first byte from p that tab says stops the scan (the sentinel at the latest). */
static inline const unsigned char *
csv_scan(const unsigned char *tab, const unsigned char *p)
{
	for (;;) {
		if (tab[p[0]])
			return (p);
		if (tab[p[1]])
			return (p + 1);
		if (tab[p[2]])
			return (p + 2);
		if (tab[p[3]])
			return (p + 3);
		p += 4;
	}
}

/*
 * Keep the bytes from r up to one that tab stops at: that byte, or -1 at
 * the end of the buffer.
 */
static int
csv_run(struct csv *cs, const unsigned char *tab)
{
	const unsigned char	*b = (const unsigned char *)cs->buf, *p;
	size_t			 k;

	p = csv_scan(tab, b + cs->r);
	if ((k = (size_t)(p - (b + cs->r))) != 0) {
		csv_put(cs, cs->r, k);
		cs->r += k;
	}
	return (cs->r == cs->end ? -1 : *p);
}

/*
 * A NUL or a character from 0x80 at r, kept: 0, or -1 when more bytes are
 * needed to tell whether it is UTF-8.
 */
static int
csv_odd(struct csv *cs, int c)
{
	size_t	k, left = cs->end - cs->r;

	if (c == '\0') {
		csv_problem(cs, csv_nul, cs->line, csv_col(cs, cs->r));
		csv_put(cs, cs->r, 1);
		cs->r++;
		return (0);
	}
	k = utf8_len((const unsigned char *)cs->buf + cs->r, left);
	if (k == 0 && left < 4 && !cs->eof)
		return (-1);
	if (k == 0) {
		csv_problem(cs, csv_utf8, cs->line, csv_col(cs, cs->r));
		k = 1;
	}
	csv_put(cs, cs->r, k);
	cs->r += k;
	return (0);
}

/*
 * The usual fields, at the start of one (r): unquoted, or quoted without
 * "" or a line end, each ended by a delimiter or a line end already in
 * the buffer, within the limits. Returns 1 when the record ended (r and
 * the line past it), else 0 with the field that is not usual begun.
 */
static int
csv_fast(struct csv *cs)
{
	const unsigned char	*b = (const unsigned char *)cs->buf;
	const unsigned char	*p, *q, *src, *end = b + cs->end;
	char			*w = cs->buf + cs->w;
	size_t			 len, rs = cs->rs, n = cs->n;
	int			 c, quote = cs->quote, delim = cs->delim;

	p = b + cs->r;
	if (!cs->rkeep)
		goto slow;
	for (;;) {
		if (*p == quote) {
			src = p + 1;
			q = csv_scan(cs->quoted, src);
			if (*q != quote || q == end)
				goto slow;
			len = (size_t)(q - src);
			q++;
		} else {
			src = p;
			q = csv_scan(cs->plain, src);
			len = (size_t)(q - src);
		}
		c = *q;
		if (q == end || (c != delim && c != '\n' && c != '\r') ||
		    (c == '\r' && q + 1 == end && !cs->eof))
			goto slow;
		if (len > cs->field_max ||
		    (size_t)(w - cs->buf) - rs + len + 1 > cs->record_max)
			goto slow;
		if (n == cs->fields_want)
			goto skip;
		if (n == cs->fcap) {
			cs->n = n;
			if (!csv_room(cs))
				goto slow;
		}
		cs->f[n].s = w;
		cs->f[n].len = len;
		cs->f[n].line = cs->line;
		cs->f[n].col = csv_col(cs, (size_t)(p - b));
		n++;
		if ((const unsigned char *)w != src)
			memmove(w, src, len);
		w += len;
		*w++ = '\0';
		p = q + 1;
		if (c != delim)
			goto done;
	}
skip:
	/*
	 * The fields after those wanted: plain ones are read past to the
	 * record's end, anything else (a quote, a NUL, the buffer's end) is
	 * left to the slow path, which keeps nothing more (csv_field_begin).
	 */
	for (;;) {
		q = csv_scan(cs->skip, p);
		c = *q;
		if (q == end || (c != delim && c != '\n' && c != '\r') ||
		    (c == '\r' && q + 1 == end && !cs->eof))
			goto slow;
		p = q + 1;
		if (c != delim)
			goto done;
	}
done:
	/* The record ends at c, just before p. */
	if (c == '\r' && *p == '\n' && p != end)
		p++;
	cs->n = n;
	cs->w = (size_t)(w - cs->buf);
	cs->r = (size_t)(p - b);
	return (1);
slow:
	cs->n = n;
	cs->w = (size_t)(w - cs->buf);
	cs->r = (size_t)(p - b);
	csv_field_begin(cs);
	return (0);
}

/* The bytes of the line end c at r (CR, LF or CRLF), or 0 when the byte after a CR is still to be read. */
static size_t
csv_eol(const struct csv *cs, int c)
{
	if (c == '\n')
		return (1);
	if (cs->r + 1 == cs->end)
		return (cs->eof ? 1 : 0);
	return (cs->buf[cs->r + 1] == '\n' ? 2 : 1);
}

int
csv_next(struct csv *cs, struct csv_record *rec, int *code, char **cause)
{
	const unsigned char	*b;
	unsigned long		 end_line;
	size_t			 k;
	int			 c;

	if (cs->failed)
		goto failed;
	if (!cs->bom) {
		while (cs->end < 3 && !cs->eof &&
		    memcmp(cs->buf, "\xef\xbb\xbf", cs->end) == 0) {
			if (csv_fill(cs) != 0)
				goto failed;
		}
		if (cs->end >= 3 && memcmp(cs->buf, "\xef\xbb\xbf", 3) == 0) {
			cs->r = 3;
			cs->base = -(uint64_t)3;	/* offset 0 after it */
		}
		cs->bom = 1;
	}
	for (;;) {
		if (cs->r == cs->end) {
			if (cs->eof)
				break;
			if (csv_fill(cs) != 0)
				goto failed;
			continue;
		}
		b = (const unsigned char *)cs->buf;
		switch (cs->state) {
		case ST_RECORD:
			c = b[cs->r];
			if (c == '\n' || c == '\r') {
				/* A blank line. */
				if ((k = csv_eol(cs, c)) == 0)
					goto more;
				cs->r += k;
				csv_newline(cs, cs->r);
				continue;
			}
			csv_record_begin(cs);
			if (csv_fast(cs))
				goto line_end;
			/* FALLTHROUGH */
		case ST_FIELD:
			if (cs->r == cs->end)
				continue;	/* csv_fast stopped there */
			if (b[cs->r] == cs->quote) {
				cs->r++;
				cs->state = ST_QUOTED;
				continue;
			}
			cs->state = ST_PLAIN;
			/* FALLTHROUGH */
		case ST_PLAIN:
			if ((c = csv_run(cs, cs->plain)) == -1)
				continue;
			if (c == cs->delim) {
				csv_field_end(cs);
				cs->r++;
				if (csv_fast(cs))
					goto line_end;
				continue;
			}
			if (c == '\n' || c == '\r') {
				if ((k = csv_eol(cs, c)) == 0)
					goto more;
				csv_field_end(cs);
				cs->r += k;
				goto line_end;
			}
			if (c == cs->quote) {
				csv_problem(cs, csv_quote_inside, cs->line,
				    csv_col(cs, cs->r));
				csv_put(cs, cs->r, 1);
				cs->r++;
				continue;
			}
			if (csv_odd(cs, c) != 0)
				goto more;
			continue;
		case ST_QUOTED:
			if ((c = csv_run(cs, cs->quoted)) == -1)
				continue;
			if (c == cs->quote) {
				cs->r++;
				cs->state = ST_QUOTE;
				continue;
			}
			if (c == '\n' || c == '\r') {
				if ((k = csv_eol(cs, c)) == 0)
					goto more;
				csv_put(cs, cs->r, k);
				cs->r += k;
				csv_newline(cs, cs->r);
				continue;
			}
			if (csv_odd(cs, c) != 0)
				goto more;
			continue;
		case ST_QUOTE:
			c = b[cs->r];
			if (c == cs->quote) {
				/* "" */
				csv_put(cs, cs->r, 1);
				cs->r++;
				cs->state = ST_QUOTED;
				continue;
			}
			if (c != cs->delim && c != '\r' && c != '\n')
				csv_problem(cs, csv_after_quote, cs->line,
				    csv_col(cs, cs->r));
			cs->state = ST_PLAIN;
			continue;
		}
		continue;
more:
		/* More bytes to tell what the byte at r is. */
		if (csv_fill(cs) != 0)
			goto failed;
	}

	/* The end of the input. */
	if (cs->state == ST_RECORD) {
		cs->done = CSV_POS(cs, cs->r);
		return (0);
	}
	if (cs->state == ST_QUOTED) {
		/* The length problem of this field came from the quote. */
		if ((cs->rec.problem == cs->field_msg ||
		    cs->rec.problem == cs->record_msg) &&
		    cs->rec.pline == cs->fline && cs->rec.pcol == cs->fcol)
			cs->rec.problem = NULL;
		csv_problem(cs, csv_unclosed, cs->fline, cs->fcol);
	}
	csv_field_end(cs);
	return (csv_record_end(cs, rec, cs->line));

line_end:
	end_line = cs->line;
	csv_newline(cs, cs->r);
	return (csv_record_end(cs, rec, end_line));

failed:
	*code = cs->fail_code;
	*cause = xstrdup(cs->fail_msg);
	return (-1);
}
