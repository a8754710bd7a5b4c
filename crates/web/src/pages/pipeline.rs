//! `/investeringer`: the investment pipeline of the *Invester i Asker*-function (seed §5.7.3)
//! as public aggregates: enquiries, jobs expected and jobs created per year and stage. Never a
//! name, a source or a reason: the details are for staff (`/intern/investeringer`).

use axum::Json;
use axum::extract::{Query, State};
use local_registers::pipeline::{PipelineAggregates, Stage, StageCount};
use maud::{Markup, html};
use plan::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use super::local_registers::RegisterQuery;
use crate::layout::{self, tr, tr_args};
use crate::{AppState, WebError};

pub use app::pipeline::stage_label;

fn count_cells(c: &StageCount) -> Markup {
    html! {
        td class="num" { (c.enquiries) }
        td class="num" { (c.jobs_expected) }
        td class="num" { (c.jobs_created) }
    }
}

fn year_table(lang: Lang, a: &PipelineAggregates, y: i32) -> Markup {
    let total = a.year_total(y);
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-pipeline-{y}")) {
            table {
                caption id=(format!("t-pipeline-{y}")) { (tr_args(lang, "pipeline-by-stage", &[("year", y.into())])) }
                thead { tr {
                    th scope="col" { (tr(lang, "pipeline-stage")) }
                    th scope="col" class="num" { (tr(lang, "pipeline-enquiries")) }
                    th scope="col" class="num" { (tr(lang, "pipeline-jobs-expected")) }
                    th scope="col" class="num" { (tr(lang, "pipeline-jobs-created")) }
                } }
                tbody {
                    @for s in Stage::ALL {
                        @if let Some(c) = a.per_year_stage.get(&y).and_then(|m| m.get(&s)) {
                            tr { th scope="row" { (stage_label(lang, s)) } (count_cells(c)) }
                        }
                    }
                }
                tfoot {
                    tr { th scope="row" { (tr(lang, "pipeline-total")) } (count_cells(&total)) }
                }
            }
        }
    }
}

/// `GET /investeringer`: aggregates only.
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let (a, synthetic) = app::pipeline::aggregates(&state.store, state.municipality()).await?;
    let title = tr(lang, "layout-pipeline");
    let body = html! {
        h1 { (title) }
        @if synthetic {
            div class="synthetic" role="note" {
                strong { (tr(lang, "local-registers-synthetic-data")) }
                (tr(lang, "pipeline-invented"))
            }
        }
        p { (tr(lang, "pipeline-intro")) }
        @if a.per_year_stage.is_empty() {
            p { (tr(lang, "pipeline-none")) }
        }
        @for y in a.per_year_stage.keys().rev() {
            section aria-labelledby=(format!("y{y}")) {
                @let t = a.year_total(*y);
                h2 id=(format!("y{y}")) {
                    (tr_args(lang, "pipeline-year-heading", &[("year", (*y).into()), ("count", t.enquiries.into())]))
                }
                (year_table(lang, &a, *y))
            }
        }
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "pipeline-about"))
            " "
            a href="/investeringer/data?format=csv" download { "CSV" }
            ", "
            a href="/investeringer/data?format=json" download { "JSON" }
            " · API: "
            a href="/api/pipeline/aggregates" { "/api/pipeline/aggregates" }
        }
    };
    Ok(layout::page(lang, &title, "/investeringer", body))
}

/// `GET /investeringer/data?format=csv|json`: the page's counts per year and stage (never a
/// name), named `investeringer_SYNTETISK.csv` when example data are counted.
pub async fn data(
    State(state): State<AppState>,
    Query(q): Query<super::local_registers::DataQuery>,
) -> Result<axum::response::Response, WebError> {
    let d = app::register_data::pipeline(&state.store, state.municipality()).await?;
    super::local_registers::data_download(
        q.format.as_deref(),
        "investeringer",
        d.synthetic,
        &d,
        app::register_data::pipeline_csv,
    )
}

/// One stage of a year in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineStageDto {
    /// `henvendelse`, `dialog`, `tomt_tilbudt`, `beslutning`, `etablert` or `tapt`.
    pub stage: String,
    /// Enquiries (of the year) now at this stage.
    pub enquiries: u64,
    /// Jobs they expected, summed.
    pub jobs_expected: u64,
    /// Jobs created (established enquiries).
    pub jobs_created: u64,
}

/// One year of the pipeline (the enquiries' year) in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineYearDto {
    /// The year of the enquiries.
    pub year: i32,
    /// Enquiries of the year.
    pub enquiries: u64,
    /// Jobs expected, summed.
    pub jobs_expected: u64,
    /// Jobs created.
    pub jobs_created: u64,
    /// Per current stage.
    pub stages: Vec<PipelineStageDto>,
}

/// The investment pipeline's public aggregates: counts and jobs, never a name.
#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineAggregatesDto {
    /// Municipality code.
    pub municipality: String,
    /// True when any enquiry counted is synthetic (example data): label it.
    pub synthetic: bool,
    /// Per year, oldest first.
    pub years: Vec<PipelineYearDto>,
}

/// `GET /api/pipeline/aggregates`
#[utoipa::path(
    get,
    path = "/api/pipeline/aggregates",
    tag = "registers",
    responses(
        (status = 200, description = "The investment pipeline (Invester i Asker, §5.7.3): enquiries, jobs expected and jobs created per year and stage; never a name, source or reason", body = PipelineAggregatesDto)
    )
)]
pub async fn api(State(state): State<AppState>) -> Result<Json<PipelineAggregatesDto>, WebError> {
    let (a, synthetic) = app::pipeline::aggregates(&state.store, state.municipality()).await?;
    let years = a
        .per_year_stage
        .iter()
        .map(|(y, stages)| {
            let t = a.year_total(*y);
            PipelineYearDto {
                year: *y,
                enquiries: t.enquiries,
                jobs_expected: t.jobs_expected,
                jobs_created: t.jobs_created,
                stages: stages
                    .iter()
                    .map(|(s, c)| PipelineStageDto {
                        stage: s.code().to_string(),
                        enquiries: c.enquiries,
                        jobs_expected: c.jobs_expected,
                        jobs_created: c.jobs_created,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Json(PipelineAggregatesDto {
        municipality: state.municipality().to_string(),
        synthetic,
        years,
    }))
}
