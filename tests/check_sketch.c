/*
 * check_sketch.c - tests for sketch.c: exact nearest-rank quantiles up to
 * SKETCH_EXACT values, the 1% relative error of the DDSketch beyond, zeros,
 * and merges (exact, binned, mixed) against one sketch of all the values;
 * Kaplan-Meier quantiles and curves over events and censorings (no
 * censoring gives the nearest rank, ties put events first, a hand-worked
 * example, one bucket is one time); Kaplan-Meier at one time with
 * Greenwood's variance, worked by hand, exactly and in buckets.
 * Expected quantiles come from sorting the values here: the smallest v with
 * at least ceil(q * n) values <= v.
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check_mot.h"
#include "sketch.h"

static const double	qs[] = {
	0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1
};
#define NQ	(sizeof qs / sizeof qs[0])

static int
dcmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

/* Nearest rank on sorted values, computed with integers where possible. */
static double
nearest_rank(const double *sorted, size_t n, double q)
{
	size_t	rank = (size_t)ceil(q * (double)n);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return (sorted[rank - 1]);
}

/* A deterministic spread of values over several orders of magnitude. */
static double
spread(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return (0.001 * pow(10, (double)(*state >> 11) / 9007199254740992.0 *
	    9));
}

static void
assert_same_quantiles(struct sketch *a, struct sketch *b)
{
	size_t	i;

	ck_assert_uint_eq(a->n, b->n);
	for (i = 0; i < NQ; i++)
		ck_assert_msg(sketch_quantile(a, qs[i]) ==
		    sketch_quantile(b, qs[i]), "q=%g: %.17g != %.17g", qs[i],
		    sketch_quantile(a, qs[i]), sketch_quantile(b, qs[i]));
}

START_TEST(test_empty)
{
	struct sketch	s;

	sketch_init(&s);
	ck_assert(isnan(sketch_quantile(&s, 0.5)));
	ck_assert(isnan(sketch_quantile(&s, 0)));
	ck_assert(isnan(sketch_quantile(&s, 1)));
	sketch_free(&s);
}
END_TEST

START_TEST(test_single)
{
	struct sketch	s;

	sketch_init(&s);
	sketch_add(&s, 42.5);
	ck_assert_double_eq(sketch_quantile(&s, 0), 42.5);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 42.5);
	ck_assert_double_eq(sketch_quantile(&s, 1), 42.5);
	sketch_free(&s);
}
END_TEST

START_TEST(test_exact_1_100)
{
	struct sketch	s;
	int		i;

	sketch_init(&s);
	for (i = 100; i >= 1; i--)	/* out of order on purpose */
		sketch_add(&s, i);
	ck_assert_uint_eq(s.n, 100);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 50);
	ck_assert_double_eq(sketch_quantile(&s, 0.9), 90);
	ck_assert_double_eq(sketch_quantile(&s, 0.95), 95);
	ck_assert_double_eq(sketch_quantile(&s, 0.99), 99);
	ck_assert_double_eq(sketch_quantile(&s, 1), 100);
	ck_assert_double_eq(s.max, 100);
	ck_assert_double_eq(s.min, 1);
	ck_assert_double_eq(sketch_quantile(&s, 0), 1);
	ck_assert_double_eq(sketch_quantile(&s, 0.001), 1);
	ck_assert_double_eq(sketch_quantile(&s, 0.011), 2);
	ck_assert_double_eq(sketch_quantile(&s, 0.501), 51);
	sketch_free(&s);
}
END_TEST

START_TEST(test_exact_small_n)
{
	struct sketch	s;

	/* n = 3: p50 is rank 2, p90 rank 3. */
	sketch_init(&s);
	sketch_add(&s, 30);
	sketch_add(&s, 10);
	sketch_add(&s, 20);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 20);
	ck_assert_double_eq(sketch_quantile(&s, 0.9), 30);
	ck_assert_double_eq(sketch_quantile(&s, 0.33), 10);
	ck_assert_double_eq(sketch_quantile(&s, 0.34), 20);
	/* Adding after a quantile re-sorts. */
	sketch_add(&s, 5);
	ck_assert_double_eq(sketch_quantile(&s, 0.25), 5);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 10);
	sketch_free(&s);
}
END_TEST

START_TEST(test_duplicates)
{
	struct sketch	s;
	int		i;

	sketch_init(&s);
	for (i = 0; i < 90; i++)
		sketch_add(&s, 7);
	for (i = 0; i < 10; i++)
		sketch_add(&s, 300);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 7);
	ck_assert_double_eq(sketch_quantile(&s, 0.9), 7);
	ck_assert_double_eq(sketch_quantile(&s, 0.91), 300);
	ck_assert_double_eq(sketch_quantile(&s, 0), 7);
	sketch_free(&s);
}
END_TEST

START_TEST(test_exact_at_limit)
{
	struct sketch	s;
	int		i;

	/* SKETCH_EXACT values are still exact. */
	sketch_init(&s);
	for (i = 1; i <= SKETCH_EXACT; i++)
		sketch_add(&s, i);
	ck_assert_ptr_nonnull(s.exact);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), SKETCH_EXACT / 2);
	ck_assert_double_eq(sketch_quantile(&s, 0.9), 922);	/* ceil(921.6) */
	sketch_free(&s);
}
END_TEST

START_TEST(test_binned_1_100000)
{
	struct sketch	s;
	double		want, got;
	size_t		i, rank;
	int		v;

	sketch_init(&s);
	for (v = 1; v <= 100000; v++)
		sketch_add(&s, v);
	ck_assert_ptr_null(s.exact);
	ck_assert_uint_eq(s.n, 100000);
	for (i = 0; i < NQ; i++) {
		rank = (size_t)ceil(qs[i] * 100000);
		want = rank < 1 ? 1 : (double)rank;
		got = sketch_quantile(&s, qs[i]);
		ck_assert_msg(fabs(got - want) <= SKETCH_ALPHA * want + 1e-9,
		    "q=%g: got %g, want %g", qs[i], got, want);
	}
	ck_assert_double_eq(sketch_quantile(&s, 1), 100000);
	ck_assert_double_eq(sketch_quantile(&s, 0), 1);
	sketch_free(&s);
}
END_TEST

START_TEST(test_binned_spread)
{
	struct sketch	 s;
	double		*v, want, got;
	unsigned long	 st = 12345;
	size_t		 i, n = 20000;

	v = malloc(n * sizeof *v);
	ck_assert_ptr_nonnull(v);
	sketch_init(&s);
	for (i = 0; i < n; i++) {
		v[i] = spread(&st);
		sketch_add(&s, v[i]);
	}
	qsort(v, n, sizeof *v, dcmp);
	for (i = 0; i < NQ; i++) {
		want = nearest_rank(v, n, qs[i]);
		got = sketch_quantile(&s, qs[i]);
		ck_assert_msg(fabs(got - want) <= SKETCH_ALPHA * want * 1.0000001,
		    "q=%g: got %.9g, want %.9g", qs[i], got, want);
	}
	ck_assert_double_eq(s.max, v[n - 1]);
	ck_assert_double_eq(s.min, v[0]);
	free(v);
	sketch_free(&s);
}
END_TEST

START_TEST(test_zeros_exact)
{
	struct sketch	s;

	sketch_init(&s);
	sketch_add(&s, 0);
	sketch_add(&s, 0);
	sketch_add(&s, -3);	/* counts as 0 */
	sketch_add(&s, 8);
	ck_assert_double_eq(s.min, 0);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 0);
	ck_assert_double_eq(sketch_quantile(&s, 0.75), 0);
	ck_assert_double_eq(sketch_quantile(&s, 0.76), 8);
	sketch_free(&s);
}
END_TEST

START_TEST(test_zeros_binned)
{
	struct sketch	s;
	double		got;
	int		i;

	sketch_init(&s);
	for (i = 0; i < 2000; i++)
		sketch_add(&s, 0);
	for (i = 0; i < 1000; i++)
		sketch_add(&s, 10);
	ck_assert_ptr_null(s.exact);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 0);
	ck_assert_double_eq(sketch_quantile(&s, 2.0 / 3), 0);
	got = sketch_quantile(&s, 0.9);
	ck_assert_double_eq_tol(got, 10, 10 * SKETCH_ALPHA);
	ck_assert_double_eq(sketch_quantile(&s, 1), 10);
	sketch_free(&s);
}
END_TEST

START_TEST(test_all_zeros_binned)
{
	struct sketch	s;
	int		i;

	sketch_init(&s);
	for (i = 0; i < 3000; i++)
		sketch_add(&s, 0);
	ck_assert_double_eq(sketch_quantile(&s, 0), 0);
	ck_assert_double_eq(sketch_quantile(&s, 0.5), 0);
	ck_assert_double_eq(sketch_quantile(&s, 1), 0);
	sketch_free(&s);
}
END_TEST

/* Sketches that sketch_add and sketch_merge make pass sketch_invalid; others fail. */
START_TEST(test_invalid_made)
{
	struct sketch	a, b;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	ck_assert_ptr_null(sketch_invalid(&a));
	for (i = 0; i < 500; i++)
		sketch_add(&a, i * 0.5);
	ck_assert_ptr_null(sketch_invalid(&a));
	for (i = 0; i < 3000; i++)
		sketch_add(&b, i < 100 ? 0 : 1e-3 * i * i);
	ck_assert_ptr_null(sketch_invalid(&b));
	sketch_merge(&a, &b);
	ck_assert_ptr_null(sketch_invalid(&a));
	sketch_free(&a);
	sketch_init(&a);
	for (i = 0; i < 2000; i++)
		sketch_add(&a, 0);	/* all in the zero bucket: no bins */
	ck_assert_ptr_null(sketch_invalid(&a));
	sketch_add(&a, 1e300);
	sketch_add(&a, 1e-6);
	ck_assert_ptr_null(sketch_invalid(&a));
	ck_assert_int_ge(sketch_key(1e-6), sketch_key_min());
	ck_assert_int_le(sketch_key(1e300), sketch_key_max());
	sketch_free(&a);
	sketch_free(&b);
}
END_TEST

START_TEST(test_invalid_crafted)
{
	struct sketch	s;
	int		i;

	sketch_init(&s);
	s.min = 0;			/* empty, with a min */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	sketch_init(&s);
	for (i = 0; i < 10; i++)
		sketch_add(&s, i);
	s.exact[3] = NAN;
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.exact[3] = 3;
	s.max = INFINITY;
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.max = 8;			/* not the largest value */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	sketch_free(&s);
	for (i = 0; i < 2000; i++)
		sketch_add(&s, 1 + i);
	ck_assert_ptr_null(sketch_invalid(&s));
	s.min_key = sketch_key_max() - (int32_t)s.nbins + 2;	/* past the last key */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.min_key = sketch_key_min() - 1;
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.min_key = sketch_key(1);
	s.n++;				/* one more than the buckets hold */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.n -= 2;			/* one less */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.n++;
	ck_assert_ptr_null(sketch_invalid(&s));
	s.zeros = s.n + 1;
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	s.zeros = 0;
	s.bins[0] = 0;			/* the first bucket empty */
	ck_assert_ptr_nonnull(sketch_invalid(&s));
	sketch_free(&s);
}
END_TEST

START_TEST(test_merge_exact)
{
	struct sketch	a, b, all;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	sketch_init(&all);
	for (i = 1; i <= 60; i++) {
		sketch_add(i % 2 ? &a : &b, i * 1.5);
		sketch_add(&all, i * 1.5);
	}
	sketch_merge(&a, &b);
	ck_assert_ptr_nonnull(a.exact);
	assert_same_quantiles(&a, &all);
	ck_assert_double_eq(sketch_quantile(&a, 0.5), 45);
	ck_assert_double_eq(a.min, 1.5);
	ck_assert_double_eq(a.max, 90);
	/* Merging an empty sketch changes nothing. */
	sketch_free(&b);
	sketch_merge(&a, &b);
	assert_same_quantiles(&a, &all);
	sketch_free(&a);
	sketch_free(&b);
	sketch_free(&all);
}
END_TEST

START_TEST(test_merge_exact_into_empty)
{
	struct sketch	a, b;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	for (i = 1; i <= 10; i++)
		sketch_add(&b, i);
	sketch_merge(&a, &b);
	assert_same_quantiles(&a, &b);
	sketch_free(&a);
	sketch_free(&b);
}
END_TEST

START_TEST(test_merge_exact_overflow)
{
	struct sketch	a, b, all;
	int		i;

	/* Two exact sketches whose sum no longer fits: both go to buckets. */
	sketch_init(&a);
	sketch_init(&b);
	sketch_init(&all);
	for (i = 1; i <= 1600; i++) {
		sketch_add(i <= 800 ? &a : &b, i);
		sketch_add(&all, i);
	}
	ck_assert_ptr_nonnull(a.exact);
	ck_assert_ptr_nonnull(b.exact);
	sketch_merge(&a, &b);
	assert_same_quantiles(&a, &all);
	ck_assert_double_eq(a.max, 1600);
	ck_assert_double_eq(a.min, 1);
	sketch_free(&a);
	sketch_free(&b);
	sketch_free(&all);
}
END_TEST

START_TEST(test_merge_binned)
{
	struct sketch	a, b, all;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	sketch_init(&all);
	for (i = 1; i <= 100000; i++) {
		/* b has the small values: buckets below a's must shift in. */
		sketch_add(i > 50000 ? &a : &b, i);
		sketch_add(&all, i);
	}
	sketch_add(&b, 0);
	sketch_add(&all, 0);
	ck_assert_ptr_null(a.exact);
	ck_assert_ptr_null(b.exact);
	sketch_merge(&a, &b);
	assert_same_quantiles(&a, &all);
	ck_assert_double_eq(a.min, 0);
	ck_assert_double_eq(a.max, 100000);
	sketch_free(&a);
	sketch_free(&b);
	sketch_free(&all);
}
END_TEST

START_TEST(test_merge_exact_into_binned)
{
	struct sketch	a, b, all;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	sketch_init(&all);
	for (i = 1; i <= 5000; i++) {
		sketch_add(&a, i);
		sketch_add(&all, i);
	}
	for (i = 0; i < 500; i++) {
		sketch_add(&b, 0.01 * (i + 1));
		sketch_add(&all, 0.01 * (i + 1));
	}
	sketch_merge(&a, &b);
	ck_assert_uint_eq(a.n, 5500);
	assert_same_quantiles(&a, &all);
	ck_assert_double_eq(a.min, 0.01);
	sketch_free(&a);
	sketch_free(&b);
	sketch_free(&all);
}
END_TEST

START_TEST(test_merge_binned_into_exact)
{
	struct sketch	a, b, all;
	int		i;

	sketch_init(&a);
	sketch_init(&b);
	sketch_init(&all);
	for (i = 0; i < 100; i++) {
		sketch_add(&a, 1000 + i);
		sketch_add(&all, 1000 + i);
	}
	for (i = 1; i <= 3000; i++) {
		sketch_add(&b, i);
		sketch_add(&all, i);
	}
	sketch_merge(&a, &b);
	ck_assert_uint_eq(a.n, 3100);
	assert_same_quantiles(&a, &all);
	ck_assert_double_eq(a.max, 3000);
	ck_assert_double_eq(a.min, 1);
	sketch_free(&a);
	sketch_free(&b);
	sketch_free(&all);
}
END_TEST

/* The definition of a bucket, computed here with libm. */
static int32_t
key_def(double v)
{
	return ((int32_t)ceil(log(v) / SKETCH_GAMMA_LN));
}

/*
 * sketch_key reads most keys from a table instead of calling log; it must
 * give the definition's key for every value: random ones over the whole
 * range, and the doubles right around each bucket's edge.
 */
START_TEST(test_key_matches_log)
{
	unsigned	seed = 12345;
	double		v, edge;
	int32_t		k;
	int		i, d;

	for (i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		/* 1e-6 .. 1e12: ln spans -13.8 .. 27.6 */
		v = exp(-13.8 + 41.4 * (double)(seed >> 8) / 16777216.0);
		ck_assert_int_eq(sketch_key(v), key_def(v));
	}
	for (k = -690; k <= 1400; k++) {
		edge = exp((double)k * SKETCH_GAMMA_LN);
		v = edge;
		for (d = 0; d < 4; d++)
			v = nextafter(v, 0);
		for (d = 0; d < 9; d++) {
			if (v >= 1e-6)
				ck_assert_int_eq(sketch_key(v), key_def(v));
			v = nextafter(v, INFINITY);
		}
	}
	/* Outside the table: very large values still follow the definition. */
	ck_assert_int_eq(sketch_key(1e15), key_def(1e15));
	ck_assert_int_eq(sketch_key(1e-6), key_def(1e-6));
}
END_TEST

/* Fill a sketch with n values from a list. */
static void
fill(struct sketch *s, const double *v, size_t n)
{
	size_t	i;

	sketch_init(s);
	for (i = 0; i < n; i++)
		sketch_add(s, v[i]);
}

static void
assert_km_is_nearest_rank(struct sketch *ev)
{
	struct sketch	none;
	double		t;
	size_t		i;
	double		more[] = { 0.123, 0.5001, 0.8999, 0.9001, 0.333, 0.667 };

	sketch_init(&none);
	for (i = 0; i < NQ; i++) {
		ck_assert_int_eq(sketch_km_quantile(ev, &none, qs[i], &t), 1);
		ck_assert_msg(t == sketch_quantile(ev, qs[i]), "q=%g: %.17g != "
		    "%.17g", qs[i], t, sketch_quantile(ev, qs[i]));
	}
	for (i = 0; i < sizeof more / sizeof more[0]; i++) {
		ck_assert_int_eq(sketch_km_quantile(ev, &none, more[i], &t), 1);
		ck_assert_double_eq(t, sketch_quantile(ev, more[i]));
	}
	sketch_free(&none);
}

START_TEST(test_km_uncensored_exact)
{
	struct sketch	ev;
	unsigned long	st = 99;
	int		i;

	sketch_init(&ev);
	for (i = 0; i < 1000; i++)	/* ties too */
		sketch_add(&ev, i % 3 == 0 ? 60 : floor(spread(&st)));
	ck_assert_ptr_nonnull(ev.exact);
	assert_km_is_nearest_rank(&ev);
	sketch_free(&ev);
	sketch_init(&ev);
	for (i = 1; i <= 10; i++)
		sketch_add(&ev, i);
	assert_km_is_nearest_rank(&ev);
	sketch_free(&ev);
}
END_TEST

START_TEST(test_km_uncensored_binned)
{
	struct sketch	ev;
	unsigned long	st = 7;
	int		i;

	sketch_init(&ev);
	for (i = 0; i < 50000; i++)
		sketch_add(&ev, i % 10 == 0 ? 0 : spread(&st));
	ck_assert_ptr_null(ev.exact);
	assert_km_is_nearest_rank(&ev);
	sketch_free(&ev);
}
END_TEST

START_TEST(test_km_ties_events_first)
{
	struct sketch	ev, cens;
	double		t, e[] = { 1, 2, 2, 3 }, c[] = { 2 };

	/*
	 * At 2 the censoring is still at risk: S(2) = 4/5 x 2/4 = 0.4. Were
	 * it first, S(2) would be 4/5 x 1/3 and p70 would be 2, not 3.
	 */
	fill(&ev, e, 4);
	fill(&cens, c, 1);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.2, &t), 1);
	ck_assert_double_eq(t, 1);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.6, &t), 1);
	ck_assert_double_eq(t, 2);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.7, &t), 1);
	ck_assert_double_eq(t, 3);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 1, &t), 1);
	ck_assert_double_eq(t, 3);
	sketch_free(&ev);
	sketch_free(&cens);
}
END_TEST

START_TEST(test_km_ties_one_bucket)
{
	struct sketch	ev, cens;
	double		t;
	int		i;

	/*
	 * In buckets, 99.95 and 100 are one time (key 231): the censorings,
	 * though earlier, are at risk for the events, and S falls to 1/2,
	 * not 0.
	 */
	ck_assert_int_eq(sketch_key(99.95), sketch_key(100));
	sketch_init(&ev);
	sketch_init(&cens);
	for (i = 0; i < 1100; i++) {
		sketch_add(&ev, 100);
		sketch_add(&cens, 99.95);
	}
	ck_assert_ptr_null(ev.exact);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.5, &t), 1);
	ck_assert_double_eq(t, 100);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.51, &t), 0);
	ck_assert(isnan(t));
	sketch_free(&ev);
	sketch_free(&cens);
}
END_TEST

START_TEST(test_km_all_censored)
{
	struct sketch	ev, cens;
	struct sketch_km_point *p;
	double		t, c[] = { 5, 50, 500 };

	sketch_init(&ev);
	ck_assert_int_eq(sketch_km_quantile(&ev, &ev, 0.5, &t), 0);
	ck_assert(isnan(t));
	ck_assert_uint_eq(sketch_km_curve(&ev, &ev, &p), 0);
	ck_assert_ptr_null(p);
	fill(&cens, c, 3);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0, &t), 0);
	ck_assert(isnan(t));
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.9, &t), 0);
	/* The curve: nothing finished, up to the longest censored. */
	ck_assert_uint_eq(sketch_km_curve(&ev, &cens, &p), 1);
	ck_assert_double_eq(p[0].t, 500);
	ck_assert_double_eq(p[0].f, 0);
	free(p);
	sketch_free(&cens);
}
END_TEST

START_TEST(test_km_hand)
{
	struct sketch	ev, cens;
	struct sketch_km_point *p;
	double		t, e[] = { 12, 3, 8, 5 }, c[] = { 9, 12, 4 };
	double		c2[] = { 9, 12, 4, 20 };

	/*
	 * Events 3 5 8 12, censored 4 9 12 (N 7). S: 3: 6/7; 5: 6/7 x 4/5
	 * = 24/35; 8: x 3/4 = 18/35; 12: two at risk, x 1/2 = 9/35. The
	 * distribution reaches 17/35 at 8 and 26/35 at 12, never 0.75.
	 */
	fill(&ev, e, 4);
	fill(&cens, c, 3);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.1, &t), 1);
	ck_assert_double_eq(t, 3);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 1.0 / 7, &t), 1);
	ck_assert_double_eq(t, 3);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.3, &t), 1);
	ck_assert_double_eq(t, 5);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 17.0 / 35, &t), 1);
	ck_assert_double_eq(t, 8);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.5, &t), 1);
	ck_assert_double_eq(t, 12);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 26.0 / 35, &t), 1);
	ck_assert_double_eq(t, 12);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.75, &t), 0);
	ck_assert_int_eq(sketch_km_quantile(&ev, &cens, 0.9, &t), 0);
	ck_assert_uint_eq(sketch_km_curve(&ev, &cens, &p), 4);
	ck_assert_double_eq(p[0].t, 3);
	ck_assert_double_eq_tol(p[0].f, 1.0 / 7, 1e-12);
	ck_assert_double_eq(p[3].t, 12);
	ck_assert_double_eq_tol(p[3].f, 26.0 / 35, 1e-12);
	free(p);
	sketch_free(&cens);
	/* One more censored, at 20: S 7/8, 35/48, 7/12, then 7/18 at 12. */
	fill(&cens, c2, 4);
	ck_assert_uint_eq(sketch_km_curve(&ev, &cens, &p), 5);
	ck_assert_double_eq(p[0].f, 1.0 / 8);
	ck_assert_double_eq_tol(p[1].f, 13.0 / 48, 1e-12);
	ck_assert_double_eq_tol(p[2].f, 5.0 / 12, 1e-12);
	ck_assert_double_eq_tol(p[3].f, 11.0 / 18, 1e-12);
	ck_assert_double_eq(p[4].t, 20);
	ck_assert_double_eq(p[4].f, p[3].f);
	free(p);
	sketch_free(&ev);
	sketch_free(&cens);
}
END_TEST

START_TEST(test_km_binned_censored)
{
	struct sketch	ev, cens, exev, excens;
	double		t, u;
	int		i, r1, r2;
	size_t		k;

	/*
	 * The same data in buckets and exactly (duplicated 100 times in
	 * buckets): where no bucket holds both an event and a censoring, the
	 * quantiles agree within the bucket's relative error.
	 */
	sketch_init(&ev);
	sketch_init(&cens);
	sketch_init(&exev);
	sketch_init(&excens);
	for (i = 1; i <= 10; i++) {
		sketch_add(&exev, 10 * i);
		sketch_add(&excens, 10 * i + 5);
	}
	for (i = 0; i < 1000; i++) {
		sketch_merge(&ev, &exev);
		sketch_merge(&cens, &excens);
	}
	ck_assert_ptr_null(ev.exact);
	ck_assert_ptr_null(cens.exact);
	for (k = 0; k < NQ; k++) {
		r1 = sketch_km_quantile(&exev, &excens, qs[k], &t);
		r2 = sketch_km_quantile(&ev, &cens, qs[k], &u);
		ck_assert_int_eq(r1, r2);
		if (r1)
			ck_assert_msg(fabs(u - t) <= SKETCH_ALPHA * t, "q=%g: "
			    "%g, exactly %g", qs[k], u, t);
	}
	sketch_free(&ev);
	sketch_free(&cens);
	sketch_free(&exev);
	sketch_free(&excens);
}
END_TEST

START_TEST(test_km_at_hand)
{
	struct sketch		ev, cens;
	struct sketch_km_at	at;
	double			e[] = { 12, 3, 8, 5 }, c[] = { 9, 12, 4 };
	double			g;

	/*
	 * test_km_hand's data: events 3 5 8 12, censored 4 9 12 (N 7). At 8:
	 * three events by then, one censored before (4), three known past
	 * (9, 12, 12); S = 18/35, Greenwood's sum 1/(7 x 6) + 1/(5 x 4) +
	 * 1/(4 x 3) = 11/70.
	 */
	fill(&ev, e, 4);
	fill(&cens, c, 3);
	sketch_km_at(&ev, &cens, 8, &at);
	ck_assert_uint_eq(at.n, 7);
	ck_assert_uint_eq(at.above, 3);
	ck_assert_uint_eq(at.cens_before, 1);
	ck_assert_double_eq_tol(at.s, 18.0 / 35, 1e-12);
	g = 11.0 / 70;
	ck_assert_double_eq_tol(at.var, 18.0 / 35 * 18.0 / 35 * g, 1e-12);
	/* At 9 the censoring at 9 was running: past it, not before. */
	sketch_km_at(&ev, &cens, 9, &at);
	ck_assert_uint_eq(at.above, 3);
	ck_assert_uint_eq(at.cens_before, 1);
	ck_assert_double_eq_tol(at.s, 18.0 / 35, 1e-12);
	/* At 12: the event at 12 is done, two at risk: + 1/(2 x 1). */
	sketch_km_at(&ev, &cens, 12, &at);
	ck_assert_uint_eq(at.above, 1);
	ck_assert_uint_eq(at.cens_before, 2);
	ck_assert_double_eq_tol(at.s, 9.0 / 35, 1e-12);
	ck_assert_double_eq_tol(at.var, 9.0 / 35 * 9.0 / 35 * (g + 0.5),
	    1e-12);
	/* Before anything: all past it, no variance. */
	sketch_km_at(&ev, &cens, 2, &at);
	ck_assert_uint_eq(at.above, 7);
	ck_assert_uint_eq(at.cens_before, 0);
	ck_assert_double_eq(at.s, 1);
	ck_assert_double_eq(at.var, 0);
	sketch_free(&ev);
	sketch_free(&cens);
}
END_TEST

START_TEST(test_km_at_uncensored)
{
	struct sketch		ev, none;
	struct sketch_km_at	at;
	int			i;

	/* 1..10 at 8: 2 of 10 past; Greenwood is then S (1 - S) / n. */
	sketch_init(&ev);
	sketch_init(&none);
	for (i = 10; i >= 1; i--)
		sketch_add(&ev, i);
	sketch_km_at(&ev, &none, 8, &at);
	ck_assert_uint_eq(at.n, 10);
	ck_assert_uint_eq(at.above, 2);
	ck_assert_uint_eq(at.cens_before, 0);
	ck_assert_double_eq(at.s, 0.2);
	ck_assert_double_eq_tol(at.var, 0.2 * 0.8 / 10, 1e-15);
	sketch_km_at(&ev, &none, 7.5, &at);
	ck_assert_uint_eq(at.above, 3);
	/* At the largest: none past, S 0, no variance. */
	sketch_km_at(&ev, &none, 10, &at);
	ck_assert_uint_eq(at.above, 0);
	ck_assert_double_eq(at.s, 0);
	ck_assert_double_eq(at.var, 0);
	/* Empty: nothing known. */
	sketch_km_at(&none, &none, 8, &at);
	ck_assert_uint_eq(at.n, 0);
	ck_assert_uint_eq(at.above, 0);
	sketch_free(&ev);
}
END_TEST

START_TEST(test_km_at_binned)
{
	struct sketch		ev, cens;
	struct sketch_km_at	at;
	int			i;

	/* 1,000 at 10 and 1,000 at 100, in buckets: at 50, half past. */
	sketch_init(&ev);
	sketch_init(&cens);
	for (i = 0; i < 1000; i++) {
		sketch_add(&ev, 10);
		sketch_add(&ev, 100);
	}
	ck_assert_ptr_null(ev.exact);
	sketch_km_at(&ev, &cens, 50, &at);
	ck_assert_uint_eq(at.n, 2000);
	ck_assert_uint_eq(at.above, 1000);
	ck_assert_double_eq_tol(at.s, 0.5, 1e-15);
	ck_assert_double_eq_tol(at.var, 0.25 / 2000, 1e-15);
	/* t's bucket stands at t: within 1% of 100 is done by then. */
	sketch_km_at(&ev, &cens, 100, &at);
	ck_assert_uint_eq(at.above, 0);
	sketch_km_at(&ev, &cens, 100.5, &at);
	ck_assert_uint_eq(at.above, 0);
	sketch_km_at(&ev, &cens, 97, &at);
	ck_assert_uint_eq(at.above, 1000);
	/* 1,000 censored at 20: before 50, side unknown; S stays 1/2. */
	for (i = 0; i < 1000; i++)
		sketch_add(&cens, 20);
	sketch_km_at(&ev, &cens, 50, &at);
	ck_assert_uint_eq(at.n, 3000);
	ck_assert_uint_eq(at.above, 1000);
	ck_assert_uint_eq(at.cens_before, 1000);
	ck_assert_double_eq_tol(at.s, 2.0 / 3, 1e-15);
	/* One event step (10: 1,000 of 3,000): S 2/3, sum 1000/(3000 x 2000). */
	ck_assert_double_eq_tol(at.var, 4.0 / 9 * 1000 / (3000.0 * 2000),
	    1e-15);
	sketch_free(&ev);
	sketch_free(&cens);
}
END_TEST

Suite *
make_sketch_suite(void)
{
	Suite	*s = suite_create("sketch");
	TCase	*tc;

	tc = tcase_create("exact");
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_single);
	tcase_add_test(tc, test_exact_1_100);
	tcase_add_test(tc, test_exact_small_n);
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_exact_at_limit);
	tcase_add_test(tc, test_zeros_exact);
	suite_add_tcase(s, tc);

	tc = tcase_create("binned");
	tcase_add_test(tc, test_binned_1_100000);
	tcase_add_test(tc, test_binned_spread);
	tcase_add_test(tc, test_zeros_binned);
	tcase_add_test(tc, test_all_zeros_binned);
	tcase_add_test(tc, test_key_matches_log);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_test(tc, test_invalid_made);
	tcase_add_test(tc, test_invalid_crafted);
	suite_add_tcase(s, tc);

	tc = tcase_create("merge");
	tcase_add_test(tc, test_merge_exact);
	tcase_add_test(tc, test_merge_exact_into_empty);
	tcase_add_test(tc, test_merge_exact_overflow);
	tcase_add_test(tc, test_merge_binned);
	tcase_add_test(tc, test_merge_exact_into_binned);
	tcase_add_test(tc, test_merge_binned_into_exact);
	suite_add_tcase(s, tc);

	tc = tcase_create("kaplan-meier");
	tcase_add_test(tc, test_km_uncensored_exact);
	tcase_add_test(tc, test_km_uncensored_binned);
	tcase_add_test(tc, test_km_ties_events_first);
	tcase_add_test(tc, test_km_ties_one_bucket);
	tcase_add_test(tc, test_km_all_censored);
	tcase_add_test(tc, test_km_hand);
	tcase_add_test(tc, test_km_binned_censored);
	tcase_add_test(tc, test_km_at_hand);
	tcase_add_test(tc, test_km_at_uncensored);
	tcase_add_test(tc, test_km_at_binned);
	suite_add_tcase(s, tc);
	return (s);
}
