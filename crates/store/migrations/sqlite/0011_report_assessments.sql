-- The council report's written assessments and final reports (issue 18). Same as
-- migrations/postgres/0011_report_assessments.sql; keep the two in step.
--
-- 1. Assessments: staff's written judgement per report period (year; period 'year', 'H1' or
--    'H2') of one subject: the whole plan (subject_kind 'plan', subject_id ''), a focus area
--    ('focus_area', its number), an indicator ('indicator', its id) or an action ('action', its
--    id: the explanation of a late action). Append-only: every save is
--    a new version; the latest version of a subject is the one in force. `published` says
--    whether the public (pages, public report downloads) may see that version; staff previews
--    show the latest version either way.
CREATE TABLE report_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
CREATE TRIGGER report_assessments_no_update BEFORE UPDATE ON report_assessments
BEGIN SELECT RAISE(ABORT, 'report_assessments is append-only'); END;
CREATE TRIGGER report_assessments_no_delete BEFORE DELETE ON report_assessments
BEGIN SELECT RAISE(ABORT, 'report_assessments is append-only'); END;

-- 2. Final reports: the bytes of each format as they were when the report for a period was
--    marked final, with their SHA-256. One final report per plan and period; never changed.
CREATE TABLE final_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    format TEXT NOT NULL,
    bytes BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (plan_code, year, period, format)
);
CREATE TRIGGER final_reports_no_update BEFORE UPDATE ON final_reports
BEGIN SELECT RAISE(ABORT, 'final_reports is append-only'); END;
CREATE TRIGGER final_reports_no_delete BEFORE DELETE ON final_reports
BEGIN SELECT RAISE(ABORT, 'final_reports is append-only'); END;
