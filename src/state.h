/* state.h - a run's complete aggregate state in a portable, versioned file, for mot merge. */
#ifndef MOT_STATE_H
#define MOT_STATE_H

#include "agg.h"
#include "expect.h"

/* The version of the state format written. */
#define STATE_VERSION	1

/* Write the aggregates of a run, with its expectations file, to path (atomically). */
int	state_save(const char *, const struct expectations *,
	    const struct agg *, char **);
/* Save merged aggregates, with the expectations carried by the state file from. */
int	state_save_merged(const char *, const char *,
	    const struct expectations *, const struct agg *, char **);
/* Read a state file: its expectations (loaded) and aggregates; 0, or an exit code with *cause. */
int	state_load(const char *, struct expectations **, struct agg *,
	    char **, char **);

#endif
