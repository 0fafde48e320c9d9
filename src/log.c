/* log.c - messages to standard error, each prefixed with the program name. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static const char	*log_prog = "mot";
static int		 log_lvl;

void
log_init(const char *prog)
{
	log_prog = prog;
}

void
log_set_level(int level)
{
	log_lvl = level;
}

int
log_level(void)
{
	return (log_lvl);
}

static void
vlogf(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", log_prog, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
warnf(const char *fmt, ...)
{
	va_list	ap;

	if (log_lvl < 0)
		return;
	va_start(ap, fmt);
	vlogf("warning: ", fmt, ap);
	va_end(ap);
}

void
errorf(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlogf("", fmt, ap);
	va_end(ap);
}

void
verbosef(const char *fmt, ...)
{
	va_list	ap;

	if (log_lvl < 1)
		return;
	va_start(ap, fmt);
	vlogf("", fmt, ap);
	va_end(ap);
}
