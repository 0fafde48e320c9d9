/* cmd.h - the commands of mot: one cmd-*.c file each. */
#ifndef MOT_CMD_H
#define MOT_CMD_H

#include <stdint.h>

struct option;
struct cmd_opt;

struct cmd_entry {
	const char		*name;
	int			(*exec)(int, char **);
	const char		*usage;		/* one line */
	const char		*help;		/* what it does, for --help */
	const struct cmd_opt	*opts;		/* the options it takes (opts.c) */
};

extern const struct cmd_entry cmd_analyze_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_inspect_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_split_entry;
extern const struct cmd_entry cmd_validate_entry;

/* Print "Try 'mot CMD --help'" after a usage error and return MOT_EXIT_USAGE. */
int	cmd_usage_error(const struct cmd_entry *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Parse --as-of's argument into *t (now: the current time); 0, or MOT_EXIT_USAGE after saying why. */
int	cmd_as_of(const struct cmd_entry *, const char *, int64_t *);
/* getopt_long, its errors said by errorf (the argument escaped): '?' then. */
int	cmd_getopt(const struct cmd_entry *, int, char **, const char *,
	    const struct option *);
/* Print a command's usage, what it does and its options to stdout. */
void	cmd_help(const struct cmd_entry *);

#endif
