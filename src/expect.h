/* expect.h - the expectations file: moments of truth and their zones of tolerance. */
#ifndef MOT_EXPECT_H
#define MOT_EXPECT_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "isotime.h"
#include "score.h"
#include "strtab.h"

struct csv_map;
struct ocel_map;
struct tz;
struct xattr;

/* One end of a moment's clock: a touchpoint name, or a journey attribute (@name). */
struct endpoint {
	int		 is_attr;
	char		*name;
	int		 ref;		/* touchpoint name index, -1 for attributes */
};

struct moment {
	char			*id;
	char			*name;		/* display name; defaults to id */
	char			*stage;		/* may be empty */
	int			 span;		/* touchpoint= form */
	struct endpoint		 from;		/* span: the touchpoint */
	struct endpoint		 to;
	struct mot_duration	 desired;
	struct mot_duration	 adequate;
	double			 objective;	/* < 0 when none */
	char			*promised_by;	/* attribute with a per-journey deadline */
	char			*calendar_id;	/* calendar=, or NULL for 24x7 */
	int			 calendar;	/* index in calendars, or -1 */
	int			*pauses;	/* touchpoint name refs */
	size_t			 npauses;
	int			*ends;		/* ends=: touchpoint name refs */
	size_t			 nends;
	int			 repeat_first;	/* repeat="first": one clock a journey */
	int			 has_customer;	/* <customer>: the customers' zone */
	struct mot_duration	 cust_desired;
	struct mot_duration	 cust_adequate;
	char			*cust_source;
	unsigned long		 line;
};

/* Journey or event attributes that hold survey outcomes (names, or NULL). */
struct outcome_map {
	char	*nps;
	char	*csat;
	char	*ces;
	char	*churn;
};

struct expectations {
	char			*path;
	struct moment		*moments;
	size_t			 nmoments;
	struct score_params	 params;
	struct strtab		 names;		/* touchpoint names used */
	char			*classifier;	/* XES event name keys, or NULL */
	struct outcome_map	 outcome;
	struct calendar		*calendars;
	size_t			 ncalendars;
	unsigned char		*is_recovery;	/* by touchpoint name ref */
	unsigned char		*is_contact;	/* customer-initiated, by ref */
	int			 has_recovery;
	int			 has_contacts;
	uint64_t		 hash;		/* of the canonical content */
	char			*title;		/* <expectations title>, or NULL */
	struct csv_map		*csv;		/* <csv>: reading CSV files, or NULL */
	struct ocel_map		*ocel;		/* <ocel>: reading OCEL 2.0 logs, or NULL */
};

/* Called for each problem when checking (file, line, is_error, message). */
typedef void (*expect_problem_fn)(void *, const char *, unsigned long, int,
    const char *);

/* Check an expectations file, reporting every problem; sets the count of errors. */
int	expect_check(const char *, expect_problem_fn, void *, int *, char **);
/* Load an expectations file; 0, or an exit code with *cause allocated. */
int	expect_load(const char *, struct expectations **, char **);
/* Free expectations. */
void	expect_free(struct expectations *);

/* A zone= attribute's zone (an IANA name or +HH:MM) in *out; NULL, or the message why not (allocated). */
char	*expect_zone(const struct xattr *, struct tz **);

#endif
