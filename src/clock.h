/* clock.h - finding a moment's occurrences (clocks) in one journey, and scoring them. */
#ifndef MOT_CLOCK_H
#define MOT_CLOCK_H

#include <stddef.h>

#include "expect.h"
#include "journey.h"
#include "score.h"

struct tz;

struct occurrence {
	size_t			 moment;	/* index in the expectations */
	const struct touchpoint	*from;		/* NULL for an @attribute */
	const struct touchpoint	*to;		/* NULL for @attribute or open */
	mot_time		 start;
	mot_time		 stop;		/* MOT_TIME_NONE when open */
	int64_t			 elapsed;	/* microseconds; 0 when open */
	mot_time		 deadline;	/* promised-by, or MOT_TIME_NONE */
	enum status		 status;
	double			 score;		/* 0 unless closed */
};

struct occ_vec {
	struct occurrence	*v;
	size_t			 n;
	size_t			 cap;
};

/* Append the occurrences of moment mi in a time-ordered journey; -1 with *why for a bad @attribute time. */
int	clock_find(const struct expectations *, size_t, const struct journey *,
	    const struct tz *, struct occ_vec *, char *, size_t);
/* Set the status and score of a closed or open occurrence. */
void	clock_score(struct occurrence *, const struct moment *,
	    const struct score_params *);
/* Free an occurrence vector's buffer. */
void	occ_vec_free(struct occ_vec *);

#endif
