/*
 * read.c - reads journeys from a file, whatever its format: the root
 * element says which (<journeys> for mot's own, <log> for XES), and the
 * format's handlers build one journey at a time in a reusable struct
 * journey, which is checked, ordered by time, handed to the caller and
 * reset. Memory is that of the largest journey, not of the file.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "read-ids.h"
#include "read-int.h"
#include "xmalloc.h"

static void
rd_vproblem(struct xmlin *x, struct rd *r, unsigned long line, int error,
    const char *reason, const char *fmt, va_list ap)
{
	char	msg[600];

	if (!error && r->o->problem == NULL)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (error && r->in_journey)
		journey_reject(r->j, line, reason, "%s", msg);
	if (r->o->problem != NULL)
		r->o->problem(r->o->arg, xmlin_path(x), line, error, msg);
}

void
rd_problem(struct xmlin *x, struct rd *r, int error, const char *reason,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rd_vproblem(x, r, xmlin_line(x), error, reason, fmt, ap);
	va_end(ap);
}

void
rd_problem_at(struct xmlin *x, struct rd *r, unsigned long line, int error,
    const char *reason, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rd_vproblem(x, r, line, error, reason, fmt, ap);
	va_end(ap);
}

char *
rd_dup(struct rd *r, const struct xattr *a)
{
	return (arena_strndup(&r->j->arena, a->value, XATTR_LEN(a)));
}

int
rd_full(struct xmlin *x, struct rd *r, int over)
{
	char	what[64];

	if (r->too_big)
		return (1);
	if (over == FULL_EVENTS)
		snprintf(what, sizeof what, "%d events", READ_MAX_TOUCHPOINTS);
	else if (over == FULL_ITEMS)
		snprintf(what, sizeof what, "%d attribute elements",
		    READ_MAX_ITEMS);
	else if (over == FULL_JATTRS)
		snprintf(what, sizeof what, "%d attributes", READ_MAX_JATTRS);
	else if (r->j->ntps >= READ_MAX_TOUCHPOINTS)
		snprintf(what, sizeof what, "%d touchpoints",
		    READ_MAX_TOUCHPOINTS);
	else if (r->j->arena.used >= READ_MAX_BYTES)
		snprintf(what, sizeof what, "%d MiB of text",
		    READ_MAX_BYTES >> 20);
	else
		return (0);
	r->too_big = 1;
	rd_problem(x, r, 1, "too large", "journey too large: more than %s; "
	    "the rest of it is skipped", what);
	return (1);
}

void
rd_begin_journey(struct xmlin *x, struct rd *r)
{
	journey_reset(r->j);
	r->too_big = 0;
	r->in_journey = 1;
	r->seen_outcome = 0;
	r->j->file = xmlin_path(x);
	r->j->line = xmlin_line(x);
}

/* Fill an outcome value from the attribute the expectations map it to. */
static void
map_outcome(struct xmlin *x, struct rd *r, const char *what,
    const char *key, int lo, int hi, int *out)
{
	const char	*v;
	double		 d;

	if (key == NULL || *out != -1)
		return;
	if ((v = journey_attr(r->j, key)) == NULL && r->xes != NULL)
		v = xes_event_value(r, key);
	if (v == NULL || *v == '\0')
		return;
	/* Exports write 7, 7.0 or true: accept any integral number. */
	if (strcmp(v, "true") == 0)
		d = 1;
	else if (strcmp(v, "false") == 0)
		d = 0;
	else if (parse_number(v, strlen(v), &d) != 0 || d != (double)(long)d)
		d = -1e9;
	if (d < lo || d > hi) {
		journey_reject(r->j, r->j->line, "bad outcome",
		    "%s from attribute %s=\"%.60s\": expected a whole number "
		    "from %d to %d", what, key, v, lo, hi);
		return;
	}
	*out = (int)d;
}

void
rd_end_journey(struct xmlin *x, struct rd *r)
{
	const struct outcome_map	*om = r->o->outcome;

	r->in_journey = 0;
	r->st->journeys++;
	if (om != NULL && r->j->reject == NULL) {
		map_outcome(x, r, "nps", om->nps, 0, 10, &r->j->outcome.nps);
		map_outcome(x, r, "csat", om->csat, 1, 5, &r->j->outcome.csat);
		map_outcome(x, r, "ces", om->ces, 1, 7, &r->j->outcome.ces);
		map_outcome(x, r, "churn", om->churn, 0, 1,
		    &r->j->outcome.churn);
	}
	if (r->j->reject == NULL)
		journey_sort(r->j);
	if (r->ids != NULL && r->j->id != NULL)
		read_ids_insert(r->ids, r->j->id);
	/*
	 * A rejected or large journey goes at once, with those before it, so
	 * that --strict stops where it did and big buffers are not kept.
	 */
	r->nready++;
	if (r->nready == READ_BATCH ||
	    r->j->reject != NULL || r->j->ntps > BATCH_TPS_MAX ||
	    r->j->arena.used > BATCH_BYTES_MAX)
		rd_flush(x, r);
	else
		r->j = &r->batch[r->nready];
}

void
rd_flush(struct xmlin *x, struct rd *r)
{
	char	*cause = NULL;
	size_t	 i, n = r->nready;
	int	 rc;

	r->nready = 0;
	r->j = &r->batch[0];
	for (i = 0; i < n; i++) {
		if ((rc = r->fn(&r->batch[i], r->o->arg, &cause)) != 0) {
			xmlin_abort(x, rc, cause);
			break;
		}
	}
	for (i = 1; i < n; i++) {	/* only the first keeps large buffers */
		if (r->batch[i].tps_cap > BATCH_TPS_MAX) {
			journey_free(&r->batch[i]);
			journey_init(&r->batch[i]);
		}
	}
}

/* The root element tells the format; its handlers take every element after it. */
static void
r_root(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct rd	*r = ud;

	if (strcmp(name, "journeys") == 0 && uri == NULL) {
		r->st->format = "journeys";
		xmlin_set_ops(x, &journeys_ops);
		journeys_root(x, r, a, n);
	} else if (strcmp(name, "log") == 0) {
		r->st->format = "xes";
		xmlin_set_ops(x, &xes_ops);
		xes_begin(x, r, a, n);
	} else
		xmlin_fail(x, MOT_EXIT_DATAERR, "expected <journeys> or an XES "
		    "<log> as the root element, found <%s>", name);
}

/* Not called: the root's end goes to the format's handler. */
static void
r_root_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
}

static const struct xmlin_ops read_ops = { r_root, r_root_end };

int
read_file(const char *path, const struct read_opts *o, journey_fn fn,
    struct read_stats *st, char **cause)
{
	return (read_range(path, NULL, o, fn, st, cause));
}

int
read_range(const char *path, const struct xmlin_range *range,
    const struct read_opts *o, journey_fn fn, struct read_stats *st,
    char **cause)
{
	struct rd	r;
	size_t		i;
	int		rc;

	memset(&r, 0, sizeof r);
	memset(st, 0, sizeof *st);
	r.o = o;
	r.fn = fn;
	r.st = st;
	st->format = "unknown";
	for (i = 0; i < READ_BATCH; i++)
		journey_init(&r.batch[i]);
	/*
	 * Journeys go in batches, in both formats: a journey's strings are in
	 * its own arena, or (XES keys and globals) in the reader's, never in
	 * the parser's buffers.
	 */
	r.j = &r.batch[0];
	if (o->ids != NULL)
		r.ids = read_ids_new();
	rc = xmlin_parse_range(path, range, &read_ops, &r, &st->io, cause);
	if (rc == 0 && r.ids != NULL)
		read_ids_add(o->ids, r.ids);
	read_ids_free(r.ids);
	xes_free(&r);
	for (i = 0; i < READ_BATCH; i++)
		journey_free(&r.batch[i]);
	return (rc);
}
