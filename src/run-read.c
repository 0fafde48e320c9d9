/*
 * run-read.c - the readers of a run (-j): each takes the next unit of
 * reading, a whole file or a piece of a large plain one (split.c), or a
 * chunk of a compressed one that a reader cuts as it is decompressed
 * (stream.c), reads it through read.c one journey at a time, finds and
 * scores its occurrences and adds them to its own aggregates (a piece's
 * or chunk's own). Pieces and chunks are taken back in file order, so
 * that the results do not depend on -j.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "log.h"
#include "progress.h"
#include "read.h"
#include "read-ids.h"
#include "report.h"
#include "run-int.h"
#include "split.h"
#include "stream.h"
#include "xmalloc.h"

/* Units of reading planned per reader (-j), when files are few. */
#define UNITS_PER_READER	16

/* Journeys counted by a reader before they go to the shared progress count. */
#define PROGRESS_BATCH	1024

/* Chunks held at once (read or not), of all the files being cut, beyond one per reader. */
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

/*
 * Whether a reader that holds held chunks of its file may cut another:
 * its first always (so that every file being cut goes on), then while the
 * run holds fewer than one per reader and STREAM_AHEAD more, whatever the
 * number of files being cut.
 */
static int
chunk_room(struct run *r, size_t held)
{
	int	room;

	pthread_mutex_lock(&r->lock);
	room = held == 0 || r->chunks_held < r->njobs + STREAM_AHEAD;
	pthread_mutex_unlock(&r->lock);
	return (room);
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
	run_unit_clear(c);
	free(c->occ_buf);
	stream_chunk_free(s, c->chunk);
	free(c);
	return (failed ? -1 : 0);
}

/*
 * Read a compressed file with the other readers: cut it into chunks as it
 * is decompressed (stream.c), at most one per reader and STREAM_AHEAD
 * more held at once by all the files being cut (chunk_room), queued for
 * any reader, this one too; take each into the file's
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
		while (!eof && !failed && chunk_room(r, held) &&
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
			r->chunks_held++;
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
			r->chunks_held--;
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
	run_unit_clear(su);
	memset(&su->st, 0, sizeof su->st);
	if (atomic_load(&r->stop)) {
		su->rc = MOT_EXIT_DATAERR;	/* another reader's failure says why */
		return;
	}
	verbosef("%s: read whole again (a chunk did not parse on its own)",
	    path);
	read_unit(w, su);
}

void *
run_worker_main(void *arg)
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

void
run_unit_clear(struct unit *u)
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
void
run_plan_units(struct run *r)
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
void
run_count_pieces(struct run *r)
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
void
run_reread_whole(struct run *r, struct worker *w, size_t first, size_t n)
{
	struct unit	*u = &r->units[first];
	size_t		 k;

	verbosef("%s: read whole again (a piece did not parse on its own)",
	    r->files[u->file]);
	for (k = 0; k < n; k++)
		run_unit_clear(&r->units[first + k]);
	for (k = 1; k < n; k++)
		r->units[first + k].rc = 0;
	u->range = NULL;
	u->rc = 0;
	memset(&u->st, 0, sizeof u->st);
	atomic_store(&r->stop, 0);
	read_unit(w, u);
}
