/* read-ids.h - a set of journey ids to count duplicates in, shared by readers of any thread. */
#ifndef MOT_READ_IDS_H
#define MOT_READ_IDS_H

#include <stdint.h>

struct read_ids;

/* Distinct journey ids a read_ids set counts duplicates among. */
#define READ_IDS_MAX		(1 << 19)	/* 4 MiB of hashes: memory stays flat */

/* A set of journey ids that readers (of any thread) add to: bounded memory. */
struct read_ids *read_ids_new(void);
/* Add one journey's id to a set of one reader's own. */
void	read_ids_insert(struct read_ids *, const char *);
/* Add the second set's ids (one thread's own) to the first (which threads may share). */
void	read_ids_add(struct read_ids *, struct read_ids *);
/* Journeys whose id an earlier one had, over every successful read; -1 past READ_IDS_MAX ids. */
int64_t	read_ids_duplicates(struct read_ids *);
/* Free a set of ids. */
void	read_ids_free(struct read_ids *);

#endif
