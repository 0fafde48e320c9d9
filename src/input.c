/*
 * input.c - the bytes of an input file. A file is opened here, never by
 * libxml2; gzip, zstd and xz are recognised by their magic bytes, not the
 * name, and decompressed with zlib, libzstd and liblzma (several members,
 * frames or streams, as their tools write them, are read one after the
 * other). A plain file is read as it is, without a copy. A truncated or
 * corrupt stream is an error, and so is trailing garbage and one that
 * inflates implausibly (a bomb), whatever the format. UTF-16 with a byte order mark (plain
 * or in gzip) is decoded to UTF-8 here with iconv, so that all above reads
 * UTF-8; UTF-16 that is not valid is an error.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "exitcode.h"
#include "input.h"
#include "num.h"
#include "xmalloc.h"

#define IN_CHUNK	(256 * 1024)
/* Past this much output, inflating more than this ratio is refused. */
#define GZ_MAX_RATIO	1000
#define GZ_RATIO_AFTER	(UINT64_C(256) << 20)

/* Blocks of decompressed bytes handed from the decompression thread to the reader. */
#define PIPE_BLOCKS	4
#define PIPE_BLOCK	(256 * 1024)

struct ipipe_block {
	char		*buf;
	ssize_t		 len;		/* bytes; 0: the end; -1: an error */
	int		 code;
	char		 msg[160];
	uint64_t	 raw;		/* the compressed bytes read by then */
};

struct ipipe {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 more;	/* a block was made */
	pthread_cond_t		 room;	/* a block was used */
	struct ipipe_block	 blk[PIPE_BLOCKS];
	size_t			 head;	/* the reader's block */
	size_t			 count;	/* blocks made and not used */
	size_t			 pos;	/* in the head block */
	int			 stop;
	uint64_t		 raw;	/* the reader's view of input_raw_bytes */
};

struct input_src {
	int		 fd;
	const char	*prefix;	/* bytes given before the file's */
	size_t		 prefix_len;
	const char	*suffix;	/* and after */
	size_t		 suffix_len;
	uint64_t	 left;		/* of the file's range; UINT64_MAX: all */
	int		 stage;		/* 0 prefix, 1 file, 2 suffix */
	int		 gzip;
	int		 codec;		/* CODEC_*: what the bytes are */
	ZSTD_DStream	*zd;
	ZSTD_inBuffer	 zin;
	size_t		 zret;		/* ZSTD_decompressStream's last: 0 at a frame's end */
	lzma_stream	 xz;
	int		 eof;		/* no more raw bytes */
	int		 ended;	/* the last gzip member ended */
	z_stream	 z;
	unsigned char	*in;		/* raw bytes not yet used */
	size_t		 in_len, in_pos;
	uint64_t	 raw, out;

	int		 sniff;		/* the first read may find UTF-16 */
	iconv_t		 cd;		/* from UTF-16, or NO_ICONV */
	int		 big;		/* UTF-16BE, not LE */
	char		*u16;		/* UTF-16 bytes not yet decoded */
	size_t		 u16_len;
	int		 u16_eof;
	uint64_t	 u16_off;	/* of u16 in the UTF-16 text */
	unsigned long	 lines;		/* newlines decoded */
	unsigned long	 err_line;	/* of the error in msg, or 0 */
	char		 msg[160];
	char		 cmsg[160];	/* the decompressor's (its thread's) message */
	struct ipipe	*pipe;		/* decompression on a thread of its own, or NULL */
	uint64_t	 given;		/* bytes input_read gave */
	uint64_t	 gzmax;		/* the most a gzip input may give, or 0 */
};
#define NO_ICONV	((iconv_t)-1)

/* What the file's bytes are, by their magic. */
#define CODEC_PLAIN	0
#define CODEC_GZIP	1
#define CODEC_ZSTD	2
#define CODEC_XZ	3
/* The most memory an xz stream may ask for to be decoded. */
#define XZ_MEMLIMIT	(UINT64_C(256) << 20)

static const char *const codec_names[] = { "plain", "gzip", "zstd", "xz" };

static ssize_t	refill(struct input_src *, int *, const char **);
static int	pipe_start(struct input_src *);

int
input_magic(const void *p, size_t len)
{
	const unsigned char	*b = p;

	if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return (CODEC_GZIP);
	if (len >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f &&
	    b[3] == 0xfd)
		return (CODEC_ZSTD);
	if (len >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
		return (CODEC_XZ);
	return (CODEC_PLAIN);
}

static ssize_t
raw_read(struct input_src *s, void *buf, size_t n)
{
	ssize_t	r;

	if (s->left != UINT64_MAX && n > s->left)
		n = (size_t)s->left;
	if (n == 0)
		return (0);
	do
		r = read(s->fd, buf, n);
	while (r == -1 && errno == EINTR);
	if (r > 0) {
		s->raw += (uint64_t)r;
		if (s->left != UINT64_MAX)
			s->left -= (uint64_t)r;
	}
	return (r);
}

int
input_open(struct input_src **sp, const char *path, char **cause)
{
	struct input_src	*s;
	const char		*t;
	ssize_t			 r;
	uint64_t		 max;

	if ((*cause = input_gzip_max(&max)) != NULL)
		return (MOT_EXIT_USAGE);
	s = xcalloc(1, sizeof *s);
	s->left = UINT64_MAX;
	s->stage = 1;
	s->sniff = 1;
	s->cd = NO_ICONV;
	s->gzmax = max;
	if (strcmp(path, "-") == 0)
		s->fd = dup(STDIN_FILENO);
	else
		s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd == -1) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		free(s);
		return (MOT_EXIT_NOINPUT);
	}
	s->in = xmalloc(IN_CHUNK);
	/* Enough bytes to see a magic, kept for the first read. */
	while (s->in_len < 6 && !s->eof) {
		r = raw_read(s, s->in + s->in_len, IN_CHUNK - s->in_len);
		if (r == -1) {
			*cause = xasprintf("%s: read error: %s", path,
			    strerror(errno));
			input_close(s);
			return (MOT_EXIT_IOERR);
		}
		if (r == 0)
			s->eof = 1;
		s->in_len += (size_t)r;
	}
	s->codec = input_magic(s->in, s->in_len);
	if (s->codec == CODEC_GZIP) {
		s->gzip = 1;
		if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
			*cause = xasprintf("%s: cannot start gzip", path);
			input_close(s);
			return (MOT_EXIT_SOFTWARE);
		}
		s->z.next_in = s->in;
		s->z.avail_in = (uInt)s->in_len;
	} else if (s->codec == CODEC_ZSTD) {
		if ((s->zd = ZSTD_createDStream()) == NULL ||
		    ZSTD_isError(ZSTD_initDStream(s->zd))) {
			*cause = xasprintf("%s: cannot start zstd", path);
			input_close(s);
			return (MOT_EXIT_SOFTWARE);
		}
		s->zin.src = s->in;
		s->zin.size = s->in_len;
	} else if (s->codec == CODEC_XZ) {
		memset(&s->xz, 0, sizeof s->xz);
		if (lzma_stream_decoder(&s->xz, XZ_MEMLIMIT,
		    LZMA_CONCATENATED) != LZMA_OK) {
			s->codec = CODEC_PLAIN;	/* nothing to end */
			*cause = xasprintf("%s: cannot start xz", path);
			input_close(s);
			return (MOT_EXIT_SOFTWARE);
		}
		s->xz.next_in = s->in;
		s->xz.avail_in = s->in_len;
	}
	/* Decompression on its own thread, unless MOT_INPUT_THREADS=0. */
	if (s->codec != CODEC_PLAIN && ((t = getenv("MOT_INPUT_THREADS")) ==
	    NULL || strcmp(t, "0") != 0))
		(void)pipe_start(s);
	*sp = s;
	return (0);
}

static ssize_t
zstd_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	ZSTD_outBuffer	out = { buf, n, 0 };
	ssize_t		r;

	while (out.pos == 0) {
		if (s->zin.pos == s->zin.size) {
			if ((r = refill(s, code, msg)) < 0)
				return (-1);
			s->zin.src = s->in;
			s->zin.size = (size_t)r;
			s->zin.pos = 0;
			if (r == 0) {
				if (s->zret == 0)
					return (0);	/* the last frame ended */
				*code = MOT_EXIT_DATAERR;
				*msg = "truncated zstd data: unexpected end of "
				    "file";
				return (-1);
			}
		}
		s->zret = ZSTD_decompressStream(s->zd, &out, &s->zin);
		if (ZSTD_isError(s->zret)) {
			snprintf(s->cmsg, sizeof s->cmsg, "corrupt zstd data "
			    "(%s)", ZSTD_getErrorName(s->zret));
			*code = MOT_EXIT_DATAERR;
			*msg = s->cmsg;
			return (-1);
		}
	}
	return ((ssize_t)out.pos);
}

static ssize_t
xz_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	lzma_ret	ret;
	ssize_t		r;

	s->xz.next_out = (uint8_t *)buf;
	s->xz.avail_out = n;
	while (s->xz.avail_out == n && !s->ended) {
		if (s->xz.avail_in == 0 && !s->eof) {
			if ((r = refill(s, code, msg)) < 0)
				return (-1);
			s->xz.next_in = s->in;
			s->xz.avail_in = (size_t)r;
		}
		ret = lzma_code(&s->xz, s->eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_STREAM_END) {
			s->ended = 1;
			break;
		}
		if (ret == LZMA_OK)
			continue;
		*code = MOT_EXIT_DATAERR;
		*msg = ret == LZMA_BUF_ERROR ? "truncated xz data (or garbage "
		    "after it): unexpected end of file" : ret == LZMA_MEMLIMIT_ERROR ? "xz data that "
		    "needs more than 256 MiB to decode: refused" :
		    ret == LZMA_MEM_ERROR ? "out of memory" :
		    ret == LZMA_FORMAT_ERROR ? "corrupt xz data (not xz)" :
		    "corrupt xz data (or garbage after it)";
		return (-1);
	}
	return ((ssize_t)(n - s->xz.avail_out));
}

static ssize_t
plain_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	ssize_t	r;
	size_t	k;

	if (s->in_pos < s->in_len) {	/* the bytes read to look for magic */
		k = s->in_len - s->in_pos;
		if (k > n)
			k = n;
		memcpy(buf, s->in + s->in_pos, k);
		s->in_pos += k;
		return ((ssize_t)k);
	}
	if (s->eof)
		return (0);
	if ((r = raw_read(s, buf, n)) == -1) {
		*code = MOT_EXIT_IOERR;
		*msg = strerror(errno);
		return (-1);
	}
	return (r);
}

/* Raw bytes into s->in when all before are used: the count, 0 at the end, or -1 (the error said). */
static ssize_t
refill(struct input_src *s, int *code, const char **msg)
{
	ssize_t	r;

	if (s->eof)
		return (0);
	if ((r = raw_read(s, s->in, IN_CHUNK)) == -1) {
		*code = MOT_EXIT_IOERR;
		*msg = strerror(errno);
		return (-1);
	}
	if (r == 0)
		s->eof = 1;
	return (r);
}

/* After a member ends: more members, zero padding, or garbage. */
static int
next_member(struct input_src *s, int *code, const char **msg)
{
	ssize_t	r;
	size_t	i;

	for (;;) {
		if (s->z.avail_in == 0 && !s->eof) {
			if ((r = refill(s, code, msg)) < 0)
				return (-1);
			s->z.next_in = s->in;
			s->z.avail_in = (uInt)r;
		}
		if (s->z.avail_in == 0) {
			s->ended = 1;
			return (0);
		}
		if (s->z.next_in[0] == 0x1f) {
			inflateReset(&s->z);
			return (0);
		}
		for (i = 0; i < s->z.avail_in; i++) {
			if (s->z.next_in[i] != 0) {
				*code = MOT_EXIT_DATAERR;
				*msg = "corrupt gzip data: garbage after the "
				    "compressed data";
				return (-1);
			}
		}
		s->z.avail_in = 0;	/* zero padding, as tape archives have */
	}
}

static ssize_t
gzip_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	ssize_t	r;
	int	zr;

	s->z.next_out = (Bytef *)buf;
	s->z.avail_out = (uInt)n;
	while (s->z.avail_out == n && !s->ended) {
		if (s->z.avail_in == 0 && !s->eof) {
			if ((r = refill(s, code, msg)) < 0)
				return (-1);
			s->z.next_in = s->in;
			s->z.avail_in = (uInt)r;
		}
		zr = inflate(&s->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			if (next_member(s, code, msg) != 0)
				return (-1);
			continue;
		}
		if (zr == Z_BUF_ERROR && s->eof && s->z.avail_in == 0) {
			*code = MOT_EXIT_DATAERR;
			*msg = "truncated gzip data: unexpected end of file";
			return (-1);
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			*code = MOT_EXIT_DATAERR;
			*msg = zr == Z_MEM_ERROR ? "out of memory" :
			    "corrupt gzip data";
			return (-1);
		}
	}
	return ((ssize_t)(n - s->z.avail_out));
}

/* Decompressed bytes, whatever the format, with the bomb guard. */
static ssize_t
codec_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	ssize_t	r;

	r = s->codec == CODEC_GZIP ? gzip_read(s, buf, n, code, msg) :
	    s->codec == CODEC_ZSTD ? zstd_read(s, buf, n, code, msg) :
	    xz_read(s, buf, n, code, msg);
	if (r <= 0)
		return (r);
	s->out += (uint64_t)r;
	if (s->out > GZ_RATIO_AFTER && s->out / GZ_MAX_RATIO > s->raw) {
		snprintf(s->cmsg, sizeof s->cmsg, "%s data inflates more than "
		    "1000 times: refused as a likely %s bomb",
		    codec_names[s->codec], codec_names[s->codec]);
		*code = MOT_EXIT_DATAERR;
		*msg = s->cmsg;
		return (-1);
	}
	return (r);
}

int
input_open_range(struct input_src **sp, const char *path, uint64_t off,
    uint64_t len, const char *prefix, size_t prefix_len, const char *suffix,
    size_t suffix_len, char **cause)
{
	struct input_src	*s;

	s = xcalloc(1, sizeof *s);
	s->cd = NO_ICONV;
	s->in = xmalloc(IN_CHUNK);
	if ((s->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    lseek(s->fd, (off_t)off, SEEK_SET) == -1) {
		*cause = xasprintf("%s: cannot open: %s", path, strerror(errno));
		input_close(s);
		return (MOT_EXIT_NOINPUT);
	}
	s->left = len;
	s->prefix = prefix;
	s->prefix_len = prefix_len;
	s->suffix = suffix;
	s->suffix_len = suffix_len;
	*sp = s;
	return (0);
}

/* A range's bytes: prefix, then the file's, then suffix. */
static ssize_t
range_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	const char	*p;
	size_t		 k, *len;
	ssize_t		 r;

	for (;;) {
		if (s->stage == 1) {
			if ((r = plain_read(s, buf, n, code, msg)) != 0)
				return (r);
			if (s->left != 0 && s->left != UINT64_MAX) {
				*code = MOT_EXIT_IOERR;
				*msg = "the file shrank while it was read";
				return (-1);
			}
			s->stage = 2;
			continue;
		}
		p = s->stage == 0 ? s->prefix : s->suffix;
		len = s->stage == 0 ? &s->prefix_len : &s->suffix_len;
		if (*len == 0) {
			if (s->stage == 2)
				return (0);
			s->stage = 1;
			continue;
		}
		k = *len < n ? *len : n;
		memcpy(buf, p, k);
		*len -= k;
		if (s->stage == 0)
			s->prefix += k;
		else
			s->suffix += k;
		return ((ssize_t)k);
	}
}

/*
 * The decompression thread: it fills the blocks the reader has used,
 * until the end or an error, which it leaves in the last block; the reader
 * takes them in turn (pipe_read). On two cores, decompression and parsing
 * then overlap.
 */
static void *
pipe_main(void *arg)
{
	struct input_src	*s = arg;
	struct ipipe		*p = s->pipe;
	struct ipipe_block	*b;
	const char		*msg = NULL;
	int			 code = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == PIPE_BLOCKS && !p->stop)
			pthread_cond_wait(&p->room, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		/* The slot after the last made is the reader's no more. */
		b = &p->blk[(p->head + p->count) % PIPE_BLOCKS];
		pthread_mutex_unlock(&p->mu);
		b->len = codec_read(s, b->buf, PIPE_BLOCK, &code, &msg);
		if (b->len < 0) {
			b->code = code;
			snprintf(b->msg, sizeof b->msg, "%s", msg);
		}
		b->raw = s->raw;
		pthread_mutex_lock(&p->mu);
		p->count++;
		pthread_cond_signal(&p->more);
		pthread_mutex_unlock(&p->mu);
		if (b->len <= 0)
			break;
	}
	return (NULL);
}

/* Start the decompression thread, its signals blocked (the reader's thread takes them); 0, or -1 (then the reader decompresses). */
static int
pipe_start(struct input_src *s)
{
	struct ipipe	*p;
	sigset_t	 all, old;
	size_t		 i;
	int		 rc;

	p = xcalloc(1, sizeof *p);
	for (i = 0; i < PIPE_BLOCKS; i++)
		p->blk[i].buf = xmalloc(PIPE_BLOCK);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	s->pipe = p;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&p->th, NULL, pipe_main, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc == 0)
		return (0);
	s->pipe = NULL;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	for (i = 0; i < PIPE_BLOCKS; i++)
		free(p->blk[i].buf);
	free(p);
	return (-1);
}

/* Stop the decompression thread and free its blocks. */
static void
pipe_end(struct input_src *s)
{
	struct ipipe	*p = s->pipe;
	size_t		 i;

	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	for (i = 0; i < PIPE_BLOCKS; i++)
		free(p->blk[i].buf);
	free(p);
	s->pipe = NULL;
}

/* The next decompressed bytes, from the thread's blocks; the end and an error stay. */
static ssize_t
pipe_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	struct ipipe		*p = s->pipe;
	struct ipipe_block	*b;
	size_t			 k;

	pthread_mutex_lock(&p->mu);
	while (p->count == 0)
		pthread_cond_wait(&p->more, &p->mu);
	b = &p->blk[p->head];
	pthread_mutex_unlock(&p->mu);
	p->raw = b->raw;
	if (b->len <= 0) {
		if (b->len < 0) {
			*code = b->code;
			*msg = b->msg;
		}
		return (b->len);
	}
	k = (size_t)b->len - p->pos;
	if (k > n)
		k = n;
	memcpy(buf, b->buf + p->pos, k);
	if ((p->pos += k) == (size_t)b->len) {
		p->pos = 0;
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % PIPE_BLOCKS;
		p->count--;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->mu);
	}
	return ((ssize_t)k);
}

/* The file's bytes as they are: inflated, or between prefix and suffix. */
static ssize_t
src_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	if (s->pipe != NULL)
		return (pipe_read(s, buf, n, code, msg));
	if (s->codec != CODEC_PLAIN)
		return (codec_read(s, buf, n, code, msg));
	if (s->prefix != NULL || s->suffix != NULL)
		return (range_read(s, buf, n, code, msg));
	return (plain_read(s, buf, n, code, msg));
}

/* An error in the UTF-16 text, at the line decoded so far. */
static ssize_t
utf16_fail(struct input_src *s, int *code, const char **msg,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
	s->err_line = s->lines + 1;
	*code = MOT_EXIT_DATAERR;
	*msg = s->msg;
	return (-1);
}

/* Decode UTF-16 into up to n bytes of UTF-8; as input_read. */
static ssize_t
utf16_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	char		*ip, *op, *p;
	size_t		 il, ol, done;
	ssize_t		 r;
	unsigned int	 u;

	for (;;) {
		ip = s->u16;
		il = s->u16_len;
		op = buf;
		ol = n;
		if (il > 0 && iconv(s->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno == EILSEQ && op == buf) {
			u = s->big ? (unsigned char)ip[0] << 8 |
			    (unsigned char)ip[1] : (unsigned char)ip[1] << 8 |
			    (unsigned char)ip[0];
			return (utf16_fail(s, code, msg, "invalid UTF-16: "
			    "unpaired surrogate 0x%04X at byte offset %llu",
			    u, (unsigned long long)(s->u16_off +
			    (uint64_t)(ip - s->u16))));
		}
		done = n - ol;
		s->u16_off += (uint64_t)(ip - s->u16);
		memmove(s->u16, ip, il);
		s->u16_len = il;
		if (done > 0) {
			for (p = buf; (p = memchr(p, '\n', (size_t)(op - p))) !=
			    NULL; p++)
				s->lines++;
			return ((ssize_t)done);
		}
		if (s->u16_eof) {
			if (il == 0)
				return (0);
			return (utf16_fail(s, code, msg, "invalid UTF-16: %s "
			    "at its end (cut short?)", il % 2 != 0 ?
			    "an odd number of bytes" : "half a surrogate "
			    "pair"));
		}
		r = src_read(s, s->u16 + il, IN_CHUNK - il, code, msg);
		if (r < 0)
			return (-1);
		if (r == 0)
			s->u16_eof = 1;
		s->u16_len += (size_t)r;
	}
}

/*
 * The first read: a UTF-16 byte order mark starts the decoding, with the
 * bytes read after the mark. UTF-32 (FF FE 00 00) is left to be refused.
 */
static ssize_t
sniff_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	const unsigned char	*u = (const unsigned char *)buf;
	ssize_t			 r, more;

	s->sniff = 0;
	if ((r = src_read(s, buf, n, code, msg)) <= 0 || n < 4)
		return (r);
	while ((size_t)r < 4 && (more = src_read(s, buf + r, n - (size_t)r,
	    code, msg)) != 0) {
		if (more < 0)
			return (-1);
		r += more;
	}
	if (r >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		s->big = 1;
	else if (r < 2 || u[0] != 0xFF || u[1] != 0xFE || (r >= 4 &&
	    u[2] == 0 && u[3] == 0))
		return (r);
	if ((s->cd = iconv_open("UTF-8", s->big ? "UTF-16BE" :
	    "UTF-16LE")) == NO_ICONV) {
		*code = MOT_EXIT_SOFTWARE;
		*msg = "cannot decode UTF-16 (iconv)";
		return (-1);
	}
	s->u16 = xmalloc(IN_CHUNK);
	s->u16_len = (size_t)r - 2;
	s->u16_off = 2;
	memcpy(s->u16, buf + 2, s->u16_len);
	return (utf16_read(s, buf, n, code, msg));
}

ssize_t
input_read(struct input_src *s, char *buf, size_t n, int *code,
    const char **msg)
{
	ssize_t	k;

	if (s->cd != NO_ICONV)
		k = utf16_read(s, buf, n, code, msg);
	else if (s->sniff)
		k = sniff_read(s, buf, n, code, msg);
	else
		k = src_read(s, buf, n, code, msg);
	if (k > 0 && s->codec != CODEC_PLAIN && s->gzmax != 0 &&
	    (s->given += (uint64_t)k) > s->gzmax) {
		snprintf(s->msg, sizeof s->msg, "%s data inflates to more "
		    "than %llu bytes (MOT_GZIP_MAX): refused as a likely %s "
		    "bomb", codec_names[s->codec],
		    (unsigned long long)s->gzmax, codec_names[s->codec]);
		s->err_line = 0;
		*code = MOT_EXIT_DATAERR;
		*msg = s->msg;
		return (-1);
	}
	return (k);
}

int
input_is_utf16(const struct input_src *s)
{
	return (s->cd != NO_ICONV);
}

unsigned long
input_error_line(const struct input_src *s)
{
	return (s->err_line);
}

uint64_t
input_raw_bytes(const struct input_src *s)
{
	return (s->pipe != NULL ? s->pipe->raw : s->raw);
}

int
input_is_gzip(const struct input_src *s)
{
	return (s->gzip);
}

int
input_is_compressed(const struct input_src *s)
{
	return (s->codec != CODEC_PLAIN);
}

void
input_close(struct input_src *s)
{
	if (s == NULL)
		return;
	if (s->pipe != NULL)
		pipe_end(s);
	if (s->gzip)
		inflateEnd(&s->z);
	if (s->codec == CODEC_ZSTD)
		ZSTD_freeDStream(s->zd);
	if (s->codec == CODEC_XZ)
		lzma_end(&s->xz);
	if (s->cd != NO_ICONV)
		iconv_close(s->cd);
	free(s->u16);
	if (s->fd != -1)
		close(s->fd);
	free(s->in);
	free(s);
}

char *
input_gzip_max(uint64_t *max)
{
	const char	*s = getenv("MOT_GZIP_MAX");

	*max = INPUT_GZIP_MAX;
	if (s == NULL || *s == '\0' || num_size(s, max) == 0)
		return (NULL);
	return (xasprintf("MOT_GZIP_MAX=\"%s\": not a size (bytes, or a "
	    "number with K, M, G or T; 0 for no limit)", s));
}
