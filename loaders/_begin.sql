-- loaders/_begin.sql -- how every loader starts (\ir, first): print only the
-- loader's own messages, read the file as UTF-8 unless -v encoding=... says
-- otherwise; then open the one transaction of the load, create rarerisk_data
-- if absent (_schema.sql, quietly) and read the file (_helpers.sql).  The
-- loader sets ON_ERROR_STOP itself, before the \ir: psql takes the setting
-- of the line that includes, so an error in here would not stop it otherwise.
\set QUIET on
SET client_min_messages = notice;
\if :{?encoding}
\else
\set encoding UTF8
\endif

BEGIN;
SET LOCAL client_min_messages = warning;
\ir _schema.sql
SET LOCAL client_min_messages = notice;
\ir _helpers.sql
