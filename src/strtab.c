/*
 * strtab.c - string interning with open addressing: touchpoint names, moment
 * ids and breakdown values are looked up once and compared as integers.
 * Slots are found by XXH3 (libxxhash) over the whole key, so keys that
 * share long prefixes and suffixes (URLs, padded ids) spread like any
 * others; the comparison checks the first and last 8 bytes first.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

/* Inlined: most keys are short, and the lookup is on the hot path. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "strtab.h"
#include "xmalloc.h"

static uint64_t
hash_key(const char *s, size_t len)
{
	return (XXH3_64bits(s, len));
}

uint64_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 h = UINT64_C(14695981039346656037);

	while (len-- > 0) {
		h ^= *s++;
		h *= UINT64_C(1099511628211);
	}
	return (h);
}

void
strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof *t);
}

void
strtab_free(struct strtab *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->lens);
	free(t->first8);
	free(t->last8);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

static uint64_t
load8(const char *p)
{
	uint64_t	v;

	memcpy(&v, p, sizeof v);
	return (v);
}

long
strtab_find(const struct strtab *t, const char *s, size_t len)
{
	size_t		mask, i;
	uint64_t	a, b;
	uint32_t	v;

	if (t->nslots == 0)
		return (-1);
	strtab_words(s, len, &a, &b);
	mask = t->nslots - 1;
	for (i = hash_key(s, len) & mask;; i = (i + 1) & mask) {
		if ((v = t->slots[i]) == 0)
			return (-1);
		v--;
		/*
		 * Up to 16 bytes, the two words are the whole key; up to
		 * 24, with the word at 8; past that, memcmp the middle.
		 */
		if (t->lens[v] == len && t->first8[v] == a &&
		    t->last8[v] == b && (len <= 16 || (len <= 24 ?
		    load8(t->keys[v] + 8) == load8(s + 8) :
		    memcmp(t->keys[v] + 8, s + 8, len - 16) == 0)))
			return ((long)v);
	}
}

static size_t	strtab_add(struct strtab *, char *, size_t);

static void
strtab_grow(struct strtab *t)
{
	size_t	nslots, mask, i, j;

	nslots = t->nslots == 0 ? 16 : t->nslots * 2;
	free(t->slots);
	t->slots = xcalloc(nslots, sizeof *t->slots);
	t->nslots = nslots;
	mask = nslots - 1;
	for (i = 0; i < t->n; i++) {
		j = hash_key(t->keys[i], t->lens[i]) & mask;
		while (t->slots[j] != 0)
			j = (j + 1) & mask;
		t->slots[j] = (uint32_t)(i + 1);
	}
}

size_t
strtab_intern(struct strtab *t, const char *s, size_t len)
{
	long	found;

	char	*k;

	if ((found = strtab_find(t, s, len)) >= 0)
		return ((size_t)found);
	k = xmalloc(len + 1);	/* every byte: a key may hold a NUL */
	memcpy(k, s, len);
	k[len] = '\0';
	return (strtab_add(t, k, len));
}

size_t
strtab_intern_take(struct strtab *t, char *s, size_t len)
{
	long	found;

	if ((found = strtab_find(t, s, len)) >= 0) {
		free(s);
		return ((size_t)found);
	}
	return (strtab_add(t, s, len));
}

char *
strtab_take(struct strtab *t, size_t i)
{
	char	*s = t->keys[i];

	t->keys[i] = NULL;
	return (s);
}

/* Add key s (allocated, NUL-terminated, not yet in the table). */
static size_t
strtab_add(struct strtab *t, char *s, size_t len)
{
	size_t	mask, j;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->keys = xreallocarray(t->keys, t->cap, sizeof *t->keys);
		t->lens = xreallocarray(t->lens, t->cap, sizeof *t->lens);
		t->first8 = xreallocarray(t->first8, t->cap,
		    sizeof *t->first8);
		t->last8 = xreallocarray(t->last8, t->cap, sizeof *t->last8);
	}
	t->keys[t->n] = s;
	t->lens[t->n] = len;
	strtab_words(s, len, &t->first8[t->n], &t->last8[t->n]);
	t->n++;
	if (t->n * 2 > t->nslots)
		strtab_grow(t);
	else {
		mask = t->nslots - 1;
		j = hash_key(s, len) & mask;
		while (t->slots[j] != 0)
			j = (j + 1) & mask;
		t->slots[j] = (uint32_t)t->n;
	}
	return (t->n - 1);
}

const char *
strtab_key(const struct strtab *t, size_t i)
{
	return (t->keys[i]);
}

size_t
strtab_max_probe(const struct strtab *t)
{
	size_t	i, home, d, max = 0, mask = t->nslots - 1;

	for (i = 0; i < t->nslots; i++) {
		if (t->slots[i] == 0)
			continue;
		home = hash_key(t->keys[t->slots[i] - 1],
		    t->lens[t->slots[i] - 1]) & mask;
		d = (i - home) & mask;
		if (d + 1 > max)
			max = d + 1;
	}
	return (max);
}
