/* summary.h - the figures derived from the aggregates, and the ranking: what every report writer shows. */
#ifndef MOT_SUMMARY_H
#define MOT_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "expect.h"

struct cell_sum {
	const char	*value;		/* breakdown value; NULL for the total */
	uint64_t	 n, open, invalid, met, tolerated, breached;
	double		 met_rate, tolerated_rate, breach_rate;	/* NaN if n 0 */
	double		 ci_lo, ci_hi;	/* Wilson 95% of the breach rate */
	double		 within_rate;	/* share within adequate */
	double		 score_mean;
	double		 p50, p90, p95, max;	/* seconds */
	int		 objective_met;	/* 1, 0, or -1 when not decided */
};

struct moment_sum {
	const struct moment	*m;
	size_t			 index;		/* in the expectations */
	size_t			 rank;		/* 1 = weakest */
	double			 weakness;	/* the ranking key */
	uint64_t		 journeys;
	struct cell_sum		 total;
	struct cell_sum		*by;		/* sorted by value */
	size_t			 nby;
	const char		*unseen;	/* a touchpoint never seen, or NULL */
};

struct summary {
	const struct expectations	*e;
	const struct agg		*a;
	struct moment_sum		*ms;	/* in expectations order */
	size_t				*order;	/* indexes into ms, weakest first */
	size_t				 n;
	size_t				*reasons;	/* rejection reasons, by name */
};

/* Derive every figure from the aggregates and rank the moments. */
void	summary_make(struct summary *, const struct expectations *,
	    struct agg *);
/* Free a summary. */
void	summary_free(struct summary *);
/* Write a one-line verdict for a moment. */
void	summary_verdict(const struct moment_sum *, char *, size_t);

#endif
