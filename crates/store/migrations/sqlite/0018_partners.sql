-- Partners, memberships, partner agreements and ownerships (issue 20 item 3, seed §5.7.1).
-- Public information (what the municipality owns and is a member of). An entry is known by its
-- plan, kind and folded name (name_key); every change is a row of partner_history (who, when,
-- field, old → new; append-only), the entry's version guards against stale edits. An
-- ownership's company is joined with the stored Enhetsregisteret snapshot by its orgnr when
-- shown (app::partners), not copied here.
-- Same schema as migrations/postgres/0018_partners.sql; keep the two in step.
CREATE TABLE partners (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_code       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('samarbeid', 'medlemskap', 'partneravtale', 'eierskap')),
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,              -- lower case, white space folded
    orgnr           TEXT,
    share_pct       DOUBLE PRECISION,           -- ownerships only; NULL when not known
    valid_from      TEXT,                       -- YYYY-MM-DD
    valid_to        TEXT,                       -- YYYY-MM-DD
    purpose         TEXT NOT NULL,
    links           TEXT NOT NULL,              -- JSON array of strategy and action ids
    source          TEXT NOT NULL,
    synthetic       BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    version         BIGINT NOT NULL,
    UNIQUE (plan_code, kind, name_key)
);

CREATE TABLE partner_history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id  BIGINT NOT NULL,
    version     BIGINT NOT NULL,                -- the entry version this change produced
    at          TEXT NOT NULL,                  -- RFC 3339, UTC
    actor       TEXT NOT NULL,
    field       TEXT NOT NULL,                  -- 'opprettet' for the entry's first row
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL
);
CREATE INDEX partner_history_by_partner ON partner_history (partner_id, seq);

CREATE TRIGGER partner_history_no_update BEFORE UPDATE ON partner_history
BEGIN SELECT RAISE(ABORT, 'partner_history is append-only'); END;
CREATE TRIGGER partner_history_no_delete BEFORE DELETE ON partner_history
BEGIN SELECT RAISE(ABORT, 'partner_history is append-only'); END;
