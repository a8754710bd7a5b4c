-- Official statistics with provenance (issue 3): every imported file, the observations it
-- carried (SSB JSON-stat 2.0), and KLASS code lists and change tables.
-- Same schema as migrations/sqlite/0002_observations.sql; keep the two in step.
--
-- A missing value is a NULL `value` with its reason in `status` ('.', '..', '...', ':', '-',
-- or '' for a bare null), never 0. An observation is superseded, not deleted, when a newer
-- release of its table (later SSB `updated`), or real data for what was synthetic, arrives for
-- the same key (table, contents, series key, region, period).

CREATE TABLE imports (
    id            BIGSERIAL PRIMARY KEY,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,       -- a file with the same hash is never imported twice
    format        TEXT NOT NULL,              -- jsonstat2, klass_codes_csv, klass_changes_json, ...
    table_id      TEXT,                       -- SSB table id, or KLASS classification ('131', '104')
    source_url    TEXT,
    updated       TEXT,                       -- SSB `updated` of the dataset (RFC 3339)
    imported_at   TEXT NOT NULL,              -- RFC 3339, UTC
    rows_read     BIGINT NOT NULL,            -- cells / codes / changes in the file
    rows_stored   BIGINT NOT NULL,            -- new rows written
    rows_missing  BIGINT NOT NULL,            -- cells without a value (kept with their reason)
    rows_superseding BIGINT NOT NULL,         -- rows that superseded an older current row
    rows_unchanged BIGINT NOT NULL,           -- identical to what was already current
    synthetic     BIGINT NOT NULL CHECK (synthetic IN (0, 1))
);

CREATE TABLE observations (
    id            BIGSERIAL PRIMARY KEY,
    import_id     BIGINT NOT NULL REFERENCES imports(id),
    table_id      TEXT NOT NULL,
    contents_code TEXT NOT NULL,              -- category of the metric dimension (ContentsCode)
    series_key    TEXT NOT NULL,              -- the other dimensions: 'Alder=015;Kjonn=1' sorted by id, '' if none
    region        TEXT NOT NULL,              -- municipality code without 'K-' (e.g. '3025'); other region codes as given
    region_raw    TEXT NOT NULL,              -- the region code as in the file (e.g. 'K-3025')
    period        TEXT NOT NULL,              -- the time code as in the file ('2022', '2022K4')
    value         DOUBLE PRECISION,           -- NULL when missing: never 0 for missing
    status        TEXT,                       -- status symbol; for a missing value its reason
    unit          TEXT,
    decimals      BIGINT,
    source_url    TEXT,
    updated       TEXT,                       -- SSB `updated` of the release
    imported_at   TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    synthetic     BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    superseded_by BIGINT REFERENCES imports(id),   -- the import that replaced this row, NULL = current
    superseded_at TEXT,
    CHECK (value IS NOT NULL OR status IS NOT NULL)
);
CREATE UNIQUE INDEX observations_current
    ON observations (table_id, contents_code, series_key, region, period)
    WHERE superseded_by IS NULL;
CREATE INDEX observations_by_region ON observations (table_id, region, period);

CREATE TABLE klass_codes (
    id             BIGSERIAL PRIMARY KEY,
    import_id      BIGINT NOT NULL REFERENCES imports(id),
    classification TEXT NOT NULL,             -- '131' municipalities, '104' counties
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    parent_code    TEXT,
    level          TEXT,
    valid_from     TEXT,                      -- first valid day (YYYY-MM-DD)
    valid_to       TEXT                       -- first day no longer valid (exclusive)
);
CREATE INDEX klass_codes_by_code ON klass_codes (classification, code);

CREATE TABLE klass_changes (
    id              BIGSERIAL PRIMARY KEY,
    import_id       BIGINT NOT NULL REFERENCES imports(id),
    classification  TEXT NOT NULL,
    old_code        TEXT NOT NULL,
    old_name        TEXT,
    new_code        TEXT NOT NULL,
    new_name        TEXT,
    change_occurred TEXT NOT NULL,            -- first day of the new code (YYYY-MM-DD)
    split           BIGINT                    -- 1/0 when the file says, NULL otherwise
);
CREATE INDEX klass_changes_by_old ON klass_changes (classification, old_code);
