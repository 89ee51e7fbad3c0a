-- Data of the Citus suite (run on the coordinator after CREATE EXTENSION):
-- the same shipment rows in a local table and in a table distributed by
-- importer, and monthly stored mixes and networks built from each.

-- max relative difference of two results, compared through their JSON forms
-- (composites as objects, supply_mix and trade_network through their JSON
-- text); Infinity when the shapes, keys or strings differ
CREATE FUNCTION rr_reldiff(a jsonb, b jsonb) RETURNS float8
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	d float8 := 0;
	k text;
	x float8;
	y float8;
BEGIN
	IF a IS NULL OR b IS NULL THEN
		RETURN CASE WHEN a IS NULL AND b IS NULL THEN 0 ELSE 'Infinity'::float8 END;
	END IF;
	IF jsonb_typeof(a) = 'string' AND jsonb_typeof(b) = 'string'
			AND left(a #>> '{}', 1) IN ('{', '[') THEN
		RETURN rr_reldiff((a #>> '{}')::jsonb, (b #>> '{}')::jsonb);
	END IF;
	IF jsonb_typeof(a) <> jsonb_typeof(b) THEN
		RETURN 'Infinity';
	END IF;
	CASE jsonb_typeof(a)
	WHEN 'number' THEN
		x := a::float8;
		y := b::float8;
		RETURN CASE WHEN x = y THEN 0 ELSE abs(x - y) / greatest(abs(x), abs(y)) END;
	WHEN 'object' THEN
		IF ARRAY(SELECT jsonb_object_keys(a) ORDER BY 1)
				<> ARRAY(SELECT jsonb_object_keys(b) ORDER BY 1) THEN
			RETURN 'Infinity';
		END IF;
		FOR k IN SELECT jsonb_object_keys(a) LOOP
			d := greatest(d, rr_reldiff(a -> k, b -> k));
		END LOOP;
		RETURN d;
	WHEN 'array' THEN
		IF jsonb_array_length(a) <> jsonb_array_length(b) THEN
			RETURN 'Infinity';
		END IF;
		FOR i IN 0 .. jsonb_array_length(a) - 1 LOOP
			d := greatest(d, rr_reldiff(a -> i, b -> i));
		END LOOP;
		RETURN d;
	ELSE
		RETURN CASE WHEN a = b THEN 0 ELSE 'Infinity'::float8 END;
	END CASE;
END
$$;

CREATE TABLE flows_local (
	id bigint NOT NULL,
	importer text NOT NULL,
	hs6 text NOT NULL,
	year int4 NOT NULL,
	month int4 NOT NULL,
	supplier text,			-- NULL: unattributed volume
	exporter text,
	volume float8,
	spare float8,
	risk float8,			-- governance risk, one per supplier
	t float8,				-- trade-restriction factor, one per supplier
	content float8			-- look-through share of embargoed content
);

-- 24 suppliers (ISO3 codes of rarerisk.country), 13 importers, 4 products,
-- 5 years: 20 groups (hs6, year) of 1,000 rows with irrational-looking
-- volumes, so that summation order shows
SELECT setseed(0.1313);
INSERT INTO flows_local
SELECT g, imp, hs6, year, month, sup,
	coalesce(sup, 'ZZZ'),
	round((random() * 1e6)::numeric, 3)::float8 / 7,
	random() * 1e4 / 3,
	CASE WHEN sup IS NOT NULL THEN (ascii(sup) % 7 + length(sup)) / 1.7 END,
	CASE WHEN sup IN ('CHN', 'RUS') THEN 1.3 WHEN sup IN ('FRA', 'DEU', 'AUT') THEN 0.8 END,
	random()
FROM (
	SELECT g,
		'I' || lpad((g % 13)::text, 2, '0') AS imp,
		(ARRAY['280530', '284610', '284690', '850511'])[1 + g / 7 % 4] AS hs6,
		2020 + g / 29 % 5 AS year,
		1 + g / 3 % 12 AS month,
		CASE WHEN g % 53 <> 0 THEN (ARRAY['CHN', 'MMR', 'MYS', 'AUS', 'USA',
			'VNM', 'LAO', 'THA', 'IND', 'RUS', 'BRA', 'MDG', 'EST', 'JPN', 'KOR',
			'FRA', 'DEU', 'AUT', 'GBR', 'CAN', 'ZAF', 'TZA', 'BDI', 'NOR'])
			[1 + (g * 7919) % 24] END AS sup
	FROM generate_series(1, 20000) g
) s;

CREATE TABLE flows_dist (LIKE flows_local INCLUDING ALL);
SELECT create_distributed_table('flows_dist', 'importer');
INSERT INTO flows_dist SELECT * FROM flows_local;

-- monthly stored mixes and networks, per importer
CREATE TABLE stored_local (
	importer text NOT NULL,
	hs6 text NOT NULL,
	year int4 NOT NULL,
	month int4 NOT NULL,
	mix rarerisk.supply_mix NOT NULL,
	net rarerisk.trade_network NOT NULL,
	PRIMARY KEY (importer, hs6, year, month)
);
INSERT INTO stored_local
SELECT importer, hs6, year, month, rarerisk.supply_mix(supplier, volume, spare),
	rarerisk.origin_network(exporter, importer, volume)
FROM flows_local GROUP BY importer, hs6, year, month;

CREATE TABLE stored_dist (LIKE stored_local INCLUDING ALL);
SELECT create_distributed_table('stored_dist', 'importer', colocate_with => 'flows_dist');
-- built on the workers (grouped by the distribution column: pushed down)
INSERT INTO stored_dist
SELECT importer, hs6, year, month, rarerisk.supply_mix(supplier, volume, spare),
	rarerisk.origin_network(exporter, importer, volume)
FROM flows_dist GROUP BY importer, hs6, year, month;
