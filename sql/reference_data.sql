-- Reference data: rarerisk.hs_commodity and
-- rarerisk.country, complete and correct; every UN Comtrade partner and
-- reporter code of the real Comtrade files joins; pg_dump keeps user rows.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS rarerisk;
RESET client_min_messages;
SET search_path = rarerisk, public;

-- ---------------------------------------------------------------------
-- hs_commodity
-- ---------------------------------------------------------------------
SELECT mineral, count(*) AS codes,
       string_agg(DISTINCT stage, ', ' ORDER BY stage) AS stages
  FROM hs_commodity GROUP BY mineral ORDER BY mineral;
-- the rare-earth codes the README names
SELECT hs6, stage, description FROM hs_commodity
 WHERE mineral = 'rare earths' AND hs6 IN ('280530', '284610', '284690', '850511')
 ORDER BY hs6;
-- codes shared by several minerals
SELECT hs6, string_agg(mineral, ', ' ORDER BY mineral) FROM hs_commodity
 GROUP BY hs6 HAVING count(*) > 1 ORDER BY hs6;
SELECT count(*) FILTER (WHERE user_added) AS user_rows, count(*) AS all_rows FROM hs_commodity;
-- bad rows are rejected
INSERT INTO hs_commodity (hs6, mineral, stage, description) VALUES ('2805.30', 'rare earths', 'metal', 'x');
INSERT INTO hs_commodity (hs6, mineral, stage, description) VALUES ('280530', 'rare earths', 'refined', 'x');

-- ---------------------------------------------------------------------
-- country
-- ---------------------------------------------------------------------
SELECT count(*) AS rows, count(*) FILTER (WHERE valid_to IS NULL) AS current,
       count(*) FILTER (WHERE user_added) AS user_rows FROM country;
-- Comtrade / BACI codes that differ from M49
SELECT iso3, iso2, m49, comtrade_code, name FROM country
 WHERE comtrade_code <> m49 ORDER BY iso3;
-- former entities
SELECT iso3, iso2, m49, comtrade_code, name, valid_to FROM country
 WHERE valid_to IS NOT NULL ORDER BY m49;
-- spot checks of ISO codes
SELECT iso3, iso2, m49, comtrade_code, name FROM country
 WHERE iso3 IN ('CHN', 'HKG', 'MAC', 'MMR', 'COD', 'COG', 'KOR', 'PRK', 'RUS', 'VNM', 'DEU', 'GBR', 'JPN', 'AUS', 'NAM')
   AND valid_to IS NULL ORDER BY iso3;
-- no Comtrade code is another row's M49 code: a column of mixed codes
-- joins unambiguously with m49 = code OR comtrade_code = code
SELECT count(*) AS ambiguous FROM country a JOIN country b
    ON a.comtrade_code = b.m49 AND a.m49 <> b.m49;
SELECT c, (SELECT string_agg(iso3, ',') FROM country WHERE m49 = c OR comtrade_code = c) AS iso3
  FROM unnest(ARRAY[840, 842, 250, 251, 356, 699, 756, 757, 578, 579, 158, 490]) c;
-- Every partner and reporter code in the real UN Comtrade files of
-- ../shared/data (comtrade_nickel_bilateral, comtrade_pnnl_us_china;
-- extracted by data/build_criticality.py comtrade) joins on comtrade_code,
-- except the documented aggregates
CREATE TEMP TABLE comtrade_codes (code int PRIMARY KEY);
INSERT INTO comtrade_codes VALUES
	(0), (4), (8), (12), (20), (24), (28), (31), (32), (36), (40), (44), (48), (50),
	(51), (52), (56), (60), (64), (68), (70), (72), (76), (84), (90), (92), (96), (100),
	(104), (108), (112), (116), (120), (124), (132), (136), (140), (144), (152), (156), (170), (178),
	(180), (188), (191), (192), (196), (203), (204), (208), (214), (218), (222), (231), (232), (233),
	(234), (238), (242), (246), (251), (258), (268), (270), (275), (276), (288), (292), (296), (300),
	(304), (308), (320), (324), (328), (336), (340), (344), (348), (352), (360), (364), (368), (372),
	(376), (380), (384), (388), (392), (398), (400), (404), (408), (410), (414), (417), (418), (422),
	(426), (428), (430), (434), (440), (442), (446), (450), (454), (458), (462), (466), (470), (478),
	(480), (484), (490), (496), (498), (499), (504), (508), (512), (516), (524), (528), (530), (531),
	(533), (540), (548), (554), (558), (562), (566), (568), (579), (580), (583), (585), (586), (591),
	(598), (600), (604), (608), (616), (620), (626), (634), (642), (643), (646), (659), (660), (662),
	(670), (678), (682), (686), (688), (690), (694), (699), (702), (703), (704), (705), (706), (710),
	(716), (724), (729), (736), (740), (748), (752), (757), (760), (762), (764), (768), (776), (780),
	(784), (788), (792), (800), (804), (807), (818), (826), (834), (838), (839), (842), (854), (858),
	(860), (862), (887), (891), (894), (899);
SELECT count(*) AS codes,
       count(c.m49) AS joined,
       string_agg(t.code::text, ', ' ORDER BY t.code) FILTER (WHERE c.m49 IS NULL) AS not_joined
  FROM comtrade_codes t LEFT JOIN country c ON c.comtrade_code = t.code;
-- the U.S. rare-earth import sample: every partner code joins and gives the same ISO code
CREATE TEMP TABLE sample_partners (code int, iso3 text);
INSERT INTO sample_partners VALUES
	(32, 'ARG'), (36, 'AUS'), (40, 'AUT'), (50, 'BGD'), (51, 'ARM'), (56, 'BEL'), (70, 'BIH'), (76, 'BRA'),
	(100, 'BGR'), (116, 'KHM'), (120, 'CMR'), (124, 'CAN'), (132, 'CPV'), (144, 'LKA'), (152, 'CHL'), (156, 'CHN'),
	(170, 'COL'), (188, 'CRI'), (191, 'HRV'), (196, 'CYP'), (203, 'CZE'), (208, 'DNK'), (214, 'DOM'), (233, 'EST'),
	(234, 'FRO'), (246, 'FIN'), (251, 'FRA'), (270, 'GMB'), (276, 'DEU'), (300, 'GRC'), (344, 'HKG'), (348, 'HUN'),
	(352, 'ISL'), (360, 'IDN'), (372, 'IRL'), (376, 'ISR'), (380, 'ITA'), (392, 'JPN'), (410, 'KOR'), (422, 'LBN'),
	(428, 'LVA'), (440, 'LTU'), (442, 'LUX'), (446, 'MAC'), (458, 'MYS'), (470, 'MLT'), (484, 'MEX'), (490, 'TWN'),
	(496, 'MNG'), (504, 'MAR'), (512, 'OMN'), (520, 'NRU'), (528, 'NLD'), (554, 'NZL'), (579, 'NOR'), (586, 'PAK'),
	(604, 'PER'), (608, 'PHL'), (616, 'POL'), (620, 'PRT'), (642, 'ROU'), (643, 'RUS'), (659, 'KNA'), (686, 'SEN'),
	(688, 'SRB'), (694, 'SLE'), (699, 'IND'), (702, 'SGP'), (703, 'SVK'), (704, 'VNM'), (705, 'SVN'), (710, 'ZAF'),
	(724, 'ESP'), (748, 'SWZ'), (752, 'SWE'), (757, 'CHE'), (764, 'THA'), (784, 'ARE'), (788, 'TUN'), (792, 'TUR'),
	(804, 'UKR'), (826, 'GBR');
SELECT count(*) AS partners, count(c.m49) AS joined,
       count(*) FILTER (WHERE c.iso3 IS DISTINCT FROM s.iso3) AS iso3_mismatch
  FROM sample_partners s LEFT JOIN country c ON c.comtrade_code = s.code;
-- bad rows are rejected
INSERT INTO country (m49, iso3, iso2, comtrade_code, name) VALUES (1000, 'XXA', 'XA', 1000, 'x');
INSERT INTO country (m49, iso3, iso2, comtrade_code, name) VALUES (999, 'chn', 'XA', 999, 'x');
INSERT INTO country (m49, iso3, iso2, comtrade_code, name) VALUES (999, 'CHN', 'XA', 999, 'x');

-- ---------------------------------------------------------------------
-- pg_dump keeps user rows only: the config-dump filters
-- ---------------------------------------------------------------------
SELECT c.relname, x.cond
  FROM pg_extension e,
       unnest(e.extconfig, e.extcondition) AS x(oid, cond)
       JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'rarerisk' ORDER BY c.relname;
-- a user row (Kosovo, which has no M49 code: a user-assigned one)
BEGIN;
INSERT INTO country (m49, iso3, iso2, comtrade_code, name) VALUES (901, 'XKX', 'XK', 901, 'Kosovo (user-assigned)');
SELECT m49, iso3, user_added FROM country WHERE user_added;
ROLLBACK;
