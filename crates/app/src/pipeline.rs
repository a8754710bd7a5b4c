//! The investment pipeline (issue 20 item 4, seed §5.7.3): a pipeline file imported with its
//! sites checked against the land register, the public aggregates, and the retention purge;
//! shared by the CLI (`naeringsplan pipeline …`) and the web pages (`/investeringer`,
//! `/intern/investeringer`, `/api/pipeline/aggregates`).

use std::collections::BTreeSet;

use local_registers::InputError;
use local_registers::pipeline::{self, PipelineAggregates};
use store::Store;
use store::pipeline::PipelineImport;

use crate::AppError;

/// Why a file was not imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A row is bad: the file, the line and the field are named.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The store failed.
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<store::StoreError> for ImportError {
    fn from(e: store::StoreError) -> Self {
        ImportError::App(e.into())
    }
}

/// Whether a file is synthetic: it says so in its name or its content (`SYNTETISK`).
pub fn is_synthetic(name: &str, bytes: &[u8]) -> bool {
    name.to_uppercase().contains("SYNTETISK") || bytes.windows(9).any(|w| w == b"SYNTETISK")
}

/// The ids of the land register's sites (the sites an enquiry may be offered).
pub async fn land_site_ids(store: &Store, plan_code: &str) -> Result<BTreeSet<String>, AppError> {
    Ok(store
        .land_changes(plan_code)
        .await?
        .into_iter()
        .map(|c| c.change.site_id)
        .collect())
}

/// Imports a pipeline file (see [`pipeline::parse_csv`]) in one transaction: a bad row is an
/// error naming the file, the line and the field, and nothing is stored.
pub async fn import_csv(
    store: &Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
    by: &str,
) -> Result<(PipelineImport, bool), ImportError> {
    let sites = land_site_ids(store, plan_code).await?;
    let rows = pipeline::parse_csv(name, bytes, &sites)?;
    let synthetic = is_synthetic(name, bytes);
    let list: Vec<_> = rows.into_iter().map(|r| r.enquiry).collect();
    let r = store
        .pipeline_import(plan_code, &list, synthetic, by)
        .await?;
    Ok((r, synthetic))
}

/// Public aggregates (per year and stage, never a name) and whether any enquiry is synthetic.
pub async fn aggregates(
    store: &Store,
    plan_code: &str,
) -> Result<(PipelineAggregates, bool), AppError> {
    Ok(store.pipeline_aggregates(plan_code).await?)
}

/// Deletes the closed enquiries older than `months` (by their date), keeping their counts.
/// Returns the cutoff and how many were deleted.
pub async fn purge(
    store: &Store,
    plan_code: &str,
    months: u32,
    by: &str,
) -> Result<(time::Date, u64), AppError> {
    let cutoff = local_registers::visits::retention_cutoff(crate::as_of::today(), months);
    Ok((cutoff, store.pipeline_purge(plan_code, cutoff, by).await?))
}

/// A stage's label in `lang`, from the translation files (`pipeline-stage-…`).
pub fn stage_label(lang: plan::Lang, s: pipeline::Stage) -> String {
    i18n::tr(
        lang,
        &format!("pipeline-stage-{}", s.code().replace('_', "-")),
    )
}

/// The pipeline's public aggregates as a section of the council report (issue 20 item 6): per
/// year up to the report's year and stage, enquiries and jobs expected and created — never a
/// name, as on `/investeringer`. `None` when no enquiry is registered.
pub async fn report_section(
    store: &Store,
    plan_code: &str,
    year: i32,
    lang: plan::Lang,
) -> Result<Option<report::RegisterSection>, AppError> {
    let (a, synthetic) = aggregates(store, plan_code).await?;
    let tr = |key: &str| i18n::tr(lang, key);
    let years: Vec<i32> = a
        .per_year_stage
        .keys()
        .copied()
        .filter(|y| *y <= year)
        .collect();
    if years.is_empty() {
        return Ok(None);
    }
    let n = |v: u64| v.to_string();
    let mut rows = Vec::new();
    for y in &years {
        for s in local_registers::pipeline::Stage::ALL {
            if let Some(c) = a.per_year_stage.get(y).and_then(|m| m.get(&s)) {
                rows.push(vec![
                    y.to_string(),
                    stage_label(lang, s),
                    n(c.enquiries),
                    n(c.jobs_expected),
                    n(c.jobs_created),
                ]);
            }
        }
        let t = a.year_total(*y);
        rows.push(vec![
            y.to_string(),
            tr("pipeline-total"),
            n(t.enquiries),
            n(t.jobs_expected),
            n(t.jobs_created),
        ]);
    }
    Ok(Some(report::RegisterSection {
        title: tr("layout-pipeline"),
        id: "investeringer".into(),
        paragraphs: vec![tr("pipeline-intro")],
        tables: vec![report::TextTable {
            caption: tr("rpt-pipeline-caption"),
            header: vec![
                tr("rpt-col-year"),
                tr("pipeline-stage"),
                tr("pipeline-enquiries"),
                tr("pipeline-jobs-expected"),
                tr("pipeline-jobs-created"),
            ],
            numeric: vec![false, false, true, true, true],
            rows,
        }],
        synthetic,
    }))
}
