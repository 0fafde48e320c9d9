/*
 * read-int.h - the reader core that the formats share (read-core.c), and
 * the formats themselves, peers behind one interface (struct read_format)
 * that read.c chooses from.
 */
#ifndef MOT_READ_INT_H
#define MOT_READ_INT_H

#include "read.h"
#include "xmlin.h"

/*
 * Journeys read but not yet handed to the caller: scoring a batch at a
 * time keeps the parser's code and mot's apart in the processor's caches.
 */
#define READ_BATCH	16
/* A journey larger than this is handed over at once. */
#define BATCH_TPS_MAX	256
#define BATCH_BYTES_MAX	(16 * 1024)

struct rd;

/*
 * Where a format is in its file, for messages: the line (and column, 0
 * when the format has none) of what it reads; and how to stop it, with an
 * exit code and a message taken over.
 */
struct rd_source {
	unsigned long	(*where)(void *, unsigned *);
	void		(*stop)(void *, int, char *);
};

/*
 * A format. An XML format is told by its root element (root, in no
 * namespace unless any_ns) and is then read by its handlers (ops, their
 * user data the struct rd), begin having seen the root; any other format
 * reads the file itself (read). free releases the format's state (fmt);
 * value, when there is one, gives a value of the journey being read that
 * is not a journey attribute (XES: an event attribute), for the outcome
 * mapping.
 */
struct read_format {
	const char		*name;		/* as in read_stats.format */
	const char		*root;
	int			 any_ns;
	const struct xmlin_ops	*ops;
	void			(*begin)(struct xmlin *, struct rd *,
				    const struct xattr *, int);
	int			(*read)(struct rd *, const char *,
				    const struct xmlin_range *, char **);
	void			(*free)(struct rd *);
	const char		*(*value)(struct rd *, const char *);
};

/* The state of one file being read. */
struct rd {
	const struct read_opts	*o;
	journey_fn		 fn;
	struct read_stats	*st;
	struct journey		*j;		/* the journey being read */
	struct journey		 batch[READ_BATCH];
	size_t			 nready;	/* read, not yet handed over */
	int			 in_journey;
	int			 too_big;	/* the journey passed a limit */
	struct isotime_dates	 dates;		/* this reader's recent dates */
	struct read_ids		*ids;		/* this read's ids, or NULL */
	const char		*path;		/* as given */
	const struct rd_source	*src;		/* where the format is */
	void			*src_arg;
	const struct read_format *format;	/* NULL until told */
	void			*fmt;		/* the format's own state */
};

/* Print at most 60 bytes of an attribute's value in a message. */
#define SHOW(a)	(int)(XATTR_LEN(a) > 60 ? 60 : XATTR_LEN(a)), (a)->value

/* Report a problem where the format is; an error also rejects the journey. */
void	rd_problem(struct rd *, int, const char *, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
/* The same at a given line and column (0: none). */
void	rd_problem_at(struct rd *, unsigned long, unsigned, int,
	    const char *, const char *, ...)
	    __attribute__((format(printf, 6, 7)));
/* Whether the journey is past READ_MAX_* (or the caller's FULL_*): then it is rejected, and nothing more is kept. */
int	rd_full(struct rd *, int);
/* The same, with the common case (not full) inline. */
#define RD_FULL(r, over)	((r)->too_big || (over) != FULL_NO ||	\
	(r)->j->ntps >= READ_MAX_TOUCHPOINTS ||				\
	(r)->j->arena.used >= READ_MAX_BYTES ? rd_full((r), (over)) : 0)
#define FULL_NO		0
#define FULL_EVENTS	1
#define FULL_ITEMS	2
#define FULL_JATTRS	3
/* Copy len bytes into the journey's arena, NUL-terminated. */
#define rd_dupn(r, s, len)	arena_strndup(&(r)->j->arena, (s), (len))
/* Copy an attribute's value into the journey's arena. */
#define rd_dup(r, a)	rd_dupn((r), (a)->value, XATTR_LEN(a))
/* read_opts.seen: note a time's text as read (its UTC offset), an XES event attribute key, a lifecycle:transition value. */
void	rd_seen_time(struct rd *, const char *, size_t);
void	rd_seen_key(struct rd *, const char *);
void	rd_seen_lifecycle(struct rd *, const char *);
/* Start a new journey where the format is. */
void	rd_begin_journey(struct rd *);
/* Finish the journey: outcome mapping, ordering; it joins the batch. */
void	rd_end_journey(struct rd *);
/* Hand the batch's journeys to the caller's function, in order. */
void	rd_flush(struct rd *);
/* Set up a read of path for fn, and free it. */
void	rd_init(struct rd *, const char *, const struct read_opts *,
	    journey_fn, struct read_stats *);
void	rd_free(struct rd *);

/* The formats. */
extern const struct read_format journeys_format;
extern const struct read_format xes_format;
extern const struct read_format csv_format;
extern const struct read_format ocel_format;
/* A CSV file's pieces, cut where a journey begins, when its journeys' rows are adjacent (read.h: read_plan). */
/*
 * The rows of a plain CSV file by journey into n parts, each journey wholly
 * in one (its id's hash modulo n; rows without an id in part 0), in file
 * order: fn(arg, part, offset, length) for each row, and first with part
 * -1 for the bytes before the first row. 0, or an exit code with *cause.
 */
int	csv_partition(const char *, const struct read_opts *, size_t,
	    void (*)(void *, long, uint64_t, uint64_t), void *, char **);
size_t	csv_plan(const char *, const struct read_opts *, size_t,
	    struct split *);

#endif
