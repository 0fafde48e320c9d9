/* report-csv.c - moments.csv and occurrences.csv (RFC 4180, C locale numbers, no formulas). */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "report.h"

/*
 * Whether a spreadsheet would read text field s as a formula: it begins
 * with = + - @, a tab or a carriage return (OWASP's list for CSV
 * injection). A field that is only a decimal number ("-5", "+1.5") is read
 * as that number and nothing else, so it is left as it is.
 */
static int
csv_formula(const char *s)
{
	const char	*p = s;

	if (*s == '\0' || strchr("=+-@\t\r", *s) == NULL)
		return (0);
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return (1);
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' && isdigit((unsigned char)p[1])) {
		for (p++; isdigit((unsigned char)*p); p++)
			;
	}
	return (*p != '\0');
}

/* A quoted field: lead, then s with its quotes doubled. */
static void
csv_quoted(FILE *f, const char *lead, const char *s)
{
	fputc('"', f);
	fputs(lead, f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
csv_field(FILE *f, const char *s)
{
	int	formula;

	if (s == NULL)
		return;
	formula = csv_formula(s);
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	csv_quoted(f, formula ? "'" : "", s);
}

/* A number with up to digits decimals, trailing zeros dropped; empty for NaN. */
static void
csv_num(FILE *f, double v, int digits)
{
	char	buf[64];

	fmt_number(buf, sizeof buf, v, digits);
	fputs(buf, f);
}

static void
csv_row(FILE *f, const struct report *r, const struct moment_sum *ms,
    const struct cell_sum *c)
{
	const struct moment	*m = ms->m;

	fprintf(f, "%zu,", ms->rank);
	csv_field(f, m->id);
	fputc(',', f);
	csv_field(f, m->name);
	fputc(',', f);
	csv_field(f, m->stage);
	fputc(',', f);
	if (c->value != NULL) {
		csv_field(f, r->by);
		fputc(',', f);
		csv_field(f, c->value);
	} else
		fputc(',', f);
	fprintf(f, ",%llu,%llu,%llu,%llu,%llu,%llu,",
	    (unsigned long long)c->n, (unsigned long long)c->open,
	    (unsigned long long)c->invalid, (unsigned long long)c->met,
	    (unsigned long long)c->tolerated, (unsigned long long)c->breached);
	csv_num(f, c->met_rate, 6);
	fputc(',', f);
	csv_num(f, c->tolerated_rate, 6);
	fputc(',', f);
	csv_num(f, c->breach_rate, 6);
	fputc(',', f);
	csv_num(f, c->ci_lo, 6);
	fputc(',', f);
	csv_num(f, c->ci_hi, 6);
	fputc(',', f);
	csv_num(f, c->score_mean, 6);
	fputc(',', f);
	csv_num(f, c->p50, 3);
	fputc(',', f);
	csv_num(f, c->p90, 3);
	fputc(',', f);
	csv_num(f, c->p95, 3);
	fputc(',', f);
	csv_num(f, c->max, 3);
	fputc(',', f);
	csv_num(f, (double)m->desired.us / 1e6, 3);
	fputc(',', f);
	csv_num(f, (double)m->adequate.us / 1e6, 3);
	fputc(',', f);
	if (m->objective > 0)
		csv_num(f, m->objective, 6);
	fputc(',', f);
	if (c->objective_met >= 0)
		fputs(c->objective_met ? "true" : "false", f);
	fputc(',', f);
	csv_num(f, c->business_p50, 3);
	fputc(',', f);
	csv_num(f, c->business_p90, 3);
	fputc(',', f);
	csv_num(f, c->business_p95, 3);
	fprintf(f, ",%llu,", (unsigned long long)c->promised);
	csv_num(f, c->promise_broken_rate, 6);
	fprintf(f, ",%llu,%llu,", (unsigned long long)c->failures,
	    (unsigned long long)c->recovered);
	csv_num(f, c->recovery_rate, 6);
	fputc(',', f);
	csv_num(f, c->memory_share, 6);
	fputc(',', f);
	csv_num(f, c->score_sd, 6);
	fputc(',', f);
	csv_num(f, c->consistency, 6);
	fputc(',', f);
	csv_num(f, c->reach, 6);
	fputc(',', f);
	csv_num(f, c->priority, 6);
	fputc(',', f);
	csv_num(f, c->nps.breached, 3);
	fputc(',', f);
	csv_num(f, c->nps.met, 3);
	fputc(',', f);
	csv_num(f, c->nps.delta, 3);
	fputc(',', f);
	csv_num(f, c->nps.ci_lo, 3);
	fputc(',', f);
	csv_num(f, c->nps.ci_hi, 3);
	fputc(',', f);
	csv_num(f, c->nps.q, 6);
	fprintf(f, ",%s\n", c->rankable ? "true" : "false");
}

void
report_csv(const struct report *r, FILE *f)
{
	const struct moment_sum	*ms;
	struct cell_sum		 c;
	size_t			 i, pos;

	fputs("rank,id,name,stage,by,value,n,open,invalid,met,tolerated,"
	    "breached,met_rate,tolerated_rate,breach_rate,breach_rate_ci_low,"
	    "breach_rate_ci_high,score_mean,p50_s,p90_s,p95_s,max_s,"
	    "desired_s,adequate_s,objective,objective_met,business_p50_s,"
	    "business_p90_s,business_p95_s,promised,promise_broken_rate,"
	    "failures,recovered,recovery_rate,memory_share,score_sd,"
	    "consistency_score,reach,priority,nps_breached,nps_met,nps_delta,"
	    "nps_delta_ci_low,nps_delta_ci_high,nps_delta_q,rankable\n", f);
	for (i = 0; i < r->s->n; i++) {
		ms = &r->s->ms[r->s->order[i]];
		csv_row(f, r, ms, &ms->total);
		for (pos = 0; summary_next_value(r->s, ms, &pos, &c); )
			csv_row(f, r, ms, &c);
	}
}

void
report_occ_header(FILE *f, const char *by)
{
	fputs("journey,moment,from,to,start,stop,elapsed_s,business_s,status,"
	    "zone_score,score,promise,promise_broken,notified,failed,recovered",
	    f);
	if (by != NULL) {
		fputc(',', f);
		csv_field(f, by);
	}
	fputc('\n', f);
}

/* A clock endpoint: the touchpoint's name, or @attribute (as '@attribute). */
static void
csv_endpoint(FILE *f, const struct touchpoint *tp, const struct endpoint *ep)
{
	if (tp != NULL)
		csv_field(f, tp->name);
	else if (ep->is_attr)
		csv_quoted(f, "'@", ep->name);
}

void
report_occ_row(FILE *f, const struct journey *j, const struct moment *m,
    const struct occurrence *o, const char *value)
{
	char	buf[48];

	csv_field(f, j->id);
	fputc(',', f);
	csv_field(f, m->id);
	fputc(',', f);
	csv_endpoint(f, o->from, &m->from);
	fputc(',', f);
	if (!m->span)
		csv_endpoint(f, o->to, &m->to);
	else
		csv_endpoint(f, o->from, &m->from);
	fputc(',', f);
	if (o->start != MOT_TIME_NONE) {
		isotime_format(o->start, buf, sizeof buf);
		fputs(buf, f);
	}
	fputc(',', f);
	if (o->stop != MOT_TIME_NONE) {
		isotime_format(o->stop, buf, sizeof buf);
		fputs(buf, f);
	}
	fputc(',', f);
	if (o->status != ST_OPEN)
		csv_num(f, (double)o->elapsed / 1e6, 6);
	fputc(',', f);
	if (o->status != ST_OPEN && o->status != ST_INVALID)
		csv_num(f, (double)o->business / 1e6, 6);
	fprintf(f, ",%s,", score_status_name(o->status));
	if (score_scored(o->status)) {
		csv_num(f, o->base, 6);
		fputc(',', f);
		csv_num(f, o->score, 6);
	} else
		fputc(',', f);
	fputc(',', f);
	if (o->promise != MOT_TIME_NONE) {
		isotime_format(o->promise, buf, sizeof buf);
		fputs(buf, f);
		fprintf(f, ",%s", !score_scored(o->status) ? "" :
		    o->promise_broken ? "true" : "false");
	} else
		fputc(',', f);
	fputc(',', f);
	if (o->notified != MOT_TIME_NONE) {
		isotime_format(o->notified, buf, sizeof buf);
		fputs(buf, f);
	}
	fprintf(f, ",%s,%s", o->failed ? "true" : "false",
	    o->recovered == 1 ? "recovered" : o->recovered == 2 ?
	    "recovery failed" : "");
	if (value != NULL) {
		fputc(',', f);
		csv_field(f, value);
	}
	fputc('\n', f);
}
