-- The start of the pg_regress files of the embargo, network and criticality
-- functions (\i sql/include/prelude.sql; pg_regress runs from the top of the
-- repository): the extension (when the file runs alone), shortest exact
-- floats, its schema first, and err(q), which shows the SQLSTATE and message
-- of the error that statement q raises.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS rarerisk;
RESET client_min_messages;
SET extra_float_digits = 0;
SET search_path = rarerisk, public;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
