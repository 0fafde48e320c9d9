/*
 * clock.c - a moment of truth is a clock in one journey. Each "from"
 * touchpoint starts a clock at its end; the clock stops at the start of the
 * first "to" touchpoint that starts at or after that time (other than the
 * "from" touchpoint itself). Endpoints may also be journey attributes
 * holding a time (@name). A touchpoint the moment names in ends= that
 * starts at or after the clock's start and before its stop ends the clock
 * another way; a clock neither stopped nor ended is open, and is scored
 * once the end of the data (as_of) is known. Pure functions: no I/O.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	/* Field by field: cheaper than a memset, once per occurrence. */
	o->moment = mi;
	o->from = o->to = NULL;
	o->start = o->stop = o->deadline = MOT_TIME_NONE;
	o->promise = o->notified = MOT_TIME_NONE;
	o->elapsed = o->business = o->adequate = o->recover_dt = 0;
	o->status = o->cust_status = ST_OPEN;
	o->kind = OCC_CLOSED;
	o->ended_by = NULL;
	o->pivot = MOT_TIME_NONE;
	o->paused = 0;
	o->base = o->score = o->cust_score = 0;
	o->promise_broken = o->over_promised = o->failed = 0;
	o->recovered = 0;
	return (o);
}

void
occ_vec_free(struct occ_vec *ov)
{
	free(ov->v);
	free(ov->stops);
	free(ov->head);
	free(ov->next);
	free(ov->ends);
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

#define NO_TP	SIZE_MAX

/*
 * Chain the touchpoints of a journey by name, in time order, so that each
 * moment visits only the touchpoints it names: head[ref] is the first with
 * that name, next[i] the one after touchpoint i.
 */
static void
index_build(const struct expectations *e, const struct journey *j,
    struct occ_vec *ov)
{
	size_t	nnames = e->names.n, i;
	int	ref;

	if (nnames > ov->head_cap) {
		ov->head_cap = nnames;
		ov->head = xreallocarray(ov->head, nnames, sizeof *ov->head);
	}
	if (j->ntps > ov->next_cap) {
		ov->next_cap = j->ntps;
		ov->next = xreallocarray(ov->next, j->ntps, sizeof *ov->next);
	}
	for (i = 0; i < nnames; i++)
		ov->head[i] = NO_TP;
	for (i = j->ntps; i-- > 0; ) {
		if ((ref = j->tps[i].ref) < 0 || (size_t)ref >= nnames)
			continue;
		ov->next[i] = ov->head[ref];
		ov->head[ref] = i;
	}
}

/* The first touchpoint with name ref, or NO_TP. */
static size_t
index_first(const struct occ_vec *ov, int ref)
{
	return (ref >= 0 && (size_t)ref < ov->head_cap ? ov->head[ref] :
	    NO_TP);
}

/* The touchpoints with one name, in time order: the stops a moment can use. */
static void
stops_collect(const struct journey *j, int ref, struct occ_vec *s)
{
	size_t	i;

	s->nstops = 0;
	if (j->ntps + 1 > s->stops_cap) {
		s->stops_cap = j->ntps + 1;
		s->stops = xreallocarray(s->stops, s->stops_cap,
		    sizeof *s->stops);
	}
	for (i = index_first(s, ref); i != NO_TP; i = s->next[i])
		s->stops[s->nstops++] = &j->tps[i];
}

/* The first of n touchpoints in time order that starts at or after t and is not skip: O(log n). */
static const struct touchpoint *
first_in(const struct touchpoint *const *v, size_t n, mot_time t,
    const struct touchpoint *skip)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {	/* stops are in time order */
		mid = lo + (hi - lo) / 2;
		if (v[mid]->start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && v[lo] == skip)
		lo++;	/* a touchpoint never stops its own clock */
	return (lo < n ? v[lo] : NULL);
}

/* The first stop that starts at or after t and is not skip. */
static const struct touchpoint *
first_at_or_after(const struct occ_vec *ov, mot_time t,
    const struct touchpoint *skip)
{
	return (first_in(ov->stops, ov->nstops, t, skip));
}

static int
name_in(const int *refs, size_t n, int ref)
{
	size_t	i;

	for (i = 0; ref >= 0 && i < n; i++) {
		if (refs[i] == ref)
			return (1);
	}
	return (0);
}

/* The touchpoints that end a moment's clocks another way (ends=), in time order. */
static void
ends_collect(const struct moment *m, const struct journey *j,
    struct occ_vec *ov)
{
	size_t	i;

	ov->nends = 0;
	if (m->nends == 0)
		return;
	if (j->ntps > ov->ends_cap) {
		ov->ends_cap = j->ntps;
		ov->ends = xreallocarray(ov->ends, ov->ends_cap,
		    sizeof *ov->ends);
	}
	for (i = 0; i < j->ntps; i++) {
		if (name_in(m->ends, m->nends, j->tps[i].ref))
			ov->ends[ov->nends++] = &j->tps[i];
	}
}

/*
 * End occurrences first.. of their clocks another way: by the first ends=
 * touchpoint that starts at or after the start and before the stop (a to
 * touchpoint at the same instant wins); those still without a stop are open.
 */
static void
ends_apply(struct occ_vec *ov, size_t first)
{
	const struct touchpoint	*tp;
	struct occurrence	*o;
	size_t			 i;

	for (i = first; i < ov->n; i++) {
		o = &ov->v[i];
		if (o->start == MOT_TIME_NONE)
			continue;
		tp = first_in(ov->ends, ov->nends, o->start, o->from);
		if (tp != NULL && (o->stop == MOT_TIME_NONE ||
		    tp->start < o->stop)) {
			o->kind = OCC_ENDED;
			o->ended_by = tp;
			o->to = NULL;
			o->stop = tp->start;
			o->elapsed = o->stop - o->start;
			o->status = ST_ENDED;
		} else if (o->stop == MOT_TIME_NONE)
			o->kind = OCC_OPEN;
	}
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

/* One moment's occurrences, with the journey's index built. */
static int
find_indexed(const struct expectations *e, size_t mi,
    const struct journey *j, const struct tz *zone, struct occ_vec *ov,
    char *why, size_t whylen)
{
	const struct moment	*m = &e->moments[mi];
	size_t			 first = ov->n, i;
	mot_time		 deadline;
	int			 r;

	if (find(e, mi, j, zone, ov, why, whylen) != 0)
		return (-1);
	ends_collect(m, j, ov);
	ends_apply(ov, first);
	if (m->promised_by == NULL || ov->n == first)
		return (0);
	if ((r = attr_time(j, m->promised_by, zone, &deadline, why,
	    whylen)) < 0)
		return (-1);
	for (i = first; r == 1 && i < ov->n; i++)
		ov->v[i].deadline = deadline;
	return (0);
}

int
clock_find(const struct expectations *e, size_t mi, const struct journey *j,
    const struct tz *zone, struct occ_vec *ov, char *why, size_t whylen)
{
	index_build(e, j, ov);
	return (find_indexed(e, mi, j, zone, ov, why, whylen));
}

int
clock_find_all(const struct expectations *e, const struct journey *j,
    const struct tz *zone, struct occ_vec *ov, char *why, size_t whylen)
{
	size_t	mi;

	index_build(e, j, ov);
	for (mi = 0; mi < e->nmoments; mi++) {
		if (find_indexed(e, mi, j, zone, ov, why, whylen) != 0)
			return (-1);
	}
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
		for (i = index_first(ov, m->from.ref); i != NO_TP;
		    i = ov->next[i]) {
			tp = &j->tps[i];
			if (tp->kind == TP_INSTANT)
				continue;	/* an instant has no duration */
			o = occ_add(ov, mi);
			o->from = o->to = tp;
			o->start = tp->start;
			if (tp->kind != TP_OPEN)
				occ_stop(o, tp->end);
			if (m->repeat_first)
				break;
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
		} else {
			stops_collect(j, m->to.ref, ov);
			if ((to = first_at_or_after(ov, start, NULL)) != NULL) {
				o->to = to;
				occ_stop(o, to->start);
			}
		}
		return (0);
	}
	if (!m->to.is_attr)
		stops_collect(j, m->to.ref, ov);
	for (i = index_first(ov, m->from.ref); i != NO_TP; i = ov->next[i]) {
		tp = &j->tps[i];
		o = occ_add(ov, mi);
		o->from = tp;
		if (tp->kind == TP_OPEN)
			o->start = tp->start;	/* never ends: never starts */
		else {
			o->start = tp->end;
			if (m->to.is_attr) {
				if (have_stop)
					occ_stop(o, stop);
			} else if ((to = first_at_or_after(ov, tp->end,
			    tp)) != NULL) {
				o->to = to;
				occ_stop(o, to->start);
			}
		}
		if (m->repeat_first)
			break;	/* only the journey's first from starts a clock */
	}
	return (0);
}

int64_t
clock_measure(const struct expectations *e, const struct moment *m,
    mot_time a, mot_time b)
{
	if (b <= a)
		return (0);
	if (m->calendar >= 0 && (size_t)m->calendar < e->ncalendars)
		return (cal_working(&e->calendars[m->calendar], a, b));
	return (b - a);
}

static int
is_pause(const struct moment *m, int ref)
{
	return (name_in(m->pauses, m->npauses, ref));
}

/*
 * The moment's own clock: working time from start to stop, less the time
 * inside pause touchpoints (an interval's span; an instant's time until the
 * journey's next touchpoint). Pauses that overlap are counted once.
 */
static int64_t
own_clock(const struct expectations *e, const struct moment *m,
    const struct journey *j, mot_time start, mot_time stop)
{
	const struct touchpoint	*tp;
	int64_t			 t;
	mot_time		 ps, pe, cur_s = 0, cur_e = MOT_TIME_NONE;
	size_t			 i, k;

	t = clock_measure(e, m, start, stop);
	if (m->npauses == 0)
		return (t);
	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		if (!is_pause(m, tp->ref))
			continue;
		ps = tp->start;
		if (tp->kind == TP_INTERVAL)
			pe = tp->end;
		else if (tp->kind == TP_OPEN)
			pe = stop;
		else {
			pe = stop;	/* an instant pauses until what comes next */
			for (k = i + 1; k < j->ntps; k++) {
				if (j->tps[k].start > tp->start) {
					pe = j->tps[k].start;
					break;
				}
			}
		}
		if (ps < start)
			ps = start;
		if (pe > stop)
			pe = stop;
		if (pe <= ps)
			continue;
		if (cur_e != MOT_TIME_NONE && ps <= cur_e) {	/* merge */
			if (pe > cur_e)
				cur_e = pe;
			continue;
		}
		if (cur_e != MOT_TIME_NONE)
			t -= clock_measure(e, m, cur_s, cur_e);
		cur_s = ps;
		cur_e = pe;
	}
	if (cur_e != MOT_TIME_NONE)
		t -= clock_measure(e, m, cur_s, cur_e);
	return (t > 0 ? t : 0);
}

static int
is_failed(const struct touchpoint *tp)
{
	return (tp != NULL && tp->status != NULL &&
	    strcasecmp(tp->status, "failed") == 0);
}

/*
 * The end of the recovery window after a failure at t: by default one
 * business day on a moment with a calendar (cal_business_day), else the
 * window in calendar time (PT24H unless set).
 */
static mot_time
recovery_end(const struct expectations *e, const struct moment *m,
    mot_time t)
{
	if (e->params.recovery_business_day && m->calendar >= 0 &&
	    (size_t)m->calendar < e->ncalendars)
		return (cal_business_day(&e->calendars[m->calendar], t));
	return (t + e->params.recovery_window);
}

/* The first recovery touchpoint from t to end, or NULL. */
static const struct touchpoint *
find_recovery(const struct expectations *e, const struct journey *j,
    mot_time t, mot_time end)
{
	size_t	i;

	for (i = 0; i < j->ntps; i++) {
		if (j->tps[i].start < t || j->tps[i].ref < 0 ||
		    !e->is_recovery[j->tps[i].ref])
			continue;
		if (j->tps[i].start > end)
			return (NULL);
		return (&j->tps[i]);
	}
	return (NULL);
}

/*
 * An open clock's own clock so far, for clock_score_open: the time to the
 * pivot, after which nothing pauses it (the end of its last pause), or
 * from which it stays paused (an open pause, or an instant pause that no
 * touchpoint follows: a ticket waiting for the customer stays paused).
 */
static void
open_prepare(struct occurrence *o, const struct expectations *e,
    const struct moment *m, const struct journey *j)
{
	const struct touchpoint	*tp;
	mot_time		 last = o->start, hold = MOT_TIME_NONE, pe;
	size_t			 i, k;

	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		if (!is_pause(m, tp->ref))
			continue;
		pe = MOT_TIME_NONE;
		if (tp->kind == TP_INTERVAL)
			pe = tp->end;
		else if (tp->kind == TP_INSTANT) {
			for (k = i + 1; k < j->ntps; k++) {
				if (j->tps[k].start > tp->start) {
					pe = j->tps[k].start;
					break;
				}
			}
		}
		if (pe == MOT_TIME_NONE) {
			if (hold == MOT_TIME_NONE || tp->start < hold)
				hold = tp->start;
		} else if (pe > last)
			last = pe;
	}
	o->paused = hold != MOT_TIME_NONE;
	if (o->paused)
		o->pivot = hold > o->start ? hold : o->start;
	else
		o->pivot = last;
	o->business = own_clock(e, m, j, o->start, o->pivot);
	if (o->deadline != MOT_TIME_NONE)
		o->over_promised = own_clock(e, m, j, o->start, o->deadline) <
		    m->adequate.us;
}

/*
 * Judge an occurrence whose own-clock time and adequate are known: zone,
 * promise, waiting, recovery and the customers' zone. Without the journey
 * (an open clock at as_of), over_promised is already set and there is no
 * stopping touchpoint and no recovery.
 */
static void
judge(struct occurrence *o, const struct expectations *e,
    const struct journey *j, const struct touchpoint *stop_tp)
{
	const struct moment		*m = &e->moments[o->moment];
	const struct score_params	*p = &e->params;
	const struct touchpoint		*rec;
	int64_t				 d = m->desired.us, a = o->adequate;
	mot_time			 rec_end, told, revised;
	int				 in_time;

	if (d > a)
		d = a;
	o->status = score_status(o->business, d, a);
	o->base = score_elapsed(o->business, d, a, p);

	/* The promise gap (Parasuraman, Zeithaml and Berry, 1985). */
	if (stop_tp != NULL && stop_tp->promised != MOT_TIME_NONE)
		o->promise = stop_tp->promised;
	else
		o->promise = o->deadline;
	if (o->promise != MOT_TIME_NONE) {
		o->promise_broken = o->stop > o->promise;
		if (j != NULL)
			o->over_promised = own_clock(e, m, j, o->start,
			    o->promise) < m->adequate.us;
	}

	/*
	 * Waiting psychology (Maister, 1985). A revised deadline without a
	 * notification time was told at the latest at the stop: the customer
	 * is taken as told then. Being told in time is judged against the
	 * first promise (or adequate); a stop after the revised deadline
	 * earns no relief, at it still does.
	 */
	revised = MOT_TIME_NONE;
	if (stop_tp != NULL) {
		o->notified = stop_tp->notified;
		revised = stop_tp->revised;
	}
	told = o->notified;
	if (told == MOT_TIME_NONE && revised != MOT_TIME_NONE)
		told = o->stop;
	if (told == MOT_TIME_NONE)
		in_time = 0;
	else if (o->promise != MOT_TIME_NONE)
		in_time = told <= o->promise;
	else
		in_time = j != NULL && own_clock(e, m, j, o->start, told) <= a;
	o->score = score_waiting(o->base, told != MOT_TIME_NONE, in_time,
	    o->promise != MOT_TIME_NONE,
	    revised != MOT_TIME_NONE && o->stop > revised,
	    o->status == ST_BREACHED, p);

	/* Service recovery (McCollough and Bharadwaj, 1992). */
	o->failed = o->status == ST_BREACHED || is_failed(stop_tp);
	if (is_failed(stop_tp) && o->score > 0)
		o->score = 0;	/* a failed touchpoint is never better than adequate */
	if (o->failed && e->has_recovery && j != NULL) {
		rec_end = recovery_end(e, m, o->stop);
		if ((rec = find_recovery(e, j, o->stop, rec_end)) != NULL) {
			o->recovered = is_failed(rec) ? 2 : 1;
			o->recover_dt = rec->start - o->stop;
			o->score = score_recovery(o->score, o->recover_dt,
			    rec_end - o->stop, o->recovered == 2, p);
		}
	}

	/* The customers' own zone, on their clock: calendar time. */
	if (m->has_customer) {
		o->cust_status = score_status(o->elapsed, m->cust_desired.us,
		    m->cust_adequate.us);
		o->cust_score = score_elapsed(o->elapsed, m->cust_desired.us,
		    m->cust_adequate.us, p);
	}
}

/* An open or ended occurrence within adequate: not scored, its times so far kept. */
static void
unscored(struct occurrence *o, enum status st)
{
	o->status = st;
	o->base = o->score = o->cust_score = 0;
	o->cust_status = ST_OPEN;
	o->promise = o->notified = MOT_TIME_NONE;
	o->promise_broken = o->over_promised = o->failed = 0;
	o->recovered = 0;
	o->recover_dt = 0;
}

void
clock_score(struct occurrence *o, const struct expectations *e,
    const struct journey *j)
{
	const struct moment	*m = &e->moments[o->moment];

	if (o->status == ST_INVALID || o->start == MOT_TIME_NONE) {
		o->score = o->base = 0;
		return;
	}
	/* A promise to this customer replaces the adequate time. */
	o->adequate = o->deadline != MOT_TIME_NONE ? own_clock(e, m, j,
	    o->start, o->deadline) : m->adequate.us;
	if (o->kind == OCC_OPEN) {
		o->score = o->base = 0;
		open_prepare(o, e, m, j);
		return;
	}
	o->business = own_clock(e, m, j, o->start, o->stop);
	judge(o, e, j, o->kind == OCC_ENDED ? o->ended_by : m->span ?
	    o->from : o->to);
	if (o->kind == OCC_ENDED && o->status != ST_BREACHED)
		unscored(o, ST_ENDED);
}

void
clock_score_open(struct occurrence *o, const struct expectations *e,
    mot_time as_of)
{
	const struct moment	*m = &e->moments[o->moment];
	int64_t			 to_pivot;

	o->stop = as_of;
	o->elapsed = as_of > o->start ? as_of - o->start : 0;
	if (as_of >= o->pivot) {
		if (!o->paused)
			o->business += clock_measure(e, m, o->pivot, as_of);
	} else {
		/* --as-of before the pivot: pauses before it are not known here. */
		to_pivot = clock_measure(e, m, o->start, as_of);
		if (to_pivot < o->business)
			o->business = to_pivot;
	}
	judge(o, e, NULL, NULL);
	if (o->status != ST_BREACHED)
		unscored(o, ST_OPEN);
}
