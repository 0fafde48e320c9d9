/* journey.h - the journey model: one customer's touchpoints, attributes and outcome. */
#ifndef MOT_JOURNEY_H
#define MOT_JOURNEY_H

#include <stddef.h>

#include "arena.h"
#include "isotime.h"

/* A touchpoint's shape. */
enum tp_kind {
	TP_INSTANT,		/* at: start == end */
	TP_INTERVAL,		/* start and end */
	TP_OPEN			/* start without end: still in progress */
};

struct touchpoint {
	const char	*name;
	int		 ref;		/* index in expectations' names, or -1 */
	enum tp_kind	 kind;
	mot_time	 start;
	mot_time	 end;		/* MOT_TIME_NONE when open */
	mot_time	 promised;	/* MOT_TIME_NONE when absent */
	mot_time	 notified;	/* MOT_TIME_NONE when absent */
	mot_time	 revised;	/* new deadline given with the notification */
	const char	*channel;	/* NULL when absent */
	const char	*actor;
	const char	*team;
	const char	*status;
	const char	*by;		/* its value of read_opts.tp_attr, or NULL */
	size_t		 seq;		/* position in the file, for stable order */
};

struct jattr {
	const char	*key;
	const char	*value;
	unsigned long	 line;
};

/* Survey outcome; -1 where absent. */
struct outcome {
	int	nps;		/* 0-10 */
	int	csat;		/* 1-5 */
	int	ces;		/* 1-7 */
	int	churn;		/* 0 or 1 */
};

struct journey {
	const char		*id;		/* NULL when missing */
	const char		*file;
	unsigned long		 line;
	struct jattr		*attrs;
	size_t			 nattrs, attrs_cap;
	struct touchpoint	*tps;
	size_t			 ntps, tps_cap;
	struct outcome		 outcome;
	const char		*reject;	/* reason when rejected, else NULL */
	const char		*reject_detail;
	unsigned long		 reject_line;
	unsigned		 reject_col;	/* 0 when the format has none */
	struct arena		 arena;
};

/* Make an empty journey. */
void	journey_init(struct journey *);
/* Empty a journey for reuse, keeping its buffers. */
void	journey_reset(struct journey *);
/* Free a journey's buffers. */
void	journey_free(struct journey *);
/* Append a zeroed touchpoint and return it. */
struct touchpoint *journey_add_touchpoint(struct journey *);
/* Append an attribute; key and value must live in the journey's arena. */
void	journey_add_attr(struct journey *, const char *, const char *,
	    unsigned long);
/* The value of an attribute, or NULL. */
const char *journey_attr(const struct journey *, const char *);
/* Mark the journey rejected: reason is a static category, detail a message. */
void	journey_reject(struct journey *, unsigned long, const char *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
/* Order touchpoints by start time, stable for ties. */
void	journey_sort(struct journey *);

#endif
