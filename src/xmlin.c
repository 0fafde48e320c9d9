/*
 * xmlin.c - safe streaming XML input. Files are opened here, never by
 * libxml2 (whose loader follows URLs), read through zlib (so gzip is
 * transparent) and pushed in chunks into a SAX2 push parser. DTDs are
 * refused outright: no entity expansion, no external entity, no network.
 * Before libxml2 sees them, encodings that are not ASCII-compatible are
 * refused (UTF-16 with a byte order mark comes here already as UTF-8,
 * from src/input.c), and each chunk is checked for NUL bytes and for
 * elements with too many attributes; nesting and gzip inflation are
 * bounded too. libxml2's errors become mot's own one-line messages, chosen
 * by error code; only libxml2's public API is used, so that any libxml2
 * from 2.9 on builds (docs/robustness.md).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>	/* XML_MAX_NAME_LENGTH and the like */
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "exitcode.h"
#include "fmt.h"
#include "input.h"
#include "num.h"
#include "xmalloc.h"
#include "xmlin.h"

#define CHUNK		(256 * 1024)
/*
 * Limits on hostile input (docs/robustness.md). libxml2 2.9 checks an
 * element's attributes for duplicates in quadratic time, so an element
 * with more than MAX_ATTRS attributes is refused before libxml2 sees it;
 * MAX_DEPTH bounds nesting, which the push parser does not.
 */
#define MAX_ATTRS	1000
#define MAX_DEPTH	256

/* The tag being read across chunks, for the attribute limit. */
struct guard {
	int	 state;		/* TAG_* */
	char	 quote;		/* in TAG_QUOTE */
	int	 eqs;		/* '=' outside quotes so far */
};
#define TAG_NONE	0	/* not in a start tag: text, end tag, comment */
#define TAG_START	1	/* just after '<' */
#define TAG_IN		2	/* in a start tag, outside quotes */
#define TAG_QUOTE	3	/* in an attribute value */

/*
 * Where the chunk being given to libxml2 starts, and where the start tag
 * left open by the chunks before starts: for the messages about what mot
 * refuses before libxml2 sees it, and the line a file ends at (libxml2
 * keeps its position in fields that are not its API).
 */
struct where {
	uint64_t	 nl;		/* newlines before the chunk */
	uint64_t	 col;		/* bytes of the chunk's first line before it */
	unsigned long	 lt_line;	/* the last '<' given: line */
	int		 lt_col;	/* and column */
};

struct xmlin {
	const char		*path;
	xmlParserCtxtPtr	 ctxt;
	const struct xmlin_ops	*ops;
	void			*ud;
	char			*error;
	int			 code;
	int			 terminating;	/* the last chunk was pushed */
	long			 line_delta;	/* a range's first line in its file, less one */
	struct xattr		*attrs;
	int			 attrs_cap;
	int			 depth;		/* of elements open */
	int			 skip_depth;	/* of the element skipped, or 0 */
	int			 root;		/* ROOT_* */
	struct guard		 guard;
	struct where		 where;
	uint64_t		 given;		/* bytes given to libxml2 */
	const char		*chunk;		/* being given */
	size_t			 chunk_len;
	int			 recoded;	/* libxml2 decodes a declared 8-bit encoding */
};
#define ROOT_NONE	0	/* not seen yet */
#define ROOT_OPEN	1
#define ROOT_CLOSED	2

static xmlParserInputPtr
no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	return (NULL);
}

const char *
xmlin_name(struct xmlin *x, const char *name)
{
	if (x->ctxt == NULL || x->ctxt->dict == NULL)
		return (name);
	return ((const char *)xmlDictLookup(x->ctxt->dict,
	    (const xmlChar *)name, -1));
}

static void
xmlin_init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(no_entity_loader);
}

void
xmlin_init(void)
{
	static pthread_once_t	once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xmlin_init_once);
}

unsigned long
xmlin_line(const struct xmlin *x)
{
	int	line;

	if (x->ctxt == NULL || (line = xmlSAX2GetLineNumber(x->ctxt)) <= 0)
		return (0);
	return ((unsigned long)(line + x->line_delta));
}

const char *
xmlin_path(const struct xmlin *x)
{
	return (x->path);
}

void
xmlin_skip(struct xmlin *x)
{
	x->skip_depth = x->depth;
}

void
xmlin_set_ops(struct xmlin *x, const struct xmlin_ops *ops)
{
	x->ops = ops;
}

int
xmlin_failed(const struct xmlin *x)
{
	return (x->error != NULL);
}

static void
xmlin_vfail(struct xmlin *x, int code, unsigned long line, int col,
    const char *fmt, va_list ap)
{
	char	*msg;

	if (x->error != NULL)
		return;
	msg = xvasprintf(fmt, ap);
	if (line == 0)
		x->error = xasprintf("%s: %s", x->path, msg);
	else if (col > 0)
		x->error = xasprintf("%s:%lu:%d: %s", x->path, line, col, msg);
	else
		x->error = xasprintf("%s:%lu: %s", x->path, line, msg);
	free(msg);
	x->code = code;
	if (x->ctxt != NULL)
		xmlStopParser(x->ctxt);
}

void
xmlin_fail(struct xmlin *x, int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xmlin_vfail(x, code, xmlin_line(x), 0, fmt, ap);
	va_end(ap);
}

void
xmlin_abort(struct xmlin *x, int code, char *msg)
{
	if (x->error != NULL) {
		free(msg);
		return;
	}
	x->error = msg;
	x->code = code;
	if (x->ctxt != NULL)
		xmlStopParser(x->ctxt);
}

static void
fail_at(struct xmlin *x, int code, unsigned long line, int col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xmlin_vfail(x, code, line, col, fmt, ap);
	va_end(ap);
}

/* libxml2's message on one line, without its trailing newline. */
static char *
one_line(const char *s)
{
	char	*msg, *p;
	size_t	 len;

	msg = xstrdup(s != NULL ? s : "XML error");
	for (p = msg; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
	len = strlen(msg);
	while (len > 0 && msg[len - 1] == ' ')
		msg[--len] = '\0';
	return (msg);
}

/*
 * The line and column of byte off of the chunk being given, from where
 * w says byte from of it is.
 */
static void
where_from(const struct xmlin *x, const struct where *w, const char *buf,
    size_t from, size_t off, unsigned long *line, int *col)
{
	const char	*nl = memrchr(buf + from, '\n', off - from);

	*line = (unsigned long)(w->nl + count_byte(buf + from, off - from,
	    '\n') + 1 + (uint64_t)x->line_delta);
	*col = nl != NULL ? (int)(buf + off - nl) :
	    (int)(w->col + (off - from) + 1);
}

/* The line and column of byte off of the chunk being given. */
static void
where_at(const struct xmlin *x, const char *buf, size_t off,
    unsigned long *line, int *col)
{
	where_from(x, &x->where, buf, 0, off, line, col);
}

/*
 * Where libxml2 is: the bytes of the file it has read, its line and its
 * column; -1 if it cannot say. xmlCtxtGetInputPosition (2.15) counts
 * UTF-8 bytes, and xmlByteConsumed (deprecated in 2.14) does not count
 * the file's bytes either in 2.13 where libxml2 decodes a declared
 * encoding: so then libxml2 cannot say.
 */
static int
parser_at(const struct xmlin *x, uint64_t *bytes, int *line, int *col)
{
#ifdef HAVE_XMLCTXTGETINPUTPOSITION
	unsigned long	pos;

	if (x->ctxt == NULL || x->recoded || xmlCtxtGetInputPosition(x->ctxt,
	    0, NULL, line, col, &pos) != 0)
		return (-1);
	*bytes = pos;
#else
	long		consumed;

	if (x->ctxt == NULL || x->recoded ||
	    (consumed = xmlByteConsumed(x->ctxt)) < 0)
		return (-1);
	*bytes = (uint64_t)consumed;
	*line = xmlSAX2GetLineNumber(x->ctxt);
	*col = xmlSAX2GetColumnNumber(x->ctxt);
#endif
	return (0);
}

/*
 * The chunk's n bytes were given to libxml2: move past them. Up to where
 * libxml2 has read in the chunk, its line and column stand for the
 * newlines: only the rest (most often part of a line) is counted.
 */
static void
where_advance(struct xmlin *x, const char *buf, size_t n)
{
	struct where	 old = x->where, *w = &x->where;
	const char	*lt, *nl;
	uint64_t	 start = x->given - n, consumed;
	size_t		 c = 0;
	int		 line, col;

	if (parser_at(x, &consumed, &line, &col) == 0 && consumed >= start &&
	    consumed <= x->given && line > 0 && col > 0) {
		c = (size_t)(consumed - start);
		w->nl = (uint64_t)line - 1;
		w->col = (uint64_t)col - 1;
	}
	/* The start tag still open, for the attribute guard's message. */
	if (x->guard.state != TAG_NONE &&
	    (lt = memrchr(buf, '<', n)) != NULL) {
		if ((size_t)(lt - buf) >= c)
			where_from(x, w, buf, c, (size_t)(lt - buf),
			    &w->lt_line, &w->lt_col);
		else
			where_from(x, &old, buf, 0, (size_t)(lt - buf),
			    &w->lt_line, &w->lt_col);
	}
	nl = memrchr(buf + c, '\n', n - c);
	w->nl += count_byte(buf + c, n - c, '\n');
	w->col = nl != NULL ? (uint64_t)(buf + n - nl - 1) : w->col + (n - c);
}

/* Bytes given to libxml2 that it has not yet read; 0 if it cannot say. */
static uint64_t
pending(const struct xmlin *x)
{
	uint64_t	consumed;
	int		line, col;

	if (parser_at(x, &consumed, &line, &col) != 0 || consumed > x->given)
		return (0);
	return (x->given - consumed);
}

/* The line the input ends on, counted by mot. */
static unsigned long
end_line(const struct xmlin *x)
{
	return ((unsigned long)(x->where.nl + (x->where.col > 0) +
	    (uint64_t)x->line_delta));
}

/*
 * The first byte on libxml2's error line that is not UTF-8 (1) or is a
 * character XML does not allow (2), with its offset in the chunk being
 * given; 0 if that line is not in the chunk, or has neither.
 */
static int
bad_char(const struct xmlin *x, int eline, size_t *off)
{
	const char		*p = x->chunk, *end, *q;
	const unsigned char	*u;
	uint64_t		 k;
	size_t			 n;

	if (p == NULL || eline <= 0 || (uint64_t)eline <= x->where.nl)
		return (0);
	end = p + x->chunk_len;
	for (k = (uint64_t)eline - 1 - x->where.nl; k > 0; k--) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return (0);
		p = q + 1;
	}
	for (; p < end && *p != '\n'; p += n) {
		u = (const unsigned char *)p;
		*off = (size_t)(p - x->chunk);
		if (*u < 0x20 && *u != '\t' && *u != '\r')
			return (2);
		/* utf8_len refuses U+FFFE and U+FFFF, which are UTF-8. */
		if ((n = utf8_len(u, (size_t)(end - p))) == 0)
			return (end - p >= 3 && u[0] == 0xef && u[1] == 0xbf &&
			    (u[2] == 0xbe || u[2] == 0xbf) ? 2 : 1);
	}
	return (0);
}

/*
 * Invalid UTF-8, or a character XML does not allow: said with the bytes
 * where mot finds them on the error's line, else as libxml2's code says.
 */
static void
char_error(struct xmlin *x, MOT_XML_ERROR *e, unsigned long line, int col)
{
	const unsigned char	*u;
	char			 hex[32];
	size_t			 off, i, len = 0;
	int			 what;

	if ((what = bad_char(x, e->line, &off)) == 0) {
		fail_at(x, MOT_EXIT_DATAERR, line, col, "%s (mot reads UTF-8)",
		    e->code == XML_ERR_INVALID_ENCODING ? "invalid UTF-8" :
		    /* libxml2 before 2.12 says this of invalid UTF-8 too. */
		    "invalid UTF-8, or a character that XML does not allow");
		return;
	}
	u = (const unsigned char *)x->chunk + off;
	where_at(x, x->chunk, off, &line, &col);
	if (what == 2) {
		fail_at(x, MOT_EXIT_DATAERR, line, col, "a character that XML "
		    "does not allow (U+%04X)", *u < 0x80 ? *u :
		    0xfffe + (u[2] == 0xbf));
		return;
	}
	for (i = 0; i < 4 && off + i < x->chunk_len &&
	    (i == 0 || (u[i] & 0xc0) == 0x80); i++)
		len += (size_t)snprintf(hex + len, sizeof hex - len, "%s0x%02X",
		    i == 0 ? "" : " ", u[i]);
	fail_at(x, MOT_EXIT_DATAERR, line, col, "invalid UTF-8 (%s): mot "
	    "reads UTF-8", hex);
}

/*
 * libxml2's error, as mot's message: the cases mot knows by the error's
 * code (never by its text, which changes between releases), and
 * libxml2's own words for the rest of what is not well-formed.
 */
static void
sax_error(void *ud, MOT_XML_ERROR *e)
{
	struct xmlin	*x = ud;
	unsigned long	 line;
	char		*msg;
	int		 col, limit = 0;

	if (e == NULL || e->level == XML_ERR_WARNING || x->error != NULL)
		return;
	line = e->line > 0 ? (unsigned long)(e->line + x->line_delta) :
	    xmlin_line(x);
	col = e->int2;
	if (e->code == XML_ERR_DOCUMENT_END && x->root == ROOT_CLOSED) {
		fail_at(x, MOT_EXIT_DATAERR, line, col, "content after "
		    "the end of the root element (two root elements?)");
		return;
	}
	if ((e->code == XML_ERR_DOCUMENT_END ||
	    e->code == XML_ERR_DOCUMENT_EMPTY) && x->root == ROOT_NONE) {
		/* The push parser says "extra content" for these too. */
		fail_at(x, MOT_EXIT_DATAERR, line, 0, "no root element: not "
		    "an XML document, or only white space");
		return;
	}
	if (e->code == XML_ERR_DOCUMENT_END ||
	    e->code == XML_ERR_DOCUMENT_EMPTY || x->terminating) {
		/*
		 * At the very end of the input: a cut file. The push parser
		 * reads a construct once its end ('>', or the '<' after text)
		 * is given, so what it reads only now has none.
		 */
		fail_at(x, MOT_EXIT_DATAERR, end_line(x), 0, "the file ends "
		    "before its document does (truncated?)");
		return;
	}
	switch (e->code) {
	case XML_ERR_NAME_TOO_LONG:
		limit = XML_MAX_NAME_LENGTH;
		break;
#if HAVE_DECL_XML_ERR_RESOURCE_LIMIT
	case XML_ERR_RESOURCE_LIMIT:
		limit = XML_MAX_LOOKUP_LIMIT;
		break;
#endif
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_INVALID_CHAR:
		char_error(x, e, line, col);
		return;
	default:
		/* Older libxml2 stops so with an "internal error". */
		if (pending(x) > XML_MAX_LOOKUP_LIMIT)
			limit = XML_MAX_LOOKUP_LIMIT;
	}
	if (limit != 0) {
		fail_at(x, MOT_EXIT_DATAERR, line, col, "a tag, name or value "
		    "longer than libxml2's limit of %d bytes: refused", limit);
		return;
	}
	msg = one_line(e->message);
	fail_at(x, MOT_EXIT_DATAERR, line, col, "not well-formed XML: %s", msg);
	free(msg);
}

static void
sax_internal_subset(void *ud, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlin_fail(ud, MOT_EXIT_DATAERR,
	    "a DOCTYPE is not allowed (DTDs and entities are refused for safety)");
}

static xmlEntityPtr
sax_get_entity(void *ud, const xmlChar *name)
{
	return (xmlGetPredefinedEntity(name));
}

_Static_assert(sizeof (struct xattr) == 5 * sizeof (const xmlChar *),
    "struct xattr is libxml2's five attribute pointers");

static void
sax_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct xmlin	*x = ud;

	x->depth++;
	x->root = ROOT_OPEN;
	if (x->error != NULL)
		return;
	if (x->depth > MAX_DEPTH) {
		xmlin_fail(x, MOT_EXIT_DATAERR, "elements nested more than %d "
		    "deep: refused", MAX_DEPTH);
		return;
	}
	if (x->skip_depth != 0)
		return;
#if defined(__GNUC__)
	/* libxml2's array is read in place: struct xattr is its layout. */
	x->ops->start(x, x->ud, x->depth, (const char *)localname,
	    (const char *)uri, (const struct xattr *)(const void *)attrs,
	    nattrs);
#else
	int		 i;

	if (nattrs > x->attrs_cap) {
		x->attrs_cap = nattrs;
		x->attrs = xreallocarray(x->attrs, (size_t)nattrs,
		    sizeof *x->attrs);
	}
	for (i = 0; i < nattrs; i++) {
		x->attrs[i].name = (const char *)attrs[i * 5];
		x->attrs[i].prefix = (const char *)attrs[i * 5 + 1];
		x->attrs[i].uri = (const char *)attrs[i * 5 + 2];
		x->attrs[i].value = (const char *)attrs[i * 5 + 3];
		x->attrs[i].end = (const char *)attrs[i * 5 + 4];
	}
	x->ops->start(x, x->ud, x->depth, (const char *)localname,
	    (const char *)uri, x->attrs, nattrs);
#endif
}

static void
sax_end(void *ud, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xmlin	*x = ud;
	int		 depth = x->depth--;

	if (x->depth == 0)
		x->root = ROOT_CLOSED;
	if (x->error != NULL)
		return;
	if (x->skip_depth != 0) {
		if (x->skip_depth == depth)
			x->skip_depth = 0;
		return;
	}
	x->ops->end(x, x->ud, depth, (const char *)localname,
	    (const char *)uri);
}

static void
sax_text(void *ud, const xmlChar *ch, int len)
{
	struct xmlin	*x = ud;

	if (x->error != NULL || x->skip_depth != 0 || x->ops->text == NULL ||
	    len <= 0)
		return;
	x->ops->text(x, x->ud, (const char *)ch, (size_t)len);
}

/* The handlers; character data only for ops that take it. */
static void
sax_init(xmlSAXHandler *sax, const struct xmlin_ops *ops)
{
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	if (ops->text != NULL)
		sax->characters = sax->cdataBlock = sax_text;
	sax->serror = sax_error;
	sax->internalSubset = sax_internal_subset;
	sax->getEntity = sax_get_entity;
}

/*
 * The attribute limit. A "segment" is what lies between two '<': all the
 * attributes of a start tag are in its segment, since '<' either ends the
 * tag or is an error that stops the parse. Per block, a count of '='
 * bounds the attributes of every segment that crosses it; only when that
 * bound passes MAX_ATTRS are segments counted one by one, and only a
 * segment with that many '=' is read as a tag, quotes and all. The start
 * tag open at the end of a chunk is followed into the next.
 */
#define GUARD_BLOCK	2048

#if defined(__GNUC__)
typedef unsigned char	count_v16 __attribute__((vector_size(16)));

uint64_t
count_byte(const char *p, size_t n, int ch)
{
	count_v16	acc, v, vc;
	uint64_t	c = 0;
	size_t		i = 0, k, lanes;

	memset(&vc, ch, sizeof vc);
	while (i + 16 <= n) {
		memset(&acc, 0, sizeof acc);
		/* At most 255 rounds, so that no lane's count overflows. */
		for (k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			memcpy(&v, p + i, sizeof v);
			acc -= (count_v16)(v == vc);
		}
		for (lanes = 0; lanes < 16; lanes++)
			c += acc[lanes];
	}
	for (; i < n; i++)
		c += p[i] == (char)ch;
	return (c);
}
#else
uint64_t
count_byte(const char *p, size_t n, int ch)
{
	uint64_t	c = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		c += p[i] == (char)ch;
	return (c);
}
#endif

/* Read on in a tag (after its '<'); -1 past MAX_ATTRS attributes. */
static int
tag_feed(struct guard *g, const char *p, const char *end)
{
	const char	*q;

	while (p < end) {
		switch (g->state) {
		case TAG_NONE:
			return (0);
		case TAG_START:
			g->state = *p == '/' || *p == '!' || *p == '?' ?
			    TAG_NONE : TAG_IN;
			break;
		case TAG_QUOTE:
			q = memchr(p, g->quote, (size_t)(end - p));
			if (q == NULL)
				return (0);
			p = q + 1;
			g->state = TAG_IN;
			break;
		default:
			switch (*p++) {
			case '"':
			case '\'':
				g->quote = p[-1];
				g->state = TAG_QUOTE;
				break;
			case '>':
				g->state = TAG_NONE;
				break;
			case '=':
				if (++g->eqs > MAX_ATTRS)
					return (-1);
				break;
			}
		}
	}
	return (0);
}

/*
 * The common case first: where every GUARD_GAP bytes from a to b hold a
 * '<', no tag between them is long enough to hold more than MAX_ATTRS
 * attributes, which take five bytes each at the least (' a=""', the
 * white space being required). Each look is one memrchr from the far end
 * of the next GUARD_GAP bytes, which finds a '<' near it.
 */
#define GUARD_GAP	4096
_Static_assert(GUARD_GAP < 5 * (MAX_ATTRS + 1), "a gap cannot hide a tag");

static int
lt_dense(const char *a, const char *b)
{
	const char	*p;

	while (b - a > GUARD_GAP) {
		if ((p = memrchr(a + 1, '<', GUARD_GAP)) == NULL)
			return (0);
		a = p;
	}
	return (1);
}

/* Whether segment [a, b), a at its '<', is a tag with too many attributes. */
static int
tag_too_big(const char *a, const char *b)
{
	struct guard	g = { TAG_START, 0, 0 };

	return (tag_feed(&g, a + 1, b) != 0);
}

/*
 * Look at a chunk before libxml2 does: 0 if no start tag in it has more
 * than MAX_ATTRS attributes; else 1 with *bad at the '<' of the first that
 * has, or 2 if that tag began in an earlier chunk.
 */
static int
guard_chunk(struct guard *g, const char *buf, size_t n, size_t *bad)
{
	const char	*end = buf + n, *first, *last, *s, *e, *a, *b;
	size_t		 acc = 0, c;
	int		 lt;

	first = memchr(buf, '<', n);
	if (tag_feed(g, buf, first != NULL ? first : end) != 0)
		return (2);
	if (first == NULL)
		return (0);
	last = memrchr(first, '<', (size_t)(end - first));
	for (s = lt_dense(first, last) ? last : first; s < last; ) {
		e = (size_t)(last - s) >= GUARD_BLOCK ? s + GUARD_BLOCK : last;
		c = count_byte(s, (size_t)(e - s), '=');
		lt = memchr(s, '<', (size_t)(e - s)) != NULL;
		if (acc + c <= MAX_ATTRS) {
			acc = lt ? c : acc + c;
			s = e;
			continue;
		}
		/* Segment by segment, from the one s is in. */
		a = *s == '<' ? s : memrchr(first, '<', (size_t)(s - first));
		do {
			b = memchr(a + 1, '<', (size_t)(last - a));
			if (count_byte(a, (size_t)(b - a), '=') > MAX_ATTRS &&
			    tag_too_big(a, b)) {
				*bad = (size_t)(a - buf);
				return (1);
			}
			a = b;
		} while (a < e);
		s = a;
		acc = 0;
	}
	g->state = TAG_START;
	g->eqs = 0;
	if (tag_feed(g, last + 1, end) != 0) {
		*bad = (size_t)(last - buf);
		return (1);
	}
	return (0);
}

/*
 * Fail on what the checks before libxml2 refused: a NUL byte (where 3) or
 * a tag with too many attributes, at byte off of the chunk (where 1) or
 * begun in an earlier chunk (where 2).
 */
static void
guard_fail(struct xmlin *x, int where, const char *buf, size_t off)
{
	unsigned long	 line;
	int		 col;

	if (where == 2) {
		line = x->where.lt_line;
		col = x->where.lt_col;
	} else
		where_at(x, buf, off, &line, &col);
	if (where == 3)
		fail_at(x, MOT_EXIT_DATAERR, line, col, "a NUL byte: not "
		    "allowed in XML (a binary file, or UTF-16?)");
	else
		fail_at(x, MOT_EXIT_DATAERR, line, col, "an element with more "
		    "than %d attributes: refused", MAX_ATTRS);
}

/* Whether an encoding name is UTF-8, or keeps ASCII's bytes one a character. */
static int
encoding_ok(const char *name)
{
	static const char *const	 same[] = {
		"UTF-8", "UTF8", "US-ASCII", "ASCII", "LATIN1", "ISO-LATIN-1",
		NULL
	};
	static const char *const	 family[] = {
		"ISO-8859-", "ISO8859-", "ISO_8859-", "WINDOWS-125", "CP125",
		NULL
	};
	const char *const		*k;

	for (k = same; *k != NULL; k++) {
		if (strcasecmp(name, *k) == 0)
			return (1);
	}
	for (k = family; *k != NULL; k++) {
		if (strncasecmp(name, *k, strlen(*k)) == 0)
			return (1);
	}
	return (0);
}

/*
 * Whether a file with a UTF-16 mark may declare this encoding: UTF-16, or
 * UTF-8, which Windows PowerShell's Out-File keeps when it writes the text
 * of a UTF-8 file as UTF-16; the mark says what the bytes are.
 */
static int
encoding_utf16(const char *name)
{
	return (strncasecmp(name, "UTF-16", 6) == 0 ||
	    strncasecmp(name, "UTF16", 5) == 0 ||
	    strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0);
}

/*
 * Refuse, before libxml2 switches to it, an encoding other than UTF-8 and
 * its ASCII-compatible kin: the limits above read bytes as ASCII. b is
 * the start of the file; utf16 says that the input layer decoded it from
 * UTF-16, when it may declare only that.
 */
static int
check_encoding(struct xmlin *x, const char *b, size_t n, int utf16)
{
	const unsigned char	*u = (const unsigned char *)b;
	const char		*p, *end, *q, *what = NULL;
	char			 name[64];
	size_t			 i;

	if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE &&
	    u[3] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 &&
	    u[3] == 0)))
		what = "UTF-32";
	else if (n >= 4 && memcmp(b, "\x4c\x6f\xa7\x94", 4) == 0)
		what = "EBCDIC";
	for (i = 0; what == NULL && i < n && i < 4; i++) {
		if (b[i] == '\0')
			what = "UTF-16 or UTF-32 without a byte order "
			    "mark (or is not text)";
	}
	if (what != NULL) {
		fail_at(x, MOT_EXIT_DATAERR, 1, 0, "the file is in %s: mot "
		    "reads UTF-8 (convert it, e.g. with iconv -t UTF-8)", what);
		return (-1);
	}
	if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		b += 3;
		n -= 3;
	}
	if (n < 6 || memcmp(b, "<?xml", 5) != 0 || (b[5] != ' ' &&
	    b[5] != '\t' && b[5] != '\r' && b[5] != '\n'))
		return (0);
	end = b + (n < 1024 ? n : 1024);
	if ((q = memchr(b, '>', (size_t)(end - b))) != NULL)
		end = q;
	for (p = b + 5; p + 8 <= end && memcmp(p, "encoding", 8) != 0; p++)
		;
	if (p + 8 > end)
		return (0);
	for (p += 8; p < end && strchr(" \t\r\n=", *p) != NULL; p++)
		;
	if (p >= end || (*p != '"' && *p != '\''))
		return (0);
	q = memchr(p + 1, *p, (size_t)(end - p - 1));
	if (q == NULL)
		return (0);
	snprintf(name, sizeof name, "%.*s", (int)(q - p - 1), p + 1);
	if (utf16 ? encoding_utf16(name) : encoding_ok(name)) {
		x->recoded = !utf16 && strcasecmp(name, "UTF-8") != 0 &&
		    strcasecmp(name, "UTF8") != 0;
		return (0);
	}
	if (utf16) {
		fail_at(x, MOT_EXIT_DATAERR, 1, 0, "the file has a UTF-16 "
		    "byte order mark but declares encoding \"%s\"", name);
		return (-1);
	}
	fail_at(x, MOT_EXIT_DATAERR, 1, 0, "encoding \"%s\" is not supported: "
	    "mot reads UTF-8 (convert the file, e.g. with iconv -t UTF-8)",
	    name);
	return (-1);
}

static void
silent_error(void *ctx, const char *msg, ...)
{
}

int
xmlin_parse(const char *path, const struct xmlin_ops *ops, void *ud,
    struct xmlin_stats *st, char **cause)
{
	return (xmlin_parse_range(path, NULL, ops, ud, st, cause));
}

int
xmlin_parse_range(const char *path, const struct xmlin_range *range,
    const struct xmlin_ops *ops, void *ud, struct xmlin_stats *st,
    char **cause)
{
	struct xmlin		 x;
	xmlSAXHandler		 sax;
	struct input_src	*in = NULL;
	char			*buf = NULL, *nul;
	const char		*msg;
	const xmlError		*e;
	ssize_t			 n, more;
	size_t			 push, bad = 0;
	int			 rc = 0, first = 1, code, g = 0;

	memset(&x, 0, sizeof x);
	memset(st, 0, sizeof *st);
	x.path = path;
	x.ops = ops;
	x.ud = ud;
	*cause = NULL;

	xmlin_init();
	xmlSetGenericErrorFunc(NULL, silent_error);	/* all come to serror */
	if (strcmp(path, "-") == 0)
		x.path = "(stdin)";
	if (range != NULL) {
		x.line_delta = range->line_delta;
		rc = input_open_range(&in, path, range->mem, range->off, range->len,
		    range->prefix, range->prefix_len, range->suffix,
		    range->suffix_len, cause);
	} else
		rc = input_open(&in, path, cause);
	if (rc != 0)
		return (rc);
	buf = xmalloc(CHUNK);
	sax_init(&sax, ops);
	for (;;) {
		n = input_read(in, buf, CHUNK, &code, &msg);
		while (first && n > 0 && n < 1024) {	/* enough to sniff */
			if ((more = input_read(in, buf + n, CHUNK - (size_t)n,
			    &code, &msg)) <= 0) {
				if (more < 0)
					n = more;
				break;
			}
			n += more;
		}
		st->raw_bytes = input_raw_bytes(in);
		st->gzip = input_is_gzip(in);
		if (n < 0) {
			fail_at(&x, code, input_error_line(in), 0, "%s", msg);
			break;
		}
		st->xml_bytes += (uint64_t)n;
		if (first && n == 0) {
			fail_at(&x, MOT_EXIT_DATAERR, 0, 0, "empty file");
			break;
		}
		if (first && check_encoding(&x, buf, (size_t)n,
		    input_is_utf16(in)) != 0)
			break;
		push = (size_t)n;
		if (n > 0 && (g = guard_chunk(&x.guard, buf, (size_t)n,
		    &bad)) != 0)
			push = g == 1 ? bad : 0;
		if ((nul = memchr(buf, '\0', push)) != NULL) {
			push = (size_t)(nul - buf);
			g = 3;
			bad = push;
		}
		if (first) {
			first = 0;
			x.ctxt = xmlCreatePushParserCtxt(&sax, &x, NULL, 0,
			    x.path);
			if (x.ctxt == NULL) {
				fail_at(&x, MOT_EXIT_SOFTWARE, 0, 0,
				    "cannot create an XML parser");
				break;
			}
			/* Decoded from UTF-16: what it declares is done. */
			xmlCtxtUseOptions(x.ctxt, XML_PARSE_NONET |
			    XML_PARSE_NOENT | XML_PARSE_NOCDATA |
			    (input_is_utf16(in) ? XML_PARSE_IGNORE_ENC : 0));
		}
		x.terminating = n == 0;
		x.given += push;
		x.chunk = buf;
		x.chunk_len = push;
		xmlParseChunk(x.ctxt, buf, (int)push, n == 0);
		if (g != 0) {
			guard_fail(&x, g, buf, bad);
			break;
		}
		where_advance(&x, buf, push);
		if (n == 0 || x.error != NULL)
			break;
	}
	/* An error that did not come to sax_error, if there can be one. */
	if (x.error == NULL && x.ctxt != NULL &&
	    (e = xmlCtxtGetLastError(x.ctxt)) != NULL &&
	    e->level > XML_ERR_WARNING)
		fail_at(&x, MOT_EXIT_DATAERR, xmlin_line(&x), 0,
		    "not well-formed XML");
	if (x.error != NULL) {
		*cause = x.error;
		rc = x.code;
	}
	/* No document is built: the handlers have no startDocument. */
	if (x.ctxt != NULL)
		xmlFreeParserCtxt(x.ctxt);
	free(x.attrs);
	free(buf);
	input_close(in);
	return (rc);
}

const struct xattr *
xattr_get(const struct xattr *a, int n, const char *name)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (a[i].uri == NULL && strcmp(a[i].name, name) == 0)
			return (&a[i]);
	}
	return (NULL);
}

int
xattr_is(const struct xattr *a, const char *s)
{
	size_t	len = strlen(s);

	return (XATTR_LEN(a) == len && memcmp(a->value, s, len) == 0);
}

const struct xattr *
xattr_unknown(const struct xattr *a, int n, const char *const *known)
{
	const char *const	*k;
	int			 i;

	for (i = 0; i < n; i++) {
		if (a[i].uri != NULL)
			continue;
		for (k = known; *k != NULL; k++) {
			if (strcmp(a[i].name, *k) == 0)
				break;
		}
		if (*k == NULL)
			return (&a[i]);
	}
	return (NULL);
}

void
xattr_names(const char *const *names, char *buf, size_t size)
{
	size_t	off = 0;
	int	n;

	buf[0] = '\0';
	for (; *names != NULL && off < size; names++) {
		n = snprintf(buf + off, size - off, "%s%s",
		    off == 0 ? "" : ", ", *names);
		if (n < 0)
			break;
		off += (size_t)n;
	}
}

char *
xattr_check(const char *elem, const struct xattr *a, int n,
    const char *const *known)
{
	const struct xattr	*bad;
	char			 list[256];

	if ((bad = xattr_unknown(a, n, known)) == NULL)
		return (NULL);
	xattr_names(known, list, sizeof list);
	return (xasprintf("unknown attribute '%s' on <%s> (expected one of: "
	    "%s)", bad->name, elem, list));
}

int
parse_number(const char *s, size_t len, double *out)
{
	char	 buf[64], *end;
	double	 d;

	if (len == 0 || len >= sizeof buf)
		return (-1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	d = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || d != d || d > 1e300 || d < -1e300)
		return (-1);
	*out = d;
	return (0);
}

int
parse_integer(const char *s, size_t len, long long *out)
{
	char		 buf[32], *end;
	long long	 v;

	if (len == 0 || len >= sizeof buf)
		return (-1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (*end != '\0' || errno != 0)
		return (-1);
	*out = v;
	return (0);
}

struct root_sniff {
	char	*name;
	size_t	 size;
};

/* The code that stops a sniff once the root is seen: not an exit code. */
#define ROOT_FOUND	(-1)

static void
root_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct root_sniff	*rs = ud;

	snprintf(rs->name, rs->size, "%s", name);
	xmlin_abort(x, ROOT_FOUND, xstrdup("root found"));
}

static void
root_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
}

int
xmlin_root(const char *path, char *name, size_t size, char **cause)
{
	static const struct xmlin_ops	 ops = { root_start, root_end, NULL };
	struct root_sniff		 rs = { name, size };
	struct xmlin_stats		 st;
	int				 rc;

	name[0] = '\0';
	rc = xmlin_parse(path, &ops, &rs, &st, cause);
	if (rc == ROOT_FOUND) {
		free(*cause);
		*cause = NULL;
		return (0);
	}
	return (rc);
}
