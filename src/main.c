/* main.c - mot's entry point: picks the command, and makes a failed write to stdout fail the run. */
#include <config.h>

#include <errno.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exitcode.h"
#include "log.h"
#include "opts.h"
#include "xmalloc.h"

static const struct cmd_entry *const commands[] = {
	&cmd_analyze_entry,
	&cmd_check_entry,
	&cmd_inspect_entry,
	&cmd_merge_entry,
	&cmd_split_entry,
	&cmd_validate_entry,
	NULL
};

static void
usage(FILE *f)
{
	const struct cmd_entry *const	*c;

	/* GNU's "Usage:" and "  or:" lines: one synopsis each in the man page. */
	for (c = commands; *c != NULL; c++)
		fprintf(f, "%s mot %s\n", c == commands ? "Usage:" : "  or: ",
		    (*c)->usage);
	fprintf(f, "analyze scores journeys (mot's format, XES event logs or "
	    "CSV),\ncheck gates a CI pipeline, inspect says what files hold, "
	    "merge\ncombines saved states, split cuts a file into files of "
	    "whole\njourneys and validate checks files; mot COMMAND --help "
	    "says\nwhat one takes.\n\n"
	    "  -h, --help     show this help and exit\n"
	    "  -V, --version  show the version and exit\n");
}

static void
help(void)
{
	const struct cmd_entry *const	*c;

	usage(stdout);
	for (c = commands; *c != NULL; c++) {
		printf("\nmot %s:\n%s\n", (*c)->name, (*c)->help);
		opts_help(*c);
	}
	printf("\nExit status:\n"
	    "  0   success (rejected journeys are counted, not fatal)\n"
	    "  1   a check failed\n"
	    "  64  bad command line\n"
	    "  65  bad input data (not well-formed XML, a rejected journey "
	    "with --strict,\n"
	    "      no journey accepted, a check baseline that is not a mot\n"
	    "      report.json)\n"
	    "  66  an input file cannot be opened\n"
	    "  69  a helper program (gnuplot) is missing\n"
	    "  70  internal error or out of memory; gnuplot failed or crashed\n"
	    "  73  an output file or folder cannot be created (or is a link\n"
	    "      or special file that mot does not replace)\n"
	    "  74  a read or write failed\n"
	    "  78  bad expectations file\n"
	    "\nReport bugs to the mot issue tracker.\n");
}

/* Close stdout and make a failed write (full disk, closed pipe) fail the run. */
static int
close_stdout(int rc)
{
	int	err;

	if (fflush(stdout) != 0 || ferror(stdout)) {
		err = errno;
		fclose(stdout);
		errorf("write error: %s", strerror(err != 0 ? err : EIO));
		return (rc != 0 ? rc : MOT_EXIT_IOERR);
	}
	if (fclose(stdout) != 0) {
		errorf("write error: %s", strerror(errno));
		return (rc != 0 ? rc : MOT_EXIT_IOERR);
	}
	return (rc);
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *const	*c;
	int				 rc;

	log_init("mot");
#if defined(HAVE_MALLOPT) && defined(M_ARENA_MAX)
	/*
	 * One malloc arena for every reader (-j): what a reader's aggregates
	 * free when merged serves the merged ones, so a breakdown over a
	 * million values takes as much memory with -j 2 as with -j 1 (with
	 * an arena per thread it took twice as much). Small allocations stay
	 * per thread in glibc's caches: reading is as fast.
	 */
	mallopt(M_ARENA_MAX, 1);
#endif
	if (argc < 2) {
		usage(stderr);
		return (MOT_EXIT_USAGE);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		help();
		return (close_stdout(0));
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("mot %s\n", PACKAGE_VERSION);
		return (close_stdout(0));
	}
	for (c = commands; *c != NULL; c++) {
		if (strcmp(argv[1], (*c)->name) == 0) {
			argv[1] = xasprintf("mot %s", (*c)->name);
			rc = (*c)->exec(argc - 1, argv + 1);
			free(argv[1]);
			return (close_stdout(rc));
		}
	}
	errorf("unknown command \"%s\"", argv[1]);
	fprintf(stderr, "Try 'mot --help' for more information.\n");
	return (MOT_EXIT_USAGE);
}
