/* num.h - strict numbers for options and settings: what a user typed, read whole. */
#ifndef MOT_NUM_H
#define MOT_NUM_H

#include <stdint.h>

/* The decimal digits at the start of s as a number up to max, *end after them; 0, or -1 with none or past max. */
int	num_digits(const char *, uint64_t, uint64_t *, const char **);
/* A whole number in [lo, hi]: decimal digits, '-' first only when lo < 0, nothing else; 0, or -1. */
int	num_int(const char *, int64_t, int64_t, int64_t *);
/* A finite decimal number in [lo, hi] (digits, a fraction, an exponent), then nothing or exactly suffix; 0, or -1. */
int	num_double(const char *, const char *, double, double, double *);
/* A size in bytes: digits, then nothing or one of K, M, G, T (powers of 1024); 0, or -1. */
int	num_size(const char *, uint64_t *);

#endif
