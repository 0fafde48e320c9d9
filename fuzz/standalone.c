/*
 * standalone.c - runs a harness without libFuzzer: each FILE argument (or
 * every file in a folder argument) is given to it once. make check builds
 * the harnesses this way to replay their seeds and the regressions that
 * fuzzing found (fuzz/regressions/NAME/), under the sanitizers in CI.
 */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long	runs;

static void
run_file(const char *path)
{
	FILE		*f;
	uint8_t		*buf = NULL;
	size_t		 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(2);
	}
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		if ((n = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	runs++;
}

static void
run_path(const char *path)
{
	struct stat	 sb;
	struct dirent	*de;
	DIR		*d;
	char		*sub;

	if (stat(path, &sb) != 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(sb.st_mode)) {
		run_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		perror(path);
		exit(2);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&sub, "%s/%s", path, de->d_name) == -1)
			abort();
		run_path(sub);
		free(sub);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	int	i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%lu inputs\n", runs);
	return (0);
}
