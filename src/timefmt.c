/*
 * timefmt.c - times written in a declared strptime-style format, for CSV
 * input (docs/time-formats.md). A format is compiled once into an array of
 * operations; parsing a cell walks that array over its bytes, with no
 * allocation, no strlen and nothing from the C library's locale or time
 * zone (no strptime, mktime or tolower): ASCII and English month names
 * only, the calendar of isotime.c and the zones of tz.c.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isotime.h"
#include "timefmt.h"
#include "tz.h"
#include "xmalloc.h"

/* What one operation reads. */
enum tf_kind {
	TF_LIT,		/* bytes that match themselves */
	TF_SPACE,	/* one or more spaces or tabs */
	TF_YEAR,	/* %Y */
	TF_YEAR2,	/* %y */
	TF_MONTH,	/* %m */
	TF_MONTHNAME,	/* %b, %B */
	TF_DAY,		/* %d */
	TF_DAYSP,	/* %e */
	TF_HOUR,	/* %H */
	TF_HOUR12,	/* %I */
	TF_AMPM,	/* %p */
	TF_MIN,		/* %M */
	TF_SEC,		/* %S */
	TF_FRAC,	/* %f */
	TF_ZONE		/* %z */
};

/* The fields of a time, each read once at the most. */
#define F_YEAR	0x001
#define F_MONTH	0x002
#define F_DAY	0x004
#define F_HOUR	0x008
#define F_MIN	0x010
#define F_SEC	0x020
#define F_FRAC	0x040
#define F_OFF	0x080
#define F_AMPM	0x100
#define F_H12	0x200	/* not a field: the hour is on a 12-hour clock */

/*
 * The directives: the letter after '%', what it reads (or the format it
 * stands for), the fields it sets, and the reasons a text is refused there
 * (when it does not match, and when it has ended).
 */
static const struct tf_directive {
	char		 letter;
	const char	*stands_for;
	enum tf_kind	 kind;
	unsigned	 fields;
	const char	*expected;
	const char	*ended;
} tf_directives[] = {
	{ 'Y', NULL, TF_YEAR, F_YEAR, "expected a year of 4 digits (0001-9999)",
	  "the time ends where the year was expected" },
	{ 'y', NULL, TF_YEAR2, F_YEAR, "expected a year of 2 digits (00-99)",
	  "the time ends where the year was expected" },
	{ 'm', NULL, TF_MONTH, F_MONTH, "expected a month (01-12)",
	  "the time ends where the month was expected" },
	{ 'b', NULL, TF_MONTHNAME, F_MONTH,
	  "expected an English month name (Jan-Dec or January-December)",
	  "the time ends where the month was expected" },
	{ 'B', NULL, TF_MONTHNAME, F_MONTH,
	  "expected an English month name (Jan-Dec or January-December)",
	  "the time ends where the month was expected" },
	{ 'd', NULL, TF_DAY, F_DAY, "expected a day of the month (01-31)",
	  "the time ends where the day was expected" },
	{ 'e', NULL, TF_DAYSP, F_DAY, "expected a day of the month (1-31)",
	  "the time ends where the day was expected" },
	{ 'H', NULL, TF_HOUR, F_HOUR, "expected an hour (00-23)",
	  "the time ends where the hour was expected" },
	{ 'I', NULL, TF_HOUR12, F_HOUR | F_H12,
	  "expected an hour on a 12-hour clock (01-12)",
	  "the time ends where the hour was expected" },
	{ 'p', NULL, TF_AMPM, F_AMPM, "expected AM or PM",
	  "the time ends where AM or PM was expected" },
	{ 'M', NULL, TF_MIN, F_MIN, "expected minutes of 2 digits (00-59)",
	  "the time ends where the minutes were expected" },
	{ 'S', NULL, TF_SEC, F_SEC, "expected seconds of 2 digits (00-59)",
	  "the time ends where the seconds were expected" },
	{ 'f', NULL, TF_FRAC, F_FRAC,
	  "expected a fraction of a second (1 to 9 digits)",
	  "the time ends where the fraction of a second was expected" },
	{ 'z', NULL, TF_ZONE, F_OFF,
	  "expected a UTC offset (Z, UTC, GMT, +hh:mm, +hhmm or +hh)",
	  "the time ends where the UTC offset was expected" },
	{ 'T', "%H:%M:%S", TF_LIT, 0, NULL, NULL },
	{ 'F', "%Y-%m-%d", TF_LIT, 0, NULL, NULL },
};
#define TF_NDIRECTIVES	(sizeof tf_directives / sizeof tf_directives[0])

/* The names of the fields, for a field read twice (by bit, from F_YEAR). */
static const char *const tf_field_names[] = {
	"year", "month", "day", "hour", "minutes", "seconds",
	"fraction of a second", "UTC offset", "AM/PM"
};

/* One operation: a directive (its row), or literal bytes. */
struct tf_op {
	uint8_t		 kind;		/* enum tf_kind */
	uint32_t	 off, len;	/* TF_LIT: bytes in lits */
	const struct tf_directive *dir;	/* the messages; NULL for TF_LIT, TF_SPACE */
};

struct timefmt {
	char		*text;		/* as given */
	char		*lits;		/* the literal bytes, back to back */
	size_t		 nlits;
	struct tf_op	*ops;
	size_t		 nops, sops;
	unsigned	 fields;
	int		 utc;		/* ends with a literal 'Z': the times are UTC */
};

/* English month names, lower case, and their lengths. */
static const char	tf_months[12][10] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const uint8_t	tf_month_len[12] = { 7, 8, 5, 5, 3, 4, 4, 6, 9, 7,
	8, 8 };

#define DIG(c)		((unsigned)((c) - '0') <= 9)
#define D2(p)		((unsigned)(((p)[0] - '0') * 10 + ((p)[1] - '0')))
#define BLANK(c)	((c) == ' ' || (c) == '\t')
/* Whether byte c is the letter l (lower case) in either case: ASCII only. */
#define LETTER(c, l)	(((unsigned char)(c) | 0x20) == (unsigned char)(l))

static struct tf_op *
tf_add(struct timefmt *tf, enum tf_kind kind)
{
	struct tf_op	*op;

	if (tf->nops == tf->sops) {
		tf->sops = tf->sops == 0 ? 16 : tf->sops * 2;
		tf->ops = xreallocarray(tf->ops, tf->sops, sizeof *tf->ops);
	}
	op = &tf->ops[tf->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return (op);
}

/* A literal byte, joined to the literal just before it. */
static void
tf_literal(struct timefmt *tf, char c)
{
	struct tf_op	*op;

	if (tf->nops > 0 && tf->ops[tf->nops - 1].kind == TF_LIT)
		op = &tf->ops[tf->nops - 1];
	else {
		op = tf_add(tf, TF_LIT);
		op->off = (uint32_t)tf->nlits;
	}
	tf->lits[tf->nlits++] = c;
	op->len++;
}

static const struct tf_directive *
tf_directive(char letter)
{
	size_t	i;

	for (i = 0; i < TF_NDIRECTIVES; i++) {
		if (tf_directives[i].letter == letter)
			return (&tf_directives[i]);
	}
	return (NULL);
}

/* The directive d, written as %letter at byte pos (1-based), added to tf. */
static int
tf_add_directive(struct timefmt *tf, const struct tf_directive *d,
    char letter, size_t pos, char **cause)
{
	const char	*s;
	unsigned	 twice, bit;

	if (d->stands_for != NULL) {
		for (s = d->stands_for; *s != '\0'; s++) {
			if (*s != '%')
				tf_literal(tf, *s);
			else if (tf_add_directive(tf, tf_directive(*++s),
			    letter, pos, cause) != 0)
				return (-1);
		}
		return (0);
	}
	if ((twice = tf->fields & d->fields & ~F_H12) != 0) {
		for (bit = 0; (twice & (1u << bit)) == 0; bit++)
			continue;
		*cause = xasprintf("%%%c at byte %zu reads the %s a second time",
		    letter, pos, tf_field_names[bit]);
		return (-1);
	}
	tf->fields |= d->fields;
	tf_add(tf, d->kind)->dir = d;
	return (0);
}

int
timefmt_compile(const char *fmt, struct timefmt **out, char **cause)
{
	struct timefmt			*tf;
	const struct tf_directive	*d;
	const char			*s;
	const char			*missing = NULL;

	tf = xcalloc(1, sizeof *tf);
	tf->text = xstrdup(fmt);
	tf->lits = xmalloc(strlen(fmt) + 1);	/* no byte makes two literals */
	for (s = fmt; *s != '\0'; s++) {
		if (BLANK(*s)) {
			/* A run of blanks; none at the ends (the text is trimmed). */
			while (BLANK(s[1]))
				s++;
			if (tf->nops > 0 && s[1] != '\0')
				tf_add(tf, TF_SPACE);
			continue;
		}
		if (*s != '%') {
			tf_literal(tf, *s);
			continue;
		}
		s++;
		if (*s == '\0') {
			*cause = xstrdup("a lone \"%\" at the end of the format "
			    "(write %% for a percent sign)");
			goto fail;
		}
		if (*s == '%') {
			tf_literal(tf, '%');
			continue;
		}
		if ((d = tf_directive(*s)) == NULL) {
			if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
				*cause = xasprintf("unknown directive \"%%%c\" at "
				    "byte %zu", *s, (size_t)(s - fmt));
			else
				*cause = xasprintf("unknown directive (%% and "
				    "byte 0x%02x) at byte %zu", (unsigned char)*s,
				    (size_t)(s - fmt));
			goto fail;
		}
		if (tf_add_directive(tf, d, *s, (size_t)(s - fmt), cause) != 0)
			goto fail;
	}
	if ((tf->fields & F_YEAR) == 0)
		missing = "year (%Y or %y)";
	else if ((tf->fields & F_MONTH) == 0)
		missing = "month (%m, %b or %B)";
	else if ((tf->fields & F_DAY) == 0)
		missing = "day (%d or %e)";
	if (missing != NULL) {
		*cause = xasprintf("the format has no %s: the times would have "
		    "no date, and mot cannot invent one", missing);
		goto fail;
	}
	if ((tf->fields & F_H12) && !(tf->fields & F_AMPM)) {
		*cause = xstrdup("%I (an hour of 01-12) needs %p (AM or PM)");
		goto fail;
	}
	if ((tf->fields & F_AMPM) && !(tf->fields & F_H12)) {
		*cause = xstrdup("%p (AM or PM) needs %I (an hour of 01-12), "
		    "not %H");
		goto fail;
	}
	/* "...%SZ", as Zendesk and JSON exports write UTC: no zone applies. */
	if (!(tf->fields & F_OFF) && tf->nops > 0 &&
	    tf->ops[tf->nops - 1].kind == TF_LIT && tf->nlits > 0 &&
	    tf->lits[tf->nlits - 1] == 'Z') {
		tf->utc = 1;
		tf->fields |= F_OFF;
	}
	if ((tf->fields & F_FRAC) && !(tf->fields & F_SEC)) {
		*cause = xstrdup("%f (a fraction of a second) needs %S");
		goto fail;
	}
	*out = tf;
	return (0);

fail:
	timefmt_free(tf);
	return (-1);
}

/* One or two digits at p (p < end): how many, and their value in *v. */
static inline int
tf_upto2(const char *p, const char *end, unsigned *v)
{
	if (!DIG(p[0]))
		return (0);
	if (p + 1 < end && DIG(p[1])) {
		*v = D2(p);
		return (2);
	}
	*v = (unsigned)(p[0] - '0');
	return (1);
}

/* An English month name or its abbreviation at p (p < end): its length and month in *v, or 0. */
static int
tf_month_name(const char *p, const char *end, unsigned *v)
{
	size_t	avail = (size_t)(end - p), i, k;

	if (avail < 3)
		return (0);
	for (i = 0; i < 12; i++) {
		if (!LETTER(p[0], tf_months[i][0]) ||
		    !LETTER(p[1], tf_months[i][1]) ||
		    !LETTER(p[2], tf_months[i][2]))
			continue;
		*v = (unsigned)i + 1;
		if (avail >= tf_month_len[i]) {
			for (k = 3; k < tf_month_len[i]; k++) {
				if (!LETTER(p[k], tf_months[i][k]))
					break;
			}
			if (k == tf_month_len[i])
				return ((int)k);
		}
		if (i == 8 && avail >= 4 && LETTER(p[3], 't'))
			return (4);		/* "Sept", as en_GB writes it */
		return (3);
	}
	return (0);
}

int
timefmt_parse(const struct timefmt *tf, const char *s, size_t len,
    const struct tz *zone, mot_time *out, const char **why)
{
	size_t	at;

	return (timefmt_parse_at(tf, s, len, zone, out, why, &at));
}

int
timefmt_parse_at(const struct timefmt *tf, const char *s, size_t len,
    const struct tz *zone, mot_time *out, const char **why, size_t *at)
{
	const struct tf_op	*op, *last = tf->ops + tf->nops;
	const char		*p = s, *end = s + len, *day_at = s;
	unsigned		 y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
	unsigned		 v, oh, om;
	int			 n, pm = 0, off = 0, have_off = tf->utc;
	int64_t			 frac = 0, scale, secs;

	while (p < end && BLANK(*p))
		p++;
	while (end > p && BLANK(end[-1]))
		end--;
	if (p == end) {
		*why = "empty time";
		*at = 0;
		return (-1);
	}
	for (op = tf->ops; op < last; op++) {
		if (p == end) {
			*why = op->dir != NULL ? op->dir->ended :
			    "the time ends before the format does";
			goto bad;
		}
		switch (op->kind) {
		case TF_LIT:
			if ((size_t)(end - p) < op->len ||
			    memcmp(p, tf->lits + op->off, op->len) != 0) {
				*why = "the text differs from the format here";
				goto bad;
			}
			p += op->len;
			break;
		case TF_SPACE:
			if (!BLANK(*p)) {
				*why = "expected a space";
				goto bad;
			}
			do
				p++;
			while (p < end && BLANK(*p));
			break;
		case TF_YEAR:
			if (end - p < 4 || !DIG(p[0]) || !DIG(p[1]) ||
			    !DIG(p[2]) || !DIG(p[3]) ||
			    (y = D2(p) * 100 + D2(p + 2)) == 0)
				goto expected;
			p += 4;
			break;
		case TF_YEAR2:
			if (end - p < 2 || !DIG(p[0]) || !DIG(p[1]))
				goto expected;
			v = D2(p);
			y = v < 69 ? 2000 + v : 1900 + v;	/* POSIX */
			p += 2;
			break;
		case TF_MONTH:
			if ((n = tf_upto2(p, end, &mo)) == 0 || mo < 1 ||
			    mo > 12)
				goto expected;
			p += n;
			break;
		case TF_MONTHNAME:
			if ((n = tf_month_name(p, end, &mo)) == 0)
				goto expected;
			p += n;
			break;
		case TF_DAYSP:
			while (p < end - 1 && *p == ' ')
				p++;
			/* FALLTHROUGH */
		case TF_DAY:
			day_at = p;
			if ((n = tf_upto2(p, end, &d)) == 0 || d < 1 || d > 31)
				goto expected;
			p += n;
			break;
		case TF_HOUR:
			if ((n = tf_upto2(p, end, &h)) == 0 || h > 23)
				goto expected;
			p += n;
			break;
		case TF_HOUR12:
			if ((n = tf_upto2(p, end, &h)) == 0 || h < 1 || h > 12)
				goto expected;
			p += n;
			break;
		case TF_AMPM:
			if (end - p < 2 || !LETTER(p[1], 'm') ||
			    (!LETTER(p[0], 'a') && !LETTER(p[0], 'p')))
				goto expected;
			pm = LETTER(p[0], 'p');
			p += 2;
			break;
		case TF_MIN:
			if (end - p < 2 || !DIG(p[0]) || !DIG(p[1]) ||
			    (mi = D2(p)) > 59)
				goto expected;
			p += 2;
			break;
		case TF_SEC:
			if (end - p < 2 || !DIG(p[0]) || !DIG(p[1]) ||
			    (sec = D2(p)) > 60)
				goto expected;
			if (sec == 60) {
				*why = "second 60 (a leap second): mot counts "
				    "no leap seconds (write 59, or the next "
				    "minute)";
				goto bad;
			}
			p += 2;
			break;
		case TF_FRAC:
			if (!DIG(*p))
				goto expected;
			for (n = 0, scale = 100000; p < end && DIG(*p); n++, p++) {
				if (n == 9) {
					*why = "more than 9 digits in the "
					    "fraction of a second";
					goto bad;
				}
				frac += (*p - '0') * scale;	/* truncate past us */
				scale /= 10;
			}
			break;
		case TF_ZONE:
			have_off = 1;
			if (*p == 'Z' || *p == 'z') {
				p++;
				break;
			}
			if (end - p >= 3 && (memcmp(p, "UTC", 3) == 0 ||
			    memcmp(p, "GMT", 3) == 0)) {
				p += 3;
				break;
			}
			if ((*p != '+' && *p != '-') || end - p < 3 ||
			    !DIG(p[1]) || !DIG(p[2]))
				goto expected;
			oh = D2(p + 1);
			om = 0;
			n = 3;
			if (end - p >= 6 && p[3] == ':' && DIG(p[4]) &&
			    DIG(p[5])) {
				om = D2(p + 4);
				n = 6;
			} else if (end - p >= 5 && DIG(p[3]) && DIG(p[4])) {
				om = D2(p + 3);
				n = 5;
			} else if (end - p >= 4 && p[3] == ':')
				goto expected;
			if (oh > 23 || om > 59) {
				*why = "UTC offset out of range (-23:59 to "
				    "+23:59)";
				goto bad;
			}
			off = (*p == '-' ? -1 : 1) * (int)(oh * 3600 + om * 60);
			p += n;
			break;
		}
	}
	if (p != end) {
		*why = "unexpected text after the time";
		goto bad;
	}
	if (d > days_in_month(y, mo)) {
		*why = "no such day in that month";
		p = day_at;
		goto bad;
	}
	if (tf->fields & F_H12)
		h = h % 12 + (pm ? 12 : 0);		/* 12 AM is 00 */
	secs = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
	    mi * 60 + sec;
	if (have_off)
		secs -= off;
	else if (zone != NULL)
		secs = tz_local_to_utc(zone, secs);
	else {
		*why = "no UTC offset (give the zone of the times, or use "
		    "--assume-zone)";
		return (TIMEFMT_NO_OFFSET);
	}
	*out = secs * MOT_USEC + frac;
	return (0);

expected:
	*why = op->dir->expected;
bad:
	*at = (size_t)(p - s);
	return (-1);
}

int
timefmt_has_offset(const struct timefmt *tf)
{
	return ((tf->fields & F_OFF) != 0);
}

const char *
timefmt_text(const struct timefmt *tf)
{
	return (tf->text);
}

void
timefmt_free(struct timefmt *tf)
{
	if (tf == NULL)
		return;
	free(tf->text);
	free(tf->lits);
	free(tf->ops);
	free(tf);
}

int
timefmt_is_clock_only(const char *s, size_t len)
{
	const char	*p = s, *end = s + len;
	int		 n;

	while (p < end && BLANK(*p))
		p++;
	while (end > p && BLANK(end[-1]))
		end--;
	/* h or hh, then :mm, then :ss and a fraction, if any. */
	for (n = 0; p < end && DIG(*p) && n < 2; n++)
		p++;
	if (n == 0 || end - p < 3 || p[0] != ':' || !DIG(p[1]) || !DIG(p[2]))
		return (0);
	p += 3;
	if (end - p >= 3 && p[0] == ':' && DIG(p[1]) && DIG(p[2])) {
		p += 3;
		if (end - p >= 2 && (*p == '.' || *p == ',') && DIG(p[1]))
			for (p++; p < end && DIG(*p); p++)
				continue;
	}
	/* A 12-hour clock: "2:05 PM". */
	while (p < end && BLANK(*p))
		p++;
	if (end - p == 2 && LETTER(p[1], 'm') &&
	    (LETTER(p[0], 'a') || LETTER(p[0], 'p')))
		p += 2;
	return (p == end);
}
