/*
 * check_opts.c - tests for opts.c: the one option table, and the parser
 * every command shares (values, defaults, refusals, operands, --help).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "cmd.h"
#include "exitcode.h"
#include "log.h"
#include "opts.h"
#include "run.h"
#include "xmalloc.h"

static const struct cmd_opt test_opts[] = {
	{ OPT_EXPECTATIONS, NULL },
	{ OPT_JOBS, NULL },
	{ OPT_ALPHA, NULL },
	{ OPT_MIN_CHANGE, NULL },
	{ OPT_MIN_OCCURRENCES, NULL },
	{ OPT_BY, NULL },
	{ OPT_TAP, NULL },
	{ OPT_AS_OF, NULL },
	{ OPT_QUIET, "its own help" },
	{ OPT_HELP, NULL },
	CMD_OPT_END
};

static const struct cmd_entry test_cmd = {
	"test", NULL, "test [-e FILE] FILE...", "A command for the tests.\n",
	test_opts
};

/* The arguments of the last parse: the operands point into them. */
static char	*args[16];

/* Parse a NULL-terminated argument list (the command's name first). */
static int
parse(struct opts *o, const char *const *argv)
{
	int	argc;

	for (argc = 0; args[argc] != NULL; argc++) {
		free(args[argc]);
		args[argc] = NULL;
	}
	for (argc = 0; argv[argc] != NULL && argc < 15; argc++)
		args[argc] = xstrdup(argv[argc]);
	return (opts_parse(&test_cmd, argc, args, o));
}

START_TEST(test_table)
{
	const struct opt_def	*d, *e;
	int			 i, k;

	for (i = 0; i < OPT_NIDS; i++) {
		d = opts_def((enum opt_id)i);
		ck_assert_int_eq(d->id, i);
		ck_assert_ptr_nonnull(d->help);
		ck_assert_msg((d->type == OPT_FLAG) == (d->arg == NULL),
		    "--%s: an argument name exactly when it takes one",
		    d->name);
		if (d->type == OPT_COUNT || d->type == OPT_REAL ||
		    d->type == OPT_NONEMPTY)
			ck_assert_msg(d->want != NULL, "--%s: no refusal text",
			    d->name);
		if (d->type == OPT_REAL)
			ck_assert_msg(d->scale > 0, "--%s: no scale", d->name);
		for (k = 0; k < i; k++) {
			e = opts_def((enum opt_id)k);
			ck_assert_msg(d->letter == 0 || d->letter != e->letter,
			    "-%c twice", d->letter);
			/* One name, one meaning, but for --json: FILE in mot check, a flag in mot inspect. */
			if (strcmp(d->name, e->name) == 0)
				ck_assert(strcmp(d->name, "json") == 0 &&
				    d->type != e->type);
		}
	}
}
END_TEST

/* Within a command, every option has a name and letter of its own. */
START_TEST(test_command_names)
{
	static const struct cmd_entry *const cmds[] = {
		&cmd_analyze_entry, &cmd_check_entry, &cmd_inspect_entry,
		&cmd_merge_entry, &cmd_validate_entry
	};
	const struct cmd_opt	*a, *b;
	const struct opt_def	*d, *e;
	size_t			 i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		for (a = cmds[i]->opts; a->id != OPT_NIDS; a++) {
			d = opts_def(a->id);
			for (b = cmds[i]->opts; b != a; b++) {
				e = opts_def(b->id);
				ck_assert_msg(strcmp(d->name, e->name) != 0,
				    "mot %s: --%s twice", cmds[i]->name,
				    d->name);
				ck_assert(d->letter == 0 || d->letter !=
				    e->letter);
			}
		}
	}
}
END_TEST

START_TEST(test_values)
{
	const char	*argv[] = { "test", "-e", "exp.xml", "--alpha", "0.1",
	    "--min-change=3pp", "a.xml", "--tap", "-j", "4", "--by", "segment",
	    "b.xml", NULL };
	struct opts	 o;
	struct run_opts	 ro;

	ck_assert_int_eq(parse(&o, argv), 0);
	ck_assert_str_eq(opts_text(&o, OPT_EXPECTATIONS), "exp.xml");
	ck_assert(opts_real(&o, OPT_ALPHA) == 0.1);
	ck_assert(opts_real(&o, OPT_MIN_CHANGE) == 0.03);
	ck_assert_int_eq(opts_given(&o, OPT_TAP), 1);
	ck_assert_int_eq(opts_count(&o, OPT_JOBS), 4);
	/* Not given: the table's default, and no text. */
	ck_assert_int_eq(opts_given(&o, OPT_MIN_OCCURRENCES), 0);
	ck_assert_int_eq(opts_count(&o, OPT_MIN_OCCURRENCES), 30);
	ck_assert_ptr_null(opts_text(&o, OPT_MIN_OCCURRENCES));
	ck_assert_int_eq(opts_given(&o, OPT_QUIET), 0);
	/* Operands in their order, options taken from among them. */
	ck_assert_uint_eq(o.noperands, 2);
	ck_assert_str_eq(o.operands[0], "a.xml");
	ck_assert_str_eq(o.operands[1], "b.xml");

	memset(&ro, 0, sizeof ro);
	ck_assert_int_eq(opts_run(&test_cmd, &o, &ro), 0);
	ck_assert_str_eq(ro.expectations, "exp.xml");
	ck_assert_str_eq(ro.by, "segment");
	ck_assert_int_eq(ro.jobs, 4);
	ck_assert_int_eq(ro.has_as_of, 0);
}
END_TEST

START_TEST(test_defaults)
{
	const char	*argv[] = { "test", "x.xml", NULL };
	struct opts	 o;
	struct run_opts	 ro;

	ck_assert_int_eq(parse(&o, argv), 0);
	ck_assert(opts_real(&o, OPT_ALPHA) == 0.05);
	ck_assert(opts_real(&o, OPT_MIN_CHANGE) == 0.02);
	ck_assert_uint_eq(o.noperands, 1);
	/* -e is required by the run options. */
	memset(&ro, 0, sizeof ro);
	ck_assert_int_eq(opts_run(&test_cmd, &o, &ro), MOT_EXIT_USAGE);
}
END_TEST

START_TEST(test_refused)
{
	static const char *const bad[][2] = {
		{ "--alpha", "0" }, { "--alpha", "1" }, { "--alpha", "0.05x" },
		{ "--alpha", " 0.05" }, { "-j", "0" }, { "-j", "257" },
		{ "--jobs", "4.0" }, { "--min-change", "2%" },
		{ "--min-change", "101" }, { "--min-occurrences", "30.0" },
		{ "--by", "" }, { "--as-of", "2027-01-04T00:00:00" },
		{ "--nonsense", "1" }, { "-x", "1" },
	};
	struct opts	o;
	const char	*argv[5];
	size_t		i;

	log_set_level(-1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		argv[0] = "test";
		argv[1] = bad[i][0];
		argv[2] = bad[i][1];
		argv[3] = "x.xml";
		argv[4] = NULL;
		ck_assert_msg(parse(&o, argv) == MOT_EXIT_USAGE, "%s \"%s\"",
		    bad[i][0], bad[i][1]);
	}
	log_set_level(0);
}
END_TEST

START_TEST(test_as_of)
{
	const char	*argv[] = { "test", "--as-of", "1970-01-02T00:00:00Z",
	    "x.xml", NULL };
	struct opts	 o;

	ck_assert_int_eq(parse(&o, argv), 0);
	ck_assert_int_eq(opts_count(&o, OPT_AS_OF), INT64_C(86400000000));
}
END_TEST

START_TEST(test_help)
{
	const char	*argv[] = { "test", "--help", NULL };
	struct opts	 o;
	char		 buf[4096];
	FILE		*f;
	size_t		 n;

	fflush(stdout);
	f = freopen("check_opts.help", "w+", stdout);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(parse(&o, argv), -1);
	fflush(stdout);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	remove("check_opts.help");
	/* The usage, the text, then every option from the table, aligned. */
	ck_assert_ptr_nonnull(strstr(buf, "Usage: mot test [-e FILE]"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  -e, --expectations=FILE  "
	    "the moments"));
	ck_assert_ptr_nonnull(strstr(buf, "\n      --min-occurrences=N  "
	    "fewer occurrences are not decided (30)\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n      --alpha=A            "
	    "false discovery rate of the regression\n"
	    "                           tests (0.05)\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  -q, --quiet              "
	    "its own help\n"));
	/* No default shown where the table's is outside the range (-j). */
	ck_assert_ptr_nonnull(strstr(buf, "results do not depend on N\n"));
}
END_TEST

Suite *
make_opts_suite(void)
{
	Suite	*s = suite_create("opts");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_command_names);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_as_of);
	tcase_add_test(tc, test_help);
	suite_add_tcase(s, tc);
	return (s);
}
