/* report.c - the table of report writers. */
#include <config.h>

#include <string.h>

#include "report.h"

const struct report_writer report_writers[] = {
	{ "text", "summary.txt", report_text },
	{ "json", "report.json", report_json },
	{ "csv", "moments.csv", report_csv },
	{ NULL, NULL, NULL }
};

const struct report_writer *
report_writer_find(const char *format)
{
	const struct report_writer	*w;

	for (w = report_writers; w->format != NULL; w++) {
		if (strcmp(w->format, format) == 0)
			return (w);
	}
	return (NULL);
}

void
report_dq(const struct agg *a, struct read_stats *dq)
{
	const struct read_stats	*st;
	size_t			 i;

	memset(dq, 0, sizeof *dq);
	for (i = 0; i < a->ninputs; i++) {
		st = &a->inputs[i].st;
		dq->journeys += st->journeys;
		dq->touchpoints += st->touchpoints;
		dq->events += st->events;
		dq->events_no_time += st->events_no_time;
		dq->events_bad_time += st->events_bad_time;
		dq->unpaired_starts += st->unpaired_starts;
		dq->unpaired_completes += st->unpaired_completes;
	}
}
