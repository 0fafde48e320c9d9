/* agg.h - aggregates over all journeys: counts, score sums and sketches per moment and breakdown. */
#ifndef MOT_AGG_H
#define MOT_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "expect.h"
#include "journey.h"
#include "read.h"
#include "sketch.h"
#include "strtab.h"

/* Scores are summed as integers of this unit: exact and independent of order. */
#define SCORE_UNIT	1e-9

struct cell {
	uint64_t	n;		/* closed occurrences */
	uint64_t	open;
	uint64_t	invalid;	/* stop before start */
	uint64_t	met;
	uint64_t	tolerated;
	uint64_t	breached;
	int64_t		score_sum;	/* in SCORE_UNIT */
	struct sketch	elapsed;	/* seconds */
};

struct moment_agg {
	struct cell	 total;
	uint64_t	 journeys;	/* accepted journeys it occurred in */
	struct strtab	 values;	/* breakdown values */
	struct cell	*cells;		/* by value index */
	size_t		 cells_cap;
};

/* What one input file held: its format, counts and data-quality figures. */
struct input {
	char		*path;
	const char	*format;
	uint64_t	 bytes;
	int		 gzip;
	struct read_stats st;
};

struct agg {
	const struct expectations	*e;
	const char			*by;		/* breakdown attribute */
	struct moment_agg		*m;
	uint64_t			 journeys_read;
	uint64_t			 journeys_rejected;
	uint64_t			 touchpoints;
	struct strtab			 reasons;
	uint64_t			*reason_count;
	char				**reason_first;	/* file:line */
	size_t				 reasons_cap;
	uint64_t			*name_seen;	/* by touchpoint name */
	struct input			*inputs;
	size_t				 ninputs;
};

/* The value that stands for a journey without the breakdown attribute. */
#define AGG_NO_VALUE	"(none)"

/* Make empty aggregates for expectations, broken down by an attribute (or NULL). */
void	agg_init(struct agg *, const struct expectations *, const char *);
/* Free aggregates. */
void	agg_free(struct agg *);
/* Count a rejected journey under its reason. */
void	agg_reject(struct agg *, const struct journey *);
/* Add an accepted journey and its scored occurrences. */
void	agg_journey(struct agg *, const struct journey *,
	    const struct occurrence *, size_t);
/* Record what one input file held. */
void	agg_input(struct agg *, const char *, const struct read_stats *);

#endif
