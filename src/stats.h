/* stats.h - interval estimates for rates. */
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

#endif
