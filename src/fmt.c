/*
 * fmt.c - what every writer shares about showing numbers and text: numbers
 * in the C locale (mot never calls setlocale) with no trailing zeros,
 * durations on the clock they are measured on (the one duration formatter),
 * percentiles to the three significant figures the sketch supports, text
 * from the input made safe and aligned for a terminal or a message (one
 * function, text_char, decides how each character shows), UTF-8 checked
 * and counted, and escaped for HTML and XML (one function for both).
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "isotime.h"
#include "xmalloc.h"

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
fmt_fixed(char *buf, size_t size, double v, int digits, const char *why)
{
	if (!isfinite(v) && why != NULL)
		snprintf(buf, size, FMT_DASH " (%s)", why);
	else if (!isfinite(v))
		snprintf(buf, size, FMT_DASH);
	else
		snprintf(buf, size, "%.*f", digits, v);
	return (buf);
}

const char *
fmt_clock_name(enum fmt_clock c)
{
	return (c == CLOCK_WORKING ? "working time" : "calendar time");
}

const char *
fmt_hours(char *buf, size_t size, double s)
{
	double	h;
	int	digits;

	if (isnan(s)) {
		snprintf(buf, size, "-");
		return (buf);
	}
	h = s > 0 ? s / 3600 : 0;
	/* Three significant figures, down to 0.0001 h (0.36 s). */
	digits = h > 0 ? 2 - (int)floor(log10(h)) : 0;
	if (digits < 0)
		digits = 0;
	if (digits > 4)
		digits = 4;
	fmt_number(buf, size, h, digits);
	return (buf);
}

const char *
fmt_duration(char *buf, size_t size, double s, enum fmt_clock c)
{
	char	h[32];

	if (c == CLOCK_CALENDAR || isnan(s)) {
		isodur_human(s, buf, size);
		return (buf);
	}
	fmt_hours(h, sizeof h, s);
	snprintf(buf, size, "%s working hour%s", h, strcmp(h, "1") == 0 ? "" :
	    "s");
	return (buf);
}

const char *
fmt_duration_on(char *buf, size_t size, double s, enum fmt_clock c)
{
	size_t	len;

	fmt_duration(buf, size, s, c);
	len = strlen(buf);
	if (c == CLOCK_CALENDAR && !isnan(s) && len < size)
		snprintf(buf + len, size - len, " of calendar time");
	return (buf);
}

/*
 * Whether code point cp is one a terminal would act on rather than show:
 * C1 controls (U+009B starts an escape sequence as ESC [ does), the line
 * and paragraph separators, and the marks and overrides that reorder text
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
 */
static int
text_hidden(uint32_t cp)
{
	return ((cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || cp == 0x200e ||
	    cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069));
}

size_t
text_char(const unsigned char *p, size_t left, char *out, size_t *outlen)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 n, i;
	uint32_t		 cp;

	if (*p >= 0x20 && *p < 0x7f) {
		out[0] = (char)*p;
		*outlen = 1;
		return (1);
	}
	if (*p == '\t' || *p == '\n' || *p == '\r') {
		out[0] = '\\';
		out[1] = *p == '\t' ? 't' : *p == '\n' ? 'n' : 'r';
		*outlen = 2;
		return (1);
	}
	if (*p < 0x80 || (n = utf8_len(p, left)) == 0) {
		/* A control byte, or a byte that does not begin a character. */
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[*p >> 4];
		out[3] = hex[*p & 0xf];
		*outlen = 4;
		return (1);
	}
	cp = *p & (0x7f >> n);
	for (i = 1; i < n; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	if (text_hidden(cp)) {
		out[0] = '\\';
		out[1] = 'u';
		for (i = 0; i < 4; i++)
			out[2 + i] = hex[(cp >> (12 - 4 * i)) & 0xf];
		*outlen = 6;
		return (n);
	}
	memcpy(out, p, n);
	*outlen = n;
	return (n);
}

size_t
text_escape(char *buf, size_t size, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), used = 0, n, k;
	char			 one[TEXT_CHAR_MAX];
	int			 full = size == 0;

	while (left > 0) {
		k = text_char(p, left, one, &n);
		if (!full && used + n < size)
			memcpy(buf + used, one, n);
		else if (!full) {
			buf[used] = '\0';	/* cut before this character */
			full = 1;
		}
		used += n;
		p += k;
		left -= k;
	}
	if (!full)
		buf[used] = '\0';
	return (used);
}

const char *
term_clean(const char *s, char *buf, size_t size)
{
	text_escape(buf, size, s);
	return (buf);
}

const char *
text_put_char(FILE *f, const char *s)
{
	char	one[TEXT_CHAR_MAX];
	size_t	n, k;

	k = text_char((const unsigned char *)s, strnlen(s, 4), one, &n);
	fwrite(one, 1, n, f);
	return (s + k);
}

void
text_put(FILE *f, const char *s)
{
	while (*s != '\0')
		s = text_put_char(f, s);
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
	size_t			 left = strlen(s), n, k;
	char			 one[TEXT_CHAR_MAX];

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
			if (m == MARKUP_HTML && *p >= 0x80) {
				/* C1 and reordering marks shown, not obeyed. */
				n = text_char(p, left, one, &k);
				fwrite(one, 1, k, f);
			} else
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

double
fmt_sig(double v, int digits)
{
	double	e, m;

	if (!isfinite(v) || v == 0 || digits < 1)
		return (v);
	e = floor(log10(fabs(v))) - (digits - 1);
	if (e >= 0) {	/* divide and multiply by an exact power of ten */
		m = pow(10, e);
		return (round(v / m) * m);
	}
	m = pow(10, -e);
	return (round(v * m) / m);
}

const char *
fmt_quantile(char *buf, size_t size, double s)
{
	isodur_human(fmt_sig(s, QUANTILE_DIGITS), buf, size);
	return (buf);
}

const char *
fmt_p(char *buf, size_t size, double p)
{
	if (isnan(p))
		snprintf(buf, size, "-");
	else if (p < 0.001)	/* a normal tail this far out says little more */
		snprintf(buf, size, "< 0.001");
	else
		snprintf(buf, size, "%.3g", p);
	return (buf);
}

/* s with control bytes as spaces, as gp_string writes it. */
char *
fmt_label_clean(const char *s)
{
	char	*t = xstrdup(s), *p;

	for (p = t; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			*p = ' ';
	}
	return (t);
}

/* The byte offset of character k of s (the end when s has fewer). */
static size_t
label_offset(const char *s, size_t k)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (UTF8_START(s[i]) && n++ == k)
			return (i);
	}
	return (i);
}

char *
fmt_shorten(const char *s, size_t max, size_t tail)
{
	size_t	 n = utf8_chars(s), head, hb, tb;
	char	*out;

	if (max == 0 || n <= max)
		return (xstrdup(s));
	if (max == 1)
		return (xstrdup("\xe2\x80\xa6"));
	if (tail > max - 1)
		tail = max - 1;
	head = max - 1 - tail;
	hb = label_offset(s, head);
	tb = label_offset(s, n - tail);
	out = xmalloc(hb + 3 + strlen(s + tb) + 1);
	memcpy(out, s, hb);
	memcpy(out + hb, "\xe2\x80\xa6", 3);	/* an ellipsis */
	strcpy(out + hb + 3, s + tb);
	return (out);
}

/* Whether labels l[g[0..ng)] differ from each other and from every other. */
static int
labels_fit(char **l, char **name, size_t n, const size_t *g, size_t ng,
    const unsigned char *in)
{
	size_t	a, b;

	for (a = 0; a < ng; a++) {
		for (b = 0; b < n; b++) {
			if (b == g[a] || (in[b] && b < g[a]))
				continue;
			if (strcmp(l[g[a]], l[b]) == 0 &&
			    strcmp(name[g[a]], name[b]) != 0)
				return (0);
		}
	}
	return (1);
}

/* Shorten the labels of group g to b characters, t of them from the end. */
static int
labels_split(char **l, char **name, size_t n, const size_t *g, size_t ng,
    const unsigned char *in, size_t b, size_t t)
{
	size_t	j;

	for (j = 0; j < ng; j++) {
		free(l[g[j]]);
		l[g[j]] = fmt_shorten(name[g[j]], b, t);
	}
	return (labels_fit(l, name, n, g, ng, in));
}

char **
fmt_labels(const char *const *names, size_t n, size_t max)
{
	char		**l, **name;
	size_t		 *g, ng, i, j, b, t, longest, def = max / 3;
	unsigned char	 *in;
	int		  ok;

	l = xcalloc(n + 1, sizeof *l);
	name = xcalloc(n + 1, sizeof *name);
	g = xcalloc(n + 1, sizeof *g);
	in = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		name[i] = fmt_label_clean(names[i]);
		l[i] = fmt_shorten(name[i], max, def);
	}
	for (i = 0; i < n; i++) {
		/* The labels equal to label i, of other names. */
		memset(in, 0, n);
		ng = longest = 0;
		for (j = 0; j < n; j++) {
			if (strcmp(l[j], l[i]) == 0) {
				g[ng++] = j;
				in[j] = 1;
				if (utf8_chars(name[j]) > longest)
					longest = utf8_chars(name[j]);
			}
		}
		if (labels_fit(l, name, n, g, ng, in))
			continue;
		/* More of the end, else more of the start, else longer. */
		ok = 0;
		for (b = max; !ok && b <= longest; b++) {
			for (t = def + 1; !ok && t + 1 < b; t++)
				ok = labels_split(l, name, n, g, ng, in, b, t);
			for (t = def < b ? def + 1 : b; !ok && t-- > 0;)
				ok = labels_split(l, name, n, g, ng, in, b, t);
		}
	}
	for (i = 0; i < n; i++)
		free(name[i]);
	free(name);
	free(g);
	free(in);
	return (l);
}


/*
 * A file name as a client report shows it: as given when relative; an
 * absolute one relative to cwd when inside it, else its last component.
 */
const char *
fmt_path_shown(const char *path, const char *cwd)
{
	const char	*slash;
	size_t		 n;

	if (path[0] != '/')
		return (path);
	if (cwd != NULL && (n = strlen(cwd)) > 1 && strncmp(path, cwd, n) == 0 &&
	    path[n] == '/' && path[n + 1] != '\0')
		return (path + n + 1);
	slash = strrchr(path, '/');
	return (slash[1] != '\0' ? slash + 1 : path);
}
