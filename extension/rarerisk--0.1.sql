/* rarerisk--0.1.sql: supply concentration and embargo exposure of critical minerals */

\echo Use "CREATE EXTENSION rarerisk" to load this file. \quit

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
-- Embargo shortfall (SPEC section 4)
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
