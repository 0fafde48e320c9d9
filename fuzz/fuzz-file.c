/*
 * fuzz-file.c - the input as a file: mot opens files by name, so the
 * harnesses write each input to a memfd and give its /proc/self/fd path,
 * which goes through the same open, gzip detection and reads as a file.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR	"."
#endif

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	static char	 path[64];
	size_t		 off = 0;
	ssize_t		 n;

	if (fd == -1) {
		if ((fd = memfd_create("mot-fuzz", MFD_CLOEXEC)) == -1) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0)
		abort();
	while (off < size) {
		if ((n = pwrite(fd, data + off, size - off, (off_t)off)) <= 0)
			abort();
		off += (size_t)n;
	}
	return (path);
}

const char *
fuzz_srcdir(void)
{
	const char	*s = getenv("MOT_FUZZ_SRCDIR");

	return (s != NULL && *s != '\0' ? s : FUZZ_SRCDIR);
}

ssize_t
fuzz_feed_fill(void *arg, void *buf, size_t n)
{
	struct fuzz_feed	*fd = arg;
	size_t			 k = fd->len - fd->off;

	if (k > fd->step)
		k = fd->step;
	if (k > n)
		k = n;
	memcpy(buf, fd->s + fd->off, k);
	fd->off += k;
	return ((ssize_t)k);
}

ssize_t
fuzz_feed_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	return (fuzz_feed_fill(arg, buf, n));
}
