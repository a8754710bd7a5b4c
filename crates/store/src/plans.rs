//! Loading a plan into the store and reading it back; a municipality's plan versions; actions
//! carried over from one version to the next.
//!
//! A plan is stored as the validated plan (JSON) with the hash of its source file, under its
//! *key* (`plan_code` in every plan-specific table). A plan version is identified by its
//! municipality, adoption date and period: loading a plan file with a new (adopted, period) for
//! a municipality that has a plan adds a version beside the old one, which stays as it was. The
//! first plan of a municipality is keyed by the municipality code (so stores made before plan
//! versions keep their keys); a later one by `{code}-{first year}-{last year}` (with the adoption
//! date appended should two versions share a period). A key always begins with the municipality
//! code ([`municipality_of`]). The newest version (latest period start, then adoption) is the
//! municipality's current plan.
//!
//! On first load a plan's actions are seeded into the `actions` table; after that the store is
//! authoritative for actions (staff edit them there), so reloading a changed plan file updates the
//! plan text but only adds actions the store does not have yet — it never overwrites an edited
//! action or its history.

use plan::Plan;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::actions::{ActionRecord, UpdateError, insert_action};
use crate::{Result, Store, StoreError, now_rfc3339};

/// What loading a plan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLoad {
    /// The plan was not in the store before.
    pub created: bool,
    /// The plan was there, and its source file has changed since.
    pub updated: bool,
    /// Number of actions added from the plan file.
    pub actions_seeded: usize,
    /// The plan's key in the store (see the module documentation).
    pub key: String,
}

/// One stored plan version of a municipality.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanVersion {
    /// The plan's key (`plan_code`).
    pub key: String,
    /// The municipality's code.
    pub municipality_code: String,
    /// The plan's title in Norwegian.
    pub title: String,
    /// The plan's title in English.
    pub title_en: String,
    /// Date of adoption (`YYYY-MM-DD`).
    pub adopted: String,
    /// First year of the period.
    pub period_start: i32,
    /// Last year of the period.
    pub period_end: i32,
    /// When the plan file was last loaded (RFC 3339, UTC).
    pub loaded_at: String,
    /// Number of actions stored for it.
    pub actions: i64,
}

/// A link between an action and the action it was carried over to (or from).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CarryOver {
    /// The earlier plan's key.
    pub from_plan: String,
    /// The action in the earlier plan.
    pub from_action: String,
    /// The later plan's key.
    pub to_plan: String,
    /// The new action in the later plan.
    pub to_action: String,
    /// When it was carried over (RFC 3339, UTC).
    pub at: String,
    /// Who carried it over.
    pub actor: String,
}

/// The municipality code a plan key begins with (the key itself for a municipality's first plan).
pub fn municipality_of(key: &str) -> &str {
    key.split_once('-').map_or(key, |(code, _)| code)
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
        let m = &plan.meta;
        let code = &m.municipality_code;
        let adopted = m.adopted.to_string();
        let json = serde_json::to_string(plan)?;
        let mut tx = self.begin_write().await?;
        let existing: Option<(String, String)> = sqlx::query_as(
            "SELECT plan_code, source_hash FROM plans WHERE municipality_code = $1 AND adopted = $2 AND period_start = $3 AND period_end = $4",
        )
        .bind(code)
        .bind(&adopted)
        .bind(m.period_start)
        .bind(m.period_end)
        .fetch_optional(&mut *tx)
        .await?;
        let now = now_rfc3339();
        let (key, created, updated) = match existing {
            None => {
                let taken: Vec<String> =
                    sqlx::query_scalar("SELECT plan_code FROM plans WHERE municipality_code = $1")
                        .bind(code)
                        .fetch_all(&mut *tx)
                        .await?;
                let key = if taken.is_empty() {
                    code.clone()
                } else {
                    let by_period = format!("{code}-{}-{}", m.period_start, m.period_end);
                    if taken.contains(&by_period) {
                        format!("{by_period}-{adopted}")
                    } else {
                        by_period
                    }
                };
                sqlx::query(
                    "INSERT INTO plans (plan_code, municipality_code, adopted, period_start, period_end, source_name, source_hash, plan_json, loaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&key)
                .bind(code)
                .bind(&adopted)
                .bind(m.period_start)
                .bind(m.period_end)
                .bind(source_name)
                .bind(&hash)
                .bind(&json)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                (key, true, false)
            }
            Some((key, h)) if h == hash => (key, false, false),
            Some((key, _)) => {
                sqlx::query(
                    "UPDATE plans SET source_name = $1, source_hash = $2, plan_json = $3, loaded_at = $4 WHERE plan_code = $5",
                )
                .bind(source_name)
                .bind(&hash)
                .bind(&json)
                .bind(&now)
                .bind(&key)
                .execute(&mut *tx)
                .await?;
                (key, false, true)
            }
        };
        let code = &key;
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
            key: key.clone(),
        })
    }

    /// The stored plan with this key, if loaded.
    pub async fn plan(&self, key: &str) -> Result<Option<Plan>> {
        let row = sqlx::query("SELECT plan_json FROM plans WHERE plan_code = $1")
            .bind(key)
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

    /// Keys of all stored plans, sorted.
    pub async fn plan_codes(&self) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT plan_code FROM plans ORDER BY plan_code")
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// The key of a stored plan version: the one with this plan's municipality, adoption date
    /// and period. `None` if that version is not stored.
    pub async fn plan_key(&self, plan: &Plan) -> Result<Option<String>> {
        let m = &plan.meta;
        Ok(sqlx::query_scalar(
            "SELECT plan_code FROM plans WHERE municipality_code = $1 AND adopted = $2 AND period_start = $3 AND period_end = $4",
        )
        .bind(&m.municipality_code)
        .bind(m.adopted.to_string())
        .bind(m.period_start)
        .bind(m.period_end)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The key of a stored plan version, or the municipality code when the plan is not stored
    /// (what a store without versions used): for reading a plan's actions, reports and links.
    pub async fn plan_key_or_code(&self, plan: &Plan) -> Result<String> {
        Ok(self
            .plan_key(plan)
            .await?
            .unwrap_or_else(|| plan.meta.municipality_code.clone()))
    }

    /// Every stored plan version of a municipality, oldest first (by period start, then
    /// adoption); the last is the current plan.
    pub async fn plan_versions(&self, municipality_code: &str) -> Result<Vec<PlanVersion>> {
        let rows = sqlx::query(
            "SELECT p.plan_code, p.municipality_code, p.adopted, p.period_start, p.period_end, p.loaded_at, p.plan_json, \
             (SELECT COUNT(*) FROM actions a WHERE a.plan_code = p.plan_code) AS n \
             FROM plans p WHERE p.municipality_code = $1 ORDER BY p.period_start, p.adopted, p.plan_code",
        )
        .bind(municipality_code)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let plan: Plan = serde_json::from_str(&r.try_get::<String, _>("plan_json")?)?;
            out.push(PlanVersion {
                key: r.try_get("plan_code")?,
                municipality_code: r.try_get("municipality_code")?,
                title: plan.meta.title.nb.clone(),
                title_en: plan
                    .meta
                    .title
                    .en
                    .clone()
                    .unwrap_or_else(|| plan.meta.title.nb.clone()),
                adopted: r.try_get("adopted")?,
                period_start: int(r, "period_start")?,
                period_end: int(r, "period_end")?,
                loaded_at: r.try_get("loaded_at")?,
                actions: r.try_get("n")?,
            });
        }
        Ok(out)
    }

    /// Carries an action of one plan version over to a later version of the same municipality:
    /// a new action `new_id` in `to_plan` with the action's current values (status, progress,
    /// dates, comment, weight) and those of its strategies that the later plan has, created by
    /// `actor` with a `carried_over_from` history row, and a link to the old action, whose own
    /// row and history stay as they were. One transaction: on any refusal nothing is written.
    pub async fn carry_over(
        &self,
        from_plan: &str,
        action_id: &str,
        to_plan: &str,
        new_id: &str,
        actor: &str,
    ) -> Result<ActionRecord, UpdateError> {
        let old = self
            .action(from_plan, action_id)
            .await?
            .ok_or_else(|| UpdateError::NotFound(action_id.to_string()))?;
        let from = self.plan(from_plan).await?.ok_or_else(|| {
            UpdateError::Invalid(format!("planen {from_plan} finnes ikke i databasen"))
        })?;
        let to = self.plan(to_plan).await?.ok_or_else(|| {
            UpdateError::Invalid(format!("planen {to_plan} finnes ikke i databasen"))
        })?;
        if from.meta.municipality_code != to.meta.municipality_code {
            return Err(UpdateError::Invalid(format!(
                "planen {to_plan} gjelder en annen kommune ({}) enn planen {from_plan} ({})",
                to.meta.municipality_code, from.meta.municipality_code
            )));
        }
        if (to.meta.period_start, to.meta.adopted) <= (from.meta.period_start, from.meta.adopted) {
            return Err(UpdateError::Invalid(format!(
                "tiltak kan bare videreføres til en senere plan: {to_plan} ({}–{}) er ikke senere enn {from_plan} ({}–{})",
                to.meta.period_start,
                to.meta.period_end,
                from.meta.period_start,
                from.meta.period_end
            )));
        }
        let mut action = old.action.clone();
        action.id = new_id.to_string();
        action
            .strategies
            .retain(|s| to.strategies().any(|t| &t.id == s));
        crate::actions::check_new(&action)?;
        let mut tx = self.begin_write().await?;
        let carried: Option<String> = sqlx::query_scalar(
            "SELECT to_action FROM action_carryovers WHERE from_plan = $1 AND from_action = $2 AND to_plan = $3",
        )
        .bind(from_plan)
        .bind(action_id)
        .bind(to_plan)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(t) = carried {
            return Err(UpdateError::Invalid(format!(
                "tiltak {action_id} er allerede videreført til planen {to_plan} som tiltak {t}"
            )));
        }
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM actions WHERE plan_code = $1 AND id = $2")
                .bind(to_plan)
                .bind(new_id)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_some() {
            return Err(UpdateError::Exists(new_id.to_string()));
        }
        let now = now_rfc3339();
        let inserted = async {
            insert_action(&mut tx, to_plan, &action, &old.comment, actor, &now).await?;
            sqlx::query("UPDATE actions SET weight = $1 WHERE plan_code = $2 AND id = $3")
                .bind(old.weight)
                .bind(to_plan)
                .bind(new_id)
                .execute(&mut *tx)
                .await?;
            crate::actions::append_history(
                &mut tx,
                to_plan,
                new_id,
                1,
                &now,
                actor,
                "carried_over_from",
                None,
                Some(format!("{from_plan}/{action_id}").as_str()),
            )
            .await?;
            sqlx::query(
                "INSERT INTO action_carryovers (from_plan, from_action, to_plan, to_action, at, actor) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(from_plan)
            .bind(action_id)
            .bind(to_plan)
            .bind(new_id)
            .bind(&now)
            .bind(actor)
            .execute(&mut *tx)
            .await?;
            Ok::<_, StoreError>(())
        }
        .await;
        match inserted {
            Err(e) if e.is_unique_violation() => return Err(UpdateError::Exists(new_id.into())),
            r => r?,
        }
        tx.commit().await?;
        self.action(to_plan, new_id)
            .await?
            .ok_or_else(|| UpdateError::NotFound(new_id.to_string()))
    }

    /// The links of an action: where it was carried over from (if it was) and where to.
    pub async fn carry_overs(
        &self,
        plan_key: &str,
        action_id: &str,
    ) -> Result<(Option<CarryOver>, Vec<CarryOver>)> {
        let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
            "SELECT from_plan, from_action, to_plan, to_action, at, actor FROM action_carryovers \
             WHERE (from_plan = $1 AND from_action = $2) OR (to_plan = $1 AND to_action = $2) ORDER BY at",
        )
        .bind(plan_key)
        .bind(action_id)
        .fetch_all(self.pool())
        .await?;
        let mut from = None;
        let mut to = Vec::new();
        for (from_plan, from_action, to_plan, to_action, at, actor) in rows {
            let c = CarryOver {
                from_plan,
                from_action,
                to_plan,
                to_action,
                at,
                actor,
            };
            if c.to_plan == plan_key && c.to_action == action_id {
                from = Some(c);
            } else {
                to.push(c);
            }
        }
        Ok((from, to))
    }

    /// Every carry-over out of a plan version (to any later one).
    pub async fn carried_out_of(&self, plan_key: &str) -> Result<Vec<CarryOver>> {
        let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
            "SELECT from_plan, from_action, to_plan, to_action, at, actor FROM action_carryovers WHERE from_plan = $1 ORDER BY from_action",
        )
        .bind(plan_key)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(from_plan, from_action, to_plan, to_action, at, actor)| CarryOver {
                    from_plan,
                    from_action,
                    to_plan,
                    to_action,
                    at,
                    actor,
                },
            )
            .collect())
    }
}

/// An integer column read as `i32` (SQLite gives `i64`, PostgreSQL `i32`).
fn int(row: &sqlx::any::AnyRow, col: &str) -> Result<i32> {
    match row.try_get::<i32, _>(col) {
        Ok(v) => Ok(v),
        Err(_) => {
            let v: i64 = row.try_get(col)?;
            i32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{col} {v} out of range")))
        }
    }
}
