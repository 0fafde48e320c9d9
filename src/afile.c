/*
 * afile.c - output written atomically: each report goes to a temporary file
 * in its target folder, is flushed and synced, and only then renamed over
 * the final name, and the folder is synced. A failed or killed run leaves
 * the previous report intact (a killed one may leave a .NAME.XXXXXX
 * temporary file, never a partial NAME).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
 * Temporary files not yet committed or aborted, removed when mot exits
 * (out of memory included) or dies of a signal it can catch: only
 * kill -9 leaves one behind. Only this file frees the names it lists.
 */
#define TEMPS_MAX	256
static char *volatile	temps[TEMPS_MAX];

static void
temps_remove(void)
{
	size_t	i;

	for (i = 0; i < TEMPS_MAX; i++) {
		if (temps[i] != NULL)
			unlink(temps[i]);
	}
}

static void
temps_signal(int sig)
{
	temps_remove();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
temps_add(char *tmp)
{
	static const int	 sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };
	static int		 hooked;
	struct sigaction	 sa, old;
	size_t			 i;

	if (!hooked) {
		hooked = 1;
		atexit(temps_remove);
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = temps_signal;
		sigemptyset(&sa.sa_mask);
		for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
			if (sigaction(sigs[i], NULL, &old) == 0 &&
			    old.sa_handler == SIG_DFL)
				sigaction(sigs[i], &sa, NULL);
		}
	}
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

int
afile_open(struct afile *af, const char *dir, const char *name, char **cause)
{
	mode_t	mask;
	int	fd;

	memset(af, 0, sizeof *af);
	af->path = xasprintf("%s/%s", dir, name);
	af->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	if (FAULT(FAULT_OPEN, ENOSPC) != 0 || (fd = mkstemp(af->tmp)) == -1) {
		*cause = xasprintf("%s: cannot create: %s", af->path,
		    strerror(errno));
		free(af->tmp);
		free(af->path);
		af->tmp = af->path = NULL;
		return (MOT_EXIT_CANTCREAT);
	}
	temps_add(af->tmp);
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((af->f = afile_fdopen(fd)) == NULL) {
		*cause = xasprintf("%s: cannot create: %s", af->path,
		    strerror(errno));
		close(fd);
		afile_abort(af);
		return (MOT_EXIT_CANTCREAT);
	}
	return (0);
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
