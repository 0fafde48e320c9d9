/* summary.h - the figures derived from the aggregates, and the ranking: what every report writer shows. */
#ifndef MOT_SUMMARY_H
#define MOT_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "expect.h"

/* An outcome compared between journeys where a moment was breached and met. */
struct outcome_cmp {
	uint64_t	n_breached, n_met;
	double		breached, met;		/* NPS points, or top-2-box share */
	double		delta;			/* breached - met */
	double		ci_lo, ci_hi;		/* 95% */
	double		p;			/* two-sided */
	double		q;			/* Benjamini-Hochberg adjusted */
};

struct cell_sum {
	const char	*value;		/* breakdown value; NULL for the total */
	uint64_t	 n, open, invalid, met, tolerated, breached;
	uint64_t	 ended, open_breached, ended_breached;
	double		 met_rate, tolerated_rate, breach_rate;	/* NaN if n 0 */
	double		 n_eff;		/* journey-clustered effective n */
	double		 ci_lo, ci_hi;	/* Wilson 95% of the breach rate, over n_eff */
	double		 within_rate;	/* share within adequate */
	double		 score_mean;
	double		 score_sd;
	double		 consistency;	/* mean - k sd */
	double		 score_p10, score_p90;
	double		 severity;	/* mean loss of the negative scores */
	/* Kaplan-Meier percentiles: NaN when not reached (summary_unreached). */
	double		 p50, p90, p95;	/* calendar seconds */
	double		 p10;
	double		 max;		/* the longest time seen, stopped or not */
	int		 max_running;	/* ... and it had not stopped */
	double		 p90_p50;	/* p90 / p50, NaN unless both reached */
	double		 business_p50, business_p90, business_p95;
	uint64_t	 timed;		/* times behind them: closed, open, ended */
	uint64_t	 promised;
	double		 promise_broken_rate;
	double		 over_promised_rate;
	double		 promise_late_p50, promise_late_p90;
	int		 has_customer;
	double		 cust_met_rate, cust_tolerated_rate, cust_breach_rate;
	double		 cust_score_mean;
	uint64_t	 failures, recovered, recovery_failed;
	double		 recovery_rate;
	double		 recover_p50;
	uint64_t	 journeys;	/* with a closed occurrence */
	double		 memory_share;
	struct outcome_cmp nps;
	struct outcome_cmp csat;	/* top-2-box share */
	double		 nps_recoverable;
	int		 objective_met;	/* 1, 0, or -1 when not decided */
	int		 rankable;	/* n >= min-n */
	double		 reach;		/* journeys / accepted journeys */
	double		 priority;	/* the moment's ranking key, for this cell */
};

/* The q of one breakdown value's NPS difference, by its place in summary.vorder. */
struct cell_q {
	size_t	pos;
	double	q;
};

/* Breakdown values in ms->by: the largest by occurrences; the rest are summed in ms->other. */
#define SUMMARY_BY_SHOWN	50

struct moment_sum {
	const struct moment	*m;
	size_t			 index;		/* in the expectations */
	size_t			 rank;		/* 1 = weakest */
	double			 reach;		/* share of journeys */
	double			 priority;	/* the ranking key */
	uint64_t		 journeys;
	struct cell_sum		 total;
	struct cell_sum		*by;		/* the largest values, by value */
	size_t			 nby;		/* at most SUMMARY_BY_SHOWN */
	size_t			 nvalues;	/* all the moment's values */
	struct cell_sum		*other;		/* the rest summed, or NULL */
	char			*other_label;	/* "(other: N values)" */
	const char		*unseen;	/* a touchpoint never seen, or NULL */
	struct cell_q		*cq;		/* the values tested, by pos */
	size_t			 ncq;
};

/*
 * One period of a moment's trend: the cohort of occurrences whose clock
 * started in it (scored ones in n, open ones within adequate in open).
 */
struct period_sum {
	int64_t		k;		/* period index, as agg_period_label */
	uint64_t	n, breached, open;
	double		breach_rate;	/* NaN if n 0 */
	double		ci_lo, ci_hi;	/* Wilson 95% of the breach rate */
	int		incomplete;	/* holds open occurrences: may still rise */
	int		small;		/* n < min-n: too few to compare */
};

/* The latest periods of a moment's trend in the text, Markdown and HTML tables (all are in report.json). */
#define SUMMARY_TREND_ROWS	12

/* Trends go by month when the clocks of a run started over more than this many days. */
#define SUMMARY_WEEKLY_DAYS	182

/* The distribution of journey scores. */
struct jdist_sum {
	uint64_t	n;
	double		mean, remembered, peak_end, effort;
	double		p10, p50, p90;
	uint64_t	bins[10];	/* [-1,-0.8), ..., [0.8,1] */
};

struct summary {
	const struct expectations	*e;
	const struct agg		*a;
	struct moment_sum		*ms;	/* in expectations order */
	size_t				*order;	/* indexes into ms, weakest first */
	size_t				 n;
	size_t				*reasons;	/* rejection reasons, by name */
	int				 outcomes;	/* NPS data drove the ranking */
	struct jdist_sum		 jd;
	uint32_t			*vorder;	/* breakdown value indexes, by value */
	size_t				 nvorder;
	struct cell			*scratch;	/* a breakdown cell, replayed */
	uint64_t			 accepted;	/* journeys */
	size_t				 unmatched;	/* moments naming a touchpoint no accepted journey has */
};

/* Derive every figure from the aggregates and rank the moments. */
void	summary_make(struct summary *, const struct expectations *,
	    struct agg *);
/* Free a summary. */
void	summary_free(struct summary *);
/* The rows of a moment's breakdown table: its largest values, then (other) when there is one. */
size_t	summary_rows(const struct moment_sum *);
/* Row i of a moment's breakdown table. */
const struct cell_sum *summary_row(const struct moment_sum *, size_t);
/* The next of all of a moment's breakdown values, by value, from *pos (0 first): 0 after the last. */
int	summary_next_value(const struct summary *, const struct moment_sum *,
	    size_t *, struct cell_sum *);
/* The words for percentile v (q) of c when the Kaplan-Meier curve never reached it: "more than 10% still running" in buf; else NULL. */
const char *summary_unreached(const struct cell_sum *, double, double,
	    char *, size_t);
/* Whether a run's trend goes by month (its starts span more than SUMMARY_WEEKLY_DAYS), else by week. */
int	summary_monthly(const struct agg *);
/* The periods of moment mi's trend, weekly or monthly: the moment's weeks or months. */
const struct periods *summary_periods(const struct summary *, size_t, int);
/* The figures of period index k of a run of periods (zero counts when it holds none). */
void	summary_period(const struct summary *, const struct periods *, int64_t,
	    struct period_sum *);
/* The first period index of a trend table of p: at most SUMMARY_TREND_ROWS before its end. */
int64_t	summary_trend_first(const struct periods *);
/* How a period is marked in words: "incomplete", "small", both, or "". */
const char *summary_period_marks(const struct period_sum *);
/* Whether a breached cell's outcome has answers but too few to compare; if so "too few answers (...)" in the buffer. */
int	summary_too_few(const struct cell_sum *, const struct outcome_cmp *,
	    double, char *, size_t);
/* Write a one-line verdict for a moment. */
void	summary_verdict(const struct moment_sum *, char *, size_t);
/* Adjust p-values for many tests (Benjamini-Hochberg); NaN ones are left out. */
void	bh_adjust(const double *, double *, size_t);

#endif
