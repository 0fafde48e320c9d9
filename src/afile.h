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

/* The folder temporary files go in: $TMPDIR, else /tmp. */
const char *afile_tmpdir(void);
/* A scratch file in afile_tmpdir(), open for reading and writing, its name already removed; NULL with *cause. */
FILE	*afile_scratch(const char *, char **);
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

/* A folder built whole apart (dir/.NAME.XXXXXX), then swapped in for dir/NAME. */
struct afile_dir {
	char	*path;		/* final name */
	char	*tmp;		/* the folder being built, NULL once committed */
};

/* 0 when path is absent or a folder (not a link to one), else 73 with *cause. */
int	afile_dir_check(const char *, char **);
/*
 * Make the temporary folder for dir/name (which must be absent or a
 * folder), removed with what it holds if mot exits or dies of a signal
 * before it is committed; 0, or an exit code with *cause.
 */
int	afile_dir_open(struct afile_dir *, const char *, const char *, char **);
/*
 * Replace dir/name whole with the temporary folder (renameat2
 * RENAME_EXCHANGE, else two renames with the signals blocked), then
 * remove the previous folder; 0, or an exit code with *cause (the
 * previous folder is then intact and the temporary one removed).
 */
int	afile_dir_commit(struct afile_dir *, char **);
/* Remove the temporary folder and what it holds; nothing when committed. */
void	afile_dir_abort(struct afile_dir *);
/* Remove the folder dir/name and what it holds, if it is there; 0, or an exit code with *cause. */
int	afile_dir_remove(const char *, const char *, char **);

#endif
