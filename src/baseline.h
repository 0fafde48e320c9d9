/* baseline.h - a previous run's report.json, read back as the baseline of mot check. */
#ifndef MOT_BASELINE_H
#define MOT_BASELINE_H

#include <stddef.h>

#include "check.h"

struct json_object;

struct baseline {
	char			*path;
	const char		*hash;		/* expectations.hash, or NULL */
	const char		*exp_path;	/* expectations.path, or NULL */
	struct check_moment	*moments;	/* in the file's order */
	size_t			 n;
	struct json_object	*root;		/* owns the strings above */
};

/* Read a mot report.json; 0, or MOT_EXIT_NOINPUT, _IOERR or _DATAERR with *cause. */
int	baseline_load(const char *, struct baseline *, char **);
/* NULL if every token of a JSON text is in RFC 8259's form and range; else why, at *offset. */
const char *baseline_strict(const char *, size_t, size_t *);
/* The string under key of a JSON object, or NULL (also for another type). */
const char *baseline_string(struct json_object *, const char *);
/* Free a baseline. */
void	baseline_free(struct baseline *);

#endif
