/* opts.h - the options of every command: one table drives their parsing, checking, defaults and --help. */
#ifndef MOT_OPTS_H
#define MOT_OPTS_H

#include <stddef.h>
#include <stdint.h>

struct cmd_entry;
struct run_opts;

/* Every option of every command; a command lists those it takes. */
enum opt_id {
	OPT_EXPECTATIONS,
	OPT_OUTPUT,
	OPT_BY,
	OPT_FORMAT,
	OPT_CHARTS,
	OPT_GNUPLOT,
	OPT_ASSUME_ZONE,
	OPT_CLASSIFIER,
	OPT_STRICT,
	OPT_AS_OF,
	OPT_JOBS,
	OPT_SAVE_STATE,
	OPT_ALLOW_OVERLAP,
	OPT_BASELINE,
	OPT_JUNIT,
	OPT_JSON,
	OPT_TAP,
	OPT_WINDOW,
	OPT_MIN_OCCURRENCES,
	OPT_ALPHA,
	OPT_MIN_CHANGE,
	OPT_MAX_P90_INCREASE,
	OPT_STRICT_OBJECTIVES,
	OPT_FAIL_ON_WARNING,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_BURN_RATE,
	OPT_BURN_THRESHOLD,
	OPT_ALLOW_MISSING,
	OPT_HISTORY,
	OPT_TITLE,
	OPT_FORMAT_IN,
	OPT_MEMORY,
	OPT_JSON_OUT,
	OPT_ALL,
	OPT_SHARDS,
	OPT_NIDS
};

/* What an option's argument is, and so how it is read. */
enum opt_type {
	OPT_FLAG,		/* no argument */
	OPT_TEXT,		/* any text */
	OPT_NONEMPTY,		/* any text but the empty one */
	OPT_COUNT,		/* a whole number in [min, max] (num_int) */
	OPT_REAL,		/* a number in [min, max], then nothing or unit (num_double), times scale */
	OPT_TIME,		/* ISO 8601 with an offset, or now (cmd_as_of) */
	OPT_SIZE		/* bytes in [min, max]: digits, then nothing or K, M, G, T (num_size) */
};

struct opt_def {
	enum opt_id	 id;
	const char	*name;		/* the long name, without "--" */
	int		 letter;	/* the short option, or 0 */
	enum opt_type	 type;
	const char	*arg;		/* its argument in --help ("FILE") */
	double		 min, max;	/* OPT_COUNT, OPT_REAL: the range */
	int		 open;		/* OPT_REAL: min and max themselves are refused */
	const char	*unit;		/* OPT_REAL: a suffix that may follow ("%") */
	double		 scale;		/* OPT_REAL: the value is what was typed times this */
	double		 dflt;		/* OPT_COUNT, OPT_REAL: when not given (as typed) */
	const char	*want;		/* the message when refused: "--x needs WANT, not ..." */
	const char	*help;		/* --help, lines split by \n; OPT_COUNT and OPT_REAL get " (dflt)" */
};

/* An option a command takes, with its own help when the table's does not fit. */
struct cmd_opt {
	enum opt_id	 id;
	const char	*help;		/* NULL: the table's */
};
#define CMD_OPT_END	{ OPT_NIDS, NULL }

struct opt_value {
	int		 given;
	const char	*text;		/* the argument as typed */
	int64_t		 count;		/* OPT_COUNT, and OPT_TIME's time */
	double		 real;		/* OPT_REAL, scaled */
};

struct opts {
	struct opt_value v[OPT_NIDS];
	char		**operands;	/* argv after the options */
	size_t		  noperands;
};

/* The table's entry of an option. */
const struct opt_def *opts_def(enum opt_id);
/* Parse a command's options into o (defaults set); 0, MOT_EXIT_USAGE after saying why, or -1 after printing --help. */
int	opts_parse(const struct cmd_entry *, int, char **, struct opts *);
/* Whether an option was given. */
int	opts_given(const struct opts *, enum opt_id);
/* An option's text, or NULL when not given. */
const char *opts_text(const struct opts *, enum opt_id);
/* An OPT_COUNT's value (its default when not given). */
int64_t	opts_count(const struct opts *, enum opt_id);
/* An OPT_REAL's value, scaled (its default when not given). */
double	opts_real(const struct opts *, enum opt_id);
/* Apply -q and -v to the log level. */
void	opts_log(const struct opts *);
/* Fill the run options the command was given (-e required); 0, or MOT_EXIT_USAGE after saying why. */
int	opts_run(const struct cmd_entry *, const struct opts *, struct run_opts *);
/* --format-in as READ_IN_*; 0, or MOT_EXIT_USAGE after saying why. */
int	opts_format_in(const struct cmd_entry *, const struct opts *, int *);
/* The operands as input files, at least one, checked and sorted (allocated); 0, or MOT_EXIT_USAGE after saying why. */
int	opts_inputs(const struct cmd_entry *, const struct opts *, char ***,
	    size_t *);
/* Print a command's options, from the table, for --help. */
void	opts_help(const struct cmd_entry *);

#endif
