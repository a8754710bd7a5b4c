-- Staff accounts belong to one municipality's plan when several plans share a database: a user
-- with plan_code set may log in and write only where that plan is served; NULL keeps the
-- account valid for every plan in the database (a single-municipality install, or the hosting
-- administrator). Same as migrations/postgres/0007_user_plans.sql; keep the two in step.
ALTER TABLE users ADD COLUMN plan_code TEXT;
