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
