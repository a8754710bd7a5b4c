-- Compact observations (issue 19 item 6: a fresh store under 60 MB). Same as
-- migrations/sqlite/0014_compact_observations.sql; keep the two in step.
--
-- Until now every observation row repeated its series (table, contents code, series key, unit,
-- decimals) and its import's provenance (source URL, `updated`, import time, file hash,
-- synthetic flag) as text: some 310 bytes a row with two indexes, 245 MiB for the bundled
-- statistics. Nothing is dropped here, only stored once:
--
-- * `observation_series`: one row per (table, contents code, series key, unit, decimals);
-- * `observation_rows`: the values, with their series and import by integer key, the region
--   code as normalised, the region code as in the file only when it differs (else NULL), the
--   period, value, status and supersession;
-- * the provenance columns were always the import's own (`imports.source_url`, `updated`,
--   `imported_at`, `sha256`, `synthetic`), so they are read from `imports`;
-- * `observations` becomes a view with every column it had, so readers are unchanged.
--
-- One index does the work of the two old ones: (series, region, period, 0 for the current row
-- or the row's id for a superseded one). Unique, so at most one current row per key, as the
-- old partial index said; its prefix serves both the current values and a key's history, and
-- the lookups by table and region go through the table's few series.

CREATE TABLE observation_series (
    id            BIGSERIAL PRIMARY KEY,
    table_id      TEXT NOT NULL,
    contents_code TEXT NOT NULL,              -- category of the metric dimension (ContentsCode)
    series_key    TEXT NOT NULL,              -- the other dimensions: 'Alder=015;Kjonn=1' sorted by id, '' if none
    unit          TEXT,
    decimals      BIGINT
);
CREATE INDEX observation_series_by_key
    ON observation_series (table_id, contents_code, series_key);

CREATE TABLE observation_rows (
    id            BIGSERIAL PRIMARY KEY,
    import_id     BIGINT NOT NULL REFERENCES imports(id),
    series_id     BIGINT NOT NULL REFERENCES observation_series(id),
    region        TEXT NOT NULL,              -- municipality code without 'K-' (e.g. '3025'); other region codes as given
    region_raw    TEXT,                       -- the region code as in the file when it differs from `region` (e.g. 'K-3025'), else NULL
    period        TEXT NOT NULL,              -- the time code as in the file ('2022', '2022K4')
    value         DOUBLE PRECISION,           -- NULL when missing: never 0 for missing
    status        TEXT,                       -- status symbol; for a missing value its reason
    superseded_by BIGINT REFERENCES imports(id),   -- the import that replaced this row, NULL = current
    superseded_at TEXT,
    CHECK (value IS NOT NULL OR status IS NOT NULL)
);

INSERT INTO observation_series (table_id, contents_code, series_key, unit, decimals)
SELECT DISTINCT table_id, contents_code, series_key, unit, decimals
FROM observations
ORDER BY table_id, contents_code, series_key, unit, decimals;

INSERT INTO observation_rows
    (id, import_id, series_id, region, region_raw, period, value, status, superseded_by, superseded_at)
SELECT o.id, o.import_id, s.id, o.region, NULLIF(o.region_raw, o.region), o.period, o.value,
       o.status, o.superseded_by, o.superseded_at
FROM observations o
JOIN observation_series s
  ON s.table_id = o.table_id AND s.contents_code = o.contents_code
 AND s.series_key = o.series_key AND s.unit IS NOT DISTINCT FROM o.unit AND s.decimals IS NOT DISTINCT FROM o.decimals
ORDER BY o.id;

DROP TABLE observations;

-- The ids were copied; the sequence continues after the highest.
SELECT setval(pg_get_serial_sequence('observation_rows', 'id'),
              GREATEST((SELECT MAX(id) FROM observation_rows), 1),
              (SELECT MAX(id) FROM observation_rows) IS NOT NULL);

CREATE UNIQUE INDEX observation_rows_key ON observation_rows
    (series_id, region, period, (CASE WHEN superseded_by IS NULL THEN 0 ELSE id END));

CREATE VIEW observations AS
SELECT r.id, r.import_id, s.table_id, s.contents_code, s.series_key, r.region,
       COALESCE(r.region_raw, r.region) AS region_raw, r.period, r.value, r.status,
       s.unit, s.decimals, i.source_url, i.updated, i.imported_at, i.sha256 AS file_sha256,
       i.synthetic, r.superseded_by, r.superseded_at
FROM observation_rows r
JOIN observation_series s ON s.id = r.series_id
JOIN imports i ON i.id = r.import_id;
