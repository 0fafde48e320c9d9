/*
 * stats.c - interval estimates. The Wilson score interval (Wilson, 1927)
 * behaves at rates near 0 and 1 and with small n, where the normal
 * approximation gives intervals outside [0, 1] (Brown, Cai and DasGupta, 2001).
 * A difference of two estimates takes its interval from theirs by the
 * method of variance estimates recovery (MOVER: Newcombe 1998, method 10,
 * for proportions; Zou and Donner 2008 in general). The NPS of a group
 * takes the adjusted-Wald interval, which Rocks (2016) found the best of
 * those he compared for small samples: 3/4 of an answer is added to the
 * promoters and to the detractors and 3/2 to the passives before the
 * trinomial standard error. Both ends of such intervals stay within the
 * range and never meet, so a difference's interval stays within
 * [-200, 200] points and never has zero width (docs/scoring.md, 12).
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

void
mover_diff(double a, double alo, double ahi, double b, double blo, double bhi,
    double *lo, double *hi)
{
	*lo = a - b - sqrt((a - alo) * (a - alo) + (bhi - b) * (bhi - b));
	*hi = a - b + sqrt((ahi - a) * (ahi - a) + (b - blo) * (b - blo));
}

void
newcombe_diff(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, double z,
    double *lo, double *hi)
{
	double	l1, h1, l2, h2;

	if (n1 == 0 || n2 == 0) {
		*lo = *hi = NAN;
		return;
	}
	wilson(k1, n1, z, &l1, &h1);
	wilson(k2, n2, z, &l2, &h2);
	mover_diff((double)k1 / (double)n1, l1, h1, (double)k2 / (double)n2,
	    l2, h2, lo, hi);
}

/* The adjusted shares of promoters and detractors, and the variance of their difference. */
static double
nps_adjusted(uint64_t p, uint64_t d, uint64_t n, double *net)
{
	double	np = (double)n + 3, pp, pd;

	pp = ((double)p + 0.75) / np;
	pd = ((double)d + 0.75) / np;
	*net = pp - pd;
	return ((pp + pd - *net * *net) / np);
}

void
nps_interval(uint64_t p, uint64_t d, uint64_t n, double *nps, double *lo,
    double *hi)
{
	double	net, half;

	if (n == 0) {
		*nps = *lo = *hi = NAN;
		return;
	}
	*nps = 100 * ((double)p - (double)d) / (double)n;
	half = Z95 * sqrt(nps_adjusted(p, d, n, &net));
	*lo = fmax(-100, 100 * (net - half));
	*hi = fmin(100, 100 * (net + half));
	/* The adjusted centre moves towards 0: keep the estimate inside. */
	*lo = fmin(*lo, *nps);
	*hi = fmax(*hi, *nps);
}

void
nps_diff(const struct nps_counts *a, const struct nps_counts *b,
    double *delta, double *lo, double *hi, double *p)
{
	double	na, la, ha, nb, lb, hb, neta, netb, v;

	*delta = *lo = *hi = *p = NAN;
	if (a->n == 0 || b->n == 0)
		return;
	nps_interval(a->promoters, a->detractors, a->n, &na, &la, &ha);
	nps_interval(b->promoters, b->detractors, b->n, &nb, &lb, &hb);
	*delta = na - nb;
	mover_diff(na, la, ha, nb, lb, hb, lo, hi);
	*lo = fmax(-200, *lo);
	*hi = fmin(200, *hi);
	v = nps_adjusted(a->promoters, a->detractors, a->n, &neta) +
	    nps_adjusted(b->promoters, b->detractors, b->n, &netb);
	*p = erfc(fabs(neta - netb) / sqrt(v) / sqrt(2));
}
