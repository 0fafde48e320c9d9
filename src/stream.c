/*
 * stream.c - a compressed journeys file or XES log cut into chunks as it
 * is decompressed, so that several readers parse it (-j). A plain file is
 * cut where it lies (split.c); a compressed one cannot be read from the
 * middle, so its bytes are decompressed once, here, and handed out in
 * chunks of about STREAM_CHUNK bytes, each beginning at a journey (or XES
 * trace) start tag. Each chunk parses as a document of its own between the
 * file's beginning and the root's end tag, as a piece does: a chunk that
 * does not parse (a "<journey" inside a comment, say), and any trouble
 * here, makes run.c read the file whole again, so a bad cut costs time,
 * never correctness. The caller bounds how many chunks it holds.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "split.h"
#include "stream.h"
#include "xmalloc.h"

/* Bytes decompressed at a time. */
#define STREAM_READ	(256 * 1024)
/* Whether to decompress on a thread of its own (input.c) even so. */
#define STREAM_THREAD	1
/* Room for reads past a chunk's size before a buffer grows. */
#define STREAM_SLACK	(4 * STREAM_READ + 1)
/* Buffers kept for reuse. */
#define STREAM_SPARE	4

struct stream {
	const char		*path;
	struct input_src	*in;
	const char		*tag;		/* of a unit's start */
	const char		*suffix;	/* the root's end tag */
	char			*prefix;	/* the file up to its first unit */
	size_t			 prefix_len;
	long			 header_lines;	/* newlines in prefix */
	uint64_t		 target;	/* a chunk's size, about */
	char			*buf;		/* bytes not yet in a chunk */
	size_t			 len, cap;
	uint64_t		 lines;		/* newlines before buf */
	uint64_t		 given;		/* decompressed bytes */
	size_t			 n;		/* chunks cut */
	int			 eof, done;
	/* Buffers of chunks freed, for the next ones (no page faults). */
	char			*spare[STREAM_SPARE];
	size_t			 spare_cap[STREAM_SPARE];
	size_t			 nspare;
};

/* More bytes after the pending ones: 0, or -1 with *cause. */
static int
more(struct stream *s, char **cause)
{
	const char	*msg;
	ssize_t		 r;
	int		 code;

	/* Linear growth: a chunk's buffer is rarely past its first size. */
	if (s->cap - s->len < STREAM_READ + 1) {
		s->cap = s->len + STREAM_SLACK;
		s->buf = xreallocarray(s->buf, s->cap, 1);
	}
	if ((r = input_read(s->in, s->buf + s->len, STREAM_READ, &code,
	    &msg)) < 0) {
		*cause = xasprintf("%s: %s", s->path, msg);
		return (-1);
	}
	if (r == 0)
		s->eof = 1;
	s->len += (size_t)r;
	s->given += (uint64_t)r;
	s->buf[s->len] = '\0';
	return (0);
}

int
stream_open(struct stream **sp, const char *path, uint64_t target,
    char **cause)
{
	struct stream	*s;
	char		*why = NULL;
	int64_t		 at = -1;
	int		 rc;

	*sp = NULL;
	s = xcalloc(1, sizeof *s);
	s->path = path;
	s->target = target;
	/*
	 * Decompressed on this thread, straight into the chunks' buffers,
	 * not on one of its own: the other readers parse while it cuts (5%
	 * faster on two cores, docs/performance.md).
	 */
	if ((rc = input_open_thread(&s->in, path, 0, cause)) != 0) {
		free(s);
		return (rc);
	}
	if (!input_is_compressed(s->in) || !input_outpaces_parser(s->in))
		goto whole;
	/* The header: up to the first unit, a small part of the file. */
	for (;;) {
		if (s->len > 0 && split_root(s->buf, &s->tag, &s->suffix) == 0 &&
		    (at = split_find(s->buf, s->len, s->tag)) >= 0)
			break;
		if (s->eof || s->len > SPLIT_HEADER_MAX || more(s, &why) != 0)
			goto whole;
	}
	if (input_is_utf16(s->in) || (uint64_t)at > SPLIT_HEADER_MAX)
		goto whole;	/* chunks are UTF-8, as decoded */
	s->prefix_len = (size_t)at;
	s->prefix = xmalloc(s->prefix_len + 1);
	memcpy(s->prefix, s->buf, s->prefix_len);
	s->prefix[s->prefix_len] = '\0';
	s->header_lines = (long)count_byte(s->prefix, s->prefix_len, '\n');
	*sp = s;
	return (0);
whole:
	free(why);	/* reading it whole says what is wrong */
	stream_close(s);
	return (1);
}

int
stream_next(struct stream *s, struct stream_chunk **cp, char **cause)
{
	struct stream_chunk	*c;
	size_t			 from = (size_t)s->target, cut, tl, want;
	int64_t			 at;
	int			 last = 0;

	*cp = NULL;
	if (s->done)
		return (0);
	tl = strlen(s->tag);
	for (;;) {
		if (s->len > from && (at = split_find(s->buf + from, s->len -
		    from, s->tag)) >= 0) {
			cut = from + (size_t)at;
			break;
		}
		if (s->eof) {
			cut = s->len;
			last = 1;
			break;
		}
		if (s->len > STREAM_CHUNK_MAX) {
			*cause = xasprintf("%s: no journey start in %llu "
			    "bytes: not cut", s->path,
			    (unsigned long long)STREAM_CHUNK_MAX);
			return (-1);
		}
		if (s->len > from + tl)
			from = s->len - tl;
		if (more(s, cause) != 0)
			return (-1);
	}
	c = xcalloc(1, sizeof *c);
	c->buf = s->buf;
	c->cap = s->cap;
	c->range.mem = c->buf;
	c->range.len = cut;
	if (s->n > 0) {
		c->range.prefix = s->prefix;
		c->range.prefix_len = s->prefix_len;
		c->range.line_delta = (long)s->lines - s->header_lines;
	}
	if (!last) {
		c->range.suffix = s->suffix;
		c->range.suffix_len = strlen(s->suffix);
	}
	s->lines += count_byte(c->buf, cut, '\n');
	/* The rest begins the next chunk. */
	s->len -= cut;
	want = s->len + (size_t)s->target + STREAM_SLACK;
	while (s->nspare > 0 && s->spare_cap[s->nspare - 1] < want)
		free(s->spare[--s->nspare]);	/* grown for a long journey: too small now */
	if (s->nspare > 0) {
		s->nspare--;
		s->buf = s->spare[s->nspare];
		s->cap = s->spare_cap[s->nspare];
	} else
		s->buf = xmalloc(s->cap = want);
	memcpy(s->buf, c->buf + cut, s->len);
	s->buf[s->len] = '\0';
	s->n++;
	s->done = last;
	*cp = c;
	return (1);
}

void
stream_stats(const struct stream *s, struct xmlin_stats *st)
{
	st->raw_bytes = input_raw_bytes(s->in);
	st->xml_bytes = s->given;
	st->gzip = input_is_gzip(s->in);
}

void
stream_chunk_free(struct stream *s, struct stream_chunk *c)
{
	if (c == NULL)
		return;
	if (s->nspare < STREAM_SPARE) {
		s->spare[s->nspare] = c->buf;
		s->spare_cap[s->nspare++] = c->cap;
	} else
		free(c->buf);
	free(c);
}

void
stream_close(struct stream *s)
{
	if (s == NULL)
		return;
	input_close(s->in);
	free(s->prefix);
	free(s->buf);
	while (s->nspare > 0)
		free(s->spare[--s->nspare]);
	free(s);
}
