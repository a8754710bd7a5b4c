//! Creating and editing actions (editors and admins).
//!
//! Every edit form carries the version it was based on in a hidden field, and every save goes
//! through `Store::update_action`, which refuses a stale version: the answer is then HTTP 409 with
//! what changed meanwhile (who, when, field, old → new), the action as it is now, and the form
//! still holding the user's input — nothing is overwritten. The form's version is moved to the
//! current one, so saving again is a deliberate decision made after seeing the other changes.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use plan::{Action, ActionOrigin, ActionStatus, Lang, Plan};
use serde::{Deserialize, Deserializer};
use store::{ActionPatch, ActionRecord, HistoryEntry, UpdateError};

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::guard::{self, Editor};
use crate::layout::{href, tr};
use crate::pages::actions::{field_label, history_table, value_label};
use crate::pages::load_plan;
use crate::{AppState, WebError};

/// The action form's values as typed (strings), so that invalid input can be shown back; also
/// the submitted form (every field may be left out: it then reads as empty).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    /// Id (only for new actions).
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Owner.
    pub owner: String,
    /// Partners, one per line.
    pub partners: String,
    /// Start date `YYYY-MM-DD` or empty.
    pub start: String,
    /// End date or empty.
    pub end: String,
    /// Status machine name.
    pub status: String,
    /// Progress 0–100.
    pub progress: String,
    /// Comment.
    pub comment: String,
    /// Linked strategies (a checkbox group: the name repeats).
    #[serde(deserialize_with = "guard::many")]
    pub strategies: Vec<String>,
    /// Weight or empty.
    pub weight: String,
    /// Cost estimate in whole kroner, or empty.
    pub cost_estimate: String,
    /// Budget years (`2025; 2026`, `2025–2027`).
    pub budget_years: String,
    /// Funding source.
    pub funding_source: String,
    /// The handlingsprogram item.
    pub handlingsprogram: String,
    /// Contact person.
    pub contact: String,
    /// Milestones, one per line (`2025-06-30 Title`, `[x]` before one reached).
    pub milestones: String,
    /// Topp-10 year, or empty.
    pub priority_year: String,
    /// Topp-10 decision reference.
    pub priority_decision: String,
    /// Topp-10 decision date, or empty.
    pub priority_decided: String,
    /// The 5.9 tasks served (a checkbox group).
    #[serde(deserialize_with = "guard::many")]
    pub tasks: Vec<String>,
    /// The version the edit is based on (not a number: 0).
    #[serde(deserialize_with = "lenient_version")]
    pub version: i64,
}

/// The hidden `version` field: a number, or 0 when it is anything else.
fn lenient_version<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(String::deserialize(d)?.trim().parse().unwrap_or(0))
}

/// The short status form at the top of an action's staff page (issue 19 item 5): status,
/// progress and comment only, with the version it was based on. Saved through the same
/// `Store::update_action` as the full form (history rows, optimistic concurrency).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    /// Status machine name.
    pub status: String,
    /// Progress 0–100.
    pub progress: String,
    /// Comment (replaces the action's comment; the history keeps the old one).
    pub comment: String,
    /// The version the change is based on (not a number: 0).
    #[serde(deserialize_with = "lenient_version")]
    pub version: i64,
}

impl StatusForm {
    /// The form for an action as it is.
    pub fn from_record(r: &ActionRecord) -> Self {
        StatusForm {
            status: r.action.status.as_str().into(),
            progress: r.action.progress.to_string(),
            comment: r.comment.clone(),
            version: r.version,
        }
    }

    /// The status part of a full edit form (shown beside it when that form comes back).
    fn of_edit(f: &ActionForm) -> Self {
        StatusForm {
            status: f.status.clone(),
            progress: f.progress.clone(),
            comment: f.comment.clone(),
            version: f.version,
        }
    }

    /// The change, or (field, message) for each problem (fields named as in the page: `q-…`).
    pub fn patch(&self, lang: Lang) -> Result<ActionPatch, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let status = ActionStatus::parse(&self.status);
        if status.is_none() {
            errors.push((
                "q-status",
                tr(lang, "staff-actions-choose-a-status").to_string(),
            ));
        }
        let progress = self
            .progress
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= 100);
        if progress.is_none() {
            errors.push((
                "q-progress",
                tr(lang, "staff-actions-progress-must-be-a-whole").to_string(),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ActionPatch {
            status,
            progress,
            comment: Some(self.comment.trim().to_string()),
            ..Default::default()
        })
    }
}

/// The parsed form.
pub struct Parsed {
    title: String,
    description: String,
    owner: String,
    partners: Vec<String>,
    start: Option<time::Date>,
    end: Option<time::Date>,
    status: ActionStatus,
    progress: u8,
    comment: String,
    strategies: Vec<String>,
    weight: Option<f64>,
    budget: plan::Budget,
    tasks: Vec<String>,
}

fn parse_date(s: &str) -> Result<Option<time::Date>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    plan::date::parse(s).map(Some).map_err(|_| ())
}

impl ActionForm {
    /// The form for an existing action.
    pub fn from_record(r: &ActionRecord) -> Self {
        let a = &r.action;
        ActionForm {
            id: a.id.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            owner: a.owner.clone(),
            partners: a.partners.join("\n"),
            start: a.start.map(|d| d.to_string()).unwrap_or_default(),
            end: a.end.map(|d| d.to_string()).unwrap_or_default(),
            status: a.status.as_str().into(),
            progress: a.progress.to_string(),
            comment: r.comment.clone(),
            strategies: a.strategies.clone(),
            weight: r.weight.map(|w| w.to_string()).unwrap_or_default(),
            cost_estimate: a
                .budget
                .cost_estimate
                .map(|c| c.to_string())
                .unwrap_or_default(),
            budget_years: plan::years_text(&a.budget.budget_years),
            funding_source: a.budget.funding_source.clone(),
            handlingsprogram: a.budget.handlingsprogram.clone(),
            contact: a.budget.contact.clone(),
            milestones: plan::Milestone::list_text(&a.budget.milestones, "\n"),
            priority_year: a
                .budget
                .priority
                .as_ref()
                .map(|p| p.year.to_string())
                .unwrap_or_default(),
            priority_decision: a
                .budget
                .priority
                .as_ref()
                .map(|p| p.decision.clone())
                .unwrap_or_default(),
            priority_decided: a
                .budget
                .priority
                .as_ref()
                .and_then(|p| p.decided)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            tasks: a.tasks.clone(),
            version: r.version,
        }
    }

    /// Checks every field; on failure, (field, message) for each problem.
    pub fn parse(&self, lang: Lang) -> Result<Parsed, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push((
                "title",
                tr(lang, "staff-actions-the-title-may-not-be").to_string(),
            ));
        }
        let start = parse_date(&self.start).unwrap_or_else(|_| {
            errors.push((
                "start",
                tr(lang, "staff-actions-the-start-date-must-be").to_string(),
            ));
            None
        });
        let end = parse_date(&self.end).unwrap_or_else(|_| {
            errors.push((
                "end",
                tr(lang, "staff-actions-the-end-date-must-be").to_string(),
            ));
            None
        });
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.push((
                "end",
                tr(lang, "staff-actions-the-end-date-is-before").to_string(),
            ));
        }
        let status = ActionStatus::parse(&self.status).unwrap_or_else(|| {
            errors.push((
                "status",
                tr(lang, "staff-actions-choose-a-status").to_string(),
            ));
            ActionStatus::NotStarted
        });
        let progress = match self.progress.trim().parse::<u8>() {
            Ok(p) if p <= 100 => p,
            _ => {
                errors.push((
                    "progress",
                    tr(lang, "staff-actions-progress-must-be-a-whole").to_string(),
                ));
                0
            }
        };
        let weight = match self.weight.trim().replace(',', ".") {
            w if w.is_empty() => None,
            w => match w.parse::<f64>() {
                // The domain's rule, the same as the API's and the import's.
                Ok(x) if store::actions::check_weight(x).is_ok() => Some(x),
                _ => {
                    errors.push((
                        "weight",
                        tr(lang, "staff-actions-the-weight-must-be-a").to_string(),
                    ));
                    None
                }
            },
        };
        let budget = self.budget(lang, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Parsed {
            title: self.title.trim().to_string(),
            description: self.description.trim().to_string(),
            owner: self.owner.trim().to_string(),
            partners: self
                .partners
                .lines()
                .flat_map(|l| l.split(';'))
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            start,
            end,
            status,
            progress,
            comment: self.comment.trim().to_string(),
            strategies: self.strategies.clone(),
            weight,
            budget,
            tasks: self.tasks.clone(),
        })
    }

    /// The budget-cycle fields, checked (problems pushed to `errors` by field).
    fn budget(&self, lang: Lang, errors: &mut Vec<(&'static str, String)>) -> plan::Budget {
        let cost_estimate = match self.cost_estimate.trim() {
            "" => None,
            c => app::action_sheet::parse_cost(c).or_else(|| {
                errors.push((
                    "cost_estimate",
                    tr(lang, "staff-actions-cost-invalid").to_string(),
                ));
                None
            }),
        };
        let budget_years = plan::parse_years(&self.budget_years).unwrap_or_else(|bad| {
            errors.push((
                "budget_years",
                i18n::Message::new("staff-actions-years-invalid")
                    .arg("value", bad)
                    .text(lang),
            ));
            Vec::new()
        });
        let milestones = plan::Milestone::parse_list(&self.milestones).unwrap_or_else(|bad| {
            errors.push((
                "milestones",
                i18n::Message::new("staff-actions-milestone-invalid")
                    .arg("value", bad)
                    .text(lang),
            ));
            Vec::new()
        });
        let decided = parse_date(&self.priority_decided).unwrap_or_else(|_| {
            errors.push((
                "priority_decided",
                tr(lang, "staff-actions-priority-date-invalid").to_string(),
            ));
            None
        });
        let decision = self.priority_decision.trim().to_string();
        let priority = match self.priority_year.trim() {
            "" => {
                if !decision.is_empty() || decided.is_some() {
                    errors.push((
                        "priority_year",
                        tr(lang, "staff-actions-priority-needs-year").to_string(),
                    ));
                }
                None
            }
            y => match y.parse::<i32>() {
                Ok(year) if (1900..=2200).contains(&year) => Some(plan::Priority {
                    year,
                    decision,
                    decided,
                }),
                _ => {
                    errors.push((
                        "priority_year",
                        tr(lang, "staff-actions-priority-year-invalid").to_string(),
                    ));
                    None
                }
            },
        };
        plan::Budget {
            cost_estimate,
            budget_years,
            funding_source: self.funding_source.trim().to_string(),
            handlingsprogram: self.handlingsprogram.trim().to_string(),
            contact: self.contact.trim().to_string(),
            milestones,
            priority,
        }
    }
}

impl Parsed {
    fn patch(self) -> ActionPatch {
        ActionPatch {
            title: Some(self.title),
            description: Some(self.description),
            owner: Some(self.owner),
            partners: Some(self.partners),
            start: Some(self.start),
            end: Some(self.end),
            status: Some(self.status),
            progress: Some(self.progress),
            comment: Some(self.comment),
            strategies: Some(self.strategies),
            weight: Some(self.weight),
            cost_estimate: Some(self.budget.cost_estimate),
            budget_years: Some(self.budget.budget_years),
            funding_source: Some(self.budget.funding_source),
            handlingsprogram: Some(self.budget.handlingsprogram),
            contact: Some(self.budget.contact),
            milestones: Some(self.budget.milestones),
            priority: Some(self.budget.priority),
            tasks: Some(self.tasks),
        }
    }
}

/// Whether the form edits an existing action or makes a new one.
#[derive(Clone, Copy)]
enum Mode<'a> {
    New,
    Edit(&'a str),
}

/// The short status form on an edit page: its values, its problems, and whether the page
/// follows a save (the confirmation box).
#[derive(Default)]
struct Extra<'a> {
    quick: Option<&'a StatusForm>,
    quick_errors: &'a [(&'static str, String)],
    saved: bool,
}

/// What changed meanwhile, for the 409 page.
struct Conflict<'a> {
    current: &'a ActionRecord,
    since: &'a [HistoryEntry],
}

fn err_for<'a>(errors: &'a [(&'static str, String)], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

#[allow(clippy::too_many_arguments)]
fn render(
    lang: Lang,
    staff: &Staff,
    plan: &Plan,
    form: &ActionForm,
    errors: &[(&'static str, String)],
    general_error: Option<&str>,
    mode: Mode,
    conflict: Option<Conflict>,
    extra: Extra,
) -> Markup {
    let (title, action, path) = match mode {
        Mode::New => (
            tr(lang, "staff-actions-new-action").to_string(),
            "/intern/tiltak/ny".to_string(),
            "/intern/tiltak/ny".to_string(),
        ),
        Mode::Edit(id) => (
            format!("{} {id}", tr(lang, "staff-actions-edit-action")),
            format!("/intern/tiltak/{id}"),
            format!("/intern/tiltak/{id}"),
        ),
    };
    let text_field = |name: &'static str, label: &str, value: &str, hint: Option<&str>| {
        let err = err_for(errors, name);
        let hint_id = format!("{name}-hint");
        let err_id = format!("{name}-error");
        let described: Vec<&str> = [hint.map(|_| hint_id.as_str()), err.map(|_| err_id.as_str())]
            .into_iter()
            .flatten()
            .collect();
        html! {
            div class="field" {
                label for=(name) { (label) }
                @if let Some(h) = hint { span class="hint" id=(hint_id) { (h) } }
                @if let Some(e) = err { span class="error" id=(err_id) { (e) } }
                input type="text" id=(name) name=(name) value=(value)
                    aria-invalid=[err.map(|_| "true")]
                    aria-describedby=[(!described.is_empty()).then(|| described.join(" "))];
            }
        }
    };
    let quick_form = |q: &StatusForm, id: &str| {
        let qerr = |f: &str| err_for(extra.quick_errors, f);
        html! {
            section class="quick-status" aria-labelledby="status-heading" {
                h2 id="status-heading" { (tr(lang, "staff-status-update")) }
                p class="hint" id="q-hint" { (tr(lang, "staff-status-hint")) }
                form class="stack" method="post" action=(format!("/intern/tiltak/{id}/status")) aria-describedby="q-hint" {
                    (hidden(staff, lang))
                    input type="hidden" name="version" value=(q.version);
                    div class="field" {
                        label for="q-status" { (tr(lang, "staff-status-label")) }
                        @if let Some(e) = qerr("q-status") { span class="error" id="q-status-error" { (e) } }
                        select id="q-status" name="status" aria-invalid=[qerr("q-status").map(|_| "true")] {
                            @for s in ActionStatus::ALL {
                                option value=(s.as_str()) selected[q.status == s.as_str()] { (s.label(lang)) }
                            }
                        }
                    }
                    div class="field" {
                        label for="q-progress" { (tr(lang, "staff-actions-progress-0-100")) }
                        @if let Some(e) = qerr("q-progress") { span class="error" id="q-progress-error" { (e) } }
                        input type="number" id="q-progress" name="progress" min="0" max="100" step="1" value=(q.progress)
                            aria-invalid=[qerr("q-progress").map(|_| "true")]
                            aria-describedby=[qerr("q-progress").map(|_| "q-progress-error")];
                    }
                    div class="field" {
                        label for="q-comment" { (tr(lang, "actions-comment")) }
                        textarea id="q-comment" name="comment" rows="3" { (q.comment) }
                    }
                    button type="submit" { (tr(lang, "staff-status-save")) }
                }
            }
        }
    };
    let body = html! {
        h1 { (title) }
        @if extra.saved { (super::saved_notice(lang)) }
        @if let Mode::Edit(id) = mode {
            p { a href=(href(lang, &format!("/tiltak/{id}"))) { (tr(lang, "staff-view-public-page")) } }
        }
        @if let Some(c) = &conflict {
            div class="conflict" role="alert" id="conflict" {
                h2 { (tr(lang, "staff-actions-the-action-was-changed-by")) }
                p { (tr(lang, "staff-actions-someone-saved-changes-after-you")) }
                (history_table(c.since, lang, &tr(lang, "staff-actions-changed-meanwhile"), "t-changed-meanwhile", false))
                p { (tr(lang, "staff-actions-now")) (tr(lang, "staff-actions-version")) (c.current.version) ", "
                    (field_label("status", lang)) " " (value_label("status", &Some(c.current.action.status.as_str().into()), lang)) ", "
                    (field_label("progress", lang)) " " (c.current.action.progress) "\u{a0}%." }
            }
        }
        @if let Some(e) = general_error { div class="error" role="alert" { (e) } }
        @if !errors.is_empty() {
            div class="error" role="alert" {
                p { (tr(lang, "staff-actions-the-form-has-errors")) }
                ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (m) } } } }
            }
        }
        @if let (Mode::Edit(id), Some(q)) = (&mode, extra.quick) {
            @if !extra.quick_errors.is_empty() {
                div class="error" role="alert" {
                    p { (tr(lang, "staff-actions-the-form-has-errors")) }
                    ul { @for (f, m) in extra.quick_errors { li { a href=(format!("#{f}")) { (m) } } } }
                }
            }
            (quick_form(q, id))
            h2 { (tr(lang, "staff-full-edit")) }
        }
        form class="stack" method="post" action=(action) {
            (hidden(staff, lang))
            input type="hidden" name="version" value=(form.version);
            @if matches!(mode, Mode::New) {
                (text_field("id", "Id", &form.id, Some(&tr(lang, "staff-actions-short-and-unique-e-g"))))
            }
            (text_field("title", &tr(lang, "staff-actions-title"), &form.title, None))
            div class="field" {
                label for="description" { (tr(lang, "staff-actions-description")) }
                textarea id="description" name="description" { (form.description) }
            }
            (text_field("owner", &tr(lang, "actions-owner"), &form.owner, None))
            div class="field" {
                label for="partners" { (tr(lang, "actions-partners")) }
                span class="hint" id="partners-hint" { (tr(lang, "staff-actions-one-per-line")) }
                textarea id="partners" name="partners" aria-describedby="partners-hint" { (form.partners) }
            }
            div class="field" {
                label for="start" { (tr(lang, "staff-actions-start-date")) }
                @if let Some(e) = err_for(errors, "start") { span class="error" id="start-error" { (e) } }
                input type="date" id="start" name="start" value=(form.start) aria-invalid=[err_for(errors, "start").map(|_| "true")];
            }
            div class="field" {
                label for="end" { (tr(lang, "staff-actions-end-date")) }
                @if let Some(e) = err_for(errors, "end") { span class="error" id="end-error" { (e) } }
                input type="date" id="end" name="end" value=(form.end) aria-invalid=[err_for(errors, "end").map(|_| "true")];
            }
            div class="field" {
                label for="status" { "Status" }
                select id="status" name="status" {
                    @for s in ActionStatus::ALL {
                        option value=(s.as_str()) selected[form.status == s.as_str()] { (s.label(lang)) }
                    }
                }
            }
            div class="field" {
                label for="progress" { (tr(lang, "staff-actions-progress-0-100")) }
                @if let Some(e) = err_for(errors, "progress") { span class="error" id="progress-error" { (e) } }
                input type="number" id="progress" name="progress" min="0" max="100" step="1" value=(form.progress)
                    aria-invalid=[err_for(errors, "progress").map(|_| "true")];
            }
            div class="field" {
                label for="comment" { (tr(lang, "actions-comment")) }
                textarea id="comment" name="comment" { (form.comment) }
            }
            div class="field" {
                label for="weight" { (tr(lang, "staff-actions-weight-in-the-roll-up")) }
                @if let Some(e) = err_for(errors, "weight") { span class="error" id="weight-error" { (e) } }
                input type="text" inputmode="decimal" id="weight" name="weight" value=(form.weight);
            }
            fieldset class="budget" {
                legend { (tr(lang, "staff-actions-budget-legend")) }
                (text_field("cost_estimate", &tr(lang, "actions-cost-estimate"), &form.cost_estimate, Some(&tr(lang, "staff-actions-cost-hint"))))
                (text_field("budget_years", &tr(lang, "actions-budget-years"), &form.budget_years, Some(&tr(lang, "staff-actions-budget-years-hint"))))
                (text_field("funding_source", &tr(lang, "actions-funding-source"), &form.funding_source, None))
                (text_field("handlingsprogram", &tr(lang, "actions-handlingsprogram"), &form.handlingsprogram, Some(&tr(lang, "staff-actions-handlingsprogram-hint"))))
                (text_field("contact", &tr(lang, "actions-contact"), &form.contact, None))
                div class="field" {
                    label for="milestones" { (tr(lang, "actions-milestones")) }
                    span class="hint" id="milestones-hint" { (tr(lang, "staff-actions-milestones-hint")) }
                    @if let Some(e) = err_for(errors, "milestones") { span class="error" id="milestones-error" { (e) } }
                    textarea id="milestones" name="milestones" aria-describedby="milestones-hint"
                        aria-invalid=[err_for(errors, "milestones").map(|_| "true")] { (form.milestones) }
                }
                (text_field("priority_year", &tr(lang, "staff-actions-priority-year"), &form.priority_year, Some(&tr(lang, "staff-actions-priority-year-hint"))))
                (text_field("priority_decision", &tr(lang, "staff-actions-priority-decision"), &form.priority_decision, None))
                div class="field" {
                    label for="priority_decided" { (tr(lang, "staff-actions-priority-decided")) }
                    @if let Some(e) = err_for(errors, "priority_decided") { span class="error" id="priority_decided-error" { (e) } }
                    input type="date" id="priority_decided" name="priority_decided" value=(form.priority_decided)
                        aria-invalid=[err_for(errors, "priority_decided").map(|_| "true")];
                }
            }
            @for p in &plan.premises {
                fieldset class="strategies" {
                    legend { (i18n::Message::new("staff-actions-tasks-in").arg("number", &p.number).arg("title", p.title.get(lang)).text(lang)) }
                    @for t in &p.tasks {
                        @let cid = format!("o-{}", t.id);
                        label for=(cid) {
                            input type="checkbox" id=(cid) name="tasks" value=(t.id) checked[form.tasks.contains(&t.id)];
                            " " strong { (t.id) } " " (t.text)
                        }
                    }
                }
            }
            @for area in &plan.focus_areas {
                fieldset class="strategies" {
                    legend { (tr(lang, "staff-actions-strategies-in")) (area.number) " " (area.title.get(lang)) }
                    @for s in area.all_strategies() {
                        @let cid = format!("s-{}", s.id);
                        label for=(cid) {
                            input type="checkbox" id=(cid) name="strategies" value=(s.id) checked[form.strategies.contains(&s.id)];
                            " " strong { (s.id) } " " (s.text)
                        }
                    }
                }
            }
            button type="submit" { (tr(lang, "staff-actions-save")) }
        }
    };
    super::page(lang, &title, &path, staff, body)
}

/// `GET /intern/tiltak/ny`
pub async fn new_form(State(state): State<AppState>, g: Editor) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let plan = load_plan(&state).await?;
    let actions = state.store.actions(&state.plan_code).await?;
    let next = actions
        .iter()
        .filter_map(|a| {
            a.action
                .id
                .strip_prefix('T')
                .and_then(|n| n.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0)
        + 1;
    let form = ActionForm {
        id: format!("T{next}"),
        status: ActionStatus::NotStarted.as_str().into(),
        progress: "0".into(),
        version: 0,
        ..Default::default()
    };
    Ok(respond(
        StatusCode::OK,
        render(
            lang,
            staff,
            &plan,
            &form,
            &[],
            None,
            Mode::New,
            None,
            Extra::default(),
        ),
    ))
}

/// `POST /intern/tiltak/ny`
pub async fn create(
    State(state): State<AppState>,
    g: Editor<ActionForm>,
) -> Result<Response, WebError> {
    let (lang, staff, mut form) = (g.lang, &g.staff, g.form);
    form.id = form.id.trim().to_string();
    let plan = load_plan(&state).await?;
    let mut errors = match form.parse(lang) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    if form.id.is_empty()
        || form
            .id
            .chars()
            .any(|c| c.is_whitespace() || c == '/' || c == '?' || c == '#')
        || form.id.len() > 32
    {
        errors.insert(
            0,
            ("id", tr(lang, "staff-actions-the-id-must-be-1").to_string()),
        );
    }
    let parsed = match (errors.is_empty(), form.parse(lang)) {
        (true, Ok(p)) => p,
        _ => {
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(
                    lang,
                    staff,
                    &plan,
                    &form,
                    &errors,
                    None,
                    Mode::New,
                    None,
                    Extra::default(),
                ),
            ));
        }
    };
    let action = Action {
        id: form.id.clone(),
        title: parsed.title.clone(),
        description: parsed.description.clone(),
        strategies: parsed.strategies.clone(),
        owner: parsed.owner.clone(),
        partners: parsed.partners.clone(),
        start: parsed.start,
        end: parsed.end,
        status: parsed.status,
        progress: parsed.progress,
        deliveries: Vec::new(),
        origin: ActionOrigin::Staff,
        budget: parsed.budget.clone(),
        tasks: parsed.tasks.clone(),
    };
    let actor = staff.user().name.clone();
    match state
        .store
        .create_action(&state.plan_code, &action, &actor)
        .await
    {
        Ok(rec) => {
            // Comment and weight are not part of `Action`: set them as the first edit.
            let extra = ActionPatch {
                comment: Some(parsed.comment),
                weight: Some(parsed.weight),
                ..Default::default()
            };
            state
                .store
                .update_action(
                    &state.plan_code,
                    &rec.action.id,
                    rec.version,
                    &extra,
                    &actor,
                )
                .await?;
            Ok(super::saved_redirect(
                lang,
                &format!("/intern/tiltak/{}", rec.action.id),
                None,
            ))
        }
        // Refusals are shown in the form, with the user's input kept.
        Err(UpdateError::Invalid(m)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                lang,
                staff,
                &plan,
                &form,
                &[],
                Some(&m),
                Mode::New,
                None,
                Extra::default(),
            ),
        )),
        Err(e @ UpdateError::Exists(_)) => Ok(respond(
            StatusCode::CONFLICT,
            render(
                lang,
                staff,
                &plan,
                &form,
                &[],
                Some(&e.to_string()),
                Mode::New,
                None,
                Extra::default(),
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

/// `GET /intern/tiltak/{id}` (`?lagret=1` after a save: the confirmation).
pub async fn edit_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    g: Editor<SavedQuery>,
) -> Result<Response, WebError> {
    let (lang, staff) = (g.lang, &g.staff);
    let plan = load_plan(&state).await?;
    let rec = state
        .store
        .action(&state.plan_code, &id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no action {id}")))?;
    let form = ActionForm::from_record(&rec);
    let quick = StatusForm::from_record(&rec);
    Ok(respond(
        StatusCode::OK,
        render(
            lang,
            staff,
            &plan,
            &form,
            &[],
            None,
            Mode::Edit(&rec.action.id),
            None,
            Extra {
                quick: Some(&quick),
                saved: g.form.saved(),
                ..Default::default()
            },
        ),
    ))
}

/// `POST /intern/tiltak/{id}/status`: the short status form (status, progress, comment). The
/// same store call as the full edit: one history row per changed field, a stale version
/// refused with 409 and what changed meanwhile.
pub async fn update_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    g: Editor<StatusForm>,
) -> Result<Response, WebError> {
    let (lang, staff, mut quick) = (g.lang, &g.staff, g.form);
    let plan = load_plan(&state).await?;
    let rec = state
        .store
        .action(&state.plan_code, &id)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("no action {id}")))?;
    let form = ActionForm::from_record(&rec);
    let patch = match quick.patch(lang) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(
                    lang,
                    staff,
                    &plan,
                    &form,
                    &[],
                    None,
                    Mode::Edit(&rec.action.id),
                    None,
                    Extra {
                        quick: Some(&quick),
                        quick_errors: &errors,
                        saved: false,
                    },
                ),
            ));
        }
    };
    match state
        .store
        .update_action(
            &state.plan_code,
            &id,
            quick.version,
            &patch,
            &staff.user().name,
        )
        .await
    {
        Ok(rec) => Ok(super::saved_redirect(
            lang,
            &format!("/intern/tiltak/{}", rec.action.id),
            None,
        )),
        // Stale: 409, the status form keeping the user's input on the current version, the
        // full form showing the action as it is now.
        Err(UpdateError::Conflict { current, since }) => {
            quick.version = current.version;
            let form = ActionForm::from_record(&current);
            Ok(respond(
                StatusCode::CONFLICT,
                render(
                    lang,
                    staff,
                    &plan,
                    &form,
                    &[],
                    None,
                    Mode::Edit(&id),
                    Some(Conflict {
                        current: &current,
                        since: &since,
                    }),
                    Extra {
                        quick: Some(&quick),
                        ..Default::default()
                    },
                ),
            ))
        }
        Err(UpdateError::Invalid(m)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                lang,
                staff,
                &plan,
                &form,
                &[],
                Some(&m),
                Mode::Edit(&id),
                None,
                Extra {
                    quick: Some(&quick),
                    ..Default::default()
                },
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

/// `POST /intern/tiltak/{id}`
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    g: Editor<ActionForm>,
) -> Result<Response, WebError> {
    let (lang, staff, mut form) = (g.lang, &g.staff, g.form);
    let plan = load_plan(&state).await?;
    let parsed = match form.parse(lang) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(
                    lang,
                    staff,
                    &plan,
                    &form,
                    &errors,
                    None,
                    Mode::Edit(&id),
                    None,
                    Extra {
                        quick: Some(&StatusForm::of_edit(&form)),
                        ..Default::default()
                    },
                ),
            ));
        }
    };
    match state
        .store
        .update_action(
            &state.plan_code,
            &id,
            form.version,
            &parsed.patch(),
            &staff.user().name,
        )
        .await
    {
        Ok(rec) => Ok(super::saved_redirect(
            lang,
            &format!("/intern/tiltak/{}", rec.action.id),
            None,
        )),
        // A stale edit: 409 with what changed meanwhile, the form keeping the user's input.
        Err(UpdateError::Conflict { current, since }) => {
            form.version = current.version;
            Ok(respond(
                StatusCode::CONFLICT,
                render(
                    lang,
                    staff,
                    &plan,
                    &form,
                    &[],
                    None,
                    Mode::Edit(&id),
                    Some(Conflict {
                        current: &current,
                        since: &since,
                    }),
                    Extra {
                        quick: Some(&StatusForm::of_edit(&form)),
                        ..Default::default()
                    },
                ),
            ))
        }
        Err(UpdateError::Invalid(m)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                lang,
                staff,
                &plan,
                &form,
                &[],
                Some(&m),
                Mode::Edit(&id),
                None,
                Extra {
                    quick: Some(&StatusForm::of_edit(&form)),
                    ..Default::default()
                },
            ),
        )),
        // Not found (404) and store failures (500).
        Err(e) => Err(e.into()),
    }
}
