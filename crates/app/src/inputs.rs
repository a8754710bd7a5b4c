//! The adapter: the store resolves each series the plan's indicator definitions need (mapping
//! older municipality codes forward through the KLASS geography) and this module turns the
//! answers into the engine's [`Inputs`], keeping value-or-missing-reason and provenance. The
//! local-procurement series are not SSB's: they come from the stored supplier ledger joined with
//! the register ([`crate::local_registers::procurement_series`]).

use std::collections::BTreeSet;

use engine::{Inputs, Observation, Provenance, definition};
use plan::{Computation, Plan};
use stats::geography::Geography;
use store::Store;
use store::observations::{Resolved, SeriesCatalogue};

use crate::AppError;

/// The series (name, year) pairs the plan's definition indicators need, over the plan's table
/// years widened by the definitions' year offsets.
pub fn needed_series(plan: &Plan) -> BTreeSet<(String, i32)> {
    let mut out = BTreeSet::new();
    for ind in &plan.indicators {
        let Computation::Definition { definition: id } = &ind.computation else {
            continue;
        };
        let Some(def) = definition(id) else { continue };
        for need in def.needs {
            if need.series.ends_with('*') {
                continue; // jobs_by_industry:* — no plan indicator uses it yet
            }
            for y in plan.table_years() {
                out.insert((need.series.to_string(), y + need.year_offset));
            }
        }
    }
    out
}

/// Converts a resolved series into an engine observation (value or missing reason, provenance).
pub fn observation(r: &Resolved) -> Option<Observation> {
    let first = r.provenance.first();
    let mut prov = Provenance::table(
        r.table_id.clone(),
        first.and_then(|p| p.source_url.clone()).unwrap_or_default(),
    )
    .synthetic(r.synthetic)
    .components(r.components.iter().map(|c| c.region.clone()));
    if let Some(p) = first {
        if let Some(u) = &p.updated {
            prov = prov.updated(u.clone());
        }
        prov = prov.imported_at(p.imported_at.clone());
    }
    if r.components.len() > 1 {
        prov = prov.note(format!(
            "sum av {} (kodene gyldige {})",
            r.components
                .iter()
                .map(|c| c.region.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
            r.series_date
        ));
    }
    match (r.value, &r.missing) {
        (Some(v), _) => Some(Observation::value(v, prov)),
        // Without a status symbol there is nothing in the store at all:
        // the cell stays absent.
        (None, Some(m)) => m.symbol.as_ref().map(|sym| Observation::symbol(sym, prov)),
        (None, None) => None,
    }
}

/// Loads every input the plan's indicators need for its municipality at its current geography.
pub async fn load(
    store: &Store,
    geo: &Geography,
    catalogue: &SeriesCatalogue,
    plan: &Plan,
) -> Result<Inputs, AppError> {
    let code = &plan.meta.municipality_code;
    let mut inputs = Inputs::new();
    let needed = needed_series(plan);
    if needed
        .iter()
        .any(|(s, _)| engine::series::is_procurement(s))
    {
        for (series, year, obs) in crate::local_registers::procurement_series(store, plan).await? {
            inputs.insert(series, code, year, obs);
        }
    }
    for (series, year) in needed {
        if engine::series::is_procurement(&series) {
            continue; // from the registers above, not from SSB
        }
        match store
            .resolve(geo, catalogue, &series, code, year, None)
            .await
        {
            Ok(r) => {
                if let Some(obs) = observation(&r) {
                    inputs.insert(&series, code, year, obs);
                }
            }
            // A year outside the bundled geography, or a refused sum: no input for that cell.
            Err(store::observations::ResolveError::Geography(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(inputs)
}
