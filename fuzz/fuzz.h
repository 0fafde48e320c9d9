/* fuzz.h - what the harnesses share: the libFuzzer entry points, and a file made of the input. */
#ifndef MOT_FUZZ_H
#define MOT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Called once before the first input. */
int	LLVMFuzzerInitialize(int *, char ***);
/* Called for each input; always 0. */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A path (/proc/self/fd/N of a memfd) that reads as the input, as mot reads files. */
const char *fuzz_file(const uint8_t *, size_t);
/* The source folder: $MOT_FUZZ_SRCDIR, else where the harness was built from. */
const char *fuzz_srcdir(void);

#endif
