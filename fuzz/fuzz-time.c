/*
 * fuzz-time.c - the time and duration parsers (and the number parsers of
 * xmlin.c), with and without a zone for times written without an offset.
 * A time that parses must read back the same from its own UTC text.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "isotime.h"
#include "tz.h"
#include "xmlin.h"

static struct tz	*zone;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*cause = NULL;

	if ((zone = tz_load("Europe/Paris", &cause)) == NULL)
		free(cause);	/* no zone files: fuzz without */
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data + 1, *why;
	struct mot_duration	 d;
	mot_time		 t, t2;
	size_t			 len;
	double			 x;
	long long		 i;
	char			 buf[128];

	if (size < 1)
		return (0);
	len = size - 1;		/* the first byte picks a zone or none */
	if (isotime_parse(s, len, (data[0] & 1) ? zone : NULL, &t, &why) ==
	    0) {
		isotime_format(t, buf, sizeof buf);
		/* Years 0001 to 9999 written in UTC read back the same. */
		if (strncmp(buf, "0000", 4) != 0 && strlen(buf) >= 20 &&
		    buf[4] == '-' && (isotime_parse(buf, strlen(buf), NULL, &t2,
		    &why) != 0 || t2 != t)) {
			fprintf(stderr, "\"%.*s\" read as %lld, written %s, "
			    "read back %s\n", (int)len, s, (long long)t, buf,
			    why);
			abort();
		}
	}
	if (isodur_parse(s, len, &d, &why) == 0)
		isodur_human((double)d.us / 1e6, buf, sizeof buf);
	(void)parse_number(s, len, &x);
	(void)parse_integer(s, len, &i);
	return (0);
}
