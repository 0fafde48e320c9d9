/* fmt.h - numbers and text as the writers show them: C locale, trimmed; text safe for a terminal. */
#ifndef MOT_FMT_H
#define MOT_FMT_H

#include <stddef.h>
#include <stdio.h>

/* A number with up to digits decimals, trailing zeros dropped, "-0" as "0"; "" for NaN. */
void	fmt_number(char *, size_t, double, int);
/*
 * A number with exactly digits decimals ("0.50"); when NaN or infinite, a
 * dash with why it is missing where why is not NULL ("- (no finished
 * occurrence)", an em dash): no writer prints nan or inf.
 */
const char *fmt_fixed(char *, size_t, double, int, const char *);
/* The dash a missing figure is written as (U+2014 in UTF-8). */
#define FMT_DASH	"\xe2\x80\x94"
/* Why a moment's score, consistency and priority are missing. */
#define FMT_NO_FINISHED	"no finished occurrence"
/* A share as a percentage with one decimal ("12.5%"), "-" when NaN. */
const char *fmt_pct(char *, size_t, double);

/* The clock a duration is on. */
enum fmt_clock {
	CLOCK_CALENDAR,		/* every hour counts: 24x7, no pauses */
	CLOCK_WORKING		/* a calendar's working hours, or pauses left out */
};
/* The clock's name for a sentence or a table: "calendar time" or "working time". */
const char *fmt_clock_name(enum fmt_clock);
/* Seconds as working hours to three significant figures, without the unit ("9.22"); "-" when NaN. */
const char *fmt_hours(char *, size_t, double);
/*
 * The one way a duration of s seconds is written: on calendar time as
 * isodur_human ("2d04h"), on working time in working hours, never days
 * ("40 working hours", "1 working hour", "9.22 working hours"); "-" when NaN.
 */
const char *fmt_duration(char *, size_t, double, enum fmt_clock);
/* fmt_duration naming its clock where the unit does not: "2d04h of calendar time", "40 working hours". */
const char *fmt_duration_on(char *, size_t, double, enum fmt_clock);
/*
 * The significant figures a percentile is written with: the sketch is
 * within SKETCH_ALPHA (1%) of the true value, so a fourth figure would be
 * noise, and rounding to three adds at most 0.5% (docs/scoring.md, 5).
 */
#define QUANTILE_DIGITS	3
/* v rounded to digits significant figures; 0, NaN and infinities as they are. */
double	fmt_sig(double, int);
/* A percentile in seconds as a duration, to QUANTILE_DIGITS significant figures; "-" when NaN. */
const char *fmt_quantile(char *, size_t, double);
/* A p-value for people: three significant figures, "< 0.001" below that, "-" when NaN. */
const char *fmt_p(char *, size_t, double);
/* The bytes of the UTF-8 character at p (at most left), or 0 where none is (or XML cannot hold it). */
size_t	utf8_len(const unsigned char *, size_t);
/* The characters (code points) of a UTF-8 string. */
size_t	utf8_chars(const char *);
/* Whether a byte starts a UTF-8 character (a continuation byte does not). */
#define UTF8_START(b)	(((unsigned char)(b) & 0xc0) != 0x80)

/* The two markup languages markup_text writes for. */
enum markup {
	MARKUP_HTML,		/* controls as spaces, bad bytes U+FFFD, C1 and bidi escaped */
	MARKUP_XML		/* line breaks and tabs as references, bad bytes as '?' */
};
/* Write s as markup text or attribute value: & < > " ' escaped; what the language cannot hold replaced. */
void	markup_text(FILE *, const char *, enum markup);

/* The most bytes text_char writes for one character. */
#define TEXT_CHAR_MAX	8
/*
 * One character of s (at most left bytes) as a terminal or a message shows
 * it: printable characters as they are; \t \n \r; other C0 controls, DEL
 * and invalid UTF-8 as \xHH a byte; C1 controls, U+2028/U+2029 and the
 * bidirectional marks and overrides as \uHHHH. Returns the bytes it took.
 */
size_t	text_char(const unsigned char *, size_t, char *, size_t *);
/* s escaped by text_char into buf, cut at a character to fit size - 1 bytes; returns the whole length, as snprintf. */
size_t	text_escape(char *, size_t, const char *);
/* text_escape into buf, returning buf: s made safe for a terminal. */
const char *term_clean(const char *, char *, size_t);
/* Write the character at s escaped by text_char; return what follows it. */
const char *text_put_char(FILE *, const char *);
/* Write s escaped by text_char. */
void	text_put(FILE *, const char *);
/* Columns a UTF-8 string takes on a terminal (one per code point). */
int	term_width(const char *);
/* Write s left-aligned in w columns. */
void	term_pad(FILE *, const char *, int);

/* s with control bytes as spaces (allocated). */
char	*fmt_label_clean(const char *);
/* s shortened in the middle to at most max characters, tail of them from its end (allocated). */
char	*fmt_shorten(const char *, size_t, size_t);
/*
 * The labels of one axis or column: names[0..n) each shortened in the
 * middle to at most max characters, kept apart where the names differ (more
 * of the end, else of the start, else longer); free with xfree_strings.
 */
char	**fmt_labels(const char *const *, size_t, size_t);

/* A file name as a client report shows it: relative as given; absolute made relative to cwd, else its last component. */
const char *fmt_path_shown(const char *, const char *);

#endif
