//! Facts per district (issue 20 item 5): the plan's districts (`plan::District`, for Asker *Asker
//! sentrum*, *Asker nord* and *Asker syd*) with the register's units, employees, new registrations
//! and bankruptcies, the land sites and the company visits in each; what lies in no district
//! counted apart and listed. Used by the focus-area pages whose area has `districts = true`, the
//! API and `naeringsplan facts --by-district`.
//!
//! # How things are placed
//!
//! - **Register units** by the postal code of their own address as stored per snapshot
//!   (`store::brreg::PostalCodeFacts`, migration 0016), then by the municipality code they are
//!   registered under (`plan::Plan::district_of_unit`). The municipalities read are the plan's
//!   own code, its earlier codes and the districts' former municipalities, as the snapshot
//!   writes them. A snapshot imported before the store kept postal codes has no rows:
//!   [`RegisterPart::postal_codes_stored`] says so, and nothing is guessed.
//! - **Land sites** (their state today, in the commercial stock) by their place name, and
//!   **company visits** by the area they were recorded with (`plan::Plan::district_of_place`).
//!
//! Every part carries whether synthetic data went into it, so it is labelled where shown.

use std::collections::{BTreeMap, BTreeSet};

use local_registers::land;
use plan::{LocalText, Plan};
use serde::Serialize;
use store::Store;
use store::brreg::{Headcount, PostalExample, SnapshotInfo, SnapshotKind, last_full_year};

use crate::AppError;

/// Everything shown per district.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictTable {
    /// The plan's districts, in the plan's order.
    pub districts: Vec<DistrictRef>,
    /// Enheter (enterprises, by business address) in the current snapshot.
    pub enheter: Option<RegisterPart>,
    /// Underenheter (establishments, by location) in the current snapshot.
    pub underenheter: Option<RegisterPart>,
    /// Commercial land sites (none recorded: `None`).
    pub land: Option<LandPart>,
    /// Company visits (none recorded: `None`).
    pub visits: Option<VisitPart>,
}

/// A district's id and name.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictRef {
    /// Its id in the plan.
    pub id: String,
    /// Its name.
    pub name: LocalText,
    /// Where its definition comes from.
    pub source: String,
}

/// The register facts of one snapshot per district.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterPart {
    /// The snapshot (date, synthetic, coverage).
    pub snapshot: SnapshotInfo,
    /// The year new registrations and bankruptcies are counted for: the snapshot's last full
    /// year.
    pub year: i32,
    /// False for a snapshot imported before the store kept postal codes: re-import the file.
    pub postal_codes_stored: bool,
    /// One row per district, in the plan's order.
    pub rows: Vec<RegisterRow>,
    /// The units in no district.
    pub outside: RegisterRow,
    /// The postal codes (with municipality) of the units in no district, most units first.
    pub outside_codes: Vec<OutsideCode>,
}

/// Register figures of a district (or of the units outside every district).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RegisterRow {
    /// The district's id; `None` for the units outside every district.
    pub district: Option<String>,
    /// Units in the snapshot, not deleted or closed (bankrupt enheter included, as in the
    /// municipality's count).
    pub units: u64,
    /// Headcounts of the units (published sum; withheld units counted beside it, never as 0).
    pub employees: Headcount,
    /// Units registered in [`RegisterPart::year`].
    pub registrations: u64,
    /// Bankruptcies dated in [`RegisterPart::year`].
    pub bankruptcies: u64,
    /// Enheter in bankruptcy in the snapshot.
    pub bankrupt: u64,
}

/// A postal code whose units lie in no district.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideCode {
    /// Municipality code as in the snapshot.
    pub municipality: String,
    /// Four digits, `""` for units without a postal code.
    pub postal_code: String,
    /// Units present.
    pub units: u64,
    /// Published headcounts.
    pub employees_known: u64,
    /// Some of the units (lowest organisation numbers).
    pub examples: Vec<PostalExample>,
}

/// Land sites per district.
#[derive(Debug, Clone, Serialize)]
pub struct LandPart {
    /// Any change from a synthetic file.
    pub synthetic: bool,
    /// One row per district, in the plan's order.
    pub rows: Vec<LandRow>,
    /// Sites whose place is in no district.
    pub outside: LandRow,
    /// Those places.
    pub outside_places: Vec<String>,
}

/// Land figures of a district.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LandRow {
    /// The district's id; `None` outside.
    pub district: Option<String>,
    /// Sites in the commercial stock (free, reserved or built out) today.
    pub sites: u64,
    /// Their area, dekar.
    pub area_daa: f64,
    /// Of it free or reserved (not yet built out), dekar.
    pub future_daa: f64,
}

/// Company visits per district.
#[derive(Debug, Clone, Serialize)]
pub struct VisitPart {
    /// Any visit from a synthetic file.
    pub synthetic: bool,
    /// One row per district, in the plan's order.
    pub rows: Vec<VisitRow>,
    /// Visits whose area is in no district (or empty).
    pub outside: VisitRow,
    /// Those areas as recorded (empty ones left out).
    pub outside_areas: Vec<String>,
}

/// Visits in a district.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VisitRow {
    /// The district's id; `None` outside.
    pub district: Option<String>,
    /// Visits recorded.
    pub visits: u64,
    /// Distinct companies visited.
    pub companies: u64,
}

/// The municipality codes whose units can lie in the plan's districts: the plan's code, its
/// earlier codes and the districts' former municipalities.
pub fn municipalities(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let m = &plan.meta;
    for c in std::iter::once(&m.municipality_code)
        .chain(&m.previous_codes)
        .chain(plan.districts.iter().flat_map(|d| &d.former_municipalities))
    {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// The table for the plan's districts; `None` when the plan defines none.
pub async fn district_table(store: &Store, plan: &Plan) -> Result<Option<DistrictTable>, AppError> {
    if plan.districts.is_empty() {
        return Ok(None);
    }
    let mut enheter = None;
    let mut underenheter = None;
    for kind in [SnapshotKind::Enheter, SnapshotKind::Underenheter] {
        let Some(snapshot) = store.current_register_snapshot(kind).await? else {
            continue;
        };
        let part = register_part(store, plan, snapshot).await?;
        match kind {
            SnapshotKind::Enheter => enheter = Some(part),
            SnapshotKind::Underenheter => underenheter = Some(part),
        }
    }
    let code = &plan.meta.municipality_code;
    let stored = store.land_changes(code).await?;
    let changes: Vec<land::SiteChange> = stored.iter().map(|c| c.change.clone()).collect();
    let land = land_part(plan, &changes, stored.iter().any(|c| c.synthetic));
    let visits = visit_part(plan, &store.visits(code).await?);
    Ok(Some(DistrictTable {
        districts: plan
            .districts
            .iter()
            .map(|d| DistrictRef {
                id: d.id.clone(),
                name: d.name.clone(),
                source: d.source.clone(),
            })
            .collect(),
        enheter,
        underenheter,
        land,
        visits,
    }))
}

async fn register_part(
    store: &Store,
    plan: &Plan,
    snapshot: SnapshotInfo,
) -> Result<RegisterPart, AppError> {
    let rows = store
        .register_postal_facts(snapshot.id, &municipalities(plan))
        .await?;
    let postal_codes_stored = store.register_has_postal_facts(snapshot.id).await?;
    let year = last_full_year(snapshot.snapshot_date);
    Ok(place_register(
        plan,
        snapshot,
        year,
        postal_codes_stored,
        &rows,
    ))
}

/// Sums stored postal-code rows into the plan's districts (pure; see the module docs).
pub fn place_register(
    plan: &Plan,
    snapshot: SnapshotInfo,
    year: i32,
    postal_codes_stored: bool,
    facts: &[store::brreg::PostalCodeFacts],
) -> RegisterPart {
    let mut rows: Vec<RegisterRow> = plan
        .districts
        .iter()
        .map(|d| RegisterRow {
            district: Some(d.id.clone()),
            ..RegisterRow::default()
        })
        .collect();
    let mut outside = RegisterRow::default();
    let mut outside_codes = Vec::new();
    for f in facts {
        let code = (!f.postal_code.is_empty()).then_some(f.postal_code.as_str());
        let row = match plan.district_of_unit(code, &f.municipality) {
            Some(d) => {
                let i = plan
                    .districts
                    .iter()
                    .position(|x| x.id == d.id)
                    .expect("a plan district");
                &mut rows[i]
            }
            None => {
                outside_codes.push(OutsideCode {
                    municipality: f.municipality.clone(),
                    postal_code: f.postal_code.clone(),
                    units: f.units,
                    employees_known: f.employees.known_sum,
                    examples: f.examples.clone(),
                });
                &mut outside
            }
        };
        row.units += f.units;
        add_headcount(&mut row.employees, &f.employees);
        row.registrations += f.registrations_by_year.get(&year).copied().unwrap_or(0);
        row.bankruptcies += f.bankruptcies_by_year.get(&year).copied().unwrap_or(0);
        row.bankrupt += f.bankrupt;
    }
    outside_codes.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then_with(|| a.postal_code.cmp(&b.postal_code))
            .then_with(|| a.municipality.cmp(&b.municipality))
    });
    RegisterPart {
        snapshot,
        year,
        postal_codes_stored,
        rows,
        outside,
        outside_codes,
    }
}

fn add_headcount(sum: &mut Headcount, o: &Headcount) {
    sum.units += o.units;
    sum.known_sum += o.known_sum;
    sum.known_units += o.known_units;
    sum.withheld_units += o.withheld_units;
    sum.not_registered_units += o.not_registered_units;
}

fn district_index(plan: &Plan, name: &str) -> Option<usize> {
    let d = plan.district_of_place(name)?;
    plan.districts.iter().position(|x| x.id == d.id)
}

/// The land sites in the commercial stock on the day of the last change, per district (pure);
/// `None` for an empty register. `synthetic`: the changes come from a synthetic file.
pub fn land_part(plan: &Plan, changes: &[land::SiteChange], synthetic: bool) -> Option<LandPart> {
    let last = changes.iter().map(|c| c.date).max()?;
    let mut rows: Vec<LandRow> = plan
        .districts
        .iter()
        .map(|d| LandRow {
            district: Some(d.id.clone()),
            ..LandRow::default()
        })
        .collect();
    let mut outside = LandRow::default();
    let mut outside_places = BTreeSet::new();
    for state in land::state_at(changes, last).values() {
        if !state.availability.in_stock() {
            continue;
        }
        let row = match district_index(plan, &state.place) {
            Some(i) => &mut rows[i],
            None => {
                outside_places.insert(state.place.clone());
                &mut outside
            }
        };
        row.sites += 1;
        row.area_daa += state.area_daa;
        if state.availability.for_future() {
            row.future_daa += state.area_daa;
        }
    }
    Some(LandPart {
        synthetic,
        rows,
        outside,
        outside_places: outside_places.into_iter().collect(),
    })
}

/// The company visits per district (pure), each with whether it comes from a synthetic file;
/// `None` when there are none.
pub fn visit_part(
    plan: &Plan,
    visits: &[(local_registers::visits::Visit, bool)],
) -> Option<VisitPart> {
    if visits.is_empty() {
        return None;
    }
    let mut rows: Vec<VisitRow> = plan
        .districts
        .iter()
        .map(|d| VisitRow {
            district: Some(d.id.clone()),
            ..VisitRow::default()
        })
        .collect();
    let mut outside = VisitRow::default();
    let mut outside_areas = BTreeSet::new();
    let mut companies: BTreeMap<Option<usize>, BTreeSet<String>> = BTreeMap::new();
    for (v, _) in visits {
        let i = district_index(plan, &v.area);
        let row = match i {
            Some(i) => &mut rows[i],
            None => {
                if !v.area.trim().is_empty() {
                    outside_areas.insert(v.area.trim().to_string());
                }
                &mut outside
            }
        };
        row.visits += 1;
        if companies.entry(i).or_default().insert(v.orgnr.to_string()) {
            row.companies += 1;
        }
    }
    Some(VisitPart {
        synthetic: visits.iter().any(|(_, s)| *s),
        rows,
        outside,
        outside_areas: outside_areas.into_iter().collect(),
    })
}

/// The district names a visit can be placed in (the staff visit form's choice list): the
/// plan's districts by name, in the plan's order. Empty when the plan defines none (the form
/// then keeps a free-text field).
pub fn visit_districts(plan: &Plan) -> Vec<String> {
    plan.districts.iter().map(|d| d.name.nb.clone()).collect()
}

/// The district table as a section of the council report (issue 20 items 5–6), in `lang`: the
/// register figures of the latest snapshots per district with the units outside every district
/// counted apart, land sites and company visits per district, and how the districts are defined.
/// The same figures and texts as the focus-area pages' table (whose snapshot dates the captions
/// give: the register figures are the latest snapshot's, not the report period's).
pub fn report_section(t: &DistrictTable, lang: plan::Lang) -> report::RegisterSection {
    let tr = |key: &str| i18n::tr(lang, key);
    let ta = |key: &str, args: &[(&str, String)]| crate::council_report::ta(lang, key, args);
    let n = |v: u64| {
        if lang == plan::Lang::En {
            plan::fmt::number_en(v as f64, 0)
        } else {
            plan::fmt::number(v as f64, 0)
        }
    };
    let daa = |v: f64| {
        if lang == plan::Lang::En {
            plan::fmt::number_en(v, 1)
        } else {
            plan::fmt::number(v, 1)
        }
    };
    let synthetic_caption = |caption: String, synthetic: bool| {
        if synthetic {
            format!("{caption} – {}", tr("districts-synthetic"))
        } else {
            caption
        }
    };
    let mut names: Vec<String> = t
        .districts
        .iter()
        .map(|d| d.name.get(lang).to_string())
        .collect();
    names.push(tr("districts-outside"));
    let mut paragraphs = vec![tr("districts-intro")];
    let mut tables = Vec::new();
    if t.enheter.is_none() && t.underenheter.is_none() {
        paragraphs.push(tr("districts-no-register"));
    }
    for p in t.enheter.iter().chain(t.underenheter.iter()) {
        let enheter = p.snapshot.kind == SnapshotKind::Enheter;
        let year = [("year", p.year.to_string())];
        let mut header = vec![
            tr("districts-col-district"),
            tr("districts-col-units"),
            tr("districts-col-employees"),
            tr("districts-col-withheld"),
            ta("districts-col-registrations", &year),
        ];
        if enheter {
            header.push(ta("districts-col-bankruptcies", &year));
            header.push(tr("districts-col-bankrupt"));
        }
        let mut numeric = vec![true; header.len()];
        numeric[0] = false;
        let rows = if p.postal_codes_stored {
            p.rows
                .iter()
                .chain(std::iter::once(&p.outside))
                .zip(&names)
                .map(|(r, name)| {
                    let mut row = vec![
                        name.clone(),
                        n(r.units),
                        n(r.employees.known_sum),
                        n(r.employees.withheld_units),
                        n(r.registrations),
                    ];
                    if enheter {
                        row.push(n(r.bankruptcies));
                        row.push(n(r.bankrupt));
                    }
                    row
                })
                .collect()
        } else {
            paragraphs.push(tr("districts-no-postal-codes"));
            Vec::new()
        };
        let caption_key = if enheter {
            "districts-caption-enheter"
        } else {
            "districts-caption-underenheter"
        };
        if !rows.is_empty() {
            tables.push(report::TextTable {
                caption: synthetic_caption(
                    ta(
                        caption_key,
                        &[("date", p.snapshot.snapshot_date.to_string())],
                    ),
                    p.snapshot.synthetic,
                ),
                header,
                numeric,
                rows,
            });
        }
    }
    if t.enheter.is_some() || t.underenheter.is_some() {
        paragraphs.push(tr("districts-employees-note"));
    }
    if let Some(l) = &t.land {
        tables.push(report::TextTable {
            caption: synthetic_caption(tr("districts-caption-land"), l.synthetic),
            header: vec![
                tr("districts-col-district"),
                tr("districts-col-sites"),
                tr("districts-col-area"),
                tr("districts-col-future"),
            ],
            numeric: vec![false, true, true, true],
            rows: l
                .rows
                .iter()
                .chain(std::iter::once(&l.outside))
                .zip(&names)
                .map(|(r, name)| vec![name.clone(), n(r.sites), daa(r.area_daa), daa(r.future_daa)])
                .collect(),
        });
    }
    if let Some(v) = &t.visits {
        tables.push(report::TextTable {
            caption: synthetic_caption(tr("districts-caption-visits"), v.synthetic),
            header: vec![
                tr("districts-col-district"),
                tr("districts-col-visits"),
                tr("districts-col-companies"),
            ],
            numeric: vec![false, true, true],
            rows: v
                .rows
                .iter()
                .chain(std::iter::once(&v.outside))
                .zip(&names)
                .map(|(r, name)| vec![name.clone(), n(r.visits), n(r.companies)])
                .collect(),
        });
    }
    paragraphs.push(format!(
        "{}: {}",
        tr("districts-definition"),
        t.districts
            .iter()
            .map(|d| format!("{} ({})", d.name.get(lang), d.source))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    report::RegisterSection {
        title: tr("rpt-districts-title"),
        id: "distrikter".into(),
        paragraphs,
        tables,
        synthetic: t.enheter.as_ref().is_some_and(|p| p.snapshot.synthetic)
            || t.underenheter
                .as_ref()
                .is_some_and(|p| p.snapshot.synthetic)
            || t.land.as_ref().is_some_and(|p| p.synthetic)
            || t.visits.as_ref().is_some_and(|p| p.synthetic),
    }
}
