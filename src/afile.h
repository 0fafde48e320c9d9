/* afile.h - output files written atomically: a temp file in the target folder, then rename. */
#ifndef MOT_AFILE_H
#define MOT_AFILE_H

#include <stdio.h>

struct afile {
	char	*path;		/* final name */
	char	*tmp;		/* temporary name, NULL once committed */
	FILE	*f;
};

/* Make a folder and its parents; 0, or an exit code with *cause. */
int	afile_mkdirs(const char *, char **);
/* Open a temporary file that will become dir/name; 0, or an exit code with *cause. */
int	afile_open(struct afile *, const char *, const char *, char **);
/* Flush and sync, so that a later commit only renames; 0, or an exit code with *cause. */
int	afile_sync(struct afile *, char **);
/* Flush, sync and rename into place; 0, or an exit code with *cause. */
int	afile_commit(struct afile *, char **);
/* Remove the temporary file, leaving any previous file untouched. */
void	afile_abort(struct afile *);

#endif
