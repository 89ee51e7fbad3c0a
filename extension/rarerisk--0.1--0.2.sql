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
