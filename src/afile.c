/*
 * afile.c - output written atomically: each report goes to a temporary file
 * in its target folder, is flushed and synced, and only then renamed over
 * the final name. A failed or killed run leaves the previous report intact.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "exitcode.h"
#include "xmalloc.h"

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
	if ((fd = mkstemp(af->tmp)) == -1) {
		*cause = xasprintf("%s: cannot create: %s", af->path,
		    strerror(errno));
		free(af->tmp);
		af->tmp = NULL;
		return (MOT_EXIT_CANTCREAT);
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((af->f = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: cannot create: %s", af->path,
		    strerror(errno));
		close(fd);
		afile_abort(af);
		return (MOT_EXIT_CANTCREAT);
	}
	return (0);
}

int
afile_commit(struct afile *af, char **cause)
{
	int	err = 0;

	if (fflush(af->f) != 0 || ferror(af->f))
		err = errno != 0 ? errno : EIO;
	else if (fsync(fileno(af->f)) != 0 && errno != EINVAL)
		err = errno;
	if (fclose(af->f) != 0 && err == 0)
		err = errno;
	af->f = NULL;
	if (err == 0 && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err != 0) {
		*cause = xasprintf("%s: write error: %s", af->path,
		    strerror(err));
		afile_abort(af);
		return (MOT_EXIT_IOERR);
	}
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	return (0);
}

void
afile_abort(struct afile *af)
{
	if (af->f != NULL)
		fclose(af->f);
	if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof *af);
}
