/* xmalloc.h - allocators that never return NULL. */
#ifndef MOT_XMALLOC_H
#define MOT_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Say that memory is out (n bytes were asked for) and end the run (exit 70). */
void	xnomem(size_t) __attribute__((noreturn));
/* Allocate size bytes; abort the run with a message when memory is out. */
void	*xmalloc(size_t);
/* Allocate n zeroed elements of size bytes. */
void	*xcalloc(size_t, size_t);
/* Resize p to n elements of size bytes, checking the multiplication. */
void	*xreallocarray(void *, size_t, size_t);
/* Duplicate a string. */
char	*xstrdup(const char *);
/* Duplicate at most n bytes of a string. */
char	*xstrndup(const char *, size_t);
/* Format into a new string. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Format into a new string from a va_list. */
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/* Free n allocated strings and the array that holds them; NULL is allowed. */
void	xfree_strings(char **, size_t);

#endif
