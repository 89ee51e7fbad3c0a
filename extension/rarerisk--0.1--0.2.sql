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
-- Probabilistic disruption risk: independent events, exact enumeration
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.disruption_event AS (
	name text,
	probability float8,
	suppliers text[],
	intensity float8
);
COMMENT ON TYPE @extschema@.disruption_event IS
'one disruption event: with the given probability (independently of the other events) the listed suppliers cut their exports by intensity (0-1]; built by disruption_event()';

CREATE TYPE @extschema@.disruption_risk AS (
	expected_shortfall_share float8,
	p_shortage float8,
	var_95 float8,
	cvar_95 float8,
	worst_share float8,
	events int4
);
COMMENT ON TYPE @extschema@.disruption_risk IS
'result of disruption_risk: expected shortfall share, probability of any shortage, value at risk and conditional value at risk at 95 % of the shortfall share, the worst outcome''s share, and the number of events of positive probability';

CREATE FUNCTION @extschema@.disruption_event(name text, probability float8,
		suppliers text[], intensity float8 DEFAULT 1)
	RETURNS @extschema@.disruption_event
	AS 'MODULE_PATHNAME', 'disruption_event_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.disruption_risk(mix @extschema@.supply_mix,
		events @extschema@.disruption_event[],
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.disruption_risk
	AS 'MODULE_PATHNAME', 'mix_disruption_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disruption_distribution(mix @extschema@.supply_mix,
		events @extschema@.disruption_event[],
		scenario @extschema@.embargo_scenario,
		OUT shortfall_share float8, OUT probability float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_disruption_distribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;

COMMENT ON FUNCTION @extschema@.disruption_event(text, float8, text[], float8) IS
'a disruption event: name (may be NULL), probability in [0,1], the suppliers it cuts (non-empty, no NULL) and the intensity of the cut in (0,1], default 1; bad values are errors (22023)';
COMMENT ON FUNCTION @extschema@.disruption_risk(@extschema@.supply_mix, @extschema@.disruption_event[], @extschema@.embargo_scenario) IS
'exact disruption risk of independent events over a stored mix: every outcome of the events of probability strictly between 0 and 1 (at most 24) through the embargo model with the scenario''s stocks, horizon and period (its list and intensity are ignored); a supplier hit by several events is cut by the largest intensity; NULL for a zero total';
COMMENT ON FUNCTION @extschema@.disruption_distribution(@extschema@.supply_mix, @extschema@.disruption_event[], @extschema@.embargo_scenario) IS
'the exact distribution behind disruption_risk: one row per distinct shortfall share, ascending, with its probability (the probabilities sum to 1)';

-- ---------------------------------------------------------------------
-- Change and alerts: how concentration moved between two mixes
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.concentration_change AS (
	hhi_before float8,
	hhi_after float8,
	hhi_delta float8,
	top_before text,
	top_after text,
	top_changed boolean,
	largest_drop_supplier text,
	largest_drop float8,
	new_suppliers text[],
	lost_suppliers text[]
);
COMMENT ON TYPE @extschema@.concentration_change IS
'result of concentration_change: HHI before, after and their difference, the top supplier before and after and whether it changed, the supplier whose share fell most with the percentage points it lost, and the suppliers that appeared and disappeared (byte order)';

CREATE FUNCTION @extschema@.concentration_change(before @extschema@.supply_mix,
		after @extschema@.supply_mix)
	RETURNS @extschema@.concentration_change
	AS 'MODULE_PATHNAME', 'mix_concentration_change' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.dominant_supplier(mix @extschema@.supply_mix,
		threshold float8 DEFAULT 0.65)
	RETURNS text
	AS 'MODULE_PATHNAME', 'mix_dominant_supplier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration_change(@extschema@.supply_mix, @extschema@.supply_mix) IS
'how concentration changed from before to after (concentration_change composite): HHI and its delta, top supplier switch, the largest fall of a supplier''s share in percentage points (NULL if no share fell or a total is 0), new and lost suppliers';
COMMENT ON FUNCTION @extschema@.dominant_supplier(@extschema@.supply_mix, float8) IS
'the named supplier whose share of the total exceeds threshold (default 0.65, the EU Critical Raw Materials Act single-country benchmark), or NULL; threshold outside [0,1] is an error (22023)';
