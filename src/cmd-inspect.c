/*
 * cmd-inspect.c - mot inspect: what journey files hold, before anyone
 * writes expectations for them (docs/inspect.md). The files are read as
 * analyze reads them, their journeys counted by inspect.c; a CSV file with
 * no <csv> mapping has its columns profiled instead (csv-profile.c), with a
 * mapping to start from. With -e, the touchpoint names the expectations use
 * that no journey has, with the closest ones. Text, or JSON with --json.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "cmd.h"
#include "csv-profile.h"
#include "csv.h"
#include "csvmap.h"
#include "exitcode.h"
#include "expect.h"
#include "fmt.h"
#include "input.h"
#include "inspect.h"
#include "log.h"
#include "opts.h"
#include "read.h"
#include "report.h"
#include "run.h"
#include "tz.h"
#include "xmalloc.h"

/* Names and values shown without --all. */
#define SHOW_NAMES	50
#define SHOW_VALUES	5
/* Problems quoted, the first ones. */
#define SHOW_PROBLEMS	5
/* Bytes read to guess a CSV file's delimiter. */
#define SNIFF_BYTES	65536

/* One file given. */
struct ifile {
	const char	*path;
	const char	*format;	/* read_stats.format, "csv" when profiled */
	uint64_t	 journeys, touchpoints, events;
	uint64_t	 counted;	/* journeys inspect.c was given */
	char		*error;		/* why it could not be read, or NULL */
	struct csvprof	*prof;		/* a CSV file without a mapping */
	int		 delim;
	int		 ocel_profile;	/* an OCEL 2.0 log without a mapping */
};

struct istate {
	struct inspect	 in;
	struct read_seen seen;
	struct agg	 agg;		/* -e: the names the journeys have */
	int		 has_agg;
	uint64_t	 errors, warnings;
	char		*problem[SHOW_PROBLEMS];
	size_t		 nproblems;
	int		 all;		/* --all */
	const char	*zone;		/* the zone of times without an offset */
};

static void
on_problem(void *arg, const char *file, unsigned long line, unsigned col,
    int error, const char *msg)
{
	struct istate	*is = arg;
	char		 where[64] = "";

	if (error)
		is->errors++;
	else
		is->warnings++;
	if (is->nproblems == SHOW_PROBLEMS)
		return;
	if (line > 0 && col > 0)
		snprintf(where, sizeof where, ":%lu:%u", line, col);
	else if (line > 0)
		snprintf(where, sizeof where, ":%lu", line);
	is->problem[is->nproblems++] = xasprintf("%s%s: %s: %s", file, where,
	    error ? "error" : "warning", msg);
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct istate	*is = arg;

	inspect_journey(&is->in, j);
	if (is->has_agg && j->reject == NULL)
		agg_journey(&is->agg, j, NULL, 0);
	return (0);
}

/* What input_read gives, after a first block already read (to guess the delimiter). */
struct sniffed {
	struct input_src	*src;
	char			*head;
	size_t			 len, off;
};

static ssize_t
sniffed_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	struct sniffed	*s = arg;

	if (s->off < s->len) {
		if (n > s->len - s->off)
			n = s->len - s->off;
		memcpy(buf, s->head + s->off, n);
		s->off += n;
		return ((ssize_t)n);
	}
	return (input_read(s->src, buf, n, code, msg));
}

/* Profile the columns of a CSV file that has no mapping; 0, or an exit code with f->error. */
static int
profile_csv(struct ifile *f, int tsv)
{
	struct sniffed		 s;
	struct csv_opts		 copts;
	struct csv_record	 rec;
	struct csv		*csv;
	const char		*msg;
	char			*cause = NULL;
	ssize_t			 got = 0;
	int			 rc, code = 0;

	memset(&s, 0, sizeof s);
	if ((rc = input_open(&s.src, f->path, &cause)) != 0) {
		f->error = cause;
		return (rc);
	}
	s.head = xmalloc(SNIFF_BYTES);
	while (s.len < SNIFF_BYTES && (got = input_read(s.src, s.head + s.len,
	    SNIFF_BYTES - s.len, &code, &msg)) > 0)
		s.len += (size_t)got;
	if (got < 0) {
		f->error = xasprintf("%s: %s", f->path, msg);
		rc = code;
		goto out;
	}
	memset(&copts, 0, sizeof copts);
	copts.delim = tsv ? '\t' : csvprof_sniff(s.head, s.len);
	copts.quote = '"';
	f->delim = copts.delim;
	f->prof = csvprof_new(1);
	csv = csv_new(&copts, sniffed_read, &s);
	while ((rc = csv_next(csv, &rec, &code, &cause)) == 1)
		csvprof_record(f->prof, &rec);
	csv_free(csv);
	if (rc < 0) {
		f->error = cause;
		rc = code;
		goto out;
	}
	csvprof_finish(f->prof);
	rc = 0;
out:
	free(s.head);
	input_close(s.src);
	return (rc);
}

/* An offset as +hh:mm. */
static void
offset_text(int min, char *buf, size_t len)
{
	int	a = min < 0 ? -min : min;

	snprintf(buf, len, "%c%02d:%02d", min < 0 ? '-' : '+', a / 60, a % 60);
}

/* The values of a count to show, most frequent first: up to max (all with --all) in *idx (allocated); their number. */
static size_t
shown(const struct istate *is, const struct distinct *d, size_t max,
    size_t **idx)
{
	if (is->all || max > distinct_kept(d))
		max = distinct_kept(d);
	*idx = xreallocarray(NULL, max + 1, sizeof **idx);
	return (inspect_top(d, max, *idx));
}

/* The values of a count, most frequent first: up to max (all with --all). */
static void
text_values(const struct istate *is, const struct distinct *d, size_t max,
    const char *indent)
{
	size_t		*idx, i, n, len;
	uint64_t	 count;
	const char	*v;

	n = shown(is, d, max, &idx);
	for (i = 0; i < n; i++) {
		v = distinct_value(d, idx[i], &len, &count);
		printf("%s%10llu  ", indent, (unsigned long long)count);
		if (len == 0)
			printf("(empty)");
		else
			text_put(stdout, v);
		putchar('\n');
	}
	if (n < distinct_count(d) && distinct_is_exact(d))
		printf("%s%10s  ... %llu more (--all)\n", indent, "",
		    (unsigned long long)(distinct_count(d) - n));
	else if (n < distinct_count(d))
		printf("%s%10s  ... about %llu more (past %zu distinct, an "
		    "estimate)\n", indent, "",
		    (unsigned long long)(distinct_count(d) - n), d->limit);
	free(idx);
}

static void
text_distinct(const char *what, const struct distinct *d)
{
	printf("%s%llu distinct", what, (unsigned long long)distinct_count(d));
	if (!distinct_is_exact(d))
		printf(" (estimated)");
}

static void
text_attrs(const struct istate *is, const struct inspect_attr *a, size_t n,
    const char *unit)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (a[i].n == 0)
			continue;
		printf("  ");
		text_put(stdout, a[i].key);
		printf(": %llu %s, ", (unsigned long long)a[i].n, unit);
		text_distinct("", &a[i].values);
		putchar('\n');
		text_values(is, &a[i].values, SHOW_VALUES, "  ");
	}
}

static void
text_csv(const struct istate *is, const struct ifile *f)
{
	const struct csvprof_col	*col;
	size_t				 i, k, len;
	uint64_t			 count;
	const char			*v;
	char				*sk, *line;

	printf("\n");
	text_put(stdout, f->path);
	printf(": CSV without a <csv> mapping: %llu rows, %zu columns\n",
	    (unsigned long long)csvprof_rows(f->prof), csvprof_ncols(f->prof));
	for (i = 0; i < csvprof_ncols(f->prof); i++) {
		col = csvprof_col(f->prof, i);
		printf("  %zu ", i + 1);
		text_put(stdout, col->name);
		printf(": %llu values, %llu missing, ",
		    (unsigned long long)col->values,
		    (unsigned long long)col->missing);
		text_distinct("", &col->distinct);
		if (col->clock_only)
			printf("; times of day without a date");
		else if (col->time_format != NULL) {
			printf("; times (%s%s)", *col->time_format == '\0' ?
			    "ISO 8601" : col->time_format, col->time_offset ?
			    ", with UTC offsets" : ", without UTC offsets");
			if (col->day_month_ambiguous)
				printf(", day and month could be either way");
		}
		printf("\n    e.g.");
		for (k = 0; k < 3 && (v = distinct_value(&col->distinct, k,
		    &len, &count)) != NULL; k++) {
			printf("%s \"", k > 0 ? "," : "");
			text_put(stdout, v);
			putchar('"');
		}
		putchar('\n');
	}
	sk = csvprof_skeleton(f->prof, f->delim);
	printf("  a mapping to start from (docs/format.md#csv):\n");
	for (line = strtok(sk, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		text_put(stdout, line);
		putchar('\n');
	}
	free(sk);
	(void)is;
}

/* Relations "a\x1fb\x1fq" with their counts: "  N  a -> b (q)", most frequent first. */
static void
text_rels(const struct istate *is, const struct distinct *d, const char *what)
{
	size_t		*idx, i, n, len;
	uint64_t	 count;
	const char	*v, *p;

	n = shown(is, d, SHOW_NAMES, &idx);
	for (i = 0; i < n; i++) {
		v = distinct_value(d, idx[i], &len, &count);
		printf("%10llu  %s ", (unsigned long long)count, what);
		for (p = v; p < v + len; p++) {
			if (*p == '\x1f' && memchr(p + 1, '\x1f', (size_t)(v +
			    len - p - 1)) != NULL)
				printf(" -> ");
			else if (*p == '\x1f')
				printf(" (");
			else
				p = text_put_char(stdout, p) - 1;
		}
		printf(")\n");
	}
	free(idx);
}

/* An OCEL 2.0 log without a mapping: its types, relations and an <ocel> to start from. */
static void
text_ocel(const struct istate *is)
{
	const struct read_seen	*sn = &is->seen;
	char			*sk, *line;

	printf("\nOCEL 2.0 without an <ocel> mapping:\n");
	text_distinct("object types: ", &sn->ocel_otypes);
	printf(" (objects of each)\n");
	text_values(is, &sn->ocel_otypes, SIZE_MAX, "");
	text_distinct("event types: ", &sn->ocel_etypes);
	printf(" (events of each)\n");
	text_values(is, &sn->ocel_etypes, SIZE_MAX, "");
	text_distinct("event-to-object relations: ", &sn->ocel_e2o);
	printf(" (event type -> object type (qualifier))\n");
	text_rels(is, &sn->ocel_e2o, "event");
	if (sn->ocel_e2o_more > 0)
		printf("%10llu  more, not typed (past %d kept)\n",
		    (unsigned long long)sn->ocel_e2o_more, 1 << 20);
	text_distinct("object-to-object relations: ", &sn->ocel_o2o);
	printf(" (source type -> target type (qualifier))\n");
	text_rels(is, &sn->ocel_o2o, "object");
	sk = inspect_ocel_skeleton(sn);
	printf("a mapping to start from (docs/format.md#ocel):\n");
	for (line = strtok(sk, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		text_put(stdout, line);
		putchar('\n');
	}
	free(sk);
}

static void
print_text(const struct istate *is, const struct ifile *files, size_t nf,
    const struct expectations *e, char **missing, size_t nmissing)
{
	const struct inspect	*in = &is->in;
	const struct read_seen	*sn = &is->seen;
	char			 a[64], b[64];
	size_t			 i, journeys_read = 0;

	printf("files:\n");
	for (i = 0; i < nf; i++) {
		printf("  ");
		text_put(stdout, files[i].path);
		if (files[i].error != NULL && files[i].counted > 0)
			printf(": %s, not read to its end (the %llu journeys "
			    "before the error are counted)\n", files[i].format,
			    (unsigned long long)files[i].counted);
		else if (files[i].error != NULL)
			printf(": not read\n");
		else if (files[i].prof != NULL)
			printf(": csv, no mapping: %llu rows\n",
			    (unsigned long long)csvprof_rows(files[i].prof));
		else if (files[i].ocel_profile)
			printf(": ocel, no mapping: %llu events\n",
			    (unsigned long long)files[i].events);
		if (files[i].prof == NULL && !files[i].ocel_profile &&
		    (files[i].error == NULL || files[i].counted > 0))
			journeys_read++;
		if (files[i].error == NULL && files[i].prof == NULL &&
		    !files[i].ocel_profile) {
			printf(": %s, %llu journeys, %llu touchpoints",
			    files[i].format,
			    (unsigned long long)files[i].journeys,
			    (unsigned long long)files[i].touchpoints);
			if (files[i].events > 0)
				printf(", %llu events",
				    (unsigned long long)files[i].events);
			putchar('\n');
		}
	}
	if (journeys_read > 0) {
		printf("journeys: %llu", (unsigned long long)in->journeys);
		if (in->rejected > 0) {
			printf(" (%llu rejected:", (unsigned long long)
			    in->rejected);
			for (i = 0; i < in->nreasons; i++)
				printf("%s %llu %s", i > 0 ? "," : "",
				    (unsigned long long)in->reason_n[i],
				    in->reason[i]);
			if (in->reasons_more > 0)
				printf(", %llu other", (unsigned long long)
				    in->reasons_more);
			putchar(')');
		}
		printf("\ntouchpoints: %llu (%llu intervals, %llu open; "
		    "%llu with a promised time, %llu notified)\n",
		    (unsigned long long)in->touchpoints,
		    (unsigned long long)in->intervals,
		    (unsigned long long)in->open,
		    (unsigned long long)in->promised,
		    (unsigned long long)in->notified);
		if (in->first != MOT_TIME_NONE) {
			isotime_format(in->first, a, sizeof a);
			isotime_format(in->last, b, sizeof b);
			printf("time span: %s to %s\n", a, b);
		}
		printf("UTC offsets:");
		for (i = 0; i < sn->noffsets; i++) {
			offset_text(sn->offset[i], a, sizeof a);
			printf("%s %s %llu", i > 0 ? "," : "", a,
			    (unsigned long long)sn->offset_n[i]);
		}
		if (sn->offsets_more > 0)
			printf(", others %llu", (unsigned long long)
			    sn->offsets_more);
		if (sn->no_offset > 0) {
			printf("%s none %llu", sn->noffsets > 0 ? "," : "",
			    (unsigned long long)sn->no_offset);
			if (is->zone != NULL) {
				printf(" (read in ");
				text_put(stdout, is->zone);
				putchar(')');
			}
		} else if (sn->noffsets == 0)
			printf(" no times");
		putchar('\n');
		text_distinct("touchpoint names: ", &in->names);
		putchar('\n');
		text_values(is, &in->names, SHOW_NAMES, "");
		printf("journey attributes: %zu", in->keys.n);
		if (in->keys_more > 0)
			printf(" (and %llu values of keys past the first %d)",
			    (unsigned long long)in->keys_more,
			    INSPECT_KEYS_MAX);
		putchar('\n');
		text_attrs(is, in->attrs, in->keys.n, "journeys");
		for (i = 0; i < INSPECT_TP_N && in->tp[i].n == 0; i++)
			;
		printf("touchpoint attributes:%s\n", i == INSPECT_TP_N ?
		    " none" : "");
		text_attrs(is, in->tp, INSPECT_TP_N, "touchpoints");
		if (sn->event_keys.n > 0) {
			text_distinct("XES event attribute keys: ",
			    &sn->event_keys);
			putchar('\n');
			text_values(is, &sn->event_keys, SIZE_MAX, "");
			text_distinct("lifecycle:transition: ",
			    &sn->lifecycle);
			putchar('\n');
			text_values(is, &sn->lifecycle, SIZE_MAX, "");
		}
	}
	if (is->errors + is->warnings > 0) {
		printf("problems: %llu errors, %llu warnings (mot validate "
		    "lists them all); the first:\n",
		    (unsigned long long)is->errors,
		    (unsigned long long)is->warnings);
		for (i = 0; i < is->nproblems; i++) {
			printf("  ");
			text_put(stdout, is->problem[i]);
			putchar('\n');
		}
	}
	for (i = 0; i < nf; i++) {
		if (files[i].prof != NULL)
			text_csv(is, &files[i]);
	}
	if (sn->ocel)
		text_ocel(is);
	if (e != NULL && journeys_read > 0) {
		printf("expectations ");
		text_put(stdout, e->path);
		if (nmissing == 0)
			printf(": every touchpoint name it uses is in the "
			    "journeys\n");
		else
			printf(": %zu moments name a touchpoint no journey "
			    "has:\n",
			    nmissing);
		for (i = 0; i < nmissing; i++) {
			printf("  ");
			text_put(stdout, missing[i]);
			putchar('\n');
		}
	}
}

/* The values of a count as a JSON array of {value, count}, most frequent first. */
static void
json_values(const struct istate *is, const struct distinct *d, size_t max,
    int in, const char *key, const char *end)
{
	size_t		*idx, i, n, len;
	uint64_t	 count;
	const char	*v;

	n = shown(is, d, max, &idx);
	json_key(stdout, in, key);
	printf("[");
	for (i = 0; i < n; i++) {
		v = distinct_value(d, idx[i], &len, &count);
		printf("%s\n%*s{ \"value\": ", i > 0 ? "," : "", in + 2, "");
		json_string(stdout, v);
		printf(", \"count\": %llu }", (unsigned long long)count);
	}
	printf("%s%*s]%s\n", n > 0 ? "\n" : "", n > 0 ? in : 0, "", end);
	free(idx);
}

/* "key": { "distinct": n, "exact": b, "values": [...] } */
static void
json_count(const struct istate *is, const struct distinct *d, size_t max,
    int in, const char *key, const char *end)
{
	json_key(stdout, in, key);
	printf("{\n");
	json_u64(stdout, in + 2, "distinct", distinct_count(d), ",");
	json_bool(stdout, in + 2, "exact", distinct_is_exact(d), ",");
	json_values(is, d, max, in + 2, "values", "");
	printf("%*s}%s\n", in, "", end);
}

static void
json_attrs(const struct istate *is, const struct inspect_attr *a, size_t n,
    int in, const char *key, const char *end)
{
	size_t	i, shown = 0;

	json_key(stdout, in, key);
	printf("[");
	for (i = 0; i < n; i++) {
		if (a[i].n == 0)
			continue;
		printf("%s%*s{\n", shown++ > 0 ? ",\n" : "\n", in + 2, "");
		json_str(stdout, in + 4, "key", a[i].key, ",");
		json_u64(stdout, in + 4, "n", a[i].n, ",");
		json_count(is, &a[i].values, SHOW_VALUES, in + 4, "values",
		    "");
		printf("%*s}", in + 2, "");
	}
	printf("%s%*s]%s\n", shown > 0 ? "\n" : "", shown > 0 ? in : 0, "",
	    end);
}

static void
json_csv(const struct istate *is, const struct ifile *f, int in)
{
	const struct csvprof_col	*col;
	size_t				 i;
	char				*sk;

	printf("%*s\"csv_columns\": [\n", in, "");
	for (i = 0; i < csvprof_ncols(f->prof); i++) {
		col = csvprof_col(f->prof, i);
		printf("%s%*s{\n", i > 0 ? ",\n" : "", in + 2, "");
		json_str(stdout, in + 4, "name", col->name, ",");
		json_u64(stdout, in + 4, "values", col->values, ",");
		json_u64(stdout, in + 4, "missing", col->missing, ",");
		json_count(is, &col->distinct, 3, in + 4, "distinct_values",
		    ",");
		json_str(stdout, in + 4, "time_format", col->clock_only ?
		    NULL : col->time_format, ",");
		json_bool(stdout, in + 4, "time_offset", col->time_format !=
		    NULL && col->time_offset, ",");
		json_bool(stdout, in + 4, "day_month_ambiguous",
		    col->day_month_ambiguous, ",");
		json_bool(stdout, in + 4, "clock_only", col->clock_only, "");
		printf("%*s}", in + 2, "");
	}
	printf("%s%*s],\n", csvprof_ncols(f->prof) > 0 ? "\n" : "", in, "");
	sk = csvprof_skeleton(f->prof, f->delim);
	json_str(stdout, in, "suggested_mapping", sk, ",");
	free(sk);
}

static void
print_json(const struct istate *is, const struct ifile *files, size_t nf,
    const struct expectations *e, char **missing, size_t nmissing)
{
	const struct inspect	*in = &is->in;
	const struct read_seen	*sn = &is->seen;
	char			 a[64], *sk;
	size_t			 i;

	printf("{\n  \"files\": [\n");
	for (i = 0; i < nf; i++) {
		printf("%s    {\n", i > 0 ? ",\n" : "");
		json_str(stdout, 6, "path", files[i].path, ",");
		json_str(stdout, 6, "error", files[i].error, ",");
		json_str(stdout, 6, "format", files[i].error != NULL ? NULL :
		    files[i].format, ",");
		if (files[i].prof != NULL) {
			json_u64(stdout, 6, "rows", csvprof_rows(files[i].prof),
			    ",");
			json_csv(is, &files[i], 6);
		}
		json_u64(stdout, 6, "journeys", files[i].journeys, ",");
		json_u64(stdout, 6, "touchpoints", files[i].touchpoints, ",");
		json_u64(stdout, 6, "events", files[i].events, "");
		printf("    }");
	}
	printf("%s  ],\n", nf > 0 ? "\n" : "");
	json_u64(stdout, 2, "journeys", in->journeys, ",");
	json_u64(stdout, 2, "rejected", in->rejected, ",");
	json_key(stdout, 2, "rejected_by_reason");
	printf("{");
	for (i = 0; i < in->nreasons; i++) {
		printf("%s ", i > 0 ? "," : "");
		json_string(stdout, in->reason[i]);
		printf(": %llu", (unsigned long long)in->reason_n[i]);
	}
	printf(" },\n");
	json_u64(stdout, 2, "touchpoints", in->touchpoints, ",");
	json_u64(stdout, 2, "intervals", in->intervals, ",");
	json_u64(stdout, 2, "open", in->open, ",");
	json_u64(stdout, 2, "promised", in->promised, ",");
	json_u64(stdout, 2, "notified", in->notified, ",");
	isotime_format(in->first, a, sizeof a);
	json_str(stdout, 2, "first", in->first != MOT_TIME_NONE ? a : NULL,
	    ",");
	isotime_format(in->last, a, sizeof a);
	json_str(stdout, 2, "last", in->last != MOT_TIME_NONE ? a : NULL, ",");
	json_key(stdout, 2, "utc_offsets");
	printf("[");
	for (i = 0; i < sn->noffsets; i++) {
		offset_text(sn->offset[i], a, sizeof a);
		printf("%s\n    { \"offset\": \"%s\", \"times\": %llu }",
		    i > 0 ? "," : "", a, (unsigned long long)sn->offset_n[i]);
	}
	printf("%s],\n", sn->noffsets > 0 ? "\n  " : "");
	json_u64(stdout, 2, "times_other_offsets", sn->offsets_more, ",");
	json_u64(stdout, 2, "times_without_offset", sn->no_offset, ",");
	json_str(stdout, 2, "zone", is->zone, ",");
	json_count(is, &in->names, SHOW_NAMES, 2, "touchpoint_names", ",");
	json_attrs(is, in->attrs, in->keys.n, 2, "journey_attributes", ",");
	json_attrs(is, in->tp, INSPECT_TP_N, 2, "touchpoint_attributes", ",");
	json_count(is, &sn->event_keys, SIZE_MAX, 2, "xes_event_keys", ",");
	json_count(is, &sn->lifecycle, SIZE_MAX, 2, "xes_lifecycle", ",");
	json_count(is, &sn->ocel_otypes, SIZE_MAX, 2, "ocel_object_types", ",");
	json_count(is, &sn->ocel_etypes, SIZE_MAX, 2, "ocel_event_types", ",");
	json_count(is, &sn->ocel_e2o, SHOW_NAMES, 2, "ocel_event_relations",
	    ",");
	json_count(is, &sn->ocel_o2o, SHOW_NAMES, 2, "ocel_object_relations",
	    ",");
	if (sn->ocel) {
		sk = inspect_ocel_skeleton(sn);
		json_str(stdout, 2, "ocel_suggested_mapping", sk, ",");
		free(sk);
	} else
		json_str(stdout, 2, "ocel_suggested_mapping", NULL, ",");
	json_u64(stdout, 2, "errors", is->errors, ",");
	json_u64(stdout, 2, "warnings", is->warnings, ",");
	json_key(stdout, 2, "first_problems");
	printf("[");
	for (i = 0; i < is->nproblems; i++) {
		printf("%s\n    ", i > 0 ? "," : "");
		json_string(stdout, is->problem[i]);
	}
	printf("%s],\n", is->nproblems > 0 ? "\n  " : "");
	json_str(stdout, 2, "expectations", e != NULL ? e->path : NULL, ",");
	json_key(stdout, 2, "missing_names");
	printf("[");
	for (i = 0; i < nmissing; i++) {
		printf("%s\n    ", i > 0 ? "," : "");
		json_string(stdout, missing[i]);
	}
	printf("%s]\n}\n", nmissing > 0 ? "\n  " : "");
}

static const struct cmd_opt inspect_opts[] = {
	{ OPT_EXPECTATIONS, "list the touchpoint names it uses that no\n"
	    "journey has (and read CSV files by its\n<csv> mapping)" },
	{ OPT_JSON_OUT, NULL },
	{ OPT_ALL, NULL },
	{ OPT_ASSUME_ZONE, NULL },
	{ OPT_CLASSIFIER, NULL },
	{ OPT_FORMAT_IN, NULL },
	{ OPT_MEMORY, NULL },
	{ OPT_HELP, NULL },
	CMD_OPT_END
};

static int
cmd_inspect(int argc, char **argv)
{
	const struct cmd_entry	*c = &cmd_inspect_entry;
	struct read_opts	 ro;
	struct read_stats	 st;
	struct istate		 is;
	struct tz		*zone = NULL;
	struct expectations	*e = NULL;
	struct ifile		*files;
	struct opts		 opts;
	const char		*zname, *epath;
	char			*cause = NULL, **missing = NULL;
	int			 rc, frc, format_in;
	size_t			 i, nmissing = 0;
	uint64_t		 before;

	if ((rc = opts_parse(c, argc, argv, &opts)) != 0)
		return (rc == -1 ? 0 : rc);
	if ((rc = opts_format_in(c, &opts, &format_in)) != 0)
		return (rc);
	if (opts.noperands == 0)
		return (cmd_usage_error(c, "no file to inspect"));
	zname = opts_text(&opts, OPT_ASSUME_ZONE);
	if (zname != NULL && (zone = tz_load(zname, &cause)) == NULL) {
		errorf("%s", cause);
		free(cause);
		return (MOT_EXIT_USAGE);
	}
	if ((epath = opts_text(&opts, OPT_EXPECTATIONS)) != NULL &&
	    (rc = expect_load(epath, &e, &cause)) != 0) {
		errorf("%s", cause);
		free(cause);
		tz_free(zone);
		return (rc);
	}
	memset(&is, 0, sizeof is);
	inspect_init(&is.in);
	read_seen_init(&is.seen);
	is.all = opts_given(&opts, OPT_ALL);
	if (e != NULL) {
		agg_init(&is.agg, e, NULL);
		is.has_agg = 1;
	}
	files = xcalloc(opts.noperands, sizeof *files);
	for (i = 0; i < opts.noperands; i++) {
		files[i].path = opts.operands[i];
		memset(&ro, 0, sizeof ro);
		ro.format_in = format_in;
		ro.zone = zone;
		ro.memory = (size_t)opts_count(&opts, OPT_MEMORY);
		ro.problem = on_problem;
		ro.arg = &is;
		ro.seen = &is.seen;
		ro.classifier = opts_text(&opts, OPT_CLASSIFIER);
		if (e != NULL) {
			ro.names = &e->names;
			if (ro.classifier == NULL)
				ro.classifier = e->classifier;
			ro.csv = e->csv;
			ro.ocel = e->ocel;
		}
		if (strcmp(files[i].path, "-") != 0 &&
		    read_is_csv(files[i].path, &ro) && ro.csv == NULL) {
			files[i].format = "csv";
			frc = profile_csv(&files[i], format_in == READ_IN_TSV ||
			    read_name_is(files[i].path, ".tsv"));
		} else {
			if (ro.csv != NULL && ro.csv->zone != NULL &&
			    read_is_csv(files[i].path, &ro))
				is.zone = tz_name(ro.csv->zone);
			before = is.in.journeys;
			frc = read_file(files[i].path, &ro, on_journey, &st,
			    &files[i].error);
			files[i].counted = is.in.journeys - before;
			files[i].format = st.format;
			files[i].journeys = st.journeys;
			files[i].touchpoints = st.touchpoints;
			files[i].events = st.events + st.ocel_events;
			files[i].ocel_profile = strcmp(st.format, "ocel") == 0 &&
			    ro.ocel == NULL;
		}
		if (frc != 0) {
			/* Only what inspect.c was given counts. */
			files[i].journeys = files[i].counted;
			files[i].touchpoints = files[i].events = 0;
			if (files[i].error != NULL)
				errorf("%s", files[i].error);
			else
				files[i].error = xstrdup("not read");
			if (rc == 0 || frc == MOT_EXIT_NOINPUT)
				rc = frc;
		}
	}
	if (is.zone == NULL)
		is.zone = zname;
	if (e != NULL && is.in.journeys > is.in.rejected)
		missing = run_missing(e, &is.agg, "", &nmissing);
	if (opts_given(&opts, OPT_JSON_OUT))
		print_json(&is, files, opts.noperands, e, missing, nmissing);
	else
		print_text(&is, files, opts.noperands, e, missing, nmissing);
	xfree_strings(missing, nmissing);
	for (i = 0; i < opts.noperands; i++) {
		free(files[i].error);
		csvprof_free(files[i].prof);
	}
	free(files);
	for (i = 0; i < is.nproblems; i++)
		free(is.problem[i]);
	inspect_free(&is.in);
	read_seen_free(&is.seen);
	if (e != NULL) {
		agg_free(&is.agg);
		expect_free(e);
	}
	tz_free(zone);
	return (rc);
}

const struct cmd_entry cmd_inspect_entry = {
	"inspect", cmd_inspect,
	"inspect [-e EXPECTATIONS] [--json] [--all] FILE...",
	"Say what journey files hold, before expectations are written for\n"
	"them: each file's format, journeys and touchpoints, the touchpoint\n"
	"names with their counts (the first 50 by count, --all for every\n"
	"one), the journey and touchpoint attributes with their distinct\n"
	"values, the time span and the UTC offsets written; for XES, the event\n"
	"attribute keys and the lifecycle:transition values. A CSV file with no\n"
	"<csv> mapping has its columns described instead, with a mapping to\n"
	"start from. With -e, the touchpoint names the expectations use that\n"
	"no journey has, with the closest ones. Memory stays bounded: past\n"
	"10000 names or 1000 values of an attribute, counts are estimated.\n"
	"Exit status: 0 ok (rejected journeys and missing names are listed,\n"
	"not fatal), 65 a file that is not well-formed, 66 a file that cannot\n"
	"be opened, 78 a bad expectations file.\n",
	inspect_opts
};
