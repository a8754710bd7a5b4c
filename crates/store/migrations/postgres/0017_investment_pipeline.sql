-- The investment pipeline of the Invester i Asker-function (issue 20 item 4, seed §5.7.3).
-- An enquiry's name, source and lost reason are confidential business details: staff only,
-- deleted after the retention period once the enquiry is closed (naeringsplan pipeline purge);
-- the counts of deleted enquiries are kept in pipeline_archive (no names, no text), so the
-- public aggregates keep their history. Every stage change is a row of pipeline_stage_changes
-- (who, when, from → to); the enquiry's version guards against stale edits.
-- Same schema as migrations/sqlite/0017_investment_pipeline.sql; keep the two in step.
CREATE TABLE pipeline_enquiries (
    id              BIGSERIAL PRIMARY KEY,
    plan_code       TEXT NOT NULL,
    name            TEXT NOT NULL,
    sector          TEXT NOT NULL,
    source          TEXT NOT NULL,
    jobs_expected   BIGINT,
    area_daa        DOUBLE PRECISION,
    enquiry_date    TEXT NOT NULL,              -- YYYY-MM-DD
    year            BIGINT NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('henvendelse', 'dialog', 'tomt_tilbudt', 'beslutning', 'etablert', 'tapt')),
    lost_reason     TEXT,
    jobs_created    BIGINT,
    site_id         TEXT,                       -- a land site's id (land_changes.site_id)
    synthetic       BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    version         BIGINT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX pipeline_enquiries_by_plan ON pipeline_enquiries (plan_code, enquiry_date);

CREATE TABLE pipeline_stage_changes (
    seq             BIGSERIAL PRIMARY KEY,
    enquiry_id      BIGINT NOT NULL,
    from_stage      TEXT,                       -- NULL when the enquiry was recorded
    to_stage        TEXT NOT NULL,
    detail          TEXT NOT NULL,              -- lost reason, jobs created, site: as text
    version         BIGINT NOT NULL,            -- the enquiry version this change produced
    changed_by      TEXT NOT NULL,
    changed_at      TEXT NOT NULL               -- RFC 3339, UTC
);
CREATE INDEX pipeline_stage_changes_by_enquiry ON pipeline_stage_changes (enquiry_id, seq);

CREATE TABLE pipeline_purges (
    id          BIGSERIAL PRIMARY KEY,
    plan_code   TEXT NOT NULL,
    cutoff      TEXT NOT NULL,                  -- closed enquiries dated before this were deleted
    deleted     BIGINT NOT NULL,
    purged_by   TEXT NOT NULL,
    purged_at   TEXT NOT NULL
);

CREATE TABLE pipeline_archive (
    purge_id        BIGINT NOT NULL,
    year            BIGINT NOT NULL,
    stage           TEXT NOT NULL,
    enquiries       BIGINT NOT NULL,
    jobs_expected   BIGINT NOT NULL,
    jobs_created    BIGINT NOT NULL,
    synthetic       BIGINT NOT NULL CHECK (synthetic IN (0, 1))
);
