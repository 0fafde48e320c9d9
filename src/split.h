/* split.h - cutting one large plain file into pieces that parse on their own, for -j. */
#ifndef MOT_SPLIT_H
#define MOT_SPLIT_H

#include <stddef.h>

#include "xmlin.h"

struct split {
	char			*prefix;	/* the file up to its first unit */
	const char		*suffix;	/* the root's end tag */
	struct xmlin_range	*pieces;
	size_t			 n;
};

/* Files smaller than this are read whole. */
#define SPLIT_MIN	(UINT64_C(16) << 20)
/* No piece is planned smaller than this. */
#define SPLIT_PIECE_MIN	(UINT64_C(8) << 20)

/* Plan up to want pieces of a plain journeys file or XES log; the count (1: read it whole). */
size_t	split_plan(const char *, size_t, struct split *);
/* Free a plan. */
void	split_free(struct split *);

#endif
