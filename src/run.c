/*
 * run.c - one analysis run, shared by the commands: load the expectations,
 * then for each input read one journey at a time, find and score its
 * occurrences, add them to the aggregates and forget the journey; at the
 * end derive the summary. Inputs are read in name order so that results do
 * not depend on the order they were given in; the readers (-j) and what
 * they read are run-read.c's.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "log.h"
#include "read.h"
#include "read-ids.h"
#include "report.h"
#include "run.h"
#include "run-int.h"
#include "state.h"
#include "split.h"
#include "suggest.h"
#include "tz.h"
#include "xmalloc.h"
#include "xmlin.h"


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

/* Add a name to a NULL-terminated list. */
static void
list_add(const char ***v, size_t *n, const char *name)
{
	if (name == NULL)
		return;
	*v = xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = name;
	(*v)[*n] = NULL;
}

static void
keep_add(struct run *r, const char *name)
{
	list_add(&r->keep, &r->nkeep, name);
}

/* A journey attribute the run reads as a time (an @NAME endpoint, promised-by). */
static void
time_add(struct run *r, const char *name)
{
	keep_add(r, name);
	list_add(&r->times, &r->ntimes, name);
}

/*
 * The journey attributes this run uses, so that the reader copies only
 * those: the breakdown (--by), the outcome mapping, clock endpoints
 * (@name) and promises (promised-by).
 */
static void
keep_list(struct run *r)
{
	const struct expectations	*e = r->e;
	size_t				 i;

	keep_add(r, r->o->by);
	keep_add(r, e->outcome.nps);
	keep_add(r, e->outcome.csat);
	keep_add(r, e->outcome.ces);
	keep_add(r, e->outcome.churn);
	for (i = 0; i < e->nmoments; i++) {
		if (e->moments[i].from.is_attr)
			time_add(r, e->moments[i].from.name);
		if (e->moments[i].to.is_attr)
			time_add(r, e->moments[i].to.name);
		time_add(r, e->moments[i].promised_by);
	}
	if (r->keep == NULL)
		keep_add(r, "");	/* none: an empty list, not "all" */
	if (r->nkeep > READ_KEEP_MAX) {	/* more than a reader compares */
		free(r->keep);
		r->keep = NULL;
		r->nkeep = 0;
	}
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
	keep_list(r);
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

/* Copy a unit's occurrences into the report, in file order. */
static int
copy_occ(FILE *from, FILE *to, char **cause)
{
	char	buf[65536];
	size_t	n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0) {
		if (fwrite(buf, 1, n, to) != n)
			break;
	}
	if (ferror(from) || ferror(to)) {
		*cause = xasprintf("cannot copy occurrences: %s",
		    strerror(errno));
		return (MOT_EXIT_IOERR);
	}
	return (0);
}

/*
 * No journey accepted: nothing to report on, and no moment to blame. The
 * cause says why, reason by reason (as the text report would), with 65.
 */
static int
no_journey(const struct run *r, char **cause)
{
	const struct agg	*a = &r->agg;
	char			*s, *t;
	size_t			 i, k;

	if (a->journeys_read == 0) {
		*cause = xasprintf("no journey in the input (%zu input%s): "
		    "nothing to report", a->ninputs, a->ninputs == 1 ? "" : "s");
		return (MOT_EXIT_DATAERR);
	}
	s = xasprintf("no journey accepted: %llu read from %zu input%s, all "
	    "rejected", (unsigned long long)a->journeys_read, a->ninputs,
	    a->ninputs == 1 ? "" : "s");
	for (i = 0; i < a->reasons.n; i++) {
		k = r->sum.reasons[i];
		t = xasprintf("%s%s %llu %s (first at %s)", s, i == 0 ? ":" :
		    ";", (unsigned long long)a->reason_count[k],
		    strtab_key(&a->reasons, k), a->reason_first[k]);
		free(s);
		s = t;
	}
	t = xasprintf("%s; nothing to report", s);
	free(s);
	s = t;
	*cause = s;
	return (MOT_EXIT_DATAERR);
}

static void	find_missing(struct run *);
static void	key_warnings(struct run *);

/* Whether the caller reports the missing names itself. */
static int
o_quiet(const struct run *r)
{
	return (r->o->missing_quiet);
}

int
run_inputs(struct run *r, char **files, size_t n, char **cause)
{
	struct worker	*w;
	struct agg	*aggs;
	struct unit	*u;
	struct read_stats st;
	char		 t0[64], t1[64];
	size_t		 i, k, shown = 0, nw, first;
	int		 rc = 0;
	long		 cores;

	xmlin_init();
	r->files = files;
	r->nfiles = n;
	r->njobs = r->o->jobs;
	if (r->njobs <= 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		r->njobs = cores > 0 ? (size_t)cores : 1;
	}
	run_plan_units(r);
	r->ids = read_ids_new();
	/* As many readers as units, or as asked when a file is cut as it is read. */
	for (i = 0; i < r->nunits && !r->units[i].stream; i++)
		;
	nw = r->njobs < r->nunits || i < r->nunits ? r->njobs : r->nunits;
	if (nw == 0)
		nw = 1;
	w = xcalloc(nw, sizeof *w);
	aggs = xcalloc(nw, sizeof *aggs);
	for (i = 0; i < nw; i++) {
		w[i].r = r;
		w[i].agg = &aggs[i];
		agg_init(&aggs[i], r->e, r->o->by);
	}
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->counted, NULL);
	if (nw == 1) {
		run_count_pieces(r);
		run_worker_main(&w[0]);
	} else {
		/* The readers start while this thread counts the pieces' lines. */
		for (i = 0; i < nw; i++) {
			if (pthread_create(&w[i].tid, NULL, run_worker_main,
			    &w[i]) != 0)
				break;
		}
		k = i;
		run_count_pieces(r);
		if (k == 0)
			run_worker_main(&w[0]);
		for (i = 0; i < k; i++)
			pthread_join(w[i].tid, NULL);
	}
	pthread_cond_destroy(&r->counted);
	pthread_mutex_destroy(&r->lock);
	/* Pieces: all parsed, or the file is read whole again. */
	for (i = 0; i < r->nunits; i = first + k) {
		first = i;
		for (k = 0; first + k < r->nunits &&
		    r->units[first + k].file == r->units[first].file; k++)
			;
		if (r->units[first].range == NULL)
			continue;
		for (i = 0; i < k && r->units[first + i].rc == 0; i++)
			;
		if (i < k && !atomic_load(&r->stop_whole))
			run_reread_whole(r, &w[0], first, k);
		else if (i == k) {
			memset(&st, 0, sizeof st);
			for (i = 0; i < k; i++) {
				u = &r->units[first + i];
				read_stats_add(&st, &u->st);
				agg_merge(&aggs[0], u->agg);
			}
			agg_input(&aggs[0], files[r->units[first].file], &st);
			r->units[first].st = st;	/* for the warnings */
			for (i = 1; i < k; i++)
				memset(&r->units[first + i].st, 0,
				    sizeof r->units[first + i].st);
		}
	}
	for (i = 0; i < nw; i++) {
		agg_merge(&r->agg, &aggs[i]);
		agg_free(&aggs[i]);
		occ_vec_free(&w[i].occ);
	}
	free(aggs);
	free(w);
	agg_sort_inputs(&r->agg);
	r->agg.duplicate_ids = read_ids_duplicates(r->ids);

	/* In file order: the first failure, then what each file had to say. */
	r->latest_stop = MOT_TIME_NONE;
	for (i = 0; i < r->nunits; i++) {
		u = &r->units[i];
		if (u->latest > r->latest_stop)
			r->latest_stop = u->latest;
		if (u->rc != 0 && rc == 0 && u->cause != NULL) {
			rc = u->rc;
			*cause = u->cause;
			u->cause = NULL;
		}
	}
	for (i = 0; i < r->nunits && rc == 0; i++) {
		u = &r->units[i];
		for (k = 0; k < u->nshown; k++) {
			if (shown++ < REJECT_SHOWN)
				warnf("%s", u->shown[k]);
		}
		input_warnings(files[u->file], &u->st);
		if (u->occ != NULL && r->o->occ != NULL)
			rc = copy_occ(u->occ, r->o->occ, cause);
	}
	if (rc != 0)
		return (rc);
	/* Each reader kept its latest touchpoint, merged above: --as-of wins. */
	if (r->o->has_as_of) {
		if (r->agg.as_of > r->o->as_of) {
			isotime_format(r->agg.as_of, t0, sizeof t0);
			isotime_format(r->o->as_of, t1, sizeof t1);
			warnf("--as-of %s is earlier than the latest touchpoint "
			    "(%s): the report describes the data as of %s", t1,
			    t0, t1);
		}
		r->agg.as_of = r->o->as_of;
	}
	if (r->agg.journeys_rejected > REJECT_SHOWN)
		warnf("%llu journeys skipped in all (see the report's "
		    "rejections)", (unsigned long long)r->agg.journeys_rejected);
	/* A state keeps the open clocks unclassified: a merge has a later as_of. */
	if (r->o->save_state != NULL && r->agg.journeys_read >
	    r->agg.journeys_rejected && (rc = state_save(r->o->save_state,
	    r->e, &r->agg, cause)) != 0)
		return (rc);
	if ((rc = agg_finish(&r->agg, cause)) != 0)
		return (rc);
	summary_make(&r->sum, r->e, &r->agg);
	r->have_sum = 1;
	if (r->agg.journeys_read == r->agg.journeys_rejected)
		return (no_journey(r, cause));
	find_missing(r);
	for (i = 0; i < r->nmissing && !o_quiet(r); i++)
		warnf("%s", r->missing[i]);
	key_warnings(r);
	return (0);
}

void
run_free(struct run *r)
{
	size_t	i;

	for (i = 0; i < r->nunits; i++)
		run_unit_clear(&r->units[i]);
	free(r->units);
	read_ids_free(r->ids);
	free(r->keep);
	free(r->times);
	for (i = 0; r->splits != NULL && i < r->nfiles; i++)
		split_free(&r->splits[i]);
	free(r->splits);
	if (r->have_sum)
		summary_free(&r->sum);
	if (r->have_agg)
		agg_free(&r->agg);
	xfree_strings(r->missing, r->nmissing);
	tz_free(r->zone);
	expect_free(r->e);
	memset(r, 0, sizeof *r);
}

char **
run_missing(const struct expectations *e, struct agg *a, const char *tag,
    size_t *np)
{
	const struct moment	*m;
	const char		*const *other, **seen, **names;
	const char		*sug[SUGGEST_MAX];
	char			 phrase[3 * (SUGGEST_MAX_LEN + 8) + 32];
	char			**out = NULL;
	size_t			 i, k, n, nout = 0, nother, nseen, nsug, max;

	/* The names the journeys have: the others kept, and the expectations' seen. */
	nother = agg_other_names(a, &other);
	seen = xreallocarray(NULL, nother + e->names.n + 1, sizeof *seen);
	if (nother > 0)		/* an empty table has no keys array */
		memcpy(seen, other, nother * sizeof *seen);
	nseen = nother;
	for (i = 0; i < e->names.n; i++) {
		if (a->name_seen[i] > 0)
			seen[nseen++] = strtab_key(&e->names, i);
	}
	for (i = 0; i < e->nmoments; i++) {
		m = &e->moments[i];
		max = 2 + m->nends;
		names = xreallocarray(NULL, max, sizeof *names);
		n = agg_missing(a, i, names, max);
		for (k = 0; k < n; k++) {
			nsug = suggest_rank(names[k], seen, nseen, sug,
			    SUGGEST_MAX);
			suggest_phrase(phrase, sizeof phrase, sug, nsug);
			out = xreallocarray(out, nout + 1, sizeof *out);
			out[nout++] = xasprintf("%s:%lu: %smoment \"%s\": no "
			    "journey has touchpoint \"%s\"%s", e->path,
			    m->line, tag, m->id, names[k], phrase);
		}
		free(names);
	}
	free(seen);
	*np = nout;
	return (out);
}


/* A moment's touchpoint names no accepted journey has: a typo, most often. */
static void
find_missing(struct run *r)
{
	r->missing = run_missing(r->e, &r->agg, "", &r->nmissing);
}

/*
 * A classifier key no XES event has (every name then has "" in its
 * place), and a --by attribute no journey has (every occurrence is then
 * under "(none)"): a typo, most often.
 */
static void
key_warnings(struct run *r)
{
	const struct agg	*a = &r->agg;
	const char		*spec, *start;
	uint64_t		 events = 0;
	uint32_t		 seen = 0;
	size_t			 i, len;
	unsigned		 nkeys = 0;

	spec = r->o->classifier != NULL ? r->o->classifier : r->e->classifier;
	for (i = 0; i < a->ninputs; i++) {
		events += a->inputs[i].st.events;
		seen |= a->inputs[i].st.classifier_seen;
		if (a->inputs[i].st.classifier_keys > nkeys)
			nkeys = a->inputs[i].st.classifier_keys;
	}
	for (i = 0; events > 0 && i < nkeys && i < 32; i++) {
		if (seen & (uint32_t)1 << i)
			continue;
		if (spec == NULL || read_classifier_key(spec, i, &start,
		    &len) != 0) {
			start = "concept:name";
			len = strlen(start);
		}
		warnf("%s \"%.*s\": no XES event has this key (each "
		    "touchpoint's name has \"\" in its place)",
		    r->o->classifier != NULL ? "--classifier key" :
		    "classifier key", (int)len, start);
	}
	if (a->by_seen == 0 && !agg_by_builtin(r->o->by))
		warnf("--by %s: no journey or touchpoint has this attribute "
		    "(every occurrence is under %s)", r->o->by, AGG_NO_VALUE);
}
