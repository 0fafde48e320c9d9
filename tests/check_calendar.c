/*
 * check_calendar.c - tests for calendar.c: working time inside weekly
 * working hours in the calendar's own zone (with daylight saving from the
 * system's zoneinfo), holidays, several spans a day, clocks that start
 * outside working hours, calendars in different zones side by side, and
 * the parsers of days and times of day. Every expected value is worked
 * out by hand in the comment next to it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "check_mot.h"
#include "isotime.h"
#include "tz.h"

#define HOUR	(INT64_C(3600) * MOT_USEC)
#define MINUTE	(INT64_C(60) * MOT_USEC)

#define MON	(1u << 0)
#define TUE	(1u << 1)
#define WED	(1u << 2)
#define THU	(1u << 3)
#define FRI	(1u << 4)
#define SAT	(1u << 5)
#define SUN	(1u << 6)
#define WEEKDAYS (MON | TUE | WED | THU | FRI)
#define ALLDAYS	(WEEKDAYS | SAT | SUN)

/* An instant written with its offset, which must parse. */
static mot_time
T(const char *s)
{
	mot_time	 t;
	const char	*err = NULL;

	ck_assert_msg(isotime_parse(s, strlen(s), NULL, &t, &err) == 0,
	    "%s: %s", s, err != NULL ? err : "?");
	return (t);
}

/* Start a calendar in a zone, which must load. */
static void
cal_open(struct calendar *c, const char *zone)
{
	struct tz	*tz;
	char		*cause = NULL;

	tz = tz_load(zone, &cause);
	ck_assert_msg(tz != NULL, "%s: %s", zone, cause != NULL ? cause : "?");
	cal_init(c, "test", tz, 1);
}

/* Add "HH:MM"-"HH:MM" hours on days, which must be accepted. */
static void
hours(struct calendar *c, unsigned days, const char *from, const char *to)
{
	const char	*why = NULL;
	int		 f, t;

	ck_assert_int_eq(cal_parse_hhmm(from, strlen(from), &f), 0);
	ck_assert_int_eq(cal_parse_hhmm(to, strlen(to), &t), 0);
	ck_assert_msg(cal_add_hours(c, days, f, t, &why) == 0, "%s",
	    why != NULL ? why : "?");
}

static void
finish(struct calendar *c)
{
	const char	*why = NULL;

	ck_assert_msg(cal_finish(c, &why) == 0, "%s", why != NULL ? why : "?");
}

static void
holiday(struct calendar *c, int y, unsigned m, unsigned d)
{
	cal_add_holiday(c, days_from_civil(y, m, d));
}

/* (a) Amsterdam mon-fri 09:00-17:30: Friday 16:00 to Monday 10:00. */
START_TEST(test_weekend)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:30");
	finish(&c);
	/* 2026-10-02 is a Friday, 2026-10-05 a Monday (CEST, +02:00).
	   Fri 16:00-17:30 = 1.5 h; Sat, Sun nothing; Mon 09:00-10:00 = 1 h:
	   2.5 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-02T16:00:00+02:00"),
	    T("2026-10-05T10:00:00+02:00")), 5 * HOUR / 2);
	/* The same instants written in UTC: the zone is the calendar's. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-02T14:00:00Z"),
	    T("2026-10-05T08:00:00Z")), 5 * HOUR / 2);
	/* A whole working week, Mon 00:00 to next Mon 00:00: 5 x 8.5 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T00:00:00+02:00"),
	    T("2026-10-12T00:00:00+02:00")), 5 * 17 * HOUR / 2);
	cal_free(&c);
}
END_TEST

/* A clock that starts outside working hours counts from the next opening. */
START_TEST(test_start_outside_hours)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	finish(&c);
	/* Sat 2026-10-03 10:00 to Mon 10:00: only Mon 09:00-10:00 = 1 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-03T10:00:00+02:00"),
	    T("2026-10-05T10:00:00+02:00")), HOUR);
	/* Mon 07:00 to Mon 09:30: 09:00-09:30 = 30 min. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T07:00:00+02:00"),
	    T("2026-10-05T09:30:00+02:00")), 30 * MINUTE);
	/* Mon 18:00 to Tue 08:00: closed all the time = 0. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T18:00:00+02:00"),
	    T("2026-10-06T08:00:00+02:00")), 0);
	/* Inside one span: Mon 10:00 to 10:00:01 = 1 s. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T10:00:00+02:00"),
	    T("2026-10-05T10:00:01+02:00")), MOT_USEC);
	/* Stop before (or at) start: nothing. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T12:00:00+02:00"),
	    T("2026-10-05T10:00:00+02:00")), 0);
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T12:00:00+02:00"),
	    T("2026-10-05T12:00:00+02:00")), 0);
	cal_free(&c);
}
END_TEST

/* (b) Around the clock over the spring change: Sunday has 23 hours. */
START_TEST(test_dst_spring)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, ALLDAYS, "00:00", "24:00");
	finish(&c);
	/* Sat 2026-03-28 12:00 CET to Mon 2026-03-30 12:00 CEST: Sat 12 h,
	   Sun 23 h (02:00 -> 03:00), Mon 12 h = 47 h, which is also the
	   real time between the instants (11:00Z to 10:00Z two days on). */
	ck_assert_int_eq(cal_working(&c, T("2026-03-28T12:00:00+01:00"),
	    T("2026-03-30T12:00:00+02:00")), 47 * HOUR);
	/* The Sunday alone, local midnight to midnight: 23 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-03-29T00:00:00+01:00"),
	    T("2026-03-30T00:00:00+02:00")), 23 * HOUR);
	cal_free(&c);
}
END_TEST

/* (b) The autumn change: Sunday has 25 hours. */
START_TEST(test_dst_autumn)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, ALLDAYS, "00:00", "24:00");
	finish(&c);
	/* Sat 2026-10-24 12:00 CEST to Mon 2026-10-26 12:00 CET: 12 + 25 +
	   12 = 49 h (10:00Z to 11:00Z two days on). */
	ck_assert_int_eq(cal_working(&c, T("2026-10-24T12:00:00+02:00"),
	    T("2026-10-26T12:00:00+01:00")), 49 * HOUR);
	ck_assert_int_eq(cal_working(&c, T("2026-10-25T00:00:00+02:00"),
	    T("2026-10-26T00:00:00+01:00")), 25 * HOUR);
	cal_free(&c);
}
END_TEST

/* (c) Hours that span the skipped (or repeated) hour. */
START_TEST(test_dst_gap_hours)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, SUN, "01:00", "04:00");
	finish(&c);
	/* Spring, Sun 2026-03-29: 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z:
	   2 h of work (02:00-03:00 never happens). Measured over the whole
	   weekend so that only that day counts. */
	ck_assert_int_eq(cal_working(&c, T("2026-03-28T00:00:00+01:00"),
	    T("2026-03-30T00:00:00+02:00")), 2 * HOUR);
	/* Autumn, Sun 2026-10-25: 01:00 CEST = 23:00Z (24th), 04:00 CET =
	   03:00Z: 4 h (02:00-03:00 happens twice). */
	ck_assert_int_eq(cal_working(&c, T("2026-10-24T00:00:00+02:00"),
	    T("2026-10-26T00:00:00+01:00")), 4 * HOUR);
	/* An ordinary Sunday, 2026-10-04: 3 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-03T00:00:00+02:00"),
	    T("2026-10-05T00:00:00+02:00")), 3 * HOUR);
	cal_free(&c);
}
END_TEST

/* Office hours across the spring change: the hours are local. */
START_TEST(test_dst_office)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	finish(&c);
	/* Fri 2026-03-27 16:00 CET to Mon 2026-03-30 10:00 CEST: 1 h + 1 h
	   (Monday opens at 09:00 CEST = 07:00Z, not 08:00Z). */
	ck_assert_int_eq(cal_working(&c, T("2026-03-27T16:00:00+01:00"),
	    T("2026-03-30T10:00:00+02:00")), 2 * HOUR);
	/* Mon 2026-03-30 07:30Z (09:30 CEST) to 08:00Z (10:00 CEST): 30 min
	   (with Friday's offset this would wrongly be closed). */
	ck_assert_int_eq(cal_working(&c, T("2026-03-30T07:30:00Z"),
	    T("2026-03-30T08:00:00Z")), 30 * MINUTE);
	cal_free(&c);
}
END_TEST

/* (d) A holiday has no working hours. */
START_TEST(test_holiday)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	holiday(&c, 2026, 12, 25);	/* a Friday */
	finish(&c);
	/* Thu 2026-12-24 16:00 to Mon 2026-12-28 10:00 (CET): Thu 16-17 =
	   1 h, Fri a holiday, Mon 09-10 = 1 h: 2 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-12-24T16:00:00+01:00"),
	    T("2026-12-28T10:00:00+01:00")), 2 * HOUR);
	/* Starting on the holiday itself, Fri 10:00: counts from Monday's
	   opening, 09-10 = 1 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-12-25T10:00:00+01:00"),
	    T("2026-12-28T10:00:00+01:00")), HOUR);
	/* Entirely inside the holiday: 0. */
	ck_assert_int_eq(cal_working(&c, T("2026-12-25T09:00:00+01:00"),
	    T("2026-12-25T17:00:00+01:00")), 0);
	cal_free(&c);

	/* Without the holiday the Friday counts: 1 + 8 + 1 = 10 h. */
	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	finish(&c);
	ck_assert_int_eq(cal_working(&c, T("2026-12-24T16:00:00+01:00"),
	    T("2026-12-28T10:00:00+01:00")), 10 * HOUR);
	cal_free(&c);
}
END_TEST

/*
 * One business day (the default recovery window): the same local time on
 * the next working day; from outside working hours, from the next opening.
 */
START_TEST(test_business_day)
{
	struct calendar	c;

	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	holiday(&c, 2026, 12, 25);	/* a Friday */
	finish(&c);
	/* Across a weekend: Fri 2026-10-02 14:00 to Mon 14:00. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-02T14:00:00+02:00")),
	    T("2026-10-05T14:00:00+02:00"));
	/* Across a holiday and a weekend: Thu 24 Dec to Mon 28 Dec. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-12-24T14:00:00+01:00")),
	    T("2026-12-28T14:00:00+01:00"));
	/* A weekday: Tue to Wed, the fraction of a second kept. */
	ck_assert_int_eq(cal_business_day(&c,
	    T("2026-10-06T14:00:00.5+02:00")), T("2026-10-07T14:00:00.5+02:00"));
	/* At the opening itself: the next day's opening. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-06T09:00:00+02:00")),
	    T("2026-10-07T09:00:00+02:00"));
	/* Outside working hours, from the next opening: Fri 20:00 and Sat
	   10:00 count from Mon 09:00, so end Tue 09:00; Tue 06:00 from Tue
	   09:00 to Wed 09:00; at closing (17:00, not open) likewise. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-02T20:00:00+02:00")),
	    T("2026-10-06T09:00:00+02:00"));
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-03T10:00:00+02:00")),
	    T("2026-10-06T09:00:00+02:00"));
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-06T06:00:00+02:00")),
	    T("2026-10-07T09:00:00+02:00"));
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-06T17:00:00+02:00")),
	    T("2026-10-08T09:00:00+02:00"));
	/* On the holiday: from Mon 28 Dec 09:00, to Tue 09:00. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-12-25T11:00:00+01:00")),
	    T("2026-12-29T09:00:00+01:00"));
	/* Across the autumn change (Sun 25 Oct): local 14:00 both ends, so
	   73 h of calendar time. */
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-23T14:00:00+02:00")),
	    T("2026-10-26T14:00:00+01:00"));
	cal_free(&c);

	/* A lunch break: Tue 12:30 counts from 13:00, to Wed 13:00. */
	cal_open(&c, "Europe/Amsterdam");
	hours(&c, WEEKDAYS, "09:00", "12:00");
	hours(&c, WEEKDAYS, "13:00", "17:00");
	finish(&c);
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-06T12:30:00+02:00")),
	    T("2026-10-07T13:00:00+02:00"));
	cal_free(&c);

	/* Around the clock, where the next day lacks the local time: Sat
	   2026-03-28 02:30 CET; Sunday skips 02:00-03:00, so 02:30 is moved
	   forward by the gap, 03:30 CEST: 24 h later. Where it has it twice
	   (Sun 2026-10-25 02:30), the earlier, still +02:00: 24 h later. */
	cal_open(&c, "Europe/Amsterdam");
	hours(&c, ALLDAYS, "00:00", "24:00");
	finish(&c);
	ck_assert_int_eq(cal_business_day(&c, T("2026-03-28T02:30:00+01:00")),
	    T("2026-03-29T03:30:00+02:00"));
	ck_assert_int_eq(T("2026-03-29T03:30:00+02:00") -
	    T("2026-03-28T02:30:00+01:00"), 24 * HOUR);
	ck_assert_int_eq(cal_business_day(&c, T("2026-10-24T02:30:00+02:00")),
	    T("2026-10-25T02:30:00+02:00"));
	cal_free(&c);
}
END_TEST

/* Holidays added out of order are sorted; a local date, not a UTC one. */
START_TEST(test_holidays_unsorted)
{
	struct calendar	c;

	cal_open(&c, "Asia/Tokyo");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	holiday(&c, 2026, 12, 31);
	holiday(&c, 2026, 10, 5);	/* a Monday */
	holiday(&c, 2026, 1, 1);
	finish(&c);
	/* Mon 2026-10-05 in Tokyo (+09:00) is a holiday: Mon 00:00 JST to
	   Tue 12:00 JST = only Tue 09-12 = 3 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T00:00:00+09:00"),
	    T("2026-10-06T12:00:00+09:00")), 3 * HOUR);
	cal_free(&c);
}
END_TEST

/* (e) Several spans a day, with a lunch break. */
START_TEST(test_lunch)
{
	struct calendar	c;

	cal_open(&c, "UTC");
	hours(&c, WEEKDAYS, "13:00", "17:00");	/* added out of order */
	hours(&c, WEEKDAYS, "09:00", "12:00");
	finish(&c);
	/* Mon 2026-10-05 08:00 to 18:00: 3 h + 4 h = 7 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T08:00:00Z"),
	    T("2026-10-05T18:00:00Z")), 7 * HOUR);
	/* 11:00 to 14:00: 11-12 and 13-14 = 2 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T11:00:00Z"),
	    T("2026-10-05T14:00:00Z")), 2 * HOUR);
	/* Starting during lunch, 12:30 to 13:30: 30 min. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T12:30:00Z"),
	    T("2026-10-05T13:30:00Z")), 30 * MINUTE);
	/* All within lunch, 12:10 to 12:50: 0. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T12:10:00Z"),
	    T("2026-10-05T12:50:00Z")), 0);
	/* Mon 11:00 to Tue 10:00: 1 + 4 + 1 = 6 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T11:00:00Z"),
	    T("2026-10-06T10:00:00Z")), 6 * HOUR);
	cal_free(&c);
}
END_TEST

/* Overlapping or touching hours are merged, never counted twice. */
START_TEST(test_overlapping_hours)
{
	struct calendar	c;

	cal_open(&c, "UTC");
	hours(&c, WEEKDAYS, "09:00", "12:00");
	hours(&c, MON, "11:00", "14:00");
	hours(&c, MON, "14:00", "15:00");
	finish(&c);
	/* Monday: 09-12 u 11-14 u 14-15 = 09-15 = 6 h (not 3 + 3 + 1). */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T00:00:00Z"),
	    T("2026-10-06T00:00:00Z")), 6 * HOUR);
	/* Tuesday: 09-12 = 3 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-06T00:00:00Z"),
	    T("2026-10-07T00:00:00Z")), 3 * HOUR);
	cal_free(&c);
}
END_TEST

/* Weekend hours written as wrapping ranges, and hours to midnight. */
START_TEST(test_wrapping_days)
{
	struct calendar	c;
	unsigned	mask;

	cal_open(&c, "UTC");
	ck_assert_int_eq(cal_parse_days("fri-mon", 7, &mask), 0);
	hours(&c, mask, "20:00", "24:00");
	finish(&c);
	/* Thu 2026-10-08 00:00 to Wed 2026-10-14 00:00: Fri, Sat, Sun, Mon
	   20:00-24:00 = 4 x 4 h = 16 h (Thu, Tue nothing). */
	ck_assert_int_eq(cal_working(&c, T("2026-10-08T00:00:00Z"),
	    T("2026-10-14T00:00:00Z")), 16 * HOUR);
	/* Sat 23:00 to Sun 21:00: 1 h + 1 h = 2 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-10T23:00:00Z"),
	    T("2026-10-11T21:00:00Z")), 2 * HOUR);
	cal_free(&c);
}
END_TEST

/* (f) Days. */
START_TEST(test_parse_days)
{
	unsigned	mask;

	ck_assert_int_eq(cal_parse_days("mon-fri", 7, &mask), 0);
	ck_assert_uint_eq(mask, WEEKDAYS);			/* 0x1f */
	ck_assert_int_eq(cal_parse_days("sat,sun", 7, &mask), 0);
	ck_assert_uint_eq(mask, SAT | SUN);			/* 0x60 */
	ck_assert_int_eq(cal_parse_days("fri-mon", 7, &mask), 0);
	ck_assert_uint_eq(mask, FRI | SAT | SUN | MON);	/* wraps: 0x71 */
	ck_assert_int_eq(cal_parse_days("mon-wed,fri", 11, &mask), 0);
	ck_assert_uint_eq(mask, MON | TUE | WED | FRI);	/* 0x17 */
	ck_assert_int_eq(cal_parse_days("wed", 3, &mask), 0);
	ck_assert_uint_eq(mask, WED);
	ck_assert_int_eq(cal_parse_days("sun-sun", 7, &mask), 0);
	ck_assert_uint_eq(mask, SUN);
	ck_assert_int_eq(cal_parse_days("mon-sun", 7, &mask), 0);
	ck_assert_uint_eq(mask, ALLDAYS);
	/* The length given is honoured: "mon-fri" cut to "mon". */
	ck_assert_int_eq(cal_parse_days("mon-fri", 3, &mask), 0);
	ck_assert_uint_eq(mask, MON);

	ck_assert_int_eq(cal_parse_days("moon", 4, &mask), -1);
	ck_assert_int_eq(cal_parse_days("", 0, &mask), -1);
	ck_assert_int_eq(cal_parse_days("mon-", 4, &mask), -1);
	ck_assert_int_eq(cal_parse_days("-fri", 4, &mask), -1);
	ck_assert_int_eq(cal_parse_days("mon,,tue", 8, &mask), -1);
	ck_assert_int_eq(cal_parse_days("monday", 6, &mask), -1);
	ck_assert_int_eq(cal_parse_days("mon fri", 7, &mask), -1);
}
END_TEST

/* (f) Times of day. */
START_TEST(test_parse_hhmm)
{
	int	m;

	ck_assert_int_eq(cal_parse_hhmm("09:00", 5, &m), 0);
	ck_assert_int_eq(m, 9 * 60);
	ck_assert_int_eq(cal_parse_hhmm("17:30", 5, &m), 0);
	ck_assert_int_eq(m, 17 * 60 + 30);
	ck_assert_int_eq(cal_parse_hhmm("00:00", 5, &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(cal_parse_hhmm("23:59", 5, &m), 0);
	ck_assert_int_eq(m, 23 * 60 + 59);
	ck_assert_int_eq(cal_parse_hhmm("24:00", 5, &m), 0);
	ck_assert_int_eq(m, 24 * 60);

	ck_assert_int_eq(cal_parse_hhmm("24:30", 5, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("24:01", 5, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("25:00", 5, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("9:00", 4, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("09:60", 5, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("09.00", 5, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("09:00:00", 8, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("", 0, &m), -1);
	ck_assert_int_eq(cal_parse_hhmm("ab:cd", 5, &m), -1);
}
END_TEST

/* Hours that do not run forward, and calendars without hours. */
START_TEST(test_bad_hours)
{
	struct calendar	 c;
	const char	*why;

	cal_open(&c, "UTC");
	why = NULL;
	ck_assert_int_eq(cal_add_hours(&c, WEEKDAYS, 17 * 60, 9 * 60, &why),
	    -1);
	ck_assert_ptr_nonnull(why);
	why = NULL;
	ck_assert_int_eq(cal_add_hours(&c, WEEKDAYS, 9 * 60, 9 * 60, &why),
	    -1);
	ck_assert_ptr_nonnull(why);
	why = NULL;
	ck_assert_int_eq(cal_add_hours(&c, WEEKDAYS, 9 * 60, 24 * 60 + 1,
	    &why), -1);
	ck_assert_ptr_nonnull(why);
	/* Nothing was added: finishing fails. */
	why = NULL;
	ck_assert_int_eq(cal_finish(&c, &why), -1);
	ck_assert_ptr_nonnull(why);
	cal_free(&c);
}
END_TEST

/* (g) Calendars in different zones side by side; $TZ plays no part. */
START_TEST(test_two_zones)
{
	struct calendar	 utc, tokyo;
	mot_time	 a, b;
	int		 round;
	const char	*old;
	char		*saved;

	cal_open(&utc, "UTC");
	hours(&utc, WEEKDAYS, "09:00", "17:00");
	finish(&utc);
	cal_open(&tokyo, "Asia/Tokyo");
	hours(&tokyo, WEEKDAYS, "09:00", "17:00");
	finish(&tokyo);
	/* Mon 2026-10-05 00:00Z to 12:00Z. UTC: 09:00-12:00 = 3 h. Tokyo
	   (+09:00, no DST): 09:00-17:00 JST = 00:00Z-08:00Z = 8 h. */
	old = getenv("TZ");
	saved = old != NULL ? strdup(old) : NULL;
	a = T("2026-10-05T00:00:00Z");
	b = T("2026-10-05T12:00:00Z");
	for (round = 0; round < 2; round++) {
		if (round == 1) {
			/* A process-wide zone must change nothing. */
			setenv("TZ", "America/New_York", 1);
			tzset();
		}
		ck_assert_int_eq(cal_working(&tokyo, a, b), 8 * HOUR);
		ck_assert_int_eq(cal_working(&utc, a, b), 3 * HOUR);
		ck_assert_int_eq(cal_working(&tokyo, a, b), 8 * HOUR);
		/* Sun 2026-10-04 20:00Z is Mon 05:00 JST: to Mon 10:00 JST
		   (01:00Z) is 1 h in Tokyo, nothing in UTC (Sunday). */
		ck_assert_int_eq(cal_working(&tokyo,
		    T("2026-10-04T20:00:00Z"), T("2026-10-05T01:00:00Z")),
		    HOUR);
		ck_assert_int_eq(cal_working(&utc,
		    T("2026-10-04T20:00:00Z"), T("2026-10-05T01:00:00Z")), 0);
		/* Fri 2026-10-09 20:00Z (Sat 05:00 JST) to Mon 00:00Z (Mon
		   09:00 JST): both closed all the time = 0. */
		ck_assert_int_eq(cal_working(&tokyo,
		    T("2026-10-09T20:00:00Z"), T("2026-10-12T00:00:00Z")), 0);
		ck_assert_int_eq(cal_working(&utc,
		    T("2026-10-09T20:00:00Z"), T("2026-10-12T00:00:00Z")), 0);
	}
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	cal_free(&utc);
	cal_free(&tokyo);
}
END_TEST

/* A fixed-offset zone works the same way. */
START_TEST(test_fixed_offset)
{
	struct calendar	c;

	cal_open(&c, "-05:00");
	hours(&c, WEEKDAYS, "09:00", "17:00");
	finish(&c);
	/* Mon 2026-10-05 09:00-05:00 = 14:00Z; to 16:00Z = 2 h. */
	ck_assert_int_eq(cal_working(&c, T("2026-10-05T12:00:00Z"),
	    T("2026-10-05T16:00:00Z")), 2 * HOUR);
	cal_free(&c);
}
END_TEST

Suite *
make_calendar_suite(void)
{
	Suite	*s = suite_create("calendar");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_weekend);
	tcase_add_test(tc, test_start_outside_hours);
	tcase_add_test(tc, test_dst_spring);
	tcase_add_test(tc, test_dst_autumn);
	tcase_add_test(tc, test_dst_gap_hours);
	tcase_add_test(tc, test_dst_office);
	tcase_add_test(tc, test_holiday);
	tcase_add_test(tc, test_business_day);
	tcase_add_test(tc, test_holidays_unsorted);
	tcase_add_test(tc, test_lunch);
	tcase_add_test(tc, test_overlapping_hours);
	tcase_add_test(tc, test_wrapping_days);
	tcase_add_test(tc, test_parse_days);
	tcase_add_test(tc, test_parse_hhmm);
	tcase_add_test(tc, test_bad_hours);
	tcase_add_test(tc, test_two_zones);
	tcase_add_test(tc, test_fixed_offset);
	suite_add_tcase(s, tc);
	return (s);
}
