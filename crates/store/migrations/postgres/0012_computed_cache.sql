-- Results computed from the store's own contents (issue 17). Same as
-- migrations/sqlite/0012_computed_cache.sql (which explains the table); keep the two in step.
CREATE TABLE computed_cache (
    kind TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    payload BYTEA NOT NULL,
    seq BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, cache_key)
);
