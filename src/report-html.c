/*
 * report-html.c - report.html: one self-contained file a client can open on
 * a laptop or print. The CSS is inline, there is no script and nothing is
 * fetched: each chart is its SVG drawing inline, an <svg> element in a
 * <figure> (svg.c rewrites gnuplot's drawing for HTML5: its ids made the
 * chart's own, nothing that runs or loads), so that it scales, prints
 * sharply and its text can be searched. All text goes through html_text.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "fmt.h"
#include "report-doc.h"
#include "report.h"
#include "svg.h"
#include "xmalloc.h"

static const char html_style[] =
	"body{font-family:\"Helvetica Neue\",Arial,\"Liberation Sans\","
	"sans-serif;color:#222;background:#fff;margin:0;line-height:1.45}\n"
	".page{max-width:1100px;margin:0 auto;padding:24px 32px 48px}\n"
	"h1{font-size:1.9em;margin:0 0 4px}\n"
	"h2{font-size:1.45em;margin:36px 0 10px;padding-bottom:4px;"
	"border-bottom:2px solid #ddd}\n"
	"h3{font-size:1.2em;margin:30px 0 4px}\n"
	"p{margin:8px 0}\n"
	"ol,ul{margin:8px 0;padding-left:26px}\n"
	"li{margin:6px 0}\n"
	".note{color:#666;font-size:0.92em}\n"
	"a{color:inherit;text-decoration-color:#bbb}\n"
	".bad{color:#b03a2e;font-weight:600}\n"
	".good{color:#2e7d4f}\n"
	"table{border-collapse:collapse;margin:10px 0 16px;font-size:0.92em}\n"
	"th,td{border:1px solid #d8d8d8;padding:4px 9px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f3f3f3}\n"
	"td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}\n"
	".fig{margin:16px 0 18px;break-inside:avoid;page-break-inside:avoid}\n"
	".fig svg{display:block;width:100%;height:auto;border:1px solid #eee}\n"
	".caption{color:#555;font-size:0.88em;margin:4px 0 0}\n"
	".zbar{display:inline-block;width:180px;height:11px;vertical-align:"
	"middle;margin-right:8px;background:#eee;white-space:nowrap;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	".zbar span{display:inline-block;height:11px}\n"
	".zm{background:#3a9d5d}.zt{background:#e8a33d}.zb{background:#c0392b}\n"
	"h4{font-size:1em;margin:16px 0 4px}\n"
	"td{overflow-wrap:anywhere}\n"
	"dfn{font-style:normal;font-weight:600}\n"
	/*
	 * Print: A4, each chapter on a new page, headings kept with what
	 * follows, figures and table rows never split, long tables broken
	 * between rows with their head repeated, charts no taller than a page.
	 */
	"@media print{body{font-size:10pt}.page{max-width:none;padding:0}"
	"h2{break-before:page;page-break-before:always}"
	"h2#summary{break-before:auto;page-break-before:auto}"
	"h2,h3,h4{break-after:avoid;page-break-after:avoid}"
	"figure,tr,li{break-inside:avoid;page-break-inside:avoid}"
	"figure,h3+p.note{break-before:avoid;page-break-before:avoid}"
	"h3+p.note{break-after:avoid;page-break-after:avoid}"
	"thead{display:table-header-group}"
	"table{max-width:100%}"
	".fig svg{max-height:240mm}"
	"a{text-decoration:none}}\n"
	"@page{size:A4;margin:14mm}\n";

void
html_text(FILE *f, const char *s)
{
	markup_text(f, s, MARKUP_HTML);
}

static const char *
cls_name(enum doc_class cls)
{
	switch (cls) {
	case DOC_BAD:
		return ("bad");
	case DOC_GOOD:
		return ("good");
	case DOC_NOTE:
		return ("note");
	default:
		return (NULL);
	}
}

static void
h_begin(struct doc *d, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", d->f);
	html_text(d->f, title);
	fprintf(d->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<div class=\"page\">\n<h1>", html_style);
	html_text(d->f, title);
	fputs("</h1>\n", d->f);
}

static void
h_end(struct doc *d)
{
	fputs("</div>\n</body>\n</html>\n", d->f);
}

static void
h_heading(struct doc *d, int level, const char *id)
{
	fprintf(d->f, "<h%d id=\"%s\">", level, id);
}

static void
h_heading_end(struct doc *d, int level)
{
	fprintf(d->f, "</h%d>\n", level);
}

static void
h_para(struct doc *d, enum doc_class cls)
{
	if (cls_name(cls) != NULL)
		fprintf(d->f, "<p class=\"%s\">", cls_name(cls));
	else
		fputs("<p>", d->f);
}

static void
h_para_end(struct doc *d)
{
	fputs("</p>\n", d->f);
}

static void
h_list(struct doc *d, int ordered)
{
	fputs(ordered ? "<ol>\n" : "<ul>\n", d->f);
}

static void
h_list_end(struct doc *d, int ordered)
{
	fputs(ordered ? "</ol>\n" : "</ul>\n", d->f);
}

static void
h_item(struct doc *d)
{
	fputs("<li>", d->f);
}

static void
h_item_end(struct doc *d)
{
	fputs("</li>\n", d->f);
}

static void
h_text(struct doc *d, const char *s)
{
	html_text(d->f, s);
}

static void
h_strong(struct doc *d, int on)
{
	fputs(on ? "<strong>" : "</strong>", d->f);
}

static void
h_link(struct doc *d, const char *id, int on)
{
	if (on)
		fprintf(d->f, "<a href=\"#%s\">", id);
	else
		fputs("</a>", d->f);
}

static void
h_table(struct doc *d, size_t ncols, const char *const *head,
    const char *align)
{
	size_t	i;

	d->ncols = ncols < DOC_MAX_COLS ? ncols : DOC_MAX_COLS;
	memcpy(d->align, align, d->ncols);
	fputs("<table>\n<thead><tr>", d->f);
	for (i = 0; i < d->ncols; i++) {
		fputs(d->align[i] == 'r' ? "<th class=\"r\">" : "<th>", d->f);
		html_text(d->f, head[i]);
		fputs("</th>", d->f);
	}
	fputs("</tr></thead>\n<tbody>\n", d->f);
}

static void
h_row(struct doc *d)
{
	d->col = 0;
	fputs("<tr>", d->f);
}

static void
h_cell(struct doc *d, enum doc_class cls)
{
	const char	*c = cls_name(cls);
	int		 r = d->col < d->ncols && d->align[d->col] == 'r';

	if (c != NULL && r)
		fprintf(d->f, "<td class=\"r %s\">", c);
	else if (c != NULL || r)
		fprintf(d->f, "<td class=\"%s\">", r ? "r" : c);
	else
		fputs("<td>", d->f);
	d->col++;
}

static void
h_cell_end(struct doc *d)
{
	fputs("</td>", d->f);
}

static void
h_row_end(struct doc *d)
{
	fputs("</tr>\n", d->f);
}

static void
h_table_end(struct doc *d)
{
	fputs("</tbody>\n</table>\n", d->f);
	d->ncols = 0;
}

static void
not_drawn(struct doc *d, const struct chart *c, const char *why)
{
	fputs("<p class=\"note\">Chart not drawn: ", d->f);
	html_text(d->f, c->title != NULL ? c->title : c->name);
	fputs(" (", d->f);
	if (why != NULL) {
		html_text(d->f, why);
		fputs("; ", d->f);
	}
	fprintf(d->f, "its data and gnuplot script are in %s/%s.dat and "
	    "%s.gp).</p>\n", CHART_DIR, c->name, c->name);
}

static void
h_figure(struct doc *d, const struct chart *c)
{
	char	*prefix, *capid = NULL, *cause;

	if (c->svg == NULL) {
		not_drawn(d, c, NULL);
		return;
	}
	prefix = xasprintf("chart-%s", c->name);
	if (c->caption != NULL)
		capid = xasprintf("%s-caption", prefix);
	fputs("<figure class=\"fig\">", d->f);
	if (svg_inline(d->f, c->svg, c->svglen, prefix,
	    c->title != NULL ? c->title : c->name, capid, &cause) != 0) {
		not_drawn(d, c, cause);
		free(cause);
	} else if (capid != NULL) {
		fprintf(d->f, "\n<figcaption class=\"caption\" id=\"%s\">",
		    capid);
		html_text(d->f, c->caption);
		fputs("</figcaption>", d->f);
	}
	fputs("</figure>\n", d->f);
	free(capid);
	free(prefix);
}

static double
share(double v)
{
	return (isnan(v) ? 0 : 100 * v);
}

static void
h_zones(struct doc *d, double met, double tol, double br)
{
	fprintf(d->f, "<span class=\"zbar\"><span class=\"zm\" "
	    "style=\"width:%.1f%%\"></span><span class=\"zt\" "
	    "style=\"width:%.1f%%\"></span><span class=\"zb\" "
	    "style=\"width:%.1f%%\"></span></span>", share(met), share(tol),
	    share(br));
	fprintf(d->f, "%.1f%% met, %.1f%% tolerated, %.1f%% breached",
	    share(met), share(tol), share(br));
}

/* A glossary term: the defining instance, the target of its links. */
static void
h_define(struct doc *d, const char *id, const char *term)
{
	fprintf(d->f, "<dfn id=\"%s\">", id);
	html_text(d->f, term);
	fputs("</dfn>", d->f);
}

static const struct doc_ops html_ops = {
	h_begin, h_end, h_heading, h_heading_end, h_para, h_para_end,
	h_list, h_list_end, h_item, h_item_end, h_text, h_strong, h_link,
	h_table, h_row, h_cell, h_cell_end, h_row_end, h_table_end,
	h_figure, h_zones, h_define
};

void
report_html(const struct report *r, FILE *f)
{
	doc_write(r, &html_ops, f);
}
