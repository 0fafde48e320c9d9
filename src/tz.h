/* tz.h - time zones from the system's zoneinfo (RFC 8536 TZif), independent of $TZ. */

#ifndef MOT_TZ_H
#define MOT_TZ_H

#include <stdint.h>

struct tz;

/* Load a zone: "UTC", "Z", a fixed offset "+02:00" / "-0530" / "+02", or an IANA name
   such as "Europe/Amsterdam" read from $TZDIR or /usr/share/zoneinfo. On failure
   returns NULL and sets *cause to an allocated message (caller frees). */
struct tz *tz_load(const char *name, char **cause);

/* Free a zone returned by tz_load; NULL is allowed. */
void tz_free(struct tz *);

/* The name as given to tz_load. */
const char *tz_name(const struct tz *);

/* Offset from UTC in seconds (east positive) in force at UTC instant utc_s. */
int32_t tz_offset_at(const struct tz *, int64_t utc_s);

/* Convert a local wall-clock time (seconds since 1970-01-01T00:00 local, i.e. the
   wall clock read as if it were UTC) to UTC seconds. In a gap (spring forward) the
   non-existent wall time is moved forward by the gap's length (02:30 -> 03:30 CEST,
   as RFC 5545 and java.time do); in an overlap (autumn back) the earlier instant
   (the one with the larger offset, i.e. still on summer time) is chosen. */
int64_t tz_local_to_utc(const struct tz *, int64_t local_s);

#endif /* MOT_TZ_H */
