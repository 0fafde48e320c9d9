/*
 * read-ocel-json.c - the JSON front-end of the OCEL 2.0 reader
 * (docs/format.md#ocel): "objectTypes", "eventTypes", "objects" and
 * "events" streamed through yajl's callbacks (libyajl), never a tree of the
 * whole file. An object or event is gathered until its closing brace, since
 * JSON keys come in any order, and then handed to the core
 * (read-ocel.h). The input is fed to the parser a line at a time, so that
 * every message has its line. Bounded: nesting deeper than OJ_DEPTH_MAX,
 * a string longer than OJ_STRING_MAX, more attributes or relations than
 * OJ_ITEMS_MAX in one object or event, stop the read or are left out.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "exitcode.h"
#include "input.h"
#include "read-int.h"
#include "read-ocel.h"
#include "xmalloc.h"

#define OJ_DEPTH_MAX	64
#define OJ_STRING_MAX	(1 << 20)
#define OJ_ITEMS_MAX	100000
#define OJ_CHUNK	(256 * 1024)

/* The top-level collection being read. */
enum oj_section {
	OJ_NONE,
	OJ_OBJECT_TYPES,
	OJ_EVENT_TYPES,
	OJ_OBJECTS,
	OJ_EVENTS
};

/* The fields of an element (depth 3) or of one of its items (depth 5). */
enum oj_field {
	OJF_NONE,
	OJF_ID,
	OJF_TYPE,
	OJF_TIME,
	OJF_NAME,
	OJF_VALUE,
	OJF_OBJECT_ID,
	OJF_QUALIFIER,
	OJF_ATTRIBUTES,
	OJF_RELATIONSHIPS
};

/* An attribute or a relation of the element: up to three strings. */
struct oj_item {
	char	*a, *b, *c;	/* name, time, value; or object id, qualifier */
};

struct oj {
	struct rd	*r;
	int		 depth;		/* containers open */
	enum oj_section	 section;
	enum oj_field	 f3;		/* the key just read at depth 3 */
	enum oj_field	 f5;		/* at depth 5 */
	enum oj_field	 list;		/* the array at depth 4: attributes or relationships */
	unsigned long	 line, start;	/* now; where the element began */
	char		*id, *type, *time, *name;
	struct oj_item	*attrs, *rels;
	size_t		 nattrs, attrs_cap, nrels, rels_cap;
	struct oj_item	 cur;		/* the item at depth 5 */
	int		 too_many;
	/* The string guard: a run of bytes in one JSON string. */
	int		 in_string, escaped;
	size_t		 run;
	char		*error;		/* why the callbacks stopped */
};

static void
item_free(struct oj_item *it)
{
	free(it->a);
	free(it->b);
	free(it->c);
	memset(it, 0, sizeof *it);
}

static void
element_free(struct oj *j)
{
	size_t	i;

	free(j->id);
	free(j->type);
	free(j->time);
	free(j->name);
	j->id = j->type = j->time = j->name = NULL;
	for (i = 0; i < j->nattrs; i++)
		item_free(&j->attrs[i]);
	for (i = 0; i < j->nrels; i++)
		item_free(&j->rels[i]);
	j->nattrs = j->nrels = 0;
	j->too_many = 0;
	item_free(&j->cur);
}

static size_t
slen(const char *s)
{
	return (s != NULL ? strlen(s) : 0);
}

/* The element is complete: the core is given it. */
static void
element_end(struct oj *j)
{
	struct rd	*r = j->r;
	size_t		 i;

	ocel_at(r, j->start);
	if (j->too_many)
		rd_problem_at(r, j->start, 0, 0, NULL, "more than %d attributes "
		    "or relations in one element: the rest left out",
		    OJ_ITEMS_MAX);
	switch (j->section) {
	case OJ_OBJECT_TYPES:
		if (j->name != NULL)
			ocel_type(r, j->name, strlen(j->name));
		break;
	case OJ_OBJECTS:
		ocel_object(r, j->id, slen(j->id), j->type, slen(j->type));
		for (i = 0; i < j->nattrs; i++)
			if (j->attrs[i].a != NULL && j->attrs[i].c != NULL)
				ocel_object_attr(r, j->attrs[i].a,
				    strlen(j->attrs[i].a), j->attrs[i].b,
				    slen(j->attrs[i].b), j->attrs[i].c,
				    strlen(j->attrs[i].c));
		for (i = 0; i < j->nrels; i++)
			ocel_rel(r, j->rels[i].a, slen(j->rels[i].a),
			    j->rels[i].b, slen(j->rels[i].b));
		break;
	case OJ_EVENTS:
		ocel_event(r, j->id, slen(j->id), j->type, slen(j->type),
		    j->time, slen(j->time));
		for (i = 0; i < j->nattrs; i++)
			if (j->attrs[i].a != NULL && j->attrs[i].c != NULL)
				ocel_event_attr(r, j->attrs[i].a,
				    strlen(j->attrs[i].a), j->attrs[i].c,
				    strlen(j->attrs[i].c));
		for (i = 0; i < j->nrels; i++)
			ocel_rel(r, j->rels[i].a, slen(j->rels[i].a),
			    j->rels[i].b, slen(j->rels[i].b));
		ocel_event_end(r);
		break;
	default:
		break;
	}
	element_free(j);
}

/* A scalar value: where it goes, by the keys above it. */
static int
scalar(void *ctx, const char *s, size_t len)
{
	struct oj	*j = ctx;
	char		**slot = NULL;

	if (ocel_failed(j->r))
		return (0);
	if (j->depth == 3) {
		switch (j->f3) {
		case OJF_ID:
			slot = &j->id;
			break;
		case OJF_TYPE:
			slot = &j->type;
			break;
		case OJF_TIME:
			slot = &j->time;
			break;
		case OJF_NAME:
			slot = &j->name;
			break;
		default:
			break;
		}
	} else if (j->depth == 5 && j->list == OJF_ATTRIBUTES) {
		slot = j->f5 == OJF_NAME ? &j->cur.a : j->f5 == OJF_TIME ?
		    &j->cur.b : j->f5 == OJF_VALUE ? &j->cur.c : NULL;
	} else if (j->depth == 5 && j->list == OJF_RELATIONSHIPS)
		slot = j->f5 == OJF_OBJECT_ID ? &j->cur.a : j->f5 ==
		    OJF_QUALIFIER ? &j->cur.b : NULL;
	if (slot != NULL && *slot == NULL)
		*slot = xstrndup(s, len);
	return (1);
}

static int
oj_null(void *ctx)
{
	return (!ocel_failed(((struct oj *)ctx)->r));
}

/* OCEL 2.0's booleans are 1 and 0, as in its XML. */
static int
oj_boolean(void *ctx, int v)
{
	return (scalar(ctx, v ? "1" : "0", 1));
}

static int
oj_number(void *ctx, const char *s, size_t len)
{
	return (scalar(ctx, s, len));
}

static int
oj_string(void *ctx, const unsigned char *s, size_t len)
{
	return (scalar(ctx, (const char *)s, len));
}

static enum oj_field
field_of(const unsigned char *k, size_t len)
{
	static const struct {
		const char	*key;
		enum oj_field	 f;
	} keys[] = {
		{ "id", OJF_ID }, { "type", OJF_TYPE }, { "time", OJF_TIME },
		{ "name", OJF_NAME }, { "value", OJF_VALUE },
		{ "objectId", OJF_OBJECT_ID }, { "qualifier", OJF_QUALIFIER },
		{ "attributes", OJF_ATTRIBUTES },
		{ "relationships", OJF_RELATIONSHIPS }
	};
	size_t	i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i].key) == len && memcmp(keys[i].key, k, len) ==
		    0)
			return (keys[i].f);
	return (OJF_NONE);
}

static int
oj_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct oj	*j = ctx;

	if (j->depth == 1) {
		j->section =
		    len == 11 && memcmp(k, "objectTypes", 11) == 0 ?
		    OJ_OBJECT_TYPES : len == 10 && memcmp(k, "eventTypes",
		    10) == 0 ? OJ_EVENT_TYPES : len == 7 && memcmp(k,
		    "objects", 7) == 0 ? OJ_OBJECTS : len == 6 && memcmp(k,
		    "events", 6) == 0 ? OJ_EVENTS : OJ_NONE;
	} else if (j->depth == 3)
		j->f3 = field_of(k, len);
	else if (j->depth == 5)
		j->f5 = field_of(k, len);
	return (!ocel_failed(j->r));
}

static int
open_container(struct oj *j)
{
	if (++j->depth > OJ_DEPTH_MAX) {
		j->error = xasprintf("containers nested more than %d deep",
		    OJ_DEPTH_MAX);
		return (0);
	}
	return (!ocel_failed(j->r));
}

static int
oj_start_map(void *ctx)
{
	struct oj	*j = ctx;

	if (!open_container(j))
		return (0);
	if (j->depth == 3) {
		element_free(j);
		j->start = j->line;
		j->f3 = OJF_NONE;
	} else if (j->depth == 5) {
		item_free(&j->cur);
		j->f5 = OJF_NONE;
	}
	return (1);
}

/* The item at depth 5 is complete: kept in its list. */
static void
item_end(struct oj *j)
{
	struct oj_item	**list;
	size_t		 *n, *cap;

	if (j->list == OJF_ATTRIBUTES) {
		list = &j->attrs;
		n = &j->nattrs;
		cap = &j->attrs_cap;
	} else if (j->list == OJF_RELATIONSHIPS) {
		list = &j->rels;
		n = &j->nrels;
		cap = &j->rels_cap;
	} else {
		item_free(&j->cur);
		return;
	}
	if (*n == OJ_ITEMS_MAX) {
		j->too_many = 1;
		item_free(&j->cur);
		return;
	}
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*list = xreallocarray(*list, *cap, sizeof **list);
	}
	(*list)[(*n)++] = j->cur;
	memset(&j->cur, 0, sizeof j->cur);
}

static int
oj_end_map(void *ctx)
{
	struct oj	*j = ctx;

	if (j->depth == 5)
		item_end(j);
	else if (j->depth == 3)
		element_end(j);
	j->depth--;
	return (!ocel_failed(j->r));
}

static int
oj_start_array(void *ctx)
{
	struct oj	*j = ctx;

	if (!open_container(j))
		return (0);
	if (j->depth == 4)
		j->list = j->f3 == OJF_ATTRIBUTES || j->f3 == OJF_RELATIONSHIPS ?
		    j->f3 : OJF_NONE;
	return (1);
}

static int
oj_end_array(void *ctx)
{
	struct oj	*j = ctx;

	if (j->depth == 4)
		j->list = OJF_NONE;
	if (j->depth == 2)
		j->section = OJ_NONE;
	j->depth--;
	return (!ocel_failed(j->r));
}

static const yajl_callbacks oj_callbacks = {
	oj_null, oj_boolean, NULL, NULL, oj_number, oj_string,
	oj_start_map, oj_map_key, oj_end_map, oj_start_array, oj_end_array
};

/* Whether the bytes keep every JSON string under OJ_STRING_MAX (yajl would buffer any length). */
static int
guard(struct oj *j, const unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (j->in_string) {
			if (j->escaped)
				j->escaped = 0;
			else if (p[i] == '\\')
				j->escaped = 1;
			else if (p[i] == '"')
				j->in_string = 0;
			if (++j->run > OJ_STRING_MAX)
				return (0);
		} else if (p[i] == '"') {
			j->in_string = 1;
			j->run = 0;
		}
	}
	return (1);
}

/* Parse one piece (a line or less); 0, or -1 with j->error. */
static int
feed(struct oj *j, yajl_handle h, const unsigned char *p, size_t n)
{
	unsigned char	*msg;
	size_t		 len;

	if (!guard(j, p, n)) {
		j->error = xasprintf("a string longer than %d bytes",
		    OJ_STRING_MAX);
		return (-1);
	}
	if (yajl_parse(h, p, n) == yajl_status_ok)
		return (0);
	if (j->error == NULL && !ocel_failed(j->r)) {
		msg = yajl_get_error(h, 0, p, n);
		len = strlen((char *)msg);
		while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
			len--;
		j->error = xasprintf("not valid JSON: %.*s", (int)len,
		    (char *)msg);
		yajl_free_error(h, msg);
	}
	return (-1);
}

int
ocel_json_parse(struct rd *r, const char *path, char **cause)
{
	struct input_src	*in = NULL;
	struct oj		 j;
	yajl_handle		 h;
	unsigned char		*buf, *p, *nl, *end;
	const char		*msg;
	ssize_t			 got;
	int			 rc = 0, code;

	if ((rc = input_open(&in, path, cause)) != 0)
		return (rc);
	memset(&j, 0, sizeof j);
	j.r = r;
	j.line = 1;
	h = yajl_alloc(&oj_callbacks, NULL, &j);
	buf = xmalloc(OJ_CHUNK);
	ocel_at(r, 1);
	while (rc == 0 && (got = input_read(in, (char *)buf, OJ_CHUNK, &code,
	    &msg)) != 0) {
		if (got < 0) {
			*cause = xasprintf("%s: %s", r->path, msg);
			rc = code;
			break;
		}
		r->st->io.xml_bytes += (uint64_t)got;
		if (memchr(buf, '\0', (size_t)got) != NULL) {
			j.error = xstrdup("a NUL byte");
			rc = -1;
			break;
		}
		for (p = buf, end = buf + got; rc == 0 && p < end; p = nl) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL)
				nl++;
			else
				nl = end;
			ocel_at(r, j.line);
			rc = feed(&j, h, p, (size_t)(nl - p));
			if (rc == 0 && nl[-1] == '\n')
				j.line++;
		}
	}
	if (rc == 0 && yajl_complete_parse(h) != yajl_status_ok &&
	    j.error == NULL && !ocel_failed(r))
		j.error = xstrdup("the file ends before its JSON does "
		    "(truncated?)");
	if (j.error != NULL) {
		*cause = xasprintf("%s:%lu: %s", r->path, j.line, j.error);
		rc = MOT_EXIT_DATAERR;
	} else if (rc == -1)
		rc = 0;		/* stopped by the core: its code comes after */
	r->st->io.raw_bytes = input_raw_bytes(in);
	r->st->io.gzip = input_is_gzip(in);
	element_free(&j);
	free(j.attrs);
	free(j.rels);
	free(j.error);
	free(buf);
	yajl_free(h);
	input_close(in);
	return (rc);
}
