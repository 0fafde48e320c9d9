/*
 * read.c - reads journeys from a file, whatever its format: the one place
 * where the format is told. A CSV file is told by its name or
 * --format-in; an OCEL 2.0 log by --format-in, its name or, when the
 * expectations have <ocel>, a root <log> without XES's attributes; any
 * other XML file's root element says which format it is (<journeys> for
 * mot's own, <log> for XES). The format then builds one journey at a time
 * with the reader core (read-core.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "read-ids.h"
#include "read-int.h"
#include "split.h"
#include "xmalloc.h"

/* The code that ends a sniff of the root element: not an exit code. */
#define SNIFF_DONE	(-1)

/* The formats, in the order they are tried. */
static const struct read_format *const read_formats[] = {
	&journeys_format,
	&xes_format,
	&csv_format,
	&ocel_format,
	NULL
};

/* An XML format's position: the parser's line, no column. */
static unsigned long
xml_where(void *arg, unsigned *col)
{
	*col = 0;
	return (xmlin_line(arg));
}

static void
xml_stop(void *arg, int rc, char *cause)
{
	xmlin_abort(arg, rc, cause);
}

static const struct rd_source xml_source = { xml_where, xml_stop };

/* The root element tells the format; its handlers take every element after it. */
static void
r_root(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	const struct read_format *const	*f;
	struct rd			*r = ud;

	for (f = read_formats; *f != NULL; f++) {
		if ((*f)->root != NULL && strcmp(name, (*f)->root) == 0 &&
		    (uri == NULL || (*f)->any_ns))
			break;
	}
	if (*f == NULL) {
		xmlin_fail(x, MOT_EXIT_DATAERR, "expected <journeys> or an XES "
		    "<log> as the root element, found <%s>", name);
		return;
	}
	r->src_arg = x;
	r->format = *f;
	r->st->format = (*f)->name;
	xmlin_set_ops(x, (*f)->ops);
	(*f)->begin(x, r, a, n);
}

/* Not called: the root's end goes to the format's handler. */
static void
r_root_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
}

static const struct xmlin_ops read_ops = { r_root, r_root_end, NULL };

/* Whether a name ends with suffix, itself or followed by a compressed file's (.gz, .zst, .xz). */
static int
ends_with(const char *s, const char *suffix)
{
	static const char *const zs[] = { "", ".gz", ".zst", ".xz" };
	size_t			 n = strlen(s), k = strlen(suffix), z, i;

	for (i = 0; i < sizeof zs / sizeof zs[0]; i++) {
		z = strlen(zs[i]);
		if (n >= k + z && strcmp(s + n - z, zs[i]) == 0 &&
		    strncmp(s + n - z - k, suffix, k) == 0)
			return (1);
	}
	return (0);
}

int
read_name_is(const char *path, const char *suffix)
{
	return (ends_with(path, suffix));
}

int
read_is_csv(const char *path, const struct read_opts *o)
{
	if (o->format_in != READ_IN_AUTO)
		return (o->format_in == READ_IN_CSV ||
		    o->format_in == READ_IN_TSV);
	return (ends_with(path, ".csv") || ends_with(path, ".tsv") ||
	    ends_with(path, ".CSV") || ends_with(path, ".TSV"));
}

/* What the root element of a file says (log_is_xes): 1 XES's, 0 not, -1 not known yet. */
static void
sniff_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	int	*xes = ud;

	*xes = strcmp(name, "log") != 0 || (uri != NULL && strstr(uri,
	    "xes") != NULL) || xattr_get(a, n, "xes.version") != NULL ||
	    xattr_get(a, n, "xes.features") != NULL;
	xmlin_abort(x, SNIFF_DONE, xstrdup("root seen"));
}

static void
sniff_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
}

/* Whether a file's root is anything but an OCEL <log>: XES's <log> (by its version, features or namespace), or another element; a file that cannot be read counts as XES (the real read says why). */
static int
log_is_xes(const char *path)
{
	static const struct xmlin_ops	 ops = { sniff_start, sniff_end, NULL };
	struct xmlin_stats		 st;
	char				*cause = NULL;
	int				 xes = 1;

	(void)xmlin_parse(path, &ops, &xes, &st, &cause);
	free(cause);
	return (xes);
}

int
read_is_ocel_json(const char *path, const struct read_opts *o)
{
	if (o->format_in != READ_IN_AUTO)
		return (o->format_in == READ_IN_OCEL_JSON);
	return (ends_with(path, ".jsonocel") || (o->ocel != NULL &&
	    ends_with(path, ".json")));
}

int
read_is_ocel_sqlite(const char *path, const struct read_opts *o)
{
	if (o->format_in != READ_IN_AUTO)
		return (o->format_in == READ_IN_OCEL_SQLITE);
	size_t	n = strlen(path);

	/* A database is read in place: never compressed. */
	return ((n >= 7 && strcmp(path + n - 7, ".sqlite") == 0) ||
	    (o->ocel != NULL && n >= 3 && strcmp(path + n - 3, ".db") == 0));
}

int
read_is_ocel(const char *path, const struct read_opts *o)
{
	if (o->format_in != READ_IN_AUTO)
		return (o->format_in == READ_IN_OCEL ||
		    o->format_in == READ_IN_OCEL_JSON ||
		    o->format_in == READ_IN_OCEL_SQLITE);
	if (ends_with(path, ".xmlocel") ||
	    read_is_ocel_json(path, o) || read_is_ocel_sqlite(path, o))
		return (1);
	return (o->ocel != NULL && strcmp(path, "-") != 0 &&
	    !ends_with(path, ".xes") &&
	    !read_is_csv(path, o) && !log_is_xes(path));
}

size_t
read_plan(const char *path, const struct read_opts *o, size_t want,
    struct split *sp)
{
	if (read_is_ocel(path, o))
		return (1);
	if (read_is_csv(path, o))
		return (csv_plan(path, o, want, sp));
	return (split_plan(path, want, o->plan_any_size, sp));
}

int
read_partition(const char *path, const struct read_opts *o, size_t n,
    void (*fn)(void *, long, uint64_t, uint64_t), void *arg, char **cause)
{
	if (!read_is_csv(path, o) || o->csv == NULL) {
		*cause = xasprintf("%s: only CSV rows are partitioned", path);
		return (MOT_EXIT_SOFTWARE);
	}
	return (csv_partition(path, o, n, fn, arg, cause));
}

int
read_file(const char *path, const struct read_opts *o, journey_fn fn,
    struct read_stats *st, char **cause)
{
	return (read_range(path, NULL, o, fn, st, cause));
}

int
read_range(const char *path, const struct xmlin_range *range,
    const struct read_opts *o, journey_fn fn, struct read_stats *st,
    char **cause)
{
	struct rd	r;
	int		rc;

	rd_init(&r, strcmp(path, "-") == 0 ? "(stdin)" : path, o, fn, st);
	if (read_is_ocel(path, o)) {
		r.format = &ocel_format;
		st->format = ocel_format.name;
		rc = ocel_format.read(&r, path, range, cause);
	} else if (read_is_csv(path, o)) {
		r.format = &csv_format;
		st->format = csv_format.name;
		rc = csv_format.read(&r, path, range, cause);
	} else {
		r.src = &xml_source;
		rc = xmlin_parse_range(path, range, &read_ops, &r, &st->io,
		    cause);
	}
	if (rc == 0 && r.ids != NULL)
		read_ids_add(o->ids, r.ids);
	rd_free(&r);
	return (rc);
}

void
read_stats_add(struct read_stats *d, const struct read_stats *s)
{
	d->format = s->format;
	d->io.raw_bytes += s->io.raw_bytes;
	d->io.xml_bytes += s->io.xml_bytes;
	d->journeys += s->journeys;
	d->touchpoints += s->touchpoints;
	d->events += s->events;
	d->events_no_time += s->events_no_time;
	d->events_bad_time += s->events_bad_time;
	d->unpaired_starts += s->unpaired_starts;
	d->unpaired_completes += s->unpaired_completes;
	if (s->classifier_keys > d->classifier_keys)
		d->classifier_keys = s->classifier_keys;
	d->classifier_seen |= s->classifier_seen;
	d->csv_rows += s->csv_rows;
	d->csv_rows_no_id += s->csv_rows_no_id;
	d->csv_header_repeats += s->csv_header_repeats;
	d->csv_attr_conflicts += s->csv_attr_conflicts;
	d->ocel_events += s->ocel_events;
	d->ocel_events_left_out += s->ocel_events_left_out;
	d->ocel_unknown_objects += s->ocel_unknown_objects;
	d->ocel_duplicate_objects += s->ocel_duplicate_objects;
	d->ocel_attr_changes += s->ocel_attr_changes;
}
