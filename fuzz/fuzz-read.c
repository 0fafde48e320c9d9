/*
 * fuzz-read.c - the journeys and XES readers, through the code that mot
 * validate and mot analyze run: the input is a file (plain or gzip); its
 * root is sniffed, it is read with every problem reported and duplicate
 * ids counted, then analysed against fixed expectations (FUZZ_EXP, under
 * the source folder) broken down by segment, with occurrences written to
 * /dev/null, and every report too for one input in eight (writing them
 * takes most of the time). Built as fuzz_journeys (the shop's
 * expectations), fuzz_xes (the XES ones, with a classifier) and
 * fuzz_csvread (a CSV mapping, FUZZ_FORMAT_IN: the input is read as CSV,
 * once more with a 4 KiB --memory so that the spill is fuzzed too) and
 * fuzz_ocelread and fuzz_oceljson (the same for OCEL 2.0 XML and JSON,
 * with the shop's <ocel>).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "log.h"
#include "read.h"
#include "read-ids.h"
#include "report.h"
#include "run.h"

#ifndef FUZZ_EXP
#define FUZZ_EXP	"samples/shop/expectations.xml"
#endif
#ifndef FUZZ_BY
#define FUZZ_BY		"segment"
#endif

static char	*exp_path;
static FILE	*devnull;

static void
on_problem(void *arg, const char *file, unsigned long line, unsigned col,
    int error, const char *msg)
{
	(*(unsigned long *)arg)++;
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	return (0);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_level(-1);	/* no warnings on stderr */
	if (asprintf(&exp_path, "%s/%s", fuzz_srcdir(), FUZZ_EXP) == -1)
		abort();
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct report_writer	*w;
	const char			*path;
	struct read_opts		 ro;
	struct read_stats		 st;
	struct read_ids			*ids;
	struct run_opts			 o;
	struct run			 r;
	struct report			 rep;
	char				*cause = NULL, *files[1];
	char				 file[64];
	unsigned long			 problems = 0;

	path = fuzz_file(data, size);

	/* mot validate */
#ifndef FUZZ_FORMAT_IN
	char	root[64];

	if (xmlin_root(path, root, sizeof root, &cause) == 0) {
		memset(&ro, 0, sizeof ro);
		ro.problem = on_problem;
		ro.arg = &problems;
		ro.ids = ids = read_ids_new();
		free(cause);
		cause = NULL;
		if (read_file(path, &ro, on_journey, &st, &cause) == 0)
			(void)read_ids_duplicates(ids);
		read_ids_free(ids);
	}
#endif
	free(cause);
	cause = NULL;

	/* mot analyze */
	memset(&o, 0, sizeof o);
	o.expectations = exp_path;
	o.by = FUZZ_BY;
	o.jobs = 1;
	o.occ = devnull;
#ifdef FUZZ_FORMAT_IN
	o.format_in = FUZZ_FORMAT_IN;
	o.memory = READ_MEMORY;
#endif
	snprintf(file, sizeof file, "%s", path);
	files[0] = file;
	if (run_load(&r, &o, &cause) == 0 &&
	    run_inputs(&r, files, 1, &cause) == 0 && size % 8 == 0) {
		memset(&rep, 0, sizeof rep);
		rep.e = r.e;
		rep.a = &r.agg;
		rep.s = &r.sum;
		rep.by = o.by;
		for (w = report_writers; w->format != NULL; w++)
			w->write(&rep, devnull);
	}
	free(cause);
	cause = NULL;
#ifdef FUZZ_FORMAT_IN
	/* mot validate, and a spill at every few rows */
	if (r.e != NULL) {
		memset(&ro, 0, sizeof ro);
		ro.problem = on_problem;
		ro.arg = &problems;
		ro.csv = r.e->csv;
		ro.ocel = r.e->ocel;
		ro.format_in = FUZZ_FORMAT_IN;
		ro.memory = 4096;
		ro.ids = ids = read_ids_new();
		if (read_file(path, &ro, on_journey, &st, &cause) == 0)
			(void)read_ids_duplicates(ids);
		read_ids_free(ids);
		free(cause);
	}
#endif
	run_free(&r);
	return (0);
}
