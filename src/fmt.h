/* fmt.h - numbers and text as the writers show them: C locale, trimmed; text safe for a terminal. */
#ifndef MOT_FMT_H
#define MOT_FMT_H

#include <stddef.h>
#include <stdio.h>

/* A number with up to digits decimals, trailing zeros dropped, "-0" as "0"; "" for NaN. */
void	fmt_number(char *, size_t, double, int);
/* A share as a percentage with one decimal ("12.5%"), "-" when NaN. */
const char *fmt_pct(char *, size_t, double);
/* The bytes of the UTF-8 character at p (at most left), or 0 where none is (or XML cannot hold it). */
size_t	utf8_len(const unsigned char *, size_t);
/* The characters (code points) of a UTF-8 string. */
size_t	utf8_chars(const char *);

/* The two markup languages markup_text writes for. */
enum markup {
	MARKUP_HTML,		/* controls as spaces, bad bytes as U+FFFD */
	MARKUP_XML		/* line breaks and tabs as references, bad bytes as '?' */
};
/* Write s as markup text or attribute value: & < > " ' escaped; what the language cannot hold replaced. */
void	markup_text(FILE *, const char *, enum markup);

/* Copy s for a terminal: control bytes become '?', at most size - 1 bytes. */
const char *term_clean(const char *, char *, size_t);
/* Columns a UTF-8 string takes on a terminal (one per code point). */
int	term_width(const char *);
/* Write s left-aligned in w columns. */
void	term_pad(FILE *, const char *, int);

#endif
