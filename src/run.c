/*
 * run.c - one analysis run, shared by the commands: load the expectations,
 * then for each input read one journey at a time, find and score its
 * occurrences, add them to the aggregates and forget the journey; at the
 * end derive the summary. Inputs are read in name order so that results do
 * not depend on the order they were given in.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "log.h"
#include "read.h"
#include "report.h"
#include "run.h"
#include "tz.h"
#include "xmalloc.h"

/* Rejected journeys reported one by one on stderr before a count takes over. */
#define REJECT_SHOWN	10

static int
path_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
run_sort_inputs(char **files, size_t n, char **cause)
{
	size_t	i, nstdin = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(files[i], "-") == 0 && nstdin++ > 0) {
			*cause = xstrdup("standard input (-) given twice");
			return (-1);
		}
	}
	qsort(files, n, sizeof *files, path_cmp);
	return (0);
}

int
run_load(struct run *r, const struct run_opts *o, char **cause)
{
	int	rc;

	memset(r, 0, sizeof *r);
	r->o = o;
	if ((rc = expect_load(o->expectations, &r->e, cause)) != 0)
		return (rc);
	if (o->zone != NULL && (r->zone = tz_load(o->zone, cause)) == NULL)
		return (MOT_EXIT_USAGE);
	agg_init(&r->agg, r->e, o->by);
	r->have_agg = 1;
	return (0);
}

static void
journey_message(const struct journey *j, const char *what, char **cause)
{
	*cause = xasprintf("%s:%lu: journey%s%s%s %s: %s", j->file,
	    j->reject_line, j->id != NULL ? " \"" : "",
	    j->id != NULL ? j->id : "", j->id != NULL ? "\"" : "", what,
	    j->reject_detail);
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct run		*r = arg;
	const struct run_opts	*o = r->o;
	const char		*value = NULL;
	char			 why[200], buf[32], *msg;
	size_t			 i, k;

	r->occ.n = 0;
	for (i = 0; j->reject == NULL && i < r->e->nmoments; i++) {
		if (clock_find(r->e, i, j, r->zone, &r->occ, why,
		    sizeof why) != 0)
			journey_reject(j, j->line, "bad time", "%s", why);
	}
	if (j->reject != NULL) {
		agg_reject(&r->agg, j);
		if (o->strict) {
			journey_message(j, "rejected (--strict)", cause);
			return (MOT_EXIT_DATAERR);
		}
		if (r->rejected_shown++ < REJECT_SHOWN) {
			journey_message(j, "skipped", &msg);
			warnf("%s", msg);
			free(msg);
		}
		return (0);
	}
	for (i = k = 0; i < r->occ.n; i++) {
		clock_score(&r->occ.v[i], r->e, j);
		if (o->keep == NULL || o->keep(&r->occ.v[i], o->keep_arg))
			r->occ.v[k++] = r->occ.v[i];
	}
	r->occ.n = k;
	if (o->occ != NULL) {
		for (i = 0; i < r->occ.n; i++) {
			value = agg_value(&r->agg, j, &r->occ.v[i], buf,
			    sizeof buf);
			report_occ_row(o->occ, j,
			    &r->e->moments[r->occ.v[i].moment], &r->occ.v[i],
			    value);
		}
	}
	agg_journey(&r->agg, j, r->occ.v, r->occ.n);
	return (0);
}

/* Say what an XES file lacked, once per file, so nothing is dropped unseen. */
static void
input_warnings(const char *path, const struct read_stats *st)
{
	if (st->events_no_time > 0)
		warnf("%s: %llu events without time:timestamp left out", path,
		    (unsigned long long)st->events_no_time);
	if (st->events_bad_time > 0)
		warnf("%s: %llu events with an unreadable time:timestamp left "
		    "out", path, (unsigned long long)st->events_bad_time);
	if (st->unpaired_starts > 0)
		verbosef("%s: %llu start events never completed (open)", path,
		    (unsigned long long)st->unpaired_starts);
}

int
run_inputs(struct run *r, char **files, size_t n, char **cause)
{
	struct read_opts	ro;
	struct read_stats	st;
	size_t			i;
	int			rc;

	memset(&ro, 0, sizeof ro);
	ro.zone = r->zone;
	ro.names = &r->e->names;
	ro.classifier = r->o->classifier != NULL ? r->o->classifier :
	    r->e->classifier;
	ro.outcome = &r->e->outcome;
	ro.arg = r;
	for (i = 0; i < n; i++) {
		verbosef("reading %s", files[i]);
		if ((rc = read_file(files[i], &ro, on_journey, &st, cause)) != 0)
			return (rc);
		agg_input(&r->agg, strcmp(files[i], "-") == 0 ? "(stdin)" :
		    files[i], &st);
		input_warnings(files[i], &st);
	}
	if (r->agg.journeys_rejected > REJECT_SHOWN)
		warnf("%llu journeys skipped in all (see the report's "
		    "rejections)", (unsigned long long)r->agg.journeys_rejected);
	summary_make(&r->sum, r->e, &r->agg);
	r->have_sum = 1;
	for (i = 0; i < r->sum.n; i++) {
		if (r->sum.ms[i].unseen != NULL)
			warnf("moment \"%s\": no touchpoint named \"%s\" in "
			    "the input", r->sum.ms[i].m->id,
			    r->sum.ms[i].unseen);
	}
	return (0);
}

void
run_free(struct run *r)
{
	if (r->have_sum)
		summary_free(&r->sum);
	if (r->have_agg)
		agg_free(&r->agg);
	occ_vec_free(&r->occ);
	tz_free(r->zone);
	expect_free(r->e);
	memset(r, 0, sizeof *r);
}
