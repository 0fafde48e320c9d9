/* report-text.c - the short readable summary: weakest moments first, one verdict each. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isotime.h"
#include "fmt.h"
#include "report.h"
#include "xmalloc.h"

/* Colour, only on a terminal and unless NO_COLOR is set (no-color.org). */
static int	text_colour;

#define SGR_BOLD	"\033[1m"
#define SGR_RED		"\033[1;31m"
#define SGR_GREEN	"\033[32m"
#define SGR_YELLOW	"\033[33m"
#define SGR_RESET	"\033[0m"

/* Longest breakdown value in a table before it is shortened in the middle. */
#define TEXT_LABEL_MAX	32

static const char *
sgr(const char *code)
{
	return (text_colour ? code : "");
}

/*
 * Percentile v (q) of c: on calendar time its duration, on working time
 * its hours without the unit (the line or heading names it); or "more than
 * 10% still running". Returns whether it was reached.
 */
static int
pct_dur(const struct cell_sum *c, double v, double q, enum fmt_clock clock,
    char *buf, size_t size)
{
	if (summary_unreached(c, v, q, buf, size) != NULL)
		return (0);
	if (clock == CLOCK_WORKING)
		fmt_hours(buf, size, v);
	else
		fmt_duration(buf, size, fmt_sig(v, QUANTILE_DIGITS), clock);
	return (1);
}

static void
text_breakdown(const struct report *r, const struct moment_sum *ms, FILE *f)
{
	const struct cell_sum	*c;
	const char		**values;
	char			 v[256], ci[40], br[16], lo[16], hi[16], p90[40];
	char			**labels;
	size_t			 i, n = summary_rows(ms);
	int			 w;
	enum fmt_clock		 clock;

	/* Values shortened in the middle, kept apart (fmt_labels). */
	values = xcalloc(n + 1, sizeof *values);
	for (i = 0; i < n; i++)
		values[i] = summary_row(ms, i)->value;
	labels = fmt_labels(values, n, TEXT_LABEL_MAX);
	free(values);
	w = term_width(term_clean(r->by, v, TEXT_LABEL_MAX + 1));
	for (i = 0; i < n; i++) {
		if (term_width(term_clean(labels[i], v, sizeof v)) > w)
			w = term_width(v);
	}
	fputs("     ", f);
	term_pad(f, term_clean(r->by, v, TEXT_LABEL_MAX + 1), w);
	clock = agg_clock(ms->m);
	fprintf(f, " %8s %9s %16s  %s\n", "n", "breached", "95% CI", clock ==
	    CLOCK_WORKING ? "p90 (working hours)" : "p90 (calendar time)");
	for (i = 0; i < summary_rows(ms); i++) {
		c = summary_row(ms, i);
		fmt_pct(br, sizeof br, c->breach_rate);
		fmt_pct(lo, sizeof lo, c->ci_lo);
		fmt_pct(hi, sizeof hi, c->ci_hi);
		pct_dur(c, clock == CLOCK_WORKING ? c->business_p90 : c->p90,
		    0.9, clock, p90, sizeof p90);
		snprintf(ci, sizeof ci, "%s-%s", lo, hi);
		fputs("     ", f);
		term_pad(f, term_clean(labels[i], v, sizeof v), w);
		fprintf(f, " %8llu %9s %16s  %s\n", (unsigned long long)c->n,
		    br, c->n > 0 ? ci : "-", p90);
	}
	xfree_strings(labels, n);
}

/* The latest periods of a moment's trend: cohorts by the start of the clock. */
static void
text_trend(const struct report *r, const struct moment_sum *ms, FILE *f)
{
	const struct periods	*p;
	struct period_sum	 ps;
	char			 label[32], br[16], lo[16], hi[16], ci[40];
	int64_t			 k, first;
	int			 monthly = summary_monthly(r->a);

	p = summary_periods(r->s, ms->index, monthly);
	if (p->n == 0)
		return;
	first = summary_trend_first(p);
	fprintf(f, "    trend by %s of start", monthly ? "month" : "week");
	if (first > p->first)
		fprintf(f, " (the latest %d of %zu)", SUMMARY_TREND_ROWS, p->n);
	fprintf(f, ":\n     %-9s %8s %9s %8s %16s\n", monthly ? "month" :
	    "week", "n", "breached", "open", "95% CI");
	for (k = first; k < p->first + (int64_t)p->n; k++) {
		summary_period(r->s, p, k, &ps);
		agg_period_label(p, monthly, (size_t)(k - p->first), label,
		    sizeof label);
		fmt_pct(br, sizeof br, ps.breach_rate);
		fmt_pct(lo, sizeof lo, ps.ci_lo);
		fmt_pct(hi, sizeof hi, ps.ci_hi);
		snprintf(ci, sizeof ci, "%s-%s", lo, hi);
		fprintf(f, "     %-9s %8llu %9s %8llu %16s", label,
		    (unsigned long long)ps.n, br, (unsigned long long)ps.open,
		    ps.n > 0 ? ci : "-");
		if (*summary_period_marks(&ps) != '\0')
			fprintf(f, "  %s", summary_period_marks(&ps));
		fputc('\n', f);
	}
}

static void
text_moment(const struct report *r, const struct moment_sum *ms, FILE *f)
{
	const struct moment	*m = ms->m;
	const struct cell_sum	*c = &ms->total;
	char			 name[80], id[80], stage[80], verdict[512];
	char			 met[16], tol[16], br[16], lo[16], hi[16];
	char			 p50[48], p90[48], p95[48], mx[32], d[48], a[48];
	char			*last;
	char			 src[80], clean[512], cons[16];
	const char		*tone;
	enum fmt_clock		 clock;

	summary_verdict(ms, verdict, sizeof verdict);
	tone = c->objective_met == 0 ? SGR_RED : c->objective_met == 1 ?
	    SGR_GREEN : c->breached > 0 ? SGR_YELLOW : "";
	fputs(sgr(SGR_BOLD), f);
	if (strcmp(m->name, m->id) == 0)
		fprintf(f, "%2zu. %s", ms->rank, term_clean(m->id, id,
		    sizeof id));
	else
		fprintf(f, "%2zu. %s [%s]", ms->rank, term_clean(m->name,
		    name, sizeof name), term_clean(m->id, id, sizeof id));
	if (*m->stage != '\0')
		fprintf(f, " - %s", term_clean(m->stage, stage, sizeof stage));
	fprintf(f, "%s\n    %s%s%s\n", sgr(SGR_RESET), sgr(tone),
	    term_clean(verdict, clean, sizeof clean), *tone != '\0' ?
	    sgr(SGR_RESET) : "");
	fmt_pct(met, sizeof met, c->met_rate);
	fmt_pct(tol, sizeof tol, c->tolerated_rate);
	fmt_pct(br, sizeof br, c->breach_rate);
	fmt_pct(lo, sizeof lo, c->ci_lo);
	fmt_pct(hi, sizeof hi, c->ci_hi);
	fprintf(f, "    n %llu  open %llu", (unsigned long long)c->n,
	    (unsigned long long)c->open);
	if (c->ended > 0)
		fprintf(f, "  ended %llu", (unsigned long long)c->ended);
	if (c->open_breached + c->ended_breached > 0)
		fprintf(f, "  (breached while open %llu, ended past adequate "
		    "%llu)", (unsigned long long)c->open_breached,
		    (unsigned long long)c->ended_breached);
	if (c->invalid > 0)
		fprintf(f, "  invalid %llu", (unsigned long long)c->invalid);
	if (c->n > 0)
		fprintf(f, "  met %s  tolerated %s  breached %s (95%% CI "
		    "%s-%s)  score %s (sd %s)", met, tol, br, lo, hi,
		    fmt_fixed(p50, sizeof p50, c->score_mean, 2, NULL),
		    fmt_fixed(p90, sizeof p90, c->score_sd, 2, NULL));
	fputc('\n', f);
	/* Many breaches that never stopped: maybe journeys that ended otherwise. */
	if ((double)(c->open_breached + c->ended_breached) > 0.2 *
	    (double)c->n)
		fprintf(f, "    %llu clocks never stopped and are past "
		    "adequate; if those journeys ended another way, name the "
		    "touchpoints that end them with ends=\n",
		    (unsigned long long)(c->open_breached +
		    c->ended_breached));
	/* Desired and adequate are on the clock the zone is judged on. */
	clock = agg_clock(m);
	fmt_duration(d, sizeof d, (double)m->desired.us / 1e6, clock);
	fmt_duration(a, sizeof a, (double)m->adequate.us / 1e6, clock);
	if (c->n == 0) {
		fprintf(f, "    (desired %s, adequate %s%s)\n", d, a, clock ==
		    CLOCK_CALENDAR ? ", calendar time" : "");
		return;
	}
	pct_dur(c, c->p50, 0.5, CLOCK_CALENDAR, p50, sizeof p50);
	pct_dur(c, c->p90, 0.9, CLOCK_CALENDAR, p90, sizeof p90);
	pct_dur(c, c->p95, 0.95, CLOCK_CALENDAR, p95, sizeof p95);
	fmt_duration(mx, sizeof mx, c->max, CLOCK_CALENDAR);
	fprintf(f, "    elapsed, calendar time: p50 %s  p90 %s  p95 %s  max %s%s",
	    p50, p90, p95, mx, c->max_running ? " (not stopped)" : "");
	if (clock == CLOCK_CALENDAR)
		fprintf(f, "  (desired %s, adequate %s)", d, a);
	fputc('\n', f);
	if (clock == CLOCK_WORKING) {
		/* The unit follows the last percentile reached, if any. */
		last = NULL;
		if (pct_dur(c, c->business_p50, 0.5, clock, p50, sizeof p50))
			last = p50;
		if (pct_dur(c, c->business_p90, 0.9, clock, p90, sizeof p90))
			last = p90;
		if (pct_dur(c, c->business_p95, 0.95, clock, p95, sizeof p95))
			last = p95;
		if (last != NULL)
			snprintf(last + strlen(last), sizeof p50 - strlen(last),
			    " working hours");
		fprintf(f, "    own clock, working time: p50 %s  p90 %s  p95 %s  "
		    "(%s%s%s%s; desired %s, adequate %s)\n",
		    p50, p90, p95, m->calendar >= 0 ? "hours of " : "",
		    m->calendar >= 0 ? term_clean(m->calendar_id, src,
		    sizeof src) : "", m->calendar >= 0 && m->npauses > 0 ?
		    ", " : "", m->npauses > 0 ? "pauses left out" : "", d, a);
	}
	if (c->promised > 0) {
		fmt_pct(br, sizeof br, c->promise_broken_rate);
		fmt_pct(tol, sizeof tol, c->over_promised_rate);
		fmt_duration_on(p90, sizeof p90, fmt_sig(c->promise_late_p90, QUANTILE_DIGITS),
		    CLOCK_CALENDAR);
		fprintf(f, "    promises: %llu made, %s broken", (unsigned long
		    long)c->promised, br);
		if (!isnan(c->promise_late_p90))
			fprintf(f, " (90%% late by at most %s)", p90);
		fprintf(f, ", %s tighter than adequate\n", tol);
	}
	if (c->has_customer) {
		fmt_pct(br, sizeof br, c->cust_breach_rate);
		fprintf(f, "    customers' own zone%s%s%s: %s breached, score "
		    "%.2f\n", m->cust_source != NULL ? " (" : "",
		    m->cust_source != NULL ? term_clean(m->cust_source, src,
		    sizeof src) : "", m->cust_source != NULL ? ")" : "", br,
		    c->cust_score_mean);
	}
	if (r->e->has_recovery && c->failures > 0) {
		fmt_pct(br, sizeof br, c->recovery_rate);
		fmt_duration_on(p50, sizeof p50, fmt_sig(c->recover_p50, QUANTILE_DIGITS),
		    CLOCK_CALENDAR);
		fprintf(f, "    recovery: %llu failures, %llu recovered (%s)",
		    (unsigned long long)c->failures,
		    (unsigned long long)c->recovered, br);
		if (c->recovered > 0)
			fprintf(f, " in %s (median)", p50);
		if (c->recovery_failed > 0)
			fprintf(f, ", %llu recoveries failed",
			    (unsigned long long)c->recovery_failed);
		fputc('\n', f);
	}
	if (!isnan(c->nps.delta)) {
		fprintf(f, "    NPS %+.0f where breached vs %+.0f where not: "
		    "%+.1f points (95%% CI %+.1f to %+.1f", c->nps.breached,
		    c->nps.met, c->nps.delta, c->nps.ci_lo, c->nps.ci_hi);
		if (!isnan(c->nps.q))
			fprintf(f, ", adjusted p %s", fmt_p(cons, sizeof cons,
			    c->nps.q));
		fputc(')', f);
		if (!isnan(c->nps_recoverable) && c->nps_recoverable > 0)
			fprintf(f, "; %.1f points to win back", c->nps_recoverable);
		else if (!isnan(c->nps_recoverable) && c->nps_recoverable < 0)
			fprintf(f, "; %.1f points to win back: no cost",
			    c->nps_recoverable);
		fputc('\n', f);
	} else if (summary_too_few(c, &c->nps, r->e->params.min_answers,
	    clean, sizeof clean))
		fprintf(f, "    NPS: %s\n", clean);
	fmt_pct(br, sizeof br, ms->reach);
	fmt_pct(tol, sizeof tol, c->memory_share);
	fprintf(f, "    priority %s  (reach %s, memory share %s, "
	    "consistency %s)\n", fmt_fixed(p50, sizeof p50, ms->priority, 4,
	    c->n == 0 ? FMT_NO_FINISHED : NULL), br, tol, fmt_fixed(cons,
	    sizeof cons, c->consistency, 2, NULL));
	if (r->by != NULL && ms->nby > 0)
		text_breakdown(r, ms, f);
	text_trend(r, ms, f);
}

static void
text_journeys(const struct summary *s, FILE *f)
{
	const struct jdist_sum	*d = &s->jd;

	if (d->n == 0)
		return;
	fprintf(f, "\nJourneys as remembered: %llu scored, journey score mean "
	    "%.2f (p10 %.2f, p50 %.2f, p90 %.2f); remembered %.2f, peak-end "
	    "%.2f, effort %.2f\n", (unsigned long long)d->n, d->mean, d->p10,
	    d->p50, d->p90, d->remembered, d->peak_end, d->effort);
}

void
report_text(const struct report *r, FILE *f)
{
	const struct agg	*a = r->a;
	struct read_stats	 dq;
	char			 buf[80];
	const char		*nc;
	size_t			 i, k;
	int			 anyopen = 0;

	nc = getenv("NO_COLOR");
	text_colour = f == stdout && isatty(fileno(f)) && (nc == NULL ||
	    *nc == '\0');
	fprintf(f, "mot %s: %llu journeys read from %zu input%s, %llu "
	    "accepted, %llu rejected; %zu moments", PACKAGE_VERSION,
	    (unsigned long long)a->journeys_read, a->ninputs,
	    a->ninputs == 1 ? "" : "s",
	    (unsigned long long)(a->journeys_read - a->journeys_rejected),
	    (unsigned long long)a->journeys_rejected, r->s->n);
	if (a->as_of != MOT_TIME_NONE) {
		isotime_format(a->as_of, buf, sizeof buf);
		fprintf(f, "; data as of %s", buf);
	}
	fputc('\n', f);
	for (i = 0; i < a->reasons.n; i++) {
		k = r->s->reasons[i];
		fprintf(f, "  rejected: %llu %s (first at ",
		    (unsigned long long)a->reason_count[k],
		    term_clean(strtab_key(&a->reasons, k), buf, sizeof buf));
		text_put(f, a->reason_first[k]);
		fputs(")\n", f);
	}
	report_dq(a, &dq);
	if (r->s->unmatched > 0)
		fprintf(f, "  moments naming a touchpoint no journey has: %zu (a "
		    "typo? see the warnings)\n", r->s->unmatched);
	if (a->duplicate_ids > 0)
		fprintf(f, "  duplicate ids: %lld journeys have an id an earlier "
		    "one had (all were read)\n", (long long)a->duplicate_ids);
	if (dq.events > 0)
		fprintf(f, "  XES events: %llu read, %llu without time:timestamp "
		    "and %llu with an unreadable one (left out), %llu starts "
		    "never completed, %llu completes without a start\n",
		    (unsigned long long)dq.events,
		    (unsigned long long)dq.events_no_time,
		    (unsigned long long)dq.events_bad_time,
		    (unsigned long long)dq.unpaired_starts,
		    (unsigned long long)dq.unpaired_completes);
	if (dq.ocel_events > 0)
		fprintf(f, "  OCEL events: %llu read, %llu left out (without a "
		    "time, or related to no object); relations to objects the "
		    "log lacks: %llu; objects given twice: %llu; journey "
		    "attribute values set after the first event (left out): "
		    "%llu\n", (unsigned long long)dq.ocel_events,
		    (unsigned long long)dq.ocel_events_left_out,
		    (unsigned long long)dq.ocel_unknown_objects,
		    (unsigned long long)dq.ocel_duplicate_objects,
		    (unsigned long long)dq.ocel_attr_changes);
	if (dq.csv_rows > 0 || dq.csv_rows_no_id > 0)
		fprintf(f, "  CSV rows: %llu read; left out: %llu without a "
		    "journey id, %llu repeating the header; attribute values "
		    "unlike the journey's first (the first kept): %llu\n",
		    (unsigned long long)dq.csv_rows,
		    (unsigned long long)dq.csv_rows_no_id,
		    (unsigned long long)dq.csv_header_repeats,
		    (unsigned long long)dq.csv_attr_conflicts);
	fprintf(f, "\nWeakest moments first (priority: reach x breach rate x "
	    "%s x (1 + memory share)):\n\n", r->s->outcomes ?
	    "NPS cost" : "severity");
	for (i = 0; i < r->s->n; i++) {
		if (i > 0)
			fputc('\n', f);
		text_moment(r, &r->s->ms[r->s->order[i]], f);
		anyopen |= r->s->ms[i].total.open > 0;
	}
	if (anyopen && a->as_of != MOT_TIME_NONE) {
		isotime_format(a->as_of, buf, sizeof buf);
		fprintf(f, "\nopen: not stopped by %s, the time the data "
		    "describes\n", buf);
	}
	text_journeys(r->s, f);
}
