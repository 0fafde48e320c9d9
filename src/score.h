/* score.h - the zone-of-tolerance score of one occurrence: pure functions, no I/O. */
#ifndef MOT_SCORE_H
#define MOT_SCORE_H

#include <stdint.h>

/* How an occurrence stands against the zone of tolerance. */
enum status {
	ST_MET,			/* elapsed <= desired */
	ST_TOLERATED,		/* desired < elapsed <= adequate */
	ST_BREACHED,		/* elapsed > adequate */
	ST_OPEN,		/* the clock never stopped */
	ST_INVALID		/* the clock stopped before it started */
};

/* The scoring parameters, overridable in the expectations' <scoring>. */
struct score_params {
	double	desired_score;	/* score at exactly desired (0.6) */
	double	early_bonus;	/* extra score for finishing at once (0.4) */
	double	loss_span;	/* lateness, in adequates, that scores -1 (1) */
};

/* Set the default parameters. */
void	score_params_default(struct score_params *);
/* The status of an elapsed time against desired and adequate (microseconds). */
enum status score_status(int64_t, int64_t, int64_t);
/* The score in [-1, 1] of an elapsed time against desired and adequate. */
double	score_elapsed(int64_t, int64_t, int64_t, const struct score_params *);
/* The name of a status as written in reports. */
const char *score_status_name(enum status);

#endif
