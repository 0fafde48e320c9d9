/* score.h - the scoring model: zone of tolerance, waiting, recovery, memory, effort. Pure functions, no I/O. */
#ifndef MOT_SCORE_H
#define MOT_SCORE_H

#include <stddef.h>
#include <stdint.h>

/* How an occurrence stands against the zone of tolerance. */
enum status {
	ST_MET,			/* elapsed <= desired */
	ST_TOLERATED,		/* desired < elapsed <= adequate */
	ST_BREACHED,		/* elapsed > adequate */
	ST_OPEN,		/* the clock never stopped */
	ST_INVALID,		/* the clock stopped before it started */
	ST_ENDED		/* the journey ended another way (ends=) */
};

/* Whether an occurrence with this status is scored (met, tolerated or breached). */
static inline int
score_scored(enum status st)
{
	return (st == ST_MET || st == ST_TOLERATED || st == ST_BREACHED);
}

/* The scoring parameters, each overridable in the expectations' <scoring>. */
struct score_params {
	double	desired_score;	/* score at exactly desired (0.6) */
	double	early_bonus;	/* extra score for finishing at once (0.4) */
	double	loss_span;	/* lateness, in adequates, that scores -1 (1) */
	double	notified_before; /* loss kept when told in time (0.5) */
	double	notified_after;	/* loss kept when told late (0.8) */
	double	no_promise;	/* loss multiplier, breached and no promise (1.2) */
	double	recovery_weight; /* share of the gap a recovery closes (0.8) */
	double	recovery_target; /* the score a recovery moves towards (0.6) */
	double	double_deviation; /* extra loss of a failed recovery (0.25) */
	int64_t	recovery_window; /* microseconds (24 h) */
	int	recovery_business_day; /* default window: 1 business day with a calendar */
	double	memory_mean;	/* remembered score weights: 0.4 */
	double	memory_min;	/* 0.3 */
	double	memory_last;	/* 0.2 */
	double	memory_max;	/* 0.1 */
	double	memory_trend;	/* 0.1 */
	double	effort_weight;	/* effort's weight in the journey score (0.3) */
	double	effort_handoff;	/* per hand-off (0.15) */
	double	effort_repeat;	/* per repeat contact (0.25) */
	double	effort_switch;	/* per channel switch (0.10) */
	int64_t	repeat_window;	/* microseconds (7 days) */
	double	consistency;	/* sd penalty of the consistency score (0.5) */
	double	min_n;		/* fewest occurrences to rank a cell (30) */
	double	min_answers;	/* fewest survey answers on each side to compare (10) */
};

/* One entry of the table of parameters: its name in <scoring> and its bounds. */
struct score_param_def {
	const char	*name;
	size_t		 offset;
	int		 is_duration;
	double		 min, max;
	const char	*source;	/* where the default comes from */
};

/* Every parameter, in the order documented; NULL-terminated. */
extern const struct score_param_def score_param_defs[];

/* What a journey looks like as the customer remembers it. */
struct memory {
	double	mean, min, last, max, trend;
	double	remembered;	/* R */
	double	peak_end;	/* (min + last) / 2 */
	size_t	worst, lastpos;	/* positions of the worst and the last */
};

/* Set the default parameters. */
void	score_params_default(struct score_params *);
/* The status of an elapsed time against desired and adequate (microseconds). */
enum status score_status(int64_t, int64_t, int64_t);
/* The score in [-1, 1] of an elapsed time against desired and adequate. */
double	score_elapsed(int64_t, int64_t, int64_t, const struct score_params *);
/* Waiting psychology: scale the loss by notification, promise and revised promise. */
double	score_waiting(double, int, int, int, int, int,
	    const struct score_params *);
/* Service recovery: the score of a failure recovered after dt of a window. */
double	score_recovery(double, int64_t, int64_t, int,
	    const struct score_params *);
/* The remembered score of a journey's scores in time order (n > 0). */
void	score_memory(const double *, size_t, const struct score_params *,
	    struct memory *);
/* The effort penalty of hand-offs, repeat contacts and channel switches. */
double	score_effort(unsigned, unsigned, unsigned, const struct score_params *);
/* The journey score: remembered score less effort, clipped to [-1, 1]. */
double	score_journey(double, double, const struct score_params *);
/* The name of a status as written in reports. */
const char *score_status_name(enum status);

#endif
