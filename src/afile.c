/*
 * afile.c - output written atomically: each report goes to a temporary file
 * in its target folder, is flushed and synced, and only then renamed over
 * the final name, and the folder is synced. A failed or killed run leaves
 * the previous report intact (only kill -9 may leave a .NAME.XXXXXX
 * temporary file, never a partial NAME). A FIFO, a character device or
 * /dev/stdout is written into instead; any other symbolic link or special
 * file is refused, never replaced. On a signal, the children mot started
 * (gnuplot) are ended and the temporary files removed before it dies.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
 * handler only reads these tables and calls kill, waitpid, unlink and
 * raise, all async-signal-safe. Only this file frees the names it lists.
 */
#define TEMPS_MAX	256
#define CHILDREN_MAX	64
static char *volatile		temps[TEMPS_MAX];
static volatile pid_t		children[CHILDREN_MAX];
static const int		cleanup_sigs[] = { SIGHUP, SIGINT, SIGTERM,
				    SIGPIPE };
#define NSIGS	(sizeof cleanup_sigs / sizeof cleanup_sigs[0])
static sigset_t			fork_saved;
static int			fork_group;

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

static void
temps_add(char *tmp)
{
	size_t	i;

	cleanup_hook();
	for (i = 0; i < TEMPS_MAX; i++) {
		if (temps[i] == NULL) {
			temps[i] = tmp;
			return;
		}
	}
}

static void
temps_del(const char *tmp)
{
	size_t	i;

	for (i = 0; tmp != NULL && i < TEMPS_MAX; i++) {
		if (temps[i] == tmp) {
			temps[i] = NULL;
			return;
		}
	}
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
