/* rarerisk--0.1.sql: supply concentration and embargo exposure of critical minerals */

\echo Use "CREATE EXTENSION rarerisk" to load this file. \quit

-- The schema is created by CREATE EXTENSION (schema = rarerisk in the
-- control file) with no privileges for anyone but its owner: every role
-- may use the extension's types and functions.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- ---------------------------------------------------------------------
-- The supply_mix type
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.supply_mix;

CREATE FUNCTION @extschema@.supply_mix_in(cstring) RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_out(@extschema@.supply_mix) RETURNS cstring
	AS 'MODULE_PATHNAME', 'supply_mix_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_recv(internal) RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_send(@extschema@.supply_mix) RETURNS bytea
	AS 'MODULE_PATHNAME', 'supply_mix_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.supply_mix (
	INPUT = @extschema@.supply_mix_in,
	OUTPUT = @extschema@.supply_mix_out,
	RECEIVE = @extschema@.supply_mix_recv,
	SEND = @extschema@.supply_mix_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.supply_mix IS
'per-supplier totals of one group (volume, spare capacity, unattributed volume); text form is JSON, e.g. {"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}';
COMMENT ON FUNCTION @extschema@.supply_mix_in(cstring) IS 'text input of supply_mix: the JSON form written by supply_mix_out';
COMMENT ON FUNCTION @extschema@.supply_mix_out(@extschema@.supply_mix) IS 'text output of supply_mix: JSON, suppliers in byte order, shortest exact numbers';
COMMENT ON FUNCTION @extschema@.supply_mix_recv(internal) IS 'binary input of supply_mix (versioned, network byte order, validated)';
COMMENT ON FUNCTION @extschema@.supply_mix_send(@extschema@.supply_mix) IS 'binary output of supply_mix (versioned, network byte order)';

-- ---------------------------------------------------------------------
-- Transition, combine and final functions shared by the aggregates
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_spare' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, int4)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_k' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_combine(@extschema@.supply_mix, @extschema@.supply_mix)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_final(@extschema@.supply_mix)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.concentration_ratio_final(@extschema@.supply_mix)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_concentration_ratio_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8) IS
'transition function of the supply_mix aggregates: adds one (supplier, volume) row in place';
COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, float8) IS
'transition function of supply_mix(supplier, volume, spare): adds one row with spare capacity in place';
COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, int4) IS
'transition function of concentration_ratio: adds one row and keeps k in the state';
COMMENT ON FUNCTION @extschema@.supply_mix_combine(@extschema@.supply_mix, @extschema@.supply_mix) IS
'union of two supply mixes (volumes, spare and unattributed volume summed per supplier); combine function of every supply_mix aggregate';
COMMENT ON FUNCTION @extschema@.supply_mix_final(@extschema@.supply_mix) IS
'canonical form of a supply mix (suppliers in byte order, no slack); final function of supply_mix and supply_mix_merge';
COMMENT ON FUNCTION @extschema@.concentration_ratio_final(@extschema@.supply_mix) IS
'final function of concentration_ratio: the CRk share, with k carried in the state';

-- ---------------------------------------------------------------------
-- Measures over a mix
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.concentration_profile AS (
	total float8,
	suppliers int4,
	hhi float8,
	normalized_hhi float8,
	equivalent_suppliers float8,
	top_supplier text,
	top_share float8,
	cr3 float8,
	shannon float8
);
COMMENT ON TYPE @extschema@.concentration_profile IS
'every concentration measure of one group: total, suppliers (volume > 0), hhi (0-10,000), normalized_hhi (0-1), equivalent_suppliers, top_supplier, top_share (CR1), cr3, shannon (nats)';

CREATE FUNCTION @extschema@.total(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supplier_count(@extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'mix_supplier_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shares(mix @extschema@.supply_mix,
		OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
CREATE FUNCTION @extschema@.hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.top_share(@extschema@.supply_mix, k int4) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_top_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.top_supplier(@extschema@.supply_mix) RETURNS text
	AS 'MODULE_PATHNAME', 'mix_top_supplier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.equivalent_suppliers(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_equivalent_suppliers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.normalized_hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_normalized_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shannon_diversity(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_shannon_diversity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.concentration(@extschema@.supply_mix)
	RETURNS @extschema@.concentration_profile
	AS 'MODULE_PATHNAME', 'mix_concentration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.total(@extschema@.supply_mix) IS
'total volume of a mix, unattributed volume included (0 for the empty mix)';
COMMENT ON FUNCTION @extschema@.supplier_count(@extschema@.supply_mix) IS
'number of named suppliers with volume > 0';
COMMENT ON FUNCTION @extschema@.shares(@extschema@.supply_mix) IS
'one row per named supplier ranked by volume (ties by code), share of the grand total; then the unattributed volume with supplier and rank NULL';
COMMENT ON FUNCTION @extschema@.hhi(@extschema@.supply_mix) IS
'Herfindahl-Hirschman index on the 0-10,000 scale: sum of squared percent shares of named suppliers (unattributed volume counts in the total only); NULL for a zero total';
COMMENT ON FUNCTION @extschema@.top_share(@extschema@.supply_mix, int4) IS
'concentration ratio CRk: share of the k largest named suppliers, 0-1; k >= 1';
COMMENT ON FUNCTION @extschema@.top_supplier(@extschema@.supply_mix) IS
'the largest named supplier (ties: the smallest code in byte order); NULL if none has volume';
COMMENT ON FUNCTION @extschema@.equivalent_suppliers(@extschema@.supply_mix) IS
'numbers-equivalent 10,000 / HHI: how many equal-sized suppliers the mix is worth';
COMMENT ON FUNCTION @extschema@.normalized_hhi(@extschema@.supply_mix) IS
'range-normalised HHI (H - 1/N)/(1 - 1/N) on the 0-1 scale over named suppliers only; 1 for a single supplier';
COMMENT ON FUNCTION @extschema@.shannon_diversity(@extschema@.supply_mix) IS
'Shannon diversity -sum s ln s over named suppliers, shares of the grand total, in nats';
COMMENT ON FUNCTION @extschema@.concentration(@extschema@.supply_mix) IS
'every concentration measure of a mix as one concentration_profile';

-- ---------------------------------------------------------------------
-- Aggregates
-- ---------------------------------------------------------------------

CREATE AGGREGATE @extschema@.supply_mix(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.supply_mix(supplier text, volume float8, spare float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1536,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.supply_mix_merge(@extschema@.supply_mix) (
	SFUNC = @extschema@.supply_mix_combine,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.concentration_hhi(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.concentration_ratio(supplier text, volume float8, k int4) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.concentration_ratio_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.top_supplier(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.top_supplier,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.concentration(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.concentration,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.supply_mix(text, float8) IS
'per-supplier totals of the rows as a storable supply_mix (NULL supplier: unattributed volume; NULL volume: row ignored)';
COMMENT ON AGGREGATE @extschema@.supply_mix(text, float8, float8) IS
'per-supplier totals of volume and spare capacity (what each supplier could add in a disruption) as a supply_mix';
COMMENT ON AGGREGATE @extschema@.supply_mix_merge(@extschema@.supply_mix) IS
'union of stored supply mixes, e.g. monthly mixes rolled up into a year';
COMMENT ON AGGREGATE @extschema@.concentration_hhi(text, float8) IS
'Herfindahl-Hirschman index (0-10,000) of the per-supplier totals of the rows';
COMMENT ON AGGREGATE @extschema@.concentration_ratio(text, float8, int4) IS
'concentration ratio CRk (0-1): share of the k largest suppliers of the rows; k must be the same for every row';
COMMENT ON AGGREGATE @extschema@.top_supplier(text, float8) IS
'the supplier with the largest total volume (ties: the smallest code in byte order)';
COMMENT ON AGGREGATE @extschema@.concentration(text, float8) IS
'every concentration measure of the rows as one concentration_profile';

-- ---------------------------------------------------------------------
-- Embargo shortfall
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.embargo_scenario;

CREATE FUNCTION @extschema@.embargo_scenario_in(cstring) RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_scenario_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_out(@extschema@.embargo_scenario) RETURNS cstring
	AS 'MODULE_PATHNAME', 'embargo_scenario_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_recv(internal) RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_scenario_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_send(@extschema@.embargo_scenario) RETURNS bytea
	AS 'MODULE_PATHNAME', 'embargo_scenario_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.embargo_scenario (
	INPUT = @extschema@.embargo_scenario_in,
	OUTPUT = @extschema@.embargo_scenario_out,
	RECEIVE = @extschema@.embargo_scenario_recv,
	SEND = @extschema@.embargo_scenario_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.embargo_scenario IS
'an embargo scenario built by rarerisk.embargo(); text form is JSON, e.g. {"embargoed": ["CHN"], "intensity": 1, "stock_days": 60, "horizon_days": 365, "period_days": 365}';
COMMENT ON FUNCTION @extschema@.embargo_scenario_in(cstring) IS
'text input of embargo_scenario: the JSON form, validated like rarerisk.embargo() (missing parameters take its defaults)';
COMMENT ON FUNCTION @extschema@.embargo_scenario_out(@extschema@.embargo_scenario) IS
'text output of embargo_scenario: JSON, embargoed codes sorted in byte order and without duplicates';
COMMENT ON FUNCTION @extschema@.embargo_scenario_recv(internal) IS
'binary input of embargo_scenario (versioned, network byte order, validated)';
COMMENT ON FUNCTION @extschema@.embargo_scenario_send(@extschema@.embargo_scenario) IS
'binary output of embargo_scenario (versioned, network byte order)';

CREATE FUNCTION @extschema@.embargo(embargoed text[],
		intensity float8 DEFAULT 1,
		stock_days float8 DEFAULT 0,
		horizon_days float8 DEFAULT 365,
		period_days float8 DEFAULT 365)
	RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo(text[], float8, float8, float8, float8) IS
'an embargo scenario: the embargoing suppliers, intensity (1 = total ban, 0-1), the importer''s stocks in days of demand, how long the embargo lasts (horizon_days > 0) and the period the volumes cover (period_days > 0); NULL arguments are errors';

CREATE TYPE @extschema@.embargo_state;

CREATE FUNCTION @extschema@.embargo_state_in(cstring) RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_state_out(@extschema@.embargo_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'embargo_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_state_recv(internal) RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_state_send(@extschema@.embargo_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'embargo_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.embargo_state (
	INPUT = @extschema@.embargo_state_in,
	OUTPUT = @extschema@.embargo_state_out,
	RECEIVE = @extschema@.embargo_state_recv,
	SEND = @extschema@.embargo_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.embargo_state IS
'partial state of embargo_shortfall and embargo_impact: the scenario and the sums of demand, embargoed volume, embargoed content (volume times theta) and spare capacity of the non-embargoed; text form is JSON';
COMMENT ON FUNCTION @extschema@.embargo_state_in(cstring) IS
'text input of embargo_state: the scenario''s JSON keys plus demand, embargoed_volume, embargoed_content and spare';
COMMENT ON FUNCTION @extschema@.embargo_state_out(@extschema@.embargo_state) IS
'text output of embargo_state: JSON';
COMMENT ON FUNCTION @extschema@.embargo_state_recv(internal) IS
'binary input of embargo_state (versioned, network byte order, validated)';
COMMENT ON FUNCTION @extschema@.embargo_state_send(@extschema@.embargo_state) IS
'binary output of embargo_state (versioned, network byte order, compensated sums exact)';

CREATE TYPE @extschema@.embargo_impact AS (
	demand float8,
	direct_loss float8,
	indirect_loss float8,
	substitution float8,
	stock_release float8,
	shortfall float8,
	shortfall_share float8,
	days_to_shortage float8
);
COMMENT ON TYPE @extschema@.embargo_impact IS
'impact of an embargo over its horizon, in the units of volume: demand, direct_loss, indirect_loss (look-through), substitution (spare capacity used), stock_release, shortfall; shortfall_share (0-1) and days_to_shortage (NULL when there is no gap)';

CREATE TYPE @extschema@.worst_case AS (
	suppliers text[],
	shortfall float8,
	shortfall_share float8
);
COMMENT ON TYPE @extschema@.worst_case IS
'result of worst_embargo: the suppliers (byte order) whose joint embargo hurts most, with the shortfall and shortfall_share it causes';

CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans_spare' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans_content' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_combine(@extschema@.embargo_state, @extschema@.embargo_state)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_shortfall_final(@extschema@.embargo_state)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'embargo_shortfall_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_impact_final(@extschema@.embargo_state)
	RETURNS @extschema@.embargo_impact
	AS 'MODULE_PATHNAME', 'embargo_impact_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, scenario): adds one row in place';
COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, spare, scenario): adds one row with spare capacity in place';
COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, spare, embargoed_content, scenario): adds one row with spare capacity and look-through content in place';
COMMENT ON FUNCTION @extschema@.embargo_combine(@extschema@.embargo_state, @extschema@.embargo_state) IS
'combine function of embargo_shortfall and embargo_impact: adds the sums of two states of the same scenario';
COMMENT ON FUNCTION @extschema@.embargo_shortfall_final(@extschema@.embargo_state) IS
'final function of embargo_shortfall: the shortfall share of the summed rows; NULL for a zero total';
COMMENT ON FUNCTION @extschema@.embargo_impact_final(@extschema@.embargo_state) IS
'final function of embargo_impact: the embargo_impact of the summed rows; NULL for a zero total';

CREATE AGGREGATE @extschema@.embargo_shortfall(supplier text, volume float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_shortfall_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.embargo_shortfall(supplier text, volume float8, spare float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_shortfall_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.embargo_shortfall(supplier text, volume float8, spare float8,
		embargoed_content float8, scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_shortfall_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8, spare float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8, spare float8,
		embargoed_content float8, scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo over its horizon, without substitution or look-through; the scenario must be the same for every row';
COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo, with the spare capacity of the non-embargoed suppliers substituting';
COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, float8, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo, with substitution and look-through: embargoed_content is the share (0-1) of a non-embargoed supplier''s deliveries that originates in the embargoed countries';
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), without substitution or look-through';
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), with substitution from spare capacity';
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, float8, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), with substitution and look-through content per row';

CREATE FUNCTION @extschema@.embargo_shortfall(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_embargo_shortfall' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_impact(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_impact
	AS 'MODULE_PATHNAME', 'mix_embargo_impact' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.worst_embargo(mix @extschema@.supply_mix, k int4,
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.worst_case
	AS 'MODULE_PATHNAME', 'mix_worst_embargo' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_trajectory(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario, step_days int4 DEFAULT 30,
		OUT day float8, OUT gap float8, OUT stock_remaining float8,
		OUT cumulative_shortfall float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_embargo_trajectory' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;

COMMENT ON FUNCTION @extschema@.embargo_shortfall(@extschema@.supply_mix, @extschema@.embargo_scenario) IS
'shortfall share (0-1) of the embargo over a stored mix, with the mix''s spare capacity substituting (no look-through)';
COMMENT ON FUNCTION @extschema@.embargo_impact(@extschema@.supply_mix, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite) over a stored mix, with substitution from its spare capacity';
COMMENT ON FUNCTION @extschema@.worst_embargo(@extschema@.supply_mix, int4, @extschema@.embargo_scenario) IS
'the k named suppliers whose joint embargo gives the largest shortfall (exact: the k largest intensity * volume + spare), with that shortfall; uses the scenario''s intensity, stocks, horizon and period but ignores its list';
COMMENT ON FUNCTION @extschema@.embargo_trajectory(@extschema@.supply_mix, @extschema@.embargo_scenario, int4) IS
'the embargo day by day for charts: rows at day 0, step_days, 2 step_days, ... and the horizon, with the daily gap, stock_remaining and cumulative_shortfall (which ends at embargo_impact''s shortfall)';

-- ---------------------------------------------------------------------
-- Criticality scores (EU CRM and USGS methodologies)
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.wgi_risk(wgi_mean float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'rr_wgi_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wgi_risk(float8) IS
'EU governance risk on 0-10 (10 = worst) from the mean of the six World Bank WGI estimates (about -2.5 .. 2.5, higher = better): clamp((2.5 - wgi_mean) * 2, 0, 10); NaN or infinite is an error (22023)';

CREATE FUNCTION @extschema@.eu_supply_risk(hhi_wgi_global float8,
		hhi_wgi_sourcing float8,
		import_reliance float8,
		eol_rir float8,
		substitution_index float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'rr_eu_supply_risk' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eu_supply_risk(float8, float8, float8, float8, float8) IS
'EU CRM supply risk [H_GS * IR/2 + H_EU * (1 - IR/2)] * (1 - eol_rir) * substitution_index from the governance-weighted HHIs of global supply and EU sourcing (0-10 each); when one HHI is NULL the other is used alone (IR then has no effect); import_reliance is clamped into [0,1] as the EU method bounds it (a net exporter counts as 0); eol_rir and substitution_index must be in [0,1] (22023); NULL when both HHIs, eol_rir or substitution_index are NULL, or both HHIs are given and import_reliance is NULL';

CREATE FUNCTION @extschema@.import_reliance(production float8,
		imports float8,
		exports float8,
		stock_change float8 DEFAULT 0)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'rr_import_reliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.import_reliance(float8, float8, float8, float8) IS
'USGS net import reliance as a fraction of apparent consumption: (imports - exports + stock_change) / (production + imports - exports + stock_change); stock_change is the net release from stocks (positive when stocks fell); negative for a net exporter; NULL when apparent consumption <= 0; negative production, imports or exports are errors (22023)';

-- ---------------------------------------------------------------------
-- Reference data.  Shipped rows have user_added = false
-- and are recreated by CREATE EXTENSION; pg_dump saves only the rows users
-- add (user_added defaults to true), through pg_extension_config_dump.
-- ---------------------------------------------------------------------

CREATE TABLE @extschema@.hs_commodity (
	hs6 text NOT NULL CHECK (hs6 ~ '^[0-9]{6}$'),
	mineral text NOT NULL CHECK (mineral <> ''),
	stage text NOT NULL
		CHECK (stage IN ('ore/concentrate', 'chemical', 'metal', 'alloy', 'product')),
	description text NOT NULL,
	user_added boolean NOT NULL DEFAULT true,
	PRIMARY KEY (hs6, mineral)
);
COMMENT ON TABLE @extschema@.hs_commodity IS
'HS six-digit codes of critical-mineral trade with mineral, supply-chain stage and description; a code shared by several minerals (e.g. 253090, 811292) has one row per mineral; add your own rows (user_added defaults to true, and pg_dump keeps them)';
COMMENT ON COLUMN @extschema@.hs_commodity.hs6 IS 'HS subheading, six digits without dots as in UN Comtrade cmdCode and CEPII BACI k (2805.30 -> 280530)';
COMMENT ON COLUMN @extschema@.hs_commodity.mineral IS 'the critical mineral: rare earths, cobalt, lithium, graphite, gallium, germanium, nickel, tungsten, antimony, manganese, platinum-group metals';
COMMENT ON COLUMN @extschema@.hs_commodity.stage IS 'supply-chain stage: ore/concentrate, chemical (compounds, intermediates, synthetic graphite), metal (unwrought metal, mattes, powders), alloy (ferro-alloys, alloys), product (magnets, batteries, semi-manufactures)';
COMMENT ON COLUMN @extschema@.hs_commodity.description IS 'HS nomenclature description, shortened; notes on the HS editions where a code changed';
COMMENT ON COLUMN @extschema@.hs_commodity.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

CREATE TABLE @extschema@.country (
	m49 int4 PRIMARY KEY CHECK (m49 BETWEEN 1 AND 999),
	iso3 text NOT NULL CHECK (iso3 ~ '^[A-Z]{3}$'),
	iso2 text CHECK (iso2 ~ '^[A-Z]{2}$'),
	comtrade_code int4 NOT NULL UNIQUE CHECK (comtrade_code BETWEEN 1 AND 999),
	name text NOT NULL CHECK (name <> ''),
	valid_to int4 CHECK (valid_to BETWEEN 1900 AND 2100),
	user_added boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX country_iso3_current ON @extschema@.country (iso3) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX country_iso2_current ON @extschema@.country (iso2) WHERE valid_to IS NULL;
COMMENT ON TABLE @extschema@.country IS
'ISO 3166-1 countries and territories with alpha-3, alpha-2, UN M49 numeric code and the code UN Comtrade and CEPII BACI use (842 USA, 251 France, 699 India, 757 Switzerland, 579 Norway, 490 Taiwan as "Other Asia, nes"), plus former entities that trade data still carry; join partner codes on m49 or comtrade_code; aggregates (0 World, 899 Areas nes, ...) are deliberately absent';
COMMENT ON COLUMN @extschema@.country.m49 IS 'UN M49 / ISO 3166-1 numeric code; for a former entity its former code (530 Netherlands Antilles, 736 Sudan before 2012, 891 Serbia and Montenegro)';
COMMENT ON COLUMN @extschema@.country.iso3 IS 'ISO 3166-1 alpha-3 (former entities: their ISO 3166-3 code, or SDN for the former Sudan); unique among current rows';
COMMENT ON COLUMN @extschema@.country.iso2 IS 'ISO 3166-1 alpha-2; unique among current rows';
COMMENT ON COLUMN @extschema@.country.comtrade_code IS 'numeric code of UN Comtrade and CEPII BACI: the M49 code except USA 842 (M49 840), France 251 (250, incl. Monaco), India 699 (356), Switzerland 757 (756, incl. Liechtenstein), Norway 579 (578, incl. Svalbard and Jan Mayen), Taiwan 490 ("Other Asia, nes"; M49 158); never equal to another row''s m49, so a column mixing both kinds joins with m49 = code OR comtrade_code = code';
COMMENT ON COLUMN @extschema@.country.name IS 'short English name (ISO 3166-1 common name where it has one)';
COMMENT ON COLUMN @extschema@.country.valid_to IS 'last year a former code was in use; NULL for current countries';
COMMENT ON COLUMN @extschema@.country.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.hs_commodity', 'WHERE user_added');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.country', 'WHERE user_added');
GRANT SELECT ON @extschema@.hs_commodity, @extschema@.country TO PUBLIC;

INSERT INTO @extschema@.hs_commodity (hs6, mineral, stage, description, user_added) VALUES
	-- rare earths
	('253090', 'rare earths', 'ore/concentrate', 'Mineral substances n.e.s. (includes bastnaesite and other rare-earth concentrates)', false),
	('261220', 'rare earths', 'ore/concentrate', 'Thorium ores and concentrates (includes monazite)', false),
	('280530', 'rare earths', 'metal', 'Rare-earth metals, scandium and yttrium, whether or not intermixed or interalloyed', false),
	('284610', 'rare earths', 'chemical', 'Cerium compounds', false),
	('284690', 'rare earths', 'chemical', 'Compounds of rare-earth metals, yttrium or scandium, other than cerium (oxides, chlorides, carbonates)', false),
	('360690', 'rare earths', 'alloy', 'Ferro-cerium and other pyrophoric alloys; articles of combustible materials', false),
	('850511', 'rare earths', 'product', 'Permanent magnets of metal (NdFeB, SmCo) and articles to become such magnets', false),
	-- cobalt
	('260500', 'cobalt', 'ore/concentrate', 'Cobalt ores and concentrates', false),
	('282200', 'cobalt', 'chemical', 'Cobalt oxides and hydroxides; commercial cobalt oxides', false),
	('282734', 'cobalt', 'chemical', 'Chlorides of cobalt', false),
	('810520', 'cobalt', 'metal', 'Cobalt mattes and other intermediate products of cobalt metallurgy; unwrought cobalt; powders', false),
	('810590', 'cobalt', 'product', 'Articles of cobalt n.e.s.', false),
	-- lithium
	('253090', 'lithium', 'ore/concentrate', 'Mineral substances n.e.s. (includes spodumene, petalite and other lithium ores)', false),
	('280519', 'lithium', 'metal', 'Alkali or alkaline-earth metals other than sodium and calcium (includes lithium metal)', false),
	('282520', 'lithium', 'chemical', 'Lithium oxide and hydroxide', false),
	('283691', 'lithium', 'chemical', 'Lithium carbonates', false),
	('850650', 'lithium', 'product', 'Primary cells and batteries, lithium', false),
	('850760', 'lithium', 'product', 'Lithium-ion accumulators', false),
	-- graphite
	('250410', 'graphite', 'ore/concentrate', 'Natural graphite in powder or in flakes', false),
	('250490', 'graphite', 'ore/concentrate', 'Natural graphite, other than powder or flakes', false),
	('380110', 'graphite', 'chemical', 'Artificial (synthetic) graphite', false),
	('854511', 'graphite', 'product', 'Carbon or graphite electrodes of a kind used for furnaces', false),
	-- gallium
	('811292', 'gallium', 'metal', 'Gallium, germanium, indium, niobium, vanadium and other metals of 8112: unwrought; waste and scrap; powders', false),
	('811299', 'gallium', 'product', 'Articles of gallium, germanium, indium, niobium, vanadium and other metals of 8112', false),
	('381800', 'gallium', 'product', 'Chemical elements doped for use in electronics, in discs or wafers (includes gallium arsenide wafers)', false),
	-- germanium
	('282560', 'germanium', 'chemical', 'Germanium oxides and zirconium dioxide', false),
	('811292', 'germanium', 'metal', 'Gallium, germanium, indium, niobium, vanadium and other metals of 8112: unwrought; waste and scrap; powders', false),
	('811299', 'germanium', 'product', 'Articles of gallium, germanium, indium, niobium, vanadium and other metals of 8112', false),
	-- nickel
	('260400', 'nickel', 'ore/concentrate', 'Nickel ores and concentrates', false),
	('750110', 'nickel', 'metal', 'Nickel mattes (intermediate product of nickel metallurgy)', false),
	('750120', 'nickel', 'metal', 'Nickel oxide sinters and other intermediate products of nickel metallurgy', false),
	('750210', 'nickel', 'metal', 'Nickel, not alloyed, unwrought', false),
	('750220', 'nickel', 'alloy', 'Nickel alloys, unwrought', false),
	('750400', 'nickel', 'metal', 'Nickel powders and flakes', false),
	('282540', 'nickel', 'chemical', 'Nickel oxides and hydroxides', false),
	('283324', 'nickel', 'chemical', 'Sulphates of nickel', false),
	('720260', 'nickel', 'alloy', 'Ferro-nickel', false),
	-- tungsten
	('261100', 'tungsten', 'ore/concentrate', 'Tungsten ores and concentrates', false),
	('284180', 'tungsten', 'chemical', 'Tungstates (wolframates)', false),
	('284990', 'tungsten', 'chemical', 'Carbides other than of calcium or silicon (chiefly tungsten carbide)', false),
	('810110', 'tungsten', 'metal', 'Tungsten powders', false),
	('810194', 'tungsten', 'metal', 'Unwrought tungsten, including bars and rods obtained simply by sintering', false),
	('720280', 'tungsten', 'alloy', 'Ferro-tungsten and ferro-silico-tungsten', false),
	-- antimony
	('261710', 'antimony', 'ore/concentrate', 'Antimony ores and concentrates', false),
	('282580', 'antimony', 'chemical', 'Antimony oxides', false),
	('811010', 'antimony', 'metal', 'Antimony, unwrought; powders', false),
	('811090', 'antimony', 'product', 'Articles of antimony n.e.s.', false),
	-- manganese
	('260200', 'manganese', 'ore/concentrate', 'Manganese ores and concentrates, including manganiferous iron ores', false),
	('282010', 'manganese', 'chemical', 'Manganese dioxide', false),
	('282090', 'manganese', 'chemical', 'Manganese oxides other than the dioxide', false),
	('811100', 'manganese', 'metal', 'Manganese and articles thereof, including waste and scrap (HS 1992-2017; split into 811110 and 811190 in HS 2022)', false),
	('811110', 'manganese', 'metal', 'Manganese, unwrought; waste and scrap; powders (HS 2022)', false),
	('720211', 'manganese', 'alloy', 'Ferro-manganese, containing by weight more than 2 % of carbon', false),
	('720219', 'manganese', 'alloy', 'Ferro-manganese, other', false),
	('720230', 'manganese', 'alloy', 'Ferro-silico-manganese', false),
	-- platinum-group metals
	('261690', 'platinum-group metals', 'ore/concentrate', 'Precious-metal ores and concentrates other than silver (PGM and gold)', false),
	('284390', 'platinum-group metals', 'chemical', 'Compounds of precious metals other than silver and gold; amalgams', false),
	('711011', 'platinum-group metals', 'metal', 'Platinum, unwrought or in powder form', false),
	('711019', 'platinum-group metals', 'product', 'Platinum, semi-manufactured', false),
	('711021', 'platinum-group metals', 'metal', 'Palladium, unwrought or in powder form', false),
	('711029', 'platinum-group metals', 'product', 'Palladium, semi-manufactured', false),
	('711031', 'platinum-group metals', 'metal', 'Rhodium, unwrought or in powder form', false),
	('711039', 'platinum-group metals', 'product', 'Rhodium, semi-manufactured', false),
	('711041', 'platinum-group metals', 'metal', 'Iridium, osmium and ruthenium, unwrought or in powder form', false),
	('711049', 'platinum-group metals', 'product', 'Iridium, osmium and ruthenium, semi-manufactured', false),
	('381512', 'platinum-group metals', 'product', 'Supported catalysts with precious metal or its compounds as the active substance', false);

INSERT INTO @extschema@.country (m49, iso3, iso2, comtrade_code, name, valid_to, user_added) VALUES
	(4, 'AFG', 'AF', 4, 'Afghanistan', NULL, false),
	(8, 'ALB', 'AL', 8, 'Albania', NULL, false),
	(10, 'ATA', 'AQ', 10, 'Antarctica', NULL, false),
	(12, 'DZA', 'DZ', 12, 'Algeria', NULL, false),
	(16, 'ASM', 'AS', 16, 'American Samoa', NULL, false),
	(20, 'AND', 'AD', 20, 'Andorra', NULL, false),
	(24, 'AGO', 'AO', 24, 'Angola', NULL, false),
	(28, 'ATG', 'AG', 28, 'Antigua and Barbuda', NULL, false),
	(31, 'AZE', 'AZ', 31, 'Azerbaijan', NULL, false),
	(32, 'ARG', 'AR', 32, 'Argentina', NULL, false),
	(36, 'AUS', 'AU', 36, 'Australia', NULL, false),
	(40, 'AUT', 'AT', 40, 'Austria', NULL, false),
	(44, 'BHS', 'BS', 44, 'Bahamas', NULL, false),
	(48, 'BHR', 'BH', 48, 'Bahrain', NULL, false),
	(50, 'BGD', 'BD', 50, 'Bangladesh', NULL, false),
	(51, 'ARM', 'AM', 51, 'Armenia', NULL, false),
	(52, 'BRB', 'BB', 52, 'Barbados', NULL, false),
	(56, 'BEL', 'BE', 56, 'Belgium', NULL, false),
	(60, 'BMU', 'BM', 60, 'Bermuda', NULL, false),
	(64, 'BTN', 'BT', 64, 'Bhutan', NULL, false),
	(68, 'BOL', 'BO', 68, 'Bolivia', NULL, false),
	(70, 'BIH', 'BA', 70, 'Bosnia and Herzegovina', NULL, false),
	(72, 'BWA', 'BW', 72, 'Botswana', NULL, false),
	(74, 'BVT', 'BV', 74, 'Bouvet Island', NULL, false),
	(76, 'BRA', 'BR', 76, 'Brazil', NULL, false),
	(84, 'BLZ', 'BZ', 84, 'Belize', NULL, false),
	(86, 'IOT', 'IO', 86, 'British Indian Ocean Territory', NULL, false),
	(90, 'SLB', 'SB', 90, 'Solomon Islands', NULL, false),
	(92, 'VGB', 'VG', 92, 'Virgin Islands, British', NULL, false),
	(96, 'BRN', 'BN', 96, 'Brunei Darussalam', NULL, false),
	(100, 'BGR', 'BG', 100, 'Bulgaria', NULL, false),
	(104, 'MMR', 'MM', 104, 'Myanmar', NULL, false),
	(108, 'BDI', 'BI', 108, 'Burundi', NULL, false),
	(112, 'BLR', 'BY', 112, 'Belarus', NULL, false),
	(116, 'KHM', 'KH', 116, 'Cambodia', NULL, false),
	(120, 'CMR', 'CM', 120, 'Cameroon', NULL, false),
	(124, 'CAN', 'CA', 124, 'Canada', NULL, false),
	(132, 'CPV', 'CV', 132, 'Cabo Verde', NULL, false),
	(136, 'CYM', 'KY', 136, 'Cayman Islands', NULL, false),
	(140, 'CAF', 'CF', 140, 'Central African Republic', NULL, false),
	(144, 'LKA', 'LK', 144, 'Sri Lanka', NULL, false),
	(148, 'TCD', 'TD', 148, 'Chad', NULL, false),
	(152, 'CHL', 'CL', 152, 'Chile', NULL, false),
	(156, 'CHN', 'CN', 156, 'China', NULL, false),
	(158, 'TWN', 'TW', 490, 'Taiwan', NULL, false),
	(162, 'CXR', 'CX', 162, 'Christmas Island', NULL, false),
	(166, 'CCK', 'CC', 166, 'Cocos (Keeling) Islands', NULL, false),
	(170, 'COL', 'CO', 170, 'Colombia', NULL, false),
	(174, 'COM', 'KM', 174, 'Comoros', NULL, false),
	(175, 'MYT', 'YT', 175, 'Mayotte', NULL, false),
	(178, 'COG', 'CG', 178, 'Congo', NULL, false),
	(180, 'COD', 'CD', 180, 'Congo, The Democratic Republic of the', NULL, false),
	(184, 'COK', 'CK', 184, 'Cook Islands', NULL, false),
	(188, 'CRI', 'CR', 188, 'Costa Rica', NULL, false),
	(191, 'HRV', 'HR', 191, 'Croatia', NULL, false),
	(192, 'CUB', 'CU', 192, 'Cuba', NULL, false),
	(196, 'CYP', 'CY', 196, 'Cyprus', NULL, false),
	(203, 'CZE', 'CZ', 203, 'Czechia', NULL, false),
	(204, 'BEN', 'BJ', 204, 'Benin', NULL, false),
	(208, 'DNK', 'DK', 208, 'Denmark', NULL, false),
	(212, 'DMA', 'DM', 212, 'Dominica', NULL, false),
	(214, 'DOM', 'DO', 214, 'Dominican Republic', NULL, false),
	(218, 'ECU', 'EC', 218, 'Ecuador', NULL, false),
	(222, 'SLV', 'SV', 222, 'El Salvador', NULL, false),
	(226, 'GNQ', 'GQ', 226, 'Equatorial Guinea', NULL, false),
	(231, 'ETH', 'ET', 231, 'Ethiopia', NULL, false),
	(232, 'ERI', 'ER', 232, 'Eritrea', NULL, false),
	(233, 'EST', 'EE', 233, 'Estonia', NULL, false),
	(234, 'FRO', 'FO', 234, 'Faroe Islands', NULL, false),
	(238, 'FLK', 'FK', 238, 'Falkland Islands (Malvinas)', NULL, false),
	(239, 'SGS', 'GS', 239, 'South Georgia and the South Sandwich Islands', NULL, false),
	(242, 'FJI', 'FJ', 242, 'Fiji', NULL, false),
	(246, 'FIN', 'FI', 246, 'Finland', NULL, false),
	(248, 'ALA', 'AX', 248, 'Åland Islands', NULL, false),
	(250, 'FRA', 'FR', 251, 'France', NULL, false),
	(254, 'GUF', 'GF', 254, 'French Guiana', NULL, false),
	(258, 'PYF', 'PF', 258, 'French Polynesia', NULL, false),
	(260, 'ATF', 'TF', 260, 'French Southern Territories', NULL, false),
	(262, 'DJI', 'DJ', 262, 'Djibouti', NULL, false),
	(266, 'GAB', 'GA', 266, 'Gabon', NULL, false),
	(268, 'GEO', 'GE', 268, 'Georgia', NULL, false),
	(270, 'GMB', 'GM', 270, 'Gambia', NULL, false),
	(275, 'PSE', 'PS', 275, 'Palestine, State of', NULL, false),
	(276, 'DEU', 'DE', 276, 'Germany', NULL, false),
	(288, 'GHA', 'GH', 288, 'Ghana', NULL, false),
	(292, 'GIB', 'GI', 292, 'Gibraltar', NULL, false),
	(296, 'KIR', 'KI', 296, 'Kiribati', NULL, false),
	(300, 'GRC', 'GR', 300, 'Greece', NULL, false),
	(304, 'GRL', 'GL', 304, 'Greenland', NULL, false),
	(308, 'GRD', 'GD', 308, 'Grenada', NULL, false),
	(312, 'GLP', 'GP', 312, 'Guadeloupe', NULL, false),
	(316, 'GUM', 'GU', 316, 'Guam', NULL, false),
	(320, 'GTM', 'GT', 320, 'Guatemala', NULL, false),
	(324, 'GIN', 'GN', 324, 'Guinea', NULL, false),
	(328, 'GUY', 'GY', 328, 'Guyana', NULL, false),
	(332, 'HTI', 'HT', 332, 'Haiti', NULL, false),
	(334, 'HMD', 'HM', 334, 'Heard Island and McDonald Islands', NULL, false),
	(336, 'VAT', 'VA', 336, 'Holy See (Vatican City State)', NULL, false),
	(340, 'HND', 'HN', 340, 'Honduras', NULL, false),
	(344, 'HKG', 'HK', 344, 'Hong Kong', NULL, false),
	(348, 'HUN', 'HU', 348, 'Hungary', NULL, false),
	(352, 'ISL', 'IS', 352, 'Iceland', NULL, false),
	(356, 'IND', 'IN', 699, 'India', NULL, false),
	(360, 'IDN', 'ID', 360, 'Indonesia', NULL, false),
	(364, 'IRN', 'IR', 364, 'Iran', NULL, false),
	(368, 'IRQ', 'IQ', 368, 'Iraq', NULL, false),
	(372, 'IRL', 'IE', 372, 'Ireland', NULL, false),
	(376, 'ISR', 'IL', 376, 'Israel', NULL, false),
	(380, 'ITA', 'IT', 380, 'Italy', NULL, false),
	(384, 'CIV', 'CI', 384, 'Côte d''Ivoire', NULL, false),
	(388, 'JAM', 'JM', 388, 'Jamaica', NULL, false),
	(392, 'JPN', 'JP', 392, 'Japan', NULL, false),
	(398, 'KAZ', 'KZ', 398, 'Kazakhstan', NULL, false),
	(400, 'JOR', 'JO', 400, 'Jordan', NULL, false),
	(404, 'KEN', 'KE', 404, 'Kenya', NULL, false),
	(408, 'PRK', 'KP', 408, 'North Korea', NULL, false),
	(410, 'KOR', 'KR', 410, 'South Korea', NULL, false),
	(414, 'KWT', 'KW', 414, 'Kuwait', NULL, false),
	(417, 'KGZ', 'KG', 417, 'Kyrgyzstan', NULL, false),
	(418, 'LAO', 'LA', 418, 'Laos', NULL, false),
	(422, 'LBN', 'LB', 422, 'Lebanon', NULL, false),
	(426, 'LSO', 'LS', 426, 'Lesotho', NULL, false),
	(428, 'LVA', 'LV', 428, 'Latvia', NULL, false),
	(430, 'LBR', 'LR', 430, 'Liberia', NULL, false),
	(434, 'LBY', 'LY', 434, 'Libya', NULL, false),
	(438, 'LIE', 'LI', 438, 'Liechtenstein', NULL, false),
	(440, 'LTU', 'LT', 440, 'Lithuania', NULL, false),
	(442, 'LUX', 'LU', 442, 'Luxembourg', NULL, false),
	(446, 'MAC', 'MO', 446, 'Macao', NULL, false),
	(450, 'MDG', 'MG', 450, 'Madagascar', NULL, false),
	(454, 'MWI', 'MW', 454, 'Malawi', NULL, false),
	(458, 'MYS', 'MY', 458, 'Malaysia', NULL, false),
	(462, 'MDV', 'MV', 462, 'Maldives', NULL, false),
	(466, 'MLI', 'ML', 466, 'Mali', NULL, false),
	(470, 'MLT', 'MT', 470, 'Malta', NULL, false),
	(474, 'MTQ', 'MQ', 474, 'Martinique', NULL, false),
	(478, 'MRT', 'MR', 478, 'Mauritania', NULL, false),
	(480, 'MUS', 'MU', 480, 'Mauritius', NULL, false),
	(484, 'MEX', 'MX', 484, 'Mexico', NULL, false),
	(492, 'MCO', 'MC', 492, 'Monaco', NULL, false),
	(496, 'MNG', 'MN', 496, 'Mongolia', NULL, false),
	(498, 'MDA', 'MD', 498, 'Moldova', NULL, false),
	(499, 'MNE', 'ME', 499, 'Montenegro', NULL, false),
	(500, 'MSR', 'MS', 500, 'Montserrat', NULL, false),
	(504, 'MAR', 'MA', 504, 'Morocco', NULL, false),
	(508, 'MOZ', 'MZ', 508, 'Mozambique', NULL, false),
	(512, 'OMN', 'OM', 512, 'Oman', NULL, false),
	(516, 'NAM', 'NA', 516, 'Namibia', NULL, false),
	(520, 'NRU', 'NR', 520, 'Nauru', NULL, false),
	(524, 'NPL', 'NP', 524, 'Nepal', NULL, false),
	(528, 'NLD', 'NL', 528, 'Netherlands', NULL, false),
	(530, 'ANT', 'AN', 530, 'Netherlands Antilles (former)', 2010, false),
	(531, 'CUW', 'CW', 531, 'Curaçao', NULL, false),
	(533, 'ABW', 'AW', 533, 'Aruba', NULL, false),
	(534, 'SXM', 'SX', 534, 'Sint Maarten (Dutch part)', NULL, false),
	(535, 'BES', 'BQ', 535, 'Bonaire, Sint Eustatius and Saba', NULL, false),
	(540, 'NCL', 'NC', 540, 'New Caledonia', NULL, false),
	(548, 'VUT', 'VU', 548, 'Vanuatu', NULL, false),
	(554, 'NZL', 'NZ', 554, 'New Zealand', NULL, false),
	(558, 'NIC', 'NI', 558, 'Nicaragua', NULL, false),
	(562, 'NER', 'NE', 562, 'Niger', NULL, false),
	(566, 'NGA', 'NG', 566, 'Nigeria', NULL, false),
	(570, 'NIU', 'NU', 570, 'Niue', NULL, false),
	(574, 'NFK', 'NF', 574, 'Norfolk Island', NULL, false),
	(578, 'NOR', 'NO', 579, 'Norway', NULL, false),
	(580, 'MNP', 'MP', 580, 'Northern Mariana Islands', NULL, false),
	(581, 'UMI', 'UM', 581, 'United States Minor Outlying Islands', NULL, false),
	(583, 'FSM', 'FM', 583, 'Micronesia, Federated States of', NULL, false),
	(584, 'MHL', 'MH', 584, 'Marshall Islands', NULL, false),
	(585, 'PLW', 'PW', 585, 'Palau', NULL, false),
	(586, 'PAK', 'PK', 586, 'Pakistan', NULL, false),
	(591, 'PAN', 'PA', 591, 'Panama', NULL, false),
	(598, 'PNG', 'PG', 598, 'Papua New Guinea', NULL, false),
	(600, 'PRY', 'PY', 600, 'Paraguay', NULL, false),
	(604, 'PER', 'PE', 604, 'Peru', NULL, false),
	(608, 'PHL', 'PH', 608, 'Philippines', NULL, false),
	(612, 'PCN', 'PN', 612, 'Pitcairn', NULL, false),
	(616, 'POL', 'PL', 616, 'Poland', NULL, false),
	(620, 'PRT', 'PT', 620, 'Portugal', NULL, false),
	(624, 'GNB', 'GW', 624, 'Guinea-Bissau', NULL, false),
	(626, 'TLS', 'TL', 626, 'Timor-Leste', NULL, false),
	(630, 'PRI', 'PR', 630, 'Puerto Rico', NULL, false),
	(634, 'QAT', 'QA', 634, 'Qatar', NULL, false),
	(638, 'REU', 'RE', 638, 'Réunion', NULL, false),
	(642, 'ROU', 'RO', 642, 'Romania', NULL, false),
	(643, 'RUS', 'RU', 643, 'Russian Federation', NULL, false),
	(646, 'RWA', 'RW', 646, 'Rwanda', NULL, false),
	(652, 'BLM', 'BL', 652, 'Saint Barthélemy', NULL, false),
	(654, 'SHN', 'SH', 654, 'Saint Helena, Ascension and Tristan da Cunha', NULL, false),
	(659, 'KNA', 'KN', 659, 'Saint Kitts and Nevis', NULL, false),
	(660, 'AIA', 'AI', 660, 'Anguilla', NULL, false),
	(662, 'LCA', 'LC', 662, 'Saint Lucia', NULL, false),
	(663, 'MAF', 'MF', 663, 'Saint Martin (French part)', NULL, false),
	(666, 'SPM', 'PM', 666, 'Saint Pierre and Miquelon', NULL, false),
	(670, 'VCT', 'VC', 670, 'Saint Vincent and the Grenadines', NULL, false),
	(674, 'SMR', 'SM', 674, 'San Marino', NULL, false),
	(678, 'STP', 'ST', 678, 'Sao Tome and Principe', NULL, false),
	(682, 'SAU', 'SA', 682, 'Saudi Arabia', NULL, false),
	(686, 'SEN', 'SN', 686, 'Senegal', NULL, false),
	(688, 'SRB', 'RS', 688, 'Serbia', NULL, false),
	(690, 'SYC', 'SC', 690, 'Seychelles', NULL, false),
	(694, 'SLE', 'SL', 694, 'Sierra Leone', NULL, false),
	(702, 'SGP', 'SG', 702, 'Singapore', NULL, false),
	(703, 'SVK', 'SK', 703, 'Slovakia', NULL, false),
	(704, 'VNM', 'VN', 704, 'Vietnam', NULL, false),
	(705, 'SVN', 'SI', 705, 'Slovenia', NULL, false),
	(706, 'SOM', 'SO', 706, 'Somalia', NULL, false),
	(710, 'ZAF', 'ZA', 710, 'South Africa', NULL, false),
	(716, 'ZWE', 'ZW', 716, 'Zimbabwe', NULL, false),
	(724, 'ESP', 'ES', 724, 'Spain', NULL, false),
	(728, 'SSD', 'SS', 728, 'South Sudan', NULL, false),
	(729, 'SDN', 'SD', 729, 'Sudan', NULL, false),
	(732, 'ESH', 'EH', 732, 'Western Sahara', NULL, false),
	(736, 'SDN', 'SD', 736, 'Sudan (former, before South Sudan''s independence)', 2011, false),
	(740, 'SUR', 'SR', 740, 'Suriname', NULL, false),
	(744, 'SJM', 'SJ', 744, 'Svalbard and Jan Mayen', NULL, false),
	(748, 'SWZ', 'SZ', 748, 'Eswatini', NULL, false),
	(752, 'SWE', 'SE', 752, 'Sweden', NULL, false),
	(756, 'CHE', 'CH', 757, 'Switzerland', NULL, false),
	(760, 'SYR', 'SY', 760, 'Syria', NULL, false),
	(762, 'TJK', 'TJ', 762, 'Tajikistan', NULL, false),
	(764, 'THA', 'TH', 764, 'Thailand', NULL, false),
	(768, 'TGO', 'TG', 768, 'Togo', NULL, false),
	(772, 'TKL', 'TK', 772, 'Tokelau', NULL, false),
	(776, 'TON', 'TO', 776, 'Tonga', NULL, false),
	(780, 'TTO', 'TT', 780, 'Trinidad and Tobago', NULL, false),
	(784, 'ARE', 'AE', 784, 'United Arab Emirates', NULL, false),
	(788, 'TUN', 'TN', 788, 'Tunisia', NULL, false),
	(792, 'TUR', 'TR', 792, 'Türkiye', NULL, false),
	(795, 'TKM', 'TM', 795, 'Turkmenistan', NULL, false),
	(796, 'TCA', 'TC', 796, 'Turks and Caicos Islands', NULL, false),
	(798, 'TUV', 'TV', 798, 'Tuvalu', NULL, false),
	(800, 'UGA', 'UG', 800, 'Uganda', NULL, false),
	(804, 'UKR', 'UA', 804, 'Ukraine', NULL, false),
	(807, 'MKD', 'MK', 807, 'North Macedonia', NULL, false),
	(818, 'EGY', 'EG', 818, 'Egypt', NULL, false),
	(826, 'GBR', 'GB', 826, 'United Kingdom', NULL, false),
	(831, 'GGY', 'GG', 831, 'Guernsey', NULL, false),
	(832, 'JEY', 'JE', 832, 'Jersey', NULL, false),
	(833, 'IMN', 'IM', 833, 'Isle of Man', NULL, false),
	(834, 'TZA', 'TZ', 834, 'Tanzania', NULL, false),
	(840, 'USA', 'US', 842, 'United States', NULL, false),
	(850, 'VIR', 'VI', 850, 'Virgin Islands, U.S.', NULL, false),
	(854, 'BFA', 'BF', 854, 'Burkina Faso', NULL, false),
	(858, 'URY', 'UY', 858, 'Uruguay', NULL, false),
	(860, 'UZB', 'UZ', 860, 'Uzbekistan', NULL, false),
	(862, 'VEN', 'VE', 862, 'Venezuela', NULL, false),
	(876, 'WLF', 'WF', 876, 'Wallis and Futuna', NULL, false),
	(882, 'WSM', 'WS', 882, 'Samoa', NULL, false),
	(887, 'YEM', 'YE', 887, 'Yemen', NULL, false),
	(891, 'SCG', 'CS', 891, 'Serbia and Montenegro (former)', 2005, false),
	(894, 'ZMB', 'ZM', 894, 'Zambia', NULL, false);

-- ---------------------------------------------------------------------
-- Governance-weighted concentration (EU HHI_WGI)
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.supply_mix_trans_risk(@extschema@.supply_mix, text, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_risk' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.governance_hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_governance_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.governance_hhi(supplier text, volume float8, risk float8) (
	SFUNC = @extschema@.supply_mix_trans_risk,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.supply_mix_trans_risk(@extschema@.supply_mix, text, float8, float8) IS
'transition function of governance_hhi: adds one row and records the supplier''s governance risk, which must be the same on all its rows';
COMMENT ON FUNCTION @extschema@.governance_hhi(@extschema@.supply_mix) IS
'EU HHI_WGI of a mix that carries governance risks: sum of squared fraction shares times each supplier''s risk; NULL for a zero total';
COMMENT ON AGGREGATE @extschema@.governance_hhi(text, float8, float8) IS
'EU HHI_WGI: sum over suppliers of (share of the grand total)^2 x governance risk (WGI scaled 0-10, optionally times the trade factor t); a supplier with two different risks in a group is an error, as is a NULL risk for a named supplier';

-- ---------------------------------------------------------------------
-- Look-through: origin tracing over a trade network
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.trade_network;

CREATE FUNCTION @extschema@.trade_network_in(cstring) RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'trade_network_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_out(@extschema@.trade_network) RETURNS cstring
	AS 'MODULE_PATHNAME', 'trade_network_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_recv(internal) RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'trade_network_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_send(@extschema@.trade_network) RETURNS bytea
	AS 'MODULE_PATHNAME', 'trade_network_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.trade_network (
	INPUT = @extschema@.trade_network_in,
	OUTPUT = @extschema@.trade_network_out,
	RECEIVE = @extschema@.trade_network_recv,
	SEND = @extschema@.trade_network_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.trade_network IS
'bilateral flows of one commodity and period, summed per (exporter, importer); own production is the flow of a country to itself, supply of unknown origin has no exporter; text form is JSON, e.g. {"production": {"CHN": 270}, "flows": {"CHN": {"VNM": 6}}, "unknown_origin": {"VNM": 1}}';
COMMENT ON FUNCTION @extschema@.trade_network_in(cstring) IS
'text input of trade_network: the JSON form written by trade_network_out (keys production, flows, unknown_origin; missing keys are empty)';
COMMENT ON FUNCTION @extschema@.trade_network_out(@extschema@.trade_network) IS
'text output of trade_network: JSON, countries in byte order, shortest exact numbers';
COMMENT ON FUNCTION @extschema@.trade_network_recv(internal) IS
'binary input of trade_network (versioned, network byte order, validated)';
COMMENT ON FUNCTION @extschema@.trade_network_send(@extschema@.trade_network) IS
'binary output of trade_network (versioned, network byte order, compensated sums exact)';

CREATE FUNCTION @extschema@.origin_network_trans(@extschema@.trade_network, text, text, float8)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.origin_network_combine(@extschema@.trade_network, @extschema@.trade_network)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.origin_network_final(@extschema@.trade_network)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.origin_network_trans(@extschema@.trade_network, text, text, float8) IS
'transition function of origin_network: adds one (exporter, importer, volume) row in place';
COMMENT ON FUNCTION @extschema@.origin_network_combine(@extschema@.trade_network, @extschema@.trade_network) IS
'union of two trade networks (volumes summed per exporter and importer); combine function of origin_network, transition function of origin_network_merge';
COMMENT ON FUNCTION @extschema@.origin_network_final(@extschema@.trade_network) IS
'canonical form of a trade network (countries in byte order, no slack); final function of origin_network and origin_network_merge';

CREATE AGGREGATE @extschema@.origin_network(exporter text, importer text, volume float8) (
	SFUNC = @extschema@.origin_network_trans,
	STYPE = @extschema@.trade_network,
	FINALFUNC = @extschema@.origin_network_final,
	COMBINEFUNC = @extschema@.origin_network_combine,
	SSPACE = 4096,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.origin_network_merge(@extschema@.trade_network) (
	SFUNC = @extschema@.origin_network_combine,
	STYPE = @extschema@.trade_network,
	FINALFUNC = @extschema@.origin_network_final,
	COMBINEFUNC = @extschema@.origin_network_combine,
	SSPACE = 4096,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.origin_network(text, text, float8) IS
'the bilateral flows of the rows as a storable trade_network: exporter = importer is own production, NULL exporter is supply of unknown origin, NULL volume is ignored; NULL importer, negative, NaN or infinite volume are errors';
COMMENT ON AGGREGATE @extschema@.origin_network_merge(@extschema@.trade_network) IS
'union of stored trade networks, e.g. monthly networks rolled up into a year';

CREATE FUNCTION @extschema@.origin_shares(network @extschema@.trade_network,
		OUT country text, OUT origin text, OUT share float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'network_origin_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
CREATE FUNCTION @extschema@.embargoed_content(network @extschema@.trade_network,
		country text, embargoed text[])
	RETURNS float8
	AS 'MODULE_PATHNAME', 'network_embargoed_content' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargoed_content(network @extschema@.trade_network,
		embargoed text[], OUT country text, OUT embargoed_content float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'network_embargoed_contents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 200;

COMMENT ON FUNCTION @extschema@.origin_shares(@extschema@.trade_network) IS
'look-through origin of every country''s supply under proportional flows (exports carry the origin mix of the exporter''s production plus imports): one row per country and origin with share > 0, by country, share descending, origin; origin NULL is the unattributed share (unknown-origin supply, exports of countries without supply, re-export loops fed by no production); a country without any supply has one row with origin and share NULL';
COMMENT ON FUNCTION @extschema@.embargoed_content(@extschema@.trade_network, text, text[]) IS
'theta for embargo_shortfall: the share (0-1) of the country''s supply that originates in the embargoed countries, traced through the network; NULL when the country is not in the network or has no supply';
COMMENT ON FUNCTION @extschema@.embargoed_content(@extschema@.trade_network, text[]) IS
'theta of every country of the network for the embargoed countries (byte order of country; NULL for a country without supply), for joining to supplier rows';
