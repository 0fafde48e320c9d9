/*
 * baseline.c - reads a previous run's report.json (docs/report-json.md) as
 * the baseline of mot check: the expectations hash and, per moment, its id,
 * name, objective, n, breached and p90. The file is parsed strictly with
 * json-c; anything that is not valid JSON or not a mot report is refused
 * with the path, so that a CI job never compares against garbage.
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "baseline.h"
#include "exitcode.h"
#include "xmalloc.h"

/* The layout of report.json this reader knows. */
#define BASELINE_REPORT_VERSION	1

static int
read_all(const char *path, char **buf, size_t *len, char **cause)
{
	FILE	*f;
	size_t	 cap = 65536, got;
	int	 err;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: cannot open the baseline: %s", path,
		    strerror(errno));
		return (MOT_EXIT_NOINPUT);
	}
	*buf = xmalloc(cap);
	*len = 0;
	for (;;) {
		got = fread(*buf + *len, 1, cap - *len, f);
		*len += got;
		if (*len < cap)
			break;
		cap *= 2;
		*buf = xreallocarray(*buf, cap, 1);
	}
	if (ferror(f)) {
		err = errno;
		fclose(f);
		free(*buf);
		*buf = NULL;
		*cause = xasprintf("%s: cannot read the baseline: %s", path,
		    strerror(err != 0 ? err : EIO));
		return (MOT_EXIT_IOERR);
	}
	fclose(f);
	return (0);
}

/* Whether the 4 characters at p are hexadecimal digits. */
static int
hex4(const char *p)
{
	int	i;

	for (i = 0; i < 4; i++) {
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' &&
		    p[i] <= 'f') || (p[i] >= 'A' && p[i] <= 'F')))
			return (0);
	}
	return (1);
}

/* The end of a number per RFC 8259 at p (p when there is none). */
static const char *
number_end(const char *p, const char *end)
{
	const char	*q = p;

	if (q < end && *q == '-')
		q++;
	if (q < end && *q == '0')
		q++;
	else if (q < end && *q >= '1' && *q <= '9') {
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	} else
		return (p);
	if (q < end && *q == '.') {
		if (++q >= end || *q < '0' || *q > '9')
			return (p);
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q >= end || *q < '0' || *q > '9')
			return (p);
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	}
	return (q);
}

/* Whether the number in [p, q) is one json-c keeps as it is: a 64-bit integer, or a finite double. */
static int
number_fits(const char *p, const char *q)
{
	char		*tmp = xstrndup(p, (size_t)(q - p)), *e;
	double		 d;
	int		 ok;

	errno = 0;
	if (strcspn(tmp, ".eE") == (size_t)(q - p)) {
		if (*tmp == '-')
			(void)strtoll(tmp, &e, 10);
		else
			(void)strtoull(tmp, &e, 10);
		ok = errno == 0;
	} else {
		d = strtod(tmp, &e);
		ok = isfinite(d) && !(errno == ERANGE && d != 0);
	}
	free(tmp);
	return (ok);
}

/* Why the text at p is not a JSON value. */
static const char *
not_value(const char *p, const char *end)
{
	size_t	n = (size_t)(end - p);

	if ((n >= 3 && memcmp(p, "NaN", 3) == 0) || (n >= 8 &&
	    memcmp(p, "Infinity", 8) == 0) || (n >= 9 &&
	    memcmp(p, "-Infinity", 9) == 0))
		return ("NaN and Infinity are not JSON numbers");
	if (*p == '-' || (*p >= '0' && *p <= '9'))
		return ("a number that is not in JSON's form");
	if (*p == '\'')
		return ("strings are in double quotes in JSON");
	if (*p == '/')
		return ("comments are not JSON");
	return ("not a JSON value");
}

/*
 * What json-c's strict mode lets through that RFC 8259 does not: NaN,
 * Infinity, numbers like 1. or -01, integers beyond 64 bits (json-c
 * clamps them) and doubles beyond a double (it makes them infinite), and
 * control characters inside strings. The structure is json-c's; this
 * checks each token outside and inside strings. NULL, or what is wrong
 * with *off the offset.
 */
const char *
baseline_strict(const char *buf, size_t len, size_t *off)
{
	const char	*p = buf, *end = buf + len, *q;

	while (p < end) {
		*off = (size_t)(p - buf);
		switch (*p) {
		case ' ': case '\t': case '\n': case '\r':
		case '{': case '}': case '[': case ']': case ',': case ':':
			p++;
			continue;
		case '"':
			for (p++; p < end && *p != '"'; p++) {
				*off = (size_t)(p - buf);
				if ((unsigned char)*p < 0x20)
					return ("a control character in a "
					    "string");
				if (*p != '\\')
					continue;
				if (++p < end && *p == 'u') {
					if (end - p < 5 || !hex4(p + 1))
						return ("a bad \\u escape");
				} else if (p >= end || *p == '\0' ||
				    strchr("\"\\/bfnrt", *p) == NULL)
					return ("a bad escape in a string");
			}
			if (p >= end)
				return ("a string without its end");
			p++;
			continue;
		case 't': case 'f': case 'n':
			if ((size_t)(end - p) >= 4 && (memcmp(p, "true", 4) ==
			    0 || memcmp(p, "null", 4) == 0)) {
				p += 4;
				continue;
			}
			if ((size_t)(end - p) >= 5 && memcmp(p, "false", 5) ==
			    0) {
				p += 5;
				continue;
			}
			return ("not a JSON value");
		default:
			if ((q = number_end(p, end)) == p)
				return (not_value(p, end));
			if (!number_fits(p, q))
				return ("a number out of range");
			p = q;
			if (p < end && ((*p >= '0' && *p <= '9') || *p == '.' ||
			    *p == 'e' || *p == 'E' || *p == '+' || *p == '-'))
				return ("a number that is not in JSON's form");
		}
	}
	return (NULL);
}

static unsigned long
line_at(const char *buf, size_t off)
{
	unsigned long	line = 1;
	size_t		i;

	for (i = 0; i < off; i++) {
		if (buf[i] == '\n')
			line++;
	}
	return (line);
}

static int
not_report(const char *path, const char *what, char **cause)
{
	*cause = xasprintf("%s: not a mot report.json (%s); the baseline must "
	    "be the report.json of an earlier mot analyze -o", path, what);
	return (MOT_EXIT_DATAERR);
}

/* A whole number >= 0 under key; -1 when missing or of another type. */
static int
get_count(struct json_object *o, const char *key, uint64_t *v)
{
	struct json_object	*x;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_int))
		return (-1);
	if (json_object_get_int64(x) < 0)
		return (-1);
	*v = json_object_get_uint64(x);
	return (0);
}

/* A number or null under key (NaN for null or missing); -1 for another type. */
static int
get_number(struct json_object *o, const char *key, double *v)
{
	struct json_object	*x;

	*v = NAN;
	if (!json_object_object_get_ex(o, key, &x) || x == NULL)
		return (0);
	if (!json_object_is_type(x, json_type_int) &&
	    !json_object_is_type(x, json_type_double))
		return (-1);
	*v = json_object_get_double(x);
	return (0);
}

const char *
baseline_string(struct json_object *o, const char *key)
{
	struct json_object	*x;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_string))
		return (NULL);
	return (json_object_get_string(x));
}

/* Adequate's clock: working time with a calendar or pauses (as agg_clock). */
static enum fmt_clock
baseline_clock(struct json_object *o)
{
	struct json_object	*x;

	if (baseline_string(o, "calendar") != NULL)
		return (CLOCK_WORKING);
	if (json_object_object_get_ex(o, "pauses", &x) &&
	    json_object_is_type(x, json_type_array) &&
	    json_object_array_length(x) > 0)
		return (CLOCK_WORKING);
	return (CLOCK_CALENDAR);
}

static int
read_moment(struct baseline *b, size_t i, struct json_object *o,
    char **cause)
{
	struct check_moment	*m = &b->moments[i];
	char			 what[128];

	memset(m, 0, sizeof *m);
	if (!json_object_is_type(o, json_type_object)) {
		snprintf(what, sizeof what, "moments[%zu] is not an object", i);
		return (not_report(b->path, what, cause));
	}
	if ((m->id = baseline_string(o, "id")) == NULL) {
		snprintf(what, sizeof what, "moments[%zu] has no \"id\"", i);
		return (not_report(b->path, what, cause));
	}
	if ((m->name = baseline_string(o, "name")) == NULL)
		m->name = m->id;
	if (get_count(o, "n", &m->n) != 0 ||
	    get_count(o, "breached", &m->breached) != 0 ||
	    m->breached > m->n) {
		snprintf(what, sizeof what, "moments[%zu]: \"n\" and "
		    "\"breached\" must be counts, breached <= n", i);
		return (not_report(b->path, what, cause));
	}
	/* Reports before n_eff have none: the baseline's n stands for it. */
	if (get_number(o, "n_eff", &m->n_eff) != 0 || m->n_eff < 0 ||
	    m->n_eff > (double)m->n) {
		snprintf(what, sizeof what, "moments[%zu]: \"n_eff\" must be "
		    "a number from 0 to n, or null", i);
		return (not_report(b->path, what, cause));
	}
	if (isnan(m->n_eff))
		m->n_eff = 0;
	if (get_number(o, "p90_s", &m->p90) != 0 ||
	    get_number(o, "adequate_s", &m->adequate_s) != 0 ||
	    get_number(o, "objective", &m->objective) != 0) {
		snprintf(what, sizeof what, "moments[%zu]: \"p90_s\", "
		    "\"adequate_s\" and \"objective\" must be numbers or null",
		    i);
		return (not_report(b->path, what, cause));
	}
	if ((!isnan(m->p90) && m->p90 < 0) ||
	    (!isnan(m->adequate_s) && m->adequate_s < 0) ||
	    (!isnan(m->objective) && (m->objective <= 0 || m->objective > 1))) {
		snprintf(what, sizeof what, "moments[%zu]: \"p90_s\" and "
		    "\"adequate_s\" must be >= 0, \"objective\" in (0, 1]", i);
		return (not_report(b->path, what, cause));
	}
	if (isnan(m->objective))
		m->objective = -1;
	m->clock = baseline_clock(o);
	return (0);
}

static int
moment_cmp(const void *a, const void *b)
{
	const struct check_moment	*x = *(const struct check_moment *const *)a;
	const struct check_moment	*y = *(const struct check_moment *const *)b;
	int				 c;

	if ((c = strcmp(x->id, y->id)) != 0)
		return (c);
	return ((x > y) - (x < y));	/* the first in the file first */
}

/* A moment id that appears twice (the first in id order), or NULL: O(n log n). */
static const char *
duplicate_id(const struct check_moment *m, size_t n)
{
	const struct check_moment	**v;
	const char			 *dup = NULL;
	size_t				  i;

	v = xreallocarray(NULL, n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = &m[i];
	qsort(v, n, sizeof *v, moment_cmp);
	for (i = 1; i < n && dup == NULL; i++) {
		if (strcmp(v[i - 1]->id, v[i]->id) == 0)
			dup = v[i]->id;
	}
	free(v);
	return (dup);
}

static int
read_report(struct baseline *b, char **cause)
{
	struct json_object	*x, *ms;
	const char		*dup;
	int64_t			 version;
	size_t			 i;
	int			 rc;

	if (!json_object_is_type(b->root, json_type_object))
		return (not_report(b->path, "not a JSON object", cause));
	if (!json_object_object_get_ex(b->root, "report_version", &x) ||
	    !json_object_is_type(x, json_type_int) ||
	    baseline_string(b->root, "mot_version") == NULL)
		return (not_report(b->path, "no \"mot_version\" and "
		    "\"report_version\"", cause));
	if ((version = json_object_get_int64(x)) != BASELINE_REPORT_VERSION) {
		*cause = xasprintf("%s: report_version %" PRId64 " is not one "
		    "this mot reads (%d)", b->path, version,
		    BASELINE_REPORT_VERSION);
		return (MOT_EXIT_DATAERR);
	}
	if (json_object_object_get_ex(b->root, "expectations", &x) &&
	    json_object_is_type(x, json_type_object)) {
		b->hash = baseline_string(x, "hash");
		b->exp_path = baseline_string(x, "path");
	}
	if (!json_object_object_get_ex(b->root, "moments", &ms) ||
	    !json_object_is_type(ms, json_type_array))
		return (not_report(b->path, "no \"moments\" array", cause));
	b->n = json_object_array_length(ms);
	b->moments = xcalloc(b->n + 1, sizeof *b->moments);
	for (i = 0; i < b->n; i++) {
		if ((rc = read_moment(b, i, json_object_array_get_idx(ms, i),
		    cause)) != 0)
			return (rc);
	}
	if ((dup = duplicate_id(b->moments, b->n)) != NULL) {
		*cause = xasprintf("%s: moment \"%s\" appears twice", b->path,
		    dup);
		return (MOT_EXIT_DATAERR);
	}
	return (0);
}

int
baseline_load(const char *path, struct baseline *b, char **cause)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 jerr;
	const char		*why;
	char			*buf = NULL;
	size_t			 len, end;
	int			 rc;

	memset(b, 0, sizeof *b);
	b->path = xstrdup(path);
	if ((rc = read_all(path, &buf, &len, cause)) != 0)
		goto fail;
	if (len > INT32_MAX) {
		*cause = xasprintf("%s: too large for a report.json", path);
		rc = MOT_EXIT_DATAERR;
		goto fail;
	}
	if ((tok = json_tokener_new()) == NULL) {
		*cause = xstrdup("out of memory");
		rc = MOT_EXIT_SOFTWARE;
		goto fail;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	b->root = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue || (jerr == json_tokener_success &&
	    b->root == NULL)) {
		*cause = xasprintf("%s: not valid JSON: the file ends too "
		    "soon (truncated?)", path);
		rc = MOT_EXIT_DATAERR;
		goto fail;
	}
	if (jerr != json_tokener_success) {
		*cause = xasprintf("%s:%lu: not valid JSON: %s", path,
		    line_at(buf, end), json_tokener_error_desc(jerr));
		rc = MOT_EXIT_DATAERR;
		goto fail;
	}
	for (; end < len; end++) {
		if (buf[end] != ' ' && buf[end] != '\t' && buf[end] != '\r' &&
		    buf[end] != '\n') {
			*cause = xasprintf("%s:%lu: not valid JSON: more after "
			    "the end of the report", path, line_at(buf, end));
			rc = MOT_EXIT_DATAERR;
			goto fail;
		}
	}
	/* What json-c took that RFC 8259 does not. */
	if ((why = baseline_strict(buf, len, &end)) != NULL) {
		*cause = xasprintf("%s:%lu: not valid JSON: %s", path,
		    line_at(buf, end), why);
		rc = MOT_EXIT_DATAERR;
		goto fail;
	}
	if ((rc = read_report(b, cause)) != 0)
		goto fail;
	free(buf);
	return (0);
fail:
	free(buf);
	baseline_free(b);
	return (rc);
}

void
baseline_free(struct baseline *b)
{
	if (b->root != NULL)
		json_object_put(b->root);
	free(b->moments);
	free(b->path);
	memset(b, 0, sizeof *b);
}
