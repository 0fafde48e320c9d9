/* xmalloc.c - allocators that never return NULL: out of memory ends the run. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "xmalloc.h"

#ifdef MOT_FAULT
#include <stdatomic.h>

/*
 * Fault injection (./configure --enable-fault-injection): MOT_FAULT_ALLOC=N
 * makes mot's Nth allocation fail, and MOT_FAULT_WRITE, _RENAME, _OPEN and
 * _SYNC do the same for output files (afile.c). What fails is said on
 * stderr, so that a test knows when N has passed the last such operation.
 */
int	fault_now(int);

int
fault_now(int kind)
{
	static const char *const	 names[] = {
		"MOT_FAULT_ALLOC", "MOT_FAULT_WRITE", "MOT_FAULT_RENAME",
		"MOT_FAULT_OPEN", "MOT_FAULT_SYNC"
	};
	static atomic_ulong		 count[5];
	const char			*s;
	unsigned long			 at;

	if (kind < 0 || kind > 4 || (s = getenv(names[kind])) == NULL ||
	    (at = strtoul(s, NULL, 10)) == 0)
		return (0);
	if (atomic_fetch_add(&count[kind], 1) + 1 != at)
		return (0);
	fprintf(stderr, "mot: fault injected: %s=%lu\n", names[kind], at);
	return (1);
}
#define ALLOC_FAILS()	fault_now(0)
#else
#define ALLOC_FAILS()	0
#endif

void
xnomem(size_t n)
{
	fprintf(stderr, "mot: out of memory (allocating %zu bytes)\n", n);
	exit(MOT_EXIT_SOFTWARE);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if (ALLOC_FAILS() || (p = malloc(size)) == NULL)
		xnomem(size);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		xnomem(SIZE_MAX);
	if (ALLOC_FAILS() || (p = calloc(n, size)) == NULL)
		xnomem(n * size);
	return (p);
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		xnomem(SIZE_MAX);
	if (ALLOC_FAILS() || (p = realloc(old, n * size)) == NULL)
		xnomem(n * size);
	return (p);
}

char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t	 len;
	char	*p;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xnomem(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return (p);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return (p);
}

void
xfree_strings(char **v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}
