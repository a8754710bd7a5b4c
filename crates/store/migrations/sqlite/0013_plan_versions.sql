-- Plan versions (issue 22 item 5): a store holds several plans of one municipality, each
-- identified by (municipality, adopted date, period). Same as
-- migrations/postgres/0013_plan_versions.sql; keep the two in step.
--
-- 1. `plans` is keyed by the plan's key (`plan_code`, which every plan-specific table already
--    names): the municipality code for the first plan of a municipality (so every row stored
--    before this migration keeps its key), `{code}-{first year}-{last year}` for a later one
--    (`store::plans`). The municipality, adoption date and period become columns, filled here
--    from the stored plan; the foreign key of `actions` follows the renamed column.
ALTER TABLE plans RENAME COLUMN municipality_code TO plan_code;
ALTER TABLE plans ADD COLUMN municipality_code TEXT;
ALTER TABLE plans ADD COLUMN adopted TEXT;
ALTER TABLE plans ADD COLUMN period_start INTEGER;
ALTER TABLE plans ADD COLUMN period_end INTEGER;
UPDATE plans SET
    municipality_code = plan_code,
    adopted = json_extract(plan_json, '$.meta.adopted'),
    period_start = json_extract(plan_json, '$.meta.period_start'),
    period_end = json_extract(plan_json, '$.meta.period_end');
CREATE UNIQUE INDEX plans_version ON plans (municipality_code, adopted, period_start, period_end);

-- 2. An action carried over from one plan to a later one: a new action in the later plan, with
--    a link to the one it came from (whose history stays where it is, readable). Written once,
--    never changed; an action is carried to a given plan at most once.
CREATE TABLE action_carryovers (
    from_plan   TEXT NOT NULL,
    from_action TEXT NOT NULL,
    to_plan     TEXT NOT NULL,
    to_action   TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    PRIMARY KEY (from_plan, from_action, to_plan),
    UNIQUE (to_plan, to_action),
    FOREIGN KEY (from_plan, from_action) REFERENCES actions(plan_code, id),
    FOREIGN KEY (to_plan, to_action) REFERENCES actions(plan_code, id)
);
CREATE TRIGGER action_carryovers_no_update BEFORE UPDATE ON action_carryovers
BEGIN SELECT RAISE(ABORT, 'action_carryovers is append-only'); END;
CREATE TRIGGER action_carryovers_no_delete BEFORE DELETE ON action_carryovers
BEGIN SELECT RAISE(ABORT, 'action_carryovers is append-only'); END;
