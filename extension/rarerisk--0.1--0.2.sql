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
