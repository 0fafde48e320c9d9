/*
 * fmt.c - what every writer shares about showing numbers and text: numbers
 * in the C locale (mot never calls setlocale) with no trailing zeros, text
 * from the input made safe and aligned for a terminal, UTF-8 checked and
 * counted, and escaped for HTML and XML (one function for both).
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
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
	return ((int)utf8_chars(s));
}

size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

size_t
utf8_len(const unsigned char *p, size_t left)
{
	size_t		n, i;
	uint32_t	cp;

	if (*p < 0x80)
		return (1);
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return (0);
	if (left < n)
		return (0);
	cp = *p & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates, the non-characters U+FFFE and U+FFFF. */
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp == 0xfffe || cp == 0xffff)) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)))
		return (0);
	return (n);
}

void
markup_text(FILE *f, const char *s, enum markup m)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;

	while (left > 0) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs(m == MARKUP_XML ? "&apos;" : "&#39;", f);
			break;
		case '\t':
		case '\n':
		case '\r':
			if (m == MARKUP_XML) {	/* attributes keep them so */
				fprintf(f, "&#%d;", *p);
				break;
			}
			/* FALLTHROUGH */
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fputc(m == MARKUP_XML ? '?' : ' ', f);
				break;
			}
			if ((n = utf8_len(p, left)) == 0) {
				fputs(m == MARKUP_XML ? "?" : "\xef\xbf\xbd", f);
				break;
			}
			fwrite(p, 1, n, f);
			p += n;
			left -= n;
			continue;
		}
		p++;
		left--;
	}
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
