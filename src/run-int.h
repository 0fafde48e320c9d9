/* run-int.h - what run.c and run-read.c share: the readers (-j) and the units of reading they take. */
#ifndef MOT_RUN_INT_H
#define MOT_RUN_INT_H

#include <pthread.h>
#include <stdio.h>

#include "clock.h"
#include "read.h"
#include "run.h"

struct stream_chunk;

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

/* Plan the units: whole files, large plain files in pieces, compressed ones cut as they are read. */
void	run_plan_units(struct run *);
/* A reader: takes chunks, then units in order, until all are read. */
void	*run_worker_main(void *);
/* Count the lines before each piece of every split file, in file order. */
void	run_count_pieces(struct run *);
/* Read a file whose pieces did not all parse whole again, on this thread. */
void	run_reread_whole(struct run *, struct worker *, size_t, size_t);
/* Free what a unit holds, leaving it as planned. */
void	run_unit_clear(struct unit *);

#endif
