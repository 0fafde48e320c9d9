/*
 * input.c - the bytes of an input file. A file is opened here, never by
 * libxml2; gzip, zstd and xz are recognised by their magic bytes, not the
 * name, and decompressed (decomp.c) on a thread of their own that hands
 * blocks to the reader, so that on two cores decompression and parsing
 * overlap. A plain file is read as it is, without a copy. UTF-16 with a
 * byte order mark (plain or compressed) is decoded to UTF-8 here with
 * iconv, so that all above reads UTF-8; UTF-16 that is not valid is an
 * error.
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

#include "decomp.h"
#include "exitcode.h"
#include "input.h"
#include "num.h"
#include "xmalloc.h"

#define IN_CHUNK	(256 * 1024)

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
	int		 fd;		/* or -1 */
	const char	*mem;		/* a range's bytes in memory, or NULL */
	const char	*prefix;	/* bytes given before the file's */
	size_t		 prefix_len;
	const char	*suffix;	/* and after */
	size_t		 suffix_len;
	uint64_t	 left;		/* of the file's range; UINT64_MAX: all */
	int		 stage;		/* 0 prefix, 1 file, 2 suffix */
	enum decomp_codec codec;	/* what the bytes are */
	struct decomp	*dc;		/* their decompressor, or NULL */
	int		 eof;		/* no more raw bytes */
	unsigned char	*in;		/* the first raw bytes, not yet used */
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
	struct ipipe	*pipe;		/* decompression on a thread of its own, or NULL */
	uint64_t	 given;		/* bytes input_read gave */
	uint64_t	 gzmax;		/* the most a gzip input may give, or 0 */
};
#define NO_ICONV	((iconv_t)-1)

static int	pipe_start(struct input_src *);

static ssize_t
raw_read(void *arg, void *buf, size_t n)
{
	struct input_src	*s = arg;
	ssize_t			 r;

	if (s->left != UINT64_MAX && n > s->left)
		n = (size_t)s->left;
	if (n == 0)
		return (0);
	if (s->mem != NULL) {	/* a range of bytes in memory */
		memcpy(buf, s->mem, n);
		s->mem += n;
		s->left -= n;
		s->raw += n;
		return ((ssize_t)n);
	}
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
	return (input_open_thread(sp, path, 1, cause));
}

int
input_open_thread(struct input_src **sp, const char *path, int thread,
    char **cause)
{
	struct input_src	*s;
	const char		*t;
	char			*msg;
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
	while (s->in_len < DECOMP_MAGIC_LEN && !s->eof) {
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
	s->codec = decomp_magic(s->in, s->in_len);
	if (s->codec != DECOMP_PLAIN) {
		if ((s->dc = decomp_new(s->codec, s->in, s->in_len, raw_read,
		    s, &msg)) == NULL) {
			*cause = xasprintf("%s: %s", path, msg);
			free(msg);
			input_close(s);
			return (MOT_EXIT_SOFTWARE);
		}
		s->in_len = 0;
	}
	/* Decompression on its own thread, unless MOT_INPUT_THREADS=0. */
	if (s->codec != DECOMP_PLAIN && thread && ((t =
	    getenv("MOT_INPUT_THREADS")) == NULL || strcmp(t, "0") != 0))
		(void)pipe_start(s);
	*sp = s;
	return (0);
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

int
input_open_range(struct input_src **sp, const char *path, const char *mem,
    uint64_t off, uint64_t len, const char *prefix, size_t prefix_len,
    const char *suffix, size_t suffix_len, char **cause)
{
	struct input_src	*s;

	s = xcalloc(1, sizeof *s);
	s->cd = NO_ICONV;	/* no magic to sniff: s->in is not needed */
	s->fd = -1;
	if (mem != NULL)
		s->mem = mem + off;
	else if ((s->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
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
		b->len = decomp_read(s->dc, b->buf, PIPE_BLOCK, &code, &msg);
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
	if (s->dc != NULL)
		return (decomp_read(s->dc, buf, n, code, msg));
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
	if (k > 0 && s->codec != DECOMP_PLAIN && s->gzmax != 0 &&
	    (s->given += (uint64_t)k) > s->gzmax) {
		snprintf(s->msg, sizeof s->msg, "%s data inflates to more "
		    "than %llu bytes (MOT_GZIP_MAX): refused as a likely %s "
		    "bomb", decomp_name(s->codec),
		    (unsigned long long)s->gzmax, decomp_name(s->codec));
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
	return (s->codec == DECOMP_GZIP);
}

int
input_is_compressed(const struct input_src *s)
{
	return (s->codec != DECOMP_PLAIN);
}

int
input_outpaces_parser(const struct input_src *s)
{
	return (s->dc != NULL && decomp_outpaces_parser(s->dc));
}

void
input_close(struct input_src *s)
{
	if (s == NULL)
		return;
	if (s->pipe != NULL)
		pipe_end(s);
	decomp_free(s->dc);
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
