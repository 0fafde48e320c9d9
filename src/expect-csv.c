/*
 * expect-csv.c - the <csv> block of an expectations file: how a CSV
 * file's columns make journeys, checked strictly as it is read (an
 * unknown attribute or a mapping that cannot work is an error), so that a
 * run never starts on a mapping that does not mean what it says.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvmap.h"
#include "timefmt.h"
#include "expect.h"
#include "tz.h"
#include "xmalloc.h"

const char *const csv_role_attrs[CSVR_N + 1] = {
	"at", "start", "end", "promised", "notified", "revised", "channel",
	"actor", "team", "status", NULL
};

static const char *const csv_attrs[] = {
	"delimiter", "quote", "header", "missing", "time-format", "zone",
	"encoding", NULL
};
static const char *const journey_attrs[] = { "column", NULL };
static const char *const attribute_attrs[] = {
	"column", "name", "scope", NULL
};
static const char *const tp_attrs[] = {
	"name", "name-columns", "at", "start", "end", "promised", "notified",
	"revised", "channel", "actor", "team", "status", NULL
};

/* Print at most 60 bytes of a value in a message. */
#define SHOWV(a)	(int)(XATTR_LEN(a) > 60 ? 60 : XATTR_LEN(a)), (a)->value

/* The white-space separated words of a value, allocated. */
static char **
words(const struct xattr *v, size_t *n)
{
	const char	*p = v->value, *end = v->end, *w;
	char		**out = NULL;

	*n = 0;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r'))
			p++;
		if (p == end)
			break;
		for (w = p; p < end && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r'; p++)
			;
		out = xreallocarray(out, *n + 1, sizeof *out);
		out[(*n)++] = xstrndup(w, (size_t)(p - w));
	}
	return (out);
}


/* A one-byte delimiter or quote: "\t" (or a tab) for a tab; empty for none when may_be_none. */
static int
one_char(const struct xattr *v, int may_be_none, int *c)
{
	size_t	len = XATTR_LEN(v);

	if (len == 0 && may_be_none)
		*c = -1;
	else if (len == 2 && v->value[0] == '\\' && v->value[1] == 't')
		*c = '\t';
	else if (len == 1 && v->value[0] != '\n' && v->value[0] != '\r' &&
	    (unsigned char)v->value[0] < 0x80)
		*c = (unsigned char)v->value[0];
	else
		return (-1);
	return (0);
}

char *
csvmap_begin(struct csv_map **out, const struct xattr *a, int n,
    unsigned long line)
{
	struct csv_map		*m;
	const struct xattr	*v;
	char			*msg, *s;

	*out = NULL;
	if ((msg = xattr_check("csv", a, n, csv_attrs)) != NULL)
		return (msg);
	m = xcalloc(1, sizeof *m);
	m->quote = '"';
	m->header = 1;
	m->line = line;
	*out = m;
	if ((v = xattr_get(a, n, "delimiter")) != NULL &&
	    (one_char(v, 0, &m->delimiter) != 0 || m->delimiter == '"'))
		return (xasprintf("delimiter=\"%.*s\": expected one character "
		    "(not a quote or a line end), or \\t for a tab", SHOWV(v)));
	if ((v = xattr_get(a, n, "quote")) != NULL &&
	    one_char(v, 1, &m->quote) != 0)
		return (xasprintf("quote=\"%.*s\": expected one character, or "
		    "quote=\"\" for none", SHOWV(v)));
	if (m->quote != -1 && m->quote == (m->delimiter != 0 ? m->delimiter :
	    ','))
		return (xstrdup("quote and delimiter are the same character"));
	if ((v = xattr_get(a, n, "header")) != NULL) {
		if (xattr_is(v, "yes"))
			m->header = 1;
		else if (xattr_is(v, "no"))
			m->header = 0;
		else
			return (xasprintf("header=\"%.*s\": expected yes or no",
			    SHOWV(v)));
	}
	if ((v = xattr_get(a, n, "missing")) != NULL)
		m->missing = words(v, &m->nmissing);
	if ((v = xattr_get(a, n, "time-format")) != NULL) {
		m->time_format = xstrndup(v->value, XATTR_LEN(v));
		if (timefmt_compile(m->time_format, &m->tf, &s) != 0) {
			msg = xasprintf("time-format=\"%.60s\": %s",
			    m->time_format, s);
			free(s);
			return (msg);
		}
	}
	if ((v = xattr_get(a, n, "zone")) != NULL &&
	    (msg = expect_zone(v, &m->zone)) != NULL)
		return (msg);
	if ((v = xattr_get(a, n, "encoding")) != NULL) {
		if (xattr_is(v, "UTF-8") || xattr_is(v, "utf-8"))
			m->utf16 = 0;
		else if (xattr_is(v, "UTF-16") || xattr_is(v, "utf-16"))
			m->utf16 = 1;
		else
			return (xasprintf("encoding=\"%.*s\": expected UTF-8 or "
			    "UTF-16 (with a byte order mark)", SHOWV(v)));
	}
	return (NULL);
}

/* A column attribute's value: a name, not empty. */
static char *
column(const char *elem, const char *attr, const struct xattr *v, char **out)
{
	*out = NULL;
	if (v == NULL)
		return (NULL);
	if (XATTR_LEN(v) == 0)
		return (xasprintf("<%s %s=\"\">: empty column name", elem,
		    attr));
	*out = xstrndup(v->value, XATTR_LEN(v));
	return (NULL);
}

static char *
add_journey(struct csv_map *m, const struct xattr *a, int n,
    unsigned long line)
{
	char	*msg, *col;

	if ((msg = xattr_check("journey", a, n, journey_attrs)) != NULL ||
	    (msg = column("journey", "column", xattr_get(a, n, "column"),
	    &col)) != NULL)
		return (msg);
	if (col == NULL)
		return (xstrdup("<journey> needs column=\"NAME\" (the column "
		    "of the journey id)"));
	m->journey_cols = xreallocarray(m->journey_cols, m->njourney_cols + 1,
	    sizeof *m->journey_cols);
	m->journey_lines = xreallocarray(m->journey_lines,
	    m->njourney_cols + 1, sizeof *m->journey_lines);
	m->journey_lines[m->njourney_cols] = line;
	m->journey_cols[m->njourney_cols++] = col;
	return (NULL);
}

static char *
add_attribute(struct csv_map *m, const struct xattr *a, int n,
    unsigned long line)
{
	struct csv_attrmap	 am;
	const struct xattr	*v;
	char			*msg;

	memset(&am, 0, sizeof am);
	am.line = line;
	if ((msg = xattr_check("attribute", a, n, attribute_attrs)) != NULL ||
	    (msg = column("attribute", "column", xattr_get(a, n, "column"),
	    &am.column)) != NULL)
		return (msg);
	if (am.column == NULL)
		return (xstrdup("<attribute> needs column=\"NAME\""));
	if ((v = xattr_get(a, n, "name")) != NULL && XATTR_LEN(v) == 0) {
		free(am.column);
		return (xstrdup("<attribute name=\"\">: empty name"));
	}
	am.name = v != NULL ? xstrndup(v->value, XATTR_LEN(v)) :
	    xstrdup(am.column);
	if ((v = xattr_get(a, n, "scope")) != NULL) {
		if (xattr_is(v, "touchpoint"))
			am.touchpoint = 1;
		else if (!xattr_is(v, "journey")) {
			free(am.column);
			free(am.name);
			return (xasprintf("scope=\"%.*s\": expected journey "
			    "or touchpoint", SHOWV(v)));
		}
	}
	m->attrs = xreallocarray(m->attrs, m->nattrs + 1, sizeof *m->attrs);
	m->attrs[m->nattrs++] = am;
	return (NULL);
}

static void
free_tp(struct csv_tpmap *t)
{
	size_t	r;

	free(t->name);
	xfree_strings(t->name_cols, t->nname_cols);
	for (r = 0; r < CSVR_N; r++)
		free(t->col[r]);
}

static char *
add_touchpoint(struct csv_map *m, const struct xattr *a, int n,
    unsigned long line)
{
	struct csv_tpmap	 t;
	const struct xattr	*name, *cols;
	char			*msg = NULL;
	size_t			 r;

	memset(&t, 0, sizeof t);
	t.line = line;
	if ((msg = xattr_check("touchpoint", a, n, tp_attrs)) != NULL)
		return (msg);
	name = xattr_get(a, n, "name");
	cols = xattr_get(a, n, "name-columns");
	for (r = 0; r < CSVR_N && msg == NULL; r++)
		msg = column("touchpoint", csv_role_attrs[r],
		    xattr_get(a, n, csv_role_attrs[r]), &t.col[r]);
	if (msg != NULL)
		;
	else if ((name == NULL) == (cols == NULL))
		msg = xstrdup("<touchpoint> needs either name=\"NAME\" or "
		    "name-columns=\"COLUMN ...\"");
	else if (name != NULL && XATTR_LEN(name) == 0)
		msg = xstrdup("<touchpoint name=\"\">: empty name");
	else if (cols != NULL && (t.name_cols = words(cols,
	    &t.nname_cols)) == NULL)
		msg = xstrdup("<touchpoint name-columns=\"\">: no column");
	else if (t.col[CSVR_AT] != NULL && (t.col[CSVR_START] != NULL ||
	    t.col[CSVR_END] != NULL))
		msg = xstrdup("<touchpoint> has at= and start=/end=: an "
		    "instant or an interval, not both");
	else if (t.col[CSVR_AT] == NULL && t.col[CSVR_START] == NULL)
		msg = xstrdup(t.col[CSVR_END] != NULL ? "<touchpoint> has "
		    "end= but no start=" : "<touchpoint> needs at=\"COLUMN\", "
		    "or start=\"COLUMN\" (and end=)");
	if (msg != NULL) {
		free_tp(&t);
		return (msg);
	}
	if (name != NULL)
		t.name = xstrndup(name->value, XATTR_LEN(name));
	m->tps = xreallocarray(m->tps, m->ntps + 1, sizeof *m->tps);
	m->tps[m->ntps++] = t;
	return (NULL);
}

char *
csvmap_child(struct csv_map *m, const char *name, const struct xattr *a,
    int n, unsigned long line)
{
	if (strcmp(name, "journey") == 0)
		return (add_journey(m, a, n, line));
	if (strcmp(name, "attribute") == 0)
		return (add_attribute(m, a, n, line));
	if (strcmp(name, "touchpoint") == 0)
		return (add_touchpoint(m, a, n, line));
	return (xasprintf("unknown element <%s> in <csv> (expected "
	    "<journey>, <attribute> or <touchpoint>)", name));
}

/* Whether a column name is a column number, as header="no" names them. */
static int
is_number(const char *s)
{
	if (*s < '1' || *s > '9')
		return (0);
	while (*++s != '\0') {
		if (*s < '0' || *s > '9')
			return (0);
	}
	return (1);
}

char *
csvmap_finish(struct csv_map *m)
{
	const char	*bad = NULL;
	size_t		 i, k, r;

	if (m->njourney_cols == 0)
		return (xstrdup("<csv> needs a <journey column=\"NAME\"/>: the "
		    "column of the journey id"));
	if (m->ntps == 0)
		return (xstrdup("<csv> needs at least one <touchpoint>"));
	if (m->header)
		return (NULL);
	/* Without a header, columns are named by their number. */
	for (i = 0; i < m->njourney_cols && bad == NULL; i++)
		if (!is_number(m->journey_cols[i]))
			bad = m->journey_cols[i];
	for (i = 0; i < m->nattrs && bad == NULL; i++)
		if (!is_number(m->attrs[i].column))
			bad = m->attrs[i].column;
	for (i = 0; i < m->ntps && bad == NULL; i++) {
		for (r = 0; r < CSVR_N && bad == NULL; r++)
			if (m->tps[i].col[r] != NULL &&
			    !is_number(m->tps[i].col[r]))
				bad = m->tps[i].col[r];
		for (k = 0; k < m->tps[i].nname_cols && bad == NULL; k++)
			if (!is_number(m->tps[i].name_cols[k]))
				bad = m->tps[i].name_cols[k];
	}
	if (bad != NULL)
		return (xasprintf("column \"%.60s\": with header=\"no\", "
		    "columns are named by their number, from 1", bad));
	return (NULL);
}

/* Append to an allocated text. */
static void
add(char **s, const char *prefix, const char *v)
{
	char	*t;

	t = xasprintf("%s%s%s", *s, prefix, v != NULL ? v : "");
	free(*s);
	*s = t;
}

char *
csvmap_text(const struct csv_map *m)
{
	char	*s, c[8];
	size_t	 i, k, r;

	snprintf(c, sizeof c, "%d|%d|%d", m->delimiter, m->quote, m->header);
	s = xstrdup("csv|");
	add(&s, "", c);
	for (i = 0; i < m->nmissing; i++)
		add(&s, "|missing=", m->missing[i]);
	add(&s, "|format=", m->time_format);
	add(&s, "|zone=", m->zone != NULL ? tz_name(m->zone) : NULL);
	for (i = 0; i < m->njourney_cols; i++)
		add(&s, "|journey=", m->journey_cols[i]);
	for (i = 0; i < m->nattrs; i++) {
		add(&s, "|attr=", m->attrs[i].column);
		add(&s, "=", m->attrs[i].name);
		add(&s, m->attrs[i].touchpoint ? "=t" : "=j", NULL);
	}
	for (i = 0; i < m->ntps; i++) {
		add(&s, "\ncsv-tp|", m->tps[i].name);
		for (k = 0; k < m->tps[i].nname_cols; k++)
			add(&s, "+", m->tps[i].name_cols[k]);
		for (r = 0; r < CSVR_N; r++) {
			add(&s, "|", csv_role_attrs[r]);
			add(&s, "=", m->tps[i].col[r]);
		}
	}
	return (s);
}

void
csvmap_free(struct csv_map *m)
{
	size_t	i;

	if (m == NULL)
		return;
	xfree_strings(m->missing, m->nmissing);
	free(m->time_format);
	timefmt_free(m->tf);
	tz_free(m->zone);
	xfree_strings(m->journey_cols, m->njourney_cols);
	free(m->journey_lines);
	for (i = 0; i < m->nattrs; i++) {
		free(m->attrs[i].column);
		free(m->attrs[i].name);
	}
	free(m->attrs);
	for (i = 0; i < m->ntps; i++)
		free_tp(&m->tps[i]);
	free(m->tps);
	free(m);
}
