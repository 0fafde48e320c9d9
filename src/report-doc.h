/* report-doc.h - the client report's content, written once and rendered by report-html.c and report-md.c. */
#ifndef MOT_REPORT_DOC_H
#define MOT_REPORT_DOC_H

#include <stddef.h>
#include <stdio.h>

struct chart;
struct report;

/* How a paragraph or a cell reads. */
enum doc_class {
	DOC_PLAIN,
	DOC_BAD,	/* a missed objective, a breach */
	DOC_GOOD,	/* an objective met */
	DOC_NOTE	/* an aside */
};

/* The glossary's terms, in the order of doc_terms (report-glossary.c). */
enum doc_term {
	TERM_ADJUSTED_P,
	TERM_BREACH_RATE,
	TERM_WORKING_TIME,
	TERM_CI,
	TERM_CONSISTENCY,
	TERM_COST,
	TERM_ZONE,
	TERM_INCOMPLETE,
	TERM_MEMORY_SHARE,
	TERM_STATUS,
	TERM_N,
	TERM_NPS,
	TERM_OBJECTIVE,
	TERM_PERCENTILES,
	TERM_PRIORITY,
	TERM_PROMISES,
	TERM_REACH,
	TERM_RECOVERY,
	TERM_SCORE,
	TERM_OCCURRENCES,
	TERM_SEVERITY,
	TERM_SMALL,
	DOC_NTERMS
};

struct doc;

/* A renderer: every piece of text reaches it through text(), which escapes. */
struct doc_ops {
	void	(*begin)(struct doc *, const char *);
	void	(*end)(struct doc *);
	void	(*heading)(struct doc *, int, const char *);	/* level, id */
	void	(*heading_end)(struct doc *, int);
	void	(*para)(struct doc *, enum doc_class);
	void	(*para_end)(struct doc *);
	void	(*list)(struct doc *, int);			/* ordered */
	void	(*list_end)(struct doc *, int);
	void	(*item)(struct doc *);
	void	(*item_end)(struct doc *);
	void	(*text)(struct doc *, const char *);
	void	(*strong)(struct doc *, int);			/* on, off */
	void	(*link)(struct doc *, const char *, int);	/* #id, on/off */
	/* A table: column heads, and an alignment per column ('l' or 'r'). */
	void	(*table)(struct doc *, size_t, const char *const *,
		    const char *);
	void	(*row)(struct doc *);
	void	(*cell)(struct doc *, enum doc_class);
	void	(*cell_end)(struct doc *);
	void	(*row_end)(struct doc *);
	void	(*table_end)(struct doc *);
	/* A chart with its title and caption, or a note when it was not drawn. */
	void	(*figure)(struct doc *, const struct chart *);
	/* The met, tolerated and breached shares as a small bar (or words). */
	void	(*zones)(struct doc *, double, double, double);
	/* A glossary entry's term, the target of links to "#id". */
	void	(*define)(struct doc *, const char *, const char *); /* id, term */
};

struct doc {
	const struct doc_ops	*ops;
	FILE			*f;
	const struct report	*r;
	int			 bol;		/* at the start of a line (Markdown) */
	int			 item_n;	/* items in the open list (Markdown) */
	int			 ordered;	/* the open list */
	enum doc_class		 cls;		/* of the open paragraph or cell */
	size_t			 ncols;		/* of the open table */
	size_t			 col;
	char			 align[16];	/* of its columns */
	unsigned char		 term_linked[DOC_NTERMS]; /* glossary terms linked so far */
	char			*cwd;		/* to show file names, or NULL */
};

/* The most columns a table has. */
#define DOC_MAX_COLS	15

/* A glossary entry: its anchor, its term and what it means in plain words. */
struct doc_term_def {
	const char	*id;
	const char	*term;
	const char	*text;
};

/* Every term the report uses, sorted by term (report-glossary.c). */
extern const struct doc_term_def doc_terms[DOC_NTERMS];

/* Write text that uses a term: linked to its glossary entry the first time. */
void	doc_term(struct doc *, enum doc_term, const char *);
/* Write the glossary section from doc_terms. */
void	doc_glossary(struct doc *);

/* Write the report through a renderer. */
void	doc_write(const struct report *, const struct doc_ops *, FILE *);

#endif
