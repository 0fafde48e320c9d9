/*
 * cmd-split.c - mot split: cut one large journeys file, XES log or CSV file
 * into N files of whole journeys (XES: whole traces behind the log's
 * header and globals; CSV: the header repeated), for a batch engine to
 * analyse one each (mot analyze --save-state, then mot merge). The cuts
 * are those of -j (split.c, csv_plan), at any size; a CSV file whose
 * journeys' rows lie apart is partitioned by a hash of the journey id
 * (csv_partition) instead; a compressed file is
 * decompressed into a scratch file in the output folder first. Every piece
 * is read through the reader before any is written, so bad input writes
 * nothing; each file is written atomically, and pieces an earlier split of
 * the same file left beyond this one's count are removed.
 */
#include <config.h>

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "input.h"
#include "log.h"
#include "opts.h"
#include "read.h"
#include "split.h"
#include "xmalloc.h"

static const struct cmd_opt split_opts[] = {
	{ OPT_SHARDS, NULL },
	{ OPT_OUTPUT, "write the pieces in DIR, named as FILE\nwith -NN before "
	  "its extension" },
	{ OPT_EXPECTATIONS, "read a CSV file by its <csv> mapping" },
	{ OPT_FORMAT_IN, NULL },
	{ OPT_MEMORY, NULL },
	{ OPT_QUIET, "do not list the pieces written" },
	{ OPT_HELP, NULL },
	CMD_OPT_END
};

/* A journey of a piece being read: nothing to do but read it. */
static int
on_journey(struct journey *j, void *arg, char **cause)
{
	return (0);
}

/* split_count's callback: the lines of each piece are known as counted. */
static void
on_counted(void *arg, size_t k)
{
}

/* The pieces' names: FILE's base name without .gz/.zst/.xz, split at its extension. */
struct names {
	char	*stem;		/* "journeys" */
	char	*ext;		/* ".xml", or "" */
	int	 width;		/* of the number */
};

static void
names_init(struct names *nm, const char *path, size_t n)
{
	static const char *const zs[] = { ".gz", ".zst", ".xz" };
	const char	*b = strrchr(path, '/');
	char		*dot;
	size_t		 i, len, k;

	nm->stem = xstrdup(b != NULL ? b + 1 : path);
	len = strlen(nm->stem);
	for (i = 0; i < sizeof zs / sizeof zs[0]; i++) {
		k = strlen(zs[i]);
		if (len > k && strcmp(nm->stem + len - k, zs[i]) == 0) {
			nm->stem[len - k] = '\0';
			break;
		}
	}
	if ((dot = strrchr(nm->stem, '.')) != NULL && dot != nm->stem) {
		nm->ext = xstrdup(dot);
		*dot = '\0';
	} else
		nm->ext = xstrdup("");
	for (nm->width = 1, k = n; k >= 10; k /= 10)
		nm->width++;
	if (nm->width < 2)
		nm->width = 2;
}

static char *
names_piece(const struct names *nm, size_t k)
{
	return (xasprintf("%s-%0*zu%s", nm->stem, nm->width, k + 1, nm->ext));
}

/* Remove pieces of an earlier split beyond n: STEM-NUMBER.EXT with NUMBER over n. */
static void
names_prune(const struct names *nm, const char *dir, size_t n)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 sl = strlen(nm->stem), el = strlen(nm->ext), len, i;
	unsigned long	 num;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < sl + el + 2 || strncmp(de->d_name, nm->stem, sl) != 0 ||
		    de->d_name[sl] != '-' ||
		    strcmp(de->d_name + len - el, nm->ext) != 0)
			continue;
		for (i = sl + 1, num = 0; i < len - el; i++) {
			if (de->d_name[i] < '0' || de->d_name[i] > '9' ||
			    num > 1000000)
				break;
			num = num * 10 + (unsigned long)(de->d_name[i] - '0');
		}
		if (i != len - el || num <= n)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		verbosef("removing %s (an earlier split's)", path);
		if (unlink(path) != 0)
			warnf("%s: cannot remove: %s", path, strerror(errno));
		free(path);
	}
	closedir(d);
}

/* Copy len bytes of fd at off to f; 0, or an exit code with *cause. */
static int
copy_range(int fd, uint64_t off, uint64_t len, FILE *f, const char *path,
    char **cause)
{
	char	buf[65536];
	ssize_t	n;

	while (len > 0) {
		n = pread(fd, buf, len < sizeof buf ? (size_t)len : sizeof buf,
		    (off_t)off);
		if (n <= 0) {
			*cause = xasprintf("%s: %s", path, n == 0 ?
			    "the file shrank while it was cut" :
			    strerror(errno));
			return (MOT_EXIT_IOERR);
		}
		if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
			*cause = xasprintf("cannot write: %s", strerror(errno));
			return (MOT_EXIT_IOERR);
		}
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return (0);
}

/* Write piece k of the plan (of plain file path) as dir/name; 0, or an exit code with *cause. */
static int
write_piece(const struct xmlin_range *p, int fd, const char *path,
    const char *dir, const char *name, char **cause)
{
	struct afile	af;
	int		rc;

	if ((rc = afile_open(&af, dir, name, cause)) != 0)
		return (rc);
	if ((p->prefix_len > 0 && fwrite(p->prefix, 1, p->prefix_len, af.f) !=
	    p->prefix_len) || (rc = copy_range(fd, p->off, p->len, af.f, path,
	    cause)) != 0 || (p->suffix_len > 0 && fwrite(p->suffix, 1,
	    p->suffix_len, af.f) != p->suffix_len)) {
		if (rc == 0) {
			*cause = xasprintf("%s/%s: cannot write: %s", dir, name,
			    strerror(errno));
			rc = MOT_EXIT_IOERR;
		}
		afile_abort(&af);
		return (rc);
	}
	return (afile_commit(&af, cause));
}

/* Decompress path into a scratch file in dir; 0 and the open afile (its tmp is the path), or an exit code with *cause. */
static int
spool(const char *path, const char *dir, struct afile *af, char **cause)
{
	struct input_src	*in;
	char			 buf[65536];
	const char		*msg;
	ssize_t			 n;
	int			 rc, code;

	if ((rc = input_open(&in, path, cause)) != 0)
		return (rc);
	if ((rc = afile_open_tmp(af, dir, ".mot-split", cause)) != 0) {
		input_close(in);
		return (rc);
	}
	while ((n = input_read(in, buf, sizeof buf, &code, &msg)) > 0) {
		if (fwrite(buf, 1, (size_t)n, af->f) != (size_t)n) {
			*cause = xasprintf("%s: cannot write: %s", af->tmp,
			    strerror(errno));
			n = -1;
			code = MOT_EXIT_IOERR;
			msg = NULL;
			break;
		}
	}
	if (n < 0 && msg != NULL)
		*cause = xasprintf("%s: %s", path, msg);
	input_close(in);
	if (n < 0 || fflush(af->f) != 0) {
		if (n >= 0)
			*cause = xasprintf("%s: cannot write: %s", af->tmp,
			    strerror(errno));
		afile_abort(af);
		return (n < 0 ? code : MOT_EXIT_IOERR);
	}
	return (0);
}

/* Pieces written at once by partition (each an open file). */
#define PARTITION_OPEN	256

/* A CSV file's rows gathered by journey into pieces. */
struct partition {
	uint64_t	*rows;		/* by part */
	size_t		*piece;		/* by part: its piece, or SIZE_MAX */
	size_t		 lo, hi;	/* the pieces being written */
	struct afile	*af;		/* theirs */
	int		 fd;
	const char	*src;
	uint64_t	 header;	/* bytes before the first row */
	int		 rc;
	char		*cause;
};

static void
on_count(void *arg, long part, uint64_t off, uint64_t len)
{
	struct partition	*p = arg;

	if (part < 0)
		p->header = len;
	else
		p->rows[part]++;
}

static void
on_row(void *arg, long part, uint64_t off, uint64_t len)
{
	struct partition	*p = arg;
	size_t			 k;

	if (part < 0 || p->rc != 0)
		return;
	k = p->piece[part];
	if (k >= p->lo && k < p->hi)
		p->rc = copy_range(p->fd, off, len, p->af[k - p->lo].f, p->src,
		    &p->cause);
}

/*
 * A CSV file whose journeys' rows lie apart: each journey's rows go to the
 * piece its id hashes to, in file order, behind the header; pieces no
 * journey hashes to are not written. PARTITION_OPEN pieces a pass.
 */
static int
partition(const char *src, const char *path, const struct read_opts *ro,
    size_t want, const char *dir, int quiet, char **cause)
{
	struct partition	 p;
	struct names		 nm;
	char			*name;
	size_t			 i, k, n = 0, opened;
	int			 rc;

	memset(&p, 0, sizeof p);
	p.rows = xcalloc(want, sizeof *p.rows);
	p.piece = xcalloc(want, sizeof *p.piece);
	p.src = src;
	if ((rc = read_partition(src, ro, want, on_count, &p, cause)) != 0)
		goto out;
	for (i = 0; i < want; i++)
		p.piece[i] = p.rows[i] > 0 ? n++ : SIZE_MAX;
	if (n < want)
		warnf("%s: %zu pieces, not %zu: no journey fell in the others",
		    path, n, want);
	if ((p.fd = open(src, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: cannot open: %s", src, strerror(errno));
		rc = MOT_EXIT_NOINPUT;
		goto out;
	}
	names_init(&nm, path, n);
	p.af = xcalloc(PARTITION_OPEN, sizeof *p.af);
	for (p.lo = 0; p.lo < n && rc == 0; p.lo = p.hi) {
		p.hi = p.lo + PARTITION_OPEN < n ? p.lo + PARTITION_OPEN : n;
		for (k = p.lo; k < p.hi; k++) {
			name = names_piece(&nm, k);
			rc = afile_open(&p.af[k - p.lo], dir, name, cause);
			free(name);
			if (rc != 0)
				break;
			if ((rc = copy_range(p.fd, 0, p.header, p.af[k - p.lo].f,
			    src, cause)) != 0) {
				k++;
				break;
			}
		}
		opened = k - p.lo;
		if (rc == 0 && (rc = read_partition(src, ro, want, on_row, &p,
		    cause)) == 0 && (rc = p.rc) != 0) {
			*cause = p.cause;
			p.cause = NULL;
		}
		for (i = 0; i < opened; i++) {
			name = xstrdup(p.af[i].path);
			if (rc != 0)
				afile_abort(&p.af[i]);
			else if ((rc = afile_commit(&p.af[i], cause)) == 0 &&
			    !quiet)
				printf("%s\n", name);
			free(name);
		}
	}
	if (rc == 0)
		names_prune(&nm, dir, n);
	free(nm.stem);
	free(nm.ext);
	free(p.af);
	close(p.fd);
out:
	free(p.cause);
	free(p.rows);
	free(p.piece);
	return (rc);
}

/* Whether the file at path is compressed (to be decompressed first): 1, 0, or minus an exit code with *cause (UTF-16 is refused). */
static int
needs_spool(const char *path, char **cause)
{
	struct input_src	*in;
	char			 b[4];
	const char		*msg;
	int			 rc, z, code;

	if ((rc = input_open(&in, path, cause)) != 0)
		return (-rc);
	z = input_is_compressed(in);
	/* The first read says whether it is UTF-16. */
	if (input_read(in, b, sizeof b, &code, &msg) > 0 && input_is_utf16(in)) {
		*cause = xasprintf("%s: UTF-16 is not cut (its pieces would "
		    "declare an encoding they are not in): convert it to "
		    "UTF-8 first (iconv -f UTF-16 -t UTF-8)", path);
		z = -MOT_EXIT_DATAERR;
	}
	input_close(in);
	return (z);
}

static int
cmd_split(int argc, char **argv)
{
	const struct cmd_entry	*c = &cmd_split_entry;
	struct expectations	*e = NULL;
	struct read_opts	 ro;
	struct read_stats	 st;
	struct split		 sp;
	struct names		 nm;
	struct afile		 scratch;
	struct xmlin_range	 whole;
	struct stat		 sb;
	struct opts		 opts;
	const char		*path, *dir, *epath, *src;
	char			*cause = NULL, *name;
	size_t			 want, k, n = 0;
	int			 rc, fd = -1, spooled = 0, format_in;

	memset(&sp, 0, sizeof sp);
	memset(&scratch, 0, sizeof scratch);
	if ((rc = opts_parse(c, argc, argv, &opts)) != 0)
		return (rc == -1 ? 0 : rc);
	opts_log(&opts);
	if ((rc = opts_format_in(c, &opts, &format_in)) != 0)
		return (rc);
	if (opts.noperands != 1)
		return (cmd_usage_error(c, "one FILE to cut, not %zu",
		    opts.noperands));
	path = opts.operands[0];
	if (strcmp(path, "-") == 0)
		return (cmd_usage_error(c, "a file to cut, not standard input"));
	if ((dir = opts_text(&opts, OPT_OUTPUT)) == NULL)
		return (cmd_usage_error(c, "no output folder (-o DIR)"));
	if (!opts_given(&opts, OPT_SHARDS))
		return (cmd_usage_error(c, "how many pieces? (-n N)"));
	want = (size_t)opts_count(&opts, OPT_SHARDS);
	if ((epath = opts_text(&opts, OPT_EXPECTATIONS)) != NULL &&
	    (rc = expect_load(epath, &e, &cause)) != 0)
		goto out;
	memset(&ro, 0, sizeof ro);
	ro.format_in = format_in;
	ro.memory = (size_t)opts_count(&opts, OPT_MEMORY);
	ro.plan_any_size = 1;
	if (e != NULL) {
		ro.names = &e->names;
		ro.classifier = e->classifier;
		ro.csv = e->csv;
		ro.ocel = e->ocel;
	}
	if (read_is_ocel(path, &ro)) {
		cause = xasprintf("%s: an OCEL log cannot be cut into whole "
		    "journeys (objects are shared between them)", path);
		rc = MOT_EXIT_DATAERR;
		goto out;
	}
	if (read_is_csv(path, &ro) && ro.csv == NULL) {
		rc = cmd_usage_error(c, "%s: a CSV file is cut by journey: "
		    "give the expectations with its <csv> mapping (-e)", path);
		goto out;
	}
	/* The cut is made on the bytes as they are: plain UTF-8. */
	if (ro.format_in == READ_IN_AUTO)
		ro.format_in = !read_is_csv(path, &ro) ? READ_IN_XML :
		    read_name_is(path, ".tsv") ? READ_IN_TSV : READ_IN_CSV;
	if ((rc = afile_mkdirs(dir, &cause)) != 0)
		goto out;
	if ((rc = needs_spool(path, &cause)) < 0) {
		rc = -rc;
		goto out;
	}
	src = path;
	if (rc == 1) {
		verbosef("%s: decompressing into %s first", path, dir);
		if ((rc = spool(path, dir, &scratch, &cause)) != 0)
			goto out;
		spooled = 1;
		src = scratch.tmp;
	}
	n = want < 2 ? 1 : read_plan(src, &ro, want, &sp);
	if (want >= 2 && n == 1) {
		/* Not cut: what the reader makes of the whole file, else why. */
		if ((rc = read_file(path, &ro, on_journey, &st, &cause)) != 0)
			goto out;
		if (st.journeys >= 2 && ro.format_in != READ_IN_XML) {
			rc = partition(src, path, &ro, want, dir,
			    opts_given(&opts, OPT_QUIET), &cause);
			goto out;
		}
		cause = st.journeys < 2 ? xasprintf("%s: %llu journey%s: "
		    "nothing to cut", path, (unsigned long long)st.journeys,
		    st.journeys == 1 ? "" : "s") : xasprintf("%s: cannot be "
		    "cut into whole journeys: no journey (XES: trace) start "
		    "tag after a header of at most 1 MiB", path);
		rc = MOT_EXIT_DATAERR;
		goto out;
	}
	/* Every piece read on its own before any is written. */
	if (n > 1)
		split_count(src, &sp, on_counted, NULL);
	for (k = 0; k < n && n > 1; k++) {
		if ((rc = read_range(src, &sp.pieces[k], &ro, on_journey, &st,
		    &cause)) == 0)
			continue;
		free(cause);
		cause = NULL;
		if ((rc = read_file(path, &ro, on_journey, &st, &cause)) == 0) {
			cause = xasprintf("%s: cannot be cut into whole "
			    "journeys: piece %zu does not read on its own (a "
			    "journey start tag in a comment or CDATA?)", path,
			    k + 1);
			rc = MOT_EXIT_DATAERR;
		}
		goto out;
	}
	if (n == 1 && (rc = read_file(path, &ro, on_journey, &st,
	    &cause)) != 0)
		goto out;
	if (n < want)
		warnf("%s: %zu pieces, not %zu: whole journeys are not cut",
		    path, n, want);
	if ((fd = open(src, O_RDONLY | O_CLOEXEC)) == -1) {
		cause = xasprintf("%s: cannot open: %s", src, strerror(errno));
		rc = MOT_EXIT_NOINPUT;
		goto out;
	}
	memset(&whole, 0, sizeof whole);
	if (n == 1 && fstat(fd, &sb) == 0)
		whole.len = (uint64_t)sb.st_size;
	names_init(&nm, path, n);
	for (k = 0; k < n && rc == 0; k++) {
		name = names_piece(&nm, k);
		rc = write_piece(n == 1 ? &whole : &sp.pieces[k], fd, src, dir,
		    name, &cause);
		if (rc == 0 && !opts_given(&opts, OPT_QUIET))
			printf("%s/%s\n", dir, name);
		free(name);
	}
	if (rc == 0)
		names_prune(&nm, dir, n);
	free(nm.stem);
	free(nm.ext);
out:
	if (fd != -1)
		close(fd);
	if (spooled)
		afile_abort(&scratch);
	split_free(&sp);
	if (cause != NULL) {
		errorf("%s", cause);
		free(cause);
	}
	expect_free(e);
	return (rc);
}

const struct cmd_entry cmd_split_entry = {
	"split", cmd_split,
	"split -n N -o DIR [-e EXPECTATIONS] FILE",
	"Cut one journeys file, XES log or CSV file into N files of whole\n"
	"journeys in DIR, to analyse one each (mot analyze --save-state) and\n"
	"merge (mot merge): the merged report is the one file's. XES pieces\n"
	"keep the log's header and globals, CSV pieces the header row; a CSV\n"
	"file needs -e for its <csv> mapping (the journey id): when the rows\n"
	"of a journey lie apart, each journey's go to the piece its id hashes\n"
	"to. A compressed FILE is decompressed into DIR first. Each\n"
	"piece is read before any is written, and written atomically; pieces\n"
	"of an earlier split beyond N are removed. Fewer than N pieces when\n"
	"the file has fewer journeys (a warning).\n"
	"Exit status: 0 ok, 64 bad usage, 65 bad input or a file that cannot\n"
	"be cut, 66 FILE cannot be opened, 73 or 74 the pieces cannot be\n"
	"written, 78 bad expectations.\n",
	split_opts
};
