/*
 * check_decomp.c - the decompressors: for each codec (and for gzip each
 * library built in, ISA-L and zlib), streams made here of several members,
 * frames or streams, with padding, garbage, a bad check and every
 * truncation, read through decomp_read with raw bytes given a few at a
 * time and all at once.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "check_mot.h"
#include "decomp.h"
#include "exitcode.h"

struct feed {
	const unsigned char	*p;
	size_t			 len, off, step;
};

struct buf {
	unsigned char	*p;
	size_t		 len;
};

static ssize_t
feed_fill(void *arg, void *out, size_t n)
{
	struct feed	*f = arg;
	size_t		 k = f->len - f->off;

	if (k > f->step)
		k = f->step;
	if (k > n)
		k = n;
	memcpy(out, f->p + f->off, k);
	f->off += k;
	return ((ssize_t)k);
}

static void
append(struct buf *b, const void *p, size_t len)
{
	b->p = realloc(b->p, b->len + len + 1);
	ck_assert_ptr_nonnull(b->p);
	memcpy(b->p + b->len, p, len);
	b->len += len;
}

/* One member, frame or stream of text in codec c, appended to b. */
static void
compress_one(struct buf *b, enum decomp_codec c, const char *text)
{
	size_t		 n = strlen(text), cap = n + 1024, pos = 0;
	unsigned char	*out = malloc(cap);
	z_stream	 z;
	ZSTD_CCtx	*cc;

	ck_assert_ptr_nonnull(out);
	switch (c) {
	case DECOMP_GZIP:
		memset(&z, 0, sizeof z);
		ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS,
		    8, Z_DEFAULT_STRATEGY), Z_OK);
		z.next_in = (Bytef *)(uintptr_t)text;
		z.avail_in = (uInt)n;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
		pos = cap - z.avail_out;
		deflateEnd(&z);
		break;
	case DECOMP_ZSTD:	/* with a checksum, as the zstd tool writes */
		ck_assert_ptr_nonnull(cc = ZSTD_createCCtx());
		ck_assert(!ZSTD_isError(ZSTD_CCtx_setParameter(cc,
		    ZSTD_c_checksumFlag, 1)));
		pos = ZSTD_compress2(cc, out, cap, text, n);
		ck_assert(!ZSTD_isError(pos));
		ZSTD_freeCCtx(cc);
		break;
	case DECOMP_XZ:
		ck_assert_int_eq(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64,
		    NULL, (const uint8_t *)text, n, out, &pos, cap), LZMA_OK);
		break;
	default:
		ck_abort();
	}
	append(b, out, pos);
	free(out);
}

/* All of the stream's bytes, given step at a time: 0, or the exit code with msg. */
static int
decompress(enum decomp_codec c, const struct buf *in, size_t step,
    struct buf *out, char *msg, size_t msgsize)
{
	struct feed	 f = { in->p, in->len, 0, step };
	struct decomp	*d;
	char		 chunk[300], *cause;
	const char	*m;
	size_t		 first = in->len < DECOMP_MAGIC_LEN ? in->len :
			    DECOMP_MAGIC_LEN;
	ssize_t		 r;
	int		 code = 0;

	out->len = 0;
	f.off = first;
	d = decomp_new(c, in->p, first, feed_fill, &f, &cause);
	ck_assert_msg(d != NULL, "decomp_new: %s", d == NULL ? cause : "");
	while ((r = decomp_read(d, chunk, sizeof chunk, &code, &m)) > 0)
		append(out, chunk, (size_t)r);
	if (r < 0)
		snprintf(msg, msgsize, "%s", m);
	decomp_free(d);
	return (r < 0 ? code : 0);
}

static const char	text1[] = "<journeys>\n<journey id=\"a\"/>\n";
static const char	text2[] = "<journey id=\"b\">with a longer line of "
			    "text, text, text, text</journey>\n</journeys>\n";

static const enum decomp_codec codecs[] = {
	DECOMP_GZIP, DECOMP_ZSTD, DECOMP_XZ
};

/* The gzip libraries built in: ISA-L's first when there. */
static const char *const gzip_libs[] = {
#ifdef HAVE_ISAL
	"ISA-L",
#endif
	"zlib",
};

/* Run fn for each codec, and for gzip with each library built in. */
static void
each_codec(void (*fn)(enum decomp_codec))
{
	size_t	i, k;

	for (i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
		if (codecs[i] != DECOMP_GZIP) {
			fn(codecs[i]);
			continue;
		}
		for (k = 0; k < sizeof gzip_libs / sizeof gzip_libs[0]; k++) {
			setenv("MOT_INFLATE", gzip_libs[k], 1);
			ck_assert_str_eq(decomp_gzip_library(), gzip_libs[k]);
			fn(codecs[i]);
		}
		unsetenv("MOT_INFLATE");
	}
}

static void
two_members(enum decomp_codec c)
{
	struct buf	in = { NULL, 0 }, out = { NULL, 0 };
	char		msg[200] = "";
	static const size_t steps[] = { 1, 7, 4096, 1 << 20 };
	size_t		i;

	compress_one(&in, c, text1);
	compress_one(&in, c, text2);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		ck_assert_msg(decompress(c, &in, steps[i], &out, msg,
		    sizeof msg) == 0, "%s step %zu: %s", decomp_name(c),
		    steps[i], msg);
		ck_assert_uint_eq(out.len, strlen(text1) + strlen(text2));
		ck_assert(memcmp(out.p, text1, strlen(text1)) == 0);
		ck_assert(memcmp(out.p + strlen(text1), text2,
		    strlen(text2)) == 0);
	}
	ck_assert_uint_eq(decomp_magic(in.p, in.len), c);
	free(in.p);
	free(out.p);
}

START_TEST(test_decomp_members)
{
	each_codec(two_members);
}
END_TEST

/* Every cut of a two-member stream is an error (a data error), never a crash or a hang. */
static void
every_cut(enum decomp_codec c)
{
	struct buf	in = { NULL, 0 }, cut, out = { NULL, 0 };
	char		msg[200];
	size_t		len, first, whole;

	compress_one(&in, c, text1);
	first = in.len;
	compress_one(&in, c, text2);
	whole = in.len;
	for (len = 1; len < whole; len++) {
		cut.p = in.p;
		cut.len = len;
		msg[0] = '\0';
		if (decompress(c, &cut, 3, &out, msg, sizeof msg) == 0) {
			/* Only a cut at the first member's end reads whole. */
			ck_assert_msg(len == first && out.len ==
			    strlen(text1), "%s cut at %zu of %zu read as "
			    "whole", decomp_name(c), len, whole);
			continue;
		}
		ck_assert_msg(strstr(msg, decomp_name(c)) != NULL, "%s cut at "
		    "%zu: %s", decomp_name(c), len, msg);
		ck_assert(out.len <= strlen(text1) + strlen(text2));
	}
	free(in.p);
	free(out.p);
}

START_TEST(test_decomp_truncated)
{
	each_codec(every_cut);
}
END_TEST

static void
padding_and_garbage(enum decomp_codec c)
{
	static const unsigned char	zeros[600];
	struct buf			in = { NULL, 0 }, out = { NULL, 0 };
	char				msg[200] = "";
	int				code;

	compress_one(&in, c, text1);
	append(&in, "garbage", 7);
	code = decompress(c, &in, 5, &out, msg, sizeof msg);
	ck_assert_msg(code == MOT_EXIT_DATAERR, "%s + garbage: %d",
	    decomp_name(c), code);
	ck_assert_msg(strstr(msg, decomp_name(c)) != NULL, "%s", msg);
	if (c != DECOMP_GZIP) {
		free(in.p);
		free(out.p);
		return;
	}
	/* gzip as tape archives pad it: zeros after the last member. */
	in.len = 0;
	compress_one(&in, c, text1);
	append(&in, zeros, sizeof zeros);
	ck_assert_msg(decompress(c, &in, 100, &out, msg, sizeof msg) == 0,
	    "%s", msg);
	ck_assert_uint_eq(out.len, strlen(text1));
	free(in.p);
	free(out.p);
}

START_TEST(test_decomp_garbage)
{
	each_codec(padding_and_garbage);
}
END_TEST

/*
 * Each byte of a stream's end flipped: gzip's CRC32 and length, zstd's
 * checksum, xz's check, index and footer. Each is refused as corrupt.
 */
static void
bad_check(enum decomp_codec c)
{
	struct buf	in = { NULL, 0 }, out = { NULL, 0 };
	char		msg[200] = "";
	size_t		k, tail = c == DECOMP_GZIP ? 8 : c == DECOMP_ZSTD ?
			    4 : 12 + 8 + 8;

	compress_one(&in, c, text2);
	for (k = 1; k <= tail; k++) {
		in.p[in.len - k] ^= 0x55;
		ck_assert_msg(decompress(c, &in, 64, &out, msg, sizeof msg) ==
		    MOT_EXIT_DATAERR, "%s: byte %zu from the end flipped, "
		    "read", decomp_name(c), k);
		ck_assert_msg(strstr(msg, decomp_name(c)) != NULL, "%s: %s",
		    decomp_name(c), msg);
		in.p[in.len - k] ^= 0x55;
	}
	ck_assert_int_eq(decompress(c, &in, 64, &out, msg, sizeof msg), 0);
	free(in.p);
	free(out.p);
}

START_TEST(test_decomp_bad_check)
{
	each_codec(bad_check);
}
END_TEST

START_TEST(test_decomp_magic)
{
	ck_assert_int_eq(decomp_magic("\x1f\x8b", 2), DECOMP_GZIP);
	ck_assert_int_eq(decomp_magic("\x1f", 1), DECOMP_PLAIN);
	ck_assert_int_eq(decomp_magic("\x28\xb5\x2f\xfd", 4), DECOMP_ZSTD);
	ck_assert_int_eq(decomp_magic("\xfd" "7zXZ\0", 6), DECOMP_XZ);
	ck_assert_int_eq(decomp_magic("\xfd" "7zXZ", 5), DECOMP_PLAIN);
	ck_assert_int_eq(decomp_magic("<journeys>", 10), DECOMP_PLAIN);
	ck_assert_str_eq(decomp_name(DECOMP_ZSTD), "zstd");
}
END_TEST

Suite *
make_decomp_suite(void)
{
	Suite	*s = suite_create("decomp");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_decomp_members);
	tcase_add_test(tc, test_decomp_truncated);
	tcase_add_test(tc, test_decomp_garbage);
	tcase_add_test(tc, test_decomp_bad_check);
	tcase_add_test(tc, test_decomp_magic);
	suite_add_tcase(s, tc);
	return (s);
}
