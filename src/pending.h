/* pending.h - open clocks kept until the end of the data (as_of) is known: compact records, spilled to a temporary file past a budget. */
#ifndef MOT_PENDING_H
#define MOT_PENDING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "isotime.h"

/* Bytes of records a run keeps in memory before it spills them (each is about 20). */
#define PENDING_BUDGET	(4 * 1024 * 1024)
/* No breakdown value. */
#define PENDING_NO_VALUE	SIZE_MAX

/*
 * One open clock: what clock_score_open needs, and the journey cluster it
 * belongs to. A journey's open clocks of one moment come one after the
 * other, by breakdown value; the first of them carries the journey's
 * occurrences of the moment already in n (n0, b0 breached), the first of
 * each value those of the value (n0v, b0v).
 */
struct pend_rec {
	size_t		 moment;
	size_t		 value;		/* index in agg.values, or PENDING_NO_VALUE */
	int		 new_total;	/* the first of its journey and moment */
	int		 new_value;	/* ... and of its value */
	uint64_t	 n0, b0;
	uint64_t	 n0v, b0v;
	mot_time	 start;
	mot_time	 pivot;		/* the own clock is known up to here */
	int64_t		 so_far;	/* own clock from start to pivot */
	int		 paused;	/* paused from pivot on */
	int64_t		 adequate;	/* on the own clock, promised-by applied */
	mot_time	 deadline;	/* promised-by, or MOT_TIME_NONE */
	int		 over_promised;
};

struct pending {
	unsigned char	*buf;
	size_t		 len, cap;
	size_t		 budget;	/* spill past this many bytes */
	FILE		*spill;		/* blocks of records, or NULL */
	uint64_t	 n;		/* records */
	int		 err;		/* errno of the first failure, or 0 */
};

/* Make an empty set of records that spills past budget bytes. */
void	pending_init(struct pending *, size_t);
/* Free the records and the spill file. */
void	pending_free(struct pending *);
/* Add a record (after a failure to spill, records are dropped and err kept). */
void	pending_add(struct pending *, const struct pend_rec *);
/* Call fn for every record in the order added; 0, or fn's nonzero, or -1 with errno on a read failure. */
int	pending_each(const struct pending *, int (*)(const struct pend_rec *, void *),
	    void *);
/* Move s's records to the end of d, values renumbered through map (NULL: kept). */
void	pending_move(struct pending *, struct pending *, const size_t *);

#endif
