/*
 * log.c - messages to standard error, each prefixed with the program name.
 * A message is one line, written whole with one write: formatted, its
 * text escaped by text_char (a name with a newline cannot forge a second
 * line, nor a control character reach the terminal), then the prefix and
 * the newline added, so that messages from several readers (-j) never
 * interleave.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "log.h"
#include "xmalloc.h"

/* Messages up to this long are made without allocating. */
#define LOG_SHORT	1024

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

size_t
log_vformat(char *buf, size_t size, char **big, const char *prefix,
    const char *fmt, va_list ap)
{
	char	 msg[LOG_SHORT], *m = msg, *out;
	size_t	 head, len;
	va_list	 aq;
	int	 n;

	*big = NULL;
	va_copy(aq, ap);
	n = vsnprintf(msg, sizeof msg, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = snprintf(msg, sizeof msg, "(message not formatted)");
	else if ((size_t)n >= sizeof msg)
		m = xvasprintf(fmt, ap);
	head = strlen(log_prog) + 2 + strlen(prefix);
	len = head + text_escape(NULL, 0, m) + 1;
	out = buf;
	if (len >= size)
		out = *big = xmalloc(len + 1);
	snprintf(out, head + 1, "%s: %s", log_prog, prefix);
	text_escape(out + head, len - head, m);
	out[len - 1] = '\n';
	out[len] = '\0';
	if (m != msg)
		free(m);
	return (len);
}

static void
vlogf(const char *prefix, const char *fmt, va_list ap)
{
	char	 buf[LOG_SHORT], *big;
	size_t	 len;

	len = log_vformat(buf, sizeof buf, &big, prefix, fmt, ap);
	/* stderr is unbuffered: one fwrite is one write(2), under its lock. */
	fwrite(big != NULL ? big : buf, 1, len, stderr);
	free(big);
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
