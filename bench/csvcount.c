/*
 * csvcount.c - the CSV tokenizer alone (src/csv.c): counts the records,
 * fields and problems of a file read with read(2), the floor for mot's
 * throughput on CSV input. Built with mot's flags.
 *
 *	csvcount [-d DELIM] FILE
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

static ssize_t
fd_read(void *arg, char *buf, size_t n, int *code, const char **msg)
{
	ssize_t	r;

	if ((r = read(*(int *)arg, buf, n)) == -1) {
		*code = 74;
		*msg = "read error";
	}
	return (r);
}

int
main(int argc, char **argv)
{
	struct csv_opts		 o;
	struct csv_record	 rec;
	struct csv		*cs;
	unsigned long long	 records = 0, fields = 0, problems = 0;
	char			*cause = NULL;
	int			 fd, code = 0, r;

	memset(&o, 0, sizeof o);
	o.delim = ',';
	o.quote = '"';
	if (argc == 4 && strcmp(argv[1], "-d") == 0) {
		o.delim = argv[2][0] == '\\' && argv[2][1] == 't' ? '\t' :
		    (unsigned char)argv[2][0];
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || (fd = open(argv[1], O_RDONLY)) == -1) {
		fprintf(stderr, "usage: csvcount [-d DELIM] FILE\n");
		return (66);
	}
	cs = csv_new(&o, fd_read, &fd);
	while ((r = csv_next(cs, &rec, &code, &cause)) == 1) {
		records++;
		fields += rec.n;
		problems += rec.problem != NULL;
	}
	if (r == -1) {
		fprintf(stderr, "csvcount: %s: %s\n", argv[1], cause);
		return (code);
	}
	printf("%llu records, %llu fields, %llu problems, %llu bytes\n",
	    records, fields, problems, (unsigned long long)csv_offset(cs));
	csv_free(cs);
	close(fd);
	return (0);
}
