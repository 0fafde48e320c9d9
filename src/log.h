/* log.h - messages to standard error: warnings, errors, verbosity. */
#ifndef MOT_LOG_H
#define MOT_LOG_H

#include <stdarg.h>
#include <stddef.h>

/* Set the program name used as the prefix of every message. */
void	log_init(const char *);
/* Set the verbosity: -1 quiet, 0 normal, 1 verbose. */
void	log_set_level(int);
/* Return the verbosity. */
int	log_level(void);
/*
 * Format a whole message line, "mot: " prefix text "\n", its text escaped,
 * into buf, or into *big (allocated) when it does not fit; returns its length.
 */
size_t	log_vformat(char *, size_t, char **, const char *, const char *,
	    va_list) __attribute__((format(printf, 5, 0)));
/* Print a warning (suppressed by -q). */
void	warnf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print an error (always shown). */
void	errorf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print a message shown only with --verbose. */
void	verbosef(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
