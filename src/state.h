/* state.h - a run's complete aggregate state in a portable, versioned file, for mot merge. */
#ifndef MOT_STATE_H
#define MOT_STATE_H

#include "agg.h"
#include "expect.h"

/* The version of the state format written (and the only one read). */
#define STATE_VERSION	5
/* The oldest version read (3 has no CSV counts: they read as 0). */
#define STATE_VERSION_MIN	3
/* Bytes at the start of an input file that its fingerprint covers. */
#define STATE_PRINT_BYTES	65536
/* Most closed occurrences (or scored journeys) a state holds: score sums stay in an int64. */
#define STATE_MAX_N	(INT64_MAX / 1000000000)

/* What identifies one input of a state: its name, size, first bytes and run. */
struct state_input {
	char		*path;
	uint64_t	 size;		/* bytes read */
	uint64_t	 hash;		/* of the first STATE_PRINT_BYTES */
	int		 known;		/* hash is of the content (not stdin) */
	mot_time	 first_stop;	/* the time range of the run that read it */
	mot_time	 last_stop;
};

/* The inputs of a state (of every state a merged one holds). */
struct state_inputs {
	struct state_input	*v;
	size_t			 n;
};

/* Write the aggregates of a run, with its expectations file, to path (atomically). */
int	state_save(const char *, const struct expectations *,
	    const struct agg *, char **);
/* Save merged aggregates and inputs, with the expectations carried by the state file from. */
int	state_save_merged(const char *, const char *,
	    const struct expectations *, const struct agg *,
	    const struct state_inputs *, char **);
/* Read a state file: its expectations (loaded), aggregates, --by and inputs; 0, or an exit code with *cause. */
int	state_load(const char *, struct expectations **, struct agg *,
	    char **, struct state_inputs *, char **);
/* Whether two inputs are the same data (docs/scaling.md). */
int	state_input_same(const struct state_input *,
	    const struct state_input *);
/* An input of a that is also in b, or NULL. */
const struct state_input *state_overlap(const struct state_inputs *,
	    const struct state_inputs *);
/* Add copies of src's inputs to dst. */
void	state_inputs_add(struct state_inputs *, const struct state_inputs *);
/* Free a list of inputs. */
void	state_inputs_free(struct state_inputs *);
/* 0 if merging s into d keeps every count within a state's bounds; else an exit code with *cause naming file. */
int	state_merge_fits(const struct agg *, const struct agg *,
	    const char *, char **);

#endif
