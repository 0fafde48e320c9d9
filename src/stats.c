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
	double	p, z2, denom, centre, half;

	if (n == 0) {
		*lo = *hi = NAN;
		return;
	}
	p = (double)k / (double)n;
	z2 = z * z;
	denom = 1 + z2 / (double)n;
	centre = (p + z2 / (2 * (double)n)) / denom;
	half = z * sqrt(p * (1 - p) / (double)n + z2 / (4 * (double)n *
	    (double)n)) / denom;
	*lo = centre - half;
	*hi = centre + half;
	if (*lo < 0 || k == 0)
		*lo = 0;
	if (*hi > 1 || k == n)
		*hi = 1;
}
