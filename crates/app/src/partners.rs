//! Partners, memberships, partner agreements and ownerships (issue 20 item 3, seed §5.7.1):
//! the register joined with the stored Enhetsregisteret snapshot (an ownership's company: its
//! name, sector and employees there), a partners file imported in one transaction, and the
//! plan's own list (§5.7.1 "Fakta (2019-tall)") as the seed of an empty register. Shared by the
//! CLI (`naeringsplan partners …`) and the web pages (`/partnere`, `/intern/partnere`,
//! `/api/partners`).

use std::collections::BTreeSet;

use brreg::OrgNr;
use brreg::sn2007::Sn2007;
use local_registers::partners::{self, Partner};
use serde::Serialize;
use store::Store;
use store::brreg::SnapshotInfo;
use store::partners::{PartnerImport, StoredPartner};

use crate::AppError;
use crate::pipeline::ImportError;

/// A company as the stored register has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterFacts {
    /// Name in the register.
    pub name: String,
    /// SN2007 section letter of the main industry.
    pub sector: Option<String>,
    /// The section's name.
    pub sector_name: Option<String>,
    /// The published headcount (`None`: withheld or none registered; see `employees_label`).
    pub employees: Option<u32>,
    /// The headcount as text (`12`, `skjult`, `ingen registrert`).
    pub employees_label: String,
    /// Municipality of the business address.
    pub municipality: Option<String>,
}

/// An entry with what the register says about its organisation number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerView {
    /// Store id.
    pub id: i64,
    /// The entry.
    #[serde(flatten)]
    pub partner: Partner,
    /// In force today (no period counts as in force).
    pub current: bool,
    /// The register's facts, when the number is in the stored snapshot.
    pub register: Option<RegisterFacts>,
    /// Made-up data.
    pub synthetic: bool,
    /// Version (for edits).
    #[serde(skip)]
    pub version: i64,
}

/// The register as shown: every entry, the snapshot the numbers were looked up in, and
/// whether any entry is synthetic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnersView {
    /// Entries, by kind and name.
    pub partners: Vec<PartnerView>,
    /// The Enhetsregisteret snapshot used, if one is stored.
    #[serde(skip)]
    pub snapshot: Option<SnapshotInfo>,
    /// A label of the snapshot used (file and date).
    pub register_snapshot: Option<String>,
    /// Whether the snapshot is synthetic.
    pub register_synthetic: bool,
    /// Whether any entry is synthetic.
    pub synthetic: bool,
}

/// Reads the register and joins every organisation number with the stored snapshot.
pub async fn view(store: &Store, plan_code: &str) -> Result<PartnersView, AppError> {
    let stored = store.partners(plan_code).await?;
    let numbers: BTreeSet<OrgNr> = stored.iter().filter_map(|s| s.partner.orgnr).collect();
    let (snapshot, found) = store.register_lookup(&numbers).await?;
    let today = crate::as_of::today();
    let partners = stored
        .into_iter()
        .map(
            |StoredPartner {
                 partner,
                 synthetic,
                 version,
             }| {
                let register = partner.orgnr.and_then(|o| found.get(&o)).map(|e| {
                    let sector = e
                        .nace
                        .as_deref()
                        .and_then(|n| Sn2007::embedded().section(n))
                        .map(|c| c.to_string());
                    RegisterFacts {
                        name: e.facts.name.clone(),
                        sector_name: sector
                            .as_deref()
                            .and_then(|s| Sn2007::embedded().name(s))
                            .map(str::to_string),
                        sector,
                        employees: e.facts.employees.known(),
                        employees_label: store::local_registers::employees_label(e.facts.employees),
                        municipality: e.facts.municipality.clone(),
                    }
                });
                PartnerView {
                    id: partner.id,
                    current: partner.current_on(today),
                    partner,
                    register,
                    synthetic,
                    version,
                }
            },
        )
        .collect::<Vec<_>>();
    Ok(PartnersView {
        synthetic: partners.iter().any(|p| p.synthetic),
        register_snapshot: snapshot.as_ref().map(SnapshotInfo::label),
        register_synthetic: snapshot.as_ref().is_some_and(|s| s.synthetic),
        snapshot,
        partners,
    })
}

/// Imports a partners file (see [`partners::parse_csv`]; links checked against the plan's
/// strategies and actions) in one transaction: a bad row is an error naming the file, the line
/// and the field, and nothing is stored.
pub async fn import_csv(
    store: &Store,
    plan: &plan::Plan,
    name: &str,
    bytes: &[u8],
    by: &str,
) -> Result<PartnerImport, ImportError> {
    let known = crate::local_registers::linkable_ids(store, plan).await?;
    let rows = partners::parse_csv(name, bytes, &known)?;
    let list: Vec<Partner> = rows.into_iter().map(|r| r.partner).collect();
    let synthetic = crate::pipeline::is_synthetic(name, bytes);
    store
        .partner_import(&plan.meta.municipality_code, &list, synthetic, by)
        .await
        .map_err(|e| match e {
            store::partners::PartnerError::Store(e) => ImportError::from(e),
            e => ImportError::App(AppError::Invalid(e.to_string())),
        })
}

/// The plan's own list for Asker (seed §5.7.1, "Fakta (2019-tall)" and the text before it;
/// `data/registers/asker_partnere.csv`): the memberships and ownerships the plan names, with
/// no share or organisation number where the plan gives none, compiled in.
pub const ASKER_PARTNERS: (&str, &[u8]) = (
    "asker_partnere.csv",
    include_bytes!("../../../data/registers/asker_partnere.csv"),
);

/// Fills an empty partners register of Asker's plan with [`ASKER_PARTNERS`] (the plan's own
/// words, not synthetic). Does nothing for another plan or a register holding anything.
/// Returns what it did.
pub async fn ensure_plan_partners(
    store: &Store,
    plan: &plan::Plan,
) -> Result<Option<String>, ImportError> {
    if plan.meta.municipality_code != "3203"
        || !store
            .partners(&plan.meta.municipality_code)
            .await?
            .is_empty()
    {
        return Ok(None);
    }
    let (name, bytes) = ASKER_PARTNERS;
    let r = import_csv(store, plan, name, bytes, "temaplan").await?;
    Ok(Some(format!(
        "{name}: {} partner entries from the plan",
        r.created
    )))
}

/// An entry's period as text (`2022-01-01–2025-12-31`, `fra 2022-01-01`, «–»), in `lang`.
pub fn period(lang: plan::Lang, p: &Partner) -> String {
    match (p.from, p.to) {
        (None, None) => "–".into(),
        (Some(f), Some(t)) => format!("{f}–{t}"),
        (Some(f), None) => format!("{} {f}", i18n::tr(lang, "partners-from")),
        (None, Some(t)) => format!("{} {t}", i18n::tr(lang, "partners-until")),
    }
}

/// The partners register as a section of the council report (issue 20 item 6): one table per
/// kind with name, share, period, purpose and the strategies and actions it serves. `None` when
/// the register is empty.
pub async fn report_section(
    store: &Store,
    plan_code: &str,
    lang: plan::Lang,
) -> Result<Option<report::RegisterSection>, AppError> {
    let v = view(store, plan_code).await?;
    if v.partners.is_empty() {
        return Ok(None);
    }
    let tr = |key: &str| i18n::tr(lang, key);
    let mut tables = Vec::new();
    for kind in local_registers::partners::PartnerKind::ALL {
        let rows: Vec<Vec<String>> = v
            .partners
            .iter()
            .filter(|p| p.partner.kind == kind)
            .map(|p| {
                let e = &p.partner;
                vec![
                    if p.current {
                        e.name.clone()
                    } else {
                        format!("{} {}", e.name, tr("partners-ended"))
                    },
                    e.share_pct
                        .map(|s| format!("{} %", plan::fmt::number_auto(s, 1)))
                        .unwrap_or_else(|| "–".into()),
                    period(lang, e),
                    if e.purpose.is_empty() {
                        "–".into()
                    } else {
                        e.purpose.clone()
                    },
                    e.links.join(", "),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        tables.push(report::TextTable {
            caption: tr(&format!("partners-caption-{}", kind.code())),
            header: vec![
                tr("partners-name"),
                tr("partners-share"),
                tr("partners-period"),
                tr("partners-purpose"),
                tr("partners-strategies"),
            ],
            numeric: vec![false, true, false, false, false],
            rows,
        });
    }
    Ok(Some(report::RegisterSection {
        title: tr("layout-partners"),
        id: "partnere".into(),
        paragraphs: vec![tr("partners-intro"), tr("partners-about")],
        tables,
        synthetic: v.synthetic,
    }))
}
