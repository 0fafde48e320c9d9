/*
 * suggest.c - "did you mean": when the expectations name a touchpoint (or
 * an attribute) the input never has, the names it does have that are
 * closest. The distance is Damerau-Levenshtein in its optimal string
 * alignment form (insertions, deletions, substitutions and transpositions
 * of two neighbours, each costing 1; Damerau 1964, Levenshtein 1966),
 * over bytes with ASCII letters compared without case, so "Order-Placed"
 * is at 0 from "order-placed". Names that differ only in a "+lifecycle"
 * suffix (an XES classifier's "Order placed+complete" for "Order placed")
 * rank first. The work is bounded: names longer than SUGGEST_MAX_LEN are
 * not compared, and a distance stops once every cell of a row is past its
 * limit. Pure: no I/O.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "suggest.h"

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* strcmp without ASCII case, then with it: a total order. */
static int
name_cmp(const char *a, const char *b)
{
	const unsigned char	*x = (const unsigned char *)a;
	const unsigned char	*y = (const unsigned char *)b;

	for (; *x != '\0' && lower(*x) == lower(*y); x++, y++)
		;
	if (lower(*x) != lower(*y))
		return (lower(*x) < lower(*y) ? -1 : 1);
	return (strcmp(a, b));
}

/* Equal without ASCII case, over n bytes of each. */
static int
same_n(const char *a, const char *b, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return (0);
	}
	return (1);
}

size_t
suggest_distance(const char *a, const char *b, size_t limit)
{
	size_t	rows[3][SUGGEST_MAX_LEN + 1], *prev2, *prev, *cur, *t;
	size_t	la = strlen(a), lb = strlen(b), i, j, v, best;
	int	ca, cb;

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return (SUGGEST_FAR);
	if ((la > lb ? la - lb : lb - la) > limit)
		return (SUGGEST_FAR);
	prev2 = rows[0];
	prev = rows[1];
	cur = rows[2];
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		ca = lower((unsigned char)a[i - 1]);
		cur[0] = i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			cb = lower((unsigned char)b[j - 1]);
			v = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2])
			    && lower((unsigned char)a[i - 2]) == cb &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return (SUGGEST_FAR);
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return (prev[lb] > limit ? SUGGEST_FAR : prev[lb]);
}

size_t
suggest_limit(size_t len)
{
	/* A third of the name, at least 2: "order-placd" (11) takes 3 edits. */
	return (len / 3 > 2 ? len / 3 : 2);
}

/* The length of a name without its last "+suffix", or its length. */
static size_t
base_len(const char *s, size_t len)
{
	const char	*p;

	if ((p = strrchr(s, '+')) == NULL)
		return (len);
	return ((size_t)(p - s));
}

int
suggest_lifecycle(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), ba, bb;

	if (la == lb && same_n(a, b, la))
		return (0);	/* the same name */
	ba = base_len(a, la);
	bb = base_len(b, lb);
	if (ba < la && ba == lb && same_n(a, b, lb))
		return (1);	/* a is b+suffix */
	if (bb < lb && bb == la && same_n(a, b, la))
		return (1);	/* b is a+suffix */
	return (ba < la && bb < lb && ba == bb && same_n(a, b, ba));
}

/* One name in the ranking. */
struct cand {
	const char	*name;
	int		 lifecycle;
	size_t		 dist;
};

static int
cand_cmp(const struct cand *x, const struct cand *y)
{
	if (x->lifecycle != y->lifecycle)
		return (x->lifecycle ? -1 : 1);
	if (x->dist != y->dist)
		return (x->dist < y->dist ? -1 : 1);
	return (name_cmp(x->name, y->name));
}

size_t
suggest_rank(const char *want, const char *const *names, size_t n,
    const char **out, size_t max)
{
	struct cand	 best[SUGGEST_MAX], c;
	size_t		 i, k, nbest = 0, limit;

	if (max > SUGGEST_MAX)
		max = SUGGEST_MAX;
	if (max == 0)
		return (0);
	limit = suggest_limit(strlen(want));
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], want) == 0)
			continue;	/* not a suggestion: the name itself */
		c.name = names[i];
		c.lifecycle = suggest_lifecycle(want, names[i]);
		/* Past the worst kept, a name cannot enter: stop early. */
		k = limit;
		if (nbest == max && !best[max - 1].lifecycle &&
		    best[max - 1].dist < k)
			k = best[max - 1].dist;
		c.dist = suggest_distance(want, names[i], c.lifecycle ?
		    SUGGEST_FAR - 1 : k);
		if (!c.lifecycle && c.dist == SUGGEST_FAR)
			continue;
		if (nbest == max && cand_cmp(&c, &best[max - 1]) >= 0)
			continue;
		if (nbest < max)
			nbest++;
		for (k = nbest - 1; k > 0 && cand_cmp(&c, &best[k - 1]) < 0;
		    k--)
			best[k] = best[k - 1];
		best[k] = c;
	}
	for (i = 0; i < nbest; i++)
		out[i] = best[i].name;
	return (nbest);
}

void
suggest_phrase(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t	i, len;

	if (size == 0)
		return;
	*buf = '\0';
	for (i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s\"%s\"", i == 0 ?
		    " (did you mean " : i + 1 == n ? " or " : ", ", names[i]);
	}
	if (n > 0) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "?)");
	}
}
