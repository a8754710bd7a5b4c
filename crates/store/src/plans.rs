//! Loading a plan into the store and reading it back.
//!
//! A plan is stored per municipality as the validated plan (JSON) with the hash of its source
//! file. On first load its actions are seeded into the `actions` table; after that the store is
//! authoritative for actions (staff edit them there), so reloading a changed plan file updates the
//! plan text but only adds actions the store does not have yet — it never overwrites an edited
//! action or its history.

use plan::Plan;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::actions::insert_action;
use crate::{Result, Store, now_rfc3339};

/// What loading a plan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLoad {
    /// The plan was not in the store before.
    pub created: bool,
    /// The plan was there, and its source file has changed since.
    pub updated: bool,
    /// Number of actions added from the plan file.
    pub actions_seeded: usize,
}

/// The actor name recorded when actions come from a plan file.
pub const PLAN_FILE_ACTOR: &str = "planfil";

impl Store {
    /// Loads a validated plan, seeding its actions on first use. One transaction.
    pub async fn load_plan(
        &self,
        plan: &Plan,
        source_name: &str,
        source_text: &str,
    ) -> Result<PlanLoad> {
        let hash = hex::encode(Sha256::digest(source_text.as_bytes()));
        let code = &plan.meta.municipality_code;
        let json = serde_json::to_string(plan)?;
        let mut tx = self.begin_write().await?;
        let existing: Option<String> =
            sqlx::query_scalar("SELECT source_hash FROM plans WHERE municipality_code = $1")
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?;
        let now = now_rfc3339();
        let (created, updated) = match existing {
            None => {
                sqlx::query(
                    "INSERT INTO plans (municipality_code, source_name, source_hash, plan_json, loaded_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(code)
                .bind(source_name)
                .bind(&hash)
                .bind(&json)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                (true, false)
            }
            Some(h) if h == hash => (false, false),
            Some(_) => {
                sqlx::query(
                    "UPDATE plans SET source_name = $1, source_hash = $2, plan_json = $3, loaded_at = $4 WHERE municipality_code = $5",
                )
                .bind(source_name)
                .bind(&hash)
                .bind(&json)
                .bind(&now)
                .bind(code)
                .execute(&mut *tx)
                .await?;
                (false, true)
            }
        };
        let mut actions_seeded = 0;
        if created || updated {
            for action in &plan.actions {
                let exists: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM actions WHERE plan_code = $1 AND id = $2")
                        .bind(code)
                        .bind(&action.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_none() {
                    // An action of the plan file was created by the plan's adoption; its dated
                    // follow-up history (if the file has one) comes after.
                    let adopted = format!("{}T12:00:00Z", plan.meta.adopted);
                    insert_action(&mut tx, code, action, "", PLAN_FILE_ACTOR, &adopted).await?;
                    if let Some(history) = plan.action_history.get(&action.id) {
                        crate::actions::seed_history(&mut tx, code, &action.id, history).await?;
                    }
                    actions_seeded += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(PlanLoad {
            created,
            updated,
            actions_seeded,
        })
    }

    /// The stored plan of a municipality, if loaded.
    pub async fn plan(&self, municipality_code: &str) -> Result<Option<Plan>> {
        let row = sqlx::query("SELECT plan_json FROM plans WHERE municipality_code = $1")
            .bind(municipality_code)
            .fetch_optional(self.pool())
            .await?;
        match row {
            None => Ok(None),
            Some(r) => {
                let json: String = r.try_get("plan_json")?;
                Ok(Some(serde_json::from_str(&json)?))
            }
        }
    }

    /// Municipality codes of all stored plans, sorted.
    pub async fn plan_codes(&self) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT municipality_code FROM plans ORDER BY municipality_code")
                .fetch_all(self.pool())
                .await?,
        )
    }
}
