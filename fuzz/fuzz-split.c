/*
 * fuzz-split.c - the cuts of -j and mot split: a journeys file or XES log
 * (or, when the first byte's top bit is set, a CSV file read by the
 * mapping of tests/data/csv-fuzz-exp.xml) that reads whole is cut into 2
 * to 8 pieces (split.c, csv_plan), each read on its own; when every piece
 * reads, they must hold the whole file's journeys and touchpoints, no more
 * and no fewer. A CSV file that is not cut is partitioned by journey id
 * (csv_partition) into files of their own, which must hold them too.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "expect.h"
#include "fuzz.h"
#include "log.h"
#include "read.h"
#include "split.h"

#define PARTS_MAX	8

static struct expectations	*csv_exp;

/* The partitions' files, made once. */
static int	part_fd[PARTS_MAX] = { -1, -1, -1, -1, -1, -1, -1, -1 };
static char	part_path[PARTS_MAX][64];

struct parts {
	const uint8_t	*data;	/* the file's bytes */
	size_t		 size;
	size_t		 n;
	uint64_t	 at[PARTS_MAX];
	uint64_t	 header;
};

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	return (0);
}

static void
on_counted(void *arg, size_t k)
{
}

static void
put(struct parts *p, size_t k, uint64_t off, uint64_t len)
{
	if (off + len > p->size)
		FAIL("a row past the file's end: %llu+%llu of %zu",
		    (unsigned long long)off, (unsigned long long)len, p->size);
	if (pwrite(part_fd[k], p->data + off, len, (off_t)p->at[k]) !=
	    (ssize_t)len)
		abort();
	p->at[k] += len;
}

static void
on_row(void *arg, long part, uint64_t off, uint64_t len)
{
	struct parts	*p = arg;
	size_t		 k;

	if (part < 0) {
		p->header = len;
		for (k = 0; k < p->n; k++)
			put(p, k, off, len);
		return;
	}
	if ((size_t)part >= p->n)
		FAIL("a row given part %ld of %zu", part, p->n);
	put(p, (size_t)part, off, len);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*path, *cause = NULL;
	size_t	 k;

	log_set_level(-1);
	if (asprintf(&path, "%s/tests/data/csv-fuzz-exp.xml",
	    fuzz_srcdir()) == -1 || expect_load(path, &csv_exp, &cause) != 0)
		FAIL("cannot load the CSV mapping: %s", cause);
	free(path);
	for (k = 0; k < PARTS_MAX; k++) {
		if ((part_fd[k] = memfd_create("mot-fuzz-part", MFD_CLOEXEC)) ==
		    -1)
			abort();
		snprintf(part_path[k], sizeof part_path[k], "/proc/self/fd/%d",
		    part_fd[k]);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct read_opts	 ro;
	struct read_stats	 whole, st;
	struct split		 sp;
	struct parts		 p;
	const char		*path;
	char			*cause = NULL;
	uint64_t		 journeys = 0, touchpoints = 0;
	size_t			 want, n, k;
	int			 csv, all = 1;

	if (size < 1)
		return (0);
	want = 2 + data[0] % 7;
	csv = (data[0] & 0x80) != 0;
	path = fuzz_file(data + 1, size - 1);
	memset(&ro, 0, sizeof ro);
	ro.plan_any_size = 1;
	ro.memory = READ_MEMORY;
	if (csv) {
		ro.format_in = READ_IN_CSV;
		ro.csv = csv_exp->csv;
	} else
		ro.format_in = READ_IN_XML;
	if (read_file(path, &ro, on_journey, &whole, &cause) != 0) {
		free(cause);
		return (0);
	}
	n = read_plan(path, &ro, want, &sp);
	if (n > 1) {
		split_count(path, &sp, on_counted, NULL);
		for (k = 0; k < n && all; k++) {
			if (read_range(path, &sp.pieces[k], &ro, on_journey, &st,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
				all = 0;	/* a bad cut: read whole instead */
				break;
			}
			journeys += st.journeys;
			touchpoints += st.touchpoints;
		}
		if (all && (journeys != whole.journeys ||
		    touchpoints != whole.touchpoints))
			FAIL("%zu pieces hold %llu journeys and %llu touchpoints, "
			    "the file %llu and %llu", n,
			    (unsigned long long)journeys,
			    (unsigned long long)touchpoints,
			    (unsigned long long)whole.journeys,
			    (unsigned long long)whole.touchpoints);
	}
	split_free(&sp);
	if (!csv || n > 1 || whole.journeys < 2)
		return (0);
	/* Partitioned by journey id: the parts hold the journeys, each once. */
	memset(&p, 0, sizeof p);
	p.data = data + 1;
	p.size = size - 1;
	p.n = want;
	for (k = 0; k < p.n; k++)
		if (ftruncate(part_fd[k], 0) != 0)
			abort();
	if (read_partition(path, &ro, want, on_row, &p, &cause) != 0) {
		free(cause);
		return (0);
	}
	for (k = 0; k < p.n; k++) {
		if (p.at[k] == p.header)
			continue;	/* no row: not written by mot split */
		if (read_file(part_path[k], &ro, on_journey, &st, &cause) != 0)
			FAIL("part %zu of %zu does not read: %s", k, p.n, cause);
		journeys += st.journeys;
		touchpoints += st.touchpoints;
	}
	if (journeys != whole.journeys || touchpoints != whole.touchpoints)
		FAIL("%zu parts hold %llu journeys and %llu touchpoints, the "
		    "file %llu and %llu", p.n, (unsigned long long)journeys,
		    (unsigned long long)touchpoints,
		    (unsigned long long)whole.journeys,
		    (unsigned long long)whole.touchpoints);
	return (0);
}
