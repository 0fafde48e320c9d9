/* check.h - mot check's decisions: objectives against a Wilson bound, error budgets, regressions against a baseline. Pure: no I/O. */
#ifndef MOT_CHECK_H
#define MOT_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "fmt.h"

/* Worst last: the status of a group is the highest of its members. */
enum check_status {
	CHECK_SKIP,		/* not decided: too few data, nothing to check */
	CHECK_PASS,
	CHECK_WARN,		/* below, but within noise; exit status unchanged */
	CHECK_FAIL
};
#define CHECK_NSTATUS	4

enum check_kind {
	CHECK_OBJECTIVE,	/* within-adequate share against the objective */
	CHECK_BREACH_RATE,	/* breach rate against the baseline's */
	CHECK_P90,		/* p90 elapsed against the baseline's */
	CHECK_BURN_RATE		/* error-budget burn rate over two windows */
};
#define CHECK_NKINDS	4

/* Why a check came out as it did: what its message says. */
enum check_why {
	CHECK_WHY_MET,		/* objective: the share meets it */
	CHECK_WHY_NOISE,	/* objective: below, but the interval reaches it */
	CHECK_WHY_MISSED,	/* objective: the whole interval is below it */
	CHECK_WHY_NO_OBJECTIVE,	/* the moment has no objective */
	CHECK_WHY_FEW,		/* fewer occurrences than the minimum */
	CHECK_WHY_FEW_BASELINE,	/* the baseline had fewer than the minimum */
	CHECK_WHY_NEW,		/* the moment is not in the baseline */
	CHECK_WHY_VANISHED,	/* the moment is in the baseline only */
	CHECK_WHY_STABLE,	/* no significant or no large enough rise */
	CHECK_WHY_REGRESSED,	/* a significant rise beyond the threshold */
	CHECK_WHY_NO_BASE_P90,	/* the baseline's p90 is 0 or missing */
	CHECK_WHY_P90_RUNNING,	/* this run's p90 not reached: more than 10% still running */
	CHECK_WHY_BURN_FEW,	/* burn rate: the long window has fewer than the minimum */
	CHECK_WHY_BURN_EMPTY,	/* burn rate: no occurrence in the short window */
	CHECK_WHY_NO_BUDGET,	/* burn rate: an objective of 100% allows no breach */
	CHECK_WHY_BURN_SLOW,	/* burn rate: not both windows above the threshold */
	CHECK_WHY_BURNING,	/* burn rate: both windows above the threshold */
	CHECK_WHY_MISSING,	/* the moment names a touchpoint no journey has (--allow-missing) */
	CHECK_WHY_P90_NOISE	/* p90 past the limit, but not beyond sampling noise */
};

struct check_params {
	uint64_t	min_n;		/* fewest occurrences to decide (30) */
	double		alpha;		/* false discovery rate of the regression tests (0.05) */
	double		min_change;	/* smallest breach-rate rise that fails (0.02) */
	double		max_p90_increase; /* largest relative p90 rise that passes (0.20) */
	int		strict_objectives; /* an objective warning fails */
	int		fail_on_warning; /* every warning fails */
	int		burn_rate;	/* --burn-rate: check the windows' burn rates */
	double		burn_threshold;	/* both windows above it fail (2) */
};

/* The figures of one moment in one run (this one or the baseline). */
struct check_moment {
	const char	*id;
	const char	*name;
	double		 objective;	/* < 0 when none */
	double		 adequate_s;	/* NaN when not known */
	uint64_t	 n;		/* closed occurrences */
	uint64_t	 breached;
	double		 n_eff;		/* journey-clustered; 0: n */
	double		 p90;		/* seconds; NaN when none or not reached */
	double		 p90_floor;	/* not reached: it is above this (the longest seen); else 0 */
	enum fmt_clock	 clock;		/* adequate's: the moment's own clock */
	/* --burn-rate: scored occurrences that stopped in the long (0) and short (1) windows */
	uint64_t	 win_n[2];
	uint64_t	 win_breached[2];
	const char	*missing;	/* a touchpoint it names that no journey has, or NULL */
	/* This run at the baseline's p90 t0, for the p90 test (cmd-check.c); 0 when not known. */
	uint64_t	 p90_timed;	/* occurrences with a time: closed, open or ended */
	uint64_t	 p90_above;	/* k: known past t0 (closed after it, running at or past it) */
	uint64_t	 p90_cens_before; /* running at a time before t0: side of t0 unknown */
	double		 p90_surv;	/* Kaplan-Meier S(t0) */
	double		 p90_var;	/* its Greenwood variance */
	/* --history: the runs of the sequence, all batches summed (this one's too) */
	int		 has_seq;
	uint64_t	 seq_n;
	uint64_t	 seq_breached;
	size_t		 seq_runs;
};

/* The error budget, Occurrences method: bad events allowed by the objective. */
struct check_budget {
	double		 allowed;	/* (1 - objective) x n */
	uint64_t	 spent;		/* breached occurrences */
	double		 spent_share;	/* spent / allowed; NaN when allowed is 0 */
	double		 remaining;	/* allowed - spent; negative when overspent */
	double		 burn_rate;	/* breach rate / (1 - objective); NaN when undefined */
};

struct check_item {
	enum check_kind		 kind;
	enum check_status	 status;
	enum check_why		 why;
	int			 promoted;	/* a warning made a failure */
	/* objective */
	double			 within;	/* (n - breached) / n */
	double			 lo, hi;	/* its 95% Wilson interval */
	/* breach rate: baseline (0) and this run (1) */
	double			 rate0, rate1, change;
	double			 z, p, q;	/* q: p adjusted (Benjamini-Hochberg) */
	/* p90 */
	double			 p90_0, p90_1, increase;
	/* burn rate: the long (0) and short (1) windows */
	uint64_t		 win_n[2], win_breached[2];
	double			 win_rate[2];	/* breach rate; NaN with no occurrence */
	double			 burn[2];	/* win_rate / (1 - objective); NaN when undefined */
	double			 threshold;	/* both above it fail */
	/* p90 test (z, p, q above): the exact beta-binomial, or Kaplan-Meier's z */
	int			 p90_km;	/* 1: censored before t0, Kaplan-Meier */
	uint64_t		 above, timed, cens_before;	/* k, n, unknown side */
	uint64_t		 base_timed;	/* n0: the baseline's times its p90 is one of */
	double			 surv, surv_se;	/* Kaplan-Meier S(t0) and Greenwood's se */
	/* objective decided by the confidence sequence of --history */
	int			 seq;
	uint64_t		 seq_n, seq_breached;
	size_t			 seq_runs;
	double			 seq_within;	/* (seq_n - seq_breached) / seq_n */
	double			 seq_lo, seq_hi; /* its confidence sequence */
};

struct check_row {
	const struct check_moment *cur;		/* NULL: vanished */
	const struct check_moment *base;	/* NULL: new, or no baseline */
	enum check_status	 status;	/* the worst of its items */
	int			 has_budget;
	struct check_budget	 budget;
	struct check_item	 item[CHECK_NKINDS];
	size_t			 nitems;
};

struct check_input {
	const struct check_moment *cur;		/* in expectations order */
	size_t			 ncur;
	const struct check_moment *base;	/* any order, unique ids */
	size_t			 nbase;
	int			 have_base;
	int			 same_expectations;	/* the hashes agree */
};

struct check_result {
	struct check_row	*rows;	/* this run's moments, then vanished ones by id */
	size_t			 nrows;
	int			 have_base;
	enum check_status	 base_status;	/* PASS same expectations, WARN (FAIL) not */
	int			 base_promoted;
	size_t			 count[CHECK_NSTATUS];	/* checks by status */
	size_t			 ntests;
	size_t			 nnew, nvanished;
	enum check_status	 status;	/* the worst of all */
};

/* The name of a status: "PASS", "WARN", "FAIL", "SKIP". */
const char *check_status_name(enum check_status);
/* The name of a check: "objective", "breach-rate", "p90", "burn-rate". */
const char *check_kind_name(enum check_kind);
/* The upper tail of the standard normal distribution, P(Z > z). */
double	check_normal_sf(double);
/* One-sided pooled two-proportion z test that k1/n1 exceeds k0/n0; -1 when an n is 0. */
int	check_two_prop(uint64_t, uint64_t, uint64_t, uint64_t, double *,
	    double *);
/* check_two_prop of rates p0 and p1 over effective sample sizes n0 and n1 (journey-clustered). */
int	check_two_prop_eff(double, double, double, double, double *, double *);
/* Benjamini-Hochberg adjusted p-values (q) of m p-values. */
void	check_bh(const double *, size_t, double *);
/* The error budget of n occurrences with some breached, for an objective. */
void	check_budget_make(double, uint64_t, uint64_t, struct check_budget *);
/* Decide a moment's objective check; fills the item, returns its status. */
enum check_status check_objective(const struct check_moment *,
	    const struct check_params *, struct check_item *);
/* A window ending at as_of: calendar months (P1M; years as 12) and exact microseconds (weeks, days of 24 hours, hours, minutes, seconds). */
struct check_span {
	int64_t		months;
	int64_t		us;
};

/* Parse an ISO 8601 window (P28D, PT12H, P1M, P1Y2M10D); 0, or -1 with why written: a bare unit ("28d") is refused with its ISO form. */
int	check_parse_window(const char *, struct check_span *, char *, size_t);
/* The level of the objective's confidence sequence (--history), and the sample size its prior is tuned for. */
#define CHECK_CS_ALPHA	0.05
#define CHECK_CS_T_OPT	1000
/* Decide an objective over its history's runs (m->has_seq): the confidence sequence's upper end against it. */
void	check_objective_seq(const struct check_moment *,
	    const struct check_params *, struct check_item *);
/* Run every check; the result points into the input's moments. */
void	check_run(const struct check_params *, const struct check_input *,
	    struct check_result *);
/* Free a result. */
void	check_result_free(struct check_result *);
/* The start (excluded) of a window that ends at as_of: as_of less its months on the UTC calendar (the day kept, or the month's last), less its microseconds. */
int64_t	check_span_start(const struct check_span *, int64_t);
/* Whether the first window is longer than the second whatever date they end at. */
int	check_span_longer(const struct check_span *, const struct check_span *);
/* Decide a moment's burn-rate check over its two windows; fills the item, returns its status. */
enum check_status check_burn_rate(const struct check_moment *,
	    const struct check_params *, struct check_item *);

#endif
