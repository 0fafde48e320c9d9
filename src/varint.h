/* varint.h - LEB128 varints and zigzag for signed values: the compact records of breakdown cells and open clocks. */
#ifndef MOT_VARINT_H
#define MOT_VARINT_H

#include <stdint.h>

/* The longest varint of a 64-bit value. */
#define VARINT_MAX	10

/* Write v as a varint at p; the byte after it. */
static inline unsigned char *
varint_put(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return (p);
}

/* Read a varint written by varint_put; the byte after it. */
static inline const unsigned char *
varint_get(const unsigned char *p, uint64_t *v)
{
	unsigned	shift = 0;

	*v = 0;
	do {
		*v |= (uint64_t)(*p & 0x7f) << shift;
		shift += 7;
	} while (*p++ & 0x80 && shift < 64);
	return (p);
}

/* A signed value as an unsigned one, small when near zero. */
static inline uint64_t
zigzag(int64_t v)
{
	return (((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

/* The signed value of zigzag. */
static inline int64_t
unzigzag(uint64_t v)
{
	return ((int64_t)(v >> 1) ^ -(int64_t)(v & 1));
}

#endif
