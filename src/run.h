/* run.h - one analysis run: expectations, every input read, scored and aggregated, then summarised. */
#ifndef MOT_RUN_H
#define MOT_RUN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "agg.h"
#include "clock.h"
#include "expect.h"
#include "summary.h"

struct tz;

struct run_opts {
	const char	*expectations;	/* path */
	const char	*by;		/* breakdown attribute, or NULL */
	const char	*zone;		/* --assume-zone, or NULL */
	const char	*classifier;	/* --classifier, or NULL */
	int		 strict;	/* a rejected journey stops the run */
	int		 jobs;		/* readers at once; 0: one per core */
	int		 has_as_of;	/* --as-of given: as_of is the data's time */
	mot_time	 as_of;
	FILE		*occ;		/* occurrences.csv, or NULL */
	const char	*save_state;	/* --save-state, or NULL: saved before agg_finish */
	/* Keep an occurrence (NULL keeps all); called from every reader: must not write to keep_arg. */
	int		(*keep)(const struct occurrence *, void *);
	void		*keep_arg;
	/* Also count an occurrence, kept or not, in the counting windows of stop times it falls in (agg_window_occ): up to AGG_WINDOWS, none when 0. */
	const struct agg_window *windows;
	size_t		 nwindows;
	int		 missing_quiet;	/* the caller says what run.missing holds */
	int		 format_in;	/* --format-in: READ_IN_* */
	size_t		 memory;	/* --memory: bytes to gather CSV rows in */
};

/* Rejected journeys reported one by one on stderr before a count takes over. */
#define REJECT_SHOWN	10

struct unit;
struct split;

struct run {
	const struct run_opts	*o;
	struct expectations	*e;
	struct tz		*zone;
	struct agg		 agg;
	struct summary		 sum;
	int			 have_agg;
	int			 have_sum;
	char			**files;
	size_t			 nfiles;
	struct split		*splits;	/* by file */
	struct unit		*units;		/* files and pieces, in order */
	size_t			 nunits;
	size_t			 njobs;
	size_t			 next;		/* the next unit to read */
	atomic_int		 stop;		/* a reader failed */
	atomic_int		 stop_whole;	/* a whole file failed */
	struct read_ids		*ids;		/* journey ids seen, for duplicates */
	mot_time		 latest_stop;	/* of any occurrence read, kept or not */
	const char		**keep;		/* journey attributes the run uses */
	size_t			 nkeep;
	const char		**times;	/* ... of those, the ones read as times */
	size_t			 ntimes;
	pthread_mutex_t		 lock;
	pthread_cond_t		 counted;	/* a piece's lines are counted, a chunk queued or parsed */
	/* Chunks of compressed files cut as they are read, for any reader to parse. */
	struct unit		*chunk_head, *chunk_tail;
	size_t			 streams;	/* files being cut */
	size_t			 chunks_held;	/* chunks of them held, read or not */
	/* The moments' touchpoint names no accepted journey has: file:line messages with suggestions. */
	char			**missing;
	size_t			 nmissing;
};

/* Check an input list ("-" at most once) and sort it by name; 0, or -1 with *cause. */
int	run_sort_inputs(char **, size_t, char **);
/* Load the expectations and the zone; 0, or an exit code with *cause. */
int	run_load(struct run *, const struct run_opts *, char **);
/* Read, score and aggregate every input, then summarise; 0, or an exit code with *cause. */
int	run_inputs(struct run *, char **, size_t, char **);
/* The touchpoint names moments use that no accepted journey has, as "FILE:LINE: TAG moment ... (did you mean ...?)" messages (free with xfree_strings); sets their count. */
char	**run_missing(const struct expectations *, struct agg *, const char *,
	    size_t *);
/* Free everything a run holds. */
void	run_free(struct run *);

#endif
