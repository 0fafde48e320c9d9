/*
 * read-ids.c - the set of journey ids that duplicates are counted in, in
 * bounded memory, the same for any order of files, pieces and threads.
 */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read-ids.h"
#include "xmalloc.h"

/*
 * Duplicate journey ids. Each read keeps the 64-bit hashes of the ids it
 * sees in a set of its own and adds that set to the caller's only if it
 * succeeds, so a read that failed (a piece of a file read again whole)
 * counts nothing. A set keeps its distinct hashes sorted: duplicates are
 * the ids added less the distinct ones, whatever the order of files,
 * pieces and threads. Past READ_IDS_MAX distinct ids a set stops and says
 * so; a set that is over makes any set it is added to over.
 */
struct read_ids {
	pthread_mutex_t	 lock;
	uint64_t	*v;		/* sorted, distinct */
	size_t		 n;
	uint64_t	*pend;		/* added, not merged yet */
	size_t		 npend, pendcap;
	uint64_t	 added;
	int		 over;		/* past READ_IDS_MAX */
};

/* Hashes a set takes before it sorts them into its distinct ones. */
#define IDS_PEND_MAX	65536

/* FNV-1a, then a finaliser that spreads every bit. */
static uint64_t
id_hash(const char *s)
{
	uint64_t	h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (h);
}

/*
 * Sort n hashes: least significant digit first, six digits of 11 bits,
 * with every digit's counts taken in one pass.
 */
#define ID_DIGIT	11
#define ID_DIGITS	6
#define ID_RADIX	(1 << ID_DIGIT)

static void
u64_sort(uint64_t *v, size_t n, uint64_t *tmp)
{
	size_t		(*count)[ID_RADIX];
	uint64_t	*from = v, *to = tmp, *t;
	size_t		 i, sum, c;
	int		 d;

	count = xcalloc(ID_DIGITS, sizeof *count);
	for (i = 0; i < n; i++) {
		for (d = 0; d < ID_DIGITS; d++)
			count[d][v[i] >> (d * ID_DIGIT) & (ID_RADIX - 1)]++;
	}
	for (d = 0; d < ID_DIGITS; d++) {
		for (i = sum = 0; i < ID_RADIX; i++) {
			c = count[d][i];
			count[d][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[d][from[i] >> (d * ID_DIGIT) &
			    (ID_RADIX - 1)]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* An even number of passes: the sorted hashes are back in v. */
	free(count);
}

/* A set is past READ_IDS_MAX: it keeps nothing more. */
static void
ids_over(struct read_ids *s)
{
	s->over = 1;
	free(s->v);
	free(s->pend);
	s->v = s->pend = NULL;
	s->n = s->npend = s->pendcap = 0;
}

/* Add m sorted, distinct hashes to the set's distinct ones. */
static void
ids_union(struct read_ids *s, const uint64_t *w, size_t m)
{
	uint64_t	*out;
	size_t		 i, j, k;

	if (s->over || m == 0)
		return;
	out = xreallocarray(NULL, s->n + m, sizeof *out);
	for (i = j = k = 0; i < s->n || j < m; ) {
		if (j == m || (i < s->n && s->v[i] < w[j]))
			out[k++] = s->v[i++];
		else if (i == s->n || w[j] < s->v[i])
			out[k++] = w[j++];
		else {
			out[k++] = s->v[i++];
			j++;
		}
	}
	free(s->v);
	s->v = out;
	s->n = k;
	if (s->n > READ_IDS_MAX)
		ids_over(s);
}

/* Merge the pending hashes into the sorted set. */
static void
ids_merge(struct read_ids *s)
{
	uint64_t	*tmp;
	size_t		 i, m;

	if (s->over || s->npend == 0)
		return;
	tmp = xreallocarray(NULL, s->npend, sizeof *tmp);
	u64_sort(s->pend, s->npend, tmp);
	free(tmp);
	for (i = m = 0; i < s->npend; i++) {
		if (m == 0 || s->pend[m - 1] != s->pend[i])
			s->pend[m++] = s->pend[i];
	}
	s->npend = 0;
	ids_union(s, s->pend, m);
}

/* Add one id to a read's own set (one thread's: no lock). */
void
read_ids_insert(struct read_ids *s, const char *id)
{
	s->added++;
	if (s->over)
		return;
	if (s->npend == s->pendcap) {
		if (s->pendcap < IDS_PEND_MAX) {
			s->pendcap = s->pendcap == 0 ? 1024 : s->pendcap * 2;
			s->pend = xreallocarray(s->pend, s->pendcap,
			    sizeof *s->pend);
		} else {
			ids_merge(s);
			if (s->over)
				return;
		}
	}
	s->pend[s->npend++] = id_hash(id);
}

struct read_ids *
read_ids_new(void)
{
	struct read_ids	*s;

	s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	return (s);
}

void
read_ids_add(struct read_ids *to, struct read_ids *from)
{
	ids_merge(from);
	pthread_mutex_lock(&to->lock);
	to->added += from->added;
	if (from->over)
		ids_over(to);
	else
		ids_union(to, from->v, from->n);
	pthread_mutex_unlock(&to->lock);
}

int64_t
read_ids_duplicates(struct read_ids *s)
{
	int64_t	dups;

	pthread_mutex_lock(&s->lock);
	ids_merge(s);
	dups = s->over ? -1 : (int64_t)(s->added - s->n);
	pthread_mutex_unlock(&s->lock);
	return (dups);
}

void
read_ids_free(struct read_ids *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->lock);
	free(s->v);
	free(s->pend);
	free(s);
}
