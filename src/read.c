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
		journey_reject(&r->j, line, reason, "%s", msg);
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
	return (arena_strndup(&r->j.arena, a->value, a->len));
}

void
rd_begin_journey(struct xmlin *x, struct rd *r)
{
	journey_reset(&r->j);
	r->in_journey = 1;
	r->seen_outcome = 0;
	r->j.file = xmlin_path(x);
	r->j.line = xmlin_line(x);
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
	if ((v = journey_attr(&r->j, key)) == NULL && r->xes != NULL)
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
		journey_reject(&r->j, r->j.line, "bad outcome",
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
	char				*cause = NULL;
	int				 rc;

	r->in_journey = 0;
	r->st->journeys++;
	if (om != NULL && r->j.reject == NULL) {
		map_outcome(x, r, "nps", om->nps, 0, 10, &r->j.outcome.nps);
		map_outcome(x, r, "csat", om->csat, 1, 5, &r->j.outcome.csat);
		map_outcome(x, r, "ces", om->ces, 1, 7, &r->j.outcome.ces);
		map_outcome(x, r, "churn", om->churn, 0, 1,
		    &r->j.outcome.churn);
	}
	if (r->j.reject == NULL)
		journey_sort(&r->j);
	if ((rc = r->fn(&r->j, r->o->arg, &cause)) != 0)
		xmlin_abort(x, rc, cause);
}

static void
r_start(struct xmlin *x, void *ud, const char *name, const char *uri,
    const struct xattr *a, int n)
{
	struct rd	*r = ud;

	r->depth++;
	if (r->skip_depth > 0)
		return;
	if (r->depth == 1) {
		if (strcmp(name, "journeys") == 0 && uri == NULL) {
			r->format = READ_JOURNEYS;
			r->st->format = "journeys";
		} else if (strcmp(name, "log") == 0) {
			r->format = READ_XES;
			r->st->format = "xes";
			xes_begin(x, r, a, n);
			return;
		} else {
			xmlin_fail(x, MOT_EXIT_DATAERR, "expected <journeys> or "
			    "an XES <log> as the root element, found <%s>",
			    name);
			return;
		}
	}
	if (r->format == READ_XES)
		xes_start(x, r, name, a, n);
	else
		journeys_start(x, r, name, uri, a, n);
}

static void
r_end(struct xmlin *x, void *ud, const char *name, const char *uri)
{
	struct rd	*r = ud;

	if (r->skip_depth == r->depth)
		r->skip_depth = 0;
	else if (r->skip_depth == 0) {
		if (r->format == READ_XES)
			xes_end(x, r);
		else
			journeys_end(x, r);
	}
	r->depth--;
}

static const struct xmlin_ops read_ops = { r_start, r_end };

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
	int		rc;

	memset(&r, 0, sizeof r);
	memset(st, 0, sizeof *st);
	r.o = o;
	r.fn = fn;
	r.st = st;
	st->format = "unknown";
	journey_init(&r.j);
	rc = xmlin_parse_range(path, range, &read_ops, &r, &st->io, cause);
	xes_free(&r);
	journey_free(&r.j);
	return (rc);
}
