/*
 * split.c - cuts one large uncompressed file into pieces for several
 * readers. A piece begins at a journey (or XES trace) start tag; each is
 * parsed as a document of its own: the file's beginning up to its first
 * journey (the XML declaration, the root's start tag and, for XES, the
 * globals), then the piece, then the root's end tag. A piece that does not
 * parse (a "<journey" inside a comment, say) makes run.c read the file
 * whole again, so a bad cut costs time, never correctness.
 */
#include <config.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decomp.h"
#include "input.h"
#include "split.h"
#include "xmalloc.h"

#define WINDOW	(1024 * 1024)

int64_t
split_find(const char *buf, size_t len, const char *tag)
{
	size_t		 tl = strlen(tag);
	const char	*p = buf, *end = buf + len;
	char		 c;

	while (end - p > (ptrdiff_t)tl &&
	    (p = memchr(p, '<', (size_t)(end - p - (ptrdiff_t)tl))) != NULL) {
		c = p[tl];
		if (memcmp(p, tag, tl) == 0 && (c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r' || c == '>'))
			return ((int64_t)(p - buf));
		p++;
	}
	return (-1);
}

int
split_root(const char *buf, const char **tag, const char **suffix)
{
	const char	*root = strstr(buf, "<journeys"), *xes = strstr(buf, "<log");

	if (root != NULL && (xes == NULL || root < xes)) {
		*tag = "<journey";
		*suffix = "\n</journeys>\n";
	} else if (xes != NULL) {
		*tag = "<trace";
		*suffix = "\n</log>\n";
	} else
		return (-1);
	return (0);
}

/* The offset of the first unit start tag at or after off, or -1. */
static int64_t
find_unit(int fd, uint64_t off, uint64_t size, const char *tag, char *buf)
{
	size_t	tl = strlen(tag);
	int64_t	at;
	ssize_t	n;

	while (off < size) {
		if ((n = pread(fd, buf, WINDOW, (off_t)off)) <= 0)
			return (-1);
		if ((at = split_find(buf, (size_t)n, tag)) >= 0)
			return ((int64_t)off + at);
		if ((size_t)n <= tl)
			return (-1);
		off += (uint64_t)n - tl;
	}
	return (-1);
}

size_t
split_plan(const char *path, size_t want, int any_size, struct split *sp)
{
	struct stat	 sb;
	char		*buf = NULL;
	const char	*tag;
	int64_t		*cut = NULL, at;
	uint64_t	 size, first, target;
	size_t		 ncut = 0, k;
	ssize_t		 n;
	long		 hl = 0;
	int		 fd;

	memset(sp, 0, sizeof *sp);
	if (want < 2 || strcmp(path, "-") == 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (1);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (!any_size && (uint64_t)sb.st_size < SPLIT_MIN))
		goto whole;
	size = (uint64_t)sb.st_size;
	if (!any_size && want > size / SPLIT_PIECE_MIN)
		want = (size_t)(size / SPLIT_PIECE_MIN);
	buf = xmalloc(WINDOW + 1);
	if ((n = pread(fd, buf, WINDOW, 0)) < 64 ||
	    decomp_magic(buf, (size_t)n) != DECOMP_PLAIN)
		goto whole;	/* short, or compressed: one reader */
	buf[n] = '\0';
	if (split_root(buf, &tag, &sp->suffix) != 0)
		goto whole;
	if ((at = find_unit(fd, 0, size, tag, buf)) < 0 || at >= WINDOW)
		goto whole;	/* the header must be small */
	first = (uint64_t)at;
	if (pread(fd, buf, (size_t)first, 0) != (ssize_t)first)
		goto whole;
	sp->prefix = xstrndup(buf, (size_t)first);
	hl = (long)count_byte(buf, (size_t)first, '\n');
	cut = xcalloc(want + 1, sizeof *cut);
	for (k = 1; k < want; k++) {
		target = first + (size - first) / want * k;
		if ((at = find_unit(fd, target, size, tag, buf)) < 0)
			break;
		if (ncut > 0 && at <= cut[ncut - 1])
			continue;
		cut[ncut++] = at;
	}
	if (ncut == 0)
		goto whole;
	sp->n = ncut + 1;
	sp->pieces = xcalloc(sp->n, sizeof *sp->pieces);
	sp->header_lines = hl;
	for (k = 0; k < sp->n; k++) {
		/* Lines come from split_count; a piece is not read before. */
		sp->pieces[k].line_delta = k == 0 ? 0 : SPLIT_NO_LINES;
		sp->pieces[k].off = k == 0 ? 0 : (uint64_t)cut[k - 1];
		sp->pieces[k].len = (k + 1 < sp->n ? (uint64_t)cut[k] : size) -
		    sp->pieces[k].off;
		if (k > 0) {
			sp->pieces[k].prefix = sp->prefix;
			sp->pieces[k].prefix_len = strlen(sp->prefix);
		}
		if (k + 1 < sp->n) {
			sp->pieces[k].suffix = sp->suffix;
			sp->pieces[k].suffix_len = strlen(sp->suffix);
		}
	}
	free(cut);
	free(buf);
	close(fd);
	return (sp->n);
whole:
	free(cut);
	free(buf);
	close(fd);
	split_free(sp);
	return (1);
}

void
split_count(const char *path, struct split *sp, void (*ready)(void *, size_t),
    void *arg)
{
	char		*buf = NULL;
	uint64_t	 nl = 0, pos = 0, end;
	ssize_t		 n = 1;
	size_t		 k;
	int		 fd;

	if (sp->lines_known) {
		for (k = 1; k < sp->n; k++)
			ready(arg, k);
		return;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1)
		buf = xmalloc(WINDOW);
	for (k = 1; k < sp->n; k++) {
		end = sp->pieces[k].off;
		while (fd != -1 && n > 0 && pos < end) {
			n = pread(fd, buf, WINDOW < end - pos ? WINDOW :
			    (size_t)(end - pos), (off_t)pos);
			if (n > 0) {
				nl += count_byte(buf, (size_t)n, '\n');
				pos += (uint64_t)n;
			}
		}
		/* A piece whose lines cannot be counted fails: read whole. */
		if (fd != -1 && n > 0)
			sp->pieces[k].line_delta = (long)nl - sp->header_lines;
		ready(arg, k);
	}
	free(buf);
	if (fd != -1)
		close(fd);
}

void
split_free(struct split *sp)
{
	free(sp->prefix);
	free(sp->pieces);
	memset(sp, 0, sizeof *sp);
}
