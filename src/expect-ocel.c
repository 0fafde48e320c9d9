/*
 * expect-ocel.c - the <ocel> block of an expectations file: the object
 * type whose objects are the journeys of an OCEL 2.0 log, how a
 * touchpoint is named, the zone of times without an offset, and the
 * related objects whose events a journey takes in (<include>). Checked
 * strictly as it is read, like <csv> and <xes>.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocelmap.h"
#include "expect.h"
#include "tz.h"
#include "xmalloc.h"

static const char *const ocel_attrs[] = {
	"object-type", "name", "zone", NULL
};
static const char *const include_attrs[] = {
	"object-type", "qualifier", NULL
};

/* Print at most 60 bytes of a value in a message. */
#define SHOWV(a)	(int)(XATTR_LEN(a) > 60 ? 60 : XATTR_LEN(a)), (a)->value

/* The keys of name=, split at '+'; -1 when one is empty. */
static int
name_keys(struct ocel_map *m, const struct xattr *v)
{
	const char	*p = v->value, *end = v->end, *q;

	for (;;) {
		for (q = p; q < end && *q != '+'; q++)
			;
		if (q == p)
			return (-1);
		m->name_keys = xreallocarray(m->name_keys, m->nname_keys + 1,
		    sizeof *m->name_keys);
		m->name_keys[m->nname_keys++] = xstrndup(p, (size_t)(q - p));
		if (q == end)
			return (0);
		p = q + 1;
	}
}

char *
ocelmap_begin(struct ocel_map **out, const struct xattr *a, int n,
    unsigned long line)
{
	struct ocel_map		*m;
	const struct xattr	*v;
	char			*msg;

	/* A map even when this fails: its <include>s are still checked. */
	m = xcalloc(1, sizeof *m);
	m->line = line;
	*out = m;
	if ((msg = xattr_check("ocel", a, n, ocel_attrs)) != NULL)
		return (msg);
	if ((v = xattr_get(a, n, "object-type")) == NULL || XATTR_LEN(v) == 0)
		return (xstrdup("<ocel> needs object-type=\"TYPE\" (the object "
		    "type whose objects are the journeys)"));
	m->object_type = xstrndup(v->value, XATTR_LEN(v));
	if ((v = xattr_get(a, n, "name")) == NULL)
		m->name_keys = xcalloc(1, sizeof *m->name_keys);
	if (v == NULL) {
		m->name_keys[0] = xstrdup(OCEL_NAME_TYPE);
		m->nname_keys = 1;
	} else if (name_keys(m, v) != 0)
		return (xasprintf("name=\"%.*s\": expected type, or event "
		    "attribute names joined with + (type+resource)", SHOWV(v)));
	if ((v = xattr_get(a, n, "zone")) != NULL &&
	    (msg = expect_zone(v, &m->zone)) != NULL)
		return (msg);
	return (NULL);
}

char *
ocelmap_child(struct ocel_map *m, const char *name, const struct xattr *a,
    int n, unsigned long line)
{
	struct ocel_include	 in;
	const struct xattr	*v;
	char			*msg;
	size_t			 i;

	if (strcmp(name, "include") != 0)
		return (xasprintf("unexpected element <%s> in <ocel> (it "
		    "holds <include>)", name));
	if ((msg = xattr_check("include", a, n, include_attrs)) != NULL)
		return (msg);
	if ((v = xattr_get(a, n, "object-type")) == NULL || XATTR_LEN(v) == 0)
		return (xstrdup("<include> needs object-type=\"TYPE\""));
	memset(&in, 0, sizeof in);
	in.line = line;
	in.type = xstrndup(v->value, XATTR_LEN(v));
	if (m->object_type != NULL && strcmp(in.type, m->object_type) == 0) {
		msg = xasprintf("<include object-type=\"%.60s\">: the journeys' "
		    "own type; a journey would take in the events of other "
		    "journeys", in.type);
		free(in.type);
		return (msg);
	}
	if ((v = xattr_get(a, n, "qualifier")) != NULL) {
		if (XATTR_LEN(v) == 0) {
			free(in.type);
			return (xstrdup("<include qualifier=\"\">: empty "
			    "qualifier (leave it out for any)"));
		}
		in.qualifier = xstrndup(v->value, XATTR_LEN(v));
	}
	for (i = 0; i < m->nincl; i++) {
		if (strcmp(m->incl[i].type, in.type) == 0 &&
		    (m->incl[i].qualifier == NULL || in.qualifier == NULL ||
		    strcmp(m->incl[i].qualifier, in.qualifier) == 0)) {
			msg = xasprintf("<include object-type=\"%.60s\"> "
			    "again (line %lu)", in.type, m->incl[i].line);
			free(in.type);
			free(in.qualifier);
			return (msg);
		}
	}
	m->incl = xreallocarray(m->incl, m->nincl + 1, sizeof *m->incl);
	m->incl[m->nincl++] = in;
	return (NULL);
}

char *
ocelmap_text(const struct ocel_map *m)
{
	char	*s, *t;
	size_t	 i;

	s = xasprintf("ocel|%s|zone=%s|name", m->object_type, m->zone != NULL ?
	    tz_name(m->zone) : "");
	for (i = 0; i < m->nname_keys; i++) {
		t = xasprintf("%s%c%s", s, i > 0 ? '+' : '=', m->name_keys[i]);
		free(s);
		s = t;
	}
	for (i = 0; i < m->nincl; i++) {
		t = xasprintf("%s\nocel-include|%s|%s", s, m->incl[i].type,
		    m->incl[i].qualifier != NULL ? m->incl[i].qualifier : "");
		free(s);
		s = t;
	}
	return (s);
}

void
ocelmap_free(struct ocel_map *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->object_type);
	xfree_strings(m->name_keys, m->nname_keys);
	tz_free(m->zone);
	for (i = 0; i < m->nincl; i++) {
		free(m->incl[i].type);
		free(m->incl[i].qualifier);
	}
	free(m->incl);
	free(m);
}
