/*
 * report-md.c - report.md: the client report in Markdown (CommonMark with
 * GitHub's tables), for wikis and pull requests. Charts are referred to as
 * files in charts/. All text goes through md_text, which leaves Markdown
 * nothing to interpret: no emphasis, link or autolink, HTML, table cell
 * break or line break can come from the input, and no C1 control or
 * bidirectional override either (shown escaped, as text_char does).
 */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "fmt.h"
#include "report-doc.h"
#include "report.h"

void
md_text(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			fputc(' ', f);
			continue;
		}
		if (*p >= 0x80) {
			/* C1, bidirectional overrides, bad bytes: as escapes. */
			p = (const unsigned char *)text_put_char(f,
			    (const char *)p) - 1;
			continue;
		}
		if (strchr("\\`*_[]<>|~&#!", *p) != NULL)
			fputc('\\', f);
		/* No autolink either: "http\://", "www\." */
		if ((*p == ':' && p[1] == '/' && p[2] == '/') || (*p == '.' &&
		    p - (const unsigned char *)s >= 3 && strncasecmp(
		    (const char *)p - 3, "www", 3) == 0)) {
			fputc('\\', f);
		}
		fputc(*p, f);
	}
}

/* Text at the start of a line: also escape what would open a block there. */
static void
m_text(struct doc *d, const char *s)
{
	const char	*p = s;

	if (*s == '\0')
		return;
	if (d->bol) {
		if (strchr("-+=>", *s) != NULL) {
			fputc('\\', d->f);
			fputc(*s, d->f);
			s++;
		} else if (isdigit((unsigned char)*s)) {
			while (isdigit((unsigned char)*p))
				p++;
			if ((*p == '.' || *p == ')') && (p[1] == ' ' ||
			    p[1] == '\0')) {
				fwrite(s, 1, (size_t)(p - s), d->f);
				fputc('\\', d->f);
				s = p;
			}
		}
	}
	md_text(d->f, s);
	d->bol = 0;
}

static void
m_begin(struct doc *d, const char *title)
{
	fputs("# ", d->f);
	md_text(d->f, title);
	fputs("\n\n", d->f);
	d->bol = 1;
}

static void
m_end(struct doc *d)
{
	(void)d;
}

/* A heading with an explicit anchor, so that "#id" links resolve. */
static void
m_heading(struct doc *d, int level, const char *id)
{
	fprintf(d->f, "%.*s <a id=\"%s\"></a>", level, "######", id);
	d->bol = 0;
}

static void
m_heading_end(struct doc *d, int level)
{
	(void)level;
	fputs("\n\n", d->f);
	d->bol = 1;
}

static void
m_para(struct doc *d, enum doc_class cls)
{
	if (cls == DOC_NOTE) {
		fputc('_', d->f);
		d->bol = 0;
	} else if (cls == DOC_BAD) {
		fputs("**", d->f);
		d->bol = 0;
	}
	d->cls = cls;
}

static void
m_para_end(struct doc *d)
{
	if (d->cls == DOC_NOTE)
		fputc('_', d->f);
	else if (d->cls == DOC_BAD)
		fputs("**", d->f);
	fputs("\n\n", d->f);
	d->bol = 1;
}

static void
m_list(struct doc *d, int ordered)
{
	d->item_n = 0;
	d->ordered = ordered;
}

static void
m_list_end(struct doc *d, int ordered)
{
	(void)ordered;
	if (d->item_n > 0)
		fputc('\n', d->f);
	d->bol = 1;
}

static void
m_item(struct doc *d)
{
	if (d->ordered)
		fprintf(d->f, "%d. ", ++d->item_n);
	else {
		fputs("- ", d->f);
		d->item_n++;
	}
	d->bol = 0;
}

static void
m_item_end(struct doc *d)
{
	fputc('\n', d->f);
	d->bol = 1;
}

static void
m_strong(struct doc *d, int on)
{
	(void)on;
	fputs("**", d->f);
	d->bol = 0;
}

/* A link to "#id": its text is written between by m_text, escaped. */
static void
m_link(struct doc *d, const char *id, int on)
{
	if (on)
		fputc('[', d->f);
	else
		fprintf(d->f, "](#%s)", id);
	d->bol = 0;
}

static void
m_table(struct doc *d, size_t ncols, const char *const *head,
    const char *align)
{
	size_t	i;

	d->ncols = ncols < DOC_MAX_COLS ? ncols : DOC_MAX_COLS;
	memcpy(d->align, align, d->ncols);
	fputc('|', d->f);
	for (i = 0; i < d->ncols; i++) {
		fputc(' ', d->f);
		md_text(d->f, head[i]);
		fputs(" |", d->f);
	}
	fputs("\n|", d->f);
	for (i = 0; i < d->ncols; i++)
		fputs(d->align[i] == 'r' ? "---:|" : "---|", d->f);
	fputc('\n', d->f);
}

static void
m_row(struct doc *d)
{
	fputc('|', d->f);
	d->col = 0;
	d->bol = 0;
}

static void
m_cell(struct doc *d, enum doc_class cls)
{
	fputc(' ', d->f);
	if (cls == DOC_BAD)
		fputs("**", d->f);
	d->cls = cls;
	d->col++;
}

static void
m_cell_end(struct doc *d)
{
	if (d->cls == DOC_BAD)
		fputs("**", d->f);
	fputs(" |", d->f);
}

static void
m_row_end(struct doc *d)
{
	fputc('\n', d->f);
}

static void
m_table_end(struct doc *d)
{
	fputc('\n', d->f);
	d->ncols = 0;
	d->bol = 1;
}

static void
m_figure(struct doc *d, const struct chart *c)
{
	const char	*ext;

	ext = (c->drawn & CHART_PNG) ? "png" : (c->drawn & CHART_SVG) ? "svg" :
	    NULL;
	if (ext != NULL) {
		fputs("![", d->f);
		md_text(d->f, c->title != NULL ? c->title : c->name);
		fprintf(d->f, "](%s/%s.%s)", CHART_DIR, c->name, ext);
		if (c->drawn & CHART_PDF)
			fprintf(d->f, " ([PDF](%s/%s.pdf))", CHART_DIR, c->name);
		fputs("\n\n", d->f);
	} else if (c->drawn & CHART_PDF) {
		fputc('[', d->f);
		md_text(d->f, c->title != NULL ? c->title : c->name);
		fprintf(d->f, " (PDF)](%s/%s.pdf)\n\n", CHART_DIR, c->name);
	} else {
		fputs("_Chart not drawn: ", d->f);
		md_text(d->f, c->title != NULL ? c->title : c->name);
		fprintf(d->f, " (its data and gnuplot script are in %s/%s.dat "
		    "and %s.gp)._\n\n", CHART_DIR, c->name, c->name);
		d->bol = 1;
		return;
	}
	if (c->caption != NULL) {
		fputc('_', d->f);
		md_text(d->f, c->caption);
		fputs("_\n\n", d->f);
	}
	d->bol = 1;
}

static double
share(double v)
{
	return (isnan(v) ? 0 : 100 * v);
}

static void
m_zones(struct doc *d, double met, double tol, double br)
{
	fprintf(d->f, "%.1f%% met, %.1f%% tolerated, %.1f%% breached",
	    share(met), share(tol), share(br));
	d->bol = 0;
}

/* A glossary term, after the anchor its links go to. */
static void
m_define(struct doc *d, const char *id, const char *term)
{
	fprintf(d->f, "<a id=\"%s\"></a>**", id);
	md_text(d->f, term);
	fputs("**", d->f);
	d->bol = 0;
}

static const struct doc_ops md_ops = {
	m_begin, m_end, m_heading, m_heading_end, m_para, m_para_end,
	m_list, m_list_end, m_item, m_item_end, m_text, m_strong, m_link,
	m_table, m_row, m_cell, m_cell_end, m_row_end, m_table_end,
	m_figure, m_zones, m_define
};

void
report_md(const struct report *r, FILE *f)
{
	doc_write(r, &md_ops, f);
}
