/* afile.h - output files, written atomically (temp file, rename), or into a FIFO or device. */
#ifndef MOT_AFILE_H
#define MOT_AFILE_H

#include <stdio.h>
#include <sys/types.h>

struct afile {
	char	*path;		/* final name */
	char	*tmp;		/* temporary name, NULL once committed */
	FILE	*f;
	int	 direct;	/* written straight into a FIFO or device */
};

/* Make a folder and its parents; 0, or an exit code with *cause. */
int	afile_mkdirs(const char *, char **);
/*
 * Open dir/name for writing: a temporary file that will become it when it
 * is absent or a regular file; the thing itself when it is a FIFO, a
 * character device, /dev/stdout or /dev/stderr (or a symbolic link to a
 * FIFO or device). Refuses (73) to replace any other symbolic link or
 * special file. 0, or an exit code with *cause.
 */
int	afile_open(struct afile *, const char *, const char *, char **);
/* The same for a file another program writes by name (af->tmp): no FIFO or device. */
int	afile_open_tmp(struct afile *, const char *, const char *, char **);
/* Flush and sync, so that a later commit only renames; 0, or an exit code with *cause. */
int	afile_sync(struct afile *, char **);
/* Flush, sync and rename into place; 0, or an exit code with *cause. */
int	afile_commit(struct afile *, char **);
/* Remove the temporary file, leaving any previous file untouched. */
void	afile_abort(struct afile *);
/*
 * Children that must not outlive mot: between afile_fork_begin and
 * afile_fork_end (in the parent, with the new pid, or -1 when fork failed)
 * the signals mot cleans up on are blocked; the child calls
 * afile_fork_child, which gives it the default signal handlers and, when
 * afile_fork_begin was told so, a process group of its own. A signal then
 * ends every such child (and its group) and waits for it before the
 * temporary files are removed.
 */
void	afile_fork_begin(int);
void	afile_fork_end(pid_t);
void	afile_fork_child(void);
/* Forget a child that has ended, before it is reaped (waitid WNOWAIT). */
void	afile_child_done(pid_t);

#endif
