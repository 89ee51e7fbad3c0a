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
	AS 'MODULE_PATHNAME', 'supply_mix_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
