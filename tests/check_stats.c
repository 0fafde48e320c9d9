/*
 * check_stats.c - tests for stats.c: the Wilson score interval at n = 0,
 * k = 0, k = n, a published value, and its symmetry. Reference values:
 * k=10, n=100, z=1.96 gives [0.0552, 0.1744] (Newcombe 1998, computed
 * again in Python); k=0 gives [0, z^2 / (n + z^2)]. Newcombe's interval
 * for a difference: 56/70 - 48/80 gives [0.0524, 0.3339] (Newcombe 1998,
 * table II, method 10). The NPS interval and difference: values worked
 * in Python from the formulas of docs/scoring.md; never zero width and
 * never outside [-200, 200] for every small pair of samples. The
 * binomial upper tail: edges (k = 0, k > n, p 0 or 1), sums of the mass
 * function written out for n = 10, and values summed with mpmath at 40
 * digits up to n = 10^7; underflow to 0 below the smallest double.
 */
#include <config.h>

#include <math.h>
#include <stdint.h>

#include "check_mot.h"
#include "stats.h"

START_TEST(test_neff_one_per_journey)
{
	/* one occurrence per journey: n_eff is n, the interval unchanged */
	ck_assert_double_eq(stats_neff(100, 30, 100, 100, 30, 30), 100);
	ck_assert_double_eq(stats_neff(1, 1, 1, 1, 1, 1), 1);
	ck_assert_double_eq(stats_neff(0, 0, 0, 0, 0, 0), 0);
}
END_TEST

START_TEST(test_neff_clustered)
{
	double	ne, p, ss, var;

	/*
	 * 10 journeys of 4 clocks: 5 with all 4 breached, 5 with none. p =
	 * 0.5, sum (b_j - p n_j)^2 = 10 x 4 = 40, var = 10/9 x 40 / 1600,
	 * n_eff = 0.25 / var = 9: the journeys, less one, not the 40 clocks.
	 */
	ne = stats_neff(40, 20, 10, 160, 80, 80);
	p = 0.5;
	ss = 80 - 2 * p * 80 + p * p * 160;
	var = 10.0 / 9 * ss / 1600;
	ck_assert_double_eq_tol(ne, p * (1 - p) / var, 1e-9);
	ck_assert_double_eq_tol(ne, 9, 1e-9);
	/* each journey 2 of 4 breached: no variance between them, n */
	ck_assert_double_eq(stats_neff(40, 20, 10, 160, 80, 40), 40);
	/* 2 journeys of 4 breached 1 and 3: p 0.5, ss 2, var 2/1 x 2/64,
	   n_eff 0.25 / 0.0625 = 4 */
	ck_assert_double_eq_tol(stats_neff(8, 4, 2, 32, 16, 10), 4, 1e-9);
	/* none breached: as many as the journeys */
	ck_assert_double_eq(stats_neff(40, 0, 10, 160, 0, 0), 10);
}
END_TEST

START_TEST(test_empty)
{
	double	lo = 0, hi = 0;

	wilson(0, 0, Z95, &lo, &hi);
	ck_assert(isnan(lo));
	ck_assert(isnan(hi));
}
END_TEST

START_TEST(test_none)
{
	double	lo = -1, hi = -1;

	wilson(0, 10, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.0, 1e-15);
	/* z^2 / (n + z^2) */
	ck_assert_double_eq_tol(hi, Z95 * Z95 / (10 + Z95 * Z95), 1e-12);
	ck_assert_double_eq_tol(hi, 0.277533, 1e-6);
}
END_TEST

START_TEST(test_all)
{
	double	lo = -1, hi = -1;

	wilson(10, 10, Z95, &lo, &hi);
	ck_assert_double_eq_tol(hi, 1.0, 1e-15);
	ck_assert_double_eq_tol(lo, 10 / (10 + Z95 * Z95), 1e-12);
	wilson(1, 1, Z95, &lo, &hi);
	ck_assert_double_eq_tol(hi, 1.0, 1e-15);
	ck_assert(lo > 0 && lo < 1);
}
END_TEST

START_TEST(test_known)
{
	double	lo, hi;

	wilson(10, 100, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.0552, 1e-4);
	ck_assert_double_eq_tol(hi, 0.1744, 1e-4);
	ck_assert_double_eq_tol(lo, 0.05522914, 1e-7);
	ck_assert_double_eq_tol(hi, 0.17436566, 1e-7);
}
END_TEST

START_TEST(test_half)
{
	double	lo, hi;

	/* k = n/2: centred on 0.5. */
	wilson(50, 100, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo + hi, 1.0, 1e-12);
	ck_assert_double_eq_tol(lo, 0.403832, 1e-5);
}
END_TEST

START_TEST(test_symmetry)
{
	static const uint64_t	ns[] = { 1, 2, 7, 30, 101, 1000 };
	double			lo1, hi1, lo2, hi2;
	uint64_t		n, k;
	size_t			i;

	for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		n = ns[i];
		for (k = 0; k <= n; k++) {
			wilson(k, n, Z95, &lo1, &hi1);
			wilson(n - k, n, Z95, &lo2, &hi2);
			ck_assert_double_eq_tol(lo1, 1 - hi2, 1e-12);
			ck_assert_double_eq_tol(hi1, 1 - lo2, 1e-12);
			ck_assert(lo1 >= 0 && lo1 <= (double)k / n);
			ck_assert(hi1 <= 1 && hi1 >= (double)k / n);
		}
	}
}
END_TEST

START_TEST(test_narrows)
{
	double	lo1, hi1, lo2, hi2;

	wilson(10, 100, Z95, &lo1, &hi1);
	wilson(100, 1000, Z95, &lo2, &hi2);
	ck_assert(hi2 - lo2 < hi1 - lo1);
}
END_TEST

START_TEST(test_newcombe)
{
	double	lo, hi;

	newcombe_diff(56, 70, 48, 80, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.0524, 1e-4);
	ck_assert_double_eq_tol(hi, 0.3339, 1e-4);
	/* No successes on either side: still an interval around 0. */
	newcombe_diff(0, 10, 0, 20, Z95, &lo, &hi);
	ck_assert_double_eq_tol(lo, -0.161125, 1e-6);
	ck_assert_double_eq_tol(hi, 0.277533, 1e-6);
	newcombe_diff(10, 10, 0, 20, Z95, &lo, &hi);
	ck_assert_double_eq_tol(hi, 1.0, 1e-12);
	ck_assert(lo < hi);
	newcombe_diff(1, 0, 1, 2, Z95, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
}
END_TEST

START_TEST(test_nps_interval)
{
	double	nps, lo, hi;

	nps_interval(0, 0, 0, &nps, &lo, &hi);
	ck_assert(isnan(nps) && isnan(lo) && isnan(hi));
	/* All promoters: an interval below +100, not a point. */
	nps_interval(10, 0, 10, &nps, &lo, &hi);
	ck_assert_double_eq_tol(nps, 100, 1e-12);
	ck_assert_double_eq_tol(lo, 47.503552, 1e-5);
	ck_assert_double_eq_tol(hi, 100, 1e-12);
	/* All passives: symmetric around 0. */
	nps_interval(0, 0, 30, &nps, &lo, &hi);
	ck_assert_double_eq_tol(nps, 0, 1e-12);
	ck_assert_double_eq_tol(lo, -7.274109, 1e-5);
	ck_assert_double_eq_tol(hi, 7.274109, 1e-5);
	/* One answer: the adjusted centre moves, the estimate stays inside. */
	nps_interval(1, 0, 1, &nps, &lo, &hi);
	ck_assert_double_eq_tol(hi, 100, 1e-12);
	ck_assert_double_eq_tol(lo, -48.498649, 1e-5);
}
END_TEST

START_TEST(test_nps_diff_known)
{
	struct nps_counts	a = { 10, 0, 10 }, b = { 0, 0, 30 };
	struct nps_counts	c = { 30, 20, 100 }, d = { 50, 10, 100 };
	double			delta, lo, hi, p;

	nps_diff(&a, &b, &delta, &lo, &hi, &p);
	ck_assert_double_eq_tol(delta, 100, 1e-12);
	ck_assert_double_eq_tol(lo, 47.001983, 1e-5);
	ck_assert_double_eq_tol(hi, 107.274109, 1e-5);
	ck_assert_double_eq_tol(p, 6.528345e-7, 1e-12);
	nps_diff(&c, &d, &delta, &lo, &hi, &p);
	ck_assert_double_eq_tol(delta, -30, 1e-12);
	ck_assert_double_eq_tol(lo, -48.129095, 1e-5);
	ck_assert_double_eq_tol(hi, -10.686089, 1e-5);
	ck_assert_double_eq_tol(p, 0.00225815, 1e-8);
	/* Swapping the sides mirrors the interval. */
	nps_diff(&d, &c, &delta, &lo, &hi, &p);
	ck_assert_double_eq_tol(lo, 10.686089, 1e-5);
	ck_assert_double_eq_tol(hi, 48.129095, 1e-5);
}
END_TEST

START_TEST(test_nps_diff_empty)
{
	struct nps_counts	a = { 5, 1, 10 }, none = { 0, 0, 0 };
	double			delta, lo, hi, p;

	nps_diff(&a, &none, &delta, &lo, &hi, &p);
	ck_assert(isnan(delta) && isnan(lo) && isnan(hi) && isnan(p));
	nps_diff(&none, &a, &delta, &lo, &hi, &p);
	ck_assert(isnan(delta) && isnan(lo) && isnan(hi) && isnan(p));
}
END_TEST

/* Every split of up to 6 answers on each side: positive width, within [-200, 200], around the estimate. */
START_TEST(test_nps_diff_bounds)
{
	struct nps_counts	a, b;
	double			delta, lo, hi, p;

	for (a.n = 1; a.n <= 6; a.n++)
	for (a.promoters = 0; a.promoters <= a.n; a.promoters++)
	for (a.detractors = 0; a.promoters + a.detractors <= a.n;
	    a.detractors++)
	for (b.n = 1; b.n <= 6; b.n++)
	for (b.promoters = 0; b.promoters <= b.n; b.promoters++)
	for (b.detractors = 0; b.promoters + b.detractors <= b.n;
	    b.detractors++) {
		nps_diff(&a, &b, &delta, &lo, &hi, &p);
		ck_assert(hi - lo > 1);
		ck_assert(lo >= -200 && hi <= 200);
		ck_assert(lo <= delta && delta <= hi);
		ck_assert(p > 0 && p <= 1);
	}
	/* The extremes: all detractors against all promoters. */
	a.promoters = 0;
	a.detractors = a.n = 10;
	b.promoters = b.n = 10;
	b.detractors = 0;
	nps_diff(&a, &b, &delta, &lo, &hi, &p);
	ck_assert_double_eq_tol(delta, -200, 1e-12);
	ck_assert_double_eq_tol(lo, -200, 1e-12);
	ck_assert_double_eq_tol(hi, -125.758811, 1e-5);
}
END_TEST

/* ------------------------------------------------- binomial tail -- */

/* Relative error, 0 when both are 0. */
static double
rel(double got, double want)
{
	return (want == 0 ? fabs(got) : fabs(got - want) / fabs(want));
}

START_TEST(test_binom_edges)
{
	/* k = 0: certain; k > n: impossible; p at its ends. */
	ck_assert_double_eq(binom_sf(0, 10, 0.1), 1);
	ck_assert_double_eq(binom_sf(0, 0, 0.1), 1);
	ck_assert_double_eq(binom_sf(11, 10, 0.1), 0);
	ck_assert_double_eq(binom_sf(1, 0, 0.1), 0);
	ck_assert_double_eq(binom_sf(1, 10, 0), 0);
	ck_assert_double_eq(binom_sf(0, 10, 0), 1);
	ck_assert_double_eq(binom_sf(10, 10, 1), 1);
	ck_assert(isnan(binom_sf(3, 10, NAN)));
}
END_TEST

START_TEST(test_binom_small_sums)
{
	double	q = 0.9, pmf[11], tail;
	int	k, j;

	/* Written out: P(X >= 1) = 1 - 0.9^10, P(X >= 2) less 10 x 0.1 x 0.9^9. */
	ck_assert(rel(binom_sf(1, 10, 0.1), 1 - pow(q, 10)) < 1e-14);
	ck_assert(rel(binom_sf(2, 10, 0.1), 1 - pow(q, 10) - 10 * 0.1 *
	    pow(q, 9)) < 1e-13);
	ck_assert(rel(binom_sf(10, 10, 0.1), pow(0.1, 10)) < 1e-13);
	ck_assert(rel(binom_sf(1, 1, 0.1), 0.1) < 1e-15);
	/* Every tail of n = 10 from the mass function summed here. */
	pmf[0] = pow(q, 10);
	for (j = 1; j <= 10; j++)
		pmf[j] = pmf[j - 1] * (10 - j + 1) / j * 0.1 / q;
	for (k = 0; k <= 10; k++) {
		for (tail = 0, j = 10; j >= k; j--)
			tail += pmf[j];
		ck_assert_msg(rel(binom_sf((uint64_t)k, 10, 0.1), tail) < 1e-12,
		    "k %d: %.17g, summed %.17g", k, binom_sf((uint64_t)k, 10,
		    0.1), tail);
	}
	/* p = 1/2: symmetric, P(X >= 3) of 5 is 1/2. */
	ck_assert(rel(binom_sf(3, 5, 0.5), 0.5) < 1e-14);
}
END_TEST

/*
 * The Beta-binomial tail, against sums in rationals (Python's fractions,
 * B(x, y) = (x-1)! (y-1)! / (x+y-1)!): 93/182, 5/6 (a uniform on 0..5),
 * 1660865/11110231 (7 of 30 past the 27th of 30 baseline times), and
 * tails far from and near the mean; with a and b large it is the
 * binomial's.
 */
START_TEST(test_betabinom)
{
	ck_assert_double_eq(betabinom_sf(0, 10, 2, 5), 1);
	ck_assert_double_eq(betabinom_sf(11, 10, 2, 5), 0);
	ck_assert(isnan(betabinom_sf(3, 10, 0.5, 5)));
	ck_assert(isnan(betabinom_sf(3, 10, 2, NAN)));
	ck_assert_double_eq_tol(betabinom_sf(3, 10, 2, 5), 93.0 / 182, 1e-14);
	ck_assert_double_eq_tol(betabinom_sf(1, 5, 1, 1), 5.0 / 6, 1e-14);
	ck_assert_double_eq_tol(betabinom_sf(7, 30, 4, 27),
	    1660865.0 / 11110231, 1e-14);
	ck_assert_double_eq_tol(betabinom_sf(8, 30, 4, 27),
	    91195.0 / 1010021, 1e-14);
	ck_assert_double_eq_tol(betabinom_sf(150, 1000, 101, 900) /
	    4.4754376934534465e-4, 1, 1e-10);
	ck_assert_double_eq_tol(betabinom_sf(700, 3000, 301, 2700) /
	    9.672794130568375e-45, 1, 1e-9);
	ck_assert_double_eq_tol(betabinom_sf(2, 1000, 101, 900), 1, 1e-14);
	ck_assert_double_eq_tol(betabinom_sf(40, 300, 100001, 900000) /
	    binom_sf(40, 300, 0.1), 1, 1e-3);
	/* A single value: k of 1 is Bernoulli(a / (a + b)). */
	ck_assert_double_eq_tol(betabinom_sf(1, 1, 3, 27), 0.1, 1e-15);
}
END_TEST

START_TEST(test_binom_reference)
{
	/*
	 * P(X >= k), X ~ Binomial(n, 0.1) (the double nearest 0.1), summed
	 * with mpmath at 40 digits from lgamma-exact terms.
	 */
	static const struct {
		uint64_t	k, n;
		double		p, want;
	} v[] = {
		{ 4, 40, 0.1, 0.57686934690699798 },
		{ 8, 40, 0.1, 0.0419019426733637 },
		{ 10, 40, 0.1, 0.0050630536578343973 },
		{ 15, 100, 0.1, 0.072572965264880786 },
		{ 30, 100, 0.1, 2.445112239390969e-8 },
		{ 100, 100, 0.1, 1.0000000000000056e-100 },
		{ 90, 1000, 0.1, 0.86659622823589267 },
		{ 100, 1000, 0.1, 0.51541770956592054 },
		{ 130, 1000, 0.1, 0.0013413983708734316 },
		{ 200, 1000, 0.1, 2.9280548038286953e-21 },
		{ 300, 1024, 0.1, 2.5345949377600383e-66 },
		{ 999000, 10000000, 0.1, 0.85420394880073933 },
		{ 1000000, 10000000, 0.1, 0.50015419143050639 },
		{ 1001000, 10000000, 0.1, 0.14604447611451362 },
		{ 1005000, 10000000, 0.1, 6.9645373541649163e-8 },
		{ 1010000, 10000000, 0.1, 3.3133773128162247e-26 },
		{ 50, 100, 0.5, 0.53979461869358938 },
		{ 1, 1000000, 1e-7, 0.095162586488227803 },
	};
	size_t	i;
	double	got;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		got = binom_sf(v[i].k, v[i].n, v[i].p);
		ck_assert_msg(rel(got, v[i].want) < 1e-12, "%llu of %llu: "
		    "%.17g, want %.17g", (unsigned long long)v[i].k,
		    (unsigned long long)v[i].n, got, v[i].want);
	}
	/* Below the smallest double: 0, not garbage (8.8e-192844, 1e-10000000). */
	ck_assert_double_eq(binom_sf(2000000, 10000000, 0.1), 0);
	ck_assert_double_eq(binom_sf(10000000, 10000000, 0.1), 0);
	/* 10^12 trials: still a tail, in [0, 1] and falling with k. */
	got = binom_sf(100000000000ULL, 1000000000000ULL, 0.1);
	ck_assert(got > 0.5 && got < 0.5001);
	ck_assert(binom_sf(100010000000ULL, 1000000000000ULL, 0.1) < 1e-200);
}
END_TEST

/*
 * The beta-binomial confidence sequence (Howard et al. 2021). Reference
 * values computed independently in Python 3 from the formulas of
 * docs/ci.md: the prior with math.log, lbeta(x, y) = lgamma(x) + lgamma(y)
 * - lgamma(x + y) with math.lgamma, log M(p) = lbeta(a + s, b + f) -
 * lbeta(a, b) - s log p - f log1p(-p), and each end by 200 bisections of
 * [s / (s + f), 1] (upper) and [0, s / (s + f)] (lower) for log M(p) =
 * log 20. For c = 0.95, t_opt = 1000, alpha = 0.05: 2 log 20 = 5.99146,
 * log(1 + 5.99146) = 1.94469, rho = 0.0475 x 1000 / 7.93615 = 5.98528,
 * r = rho - 0.0475 = 5.93778, a = r / 0.05 = 118.7553293029352, b = r /
 * 0.95 = 6.250280489628175.
 */
START_TEST(test_cs_prior)
{
	double	a, b;

	cs_betabin_prior(0.95, 1000, 0.05, &a, &b);
	ck_assert_double_eq_tol(a, 118.75532930293522, 1e-9);
	ck_assert_double_eq_tol(b, 6.250280489628175, 1e-9);
	ck_assert_double_eq_tol(a / (a + b), 0.95, 1e-12);	/* its mean */
	cs_betabin_prior(0.9, 1000, 0.05, &a, &b);
	ck_assert_double_eq_tol(a, 112.50504881330707, 1e-9);
	ck_assert_double_eq_tol(b, 12.500560979256337, 1e-9);
	/* a tiny t_opt: r no less than 0.001 c (1 - c) */
	cs_betabin_prior(0.5, 1, 0.05, &a, &b);
	ck_assert_double_eq_tol(a, 0.00025 / 0.5, 1e-15);
	ck_assert_double_eq_tol(b, 0.00025 / 0.5, 1e-15);
}
END_TEST

START_TEST(test_cs_known)
{
	double	a, b, lo, hi;

	cs_betabin_prior(0.95, 1000, 0.05, &a, &b);
	/* 940 of 1000 */
	cs_betabin(940, 60, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.9154755514027403, 1e-9);
	ck_assert_double_eq_tol(hi, 0.9595123624503077, 1e-9);
	/* 930 of 1000: Wilson's upper end is 0.9442, the sequence's above 0.95 */
	cs_betabin(930, 70, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.9027887317078199, 1e-9);
	ck_assert_double_eq_tol(hi, 0.9519232147898993, 1e-9);
	/* 94% of 5000 just reaches 95%; of 10000, no longer */
	cs_betabin(4700, 300, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq_tol(hi, 0.9500976656319708, 1e-9);
	cs_betabin(9400, 600, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq_tol(hi, 0.947493599829321, 1e-9);
	/* at its ends M is 1/alpha */
	ck_assert_double_eq_tol(cs_betabin_log(9400, 600, a, b, hi), log(20),
	    1e-6);
	/* no data: everything; no failure: up to 1; no success: from 0 */
	cs_betabin(0, 0, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq(lo, 0);
	ck_assert_double_eq(hi, 1);
	cs_betabin(50, 0, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq(hi, 1);
	ck_assert(lo > 0.8 && lo < 1);
	cs_betabin(0, 50, a, b, 0.05, &lo, &hi);
	ck_assert_double_eq(lo, 0);
	ck_assert(hi > 0 && hi < 0.95);
}
END_TEST

/* splitmix64 (Steele, Lea and Flood 2014): a fixed, portable sequence. */
static uint64_t
cs_rand(uint64_t *x)
{
	uint64_t	z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (z ^ (z >> 31));
}

/*
 * Anytime validity: 1000 Bernoulli sequences of 2000 trials at p, the
 * prior centred on p as mot check centres it on the objective. The share
 * of sequences whose set ever leaves p out is at most alpha (Ville); a
 * Wilson interval looked at after every trial leaves it out far more
 * often (so the count does tell them apart). In the first sequences the
 * bisected ends agree with the martingale at every step.
 */
static void
cs_simulate(double p, uint64_t seed)
{
	const double	 alpha = 0.05, thr = log(1 / alpha);
	double		 a, b, lo, hi, wlo, whi;
	uint64_t	 x = seed, s, f;
	int		 seq, t, out, wout, nout = 0, nwout = 0, in;

	cs_betabin_prior(p, 1000, alpha, &a, &b);
	for (seq = 0; seq < 1000; seq++) {
		s = f = 0;
		out = wout = 0;
		for (t = 1; t <= 2000; t++) {
			if ((double)(cs_rand(&x) >> 11) * 0x1p-53 < p)
				s++;
			else
				f++;
			in = cs_betabin_log((double)s, (double)f, a, b, p) <
			    thr;
			out |= !in;
			if (seq < 2) {
				cs_betabin((double)s, (double)f, a, b, alpha,
				    &lo, &hi);
				ck_assert(lo <= hi);
				ck_assert_int_eq(in, lo <= p && p <= hi);
			}
			if (t >= 30) {
				wilson(s, s + f, Z95, &wlo, &whi);
				wout |= p < wlo || p > whi;
			}
		}
		nout += out;
		nwout += wout;
	}
	ck_assert_int_le(nout, 50);		/* alpha of 1000 */
	ck_assert_int_gt(nwout, 100);		/* repeated Wilson: no */
}

START_TEST(test_cs_valid)
{
	cs_simulate(0.95, 1);
	cs_simulate(0.9, 2);
	cs_simulate(0.99, 3);
}
END_TEST

Suite *
make_stats_suite(void)
{
	Suite	*s = suite_create("stats");
	TCase	*tc;

	tc = tcase_create("wilson");
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_neff_one_per_journey);
	tcase_add_test(tc, test_neff_clustered);
	tcase_add_test(tc, test_none);
	tcase_add_test(tc, test_all);
	tcase_add_test(tc, test_known);
	tcase_add_test(tc, test_half);
	tcase_add_test(tc, test_symmetry);
	tcase_add_test(tc, test_narrows);
	suite_add_tcase(s, tc);
	tc = tcase_create("differences");
	tcase_add_test(tc, test_newcombe);
	tcase_add_test(tc, test_nps_interval);
	tcase_add_test(tc, test_nps_diff_known);
	tcase_add_test(tc, test_nps_diff_empty);
	tcase_add_test(tc, test_nps_diff_bounds);
	suite_add_tcase(s, tc);
	tc = tcase_create("binomial");
	tcase_add_test(tc, test_binom_edges);
	tcase_add_test(tc, test_binom_small_sums);
	tcase_add_test(tc, test_binom_reference);
	tcase_add_test(tc, test_betabinom);
	suite_add_tcase(s, tc);
	tc = tcase_create("sequence");
	tcase_set_timeout(tc, 60);	/* 3 x 1000 simulated sequences */
	tcase_add_test(tc, test_cs_prior);
	tcase_add_test(tc, test_cs_known);
	tcase_add_test(tc, test_cs_valid);
	suite_add_tcase(s, tc);
	return (s);
}
