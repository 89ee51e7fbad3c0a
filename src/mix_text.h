/*
 * mix_text.h
 *		The external forms of a supply mix: JSON text and a portable binary
 *		format (network byte order, versioned).
 *
 * Text form, written with suppliers in byte order so that equal mixes print
 * identically, numbers in the shortest form that reads back bit-identical:
 *
 *	 {"suppliers": {"AUS": 16000, "CHN": 255000}, "unattributed": 1440}
 *
 * A mix with spare capacity adds "spare" (the suppliers whose spare
 * capacity is not 0) and "unattributed_spare"; a partial state of
 * concentration_ratio adds "k".  The reader accepts these keys in any order
 * with any JSON white space, and "{}" as the empty mix.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_MIX_TEXT_H
#define RARERISK_MIX_TEXT_H

#include "mix.h"

#define MIX_BINARY_VERSION	1

typedef struct MixParseError
{
	MixStatus	status;			/* MIX_ERR_CORRUPT for syntax errors */
	char		message[200];	/* lower case, no trailing period */
} MixParseError;

extern char *mix_to_json(const Mix *m, const CoreAllocator *a, size_t *len);
extern Mix *mix_from_json(const char *s, size_t len, bool utf8,
						  const CoreAllocator *a, MixParseError *err);
extern size_t mix_binary_size(const Mix *m);
extern void mix_to_binary(const Mix *m, uint32_t *order, unsigned char *buf);
extern Mix *mix_from_binary(const unsigned char *buf, size_t len,
							const CoreAllocator *a, MixParseError *err);

#endif							/* RARERISK_MIX_TEXT_H */
