/* rarerisk--0.1--0.2.sql: update rarerisk from 0.1 to 0.2 */

\echo Use "ALTER EXTENSION rarerisk UPDATE TO '0.2'" to load this file. \quit

-- Every object that rarerisk--0.2.sql creates and rarerisk--0.1.sql does
-- not is created here too, in the same form, so that an updated database
-- has exactly the objects of a fresh install (test/41_upgrade.sql checks).
-- Values stored by 0.1 keep their on-disk forms: 0.2 reads them unchanged.

-- ---------------------------------------------------------------------
-- Mistyped country codes: embargo() and embargoed_content() refuse a code
-- of two or three letters that is no ISO code (CNH, chn), a country's name
-- (China) and a country code inside white space; the same check for SQL
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.check_supplier_codes(codes text[]) RETURNS text[]
	AS 'MODULE_PATHNAME', 'check_supplier_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.check_supplier_codes(text[]) IS
'the codes unchanged, or the error (22023, with the likely ISO code as hint) that embargo() raises for a code of two or three letters that is no ISO code of rarerisk.country (CNH, chn), for a country''s name (China) or for a country code inside white space; other codes (firms, blocs, S1) and ISO user-assigned codes (XAA-XZZ) pass; NULL elements pass';
COMMENT ON FUNCTION @extschema@.embargo(text[], float8, float8, float8, float8) IS
'an embargo scenario: the embargoing suppliers, intensity (1 = total ban, 0-1), the importer''s stocks in days of demand, how long the embargo lasts (horizon_days > 0) and the period the volumes cover (period_days > 0); NULL arguments are errors; a code of two or three letters that is no ISO code of rarerisk.country, a country''s name or a country code inside white space is an error (22023) naming the likely code';

-- ---------------------------------------------------------------------
-- worst_embargo with the scenario's parameters only (no ignored list)
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.worst_embargo(mix @extschema@.supply_mix, k int4,
		intensity float8 DEFAULT 1,
		stock_days float8 DEFAULT 0,
		horizon_days float8 DEFAULT 365,
		period_days float8 DEFAULT 365)
	RETURNS @extschema@.worst_case
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN @extschema@.worst_embargo(mix, k,
		@extschema@.embargo('{XXX}', intensity, stock_days, horizon_days, period_days));
COMMENT ON FUNCTION @extschema@.worst_embargo(@extschema@.supply_mix, int4, float8, float8, float8, float8) IS
'worst_embargo with the scenario''s parameters only (named and defaulted as in embargo()): the k named suppliers whose joint embargo gives the largest shortfall; NULL mix gives NULL, a NULL parameter is an error';

-- ---------------------------------------------------------------------
-- Traced share per country: how much of the supply origin tracing explains
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.traced_share(network @extschema@.trade_network,
		OUT country text, OUT traced_share float8)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 200
BEGIN ATOMIC
	SELECT s.country,
	       CASE WHEN bool_or(s.share IS NULL) THEN NULL
	            ELSE coalesce(sum(s.share) FILTER (WHERE s.origin IS NOT NULL), 0) END
	  FROM @extschema@.origin_shares(network) s
	 GROUP BY s.country
	 ORDER BY s.country COLLATE "C";
END;
COMMENT ON FUNCTION @extschema@.traced_share(@extschema@.trade_network) IS
'how much of each country''s supply the network traces to a producing country (0-1; the rest is unattributed: supply of unknown origin, imports from countries without production or imports, closed re-export loops); a low value says that origin_shares and embargoed_content rest on little; NULL for a country without supply; countries in byte order';
