//! Computed results kept in the store (`computed_cache`): opaque bytes under a kind and a key.
//! The store only keeps them; `app::cache` decides what a key means and how a result is
//! written. A row can always be deleted: the caller computes the result again.

use sqlx::Row;

use crate::{Result, Store};

impl Store {
    /// The bytes stored under `kind` and `key`, if any.
    pub async fn computed(&self, kind: &str, key: &str) -> Result<Option<Vec<u8>>> {
        let row =
            sqlx::query("SELECT payload FROM computed_cache WHERE kind = $1 AND cache_key = $2")
                .bind(kind)
                .bind(key)
                .fetch_optional(self.pool())
                .await?;
        row.map(|r| r.try_get::<Vec<u8>, _>("payload"))
            .transpose()
            .map_err(Into::into)
    }

    /// Stores `payload` under `kind` and `key` (replacing what was there) and keeps only the
    /// newest `keep` rows of that kind, in one transaction.
    pub async fn put_computed(
        &self,
        kind: &str,
        key: &str,
        payload: &[u8],
        keep: u32,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let seq: i64 = sqlx::query(
            "SELECT CAST(COALESCE(MAX(seq), 0) + 1 AS BIGINT) AS next FROM computed_cache",
        )
        .fetch_one(&mut *tx)
        .await?
        .try_get("next")?;
        sqlx::query("DELETE FROM computed_cache WHERE kind = $1 AND cache_key = $2")
            .bind(kind)
            .bind(key)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO computed_cache (kind, cache_key, payload, seq, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(kind)
        .bind(key)
        .bind(payload)
        .bind(seq)
        .bind(crate::now_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM computed_cache WHERE kind = $1 AND seq NOT IN \
             (SELECT seq FROM computed_cache WHERE kind = $1 ORDER BY seq DESC LIMIT $2)",
        )
        .bind(kind)
        .bind(i64::from(keep))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes every stored computation; returns how many rows went.
    pub async fn clear_computed(&self) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM computed_cache")
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}
