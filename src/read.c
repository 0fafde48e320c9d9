/*
 * read.c - reads journeys from a file, whatever its format: the root
 * element says which (<journeys> for mot's own, <log> for XES), and the
 * format's handlers build one journey at a time in a reusable struct
 * journey, which is checked, ordered by time, handed to the caller and
 * reset. Memory is that of the largest journey, not of the file.
 */
#include <config.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "read-int.h"
#include "xmalloc.h"

static void
rd_vproblem(struct xmlin *x, struct rd *r, unsigned long line, int error,
    const char *reason, const char *fmt, va_list ap)
{
	char	msg[600];

	if (!error && r->o->problem == NULL)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (error && r->in_journey)
		journey_reject(r->j, line, reason, "%s", msg);
	if (r->o->problem != NULL)
		r->o->problem(r->o->arg, xmlin_path(x), line, error, msg);
}

void
rd_problem(struct xmlin *x, struct rd *r, int error, const char *reason,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rd_vproblem(x, r, xmlin_line(x), error, reason, fmt, ap);
	va_end(ap);
}

void
rd_problem_at(struct xmlin *x, struct rd *r, unsigned long line, int error,
    const char *reason, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rd_vproblem(x, r, line, error, reason, fmt, ap);
	va_end(ap);
}

char *
rd_dup(struct rd *r, const struct xattr *a)
{
	return (arena_strndup(&r->j->arena, a->value, XATTR_LEN(a)));
}

int
rd_full(struct xmlin *x, struct rd *r, int over)
{
	char	what[64];

	if (r->too_big)
		return (1);
	if (over == FULL_EVENTS)
		snprintf(what, sizeof what, "%d events", READ_MAX_TOUCHPOINTS);
	else if (over == FULL_ITEMS)
		snprintf(what, sizeof what, "%d attribute elements",
		    READ_MAX_ITEMS);
	else if (over == FULL_JATTRS)
		snprintf(what, sizeof what, "%d attributes", READ_MAX_JATTRS);
	else if (r->j->ntps >= READ_MAX_TOUCHPOINTS)
		snprintf(what, sizeof what, "%d touchpoints",
		    READ_MAX_TOUCHPOINTS);
	else if (r->j->arena.used >= READ_MAX_BYTES)
		snprintf(what, sizeof what, "%d MiB of text",
		    READ_MAX_BYTES >> 20);
	else
		return (0);
	r->too_big = 1;
	rd_problem(x, r, 1, "too large", "journey too large: more than %s; "
	    "the rest of it is skipped", what);
	return (1);
}

void
rd_begin_journey(struct xmlin *x, struct rd *r)
{
	journey_reset(r->j);
	r->too_big = 0;
	r->in_journey = 1;
	r->seen_outcome = 0;
	r->j->file = xmlin_path(x);
	r->j->line = xmlin_line(x);
}

/*
 * Duplicate journey ids. Each read keeps the 64-bit hashes of the ids it
 * sees in a set of its own and adds that set to the caller's only if it
 * succeeds, so a read that failed (a piece of a file read again whole)
 * counts nothing. A set keeps its distinct hashes sorted: duplicates are
 * the ids added less the distinct ones, whatever the order of files,
 * pieces and threads. Past READ_IDS_MAX distinct ids a set stops and says
 * so; a set that is over makes any set it is added to over.
 */
struct read_ids {
	pthread_mutex_t	 lock;
	uint64_t	*v;		/* sorted, distinct */
	size_t		 n;
	uint64_t	*pend;		/* added, not merged yet */
	size_t		 npend, pendcap;
	uint64_t	 added;
	int		 over;		/* past READ_IDS_MAX */
};

/* Hashes a set takes before it sorts them into its distinct ones. */
#define IDS_PEND_MAX	65536

/* FNV-1a, then a finaliser that spreads every bit. */
static uint64_t
id_hash(const char *s)
{
	uint64_t	h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (h);
}

/*
 * Sort n hashes: least significant digit first, six digits of 11 bits,
 * with every digit's counts taken in one pass.
 */
#define ID_DIGIT	11
#define ID_DIGITS	6
#define ID_RADIX	(1 << ID_DIGIT)

static void
u64_sort(uint64_t *v, size_t n, uint64_t *tmp)
{
	size_t		(*count)[ID_RADIX];
	uint64_t	*from = v, *to = tmp, *t;
	size_t		 i, sum, c;
	int		 d;

	count = xcalloc(ID_DIGITS, sizeof *count);
	for (i = 0; i < n; i++) {
		for (d = 0; d < ID_DIGITS; d++)
			count[d][v[i] >> (d * ID_DIGIT) & (ID_RADIX - 1)]++;
	}
	for (d = 0; d < ID_DIGITS; d++) {
		for (i = sum = 0; i < ID_RADIX; i++) {
			c = count[d][i];
			count[d][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[d][from[i] >> (d * ID_DIGIT) &
			    (ID_RADIX - 1)]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* An even number of passes: the sorted hashes are back in v. */
	free(count);
}

/* A set is past READ_IDS_MAX: it keeps nothing more. */
static void
ids_over(struct read_ids *s)
{
	s->over = 1;
	free(s->v);
	free(s->pend);
	s->v = s->pend = NULL;
	s->n = s->npend = s->pendcap = 0;
}

/* Add m sorted, distinct hashes to the set's distinct ones. */
static void
ids_union(struct read_ids *s, const uint64_t *w, size_t m)
{
	uint64_t	*out;
	size_t		 i, j, k;

	if (s->over || m == 0)
		return;
	out = xreallocarray(NULL, s->n + m, sizeof *out);
	for (i = j = k = 0; i < s->n || j < m; ) {
		if (j == m || (i < s->n && s->v[i] < w[j]))
			out[k++] = s->v[i++];
		else if (i == s->n || w[j] < s->v[i])
			out[k++] = w[j++];
		else {
			out[k++] = s->v[i++];
			j++;
		}
	}
	free(s->v);
	s->v = out;
	s->n = k;
	if (s->n > READ_IDS_MAX)
		ids_over(s);
}

/* Merge the pending hashes into the sorted set. */
static void
ids_merge(struct read_ids *s)
{
	uint64_t	*tmp;
	size_t		 i, m;

	if (s->over || s->npend == 0)
		return;
	tmp = xreallocarray(NULL, s->npend, sizeof *tmp);
	u64_sort(s->pend, s->npend, tmp);
	free(tmp);
	for (i = m = 0; i < s->npend; i++) {
		if (m == 0 || s->pend[m - 1] != s->pend[i])
			s->pend[m++] = s->pend[i];
	}
	s->npend = 0;
	ids_union(s, s->pend, m);
}

/* Add one id to a read's own set (one thread's: no lock). */
static void
ids_add(struct read_ids *s, const char *id)
{
	s->added++;
	if (s->over)
		return;
	if (s->npend == s->pendcap) {
		if (s->pendcap < IDS_PEND_MAX) {
			s->pendcap = s->pendcap == 0 ? 1024 : s->pendcap * 2;
			s->pend = xreallocarray(s->pend, s->pendcap,
			    sizeof *s->pend);
		} else {
			ids_merge(s);
			if (s->over)
				return;
		}
	}
	s->pend[s->npend++] = id_hash(id);
}

struct read_ids *
read_ids_new(void)
{
	struct read_ids	*s;

	s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	return (s);
}

void
read_ids_add(struct read_ids *to, struct read_ids *from)
{
	ids_merge(from);
	pthread_mutex_lock(&to->lock);
	to->added += from->added;
	if (from->over)
		ids_over(to);
	else
		ids_union(to, from->v, from->n);
	pthread_mutex_unlock(&to->lock);
}

int64_t
read_ids_duplicates(struct read_ids *s)
{
	int64_t	dups;

	pthread_mutex_lock(&s->lock);
	ids_merge(s);
	dups = s->over ? -1 : (int64_t)(s->added - s->n);
	pthread_mutex_unlock(&s->lock);
	return (dups);
}

void
read_ids_free(struct read_ids *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->lock);
	free(s->v);
	free(s->pend);
	free(s);
}

/* Fill an outcome value from the attribute the expectations map it to. */
static void
map_outcome(struct xmlin *x, struct rd *r, const char *what,
    const char *key, int lo, int hi, int *out)
{
	const char	*v;
	double		 d;

	if (key == NULL || *out != -1)
		return;
	if ((v = journey_attr(r->j, key)) == NULL && r->xes != NULL)
		v = xes_event_value(r, key);
	if (v == NULL || *v == '\0')
		return;
	/* Exports write 7, 7.0 or true: accept any integral number. */
	if (strcmp(v, "true") == 0)
		d = 1;
	else if (strcmp(v, "false") == 0)
		d = 0;
	else if (parse_number(v, strlen(v), &d) != 0 || d != (double)(long)d)
		d = -1e9;
	if (d < lo || d > hi) {
		journey_reject(r->j, r->j->line, "bad outcome",
		    "%s from attribute %s=\"%.60s\": expected a whole number "
		    "from %d to %d", what, key, v, lo, hi);
		return;
	}
	*out = (int)d;
}

void
rd_end_journey(struct xmlin *x, struct rd *r)
{
	const struct outcome_map	*om = r->o->outcome;

	r->in_journey = 0;
	r->st->journeys++;
	if (om != NULL && r->j->reject == NULL) {
		map_outcome(x, r, "nps", om->nps, 0, 10, &r->j->outcome.nps);
		map_outcome(x, r, "csat", om->csat, 1, 5, &r->j->outcome.csat);
		map_outcome(x, r, "ces", om->ces, 1, 7, &r->j->outcome.ces);
		map_outcome(x, r, "churn", om->churn, 0, 1,
		    &r->j->outcome.churn);
	}
	if (r->j->reject == NULL)
		journey_sort(r->j);
	if (r->ids != NULL && r->j->id != NULL)
		ids_add(r->ids, r->j->id);
	/*
	 * A rejected or large journey goes at once, with those before it, so
	 * that --strict stops where it did and big buffers are not kept.
	 */
	r->nready++;
	if (r->nready == READ_BATCH ||
	    r->j->reject != NULL || r->j->ntps > BATCH_TPS_MAX ||
	    r->j->arena.used > BATCH_BYTES_MAX)
		rd_flush(x, r);
	else
		r->j = &r->batch[r->nready];
}

void
rd_flush(struct xmlin *x, struct rd *r)
{
	char	*cause = NULL;
	size_t	 i, n = r->nready;
	int	 rc;

	r->nready = 0;
	r->j = &r->batch[0];
	for (i = 0; i < n; i++) {
		if ((rc = r->fn(&r->batch[i], r->o->arg, &cause)) != 0) {
			xmlin_abort(x, rc, cause);
			break;
		}
	}
	for (i = 1; i < n; i++) {	/* only the first keeps large buffers */
		if (r->batch[i].tps_cap > BATCH_TPS_MAX) {
			journey_free(&r->batch[i]);
			journey_init(&r->batch[i]);
		}
	}
}

/* The root element tells the format; its handlers take every element after it. */
static void
r_root(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct rd	*r = ud;

	if (strcmp(name, "journeys") == 0 && uri == NULL) {
		r->st->format = "journeys";
		xmlin_set_ops(x, &journeys_ops);
		journeys_root(x, r, a, n);
	} else if (strcmp(name, "log") == 0) {
		r->st->format = "xes";
		xmlin_set_ops(x, &xes_ops);
		xes_begin(x, r, a, n);
	} else
		xmlin_fail(x, MOT_EXIT_DATAERR, "expected <journeys> or an XES "
		    "<log> as the root element, found <%s>", name);
}

/* Not called: the root's end goes to the format's handler. */
static void
r_root_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
}

static const struct xmlin_ops read_ops = { r_root, r_root_end };

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
	size_t		i;
	int		rc;

	memset(&r, 0, sizeof r);
	memset(st, 0, sizeof *st);
	r.o = o;
	r.fn = fn;
	r.st = st;
	st->format = "unknown";
	for (i = 0; i < READ_BATCH; i++)
		journey_init(&r.batch[i]);
	/*
	 * Journeys go in batches, in both formats: a journey's strings are in
	 * its own arena, or (XES keys and globals) in the reader's, never in
	 * the parser's buffers.
	 */
	r.j = &r.batch[0];
	if (o->ids != NULL)
		r.ids = read_ids_new();
	rc = xmlin_parse_range(path, range, &read_ops, &r, &st->io, cause);
	if (rc == 0 && r.ids != NULL)
		read_ids_add(o->ids, r.ids);
	read_ids_free(r.ids);
	xes_free(&r);
	for (i = 0; i < READ_BATCH; i++)
		journey_free(&r.batch[i]);
	return (rc);
}
