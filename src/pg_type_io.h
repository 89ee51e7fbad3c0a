/*
 * pg_type_io.h
 *		The error of a failed reader of a type's text or binary form.
 */
#ifndef RARERISK_PG_TYPE_IO_H
#define RARERISK_PG_TYPE_IO_H

#include "compat.h"
#include "type_io.h"

pg_noreturn extern void rr_io_error(const IoError *err, const char *type);

#endif							/* RARERISK_PG_TYPE_IO_H */
