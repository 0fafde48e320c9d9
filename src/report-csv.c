/* report-csv.c - moments.csv and occurrences.csv (RFC 4180, C locale numbers). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A number with up to digits decimals, trailing zeros dropped; empty for NaN. */
static void
csv_num(FILE *f, double v, int digits)
{
	char	buf[64];
	size_t	len;

	if (isnan(v))
		return;
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
	fputc('\n', f);
}

void
report_csv(const struct report *r, FILE *f)
{
	const struct moment_sum	*ms;
	size_t			 i, v;

	fputs("rank,id,name,stage,by,value,n,open,invalid,met,tolerated,"
	    "breached,met_rate,tolerated_rate,breach_rate,breach_rate_ci_low,"
	    "breach_rate_ci_high,score_mean,p50_s,p90_s,p95_s,max_s,"
	    "desired_s,adequate_s,objective,objective_met\n", f);
	for (i = 0; i < r->s->n; i++) {
		ms = &r->s->ms[r->s->order[i]];
		csv_row(f, r, ms, &ms->total);
		for (v = 0; v < ms->nby; v++)
			csv_row(f, r, ms, &ms->by[v]);
	}
}

void
report_occ_header(FILE *f, const char *by)
{
	fputs("journey,moment,from,to,start,stop,elapsed_s,status,score", f);
	if (by != NULL) {
		fputc(',', f);
		csv_field(f, by);
	}
	fputc('\n', f);
}

/* A clock endpoint: the touchpoint's name, or @attribute. */
static void
csv_endpoint(FILE *f, const struct touchpoint *tp, const struct endpoint *ep)
{
	if (tp != NULL)
		csv_field(f, tp->name);
	else if (ep->is_attr) {
		fputc('@', f);
		csv_field(f, ep->name);
	}
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
	fprintf(f, ",%s,", score_status_name(o->status));
	if (o->status != ST_OPEN && o->status != ST_INVALID)
		csv_num(f, o->score, 6);
	if (value != NULL) {
		fputc(',', f);
		csv_field(f, value);
	}
	fputc('\n', f);
}
