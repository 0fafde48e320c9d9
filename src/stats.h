/* stats.h - interval estimates for rates. */
#ifndef MOT_STATS_H
#define MOT_STATS_H

#include <stdint.h>

/* z for a two-sided 95% interval. */
#define Z95	1.959963984540054

/* The Wilson score interval of k successes in n trials; NaN bounds when n is 0. */
void	wilson(uint64_t, uint64_t, double, double *, double *);

#endif
