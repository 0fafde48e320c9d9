/*
 * svg.c - a chart's SVG drawing (gnuplot's) as an inline <svg> element of
 * report.html. The drawing is parsed with libxml2 (no network, no DTD
 * loaded) and written again element by element: what HTML5 has no place
 * for (the XML declaration, a DOCTYPE, comments, processing instructions)
 * and what could run or reach outside (script, style, foreignObject,
 * animation, on* handlers, links that are not to the drawing itself) are
 * left out; gnuplot's fixed ids (gnuplot_canvas, gpPt0, ...) get the
 * chart's prefix so that several drawings share one page, with their
 * references (url(#..), href="#..", xlink:href); text and values are
 * escaped again by markup_text, so a name from the input stays text.
 */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fmt.h"
#include "strtab.h"
#include "svg.h"
#include "xmalloc.h"
#include "xmlin.h"

#define SVG_NS		"http://www.w3.org/2000/svg"
#define XLINK_NS	"http://www.w3.org/1999/xlink"
#define XMLNS_NS	"http://www.w3.org/XML/1998/namespace"

/* The ids of svg_inline's own, kept free of the drawing's. */
static const char *const svg_reserved[] = { "title", "caption", NULL };

/* Elements left out with all they hold. */
static const char *const svg_dropped[] = {
	"script", "style", "foreignObject", "set", "animate",
	"animateMotion", "animateTransform", "animateColor", "discard",
	"handler", "listener", "iframe", "audio", "video", NULL
};

struct svg_out {
	FILE		*f;
	const char	*prefix;
	struct strtab	 ids;		/* the drawing's ids, and the reserved */
	size_t		*next;		/* by ids index: 0 until written, then
					   the next suffix to try */
	struct strtab	 made;		/* ids made for repeats */
};

static int
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return (1);
	return (0);
}

static int
is_ns(const xmlNs *ns, const char *href)
{
	return (ns != NULL && ns->href != NULL &&
	    strcmp((const char *)ns->href, href) == 0);
}

static int
element_kept(const xmlNode *n, const xmlNode *root)
{
	const char	*name = (const char *)n->name;

	if (!is_ns(n->ns, SVG_NS) || in_list(name, svg_dropped))
		return (0);
	/* gnuplot's own <title>Gnuplot</title> and <desc>Produced by ... */
	if (n->parent == root && (strcmp(name, "title") == 0 ||
	    strcmp(name, "desc") == 0))
		return (0);
	return (1);
}

/* The node after n in document order, within root, not looking into n. */
static const xmlNode *
skip_node(const xmlNode *n, const xmlNode *root)
{
	while (n != root && n->next == NULL)
		n = n->parent;
	return (n == root ? NULL : n->next);
}

/* Every id of the drawing, in the table. */
static void
collect_ids(struct svg_out *o, const xmlNode *root)
{
	const xmlNode	*n = root;
	const xmlAttr	*a;
	xmlChar		*v;

	while (n != NULL) {
		if (n->type != XML_ELEMENT_NODE) {
			n = skip_node(n, root);
			continue;
		}
		for (a = n->properties; a != NULL; a = a->next) {
			if (a->ns != NULL || strcmp((const char *)a->name,
			    "id") != 0)
				continue;
			v = xmlNodeGetContent((const xmlNode *)a);
			if (v != NULL)
				strtab_intern(&o->ids, (const char *)v,
				    strlen((const char *)v));
			xmlFree(v);
		}
		n = n->children != NULL ? n->children : skip_node(n, root);
	}
}

/* Write the new name of an id where the drawing defines it. */
static void
write_id(struct svg_out *o, const char *id)
{
	long	 i = strtab_find(&o->ids, id, strlen(id));
	char	*alt;
	size_t	 k;

	fprintf(o->f, " id=\"%s-", o->prefix);
	if (i < 0 || o->next[i] == 0) {	/* collect_ids found it */
		if (i >= 0)
			o->next[i] = 2;
		markup_text(o->f, id, MARKUP_HTML);
		fputc('"', o->f);
		return;
	}
	/* A repeat (or a reserved name): the first free id-2, id-3, ... */
	for (k = o->next[i];; k++) {
		alt = xasprintf("%s-%zu", id, k);
		if (strtab_find(&o->ids, alt, strlen(alt)) < 0 &&
		    strtab_find(&o->made, alt, strlen(alt)) < 0)
			break;
		free(alt);
	}
	o->next[i] = k + 1;
	markup_text(o->f, alt, MARKUP_HTML);
	fputc('"', o->f);
	strtab_intern_take(&o->made, alt, strlen(alt));
}

/* Write name="#prefix-x" for a reference to x in the drawing; nothing for one outside it. */
static void
write_ref(struct svg_out *o, const char *name, const char *v)
{
	if (v[0] != '#')
		return;
	fprintf(o->f, " %s=\"#%s-", name, o->prefix);
	markup_text(o->f, v + 1, MARKUP_HTML);
	fputc('"', o->f);
}

/* Where the url( at s refers to: its '#', or NULL when outside the drawing. */
static const char *
url_target(const char *s)
{
	s += 4;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\'' || *s == '"')
		s++;
	return (*s == '#' ? s : NULL);
}

static int
is_url(const char *s)
{
	return ((s[0] | 0x20) == 'u' && (s[1] | 0x20) == 'r' &&
	    (s[2] | 0x20) == 'l' && s[3] == '(');
}

/*
 * Write name="value" with every url(#x) made url(#prefix-x); nothing when a
 * url() leads outside the drawing.
 */
static void
write_value(struct svg_out *o, const char *name, const char *v)
{
	const char	*p, *t;
	char		*part;

	for (p = v; *p != '\0'; p++)
		if (is_url(p) && url_target(p) == NULL)
			return;
	fprintf(o->f, " %s=\"", name);
	for (p = v; *p != '\0';) {
		if (!is_url(p)) {
			for (t = p + 1; *t != '\0' && !is_url(t); t++)
				;
		} else
			t = url_target(p) + 1;
		part = xstrndup(p, (size_t)(t - p));
		markup_text(o->f, part, MARKUP_HTML);
		free(part);
		if (is_url(p))
			fprintf(o->f, "%s-", o->prefix);
		p = t;
	}
	fputc('"', o->f);
}

static void
write_attr(struct svg_out *o, const xmlAttr *a, int root)
{
	const char	*name = (const char *)a->name;
	char		*v;

	if ((v = (char *)xmlNodeGetContent((const xmlNode *)a)) == NULL)
		return;
	if (a->ns == NULL) {
		if ((name[0] | 0x20) == 'o' && (name[1] | 0x20) == 'n')
			;	/* an event handler */
		else if (root && (strcmp(name, "width") == 0 ||
		    strcmp(name, "height") == 0 || strcmp(name, "viewBox") == 0))
			;	/* written by write_root */
		else if (strcmp(name, "id") == 0)
			write_id(o, v);
		else if (strcmp(name, "href") == 0)
			write_ref(o, "href", v);
		else
			write_value(o, name, v);
	} else if (is_ns(a->ns, XLINK_NS) && strcmp(name, "href") == 0)
		write_ref(o, "xlink:href", v);
	else if (is_ns(a->ns, XMLNS_NS) && (strcmp(name, "space") == 0 ||
	    strcmp(name, "lang") == 0)) {
		fprintf(o->f, " xml:%s=\"", name);
		markup_text(o->f, v, MARKUP_HTML);
		fputc('"', o->f);
	}
	xmlFree(v);
}

/* A length of the root in user units (a number, or px), or -1. */
static double
root_length(const xmlNode *root, const char *name)
{
	xmlChar	*v = xmlGetNoNsProp(root, (const xmlChar *)name);
	char	*end;
	double	 d = -1;

	if (v != NULL) {
		d = strtod((const char *)v, &end);
		if (end == (char *)v || (*end != '\0' &&
		    strcmp(end, "px") != 0) || !(d > 0))
			d = -1;
	}
	xmlFree(v);
	return (d);
}

static void
write_root(struct svg_out *o, const xmlNode *root, const char *title,
    const char *describedby)
{
	const xmlAttr	*a;
	xmlChar		*vb;
	double		 w, h;

	fputs("<svg", o->f);
	if ((vb = xmlGetNoNsProp(root, (const xmlChar *)"viewBox")) != NULL)
		write_value(o, "viewBox", (const char *)vb);
	else if ((w = root_length(root, "width")) > 0 &&
	    (h = root_length(root, "height")) > 0)
		fprintf(o->f, " viewBox=\"0 0 %g %g\"", w, h);
	xmlFree(vb);
	fprintf(o->f, " width=\"100%%\" role=\"img\" "
	    "aria-labelledby=\"%s-title\"", o->prefix);
	if (describedby != NULL) {
		fputs(" aria-describedby=\"", o->f);
		markup_text(o->f, describedby, MARKUP_HTML);
		fputc('"', o->f);
	}
	for (a = root->properties; a != NULL; a = a->next)
		write_attr(o, a, 1);
	fprintf(o->f, "><title id=\"%s-title\">", o->prefix);
	markup_text(o->f, title, MARKUP_HTML);
	fputs("</title>", o->f);
}

static void
write_text(struct svg_out *o, const xmlNode *n)
{
	const char	*s = (const char *)n->content;

	if (s == NULL)
		return;
	if (s[strspn(s, " \t\r\n")] == '\0')
		fputs(s, o->f);		/* the drawing's layout, as it was */
	else
		markup_text(o->f, s, MARKUP_HTML);
}

static void
write_svg(struct svg_out *o, const xmlNode *root, const char *title,
    const char *describedby)
{
	const xmlNode	*n = root->children;
	const xmlAttr	*a;

	write_root(o, root, title, describedby);
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && element_kept(n, root)) {
			fprintf(o->f, "<%s", (const char *)n->name);
			for (a = n->properties; a != NULL; a = a->next)
				write_attr(o, a, 0);
			if (n->children != NULL) {
				fputc('>', o->f);
				n = n->children;
				continue;
			}
			fputs("/>", o->f);
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			write_text(o, n);
		while (n->next == NULL && n->parent != root) {
			n = n->parent;
			fprintf(o->f, "</%s>", (const char *)n->name);
		}
		n = n->next;
	}
	fputs("</svg>", o->f);
}

int
svg_inline(FILE *f, const char *svg, size_t len, const char *prefix,
    const char *title, const char *describedby, char **cause)
{
	xmlParserCtxt	*ctxt;
	xmlDoc		*doc;
	const xmlNode	*root;
	const xmlError	*e;
	struct svg_out	 o;
	size_t		 i;

	*cause = NULL;
	if (len > INT_MAX) {
		*cause = xstrdup("the drawing is too large");
		return (-1);
	}
	xmlin_init();
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		*cause = xstrdup("out of memory");
		return (-1);
	}
	doc = xmlCtxtReadMemory(ctxt, svg, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOCDATA);
	if (doc == NULL) {
		e = xmlCtxtGetLastError(ctxt);
		*cause = xasprintf("the drawing is not well-formed XML "
		    "(line %d)", e != NULL ? e->line : 0);
		xmlFreeParserCtxt(ctxt);
		return (-1);
	}
	xmlFreeParserCtxt(ctxt);
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "svg") != 0 ||
	    !is_ns(root->ns, SVG_NS)) {
		*cause = xstrdup("the drawing is not an SVG document");
		xmlFreeDoc(doc);
		return (-1);
	}

	memset(&o, 0, sizeof o);
	o.f = f;
	o.prefix = prefix;
	strtab_init(&o.ids);
	strtab_init(&o.made);
	for (i = 0; svg_reserved[i] != NULL; i++)
		strtab_intern(&o.ids, svg_reserved[i],
		    strlen(svg_reserved[i]));
	collect_ids(&o, root);
	o.next = xcalloc(o.ids.n, sizeof *o.next);
	for (i = 0; svg_reserved[i] != NULL; i++)
		o.next[i] = 2;
	write_svg(&o, root, title, describedby);
	free(o.next);
	strtab_free(&o.ids);
	strtab_free(&o.made);
	xmlFreeDoc(doc);
	return (0);
}
