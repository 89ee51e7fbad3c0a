/*
 * embargo_io.h
 *		The text (JSON) and binary forms of embargo_scenario and
 *		embargo_state: writers and readers.
 *
 * Text forms, codes in byte order, numbers in the shortest form that reads
 * back bit-identical:
 *
 *	 {"embargoed": ["CHN"], "intensity": 1, "stock_days": 60,
 *	  "horizon_days": 365, "period_days": 365}
 *
 * and for a state the same keys followed by "demand", "embargoed_volume",
 * "embargoed_content" and "spare".  The reader takes the keys in any
 * order; a scenario's parameters default to intensity 1, stock_days 0,
 * horizon_days and period_days 365, a state's sums are required.
 *
 * Binary forms, integers big-endian, doubles as IEEE 754 bit patterns:
 * uint8 version, uint32 codes, codes x {uint32 len, len bytes}, float8
 * intensity, stock_days, horizon_days, period_days; a state adds its four
 * compensated sums as eight float8 (demand, demand_c, embargoed, ...).
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_EMBARGO_IO_H
#define RARERISK_EMBARGO_IO_H

#include "embargo.h"
#include "type_io.h"

extern char *embargo_scenario_to_json(const EmbargoScenario *s,
									  const CoreAllocator *a, size_t *len);
extern char *embargo_state_to_json(const EmbargoState *st,
								   const CoreAllocator *a, size_t *len);
extern EmbargoScenario *embargo_scenario_from_json(const char *s, size_t len,
												   bool utf8,
												   const CoreAllocator *a,
												   IoError *err);
extern EmbargoState *embargo_state_from_json(const char *s, size_t len,
											 bool utf8, const CoreAllocator *a,
											 IoError *err);

extern size_t embargo_scenario_binary_size(const EmbargoScenario *s);
extern void embargo_scenario_to_binary(const EmbargoScenario *s,
									   unsigned char *buf);
extern size_t embargo_state_binary_size(const EmbargoState *st);
extern void embargo_state_to_binary(const EmbargoState *st,
									unsigned char *buf);
extern EmbargoScenario *embargo_scenario_from_binary(const unsigned char *buf,
													 size_t len,
													 const CoreAllocator *a,
													 IoError *err);
extern EmbargoState *embargo_state_from_binary(const unsigned char *buf,
											   size_t len,
											   const CoreAllocator *a,
											   IoError *err);

#endif							/* RARERISK_EMBARGO_IO_H */
