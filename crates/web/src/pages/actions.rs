//! The action plan: the list with filters (focus area, strategy, status, owner — plain GET
//! parameters, so filtered views can be bookmarked and work without JavaScript) and a page per
//! action with its full public history (who, when, field, old → new).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::{ActionOrigin, ActionStatus, Lang, Plan};
use serde::Deserialize;
use store::{ActionRecord, HistoryEntry};

use crate::charts;
use crate::layout::{self, href, tr};
use crate::{AppState, WebError};

/// Filters of the action list. Empty values mean "all".
#[derive(Debug, Deserialize, Default)]
pub struct Filters {
    /// `en` for English.
    pub lang: Option<String>,
    /// Focus area number, e.g. `5.1`.
    pub omrade: Option<String>,
    /// Strategy id.
    pub strategi: Option<String>,
    /// Status machine name.
    pub status: Option<String>,
    /// Owner, exactly as stored.
    pub ansvarlig: Option<String>,
    /// Words to find in the action's title or its strategies' texts (case-insensitive).
    pub tekst: Option<String>,
    /// `1`: only late actions (marked delayed, or past their end date and not done).
    pub forsinket: Option<String>,
}

fn nonempty(o: &Option<String>) -> Option<&str> {
    o.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Whether an action passes the filters.
pub fn matches(plan: &Plan, a: &ActionRecord, f: &Filters) -> bool {
    if let Some(area) = nonempty(&f.omrade)
        && !a.action.strategies.iter().any(|s| {
            plan.focus_area_of_strategy(s)
                .is_some_and(|fa| fa.number == area)
        })
    {
        return false;
    }
    if let Some(s) = nonempty(&f.strategi)
        && !a.action.strategies.iter().any(|x| x == s)
    {
        return false;
    }
    if let Some(st) = nonempty(&f.status)
        && a.action.status.as_str() != st
    {
        return false;
    }
    if let Some(o) = nonempty(&f.ansvarlig)
        && a.action.owner != o
    {
        return false;
    }
    if let Some(words) = nonempty(&f.tekst) {
        let mut haystack = a.action.title.to_lowercase();
        for s in &a.action.strategies {
            haystack.push(' ');
            haystack.push_str(&s.to_lowercase());
            if let Some(st) = plan.strategies().find(|st| &st.id == s) {
                haystack.push(' ');
                haystack.push_str(&st.text.to_lowercase());
            }
        }
        if !words
            .to_lowercase()
            .split_whitespace()
            .all(|w| haystack.contains(w))
        {
            return false;
        }
    }
    if nonempty(&f.forsinket) == Some("1") && !app::as_of::is_late(&a.action, app::as_of::today()) {
        return false;
    }
    true
}

/// A strategy text shortened to about `max` characters at a word boundary, with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// A strategy reference for readers: its id and shortened text; the full text opens on click
/// or keyboard (`details`, no JavaScript).
pub fn strategy_ref(plan: &Plan, id: &str, lang: Lang) -> Markup {
    let text = plan
        .strategies()
        .find(|s| s.id == id)
        .map(|s| s.text.as_str())
        .unwrap_or("");
    let short = shorten(text, 60);
    html! {
        @if text.is_empty() {
            span class="strategy" { (id) }
        } @else if short == text {
            span class="strategy" { strong { (id) } " " (text) }
        } @else {
            details class="strategy" {
                summary { strong { (id) } " " (short) span class="sr-only" { " " (tr(lang, "actions-show-all")) } }
                p { (text) }
            }
        }
    }
}

/// An action's status as colour, icon and word (never colour alone), with the late mark.
pub fn status_badge(status: ActionStatus, late: bool, lang: Lang) -> Markup {
    let icon = match status {
        ActionStatus::NotStarted => "○",
        ActionStatus::InProgress => "◐",
        ActionStatus::Completed => "✓",
        ActionStatus::Delayed => "⚠",
        ActionStatus::OnHold => "‖",
        ActionStatus::Cancelled => "✗",
    };
    html! {
        span class=(format!("status status-{}", status.as_str())) {
            span aria-hidden="true" { (icon) " " } (status.label(lang))
        }
        @if late && status != ActionStatus::Delayed {
            " " span class="status status-late" { span aria-hidden="true" { "⚠ " } (tr(lang, "actions-late")) }
        }
    }
}

/// `GET /tiltak`
pub async fn list(
    State(state): State<AppState>,
    Query(f): Query<Filters>,
) -> Result<Markup, WebError> {
    let lang = crate::layout::lang_of(f.lang.as_deref());
    let plan = super::load_plan(&state).await?;
    let all = state.store.actions(&state.plan_code).await?;
    let shown: Vec<&ActionRecord> = all.iter().filter(|a| matches(&plan, a, &f)).collect();
    let mut owners: Vec<&str> = all
        .iter()
        .map(|a| a.action.owner.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    owners.sort();
    owners.dedup();
    let sel = |o: &Option<String>, v: &str| nonempty(o) == Some(v);
    let today = app::as_of::today();
    let body = html! {
        h1 { (tr(lang, "actions-the-action-plan")) }
        form class="filters" method="get" action=(layout::in_view("/tiltak")) {
            @if lang != crate::layout::default_lang() { input type="hidden" name="lang" value=(lang.code()); }
            div {
                label for="f-omrade" { (tr(lang, "actions-focus-area")) }
                select id="f-omrade" name="omrade" {
                    option value="" { (tr(lang, "actions-all")) }
                    @for a in &plan.focus_areas {
                        option value=(a.number) selected[sel(&f.omrade, &a.number)] { (a.number) " " (a.title.get(lang)) }
                    }
                }
            }
            div {
                label for="f-strategi" { (tr(lang, "actions-strategy")) }
                select id="f-strategi" name="strategi" {
                    option value="" { (tr(lang, "actions-all")) }
                    @for s in plan.strategies() {
                        option value=(s.id) selected[sel(&f.strategi, &s.id)] { (s.id) " – " (shorten(&s.text, 50)) }
                    }
                }
            }
            div {
                label for="f-status" { "Status" }
                select id="f-status" name="status" {
                    option value="" { (tr(lang, "actions-all")) }
                    @for s in ActionStatus::ALL {
                        option value=(s.as_str()) selected[sel(&f.status, s.as_str())] { (s.label(lang)) }
                    }
                }
            }
            div {
                label for="f-ansvarlig" { (tr(lang, "actions-owner")) }
                select id="f-ansvarlig" name="ansvarlig" {
                    option value="" { (tr(lang, "actions-all")) }
                    @for o in &owners {
                        option value=(o) selected[sel(&f.ansvarlig, o)] { (o) }
                    }
                }
            }
            div {
                label for="f-tekst" { (tr(lang, "actions-text-in-action-or-strategy")) }
                input id="f-tekst" name="tekst" type="search" value=(nonempty(&f.tekst).unwrap_or(""));
            }
            div class="check" {
                label {
                    input type="checkbox" name="forsinket" value="1" checked[nonempty(&f.forsinket) == Some("1")];
                    " " (tr(lang, "actions-late-only"))
                }
            }
            div { button type="submit" { (tr(lang, "actions-show")) } }
        }
        // The year's priority actions (topp 10) first, with the decision behind them.
        @if let Some(year) = app::as_of::priority_year(all.iter().map(|a| &a.action), None) {
            (priority_section(&app::as_of::priority_actions(&all, year), year, today, lang))
        }
        p role="status" { (shown.len()) " " (tr(lang, "actions-of")) " " (all.len()) " " (tr(lang, "actions-actions")) }
        // On a narrow screen the rows reflow into cards (the stylesheet's `table.reflow`: each
        // cell labelled by its column's data-label); the explicit roles keep it a table for
        // assistive technology when its display is changed.
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-actions" {
            @let strategies = tr(lang, "actions-strategies");
            @let owner = tr(lang, "actions-owner");
            @let progress = tr(lang, "layout-progress");
            @let changed = tr(lang, "actions-last-changed");
            table class="reflow" role="table" aria-labelledby="t-actions" {
                caption id="t-actions" class="muted" { (tr(lang, "actions-actions-with-strategies-owner-status")) }
                thead role="rowgroup" { tr role="row" {
                    th scope="col" role="columnheader" { "Id" }
                    th scope="col" role="columnheader" { (tr(lang, "actions-action")) }
                    th scope="col" role="columnheader" { (strategies) }
                    th scope="col" role="columnheader" { (owner) }
                    th scope="col" role="columnheader" { "Status" }
                    th scope="col" role="columnheader" { (progress) }
                    th scope="col" role="columnheader" { (changed) }
                } }
                tbody role="rowgroup" {
                    @for a in &shown {
                        tr role="row" {
                            td role="cell" class="card-id" { a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) } }
                            td role="cell" class="card-title" { (a.action.title) }
                            td role="cell" data-label=(strategies) { @for s in &a.action.strategies { (strategy_ref(&plan, s, lang)) } }
                            td role="cell" data-label=(owner) { (a.action.owner) }
                            td role="cell" data-label="Status" { (status_badge(a.action.status, app::as_of::is_late(&a.action, today), lang)) }
                            td role="cell" data-label=(progress) { (charts::progress_bar(Some(f64::from(a.action.progress)), &format!("{} {}", a.action.id, tr(lang, "actions-progress")), lang)) }
                            td role="cell" class="nowrap" data-label=(changed) { (app::as_of::local_stamp(&a.updated_at).get(..10).unwrap_or("")) }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(
        lang,
        &tr(lang, "actions-the-action-plan"),
        "/tiltak",
        body,
    ))
}

/// An action's budget cycle as `dt`/`dd` pairs (only what is filled in).
pub fn budget_list(b: &plan::Budget, lang: Lang) -> Markup {
    html! {
        @if let Some(p) = &b.priority {
            dt { (tr(lang, "actions-priority")) }
            dd { (p.to_text()) }
        }
        @if let Some(c) = b.cost_estimate {
            dt { (tr(lang, "actions-cost-estimate")) }
            dd { (match lang { Lang::En => plan::fmt::number_en(c as f64, 0), _ => plan::fmt::number(c as f64, 0) }) "\u{a0}" (tr(lang, "actions-kroner")) }
        }
        @if !b.budget_years.is_empty() {
            dt { (tr(lang, "actions-budget-years")) } dd { (plan::years_text(&b.budget_years)) }
        }
        @if !b.funding_source.is_empty() {
            dt { (tr(lang, "actions-funding-source")) } dd { (b.funding_source) }
        }
        @if !b.handlingsprogram.is_empty() {
            dt { (tr(lang, "actions-handlingsprogram")) } dd { (b.handlingsprogram) }
        }
        @if !b.contact.is_empty() {
            dt { (tr(lang, "actions-contact")) } dd { (b.contact) }
        }
        @if !b.milestones.is_empty() {
            dt { (tr(lang, "actions-milestones")) }
            dd { ul class="plain" {
                @for m in &b.milestones {
                    li { (m.date) " " (m.title) @if m.done { " (" (tr(lang, "actions-milestone-reached")) ")" } }
                }
            } }
        }
    }
}

/// The priority selection (topp 10) of `year`: the decision(s) behind it and its actions with
/// their status (late marked).
pub fn priority_section(
    selected: &[&ActionRecord],
    year: i32,
    today: time::Date,
    lang: Lang,
) -> Markup {
    let mut decisions: Vec<String> = Vec::new();
    for a in selected {
        if let Some(p) = &a.action.budget.priority {
            let d = match (p.decision.as_str(), p.decided) {
                ("", None) => continue,
                (d, None) => d.to_string(),
                ("", Some(day)) => day.to_string(),
                (d, Some(day)) => format!("{d}, {day}"),
            };
            if !decisions.contains(&d) {
                decisions.push(d);
            }
        }
    }
    let heading = i18n::Message::new("actions-priority-heading")
        .arg("year", year)
        .text(lang);
    html! {
        section id="topp-10" class="priority" aria-labelledby="topp-10-h" {
            h2 id="topp-10-h" { (heading) }
            p class="muted" {
                @if decisions.is_empty() {
                    (tr(lang, "actions-priority-none-decided"))
                } @else {
                    (i18n::Message::new("actions-priority-decided").arg("decision", decisions.join("; ")).text(lang))
                }
            }
            ol class="priority-list" {
                @for a in selected {
                    li {
                        a href=(href(lang, &format!("/tiltak/{}", a.action.id))) { (a.action.id) } " " (a.action.title) " – "
                        (status_badge(a.action.status, app::as_of::is_late(&a.action, today), lang))
                    }
                }
            }
        }
    }
}

/// A history field's name for readers.
pub fn field_label(field: &str, lang: Lang) -> String {
    // The budget cycle's fields and the tasks (issue 20), from the translation files.
    if matches!(
        field,
        "cost_estimate"
            | "budget_years"
            | "funding_source"
            | "handlingsprogram"
            | "contact"
            | "milestones"
            | "priority"
            | "tasks"
    ) {
        return tr(lang, &format!("history-field-{field}")).to_string();
    }
    match (field, lang) {
        ("created", Lang::Nb) => "opprettet",
        ("created", Lang::En) => "created",
        ("title", Lang::Nb) => "tittel",
        ("description", Lang::Nb) => "beskrivelse",
        ("owner", Lang::Nb) => "ansvarlig",
        ("partners", Lang::Nb) => "partnere",
        ("start", Lang::Nb) => "start",
        ("end", Lang::Nb) => "slutt",
        ("status", _) => "status",
        ("progress", Lang::Nb) => "fremdrift",
        ("comment", Lang::Nb) => "kommentar",
        ("strategies", Lang::Nb) => "strategier",
        ("weight", Lang::Nb) => "vekt",
        ("carried_over_from", Lang::Nb) => "videreført fra (plan/tiltak)",
        ("carried_over_from", Lang::En) => "carried over from (plan/action)",
        (f, _) => f,
    }
    .to_string()
}

/// A history value for readers (statuses by their label).
pub fn value_label(field: &str, v: &Option<String>, lang: Lang) -> String {
    match v.as_deref() {
        None | Some("") => "–".into(),
        Some(s) if field == "status" => ActionStatus::parse(s)
            .map(|x| x.label(lang).to_string())
            .unwrap_or_else(|| s.to_string()),
        Some(s) if field == "progress" => format!("{s}\u{a0}%"),
        Some(s) => s.to_string(),
    }
}

/// The history as a table.
pub fn history_table(
    history: &[HistoryEntry],
    lang: Lang,
    caption: &str,
    id: &str,
    show_action: bool,
) -> Markup {
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby=(id) {
            table {
                caption id=(id) { (caption) }
                thead { tr {
                    th scope="col" { (tr(lang, "actions-when-norwegian-time")) }
                    @if show_action { th scope="col" { (tr(lang, "actions-action")) } }
                    th scope="col" { (tr(lang, "actions-who")) }
                    th scope="col" { (tr(lang, "actions-field")) }
                    th scope="col" { (tr(lang, "actions-before")) }
                    th scope="col" { (tr(lang, "actions-after")) }
                    th scope="col" class="num" { (tr(lang, "actions-version")) }
                } }
                tbody {
                    @for h in history {
                        tr {
                            td { (app::as_of::local_stamp(&h.at)) }
                            @if show_action { td { a href=(href(lang, &format!("/tiltak/{}", h.action_id))) { (h.action_id) } } }
                            td { (h.actor) }
                            td { (field_label(&h.field, lang)) }
                            td { @if h.field != "created" { del { (value_label(&h.field, &h.old_value, lang)) } } }
                            td { ins { (value_label(&h.field, &h.new_value, lang)) } }
                            td class="num" { (h.version) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /tiltak/{id}`
pub async fn detail(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<layout::LangQuery>,
    staff: crate::auth::MaybeStaff,
) -> Result<Response, WebError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let Some(a) = state.store.action(&state.plan_code, &id).await? else {
        return Err(WebError::NotFound(format!("no action {id}")));
    };
    let mut history = state.store.history(&state.plan_code, &id).await?;
    history.reverse();
    // Actors by display name or role word, never by login name (issue 21).
    let names = state.store.public_names().await?;
    for h in &mut history {
        h.actor = names.of(&h.actor);
    }
    let updated_by = names.of(&a.updated_by);
    // Carried over from an earlier plan version, or on to a later one (issue 22 item 5): links
    // both ways, and the earlier action's history shown below this one's.
    let (from, to) = state.store.carry_overs(&state.plan_code, &id).await?;
    let versions = app::plan_versions::versions(&state.store, &state.plan_code).await?;
    let served = crate::demo::served();
    let label_of = |key: &str| {
        versions
            .iter()
            .find(|v| v.key == key)
            .map_or_else(|| key.to_string(), |v| super::plans::label(lang, v))
    };
    let mut earlier = Vec::new();
    if let Some(c) = &from {
        earlier = state.store.history(&c.from_plan, &c.from_action).await?;
        earlier.reverse();
        for h in &mut earlier {
            h.actor = names.of(&h.actor);
        }
    }
    let x = &a.action;
    let title = format!("{} {}", x.id, x.title);
    let body = html! {
        p class="muted" { a href=(href(lang, "/tiltak")) { (tr(lang, "actions-the-action-plan")) } " › " (x.id) }
        h1 { (title) }
        @if let Some(link) = super::edit_link(&staff, lang, &format!("/intern/tiltak/{}", x.id), "staff-edit-action-link") { (link) }
        @if !x.description.is_empty() { p { (x.description) } }
        dl {
            dt { "Status" } dd { (status_badge(x.status, app::as_of::is_late(x, app::as_of::today()), lang)) }
            dt { (tr(lang, "layout-progress")) } dd { (charts::progress_bar(Some(f64::from(x.progress)), &title, lang)) }
            dt { (tr(lang, "actions-owner")) } dd { (x.owner) }
            @if !x.partners.is_empty() { dt { (tr(lang, "actions-partners")) } dd { (x.partners.join(", ")) } }
            @if let Some(d) = x.start { dt { "Start" } dd { (d) } }
            @if let Some(d) = x.end { dt { (tr(lang, "actions-end")) } dd { (d) } }
            @if !a.comment.is_empty() { dt { (tr(lang, "actions-comment")) } dd { (a.comment) } }
            (budget_list(&x.budget, lang))
            @if !x.tasks.is_empty() {
                dt { (tr(lang, "actions-tasks")) }
                dd { ul class="plain" {
                    @for t in &x.tasks {
                        li { a href=(href(lang, &format!("/forutsetninger#{t}"))) { (t) } " "
                            (plan.tasks().find(|pt| &pt.id == t).map(|pt| pt.text.as_str()).unwrap_or("")) }
                    }
                } }
            }
            dt { (tr(lang, "actions-strategies")) }
            dd {
                ul class="plain" {
                    @for s in &x.strategies {
                        @let area = plan.focus_area_of_strategy(s);
                        @let text = plan.strategies().find(|st| &st.id == s).map(|st| st.text.as_str()).unwrap_or("");
                        li {
                            @if let Some(area) = area { a href=(href(lang, &format!("/innsatsomrader/{}", area.number))) { (s) } } @else { (s) }
                            " " (text)
                        }
                    }
                }
            }
            @if let ActionOrigin::DrawnFromText { section, quote } = &x.origin {
                dt { (tr(lang, "actions-drawn-from-the-plan-text")) }
                dd { blockquote { (quote) } " (" (section) ")" }
            }
            dt { (tr(lang, "actions-last-changed")) } dd { (app::as_of::local_stamp(&a.updated_at)) " " (tr(lang, "actions-by")) " " (updated_by) }
            @if let Some(c) = &from {
                dt { (tr(lang, "actions-carried-over-from")) }
                dd {
                    a href=(super::plans::action_link(lang, &c.from_plan, &served, &c.from_action)) { (tr(lang, "actions-action-2")) (c.from_action) }
                    " " (tr(lang, "actions-in")) " " (label_of(&c.from_plan)) ", " (app::as_of::local_stamp(&c.at))
                }
            }
            @for c in &to {
                dt { (tr(lang, "actions-carried-over-to")) }
                dd {
                    a href=(super::plans::action_link(lang, &c.to_plan, &served, &c.to_action)) { (tr(lang, "actions-action-2")) (c.to_action) }
                    " " (tr(lang, "actions-in")) " " (label_of(&c.to_plan)) ", " (app::as_of::local_stamp(&c.at))
                }
            }
        }
        h2 id="historikk" { (tr(lang, "actions-history")) }
        (history_table(&history, lang, &tr(lang, "actions-every-change-newest-first"), "t-history", false))
        @if let Some(c) = &from {
            h3 id="tidligere-historikk" { (tr(lang, "actions-history-from")) (label_of(&c.from_plan)) }
            (history_table(&earlier, lang, &format!("{} {} {}",
                tr(lang, "actions-the-changes-to-action"), c.from_action,
                tr(lang, "actions-before-it-was-carried-over")), "t-history-earlier", false))
        }
    };
    Ok(layout::page(lang, &title, &format!("/tiltak/{}", x.id), body).into_response())
}
