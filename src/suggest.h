/* suggest.h - "did you mean": edit distance between names and the ranking of the closest ones. Pure: no I/O. */
#ifndef MOT_SUGGEST_H
#define MOT_SUGGEST_H

#include <stddef.h>

/* Names suggested for one name at most. */
#define SUGGEST_MAX		3
/* Longer names are never compared (too far): the work stays bounded. */
#define SUGGEST_MAX_LEN		128
/* A distance past any limit. */
#define SUGGEST_FAR		((size_t)-1)

/* Case-insensitive (ASCII) Damerau-Levenshtein distance (optimal string alignment); past limit, or a name longer than SUGGEST_MAX_LEN: SUGGEST_FAR. */
size_t	suggest_distance(const char *, const char *, size_t);
/* The largest distance at which a name is suggested for one of this length. */
size_t	suggest_limit(size_t);
/* Whether two different names differ only in a "+lifecycle" suffix (XES classifiers), ignoring case. */
int	suggest_lifecycle(const char *, const char *);
/* Up to max of the n names closest to a name, best first (lifecycle matches, then distance, then name); returns how many. */
size_t	suggest_rank(const char *, const char *const *, size_t, const char **,
	    size_t);
/* Write " (did you mean \"a\", \"b\" or \"c\"?)" for n names, or "" for none. */
void	suggest_phrase(char *, size_t, const char *const *, size_t);

#endif
