//! The registers of issue 9 (land, procurement, visits) read from the store and computed with
//! the `registers` crate, for the CLI, the web pages and the council report.

use std::collections::BTreeSet;

use brreg::OrgNr;
use brreg::sn2007::Sn2007;
use local_registers::land::{self, SiteChange, YearStats};
use local_registers::neighbours::{self, Neighbourhood};
use local_registers::procurement::{self, ProcurementReport};
use local_registers::visits::VisitAggregates;
use plan::Plan;
use report::{RegisterSection, TextTable};
use serde::Serialize;
use store::Store;
use store::brreg::SnapshotInfo;

use crate::AppError;

/// The land register as it stands, with statistics per year.
#[derive(Debug, Clone, Serialize)]
pub struct LandView {
    /// The changes in effect.
    pub changes: Vec<SiteChange>,
    /// Statistics from the first change's year to the last year asked for.
    pub years: Vec<YearStats>,
    /// Any change from a synthetic file.
    pub synthetic: bool,
    /// When the newest change was recorded (RFC 3339, UTC); none for an empty register.
    pub recorded_at: Option<String>,
    /// The files the changes came from, in recording order.
    pub files: Vec<String>,
}

/// Reads the land register and computes the statistics up to `last_year` (default: the year
/// of the last change).
pub async fn land_view(
    store: &Store,
    plan_code: &str,
    last_year: Option<i32>,
) -> Result<LandView, AppError> {
    let stored = store.land_changes(plan_code).await?;
    let synthetic = stored.iter().any(|c| c.synthetic);
    let recorded_at = stored.iter().map(|c| c.imported_at.clone()).max();
    let mut files: Vec<String> = Vec::new();
    for c in &stored {
        if !files.contains(&c.file_name) {
            files.push(c.file_name.clone());
        }
    }
    let changes: Vec<SiteChange> = stored.into_iter().map(|c| c.change).collect();
    let years = land::stats_by_year(&changes, last_year);
    Ok(LandView {
        changes,
        years,
        synthetic,
        recorded_at,
        files,
    })
}

/// The procurement report with what it was matched against.
#[derive(Debug, Clone, Serialize)]
pub struct ProcurementView {
    /// The report.
    pub report: ProcurementReport,
    /// The register snapshot used; `None` when no register data is stored (then every row is
    /// unresolved: "not in the register").
    pub snapshot: Option<SnapshotInfo>,
    /// The neighbouring municipalities used.
    pub neighbours: Vec<String>,
    /// Any ledger row or the register snapshot synthetic.
    pub synthetic: bool,
}

/// Matches the stored ledger rows (one year, or all) against the current register snapshot.
pub async fn procurement_view(
    store: &Store,
    plan: &Plan,
    year: Option<i32>,
) -> Result<ProcurementView, AppError> {
    let (rows, ledger_synthetic) = store
        .procurement_rows(&plan.meta.municipality_code, year)
        .await?;
    let wanted: BTreeSet<OrgNr> = rows.iter().filter_map(|r| r.orgnr).collect();
    let (snapshot, found) = store.register_lookup(&wanted).await?;
    let hood = neighbourhood(plan);
    let report =
        procurement::match_ledger(&rows, |o| found.get(&o).map(|e| e.facts.clone()), &hood);
    Ok(ProcurementView {
        report,
        synthetic: ledger_synthetic || snapshot.as_ref().is_some_and(|s| s.synthetic),
        snapshot,
        neighbours: hood
            .neighbours()
            .map(|n| format!("{} {}", n.code, n.name))
            .collect(),
    })
}

/// The local-procurement series ([`engine::series::PROCUREMENT`]) for every year of the
/// stored ledger: `(series, year, observation)`, each a percentage of the year's placed spend
/// (see [`local_registers::procurement`]), computed from the stored ledger joined with the current
/// register snapshot exactly as [`procurement_view`] reports it — never typed in. A year
/// whose spend could not be placed at all has no value. The provenance names the ledger and
/// the snapshot and carries the amounts, and is synthetic when either is.
pub async fn procurement_series(
    store: &Store,
    plan: &Plan,
) -> Result<Vec<(&'static str, i32, engine::Observation)>, AppError> {
    use engine::series;
    let pv = procurement_view(store, plan, None).await?;
    let snapshot = pv
        .snapshot
        .as_ref()
        .map_or("ingen registerdata".to_string(), |s| s.label());
    let mut out = Vec::new();
    for (year, spend) in &pv.report.by_year {
        let parts = [
            (
                series::PROCUREMENT_LOCAL_SHARE,
                spend.local_share(),
                spend.local,
            ),
            (
                series::PROCUREMENT_NEIGHBOUR_SHARE,
                spend.neighbour_share(),
                spend.neighbour,
            ),
            (
                series::PROCUREMENT_ELSEWHERE_SHARE,
                spend.elsewhere_share(),
                spend.elsewhere,
            ),
            (
                series::PROCUREMENT_SME_SHARE,
                spend.sme_share(),
                spend
                    .by_size
                    .get(&procurement::SizeClass::Sme)
                    .copied()
                    .unwrap_or(0),
            ),
        ];
        for (name, share, part) in parts {
            let Some(share) = share else { continue };
            let prov = engine::Provenance {
                table: Some("fakturajournal × Enhetsregisteret".into()),
                synthetic: pv.synthetic,
                note: Some(format!(
                    "{} kr av {} kr som kunne plasseres etter forretningsadresse ({} kr i alt, {} kr ikke plassert); {}",
                    procurement::fmt_nok(part),
                    procurement::fmt_nok(spend.located()),
                    procurement::fmt_nok(spend.total),
                    procurement::fmt_nok(spend.unresolved),
                    snapshot
                )),
                ..engine::Provenance::default()
            };
            out.push((name, *year, engine::Observation::value(100.0 * share, prov)));
        }
    }
    Ok(out)
}

/// The plan municipality's neighbourhood from the bundled file (trying earlier codes too).
pub fn neighbourhood(plan: &Plan) -> Neighbourhood {
    let n = neighbours::embedded(&plan.meta.municipality_code);
    if n.neighbours().next().is_some() {
        return n;
    }
    plan.meta
        .previous_codes
        .iter()
        .map(|c| neighbours::embedded(c.as_str()))
        .find(|n| n.neighbours().next().is_some())
        .unwrap_or(n)
}

/// A company as the register knows it, for recording a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Company {
    /// Name in the register.
    pub name: String,
    /// SN2007 section letter of the main industry.
    pub sector: Option<String>,
    /// Municipality of the business address.
    pub municipality: Option<String>,
}

/// Looks a company up in the current register snapshot (`None` when not in it).
pub async fn company(store: &Store, orgnr: OrgNr) -> Result<Option<Company>, AppError> {
    Ok(companies(store, &BTreeSet::from([orgnr]))
        .await?
        .remove(&orgnr))
}

/// Most matches [`search_companies`] gives.
pub const SEARCH_LIMIT: usize = 20;

/// A unit of the register found by name (the visit form's company search).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyHit {
    /// Organisation number.
    pub orgnr: OrgNr,
    /// Name in the register.
    pub name: String,
    /// Not bankrupt, deleted or closed.
    pub present: bool,
}

/// The units of `municipality` in the current Enhetsregisteret snapshot whose name holds every
/// word of `query` (case-insensitive), at most [`SEARCH_LIMIT`]: units in business first, then
/// names beginning with the query, then by name. `None` when no snapshot is stored; an empty
/// list for a query of fewer than two characters.
///
/// The snapshot keeps its units as one compact table per municipality (`register_unit_tables`,
/// encoded, not one row per unit), so there is no name column to search with SQL `LIKE`: the
/// municipality's table (one row, read by its key) is decoded and filtered here.
pub async fn search_companies(
    store: &Store,
    municipality: &str,
    query: &str,
) -> Result<Option<Vec<CompanyHit>>, AppError> {
    use store::brreg::SnapshotKind;
    let Some(snap) = store
        .current_register_snapshot(SnapshotKind::Enheter)
        .await?
    else {
        return Ok(None);
    };
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    if query.chars().count() < 2 {
        return Ok(Some(Vec::new()));
    }
    let mut hits: Vec<CompanyHit> = store
        .register_units(snap.id, municipality)
        .await?
        .into_iter()
        .filter(|u| {
            let name = u.name.to_lowercase();
            words.iter().all(|w| name.contains(w))
        })
        .map(|u| CompanyHit {
            orgnr: u.orgnr,
            name: u.name,
            present: u.present,
        })
        .collect();
    hits.sort_by_cached_key(|h| {
        let name = h.name.to_lowercase();
        (!h.present, !name.starts_with(&query), name, h.orgnr)
    });
    hits.truncate(SEARCH_LIMIT);
    Ok(Some(hits))
}

/// The parts of the municipality a visit is placed in (the visit form's choice list): the plan's
/// districts ([`crate::districts::visit_districts`]; `[[districts]]` in the plan file). A plan
/// without districts gets no list: the form keeps a free-text field.
pub fn visit_districts(plan: &Plan) -> Vec<String> {
    crate::districts::visit_districts(plan)
}

/// Looks companies up in the current register snapshot; numbers not in it are absent.
pub async fn companies(
    store: &Store,
    orgnrs: &BTreeSet<OrgNr>,
) -> Result<std::collections::BTreeMap<OrgNr, Company>, AppError> {
    let (_, found) = store.register_lookup(orgnrs).await?;
    Ok(found
        .into_iter()
        .map(|(o, e)| {
            (
                o,
                Company {
                    name: e.facts.name,
                    sector: e
                        .nace
                        .as_deref()
                        .and_then(|n| Sn2007::embedded().section(n))
                        .map(|c| c.to_string()),
                    municipality: e.facts.municipality,
                },
            )
        })
        .collect())
}

/// The name of an SN2007 section letter (`C` → `Industri`).
pub fn sector_name(letter: &str) -> Option<&'static str> {
    Sn2007::embedded().name(letter)
}

/// Public visit aggregates and whether any visit is synthetic.
pub async fn visit_aggregates(
    store: &Store,
    plan_code: &str,
) -> Result<(VisitAggregates, bool), AppError> {
    Ok(store.visit_aggregates(plan_code).await?)
}

/// The ids a visit's follow-ups may link to: the plan's strategies and the stored actions.
pub async fn linkable_ids(store: &Store, plan: &Plan) -> Result<BTreeSet<String>, AppError> {
    let mut ids: BTreeSet<String> = plan.strategies().map(|s| s.id.clone()).collect();
    for a in store.actions(&store.plan_key_or_code(plan).await?).await? {
        ids.insert(a.action.id);
    }
    Ok(ids)
}

fn daa(v: f64) -> String {
    plan::fmt::number_auto(v, 1)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| plan::fmt::fraction_percent(v, 1))
}

/// The council report's sections on the three registers, for the report `year` (land and
/// procurement show the years up to it; visits the counts per year), in bokmål.
pub async fn report_sections(
    store: &Store,
    plan: &Plan,
    year: i32,
) -> Result<Vec<RegisterSection>, AppError> {
    report_sections_in(store, plan, year, plan::Lang::Nb).await
}

/// As [`report_sections`], the words in `lang`.
pub async fn report_sections_in(
    store: &Store,
    plan: &Plan,
    year: i32,
    lang: plan::Lang,
) -> Result<Vec<RegisterSection>, AppError> {
    let t = |key: &str| i18n::tr(lang, key);
    let ta = |key: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, i18n::Value<'_>)> = args
            .iter()
            .map(|(n, v)| (*n, i18n::Value::from(v.as_str())))
            .collect();
        i18n::tr_args(lang, key, &args)
    };
    let mut out = Vec::new();

    let land = land_view(store, &plan.meta.municipality_code, Some(year)).await?;
    let seed = land::SEED_2019;
    let mut paragraphs = vec![ta(
        "rpt-land-intro",
        &[
            ("year", seed.year.to_string()),
            ("inuse", daa(seed.in_use_daa)),
            ("future", daa(seed.future_daa)),
            ("source", seed.source.to_string()),
        ],
    )];
    let years: Vec<&YearStats> = land.years.iter().filter(|y| y.year <= year).collect();
    if years.is_empty() {
        paragraphs.push(t("rpt-land-none"));
    }
    out.push(RegisterSection {
        title: t("rpt-land-title"),
        id: "naeringsarealer".into(),
        paragraphs,
        tables: if years.is_empty() {
            vec![]
        } else {
            vec![TextTable {
                caption: t("rpt-land-caption"),
                header: [
                    "rpt-col-year",
                    "rpt-land-in-use",
                    "rpt-land-set-aside",
                    "rpt-land-additions",
                    "rpt-land-withdrawals",
                    "rpt-land-housing",
                ]
                .map(t)
                .to_vec(),
                numeric: vec![false, true, true, true, true, true],
                rows: years
                    .iter()
                    .map(|y| {
                        vec![
                            y.year.to_string(),
                            daa(y.in_use_daa),
                            daa(y.future_daa),
                            daa(y.additions_daa),
                            daa(y.withdrawals_daa),
                            daa(y.to_housing_daa),
                        ]
                    })
                    .collect(),
            }]
        },
        synthetic: land.synthetic,
    });

    let pv = procurement_view(store, plan, None).await?;
    let years: Vec<(&i32, &local_registers::procurement::Spend)> = pv
        .report
        .by_year
        .iter()
        .filter(|(y, _)| **y <= year)
        .collect();
    let mut paragraphs = vec![ta(
        "rpt-proc-intro",
        &[
            (
                "snapshot",
                pv.snapshot
                    .as_ref()
                    .map(|s| format!(" ({})", s.label()))
                    .unwrap_or_default(),
            ),
            ("neighbours", pv.neighbours.join(", ")),
        ],
    )];
    if years.is_empty() {
        paragraphs.push(t("rpt-proc-none"));
    }
    out.push(RegisterSection {
        title: t("rpt-proc-title"),
        id: "anskaffelser".into(),
        paragraphs,
        tables: if years.is_empty() {
            vec![]
        } else {
            vec![TextTable {
                caption: t("rpt-proc-caption"),
                header: [
                    "rpt-col-year",
                    "rpt-proc-amount",
                    "rpt-proc-local",
                    "rpt-proc-neighbours",
                    "rpt-proc-elsewhere",
                    "rpt-proc-sme",
                    "rpt-proc-unresolved",
                ]
                .map(t)
                .to_vec(),
                numeric: vec![false, true, true, true, true, true, true],
                rows: years
                    .iter()
                    .map(|(y, s)| {
                        vec![
                            y.to_string(),
                            procurement::fmt_nok(s.total),
                            pct(s.local_share()),
                            pct(s.neighbour_share()),
                            pct(s.elsewhere_share()),
                            pct(s.sme_share()),
                            pct(s.unresolved_share()),
                        ]
                    })
                    .collect(),
            }]
        },
        synthetic: pv.synthetic,
    });

    let (visits, synthetic) = store.visit_aggregates(&plan.meta.municipality_code).await?;
    let rows: Vec<Vec<String>> = visits
        .per_year
        .iter()
        .filter(|(y, _)| **y <= year)
        .map(|(y, n)| {
            let (f, l) = visits.follow_ups_per_year.get(y).copied().unwrap_or((0, 0));
            let sectors = visits.per_year_sector.get(y).map_or(0, |m| m.len());
            vec![
                y.to_string(),
                n.to_string(),
                sectors.to_string(),
                f.to_string(),
                l.to_string(),
            ]
        })
        .collect();
    out.push(RegisterSection {
        title: t("rpt-visits-title"),
        id: "bedriftsbesok".into(),
        paragraphs: vec![if rows.is_empty() {
            t("rpt-visits-none")
        } else {
            t("rpt-visits-intro")
        }],
        tables: if rows.is_empty() {
            vec![]
        } else {
            vec![TextTable {
                caption: t("rpt-visits-caption"),
                header: [
                    "rpt-col-year",
                    "rpt-visits-visits",
                    "rpt-visits-sectors",
                    "rpt-visits-follow-ups",
                    "rpt-visits-linked",
                ]
                .map(t)
                .to_vec(),
                numeric: vec![false, true, true, true, true],
                rows,
            }]
        },
        synthetic,
    });
    Ok(out)
}
