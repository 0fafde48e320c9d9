/*
 * report-doc.c - what the client report says, in order: a summary (the run,
 * its period, the three weakest moments in a sentence each, the overview
 * charts), a section per moment (verdict, chart row, figures, breakdown),
 * data quality, a glossary of the terms it uses (report-glossary.c: the
 * first use of each is linked to its entry), then the expectations and the
 * method with the parameters in force. It is written once, against struct doc_ops: report-html.c and
 * report-md.c render it, and each escapes every piece of text it is given.
 */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "isotime.h"
#include "fmt.h"
#include "report-doc.h"
#include "report.h"
#include "xmalloc.h"

/* The weakest moments told in the summary. */
#define SUMMARY_MOMENTS	3

static void
t(struct doc *d, const char *s)
{
	d->ops->text(d, s);
}

static void __attribute__((format(printf, 2, 3)))
tf(struct doc *d, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	d->ops->text(d, s);
	free(s);
}

static void
strong(struct doc *d, const char *s)
{
	d->ops->strong(d, 1);
	t(d, s);
	d->ops->strong(d, 0);
}

/* Percentile v (q) of c: its duration on clock ck, or "more than 10% still running". */
static const char *
pdur(char *buf, size_t size, const struct cell_sum *c, double v, double q,
    enum fmt_clock ck)
{
	if (summary_unreached(c, v, q, buf, size) != NULL)
		return (buf);
	return (fmt_duration(buf, size, fmt_sig(v, QUANTILE_DIGITS), ck));
}

static const char *
date_of(mot_time tm, char *buf, size_t size)
{
	char	full[64];

	if (tm == MOT_TIME_NONE) {
		snprintf(buf, size, "-");
		return (buf);
	}
	isotime_format(tm, full, sizeof full);
	snprintf(buf, size, "%.10s", full);
	return (buf);
}

/* What "open" means: "not stopped by" the time the data describes. */
static const char *
open_words(const struct doc *d, char *buf, size_t size)
{
	char	asof[64];

	if (d->r->a->as_of == MOT_TIME_NONE)
		snprintf(buf, size, "not stopped by the end of the data");
	else {
		isotime_format(d->r->a->as_of, asof, sizeof asof);
		snprintf(buf, size, "not stopped by %s", asof);
	}
	return (buf);
}

static void
heading(struct doc *d, int level, const char *id, const char *text)
{
	d->ops->heading(d, level, id);
	t(d, text);
	d->ops->heading_end(d, level);
}

static void
para_text(struct doc *d, enum doc_class cls, const char *text)
{
	d->ops->para(d, cls);
	t(d, text);
	d->ops->para_end(d);
}

static void
cell(struct doc *d, enum doc_class cls, const char *text)
{
	d->ops->cell(d, cls);
	t(d, text);
	d->ops->cell_end(d);
}

static void __attribute__((format(printf, 3, 4)))
cellf(struct doc *d, enum doc_class cls, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	cell(d, cls, s);
	free(s);
}

/* One row of a two-column table of figures. */
static void __attribute__((format(printf, 4, 5)))
fig_row(struct doc *d, const char *name, enum doc_class cls,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	d->ops->row(d);
	cell(d, DOC_PLAIN, name);
	cell(d, cls, s);
	d->ops->row_end(d);
	free(s);
}

static void
term(struct doc *d, enum doc_term k, const char *text)
{
	doc_term(d, k, text);
}

/* The value cell of a row of figures whose name was written by hand. */
static void
fig_vend(struct doc *d, enum doc_class cls, const char *fmt, va_list ap)
{
	char	*s;

	s = xvasprintf(fmt, ap);
	d->ops->cell_end(d);
	cell(d, cls, s);
	d->ops->row_end(d);
	free(s);
}

/* A row of figures whose name begins with a term of the glossary. */
static void __attribute__((format(printf, 6, 7)))
fig_row_term(struct doc *d, enum doc_term k, const char *word,
    const char *rest, enum doc_class cls, const char *fmt, ...)
{
	va_list	 ap;

	d->ops->row(d);
	d->ops->cell(d, DOC_PLAIN);
	term(d, k, word);
	t(d, rest);
	va_start(ap, fmt);
	fig_vend(d, cls, fmt, ap);
	va_end(ap);
}

/* Start a row of figures: its name follows, then fig_end. */
static void
fig_start(struct doc *d)
{
	d->ops->row(d);
	d->ops->cell(d, DOC_PLAIN);
}

static void __attribute__((format(printf, 3, 4)))
fig_end(struct doc *d, enum doc_class cls, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	fig_vend(d, cls, fmt, ap);
	va_end(ap);
}

/* How a moment's clock runs, in words. */
static char *
clock_words(const struct moment *m)
{
	if (m->span)
		return (xasprintf("the length of each %s", m->from.name));
	return (xasprintf("from %s%s to %s%s", m->from.is_attr ? "@" : "",
	    m->from.name, m->to.is_attr ? "@" : "", m->to.name));
}

static double
adequate_s(const struct moment *m)
{
	return ((double)m->adequate.us / 1e6);
}

static double
desired_s(const struct moment *m)
{
	return ((double)m->desired.us / 1e6);
}

/* p90 on the clock the zone is judged on. */
static double
judged_p(const struct moment *m, const struct cell_sum *c, int p90)
{
	if (m->calendar >= 0 || m->npauses > 0)
		return (p90 ? c->business_p90 : c->business_p50);
	return (p90 ? c->p90 : c->p50);
}

/* The summary's sentence on a weak moment: what, how often, how late, what it costs. */
static void
weak_sentence(struct doc *d, const struct moment_sum *ms)
{
	const struct moment	*m = ms->m;
	const struct cell_sum	*c = &ms->total;
	char			 a[64], b[64], e[64], *clock;
	enum fmt_clock		 ck = agg_clock(m);

	snprintf(a, sizeof a, "moment-%zu", ms->index + 1);
	d->ops->link(d, a, 1);
	strong(d, m->name);
	d->ops->link(d, a, 0);
	clock = clock_words(m);
	tf(d, " (%s%s%s", *m->stage != '\0' ? "stage " : "", m->stage,
	    *m->stage != '\0' ? "; " : "");
	t(d, clock);
	free(clock);
	t(d, "): ");
	term(d, TERM_STATUS, "breached");
	tf(d, " in %s of its %llu ", fmt_pct(a, sizeof a, c->breach_rate),
	    (unsigned long long)c->n);
	term(d, TERM_OCCURRENCES, "scored occurrences");
	t(d, " (");
	term(d, TERM_CI, "95% CI");
	tf(d, " %s to %s)", fmt_pct(a, sizeof a, c->ci_lo), fmt_pct(b,
	    sizeof b, c->ci_hi));
	if (c->objective_met == 0) {
		t(d, ", so it ");
		d->ops->strong(d, 1);
		t(d, "misses its ");
		term(d, TERM_OBJECTIVE, "objective");
		d->ops->strong(d, 0);
		tf(d, ": %s within the ", fmt_pct(a, sizeof a, c->within_rate));
		term(d, TERM_ZONE, "adequate");
		tf(d, " %s, against a target of %s.", fmt_duration_on(b,
		    sizeof b, adequate_s(m), ck), fmt_pct(e, sizeof e,
		    m->objective));
	} else if (c->objective_met == 1) {
		t(d, "; it meets its ");
		term(d, TERM_OBJECTIVE, "objective");
		tf(d, " (%s within the ", fmt_pct(a, sizeof a, c->within_rate));
		term(d, TERM_ZONE, "adequate");
		tf(d, " %s, target %s).", fmt_duration_on(b, sizeof b,
		    adequate_s(m), ck), fmt_pct(e, sizeof e, m->objective));
	} else {
		t(d, "; ");
		term(d, TERM_ZONE, "adequate");
		tf(d, " is %s.", fmt_duration_on(b, sizeof b, adequate_s(m),
		    ck));
	}
	if (isnan(judged_p(m, c, 0)))
		tf(d, " More than half were still running");
	else if (isnan(judged_p(m, c, 1)))
		tf(d, " Half were done within %s; more than 10%% were still "
		    "running", fmt_duration_on(a, sizeof a, fmt_sig(judged_p(m, c, 0),
		    QUANTILE_DIGITS), ck));
	else
		tf(d, " Half were done within %s and 90%% within %s",
		    fmt_duration(a, sizeof a, fmt_sig(judged_p(m, c, 0),
		    QUANTILE_DIGITS), ck), fmt_duration_on(b, sizeof b,
		    fmt_sig(judged_p(m, c, 1), QUANTILE_DIGITS), ck));
	tf(d, " (desired %s, adequate %s).", fmt_duration(e, sizeof e, desired_s(m),
	    ck), fmt_duration(a, sizeof a, adequate_s(m), ck));
	if (c->promised > 0) {
		tf(d, " %s of the %llu ", fmt_pct(a, sizeof a,
		    c->promise_broken_rate), (unsigned long long)c->promised);
		term(d, TERM_PROMISES, c->promised == 1 ? "promise" :
		    "promises");
		tf(d, " made to customers %s broken.", c->promised == 1 ?
		    "was" : "were");
	}
	if (!isnan(c->nps.delta)) {
		t(d, " Journeys where it was breached have an ");
		term(d, TERM_NPS, "NPS");
		tf(d, " of %+.0f, against %+.0f where it was not",
		    c->nps.breached, c->nps.met);
		if (c->nps.delta < 0) {
			t(d, ": ");
			term(d, TERM_COST, "a breach costs");
			tf(d, " %.0f points (95%% CI %.0f to %.0f",
			    -c->nps.delta, -c->nps.ci_hi, -c->nps.ci_lo);
			if (!isnan(c->nps.q)) {
				t(d, "; ");
				term(d, TERM_ADJUSTED_P, "adjusted p");
				tf(d, " %s", fmt_p(e, sizeof e, c->nps.q));
			}
			t(d, ")");
		}
		t(d, ".");
		if (!isnan(c->nps_recoverable) && c->nps_recoverable > 0)
			tf(d, " Never breaching it would win back %.1f NPS "
			    "points.", c->nps_recoverable);
		else if (!isnan(c->nps_recoverable) && c->nps_recoverable < 0)
			tf(d, " NPS points to win back: %.1f, no cost (the "
			    "journeys where it was breached answered better); "
			    "it ranks as 0.", c->nps_recoverable);
	} else if (c->breached > 0) {
		t(d, " A breached occurrence ");
		term(d, TERM_SCORE, "scores");
		tf(d, " %.2f on average, and it is the worst or the last "
		    "moment of %s of the journeys it occurs in.",
		    isnan(c->severity) ? 0 : -c->severity, fmt_pct(a, sizeof a,
		    c->memory_share));
	}
}

static void
figure(struct doc *d, const char *name)
{
	const struct chart	*c;

	if ((c = charts_find(d->r->charts, name)) != NULL)
		d->ops->figure(d, c);
}

static void
charts_note(struct doc *d)
{
	const struct charts	*cs = d->r->charts;

	if (cs == NULL)
		para_text(d, DOC_NOTE, "No charts: they are drawn with -o DIR, "
		    "unless --charts none is given.");
	else if (cs->empty)
		para_text(d, DOC_NOTE, "No charts: no moment has a finished "
		    "occurrence, so there is nothing to draw.");
	else if (cs->note != NULL) {
		d->ops->para(d, DOC_BAD);
		tf(d, "Some charts are missing: %s. The rest of the report is "
		    "complete.", cs->note);
		d->ops->para_end(d);
	}
	if (cs != NULL && !cs->empty && cs->left_out != NULL) {
		d->ops->para(d, DOC_NOTE);
		tf(d, "Not drawn: %s.", cs->left_out);
		d->ops->para_end(d);
	}
}

/* The moments that miss their objective (missed of them), weakest first, each linked to its section. */
static void
missed_names(struct doc *d, size_t missed)
{
	const struct summary	*s = d->r->s;
	const struct moment_sum	*ms;
	char			 id[32];
	size_t			 k, told = 0;

	for (k = 0; k < s->n; k++) {
		ms = &s->ms[s->order[k]];
		if (ms->total.objective_met != 0)
			continue;
		if (told > 0)
			t(d, told + 1 == missed ? (missed == 2 ? " and " :
			    ", and ") : ", ");
		snprintf(id, sizeof id, "moment-%zu", ms->index + 1);
		d->ops->link(d, id, 1);
		t(d, ms->m->name);
		d->ops->link(d, id, 0);
		told++;
	}
}

static void
summary_section(struct doc *d)
{
	const struct report	*r = d->r;
	const struct agg	*a = r->a;
	const struct summary	*s = r->s;
	const struct moment_sum	*ms;
	char			 b1[32], b2[32];
	size_t			 k, told = 0, missed = 0;

	heading(d, 2, "summary", "Summary");
	d->ops->para(d, DOC_PLAIN);
	strong(d, "Journeys analysed:");
	t(d, " ");
	tf(d, "%llu accepted of %llu read from %zu file%s (%llu rejected), "
	    "against %zu moment%s of truth. ",
	    (unsigned long long)(a->journeys_read - a->journeys_rejected),
	    (unsigned long long)a->journeys_read, a->ninputs,
	    a->ninputs == 1 ? "" : "s",
	    (unsigned long long)a->journeys_rejected, s->n,
	    s->n == 1 ? "" : "s");
	strong(d, "Period:");
	t(d, " ");
	if (a->first_stop == MOT_TIME_NONE)
		t(d, "no occurrence finished.");
	else
		tf(d, "occurrences that finished from %s to %s (UTC).",
		    date_of(a->first_stop, b1, sizeof b1),
		    date_of(a->last_stop, b2, sizeof b2));
	d->ops->para_end(d);
	for (k = 0; k < s->n; k++) {
		if (s->ms[k].total.objective_met == 0)
			missed++;
	}
	d->ops->para(d, DOC_PLAIN);
	if (missed > 0) {
		tf(d, "%zu of the %zu moments %s ", missed, s->n,
		    missed == 1 ? "misses its" : "miss their");
		term(d, TERM_OBJECTIVE, missed == 1 ? "objective" :
		    "objectives");
		t(d, ": ");
		missed_names(d, missed);
		t(d, ". ");
	}
	if (s->unmatched > 0)
		tf(d, "%zu of the %zu moments %s a touchpoint no journey has "
		    "(a typo?). ", s->unmatched, s->n, s->unmatched == 1 ?
		    "names" : "name");
	t(d, "The weakest moments, by ");
	term(d, TERM_PRIORITY, "priority");
	t(d, " (");
	t(d, "how many journeys a moment reaches, how often it is breached, "
	    "and ");
	term(d, TERM_COST, "what a breach costs");
	t(d, "):");
	d->ops->para_end(d);
	d->ops->list(d, 1);
	for (k = 0; k < s->n && told < SUMMARY_MOMENTS; k++) {
		ms = &s->ms[s->order[k]];
		if (ms->total.n == 0)
			continue;
		d->ops->item(d);
		weak_sentence(d, ms);
		d->ops->item_end(d);
		told++;
	}
	d->ops->list_end(d, 1);
	if (told == 0)
		para_text(d, DOC_NOTE, "No moment has a finished occurrence: "
		    "there is nothing to rank.");
	charts_note(d);
	figure(d, "weak-moments");
	figure(d, "journey-map");
	figure(d, "elapsed");
	figure(d, "trend");
	figure(d, "heatmap");
	figure(d, "impact");
}

static void
breakdown_table(struct doc *d, const struct moment_sum *ms)
{
	const char		*head[] = { "value", "n", "met", "tolerated",
	    "breached", "95% CI", "p90", "objective" };
	const struct cell_sum	*c;
	char			 a[48], b[32];
	enum fmt_clock		 ck = agg_clock(ms->m);
	size_t			 i;
	char			 id[40], *title;

	snprintf(id, sizeof id, "moment-%zu-by", ms->index + 1);
	title = xasprintf("By %s", d->r->by);
	heading(d, 4, id, title);
	free(title);
	head[6] = ck == CLOCK_WORKING ? "p90 (working time)" :
	    "p90 (calendar time)";
	d->ops->table(d, 8, head, "lrrrrrrl");
	for (i = 0; i < summary_rows(ms); i++) {
		c = summary_row(ms, i);
		d->ops->row(d);
		cell(d, DOC_PLAIN, c->value);
		cellf(d, DOC_PLAIN, "%llu", (unsigned long long)c->n);
		cell(d, DOC_PLAIN, fmt_pct(a, sizeof a, c->met_rate));
		cell(d, DOC_PLAIN, fmt_pct(a, sizeof a, c->tolerated_rate));
		cell(d, c->objective_met == 0 ? DOC_BAD : DOC_PLAIN, fmt_pct(a,
		    sizeof a, c->breach_rate));
		if (c->n > 0)
			cellf(d, DOC_PLAIN, "%s to %s", fmt_pct(a, sizeof a,
			    c->ci_lo), fmt_pct(b, sizeof b, c->ci_hi));
		else
			cell(d, DOC_PLAIN, "-");
		cell(d, DOC_PLAIN, pdur(a, sizeof a, c, judged_p(ms->m, c, 1),
		    0.9, ck));
		cell(d, c->objective_met == 0 ? DOC_BAD : c->objective_met ==
		    1 ? DOC_GOOD : DOC_PLAIN, c->objective_met == 0 ? "missed" :
		    c->objective_met == 1 ? "met" : "-");
		d->ops->row_end(d);
	}
	d->ops->table_end(d);
}

/* The latest periods of a moment's trend: cohorts by the start of the clock. */
static void
trend_table(struct doc *d, const struct moment_sum *ms)
{
	const struct periods	*p;
	struct period_sum	 ps;
	char			 a[32], b[32], id[40], *title;
	int64_t			 k, first;
	int			 monthly = summary_monthly(d->r->a);
	const char		*cols[6] = { monthly ? "month of start" :
				    "week of start", "n", "breached", "open",
				    "95% CI", "marked" };

	p = summary_periods(d->r->s, ms->index, monthly);
	if (p->n == 0)
		return;
	first = summary_trend_first(p);
	if (first > p->first)
		title = xasprintf("By %s of start (the latest %d of %zu)",
		    monthly ? "month" : "week", SUMMARY_TREND_ROWS, p->n);
	else
		title = xasprintf("By %s of start", monthly ? "month" : "week");
	snprintf(id, sizeof id, "moment-%zu-trend", ms->index + 1);
	heading(d, 4, id, title);
	free(title);
	d->ops->table(d, 6, cols, "lrrrrl");
	for (k = first; k < p->first + (int64_t)p->n; k++) {
		summary_period(d->r->s, p, k, &ps);
		agg_period_label(p, monthly, (size_t)(k - p->first), a,
		    sizeof a);
		d->ops->row(d);
		cell(d, DOC_PLAIN, a);
		cellf(d, DOC_PLAIN, "%llu", (unsigned long long)ps.n);
		cell(d, ps.small || ps.incomplete ? DOC_NOTE : DOC_PLAIN,
		    fmt_pct(a, sizeof a, ps.breach_rate));
		cellf(d, DOC_PLAIN, "%llu", (unsigned long long)ps.open);
		if (ps.n > 0)
			cellf(d, DOC_PLAIN, "%s to %s", fmt_pct(a, sizeof a,
			    ps.ci_lo), fmt_pct(b, sizeof b, ps.ci_hi));
		else
			cell(d, DOC_PLAIN, "-");
		d->ops->cell(d, DOC_NOTE);
		if (ps.incomplete)
			term(d, TERM_INCOMPLETE, "incomplete");
		if (ps.incomplete && ps.small)
			t(d, ", ");
		if (ps.small)
			term(d, TERM_SMALL, "small");
		d->ops->cell_end(d);
		d->ops->row_end(d);
	}
	d->ops->table_end(d);
}

static void
moment_figures(struct doc *d, const struct moment_sum *ms)
{
	static const char *const head[] = { "figure", "value" };
	const struct moment	*m = ms->m;
	const struct cell_sum	*c = &ms->total;
	const struct report	*r = d->r;
	char			 a[48], b[48], e[48], g[48], ow[96], few[128];
	enum fmt_clock		 ck = agg_clock(m);

	d->ops->table(d, 2, head, "ll");
	fig_start(d);
	term(d, TERM_OCCURRENCES, "scored occurrences");
	t(d, " (");
	term(d, TERM_N, "n");
	t(d, ")");
	fig_end(d, DOC_PLAIN, "%llu, of which "
	    "breached while open %llu and ended past adequate %llu (open, %s, "
	    "within adequate: %llu; ended another way within adequate: %llu; "
	    "invalid %llu); in %s of the journeys",
	    (unsigned long long)c->n, (unsigned long long)c->open_breached,
	    (unsigned long long)c->ended_breached, open_words(d, ow,
	    sizeof ow), (unsigned long long)c->open,
	    (unsigned long long)c->ended, (unsigned long long)c->invalid,
	    fmt_pct(a, sizeof a, ms->reach));
	if (c->n > 0) {
		d->ops->row(d);
		d->ops->cell(d, DOC_PLAIN);
		term(d, TERM_STATUS, "met, tolerated, breached");
		d->ops->cell_end(d);
		d->ops->cell(d, DOC_PLAIN);
		d->ops->zones(d, c->met_rate, c->tolerated_rate,
		    c->breach_rate);
		d->ops->cell_end(d);
		d->ops->row_end(d);
		fig_start(d);
		term(d, TERM_BREACH_RATE, "breach rate");
		t(d, " (");
		term(d, TERM_CI, "95% CI");
		t(d, ")");
		fig_end(d, c->objective_met == 0 ?
		    DOC_BAD : DOC_PLAIN, "%s (%s to %s)", fmt_pct(a, sizeof a,
		    c->breach_rate), fmt_pct(b, sizeof b, c->ci_lo), fmt_pct(e,
		    sizeof e, c->ci_hi));
	}
	if (m->objective > 0) {
		fig_start(d);
		t(d, "within adequate, ");
		term(d, TERM_OBJECTIVE, "objective");
		fig_end(d, c->objective_met == 0 ?
		    DOC_BAD : c->objective_met == 1 ? DOC_GOOD : DOC_PLAIN,
		    "%s, objective %s: %s", fmt_pct(a, sizeof a, c->within_rate),
		    fmt_pct(b, sizeof b, m->objective), c->objective_met == 0 ?
		    "missed" : c->objective_met == 1 ? "met" : "not decided");
	}
	fig_start(d);
	term(d, TERM_ZONE, "desired, adequate");
	t(d, " (");
	term(d, TERM_WORKING_TIME, fmt_clock_name(ck));
	t(d, ")");
	fig_end(d, DOC_PLAIN, "%s, %s%s", fmt_duration(a, sizeof a, desired_s(m),
	    ck), fmt_duration(b, sizeof b, adequate_s(m), ck), m->promised_by != NULL ?
	    " (or the journey's promise)" : "");
	if (c->n > 0) {
		fig_start(d);
		t(d, "elapsed ");
		term(d, TERM_PERCENTILES, "p50, p90, p95");
		t(d, ", longest (");
		term(d, TERM_WORKING_TIME, "calendar time");
		t(d, ")");
		fig_end(d, DOC_PLAIN, "%s, %s, %s, %s%s", pdur(a, sizeof a, c, c->p50,
		    0.5, CLOCK_CALENDAR), pdur(b, sizeof b, c, c->p90, 0.9,
		    CLOCK_CALENDAR), pdur(e, sizeof e, c, c->p95, 0.95,
		    CLOCK_CALENDAR), fmt_duration(g, sizeof g, c->max,
		    CLOCK_CALENDAR), c->max_running ? " (not stopped)" : "");
		if (ck == CLOCK_WORKING)
			fig_row(d, "own clock p50, p90, p95 (working time)",
			    DOC_PLAIN, "%s, %s, %s (%s%s%s)", pdur(a, sizeof a, c,
			    c->business_p50, 0.5, ck), pdur(b, sizeof b, c,
			    c->business_p90, 0.9, ck), pdur(e, sizeof e, c,
			    c->business_p95, 0.95, ck), m->calendar >= 0 ?
			    "working hours of " : "", m->calendar >= 0 ?
			    m->calendar_id : "", m->npauses > 0 ? (m->calendar >=
			    0 ? ", pauses left out" : "pauses left out") : "");
		fig_start(d);
		t(d, "mean ");
		term(d, TERM_SCORE, "score");
		t(d, " (sd), p10 to p90");
		fig_end(d, DOC_PLAIN,
		    "%s (%s), %s to %s", fmt_fixed(a, sizeof a, c->score_mean,
		    2, NULL), fmt_fixed(b, sizeof b, c->score_sd, 2, NULL),
		    fmt_fixed(e, sizeof e, c->score_p10, 2, NULL), fmt_fixed(g,
		    sizeof g, c->score_p90, 2, NULL));
	}
	if (c->promised > 0)
		fig_row_term(d, TERM_PROMISES, "promises", "", DOC_PLAIN, "%llu made, %s broken, %s "
		    "tighter than adequate", (unsigned long long)c->promised,
		    fmt_pct(a, sizeof a, c->promise_broken_rate), fmt_pct(b, sizeof b,
		    c->over_promised_rate));
	if (c->has_customer && c->n > 0)
		fig_row(d, "customers' own zone", DOC_PLAIN, "%s breached, mean "
		    "score %.2f%s%s%s", fmt_pct(a, sizeof a, c->cust_breach_rate),
		    c->cust_score_mean, m->cust_source != NULL ? " (" : "",
		    m->cust_source != NULL ? m->cust_source : "",
		    m->cust_source != NULL ? ")" : "");
	if (r->e->has_recovery && c->failures > 0)
		fig_row_term(d, TERM_RECOVERY, "recovery", "", DOC_PLAIN, "%llu failures, %llu "
		    "recovered (%s), median %s to recover, %llu recoveries "
		    "failed", (unsigned long long)c->failures,
		    (unsigned long long)c->recovered, fmt_pct(a, sizeof a,
		    c->recovery_rate), fmt_duration_on(b, sizeof b,
		    fmt_sig(c->recover_p50, QUANTILE_DIGITS), CLOCK_CALENDAR),
		    (unsigned long long)c->recovery_failed);
	if (!isnan(c->nps.delta))
		fig_row_term(d, TERM_NPS, "NPS", " where breached, not breached",
		    c->nps.delta < 0 ? DOC_BAD : DOC_PLAIN, "%+.0f (%llu "
		    "answers), %+.0f (%llu): %+.1f points (95%% CI %+.1f to "
		    "%+.1f)", c->nps.breached,
		    (unsigned long long)c->nps.n_breached, c->nps.met,
		    (unsigned long long)c->nps.n_met, c->nps.delta,
		    c->nps.ci_lo, c->nps.ci_hi);
	else if (summary_too_few(c, &c->nps, r->e->params.min_answers, few,
	    sizeof few))
		fig_row_term(d, TERM_NPS, "NPS", " where breached, not breached",
		    DOC_PLAIN, "%s", few);
	if (!isnan(c->nps.q)) {
		fig_start(d);
		term(d, TERM_COST, "NPS difference");
		t(d, ": ");
		term(d, TERM_ADJUSTED_P, "p adjusted for many moments (q)");
		fig_end(d, DOC_PLAIN, "%s%s", fmt_p(a, sizeof a, c->nps.q),
		    c->nps.q < 0.05 ? " (a real difference)" :
		    " (could be chance)");
	}
	if (!isnan(c->csat.delta))
		fig_row_term(d, TERM_NPS, "CSAT top-2-box", " where breached, "
		    "not breached", DOC_PLAIN, "%s (%llu answers), %s (%llu): %+.1f "
		    "points (95%% CI %+.1f to %+.1f)", fmt_pct(a, sizeof a,
		    c->csat.breached), (unsigned long long)c->csat.n_breached,
		    fmt_pct(b, sizeof b, c->csat.met),
		    (unsigned long long)c->csat.n_met, 100 * c->csat.delta,
		    100 * c->csat.ci_lo, 100 * c->csat.ci_hi);
	else if (summary_too_few(c, &c->csat, r->e->params.min_answers, few,
	    sizeof few))
		fig_row_term(d, TERM_NPS, "CSAT top-2-box", " where breached, "
		    "not breached", DOC_PLAIN, "%s", few);
	fig_start(d);
	term(d, TERM_MEMORY_SHARE, "memory share");
	t(d, ", ");
	term(d, TERM_CONSISTENCY, "consistency");
	if (c->n == 0)
		fig_end(d, DOC_PLAIN, "%s", FMT_DASH " (" FMT_NO_FINISHED ")");
	else
		fig_end(d, DOC_PLAIN, "%s, %s", fmt_pct(a, sizeof a,
		    c->memory_share), fmt_fixed(b, sizeof b, c->consistency, 2,
		    NULL));
	d->ops->row(d);
	d->ops->cell(d, DOC_PLAIN);
	term(d, TERM_PRIORITY, "priority");
	d->ops->cell_end(d);
	d->ops->cell(d, DOC_PLAIN);
	t(d, fmt_fixed(a, sizeof a, ms->priority, 4, c->n == 0 ?
	    FMT_NO_FINISHED : NULL));
	if (!c->rankable && c->n > 0) {
		t(d, " (");
		term(d, TERM_SMALL, "too few occurrences to rank");
		t(d, ")");
	}
	d->ops->cell_end(d);
	d->ops->row_end(d);
	d->ops->table_end(d);
}

static void
moments_section(struct doc *d)
{
	const struct summary	*s = d->r->s;
	const struct moment_sum	*ms;
	const struct chart	*ch;
	char			 id[32], verdict[512], *title, *clock;
	size_t			 k;

	heading(d, 2, "moments", "Moments, weakest first");
	for (k = 0; k < s->n; k++) {
		ms = &s->ms[s->order[k]];
		snprintf(id, sizeof id, "moment-%zu", ms->index + 1);
		title = xasprintf("%zu. %s", ms->rank, ms->m->name);
		heading(d, 3, id, title);
		free(title);
		d->ops->para(d, DOC_NOTE);
		clock = clock_words(ms->m);
		tf(d, "id %s", ms->m->id);
		if (*ms->m->stage != '\0')
			tf(d, ", stage %s", ms->m->stage);
		tf(d, "; clock: %s.", clock);
		free(clock);
		d->ops->para_end(d);
		summary_verdict(ms, verdict, sizeof verdict);
		para_text(d, ms->total.objective_met == 0 ? DOC_BAD :
		    DOC_PLAIN, verdict);
		if ((ch = charts_moment(d->r->charts, ms->index)) != NULL)
			d->ops->figure(d, ch);
		moment_figures(d, ms);
		trend_table(d, ms);
		if (d->r->by != NULL && ms->nby > 0)
			breakdown_table(d, ms);
	}
}

static void
journeys_section(struct doc *d)
{
	const struct jdist_sum	*j = &d->r->s->jd;

	if (j->n == 0)
		return;
	heading(d, 2, "journeys", "Journeys as customers remember them");
	d->ops->para(d, DOC_PLAIN);
	tf(d, "%llu journeys have a score: mean %.2f (p10 %.2f, median %.2f, "
	    "p90 %.2f) on a scale from -1 to 1. The score remembered "
	    "(weighted towards the worst and the last moment) averages %.2f, "
	    "the peak-end score %.2f, and effort (hand-offs, repeat contacts, "
	    "channel switches) %.2f.", (unsigned long long)j->n, j->mean,
	    j->p10, j->p50, j->p90, j->remembered, j->peak_end, j->effort);
	d->ops->para_end(d);
}

static void
quality_section(struct doc *d)
{
	static const char *const ihead[] = { "file", "format", "bytes",
	    "journeys", "touchpoints" };
	static const char *const rhead[] = { "reason", "journeys",
	    "first at" };
	static const char *const ohead[] = { "moment", "open", "invalid" };
	const struct agg	*a = d->r->a;
	const struct summary	*s = d->r->s;
	struct read_stats	 dq;
	char			 ow[96];
	size_t			 i, k;
	int			 any = 0;

	heading(d, 2, "data", "Data quality");
	d->ops->para(d, DOC_PLAIN);
	tf(d, "%llu journeys read, %llu accepted and %llu rejected; %llu "
	    "touchpoints in the accepted ones.",
	    (unsigned long long)a->journeys_read,
	    (unsigned long long)(a->journeys_read - a->journeys_rejected),
	    (unsigned long long)a->journeys_rejected,
	    (unsigned long long)a->touchpoints);
	d->ops->para_end(d);
	d->ops->table(d, 5, ihead, "llrrr");
	for (i = 0; i < a->ninputs; i++) {
		d->ops->row(d);
		cell(d, DOC_PLAIN, fmt_path_shown(a->inputs[i].path, d->cwd));
		cellf(d, DOC_PLAIN, "%s%s", a->inputs[i].format != NULL ?
		    a->inputs[i].format : "-", a->inputs[i].gzip ? ", gzip" :
		    "");
		cellf(d, DOC_PLAIN, "%llu",
		    (unsigned long long)a->inputs[i].bytes);
		cellf(d, DOC_PLAIN, "%llu",
		    (unsigned long long)a->inputs[i].st.journeys);
		cellf(d, DOC_PLAIN, "%llu",
		    (unsigned long long)a->inputs[i].st.touchpoints);
		d->ops->row_end(d);
	}
	d->ops->table_end(d);
	if (a->reasons.n == 0)
		para_text(d, DOC_GOOD, "No journey was rejected.");
	else {
		para_text(d, DOC_PLAIN, "Rejected journeys, by reason (each is "
		    "left out whole; the first one is named by file and line):");
		d->ops->table(d, 3, rhead, "lrl");
		for (i = 0; i < a->reasons.n; i++) {
			k = s->reasons[i];
			d->ops->row(d);
			cell(d, DOC_PLAIN, strtab_key(&a->reasons, k));
			cellf(d, DOC_PLAIN, "%llu",
			    (unsigned long long)a->reason_count[k]);
			cell(d, DOC_PLAIN, a->reason_first[k]);
			d->ops->row_end(d);
		}
		d->ops->table_end(d);
	}
	report_dq(a, &dq);
	if (dq.events > 0) {
		d->ops->para(d, DOC_PLAIN);
		tf(d, "XES events: %llu read; %llu without time:timestamp and "
		    "%llu with an unreadable one were left out; %llu starts "
		    "never completed; %llu completes had no start.",
		    (unsigned long long)dq.events,
		    (unsigned long long)dq.events_no_time,
		    (unsigned long long)dq.events_bad_time,
		    (unsigned long long)dq.unpaired_starts,
		    (unsigned long long)dq.unpaired_completes);
		d->ops->para_end(d);
	}
	if (dq.ocel_events > 0) {
		d->ops->para(d, DOC_PLAIN);
		tf(d, "OCEL events: %llu read; %llu without a time or related "
		    "to no object were left out; relations to objects the log "
		    "lacks: %llu; objects given twice: %llu (the first kept); "
		    "journey attribute values set after the journey's first "
		    "event, left out: %llu.",
		    (unsigned long long)dq.ocel_events,
		    (unsigned long long)dq.ocel_events_left_out,
		    (unsigned long long)dq.ocel_unknown_objects,
		    (unsigned long long)dq.ocel_duplicate_objects,
		    (unsigned long long)dq.ocel_attr_changes);
		d->ops->para_end(d);
	}
	if (dq.csv_rows > 0 || dq.csv_rows_no_id > 0) {
		d->ops->para(d, DOC_PLAIN);
		tf(d, "CSV rows: %llu read; %llu without a journey id and %llu "
		    "repeating the header were left out; attribute values that "
		    "differed from the journey's first value, which was kept: "
		    "%llu.",
		    (unsigned long long)dq.csv_rows,
		    (unsigned long long)dq.csv_rows_no_id,
		    (unsigned long long)dq.csv_header_repeats,
		    (unsigned long long)dq.csv_attr_conflicts);
		d->ops->para_end(d);
	}
	for (i = 0; i < s->n; i++)
		any |= s->ms[i].total.open > 0 || s->ms[i].total.invalid > 0;
	if (!any)
		return;
	d->ops->para(d, DOC_PLAIN);
	tf(d, "Occurrences not scored: open ones (%s, the time the data "
	    "describes) and invalid ones (the clock stopped before it "
	    "started, an error in the export).", open_words(d, ow,
	    sizeof ow));
	d->ops->para_end(d);
	d->ops->table(d, 3, ohead, "lrr");
	for (i = 0; i < s->n; i++) {
		if (s->ms[i].total.open == 0 && s->ms[i].total.invalid == 0)
			continue;
		d->ops->row(d);
		cell(d, DOC_PLAIN, s->ms[i].m->name);
		cellf(d, DOC_PLAIN, "%llu",
		    (unsigned long long)s->ms[i].total.open);
		cellf(d, s->ms[i].total.invalid > 0 ? DOC_BAD : DOC_PLAIN,
		    "%llu", (unsigned long long)s->ms[i].total.invalid);
		d->ops->row_end(d);
	}
	d->ops->table_end(d);
}

static void
method_section(struct doc *d)
{
	static const char *const mhead[] = { "id", "name", "stage", "clock",
	    "desired", "adequate", "objective", "measured on" };
	static const char *const phead[] = { "parameter", "value", "source" };
	const struct expectations	*e = d->r->e;
	const struct score_params	*p = &e->params;
	const struct score_param_def	*pd;
	const struct moment		*m;
	char				 a[96], *clock;
	const char			*v;
	enum fmt_clock			 ck;
	size_t				 i;
	double				 num;

	heading(d, 2, "method", "Expectations and method");
	d->ops->para(d, DOC_PLAIN);
	t(d, "Expectations file: ");
	t(d, fmt_path_shown(e->path, d->cwd));
	tf(d, " (content hash %016llx).", (unsigned long long)e->hash);
	if (d->r->by != NULL) {
		t(d, " Broken down by ");
		t(d, d->r->by);
		t(d, ".");
	}
	if (d->r->zone != NULL) {
		t(d, " Times without an offset were read in ");
		t(d, d->r->zone);
		t(d, ".");
	}
	d->ops->para_end(d);
	d->ops->table(d, 8, mhead, "llllrrrl");
	for (i = 0; i < e->nmoments; i++) {
		m = &e->moments[i];
		d->ops->row(d);
		cell(d, DOC_PLAIN, m->id);
		cell(d, DOC_PLAIN, m->name);
		cell(d, DOC_PLAIN, m->stage);
		clock = clock_words(m);
		cell(d, DOC_PLAIN, clock);
		free(clock);
		ck = agg_clock(m);
		cell(d, DOC_PLAIN, fmt_duration(a, sizeof a, desired_s(m), ck));
		cell(d, DOC_PLAIN, fmt_duration(a, sizeof a, adequate_s(m), ck));
		cell(d, DOC_PLAIN, m->objective > 0 ? fmt_pct(a, sizeof a,
		    m->objective) : "none");
		cellf(d, DOC_PLAIN, "%s (%s%s)", fmt_clock_name(ck),
		    m->calendar_id != NULL ? m->calendar_id : "24x7",
		    m->npauses > 0 ? ", with pauses" : "");
		d->ops->row_end(d);
	}
	d->ops->table_end(d);

	para_text(d, DOC_PLAIN, "How the figures are computed (the full rules "
	    "are in mot's docs/scoring.md):");
	d->ops->list(d, 0);
	d->ops->item(d);
	t(d, "Each occurrence of a moment is a clock in one journey. It is "
	    "met when its elapsed time is at most desired, tolerated up to "
	    "adequate, breached beyond (the ");
	term(d, TERM_ZONE, "zone of tolerance");
	t(d, ", Zeithaml, Berry and Parasuraman 1993). Elapsed time is on the "
	    "moment's own clock: ");
	term(d, TERM_WORKING_TIME, "working time");
	tf(d, " (working hours of its calendar, pauses left out, written in "
	    "working hours) for a moment with a calendar or pauses, calendar "
	    "time otherwise. A clock %s is ", open_words(d, a, sizeof a));
	term(d, TERM_OCCURRENCES, "open");
	t(d, " and not scored.");
	d->ops->item_end(d);
	d->ops->item(d);
	t(d, "Its ");
	term(d, TERM_SCORE, "score");
	tf(d, " runs from 1 (at once) through %g (exactly desired) and 0 "
	    "(exactly adequate) to -1 (%g adequate times late or more), then "
	    "is adjusted for how the customer was kept informed and for ",
	    p->desired_score, p->loss_span + 1);
	term(d, TERM_RECOVERY, "service recovery");
	t(d, ".");
	d->ops->item_end(d);
	d->ops->item(d);
	t(d, "Rates are shares of scored occurrences (closed ones, and open "
	    "or ended ones already past adequate), with ");
	term(d, TERM_CI, "95% Wilson intervals");
	t(d, " over the journey-clustered ");
	term(d, TERM_N, "effective sample size");
	t(d, "; ");
	term(d, TERM_PERCENTILES, "percentiles");
	t(d, " are Kaplan-Meier estimates, open and ended occurrences counted as still running at their time so far "
	    "(nearest-rank when none is; exact up to 1,024 values, each time "
	    "within 1% beyond), and one not reached is shown as \"more than "
	    "10% still running\"; they are written to three significant "
	    "figures.");
	d->ops->item_end(d);
	d->ops->item(d);
	t(d, "Trends group the occurrences by the week or month in which "
	    "their clock started (cohorts), so that the end of an extract "
	    "does not make its last periods look better or worse. A period "
	    "still holding open clocks is marked ");
	term(d, TERM_INCOMPLETE, "incomplete");
	tf(d, " (its breach rate can only rise); one with fewer than %g "
	    "occurrences is marked ", p->min_n);
	term(d, TERM_SMALL, "small");
	t(d, ". Charts draw both hollow, with their n.");
	d->ops->item_end(d);
	d->ops->item(d);
	t(d, "Moments are ranked by ");
	term(d, TERM_PRIORITY, "priority");
	t(d, " = ");
	term(d, TERM_REACH, "reach");
	t(d, " x ");
	term(d, TERM_BREACH_RATE, "breach rate");
	t(d, " x ");
	if (d->r->s->outcomes)
		term(d, TERM_COST, "the NPS points a breach costs");
	else {
		term(d, TERM_SEVERITY, "severity");
		t(d, " (the mean loss of the negative scores)");
	}
	t(d, " x (1 + ");
	term(d, TERM_MEMORY_SHARE, "memory share");
	tf(d, "); a moment with fewer than %g finished occurrences is listed "
	    "after the others.", p->min_n);
	d->ops->item_end(d);
	d->ops->item(d);
	term(d, TERM_COST, "NPS differences");
	tf(d, " compare journeys where a moment was breached with those "
	    "where it was not, from at least %g answers on each side (fewer "
	    "are too few answers), with 95%% intervals (adjusted Wald, Rocks "
	    "2016, combined by MOVER) and ", p->min_answers);
	term(d, TERM_ADJUSTED_P, "p-values adjusted for many tests");
	t(d, " (Benjamini-Hochberg); they are associations in observational "
	    "data, not experiments.");
	d->ops->item_end(d);
	d->ops->list_end(d, 0);

	para_text(d, DOC_PLAIN, "Parameters in force:");
	d->ops->table(d, 3, phead, "lrl");
	for (pd = score_param_defs; pd->name != NULL; pd++) {
		d->ops->row(d);
		cell(d, DOC_PLAIN, pd->name);
		if (pd->is_duration) {
			num = (double)*(const int64_t *)(const void *)
			    ((const char *)p + pd->offset) / 1e6;
			v = fmt_duration(a, sizeof a, num, CLOCK_CALENDAR);
		} else {
			num = *(const double *)(const void *)
			    ((const char *)p + pd->offset);
			snprintf(a, sizeof a, "%g", num);
			v = a;
		}
		cell(d, DOC_PLAIN, v);
		cell(d, DOC_PLAIN, pd->source);
		d->ops->row_end(d);
	}
	d->ops->table_end(d);
}

/* The report's title: --title, else the expectations' title, else "Moments of truth". */
static const char *
report_title(const struct report *r)
{
	if (r->title != NULL)
		return (r->title);
	if (r->e->title != NULL)
		return (r->e->title);
	return ("Moments of truth");
}

void
doc_write(const struct report *r, const struct doc_ops *ops, FILE *f)
{
	struct doc	d;
	char		asof[64];

	memset(&d, 0, sizeof d);
	d.ops = ops;
	d.f = f;
	d.r = r;
	d.bol = 1;
	d.cwd = getcwd(NULL, 0);
	ops->begin(&d, report_title(r));
	d.ops->para(&d, DOC_NOTE);
	tf(&d, "Written by mot %s from the expectations in ", PACKAGE_VERSION);
	t(&d, fmt_path_shown(r->e->path, d.cwd));
	t(&d, ". ");
	if (r->a->as_of != MOT_TIME_NONE) {
		isotime_format(r->a->as_of, asof, sizeof asof);
		tf(&d, "Data as of %s. ", asof);
	}
	t(&d, "Every figure is also in report.json, one row per moment in "
	    "moments.csv, and one per occurrence in occurrences.csv.");
	d.ops->para_end(&d);
	summary_section(&d);
	moments_section(&d);
	journeys_section(&d);
	quality_section(&d);
	doc_glossary(&d);
	method_section(&d);
	ops->end(&d);
	free(d.cwd);
}
