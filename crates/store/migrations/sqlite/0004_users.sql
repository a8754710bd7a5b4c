-- Staff accounts, database-backed sessions (web nodes keep no state), login attempts for
-- throttling, and API bearer tokens. Secrets are never stored in clear: passwords as argon2 PHC
-- strings, session ids and API tokens as SHA-256 hex digests of random 256-bit values.
-- Same schema as migrations/postgres/0004_users.sql; keep the two in step.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,               -- argon2 PHC string
    role          TEXT NOT NULL CHECK (role IN ('viewer','editor','admin')),
    disabled      BIGINT NOT NULL DEFAULT 0,   -- 1: may not log in or use tokens
    created_at    TEXT NOT NULL                -- RFC 3339, UTC
);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY NOT NULL,      -- SHA-256 of the cookie value
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,                  -- synchroniser token bound to this session
    created_at BIGINT NOT NULL,                -- unix seconds
    expires_at BIGINT NOT NULL                 -- unix seconds
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       BIGINT NOT NULL,                  -- unix seconds
    username TEXT NOT NULL,
    ip       TEXT NOT NULL,
    success  BIGINT NOT NULL                   -- 1 ok, 0 failed
);
CREATE INDEX login_attempts_by_user ON login_attempts (username, at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, at);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the token
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used  TEXT
);
