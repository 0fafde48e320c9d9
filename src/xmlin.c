/*
 * xmlin.c - safe streaming XML input. Files are opened here, never by
 * libxml2 (whose loader follows URLs), read through zlib (so gzip is
 * transparent) and pushed in chunks into a SAX2 push parser. DTDs are
 * refused outright: no entity expansion, no external entity, no network.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parserInternals.h>

#include "exitcode.h"
#include "input.h"
#include "xmalloc.h"
#include "xmlin.h"

#define CHUNK		(256 * 1024)

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
};

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
	if (x->ctxt == NULL || x->ctxt->input == NULL)
		return (0);
	return ((unsigned long)(x->ctxt->input->line + x->line_delta));
}

const char *
xmlin_path(const struct xmlin *x)
{
	return (x->path);
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

static void
sax_error(void *ud, xmlErrorPtr e)
{
	struct xmlin	*x = ud;
	char		*msg;
	size_t		 len;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	if (x->terminating && e->code == XML_ERR_DOCUMENT_END) {
		/* libxml2's push parser says "extra content" for a cut file. */
		fail_at(x, MOT_EXIT_DATAERR, xmlin_line(x), 0, "the file ends "
		    "before its document does (truncated?)");
		return;
	}
	msg = xstrdup(e->message != NULL ? e->message : "XML error");
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	fail_at(x, MOT_EXIT_DATAERR, e->line > 0 ? (unsigned long)(e->line +
	    x->line_delta) : xmlin_line(x), e->int2, "not well-formed XML: %s",
	    msg);
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

static void
sax_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct xmlin	*x = ud;
	int		 i;

	if (x->error != NULL)
		return;
	if (nattrs > x->attrs_cap) {
		x->attrs_cap = nattrs;
		x->attrs = xreallocarray(x->attrs, (size_t)nattrs,
		    sizeof *x->attrs);
	}
	for (i = 0; i < nattrs; i++) {
		x->attrs[i].name = (const char *)attrs[i * 5];
		x->attrs[i].uri = (const char *)attrs[i * 5 + 2];
		x->attrs[i].value = (const char *)attrs[i * 5 + 3];
		x->attrs[i].len = (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]);
	}
	x->ops->start(x, x->ud, (const char *)localname, (const char *)uri,
	    x->attrs, nattrs);
}

static void
sax_end(void *ud, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xmlin	*x = ud;

	if (x->error != NULL)
		return;
	x->ops->end(x, x->ud, (const char *)localname, (const char *)uri);
}

static void
sax_init(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	sax->serror = sax_error;
	sax->internalSubset = sax_internal_subset;
	sax->getEntity = sax_get_entity;
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
	char			*buf = NULL;
	const char		*msg;
	ssize_t			 n;
	int			 rc = 0, first = 1, code;

	memset(&x, 0, sizeof x);
	memset(st, 0, sizeof *st);
	x.path = path;
	x.ops = ops;
	x.ud = ud;
	*cause = NULL;

	xmlin_init();
	if (strcmp(path, "-") == 0)
		x.path = "(stdin)";
	if (range != NULL) {
		x.line_delta = range->line_delta;
		rc = input_open_range(&in, path, range->off, range->len,
		    range->prefix, range->prefix_len, range->suffix,
		    range->suffix_len, cause);
	} else
		rc = input_open(&in, path, cause);
	if (rc != 0)
		return (rc);
	buf = xmalloc(CHUNK);
	sax_init(&sax);
	for (;;) {
		n = input_read(in, buf, CHUNK, &code, &msg);
		st->raw_bytes = input_raw_bytes(in);
		st->gzip = input_is_gzip(in);
		if (n < 0) {
			fail_at(&x, code, 0, 0, "%s", msg);
			break;
		}
		st->xml_bytes += (uint64_t)n;
		if (first && n == 0) {
			fail_at(&x, MOT_EXIT_DATAERR, 0, 0, "empty file");
			break;
		}
		if (first) {
			first = 0;
			x.ctxt = xmlCreatePushParserCtxt(&sax, &x, buf, (int)n,
			    x.path);
			if (x.ctxt == NULL) {
				fail_at(&x, MOT_EXIT_SOFTWARE, 0, 0,
				    "cannot create an XML parser");
				break;
			}
			xmlCtxtUseOptions(x.ctxt, XML_PARSE_NONET |
			    XML_PARSE_NOENT | XML_PARSE_NOCDATA);
			continue;
		}
		x.terminating = n == 0;
		xmlParseChunk(x.ctxt, buf, (int)n, n == 0);
		if (n == 0 || x.error != NULL)
			break;
	}
	if (x.error == NULL && x.ctxt != NULL && !x.ctxt->wellFormed)
		fail_at(&x, MOT_EXIT_DATAERR, xmlin_line(&x), 0,
		    "not well-formed XML");
	if (x.error != NULL) {
		*cause = x.error;
		rc = x.code;
	}
	if (x.ctxt != NULL) {
		if (x.ctxt->myDoc != NULL)
			xmlFreeDoc(x.ctxt->myDoc);
		xmlFreeParserCtxt(x.ctxt);
	}
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

	return (a->len == len && memcmp(a->value, s, len) == 0);
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
root_start(struct xmlin *x, void *ud, const char *name, const char *uri,
    const struct xattr *a, int n)
{
	struct root_sniff	*rs = ud;

	snprintf(rs->name, rs->size, "%s", name);
	xmlin_abort(x, ROOT_FOUND, xstrdup("root found"));
}

static void
root_end(struct xmlin *x, void *ud, const char *name, const char *uri)
{
}

int
xmlin_root(const char *path, char *name, size_t size, char **cause)
{
	static const struct xmlin_ops	 ops = { root_start, root_end };
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
