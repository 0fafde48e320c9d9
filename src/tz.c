/*
 * tz.c - time zones read from the system's compiled zoneinfo (TZif files,
 * RFC 8536), independent of $TZ.
 *
 * A zone is loaded once into an immutable struct tz: the transition instants
 * with the UTC offset that starts at each, the offset before the first
 * transition and the POSIX TZ rule from the file's footer, which governs the
 * instants after the last transition. Nothing here touches $TZ, tzset() or
 * localtime(), so any number of zones can be used side by side. The file is
 * untrusted input: every count is checked against the bytes actually read.
 */

#include <config.h>

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tz.h"

#define TZ_DEFAULT_DIR	"/usr/share/zoneinfo"
#define TZ_MAX_FILE	(1024 * 1024)	/* largest zone file we read */
#define TZ_MAX_TYPES	256		/* a transition's type is one byte */
#define TZ_MAX_FOOTER	512		/* longest POSIX TZ string accepted */
#define TZ_MIN_OFF	(-89999)	/* RFC 8536 3.2: -25:59:59 */
#define TZ_MAX_OFF	93599		/* RFC 8536 3.2: +25:59:59 */
#define TZ_HDR_LEN	44
#define TZ_DAY		86400
#define TZ_CYCLE	((int64_t)146097 * TZ_DAY)	/* 400 Gregorian years */

#if defined(__GNUC__)
#define TZ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TZ_PRINTF(a, b)
#endif

/* One date of a POSIX TZ rule (Jn, n or Mm.w.d) and its time of day. */
struct tz_date {
	char		kind;	/* 'J' (1-365, no Feb 29), 'D' (0-365), 'M' */
	int		mon;	/* month for 'M', day number for 'J' and 'D' */
	int		week;	/* 1-5, 5 meaning the last */
	int		wday;	/* 0 is Sunday */
	int32_t		time;	/* seconds after local midnight, may be < 0 */
};

/* The POSIX TZ string from the footer. */
struct tz_rule {
	int		present;
	int		dst;	/* has daylight saving time */
	int32_t		std_off;
	int32_t		dst_off;
	struct tz_date	start;	/* switch to dst_off, in standard time */
	struct tz_date	end;	/* switch to std_off, in daylight time */
};

struct tz {
	char		*name;
	int32_t		 off0;		/* before the first transition */
	int32_t		 min_off;	/* smallest offset the zone uses */
	int32_t		 max_off;	/* largest offset the zone uses */
	struct tz_rule	 rule;		/* after the last transition */
	size_t		 ntrans;
	int32_t		*toff;		/* offset in force from trans[i] on */
	int64_t		 trans[];	/* transition instants, ascending */
};

/* A stretch [begin, end) of constant offset; INT64_MIN/MAX mean unbounded. */
struct tz_period {
	int64_t		begin;
	int64_t		end;
	int32_t		off;
};

/* A transition computed from the footer rule. */
struct tz_event {
	int64_t		t;
	int		dst;
};

/* A TZif header: the counts that size the data block after it. */
struct tzif_hdr {
	unsigned char	version;
	uint32_t	isutcnt;
	uint32_t	isstdcnt;
	uint32_t	leapcnt;
	uint32_t	timecnt;
	uint32_t	typecnt;
	uint32_t	charcnt;
};

static char *tz_error(const char *, ...) TZ_PRINTF(1, 2);

/* Format an allocated error message; NULL if out of memory. */
static char *
tz_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return (NULL);
	if ((s = malloc((size_t)n + 1)) == NULL)
		return (NULL);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return (s);
}

/* a + b, saturating at the int64_t limits. */
static int64_t
sat_add(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return (INT64_MAX);
	if (b < 0 && a < INT64_MIN - b)
		return (INT64_MIN);
	return (a + b);
}

/* a - b for a small b, saturating at the int64_t limits. */
static int64_t
sat_sub(int64_t a, int32_t b)
{
	return (sat_add(a, -(int64_t)b));
}

/* Floor division for a positive divisor. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	if (a % b < 0)
		q--;
	return (q);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* The Gregorian year containing day z (days from 1970-01-01). */
static int64_t
year_from_days(int64_t z)
{
	int64_t	era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return (yoe + era * 400 + (mp >= 10 ? 1 : 0));
}

/* Whether y is a Gregorian leap year. */
static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* The day (from 1970-01-01) a rule date falls on in year y. */
static int64_t
rule_day(const struct tz_date *d, int64_t y)
{
	static const int mdays[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t	first, day;
	int	len, wd;

	switch (d->kind) {
	case 'J':
		day = days_from_civil(y, 1, 1) + d->mon - 1;
		if (is_leap(y) && d->mon >= 60)
			day++;
		return (day);
	case 'D':
		return (days_from_civil(y, 1, 1) + d->mon);
	default:
		first = days_from_civil(y, d->mon, 1);
		len = mdays[d->mon - 1] + (d->mon == 2 && is_leap(y));
		wd = (int)((first % 7 + 7 + 4) % 7);	/* 1970-01-01: Thu */
		day = (d->wday - wd + 7) % 7 + (d->week - 1) * 7;
		while (day >= len)
			day -= 7;
		return (first + day);
	}
}

/* The footer rule's period containing instant t. */
static void
rule_period(const struct tz_rule *r, int64_t t, struct tz_period *p)
{
	struct tz_event	ev[10], e;
	int64_t		rt, y, yy;
	int		n, i, j;

	if (!r->dst) {
		p->begin = INT64_MIN;
		p->end = INT64_MAX;
		p->off = r->std_off;
		return;
	}

	/*
	 * The rule repeats every 400 years, so work on t reduced into the
	 * first cycle after 1970 and shift the answer back; this keeps all
	 * the arithmetic small. Transitions of the surrounding years are
	 * computed too: rule times may be negative or over 24 hours.
	 */
	rt = t % TZ_CYCLE;
	if (rt < 0)
		rt += TZ_CYCLE;
	y = year_from_days(floor_div(rt + r->std_off, TZ_DAY));
	n = 0;
	for (yy = y - 2; yy <= y + 2; yy++) {
		ev[n].t = rule_day(&r->start, yy) * TZ_DAY + r->start.time -
		    r->std_off;
		ev[n++].dst = 1;
		ev[n].t = rule_day(&r->end, yy) * TZ_DAY + r->end.time -
		    r->dst_off;
		ev[n++].dst = 0;
	}
	/* Sort by time; on a tie the switch to DST comes last and wins. */
	for (i = 1; i < n; i++) {
		e = ev[i];
		for (j = i; j > 0 && (ev[j - 1].t > e.t ||
		    (ev[j - 1].t == e.t && ev[j - 1].dst > e.dst)); j--)
			ev[j] = ev[j - 1];
		ev[j] = e;
	}
	for (i = 0; i < n && ev[i].t <= rt; i++)
		;
	if (i == 0) {
		p->begin = INT64_MIN;
		p->off = r->std_off;
	} else {
		p->begin = sat_add(t, ev[i - 1].t - rt);
		p->off = ev[i - 1].dst ? r->dst_off : r->std_off;
	}
	p->end = i < n ? sat_add(t, ev[i].t - rt) : INT64_MAX;
}

/* The period of constant offset containing instant t. */
static void
period_at(const struct tz *tz, int64_t t, struct tz_period *p)
{
	size_t	lo, hi, mid, n = tz->ntrans;

	if (n == 0 || t >= tz->trans[n - 1]) {
		if (tz->rule.present) {
			rule_period(&tz->rule, t, p);
			if (n != 0 && p->begin < tz->trans[n - 1])
				p->begin = tz->trans[n - 1];
		} else {
			p->begin = n == 0 ? INT64_MIN : tz->trans[n - 1];
			p->end = INT64_MAX;
			p->off = n == 0 ? tz->off0 : tz->toff[n - 1];
		}
		return;
	}
	if (t < tz->trans[0]) {
		p->begin = INT64_MIN;
		p->end = tz->trans[0];
		p->off = tz->off0;
		return;
	}
	/* trans[lo] <= t < trans[hi] */
	lo = 0;
	hi = n - 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	p->begin = tz->trans[lo];
	p->end = tz->trans[hi];
	p->off = tz->toff[lo];
}

/* Parse 1 to maxdigits decimal digits with a value at most max. */
static int
parse_num(const char **sp, int maxdigits, long max, long *out)
{
	const char	*s = *sp;
	long		 v = 0;
	int		 n = 0;

	while (*s >= '0' && *s <= '9' && n < maxdigits) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (n == 0 || v > max || (*s >= '0' && *s <= '9'))
		return (0);
	*sp = s;
	*out = v;
	return (1);
}

/* Parse a POSIX [+-]hh[:mm[:ss]] with hh at most maxh, in seconds. */
static int
parse_hms(const char **sp, long maxh, int32_t *out)
{
	const char	*s = *sp;
	long		 h, m = 0, sec = 0, v;
	int		 neg = 0;

	if (*s == '+' || *s == '-')
		neg = (*s++ == '-');
	if (!parse_num(&s, 3, maxh, &h))
		return (0);
	if (*s == ':') {
		s++;
		if (!parse_num(&s, 2, 59, &m))
			return (0);
		if (*s == ':') {
			s++;
			if (!parse_num(&s, 2, 59, &sec))
				return (0);
		}
	}
	v = h * 3600 + m * 60 + sec;
	*out = (int32_t)(neg ? -v : v);
	*sp = s;
	return (1);
}

/* Skip a POSIX zone abbreviation: three or more letters, or <...>. */
static int
parse_abbr(const char **sp)
{
	const char	*s = *sp, *start;
	char		 c;

	if (*s == '<') {
		start = ++s;
		for (;;) {
			c = *s;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '+' || c == '-')
				s++;
			else
				break;
		}
		if (*s != '>' || s - start < 3)
			return (0);
		s++;
	} else {
		start = s;
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++;
		if (s - start < 3)
			return (0);
	}
	*sp = s;
	return (1);
}

/* Parse a rule date, Jn, n or Mm.w.d, with an optional /time. */
static int
parse_date(const char **sp, struct tz_date *d)
{
	const char	*s = *sp;
	long		 a, b = 0, c = 0;

	if (*s == 'J') {
		s++;
		d->kind = 'J';
		if (!parse_num(&s, 3, 365, &a) || a < 1)
			return (0);
	} else if (*s == 'M') {
		s++;
		d->kind = 'M';
		if (!parse_num(&s, 2, 12, &a) || a < 1 || *s++ != '.' ||
		    !parse_num(&s, 1, 5, &b) || b < 1 || *s++ != '.' ||
		    !parse_num(&s, 1, 6, &c))
			return (0);
	} else {
		d->kind = 'D';
		if (!parse_num(&s, 3, 365, &a))
			return (0);
	}
	d->mon = (int)a;
	d->week = (int)b;
	d->wday = (int)c;
	d->time = 7200;
	if (*s == '/') {
		s++;
		/* RFC 8536 3.3.1: -167 to 167 hours. */
		if (!parse_hms(&s, 167, &d->time))
			return (0);
	}
	*sp = s;
	return (1);
}

/* Parse a NUL-terminated POSIX TZ string such as CET-1CEST,M3.5.0,M10.5.0/3. */
static int
parse_rule(const char *s, struct tz_rule *r)
{
	int32_t	v;

	memset(r, 0, sizeof *r);
	if (!parse_abbr(&s) || !parse_hms(&s, 24, &v))
		return (0);
	r->std_off = -v;	/* POSIX offsets are west positive */
	r->present = 1;
	if (*s == '\0')
		return (1);
	if (!parse_abbr(&s))
		return (0);
	r->dst = 1;
	r->dst_off = r->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if (!parse_hms(&s, 24, &v))
			return (0);
		r->dst_off = -v;
	}
	if (*s == '\0') {
		/* No rule: the US one, as the reference implementation does. */
		r->start = (struct tz_date){ 'M', 3, 2, 0, 7200 };
		r->end = (struct tz_date){ 'M', 11, 1, 0, 7200 };
		return (1);
	}
	if (*s++ != ',' || !parse_date(&s, &r->start) || *s++ != ',' ||
	    !parse_date(&s, &r->end))
		return (0);
	return (*s == '\0');
}

/* Big-endian unsigned 32-bit. */
static uint32_t
get_u32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
}

/* Big-endian two's complement 32-bit. */
static int32_t
get_s32(const unsigned char *p)
{
	uint32_t	u = get_u32(p);

	if (u <= INT32_MAX)
		return ((int32_t)u);
	return ((int32_t)(u - 0x80000000U) + INT32_MIN);
}

/* Big-endian two's complement 64-bit. */
static int64_t
get_s64(const unsigned char *p)
{
	uint64_t	u = (uint64_t)get_u32(p) << 32 | get_u32(p + 4);

	if (u <= INT64_MAX)
		return ((int64_t)u);
	return ((int64_t)(u - 0x8000000000000000ULL) + INT64_MIN);
}

/*
 * Read a TZif header from the len bytes at p and the length of the data
 * block that follows it, with tsize-byte times; fail unless it all fits.
 */
static const char *
tzif_header(const unsigned char *p, size_t len, unsigned tsize,
    struct tzif_hdr *h, size_t *blen)
{
	uint64_t	n;

	if (len < TZ_HDR_LEN)
		return ("truncated header");
	if (memcmp(p, "TZif", 4) != 0)
		return ("not a TZif file");
	h->version = p[4];
	if (h->version != 0 && (h->version < '2' || h->version > '9'))
		return ("unknown TZif version");
	h->isutcnt = get_u32(p + 20);
	h->isstdcnt = get_u32(p + 24);
	h->leapcnt = get_u32(p + 28);
	h->timecnt = get_u32(p + 32);
	h->typecnt = get_u32(p + 36);
	h->charcnt = get_u32(p + 40);
	n = (uint64_t)h->timecnt * (tsize + 1) + (uint64_t)h->typecnt * 6 +
	    h->charcnt + (uint64_t)h->leapcnt * (tsize + 4) + h->isstdcnt +
	    h->isutcnt;
	if (n > len - TZ_HDR_LEN)
		return ("truncated data");
	*blen = (size_t)n;
	return (NULL);
}

/* Allocate a zone with room for ntrans transitions and the name. */
static struct tz *
tz_alloc(const char *name, size_t ntrans)
{
	struct tz	*tz;
	size_t		 nlen = strlen(name) + 1;

	tz = malloc(sizeof *tz + ntrans * (sizeof (int64_t) +
	    sizeof (int32_t)) + nlen);
	if (tz == NULL)
		return (NULL);
	memset(tz, 0, sizeof *tz);
	tz->ntrans = ntrans;
	tz->toff = (int32_t *)(tz->trans + ntrans);
	tz->name = (char *)(tz->toff + ntrans);
	memcpy(tz->name, name, nlen);
	return (tz);
}

/* Parse and check a whole TZif file; on failure return the reason. */
static const char *
tzif_parse(const unsigned char *buf, size_t len, const char *name,
    struct tz **tzp)
{
	struct tzif_hdr		 h;
	struct tz_rule		 rule;
	struct tz		*tz;
	const unsigned char	*p = buf, *times, *idx, *types, *nl;
	const char		*err;
	char			 footer[TZ_MAX_FOOTER + 1];
	size_t			 blen, left = len, flen, i;
	unsigned		 tsize = 4;
	int32_t			 off, min_off, max_off;
	int64_t			 t, last = 0;

	*tzp = NULL;
	if ((err = tzif_header(p, left, 4, &h, &blen)) != NULL)
		return (err);
	if (h.version != 0) {
		/* Skip the 32-bit part: version 2+ readers use the 64-bit one. */
		p += TZ_HDR_LEN + blen;
		left -= TZ_HDR_LEN + blen;
		if ((err = tzif_header(p, left, 8, &h, &blen)) != NULL)
			return (err);
		tsize = 8;
	}
	if (h.typecnt == 0 || h.typecnt > TZ_MAX_TYPES)
		return ("bad number of local time types");
	if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) ||
	    (h.isstdcnt != 0 && h.isstdcnt != h.typecnt))
		return ("bad header counts");
	if (h.leapcnt != 0)
		return ("leap-second (\"right/\") zones are not supported");

	times = p + TZ_HDR_LEN;
	idx = times + (size_t)h.timecnt * tsize;
	types = idx + h.timecnt;

	memset(&rule, 0, sizeof rule);
	if (tsize == 8) {
		/* The footer: a POSIX TZ string between newlines. */
		p += TZ_HDR_LEN + blen;
		left -= TZ_HDR_LEN + blen;
		if (left < 2 || p[0] != '\n' ||
		    (nl = memchr(p + 1, '\n', left - 1)) == NULL)
			return ("missing footer");
		flen = (size_t)(nl - (p + 1));
		if (flen > TZ_MAX_FOOTER)
			return ("footer too long");
		memcpy(footer, p + 1, flen);
		footer[flen] = '\0';
		if (flen != 0 &&
		    (strlen(footer) != flen || !parse_rule(footer, &rule)))
			return ("bad footer");
	}

	min_off = max_off = 0;
	for (i = 0; i < h.typecnt; i++) {
		off = get_s32(types + 6 * i);
		if (off < TZ_MIN_OFF || off > TZ_MAX_OFF ||
		    types[6 * i + 4] > 1 ||
		    (h.charcnt != 0 && types[6 * i + 5] >= h.charcnt))
			return ("bad local time type");
		if (i == 0 || off < min_off)
			min_off = off;
		if (i == 0 || off > max_off)
			max_off = off;
	}
	if (rule.present) {
		if (rule.std_off < min_off)
			min_off = rule.std_off;
		if (rule.std_off > max_off)
			max_off = rule.std_off;
		if (rule.dst && rule.dst_off < min_off)
			min_off = rule.dst_off;
		if (rule.dst && rule.dst_off > max_off)
			max_off = rule.dst_off;
	}
	for (i = 0; i < h.timecnt; i++) {
		if (idx[i] >= h.typecnt)
			return ("bad transition type");
		t = tsize == 8 ? get_s64(times + 8 * i) :
		    get_s32(times + 4 * i);
		if (i != 0 && t <= last)
			return ("transitions out of order");
		last = t;
	}

	if ((tz = tz_alloc(name, h.timecnt)) == NULL)
		return ("out of memory");
	tz->off0 = get_s32(types);
	tz->min_off = min_off;
	tz->max_off = max_off;
	tz->rule = rule;
	for (i = 0; i < h.timecnt; i++) {
		tz->trans[i] = tsize == 8 ? get_s64(times + 8 * i) :
		    get_s32(times + 4 * i);
		tz->toff[i] = get_s32(types + 6 * (size_t)idx[i]);
	}
	*tzp = tz;
	return (NULL);
}

/* Read a whole regular file of at most TZ_MAX_FILE bytes; errno on error. */
static int
read_file(const char *path, unsigned char **bufp, size_t *lenp)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 size, len = 0;
	ssize_t		 n;
	int		 fd, saved;

	/* O_NONBLOCK so that a FIFO in the way cannot hang us. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return (-1);
	if (fstat(fd, &st) == -1)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = ENOENT;
		goto fail;
	}
	if (st.st_size > TZ_MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	size = (size_t)st.st_size;
	if ((buf = malloc(size + 1)) == NULL) {
		errno = ENOMEM;
		goto fail;
	}
	while (len < size) {
		n = read(fd, buf + len, size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return (-1);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	*bufp = buf;
	*lenp = len;
	return (0);

fail:
	saved = errno;
	close(fd);
	errno = saved;
	return (-1);
}

/* Parse a fixed offset: [+-]hh, [+-]hhmm, [+-]hh:mm, [+-]hhmmss, [+-]hh:mm:ss. */
static int
parse_fixed(const char *s, int32_t *off)
{
	long	v[3] = { 0, 0, 0 }, max[3] = { 23, 59, 59 };
	int	neg, colon = 0, i;

	if (*s != '+' && *s != '-')
		return (0);
	neg = (*s++ == '-');
	for (i = 0; i < 3; i++) {
		if (i == 1 && *s == ':') {
			colon = 1;
			s++;
		} else if (i == 2 && colon) {
			if (*s++ != ':')
				return (0);
		}
		if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
			return (0);
		v[i] = (s[0] - '0') * 10 + (s[1] - '0');
		if (v[i] > max[i])
			return (0);
		s += 2;
		if (*s == '\0')
			break;
	}
	if (*s != '\0')
		return (0);
	*off = (int32_t)((neg ? -1 : 1) * (v[0] * 3600 + v[1] * 60 + v[2]));
	return (1);
}

/* Make a zone with one fixed offset. */
static struct tz *
tz_fixed(const char *name, int32_t off)
{
	struct tz	*tz;

	if ((tz = tz_alloc(name, 0)) == NULL)
		return (NULL);
	tz->off0 = tz->min_off = tz->max_off = off;
	return (tz);
}

/* Load a zone by name (UTC, Z, a fixed offset or an IANA zone name). */
struct tz *
tz_load(const char *name, char **cause)
{
	struct tz	*tz = NULL;
	unsigned char	*buf;
	const char	*dir, *s, *err;
	char		 path[4096], *msg;
	size_t		 len;
	int32_t		 off;
	int		 n, fixed;

	if (name == NULL || *name == '\0') {
		msg = tz_error("empty time zone name");
		goto fail;
	}
	fixed = (*name == '+' || *name == '-');
	for (s = name; *s != '\0'; s++) {
		if ((*s < 'A' || *s > 'Z') && (*s < 'a' || *s > 'z') &&
		    (*s < '0' || *s > '9') && strchr("_+./-", *s) == NULL &&
		    (*s != ':' || !fixed)) {
			msg = tz_error("invalid character in time zone name");
			goto fail;
		}
	}
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0)
		off = 0;
	else if (fixed) {
		if (!parse_fixed(name, &off)) {
			msg = tz_error("invalid UTC offset: %s", name);
			goto fail;
		}
	} else {
		if (*name == '/' || strstr(name, "..") != NULL) {
			msg = tz_error("invalid time zone name: %s", name);
			goto fail;
		}
		if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
			dir = TZ_DEFAULT_DIR;
		n = snprintf(path, sizeof path, "%s/%s", dir, name);
		if (n < 0 || (size_t)n >= sizeof path) {
			msg = tz_error("time zone name too long: %s", name);
			goto fail;
		}
		if (read_file(path, &buf, &len) != 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				msg = tz_error("unknown time zone: %s", name);
			else if (errno == EFBIG)
				msg = tz_error("%s: file too large", path);
			else if (errno == ENOMEM)
				msg = tz_error("out of memory");
			else
				msg = tz_error("%s: %s", path, strerror(errno));
			goto fail;
		}
		err = tzif_parse(buf, len, name, &tz);
		free(buf);
		if (err != NULL) {
			if (tz == NULL && strcmp(err, "out of memory") == 0)
				msg = tz_error("out of memory");
			else
				msg = tz_error("%s: bad zone file: %s", path,
				    err);
			goto fail;
		}
		return (tz);
	}
	if ((tz = tz_fixed(name, off)) == NULL) {
		msg = tz_error("out of memory");
		goto fail;
	}
	return (tz);

fail:
	if (cause != NULL)
		*cause = msg;
	else
		free(msg);
	return (NULL);
}

/* Free a zone. */
void
tz_free(struct tz *tz)
{
	free(tz);
}

/* The zone's name as given to tz_load. */
const char *
tz_name(const struct tz *tz)
{
	return (tz->name);
}

/* The UTC offset in force at instant utc_s. */
int32_t
tz_offset_at(const struct tz *tz, int64_t utc_s)
{
	struct tz_period	p;

	period_at(tz, utc_s, &p);
	return (p.off);
}

/* Convert local wall-clock seconds to UTC seconds (see tz.h for gaps). */
int64_t
tz_local_to_utc(const struct tz *tz, int64_t local_s)
{
	struct tz_period	p, prev;
	int64_t			u, hi;
	int			have_prev = 0;

	/*
	 * The answer u satisfies u + offset(u) == local_s, so it lies in
	 * [local_s - max_off, local_s - min_off]. Walk the periods of that
	 * window in order: the first that contains its own candidate is the
	 * earliest solution; a transition whose gap holds local_s means the
	 * wall time does not exist and is taken with the offset before it.
	 */
	hi = sat_sub(local_s, tz->min_off);
	period_at(tz, sat_sub(local_s, tz->max_off), &p);
	for (;;) {
		if (have_prev && prev.off < p.off &&
		    local_s >= sat_add(p.begin, prev.off) &&
		    local_s < sat_add(p.begin, p.off))
			return (sat_sub(local_s, prev.off));
		u = sat_sub(local_s, p.off);
		if (u >= p.begin && (u < p.end || p.end == INT64_MAX))
			return (u);
		if (p.end == INT64_MAX || p.end > hi)
			break;
		prev = p;
		have_prev = 1;
		period_at(tz, p.end, &p);
	}
	/* Not reached for a consistent zone; keep a sensible answer anyway. */
	return (sat_sub(local_s, tz_offset_at(tz, sat_sub(local_s,
	    tz_offset_at(tz, local_s)))));
}
