/* clock.h - finding a moment's occurrences (clocks) in one journey, and scoring them. */
#ifndef MOT_CLOCK_H
#define MOT_CLOCK_H

#include <stddef.h>

#include "expect.h"
#include "journey.h"
#include "score.h"

struct tz;

/* What became of an occurrence's clock. */
enum occ_kind {
	OCC_CLOSED,		/* stopped by its to touchpoint (or attribute) */
	OCC_OPEN,		/* not stopped by as_of */
	OCC_ENDED		/* ended another way: a touchpoint in ends= */
};

struct occurrence {
	size_t			 moment;	/* index in the expectations */
	const struct touchpoint	*from;		/* NULL for an @attribute */
	const struct touchpoint	*to;		/* NULL for @attribute or open */
	mot_time		 start;
	mot_time		 stop;		/* MOT_TIME_NONE when open */
	int64_t			 elapsed;	/* calendar microseconds */
	int64_t			 business;	/* on the moment's own clock */
	int64_t			 adequate;	/* the adequate applied */
	mot_time		 deadline;	/* promised-by, or MOT_TIME_NONE */
	mot_time		 promise;	/* the promise made, or NONE */
	mot_time		 notified;	/* when told of a delay, or NONE */
	enum status		 status;	/* on the moment's own clock */
	enum occ_kind		 kind;		/* breached open or ended ones are censored */
	const struct touchpoint	*ended_by;	/* OCC_ENDED: the touchpoint */
	mot_time		 pivot;		/* OCC_OPEN: business holds the own clock to here */
	int			 paused;	/* OCC_OPEN: paused from pivot on */
	double			 base;		/* zone score, before the rest */
	double			 score;		/* the score */
	int			 promise_broken;
	int			 over_promised;
	int			 failed;	/* breached, or status="failed" */
	int			 recovered;	/* 1 recovered, 2 recovery failed */
	int64_t			 recover_dt;
	enum status		 cust_status;	/* against the customers' zone */
	double			 cust_score;
};

struct occ_vec {
	struct occurrence	*v;
	size_t			 n;
	size_t			 cap;
	const struct touchpoint	**stops;	/* scratch: a moment's stops */
	size_t			 nstops, stops_cap;
	size_t			*head;		/* scratch: by name, first touchpoint */
	size_t			*next;		/* ... and the next with its name */
	size_t			 head_cap, next_cap;
	const struct touchpoint	**ends;		/* scratch: a moment's ends= */
	size_t			 nends, ends_cap;
};

/* Append the occurrences of moment mi in a time-ordered journey; -1 with *why for a bad @attribute time. */
int	clock_find(const struct expectations *, size_t, const struct journey *,
	    const struct tz *, struct occ_vec *, char *, size_t);
/* clock_find for every moment, in order; -1 with *why as clock_find. */
int	clock_find_all(const struct expectations *, const struct journey *,
	    const struct tz *, struct occ_vec *, char *, size_t);
/* Score an occurrence: own clock, zone, promise, waiting, recovery, customers' zone. */
void	clock_score(struct occurrence *, const struct expectations *,
	    const struct journey *);
/* Score an open occurrence that clock_score prepared, against the end of the data: as if it stopped at as_of. */
void	clock_score_open(struct occurrence *, const struct expectations *,
	    mot_time);
/* Working time between two instants on a moment's calendar (24x7 without one). */
int64_t	clock_measure(const struct expectations *, const struct moment *,
	    mot_time, mot_time);
/* Free an occurrence vector's buffer. */
void	occ_vec_free(struct occ_vec *);

#endif
