/*
 * read-xes.c - XES event logs (IEEE 1849-2016) as journeys. A trace is a
 * journey, an event a touchpoint; lifecycle start and complete events of
 * one activity pair into an interval. The mapping is documented in
 * docs/format.md ("XES event logs"). A trace's events are collected, then
 * ordered by time and paired when the trace ends, so that the result does
 * not depend on the order of the events in the file.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcode.h"
#include "read-int.h"
#include "xmalloc.h"

/* One attribute of the current trace or of one of its events. */
struct xkv {
	const char	*key;
	const char	*value;
	int		 is_date;
};

/* A default value from a <global>. */
struct xdefault {
	char	*key;
	char	*value;
	int	 is_date;
};

struct xevent {
	const char	*activity;	/* classifier value without lifecycle */
	const char	*name;		/* classifier value */
	const char	*lifecycle;
	const char	*instance;
	const char	*resource;
	const char	*group;
	mot_time	 time;
	unsigned long	 line;
	size_t		 seq;
	size_t		 kv_first, kv_n;
	int		 used;
};

struct xes {
	struct xdefault	*glob[2];	/* 0 trace, 1 event */
	size_t		 nglob[2];
	int		 in_global;	/* 0 none, 1 trace, 2 event */
	char		**keys;		/* classifier keys */
	size_t		 nkeys;
	int		 in_trace;
	int		 in_event;
	unsigned long	 event_line;
	struct xkv	*tkv;		/* the trace's attributes */
	size_t		 ntkv, tkvcap;
	struct xkv	*kv;		/* its events' attributes */
	size_t		 nkv, kvcap;
	size_t		 ev_kv_first;
	struct xevent	*ev;
	size_t		 nev, evcap;
	size_t		*order;		/* for pairing */
	size_t		*queue;
	size_t		 ordercap;
	int		 warned_bad_time;
};

static int
is_attr_element(const char *name)
{
	return (strcmp(name, "string") == 0 || strcmp(name, "date") == 0 ||
	    strcmp(name, "int") == 0 || strcmp(name, "float") == 0 ||
	    strcmp(name, "boolean") == 0 || strcmp(name, "id") == 0);
}

static int
is_container_element(const char *name)
{
	return (strcmp(name, "list") == 0 || strcmp(name, "container") == 0);
}

/* Split classifier keys: white space separates, single quotes group. */
static void
set_classifier(struct xes *xs, const char *spec)
{
	const char	*p = spec, *start;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (*p == '\'') {
			start = ++p;
			while (*p != '\0' && *p != '\'')
				p++;
		} else {
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t')
				p++;
		}
		xs->keys = xreallocarray(xs->keys, xs->nkeys + 1,
		    sizeof *xs->keys);
		xs->keys[xs->nkeys++] = xstrndup(start, (size_t)(p - start));
		if (*p == '\'')
			p++;
	}
	if (xs->nkeys == 0) {
		xs->keys = xreallocarray(xs->keys, 1, sizeof *xs->keys);
		xs->keys[xs->nkeys++] = xstrdup("concept:name");
	}
}

void
xes_begin(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	struct xes	*xs;

	xs = xcalloc(1, sizeof *xs);
	r->xes = xs;
	set_classifier(xs, r->o->classifier != NULL ? r->o->classifier :
	    "concept:name");
}

void
xes_free(struct rd *r)
{
	struct xes	*xs = r->xes;
	size_t		 i, g;

	if (xs == NULL)
		return;
	for (g = 0; g < 2; g++) {
		for (i = 0; i < xs->nglob[g]; i++) {
			free(xs->glob[g][i].key);
			free(xs->glob[g][i].value);
		}
		free(xs->glob[g]);
	}
	for (i = 0; i < xs->nkeys; i++)
		free(xs->keys[i]);
	free(xs->keys);
	free(xs->tkv);
	free(xs->kv);
	free(xs->ev);
	free(xs->order);
	free(xs->queue);
	free(xs);
	r->xes = NULL;
}

static void
add_global(struct xmlin *x, struct rd *r, const char *elem,
    const struct xattr *a, int n)
{
	struct xes		*xs = r->xes;
	const struct xattr	*k, *v;
	struct xdefault		*d;
	size_t			 g = (size_t)xs->in_global - 1, i;

	if ((k = xattr_get(a, n, "key")) == NULL ||
	    (v = xattr_get(a, n, "value")) == NULL)
		return;
	if (xs->nglob[g] >= READ_MAX_JATTRS) {
		rd_problem(x, r, 0, NULL, "more than %d globals: \"%.*s\" "
		    "ignored", READ_MAX_JATTRS, SHOW(k));
		return;
	}
	for (i = 0; i < xs->nglob[g]; i++) {
		if (xattr_is(k, xs->glob[g][i].key)) {
			rd_problem(x, r, 0, NULL, "duplicate global \"%.*s\" "
			    "ignored (the first is kept)", SHOW(k));
			return;
		}
	}
	xs->glob[g] = xreallocarray(xs->glob[g], xs->nglob[g] + 1,
	    sizeof *xs->glob[g]);
	d = &xs->glob[g][xs->nglob[g]++];
	d->key = xstrndup(k->value, XATTR_LEN(k));
	d->value = xstrndup(v->value, XATTR_LEN(v));
	d->is_date = strcmp(elem, "date") == 0;
}

/* A global default, never for a date: a default date means "unknown". */
static const char *
global_value(const struct xes *xs, int scope, const char *key)
{
	size_t	i;

	for (i = 0; i < xs->nglob[scope]; i++) {
		if (strcmp(xs->glob[scope][i].key, key) == 0)
			return (xs->glob[scope][i].is_date ? NULL :
			    xs->glob[scope][i].value);
	}
	return (NULL);
}

/* Keep an attribute element in a growing array of them. */
static void
add_kv(struct xmlin *x, struct rd *r, struct xkv **arr, size_t *nkv,
    size_t *cap, const char *elem, const struct xattr *a, int n)
{
	const struct xattr	*k, *v;
	struct xkv		*kv;

	if ((k = xattr_get(a, n, "key")) == NULL)
		return;
	if (RD_FULL(x, r, arr == &r->xes->tkv ? (*nkv >= READ_MAX_JATTRS ?
	    FULL_JATTRS : FULL_NO) : (*nkv >= READ_MAX_ITEMS ? FULL_ITEMS :
	    FULL_NO)))
		return;
	v = xattr_get(a, n, "value");
	if (*nkv == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		*arr = xreallocarray(*arr, *cap, sizeof **arr);
	}
	kv = &(*arr)[(*nkv)++];
	kv->key = rd_dup(r, k);
	kv->value = v != NULL ? rd_dup(r, v) : "";
	kv->is_date = strcmp(elem, "date") == 0;
}

/* An attribute among kv[first, first + n), or NULL. */
static const struct xkv *
find_kv(const struct xkv *kv, size_t first, size_t n, const char *key)
{
	size_t	i;

	for (i = first; i < first + n; i++) {
		if (strcmp(kv[i].key, key) == 0)
			return (&kv[i]);
	}
	return (NULL);
}

/* An event attribute, or its global default. */
static const char *
event_value(const struct xes *xs, size_t first, size_t n, const char *key)
{
	const struct xkv	*kv;

	if ((kv = find_kv(xs->kv, first, n, key)) != NULL)
		return (kv->value);
	return (global_value(xs, 1, key));
}

const char *
xes_event_value(struct rd *r, const char *key)
{
	const struct xes	*xs = r->xes;
	const struct xkv	*kv;
	size_t			 i;

	for (i = xs->nev; i > 0; i--) {		/* events are in time order */
		kv = find_kv(xs->kv, xs->ev[i - 1].kv_first, xs->ev[i - 1].kv_n,
		    key);
		if (kv != NULL)
			return (kv->value);
	}
	return (NULL);
}

/* Join the values of the classifier keys with '+', leaving out lifecycle if asked. */
static const char *
classify(struct rd *r, size_t first, size_t n, int without_lifecycle)
{
	struct xes	*xs = r->xes;
	const char	*v, *parts[16];
	size_t		 i, np = 0, len = 0;
	char		*s, *p;

	for (i = 0; i < xs->nkeys && np < 16; i++) {
		if (without_lifecycle &&
		    strcmp(xs->keys[i], "lifecycle:transition") == 0)
			continue;
		if ((v = event_value(xs, first, n, xs->keys[i])) == NULL)
			v = "";
		parts[np++] = v;
		len += strlen(v) + 1;
	}
	if (np == 1)
		return (parts[0]);
	p = s = arena_alloc(&r->j->arena, len + 1);
	for (i = 0; i < np; i++) {
		if (i > 0)
			*p++ = '+';
		memcpy(p, parts[i], strlen(parts[i]));
		p += strlen(parts[i]);
	}
	*p = '\0';
	return (s);
}

static void
end_event(struct xmlin *x, struct rd *r)
{
	struct xes		*xs = r->xes;
	const struct xkv	*ts;
	struct xevent		*ev;
	size_t			 first = xs->ev_kv_first, n = xs->nkv - first;
	const char		*why;
	mot_time		 t;
	int			 rc;

	r->st->events++;
	xs->in_event = 0;
	if ((ts = find_kv(xs->kv, first, n, "time:timestamp")) == NULL) {
		r->st->events_no_time++;
		rd_problem_at(x, r, xs->event_line, 0, NULL, "event without "
		    "time:timestamp left out");
		return;
	}
	rc = isotime_parse(ts->value, strlen(ts->value), r->o->zone, &t,
	    &why);
	if (rc == ISOTIME_NO_OFFSET) {
		rd_problem_at(x, r, xs->event_line, 1, "time without offset",
		    "time:timestamp=\"%.60s\": %s", ts->value, why);
		return;
	}
	if (rc != 0) {
		r->st->events_bad_time++;
		rd_problem_at(x, r, xs->event_line, 0, NULL, "event left out: "
		    "time:timestamp=\"%.60s\": %s", ts->value, why);
		return;
	}
	if (RD_FULL(x, r, xs->nev >= READ_MAX_TOUCHPOINTS ? FULL_EVENTS :
	    FULL_NO))
		return;
	if (xs->nev == xs->evcap) {
		xs->evcap = xs->evcap == 0 ? 64 : xs->evcap * 2;
		xs->ev = xreallocarray(xs->ev, xs->evcap, sizeof *xs->ev);
	}
	ev = &xs->ev[xs->nev];
	memset(ev, 0, sizeof *ev);
	ev->seq = xs->nev++;
	ev->time = t;
	ev->line = xs->event_line;
	ev->kv_first = first;
	ev->kv_n = n;
	ev->name = classify(r, first, n, 0);
	ev->activity = classify(r, first, n, 1);
	ev->lifecycle = event_value(xs, first, n, "lifecycle:transition");
	ev->instance = event_value(xs, first, n, "concept:instance");
	ev->resource = event_value(xs, first, n, "org:resource");
	ev->group = event_value(xs, first, n, "org:group");
}

static _Thread_local struct xes *pair_xes;	/* for the qsort comparators */

static int is_lifecycle(const struct xevent *, const char *);

/* At one instant a start comes first and a complete last, whatever the file says. */
static int
lifecycle_rank(const struct xevent *ev)
{
	if (is_lifecycle(ev, "start"))
		return (0);
	if (is_lifecycle(ev, "complete"))
		return (2);
	return (1);
}

static int
time_cmp(const void *a, const void *b)
{
	const struct xevent	*x = a, *y = b;
	int			 rx, ry;

	if (x->time != y->time)
		return (x->time < y->time ? -1 : 1);
	if ((rx = lifecycle_rank(x)) != (ry = lifecycle_rank(y)))
		return (rx - ry);
	return ((x->seq > y->seq) - (x->seq < y->seq));
}

/* By activity and instance, then time: pairing happens within each group. */
static int
key_cmp(const void *a, const void *b)
{
	const struct xevent	*x = &pair_xes->ev[*(const size_t *)a];
	const struct xevent	*y = &pair_xes->ev[*(const size_t *)b];
	int			 c;

	if ((c = strcmp(x->activity, y->activity)) != 0)
		return (c);
	if ((c = strcmp(x->instance != NULL ? x->instance : "",
	    y->instance != NULL ? y->instance : "")) != 0)
		return (c);
	if (x->time != y->time)
		return (x->time < y->time ? -1 : 1);
	return ((x->seq > y->seq) - (x->seq < y->seq));
}

static int
same_key(const struct xevent *x, const struct xevent *y)
{
	return (strcmp(x->activity, y->activity) == 0 &&
	    strcmp(x->instance != NULL ? x->instance : "",
	    y->instance != NULL ? y->instance : "") == 0);
}

static int
is_lifecycle(const struct xevent *ev, const char *value)
{
	return (ev->lifecycle != NULL && strcasecmp(ev->lifecycle, value) == 0);
}

static struct touchpoint *
event_touchpoint(struct rd *r, const struct xevent *ev, const char *name)
{
	struct touchpoint	*tp;
	long			 ref;

	tp = journey_add_touchpoint(r->j);
	r->st->touchpoints++;
	tp->name = name;
	if (r->o->names != NULL && (ref = strtab_find(r->o->names, name,
	    strlen(name))) >= 0)
		tp->ref = (int)ref;
	tp->kind = TP_INSTANT;
	tp->start = tp->end = ev->time;
	tp->actor = ev->resource;
	tp->team = ev->group;
	tp->line = ev->line;
	return (tp);
}

/* Pair starts with completes (FIFO per activity and instance) and make touchpoints. */
static void
make_touchpoints(struct rd *r)
{
	struct xes		*xs = r->xes;
	struct xevent		*ev, *s;
	struct touchpoint	*tp;
	size_t			 i, g, head, tail;
	int			 has_starts = 0;

	if (xs->nev == 0)
		return;
	qsort(xs->ev, xs->nev, sizeof *xs->ev, time_cmp);
	for (i = 0; i < xs->nev && !has_starts; i++)
		has_starts = is_lifecycle(&xs->ev[i], "start");
	for (i = 0; i < xs->nev; i++)
		xs->ev[i].seq = i;
	if (xs->nev > xs->ordercap) {
		xs->ordercap = xs->nev;
		xs->order = xreallocarray(xs->order, xs->ordercap,
		    sizeof *xs->order);
		xs->queue = xreallocarray(xs->queue, xs->ordercap,
		    sizeof *xs->queue);
	}
	for (i = 0; i < xs->nev; i++)
		xs->order[i] = i;
	pair_xes = xs;
	qsort(xs->order, xs->nev, sizeof *xs->order, key_cmp);
	pair_xes = NULL;
	for (g = 0; g < xs->nev; g = i) {
		head = tail = 0;
		for (i = g; i < xs->nev && same_key(&xs->ev[xs->order[g]],
		    &xs->ev[xs->order[i]]); i++) {
			ev = &xs->ev[xs->order[i]];
			if (is_lifecycle(ev, "start")) {
				xs->queue[tail++] = xs->order[i];
				ev->used = 1;
			} else if (is_lifecycle(ev, "complete")) {
				ev->used = 1;
				if (head == tail) {
					/* Only where the trace uses starts at all. */
					if (has_starts)
						r->st->unpaired_completes++;
					event_touchpoint(r, ev, ev->activity);
					continue;
				}
				s = &xs->ev[xs->queue[head++]];
				tp = event_touchpoint(r, s, s->activity);
				tp->kind = TP_INTERVAL;
				tp->end = ev->time;
				if (tp->actor == NULL)
					tp->actor = ev->resource;
				if (tp->team == NULL)
					tp->team = ev->group;
			}
		}
		for (; head < tail; head++) {	/* starts never completed */
			s = &xs->ev[xs->queue[head]];
			r->st->unpaired_starts++;
			tp = event_touchpoint(r, s, s->activity);
			tp->kind = TP_OPEN;
			tp->end = MOT_TIME_NONE;
		}
	}
	for (i = 0; i < xs->nev; i++) {
		if (!xs->ev[i].used)
			event_touchpoint(r, &xs->ev[i], xs->ev[i].name);
	}
}

static void
end_trace(struct xmlin *x, struct rd *r)
{
	struct xes		*xs = r->xes;
	struct journey		*j = r->j;
	const struct xkv	*kv;
	const char		*id;
	size_t			 i;

	xs->in_trace = 0;
	if ((kv = find_kv(xs->tkv, 0, xs->ntkv, "concept:name")) != NULL)
		id = kv->value;
	else
		id = global_value(xs, 0, "concept:name");
	if (id == NULL || *id == '\0')
		journey_reject(j, j->line, "missing id", "trace without "
		    "concept:name");
	else
		j->id = id;
	for (i = 0; i < xs->ntkv; i++) {
		if (strcmp(xs->tkv[i].key, "concept:name") != 0)
			journey_add_attr(j, xs->tkv[i].key, xs->tkv[i].value,
			    j->line);
	}
	for (i = 0; i < xs->nglob[0]; i++) {
		if (xs->glob[0][i].is_date ||
		    strcmp(xs->glob[0][i].key, "concept:name") == 0 ||
		    find_kv(xs->tkv, 0, xs->ntkv, xs->glob[0][i].key) != NULL)
			continue;
		journey_add_attr(j, xs->glob[0][i].key, xs->glob[0][i].value,
		    j->line);
	}
	if (j->reject == NULL)
		make_touchpoints(r);
	if (j->reject != NULL && r->o->problem != NULL &&
	    j->reject_line == j->line)
		r->o->problem(r->o->arg, xmlin_path(x), j->line, 1,
		    j->reject_detail);
	rd_end_journey(x, r);
}

void
xes_start(struct xmlin *x, struct rd *r, const char *name,
    const struct xattr *a, int n)
{
	struct xes		*xs = r->xes;
	const struct xattr	*scope;

	if (r->depth == 2) {
		if (strcmp(name, "trace") == 0) {
			rd_begin_journey(x, r);
			xs->in_trace = 1;
			xs->nkv = xs->ntkv = xs->nev = 0;
			return;
		}
		if (strcmp(name, "global") == 0) {
			scope = xattr_get(a, n, "scope");
			xs->in_global = scope != NULL &&
			    xattr_is(scope, "trace") ? 1 : 2;
			return;
		}
		/* extensions, classifiers, log attributes: nothing to keep */
		r->skip_depth = r->depth;
		return;
	}
	if (r->depth == 3 && xs->in_global) {
		if (is_attr_element(name))
			add_global(x, r, name, a, n);
		r->skip_depth = r->depth;
		return;
	}
	if (r->depth == 3 && xs->in_trace) {
		if (strcmp(name, "event") == 0) {
			xs->in_event = 1;
			xs->event_line = xmlin_line(x);
			xs->ev_kv_first = xs->nkv;
			return;
		}
		if (is_attr_element(name))
			add_kv(x, r, &xs->tkv, &xs->ntkv, &xs->tkvcap, name, a,
			    n);
		else if (!is_container_element(name))
			rd_problem(x, r, 0, NULL, "unknown element <%s> in a "
			    "trace ignored", name);
		r->skip_depth = r->depth;	/* nested attributes */
		return;
	}
	if (r->depth == 4 && xs->in_event) {
		if (is_attr_element(name))
			add_kv(x, r, &xs->kv, &xs->nkv, &xs->kvcap, name, a,
			    n);
		else if (!is_container_element(name))
			rd_problem(x, r, 0, NULL, "unknown element <%s> in an "
			    "event ignored", name);
		r->skip_depth = r->depth;
		return;
	}
	r->skip_depth = r->depth;
}

void
xes_end(struct xmlin *x, struct rd *r)
{
	struct xes	*xs = r->xes;

	if (r->depth == 2 && xs->in_trace)
		end_trace(x, r);
	else if (r->depth == 2)
		xs->in_global = 0;
	else if (r->depth == 3 && xs->in_event)
		end_event(x, r);
}
