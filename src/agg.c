/*
 * agg.c - the aggregates one run keeps: per moment, and per value of the
 * breakdown attribute, counts by status, an exact score sum and a quantile
 * sketch of elapsed times; per run, data-quality counters. Memory depends
 * on the number of moments and breakdown values, never on the journeys.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "xmalloc.h"

static void
cell_init(struct cell *c)
{
	memset(c, 0, sizeof *c);
	sketch_init(&c->elapsed);
}

void
agg_init(struct agg *a, const struct expectations *e, const char *by)
{
	size_t	i;

	memset(a, 0, sizeof *a);
	a->e = e;
	a->by = by;
	a->m = xcalloc(e->nmoments, sizeof *a->m);
	for (i = 0; i < e->nmoments; i++) {
		cell_init(&a->m[i].total);
		strtab_init(&a->m[i].values);
	}
	strtab_init(&a->reasons);
	a->name_seen = xcalloc(e->names.n + 1, sizeof *a->name_seen);
}

void
agg_free(struct agg *a)
{
	size_t	i, v;

	for (i = 0; a->m != NULL && i < a->e->nmoments; i++) {
		sketch_free(&a->m[i].total.elapsed);
		for (v = 0; v < a->m[i].values.n; v++)
			sketch_free(&a->m[i].cells[v].elapsed);
		free(a->m[i].cells);
		strtab_free(&a->m[i].values);
	}
	free(a->m);
	for (i = 0; i < a->reasons.n; i++)
		free(a->reason_first[i]);
	free(a->reason_first);
	free(a->reason_count);
	strtab_free(&a->reasons);
	free(a->name_seen);
	for (i = 0; i < a->ninputs; i++)
		free(a->inputs[i].path);
	free(a->inputs);
	memset(a, 0, sizeof *a);
}

void
agg_reject(struct agg *a, const struct journey *j)
{
	size_t	r, before = a->reasons.n;

	a->journeys_read++;
	a->journeys_rejected++;
	r = strtab_intern(&a->reasons, j->reject, strlen(j->reject));
	if (a->reasons.n > before) {
		if (r >= a->reasons_cap) {
			a->reasons_cap = a->reasons_cap == 0 ? 8 :
			    a->reasons_cap * 2;
			a->reason_count = xreallocarray(a->reason_count,
			    a->reasons_cap, sizeof *a->reason_count);
			a->reason_first = xreallocarray(a->reason_first,
			    a->reasons_cap, sizeof *a->reason_first);
		}
		a->reason_count[r] = 0;
		a->reason_first[r] = xasprintf("%s:%lu", j->file,
		    j->reject_line);
	}
	a->reason_count[r]++;
}

static struct cell *
value_cell(struct moment_agg *ma, const char *value)
{
	size_t	v, k;

	v = strtab_intern(&ma->values, value, strlen(value));
	if (v >= ma->cells_cap) {
		k = ma->cells_cap;
		ma->cells_cap = ma->cells_cap == 0 ? 8 : ma->cells_cap * 2;
		ma->cells = xreallocarray(ma->cells, ma->cells_cap,
		    sizeof *ma->cells);
		for (; k < ma->cells_cap; k++)
			cell_init(&ma->cells[k]);
	}
	return (&ma->cells[v]);
}

static void
cell_add(struct cell *c, const struct occurrence *o)
{
	switch (o->status) {
	case ST_OPEN:
		c->open++;
		return;
	case ST_INVALID:
		c->invalid++;
		return;
	case ST_MET:
		c->met++;
		break;
	case ST_TOLERATED:
		c->tolerated++;
		break;
	case ST_BREACHED:
		c->breached++;
		break;
	}
	c->n++;
	c->score_sum += (int64_t)llround(o->score / SCORE_UNIT);
	sketch_add(&c->elapsed, (double)o->elapsed / 1e6);
}

void
agg_journey(struct agg *a, const struct journey *j,
    const struct occurrence *occ, size_t nocc)
{
	const char	*value = NULL;
	size_t		 i, mi, last = (size_t)-1;

	a->journeys_read++;
	a->touchpoints += j->ntps;
	for (i = 0; i < j->ntps; i++) {
		if (j->tps[i].ref >= 0)
			a->name_seen[j->tps[i].ref]++;
	}
	if (a->by != NULL) {
		value = journey_attr(j, a->by);
		if (value == NULL || *value == '\0')
			value = AGG_NO_VALUE;
	}
	for (i = 0; i < nocc; i++) {
		mi = occ[i].moment;
		if (mi != last)		/* occurrences come grouped by moment */
			a->m[mi].journeys++;
		last = mi;
		cell_add(&a->m[mi].total, &occ[i]);
		if (value != NULL)
			cell_add(value_cell(&a->m[mi], value), &occ[i]);
	}
}

void
agg_input(struct agg *a, const char *path, const struct read_stats *st)
{
	struct input	*in;

	a->inputs = xreallocarray(a->inputs, a->ninputs + 1,
	    sizeof *a->inputs);
	in = &a->inputs[a->ninputs++];
	in->path = xstrdup(path);
	in->format = st->format;
	in->bytes = st->io.raw_bytes;
	in->gzip = st->io.gzip;
	in->st = *st;
}
