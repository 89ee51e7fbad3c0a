/*
 * country_unit.c
 *		Unit tests of the supplier-code check (src/country.c): ISO codes,
 *		user-assigned codes and codes of other shapes pass; wrong case,
 *		unknown two- or three-letter codes, country names and padded codes
 *		fail with the likely code; the compiled table is sorted and unique.
 *
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include <string.h>

#include "unit.h"

#include "country.h"

static RrCodeCheck
chk(const char *code, const char **first)
{
	const char *s[RR_CODE_MAX_SUGGEST];
	int			n;
	RrCodeCheck r = rr_code_check(code, strlen(code), s, &n);

	*first = n > 0 ? s[0] : "";
	return r;
}

int
main(void)
{
	const char *f;
	static const char *const ok[] = {"CHN", "CN", "USA", "ZZZ", "XKX", "QMA", "AA",
		"S1", "A", "B", "firm:ABC", "EU27", "Lynas Rare Earths", "a_long_supplier_code",
	"", "ANT", "ignored"};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(chk(ok[i], &f) == RR_CODE_OK, "%s", ok[i]);

	CHECK(chk("CNH", &f) == RR_CODE_UNKNOWN && strcmp(f, "CHN") == 0, "CNH -> %s", f);
	CHECK(chk("chn", &f) == RR_CODE_CASE && strcmp(f, "CHN") == 0, "chn -> %s", f);
	CHECK(chk("Chn", &f) == RR_CODE_CASE && strcmp(f, "CHN") == 0, "Chn -> %s", f);
	CHECK(chk("cn", &f) == RR_CODE_CASE && strcmp(f, "CN") == 0, "cn -> %s", f);
	CHECK(chk("zzz", &f) == RR_CODE_CASE, "zzz");
	CHECK(chk("China", &f) == RR_CODE_NAME && strcmp(f, "CHN") == 0, "China -> %s", f);
	CHECK(chk("CHINA", &f) == RR_CODE_NAME && strcmp(f, "CHN") == 0, "CHINA -> %s", f);
	CHECK(chk("Russia", &f) == RR_CODE_NAME && strcmp(f, "RUS") == 0, "Russia -> %s", f);
	CHECK(chk("UK", &f) == RR_CODE_UNKNOWN && strcmp(f, "GBR") == 0, "UK -> %s", f);
	CHECK(chk("GER", &f) == RR_CODE_UNKNOWN && strcmp(f, "DEU") == 0, "GER -> %s", f);
	CHECK(chk("CHN ", &f) == RR_CODE_SPACES && strcmp(f, "CHN") == 0, "'CHN ' -> %s", f);
	CHECK(chk(" China", &f) == RR_CODE_SPACES && strcmp(f, "CHN") == 0, "' China' -> %s", f);
	CHECK(chk("S1 ", &f) == RR_CODE_OK, "'S1 '");
	CHECK(chk("ABC", &f) == RR_CODE_UNKNOWN, "ABC");
	CHECK(chk("EU", &f) == RR_CODE_UNKNOWN, "EU");

	/* every current code passes; the table is sorted by alpha-3 */
	for (size_t i = 0; i < rr_country_count; i++)
	{
		const RrCountry *c = &rr_countries[i];

		CHECK(chk(c->iso3, &f) == RR_CODE_OK, "%s", c->iso3);
		if (c->iso2[0])
			CHECK(chk(c->iso2, &f) == RR_CODE_OK, "%s", c->iso2);
		if (!c->former)
			CHECK(chk(c->name, &f) == RR_CODE_NAME, "%s", c->name);
		if (i > 0)
			CHECK(strcmp(rr_countries[i - 1].iso3, c->iso3) <= 0, "order at %s", c->iso3);
	}
	/* a code one letter off never suggests itself or a former entity */
	for (char a = 'A'; a <= 'Z'; a++)
		for (char b = 'A'; b <= 'Z'; b++)
			for (char c = 'A'; c <= 'Z'; c++)
			{
				char		code[4] = {a, b, c, 0};
				const char *s[RR_CODE_MAX_SUGGEST];
				int			n;
				RrCodeCheck r = rr_code_check(code, 3, s, &n);

				CHECK(r == RR_CODE_OK || r == RR_CODE_UNKNOWN, "%s", code);
				for (int k = 0; k < n; k++)
					CHECK(strcmp(s[k], code) != 0 && !rr_country_by_code(s[k], 3)->former, "%s", code);
			}
	return unit_report("country codes");
}
