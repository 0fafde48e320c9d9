/*
 * read.c - reads mot's journeys format: one <journey> at a time is built in
 * a reusable struct journey, checked, ordered by time and handed to the
 * caller, then reset. Memory is that of the largest journey, not the file.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "read.h"
#include "xmalloc.h"

struct rd {
	const struct read_opts	*o;
	journey_fn		 fn;
	struct read_stats	*st;
	struct journey		 j;
	int			 depth;
	int			 in_journey;
	int			 seen_outcome;
	int			 skip_depth;	/* inside an unknown element */
};

static const char *const tp_attrs[] = {
	"name", "at", "start", "end", "channel", "actor", "team", "status",
	"promised", "notified", NULL
};
static const char *const outcome_attrs[] = { "nps", "csat", "ces", NULL };
static const char *const root_attrs[] = { "version", "source", NULL };

/* Report a problem; an error also rejects the journey being read. */
static void
problem(struct xmlin *x, struct rd *r, int error, const char *reason,
    const char *fmt, ...)
{
	va_list		 ap;
	char		 msg[600];
	unsigned long	 line = xmlin_line(x);

	if (!error && r->o->problem == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (error && r->in_journey)
		journey_reject(&r->j, line, reason, "%s", msg);
	if (r->o->problem != NULL)
		r->o->problem(r->o->arg, xmlin_path(x), line, error, msg);
}

/* Print at most n bytes of a value in a message. */
#define SHOW(a)	(int)((a)->len > 60 ? 60 : (a)->len), (a)->value

static char *
dup_value(struct rd *r, const struct xattr *a)
{
	return (arena_strndup(&r->j.arena, a->value, a->len));
}

static int
parse_time_attr(struct xmlin *x, struct rd *r, const struct xattr *a,
    mot_time *t)
{
	const char	*why;

	if (isotime_parse(a->value, a->len, r->o->zone, t, &why) == 0)
		return (0);
	problem(x, r, 1, "bad time", "%s=\"%.*s\": %s", a->name, SHOW(a),
	    why);
	return (-1);
}

static void
start_journey(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	struct journey	*j = &r->j;
	int		 i;

	journey_reset(j);
	r->in_journey = 1;
	r->seen_outcome = 0;
	j->file = xmlin_path(x);
	j->line = xmlin_line(x);
	for (i = 0; i < n; i++) {
		if (a[i].uri != NULL)
			continue;
		if (strcmp(a[i].name, "id") == 0) {
			if (a[i].len == 0)
				problem(x, r, 1, "missing id",
				    "journey with an empty id");
			else
				j->id = dup_value(r, &a[i]);
			continue;
		}
		journey_add_attr(j, arena_strndup(&j->arena, a[i].name,
		    strlen(a[i].name)), dup_value(r, &a[i]), j->line);
	}
	if (j->id == NULL && j->reject == NULL)
		problem(x, r, 1, "missing id", "journey without an id");
}

static void
touchpoint(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	struct touchpoint	*tp;
	const struct xattr	*v, *at, *start, *end, *bad;
	char			 list[200];
	long			 ref;

	r->st->touchpoints++;
	tp = journey_add_touchpoint(&r->j);
	tp->line = xmlin_line(x);
	if ((bad = xattr_unknown(a, n, tp_attrs)) != NULL && r->o->problem) {
		xattr_names(tp_attrs, list, sizeof list);
		problem(x, r, 0, NULL, "unknown attribute '%s' on "
		    "<touchpoint> ignored (known: %s)", bad->name, list);
	}
	if ((v = xattr_get(a, n, "name")) == NULL || v->len == 0) {
		problem(x, r, 1, "touchpoint without name",
		    "touchpoint without a name");
		tp->name = "";
	} else {
		tp->name = dup_value(r, v);
		if (r->o->names != NULL && (ref = strtab_find(r->o->names,
		    v->value, v->len)) >= 0)
			tp->ref = (int)ref;
	}
	at = xattr_get(a, n, "at");
	start = xattr_get(a, n, "start");
	end = xattr_get(a, n, "end");
	if (at != NULL && (start != NULL || end != NULL)) {
		problem(x, r, 1, "touchpoint with at and start",
		    "touchpoint \"%s\" has at= and start=/end=: an instant "
		    "or an interval, not both", tp->name);
	} else if (at != NULL) {
		tp->kind = TP_INSTANT;
		if (parse_time_attr(x, r, at, &tp->start) == 0)
			tp->end = tp->start;
	} else if (start != NULL) {
		if (parse_time_attr(x, r, start, &tp->start) == 0) {
			if (end == NULL)
				tp->kind = TP_OPEN;
			else if (parse_time_attr(x, r, end, &tp->end) == 0) {
				tp->kind = TP_INTERVAL;
				if (tp->end < tp->start)
					problem(x, r, 1, "ends before it "
					    "starts", "touchpoint \"%s\" "
					    "ends before it starts", tp->name);
			}
		}
	} else if (end != NULL) {
		problem(x, r, 1, "touchpoint without time",
		    "touchpoint \"%s\" has end= but no start=", tp->name);
	} else {
		problem(x, r, 1, "touchpoint without time",
		    "touchpoint \"%s\" has no time (at= or start=)", tp->name);
	}
	if ((v = xattr_get(a, n, "promised")) != NULL)
		parse_time_attr(x, r, v, &tp->promised);
	if ((v = xattr_get(a, n, "notified")) != NULL)
		parse_time_attr(x, r, v, &tp->notified);
	if ((v = xattr_get(a, n, "channel")) != NULL)
		tp->channel = dup_value(r, v);
	if ((v = xattr_get(a, n, "actor")) != NULL)
		tp->actor = dup_value(r, v);
	if ((v = xattr_get(a, n, "team")) != NULL)
		tp->team = dup_value(r, v);
	if ((v = xattr_get(a, n, "status")) != NULL)
		tp->status = dup_value(r, v);
}

static void
outcome_value(struct xmlin *x, struct rd *r, const struct xattr *a, int n,
    const char *key, int lo, int hi, int *out)
{
	const struct xattr	*v;
	long long		 i;

	if ((v = xattr_get(a, n, key)) == NULL)
		return;
	if (parse_integer(v->value, v->len, &i) != 0 || i < lo || i > hi) {
		problem(x, r, 1, "bad outcome", "%s=\"%.*s\": expected a "
		    "whole number from %d to %d", key, SHOW(v), lo, hi);
		return;
	}
	*out = (int)i;
}

static void
outcome(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	const struct xattr	*bad;

	if (r->seen_outcome++) {
		problem(x, r, 1, "bad outcome", "more than one <outcome>");
		return;
	}
	if ((bad = xattr_unknown(a, n, outcome_attrs)) != NULL)
		problem(x, r, 0, NULL, "unknown attribute '%s' on <outcome> "
		    "ignored (known: nps, csat, ces)", bad->name);
	outcome_value(x, r, a, n, "nps", 0, 10, &r->j.outcome.nps);
	outcome_value(x, r, a, n, "csat", 1, 5, &r->j.outcome.csat);
	outcome_value(x, r, a, n, "ces", 1, 7, &r->j.outcome.ces);
}

static void
end_journey(struct xmlin *x, struct rd *r)
{
	char	*cause = NULL;
	int	 rc;

	r->in_journey = 0;
	r->st->journeys++;
	if (r->j.reject == NULL)
		journey_sort(&r->j);
	if ((rc = r->fn(&r->j, r->o->arg, &cause)) != 0)
		xmlin_abort(x, rc, cause);
}

static void
j_start(struct xmlin *x, void *ud, const char *name, const char *uri,
    const struct xattr *a, int n)
{
	struct rd		*r = ud;
	const struct xattr	*v, *bad;

	r->depth++;
	if (r->skip_depth > 0)
		return;
	if (r->depth == 1) {
		if (strcmp(name, "journeys") == 0 && uri == NULL) {
			r->st->format = "journeys";
			if ((v = xattr_get(a, n, "version")) == NULL ||
			    !xattr_is(v, "1"))
				xmlin_fail(x, MOT_EXIT_DATAERR, "<journeys> "
				    "needs version=\"1\"");
			else if ((bad = xattr_unknown(a, n, root_attrs)) !=
			    NULL)
				problem(x, r, 0, NULL, "unknown attribute '%s' "
				    "on <journeys> ignored", bad->name);
		} else if (strcmp(name, "log") == 0)
			xmlin_fail(x, MOT_EXIT_DATAERR, "XES event logs are "
			    "not supported by this version of mot");
		else
			xmlin_fail(x, MOT_EXIT_DATAERR, "expected <journeys> "
			    "as the root element, found <%s>", name);
		return;
	}
	if (r->depth == 2 && uri == NULL && strcmp(name, "journey") == 0) {
		start_journey(x, r, a, n);
		return;
	}
	if (r->depth == 3 && r->in_journey && uri == NULL) {
		if (strcmp(name, "touchpoint") == 0) {
			touchpoint(x, r, a, n);
			r->skip_depth = r->depth;	/* no children */
			return;
		}
		if (strcmp(name, "outcome") == 0) {
			outcome(x, r, a, n);
			r->skip_depth = r->depth;
			return;
		}
	}
	problem(x, r, 0, NULL, "unknown element <%s> ignored", name);
	r->skip_depth = r->depth;
}

static void
j_end(struct xmlin *x, void *ud, const char *name, const char *uri)
{
	struct rd	*r = ud;

	if (r->skip_depth == r->depth)
		r->skip_depth = 0;
	else if (r->skip_depth == 0 && r->depth == 2 && r->in_journey)
		end_journey(x, r);
	r->depth--;
}

static const struct xmlin_ops journeys_ops = { j_start, j_end };

int
read_file(const char *path, const struct read_opts *o, journey_fn fn,
    struct read_stats *st, char **cause)
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
	rc = xmlin_parse(path, &journeys_ops, &r, &st->io, cause);
	journey_free(&r.j);
	return (rc);
}
