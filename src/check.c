/*
 * check.c - the decisions of mot check, without I/O: an objective fails only
 * when the 95% Wilson interval of the within-adequate share lies wholly
 * below it, and is a warning when only the point estimate does; the error
 * budget follows the Occurrences method of SRE practice; a moment regresses
 * against a baseline when a one-sided pooled two-proportion z test on its
 * breach rate, adjusted across moments with Benjamini-Hochberg, is
 * significant and the rise exceeds a practical threshold; its p90 elapsed
 * time (Kaplan-Meier) regresses when it rose past a relative limit (a p90
 * not reached by its lower bound, the longest time seen) and more than 10%
 * of this run lies above the baseline's p90 beyond sampling noise: an
 * exact beta-binomial test, or Kaplan-Meier's with Greenwood's variance when
 * clocks were censored before it, adjusted with the breach-rate tests
 * together. With a history the objective is decided over all its runs
 * against an anytime-valid confidence sequence instead
 * (check_objective_seq). With --burn-rate a moment fails when its error
 * budget burns faster than a threshold in both a long and a short window
 * ending at as_of (the multiwindow rule of the Site Reliability Workbook).
 * Windows are ISO 8601 durations, months on the calendar. Formulas:
 * docs/ci.md.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "isotime.h"
#include "stats.h"
#include "xmalloc.h"

/* Comparisons against a threshold forgive the last bits of a double. */
#define CHECK_EPS	1e-9

/* The share of occurrences past a p90: what the p90 test holds it to. */
#define CHECK_P90_RANK	0.90	/* the p90: its nearest rank is ceil(0.9 n) */

const char *
check_status_name(enum check_status s)
{
	switch (s) {
	case CHECK_PASS:
		return ("PASS");
	case CHECK_WARN:
		return ("WARN");
	case CHECK_FAIL:
		return ("FAIL");
	case CHECK_SKIP:
		break;
	}
	return ("SKIP");
}

const char *
check_kind_name(enum check_kind k)
{
	switch (k) {
	case CHECK_BREACH_RATE:
		return ("breach-rate");
	case CHECK_P90:
		return ("p90");
	case CHECK_BURN_RATE:
		return ("burn-rate");
	case CHECK_OBJECTIVE:
		break;
	}
	return ("objective");
}

double
check_normal_sf(double z)
{
	return (0.5 * erfc(z / 1.4142135623730950488));
}

int
check_two_prop(uint64_t k0, uint64_t n0, uint64_t k1, uint64_t n1, double *z,
    double *p)
{
	if (n0 == 0 || n1 == 0)
		return (-1);
	return (check_two_prop_eff((double)k0 / (double)n0, (double)n0,
	    (double)k1 / (double)n1, (double)n1, z, p));
}

int
check_two_prop_eff(double p0, double n0, double p1, double n1, double *z,
    double *p)
{
	double	pool, var, d;

	if (!(n0 > 0) || !(n1 > 0))
		return (-1);
	pool = (p0 * n0 + p1 * n1) / (n0 + n1);
	var = pool * (1 - pool) * (1 / n0 + 1 / n1);
	if (!(var > 0)) {
		/* All breached or none in both: no evidence of a rise. */
		*z = 0;
		*p = 1;
		return (0);
	}
	/*
	 * Yates's continuity correction, the difference moved toward 0 by
	 * half a count on each side: the plain z test is liberal at small n
	 * (6% of noise pairs failed at n = 100, a 10% breach rate).
	 */
	d = fabs(p1 - p0) - 0.5 * (1 / n0 + 1 / n1);
	if (d < 0)
		d = 0;
	*z = (p1 < p0 ? -d : d) / sqrt(var);
	*p = check_normal_sf(*z);
	return (0);
}

void
check_bh(const double *p, size_t m, double *q)
{
	size_t	*ord, i, j, t;
	double	 run, v;

	if (m == 0)
		return;
	ord = xreallocarray(NULL, m, sizeof *ord);
	for (i = 0; i < m; i++)
		ord[i] = i;
	/* Insertion sort by p, ties by position: stable and deterministic. */
	for (i = 1; i < m; i++) {
		t = ord[i];
		for (j = i; j > 0 && p[ord[j - 1]] > p[t]; j--)
			ord[j] = ord[j - 1];
		ord[j] = t;
	}
	run = 1;
	for (i = m; i-- > 0; ) {
		v = p[ord[i]] * (double)m / (double)(i + 1);
		if (v < run)
			run = v;
		q[ord[i]] = run;
	}
	free(ord);
}

void
check_budget_make(double objective, uint64_t n, uint64_t bad,
    struct check_budget *b)
{
	b->allowed = (1 - objective) * (double)n;
	b->spent = bad;
	b->remaining = b->allowed - (double)bad;
	b->spent_share = b->allowed > 0 ? (double)bad / b->allowed : NAN;
	b->burn_rate = n > 0 && objective < 1 ?
	    ((double)bad / (double)n) / (1 - objective) : NAN;
}

static void
item_init(struct check_item *it, enum check_kind kind)
{
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->status = CHECK_SKIP;
	it->within = it->lo = it->hi = NAN;
	it->rate0 = it->rate1 = it->change = NAN;
	it->z = it->p = it->q = NAN;
	it->p90_0 = it->p90_1 = it->increase = NAN;
	it->surv = it->surv_se = NAN;
}

/*
 * The objective's ladder, for n occurrences with this within-adequate
 * share and upper bound: too few, met, below within noise (a warning, a
 * failure with --strict-objectives), or missed.
 */
static void
objective_decide(struct check_item *it, uint64_t n, double share, double hi,
    double objective, const struct check_params *p)
{
	if (n == 0 || n < p->min_n)
		it->why = CHECK_WHY_FEW;
	else if (share >= objective - CHECK_EPS) {
		it->status = CHECK_PASS;
		it->why = CHECK_WHY_MET;
	} else if (hi >= objective - CHECK_EPS) {
		it->status = CHECK_WARN;
		it->why = CHECK_WHY_NOISE;
		if (p->strict_objectives) {
			it->status = CHECK_FAIL;
			it->promoted = 1;
		}
	} else {
		it->status = CHECK_FAIL;
		it->why = CHECK_WHY_MISSED;
	}
}

enum check_status
check_objective(const struct check_moment *m, const struct check_params *p,
    struct check_item *it)
{
	item_init(it, CHECK_OBJECTIVE);
	if (m->n > 0) {
		it->within = (double)(m->n - m->breached) / (double)m->n;
		wilson_eff(it->within, m->n_eff > 0 ? m->n_eff :
		    (double)m->n, Z95, &it->lo, &it->hi);
	}
	if (m->objective < 0)
		it->why = CHECK_WHY_NO_OBJECTIVE;
	else
		objective_decide(it, m->n, it->within, it->hi, m->objective, p);
	if (m->has_seq)
		check_objective_seq(m, p, it);
	return (it->status);
}

/* A bare number and unit ("28d"): refused, with the ISO 8601 form of it. */
static int
bare_unit(const char *s, char *why, size_t size)
{
	const char	*q = s;
	char		 u;
	int		 nd;

	while (*q >= '0' && *q <= '9')
		q++;
	nd = (int)(q - s);
	if (nd == 0 || *q == '\0' || q[1] != '\0' ||
	    strchr("wWdDhHmMsSyY", *q) == NULL) {
		snprintf(why, size, "expected an ISO 8601 duration, like P28D, "
		    "PT12H or P1M");
		return (-1);
	}
	if (strspn(s, "0") == (size_t)nd) {
		snprintf(why, size, "the window must be longer than zero");
		return (-1);
	}
	u = *q >= 'a' ? (char)(*q - 'a' + 'A') : *q;
	if (u == 'M' && nd == 1 && *s == '1')
		snprintf(why, size, "bare units are ambiguous; use ISO 8601: "
		    "P1M is a month, PT1M a minute");
	else if (u == 'M')
		snprintf(why, size, "bare units are ambiguous; use ISO 8601: "
		    "P%.*sM is %.*s months, PT%.*sM %.*s minutes", nd, s, nd, s,
		    nd, s, nd, s);
	else
		snprintf(why, size, "bare units are ambiguous; use ISO 8601: "
		    "P%s%.*s%c", u == 'H' || u == 'S' ? "T" : "", nd, s, u);
	return (-1);
}

/* Most calendar months in a window: 100 years, as isodur_parse allows. */
#define CHECK_MAX_MONTHS	1200

int
check_parse_window(const char *s, struct check_span *sp, char *why,
    size_t size)
{
	struct mot_duration	 d;
	const char		*p, *q, *err;
	char			 rest[64];
	int64_t			 v;
	int			 k;

	memset(sp, 0, sizeof *sp);
	if (*s == '\0' || s[strcspn(s, " \t\r\n")] != '\0') {
		snprintf(why, size, "expected an ISO 8601 duration without "
		    "spaces, like P28D or PT12H");
		return (-1);
	}
	if (*s != 'P')
		return (bare_unit(s, why, size));
	/* Years and months first, on the calendar; the rest is exact. */
	p = s + 1;
	for (k = 0; k < 2; k++) {
		for (q = p, v = 0; *q >= '0' && *q <= '9'; q++) {
			if (v <= CHECK_MAX_MONTHS)	/* past it: too long */
				v = v * 10 + (*q - '0');
		}
		if (q == p || *q != "YM"[k])
			continue;
		sp->months += k == 0 ? v * 12 : v;
		if (v > CHECK_MAX_MONTHS || sp->months > CHECK_MAX_MONTHS) {
			snprintf(why, size, "duration too long (at most 100 "
			    "years)");
			return (-1);
		}
		p = q + 1;
	}
	if (p[strcspn(p, "YMT")] == 'Y' || p[strcspn(p, "YMT")] == 'M') {
		snprintf(why, size, "years and months take whole numbers, in "
		    "that order, before weeks or days (like P1Y2M or P1M15D)");
		return (-1);
	}
	if (sp->months > 0 && strchr(p, 'W') != NULL) {
		snprintf(why, size, "weeks cannot be combined with other parts "
		    "(write P1M14D, not P1M2W)");
		return (-1);
	}
	if (*p != '\0' || p == s + 1) {
		if (strlen(p) + 2 > sizeof rest) {
			snprintf(why, size, "the duration is too long to read");
			return (-1);
		}
		snprintf(rest, sizeof rest, "P%s", p);
		if (isodur_parse(rest, strlen(rest), &d, &err) != 0) {
			snprintf(why, size, "%s", err);
			return (-1);
		}
		sp->us = d.us;
	}
	if (sp->months == 0 && sp->us <= 0) {
		snprintf(why, size, "the window must be longer than zero");
		return (-1);
	}
	return (0);
}

static const struct check_moment *
find_moment(const struct check_moment *v, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, id) == 0)
			return (&v[i]);
	}
	return (NULL);
}

static int
moment_cmp(const void *a, const void *b)
{
	const struct check_moment	*ma = *(const struct check_moment *const *)a;
	const struct check_moment	*mb = *(const struct check_moment *const *)b;

	return (strcmp(ma->id, mb->id));
}

/* Which of the two runs lacks the data to decide; 0 when both have it. */
static enum check_why
baseline_gate(const struct check_row *row, const struct check_params *p)
{
	if (row->cur->n == 0 || row->cur->n < p->min_n)
		return (CHECK_WHY_FEW);
	if (row->base->n == 0 || row->base->n < p->min_n)
		return (CHECK_WHY_FEW_BASELINE);
	return (CHECK_WHY_STABLE);
}

/*
 * The p90 test: does more of this run lie past the baseline's p90 t0 than
 * sampling explains? t0 is itself a sample's: the r-th smallest of the
 * baseline's n0 times, r = ceil(0.9 n0) (nearest rank). Under no change,
 * one of this run's times lies past it with probability 1 - U(r), U(r) ~
 * Beta(r, n0 - r + 1), whatever the distribution of times; so k of n past
 * it is Beta-binomial(n, n0 - r + 1, r), about 10% each, and the exact
 * test is its upper tail (docs/ci.md; it becomes the binomial test against
 * 10% as n0 grows). With no clock censored before t0 every occurrence is
 * known to be on one side and the exact test applies. Else Kaplan-Meier's
 * S(t0) with Greenwood's variance plus that of 1 - U(r), z = (S - E[1 -
 * U(r)]) / se; when no event came by t0 that variance is 0, and the exact
 * test over the occurrences whose side is known (all above it) stands in:
 * conservative, since one censored before t0 is at least as likely as any
 * to pass it.
 */
static void
p90_test(const struct check_moment *c, uint64_t n0, struct check_item *it)
{
	double	a, b, s0, v0;

	it->timed = c->p90_timed;
	it->above = c->p90_above;
	it->cens_before = c->p90_cens_before;
	it->base_timed = n0;
	b = ceil(CHECK_P90_RANK * (double)n0 - CHECK_EPS);	/* r */
	if (b < 1)
		b = 1;
	a = (double)n0 - b + 1;
	if (a < 1)
		a = 1;
	if (c->p90_cens_before == 0) {
		it->p = betabinom_sf(c->p90_above, c->p90_timed, a, b);
		return;
	}
	it->p90_km = 1;
	it->surv = c->p90_surv;
	s0 = a / (a + b);
	v0 = a * b / ((a + b) * (a + b) * (a + b + 1));
	it->surv_se = sqrt(c->p90_var);
	if (c->p90_var > 0) {
		it->z = (c->p90_surv - s0) / sqrt(c->p90_var + v0);
		it->p = check_normal_sf(it->z);
	} else if (c->p90_surv > s0)
		it->p = betabinom_sf(c->p90_above, c->p90_timed -
		    c->p90_cens_before, a, b);
	else
		it->p = 1;
}

static void
compare_row(struct check_row *row, const struct check_params *p)
{
	struct check_item		*br = &row->item[1], *pc = &row->item[2];
	const struct check_moment	*c = row->cur, *b = row->base;
	enum check_why			 gate;

	item_init(br, CHECK_BREACH_RATE);
	item_init(pc, CHECK_P90);
	row->nitems = 3;
	if (b == NULL) {
		br->why = pc->why = CHECK_WHY_NEW;
		return;
	}
	if (b->n > 0)
		br->rate0 = (double)b->breached / (double)b->n;
	if (c->n > 0)
		br->rate1 = (double)c->breached / (double)c->n;
	br->change = br->rate1 - br->rate0;
	pc->p90_0 = b->p90;
	pc->p90_1 = c->p90;
	if (b->p90 > 0 && !isnan(c->p90))
		pc->increase = (c->p90 - b->p90) / b->p90;
	else if (b->p90 > 0 && c->p90_floor > 0)	/* at least this */
		pc->increase = (c->p90_floor - b->p90) / b->p90;
	if ((gate = baseline_gate(row, p)) != CHECK_WHY_STABLE) {
		br->why = pc->why = gate;
		return;
	}
	/* The breach rate is decided after the adjustment, in check_run. */
	/* Over each side's journey-clustered effective n (docs/ci.md). */
	check_two_prop_eff(br->rate0, b->n_eff > 0 ? b->n_eff : (double)b->n,
	    br->rate1, c->n_eff > 0 ? c->n_eff : (double)c->n, &br->z, &br->p);
	br->status = CHECK_PASS;
	br->why = CHECK_WHY_STABLE;
	if (!(b->p90 > 0)) {
		pc->why = CHECK_WHY_NO_BASE_P90;
		return;
	}
	/*
	 * Not reached: above the longest time seen, which fails when that
	 * alone is past the limit and is not decided otherwise.
	 */
	p90_test(c, b->n, pc);
	pc->status = CHECK_PASS;
	pc->why = CHECK_WHY_STABLE;
	/* The test is decided after the adjustment, in check_run. */
	if (isnan(c->p90) && c->p90_floor > 0) {
		pc->why = CHECK_WHY_P90_RUNNING;
		if (!(pc->increase > p->max_p90_increase + CHECK_EPS))
			pc->status = CHECK_SKIP;
	}
}

/* A regression test of the run: a breach-rate or p90 item with a p-value. */
static struct check_item *
regression_test(struct check_row *row, size_t k)
{
	struct check_item	*it = &row->item[k];

	if (row->cur == NULL || isnan(it->p) || (it->kind != CHECK_BREACH_RATE &&
	    it->kind != CHECK_P90))
		return (NULL);
	return (it);
}

/*
 * Adjust the p-values of all the regression tests together (breach rates
 * and p90s: one family) and decide them.
 */
static void
decide_regressions(struct check_result *res, const struct check_params *p)
{
	struct check_item	*it;
	double			*pv, *qv;
	size_t			 i, k, m = 0;

	pv = xreallocarray(NULL, CHECK_NKINDS * res->nrows + 1, sizeof *pv);
	qv = xreallocarray(NULL, CHECK_NKINDS * res->nrows + 1, sizeof *qv);
	for (i = 0; i < res->nrows; i++) {
		for (k = 0; k < res->rows[i].nitems; k++) {
			if ((it = regression_test(&res->rows[i], k)) != NULL)
				pv[m++] = it->p;
		}
	}
	check_bh(pv, m, qv);
	for (i = m = 0; i < res->nrows; i++) {
		for (k = 0; k < res->rows[i].nitems; k++) {
			if ((it = regression_test(&res->rows[i], k)) == NULL)
				continue;
			it->q = qv[m++];
			if (it->kind == CHECK_BREACH_RATE) {
				if (it->status == CHECK_PASS &&
				    it->q < p->alpha &&
				    it->change > p->min_change + CHECK_EPS) {
					it->status = CHECK_FAIL;
					it->why = CHECK_WHY_REGRESSED;
				}
				continue;
			}
			/* p90: past the limit (a skip is not known to be). */
			if (it->status != CHECK_PASS ||
			    !(it->increase > p->max_p90_increase + CHECK_EPS))
				continue;
			if (it->q < p->alpha) {
				it->status = CHECK_FAIL;
				if (it->why == CHECK_WHY_STABLE)
					it->why = CHECK_WHY_REGRESSED;
			} else
				it->why = CHECK_WHY_P90_NOISE;
		}
	}
	free(qv);
	free(pv);
}

static enum check_status
promote(enum check_status s, int *promoted, const struct check_params *p)
{
	if (s == CHECK_WARN && p->fail_on_warning) {
		*promoted = 1;
		return (CHECK_FAIL);
	}
	return (s);
}

/* A moment that names a touchpoint no journey has is not decided: its checks are skipped. */
static void
skip_missing(struct check_row *row)
{
	size_t	k;

	if (row->cur->missing == NULL)
		return;
	row->has_budget = 0;
	for (k = 0; k < row->nitems; k++) {
		row->item[k].status = CHECK_SKIP;
		row->item[k].why = CHECK_WHY_MISSING;
	}
}

void
check_run(const struct check_params *p, const struct check_input *in,
    struct check_result *res)
{
	const struct check_moment	**gone;
	struct check_row		 *row;
	struct check_item		 *it;
	size_t				  i, k, ngone = 0;

	memset(res, 0, sizeof *res);
	res->have_base = in->have_base;
	gone = xreallocarray(NULL, in->nbase + 1, sizeof *gone);
	for (i = 0; in->have_base && i < in->nbase; i++) {
		if (find_moment(in->cur, in->ncur, in->base[i].id) == NULL)
			gone[ngone++] = &in->base[i];
	}
	qsort(gone, ngone, sizeof *gone, moment_cmp);
	res->nrows = in->ncur + ngone;
	res->rows = xcalloc(res->nrows + 1, sizeof *res->rows);

	for (i = 0; i < in->ncur; i++) {
		row = &res->rows[i];
		row->cur = &in->cur[i];
		check_objective(row->cur, p, &row->item[0]);
		row->nitems = 1;
		if (row->cur->objective >= 0 && row->cur->n > 0) {
			row->has_budget = 1;
			check_budget_make(row->cur->objective, row->cur->n,
			    row->cur->breached, &row->budget);
		}
		if (!in->have_base)
			continue;
		row->base = find_moment(in->base, in->nbase, row->cur->id);
		if (row->base == NULL)
			res->nnew++;
		compare_row(row, p);
	}
	for (i = 0; i < in->ncur; i++)
		skip_missing(&res->rows[i]);
	for (k = 0; k < ngone; k++) {
		row = &res->rows[in->ncur + k];
		row->base = gone[k];
		item_init(&row->item[0], CHECK_BREACH_RATE);
		item_init(&row->item[1], CHECK_P90);
		row->item[0].why = row->item[1].why = CHECK_WHY_VANISHED;
		row->nitems = 2;
		res->nvanished++;
	}
	free(gone);
	if (in->have_base)
		decide_regressions(res, p);
	for (i = 0; p->burn_rate && i < in->ncur; i++) {
		row = &res->rows[i];
		check_burn_rate(row->cur, p, &row->item[row->nitems++]);
	}

	res->status = CHECK_SKIP;
	if (in->have_base) {
		res->base_status = in->same_expectations ? CHECK_PASS :
		    CHECK_WARN;
		res->base_status = promote(res->base_status,
		    &res->base_promoted, p);
		res->count[res->base_status]++;
		res->ntests++;
		res->status = res->base_status;
	}
	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		row->status = CHECK_SKIP;
		for (k = 0; k < row->nitems; k++) {
			it = &row->item[k];
			it->status = promote(it->status, &it->promoted, p);
			if (it->status > row->status)
				row->status = it->status;
			res->count[it->status]++;
			res->ntests++;
		}
		if (row->status > res->status)
			res->status = row->status;
	}
}

void
check_result_free(struct check_result *res)
{
	free(res->rows);
	memset(res, 0, sizeof *res);
}

/* The days of a month of the proleptic Gregorian calendar. */
static unsigned
month_days(int64_t y, unsigned m)
{
	return ((unsigned)(days_from_civil(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - days_from_civil(y, m, 1)));
}

int64_t
check_span_start(const struct check_span *sp, int64_t as_of)
{
	const int64_t	 day = 86400 * MOT_USEC;
	int64_t		 days, tod, y, t;
	unsigned	 m, d;

	days = as_of / day - (as_of % day < 0);
	tod = as_of - days * day;
	if (sp->months > 0) {
		civil_from_days(days, &y, &m, &d);
		t = y * 12 + (int64_t)m - 1 - sp->months;
		y = t / 12 - (t % 12 < 0);
		m = (unsigned)(t - y * 12) + 1;
		if (d > month_days(y, m))
			d = month_days(y, m);
		days = days_from_civil(y, m, d);
	}
	return (days * day + tod - sp->us);
}

/* The shortest and the longest a window can be, in microseconds. */
static void
span_range(const struct check_span *sp, int64_t *lo, int64_t *hi)
{
	const int64_t	day = 86400 * MOT_USEC;

	*lo = sp->us + (sp->months / 12 * 365 + sp->months % 12 * 28) * day;
	*hi = sp->us + (sp->months / 12 * 366 + sp->months % 12 * 31) * day;
}

int
check_span_longer(const struct check_span *a, const struct check_span *b)
{
	int64_t	alo, ahi, blo, bhi;

	/* More months back is earlier on any date: compare the parts. */
	if (a->months >= b->months && a->us >= b->us)
		return (a->months > b->months || a->us > b->us);
	span_range(a, &alo, &ahi);
	span_range(b, &blo, &bhi);
	return (alo > bhi);
}

enum check_status
check_burn_rate(const struct check_moment *m, const struct check_params *p,
    struct check_item *it)
{
	struct check_budget	b;
	int			k, above = 0;

	item_init(it, CHECK_BURN_RATE);
	it->threshold = p->burn_threshold;
	for (k = 0; k < 2; k++) {
		it->win_n[k] = m->win_n[k];
		it->win_breached[k] = m->win_breached[k];
		it->win_rate[k] = it->burn[k] = NAN;
		if (m->win_n[k] == 0)
			continue;
		it->win_rate[k] = (double)m->win_breached[k] /
		    (double)m->win_n[k];
		if (m->objective >= 0) {
			check_budget_make(m->objective, m->win_n[k],
			    m->win_breached[k], &b);
			it->burn[k] = b.burn_rate;
		}
		above += it->burn[k] > p->burn_threshold + CHECK_EPS;
	}
	if (m->objective < 0)
		it->why = CHECK_WHY_NO_OBJECTIVE;
	else if (!(m->objective < 1))
		it->why = CHECK_WHY_NO_BUDGET;
	else if (m->win_n[0] == 0 || m->win_n[0] < p->min_n)
		it->why = CHECK_WHY_BURN_FEW;
	else if (m->win_n[1] == 0)
		it->why = CHECK_WHY_BURN_EMPTY;
	else if (above == 2) {
		it->status = CHECK_FAIL;
		it->why = CHECK_WHY_BURNING;
	} else {
		it->status = CHECK_PASS;
		it->why = CHECK_WHY_BURN_SLOW;
	}
	return (it->status);
}

/*
 * With --history the objective is decided over every run of the sequence
 * (docs/ci.md): the within-adequate share of all its occurrences against
 * the upper end of its beta-binomial confidence sequence (stats.c), whose
 * prior is centred on the objective. Failing only when that end is below
 * the objective, a moment that meets it fails with a chance of at most
 * CHECK_CS_ALPHA however many nights it is checked. The item keeps this
 * run's share and Wilson interval beside the sequence's.
 */
void
check_objective_seq(const struct check_moment *m,
    const struct check_params *p, struct check_item *it)
{
	double	a, b, s, f;

	if (m->objective < 0)
		return;		/* nothing to decide, as without a history */
	it->seq = 1;
	it->seq_n = m->seq_n;
	it->seq_breached = m->seq_breached;
	it->seq_runs = m->seq_runs;
	it->seq_within = it->seq_lo = it->seq_hi = NAN;
	it->status = CHECK_SKIP;
	it->promoted = 0;
	if (m->seq_n > 0) {
		s = (double)(m->seq_n - m->seq_breached);
		f = (double)m->seq_breached;
		it->seq_within = s / (double)m->seq_n;
		cs_betabin_prior(m->objective, CHECK_CS_T_OPT, CHECK_CS_ALPHA,
		    &a, &b);
		cs_betabin(s, f, a, b, CHECK_CS_ALPHA, &it->seq_lo,
		    &it->seq_hi);
	}
	objective_decide(it, m->seq_n, it->seq_within, it->seq_hi,
	    m->objective, p);
}
