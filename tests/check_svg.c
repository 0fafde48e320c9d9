/*
 * check_svg.c - tests for svg.c, a chart's drawing made an inline <svg> of
 * report.html: what HTML5 forbids left out, ids made the chart's own with
 * their references, repeated ids made unique, the drawing made to scale,
 * its accessible name, and hostile text and markup kept inert.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_mot.h"
#include "svg.h"

/* What svg_inline writes for the drawing s (prefix "p"), as a string to free; *rc its return. */
static char *
inline_svg(const char *s, const char *title, const char *describedby,
    int *rc, char **cause)
{
	char	*buf = NULL;
	size_t	 size = 0;
	FILE	*f;

	f = open_memstream(&buf, &size);
	ck_assert_ptr_nonnull(f);
	*rc = svg_inline(f, s, strlen(s), "p", title, describedby, cause);
	fclose(f);
	return (buf);
}

static char *
ok_svg(const char *s)
{
	char	*cause, *out;
	int	 rc;

	out = inline_svg(s, "T", NULL, &rc, &cause);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(cause);
	return (out);
}

#define HAS(out, s)	ck_assert_msg(strstr((out), (s)) != NULL, \
			    "no \"%s\" in %s", (s), (out))
#define HASNT(out, s)	ck_assert_msg(strstr((out), (s)) == NULL, \
			    "\"%s\" in %s", (s), (out))

/* gnuplot's prolog (declaration, DOCTYPE, comments, its title and desc) is left out; the drawing scales. */
START_TEST(test_svg_strip)
{
	char	*out = ok_svg("<?xml version=\"1.0\" encoding=\"utf-8\" "
	    "standalone=\"no\"?>\n"
	    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
	    "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	    "<svg \n width=\"1000\" height=\"374\"\n viewBox=\"0 0 1000 374\"\n"
	    " xmlns=\"http://www.w3.org/2000/svg\"\n"
	    " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n"
	    "<title>Gnuplot</title>\n<desc>Produced by GNUPLOT 5.4</desc>\n"
	    "<!-- a comment --><?pi x?>\n"
	    "<g><title>kept</title><text xml:space=\"preserve\">a</text></g>"
	    "</svg>\n");

	ck_assert_str_eq(out, "<svg viewBox=\"0 0 1000 374\" width=\"100%\" "
	    "role=\"img\" aria-labelledby=\"p-title\"><title id=\"p-title\">"
	    "T</title>\n\n\n\n<g><title>kept</title>"
	    "<text xml:space=\"preserve\">a</text></g></svg>");
	free(out);
}
END_TEST

/* Without a viewBox, one is made from the width and height. */
START_TEST(test_svg_viewbox)
{
	char	*out = ok_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"200\" height=\"20px\"><text x=\"4\">a</text></svg>");

	ck_assert_str_eq(out, "<svg viewBox=\"0 0 200 20\" width=\"100%\" "
	    "role=\"img\" aria-labelledby=\"p-title\"><title id=\"p-title\">"
	    "T</title><text x=\"4\">a</text></svg>");
	free(out);
}
END_TEST

/* Every id gets the prefix, and so does every reference to one. */
START_TEST(test_svg_ids)
{
	char	*out = ok_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 1 1\">"
	    "<g id=\"gnuplot_canvas\"><defs>"
	    "<circle id='gpPt5' r='1'/>"
	    "<use xlink:href='#gpPt5' id='gpPt6'/>"
	    "<filter id='textbox'/></defs>"
	    "<use href=\"#gpPt6\"/>"
	    "<g filter=\"url(#textbox)\" style=\"fill:url( '#gpPt5') "
	    "red;clip-path:URL(#c)\"/></g></svg>");

	HAS(out, "<g id=\"p-gnuplot_canvas\">");
	HAS(out, "<circle id=\"p-gpPt5\" r=\"1\"/>");
	HAS(out, "<use xlink:href=\"#p-gpPt5\" id=\"p-gpPt6\"/>");
	HAS(out, "<filter id=\"p-textbox\"/>");
	HAS(out, "<use href=\"#p-gpPt6\"/>");
	HAS(out, "filter=\"url(#p-textbox)\"");
	HAS(out, "style=\"fill:url( &#39;#p-gpPt5&#39;) red;"
	    "clip-path:URL(#p-c)\"");
	HASNT(out, "\"gpPt");
	HASNT(out, "\"#gp");
	free(out);
}
END_TEST

/* An id given twice (or one of svg_inline's own) is made unique; references go to the first. */
START_TEST(test_svg_repeated_ids)
{
	char	*out = ok_svg("<svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<g id=\"a\"/><g id=\"a\"/><g id=\"a-2\"/><g id=\"a\"/>"
	    "<g id=\"title\"/><g id=\"caption\"/><use href=\"#a\"/></svg>");

	HAS(out, "<g id=\"p-a\"/><g id=\"p-a-3\"/><g id=\"p-a-2\"/>"
	    "<g id=\"p-a-4\"/><g id=\"p-title-2\"/><g id=\"p-caption-2\"/>"
	    "<use href=\"#p-a\"/>");
	free(out);
}
END_TEST

/* Many repeats of one id cost linear time, each one unique. */
START_TEST(test_svg_many_repeats)
{
	size_t	 n = 20000, i, len;
	char	*s, *out, *p, id[32];

	len = 64 + n * 12;
	s = malloc(len);
	ck_assert_ptr_nonnull(s);
	p = s + sprintf(s, "<svg xmlns=\"http://www.w3.org/2000/svg\">");
	for (i = 0; i < n; i++)
		p += sprintf(p, "<g id=\"x\"/>");
	strcpy(p, "</svg>");
	out = ok_svg(s);
	snprintf(id, sizeof id, "\"p-x-%zu\"", n);
	HAS(out, id);
	HAS(out, "<g id=\"p-x\"/><g id=\"p-x-2\"/>");
	free(out);
	free(s);
}
END_TEST

/* The accessible name and description: escaped, and pointing to the caller's caption. */
START_TEST(test_svg_name)
{
	char	*cause, *out;
	int	 rc;

	out = inline_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	    "<b>\"x\" & 'y'</b>", "chart-x-caption", &rc, &cause);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "<svg width=\"100%\" role=\"img\" "
	    "aria-labelledby=\"p-title\" aria-describedby=\"chart-x-caption\">"
	    "<title id=\"p-title\">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;"
	    "&lt;/b&gt;</title></svg>");
	free(out);
}
END_TEST

/* Names from the input stay text; nothing runs, loads or styles the page. */
START_TEST(test_svg_hostile)
{
	char	*out = ok_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "xmlns:x=\"urn:x\" onload=\"alert(1)\">"
	    "<text>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; "
	    "\"q\" 'a'</text>"
	    "<text><![CDATA[<img src=x onerror=alert(2)>]]></text>"
	    "<script>alert(3)</script><style>body{display:none}</style>"
	    "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "f</div></foreignObject>"
	    "<set attributeName=\"href\" to=\"javascript:alert(4)\"/>"
	    "<x:y>foreign</x:y>"
	    "<a href=\"javascript:alert(5)\" xlink:href=\"http://e.x/\" "
	    "x:k=\"v\" ONCLICK=\"alert(6)\"><rect/></a>"
	    "<image href=\"http://e.x/i.png\" xlink:href=\"data:x\"/>"
	    "<rect fill=\"url(http://e.x/#g)\" stroke=\"red\"/></svg>");

	HAS(out, "<text>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; "
	    "&quot;q&quot; &#39;a&#39;</text>");
	HAS(out, "<text>&lt;img src=x onerror=alert(2)&gt;</text>");
	HAS(out, "<a><rect/></a><image/><rect stroke=\"red\"/></svg>");
	HASNT(out, "onload");
	HASNT(out, "alert(3)");
	HASNT(out, "display:none");
	HASNT(out, ">f<");
	HASNT(out, "javascript");
	HASNT(out, "foreign");
	HASNT(out, "e.x");
	HASNT(out, "<script");
	HASNT(out, "<img");
	free(out);
}
END_TEST

/* Not an SVG document: -1, a cause, nothing written. */
START_TEST(test_svg_refused)
{
	static const char *const bad[] = {
		"<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>",
		"<svg><g/></svg>",
		"<html xmlns=\"http://www.w3.org/2000/svg\"/>",
		"a picture of x.gp\n",
		"",
		"<!DOCTYPE svg [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&e;"
		    "</text></svg>x"
	};
	char	*cause, *out;
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		out = inline_svg(bad[i], "T", "c", &rc, &cause);
		ck_assert_msg(rc == -1, "accepted: %s", bad[i]);
		ck_assert_ptr_nonnull(cause);
		ck_assert_str_eq(out, "");
		free(cause);
		free(out);
	}
}
END_TEST

/* An external entity is never read: the reference is left out. */
START_TEST(test_svg_no_entities)
{
	char	*out = ok_svg("<!DOCTYPE svg [<!ENTITY e SYSTEM "
	    "\"file:///etc/passwd\"><!ENTITY i \"inner\">]>"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>a&e;b&i;c"
	    "</text></svg>");

	HAS(out, "<text>abc</text>");
	HASNT(out, "root");
	free(out);
}
END_TEST

Suite *
make_svg_suite(void)
{
	Suite	*s = suite_create("svg");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_svg_strip);
	tcase_add_test(tc, test_svg_viewbox);
	tcase_add_test(tc, test_svg_ids);
	tcase_add_test(tc, test_svg_repeated_ids);
	tcase_add_test(tc, test_svg_many_repeats);
	tcase_add_test(tc, test_svg_name);
	tcase_add_test(tc, test_svg_hostile);
	tcase_add_test(tc, test_svg_refused);
	tcase_add_test(tc, test_svg_no_entities);
	suite_add_tcase(s, tc);
	return (s);
}
