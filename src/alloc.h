/*
 * alloc.h
 *		How the plain-C core gets its memory.
 *
 * Memory comes from the caller: PostgreSQL passes palloc (which raises its
 * own error when exhausted, and whose memory a cancel frees with its
 * context), the unit tests and fuzzers malloc.  alloc must return zeroed
 * memory (or NULL); release may be NULL, in which case replaced buffers are
 * left to the caller.  Every part of the core takes this one interface.
 */
#ifndef RR_ALLOC_H
#define RR_ALLOC_H

#include <stddef.h>

typedef struct CoreAllocator
{
	void	   *(*alloc) (void *arg, size_t size);
	void		(*release) (void *arg, void *ptr);
	void	   *arg;
} CoreAllocator;

#endif							/* RR_ALLOC_H */
