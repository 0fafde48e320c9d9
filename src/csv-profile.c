/*
 * csv-profile.c - what the columns of a CSV file that has no mapping yet
 * hold, for mot inspect: each column's values, missing cells, distinct
 * values (src/distinct.c) and whether it holds times; then a <csv>
 * mapping for a person to start from. Pure: no I/O (the skeleton is
 * written to memory).
 *
 * Bounded memory on any input: at most CSVPROF_COLS_MAX columns (the
 * first record fixes them; longer rows add none), CSVPROF_DISTINCT_EXACT
 * values kept per column and each at most CSVPROF_VALUE_MAX bytes (a
 * longer one by its start and its hash), CSVPROF_TIME_SAMPLE values of
 * at most CSVPROF_TIME_LEN bytes kept per column to be tried as times.
 * Rows equal to the header are left out, as the reader does.
 *
 * Times. A column is a time column when every value sampled (its first
 * CSVPROF_TIME_SAMPLE non-missing ones) reads in one format: ISO 8601
 * first (isotime_parse, as mot reads times without time-format), then
 * the formats of cand_formats in their order, the first that reads them
 * all winning; day-first before month-first, so a value such as
 * 03/04/2026 reads day first, and day_month_ambiguous says that the
 * other order read every value too. A column that is all integers is
 * never a time (ids and counts). A column whose values are all times
 * of day without a date is clock_only, not a time column: no mapping can
 * read it. A value that is longer than CSVPROF_TIME_LEN, has no digit,
 * or holds a NUL byte makes its column no time at once.
 *
 * The skeleton. Columns a mapping cannot name are never chosen: an empty
 * name, a name the header has twice (the reader refuses it), one with
 * bytes XML cannot carry; and for name-columns, whose value is split at
 * white space, a name with a space.
 * - The journey column: pm4py's "case:concept:name" if there is one;
 *   else the non-time column whose name looks like an id (contains, in
 *   any case, "case", "id", "number", "key", "ticket", "order" or
 *   "incident") with the most distinct values; else the non-time column
 *   with the most distinct values and no missing cell. Ties go to the
 *   first column.
 * - Event log or case table: an event log when the journey column has
 *   repeats. While the count is exact that is distinct < values; past
 *   CSVPROF_DISTINCT_EXACT, when a kept value came twice before the limit
 *   or the estimate is below the values by more than four standard
 *   errors of the HyperLogLog.
 * - An event log gets one <touchpoint name-columns="ACT" at="TIME"/>:
 *   ACT is pm4py's "concept:name" if present, else the non-time,
 *   non-journey column with the fewest distinct values, at least 2,
 *   among those whose name looks like an activity ("concept:name",
 *   "activity", "event", "state", "status", "action", "task", "step"),
 *   else among all; TIME is the first time column, and a comment lists
 *   the others. A case table gets <touchpoint name="COL" at="COL"/> for
 *   each time column.
 * - The <csv> start tag: delimiter= when not ',' (\t for a tab),
 *   header="no" without a header, time-format= when the time columns
 *   used share one format other than ISO 8601 (when they differ, a
 *   comment says so and the first column's is given), and zone="UTC"
 *   with a comment to replace it when any of them has a time without a
 *   UTC offset.
 * - Up to CSVPROF_ATTRS <attribute column="..."/>, in column order: the
 *   other non-time columns with at least 2 distinct values and at most
 *   half as many as there are journeys (segments: a tier, a channel).
 * Names are escaped for XML by markup_text; in comments, bytes XML cannot
 * hold become '?' and "--" is broken by a space.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-profile.h"
#include "fmt.h"
#include "strtab.h"
#include "timefmt.h"
#include "xmalloc.h"

/* Attributes the skeleton suggests, at most. */
#define CSVPROF_ATTRS	8

/* The formats tried after ISO 8601, in order: the first that reads every value wins. */
static const char *const cand_formats[] = {
	"%d-%m-%Y %H:%M:%S",
	"%d-%m-%Y %H:%M",
	"%d/%m/%Y %H:%M:%S",
	"%d/%m/%Y %H:%M",
	"%m/%d/%Y %H:%M:%S",
	"%m/%d/%Y %H:%M",
	"%m/%d/%Y %I:%M:%S %p",
	"%m/%d/%Y %I:%M %p",
	"%d.%m.%Y %H:%M:%S",
	"%d.%m.%Y %H:%M",
	"%Y/%m/%d %H:%M:%S",
	"%Y-%m-%d",
	"%d-%m-%Y",
	"%d/%m/%Y",
	"%m/%d/%Y",
	"%d.%m.%Y",
	"%d %b %Y %H:%M",
	"%d %b %Y %I:%M %p",
	/* ISO 8601 reads +hh:mm, +hhmm, +hh and Z; not a named zone. */
	"%Y-%m-%d %H:%M:%S %z",
};
#define NCAND	(sizeof cand_formats / sizeof cand_formats[0])

static const char *const id_words[] = {
	"case", "id", "number", "key", "ticket", "order", "incident", NULL
};
static const char *const activity_words[] = {
	"concept:name", "activity", "event", "state", "status", "action",
	"task", "step", NULL
};

/* What a column keeps until csvprof_finish. */
struct colwork {
	char	*sample;	/* the values to try as times, each NUL-terminated */
	size_t	 len, cap;
	size_t	 nsample;
	int	 no_time;	/* a value that no format reads */
	int	 not_int;	/* a value sampled that is not an integer */
};

struct csvprof {
	int			 header;
	int			 started;	/* the first record was seen */
	struct csvprof_col	*cols;
	struct colwork		*work;
	size_t			 ncols;
	size_t			 ncols_ignored;	/* fields of the first record past CSVPROF_COLS_MAX */
	size_t			 width;		/* fields of the first record */
	uint64_t		 rows;
	uint64_t		 rows_short, rows_long;
	uint64_t		 header_repeats;
	int			 finished;
};

struct csvprof *
csvprof_new(int header)
{
	struct csvprof	*p;

	p = xcalloc(1, sizeof *p);
	p->header = header;
	return (p);
}

/* Make the columns from the first record. */
static void
start(struct csvprof *p, const struct csv_record *r)
{
	size_t	i;

	p->started = 1;
	p->width = r->n;
	p->ncols = r->n < CSVPROF_COLS_MAX ? r->n : CSVPROF_COLS_MAX;
	p->ncols_ignored = r->n - p->ncols;
	p->cols = xcalloc(p->ncols, sizeof *p->cols);
	p->work = xcalloc(p->ncols, sizeof *p->work);
	for (i = 0; i < p->ncols; i++) {
		p->cols[i].name = p->header ? xstrndup(r->f[i].s, r->f[i].len) :
		    xasprintf("%zu", i + 1);
		distinct_init(&p->cols[i].distinct, CSVPROF_DISTINCT_EXACT);
	}
}

/* Whether a record is the header again. */
static int
is_header(const struct csvprof *p, const struct csv_record *r)
{
	size_t	i;

	if (!p->header || r->n != p->width)
		return (0);
	for (i = 0; i < p->ncols; i++) {
		if (r->f[i].len != strlen(p->cols[i].name) ||
		    memcmp(r->f[i].s, p->cols[i].name, r->f[i].len) != 0)
			return (0);
	}
	return (1);
}

/* Whether len bytes are an integer: digits, after a sign. */
static int
is_int(const char *s, size_t len)
{
	size_t	i = 0;

	if (len > 0 && (s[0] == '+' || s[0] == '-'))
		i++;
	if (i == len)
		return (0);
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (0);
	}
	return (1);
}

/* Whether len bytes hold a digit. */
static int
has_digit(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			return (1);
	}
	return (0);
}

/* Keep a value to be tried as a time, or rule the column out. */
static void
sample(struct colwork *w, const char *s, size_t len)
{
	if (w->no_time || w->nsample >= CSVPROF_TIME_SAMPLE)
		return;
	if (len > CSVPROF_TIME_LEN || memchr(s, '\0', len) != NULL ||
	    !has_digit(s, len)) {
		w->no_time = 1;
		free(w->sample);
		w->sample = NULL;
		w->len = w->cap = 0;
		return;
	}
	if (!is_int(s, len))
		w->not_int = 1;
	if (w->cap - w->len < len + 1) {
		w->cap = w->cap == 0 ? 1024 : w->cap * 2;
		if (w->cap - w->len < len + 1)
			w->cap = w->len + len + 1;
		w->sample = xreallocarray(w->sample, w->cap, 1);
	}
	memcpy(w->sample + w->len, s, len);
	w->sample[w->len + len] = '\0';
	w->len += len + 1;
	w->nsample++;
}

/* Count a value: a long one by its start (cut at a character), "..." and its hash. */
static void
count(struct distinct *d, const char *s, size_t len)
{
	char	buf[CSVPROF_VALUE_MAX + 3 + 16 + 1];
	size_t	k = CSVPROF_VALUE_MAX;

	if (len <= CSVPROF_VALUE_MAX) {
		distinct_add(d, s, len);
		return;
	}
	while (k > 0 && !UTF8_START(s[k]))
		k--;
	memcpy(buf, s, k);
	snprintf(buf + k, sizeof buf - k, "...%016llx",
	    (unsigned long long)hash_bytes(s, len));
	distinct_add(d, buf, k + 3 + 16);
}

void
csvprof_record(struct csvprof *p, const struct csv_record *r)
{
	const struct csv_field	*f;
	size_t			 i;

	if (p->finished)
		return;
	if (!p->started) {
		start(p, r);
		if (p->header)
			return;
	} else if (is_header(p, r)) {
		p->header_repeats++;
		return;
	}
	p->rows++;
	if (r->n < p->width)
		p->rows_short++;
	else if (r->n > p->width)
		p->rows_long++;
	for (i = 0; i < p->ncols; i++) {
		if (i >= r->n || r->f[i].len == 0) {
			p->cols[i].missing++;
			continue;
		}
		f = &r->f[i];
		p->cols[i].values++;
		count(&p->cols[i].distinct, f->s, f->len);
		sample(&p->work[i], f->s, f->len);
	}
}

size_t
csvprof_ncols(const struct csvprof *p)
{
	return (p->ncols);
}

size_t
csvprof_ncols_ignored(const struct csvprof *p)
{
	return (p->ncols_ignored);
}

uint64_t
csvprof_rows(const struct csvprof *p)
{
	return (p->rows);
}

void
csvprof_ragged(const struct csvprof *p, uint64_t *shorter, uint64_t *longer)
{
	*shorter = p->rows_short;
	*longer = p->rows_long;
}

uint64_t
csvprof_header_repeats(const struct csvprof *p)
{
	return (p->header_repeats);
}

const struct csvprof_col *
csvprof_col(const struct csvprof *p, size_t i)
{
	return (i < p->ncols ? &p->cols[i] : NULL);
}

/*
 * Whether every value sampled reads by tf (NULL: ISO 8601); then *offset
 * says whether every one had a UTC offset.
 */
static int
all_read(const struct colwork *w, const struct timefmt *tf, int *offset)
{
	const char	*s, *why;
	size_t		 i, len;
	mot_time	 t;
	int		 rv;

	*offset = 1;
	for (i = 0, s = w->sample; i < w->nsample; i++, s += len + 1) {
		len = strlen(s);
		rv = tf == NULL ? isotime_parse(s, len, NULL, &t, &why) :
		    timefmt_parse(tf, s, len, NULL, &t, &why);
		if (rv == TIMEFMT_NO_OFFSET)
			*offset = 0;
		else if (rv != 0)
			return (0);
	}
	return (1);
}

/* Whether every value sampled is a time of day alone. */
static int
all_clock(const struct colwork *w)
{
	const char	*s;
	size_t		 i, len;

	for (i = 0, s = w->sample; i < w->nsample; i++, s += len + 1) {
		len = strlen(s);
		if (!timefmt_is_clock_only(s, len))
			return (0);
	}
	return (1);
}

/* Whether a format with %d and %m, swapped, also reads every value. */
static int
swapped_reads(const struct colwork *w, const char *fmt)
{
	struct timefmt	*tf;
	char		*s, *d, *m, *cause;
	int		 offset, rv;

	s = xstrdup(fmt);
	if ((d = strstr(s, "%d")) == NULL || (m = strstr(s, "%m")) == NULL) {
		free(s);
		return (0);
	}
	d[1] = 'm';
	m[1] = 'd';
	if (timefmt_compile(s, &tf, &cause) != 0) {
		free(cause);
		free(s);
		return (0);
	}
	rv = all_read(w, tf, &offset);
	timefmt_free(tf);
	free(s);
	return (rv);
}

/* Decide whether a column holds times, and in what format. */
static void
decide(struct csvprof_col *c, const struct colwork *w,
    struct timefmt *const *tf)
{
	size_t	i;
	int	offset;

	if (w->nsample == 0 || w->no_time || !w->not_int)
		return;
	if (all_clock(w)) {
		c->clock_only = 1;
		return;
	}
	if (all_read(w, NULL, &offset)) {
		c->time_format = "";
		c->time_offset = offset;
		return;
	}
	for (i = 0; i < NCAND; i++) {
		if (tf[i] != NULL && all_read(w, tf[i], &offset)) {
			c->time_format = cand_formats[i];
			c->time_offset = offset;
			c->day_month_ambiguous = swapped_reads(w,
			    cand_formats[i]);
			return;
		}
	}
}

/* Whether a name is text that XML carries as it is (markup_text changes none of its bytes). */
static int
xml_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;

	while (left > 0) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return (0);
		if (*p == 0x7f || (n = utf8_len(p, left)) == 0)
			return (0);
		p += n;
		left -= n;
	}
	return (1);
}

/* Mark the columns a mapping cannot name. */
static void
mark_unusable(struct csvprof *p)
{
	struct csvprof_col	*c;
	size_t			 i, k;

	for (i = 0; i < p->ncols; i++) {
		c = &p->cols[i];
		if (c->name[0] == '\0' || !xml_text(c->name))
			c->unusable = 1;
		for (k = i + 1; k < p->ncols; k++) {
			if (strcmp(c->name, p->cols[k].name) == 0)
				c->unusable = p->cols[k].unusable = 1;
		}
	}
}

void
csvprof_finish(struct csvprof *p)
{
	struct timefmt	*tf[NCAND];
	char		*cause;
	size_t		 i;

	if (p->finished)
		return;
	p->finished = 1;
	for (i = 0; i < NCAND; i++) {
		if (timefmt_compile(cand_formats[i], &tf[i], &cause) != 0) {
			free(cause);
			tf[i] = NULL;
		}
	}
	for (i = 0; i < p->ncols; i++) {
		decide(&p->cols[i], &p->work[i], tf);
		free(p->work[i].sample);
		memset(&p->work[i], 0, sizeof p->work[i]);
	}
	for (i = 0; i < NCAND; i++)
		timefmt_free(tf[i]);
	mark_unusable(p);
}

/* Whether a name contains one of words, without ASCII case. */
static int
has_word(const char *name, const char *const *words)
{
	size_t	i, k, n, len = strlen(name);
	int	a, b;

	for (; *words != NULL; words++) {
		n = strlen(*words);
		for (i = 0; i + n <= len; i++) {
			for (k = 0; k < n; k++) {
				a = (unsigned char)name[i + k];
				b = (unsigned char)(*words)[k];
				if (a >= 'A' && a <= 'Z')
					a += 'a' - 'A';
				if (a != b)
					break;
			}
			if (k == n)
				return (1);
		}
	}
	return (0);
}

/* What the skeleton uses: column indexes, or -1. */
struct pick {
	long	 journey;
	int	 event_log;
	long	 act;
	long	*times;		/* the time columns, in order */
	size_t	 ntimes;
	size_t	 nused;		/* those the touchpoints use: the first, or all */
	long	 attrs[CSVPROF_ATTRS];
	size_t	 nattrs;
	int	 zone;		/* a time used without an offset */
	int	 formats_differ;
};

/* Whether column i may be chosen for a role other than a time. */
static int
plain(const struct csvprof *p, size_t i)
{
	const struct csvprof_col	*c = &p->cols[i];

	return (!c->unusable && c->time_format == NULL && !c->clock_only &&
	    c->values > 0);
}

/* Whether the journey column has a value twice. */
static int
has_repeats(const struct csvprof_col *c)
{
	const struct distinct	*d = &c->distinct;
	double			 se = 1.04 / 128;	/* 1.04/sqrt(2^DISTINCT_P) */
	size_t			 i, len;
	uint64_t		 n;

	if (distinct_is_exact(d))
		return (distinct_count(d) < c->values);
	for (i = 0; i < distinct_kept(d); i++) {
		(void)distinct_value(d, i, &len, &n);
		if (n > 1)
			return (1);
	}
	return ((double)distinct_count(d) < (double)c->values * (1 - 4 * se));
}

/* The journey column: case:concept:name, an id-like name, or the most distinct values without a missing cell. */
static long
pick_journey(const struct csvprof *p)
{
	long	j = -1;
	size_t	i;
	int	pass;

	for (i = 0; i < p->ncols; i++)
		if (plain(p, i) && strcmp(p->cols[i].name,
		    "case:concept:name") == 0)
			return ((long)i);
	for (pass = 0; pass < 2 && j < 0; pass++) {
		for (i = 0; i < p->ncols; i++) {
			if (!plain(p, i) || (pass == 0 &&
			    !has_word(p->cols[i].name, id_words)) ||
			    (pass == 1 && p->cols[i].missing > 0))
				continue;
			if (j < 0 || distinct_count(&p->cols[i].distinct) >
			    distinct_count(&p->cols[j].distinct))
				j = (long)i;
		}
	}
	return (j);
}

/* The activity column of an event log: concept:name, an activity-like name, or any, with the fewest distinct values from 2. */
static long
pick_act(const struct csvprof *p, long journey)
{
	long		a = -1;
	size_t		i;
	uint64_t	n;
	int		pass;

	for (pass = 0; pass < 3 && a < 0; pass++) {
		for (i = 0; i < p->ncols; i++) {
			if (!plain(p, i) || (long)i == journey ||
			    strpbrk(p->cols[i].name, " \t\n\r") != NULL ||
			    (n = distinct_count(&p->cols[i].distinct)) < 2)
				continue;
			if ((pass == 0 && strcmp(p->cols[i].name,
			    "concept:name") != 0) || (pass == 1 &&
			    !has_word(p->cols[i].name, activity_words)))
				continue;
			if (a < 0 || n < distinct_count(&p->cols[a].distinct))
				a = (long)i;
		}
	}
	return (a);
}

static void
pick(const struct csvprof *p, struct pick *k)
{
	const struct csvprof_col	*c;
	uint64_t			 journeys, n;
	size_t				 i;

	memset(k, 0, sizeof *k);
	k->act = -1;
	k->times = xcalloc(p->ncols + 1, sizeof *k->times);
	for (i = 0; i < p->ncols; i++)
		if (!p->cols[i].unusable && p->cols[i].time_format != NULL)
			k->times[k->ntimes++] = (long)i;
	k->journey = pick_journey(p);
	if (k->journey >= 0 && has_repeats(&p->cols[k->journey])) {
		k->event_log = 1;
		k->act = pick_act(p, k->journey);
	}
	k->nused = k->event_log && k->ntimes > 0 ? 1 : k->ntimes;
	for (i = 0; i < k->nused; i++) {
		c = &p->cols[k->times[i]];
		if (!c->time_offset)
			k->zone = 1;
		if (strcmp(c->time_format,
		    p->cols[k->times[0]].time_format) != 0)
			k->formats_differ = 1;
	}
	journeys = k->journey >= 0 ?
	    distinct_count(&p->cols[k->journey].distinct) : p->rows;
	for (i = 0; i < p->ncols && k->nattrs < CSVPROF_ATTRS; i++) {
		if (!plain(p, i) || (long)i == k->journey || (long)i == k->act)
			continue;
		n = distinct_count(&p->cols[i].distinct);
		if (n >= 2 && n * 2 <= journeys)
			k->attrs[k->nattrs++] = (long)i;
	}
}

/* Write a name inside a comment, quoted: bytes XML cannot hold as '?', no "--". */
static void
comment_name(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;

	fputc('"', f);
	while (left > 0) {
		if (*p < 0x20 || *p == 0x7f || (n = utf8_len(p, left)) == 0) {
			fputc('?', f);
			n = 1;
		} else {
			if (*p == '-' && p > (const unsigned char *)s &&
			    p[-1] == '-')
				fputc(' ', f);
			fwrite(p, 1, n, f);
		}
		p += n;
		left -= n;
	}
	fputc('"', f);
}

/* Write attr="value", a space before it, value escaped. */
static void
attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	markup_text(f, value, MARKUP_XML);
	fputc('"', f);
}

/* The start tag and the comments about it. */
static void
start_tag(FILE *f, const struct csvprof *p, const struct pick *k, int delim)
{
	const struct csvprof_col	*c;
	char				 d[2] = { (char)delim, '\0' };
	size_t				 i;

	fputs("  <csv", f);
	if (delim == '\t')
		attr(f, "delimiter", "\\t");
	else if (delim != ',')
		attr(f, "delimiter", d);
	if (!p->header)
		attr(f, "header", "no");
	if (k->nused > 0 && *p->cols[k->times[0]].time_format != '\0')
		attr(f, "time-format", p->cols[k->times[0]].time_format);
	if (k->zone)
		attr(f, "zone", "UTC");
	fputs(">\n", f);
	if (k->zone)
		fputs("    <!-- the zone of times without an offset: an IANA "
		    "name -->\n", f);
	if (k->formats_differ) {
		fputs("    <!-- the time columns differ in format, and "
		    "time-format is one for all: ", f);
		for (i = 0; i < k->nused; i++) {
			c = &p->cols[k->times[i]];
			if (i > 0)
				fputs(", ", f);
			comment_name(f, c->name);
			fprintf(f, " %s", *c->time_format != '\0' ?
			    c->time_format : "ISO 8601");
		}
		fputs("; the first is given -->\n", f);
	}
	for (i = 0; i < k->nused; i++) {
		c = &p->cols[k->times[i]];
		if (!c->day_month_ambiguous)
			continue;
		fputs("    <!-- ", f);
		comment_name(f, c->name);
		fputs(" reads day first and month first alike: check "
		    "time-format -->\n", f);
	}
	for (i = 0; i < p->ncols; i++) {
		if (!p->cols[i].clock_only || p->cols[i].unusable)
			continue;
		fputs("    <!-- ", f);
		comment_name(f, p->cols[i].name);
		fputs(" holds times of day without a date: join a date to "
		    "it to use it -->\n", f);
	}
}

/* The touchpoints. */
static void
touchpoints(FILE *f, const struct csvprof *p, const struct pick *k)
{
	const char	*at;
	size_t		 i;

	if (k->ntimes == 0) {
		fputs("    <!-- no column holds times mot reads (ISO 8601 or a "
		    "format of docs/time-formats.md): name the time column in "
		    "at= and give its time-format= -->\n"
		    "    <touchpoint name=\"event\" at=\"TIME\"/>\n", f);
		return;
	}
	if (!k->event_log) {
		for (i = 0; i < k->ntimes; i++) {
			at = p->cols[k->times[i]].name;
			fputs("    <touchpoint", f);
			attr(f, "name", at);
			attr(f, "at", at);
			fputs("/>\n", f);
		}
		return;
	}
	if (k->act < 0)
		fputs("    <!-- no column names the events: give each its "
		    "name-columns= -->\n", f);
	fputs("    <touchpoint", f);
	if (k->act >= 0)
		attr(f, "name-columns", p->cols[k->act].name);
	else
		attr(f, "name", "event");
	attr(f, "at", p->cols[k->times[0]].name);
	fputs("/>\n", f);
	if (k->ntimes > 1) {
		fputs("    <!-- other time columns:", f);
		for (i = 1; i < k->ntimes; i++) {
			fputs(i > 1 ? ", " : " ", f);
			comment_name(f, p->cols[k->times[i]].name);
		}
		fputs(" -->\n", f);
	}
}

char *
csvprof_skeleton(const struct csvprof *p, int delim)
{
	struct pick	 k;
	FILE		*f;
	char		*buf = NULL;
	size_t		 len = 0, i;

	if ((f = open_memstream(&buf, &len)) == NULL)
		xnomem(0);
	pick(p, &k);
	start_tag(f, p, &k, delim);
	if (k.journey >= 0) {
		fputs("    <journey", f);
		attr(f, "column", p->cols[k.journey].name);
		fputs("/>\n", f);
	} else
		fputs("    <!-- no column looks like a journey id: name "
		    "it -->\n    <journey column=\"ID\"/>\n", f);
	touchpoints(f, p, &k);
	for (i = 0; i < k.nattrs; i++) {
		fputs("    <attribute", f);
		attr(f, "column", p->cols[k.attrs[i]].name);
		fputs("/>\n", f);
	}
	fputs("  </csv>\n", f);
	free(k.times);
	if (fclose(f) != 0)
		xnomem(len);
	return (buf);
}

int
csvprof_sniff(const char *s, size_t len)
{
	static const char	 cand[] = { ',', ';', '\t', '|' };
	uint64_t		 n[sizeof cand] = { 0 };
	size_t			 i, k, best = 0;
	int			 quoted = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (s[i] == '\n' || s[i] == '\r')
			break;
		for (k = 0; k < sizeof cand; k++)
			if (s[i] == cand[k])
				n[k]++;
	}
	for (k = 1; k < sizeof cand; k++)
		if (n[k] > n[best])
			best = k;
	return (n[best] > 0 ? cand[best] : ',');
}

void
csvprof_free(struct csvprof *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->ncols; i++) {
		free(p->cols[i].name);
		distinct_free(&p->cols[i].distinct);
		free(p->work[i].sample);
	}
	free(p->cols);
	free(p->work);
	free(p);
}
