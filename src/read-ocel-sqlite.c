/*
 * read-ocel-sqlite.c - the SQLite front-end of the OCEL 2.0 reader
 * (docs/format.md#ocel), through libsqlite3: the database is opened read
 * only and immutable (no lock is taken, nothing is written, not even a
 * journal), and read as the specification names its tables: object types
 * from object_map_type, objects from object (in its row order), their
 * attributes from object_<map> (a row's ocel_changed_field says which
 * value it changes; none: every value it holds), object-to-object
 * relations from object_object, then the events in the row order of event,
 * each with its attributes from event_<map> and its relations from
 * event_object. A database without these tables, corrupt or unreadable is
 * refused with what SQLite says.
 */
#include <config.h>

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "exitcode.h"
#include "read-int.h"
#include "read-ocel.h"
#include "strtab.h"
#include "xmalloc.h"

/* A type's table: its map name and its prepared row lookup. */
struct os_table {
	char		*type;
	char		*map;
	sqlite3_stmt	*by_id;		/* event_<map>: the row of one event */
};

struct os {
	struct rd	*r;
	sqlite3		*db;
	const char	*path;
	char		*cause;
	struct os_table	*ev;		/* event types */
	size_t		 nev;
};

/* A refusal: what SQLite says, as the read's cause; the exit code. */
static int
os_fail(struct os *s, const char *what)
{
	if (s->cause == NULL)
		s->cause = xasprintf("%s: %s: %s", s->path, what,
		    s->db != NULL ? sqlite3_errmsg(s->db) : "cannot open");
	return (MOT_EXIT_DATAERR);
}

/* A text column's bytes, or NULL. */
static const char *
col_text(sqlite3_stmt *st, int i, size_t *len)
{
	const unsigned char	*t;

	if (sqlite3_column_type(st, i) == SQLITE_NULL) {
		*len = 0;
		return (NULL);
	}
	t = sqlite3_column_text(st, i);
	*len = (size_t)sqlite3_column_bytes(st, i);
	return ((const char *)t);
}

/* An SQL identifier, quoted: "a""b". */
static char *
quote_id(const char *prefix, const char *name)
{
	size_t	 n = strlen(prefix) + strlen(name), i, k = 0;
	char	*out = xmalloc(2 * n + 3);

	out[k++] = '"';
	for (i = 0; prefix[i] != '\0'; i++)
		out[k++] = prefix[i];
	for (i = 0; name[i] != '\0'; i++) {
		if (name[i] == '"')
			out[k++] = '"';
		out[k++] = name[i];
	}
	out[k++] = '"';
	out[k] = '\0';
	return (out);
}

static int
prepare(struct os *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return (os_fail(s, "not an OCEL 2.0 database"));
	return (0);
}

/* Step a statement: SQLITE_ROW, SQLITE_DONE, or an error made the cause (-1). */
static int
step(struct os *s, sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return (rc);
	(void)os_fail(s, "cannot read it");
	return (-1);
}

/* The object types, and every object. */
static int
objects(struct os *s)
{
	sqlite3_stmt	*st;
	const char	*a, *b;
	size_t		 alen, blen;
	int		 rc;

	if ((rc = prepare(s, "SELECT ocel_type FROM object_map_type", &st)) !=
	    0)
		return (rc);
	while ((rc = step(s, st)) == SQLITE_ROW)
		if ((a = col_text(st, 0, &alen)) != NULL)
			ocel_type(s->r, a, alen);
	sqlite3_finalize(st);
	if (rc < 0)
		return (MOT_EXIT_DATAERR);
	if ((rc = prepare(s, "SELECT ocel_id, ocel_type FROM object ORDER BY "
	    "rowid", &st)) != 0)
		return (rc);
	while ((rc = step(s, st)) == SQLITE_ROW && !ocel_failed(s->r)) {
		a = col_text(st, 0, &alen);
		b = col_text(st, 1, &blen);
		ocel_object(s->r, a, alen, b, blen);
	}
	sqlite3_finalize(st);
	return (rc < 0 ? MOT_EXIT_DATAERR : 0);
}

/* The attributes of the objects of one type, from object_<map>. */
static int
object_values(struct os *s, const char *map)
{
	sqlite3_stmt	*st;
	const char	*id, *time, *changed, *v, *name;
	char		*sql, *table;
	size_t		 idlen, tlen, clen = 0, vlen;
	int		 rc, i, n;

	table = quote_id("object_", map);
	sql = xasprintf("SELECT * FROM %s ORDER BY rowid", table);
	free(table);
	rc = prepare(s, sql, &st);
	free(sql);
	if (rc != 0)
		return (rc);
	n = sqlite3_column_count(st);
	while ((rc = step(s, st)) == SQLITE_ROW && !ocel_failed(s->r)) {
		id = col_text(st, 0, &idlen);
		time = col_text(st, 1, &tlen);
		changed = n > 2 ? col_text(st, 2, &clen) : NULL;
		if (id == NULL || ocel_select(s->r, id, idlen) != 0)
			continue;
		for (i = 3; i < n; i++) {
			name = sqlite3_column_name(st, i);
			if ((v = col_text(st, i, &vlen)) == NULL ||
			    (changed != NULL && clen > 0 && (strlen(name) !=
			    clen || memcmp(name, changed, clen) != 0)))
				continue;
			ocel_object_attr(s->r, name, strlen(name), time, tlen, v,
			    vlen);
		}
	}
	sqlite3_finalize(st);
	return (rc < 0 ? MOT_EXIT_DATAERR : 0);
}

/* Every object type's table, by object_map_type. */
static int
object_tables(struct os *s)
{
	sqlite3_stmt	*st;
	const char	*map;
	size_t		 len;
	char		*m;
	int		 rc, k = 0;

	if ((rc = prepare(s, "SELECT ocel_type_map FROM object_map_type",
	    &st)) != 0)
		return (rc);
	while (k == 0 && (rc = step(s, st)) == SQLITE_ROW) {
		if ((map = col_text(st, 0, &len)) == NULL)
			continue;
		m = xstrndup(map, len);
		k = object_values(s, m);
		free(m);
	}
	sqlite3_finalize(st);
	return (rc < 0 ? MOT_EXIT_DATAERR : k);
}

/* The object-to-object relations. */
static int
object_relations(struct os *s)
{
	sqlite3_stmt	*st;
	const char	*src, *dst, *q;
	size_t		 slen, dlen, qlen;
	int		 rc;

	if ((rc = prepare(s, "SELECT ocel_source_id, ocel_target_id, "
	    "ocel_qualifier FROM object_object ORDER BY rowid", &st)) != 0)
		return (rc);
	while ((rc = step(s, st)) == SQLITE_ROW && !ocel_failed(s->r)) {
		src = col_text(st, 0, &slen);
		dst = col_text(st, 1, &dlen);
		q = col_text(st, 2, &qlen);
		if (src != NULL && ocel_select(s->r, src, slen) == 0)
			ocel_rel(s->r, dst, dlen, q, qlen);
	}
	sqlite3_finalize(st);
	return (rc < 0 ? MOT_EXIT_DATAERR : 0);
}

/* The event types' tables, each with its row lookup prepared. */
static int
event_tables(struct os *s)
{
	sqlite3_stmt	*st;
	const char	*type, *map;
	size_t		 tlen, mlen;
	char		*table, *sql;
	int		 rc, k = 0;

	if ((rc = prepare(s, "SELECT ocel_type, ocel_type_map FROM "
	    "event_map_type", &st)) != 0)
		return (rc);
	while (k == 0 && (rc = step(s, st)) == SQLITE_ROW) {
		type = col_text(st, 0, &tlen);
		map = col_text(st, 1, &mlen);
		if (type == NULL || map == NULL)
			continue;
		s->ev = xreallocarray(s->ev, s->nev + 1, sizeof *s->ev);
		s->ev[s->nev].type = xstrndup(type, tlen);
		s->ev[s->nev].map = xstrndup(map, mlen);
		s->ev[s->nev].by_id = NULL;
		table = quote_id("event_", s->ev[s->nev].map);
		sql = xasprintf("SELECT * FROM %s WHERE ocel_id = ?", table);
		free(table);
		k = prepare(s, sql, &s->ev[s->nev++].by_id);
		free(sql);
	}
	sqlite3_finalize(st);
	return (rc < 0 ? MOT_EXIT_DATAERR : k);
}

/* One event: its row of its type's table, and its relations. */
static int
event(struct os *s, sqlite3_stmt *rels, const char *id, size_t idlen,
    const char *type, size_t tlen)
{
	struct os_table	*t = NULL;
	const char	*time = NULL, *v, *oid, *q;
	size_t		 i, timelen = 0, vlen, olen, qlen;
	int		 n = 0, rc, k;

	for (i = 0; type != NULL && i < s->nev; i++)
		if (strlen(s->ev[i].type) == tlen &&
		    memcmp(s->ev[i].type, type, tlen) == 0)
			t = &s->ev[i];
	if (t != NULL) {
		sqlite3_reset(t->by_id);
		sqlite3_bind_text(t->by_id, 1, id, (int)idlen, SQLITE_STATIC);
		if ((rc = step(s, t->by_id)) < 0)
			return (MOT_EXIT_DATAERR);
		if (rc == SQLITE_ROW) {
			n = sqlite3_column_count(t->by_id);
			time = col_text(t->by_id, 1, &timelen);
		}
	}
	ocel_event(s->r, id, idlen, type, tlen, time, timelen);
	for (k = 2; k < n; k++)
		if ((v = col_text(t->by_id, k, &vlen)) != NULL)
			ocel_event_attr(s->r, sqlite3_column_name(t->by_id, k),
			    strlen(sqlite3_column_name(t->by_id, k)), v, vlen);
	sqlite3_reset(rels);
	sqlite3_bind_text(rels, 1, id, (int)idlen, SQLITE_STATIC);
	while ((rc = step(s, rels)) == SQLITE_ROW) {
		oid = col_text(rels, 0, &olen);
		q = col_text(rels, 1, &qlen);
		ocel_rel(s->r, oid, olen, q, qlen);
	}
	ocel_event_end(s->r);
	return (rc < 0 ? MOT_EXIT_DATAERR : 0);
}

static int
events(struct os *s)
{
	sqlite3_stmt	*st, *rels;
	const char	*id, *type;
	size_t		 idlen, tlen;
	int		 rc, k = 0;

	if ((rc = prepare(s, "SELECT ocel_object_id, ocel_qualifier FROM "
	    "event_object WHERE ocel_event_id = ? ORDER BY rowid", &rels)) !=
	    0)
		return (rc);
	if ((rc = prepare(s, "SELECT ocel_id, ocel_type FROM event ORDER BY "
	    "rowid", &st)) != 0) {
		sqlite3_finalize(rels);
		return (rc);
	}
	while (k == 0 && !ocel_failed(s->r) && (rc = step(s, st)) ==
	    SQLITE_ROW) {
		if ((id = col_text(st, 0, &idlen)) == NULL)
			continue;
		type = col_text(st, 1, &tlen);
		k = event(s, rels, id, idlen, type, tlen);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(rels);
	return (rc < 0 ? MOT_EXIT_DATAERR : k);
}

/* The database's URI, read only and immutable: file:PATH?immutable=1, PATH percent-encoded. */
static char *
db_uri(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, k = 0, n = strlen(path);
	char			*u = xmalloc(3 * n + 32);

	k += (size_t)sprintf(u, "file:");
	for (i = 0; i < n; i++) {
		if (path[i] == '%' || path[i] == '?' || path[i] == '#') {
			u[k++] = '%';
			u[k++] = hex[(unsigned char)path[i] >> 4];
			u[k++] = hex[(unsigned char)path[i] & 15];
		} else
			u[k++] = path[i];
	}
	strcpy(u + k, "?immutable=1");
	return (u);
}

int
ocel_sqlite_parse(struct rd *r, const char *path, char **cause)
{
	struct os	 s;
	char		*uri;
	size_t		 i;
	int		 rc;
	FILE		*f;
	struct stat	 sb;

	memset(&s, 0, sizeof s);
	s.r = r;
	s.path = r->path;
	if (strcmp(path, "-") == 0) {
		*cause = xasprintf("%s: an OCEL 2.0 SQLite database cannot be "
		    "read from standard input: give its file", r->path);
		return (MOT_EXIT_USAGE);
	}
	/* SQLite would make an empty database of a missing file. */
	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) != 0) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return (MOT_EXIT_NOINPUT);
	}
	fclose(f);
	r->st->io.raw_bytes = r->st->io.xml_bytes = (uint64_t)sb.st_size;
	uri = db_uri(path);
	/* One reader uses the connection: no mutex. */
	rc = sqlite3_open_v2(uri, &s.db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	ocel_at(r, 0);
	if (rc != SQLITE_OK)
		rc = os_fail(&s, "cannot open as SQLite");
	else if ((rc = objects(&s)) == 0 && (rc = object_tables(&s)) == 0 &&
	    (rc = object_relations(&s)) == 0 && (rc = event_tables(&s)) == 0)
		rc = events(&s);
	for (i = 0; i < s.nev; i++) {
		free(s.ev[i].type);
		free(s.ev[i].map);
		sqlite3_finalize(s.ev[i].by_id);
	}
	free(s.ev);
	sqlite3_close(s.db);
	*cause = s.cause;
	return (rc);
}
