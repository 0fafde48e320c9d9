/* isotime.h - ISO 8601 times and durations: parsing and formatting. */
#ifndef MOT_ISOTIME_H
#define MOT_ISOTIME_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct tz;

/* An instant: microseconds since 1970-01-01T00:00:00Z. */
typedef int64_t mot_time;
#define MOT_TIME_NONE	INT64_MIN
#define MOT_USEC	INT64_C(1000000)
/* isotime_parse's return when only the UTC offset is missing. */
#define ISOTIME_NO_OFFSET	(-2)

/* A duration: exact microseconds, and whether it was written with days or weeks. */
struct mot_duration {
	int64_t	us;
	int	has_days;
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t	days_from_civil(int64_t, unsigned, unsigned);
/* The proleptic Gregorian date of a day count since 1970-01-01. */
void	civil_from_days(int64_t, int64_t *, unsigned *, unsigned *);
/* The number of days of month m (1-12) of year y, proleptic Gregorian. */
unsigned	days_in_month(int64_t, unsigned);
/* Parse an ISO 8601 date-time of len bytes; zone (may be NULL) applies when it has no offset. */
int	isotime_parse(const char *, size_t, const struct tz *, mot_time *,
	    const char **);
/* Parse a time given on the command line: ISO 8601 with a UTC offset, or "now" (then now); 0, or -1 with *why. */
int	isotime_parse_given(const char *, mot_time, mot_time *, const char **);
/*
 * Day numbers of recent dates, by their text (touchpoints fall on few
 * days). isotime_parse keeps one per thread; a reader keeps its own,
 * zeroed, for isotime_fast. A slot whose text is 0 is empty.
 */
#define ISOTIME_DATES	16
struct isotime_dates {
	struct {
		uint64_t	date8;		/* "YYYY-MM-" */
		uint16_t	date2;		/* "DD" */
		int64_t		days;
	} v[ISOTIME_DATES];
};
/* The slot of the date at s, by the digits that change most. */
#define ISOTIME_DATE_SLOT(s)	((unsigned)((s)[9] + (s)[8] * 3 + (s)[6] * 7) & \
	(ISOTIME_DATES - 1))
/* The day number of a date written exactly "YYYY-MM-DD" (len bytes, a day that exists, year 0001 to 9999); INT64_MIN if not. */
int64_t	isotime_parse_date(const char *, size_t);
/* The day number of "YYYY-MM-DD" at s, remembered in c; INT64_MIN if not a date. */
int64_t	isotime_date(struct isotime_dates *, const char *);

/* The day number of the date at s (10 bytes) from c, else isotime_date. */
static inline int64_t
isotime_day(struct isotime_dates *c, const char *s)
{
	unsigned	slot = ISOTIME_DATE_SLOT(s);
	uint64_t	w;
	uint16_t	w2;

	memcpy(&w, s, sizeof w);
	memcpy(&w2, s + 8, sizeof w2);
	if (c->v[slot].date8 == w && c->v[slot].date2 == w2)
		return (c->v[slot].days);
	return (isotime_date(c, s));
}

/*
 * The seconds of the day of "hh:mm:ss" (8 bytes at p), or -1: checked
 * eight bytes at a time, as little-endian words (on a big-endian machine
 * the colons are never where they are looked for: always -1, and the
 * general parser reads the time).
 */
static inline int64_t
isotime_hms(const char *p)
{
	const uint64_t	hms = UINT64_C(0x30303a30303a3030);	/* "00:00:00" */
	const uint64_t	colons = UINT64_C(0x0000ff0000ff0000);
	const uint64_t	high = UINT64_C(0x8080808080808080);
	/* Added to hours, minutes and seconds: past 127 when over 23, 59, 59. */
	const uint64_t	over = UINT64_C(104) | UINT64_C(68) << 24 |
			    UINT64_C(68) << 48;
	const uint64_t	top = UINT64_C(0x80) | UINT64_C(0x80) << 24 |
			    UINT64_C(0x80) << 48;
	uint64_t	x;

	memcpy(&x, p, sizeof x);
	x ^= hms;			/* digits to 0-9, colons to 0 */
	if (((x | (x + UINT64_C(0x7676767676767676))) & high) != 0 ||
	    (x & colons) != 0)
		return (-1);
	x = x * 10 + (x >> 8);		/* each pair's value in its first byte */
	if (((x + over) & top) != 0)
		return (-1);
	return ((int64_t)(x & 0xff) * 3600 + (int64_t)(x >> 24 & 0xff) * 60 +
	    (int64_t)(x >> 48 & 0xff));
}

/*
 * "YYYY-MM-DDThh:mm:ssZ" read inline, its date remembered in c: 1 and the
 * time in *out; 0 for every other layout and every error, which
 * isotime_parse then reads.
 */
static inline int
isotime_fast(struct isotime_dates *c, const char *s, size_t len,
    mot_time *out)
{
	int64_t	sod, days;

	if (len == 20 && s[19] == 'Z' && s[10] == 'T' &&
	    (sod = isotime_hms(s + 11)) >= 0 &&
	    (days = isotime_day(c, s)) != INT64_MIN) {
		*out = (days * 86400 + sod) * MOT_USEC;
		return (1);
	}
	return (0);
}

/* Write an instant as ISO 8601 UTC ("2026-10-01T07:00:00Z", fraction only when not zero). */
void	isotime_format(mot_time, char *, size_t);
/* Whether len bytes end in a UTC offset after a time of day (Z, UTC, GMT, +hh:mm, +hhmm, +hh): 1 and its minutes east of UTC in *min, or 0. */
int	isotime_offset(const char *, size_t, int *);
/* Parse an ISO 8601 duration (PnW, PnDTnHnMnS; no years or months). */
int	isodur_parse(const char *, size_t, struct mot_duration *, const char **);
/* The year of isodur_human: 365 days of 86400 seconds. */
#define ISODUR_YEAR	(365 * (int64_t)86400)
/*
 * Write seconds as a short human duration: "42s", "4m10s", "3h05m",
 * "2d04h", from a year on years and days ("5y 260d"); "-" when NaN or
 * infinite.
 */
void	isodur_human(double, char *, size_t);

#endif
