/* svg.h - a chart's SVG drawing as an inline <svg> element of an HTML5 page. */
#ifndef MOT_SVG_H
#define MOT_SVG_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write the SVG document of len bytes as an <svg> element for report.html:
 * no XML declaration, DOCTYPE, comment, script, style or foreign element;
 * every id prefixed with prefix (repeats made unique) and every reference
 * to one rewritten; a viewBox and width 100%, so that it scales; role img,
 * named by a <title> of title (id prefix-title) and described by the
 * element of id describedby (when not NULL). All text and values are
 * escaped again. Nothing is written when the drawing is not an SVG
 * document: -1 then, with *cause; else 0.
 */
int	svg_inline(FILE *, const char *, size_t, const char *, const char *,
	    const char *, char **);

#endif
