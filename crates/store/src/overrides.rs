//! Staff overrides of an indicator's computed trend status. Each override carries a written
//! justification and the computed status it departs from; a withdrawal is a row without a status.
//! The table is append-only (triggers refuse UPDATE and DELETE), so the rows are the history.

use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError};

/// One row of an indicator's override history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusOverrideRecord {
    /// Sequence number (ascending in time).
    pub id: i64,
    /// The indicator.
    pub indicator_id: String,
    /// The status set (Open SDG machine name, e.g. `moderate_progress`); `None`: the override was
    /// withdrawn and the computed status applies again.
    pub status: Option<String>,
    /// The computed status at the time (machine name).
    pub computed_status: String,
    /// Why.
    pub justification: String,
    /// Who.
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

fn from_row(row: &AnyRow) -> Result<StatusOverrideRecord> {
    Ok(StatusOverrideRecord {
        id: row.try_get("id")?,
        indicator_id: row.try_get("indicator_id")?,
        status: row.try_get("status")?,
        computed_status: row.try_get("computed_status")?,
        justification: row.try_get("justification")?,
        by: row.try_get("by_user")?,
        at: row.try_get("at")?,
    })
}

impl Store {
    /// Records an override of `indicator_id`'s trend status (`status: None` withdraws it). The
    /// justification must not be empty; the indicator must be in the stored plan.
    pub async fn add_status_override(
        &self,
        plan_code: &str,
        indicator_id: &str,
        status: Option<&str>,
        computed_status: &str,
        justification: &str,
        by: &str,
    ) -> Result<StatusOverrideRecord> {
        if justification.trim().is_empty() {
            return Err(StoreError::Invalid(
                "en overstyring må begrunnes (the justification is empty)".into(),
            ));
        }
        let plan = self
            .plan(plan_code)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no plan for municipality {plan_code}")))?;
        if plan.indicator(indicator_id).is_none() {
            return Err(StoreError::NotFound(format!(
                "no indicator {indicator_id} in the plan"
            )));
        }
        let at = crate::now_rfc3339();
        let row = sqlx::query(
            "INSERT INTO indicator_status_overrides (plan_code, indicator_id, status, computed_status, justification, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, indicator_id, status, computed_status, justification, by_user, at",
        )
        .bind(plan_code)
        .bind(indicator_id)
        .bind(status)
        .bind(computed_status)
        .bind(justification.trim())
        .bind(by)
        .bind(&at)
        .fetch_one(self.pool())
        .await?;
        from_row(&row)
    }

    /// Every override row of the plan, oldest first.
    pub async fn status_overrides(&self, plan_code: &str) -> Result<Vec<StatusOverrideRecord>> {
        let rows = sqlx::query(
            "SELECT id, indicator_id, status, computed_status, justification, by_user, at FROM indicator_status_overrides WHERE plan_code = $1 ORDER BY id",
        )
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// The override in force for each indicator of the plan (the latest row, if it sets a
    /// status).
    pub async fn current_status_overrides(
        &self,
        plan_code: &str,
    ) -> Result<Vec<StatusOverrideRecord>> {
        let mut latest: std::collections::BTreeMap<String, StatusOverrideRecord> =
            Default::default();
        for r in self.status_overrides(plan_code).await? {
            latest.insert(r.indicator_id.clone(), r);
        }
        Ok(latest
            .into_values()
            .filter(|r| r.status.is_some())
            .collect())
    }
}
