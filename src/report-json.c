/* report-json.c - report.json: the whole run, with stable keys (docs/report-json.md). */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "isotime.h"
#include "report.h"
#include "sketch.h"
#include "xmalloc.h"

void
json_string(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void
json_number(FILE *f, double v, int digits)
{
	char	buf[64];

	fmt_number(buf, sizeof buf, v, digits);
	fputs(*buf != '\0' ? buf : "null", f);
}

void
json_key(FILE *f, int indent, const char *key)
{
	fprintf(f, "%*s\"%s\": ", indent, "", key);
}

void
json_u64(FILE *f, int indent, const char *key, uint64_t v, const char *end)
{
	json_key(f, indent, key);
	fprintf(f, "%" PRIu64 "%s\n", v, end);
}

void
json_dbl(FILE *f, int indent, const char *key, double v, int digits,
    const char *end)
{
	json_key(f, indent, key);
	json_number(f, v, digits);
	fprintf(f, "%s\n", end);
}

/* A p-value to six significant figures: a tiny p is not written as 0. */
static void
json_p(FILE *f, int indent, const char *key, double v, const char *end)
{
	json_key(f, indent, key);
	if (isnan(v))
		fputs("null", f);
	else
		fprintf(f, "%.6g", v);
	fprintf(f, "%s\n", end);
}

void
json_str(FILE *f, int indent, const char *key, const char *v, const char *end)
{
	json_key(f, indent, key);
	if (v == NULL)
		fputs("null", f);
	else
		json_string(f, v);
	fprintf(f, "%s\n", end);
}

static void
json_pair(FILE *f, int in, const char *key, double lo, double hi, int digits)
{
	json_key(f, in, key);
	if (isnan(lo) || isnan(hi))
		fputs("null,\n", f);
	else {
		fputc('[', f);
		json_number(f, lo, digits);
		fputs(", ", f);
		json_number(f, hi, digits);
		fputs("],\n", f);
	}
}

void
json_bool(FILE *f, int in, const char *key, int v, const char *end)
{
	json_key(f, in, key);
	fprintf(f, "%s%s\n", v < 0 ? "null" : v ? "true" : "false", end);
}

/* The figures of a total or breakdown cell; the caller writes the braces. */
static void
json_cell(FILE *f, int in, const struct cell_sum *c)
{
	json_u64(f, in, "n", c->n, ",");
	json_u64(f, in, "open", c->open, ",");
	json_u64(f, in, "ended", c->ended, ",");
	json_u64(f, in, "open_breached", c->open_breached, ",");
	json_u64(f, in, "ended_breached", c->ended_breached, ",");
	json_u64(f, in, "invalid", c->invalid, ",");
	json_u64(f, in, "met", c->met, ",");
	json_u64(f, in, "tolerated", c->tolerated, ",");
	json_u64(f, in, "breached", c->breached, ",");
	json_dbl(f, in, "met_rate", c->met_rate, 6, ",");
	json_dbl(f, in, "tolerated_rate", c->tolerated_rate, 6, ",");
	json_dbl(f, in, "breach_rate", c->breach_rate, 6, ",");
	json_dbl(f, in, "n_eff", c->n == 0 ? NAN : c->n_eff, 3, ",");
	json_pair(f, in, "breach_rate_ci", c->ci_lo, c->ci_hi, 6);
	json_dbl(f, in, "within_adequate_rate", c->within_rate, 6, ",");
	json_dbl(f, in, "score_mean", c->score_mean, 6, ",");
	json_dbl(f, in, "score_sd", c->score_sd, 6, ",");
	json_dbl(f, in, "consistency_score", c->consistency, 6, ",");
	json_pair(f, in, "score_p10_p90", c->score_p10, c->score_p90, 3);
	json_dbl(f, in, "severity", c->severity, 6, ",");
	json_dbl(f, in, "p10_s", c->p10, 3, ",");
	json_dbl(f, in, "p50_s", c->p50, 3, ",");
	json_dbl(f, in, "p90_s", c->p90, 3, ",");
	json_dbl(f, in, "p95_s", c->p95, 3, ",");
	json_dbl(f, in, "max_s", c->max, 3, ",");
	json_dbl(f, in, "p90_p50_ratio", c->p90_p50, 6, ",");
	json_dbl(f, in, "business_p50_s", c->business_p50, 3, ",");
	json_dbl(f, in, "business_p90_s", c->business_p90, 3, ",");
	json_dbl(f, in, "business_p95_s", c->business_p95, 3, ",");
	json_u64(f, in, "promised", c->promised, ",");
	json_dbl(f, in, "promise_broken_rate", c->promise_broken_rate, 6, ",");
	json_dbl(f, in, "over_promised_rate", c->over_promised_rate, 6, ",");
	json_dbl(f, in, "promise_late_p50_s", c->promise_late_p50, 3, ",");
	json_dbl(f, in, "promise_late_p90_s", c->promise_late_p90, 3, ",");
	json_key(f, in, "customer_zone");
	if (!c->has_customer)
		fputs("null,\n", f);
	else {
		fputs("{\n", f);
		json_dbl(f, in + 2, "met_rate", c->cust_met_rate, 6, ",");
		json_dbl(f, in + 2, "tolerated_rate", c->cust_tolerated_rate, 6,
		    ",");
		json_dbl(f, in + 2, "breach_rate", c->cust_breach_rate, 6, ",");
		json_dbl(f, in + 2, "score_mean", c->cust_score_mean, 6, "");
		fprintf(f, "%*s},\n", in, "");
	}
	json_u64(f, in, "failures", c->failures, ",");
	json_u64(f, in, "recovered", c->recovered, ",");
	json_u64(f, in, "recovery_failed", c->recovery_failed, ",");
	json_dbl(f, in, "recovery_rate", c->recovery_rate, 6, ",");
	json_dbl(f, in, "recovery_p50_s", c->recover_p50, 3, ",");
	json_u64(f, in, "journeys_scored", c->journeys, ",");
	json_dbl(f, in, "memory_share", c->memory_share, 6, ",");
	json_u64(f, in, "nps_n_breached", c->nps.n_breached, ",");
	json_u64(f, in, "nps_n_met", c->nps.n_met, ",");
	json_dbl(f, in, "nps_breached", c->nps.breached, 3, ",");
	json_dbl(f, in, "nps_met", c->nps.met, 3, ",");
	json_dbl(f, in, "nps_delta", c->nps.delta, 3, ",");
	json_pair(f, in, "nps_delta_ci", c->nps.ci_lo, c->nps.ci_hi, 3);
	json_p(f, in, "nps_delta_p", c->nps.p, ",");
	json_p(f, in, "nps_delta_q", c->nps.q, ",");
	json_dbl(f, in, "nps_recoverable", c->nps_recoverable, 3, ",");
	json_dbl(f, in, "csat_top2_breached", c->csat.breached, 6, ",");
	json_dbl(f, in, "csat_top2_met", c->csat.met, 6, ",");
	json_dbl(f, in, "csat_top2_delta", c->csat.delta, 6, ",");
	json_pair(f, in, "csat_top2_delta_ci", c->csat.ci_lo, c->csat.ci_hi, 6);
	json_bool(f, in, "rankable", c->rankable, ",");
	json_key(f, in, "objective_met");
	fprintf(f, "%s", c->objective_met < 0 ? "null" :
	    c->objective_met ? "true" : "false");
}

static void
json_endpoint(FILE *f, int in, const char *key, const struct endpoint *ep)
{
	char	*s;

	json_key(f, in, key);
	if (ep->is_attr) {
		s = xasprintf("@%s", ep->name);
		json_string(f, s);
		free(s);
	} else
		json_string(f, ep->name);
	fputs(",\n", f);
}

/* A time of the run's period, or null. */
static void
json_time(FILE *f, const char *key, mot_time t, const char *end)
{
	char	buf[64];

	if (t != MOT_TIME_NONE)
		isotime_format(t, buf, sizeof buf);
	json_str(f, 4, key, t != MOT_TIME_NONE ? buf : NULL, end);
}

/* A run of periods, each a cohort by start with its derived figures. */
static void
json_periods(FILE *f, const struct summary *s, const char *key,
    const struct periods *p, int monthly, const char *end)
{
	struct period_sum	ps;
	char			label[32];
	size_t			i;

	fprintf(f, "        \"%s\": [", key);
	for (i = 0; i < p->n; i++) {
		agg_period_label(p, monthly, i, label, sizeof label);
		summary_period(s, p, p->first + (int64_t)i, &ps);
		fprintf(f, "%s\n          {\"period\": \"%s\", \"n\": %" PRIu64
		    ", \"breached\": %" PRIu64 ", \"open\": %" PRIu64
		    ", \"breach_rate\": ", i == 0 ? "" : ",", label, ps.n,
		    ps.breached, ps.open);
		json_number(f, ps.breach_rate, 6);
		fputs(", \"ci_lo\": ", f);
		json_number(f, ps.ci_lo, 6);
		fputs(", \"ci_hi\": ", f);
		json_number(f, ps.ci_hi, 6);
		fprintf(f, ", \"incomplete\": %s, \"small\": %s}",
		    ps.incomplete ? "true" : "false", ps.small ? "true" :
		    "false");
	}
	fprintf(f, "%s]%s\n", p->n > 0 ? "\n        " : "", end);
}

/* The occurrences of periods older than those kept, when there are any. */
static void
json_before(FILE *f, const char *key, const struct periods *p)
{
	if (p->before.n == 0 && p->before.breached == 0 &&
	    p->before.open == 0)
		return;
	fprintf(f, "        \"%s\": {\"n\": %" PRIu64 ", \"breached\": %"
	    PRIu64 ", \"open\": %" PRIu64 "},\n", key, p->before.n,
	    p->before.breached, p->before.open);
}

static void
json_moment(FILE *f, const struct report *r, const struct moment_sum *ms,
    const char *end)
{
	const struct moment	*m = ms->m;
	const struct moment_agg	*ma = &r->a->m[ms->index];
	struct cell_sum		 c;
	char			 verdict[512], *s;
	size_t			 v, pos;

	fputs("    {\n", f);
	json_u64(f, 6, "rank", ms->rank, ",");
	json_str(f, 6, "id", m->id, ",");
	json_str(f, 6, "name", m->name, ",");
	json_str(f, 6, "stage", m->stage, ",");
	if (m->span) {
		json_str(f, 6, "touchpoint", m->from.name, ",");
	} else {
		json_endpoint(f, 6, "from", &m->from);
		json_endpoint(f, 6, "to", &m->to);
	}
	json_dbl(f, 6, "desired_s", (double)m->desired.us / 1e6, 6, ",");
	json_dbl(f, 6, "adequate_s", (double)m->adequate.us / 1e6, 6, ",");
	json_dbl(f, 6, "objective", m->objective > 0 ? m->objective : NAN,
	    6, ",");
	if (m->promised_by != NULL) {
		s = xasprintf("@%s", m->promised_by);
		json_str(f, 6, "promised_by", s, ",");
		free(s);
	}
	json_str(f, 6, "calendar", m->calendar_id, ",");
	json_key(f, 6, "pauses");
	fputc('[', f);
	for (v = 0; v < m->npauses; v++) {
		if (v > 0)
			fputs(", ", f);
		json_string(f, strtab_key(&r->e->names, (size_t)m->pauses[v]));
	}
	fputs("],\n", f);
	json_key(f, 6, "customer_expectation");
	if (!m->has_customer)
		fputs("null,\n", f);
	else {
		fputs("{\n", f);
		json_dbl(f, 8, "desired_s", (double)m->cust_desired.us / 1e6, 6,
		    ",");
		json_dbl(f, 8, "adequate_s", (double)m->cust_adequate.us / 1e6,
		    6, ",");
		json_str(f, 8, "source", m->cust_source, "");
		fputs("      },\n", f);
	}
	json_u64(f, 6, "journeys", ms->journeys, ",");
	json_dbl(f, 6, "reach", ms->reach, 6, ",");
	json_dbl(f, 6, "priority", ms->priority, 6, ",");
	json_cell(f, 6, &ms->total);
	fputs(",\n", f);
	summary_verdict(ms, verdict, sizeof verdict);
	json_str(f, 6, "verdict", verdict, ",");
	fputs("      \"trend\": {\n", f);
	json_before(f, "weeks_before", &ma->weeks);
	json_before(f, "months_before", &ma->months);
	json_periods(f, r->s, "weeks", &ma->weeks, 0, ",");
	json_periods(f, r->s, "months", &ma->months, 1, "");
	fputs("      },\n", f);
	json_key(f, 6, "breakdown");
	if (r->by == NULL)
		fputs("null\n", f);
	else {
		fputs("[", f);
		for (v = 0, pos = 0; summary_next_value(r->s, ms, &pos, &c);
		    v++) {
			fputs(v == 0 ? "\n        {\n" : ",\n        {\n", f);
			json_str(f, 10, "value", c.value, ",");
			json_dbl(f, 10, "reach", c.reach, 6, ",");
			json_dbl(f, 10, "priority", c.priority, 6, ",");
			json_cell(f, 10, &c);
			fputs("\n        }", f);
		}
		fputs(v > 0 ? "\n      ]\n" : "]\n", f);
	}
	fprintf(f, "    }%s\n", end);
}

static void
json_journeys(FILE *f, const struct summary *s, const struct agg *a)
{
	const struct jdist_sum	*d = &s->jd;
	size_t			 b;

	fputs("  \"journey_scores\": {\n", f);
	json_u64(f, 4, "n", d->n, ",");
	json_dbl(f, 4, "mean", d->mean, 6, ",");
	json_dbl(f, 4, "p10", d->p10, 3, ",");
	json_dbl(f, 4, "p50", d->p50, 3, ",");
	json_dbl(f, 4, "p90", d->p90, 3, ",");
	json_dbl(f, 4, "remembered_mean", d->remembered, 6, ",");
	json_dbl(f, 4, "peak_end_mean", d->peak_end, 6, ",");
	json_dbl(f, 4, "effort_mean", d->effort, 6, ",");
	json_u64(f, 4, "handoffs", a->jd.handoffs, ",");
	json_u64(f, 4, "repeat_contacts", a->jd.repeats, ",");
	json_u64(f, 4, "channel_switches", a->jd.switches, ",");
	fputs("    \"histogram\": [", f);
	for (b = 0; b < 10; b++)
		fprintf(f, "%s\n      {\"from\": %.1f, \"to\": %.1f, \"n\": %"
		    PRIu64 "}", b == 0 ? "" : ",", -1 + 0.2 * (double)b,
		    -0.8 + 0.2 * (double)b, d->bins[b]);
	fputs("\n    ]\n  },\n", f);
}

void
report_json(const struct report *r, FILE *f)
{
	const struct expectations	*e = r->e;
	const struct agg		*a = r->a;
	const struct input		*in;
	const struct score_param_def	*d;
	struct read_stats		 dq;
	size_t				 i, k;
	char				 t0[40];
	char				 hash[17];

	fputs("{\n", f);
	json_str(f, 2, "mot_version", PACKAGE_VERSION, ",");
	json_u64(f, 2, "report_version", 1, ",");
	fputs("  \"expectations\": {\n", f);
	json_str(f, 4, "path", e->path, ",");
	snprintf(hash, sizeof hash, "%016" PRIx64, e->hash);
	json_str(f, 4, "hash", hash, ",");
	fputs("    \"scoring\": {", f);
	for (d = score_param_defs; d->name != NULL; d++) {
		fprintf(f, "%s\n      \"%s\": ", d == score_param_defs ? "" :
		    ",", d->name);
		if (d->is_duration)
			json_number(f, (double)*(const int64_t *)(const void *)
			    ((const char *)&e->params + d->offset) / 1e6, 3);
		else
			json_number(f, *(const double *)(const void *)
			    ((const char *)&e->params + d->offset), 6);
	}
	fputs(",\n", f);	/* the default window: docs/scoring.md, 9 */
	json_bool(f, 6, "recovery-window-business-day",
	    e->params.recovery_business_day, "");
	fputs("    }\n  },\n", f);
	fputs("  \"percentiles\": {\n", f);
	json_str(f, 4, "method", "kaplan-meier", ",");
	json_u64(f, 4, "exact_up_to", SKETCH_EXACT, ",");
	json_dbl(f, 4, "relative_error", SKETCH_ALPHA, 6, "");
	fputs("  },\n", f);
	json_str(f, 2, "assume_zone", r->zone, ",");
	fputs("  \"inputs\": [", f);
	for (i = 0; i < a->ninputs; i++) {
		in = &a->inputs[i];
		fputs(i == 0 ? "\n    {\n" : ",\n    {\n", f);
		json_str(f, 6, "path", in->path, ",");
		json_str(f, 6, "format", in->format, ",");
		json_key(f, 6, "gzip");
		fprintf(f, "%s,\n", in->gzip ? "true" : "false");
		json_u64(f, 6, "bytes", in->bytes, ",");
		json_u64(f, 6, "journeys", in->st.journeys, ",");
		json_u64(f, 6, "touchpoints", in->st.touchpoints, ",");
		json_u64(f, 6, "events", in->st.events, ",");
		json_u64(f, 6, "events_without_time", in->st.events_no_time,
		    ",");
		json_u64(f, 6, "events_bad_time", in->st.events_bad_time, ",");
		json_u64(f, 6, "unpaired_starts", in->st.unpaired_starts, ",");
		json_u64(f, 6, "unpaired_completes",
		    in->st.unpaired_completes, "");
		fputs("    }", f);
	}
	fputs(a->ninputs > 0 ? "\n  ],\n" : "],\n", f);
	json_u64(f, 2, "journeys_read", a->journeys_read, ",");
	json_u64(f, 2, "journeys_accepted",
	    a->journeys_read - a->journeys_rejected, ",");
	json_u64(f, 2, "journeys_rejected", a->journeys_rejected, ",");
	json_u64(f, 2, "touchpoints", a->touchpoints, ",");
	report_dq(a, &dq);
	json_u64(f, 2, "events", dq.events, ",");
	json_u64(f, 2, "events_without_time", dq.events_no_time, ",");
	json_u64(f, 2, "events_bad_time", dq.events_bad_time, ",");
	json_u64(f, 2, "unpaired_starts", dq.unpaired_starts, ",");
	json_u64(f, 2, "unpaired_completes", dq.unpaired_completes, ",");
	json_u64(f, 2, "csv_rows", dq.csv_rows, ",");
	json_u64(f, 2, "csv_rows_without_id", dq.csv_rows_no_id, ",");
	json_u64(f, 2, "csv_header_repeats", dq.csv_header_repeats, ",");
	json_u64(f, 2, "csv_attribute_conflicts", dq.csv_attr_conflicts, ",");
	json_u64(f, 2, "ocel_events", dq.ocel_events, ",");
	json_u64(f, 2, "ocel_events_left_out", dq.ocel_events_left_out, ",");
	json_u64(f, 2, "ocel_unknown_objects", dq.ocel_unknown_objects, ",");
	json_u64(f, 2, "ocel_duplicate_objects", dq.ocel_duplicate_objects,
	    ",");
	json_u64(f, 2, "ocel_attribute_changes", dq.ocel_attr_changes, ",");
	json_key(f, 2, "duplicate_ids");
	if (a->duplicate_ids < 0)
		fputs("null,\n", f);
	else
		fprintf(f, "%" PRId64 ",\n", a->duplicate_ids);
	json_u64(f, 2, "moments_unmatched", r->s->unmatched, ",");
	fputs("  \"rejections\": [", f);
	for (i = 0; i < a->reasons.n; i++) {
		k = r->s->reasons[i];
		fputs(i == 0 ? "\n    {\n" : ",\n    {\n", f);
		json_str(f, 6, "reason", strtab_key(&a->reasons, k), ",");
		json_u64(f, 6, "count", a->reason_count[k], ",");
		json_str(f, 6, "first", a->reason_first[k], "");
		fputs("    }", f);
	}
	fputs(a->reasons.n > 0 ? "\n  ],\n" : "],\n", f);
	json_str(f, 2, "by", r->by, ",");
	if (a->as_of != MOT_TIME_NONE)
		isotime_format(a->as_of, t0, sizeof t0);
	json_str(f, 2, "as_of", a->as_of != MOT_TIME_NONE ? t0 : NULL, ",");
	fputs("  \"period\": {\n", f);
	json_time(f, "first_stop", a->first_stop, ",");
	json_time(f, "last_stop", a->last_stop, ",");
	json_time(f, "first_start", a->first_start, ",");
	json_time(f, "last_start", a->last_start, "");
	fputs("  },\n", f);
	json_journeys(f, r->s, a);
	json_str(f, 2, "ranking", r->s->outcomes ?
	    "priority = reach x breach_rate x NPS points lost per breach / 100 "
	    "x (1 + memory_share); moments with n < min-n last; ties: higher "
	    "Wilson lower bound, then id" :
	    "priority = reach x breach_rate x severity x (1 + memory_share); "
	    "moments with n < min-n last; ties: higher Wilson lower bound, "
	    "then id", ",");
	json_str(f, 2, "multiple_testing", "NPS differences: Benjamini-"
	    "Hochberg across moments (a moment's nps_delta_q), and apart "
	    "across every breakdown cell of every moment (a cell's "
	    "nps_delta_q)", ",");
	fputs("  \"moments\": [\n", f);
	for (i = 0; i < r->s->n; i++)
		json_moment(f, r, &r->s->ms[r->s->order[i]],
		    i + 1 < r->s->n ? "," : "");
	fputs("  ]\n}\n", f);
}
