-- The land, procurement and company-visit registers belong to one municipality's plan, so that
-- several plans can share a database (issue 10). Rows of a database made before this migration
-- held one plan's registers: they are given that plan's code. Child rows (land changes, ledger
-- rows, archived visit counts) belong to the plan of their import or purge.
-- Same in migrations/sqlite and migrations/postgres; keep the two in step.
ALTER TABLE land_imports ADD COLUMN plan_code TEXT;
ALTER TABLE procurement_imports ADD COLUMN plan_code TEXT;
ALTER TABLE visits ADD COLUMN plan_code TEXT;
ALTER TABLE visit_purges ADD COLUMN plan_code TEXT;
UPDATE land_imports SET plan_code = (SELECT MIN(municipality_code) FROM plans);
UPDATE procurement_imports SET plan_code = (SELECT MIN(municipality_code) FROM plans);
UPDATE visits SET plan_code = (SELECT MIN(municipality_code) FROM plans);
UPDATE visit_purges SET plan_code = (SELECT MIN(municipality_code) FROM plans);
CREATE INDEX land_imports_by_plan ON land_imports (plan_code);
CREATE INDEX procurement_imports_by_plan ON procurement_imports (plan_code);
CREATE INDEX visits_by_plan ON visits (plan_code, visit_date);
