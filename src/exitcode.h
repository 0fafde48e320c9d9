/* exitcode.h - the documented exit codes of mot (sysexits-style). */
#ifndef MOT_EXITCODE_H
#define MOT_EXITCODE_H

enum mot_exit {
	MOT_EXIT_OK = 0,		/* success */
	MOT_EXIT_FAIL = 1,		/* a check failed (mot check) */
	MOT_EXIT_USAGE = 64,		/* bad command line */
	MOT_EXIT_DATAERR = 65,		/* bad input data */
	MOT_EXIT_NOINPUT = 66,		/* an input file cannot be opened */
	MOT_EXIT_UNAVAILABLE = 69,	/* a helper program (gnuplot) is missing */
	MOT_EXIT_SOFTWARE = 70,		/* internal error, out of memory; gnuplot failed */
	MOT_EXIT_CANTCREAT = 73,	/* an output file cannot be created */
	MOT_EXIT_IOERR = 74,		/* a read or write failed */
	MOT_EXIT_CONFIG = 78		/* bad expectations file */
};

#endif
