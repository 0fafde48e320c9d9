/* cmd.c - what the commands share: usage errors and help. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "exitcode.h"
#include "log.h"
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

void
cmd_help(const struct cmd_entry *c)
{
	printf("Usage: mot %s\n%s", c->usage, c->help);
}
