/*
 * fuzz-expectations.c - the expectations reader, as mot validate (every
 * problem reported) and mot analyze (loaded, then freed) run it.
 */
#include <config.h>

#include <stdlib.h>

#include "expect.h"
#include "fuzz.h"
#include "log.h"

static void
on_problem(void *arg, const char *file, unsigned long line, int error,
    const char *msg)
{
	(*(unsigned long *)arg)++;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_level(-1);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expectations	*e;
	const char		*path;
	char			*cause = NULL;
	unsigned long		 problems = 0;
	int			 errors;

	path = fuzz_file(data, size);
	expect_check(path, on_problem, &problems, &errors, &cause);
	free(cause);
	cause = NULL;
	if (expect_load(path, &e, &cause) == 0)
		expect_free(e);
	free(cause);
	return (0);
}
