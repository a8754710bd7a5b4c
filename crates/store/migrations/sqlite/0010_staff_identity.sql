-- Staff identity hardening (issue 21). Same as migrations/postgres/0010_staff_identity.sql; keep the
-- two in step.
--
-- 1. A display name: what public pages, history pages and the API show for an actor instead of
--    the login name (login names are half of a credential and were public). Empty: the role
--    word ("redaktør", …) is shown.
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';

-- 2. User names unique ignoring case, guaranteed by the database (the application's check alone
--    let two parallel requests make "Admin1" beside "admin1"). A store made before this check
--    may hold such twins: every twin but the oldest is renamed to "<name>-<id>" so the index can
--    be built (its owner logs in with the new name; `user list` shows it).
UPDATE users SET name = name || '-' || CAST(id AS TEXT)
    WHERE id NOT IN (SELECT MIN(id) FROM users GROUP BY LOWER(name));
CREATE UNIQUE INDEX users_name_lower ON users (LOWER(name));

-- 3. Server secrets shared by every web node (they keep no state of their own): the key that
--    signs the login form's CSRF token, so a token this server did not issue is refused.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,                  -- 64 hex digits (256 random bits)
    created_at TEXT NOT NULL                   -- RFC 3339, UTC
);
