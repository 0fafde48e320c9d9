/* split.h - cutting one large plain file into pieces that parse on their own, for -j. */
#ifndef MOT_SPLIT_H
#define MOT_SPLIT_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "xmlin.h"

struct split {
	char			*prefix;	/* the file up to its first unit */
	const char		*suffix;	/* the root's end tag */
	struct xmlin_range	*pieces;
	size_t			 n;
	long			 header_lines;	/* newlines in prefix */
	int			 lines_known;	/* line_delta set by the plan (CSV) */
};

/* A piece's line_delta until split_count has counted the lines before it. */
#define SPLIT_NO_LINES	LONG_MIN

/* Files smaller than this are read whole. */
#define SPLIT_MIN	(UINT64_C(16) << 20)
/* A piece's copy of the file's beginning is at most this long. */
#define SPLIT_HEADER_MAX	(UINT64_C(1) << 20)
/* No piece is planned smaller than this. */
#define SPLIT_PIECE_MIN	(UINT64_C(8) << 20)

/* What a file's beginning (NUL-terminated) holds: the start tag of its units ("<journey", "<trace") and the root's end tag that closes a piece; 0, or -1 for neither. */
int	split_root(const char *, const char **, const char **);
/* The offset in len bytes of the first unit start tag (tag, then a space or '>'), or -1. */
int64_t	split_find(const char *, size_t, const char *);
/* Plan up to want pieces of a plain journeys file or XES log, of any size if told (else SPLIT_MIN, SPLIT_PIECE_MIN); the count (1: read it whole). */
size_t	split_plan(const char *, size_t, int, struct split *);
/*
 * Count the lines before each piece (but the first) of a plan, in order,
 * calling ready(arg, k) once piece k's line_delta is set (or left at
 * SPLIT_NO_LINES, when the file cannot be read: that piece then fails).
 */
void	split_count(const char *, struct split *, void (*)(void *, size_t),
	    void *);
/* Free a plan. */
void	split_free(struct split *);

#endif
