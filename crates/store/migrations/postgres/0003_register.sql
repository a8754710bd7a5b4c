-- Brønnøysund register snapshots (issue 5). One bulk file = one snapshot; per-municipality facts
-- as aggregates; a compact per-unit table (one packed value per municipality) for cohort survival
-- and the join with annual accounts; survival across snapshots; annual accounts.
-- Same schema as migrations/sqlite/0003_register.sql; keep the two in step.
-- See crates/store/src/register.rs for what each table holds.

CREATE TABLE register_snapshots (
    id                   BIGSERIAL PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('enheter', 'underenheter')),
    snapshot_date        TEXT NOT NULL,      -- YYYY-MM-DD: the day the bulk file was taken
    date_source          TEXT NOT NULL CHECK (date_source IN ('file_name', 'option', 'file_mtime', 'latest_registration', 'generated')),
    file_name            TEXT NOT NULL,
    sha256               TEXT NOT NULL UNIQUE, -- of the file's bytes: the same file is imported once
    format               TEXT NOT NULL,      -- csv, csv.gz, json, json.gz
    synthetic            BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    synthetic_units      BIGINT NOT NULL,    -- units named with the generator's SYNTETISK prefix
    coverage             TEXT NOT NULL CHECK (coverage IN ('national', 'municipal', 'extract')),
    units                BIGINT NOT NULL,    -- rows read
    skipped_rows         BIGINT NOT NULL,    -- malformed rows skipped (--skip-bad-rows)
    municipalities       BIGINT NOT NULL,
    without_municipality BIGINT NOT NULL,
    imported_at          TEXT NOT NULL       -- RFC 3339, UTC
);
CREATE INDEX register_snapshots_by_kind ON register_snapshots (kind, synthetic, snapshot_date);

CREATE TABLE register_municipality_facts (
    snapshot_id              BIGINT NOT NULL REFERENCES register_snapshots(id),
    municipality             TEXT NOT NULL,  -- four digits, as in the file
    units                    BIGINT NOT NULL, -- present enheter / establishments
    bankrupt                 BIGINT NOT NULL,
    under_liquidation        BIGINT NOT NULL,
    under_forced_liquidation BIGINT NOT NULL,
    deleted_or_closed        BIGINT NOT NULL,
    employees_known_sum      BIGINT NOT NULL, -- published headcounts
    employees_withheld_units BIGINT NOT NULL, -- units whose headcount is withheld (not 0)
    detail_json              TEXT NOT NULL,  -- by form, by year, by sector group, largest
    PRIMARY KEY (snapshot_id, municipality)
);

CREATE TABLE register_unit_tables (
    snapshot_id  BIGINT NOT NULL REFERENCES register_snapshots(id),
    municipality TEXT NOT NULL,              -- '' for units without a business address
    units        BIGINT NOT NULL,
    data         BYTEA NOT NULL,             -- packed records, see store::register::UnitTable
    PRIMARY KEY (snapshot_id, municipality)
);

CREATE TABLE register_skipped_rows (
    snapshot_id BIGINT NOT NULL REFERENCES register_snapshots(id),
    seq         BIGINT NOT NULL,
    location    TEXT NOT NULL,               -- line (CSV) or element (JSON)
    orgnr       TEXT,
    message     TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
);

CREATE TABLE register_cohort_survival (
    synthetic            BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    municipality         TEXT NOT NULL,      -- of the cohort's enheter in the base snapshot
    cohort_year          BIGINT NOT NULL,
    horizon_years        BIGINT NOT NULL,
    base_snapshot_id     BIGINT NOT NULL REFERENCES register_snapshots(id),
    followup_snapshot_id BIGINT NOT NULL REFERENCES register_snapshots(id),
    base_count           BIGINT NOT NULL,
    survivors            BIGINT NOT NULL,
    PRIMARY KEY (synthetic, municipality, cohort_year, horizon_years)
);

CREATE TABLE register_accounts_files (
    id          BIGSERIAL PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    records     BIGINT NOT NULL,
    synthetic   BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    imported_at TEXT NOT NULL
);

CREATE TABLE register_accounts (
    orgnr            TEXT NOT NULL,
    year             BIGINT NOT NULL,        -- the year the accounting period ends
    accounts_type    TEXT NOT NULL,          -- SELSKAP, KONSERN, …
    period_from      TEXT NOT NULL,
    period_to        TEXT NOT NULL,
    currency         TEXT,                   -- as written: not all accounts are in NOK
    turnover         BIGINT,                 -- NULL when not reported, never 0
    wage_costs       BIGINT,
    operating_result BIGINT,
    annual_result    BIGINT,
    file_id          BIGINT NOT NULL REFERENCES register_accounts_files(id),
    PRIMARY KEY (orgnr, year, accounts_type)
);
