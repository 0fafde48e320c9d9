/* csv-profile.h - what the columns of a CSV file hold, and a <csv> mapping to start from (mot inspect). Pure: no I/O. */
#ifndef MOT_CSV_PROFILE_H
#define MOT_CSV_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "distinct.h"

#define CSVPROF_TIME_SAMPLE	1000	/* values of a column tried as times, at most */
#define CSVPROF_DISTINCT_EXACT	1000	/* distinct values counted exactly per column */
#define CSVPROF_COLS_MAX	1024	/* columns profiled; the rest are ignored (ncols_ignored) */
#define CSVPROF_TIME_LEN	64	/* a longer value is not a time */
/* A longer value is counted (and kept as an example) as its first bytes, "...", and its hash in 16 hex digits. */
#define CSVPROF_VALUE_MAX	256

struct csvprof_col {
	char		*name;		/* header's, or "1", "2", ... without a header */
	uint64_t	 values;	/* non-missing cells */
	uint64_t	 missing;	/* empty cells (and cells past the end of a short row) */
	struct distinct	 distinct;	/* the values, distinct_* of src/distinct.h */
	const char	*time_format;	/* a format every tried value matches: "" for ISO 8601, else e.g. "%d-%m-%Y %H:%M"; NULL: not a time column */
	int		 time_offset;	/* every tried time had a UTC offset */
	int		 day_month_ambiguous; /* time_format has %d before %m (or %m before %d) and the other order also matched every value */
	int		 clock_only;	/* the values are times of day without a date (timefmt_is_clock_only) */
	int		 unusable;	/* a mapping cannot name it: empty, named twice in the header, or not text XML can hold */
};

struct csvprof;
/* A new profile; header: the first record names the columns. */
struct csvprof *csvprof_new(int);
/* Add a record from the tokenizer (the first fixes the columns; with a header, it is the header). */
void	csvprof_record(struct csvprof *, const struct csv_record *);
/* The columns profiled (at most CSVPROF_COLS_MAX). */
size_t	csvprof_ncols(const struct csvprof *);
/* The first record's fields past CSVPROF_COLS_MAX, not profiled. */
size_t	csvprof_ncols_ignored(const struct csvprof *);
/* Data rows (not the header, nor rows equal to it). */
uint64_t csvprof_rows(const struct csvprof *);
/* Rows with fewer fields than the first record, and with more (the extra fields are ignored). */
void	csvprof_ragged(const struct csvprof *, uint64_t *, uint64_t *);
/* Rows equal to the header (files joined with cat), left out. */
uint64_t csvprof_header_repeats(const struct csvprof *);
/* Column i, after csvprof_finish; NULL past the last. */
const struct csvprof_col *csvprof_col(const struct csvprof *, size_t);
/* Decide the time formats (once; no record may follow). */
void	csvprof_finish(struct csvprof *);
/* After csvprof_finish, the suggested mapping: an allocated <csv ...>...</csv> element, indented by two spaces, ending in a newline; delim is the delimiter the file was read with */
char	*csvprof_skeleton(const struct csvprof *, int);
/* Guess a delimiter from the first line of a file (len bytes): the one of , ; TAB | that occurs most outside quotes, ',' when none. */
int	csvprof_sniff(const char *, size_t);
/* Free a profile; NULL is allowed. */
void	csvprof_free(struct csvprof *);

#endif
