/* read.h - reading journeys from files: mot's own format, XES and CSV, one journey at a time. */
#ifndef MOT_READ_H
#define MOT_READ_H

#include <stdint.h>

#include "distinct.h"
#include "expect.h"
#include "journey.h"
#include "strtab.h"
#include "xmlin.h"

struct csv_map;
struct ocel_map;
struct tz;
struct read_ids;

/*
 * Limits on one journey (docs/robustness.md): past them the journey is
 * rejected as "too large" and the rest of it is skipped, so that memory
 * stays bounded whatever the input.
 */
#define READ_MAX_TOUCHPOINTS	100000		/* touchpoints, or XES events */
#define READ_MAX_ITEMS		1000000		/* XES attribute elements */
#define READ_MAX_JATTRS		1000		/* XES trace attributes */
#define READ_MAX_BYTES		(64 << 20)	/* text kept, in bytes */

/* Called for each problem found (validate reports them all): file, line, column (0: none), whether an error, message. */
typedef void (*problem_fn)(void *, const char *, unsigned long, unsigned,
    int, const char *);
/* Called for each journey, accepted or rejected; 0 goes on, an exit code stops. */
typedef int (*journey_fn)(struct journey *, void *, char **);

/* The most journey attributes a reader is asked to keep by name. */
#define READ_KEEP_MAX	64

struct split;

/* The most distinct UTC offsets read_seen tells apart. */
#define READ_SEEN_OFFSETS	64

/* What mot inspect asks the readers to note besides the journeys (read_opts.seen). */
struct read_seen {
	int		 offset[READ_SEEN_OFFSETS];	/* minutes east of UTC, first seen first */
	uint64_t	 offset_n[READ_SEEN_OFFSETS];	/* how many times had it */
	size_t		 noffsets;
	uint64_t	 offsets_more;	/* times with an offset not among those */
	uint64_t	 no_offset;	/* times without one (a zone applied) */
	struct distinct	 event_keys;	/* XES: the keys of event attributes */
	struct distinct	 lifecycle;	/* XES: the values of lifecycle:transition */
	/* OCEL 2.0 read without a mapping: its object and event types, and its relations ("event type\x1fobject type\x1fqualifier", "source type\x1ftarget type\x1fqualifier"), with their counts. */
	int		 ocel;
	struct distinct	 ocel_otypes;
	struct distinct	 ocel_etypes;
	struct distinct	 ocel_e2o;
	struct distinct	 ocel_o2o;
	uint64_t	 ocel_e2o_more;	/* event relations past the ones kept */
};

struct read_opts {
	const struct tz		*zone;		/* --assume-zone, or NULL */
	const struct strtab	*names;		/* touchpoint names of interest */
	const char		*classifier;	/* XES: keys naming an event */
	const struct outcome_map *outcome;	/* outcome from attributes */
	problem_fn		 problem;	/* NULL: report nothing */
	void			*arg;		/* for problem and the journey_fn */
	struct read_ids		*ids;		/* to count duplicate ids, or NULL */
	/*
	 * What the caller uses of a journey (mot's own format): the journey
	 * attributes to keep (NULL-terminated; NULL: all), and whether the
	 * touchpoints' channels and actors (XES: org:resource) are needed.
	 * What is not used is not copied.
	 */
	const char *const	*keep_attrs;
	int			 no_channel;
	int			 no_actor;
	/* Journey attributes read as times (NULL-terminated, or NULL): CSV reads them by its time-format and zone, and keeps them in ISO 8601. */
	const char *const	*time_attrs;
	/* A touchpoint attribute to keep in touchpoint.by (--by), or NULL. */
	const char		*tp_attr;
	const struct csv_map	*csv;		/* the expectations' <csv>, or NULL */
	const struct ocel_map	*ocel;		/* the expectations' <ocel>, or NULL */
	int			 format_in;	/* READ_IN_*: --format-in */
	size_t			 memory;	/* --memory: bytes to gather rows in */
	int			 plan_any_size;	/* read_plan: pieces of any size (mot split) */
	struct read_seen	*seen;		/* mot inspect: what to note, or NULL */
};

/* --format-in: told by the file's name and its root element, or given. */
#define READ_IN_AUTO	0
#define READ_IN_CSV	1
#define READ_IN_TSV	2
#define READ_IN_XML	3
#define READ_IN_OCEL	4
#define READ_IN_OCEL_JSON	5
#define READ_IN_OCEL_SQLITE	6
/* --memory's default. */
#define READ_MEMORY	((size_t)256 << 20)

/* What a file held. */
struct read_stats {
	struct xmlin_stats	io;
	const char		*format;	/* "journeys" or "xes" */
	uint64_t		journeys;	/* or traces */
	uint64_t		touchpoints;
	uint64_t		events;		/* XES events */
	uint64_t		events_no_time;	/* without time:timestamp */
	uint64_t		events_bad_time; /* with one that does not parse */
	uint64_t		unpaired_starts;
	uint64_t		unpaired_completes;
	/* XES: the classifier's keys (the first 32), bit i set when an event (or a global) had key i. */
	unsigned		classifier_keys;
	uint32_t		classifier_seen;
	/* CSV: rows read, left out (no journey id; the header again), and attribute values that differ within a journey. */
	uint64_t		csv_rows;
	uint64_t		csv_rows_no_id;
	uint64_t		csv_header_repeats;
	uint64_t		csv_attr_conflicts;
	/* OCEL 2.0: events read, and left out (no time, no object); relations to objects the log lacks; objects again; journeys' attribute values set after their first event, left out. */
	uint64_t		ocel_events;
	uint64_t		ocel_events_left_out;
	uint64_t		ocel_unknown_objects;
	uint64_t		ocel_duplicate_objects;
	uint64_t		ocel_attr_changes;
};

/* Read every journey of a range of a file, given as a document of its own. */
int	read_range(const char *, const struct xmlin_range *,
	    const struct read_opts *, journey_fn, struct read_stats *, char **);
/* Whether a name ends with suffix, itself or followed by .gz, .zst or .xz. */
int	read_name_is(const char *, const char *);
/* Whether a file is read as CSV: by --format-in, else by its name (.csv, .tsv, also .gz, .zst, .xz). */
int	read_is_csv(const char *, const struct read_opts *);
/* Whether a file is read as OCEL 2.0: by --format-in, its name (.xmlocel, .jsonocel, also .gz, .sqlite), or, with an <ocel> mapping, a .json or .db name or a root <log> that is not XES's. */
int	read_is_ocel(const char *, const struct read_opts *);
/* Whether an OCEL 2.0 file is its JSON form: --format-in ocel-json, or a .jsonocel or .json name (also .gz). */
int	read_is_ocel_json(const char *, const struct read_opts *);
/* Whether an OCEL 2.0 file is its SQLite form: --format-in ocel-sqlite, or a .sqlite or .db name. */
int	read_is_ocel_sqlite(const char *, const struct read_opts *);
/* Plan up to want pieces of a file for -j, each read with read_range (src/split.h); the count (1: read it whole). */
/* A CSV file's rows by journey into n parts (csv_partition in read-int.h): 0, or an exit code with *cause. */
int	read_partition(const char *, const struct read_opts *, size_t,
	    void (*)(void *, long, uint64_t, uint64_t), void *, char **);
size_t	read_plan(const char *, const struct read_opts *, size_t,
	    struct split *);
/* Read every journey of a file ("-" for stdin); 0, or an exit code and *cause. */
int	read_file(const char *, const struct read_opts *, journey_fn,
	    struct read_stats *, char **);

/* Make an empty read_seen; free one. */
void	read_seen_init(struct read_seen *);
void	read_seen_free(struct read_seen *);

/* Add what one file (or piece) held to d. */
void	read_stats_add(struct read_stats *, const struct read_stats *);

/* Key i of a classifier ("concept:name 'my key'": white space separates, single quotes group) at *start, *len; 0, or -1 past the last. */
int	read_classifier_key(const char *, size_t, const char **, size_t *);

#endif
