/*
 * distinct.c - distinct counts for mot inspect: the values themselves and
 * how often each came while there are at most a limit of them, then a
 * HyperLogLog (Flajolet, Fusy, Gandouet and Meunier, 2007) with the small-
 * range correction by linear counting of Heule, Nunkesser and Hall (2013),
 * over XXH3 hashes. The values kept stay, with their counts frozen: they
 * are the examples and the top of the list.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "distinct.h"
#include "xmalloc.h"

#define NREGS	((size_t)1 << DISTINCT_P)

void
distinct_init(struct distinct *d, size_t limit)
{
	memset(d, 0, sizeof *d);
	d->limit = limit;
	strtab_init(&d->exact);
}

void
distinct_free(struct distinct *d)
{
	strtab_free(&d->exact);
	free(d->counts);
	free(d->regs);
	memset(d, 0, sizeof *d);
}

/* Add one hash to the registers: the index from the top P bits, the rank of the first 1 in the rest. */
static void
hll_add(uint8_t *regs, uint64_t h)
{
	size_t		i = (size_t)(h >> (64 - DISTINCT_P));
	uint64_t	w = h << DISTINCT_P;
	uint8_t		rank = 1;

	while (rank <= 64 - DISTINCT_P && (w & UINT64_C(1) << 63) == 0) {
		rank++;
		w <<= 1;
	}
	if (rank > regs[i])
		regs[i] = rank;
}

void
distinct_add(struct distinct *d, const char *s, size_t len)
{
	long	i;
	size_t	k, cap;

	d->n++;
	if (d->regs == NULL) {
		if ((i = strtab_find(&d->exact, s, len)) >= 0) {
			d->counts[i]++;
			return;
		}
		if (d->exact.n < d->limit) {
			cap = d->exact.cap;
			k = strtab_intern(&d->exact, s, len);
			if (d->exact.cap != cap || d->counts == NULL)
				d->counts = xreallocarray(d->counts,
				    d->exact.cap, sizeof *d->counts);
			d->counts[k] = 1;
			return;
		}
		/* Past the limit: the registers take every value kept. */
		d->regs = xcalloc(NREGS, 1);
		for (k = 0; k < d->exact.n; k++)
			hll_add(d->regs, XXH3_64bits(strtab_key(&d->exact, k),
			    d->exact.lens[k]));
	}
	hll_add(d->regs, XXH3_64bits(s, len));
}

int
distinct_is_exact(const struct distinct *d)
{
	return (d->regs == NULL);
}

uint64_t
distinct_count(const struct distinct *d)
{
	double	m = (double)NREGS, sum = 0, est;
	size_t	i, zeros = 0;

	if (d->regs == NULL)
		return (d->exact.n);
	for (i = 0; i < NREGS; i++) {
		sum += ldexp(1, -(int)d->regs[i]);
		if (d->regs[i] == 0)
			zeros++;
	}
	est = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	if (est <= 2.5 * m && zeros > 0)
		est = m * log(m / (double)zeros);
	/* Never fewer than the values known to be distinct. */
	if (est < (double)d->exact.n)
		est = (double)d->exact.n;
	return ((uint64_t)llround(est));
}

size_t
distinct_kept(const struct distinct *d)
{
	return (d->exact.n);
}

const char *
distinct_value(const struct distinct *d, size_t i, size_t *len,
    uint64_t *count)
{
	if (i >= d->exact.n)
		return (NULL);
	*len = d->exact.lens[i];
	*count = d->counts[i];
	return (strtab_key(&d->exact, i));
}
