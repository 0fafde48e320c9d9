/*
 * fuzz-decomp.c - the decompressors (decomp.c), for gzip with each library
 * built in, zstd and xz. The first byte chooses the codec, the library,
 * how many raw bytes each fill gives and what is done to the rest of the
 * input: given as it is (the library's checks and our guards on anything),
 * or compressed here in one to three members, frames or streams, then read
 * back whole (it must give the input again, byte for byte) and cut short
 * or given trailing bytes (it must be refused as a data error).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "decomp.h"
#include "exitcode.h"
#include "fuzz.h"

/* Read all of p: 0 with the output in *out (malloc'd), or the exit code. */
static int
read_all(enum decomp_codec c, const uint8_t *p, size_t len, size_t step,
    uint8_t **out, size_t *outlen)
{
	struct fuzz_feed f = { (const char *)p, len, 0, step };
	struct decomp	*d;
	char		*cause, buf[4096];
	const char	*msg;
	size_t		 first = len < DECOMP_MAGIC_LEN ? len : DECOMP_MAGIC_LEN;
	ssize_t		 r;
	int		 code = 0;

	f.off = first;
	if ((d = decomp_new(c, p, first, fuzz_feed_fill, &f, &cause)) == NULL)
		FAIL("decomp_new: %s", cause);
	*out = NULL;
	*outlen = 0;
	while ((r = decomp_read(d, buf, sizeof buf, &code, &msg)) > 0) {
		if ((*out = realloc(*out, *outlen + (size_t)r)) == NULL)
			abort();
		memcpy(*out + *outlen, buf, (size_t)r);
		*outlen += (size_t)r;
	}
	if (r < 0 && (msg == NULL || *msg == '\0'))
		FAIL("%s: an error without a message", decomp_name(c));
	decomp_free(d);
	return (r < 0 ? code : 0);
}

/* text compressed with c, appended to (*z, *zlen). */
static void
compress_member(enum decomp_codec c, const uint8_t *text, size_t n, uint8_t **z,
    size_t *zlen)
{
	size_t		 cap = n + n / 2 + 1024, pos = 0;
	uint8_t		*out;
	z_stream	 zs;

	if ((*z = realloc(*z, *zlen + cap)) == NULL)
		abort();
	out = *z + *zlen;
	if (c == DECOMP_GZIP) {
		memset(&zs, 0, sizeof zs);
		if (deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			abort();
		zs.next_in = (Bytef *)(uintptr_t)text;
		zs.avail_in = (uInt)n;
		zs.next_out = out;
		zs.avail_out = (uInt)cap;
		if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
			abort();
		pos = cap - zs.avail_out;
		deflateEnd(&zs);
	} else if (c == DECOMP_ZSTD) {
		pos = ZSTD_compress(out, cap, text, n, 1);
		if (ZSTD_isError(pos))
			abort();
	} else if (lzma_easy_buffer_encode(0, LZMA_CHECK_CRC32, NULL, text, n,
	    out, &pos, cap) != LZMA_OK)
		abort();
	*zlen += pos;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum decomp_codec codecs[] = {
		DECOMP_GZIP, DECOMP_ZSTD, DECOMP_XZ
	};
	static const size_t steps[] = { 1, 3, 64, 4096, 1 << 20 };
	enum decomp_codec	 c;
	const uint8_t		*text = data + 1;
	uint8_t			*z = NULL, *out;
	size_t			 n, zlen = 0, outlen, step, members, k, at, cut;
	size_t			 last = 0;	/* where the last member starts */
	int			 code;

	if (size < 1)
		return (0);
	n = size - 1;
	c = codecs[data[0] % 3];
	step = steps[(data[0] / 3) % 5];
	setenv("MOT_INFLATE", (data[0] / 15) % 2 ? "zlib" : "ISA-L", 1);
	if ((data[0] / 30) % 2 == 0) {	/* the input as compressed bytes */
		if (read_all(c, text, n, step, &out, &outlen) != 0)
			outlen = 0;
		free(out);
		return (0);
	}
	/* One to three members, cut where the text's first bytes say. */
	members = 1 + (data[0] / 60) % 3;
	for (k = 0, at = 0; k < members; k++) {
		cut = k + 1 == members || n == 0 ? n : at + (n - at) /
		    (members - k);
		last = zlen;
		compress_member(c, text + at, cut - at, &z, &zlen);
		at = cut;
	}
	if ((code = read_all(c, z, zlen, step, &out, &outlen)) != 0)
		FAIL("%s (%s): %zu bytes in %zu members refused (%d)",
		    decomp_name(c), decomp_gzip_library(), n, members, code);
	if (outlen != n || (n > 0 && memcmp(out, text, n) != 0))
		FAIL("%s (%s): %zu bytes in %zu members read back as %zu "
		    "other bytes", decomp_name(c), decomp_gzip_library(), n,
		    members, outlen);
	free(out);
	/* Cut short, inside the last member. */
	cut = last + 1 + (n > 0 ? text[0] : 0) % (zlen - last - 1);
	if ((code = read_all(c, z, cut, step, &out, &outlen)) !=
	    MOT_EXIT_DATAERR)
		FAIL("%s (%s): cut at %zu of %zu: %d, not a data error",
		    decomp_name(c), decomp_gzip_library(), cut, zlen, code);
	free(out);
	/* A stray byte after the end (0 is gzip's padding: not stray). */
	z[zlen] = n > 1 && text[1] != 0 ? text[1] : 'x';
	if ((code = read_all(c, z, zlen + 1, step, &out, &outlen)) !=
	    MOT_EXIT_DATAERR)
		FAIL("%s (%s): a byte after the end: %d, not a data error",
		    decomp_name(c), decomp_gzip_library(), code);
	free(out);
	free(z);
	return (0);
}
