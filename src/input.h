/* input.h - the bytes of an input file: plain, gzip, zstd or xz, UTF-8 or UTF-16, a file or standard input. */
#ifndef MOT_INPUT_H
#define MOT_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct input_src;

/* Open a file ("-" for standard input); 0, or an exit code with *cause. */
int	input_open(struct input_src **, const char *, char **);
/* The same, decompressing on a thread of its own only if told (and MOT_INPUT_THREADS allows). */
int	input_open_thread(struct input_src **, const char *, int, char **);
/* Open len bytes at off of a plain file (or of mem, unless NULL), given between a prefix and a suffix. */
int	input_open_range(struct input_src **, const char *, const char *,
	    uint64_t, uint64_t, const char *, size_t, const char *, size_t,
	    char **);
/* Read up to n (at least 4) bytes of UTF-8; the count, 0 at the end, or -1 with an exit code and a message that lasts until input_close. */
ssize_t	input_read(struct input_src *, char *, size_t, int *, const char **);
/* Bytes read from the file itself (compressed, for a compressed file). */
uint64_t input_raw_bytes(const struct input_src *);
/* Whether the file is gzip-compressed. */
int	input_is_gzip(const struct input_src *);
/* Whether the file is compressed (gzip, zstd or xz): then it is read whole, not in pieces. */
int	input_is_compressed(const struct input_src *);
/* Whether the file is compressed with a codec that decompresses faster than libxml2 parses (gzip, zstd; not xz). */
int	input_outpaces_parser(const struct input_src *);
/* Whether the file is UTF-16 (with a byte order mark), read as UTF-8. */
int	input_is_utf16(const struct input_src *);
/* The line of the error input_read last gave, or 0 if it has none. */
unsigned long input_error_line(const struct input_src *);
/* Decompressed bytes of one compressed input, unless MOT_GZIP_MAX says otherwise. */
#define INPUT_GZIP_MAX	(UINT64_C(16) << 30)
/* The cap on a gzip input's size (0: none) from MOT_GZIP_MAX; NULL, or a message (allocated) when it is not a size. */
char	*input_gzip_max(uint64_t *);
/* Close the file. */
void	input_close(struct input_src *);

#endif
