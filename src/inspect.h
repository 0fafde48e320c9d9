/* inspect.h - what journey files hold, for mot inspect: counts, names, attributes and times, in bounded memory. Pure: no I/O. */
#ifndef MOT_INSPECT_H
#define MOT_INSPECT_H

#include <stddef.h>
#include <stdint.h>

#include "distinct.h"
#include "journey.h"
#include "strtab.h"

/* Touchpoint names counted exactly; past them, the distinct count is an estimate. */
#define INSPECT_NAMES_EXACT	10000
/* Values of one attribute counted exactly (the examples are the first). */
#define INSPECT_VALUES_EXACT	1000
/* Attribute keys told apart; journeys with more are counted in keys_more. */
#define INSPECT_KEYS_MAX	256
/* Reasons for rejection told apart. */
#define INSPECT_REASONS		32

/* One attribute: how many journeys (or touchpoints) have it, and its values. */
struct inspect_attr {
	const char	*key;
	uint64_t	 n;
	struct distinct	 values;
};

/* The touchpoint fields counted as attributes, in this order. */
#define INSPECT_TP_CHANNEL	0
#define INSPECT_TP_ACTOR	1
#define INSPECT_TP_TEAM		2
#define INSPECT_TP_STATUS	3
#define INSPECT_TP_N		4

struct inspect {
	uint64_t	 journeys;	/* read, rejected included */
	uint64_t	 rejected;
	uint64_t	 touchpoints;	/* of the journeys accepted */
	uint64_t	 intervals;	/* with a start and an end */
	uint64_t	 open;		/* started, not ended */
	uint64_t	 promised;	/* with a promised time */
	uint64_t	 notified;	/* with a notification */
	mot_time	 first, last;	/* earliest and latest time; MOT_TIME_NONE when none */
	struct distinct	 names;		/* touchpoint names */
	struct strtab	 keys;		/* journey attribute keys, by index in attrs */
	struct inspect_attr *attrs;
	uint64_t	 keys_more;	/* attributes whose key is past INSPECT_KEYS_MAX */
	struct inspect_attr tp[INSPECT_TP_N];
	const char	*reason[INSPECT_REASONS];	/* static texts */
	uint64_t	 reason_n[INSPECT_REASONS];
	size_t		 nreasons;
	uint64_t	 reasons_more;
};

/* Make an empty inspection. */
void	inspect_init(struct inspect *);
/* Free its memory. */
void	inspect_free(struct inspect *);
/* Count one journey, accepted or rejected. */
void	inspect_journey(struct inspect *, const struct journey *);
struct read_seen;

/* A suggested <ocel> block for an OCEL 2.0 log profiled without one (read_seen's ocel_*), allocated; the journeys' type is the object type the most event types relate to. */
char	*inspect_ocel_skeleton(const struct read_seen *);
/* The values kept of a count, most frequent first (ties: first seen first): up to max indexes in idx; their number. */
size_t	inspect_top(const struct distinct *, size_t, size_t *);

#endif
