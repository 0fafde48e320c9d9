/*
 * inspect.c - the counts of mot inspect (docs/inspect.md), made from the
 * journeys as the readers give them: how many journeys, rejected ones by
 * reason, touchpoints and their shapes, the time span, the touchpoint names
 * and the journey and touchpoint attributes with their distinct values.
 * Memory is bounded whatever the input: distinct values are counted
 * exactly up to a limit and estimated beyond it (src/distinct.c), and
 * attribute keys past INSPECT_KEYS_MAX are only counted.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "xmalloc.h"

static const char *const tp_keys[INSPECT_TP_N] = {
	"channel", "actor", "team", "status"
};

void
inspect_init(struct inspect *in)
{
	size_t	i;

	memset(in, 0, sizeof *in);
	in->first = in->last = MOT_TIME_NONE;
	distinct_init(&in->names, INSPECT_NAMES_EXACT);
	strtab_init(&in->keys);
	for (i = 0; i < INSPECT_TP_N; i++) {
		in->tp[i].key = tp_keys[i];
		distinct_init(&in->tp[i].values, INSPECT_VALUES_EXACT);
	}
}

void
inspect_free(struct inspect *in)
{
	size_t	i;

	distinct_free(&in->names);
	for (i = 0; i < in->keys.n; i++)
		distinct_free(&in->attrs[i].values);
	free(in->attrs);
	strtab_free(&in->keys);
	for (i = 0; i < INSPECT_TP_N; i++)
		distinct_free(&in->tp[i].values);
}

static void
count_reason(struct inspect *in, const char *reason)
{
	size_t	i;

	for (i = 0; i < in->nreasons; i++) {
		if (strcmp(in->reason[i], reason) == 0) {
			in->reason_n[i]++;
			return;
		}
	}
	if (in->nreasons == INSPECT_REASONS) {
		in->reasons_more++;
		return;
	}
	in->reason[in->nreasons] = reason;
	in->reason_n[in->nreasons++] = 1;
}

static void
count_value(struct inspect_attr *a, const char *value)
{
	if (value == NULL)
		return;
	a->n++;
	distinct_add(&a->values, value, strlen(value));
}

static void
count_attr(struct inspect *in, const struct jattr *ja)
{
	size_t	len = strlen(ja->key), cap, k;
	long	i;

	if ((i = strtab_find(&in->keys, ja->key, len)) < 0) {
		if (in->keys.n == INSPECT_KEYS_MAX) {
			in->keys_more++;
			return;
		}
		cap = in->keys.cap;
		k = strtab_intern(&in->keys, ja->key, len);
		if (in->keys.cap != cap || in->attrs == NULL)
			in->attrs = xreallocarray(in->attrs, in->keys.cap,
			    sizeof *in->attrs);
		in->attrs[k].key = strtab_key(&in->keys, k);
		in->attrs[k].n = 0;
		distinct_init(&in->attrs[k].values, INSPECT_VALUES_EXACT);
		i = (long)k;
	}
	count_value(&in->attrs[i], ja->value);
}

static void
count_time(struct inspect *in, mot_time t)
{
	if (t == MOT_TIME_NONE)
		return;
	if (in->first == MOT_TIME_NONE || t < in->first)
		in->first = t;
	if (in->last == MOT_TIME_NONE || t > in->last)
		in->last = t;
}

void
inspect_journey(struct inspect *in, const struct journey *j)
{
	const struct touchpoint	*tp;
	size_t			 i;

	in->journeys++;
	if (j->reject != NULL) {
		in->rejected++;
		count_reason(in, j->reject);
		return;
	}
	for (i = 0; i < j->nattrs; i++)
		count_attr(in, &j->attrs[i]);
	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		in->touchpoints++;
		distinct_add(&in->names, tp->name, strlen(tp->name));
		if (tp->kind == TP_INTERVAL)
			in->intervals++;
		else if (tp->kind == TP_OPEN)
			in->open++;
		if (tp->promised != MOT_TIME_NONE)
			in->promised++;
		if (tp->notified != MOT_TIME_NONE)
			in->notified++;
		count_time(in, tp->start);
		count_time(in, tp->kind == TP_OPEN ? MOT_TIME_NONE : tp->end);
		count_value(&in->tp[INSPECT_TP_CHANNEL], tp->channel);
		count_value(&in->tp[INSPECT_TP_ACTOR], tp->actor);
		count_value(&in->tp[INSPECT_TP_TEAM], tp->team);
		count_value(&in->tp[INSPECT_TP_STATUS], tp->status);
	}
}

/* A value kept and its count, to sort. */
struct ranked {
	uint64_t	n;
	size_t		i;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (x->i < y->i ? -1 : x->i > y->i);
}

size_t
inspect_top(const struct distinct *d, size_t max, size_t *idx)
{
	struct ranked	*all;
	size_t		 i, len, n = distinct_kept(d);

	if (n == 0 || max == 0)
		return (0);
	all = xreallocarray(NULL, n, sizeof *all);
	for (i = 0; i < n; i++) {
		all[i].i = i;
		(void)distinct_value(d, i, &len, &all[i].n);
	}
	qsort(all, n, sizeof *all, ranked_cmp);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		idx[i] = all[i].i;
	free(all);
	return (n);
}
