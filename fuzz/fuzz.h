/* fuzz.h - what the harnesses share: the libFuzzer entry points, and a file made of the input. */
#ifndef MOT_FUZZ_H
#define MOT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

/* Called once before the first input. */
int	LLVMFuzzerInitialize(int *, char ***);
/* Called for each input; always 0. */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A path (/proc/self/fd/N of a memfd) that reads as the input, as mot reads files. */
const char *fuzz_file(const uint8_t *, size_t);
/* The source folder: $MOT_FUZZ_SRCDIR, else where the harness was built from. */
const char *fuzz_srcdir(void);

/* Bytes handed to a reader (csv_read_fn's shape) step at a time. */
struct fuzz_feed {
	const char	*s;
	size_t		 len;
	size_t		 off;
	size_t		 step;
};
/* The next bytes of a struct fuzz_feed: at most step of them. */
ssize_t	fuzz_feed_read(void *, char *, size_t, int *, const char **);
/* The same as a decompressor's fill callback (decomp_fill_cb). */
ssize_t	fuzz_feed_fill(void *, void *, size_t);

/* A harness's finding: say it and abort. */
#define FAIL(...) do {							\
	fprintf(stderr, __VA_ARGS__);					\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

#endif
