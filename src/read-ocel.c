/*
 * read-ocel.c - OCEL 2.0 object-centric event logs (docs/format.md#ocel):
 * the reader's core, and its XML front-end. One journey per object of the
 * <ocel> mapping's object type, its touchpoints the events related to it,
 * and to the objects of each <include>'s type it relates to or that relate
 * to it (one hop). The front-ends (this file's XML, read-ocel-json.c,
 * read-ocel-sqlite.c) hand over types, objects and events in the file's
 * order through read-ocel.h. Object types, objects, their attributes and
 * relations are kept (memory grows with the objects, not the events);
 * each event is spooled, one row per related object (csv-group.c, spilled
 * to $TMPDIR past --memory), since a log may list its events before its
 * objects. Then the spool is replayed: each event goes to the journeys its
 * objects belong to, once each, gathered again by journey, and the
 * journeys come out in the order their first event came, then those of
 * objects without events, in file order. Without a mapping, under mot
 * inspect, the log is profiled instead (types and relations, no journeys).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-group.h"
#include "exitcode.h"
#include "log.h"
#include "ocelmap.h"
#include "read-int.h"
#include "read-ocel.h"
#include "tz.h"
#include "xmalloc.h"

/* The columns of a spooled row, and of a journey's row. */
#define OC_EID		0	/* the event's id */
#define OC_NAME		1	/* the touchpoint's name */
#define OC_TIME		2	/* its time, as written */
#define OC_BY		3	/* read_opts.tp_attr's value, or empty */
#define OC_OBJ		4	/* spool: the related object's id */
#define OC_QUAL		5	/* the relation's qualifier */
#define OC_NCOLS	6

/* The longest attribute value kept, in bytes. */
#define OC_VALUE_MAX	(64 * 1024)
/* The most relations of one event followed. */
#define OC_RELS_MAX	100000

/* Where the parser is (depth 2 and 3 elements). */
enum oc_where {
	OC_NONE,
	OC_EVENT_TYPES,
	OC_OBJECT_TYPES,
	OC_EVENTS,
	OC_OBJECTS
};

/* A value of an attribute of a journey's object, with the time it holds from. */
struct oc_attr {
	uint32_t	 obj;
	char		*name;
	char		*value;
	mot_time	 time;
};

/* An object-to-object relation. */
struct oc_rel {
	uint32_t	 src, dst;
	uint32_t	 qual;		/* in quals */
	unsigned long	 line;
};

/* A relation of the event being read. */
struct oc_erel {
	uint32_t	 obj;
	uint32_t	 qual;
	unsigned long	 line;
};

/* An event's relation, kept by mot inspect's profile: the event's type and the object. */
struct oc_e2o {
	uint32_t	 etype;		/* in etypes */
	uint32_t	 obj;
	uint32_t	 qual;
};

/* The event relations a profile keeps, at most (the rest are counted). */
#define OC_PROFILE_MAX	(1 << 20)

/* A journey the event being replayed goes to. */
struct oc_dest {
	uint32_t	 obj;
	uint32_t	 qual;
	int		 direct;
};

struct ocrd {
	const struct ocel_map	*m;
	const struct tz		*zone;
	struct xmlin		*x;
	unsigned long		 line;		/* for rd_source */
	int			 stop_rc;
	char			*stop_cause;

	struct strtab		 ids;		/* every object id met */
	int32_t			*otype;		/* by id: in types, -1 not defined */
	size_t			 ocap;
	struct strtab		 types;		/* object types, declared or used */
	struct strtab		 quals;		/* qualifiers */
	struct oc_attr		*attrs;		/* of the journeys' objects */
	size_t			 nattrs, attrs_cap;
	struct oc_rel		*rels;
	size_t			 nrels, rels_cap;
	size_t			*lstart;	/* by id: its journeys in lj */
	uint32_t		*lj;
	size_t			*astart;	/* by id: its attributes in aorder */
	uint32_t		*aorder;
	unsigned char		*seen;		/* by id: a journey with events */

	enum oc_where		 where;
	int			 in_item;	/* in an <event> or <object> */
	int			 skip;		/* its id was met before */
	int			 in_attrs, in_rels;
	uint32_t		 cur_obj;
	int			 cur_journey;	/* the object is of the journeys' type */
	char			*ev_id, *ev_type, *ev_time;
	unsigned long		 ev_line;
	char			**ev_keys;	/* by name key: its value, or NULL */
	char			*ev_by;
	struct oc_erel		*erels;
	size_t			 nerels, erels_cap;
	char			*attr_name;	/* XML: the attribute being read */
	char			*attr_time_text;
	char			*text;
	size_t			 text_len, text_cap;
	int			 text_on;

	struct cgroup		*spool;
	struct cgroup		*journeys;
	char			*key;		/* scratch */
	size_t			 keycap;
	struct oc_dest		*dest;
	size_t			 ndest, dest_cap;
	char			*cur_eid;	/* the event being replayed */
	struct csv_record	 cur_rec;	/* its first row, for its fields */
	struct csv_field	 cur_f[OC_NCOLS];
	char			*cur_buf[OC_NCOLS];
	int			 qualifier_by;	/* --by qualifier */
	struct tz		*utc;		/* SQLite's zone, when none is given */
	/* mot inspect without a mapping: a profile, no journeys. */
	struct read_seen	*profile;
	struct strtab		 etypes;
	uint32_t		 cur_etype;
	struct oc_e2o		*e2o;
	size_t			 ne2o, e2o_cap;
};

static unsigned long
oc_where_fn(void *arg, unsigned *col)
{
	struct ocrd	*c = arg;

	*col = 0;
	if (c->x != NULL)
		return (xmlin_line(c->x));
	return (c->line);
}

static void
oc_stop(void *arg, int rc, char *cause)
{
	struct ocrd	*c = arg;

	if (c->x != NULL) {
		xmlin_abort(c->x, rc, cause);
		return;
	}
	if (c->stop_rc == 0) {
		c->stop_rc = rc;
		c->stop_cause = cause;
	} else
		free(cause);
}

static const struct rd_source ocel_source = { oc_where_fn, oc_stop };

/* Stop the read with an exit code and a message (taken over). */
static void
oc_fail(struct ocrd *c, int rc, char *cause)
{
	if (c->x != NULL)
		xmlin_abort(c->x, rc, cause);
	else
		oc_stop(c, rc, cause);
}

/* The index of an object id, met for the first time or not. */
static uint32_t
obj_index(struct ocrd *c, const char *s, size_t len)
{
	size_t	k, old = c->ids.n;

	k = strtab_intern(&c->ids, s, len);
	if (c->ids.n > old) {
		if (k >= c->ocap) {
			c->ocap = c->ocap == 0 ? 1024 : c->ocap * 2;
			c->otype = xreallocarray(c->otype, c->ocap,
			    sizeof *c->otype);
		}
		c->otype[k] = -1;
	}
	return ((uint32_t)k);
}

/* Whether len bytes at s are the NUL-terminated key. */
static int
is_key(const char *s, size_t len, const char *key)
{
	return (strlen(key) == len && memcmp(s, key, len) == 0);
}

/* A copy of len bytes, or NULL for NULL. */
static char *
dupn(const char *s, size_t len)
{
	return (s != NULL ? xstrndup(s, len) : NULL);
}

void
ocel_at(struct rd *r, unsigned long line)
{
	((struct ocrd *)r->fmt)->line = line;
}

int
ocel_failed(const struct rd *r)
{
	const struct ocrd	*c = r->fmt;

	return (c->stop_rc != 0 || (c->x != NULL && xmlin_failed(c->x)));
}

void
ocel_type(struct rd *r, const char *name, size_t len)
{
	struct ocrd	*c = r->fmt;

	if (len > 0)
		(void)strtab_intern(&c->types, name, len);
}

void
ocel_event(struct rd *r, const char *id, size_t idlen, const char *type,
    size_t typelen, const char *time, size_t timelen)
{
	struct ocrd	*c = r->fmt;
	size_t		 i;

	c->in_item = 1;
	c->skip = 0;
	c->ev_id = dupn(id, idlen);
	c->ev_type = dupn(type, typelen);
	c->ev_time = dupn(time, timelen);
	c->ev_line = c->line;
	for (i = 0; i < c->m->nname_keys; i++) {
		free(c->ev_keys[i]);
		c->ev_keys[i] = NULL;
	}
	free(c->ev_by);
	c->ev_by = NULL;
	c->nerels = 0;
	r->st->ocel_events++;
	if (r->o->seen != NULL && time != NULL)
		rd_seen_time(r, time, timelen);
	if (c->profile != NULL && type != NULL) {
		distinct_add(&c->profile->ocel_etypes, type, typelen);
		c->cur_etype = (uint32_t)strtab_intern(&c->etypes, type,
		    typelen);
	}
}

void
ocel_event_attr(struct rd *r, const char *name, size_t namelen,
    const char *value, size_t len)
{
	struct ocrd	*c = r->fmt;
	size_t		 i;

	if (!c->in_item)
		return;
	for (i = 0; i < c->m->nname_keys; i++)
		if (c->ev_keys[i] == NULL && is_key(name, namelen,
		    c->m->name_keys[i]))
			c->ev_keys[i] = xstrndup(value, len);
	if (c->ev_by == NULL && r->o->tp_attr != NULL && is_key(name, namelen,
	    r->o->tp_attr))
		c->ev_by = xstrndup(value, len);
}

/* Add a spooled row of the event for one related object; 0, or an exit code with *cause. */
static int
spool_row(struct ocrd *c, const char *name, const struct oc_erel *er,
    char **cause)
{
	struct csv_record	rec;
	struct csv_field	f[OC_NCOLS];
	const char		*v[OC_NCOLS];
	size_t			i;

	v[OC_EID] = c->ev_id != NULL ? c->ev_id : "";
	v[OC_NAME] = name;
	v[OC_TIME] = c->ev_time;
	v[OC_BY] = c->ev_by != NULL ? c->ev_by : "";
	v[OC_OBJ] = strtab_key(&c->ids, er->obj);
	v[OC_QUAL] = strtab_key(&c->quals, er->qual);
	memset(&rec, 0, sizeof rec);
	for (i = 0; i < OC_NCOLS; i++) {
		f[i].s = v[i];
		f[i].len = strlen(v[i]);
		f[i].line = c->ev_line;
		f[i].col = 0;
	}
	rec.f = f;
	rec.n = OC_NCOLS;
	rec.line = rec.end_line = er->line;
	return (cgroup_add(c->spool, "", 0, &rec, cause));
}

/* The touchpoint's name: the name keys' values joined with '+', "type" the event's type. */
static char *
event_name(const struct ocrd *c)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < c->m->nname_keys; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? "+" : "",
		    strcmp(c->m->name_keys[i], OCEL_NAME_TYPE) == 0 ?
		    (c->ev_type != NULL ? c->ev_type : "") :
		    (c->ev_keys[i] != NULL ? c->ev_keys[i] : ""));
		free(s);
		s = t;
	}
	return (s);
}

/* mot inspect: the event's relations kept, by its type, to be typed once the objects are known. */
static void
profile_event(struct ocrd *c)
{
	size_t	i;

	if (c->ev_type == NULL)
		return;
	for (i = 0; i < c->nerels; i++) {
		if (c->ne2o == OC_PROFILE_MAX) {
			c->profile->ocel_e2o_more++;
			continue;
		}
		if (c->ne2o == c->e2o_cap) {
			c->e2o_cap = c->e2o_cap == 0 ? 256 : c->e2o_cap * 2;
			c->e2o = xreallocarray(c->e2o, c->e2o_cap,
			    sizeof *c->e2o);
		}
		c->e2o[c->ne2o].etype = c->cur_etype;
		c->e2o[c->ne2o].obj = c->erels[i].obj;
		c->e2o[c->ne2o++].qual = c->erels[i].qual;
	}
}

/* A relation's key for the profile: a\x1fb\x1fqualifier. */
static void
profile_add(struct distinct *d, const char *a, const char *b, const char *q)
{
	char	*k;

	k = xasprintf("%s\x1f%s\x1f%s", a, b, q);
	distinct_add(d, k, strlen(k));
	free(k);
}

/* mot inspect: the relations typed, object types known now. */
static void
profile_end(struct ocrd *c)
{
	const char	*t;
	size_t		 i;

	c->profile->ocel = 1;
	for (i = 0; i < c->ne2o; i++) {
		t = c->otype[c->e2o[i].obj] >= 0 ? strtab_key(&c->types,
		    (size_t)c->otype[c->e2o[i].obj]) : "?";
		profile_add(&c->profile->ocel_e2o, strtab_key(&c->etypes,
		    c->e2o[i].etype), t, strtab_key(&c->quals, c->e2o[i].qual));
	}
	for (i = 0; i < c->nrels; i++)
		profile_add(&c->profile->ocel_o2o, strtab_key(&c->types,
		    (size_t)c->otype[c->rels[i].src]), c->otype[c->rels[i].dst] >=
		    0 ? strtab_key(&c->types, (size_t)c->otype[c->rels[i].dst]) :
		    "?", strtab_key(&c->quals, c->rels[i].qual));
}

void
ocel_event_end(struct rd *r)
{
	struct ocrd	*c = r->fmt;
	char		*name, *cause = NULL;
	size_t		 i;
	int		 rc = 0;

	if (!c->in_item)
		return;
	c->in_item = 0;
	if (c->ev_time == NULL || *c->ev_time == '\0') {
		r->st->ocel_events_left_out++;
		rd_problem_at(r, c->ev_line, 0, 0, NULL, "event \"%.60s\" "
		    "without time left out", c->ev_id != NULL ? c->ev_id : "");
	} else if (c->nerels == 0) {
		r->st->ocel_events_left_out++;
		rd_problem_at(r, c->ev_line, 0, 0, NULL, "event \"%.60s\" "
		    "relates to no object: left out", c->ev_id != NULL ?
		    c->ev_id : "");
	} else if (c->profile != NULL)
		profile_event(c);
	else {
		name = event_name(c);
		for (i = 0; rc == 0 && i < c->nerels; i++)
			rc = spool_row(c, name, &c->erels[i], &cause);
		free(name);
		if (rc != 0)
			oc_fail(c, rc, cause);
	}
	free(c->ev_id);
	free(c->ev_type);
	free(c->ev_time);
	c->ev_id = c->ev_type = c->ev_time = NULL;
}

void
ocel_object(struct rd *r, const char *id, size_t idlen, const char *type,
    size_t typelen)
{
	struct ocrd	*c = r->fmt;
	uint32_t	 k;

	c->in_item = 0;		/* no event is being read */
	c->skip = 1;
	if (id == NULL || type == NULL || typelen == 0) {
		rd_problem_at(r, c->line, 0, 0, NULL, "object without id or "
		    "type left out");
		return;
	}
	k = obj_index(c, id, idlen);
	if (c->otype[k] != -1) {
		r->st->ocel_duplicate_objects++;
		rd_problem_at(r, c->line, 0, 0, NULL, "object \"%.*s\" again: "
		    "left out (its first stands)", (int)(idlen > 60 ? 60 :
		    idlen), id);
		return;
	}
	c->otype[k] = (int32_t)strtab_intern(&c->types, type, typelen);
	if (c->profile != NULL)
		distinct_add(&c->profile->ocel_otypes, type, typelen);
	c->skip = 0;
	c->cur_obj = k;
	c->cur_journey = is_key(type, typelen, c->m->object_type);
}

int
ocel_select(struct rd *r, const char *id, size_t idlen)
{
	struct ocrd	*c = r->fmt;
	long		 k;

	c->in_item = 0;
	c->skip = 1;
	if ((k = strtab_find(&c->ids, id, idlen)) < 0 || c->otype[k] == -1)
		return (-1);
	c->skip = 0;
	c->cur_obj = (uint32_t)k;
	c->cur_journey = is_key(strtab_key(&c->types, (size_t)c->otype[k]),
	    strlen(strtab_key(&c->types, (size_t)c->otype[k])),
	    c->m->object_type);
	return (0);
}

void
ocel_object_attr(struct rd *r, const char *name, size_t namelen,
    const char *time, size_t timelen, const char *value, size_t len)
{
	struct ocrd	*c = r->fmt;
	struct oc_attr	*oa;
	const char	*why;
	mot_time	 t = 0;

	if (c->skip || !c->cur_journey || c->in_item)
		return;
	if (time != NULL && isotime_parse(time, timelen, c->zone, &t, &why) !=
	    0) {
		rd_problem_at(r, c->line, 0, 0, NULL, "attribute time=\"%.*s\": "
		    "%s: left out", (int)(timelen > 60 ? 60 : timelen), time,
		    why);
		return;
	}
	if (c->nattrs == c->attrs_cap) {
		c->attrs_cap = c->attrs_cap == 0 ? 256 : c->attrs_cap * 2;
		c->attrs = xreallocarray(c->attrs, c->attrs_cap,
		    sizeof *c->attrs);
	}
	oa = &c->attrs[c->nattrs++];
	oa->obj = c->cur_obj;
	oa->name = xstrndup(name, namelen);
	oa->value = xstrndup(value, len);
	oa->time = t;
}

void
ocel_rel(struct rd *r, const char *oid, size_t oidlen, const char *qual,
    size_t quallen)
{
	struct ocrd	*c = r->fmt;
	uint32_t	 k, qk;

	if (c->skip)
		return;
	if (oid == NULL) {
		rd_problem_at(r, c->line, 0, 0, NULL, "relation without an "
		    "object id left out");
		return;
	}
	k = obj_index(c, oid, oidlen);
	qk = (uint32_t)strtab_intern(&c->quals, qual != NULL ? qual : "",
	    qual != NULL ? quallen : 0);
	if (c->in_item) {
		if (c->nerels == OC_RELS_MAX) {
			rd_problem_at(r, c->line, 0, 0, NULL, "event with more "
			    "than %d relations: the rest left out",
			    OC_RELS_MAX);
			c->nerels++;	/* said once */
			return;
		}
		if (c->nerels > OC_RELS_MAX)
			return;
		if (c->nerels == c->erels_cap) {
			c->erels_cap = c->erels_cap == 0 ? 16 :
			    c->erels_cap * 2;
			c->erels = xreallocarray(c->erels, c->erels_cap,
			    sizeof *c->erels);
		}
		c->erels[c->nerels].obj = k;
		c->erels[c->nerels].qual = qk;
		c->erels[c->nerels++].line = c->line;
		return;
	}
	if (c->nrels == c->rels_cap) {
		c->rels_cap = c->rels_cap == 0 ? 256 : c->rels_cap * 2;
		c->rels = xreallocarray(c->rels, c->rels_cap, sizeof *c->rels);
	}
	c->rels[c->nrels].src = c->cur_obj;
	c->rels[c->nrels].dst = k;
	c->rels[c->nrels].qual = qk;
	c->rels[c->nrels++].line = c->line;
}

/*
 * The XML front-end: libxml2's callbacks made into the calls above. An
 * <attribute>'s value is its text, handed over at its end.
 */

/* An attribute's value and length, or NULL. */
static const char *
aval(const struct xattr *a, int n, const char *name, size_t *len)
{
	const struct xattr	*v;

	*len = 0;
	if ((v = xattr_get(a, n, name)) == NULL)
		return (NULL);
	*len = XATTR_LEN(v);
	return (v->value);
}

static void
oc_text(struct xmlin *x, void *ud, const char *s, size_t len)
{
	struct rd	*r = ud;
	struct ocrd	*c = r->fmt;

	if (!c->text_on)
		return;
	if (c->text_len + len > OC_VALUE_MAX) {
		if (c->text_len < OC_VALUE_MAX)
			rd_problem_at(r, xmlin_line(x), 0, 0, NULL, "attribute "
			    "value longer than %d bytes: cut", OC_VALUE_MAX);
		len = c->text_len < OC_VALUE_MAX ? OC_VALUE_MAX - c->text_len :
		    0;
	}
	if (c->text_len + len + 1 > c->text_cap) {
		c->text_cap = (c->text_len + len + 1) * 2;
		c->text = xreallocarray(c->text, c->text_cap, 1);
	}
	memcpy(c->text + c->text_len, s, len);
	c->text_len += len;
}

/* An <attribute name time?> begins: its text is gathered until its end. */
static void
xml_attr_begin(struct ocrd *c, const struct xattr *a, int n)
{
	const char	*v;
	size_t		 len;

	free(c->attr_name);
	free(c->attr_time_text);
	c->attr_name = c->attr_time_text = NULL;
	c->text_on = 0;
	if ((v = aval(a, n, "name", &len)) == NULL)
		return;
	c->attr_name = xstrndup(v, len);
	if ((v = aval(a, n, "time", &len)) != NULL)
		c->attr_time_text = xstrndup(v, len);
	c->text_len = 0;
	c->text_on = 1;
}

static void
xml_attr_end(struct rd *r, struct ocrd *c)
{
	if (!c->text_on)
		return;
	c->text_on = 0;
	if (c->where == OC_EVENTS)
		ocel_event_attr(r, c->attr_name, strlen(c->attr_name), c->text !=
		    NULL ? c->text : "", c->text_len);
	else
		ocel_object_attr(r, c->attr_name, strlen(c->attr_name),
		    c->attr_time_text, c->attr_time_text != NULL ?
		    strlen(c->attr_time_text) : 0, c->text != NULL ? c->text :
		    "", c->text_len);
}

/* A <relationship object-id qualifier> (the XSD writes <object>, the XML page's example relationship= for the qualifier). */
static void
xml_rel(struct rd *r, const struct xattr *a, int n)
{
	const char	*oid, *q;
	size_t		 oidlen, qlen;

	oid = aval(a, n, "object-id", &oidlen);
	if ((q = aval(a, n, "qualifier", &qlen)) == NULL)
		q = aval(a, n, "relationship", &qlen);
	ocel_rel(r, oid, oidlen, q, qlen);
}

static void
oc_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct rd	*r = ud;
	struct ocrd	*c = r->fmt;
	const char	*v[3];
	size_t		 len[3];

	c->line = xmlin_line(x);
	if (depth == 1) {
		c->x = x;
		if (strcmp(name, "log") != 0)
			xmlin_fail(x, MOT_EXIT_DATAERR, "expected an OCEL 2.0 "
			    "<log> as the root element, found <%s>", name);
		return;
	}
	if (depth == 2) {
		c->where = strcmp(name, "event-types") == 0 ? OC_EVENT_TYPES :
		    strcmp(name, "object-types") == 0 ? OC_OBJECT_TYPES :
		    strcmp(name, "events") == 0 ? OC_EVENTS :
		    strcmp(name, "objects") == 0 ? OC_OBJECTS : OC_NONE;
		if (c->where == OC_NONE)
			xmlin_skip(x);
		return;
	}
	switch (c->where) {
	case OC_OBJECT_TYPES:
		if (depth == 3 && strcmp(name, "object-type") == 0 &&
		    (v[0] = aval(a, n, "name", &len[0])) != NULL)
			ocel_type(r, v[0], len[0]);
		xmlin_skip(x);
		return;
	case OC_EVENTS:
	case OC_OBJECTS:
		break;
	default:
		xmlin_skip(x);
		return;
	}
	if (depth == 3) {
		v[0] = aval(a, n, "id", &len[0]);
		v[1] = aval(a, n, "type", &len[1]);
		if (c->where == OC_EVENTS && strcmp(name, "event") == 0) {
			v[2] = aval(a, n, "time", &len[2]);
			ocel_event(r, v[0], len[0], v[1], len[1], v[2], len[2]);
		} else if (c->where == OC_OBJECTS && strcmp(name, "object") ==
		    0)
			ocel_object(r, v[0], len[0], v[1], len[1]);
		else
			xmlin_skip(x);
	} else if (depth == 4) {
		c->in_attrs = strcmp(name, "attributes") == 0;
		c->in_rels = strcmp(name, "objects") == 0 ||
		    strcmp(name, "relationships") == 0;
		if (!c->in_attrs && !c->in_rels)
			xmlin_skip(x);
	} else if (depth == 5 && c->in_attrs && strcmp(name, "attribute") == 0)
		xml_attr_begin(c, a, n);
	else if (depth == 5 && c->in_rels && (strcmp(name, "relationship") ==
	    0 || strcmp(name, "object") == 0))
		xml_rel(r, a, n);
	else
		xmlin_skip(x);
}

static void
oc_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	struct rd	*r = ud;
	struct ocrd	*c = r->fmt;

	c->line = xmlin_line(x);
	if (depth == 5 && c->in_attrs)
		xml_attr_end(r, c);
	else if (depth == 4)
		c->in_attrs = c->in_rels = 0;
	else if (depth == 3 && c->where == OC_EVENTS)
		ocel_event_end(r);
	else if (depth == 2)
		c->where = OC_NONE;
}

static const struct xmlin_ops ocel_ops = { oc_start, oc_end, oc_text };

/* The types' list, for a message: "a", "b", ... (allocated). */
static char *
type_list(const struct ocrd *c)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < c->types.n && i < 20; i++) {
		t = xasprintf("%s%s\"%s\"", s, i > 0 ? ", " : "",
		    strtab_key(&c->types, i));
		free(s);
		s = t;
	}
	if (c->types.n > 20) {
		t = xasprintf("%s, ...", s);
		free(s);
		s = t;
	}
	return (s);
}

/* Whether a type, through a qualifier, is one a journey takes in. */
static int
included(const struct ocrd *c, int32_t type, const char *qual)
{
	size_t	i;

	if (type < 0)
		return (0);
	for (i = 0; i < c->m->nincl; i++) {
		if (strcmp(c->m->incl[i].type, strtab_key(&c->types,
		    (size_t)type)) == 0 && (c->m->incl[i].qualifier == NULL ||
		    strcmp(c->m->incl[i].qualifier, qual) == 0))
			return (1);
	}
	return (0);
}

/*
 * The journeys each included object belongs to (lstart, lj) and the
 * attributes of each journey's object (astart, aorder), as index ranges
 * by object; relations to objects the log does not define are warned of.
 */
static void
link(struct rd *r, struct ocrd *c, int32_t jtype)
{
	const struct oc_rel	*rl;
	size_t			 i, n = c->ids.n, *fill;
	uint32_t		 from, to;
	int			 pass;

	c->lstart = xcalloc(n + 1, sizeof *c->lstart);
	c->astart = xcalloc(n + 1, sizeof *c->astart);
	for (pass = 0; pass < 2; pass++) {
		fill = pass == 0 ? NULL : xcalloc(n + 1, sizeof *fill);
		if (pass == 1) {
			for (i = 0; i < n; i++)
				c->lstart[i + 1] += c->lstart[i];
			memcpy(fill, c->lstart, (n + 1) * sizeof *fill);
			c->lj = xreallocarray(NULL, c->lstart[n] + 1,
			    sizeof *c->lj);
		}
		for (i = 0; i < c->nrels; i++) {
			rl = &c->rels[i];
			if (c->otype[rl->dst] == -1) {
				if (pass == 0)
					r->st->ocel_unknown_objects++;
				if (pass == 0)
					rd_problem_at(r, rl->line, 0, 0, NULL,
					    "a relation to object \"%.60s\", "
					    "which the log does not have: "
					    "left out", strtab_key(&c->ids,
					    rl->dst));
				continue;
			}
			if (c->otype[rl->src] == jtype && included(c,
			    c->otype[rl->dst], strtab_key(&c->quals,
			    rl->qual))) {
				from = rl->dst;
				to = rl->src;
			} else if (c->otype[rl->dst] == jtype && included(c,
			    c->otype[rl->src], strtab_key(&c->quals,
			    rl->qual))) {
				from = rl->src;
				to = rl->dst;
			} else
				continue;
			if (pass == 0)
				c->lstart[from + 1]++;
			else
				c->lj[fill[from]++] = to;
		}
		free(fill);
	}
	for (i = 0; i < c->nattrs; i++)
		c->astart[c->attrs[i].obj + 1]++;
	for (i = 0; i < n; i++)
		c->astart[i + 1] += c->astart[i];
	fill = xreallocarray(NULL, n + 1, sizeof *fill);
	memcpy(fill, c->astart, (n + 1) * sizeof *fill);
	c->aorder = xreallocarray(NULL, c->nattrs + 1, sizeof *c->aorder);
	for (i = 0; i < c->nattrs; i++)
		c->aorder[fill[c->attrs[i].obj]++] = (uint32_t)i;
	free(fill);
}

/* A journey the current event goes to: once, the direct relation's qualifier before one through an included object. */
static void
dest_add(struct ocrd *c, uint32_t obj, uint32_t qual, int direct)
{
	size_t	i;

	for (i = 0; i < c->ndest; i++) {
		if (c->dest[i].obj != obj)
			continue;
		if (direct && !c->dest[i].direct) {
			c->dest[i].qual = qual;
			c->dest[i].direct = 1;
		}
		return;
	}
	if (c->ndest == c->dest_cap) {
		c->dest_cap = c->dest_cap == 0 ? 8 : c->dest_cap * 2;
		c->dest = xreallocarray(c->dest, c->dest_cap, sizeof *c->dest);
	}
	c->dest[c->ndest].obj = obj;
	c->dest[c->ndest].qual = qual;
	c->dest[c->ndest++].direct = direct;
}

/* The event being replayed goes to its journeys; 0, or an exit code with *cause. */
static int
dest_flush(struct ocrd *c, char **cause)
{
	struct csv_record	 rec = c->cur_rec;
	struct csv_field	 f[OC_NCOLS];
	const char		*id, *qual;
	size_t			 i;
	int			 rc = 0;

	memcpy(f, c->cur_f, sizeof f);
	rec.f = f;
	for (i = 0; rc == 0 && i < c->ndest; i++) {
		id = strtab_key(&c->ids, c->dest[i].obj);
		qual = strtab_key(&c->quals, c->dest[i].qual);
		f[OC_QUAL].s = qual;
		f[OC_QUAL].len = strlen(qual);
		rc = cgroup_add(c->journeys, id, strlen(id), &rec, cause);
	}
	c->ndest = 0;
	return (rc);
}

struct spool_arg {
	struct rd	*r;
	char		**cause;
	int32_t		 jtype;
};

static int
sp_begin(void *arg, const char *id, size_t len, const struct csv_record *rec)
{
	return (0);
}

/* Keep a copy of a row's fields: the event's, while its rows come. */
static void
keep_row(struct ocrd *c, const struct csv_record *rec)
{
	size_t	i;

	c->cur_rec = *rec;
	for (i = 0; i < OC_NCOLS; i++) {
		free(c->cur_buf[i]);
		c->cur_buf[i] = xstrndup(rec->f[i].s, rec->f[i].len);
		c->cur_f[i] = rec->f[i];
		c->cur_f[i].s = c->cur_buf[i];
	}
}

static int
sp_row(void *arg, const struct csv_record *rec)
{
	struct spool_arg	*sa = arg;
	struct rd		*r = sa->r;
	struct ocrd		*c = r->fmt;
	long			 k, q;
	size_t			 i;
	int			 rc;

	if (c->cur_eid == NULL || rec->f[OC_EID].len != strlen(c->cur_eid) ||
	    memcmp(rec->f[OC_EID].s, c->cur_eid, rec->f[OC_EID].len) != 0 ||
	    rec->f[OC_EID].len == 0) {
		if ((rc = dest_flush(c, sa->cause)) != 0)
			return (rc);
		free(c->cur_eid);
		c->cur_eid = xstrndup(rec->f[OC_EID].s, rec->f[OC_EID].len);
		keep_row(c, rec);
	}
	k = strtab_find(&c->ids, rec->f[OC_OBJ].s, rec->f[OC_OBJ].len);
	q = strtab_find(&c->quals, rec->f[OC_QUAL].s, rec->f[OC_QUAL].len);
	if (k < 0 || q < 0 || c->otype[k] == -1) {
		r->st->ocel_unknown_objects++;
		rd_problem_at(r, rec->line, 0, 0, NULL, "event \"%.60s\" "
		    "relates to object \"%.60s\", which the log does not "
		    "have: that relation left out", c->cur_eid,
		    rec->f[OC_OBJ].s);
		return (0);
	}
	if (c->otype[k] == sa->jtype)
		dest_add(c, (uint32_t)k, (uint32_t)q, 1);
	for (i = c->lstart[k]; i < c->lstart[k + 1]; i++)
		dest_add(c, c->lj[i], (uint32_t)q, 0);
	return (0);
}

static int
sp_end(void *arg)
{
	struct spool_arg	*sa = arg;

	return (dest_flush(sa->r->fmt, sa->cause));
}

static const struct cgroup_fns spool_fns = { sp_begin, sp_row, sp_end };

/* The journey's attributes: each name's value at its first event (the latest set by then, else the first set), the later ones counted. */
static void
journey_attrs(struct rd *r, struct ocrd *c, uint32_t obj)
{
	const struct oc_attr	*a, *b, *best;
	mot_time		 first = MOT_TIME_NONE;
	size_t			 i, k;
	int			 dup;

	for (i = 0; i < r->j->ntps; i++)
		if (first == MOT_TIME_NONE || r->j->tps[i].start < first)
			first = r->j->tps[i].start;
	for (i = c->astart[obj]; i < c->astart[obj + 1]; i++) {
		a = &c->attrs[c->aorder[i]];
		dup = 0;
		for (k = c->astart[obj]; k < i; k++)
			if (strcmp(c->attrs[c->aorder[k]].name, a->name) == 0)
				dup = 1;
		if (dup)
			continue;	/* that name is done */
		best = NULL;
		for (k = i; k < c->astart[obj + 1]; k++) {
			b = &c->attrs[c->aorder[k]];
			if (strcmp(b->name, a->name) != 0)
				continue;
			if (best == NULL || (first != MOT_TIME_NONE &&
			    b->time <= first && (best->time > first ||
			    b->time > best->time)) || (best->time > first &&
			    b->time < best->time))
				best = b;
		}
		for (k = i; k < c->astart[obj + 1]; k++) {
			b = &c->attrs[c->aorder[k]];
			if (b != best && strcmp(b->name, a->name) == 0 &&
			    strcmp(b->value, best->value) != 0)
				r->st->ocel_attr_changes++;
		}
		journey_add_attr(r->j, rd_dupn(r, best->name,
		    strlen(best->name)), rd_dupn(r, best->value,
		    strlen(best->value)), r->j->line);
	}
}

static int
jn_begin(void *arg, const char *id, size_t len, const struct csv_record *rec)
{
	struct spool_arg	*sa = arg;
	struct rd		*r = sa->r;
	struct ocrd		*c = r->fmt;

	c->line = rec->line;
	rd_begin_journey(r);
	r->j->id = rd_dupn(r, id, len);
	return (c->stop_rc);
}

static int
jn_row(void *arg, const struct csv_record *rec)
{
	struct spool_arg	*sa = arg;
	struct rd		*r = sa->r;
	struct ocrd		*c = r->fmt;
	struct touchpoint	*tp;
	const struct csv_field	*by;
	const char		*why;
	mot_time		 t;
	long			 ref;
	int			 rc;

	c->line = rec->line;
	rc = isotime_parse(rec->f[OC_TIME].s, rec->f[OC_TIME].len, c->zone, &t,
	    &why);
	if (rc != 0) {
		if (rc == ISOTIME_NO_OFFSET)
			rd_problem_at(r, rec->line, 0, 1, "time without offset",
			    "time=\"%.60s\": a time without a UTC offset; give "
			    "the zone in <ocel zone=...> or --assume-zone",
			    rec->f[OC_TIME].s);
		else
			rd_problem_at(r, rec->line, 0, 1, "bad time",
			    "time=\"%.60s\": %s", rec->f[OC_TIME].s, why);
		return (c->stop_rc);
	}
	if (RD_FULL(r, FULL_NO))
		return (c->stop_rc);
	tp = journey_add_touchpoint(r->j);
	ref = r->o->names != NULL ? strtab_find(r->o->names,
	    rec->f[OC_NAME].s, rec->f[OC_NAME].len) : -1;
	tp->name = ref >= 0 ? strtab_key(r->o->names, (size_t)ref) :
	    rd_dupn(r, rec->f[OC_NAME].s, rec->f[OC_NAME].len);
	tp->ref = (int)ref;
	tp->start = tp->end = t;
	tp->kind = TP_INSTANT;
	by = c->qualifier_by ? &rec->f[OC_QUAL] : &rec->f[OC_BY];
	if (r->o->tp_attr != NULL && by->len > 0)
		tp->by = rd_dupn(r, by->s, by->len);
	r->st->touchpoints++;
	return (c->stop_rc);
}

static int
jn_end(void *arg)
{
	struct spool_arg	*sa = arg;
	struct rd		*r = sa->r;
	struct ocrd		*c = r->fmt;
	long			 k;

	k = strtab_find(&c->ids, r->j->id, strlen(r->j->id));
	if (k >= 0) {
		c->seen[k] = 1;
		journey_attrs(r, c, (uint32_t)k);
	}
	rd_end_journey(r);
	return (c->stop_rc);
}

static const struct cgroup_fns journey_fns = { jn_begin, jn_row, jn_end };

/* The journeys of objects without events, in the order the log has them. */
static void
eventless(struct rd *r, struct ocrd *c, int32_t jtype)
{
	size_t	i;

	for (i = 0; c->stop_rc == 0 && i < c->ids.n; i++) {
		if (c->otype[i] != jtype || c->seen[i])
			continue;
		c->line = 0;
		rd_begin_journey(r);
		r->j->id = rd_dupn(r, strtab_key(&c->ids, i), c->ids.lens[i]);
		journey_attrs(r, c, (uint32_t)i);
		rd_end_journey(r);
	}
}

/* After the parse: the types checked, the spool replayed into journeys; 0, or an exit code with *cause. */
static int
replay(struct rd *r, struct ocrd *c, char **cause)
{
	struct spool_arg	 sa = { r, cause, -1 };
	char			*types;
	long			 k;
	size_t			 i;
	int			 rc;

	if (c->profile != NULL) {
		profile_end(c);
		return (0);
	}
	if ((k = strtab_find(&c->types, c->m->object_type,
	    strlen(c->m->object_type))) < 0) {
		types = type_list(c);
		*cause = xasprintf("%s: no object of type \"%s\" (<ocel "
		    "object-type> at line %lu of the expectations); the log's "
		    "types: %s", r->path, c->m->object_type, c->m->line,
		    types[0] != '\0' ? types : "none");
		free(types);
		return (MOT_EXIT_CONFIG);
	}
	sa.jtype = (int32_t)k;
	for (i = 0; i < c->m->nincl; i++) {
		if (strtab_find(&c->types, c->m->incl[i].type,
		    strlen(c->m->incl[i].type)) >= 0)
			continue;
		types = type_list(c);
		*cause = xasprintf("%s: no object of type \"%s\" (<include> "
		    "at line %lu of the expectations); the log's types: %s",
		    r->path, c->m->incl[i].type, c->m->incl[i].line, types);
		free(types);
		return (MOT_EXIT_CONFIG);
	}
	link(r, c, sa.jtype);
	c->seen = xcalloc(c->ids.n + 1, 1);
	c->journeys = cgroup_new(OC_NCOLS, (const unsigned char[]){ 1, 1, 1, 1,
	    0, 1 }, r->o->memory / 2);
	if ((rc = cgroup_each(c->spool, &spool_fns, &sa, cause)) != 0)
		return (rc);
	cgroup_free(c->spool);
	c->spool = NULL;
	rc = cgroup_each(c->journeys, &journey_fns, &sa, cause);
	if (rc != 0 && *cause == NULL)
		rc = 0;		/* a journey stopped the run: c->stop_rc */
	if (rc == 0)
		eventless(r, c, sa.jtype);
	if (rc == 0 && c->stop_rc == 0)
		rd_flush(r);
	verbosef("%s: %llu OCEL events; %zu objects; %zu relations bring "
	    "other objects' events into journeys", r->path,
	    (unsigned long long)r->st->ocel_events, c->ids.n,
	    c->lstart != NULL ? (size_t)c->lstart[c->ids.n] : 0);
	return (rc);
}

static void
ocrd_free(struct rd *r)
{
	struct ocrd	*c = r->fmt;
	size_t		 i;

	if (c == NULL)
		return;
	strtab_free(&c->ids);
	strtab_free(&c->types);
	strtab_free(&c->quals);
	free(c->otype);
	for (i = 0; i < c->nattrs; i++) {
		free(c->attrs[i].name);
		free(c->attrs[i].value);
	}
	free(c->attrs);
	free(c->rels);
	free(c->lstart);
	free(c->lj);
	free(c->astart);
	free(c->aorder);
	free(c->seen);
	free(c->ev_id);
	free(c->ev_type);
	free(c->ev_time);
	if (c->ev_keys != NULL)
		xfree_strings(c->ev_keys, c->m->nname_keys);
	free(c->ev_by);
	free(c->erels);
	free(c->attr_name);
	free(c->attr_time_text);
	free(c->text);
	cgroup_free(c->spool);
	cgroup_free(c->journeys);
	free(c->key);
	free(c->dest);
	free(c->cur_eid);
	for (i = 0; i < OC_NCOLS; i++)
		free(c->cur_buf[i]);
	free(c->stop_cause);
	tz_free(c->utc);
	strtab_free(&c->etypes);
	free(c->e2o);
	free(c);
	r->fmt = NULL;
}

static int
ocel_read(struct rd *r, const char *path, const struct xmlin_range *range,
    char **cause)
{
	static char		 none[] = "";	/* the journeys' type: none */
	static struct ocel_map	 profile_map = { none, NULL, 0, NULL, NULL, 0,
	    0 };
	struct ocrd		*c;
	int			 rc;

	if (r->o->ocel == NULL && r->o->seen == NULL) {
		*cause = xasprintf("%s: an OCEL 2.0 log, and the expectations "
		    "have no <ocel> mapping to read it with: see "
		    "docs/format.md#ocel", r->path);
		return (MOT_EXIT_CONFIG);
	}
	c = xcalloc(1, sizeof *c);
	r->fmt = c;
	r->src = &ocel_source;
	r->src_arg = c;
	c->m = r->o->ocel != NULL ? r->o->ocel : &profile_map;
	if (r->o->ocel == NULL)
		c->profile = r->o->seen;	/* mot inspect: a profile */
	strtab_init(&c->etypes);
	c->zone = c->m->zone != NULL ? c->m->zone : r->o->zone;
	c->ev_keys = xcalloc(c->m->nname_keys + 1, sizeof *c->ev_keys);
	c->qualifier_by = r->o->tp_attr != NULL &&
	    strcmp(r->o->tp_attr, "qualifier") == 0;
	strtab_init(&c->ids);
	strtab_init(&c->types);
	strtab_init(&c->quals);
	c->spool = cgroup_new(OC_NCOLS, (const unsigned char[]){ 1, 1, 1, 1, 1,
	    1 }, r->o->memory / 2);
	if (read_is_ocel_json(path, r->o))
		rc = ocel_json_parse(r, path, cause);
	else if (read_is_ocel_sqlite(path, r->o)) {
		/* The specification's tables hold times in UTC, without an offset. */
		if (c->zone == NULL)
			c->zone = c->utc = tz_load("UTC", cause);
		rc = c->zone == NULL ? MOT_EXIT_SOFTWARE :
		    ocel_sqlite_parse(r, path, cause);
	} else
		rc = xmlin_parse_range(path, range, &ocel_ops, r, &r->st->io,
		    cause);
	c->x = NULL;
	if (rc == 0)
		rc = replay(r, c, cause);
	if (rc == 0 && c->stop_rc != 0) {
		rc = c->stop_rc;
		*cause = c->stop_cause;
		c->stop_cause = NULL;
	}
	return (rc);
}

const struct read_format ocel_format = {
	"ocel", NULL, 0, NULL, NULL, ocel_read, ocrd_free, NULL
};
