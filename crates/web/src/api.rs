//! The JSON API under `/api`, described by an OpenAPI 3.1 document at `/api/openapi.json`
//! generated from these handlers and types (utoipa).
//!
//! Why separate from the pages: programs get stable JSON shapes and HTTP semantics, people get
//! HTML. Reads are public, like the dashboard. Writes need `Authorization: Bearer <token>`
//! (tokens from `naeringsplan user token NAME`); cookies are never read here, so there is no CSRF
//! surface. Concurrency is optimistic and explicit:
//!
//! - `GET /api/actions/{id}` answers with `ETag: "<version>"`;
//! - `PATCH`/`PUT /api/actions/{id}` must send `If-Match: "<version>"`: without it the answer is
//!   **428 Precondition Required**; if the action has moved on it is **412 Precondition Failed**
//!   (RFC 9110: a failed `If-Match`), with the current action and what changed since in the body.
//!   Nothing is written in either case. (The HTML form answers a stale edit with 409 Conflict,
//!   since there the version travels in the form, not in a precondition header.)

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use plan::{Action, ActionOrigin, ActionStatus};
use serde::{Deserialize, Deserializer, Serialize};
use store::users::PublicNames;
use store::{ActionPatch, ActionRecord, HistoryEntry, UpdateError};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::error::{FieldError, Stale, Text};
use crate::indicators::{YearValue, indicator_views};
use crate::{AppState, WebError};

/// The API routes (nested under `/api`).
pub(crate) fn routes() -> crate::routes::Table {
    use crate::routes::get;
    crate::routes::Table::new()
        .route("/openapi.json", get(openapi))
        .route("/plan", get(get_plan))
        .route("/indicators", get(list_indicators))
        .route("/actions", get(list_actions).post(create_action))
        .route(
            "/actions/{id}",
            get(get_action).patch(patch_action).put(put_action),
        )
        .route("/actions/{id}/history", get(action_history))
        .route("/ranking", get(crate::pages::ranking::api))
        .route("/facts", get(get_facts))
        .route("/facts/districts", get(get_district_facts))
        .route("/compare", get(compare))
        .route("/compare/all", get(compare_all))
        .route("/key-figures", get(key_figures))
        .route("/pipeline/aggregates", get(crate::pages::pipeline::api))
        .route("/partners", get(crate::pages::partners::api))
}

/// The register facts of the plan's municipality.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactsDto {
    /// Municipality code.
    pub municipality: String,
    /// Whether any register snapshot is in the store.
    pub has_register_data: bool,
    /// The plan's facts that name a register key, the quoted figure beside the computed one
    /// (with its snapshot: date, file, SHA-256, synthetic flag), or why none could be computed.
    #[schema(value_type = Vec<Object>)]
    pub plan_facts: Vec<app::plan_facts::PlanFactValue>,
    /// Everything the current register snapshots say about the municipality: units by
    /// organisation form, registrations by year and the AS share, bankruptcies, employees by
    /// sector group, the largest enterprises, cohort survival, turnover.
    #[schema(value_type = Object)]
    pub register: store::brreg::RegisterFacts,
}

/// `GET /api/facts`
#[utoipa::path(
    get,
    path = "/api/facts",
    tag = "plan",
    responses(
        (status = 200, description = "Register facts of the plan's municipality, computed from the stored Enhetsregisteret snapshots, beside the plan's quoted figures", body = FactsDto)
    )
)]
async fn get_facts(State(state): State<AppState>) -> Result<Json<FactsDto>, crate::WebError> {
    let plan = crate::pages::load_plan(&state).await?;
    let has = state.store.has_register_data().await?;
    let plan_facts = if has {
        app::plan_facts::plan_fact_values(&state.store, &plan).await?
    } else {
        Vec::new()
    };
    let register = state
        .store
        .register_facts(state.municipality(), None)
        .await?;
    Ok(Json(FactsDto {
        municipality: state.municipality().to_string(),
        has_register_data: has,
        plan_facts,
        register,
    }))
}

/// The facts per district of the plan (`[[districts]]` in the plan file).
#[derive(Debug, Serialize, ToSchema)]
pub struct DistrictFactsDto {
    /// Municipality code.
    pub municipality: String,
    /// True when any part rests on synthetic data (the demo register, example files): label it.
    pub synthetic: bool,
    /// The districts with the register's units, employees, registrations and bankruptcies of
    /// the current enheter and underenheter snapshots (each with its snapshot: date, synthetic
    /// flag, coverage), the units outside every district counted apart and listed by postal
    /// code, and land sites and company visits per district; `null` when the plan defines no
    /// districts.
    #[schema(value_type = Option<Object>)]
    pub districts: Option<app::districts::DistrictTable>,
}

/// `GET /api/facts/districts`
#[utoipa::path(
    get,
    path = "/api/facts/districts",
    tag = "plan",
    responses(
        (status = 200, description = "Register facts, land sites and company visits per district of the plan; units outside every district counted apart", body = DistrictFactsDto)
    )
)]
async fn get_district_facts(
    State(state): State<AppState>,
) -> Result<Json<DistrictFactsDto>, crate::WebError> {
    let plan = crate::pages::load_plan(&state).await?;
    let districts = app::districts::district_table(&state.store, &plan).await?;
    Ok(Json(DistrictFactsDto {
        municipality: state.municipality().to_string(),
        synthetic: districts
            .as_ref()
            .is_some_and(crate::pages::districts::synthetic),
        districts,
    }))
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "naeringsplan API",
        description = "A municipal business-development plan: the plan, its indicators and its action plan with history. Reads are public; writes need a bearer token and If-Match."
    ),
    paths(get_plan, get_facts, get_district_facts, list_indicators, compare, compare_all, key_figures, list_actions, get_action, action_history, create_action, patch_action, put_action, crate::pages::ranking::api, crate::pages::pipeline::api, crate::pages::partners::api),
    components(schemas(FactsDto, DistrictFactsDto, ActionDto, MilestoneDto, PriorityDto, HistoryDto, IndicatorDto, TrendDto, ProjectionDto, ActionCreate, ActionUpdate, ActionReplace, ApiError, crate::error::FieldError, ConflictDto, YearValue, crate::pages::ranking::RankingDto, crate::pages::pipeline::PipelineAggregatesDto, crate::pages::pipeline::PipelineYearDto, crate::pages::pipeline::PipelineStageDto, crate::pages::partners::PartnersDto)),
    modifiers(&BearerAuth),
    tags((name = "plan", description = "The plan and its indicators"), (name = "actions", description = "The action plan"), (name = "registers", description = "The municipality's own registers: the investment pipeline (aggregates only) and the partners"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// `GET /api/openapi.json`
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// An error answer (every [`WebError`] under `/api` is answered with one).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// What went wrong.
    pub error: String,
    /// For invalid input (422): each problem, with the field at fault where there is one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// The answer to a stale write: 412 with the action now, what changed meanwhile, and its
/// `ETag`.
pub(crate) fn stale_answer(message: &str, stale: &Stale) -> Response {
    let mut res = (
        StatusCode::PRECONDITION_FAILED,
        Json(ConflictDto {
            error: message.to_string(),
            current: ActionDto::public(stale.current.as_ref(), &stale.names),
            since: stale
                .since
                .iter()
                .map(|h| HistoryDto::public(h, &stale.names))
                .collect(),
        }),
    )
        .into_response();
    res.headers_mut()
        .insert(header::ETAG, etag(stale.current.version));
    res
}

/// The plan served; none loaded is a 404 here.
async fn stored_plan(state: &AppState) -> Result<plan::Plan, WebError> {
    state
        .store
        .plan(&state.plan_code)
        .await?
        .ok_or_else(|| WebError::NotFound("no plan loaded".into()))
}

/// An action as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionDto {
    /// Id, e.g. `T1`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Linked strategy ids.
    pub strategies: Vec<String>,
    /// Responsible unit or person.
    pub owner: String,
    /// Partners.
    pub partners: Vec<String>,
    /// Start date (YYYY-MM-DD).
    pub start: Option<String>,
    /// End date (YYYY-MM-DD).
    pub end: Option<String>,
    /// One of not_started, in_progress, delayed, on_hold, completed, cancelled.
    pub status: String,
    /// Progress 0–100.
    pub progress: u8,
    /// Latest staff comment.
    pub comment: String,
    /// Weight in progress roll-ups (none: 1).
    pub weight: Option<f64>,
    /// Concurrency version (also the ETag).
    pub version: i64,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Who changed it last: their display name or role word («redaktør»), never a login name.
    pub updated_by: String,
    /// `drawn_from_text` or `staff`.
    pub origin: String,
    /// Late today (Norwegian date): marked delayed, or past its end date and neither completed
    /// nor cancelled (`app::as_of::is_late`, the rule of every page and the report).
    pub late: bool,
    /// Estimated cost in whole kroner.
    pub cost_estimate: Option<u64>,
    /// Budget years it is funded in.
    pub budget_years: Vec<i32>,
    /// Funding source.
    pub funding_source: String,
    /// The handlingsprogram item it is funded under.
    pub handlingsprogram: String,
    /// Contact person.
    pub contact: String,
    /// Dated milestones, in date order.
    pub milestones: Vec<MilestoneDto>,
    /// Its place in a yearly priority selection (topp 10), if any.
    pub priority: Option<PriorityDto>,
    /// Ids of the plan's 5.9 tasks it serves (`5.9.2-o1`).
    pub tasks: Vec<String>,
}

/// A dated milestone.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDto {
    /// Due date YYYY-MM-DD.
    pub date: String,
    /// What is reached.
    pub title: String,
    /// Whether it has been reached.
    #[serde(default)]
    pub done: bool,
}

/// An action's place in a yearly priority selection (topp 10) and the decision behind it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityDto {
    /// The year of the selection.
    pub year: i32,
    /// The decision's reference, e.g. `Formannskapet sak 12/25`.
    #[serde(default)]
    pub decision: String,
    /// The day of the decision, YYYY-MM-DD.
    #[serde(default)]
    pub decided: Option<String>,
}

fn milestones_in(m: Vec<MilestoneDto>) -> Result<Vec<plan::Milestone>, WebError> {
    m.into_iter()
        .map(|m| {
            Ok(plan::Milestone {
                date: parse_date("milestones", Some(&m.date))?.ok_or_else(|| {
                    WebError::invalid("milestones", "milestones: a milestone needs a date")
                })?,
                title: m.title,
                done: m.done,
            })
        })
        .collect()
}

fn priority_in(p: Option<PriorityDto>) -> Result<Option<plan::Priority>, WebError> {
    p.map(|p| {
        Ok(plan::Priority {
            year: p.year,
            decision: p.decision,
            decided: parse_date("priority", p.decided.as_deref())?,
        })
    })
    .transpose()
}

impl ActionDto {
    /// The action as the API shows it, the last actor by public name (issue 21: login names
    /// were public here).
    pub fn public(r: &ActionRecord, names: &PublicNames) -> Self {
        let a = &r.action;
        ActionDto {
            id: a.id.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            strategies: a.strategies.clone(),
            owner: a.owner.clone(),
            partners: a.partners.clone(),
            start: a.start.map(|d| d.to_string()),
            end: a.end.map(|d| d.to_string()),
            status: a.status.as_str().into(),
            progress: a.progress,
            comment: r.comment.clone(),
            weight: r.weight,
            version: r.version,
            updated_at: r.updated_at.clone(),
            updated_by: names.of(&r.updated_by),
            origin: match a.origin {
                ActionOrigin::DrawnFromText { .. } => "drawn_from_text".into(),
                ActionOrigin::Staff => "staff".into(),
            },
            late: app::as_of::is_late(a, app::as_of::today()),
            cost_estimate: a.budget.cost_estimate,
            budget_years: a.budget.budget_years.clone(),
            funding_source: a.budget.funding_source.clone(),
            handlingsprogram: a.budget.handlingsprogram.clone(),
            contact: a.budget.contact.clone(),
            milestones: a
                .budget
                .milestones
                .iter()
                .map(|m| MilestoneDto {
                    date: m.date.to_string(),
                    title: m.title.clone(),
                    done: m.done,
                })
                .collect(),
            priority: a.budget.priority.as_ref().map(|p| PriorityDto {
                year: p.year,
                decision: p.decision.clone(),
                decided: p.decided.map(|d| d.to_string()),
            }),
            tasks: a.tasks.clone(),
        }
    }
}

/// One change to one field of an action.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryDto {
    /// Position in the global history.
    pub seq: i64,
    /// The action.
    pub action_id: String,
    /// The version this change produced.
    pub version: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: their display name or role word, never a login name.
    pub actor: String,
    /// Field (`created` for the creation).
    pub field: String,
    /// Before.
    pub old_value: Option<String>,
    /// After.
    pub new_value: Option<String>,
}

impl HistoryDto {
    /// The change as the API shows it, the actor by public name.
    pub fn public(h: &HistoryEntry, names: &PublicNames) -> Self {
        HistoryDto {
            seq: h.seq,
            action_id: h.action_id.clone(),
            version: h.version,
            at: h.at.clone(),
            actor: names.of(&h.actor),
            field: h.field.clone(),
            old_value: h.old_value.clone(),
            new_value: h.new_value.clone(),
        }
    }
}

/// A stale write: the action now, and what changed after the version the client had.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictDto {
    /// What went wrong.
    pub error: String,
    /// The action as it is now.
    pub current: ActionDto,
    /// Changes after the client's version.
    pub since: Vec<HistoryDto>,
}

/// An indicator with values by year and its judgement.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDto {
    /// Id.
    pub id: String,
    /// Position in the plan.
    pub number: u32,
    /// Name (Norwegian).
    pub name: String,
    /// Name (English), if translated.
    pub name_en: Option<String>,
    /// Unit: rank, percent, ratio, dekar, count, nok.
    pub unit: String,
    /// Data source.
    pub source: String,
    /// The plan's target, as worded.
    pub rule_text: String,
    /// Operator comparing a result with the year's ambition.
    pub ambition_op: String,
    /// Values by year.
    pub years: Vec<YearValue>,
    /// The latest year with a result resting on real data (demo values are never the latest
    /// result).
    pub latest_year: Option<i32>,
    /// That result.
    pub latest_value: Option<f64>,
    /// Its source: `plan_quote`, `published` or `computed`.
    #[schema(value_type = Option<String>)]
    pub latest_source: Option<engine::Source>,
    /// That year's verdict, the same as in `years`: `achieved`, `not_achieved`, `no_data`,
    /// `no_ambition`.
    #[schema(value_type = String)]
    pub judgement: engine::Verdict,
    /// The latest demo year, when later than `latest_year` (shown, never judged).
    pub latest_demo_year: Option<i32>,
    /// The trend status (computed from real data only), with a staff override where one is in
    /// force: the same as on the indicator page, in the report and the CLI.
    pub trend: Option<TrendDto>,
    /// The projection to the plan's last year from real data only: the same verdict and
    /// numbers as on the indicator page, in the report and the CLI.
    pub projection: Option<ProjectionDto>,
}

/// An indicator's projection to the plan's last year.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectionDto {
    /// `target_reached`, `on_track`, `needs_faster_pace`, `not_reached`, `no_target`,
    /// `demo_not_judged` (the latest values are demo data: nothing projected) or `not_available`.
    pub verdict: String,
    /// The year projected to (the plan's last year).
    pub to_year: i32,
    /// How it is projected: `linear` (shares, ratios), `cagr` (levels) or `average` (a flow held
    /// to the same bar every year).
    pub method: String,
    /// First year the pace is measured from.
    pub from_year: Option<i32>,
    /// Latest real year.
    pub latest_year: Option<i32>,
    /// Latest real value.
    pub latest_value: Option<f64>,
    /// Observed pace per year (a growth rate for `cagr`: 0.02 = 2 %).
    pub pace_observed: Option<f64>,
    /// Pace per year needed to reach the target.
    pub pace_required: Option<f64>,
    /// Projected value in `to_year`.
    pub projected: Option<f64>,
    /// Target year.
    pub target_year: Option<i32>,
    /// Target value.
    pub target_value: Option<f64>,
    /// Why, in Norwegian.
    pub reason: String,
    /// Why, in English.
    pub reason_en: String,
}

impl From<&engine::Projection> for ProjectionDto {
    fn from(p: &engine::Projection) -> Self {
        ProjectionDto {
            verdict: p.verdict.as_str().into(),
            to_year: p.to_year,
            method: p.method.as_str().into(),
            from_year: p.from.map(|(y, _)| y),
            latest_year: p.latest.map(|(y, _)| y),
            latest_value: p.latest.map(|(_, v)| v),
            pace_observed: p.pace_observed,
            pace_required: p.pace_required,
            projected: p.projected,
            target_year: p.target.map(|t| t.year),
            target_value: p.target.map(|t| t.value),
            reason: p.reason.nb.clone(),
            reason_en: p.reason.en.clone(),
        }
    }
}

/// An indicator's trend status.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrendDto {
    /// The status in force (the override's, else the computed one), e.g. `moderate_progress`.
    pub status: String,
    /// The computed status.
    pub computed_status: String,
    /// How change is measured: `cagr` or `absolute_change`.
    pub growth: String,
    /// Base year used.
    pub base_year: Option<i32>,
    /// Latest year used.
    pub latest_year: Option<i32>,
    /// The staff override's justification, if one is in force.
    pub override_justification: Option<String>,
}

/// The plan (vision, goals, indicators, focus areas, strategies, premises, published rankings).
#[utoipa::path(get, path = "/api/plan", tag = "plan",
    responses((status = 200, description = "The plan as stored, in the plan model's JSON shape", body = Object)))]
async fn get_plan(State(state): State<AppState>) -> Result<Json<plan::Plan>, WebError> {
    Ok(Json(stored_plan(&state).await?))
}

/// `?municipality=CODE` of `/api/indicators`.
#[derive(Debug, serde::Deserialize)]
struct MunicipalityQuery {
    municipality: Option<String>,
}

/// The plan's indicators with results, ambitions and judgements; with `?municipality=CODE` the
/// same indicators computed for another municipality, values only (the plan's ambitions are its
/// own municipality's: no verdicts, trend or projection).
#[utoipa::path(get, path = "/api/indicators", tag = "plan",
    params(("municipality" = Option<String>, Query, description = "Another municipality's code, e.g. 3201")),
    responses((status = 200, description = "Every indicator", body = [IndicatorDto]),
              (status = 404, description = "Unknown municipality code", body = ApiError)))]
async fn list_indicators(
    State(state): State<AppState>,
    Query(q): Query<MunicipalityQuery>,
) -> Result<Json<Vec<IndicatorDto>>, WebError> {
    let plan = stored_plan(&state).await?;
    let other;
    let views = match q.municipality.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() && code != plan.meta.municipality_code => {
            other = app::compare::evaluate_for(&state.store, &plan, code).await?;
            crate::indicators::views_of(&other.0, &other.1)
        }
        _ => indicator_views(&state, &plan).await?,
    };
    let out: Vec<IndicatorDto> = views
        .into_iter()
        .map(|v| {
            let i = v.indicator;
            IndicatorDto {
                id: i.id.clone(),
                number: i.number,
                name: i.name.nb.clone(),
                name_en: i.name.en.clone(),
                unit: serde_json::to_value(i.unit)
                    .ok()
                    .and_then(|x| x.as_str().map(str::to_string))
                    .unwrap_or_default(),
                source: i.source.clone(),
                rule_text: i.rule_text.nb.clone(),
                ambition_op: i.ambition_op.symbol().into(),
                latest_year: v.latest.as_ref().map(|(y, _)| *y),
                latest_value: v.latest.as_ref().map(|(_, o)| o.value),
                latest_source: v.latest.as_ref().map(|(_, o)| o.source),
                judgement: v.judgement,
                latest_demo_year: v.latest_demo.as_ref().map(|(y, _)| *y),
                trend: v.trend.as_ref().map(|t| TrendDto {
                    status: t.effective_status.as_str().into(),
                    computed_status: t.computed.status.as_str().into(),
                    growth: match t.computed.growth {
                        engine::Growth::Cagr => "cagr".into(),
                        engine::Growth::AbsoluteChange => "absolute_change".into(),
                    },
                    base_year: t.computed.base_year,
                    latest_year: t.computed.latest_year,
                    override_justification: t.override_.as_ref().map(|o| o.justification.clone()),
                }),
                projection: v.projection.as_ref().map(ProjectionDto::from),
                years: v.years,
            }
        })
        .collect();
    Ok(Json(out))
}

/// `?indicator=ID&peers=CODES` (or `&similar=N&weights=ID=W,…`) of `/api/compare`.
#[derive(Debug, serde::Deserialize)]
struct CompareQuery {
    indicator: String,
    peers: Option<String>,
    similar: Option<usize>,
    weights: Option<String>,
}

/// One indicator for the plan's municipality and its peers (the plan's own by default), year by
/// year, each value with its source and demo flag, and the plan municipality's place among those
/// with real values: the same as `naeringsplan compare --format json` and the indicator page.
#[utoipa::path(get, path = "/api/compare", tag = "plan",
    params(("indicator" = String, Query, description = "Indicator id, e.g. kortreist"),
           ("peers" = Option<String>, Query, description = "Municipality codes, comma-separated (default: the plan's peers)"),
           ("similar" = Option<usize>, Query, description = "Instead of peers: the N municipalities most similar to the plan's (1–30); the answer then also has `similar` (year, features, weights, distances)"),
           ("weights" = Option<String>, Query, description = "With similar: features and weights, e.g. folketall=2,privat_sysselsetting=1")),
    responses((status = 200, description = "The comparison", body = Object),
              (status = 400, description = "A bad number of similar municipalities or a bad weight", body = ApiError),
              (status = 404, description = "Unknown indicator, municipality code or feature", body = ApiError)))]
async fn compare(
    State(state): State<AppState>,
    Query(q): Query<CompareQuery>,
) -> Result<Json<app::compare::Compared>, WebError> {
    let plan = stored_plan(&state).await?;
    let peers = match q.similar {
        Some(n) => app::compare::Peers::Similar {
            n,
            weights: q.weights.as_deref().unwrap_or(""),
        },
        None => app::compare::Peers::Listed(q.peers.as_deref()),
    };
    Ok(Json(
        app::compare::compare_with(&state.store, &plan, &q.indicator, peers).await?,
    ))
}

#[derive(Deserialize)]
struct CompareAllQuery {
    indicator: String,
}

/// One indicator for every municipality (its chapter-9 definition from one read of the
/// national panel; values only, demo flagged, never judged), with the plan municipality's
/// percentile and the national and county medians by year: the same as
/// `naeringsplan compare --all --format json`.
#[utoipa::path(get, path = "/api/compare/all", tag = "plan",
    params(("indicator" = String, Query, description = "Indicator id, e.g. kortreist")),
    responses((status = 200, description = "Every municipality's values and the plan municipality's standing", body = Object),
              (status = 400, description = "The indicator is not computed for every municipality", body = ApiError),
              (status = 404, description = "Unknown indicator", body = ApiError)))]
async fn compare_all(
    State(state): State<AppState>,
    Query(q): Query<CompareAllQuery>,
) -> Result<Json<app::compare::AllMunicipalities>, WebError> {
    let plan = stored_plan(&state).await?;
    Ok(Json(
        app::compare::all(&state.store, &plan, &q.indicator).await?,
    ))
}

/// `?municipality=CODE&year=Y&peers=CODES` of `/api/key-figures`.
#[derive(Debug, serde::Deserialize)]
struct KeyFiguresQuery {
    municipality: Option<String>,
    year: Option<i32>,
    peers: Option<String>,
}

/// The plan's chapter-3 key figures for a municipality and year, each with its source, demo
/// flag, the plan's quote (plan municipality only) and the peers' values: the same as
/// `naeringsplan key-figures --format json` and `/nokkeltall/data?format=json`.
#[utoipa::path(get, path = "/api/key-figures", tag = "plan",
    params(("municipality" = Option<String>, Query, description = "Municipality code (default: the plan's)"),
           ("year" = Option<i32>, Query, description = "The year (default: the latest with real jobs figures)"),
           ("peers" = Option<String>, Query, description = "Municipality codes, comma-separated (default: the plan's peers)")),
    responses((status = 200, description = "The key figures", body = Object),
              (status = 400, description = "A year outside the figures' range", body = ApiError),
              (status = 404, description = "Unknown municipality code", body = ApiError)))]
async fn key_figures(
    State(state): State<AppState>,
    Query(q): Query<KeyFiguresQuery>,
) -> Result<Json<app::key_figures::KeyFigures>, WebError> {
    let plan = stored_plan(&state).await?;
    Ok(Json(
        app::key_figures::key_figures(
            &state.store,
            &plan,
            q.municipality.as_deref(),
            q.year,
            q.peers.as_deref(),
        )
        .await?,
    ))
}

/// Every action.
#[utoipa::path(get, path = "/api/actions", tag = "actions",
    responses((status = 200, description = "The action plan", body = [ActionDto])))]
async fn list_actions(State(state): State<AppState>) -> Result<Json<Vec<ActionDto>>, WebError> {
    let actions = state.store.actions(&state.plan_code).await?;
    let names = state.store.public_names().await?;
    Ok(Json(
        actions
            .iter()
            .map(|r| ActionDto::public(r, &names))
            .collect(),
    ))
}

/// The action, or 404.
async fn stored_action(state: &AppState, id: &str) -> Result<ActionRecord, WebError> {
    state
        .store
        .action(&state.plan_code, id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no action {id}")))
}

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

async fn with_etag(
    state: &AppState,
    status: StatusCode,
    rec: &ActionRecord,
) -> Result<Response, WebError> {
    let names = state.store.public_names().await?;
    let mut res = (status, Json(ActionDto::public(rec, &names))).into_response();
    res.headers_mut().insert(header::ETAG, etag(rec.version));
    Ok(res)
}

/// One action, with `ETag: "<version>"`.
#[utoipa::path(get, path = "/api/actions/{id}", tag = "actions",
    params(("id" = String, Path, description = "Action id")),
    responses(
        (status = 200, description = "The action", body = ActionDto, headers(("ETag" = String, description = "The version, quoted"))),
        (status = 304, description = "Not modified (If-None-Match matched)"),
        (status = 404, description = "No such action", body = ApiError)))]
async fn get_action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let rec = stored_action(&state, &id).await?;
    if headers.get(header::IF_NONE_MATCH) == Some(&etag(rec.version)) {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag(rec.version));
        return Ok(res);
    }
    with_etag(&state, StatusCode::OK, &rec).await
}

/// The history of one action, oldest first.
#[utoipa::path(get, path = "/api/actions/{id}/history", tag = "actions",
    params(("id" = String, Path, description = "Action id")),
    responses((status = 200, description = "Every change", body = [HistoryDto]), (status = 404, description = "No such action", body = ApiError)))]
async fn action_history(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<HistoryDto>>, WebError> {
    stored_action(&state, &id).await?;
    let history = state.store.history(&state.plan_code, &id).await?;
    let names = state.store.public_names().await?;
    Ok(Json(
        history
            .iter()
            .map(|h| HistoryDto::public(h, &names))
            .collect(),
    ))
}

/// The user behind the bearer token, if they may write; else the refusal (401, 403).
async fn writer(state: &AppState, headers: &HeaderMap) -> Result<String, WebError> {
    match crate::auth::bearer_user(state, headers).await? {
        Some(u) if u.role.can_edit() => Ok(u.name),
        Some(_) => Err(WebError::Forbidden(Text::key(
            "api-token-may-not-change-actions",
        ))),
        None => Err(WebError::Unauthorized {
            login_next: "/intern".into(),
        }),
    }
}

fn parse_status(s: &str) -> Result<ActionStatus, WebError> {
    ActionStatus::parse(s).ok_or_else(|| {
        WebError::invalid(
            "status",
            format!("unknown status {s:?}; expected one of not_started, in_progress, delayed, on_hold, completed, cancelled"),
        )
    })
}

fn parse_date(field: &str, s: Option<&str>) -> Result<Option<time::Date>, WebError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => plan::date::parse(s).map(Some).map_err(|_| {
            WebError::invalid(field, format!("{field}: {s:?} is not a date YYYY-MM-DD"))
        }),
    }
}

/// A JSON body read into `T`; unreadable is a 422.
fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    serde_json::from_slice(body)
        .map_err(|e| WebError::invalid_input(format!("invalid JSON body: {e}")))
}

/// A new action.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionCreate {
    /// Unique id, e.g. `T12`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Linked strategy ids.
    #[serde(default)]
    pub strategies: Vec<String>,
    /// Owner.
    #[serde(default)]
    pub owner: String,
    /// Partners.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Start date YYYY-MM-DD.
    pub start: Option<String>,
    /// End date YYYY-MM-DD.
    pub end: Option<String>,
    /// Status (default not_started).
    pub status: Option<String>,
    /// Progress 0–100 (default 0).
    #[serde(default)]
    pub progress: u8,
    /// Comment.
    pub comment: Option<String>,
    /// Weight in roll-ups.
    pub weight: Option<f64>,
    /// Estimated cost in whole kroner.
    pub cost_estimate: Option<u64>,
    /// Budget years.
    #[serde(default)]
    pub budget_years: Vec<i32>,
    /// Funding source.
    #[serde(default)]
    pub funding_source: String,
    /// The handlingsprogram item.
    #[serde(default)]
    pub handlingsprogram: String,
    /// Contact person.
    #[serde(default)]
    pub contact: String,
    /// Milestones.
    #[serde(default)]
    pub milestones: Vec<MilestoneDto>,
    /// Topp-10 selection.
    pub priority: Option<PriorityDto>,
    /// Ids of the 5.9 tasks it serves.
    #[serde(default)]
    pub tasks: Vec<String>,
}

/// Creates an action (version 1).
#[utoipa::path(post, path = "/api/actions", tag = "actions", request_body = ActionCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = ActionDto, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "No valid bearer token", body = ApiError),
        (status = 403, description = "The token's user may not write", body = ApiError),
        (status = 409, description = "An action with this id exists", body = ApiError),
        (status = 422, description = "Invalid (unknown strategy, bad date, …)", body = ApiError)))]
async fn create_action(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let actor = writer(&state, &headers).await?;
    let c: ActionCreate = json_body(&body)?;
    let status = c
        .status
        .as_deref()
        .map(parse_status)
        .transpose()?
        .unwrap_or(ActionStatus::NotStarted);
    let start = parse_date("start", c.start.as_deref())?;
    let end = parse_date("end", c.end.as_deref())?;
    let action = Action {
        id: c.id.trim().to_string(),
        title: c.title,
        description: c.description,
        strategies: c.strategies,
        owner: c.owner,
        partners: c.partners,
        start,
        end,
        status,
        progress: c.progress,
        deliveries: Vec::new(),
        origin: ActionOrigin::Staff,
        budget: {
            let mut b = plan::Budget {
                cost_estimate: c.cost_estimate,
                budget_years: c.budget_years,
                funding_source: c.funding_source,
                handlingsprogram: c.handlingsprogram,
                contact: c.contact,
                milestones: milestones_in(c.milestones)?,
                priority: priority_in(c.priority)?,
            };
            b.budget_years.sort();
            b.budget_years.dedup();
            b.milestones.sort_by_key(|m| m.date);
            b
        },
        tasks: c.tasks,
    };
    // The domain's checks (the same for the staff form and the import): id of visible
    // characters, title, progress, end not before start, a finite weight in range.
    store::actions::check_new(&action)
        .and_then(|_| c.weight.map_or(Ok(()), store::actions::check_weight))
        .map_err(|e| WebError::invalid_input(e.to_string()))?;
    // An existing id is a 409, an invalid action a 422.
    let mut rec = state
        .store
        .create_action(&state.plan_code, &action, &actor)
        .await?;
    if c.comment.is_some() || c.weight.is_some() {
        let extra = ActionPatch {
            comment: c.comment,
            weight: Some(c.weight),
            ..Default::default()
        };
        rec = state
            .store
            .update_action(
                &state.plan_code,
                &rec.action.id,
                rec.version,
                &extra,
                &actor,
            )
            .await
            // Only this writer knows the new action yet: any failure is the server's.
            .map_err(WebError::internal)?;
    }
    let mut res = with_etag(&state, StatusCode::CREATED, &rec).await?;
    if let Ok(v) = HeaderValue::from_str(&format!("/api/actions/{}", rec.action.id)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

fn double<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

/// A partial update: fields left out stay as they are; `null` clears `start`, `end` and `weight`.
#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Linked strategies (replaces the set).
    pub strategies: Option<Vec<String>>,
    /// Owner.
    pub owner: Option<String>,
    /// Partners (replaces the list).
    pub partners: Option<Vec<String>>,
    /// Start date YYYY-MM-DD, or null to clear.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>)]
    pub start: Option<Option<String>>,
    /// End date YYYY-MM-DD, or null to clear.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>)]
    pub end: Option<Option<String>>,
    /// Status.
    pub status: Option<String>,
    /// Progress 0–100.
    pub progress: Option<u8>,
    /// Comment.
    pub comment: Option<String>,
    /// Weight, or null to clear.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<f64>)]
    pub weight: Option<Option<f64>>,
    /// Cost estimate in whole kroner, or null to clear.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<u64>)]
    pub cost_estimate: Option<Option<u64>>,
    /// Budget years (replaces the list).
    pub budget_years: Option<Vec<i32>>,
    /// Funding source.
    pub funding_source: Option<String>,
    /// The handlingsprogram item.
    pub handlingsprogram: Option<String>,
    /// Contact person.
    pub contact: Option<String>,
    /// Milestones (replaces the list).
    pub milestones: Option<Vec<MilestoneDto>>,
    /// Topp-10 selection, or null to take the action out of it.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<PriorityDto>)]
    pub priority: Option<Option<PriorityDto>>,
    /// Ids of the 5.9 tasks it serves (replaces the set).
    pub tasks: Option<Vec<String>>,
}

/// A full replacement of an action's editable fields (PUT).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionReplace {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Linked strategies.
    pub strategies: Vec<String>,
    /// Owner.
    pub owner: String,
    /// Partners.
    pub partners: Vec<String>,
    /// Start date YYYY-MM-DD or null.
    pub start: Option<String>,
    /// End date YYYY-MM-DD or null.
    pub end: Option<String>,
    /// Status.
    pub status: String,
    /// Progress 0–100.
    pub progress: u8,
    /// Comment.
    pub comment: String,
    /// Weight or null.
    pub weight: Option<f64>,
    /// Cost estimate in whole kroner or null (left out: null).
    #[serde(default)]
    pub cost_estimate: Option<u64>,
    /// Budget years (left out: none).
    #[serde(default)]
    pub budget_years: Vec<i32>,
    /// Funding source (left out: empty).
    #[serde(default)]
    pub funding_source: String,
    /// The handlingsprogram item (left out: empty).
    #[serde(default)]
    pub handlingsprogram: String,
    /// Contact person (left out: empty).
    #[serde(default)]
    pub contact: String,
    /// Milestones (left out: none).
    #[serde(default)]
    pub milestones: Vec<MilestoneDto>,
    /// Topp-10 selection or null (left out: null).
    #[serde(default)]
    pub priority: Option<PriorityDto>,
    /// Ids of the 5.9 tasks it serves (left out: none).
    #[serde(default)]
    pub tasks: Vec<String>,
}

impl From<ActionReplace> for ActionUpdate {
    fn from(r: ActionReplace) -> Self {
        ActionUpdate {
            title: Some(r.title),
            description: Some(r.description),
            strategies: Some(r.strategies),
            owner: Some(r.owner),
            partners: Some(r.partners),
            start: Some(r.start),
            end: Some(r.end),
            status: Some(r.status),
            progress: Some(r.progress),
            comment: Some(r.comment),
            weight: Some(r.weight),
            cost_estimate: Some(r.cost_estimate),
            budget_years: Some(r.budget_years),
            funding_source: Some(r.funding_source),
            handlingsprogram: Some(r.handlingsprogram),
            contact: Some(r.contact),
            milestones: Some(r.milestones),
            priority: Some(r.priority),
            tasks: Some(r.tasks),
        }
    }
}

/// The version an `If-Match` header names: 428 without one.
fn if_match(headers: &HeaderMap) -> Result<i64, WebError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Err(WebError::PreconditionRequired(
            "send If-Match: \"<version>\" with the version you based the change on (the ETag of GET /api/actions/{id})".into(),
        ));
    };
    v.to_str()
        .ok()
        .map(str::trim)
        .and_then(|s| s.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| {
            WebError::PreconditionRequired(
                "If-Match must be a quoted version number, e.g. \"3\"".into(),
            )
        })
}

async fn apply(
    state: AppState,
    id: String,
    headers: HeaderMap,
    body: &[u8],
    read: fn(&[u8]) -> Result<ActionUpdate, WebError>,
) -> Result<Response, WebError> {
    // Who asks comes first: an anonymous client learns nothing about the body.
    let actor = writer(&state, &headers).await?;
    let u = read(body)?;
    let version = if_match(&headers)?;
    let status = u.status.as_deref().map(parse_status).transpose()?;
    let start = u
        .start
        .map(|s| parse_date("start", s.as_deref()))
        .transpose()?;
    let end = u.end.map(|s| parse_date("end", s.as_deref())).transpose()?;
    let patch = ActionPatch {
        title: u.title,
        description: u.description,
        owner: u.owner,
        partners: u.partners,
        start,
        end,
        status,
        progress: u.progress,
        comment: u.comment,
        strategies: u.strategies,
        weight: u.weight,
        cost_estimate: u.cost_estimate,
        budget_years: u.budget_years,
        funding_source: u.funding_source,
        handlingsprogram: u.handlingsprogram,
        contact: u.contact,
        milestones: u.milestones.map(milestones_in).transpose()?,
        priority: u.priority.map(priority_in).transpose()?,
        tasks: u.tasks,
    };
    match state
        .store
        .update_action(&state.plan_code, &id, version, &patch, &actor)
        .await
    {
        Ok(rec) => with_etag(&state, StatusCode::OK, &rec).await,
        // A stale `If-Match`: 412 (see [`stale_answer`]), saying which version the client had.
        Err(UpdateError::Conflict { current, since }) => Err(WebError::Conflict {
            message: format!(
                "the action is at version {}, not {version}; nothing was saved",
                current.version
            ),
            stale: Some(Box::new(Stale {
                current,
                since,
                names: state.store.public_names().await?,
            })),
        }),
        // No such action (404), invalid values (422), the store (500).
        Err(e) => Err(e.into()),
    }
}

/// Changes some fields of an action, if it is still at the `If-Match` version.
#[utoipa::path(patch, path = "/api/actions/{id}", tag = "actions", request_body = ActionUpdate,
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Action id"), ("If-Match" = String, Header, description = "The version the change is based on, quoted: \"3\"")),
    responses(
        (status = 200, description = "Saved; the new version is in ETag", body = ActionDto),
        (status = 401, description = "No valid bearer token", body = ApiError),
        (status = 403, description = "The token's user may not write", body = ApiError),
        (status = 404, description = "No such action", body = ApiError),
        (status = 412, description = "The action changed since that version; nothing saved", body = ConflictDto),
        (status = 422, description = "Invalid values", body = ApiError),
        (status = 428, description = "If-Match missing", body = ApiError)))]
async fn patch_action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    apply(state, id, headers, &body, json_body::<ActionUpdate>).await
}

/// Replaces every editable field of an action, if it is still at the `If-Match` version.
#[utoipa::path(put, path = "/api/actions/{id}", tag = "actions", request_body = ActionReplace,
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Action id"), ("If-Match" = String, Header, description = "The version the change is based on, quoted: \"3\"")),
    responses(
        (status = 200, description = "Saved; the new version is in ETag", body = ActionDto),
        (status = 401, description = "No valid bearer token", body = ApiError),
        (status = 412, description = "The action changed since that version; nothing saved", body = ConflictDto),
        (status = 422, description = "Invalid values", body = ApiError),
        (status = 428, description = "If-Match missing", body = ApiError)))]
async fn put_action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    apply(state, id, headers, &body, |b| {
        json_body::<ActionReplace>(b).map(ActionUpdate::from)
    })
    .await
}
