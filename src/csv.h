/* csv.h - RFC 4180 records from a stream of bytes, in bounded memory. */
#ifndef MOT_CSV_H
#define MOT_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads up to n bytes into buf: the count, 0 at the end, or -1 with an exit code in *code and a message in *msg (valid until the source is closed) - the shape of input_read in src/input.h. */
typedef ssize_t (*csv_read_fn)(void *, char *, size_t, int *, const char **);

struct csv_opts {
	int	delim;		/* ',' ';' '\t' '|' ... one byte, not the quote, CR or LF */
	int	quote;		/* '"' usually; -1: no quoting at all */
	size_t	field_max;	/* longest field kept, bytes (0: CSV_FIELD_MAX) */
	size_t	record_max;	/* longest record kept, bytes (0: CSV_RECORD_MAX) */
	size_t	fields_max;	/* most fields kept in a record (0: CSV_FIELDS_MAX) */
	size_t	fields_want;	/* the fields the caller uses (0: all): the rest are read past, not kept, and no problem */
};
#define CSV_FIELD_MAX	(1 << 20)
#define CSV_RECORD_MAX	(16 << 20)
#define CSV_FIELDS_MAX	65536

struct csv_field {
	const char	*s;	/* NUL-terminated, quotes removed, "" unescaped; valid until the next csv_next */
	size_t		 len;
	unsigned long	 line;	/* line where the field starts (1-based) */
	unsigned	 col;	/* 1-based byte column where it starts (of its opening quote when quoted) */
};

struct csv_record {
	struct csv_field *f;	/* owned by the tokenizer */
	size_t		  n;
	unsigned long	  line;		/* first line of the record */
	unsigned long	  end_line;	/* last line of the record */
	uint64_t	  offset;	/* byte offset of the record's first byte in the stream (after a BOM) */
	/* A problem with this record (the record is still returned, best effort), or NULL: */
	const char	 *problem;	/* text that lasts as long as the tokenizer, e.g. "quote inside an unquoted field" */
	unsigned long	  pline;
	unsigned	  pcol;
};

struct csv;
/* A tokenizer reading from fn(arg, ...); NULL options: ',' and '"' with the default limits. */
struct csv *csv_new(const struct csv_opts *, csv_read_fn, void *);
/* The next record: 1, 0 at the end, or -1 when reading failed (then *code and *cause, allocated: the read error). */
int	csv_next(struct csv *, struct csv_record *, int *, char **);
/* Bytes consumed so far (the offset just past the last record returned, its line end included). */
uint64_t csv_offset(const struct csv *);
/* Free the tokenizer and its records. */
void	csv_free(struct csv *);

#endif
