/* isotime.h - ISO 8601 times and durations: parsing and formatting. */
#ifndef MOT_ISOTIME_H
#define MOT_ISOTIME_H

#include <stddef.h>
#include <stdint.h>

struct tz;

/* An instant: microseconds since 1970-01-01T00:00:00Z. */
typedef int64_t mot_time;
#define MOT_TIME_NONE	INT64_MIN
#define MOT_USEC	INT64_C(1000000)
/* isotime_parse's return when only the UTC offset is missing. */
#define ISOTIME_NO_OFFSET	(-2)

/* A duration: exact microseconds, and whether it was written with days or weeks. */
struct mot_duration {
	int64_t	us;
	int	has_days;
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t	days_from_civil(int64_t, unsigned, unsigned);
/* The proleptic Gregorian date of a day count since 1970-01-01. */
void	civil_from_days(int64_t, int64_t *, unsigned *, unsigned *);
/* Parse an ISO 8601 date-time of len bytes; zone (may be NULL) applies when it has no offset. */
int	isotime_parse(const char *, size_t, const struct tz *, mot_time *,
	    const char **);
/* Write an instant as ISO 8601 UTC ("2026-10-01T07:00:00Z", fraction only when not zero). */
void	isotime_format(mot_time, char *, size_t);
/* Parse an ISO 8601 duration (PnW, PnDTnHnMnS; no years or months). */
int	isodur_parse(const char *, size_t, struct mot_duration *, const char **);
/* Write seconds as a short human duration: "42s", "4m10s", "3h05m", "2d04h". */
void	isodur_human(double, char *, size_t);

#endif
