/* rarerisk--0.1--0.2.sql: update rarerisk from 0.1 to 0.2 */

\echo Use "ALTER EXTENSION rarerisk UPDATE TO '0.2'" to load this file. \quit

-- Every object that rarerisk--0.2.sql creates and rarerisk--0.1.sql does
-- not is created here too, in the same form, so that an updated database
-- has exactly the objects of a fresh install (test/41_upgrade.sql checks).
-- Values stored by 0.1 keep their on-disk forms: 0.2 reads them unchanged.
