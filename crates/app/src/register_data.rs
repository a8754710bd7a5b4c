//! The data behind the procurement and company-visit pages, for download (CSV and JSON; issue
//! 22 item 3): every figure the page shows, by year (and category, industry, area or kind),
//! with whether it rests on example (synthetic) data, and an "about the data" summary: where
//! the data come from and when they were imported. The figures are the page's own
//! ([`crate::local_registers`]), so a download never says something the page does not. Every
//! CSV cell goes through [`sheet::csv_safe`]. The land register has its own download
//! (the import format, `naeringsplan land export`).

use local_registers::procurement::{SizeClass, Spend};
use serde::Serialize;
use store::Store;

use crate::AppError;

/// The Brønnøysund register's download page (Enhetsregisteret bulk files), which the
/// procurement figures place suppliers by.
pub const BRREG_DOWNLOAD_URL: &str =
    "https://data.brreg.no/enhetsregisteret/oppslag/enheter/lastned";

/// One row of the procurement download: a year, or a year and category, and its spend (in
/// kroner, with øre as decimals).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpendRow {
    /// The year.
    pub year: i32,
    /// The ledger's category (empty: the whole year).
    pub category: String,
    /// Every row's amount, NOK.
    pub total_nok: f64,
    /// Spend with suppliers in the municipality, NOK.
    pub local_nok: f64,
    /// In a neighbouring municipality, NOK.
    pub neighbour_nok: f64,
    /// Elsewhere, NOK.
    pub elsewhere_nok: f64,
    /// Not placed (unknown, deleted or bankrupt supplier, no address or number), NOK.
    pub unresolved_nok: f64,
    /// Share of the located spend that is local (0–1).
    pub local_share: Option<f64>,
    /// Share of the located spend with small and medium enterprises (0–1).
    pub sme_share: Option<f64>,
    /// Share of the located spend with suppliers whose headcount is withheld (0–1).
    pub withheld_share: Option<f64>,
    /// Share of all spend not placed (0–1).
    pub unresolved_share: Option<f64>,
    /// Ledger rows.
    pub rows: u64,
}

/// Øre as kroner (the ledger keeps øre).
fn nok(ore: i64) -> f64 {
    ore as f64 / 100.0
}

impl SpendRow {
    fn new(year: i32, category: &str, s: &Spend) -> Self {
        SpendRow {
            year,
            category: category.to_string(),
            total_nok: nok(s.total),
            local_nok: nok(s.local),
            neighbour_nok: nok(s.neighbour),
            elsewhere_nok: nok(s.elsewhere),
            unresolved_nok: nok(s.unresolved),
            local_share: s.local_share(),
            sme_share: s.sme_share(),
            withheld_share: s.size_share(SizeClass::Withheld),
            unresolved_share: s.unresolved_share(),
            rows: s.rows,
        }
    }
}

/// Everything the procurement download holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcurementData {
    /// The ledger or the register snapshot is example (synthetic) data.
    pub synthetic: bool,
    /// Ledger files imported.
    pub ledger_imports: usize,
    /// When the newest ledger file was imported (RFC 3339, UTC).
    pub imported: Option<String>,
    /// The register snapshot the suppliers were placed by, e.g. `enheter 2025-12-31`.
    pub register: Option<String>,
    /// Where the register is downloaded from.
    pub register_url: String,
    /// The neighbouring municipalities counted as neighbours.
    pub neighbours: Vec<String>,
    /// The figures by year, then by year and category.
    pub rows: Vec<SpendRow>,
}

/// The procurement page's figures for download.
pub async fn procurement(store: &Store, plan: &plan::Plan) -> Result<ProcurementData, AppError> {
    let v = crate::local_registers::procurement_view(store, plan, None).await?;
    let imports = store
        .procurement_imports(&plan.meta.municipality_code)
        .await?;
    let mut rows: Vec<SpendRow> = v
        .report
        .by_year
        .iter()
        .map(|(y, s)| SpendRow::new(*y, "", s))
        .collect();
    for (y, cats) in &v.report.by_year_category {
        rows.extend(cats.iter().map(|(c, s)| SpendRow::new(*y, c, s)));
    }
    Ok(ProcurementData {
        synthetic: v.synthetic,
        ledger_imports: imports.len(),
        imported: imports.iter().map(|i| i.imported_at.clone()).max(),
        register: v.snapshot.as_ref().map(|s| s.label()),
        register_url: BRREG_DOWNLOAD_URL.to_string(),
        neighbours: v.neighbours,
        rows,
    })
}

fn opt(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The procurement figures as CSV (a header row, `.` as the decimal sign, shares 0–1).
pub fn procurement_csv(d: &ProcurementData) -> Vec<u8> {
    csv_table(
        &[
            "year",
            "category",
            "total_nok",
            "local_nok",
            "neighbour_nok",
            "elsewhere_nok",
            "unresolved_nok",
            "local_share",
            "sme_share",
            "withheld_share",
            "unresolved_share",
            "rows",
            "synthetic",
        ],
        d.rows.iter().map(|r| {
            [
                r.year.to_string(),
                r.category.clone(),
                r.total_nok.to_string(),
                r.local_nok.to_string(),
                r.neighbour_nok.to_string(),
                r.elsewhere_nok.to_string(),
                r.unresolved_nok.to_string(),
                opt(r.local_share),
                opt(r.sme_share),
                opt(r.withheld_share),
                opt(r.unresolved_share),
                r.rows.to_string(),
                d.synthetic.to_string(),
            ]
        }),
    )
}

/// A header row and `rows` as CSV, every cell through [`sheet::csv_safe`] (the downloads'
/// one writer).
fn csv_table<R: IntoIterator<Item = String>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Vec<u8> {
    use sheet::csv_safe::write_record;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = write_record(&mut w, header);
    for r in rows {
        let _ = write_record(&mut w, r);
    }
    w.into_inner().unwrap_or_default()
}

/// One figure of the visits download: visits in a year, in total or by one breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitRow {
    /// The year.
    pub year: i32,
    /// `total`, `sector` (SN2007 section, `?` unknown), `area` (part of the municipality, `?`
    /// not given), `kind` (`besok`, `dialogmote`), `companies` (distinct companies) or
    /// `follow_ups` / `follow_ups_linked` (follow-up points, and those linked to a strategy or
    /// action).
    pub dimension: String,
    /// The breakdown's value (empty for `total`, `companies` and the follow-ups).
    pub key: String,
    /// The count.
    pub count: u64,
}

/// Everything the visits download holds: counts only, never who took part or what was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitData {
    /// The visits are example (synthetic) data.
    pub synthetic: bool,
    /// The counts.
    pub rows: Vec<VisitRow>,
}

/// The visits page's counts for download.
pub async fn visits(store: &Store, municipality: &str) -> Result<VisitData, AppError> {
    let (a, synthetic) = crate::local_registers::visit_aggregates(store, municipality).await?;
    let mut rows = Vec::new();
    let row = |year: i32, dimension: &str, key: &str, count: u64| VisitRow {
        year,
        dimension: dimension.to_string(),
        key: key.to_string(),
        count,
    };
    for (y, n) in &a.per_year {
        rows.push(row(*y, "total", "", *n));
        if let Some(c) = a.companies_per_year.get(y) {
            rows.push(row(*y, "companies", "", *c));
        }
        for (k, n) in a.per_year_kind.get(y).into_iter().flatten() {
            rows.push(row(*y, "kind", k.code(), *n));
        }
        for (s, n) in a.per_year_sector.get(y).into_iter().flatten() {
            rows.push(row(*y, "sector", s, *n));
        }
        for (s, n) in a.per_year_area.get(y).into_iter().flatten() {
            rows.push(row(*y, "area", s, *n));
        }
        if let Some((f, l)) = a.follow_ups_per_year.get(y) {
            rows.push(row(*y, "follow_ups", "", *f));
            rows.push(row(*y, "follow_ups_linked", "", *l));
        }
    }
    Ok(VisitData { synthetic, rows })
}

/// The visit counts as CSV (a header row).
pub fn visits_csv(d: &VisitData) -> Vec<u8> {
    csv_table(
        &["year", "dimension", "key", "count", "synthetic"],
        d.rows.iter().map(|r| {
            [
                r.year.to_string(),
                r.dimension.clone(),
                r.key.clone(),
                r.count.to_string(),
                d.synthetic.to_string(),
            ]
        }),
    )
}

/// One row of the investment pipeline's download: a year and a stage (or the year's total,
/// `stage` = `total`) with its counts. Never a name, a source or a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelineRow {
    /// The enquiries' year.
    pub year: i32,
    /// The stage's code (`henvendelse` … `tapt`), or `total` for the whole year.
    pub stage: String,
    /// Enquiries.
    pub enquiries: u64,
    /// Jobs expected, summed.
    pub jobs_expected: u64,
    /// Jobs created.
    pub jobs_created: u64,
}

/// Everything the pipeline download holds: the public page's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelineData {
    /// Some enquiry counted is example (synthetic) data.
    pub synthetic: bool,
    /// Per year (oldest first): the year's total, then each stage in the pipeline's order.
    pub rows: Vec<PipelineRow>,
}

/// The pipeline page's counts for download (`/investeringer/data`; issue 20's leftover).
pub async fn pipeline(store: &Store, municipality: &str) -> Result<PipelineData, AppError> {
    use local_registers::pipeline::{Stage, StageCount};
    let (a, synthetic) = crate::pipeline::aggregates(store, municipality).await?;
    let row = |year: i32, stage: &str, c: &StageCount| PipelineRow {
        year,
        stage: stage.to_string(),
        enquiries: c.enquiries,
        jobs_expected: c.jobs_expected,
        jobs_created: c.jobs_created,
    };
    let mut rows = Vec::new();
    for (y, stages) in &a.per_year_stage {
        rows.push(row(*y, "total", &a.year_total(*y)));
        for s in Stage::ALL {
            if let Some(c) = stages.get(&s) {
                rows.push(row(*y, s.code(), c));
            }
        }
    }
    Ok(PipelineData { synthetic, rows })
}

/// The pipeline counts as CSV (a header row).
pub fn pipeline_csv(d: &PipelineData) -> Vec<u8> {
    csv_table(
        &[
            "year",
            "stage",
            "enquiries",
            "jobs_expected",
            "jobs_created",
            "synthetic",
        ],
        d.rows.iter().map(|r| {
            [
                r.year.to_string(),
                r.stage.clone(),
                r.enquiries.to_string(),
                r.jobs_expected.to_string(),
                r.jobs_created.to_string(),
                d.synthetic.to_string(),
            ]
        }),
    )
}
