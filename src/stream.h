/* stream.h - a compressed journeys file or XES log cut into chunks as it is decompressed, for several readers (-j). */
#ifndef MOT_STREAM_H
#define MOT_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "xmlin.h"

/* Chunks are cut at the first unit start past this many bytes. */
#define STREAM_CHUNK		(UINT64_C(2) << 20)
/* A chunk with no unit start past it, and a header longer, is not cut: the file is read whole. */
#define STREAM_CHUNK_MAX	(UINT64_C(256) << 20)

struct stream;

/* A chunk: its bytes, and the range that parses them as a document of their own. */
struct stream_chunk {
	char			*buf;
	size_t			 cap;
	struct xmlin_range	 range;
};

/* Open a file to be cut: 0 and *sp; 1 if it is not a compressed journeys file or XES log that can be, or its decompressor is slower than a parser (read it whole); or an exit code with *cause. */
int	stream_open(struct stream **, const char *, uint64_t, char **);
/* The next chunk (free it with stream_chunk_free once parsed; the stream must outlive it): 1, 0 at the end, or -1 with *cause. */
int	stream_next(struct stream *, struct stream_chunk **, char **);
/* The compressed bytes read, the decompressed bytes given, and whether it is gzip: as a reader of the whole file counts them. */
void	stream_stats(const struct stream *, struct xmlin_stats *);
/* Free a chunk of the stream (on the thread that cuts it: its buffer is kept for the next). */
void	stream_chunk_free(struct stream *, struct stream_chunk *);
/* Close the stream. */
void	stream_close(struct stream *);

#endif
