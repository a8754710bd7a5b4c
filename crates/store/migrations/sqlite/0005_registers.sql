-- The registers the plan says are missing (issue 9): commercial land sites with every change
-- kept, supplier ledgers for local procurement, company visits with retention.
-- Same schema as migrations/postgres/0005_registers.sql; keep the two in step.
-- See crates/store/src/registers.rs for what each table holds.

CREATE TABLE land_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format IN ('csv', 'geojson', 'form')),
    synthetic   BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    changes     BIGINT NOT NULL,                -- changes stored (new or corrected)
    unchanged   BIGINT NOT NULL,                -- changes already stored with the same content
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL                   -- RFC 3339, UTC
);

-- Append-only: one row per recorded change. A change re-recorded for the same site and date
-- (a correction) is a new row; the latest recorded row for (site_id, valid_from) is in effect.
CREATE TABLE land_changes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id         TEXT NOT NULL,
    valid_from      TEXT NOT NULL,              -- YYYY-MM-DD
    name            TEXT NOT NULL,
    place           TEXT NOT NULL,
    area_daa        DOUBLE PRECISION NOT NULL,
    zoning          TEXT NOT NULL,
    availability    TEXT NOT NULL,
    use_class       TEXT NOT NULL,
    abc             TEXT,
    hub_distance_m  BIGINT,
    owner           TEXT NOT NULL,
    note            TEXT NOT NULL,
    geometry        TEXT,                       -- GeoJSON geometry; NULL keeps the previous one
    import_id       BIGINT NOT NULL REFERENCES land_imports(id)
);
CREATE INDEX land_changes_by_site ON land_changes (site_id, valid_from, id);

CREATE TABLE procurement_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,           -- the same ledger file is imported once
    rows        BIGINT NOT NULL,
    first_date  TEXT NOT NULL,
    last_date   TEXT NOT NULL,
    synthetic   BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    imported_at TEXT NOT NULL
);

CREATE TABLE procurement_rows (
    import_id   BIGINT NOT NULL REFERENCES procurement_imports(id),
    line        BIGINT NOT NULL,
    orgnr       TEXT,                           -- NULL when the ledger row has none
    supplier    TEXT NOT NULL,
    amount_ore  BIGINT NOT NULL,                -- NOK × 100
    paid_on     TEXT NOT NULL,                  -- YYYY-MM-DD
    year        BIGINT NOT NULL,
    category    TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
);
CREATE INDEX procurement_rows_by_year ON procurement_rows (year);

-- Visit details are personal data: deleted after the retention period (naeringsplan visits
-- purge); the counts of deleted visits are kept in visit_archive, without names or text.
CREATE TABLE visits (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    orgnr           TEXT NOT NULL,
    company         TEXT NOT NULL,
    sector          TEXT,                       -- SN2007 section letter
    area            TEXT NOT NULL,
    visit_date      TEXT NOT NULL,              -- YYYY-MM-DD
    year            BIGINT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('besok', 'dialogmote')),
    participants    TEXT NOT NULL,              -- JSON array of names
    topics          TEXT NOT NULL,              -- JSON array
    follow_ups      TEXT NOT NULL,              -- JSON array of {text, links}
    synthetic       BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX visits_by_date ON visits (visit_date);

CREATE TABLE visit_archive (
    purge_id        BIGINT NOT NULL,
    year            BIGINT NOT NULL,
    sector          TEXT NOT NULL,              -- '?' when unknown
    area            TEXT NOT NULL,              -- '?' when not entered
    kind            TEXT NOT NULL,
    visits          BIGINT NOT NULL,
    follow_ups      BIGINT NOT NULL,
    linked          BIGINT NOT NULL,
    synthetic       BIGINT NOT NULL CHECK (synthetic IN (0, 1))
);

CREATE TABLE visit_purges (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cutoff      TEXT NOT NULL,                  -- visits dated before this were deleted
    deleted     BIGINT NOT NULL,
    purged_by   TEXT NOT NULL,
    purged_at   TEXT NOT NULL
);
