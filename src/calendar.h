/* calendar.h - business calendars: weekly working hours and holidays in a zone. */
#ifndef MOT_CALENDAR_H
#define MOT_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "isotime.h"

struct tz;

/* Working hours of one weekday: [from, to) in minutes after local midnight. */
struct cal_span {
	int	from;
	int	to;
};

struct calendar {
	char		*id;
	struct tz	*tz;
	struct cal_span	*spans[7];	/* 0 Monday .. 6 Sunday */
	size_t		 nspans[7];
	int64_t		*holidays;	/* local day numbers, sorted */
	size_t		 nholidays;
	unsigned long	 line;
};

/* Make an empty calendar in a zone (taken over). */
void	cal_init(struct calendar *, const char *, struct tz *, unsigned long);
/* Free a calendar. */
void	cal_free(struct calendar *);
/* Add working hours on the days of a mask (bit 0 Monday); 0, or -1 with *why. */
int	cal_add_hours(struct calendar *, unsigned, int, int, const char **);
/* Add a holiday (a local date as days since 1970-01-01). */
void	cal_add_holiday(struct calendar *, int64_t);
/* Sort and merge what was added; -1 with *why when no working hours are left. */
int	cal_finish(struct calendar *, const char **);
/* Parse "mon-fri", "sat,sun", "mon-wed,fri" into a day mask; -1 when bad. */
int	cal_parse_days(const char *, size_t, unsigned *);
/* Parse "09:00" or "24:00" into minutes after midnight; -1 when bad. */
int	cal_parse_hhmm(const char *, size_t, int *);
/* The working time, in microseconds, between two instants. */
int64_t	cal_working(const struct calendar *, mot_time, mot_time);
/* One business day after an instant: the same local time on the next working day. */
mot_time cal_business_day(const struct calendar *, mot_time);

#endif
