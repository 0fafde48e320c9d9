/* csvmap.h - the <csv> block of the expectations: how the columns of a CSV file make journeys (docs/format.md#csv). */
#ifndef MOT_CSVMAP_H
#define MOT_CSVMAP_H

#include <stddef.h>

#include "xmlin.h"

struct timefmt;
struct tz;

/* What a column gives a touchpoint. */
enum csv_role {
	CSVR_AT,
	CSVR_START,
	CSVR_END,
	CSVR_PROMISED,
	CSVR_NOTIFIED,
	CSVR_REVISED,
	CSVR_CHANNEL,
	CSVR_ACTOR,
	CSVR_TEAM,
	CSVR_STATUS,
	CSVR_N
};

/* The attribute of <touchpoint> that names the column of each role. */
extern const char *const csv_role_attrs[CSVR_N + 1];

/* A <touchpoint>: each row yields one when its time column has a value. */
struct csv_tpmap {
	char		 *name;		/* name=, or NULL */
	char		**name_cols;	/* name-columns=, joined with '+' */
	size_t		  nname_cols;
	char		 *col[CSVR_N];	/* by role: a column, or NULL */
	unsigned long	  line;
};

/* An <attribute>: a column's value as a journey (or touchpoint) attribute. */
struct csv_attrmap {
	char		*column;
	char		*name;		/* name=, or the column's */
	int		 touchpoint;	/* scope="touchpoint" */
	unsigned long	 line;
};

struct csv_map {
	int			 delimiter;	/* 0: ',' or, for .tsv, '\t' */
	int			 quote;		/* -1: none */
	int			 header;	/* columns named by the first row */
	char			**missing;	/* tokens meaning "no value" */
	size_t			 nmissing;
	char			*time_format;	/* NULL: ISO 8601 */
	struct timefmt		*tf;		/* time_format compiled */
	struct tz		*zone;		/* zone=, or NULL */
	int			 utf16;		/* encoding="UTF-16" */
	char			**journey_cols;	/* joined with '/' */
	unsigned long		 *journey_lines;	/* of each <journey> */
	size_t			 njourney_cols;
	struct csv_attrmap	*attrs;
	size_t			 nattrs;
	struct csv_tpmap	*tps;
	size_t			 ntps;
	unsigned long		 line;		/* of <csv> */
};

/* A new map from <csv>'s attributes; NULL, or a message (allocated). */
char	*csvmap_begin(struct csv_map **, const struct xattr *, int,
	    unsigned long);
/* Add a child of <csv> (<journey>, <attribute>, <touchpoint>); NULL, or a message. */
char	*csvmap_child(struct csv_map *, const char *, const struct xattr *,
	    int, unsigned long);
/* Check the map at </csv>; NULL, or a message. */
char	*csvmap_finish(struct csv_map *);
/* The canonical text of what changes results (for the expectations' hash), allocated. */
char	*csvmap_text(const struct csv_map *);
/* Free a map (NULL is allowed). */
void	 csvmap_free(struct csv_map *);

#endif
