-- Staff overrides of an indicator's computed trend status, with a written justification.
-- Append-only: every override (and every withdrawal, status NULL) is a row; the latest row of an
-- indicator is the one in force. The computed status at the time is kept beside it.
CREATE TABLE indicator_status_overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_code TEXT NOT NULL,
    indicator_id TEXT NOT NULL,
    status TEXT,
    computed_status TEXT NOT NULL,
    justification TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX indicator_status_overrides_plan ON indicator_status_overrides (plan_code, indicator_id, id);
CREATE TRIGGER indicator_status_overrides_no_update BEFORE UPDATE ON indicator_status_overrides
BEGIN SELECT RAISE(ABORT, 'indicator_status_overrides is append-only'); END;
CREATE TRIGGER indicator_status_overrides_no_delete BEFORE DELETE ON indicator_status_overrides
BEGIN SELECT RAISE(ABORT, 'indicator_status_overrides is append-only'); END;
