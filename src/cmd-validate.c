/*
 * cmd-validate.c - mot validate: check journeys and expectations files and
 * report every problem with file:line, as errors (what analyze would reject
 * or refuse) and warnings (what analyze would ignore).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "cmd.h"
#include "exitcode.h"
#include "expect.h"
#include "fmt.h"
#include "log.h"
#include "opts.h"
#include "read.h"
#include "run.h"
#include "tz.h"
#include "xmalloc.h"

struct vstate {
	uint64_t	errors;
	uint64_t	warnings;
	uint64_t	rejected;
	struct agg	*agg;		/* -e: the names the journeys have */
};

static void
on_problem(void *arg, const char *file, unsigned long line, unsigned col,
    int error, const char *msg)
{
	struct vstate	*vs = arg;

	if (error)
		vs->errors++;
	else
		vs->warnings++;
	text_put(stdout, file);
	if (line > 0)
		printf(":%lu", line);
	if (line > 0 && col > 0)
		printf(":%u", col);
	printf(": %s: ", error ? "error" : "warning");
	text_put(stdout, msg);
	putchar('\n');
}

/* A problem of an expectations file: a line, no column. */
static void
on_expect_problem(void *arg, const char *file, unsigned long line, int error,
    const char *msg)
{
	on_problem(arg, file, line, 0, error, msg);
}

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	struct vstate	*vs = arg;

	if (j->reject != NULL)
		vs->rejected++;
	else if (vs->agg != NULL)
		agg_journey(vs->agg, j, NULL, 0);
	return (0);
}

static const struct cmd_opt validate_opts[] = {
	{ OPT_ASSUME_ZONE, "zone of times written without an offset" },
	{ OPT_QUIET, "print problems only, not the ok lines" },
	{ OPT_HELP, NULL },
	{ OPT_EXPECTATIONS, "cross-check its touchpoint names with the\n"
	    "journeys of every FILE (and read CSV files\nby its <csv> mapping)" },
	{ OPT_FORMAT_IN, NULL },
	{ OPT_MEMORY, NULL },
	CMD_OPT_END
};

/*
 * -e: the touchpoint names the expectations use that no journey of any
 * file has, with the closest names the journeys have; 78 when there is one.
 */
static int
cross_check(const struct expectations *e, struct agg *a, int quiet)
{
	char	**msg;
	size_t	  i, n;

	if (a->journeys_read == a->journeys_rejected) {
		if (!quiet) {
			text_put(stdout, e->path);
			printf(": no journey accepted: its touchpoint names "
			    "not checked\n");
		}
		return (0);
	}
	msg = run_missing(e, a, "error: ", &n);
	for (i = 0; i < n; i++) {
		text_put(stdout, msg[i]);
		putchar('\n');
	}
	xfree_strings(msg, n);
	if (n == 0 && !quiet) {
		text_put(stdout, e->path);
		printf(": ok: every touchpoint it names is in the journeys\n");
	}
	return (n > 0 ? MOT_EXIT_CONFIG : 0);
}

static int
cmd_validate(int argc, char **argv)
{
	const struct cmd_entry	*c = &cmd_validate_entry;
	struct read_opts	 ro;
	struct read_stats	 st;
	struct vstate		 vs;
	struct tz		*zone = NULL;
	struct expectations	*e = NULL;
	struct agg		 agg;
	struct opts		 opts;
	const char		*path, *zname, *epath;
	char			*cause = NULL, root[64];
	int			 rc = 0, frc, errors, quiet, format_in;
	size_t			 i;

	if ((rc = opts_parse(c, argc, argv, &opts)) != 0)
		return (rc == -1 ? 0 : rc);
	if ((rc = opts_format_in(c, &opts, &format_in)) != 0)
		return (rc);
	zname = opts_text(&opts, OPT_ASSUME_ZONE);
	quiet = opts_given(&opts, OPT_QUIET);
	if (opts.noperands == 0)
		return (cmd_usage_error(c, "no file to validate"));
	if (zname != NULL && (zone = tz_load(zname, &cause)) == NULL) {
		errorf("%s", cause);
		free(cause);
		return (MOT_EXIT_USAGE);
	}
	if ((epath = opts_text(&opts, OPT_EXPECTATIONS)) != NULL) {
		if ((rc = expect_load(epath, &e, &cause)) != 0) {
			text_put(stdout, cause);
			putchar('\n');
			free(cause);
			tz_free(zone);
			return (rc);
		}
		agg_init(&agg, e, NULL);
	}
	for (i = 0; i < opts.noperands; i++) {
		path = opts.operands[i];
		memset(&vs, 0, sizeof vs);
		vs.agg = e != NULL ? &agg : NULL;
		frc = 0;
		root[0] = '\0';
		memset(&ro, 0, sizeof ro);
		ro.format_in = format_in;
		if (e != NULL)
			ro.ocel = e->ocel;
		/* Only XML files say by their root what they are. */
		if (strcmp(path, "-") != 0 && !read_is_csv(path, &ro) &&
		    !read_is_ocel_json(path, &ro) &&
		    !read_is_ocel_sqlite(path, &ro))
			frc = xmlin_root(path, root, sizeof root, &cause);
		if (frc == 0 && strcmp(root, "expectations") == 0) {
			frc = expect_check(path, on_expect_problem, &vs, &errors,
			    &cause);
			if (frc == 0 && errors > 0)
				frc = MOT_EXIT_CONFIG;
		} else if (frc == 0) {
			ro.zone = zone;
			ro.memory = (size_t)opts_count(&opts, OPT_MEMORY);
			ro.problem = on_problem;
			ro.arg = &vs;
			if (e != NULL) {
				ro.names = &e->names;
				ro.classifier = e->classifier;
				ro.csv = e->csv;
				ro.ocel = e->ocel;
			}
			frc = read_file(path, &ro, on_journey, &st, &cause);
			if (frc == 0 && vs.errors > 0)
				frc = MOT_EXIT_DATAERR;
			if (frc == 0 && !quiet) {
				text_put(stdout, strcmp(path, "-") == 0 ?
				    "(stdin)" : path);
				printf(": ok: %llu journeys, %llu "
				    "touchpoints%s\n",
				    (unsigned long long)st.journeys,
				    (unsigned long long)st.touchpoints,
				    vs.warnings > 0 ? " (with warnings)" : "");
			} else if (vs.rejected > 0) {
				text_put(stdout, path);
				printf(": %llu of %llu journeys would be "
				    "rejected\n",
				    (unsigned long long)vs.rejected,
				    (unsigned long long)st.journeys);
			}
		}
		if (cause != NULL) {
			text_put(stdout, cause);
			putchar('\n');
			free(cause);
			cause = NULL;
		}
		if (frc == 0 && !quiet && strcmp(root, "expectations") == 0) {
			text_put(stdout, path);
			printf(": ok: expectations%s\n",
			    vs.warnings > 0 ? " (with warnings)" : "");
		}
		if (frc != 0 && (rc == 0 || frc == MOT_EXIT_NOINPUT ||
		    (frc == MOT_EXIT_DATAERR && rc == MOT_EXIT_CONFIG)))
			rc = frc;
	}
	if (e != NULL) {
		frc = cross_check(e, &agg, quiet);
		if (rc == 0)
			rc = frc;
		agg_free(&agg);
		expect_free(e);
	}
	tz_free(zone);
	return (rc);
}

const struct cmd_entry cmd_validate_entry = {
	"validate", cmd_validate,
	"validate [--assume-zone ZONE] [-e EXPECTATIONS] FILE...",
	"Check journeys and expectations files (told apart by their root\n"
	"element) and report every problem as FILE:LINE: error|warning: ...\n"
	"on standard output. Errors are what analyze would reject or refuse;\n"
	"warnings are what it would ignore. With -e, once every file is read,\n"
	"each touchpoint name the expectations use that no journey of any\n"
	"FILE has is an error, with the closest names the journeys have.\n"
	"Exit status: 0 ok, 65 bad journeys, 66 a file cannot be opened,\n"
	"78 a bad expectations file, or with -e a touchpoint name no journey\n"
	"has.\n",
	validate_opts
};
