/* fmt.h - numbers and text as the writers show them: C locale, trimmed; text safe for a terminal. */
#ifndef MOT_FMT_H
#define MOT_FMT_H

#include <stddef.h>
#include <stdio.h>

/* A number with up to digits decimals, trailing zeros dropped, "-0" as "0"; "" for NaN. */
void	fmt_number(char *, size_t, double, int);
/* A share as a percentage with one decimal ("12.5%"), "-" when NaN. */
const char *fmt_pct(char *, size_t, double);
/* Copy s for a terminal: control bytes become '?', at most size - 1 bytes. */
const char *term_clean(const char *, char *, size_t);
/* Columns a UTF-8 string takes on a terminal (one per code point). */
int	term_width(const char *);
/* Write s left-aligned in w columns. */
void	term_pad(FILE *, const char *, int);

#endif
