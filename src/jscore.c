/*
 * jscore.c - the journey as the customer remembers it. People judge an
 * experience by its worst moment and its end, not its average (the peak-end
 * rule: Redelmeier and Kahneman, 1996), and by how much effort it took them
 * (Dixon, Freeman and Toman, 2010). Pure: one journey in, one score out.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "jscore.h"
#include "xmalloc.h"

static _Thread_local const struct occurrence *sort_occ;	/* for stop_cmp */

/* Time order of the scores: by stop, then by moment, for a stable answer. */
static int
stop_cmp(const void *a, const void *b)
{
	const struct occurrence	*x = &sort_occ[*(const size_t *)a];
	const struct occurrence	*y = &sort_occ[*(const size_t *)b];

	if (x->stop != y->stop)
		return (x->stop < y->stop ? -1 : 1);
	if (x->moment != y->moment)
		return (x->moment < y->moment ? -1 : 1);
	return ((x->start > y->start) - (x->start < y->start));
}

static void
effort(const struct expectations *e, const struct journey *j,
    struct jscore *js)
{
	const struct touchpoint	*tp, *prev;
	const char		*team = NULL;
	const struct touchpoint	*last_contact = NULL;
	size_t			 i, k;

	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		if (tp->team != NULL && *tp->team != '\0') {
			if (team != NULL && strcmp(team, tp->team) != 0)
				js->handoffs++;
			team = tp->team;
		}
		if (!e->has_contacts || tp->ref < 0 || !e->is_contact[tp->ref])
			continue;
		/* a repeat: the same contact again within the window */
		for (k = i; k > 0; k--) {
			prev = &j->tps[k - 1];
			if (prev->start < tp->start - e->params.repeat_window)
				break;
			if (prev->ref == tp->ref) {
				js->repeats++;
				break;
			}
		}
		if (last_contact != NULL && last_contact->channel != NULL &&
		    tp->channel != NULL &&
		    strcmp(last_contact->channel, tp->channel) != 0)
			js->switches++;
		last_contact = tp;
	}
}

void
jscore_compute(const struct expectations *e, const struct journey *j,
    const struct occurrence *occ, size_t n, struct jscratch *sc,
    struct jscore *js)
{
	const struct score_params	*p = &e->params;
	size_t				 i, k;

	memset(js, 0, sizeof *js);
	if (n > sc->cap) {
		sc->cap = n;
		sc->idx = xreallocarray(sc->idx, n, sizeof *sc->idx);
		sc->s = xreallocarray(sc->s, n, sizeof *sc->s);
	}
	for (i = k = 0; i < n; i++) {
		if (score_scored(occ[i].status))
			sc->idx[k++] = i;
	}
	effort(e, j, js);
	js->effort = score_effort(js->handoffs, js->repeats, js->switches, p);
	if (k == 0)
		return;
	sort_occ = occ;
	if (k > 32)
		qsort(sc->idx, k, sizeof *sc->idx, stop_cmp);
	else {
		for (i = 1; i < k; i++) {	/* few: insertion sort */
			size_t	t = sc->idx[i], m;

			for (m = i; m > 0 && stop_cmp(&sc->idx[m - 1], &t) > 0;
			    m--)
				sc->idx[m] = sc->idx[m - 1];
			sc->idx[m] = t;
		}
	}
	sort_occ = NULL;
	for (i = 0; i < k; i++)
		sc->s[i] = occ[sc->idx[i]].score;
	score_memory(sc->s, k, p, &js->mem);
	js->worst_moment = occ[sc->idx[js->mem.worst]].moment;
	js->last_moment = occ[sc->idx[js->mem.lastpos]].moment;
	js->last_stop = occ[sc->idx[js->mem.lastpos]].stop;
	js->journey = score_journey(js->mem.remembered, js->effort, p);
	js->valid = 1;
}

/*
 * Ties count: every occurrence at the journey's worst score, when that is
 * negative, and every one that stops at the instant of the last, when its
 * own score is negative.
 */
int
jscore_carried(const struct jscore *js, const struct occurrence *o)
{
	if (!js->valid || !score_scored(o->status) || o->score >= 0)
		return (0);
	return (o->score == js->mem.min || o->stop == js->last_stop);
}

void
jscratch_free(struct jscratch *sc)
{
	free(sc->idx);
	free(sc->s);
	memset(sc, 0, sizeof *sc);
}
