/* report.h - the report writers behind one small interface. */
#ifndef MOT_REPORT_H
#define MOT_REPORT_H

#include <stdio.h>

#include "agg.h"
#include "clock.h"
#include "expect.h"
#include "journey.h"
#include "summary.h"

struct charts;

struct report {
	const struct expectations	*e;
	const struct agg		*a;
	const struct summary		*s;
	const char			*by;		/* or NULL */
	const char			*zone;		/* --assume-zone or NULL */
	const struct charts		*charts;	/* drawn, or NULL */
	const char			*title;		/* --title, or NULL */
};

struct report_writer {
	const char	*format;	/* name in --format */
	const char	*file;		/* name in the -o folder */
	void		(*write)(const struct report *, FILE *);
};

/* The most writers there can be. */
#define REPORT_MAX_WRITERS	8

/* The file of every occurrence (with csv), in the -o folder. */
#define REPORT_OCC_FILE		"occurrences.csv"
/* The files a run wrote at the top of the -o folder, one name a line. */
#define REPORT_MANIFEST		".mot-files"

struct afile;

/* The writers: text, json and csv (moments). */
extern const struct report_writer report_writers[];

/* Mark the writers of a list such as "text,json" in want (by index); -1 on an unknown name. */
int	report_parse_formats(const char *, int *, const char **);
/* Write the reports wanted: atomically into dir (and the text to stdout), or all to stdout. */
int	report_write(const struct report *, const char *, const int *,
	    struct afile *, char **);
/* Check --format and --charts for an output folder (or none); -1 with *msg. */
int	report_plan(const char *, const char *, const char *, int *, unsigned *,
	    char **);
/*
 * Draw the charts, write the reports, put the charts in place of
 * dir/charts (or remove it when none were made), remove the files the
 * previous run's manifest lists and this run did not write, write the
 * manifest, then say whether charts failed (69).
 */
int	report_publish(struct report *, const char *, const int *, unsigned,
	    const char *, struct afile *, char **);
/* The writer of a --format name, or NULL. */
const struct report_writer *report_writer_find(const char *);
/* Whether want (by index, as report_parse_formats marks it) has the writer of a --format name. */
int	report_wants(const int *, const char *);

/* Write the text summary. */
void	report_text(const struct report *, FILE *);
/* Write report.json. */
void	report_json(const struct report *, FILE *);
/* Write moments.csv. */
void	report_csv(const struct report *, FILE *);
/* Write report.html: one self-contained file for people. */
void	report_html(const struct report *, FILE *);
/* Write report.md: the same in Markdown, charts referred to as files. */
void	report_md(const struct report *, FILE *);
/* Write the header of occurrences.csv. */
void	report_occ_header(FILE *, const char *);
/* Write one occurrence as a row of occurrences.csv. */
void	report_occ_row(FILE *, const struct journey *, const struct moment *,
	    const struct occurrence *, const char *);
/* Add up the data-quality counters of every input. */
void	report_dq(const struct agg *, struct read_stats *);
/* Write a field as CSV, quoted when it must be (RFC 4180). */
void	csv_field(FILE *, const char *);
/* Write a number as JSON: up to digits decimals, no trailing zeros, null for NaN. */
void	json_number(FILE *, double, int);
/* Write a string as a JSON string literal. */
void	json_string(FILE *, const char *);
/* "key": at an indent, for the JSON writers (report.json, mot check). */
void	json_key(FILE *, int, const char *);
/* A member "key": value then end and a newline: a string (NULL: null). */
void	json_str(FILE *, int, const char *, const char *, const char *);
/* ... a number with up to digits decimals (NaN: null). */
void	json_dbl(FILE *, int, const char *, double, int, const char *);
/* ... an unsigned integer. */
void	json_u64(FILE *, int, const char *, uint64_t, const char *);
/* ... true, false, or null for a negative v. */
void	json_bool(FILE *, int, const char *, int, const char *);
/* Write text as HTML character data or attribute value (escaped, valid UTF-8). */
void	html_text(FILE *, const char *);
/* Write text as Markdown inline text (punctuation that means something escaped). */
void	md_text(FILE *, const char *);

#endif
