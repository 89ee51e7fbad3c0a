/* rarerisk--0.2.sql: supply concentration and embargo exposure of critical minerals */

\echo Use "CREATE EXTENSION rarerisk" to load this file. \quit

-- The schema is created by CREATE EXTENSION (schema = rarerisk in the
-- control file) with no privileges for anyone but its owner: every role
-- may use the extension's types and functions.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- ---------------------------------------------------------------------
-- Types with their text and binary forms; equality, order and hashing
-- of the values that are compared
-- ---------------------------------------------------------------------

-- supply_mix: the per-supplier volumes of a group

CREATE TYPE @extschema@.supply_mix;

CREATE FUNCTION @extschema@.supply_mix_in(cstring) RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_in(cstring) IS 'text input of supply_mix: the JSON form written by supply_mix_out';

CREATE FUNCTION @extschema@.supply_mix_out(@extschema@.supply_mix) RETURNS cstring
	AS 'MODULE_PATHNAME', 'supply_mix_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_out(@extschema@.supply_mix) IS 'text output of supply_mix: JSON, suppliers in byte order, shortest exact numbers';

CREATE FUNCTION @extschema@.supply_mix_recv(internal) RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_recv(internal) IS 'binary input of supply_mix (versioned, network byte order, validated)';

CREATE FUNCTION @extschema@.supply_mix_send(@extschema@.supply_mix) RETURNS bytea
	AS 'MODULE_PATHNAME', 'supply_mix_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_send(@extschema@.supply_mix) IS 'binary output of supply_mix (versioned, network byte order)';

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

-- Equality, order and hashing of supply_mix: equal when the canonical binary
-- forms are equal byte for byte (suppliers in byte order, each volume the value of its compensated sum; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.supply_mix_eq(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_eq(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix equal to the second (canonical binary forms compared byte by byte); implements the = operator';

CREATE FUNCTION @extschema@.supply_mix_ne(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_ne(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';

CREATE FUNCTION @extschema@.supply_mix_lt(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_lt(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix before the second (canonical binary forms compared byte by byte); implements the < operator';

CREATE FUNCTION @extschema@.supply_mix_le(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_le(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';

CREATE FUNCTION @extschema@.supply_mix_gt(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_gt(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix after the second (canonical binary forms compared byte by byte); implements the > operator';

CREATE FUNCTION @extschema@.supply_mix_ge(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_ge(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';

CREATE FUNCTION @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'supply_mix_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix) IS
'-1, 0 or 1: byte order of the canonical binary forms of two supply mixs (btree support)';

CREATE FUNCTION @extschema@.supply_mix_hash(@extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'supply_mix_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_hash(@extschema@.supply_mix) IS
'hash of the canonical binary form of a supply mix (hash support: equal values hash equal)';

CREATE FUNCTION @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'supply_mix_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8) IS
'64-bit seeded hash of the canonical binary form of a supply mix (hash partitioning)';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.supply_mix, @extschema@.supply_mix) IS 'not equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.supply_mix, @extschema@.supply_mix) IS 'before: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'before or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.supply_mix, @extschema@.supply_mix) IS 'after: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'after or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR CLASS @extschema@.supply_mix_ops DEFAULT FOR TYPE @extschema@.supply_mix USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix);
COMMENT ON OPERATOR CLASS @extschema@.supply_mix_ops USING btree IS 'byte order of the canonical binary form of supply_mix (for sorts and merge joins)';
COMMENT ON OPERATOR FAMILY @extschema@.supply_mix_ops USING btree IS 'byte order of the canonical binary form of supply_mix';

CREATE OPERATOR CLASS @extschema@.supply_mix_hash_ops DEFAULT FOR TYPE @extschema@.supply_mix USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.supply_mix_hash(@extschema@.supply_mix),
	FUNCTION 2 @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8);
COMMENT ON OPERATOR CLASS @extschema@.supply_mix_hash_ops USING hash IS 'hash of the canonical binary form of supply_mix (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.supply_mix_hash_ops USING hash IS 'hash of the canonical binary form of supply_mix';

-- embargo_scenario: who embargoes, how hard, for how long

CREATE TYPE @extschema@.embargo_scenario;

CREATE FUNCTION @extschema@.embargo_scenario_in(cstring) RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_scenario_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_in(cstring) IS
'text input of embargo_scenario: the JSON form, validated like rarerisk.embargo() (missing parameters take its defaults)';

CREATE FUNCTION @extschema@.embargo_scenario_out(@extschema@.embargo_scenario) RETURNS cstring
	AS 'MODULE_PATHNAME', 'embargo_scenario_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_out(@extschema@.embargo_scenario) IS
'text output of embargo_scenario: JSON, embargoed codes sorted in byte order and without duplicates';

CREATE FUNCTION @extschema@.embargo_scenario_recv(internal) RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_scenario_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_recv(internal) IS
'binary input of embargo_scenario (versioned, network byte order, validated)';

CREATE FUNCTION @extschema@.embargo_scenario_send(@extschema@.embargo_scenario) RETURNS bytea
	AS 'MODULE_PATHNAME', 'embargo_scenario_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_send(@extschema@.embargo_scenario) IS
'binary output of embargo_scenario (versioned, network byte order)';

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

-- Equality, order and hashing of embargo_scenario: equal when the canonical binary
-- forms are equal byte for byte (codes sorted and unique, -0 stored as 0; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.embargo_scenario_eq(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_eq(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario equal to the second (canonical binary forms compared byte by byte); implements the = operator';

CREATE FUNCTION @extschema@.embargo_scenario_ne(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_ne(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';

CREATE FUNCTION @extschema@.embargo_scenario_lt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_lt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario before the second (canonical binary forms compared byte by byte); implements the < operator';

CREATE FUNCTION @extschema@.embargo_scenario_le(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_le(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';

CREATE FUNCTION @extschema@.embargo_scenario_gt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_gt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario after the second (canonical binary forms compared byte by byte); implements the > operator';

CREATE FUNCTION @extschema@.embargo_scenario_ge(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_ge(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';

CREATE FUNCTION @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS int4
	AS 'MODULE_PATHNAME', 'embargo_scenario_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'-1, 0 or 1: byte order of the canonical binary forms of two embargo scenarios (btree support)';

CREATE FUNCTION @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario) RETURNS int4
	AS 'MODULE_PATHNAME', 'embargo_scenario_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario) IS
'hash of the canonical binary form of a embargo scenario (hash support: equal values hash equal)';

CREATE FUNCTION @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'embargo_scenario_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8) IS
'64-bit seeded hash of the canonical binary form of a embargo scenario (hash partitioning)';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'not equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'before: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'before or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'after: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'after or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR CLASS @extschema@.embargo_scenario_ops DEFAULT FOR TYPE @extschema@.embargo_scenario USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario);
COMMENT ON OPERATOR CLASS @extschema@.embargo_scenario_ops USING btree IS 'byte order of the canonical binary form of embargo_scenario (for sorts and merge joins)';
COMMENT ON OPERATOR FAMILY @extschema@.embargo_scenario_ops USING btree IS 'byte order of the canonical binary form of embargo_scenario';

CREATE OPERATOR CLASS @extschema@.embargo_scenario_hash_ops DEFAULT FOR TYPE @extschema@.embargo_scenario USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario),
	FUNCTION 2 @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8);
COMMENT ON OPERATOR CLASS @extschema@.embargo_scenario_hash_ops USING hash IS 'hash of the canonical binary form of embargo_scenario (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.embargo_scenario_hash_ops USING hash IS 'hash of the canonical binary form of embargo_scenario';

-- embargo_state: the state of the embargo aggregates

CREATE TYPE @extschema@.embargo_state;

CREATE FUNCTION @extschema@.embargo_state_in(cstring) RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_state_in(cstring) IS
'text input of embargo_state: the scenario''s JSON keys plus demand, embargoed_volume, embargoed_content and spare';

CREATE FUNCTION @extschema@.embargo_state_out(@extschema@.embargo_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'embargo_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_state_out(@extschema@.embargo_state) IS
'text output of embargo_state: JSON';

CREATE FUNCTION @extschema@.embargo_state_recv(internal) RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_state_recv(internal) IS
'binary input of embargo_state (versioned, network byte order, validated)';

CREATE FUNCTION @extschema@.embargo_state_send(@extschema@.embargo_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'embargo_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_state_send(@extschema@.embargo_state) IS
'binary output of embargo_state (versioned, network byte order, compensated sums exact)';

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

-- trade_network: production and bilateral flows for origin tracing

CREATE TYPE @extschema@.trade_network;

CREATE FUNCTION @extschema@.trade_network_in(cstring) RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'trade_network_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_in(cstring) IS
'text input of trade_network: the JSON form written by trade_network_out (keys production, flows, unknown_origin; missing keys are empty)';

CREATE FUNCTION @extschema@.trade_network_out(@extschema@.trade_network) RETURNS cstring
	AS 'MODULE_PATHNAME', 'trade_network_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_out(@extschema@.trade_network) IS
'text output of trade_network: JSON, countries in byte order, shortest exact numbers';

CREATE FUNCTION @extschema@.trade_network_recv(internal) RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'trade_network_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_recv(internal) IS
'binary input of trade_network (versioned, network byte order, validated)';

CREATE FUNCTION @extschema@.trade_network_send(@extschema@.trade_network) RETURNS bytea
	AS 'MODULE_PATHNAME', 'trade_network_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_send(@extschema@.trade_network) IS
'binary output of trade_network (versioned, network byte order, compensated sums exact)';

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

-- Equality, order and hashing of trade_network: equal when the canonical binary
-- forms are equal byte for byte (countries in byte order, each flow the value of its compensated sum; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.trade_network_eq(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_eq(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network equal to the second (canonical binary forms compared byte by byte); implements the = operator';

CREATE FUNCTION @extschema@.trade_network_ne(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_ne(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';

CREATE FUNCTION @extschema@.trade_network_lt(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_lt(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network before the second (canonical binary forms compared byte by byte); implements the < operator';

CREATE FUNCTION @extschema@.trade_network_le(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_le(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';

CREATE FUNCTION @extschema@.trade_network_gt(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_gt(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network after the second (canonical binary forms compared byte by byte); implements the > operator';

CREATE FUNCTION @extschema@.trade_network_ge(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_ge(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';

CREATE FUNCTION @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network) RETURNS int4
	AS 'MODULE_PATHNAME', 'trade_network_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network) IS
'-1, 0 or 1: byte order of the canonical binary forms of two trade networks (btree support)';

CREATE FUNCTION @extschema@.trade_network_hash(@extschema@.trade_network) RETURNS int4
	AS 'MODULE_PATHNAME', 'trade_network_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_hash(@extschema@.trade_network) IS
'hash of the canonical binary form of a trade network (hash support: equal values hash equal)';

CREATE FUNCTION @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'trade_network_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8) IS
'64-bit seeded hash of the canonical binary form of a trade network (hash partitioning)';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.trade_network, @extschema@.trade_network) IS 'equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.trade_network, @extschema@.trade_network) IS 'not equal to: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.trade_network, @extschema@.trade_network) IS 'before: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.trade_network, @extschema@.trade_network) IS 'before or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.trade_network, @extschema@.trade_network) IS 'after: canonical binary forms compared byte by byte';

CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.trade_network, @extschema@.trade_network) IS 'after or equal: canonical binary forms compared byte by byte';

CREATE OPERATOR CLASS @extschema@.trade_network_ops DEFAULT FOR TYPE @extschema@.trade_network USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network);
COMMENT ON OPERATOR CLASS @extschema@.trade_network_ops USING btree IS 'byte order of the canonical binary form of trade_network (for sorts and merge joins)';
COMMENT ON OPERATOR FAMILY @extschema@.trade_network_ops USING btree IS 'byte order of the canonical binary form of trade_network';

CREATE OPERATOR CLASS @extschema@.trade_network_hash_ops DEFAULT FOR TYPE @extschema@.trade_network USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.trade_network_hash(@extschema@.trade_network),
	FUNCTION 2 @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8);
COMMENT ON OPERATOR CLASS @extschema@.trade_network_hash_ops USING hash IS 'hash of the canonical binary form of trade_network (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.trade_network_hash_ops USING hash IS 'hash of the canonical binary form of trade_network';

-- ---------------------------------------------------------------------
-- Building a supply mix: the transition, combine and final functions of
-- the aggregates, and the aggregates that return the mix
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8) IS
'transition function of the supply_mix aggregates: adds one (supplier, volume) row in place';

CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_spare' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, float8) IS
'transition function of supply_mix(supplier, volume, spare): adds one row with spare capacity in place';

CREATE FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, int4)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_k' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_trans(@extschema@.supply_mix, text, float8, int4) IS
'transition function of concentration_ratio: adds one row and keeps k in the state';

CREATE FUNCTION @extschema@.supply_mix_combine(@extschema@.supply_mix, @extschema@.supply_mix)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_combine(@extschema@.supply_mix, @extschema@.supply_mix) IS
'union of two supply mixes (volumes, spare and unattributed volume summed per supplier); combine function of every supply_mix aggregate';

CREATE FUNCTION @extschema@.supply_mix_final(@extschema@.supply_mix)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_final(@extschema@.supply_mix) IS
'canonical form of a supply mix (suppliers in byte order, no slack); final function of supply_mix and supply_mix_merge';

CREATE FUNCTION @extschema@.concentration_ratio_final(@extschema@.supply_mix)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_concentration_ratio_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration_ratio_final(@extschema@.supply_mix) IS
'final function of concentration_ratio: the CRk share, with k carried in the state';

CREATE AGGREGATE @extschema@.supply_mix(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.supply_mix(text, float8) IS
'per-supplier totals of the rows as a storable supply_mix (NULL supplier: unattributed volume; NULL volume: row ignored)';

CREATE AGGREGATE @extschema@.supply_mix(supplier text, volume float8, spare float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1536,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.supply_mix(text, float8, float8) IS
'per-supplier totals of volume and spare capacity (what each supplier could add in a disruption) as a supply_mix';

CREATE AGGREGATE @extschema@.supply_mix_merge(@extschema@.supply_mix) (
	SFUNC = @extschema@.supply_mix_combine,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.supply_mix_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.supply_mix_merge(@extschema@.supply_mix) IS
'union of stored supply mixes, e.g. monthly mixes rolled up into a year';

-- ---------------------------------------------------------------------
-- Functions over a mix: concentration measures, change between two
-- mixes; then the aggregates that give one measure of the rows directly
-- (the mix aggregate finished by the measure)
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
COMMENT ON FUNCTION @extschema@.total(@extschema@.supply_mix) IS
'total volume of a mix, unattributed volume included (0 for the empty mix)';

CREATE FUNCTION @extschema@.supplier_count(@extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'mix_supplier_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supplier_count(@extschema@.supply_mix) IS
'number of named suppliers with volume > 0';

CREATE FUNCTION @extschema@.shares_stream(mix @extschema@.supply_mix,
		OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_shares_stream' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.shares_stream(@extschema@.supply_mix) IS
'the rows of shares(mix), one per call: called in a select list they stream instead of filling a tuplestore first, as any set-returning function in FROM does; shares(mix) reads them so';

-- A SQL function not STRICT and not VOLATILE: the planner inlines it, so
-- that shares(mix) in FROM becomes shares_stream(mix) in a select list.
CREATE FUNCTION @extschema@.shares(mix @extschema@.supply_mix,
		OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20
BEGIN ATOMIC
	SELECT (r).supplier, (r).volume, (r).share, (r).rank
	  FROM (SELECT @extschema@.shares_stream(mix) AS r) AS s;
END;
COMMENT ON FUNCTION @extschema@.shares(@extschema@.supply_mix) IS
'one row per named supplier ranked by volume (ties by code), share of the grand total; then the unattributed volume with supplier and rank NULL';

CREATE FUNCTION @extschema@.hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hhi(@extschema@.supply_mix) IS
'Herfindahl-Hirschman index on the 0-10,000 scale: sum of squared percent shares of named suppliers (unattributed volume counts in the total only); NULL for a zero total';

CREATE FUNCTION @extschema@.top_share(@extschema@.supply_mix, k int4) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_top_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.top_share(@extschema@.supply_mix, int4) IS
'concentration ratio CRk: share of the k largest named suppliers, 0-1; k >= 1';

CREATE FUNCTION @extschema@.top_supplier(@extschema@.supply_mix) RETURNS text
	AS 'MODULE_PATHNAME', 'mix_top_supplier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.top_supplier(@extschema@.supply_mix) IS
'the largest named supplier (ties: the smallest code in byte order); NULL if none has volume';

CREATE FUNCTION @extschema@.equivalent_suppliers(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_equivalent_suppliers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.equivalent_suppliers(@extschema@.supply_mix) IS
'numbers-equivalent 10,000 / HHI: how many equal-sized suppliers the mix is worth';

CREATE FUNCTION @extschema@.normalized_hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_normalized_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normalized_hhi(@extschema@.supply_mix) IS
'range-normalised HHI (H - 1/N)/(1 - 1/N) on the 0-1 scale over named suppliers only; 1 for a single supplier';

CREATE FUNCTION @extschema@.shannon_diversity(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_shannon_diversity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shannon_diversity(@extschema@.supply_mix) IS
'Shannon diversity -sum s ln s over named suppliers, shares of the grand total, in nats';

CREATE FUNCTION @extschema@.concentration(@extschema@.supply_mix)
	RETURNS @extschema@.concentration_profile
	AS 'MODULE_PATHNAME', 'mix_concentration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.concentration(@extschema@.supply_mix) IS
'every concentration measure of a mix as one concentration_profile';

-- Change and alerts: how concentration moved between two mixes
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
COMMENT ON FUNCTION @extschema@.concentration_change(@extschema@.supply_mix, @extschema@.supply_mix) IS
'how concentration changed from before to after (concentration_change composite): HHI and its delta, top supplier switch, the largest fall of a supplier''s share in percentage points (NULL if no share fell or a total is 0), new and lost suppliers';

CREATE FUNCTION @extschema@.dominant_supplier(mix @extschema@.supply_mix,
		threshold float8 DEFAULT 0.65)
	RETURNS text
	AS 'MODULE_PATHNAME', 'mix_dominant_supplier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dominant_supplier(@extschema@.supply_mix, float8) IS
'the named supplier whose share of the total exceeds threshold (default 0.65, the EU Critical Raw Materials Act single-country benchmark), or NULL; threshold outside [0,1] is an error (22023)';

CREATE AGGREGATE @extschema@.concentration_hhi(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.concentration_hhi(text, float8) IS
'Herfindahl-Hirschman index (0-10,000) of the per-supplier totals of the rows';

CREATE AGGREGATE @extschema@.concentration_ratio(supplier text, volume float8, k int4) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.concentration_ratio_final,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.concentration_ratio(text, float8, int4) IS
'concentration ratio CRk (0-1): share of the k largest suppliers of the rows; k must be the same for every row';

CREATE AGGREGATE @extschema@.top_supplier(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.top_supplier,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.top_supplier(text, float8) IS
'the supplier with the largest total volume (ties: the smallest code in byte order)';

CREATE AGGREGATE @extschema@.concentration(supplier text, volume float8) (
	SFUNC = @extschema@.supply_mix_trans,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.concentration,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.concentration(text, float8) IS
'every concentration measure of the rows as one concentration_profile';

-- ---------------------------------------------------------------------
-- Embargo shortfall: the scenario, the aggregates over supplier rows
-- and the functions over a stored mix
-- ---------------------------------------------------------------------

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

CREATE FUNCTION @extschema@.embargo(embargoed text[],
		intensity float8 DEFAULT 1,
		stock_days float8 DEFAULT 0,
		horizon_days float8 DEFAULT 365,
		period_days float8 DEFAULT 365)
	RETURNS @extschema@.embargo_scenario
	AS 'MODULE_PATHNAME', 'embargo_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo(text[], float8, float8, float8, float8) IS
'an embargo scenario: the embargoing suppliers, intensity (1 = total ban, 0-1), the importer''s stocks in days of demand, how long the embargo lasts (horizon_days > 0) and the period the volumes cover (period_days > 0); NULL arguments are errors; a code of two or three letters that is no ISO code of rarerisk.country, a country''s name or a country code inside white space is an error (22023) naming the likely code';

CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, scenario): adds one row in place';

CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans_spare' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, spare, scenario): adds one row with spare capacity in place';

CREATE FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, float8,
		@extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_trans_content' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_trans(@extschema@.embargo_state, text, float8, float8, float8, @extschema@.embargo_scenario) IS
'transition function of embargo_shortfall/embargo_impact(supplier, volume, spare, embargoed_content, scenario): adds one row with spare capacity and look-through content in place';

CREATE FUNCTION @extschema@.embargo_combine(@extschema@.embargo_state, @extschema@.embargo_state)
	RETURNS @extschema@.embargo_state
	AS 'MODULE_PATHNAME', 'embargo_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_combine(@extschema@.embargo_state, @extschema@.embargo_state) IS
'combine function of embargo_shortfall and embargo_impact: adds the sums of two states of the same scenario';

CREATE FUNCTION @extschema@.embargo_shortfall_final(@extschema@.embargo_state)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'embargo_shortfall_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_shortfall_final(@extschema@.embargo_state) IS
'final function of embargo_shortfall: the shortfall share of the summed rows; NULL for a zero total';

CREATE FUNCTION @extschema@.embargo_impact_final(@extschema@.embargo_state)
	RETURNS @extschema@.embargo_impact
	AS 'MODULE_PATHNAME', 'embargo_impact_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo over its horizon, without substitution or look-through; the scenario must be the same for every row';

CREATE AGGREGATE @extschema@.embargo_shortfall(supplier text, volume float8, spare float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_shortfall_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo, with the spare capacity of the non-embargoed suppliers substituting';

CREATE AGGREGATE @extschema@.embargo_shortfall(supplier text, volume float8, spare float8,
		embargoed_content float8, scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_shortfall_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.embargo_shortfall(text, float8, float8, float8, @extschema@.embargo_scenario) IS
'share of demand (0-1) left unmet by the embargo, with substitution and look-through: embargoed_content is the share (0-1) of a non-embargoed supplier''s deliveries that originates in the embargoed countries';

CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), without substitution or look-through';

CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8, spare float8,
		scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), with substitution from spare capacity';

CREATE AGGREGATE @extschema@.embargo_impact(supplier text, volume float8, spare float8,
		embargoed_content float8, scenario @extschema@.embargo_scenario) (
	SFUNC = @extschema@.embargo_trans,
	STYPE = @extschema@.embargo_state,
	FINALFUNC = @extschema@.embargo_impact_final,
	COMBINEFUNC = @extschema@.embargo_combine,
	SSPACE = 160,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.embargo_impact(text, float8, float8, float8, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite), with substitution and look-through content per row';

CREATE FUNCTION @extschema@.embargo_shortfall(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_embargo_shortfall' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_shortfall(@extschema@.supply_mix, @extschema@.embargo_scenario) IS
'shortfall share (0-1) of the embargo over a stored mix, with the mix''s spare capacity substituting (no look-through)';

CREATE FUNCTION @extschema@.embargo_impact(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.embargo_impact
	AS 'MODULE_PATHNAME', 'mix_embargo_impact' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargo_impact(@extschema@.supply_mix, @extschema@.embargo_scenario) IS
'impact of the embargo (embargo_impact composite) over a stored mix, with substitution from its spare capacity';

CREATE FUNCTION @extschema@.worst_embargo(mix @extschema@.supply_mix, k int4,
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.worst_case
	AS 'MODULE_PATHNAME', 'mix_worst_embargo' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.worst_embargo(@extschema@.supply_mix, int4, @extschema@.embargo_scenario) IS
'the k named suppliers whose joint embargo gives the largest shortfall (exact: the k largest intensity * volume + spare), with that shortfall; uses the scenario''s intensity, stocks, horizon and period but ignores its list';

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

CREATE FUNCTION @extschema@.embargo_trajectory(mix @extschema@.supply_mix,
		scenario @extschema@.embargo_scenario, step_days int4 DEFAULT 30,
		OUT day float8, OUT gap float8, OUT stock_remaining float8,
		OUT cumulative_shortfall float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_embargo_trajectory' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION @extschema@.embargo_trajectory(@extschema@.supply_mix, @extschema@.embargo_scenario, int4) IS
'the embargo day by day for charts: rows at day 0, step_days, 2 step_days, ... and the horizon, with the daily gap, stock_remaining and cumulative_shortfall (which ends at embargo_impact''s shortfall)';

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
COMMENT ON FUNCTION @extschema@.disruption_event(text, float8, text[], float8) IS
'a disruption event: name (may be NULL), probability in [0,1], the suppliers it cuts (non-empty, no NULL) and the intensity of the cut in (0,1], default 1; bad values are errors (22023)';

CREATE FUNCTION @extschema@.disruption_risk(mix @extschema@.supply_mix,
		events @extschema@.disruption_event[],
		scenario @extschema@.embargo_scenario)
	RETURNS @extschema@.disruption_risk
	AS 'MODULE_PATHNAME', 'mix_disruption_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.disruption_risk(@extschema@.supply_mix, @extschema@.disruption_event[], @extschema@.embargo_scenario) IS
'exact disruption risk of independent events over a stored mix: every outcome of the events of probability strictly between 0 and 1 (at most 24) through the embargo model with the scenario''s stocks, horizon and period (its list and intensity are ignored); a supplier hit by several events is cut by the largest intensity; NULL for a zero total';

CREATE FUNCTION @extschema@.disruption_distribution(mix @extschema@.supply_mix,
		events @extschema@.disruption_event[],
		scenario @extschema@.embargo_scenario,
		OUT shortfall_share float8, OUT probability float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_disruption_distribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION @extschema@.disruption_distribution(@extschema@.supply_mix, @extschema@.disruption_event[], @extschema@.embargo_scenario) IS
'the exact distribution behind disruption_risk: one row per distinct shortfall share, ascending, with its probability (the probabilities sum to 1)';

-- ---------------------------------------------------------------------
-- Look-through: building a trade network and tracing origins
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.origin_network_trans(@extschema@.trade_network, text, text, float8)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.origin_network_trans(@extschema@.trade_network, text, text, float8) IS
'transition function of origin_network: adds one (exporter, importer, volume) row in place';

CREATE FUNCTION @extschema@.origin_network_combine(@extschema@.trade_network, @extschema@.trade_network)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.origin_network_combine(@extschema@.trade_network, @extschema@.trade_network) IS
'union of two trade networks (volumes summed per exporter and importer); combine function of origin_network, transition function of origin_network_merge';

CREATE FUNCTION @extschema@.origin_network_final(@extschema@.trade_network)
	RETURNS @extschema@.trade_network
	AS 'MODULE_PATHNAME', 'origin_network_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
COMMENT ON AGGREGATE @extschema@.origin_network(text, text, float8) IS
'the bilateral flows of the rows as a storable trade_network: exporter = importer is own production, NULL exporter is supply of unknown origin, NULL volume is ignored; NULL importer, negative, NaN or infinite volume are errors';

CREATE AGGREGATE @extschema@.origin_network_merge(@extschema@.trade_network) (
	SFUNC = @extschema@.origin_network_combine,
	STYPE = @extschema@.trade_network,
	FINALFUNC = @extschema@.origin_network_final,
	COMBINEFUNC = @extschema@.origin_network_combine,
	SSPACE = 4096,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.origin_network_merge(@extschema@.trade_network) IS
'union of stored trade networks, e.g. monthly networks rolled up into a year';

CREATE FUNCTION @extschema@.origin_shares(network @extschema@.trade_network,
		OUT country text, OUT origin text, OUT share float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'network_origin_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.origin_shares(@extschema@.trade_network) IS
'look-through origin of every country''s supply under proportional flows (exports carry the origin mix of the exporter''s production plus imports): one row per country and origin with share > 0, by country, share descending, origin; origin NULL is the unattributed share (unknown-origin supply, exports of countries without supply, re-export loops fed by no production); a country without any supply has one row with origin and share NULL';

CREATE FUNCTION @extschema@.embargoed_content(network @extschema@.trade_network,
		country text, embargoed text[])
	RETURNS float8
	AS 'MODULE_PATHNAME', 'network_embargoed_content' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.embargoed_content(@extschema@.trade_network, text, text[]) IS
'theta for embargo_shortfall: the share (0-1) of the country''s supply that originates in the embargoed countries, traced through the network; NULL when the country is not in the network or has no supply';

CREATE FUNCTION @extschema@.embargoed_content(network @extschema@.trade_network,
		embargoed text[], OUT country text, OUT embargoed_content float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'network_embargoed_contents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 200;
COMMENT ON FUNCTION @extschema@.embargoed_content(@extschema@.trade_network, text[]) IS
'theta of every country of the network for the embargoed countries (byte order of country; NULL for a country without supply), for joining to supplier rows';

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

-- ---------------------------------------------------------------------
-- Criticality: governance risk, governance-weighted concentration (EU
-- HHI_WGI and HHI_WGI,t with the trade factor t), EU supply risk and
-- criticality, USGS import reliance
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.wgi_risk(wgi_mean float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'rr_wgi_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wgi_risk(float8) IS
'EU governance risk on 0-10 (10 = worst) from the mean of the six World Bank WGI estimates (about -2.5 .. 2.5, higher = better): clamp((2.5 - wgi_mean) * 2, 0, 10); NaN or infinite is an error (22023)';

CREATE FUNCTION @extschema@.supply_mix_trans_risk(@extschema@.supply_mix, text, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_risk' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_trans_risk(@extschema@.supply_mix, text, float8, float8) IS
'transition function of governance_hhi: adds one row and records the supplier''s governance risk, which must be the same on all its rows';

CREATE FUNCTION @extschema@.governance_hhi(@extschema@.supply_mix) RETURNS float8
	AS 'MODULE_PATHNAME', 'mix_governance_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.governance_hhi(@extschema@.supply_mix) IS
'EU HHI_WGI of a mix that carries governance risks: sum of squared fraction shares times each supplier''s risk; NULL for a zero total';

CREATE AGGREGATE @extschema@.governance_hhi(supplier text, volume float8, risk float8) (
	SFUNC = @extschema@.supply_mix_trans_risk,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.governance_hhi(text, float8, float8) IS
'EU HHI_WGI: sum over suppliers of (share of the grand total)^2 x governance risk (WGI scaled 0-10, optionally times the trade factor t); a supplier with two different risks in a group is an error, as is a NULL risk for a named supplier';

CREATE FUNCTION @extschema@.supply_mix_trans_risk_t(@extschema@.supply_mix, text, float8, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_risk_t' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.supply_mix_trans_risk_t(@extschema@.supply_mix, text, float8, float8, float8) IS
'transition function of hhi_wgi_t: adds one row and records the supplier''s weight wgi_risk x t (NULL t = 1), which must be the same on all its rows';

CREATE AGGREGATE @extschema@.hhi_wgi_t(supplier text, share_or_volume float8, wgi_risk float8, t float8) (
	SFUNC = @extschema@.supply_mix_trans_risk_t,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.hhi_wgi_t(text, float8, float8, float8) IS
'EU (HHI_WGI,t): sum over suppliers of s^2 x wgi_risk x t, s = supplier total / grand total as a fraction (fraction shares or volumes; NULL supplier = unattributed, in the total only), wgi_risk on 0-10 (rarerisk.wgi_risk), t the trade-restriction factor (1 or NULL = no measure, 0.8 trade agreement, 1.1-1.5 export restrictions); NULL wgi_risk for a named supplier is an error (22004); t must be finite and > 0 and one supplier''s wgi_risk x t the same on all its rows (22023); NULL for a zero total';

CREATE AGGREGATE @extschema@.hhi_wgi_t(supplier text, share_or_volume float8, wgi_risk float8) (
	SFUNC = @extschema@.supply_mix_trans_risk,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.hhi_wgi_t(text, float8, float8) IS
'EU (HHI_WGI,t) with t = 1 for every supplier: the same as governance_hhi(supplier, volume, risk)';

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

CREATE FUNCTION @extschema@.eu_material_sr(sr_extraction float8, sr_processing float8,
		OUT sr float8, OUT sr_stage text)
	AS 'MODULE_PATHNAME', 'rr_eu_material_sr' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eu_material_sr(float8, float8) IS
'EU CRM material supply risk: the larger of the extraction and processing stage SRs (the bottleneck) and the stage that sets it (''extraction'' or ''processing''; a tie goes to extraction, the upstream stage); a NULL stage SR is a stage not assessed; both NULL: (NULL, NULL); negative, NaN or infinite SRs are errors (22023)';

CREATE FUNCTION @extschema@.eu_is_critical(sr float8, ei float8,
		sr_threshold float8 DEFAULT 1.0, ei_threshold float8 DEFAULT 2.8)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'rr_eu_is_critical' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eu_is_critical(float8, float8, float8, float8) IS
'EU CRM criticality: sr >= sr_threshold AND ei >= ei_threshold (the EU thresholds 1.0 and 2.8 by default); NULL when any argument is NULL; negative, NaN or infinite arguments are errors (22023)';

-- ---------------------------------------------------------------------
-- Countries: the check of supplier codes against ISO 3166 that embargo()
-- also applies
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.check_supplier_codes(codes text[]) RETURNS text[]
	AS 'MODULE_PATHNAME', 'check_supplier_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.check_supplier_codes(text[]) IS
'the codes unchanged, or the error (22023, with the likely ISO code as hint) that embargo() raises for a code of two or three letters that is no ISO code of rarerisk.country (CNH, chn), for a country''s name (China) or for a country code inside white space; other codes (firms, blocs, S1) and ISO user-assigned codes (XAA-XZZ) pass; NULL elements pass';

-- ---------------------------------------------------------------------
-- Reference data: HS codes of critical-mineral trade, and the countries.
-- Shipped rows have user_added = false and are recreated by CREATE
-- EXTENSION; pg_dump saves only the rows users add (user_added defaults
-- to true), through pg_extension_config_dump.
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
COMMENT ON TABLE @extschema@.country IS
'ISO 3166-1 countries and territories with alpha-3, alpha-2, UN M49 numeric code and the code UN Comtrade and CEPII BACI use (842 USA, 251 France, 699 India, 757 Switzerland, 579 Norway, 490 Taiwan as "Other Asia, nes"), plus former entities that trade data still carry; join partner codes on m49 or comtrade_code; aggregates (0 World, 899 Areas nes, ...) are deliberately absent';
COMMENT ON COLUMN @extschema@.country.m49 IS 'UN M49 / ISO 3166-1 numeric code; for a former entity its former code (530 Netherlands Antilles, 736 Sudan before 2012, 891 Serbia and Montenegro)';
COMMENT ON COLUMN @extschema@.country.iso3 IS 'ISO 3166-1 alpha-3 (former entities: their ISO 3166-3 code, or SDN for the former Sudan); unique among current rows';
COMMENT ON COLUMN @extschema@.country.iso2 IS 'ISO 3166-1 alpha-2; unique among current rows';
COMMENT ON COLUMN @extschema@.country.comtrade_code IS 'numeric code of UN Comtrade and CEPII BACI: the M49 code except USA 842 (M49 840), France 251 (250, incl. Monaco), India 699 (356), Switzerland 757 (756, incl. Liechtenstein), Norway 579 (578, incl. Svalbard and Jan Mayen), Taiwan 490 ("Other Asia, nes"; M49 158); never equal to another row''s m49, so a column mixing both kinds joins with m49 = code OR comtrade_code = code';
COMMENT ON COLUMN @extschema@.country.name IS 'short English name (ISO 3166-1 common name where it has one)';
COMMENT ON COLUMN @extschema@.country.valid_to IS 'last year a former code was in use; NULL for current countries';
COMMENT ON COLUMN @extschema@.country.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

CREATE UNIQUE INDEX country_iso3_current ON @extschema@.country (iso3) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX country_iso2_current ON @extschema@.country (iso2) WHERE valid_to IS NULL;

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
-- Reference data: the EU criticality assessment.  The per-stage inputs
-- of the EU's assessments (the 2023 assessment of the rare-earth elements
-- shipped), the table as the EU printed it, and the assessment laid out
-- from the inputs (a function over the tables, so it follows them).
-- Shipped rows have user_added = false; pg_dump keeps the rows users add.
-- ---------------------------------------------------------------------

CREATE TABLE @extschema@.eu_crm_material (
	assessment int4 NOT NULL CHECK (assessment BETWEEN 2010 AND 2100),
	material text NOT NULL CHECK (material <> ''),
	material_group text CHECK (material_group <> '' AND material_group <> material),
	ei numeric NOT NULL CHECK (ei >= 0),
	si_ei numeric CHECK (si_ei BETWEEN 0 AND 1),
	si_sr numeric CHECK (si_sr BETWEEN 0 AND 1),
	eol_rir numeric CHECK (eol_rir BETWEEN 0 AND 1),
	user_added boolean NOT NULL DEFAULT true,
	PRIMARY KEY (assessment, material)
);
COMMENT ON TABLE @extschema@.eu_crm_material IS
'materials of the EU critical raw materials assessments with the EU''s economic importance and material-level supply-risk inputs, one row per assessment and material (groups such as HREE are not rows: their values are computed from their members); shipped: the 2023 assessment of the rare-earth elements and scandium, from EC (2023) Study on the Critical Raw Materials for the EU 2023, doi 10.2873/725585, as transcribed by the CritMAT project; add your own rows (user_added defaults to true, and pg_dump keeps them)';
COMMENT ON COLUMN @extschema@.eu_crm_material.assessment IS 'year of the EU assessment (2023 for the shipped rows)';
COMMENT ON COLUMN @extschema@.eu_crm_material.material IS 'the material as the EU names it, e.g. Dysprosium';
COMMENT ON COLUMN @extschema@.eu_crm_material.material_group IS 'the group whose values are the mean of its members (HREE, LREE); NULL for a material assessed on its own (Scandium)';
COMMENT ON COLUMN @extschema@.eu_crm_material.ei IS 'economic importance as the EU published it (0-10, one decimal); the EU''s input, not computed here';
COMMENT ON COLUMN @extschema@.eu_crm_material.si_ei IS 'substitution index for economic importance (0-1, 1 = no substitute), as published';
COMMENT ON COLUMN @extschema@.eu_crm_material.si_sr IS 'substitution index for supply risk (0-1, 1 = no substitute), as published: the SI argument of eu_supply_risk';
COMMENT ON COLUMN @extschema@.eu_crm_material.eol_rir IS 'end-of-life recycling input rate as a fraction (published in percent): the eol_rir argument of eu_supply_risk';
COMMENT ON COLUMN @extschema@.eu_crm_material.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

CREATE TABLE @extschema@.eu_crm_stage (
	assessment int4 NOT NULL,
	material text NOT NULL,
	stage text NOT NULL CHECK (stage IN ('extraction', 'processing')),
	sr numeric CHECK (sr >= 0),
	sourcing text CHECK (sourcing IN ('GS+EU', 'GS only', 'EU only')),
	import_reliance numeric CHECK (import_reliance BETWEEN 0 AND 1),
	note text,
	user_added boolean NOT NULL DEFAULT true,
	PRIMARY KEY (assessment, material, stage),
	FOREIGN KEY (assessment, material) REFERENCES @extschema@.eu_crm_material
		ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.eu_crm_stage IS
'the supply-chain stages at which the EU assessed a material, one row per assessment, material and stage, with the stage''s supply risk as the EU published it and its inputs; a material''s SR is the largest of its stages (rarerisk.eu_material_sr); shipped: the 2023 assessment of the rare-earth elements (same source as eu_crm_material)';
COMMENT ON COLUMN @extschema@.eu_crm_stage.stage IS 'extraction (mining) or processing (separation, refining)';
COMMENT ON COLUMN @extschema@.eu_crm_stage.sr IS 'the stage''s supply risk as the EU published it (one decimal), the result of eu_supply_risk from the EU''s HHIs; NULL for an assessed stage whose SR is unknown (the material''s SR is then NULL too)';
COMMENT ON COLUMN @extschema@.eu_crm_stage.sourcing IS 'which HHI terms the EU used: GS+EU (global supply and EU sourcing, weighted by import reliance), GS only or EU only (eu_supply_risk with the other HHI NULL)';
COMMENT ON COLUMN @extschema@.eu_crm_stage.import_reliance IS 'EU import reliance at this stage as a fraction (published in percent)';
COMMENT ON COLUMN @extschema@.eu_crm_stage.note IS 'where a value is not the published one, how it was derived';
COMMENT ON COLUMN @extschema@.eu_crm_stage.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

CREATE TABLE @extschema@.eu_crm_published (
	assessment int4 NOT NULL CHECK (assessment BETWEEN 2010 AND 2100),
	material text NOT NULL CHECK (material <> ''),
	material_group text,
	sr numeric CHECK (sr >= 0),
	sr_stage text CHECK (sr_stage IN ('extraction', 'processing')),
	sr_extraction numeric CHECK (sr_extraction >= 0),
	sr_processing numeric CHECK (sr_processing >= 0),
	ei numeric CHECK (ei >= 0),
	note text,
	user_added boolean NOT NULL DEFAULT true,
	PRIMARY KEY (assessment, material)
);
COMMENT ON TABLE @extschema@.eu_crm_published IS
'the EU assessment table as printed, groups included, to compare with rarerisk.eu_assessment() (which never reads this table); shipped: the 2023 results for the rare-earth elements, their groups and scandium (same source as eu_crm_material)';
COMMENT ON COLUMN @extschema@.eu_crm_published.material_group IS 'the group of a member material; NULL for a group''s own row and for a material assessed on its own';
COMMENT ON COLUMN @extschema@.eu_crm_published.sr IS 'supply risk as printed';
COMMENT ON COLUMN @extschema@.eu_crm_published.sr_stage IS 'the stage the EU names as setting the SR';
COMMENT ON COLUMN @extschema@.eu_crm_published.sr_extraction IS 'extraction-stage SR as printed';
COMMENT ON COLUMN @extschema@.eu_crm_published.sr_processing IS 'processing-stage SR as printed (the LREE group''s is printed with two decimals, 3.58)';
COMMENT ON COLUMN @extschema@.eu_crm_published.ei IS 'economic importance as printed';
COMMENT ON COLUMN @extschema@.eu_crm_published.note IS 'gaps in the transcription';
COMMENT ON COLUMN @extschema@.eu_crm_published.user_added IS 'false for the rows shipped with the extension (recreated by CREATE EXTENSION, not dumped); true (the default) for rows users add, which pg_dump keeps';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.eu_crm_material', 'WHERE user_added');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eu_crm_stage', 'WHERE user_added');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eu_crm_published', 'WHERE user_added');
GRANT SELECT ON @extschema@.eu_crm_material, @extschema@.eu_crm_stage, @extschema@.eu_crm_published TO PUBLIC;

INSERT INTO @extschema@.eu_crm_material (assessment, material, material_group, ei, si_ei, si_sr, eol_rir, user_added) VALUES
	(2023, 'Dysprosium', 'HREE', 7.8, 0.98, 0.99, 0.01, false),
	(2023, 'Erbium', 'HREE', 3.5, 1.00, 1.00, 0.01, false),
	(2023, 'Europium', 'HREE', 3.3, 1.00, 1.00, 0.01, false),
	(2023, 'Gadolinium', 'HREE', 3.3, 0.59, 0.59, 0.01, false),
	(2023, 'Holmium', 'HREE', 3.2, 1.00, 1.00, 0.01, false),
	(2023, 'Lutetium', 'HREE', 5.0, 1.00, 1.00, 0.01, false),
	(2023, 'Terbium', 'HREE', 6.4, 0.84, 0.92, 0.01, false),
	(2023, 'Thulium', 'HREE', 3.2, 1.00, 1.00, 0.01, false),
	(2023, 'Ytterbium', 'HREE', 3.2, 1.00, 1.00, 0.01, false),
	(2023, 'Yttrium', 'HREE', 2.9, 0.90, 0.90, 0.01, false),
	(2023, 'Cerium', 'LREE', 4.9, 0.93, 0.97, 0.01, false),
	(2023, 'Lanthanum', 'LREE', 2.9, 0.92, 0.97, 0.01, false),
	(2023, 'Neodymium', 'LREE', 7.2, 0.97, 0.99, 0.01, false),
	(2023, 'Praseodymium', 'LREE', 7.0, 0.96, 0.98, 0.01, false),
	(2023, 'Samarium', 'LREE', 7.7, 0.98, 0.98, 0.01, false),
	(2023, 'Scandium', NULL, 3.7, 0.86, 0.87, 0.0, false);
INSERT INTO @extschema@.eu_crm_stage (assessment, material, stage, sr, sourcing, import_reliance, note, user_added) VALUES
	(2023, 'Dysprosium', 'extraction', 5.3, 'GS+EU', 0.8, NULL, false),
	(2023, 'Dysprosium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Erbium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Erbium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Europium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Europium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Gadolinium', 'extraction', 1.1, 'GS+EU', 0.8, NULL, false),
	(2023, 'Gadolinium', 'processing', 3.3, 'GS only', 1.0, NULL, false),
	(2023, 'Holmium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Holmium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Lutetium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Lutetium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Terbium', 'extraction', 2.5, 'GS+EU', 0.8, NULL, false),
	(2023, 'Terbium', 'processing', 4.9, 'GS only', 1.0, NULL, false),
	(2023, 'Thulium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Thulium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Ytterbium', 'extraction', 2.2, 'GS+EU', 0.8, NULL, false),
	(2023, 'Ytterbium', 'processing', 5.6, 'GS only', 1.0, NULL, false),
	(2023, 'Yttrium', 'extraction', 1.4, 'GS+EU', 1.0, NULL, false),
	(2023, 'Yttrium', 'processing', 3.5, 'GS only', 1.0, NULL, false),
	(2023, 'Cerium', 'extraction', 3.9, 'GS only', 1.0, NULL, false),
	(2023, 'Cerium', 'processing', 4.0, 'GS only', 1.0, NULL, false),
	(2023, 'Lanthanum', 'extraction', 2.0, 'GS+EU', 1.0, NULL, false),
	(2023, 'Lanthanum', 'processing', 3.5, 'GS+EU', 1.0, NULL, false),
	(2023, 'Neodymium', 'extraction', 4.5, 'GS+EU', 0.8, NULL, false),
	(2023, 'Neodymium', 'processing', 3.7, 'GS+EU', 1.0, NULL, false),
	(2023, 'Praseodymium', 'extraction', 1.8, 'GS+EU', 0.8, NULL, false),
	(2023, 'Praseodymium', 'processing', 3.2, 'GS+EU', 1.0, 'not in the transcription: the published SR 3.2 is set at processing, so this stage''s SR is 3.2 to one decimal; the published LREE processing SR 3.58 = mean(4.0, 3.5, 3.7, 3.2, 3.5) agrees', false),
	(2023, 'Samarium', 'extraction', 2.0, 'GS+EU', 0.8, NULL, false),
	(2023, 'Samarium', 'processing', 3.5, 'GS+EU', 1.0, NULL, false),
	(2023, 'Scandium', 'processing', 2.4, 'GS only', 1.0, NULL, false);
INSERT INTO @extschema@.eu_crm_published (assessment, material, material_group, sr, sr_stage, sr_extraction, sr_processing, ei, note, user_added) VALUES
	(2023, 'HREE', NULL, 5.1, 'processing', 2.3, 5.1, 4.2, NULL, false),
	(2023, 'Dysprosium', 'HREE', 5.6, 'processing', 5.3, 5.6, 7.8, NULL, false),
	(2023, 'Erbium', 'HREE', 5.6, 'processing', 2.2, 5.6, 3.5, NULL, false),
	(2023, 'Europium', 'HREE', 5.6, 'processing', 2.2, 5.6, 3.3, NULL, false),
	(2023, 'Gadolinium', 'HREE', 3.3, 'processing', 1.1, 3.3, 3.3, NULL, false),
	(2023, 'Holmium', 'HREE', 5.6, 'processing', 2.2, 5.6, 3.2, NULL, false),
	(2023, 'Lutetium', 'HREE', 5.6, 'processing', 2.2, 5.6, 5.0, NULL, false),
	(2023, 'Terbium', 'HREE', 4.9, 'processing', 2.5, 4.9, 6.4, NULL, false),
	(2023, 'Thulium', 'HREE', 5.6, 'processing', 2.2, 5.6, 3.2, NULL, false),
	(2023, 'Ytterbium', 'HREE', 5.6, 'processing', 2.2, 5.6, 3.2, NULL, false),
	(2023, 'Yttrium', 'HREE', 3.5, 'processing', 1.4, 3.5, 2.9, NULL, false),
	(2023, 'LREE', NULL, 3.7, 'processing', NULL, 3.58, 5.9, 'extraction SR not available: the transcribed cell reads "281%"', false),
	(2023, 'Cerium', 'LREE', 4.0, 'processing', 3.9, 4.0, 4.9, NULL, false),
	(2023, 'Lanthanum', 'LREE', 3.5, 'processing', 2.0, 3.5, 2.9, NULL, false),
	(2023, 'Neodymium', 'LREE', 4.5, 'extraction', 4.5, 3.7, 7.2, NULL, false),
	(2023, 'Praseodymium', 'LREE', 3.2, 'processing', 1.8, NULL, 7.0, 'no processing SR in the transcription', false),
	(2023, 'Samarium', 'LREE', 3.5, 'processing', 2.0, 3.5, 7.7, NULL, false),
	(2023, 'Scandium', NULL, 2.4, 'processing', NULL, 2.4, 3.7, NULL, false);

CREATE FUNCTION @extschema@.eu_assessment(assessment int4)
	RETURNS TABLE (material text, material_group text, sr_extraction numeric,
				   sr_processing numeric, sr numeric, sr_stage text, ei numeric,
				   critical boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH stages AS (
		SELECT s.material,
			   max(s.sr) FILTER (WHERE s.stage = 'extraction') AS e,
			   max(s.sr) FILTER (WHERE s.stage = 'processing') AS p,
			   bool_or(s.sr IS NULL) AS unknown
		  FROM @extschema@.eu_crm_stage s
		 WHERE s.assessment = $1
		 GROUP BY s.material
	), members AS (
		-- a stage assessed with an unknown SR leaves the material's SR unknown
		SELECT m.material, m.material_group, st.e, st.p, m.ei,
			   CASE WHEN NOT st.unknown THEN
					CASE b.sr_stage WHEN 'extraction' THEN st.e ELSE st.p END END AS sr,
			   CASE WHEN NOT st.unknown THEN b.sr_stage END AS sr_stage
		  FROM @extschema@.eu_crm_material m
		  LEFT JOIN stages st ON st.material = m.material
		  LEFT JOIN LATERAL @extschema@.eu_material_sr(st.e::float8, st.p::float8) b ON true
		 WHERE m.assessment = $1
	), groups AS (
		-- plain means of the members, NULL when a member lacks the value
		SELECT g.material_group,
			   CASE WHEN count(g.e) = count(*) THEN avg(g.e) END AS e,
			   CASE WHEN count(g.p) = count(*) THEN avg(g.p) END AS p,
			   CASE WHEN count(g.sr) = count(*) THEN avg(g.sr) END AS sr,
			   avg(g.ei) AS ei
		  FROM members g
		 WHERE g.material_group IS NOT NULL
		 GROUP BY g.material_group
	), laid_out AS (
		SELECT m.material, m.material_group, m.e, m.p, m.sr, m.sr_stage, m.ei
		  FROM members m
		UNION ALL
		SELECT g.material_group, NULL, round(g.e, 1), round(g.p, 1), round(g.sr, 1),
			   CASE WHEN g.sr IS NOT NULL THEN b.sr_stage END, round(g.ei, 1)
		  FROM groups g
		  LEFT JOIN LATERAL @extschema@.eu_material_sr(g.e::float8, g.p::float8) b ON true
	)
	SELECT l.material, l.material_group, l.e, l.p, l.sr, l.sr_stage, l.ei,
		   @extschema@.eu_is_critical(l.sr::float8, l.ei::float8)
	  FROM laid_out l
	 ORDER BY coalesce(l.material_group, l.material), l.material_group IS NOT NULL, l.material
$$;
COMMENT ON FUNCTION @extschema@.eu_assessment(int4) IS
'the EU criticality assessment of one year laid out as the EU publishes it, from rarerisk.eu_crm_material and eu_crm_stage: per material the stage SRs (the EU''s), SR = the larger stage SR and the stage that sets it (eu_material_sr), EI (the EU''s) and critical (eu_is_critical with the EU thresholds 1.0 and 2.8); a group''s row (HREE, LREE) has the plain means of its members'' stage SRs, SR and EI rounded to one decimal as the EU prints them (NULL where a member lacks the value), the stage whose mean SR is larger, and critical from the rounded values; a material with an assessed stage of unknown SR has SR NULL; groups first, then their members by name';

CREATE VIEW @extschema@.eu_assessment_2023 AS
	SELECT * FROM @extschema@.eu_assessment(2023);
COMMENT ON VIEW @extschema@.eu_assessment_2023 IS
'the EU 2023 criticality assessment of the rare-earth elements, HREE and LREE group rows computed from their members, not copied: rarerisk.eu_assessment(2023); compare with rarerisk.eu_crm_published';

GRANT SELECT ON @extschema@.eu_assessment_2023 TO PUBLIC;
