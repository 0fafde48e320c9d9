/*
 * fuzz-state.c - the state reader, as mot merge runs it: a state that
 * loads is merged with a second load of itself (the bounds of a merge)
 * and summarised, as its report would be. The input's last 4 bytes are
 * set to the CRC-32 of the rest first, so that mutations reach the
 * fields rather than stop at the checksum.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "fuzz.h"
#include "log.h"
#include "state.h"
#include "summary.h"
#include "xmalloc.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_level(-1);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expectations	*e, *e2;
	struct state_inputs	 in, in2;
	struct agg		 a, a2;
	struct summary		 sum;
	const char		*path;
	char			*by, *by2, *cause = NULL;
	unsigned char		*p;
	uint32_t		 crc;

	p = xmalloc(size + 1);
	memcpy(p, data, size);
	if (size >= 4) {
		crc = (uint32_t)crc32(0L, p, (uInt)(size - 4));
		p[size - 4] = (unsigned char)crc;
		p[size - 3] = (unsigned char)(crc >> 8);
		p[size - 2] = (unsigned char)(crc >> 16);
		p[size - 1] = (unsigned char)(crc >> 24);
	}
	path = fuzz_file(p, size);
	free(p);
	if (state_load(path, &e, &a, &by, &in, &cause) != 0) {
		free(cause);
		return (0);
	}
	if (state_load(path, &e2, &a2, &by2, &in2, &cause) == 0) {
		(void)state_overlap(&in, &in2);
		if (state_merge_fits(&a, &a2, path, &cause) == 0)
			agg_merge(&a, &a2);
		agg_free(&a2);
		expect_free(e2);
		free(by2);
		state_inputs_free(&in2);
	}
	free(cause);
	agg_sort_inputs(&a);
	summary_make(&sum, e, &a);
	summary_free(&sum);
	agg_free(&a);
	expect_free(e);
	free(by);
	state_inputs_free(&in);
	return (0);
}
