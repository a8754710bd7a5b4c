-- Results computed from the store's own contents, kept so that a CLI call or a fresh web node
-- does not compute them again (issue 17): the ranking of every municipality, the plan's
-- indicators evaluated. Same as migrations/postgres/0012_computed_cache.sql; keep the two in
-- step.
--
-- The store keeps bytes under a key and nothing more: `app::cache` chooses the key (a
-- fingerprint of everything the result was computed from — the imported files, the plan, the
-- staff's overrides — and of the program that computed it) and the format. A row is never
-- stale, only unused: changed inputs give another key. Rows may be deleted at any time; the
-- newest few per kind are kept.
CREATE TABLE computed_cache (
    kind TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    payload BLOB NOT NULL,
    -- A sequence number, so that the newest rows are the ones kept.
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, cache_key)
);
