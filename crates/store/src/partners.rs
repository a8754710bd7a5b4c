//! Partners, memberships, partner agreements and ownerships (migration 0018; domain in
//! `local_registers::partners`): `partners` (one row per entry, known by plan, kind and folded
//! name) and `partner_history` (append-only: every change field by field, who and when).
//!
//! An import is one transaction: a bad file changes nothing.

use local_registers::partners::{Partner, PartnerKind, fold_name};
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store, StoreError, now_rfc3339};

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPartner {
    /// The entry.
    pub partner: Partner,
    /// Made-up data.
    pub synthetic: bool,
    /// Bumped by every change (optimistic concurrency).
    pub version: i64,
}

/// One row of an entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerHistoryEntry {
    /// The version it produced.
    pub version: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The field (`opprettet` for the entry's first row).
    pub field: String,
    /// Before.
    pub old_value: String,
    /// After.
    pub new_value: String,
}

/// How a partners file was stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartnerImport {
    /// New entries.
    pub created: u64,
    /// Stored entries changed.
    pub changed: u64,
    /// Stored entries the file left as they were.
    pub unchanged: u64,
}

/// Why an edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum PartnerError {
    /// The entry changed since the version the edit was based on.
    #[error("the entry was changed by someone else (now version {0}); nothing was saved")]
    Conflict(i64),
    /// No such entry.
    #[error("no partner entry {0}")]
    NotFound(i64),
    /// Another entry of the same kind has this name.
    #[error("there is already a {0} entry named {1:?}")]
    Exists(&'static str, String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for PartnerError {
    fn from(e: sqlx::Error) -> Self {
        PartnerError::Store(e.into())
    }
}

fn partner_row(r: &sqlx::any::AnyRow) -> Result<StoredPartner> {
    let kind: String = r.try_get("kind")?;
    let orgnr: Option<String> = r.try_get("orgnr")?;
    let date = |c: &str| -> Result<Option<time::Date>> {
        let v: Option<String> = r.try_get(c)?;
        v.map(|d| local_registers::parse_date(&d).map_err(StoreError::Corrupt))
            .transpose()
    };
    Ok(StoredPartner {
        partner: Partner {
            id: r.try_get("id")?,
            kind: PartnerKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown partner kind {kind:?}")))?,
            name: r.try_get("name")?,
            orgnr: orgnr
                .map(|o| {
                    o.parse()
                        .map_err(|e| StoreError::Corrupt(format!("partner orgnr {o:?}: {e}")))
                })
                .transpose()?,
            share_pct: r.try_get("share_pct")?,
            from: date("valid_from")?,
            to: date("valid_to")?,
            purpose: r.try_get("purpose")?,
            links: serde_json::from_str(&r.try_get::<String, _>("links")?)?,
            source: r.try_get("source")?,
        },
        synthetic: r.try_get::<i64, _>("synthetic")? != 0,
        version: r.try_get("version")?,
    })
}

macro_rules! partner_select {
    () => {
        concat!(
            "SELECT id, kind, name, orgnr, share_pct, valid_from, valid_to, purpose, links, source,",
            " synthetic, version FROM partners"
        )
    };
}

/// Which change a history row belongs to: the entry, the version it produced, when and who.
#[derive(Clone, Copy)]
struct Stamp<'a> {
    id: i64,
    version: i64,
    at: &'a str,
    by: &'a str,
}

async fn history(
    conn: &mut sqlx::AnyConnection,
    stamp: &Stamp<'_>,
    field: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    let Stamp {
        id,
        version,
        at,
        by,
    } = *stamp;
    sqlx::query(concat!(
        "INSERT INTO partner_history (partner_id, version, at, actor, field, old_value, new_value)",
        " VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ))
    .bind(id)
    .bind(version)
    .bind(at)
    .bind(by)
    .bind(field)
    .bind(old)
    .bind(new)
    .execute(conn)
    .await?;
    Ok(())
}

async fn insert_partner(
    conn: &mut sqlx::AnyConnection,
    plan_code: &str,
    p: &Partner,
    synthetic: bool,
    by: &str,
) -> Result<i64> {
    let at = now_rfc3339();
    let id: i64 = sqlx::query_scalar(concat!(
        "INSERT INTO partners (plan_code, kind, name, name_key, orgnr, share_pct, valid_from,",
        " valid_to, purpose, links, source, synthetic, version)",
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) RETURNING id"
    ))
    .bind(plan_code)
    .bind(p.kind.code())
    .bind(p.name.trim())
    .bind(fold_name(&p.name))
    .bind(p.orgnr.map(|o| o.to_string()))
    .bind(p.share_pct)
    .bind(p.from.map(|d| d.to_string()))
    .bind(p.to.map(|d| d.to_string()))
    .bind(p.purpose.trim())
    .bind(serde_json::to_string(&p.links)?)
    .bind(p.source.trim())
    .bind(i64::from(synthetic))
    .fetch_one(&mut *conn)
    .await?;
    let stamp = Stamp {
        id,
        version: 1,
        at: &at,
        by,
    };
    history(conn, &stamp, "opprettet", "", &p.name).await?;
    Ok(id)
}

/// Writes `new` over the stored entry `old` (same id) at `version + 1`, with one history row
/// per changed field.
async fn update_partner(
    conn: &mut sqlx::AnyConnection,
    plan_code: &str,
    old: &StoredPartner,
    new: &Partner,
    by: &str,
) -> Result<i64, PartnerError> {
    let version = old.version + 1;
    let n = sqlx::query(concat!(
        "UPDATE partners SET kind = $1, name = $2, name_key = $3, orgnr = $4, share_pct = $5,",
        " valid_from = $6, valid_to = $7, purpose = $8, links = $9, source = $10, version = $11",
        " WHERE id = $12 AND plan_code = $13 AND version = $14"
    ))
    .bind(new.kind.code())
    .bind(new.name.trim())
    .bind(fold_name(&new.name))
    .bind(new.orgnr.map(|o| o.to_string()))
    .bind(new.share_pct)
    .bind(new.from.map(|d| d.to_string()))
    .bind(new.to.map(|d| d.to_string()))
    .bind(new.purpose.trim())
    .bind(serde_json::to_string(&new.links).map_err(StoreError::from)?)
    .bind(new.source.trim())
    .bind(version)
    .bind(old.partner.id)
    .bind(plan_code)
    .bind(old.version)
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        let e = StoreError::from(e);
        if e.is_unique_violation() {
            PartnerError::Exists(new.kind.code(), new.name.clone())
        } else {
            e.into()
        }
    })?
    .rows_affected();
    if n != 1 {
        return Err(PartnerError::Conflict(version));
    }
    let at = now_rfc3339();
    let stamp = Stamp {
        id: old.partner.id,
        version,
        at: &at,
        by,
    };
    for (field, a, b) in new.changes(&old.partner) {
        history(conn, &stamp, field, &a, &b).await?;
    }
    Ok(version)
}

impl Store {
    /// Every entry of the register (public), by kind and name.
    pub async fn partners(&self, plan_code: &str) -> Result<Vec<StoredPartner>> {
        let rows = sqlx::query(concat!(
            partner_select!(),
            " WHERE plan_code = $1 ORDER BY kind, name_key"
        ))
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(partner_row).collect()
    }

    /// One entry.
    pub async fn partner(&self, plan_code: &str, id: i64) -> Result<Option<StoredPartner>> {
        let row = sqlx::query(concat!(
            partner_select!(),
            " WHERE id = $1 AND plan_code = $2"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(partner_row).transpose()
    }

    /// An entry's history of changes, oldest first.
    pub async fn partner_history(
        &self,
        plan_code: &str,
        id: i64,
    ) -> Result<Vec<PartnerHistoryEntry>> {
        let rows = sqlx::query(concat!(
            "SELECT h.version, h.at, h.actor, h.field, h.old_value, h.new_value",
            " FROM partner_history h JOIN partners p ON p.id = h.partner_id",
            " WHERE h.partner_id = $1 AND p.plan_code = $2 ORDER BY h.seq"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PartnerHistoryEntry {
                    version: r.try_get("version")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    field: r.try_get("field")?,
                    old_value: r.try_get("old_value")?,
                    new_value: r.try_get("new_value")?,
                })
            })
            .collect()
    }

    /// Adds one entry; its kind and name must be new.
    pub async fn partner_add(
        &self,
        plan_code: &str,
        p: &Partner,
        synthetic: bool,
        by: &str,
    ) -> Result<i64, PartnerError> {
        let mut tx = self.begin_write().await?;
        let id = insert_partner(&mut tx, plan_code, p, synthetic, by)
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    PartnerError::Exists(p.kind.code(), p.name.clone())
                } else {
                    e.into()
                }
            })?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes entry `id` to `p` if it is still at `version`; one history row per changed
    /// field. Returns the new version (the same when nothing changed).
    pub async fn partner_update(
        &self,
        plan_code: &str,
        id: i64,
        version: i64,
        p: &Partner,
        by: &str,
    ) -> Result<i64, PartnerError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(concat!(
            partner_select!(),
            " WHERE id = $1 AND plan_code = $2"
        ))
        .bind(id)
        .bind(plan_code)
        .fetch_optional(&mut *tx)
        .await?;
        let old = row
            .as_ref()
            .map(partner_row)
            .transpose()?
            .ok_or(PartnerError::NotFound(id))?;
        if old.version != version {
            return Err(PartnerError::Conflict(old.version));
        }
        if p.changes(&old.partner).is_empty() {
            return Ok(version);
        }
        let v = update_partner(&mut tx, plan_code, &old, p, by).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// Stores the entries of one file in one transaction: all or nothing. An entry of a kind
    /// and name not stored yet is added; a stored one is changed field by field where the file
    /// differs (each change in the history); one the file repeats exactly is left alone.
    pub async fn partner_import(
        &self,
        plan_code: &str,
        entries: &[Partner],
        synthetic: bool,
        by: &str,
    ) -> Result<PartnerImport, PartnerError> {
        let stored = self.partners(plan_code).await?;
        let mut tx = self.begin_write().await?;
        let mut out = PartnerImport::default();
        for p in entries {
            match stored.iter().find(|s| s.partner.key() == p.key()) {
                None => {
                    insert_partner(&mut tx, plan_code, p, synthetic, by).await?;
                    out.created += 1;
                }
                Some(old) => {
                    let mut p = p.clone();
                    p.id = old.partner.id;
                    if p.changes(&old.partner).is_empty() {
                        out.unchanged += 1;
                    } else {
                        update_partner(&mut tx, plan_code, old, &p, by).await?;
                        out.changed += 1;
                    }
                }
            }
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Every entry and its history as text, for tests that a refused file changed nothing.
    pub async fn partners_dump(&self, plan_code: &str) -> Result<String> {
        let mut out = String::new();
        for s in self.partners(plan_code).await? {
            out.push_str(&format!("{s:?}\n"));
            for h in self.partner_history(plan_code, s.partner.id).await? {
                out.push_str(&format!("  {h:?}\n"));
            }
        }
        Ok(out)
    }
}
