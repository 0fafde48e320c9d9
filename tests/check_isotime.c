/*
 * check_isotime.c - tests for isotime.c: ISO 8601 date-times (offsets,
 * fractions, calendar limits, errors), the civil-date conversions, formatting,
 * durations and their human form. Expected instants were computed with
 * Python's calendar.timegm, not with the code under test.
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_mot.h"
#include "isotime.h"
#include "tz.h"

#define S	MOT_USEC

/* 2026-10-01T07:00:00Z in seconds since the epoch. */
#define T0	INT64_C(1790838000)

/* The readers' dates, kept across tests like a reader's across a file. */
static struct isotime_dates	test_dates;

/* isotime_fast takes a time only if isotime_parse took it, as the same instant. */
static void
same_inline(const char *s, int rc, mot_time t)
{
	mot_time	u = 0;

	if (isotime_fast(&test_dates, s, strlen(s), &u)) {
		ck_assert_msg(rc == 0, "\"%s\": taken inline only", s);
		ck_assert_int_eq(u, t);
	}
}

/* Parse a time that must be valid, with no zone. */
static mot_time
parse_ok(const char *s)
{
	mot_time	 t = 0;
	const char	*why = NULL;
	int		 rc;

	rc = isotime_parse(s, strlen(s), NULL, &t, &why);
	ck_assert_msg(rc == 0, "\"%s\" rejected: %s", s, why ? why : "?");
	same_inline(s, rc, t);
	return (t);
}

/* Check that a time is rejected, with a reason. */
static void
parse_bad(const char *s)
{
	mot_time	 t = 0;
	const char	*why = NULL;
	int		 rc;

	rc = isotime_parse(s, strlen(s), NULL, &t, &why);
	ck_assert_msg(rc == -1, "\"%s\" accepted as %lld", s, (long long)t);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_gt(strlen(why), 0);
	same_inline(s, rc, t);
}

static int64_t
dur_ok(const char *s, int *has_days)
{
	struct mot_duration	 d;
	const char		*why = NULL;
	int			 rc;

	rc = isodur_parse(s, strlen(s), &d, &why);
	ck_assert_msg(rc == 0, "\"%s\" rejected: %s", s, why ? why : "?");
	if (has_days != NULL)
		*has_days = d.has_days;
	return (d.us);
}

static void
dur_bad(const char *s)
{
	struct mot_duration	 d;
	const char		*why = NULL;
	int			 rc;

	rc = isodur_parse(s, strlen(s), &d, &why);
	ck_assert_msg(rc == -1, "\"%s\" accepted", s);
	ck_assert_ptr_nonnull(why);
}

START_TEST(test_time_z)
{
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00Z"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01t07:00:00z"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01 07:00:00Z"), T0 * S);
	/* Slashes, as some exporters write dates. */
	ck_assert_int_eq(parse_ok("2026/10/01T07:00:00Z"), T0 * S);
	ck_assert_int_eq(parse_ok("1970-01-01T00:00:00Z"), 0);
}
END_TEST

/* --as-of: ISO 8601 with an offset, or now; a time without an offset is refused. */
START_TEST(test_time_given)
{
	mot_time	 t = 0;
	const char	*why = NULL;

	ck_assert_int_eq(isotime_parse_given("now", 42, &t, &why), 0);
	ck_assert_int_eq(t, 42);
	ck_assert_int_eq(isotime_parse_given("2026-10-01T09:00:00+02:00", 42,
	    &t, &why), 0);
	ck_assert_int_eq(t, T0 * S);
	ck_assert_int_eq(isotime_parse_given("2026-10-01T07:00:00", 42, &t,
	    &why), -1);
	ck_assert_str_eq(why, "a time without a UTC offset");
	why = NULL;
	ck_assert_int_eq(isotime_parse_given("Now", 42, &t, &why), -1);
	ck_assert_ptr_nonnull(why);
	why = NULL;
	ck_assert_int_eq(isotime_parse_given("2026-10-01", 42, &t, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(isotime_parse_given("", 42, &t, &why), -1);
}
END_TEST

START_TEST(test_time_offsets)
{
	ck_assert_int_eq(parse_ok("2026-10-01T09:00:00+02:00"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T09:00:00+0200"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T09:00:00+02"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T01:30:00-05:30"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T01:30:00-0530"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00+00:00"), T0 * S);
	/* An offset crossing midnight backwards. */
	ck_assert_int_eq(parse_ok("2026-09-30T23:00:00-08:00"), T0 * S);
}
END_TEST

START_TEST(test_time_bad_offsets)
{
	parse_bad("2026-10-01T07:00:00+2:00");
	parse_bad("2026-10-01T07:00:00+24:00");
	parse_bad("2026-10-01T07:00:00+02:60");
	parse_bad("2026-10-01T07:00:00+02:0");
	parse_bad("2026-10-01T07:00:00+");
	parse_bad("2026-10-01T07:00:00+02:00:00");
}
END_TEST

START_TEST(test_time_offset_dangling_colon)
{
	/* "+hh:" is neither +hh nor +hh:mm. */
	parse_bad("2026-10-01T07:00:00+02:");
}
END_TEST

START_TEST(test_time_fractions)
{
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00.5Z"), T0 * S + 500000);
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00.123Z"),
	    T0 * S + 123000);
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00,123Z"),
	    T0 * S + 123000);
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00.123456Z"),
	    T0 * S + 123456);
	/* Nanoseconds are truncated, not rounded. */
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00.123456999Z"),
	    T0 * S + 123456);
	ck_assert_int_eq(parse_ok("2026-10-01T07:00:00.999999999+01:00"),
	    (T0 - 3600) * S + 999999);
	parse_bad("2026-10-01T07:00:00.Z");
	parse_bad("2026-10-01T07:00:00.");
}
END_TEST

START_TEST(test_time_no_seconds)
{
	ck_assert_int_eq(parse_ok("2026-10-01T07:00Z"), T0 * S);
	ck_assert_int_eq(parse_ok("2026-10-01T07:01+00:00"), (T0 + 60) * S);
	parse_bad("2026-10-01T07Z");
	parse_bad("2026-10-01");
}
END_TEST

START_TEST(test_time_leap_days)
{
	ck_assert_int_eq(parse_ok("2024-02-29T12:00:00Z"),
	    INT64_C(1709208000) * S);
	parse_bad("2023-02-29T12:00:00Z");
	parse_bad("2026-02-30T12:00:00Z");
	parse_bad("1900-02-29T12:00:00Z");
	parse_ok("2000-02-29T12:00:00Z");
	parse_bad("2026-04-31T12:00:00Z");
	parse_bad("2026-13-01T12:00:00Z");
	parse_bad("2026-00-01T12:00:00Z");
	parse_bad("2026-01-00T12:00:00Z");
}
END_TEST

START_TEST(test_time_clock_range)
{
	parse_bad("2026-10-01T25:00:00Z");
	parse_bad("2026-10-01T24:00:00Z");
	parse_bad("2026-10-01T23:60:00Z");
	parse_bad("2026-10-01T23:59:60Z");
	ck_assert_int_eq(parse_ok("2026-10-01T23:59:59Z"),
	    (T0 + 17 * 3600 - 1) * S);
}
END_TEST

/* A time that is well formed but has no offset, with no zone to assume. */
static void
parse_no_offset(const char *s)
{
	mot_time	 t = 0;
	const char	*why = NULL;
	int		 rc;

	rc = isotime_parse(s, strlen(s), NULL, &t, &why);
	ck_assert_msg(rc == ISOTIME_NO_OFFSET, "\"%s\": rc %d", s, rc);
	ck_assert_ptr_nonnull(why);
	same_inline(s, rc, t);
}

/*
 * The fast path checks "hh:mm:ss" eight bytes at a time: every byte just
 * outside '0'-'9' and ':' in each place must still be refused, and times
 * that alternate between days must each get their own day (the day
 * numbers are cached by the date's text).
 */
START_TEST(test_time_fast_path_bytes)
{
	static const char	 bad[] = { '/', ':', ';', ' ', '\x80', '\xb0',
	    '\xff', 'a' };
	static const int	 places[] = { 11, 12, 13, 14, 15, 16, 17, 18 };
	char			 s[] = "2026-10-01T07:00:00Z";
	size_t			 i, k;

	for (i = 0; i < sizeof places / sizeof places[0]; i++) {
		for (k = 0; k < sizeof bad; k++) {
			memcpy(s, "2026-10-01T07:00:00Z", sizeof s);
			if ((places[i] == 13 || places[i] == 16) && bad[k] == ':')
				continue;	/* that is the colon's place */
			s[places[i]] = bad[k];
			parse_bad(s);
		}
	}
	parse_bad("2026-10-01T07:00-00Z");
	parse_bad("2026-10-01T07-00:00Z");
	ck_assert_int_eq(parse_ok("2026-10-01T19:59:59Z"),
	    (T0 + 13 * 3600 - 1) * S);
}
END_TEST

/* Every hour and minute to 99, seconds around 59: both paths agree. */
START_TEST(test_time_hms_range)
{
	static const int	secs[] = { 0, 1, 9, 10, 58, 59, 60, 61, 69, 99 };
	char			s[32];
	mot_time		t;
	int			h, mi, k, ok;

	for (h = 0; h <= 99; h++) {
		for (mi = 0; mi <= 99; mi++) {
			for (k = 0; k < (int)(sizeof secs / sizeof secs[0]);
			    k++) {
				snprintf(s, sizeof s, "2026-10-01T%02d:%02d:%02dZ",
				    h, mi, secs[k]);
				ok = h <= 23 && mi <= 59 && secs[k] <= 59;
				/* The usual layout: always taken inline. */
				ck_assert_int_eq(isotime_fast(&test_dates, s,
				    strlen(s), &t), ok);
				if (ok)
					ck_assert_int_eq(parse_ok(s), (T0 +
					    (h - 7) * 3600 + mi * 60 +
					    secs[k]) * S);
				else if (secs[k] != 60 || h > 23 || mi > 59)
					parse_bad(s);
			}
		}
	}
}
END_TEST

START_TEST(test_time_date_cache)
{
	static const char *const	days[] = {
		"2026-10-01", "2026-10-02", "2026-11-01", "2025-10-01",
		"2026-10-11", "2026-10-21", "2026-12-01", "2026-10-31"
	};
	static const int64_t		offset[] = {
		0, 1, 31, -365, 10, 20, 61, 30
	};
	char				s[32];
	size_t				i, round;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < sizeof days / sizeof days[0]; i++) {
			snprintf(s, sizeof s, "%sT07:00:00Z", days[i]);
			ck_assert_int_eq(parse_ok(s),
			    (T0 + offset[i] * 86400) * S);
		}
	}
	/* A bad date after a good one with the same day digits. */
	parse_ok("2026-01-31T07:00:00Z");
	parse_bad("2026-02-31T07:00:00Z");
	parse_bad("2026-0x-31T07:00:00Z");
}
END_TEST

START_TEST(test_time_needs_offset)
{
	parse_no_offset("2026-10-01T07:00:00");
	parse_no_offset("2026-10-01T07:00");
	parse_no_offset("2026-10-01T07:00:00.5");
	/* Other mistakes are not reported as a missing offset. */
	parse_bad("2026-02-30T07:00:00");
	parse_bad("2026-10-01T07:00:00x");
}
END_TEST

START_TEST(test_time_assumed_zone)
{
	struct tz	*z;
	char		*cause = NULL;
	mot_time	 t = 0;
	const char	*why = NULL;
	const char	*s = "2026-10-01T09:00:00";

	z = tz_load("+02:00", &cause);
	ck_assert_msg(z != NULL, "tz_load: %s", cause ? cause : "?");
	ck_assert_int_eq(isotime_parse(s, strlen(s), z, &t, &why), 0);
	ck_assert_int_eq(t, T0 * S);
	/* An explicit offset wins over the assumed zone. */
	s = "2026-10-01T07:00:00Z";
	ck_assert_int_eq(isotime_parse(s, strlen(s), z, &t, &why), 0);
	ck_assert_int_eq(t, T0 * S);
	tz_free(z);
}
END_TEST

START_TEST(test_time_garbage)
{
	parse_bad("");
	parse_bad("   ");
	parse_bad("2026-10-01T07:00:00Zx");
	parse_bad("2026-10-01T07:00:00Z Z");
	parse_bad("2026-10-01X07:00:00Z");
	parse_bad("26-10-01T07:00:00Z");
	parse_bad("2026/10-01T07:00:00Z");
	parse_bad("2026.10.01T07:00:00Z");
	parse_bad("yesterday");
	/* Surrounding white space is allowed. */
	ck_assert_int_eq(parse_ok("  2026-10-01T07:00:00Z\n"), T0 * S);
}
END_TEST

START_TEST(test_time_length_bound)
{
	const char	*s = "2026-10-01T07:00:00Zjunk";
	mot_time	 t = 0;
	const char	*why = NULL;

	/* Only len bytes are read. */
	ck_assert_int_eq(isotime_parse(s, 20, NULL, &t, &why), 0);
	ck_assert_int_eq(t, T0 * S);
	ck_assert_int_eq(isotime_parse(s, 21, NULL, &t, &why), -1);
}
END_TEST

START_TEST(test_time_year_limits)
{
	ck_assert_int_eq(parse_ok("0001-01-01T00:00:00Z"),
	    INT64_C(-62135596800) * S);
	ck_assert_int_eq(parse_ok("9999-12-31T23:59:59Z"),
	    INT64_C(253402300799) * S);
	parse_bad("0000-12-31T00:00:00Z");
}
END_TEST

START_TEST(test_time_before_epoch)
{
	ck_assert_int_eq(parse_ok("1969-12-31T23:59:59Z"), -S);
	ck_assert_int_eq(parse_ok("1969-12-31T23:59:59.5Z"), -S / 2);
	ck_assert_int_eq(parse_ok("1969-12-31T00:00:00Z"), -86400 * S);
}
END_TEST

START_TEST(test_civil_known)
{
	ck_assert_int_eq(days_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(days_from_civil(1969, 12, 31), -1);
	ck_assert_int_eq(days_from_civil(1600, 3, 1), -135080);
	ck_assert_int_eq(days_from_civil(2000, 2, 29), 11016);
	ck_assert_int_eq(days_from_civil(2400, 12, 31), 157419);
	ck_assert_int_eq(days_from_civil(1, 1, 1), -719162);
}
END_TEST

/* Walk day by day from 1600-03-01, keeping our own calendar alongside. */
START_TEST(test_civil_round_trip)
{
	static const unsigned	dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int64_t		z, y = 1600, gy;
	unsigned	m = 3, d = 1, gm, gd, len;
	int		leap;

	for (z = -135080; z <= 157419; z++) {
		civil_from_days(z, &gy, &gm, &gd);
		/* Assert only on a mismatch: each passing ck_assert costs. */
		if (gy != y || gm != m || gd != d)
			ck_abort_msg("day %lld: got %lld-%02u-%02u, want "
			    "%lld-%02u-%02u", (long long)z, (long long)gy, gm, gd,
			    (long long)y, m, d);
		if (days_from_civil(y, m, d) != z)
			ck_abort_msg("%lld-%02u-%02u: got day %lld, want %lld",
			    (long long)y, m, d,
			    (long long)days_from_civil(y, m, d), (long long)z);
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		len = m == 2 && leap ? 29 : dim[m - 1];
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	ck_assert_int_eq(y, 2401);
}
END_TEST

START_TEST(test_civil_specific)
{
	int64_t		y;
	unsigned	m, d;

	civil_from_days(11016, &y, &m, &d);
	ck_assert_int_eq(y, 2000);
	ck_assert_uint_eq(m, 2);
	ck_assert_uint_eq(d, 29);
	civil_from_days(-135080, &y, &m, &d);
	ck_assert_int_eq(y, 1600);
	ck_assert_uint_eq(m, 3);
	ck_assert_uint_eq(d, 1);
	civil_from_days(-1, &y, &m, &d);
	ck_assert_int_eq(y, 1969);
	ck_assert_uint_eq(m, 12);
	ck_assert_uint_eq(d, 31);
}
END_TEST

/* Dates alone (holidays): exactly YYYY-MM-DD, a day that exists. */
START_TEST(test_parse_date)
{
	static const struct {
		const char	*s;
		int64_t		 days;	/* INT64_MIN: refused */
	} t[] = {
		{ "2026-12-25", 20812 },
		{ "2028-02-29", 21243 },
		{ "2000-02-29", 11016 },
		{ "0001-01-01", -719162 },
		{ "9999-12-31", 2932896 },
		{ "2026-02-31", INT64_MIN },	/* sscanf took it as 3 March */
		{ "2026-04-31", INT64_MIN },
		{ "2027-02-29", INT64_MIN },
		{ "1900-02-29", INT64_MIN },
		{ "+999-01-01", INT64_MIN },
		{ "-999-01-01", INT64_MIN },
		{ " 999-01-01", INT64_MIN },
		{ "0000-01-01", INT64_MIN },
		{ "2026-13-01", INT64_MIN },
		{ "2026-00-10", INT64_MIN },
		{ "2026-01-00", INT64_MIN },
		{ "2026-1-025", INT64_MIN },
		{ "2026/12/25", INT64_MIN },
		{ "2026-12-2x", INT64_MIN },
		{ "2026-12-2", INT64_MIN },
		{ "2026-12-250", INT64_MIN },
		{ "2026-12-25 ", INT64_MIN },
		{ "", INT64_MIN },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		ck_assert_msg(isotime_parse_date(t[i].s, strlen(t[i].s)) ==
		    t[i].days, "%s", t[i].s);
	}
	/* Only len bytes are read. */
	ck_assert_int_eq(isotime_parse_date("2026-12-25T00:00Z", 10), 20812);
}
END_TEST

START_TEST(test_format)
{
	char	buf[64];

	isotime_format(T0 * S, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-10-01T07:00:00Z");
	isotime_format(T0 * S + 250000, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-10-01T07:00:00.250Z");
	isotime_format(T0 * S + 123456, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-10-01T07:00:00.123456Z");
	isotime_format(-S / 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "1969-12-31T23:59:59.500Z");
	isotime_format(INT64_C(-62135596800) * S, buf, sizeof buf);
	ck_assert_str_eq(buf, "0001-01-01T00:00:00Z");
	isotime_format(INT64_C(253402300799) * S + 999999, buf, sizeof buf);
	ck_assert_str_eq(buf, "9999-12-31T23:59:59.999999Z");
}
END_TEST

START_TEST(test_format_round_trip)
{
	static const char	*const in[] = {
		"2026-10-01T07:00:00Z",
		"2024-02-29T23:59:59Z",
		"2000-02-29T00:00:00.001Z",
		"1969-07-20T20:17:40.5Z",
		"1900-01-01T12:34:56.000007Z",
		"0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999Z",
	};
	static const char	*const out[] = {
		"2026-10-01T07:00:00Z",
		"2024-02-29T23:59:59Z",
		"2000-02-29T00:00:00.001Z",
		"1969-07-20T20:17:40.500Z",
		"1900-01-01T12:34:56.000007Z",
		"0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999Z",
	};
	char		buf[64];
	mot_time	t;
	size_t		i;

	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		t = parse_ok(in[i]);
		isotime_format(t, buf, sizeof buf);
		ck_assert_str_eq(buf, out[i]);
		ck_assert_int_eq(parse_ok(buf), t);
	}
}
END_TEST

START_TEST(test_dur_basic)
{
	int	hd = -1;

	ck_assert_int_eq(dur_ok("PT2M", &hd), 120 * S);
	ck_assert_int_eq(hd, 0);
	ck_assert_int_eq(dur_ok("PT15M", &hd), 900 * S);
	ck_assert_int_eq(hd, 0);
	ck_assert_int_eq(dur_ok("PT1H", &hd), 3600 * S);
	ck_assert_int_eq(dur_ok("PT45S", &hd), 45 * S);
	ck_assert_int_eq(dur_ok("PT1H30M", &hd), 5400 * S);
	/* Values need not be normalised. */
	ck_assert_int_eq(dur_ok("PT90M", &hd), 5400 * S);
	ck_assert_int_eq(dur_ok("PT36H", &hd), 36 * 3600 * S);
	ck_assert_int_eq(dur_ok(" PT2M ", &hd), 120 * S);
}
END_TEST

START_TEST(test_dur_days)
{
	int	hd = 0;

	ck_assert_int_eq(dur_ok("P1D", &hd), 86400 * S);
	ck_assert_int_eq(hd, 1);
	hd = 0;
	ck_assert_int_eq(dur_ok("P2W", &hd), 14 * 86400 * S);
	ck_assert_int_eq(hd, 1);
	hd = 0;
	ck_assert_int_eq(dur_ok("P1DT2H30M", &hd),
	    (86400 + 2 * 3600 + 30 * 60) * S);
	ck_assert_int_eq(hd, 1);
	ck_assert_int_eq(dur_ok("P1DT12H", &hd), 36 * 3600 * S);
}
END_TEST

START_TEST(test_dur_fractions)
{
	ck_assert_int_eq(dur_ok("PT0.5S", NULL), S / 2);
	ck_assert_int_eq(dur_ok("PT1.5H", NULL), 5400 * S);
	ck_assert_int_eq(dur_ok("PT2M0.25S", NULL), 120 * S + 250000);
	ck_assert_int_eq(dur_ok("PT2M30.5S", NULL), 150 * S + 500000);
	ck_assert_int_eq(dur_ok("P0.5D", NULL), 43200 * S);
	ck_assert_int_eq(dur_ok("PT0.000001S", NULL), 1);
}
END_TEST

/* A duration is exact microseconds: 0.009 h is 32.4 s, 0.000249 s is 249 us. */
START_TEST(test_dur_fraction_exact)
{
	ck_assert_int_eq(dur_ok("PT0.009H", NULL), INT64_C(32400000));
	ck_assert_int_eq(dur_ok("PT0.000249S", NULL), 249);
	ck_assert_int_eq(dur_ok("PT0.575H", NULL), INT64_C(2070000000));
	ck_assert_int_eq(dur_ok("P0.043D", NULL), INT64_C(3715200000));
}
END_TEST

START_TEST(test_dur_zero)
{
	int	hd = -1;

	ck_assert_int_eq(dur_ok("PT0S", &hd), 0);
	ck_assert_int_eq(hd, 0);
	ck_assert_int_eq(dur_ok("P0D", NULL), 0);
}
END_TEST

START_TEST(test_dur_errors)
{
	dur_bad("P1Y");
	dur_bad("P1M");
	dur_bad("P1Y2M");
	dur_bad("");
	dur_bad("P");
	dur_bad("PT");
	dur_bad("P1H");
	dur_bad("PT1D");
	dur_bad("PT1.5H30M");
	dur_bad("P1W2D");
	dur_bad("P1WT1H");
	dur_bad("P1DT");
	dur_bad("pt2m");
	dur_bad("PT2m");
	dur_bad("PT1,5H");
	dur_bad("P99999999999D");
	dur_bad("-PT1M");
	dur_bad("PT15");
	dur_bad("T15M");
	dur_bad("PT1M2H");
	dur_bad("P1D1W");
	dur_bad("PT1HT2M");
	dur_bad("PT.5S");
	dur_bad("PT1.S");
	dur_bad("15M");
}
END_TEST

START_TEST(test_dur_limit)
{
	/* 100 years of 366 days is the longest accepted. */
	ck_assert_int_eq(dur_ok("P36600D", NULL), INT64_C(36600) * 86400 * S);
	dur_bad("P36601D");
	dur_bad("PT9999999999H");
}
END_TEST

START_TEST(test_dur_human)
{
	char	buf[32];

	isodur_human(42, buf, sizeof buf);
	ck_assert_str_eq(buf, "42s");
	isodur_human(250, buf, sizeof buf);
	ck_assert_str_eq(buf, "4m10s");
	isodur_human(3 * 3600 + 5 * 60, buf, sizeof buf);
	ck_assert_str_eq(buf, "3h05m");
	isodur_human(2 * 86400 + 4 * 3600, buf, sizeof buf);
	ck_assert_str_eq(buf, "2d04h");
	isodur_human(NAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "-");
	/* From a year (365 days) on: years and days, not "2085d23h". */
	isodur_human(2085 * 86400.0 + 23 * 3600, buf, sizeof buf);
	ck_assert_str_eq(buf, "5y 260d");
	isodur_human(365 * 86400.0 - 3600, buf, sizeof buf);
	ck_assert_str_eq(buf, "364d23h");
	isodur_human(365 * 86400.0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1y 0d");
	isodur_human(INFINITY, buf, sizeof buf);
	ck_assert_str_eq(buf, "-");
	isodur_human(0, buf, sizeof buf);
	ck_assert_str_eq(buf, "0s");
	isodur_human(0.5, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.5s");
	isodur_human(60, buf, sizeof buf);
	ck_assert_str_eq(buf, "1m00s");
	isodur_human(3600, buf, sizeof buf);
	ck_assert_str_eq(buf, "1h00m");
	isodur_human(86400, buf, sizeof buf);
	ck_assert_str_eq(buf, "1d00h");
}
END_TEST

/* The offset a time was written with, read from its end; none in a date. */
START_TEST(test_offset)
{
	static const struct {
		const char	*s;
		int		 has, min;
	} t[] = {
		{ "2026-12-03T10:00:00Z", 1, 0 },
		{ "2026-12-03T10:00:00.25+01:00", 1, 60 },
		{ "2026-12-03T10:00:00-0330", 1, -210 },
		{ "2026-12-03 10:00:00 -03", 1, -180 },
		{ "03/12/2026 2:05 PM", 0, 0 },
		{ "3 Dec 2026 14:05 UTC", 1, 0 },
		{ "2026-12-03 10:00:00 GMT ", 1, 0 },
		{ "2026-12-03 10:00:00", 0, 0 },
		{ "2026-12-03", 0, 0 },
		{ "03-12-2026", 0, 0 },
		{ "2026-12-03T10:00:00+24:00", 0, 0 },
		{ "2026-12-03T10:00:00+01:7", 0, 0 },
		{ "10:00+", 0, 0 },
		{ "Z", 0, 0 },
		{ "", 0, 0 },
	};
	size_t	i;
	int	min;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		min = 12345;
		ck_assert_msg(isotime_offset(t[i].s, strlen(t[i].s), &min) ==
		    t[i].has, "%s", t[i].s);
		if (t[i].has)
			ck_assert_msg(min == t[i].min, "%s: %d", t[i].s, min);
		else
			ck_assert_int_eq(min, 12345);
	}
}
END_TEST

Suite *
make_isotime_suite(void)
{
	Suite	*s = suite_create("isotime");
	TCase	*tc;

	tc = tcase_create("time");
	/* 100 000 times both ways: long under the sanitizers on a busy machine. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_time_z);
	tcase_add_test(tc, test_time_given);
	tcase_add_test(tc, test_time_fast_path_bytes);
	tcase_add_test(tc, test_time_date_cache);
	tcase_add_test(tc, test_time_hms_range);
	tcase_add_test(tc, test_time_offsets);
	tcase_add_test(tc, test_time_bad_offsets);
	tcase_add_test(tc, test_time_offset_dangling_colon);
	tcase_add_test(tc, test_time_fractions);
	tcase_add_test(tc, test_time_no_seconds);
	tcase_add_test(tc, test_time_leap_days);
	tcase_add_test(tc, test_time_clock_range);
	tcase_add_test(tc, test_time_needs_offset);
	tcase_add_test(tc, test_time_assumed_zone);
	tcase_add_test(tc, test_time_garbage);
	tcase_add_test(tc, test_time_length_bound);
	tcase_add_test(tc, test_time_year_limits);
	tcase_add_test(tc, test_time_before_epoch);
	suite_add_tcase(s, tc);

	tc = tcase_create("civil");
	tcase_add_test(tc, test_civil_known);
	tcase_add_test(tc, test_civil_round_trip);
	tcase_add_test(tc, test_civil_specific);
	tcase_add_test(tc, test_parse_date);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_test(tc, test_dur_basic);
	tcase_add_test(tc, test_dur_days);
	tcase_add_test(tc, test_dur_fractions);
	tcase_add_test(tc, test_dur_fraction_exact);
	tcase_add_test(tc, test_dur_zero);
	tcase_add_test(tc, test_dur_errors);
	tcase_add_test(tc, test_dur_limit);
	tcase_add_test(tc, test_dur_human);
	tcase_add_test(tc, test_offset);
	suite_add_tcase(s, tc);
	return (s);
}
