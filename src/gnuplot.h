/* gnuplot.h - running gnuplot safely (no shell) and quoting text for its scripts. */
#ifndef MOT_GNUPLOT_H
#define MOT_GNUPLOT_H

#include <stdio.h>
#include <sys/types.h>

/* Longest label, in characters, that a chart shows before cutting it short. */
#define GP_LABEL_MAX	48

/* One gnuplot process drawing one script in one format. */
struct gp_proc {
	pid_t	 pid;
	int	 errpipe;	/* exec failure reported by the child, or -1 */
	FILE	*err;		/* its standard error, kept in a temporary file */
	char	*script;
	char	*fmt;
};

/* The gnuplot to run: the --gnuplot argument, else $MOT_GNUPLOT, else "gnuplot" on PATH. */
const char *gp_program(const char *);
/*
 * Start gnuplot -d -e 'fmt="FMT"; MORE' SCRIPT in folder dir (MORE: more
 * assignments of mot's own, such as out="NAME", or NULL), its standard
 * output on ours when to_stdout (the dumb terminal), else discarded.
 * env is a NULL-terminated list of NAME=VALUE to set in the child. 0, or -1
 * with *cause.
 */
int	gp_spawn(struct gp_proc *, const char *, const char *, const char *,
	    const char *, const char *, int, char *const *, char **);
/*
 * Wait for a process: 0 when it drew, else -1 with *cause. When gnuplot
 * could not be run at all, *missing is set and *cause is only the reason.
 */
int	gp_wait(struct gp_proc *, int *, char **);
/*
 * Write s as a gnuplot double-quoted string that cannot inject commands, at
 * most max characters (0: no limit); for a tic label (tic set), also double
 * every % since gnuplot reads tic labels as formats.
 */
void	gp_string(FILE *, const char *, size_t, int);
/* Write s as a field of a tab-separated data file: tabs, line breaks and other control bytes become spaces. */
void	gp_datfield(FILE *, const char *);
/* Write a number for a data file ("NaN" when it does not exist). */
void	gp_num(FILE *, double);

#endif
