/*
 * check_timefmt.c - tests for timefmt.c: strptime-style formats of CSV
 * times, every directive, the layouts real exports write, every range
 * error, local times in a zone across its gaps and overlaps, compile
 * errors and times of day without a date. Expected instants were computed
 * with Python's datetime and zoneinfo (fold=0 in a gap or an overlap, as
 * tz.h documents), not with the code under test.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "isotime.h"
#include "timefmt.h"
#include "tz.h"

/* What a text parsed by a format in a zone gives: a UTC time, no offset, or an error. */
#define NOOFF	"(no offset)"
static const struct parse_case {
	const char	*fmt;
	const char	*text;
	const char	*zone;		/* NULL: none */
	const char	*utc;		/* expected ISO UTC, NOOFF, or NULL */
	const char	*why;		/* when utc is NULL: a part of *why */
} parse_cases[] = {
	/* Olist, and the same without a zone. */
	{ "%Y-%m-%d %H:%M:%S", "2018-10-02 10:56:33", "UTC",
	  "2018-10-02T10:56:33Z", NULL },
	{ "%Y-%m-%d %H:%M:%S", "2018-10-02 10:56:33", "America/Sao_Paulo",
	  "2018-10-02T13:56:33Z", NULL },
	{ "%Y-%m-%d %H:%M:%S", "2018-10-02 10:56:33", NULL, NOOFF, NULL },
	{ "%Y-%m-%d %H:%M:%S", "  2018-10-02\t10:56:33 ", "UTC",
	  "2018-10-02T10:56:33Z", NULL },
	/* Excel-style day first. */
	{ "%d-%m-%Y %H:%M", "31-01-2023 14:05", "UTC", "2023-01-31T14:05:00Z",
	  NULL },
	{ "%d/%m/%Y %H:%M", "31/01/2023 14:05", "Europe/Amsterdam",
	  "2023-01-31T13:05:00Z", NULL },
	{ "%d/%m/%Y %H:%M", "1/2/2023 9:05", "UTC", "2023-02-01T09:05:00Z",
	  NULL },
	/* A 12-hour clock: 12 AM is midnight, 12 PM noon. */
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 2:05 PM", "UTC",
	  "2023-01-31T14:05:00Z", NULL },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 02:05 am", "UTC",
	  "2023-01-31T02:05:00Z", NULL },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 12:05 AM", "UTC",
	  "2023-01-31T00:05:00Z", NULL },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 12:05 pM", "UTC",
	  "2023-01-31T12:05:00Z", NULL },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 11:59 Pm", "UTC",
	  "2023-01-31T23:59:00Z", NULL },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 13:05 PM", "UTC", NULL,
	  "12-hour clock" },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 0:05 AM", "UTC", NULL,
	  "12-hour clock" },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 2:05 XM", "UTC", NULL,
	  "AM or PM" },
	{ "%d/%m/%Y %I:%M %p", "31/01/2023 2:05 P", "UTC", NULL,
	  "AM or PM" },
	/* Two-digit years as POSIX strptime: 69-99 are 19xx, 00-68 20xx. */
	{ "%m/%d/%y %H:%M", "01/31/23 14:05", "UTC", "2023-01-31T14:05:00Z",
	  NULL },
	{ "%m/%d/%y %H:%M", "12/31/69 23:59", "UTC", "1969-12-31T23:59:00Z",
	  NULL },
	{ "%m/%d/%y %H:%M", "1/1/68 0:00", "UTC", "2068-01-01T00:00:00Z",
	  NULL },
	{ "%m/%d/%y %H:%M", "1/1/00 0:00", "UTC", "2000-01-01T00:00:00Z",
	  NULL },
	{ "%m/%d/%y %H:%M", "1/1/99 0:00", "UTC", "1999-01-01T00:00:00Z",
	  NULL },
	{ "%m/%d/%y %H:%M", "1/1/2023 0:00", "UTC", NULL, "expected a space" },
	{ "%m/%d/%y %H:%M", "1/1/7 0:00", "UTC", NULL, "year of 2 digits" },
	/* Month names, either directive, any case; UTC offsets. */
	{ "%d %b %Y %H:%M:%S%z", "31 Jan 2023 14:05:00+0100", NULL,
	  "2023-01-31T13:05:00Z", NULL },
	{ "%d %b %Y %H:%M:%S%z", "31 JANUARY 2023 14:05:00-02:30", NULL,
	  "2023-01-31T16:35:00Z", NULL },
	{ "%d %B %Y %H:%M:%S%z", "5 sep 2023 14:05:00+05", NULL,
	  "2023-09-05T09:05:00Z", NULL },
	{ "%d %B %Y %H:%M:%S%z", "5 Sept 2023 14:05:00Z", NULL,
	  "2023-09-05T14:05:00Z", NULL },
	{ "%d %B %Y %H:%M:%S%z", "5 september 2023 14:05:00z", NULL,
	  "2023-09-05T14:05:00Z", NULL },
	{ "%d %b %Y %H:%M:%S %z", "29 Feb 2024 00:00:00 UTC", NULL,
	  "2024-02-29T00:00:00Z", NULL },
	{ "%d %b %Y %H:%M:%S %z", "1 Mar 2024 00:00:00 GMT", NULL,
	  "2024-03-01T00:00:00Z", NULL },
	{ "%d%b%Y %H:%M:%S%z", "1may2024 00:00:00-00:00", NULL,
	  "2024-05-01T00:00:00Z", NULL },
	{ "%d %b %Y %H:%M:%S%z", "1 Dez 2024 00:00:00Z", NULL, NULL,
	  "English month name" },
	{ "%d %b %Y %H:%M:%S%z", "1 Ju 2024 00:00:00Z", NULL, NULL,
	  "English month name" },
	{ "%d %b %Y %H:%M:%S%z", "1 Marc 2024 00:00:00Z", NULL, NULL,
	  "expected a space" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00+24:00", NULL, NULL,
	  "UTC offset out of range" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00+01:60", NULL, NULL,
	  "UTC offset out of range" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00+01:", NULL, NULL,
	  "expected a UTC offset" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00+1", NULL, NULL,
	  "expected a UTC offset" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00", NULL, NULL,
	  "ends where the UTC offset" },
	{ "%d %b %Y %H:%M:%S%z", "1 Mar 2024 00:00:00GMT+1", NULL, NULL,
	  "unexpected text after" },
	/* An offset in the text wins over the zone. */
	{ "%Y-%m-%d %H:%M%z", "2023-01-31 14:05+00:00", "Europe/Amsterdam",
	  "2023-01-31T14:05:00Z", NULL },
	/* Fractions of 1, 3, 6 and 9 digits: kept to the us, truncated. */
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.5Z", NULL,
	  "2023-01-31T14:05:00.500Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.123+01:00", NULL,
	  "2023-01-31T13:05:00.123Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.123456Z", NULL,
	  "2023-01-31T14:05:00.123456Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.123456789Z", NULL,
	  "2023-01-31T14:05:00.123456Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:59.999999999Z", NULL,
	  "2023-01-31T14:05:59.999999Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.000000Z", NULL,
	  "2023-01-31T14:05:00Z", NULL },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.1234567890Z", NULL,
	  NULL, "more than 9 digits" },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00.Z", NULL, NULL,
	  "fraction of a second" },
	{ "%Y-%m-%dT%H:%M:%S.%f%z", "2023-01-31T14:05:00Z", NULL, NULL,
	  "differs" },
	{ "%Y-%m-%d %H:%M:%S,%f", "2023-01-31 14:05:00,25", "UTC",
	  "2023-01-31T14:05:00.250Z", NULL },
	/* Zendesk: a literal Z at the end means UTC, whatever the zone. */
	{ "%Y-%m-%dT%H:%M:%SZ", "2023-01-31T14:05:00Z", NULL,
	  "2023-01-31T14:05:00Z", NULL },
	{ "%Y-%m-%dT%H:%M:%SZ", "2023-01-31T14:05:00Z", "Europe/Amsterdam",
	  "2023-01-31T14:05:00Z", NULL },
	{ "%Y-%m-%dT%H:%M:%SZ", "2023-01-31T14:05:00+01:00", NULL, NULL,
	  "differs" },
	/* Jira. */
	{ "%d/%b/%y %I:%M %p", "31/Jan/23 2:05 PM", "Europe/Amsterdam",
	  "2023-01-31T13:05:00Z", NULL },
	{ "%d/%b/%y %I:%M %p", "31/Jan/23 2:05 PM", NULL, NOOFF, NULL },
	/* %e, %F, %T, %%, blanks. */
	{ "%b-%e-%Y %H:%M", "Jan- 5-2023 10:00", "UTC",
	  "2023-01-05T10:00:00Z", NULL },
	{ "%b %e %Y %H:%M", "Jan  5 2023 10:00", "UTC",
	  "2023-01-05T10:00:00Z", NULL },
	{ "%b %e %Y %H:%M", "Jan 15 2023 10:00", "UTC",
	  "2023-01-15T10:00:00Z", NULL },
	{ "%F %T", "2023-01-31 14:05:07", "UTC", "2023-01-31T14:05:07Z", NULL },
	{ "%FT%T%z", "2023-01-31T14:05:07-01:00", NULL, "2023-01-31T15:05:07Z",
	  NULL },
	{ "%F %H:%M %%", "2023-01-31 14:05 %", "UTC", "2023-01-31T14:05:00Z",
	  NULL },
	{ "%F %H:%M %%", "2023-01-31 14:05 x", "UTC", NULL, "differs" },
	{ "%F  %H:%M", "2023-01-31 \t 14:05", "UTC", "2023-01-31T14:05:00Z",
	  NULL },
	{ "%F %H:%M", "2023-01-3114:05", "UTC", NULL, "expected a space" },
	{ "%Y%m%d%H%M%S", "20230131140507", "UTC", "2023-01-31T14:05:07Z",
	  NULL },
	{ "%d.%m.%Y", "31.01.2023", "Europe/Amsterdam", "2023-01-30T23:00:00Z",
	  NULL },
	/* Range errors. */
	{ "%F %T", "2023-13-01 00:00:00", "UTC", NULL, "expected a month (01-12)" },
	{ "%F %T", "2023-00-01 00:00:00", "UTC", NULL, "expected a month (01-12)" },
	{ "%F %T", "2023-04-31 00:00:00", "UTC", NULL, "no such day" },
	{ "%F %T", "2023-04-30 00:00:00", "UTC", "2023-04-30T00:00:00Z", NULL },
	{ "%F %T", "2023-02-29 00:00:00", "UTC", NULL, "no such day" },
	{ "%F %T", "2024-02-29 00:00:00", "UTC", "2024-02-29T00:00:00Z", NULL },
	{ "%F %T", "1900-02-29 00:00:00", "UTC", NULL, "no such day" },
	{ "%F %T", "2000-02-29 00:00:00", "UTC", "2000-02-29T00:00:00Z", NULL },
	{ "%d/%m/%Y", "31/4/2023", "UTC", NULL, "no such day" },
	{ "%F %T", "2023-01-32 00:00:00", "UTC", NULL, "expected a day" },
	{ "%F %T", "2023-01-00 00:00:00", "UTC", NULL, "expected a day" },
	{ "%F %T", "2023-01-31 24:00:00", "UTC", NULL, "expected an hour (00-23)" },
	{ "%F %T", "2023-01-31 23:60:00", "UTC", NULL, "expected minutes" },
	{ "%F %T", "2023-01-31 23:5:00", "UTC", NULL, "expected minutes" },
	{ "%F %T", "2023-01-31 23:59:60", "UTC", NULL, "leap second" },
	{ "%F %T", "2023-01-31 23:59:61", "UTC", NULL, "expected seconds" },
	{ "%F %T", "2023-01-31 23:59:59", "UTC", "2023-01-31T23:59:59Z", NULL },
	{ "%F %T", "0000-01-01 00:00:00", "UTC", NULL, "expected a year" },
	{ "%F %T", "0001-01-01 00:00:00", "UTC", "0001-01-01T00:00:00Z", NULL },
	{ "%F %T", "9999-12-31 23:59:59", "UTC", "9999-12-31T23:59:59Z", NULL },
	{ "%F %T", "23-01-31 00:00:00", "UTC", NULL, "expected a year" },
	{ "%F %T", "20230-01-31 00:00:00", "UTC", NULL, "differs" },
	/* Trailing text, too short, empty. */
	{ "%F %T", "2023-01-31 14:05:00x", "UTC", NULL, "unexpected text after" },
	{ "%F %T", "2023-01-31 14:05:00 +01:00", "UTC", NULL,
	  "unexpected text after" },
	{ "%F %T", "2023-01-31 14:05", "UTC", NULL, "ends before the format" },
	{ "%F %T", "2023-01-31 14:05:", "UTC", NULL, "ends where the seconds" },
	{ "%F %T", "2023-01-31", "UTC", NULL, "ends before the format" },
	{ "%F %T", "2023", "UTC", NULL, "ends before the format" },
	{ "%F %T", "", "UTC", NULL, "empty time" },
	{ "%F %T", " \t ", "UTC", NULL, "empty time" },
	{ "%F %T", "10:56:33", "UTC", NULL, "expected a year" },
	/* Europe/Amsterdam: a gap goes forward, an overlap takes summer time. */
	{ "%F %H:%M", "2026-03-29 02:30", "Europe/Amsterdam",
	  "2026-03-29T01:30:00Z", NULL },
	{ "%F %H:%M", "2026-03-29 01:59", "Europe/Amsterdam",
	  "2026-03-29T00:59:00Z", NULL },
	{ "%F %H:%M", "2026-03-29 03:00", "Europe/Amsterdam",
	  "2026-03-29T01:00:00Z", NULL },
	{ "%F %H:%M", "2026-10-25 02:30", "Europe/Amsterdam",
	  "2026-10-25T00:30:00Z", NULL },
	{ "%F %H:%M", "2026-10-25 03:00", "Europe/Amsterdam",
	  "2026-10-25T02:00:00Z", NULL },
	{ "%F %H:%M", "2026-07-01 12:00", "Europe/Amsterdam",
	  "2026-07-01T10:00:00Z", NULL },
	{ "%F %H:%M", "2026-01-01 12:00", "Europe/Amsterdam",
	  "2026-01-01T11:00:00Z", NULL },
	/* A fixed zone. */
	{ "%F %H:%M", "2023-01-31 14:05", "+05:30", "2023-01-31T08:35:00Z",
	  NULL },
	{ "%F %H:%M:%S.%f", "2023-01-01 03:00:00.25", "+05:30",
	  "2022-12-31T21:30:00.250Z", NULL },
};

START_TEST(test_parse_table)
{
	const struct parse_case	*c = &parse_cases[_i];
	struct timefmt		*tf = NULL;
	struct tz		*zone = NULL;
	char			*cause = NULL, got[64];
	const char		*why = NULL;
	mot_time		 t = 0;
	size_t			 len = strlen(c->text), at = SIZE_MAX;
	char			*copy;
	int			 rc;

	ck_assert_msg(timefmt_compile(c->fmt, &tf, &cause) == 0,
	    "\"%s\": %s", c->fmt, cause != NULL ? cause : "?");
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(timefmt_text(tf), c->fmt);
	if (c->zone != NULL) {
		zone = tz_load(c->zone, &cause);
		ck_assert_msg(zone != NULL, "%s: %s", c->zone, cause);
	}
	/* Not NUL-terminated: digits follow, which must not be read. */
	copy = malloc(len + 8);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, c->text, len);
	memcpy(copy + len, "9999999", 8);
	rc = timefmt_parse_at(tf, copy, len, zone, &t, &why, &at);
	if (c->utc == NULL) {
		ck_assert_msg(rc == -1, "\"%s\" by \"%s\": rc %d", c->text,
		    c->fmt, rc);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strstr(why, c->why) != NULL,
		    "\"%s\" by \"%s\": why \"%s\", not \"%s\"", c->text, c->fmt,
		    why, c->why);
		ck_assert_uint_le(at, len);
	} else if (strcmp(c->utc, NOOFF) == 0) {
		ck_assert_msg(rc == TIMEFMT_NO_OFFSET, "\"%s\" by \"%s\": rc %d",
		    c->text, c->fmt, rc);
		ck_assert_ptr_nonnull(why);
	} else {
		ck_assert_msg(rc == 0, "\"%s\" by \"%s\": %s", c->text, c->fmt,
		    why != NULL ? why : "?");
		isotime_format(t, got, sizeof got);
		ck_assert_msg(strcmp(got, c->utc) == 0,
		    "\"%s\" by \"%s\" in %s: %s, not %s", c->text, c->fmt,
		    c->zone != NULL ? c->zone : "no zone", got, c->utc);
		/* timefmt_parse is timefmt_parse_at. */
		t = 0;
		ck_assert_int_eq(timefmt_parse(tf, copy, len, zone, &t, &why),
		    0);
		isotime_format(t, got, sizeof got);
		ck_assert_str_eq(got, c->utc);
	}
	free(copy);
	tz_free(zone);
	timefmt_free(tf);
}
END_TEST

/* Where an error is said to be, counted in the text as given. */
START_TEST(test_parse_where)
{
	static const struct {
		const char	*fmt, *text;
		size_t		 at;
	} cases[] = {
		{ "%F %T", "2023-13-01 00:00:00", 5 },
		{ "%F %T", "  2023-13-01 00:00:00", 7 },
		{ "%F %T", "2023-04-31 00:00:00", 8 },
		{ "%d/%m/%Y %H:%M", "31/4/2023 0:00", 0 },
		{ "%F %T", "2023-01-31 14:05:00x", 19 },
		{ "%F %T", "2023-01-31 14:05", 16 },
		{ "%F %T", "", 0 },
	};
	struct timefmt	*tf;
	char		*cause = NULL;
	const char	*why;
	mot_time	 t;
	size_t		 i, at;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(timefmt_compile(cases[i].fmt, &tf, &cause), 0);
		at = SIZE_MAX;
		ck_assert_int_eq(timefmt_parse_at(tf, cases[i].text,
		    strlen(cases[i].text), NULL, &t, &why, &at), -1);
		ck_assert_msg(at == cases[i].at, "\"%s\": at %zu, not %zu",
		    cases[i].text, at, cases[i].at);
		timefmt_free(tf);
	}
}
END_TEST

/* Formats refused when compiled, with a part of the cause. */
static const struct compile_case {
	const char	*fmt;
	const char	*cause;
} compile_cases[] = {
	{ "%Y-%m-%Q %H:%M", "unknown directive \"%Q\" at byte 7" },
	{ "%Y-%m-%d %H:%M:%s", "unknown directive \"%s\" at byte 16" },
	{ "%Y-%m-%d %\x01", "unknown directive (% and byte 0x01) at byte 10" },
	{ "%Y-%m-%d %", "a lone \"%\" at the end" },
	{ "%", "a lone \"%\"" },
	{ "%H:%M:%S", "no year" },
	{ "%H:%M:%S", "mot cannot invent one" },
	{ "%T", "the times would have no date" },
	{ "%Y-%m %H:%M", "no day" },
	{ "%Y-%d %H:%M", "no month" },
	{ "%m-%d %H:%M", "no year" },
	{ "", "no year" },
	{ "%d/%m/%Y %I:%M", "%I (an hour of 01-12) needs %p" },
	{ "%d/%m/%Y %H:%M %p", "%p (AM or PM) needs %I" },
	{ "%F %H:%M.%f", "%f (a fraction of a second) needs %S" },
	{ "%F %H %H", "%H at byte 7 reads the hour a second time" },
	{ "%F %T %I %p", "%I at byte 7 reads the hour a second time" },
	{ "%F %Y", "%Y at byte 4 reads the year a second time" },
	{ "%d %b %Y %B", "%B at byte 10 reads the month a second time" },
	{ "%F %T%z%z", "%z at byte 8 reads the UTC offset a second time" },
	{ "%Y-%m-%d %y", "%y at byte 10 reads the year a second time" },
};

START_TEST(test_compile_errors)
{
	const struct compile_case	*c = &compile_cases[_i];
	struct timefmt			*tf = NULL;
	char				*cause = NULL;

	ck_assert_msg(timefmt_compile(c->fmt, &tf, &cause) == -1,
	    "\"%s\" compiled", c->fmt);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, c->cause) != NULL,
	    "\"%s\": cause \"%s\", not \"%s\"", c->fmt, cause, c->cause);
	free(cause);
}
END_TEST

START_TEST(test_has_offset)
{
	static const struct {
		const char	*fmt;
		int		 has;
	} cases[] = {
		{ "%F %T", 0 },
		{ "%F %T%z", 1 },
		{ "%FT%TZ", 1 },		/* a literal Z: UTC */
		{ "%FT%T.%fZ", 1 },
		{ "%F %TZ x", 0 },		/* Z not at the end */
		{ "%F %H:%M %%", 0 },
		{ " %F %T ", 0 },
	};
	struct timefmt	*tf;
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(timefmt_compile(cases[i].fmt, &tf, &cause), 0);
		ck_assert_msg(timefmt_has_offset(tf) == cases[i].has,
		    "\"%s\"", cases[i].fmt);
		ck_assert_str_eq(timefmt_text(tf), cases[i].fmt);
		timefmt_free(tf);
	}
	timefmt_free(NULL);
}
END_TEST

/*
 * Every day from 1899 to 2101 at a few times of day, in two layouts, is
 * the instant isotime_parse makes of the same time in ISO 8601; the days
 * 28-31 of every month both must refuse or both take.
 */
START_TEST(test_agrees_with_isotime)
{
	struct timefmt	*ymd, *dmy;
	struct tz	*utc;
	char		*cause = NULL, iso[64], alt[64];
	const char	*why;
	mot_time	 a, b;
	int64_t		 days, y;
	unsigned	 m, d, k;
	int		 ra, rb;

	ck_assert_int_eq(timefmt_compile("%F %T", &ymd, &cause), 0);
	ck_assert_int_eq(timefmt_compile("%d/%m/%Y %I:%M:%S %p", &dmy, &cause),
	    0);
	ck_assert_ptr_nonnull(utc = tz_load("UTC", &cause));
	for (days = days_from_civil(1899, 1, 1);
	    days <= days_from_civil(2101, 12, 31); days++) {
		civil_from_days(days, &y, &m, &d);
		for (k = 0; k < 24; k += 5) {
			snprintf(iso, sizeof iso, "%04d-%02u-%02uT%02u:%02u:%02uZ",
			    (int)y, m, d, k, (k * 7) % 60, (k * 13) % 60);
			if (isotime_parse(iso, strlen(iso), NULL, &a,
			    &why) != 0)
				ck_abort_msg("isotime_parse %s", iso);
			iso[10] = ' ';
			if (timefmt_parse(ymd, iso, 19, NULL, &b, &why) !=
			    TIMEFMT_NO_OFFSET)
				ck_abort_msg("no zone: %s", iso);
			b = 0;
			if (timefmt_parse(ymd, iso, 19, utc, &b, &why) != 0 ||
			    a != b)
				ck_abort_msg("%s", iso);
			snprintf(alt, sizeof alt, "%u/%u/%04d %u:%02u:%02u %s",
			    d, m, (int)y, k % 12 == 0 ? 12 : k % 12,
			    (k * 7) % 60, (k * 13) % 60, k < 12 ? "AM" : "PM");
			b = 0;
			if (timefmt_parse(dmy, alt, strlen(alt), utc, &b,
			    &why) != 0 || a != b)
				ck_abort_msg("%s and %s", iso, alt);
		}
	}
	for (y = 1899; y <= 2101; y++) {
		for (m = 1; m <= 12; m++) {
			for (d = 28; d <= 31; d++) {
				snprintf(iso, sizeof iso,
				    "%04d-%02u-%02u 10:20:30Z", (int)y, m, d);
				ra = isotime_parse(iso, strlen(iso), NULL, &a,
				    &why);
				snprintf(alt, sizeof alt,
				    "%u/%u/%04d 10:20:30 AM", d, m, (int)y);
				rb = timefmt_parse(dmy, alt, strlen(alt), utc,
				    &b, &why);
				if (rb != ra || (ra == 0 && a != b))
					ck_abort_msg("%s: %d, %s: %d", iso,
					    ra, alt, rb);
			}
		}
	}
	tz_free(utc);
	timefmt_free(ymd);
	timefmt_free(dmy);
}
END_TEST

/* The same instants when a zone of UTC is given: equal to isotime_parse's. */
START_TEST(test_same_instant_as_isotime)
{
	struct timefmt	*ymd, *dmy;
	struct tz	*utc;
	char		*cause = NULL, iso[64], alt[64];
	const char	*why;
	mot_time	 a, b, c;
	int64_t		 days, y;
	unsigned	 m, d, k;

	ck_assert_int_eq(timefmt_compile("%F %T.%f", &ymd, &cause), 0);
	ck_assert_int_eq(timefmt_compile("%e %B %y %I:%M:%S %p", &dmy, &cause),
	    0);
	ck_assert_ptr_nonnull(utc = tz_load("UTC", &cause));
	for (days = days_from_civil(1969, 1, 1);
	    days <= days_from_civil(2068, 12, 31); days += 3) {
		civil_from_days(days, &y, &m, &d);
		k = (unsigned)(days % 24 + 24) % 24;
		snprintf(iso, sizeof iso, "%04d-%02u-%02u %02u:%02u:%02u.%06u",
		    (int)y, m, d, k, (unsigned)(days % 60 + 60) % 60,
		    (unsigned)(days % 59 + 59) % 59,
		    (unsigned)(days * 7919 % 1000000 + 1000000) % 1000000);
		ck_assert_int_eq(isotime_parse(iso, strlen(iso), utc, &a, &why),
		    0);
		ck_assert_int_eq(timefmt_parse(ymd, iso, strlen(iso), utc, &b,
		    &why), 0);
		ck_assert_int_eq(a, b);
		iso[19] = '\0';
		ck_assert_int_eq(isotime_parse(iso, 19, utc, &a, &why), 0);
		snprintf(alt, sizeof alt, "%2u %s %02d %u:%s %s", d,
		    (const char *[]){ "JANUARY", "feb", "March", "apr", "May",
		    "june", "Jul", "AUGUST", "sept", "Oct", "november",
		    "dec" }[m - 1], (int)(y % 100),
		    k % 12 == 0 ? 12 : k % 12, iso + 14, k < 12 ? "am" : "pm");
		ck_assert_int_eq(timefmt_parse(dmy, alt, strlen(alt), utc, &c,
		    &why), 0);
		ck_assert_msg(a == c, "%s and %s", iso, alt);
	}
	tz_free(utc);
	timefmt_free(ymd);
	timefmt_free(dmy);
}
END_TEST

/* The CSV default without a time-format: isotime_parse takes a space for the T. */
START_TEST(test_isotime_default)
{
	struct tz	*ams;
	char		*cause = NULL, got[64];
	const char	*why = NULL;
	mot_time	 t = 0;

	ck_assert_int_eq(isotime_parse("2018-10-02 10:56:33", 19, NULL, &t,
	    &why), ISOTIME_NO_OFFSET);
	ck_assert_ptr_nonnull(ams = tz_load("Europe/Amsterdam", &cause));
	ck_assert_int_eq(isotime_parse("2018-10-02 10:56:33", 19, ams, &t,
	    &why), 0);
	isotime_format(t, got, sizeof got);
	ck_assert_str_eq(got, "2018-10-02T08:56:33Z");
	tz_free(ams);
}
END_TEST

START_TEST(test_clock_only)
{
	static const char *const yes[] = {
		"0:10:27", "10:56", "23:59:59.123", "10:56:33.5", "10:56:33,5",
		" 7:05 ", "2:05 PM", "12:00:00 am", "99:99"
	};
	static const char *const no[] = {
		"2018-10-02", "10", "", "   ", "10:5", "100:10", "10:56:3",
		"10:56:33.", "10:56 XM", "2018-10-02 10:56:33", "10:56:33Z",
		"1:2:3", "a10:56", "10:56 PM x", "31/01/2023"
	};
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(timefmt_is_clock_only(yes[i], strlen(yes[i])),
		    "\"%s\"", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!timefmt_is_clock_only(no[i], strlen(no[i])),
		    "\"%s\"", no[i]);
	/* Only len bytes are looked at. */
	ck_assert(timefmt_is_clock_only("10:56:33 2018", 8));
	ck_assert(!timefmt_is_clock_only("10:56:33", 4));
}
END_TEST

Suite *
make_timefmt_suite(void)
{
	Suite	*s = suite_create("timefmt");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_table, 0,
	    (int)(sizeof parse_cases / sizeof parse_cases[0]));
	tcase_add_test(tc, test_parse_where);
	tcase_add_test(tc, test_isotime_default);
	suite_add_tcase(s, tc);

	tc = tcase_create("compile");
	tcase_add_loop_test(tc, test_compile_errors, 0,
	    (int)(sizeof compile_cases / sizeof compile_cases[0]));
	tcase_add_test(tc, test_has_offset);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_test(tc, test_agrees_with_isotime);
	tcase_add_test(tc, test_same_instant_as_isotime);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("clock-only");
	tcase_add_test(tc, test_clock_only);
	suite_add_tcase(s, tc);
	return (s);
}
