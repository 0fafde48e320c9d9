/* ocelmap.h - the <ocel> block of the expectations: which objects of an OCEL 2.0 log are journeys, and what else they take in (docs/format.md#ocel). */
#ifndef MOT_OCELMAP_H
#define MOT_OCELMAP_H

#include <stddef.h>

#include "xmlin.h"

struct tz;

/* The key of ocel_map.name_keys that stands for the event's type. */
#define OCEL_NAME_TYPE	"type"

/* An <include>: the events of objects of a type the journey's object relates to, or that relate to it. */
struct ocel_include {
	char		*type;
	char		*qualifier;	/* only through this qualifier, or NULL */
	unsigned long	 line;
};

struct ocel_map {
	char			*object_type;	/* one journey per object of it */
	char			**name_keys;	/* name=: "type" and event attributes, joined with '+' */
	size_t			 nname_keys;
	struct tz		*zone;		/* zone=, or NULL */
	struct ocel_include	*incl;
	size_t			 nincl;
	unsigned long		 line;		/* of <ocel> */
};

/* A new map from <ocel>'s attributes (made even when they are wrong); NULL, or a message (allocated). */
char	*ocelmap_begin(struct ocel_map **, const struct xattr *, int,
	    unsigned long);
/* Add a child of <ocel> (<include>); NULL, or a message. */
char	*ocelmap_child(struct ocel_map *, const char *, const struct xattr *,
	    int, unsigned long);
/* The canonical text of what changes results (for the expectations' hash), allocated. */
char	*ocelmap_text(const struct ocel_map *);
/* Free a map (NULL is allowed). */
void	 ocelmap_free(struct ocel_map *);

#endif
