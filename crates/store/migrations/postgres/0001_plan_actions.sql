-- Plans, the action plan, and the append-only history of every change to an action.
-- Same schema as migrations/sqlite/0001_plan_actions.sql; keep the two in step.

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
    partners    TEXT NOT NULL,
    start_date  TEXT,
    end_date    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('not_started','in_progress','completed','delayed','on_hold','cancelled')),
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    deliveries  TEXT NOT NULL,
    origin      TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    weight      DOUBLE PRECISION,
    version     BIGINT NOT NULL,
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
    seq        BIGSERIAL PRIMARY KEY,
    plan_code  TEXT NOT NULL,
    action_id  TEXT NOT NULL,
    version    BIGINT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX action_history_by_action ON action_history (plan_code, action_id, seq);

CREATE FUNCTION action_history_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'action_history is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER action_history_no_update BEFORE UPDATE OR DELETE ON action_history
FOR EACH ROW EXECUTE FUNCTION action_history_append_only();
