/* timefmt.h - times written in a declared strptime-style format (CSV input). */
#ifndef MOT_TIMEFMT_H
#define MOT_TIMEFMT_H

#include <stddef.h>

#include "isotime.h"	/* mot_time: microseconds since 1970-01-01T00:00:00Z */

struct tz;		/* src/tz.h: tz_local_to_utc, tz_load */
struct timefmt;

/* timefmt_parse's return when the text has no UTC offset and no zone is given. */
#define TIMEFMT_NO_OFFSET	ISOTIME_NO_OFFSET

/* Compile a format (docs/time-formats.md); 0, or -1 with *cause allocated. */
int	timefmt_compile(const char *, struct timefmt **, char **);
/* Parse len bytes by the format: 0 and *t; TIMEFMT_NO_OFFSET; or -1 with *why (static text); zone applies when the text has no offset. */
int	timefmt_parse(const struct timefmt *, const char *, size_t,
	    const struct tz *, mot_time *, const char **);
/* timefmt_parse, and on an error the offset in the text (0-based) where it stopped matching in *at. */
int	timefmt_parse_at(const struct timefmt *, const char *, size_t,
	    const struct tz *, mot_time *, const char **, size_t *);
/* Whether the format reads a UTC offset (%z). */
int	timefmt_has_offset(const struct timefmt *);
/* The format as given. */
const char *timefmt_text(const struct timefmt *);
/* Free a compiled format; NULL is allowed. */
void	timefmt_free(struct timefmt *);
/* Whether len bytes look like a time of day with no date ("0:10:27", "10:56", "10:56:33.5", "2:05 PM"). */
int	timefmt_is_clock_only(const char *, size_t);

#endif
