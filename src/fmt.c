/*
 * fmt.c - what every writer shares about showing numbers and text: numbers
 * in the C locale (mot never calls setlocale) with no trailing zeros, and
 * text from the input made safe and aligned for a terminal.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

void
fmt_number(char *buf, size_t size, double v, int digits)
{
	size_t	len;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "%.*f", digits, v);
	if (strchr(buf, '.') != NULL) {
		len = strlen(buf);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
		if (buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}

const char *
term_clean(const char *s, char *buf, size_t size)
{
	size_t	i;

	for (i = 0; s[i] != '\0' && i + 1 < size; i++)
		buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' :
		    s[i];
	buf[i] = '\0';
	return (buf);
}

int
term_width(const char *s)
{
	int	w = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	return (w);
}

void
term_pad(FILE *f, const char *s, int w)
{
	fputs(s, f);
	for (w -= term_width(s); w > 0; w--)
		fputc(' ', f);
}

const char *
fmt_pct(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", 100 * v);
	return (buf);
}
