/*
 * sketch.c - quantiles in bounded memory. Up to SKETCH_EXACT values are kept
 * as they are, so small runs give exact nearest-rank percentiles; beyond
 * that the values move into a DDSketch (Masson, Rim and Lee, VLDB 2019):
 * logarithmic buckets whose every quantile is within SKETCH_ALPHA relative
 * error, mergeable exactly by adding bucket counts. Times of which some
 * are censored (still running) get the Kaplan-Meier product-limit
 * estimate (Kaplan and Meier, JASA 1958) over two sketches: the events
 * and the censorings.
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

/*
 * Kaplan-Meier over two sketches. The distinct times of both, in order, are
 * steps: d events and c censorings at one time (in bucket mode, one bucket:
 * same bucket, same time). At a step the events come first: a censoring at
 * t was still running at t, so it is at risk for the events at t.
 */
struct km_step {
	double		t;		/* the time; NaN until known */
	int32_t		key;		/* bucket mode: KM_ZERO or the key */
	uint64_t	d, c;
};

/* The zero bucket's place before every key. */
#define KM_ZERO		INT32_MIN
/* Shares within this of q reach it: the last bits of a product. */
#define KM_EPS		1e-9

static void
km_sort(struct sketch *s)
{
	if (s->n > 0 && !in_bins(s) && !s->sorted) {
		qsort(s->exact, s->n, sizeof *s->exact, dbl_cmp);
		s->sorted = 1;
	}
}

/* The value that stands for bucket k: 2 gamma^k / (gamma + 1). */
static double
km_bucket_value(int32_t k)
{
	return (2 * exp((double)k * gamma_ln()) / (1 + exp(gamma_ln())));
}

/* The bucket of the ith value of s in order (s sorted or in bins), and how many share it. */
struct km_cursor {
	struct sketch	*s;
	uint64_t	 i;		/* exact: index; bins: 0 zeros, 1+b bin */
};

static int
km_next(struct km_cursor *k, int bins, int32_t *key, double *v,
    uint64_t *count)
{
	struct sketch	*s = k->s;
	uint64_t	 j;

	if (!bins || !in_bins(s)) {
		if (k->i >= s->n)
			return (0);
		*v = s->exact[k->i];
		*key = !bins ? 0 : *v < SKETCH_MIN ? KM_ZERO : sketch_key(*v);
		for (j = k->i + 1; j < s->n; j++) {
			if (bins ? (s->exact[j] < SKETCH_MIN ? KM_ZERO :
			    sketch_key(s->exact[j])) != *key : s->exact[j] != *v)
				break;
		}
		*count = j - k->i;
		k->i = j;
		return (1);
	}
	if (k->i == 0) {
		k->i = 1;
		if (s->zeros > 0) {
			*key = KM_ZERO;
			*v = NAN;
			*count = s->zeros;
			return (1);
		}
	}
	while (k->i - 1 < s->nbins && s->bins[k->i - 1] == 0)
		k->i++;
	if (k->i - 1 >= s->nbins)
		return (0);
	*key = s->min_key + (int32_t)(k->i - 1);
	*v = NAN;
	*count = s->bins[k->i - 1];
	k->i++;
	return (1);
}

/*
 * The steps of ev and cens, in order. Exact when neither is in buckets;
 * else every value goes by its bucket, and a step's time is the bucket's
 * value within the range of the sketch it came from (ev's for a step with
 * events), the smallest value for the zero bucket.
 */
static size_t
km_steps(struct sketch *ev, struct sketch *cens, struct km_step **out)
{
	struct km_cursor	 a = { ev, 0 }, b = { cens, 0 };
	struct km_step		*st, *x;
	size_t			 n = 0, cap = 16;
	int			 bins = in_bins(ev) || in_bins(cens), ha, hb;
	int32_t			 ka = 0, kb = 0;
	double			 va = 0, vb = 0;
	uint64_t		 ca = 0, cb = 0;
	struct sketch		*from;

	km_sort(ev);
	km_sort(cens);
	st = xreallocarray(NULL, cap, sizeof *st);
	ha = km_next(&a, bins, &ka, &va, &ca);
	hb = km_next(&b, bins, &kb, &vb, &cb);
	while (ha || hb) {
		if (n == cap) {
			cap *= 2;
			st = xreallocarray(st, cap, sizeof *st);
		}
		x = &st[n++];
		x->d = x->c = 0;
		/* Take a's (the events') step when it comes first or ties. */
		if (ha && (!hb || (bins ? ka <= kb : va <= vb))) {
			x->key = ka;
			x->t = va;
			x->d = ca;
			if (hb && (bins ? ka == kb : va == vb)) {
				x->c = cb;
				hb = km_next(&b, bins, &kb, &vb, &cb);
			}
			ha = km_next(&a, bins, &ka, &va, &ca);
		} else {
			x->key = kb;
			x->t = vb;
			x->c = cb;
			hb = km_next(&b, bins, &kb, &vb, &cb);
		}
		if (!bins)
			continue;
		from = x->d > 0 ? ev : cens;
		if (x->key == KM_ZERO)
			x->t = from->min;
		else {
			x->t = km_bucket_value(x->key);
			if (x->t < from->min)
				x->t = from->min;
			if (x->t > from->max)
				x->t = from->max;
		}
	}
	*out = st;
	return (n);
}

/* S after d events with r at risk: exactly (N - done) / N while no censoring has come. */
static double
km_survival(double s, int censored, uint64_t r, uint64_t d, uint64_t done,
    uint64_t total)
{
	if (!censored)
		return ((double)(total - done) / (double)total);
	return (d == 0 ? s : s * (double)(r - d) / (double)r);
}

/*
 * S(t) is the product over the event times up to t of (1 - d / r), r the
 * occurrences at risk (not yet finished or censored). While no censoring
 * has come, S is (N - k) / N exactly and the events are counted against
 * the nearest rank, as sketch_quantile does.
 */
int
sketch_km_quantile(struct sketch *ev, struct sketch *cens, double q,
    double *t)
{
	struct km_step	*st;
	size_t		 n, i;
	uint64_t	 total = ev->n + cens->n, risk = total, done = 0, rank;
	uint64_t	 j, left = ev->n;
	double		 s = 1;
	int		 censored = 0, found = 0;

	*t = NAN;
	if (ev->n == 0)
		return (0);
	rank = (uint64_t)ceil(q * (double)total - 1e-9);
	if (rank < 1)
		rank = 1;
	if (rank > total)
		rank = total;
	n = km_steps(ev, cens, &st);
	for (i = 0; i < n && !found; i++) {
		for (j = 1; j <= st[i].d; j++) {
			if (!censored ? done + j >= rank : 1 - s * (double)
			    (risk - j) / (double)risk >= q - KM_EPS) {
				found = 1;
				break;
			}
		}
		if (found) {
			/* The last event itself: the largest value. */
			*t = left == j ? ev->max : st[i].t;
			break;
		}
		done += st[i].d;
		s = km_survival(s, censored, risk, st[i].d, done, total);
		left -= st[i].d;
		risk -= st[i].d + st[i].c;
		if (st[i].c > 0)
			censored = 1;
	}
	free(st);
	return (found);
}

double
sketch_km_longest(const struct sketch *ev, const struct sketch *cens,
    int *censored)
{
	*censored = cens->n > 0 && (ev->n == 0 || cens->max > ev->max);
	if (ev->n + cens->n == 0)
		return (NAN);
	return (*censored ? cens->max : ev->max);
}

size_t
sketch_km_curve(struct sketch *ev, struct sketch *cens,
    struct sketch_km_point **pts)
{
	struct km_step		*st;
	struct sketch_km_point	*p;
	size_t			 n, i, k = 0;
	uint64_t		 risk = ev->n + cens->n, done = 0;
	double			 s = 1;
	int			 censored = 0;

	*pts = NULL;
	if (risk == 0)
		return (0);
	n = km_steps(ev, cens, &st);
	p = xcalloc(n + 1, sizeof *p);
	for (i = 0; i < n; i++) {
		if (st[i].d > 0) {
			done += st[i].d;
			s = km_survival(s, censored, risk, st[i].d, done,
			    ev->n + cens->n);
			p[k].t = st[i].t;
			p[k++].f = 1 - s;
		}
		risk -= st[i].d + st[i].c;
		if (st[i].c > 0)
			censored = 1;
	}
	if (cens->n > 0 && (ev->n == 0 || cens->max > ev->max)) {
		p[k].t = cens->max;
		p[k++].f = 1 - s;
	}
	free(st);
	if (k == 0) {
		free(p);
		p = NULL;
	}
	*pts = p;
	return (k);
}

/*
 * Kaplan-Meier at one time t: S(t) = prod over event times t_i <= t of
 * (1 - d_i / r_i), and Greenwood's variance S(t)^2 sum d_i / (r_i (r_i -
 * d_i)) (Greenwood 1926; Kaplan and Meier 1958). An event at t has
 * finished by t; a censoring at t or after was still running at t, so it
 * is known to be above it; one before t may end on either side. In
 * buckets every value stands at its bucket, and t's bucket at t: a value
 * within 1% of t (the sketch's accuracy) may be counted on the wrong side.
 */
void
sketch_km_at(struct sketch *ev, struct sketch *cens, double t,
    struct sketch_km_at *out)
{
	struct km_step	*st;
	size_t		 n, i;
	uint64_t	 total = ev->n + cens->n, risk = total, done = 0;
	int		 bins = in_bins(ev) || in_bins(cens), censored = 0;
	int32_t		 key = 0;
	double		 s = 1, g = 0;

	memset(out, 0, sizeof *out);
	out->n = total;
	out->s = 1;
	if (total == 0 || isnan(t))
		return;
	if (bins)
		key = t < SKETCH_MIN ? KM_ZERO : sketch_key(t);
	n = km_steps(ev, cens, &st);
	for (i = 0; i < n; i++) {
		if (bins ? st[i].key > key : st[i].t > t)
			break;
		if (st[i].d > 0) {
			done += st[i].d;
			s = km_survival(s, censored, risk, st[i].d, done, total);
			if (risk > st[i].d)
				g += (double)st[i].d / ((double)risk *
				    (double)(risk - st[i].d));
		}
		/* Censorings at t itself were running at t: above it. */
		if (st[i].c > 0 && (bins ? st[i].key < key : st[i].t < t)) {
			out->cens_before += st[i].c;
			censored = 1;
		}
		risk -= st[i].d + st[i].c;
	}
	free(st);
	out->above = total - done - out->cens_before;
	out->s = s;
	out->var = s > 0 ? s * s * g : 0;
}
