-- Plans, the action plan, and the append-only history of every change to an action.

CREATE TABLE plans (
    municipality_code TEXT PRIMARY KEY NOT NULL,
    source_name       TEXT NOT NULL,
    source_hash       TEXT NOT NULL,
    plan_json         TEXT NOT NULL,
    loaded_at         TEXT NOT NULL
);

CREATE TABLE actions (
    plan_code   TEXT NOT NULL REFERENCES plans(municipality_code),
    id          TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    owner       TEXT NOT NULL,
    partners    TEXT NOT NULL,              -- JSON array of strings
    start_date  TEXT,                       -- YYYY-MM-DD
    end_date    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('not_started','in_progress','completed','delayed','on_hold','cancelled')),
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    deliveries  TEXT NOT NULL,              -- JSON array of deliveries
    origin      TEXT NOT NULL,              -- JSON: where the action comes from
    comment     TEXT NOT NULL DEFAULT '',
    weight      DOUBLE PRECISION,           -- optional weight in progress roll-ups
    version     BIGINT NOT NULL,            -- optimistic concurrency: bumped by every change
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (plan_code, id)
);

CREATE TABLE action_strategies (
    plan_code   TEXT NOT NULL,
    action_id   TEXT NOT NULL,
    strategy_id TEXT NOT NULL,
    PRIMARY KEY (plan_code, action_id, strategy_id),
    FOREIGN KEY (plan_code, action_id) REFERENCES actions(plan_code, id)
);

CREATE TABLE action_history (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_code  TEXT NOT NULL,
    action_id  TEXT NOT NULL,
    version    BIGINT NOT NULL,             -- the action version this change produced
    at         TEXT NOT NULL,               -- RFC 3339, UTC
    actor      TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX action_history_by_action ON action_history (plan_code, action_id, seq);

CREATE TRIGGER action_history_no_update BEFORE UPDATE ON action_history
BEGIN SELECT RAISE(ABORT, 'action_history is append-only'); END;
CREATE TRIGGER action_history_no_delete BEFORE DELETE ON action_history
BEGIN SELECT RAISE(ABORT, 'action_history is append-only'); END;
