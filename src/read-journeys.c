/* read-journeys.c - mot's own journeys format (docs/format.md): <journey>, <touchpoint>, <outcome>. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "read-int.h"
#include "xmalloc.h"

/* The format's state: the parser's own copies of the names it compares. */
struct jrd {
	const char	*elem_journey, *elem_touchpoint, *elem_outcome;
	const char	*id_name;
	const char	*tp_names[16];
	const char	*out_names[4];
	const char	*keep_names[READ_KEEP_MAX];
	size_t		 nkeep;
	int		 seen_outcome;
};

static const char *const tp_attrs[] = {
	"name", "at", "start", "end", "channel", "actor", "team", "status",
	"promised", "notified", "revised", NULL
};
enum {
	TPA_NAME, TPA_AT, TPA_START, TPA_END, TPA_CHANNEL, TPA_ACTOR,
	TPA_TEAM, TPA_STATUS, TPA_PROMISED, TPA_NOTIFIED, TPA_REVISED
};
static const char *const outcome_attrs[] = {
	"nps", "csat", "ces", "churn", NULL
};
enum { OA_NPS, OA_CSAT, OA_CES, OA_CHURN, OA_N };
static const char *const root_attrs[] = { "version", "source", NULL };

static int	parse_time_slow(struct rd *, const struct xattr *,
		    mot_time *) __attribute__((noinline));

/* A time attribute: the common layout inline, the rest in parse_time_slow. */
static inline int
parse_time_attr(struct rd *r, const struct xattr *a, mot_time *t)
{
	if (isotime_fast(&r->dates, a->value, XATTR_LEN(a), t)) {
		if (r->o->seen != NULL)
			rd_seen_time(r, a->value, XATTR_LEN(a));
		return (0);
	}
	return (parse_time_slow(r, a, t));
}

static int
parse_time_slow(struct rd *r, const struct xattr *a, mot_time *t)
{
	const char	*why;
	int		 rc;

	rc = isotime_parse(a->value, XATTR_LEN(a), r->o->zone, t, &why);
	if (r->o->seen != NULL && (rc == 0 || rc == ISOTIME_NO_OFFSET))
		rd_seen_time(r, a->value, XATTR_LEN(a));
	if (rc == 0)
		return (0);
	rd_problem(r, 1, "bad time", "%s=\"%.*s\": %s", a->name, SHOW(a),
	    why);
	return (-1);
}

/* Whether the caller uses a journey attribute (name: the parser's pointer). */
static int
keep_attr(struct rd *r, const char *name)
{
	struct jrd	*jr = r->fmt;
	size_t		 i;

	if (r->o->keep_attrs == NULL)
		return (1);
	for (i = 0; i < jr->nkeep; i++) {
		if (jr->keep_names[i] == name)
			return (1);
	}
	return (0);
}

/*
 * The parser's own pointers for the names the reader compares, taken once
 * for the file: element and attribute names then compare as pointers.
 */
static void
names(struct xmlin *x, struct rd *r)
{
	struct jrd		*jr = r->fmt;
	const char *const	*k;
	int			 i;

	jr->elem_journey = xmlin_name(x, "journey");
	jr->elem_touchpoint = xmlin_name(x, "touchpoint");
	jr->elem_outcome = xmlin_name(x, "outcome");
	jr->id_name = xmlin_name(x, "id");
	for (i = 0; tp_attrs[i] != NULL; i++)
		jr->tp_names[i] = xmlin_name(x, tp_attrs[i]);
	for (i = 0; outcome_attrs[i] != NULL; i++)
		jr->out_names[i] = xmlin_name(x, outcome_attrs[i]);
	jr->nkeep = 0;
	for (k = r->o->keep_attrs; k != NULL && *k != NULL &&
	    jr->nkeep < READ_KEEP_MAX; k++)
		jr->keep_names[jr->nkeep++] = xmlin_name(x, *k);
}

static void
start_journey(struct rd *r, const struct xattr *a, int n)
{
	struct jrd	*jr = r->fmt;
	struct journey	*j = r->j;
	int		 i;

	rd_begin_journey(r);
	jr->seen_outcome = 0;
	for (i = 0; i < n; i++) {
		if (a[i].uri != NULL)
			continue;
		if (a[i].name == jr->id_name) {
			if (XATTR_LEN(&a[i]) == 0)
				rd_problem(r, 1, "missing id",
				    "journey with an empty id");
			else
				j->id = rd_dup(r, &a[i]);
			continue;
		}
		/* Names live in the parser's dictionary for the whole file. */
		if (keep_attr(r, a[i].name))
			journey_add_attr(j, a[i].name, rd_dup(r, &a[i]),
			    j->line);
	}
	if (j->id == NULL && j->reject == NULL)
		rd_problem(r, 1, "missing id", "journey without an id");
}

static void
touchpoint(struct rd *r, const struct xattr *a, int n)
{
	struct jrd		*jr = r->fmt;
	struct touchpoint	*tp;
	const struct xattr	*v, *at, *start, *end, *bad, *name;
	const struct xattr	*promised, *notified, *revised;
	char			 list[200];
	long			 ref;
	int			 i;

	r->st->touchpoints++;
	if (RD_FULL(r, FULL_NO))
		return;
	tp = journey_add_touchpoint(r->j);
	if (r->o->problem != NULL &&
	    (bad = xattr_unknown(a, n, tp_attrs)) != NULL) {
		xattr_names(tp_attrs, list, sizeof list);
		rd_problem(r, 0, NULL, "unknown attribute '%s' on "
		    "<touchpoint> ignored (known: %s)", bad->name, list);
	}
	/* One pass over the attributes, names compared as the parser's pointers. */
	name = at = start = end = promised = notified = revised = NULL;
	for (i = 0; i < n; i++) {
		v = &a[i];
		if (v->uri != NULL)
			continue;
		if (v->name == jr->tp_names[TPA_NAME])	/* the most used first */
			name = v;
		else if (v->name == jr->tp_names[TPA_CHANNEL]) {
			if (!r->o->no_channel)
				tp->channel = rd_dup(r, v);
		} else if (v->name == jr->tp_names[TPA_AT])
			at = v;
		else if (v->name == jr->tp_names[TPA_START])
			start = v;
		else if (v->name == jr->tp_names[TPA_END])
			end = v;
		else if (v->name == jr->tp_names[TPA_ACTOR]) {
			if (!r->o->no_actor)
				tp->actor = rd_dup(r, v);
		} else if (v->name == jr->tp_names[TPA_TEAM])
			tp->team = rd_dup(r, v);
		else if (v->name == jr->tp_names[TPA_STATUS])
			tp->status = rd_dup(r, v);
		else if (v->name == jr->tp_names[TPA_PROMISED])
			promised = v;
		else if (v->name == jr->tp_names[TPA_NOTIFIED])
			notified = v;
		else if (v->name == jr->tp_names[TPA_REVISED])
			revised = v;
	}
	if ((v = name) == NULL || XATTR_LEN(v) == 0) {
		rd_problem(r, 1, "touchpoint without name",
		    "touchpoint without a name");
		tp->name = "";
	} else if (r->o->names != NULL && (ref = strtab_find(r->o->names,
	    v->value, XATTR_LEN(v))) >= 0) {
		tp->ref = (int)ref;	/* the expectations' copy will do */
		tp->name = strtab_key(r->o->names, (size_t)ref);
	} else
		tp->name = rd_dup(r, v);
	if (at != NULL && (start != NULL || end != NULL)) {
		rd_problem(r, 1, "touchpoint with at and start",
		    "touchpoint \"%s\" has at= and start=/end=: an instant "
		    "or an interval, not both", tp->name);
	} else if (at != NULL) {
		tp->kind = TP_INSTANT;
		if (parse_time_attr(r, at, &tp->start) == 0)
			tp->end = tp->start;
	} else if (start != NULL) {
		if (parse_time_attr(r, start, &tp->start) == 0) {
			if (end == NULL)
				tp->kind = TP_OPEN;
			else if (parse_time_attr(r, end, &tp->end) == 0) {
				tp->kind = TP_INTERVAL;
				if (tp->end < tp->start)
					rd_problem(r, 1, "ends before it "
					    "starts", "touchpoint \"%s\" "
					    "ends before it starts", tp->name);
			}
		}
	} else if (end != NULL) {
		rd_problem(r, 1, "touchpoint without time",
		    "touchpoint \"%s\" has end= but no start=", tp->name);
	} else {
		rd_problem(r, 1, "touchpoint without time",
		    "touchpoint \"%s\" has no time (at= or start=)", tp->name);
	}
	if (promised != NULL)
		parse_time_attr(r, promised, &tp->promised);
	if (notified != NULL)
		parse_time_attr(r, notified, &tp->notified);
	if (revised != NULL)
		parse_time_attr(r, revised, &tp->revised);
}

static void
outcome_value(struct rd *r, const struct xattr *v,
    const char *key, int lo, int hi, int *out)
{
	long long	i;

	if (v == NULL)
		return;
	if (parse_integer(v->value, XATTR_LEN(v), &i) != 0 || i < lo || i > hi) {
		rd_problem(r, 1, "bad outcome", "%s=\"%.*s\": expected a "
		    "whole number from %d to %d", key, SHOW(v), lo, hi);
		return;
	}
	*out = (int)i;
}

static void
outcome(struct rd *r, const struct xattr *a, int n)
{
	struct jrd		*jr = r->fmt;
	const struct xattr	*bad = NULL, *v, *val[OA_N] = { NULL };
	int			 i, k;

	if (jr->seen_outcome++) {
		rd_problem(r, 1, "bad outcome", "more than one <outcome>");
		return;
	}
	for (i = 0; i < n; i++) {	/* one pass, names as pointers */
		if (a[i].uri != NULL)
			continue;
		for (k = 0; k < OA_N && a[i].name != jr->out_names[k]; k++)
			;
		if (k < OA_N)
			val[k] = &a[i];
		else if (bad == NULL)
			bad = &a[i];
	}
	if (bad != NULL)
		rd_problem(r, 0, NULL, "unknown attribute '%s' on "
		    "<outcome> ignored (known: nps, csat, ces, churn)",
		    bad->name);
	outcome_value(r, val[OA_NPS], "nps", 0, 10, &r->j->outcome.nps);
	outcome_value(r, val[OA_CSAT], "csat", 1, 5, &r->j->outcome.csat);
	outcome_value(r, val[OA_CES], "ces", 1, 7, &r->j->outcome.ces);
	if ((v = val[OA_CHURN]) != NULL) {
		if (xattr_is(v, "true") || xattr_is(v, "1"))
			r->j->outcome.churn = 1;
		else if (xattr_is(v, "false") || xattr_is(v, "0"))
			r->j->outcome.churn = 0;
		else
			rd_problem(r, 1, "bad outcome", "churn=\"%.*s\": "
			    "expected true or false", SHOW(v));
	}
}

static void
journeys_begin(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	const struct xattr	*v, *bad;

	r->fmt = xcalloc(1, sizeof (struct jrd));
	names(x, r);
	if ((v = xattr_get(a, n, "version")) == NULL || !xattr_is(v, "1"))
		xmlin_fail(x, MOT_EXIT_DATAERR, "<journeys> needs "
		    "version=\"1\"");
	else if ((bad = xattr_unknown(a, n, root_attrs)) != NULL)
		rd_problem(r, 0, NULL, "unknown attribute '%s' on "
		    "<journeys> ignored", bad->name);
}

static void
journeys_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct rd	*r = ud;
	struct jrd	*jr = r->fmt;

	if (depth == 2 && uri == NULL && name == jr->elem_journey) {
		start_journey(r, a, n);
		return;
	}
	if (depth == 3 && r->in_journey && uri == NULL) {
		if (name == jr->elem_touchpoint) {
			touchpoint(r, a, n);
			xmlin_skip(x);		/* no children */
			return;
		}
		if (name == jr->elem_outcome) {
			outcome(r, a, n);
			xmlin_skip(x);
			return;
		}
	}
	rd_problem(r, 0, NULL, "unknown element <%s> ignored", name);
	xmlin_skip(x);
}

static void
journeys_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	struct rd	*r = ud;

	if (depth == 2 && r->in_journey)
		rd_end_journey(r);
	else if (depth == 1)
		rd_flush(r);		/* the document's end */
}

static void
journeys_free(struct rd *r)
{
	free(r->fmt);
	r->fmt = NULL;
}

static const struct xmlin_ops journeys_ops = { journeys_start, journeys_end, NULL };

const struct read_format journeys_format = {
	.name = "journeys",
	.root = "journeys",
	.ops = &journeys_ops,
	.begin = journeys_begin,
	.free = journeys_free,
};
