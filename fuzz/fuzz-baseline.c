/*
 * fuzz-baseline.c - the baseline reader of mot check (a report.json read
 * strictly with json-c and baseline_strict).
 */
#include <config.h>

#include <stdlib.h>

#include "baseline.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline	 b;
	char		*cause = NULL;

	if (baseline_load(fuzz_file(data, size), &b, &cause) == 0)
		baseline_free(&b);
	free(cause);
	return (0);
}
