/* strtab.h - string interning: each distinct string gets a dense index. */
#ifndef MOT_STRTAB_H
#define MOT_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct strtab {
	char		**keys;		/* by index, in insertion order */
	size_t		 *lens;
	uint64_t	 *first8;	/* by index: the key's first 8 bytes */
	uint64_t	 *last8;	/* ... and its last 8 */
	size_t		  n;
	size_t		  cap;		/* of keys */
	uint32_t	 *slots;	/* open addressing: index + 1, 0 empty */
	size_t		  nslots;
};

/* A key's first and last 8 bytes, zero-padded when shorter: all of it up to 16 bytes. */
void	 strtab_words(const char *, size_t, uint64_t *, uint64_t *);
/* Make an empty table. */
void	 strtab_init(struct strtab *);
/* Free the table and its keys. */
void	 strtab_free(struct strtab *);
/* The index of the len bytes at s, or -1 when absent. */
long	 strtab_find(const struct strtab *, const char *, size_t);
/* The index of the len bytes at s, adding them when absent. */
size_t	 strtab_intern(struct strtab *, const char *, size_t);
/* The key with an index. */
const char *strtab_key(const struct strtab *, size_t);
/* 64-bit FNV-1a hash of len bytes. */
uint64_t hash_bytes(const void *, size_t);

#endif
