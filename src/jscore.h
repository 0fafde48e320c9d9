/* jscore.h - the journey as the customer remembers it: memory of its moments, and effort. */
#ifndef MOT_JSCORE_H
#define MOT_JSCORE_H

#include <stddef.h>

#include "clock.h"
#include "expect.h"
#include "journey.h"
#include "score.h"

struct jscore {
	int		valid;		/* at least one scored occurrence */
	struct memory	mem;
	unsigned	handoffs;
	unsigned	repeats;
	unsigned	switches;
	double		effort;
	double		journey;	/* J */
	size_t		worst_moment;	/* moment of the worst score */
	size_t		last_moment;	/* moment of the last score */
	mot_time	last_stop;	/* when the last scored occurrence stopped */
};

/* Room to sort a journey's scores; reused from journey to journey. */
struct jscratch {
	size_t	*idx;
	double	*s;
	size_t	 cap;
};

/* Score a journey from its scored occurrences (pure; scratch is reused). */
void	jscore_compute(const struct expectations *, const struct journey *,
	    const struct occurrence *, size_t, struct jscratch *,
	    struct jscore *);
/* Whether a scored occurrence is one the customer carries away: tied for worst or last, negative. */
int	jscore_carried(const struct jscore *, const struct occurrence *);
/* Free scratch space. */
void	jscratch_free(struct jscratch *);

#endif
