/* history.h - mot check --history: a JSON-lines file of each run's per-moment counts, and the sequence they add up to. */
#ifndef MOT_HISTORY_H
#define MOT_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "isotime.h"

struct json_object;

/* The layout of a history line this mot writes and reads ("mot_history"). */
#define HISTORY_VERSION	1

/* One moment's batch: the scored occurrences that stopped in it. */
struct history_count {
	const char	*id;
	uint64_t	 n;
	uint64_t	 breached;
};

/* One run: its batch ended at as_of, scored with the expectations of hash. */
struct history_line {
	unsigned long		 line;		/* in the file, from 1 */
	mot_time		 as_of;
	const char		*hash;
	struct history_count	*m;
	size_t			 nm;
};

struct history {
	char			*path;
	char			*buf;		/* the file as read, copied before a new line */
	size_t			 len;
	struct history_line	*lines;		/* in the file's order: as_of never falls */
	size_t			 n;
	struct json_object	**roots;	/* one per line: own the strings above */
};

/* What a run as of some time does with a history. */
struct history_plan {
	mot_time	 after;		/* its batch: stops after this (the last line's as_of; NONE: all) */
	size_t		 first;		/* the sequence: lines first to n - 1, all with this run's hash */
	int		 reset;		/* the last line had other expectations: a new sequence starts */
	int		 append;	/* as_of is later than the last line's: a new line */
	size_t		 runs;		/* the sequence's runs, this one included when appended */
};

/* Parse a history held in buf (len bytes, taken over) read from path; 0, or MOT_EXIT_DATAERR with *cause (path:line); history_free it either way. */
int	history_parse(struct history *, const char *, char *, size_t, char **);
/* Read a history file; a missing file is an empty history. 0, or an exit code with *cause. */
int	history_load(const char *, struct history *, char **);
/* The as_of of the last line, or MOT_TIME_NONE when the history is empty. */
mot_time history_last(const struct history *);
/* Plan a run as of a time with an expectations hash; 0, or MOT_EXIT_DATAERR with *cause when that time is earlier than the last line's. */
int	history_plan(const struct history *, const char *, mot_time,
	    struct history_plan *, char **);
/* A moment's sums over the plan's lines (0 where a line lacks it): n, breached. */
void	history_sum(const struct history *, const struct history_plan *,
	    const char *, uint64_t *, uint64_t *);
/* Free a history. */
void	history_free(struct history *);

#endif
