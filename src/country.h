/*
 * country.h
 *		Which supplier codes look like mistyped country codes: ISO 3166
 *		codes and names of rarerisk.country compiled in (country_table.c),
 *		and the check that the embargo functions apply to the codes they
 *		are given.  Plain C, no PostgreSQL headers.
 */
#ifndef RARERISK_COUNTRY_H
#define RARERISK_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct RrCountry
{
	char		iso3[4];
	char		iso2[3];		/* "" when the row has none */
	const char *name;			/* UTF-8 */
	bool		former;			/* a former entity (valid_to set) */
} RrCountry;

extern const RrCountry rr_countries[];
extern const size_t rr_country_count;

typedef enum RrCodeCheck
{
	RR_CODE_OK,					/* an ISO code, a user-assigned code, or not
								 * country-shaped (a firm, a bloc, "S1") */
	RR_CODE_CASE,				/* an ISO code in the wrong case ("chn") */
	RR_CODE_UNKNOWN,			/* two or three letters, not an ISO code */
	RR_CODE_NAME,				/* a country's name ("China") */
	RR_CODE_SPACES				/* an ISO code or name with white space
								 * around it ("CHN ") */
} RrCodeCheck;

#define RR_CODE_MAX_SUGGEST 3

/*
 * Check one code; on a problem, fill suggest[] with up to
 * RR_CODE_MAX_SUGGEST likely ISO codes (NUL-terminated, static storage)
 * and *nsuggest with their number.
 */
extern RrCodeCheck rr_code_check(const char *code, size_t len,
								 const char **suggest, int *nsuggest);

/* The row of an ISO alpha-3 or alpha-2 code (exact bytes), or NULL */
extern const RrCountry *rr_country_by_code(const char *code, size_t len);

#endif							/* RARERISK_COUNTRY_H */
