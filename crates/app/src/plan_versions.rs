//! A municipality's plan versions (issue 22 item 5): which is current, which have ended, which
//! follows which, and carrying an action over from an earlier version to a later one.
//!
//! A version is identified by its municipality, adoption date and period (`store::plans`); the
//! newest (latest period start, then adoption) is current. An older version stays readable with
//! its actions, history, assessments and final reports; an action moves on only when staff carry
//! it over explicitly, and then as a new action of the later plan that links to the old one.

use store::plans::{CarryOver, PlanVersion, municipality_of};
use store::{ActionRecord, Store, UpdateError};

use crate::AppError;

/// The versions of the municipality of `plan_key`, oldest first; the last is current.
pub async fn versions(store: &Store, plan_key: &str) -> Result<Vec<PlanVersion>, AppError> {
    Ok(store.plan_versions(municipality_of(plan_key)).await?)
}

/// The key of the current (newest) version of the municipality of `plan_key`; `plan_key` itself
/// when no version is stored.
pub async fn current_key(store: &Store, plan_key: &str) -> Result<String, AppError> {
    Ok(versions(store, plan_key)
        .await?
        .pop()
        .map_or_else(|| plan_key.to_string(), |v| v.key))
}

/// The version right after `key` in `versions` (oldest first), if any.
pub fn successor<'a>(versions: &'a [PlanVersion], key: &str) -> Option<&'a PlanVersion> {
    let at = versions.iter().position(|v| v.key == key)?;
    versions.get(at + 1)
}

/// Whether a version's period has ended by `year` (today's year).
pub fn ended(version: &PlanVersion, year: i32) -> bool {
    year > version.period_end
}

/// What a carry-over asks for.
#[derive(Debug, Clone)]
pub struct CarryRequest<'a> {
    /// The key of the plan the action is in.
    pub from_plan: &'a str,
    /// The action's id there.
    pub action_id: &'a str,
    /// The later plan (`None`: the municipality's current plan).
    pub to_plan: Option<&'a str>,
    /// The new action's id (`None`: the same id).
    pub new_id: Option<&'a str>,
    /// Who carries it over (recorded in the history).
    pub actor: &'a str,
}

/// Carries an action over to a later plan of the same municipality (see
/// [`Store::carry_over`]): one transaction; a refusal (unknown plan or action, not a later plan,
/// carried there already, the id taken) writes nothing and says why in Norwegian.
pub async fn carry_over(
    store: &Store,
    req: &CarryRequest<'_>,
) -> Result<ActionRecord, UpdateError> {
    let to = match req.to_plan {
        Some(k) => k.to_string(),
        None => current_key(store, req.from_plan)
            .await
            .map_err(|e| UpdateError::Invalid(e.to_string()))?,
    };
    if to == req.from_plan {
        return Err(UpdateError::Invalid(format!(
            "planen {to} er den gjeldende planen; et tiltak kan bare videreføres til en senere plan"
        )));
    }
    let new_id = req
        .new_id
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .unwrap_or(req.action_id);
    match store
        .carry_over(req.from_plan, req.action_id, &to, new_id, req.actor)
        .await
    {
        Err(UpdateError::Exists(id)) => Err(UpdateError::Invalid(format!(
            "planen {to} har allerede et tiltak {id}; velg en annen id for tiltaket i den nye planen"
        ))),
        r => r,
    }
}

/// Every action of the plan `plan_key` and, for each, where it was carried over to (if it was).
pub async fn actions_with_carry_overs(
    store: &Store,
    plan_key: &str,
) -> Result<Vec<(ActionRecord, Option<CarryOver>)>, AppError> {
    let carried = store.carried_out_of(plan_key).await?;
    Ok(store
        .actions(plan_key)
        .await?
        .into_iter()
        .map(|a| {
            let c = carried
                .iter()
                .find(|c| c.from_action == a.action.id)
                .cloned();
            (a, c)
        })
        .collect())
}
