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
-- Equality, order and hashing of supply_mix, embargo_scenario and
-- trade_network (DISTINCT, GROUP BY, UNION, hash and merge joins)
-- ---------------------------------------------------------------------

-- Equality, order and hashing of supply_mix: equal when the canonical binary
-- forms are equal byte for byte (suppliers in byte order, each volume the value of its compensated sum; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.supply_mix_eq(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_ne(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_lt(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_le(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_gt(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_ge(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS bool
	AS 'MODULE_PATHNAME', 'supply_mix_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'supply_mix_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_hash(@extschema@.supply_mix) RETURNS int4
	AS 'MODULE_PATHNAME', 'supply_mix_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'supply_mix_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.supply_mix, RIGHTARG = @extschema@.supply_mix, PROCEDURE = @extschema@.supply_mix_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.supply_mix_ops DEFAULT FOR TYPE @extschema@.supply_mix USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix);
CREATE OPERATOR CLASS @extschema@.supply_mix_hash_ops DEFAULT FOR TYPE @extschema@.supply_mix USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.supply_mix_hash(@extschema@.supply_mix),
	FUNCTION 2 @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8);

COMMENT ON FUNCTION @extschema@.supply_mix_eq(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix equal to the second (canonical binary forms compared byte by byte); implements the = operator';
COMMENT ON FUNCTION @extschema@.supply_mix_ne(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';
COMMENT ON FUNCTION @extschema@.supply_mix_lt(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix before the second (canonical binary forms compared byte by byte); implements the < operator';
COMMENT ON FUNCTION @extschema@.supply_mix_le(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';
COMMENT ON FUNCTION @extschema@.supply_mix_gt(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix after the second (canonical binary forms compared byte by byte); implements the > operator';
COMMENT ON FUNCTION @extschema@.supply_mix_ge(@extschema@.supply_mix, @extschema@.supply_mix) IS
'is the first supply mix after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';
COMMENT ON FUNCTION @extschema@.supply_mix_cmp(@extschema@.supply_mix, @extschema@.supply_mix) IS
'-1, 0 or 1: byte order of the canonical binary forms of two supply mixs (btree support)';
COMMENT ON FUNCTION @extschema@.supply_mix_hash(@extschema@.supply_mix) IS
'hash of the canonical binary form of a supply mix (hash support: equal values hash equal)';
COMMENT ON FUNCTION @extschema@.supply_mix_hash_extended(@extschema@.supply_mix, int8) IS
'64-bit seeded hash of the canonical binary form of a supply mix (hash partitioning)';
COMMENT ON OPERATOR @extschema@.= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.supply_mix, @extschema@.supply_mix) IS 'not equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.< (@extschema@.supply_mix, @extschema@.supply_mix) IS 'before: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'before or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.> (@extschema@.supply_mix, @extschema@.supply_mix) IS 'after: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.supply_mix, @extschema@.supply_mix) IS 'after or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR CLASS @extschema@.supply_mix_ops USING btree IS 'byte order of the canonical binary form of supply_mix (for sorts and merge joins)';
COMMENT ON OPERATOR CLASS @extschema@.supply_mix_hash_ops USING hash IS 'hash of the canonical binary form of supply_mix (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.supply_mix_ops USING btree IS 'byte order of the canonical binary form of supply_mix';
COMMENT ON OPERATOR FAMILY @extschema@.supply_mix_hash_ops USING hash IS 'hash of the canonical binary form of supply_mix';

-- Equality, order and hashing of embargo_scenario: equal when the canonical binary
-- forms are equal byte for byte (codes sorted and unique, -0 stored as 0; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.embargo_scenario_eq(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_ne(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_lt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_le(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_gt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_ge(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS bool
	AS 'MODULE_PATHNAME', 'embargo_scenario_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario) RETURNS int4
	AS 'MODULE_PATHNAME', 'embargo_scenario_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario) RETURNS int4
	AS 'MODULE_PATHNAME', 'embargo_scenario_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'embargo_scenario_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.embargo_scenario, RIGHTARG = @extschema@.embargo_scenario, PROCEDURE = @extschema@.embargo_scenario_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.embargo_scenario_ops DEFAULT FOR TYPE @extschema@.embargo_scenario USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario);
CREATE OPERATOR CLASS @extschema@.embargo_scenario_hash_ops DEFAULT FOR TYPE @extschema@.embargo_scenario USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario),
	FUNCTION 2 @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8);

COMMENT ON FUNCTION @extschema@.embargo_scenario_eq(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario equal to the second (canonical binary forms compared byte by byte); implements the = operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_ne(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_lt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario before the second (canonical binary forms compared byte by byte); implements the < operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_le(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_gt(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario after the second (canonical binary forms compared byte by byte); implements the > operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_ge(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'is the first embargo scenario after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';
COMMENT ON FUNCTION @extschema@.embargo_scenario_cmp(@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS
'-1, 0 or 1: byte order of the canonical binary forms of two embargo scenarios (btree support)';
COMMENT ON FUNCTION @extschema@.embargo_scenario_hash(@extschema@.embargo_scenario) IS
'hash of the canonical binary form of a embargo scenario (hash support: equal values hash equal)';
COMMENT ON FUNCTION @extschema@.embargo_scenario_hash_extended(@extschema@.embargo_scenario, int8) IS
'64-bit seeded hash of the canonical binary form of a embargo scenario (hash partitioning)';
COMMENT ON OPERATOR @extschema@.= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'not equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.< (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'before: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'before or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.> (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'after: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.embargo_scenario, @extschema@.embargo_scenario) IS 'after or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR CLASS @extschema@.embargo_scenario_ops USING btree IS 'byte order of the canonical binary form of embargo_scenario (for sorts and merge joins)';
COMMENT ON OPERATOR CLASS @extschema@.embargo_scenario_hash_ops USING hash IS 'hash of the canonical binary form of embargo_scenario (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.embargo_scenario_ops USING btree IS 'byte order of the canonical binary form of embargo_scenario';
COMMENT ON OPERATOR FAMILY @extschema@.embargo_scenario_hash_ops USING hash IS 'hash of the canonical binary form of embargo_scenario';

-- Equality, order and hashing of trade_network: equal when the canonical binary
-- forms are equal byte for byte (countries in byte order, each flow the value of its compensated sum; equal exactly when the text forms are equal), so DISTINCT, GROUP BY, UNION,
-- hash and merge joins work; the order is that of the bytes, total but
-- with no other meaning
CREATE FUNCTION @extschema@.trade_network_eq(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_ne(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_lt(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_le(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_gt(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_ge(@extschema@.trade_network, @extschema@.trade_network) RETURNS bool
	AS 'MODULE_PATHNAME', 'trade_network_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network) RETURNS int4
	AS 'MODULE_PATHNAME', 'trade_network_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_hash(@extschema@.trade_network) RETURNS int4
	AS 'MODULE_PATHNAME', 'trade_network_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'trade_network_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.trade_network, RIGHTARG = @extschema@.trade_network, PROCEDURE = @extschema@.trade_network_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.trade_network_ops DEFAULT FOR TYPE @extschema@.trade_network USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network);
CREATE OPERATOR CLASS @extschema@.trade_network_hash_ops DEFAULT FOR TYPE @extschema@.trade_network USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.trade_network_hash(@extschema@.trade_network),
	FUNCTION 2 @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8);

COMMENT ON FUNCTION @extschema@.trade_network_eq(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network equal to the second (canonical binary forms compared byte by byte); implements the = operator';
COMMENT ON FUNCTION @extschema@.trade_network_ne(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network not equal to the second (canonical binary forms compared byte by byte); implements the <> operator';
COMMENT ON FUNCTION @extschema@.trade_network_lt(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network before the second (canonical binary forms compared byte by byte); implements the < operator';
COMMENT ON FUNCTION @extschema@.trade_network_le(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network before or equal the second (canonical binary forms compared byte by byte); implements the <= operator';
COMMENT ON FUNCTION @extschema@.trade_network_gt(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network after the second (canonical binary forms compared byte by byte); implements the > operator';
COMMENT ON FUNCTION @extschema@.trade_network_ge(@extschema@.trade_network, @extschema@.trade_network) IS
'is the first trade network after or equal the second (canonical binary forms compared byte by byte); implements the >= operator';
COMMENT ON FUNCTION @extschema@.trade_network_cmp(@extschema@.trade_network, @extschema@.trade_network) IS
'-1, 0 or 1: byte order of the canonical binary forms of two trade networks (btree support)';
COMMENT ON FUNCTION @extschema@.trade_network_hash(@extschema@.trade_network) IS
'hash of the canonical binary form of a trade network (hash support: equal values hash equal)';
COMMENT ON FUNCTION @extschema@.trade_network_hash_extended(@extschema@.trade_network, int8) IS
'64-bit seeded hash of the canonical binary form of a trade network (hash partitioning)';
COMMENT ON OPERATOR @extschema@.= (@extschema@.trade_network, @extschema@.trade_network) IS 'equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.trade_network, @extschema@.trade_network) IS 'not equal to: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.< (@extschema@.trade_network, @extschema@.trade_network) IS 'before: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.trade_network, @extschema@.trade_network) IS 'before or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.> (@extschema@.trade_network, @extschema@.trade_network) IS 'after: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.trade_network, @extschema@.trade_network) IS 'after or equal: canonical binary forms compared byte by byte';
COMMENT ON OPERATOR CLASS @extschema@.trade_network_ops USING btree IS 'byte order of the canonical binary form of trade_network (for sorts and merge joins)';
COMMENT ON OPERATOR CLASS @extschema@.trade_network_hash_ops USING hash IS 'hash of the canonical binary form of trade_network (for hash aggregation and hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.trade_network_ops USING btree IS 'byte order of the canonical binary form of trade_network';
COMMENT ON OPERATOR FAMILY @extschema@.trade_network_hash_ops USING hash IS 'hash of the canonical binary form of trade_network';

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

-- ==============================================================-- The EU criticality assessment end to end: hhi_wgi_t, eu_material_sr,
-- eu_is_critical, the 2023 reference tables and eu_assessment_2023
-- ==============================================================-- ---------------------------------------------------------------------
-- EU HHI_WGI,t: governance-weighted concentration with the trade factor t
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.supply_mix_trans_risk_t(@extschema@.supply_mix, text, float8, float8, float8)
	RETURNS @extschema@.supply_mix
	AS 'MODULE_PATHNAME', 'supply_mix_trans_risk_t' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.hhi_wgi_t(supplier text, share_or_volume float8, wgi_risk float8, t float8) (
	SFUNC = @extschema@.supply_mix_trans_risk_t,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.hhi_wgi_t(supplier text, share_or_volume float8, wgi_risk float8) (
	SFUNC = @extschema@.supply_mix_trans_risk,
	STYPE = @extschema@.supply_mix,
	FINALFUNC = @extschema@.governance_hhi,
	COMBINEFUNC = @extschema@.supply_mix_combine,
	SSPACE = 1024,
	PARALLEL = SAFE
);

COMMENT ON FUNCTION @extschema@.supply_mix_trans_risk_t(@extschema@.supply_mix, text, float8, float8, float8) IS
'transition function of hhi_wgi_t: adds one row and records the supplier''s weight wgi_risk x t (NULL t = 1), which must be the same on all its rows';
COMMENT ON AGGREGATE @extschema@.hhi_wgi_t(text, float8, float8, float8) IS
'EU (HHI_WGI,t): sum over suppliers of s^2 x wgi_risk x t, s = supplier total / grand total as a fraction (fraction shares or volumes; NULL supplier = unattributed, in the total only), wgi_risk on 0-10 (rarerisk.wgi_risk), t the trade-restriction factor (1 or NULL = no measure, 0.8 trade agreement, 1.1-1.5 export restrictions); NULL wgi_risk for a named supplier is an error (22004); t must be finite and > 0 and one supplier''s wgi_risk x t the same on all its rows (22023); NULL for a zero total';
COMMENT ON AGGREGATE @extschema@.hhi_wgi_t(text, float8, float8) IS
'EU (HHI_WGI,t) with t = 1 for every supplier: the same as governance_hhi(supplier, volume, risk)';

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
-- The EU criticality assessment: per-stage inputs of the EU's assessments
-- (the 2023 assessment of the rare-earth elements shipped), the table as
-- the EU printed it, and the assessment laid out from the inputs.
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


-- ---------------------------------------------------------------------
-- shares(mix) streams its rows: a SQL function the planner inlines into a
-- select list over shares_stream(mix), instead of a C function whose rows
-- fill a tuplestore first
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.shares_stream(mix @extschema@.supply_mix,
		OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'mix_shares_stream' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.shares_stream(@extschema@.supply_mix) IS
'the rows of shares(mix), one per call: called in a select list they stream instead of filling a tuplestore first, as any set-returning function in FROM does; shares(mix) reads them so';

-- Replaced, not dropped and created: the function keeps its OID, so views
-- and functions of users that call shares() keep working.
CREATE OR REPLACE FUNCTION @extschema@.shares(mix @extschema@.supply_mix,
		OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20
BEGIN ATOMIC
	SELECT (r).supplier, (r).volume, (r).share, (r).rank
	  FROM (SELECT @extschema@.shares_stream(mix) AS r) AS s;
END;
