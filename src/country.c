/*
 * country.c
 *		The check of supplier codes against ISO 3166: a code of two or three
 *		ASCII letters is taken for a country code, so one that is not an
 *		ISO code of rarerisk.country ("CNH", "chn"), a country's name
 *		("China") or an ISO code padded with white space ("CHN ") is almost
 *		certainly a typo that would otherwise match no supplier and give a
 *		clean "no risk" answer.  Codes of other shapes (firms, blocs, test
 *		codes such as "S1") and ISO's user-assigned codes (AA, QM-QZ, XA-XZ,
 *		ZZ; AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ) are accepted as they are.
 *		Immutable: the table is compiled in (country_table.c).
 */
#include "country.h"

#include <string.h>

/* Names and abbreviations in common use that are not the table's */
static const struct
{
	const char *alias;
	const char *iso3;
} aliases[] = {
	{"UK", "GBR"}, {"GER", "DEU"}, {"DRC", "COD"}, {"UAE", "ARE"},
	{"Russia", "RUS"}, {"Burma", "MMR"}, {"Turkey", "TUR"},
	{"Korea", "KOR"}, {"Republic of Korea", "KOR"},
	{"Democratic Republic of the Congo", "COD"}, {"Congo (Kinshasa)", "COD"},
	{"Congo (Brazzaville)", "COG"}, {"Czech Republic", "CZE"},
	{"Ivory Coast", "CIV"}, {"Cote d'Ivoire", "CIV"}, {"Swaziland", "SWZ"},
	{"Macedonia", "MKD"}, {"Brunei", "BRN"}, {"Cape Verde", "CPV"},
	{"Great Britain", "GBR"}, {"Britain", "GBR"},
	{"United States of America", "USA"}, {"Viet Nam", "VNM"},
	{"Lao PDR", "LAO"}, {"Hong Kong SAR", "HKG"}, {"Macao SAR", "MAC"},
	{"Iran (Islamic Republic of)", "IRN"}, {"Bolivia (Plurinational State of)", "BOL"},
	{"Venezuela (Bolivarian Republic of)", "VEN"}, {"Syrian Arab Republic", "SYR"},
	{"United Republic of Tanzania", "TZA"}, {"Republic of Moldova", "MDA"},
};

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char
upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* ASCII case-insensitive equality of a counted string and a C string */
static bool
eq_fold(const char *s, size_t len, const char *z)
{
	size_t		zl = strlen(z);

	if (zl != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (upper(s[i]) != upper(z[i]))
			return false;
	return true;
}

/* ISO's user-assigned code elements, free for custom use */
static bool
user_assigned(const char *c, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (c[i] < 'A' || c[i] > 'Z')
			return false;
	/* the same rule on the first two letters of either length */
	return (c[0] == 'A' && c[1] == 'A') || (c[0] == 'Q' && c[1] >= 'M') ||
		c[0] == 'X' || (c[0] == 'Z' && c[1] == 'Z');
}

/* The row of an ISO alpha-3 or alpha-2 code (exact bytes), or NULL */
const RrCountry *
rr_country_by_code(const char *code, size_t len)
{
	if (len == 3)
	{
		size_t		lo = 0,
					hi = rr_country_count;

		while (lo < hi)
		{
			size_t		mid = lo + (hi - lo) / 2;
			int			c = memcmp(rr_countries[mid].iso3, code, 3);

			if (c == 0)
			{
				/* a code used twice (SDN): the current row */
				if (rr_countries[mid].former && mid > 0 &&
					memcmp(rr_countries[mid - 1].iso3, code, 3) == 0)
					return &rr_countries[mid - 1];
				if (rr_countries[mid].former && mid + 1 < rr_country_count &&
					memcmp(rr_countries[mid + 1].iso3, code, 3) == 0)
					return &rr_countries[mid + 1];
				return &rr_countries[mid];
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	else if (len == 2)
	{
		for (size_t i = 0; i < rr_country_count; i++)
			if (memcmp(rr_countries[i].iso2, code, 2) == 0 && rr_countries[i].iso2[0] &&
				!rr_countries[i].former)
				return &rr_countries[i];
		for (size_t i = 0; i < rr_country_count; i++)
			if (memcmp(rr_countries[i].iso2, code, 2) == 0 && rr_countries[i].iso2[0])
				return &rr_countries[i];
	}
	return NULL;
}

/* The canonical spelling of an ISO code (for suggestions): static storage */
static const char *
canonical(const RrCountry *c, size_t len)
{
	return len == 3 ? c->iso3 : c->iso2;
}

/* Add a suggestion unless present or full */
static void
suggest_add(const char **suggest, int *n, const char *code)
{
	if (code == NULL || *n >= RR_CODE_MAX_SUGGEST)
		return;
	for (int i = 0; i < *n; i++)
		if (strcmp(suggest[i], code) == 0)
			return;
	suggest[(*n)++] = code;
}

/* The alpha-3 code of an alias or of a country's name, or NULL */
static const char *
name_code(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (eq_fold(s, len, aliases[i].alias))
			return rr_country_by_code(aliases[i].iso3, 3)->iso3;
	for (size_t i = 0; i < rr_country_count; i++)
		if (!rr_countries[i].former && eq_fold(s, len, rr_countries[i].name))
			return rr_countries[i].iso3;
	return NULL;
}

/*
 * Current ISO codes one edit away from the upper-cased code u (len 2 or
 * 3): adjacent transpositions first ("CNH" -> CHN), then one substituted
 * letter.
 */
static void
near_codes(const char *u, size_t len, const char **suggest, int *n)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < rr_country_count; i++)
		{
			const RrCountry *c = &rr_countries[i];
			const char *k = canonical(c, len);
			int			diff = 0,
						first = -1;

			if (c->former || strlen(k) != len)
				continue;
			for (size_t j = 0; j < len; j++)
				if (k[j] != u[j])
				{
					if (first < 0)
						first = (int) j;
					diff++;
				}
			if (pass == 0 && diff == 2 && (size_t) first + 1 < len &&
				k[first] == u[first + 1] && k[first + 1] == u[first])
				suggest_add(suggest, n, k);
			if (pass == 1 && diff == 1)
				suggest_add(suggest, n, k);
		}
}

/* Check one code; see country.h */
RrCodeCheck
rr_code_check(const char *code, size_t len, const char **suggest, int *nsuggest)
{
	size_t		b = 0,
				e = len;
	bool		letters = (len == 2 || len == 3);

	*nsuggest = 0;
	for (size_t i = 0; i < len && letters; i++)
		letters = is_alpha(code[i]);
	if (letters)
	{
		char		u[4] = {0};
		const RrCountry *c;

		if (rr_country_by_code(code, len) || user_assigned(code, len))
			return RR_CODE_OK;
		for (size_t i = 0; i < len; i++)
			u[i] = upper(code[i]);
		if ((c = rr_country_by_code(u, len)) != NULL)
		{
			suggest_add(suggest, nsuggest, canonical(c, len));
			return RR_CODE_CASE;
		}
		if (user_assigned(u, len))
			return RR_CODE_CASE;	/* no row to point at: the caller
									 * upper-cases the code itself */
		suggest_add(suggest, nsuggest, name_code(code, len));
		near_codes(u, len, suggest, nsuggest);
		return RR_CODE_UNKNOWN;
	}

	/* a name, or a code or name inside white space */
	while (b < e && is_space(code[b]))
		b++;
	while (e > b && is_space(code[e - 1]))
		e--;
	if (b == 0 && e == len)
	{
		const char *n = name_code(code, len);

		if (n == NULL)
			return RR_CODE_OK;
		suggest_add(suggest, nsuggest, n);
		return RR_CODE_NAME;
	}
	if (e > b)
	{
		RrCodeCheck inner = rr_code_check(code + b, e - b, suggest, nsuggest);

		if (inner != RR_CODE_OK || rr_country_by_code(code + b, e - b))
		{
			if (inner == RR_CODE_OK)
				suggest_add(suggest, nsuggest, canonical(rr_country_by_code(code + b, e - b), e - b));
			return RR_CODE_SPACES;
		}
	}
	return RR_CODE_OK;
}
