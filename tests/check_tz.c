/*
 * check_tz.c - tests for tz.c: loading zones from the system's zoneinfo,
 * offsets around transitions, local-to-UTC conversion in gaps and overlaps,
 * POSIX footer rules, and rejection of bad names and corrupt TZif files.
 * Expected values were taken from `zdump -v` on tzdata 2025b.
 */

#include <config.h>

#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_mot.h"
#include "tz.h"

#define H	3600

/* Test helper: a scratch zoneinfo directory that $TZDIR points at. */
struct scratch {
	char	 dir[64];
	char	*old_tzdir;
	int	 had_tzdir;
};

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Seconds since the epoch of a date and time read as UTC. */
static int64_t
ts(int64_t y, int mo, int d, int h, int mi, int s)
{
	return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s);
}

/* Load a zone that must exist. */
static struct tz *
load_ok(const char *name)
{
	struct tz	*tz;
	char		*cause = NULL;

	tz = tz_load(name, &cause);
	ck_assert_msg(tz != NULL, "tz_load(%s): %s", name,
	    cause != NULL ? cause : "?");
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(tz_name(tz), name);
	return (tz);
}

/* Check that a zone fails to load with a message. */
static void
load_fails(const char *name)
{
	struct tz	*tz;
	char		*cause = NULL;

	tz = tz_load(name, &cause);
	ck_assert_msg(tz == NULL, "tz_load(\"%s\") should fail", name);
	ck_assert_ptr_nonnull(cause);
	ck_assert(*cause != '\0');
	free(cause);
}

/* Check the offset just before and at a transition at instant t. */
static void
check_change(const struct tz *tz, int64_t t, int32_t before, int32_t after)
{
	ck_assert_int_eq(tz_offset_at(tz, t - 1), before);
	ck_assert_int_eq(tz_offset_at(tz, t), after);
}

/* Create an empty scratch directory and point $TZDIR at it. */
static void
scratch_init(struct scratch *sc)
{
	const char	*old;

	snprintf(sc->dir, sizeof sc->dir, "/tmp/check_tz.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(sc->dir));
	old = getenv("TZDIR");
	sc->had_tzdir = old != NULL;
	sc->old_tzdir = old != NULL ? strdup(old) : NULL;
	ck_assert_int_eq(setenv("TZDIR", sc->dir, 1), 0);
}

/* Write a file into the scratch directory. */
static void
scratch_write(struct scratch *sc, const char *name, const void *data,
    size_t len)
{
	char	path[128];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", sc->dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Remove a file from the scratch directory. */
static void
scratch_remove(struct scratch *sc, const char *name)
{
	char	path[128];

	snprintf(path, sizeof path, "%s/%s", sc->dir, name);
	unlink(path);
}

/* Remove the scratch directory (files listed) and restore $TZDIR. */
static void
scratch_done(struct scratch *sc, const char *const *names)
{
	for (; *names != NULL; names++)
		scratch_remove(sc, *names);
	rmdir(sc->dir);
	if (sc->had_tzdir)
		setenv("TZDIR", sc->old_tzdir, 1);
	else
		unsetenv("TZDIR");
	free(sc->old_tzdir);
}

/* Read a whole system zone file. */
static unsigned char *
read_zone(const char *name, size_t *len)
{
	char		 path[256];
	unsigned char	*buf;
	FILE		*f;

	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	ck_assert_ptr_nonnull(buf = malloc(1 << 20));
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	ck_assert_uint_gt(*len, 44);
	return (buf);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
put64(unsigned char *p, int64_t v)
{
	put32(p, (uint32_t)((uint64_t)v >> 32));
	put32(p + 4, (uint32_t)v);
}

/* Write a TZif header with no leap seconds and charcnt 4. */
static size_t
put_header(unsigned char *p, char version, uint32_t timecnt,
    uint32_t typecnt)
{
	memset(p, 0, 44);
	memcpy(p, "TZif", 4);
	p[4] = (unsigned char)version;
	put32(p + 32, timecnt);
	put32(p + 36, typecnt);
	put32(p + 40, 4);
	return (44);
}

/*
 * Build a TZif file: version 0 (v1, 32-bit times, no footer) or '2' (a
 * minimal v1 block, then 64-bit data and the footer).
 */
static size_t
build_tzif(unsigned char *buf, char version, const int64_t *times,
    const unsigned char *idx, uint32_t ntimes, const int32_t *offs,
    uint32_t ntypes, const char *footer)
{
	unsigned char	*p = buf;
	unsigned	 tsize = version == 0 ? 4 : 8;
	uint32_t	 i;

	if (version != 0) {
		/* A slim v1 block: no transitions, one type. */
		p += put_header(p, version, 0, 1);
		memset(p, 0, 6);
		p += 6;
		memcpy(p, "UTC", 4);
		p += 4;
	}
	p += put_header(p, version, ntimes, ntypes);
	for (i = 0; i < ntimes; i++) {
		if (tsize == 4)
			put32(p, (uint32_t)times[i]);
		else
			put64(p, times[i]);
		p += tsize;
	}
	for (i = 0; i < ntimes; i++)
		*p++ = idx[i];
	for (i = 0; i < ntypes; i++) {
		put32(p, (uint32_t)offs[i]);
		p[4] = i != 0;
		p[5] = 0;
		p += 6;
	}
	memcpy(p, "ABC", 4);
	p += 4;
	if (version != 0) {
		*p++ = '\n';
		memcpy(p, footer, strlen(footer));
		p += strlen(footer);
		*p++ = '\n';
	}
	return ((size_t)(p - buf));
}

/* Load a zone with no transitions, only the given footer, from $TZDIR. */
static struct tz *
footer_zone(struct scratch *sc, const char *footer)
{
	static const int32_t	 off = 0;
	unsigned char		 buf[1024];
	size_t			 len;

	len = build_tzif(buf, '2', NULL, NULL, 0, &off, 1, footer);
	scratch_write(sc, "Footer", buf, len);
	return (load_ok("Footer"));
}

/* The first instant in (a, b] whose offset differs from that at a. */
static int64_t
find_change(const struct tz *tz, int64_t a, int64_t b)
{
	int32_t	off = tz_offset_at(tz, a);
	int64_t	m;

	while (b - a > 1) {
		m = a + (b - a) / 2;
		if (tz_offset_at(tz, m) == off)
			a = m;
		else
			b = m;
	}
	return (b);
}

/* Whether local time l is the wall time of some instant near it. */
static int
wall_exists(const struct tz *tz, int64_t l)
{
	int64_t	u;

	for (u = l - 26 * H; u <= l + 26 * H; u += 60)
		if (u + tz_offset_at(tz, u) == l)
			return (1);
	return (0);
}

START_TEST(test_utc_fixed)
{
	static const struct {
		const char	*name;
		int32_t		 off;
	} ok[] = {
		{ "UTC", 0 }, { "Z", 0 }, { "+00:00", 0 }, { "-00", 0 },
		{ "+02:00", 2 * H }, { "-0530", -(5 * H + 1800) },
		{ "+02", 2 * H }, { "+0545", 5 * H + 2700 },
		{ "-09:30", -(9 * H + 1800) }, { "+23:59:59", 86399 },
		{ "-101520", -(10 * H + 15 * 60 + 20) },
	};
	struct tz	*tz;
	int64_t		 t = ts(2026, 3, 29, 1, 0, 0);
	size_t		 i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		tz = load_ok(ok[i].name);
		ck_assert_int_eq(tz_offset_at(tz, t), ok[i].off);
		ck_assert_int_eq(tz_offset_at(tz, INT64_MIN), ok[i].off);
		ck_assert_int_eq(tz_offset_at(tz, INT64_MAX), ok[i].off);
		ck_assert_int_eq(tz_local_to_utc(tz, t), t - ok[i].off);
		tz_free(tz);
	}
	/* A NULL cause is allowed. */
	tz = tz_load("UTC", NULL);
	ck_assert_ptr_nonnull(tz);
	tz_free(tz);
	ck_assert_ptr_null(tz_load("+25", NULL));
	tz_free(NULL);
}
END_TEST

START_TEST(test_bad_offsets)
{
	static const char *const bad[] = {
		"+", "-", "+2", "+2:00", "+24:00", "+02:60", "+02:0",
		"+02:", "+0200:00", "+02:0000", "+02:00:60", "+02:00:", "++02",
		"+02:00x", "+020", "+02000", "-0530:", "+1234567",
	};
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		load_fails(bad[i]);
}
END_TEST

START_TEST(test_bad_names)
{
	static const char *const bad[] = {
		"", "../etc/passwd", "/etc/passwd", "No/Such_Zone",
		"Europe/../UTC", "..", "Europe/..", "Europe/Ams terdam",
		"Europe/Amsterdam\n", "Europe\\Amsterdam", "Europe/Am$terdam",
		"Europe", "Europe/", "zone.tab", "right/Europe/Amsterdam",
		"utc", "EUROPE/AMSTERDAM",
	};
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		load_fails(bad[i]);

	ck_assert_ptr_null(tz_load("No/Such_Zone", &cause));
	ck_assert_ptr_nonnull(strstr(cause, "No/Such_Zone"));
	free(cause);
	ck_assert_ptr_null(tz_load(NULL, &cause));
	ck_assert_ptr_nonnull(cause);
	free(cause);
}
END_TEST

START_TEST(test_amsterdam_2026)
{
	struct tz	*tz = load_ok("Europe/Amsterdam");

	ck_assert_int_eq(tz_offset_at(tz, ts(2026, 1, 15, 12, 0, 0)), H);
	ck_assert_int_eq(tz_offset_at(tz, ts(2026, 7, 1, 12, 0, 0)), 2 * H);
	check_change(tz, ts(2026, 3, 29, 1, 0, 0), H, 2 * H);
	check_change(tz, ts(2026, 10, 25, 1, 0, 0), 2 * H, H);
	tz_free(tz);
}
END_TEST

START_TEST(test_amsterdam_local)
{
	struct tz	*tz = load_ok("Europe/Amsterdam");

	/* Ordinary times. */
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 1, 15, 12, 0, 0)),
	    ts(2026, 1, 15, 11, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 7, 1, 12, 0, 0)),
	    ts(2026, 7, 1, 10, 0, 0));

	/* Spring forward: 02:00-02:59:59 does not exist. */
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 1, 59, 59)),
	    ts(2026, 3, 29, 0, 59, 59));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 2, 0, 0)),
	    ts(2026, 3, 29, 1, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 2, 30, 0)),
	    ts(2026, 3, 29, 1, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 2, 59, 59)),
	    ts(2026, 3, 29, 1, 59, 59));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 3, 0, 0)),
	    ts(2026, 3, 29, 1, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 3, 30, 0)),
	    ts(2026, 3, 29, 1, 30, 0));

	/* Fall back: 02:00-02:59:59 happens twice; the first is taken. */
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 10, 25, 1, 59, 59)),
	    ts(2026, 10, 24, 23, 59, 59));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 10, 25, 2, 0, 0)),
	    ts(2026, 10, 25, 0, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 10, 25, 2, 30, 0)),
	    ts(2026, 10, 25, 0, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 10, 25, 2, 59, 59)),
	    ts(2026, 10, 25, 0, 59, 59));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 10, 25, 3, 0, 0)),
	    ts(2026, 10, 25, 2, 0, 0));
	tz_free(tz);
}
END_TEST

START_TEST(test_far_future)
{
	struct tz	*ams = load_ok("Europe/Amsterdam");
	struct tz	*ny = load_ok("America/New_York");

	/* Past the last transition in the file (2037): the footer rule. */
	ck_assert_int_eq(tz_offset_at(ams, ts(2080, 7, 1, 0, 0, 0)), 2 * H);
	ck_assert_int_eq(tz_offset_at(ams, ts(2080, 1, 1, 0, 0, 0)), H);
	ck_assert_int_eq(tz_offset_at(ny, ts(2080, 7, 1, 0, 0, 0)), -4 * H);
	ck_assert_int_eq(tz_offset_at(ny, ts(2080, 12, 1, 0, 0, 0)), -5 * H);
	check_change(ams, ts(2080, 3, 31, 1, 0, 0), H, 2 * H);
	check_change(ams, ts(2080, 10, 27, 1, 0, 0), 2 * H, H);
	check_change(ny, ts(2080, 3, 10, 7, 0, 0), -5 * H, -4 * H);
	check_change(ny, ts(2080, 11, 3, 6, 0, 0), -4 * H, -5 * H);

	ck_assert_int_eq(tz_local_to_utc(ams, ts(2080, 7, 1, 12, 0, 0)),
	    ts(2080, 7, 1, 10, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(ams, ts(2080, 3, 31, 2, 30, 0)),
	    ts(2080, 3, 31, 1, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(ams, ts(2080, 10, 27, 2, 30, 0)),
	    ts(2080, 10, 27, 0, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(ny, ts(2080, 3, 10, 2, 30, 0)),
	    ts(2080, 3, 10, 7, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(ny, ts(2080, 11, 3, 1, 30, 0)),
	    ts(2080, 11, 3, 5, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(ny, ts(2080, 11, 3, 2, 0, 0)),
	    ts(2080, 11, 3, 7, 0, 0));

	/* Much further out the rule still holds (2026 + 400 * 1000 years). */
	ck_assert_int_eq(tz_offset_at(ams,
	    ts(2026 + 400000, 3, 29, 1, 0, 0) - 1), H);
	ck_assert_int_eq(tz_offset_at(ams,
	    ts(2026 + 400000, 3, 29, 1, 0, 0)), 2 * H);
	tz_free(ams);
	tz_free(ny);
}
END_TEST

START_TEST(test_southern)
{
	struct tz	*syd = load_ok("Australia/Sydney");
	struct tz	*akl = load_ok("Pacific/Auckland");

	check_change(syd, ts(2026, 4, 4, 16, 0, 0), 11 * H, 10 * H);
	check_change(syd, ts(2026, 10, 3, 16, 0, 0), 10 * H, 11 * H);
	check_change(syd, ts(2080, 4, 6, 16, 0, 0), 11 * H, 10 * H);
	check_change(syd, ts(2080, 10, 5, 16, 0, 0), 10 * H, 11 * H);
	ck_assert_int_eq(tz_offset_at(syd, ts(2080, 1, 1, 0, 0, 0)), 11 * H);
	ck_assert_int_eq(tz_offset_at(syd, ts(2080, 7, 1, 0, 0, 0)), 10 * H);
	check_change(akl, ts(2026, 4, 4, 14, 0, 0), 13 * H, 12 * H);
	check_change(akl, ts(2026, 9, 26, 14, 0, 0), 12 * H, 13 * H);
	check_change(akl, ts(2080, 4, 6, 14, 0, 0), 13 * H, 12 * H);
	check_change(akl, ts(2080, 9, 28, 14, 0, 0), 12 * H, 13 * H);

	/* Overlap in April (earlier instant, AEDT), gap in October. */
	ck_assert_int_eq(tz_local_to_utc(syd, ts(2026, 4, 5, 2, 30, 0)),
	    ts(2026, 4, 4, 15, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(syd, ts(2026, 10, 4, 2, 30, 0)),
	    ts(2026, 10, 3, 16, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(akl, ts(2080, 4, 7, 2, 30, 0)),
	    ts(2080, 4, 6, 13, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(akl, ts(2080, 9, 29, 2, 30, 0)),
	    ts(2080, 9, 28, 14, 30, 0));
	tz_free(syd);
	tz_free(akl);
}
END_TEST

START_TEST(test_no_dst)
{
	struct tz	*tz = load_ok("Asia/Tokyo");
	int64_t		 t;

	for (t = ts(1952, 1, 1, 0, 0, 0); t < ts(2100, 1, 1, 0, 0, 0);
	    t += 86400 * 7 + 3 * H)
		ck_assert_int_eq(tz_offset_at(tz, t), 9 * H);
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2026, 3, 29, 2, 30, 0)),
	    ts(2026, 3, 28, 17, 30, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2080, 7, 1, 9, 0, 0)),
	    ts(2080, 7, 1, 0, 0, 0));
	/* Local mean time before 1888, then JDT in 1948. */
	check_change(tz, ts(1887, 12, 31, 15, 0, 0), 33539, 9 * H);
	check_change(tz, ts(1948, 5, 1, 15, 0, 0), 9 * H, 10 * H);
	tz_free(tz);
}
END_TEST

START_TEST(test_historical)
{
	struct tz	*tz = load_ok("Europe/Amsterdam");

	/* Amsterdam mean time (+00:19:32) and its summer time (+01:19:32). */
	ck_assert_int_eq(tz_offset_at(tz, ts(1800, 1, 1, 0, 0, 0)), 1172);
	ck_assert_int_eq(tz_offset_at(tz, INT64_MIN), 1172);
	check_change(tz, ts(1937, 5, 22, 1, 40, 28), 1172, 4772);
	/* 1937-07-01: rounded to +00:20 and +01:20, a 28 s gap. */
	check_change(tz, ts(1937, 6, 30, 22, 40, 28), 4772, 4800);
	check_change(tz, ts(1937, 10, 3, 1, 40, 0), 4800, 1200);
	check_change(tz, ts(1940, 5, 15, 23, 40, 0), 1200, 2 * H);
	ck_assert_int_eq(tz_local_to_utc(tz, ts(1937, 7, 1, 0, 0, 10)),
	    ts(1937, 6, 30, 22, 40, 38));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(1937, 7, 1, 0, 0, 28)),
	    ts(1937, 6, 30, 22, 40, 28));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(1937, 5, 22, 2, 30, 0)),
	    ts(1937, 5, 22, 2, 10, 28));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(1937, 10, 3, 2, 30, 0)),
	    ts(1937, 10, 3, 1, 10, 0));
	tz_free(tz);
}
END_TEST

START_TEST(test_big_gap)
{
	struct tz	*tz = load_ok("Pacific/Apia");

	/* Samoa skipped 2011-12-30 entirely: -10:00 to +14:00. */
	check_change(tz, ts(2011, 12, 30, 10, 0, 0), -10 * H, 14 * H);
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2011, 12, 30, 12, 0, 0)),
	    ts(2011, 12, 30, 22, 0, 0));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2011, 12, 29, 23, 59, 59)),
	    ts(2011, 12, 30, 9, 59, 59));
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2011, 12, 31, 0, 0, 0)),
	    ts(2011, 12, 30, 10, 0, 0));
	tz_free(tz);
}
END_TEST

/* Check that wall times near u map back to u or an earlier instant. */
static void
check_round_trip(const char *zone, const struct tz *tz, int64_t u)
{
	int64_t	l, r;

	l = u + tz_offset_at(tz, u);
	r = tz_local_to_utc(tz, l);
	ck_assert_msg(r + tz_offset_at(tz, r) == l && r <= u &&
	    r > u - 26 * H, "%s: u=%lld l=%lld r=%lld", zone, (long long)u,
	    (long long)l, (long long)r);
}

START_TEST(test_round_trip)
{
	static const char *const zones[] = {
		"Europe/Amsterdam", "America/New_York", "Australia/Sydney",
		"Pacific/Auckland", "Asia/Tokyo", "Europe/Dublin",
		"America/Nuuk", "Asia/Jerusalem", "Pacific/Apia",
		"Australia/Lord_Howe", "Pacific/Chatham",
	};
	static const int years[][2] = { { 1935, 1942 }, { 2010, 2013 },
	    { 2025, 2027 }, { 2036, 2039 }, { 2079, 2081 } };
	struct tz	*tz;
	int64_t		 t, u, c;
	size_t		 z, y;

	/* Sample every 6 hours; around each change, every 5 minutes. */
	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		tz = load_ok(zones[z]);
		for (y = 0; y < sizeof years / sizeof years[0]; y++) {
			for (t = ts(years[y][0], 1, 1, 0, 0, 0);
			    t < ts(years[y][1], 1, 1, 0, 0, 0); t += 6 * H) {
				check_round_trip(zones[z], tz, t);
				if (tz_offset_at(tz, t) ==
				    tz_offset_at(tz, t + 6 * H))
					continue;
				c = find_change(tz, t, t + 6 * H);
				for (u = c - 3 * H; u <= c + 3 * H; u += 300)
					check_round_trip(zones[z], tz, u);
				check_round_trip(zones[z], tz, c - 1);
			}
		}
		tz_free(tz);
	}
}
END_TEST

START_TEST(test_gaps_move_forward)
{
	static const char *const zones[] = {
		"Europe/Amsterdam", "America/New_York", "Australia/Sydney",
		"Australia/Lord_Howe",
	};
	struct tz	*tz;
	int64_t		 l, r, g;
	size_t		 z;
	int		 n;

	/* Every non-existent wall time moves forward by the gap's length. */
	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		tz = load_ok(zones[z]);
		n = 0;
		for (l = ts(2026, 1, 1, 0, 0, 0); l < ts(2027, 1, 1, 0, 0, 0);
		    l += 900) {
			r = tz_local_to_utc(tz, l);
			if (r + tz_offset_at(tz, r) == l)
				continue;
			ck_assert(!wall_exists(tz, l));
			g = tz_offset_at(tz, r) - tz_offset_at(tz, r - 86400);
			ck_assert_int_gt(g, 0);
			ck_assert_int_eq(r + tz_offset_at(tz, r), l + g);
			n++;
		}
		ck_assert_int_gt(n, 0);
		tz_free(tz);
	}
}
END_TEST

START_TEST(test_several_at_once)
{
	struct tz	*a = load_ok("Europe/Amsterdam");
	struct tz	*b = load_ok("America/New_York");
	struct tz	*c = load_ok("Asia/Tokyo");
	struct tz	*d = load_ok("Europe/Amsterdam");
	int64_t		 t = ts(2026, 7, 1, 12, 0, 0);

	ck_assert_int_eq(tz_offset_at(a, t), 2 * H);
	ck_assert_int_eq(tz_offset_at(b, t), -4 * H);
	ck_assert_int_eq(tz_offset_at(c, t), 9 * H);
	tz_free(a);
	ck_assert_int_eq(tz_offset_at(d, t), 2 * H);
	ck_assert_int_eq(tz_offset_at(b, t), -4 * H);
	tz_free(b);
	tz_free(c);
	tz_free(d);
}
END_TEST

START_TEST(test_extremes)
{
	static const char *const zones[] = {
		"Europe/Amsterdam", "Australia/Sydney", "Asia/Tokyo", "UTC",
		"-12", "+14:00",
	};
	static const int64_t vals[] = {
		INT64_MIN, INT64_MIN + 1, INT64_MIN + 86400, -(INT64_C(1) << 40),
		INT64_C(1) << 40, INT64_MAX - 86400, INT64_MAX - 1, INT64_MAX,
	};
	struct tz	*tz;
	int32_t		 off;
	size_t		 z, i;

	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		tz = load_ok(zones[z]);
		for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
			off = tz_offset_at(tz, vals[i]);
			ck_assert_int_ge(off, -26 * H);
			ck_assert_int_le(off, 26 * H);
			(void)tz_local_to_utc(tz, vals[i]);
		}
		tz_free(tz);
	}
}
END_TEST

START_TEST(test_footer_rules)
{
	struct scratch	 sc;
	struct tz	*tz;
	static const char *const files[] = { "Footer", NULL };
	int64_t		 t;

	scratch_init(&sc);

	/* A fixed zone with a quoted name. */
	tz = footer_zone(&sc, "<+03>-3");
	ck_assert_int_eq(tz_offset_at(tz, ts(2024, 6, 1, 0, 0, 0)), 3 * H);
	ck_assert_int_eq(tz_offset_at(tz, INT64_MIN), 3 * H);
	tz_free(tz);

	/* Mm.w.d with a time past 24:00 (Asia/Jerusalem). */
	tz = footer_zone(&sc, "IST-2IDT,M3.4.4/26,M10.5.0");
	check_change(tz, ts(2024, 3, 29, 0, 0, 0), 2 * H, 3 * H);
	check_change(tz, ts(2024, 10, 26, 23, 0, 0), 3 * H, 2 * H);
	tz_free(tz);

	/* Negative times (America/Nuuk). */
	tz = footer_zone(&sc, "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
	check_change(tz, ts(2024, 3, 31, 1, 0, 0), -2 * H, -H);
	check_change(tz, ts(2024, 10, 27, 1, 0, 0), -H, -2 * H);
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2024, 3, 30, 23, 30, 0)),
	    ts(2024, 3, 31, 1, 30, 0));
	tz_free(tz);

	/* Negative DST, winter is "daylight" (Europe/Dublin). */
	tz = footer_zone(&sc, "IST-1GMT0,M10.5.0,M3.5.0/1");
	check_change(tz, ts(2024, 3, 31, 1, 0, 0), 0, H);
	check_change(tz, ts(2024, 10, 27, 1, 0, 0), H, 0);
	ck_assert_int_eq(tz_local_to_utc(tz, ts(2024, 10, 27, 1, 30, 0)),
	    ts(2024, 10, 27, 0, 30, 0));
	tz_free(tz);

	/* No rule given: the US rule. */
	tz = footer_zone(&sc, "EST5EDT");
	check_change(tz, ts(2024, 3, 10, 7, 0, 0), -5 * H, -4 * H);
	check_change(tz, ts(2024, 11, 3, 6, 0, 0), -4 * H, -5 * H);
	tz_free(tz);

	/* Jn ignores Feb 29; n counts it. */
	tz = footer_zone(&sc, "XXX3YYY,J60/2,J300/2");
	check_change(tz, ts(2024, 3, 1, 5, 0, 0), -3 * H, -2 * H);
	check_change(tz, ts(2024, 10, 27, 4, 0, 0), -2 * H, -3 * H);
	check_change(tz, ts(2023, 3, 1, 5, 0, 0), -3 * H, -2 * H);
	tz_free(tz);
	tz = footer_zone(&sc, "XXX3YYY,59/2,299/2");
	check_change(tz, ts(2024, 2, 29, 5, 0, 0), -3 * H, -2 * H);
	check_change(tz, ts(2024, 10, 26, 4, 0, 0), -2 * H, -3 * H);
	check_change(tz, ts(2023, 3, 1, 5, 0, 0), -3 * H, -2 * H);
	tz_free(tz);

	/* Half-hour offsets and midnight-24:00 times (old Asia/Tehran). */
	tz = footer_zone(&sc, "<+0330>-3:30<+0430>,J79/24,J263/24");
	check_change(tz, ts(2024, 3, 20, 20, 30, 0), 12600, 16200);
	check_change(tz, ts(2024, 9, 20, 19, 30, 0), 16200, 12600);
	tz_free(tz);

	/* Half-hour DST (Australia/Lord_Howe style) across the year end. */
	tz = footer_zone(&sc, "AAA-10BBB-10:30,M10.1.0,M4.1.0/3");
	check_change(tz, ts(2024, 4, 6, 16, 30, 0), 37800, 36000);
	check_change(tz, ts(2024, 10, 5, 16, 0, 0), 36000, 37800);
	ck_assert_int_eq(tz_offset_at(tz, ts(2025, 1, 1, 0, 0, 0)), 37800);
	tz_free(tz);

	/* DST all year, RFC 8536 section 3.3.1. */
	tz = footer_zone(&sc, "EST5EDT,0/0,J365/25");
	for (t = ts(2023, 12, 25, 0, 0, 0); t < ts(2026, 1, 10, 0, 0, 0);
	    t += 1800)
		ck_assert_int_eq(tz_offset_at(tz, t), -4 * H);
	tz_free(tz);

	scratch_done(&sc, files);
}
END_TEST

START_TEST(test_footer_matches_transitions)
{
	static const char *const zones[] = {
		"Europe/Amsterdam", "America/New_York", "Australia/Sydney",
		"Europe/Dublin", "America/Nuuk", "Asia/Jerusalem",
		"Pacific/Auckland", "Australia/Lord_Howe", "Pacific/Chatham",
		"America/Santiago", "Asia/Tokyo",
	};
	static const char *const files[] = { "Footer", NULL };
	struct scratch	 sc;
	struct tz	*real, *rule;
	unsigned char	*buf;
	char		 footer[128];
	const char	*nl;
	size_t		 len, z, flen;
	int64_t		 t, c, l;
	int		 n;

	/* The transitions listed up to 2037 agree with the footer rule. */
	for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		buf = read_zone(zones[z], &len);
		ck_assert(buf[len - 1] == '\n');
		nl = (const char *)buf + len - 2;
		while (*nl != '\n')
			nl--;
		flen = len - 2 - (size_t)(nl - (const char *)buf);
		ck_assert_uint_lt(flen, sizeof footer);
		memcpy(footer, nl + 1, flen);
		footer[flen] = '\0';
		free(buf);

		real = load_ok(zones[z]);
		scratch_init(&sc);
		rule = footer_zone(&sc, footer);
		scratch_done(&sc, files);
		n = 0;
		for (t = ts(2026, 1, 1, 0, 0, 0); t < ts(2037, 1, 1, 0, 0, 0);
		    t += 6 * H) {
			ck_assert_msg(tz_offset_at(real, t) ==
			    tz_offset_at(rule, t), "%s (%s) at %lld",
			    zones[z], footer, (long long)t);
			if (tz_offset_at(real, t) == tz_offset_at(real, t + 6 * H))
				continue;
			c = find_change(real, t, t + 6 * H);
			check_change(rule, c, tz_offset_at(real, c - 1),
			    tz_offset_at(real, c));
			for (l = c - 3 * H; l <= c + 3 * H; l += 600)
				ck_assert_int_eq(tz_local_to_utc(real, l),
				    tz_local_to_utc(rule, l));
			n++;
		}
		/* Eleven years, two changes a year, or none. */
		ck_assert(n == 22 || n == 0);
		tz_free(real);
		tz_free(rule);
	}
}
END_TEST

START_TEST(test_v1_file)
{
	static const int64_t		 times[] = { 0, 1000000, 2000000 };
	static const unsigned char	 idx[] = { 1, 0, 1 };
	static const int32_t		 offs[] = { 3600, 7200 };
	static const char *const	 files[] = { "V1", "V2", NULL };
	struct scratch			 sc;
	struct tz			*tz;
	unsigned char			 buf[1024];
	size_t				 len;

	scratch_init(&sc);
	len = build_tzif(buf, 0, times, idx, 3, offs, 2, NULL);
	scratch_write(&sc, "V1", buf, len);
	tz = load_ok("V1");
	ck_assert_int_eq(tz_offset_at(tz, -1), 3600);
	ck_assert_int_eq(tz_offset_at(tz, 0), 7200);
	ck_assert_int_eq(tz_offset_at(tz, 999999), 7200);
	ck_assert_int_eq(tz_offset_at(tz, 1000000), 3600);
	ck_assert_int_eq(tz_offset_at(tz, 2000000), 7200);
	ck_assert_int_eq(tz_offset_at(tz, INT64_MAX), 7200);
	ck_assert_int_eq(tz_local_to_utc(tz, 3600), 0);
	ck_assert_int_eq(tz_local_to_utc(tz, 1800), -1800);
	tz_free(tz);

	/* Version 2 with an empty footer: the last type stays. */
	len = build_tzif(buf, '2', times, idx, 3, offs, 2, "");
	scratch_write(&sc, "V2", buf, len);
	tz = load_ok("V2");
	ck_assert_int_eq(tz_offset_at(tz, -1), 3600);
	ck_assert_int_eq(tz_offset_at(tz, INT64_MAX), 7200);
	tz_free(tz);
	scratch_done(&sc, files);
}
END_TEST

START_TEST(test_corrupt)
{
	static const int64_t		 times[] = { 0, 1000000 };
	static const unsigned char	 idx[] = { 1, 0 };
	static const int32_t		 offs[] = { 3600, 7200 };
	static const char *const	 files[] = { "Bad", "Text", "Big",
	    "Empty", NULL };
	static const char *const	 footers[] = { "CET", "CET-1CEST,",
	    "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
	    "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,J0,J10",
	    "CET-1CEST,366,10", "CET-1CEST,M3.5.0/168,M10.5.0",
	    "CET-25", "C-1", "<+0>-1", "<+03-3", "CET-1CEST,M3.5.0",
	    "CET-1CEST,M3.5.0,M10.5.0x", "CET-1:60", "CET-1CEST,M3.5.0/1:2:3:4,M10.5.0",
	    "CET-1 CEST",
	};
	struct scratch	 sc;
	unsigned char	 good[1024], buf[1024], *big;
	size_t		 len, i;
	unsigned	 v2;

	scratch_init(&sc);
	len = build_tzif(good, '2', times, idx, 2, offs, 2,
	    "CET-1CEST,M3.5.0,M10.5.0/3");
	scratch_write(&sc, "Bad", good, len);
	tz_free(load_ok("Bad"));
	v2 = 44 + 6 + 4;	/* the second header */

	/* Every truncation fails. */
	for (i = 0; i < len; i++) {
		scratch_write(&sc, "Bad", good, i);
		load_fails("Bad");
	}

#define CORRUPT(off, val) do {						\
	memcpy(buf, good, len);						\
	buf[(off)] = (unsigned char)(val);				\
	scratch_write(&sc, "Bad", buf, len);				\
	load_fails("Bad");						\
} while (0)
	CORRUPT(0, 'X');			/* magic */
	CORRUPT(4, '1');			/* version */
	CORRUPT(v2 + 4, 'X');			/* version */
	CORRUPT(v2 + 32, 0xff);			/* timecnt */
	CORRUPT(v2 + 35, 3);			/* timecnt */
	CORRUPT(v2 + 35, 1);			/* timecnt */
	CORRUPT(v2 + 39, 0);			/* typecnt */
	CORRUPT(v2 + 36, 0xff);			/* typecnt */
	CORRUPT(v2 + 43, 0);			/* charcnt */
	CORRUPT(v2 + 31, 1);			/* leapcnt */
	CORRUPT(v2 + 23, 2);			/* isutcnt */
	CORRUPT(v2 + 27, 1);			/* isstdcnt */
	CORRUPT(44 + 35, 200);			/* v1 timecnt */
	CORRUPT(v2 + 44 + 8, 0x80);		/* times out of order */
	CORRUPT(v2 + 44 + 16, 2);		/* type index */
	CORRUPT(v2 + 44 + 18, 0x80);		/* utoff */
	CORRUPT(v2 + 44 + 18 + 4, 2);		/* isdst */
	CORRUPT(v2 + 44 + 18 + 5, 4);		/* abbreviation index */
	CORRUPT(v2 + 44 + 18 + 12 + 4, 'X');	/* footer newline */
	CORRUPT(len - 1, 'X');			/* footer newline */
	CORRUPT(len - 3, 0);			/* NUL in footer */
#undef CORRUPT

	/* A leap-second table of the right size is still refused. */
	memcpy(buf, good, len);
	buf[v2 + 31] = 1;
	i = v2 + 44 + 18 + 12 + 4;	/* after the abbreviations */
	memmove(buf + i + 12, buf + i, len - i);
	memset(buf + i, 0, 12);
	scratch_write(&sc, "Bad", buf, len + 12);
	load_fails("Bad");

	/* Bad footers. */
	for (i = 0; i < sizeof footers / sizeof footers[0]; i++) {
		len = build_tzif(buf, '2', times, idx, 2, offs, 2, footers[i]);
		scratch_write(&sc, "Bad", buf, len);
		load_fails("Bad");
	}

	/* Not TZif, empty, and too large. */
	scratch_write(&sc, "Text", "# tzdb timezone descriptions\n", 29);
	load_fails("Text");
	scratch_write(&sc, "Empty", "", 0);
	load_fails("Empty");
	ck_assert_ptr_nonnull(big = calloc(1, (1 << 20) + 1));
	len = build_tzif(big, '2', times, idx, 2, offs, 2, "CET-1");
	scratch_write(&sc, "Big", big, (1 << 20) + 1);
	load_fails("Big");
	/* Trailing bytes after the footer are ignored. */
	scratch_write(&sc, "Big", big, 1 << 20);
	tz_free(load_ok("Big"));
	free(big);

	scratch_done(&sc, files);
}
END_TEST

START_TEST(test_fuzz)
{
	static const char *const	 files[] = { "Fuzz", NULL };
	struct scratch			 sc;
	struct tz			*tz;
	unsigned char			*orig, *buf;
	size_t				 len, i, pos;
	uint32_t			 seed = 12345;
	int				 k, loaded = 0;

	/* Random damage to a real file must fail cleanly or load. */
	scratch_init(&sc);
	orig = read_zone("Europe/Amsterdam", &len);
	ck_assert_ptr_nonnull(buf = malloc(len));
	for (i = 0; i < 500; i++) {
		memcpy(buf, orig, len);
		for (k = 0; k < 1 + (int)(i % 4); k++) {
			seed = seed * 1103515245 + 12345;
			pos = (seed >> 8) % len;
			seed = seed * 1103515245 + 12345;
			buf[pos] = (unsigned char)(seed >> 16);
		}
		scratch_write(&sc, "Fuzz", buf, len);
		if ((tz = tz_load("Fuzz", NULL)) != NULL) {
			loaded++;
			(void)tz_offset_at(tz, ts(2026, 3, 29, 1, 0, 0));
			(void)tz_offset_at(tz, ts(2080, 3, 29, 1, 0, 0));
			(void)tz_local_to_utc(tz, ts(2026, 3, 29, 2, 30, 0));
			(void)tz_local_to_utc(tz, ts(2080, 3, 29, 2, 30, 0));
			tz_free(tz);
		}
	}
	ck_assert_int_gt(loaded, 0);
	free(buf);
	free(orig);
	scratch_done(&sc, files);
}
END_TEST

START_TEST(test_tzdir)
{
	static const char *const	 files[] = { "Here", NULL };
	static const int32_t		 off = 5 * H + 1800;
	struct scratch			 sc;
	struct tz			*tz;
	unsigned char			 buf[256];
	size_t				 len;

	/* $TZDIR replaces the system directory. */
	scratch_init(&sc);
	len = build_tzif(buf, '2', NULL, NULL, 0, &off, 1, "IST-5:30");
	scratch_write(&sc, "Here", buf, len);
	tz = load_ok("Here");
	ck_assert_int_eq(tz_offset_at(tz, 0), 5 * H + 1800);
	tz_free(tz);
	load_fails("Europe/Amsterdam");
	scratch_done(&sc, files);
	tz_free(load_ok("Europe/Amsterdam"));
}
END_TEST

/* The tz test suite. */
Suite *
make_tz_suite(void)
{
	Suite	*s = suite_create("tz");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_utc_fixed);
	tcase_add_test(tc, test_bad_offsets);
	tcase_add_test(tc, test_bad_names);
	tcase_add_test(tc, test_amsterdam_2026);
	tcase_add_test(tc, test_amsterdam_local);
	tcase_add_test(tc, test_far_future);
	tcase_add_test(tc, test_southern);
	tcase_add_test(tc, test_no_dst);
	tcase_add_test(tc, test_historical);
	tcase_add_test(tc, test_big_gap);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_gaps_move_forward);
	tcase_add_test(tc, test_several_at_once);
	tcase_add_test(tc, test_extremes);
	tcase_add_test(tc, test_footer_rules);
	tcase_add_test(tc, test_footer_matches_transitions);
	tcase_add_test(tc, test_v1_file);
	tcase_add_test(tc, test_corrupt);
	tcase_add_test(tc, test_fuzz);
	tcase_add_test(tc, test_tzdir);
	suite_add_tcase(s, tc);
	return (s);
}
