/*
 * read-xes.c - XES event logs (IEEE 1849-2016) as journeys. A trace is a
 * journey, an event a touchpoint; lifecycle start and complete events of
 * one activity pair into an interval. The mapping is documented in
 * docs/format.md ("XES event logs"). A trace's events are collected, then
 * ordered by time and paired when the trace ends, so that the result does
 * not depend on the order of the events in the file.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcode.h"
#include "read-int.h"
#include "xmalloc.h"

/*
 * Attribute keys are interned in a table of the reader's (up to
 * XES_KEYS_MAX of them; globals always), so that looking one up is a
 * pointer comparison; a key past the cap is kept as text, compared as text.
 */
#define XES_KEYS_MAX	4096
/* Keys remembered by their place among a trace's or an event's attributes. */
#define XES_KCACHE	8

/* One attribute of the current trace or of one of its events. */
struct xkv {
	const char	*key;		/* interned, unless !interned */
	const char	*value;		/* NULL: an event's, not read as text */
	size_t		 len;		/* of value */
	long		 ref;		/* an activity's name in the expectations */
	int		 interned;
	int		 field;		/* XF_*: which key it is */
	int		 one;		/* the classifier's one key */
	int		 text;		/* an event's value the run reads as text */
	int		 has_time;	/* time holds the value, read */
	mot_time	 time;
};
/* The keys an event's fields come from (XF_OTHER: none). */
#define XF_OTHER	0
#define XF_TIME		1
#define XF_LIFECYCLE	2
#define XF_INSTANCE	3
#define XF_RESOURCE	4
#define XF_GROUP	5
#define XF_BY		6	/* read_opts.tp_attr, when none of the above */
#define XF_N		7
#define REF_UNKNOWN	(-2)		/* not looked up (ref -1: not there) */

/* A default value from a <global>. */
struct xdefault {
	const char	*key;		/* interned */
	char		*value;
	int		 is_date;
};

struct xevent {
	const char	*activity;	/* classifier value without lifecycle */
	const char	*name;		/* classifier value */
	long		 ref;		/* of activity and name, or REF_UNKNOWN */
	const char	*lifecycle;
	const char	*instance;
	const char	*resource;
	const char	*group;
	const char	*by;		/* read_opts.tp_attr's value */
	mot_time	 time;
	unsigned long	 line;
	size_t		 seq;
	size_t		 kv_first, kv_n;
	int		 rank;		/* 0 start, 2 complete, 1 other */
	int		 used;
};

struct xes {
	struct xdefault	*glob[2];	/* 0 trace, 1 event */
	size_t		 nglob[2];
	int		 in_global;	/* 0 none, 1 trace, 2 event */
	const char	**keys;		/* classifier keys (interned) */
	size_t		 nkeys;
	const char	*one;		/* the classifier's one key, if not lifecycle */
	struct strtab	 keytab;	/* interned attribute keys */
	struct xkcache {		/* the key last seen at a position */
		size_t		 len;
		uint64_t	 a, b;
		const char	*key;
		int		 field, one, text;
	}		 kcache[2][XES_KCACHE];	/* trace, event */
	const char	*okeys[4];	/* the outcome mapping's keys, interned */
	int		 keep_resource;	/* the run reads touchpoints' actors */
	const char	*k_by;		/* read_opts.tp_attr, interned, or NULL */
	int		 by_field;	/* the field it is (XF_OTHER: none) */
	const char	*gdef[XF_N];	/* event globals of the fields */
	const char	*gdef_one;	/* ... and of the classifier's key */
	const char	*k_name, *k_time, *k_lifecycle, *k_instance;
	const char	*k_resource, *k_group;
	const char	*e_string, *e_date, *e_int, *e_float, *e_boolean;
	const char	*e_id, *e_list, *e_container, *e_trace, *e_event;
	const char	*e_global, *a_key, *a_value, *a_scope;
	uint32_t	 kseen;		/* bit i: an event had classifier key i */
	int		 in_trace;
	int		 in_event;
	unsigned long	 event_line;
	struct xkv	*tkv;		/* the trace's attributes */
	size_t		 ntkv, tkvcap;
	struct xkv	*kv;		/* its events' attributes */
	size_t		 nkv, kvcap;
	size_t		 ev_kv_first;
	struct xevent	*ev;
	size_t		 nev, evcap;
	size_t		*order;		/* for pairing */
	size_t		*queue;
	size_t		 ordercap;
	int		 warned_bad_time;
};

/* An interned key: its canonical pointer. */
static const char *
key_intern(struct xes *xs, const char *s, size_t len)
{
	return (strtab_key(&xs->keytab, strtab_intern(&xs->keytab, s, len)));
}

/* The event attribute --by reads on touchpoints: a field's key, or another. */
static void
by_key(struct xes *xs, const char *key)
{
	xs->by_field = XF_OTHER;
	if (key == NULL || strcmp(key, "concept:name") == 0 ||
	    strcmp(key, "time:timestamp") == 0)
		return;
	xs->k_by = key_intern(xs, key, strlen(key));
	if (xs->k_by == xs->k_lifecycle)
		xs->by_field = XF_LIFECYCLE;
	else if (xs->k_by == xs->k_instance)
		xs->by_field = XF_INSTANCE;
	else if (xs->k_by == xs->k_resource)
		xs->by_field = XF_RESOURCE;
	else if (xs->k_by == xs->k_group)
		xs->by_field = XF_GROUP;
	else
		xs->by_field = XF_BY;
}

/* The parser's own pointers for the element and attribute names we compare. */
static void
names(struct xmlin *x, struct xes *xs)
{
	xs->e_string = xmlin_name(x, "string");
	xs->e_date = xmlin_name(x, "date");
	xs->e_int = xmlin_name(x, "int");
	xs->e_float = xmlin_name(x, "float");
	xs->e_boolean = xmlin_name(x, "boolean");
	xs->e_id = xmlin_name(x, "id");
	xs->e_list = xmlin_name(x, "list");
	xs->e_container = xmlin_name(x, "container");
	xs->e_trace = xmlin_name(x, "trace");
	xs->e_event = xmlin_name(x, "event");
	xs->e_global = xmlin_name(x, "global");
	xs->a_key = xmlin_name(x, "key");
	xs->a_value = xmlin_name(x, "value");
	xs->a_scope = xmlin_name(x, "scope");
}

static int
is_attr_element(const struct xes *xs, const char *name)
{
	return (name == xs->e_string || name == xs->e_date ||
	    name == xs->e_int || name == xs->e_float ||
	    name == xs->e_boolean || name == xs->e_id);
}

static int
is_container_element(const struct xes *xs, const char *name)
{
	return (name == xs->e_list || name == xs->e_container);
}

/* The key= and value= of an attribute element, found in one pass. */
static void
key_value(const struct xes *xs, const struct xattr *a, int n,
    const struct xattr **k, const struct xattr **v)
{
	int	i;

	if (n == 2 && a[0].name == xs->a_key && a[1].name == xs->a_value &&
	    a[0].uri == NULL && a[1].uri == NULL) {	/* as XES writes them */
		*k = &a[0];
		*v = &a[1];
		return;
	}
	*k = *v = NULL;
	for (i = 0; i < n; i++) {
		if (a[i].uri != NULL)
			continue;
		if (a[i].name == xs->a_key && *k == NULL)
			*k = &a[i];
		else if (a[i].name == xs->a_value && *v == NULL)
			*v = &a[i];
	}
}

/* Split classifier keys: white space separates, single quotes group. */
static void
set_classifier(struct xes *xs, const char *spec)
{
	const char	*start;
	size_t		 len;

	while (read_classifier_key(spec, xs->nkeys, &start, &len) == 0) {
		xs->keys = xreallocarray(xs->keys, xs->nkeys + 1,
		    sizeof *xs->keys);
		xs->keys[xs->nkeys++] = key_intern(xs, start, len);
	}
	if (xs->nkeys == 0) {
		xs->keys = xreallocarray(xs->keys, 1, sizeof *xs->keys);
		xs->keys[xs->nkeys++] = xs->k_name;
	}
	xs->one = xs->nkeys == 1 && xs->keys[0] != xs->k_lifecycle ?
	    xs->keys[0] : NULL;
}

static void
xes_begin(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	const struct outcome_map	*om;
	const char			*ok[4];
	struct xes			*xs;
	size_t				 i;

	xs = xcalloc(1, sizeof *xs);
	r->fmt = xs;
	names(x, xs);
	strtab_init(&xs->keytab);
	xs->k_name = key_intern(xs, "concept:name", 12);
	xs->k_time = key_intern(xs, "time:timestamp", 14);
	xs->k_lifecycle = key_intern(xs, "lifecycle:transition", 20);
	xs->k_instance = key_intern(xs, "concept:instance", 16);
	xs->k_resource = key_intern(xs, "org:resource", 12);
	xs->k_group = key_intern(xs, "org:group", 9);
	set_classifier(xs, r->o->classifier != NULL ? r->o->classifier :
	    "concept:name");
	if ((om = r->o->outcome) != NULL) {
		ok[0] = om->nps;
		ok[1] = om->csat;
		ok[2] = om->ces;
		ok[3] = om->churn;
		for (i = 0; i < 4; i++)
			xs->okeys[i] = ok[i] != NULL ? key_intern(xs, ok[i],
			    strlen(ok[i])) : NULL;
	}
	xs->keep_resource = !r->o->no_actor;
	by_key(xs, r->o->tp_attr);
}

static void
xes_free(struct rd *r)
{
	struct xes	*xs = r->fmt;
	size_t		 i, g;

	if (xs == NULL)
		return;
	/* What the classifier found, for the run's warning. */
	r->st->classifier_keys = (unsigned)xs->nkeys;
	r->st->classifier_seen |= xs->kseen;
	for (g = 0; g < 2; g++) {
		for (i = 0; i < xs->nglob[g]; i++)
			free(xs->glob[g][i].value);
		free(xs->glob[g]);
	}
	free(xs->keys);
	strtab_free(&xs->keytab);
	free(xs->tkv);
	free(xs->kv);
	free(xs->ev);
	free(xs->order);
	free(xs->queue);
	free(xs);
	r->fmt = NULL;
}

static const char *global_value(const struct xes *, int, const char *);

/* The event globals of the fields, looked up once for every event. */
static void
event_defaults(struct xes *xs)
{
	xs->gdef[XF_LIFECYCLE] = global_value(xs, 1, xs->k_lifecycle);
	xs->gdef[XF_INSTANCE] = global_value(xs, 1, xs->k_instance);
	xs->gdef[XF_RESOURCE] = global_value(xs, 1, xs->k_resource);
	xs->gdef[XF_GROUP] = global_value(xs, 1, xs->k_group);
	xs->gdef[XF_BY] = xs->k_by != NULL ? global_value(xs, 1, xs->k_by) :
	    NULL;
	xs->gdef_one = xs->one != NULL ? global_value(xs, 1, xs->one) : NULL;
}

static void
add_global(struct xmlin *x, struct rd *r, const char *elem,
    const struct xattr *a, int n)
{
	struct xes		*xs = r->fmt;
	const struct xattr	*k, *v;
	struct xdefault		*d;
	size_t			 g = (size_t)xs->in_global - 1, i;

	key_value(xs, a, n, &k, &v);
	if (k == NULL || v == NULL)
		return;
	if (xs->nglob[g] >= READ_MAX_JATTRS) {
		rd_problem(r, 0, NULL, "more than %d globals: \"%.*s\" "
		    "ignored", READ_MAX_JATTRS, SHOW(k));
		return;
	}
	for (i = 0; i < xs->nglob[g]; i++) {
		if (xattr_is(k, xs->glob[g][i].key)) {
			rd_problem(r, 0, NULL, "duplicate global \"%.*s\" "
			    "ignored (the first is kept)", SHOW(k));
			return;
		}
	}
	xs->glob[g] = xreallocarray(xs->glob[g], xs->nglob[g] + 1,
	    sizeof *xs->glob[g]);
	d = &xs->glob[g][xs->nglob[g]++];
	d->key = key_intern(xs, k->value, XATTR_LEN(k));
	d->value = xstrndup(v->value, XATTR_LEN(v));
	d->is_date = elem == xs->e_date;
	if (g == 1)
		event_defaults(xs);
}

/* A global default, never for a date: a default date means "unknown". key is interned. */
static const char *
global_value(const struct xes *xs, int scope, const char *key)
{
	size_t	i;

	for (i = 0; i < xs->nglob[scope]; i++) {
		if (xs->glob[scope][i].key == key)
			return (xs->glob[scope][i].is_date ? NULL :
			    xs->glob[scope][i].value);
	}
	return (NULL);
}

/* A key of up to 16 bytes as two words and its length (0: longer, not cached). */
static size_t
key_words16(const struct xattr *k, uint64_t *a, uint64_t *b)
{
	size_t	len = XATTR_LEN(k);

	if (len == 0 || len > 16)
		return (0);
	strtab_words(k->value, len, a, b);
	return (len);
}

/* The interned key last seen at this place, if k is the same; else NULL. */
static const struct xkcache *
key_cached(const struct xes *xs, int bank, size_t pos, const struct xattr *k)
{
	const struct xkcache	*c;
	uint64_t		 a, b;
	size_t			 len;

	if (pos >= XES_KCACHE || (len = key_words16(k, &a, &b)) == 0)
		return (NULL);
	c = &xs->kcache[bank][pos];
	if (c->key == NULL || c->len != len || c->a != a || c->b != b)
		return (NULL);
	return (c);
}

/* Remember an interned key, and what it is, at its place. */
static void
key_cache(struct xes *xs, int bank, size_t pos, const struct xattr *k,
    const struct xkv *kv)
{
	struct xkcache	*c;
	uint64_t	 a, b;
	size_t		 len;

	if (pos >= XES_KCACHE || (len = key_words16(k, &a, &b)) == 0)
		return;
	c = &xs->kcache[bank][pos];
	c->len = len;
	c->a = a;
	c->b = b;
	c->key = kv->key;
	c->field = kv->field;
	c->one = kv->one;
	c->text = kv->text;
}

static int	kv_is(const struct xkv *, const char *);

/* Which of the fields' keys an attribute has. */
static void
kv_classify(const struct xes *xs, struct xkv *kv)
{
	size_t	i;

	if (kv_is(kv, xs->k_time))
		kv->field = XF_TIME;
	else if (kv_is(kv, xs->k_lifecycle))
		kv->field = XF_LIFECYCLE;
	else if (kv_is(kv, xs->k_instance))
		kv->field = XF_INSTANCE;
	else if (kv_is(kv, xs->k_resource))
		kv->field = XF_RESOURCE;
	else if (kv_is(kv, xs->k_group))
		kv->field = XF_GROUP;
	else if (xs->by_field == XF_BY && kv_is(kv, xs->k_by))
		kv->field = XF_BY;
	else
		kv->field = XF_OTHER;
	kv->one = xs->one != NULL && kv_is(kv, xs->one);
	/*
	 * Of an event's attributes, the run reads as text only the
	 * lifecycle, instance and group, the resource if it asks for
	 * actors (read_opts.no_actor), the classifier's keys and the
	 * outcome mapping's: the rest (and the time once read) are not
	 * copied.
	 */
	kv->text = kv->field == XF_LIFECYCLE || kv->field == XF_INSTANCE ||
	    kv->field == XF_GROUP || (kv->field == XF_RESOURCE &&
	    xs->keep_resource) || kv->one || (kv->field != XF_OTHER &&
	    kv->field == xs->by_field);
	for (i = 0; !kv->text && i < xs->nkeys; i++)
		kv->text = kv_is(kv, xs->keys[i]);
	for (i = 0; !kv->text && i < 4; i++)
		kv->text = xs->okeys[i] != NULL && kv_is(kv, xs->okeys[i]);
}

/* Keep an attribute element of the trace (bank 0) or of an event (1). */
static inline void
add_kv(struct xmlin *x, struct rd *r, int bank, const struct xattr *a, int n)
{
	const struct xattr	*k, *v;
	const struct xkcache	*c;
	struct xkv		*kv, **arr;
	long			 ref;
	size_t			 pos, *nkv, *cap;
	struct xes		*xs = r->fmt;

	arr = bank == 0 ? &xs->tkv : &xs->kv;
	nkv = bank == 0 ? &xs->ntkv : &xs->nkv;
	cap = bank == 0 ? &xs->tkvcap : &xs->kvcap;
	key_value(xs, a, n, &k, &v);
	if (k == NULL)
		return;
	if (RD_FULL(r, FULL_NO) || (*nkv >= (bank == 0 ? READ_MAX_JATTRS :
	    READ_MAX_ITEMS) && rd_full(r, bank == 0 ? FULL_JATTRS :
	    FULL_ITEMS)))
		return;
	if (*nkv == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		*arr = xreallocarray(*arr, *cap, sizeof **arr);
	}
	kv = &(*arr)[(*nkv)++];
	kv->interned = 1;
	kv->ref = REF_UNKNOWN;
	pos = bank == 0 ? *nkv - 1 : *nkv - 1 - xs->ev_kv_first;
	if ((c = key_cached(xs, bank, pos, k)) != NULL) {
		kv->key = c->key;
		kv->field = c->field;
		kv->one = c->one;
		kv->text = c->text;
	} else {
		ref = strtab_find(&xs->keytab, k->value, XATTR_LEN(k));
		if (ref >= 0)
			kv->key = strtab_key(&xs->keytab, (size_t)ref);
		else if (xs->keytab.n < XES_KEYS_MAX)
			kv->key = key_intern(xs, k->value, XATTR_LEN(k));
		else {
			kv->key = rd_dup(r, k);	/* too many: kept as text */
			kv->interned = 0;
		}
		kv_classify(xs, kv);
		if (kv->interned)
			key_cache(xs, bank, pos, k, kv);
	}
	kv->len = v != NULL ? XATTR_LEN(v) : 0;
	kv->has_time = 0;
	if (bank == 1 && r->o->seen != NULL)
		rd_seen_key(r, kv->key);
	if (bank == 1) {
		/* The time read now; its text kept only if it cannot be. */
		if (kv->field == XF_TIME && v != NULL && isotime_fast(&r->dates,
		    v->value, kv->len, &kv->time)) {
			kv->has_time = 1;
			if (r->o->seen != NULL)
				rd_seen_time(r, v->value, kv->len);
			if (!kv->text) {
				kv->value = NULL;
				return;
			}
		} else if (kv->field != XF_TIME && !kv->text) {
			kv->value = NULL;	/* not read as text */
			return;
		}
		/* An activity the expectations name: their copy will do. */
		if (kv->one && v != NULL && r->o->names != NULL) {
			kv->ref = strtab_find(r->o->names, v->value, kv->len);
			if (kv->ref >= 0) {
				kv->value = strtab_key(r->o->names,
				    (size_t)kv->ref);
				return;
			}
		}
	}
	kv->value = v != NULL ? rd_dup(r, v) : "";
}

/* An attribute among kv[first, first + n), or NULL; key is interned. */
static const struct xkv *
find_kv(const struct xkv *kv, size_t first, size_t n, const char *key)
{
	size_t	i;

	for (i = first; i < first + n; i++) {
		if (kv_is(&kv[i], key))
			return (&kv[i]);
	}
	return (NULL);
}

/* An event attribute, or its global default. */
static const char *
event_value(const struct xes *xs, size_t first, size_t n, const char *key)
{
	const struct xkv	*kv;

	if ((kv = find_kv(xs->kv, first, n, key)) != NULL)
		return (kv->value);
	return (global_value(xs, 1, key));
}

static const char *
xes_event_value(struct rd *r, const char *key)
{
	struct xes		*xs = r->fmt;
	const struct xkv	*kv;
	size_t			 i;
	long			 ref;

	/* Every key of the trace is interned unless the table is full. */
	if ((ref = strtab_find(&xs->keytab, key, strlen(key))) >= 0)
		key = strtab_key(&xs->keytab, (size_t)ref);
	else if (xs->keytab.n < XES_KEYS_MAX)
		return (NULL);
	for (i = xs->nev; i > 0; i--) {		/* events are in time order */
		kv = find_kv(xs->kv, xs->ev[i - 1].kv_first, xs->ev[i - 1].kv_n,
		    key);
		if (kv != NULL)
			return (kv->value);
	}
	return (NULL);
}

/* Join the values of the classifier keys with '+', leaving out lifecycle if asked. */
static const char *
classify(struct rd *r, size_t first, size_t n, int without_lifecycle)
{
	struct xes	*xs = r->fmt;
	const char	*v, *parts[16];
	size_t		 i, np = 0, len = 0;
	char		*s, *p;

	for (i = 0; i < xs->nkeys && np < 16; i++) {
		if (without_lifecycle && xs->keys[i] == xs->k_lifecycle)
			continue;
		if ((v = event_value(xs, first, n, xs->keys[i])) == NULL)
			v = "";
		else if (i < 32)
			xs->kseen |= (uint32_t)1 << i;
		parts[np++] = v;
		len += strlen(v) + 1;
	}
	if (np == 1)
		return (parts[0]);
	p = s = arena_alloc(&r->j->arena, len + 1);
	for (i = 0; i < np; i++) {
		if (i > 0)
			*p++ = '+';
		memcpy(p, parts[i], strlen(parts[i]));
		p += strlen(parts[i]);
	}
	*p = '\0';
	return (s);
}

static int	lifecycle_rank(const struct xevent *);

/* Whether an attribute has an interned key, compared as text past the cap. */
static int
kv_is(const struct xkv *kv, const char *key)
{
	return (kv->key == key || (!kv->interned && strcmp(kv->key, key) == 0));
}

/*
 * An event's attributes of each field (the first of each key counts), and
 * its first with the classifier's one key, in one pass.
 */
static void
event_scan(const struct xes *xs, size_t first, size_t n,
    const struct xkv **f, const struct xkv **one)
{
	const struct xkv	*kv;
	size_t			 i;

	memset(f, 0, XF_N * sizeof *f);
	*one = NULL;
	for (i = first; i < first + n; i++) {
		kv = &xs->kv[i];
		if (f[kv->field] == NULL)
			f[kv->field] = kv;
		if (kv->one && *one == NULL)
			*one = kv;
	}
}

/*
 * An event's classifier value, lifecycle, instance, resource and group,
 * from its attributes, then from the globals; with a classifier of several
 * keys, through classify.
 */
static void
event_fields(struct rd *r, struct xevent *ev, const struct xkv **f,
    const struct xkv *one)
{
	struct xes	*xs = r->fmt;
	const char	*name;

	ev->lifecycle = f[XF_LIFECYCLE] != NULL ? f[XF_LIFECYCLE]->value :
	    xs->gdef[XF_LIFECYCLE];
	ev->instance = f[XF_INSTANCE] != NULL ? f[XF_INSTANCE]->value :
	    xs->gdef[XF_INSTANCE];
	ev->resource = f[XF_RESOURCE] != NULL ? f[XF_RESOURCE]->value :
	    xs->gdef[XF_RESOURCE];
	ev->group = f[XF_GROUP] != NULL ? f[XF_GROUP]->value :
	    xs->gdef[XF_GROUP];
	ev->by = xs->by_field == XF_OTHER ? NULL : f[xs->by_field] != NULL ?
	    f[xs->by_field]->value : xs->gdef[xs->by_field];
	ev->ref = one != NULL ? one->ref : REF_UNKNOWN;
	if (xs->one != NULL) {
		name = one != NULL ? one->value : xs->gdef_one;
		if (name != NULL)
			xs->kseen |= 1;
		ev->name = ev->activity = name != NULL ? name : "";
	} else {
		ev->name = classify(r, ev->kv_first, ev->kv_n, 0);
		ev->activity = classify(r, ev->kv_first, ev->kv_n, 1);
	}
}

static void
end_event(struct xmlin *x, struct rd *r)
{
	struct xes		*xs = r->fmt;
	const struct xkv	*ts, *f[XF_N], *one;
	struct xevent		*ev;
	size_t			 first = xs->ev_kv_first, n = xs->nkv - first;
	const char		*why;
	mot_time		 t;
	int			 rc;

	r->st->events++;
	xs->in_event = 0;
	event_scan(xs, first, n, f, &one);
	if (r->o->seen != NULL && (f[XF_LIFECYCLE] != NULL ||
	    xs->gdef[XF_LIFECYCLE] != NULL))
		rd_seen_lifecycle(r, f[XF_LIFECYCLE] != NULL ?
		    f[XF_LIFECYCLE]->value : xs->gdef[XF_LIFECYCLE]);
	if ((ts = f[XF_TIME]) == NULL) {
		r->st->events_no_time++;
		rd_problem_at(r, xs->event_line, 0, 0, NULL, "event without "
		    "time:timestamp left out");
		return;
	}
	if (ts->has_time) {
		t = ts->time;
		rc = 0;
	} else {
		rc = isotime_parse(ts->value, ts->len, r->o->zone, &t, &why);
		if (r->o->seen != NULL && (rc == 0 || rc == ISOTIME_NO_OFFSET))
			rd_seen_time(r, ts->value, ts->len);
	}
	if (rc == ISOTIME_NO_OFFSET) {
		rd_problem_at(r, xs->event_line, 0, 1, "time without offset",
		    "time:timestamp=\"%.60s\": %s", ts->value, why);
		return;
	}
	if (rc != 0) {
		r->st->events_bad_time++;
		rd_problem_at(r, xs->event_line, 0, 0, NULL, "event left out: "
		    "time:timestamp=\"%.60s\": %s", ts->value, why);
		return;
	}
	if (RD_FULL(r, xs->nev >= READ_MAX_TOUCHPOINTS ? FULL_EVENTS :
	    FULL_NO))
		return;
	if (xs->nev == xs->evcap) {
		xs->evcap = xs->evcap == 0 ? 64 : xs->evcap * 2;
		xs->ev = xreallocarray(xs->ev, xs->evcap, sizeof *xs->ev);
	}
	ev = &xs->ev[xs->nev];
	ev->used = 0;		/* event_fields sets the strings */
	ev->seq = xs->nev++;
	ev->time = t;
	ev->line = xs->event_line;
	ev->kv_first = first;
	ev->kv_n = n;
	event_fields(r, ev, f, one);
	ev->rank = lifecycle_rank(ev);
}

static _Thread_local struct xes *pair_xes;	/* for the qsort comparators */

static int	key_order(const struct xevent *, const struct xevent *);

static int is_lifecycle(const struct xevent *, const char *);

/* At one instant a start comes first and a complete last, whatever the file says. */
static int
lifecycle_rank(const struct xevent *ev)
{
	if (is_lifecycle(ev, "start"))
		return (0);
	if (is_lifecycle(ev, "complete"))
		return (2);
	return (1);
}

static int
time_cmp(const void *a, const void *b)
{
	const struct xevent	*x = a, *y = b;
	int			 rx, ry;

	if (x->time != y->time)
		return (x->time < y->time ? -1 : 1);
	if ((rx = x->rank) != (ry = y->rank))
		return (rx - ry);
	return ((x->seq > y->seq) - (x->seq < y->seq));
}

/* By activity and instance, then time: pairing happens within each group. */
static int
key_cmp(const void *a, const void *b)
{
	return (key_order(&pair_xes->ev[*(const size_t *)a],
	    &pair_xes->ev[*(const size_t *)b]));
}

/*
 * The few events of most traces are sorted by insertion, with the same
 * orders as time_cmp and key_cmp (total orders, so the result is qsort's).
 */
#define SORT_SMALL	32

static void
sort_by_time(struct xevent *ev, size_t n)
{
	struct xevent	t;
	size_t		i, k;

	for (i = 1; i < n; i++) {
		if (time_cmp(&ev[i - 1], &ev[i]) <= 0)
			continue;
		t = ev[i];
		for (k = i; k > 0 && time_cmp(&ev[k - 1], &t) > 0; k--)
			ev[k] = ev[k - 1];
		ev[k] = t;
	}
}

static int
key_order(const struct xevent *x, const struct xevent *y)
{
	int	c;

	if (x->activity != y->activity &&
	    (c = strcmp(x->activity, y->activity)) != 0)
		return (c);
	if (x->instance != y->instance && (c = strcmp(x->instance != NULL ?
	    x->instance : "", y->instance != NULL ? y->instance : "")) != 0)
		return (c);
	if (x->time != y->time)
		return (x->time < y->time ? -1 : 1);
	return ((x->seq > y->seq) - (x->seq < y->seq));
}

static void
sort_by_key(const struct xes *xs, size_t *order, size_t n)
{
	size_t	i, k, t;

	for (i = 1; i < n; i++) {
		if (key_order(&xs->ev[order[i - 1]], &xs->ev[order[i]]) <= 0)
			continue;
		t = order[i];
		for (k = i; k > 0 && key_order(&xs->ev[order[k - 1]],
		    &xs->ev[t]) > 0; k--)
			order[k] = order[k - 1];
		order[k] = t;
	}
}

static int
same_key(const struct xevent *x, const struct xevent *y)
{
	return ((x->activity == y->activity ||
	    strcmp(x->activity, y->activity) == 0) &&
	    strcmp(x->instance != NULL ? x->instance : "",
	    y->instance != NULL ? y->instance : "") == 0);
}

static int
is_lifecycle(const struct xevent *ev, const char *value)
{
	return (ev->lifecycle != NULL && strcasecmp(ev->lifecycle, value) == 0);
}

static struct touchpoint *
event_touchpoint(struct rd *r, const struct xevent *ev, const char *name)
{
	struct touchpoint	*tp;
	long			 ref;

	tp = journey_add_touchpoint(r->j);
	r->st->touchpoints++;
	tp->name = name;
	if (r->o->names != NULL) {
		ref = ev->ref != REF_UNKNOWN ? ev->ref :
		    strtab_find(r->o->names, name, strlen(name));
		if (ref >= 0)
			tp->ref = (int)ref;
	}
	tp->kind = TP_INSTANT;
	tp->start = tp->end = ev->time;
	tp->actor = ev->resource;
	tp->team = ev->group;
	tp->by = ev->by;
	return (tp);
}

/* Whether no two of the events (in time order) are at one time. */
static int
times_distinct(const struct xes *xs)
{
	size_t	i;

	for (i = 1; i < xs->nev; i++) {
		if (xs->ev[i].time == xs->ev[i - 1].time)
			return (0);
	}
	return (1);
}

/* Pair starts with completes (FIFO per activity and instance) and make touchpoints. */
static void
make_touchpoints(struct rd *r)
{
	struct xes		*xs = r->fmt;
	struct xevent		*ev, *s;
	struct touchpoint	*tp;
	size_t			 i, g, head, tail;
	int			 has_starts = 0;

	if (xs->nev == 0)
		return;
	if (xs->nev > SORT_SMALL)
		qsort(xs->ev, xs->nev, sizeof *xs->ev, time_cmp);
	else
		sort_by_time(xs->ev, xs->nev);
	for (i = 0; i < xs->nev && !has_starts; i++)
		has_starts = xs->ev[i].rank == 0;
	if (!has_starts && times_distinct(xs)) {
		/*
		 * Nothing to pair, and no two events at one time: the
		 * touchpoints in time order are what the pairing below
		 * makes once journey_sort has put them in time order.
		 */
		for (i = 0; i < xs->nev; i++)
			event_touchpoint(r, &xs->ev[i], xs->ev[i].rank == 2 ?
			    xs->ev[i].activity : xs->ev[i].name);
		return;
	}
	for (i = 0; i < xs->nev; i++)
		xs->ev[i].seq = i;
	if (xs->nev > xs->ordercap) {
		xs->ordercap = xs->nev;
		xs->order = xreallocarray(xs->order, xs->ordercap,
		    sizeof *xs->order);
		xs->queue = xreallocarray(xs->queue, xs->ordercap,
		    sizeof *xs->queue);
	}
	for (i = 0; i < xs->nev; i++)
		xs->order[i] = i;
	if (xs->nev > SORT_SMALL) {
		pair_xes = xs;
		qsort(xs->order, xs->nev, sizeof *xs->order, key_cmp);
		pair_xes = NULL;
	} else
		sort_by_key(xs, xs->order, xs->nev);
	for (g = 0; g < xs->nev; g = i) {
		head = tail = 0;
		for (i = g; i < xs->nev && same_key(&xs->ev[xs->order[g]],
		    &xs->ev[xs->order[i]]); i++) {
			ev = &xs->ev[xs->order[i]];
			if (ev->rank == 0) {		/* start */
				xs->queue[tail++] = xs->order[i];
				ev->used = 1;
			} else if (ev->rank == 2) {	/* complete */
				ev->used = 1;
				if (head == tail) {
					/* Only where the trace uses starts at all. */
					if (has_starts)
						r->st->unpaired_completes++;
					event_touchpoint(r, ev, ev->activity);
					continue;
				}
				s = &xs->ev[xs->queue[head++]];
				tp = event_touchpoint(r, s, s->activity);
				tp->kind = TP_INTERVAL;
				tp->end = ev->time;
				if (tp->actor == NULL)
					tp->actor = ev->resource;
				if (tp->team == NULL)
					tp->team = ev->group;
				if (tp->by == NULL)
					tp->by = ev->by;
			}
		}
		for (; head < tail; head++) {	/* starts never completed */
			s = &xs->ev[xs->queue[head]];
			r->st->unpaired_starts++;
			tp = event_touchpoint(r, s, s->activity);
			tp->kind = TP_OPEN;
			tp->end = MOT_TIME_NONE;
		}
	}
	for (i = 0; i < xs->nev; i++) {
		if (!xs->ev[i].used)
			event_touchpoint(r, &xs->ev[i], xs->ev[i].name);
	}
}

static void
end_trace(struct xmlin *x, struct rd *r)
{
	struct xes		*xs = r->fmt;
	struct journey		*j = r->j;
	const struct xkv	*kv;
	const char		*id;
	size_t			 i;

	xs->in_trace = 0;
	if ((kv = find_kv(xs->tkv, 0, xs->ntkv, xs->k_name)) != NULL)
		id = kv->value;
	else
		id = global_value(xs, 0, xs->k_name);
	if (id == NULL || *id == '\0')
		journey_reject(j, j->line, "missing id", "trace without "
		    "concept:name");
	else
		j->id = id;
	for (i = 0; i < xs->ntkv; i++) {
		if (!kv_is(&xs->tkv[i], xs->k_name))
			journey_add_attr(j, xs->tkv[i].key, xs->tkv[i].value,
			    j->line);
	}
	for (i = 0; i < xs->nglob[0]; i++) {
		if (xs->glob[0][i].is_date || xs->glob[0][i].key == xs->k_name ||
		    find_kv(xs->tkv, 0, xs->ntkv, xs->glob[0][i].key) != NULL)
			continue;
		journey_add_attr(j, xs->glob[0][i].key, xs->glob[0][i].value,
		    j->line);
	}
	if (j->reject == NULL)
		make_touchpoints(r);
	if (j->reject != NULL && r->o->problem != NULL &&
	    j->reject_line == j->line)
		r->o->problem(r->o->arg, r->path, j->line, 0, 1,
		    j->reject_detail);
	rd_end_journey(r);
}

/* An event's attribute: most of the elements of a log. */
static void
event_kv(struct xmlin *x, struct rd *r, const struct xattr *a, int n)
{
	add_kv(x, r, 1, a, n);
}

static void
xes_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct rd		*r = ud;
	struct xes		*xs = r->fmt;
	const struct xattr	*scope;
	int			 i;

	if (depth == 4 && xs->in_event) {	/* most elements of a log */
		if (is_attr_element(xs, name))
			event_kv(x, r, a, n);
		else if (!is_container_element(xs, name))
			rd_problem(r, 0, NULL, "unknown element <%s> in an "
			    "event ignored", name);
		xmlin_skip(x);
		return;
	}
	if (depth == 2) {
		if (name == xs->e_trace) {
			rd_begin_journey(r);
			xs->in_trace = 1;
			xs->nkv = xs->ntkv = xs->nev = 0;
			return;
		}
		if (name == xs->e_global) {
			for (i = 0, scope = NULL; i < n && scope == NULL; i++)
				if (a[i].name == xs->a_scope && a[i].uri == NULL)
					scope = &a[i];
			xs->in_global = scope != NULL &&
			    xattr_is(scope, "trace") ? 1 : 2;
			return;
		}
		/* extensions, classifiers, log attributes: nothing to keep */
		xmlin_skip(x);
		return;
	}
	if (depth == 3 && xs->in_global) {
		if (is_attr_element(xs, name))
			add_global(x, r, name, a, n);
		xmlin_skip(x);
		return;
	}
	if (depth == 3 && xs->in_trace) {
		if (name == xs->e_event) {
			xs->in_event = 1;
			xs->event_line = xmlin_line(x);
			xs->ev_kv_first = xs->nkv;
			return;
		}
		if (is_attr_element(xs, name))
			add_kv(x, r, 0, a, n);
		else if (!is_container_element(xs, name))
			rd_problem(r, 0, NULL, "unknown element <%s> in a "
			    "trace ignored", name);
		xmlin_skip(x);	/* nested attributes */
		return;
	}
	xmlin_skip(x);
}

static void
xes_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	struct rd	*r = ud;
	struct xes	*xs = r->fmt;

	if (depth == 2 && xs->in_trace)
		end_trace(x, r);
	else if (depth == 2)
		xs->in_global = 0;
	else if (depth == 3 && xs->in_event)
		end_event(x, r);
	else if (depth == 1)
		rd_flush(r);		/* the document's end */
}

static const struct xmlin_ops xes_ops = { xes_start, xes_end, NULL };

const struct read_format xes_format = {
	.name = "xes",
	.root = "log",
	.any_ns = 1,
	.ops = &xes_ops,
	.begin = xes_begin,
	.free = xes_free,
	.value = xes_event_value,
};

int
read_classifier_key(const char *spec, size_t i, const char **startp,
    size_t *lenp)
{
	const char	*p = spec, *start;
	size_t		 k = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (*p == '\'') {
			start = ++p;
			while (*p != '\0' && *p != '\'')
				p++;
		} else {
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t')
				p++;
		}
		if (k++ == i) {
			*startp = start;
			*lenp = (size_t)(p - start);
			return (0);
		}
		if (*p == '\'')
			p++;
	}
	return (-1);
}
