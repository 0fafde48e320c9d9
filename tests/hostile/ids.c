/*
 * ids.c - the set of journey ids that counts duplicates (read_ids in
 * src/read-ids.c): within a file, across files, from several threads, and
 * not for a read that failed. Exits 0 when all hold.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "read-ids.h"

static const char	*dir;
static int		 failures;

static int
on_journey(struct journey *j, void *arg, char **cause)
{
	return (0);
}

/* Read a file of tests/hostile/data or tests/data into ids; its exit code. */
static int
readf(struct read_ids *ids, const char *name)
{
	struct read_opts	 o;
	struct read_stats	 st;
	char			*path, *cause = NULL;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.ids = ids;
	if (asprintf(&path, "%s/%s", dir, name) == -1)
		exit(99);
	rc = read_file(path, &o, on_journey, &st, &cause);
	free(cause);
	free(path);
	return (rc);
}

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want)
		printf("ok: %s: %lld\n", what, (long long)got);
	else {
		printf("FAIL: %s: %lld, expected %lld\n", what,
		    (long long)got, (long long)want);
		failures++;
	}
}

static void *
reader(void *arg)
{
	int	i;

	for (i = 0; i < 20; i++)
		readf(arg, "tests/hostile/data/duplicate-ids.xml");
	return (NULL);
}

int
main(int argc, char **argv)
{
	struct read_ids	*ids, *piece[2];
	pthread_t	 t[4];
	int		 i;

	dir = getenv("srcdir") != NULL ? getenv("srcdir") : ".";

	ids = read_ids_new();
	expect("no journey, no duplicate", read_ids_duplicates(ids), 0);
	readf(ids, "tests/hostile/data/duplicate-ids.xml");
	expect("J-1 three times and J-2", read_ids_duplicates(ids), 2);
	readf(ids, "tests/hostile/data/duplicate-ids.xml");
	expect("the same file again", read_ids_duplicates(ids), 6);
	expect("a file that does not parse adds nothing",
	    readf(ids, "tests/hostile/data/no-root-end.xml") != 0 ?
	    read_ids_duplicates(ids) : -2, 6);
	read_ids_free(ids);

	ids = read_ids_new();
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, reader, ids);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	expect("4 threads reading 20 times each", read_ids_duplicates(ids),
	    4 * 20 * 4 - 2);
	read_ids_free(ids);

	/* Pieces: sets of their own, added to the run's once all parsed. */
	ids = read_ids_new();
	piece[0] = read_ids_new();
	piece[1] = read_ids_new();
	readf(piece[0], "tests/hostile/data/duplicate-ids.xml");
	readf(piece[1], "tests/hostile/data/duplicate-ids.xml");
	readf(ids, "tests/hostile/data/duplicate-ids.xml");
	expect("a set not added counts nothing", read_ids_duplicates(ids), 2);
	read_ids_add(ids, piece[0]);
	read_ids_add(ids, piece[1]);
	expect("two sets added to a third", read_ids_duplicates(ids), 10);
	read_ids_free(piece[0]);
	read_ids_free(piece[1]);
	read_ids_free(ids);

	ids = read_ids_new();
	readf(ids, "tests/data/hand.xml");
	readf(ids, "tests/data/hand.xml.gz");
	expect("a file and its gzip copy", read_ids_duplicates(ids), 4);
	read_ids_free(ids);
	return (failures != 0);
}
