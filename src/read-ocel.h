/*
 * read-ocel.h - what an OCEL 2.0 front-end (XML in read-ocel.c, JSON in
 * read-ocel-json.c, SQLite in read-ocel-sqlite.c) hands to the reader's
 * core: the types, objects and
 * events of a log, in whatever order the file has them. An object's
 * attributes and relations follow it, an event's follow it until
 * ocel_event_end.
 */
#ifndef MOT_READ_OCEL_H
#define MOT_READ_OCEL_H

#include <stddef.h>

struct rd;

/* The line of the file what follows comes from, for messages. */
void	ocel_at(struct rd *, unsigned long);
/* Whether the read has failed or been stopped: feed nothing more. */
int	ocel_failed(const struct rd *);
/* An object type the log declares. */
void	ocel_type(struct rd *, const char *, size_t);
/* An object begins: its id and type (NULL when missing). */
void	ocel_object(struct rd *, const char *, size_t, const char *, size_t);
/* Make an object met before the current one again, for more attributes or relations; 0, or -1 when the log has no such object. */
int	ocel_select(struct rd *, const char *, size_t);
/* An attribute of that object: name, time (NULL: from the start), value. */
void	ocel_object_attr(struct rd *, const char *, size_t, const char *,
	    size_t, const char *, size_t);
/* An event begins: its id, type and time (each NULL when missing). */
void	ocel_event(struct rd *, const char *, size_t, const char *, size_t,
	    const char *, size_t);
/* An attribute of that event: name, value. */
void	ocel_event_attr(struct rd *, const char *, size_t, const char *,
	    size_t);
/* A relation of the object or event begun last: the object's id, the qualifier (NULL: none). */
void	ocel_rel(struct rd *, const char *, size_t, const char *, size_t);
/* The event is complete. */
void	ocel_event_end(struct rd *);

/* The JSON front-end: parse path's JSON into the calls above; 0, or an exit code with *cause. */
int	ocel_json_parse(struct rd *, const char *, char **);
/* The SQLite front-end: read path's tables into the calls above; 0, or an exit code with *cause. */
int	ocel_sqlite_parse(struct rd *, const char *, char **);

#endif
