/*
 * isotime.c - ISO 8601 times and durations, parsed by hand: no strptime or
 * mktime on the hot path, no dependence on the process's time zone or locale.
 */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "isotime.h"
#include "tz.h"

/* Latest instant accepted: 9999-12-31T23:59:59.999999Z and a day of offset. */
#define YEAR_MIN	1
#define YEAR_MAX	9999

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

void
civil_from_days(int64_t z, int64_t *yp, unsigned *mp, unsigned *dp)
{
	int64_t		era, doe, yoe, y, doy, mp0;
	unsigned	m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp0 = (5 * doy + 2) / 153;
	d = (unsigned)(doy - (153 * mp0 + 2) / 5 + 1);
	m = (unsigned)(mp0 < 10 ? mp0 + 3 : mp0 - 9);
	*yp = y + (m <= 2);
	*mp = m;
	*dp = d;
}

static int
is_leap(int64_t y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned	dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return (29);
	return (dim[m - 1]);
}

/* Read exactly n digits at *pp into *v. */
static int
digits(const char **pp, const char *end, int n, unsigned *v)
{
	const char	*p = *pp;
	unsigned	 x = 0;
	int		 i;

	if (end - p < n)
		return (-1);
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return (-1);
		x = x * 10 + (unsigned)(p[i] - '0');
	}
	*pp = p + n;
	*v = x;
	return (0);
}

static int
is_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

#define DIG(c)	((unsigned)((c) - '0') <= 9)
#define D2(p)	(((p)[0] - '0') * 10 + ((p)[1] - '0'))

/*
 * The common case, "YYYY-MM-DDThh:mm:ss[.f...](Z|+hh:mm)", read without
 * loops (isotime.h has the parts shared with the inline path); anything
 * else, or anything wrong, goes to the general parser.
 */
static _Thread_local struct isotime_dates	dates;	/* isotime_parse's */

/* The day number of "YYYY-MM-DD" at s, or INT64_MIN if it is not one. */
static int64_t
fast_date(const char *s)
{
	int	y, mo, d;

	if (s[4] != '-' || s[7] != '-' || !DIG(s[0]) || !DIG(s[1]) ||
	    !DIG(s[2]) || !DIG(s[3]) || !DIG(s[5]) || !DIG(s[6]) ||
	    !DIG(s[8]) || !DIG(s[9]))
		return (INT64_MIN);
	y = D2(s) * 100 + D2(s + 2);
	mo = D2(s + 5);
	d = D2(s + 8);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > (int)days_in_month(y, (unsigned)mo))
		return (INT64_MIN);
	return (days_from_civil(y, (unsigned)mo, (unsigned)d));
}

int64_t
isotime_parse_date(const char *s, size_t len)
{
	return (len == 10 ? fast_date(s) : INT64_MIN);
}

int64_t
isotime_date(struct isotime_dates *c, const char *s)
{
	int64_t		days;
	unsigned	slot = ISOTIME_DATE_SLOT(s);

	if ((days = fast_date(s)) == INT64_MIN)
		return (INT64_MIN);
	memcpy(&c->v[slot].date8, s, sizeof c->v[slot].date8);
	memcpy(&c->v[slot].date2, s + 8, sizeof c->v[slot].date2);
	c->v[slot].days = days;
	return (days);
}

static int
fast_parse(const char *s, size_t len, mot_time *out)
{
	const char	*p = s + 19, *end = s + len;
	int64_t		 frac = 0, scale = 100000, sod, days;
	int		 off = 0;

	if (len < 20 || s[10] != 'T' || (sod = isotime_hms(s + 11)) < 0)
		return (0);
	if (*p == '.') {
		if (++p == end || !DIG(*p))
			return (0);
		for (; p < end && DIG(*p); p++) {
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (end - p == 1 && *p == 'Z')
		off = 0;
	else if (end - p == 6 && (*p == '+' || *p == '-') && DIG(p[1]) &&
	    DIG(p[2]) && p[3] == ':' && DIG(p[4]) && DIG(p[5]) &&
	    D2(p + 1) <= 23 && D2(p + 4) <= 59)
		off = (*p == '-' ? -1 : 1) * (D2(p + 1) * 3600 + D2(p + 4) * 60);
	else
		return (0);
	if ((days = isotime_day(&dates, s)) == INT64_MIN)
		return (0);
	*out = (days * 86400 + sod - off) * MOT_USEC + frac;
	return (1);
}

static int	slow_parse(const char *, size_t, const struct tz *, mot_time *,
		    const char **) __attribute__((noinline));

int
isotime_parse(const char *s, size_t len, const struct tz *zone, mot_time *out,
    const char **why)
{
	if (fast_parse(s, len, out))
		return (0);
	return (slow_parse(s, len, zone, out, why));
}

/* Everything fast_parse does not take: other layouts, zones, errors. */
static int
slow_parse(const char *s, size_t len, const struct tz *zone, mot_time *out,
    const char **why)
{
	const char	*p = s, *end = s + len;
	unsigned	 y, mo, d, h, mi, sec = 0, oh, om = 0;
	char		 sep;
	int64_t		 frac = 0, scale = 100000, secs;
	int		 sign, have_offset = 0, offset = 0;

	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	if (p == end) {
		*why = "empty time";
		return (-1);
	}
	/* YYYY-MM-DD, or YYYY/MM/DD as some exporters write it. */
	if (digits(&p, end, 4, &y) != 0 || p == end ||
	    ((sep = *p++) != '-' && sep != '/') ||
	    digits(&p, end, 2, &mo) != 0 || p == end || *p++ != sep ||
	    digits(&p, end, 2, &d) != 0) {
		*why = "not an ISO 8601 date (expected YYYY-MM-DDThh:mm:ss)";
		return (-1);
	}
	if (y < YEAR_MIN || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo)) {
		*why = "no such date";
		return (-1);
	}
	if (p == end) {
		*why = "a date without a time of day";
		return (-1);
	}
	if (*p != 'T' && *p != 't' && *p != ' ') {
		*why = "expected 'T' between date and time";
		return (-1);
	}
	p++;
	if (digits(&p, end, 2, &h) != 0 || p == end || *p++ != ':' ||
	    digits(&p, end, 2, &mi) != 0) {
		*why = "not an ISO 8601 time of day (expected hh:mm[:ss])";
		return (-1);
	}
	if (p < end && *p == ':') {
		p++;
		if (digits(&p, end, 2, &sec) != 0) {
			*why = "bad seconds";
			return (-1);
		}
		if (p < end && (*p == '.' || *p == ',')) {
			p++;
			if (p == end || *p < '0' || *p > '9') {
				*why = "bad fraction of a second";
				return (-1);
			}
			while (p < end && *p >= '0' && *p <= '9') {
				frac += (*p - '0') * scale;	/* truncate past us */
				scale /= 10;
				p++;
			}
		}
	}
	if (h > 23 || mi > 59 || sec > 59) {
		*why = "hour, minute or second out of range";
		return (-1);
	}
	if (p < end) {
		if (*p == 'Z' || *p == 'z') {
			p++;
			have_offset = 1;
		} else if (*p == '+' || *p == '-') {
			sign = *p++ == '-' ? -1 : 1;
			if (digits(&p, end, 2, &oh) != 0) {
				*why = "bad UTC offset (expected +hh:mm)";
				return (-1);
			}
			if (p < end && *p == ':') {
				p++;
				if (digits(&p, end, 2, &om) != 0) {
					*why = "bad UTC offset (expected "
					    "+hh:mm)";
					return (-1);
				}
			} else if (p < end && digits(&p, end, 2, &om) != 0) {
				*why = "bad UTC offset (expected +hh:mm)";
				return (-1);
			}
			if (oh > 23 || om > 59) {
				*why = "UTC offset out of range";
				return (-1);
			}
			offset = sign * (int)(oh * 3600 + om * 60);
			have_offset = 1;
		}
	}
	if (p != end) {
		*why = "unexpected text after the time";
		return (-1);
	}
	secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (have_offset)
		secs -= offset;
	else if (zone != NULL)
		secs = tz_local_to_utc(zone, secs);
	else {
		*why = "no UTC offset (add Z or +hh:mm, or use --assume-zone)";
		return (ISOTIME_NO_OFFSET);
	}
	*out = secs * MOT_USEC + frac;
	return (0);
}

int
isotime_parse_given(const char *s, mot_time now, mot_time *out,
    const char **why)
{
	int	rc;

	if (strcmp(s, "now") == 0) {
		*out = now;
		return (0);
	}
	if ((rc = isotime_parse(s, strlen(s), NULL, out, why)) ==
	    ISOTIME_NO_OFFSET)
		*why = "a time without a UTC offset";
	return (rc == 0 ? 0 : -1);
}

/*
 * The offset a time was written with, for mot inspect: read from the end,
 * so that it does not depend on the layout before it, as long as a time of
 * day (a ':') comes before it; a date's "-03" is not an offset.
 */
int
isotime_offset(const char *s, size_t len, int *min)
{
	const char	*end = s + len, *p, *q;
	unsigned	 oh, om = 0;
	int		 off = 0;

	while (end > s && is_space(end[-1]))
		end--;
	p = end;
	if (end - s >= 3 && (memcmp(end - 3, "UTC", 3) == 0 ||
	    memcmp(end - 3, "GMT", 3) == 0))
		end -= 3;
	else if (end > s && (end[-1] == 'Z' || end[-1] == 'z'))
		end--;
	else {
		while (end > s && (DIG(end[-1]) || end[-1] == ':'))
			end--;
		if (end == s || (end[-1] != '+' && end[-1] != '-'))
			return (0);
		q = end;
		if (digits(&q, p, 2, &oh) != 0 || (q < p && *q == ':' &&
		    ++q == p) || (q < p && digits(&q, p, 2, &om) != 0) ||
		    q != p || oh > 23 || om > 59)
			return (0);
		off = (end[-1] == '-' ? -1 : 1) * (int)(oh * 60 + om);
		end--;
	}
	/* A time of day before it: a digit, and a ':' somewhere. */
	while (end > s && is_space(end[-1]))
		end--;
	if (end == s || !DIG(end[-1]) || memchr(s, ':', (size_t)(end - s)) ==
	    NULL)
		return (0);
	*min = off;
	return (1);
}

void
isotime_format(mot_time t, char *buf, size_t size)
{
	int64_t		secs, us, days, rem, y;
	unsigned	m, d;

	secs = t / MOT_USEC;
	us = t % MOT_USEC;
	if (us < 0) {
		us += MOT_USEC;
		secs--;
	}
	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (us == 0)
		snprintf(buf, size, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02dZ",
		    y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
		    (int)(rem % 60));
	else if (us % 1000 == 0)
		snprintf(buf, size,
		    "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d,
		    (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60),
		    (int)(us / 1000));
	else
		snprintf(buf, size,
		    "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%06dZ", y, m, d,
		    (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60),
		    (int)us);
}

/* Longest duration accepted: 100 years of seconds keeps every sum in range. */
#define DUR_MAX_US	(INT64_C(100) * 366 * 86400 * MOT_USEC)

int
isodur_parse(const char *s, size_t len, struct mot_duration *out,
    const char **why)
{
	const char	*p = s, *end = s + len, *units;
	int64_t		 total = 0, unit_us, n, frac, scale;
	int		 in_time = 0, any = 0, last = 0;
	char		 u;

	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	out->has_days = 0;
	if (p == end || *p != 'P') {
		*why = "not an ISO 8601 duration (expected e.g. PT15M or P2D)";
		return (-1);
	}
	p++;
	units = "WD";
	while (p < end) {
		if (*p == 'T') {
			if (in_time) {
				*why = "duplicate 'T' in duration";
				return (-1);
			}
			in_time = 1;
			units = "HMS";
			p++;
			if (p == end) {
				*why = "'T' with no hours, minutes or seconds";
				return (-1);
			}
			continue;
		}
		if (last) {
			*why = "a fraction is allowed on the last part only";
			return (-1);
		}
		if (*p < '0' || *p > '9') {
			*why = "expected a number in the duration";
			return (-1);
		}
		n = 0;
		while (p < end && *p >= '0' && *p <= '9') {
			n = n * 10 + (*p++ - '0');
			if (n > DUR_MAX_US / MOT_USEC) {
				*why = "duration too long (at most 100 years)";
				return (-1);
			}
		}
		frac = 0;
		scale = MOT_USEC / 10;
		if (p < end && *p == '.') {
			p++;
			if (p == end || *p < '0' || *p > '9') {
				*why = "bad fraction in duration";
				return (-1);
			}
			while (p < end && *p >= '0' && *p <= '9') {
				frac += (*p++ - '0') * scale;
				scale /= 10;
			}
			last = 1;
		}
		if (p == end) {
			*why = "a number without a unit in the duration";
			return (-1);
		}
		u = *p++;
		if (u == 'W' && (any || p != end)) {
			*why = "weeks cannot be combined with other parts "
			    "(write P14D, not P1W7D)";
			return (-1);
		}
		if (!in_time && (u == 'Y' || u == 'M')) {
			*why = "years and months have no fixed length: "
			    "write days or weeks (P30D)";
			return (-1);
		}
		if (u == '\0' || strchr(units, u) == NULL) {
			*why = in_time ? "expected H, M or S after 'T'" :
			    "expected W or D before 'T'";
			return (-1);
		}
		units = strchr(units, u) + 1;	/* enforce the order */
		switch (u) {
		case 'W':
			unit_us = 7 * 86400 * MOT_USEC;
			out->has_days = 1;
			break;
		case 'D':
			unit_us = 86400 * MOT_USEC;
			out->has_days = 1;
			break;
		case 'H':
			unit_us = 3600 * MOT_USEC;
			break;
		case 'M':
			unit_us = 60 * MOT_USEC;
			break;
		default:
			unit_us = MOT_USEC;
			break;
		}
		if (n > DUR_MAX_US / unit_us) {
			*why = "duration too long (at most 100 years)";
			return (-1);
		}
		/* frac < 1e6 and unit_us <= a week: the product fits. */
		total += n * unit_us + frac * unit_us / MOT_USEC;
		if (total > DUR_MAX_US) {
			*why = "duration too long (at most 100 years)";
			return (-1);
		}
		any = 1;
	}
	if (!any) {
		*why = "empty duration";
		return (-1);
	}
	out->us = total;
	return (0);
}

void
isodur_human(double s, char *buf, size_t size)
{
	int64_t	t;

	if (!isfinite(s)) {
		snprintf(buf, size, "-");
		return;
	}
	if (s < 0)
		s = 0;
	if (s < 10 && s != floor(s)) {
		snprintf(buf, size, "%.1fs", s);
		return;
	}
	t = (int64_t)llround(s);
	if (t < 60)
		snprintf(buf, size, "%ds", (int)t);
	else if (t < 3600)
		snprintf(buf, size, "%dm%02ds", (int)(t / 60), (int)(t % 60));
	else if (t < 86400)
		snprintf(buf, size, "%dh%02dm", (int)(t / 3600),
		    (int)(t / 60 % 60));
	else if (t < ISODUR_YEAR)
		snprintf(buf, size, "%" PRId64 "d%02dh", t / 86400,
		    (int)(t / 3600 % 24));
	else	/* hours are noise beside years */
		snprintf(buf, size, "%" PRId64 "y %dd", t / ISODUR_YEAR,
		    (int)(t % ISODUR_YEAR / 86400));
}
