/*
 * pg_type_io.h
 *		The error of a failed reader of a type's text or binary form.
 */
#ifndef RARERISK_PG_TYPE_IO_H
#define RARERISK_PG_TYPE_IO_H

#include "type_io.h"

extern void rr_io_error(const IoError *err, const char *type) pg_attribute_noreturn();

#endif							/* RARERISK_PG_TYPE_IO_H */
