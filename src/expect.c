/*
 * expect.c - reads the expectations file (streaming, through xmlin) into
 * moments with their zones of tolerance. Every mistake stops the load with
 * file:line: a typo in an attribute name is an error, not a silent default.
 * Ids are looked up in string tables, and the hash's text is built in one
 * growing buffer, so that the time grows with the file's size, not with
 * its square.
 */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvmap.h"
#include "exitcode.h"
#include "expect.h"
#include "ocelmap.h"
#include "tz.h"
#include "xmalloc.h"
#include "xmlin.h"

struct eparse {
	struct expectations	*e;
	int			 seen_xes;
	int			 seen_csv;
	int			 in_csv;	/* reading <csv>'s children */
	int			 seen_ocel;
	int			 in_ocel;	/* reading <ocel>'s children */
	int			 seen_outcome;
	int			 seen_recovery;
	int			 seen_effort;
	int			 cur_moment;	/* -1, or the moment being read */
	int			 cur_cal;	/* -1, or the calendar being read */
	struct strtab		 recovery;	/* names, resolved at the end */
	struct strtab		 contacts;
	struct strtab		 moment_ids;	/* index: the moment's */
	struct strtab		 calendar_ids;	/* index: the calendar's */
	expect_problem_fn	 report;	/* collect every problem */
	void			*arg;
	int			 errors;
	size_t			 cap;		/* of e->moments */
	size_t			 cal_cap;	/* of e->calendars */
	size_t			 pause_cap;	/* of the moment's pauses */
	int			 seen_scoring;
};

static const char *const root_attrs[] = { "version", "title", NULL };
static const char *const moment_attrs[] = {
	"id", "name", "stage", "from", "to", "touchpoint", "desired",
	"adequate", "objective", "promised-by", "calendar", "ends", "repeat",
	NULL
};
static const char *const xes_attrs[] = { "classifier", NULL };
static const char *const calendar_attrs[] = { "id", "zone", NULL };
static const char *const hours_attrs[] = { "days", "from", "to", NULL };
static const char *const holiday_attrs[] = { "date", NULL };
static const char *const pause_attrs[] = { "touchpoint", NULL };
static const char *const customer_attrs[] = {
	"desired", "adequate", "source", NULL
};
static const char *const recovery_attrs[] = { "touchpoints", "window", NULL };
static const char *const effort_attrs[] = { "contacts", NULL };
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

/* Room for one more of n elements of size bytes: the array, grown by doubling. */
static void *
grow(void *a, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return (a);
	*cap = *cap == 0 ? 8 : *cap * 2;
	return (xreallocarray(a, *cap, size));
}

static char *
attr_dup(const struct xattr *a)
{
	return (xstrndup(a->value, XATTR_LEN(a)));
}

static int
check_unknown(struct xmlin *x, struct eparse *p, const char *elem, const struct xattr *a,
    int n, const char *const *known)
{
	char	*msg;

	if ((msg = xattr_check(elem, a, n, known)) == NULL)
		return (0);
	efail(x, p, "%s", msg);
	free(msg);
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
	struct score_params		*sp = &p->e->params;
	const struct score_param_def	*d;
	const struct xattr		*v;
	struct mot_duration		 dur;
	const char			*why, *names[32];
	size_t				 k = 0;
	double				 num;

	if (p->seen_scoring++) {
		efail(x, p, "more than one <scoring>");
		return;
	}
	for (d = score_param_defs; d->name != NULL && k < 31; d++)
		names[k++] = d->name;
	names[k] = NULL;
	if (check_unknown(x, p, "scoring", a, n, names) != 0)
		return;
	for (d = score_param_defs; d->name != NULL; d++) {
		if ((v = xattr_get(a, n, d->name)) == NULL)
			continue;
		if (d->is_duration) {
			if (isodur_parse(v->value, XATTR_LEN(v), &dur,
			    &why) != 0) {
				efail(x, p, "%s=\"%.*s\": %s", d->name,
				    (int)(XATTR_LEN(v) > 64 ? 64 : XATTR_LEN(v)),
				    v->value, why);
				return;
			}
			*(int64_t *)(void *)((char *)sp + d->offset) = dur.us;
			continue;
		}
		if (parse_number(v->value, XATTR_LEN(v), &num) != 0 ||
		    num < d->min || num > d->max) {
			efail(x, p, "%s must be a number from %g to %g",
			    d->name, d->min, d->max);
			return;
		}
		*(double *)(void *)((char *)sp + d->offset) = num;
	}
	if (xattr_get(a, n, "recovery-window") != NULL)
		sp->recovery_business_day = 0;	/* as given: calendar time */
	if (sp->desired_score + sp->early_bonus > 1.0 + 1e-12)
		efail(x, p, "desired-score + early-bonus must not exceed 1");
}

static int
parse_endpoint(struct xmlin *x, struct eparse *p, const char *what,
    const struct xattr *v, struct endpoint *ep)
{
	if (XATTR_LEN(v) == 0 || (v->value[0] == '@' && XATTR_LEN(v) == 1)) {
		efail(x, p, "empty %s", what);
		return (-1);
	}
	if (v->value[0] == '@') {
		ep->is_attr = 1;
		ep->name = xstrndup(v->value + 1, XATTR_LEN(v) - 1);
		ep->ref = -1;
	} else {
		ep->is_attr = 0;
		ep->name = attr_dup(v);
		ep->ref = (int)strtab_intern(&p->e->names, v->value,
		    XATTR_LEN(v));
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
	if (isodur_parse(v->value, XATTR_LEN(v), d, &why) != 0) {
		efail(x, p, "%s=\"%.*s\": %s", what,
		    (int)(XATTR_LEN(v) > 64 ? 64 : XATTR_LEN(v)), v->value, why);
		return (-1);
	}
	return (0);
}

/* The next of a list of names separated by blanks from *s, or NULL after the last. */
static const char *
name_next(const char **s, const char *end, size_t *len)
{
	const char	*w;

	while (*s < end && (**s == ' ' || **s == '\t'))
		(*s)++;
	for (w = *s; *s < end && **s != ' ' && **s != '\t'; (*s)++)
		;
	*len = (size_t)(*s - w);
	return (*len > 0 ? w : NULL);
}

/* The touchpoint names of ends=, as name refs; -1 when it names none. */
static int
parse_ends(struct eparse *p, struct moment *m, const struct xattr *v)
{
	const char	*s = v->value, *end = v->value + XATTR_LEN(v), *w;
	size_t		 len;

	while ((w = name_next(&s, end, &len)) != NULL) {
		if (*w == '@')
			return (-1);	/* a touchpoint, never an attribute */
		m->ends = xreallocarray(m->ends, m->nends + 1,
		    sizeof *m->ends);
		m->ends[m->nends++] = (int)strtab_intern(&p->e->names, w, len);
	}
	return (m->nends > 0 ? 0 : -1);
}

static void
parse_moment(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	struct expectations	*e = p->e;
	struct moment		*m;
	const struct xattr	*id, *v, *from, *to, *tp;
	long			 k;

	if (check_unknown(x, p, "moment", a, n, moment_attrs) != 0)
		return;
	if ((id = xattr_get(a, n, "id")) == NULL) {
		efail(x, p, "<moment> needs an id");
		return;
	}
	if (!valid_id(id->value, XATTR_LEN(id))) {
		efail(x, p, "moment id \"%.*s\" must be "
		    "letters, digits, '_', '.' or '-'",
		    (int)(XATTR_LEN(id) > 64 ? 64 : XATTR_LEN(id)), id->value);
		return;
	}
	if ((k = strtab_find(&p->moment_ids, id->value, XATTR_LEN(id))) >= 0) {
		efail(x, p, "duplicate moment id \"%s\" (first at line %lu)",
		    e->moments[k].id, e->moments[k].line);
		return;
	}
	strtab_intern(&p->moment_ids, id->value, XATTR_LEN(id));
	e->moments = grow(e->moments, e->nmoments, &p->cap,
	    sizeof *e->moments);
	p->pause_cap = 0;
	m = &e->moments[e->nmoments++];
	memset(m, 0, sizeof *m);
	m->line = xmlin_line(x);
	m->objective = -1;
	m->calendar = -1;
	p->cur_moment = (int)(e->nmoments - 1);
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
		if (XATTR_LEN(tp) > 0 && tp->value[0] == '@') {
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
	if ((v = xattr_get(a, n, "calendar")) != NULL) {
		m->calendar_id = attr_dup(v);
		if (m->desired.has_days || m->adequate.has_days) {
			efail(x, p, "moment \"%s\": on a business calendar, "
			    "write durations in working hours (PT8H), not days: "
			    "a business day means different things in different "
			    "tools", m->id);
			return;
		}
	}
	if ((v = xattr_get(a, n, "promised-by")) != NULL) {
		if (XATTR_LEN(v) < 2 || v->value[0] != '@') {
			efail(x, p, "moment \"%s\": promised-by names a journey "
			    "attribute holding the promised time: "
			    "promised-by=\"@deadline\"", m->id);
			return;
		}
		m->promised_by = xstrndup(v->value + 1, XATTR_LEN(v) - 1);
	}
	if ((v = xattr_get(a, n, "repeat")) != NULL) {
		if (xattr_is(v, "first"))
			m->repeat_first = 1;
		else if (!xattr_is(v, "each")) {
			efail(x, p, "moment \"%s\": repeat= is \"each\" (every "
			    "from starts a clock) or \"first\" (only the "
			    "journey's first)", m->id);
			return;
		}
	}
	if ((v = xattr_get(a, n, "ends")) != NULL) {
		if (parse_ends(p, m, v) != 0) {
			efail(x, p, "moment \"%s\": ends= names the touchpoints "
			    "that end its clock another way: ends=\"declined "
			    "cancelled\"", m->id);
			return;
		}
	}
	if ((v = xattr_get(a, n, "objective")) != NULL &&
	    (parse_number(v->value, XATTR_LEN(v), &m->objective) != 0 ||
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
	if ((v = xattr_get(a, n, "classifier")) == NULL || XATTR_LEN(v) == 0) {
		efail(x, p, "<xes> needs classifier=\"KEY ...\" (for example "
		    "\"concept:name lifecycle:transition\")");
		return;
	}
	p->e->classifier = attr_dup(v);
}

/* A mistake given as a message (allocated), or none (NULL). */
static void
ecause(struct xmlin *x, struct eparse *p, char *msg)
{
	if (msg == NULL)
		return;
	efail(x, p, "%s", msg);
	free(msg);
}

char *
expect_zone(const struct xattr *v, struct tz **out)
{
	char	*s, *msg = NULL;

	s = xstrndup(v->value, XATTR_LEN(v));
	*out = tz_load(s, &msg);
	free(s);
	if (*out != NULL)
		return (NULL);
	s = xasprintf("zone=\"%.*s\": %s", (int)(XATTR_LEN(v) > 60 ? 60 :
	    XATTR_LEN(v)), v->value, msg);
	free(msg);
	return (s);
}

static void
parse_csv(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	struct csv_map	*m;
	char		*msg;

	if (p->seen_csv++) {
		efail(x, p, "more than one <csv>");
		return;
	}
	msg = csvmap_begin(&m, a, n, xmlin_line(x));
	p->e->csv = m;
	p->in_csv = msg == NULL;
	ecause(x, p, msg);
}

static void
parse_ocel(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	struct ocel_map	*m;
	char		*msg;

	if (p->seen_ocel++) {
		efail(x, p, "more than one <ocel>");
		return;
	}
	msg = ocelmap_begin(&m, a, n, xmlin_line(x));
	p->e->ocel = m;
	p->in_ocel = 1;
	ecause(x, p, msg);
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
		if (XATTR_LEN(v) < 2 || v->value[0] != '@') {
			efail(x, p, "<outcome> %s= names the attribute that "
			    "holds it: %s=\"@survey_%s\"", outcome_attrs[i],
			    outcome_attrs[i], outcome_attrs[i]);
			return;
		}
		*slot[i] = xstrndup(v->value + 1, XATTR_LEN(v) - 1);
	}
}

static void
parse_calendar(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	struct expectations	*e = p->e;
	const struct xattr	*id, *zone;
	struct tz		*tz;
	char			*zname, *cause = NULL;
	long			 k;

	if (check_unknown(x, p, "calendar", a, n, calendar_attrs) != 0)
		return;
	if ((id = xattr_get(a, n, "id")) == NULL || XATTR_LEN(id) == 0 ||
	    (zone = xattr_get(a, n, "zone")) == NULL) {
		efail(x, p, "<calendar> needs id= and zone= (an IANA zone "
		    "such as Europe/Amsterdam)");
		return;
	}
	if ((k = strtab_find(&p->calendar_ids, id->value,
	    XATTR_LEN(id))) >= 0) {
		efail(x, p, "duplicate calendar id \"%s\"",
		    e->calendars[k].id);
		return;
	}
	zname = attr_dup(zone);
	tz = tz_load(zname, &cause);
	free(zname);
	if (tz == NULL) {
		efail(x, p, "calendar zone: %s", cause);
		free(cause);
		return;
	}
	e->calendars = grow(e->calendars, e->ncalendars, &p->cal_cap,
	    sizeof *e->calendars);
	zname = attr_dup(id);
	cal_init(&e->calendars[e->ncalendars], zname, tz, xmlin_line(x));
	free(zname);
	strtab_intern(&p->calendar_ids, id->value, XATTR_LEN(id));
	p->cur_cal = (int)e->ncalendars++;
}

static void
parse_hours(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	const struct xattr	*days, *from, *to;
	const char		*why;
	unsigned		 mask;
	int			 f, t;

	if (check_unknown(x, p, "hours", a, n, hours_attrs) != 0)
		return;
	if ((days = xattr_get(a, n, "days")) == NULL ||
	    (from = xattr_get(a, n, "from")) == NULL ||
	    (to = xattr_get(a, n, "to")) == NULL) {
		efail(x, p, "<hours> needs days=, from= and to= (days=\"mon-fri\" "
		    "from=\"09:00\" to=\"17:30\")");
		return;
	}
	if (cal_parse_days(days->value, XATTR_LEN(days), &mask) != 0) {
		efail(x, p, "days=\"%.*s\": expected days such as mon-fri or "
		    "sat,sun", (int)(XATTR_LEN(days) > 40 ? 40 :
		    XATTR_LEN(days)), days->value);
		return;
	}
	if (cal_parse_hhmm(from->value, XATTR_LEN(from), &f) != 0 ||
	    cal_parse_hhmm(to->value, XATTR_LEN(to), &t) != 0) {
		efail(x, p, "from= and to= are times of day such as 09:00 and "
		    "17:30 (24:00 for midnight)");
		return;
	}
	if (cal_add_hours(&p->e->calendars[p->cur_cal], mask, f, t,
	    &why) != 0)
		efail(x, p, "%s", why);
}

static void
parse_holiday(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	const struct xattr	*v;
	int64_t			 day;

	if (check_unknown(x, p, "holiday", a, n, holiday_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "date")) == NULL) {
		efail(x, p, "<holiday> needs date=\"YYYY-MM-DD\"");
		return;
	}
	if ((day = isotime_parse_date(v->value, XATTR_LEN(v))) == INT64_MIN) {
		efail(x, p, "<holiday> date=\"%.*s\": expected a day written "
		    "YYYY-MM-DD (year 0001 to 9999, a day the month has)",
		    (int)(XATTR_LEN(v) > 40 ? 40 : XATTR_LEN(v)), v->value);
		return;
	}
	cal_add_holiday(&p->e->calendars[p->cur_cal], day);
}

static void
parse_pause(struct xmlin *x, struct eparse *p, const struct xattr *a, int n)
{
	struct moment		*m = &p->e->moments[p->cur_moment];
	const struct xattr	*v;

	if (check_unknown(x, p, "pause", a, n, pause_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "touchpoint")) == NULL || XATTR_LEN(v) == 0 ||
	    v->value[0] == '@') {
		efail(x, p, "<pause> needs touchpoint=\"NAME\": the touchpoint "
		    "during which the clock stops");
		return;
	}
	m->pauses = grow(m->pauses, m->npauses, &p->pause_cap,
	    sizeof *m->pauses);
	m->pauses[m->npauses++] = (int)strtab_intern(&p->e->names, v->value,
	    XATTR_LEN(v));
}

static void
parse_customer(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	struct moment		*m = &p->e->moments[p->cur_moment];
	const struct xattr	*v;

	if (check_unknown(x, p, "customer", a, n, customer_attrs) != 0)
		return;
	if (m->has_customer) {
		efail(x, p, "more than one <customer> in moment \"%s\"", m->id);
		return;
	}
	if (parse_duration_attr(x, p, "desired", a, n, &m->cust_desired) != 0 ||
	    parse_duration_attr(x, p, "adequate", a, n,
	    &m->cust_adequate) != 0)
		return;
	if (m->cust_adequate.us <= 0 ||
	    m->cust_desired.us > m->cust_adequate.us) {
		efail(x, p, "<customer>: desired must not be longer than "
		    "adequate, and adequate must be longer than zero");
		return;
	}
	if ((v = xattr_get(a, n, "source")) != NULL)
		m->cust_source = attr_dup(v);
	m->has_customer = 1;
}

/* Add each space-separated name of an attribute to a table. */
static void
parse_names(const struct xattr *v, struct strtab *t)
{
	const char	*s = v->value, *end = v->value + XATTR_LEN(v), *w;
	size_t		 len;

	while ((w = name_next(&s, end, &len)) != NULL)
		strtab_intern(t, w, len);
}

static void
parse_recovery(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	const struct xattr	*v;
	struct mot_duration	 d;
	const char		*why;

	if (p->seen_recovery++) {
		efail(x, p, "more than one <recovery>");
		return;
	}
	if (check_unknown(x, p, "recovery", a, n, recovery_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "touchpoints")) == NULL || XATTR_LEN(v) == 0) {
		efail(x, p, "<recovery> needs touchpoints=\"NAME ...\" (for "
		    "example \"apology callback refund\")");
		return;
	}
	parse_names(v, &p->recovery);
	if ((v = xattr_get(a, n, "window")) != NULL) {
		if (isodur_parse(v->value, XATTR_LEN(v), &d, &why) != 0) {
			efail(x, p, "window=: %s", why);
			return;
		}
		p->e->params.recovery_window = d.us;
		p->e->params.recovery_business_day = 0;
	}
}

static void
parse_effort(struct xmlin *x, struct eparse *p, const struct xattr *a,
    int n)
{
	const struct xattr	*v;

	if (p->seen_effort++) {
		efail(x, p, "more than one <effort>");
		return;
	}
	if (check_unknown(x, p, "effort", a, n, effort_attrs) != 0)
		return;
	if ((v = xattr_get(a, n, "contacts")) == NULL || XATTR_LEN(v) == 0) {
		efail(x, p, "<effort> needs contacts=\"NAME ...\": the "
		    "touchpoints the customer starts (calls, chats, e-mails)");
		return;
	}
	parse_names(v, &p->contacts);
}

static void
e_start(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri, const struct xattr *a, int n)
{
	struct eparse		*p = ud;
	const struct xattr	*v;

	if (depth == 1) {
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
		/* For people only: not in the hash, no result depends on it. */
		if ((v = xattr_get(a, n, "title")) != NULL && XATTR_LEN(v) > 0)
			p->e->title = attr_dup(v);
		return;
	}
	if (depth > 2 && p->in_ocel) {
		if (depth == 3 && uri == NULL)
			ecause(x, p, ocelmap_child(p->e->ocel, name, a, n,
			    xmlin_line(x)));
		else
			efail(x, p, "unexpected element <%s> here (<ocel> "
			    "holds <include>)", name);
		return;
	}
	if (depth > 2 && p->in_csv) {
		if (depth == 3 && uri == NULL)
			ecause(x, p, csvmap_child(p->e->csv, name, a, n,
			    xmlin_line(x)));
		else
			efail(x, p, "unexpected element <%s> here (<csv> "
			    "holds <journey>, <attribute> and <touchpoint>)",
			    name);
		return;
	}
	if (depth == 3 && uri == NULL && p->cur_cal >= 0 &&
	    strcmp(name, "hours") == 0)
		parse_hours(x, p, a, n);
	else if (depth == 3 && uri == NULL && p->cur_cal >= 0 &&
	    strcmp(name, "holiday") == 0)
		parse_holiday(x, p, a, n);
	else if (depth == 3 && uri == NULL && p->cur_moment >= 0 &&
	    strcmp(name, "pause") == 0)
		parse_pause(x, p, a, n);
	else if (depth == 3 && uri == NULL && p->cur_moment >= 0 &&
	    strcmp(name, "customer") == 0)
		parse_customer(x, p, a, n);
	if (depth > 2) {
		if (depth > 3 || !((p->cur_cal >= 0 && (strcmp(name,
		    "hours") == 0 || strcmp(name, "holiday") == 0)) ||
		    (p->cur_moment >= 0 && (strcmp(name, "pause") == 0 ||
		    strcmp(name, "customer") == 0))))
			efail(x, p, "unexpected element <%s> here (a <moment> "
			    "holds <pause> and <customer>, a <calendar> "
			    "<hours> and <holiday>)", name);
		return;
	}
	p->cur_moment = p->cur_cal = -1;
	if (uri == NULL && strcmp(name, "moment") == 0)
		parse_moment(x, p, a, n);
	else if (uri == NULL && strcmp(name, "scoring") == 0)
		parse_scoring(x, p, a, n);
	else if (uri == NULL && strcmp(name, "xes") == 0)
		parse_xes(x, p, a, n);
	else if (uri == NULL && strcmp(name, "csv") == 0)
		parse_csv(x, p, a, n);
	else if (uri == NULL && strcmp(name, "ocel") == 0)
		parse_ocel(x, p, a, n);
	else if (uri == NULL && strcmp(name, "outcome") == 0)
		parse_outcome(x, p, a, n);
	else if (uri == NULL && strcmp(name, "calendar") == 0)
		parse_calendar(x, p, a, n);
	else if (uri == NULL && strcmp(name, "recovery") == 0)
		parse_recovery(x, p, a, n);
	else if (uri == NULL && strcmp(name, "effort") == 0)
		parse_effort(x, p, a, n);
	else
		efail(x, p, "unknown element <%s> in <expectations> (expected "
		    "<moment>, <calendar>, <scoring>, <recovery>, <effort>, "
		    "<xes>, <csv>, <ocel> or <outcome>)", name);
}

/* Resolve calendar references and name sets once the whole file is read. */
static void
e_finish(struct xmlin *x, struct eparse *p)
{
	struct expectations	*e = p->e;
	struct moment		*m;
	const char		*why;
	size_t			 i;

	for (i = 0; i < e->ncalendars; i++) {
		if (cal_finish(&e->calendars[i], &why) != 0)
			efail(x, p, "calendar \"%s\" (line %lu): %s",
			    e->calendars[i].id, e->calendars[i].line, why);
	}
	for (i = 0; i < e->nmoments; i++) {
		m = &e->moments[i];
		if (m->calendar_id == NULL)
			continue;
		m->calendar = (int)strtab_find(&p->calendar_ids,
		    m->calendar_id, strlen(m->calendar_id));
		if (m->calendar < 0)
			efail(x, p, "moment \"%s\" (line %lu): no <calendar "
			    "id=\"%s\">", m->id, m->line, m->calendar_id);
	}
	for (i = 0; i < p->recovery.n; i++)
		strtab_intern(&e->names, strtab_key(&p->recovery, i),
		    strlen(strtab_key(&p->recovery, i)));
	for (i = 0; i < p->contacts.n; i++)
		strtab_intern(&e->names, strtab_key(&p->contacts, i),
		    strlen(strtab_key(&p->contacts, i)));
	e->is_recovery = xcalloc(e->names.n + 1, 1);
	e->is_contact = xcalloc(e->names.n + 1, 1);
	for (i = 0; i < p->recovery.n; i++)
		e->is_recovery[strtab_find(&e->names,
		    strtab_key(&p->recovery, i),
		    strlen(strtab_key(&p->recovery, i)))] = 1;
	for (i = 0; i < p->contacts.n; i++)
		e->is_contact[strtab_find(&e->names,
		    strtab_key(&p->contacts, i),
		    strlen(strtab_key(&p->contacts, i)))] = 1;
	e->has_recovery = p->recovery.n > 0;
	e->has_contacts = p->contacts.n > 0;
}

static void
e_end(struct xmlin *x, void *ud, int depth, const char *name,
    const char *uri)
{
	struct eparse	*p = ud;

	if (depth == 2 && p->in_csv) {
		p->in_csv = 0;
		ecause(x, p, csvmap_finish(p->e->csv));
	}
	if (depth == 2)
		p->in_ocel = 0;
	if (depth == 2)
		p->cur_moment = p->cur_cal = -1;
	if (depth == 1)
		e_finish(x, p);
}

static const struct xmlin_ops expect_ops = { e_start, e_end, NULL };

/* A string that grows by doubling, so that appending is linear. */
struct text {
	char	*s;
	size_t	 len, cap;
};

/* Append printf output to a text. */
static void
cat(struct text *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*add;
	size_t	 n;

	va_start(ap, fmt);
	add = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(add);
	if (t->len + n + 1 > t->cap) {
		t->cap = t->cap * 2 > t->len + n + 1 ? t->cap * 2 :
		    t->len + n + 1;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->len, add, n + 1);
	t->len += n;
	free(add);
}

/* A canonical text of what changes results, so that comments and layout do not. */
static uint64_t
expect_hash(const struct expectations *e)
{
	const struct score_param_def	*d;
	const struct moment		*m;
	const struct calendar		*c;
	struct text			 s = { NULL, 0, 0 };
	char				*csv;
	size_t				 i, k;
	int				 w;
	uint64_t			 h;

	cat(&s, "mot-expectations-1");
	for (d = score_param_defs; d->name != NULL; d++) {
		if (d->is_duration)
			cat(&s, "|%s=%" PRId64, d->name, *(const int64_t *)
			    (const void *)((const char *)&e->params +
			    d->offset));
		else
			cat(&s, "|%s=%.17g", d->name, *(const double *)
			    (const void *)((const char *)&e->params +
			    d->offset));
	}
	if (e->params.recovery_business_day && e->has_recovery &&
	    e->ncalendars > 0)
		cat(&s, "|recovery-window=business-day");
	for (i = 0; i < e->nmoments; i++) {
		m = &e->moments[i];
		cat(&s, "\n%s|%d|%s%s|%s%s|%" PRId64 "|%" PRId64 "|%.17g|%s|%s",
		    m->id, m->span, m->from.is_attr ? "@" : "", m->from.name,
		    m->to.is_attr ? "@" : "", m->to.name != NULL ? m->to.name :
		    "", m->desired.us, m->adequate.us, m->objective,
		    m->promised_by != NULL ? m->promised_by : "",
		    m->calendar_id != NULL ? m->calendar_id : "");
		for (k = 0; k < m->npauses; k++)
			cat(&s, "|pause=%s", strtab_key(&e->names,
			    (size_t)m->pauses[k]));
		for (k = 0; k < m->nends; k++)
			cat(&s, "|ends=%s", strtab_key(&e->names,
			    (size_t)m->ends[k]));
		if (m->repeat_first)
			cat(&s, "|repeat=first");
		if (m->has_customer)
			cat(&s, "|customer=%" PRId64 ",%" PRId64,
			    m->cust_desired.us, m->cust_adequate.us);
	}
	for (i = 0; i < e->ncalendars; i++) {
		c = &e->calendars[i];
		cat(&s, "\ncalendar|%s|%s", c->id, tz_name(c->tz));
		for (w = 0; w < 7; w++) {
			for (k = 0; k < c->nspans[w]; k++)
				cat(&s, "|%d:%d-%d", w, c->spans[w][k].from,
				    c->spans[w][k].to);
		}
		for (k = 0; k < c->nholidays; k++)
			cat(&s, "|h%" PRId64, c->holidays[k]);
	}
	for (i = 0; i < e->names.n; i++) {
		if (e->is_recovery != NULL && e->is_recovery[i])
			cat(&s, "\nrecovery|%s", strtab_key(&e->names, i));
		if (e->is_contact != NULL && e->is_contact[i])
			cat(&s, "\ncontact|%s", strtab_key(&e->names, i));
	}
	cat(&s, "\nxes|%s\noutcome|%s|%s|%s|%s",
	    e->classifier != NULL ? e->classifier : "",
	    e->outcome.nps != NULL ? e->outcome.nps : "",
	    e->outcome.csat != NULL ? e->outcome.csat : "",
	    e->outcome.ces != NULL ? e->outcome.ces : "",
	    e->outcome.churn != NULL ? e->outcome.churn : "");
	if (e->csv != NULL) {
		csv = csvmap_text(e->csv);
		cat(&s, "\n%s", csv);
		free(csv);
	}
	if (e->ocel != NULL) {
		csv = ocelmap_text(e->ocel);
		cat(&s, "\n%s", csv);
		free(csv);
	}
	h = hash_bytes(s.s, s.len);
	free(s.s);
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
	p->cur_moment = p->cur_cal = -1;
	strtab_init(&p->recovery);
	strtab_init(&p->contacts);
	strtab_init(&p->moment_ids);
	strtab_init(&p->calendar_ids);
	rc = xmlin_parse(path, &expect_ops, p, &st, cause);
	strtab_free(&p->recovery);
	strtab_free(&p->contacts);
	strtab_free(&p->moment_ids);
	strtab_free(&p->calendar_ids);
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
		free(e->moments[i].calendar_id);
		free(e->moments[i].pauses);
		free(e->moments[i].ends);
		free(e->moments[i].cust_source);
	}
	for (i = 0; i < e->ncalendars; i++)
		cal_free(&e->calendars[i]);
	free(e->calendars);
	free(e->is_recovery);
	free(e->is_contact);
	free(e->classifier);
	csvmap_free(e->csv);
	ocelmap_free(e->ocel);
	free(e->title);
	free(e->outcome.nps);
	free(e->outcome.csat);
	free(e->outcome.ces);
	free(e->outcome.churn);
	free(e->moments);
	strtab_free(&e->names);
	free(e->path);
	free(e);
}
