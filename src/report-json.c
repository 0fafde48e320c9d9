/* report-json.c - report.json: the whole run, with stable keys (docs/report-json.md). */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A number with up to digits decimals and no trailing zeros; null for NaN. */
static void
json_num(FILE *f, double v, int digits)
{
	char	buf[64];
	size_t	len;

	if (isnan(v) || isinf(v)) {
		fputs("null", f);
		return;
	}
	snprintf(buf, sizeof buf, "%.*f", digits, v);
	if (strchr(buf, '.') != NULL) {
		len = strlen(buf);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
		if (buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	fputs(buf, f);
}

static void
json_key(FILE *f, int indent, const char *key)
{
	fprintf(f, "%*s\"%s\": ", indent, "", key);
}

static void
json_u64(FILE *f, int indent, const char *key, uint64_t v, const char *end)
{
	json_key(f, indent, key);
	fprintf(f, "%" PRIu64 "%s\n", v, end);
}

static void
json_dbl(FILE *f, int indent, const char *key, double v, int digits,
    const char *end)
{
	json_key(f, indent, key);
	json_num(f, v, digits);
	fprintf(f, "%s\n", end);
}

static void
json_str(FILE *f, int indent, const char *key, const char *v, const char *end)
{
	json_key(f, indent, key);
	if (v == NULL)
		fputs("null", f);
	else
		json_string(f, v);
	fprintf(f, "%s\n", end);
}

/* The figures of a total or breakdown cell; the caller writes the braces. */
static void
json_cell(FILE *f, int in, const struct cell_sum *c)
{
	json_u64(f, in, "n", c->n, ",");
	json_u64(f, in, "open", c->open, ",");
	json_u64(f, in, "invalid", c->invalid, ",");
	json_u64(f, in, "met", c->met, ",");
	json_u64(f, in, "tolerated", c->tolerated, ",");
	json_u64(f, in, "breached", c->breached, ",");
	json_dbl(f, in, "met_rate", c->met_rate, 6, ",");
	json_dbl(f, in, "tolerated_rate", c->tolerated_rate, 6, ",");
	json_dbl(f, in, "breach_rate", c->breach_rate, 6, ",");
	json_key(f, in, "breach_rate_ci");
	if (isnan(c->ci_lo))
		fputs("null,\n", f);
	else {
		fputc('[', f);
		json_num(f, c->ci_lo, 6);
		fputs(", ", f);
		json_num(f, c->ci_hi, 6);
		fputs("],\n", f);
	}
	json_dbl(f, in, "within_adequate_rate", c->within_rate, 6, ",");
	json_dbl(f, in, "score_mean", c->score_mean, 6, ",");
	json_dbl(f, in, "p50_s", c->p50, 3, ",");
	json_dbl(f, in, "p90_s", c->p90, 3, ",");
	json_dbl(f, in, "p95_s", c->p95, 3, ",");
	json_dbl(f, in, "max_s", c->max, 3, ",");
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

static void
json_moment(FILE *f, const struct report *r, const struct moment_sum *ms,
    const char *end)
{
	const struct moment	*m = ms->m;
	char			 verdict[512], *s;
	size_t			 v;

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
	json_u64(f, 6, "journeys", ms->journeys, ",");
	json_dbl(f, 6, "weakness", ms->weakness, 6, ",");
	json_cell(f, 6, &ms->total);
	fputs(",\n", f);
	summary_verdict(ms, verdict, sizeof verdict);
	json_str(f, 6, "verdict", verdict, ",");
	json_key(f, 6, "breakdown");
	if (r->by == NULL)
		fputs("null\n", f);
	else {
		fputs("[", f);
		for (v = 0; v < ms->nby; v++) {
			fputs(v == 0 ? "\n        {\n" : ",\n        {\n", f);
			json_str(f, 10, "value", ms->by[v].value, ",");
			json_cell(f, 10, &ms->by[v]);
			fputs("\n        }", f);
		}
		fputs(ms->nby > 0 ? "\n      ]\n" : "]\n", f);
	}
	fprintf(f, "    }%s\n", end);
}

void
report_json(const struct report *r, FILE *f)
{
	const struct expectations	*e = r->e;
	const struct agg		*a = r->a;
	const struct input		*in;
	struct read_stats		 dq;
	size_t				 i, k;
	char				 hash[17];

	fputs("{\n", f);
	json_str(f, 2, "mot_version", PACKAGE_VERSION, ",");
	json_u64(f, 2, "report_version", 1, ",");
	fputs("  \"expectations\": {\n", f);
	json_str(f, 4, "path", e->path, ",");
	snprintf(hash, sizeof hash, "%016" PRIx64, e->hash);
	json_str(f, 4, "hash", hash, ",");
	fputs("    \"scoring\": {\n", f);
	json_dbl(f, 6, "desired_score", e->params.desired_score, 6, ",");
	json_dbl(f, 6, "early_bonus", e->params.early_bonus, 6, ",");
	json_dbl(f, 6, "loss_span", e->params.loss_span, 6, "");
	fputs("    }\n  },\n", f);
	fputs("  \"percentiles\": {\n", f);
	json_str(f, 4, "method", "nearest-rank", ",");
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
	json_str(f, 2, "ranking", "weakness = breach_rate x n (breached "
	    "occurrences); ties: higher Wilson lower bound, then id", ",");
	fputs("  \"moments\": [\n", f);
	for (i = 0; i < r->s->n; i++)
		json_moment(f, r, &r->s->ms[r->s->order[i]],
		    i + 1 < r->s->n ? "," : "");
	fputs("  ]\n}\n", f);
}
