/*
 * check_check.c - tests for check.c and baseline.c, the decisions of mot
 * check: objectives against the upper Wilson bound (pass, warn, fail, skip,
 * --strict-objectives), the error budget, the one-sided pooled
 * two-proportion z test, Benjamini-Hochberg, the regression decisions
 * against a baseline (significance and minimum change, p90, new and
 * vanished moments), a baseline from other expectations, and the baseline
 * reader's refusals. Reference values were computed independently from
 * the textbook formulas (Wilson 1927; Agresti, Categorical Data Analysis,
 * 3rd ed., 3.1.3 for the pooled z; Benjamini and Hochberg 1995, as R's
 * p.adjust(method = "BH") computes it).
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "check.h"
#include "check-report.h"
#include "check_mot.h"
#include "exitcode.h"
#include "isotime.h"

static struct check_params
params(void)
{
	struct check_params	p;

	memset(&p, 0, sizeof p);
	p.min_n = 30;
	p.alpha = 0.05;
	p.min_change = 0.02;
	p.max_p90_increase = 0.20;
	return (p);
}

static struct check_moment
moment(const char *id, double objective, uint64_t n, uint64_t breached,
    double p90)
{
	struct check_moment	m;

	memset(&m, 0, sizeof m);
	m.id = m.name = id;
	m.objective = objective;
	m.adequate_s = 900;
	m.n = n;
	m.breached = breached;
	m.p90 = p90;
	return (m);
}

/* This run at the baseline's p90: n timed, k known past it (none censored before). */
static void
at_t0(struct check_moment *m, uint64_t timed, uint64_t above)
{
	m->p90_timed = timed;
	m->p90_above = above;
	m->p90_cens_before = 0;
}

/* Compare n moments of this run with the baseline's (same expectations). */
static void
compare(const struct check_params *p, const struct check_moment *cur,
    const struct check_moment *base, size_t n, struct check_result *res)
{
	struct check_input	in;

	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.ncur = n;
	in.base = base;
	in.nbase = n;
	in.have_base = 1;
	in.same_expectations = 1;
	check_run(p, &in, res);
}

/* ------------------------------------------------------ objectives -- */

START_TEST(test_objective_pass)
{
	struct check_params	p = params();
	struct check_moment	m = moment("a", 0.95, 100, 3, 60);
	struct check_item	it;

	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_PASS);
	ck_assert_int_eq(it.why, CHECK_WHY_MET);
	ck_assert_double_eq_tol(it.within, 0.97, 1e-12);
	ck_assert_double_eq_tol(it.lo, 0.9154806357, 1e-9);
	ck_assert_double_eq_tol(it.hi, 0.9897454760, 1e-9);
	/* Exactly at the objective passes. */
	m = moment("a", 0.95, 100, 5, 60);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_PASS);
}
END_TEST

START_TEST(test_objective_noise)
{
	struct check_params	p = params();
	struct check_moment	m = moment("a", 0.95, 100, 7, 60);
	struct check_item	it;

	/* 93% < 95%, but the interval [86.25%, 96.57%] reaches 95%. */
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_WARN);
	ck_assert_int_eq(it.why, CHECK_WHY_NOISE);
	ck_assert_double_eq_tol(it.hi, 0.9656807389, 1e-9);
	ck_assert_int_eq(it.promoted, 0);
	p.strict_objectives = 1;
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	ck_assert_int_eq(it.why, CHECK_WHY_NOISE);
	ck_assert_int_eq(it.promoted, 1);
}
END_TEST

START_TEST(test_objective_missed)
{
	struct check_params	p = params();
	struct check_moment	m = moment("a", 0.95, 1000, 70, 60);
	struct check_item	it;

	/* The same 93% over 1000: the interval tops out at 94.42%. */
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	ck_assert_int_eq(it.why, CHECK_WHY_MISSED);
	ck_assert_double_eq_tol(it.hi, 0.9442236359, 1e-9);
	ck_assert_int_eq(it.promoted, 0);
}
END_TEST

START_TEST(test_objective_minimum)
{
	struct check_params	p = params();
	struct check_moment	m;
	struct check_item	it;

	/* 29 < 30: not decided, whatever the figures. */
	m = moment("a", 0.95, 29, 20, 60);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_FEW);
	/* At exactly the minimum it is decided: 27/30 reaches 95% (96.54%), 26/30 does not (94.69%). */
	m = moment("a", 0.95, 30, 3, 60);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_WARN);
	m = moment("a", 0.95, 30, 4, 60);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_FAIL);
	/* No occurrence is never decided, even with a minimum of 0. */
	p.min_n = 0;
	m = moment("a", 0.95, 0, 0, NAN);
	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_FEW);
	ck_assert(isnan(it.within));
}
END_TEST

START_TEST(test_objective_none)
{
	struct check_params	p = params();
	struct check_moment	m = moment("a", -1, 500, 400, 60);
	struct check_item	it;

	ck_assert_int_eq(check_objective(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_NO_OBJECTIVE);
	ck_assert_double_eq_tol(it.within, 0.2, 1e-12);
}
END_TEST

/* ---------------------------------------------------------- budget -- */

START_TEST(test_budget)
{
	struct check_budget	b;

	/* 95% of 300: 15 breaches allowed; 21 spent is 140%, burn 1.4. */
	check_budget_make(0.95, 300, 21, &b);
	ck_assert_double_eq_tol(b.allowed, 15, 1e-9);
	ck_assert_uint_eq(b.spent, 21);
	ck_assert_double_eq_tol(b.remaining, -6, 1e-9);
	ck_assert_double_eq_tol(b.spent_share, 1.4, 1e-9);
	ck_assert_double_eq_tol(b.burn_rate, 1.4, 1e-9);
	/* 99.9% of 2000: 2 allowed, 1 spent: half the budget, burn 0.5. */
	check_budget_make(0.999, 2000, 1, &b);
	ck_assert_double_eq_tol(b.allowed, 2, 1e-9);
	ck_assert_double_eq_tol(b.remaining, 1, 1e-9);
	ck_assert_double_eq_tol(b.spent_share, 0.5, 1e-9);
	ck_assert_double_eq_tol(b.burn_rate, 0.5, 1e-9);
	/* Nothing spent. */
	check_budget_make(0.9, 50, 0, &b);
	ck_assert_double_eq_tol(b.allowed, 5, 1e-9);
	ck_assert_double_eq_tol(b.spent_share, 0, 1e-12);
	ck_assert_double_eq_tol(b.burn_rate, 0, 1e-12);
	/* An objective of 100% allows nothing: shares are undefined. */
	check_budget_make(1, 100, 2, &b);
	ck_assert_double_eq_tol(b.allowed, 0, 1e-12);
	ck_assert_double_eq_tol(b.remaining, -2, 1e-12);
	ck_assert(isnan(b.spent_share));
	ck_assert(isnan(b.burn_rate));
}
END_TEST

/* ------------------------------------------------------ statistics -- */

START_TEST(test_normal_sf)
{
	ck_assert_double_eq_tol(check_normal_sf(0), 0.5, 1e-15);
	ck_assert_double_eq_tol(check_normal_sf(1.959963984540054), 0.025,
	    1e-12);
	ck_assert_double_eq_tol(check_normal_sf(1.6448536269514722), 0.05,
	    1e-12);
	ck_assert_double_eq_tol(check_normal_sf(-1.959963984540054), 0.975,
	    1e-12);
	ck_assert(check_normal_sf(10) < 1e-22);
}
END_TEST

START_TEST(test_two_prop)
{
	double	z, p, z2, p2, rise;

	/* 5% of 1000 against 8% of 1000: pooled 6.5%. */
	ck_assert_int_eq(check_two_prop(50, 1000, 80, 1000, &z, &p), 0);
	/* Continuity-corrected: (0.03 - 0.001) / 0.011025 (Python). */
	ck_assert_double_eq_tol(z, 2.630392250131456, 1e-10);
	ck_assert_double_eq_tol(p, 0.004264320028514193, 1e-12);
	rise = p;
	/* Unequal sizes. */
	ck_assert_int_eq(check_two_prop(10, 200, 25, 250, &z, &p), 0);
	ck_assert_double_eq_tol(z, 1.790789689171616, 1e-10);
	ck_assert_double_eq_tol(p, 0.03666352524500454, 1e-12);
	/* One-sided: a fall is no evidence of a rise; z is antisymmetric. */
	ck_assert_int_eq(check_two_prop(80, 1000, 50, 1000, &z2, &p2), 0);
	ck_assert_double_eq_tol(z2, -2.630392250131456, 1e-10);
	ck_assert_double_eq_tol(p2, 0.9957356799714858, 1e-12);
	rise += p2;
	ck_assert_double_eq_tol(rise, 1, 1e-12);
	/* No variance (none or all breached in both): p = 1. */
	ck_assert_int_eq(check_two_prop(0, 100, 0, 300, &z, &p), 0);
	ck_assert_double_eq_tol(z, 0, 1e-15);
	ck_assert_double_eq_tol(p, 1, 1e-15);
	ck_assert_int_eq(check_two_prop(100, 100, 300, 300, &z, &p), 0);
	ck_assert_double_eq_tol(p, 1, 1e-15);
	/* An empty sample cannot be tested. */
	ck_assert_int_eq(check_two_prop(0, 0, 3, 10, &z, &p), -1);
	ck_assert_int_eq(check_two_prop(3, 10, 0, 0, &z, &p), -1);
	/* Over effective sizes: n itself gives the same; fewer, less evidence. */
	ck_assert_int_eq(check_two_prop_eff(0.05, 1000, 0.08, 1000, &z, &p), 0);
	ck_assert_double_eq_tol(z, 2.630392250131456, 1e-10);
	ck_assert_int_eq(check_two_prop_eff(0.05, 250, 0.08, 250, &z2, &p2),
	    0);
	ck_assert(z2 < z / 2 && p2 > p);
	/* Within half a count of each other: no evidence either way. */
	ck_assert_int_eq(check_two_prop(50, 1000, 51, 1000, &z, &p), 0);
	ck_assert_double_eq_tol(z, 0, 1e-15);
	ck_assert_double_eq_tol(p, 0.5, 1e-15);
	ck_assert_int_eq(check_two_prop_eff(0.05, 0, 0.08, 10, &z, &p), -1);
}
END_TEST

START_TEST(test_bh)
{
	static const double	sorted[] = { 0.005, 0.009, 0.019, 0.022,
				    0.051, 0.101, 0.361, 0.387 };
	static const double	want[] = { 0.036, 0.036, 0.044, 0.044,
				    0.0816, 0.134666666667, 0.387, 0.387 };
	static const double	shuffled[] = { 0.387, 0.005, 0.361, 0.022,
				    0.101, 0.009, 0.051, 0.019 };
	static const double	want2[] = { 0.387, 0.036, 0.387, 0.044,
				    0.134666666667, 0.036, 0.0816, 0.044 };
	static const double	flat[] = { 0.01, 0.04, 0.03, 0.02, 0.05 };
	static const double	ties[] = { 0.04, 0.04, 0.9 };
	double			q[8];
	size_t			i;

	check_bh(sorted, 8, q);
	for (i = 0; i < 8; i++)
		ck_assert_double_eq_tol(q[i], want[i], 1e-9);
	/* Order of the input does not matter. */
	check_bh(shuffled, 8, q);
	for (i = 0; i < 8; i++)
		ck_assert_double_eq_tol(q[i], want2[i], 1e-9);
	/* The step-up: every q is the largest p's m/m p = 0.05. */
	check_bh(flat, 5, q);
	for (i = 0; i < 5; i++)
		ck_assert_double_eq_tol(q[i], 0.05, 1e-12);
	check_bh(ties, 3, q);
	ck_assert_double_eq_tol(q[0], 0.06, 1e-12);
	ck_assert_double_eq_tol(q[1], 0.06, 1e-12);
	ck_assert_double_eq_tol(q[2], 0.9, 1e-12);
	/* One test: q = p; never above 1. */
	check_bh(ties + 2, 1, q);
	ck_assert_double_eq_tol(q[0], 0.9, 1e-15);
	check_bh(sorted, 0, q);
}
END_TEST

/* ------------------------------------------------------ regressions -- */

static const struct check_item *
item(const struct check_result *res, const char *id, enum check_kind kind)
{
	const struct check_row	*row;
	size_t			 i, k;

	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		if (strcmp((row->cur != NULL ? row->cur : row->base)->id,
		    id) != 0)
			continue;
		for (k = 0; k < row->nitems; k++) {
			if (row->item[k].kind == kind)
				return (&row->item[k]);
		}
	}
	ck_abort_msg("no check %d for %s", (int)kind, id);
	return (NULL);
}

START_TEST(test_regression)
{
	struct check_params	p = params();
	struct check_moment	cur[5], base[5];
	struct check_input	in;
	struct check_result	res;
	const struct check_item	*it;

	/* up: 5% -> 8% of 1000, p 0.0043: regressed. */
	base[0] = moment("up", 0.9, 1000, 50, 600);
	cur[0] = moment("up", 0.9, 1000, 80, 610);
	/* flat: no change. */
	base[1] = moment("flat", 0.9, 1000, 50, 600);
	cur[1] = moment("flat", 0.9, 1000, 50, 600);
	/* tiny: 5% -> 6% of 100000: very significant, but only +1 pp. */
	base[2] = moment("tiny", 0.9, 100000, 5000, 600);
	cur[2] = moment("tiny", 0.9, 100000, 6000, 600);
	/* slow: same breaches, p90 up 25%. */
	base[3] = moment("slow", 0.9, 1000, 50, 600);
	cur[3] = moment("slow", 0.9, 1000, 50, 750);
	/* thin: the baseline has too few. */
	base[4] = moment("thin", 0.9, 20, 0, 600);
	cur[4] = moment("thin", 0.9, 1000, 300, 6000);
	/*
	 * At the baseline's p90: 10% past it, but slow's 15%: p 4.48e-04 for
	 * Beta-binomial(1000, 101, 900), the baseline's p90 being the 900th of
	 * its 1000 times (exact sum in rationals, Python's fractions).
	 */
	at_t0(&cur[0], 1000, 100);
	at_t0(&cur[1], 1000, 100);
	at_t0(&cur[2], 100000, 10000);
	at_t0(&cur[3], 1000, 150);
	at_t0(&cur[4], 1000, 900);

	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.ncur = 5;
	in.base = base;
	in.nbase = 5;
	in.have_base = 1;
	in.same_expectations = 1;
	check_run(&p, &in, &res);

	it = item(&res, "up", CHECK_BREACH_RATE);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_REGRESSED);
	ck_assert_double_eq_tol(it->p, 0.004264320028514193, 1e-12);
	ck_assert_double_eq_tol(it->change, 0.03, 1e-12);
	/* Four tests (thin is not tested): up has the second smallest p. */
	ck_assert(it->q < 0.05 && it->q >= it->p);
	ck_assert_int_eq(item(&res, "up", CHECK_P90)->status, CHECK_PASS);
	ck_assert_int_eq(item(&res, "flat", CHECK_BREACH_RATE)->status,
	    CHECK_PASS);
	it = item(&res, "tiny", CHECK_BREACH_RATE);
	ck_assert(it->q < 1e-10);
	ck_assert_int_eq(it->status, CHECK_PASS);
	it = item(&res, "slow", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_REGRESSED);
	ck_assert_double_eq_tol(it->increase, 0.25, 1e-12);
	ck_assert_double_eq_tol(it->p / 4.4754376934534465e-4, 1, 1e-10);
	ck_assert_uint_eq(it->base_timed, 1000);
	ck_assert(it->q < 0.05 && it->q >= it->p);
	ck_assert_int_eq(item(&res, "slow", CHECK_BREACH_RATE)->status,
	    CHECK_PASS);
	it = item(&res, "thin", CHECK_BREACH_RATE);
	ck_assert_int_eq(it->status, CHECK_SKIP);
	ck_assert_int_eq(it->why, CHECK_WHY_FEW_BASELINE);
	ck_assert(isnan(it->q));
	ck_assert_int_eq(item(&res, "thin", CHECK_P90)->status, CHECK_SKIP);
	/* thin misses its objective on its own: 70% of 1000. */
	ck_assert_int_eq(item(&res, "thin", CHECK_OBJECTIVE)->status,
	    CHECK_FAIL);

	ck_assert_int_eq(res.status, CHECK_FAIL);
	ck_assert_uint_eq(res.ntests, 1 + 5 * 3);
	ck_assert_uint_eq(res.count[CHECK_FAIL], 3);
	ck_assert_uint_eq(res.count[CHECK_SKIP], 2);
	ck_assert_uint_eq(res.count[CHECK_PASS], 11);
	check_result_free(&res);

	/* A looser p90 limit and a higher minimum change: only thin fails. */
	p.max_p90_increase = 0.3;
	p.min_change = 0.05;
	check_run(&p, &in, &res);
	ck_assert_int_eq(item(&res, "up", CHECK_BREACH_RATE)->status,
	    CHECK_PASS);
	ck_assert_int_eq(item(&res, "slow", CHECK_P90)->status, CHECK_PASS);
	ck_assert_uint_eq(res.count[CHECK_FAIL], 1);
	check_result_free(&res);
}
END_TEST

START_TEST(test_p90_not_reached)
{
	struct check_params	p = params();
	struct check_moment	cur[4], base[4];
	struct check_result	res;
	struct check_report	cr;
	const struct check_item	*it;
	char			msg[512];

	/*
	 * More than 10% still running: the p90 is above the longest time
	 * seen. 700 s is within +20% of 600: not decided; 721 s is past it
	 * whatever the p90 turns out to be: a failure; exactly +20%: not.
	 */
	base[0] = moment("within", 0.9, 1000, 50, 600);
	cur[0] = moment("within", 0.9, 1000, 50, NAN);
	cur[0].p90_floor = 700;
	base[1] = moment("past", 0.9, 1000, 50, 600);
	cur[1] = moment("past", 0.9, 1000, 50, NAN);
	cur[1].p90_floor = 721;
	base[2] = moment("edge", 0.9, 1000, 50, 600);
	cur[2] = moment("edge", 0.9, 1000, 50, NAN);
	cur[2].p90_floor = 720;
	/*
	 * 20% past the baseline's p90 (p 2.07e-10 for Beta-binomial(1000,
	 * 101, 900); three of eight tests, so q = 8/3 x 2.07e-10 = 5.5e-10);
	 * past-noise: 10.5%.
	 */
	at_t0(&cur[0], 1000, 200);
	at_t0(&cur[1], 1000, 200);
	at_t0(&cur[2], 1000, 200);
	base[3] = moment("past-noise", 0.9, 1000, 50, 600);
	cur[3] = moment("past-noise", 0.9, 1000, 50, NAN);
	cur[3].p90_floor = 721;
	at_t0(&cur[3], 1000, 105);
	compare(&p, cur, base, 4, &res);
	/* Significant, but the rise is not known to pass the limit. */
	it = item(&res, "within", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_SKIP);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_RUNNING);
	ck_assert_double_eq_tol(it->increase, 1.0 / 6, 1e-12);
	ck_assert(it->q < 1e-9);
	it = item(&res, "past", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_RUNNING);
	ck_assert(isnan(it->p90_1));
	ck_assert_double_eq_tol(it->p / 2.0731153112181953e-10, 1, 1e-10);
	ck_assert_int_eq(item(&res, "edge", CHECK_P90)->status, CHECK_SKIP);
	/* Past the limit at least, but 105 of 1000 is noise (p 0.384). */
	it = item(&res, "past-noise", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_NOISE);
	ck_assert_double_eq_tol(it->p, 0.3840714820570756, 1e-12);
	memset(&cr, 0, sizeof cr);
	cr.p = &p;
	cr.res = &res;
	check_message(&cr, &res.rows[1], item(&res, "past", CHECK_P90), msg,
	    sizeof msg);
	ck_assert_str_eq(msg, "p90 10m00s -> not reached (more than 10% still "
	    "running), above the longest time seen, 12m01s of calendar time "
	    "(+20.2% at least, limit +20.0%); 200 of 1000 above 10m00s: "
	    "one-sided exact p 2.1e-10 against 10% (beta-binomial: the "
	    "baseline's p90 is one of 1000 times), BH q 5.5e-10 (alpha 0.05)");
	check_message(&cr, &res.rows[0], item(&res, "within", CHECK_P90), msg,
	    sizeof msg);
	ck_assert_msg(strstr(msg, ": not decided") != NULL, "%s", msg);
	check_message(&cr, &res.rows[3], item(&res, "past-noise", CHECK_P90),
	    msg, sizeof msg);
	ck_assert_msg(strstr(msg, "(+20.2% at least, limit +20.0%), but not "
	    "beyond sampling noise; 105 of 1000 above 10m00s: one-sided exact "
	    "p 0.384") != NULL, "%s", msg);
	check_result_free(&res);
}
END_TEST

START_TEST(test_bh_across_moments)
{
	struct check_params	p = params();
	struct check_moment	cur[3], base[3];
	struct check_input	in;
	struct check_result	res;
	const struct check_item	*it;

	/*
	 * 10/200 -> 27/250 alone has p 0.0200 < 0.05 and rises 5.8 pp; its
	 * p90 test (nothing past: p 1) makes q = 2 x 0.0200 = 0.040. With
	 * two unchanged moments beside it, BH over the six tests makes q =
	 * 6 x 0.0200 = 0.120.
	 */
	base[0] = moment("a", 0.9, 200, 10, 60);
	cur[0] = moment("a", 0.8, 250, 27, 60);
	base[1] = moment("b", 0.9, 200, 10, 60);
	cur[1] = moment("b", 0.9, 200, 10, 60);
	base[2] = moment("c", 0.9, 200, 10, 60);
	cur[2] = moment("c", 0.9, 200, 10, 60);
	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.base = base;
	in.have_base = 1;
	in.same_expectations = 1;
	in.ncur = in.nbase = 1;
	check_run(&p, &in, &res);
	it = item(&res, "a", CHECK_BREACH_RATE);
	ck_assert_double_eq_tol(it->q, 2 * 0.020040827053912184, 1e-12);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	check_result_free(&res);

	in.ncur = in.nbase = 3;
	check_run(&p, &in, &res);
	it = item(&res, "a", CHECK_BREACH_RATE);
	ck_assert_double_eq_tol(it->q, 6 * 0.020040827053912184, 1e-12);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_int_eq(res.status, CHECK_PASS);
	check_result_free(&res);
}
END_TEST

START_TEST(test_p90_noise)
{
	struct check_params	p = params();
	struct check_moment	cur[2], base[2];
	struct check_result	res;
	struct check_report	cr;
	const struct check_item	*it;
	char			msg[512];

	/*
	 * Both p90s rose 25%, past the 20% limit. few: 6 of 40 past the
	 * baseline's p90, the 36th of its 40 times: P(X >= 6) = 0.369 for
	 * Beta-binomial(40, 5, 36) (0.206 if the baseline's p90 were exact,
	 * Binomial(40, 0.1)): sampling explains it, a pass. many: 150 of
	 * 1000, p 4.5e-04: a regression.
	 */
	base[0] = moment("few", 0.9, 40, 2, 600);
	cur[0] = moment("few", 0.9, 40, 2, 750);
	at_t0(&cur[0], 40, 6);
	base[1] = moment("many", 0.9, 1000, 50, 600);
	cur[1] = moment("many", 0.9, 1000, 50, 750);
	at_t0(&cur[1], 1000, 150);
	compare(&p, cur, base, 2, &res);
	it = item(&res, "few", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_NOISE);
	ck_assert_double_eq_tol(it->increase, 0.25, 1e-12);
	ck_assert_uint_eq(it->above, 6);
	ck_assert_uint_eq(it->timed, 40);
	ck_assert(!it->p90_km);
	ck_assert_double_eq_tol(it->p, 0.3685160635138289, 1e-12);
	memset(&cr, 0, sizeof cr);
	cr.p = &p;
	cr.res = &res;
	check_message(&cr, &res.rows[0], it, msg, sizeof msg);
	ck_assert_str_eq(msg, "p90 10m00s -> 12m30s of calendar time (+25.0%, "
	    "limit +20.0%), but not beyond sampling noise; 6 of 40 above "
	    "10m00s: one-sided exact p 0.369 against 10% (beta-binomial: the "
	    "baseline's p90 is one of 40 times), BH q 0.500 (alpha 0.05)");
	it = item(&res, "many", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_REGRESSED);
	ck_assert_double_eq_tol(it->p / 4.4754376934534465e-4, 1, 1e-10);
	ck_assert_int_eq(res.status, CHECK_FAIL);
	check_result_free(&res);

	/* The same 25% rise with no evidence at all (1 of 1000): a pass. */
	at_t0(&cur[1], 1000, 1);
	compare(&p, cur, base, 2, &res);
	ck_assert_int_eq(item(&res, "many", CHECK_P90)->status, CHECK_PASS);
	ck_assert_int_eq(res.status, CHECK_PASS);
	check_result_free(&res);
	/* Significant but within the limit: a pass, stable. */
	at_t0(&cur[1], 1000, 150);
	p.max_p90_increase = 0.25;
	compare(&p, cur, base, 2, &res);
	it = item(&res, "many", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_int_eq(it->why, CHECK_WHY_STABLE);
	ck_assert(it->q < 0.05);
	check_result_free(&res);
}
END_TEST

START_TEST(test_p90_censored)
{
	struct check_params	p = params();
	struct check_moment	cur[4], base[4];
	struct check_result	res;
	struct check_report	cr;
	const struct check_item	*it;
	char			msg[512];
	size_t			i;

	/*
	 * Clocks censored before the baseline's p90: Kaplan-Meier, against
	 * E[1 - U(900)] = 101/1001 with Greenwood's variance plus Var[1 -
	 * U(900)] = 101 x 900 / (1001^2 x 1002). slow: S(t0) 0.2, se 0.02, z
	 * 4.4745, p 3.83e-06. near: S 0.12, z 0.862, p 0.194: noise. none: no
	 * event by t0, S 1 and no variance: the exact test over the 5 known
	 * past it, 1.14e-05. running: p90 not reached, the longest time seen
	 * +30%: a regression.
	 */
	for (i = 0; i < 4; i++) {
		base[i] = moment(i == 0 ? "slow" : i == 1 ? "near" : i == 2 ?
		    "none" : "running", 0.9, 1000, 50, 600);
		cur[i] = moment(base[i].id, 0.9, 1000, 50, 780);
		cur[i].p90_timed = 1000;
		cur[i].p90_above = 100;
		cur[i].p90_cens_before = 20;
		cur[i].p90_surv = 0.2;
		cur[i].p90_var = 0.0004;
	}
	cur[1].p90_surv = 0.12;
	cur[2].p90_timed = 10;
	cur[2].p90_above = 5;
	cur[2].p90_cens_before = 5;
	cur[2].p90_surv = 1;
	cur[2].p90_var = 0;
	cur[3].p90 = NAN;
	cur[3].p90_floor = 780;
	compare(&p, cur, base, 4, &res);
	it = item(&res, "slow", CHECK_P90);
	ck_assert(it->p90_km);
	ck_assert_double_eq_tol(it->z, 4.474469306871636, 1e-12);
	ck_assert_double_eq_tol(it->surv_se, 0.02, 1e-15);
	ck_assert_double_eq_tol(it->p / 3.830066433706244e-6, 1, 1e-10);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_REGRESSED);
	memset(&cr, 0, sizeof cr);
	cr.p = &p;
	cr.res = &res;
	check_message(&cr, &res.rows[0], it, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "(+30.0%, limit +20.0%); 100 of 1000 known "
	    "above 10m00s, 20 censored before it: Kaplan-Meier 20.0% above "
	    "(Greenwood se 2.0%), one-sided z 4.47, p 3.8e-06 against 10%, BH "
	    "q ") != NULL, "%s", msg);
	it = item(&res, "near", CHECK_P90);
	ck_assert_double_eq_tol(it->z, 0.8624178744696135, 1e-12);
	ck_assert_double_eq_tol(it->p, 0.19422880395447406, 1e-12);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_NOISE);
	it = item(&res, "none", CHECK_P90);
	ck_assert(it->p90_km);
	ck_assert(isnan(it->z));
	ck_assert_double_eq_tol(it->p / 1.1415078489464665e-5, 1, 1e-10);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	check_message(&cr, &res.rows[2], it, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "Kaplan-Meier 100.0% above (no variance: "
	    "exact test over the 5 known), p 1.1e-05") != NULL, "%s", msg);
	it = item(&res, "running", CHECK_P90);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(it->why, CHECK_WHY_P90_RUNNING);
	check_result_free(&res);
}
END_TEST

START_TEST(test_bh_joint)
{
	struct check_params	p = params();
	struct check_moment	cur[2], base[2];
	struct check_result	res;
	const struct check_item	*it;
	double			pv[2], qv[2];

	/*
	 * a: 10/200 -> 27/250, p 0.0200, +5.8 pp; b unchanged (p 0.5).
	 * Among the breach-rate tests alone a's q is 2 x 0.0200 = 0.040, a
	 * failure; the two p90 tests (none past the baseline's p90: p 1)
	 * are in the same family, so q = 4 x 0.0200 = 0.080: a pass.
	 */
	base[0] = moment("a", 0.9, 200, 10, 60);
	cur[0] = moment("a", 0.8, 250, 27, 60);
	at_t0(&cur[0], 250, 0);
	base[1] = moment("b", 0.9, 200, 10, 60);
	cur[1] = moment("b", 0.9, 200, 10, 60);
	at_t0(&cur[1], 200, 0);
	compare(&p, cur, base, 2, &res);
	pv[0] = item(&res, "a", CHECK_BREACH_RATE)->p;
	pv[1] = item(&res, "b", CHECK_BREACH_RATE)->p;
	check_bh(pv, 2, qv);
	ck_assert(qv[0] < p.alpha);
	it = item(&res, "a", CHECK_BREACH_RATE);
	ck_assert_double_eq_tol(it->q, 4 * 0.020040827053912184, 1e-12);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_double_eq(item(&res, "a", CHECK_P90)->q, 1);
	ck_assert_int_eq(res.status, CHECK_PASS);
	check_result_free(&res);

	/*
	 * The other way: a's p90 up 25% with 20 of 100 past the 180th of the
	 * baseline's 200 times (p 0.0146, Beta-binomial(100, 21, 180)), alone
	 * among the p90 tests q 0.029; with the breach rates beside it (a
	 * 0.0200), still a failure: q 0.040 for both.
	 */
	base[0] = moment("a", 0.9, 200, 10, 60);
	cur[0] = moment("a", 0.8, 250, 27, 75);
	at_t0(&cur[0], 100, 20);
	compare(&p, cur, base, 2, &res);
	it = item(&res, "a", CHECK_P90);
	ck_assert_double_eq_tol(it->q, 4 * item(&res, "a",
	    CHECK_BREACH_RATE)->p / 2, 1e-12);
	ck_assert_int_eq(it->status, CHECK_FAIL);
	ck_assert_int_eq(item(&res, "a", CHECK_BREACH_RATE)->status,
	    CHECK_FAIL);
	check_result_free(&res);
}
END_TEST

START_TEST(test_new_vanished)
{
	struct check_params	p = params();
	struct check_moment	cur[2], base[3];
	struct check_input	in;
	struct check_result	res;

	cur[0] = moment("kept", 0.9, 100, 1, 60);
	cur[1] = moment("fresh", 0.9, 100, 1, 60);
	base[0] = moment("zeta", 0.9, 100, 1, 60);
	base[1] = moment("kept", 0.9, 100, 1, 60);
	base[2] = moment("alpha", 0.9, 100, 90, 60);
	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.ncur = 2;
	in.base = base;
	in.nbase = 3;
	in.have_base = 1;
	in.same_expectations = 1;
	check_run(&p, &in, &res);
	ck_assert_uint_eq(res.nrows, 4);
	ck_assert_uint_eq(res.nnew, 1);
	ck_assert_uint_eq(res.nvanished, 2);
	/* This run's moments in their order, then the vanished by id. */
	ck_assert_str_eq(res.rows[0].cur->id, "kept");
	ck_assert_str_eq(res.rows[1].cur->id, "fresh");
	ck_assert_ptr_null(res.rows[1].base);
	ck_assert_ptr_null(res.rows[2].cur);
	ck_assert_str_eq(res.rows[2].base->id, "alpha");
	ck_assert_str_eq(res.rows[3].base->id, "zeta");
	ck_assert_int_eq(item(&res, "fresh", CHECK_BREACH_RATE)->why,
	    CHECK_WHY_NEW);
	ck_assert_int_eq(item(&res, "fresh", CHECK_OBJECTIVE)->status,
	    CHECK_PASS);
	ck_assert_int_eq(item(&res, "alpha", CHECK_BREACH_RATE)->why,
	    CHECK_WHY_VANISHED);
	ck_assert_uint_eq(res.rows[2].nitems, 2);
	/* Reported, never failures. */
	ck_assert_int_eq(res.status, CHECK_PASS);
	check_result_free(&res);
}
END_TEST

START_TEST(test_mismatch_decision)
{
	struct check_params	p = params();
	struct check_moment	cur = moment("a", 0.9, 100, 1, 60);
	struct check_input	in;
	struct check_result	res;

	memset(&in, 0, sizeof in);
	in.cur = in.base = &cur;
	in.ncur = in.nbase = 1;
	in.have_base = 1;
	in.same_expectations = 0;
	check_run(&p, &in, &res);
	ck_assert_int_eq(res.base_status, CHECK_WARN);
	ck_assert_int_eq(res.status, CHECK_WARN);
	ck_assert_uint_eq(res.count[CHECK_WARN], 1);
	check_result_free(&res);
	/* Only --fail-on-warning makes it fail. */
	p.fail_on_warning = 1;
	check_run(&p, &in, &res);
	ck_assert_int_eq(res.base_status, CHECK_FAIL);
	ck_assert_int_eq(res.base_promoted, 1);
	ck_assert_int_eq(res.status, CHECK_FAIL);
	check_result_free(&res);
	/* Without a baseline there is no such check. */
	in.have_base = 0;
	check_run(&p, &in, &res);
	ck_assert_uint_eq(res.ntests, 1);
	ck_assert_int_eq(res.status, CHECK_PASS);
	check_result_free(&res);
}
END_TEST

/* Parse a window: 0 and its parts, or -1 and the reason. */
static int
window(const char *s, int64_t *months, int64_t *us, char *why, size_t size)
{
	struct check_span	sp;
	int			rc;

	rc = check_parse_window(s, &sp, why, size);
	*months = sp.months;
	*us = sp.us;
	return (rc);
}

#define DAY	(86400 * MOT_USEC)

START_TEST(test_window)
{
	static const struct {
		const char	*s;
		const char	*why;
	} bare[] = {
		{ "28d", "bare units are ambiguous; use ISO 8601: P28D" },
		{ "12h", "bare units are ambiguous; use ISO 8601: PT12H" },
		{ "2w", "bare units are ambiguous; use ISO 8601: P2W" },
		{ "3600s", "bare units are ambiguous; use ISO 8601: PT3600S" },
		{ "3y", "bare units are ambiguous; use ISO 8601: P3Y" },
		{ "28D", "bare units are ambiguous; use ISO 8601: P28D" },
		{ "1m", "bare units are ambiguous; use ISO 8601: P1M is a "
		    "month, PT1M a minute" },
		{ "90m", "bare units are ambiguous; use ISO 8601: P90M is 90 "
		    "months, PT90M 90 minutes" },
		{ "0d", "the window must be longer than zero" },
	};
	static const char *refused[] = {
		"28", "-3d", "3dd", "d", "P", "P0D", "PT0S", "P0M", "P0Y0M",
		"P1201M", "P101Y", "P100Y1M", "P99999999999999999999M",
		"P99999999999D", "99999999999999999w", "P1M1Y", "P1.5M",
		"P1M2W", "P2W1D", "P1MT", "PT1D", " 28d", "\t28d", "P28D ",
		" P28D", "+28d", "", "p28d", "P-1D",
	};
	char		why[200];
	int64_t		mo, us;
	size_t		i;

	ck_assert_int_eq(window("P28D", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 0 && us == 28 * DAY);
	ck_assert_int_eq(window("P2W", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 0 && us == 14 * DAY);
	ck_assert_int_eq(window("PT12H", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 0 && us == 12 * 3600 * MOT_USEC);
	ck_assert_int_eq(window("PT90M", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 0 && us == 90 * 60 * MOT_USEC);
	/* Months and years are calendar months; the rest is exact. */
	ck_assert_int_eq(window("P1M", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 1 && us == 0);
	ck_assert_int_eq(window("P1Y", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 12 && us == 0);
	ck_assert_int_eq(window("P1Y2M10DT2H", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 14 && us == 10 * DAY + 2 * 3600 * MOT_USEC);
	ck_assert_int_eq(window("P0M1D", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 0 && us == DAY);
	ck_assert_int_eq(window("P100Y", &mo, &us, why, sizeof why), 0);
	ck_assert(mo == 1200 && us == 0);
	for (i = 0; i < sizeof bare / sizeof bare[0]; i++) {
		ck_assert_int_eq(window(bare[i].s, &mo, &us, why, sizeof why),
		    -1);
		ck_assert_str_eq(why, bare[i].why);
	}
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ck_assert_msg(window(refused[i], &mo, &us, why, sizeof why) ==
		    -1, "\"%s\" taken", refused[i]);
	ck_assert_int_eq(window("P1201M", &mo, &us, why, sizeof why), -1);
	ck_assert_str_eq(why, "duration too long (at most 100 years)");
	ck_assert_int_eq(window("P0D", &mo, &us, why, sizeof why), -1);
	ck_assert_str_eq(why, "the window must be longer than zero");
	ck_assert_int_eq(window("P0M", &mo, &us, why, sizeof why), -1);
	ck_assert_str_eq(why, "the window must be longer than zero");
	/* A short buffer is cut, never overrun. */
	ck_assert_int_eq(window("1m", &mo, &us, why, 8), -1);
	ck_assert_str_eq(why, "bare un");
}
END_TEST

/* -------------------------------------------------------- baseline -- */

static char *
write_temp(const char *text)
{
	char	*path;
	FILE	*f;
	int	 fd;

	path = strdup("/tmp/mot-check-baseline.XXXXXX");
	ck_assert_ptr_nonnull(path);
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return (path);
}

static int
load_text(const char *text, struct baseline *b, char **cause)
{
	char	*path = write_temp(text);
	int	 rc;

	*cause = NULL;
	rc = baseline_load(path, b, cause);
	if (rc != 0)
		ck_assert_ptr_nonnull(strstr(*cause, path));
	unlink(path);
	free(path);
	return (rc);
}

#define REPORT_HEAD "{\"mot_version\": \"0.1.0\", \"report_version\": 1, " \
	"\"expectations\": {\"path\": \"e.xml\", \"hash\": \"0123456789abcdef\"}, "

START_TEST(test_baseline_read)
{
	struct baseline	 b;
	char		*cause;

	ck_assert_int_eq(load_text(REPORT_HEAD "\"moments\": ["
	    "{\"id\": \"b\", \"name\": \"B\", \"objective\": 0.9, "
	    "\"adequate_s\": 900, \"n\": 40, \"breached\": 4, \"p90_s\": 12.5},"
	    "{\"id\": \"a\", \"objective\": null, \"n\": 0, \"breached\": 0, "
	    "\"p90_s\": null}]}\n", &b, &cause), 0);
	ck_assert_str_eq(b.hash, "0123456789abcdef");
	ck_assert_str_eq(b.exp_path, "e.xml");
	ck_assert_uint_eq(b.n, 2);
	ck_assert_str_eq(b.moments[0].id, "b");
	ck_assert_str_eq(b.moments[0].name, "B");
	ck_assert_uint_eq(b.moments[0].n, 40);
	ck_assert_uint_eq(b.moments[0].breached, 4);
	ck_assert_double_eq_tol(b.moments[0].p90, 12.5, 1e-12);
	ck_assert_double_eq_tol(b.moments[0].objective, 0.9, 1e-12);
	ck_assert_str_eq(b.moments[1].name, "a");
	ck_assert(b.moments[1].objective < 0);
	ck_assert(isnan(b.moments[1].p90));
	ck_assert(isnan(b.moments[1].adequate_s));
	baseline_free(&b);
}
END_TEST

START_TEST(test_baseline_mismatch)
{
	struct check_moment	 cur = moment("a", 0.9, 100, 1, 60);
	struct check_params	 p = params();
	struct check_input	 in;
	struct check_result	 res;
	struct baseline		 b;
	char			*cause;

	/* A report without a hash, and one with another hash: both differ. */
	ck_assert_int_eq(load_text("{\"mot_version\": \"0.1.0\", "
	    "\"report_version\": 1, \"moments\": []}", &b, &cause), 0);
	ck_assert_ptr_null(b.hash);
	baseline_free(&b);
	ck_assert_int_eq(load_text(REPORT_HEAD "\"moments\": [{\"id\": \"a\", "
	    "\"n\": 100, \"breached\": 1, \"p90_s\": 60}]}", &b, &cause), 0);
	memset(&in, 0, sizeof in);
	in.cur = &cur;
	in.ncur = 1;
	in.base = b.moments;
	in.nbase = b.n;
	in.have_base = 1;
	in.same_expectations = strcmp(b.hash, "fedcba9876543210") == 0;
	check_run(&p, &in, &res);
	ck_assert_int_eq(res.base_status, CHECK_WARN);
	ck_assert_int_eq(res.status, CHECK_WARN);
	check_result_free(&res);
	in.same_expectations = strcmp(b.hash, "0123456789abcdef") == 0;
	check_run(&p, &in, &res);
	ck_assert_int_eq(res.base_status, CHECK_PASS);
	check_result_free(&res);
	baseline_free(&b);
}
END_TEST

START_TEST(test_baseline_refused)
{
	static const char	*bad[] = {
		"",					/* empty */
		"{\"mot_version\": \"0.1.0\", ",	/* truncated */
		"not json",
		"{\"a\": 1,}",				/* strict JSON */
		"[1, 2, 3]",				/* not an object */
		"{\"moments\": []}",			/* no versions */
		"{\"mot_version\": \"0.1.0\", \"report_version\": 2, "
		    "\"moments\": []}",
		REPORT_HEAD "\"moments\": {}}",
		REPORT_HEAD "\"moments\": [{\"n\": 1, \"breached\": 0}]}",
		REPORT_HEAD "\"moments\": [{\"id\": \"a\", \"n\": 1, "
		    "\"breached\": 2}]}",
		REPORT_HEAD "\"moments\": [{\"id\": \"a\", \"n\": -1, "
		    "\"breached\": 0}]}",
		REPORT_HEAD "\"moments\": [{\"id\": \"a\", \"n\": 1.5, "
		    "\"breached\": 0}]}",
		REPORT_HEAD "\"moments\": [{\"id\": \"a\", \"n\": 1, "
		    "\"breached\": 0, \"p90_s\": \"slow\"}]}",
		REPORT_HEAD "\"moments\": [{\"id\": \"a\", \"n\": 1, "
		    "\"breached\": 0}, {\"id\": \"a\", \"n\": 1, "
		    "\"breached\": 0}]}",
		REPORT_HEAD "\"moments\": []} {}",	/* more after the end */
		NULL
	};
	struct baseline	 b;
	char		*cause;
	size_t		 i;

	for (i = 0; bad[i] != NULL; i++) {
		ck_assert_msg(load_text(bad[i], &b, &cause) == MOT_EXIT_DATAERR,
		    "case %zu accepted", i);
		free(cause);
	}
	cause = NULL;
	ck_assert_int_eq(baseline_load("/nonexistent/report.json", &b,
	    &cause), MOT_EXIT_NOINPUT);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent/report.json"));
	free(cause);
}
END_TEST

/* ------------------------------------------------------- burn rate -- */

/* A time from its ISO 8601 text. */
static int64_t
at(const char *s)
{
	int64_t		t;
	const char	*why;

	ck_assert_int_eq(isotime_parse(s, strlen(s), NULL, &t, &why), 0);
	return (t);
}

static int64_t
start_of(const char *w, const char *as_of)
{
	struct check_span	sp;
	char			why[200];

	ck_assert_int_eq(check_parse_window(w, &sp, why, sizeof why), 0);
	return (check_span_start(&sp, at(as_of)));
}

START_TEST(test_span_start)
{
	/* Exact parts: as_of less the microseconds. */
	ck_assert(start_of("P7D", "2026-10-09T20:00:00Z") ==
	    at("2026-10-02T20:00:00Z"));
	ck_assert(start_of("PT90M", "2026-10-09T20:00:00Z") ==
	    at("2026-10-09T18:30:00Z"));
	/* Across a change of summer time: 24 hours a day, in UTC. */
	ck_assert(start_of("P1D", "2026-10-25T12:00:00+01:00") ==
	    at("2026-10-24T12:00:00+01:00"));
	/* Calendar months: the same day, or the month's last. */
	ck_assert(start_of("P1M", "2026-01-15T12:00:00Z") ==
	    at("2025-12-15T12:00:00Z"));
	ck_assert(start_of("P1M", "2026-03-31T12:00:00Z") ==
	    at("2026-02-28T12:00:00Z"));
	ck_assert(start_of("P1M", "2028-03-31T12:00:00Z") ==
	    at("2028-02-29T12:00:00Z"));
	ck_assert(start_of("P1Y", "2028-02-29T06:00:00Z") ==
	    at("2027-02-28T06:00:00Z"));
	ck_assert(start_of("P3M", "2026-05-31T00:00:00Z") ==
	    at("2026-02-28T00:00:00Z"));
	ck_assert(start_of("P13M", "2026-01-31T23:59:59Z") ==
	    at("2024-12-31T23:59:59Z"));
	/* Months first, then the exact part. */
	ck_assert(start_of("P1M1D", "2026-03-31T12:00:00Z") ==
	    at("2026-02-27T12:00:00Z"));
	ck_assert(start_of("P1MT1H", "2026-03-01T00:30:00Z") ==
	    at("2026-01-31T23:30:00Z"));
	/* Before 1970: days are counted down, not toward zero. */
	ck_assert(start_of("P1M", "1969-12-31T23:00:00Z") ==
	    at("1969-11-30T23:00:00Z"));
	ck_assert(start_of("P1D", "1969-12-31T23:00:00Z") ==
	    at("1969-12-30T23:00:00Z"));
}
END_TEST

static int
longer(const char *a, const char *b)
{
	struct check_span	sa, sb;
	char			why[200];

	ck_assert_int_eq(check_parse_window(a, &sa, why, sizeof why), 0);
	ck_assert_int_eq(check_parse_window(b, &sb, why, sizeof why), 0);
	return (check_span_longer(&sa, &sb));
}

START_TEST(test_span_longer)
{
	ck_assert(longer("P7D", "P1D"));
	ck_assert(!longer("P1D", "P7D"));
	ck_assert(!longer("P7D", "P7D"));
	ck_assert(!longer("P1W", "P7D"));
	ck_assert(longer("PT1H", "PT5M"));
	ck_assert(longer("P2M", "P1M"));
	ck_assert(longer("P1MT1H", "P1M"));
	ck_assert(!longer("P1M", "P1MT0S"));
	/* Months against days: on any date. */
	ck_assert(longer("P1M", "P27D"));
	ck_assert(!longer("P1M", "P28D"));
	ck_assert(!longer("P1M", "P30D"));
	ck_assert(!longer("P31D", "P1M"));
	ck_assert(longer("P32D", "P1M"));
	ck_assert(longer("P1Y", "P364D"));
	ck_assert(!longer("P1Y", "P366D"));
	ck_assert(!longer("P1M", "P1Y"));
}
END_TEST

static struct check_moment
windowed(const char *id, double objective, uint64_t ln, uint64_t lb,
    uint64_t sn, uint64_t sb)
{
	struct check_moment	m;

	m = moment(id, objective, ln, lb, 600);
	m.win_n[0] = ln;
	m.win_breached[0] = lb;
	m.win_n[1] = sn;
	m.win_breached[1] = sb;
	return (m);
}

START_TEST(test_burn_decision)
{
	struct check_params	p = params();
	struct check_moment	m;
	struct check_item	it;

	p.burn_rate = 1;
	p.burn_threshold = 2;
	/* Both above: 20% of 100 is 4 times 5%, 3 of 10 is 6 times. */
	m = windowed("both", 0.95, 100, 20, 10, 3);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_FAIL);
	ck_assert_int_eq(it.kind, CHECK_BURN_RATE);
	ck_assert_int_eq(it.why, CHECK_WHY_BURNING);
	ck_assert_double_eq_tol(it.burn[0], 4, 1e-12);
	ck_assert_double_eq_tol(it.burn[1], 6, 1e-12);
	ck_assert_double_eq_tol(it.win_rate[0], 0.2, 1e-12);
	ck_assert_double_eq_tol(it.win_rate[1], 0.3, 1e-12);
	ck_assert(it.win_n[0] == 100 && it.win_breached[1] == 3);
	ck_assert_double_eq(it.threshold, 2);
	/* Only the long window: the burn has stopped. */
	m = windowed("long", 0.95, 100, 20, 10, 0);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_PASS);
	ck_assert_int_eq(it.why, CHECK_WHY_BURN_SLOW);
	ck_assert_double_eq(it.burn[1], 0);
	/* Only the short window: a blip, not the budget. */
	m = windowed("short", 0.95, 100, 5, 10, 3);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_PASS);
	ck_assert_double_eq_tol(it.burn[0], 1, 1e-12);
	/* At the threshold is not above it: 10% of 5% is 2. */
	m = windowed("at", 0.95, 100, 10, 10, 1);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_PASS);
	p.burn_threshold = 1.5;
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_FAIL);
	p.burn_threshold = 2;
	/* Too few in the long window; none in the short one. */
	m = windowed("few", 0.95, 29, 29, 10, 10);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_BURN_FEW);
	ck_assert_double_eq_tol(it.burn[0], 20, 1e-12);	/* still shown */
	m = windowed("few", 0.95, 30, 30, 10, 10);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_FAIL);
	m = windowed("quiet", 0.95, 100, 50, 0, 0);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_BURN_EMPTY);
	ck_assert(isnan(it.burn[1]) && isnan(it.win_rate[1]));
	/* No objective, or one that allows no breach. */
	m = windowed("none", -1, 100, 50, 10, 5);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_NO_OBJECTIVE);
	ck_assert(isnan(it.burn[0]));
	m = windowed("all", 1, 100, 50, 10, 5);
	ck_assert_int_eq(check_burn_rate(&m, &p, &it), CHECK_SKIP);
	ck_assert_int_eq(it.why, CHECK_WHY_NO_BUDGET);
}
END_TEST

/* With a baseline too: the burn rate comes last, and the rest is unchanged. */
START_TEST(test_burn_run)
{
	struct check_params	p = params();
	struct check_moment	cur[2], base[2];
	struct check_input	in;
	struct check_result	res;
	const struct check_item	*it;

	p.burn_rate = 1;
	p.burn_threshold = 2;
	base[0] = moment("up", 0.9, 1000, 50, 600);
	cur[0] = windowed("up", 0.9, 1000, 80, 100, 30);
	base[1] = moment("gone", 0.9, 1000, 50, 600);
	cur[1] = windowed("flat", 0.9, 1000, 50, 100, 5);
	memset(&in, 0, sizeof in);
	in.cur = cur;
	in.ncur = 2;
	in.base = base;
	in.nbase = 2;
	in.have_base = 1;
	in.same_expectations = 1;
	check_run(&p, &in, &res);
	ck_assert_uint_eq(res.nrows, 3);
	ck_assert_uint_eq(res.rows[0].nitems, 4);
	ck_assert_int_eq(res.rows[0].item[3].kind, CHECK_BURN_RATE);
	/* 8% of 10% is 0.8 over the long window: not both above. */
	it = item(&res, "up", CHECK_BURN_RATE);
	ck_assert_int_eq(it->status, CHECK_PASS);
	ck_assert_double_eq_tol(it->burn[0], 0.8, 1e-12);
	ck_assert_double_eq_tol(it->burn[1], 3, 1e-12);
	/* The breach-rate test is still decided with the burn rate after it. */
	ck_assert_int_eq(item(&res, "up", CHECK_BREACH_RATE)->status,
	    CHECK_FAIL);
	ck_assert_uint_eq(res.rows[2].nitems, 2);	/* vanished: no burn */
	/* The baseline, 4 each for up and flat (new), 2 for gone. */
	ck_assert_uint_eq(res.ntests, 11);
	check_result_free(&res);

	cur[0] = windowed("up", 0.9, 1000, 300, 100, 30);
	check_run(&p, &in, &res);
	ck_assert_int_eq(item(&res, "up", CHECK_BURN_RATE)->status, CHECK_FAIL);
	ck_assert_int_eq(res.status, CHECK_FAIL);
	check_result_free(&res);
	p.burn_rate = 0;
	check_run(&p, &in, &res);
	ck_assert_uint_eq(res.rows[0].nitems, 3);
	check_result_free(&res);
}
END_TEST

Suite *
make_check_suite(void)
{
	Suite	*s = suite_create("check");
	TCase	*tc;

	tc = tcase_create("objective");
	tcase_add_test(tc, test_objective_pass);
	tcase_add_test(tc, test_objective_noise);
	tcase_add_test(tc, test_objective_missed);
	tcase_add_test(tc, test_objective_minimum);
	tcase_add_test(tc, test_objective_none);
	tcase_add_test(tc, test_budget);
	suite_add_tcase(s, tc);

	tc = tcase_create("statistics");
	tcase_add_test(tc, test_normal_sf);
	tcase_add_test(tc, test_two_prop);
	tcase_add_test(tc, test_bh);
	suite_add_tcase(s, tc);

	tc = tcase_create("regression");
	tcase_add_test(tc, test_regression);
	tcase_add_test(tc, test_p90_not_reached);
	tcase_add_test(tc, test_bh_across_moments);
	tcase_add_test(tc, test_p90_noise);
	tcase_add_test(tc, test_p90_censored);
	tcase_add_test(tc, test_bh_joint);
	tcase_add_test(tc, test_new_vanished);
	tcase_add_test(tc, test_mismatch_decision);
	tcase_add_test(tc, test_window);
	suite_add_tcase(s, tc);

	tc = tcase_create("baseline");
	tcase_add_test(tc, test_baseline_read);
	tcase_add_test(tc, test_baseline_mismatch);
	tcase_add_test(tc, test_baseline_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("burn-rate");
	tcase_add_test(tc, test_span_start);
	tcase_add_test(tc, test_span_longer);
	tcase_add_test(tc, test_burn_decision);
	tcase_add_test(tc, test_burn_run);
	suite_add_tcase(s, tc);
	return (s);
}
