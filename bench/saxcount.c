/*
 * saxcount.c - the floor for mot's throughput: a bare libxml2 SAX2 push
 * parse of a file that only counts elements and attributes, reading and
 * pushing the same 256 KiB chunks as mot does. Built with mot's flags.
 *
 *	saxcount FILE
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

static unsigned long long	elements, attributes;

static void
start(void *ud, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	elements++;
	attributes += (unsigned long long)nattrs;
}

int
main(int argc, char **argv)
{
	static char		 buf[256 * 1024];
	xmlSAXHandler		 sax;
	xmlParserCtxtPtr	 ctxt = NULL;
	ssize_t			 n;
	int			 fd;

	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) == -1) {
		fprintf(stderr, "usage: saxcount FILE\n");
		return (66);
	}
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = start;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (ctxt == NULL) {
			ctxt = xmlCreatePushParserCtxt(&sax, NULL, buf, (int)n,
			    argv[1]);
			xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOENT);
		} else
			xmlParseChunk(ctxt, buf, (int)n, 0);
	}
	if (ctxt == NULL)
		return (65);
	xmlParseChunk(ctxt, NULL, 0, 1);
	printf("%llu elements, %llu attributes, well-formed %d\n", elements,
	    attributes, ctxt->wellFormed);
	xmlFreeParserCtxt(ctxt);
	close(fd);
	return (0);
}
