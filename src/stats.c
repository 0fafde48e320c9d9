/*
 * stats.c - interval estimates. The Wilson score interval (Wilson, 1927)
 * behaves at rates near 0 and 1 and with small n, where the normal
 * approximation gives intervals outside [0, 1] (Brown, Cai and DasGupta, 2001).
 */
#include <config.h>

#include <math.h>

#include "stats.h"

void
wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi)
{
	if (n == 0) {
		*lo = *hi = NAN;
		return;
	}
	wilson_eff((double)k / (double)n, (double)n, z, lo, hi);
}

void
wilson_eff(double p, double n, double z, double *lo, double *hi)
{
	double	z2, denom, centre, half;

	if (!(n > 0)) {
		*lo = *hi = NAN;
		return;
	}
	z2 = z * z;
	denom = 1 + z2 / n;
	centre = (p + z2 / (2 * n)) / denom;
	half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
	*lo = centre - half;
	*hi = centre + half;
	if (*lo < 0 || p <= 0)
		*lo = 0;
	if (*hi > 1 || p >= 1)
		*hi = 1;
}

/*
 * Journey-clustered effective sample size of a breach rate p = b / n over
 * J journeys, from the variance of the ratio estimator, J / (J - 1) *
 * sum (b_j - p n_j)^2 / n^2 (nn, bn, bb: the sums of n_j^2, b_j n_j and
 * b_j^2): n_eff = p (1 - p) / var, at most n. With one occurrence per
 * journey it is n; when p is 0 or 1, the number of journeys; when every
 * journey breached in the same share, n.
 */
double
stats_neff(uint64_t n, uint64_t b, uint64_t J, uint64_t nn, uint64_t bn,
    uint64_t bb)
{
	double	p, ss, var, ne;

	if (n == 0)
		return (0);
	if (nn <= n || J >= n)
		return ((double)n);	/* no journey has two */
	if (J < 2)
		return ((double)J);
	p = (double)b / (double)n;
	ss = (double)bb - 2 * p * (double)bn + p * p * (double)nn;
	var = (double)J / (double)(J - 1) * ss / ((double)n * (double)n);
	if (p <= 0 || p >= 1)
		return ((double)J);	/* nothing to tell the journeys apart */
	if (!(var > 0))
		return ((double)n);	/* every journey breached alike */
	ne = p * (1 - p) / var;
	return (ne < (double)n ? ne : (double)n);
}
