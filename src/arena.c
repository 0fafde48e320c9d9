/*
 * arena.c - a bump allocator: a journey's strings live in one arena that is
 * reset, not freed, when the journey has been scored, so that reading a file
 * of any size costs no allocation per attribute once warm.
 */
#include <config.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_CHUNK	(64 * 1024)

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;
	size_t			 off;
	alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk	*c = a->head;
	size_t			 align = alignof(max_align_t), size;
	void			*p;

	n = (n + align - 1) & ~(align - 1);
	if (c != NULL)		/* strings may have left it unaligned */
		c->off = (c->off + align - 1) & ~(align - 1);
	if (c == NULL || c->off > c->size || c->size - c->off < n) {
		size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->off = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->off;
	c->off += n;
	a->used += n;
	return (p);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	struct arena_chunk	*c = a->head;
	char			*p;

	/* Strings need no alignment: the common case bumps the offset. */
	if (c != NULL && c->size - c->off > n) {
		p = (char *)c->data + c->off;
		c->off += n + 1;
		a->used += n + 1;
	} else
		p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk	*c, *next, *keep = NULL;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (keep == NULL || c->size > keep->size) {
			free(keep);
			keep = c;
		} else
			free(c);
	}
	if (keep != NULL) {
		keep->off = 0;
		keep->next = NULL;
	}
	a->head = keep;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}
