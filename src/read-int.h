/* read-int.h - what the format readers (read-journeys.c, read-xes.c) share with read.c. */
#ifndef MOT_READ_INT_H
#define MOT_READ_INT_H

#include "read.h"
#include "xmlin.h"

struct xes;

/*
 * Journeys read but not yet handed to the caller: scoring a batch at a
 * time keeps the parser's code and mot's apart in the processor's caches.
 */
#define READ_BATCH	16
/* A journey larger than this is handed over at once. */
#define BATCH_TPS_MAX	256
#define BATCH_BYTES_MAX	(16 * 1024)

/* The state of one file being read. */
struct rd {
	const struct read_opts	*o;
	journey_fn		 fn;
	struct read_stats	*st;
	struct journey		*j;		/* the journey being read */
	struct journey		 batch[READ_BATCH];
	size_t			 nready;	/* read, not yet handed over */
	int			 in_journey;
	int			 seen_outcome;
	struct xes		*xes;
	/* The parser's own copies of the names read (journeys_root). */
	const char		*elem_journey, *elem_touchpoint, *elem_outcome;
	const char		*id_name;
	const char		*tp_names[16];
	const char		*out_names[4];
	const char		*keep_names[READ_KEEP_MAX];
	size_t			 nkeep;
	int			 too_big;	/* the journey passed a limit */
	struct isotime_dates	 dates;		/* this reader's recent dates */
	struct read_ids		*ids;		/* this read's ids, or NULL */
};

/* Print at most 60 bytes of an attribute's value in a message. */
#define SHOW(a)	(int)(XATTR_LEN(a) > 60 ? 60 : XATTR_LEN(a)), (a)->value

/* Report a problem at the current line; an error also rejects the journey. */
void	rd_problem(struct xmlin *, struct rd *, int, const char *,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
/* The same at a given line. */
void	rd_problem_at(struct xmlin *, struct rd *, unsigned long, int,
	    const char *, const char *, ...)
	    __attribute__((format(printf, 6, 7)));
/* Whether the journey is past READ_MAX_* (or the caller's FULL_*): then it is rejected, and nothing more is kept. */
int	rd_full(struct xmlin *, struct rd *, int);
/* The same, with the common case (not full) inline. */
#define RD_FULL(x, r, over)	((r)->too_big || (over) != FULL_NO ||	\
	(r)->j->ntps >= READ_MAX_TOUCHPOINTS ||				\
	(r)->j->arena.used >= READ_MAX_BYTES ? rd_full((x), (r), (over)) : 0)
#define FULL_NO		0
#define FULL_EVENTS	1
#define FULL_ITEMS	2
#define FULL_JATTRS	3
/* Copy an attribute's value into the journey's arena. */
char	*rd_dup(struct rd *, const struct xattr *);
/* Start a new journey at the current line. */
void	rd_begin_journey(struct xmlin *, struct rd *);
/* Finish the journey: outcome mapping, ordering; it joins the batch. */
void	rd_end_journey(struct xmlin *, struct rd *);
/* Hand the batch's journeys to the caller's function, in order. */
void	rd_flush(struct xmlin *, struct rd *);

/*
 * The formats' element handlers (their user data a struct rd), called
 * straight from the parser once the root element has told the format;
 * each hands the batch over at the root's end (rd_flush).
 */
extern const struct xmlin_ops journeys_ops;
extern const struct xmlin_ops xes_ops;
/* The journeys format's root element. */
void	journeys_root(struct xmlin *, struct rd *, const struct xattr *, int);
/* The XES format's set-up at its root element, and its clean-up. */
void	xes_begin(struct xmlin *, struct rd *, const struct xattr *, int);
void	xes_free(struct rd *);
/* The value of an event attribute of the trace being read, last in time, or NULL. */
const char *xes_event_value(struct rd *, const char *);

#endif
