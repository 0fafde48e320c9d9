/* stats.h - interval estimates for rates, and for differences of NPS and of proportions; the binomial upper tail. */
#ifndef MOT_STATS_H
#define MOT_STATS_H

#include <stdint.h>

/* z for a two-sided 95% interval. */
#define Z95	1.959963984540054

/* The Wilson score interval of k successes in n trials; NaN bounds when n is 0. */
void	wilson(uint64_t, uint64_t, double, double *, double *);
/* The Wilson interval of a rate p over an effective sample size n (NaN bounds when n is not > 0). */
void	wilson_eff(double, double, double, double *, double *);
/* The journey-clustered effective sample size of b breaches in n occurrences over J journeys (sums of n_j^2, b_j n_j, b_j^2). */
double	stats_neff(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
/* An interval for a - b from an interval for each (MOVER: Newcombe 1998, Zou and Donner 2008). */
void	mover_diff(double, double, double, double, double, double, double *,
	    double *);
/* Newcombe's interval for k1/n1 - k2/n2 from Wilson intervals; NaN when n1 or n2 is 0. */
void	newcombe_diff(uint64_t, uint64_t, uint64_t, uint64_t, double, double *,
	    double *);
/* The NPS of promoters and detractors among n answers, in points, and its adjusted-Wald 95% interval (Rocks 2016); NaN when n is 0. */
void	nps_interval(uint64_t, uint64_t, uint64_t, double *, double *,
	    double *);
/* One group's NPS answers: promoters, detractors, all answers. */
struct nps_counts {
	uint64_t	promoters, detractors, n;
};
/* NPS a - b in points, its 95% MOVER interval within [-200, 200] and the adjusted-Wald two-sided p; NaN when a side has no answer. */
void	nps_diff(const struct nps_counts *, const struct nps_counts *,
	    double *, double *, double *, double *);
/* P(X >= k) for X ~ Binomial(n, p): the one-sided exact binomial test; 1 when k is 0, 0 when k > n. */
double	binom_sf(uint64_t, uint64_t, double);
/* P(X >= k) for X ~ Beta-binomial(n, a, b), a and b at least 1; 1 when k is 0, 0 when k > n, NaN for a bad a or b. */
double	betabinom_sf(uint64_t, uint64_t, double, double);
/* log M(p) of the beta-binomial mixture martingale (Howard et al. 2021) after s successes and f failures, prior Beta(a, b); p in (0, 1). */
double	cs_betabin_log(double, double, double, double, double);
/* Its confidence sequence at level alpha, {p : M(p) < 1/alpha}: [0, 1] before any data. */
void	cs_betabin(double, double, double, double, double, double *, double *);
/* The prior Beta(a, b) centred on a share, tuned (Howard et al.) for t_opt trials at alpha. */
void	cs_betabin_prior(double, double, double, double *, double *);

#endif
