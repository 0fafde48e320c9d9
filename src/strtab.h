/* strtab.h - string interning: each distinct string gets a dense index. */
#ifndef MOT_STRTAB_H
#define MOT_STRTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strtab {
	char		**keys;		/* by index, in insertion order */
	size_t		 *lens;
	uint64_t	 *first8;	/* by index: the key's strtab_words */
	uint64_t	 *last8;
	size_t		  n;
	size_t		  cap;		/* of keys */
	uint32_t	 *slots;	/* open addressing: index + 1, 0 empty */
	size_t		  nslots;
};

/*
 * Two words that, with the length, are the whole of a key of up to 16
 * bytes: its first and last 8 bytes; under 8 bytes, its bytes in loads
 * that overlap (no call to memcpy for a length not known).
 */
static inline void
strtab_words(const char *s, size_t len, uint64_t *a, uint64_t *b)
{
	uint32_t	lo, hi;

	*b = 0;
	if (len >= 8) {
		memcpy(a, s, 8);
		memcpy(b, s + len - 8, 8);
	} else if (len >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + len - 4, 4);
		*a = (uint64_t)hi << 32 | lo;
	} else if (len > 0)
		*a = (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
	else
		*a = 0;
}

/* Make an empty table. */
void	 strtab_init(struct strtab *);
/* Free the table and its keys. */
void	 strtab_free(struct strtab *);
/* The index of the len bytes at s, or -1 when absent. */
long	 strtab_find(const struct strtab *, const char *, size_t);
/* The index of the len bytes at s, adding them when absent. */
size_t	 strtab_intern(struct strtab *, const char *, size_t);
/* strtab_intern for an allocated key the table then owns (or frees). */
size_t	 strtab_intern_take(struct strtab *, char *, size_t);
/* Take key i out, to the caller: the table can then only be freed. */
char	*strtab_take(struct strtab *, size_t);
/* The key with an index. */
const char *strtab_key(const struct strtab *, size_t);
/* The longest run of slots a lookup of a present key walks (1: none shared). */
size_t	 strtab_max_probe(const struct strtab *);
/* 64-bit FNV-1a hash of len bytes. */
uint64_t hash_bytes(const void *, size_t);

#endif
