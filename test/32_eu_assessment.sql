-- 32_eu_assessment.sql: the EU criticality assessment end to end.
--   hhi_wgi_t(supplier, share_or_volume, wgi_risk, t) = sum s^2 * WGI * t
--   over per-supplier totals (NULL t = 1; 22004 NULL risk; 22023 a bad t or
--   one supplier with two weights); eu_material_sr (the
--   larger stage SR and its stage); eu_is_critical (SR >= 1.0, EI >= 2.8);
--   eu_assessment_2023 reproduces the published 2023 table of the
--   rare-earth elements from the shipped inputs to its printed precision
--   (each material's SR = max of its stages; HREE and LREE SR and EI = the
--   means of their members), its group rows computed, not copied; and
--   eu_supply_risk reproduces published processing-stage SRs from public
--   inputs (WGI, the EU's China share, EoL-RIR and SI), where it can.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(42);
SET LOCAL search_path = rarerisk, public;

-- ---------------------------------------------------------------------
-- Objects
-- ---------------------------------------------------------------------
SELECT has_function('rarerisk', 'hhi_wgi_t', ARRAY['text', 'double precision', 'double precision', 'double precision'],
                    'hhi_wgi_t(supplier, share_or_volume, wgi_risk, t) exists');
SELECT is((SELECT string_agg(a.aggkind::text || ':' || p.proparallel::text || ':' || (a.aggcombinefn <> 0)::text
                             || ':' || format_type(a.aggtranstype, NULL), ',' ORDER BY p.pronargs)
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE p.proname = 'hhi_wgi_t'),
          'n:s:true:supply_mix,n:s:true:supply_mix',
          'plain aggregates, PARALLEL SAFE, with a combine function and the supply_mix state (text I/O, so Citus can run them partially)');
SELECT is((SELECT count(*)::int FROM pg_depend d
             JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk'
            WHERE d.deptype = 'e' AND d.classid = 'pg_proc'::regclass
              AND obj_description(d.objid, 'pg_proc') IS NULL), 0,
          'every function and aggregate of the extension has a comment');
SELECT is((SELECT count(*)::int FROM unnest(ARRAY['eu_crm_material', 'eu_crm_stage', 'eu_crm_published',
                                                  'eu_assessment_2023']) r
            WHERE obj_description(('rarerisk.' || r)::regclass, 'pg_class') IS NULL), 0,
          'the EU tables and the view have comments');
SELECT is((SELECT count(*)::int FROM pg_attribute a
            WHERE a.attrelid IN ('rarerisk.eu_crm_material'::regclass, 'rarerisk.eu_crm_stage'::regclass,
                                 'rarerisk.eu_crm_published'::regclass)
              AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname NOT IN ('assessment', 'material')
              AND col_description(a.attrelid, a.attnum) IS NULL), 0,
          'every column of the EU tables has a comment (assessment and material excepted where obvious)');

-- ---------------------------------------------------------------------
-- hhi_wgi_t
-- ---------------------------------------------------------------------
-- each against the formula in exact numeric, to 1e-12 relative
SELECT cmp_ok(abs(hhi_wgi_t(s, v, r, t) - w) / w, '<=', 1e-12::float8,
              'sum s^2 * WGI * t with fraction shares; NULL t = 1; unattributed volume in the total only')
  FROM (VALUES ('COD', 60::float8, 8.3::float8, 1.1::float8), ('AUS', 15, 1.8, NULL),
               ('ZMB', 5, 4.1, 1.1), (NULL, 20, NULL, NULL)) x(s, v, r, t),
       (SELECT (0.6^2 * 8.3 * 1.1 + 0.15^2 * 1.8 + 0.05^2 * 4.1 * 1.1)::float8 AS w) y
 GROUP BY w;
SELECT cmp_ok(abs(hhi_wgi_t(s, v, r, t) - w) / w, '<=', 1e-12::float8,
              'fraction shares work as volumes; rows of one supplier are summed before squaring')
  FROM (VALUES ('CHN', 0.3::float8, 5.6::float8, 0.8::float8), ('CHN', 0.3, 5.6, 0.8),
               ('AUS', 0.4, 1.9, 1)) x(s, v, r, t),
       (SELECT (0.6^2 * 5.6 * 0.8 + 0.4^2 * 1.9)::float8 AS w) y
 GROUP BY w;
SELECT cmp_ok(abs(hhi_wgi_t('A', 1, 10, 1.5) - 15) / 15, '<=', 1e-12::float8,
              'weights above 10 (WGI 10 x t 1.5) are allowed');
SELECT is((SELECT hhi_wgi_t(s, v, r) = governance_hhi(s, v, r)
             FROM (VALUES ('CHN', 7::float8, 5.6::float8), ('USA', 3, 2.5), (NULL, 1, NULL)) x(s, v, r)),
          true, 'without t it is governance_hhi');
SELECT is(hhi_wgi_t(s, v, r, t), NULL, 'no rows: NULL')
  FROM (VALUES ('A', 1::float8, 1::float8, 1::float8)) x(s, v, r, t) WHERE false;
SELECT is(hhi_wgi_t(s, v, r, t), NULL, 'zero total: NULL')
  FROM (VALUES ('A', 0::float8, 1::float8, 1::float8)) x(s, v, r, t);

-- against an exact numeric computation, with t per supplier
CREATE TEMP TABLE t_rows AS
SELECT 'S' || (i % 499) AS s,
       (10.0 ^ ((i * 7919) % 13 - 3)) * (1 + (i % 11) / 11.0) AS v,
       ((i % 499) % 101) / 10.0 AS r,
       CASE (i % 499) % 5 WHEN 0 THEN 0.8 WHEN 1 THEN 1.1 WHEN 2 THEN 1.5 WHEN 3 THEN 1.0 END AS t
  FROM generate_series(1, 20000) i;
SELECT cmp_ok((SELECT abs(hhi_wgi_t(s, v::float8, r::float8, t::float8) - x.want) / x.want
                 FROM t_rows,
                      (SELECT sum((tot / g) ^ 2 * r * coalesce(t, 1))::float8 AS want
                         FROM (SELECT s, sum(v) AS tot, min(r) AS r, min(t) AS t FROM t_rows GROUP BY s) a,
                              (SELECT sum(v) AS g FROM t_rows) b) x
                GROUP BY x.want),
              '<=', 1e-9::float8, 'matches an exact numeric computation to 1e-9 relative');

SELECT throws_ok($$SELECT hhi_wgi_t(s, v, r, t) FROM (VALUES ('CHN', 1::float8, 5.6::float8, 1::float8),
                                                              ('CHN', 1, 5.6, 1.1)) x(s, v, r, t)$$,
                 '22023', NULL, 'one supplier with two different t in a group (a bad join) is an error');
SELECT throws_ok($$SELECT hhi_wgi_t(s, v, r, t) FROM (VALUES ('CHN', 1::float8, 5.6::float8, 1::float8),
                                                              ('CHN', 1, 5.7, 1)) x(s, v, r, t)$$,
                 '22023', NULL, 'one supplier with two different risks in a group is an error');
SELECT throws_ok($$SELECT hhi_wgi_t(s, v, r, t) FROM (VALUES ('CHN', 1::float8, NULL::float8, 1::float8)) x(s, v, r, t)$$,
                 '22004', NULL, 'a NULL risk for a named supplier is an error');
SELECT throws_ok($$SELECT hhi_wgi_t('CHN', 1, 5, 0)$$, '22023',
                 'invalid trade factor t 0 for supplier "CHN"', 't = 0 is an error');
SELECT throws_ok($$SELECT hhi_wgi_t('CHN', 1, 5, -1)$$, '22023', NULL, 'a negative t is an error');
SELECT throws_ok($$SELECT hhi_wgi_t('CHN', 1, 5, 'NaN')$$, '22023', NULL, 'a NaN t is an error');
SELECT throws_ok($$SELECT hhi_wgi_t('CHN', 1, 5, 'Infinity')$$, '22023', NULL, 'an infinite t is an error');
SELECT throws_ok($$SELECT hhi_wgi_t('CHN', 1, 1e308, 10)$$, '22003', NULL, 'WGI x t beyond double precision is an error');

-- parallel plans of hhi_wgi_t: test/31_governance_hhi.sql, beside governance_hhi's

-- ---------------------------------------------------------------------
-- eu_material_sr and eu_is_critical
-- ---------------------------------------------------------------------
SELECT is((SELECT row(sr, sr_stage)::text FROM eu_material_sr(4.5, 3.7)), '(4.5,extraction)',
          'neodymium: SR 4.5 set at extraction');
SELECT is((SELECT row(sr, sr_stage)::text FROM eu_material_sr(NULL, 2.4)), '(2.4,processing)',
          'scandium, assessed at processing only');
SELECT is((SELECT row(sr, sr_stage)::text FROM eu_material_sr(2, 2)), '(2,extraction)',
          'a tie goes to extraction, the upstream stage');
SELECT is((SELECT row(sr, sr_stage)::text FROM eu_material_sr(NULL, NULL)), '(,)', 'no stage: NULL');
SELECT throws_ok($$SELECT eu_material_sr(-0.1, 1)$$, '22023', 'sr_extraction must be finite and not negative, not -0.1',
                 'a negative stage SR is an error');
SELECT is(ARRAY[eu_is_critical(1.0, 2.8), eu_is_critical(0.99, 9), eu_is_critical(9, 2.79),
                eu_is_critical(0.5, 2, 0.5, 2), eu_is_critical(NULL, 3)],
          ARRAY[true, false, false, true, NULL], 'SR >= 1.0 and EI >= 2.8 (own thresholds optional); NULL in, NULL out');
SELECT throws_ok($$SELECT eu_is_critical('NaN', 3)$$, '22023', NULL, 'a NaN score is an error');

-- ---------------------------------------------------------------------
-- The published 2023 table, reproduced from the shipped inputs
-- ---------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM eu_assessment_2023), 18, '15 rare-earth elements, scandium and two groups');
SELECT is((SELECT string_agg(a.material, ', ' ORDER BY a.material)
             FROM eu_assessment_2023 a JOIN eu_crm_published p ON p.assessment = 2023 AND p.material = a.material
            WHERE (a.material_group IS NOT NULL OR a.material = 'Scandium')
              AND (a.sr, a.sr_stage, a.ei) IS DISTINCT FROM (p.sr, p.sr_stage, p.ei)), NULL,
          'every material: SR (the max of its stages), the stage that sets it and EI as published');
SELECT is((SELECT string_agg(a.material, ', ' ORDER BY a.material)
             FROM eu_assessment_2023 a JOIN eu_crm_published p ON p.assessment = 2023 AND p.material = a.material
            WHERE (a.material_group IS NOT NULL OR a.material = 'Scandium')
              AND ((p.sr_extraction IS NOT NULL AND a.sr_extraction IS DISTINCT FROM p.sr_extraction)
                OR (p.sr_processing IS NOT NULL AND a.sr_processing IS DISTINCT FROM p.sr_processing))), NULL,
          'every material: the stage SRs as published (where the transcription has them)');
SELECT is((SELECT string_agg(a.material, ', ' ORDER BY a.material)
             FROM eu_assessment_2023 a JOIN eu_crm_published p ON p.assessment = 2023 AND p.material = a.material
            WHERE a.sr::text <> p.sr::text OR a.ei::text <> p.ei::text), NULL,
          'printed precision: every SR and EI, groups included, prints as published (one decimal)');
SELECT results_eq($$SELECT material, sr, ei, sr_stage, critical FROM eu_assessment_2023
                     WHERE material_group IS NULL AND material <> 'Scandium' ORDER BY 1$$,
                  $$VALUES ('HREE', 5.1, 4.2, 'processing', true), ('LREE', 3.7, 5.9, 'processing', true)$$,
                  'HREE and LREE: SR and EI as published, set at processing, critical');
SELECT results_eq($$SELECT material_group, avg(sr), avg(ei) FROM eu_crm_published
                     WHERE assessment = 2023 AND material_group IS NOT NULL GROUP BY 1 ORDER BY 1$$,
                  $$VALUES ('HREE', 5.09, 4.18), ('LREE', 3.74, 5.94)$$,
                  'the exact means of the printed members: HREE SR 5.09 EI 4.18, LREE SR 3.74 EI 5.94');
SELECT is((SELECT array[sr_extraction, sr_processing] FROM eu_assessment_2023 WHERE material = 'LREE'),
          array[2.8, 3.6],
          'LREE stage SRs: extraction mean 2.84 -> 2.8 (the transcription''s cell reads "281%"), processing 3.58 -> 3.6 (printed 3.58)');
SELECT is((SELECT array[avg(sr_extraction), avg(sr_processing)] FROM eu_crm_published
            WHERE assessment = 2023 AND material_group = 'HREE'), array[2.35, 5.09],
          'HREE stage SRs: the printed members average exactly 2.35 at extraction, on the rounding boundary');
SELECT is((SELECT array[a.sr_extraction, p.sr_extraction] FROM eu_assessment_2023 a
             JOIN eu_crm_published p ON p.assessment = 2023 AND p.material = a.material WHERE a.material = 'HREE'),
          array[2.4, 2.3],
          'not reproduced: HREE extraction 2.35 rounds to 2.4, printed 2.3 (the EU averaged unrounded member values)');
SELECT is((SELECT count(*)::int FROM eu_assessment_2023 WHERE NOT critical), 0,
          'every rare-earth element, scandium and both groups are critical (SR >= 1.0, EI >= 2.8)');

-- the group rows are computed, not copied: change a member, the group follows
UPDATE eu_crm_material SET ei = 9.9 WHERE assessment = 2023 AND material = 'Lanthanum';
UPDATE eu_crm_stage SET sr = 0.5 WHERE assessment = 2023 AND material = 'Cerium';
SELECT results_eq($$SELECT material, sr, sr_stage, ei FROM eu_assessment_2023 WHERE material IN ('LREE', 'Cerium') ORDER BY 1$$,
                  $$VALUES ('Cerium', 0.5, 'extraction', 4.9), ('LREE', 3.0, 'processing', 7.3)$$,
                  'changed member inputs change the member''s SR and stage and the group''s means (SR 3.74 -> 3.04, EI 5.94 -> 7.34)');
UPDATE eu_crm_stage SET sr = NULL WHERE assessment = 2023 AND material = 'Samarium' AND stage = 'processing';
SELECT results_eq($$SELECT material, sr, sr_stage, sr_processing FROM eu_assessment_2023
                     WHERE material IN ('LREE', 'Samarium') ORDER BY 1$$,
                  $$VALUES ('LREE', NULL::numeric, NULL::text, NULL::numeric), ('Samarium', NULL, NULL, NULL)$$,
                  'an assessed stage of unknown SR leaves the material''s SR and the group''s means NULL, not a smaller max');

-- ---------------------------------------------------------------------
-- eu_supply_risk from public inputs
-- ---------------------------------------------------------------------
-- Processing of the heavy rare earths, 2016-2020: the EU counts China as
-- the whole global supply ("GS only", no trade measure on rare earths, t = 1).
-- China's WGI: the six 2018 estimates of data/wgi_governance.csv (World Bank
-- WGI); EoL-RIR and SI_SR: the EU's, shipped in eu_crm_material.
CREATE TEMP TABLE chn_wgi AS
SELECT wgi_risk((-1.449377 + -0.2610621 + 0.4771284 + -0.1350215 + -0.2015748 + -0.2712442) / 6) AS risk;
CREATE TEMP TABLE hree_processing AS
SELECT m.material, s.sr AS published,
       round(eu_supply_risk((SELECT hhi_wgi_t(c, 1, w.risk, 1) FROM (VALUES ('CHN')) x(c)), NULL,
                            s.import_reliance, m.eol_rir, m.si_sr)::numeric, 1) AS computed
  FROM eu_crm_material m JOIN eu_crm_stage s USING (assessment, material), chn_wgi w
 WHERE m.assessment = 2023 AND m.material_group = 'HREE' AND s.stage = 'processing';
SELECT is((SELECT string_agg(material || ' ' || computed, ', ' ORDER BY material)
             FROM hree_processing WHERE computed = published),
          'Erbium 5.6, Europium 5.6, Gadolinium 3.3, Holmium 5.6, Lutetium 5.6, Thulium 5.6, Ytterbium 5.6',
          'reproduced: seven published HREE processing SRs from China''s WGI, EoL-RIR and SI');
SELECT is((SELECT string_agg(material || ' ' || computed || ' (published ' || published || ')', ', ' ORDER BY material)
             FROM hree_processing WHERE computed <> published),
          'Dysprosium 5.5 (published 5.6), Terbium 5.1 (published 4.9), Yttrium 5.0 (published 3.5)',
          'not reproduced: Dy needs a China weight >= 5.663 (2018 WGI gives 5.614); Tb and Y have non-Chinese processing the data do not show');
-- Extraction of the rare earths, 2016-2020, from BGS World Mineral
-- Statistics (rare-earth oxide production, tonnes, summed over the five
-- years) and the 2018 WGI of each producer: cerium (GS only) does not
-- reproduce: China's BGS share 0.73 gives 3.0; the EU's 3.9 implies about 0.84.
CREATE TEMP TABLE reo (c text, t float8, wgi float8);
INSERT INTO reo VALUES
  ('CHN', 820000, (-1.449377 + -0.2610621 + 0.4771284 + -0.1350215 + -0.2015748 + -0.2712442) / 6),
  ('MMR', 122500, (-0.8873216 + -1.309011 + -1.068652 + -0.7531742 + -1.032579 + -0.588294) / 6),
  ('AUS', 80687, (1.428148 + 0.9765741 + 1.596495 + 1.929283 + 1.715279 + 1.806201) / 6),
  ('USA', 50400, (1.039329 + 0.4774609 + 1.576998 + 1.577987 + 1.453255 + 1.323218) / 6),
  ('IND', 17604, (0.3788327 + -0.9565214 + 0.2830485 + -0.1836544 + 0.0262165 + -0.186293) / 6),
  ('RUS', 13442, (-1.058007 + -0.5037209 + -0.0608858 + -0.5404854 + -0.8153201 + -0.8451133) / 6),
  ('MDG', 8800, (-0.3094514 + -0.5190363 + -1.153121 + -0.7334517 + -0.8139714 + -1.000727) / 6),
  ('VNM', 3330, (-1.445501 + 0.2032657 + -0.0034448 + -0.3858519 + -0.0032823 + -0.4853567) / 6),
  ('MYS', 2515, (-0.083688 + 0.2373901 + 1.075348 + 0.682474 + 0.6233374 + 0.3139765) / 6),
  ('BDI', 910, (-1.651565 + -1.597951 + -1.419982 + -0.982583 + -1.496611 + -1.450633) / 6);
SELECT is((SELECT round(eu_supply_risk(hhi_wgi_t(c, t, wgi_risk(wgi), 1), NULL, 1.0, 0.01, 0.97)::numeric, 1) FROM reo),
          3.0, 'not reproduced: cerium extraction from BGS shares is 3.0, published 3.9');

SELECT * FROM finish();
ROLLBACK;
