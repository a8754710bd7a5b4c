//! One focus area (*innsatsområde*): its text, its fact box, and each strategy with the actions
//! linked to it and their progress.
//!
//! Facts are quoted from the plan (*Fakta (2019-tall)*). Where a fact names a register key
//! (`computed_by`) and the store holds an Enhetsregisteret snapshot, the figure computed from it
//! (`app::plan_facts::plan_fact_values`) stands beside the quoted one, with its snapshot date and a mark
//! when the snapshot is synthetic. An area with `districts = true` in the plan file also shows
//! the register facts, land sites and company visits per district (`pages::districts`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use engine::rollup::{PlanRollup, Weighting};
use maud::{Markup, html};
use plan::{Fact, Lang, Strategy};
use store::ActionRecord;

use crate::charts;
use crate::layout::{self, LangQuery, href, pick, tr};
use crate::{AppState, WebError};

/// A fact as shown: the plan's quote, and a computed figure when there is one.
pub struct FactRow<'a> {
    /// The fact as quoted by the plan.
    pub fact: &'a Fact,
    /// A computed value (text), its year and whether it is synthetic.
    pub computed: Option<(String, i32, bool)>,
    /// Beside a computed turnover: the same enterprises' *verdiskapning* (value, unit).
    pub value_added: Option<String>,
}

/// The facts of a focus area with the figures computed from the stored register snapshots
/// where a fact names a register key and the store has what it needs.
pub async fn fact_rows<'a>(
    state: &AppState,
    plan: &plan::Plan,
    facts: Vec<&'a Fact>,
) -> Result<Vec<FactRow<'a>>, WebError> {
    let values = if facts.iter().any(|f| f.computed_by.is_some())
        && state.store.has_register_data().await?
    {
        app::plan_facts::plan_fact_values(&state.store, plan).await?
    } else {
        Vec::new()
    };
    Ok(facts
        .into_iter()
        .map(|fact| {
            let value = values
                .iter()
                .find(|v| v.fact_id == fact.id)
                .and_then(|v| v.computed.as_ref());
            let computed = value.map(|c| {
                (
                    format!("{} {}", plan::fmt::number_auto(c.value, 1), c.unit),
                    c.year.unwrap_or(c.snapshot.snapshot_date.year()),
                    c.snapshot.synthetic,
                )
            });
            let value_added = value
                .and_then(|c| c.value_added.as_ref())
                .map(|va| format!("{} {}", plan::fmt::number_auto(va.value, 1), va.unit));
            FactRow {
                fact,
                computed,
                value_added,
            }
        })
        .collect())
}

/// The key figures a strategy is monitored by (`monitor` in the plan file), year by year, with
/// source; demo values marked.
pub fn monitor_tables(monitors: &[app::key_figures::Monitor], prefix: &str, lang: Lang) -> Markup {
    html! {
        @for (mi, m) in monitors.iter().enumerate() {
            div class="table-wrap monitor" tabindex="0" role="region" aria-labelledby=(format!("{prefix}-{mi}")) {
                table {
                    caption id=(format!("{prefix}-{mi}")) {
                        (tr(lang, "area-monitored-by-the-key-figure"))
                        a href=(href(lang, &format!("/nokkeltall#tall-{}", m.id.replace(':', "-")))) { (m.name.get(lang)) }
                    }
                    thead { tr {
                        th scope="col" { (tr(lang, "area-year")) }
                        th scope="col" class="num" { (tr(lang, "area-value")) }
                        th scope="col" { (tr(lang, "area-source")) }
                    } }
                    tbody {
                        @for v in &m.values {
                            tr {
                                th scope="row" { (v.year) }
                                td class="num" {
                                    (plan::fmt::value(v.value, m.unit))
                                    @if v.demo { " " span class="badge demo" { "demo" } }
                                }
                                td { (v.detail) }
                            }
                        }
                        @if let Some(why) = &m.missing {
                            tr { td colspan="3" class="muted" { (tr(lang, "area-no-value")) (why.get(lang)) } }
                        }
                    }
                }
            }
        }
    }
}

fn strategy_list(
    strategies: &[Strategy],
    actions: &[ActionRecord],
    roll: &PlanRollup,
    monitors: &std::collections::BTreeMap<String, Vec<app::key_figures::Monitor>>,
    lang: Lang,
) -> Markup {
    html! {
        ul class="plain strategies" {
            @for s in strategies {
                @let linked: Vec<&ActionRecord> = actions.iter().filter(|a| a.action.strategies.contains(&s.id)).collect();
                li {
                    strong { (s.id) } " " span lang=[layout::lang_attr(lang, Lang::Nb)] { (s.text) }
                    @if let Some(n) = s.added_by_amendment { " " span class="badge" { (tr(lang, "area-added-on-adoption-amendment")) (n) } }
                    br;
                    (charts::progress_bar(roll.strategy(&s.id).and_then(|r| r.progress).map(|p| p.percent), &s.id, lang))
                    @if let Some(m) = monitors.get(&s.id) { (monitor_tables(m, &format!("t-monitor-{}", s.id), lang)) }
                    @if !linked.is_empty() {
                        ul {
                            @for a in linked {
                                li {
                                    a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) " " (a.action.title) }
                                    " – " (a.action.status.label(lang)) ", " (a.action.progress) "\u{a0}%"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /innsatsomrader/{number}`
pub async fn page(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let Some(area) = plan.focus_areas.iter().find(|a| a.number == number) else {
        return Err(WebError::NotFound(format!("no focus area {number}")));
    };
    let actions = state.store.actions(&state.plan_code).await?;
    let roll = super::rollup(&plan, &actions, Weighting::Mean);
    let facts = fact_rows(&state, &plan, area.all_facts().collect()).await?;
    // The strategies' monitoring key figures, up to last year.
    let last_year = time::OffsetDateTime::now_utc().year() - 1;
    let mut monitors = std::collections::BTreeMap::new();
    for s in area.all_strategies().filter(|s| !s.monitor.is_empty()) {
        let m = app::key_figures::monitor(&state.store, &plan, s, last_year, None).await?;
        monitors.insert(s.id.clone(), m);
    }
    // The district table where the plan speaks of districts (`districts = true`).
    let districts = if area.districts {
        app::districts::district_table(&state.store, &plan).await?
    } else {
        None
    };
    let synthetic = districts.as_ref().is_some_and(super::districts::synthetic)
        || facts
            .iter()
            .any(|f| f.computed.as_ref().is_some_and(|c| c.2))
        || monitors
            .values()
            .flatten()
            .any(|m| m.values.iter().any(|v| v.demo));
    let title = format!("{} {}", area.number, area.title.get(lang));
    let body = html! {
        p class="muted" { a href=(href(lang, "/#innsatsomrader")) { (tr(lang, "layout-focus-areas")) } " › " (area.number) }
        h1 { (title) }
        @if synthetic { (layout::synthetic_banner(lang)) }
        p { (tr(lang, "area-progress-strategies-without-actions-count"))
            (charts::progress_bar(roll.area(&area.number).and_then(|r| r.progress).map(|p| p.percent), &title, lang)) }
        @if let Some(r) = roll.area(&area.number) { p class="muted coverage" { (super::progress::coverage_text(lang, r.coverage)) ". " a href=(href(lang, "/fremdrift")) { (tr(lang, "area-progress-by-strategy")) } } }
        p lang=[layout::lang_attr(lang, Lang::Nb)] { (area.description) }
        @if !facts.is_empty() {
            h2 { (tr(lang, "area-facts")) }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-quoted" {
                table {
                    caption id="t-quoted" class="muted" { (tr(lang, "area-quoted-from-the-plan-s")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "area-fact-quoted")) }
                        th scope="col" { (tr(lang, "area-section")) }
                        th scope="col" { (tr(lang, "area-computed")) }
                    } }
                    tbody {
                        @for f in &facts {
                            tr {
                                td lang=[layout::lang_attr(lang, Lang::Nb)] { (f.fact.text) }
                                td { (f.fact.section) }
                                td {
                                    @if let Some((v, y, syn)) = &f.computed {
                                        (v) " (" (y) ")" @if *syn { " " span class="badge" { (tr(lang, "area-synthetic")) } }
                                        @if let Some(va) = &f.value_added {
                                            br;
                                            (pick(lang, app::plan_facts::VALUE_ADDED_LABEL, app::plan_facts::VALUE_ADDED_LABEL_EN)) ": " (va)
                                        }
                                    } @else if f.fact.computed_by.is_some() {
                                        span class="muted" { (tr(lang, "area-not-computed-yet")) }
                                    } @else {
                                        span class="muted" aria-hidden="true" { "–" }
                                        span class="sr-only" { (tr(lang, "area-not-computed")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(t) = &districts { (super::districts::section(t, lang)) }
        h2 { (tr(lang, "area-strategies-and-actions")) }
        (strategy_list(&area.strategies, &actions, &roll, &monitors, lang))
        @for sub in &area.sub_areas {
            section aria-labelledby=(format!("sub-{}", sub.number)) {
                h3 id=(format!("sub-{}", sub.number)) { (sub.number) " " (sub.title.get(lang)) }
                p lang=[layout::lang_attr(lang, Lang::Nb)] { (sub.description) }
                (strategy_list(&sub.strategies, &actions, &roll, &monitors, lang))
            }
        }
    };
    Ok(layout::page(
        lang,
        &title,
        &format!("/innsatsomrader/{}", area.number),
        body,
    )
    .into_response())
}
