/* progress.h - how far a long run has come, on stderr when it is a terminal. */
#ifndef MOT_PROGRESS_H
#define MOT_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/* Start showing progress of reading files (silent unless stderr is a terminal and not -q). */
void	progress_start(char *const *, size_t);
/* Count journeys read (any thread may call it). */
void	progress_journeys(uint64_t);
/* Stop, and clear the progress line. */
void	progress_end(void);
/* The progress line for bytes read of total, journeys and seconds elapsed. */
void	progress_format(char *, size_t, uint64_t, uint64_t, uint64_t, double);

#endif
