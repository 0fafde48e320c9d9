/* agg.h - aggregates over all journeys: counts, exact sums and sketches per moment and breakdown value. */
#ifndef MOT_AGG_H
#define MOT_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "expect.h"
#include "fmt.h"
#include "journey.h"
#include "jscore.h"
#include "pending.h"
#include "read.h"
#include "sketch.h"
#include "strtab.h"

/* Scores are summed as integers of this unit: exact and independent of order. */
#define SCORE_UNIT	1e-9
/* Units per score point, 1 / SCORE_UNIT (exact in a double, unlike 1e-9). */
#define SCORE_SCALE	1e9
/* Scores in [-1, 1] are also counted in this many equal bins (for bands). */
#define SCORE_BINS	200

/* Survey answers of journeys in one group (where a moment was breached, or not). */
struct survey {
	uint64_t	nps_n, promoters, detractors;
	uint64_t	csat_n, csat_top2;
};

/* The fields every occurrence touches come first; the bins last. */
struct cell {
	uint64_t	n;		/* closed, and open or ended past adequate */
	uint64_t	open;		/* not stopped by as_of, within adequate */
	uint64_t	ended;		/* ended another way, within adequate */
	uint64_t	invalid;	/* stop before start */
	uint64_t	open_breached;	/* of breached: open past adequate at as_of */
	uint64_t	ended_breached;	/* of breached: ended past adequate */
	uint64_t	met;
	uint64_t	tolerated;
	uint64_t	breached;
	int64_t		score_sum;	/* in SCORE_UNIT */
	int64_t		score_sq;	/* squares, in SCORE_UNIT */
	uint64_t	neg_n;		/* negative scores */
	int64_t		neg_sum;	/* their losses, in SCORE_UNIT */
	struct sketch	elapsed;	/* calendar seconds, closed ones */
	struct sketch	business;	/* own-clock seconds, closed ones */
	struct sketch	elapsed_cens;	/* open and ended: seconds so far */
	struct sketch	business_cens;	/* ... on the own clock */
	uint64_t	promised;	/* occurrences with a promise */
	uint64_t	promise_broken;
	uint64_t	over_promised;
	struct sketch	promise_late;	/* seconds late, broken promises */
	uint64_t	cust_met, cust_tolerated, cust_breached;
	int64_t		cust_score_sum;
	uint64_t	failures;
	uint64_t	recovered;
	uint64_t	recovery_failed;
	struct sketch	recover_time;	/* seconds to recover */
	uint64_t	clusters;	/* journeys with an occurrence in n */
	uint64_t	clu_nn;		/* over them: sum of n_j squared */
	uint64_t	clu_bn;		/* sum of breached_j times n_j */
	uint64_t	clu_bb;		/* sum of breached_j squared */
	uint64_t	journeys;	/* journeys with a closed occurrence */
	uint64_t	memory_hits;	/* ... where it is worst or last, < 0 */
	struct survey	s_breached;	/* journeys where it was breached */
	struct survey	s_met;		/* journeys where it was not */
	uint64_t	score_bins[SCORE_BINS];
};

/* The occurrences whose clock started in a period (a cohort), for trends. */
struct period {
	uint64_t	n;		/* scored: as struct cell's n */
	uint64_t	breached;
	uint64_t	open;		/* still open at as_of, within adequate */
};

/* Periods kept per moment: the latest ten years of weeks, twenty of months. */
#define PERIODS_WEEKS	520
#define PERIODS_MONTHS	240

/*
 * Consecutive periods (weeks since 1969-12-29, or months since year 0):
 * at most max, ending with the latest period in which a clock started;
 * the occurrences of earlier periods are folded into before.
 */
struct periods {
	struct period	*v;
	int64_t		 first;		/* index of v[0] */
	size_t		 n;
	size_t		 max;
	struct period	 before;	/* folded: periods before v[0] */
};

/* Bytes of a breakdown cell's log kept in the cell itself. */
#define VCELL_INLINE	24
/* The longest log; past it the cell becomes a full struct cell. */
#define VCELL_LOG_MAX	2048

/*
 * A breakdown cell, compact: a log of the occurrences and journeys added
 * (a few bytes each, replayed into a struct cell when figures are needed:
 * agg_value_cell), in the cell up to VCELL_INLINE bytes; a full cell once
 * the log would pass VCELL_LOG_MAX.
 */
struct vcell {
	union {
		unsigned char	 in[VCELL_INLINE];
		unsigned char	*log;
		struct cell	*full;
	} u;
	uint32_t	nocc;		/* occurrences in the log */
	uint16_t	len;		/* of the log; 0 with cap 0: empty */
	uint16_t	cap;		/* 0: inline; VCELL_FULL: u.full */
};

#define VCELL_FULL	UINT16_MAX
/* Breakdown cells are made this many at a time (128 KiB): no large array is ever grown. */
#define VCELL_CHUNK	4096

/* Windows of stop times counted per moment, after < stop <= until: mot check --burn-rate's long and short, and --history's batch. */
#define AGG_WINDOWS	3
struct agg_window {
	mot_time	after;
	mot_time	until;
};

struct moment_agg {
	struct cell	 total;
	uint64_t	 journeys;	/* accepted journeys it occurred in */
	struct vcell	**chunks;	/* by index in agg.values, VCELL_CHUNK a chunk */
	size_t		  nchunks;
	struct periods	 weeks;		/* by ISO week of the start */
	struct periods	 months;	/* by month of the start */
	int64_t		 last_day;	/* cache: the day of the last start */
	int64_t		 last_month;
	/* Scored occurrences that stopped in each counting window (agg_window_occ); not saved in states. */
	uint64_t	 win_n[AGG_WINDOWS];
	uint64_t	 win_breached[AGG_WINDOWS];
};

/* What one input file held: its format, counts and data-quality figures. */
struct input {
	char		*path;
	const char	*format;
	uint64_t	 bytes;
	int		 gzip;
	struct read_stats st;
};

/* The distribution of journey scores. */
struct jdist {
	uint64_t	n;
	int64_t		sum;		/* J, in SCORE_UNIT */
	int64_t		remembered;	/* R */
	int64_t		peak_end;
	int64_t		effort;
	uint64_t	handoffs, repeats, switches;
	uint64_t	bins[SCORE_BINS];
};

/* A scored occurrence's breakdown value, while a journey is added. */
struct vref {
	size_t		v;		/* index in agg.values, or AGG_NO_INDEX */
	size_t		i;		/* the occurrence */
	int		breached;
};

/* No breakdown value. */
#define AGG_NO_INDEX	SIZE_MAX

struct agg {
	const struct expectations	*e;
	const char			*by;		/* breakdown attribute */
	struct moment_agg		*m;
	struct strtab			 values;	/* breakdown values */
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
	struct jdist			 jd;
	int64_t				 duplicate_ids;	/* -1: not known */
	mot_time			 first_stop;	/* period covered: stops */
	mot_time			 last_stop;
	mot_time			 first_start;	/* starts of the periods' occurrences */
	mot_time			 last_start;
	/* The time the data describes: the latest touchpoint (at, start, end) accepted, or --as-of. */
	mot_time			 as_of;
	struct jscratch			 scratch;
	size_t				*vidx;		/* scratch: by occurrence */
	struct vref			*vrefs;
	struct vref			*orefs;		/* ... its open clocks */
	size_t				 vidx_cap;
	/* Open clocks, classified against as_of by agg_finish. */
	struct pending			 pend;
	int				 finished;
	/* Touchpoint names not in the expectations: the AGG_NAMES_KEEP least (strcmp). */
	struct strtab			 other_names;
	char				*other_limit;	/* none past it is kept; NULL: no limit yet */
	uint64_t			 by_seen;	/* accepted journeys with the breakdown attribute */
};

/*
 * Touchpoint names outside the expectations that a run keeps for "did
 * you mean": the least AGG_NAMES_KEEP by strcmp, exactly, whatever -j,
 * of at most SUGGEST_MAX_LEN bytes; a reader's table holds up to
 * AGG_NAMES_CAP before it is cut back (docs/robustness.md).
 */
#define AGG_NAMES_KEEP	4096
#define AGG_NAMES_CAP	(AGG_NAMES_KEEP + AGG_NAMES_KEEP / 4)

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
/* Count a scored occurrence in the counting windows its stop time falls in (n of them, at most AGG_WINDOWS). */
void	agg_window_occ(struct agg *, const struct occurrence *,
	    const struct agg_window *, size_t);
/* Classify the open clocks against as_of, once every journey is in: 0, or an exit code with *cause. */
int	agg_finish(struct agg *, char **);
/* Add the aggregates of another run over the same expectations and breakdown, moving its breakdown cells: it is only fit for agg_free after. */
void	agg_merge(struct agg *, struct agg *);
/* Order the inputs by name, as one run reads them. */
void	agg_sort_inputs(struct agg *);
/* Record what one input file held. */
void	agg_input(struct agg *, const char *, const struct read_stats *);
/* Whether --by names a value mot derives (channel, week, month), not an attribute; NULL is. */
int	agg_by_builtin(const char *);
/* The breakdown value of an occurrence (NULL without --by): the journey attribute, else the stopping then the starting touchpoint's (docs/report.md); buf holds derived ones. */
const char *agg_value(const struct agg *, const struct journey *,
	    const struct occurrence *, char *, size_t);
/* Count an occurrence of moment mi in the week and month its clock started: scored (breached or not), or open within adequate. */
void	agg_period_occ(struct agg *, size_t, mot_time, int, int);
/* Add n scored occurrences (breached of them) and open ones to period k. */
void	agg_periods_add(struct periods *, int64_t, uint64_t, uint64_t,
	    uint64_t);
/* The label of period i: "2026-W41" for weeks, "2026-10" for months. */
void	agg_period_label(const struct periods *, int, size_t, char *, size_t);
/* Write the ISO week ("2026-W41") or month ("2026-10") of an instant. */
void	agg_week(mot_time, char *, size_t);
void	agg_month(mot_time, char *, size_t);
/* Make an empty cell. */
void	agg_cell_init(struct cell *);
/* Free a cell's sketches. */
void	agg_cell_free(struct cell *);
/* Add the figures of a cell (read from a state) to value's cell of moment mi. */
void	agg_add_cell(struct agg *, size_t, const char *, struct cell *);
/* Whether moment mi has a cell for value index v. */
int	agg_has_value(const struct agg *, size_t, size_t);
/* The breakdown values of moment mi. */
size_t	agg_nvalues(const struct agg *, size_t);
/* The occurrences (closed, open, invalid) of value index v in moment mi. */
uint64_t agg_value_volume(const struct agg *, size_t, size_t);
/* The cell of value index v of moment mi: its full cell, or scratch (made with agg_cell_init) filled. */
struct cell *agg_value_cell(const struct agg *, size_t, size_t, struct cell *);
/* Add the cell of value index v of moment mi to dst. */
void	agg_value_add_to(const struct agg *, size_t, size_t, struct cell *);
/* Whether a moment's own clock is calendar time (24x7, no pauses): one sketch serves. */
int	agg_same_clock(const struct moment *);
/* The clock a moment's zone is judged on: calendar time, or working time with a calendar or pauses. */
enum fmt_clock agg_clock(const struct moment *);
/* The bin of a score in [-1, 1]. */
size_t	agg_score_bin(double);

/* The touchpoint names outside the expectations kept (sorted by strcmp, at most AGG_NAMES_KEEP); valid until the next change. */
size_t	agg_other_names(struct agg *, const char *const **);

/* The touchpoint names moment mi uses (from, to, ends) that no accepted journey had, at most max, each once; returns how many. */
size_t	agg_missing(const struct agg *, size_t, const char **, size_t);

#endif
