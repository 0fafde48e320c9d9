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
#include "progress.h"
#include "run.h"
#include "state.h"
#include "split.h"
#include "stream.h"
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

/* One reader's share of a run: its own aggregates and buffers. */
struct worker {
	struct run		*r;
	struct agg		*agg;
	struct occ_vec		 occ;
	FILE			*occ_out;	/* occurrences of the unit read */
	struct unit		*cur;		/* the unit being read */
	uint64_t		 seen;		/* journeys not yet in the progress count */
	pthread_t		 tid;
};

/* Units of reading planned per reader (-j), when files are few. */
#define UNITS_PER_READER	16

/* Journeys counted by a reader before they go to the shared progress count. */
#define PROGRESS_BATCH	1024

/* A unit of reading: a whole file, or a piece of one (-j). */
struct unit {
	size_t			 file;
	const struct xmlin_range *range;	/* NULL: the whole file */
	struct agg		*agg;		/* a piece's own aggregates */
	int			 rc;
	char			*cause;
	struct read_stats	 st;
	char			*shown[REJECT_SHOWN];	/* rejected journeys */
	size_t			 nshown;
	FILE			*occ;		/* occurrences, with -j */
	int			 ready;		/* its lines are known */
	mot_time		 latest;	/* latest stop time read */
	/* A split file's first piece: the file's ids, until all pieces parsed. */
	struct read_ids		*ids;
	size_t			 left;		/* pieces not read yet */
	int			 failed;	/* a piece did not parse */
	int			 stream;	/* a compressed file: cut as it is read */
	/* A chunk of such a file (stream.c), not in the run's units: */
	struct unit		*of;		/* the file's unit */
	struct stream_chunk	*chunk;
	char			*occ_buf;	/* its occurrences, in memory */
	size_t			 occ_len;
	int			 done;		/* parsed (or dropped) */
	struct unit		*queued;	/* the next in the run's queue */
	struct unit		*order;		/* the next of the file's */
};

/* Chunks of a file held at once (read or not) beyond one per reader. */
#define STREAM_AHEAD	1

/* The first unit of the file a piece is of. */
static struct unit *
first_piece(struct run *r, struct unit *u)
{
	return (u - (u->range - r->splits[u->file].pieces));
}

static char *
journey_message(const struct journey *j, const char *what)
{
	char	col[16] = "";

	if (j->reject_col > 0)
		snprintf(col, sizeof col, ":%u", j->reject_col);
	return (xasprintf("%s:%lu%s: journey%s%s%s %s: %s", j->file,
	    j->reject_line, col, j->id != NULL ? " \"" : "",
	    j->id != NULL ? j->id : "", j->id != NULL ? "\"" : "", what,
	    j->reject_detail));
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct worker		*w = arg;
	struct run		*r = w->r;
	const struct run_opts	*o = r->o;
	struct unit		*u = w->cur;
	struct agg		*agg = u->agg != NULL ? u->agg : w->agg;
	const char		*value = NULL;
	char			 why[200], buf[32];
	size_t			 i, k;

	if (atomic_load_explicit(&r->stop, memory_order_relaxed))
		return (MOT_EXIT_DATAERR);	/* another reader failed */
	if (++w->seen == PROGRESS_BATCH) {	/* a shared counter: not per journey */
		progress_journeys(w->seen);
		w->seen = 0;
	}
	w->occ.n = 0;
	if (j->reject == NULL && clock_find_all(r->e, j, r->zone, &w->occ,
	    why, sizeof why) != 0)
		journey_reject(j, j->line, "bad time", "%s", why);
	if (j->reject != NULL) {
		agg_reject(agg, j);
		if (o->strict) {
			*cause = journey_message(j, "rejected (--strict)");
			return (MOT_EXIT_DATAERR);
		}
		if (u->nshown < REJECT_SHOWN)
			u->shown[u->nshown++] = journey_message(j, "skipped");
		return (0);
	}
	for (i = k = 0; i < w->occ.n; i++) {
		clock_score(&w->occ.v[i], r->e, j);
		if (w->occ.v[i].stop > u->latest)	/* MOT_TIME_NONE is least */
			u->latest = w->occ.v[i].stop;
		if (o->nwindows > 0)
			agg_window_occ(agg, &w->occ.v[i], o->windows,
			    o->nwindows);
		if (o->keep != NULL && !o->keep(&w->occ.v[i], o->keep_arg))
			continue;
		if (k != i)
			w->occ.v[k] = w->occ.v[i];
		k++;
	}
	w->occ.n = k;
	if (w->occ_out != NULL) {
		for (i = 0; i < w->occ.n; i++) {
			value = agg_value(agg, j, &w->occ.v[i], buf,
			    sizeof buf);
			report_occ_row(w->occ_out, j,
			    &r->e->moments[w->occ.v[i].moment], &w->occ.v[i],
			    value);
		}
	}
	agg_journey(agg, j, w->occ.v, w->occ.n);
	return (0);
}

/* Read one unit: a file into the worker's aggregates, a piece or chunk into its own. */
static void
read_unit(struct worker *w, struct unit *u)
{
	struct run		*r = w->r;
	struct read_opts	 ro;
	const char		*path = r->files[u->file];

	memset(&ro, 0, sizeof ro);
	ro.zone = r->zone;
	ro.names = &r->e->names;
	ro.classifier = r->o->classifier != NULL ? r->o->classifier :
	    r->e->classifier;
	ro.outcome = &r->e->outcome;
	ro.ids = u->of != NULL ? u->of->ids : u->range != NULL ?
	    first_piece(r, u)->ids : r->ids;
	ro.keep_attrs = r->keep;
	ro.time_attrs = r->times;
	/* Channels serve --by channel and channel switches between contacts. */
	ro.no_channel = !r->e->has_contacts && (r->o->by == NULL ||
	    strcmp(r->o->by, "channel") != 0);
	/* No figure reads a touchpoint's actor, but --by actor. */
	ro.no_actor = r->o->by == NULL || strcmp(r->o->by, "actor") != 0;
	ro.tp_attr = agg_by_builtin(r->o->by) ? NULL : r->o->by;
	ro.csv = r->e->csv;
	ro.ocel = r->e->ocel;
	ro.format_in = r->o->format_in;
	ro.memory = r->o->memory != 0 ? r->o->memory : READ_MEMORY;
	ro.arg = w;
	w->cur = u;
	w->occ_out = r->o->occ;
	if (r->o->occ != NULL && u->of != NULL) {	/* a chunk's, in memory */
		if ((u->occ = open_memstream(&u->occ_buf, &u->occ_len)) ==
		    NULL) {
			u->rc = MOT_EXIT_SOFTWARE;
			u->cause = xasprintf("cannot keep occurrences: %s",
			    strerror(errno));
			atomic_store(&r->stop, 1);
			return;
		}
		w->occ_out = u->occ;
	} else if (r->o->occ != NULL && r->nunits > 1) {
		if ((u->occ = tmpfile()) == NULL) {
			u->rc = MOT_EXIT_CANTCREAT;
			u->cause = xasprintf("cannot make a temporary file: %s",
			    strerror(errno));
			atomic_store(&r->stop, 1);
			return;
		}
		w->occ_out = u->occ;
	}
	if (u->of == NULL)
		verbosef("reading %s%s", path, u->range != NULL ?
		    " (a piece)" : "");
	if (u->range != NULL && u->range->line_delta == SPLIT_NO_LINES) {
		u->rc = MOT_EXIT_IOERR;	/* its lines were not counted */
		u->cause = xasprintf("%s: cannot count its lines", path);
		return;
	}
	u->rc = read_range(path, u->range, &ro, on_journey, &u->st, &u->cause);
	progress_journeys(w->seen);
	w->seen = 0;
	if (u->rc != 0 && u->range == NULL) {
		atomic_store(&r->stop_whole, 1);
		atomic_store(&r->stop, 1);	/* a piece is retried whole */
	} else if (u->rc == 0 && u->range == NULL)
		agg_input(w->agg, strcmp(path, "-") == 0 ? "(stdin)" : path,
		    &u->st);
}

/*
 * A piece was read. The file's ids join the run's once its last piece is
 * read, if all parsed: a file read whole again counts only that read's,
 * and no more than the files being read keep a set of their own.
 */
static void
piece_done(struct run *r, size_t i)
{
	struct unit	*f = first_piece(r, &r->units[i]);
	int		 all;

	pthread_mutex_lock(&r->lock);
	if (r->units[i].rc != 0)
		f->failed = 1;
	all = --f->left == 0 && !f->failed;
	pthread_mutex_unlock(&r->lock);
	if (all) {	/* the file's other pieces are done with its set */
		read_ids_add(r->ids, f->ids);
		read_ids_free(f->ids);
		f->ids = NULL;
	}
}

static void	unit_clear(struct unit *);

/* The next chunk in the run's queue, or NULL; with the lock held. */
static struct unit *
chunk_take(struct run *r)
{
	struct unit	*c = r->chunk_head;

	if (c != NULL && (r->chunk_head = c->queued) == NULL)
		r->chunk_tail = NULL;
	return (c);
}

/* Parse a chunk, then say so to the reader that cut it. */
static void
chunk_read(struct worker *w, struct unit *c)
{
	struct run	*r = w->r;

	read_unit(w, c);
	pthread_mutex_lock(&r->lock);
	c->done = 1;
	pthread_cond_broadcast(&r->counted);
	pthread_mutex_unlock(&r->lock);
}

/* A file's cutting is over: readers that wait for its chunks need not. */
static void
stream_over(struct run *r)
{
	pthread_mutex_lock(&r->lock);
	r->streams--;
	pthread_cond_broadcast(&r->counted);
	pthread_mutex_unlock(&r->lock);
}

/* Take a parsed chunk into its file's unit, in file order, and free it; -1 if it failed. */
static int
chunk_fold(struct stream *s, struct unit *su, struct unit *c, int failed)
{
	size_t	k;

	if (c->rc != 0 || failed) {
		failed = 1;
	} else {
		read_stats_add(&su->st, &c->st);
		agg_merge(su->agg, c->agg);
		for (k = 0; k < c->nshown; k++) {
			if (su->nshown < REJECT_SHOWN)
				su->shown[su->nshown++] = c->shown[k];
			else
				free(c->shown[k]);
		}
		c->nshown = 0;
		if (c->latest > su->latest)
			su->latest = c->latest;
		if (c->occ != NULL && (fflush(c->occ) != 0 || fwrite(c->occ_buf,
		    1, c->occ_len, su->occ) != c->occ_len))
			failed = 1;
	}
	unit_clear(c);
	free(c->occ_buf);
	stream_chunk_free(s, c->chunk);
	free(c);
	return (failed ? -1 : 0);
}

/*
 * Read a compressed file with the other readers: cut it into chunks as it
 * is decompressed (stream.c), one per reader and STREAM_AHEAD more held
 * at once, queued for any reader, this one too; take each into the file's
 * unit in file order once parsed. If it cannot be cut, or a chunk does not
 * parse on its own, the file is read whole (which says what is wrong).
 */
static void
stream_read(struct worker *w, struct unit *su)
{
	struct run		*r = w->r;
	const char		*path = r->files[su->file];
	struct stream		*s = NULL;
	struct stream_chunk	*sc;
	struct unit		*head = NULL, **tail = &head, *c;
	size_t			 held = 0;
	char			*cause = NULL;
	int			 rc, failed = 0, eof = 0;

	/* Occurrences wait in a file: a chunk that fails leaves none out. */
	if (stream_open(&s, path, STREAM_CHUNK, &cause) == 0 &&
	    r->o->occ != NULL && (su->occ = tmpfile()) == NULL) {
		stream_close(s);
		s = NULL;
	}
	if (s == NULL) {	/* read whole, which says what is wrong */
		free(cause);
		stream_over(r);
		read_unit(w, su);
		return;
	}
	verbosef("reading %s (cut as it is decompressed)", path);
	su->agg = xcalloc(1, sizeof *su->agg);
	agg_init(su->agg, r->e, r->o->by);
	su->ids = read_ids_new();
	for (;;) {
		while (!eof && !failed && held < r->njobs + STREAM_AHEAD &&
		    !atomic_load(&r->stop)) {
			if ((rc = stream_next(s, &sc, &cause)) <= 0) {
				failed = rc < 0;
				free(cause);
				cause = NULL;
				eof = 1;
				break;
			}
			c = xcalloc(1, sizeof *c);
			c->file = su->file;
			c->of = su;
			c->chunk = sc;
			c->range = &sc->range;
			c->latest = MOT_TIME_NONE;
			c->agg = xcalloc(1, sizeof *c->agg);
			agg_init(c->agg, r->e, r->o->by);
			*tail = c;
			tail = &c->order;
			held++;
			pthread_mutex_lock(&r->lock);
			if (r->chunk_tail != NULL)
				r->chunk_tail->queued = c;
			else
				r->chunk_head = c;
			r->chunk_tail = c;
			pthread_cond_broadcast(&r->counted);
			pthread_mutex_unlock(&r->lock);
		}
		pthread_mutex_lock(&r->lock);
		if (head != NULL && head->done) {
			c = head;
			if ((head = c->order) == NULL)
				tail = &head;
			held--;
			pthread_mutex_unlock(&r->lock);
			if (chunk_fold(s, su, c, failed) != 0)
				failed = 1;
			continue;
		}
		if (head == NULL && (eof || failed || atomic_load(&r->stop))) {
			pthread_mutex_unlock(&r->lock);
			break;
		}
		if ((c = chunk_take(r)) != NULL) {
			pthread_mutex_unlock(&r->lock);
			if (c->of == su && (failed || atomic_load(&r->stop)))
				c->rc = MOT_EXIT_DATAERR;	/* not read */
			if (c->rc == 0)
				chunk_read(w, c);
			else {
				pthread_mutex_lock(&r->lock);
				c->done = 1;
				pthread_mutex_unlock(&r->lock);
			}
			continue;
		}
		pthread_cond_wait(&r->counted, &r->lock);
		pthread_mutex_unlock(&r->lock);
	}
	stream_over(r);
	if (!failed && !atomic_load(&r->stop)) {
		stream_stats(s, &su->st.io);
		stream_close(s);
		agg_merge(w->agg, su->agg);
		agg_free(su->agg);
		free(su->agg);
		su->agg = NULL;
		agg_input(w->agg, path, &su->st);
		read_ids_add(r->ids, su->ids);
		read_ids_free(su->ids);
		su->ids = NULL;
		return;
	}
	stream_close(s);
	unit_clear(su);
	memset(&su->st, 0, sizeof su->st);
	if (atomic_load(&r->stop)) {
		su->rc = MOT_EXIT_DATAERR;	/* another reader's failure says why */
		return;
	}
	verbosef("%s: read whole again (a chunk did not parse on its own)",
	    path);
	read_unit(w, su);
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct run	*r = w->r;
	struct unit	*c;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		for (;;) {
			if ((c = chunk_take(r)) != NULL)
				break;
			i = r->next;
			if (i < r->nunits && r->units[i].ready) {
				r->next++;
				if (r->units[i].stream)
					r->streams++;
				break;
			}
			if (i >= r->nunits && r->streams == 0)
				break;
			pthread_cond_wait(&r->counted, &r->lock);
		}
		pthread_mutex_unlock(&r->lock);
		if (c != NULL) {
			chunk_read(w, c);
			continue;
		}
		if (i >= r->nunits)
			break;
		if (atomic_load(&r->stop)) {
			if (r->units[i].stream)
				stream_over(r);
			break;
		}
		if (r->units[i].stream)
			stream_read(w, &r->units[i]);
		else
			read_unit(w, &r->units[i]);
		if (r->units[i].range != NULL)
			piece_done(r, i);
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

static void
unit_clear(struct unit *u)
{
	size_t	k;

	free(u->cause);
	u->cause = NULL;
	for (k = 0; k < u->nshown; k++)
		free(u->shown[k]);
	u->nshown = 0;
	if (u->occ != NULL)
		fclose(u->occ);
	u->occ = NULL;
	if (u->agg != NULL) {
		agg_free(u->agg);
		free(u->agg);
		u->agg = NULL;
	}
	read_ids_free(u->ids);
	u->ids = NULL;
	u->latest = MOT_TIME_NONE;
}


/* Plan the units: whole files, and large plain files in pieces when readers would idle. */
static void
plan_units(struct run *r)
{
	struct read_opts	fo;
	size_t			i, k, want;
	int			stream;

	r->splits = xcalloc(r->nfiles + 1, sizeof *r->splits);
	r->units = NULL;
	r->nunits = 0;
	/*
	 * With several readers, about UNITS_PER_READER units each, so that
	 * they finish together: a reader that is done early takes the next
	 * piece instead of waiting for the others.
	 */
	want = 1;
	if (r->njobs > 1)
		want = (UNITS_PER_READER * r->njobs + r->nfiles - 1) / r->nfiles;
	memset(&fo, 0, sizeof fo);
	fo.format_in = r->o->format_in;
	fo.csv = r->e->csv;
	fo.ocel = r->e->ocel;
	fo.zone = r->zone;
	fo.memory = r->o->memory;
	for (i = 0; i < r->nfiles; i++) {
		k = read_plan(r->files[i], &fo, want, &r->splits[i]);
		/* A compressed journeys file or XES log is cut as it is read. */
		stream = want > 1 && k == 1 && strcmp(r->files[i], "-") != 0 &&
		    !read_is_csv(r->files[i], &fo) &&
		    !read_is_ocel(r->files[i], &fo);
		if (want > 1 && k == 1 && !stream)
			verbosef("%s: read by one reader (not a plain file "
			    "large enough to split)", r->files[i]);
		r->units = xreallocarray(r->units, r->nunits + k,
		    sizeof *r->units);
		for (; k > 0; k--) {
			memset(&r->units[r->nunits], 0, sizeof *r->units);
			r->units[r->nunits].file = i;
			r->units[r->nunits].latest = MOT_TIME_NONE;
			r->units[r->nunits].stream = stream;
			/* A piece waits for the lines before it to be counted. */
			r->units[r->nunits].ready = r->splits[i].n == 0 ||
			    k == r->splits[i].n;
			if (r->splits[i].n > 0) {
				r->units[r->nunits].range =
				    &r->splits[i].pieces[r->splits[i].n - k];
				r->units[r->nunits].agg = xcalloc(1,
				    sizeof (struct agg));
				agg_init(r->units[r->nunits].agg, r->e,
				    r->o->by);
			}
			if (k == r->splits[i].n) {	/* the first piece */
				r->units[r->nunits].ids = read_ids_new();
				r->units[r->nunits].left = k;
			}
			r->nunits++;
		}
	}
}

/* What split_count's callback needs: the run, and the file's first unit. */
struct counting {
	struct run	*r;
	size_t		 first;
};

static void
piece_counted(void *arg, size_t k)
{
	struct counting	*c = arg;

	pthread_mutex_lock(&c->r->lock);
	c->r->units[c->first + k].ready = 1;
	pthread_cond_broadcast(&c->r->counted);
	pthread_mutex_unlock(&c->r->lock);
}

/* Count the lines before each piece of every split file, in file order. */
static void
count_pieces(struct run *r)
{
	struct counting	c;
	size_t		i;

	c.r = r;
	for (i = 0; i < r->nunits; i++) {
		if (r->units[i].range == NULL ||
		    r->units[i].range != &r->splits[r->units[i].file].pieces[0])
			continue;
		c.first = i;
		split_count(r->files[r->units[i].file],
		    &r->splits[r->units[i].file], piece_counted, &c);
	}
}

/* Whole again, in this thread: a file whose pieces did not all parse. */
static void
reread_whole(struct run *r, struct worker *w, size_t first, size_t n)
{
	struct unit	*u = &r->units[first];
	size_t		 k;

	verbosef("%s: read whole again (a piece did not parse on its own)",
	    r->files[u->file]);
	for (k = 0; k < n; k++)
		unit_clear(&r->units[first + k]);
	for (k = 1; k < n; k++)
		r->units[first + k].rc = 0;
	u->range = NULL;
	u->rc = 0;
	memset(&u->st, 0, sizeof u->st);
	atomic_store(&r->stop, 0);
	read_unit(w, u);
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
	plan_units(r);
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
		count_pieces(r);
		worker_main(&w[0]);
	} else {
		/* The readers start while this thread counts the pieces' lines. */
		for (i = 0; i < nw; i++) {
			if (pthread_create(&w[i].tid, NULL, worker_main,
			    &w[i]) != 0)
				break;
		}
		k = i;
		count_pieces(r);
		if (k == 0)
			worker_main(&w[0]);
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
			reread_whole(r, &w[0], first, k);
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
		unit_clear(&r->units[i]);
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
