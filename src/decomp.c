/*
 * decomp.c - the decompressors of input files, one table of codecs: gzip
 * with ISA-L's igzip (when configure found it, unless MOT_INFLATE=zlib) or
 * zlib, zstd with libzstd's streaming API and xz with liblzma. Several
 * members, frames or streams, as their tools write them (bgzip, pzstd,
 * pixz), are read one after the other. A truncated or corrupt stream, a bad
 * check, trailing garbage and one that inflates implausibly (a bomb) are
 * errors with the same exit code, whatever the codec. No I/O here: raw
 * bytes come from the caller's fill callback.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "decomp.h"
#include "exitcode.h"
#include "xmalloc.h"

#define RAW_CHUNK	(256 * 1024)
/* Past this much output, inflating more than this ratio is refused. */
#define BOMB_RATIO	1000
#define BOMB_AFTER	(UINT64_C(256) << 20)
/* The most memory an xz stream may ask for to be decoded. */
#define XZ_MEMLIMIT	(UINT64_C(256) << 20)

struct decomp_codec_ops;

struct decomp {
	const struct decomp_codec_ops *ops;
	decomp_fill_cb	 fill;
	void		*arg;
	unsigned char	*in;		/* raw bytes; the codec's stream says how many are used */
	int		 eof;		/* fill said the end */
	int		 ended;		/* the last member, frame or stream ended */
	uint64_t	 raw, out;
	char		 msg[160];
	union {
		z_stream	 z;
		struct {
			ZSTD_DStream	*ds;
			ZSTD_inBuffer	 in;
			size_t		 ret;	/* 0 at a frame's end */
		} zs;
		lzma_stream	 xz;
#ifdef HAVE_ISAL
		struct inflate_state *isal;
#endif
	} u;
};

struct decomp_codec_ops {
	enum decomp_codec codec;
	const char	*library;
	/* Decompresses faster than libxml2 parses (measured, docs/performance.md). */
	int		 outpaces_parser;
	/* Start with len raw bytes in d->in; 0, or -1. */
	int		(*start)(struct decomp *, size_t);
	ssize_t		(*read)(struct decomp *, char *, size_t, int *,
			    const char **);
	void		(*end)(struct decomp *);
};

static const char *const codec_names[] = {
	[DECOMP_PLAIN] = "plain",
	[DECOMP_GZIP] = "gzip",
	[DECOMP_ZSTD] = "zstd",
	[DECOMP_XZ] = "xz",
};

enum decomp_codec
decomp_magic(const void *p, size_t len)
{
	const unsigned char	*b = p;

	if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return (DECOMP_GZIP);
	if (len >= 4 && memcmp(b, "\x28\xb5\x2f\xfd", 4) == 0)
		return (DECOMP_ZSTD);
	if (len >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
		return (DECOMP_XZ);
	return (DECOMP_PLAIN);
}

const char *
decomp_name(enum decomp_codec c)
{
	return ((size_t)c < sizeof codec_names / sizeof codec_names[0] ?
	    codec_names[c] : "unknown");
}

/* Raw bytes into d->in when all before are used: the count, 0 at the end, or -1 (the error said). */
static ssize_t
refill(struct decomp *d, int *code, const char **msg)
{
	ssize_t	r;

	if (d->eof)
		return (0);
	if ((r = d->fill(d->arg, d->in, RAW_CHUNK)) == -1) {
		snprintf(d->msg, sizeof d->msg, "read error: %s",
		    strerror(errno));
		*code = MOT_EXIT_IOERR;
		*msg = d->msg;
		return (-1);
	}
	if (r == 0)
		d->eof = 1;
	d->raw += (uint64_t)r;
	return (r);
}

static ssize_t
fail(int *code, const char **msg, const char *text)
{
	*code = MOT_EXIT_DATAERR;
	*msg = text;
	return (-1);
}

/*
 * After a gzip member ends, at *next (*avail bytes, refilled as needed):
 * 1 if another member starts there, 0 at the end (zero padding, as tape
 * archives have, is allowed), or -1 for garbage.
 */
static int
gzip_after_member(struct decomp *d, unsigned char **next, size_t *avail,
    int *code, const char **msg)
{
	ssize_t	r;
	size_t	i;

	for (;;) {
		if (*avail == 0 && !d->eof) {
			if ((r = refill(d, code, msg)) < 0)
				return (-1);
			*next = d->in;
			*avail = (size_t)r;
		}
		if (*avail == 0) {
			d->ended = 1;
			return (0);
		}
		if ((*next)[0] == 0x1f)
			return (1);
		for (i = 0; i < *avail; i++)
			if ((*next)[i] != 0)
				return ((int)fail(code, msg, "corrupt gzip "
				    "data: garbage after the compressed data"));
		*avail = 0;
	}
}

/* gzip with zlib. */

static int
zlib_start(struct decomp *d, size_t len)
{
	if (inflateInit2(&d->u.z, 16 + MAX_WBITS) != Z_OK)
		return (-1);
	d->u.z.next_in = d->in;
	d->u.z.avail_in = (uInt)len;
	return (0);
}

static ssize_t
zlib_read(struct decomp *d, char *buf, size_t n, int *code, const char **msg)
{
	z_stream	*z = &d->u.z;
	unsigned char	*next;
	size_t		 avail;
	ssize_t		 r;
	int		 zr;

	if (n > UINT32_MAX)
		n = UINT32_MAX;
	z->next_out = (Bytef *)buf;
	z->avail_out = (uInt)n;
	while (z->avail_out == n && !d->ended) {
		if (z->avail_in == 0 && !d->eof) {
			if ((r = refill(d, code, msg)) < 0)
				return (-1);
			z->next_in = d->in;
			z->avail_in = (uInt)r;
		}
		zr = inflate(z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			next = z->next_in;
			avail = z->avail_in;
			if ((zr = gzip_after_member(d, &next, &avail, code,
			    msg)) < 0)
				return (-1);
			z->next_in = next;
			z->avail_in = (uInt)avail;
			if (zr == 1)
				inflateReset(z);
			continue;
		}
		if (zr == Z_BUF_ERROR && d->eof && z->avail_in == 0)
			return (fail(code, msg, "truncated gzip data: "
			    "unexpected end of file"));
		if (zr != Z_OK && zr != Z_BUF_ERROR)
			return (fail(code, msg, zr == Z_MEM_ERROR ?
			    "out of memory" : "corrupt gzip data"));
	}
	return ((ssize_t)(n - z->avail_out));
}

static void
zlib_end(struct decomp *d)
{
	inflateEnd(&d->u.z);
}

#ifdef HAVE_ISAL
/* gzip with ISA-L's igzip: the gzip header and trailer parsed and checked by isal_inflate. */

static int
isal_start(struct decomp *d, size_t len)
{
	struct inflate_state	*st;

	st = d->u.isal = xmalloc(sizeof *st);
	isal_inflate_init(st);
	st->crc_flag = ISAL_GZIP;
	st->next_in = d->in;
	st->avail_in = (uint32_t)len;
	return (0);
}

static ssize_t
isal_read(struct decomp *d, char *buf, size_t n, int *code, const char **msg)
{
	struct inflate_state	*st = d->u.isal;
	unsigned char		*next;
	size_t			 avail;
	uint32_t		 in_before;
	ssize_t			 r;
	int			 ret;

	if (n > UINT32_MAX)
		n = UINT32_MAX;
	st->next_out = (uint8_t *)buf;
	st->avail_out = (uint32_t)n;
	while (st->avail_out == n && !d->ended) {
		if (st->avail_in == 0 && !d->eof) {
			if ((r = refill(d, code, msg)) < 0)
				return (-1);
			st->next_in = d->in;
			st->avail_in = (uint32_t)r;
		}
		in_before = st->avail_in;
		ret = isal_inflate(st);
		if (ret != ISAL_DECOMP_OK)
			return (fail(code, msg, "corrupt gzip data"));
		if (st->block_state == ISAL_BLOCK_FINISH) {
			next = st->next_in;
			avail = st->avail_in;
			if ((ret = gzip_after_member(d, &next, &avail, code,
			    msg)) < 0)
				return (-1);
			st->next_in = next;
			st->avail_in = (uint32_t)avail;
			if (ret == 1)
				isal_inflate_reset(st);
			continue;
		}
		if (st->avail_out != n)
			continue;
		/* Nothing made of what is left: cut short, or stuck. */
		if (in_before == 0)
			return (fail(code, msg, "truncated gzip data: "
			    "unexpected end of file"));
		if (st->avail_in == in_before)
			return (fail(code, msg, "corrupt gzip data"));
	}
	return ((ssize_t)(n - st->avail_out));
}

static void
isal_end(struct decomp *d)
{
	free(d->u.isal);
}
#endif

/* zstd. */

static int
zstd_start(struct decomp *d, size_t len)
{
	if ((d->u.zs.ds = ZSTD_createDStream()) == NULL)
		return (-1);
	if (ZSTD_isError(ZSTD_initDStream(d->u.zs.ds))) {
		ZSTD_freeDStream(d->u.zs.ds);
		return (-1);
	}
	d->u.zs.in.src = d->in;
	d->u.zs.in.size = len;
	d->u.zs.in.pos = 0;
	return (0);
}

static ssize_t
zstd_read(struct decomp *d, char *buf, size_t n, int *code, const char **msg)
{
	ZSTD_outBuffer	out = { buf, n, 0 };
	ssize_t		r;

	while (out.pos == 0) {
		if (d->u.zs.in.pos == d->u.zs.in.size) {
			if ((r = refill(d, code, msg)) < 0)
				return (-1);
			d->u.zs.in.src = d->in;
			d->u.zs.in.size = (size_t)r;
			d->u.zs.in.pos = 0;
			if (r == 0) {
				if (d->u.zs.ret == 0)
					return (0);	/* the last frame ended */
				return (fail(code, msg, "truncated zstd data: "
				    "unexpected end of file"));
			}
		}
		d->u.zs.ret = ZSTD_decompressStream(d->u.zs.ds, &out,
		    &d->u.zs.in);
		if (ZSTD_isError(d->u.zs.ret)) {
			snprintf(d->msg, sizeof d->msg, "corrupt zstd data "
			    "(%s)", ZSTD_getErrorName(d->u.zs.ret));
			return (fail(code, msg, d->msg));
		}
	}
	return ((ssize_t)out.pos);
}

static void
zstd_end(struct decomp *d)
{
	ZSTD_freeDStream(d->u.zs.ds);
}

/* xz. */

static int
xz_start(struct decomp *d, size_t len)
{
	memset(&d->u.xz, 0, sizeof d->u.xz);
	if (lzma_stream_decoder(&d->u.xz, XZ_MEMLIMIT, LZMA_CONCATENATED) !=
	    LZMA_OK)
		return (-1);
	d->u.xz.next_in = d->in;
	d->u.xz.avail_in = len;
	return (0);
}

static ssize_t
xz_read(struct decomp *d, char *buf, size_t n, int *code, const char **msg)
{
	lzma_stream	*xz = &d->u.xz;
	lzma_ret	 ret;
	ssize_t		 r;

	xz->next_out = (uint8_t *)buf;
	xz->avail_out = n;
	while (xz->avail_out == n && !d->ended) {
		if (xz->avail_in == 0 && !d->eof) {
			if ((r = refill(d, code, msg)) < 0)
				return (-1);
			xz->next_in = d->in;
			xz->avail_in = (size_t)r;
		}
		ret = lzma_code(xz, d->eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_STREAM_END) {
			d->ended = 1;
			break;
		}
		if (ret == LZMA_OK)
			continue;
		return (fail(code, msg, ret == LZMA_BUF_ERROR ? "truncated xz "
		    "data (or garbage after it): unexpected end of file" :
		    ret == LZMA_MEMLIMIT_ERROR ? "xz data that needs more "
		    "than 256 MiB to decode: refused" : ret == LZMA_MEM_ERROR ?
		    "out of memory" : ret == LZMA_FORMAT_ERROR ? "corrupt xz "
		    "data (not xz)" : "corrupt xz data (or garbage after it)"));
	}
	return ((ssize_t)(n - xz->avail_out));
}

static void
xz_end(struct decomp *d)
{
	lzma_end(&d->u.xz);
}

static const struct decomp_codec_ops decomp_codecs[] = {
#ifdef HAVE_ISAL
	{ DECOMP_GZIP, "ISA-L", 1, isal_start, isal_read, isal_end },
#endif
	{ DECOMP_GZIP, "zlib", 1, zlib_start, zlib_read, zlib_end },
	{ DECOMP_ZSTD, "libzstd", 1, zstd_start, zstd_read, zstd_end },
	{ DECOMP_XZ, "liblzma", 0, xz_start, xz_read, xz_end },
};

/* The codec's first entry, or zlib's for gzip with MOT_INFLATE=zlib. */
static const struct decomp_codec_ops *
codec_ops(enum decomp_codec c)
{
	const char	*want = getenv("MOT_INFLATE");
	size_t		 i;

	for (i = 0; i < sizeof decomp_codecs / sizeof decomp_codecs[0]; i++) {
		if (decomp_codecs[i].codec != c)
			continue;
		if (c == DECOMP_GZIP && want != NULL && *want != '\0' &&
		    strcasecmp(want, decomp_codecs[i].library) != 0)
			continue;
		return (&decomp_codecs[i]);
	}
	for (i = 0; i < sizeof decomp_codecs / sizeof decomp_codecs[0]; i++)
		if (decomp_codecs[i].codec == c)
			return (&decomp_codecs[i]);
	return (NULL);
}

const char *
decomp_gzip_library(void)
{
	return (codec_ops(DECOMP_GZIP)->library);
}

struct decomp *
decomp_new(enum decomp_codec c, const void *p, size_t len, decomp_fill_cb fill,
    void *arg, char **cause)
{
	const struct decomp_codec_ops	*ops = codec_ops(c);
	struct decomp			*d;

	if (ops == NULL || len > RAW_CHUNK) {
		*cause = xasprintf("no decompressor for %s data",
		    decomp_name(c));
		return (NULL);
	}
	d = xcalloc(1, sizeof *d);
	d->ops = ops;
	d->fill = fill;
	d->arg = arg;
	d->in = xmalloc(RAW_CHUNK);
	memcpy(d->in, p, len);
	d->raw = len;
	if (ops->start(d, len) != 0) {
		*cause = xasprintf("cannot start %s (%s)", decomp_name(c),
		    ops->library);
		free(d->in);
		free(d);
		return (NULL);
	}
	return (d);
}

ssize_t
decomp_read(struct decomp *d, char *buf, size_t n, int *code,
    const char **msg)
{
	const char	*name = decomp_name(d->ops->codec);
	ssize_t		 r;

	if ((r = d->ops->read(d, buf, n, code, msg)) <= 0)
		return (r);
	d->out += (uint64_t)r;
	if (d->out > BOMB_AFTER && d->out / BOMB_RATIO > d->raw) {
		snprintf(d->msg, sizeof d->msg, "%s data inflates more than "
		    "%d times: refused as a likely %s bomb", name, BOMB_RATIO,
		    name);
		return (fail(code, msg, d->msg));
	}
	return (r);
}

int
decomp_outpaces_parser(const struct decomp *d)
{
	return (d->ops->outpaces_parser);
}

void
decomp_free(struct decomp *d)
{
	if (d == NULL)
		return;
	d->ops->end(d);
	free(d->in);
	free(d);
}
