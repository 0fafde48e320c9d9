/*
 * history.c - the history of mot check --history: a JSON-lines file, one
 * line per run, each with the run's as_of, its expectations hash and, per
 * moment, the scored occurrences that stopped in its batch (after the
 * previous line's as_of, up to its own) and how many of them breached.
 * The objective's confidence sequence adds the batches up (docs/ci.md).
 * Each line is parsed strictly with json-c (and baseline_strict for what
 * json-c lets through); anything else is refused with path:line, so that
 * a gate never adds up garbage. The file is written again whole, old lines
 * first, through afile (check-report.c writes the new line, cmd-check.c
 * the file); nothing here writes.
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "baseline.h"
#include "exitcode.h"
#include "history.h"
#include "xmalloc.h"

/* The largest count in a line, and the largest history read. */
#define HISTORY_MAX_COUNT	INT64_C(100000000000)
#define HISTORY_MAX_BYTES	((size_t)INT32_MAX)

/* A line's error: path:line: what, MOT_EXIT_DATAERR. */
static int
bad_line(const struct history *h, unsigned long line, char **cause,
    const char *what)
{
	*cause = xasprintf("%s:%lu: not a mot check history line: %s",
	    h->path, line, what);
	return (MOT_EXIT_DATAERR);
}

/*
 * A whole number from 0 to HISTORY_MAX_COUNT under key; -1 when missing,
 * of another type or larger. With at most 2^31 bytes of lines, no sum of
 * them can pass 2^64.
 */
static int
get_count(struct json_object *o, const char *key, uint64_t *v)
{
	struct json_object	*x;
	int64_t			 i;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_int) ||
	    (i = json_object_get_int64(x)) < 0 || i > HISTORY_MAX_COUNT)
		return (-1);
	*v = (uint64_t)i;
	return (0);
}

static int
count_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct history_count *)a)->id,
	    ((const struct history_count *)b)->id));
}

/* The moments of one line, sorted by id (each id once). */
static int
parse_moments(struct history *h, struct history_line *l,
    struct json_object *ms, char **cause)
{
	struct json_object	*o;
	struct history_count	*c;
	char			 what[128];
	size_t			 i;

	if (ms == NULL || !json_object_is_type(ms, json_type_array))
		return (bad_line(h, l->line, cause, "no \"moments\" array"));
	l->nm = json_object_array_length(ms);
	l->m = xcalloc(l->nm + 1, sizeof *l->m);
	for (i = 0; i < l->nm; i++) {
		o = json_object_array_get_idx(ms, i);
		c = &l->m[i];
		if (o == NULL || !json_object_is_type(o, json_type_object) ||
		    (c->id = baseline_string(o, "id")) == NULL ||
		    get_count(o, "n", &c->n) != 0 ||
		    get_count(o, "breached", &c->breached) != 0 ||
		    c->breached > c->n) {
			snprintf(what, sizeof what, "moments[%zu] needs an "
			    "\"id\" and counts \"n\" and \"breached\" <= n "
			    "(up to 10^11)", i);
			return (bad_line(h, l->line, cause, what));
		}
	}
	qsort(l->m, l->nm, sizeof *l->m, count_cmp);
	for (i = 1; i < l->nm; i++) {
		if (strcmp(l->m[i - 1].id, l->m[i].id) == 0)
			return (bad_line(h, l->line, cause, "a moment appears "
			    "twice"));
	}
	return (0);
}

/* One line, [p, p + len), without its newline. */
static int
parse_line(struct history *h, struct history_line *l, const char *p,
    size_t len, char **cause)
{
	struct json_tokener	*tok;
	struct json_object	*root, *x;
	enum json_tokener_error	 jerr;
	const char		*why, *s;
	size_t			 end, off;
	int64_t			 version;

	if (len > 0 && p[len - 1] == '\r')
		len--;
	if (len == 0)
		return (bad_line(h, l->line, cause, "an empty line"));
	if (len > INT32_MAX)
		return (bad_line(h, l->line, cause, "too long"));
	if ((tok = json_tokener_new()) == NULL) {
		*cause = xstrdup("out of memory");
		return (MOT_EXIT_SOFTWARE);
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, p, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	h->roots[h->n] = root;		/* freed with the history */
	if (jerr == json_tokener_continue || (jerr == json_tokener_success &&
	    root == NULL))
		return (bad_line(h, l->line, cause, "not valid JSON: the line "
		    "ends too soon"));
	if (jerr != json_tokener_success)
		return (bad_line(h, l->line, cause,
		    json_tokener_error_desc(jerr)));
	for (; end < len; end++) {
		if (p[end] != ' ' && p[end] != '\t')
			return (bad_line(h, l->line, cause, "more after the "
			    "JSON object"));
	}
	if ((why = baseline_strict(p, len, &off)) != NULL)
		return (bad_line(h, l->line, cause, why));
	if (!json_object_is_type(root, json_type_object))
		return (bad_line(h, l->line, cause, "not a JSON object"));
	if (!json_object_object_get_ex(root, "mot_history", &x) ||
	    !json_object_is_type(x, json_type_int))
		return (bad_line(h, l->line, cause, "no \"mot_history\""));
	if ((version = json_object_get_int64(x)) != HISTORY_VERSION) {
		*cause = xasprintf("%s:%lu: history version %" PRId64 " is not "
		    "one this mot reads (%d)", h->path, l->line, version,
		    HISTORY_VERSION);
		return (MOT_EXIT_DATAERR);
	}
	if ((s = baseline_string(root, "as_of")) == NULL ||
	    isotime_parse(s, strlen(s), NULL, &l->as_of, &why) != 0)
		return (bad_line(h, l->line, cause, "\"as_of\" must be an ISO "
		    "8601 time with an offset"));
	if ((l->hash = baseline_string(root, "expectations_hash")) == NULL ||
	    *l->hash == '\0')
		return (bad_line(h, l->line, cause, "no \"expectations_hash\""));
	if (!json_object_object_get_ex(root, "moments", &x))
		x = NULL;
	return (parse_moments(h, l, x, cause));
}

int
history_parse(struct history *h, const char *path, char *buf, size_t len,
    char **cause)
{
	struct history_line	*l;
	size_t			 i, start, nlines = 0;
	char			 a[64], b[64];
	int			 rc;

	memset(h, 0, sizeof *h);
	h->path = xstrdup(path);
	h->buf = buf;
	h->len = len;
	for (i = 0; i < len; i++)
		nlines += buf[i] == '\n';
	nlines += len > 0 && buf[len - 1] != '\n';
	h->lines = xcalloc(nlines + 1, sizeof *h->lines);
	h->roots = xcalloc(nlines + 1, sizeof *h->roots);
	for (start = i = 0; start < len; start = i + 1) {
		for (i = start; i < len && buf[i] != '\n'; i++)
			;
		l = &h->lines[h->n];
		l->line = (unsigned long)h->n + 1;
		rc = parse_line(h, l, buf + start, i - start, cause);
		h->n++;		/* its root and moments are freed with it */
		if (rc != 0)
			return (rc);
		if (h->n > 1 && l->as_of < l[-1].as_of) {
			isotime_format(l->as_of, a, sizeof a);
			isotime_format(l[-1].as_of, b, sizeof b);
			*cause = xasprintf("%s:%lu: not a mot check history "
			    "line: as_of %s is earlier than line %lu's (%s)",
			    h->path, l->line, a, l[-1].line, b);
			return (MOT_EXIT_DATAERR);
		}
	}
	return (0);
}

int
history_load(const char *path, struct history *h, char **cause)
{
	FILE	*f;
	char	*buf;
	size_t	 cap = 4096, len = 0, got;
	int	 err, rc;

	if ((f = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)	/* the first run: an empty history */
			return (history_parse(h, path, NULL, 0, cause));
		memset(h, 0, sizeof *h);
		*cause = xasprintf("%s: cannot open the history: %s", path,
		    strerror(errno));
		return (MOT_EXIT_NOINPUT);
	}
	buf = xmalloc(cap);
	while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len > HISTORY_MAX_BYTES) {
			fclose(f);
			free(buf);
			memset(h, 0, sizeof *h);
			*cause = xasprintf("%s: the history is larger than 2 "
			    "GiB: start another", path);
			return (MOT_EXIT_DATAERR);
		}
		if (len == cap)
			buf = xreallocarray(buf, cap *= 2, 1);
	}
	if (ferror(f)) {
		err = errno != 0 ? errno : EIO;
		fclose(f);
		free(buf);
		memset(h, 0, sizeof *h);
		*cause = xasprintf("%s: cannot read the history: %s", path,
		    strerror(err));
		return (MOT_EXIT_IOERR);
	}
	fclose(f);
	if ((rc = history_parse(h, path, buf, len, cause)) != 0)
		history_free(h);
	return (rc);
}

mot_time
history_last(const struct history *h)
{
	return (h->n > 0 ? h->lines[h->n - 1].as_of : MOT_TIME_NONE);
}

int
history_plan(const struct history *h, const char *hash, mot_time as_of,
    struct history_plan *pl, char **cause)
{
	const struct history_line	*last;
	char				 a[64], b[64];

	memset(pl, 0, sizeof *pl);
	pl->after = history_last(h);
	if (h->n > 0 && as_of < pl->after) {
		last = &h->lines[h->n - 1];
		isotime_format(as_of, a, sizeof a);
		isotime_format(last->as_of, b, sizeof b);
		*cause = xasprintf("%s: this run is as of %s, earlier than the "
		    "history's last run (as of %s, line %lu): a history only "
		    "moves forward (give a later --as-of, or another "
		    "--history)", h->path, a, b, last->line);
		return (MOT_EXIT_DATAERR);
	}
	pl->append = h->n == 0 || as_of > pl->after;
	for (pl->first = h->n; pl->first > 0 &&
	    strcmp(h->lines[pl->first - 1].hash, hash) == 0; pl->first--)
		;
	pl->reset = h->n > 0 && pl->first == h->n;
	pl->runs = h->n - pl->first + (pl->append ? 1 : 0);
	return (0);
}

void
history_sum(const struct history *h, const struct history_plan *pl,
    const char *id, uint64_t *n, uint64_t *breached)
{
	const struct history_count	*c;
	struct history_count		 key;
	size_t				 i;

	*n = *breached = 0;
	key.id = id;
	for (i = pl->first; i < h->n; i++) {
		c = bsearch(&key, h->lines[i].m, h->lines[i].nm,
		    sizeof *h->lines[i].m, count_cmp);
		if (c != NULL) {
			*n += c->n;
			*breached += c->breached;
		}
	}
}

void
history_free(struct history *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++) {
		free(h->lines[i].m);
		if (h->roots[i] != NULL)
			json_object_put(h->roots[i]);
	}
	free(h->lines);
	free(h->roots);
	free(h->buf);
	free(h->path);
	memset(h, 0, sizeof *h);
}
