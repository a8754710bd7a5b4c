-- API token lifecycle (issue 21): a token may carry an expiry (RFC 3339, UTC); past it the token
-- is refused. Tokens are listed by user (label = their name, created_at, last_used, expires_at)
-- and revoked by deleting the row; a password change, a role change and disabling the account
-- revoke all of the user's tokens, so enabling it again does not revive them.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
