/* distinct.h - how many distinct values: exact up to a limit, then a HyperLogLog estimate, in bounded memory. Pure: no I/O. */
#ifndef MOT_DISTINCT_H
#define MOT_DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "strtab.h"

/* HyperLogLog registers, 2^DISTINCT_P: a standard error of 1.04/sqrt(2^P), 0.8%. */
#define DISTINCT_P	14

struct distinct {
	size_t		 limit;		/* values kept exactly, at most */
	struct strtab	 exact;		/* the values, first seen first, until the limit */
	uint64_t	*counts;	/* by index in exact: how often */
	uint8_t		*regs;		/* NULL until past the limit */
	uint64_t	 n;		/* values added */
};

/* Make an empty count that keeps up to limit values exactly. */
void	distinct_init(struct distinct *, size_t);
/* Free its memory. */
void	distinct_free(struct distinct *);
/* Add the len bytes at s. */
void	distinct_add(struct distinct *, const char *, size_t);
/* Whether the count is exact (never past the limit). */
int	distinct_is_exact(const struct distinct *);
/* The number of distinct values: exact, or the estimate. */
uint64_t distinct_count(const struct distinct *);
/* The values kept, first seen first (all of them while exact). */
size_t	distinct_kept(const struct distinct *);
/* Value i of those kept, its length in *len, and how often it came in *count (exact while the count is). */
const char *distinct_value(const struct distinct *, size_t, size_t *,
	    uint64_t *);

#endif
