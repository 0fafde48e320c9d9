/* xmlin.h - safe streaming XML input: files, stdin and gzip through libxml2 SAX2. */
#ifndef MOT_XMLIN_H
#define MOT_XMLIN_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

struct xmlin;

/*
 * One attribute as libxml2's SAX2 hands it over: five pointers, in the
 * order of its attributes array, so that the array is read in place (GNU C
 * is told the struct may alias it); value is not NUL-terminated.
 */
struct xattr {
	const char	*name;		/* local name */
	const char	*prefix;	/* NULL when none */
	const char	*uri;		/* namespace URI or NULL */
	const char	*value;
	const char	*end;		/* one past the value's last byte */
}
#if defined(__GNUC__)
__attribute__((__may_alias__))
#endif
;

/* The length of an attribute's value. */
#define XATTR_LEN(a)	((size_t)((a)->end - (a)->value))

/*
 * The callbacks of a format reader: depth is the element's, the root's 1.
 * text, when the ops a parse starts with have it, is given character data
 * (in pieces, not NUL-terminated); without it libxml2 is not asked for any.
 */
struct xmlin_ops {
	void	(*start)(struct xmlin *, void *, int, const char *,
		    const char *, const struct xattr *, int);
	void	(*end)(struct xmlin *, void *, int, const char *,
		    const char *);
	void	(*text)(struct xmlin *, void *, const char *, size_t);
};

/* What one file cost: bytes read from disk and bytes given to the parser. */
struct xmlin_stats {
	uint64_t	raw_bytes;
	uint64_t	xml_bytes;
	int		gzip;
};

/* Set up libxml2 once, before any thread parses. */
void	xmlin_init(void);
/* A piece of a file, parsed as a document of its own: prefix, bytes, suffix. */
struct xmlin_range {
	const char	*mem;		/* the bytes, if not the file's */
	uint64_t	 off, len;
	const char	*prefix;
	size_t		 prefix_len;
	const char	*suffix;
	size_t		 suffix_len;
	long		 line_delta;	/* add to the parser's lines */
};

/* Parse a range of a plain file the same way. */
int	xmlin_parse_range(const char *, const struct xmlin_range *,
	    const struct xmlin_ops *, void *, struct xmlin_stats *, char **);
/* Parse path ("-" for stdin) with ops; 0 on success, else an exit code and *cause. */
int	xmlin_parse(const char *, const struct xmlin_ops *, void *,
	    struct xmlin_stats *, char **);
/* The name of a file's root element, in name; 0, or an exit code with *cause. */
int	xmlin_root(const char *, char *, size_t, char **);
/* The parser's own copy of a name: element and attribute names can be compared by pointer. */
const char *xmlin_name(struct xmlin *, const char *);
/* The line the parser is on. */
unsigned long xmlin_line(const struct xmlin *);
/* The name of the file being parsed, as given. */
const char *xmlin_path(const struct xmlin *);
/* Stop the parse with an error at the current line; the run fails with code. */
void	xmlin_fail(struct xmlin *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Stop the parse with a message already complete (taken over, not copied). */
void	xmlin_abort(struct xmlin *, int, char *);
/* Look no further into the element just started: no callbacks for what it holds, nor for its end. */
void	xmlin_skip(struct xmlin *);
/* From the next element on, call these handlers instead. */
void	xmlin_set_ops(struct xmlin *, const struct xmlin_ops *);
/* Whether the parse has failed. */
int	xmlin_failed(const struct xmlin *);

/* The attribute named name (in no namespace), or NULL. */
const struct xattr *xattr_get(const struct xattr *, int, const char *);
/* Whether attribute a's value equals s. */
int	xattr_is(const struct xattr *, const char *);
/* The first attribute (in no namespace) not in the NULL-terminated list, or NULL. */
const struct xattr *xattr_unknown(const struct xattr *, int,
	    const char *const *);
/* Write a NULL-terminated list of names as "a, b, c". */
void	xattr_names(const char *const *, char *, size_t);
/* "unknown attribute 'x' on <elem> (expected one of: ...)" for the first attribute not in the list (allocated), or NULL. */
char	*xattr_check(const char *, const struct xattr *, int,
	    const char *const *);
/* The bytes equal to c among the n at p, sixteen at a time. */
uint64_t count_byte(const char *, size_t, int);
/* Parse a finite decimal number (C locale) from len bytes. */
int	parse_number(const char *, size_t, double *);
/* Parse a decimal integer from len bytes. */
int	parse_integer(const char *, size_t, long long *);

#endif
