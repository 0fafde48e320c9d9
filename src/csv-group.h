/* csv-group.h - CSV rows gathered into journeys, in the order their ids first appear. */
#ifndef MOT_CSV_GROUP_H
#define MOT_CSV_GROUP_H

#include <stddef.h>

#include "csv.h"

struct cgroup;

/* What cgroup_each calls: a journey's start (its id), each of its rows in file order, its end; 0 goes on, else it stops. */
struct cgroup_fns {
	int	(*begin)(void *, const char *, size_t,
		    const struct csv_record *);
	int	(*row)(void *, const struct csv_record *);
	int	(*end)(void *);
};

/* A store for rows of ncols columns, keeping the columns marked in keep (by index), in about budget bytes (0: no limit) before it spills runs to $TMPDIR. */
struct cgroup *cgroup_new(size_t, const unsigned char *, size_t);
/* Add a row of the journey with this id; 0, or an exit code with *cause (a temporary file). */
int	cgroup_add(struct cgroup *, const char *, size_t,
	    const struct csv_record *, char **);
/* The bytes the store holds in memory. */
size_t	cgroup_bytes(const struct cgroup *);
/* The runs written to $TMPDIR so far. */
size_t	cgroup_runs(const struct cgroup *);
/* Call fns for every journey, in the order their ids first appeared; 0, what a function returned, or an exit code with *cause (a temporary file). */
int	cgroup_each(struct cgroup *, const struct cgroup_fns *, void *,
	    char **);
/* Free the store. */
void	cgroup_free(struct cgroup *);

#endif
