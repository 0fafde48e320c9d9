/*
 * sketch.c - quantiles in bounded memory. Up to SKETCH_EXACT values are kept
 * as they are, so small runs give exact nearest-rank percentiles; beyond
 * that the values move into a DDSketch (Masson, Rim and Lee, VLDB 2019):
 * logarithmic buckets whose every quantile is within SKETCH_ALPHA relative
 * error, mergeable exactly by adding bucket counts.
 */
#include <config.h>

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sketch.h"
#include "xmalloc.h"

/* The room the exact values first get (a power of two). */
#define SKETCH_FIRST	16

/* Values below this (seconds) share the zero bucket. */
#define SKETCH_MIN	1e-6

static double
gamma_ln(void)
{
	return (SKETCH_GAMMA_LN);
}

void
sketch_init(struct sketch *s)
{
	memset(s, 0, sizeof *s);
	s->exact = NULL;
	s->min = INFINITY;
	s->max = -INFINITY;
}

void
sketch_free(struct sketch *s)
{
	free(s->exact);
	free(s->bins);
	sketch_init(s);
}

/* The bucket of v: ceil(ln v / gamma), the definition. */
static int32_t
key_log(double v)
{
	double	x = log(v) / gamma_ln();
	int32_t	k = (int32_t)x;	/* |x| < 40000 for any double v >= SKETCH_MIN */

	return (k < x ? k + 1 : k);	/* ceil, without a call */
}

/*
 * The same keys without a log for most values: the doubles of one binary
 * exponent and one value of the top KEY_BITS mantissa bits form a cell,
 * and where key_log gives its smallest and largest double the same key,
 * every double between has it too (key_log does not decrease), so the
 * table holds it; cells that straddle a bucket edge (about one in twenty)
 * and exponents outside the table go to key_log.
 */
#define KEY_BITS	10
#define KEY_EXP_MIN	(1023 - 21)	/* 2^-21 < SKETCH_MIN */
#define KEY_EXP_MAX	(1023 + 40)	/* 2^40 s: 35,000 years */
#define KEY_STRADDLE	INT16_MIN

static int16_t	key_table[KEY_EXP_MAX - KEY_EXP_MIN + 1][1 << KEY_BITS];
static pthread_once_t	key_once = PTHREAD_ONCE_INIT;
static atomic_int	key_ready;

static double
double_of(uint64_t bits)
{
	double	d;

	memcpy(&d, &bits, sizeof d);
	return (d);
}

static void
key_table_init(void)
{
	uint64_t	e, c, lo, hi;
	int32_t		klo, khi;

	for (e = KEY_EXP_MIN; e <= KEY_EXP_MAX; e++) {
		for (c = 0; c < (1 << KEY_BITS); c++) {
			lo = e << 52 | c << (52 - KEY_BITS);
			hi = lo | ((UINT64_C(1) << (52 - KEY_BITS)) - 1);
			klo = key_log(double_of(lo));
			khi = key_log(double_of(hi));
			key_table[e - KEY_EXP_MIN][c] = klo == khi &&
			    klo > KEY_STRADDLE && klo <= INT16_MAX ?
			    (int16_t)klo : KEY_STRADDLE;
		}
	}
	atomic_store_explicit(&key_ready, 1, memory_order_release);
}

int32_t
sketch_key(double v)
{
	uint64_t	bits, e;
	int16_t		k;

	memcpy(&bits, &v, sizeof bits);
	e = bits >> 52;		/* v > 0: no sign bit */
	if (e >= KEY_EXP_MIN && e <= KEY_EXP_MAX) {
		if (!atomic_load_explicit(&key_ready, memory_order_acquire))
			pthread_once(&key_once, key_table_init);
		k = key_table[e - KEY_EXP_MIN][(bits >> (52 - KEY_BITS)) &
		    ((1 << KEY_BITS) - 1)];
		if (k != KEY_STRADDLE)
			return (k);
	}
	return (key_log(v));
}

static void
bin_add_key(struct sketch *s, int32_t k, uint64_t count)
{
	size_t	nbins, shift;

	if (s->nbins == 0) {
		s->min_key = k;
		s->nbins = 1;
		s->bins = xcalloc(1, sizeof *s->bins);
	} else if (k < s->min_key) {
		shift = (size_t)(s->min_key - k);
		nbins = s->nbins + shift;
		s->bins = xreallocarray(s->bins, nbins, sizeof *s->bins);
		memmove(s->bins + shift, s->bins, s->nbins * sizeof *s->bins);
		memset(s->bins, 0, shift * sizeof *s->bins);
		s->nbins = nbins;
		s->min_key = k;
	} else if ((size_t)(k - s->min_key) >= s->nbins) {
		nbins = (size_t)(k - s->min_key) + 1;
		s->bins = xreallocarray(s->bins, nbins, sizeof *s->bins);
		memset(s->bins + s->nbins, 0,
		    (nbins - s->nbins) * sizeof *s->bins);
		s->nbins = nbins;
	}
	s->bins[k - s->min_key] += count;
}

static void
bin_add(struct sketch *s, double v, uint64_t count)
{
	if (v < SKETCH_MIN)
		s->zeros += count;
	else
		bin_add_key(s, sketch_key(v), count);
}

/* Move the exact values into buckets. */
static void
to_bins(struct sketch *s)
{
	uint64_t	i;

	if (s->exact == NULL)
		return;
	for (i = 0; i < s->n; i++)
		bin_add(s, s->exact[i], 1);
	free(s->exact);
	s->exact = NULL;
}

static int
in_bins(const struct sketch *s)
{
	return (s->n > 0 && s->exact == NULL);
}

void
sketch_add(struct sketch *s, double v)
{
	int32_t	k;

	if (!(v > 0))
		v = 0;
	if (v < s->min)
		s->min = v;
	if (v > s->max)
		s->max = v;
	if (s->exact == NULL && s->n > 0 && v >= SKETCH_MIN) {
		k = sketch_key(v);		/* in buckets: the common case */
		if (k >= s->min_key && (size_t)(k - s->min_key) < s->nbins)
			s->bins[k - s->min_key]++;
		else
			bin_add_key(s, k, 1);
		s->n++;
		return;
	}
	if (s->n < SKETCH_EXACT && !in_bins(s)) {
		/* Room for 16, then doubled: a sketch of few values is small. */
		if (s->exact == NULL || (s->n >= SKETCH_FIRST &&
		    (s->n & (s->n - 1)) == 0))
			s->exact = xreallocarray(s->exact, s->exact == NULL ?
			    SKETCH_FIRST : s->n * 2, sizeof *s->exact);
		s->exact[s->n++] = v;
		s->sorted = 0;
		return;
	}
	to_bins(s);
	bin_add(s, v, 1);
	s->n++;
}

void
sketch_merge(struct sketch *dst, const struct sketch *src)
{
	uint64_t	i;
	size_t		b;

	if (src->n == 0)
		return;
	if (!in_bins(src) && !in_bins(dst) && dst->n + src->n <= SKETCH_EXACT) {
		for (i = 0; i < src->n; i++)
			sketch_add(dst, src->exact[i]);
		return;
	}
	to_bins(dst);
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	if (!in_bins(src)) {
		for (i = 0; i < src->n; i++)
			bin_add(dst, src->exact[i], 1);
	} else {
		dst->zeros += src->zeros;
		for (b = 0; b < src->nbins; b++) {
			if (src->bins[b] != 0)
				bin_add_key(dst, src->min_key + (int32_t)b,
				    src->bins[b]);
		}
	}
	dst->n += src->n;
}

int32_t
sketch_key_min(void)
{
	return (sketch_key(SKETCH_MIN));
}

int32_t
sketch_key_max(void)
{
	return (sketch_key(DBL_MAX));
}

/*
 * The bounds sketch_add and sketch_merge keep: an empty sketch as
 * sketch_init makes it; up to SKETCH_EXACT finite values >= 0, min and max
 * among them; or buckets whose keys are those of doubles >= SKETCH_MIN,
 * the first and last non-zero, that with the zero bucket add up to n.
 */
const char *
sketch_invalid(const struct sketch *s)
{
	uint64_t	i, sum;
	double		lo, hi;

	if (s->n == 0)
		return (s->min == INFINITY && s->max == -INFINITY &&
		    s->nbins == 0 && s->zeros == 0 ? NULL :
		    "an empty sketch with values");
	if (!isfinite(s->min) || !isfinite(s->max) || s->min < 0 ||
	    s->min > s->max)
		return ("min and max must be finite, 0 <= min <= max");
	if (s->exact != NULL) {
		if (s->n > SKETCH_EXACT)
			return ("more exact values than a sketch keeps");
		lo = INFINITY;
		hi = -INFINITY;
		for (i = 0; i < s->n; i++) {
			if (!isfinite(s->exact[i]) || s->exact[i] < 0)
				return ("a value that is not a finite number "
				    ">= 0");
			lo = s->exact[i] < lo ? s->exact[i] : lo;
			hi = s->exact[i] > hi ? s->exact[i] : hi;
		}
		if (lo != s->min || hi != s->max)
			return ("min and max are not those of the values");
		return (NULL);
	}
	if (s->n <= SKETCH_EXACT)
		return ("in buckets with no more values than are kept exactly");
	if (s->nbins > 0 && (s->min_key < sketch_key_min() ||
	    s->min_key > sketch_key_max() ||
	    s->nbins - 1 > (size_t)(sketch_key_max() - s->min_key)))
		return ("bucket keys out of range");
	if (s->nbins > 0 && (s->bins[0] == 0 || s->bins[s->nbins - 1] == 0))
		return ("first or last bucket empty");
	if (s->zeros > s->n)
		return ("more values below the smallest bucket than n");
	sum = s->zeros;
	for (i = 0; i < s->nbins; i++) {
		if (s->bins[i] > s->n - sum)
			return ("buckets hold more values than n");
		sum += s->bins[i];
	}
	if (sum != s->n)
		return ("buckets hold fewer values than n");
	return (NULL);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

double
sketch_quantile(struct sketch *s, double q)
{
	uint64_t	rank, seen;
	size_t		b;
	double		v;

	if (s->n == 0)
		return (NAN);
	rank = (uint64_t)ceil(q * (double)s->n - 1e-9);
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	if (rank == s->n)
		return (s->max);
	if (!in_bins(s)) {
		if (!s->sorted) {
			qsort(s->exact, s->n, sizeof *s->exact, dbl_cmp);
			s->sorted = 1;
		}
		return (s->exact[rank - 1]);
	}
	seen = s->zeros;
	if (rank <= seen)
		return (s->min);
	for (b = 0; b < s->nbins; b++) {
		seen += s->bins[b];
		if (seen >= rank)
			break;
	}
	/* The bucket (gamma^(k-1), gamma^k] is represented by 2 gamma^k / (gamma + 1). */
	v = 2 * exp((double)(s->min_key + (int32_t)b) * gamma_ln()) /
	    (1 + exp(gamma_ln()));
	if (v < s->min)
		v = s->min;
	if (v > s->max)
		v = s->max;
	return (v);
}
