/* journey.c - the journey model's buffers, attributes and ordering. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journey.h"
#include "xmalloc.h"

static void
outcome_clear(struct outcome *o)
{
	o->nps = o->csat = o->ces = o->churn = -1;
}

void
journey_init(struct journey *j)
{
	memset(j, 0, sizeof *j);
	arena_init(&j->arena);
	outcome_clear(&j->outcome);
}

void
journey_reset(struct journey *j)
{
	j->id = NULL;
	j->file = NULL;
	j->line = 0;
	j->nattrs = 0;
	j->ntps = 0;
	j->reject = NULL;
	j->reject_detail = NULL;
	j->reject_line = 0;
	j->reject_col = 0;
	outcome_clear(&j->outcome);
	arena_reset(&j->arena);
}

void
journey_free(struct journey *j)
{
	free(j->attrs);
	free(j->tps);
	arena_free(&j->arena);
	memset(j, 0, sizeof *j);
}

struct touchpoint *
journey_add_touchpoint(struct journey *j)
{
	struct touchpoint	*tp;

	if (j->ntps == j->tps_cap) {
		j->tps_cap = j->tps_cap == 0 ? 16 : j->tps_cap * 2;
		j->tps = xreallocarray(j->tps, j->tps_cap, sizeof *j->tps);
	}
	/* Field by field: cheaper than a memset for the hottest call. */
	tp = &j->tps[j->ntps];
	tp->name = NULL;
	tp->ref = -1;
	tp->kind = TP_INSTANT;
	tp->start = tp->end = MOT_TIME_NONE;
	tp->promised = tp->notified = tp->revised = MOT_TIME_NONE;
	tp->channel = tp->actor = tp->team = tp->status = tp->by = NULL;
	tp->seq = j->ntps++;
	return (tp);
}

void
journey_add_attr(struct journey *j, const char *key, const char *value,
    unsigned long line)
{
	if (j->nattrs == j->attrs_cap) {
		j->attrs_cap = j->attrs_cap == 0 ? 8 : j->attrs_cap * 2;
		j->attrs = xreallocarray(j->attrs, j->attrs_cap,
		    sizeof *j->attrs);
	}
	j->attrs[j->nattrs].key = key;
	j->attrs[j->nattrs].value = value;
	j->attrs[j->nattrs].line = line;
	j->nattrs++;
}

const char *
journey_attr(const struct journey *j, const char *key)
{
	size_t	i;

	for (i = 0; i < j->nattrs; i++) {
		if (strcmp(j->attrs[i].key, key) == 0)
			return (j->attrs[i].value);
	}
	return (NULL);
}

void
journey_reject(struct journey *j, unsigned long line, const char *reason,
    const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[512];

	if (j->reject != NULL)
		return;		/* the first problem is the one reported */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	j->reject = reason;
	j->reject_detail = arena_strndup(&j->arena, buf, strlen(buf));
	j->reject_line = line;
}

static int
tp_cmp(const void *a, const void *b)
{
	const struct touchpoint	*x = a, *y = b;

	if (x->start != y->start)
		return (x->start < y->start ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

void
journey_sort(struct journey *j)
{
	struct touchpoint	t;
	size_t			i, k;

	if (j->ntps > 32) {
		for (i = 1; i < j->ntps; i++) {
			if (tp_cmp(&j->tps[i - 1], &j->tps[i]) > 0) {
				qsort(j->tps, j->ntps, sizeof *j->tps, tp_cmp);
				return;
			}
		}
		return;
	}
	for (i = 1; i < j->ntps; i++) {	/* few and nearly sorted: insertion */
		if (tp_cmp(&j->tps[i - 1], &j->tps[i]) <= 0)
			continue;
		t = j->tps[i];
		for (k = i; k > 0 && tp_cmp(&j->tps[k - 1], &t) > 0; k--)
			j->tps[k] = j->tps[k - 1];
		j->tps[k] = t;
	}
}
