/*
 * run.c - one analysis run, shared by the commands: load the expectations,
 * then for each input read one journey at a time, find and score its
 * occurrences, add them to the aggregates and forget the journey; at the
 * end derive the summary. Inputs are read in name order so that results do
 * not depend on the order they were given in.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "log.h"
#include "read.h"
#include "report.h"
#include "run.h"
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

/* One reader's share of a run: its own aggregates and buffers. */
struct worker {
	struct run		*r;
	struct agg		*agg;
	struct occ_vec		 occ;
	FILE			*occ_out;	/* occurrences of the file being read */
	size_t			 file;		/* index of the file being read */
	pthread_t		 tid;
};

/* What reading one file left to say, said in file order after the run. */
struct file_result {
	int			 rc;
	char			*cause;
	struct read_stats	 st;
	char			*shown[REJECT_SHOWN];	/* rejected journeys */
	size_t			 nshown;
	FILE			*occ;		/* occurrences, with -j */
};

static char *
journey_message(const struct journey *j, const char *what)
{
	return (xasprintf("%s:%lu: journey%s%s%s %s: %s", j->file,
	    j->reject_line, j->id != NULL ? " \"" : "",
	    j->id != NULL ? j->id : "", j->id != NULL ? "\"" : "", what,
	    j->reject_detail));
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct worker		*w = arg;
	struct run		*r = w->r;
	const struct run_opts	*o = r->o;
	struct file_result	*fr = &r->results[w->file];
	const char		*value = NULL;
	char			 why[200], buf[32];
	size_t			 i, k;

	if (r->stop)
		return (MOT_EXIT_DATAERR);	/* another reader failed */
	w->occ.n = 0;
	for (i = 0; j->reject == NULL && i < r->e->nmoments; i++) {
		if (clock_find(r->e, i, j, r->zone, &w->occ, why,
		    sizeof why) != 0)
			journey_reject(j, j->line, "bad time", "%s", why);
	}
	if (j->reject != NULL) {
		agg_reject(w->agg, j);
		if (o->strict) {
			*cause = journey_message(j, "rejected (--strict)");
			return (MOT_EXIT_DATAERR);
		}
		if (fr->nshown < REJECT_SHOWN)
			fr->shown[fr->nshown++] = journey_message(j, "skipped");
		return (0);
	}
	for (i = k = 0; i < w->occ.n; i++) {
		clock_score(&w->occ.v[i], r->e, j);
		if (o->keep == NULL || o->keep(&w->occ.v[i], o->keep_arg))
			w->occ.v[k++] = w->occ.v[i];
	}
	w->occ.n = k;
	if (w->occ_out != NULL) {
		for (i = 0; i < w->occ.n; i++) {
			value = agg_value(w->agg, j, &w->occ.v[i], buf,
			    sizeof buf);
			report_occ_row(w->occ_out, j,
			    &r->e->moments[w->occ.v[i].moment], &w->occ.v[i],
			    value);
		}
	}
	agg_journey(w->agg, j, w->occ.v, w->occ.n);
	return (0);
}

/* Read one file into a worker's aggregates. */
static void
read_one(struct worker *w, size_t i)
{
	struct run		*r = w->r;
	struct file_result	*fr = &r->results[i];
	struct read_opts	 ro;

	memset(&ro, 0, sizeof ro);
	ro.zone = r->zone;
	ro.names = &r->e->names;
	ro.classifier = r->o->classifier != NULL ? r->o->classifier :
	    r->e->classifier;
	ro.outcome = &r->e->outcome;
	ro.arg = w;
	w->file = i;
	w->occ_out = r->o->occ;
	if (r->o->occ != NULL && r->njobs > 1) {
		if ((fr->occ = tmpfile()) == NULL) {
			fr->rc = MOT_EXIT_CANTCREAT;
			fr->cause = xasprintf("cannot make a temporary file: %s",
			    strerror(errno));
			r->stop = 1;
			return;
		}
		w->occ_out = fr->occ;
	}
	verbosef("reading %s", r->files[i]);
	fr->rc = read_file(r->files[i], &ro, on_journey, &fr->st, &fr->cause);
	if (fr->rc != 0)
		r->stop = 1;
	else
		agg_input(w->agg, strcmp(r->files[i], "-") == 0 ? "(stdin)" :
		    r->files[i], &fr->st);
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct run	*r = w->r;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->nfiles || r->stop)
			break;
		read_one(w, i);
	}
	return (NULL);
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

/* Copy a file's occurrences into the report, in file order. */
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

int
run_inputs(struct run *r, char **files, size_t n, char **cause)
{
	struct worker	*w;
	struct agg	*aggs;
	size_t		 i, k, shown = 0, nw;
	int		 rc = 0;
	long		 cores;

	xmlin_init();
	r->files = files;
	r->nfiles = n;
	r->results = xcalloc(n + 1, sizeof *r->results);
	r->njobs = r->o->jobs;
	if (r->njobs <= 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		r->njobs = cores > 0 ? (size_t)cores : 1;
	}
	nw = r->njobs < n ? r->njobs : n;
	if (nw == 0)
		nw = 1;
	w = xcalloc(nw, sizeof *w);
	aggs = xcalloc(nw, sizeof *aggs);
	for (i = 0; i < nw; i++) {
		w[i].r = r;
		w[i].agg = &aggs[i];
		agg_init(&aggs[i], r->e, r->o->by);
	}
	if (nw == 1)
		worker_main(&w[0]);
	else {
		pthread_mutex_init(&r->lock, NULL);
		for (i = 0; i < nw; i++) {
			if (pthread_create(&w[i].tid, NULL, worker_main,
			    &w[i]) != 0) {
				errorf("cannot start a thread: reading with %zu",
				    i);
				break;
			}
		}
		k = i;
		if (k == 0)
			worker_main(&w[0]);
		for (i = 0; i < k; i++)
			pthread_join(w[i].tid, NULL);
		pthread_mutex_destroy(&r->lock);
	}
	for (i = 0; i < nw; i++) {
		agg_merge(&r->agg, &aggs[i]);
		agg_free(&aggs[i]);
		occ_vec_free(&w[i].occ);
	}
	free(aggs);
	free(w);
	agg_sort_inputs(&r->agg);

	/* In file order: the first failure, then what each file had to say. */
	for (i = 0; i < n; i++) {
		if (r->results[i].rc != 0 && rc == 0 &&
		    r->results[i].cause != NULL) {
			rc = r->results[i].rc;
			*cause = r->results[i].cause;
			r->results[i].cause = NULL;
		}
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < r->results[i].nshown; k++) {
			if (shown++ < REJECT_SHOWN)
				warnf("%s", r->results[i].shown[k]);
		}
		input_warnings(files[i], &r->results[i].st);
		if (r->results[i].occ != NULL && r->o->occ != NULL)
			rc = copy_occ(r->results[i].occ, r->o->occ, cause);
	}
	if (rc != 0)
		return (rc);
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
	size_t	i, k;

	for (i = 0; r->results != NULL && i < r->nfiles; i++) {
		free(r->results[i].cause);
		for (k = 0; k < r->results[i].nshown; k++)
			free(r->results[i].shown[k]);
		if (r->results[i].occ != NULL)
			fclose(r->results[i].occ);
	}
	free(r->results);
	if (r->have_sum)
		summary_free(&r->sum);
	if (r->have_agg)
		agg_free(&r->agg);
	tz_free(r->zone);
	expect_free(r->e);
	memset(r, 0, sizeof *r);
}
