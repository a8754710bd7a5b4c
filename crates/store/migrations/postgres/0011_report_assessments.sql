-- The council report's written assessments and final reports (issue 18). Same as
-- migrations/sqlite/0011_report_assessments.sql (which explains the columns); keep the two in
-- step.
CREATE TABLE report_assessments (
    id BIGSERIAL PRIMARY KEY,
    plan_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    text TEXT NOT NULL,
    published INTEGER NOT NULL,
    by_user TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX report_assessments_period ON report_assessments (plan_code, year, period, id);
CREATE FUNCTION report_assessments_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'report_assessments is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER report_assessments_no_update BEFORE UPDATE OR DELETE ON report_assessments
FOR EACH ROW EXECUTE FUNCTION report_assessments_append_only();

CREATE TABLE final_reports (
    id BIGSERIAL PRIMARY KEY,
    plan_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    format TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    sha256 TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (plan_code, year, period, format)
);
CREATE TRIGGER final_reports_no_update BEFORE UPDATE OR DELETE ON final_reports
FOR EACH ROW EXECUTE FUNCTION report_assessments_append_only();
