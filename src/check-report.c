/*
 * check-report.c - the outputs of mot check: a short table for people, TAP
 * for test harnesses, JUnit XML for CI test reporters (GitLab, Jenkins,
 * GitHub) and JSON for scripts. All say the same thing from the same
 * messages; numbers are written in the C locale and nothing depends on the
 * time of the run, so the same inputs give the same bytes. Escaping: one
 * function per format (term_clean, tap_text, xml_text on fmt.c's
 * markup_text; JSON through report-json.c's writers).
 */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check-report.h"
#include "fmt.h"
#include "history.h"
#include "isotime.h"
#include "report.h"

/* ------------------------------------------------------------ helpers -- */

static const struct check_moment *
row_moment(const struct check_row *row)
{
	return (row->cur != NULL ? row->cur : row->base);
}

/* A change in percent (pp: percentage points), signed, never "-0.0". */
static const char *
signed_pct(char *buf, size_t size, double v, const char *unit)
{
	v *= 100;
	if (fabs(v) < 0.05)
		v = 0;
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%+.1f%s", v, unit);
	return (buf);
}

static const char *
pval(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (v >= 0.001)
		snprintf(buf, size, "%.3f", v);
	else
		snprintf(buf, size, "%.1e", v);
	return (buf);
}

/* Adequate on the moment's own clock, named. */
static const char *
adequate(char *buf, size_t size, const struct check_moment *m)
{
	return (fmt_duration_on(buf, size, m->adequate_s, m->clock));
}

static const char *
lowercase_status(enum check_status s)
{
	switch (s) {
	case CHECK_PASS:
		return ("pass");
	case CHECK_WARN:
		return ("warn");
	case CHECK_FAIL:
		return ("fail");
	case CHECK_SKIP:
		break;
	}
	return ("skip");
}

static void
base_message(const struct check_report *cr, char *buf, size_t size)
{
	const char	*suffix = cr->res->base_promoted ?
	    " (a failure with --fail-on-warning)" : "";

	if (cr->res->base_status == CHECK_PASS)
		snprintf(buf, size, "same expectations as the baseline "
		    "(hash %s)", cr->exp_hash);
	else if (cr->base_hash == NULL)
		snprintf(buf, size, "the baseline has no expectations hash: it "
		    "may have been scored with other expectations%s", suffix);
	else
		snprintf(buf, size, "the baseline was scored with other "
		    "expectations (hash %s, now %s): compare with care%s",
		    cr->base_hash, cr->exp_hash, suffix);
}

/* The message of a burn-rate check: each window's figures, the threshold. */
static void
burn_message(const struct check_report *cr, const struct check_row *row,
    const struct check_item *it, char *buf, size_t size)
{
	const char	*lw = cr->burn_text[0], *sw = cr->burn_text[1];
	char		 a[32], b[32], c[32], d[32], o[32];

	snprintf(a, sizeof a, "%.2f", it->burn[0]);
	snprintf(b, sizeof b, "%.2f", it->burn[1]);
	fmt_pct(c, sizeof c, it->win_rate[0]);
	fmt_pct(d, sizeof d, it->win_rate[1]);
	switch (it->why) {
	case CHECK_WHY_NO_OBJECTIVE:
		snprintf(buf, size, "no objective set: no error budget to burn");
		break;
	case CHECK_WHY_NO_BUDGET:
		snprintf(buf, size, "objective %s allows no breach: no burn "
		    "rate", fmt_pct(o, sizeof o, row->cur->objective));
		break;
	case CHECK_WHY_BURN_FEW:
		snprintf(buf, size, "%llu occurrences in the long window %s, "
		    "fewer than the minimum %llu: not decided",
		    (unsigned long long)it->win_n[0], lw,
		    (unsigned long long)cr->p->min_n);
		break;
	case CHECK_WHY_BURN_EMPTY:
		snprintf(buf, size, "no occurrence in the short window %s "
		    "(burn rate %s over %s): not decided", sw, a, lw);
		break;
	default:
		snprintf(buf, size, "burn rate %s over %s (%llu of %llu "
		    "breached, %s) and %s over %s (%llu of %llu, %s): %s %g",
		    a, lw, (unsigned long long)it->win_breached[0],
		    (unsigned long long)it->win_n[0], c, b, sw,
		    (unsigned long long)it->win_breached[1],
		    (unsigned long long)it->win_n[1], d,
		    it->status == CHECK_FAIL ? "both above" :
		    "not both above", it->threshold);
		break;
	}
}

/*
 * A p90 check: the two p90s and the rise (a p90 not reached by the longest
 * time seen, a lower bound), then the test that decided it: k of n past the
 * baseline's p90 and the exact beta-binomial p, or Kaplan-Meier's share past it
 * with its standard error and z; and the adjusted q.
 */
static void
p90_message(const struct check_report *cr, const struct check_row *row,
    const struct check_item *it, char *buf, size_t size)
{
	const struct check_params	*p = cr->p;
	char				 a[48], b[48], c[32], d[32], e[32];
	char				 how[96];
	int				 len, reached = !isnan(it->p90_1);

	fmt_duration(a, sizeof a, it->p90_0, CLOCK_CALENDAR);
	if (reached)
		len = snprintf(buf, size, "p90 %s -> %s (%s, limit +%.1f%%)", a,
		    fmt_duration_on(b, sizeof b, it->p90_1, CLOCK_CALENDAR),
		    signed_pct(c, sizeof c, it->increase, "%"),
		    100 * p->max_p90_increase);
	else
		len = snprintf(buf, size, "p90 %s -> not reached (more than "
		    "10%% still running), above the longest time seen, %s (%s "
		    "at least, limit +%.1f%%)", a, fmt_duration_on(b, sizeof b,
		    row->cur->p90_floor, CLOCK_CALENDAR), signed_pct(c,
		    sizeof c, it->increase, "%"), 100 * p->max_p90_increase);
	if (len < 0 || (size_t)len >= size)
		return;
	buf += len;
	size -= (size_t)len;
	if (it->why == CHECK_WHY_P90_NOISE)
		len = snprintf(buf, size, ", but not beyond sampling noise");
	else if (it->status == CHECK_SKIP)
		len = snprintf(buf, size, ": not decided");
	else
		len = 0;
	if (len < 0 || (size_t)len >= size)
		return;
	buf += len;
	size -= (size_t)len;
	if (!it->p90_km)
		snprintf(buf, size, "; %llu of %llu above %s: one-sided exact "
		    "p %s against 10%% (beta-binomial: the baseline's p90 is "
		    "one of %llu times), BH q %s (alpha %g)",
		    (unsigned long long)it->above,
		    (unsigned long long)it->timed, a, pval(d, sizeof d, it->p),
		    (unsigned long long)it->base_timed,
		    pval(e, sizeof e, it->q), p->alpha);
	else {
		if (!isnan(it->z))
			snprintf(how, sizeof how, "(Greenwood se %s), one-sided "
			    "z %.2f", fmt_pct(c, sizeof c, it->surv_se), it->z);
		else
			snprintf(how, sizeof how, "(no variance: exact test "
			    "over the %llu known)", (unsigned long long)
			    (it->timed - it->cens_before));
		snprintf(buf, size, "; %llu of %llu known above %s, %llu "
		    "censored before it: Kaplan-Meier %s above %s, p %s against "
		    "10%%, BH q %s (alpha %g)", (unsigned long long)it->above,
		    (unsigned long long)it->timed, a,
		    (unsigned long long)it->cens_before,
		    fmt_pct(b, sizeof b, it->surv), how,
		    pval(d, sizeof d, it->p), pval(e, sizeof e, it->q),
		    p->alpha);
	}
}
static int	seq_message(const struct check_report *,
		    const struct check_row *, const struct check_item *,
		    char *, size_t);

void
check_message(const struct check_report *cr, const struct check_row *row,
    const struct check_item *it, char *buf, size_t size)
{
	const struct check_params	*p = cr->p;
	const struct check_moment	*m = row_moment(row);
	const char			*extra = "";
	char				 a[32], b[48], c[32], d[32], e[32];
	unsigned long long		 n = m->n, in = m->n - m->breached;

	if (it->kind == CHECK_BURN_RATE) {
		burn_message(cr, row, it, buf, size);
		return;
	}
	if (it->seq && seq_message(cr, row, it, buf, size))
		return;
	if (it->promoted)
		extra = it->kind == CHECK_OBJECTIVE && p->strict_objectives ?
		    " (a failure with --strict-objectives)" :
		    " (a failure with --fail-on-warning)";
	switch (it->why) {
	case CHECK_WHY_MET:
		snprintf(buf, size, "%s within %s (%llu of %llu) >= objective "
		    "%s", fmt_pct(a, sizeof a, it->within), adequate(b, sizeof b, m), in, n, fmt_pct(c, sizeof c, m->objective));
		break;
	case CHECK_WHY_NOISE:
		snprintf(buf, size, "%s within %s (%llu of %llu) < objective "
		    "%s, but its 95%% interval reaches %s: may be noise%s",
		    fmt_pct(a, sizeof a, it->within), adequate(b, sizeof b, m), in, n, fmt_pct(c, sizeof c, m->objective),
		    fmt_pct(d, sizeof d, it->hi), extra);
		break;
	case CHECK_WHY_MISSED:
		snprintf(buf, size, "%s within %s (%llu of %llu) < objective "
		    "%s; even its 95%% interval tops out at %s",
		    fmt_pct(a, sizeof a, it->within), adequate(b, sizeof b, m), in, n, fmt_pct(c, sizeof c, m->objective),
		    fmt_pct(d, sizeof d, it->hi));
		break;
	case CHECK_WHY_NO_OBJECTIVE:
		snprintf(buf, size, "no objective set (%s within %s, n %llu)",
		    fmt_pct(a, sizeof a, it->within), adequate(b, sizeof b, m), n);
		break;
	case CHECK_WHY_FEW:
		snprintf(buf, size, "%llu occurrences, fewer than the minimum "
		    "%llu: not decided", n, (unsigned long long)p->min_n);
		break;
	case CHECK_WHY_FEW_BASELINE:
		snprintf(buf, size, "the baseline has %llu occurrences, fewer "
		    "than the minimum %llu: not decided",
		    (unsigned long long)row->base->n,
		    (unsigned long long)p->min_n);
		break;
	case CHECK_WHY_NEW:
		snprintf(buf, size, "new moment: not in the baseline");
		break;
	case CHECK_WHY_VANISHED:
		snprintf(buf, size, "vanished: in the baseline (n %llu), not "
		    "in these expectations", n);
		break;
	case CHECK_WHY_NO_BASE_P90:
		snprintf(buf, size, "the baseline's p90 is %s: no relative "
		    "change to measure", isnan(it->p90_0) ? "missing" : "0");
		break;
	case CHECK_WHY_P90_RUNNING:
	case CHECK_WHY_P90_NOISE:
		p90_message(cr, row, it, buf, size);
		break;
	case CHECK_WHY_BURN_FEW:
	case CHECK_WHY_BURN_EMPTY:
	case CHECK_WHY_NO_BUDGET:
	case CHECK_WHY_BURN_SLOW:
	case CHECK_WHY_BURNING:
		burn_message(cr, row, it, buf, size);	/* not reached */
		break;
	case CHECK_WHY_MISSING:
		snprintf(buf, size, "no journey has touchpoint \"%s\": not "
		    "decided (--allow-missing)", m->missing);
		break;
	case CHECK_WHY_STABLE:
	case CHECK_WHY_REGRESSED:
		if (it->kind == CHECK_P90) {
			p90_message(cr, row, it, buf, size);
			break;
		}
		snprintf(buf, size, "breached %s -> %s (%s, limit +%.1f pp); "
		    "one-sided p %s, BH q %s (alpha %g)",
		    fmt_pct(a, sizeof a, it->rate0), fmt_pct(b, sizeof b, it->rate1),
		    signed_pct(e, sizeof e, it->change, " pp"),
		    100 * p->min_change, pval(c, sizeof c, it->p),
		    pval(d, sizeof d, it->q), p->alpha);
		break;
	}
}

static void
summary_line(const struct check_report *cr, char *buf, size_t size)
{
	const struct check_result	*res = cr->res;

	snprintf(buf, size, "%s: %zu failed, %zu warned, %zu passed, %zu "
	    "skipped (exit status %d)", check_status_name(res->status),
	    res->count[CHECK_FAIL], res->count[CHECK_WARN],
	    res->count[CHECK_PASS], res->count[CHECK_SKIP], cr->exit_status);
}

/* -------------------------------------------------------------- text -- */

/* The burn-rate windows and threshold, when asked. */
static void
text_burn(const struct check_report *cr, FILE *f)
{
	char	a[64], b[64], c[64];

	if (cr->burn_text[0] == NULL)
		return;
	if (cr->burn_until == MOT_TIME_NONE) {
		fprintf(f, "burn rate: no touchpoint has a time\n");
		return;
	}
	isotime_format(cr->burn_after[0], a, sizeof a);
	isotime_format(cr->burn_after[1], b, sizeof b);
	isotime_format(cr->burn_until, c, sizeof c);
	fprintf(f, "burn rate: long window %s after %s, short %s after %s, up "
	    "to %s; fails when both are above %g\n", cr->burn_text[0], a,
	    cr->burn_text[1], b, c, cr->p->burn_threshold);
}

static void
text_window(const struct check_report *cr, FILE *f)
{
	char	a[64], b[64];

	if (cr->window_text != NULL && cr->win_end == MOT_TIME_NONE)
		fprintf(f, "window: no touchpoint has a time\n");
	else if (cr->window_text != NULL) {
		isotime_format(cr->win_start, a, sizeof a);
		isotime_format(cr->win_end, b, sizeof b);
		fprintf(f, "window: stop times after %s up to %s\n", a, b);
	}
	text_burn(cr, f);
}

static void	text_history(const struct check_report *, FILE *);

void
check_report_text(const struct check_report *cr, FILE *f)
{
	const struct check_result	*res = cr->res;
	const struct check_row		*row;
	const struct check_budget	*bu;
	char				 id[256], msg[512], a[32], b[32], c[32];
	char				 clean[1024];
	int				 w = 6;
	size_t				 i, k, nbudget = 0;

	for (i = 0; i < res->nrows; i++) {
		term_clean(row_moment(&res->rows[i])->id, id, sizeof id);
		if (term_width(id) > w)
			w = term_width(id);
		nbudget += res->rows[i].has_budget;
	}
	if (res->have_base && w < 10)
		w = 10;
	fprintf(f, "mot check: %zu moments, %zu checks", res->nrows,
	    res->ntests);
	if (cr->base_path != NULL)
		fprintf(f, "; baseline %s", term_clean(cr->base_path, msg,
		    sizeof msg));
	fputc('\n', f);
	text_window(cr, f);
	text_history(cr, f);
	fputc('\n', f);
	fputs("STATUS  ", f);
	term_pad(f, "MOMENT", w + 2);
	fputs("CHECK         DECIDED BY\n", f);
	if (res->have_base) {
		base_message(cr, msg, sizeof msg);
		fprintf(f, "%-8s", check_status_name(res->base_status));
		term_pad(f, "(baseline)", w + 2);
		fprintf(f, "%-14s%s\n", "expectations", msg);
	}
	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		term_clean(row_moment(row)->id, id, sizeof id);
		for (k = 0; k < row->nitems; k++) {
			check_message(cr, row, &row->item[k], msg, sizeof msg);
			fprintf(f, "%-8s", check_status_name(row->item[k].status));
			term_pad(f, id, w + 2);
			/* A message may quote a name from the expectations. */
			fprintf(f, "%-14s%s\n", check_kind_name(row->item[k].kind),
			    term_clean(msg, clean, sizeof clean));
		}
	}
	if (nbudget > 0) {
		fputs("\nError budget (breached occurrences the objective "
		    "allows over the period):\n", f);
		term_pad(f, "MOMENT", w + 2);
		fputs("OBJECTIVE        N   ALLOWED    SPENT     LEFT  "
		    "SPENT%  BURN RATE\n", f);
		for (i = 0; i < res->nrows; i++) {
			row = &res->rows[i];
			if (!row->has_budget)
				continue;
			bu = &row->budget;
			term_pad(f, term_clean(row->cur->id, id, sizeof id),
			    w + 2);
			fprintf(f, "%9s %8llu %9.1f %8llu %8.1f %7s  ",
			    fmt_pct(a, sizeof a, row->cur->objective),
			    (unsigned long long)row->cur->n, bu->allowed,
			    (unsigned long long)bu->spent, bu->remaining,
			    isnan(bu->spent_share) ? "-" :
			    fmt_pct(b, sizeof b, bu->spent_share));
			if (isnan(bu->burn_rate))
				fputs("-\n", f);
			else {
				snprintf(c, sizeof c, "%.2f", bu->burn_rate);
				fprintf(f, "%s\n", c);
			}
		}
	}
	summary_line(cr, msg, sizeof msg);
	fprintf(f, "\n%s\n", msg);
}

/* --------------------------------------------------------------- TAP -- */

/* Write s in a TAP description: '#' and '\' escaped, control bytes as spaces. */
static void
tap_text(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p >= 0x80) {
			/* C1, bidirectional overrides, bad bytes: as escapes. */
			p = (const unsigned char *)text_put_char(f,
			    (const char *)p) - 1;
			continue;
		}
		if (*p == '#' || *p == '\\')
			fputc('\\', f);
		fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
	}
}

static void
tap_line(FILE *f, size_t num, enum check_status s, const char *id,
    const char *check, const char *msg)
{
	fprintf(f, "%s %zu - ", s == CHECK_FAIL ? "not ok" : "ok", num);
	tap_text(f, id);
	fputc(' ', f);
	tap_text(f, check);
	if (s == CHECK_SKIP) {
		fputs(" # SKIP ", f);
		tap_text(f, msg);
	} else {
		fputs(s == CHECK_WARN ? ": warning: " : ": ", f);
		tap_text(f, msg);
	}
	fputc('\n', f);
}

void
check_report_tap(const struct check_report *cr, FILE *f)
{
	const struct check_result	*res = cr->res;
	const struct check_row		*row;
	char				 msg[512];
	size_t				 i, k, num = 0;

	fprintf(f, "TAP version 13\n1..%zu\n", res->ntests);
	if (res->have_base) {
		base_message(cr, msg, sizeof msg);
		tap_line(f, ++num, res->base_status, "baseline",
		    "expectations", msg);
	}
	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		for (k = 0; k < row->nitems; k++) {
			check_message(cr, row, &row->item[k], msg, sizeof msg);
			tap_line(f, ++num, row->item[k].status,
			    row_moment(row)->id,
			    check_kind_name(row->item[k].kind), msg);
		}
	}
	summary_line(cr, msg, sizeof msg);
	fputs("# ", f);
	tap_text(f, msg);
	fputc('\n', f);
}

/* ------------------------------------------------------------- JUnit -- */

/*
 * Write s as XML character data or an attribute value: markup escaped,
 * tabs and line breaks as character references (so attributes keep them),
 * bytes XML 1.0 cannot hold (other controls, bad UTF-8) as '?'.
 */
static void
xml_text(FILE *f, const char *s)
{
	markup_text(f, s, MARKUP_XML);
}

static void
xml_attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	xml_text(f, value);
	fputc('"', f);
}

static void
junit_property(FILE *f, const char *name, const char *value)
{
	fputs("      <property", f);
	xml_attr(f, "name", name);
	xml_attr(f, "value", value);
	fputs("/>\n", f);
}

static void
junit_counts(FILE *f, size_t tests, size_t fails, size_t skips)
{
	fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
	    "time=\"0\"", tests, fails, skips);
}

static void
junit_case(FILE *f, const char *classname, const char *name,
    enum check_status s, const char *title, const char *msg)
{
	fputs("    <testcase", f);
	xml_attr(f, "classname", classname);
	xml_attr(f, "name", name);
	fputs(" time=\"0\">\n", f);
	switch (s) {
	case CHECK_FAIL:
		fputs("      <failure", f);
		xml_attr(f, "type", name);
		xml_attr(f, "message", msg);
		fputc('>', f);
		xml_text(f, title);
		fputs(": ", f);
		xml_text(f, msg);
		fputs("</failure>\n", f);
		break;
	case CHECK_SKIP:
		fputs("      <skipped", f);
		xml_attr(f, "message", msg);
		fputs("/>\n", f);
		break;
	case CHECK_PASS:
	case CHECK_WARN:
		break;
	}
	fprintf(f, "      <system-out>%s: ", check_status_name(s));
	xml_text(f, title);
	fputs(": ", f);
	xml_text(f, msg);
	fputs("</system-out>\n    </testcase>\n", f);
}

/* --burn-rate's windows, their bounds and the threshold. */
static void
junit_burn_properties(const struct check_report *cr, FILE *f)
{
	static const char	*name[2] = { "long", "short" };
	char			 key[64], buf[64];
	int			 k;

	if (cr->burn_text[0] == NULL)
		return;
	for (k = 0; k < 2; k++) {
		snprintf(key, sizeof key, "burn-rate.%s", name[k]);
		junit_property(f, key, cr->burn_text[k]);
		if (cr->burn_until == MOT_TIME_NONE)
			continue;
		snprintf(key, sizeof key, "burn-rate.%s.after", name[k]);
		isotime_format(cr->burn_after[k], buf, sizeof buf);
		junit_property(f, key, buf);
	}
	if (cr->burn_until != MOT_TIME_NONE) {
		isotime_format(cr->burn_until, buf, sizeof buf);
		junit_property(f, "burn-rate.until", buf);
	}
	snprintf(buf, sizeof buf, "%g", cr->p->burn_threshold);
	junit_property(f, "burn-rate.threshold", buf);
}
static void	junit_history_properties(const struct check_report *, FILE *);

static void
junit_run_properties(const struct check_report *cr, FILE *f)
{
	const struct check_params	*p = cr->p;
	char				 buf[64], b[64];

	fputs("    <properties>\n", f);
	junit_property(f, "expectations", cr->exp_path);
	junit_property(f, "expectations.hash", cr->exp_hash);
	if (cr->base_path != NULL)
		junit_property(f, "baseline", cr->base_path);
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)p->min_n);
	junit_property(f, "min-occurrences", buf);
	snprintf(buf, sizeof buf, "%g", p->alpha);
	junit_property(f, "alpha", buf);
	snprintf(buf, sizeof buf, "%g", 100 * p->min_change);
	junit_property(f, "min-change-pp", buf);
	snprintf(buf, sizeof buf, "%g", 100 * p->max_p90_increase);
	junit_property(f, "max-p90-increase-pct", buf);
	if (cr->window_text != NULL && cr->win_end != MOT_TIME_NONE) {
		isotime_format(cr->win_start, buf, sizeof buf);
		isotime_format(cr->win_end, b, sizeof b);
		junit_property(f, "window.after", buf);
		junit_property(f, "window.until", b);
	}
	junit_burn_properties(cr, f);
	junit_history_properties(cr, f);
	fputs("    </properties>\n", f);
}

void
check_report_junit(const struct check_report *cr, FILE *f)
{
	const struct check_result	*res = cr->res;
	const struct check_row		*row;
	const struct check_moment	*m;
	char				 msg[512], title[600];
	size_t				 i, k, nf, ns;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuites name=\"mot check\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\" time=\"0\">\n", res->ntests, res->count[CHECK_FAIL]);

	fputs("  <testsuite name=\"mot check\"", f);
	junit_counts(f, res->have_base ? 1 : 0, res->have_base &&
	    res->base_status == CHECK_FAIL ? 1 : 0, 0);
	fputs(">\n", f);
	junit_run_properties(cr, f);
	if (res->have_base) {
		base_message(cr, msg, sizeof msg);
		junit_case(f, "baseline", "expectations", res->base_status,
		    "baseline expectations", msg);
	}
	fputs("  </testsuite>\n", f);

	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		m = row_moment(row);
		for (k = nf = ns = 0; k < row->nitems; k++) {
			nf += row->item[k].status == CHECK_FAIL;
			ns += row->item[k].status == CHECK_SKIP;
		}
		fputs("  <testsuite", f);
		xml_attr(f, "name", m->id);
		junit_counts(f, row->nitems, nf, ns);
		fputs(">\n", f);
		for (k = 0; k < row->nitems; k++) {
			check_message(cr, row, &row->item[k], msg, sizeof msg);
			if (strcmp(m->name, m->id) == 0)
				snprintf(title, sizeof title, "%s %s", m->id,
				    check_kind_name(row->item[k].kind));
			else
				snprintf(title, sizeof title, "%s (%s) %s",
				    m->id, m->name,
				    check_kind_name(row->item[k].kind));
			junit_case(f, m->id, check_kind_name(row->item[k].kind),
			    row->item[k].status, title, msg);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
}

/* -------------------------------------------------------------- JSON -- */

/* A p-value: 4 significant digits (exponent form when small); null for NaN. */
static void
cj_sig(FILE *f, double v)
{
	if (isnan(v) || isinf(v))
		fputs("null", f);
	else
		fprintf(f, "%.4g", v);
}

static void
json_figures(FILE *f, int in, const struct check_moment *m, const char *end)
{
	fputs("{\n", f);
	json_u64(f, in + 2, "n", m->n, ",");
	json_u64(f, in + 2, "breached", m->breached, ",");
	json_dbl(f, in + 2, "breach_rate", m->n > 0 ? (double)m->breached /
	    (double)m->n : NAN, 6, ",");
	json_dbl(f, in + 2, "p90_s", m->p90, 3, "");
	fprintf(f, "%*s}%s\n", in, "", end);
}

/* A burn-rate check's figures: the threshold, and each window's. */
static void
json_burn(const struct check_report *cr, const struct check_item *it, FILE *f)
{
	static const char	*name[2] = { "long", "short" };
	char			 t[64];
	int			 k;

	json_dbl(f, 10, "threshold", it->threshold, 6, ",");
	fputs("          \"windows\": [\n", f);
	for (k = 0; k < 2; k++) {
		fputs("            {\n", f);
		json_str(f, 14, "window", name[k], ",");
		json_str(f, 14, "duration", cr->burn_text[k], ",");
		if (cr->burn_until == MOT_TIME_NONE) {
			json_str(f, 14, "after", NULL, ",");
			json_str(f, 14, "until", NULL, ",");
		} else {
			isotime_format(cr->burn_after[k], t, sizeof t);
			json_str(f, 14, "after", t, ",");
			isotime_format(cr->burn_until, t, sizeof t);
			json_str(f, 14, "until", t, ",");
		}
		json_u64(f, 14, "n", it->win_n[k], ",");
		json_u64(f, 14, "breached", it->win_breached[k], ",");
		json_dbl(f, 14, "breach_rate", it->win_rate[k], 6, ",");
		json_dbl(f, 14, "burn_rate", it->burn[k], 6, "");
		fprintf(f, "            }%s\n", k == 0 ? "," : "");
	}
	fputs("          ],\n", f);
}

/* A regression test's z, p and q (adjusted). */
static void
json_test(FILE *f, const struct check_item *it)
{
	json_dbl(f, 10, "z", it->z, 4, ",");
	json_key(f, 10, "p");
	cj_sig(f, it->p);
	fputs(",\n", f);
	json_key(f, 10, "q");
	cj_sig(f, it->q);
	fputs(",\n", f);
}

/* A count of a check's figures, null when the check did not get to it. */
static void
json_count(FILE *f, const char *key, uint64_t v, int known)
{
	if (known)
		json_u64(f, 10, key, v, ",");
	else {
		json_key(f, 10, key);
		fputs("null,\n", f);
	}
}

/* An interval [lo, hi] at key, null when lo is NaN; then end and a newline. */
static void
json_interval(FILE *f, int indent, const char *key, double lo, double hi,
    const char *end)
{
	json_key(f, indent, key);
	if (isnan(lo))
		fputs("null", f);
	else {
		fputc('[', f);
		json_number(f, lo, 6);
		fputs(", ", f);
		json_number(f, hi, 6);
		fputc(']', f);
	}
	fprintf(f, "%s\n", end);
}

static void	json_sequence(FILE *, const struct check_item *);

static void
json_item(const struct check_report *cr, const struct check_row *row,
    const struct check_item *it, FILE *f, const char *end)
{
	char	msg[512];

	fputs("        {\n", f);
	json_str(f, 10, "check", check_kind_name(it->kind), ",");
	json_str(f, 10, "status", lowercase_status(it->status), ",");
	json_bool(f, 10, "promoted", it->promoted, ",");
	switch (it->kind) {
	case CHECK_OBJECTIVE:
		json_dbl(f, 10, "within_adequate_rate", it->within, 6, ",");
		json_interval(f, 10, "within_adequate_ci", it->lo, it->hi, ",");
		json_sequence(f, it);
		break;
	case CHECK_BREACH_RATE:
		json_dbl(f, 10, "baseline_breach_rate", it->rate0, 6, ",");
		json_dbl(f, 10, "breach_rate", it->rate1, 6, ",");
		json_dbl(f, 10, "change", it->change, 6, ",");
		json_test(f, it);
		break;
	case CHECK_P90:
		json_dbl(f, 10, "baseline_p90_s", it->p90_0, 3, ",");
		json_dbl(f, 10, "p90_s", it->p90_1, 3, ",");
		json_dbl(f, 10, "increase", it->increase, 6, ",");
		json_str(f, 10, "test", isnan(it->p) ? NULL : it->p90_km ?
		    "kaplan-meier" : "beta-binomial", ",");
		json_count(f, "baseline_timed", it->base_timed, !isnan(it->p));
		json_count(f, "above", it->above, !isnan(it->p));
		json_count(f, "timed", it->timed, !isnan(it->p));
		json_count(f, "censored_before", it->cens_before, !isnan(it->p));
		json_dbl(f, 10, "km_survival", it->surv, 6, ",");
		json_dbl(f, 10, "km_se", it->surv_se, 6, ",");
		json_test(f, it);
		break;
	case CHECK_BURN_RATE:
		json_burn(cr, it, f);
		break;
	}
	check_message(cr, row, it, msg, sizeof msg);
	json_str(f, 10, "message", msg, "");
	fprintf(f, "        }%s\n", end);
}

static void
json_row(const struct check_report *cr, const struct check_row *row, FILE *f,
    const char *end)
{
	const struct check_moment	*m = row_moment(row);
	const struct check_budget	*b = &row->budget;
	size_t				 k;

	fputs("    {\n", f);
	json_str(f, 6, "id", m->id, ",");
	json_str(f, 6, "name", m->name, ",");
	json_str(f, 6, "status", lowercase_status(row->status), ",");
	json_str(f, 6, "presence", !cr->res->have_base ? "current" :
	    row->cur == NULL ? "vanished" : row->base == NULL ? "new" : "both",
	    ",");
	json_dbl(f, 6, "objective", m->objective >= 0 ? m->objective : NAN, 6,
	    ",");
	json_dbl(f, 6, "adequate_s", m->adequate_s, 6, ",");
	json_key(f, 6, "current");
	if (row->cur == NULL)
		fputs("null,\n", f);
	else
		json_figures(f, 6, row->cur, ",");
	json_key(f, 6, "baseline");
	if (row->base == NULL)
		fputs("null,\n", f);
	else
		json_figures(f, 6, row->base, ",");
	json_key(f, 6, "error_budget");
	if (!row->has_budget)
		fputs("null,\n", f);
	else {
		fputs("{\n", f);
		json_dbl(f, 8, "allowed", b->allowed, 6, ",");
		json_u64(f, 8, "spent", b->spent, ",");
		json_dbl(f, 8, "spent_share", b->spent_share, 6, ",");
		json_dbl(f, 8, "remaining", b->remaining, 6, ",");
		json_dbl(f, 8, "burn_rate", b->burn_rate, 6, "");
		fputs("      },\n", f);
	}
	fputs("      \"checks\": [\n", f);
	for (k = 0; k < row->nitems; k++)
		json_item(cr, row, &row->item[k], f,
		    k + 1 < row->nitems ? "," : "");
	fprintf(f, "      ]\n    }%s\n", end);
}

static void	json_history(const struct check_report *, FILE *);

void
check_report_json(const struct check_report *cr, FILE *f)
{
	const struct check_result	*res = cr->res;
	const struct check_params	*p = cr->p;
	char				 msg[512];
	size_t				 i;

	fputs("{\n", f);
	json_str(f, 2, "mot_version", PACKAGE_VERSION, ",");
	json_u64(f, 2, "check_version", 1, ",");
	json_str(f, 2, "result", lowercase_status(res->status), ",");
	json_u64(f, 2, "exit_status", (uint64_t)cr->exit_status, ",");
	fputs("  \"counts\": {\n", f);
	json_u64(f, 4, "tests", res->ntests, ",");
	json_u64(f, 4, "pass", res->count[CHECK_PASS], ",");
	json_u64(f, 4, "warn", res->count[CHECK_WARN], ",");
	json_u64(f, 4, "fail", res->count[CHECK_FAIL], ",");
	json_u64(f, 4, "skip", res->count[CHECK_SKIP], ",");
	json_u64(f, 4, "new_moments", res->nnew, ",");
	json_u64(f, 4, "vanished_moments", res->nvanished, "");
	fputs("  },\n", f);
	fputs("  \"parameters\": {\n", f);
	json_u64(f, 4, "min_occurrences", p->min_n, ",");
	json_dbl(f, 4, "alpha", p->alpha, 6, ",");
	json_dbl(f, 4, "min_change", p->min_change, 6, ",");
	json_dbl(f, 4, "max_p90_increase", p->max_p90_increase, 6, ",");
	json_bool(f, 4, "strict_objectives", p->strict_objectives, ",");
	json_bool(f, 4, "fail_on_warning", p->fail_on_warning, "");
	fputs("  },\n", f);
	fputs("  \"expectations\": {\n", f);
	json_str(f, 4, "path", cr->exp_path, ",");
	json_str(f, 4, "hash", cr->exp_hash, "");
	fputs("  },\n", f);
	json_key(f, 2, "baseline");
	if (!res->have_base)
		fputs("null,\n", f);
	else {
		fputs("{\n", f);
		json_str(f, 4, "path", cr->base_path, ",");
		json_str(f, 4, "hash", cr->base_hash, ",");
		json_bool(f, 4, "same_expectations",
		    cr->base_hash != NULL && strcmp(cr->base_hash,
		    cr->exp_hash) == 0, ",");
		json_str(f, 4, "status", lowercase_status(res->base_status),
		    ",");
		base_message(cr, msg, sizeof msg);
		json_str(f, 4, "message", msg, "");
		fputs("  },\n", f);
	}
	json_key(f, 2, "window");
	if (cr->window_text == NULL)
		fputs("null,\n", f);
	else {
		fputs("{\n", f);
		json_str(f, 4, "duration", cr->window_text, ",");
		json_dbl(f, 4, "duration_s", cr->win_end == MOT_TIME_NONE ?
		    NAN : (double)cr->window / 1e6, 6, ",");
		if (cr->win_end == MOT_TIME_NONE) {
			json_str(f, 4, "after", NULL, ",");
			json_str(f, 4, "until", NULL, "");
		} else {
			isotime_format(cr->win_start, msg, sizeof msg);
			json_str(f, 4, "after", msg, ",");
			isotime_format(cr->win_end, msg, sizeof msg);
			json_str(f, 4, "until", msg, "");
		}
		fputs("  },\n", f);
	}
	json_history(cr, f);
	fputs("  \"moments\": [", f);
	for (i = 0; i < res->nrows; i++) {
		fputs(i == 0 ? "\n" : "", f);
		json_row(cr, &res->rows[i], f, i + 1 < res->nrows ? "," : "");
	}
	fputs(res->nrows > 0 ? "  ]\n}\n" : "]\n}\n", f);
}

/* ----------------------------------------------------------- history -- */

void
check_report_history(const struct history *h, const struct history_plan *pl,
    mot_time as_of, const char *hash, const struct history_count *m,
    size_t nm, FILE *f)
{
	char	buf[64];
	size_t	i;

	if (h->len > 0) {
		fwrite(h->buf, 1, h->len, f);
		if (h->buf[h->len - 1] != '\n')
			fputc('\n', f);
	}
	isotime_format(as_of, buf, sizeof buf);
	fprintf(f, "{\"mot_history\":%d,\"as_of\":\"%s\",\"after\":",
	    HISTORY_VERSION, buf);
	if (pl->after == MOT_TIME_NONE)
		fputs("null", f);
	else {
		isotime_format(pl->after, buf, sizeof buf);
		fprintf(f, "\"%s\"", buf);
	}
	fputs(",\"expectations_hash\":", f);
	json_string(f, hash);
	fputs(",\"moments\":[", f);
	for (i = 0; i < nm; i++) {
		fputs(i > 0 ? ",{\"id\":" : "{\"id\":", f);
		json_string(f, m[i].id);
		fprintf(f, ",\"n\":%" PRIu64 ",\"breached\":%" PRIu64 "}",
		    m[i].n, m[i].breached);
	}
	fputs("]}\n", f);
}

/*
 * The message of an objective decided by the confidence sequence (1), or 0
 * for one the sequence did not decide (no objective: the usual message).
 */
static int
seq_message(const struct check_report *cr, const struct check_row *row,
    const struct check_item *it, char *buf, size_t size)
{
	const struct check_moment	*m = row_moment(row);
	char				 a[32], b[48], c[32], lo[32], hi[32];
	char				 runs[32];
	unsigned long long		 n = it->seq_n;
	unsigned long long		 in = it->seq_n - it->seq_breached;
	const char			*extra = it->promoted ?
	    (cr->p->strict_objectives ? " (a failure with --strict-objectives)" :
	    " (a failure with --fail-on-warning)") : "";

	snprintf(runs, sizeof runs, "%zu run%s", it->seq_runs,
	    it->seq_runs == 1 ? "" : "s");
	fmt_pct(lo, sizeof lo, it->seq_lo);
	fmt_pct(hi, sizeof hi, it->seq_hi);
	switch (it->why) {
	case CHECK_WHY_MET:
		snprintf(buf, size, "%s within %s (%llu of %llu over %s) >= "
		    "objective %s (95%% confidence sequence %s to %s)",
		    fmt_pct(a, sizeof a, it->seq_within),
		    adequate(b, sizeof b, m), in, n, runs,
		    fmt_pct(c, sizeof c, m->objective), lo, hi);
		return (1);
	case CHECK_WHY_NOISE:
		snprintf(buf, size, "%s within %s (%llu of %llu over %s) < "
		    "objective %s, but its 95%% confidence sequence, %s to %s, "
		    "reaches it: may be noise%s",
		    fmt_pct(a, sizeof a, it->seq_within),
		    adequate(b, sizeof b, m), in, n, runs,
		    fmt_pct(c, sizeof c, m->objective), lo, hi, extra);
		return (1);
	case CHECK_WHY_MISSED:
		snprintf(buf, size, "%s within %s (%llu of %llu over %s) < "
		    "objective %s; even its 95%% confidence sequence, %s to %s, "
		    "is below it", fmt_pct(a, sizeof a, it->seq_within),
		    adequate(b, sizeof b, m), in, n, runs,
		    fmt_pct(c, sizeof c, m->objective), lo, hi);
		return (1);
	case CHECK_WHY_FEW:
		snprintf(buf, size, "%llu occurrences over %s, fewer than the "
		    "minimum %llu: not decided", n, runs,
		    (unsigned long long)cr->p->min_n);
		return (1);
	default:
		return (0);
	}
}

static void
text_history(const struct check_report *cr, FILE *f)
{
	const struct history_plan	*pl = cr->hist_plan;
	char				 a[64], b[64], path[512];

	if (cr->hist_path == NULL)
		return;
	term_clean(cr->hist_path, path, sizeof path);
	isotime_format(cr->hist_as_of, b, sizeof b);
	if (!pl->append) {
		fprintf(f, "history: %s, %zu runs; a run as of %s is recorded "
		    "already: nothing added\n", path, pl->runs, b);
		return;
	}
	if (pl->after == MOT_TIME_NONE)
		fprintf(f, "history: %s, run 1 of the sequence: stop times up "
		    "to %s\n", path, b);
	else {
		isotime_format(pl->after, a, sizeof a);
		fprintf(f, "history: %s, run %zu of the sequence%s: stop times "
		    "after %s up to %s\n", path, pl->runs, pl->reset ?
		    " (a new one: other expectations)" : "", a, b);
	}
}

static void
junit_history_properties(const struct check_report *cr, FILE *f)
{
	const struct history_plan	*pl = cr->hist_plan;
	char				 buf[64];

	if (cr->hist_path == NULL)
		return;
	junit_property(f, "history", cr->hist_path);
	isotime_format(cr->hist_as_of, buf, sizeof buf);
	junit_property(f, "history.as-of", buf);
	if (pl->after != MOT_TIME_NONE) {
		isotime_format(pl->after, buf, sizeof buf);
		junit_property(f, "history.after", buf);
	}
	snprintf(buf, sizeof buf, "%zu", pl->runs);
	junit_property(f, "history.runs", buf);
	junit_property(f, "history.appended", pl->append ? "yes" : "no");
	snprintf(buf, sizeof buf, "%g", CHECK_CS_ALPHA);
	junit_property(f, "history.alpha", buf);
}

static void
json_sequence(FILE *f, const struct check_item *it)
{
	json_key(f, 10, "sequence");
	if (!it->seq) {
		fputs("null,\n", f);
		return;
	}
	fputs("{\n", f);
	json_u64(f, 12, "runs", it->seq_runs, ",");
	json_u64(f, 12, "n", it->seq_n, ",");
	json_u64(f, 12, "breached", it->seq_breached, ",");
	json_dbl(f, 12, "within_adequate_rate", it->seq_within, 6, ",");
	json_interval(f, 12, "confidence_sequence", it->seq_lo, it->seq_hi, "");
	fputs("          },\n", f);
}

static void
json_history(const struct check_report *cr, FILE *f)
{
	const struct history_plan	*pl = cr->hist_plan;
	char				 buf[64];

	json_key(f, 2, "history");
	if (cr->hist_path == NULL) {
		fputs("null,\n", f);
		return;
	}
	fputs("{\n", f);
	json_str(f, 4, "path", cr->hist_path, ",");
	isotime_format(cr->hist_as_of, buf, sizeof buf);
	json_str(f, 4, "as_of", buf, ",");
	if (pl->after != MOT_TIME_NONE)
		isotime_format(pl->after, buf, sizeof buf);
	json_str(f, 4, "after", pl->after != MOT_TIME_NONE ? buf : NULL, ",");
	json_u64(f, 4, "runs", pl->runs, ",");
	json_bool(f, 4, "appended", pl->append, ",");
	json_bool(f, 4, "new_sequence", pl->reset, ",");
	json_dbl(f, 4, "alpha", CHECK_CS_ALPHA, 6, ",");
	json_u64(f, 4, "prior_trials", CHECK_CS_T_OPT, "");
	fputs("  },\n", f);
}
