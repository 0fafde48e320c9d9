/*
 * expect.c - reads the expectations file (streaming, through xmlin) into
 * moments with their zones of tolerance. Every mistake stops the load with
 * file:line: a typo in an attribute name is an error, not a silent default.
 */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "expect.h"
#include "xmalloc.h"
#include "xmlin.h"

struct eparse {
	struct expectations	*e;
	int			 seen_xes;
	int			 seen_outcome;
	expect_problem_fn	 report;	/* collect every problem */
	void			*arg;
	int			 errors;
	int			 depth;
	size_t			 cap;
	int			 seen_scoring;
};

static const char *const root_attrs[] = { "version", NULL };
static const char *const scoring_attrs[] = {
	"desired-score", "early-bonus", "loss-span", NULL
};
static const char *const moment_attrs[] = {
	"id", "name", "stage", "from", "to", "touchpoint", "desired",
	"adequate", "objective", "promised-by", NULL
};
static const char *const xes_attrs[] = { "classifier", NULL };
static const char *const outcome_attrs[] = {
	"nps", "csat", "ces", "churn", NULL
};

/* A mistake: stop the load, or report it and go on when collecting. */
static void
efail(struct xmlin *x, struct eparse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->errors++;
	if (p->report != NULL)
		p->report(p->arg, xmlin_path(x), xmlin_line(x), 1, msg);
	else
		xmlin_fail(x, MOT_EXIT_CONFIG, "%s", msg);
	free(msg);
}

static char *
attr_dup(const struct xattr *a)
{
	return (xstrndup(a->value, a->len));
}

static int
check_unknown(struct xmlin *x, struct eparse *p, const char *elem, const struct xattr *a,
    int n, const char *const *known)
{
	const struct xattr	*bad;
	char			 list[256];

	if ((bad = xattr_unknown(a, n, known)) == NULL)
		return (0);
	xattr_names(known, list, sizeof list);
	efail(x, p,
	    "unknown attribute '%s' on <%s> (expected one of: %s)",
	    bad->name, elem, list);
	return (-1);
}

static int
valid_id(const char *s, size_t len)
{
	size_t	i;

	if (len == 0)
		return (0);
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '.' || s[i] == '-'))
			return (0);
	}
	return (1);
}

static void
parse_scoring(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	struct score_params	*sp = &p->e->params;
	const struct xattr	*v;

	if (p->seen_scoring++) {
		efail(x, p, "more than one <scoring>");
		return;
	}
	if (check_unknown(x, p, "scoring", a, n, scoring_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "desired-score")) != NULL &&
	    (parse_number(v->value, v->len, &sp->desired_score) != 0 ||
	    sp->desired_score < 0 || sp->desired_score > 1)) {
		efail(x, p,
		    "desired-score must be a number from 0 to 1");
		return;
	}
	if ((v = xattr_get(a, n, "early-bonus")) != NULL &&
	    (parse_number(v->value, v->len, &sp->early_bonus) != 0 ||
	    sp->early_bonus < 0)) {
		efail(x, p,
		    "early-bonus must be a number of at least 0");
		return;
	}
	if (sp->desired_score + sp->early_bonus > 1.0 + 1e-12) {
		efail(x, p,
		    "desired-score + early-bonus must not exceed 1");
		return;
	}
	if ((v = xattr_get(a, n, "loss-span")) != NULL &&
	    (parse_number(v->value, v->len, &sp->loss_span) != 0 ||
	    sp->loss_span <= 0)) {
		efail(x, p,
		    "loss-span must be a number greater than 0");
		return;
	}
}

static int
parse_endpoint(struct xmlin *x, struct eparse *p, const char *what,
    const struct xattr *v, struct endpoint *ep)
{
	if (v->len == 0 || (v->value[0] == '@' && v->len == 1)) {
		efail(x, p, "empty %s", what);
		return (-1);
	}
	if (v->value[0] == '@') {
		ep->is_attr = 1;
		ep->name = xstrndup(v->value + 1, v->len - 1);
		ep->ref = -1;
	} else {
		ep->is_attr = 0;
		ep->name = attr_dup(v);
		ep->ref = (int)strtab_intern(&p->e->names, v->value, v->len);
	}
	return (0);
}

static int
parse_duration_attr(struct xmlin *x, struct eparse *p, const char *what, const struct xattr *a,
    int n, struct mot_duration *d)
{
	const struct xattr	*v;
	const char		*why;

	if ((v = xattr_get(a, n, what)) == NULL) {
		efail(x, p, "<moment> needs %s="
		    "\"ISO 8601 duration\" (for example PT15M)", what);
		return (-1);
	}
	if (isodur_parse(v->value, v->len, d, &why) != 0) {
		efail(x, p, "%s=\"%.*s\": %s", what,
		    (int)(v->len > 64 ? 64 : v->len), v->value, why);
		return (-1);
	}
	return (0);
}

static void
parse_moment(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	struct expectations	*e = p->e;
	struct moment		*m;
	const struct xattr	*id, *v, *from, *to, *tp;
	size_t			 i;

	if (check_unknown(x, p, "moment", a, n, moment_attrs) != 0)
		return;
	if ((id = xattr_get(a, n, "id")) == NULL) {
		efail(x, p, "<moment> needs an id");
		return;
	}
	if (!valid_id(id->value, id->len)) {
		efail(x, p, "moment id \"%.*s\" must be "
		    "letters, digits, '_', '.' or '-'",
		    (int)(id->len > 64 ? 64 : id->len), id->value);
		return;
	}
	for (i = 0; i < e->nmoments; i++) {
		if (xattr_is(id, e->moments[i].id)) {
			efail(x, p, "duplicate moment id "
			    "\"%s\" (first at line %lu)", e->moments[i].id,
			    e->moments[i].line);
			return;
		}
	}
	if (e->nmoments == p->cap) {
		p->cap = p->cap == 0 ? 8 : p->cap * 2;
		e->moments = xreallocarray(e->moments, p->cap,
		    sizeof *e->moments);
	}
	m = &e->moments[e->nmoments++];
	memset(m, 0, sizeof *m);
	m->line = xmlin_line(x);
	m->objective = -1;
	m->id = attr_dup(id);
	v = xattr_get(a, n, "name");
	m->name = v != NULL ? attr_dup(v) : xstrdup(m->id);
	v = xattr_get(a, n, "stage");
	m->stage = v != NULL ? attr_dup(v) : xstrdup("");
	m->from.ref = m->to.ref = -1;

	from = xattr_get(a, n, "from");
	to = xattr_get(a, n, "to");
	tp = xattr_get(a, n, "touchpoint");
	if (tp != NULL && (from != NULL || to != NULL)) {
		efail(x, p, "moment \"%s\": give either "
		    "touchpoint= or from= and to=, not both", m->id);
		return;
	}
	if (tp != NULL) {
		m->span = 1;
		if (tp->len > 0 && tp->value[0] == '@') {
			efail(x, p, "moment \"%s\": "
			    "touchpoint= names a touchpoint, not an "
			    "attribute", m->id);
			return;
		}
		if (parse_endpoint(x, p, "touchpoint", tp, &m->from) != 0)
			return;
	} else if (from == NULL || to == NULL) {
		efail(x, p, "moment \"%s\" needs from= and "
		    "to= (touchpoint names or @attributes), or touchpoint=",
		    m->id);
		return;
	} else if (parse_endpoint(x, p, "from", from, &m->from) != 0 ||
	    parse_endpoint(x, p, "to", to, &m->to) != 0)
		return;

	if (parse_duration_attr(x, p, "desired", a, n, &m->desired) != 0 ||
	    parse_duration_attr(x, p, "adequate", a, n, &m->adequate) != 0)
		return;
	if (m->adequate.us <= 0) {
		efail(x, p, "moment \"%s\": adequate must "
		    "be longer than zero", m->id);
		return;
	}
	if (m->desired.us > m->adequate.us) {
		efail(x, p, "moment \"%s\": desired must "
		    "not be longer than adequate", m->id);
		return;
	}
	if ((v = xattr_get(a, n, "promised-by")) != NULL) {
		if (v->len < 2 || v->value[0] != '@') {
			efail(x, p, "moment \"%s\": promised-by names a journey "
			    "attribute holding the promised time: "
			    "promised-by=\"@deadline\"", m->id);
			return;
		}
		m->promised_by = xstrndup(v->value + 1, v->len - 1);
	}
	if ((v = xattr_get(a, n, "objective")) != NULL &&
	    (parse_number(v->value, v->len, &m->objective) != 0 ||
	    m->objective <= 0 || m->objective > 1)) {
		efail(x, p, "moment \"%s\": objective must "
		    "be a share greater than 0 and at most 1 (0.95 for 95%%)",
		    m->id);
		return;
	}
}

static void
parse_xes(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	const struct xattr	*v;

	if (p->seen_xes++) {
		efail(x, p, "more than one <xes>");
		return;
	}
	if (check_unknown(x, p, "xes", a, n, xes_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "classifier")) == NULL || v->len == 0) {
		efail(x, p, "<xes> needs classifier=\"KEY ...\" (for example "
		    "\"concept:name lifecycle:transition\")");
		return;
	}
	p->e->classifier = attr_dup(v);
}

static void
parse_outcome(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	struct outcome_map	*om = &p->e->outcome;
	const struct xattr	*v;
	char			**slot[4];
	size_t			 i;

	if (p->seen_outcome++) {
		efail(x, p, "more than one <outcome>");
		return;
	}
	if (check_unknown(x, p, "outcome", a, n, outcome_attrs) != 0)
		return;
	slot[0] = &om->nps;
	slot[1] = &om->csat;
	slot[2] = &om->ces;
	slot[3] = &om->churn;
	for (i = 0; i < 4; i++) {
		if ((v = xattr_get(a, n, outcome_attrs[i])) == NULL)
			continue;
		if (v->len < 2 || v->value[0] != '@') {
			efail(x, p, "<outcome> %s= names the attribute that "
			    "holds it: %s=\"@survey_%s\"", outcome_attrs[i],
			    outcome_attrs[i], outcome_attrs[i]);
			return;
		}
		*slot[i] = xstrndup(v->value + 1, v->len - 1);
	}
}

static void
e_start(struct xmlin *x, void *ud, const char *name, const char *uri,
    const struct xattr *a, int n)
{
	struct eparse		*p = ud;
	const struct xattr	*v;

	p->depth++;
	if (p->depth == 1) {
		if (strcmp(name, "expectations") != 0 || uri != NULL) {
			efail(x, p, "expected an "
			    "<expectations> file, found <%s>", name);
			return;
		}
		if (check_unknown(x, p, "expectations", a, n, root_attrs) != 0)
			return;
		if ((v = xattr_get(a, n, "version")) == NULL ||
		    !xattr_is(v, "1")) {
			efail(x, p, "<expectations> needs "
			    "version=\"1\"");
			return;
		}
		return;
	}
	if (p->depth > 2) {
		efail(x, p, "unexpected element <%s> "
		    "inside a <moment> or <scoring>", name);
		return;
	}
	if (uri == NULL && strcmp(name, "moment") == 0)
		parse_moment(x, p, a, n);
	else if (uri == NULL && strcmp(name, "scoring") == 0)
		parse_scoring(x, p, a, n);
	else if (uri == NULL && strcmp(name, "xes") == 0)
		parse_xes(x, p, a, n);
	else if (uri == NULL && strcmp(name, "outcome") == 0)
		parse_outcome(x, p, a, n);
	else
		efail(x, p, "unknown element <%s> in <expectations> "
		    "(expected <moment>, <scoring>, <xes> or <outcome>)", name);
}

static void
e_end(struct xmlin *x, void *ud, const char *name, const char *uri)
{
	struct eparse	*p = ud;

	p->depth--;
}

static const struct xmlin_ops expect_ops = { e_start, e_end };

/* A canonical text of what changes results, so that comments and layout do not. */
static uint64_t
expect_hash(const struct expectations *e)
{
	const struct moment	*m;
	char			*s, *t;
	size_t			 i;
	uint64_t		 h;

	s = xasprintf("mot-expectations-1|%.17g|%.17g|%.17g",
	    e->params.desired_score, e->params.early_bonus,
	    e->params.loss_span);
	for (i = 0; i < e->nmoments; i++) {
		m = &e->moments[i];
		t = xasprintf("%s\n%s|%d|%s%s|%s%s|%" PRId64 "|%" PRId64
		    "|%.17g|%s", s, m->id, m->span, m->from.is_attr ? "@" : "",
		    m->from.name, m->to.is_attr ? "@" : "",
		    m->to.name != NULL ? m->to.name : "", m->desired.us,
		    m->adequate.us, m->objective,
		    m->promised_by != NULL ? m->promised_by : "");
		free(s);
		s = t;
	}
	t = xasprintf("%s\nxes|%s\noutcome|%s|%s|%s|%s", s,
	    e->classifier != NULL ? e->classifier : "",
	    e->outcome.nps != NULL ? e->outcome.nps : "",
	    e->outcome.csat != NULL ? e->outcome.csat : "",
	    e->outcome.ces != NULL ? e->outcome.ces : "",
	    e->outcome.churn != NULL ? e->outcome.churn : "");
	free(s);
	s = t;
	h = hash_bytes(s, strlen(s));
	free(s);
	return (h);
}

/* Parse into a new expectations; the caller checks rc and p->errors. */
static int
expect_parse(const char *path, struct eparse *p, struct expectations **out,
    char **cause)
{
	struct expectations	*e;
	struct xmlin_stats	 st;
	int			 rc;

	e = xcalloc(1, sizeof *e);
	e->path = xstrdup(path);
	score_params_default(&e->params);
	strtab_init(&e->names);
	p->e = e;
	rc = xmlin_parse(path, &expect_ops, p, &st, cause);
	*out = e;
	return (rc);
}

int
expect_check(const char *path, expect_problem_fn report, void *arg,
    int *errors, char **cause)
{
	struct expectations	*e;
	struct eparse		 p;
	int			 rc;

	memset(&p, 0, sizeof p);
	p.report = report;
	p.arg = arg;
	rc = expect_parse(path, &p, &e, cause);
	if (rc == 0 && e->nmoments == 0 && p.errors == 0) {
		report(arg, path, 0, 1, "no <moment> defined");
		p.errors++;
	}
	expect_free(e);
	*errors = p.errors;
	return (rc == MOT_EXIT_DATAERR ? MOT_EXIT_CONFIG : rc);
}

int
expect_load(const char *path, struct expectations **out, char **cause)
{
	struct expectations	*e;
	struct eparse		 p;
	int			 rc;

	memset(&p, 0, sizeof p);
	rc = expect_parse(path, &p, &e, cause);
	if (rc == 0 && e->nmoments == 0) {
		*cause = xasprintf("%s: no <moment> defined", path);
		rc = MOT_EXIT_CONFIG;
	}
	if (rc != 0) {
		expect_free(e);
		*out = NULL;
		return (rc == MOT_EXIT_DATAERR ? MOT_EXIT_CONFIG : rc);
	}
	e->hash = expect_hash(e);
	*out = e;
	return (0);
}

void
expect_free(struct expectations *e)
{
	size_t	i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nmoments; i++) {
		free(e->moments[i].id);
		free(e->moments[i].name);
		free(e->moments[i].stage);
		free(e->moments[i].from.name);
		free(e->moments[i].to.name);
		free(e->moments[i].promised_by);
	}
	free(e->classifier);
	free(e->outcome.nps);
	free(e->outcome.csat);
	free(e->outcome.ces);
	free(e->outcome.churn);
	free(e->moments);
	strtab_free(&e->names);
	free(e->path);
	free(e);
}
