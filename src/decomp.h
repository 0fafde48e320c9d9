/* decomp.h - the decompressors of input files: gzip (ISA-L's igzip or zlib), zstd and xz behind one interface. */
#ifndef MOT_DECOMP_H
#define MOT_DECOMP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What the bytes of a file are, told by their magic. */
enum decomp_codec {
	DECOMP_PLAIN,
	DECOMP_GZIP,
	DECOMP_ZSTD,
	DECOMP_XZ
};

/* The bytes a file's magic needs at most. */
#define DECOMP_MAGIC_LEN	6

struct decomp;

/* Raw bytes for a decompressor: the count, 0 at the end, or -1 with errno set. */
typedef ssize_t (*decomp_fill_cb)(void *, void *, size_t);

/* What len bytes that begin a file say it is. */
enum decomp_codec decomp_magic(const void *, size_t);
/* The codec's name: "plain", "gzip", "zstd" or "xz". */
const char *decomp_name(enum decomp_codec);
/* The library that inflates gzip ("ISA-L" or "zlib"), as MOT_INFLATE and the build choose. */
const char *decomp_gzip_library(void);
/* Start decompressing: the len bytes at p first (copied), then fill's; NULL with *cause if it cannot start. */
struct decomp *decomp_new(enum decomp_codec, const void *, size_t,
	    decomp_fill_cb, void *, char **);
/* Up to n decompressed bytes: the count, 0 at the end, or -1 with an exit code and a message that lasts until decomp_free. */
ssize_t	decomp_read(struct decomp *, char *, size_t, int *, const char **);
/* Whether it decompresses faster than libxml2 parses, so that several readers of its output pay. */
int	decomp_outpaces_parser(const struct decomp *);
/* Free the decompressor. */
void	decomp_free(struct decomp *);

#endif
