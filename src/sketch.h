/* sketch.h - quantiles in bounded memory: exact for small counts, DDSketch beyond; Kaplan-Meier over events and censorings. */
#ifndef MOT_SKETCH_H
#define MOT_SKETCH_H

#include <stddef.h>
#include <stdint.h>

/* Values kept exactly before the sketch switches to buckets. */
#define SKETCH_EXACT		1024
/* Relative accuracy of a quantile once in buckets. */
#define SKETCH_ALPHA		0.01
/* ln((1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA)), the width of a bucket. */
#define SKETCH_GAMMA_LN		0.020000666706669435

struct sketch {
	uint64_t	 n;
	double		 min, max;
	double		*exact;		/* NULL once in buckets */
	int		 sorted;
	uint64_t	*bins;		/* bins[i] counts key min_key + i */
	int32_t		 min_key;
	size_t		 nbins;
	uint64_t	 zeros;		/* values below SKETCH_MIN */
};

/* Make an empty sketch. */
void	sketch_init(struct sketch *);
/* Free a sketch's memory. */
void	sketch_free(struct sketch *);
/* The bucket of a value v >= 1e-6: ceil(ln v / SKETCH_GAMMA_LN). */
int32_t	sketch_key(double);
/* Add a value (non-negative; negative values count as 0). */
void	sketch_add(struct sketch *, double);
/* Add every value of src to dst. */
void	sketch_merge(struct sketch *, const struct sketch *);
/* The lowest and highest bucket keys: those of SKETCH_MIN and of the largest double. */
int32_t	sketch_key_min(void);
int32_t	sketch_key_max(void);
/* NULL if a sketch is one sketch_add and sketch_merge can make; else what is wrong. */
const char *sketch_invalid(const struct sketch *);
/* The nearest-rank q-quantile (q in [0,1]); NaN when empty. */
double	sketch_quantile(struct sketch *, double);

/* A point of a Kaplan-Meier curve: the estimated share finished by t, f = 1 - S(t). */
struct sketch_km_point {
	double	t;
	double	f;
};

/* The Kaplan-Meier q-quantile of events ev censored by cens in *t: 1, or 0 (*t NaN) when the curve never reaches q. */
int	sketch_km_quantile(struct sketch *, struct sketch *, double, double *);
/* The longest time of ev and cens, NaN when both are empty; *censored when it is one of cens. */
double	sketch_km_longest(const struct sketch *, const struct sketch *, int *);
/* The Kaplan-Meier curve of ev censored by cens: a point at each event time, then the longest censored time if later; their number, *pts allocated (NULL for none). */
size_t	sketch_km_curve(struct sketch *, struct sketch *,
	    struct sketch_km_point **);

/* Kaplan-Meier at one time t, and the counts either side of it. */
struct sketch_km_at {
	uint64_t	n;		/* events and censorings */
	uint64_t	above;		/* known to last past t: events after t, censorings at t or after */
	uint64_t	cens_before;	/* censored before t: which side of t is not known */
	double		s;		/* S(t): the estimated share still running after t */
	double		var;		/* Greenwood's variance of S(t) */
};

/* Kaplan-Meier S(t) of events ev censored by cens, with Greenwood's variance and the counts above t; exact while both keep values, to a bucket (1%) beyond. */
void	sketch_km_at(struct sketch *, struct sketch *, double,
	    struct sketch_km_at *);

#endif
