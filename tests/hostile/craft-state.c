/*
 * craft-state.c - makes the hostile state files of tests/hostile/state-*.hcase:
 * reads a state that mot analyze saved, puts one field out of the
 * bounds mot's writer keeps, and writes it back through mot's own
 * writer (so its layout and checksum are right and only that field is
 * wrong). Builds against a state format of version 1 too, so the same
 * files can be made for an older mot.
 *
 *	craft-state IN OUT EDIT
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "xmalloc.h"

/* Put a sketch in buckets with keys from k. */
static void
buckets(struct sketch *s, int32_t k, size_t nbins)
{
	size_t	i;

	free(s->exact);
	s->exact = NULL;
	free(s->bins);
	s->bins = xcalloc(nbins, sizeof *s->bins);
	for (i = 0; i < nbins; i++)
		s->bins[i] = 1;
	s->nbins = nbins;
	s->min_key = k;
	s->n = SKETCH_EXACT + 10;	/* as many as buckets are for */
	s->zeros = s->n - nbins;
}

#ifdef PENDING_BUDGET
/* Add an open clock of moment mi, its own clock longer than its time when bad. */
static void
open_clock(struct agg *a, size_t mi, int bad)
{
	struct pend_rec	r;

	memset(&r, 0, sizeof r);
	r.moment = mi;
	r.value = PENDING_NO_VALUE;
	r.new_total = 1;
	r.start = a->as_of - 3600 * MOT_USEC;
	r.pivot = r.start + 60 * MOT_USEC;
	r.so_far = bad ? 120 * MOT_USEC : 60 * MOT_USEC;
	r.adequate = 900 * MOT_USEC;
	r.deadline = MOT_TIME_NONE;
	pending_add(&a->pend, &r);
}
#endif

static int
edit(struct agg *a, const char *what)
{
	struct cell	*c = &a->m[0].total;

	if (strcmp(what, "sketch-key") == 0)		/* out of int32 */
		buckets(&c->elapsed, INT32_MAX - 1, 3);
	else if (strcmp(what, "sketch-far") == 0)	/* far below any key */
		buckets(&c->elapsed, -2000000000, 1);
	else if (strcmp(what, "week-far") == 0)
		a->m[0].weeks.first = 200000000;
	else if (strcmp(what, "week-before") == 0)
		a->m[0].weeks.first = -200000000000000;
#if STATE_VERSION >= 3
	else if (strcmp(what, "period-open") == 0)	/* more than the moment's */
		a->m[0].weeks.v[a->m[0].weeks.n - 1].open++;
	else if (strcmp(what, "start-late") == 0)	/* after every period */
		a->first_start = a->last_start += 8 * 86400 * MOT_USEC;
#endif
#ifdef PENDING_BUDGET
	else if (strcmp(what, "open-moment") == 0)	/* no such moment */
		open_clock(a, 99, 0);
	else if (strcmp(what, "open-times") == 0)	/* more own clock than time */
		open_clock(a, 0, 1);
#endif
	else if (strcmp(what, "time-far") == 0)
		a->last_stop = INT64_MAX - 1;
	else if (strcmp(what, "as-of-far") == 0)	/* the year 292277 */
		a->as_of = INT64_MAX - 1;
	else if (strcmp(what, "nan") == 0 && c->elapsed.exact != NULL)
		c->elapsed.exact[0] = c->elapsed.max = NAN;
	else if (strcmp(what, "inf") == 0 && c->elapsed.exact != NULL)
		c->elapsed.exact[0] = c->elapsed.max = INFINITY;
	else if (strcmp(what, "score-sum") == 0)
		c->score_sum = INT64_MAX - 1;
	else if (strcmp(what, "breached") == 0)
		c->breached = c->n + 5;
	else if (strcmp(what, "journeys") == 0)
		a->journeys_read = a->journeys_rejected = UINT64_MAX / 2;
	else
		return (-1);
	return (0);
}

int
main(int argc, char **argv)
{
	struct expectations	*e;
	struct agg		 a;
	char			*by, *cause = NULL;
	int			 rc;
#if STATE_VERSION >= 2
	struct state_inputs	 in;

	if (argc != 4) {
		fprintf(stderr, "usage: craft-state IN OUT EDIT\n");
		return (64);
	}
	rc = state_load(argv[1], &e, &a, &by, &in, &cause);
#else
	if (argc != 4) {
		fprintf(stderr, "usage: craft-state IN OUT EDIT\n");
		return (64);
	}
	rc = state_load(argv[1], &e, &a, &by, &cause);
#endif
	if (rc != 0) {
		fprintf(stderr, "craft-state: %s\n", cause);
		return (rc);
	}
	if (edit(&a, argv[3]) != 0) {
		fprintf(stderr, "craft-state: no edit %s\n", argv[3]);
		return (64);
	}
#if STATE_VERSION >= 2
	rc = state_save_merged(argv[2], argv[1], e, &a, &in, &cause);
	state_inputs_free(&in);
#else
	rc = state_save_merged(argv[2], argv[1], e, &a, &cause);
#endif
	if (rc != 0)
		fprintf(stderr, "craft-state: %s\n", cause);
	agg_free(&a);
	expect_free(e);
	free(by);
	free(cause);
	return (rc);
}
