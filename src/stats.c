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

/*
 * The binomial probability mass in log space after Loader ("Fast and
 * accurate computation of binomial probabilities", 2000), as R's dbinom:
 * Stirling's error and the deviance term keep it accurate to the last
 * digits for any n, where lgamma differences of 10^7 lose eight of them.
 */
static double
stirlerr(double n)
{
	double	nn;

	if (n <= 15)
		return (lgamma(n + 1) - (n + 0.5) * log(n) + n -
		    0.918938533204672741780329736406);	/* ln sqrt(2 pi) */
	nn = n * n;
	return ((1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 -
	    1.0 / (1188 * nn)) / nn) / nn) / nn) / n);
}

/* x ln(x / m) + m - x, without the cancellation when x is near m. */
static double
bd0(double x, double m)
{
	double	v, s, s1, ej;
	int	j;

	if (fabs(x - m) < 0.1 * (x + m)) {
		v = (x - m) / (x + m);
		s = (x - m) * v;
		ej = 2 * x * v;
		v *= v;
		for (j = 1; j < 1000; j++) {
			ej *= v;
			s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				break;
			s = s1;
		}
		return (s);
	}
	return (x * log(x / m) + m - x);
}

/*
 * ln P(X = k) for X ~ Binomial(n, p), 0 < p < 1, k <= n. The means n p
 * and n (1 - p) are rounded, which bd0 would carry as an error of about
 * (1 - x / mean) times the rounding: their remainders (fma) correct it
 * to first order.
 */
static double
binom_log_pmf(uint64_t k, uint64_t n, double p)
{
	double	x = (double)k, nd = (double)n, q = 1 - p, mp, mq, ep, eq;
	double	lc, lf;

	if (k == 0)
		return (nd * log1p(-p));
	if (k == n)
		return (nd * log(p));
	mp = nd * p;
	ep = fma(nd, p, -mp);
	mq = nd * q;
	eq = fma(nd, q, -mq) + nd * ((1 - q) - p);	/* q itself rounded */
	lc = stirlerr(nd) - stirlerr(x) - stirlerr(nd - x) - bd0(x, mp) -
	    bd0(nd - x, mq) - ep * (1 - x / mp) - eq * (1 - (nd - x) / mq);
	lf = 1.837877066409345483560659472811 + log(x) + log1p(-x / nd);
	return (lc - 0.5 * lf);
}

/* log of the Beta-binomial(n, a, b) probability of j. */
static double
betabinom_log_pmf(uint64_t j, uint64_t n, double a, double b)
{
	double	nd = (double)n, jd = (double)j;

	return (lgamma(nd + 1) - lgamma(jd + 1) - lgamma(nd - jd + 1) +
	    lgamma(jd + a) + lgamma(nd - jd + b) - lgamma(nd + a + b) -
	    (lgamma(a) + lgamma(b) - lgamma(a + b)));
}

/*
 * P(X >= k) for X ~ Beta-binomial(n, a, b), a, b >= 1 (log-concave, so
 * one mode next to the mean): the tail away from the mean summed as
 * ratios of its first term, as binom_sf does.
 */
double
betabinom_sf(uint64_t k, uint64_t n, double a, double b)
{
	double		mean, t, s, m, jd, nd = (double)n;
	uint64_t	j;
	int		upper;

	if (k == 0)
		return (1);
	if (k > n)
		return (0);
	if (!(a >= 1) || !(b >= 1) || isinf(a) || isinf(b))
		return (NAN);
	mean = nd * a / (a + b);
	upper = (double)k > mean;
	j = upper ? k : k - 1;
	s = t = 1;
	for (;;) {
		jd = (double)j;
		if (upper) {
			if (j == n)
				break;
			t *= (nd - jd) / (jd + 1) * (jd + a) / (nd - jd - 1 + b);
			j++;
		} else {
			if (j == 0)
				break;
			t *= jd / (nd - jd + 1) * (nd - jd + b) / (jd - 1 + a);
			j--;
		}
		s += t;
		if (t < s * 1e-17)
			break;
	}
	m = exp(betabinom_log_pmf(upper ? k : k - 1, n, a, b) + log(s));
	if (!upper)
		m = 1 - m;
	return (m < 0 ? 0 : m > 1 ? 1 : m);
}

/*
 * P(X >= k) for X ~ Binomial(n, p). The tail away from the mode is summed
 * as ratios of its first term (which is therefore the only one that can
 * underflow, and only when the answer is below the smallest double); a
 * tail that reaches past the mode is one minus the other. Terms shrink at
 * least as fast as a normal's, so about 9 standard deviations of them
 * make a sum exact to a double: some 9,000 for n = 10^7.
 */
double
binom_sf(uint64_t k, uint64_t n, double p)
{
	double		mode, r, t, s, m;
	uint64_t	j;
	int		upper;

	if (k == 0 || isnan(p))
		return (k == 0 ? 1 : NAN);
	if (k > n || p <= 0)
		return (0);
	if (p >= 1)
		return (1);
	mode = floor(((double)n + 1) * p);
	upper = (double)k > mode;
	/* Upper: terms k, k + 1, ... n. Lower: terms k - 1, k - 2, ... 0. */
	j = upper ? k : k - 1;
	r = p / (1 - p);
	s = t = 1;
	for (;;) {
		if (upper) {
			if (j == n)
				break;
			t *= (double)(n - j) / (double)(j + 1) * r;
			j++;
		} else {
			if (j == 0)
				break;
			t *= (double)j / ((double)(n - j + 1) * r);
			j--;
		}
		s += t;
		if (t < s * 1e-17)
			break;
	}
	m = exp(binom_log_pmf(upper ? k : k - 1, n, p) + log(s));
	if (!upper)
		m = 1 - m;
	return (m < 0 ? 0 : m > 1 ? 1 : m);
}

/*
 * The beta-binomial mixture of Howard, Ramdas, McAuliffe and Sekhon,
 * "Time-uniform, nonparametric, nonasymptotic confidence sequences",
 * Ann. Statist. 49(2), 2021: the likelihood ratio of a Bernoulli q
 * against p, mixed over q ~ Beta(a, b), after s successes and f
 * failures, M(p) = B(a + s, b + f) / B(a, b) / (p^s (1 - p)^f), a
 * nonnegative martingale under p with M = 1 before any data. In logs.
 */
double
cs_betabin_log(double s, double f, double a, double b, double p)
{
	double	lm;

	lm = lgamma(a + s) + lgamma(b + f) - lgamma(a + b + s + f) -
	    (lgamma(a) + lgamma(b) - lgamma(a + b));
	if (s > 0)
		lm -= s * log(p);
	if (f > 0)
		lm -= f * log1p(-p);
	return (lm);
}

/* Bisect [x0, x1] for where cs_betabin_log crosses thr; up: it rises with p. */
static double
cs_cross(double s, double f, double a, double b, double thr, double x0,
    double x1, int up)
{
	double	mid;
	int	i, above;

	for (i = 0; i < 200; i++) {
		mid = x0 + (x1 - x0) / 2;
		if (mid <= x0 || mid >= x1)
			break;
		above = cs_betabin_log(s, f, a, b, mid) >= thr;
		if (above == up)
			x1 = mid;
		else
			x0 = mid;
	}
	return (up ? x1 : x0);
}

/*
 * {p : M(p) < 1/alpha}. log M is convex in p, and M(s / (s + f)) <= 1 (a
 * mixture of likelihoods is at most the largest), so the set is an
 * interval around the share, each end found by bisection. With no
 * failure M(p) tends to B(a + s, b) / B(a, b) < 1 as p nears 1, so the
 * upper end is 1 (and the lower end 0 with no success). Ville's inequality: the chance that the set ever leaves out
 * the true p, over any number of looks, is at most alpha.
 */
void
cs_betabin(double s, double f, double a, double b, double alpha, double *lo,
    double *hi)
{
	double	thr = log(1 / alpha), share;

	*lo = 0;
	*hi = 1;
	if (!(s + f > 0))
		return;
	share = s / (s + f);
	if (f > 0)
		*hi = cs_cross(s, f, a, b, thr, share, 1, 1);
	if (s > 0)
		*lo = cs_cross(s, f, a, b, thr, 0, share, 0);
}

/*
 * The prior of the paper's tuning of a mixture for the intrinsic time
 * where its boundary is tightest (as the authors' confseq library does
 * it, best_rho and optimal_r): for a share c, the two-sided normal mixture's best
 * precision for intrinsic time v = c (1 - c) t_opt, rho = v / (2 log(1 /
 * alpha) + log(1 + 2 log(1 / alpha))), and r = rho - c (1 - c) (at least
 * 0.001 c (1 - c)): Beta(r / (1 - c), r / c), whose mean is c.
 */
void
cs_betabin_prior(double c, double t_opt, double alpha, double *a, double *b)
{
	double	l = log(1 / alpha), v, rho, r;

	if (c < 0.001)
		c = 0.001;
	if (c > 0.999)
		c = 0.999;
	v = c * (1 - c);
	rho = v * t_opt / (2 * l + log(1 + 2 * l));
	r = rho - v > 0.001 * v ? rho - v : 0.001 * v;
	*a = r / (1 - c);
	*b = r / c;
}
