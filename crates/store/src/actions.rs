//! The action plan: current actions, edits with optimistic concurrency, append-only history.
//!
//! Every edit names the version it was based on. The update only applies if the stored version
//! still matches (`UPDATE … WHERE version = $base`); otherwise nothing is written and the caller
//! gets [`UpdateError::Conflict`] with the current action and what changed meanwhile. Each changed
//! field becomes one history row (who, when, field, old → new); the history table refuses UPDATE
//! and DELETE by trigger.

use plan::{Action, ActionOrigin, ActionStatus, Budget, Delivery, Milestone, Priority, Year};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::{Result, Store, StoreError, now_rfc3339};

/// An action as stored now, with its concurrency version.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActionRecord {
    /// The action's current values.
    #[serde(flatten)]
    pub action: Action,
    /// The latest staff comment.
    pub comment: String,
    /// Optional weight in progress roll-ups (default 1).
    pub weight: Option<f64>,
    /// Version; bumped by every change. Edits must name the version they were based on.
    pub version: i64,
    /// When it last changed (RFC 3339, UTC).
    pub updated_at: String,
    /// Who changed it last.
    pub updated_by: String,
}

/// One change to one field of an action.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryEntry {
    /// Position in the global history (increasing).
    pub seq: i64,
    /// The action changed.
    pub action_id: String,
    /// The action version this change produced.
    pub version: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Which field (`created` for the creation of the action).
    pub field: String,
    /// Value before (as text), if any.
    pub old_value: Option<String>,
    /// Value after (as text), if any.
    pub new_value: Option<String>,
}

/// A partial edit of an action: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionPatch {
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New owner.
    pub owner: Option<String>,
    /// New partners.
    pub partners: Option<Vec<String>>,
    /// New start date (`Some(None)` clears it).
    pub start: Option<Option<time::Date>>,
    /// New end date (`Some(None)` clears it).
    pub end: Option<Option<time::Date>>,
    /// New status.
    pub status: Option<ActionStatus>,
    /// New progress 0–100.
    pub progress: Option<u8>,
    /// New comment.
    pub comment: Option<String>,
    /// New set of linked strategies.
    pub strategies: Option<Vec<String>>,
    /// New weight (`Some(None)` clears it).
    pub weight: Option<Option<f64>>,
    /// New cost estimate in kroner (`Some(None)` clears it).
    pub cost_estimate: Option<Option<u64>>,
    /// New budget years.
    pub budget_years: Option<Vec<Year>>,
    /// New funding source.
    pub funding_source: Option<String>,
    /// New handlingsprogram reference.
    pub handlingsprogram: Option<String>,
    /// New contact person.
    pub contact: Option<String>,
    /// New milestones (replaces the list).
    pub milestones: Option<Vec<Milestone>>,
    /// New topp-10 priority (`Some(None)` takes the action out of the selection).
    pub priority: Option<Option<Priority>>,
    /// New set of premise tasks served.
    pub tasks: Option<Vec<String>>,
}

impl ActionPatch {
    /// The budget `current` would have after this patch (milestones and years sorted).
    pub fn budget_of(&self, current: &Budget) -> Budget {
        let mut years = self
            .budget_years
            .clone()
            .unwrap_or_else(|| current.budget_years.clone());
        years.sort();
        years.dedup();
        let mut milestones = self
            .milestones
            .clone()
            .unwrap_or_else(|| current.milestones.clone());
        milestones.sort_by_key(|m| m.date);
        Budget {
            cost_estimate: self.cost_estimate.unwrap_or(current.cost_estimate),
            budget_years: years,
            funding_source: self
                .funding_source
                .clone()
                .unwrap_or_else(|| current.funding_source.clone()),
            handlingsprogram: self
                .handlingsprogram
                .clone()
                .unwrap_or_else(|| current.handlingsprogram.clone()),
            contact: self
                .contact
                .clone()
                .unwrap_or_else(|| current.contact.clone()),
            milestones,
            priority: self
                .priority
                .clone()
                .unwrap_or_else(|| current.priority.clone()),
        }
    }
}

/// Why an edit was not applied.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The action changed since the version the edit was based on; nothing was written.
    #[error("the action was changed by someone else (now version {}); nothing was saved", .current.version)]
    Conflict {
        /// The action as it is now.
        current: Box<ActionRecord>,
        /// The changes made after the edit's base version.
        since: Vec<HistoryEntry>,
    },
    /// An action with this id exists already (also when another writer created it at the same
    /// moment); nothing was written.
    #[error("an action with id `{0}` already exists")]
    Exists(String),
    /// No such action.
    #[error("no action `{0}` in this plan")]
    NotFound(String),
    /// The edit is not valid (unknown strategy, progress out of range, …).
    #[error("{0}")]
    Invalid(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for UpdateError {
    fn from(e: sqlx::Error) -> Self {
        UpdateError::Store(StoreError::Db(e))
    }
}

/// `SELECT <every action column> FROM actions <tail>` as one static string (sqlx wants SQL it can audit).
macro_rules! select_actions {
    ($tail:literal) => {
        concat!(
            "SELECT id, title, description, owner, partners, start_date, end_date, status, progress, deliveries, origin, budget, tasks, comment, weight, version, updated_at, updated_by FROM actions ",
            $tail
        )
    };
}

fn date_text(d: Option<time::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn parse_date(s: Option<String>) -> Result<Option<time::Date>> {
    match s {
        None => Ok(None),
        Some(s) => plan::date::parse(&s)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("bad stored date {s:?}: {e}"))),
    }
}

fn record_from_row(row: &AnyRow, strategies: Vec<String>) -> Result<ActionRecord> {
    let status: String = row.try_get("status")?;
    let deliveries: String = row.try_get("deliveries")?;
    let origin: String = row.try_get("origin")?;
    let partners: String = row.try_get("partners")?;
    let budget: String = row.try_get("budget")?;
    let tasks: String = row.try_get("tasks")?;
    let progress: i64 = row
        .try_get::<i32, _>("progress")
        .map(i64::from)
        .or_else(|_| row.try_get::<i64, _>("progress"))?;
    Ok(ActionRecord {
        action: Action {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            strategies,
            owner: row.try_get("owner")?,
            partners: serde_json::from_str(&partners)?,
            start: parse_date(row.try_get("start_date")?)?,
            end: parse_date(row.try_get("end_date")?)?,
            status: ActionStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown stored status {status:?}")))?,
            progress: u8::try_from(progress)
                .map_err(|_| StoreError::Corrupt(format!("stored progress {progress}")))?,
            deliveries: serde_json::from_str::<Vec<Delivery>>(&deliveries)?,
            origin: serde_json::from_str::<ActionOrigin>(&origin)?,
            budget: serde_json::from_str::<Budget>(&budget)?,
            tasks: serde_json::from_str::<Vec<String>>(&tasks)?,
        },
        comment: row.try_get("comment")?,
        weight: row.try_get("weight")?,
        version: row.try_get("version")?,
        updated_at: row.try_get("updated_at")?,
        updated_by: row.try_get("updated_by")?,
    })
}

fn history_from_row(row: &AnyRow) -> Result<HistoryEntry> {
    Ok(HistoryEntry {
        seq: row.try_get("seq")?,
        action_id: row.try_get("action_id")?,
        version: row.try_get("version")?,
        at: row.try_get("at")?,
        actor: row.try_get("actor")?,
        field: row.try_get("field")?,
        old_value: row.try_get("old_value")?,
        new_value: row.try_get("new_value")?,
    })
}

/// Inserts a new action with its strategy links and a `created` history row (version 1).
pub(crate) async fn insert_action(
    tx: &mut Transaction<'static, Any>,
    plan_code: &str,
    a: &Action,
    comment: &str,
    actor: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO actions (plan_code, id, title, description, owner, partners, start_date, end_date, status, progress, deliveries, origin, comment, weight, version, updated_at, updated_by, budget, tasks) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, 1, $14, $15, $16, $17)",
    )
    .bind(plan_code)
    .bind(&a.id)
    .bind(&a.title)
    .bind(&a.description)
    .bind(&a.owner)
    .bind(serde_json::to_string(&a.partners)?)
    .bind(date_text(a.start))
    .bind(date_text(a.end))
    .bind(a.status.as_str())
    .bind(i32::from(a.progress))
    .bind(serde_json::to_string(&a.deliveries)?)
    .bind(serde_json::to_string(&a.origin)?)
    .bind(comment)
    .bind(now)
    .bind(actor)
    .bind(serde_json::to_string(&a.budget)?)
    .bind(serde_json::to_string(&a.tasks)?)
    .execute(&mut **tx)
    .await?;
    for s in &a.strategies {
        sqlx::query(
            "INSERT INTO action_strategies (plan_code, action_id, strategy_id) VALUES ($1, $2, $3)",
        )
        .bind(plan_code)
        .bind(&a.id)
        .bind(s)
        .execute(&mut **tx)
        .await?;
    }
    append_history(
        tx,
        plan_code,
        &a.id,
        1,
        now,
        actor,
        "created",
        None,
        Some(&a.title),
    )
    .await?;
    Ok(())
}

/// Writes the plan file's dated follow-up history of a newly seeded action (see
/// [`plan::Plan::action_history`]): from the state the action starts in (not started, 0 %, no
/// comment), one history row per changed field at each snapshot's date (noon UTC), each
/// snapshot a new version; the action row gets the last version, date and comment.
pub(crate) async fn seed_history(
    tx: &mut Transaction<'static, Any>,
    plan_code: &str,
    action_id: &str,
    snapshots: &[plan::ActionSnapshot],
) -> Result<()> {
    let mut status = plan::ActionStatus::NotStarted;
    let mut progress: u8 = 0;
    let mut comment = String::new();
    let mut version = 1;
    let mut at = None;
    for snap in snapshots {
        let mut changes: Vec<(&str, String, String)> = Vec::new();
        if snap.status != status {
            changes.push((
                "status",
                status.as_str().into(),
                snap.status.as_str().into(),
            ));
        }
        if snap.progress != progress {
            changes.push(("progress", progress.to_string(), snap.progress.to_string()));
        }
        if let Some(c) = &snap.comment
            && *c != comment
        {
            changes.push(("comment", comment.clone(), c.clone()));
        }
        if changes.is_empty() {
            continue;
        }
        version += 1;
        let when = format!("{}T12:00:00Z", snap.date);
        for (field, old, new) in &changes {
            append_history(
                tx,
                plan_code,
                action_id,
                version,
                &when,
                crate::plans::PLAN_FILE_ACTOR,
                field,
                Some(old),
                Some(new),
            )
            .await?;
        }
        status = snap.status;
        progress = snap.progress;
        if let Some(c) = &snap.comment {
            comment = c.clone();
        }
        at = Some(when);
    }
    if let Some(at) = at {
        sqlx::query(
            "UPDATE actions SET version = $1, updated_at = $2, comment = $3 WHERE plan_code = $4 AND id = $5",
        )
        .bind(version)
        .bind(&at)
        .bind(&comment)
        .bind(plan_code)
        .bind(action_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn append_history(
    tx: &mut Transaction<'static, Any>,
    plan_code: &str,
    action_id: &str,
    version: i64,
    at: &str,
    actor: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO action_history (plan_code, action_id, version, at, actor, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(plan_code)
    .bind(action_id)
    .bind(version)
    .bind(at)
    .bind(actor)
    .bind(field)
    .bind(old)
    .bind(new)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn strategies_of<'e, E>(exec: E, plan_code: &str, action_id: &str) -> Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    Ok(sqlx::query_scalar(
        "SELECT strategy_id FROM action_strategies WHERE plan_code = $1 AND action_id = $2 ORDER BY strategy_id",
    )
    .bind(plan_code)
    .bind(action_id)
    .fetch_all(exec)
    .await?)
}

impl Store {
    /// All actions of a plan, ordered by id (natural order: T2 before T10).
    pub async fn actions(&self, plan_code: &str) -> Result<Vec<ActionRecord>> {
        let rows = sqlx::query(select_actions!("WHERE plan_code = $1"))
            .bind(plan_code)
            .fetch_all(self.pool())
            .await?;
        let links: Vec<(String, String)> = sqlx::query_as(
            "SELECT action_id, strategy_id FROM action_strategies WHERE plan_code = $1 ORDER BY strategy_id",
        )
        .bind(plan_code)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: String = row.try_get("id")?;
            let strategies = links
                .iter()
                .filter(|(a, _)| *a == id)
                .map(|(_, s)| s.clone())
                .collect();
            out.push(record_from_row(row, strategies)?);
        }
        out.sort_by_key(|a| natural_key(&a.action.id));
        Ok(out)
    }

    /// One action.
    pub async fn action(&self, plan_code: &str, id: &str) -> Result<Option<ActionRecord>> {
        let row = sqlx::query(select_actions!("WHERE plan_code = $1 AND id = $2"))
            .bind(plan_code)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        match row {
            None => Ok(None),
            Some(row) => {
                let strategies = strategies_of(self.pool(), plan_code, id).await?;
                Ok(Some(record_from_row(&row, strategies)?))
            }
        }
    }

    /// The history of one action, oldest first.
    pub async fn history(&self, plan_code: &str, action_id: &str) -> Result<Vec<HistoryEntry>> {
        let rows = sqlx::query(
            "SELECT seq, action_id, version, at, actor, field, old_value, new_value FROM action_history WHERE plan_code = $1 AND action_id = $2 ORDER BY seq",
        )
        .bind(plan_code)
        .bind(action_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(history_from_row).collect()
    }

    /// The latest `limit` changes across all actions of a plan, newest first.
    pub async fn recent_history(&self, plan_code: &str, limit: i64) -> Result<Vec<HistoryEntry>> {
        let rows = sqlx::query(
            "SELECT seq, action_id, version, at, actor, field, old_value, new_value FROM action_history WHERE plan_code = $1 ORDER BY seq DESC LIMIT $2",
        )
        .bind(plan_code)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(history_from_row).collect()
    }

    /// Creates a new action (version 1). Fails if the id exists or a strategy is unknown.
    pub async fn create_action(
        &self,
        plan_code: &str,
        action: &Action,
        actor: &str,
    ) -> Result<ActionRecord, UpdateError> {
        let plan = self
            .plan(plan_code)
            .await?
            .ok_or_else(|| UpdateError::Invalid(format!("no plan for municipality {plan_code}")))?;
        check_new(action)?;
        check_strategies(&plan, &action.strategies)?;
        check_tasks(&plan, &action.tasks)?;
        let mut tx = self.begin_write().await?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM actions WHERE plan_code = $1 AND id = $2")
                .bind(plan_code)
                .bind(&action.id)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_some() {
            return Err(UpdateError::Exists(action.id.clone()));
        }
        match insert_action(&mut tx, plan_code, action, "", actor, &now_rfc3339()).await {
            Err(e) if crate::is_unique_violation(&e) => {
                return Err(UpdateError::Exists(action.id.clone()));
            }
            r => r?,
        }
        tx.commit().await?;
        self.action(plan_code, &action.id)
            .await?
            .ok_or_else(|| UpdateError::NotFound(action.id.clone()))
    }

    /// Applies `patch` to an action if its stored version is still `base_version`.
    ///
    /// Writes one history row per changed field, all with the new version, in one transaction.
    /// A patch that changes nothing returns the action unchanged (no new version).
    pub async fn update_action(
        &self,
        plan_code: &str,
        action_id: &str,
        base_version: i64,
        patch: &ActionPatch,
        actor: &str,
    ) -> Result<ActionRecord, UpdateError> {
        check_patch(patch)?;
        if patch.strategies.is_some() || patch.tasks.is_some() {
            let plan = self.plan(plan_code).await?.ok_or_else(|| {
                UpdateError::Invalid(format!("no plan for municipality {plan_code}"))
            })?;
            if let Some(strategies) = &patch.strategies {
                check_strategies(&plan, strategies)?;
            }
            if let Some(tasks) = &patch.tasks {
                check_tasks(&plan, tasks)?;
            }
        }
        let current = self
            .action(plan_code, action_id)
            .await?
            .ok_or_else(|| UpdateError::NotFound(action_id.to_string()))?;
        if current.version != base_version {
            return Err(self.conflict(plan_code, action_id, base_version).await);
        }
        check_patched_dates(&current.action, patch)?;
        let changes = diff(&current, patch);
        if changes.fields.is_empty() {
            return Ok(current);
        }
        let mut tx = self.begin_write().await?;
        let applied = write_update(
            &mut tx,
            plan_code,
            &current,
            patch,
            &changes,
            actor,
            &now_rfc3339(),
        )
        .await?;
        if !applied {
            // Someone committed between our read and our write.
            tx.rollback().await?;
            return Err(self.conflict(plan_code, action_id, base_version).await);
        }
        tx.commit().await?;
        self.action(plan_code, action_id)
            .await?
            .ok_or_else(|| UpdateError::NotFound(action_id.to_string()))
    }

    async fn conflict(&self, plan_code: &str, action_id: &str, base_version: i64) -> UpdateError {
        let current = match self.action(plan_code, action_id).await {
            Ok(Some(c)) => c,
            Ok(None) => return UpdateError::NotFound(action_id.to_string()),
            Err(e) => return e.into(),
        };
        let since = match self.history(plan_code, action_id).await {
            Ok(h) => h.into_iter().filter(|h| h.version > base_version).collect(),
            Err(e) => return e.into(),
        };
        UpdateError::Conflict {
            current: Box::new(current),
            since,
        }
    }
}

/// Checks the parts of a patch that need no store: progress range, non-empty title.
/// Largest weight an action may carry. Weights are relative, so this is far above any real use
/// and keeps weighted sums finite (issue 21: ±1e308 made the progress page show "NaN %").
pub const MAX_WEIGHT: f64 = 1_000_000.0;

/// An action id: 1–64 visible characters, none of them a space, `/`, `?` or `#` (it is part of
/// URLs). One rule for the API, the staff form and the import (issue 21: ids with NUL, newline
/// and tab were accepted through the API).
pub fn check_id(id: &str) -> Result<(), UpdateError> {
    if id.is_empty()
        || id.chars().count() > 64
        || id
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '/' | '?' | '#'))
    {
        return Err(UpdateError::Invalid(format!(
            "the id {id:?} must be 1–64 visible characters without spaces, /, ? or #"
        )));
    }
    Ok(())
}

/// A weight: a finite number from 0 to [`MAX_WEIGHT`].
pub fn check_weight(w: f64) -> Result<(), UpdateError> {
    if w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w) {
        Ok(())
    } else {
        Err(UpdateError::Invalid(format!(
            "the weight {w} must be a number from 0 to {MAX_WEIGHT}"
        )))
    }
}

/// The end may not come before the start.
pub fn check_dates(start: Option<time::Date>, end: Option<time::Date>) -> Result<(), UpdateError> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(UpdateError::Invalid(format!(
            "the end {e} is before the start {s}"
        ))),
        _ => Ok(()),
    }
}

/// The dates an action would have after `patch`, checked.
pub(crate) fn check_patched_dates(
    current: &Action,
    patch: &ActionPatch,
) -> Result<(), UpdateError> {
    check_dates(
        patch.start.unwrap_or(current.start),
        patch.end.unwrap_or(current.end),
    )
}

/// Everything about a new action that does not need the store: id, title, progress, dates.
pub fn check_new(action: &Action) -> Result<(), UpdateError> {
    check_id(&action.id)?;
    if action.title.trim().is_empty() {
        return Err(UpdateError::Invalid("the title may not be empty".into()));
    }
    if action.progress > 100 {
        return Err(UpdateError::Invalid(format!(
            "progress {} is out of range 0–100",
            action.progress
        )));
    }
    check_budget(&action.budget)?;
    check_dates(action.start, action.end)
}

/// The budget cycle's values: years of four digits (1900–2200), milestones with a title.
pub fn check_budget(b: &Budget) -> Result<(), UpdateError> {
    let ok = |y: Year| (1900..=2200).contains(&y);
    if let Some(y) = b.budget_years.iter().find(|y| !ok(**y)) {
        return Err(UpdateError::Invalid(format!(
            "budget year {y} is not a year from 1900 to 2200"
        )));
    }
    if let Some(p) = &b.priority
        && !ok(p.year)
    {
        return Err(UpdateError::Invalid(format!(
            "priority year {} is not a year from 1900 to 2200",
            p.year
        )));
    }
    if b.milestones.iter().any(|m| m.title.trim().is_empty()) {
        return Err(UpdateError::Invalid("a milestone needs a title".into()));
    }
    Ok(())
}

pub(crate) fn check_patch(patch: &ActionPatch) -> Result<(), UpdateError> {
    check_budget(&patch.budget_of(&Budget::default()))?;
    if let Some(Some(w)) = patch.weight {
        check_weight(w)?;
    }
    if let Some(p) = patch.progress
        && p > 100
    {
        return Err(UpdateError::Invalid(format!(
            "progress {p} is out of range 0–100"
        )));
    }
    if let Some(title) = &patch.title
        && title.trim().is_empty()
    {
        return Err(UpdateError::Invalid("the title may not be empty".into()));
    }
    Ok(())
}

/// What a patch changes on an action: one entry per changed field (field, old, new), and the
/// new strategy set (sorted, deduplicated) if the patch names one.
pub(crate) struct Changes {
    pub(crate) fields: Vec<(&'static str, Option<String>, Option<String>)>,
    pub(crate) strategies: Option<Vec<String>>,
    pub(crate) tasks: Option<Vec<String>>,
}

/// What `patch` would change on `current`: (field, old, new) for each changed field, by the
/// same rule as [`Store::update_action`] and [`Store::apply_action_batch`] (an empty list: the
/// patch changes nothing). Pure; for previews.
pub fn changed_fields(
    current: &ActionRecord,
    patch: &ActionPatch,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    diff(current, patch).fields
}

/// Compares a patch with the current action. Pure.
pub(crate) fn diff(current: &ActionRecord, patch: &ActionPatch) -> Changes {
    let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
    let a = &current.action;
    let mut text = |field: &'static str, old: &str, new: &Option<String>| {
        if let Some(n) = new
            && n != old
        {
            changes.push((field, Some(old.to_string()), Some(n.clone())));
        }
    };
    text("title", &a.title, &patch.title);
    text("description", &a.description, &patch.description);
    text("owner", &a.owner, &patch.owner);
    text("comment", &current.comment, &patch.comment);
    if let Some(s) = patch.status
        && s != a.status
    {
        changes.push((
            "status",
            Some(a.status.as_str().into()),
            Some(s.as_str().into()),
        ));
    }
    if let Some(p) = patch.progress
        && p != a.progress
    {
        changes.push((
            "progress",
            Some(a.progress.to_string()),
            Some(p.to_string()),
        ));
    }
    if let Some(d) = patch.start
        && d != a.start
    {
        changes.push(("start", date_text(a.start), date_text(d)));
    }
    if let Some(d) = patch.end
        && d != a.end
    {
        changes.push(("end", date_text(a.end), date_text(d)));
    }
    if let Some(p) = &patch.partners
        && *p != a.partners
    {
        changes.push(("partners", Some(a.partners.join(", ")), Some(p.join(", "))));
    }
    let new_strategies = patch.strategies.as_ref().map(|s| {
        let mut s = s.clone();
        s.sort();
        s.dedup();
        s
    });
    if let Some(s) = &new_strategies
        && *s != a.strategies
    {
        changes.push((
            "strategies",
            Some(a.strategies.join(", ")),
            Some(s.join(", ")),
        ));
    }
    if let Some(w) = patch.weight
        && w != current.weight
    {
        changes.push((
            "weight",
            current.weight.map(|x| x.to_string()),
            w.map(|x| x.to_string()),
        ));
    }
    let new_tasks = patch.tasks.as_ref().map(|t| {
        let mut t = t.clone();
        t.sort();
        t.dedup();
        t
    });
    if let Some(t) = &new_tasks
        && *t != a.tasks
    {
        changes.push(("tasks", Some(a.tasks.join(", ")), Some(t.join(", "))));
    }
    // The budget cycle, field by field (issue 20): each change a history row of its own.
    let old = &a.budget;
    let new = patch.budget_of(old);
    let mut field = |name: &'static str, o: String, n: String| {
        if o != n {
            changes.push((name, Some(o), Some(n)));
        }
    };
    let cost = |c: Option<u64>| c.map(|c| c.to_string()).unwrap_or_default();
    field(
        "cost_estimate",
        cost(old.cost_estimate),
        cost(new.cost_estimate),
    );
    field(
        "budget_years",
        plan::years_text(&old.budget_years),
        plan::years_text(&new.budget_years),
    );
    field(
        "funding_source",
        old.funding_source.clone(),
        new.funding_source.clone(),
    );
    field(
        "handlingsprogram",
        old.handlingsprogram.clone(),
        new.handlingsprogram.clone(),
    );
    field("contact", old.contact.clone(), new.contact.clone());
    field(
        "milestones",
        Milestone::list_text(&old.milestones, "; "),
        Milestone::list_text(&new.milestones, "; "),
    );
    let prio = |p: &Option<Priority>| p.as_ref().map(Priority::to_text).unwrap_or_default();
    field("priority", prio(&old.priority), prio(&new.priority));
    Changes {
        fields: changes,
        strategies: new_strategies,
        tasks: new_tasks,
    }
}

/// Writes a non-empty change set inside `tx`: the row (only if its version is still
/// `current.version`), the strategy links and one history row per field. Returns false, having
/// written nothing, when the version moved on.
pub(crate) async fn write_update(
    tx: &mut Transaction<'static, Any>,
    plan_code: &str,
    current: &ActionRecord,
    patch: &ActionPatch,
    changes: &Changes,
    actor: &str,
    now: &str,
) -> Result<bool> {
    let a = &current.action;
    let action_id = &a.id;
    let base_version = current.version;
    let new_version = base_version + 1;
    let res = sqlx::query(
        "UPDATE actions SET title = $1, description = $2, owner = $3, partners = $4, start_date = $5, end_date = $6, status = $7, progress = $8, comment = $9, weight = $10, version = $11, updated_at = $12, updated_by = $13, budget = $17, tasks = $18 \
         WHERE plan_code = $14 AND id = $15 AND version = $16",
    )
    .bind(patch.title.as_ref().unwrap_or(&a.title))
    .bind(patch.description.as_ref().unwrap_or(&a.description))
    .bind(patch.owner.as_ref().unwrap_or(&a.owner))
    .bind(serde_json::to_string(patch.partners.as_ref().unwrap_or(&a.partners))?)
    .bind(date_text(patch.start.unwrap_or(a.start)))
    .bind(date_text(patch.end.unwrap_or(a.end)))
    .bind(patch.status.unwrap_or(a.status).as_str())
    .bind(i32::from(patch.progress.unwrap_or(a.progress)))
    .bind(patch.comment.as_ref().unwrap_or(&current.comment))
    .bind(patch.weight.unwrap_or(current.weight))
    .bind(new_version)
    .bind(now)
    .bind(actor)
    .bind(plan_code)
    .bind(action_id)
    .bind(base_version)
    .bind(serde_json::to_string(&patch.budget_of(&a.budget))?)
    .bind(serde_json::to_string(
        changes.tasks.as_ref().unwrap_or(&a.tasks),
    )?)
    .execute(&mut **tx)
    .await?;
    if res.rows_affected() != 1 {
        return Ok(false);
    }
    if let Some(s) = &changes.strategies {
        sqlx::query("DELETE FROM action_strategies WHERE plan_code = $1 AND action_id = $2")
            .bind(plan_code)
            .bind(action_id)
            .execute(&mut **tx)
            .await?;
        for sid in s {
            sqlx::query(
                "INSERT INTO action_strategies (plan_code, action_id, strategy_id) VALUES ($1, $2, $3)",
            )
            .bind(plan_code)
            .bind(action_id)
            .bind(sid)
            .execute(&mut **tx)
            .await?;
        }
    }
    for (field, old, new) in &changes.fields {
        append_history(
            tx,
            plan_code,
            action_id,
            new_version,
            now,
            actor,
            field,
            old.as_deref(),
            new.as_deref(),
        )
        .await?;
    }
    Ok(true)
}

/// Every task id names a premise task of the plan.
pub(crate) fn check_tasks(plan: &plan::Plan, ids: &[String]) -> Result<(), UpdateError> {
    for id in ids {
        if !plan.tasks().any(|t| &t.id == id) {
            return Err(UpdateError::Invalid(format!(
                "unknown task `{id}`: not in the plan"
            )));
        }
    }
    Ok(())
}

pub(crate) fn check_strategies(plan: &plan::Plan, ids: &[String]) -> Result<(), UpdateError> {
    for id in ids {
        if !plan.strategies().any(|s| &s.id == id) {
            return Err(UpdateError::Invalid(format!(
                "unknown strategy `{id}`: not in the plan"
            )));
        }
    }
    Ok(())
}

/// Sort key that orders `T2` before `T10`.
fn natural_key(id: &str) -> (String, u64, String) {
    let prefix: String = id.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits: String = id[prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let rest = id[prefix.len() + digits.len()..].to_string();
    (prefix, digits.parse().unwrap_or(0), rest)
}

/// One row of a batch of action changes (an import of the action plan).
#[derive(Debug, Clone, PartialEq)]
pub enum BatchItem {
    /// Create a new action (its id must not exist).
    Create(Action),
    /// Patch an existing action; with `base_version`, only if it is still at that version.
    Update {
        /// The action.
        id: String,
        /// The version the row was based on (e.g. from an export); None: whatever is current.
        base_version: Option<i64>,
        /// The new values.
        patch: ActionPatch,
    },
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Actions created.
    pub created: usize,
    /// Actions changed.
    pub updated: usize,
    /// Rows that changed nothing.
    pub unchanged: usize,
}

/// Why a batch was not applied. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// Some rows are invalid: (row label, message) for each, in input order.
    #[error("{} row(s) refused; nothing was imported", .0.len())]
    Rows(Vec<(usize, String)>),
    /// Another writer got there first while the batch was written (it created an action with
    /// the same id, or changed one): (row label, message). Nothing was imported; trying again
    /// sees the new state.
    #[error("{1} (row {0}); nothing was imported")]
    Conflict(usize, String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for BatchError {
    fn from(e: sqlx::Error) -> Self {
        BatchError::Store(StoreError::Db(e))
    }
}

impl Store {
    /// Applies a batch of creations and edits in one transaction: every row is checked first,
    /// and if any is refused (unknown strategy, stale version, duplicate id, …) nothing is
    /// written and every refused row is reported with its label (`items[i].0`, e.g. its row
    /// number in the file). Each change is recorded in the history like a single edit.
    pub async fn apply_action_batch(
        &self,
        plan_code: &str,
        items: &[(usize, BatchItem)],
        actor: &str,
    ) -> Result<BatchReport, BatchError> {
        let plan = self
            .plan(plan_code)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no plan for municipality {plan_code}")))?;
        let current: std::collections::HashMap<String, ActionRecord> = self
            .actions(plan_code)
            .await?
            .into_iter()
            .map(|a| (a.action.id.clone(), a))
            .collect();
        let mut errors = Vec::new();
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (row, item) in items {
            let id = match item {
                BatchItem::Create(a) => &a.id,
                BatchItem::Update { id, .. } => id,
            };
            if let Some(first) = seen.insert(id.as_str(), *row) {
                errors.push((
                    *row,
                    format!("action {id} appears again (first on row {first})"),
                ));
                continue;
            }
            let checked = match item {
                BatchItem::Create(a) => {
                    if current.contains_key(&a.id) {
                        Err(UpdateError::Invalid(format!(
                            "action {} already exists",
                            a.id
                        )))
                    } else {
                        check_new(a)
                            .and_then(|_| check_strategies(&plan, &a.strategies))
                            .and_then(|_| check_tasks(&plan, &a.tasks))
                    }
                }
                BatchItem::Update {
                    id,
                    base_version,
                    patch,
                } => match current.get(id) {
                    None => Err(UpdateError::NotFound(id.clone())),
                    Some(c) => match base_version {
                        Some(v) if *v != c.version => Err(UpdateError::Invalid(format!(
                            "action {id} was changed since version {v} (now version {}, by {} at {})",
                            c.version, c.updated_by, c.updated_at
                        ))),
                        _ => check_patch(patch)
                            .and_then(|_| check_patched_dates(&c.action, patch))
                            .and_then(|_| match &patch.strategies {
                                Some(s) => check_strategies(&plan, s),
                                None => Ok(()),
                            })
                            .and_then(|_| match &patch.tasks {
                                Some(t) => check_tasks(&plan, t),
                                None => Ok(()),
                            }),
                    },
                },
            };
            if let Err(e) = checked {
                errors.push((*row, e.to_string()));
            }
        }
        if !errors.is_empty() {
            return Err(BatchError::Rows(errors));
        }

        let now = now_rfc3339();
        let mut report = BatchReport::default();
        let mut tx = self.begin_write().await?;
        for (row, item) in items {
            match item {
                BatchItem::Create(a) => {
                    match insert_action(&mut tx, plan_code, a, "", actor, &now).await {
                        Err(e) if crate::is_unique_violation(&e) => {
                            tx.rollback().await?;
                            return Err(BatchError::Conflict(
                                *row,
                                format!(
                                    "action {} was created by someone else during the import",
                                    a.id
                                ),
                            ));
                        }
                        r => r?,
                    }
                    report.created += 1;
                }
                BatchItem::Update { id, patch, .. } => {
                    let Some(c) = current.get(id) else { continue };
                    let changes = diff(c, patch);
                    if changes.fields.is_empty() {
                        report.unchanged += 1;
                        continue;
                    }
                    if !write_update(&mut tx, plan_code, c, patch, &changes, actor, &now).await? {
                        tx.rollback().await?;
                        return Err(BatchError::Conflict(
                            *row,
                            format!("action {id} was changed by someone else during the import"),
                        ));
                    }
                    report.updated += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}
