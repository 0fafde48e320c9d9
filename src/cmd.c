/* cmd.c - what the commands share: options, usage errors and help. */
#include <config.h>

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "exitcode.h"
#include "isotime.h"
#include "log.h"
#include "opts.h"
#include "xmalloc.h"

int
cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	errorf("%s: %s", c->name, msg);
	fprintf(stderr, "Try 'mot %s --help' for more information.\n",
	    c->name);
	free(msg);
	return (MOT_EXIT_USAGE);
}

int
cmd_as_of(const struct cmd_entry *c, const char *arg, int64_t *t)
{
	const char	*why;

	if (isotime_parse_given(arg, (mot_time)time(NULL) * MOT_USEC, t,
	    &why) != 0)
		return (cmd_usage_error(c, "--as-of \"%s\": %s; give an ISO "
		    "8601 time with a UTC offset (Z or +hh:mm), or now", arg,
		    why));
	return (0);
}

/* The long options arg ("--name" or "--name=value") may name (with val, or any if -1). */
static int
long_named(const char *arg, const struct option *longs, int val)
{
	size_t	len = strcspn(arg + 2, "=");
	int	n = 0;

	for (; longs->name != NULL; longs++) {
		if ((val == -1 || longs->val == val) &&
		    strncmp(longs->name, arg + 2, len) == 0)
			n++;
	}
	return (n);
}

int
cmd_getopt(const struct cmd_entry *c, int argc, char **argv,
    const char *shorts, const struct option *longs)
{
	const char	*arg;
	int		 ch;

	opterr = 0;	/* getopt would print the argument as it is */
	if ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != '?')
		return (ch);
	/* A long option always moves optind past itself. */
	arg = argv[optind - 1];
	if (optopt == 0)
		errorf("%s: %s option '%.*s'", c->name, long_named(arg,
		    longs, -1) > 1 ? "ambiguous" : "unrecognized",
		    (int)strcspn(arg, "="), arg);
	else if (strncmp(arg, "--", 2) == 0 && long_named(arg, longs, optopt))
		errorf("%s: option '%.*s' %s", c->name,
		    (int)strcspn(arg, "="), arg, strchr(arg, '=') != NULL ?
		    "takes no argument" : "requires an argument");
	else if (optopt != ':' && strchr(shorts, optopt) != NULL)
		errorf("%s: option requires an argument -- '%c'", c->name,
		    optopt);
	else
		errorf("%s: invalid option -- '%c'", c->name, optopt);
	return ('?');
}

void
cmd_help(const struct cmd_entry *c)
{
	printf("Usage: mot %s\n%s\n", c->usage, c->help);
	opts_help(c);
}
