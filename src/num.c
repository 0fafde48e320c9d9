/*
 * num.c - strict numbers for what a user types: command-line options and
 * settings in the environment. strtol, strtod and atoi take what C takes
 * (leading space, a sign, hex, "inf", "nan", anything after the number);
 * these take decimal digits (with a fraction and exponent for a real
 * number) and nothing else, within the caller's range. Pure: no I/O.
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

#define DIG(c)	((unsigned)((c) - '0') <= 9)

int
num_digits(const char *s, uint64_t max, uint64_t *v, const char **end)
{
	uint64_t	n = 0;
	unsigned	d;
	const char	*p;

	for (p = s; DIG(*p); p++) {
		d = (unsigned)(*p - '0');
		if (n > (max - d) / 10)
			return (-1);
		n = n * 10 + d;
	}
	if (p == s)
		return (-1);
	*v = n;
	*end = p;
	return (0);
}

int
num_int(const char *s, int64_t lo, int64_t hi, int64_t *v)
{
	const char	*end;
	uint64_t	 u;
	int		 neg = 0;

	if (lo < 0 && *s == '-') {
		neg = 1;
		s++;
	}
	if (num_digits(s, neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX, &u,
	    &end) != 0 || *end != '\0')
		return (-1);
	if (neg)
		*v = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
	else
		*v = (int64_t)u;
	if (*v < lo || *v > hi)
		return (-1);
	return (0);
}

int
num_double(const char *s, const char *suffix, double lo, double hi, double *v)
{
	const char	*p = s, *q;
	char		*end;
	size_t		 digits = 0;
	double		 d;

	if (*p == '-')
		p++;
	for (; DIG(*p); p++)
		digits++;
	if (*p == '.') {
		for (p++; DIG(*p); p++)
			digits++;
	}
	if (digits == 0)
		return (-1);
	if (*p == 'e' || *p == 'E') {
		q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (!DIG(*q))
			return (-1);
		while (DIG(*q))
			q++;
		p = q;
	}
	if (*p != '\0' && (suffix == NULL || strcmp(p, suffix) != 0))
		return (-1);
	errno = 0;
	d = strtod(s, &end);	/* the C locale: mot never calls setlocale */
	if (end != p || errno != 0 || !isfinite(d) || d < lo || d > hi)
		return (-1);
	*v = d;
	return (0);
}

int
num_size(const char *s, uint64_t *v)
{
	const char	*end;
	uint64_t	 n;
	int		 shift = 0;

	if (num_digits(s, UINT64_MAX, &n, &end) != 0)
		return (-1);
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (*end != '\0' || (shift > 0 && n > (UINT64_MAX >> shift)))
		return (-1);
	*v = n << shift;
	return (0);
}
