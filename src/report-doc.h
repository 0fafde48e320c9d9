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
};

/* The most columns a table has. */
#define DOC_MAX_COLS	15

/* Write the report through a renderer. */
void	doc_write(const struct report *, const struct doc_ops *, FILE *);

#endif
