/*
 * read-core.c - what every format reader shares: a journey is begun,
 * filled by the format, finished (outcome mapping, order by time, its id
 * counted) and joins a batch that is handed to the caller; problems are
 * reported where the format says it is. Memory is that of the largest
 * journey, not of the file.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read-ids.h"
#include "read-int.h"

static void
rd_vproblem(struct rd *r, unsigned long line, unsigned col, int error,
    const char *reason, const char *fmt, va_list ap)
{
	char	msg[600];

	if (!error && r->o->problem == NULL)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (error && r->in_journey && r->j->reject == NULL) {
		journey_reject(r->j, line, reason, "%s", msg);
		r->j->reject_col = col;
	}
	if (r->o->problem != NULL)
		r->o->problem(r->o->arg, r->path, line, col, error, msg);
}

void
rd_problem(struct rd *r, int error, const char *reason, const char *fmt, ...)
{
	va_list		ap;
	unsigned long	line;
	unsigned	col = 0;

	line = r->src->where(r->src_arg, &col);
	va_start(ap, fmt);
	rd_vproblem(r, line, col, error, reason, fmt, ap);
	va_end(ap);
}

void
rd_problem_at(struct rd *r, unsigned long line, unsigned col, int error,
    const char *reason, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rd_vproblem(r, line, col, error, reason, fmt, ap);
	va_end(ap);
}

int
rd_full(struct rd *r, int over)
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
	rd_problem(r, 1, "too large", "journey too large: more than %s; "
	    "the rest of it is skipped", what);
	return (1);
}

void
rd_begin_journey(struct rd *r)
{
	unsigned	col;

	journey_reset(r->j);
	r->too_big = 0;
	r->in_journey = 1;
	r->j->file = r->path;
	r->j->line = r->src->where(r->src_arg, &col);
}

/* Fill an outcome value from the attribute the expectations map it to. */
static void
map_outcome(struct rd *r, const char *what, const char *key, int lo, int hi,
    int *out)
{
	const char	*v;
	double		 d;

	if (key == NULL || *out != -1)
		return;
	if ((v = journey_attr(r->j, key)) == NULL && r->format->value != NULL)
		v = r->format->value(r, key);
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
rd_end_journey(struct rd *r)
{
	const struct outcome_map	*om = r->o->outcome;

	r->in_journey = 0;
	r->st->journeys++;
	if (om != NULL && r->j->reject == NULL) {
		map_outcome(r, "nps", om->nps, 0, 10, &r->j->outcome.nps);
		map_outcome(r, "csat", om->csat, 1, 5, &r->j->outcome.csat);
		map_outcome(r, "ces", om->ces, 1, 7, &r->j->outcome.ces);
		map_outcome(r, "churn", om->churn, 0, 1, &r->j->outcome.churn);
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
		rd_flush(r);
	else
		r->j = &r->batch[r->nready];
}

void
rd_flush(struct rd *r)
{
	char	*cause = NULL;
	size_t	 i, n = r->nready;
	int	 rc;

	r->nready = 0;
	r->j = &r->batch[0];
	for (i = 0; i < n; i++) {
		if ((rc = r->fn(&r->batch[i], r->o->arg, &cause)) != 0) {
			r->src->stop(r->src_arg, rc, cause);
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

void
rd_init(struct rd *r, const char *path, const struct read_opts *o,
    journey_fn fn, struct read_stats *st)
{
	size_t	i;

	memset(r, 0, sizeof *r);
	memset(st, 0, sizeof *st);
	r->o = o;
	r->fn = fn;
	r->st = st;
	r->path = path;
	st->format = "unknown";
	/*
	 * Journeys go in batches, in every format: a journey's strings are in
	 * its own arena, or (XES keys and globals) in the format's, never in
	 * a parser's buffers.
	 */
	for (i = 0; i < READ_BATCH; i++)
		journey_init(&r->batch[i]);
	r->j = &r->batch[0];
	if (o->ids != NULL)
		r->ids = read_ids_new();
}

/* Values of XES keys and lifecycle kept exactly: a few are expected. */
#define SEEN_KEYS	1000
#define SEEN_LIFECYCLE	100

void
read_seen_init(struct read_seen *s)
{
	memset(s, 0, sizeof *s);
	distinct_init(&s->event_keys, SEEN_KEYS);
	distinct_init(&s->lifecycle, SEEN_LIFECYCLE);
	distinct_init(&s->ocel_otypes, SEEN_KEYS);
	distinct_init(&s->ocel_etypes, SEEN_KEYS);
	distinct_init(&s->ocel_e2o, SEEN_KEYS);
	distinct_init(&s->ocel_o2o, SEEN_KEYS);
}

void
read_seen_free(struct read_seen *s)
{
	distinct_free(&s->event_keys);
	distinct_free(&s->lifecycle);
	distinct_free(&s->ocel_otypes);
	distinct_free(&s->ocel_etypes);
	distinct_free(&s->ocel_e2o);
	distinct_free(&s->ocel_o2o);
}

void
rd_seen_time(struct rd *r, const char *s, size_t len)
{
	struct read_seen	*sn = r->o->seen;
	size_t			 i;
	int			 min;

	if (!isotime_offset(s, len, &min)) {
		sn->no_offset++;
		return;
	}
	for (i = 0; i < sn->noffsets; i++) {
		if (sn->offset[i] == min) {
			sn->offset_n[i]++;
			return;
		}
	}
	if (sn->noffsets == READ_SEEN_OFFSETS) {
		sn->offsets_more++;
		return;
	}
	sn->offset[sn->noffsets] = min;
	sn->offset_n[sn->noffsets++] = 1;
}

void
rd_seen_key(struct rd *r, const char *key)
{
	distinct_add(&r->o->seen->event_keys, key, strlen(key));
}

void
rd_seen_lifecycle(struct rd *r, const char *value)
{
	distinct_add(&r->o->seen->lifecycle, value, strlen(value));
}

void
rd_free(struct rd *r)
{
	size_t	i;

	read_ids_free(r->ids);
	if (r->format != NULL && r->format->free != NULL)
		r->format->free(r);
	for (i = 0; i < READ_BATCH; i++)
		journey_free(&r->batch[i]);
}
