/*
 * calendar.c - business calendars. Working time between two instants is
 * the sum, day by local day in the calendar's own zone, of the overlap with
 * that weekday's working hours (holidays have none). Each local wall-clock
 * boundary is turned into an instant through the zone's rules, so days of
 * 23 or 25 hours and hours skipped or repeated by daylight saving come out
 * right; a clock that starts outside working hours counts from the next
 * opening. No process-wide TZ is used: calendars may differ per moment.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "tz.h"
#include "xmalloc.h"

void
cal_init(struct calendar *c, const char *id, struct tz *tz,
    unsigned long line)
{
	memset(c, 0, sizeof *c);
	c->id = xstrdup(id);
	c->tz = tz;
	c->line = line;
}

void
cal_free(struct calendar *c)
{
	int	d;

	for (d = 0; d < 7; d++)
		free(c->spans[d]);
	free(c->holidays);
	free(c->id);
	tz_free(c->tz);
	memset(c, 0, sizeof *c);
}

int
cal_add_hours(struct calendar *c, unsigned days, int from, int to,
    const char **why)
{
	int	d;

	if (from < 0 || to > 24 * 60 || from >= to) {
		*why = "working hours must run forward within a day "
		    "(from=\"09:00\" to=\"17:30\")";
		return (-1);
	}
	for (d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		c->spans[d] = xreallocarray(c->spans[d], c->nspans[d] + 1,
		    sizeof *c->spans[d]);
		c->spans[d][c->nspans[d]].from = from;
		c->spans[d][c->nspans[d]].to = to;
		c->nspans[d]++;
	}
	return (0);
}

void
cal_add_holiday(struct calendar *c, int64_t day)
{
	c->holidays = xreallocarray(c->holidays, c->nholidays + 1,
	    sizeof *c->holidays);
	c->holidays[c->nholidays++] = day;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct cal_span	*x = a, *y = b;

	return ((x->from > y->from) - (x->from < y->from));
}

static int
day_cmp(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

int
cal_finish(struct calendar *c, const char **why)
{
	size_t	i, k, total = 0;
	int	d;

	for (d = 0; d < 7; d++) {
		if (c->nspans[d] > 1)
			qsort(c->spans[d], c->nspans[d], sizeof *c->spans[d],
			    span_cmp);
		for (i = k = 0; i < c->nspans[d]; i++) {	/* merge overlaps */
			if (k > 0 && c->spans[d][i].from <=
			    c->spans[d][k - 1].to) {
				if (c->spans[d][i].to > c->spans[d][k - 1].to)
					c->spans[d][k - 1].to =
					    c->spans[d][i].to;
			} else
				c->spans[d][k++] = c->spans[d][i];
		}
		c->nspans[d] = k;
		total += k;
	}
	if (c->nholidays > 1)
		qsort(c->holidays, c->nholidays, sizeof *c->holidays, day_cmp);
	if (total == 0) {
		*why = "a calendar needs working hours (<hours days=\"mon-fri\" "
		    "from=\"09:00\" to=\"17:00\"/>)";
		return (-1);
	}
	return (0);
}

static int
day_index(const char *s, size_t len)
{
	static const char	*const names[7] = {
		"mon", "tue", "wed", "thu", "fri", "sat", "sun"
	};
	int			 d;

	if (len != 3)
		return (-1);
	for (d = 0; d < 7; d++) {
		if (strncmp(s, names[d], 3) == 0)
			return (d);
	}
	return (-1);
}

int
cal_parse_days(const char *s, size_t len, unsigned *mask)
{
	const char	*p = s, *end = s + len, *comma, *dash;
	int		 a, b, d;

	*mask = 0;
	while (p < end) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		dash = memchr(p, '-', (size_t)(comma - p));
		if (dash != NULL) {
			a = day_index(p, (size_t)(dash - p));
			b = day_index(dash + 1, (size_t)(comma - dash - 1));
		} else
			a = b = day_index(p, (size_t)(comma - p));
		if (a < 0 || b < 0)
			return (-1);
		for (d = a;; d = (d + 1) % 7) {	/* "sat-mon" wraps */
			*mask |= 1u << d;
			if (d == b)
				break;
		}
		if (comma < end && comma + 1 == end)
			return (-1);	/* a trailing comma */
		p = comma < end ? comma + 1 : end;
	}
	return (*mask == 0 ? -1 : 0);
}

int
cal_parse_hhmm(const char *s, size_t len, int *minutes)
{
	int	h, m;

	if (len != 5 || s[2] != ':' || s[0] < '0' || s[0] > '9' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9')
		return (-1);
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return (-1);
	*minutes = h * 60 + m;
	return (0);
}

static int
is_holiday(const struct calendar *c, int64_t day)
{
	size_t	lo = 0, hi = c->nholidays, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->holidays[mid] < day)
			lo = mid + 1;
		else if (c->holidays[mid] > day)
			hi = mid;
		else
			return (1);
	}
	return (0);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* The weekday of local day d, 0 Monday: 1970-01-01 was a Thursday. */
static int
weekday(int64_t d)
{
	return ((int)(((d % 7) + 7 + 3) % 7));
}

int64_t
cal_working(const struct calendar *c, mot_time a, mot_time b)
{
	int64_t		 sa, sb, d, d0, d1, total = 0, ls, le, us, ue;
	const struct cal_span *sp;
	size_t		 i;
	int		 wd;

	if (b <= a)
		return (0);
	sa = floor_div(a, MOT_USEC);
	sb = floor_div(b, MOT_USEC) + 1;
	/* Local days that can overlap [a, b], with a day's margin for offsets. */
	d0 = floor_div(sa + tz_offset_at(c->tz, sa), 86400) - 1;
	d1 = floor_div(sb + tz_offset_at(c->tz, sb), 86400) + 1;
	for (d = d0; d <= d1; d++) {
		if (is_holiday(c, d))
			continue;
		wd = weekday(d);
		sp = c->spans[wd];
		for (i = 0; i < c->nspans[wd]; i++) {
			ls = tz_local_to_utc(c->tz, d * 86400 +
			    sp[i].from * 60) * MOT_USEC;
			le = tz_local_to_utc(c->tz, d * 86400 +
			    sp[i].to * 60) * MOT_USEC;
			us = ls > a ? ls : a;
			ue = le < b ? le : b;
			if (ue > us)
				total += ue - us;
		}
	}
	return (total);
}

/* Whether local day d has working hours: a weekday with hours, no holiday. */
static int
is_working_day(const struct calendar *c, int64_t d)
{
	return (c->nspans[weekday(d)] > 0 && !is_holiday(c, d));
}

/*
 * The end of one business day from t. From inside working hours: the same
 * local time on the next working day. From outside them (after closing, on
 * a day without hours, on a holiday): from the next opening, so that the
 * window always holds a whole working day. A local time that the next
 * working day does not have (skipped by daylight saving) is moved forward
 * by the gap, one it has twice is the earlier (tz_local_to_utc). Days are
 * bounded: cal_finish leaves hours on some weekday, and holidays are few.
 */
mot_time
cal_business_day(const struct calendar *c, mot_time t)
{
	const struct cal_span	*sp;
	int64_t			 s, frac, local, day, tod, d;
	size_t			 i, n;
	int			 wd, open = 0;

	s = floor_div(t, MOT_USEC);
	frac = t - s * MOT_USEC;
	local = s + tz_offset_at(c->tz, s);
	day = floor_div(local, 86400);
	tod = local - day * 86400;
	if (is_working_day(c, day)) {
		wd = weekday(day);
		for (i = 0; i < c->nspans[wd]; i++) {
			if (tod >= c->spans[wd][i].from * 60 &&
			    tod < c->spans[wd][i].to * 60)
				open = 1;
		}
	}
	if (!open) {		/* from the next opening */
		frac = 0;
		for (d = day;; d++) {
			if (!is_working_day(c, d))
				continue;
			wd = weekday(d);
			sp = c->spans[wd];
			n = c->nspans[wd];
			for (i = 0; i < n && d == day &&
			    sp[i].from * 60 <= tod; i++)
				;
			if (i < n) {
				day = d;
				tod = sp[i].from * 60;
				break;
			}
		}
	}
	for (d = day + 1; !is_working_day(c, d); d++)
		;
	return (tz_local_to_utc(c->tz, d * 86400 + tod) * MOT_USEC + frac);
}
