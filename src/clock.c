/*
 * clock.c - a moment of truth is a clock in one journey. Each "from"
 * touchpoint starts a clock at its end; the clock stops at the start of the
 * first "to" touchpoint that starts at or after that time (other than the
 * "from" touchpoint itself). Endpoints may also be journey attributes
 * holding a time (@name). Pure functions over one journey: no I/O.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "xmalloc.h"

static struct occurrence *
occ_add(struct occ_vec *ov, size_t mi)
{
	struct occurrence	*o;

	if (ov->n == ov->cap) {
		ov->cap = ov->cap == 0 ? 16 : ov->cap * 2;
		ov->v = xreallocarray(ov->v, ov->cap, sizeof *ov->v);
	}
	o = &ov->v[ov->n++];
	memset(o, 0, sizeof *o);
	o->moment = mi;
	o->start = o->stop = o->deadline = MOT_TIME_NONE;
	o->status = ST_OPEN;
	return (o);
}

void
occ_vec_free(struct occ_vec *ov)
{
	free(ov->v);
	memset(ov, 0, sizeof *ov);
}

/* The time in a journey attribute: 1 found, 0 absent, -1 bad (with *why). */
static int
attr_time(const struct journey *j, const char *name, const struct tz *zone,
    mot_time *t, char *why, size_t whylen)
{
	const char	*v, *err;

	if ((v = journey_attr(j, name)) == NULL || *v == '\0')
		return (0);
	if (isotime_parse(v, strlen(v), zone, t, &err) != 0) {
		snprintf(why, whylen, "attribute %s=\"%.60s\": %s", name, v,
		    err);
		return (-1);
	}
	return (1);
}

/* The index of the first touchpoint with ref that starts at or after t, not skip. */
static const struct touchpoint *
first_at_or_after(const struct journey *j, int ref, mot_time t,
    const struct touchpoint *skip)
{
	size_t	lo = 0, hi = j->ntps, mid, i;

	while (lo < hi) {	/* touchpoints are ordered by start */
		mid = lo + (hi - lo) / 2;
		if (j->tps[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < j->ntps; i++) {
		if (j->tps[i].ref == ref && &j->tps[i] != skip)
			return (&j->tps[i]);
	}
	return (NULL);
}

/* Close a clock that started at o->start and stops at t. */
static void
occ_stop(struct occurrence *o, mot_time t)
{
	o->stop = t;
	o->elapsed = t - o->start;
	o->status = o->elapsed < 0 ? ST_INVALID : ST_MET;
}

static int
find(const struct expectations *e, size_t mi, const struct journey *j,
    const struct tz *zone, struct occ_vec *ov, char *why, size_t whylen);

int
clock_find(const struct expectations *e, size_t mi, const struct journey *j,
    const struct tz *zone, struct occ_vec *ov, char *why, size_t whylen)
{
	const struct moment	*m = &e->moments[mi];
	size_t			 first = ov->n, i;
	mot_time		 deadline;
	int			 r;

	if (find(e, mi, j, zone, ov, why, whylen) != 0)
		return (-1);
	if (m->promised_by == NULL || ov->n == first)
		return (0);
	if ((r = attr_time(j, m->promised_by, zone, &deadline, why,
	    whylen)) < 0)
		return (-1);
	for (i = first; r == 1 && i < ov->n; i++)
		ov->v[i].deadline = deadline;
	return (0);
}

static int
find(const struct expectations *e, size_t mi, const struct journey *j,
    const struct tz *zone, struct occ_vec *ov, char *why, size_t whylen)
{
	const struct moment	*m = &e->moments[mi];
	const struct touchpoint	*tp, *to;
	struct occurrence	*o;
	mot_time		 start, stop = MOT_TIME_NONE;
	int			 have_stop = 0, r;
	size_t			 i;

	if (m->span) {
		for (i = 0; i < j->ntps; i++) {
			tp = &j->tps[i];
			if (tp->ref != m->from.ref || tp->kind == TP_INSTANT)
				continue;	/* an instant has no duration */
			o = occ_add(ov, mi);
			o->from = o->to = tp;
			o->start = tp->start;
			if (tp->kind != TP_OPEN)
				occ_stop(o, tp->end);
		}
		return (0);
	}
	if (m->to.is_attr) {
		if ((r = attr_time(j, m->to.name, zone, &stop, why,
		    whylen)) < 0)
			return (-1);
		have_stop = r;
	}
	if (m->from.is_attr) {
		if ((r = attr_time(j, m->from.name, zone, &start, why,
		    whylen)) < 0)
			return (-1);
		if (r == 0)
			return (0);	/* the moment does not apply */
		o = occ_add(ov, mi);
		o->start = start;
		if (m->to.is_attr) {
			if (have_stop)
				occ_stop(o, stop);
		} else if ((to = first_at_or_after(j, m->to.ref, start,
		    NULL)) != NULL) {
			o->to = to;
			occ_stop(o, to->start);
		}
		return (0);
	}
	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		if (tp->ref != m->from.ref)
			continue;
		o = occ_add(ov, mi);
		o->from = tp;
		if (tp->kind == TP_OPEN) {
			o->start = tp->start;	/* never ends: never starts */
			continue;
		}
		o->start = tp->end;
		if (m->to.is_attr) {
			if (have_stop)
				occ_stop(o, stop);
		} else if ((to = first_at_or_after(j, m->to.ref, tp->end,
		    tp)) != NULL) {
			o->to = to;
			occ_stop(o, to->start);
		}
	}
	return (0);
}

void
clock_score(struct occurrence *o, const struct moment *m,
    const struct score_params *p)
{
	int64_t	d = m->desired.us, a = m->adequate.us;

	if (o->status == ST_OPEN || o->status == ST_INVALID) {
		o->score = 0;
		return;
	}
	if (o->deadline != MOT_TIME_NONE) {
		/* A promise to this customer replaces the adequate time. */
		a = o->deadline > o->start ? o->deadline - o->start : 0;
		if (d > a)
			d = a;
	}
	o->status = score_status(o->elapsed, d, a);
	o->score = score_elapsed(o->elapsed, d, a, p);
}
