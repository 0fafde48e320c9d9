/*
 * afile.c - output written atomically: each report goes to a temporary file
 * in its target folder, is flushed and synced, and only then renamed over
 * the final name, and the folder is synced. A failed or killed run leaves
 * the previous report intact (only kill -9 may leave a .NAME.XXXXXX
 * temporary file, never a partial NAME). A FIFO, a character device or
 * /dev/stdout is written into instead; any other symbolic link or special
 * file is refused, never replaced. A folder mot owns (DIR/charts) is
 * built whole as a temporary folder beside it and swapped in by rename. On
 * a signal, the children mot started (gnuplot) are ended and the temporary
 * files and folders removed before it dies.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afile.h"
#include "exitcode.h"
#include "xmalloc.h"

#ifdef MOT_FAULT
/*
 * Fault injection (see xmalloc.c): the file is written through a stream
 * whose Nth write can fail; its descriptor is kept here for fsync.
 */
int	fault_now(int);
#define FAULT_WRITE	1
#define FAULT_RENAME	2
#define FAULT_OPEN	3
#define FAULT_SYNC	4

static struct {
	FILE	*f;
	int	 fd;
} fault_fds[64];

static ssize_t
fault_write(void *c, const char *buf, size_t n)
{
	if (fault_now(FAULT_WRITE)) {
		errno = ENOSPC;
		return (-1);
	}
	return (write((int)(intptr_t)c, buf, n));
}

static int
fault_close(void *c)
{
	return (close((int)(intptr_t)c));
}

static FILE *
afile_fdopen(int fd)
{
	cookie_io_functions_t	 io = { NULL, fault_write, NULL, fault_close };
	FILE			*f;
	size_t			 i;

	if ((f = fopencookie((void *)(intptr_t)fd, "w", io)) == NULL)
		return (NULL);
	for (i = 0; i < sizeof fault_fds / sizeof fault_fds[0]; i++) {
		if (fault_fds[i].f == NULL) {
			fault_fds[i].f = f;
			fault_fds[i].fd = fd;
			break;
		}
	}
	return (f);
}

static int
afile_fileno(FILE *f)
{
	size_t	i;

	for (i = 0; i < sizeof fault_fds / sizeof fault_fds[0]; i++) {
		if (fault_fds[i].f == f) {
			fault_fds[i].f = NULL;
			return (fault_fds[i].fd);
		}
	}
	return (-1);
}
#define FAULT(kind, e)	(fault_now(kind) ? (errno = (e), -1) : 0)
#else
#define afile_fdopen(fd)	fdopen((fd), "w")
#define afile_fileno(f)		fileno(f)
#define FAULT(kind, e)		0
#endif

/*
 * Temporary files not yet committed or aborted, and children (gnuplot) not
 * yet ended, cleaned up when mot exits (out of memory included) or dies of
 * a signal it can catch: only kill -9 leaves a temporary file behind. The
 * same for temporary folders (the charts being built), removed with what
 * they hold. The handler only reads these tables and calls kill, waitpid,
 * unlink, openat, getdents64, unlinkat, close and raise, all
 * async-signal-safe. Only this file frees the names it lists.
 */
#define TEMPS_MAX	256
#define CHILDREN_MAX	64
#define TEMPDIRS_MAX	8
static char *volatile		temps[TEMPS_MAX];
static char *volatile		tempdirs[TEMPDIRS_MAX];
static volatile pid_t		children[CHILDREN_MAX];
static const int		cleanup_sigs[] = { SIGHUP, SIGINT, SIGTERM,
				    SIGPIPE };
#define NSIGS	(sizeof cleanup_sigs / sizeof cleanup_sigs[0])
static sigset_t			fork_saved;
static int			fork_group;

static void	rmtree_at(int, const char *, int);

static void
cleanup_all(void)
{
	size_t	i;
	pid_t	pid;
	int	saved = errno;

	/*
	 * First the children, so that none writes a file once it is gone.
	 * SIGKILL: what they draw is thrown away, and none can hold us up.
	 */
	for (i = 0; i < CHILDREN_MAX; i++) {
		if ((pid = children[i]) > 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
	for (i = 0; i < CHILDREN_MAX; i++) {
		if ((pid = children[i]) <= 0)
			continue;
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
		children[i] = 0;
	}
	for (i = 0; i < TEMPS_MAX; i++) {
		if (temps[i] != NULL)
			unlink(temps[i]);
	}
	for (i = 0; i < TEMPDIRS_MAX; i++) {
		if (tempdirs[i] != NULL)
			rmtree_at(AT_FDCWD, tempdirs[i], 0);
	}
	errno = saved;
}

static void
cleanup_signal(int sig)
{
	sigset_t	set;

	cleanup_all();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

static void
cleanup_sigset(sigset_t *set)
{
	size_t	i;

	sigemptyset(set);
	for (i = 0; i < NSIGS; i++)
		sigaddset(set, cleanup_sigs[i]);
}

/* Catch the signals that are not ignored (nohup keeps SIGHUP ignored). */
static void
cleanup_hook(void)
{
	static int		 hooked;
	struct sigaction	 sa, old;
	size_t			 i;

	if (hooked)
		return;
	hooked = 1;
	atexit(cleanup_all);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cleanup_signal;
	cleanup_sigset(&sa.sa_mask);	/* one cleanup at a time */
	for (i = 0; i < NSIGS; i++) {
		if (sigaction(cleanup_sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			sigaction(cleanup_sigs[i], &sa, NULL);
	}
}

/* Block the cleanup signals while a table changes with a file or a process. */
static void
cleanup_block(sigset_t *old)
{
	sigset_t	set;

	cleanup_sigset(&set);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Put new in the first slot of a cleanup table that holds old (NULL: a free one). */
static void
slot_set(char *volatile *tab, size_t n, const char *old, char *new)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (tab[i] == old) {
			tab[i] = new;
			return;
		}
	}
}

static void
temps_add(char *tmp)
{
	cleanup_hook();
	slot_set(temps, TEMPS_MAX, NULL, tmp);
}

static void
temps_del(const char *tmp)
{
	if (tmp != NULL)
		slot_set(temps, TEMPS_MAX, tmp, NULL);
}

void
afile_fork_begin(int own_group)
{
	fork_group = own_group;
	cleanup_hook();
	cleanup_block(&fork_saved);
}

void
afile_fork_end(pid_t pid)
{
	size_t	i;

	if (pid > 0) {
		/* The child does the same: whichever runs first. */
		if (fork_group)
			(void)setpgid(pid, pid);
		for (i = 0; i < CHILDREN_MAX; i++) {
			if (children[i] == 0) {
				children[i] = pid;
				break;
			}
		}
	}
	pthread_sigmask(SIG_SETMASK, &fork_saved, NULL);
}

void
afile_fork_child(void)
{
	size_t	i;

	if (fork_group)
		(void)setpgid(0, 0);
	for (i = 0; i < NSIGS; i++) {
		if (signal(cleanup_sigs[i], SIG_DFL) == SIG_IGN)
			signal(cleanup_sigs[i], SIG_IGN);
	}
	signal(SIGPIPE, SIG_DFL);
	pthread_sigmask(SIG_SETMASK, &fork_saved, NULL);
}

void
afile_child_done(pid_t pid)
{
	size_t	i;

	for (i = 0; pid > 0 && i < CHILDREN_MAX; i++) {
		if (children[i] == pid)
			children[i] = 0;
	}
}

/* Sync the folder of path, so that a rename in it lasts. */
static void
sync_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);	/* not every file system can: best effort */
		close(fd);
	}
	free(dir);
}

const char *
afile_tmpdir(void)
{
	const char	*tmp = getenv("TMPDIR");

	return (tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
}

FILE *
afile_scratch(const char *prefix, char **cause)
{
	char	*path;
	FILE	*f = NULL;
	int	 fd;

	path = xasprintf("%s/%s.XXXXXX", afile_tmpdir(), prefix);
	if ((fd = mkstemp(path)) == -1 || unlink(path) != 0 ||
	    (f = fdopen(fd, "w+b")) == NULL) {
		*cause = xasprintf("cannot make a temporary file in %s: %s",
		    afile_tmpdir(), strerror(errno));
		if (fd != -1)
			close(fd);
	}
	free(path);
	return (f);
}

int
afile_mkdirs(const char *dir, char **cause)
{
	char		*p, *s;
	struct stat	 sb;

	s = xstrdup(dir);
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '/') {
			*p = '\0';
			if (mkdir(s, 0777) == -1 && errno != EEXIST)
				goto fail;
			*p = '/';
			continue;
		}
		if (mkdir(s, 0777) == -1 && errno != EEXIST)
			goto fail;
		break;
	}
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		goto fail;
	}
	free(s);
	return (0);
fail:
	*cause = xasprintf("%s: cannot create folder: %s", s,
	    strerror(errno));
	free(s);
	return (MOT_EXIT_CANTCREAT);
}

/* The descriptor a name stands for, or -1: /dev/stdout, /dev/stderr. */
static int
std_stream(const char *path)
{
	if (strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/fd/1") == 0)
		return (STDOUT_FILENO);
	if (strcmp(path, "/dev/stderr") == 0 || strcmp(path, "/dev/fd/2") == 0)
		return (STDERR_FILENO);
	return (-1);
}

/* What a special file is, for a message. */
static const char *
kind_name(mode_t mode)
{
	if (S_ISDIR(mode))
		return ("a folder");
	if (S_ISBLK(mode))
		return ("a block device");
	if (S_ISSOCK(mode))
		return ("a socket");
	return ("a special file");
}

/*
 * How to write path: 0 through a temporary file and a rename (it is absent
 * or a regular file), 1 straight into *fd (a FIFO, a character device or a
 * standard stream), or -1 with *cause when it must not be replaced.
 */
static int
open_target(const char *path, int direct_ok, int *fd, char **cause)
{
	struct stat	sb, tb;
	int		std, link = 0, flags;

	if ((std = std_stream(path)) != -1 && direct_ok) {
		if (std == STDOUT_FILENO)
			fflush(stdout);
		if ((*fd = fcntl(std, F_DUPFD_CLOEXEC, 3)) == -1) {
			*cause = xasprintf("%s: cannot write: %s", path,
			    strerror(errno));
			return (-1);
		}
		return (1);
	}
	if (lstat(path, &sb) == -1 || S_ISREG(sb.st_mode))
		return (0);	/* absent, or mkstemp tells why not */
	if (S_ISLNK(sb.st_mode)) {
		if (!direct_ok || stat(path, &tb) == -1 ||
		    !(S_ISFIFO(tb.st_mode) || S_ISCHR(tb.st_mode))) {
			*cause = xasprintf("%s: is a symbolic link; mot does "
			    "not replace it (name the file it points to)",
			    path);
			return (-1);
		}
		link = 1;
		sb = tb;
	}
	if (!direct_ok || !(S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode))) {
		*cause = xasprintf("%s: is %s; mot writes only regular files%s",
		    path, S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode) ?
		    (S_ISFIFO(sb.st_mode) ? "a FIFO" : "a device") :
		    kind_name(sb.st_mode), direct_ok ? ", FIFOs and character "
		    "devices" : " here");
		return (-1);
	}
	flags = O_WRONLY | O_NOCTTY | O_CLOEXEC | (link ? 0 : O_NOFOLLOW);
	if (FAULT(FAULT_OPEN, ENOSPC) != 0 || (*fd = open(path, flags)) == -1) {
		*cause = xasprintf("%s: cannot write: %s", path,
		    strerror(errno));
		return (-1);
	}
	/* Still what lstat saw: never a file swapped in (nor truncated). */
	if (fstat(*fd, &tb) == -1 || (tb.st_mode & S_IFMT) !=
	    (sb.st_mode & S_IFMT)) {
		close(*fd);
		*cause = xasprintf("%s: changed while mot opened it", path);
		return (-1);
	}
	return (1);
}

static int
afile_open_how(struct afile *af, const char *dir, const char *name,
    int direct_ok, char **cause)
{
	sigset_t	old;
	mode_t		mask;
	int		fd, rc, err;

	memset(af, 0, sizeof *af);
	af->path = xasprintf("%s/%s", dir, name);
	if ((rc = open_target(af->path, direct_ok, &fd, cause)) == -1) {
		free(af->path);
		af->path = NULL;
		return (MOT_EXIT_CANTCREAT);
	}
	if (rc == 1)
		af->direct = 1;
	else {
		af->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
		/* Listed before a signal can come: none is forgotten. */
		cleanup_hook();
		cleanup_block(&old);
		if (FAULT(FAULT_OPEN, ENOSPC) != 0 ||
		    (fd = mkstemp(af->tmp)) == -1) {
			err = errno;
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			*cause = xasprintf("%s: cannot create: %s", af->path,
			    strerror(err));
			free(af->tmp);
			free(af->path);
			af->tmp = af->path = NULL;
			return (MOT_EXIT_CANTCREAT);
		}
		temps_add(af->tmp);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((af->f = afile_fdopen(fd)) == NULL) {
		*cause = xasprintf("%s: cannot %s: %s", af->path, af->direct ?
		    "write" : "create", strerror(errno));
		close(fd);
		afile_abort(af);
		return (MOT_EXIT_CANTCREAT);
	}
	return (0);
}

int
afile_open(struct afile *af, const char *dir, const char *name, char **cause)
{
	return (afile_open_how(af, dir, name, 1, cause));
}

int
afile_open_tmp(struct afile *af, const char *dir, const char *name,
    char **cause)
{
	return (afile_open_how(af, dir, name, 0, cause));
}

/*
 * Flush, sync and close, keeping the temporary name: a caller writing
 * several files syncs them all before it commits any, so that a full disk
 * fails the run before the first file takes its final name.
 */
int	afile_sync(struct afile *, char **);

int
afile_sync(struct afile *af, char **cause)
{
	int	err = 0, fd;

	if (af->f == NULL)
		return (0);	/* already synced */
	errno = 0;
	fd = afile_fileno(af->f);
	if (fflush(af->f) != 0 || ferror(af->f))
		err = errno != 0 ? errno : EIO;
	else if ((FAULT(FAULT_SYNC, EIO) != 0 || fsync(fd) != 0) &&
	    errno != EINVAL)
		err = errno;
	if (fclose(af->f) != 0 && err == 0)
		err = errno;
	af->f = NULL;
	if (err != 0) {
		*cause = xasprintf("%s: write error: %s", af->path,
		    strerror(err));
		afile_abort(af);
		return (MOT_EXIT_IOERR);
	}
	return (0);
}

int
afile_commit(struct afile *af, char **cause)
{
	int	rc;

	if ((rc = afile_sync(af, cause)) != 0)
		return (rc);
	if (af->direct) {
		free(af->path);
		memset(af, 0, sizeof *af);
		return (0);
	}
	if (FAULT(FAULT_RENAME, EIO) != 0 || rename(af->tmp, af->path) != 0) {
		*cause = xasprintf("%s: write error: %s", af->path,
		    strerror(errno));
		afile_abort(af);
		return (MOT_EXIT_IOERR);
	}
	temps_del(af->tmp);
	sync_dir(af->path);
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	return (0);
}

void
afile_abort(struct afile *af)
{
	if (af->f != NULL) {
		afile_fileno(af->f);	/* forget it */
		fclose(af->f);
	}
	if (af->tmp != NULL)
		unlink(af->tmp);
	temps_del(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof *af);
}

/*
 * Remove name in the folder dfd and, when it is a folder, what it holds (at
 * most RMTREE_DEPTH folders deep), never following a symbolic link. Only
 * system calls that are async-signal-safe where getdents64 exists (the
 * signal handler calls it); elsewhere readdir, outside the handler.
 */
#define RMTREE_DEPTH	16

static void
rmtree_at(int dfd, const char *name, int depth)
{
#ifdef SYS_getdents64
	struct ent {
		uint64_t	 ino;
		int64_t		 off;
		unsigned short	 reclen;
		unsigned char	 type;
		char		 name[];
	}		*e;
	union {
		char		 b[2048];
		uint64_t	 align;
	}		 buf;
	long		 n, off;
#else
	DIR		*d;
	struct dirent	*de;
	int		 dup_fd;
#endif
	const char	*nm;
	int		 fd;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return;
	if (depth >= RMTREE_DEPTH || (fd = openat(dfd, name, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return;
#ifdef SYS_getdents64
	while ((n = syscall(SYS_getdents64, fd, buf.b, sizeof buf.b)) > 0) {
		for (off = 0; off < n; off += e->reclen) {
			e = (struct ent *)(void *)(buf.b + off);
			nm = e->name;
			if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0)
				rmtree_at(fd, nm, depth + 1);
		}
	}
	close(fd);
#else
	if ((dup_fd = dup(fd)) != -1 && (d = fdopendir(dup_fd)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			nm = de->d_name;
			if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0)
				rmtree_at(fd, nm, depth + 1);
		}
		closedir(d);
	} else if (dup_fd != -1)
		close(dup_fd);
	close(fd);
#endif
	unlinkat(dfd, name, AT_REMOVEDIR);
}

/* List a temporary folder for the cleanup (signals blocked), or replace one name by another. */
static void
tempdirs_set(char *old, char *tmp)
{
	cleanup_hook();
	slot_set(tempdirs, TEMPDIRS_MAX, old, tmp);
}

int
afile_dir_check(const char *path, char **cause)
{
	struct stat	sb;

	if (lstat(path, &sb) == -1) {
		if (errno == ENOENT)
			return (0);
		*cause = xasprintf("%s: cannot replace: %s", path,
		    strerror(errno));
		return (MOT_EXIT_CANTCREAT);
	}
	if (S_ISDIR(sb.st_mode))
		return (0);
	*cause = xasprintf("%s: is %s; mot replaces only a folder there", path,
	    S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISREG(sb.st_mode) ?
	    "a file" : S_ISFIFO(sb.st_mode) ? "a FIFO" : kind_name(sb.st_mode));
	return (MOT_EXIT_CANTCREAT);
}

int
afile_dir_open(struct afile_dir *ad, const char *dir, const char *name,
    char **cause)
{
	sigset_t	old;
	int		rc, err;

	memset(ad, 0, sizeof *ad);
	ad->path = xasprintf("%s/%s", dir, name);
	if ((rc = afile_dir_check(ad->path, cause)) != 0) {
		free(ad->path);
		ad->path = NULL;
		return (rc);
	}
	ad->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	cleanup_hook();
	cleanup_block(&old);
	if (FAULT(FAULT_OPEN, ENOSPC) != 0 || mkdtemp(ad->tmp) == NULL) {
		err = errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*cause = xasprintf("%s: cannot create: %s", ad->path,
		    strerror(err));
		free(ad->tmp);
		free(ad->path);
		memset(ad, 0, sizeof *ad);
		return (MOT_EXIT_CANTCREAT);
	}
	tempdirs_set(NULL, ad->tmp);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (0);
}

/*
 * Put from in place of to, which may be absent or a folder; the old one (if
 * any) is then at *aside (listed for the cleanup, as from was), else *aside
 * is NULL. Called with the cleanup signals blocked. 0, or -1 with errno.
 */
static int
dir_swap(char *from, const char *to, char **aside)
{
	const char	*slash;
	char		*tmp;
	int		 err;

	*aside = NULL;
	if (FAULT(FAULT_RENAME, EIO) != 0)
		return (-1);
#if defined(HAVE_RENAMEAT2) && defined(RENAME_EXCHANGE)
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0) {
		*aside = from;	/* the old folder now has the temporary name */
		return (0);
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOENT &&
	    errno != ENOTSUP)
		return (-1);
#endif
	/* No exchange: rename the old one over an empty folder, then the new one. */
	slash = strrchr(from, '/');
	tmp = slash == NULL ? xstrdup(".old.XXXXXX") :
	    xasprintf("%.*s/.old.XXXXXX", (int)(slash - from), from);
	if (mkdtemp(tmp) == NULL) {
		free(tmp);
		return (-1);
	}
	if (rename(to, tmp) != 0) {
		err = errno;
		rmdir(tmp);
		free(tmp);
		if (err != ENOENT) {
			errno = err;
			return (-1);
		}
		tmp = NULL;
	}
	if (rename(from, to) != 0) {
		err = errno;
		if (tmp != NULL) {
			rename(tmp, to);
			rmdir(tmp);
			free(tmp);
		}
		errno = err;
		return (-1);
	}
	tempdirs_set(from, tmp);
	free(from);
	*aside = tmp;
	return (0);
}

int
afile_dir_commit(struct afile_dir *ad, char **cause)
{
	sigset_t	 old;
	char		*aside;
	int		 err;

	if (ad->tmp == NULL)
		return (0);
	cleanup_block(&old);
	if (dir_swap(ad->tmp, ad->path, &aside) != 0) {
		err = errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*cause = xasprintf("%s: cannot replace: %s", ad->path,
		    strerror(err));
		afile_dir_abort(ad);
		return (MOT_EXIT_IOERR);
	}
	ad->tmp = aside;	/* dir_swap kept or freed the old name */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sync_dir(ad->path);
	/* The previous folder, now apart, goes with what it holds. */
	afile_dir_abort(ad);
	return (0);
}

void
afile_dir_abort(struct afile_dir *ad)
{
	sigset_t	old;

	if (ad->tmp != NULL) {
		rmtree_at(AT_FDCWD, ad->tmp, 0);
		cleanup_block(&old);
		tempdirs_set(ad->tmp, NULL);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		free(ad->tmp);
	}
	free(ad->path);
	memset(ad, 0, sizeof *ad);
}

int
afile_dir_remove(const char *dir, const char *name, char **cause)
{
	struct afile_dir	ad;
	struct stat		sb;
	sigset_t		old;
	int			rc;

	memset(&ad, 0, sizeof ad);
	ad.path = xasprintf("%s/%s", dir, name);
	if ((rc = afile_dir_check(ad.path, cause)) != 0 ||
	    lstat(ad.path, &sb) == -1) {
		free(ad.path);
		return (rc);
	}
	/* Out of the way first: the name never holds half a folder. */
	ad.tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	cleanup_block(&old);
	if (mkdtemp(ad.tmp) == NULL) {
		free(ad.tmp);
		ad.tmp = NULL;
	} else
		tempdirs_set(NULL, ad.tmp);
	if (ad.tmp == NULL || rename(ad.path, ad.tmp) != 0) {
		*cause = xasprintf("%s: cannot remove: %s", ad.path,
		    strerror(errno));
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		afile_dir_abort(&ad);
		return (MOT_EXIT_CANTCREAT);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sync_dir(ad.path);
	afile_dir_abort(&ad);
	return (0);
}
