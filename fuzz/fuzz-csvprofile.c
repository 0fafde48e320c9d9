/*
 * fuzz-csvprofile.c - mot inspect's profile of a CSV file without a
 * mapping (src/csv-profile.c): the delimiter is guessed from the input as
 * mot inspect does, the records profiled, the mapping suggested. The
 * counts of every column must add up to the rows, its distinct values stay
 * within them, and the suggestion must be well-formed XML.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "csv-profile.h"
#include "csv.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct csvprof_col	*col;
	struct csv_opts			 o;
	struct csv_record		 rec;
	struct fuzz_feed		 fd = { (const char *)data, size, 0, size };
	struct csvprof			*p;
	struct csv			*cs;
	xmlDocPtr			 doc;
	char				*cause = NULL, *sk;
	size_t				 i;
	uint64_t			 rows;
	int				 code, r;

	memset(&o, 0, sizeof o);
	o.delim = csvprof_sniff((const char *)data, size);
	o.quote = '"';
	o.field_max = 4096;	/* small limits: more records in a run */
	o.record_max = 65536;
	o.fields_max = 2048;
	p = csvprof_new(size > 0 && (data[0] & 1) == 0);
	cs = csv_new(&o, fuzz_feed_read, &fd);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1)
		csvprof_record(p, &rec);
	if (r != 0)
		FAIL("fuzz-csvprofile: csv_next gave %d", r);
	csv_free(cs);
	csvprof_finish(p);
	rows = csvprof_rows(p);
	if (csvprof_ncols(p) > CSVPROF_COLS_MAX)
		FAIL("fuzz-csvprofile: %zu columns", csvprof_ncols(p));
	for (i = 0; i < csvprof_ncols(p); i++) {
		col = csvprof_col(p, i);
		if (col->values + col->missing != rows)
			FAIL("fuzz-csvprofile: column %zu: %llu values and %llu "
			    "missing of %llu rows", i,
			    (unsigned long long)col->values,
			    (unsigned long long)col->missing,
			    (unsigned long long)rows);
		if (distinct_count(&col->distinct) > col->values ||
		    (col->values > 0 && distinct_count(&col->distinct) == 0))
			FAIL("fuzz-csvprofile: column %zu: %llu distinct of "
			    "%llu", i, (unsigned long long)
			    distinct_count(&col->distinct),
			    (unsigned long long)col->values);
	}
	sk = csvprof_skeleton(p, o.delim);
	doc = xmlReadMemory(sk, (int)strlen(sk), "skeleton.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		FAIL("fuzz-csvprofile: not well-formed:\n%s", sk);
	xmlFreeDoc(doc);
	free(sk);
	csvprof_free(p);
	return (0);
}
