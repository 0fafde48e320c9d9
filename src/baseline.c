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

/* A string under key, or NULL. */
static const char *
get_string(struct json_object *o, const char *key)
{
	struct json_object	*x;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_string))
		return (NULL);
	return (json_object_get_string(x));
}

static int
read_moment(struct baseline *b, size_t i, struct json_object *o,
    char **cause)
{
	struct check_moment	*m = &b->moments[i];
	char			 what[128];
	size_t			 k;

	memset(m, 0, sizeof *m);
	if (!json_object_is_type(o, json_type_object)) {
		snprintf(what, sizeof what, "moments[%zu] is not an object", i);
		return (not_report(b->path, what, cause));
	}
	if ((m->id = get_string(o, "id")) == NULL) {
		snprintf(what, sizeof what, "moments[%zu] has no \"id\"", i);
		return (not_report(b->path, what, cause));
	}
	if ((m->name = get_string(o, "name")) == NULL)
		m->name = m->id;
	if (get_count(o, "n", &m->n) != 0 ||
	    get_count(o, "breached", &m->breached) != 0 ||
	    m->breached > m->n) {
		snprintf(what, sizeof what, "moments[%zu]: \"n\" and "
		    "\"breached\" must be counts, breached <= n", i);
		return (not_report(b->path, what, cause));
	}
	if (get_number(o, "p90_s", &m->p90) != 0 ||
	    get_number(o, "adequate_s", &m->adequate_s) != 0 ||
	    get_number(o, "objective", &m->objective) != 0) {
		snprintf(what, sizeof what, "moments[%zu]: \"p90_s\", "
		    "\"adequate_s\" and \"objective\" must be numbers or null",
		    i);
		return (not_report(b->path, what, cause));
	}
	if (isnan(m->objective))
		m->objective = -1;
	for (k = 0; k < i; k++) {
		if (strcmp(b->moments[k].id, m->id) == 0) {
			*cause = xasprintf("%s: moment \"%s\" appears twice",
			    b->path, m->id);
			return (MOT_EXIT_DATAERR);
		}
	}
	return (0);
}

static int
read_report(struct baseline *b, char **cause)
{
	struct json_object	*x, *ms;
	int64_t			 version;
	size_t			 i;
	int			 rc;

	if (!json_object_is_type(b->root, json_type_object))
		return (not_report(b->path, "not a JSON object", cause));
	if (!json_object_object_get_ex(b->root, "report_version", &x) ||
	    !json_object_is_type(x, json_type_int) ||
	    get_string(b->root, "mot_version") == NULL)
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
		b->hash = get_string(x, "hash");
		b->exp_path = get_string(x, "path");
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
	return (0);
}

int
baseline_load(const char *path, struct baseline *b, char **cause)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 jerr;
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
