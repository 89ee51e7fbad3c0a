/*
 * type_io.h
 *		What every reader of a type's text or binary form reports, and the
 *		byte order of the binary forms.
 *
 * A reader returns NULL and fills an IoError; the glue turns its kind into
 * the SQLSTATE and its message into the error text.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_TYPE_IO_H
#define RARERISK_TYPE_IO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef enum IoErrorKind
{
	IO_OK = 0,
	IO_ERR_JSON,				/* not JSON text at all (message: the detail) */
	IO_ERR_SYNTAX,				/* JSON, but not the type's form */
	IO_ERR_RANGE,				/* a number out of range (message complete) */
	IO_ERR_TOO_LONG,			/* a code longer than the limit */
	IO_ERR_TOO_BIG,				/* the value would exceed 1 GB */
	IO_ERR_NOMEM,				/* the allocator returned NULL */
	IO_ERR_BINARY				/* not a valid binary form */
} IoErrorKind;

typedef struct IoError
{
	IoErrorKind kind;
	char		message[1200];	/* lower case, no trailing period */
} IoError;

static inline bool io_fail(IoError *e, IoErrorKind kind, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Record an error (the first one wins); always returns false */
static inline bool
io_fail(IoError *e, IoErrorKind kind, const char *fmt,...)
{
	va_list		ap;

	if (e->kind != IO_OK)
		return false;
	e->kind = kind;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return false;
}

/*
 * Bytes of a code to show in a message: at most 64, cut on a UTF-8
 * character boundary
 */
static inline int
io_shown(const char *s, size_t len)
{
	size_t		n = len > 64 ? 64 : len;

	if (n < len)
		while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
			n--;
	return (int) n;
}

/* A reader of a binary form: network byte order, every length checked */
typedef struct BinReader
{
	const unsigned char *p;
	size_t		left;
} BinReader;

static inline bool
bin_u32(BinReader *r, uint32_t *v)
{
	if (r->left < 4)
		return false;
	*v = ((uint32_t) r->p[0] << 24) | ((uint32_t) r->p[1] << 16) |
		((uint32_t) r->p[2] << 8) | r->p[3];
	r->p += 4;
	r->left -= 4;
	return true;
}

static inline bool
bin_f64(BinReader *r, double *d)
{
	uint32_t	hi,
				lo;
	uint64_t	v;

	if (!bin_u32(r, &hi) || !bin_u32(r, &lo))
		return false;
	v = ((uint64_t) hi << 32) | lo;
	memcpy(d, &v, 8);
	return true;
}

static inline bool
bin_bytes(BinReader *r, size_t n, const char **out)
{
	if (r->left < n)
		return false;
	*out = (const char *) r->p;
	r->p += n;
	r->left -= n;
	return true;
}

static inline unsigned char *
bin_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v >> 24);
	p[1] = (unsigned char) (v >> 16);
	p[2] = (unsigned char) (v >> 8);
	p[3] = (unsigned char) v;
	return p + 4;
}

static inline unsigned char *
bin_put_f64(unsigned char *p, double d)
{
	uint64_t	v;

	memcpy(&v, &d, 8);
	p = bin_put_u32(p, (uint32_t) (v >> 32));
	return bin_put_u32(p, (uint32_t) v);
}

/* A byte string after its length (uint32) */
static inline unsigned char *
bin_put_bytes(unsigned char *p, const char *s, size_t len)
{
	p = bin_put_u32(p, (uint32_t) len);
	memcpy(p, s, len);
	return p + len;
}

#endif							/* RARERISK_TYPE_IO_H */
