/*
 * inspect.c - the counts of mot inspect (docs/inspect.md), made from the
 * journeys as the readers give them: how many journeys, rejected ones by
 * reason, touchpoints and their shapes, the time span, the touchpoint names
 * and the journey and touchpoint attributes with their distinct values.
 * Memory is bounded whatever the input: distinct values are counted
 * exactly up to a limit and estimated beyond it (src/distinct.c), and
 * attribute keys past INSPECT_KEYS_MAX are only counted.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "inspect.h"
#include "read.h"
#include "xmalloc.h"

static const char *const tp_keys[INSPECT_TP_N] = {
	"channel", "actor", "team", "status"
};

void
inspect_init(struct inspect *in)
{
	size_t	i;

	memset(in, 0, sizeof *in);
	in->first = in->last = MOT_TIME_NONE;
	distinct_init(&in->names, INSPECT_NAMES_EXACT);
	strtab_init(&in->keys);
	for (i = 0; i < INSPECT_TP_N; i++) {
		in->tp[i].key = tp_keys[i];
		distinct_init(&in->tp[i].values, INSPECT_VALUES_EXACT);
	}
}

void
inspect_free(struct inspect *in)
{
	size_t	i;

	distinct_free(&in->names);
	for (i = 0; i < in->keys.n; i++)
		distinct_free(&in->attrs[i].values);
	free(in->attrs);
	strtab_free(&in->keys);
	for (i = 0; i < INSPECT_TP_N; i++)
		distinct_free(&in->tp[i].values);
}

static void
count_reason(struct inspect *in, const char *reason)
{
	size_t	i;

	for (i = 0; i < in->nreasons; i++) {
		if (strcmp(in->reason[i], reason) == 0) {
			in->reason_n[i]++;
			return;
		}
	}
	if (in->nreasons == INSPECT_REASONS) {
		in->reasons_more++;
		return;
	}
	in->reason[in->nreasons] = reason;
	in->reason_n[in->nreasons++] = 1;
}

static void
count_value(struct inspect_attr *a, const char *value)
{
	if (value == NULL)
		return;
	a->n++;
	distinct_add(&a->values, value, strlen(value));
}

static void
count_attr(struct inspect *in, const struct jattr *ja)
{
	size_t	len = strlen(ja->key), cap, k;
	long	i;

	if ((i = strtab_find(&in->keys, ja->key, len)) < 0) {
		if (in->keys.n == INSPECT_KEYS_MAX) {
			in->keys_more++;
			return;
		}
		cap = in->keys.cap;
		k = strtab_intern(&in->keys, ja->key, len);
		if (in->keys.cap != cap || in->attrs == NULL)
			in->attrs = xreallocarray(in->attrs, in->keys.cap,
			    sizeof *in->attrs);
		in->attrs[k].key = strtab_key(&in->keys, k);
		in->attrs[k].n = 0;
		distinct_init(&in->attrs[k].values, INSPECT_VALUES_EXACT);
		i = (long)k;
	}
	count_value(&in->attrs[i], ja->value);
}

static void
count_time(struct inspect *in, mot_time t)
{
	if (t == MOT_TIME_NONE)
		return;
	if (in->first == MOT_TIME_NONE || t < in->first)
		in->first = t;
	if (in->last == MOT_TIME_NONE || t > in->last)
		in->last = t;
}

void
inspect_journey(struct inspect *in, const struct journey *j)
{
	const struct touchpoint	*tp;
	size_t			 i;

	in->journeys++;
	if (j->reject != NULL) {
		in->rejected++;
		count_reason(in, j->reject);
		return;
	}
	for (i = 0; i < j->nattrs; i++)
		count_attr(in, &j->attrs[i]);
	for (i = 0; i < j->ntps; i++) {
		tp = &j->tps[i];
		in->touchpoints++;
		distinct_add(&in->names, tp->name, strlen(tp->name));
		if (tp->kind == TP_INTERVAL)
			in->intervals++;
		else if (tp->kind == TP_OPEN)
			in->open++;
		if (tp->promised != MOT_TIME_NONE)
			in->promised++;
		if (tp->notified != MOT_TIME_NONE)
			in->notified++;
		count_time(in, tp->start);
		count_time(in, tp->kind == TP_OPEN ? MOT_TIME_NONE : tp->end);
		count_value(&in->tp[INSPECT_TP_CHANNEL], tp->channel);
		count_value(&in->tp[INSPECT_TP_ACTOR], tp->actor);
		count_value(&in->tp[INSPECT_TP_TEAM], tp->team);
		count_value(&in->tp[INSPECT_TP_STATUS], tp->status);
	}
}

/* A value kept and its count, to sort. */
struct ranked {
	uint64_t	n;
	size_t		i;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->n != y->n)
		return (x->n > y->n ? -1 : 1);
	return (x->i < y->i ? -1 : x->i > y->i);
}

size_t
inspect_top(const struct distinct *d, size_t max, size_t *idx)
{
	struct ranked	*all;
	size_t		 i, len, n = distinct_kept(d);

	if (n == 0 || max == 0)
		return (0);
	all = xreallocarray(NULL, n, sizeof *all);
	for (i = 0; i < n; i++) {
		all[i].i = i;
		(void)distinct_value(d, i, &len, &all[i].n);
	}
	qsort(all, n, sizeof *all, ranked_cmp);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		idx[i] = all[i].i;
	free(all);
	return (n);
}

/* The three parts of a relation's key (a\x1fb\x1fq) in p[], NUL-terminated in buf. */
static int
rel_parts(const char *key, size_t len, char *buf, size_t size, char **p)
{
	char	*x;

	if (len + 1 > size)
		return (-1);
	memcpy(buf, key, len);
	buf[len] = '\0';
	p[0] = buf;
	if ((x = strchr(buf, '\x1f')) == NULL)
		return (-1);
	*x = '\0';
	p[1] = x + 1;
	if ((x = strchr(p[1], '\x1f')) == NULL)
		return (-1);
	*x = '\0';
	p[2] = x + 1;
	return (0);
}

/* XML attribute text, escaped, appended to *s. */
static void
cat_attr(char **s, const char *name, const char *v)
{
	char	*t, *e = NULL;
	size_t	 n = 0;
	FILE	*f;

	if ((f = open_memstream(&e, &n)) == NULL)
		xnomem(0);
	markup_text(f, v, MARKUP_XML);
	if (fclose(f) != 0)
		xnomem(n);
	t = xasprintf("%s %s=\"%s\"", *s, name, e);
	free(e);
	free(*s);
	*s = t;
}

/* The index of a value among those kept, or -1. */
static long
kept_index(const struct distinct *d, const char *v)
{
	return (strtab_find(&d->exact, v, strlen(v)));
}

char *
inspect_ocel_skeleton(const struct read_seen *sn)
{
	const struct distinct	*ot = &sn->ocel_otypes;
	char			 buf[1024], *p[3], *s, *t, *q;
	const struct distinct	*et;
	const char		*key, *best = NULL, *other;
	unsigned char		*own, *adj;
	size_t			 i, k, e, u, len, nt = distinct_kept(ot), ne;
	size_t			 nrel = 0, reach, bestn = 0, *out, bestout = 0;
	long			 tk, uk, ek;
	uint64_t		 n, bestobj = 0;
	struct {
		char	*type;
		char	*qual;		/* NULL: several */
	}			*rel = NULL;

	/*
	 * The journeys: the type whose objects, with those one relation away,
	 * the most event types relate to; then the one that relates to the
	 * most other types (an order has items and deliveries, a delivery
	 * has neither); then the one with the most objects.
	 */
	et = &sn->ocel_etypes;
	ne = distinct_kept(et);
	own = xcalloc(nt * ne + 1, 1);		/* own[t * ne + e] */
	adj = xcalloc(nt * nt + 1, 1);		/* adj[t * nt + u] */
	out = xcalloc(nt + 1, sizeof *out);
	for (i = 0; i < distinct_kept(&sn->ocel_e2o); i++) {
		key = distinct_value(&sn->ocel_e2o, i, &len, &n);
		if (rel_parts(key, len, buf, sizeof buf, p) == 0 &&
		    (tk = kept_index(ot, p[1])) >= 0 &&
		    (ek = kept_index(et, p[0])) >= 0)
			own[(size_t)tk * ne + (size_t)ek] = 1;
	}
	for (i = 0; i < distinct_kept(&sn->ocel_o2o); i++) {
		key = distinct_value(&sn->ocel_o2o, i, &len, &n);
		if (rel_parts(key, len, buf, sizeof buf, p) != 0 ||
		    (tk = kept_index(ot, p[0])) < 0 ||
		    (uk = kept_index(ot, p[1])) < 0 || tk == uk)
			continue;
		if (!adj[(size_t)tk * nt + (size_t)uk])
			out[tk]++;
		adj[(size_t)tk * nt + (size_t)uk] = 1;
		adj[(size_t)uk * nt + (size_t)tk] = 1;
	}
	for (k = 0; k < nt; k++) {
		reach = 0;
		for (e = 0; e < ne; e++) {
			for (u = 0; u < nt; u++)
				if ((u == k || adj[k * nt + u]) &&
				    own[u * ne + e])
					break;
			reach += u < nt;
		}
		(void)distinct_value(ot, k, &len, &n);
		if (best == NULL || reach > bestn || (reach == bestn &&
		    (out[k] > bestout || (out[k] == bestout && n > bestobj)))) {
			best = distinct_value(ot, k, &len, &n);
			bestn = reach;
			bestout = out[k];
			bestobj = n;
		}
	}
	free(own);
	free(adj);
	free(out);
	s = xstrdup("  <ocel");
	if (best == NULL) {
		t = xasprintf("%s object-type=\"TYPE\"> <!-- the log has no "
		    "object -->\n  </ocel>\n", s);
		free(s);
		return (t);
	}
	cat_attr(&s, "object-type", best);
	if (sn->no_offset > 0) {
		t = xasprintf("%s zone=\"UTC\">\n    <!-- the zone of times "
		    "without an offset: an IANA name -->\n", s);
	} else
		t = xasprintf("%s>\n", s);
	free(s);
	s = t;
	/* Its related types, each once: with its qualifier when only one. */
	for (i = 0; i < distinct_kept(&sn->ocel_o2o); i++) {
		key = distinct_value(&sn->ocel_o2o, i, &len, &n);
		if (rel_parts(key, len, buf, sizeof buf, p) != 0)
			continue;
		other = strcmp(p[0], best) == 0 ? p[1] : strcmp(p[1], best) ==
		    0 ? p[0] : NULL;
		if (other == NULL || strcmp(other, best) == 0 ||
		    strcmp(other, "?") == 0)
			continue;
		for (k = 0; k < nrel && strcmp(rel[k].type, other) != 0; k++)
			;
		if (k == nrel) {
			rel = xreallocarray(rel, nrel + 1, sizeof *rel);
			rel[nrel].type = xstrdup(other);
			rel[nrel++].qual = xstrdup(p[2]);
		} else if (rel[k].qual != NULL && strcmp(rel[k].qual, p[2]) != 0) {
			free(rel[k].qual);
			rel[k].qual = NULL;	/* several: any */
		}
	}
	for (k = 0; k < nrel; k++) {
		t = xstrdup("    <include");
		cat_attr(&t, "object-type", rel[k].type);
		if (rel[k].qual != NULL && *rel[k].qual != '\0')
			cat_attr(&t, "qualifier", rel[k].qual);
		q = xasprintf("%s%s/>\n", s, t);
		free(s);
		free(t);
		s = q;
		free(rel[k].type);
		free(rel[k].qual);
	}
	free(rel);
	t = xasprintf("%s  </ocel>\n", s);
	free(s);
	return (t);
}
