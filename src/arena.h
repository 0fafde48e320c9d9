/* arena.h - bump allocator for one journey's strings, reset after each journey. */
#ifndef MOT_ARENA_H
#define MOT_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;
	size_t			 used;	/* bytes handed out, all chunks */
};

/* Make an empty arena. */
void	 arena_init(struct arena *);
/* Allocate n bytes aligned for any type. */
void	*arena_alloc(struct arena *, size_t);
/* Copy n bytes of s as a NUL-terminated string. */
char	*arena_strndup(struct arena *, const char *, size_t);
/* Forget every allocation but keep the largest chunk for reuse. */
void	 arena_reset(struct arena *);
/* Free every chunk. */
void	 arena_free(struct arena *);

#endif
