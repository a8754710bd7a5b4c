//! The action plan as a spreadsheet: export to CSV or XLSX, import from either.
//!
//! Why here: a use case shared by the staff upload page and the CLI (`naeringsplan actions
//! import|export`), so that the CLI does not reach into the web crate for it. Reading and checking
//! are pure (bytes in, rows or located errors out); writing goes through
//! `Store::apply_action_batch`, one transaction, so a file with any bad row changes nothing.
//!
//! The sheet has a header row with these columns (any order; only `id` is required; a column
//! left out leaves that field as it is): `id, title, description, strategies, owner, partners,
//! start, end, status, progress, comment, weight`, the budget cycle's `cost_estimate` (whole
//! kroner), `budget_years` (`2025; 2026` or `2025–2027`), `funding_source`, `handlingsprogram`,
//! `contact`, `milestones` (`2025-03-31 Mandat; [x] 2025-01-15 Oppstart`: `[x]` marks one
//! reached), the topp-10 selection `priority_year`, `priority_decision`, `priority_decided`, the
//! premise tasks served `tasks` (`5.9.2-o1; 5.9.2-o3`), and `version` — or their names in bokmål or nynorsk
//! (`tittel`, `beskrivelse`/`skildring`, …: the translation files' `sheet-column-*`), as an export
//! in that language writes them; statuses likewise by code or by their label in any of the three
//! languages. Problems are [`i18n::Message`]s, said in the reader's language. Lists (`strategies`, `partners`) are
//! separated by `;`. A row whose id exists updates that action (and, with `version`, only if the
//! action is still at that version); a new id creates one. Rows are numbered as a spreadsheet
//! shows them: the header is row 1.

use std::collections::HashMap;

use i18n::{Lang, Message};
use plan::{Action, ActionOrigin, ActionStatus, Plan};
use store::ActionRecord;
use store::actions::{ActionPatch, BatchItem};

/// Reading the file itself (CSV or XLSX, bounded) is the `sheet` crate's; this module gives the
/// columns their meaning.
pub use sheet::{Format, Table, limits, read_csv, read_xlsx};

/// The columns, in export order.
pub const COLUMNS: [&str; 23] = [
    "id",
    "title",
    "description",
    "strategies",
    "owner",
    "partners",
    "start",
    "end",
    "status",
    "progress",
    "comment",
    "weight",
    "cost_estimate",
    "budget_years",
    "funding_source",
    "handlingsprogram",
    "contact",
    "milestones",
    "priority_year",
    "priority_decision",
    "priority_decided",
    "tasks",
    "version",
];

/// A problem with the file, located by row and column where possible.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Spreadsheet row number (header = 1); 0 for the file as a whole.
    pub row: usize,
    /// Column name as the file's header writes it, if one cell is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub message: Message,
}

impl RowError {
    /// The problem with its place, in `lang` (`rad 3, kolonne status: …`).
    pub fn located(&self, lang: Lang) -> String {
        let message = self.message.text(lang);
        match (self.row, &self.column) {
            (0, _) => message,
            (r, Some(c)) => Message::new("sheet-row-column")
                .arg("row", r)
                .arg("column", c)
                .arg("message", message)
                .text(lang),
            (r, None) => Message::new("sheet-row")
                .arg("row", r)
                .arg("message", message)
                .text(lang),
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.located(Lang::Nb))
    }
}

/// The name a column has in `lang`'s header (the machine name in English).
pub fn column_label(column: &str, lang: Lang) -> String {
    i18n::tr(lang, &format!("sheet-column-{column}"))
}

/// The column a header cell names: its machine name or its name in any language (any case).
pub fn column_of(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase();
    COLUMNS.iter().copied().find(|c| {
        *c == h
            || Lang::ALL
                .iter()
                .any(|l| column_label(c, *l).to_lowercase() == h)
    })
}

/// Errors of a bulk operation.
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// The file cannot be read at all.
    #[error("{0}")]
    File(String),
    /// Some rows are wrong; nothing was imported.
    #[error("{}", rows_text(.0, Lang::Nb))]
    Rows(Vec<RowError>),
    /// Writing the export failed.
    #[error("{0}")]
    Write(String),
}

impl From<sheet::ReadError> for BulkError {
    fn from(e: sheet::ReadError) -> Self {
        BulkError::File(e.0)
    }
}

/// The first [`limits::REPORTED_ERRORS`] problems as lines in `lang`, then one line counting
/// the rest: a file with a million bad rows gives a short answer, not a 400 MB page.
pub fn reported(errors: &[RowError], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = errors
        .iter()
        .take(limits::REPORTED_ERRORS)
        .map(|e| e.located(lang))
        .collect();
    if errors.len() > limits::REPORTED_ERRORS {
        out.push(
            Message::new("sheet-more-problems")
                .num("more", (errors.len() - limits::REPORTED_ERRORS) as f64)
                .num("shown", limits::REPORTED_ERRORS as f64)
                .text(lang),
        );
    }
    out
}

/// How many problems, that nothing was imported, and the problems ([`reported`]), in `lang`.
pub fn rows_text(errors: &[RowError], lang: Lang) -> String {
    let mut lines = vec![
        Message::new("sheet-problems")
            .num("n", errors.len() as f64)
            .text(lang),
    ];
    lines.extend(reported(errors, lang));
    lines.join("\n")
}

/// The statuses a cell may name, for an error message: labels in `lang` and the codes.
fn status_help(lang: Lang) -> String {
    let labels: Vec<String> = ActionStatus::ALL.iter().map(|s| s.label(lang)).collect();
    let codes: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.as_str()).collect();
    format!("{} ({})", labels.join(", "), codes.join(", "))
}

/// Reads a file of either format ([`sheet::read`]: bounded by [`limits`]).
pub fn read(name: &str, bytes: &[u8]) -> Result<Table, BulkError> {
    Ok(sheet::read(name, bytes)?)
}

/// At most two files are read at once, each off the async runtime: reading is bounded by
/// [`limits`], so this bounds the memory all imports together can take.
static READS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`read`] on a blocking thread, at most two at a time.
pub async fn read_off_runtime(name: &str, bytes: Vec<u8>) -> Result<Table, BulkError> {
    let _permit = READS
        .acquire()
        .await
        .map_err(|e| BulkError::File(e.to_string()))?;
    let name = name.to_string();
    tokio::task::spawn_blocking(move || read(&name, &bytes))
        .await
        .map_err(|e| BulkError::File(format!("reading the file failed: {e}")))?
}

/// A cost in whole kroner: digits, thousands grouped by spaces or dots as Norwegians write them
/// (`1 500 000`, `1.500.000`), `kr` before or after; a spreadsheet's number (`250000`).
pub fn parse_cost(s: &str) -> Option<u64> {
    let t: String = s
        .trim()
        .trim_start_matches("kr")
        .trim_end_matches(",-")
        .trim_end_matches("kr")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if let Ok(n) = t.parse::<u64>() {
        return Some(n);
    }
    // Thousands dots (1.500.000), or a spreadsheet number with a zero fraction (250000.0).
    let grouped = t.split('.').skip(1).all(|g| g.len() == 3) && t.contains('.');
    if grouped && let Ok(n) = t.replace('.', "").parse::<u64>() {
        return Some(n);
    }
    t.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && *f >= 0.0 && f.fract() == 0.0 && *f < 1e15)
        .map(|f| f as u64)
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Parses a status by machine name or by its label in bokmål, nynorsk or English (any case).
pub fn parse_status(s: &str) -> Option<ActionStatus> {
    let s = s.trim().to_lowercase();
    ActionStatus::ALL
        .into_iter()
        .find(|x| x.as_str() == s || Lang::ALL.iter().any(|l| x.label(*l).to_lowercase() == s))
}

/// Checks every row against the plan and the current actions; turns them into a batch.
pub fn to_batch(
    plan: &Plan,
    table: &Table,
    current: &[ActionRecord],
) -> Result<Vec<(usize, BatchItem)>, BulkError> {
    let mut errors = Vec::new();
    let mut col: HashMap<&str, usize> = HashMap::new();
    // The header as the file writes it, by machine name: errors name the column the user sees.
    let mut header_of: HashMap<&str, String> = HashMap::new();
    for (i, h) in table.header.iter().enumerate() {
        match column_of(h) {
            Some(c) => {
                header_of.insert(c, h.clone());
                if col.insert(c, i).is_some() {
                    errors.push(RowError {
                        row: 1,
                        column: Some(h.clone()),
                        message: Message::new("sheet-column-twice"),
                    });
                }
            }
            None if h.is_empty() => {}
            None => errors.push(RowError {
                row: 1,
                column: Some(h.clone()),
                message: Message::new("sheet-unknown-column")
                    .arg_each("columns", |l| header(l).join(", ")),
            }),
        }
    }
    if !col.contains_key("id") {
        errors.push(RowError {
            row: 1,
            column: None,
            message: Message::new("sheet-no-id-column"),
        });
    }
    if !errors.is_empty() {
        return Err(BulkError::Rows(errors));
    }
    let known: HashMap<&str, &ActionRecord> =
        current.iter().map(|a| (a.action.id.as_str(), a)).collect();
    let named = |c: &str| header_of.get(c).cloned().unwrap_or_else(|| c.to_string());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut items = Vec::new();
    for (row, cells) in &table.rows {
        let row = *row;
        let cell = |name: &str| -> Option<&str> {
            col.get(name)
                .map(|i| cells.get(*i).map(|s| s.trim()).unwrap_or(""))
        };
        let mut err = |column: &str, message: Message| {
            errors.push(RowError {
                row,
                column: Some(named(column)),
                message,
            });
        };
        let id = cell("id").unwrap_or("").to_string();
        if id.is_empty() {
            err("id", Message::new("sheet-empty-id"));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), row) {
            err(
                "id",
                Message::new("sheet-id-again")
                    .arg("id", &id)
                    .arg("first", first),
            );
            continue;
        }
        let status = cell("status")
            .filter(|s| !s.is_empty())
            .and_then(|s| match parse_status(s) {
                Some(x) => Some(x),
                None => {
                    err(
                        "status",
                        Message::new("sheet-unknown-status")
                            .arg("value", s)
                            .arg_each("statuses", status_help),
                    );
                    None
                }
            });
        let progress = cell("progress").filter(|s| !s.is_empty()).and_then(|s| {
            let n = s.trim_end_matches('%').trim().replace(',', ".");
            match n.parse::<f64>() {
                Ok(p) if (0.0..=100.0).contains(&p) && p.fract() == 0.0 => Some(p as u8),
                _ => {
                    err(
                        "progress",
                        Message::new("sheet-not-progress").arg("value", s),
                    );
                    None
                }
            }
        });
        let mut date = |name: &str| -> Option<Option<time::Date>> {
            let s = cell(name)?;
            if s.is_empty() {
                return Some(None);
            }
            match plan::date::parse(s) {
                Ok(d) => Some(Some(d)),
                Err(_) => {
                    errors.push(RowError {
                        row,
                        column: Some(named(name)),
                        message: Message::new("sheet-not-date").arg("value", s),
                    });
                    None
                }
            }
        };
        let start = date("start");
        let end = date("end");
        let mut err = |column: &str, message: Message| {
            errors.push(RowError {
                row,
                column: Some(named(column)),
                message,
            });
        };
        let weight = match cell("weight") {
            None => None,
            Some("") => Some(None),
            Some(s) => match s.replace(',', ".").parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => Some(Some(w)),
                _ => {
                    err("weight", Message::new("sheet-not-weight").arg("value", s));
                    None
                }
            },
        };
        let version = match cell("version") {
            None | Some("") => None,
            Some(s) => match s.parse::<f64>() {
                Ok(v) if v.fract() == 0.0 && v >= 1.0 => Some(v as i64),
                _ => {
                    err("version", Message::new("sheet-not-version").arg("value", s));
                    None
                }
            },
        };
        let strategies = cell("strategies").map(|s| list(&s.replace(',', ";")));
        if let Some(ss) = &strategies {
            for s in ss {
                if !plan.strategies().any(|x| &x.id == s) {
                    err(
                        "strategies",
                        Message::new("sheet-unknown-strategy").arg("value", s),
                    );
                }
            }
        }
        let tasks = cell("tasks").map(|s| list(&s.replace(',', ";")));
        if let Some(ts) = &tasks {
            for t in ts {
                if !plan.tasks().any(|x| &x.id == t) {
                    err("tasks", Message::new("sheet-unknown-task").arg("value", t));
                }
            }
        }
        let cost_estimate = match cell("cost_estimate") {
            None => None,
            Some("") => Some(None),
            Some(s) => match parse_cost(s) {
                Some(c) => Some(Some(c)),
                None => {
                    err(
                        "cost_estimate",
                        Message::new("sheet-not-cost").arg("value", s),
                    );
                    None
                }
            },
        };
        let budget_years = cell("budget_years").and_then(|s| match plan::parse_years(s) {
            Ok(y) => Some(y),
            Err(bad) => {
                err(
                    "budget_years",
                    Message::new("sheet-not-years").arg("value", bad),
                );
                None
            }
        });
        let milestones = cell("milestones").and_then(|s| match plan::Milestone::parse_list(s) {
            Ok(m) => Some(m),
            Err(bad) => {
                err(
                    "milestones",
                    Message::new("sheet-not-milestone").arg("value", bad),
                );
                None
            }
        });
        // The topp-10 selection: the three columns together; one left out keeps its value.
        let priority = if ["priority_year", "priority_decision", "priority_decided"]
            .iter()
            .any(|c| col.contains_key(c))
        {
            let current = known
                .get(id.as_str())
                .and_then(|r| r.action.budget.priority.clone());
            let year = match cell("priority_year") {
                None => Ok(current.as_ref().map(|p| p.year)),
                Some("") => Ok(None),
                Some(s) => s
                    .parse::<f64>()
                    .ok()
                    .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
                    .map(|y| Some(y as i32))
                    .ok_or_else(|| s.to_string()),
            };
            let decision = match cell("priority_decision") {
                None => current
                    .as_ref()
                    .map(|p| p.decision.clone())
                    .unwrap_or_default(),
                Some(s) => s.to_string(),
            };
            let decided = match cell("priority_decided") {
                None => Ok(current.as_ref().and_then(|p| p.decided)),
                Some("") => Ok(None),
                Some(s) => plan::date::parse(s).map(Some).map_err(|_| s.to_string()),
            };
            match (year, decided) {
                (Err(bad), _) => {
                    err(
                        "priority_year",
                        Message::new("sheet-not-years").arg("value", bad),
                    );
                    None
                }
                (_, Err(bad)) => {
                    err(
                        "priority_decided",
                        Message::new("sheet-not-date").arg("value", bad),
                    );
                    None
                }
                (Ok(None), Ok(d)) if !decision.is_empty() || d.is_some() => {
                    err("priority_year", Message::new("sheet-priority-needs-year"));
                    None
                }
                (Ok(None), Ok(_)) => Some(None),
                (Ok(Some(year)), Ok(decided)) => Some(Some(plan::Priority {
                    year,
                    decision,
                    decided,
                })),
            }
        } else {
            None
        };
        let title = cell("title").map(str::to_string);
        if title.as_deref() == Some("") {
            err("title", Message::new("sheet-empty-title"));
        }
        if known.contains_key(id.as_str()) {
            items.push((
                row,
                BatchItem::Update {
                    id,
                    base_version: version,
                    patch: ActionPatch {
                        title,
                        description: cell("description").map(str::to_string),
                        owner: cell("owner").map(str::to_string),
                        partners: cell("partners").map(list),
                        start,
                        end,
                        status,
                        progress,
                        comment: cell("comment").map(str::to_string),
                        strategies,
                        weight,
                        cost_estimate,
                        budget_years,
                        funding_source: cell("funding_source").map(str::to_string),
                        handlingsprogram: cell("handlingsprogram").map(str::to_string),
                        contact: cell("contact").map(str::to_string),
                        milestones,
                        priority,
                        tasks,
                    },
                },
            ));
        } else {
            if title.is_none() {
                err(
                    "title",
                    Message::new("sheet-new-needs-title").arg("id", &id),
                );
                continue;
            }
            let action = Action {
                id,
                title: title.unwrap_or_default(),
                description: cell("description").unwrap_or("").to_string(),
                strategies: strategies.unwrap_or_default(),
                owner: cell("owner").unwrap_or("").to_string(),
                partners: cell("partners").map(list).unwrap_or_default(),
                start: start.flatten(),
                end: end.flatten(),
                status: status.unwrap_or(ActionStatus::NotStarted),
                progress: progress.unwrap_or(0),
                deliveries: Vec::new(),
                origin: ActionOrigin::Staff,
                budget: plan::Budget {
                    cost_estimate: cost_estimate.flatten(),
                    budget_years: budget_years.unwrap_or_default(),
                    funding_source: cell("funding_source").unwrap_or("").to_string(),
                    handlingsprogram: cell("handlingsprogram").unwrap_or("").to_string(),
                    contact: cell("contact").unwrap_or("").to_string(),
                    milestones: milestones.unwrap_or_default(),
                    priority: priority.flatten(),
                },
                tasks: tasks.unwrap_or_default(),
            };
            items.push((row, BatchItem::Create(action)));
            // Comment and weight of a new action: a follow-up edit in the same batch is not
            // possible (ids must be unique per batch), so they are taken as the initial values
            // by the caller when present.
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(BulkError::Rows(errors))
    }
}

/// A row of the export: the status as its label in `lang` (its code in English, as integrations
/// read it), the rest as stored.
fn row_cells(a: &ActionRecord, lang: Lang) -> [String; 23] {
    let x = &a.action;
    let b = &x.budget;
    let p = b.priority.as_ref();
    [
        x.id.clone(),
        x.title.clone(),
        x.description.clone(),
        x.strategies.join("; "),
        x.owner.clone(),
        x.partners.join("; "),
        x.start.map(|d| d.to_string()).unwrap_or_default(),
        x.end.map(|d| d.to_string()).unwrap_or_default(),
        match lang {
            Lang::En => x.status.as_str().to_string(),
            _ => x.status.label(lang),
        },
        x.progress.to_string(),
        a.comment.clone(),
        a.weight.map(|w| w.to_string()).unwrap_or_default(),
        b.cost_estimate.map(|c| c.to_string()).unwrap_or_default(),
        plan::years_text(&b.budget_years),
        b.funding_source.clone(),
        b.handlingsprogram.clone(),
        b.contact.clone(),
        plan::Milestone::list_text(&b.milestones, "; "),
        p.map(|p| p.year.to_string()).unwrap_or_default(),
        p.map(|p| p.decision.clone()).unwrap_or_default(),
        p.and_then(|p| p.decided)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        x.tasks.join("; "),
        a.version.to_string(),
    ]
}

/// The header row in `lang` (the machine names in English).
pub fn header(lang: Lang) -> Vec<String> {
    COLUMNS.iter().map(|c| column_label(c, lang)).collect()
}

/// The action plan as CSV (UTF-8, comma-separated, header row) with the headers and statuses in
/// `lang`; a cell a spreadsheet would take as a formula is prefixed with `'`
/// ([`sheet::csv_safe`]), which [`read_csv`] takes off.
pub fn write_csv(actions: &[ActionRecord], lang: Lang) -> Result<Vec<u8>, BulkError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header(lang))
        .map_err(|e| BulkError::Write(e.to_string()))?;
    for a in actions {
        sheet::csv_safe::write_record(&mut w, row_cells(a, lang))
            .map_err(|e| BulkError::Write(e.to_string()))?;
    }
    w.into_inner().map_err(|e| BulkError::Write(e.to_string()))
}

/// The action plan as an XLSX workbook (one sheet `tiltak`; numbers as numbers, the rest text;
/// headers and statuses in `lang`).
pub fn write_xlsx(actions: &[ActionRecord], lang: Lang) -> Result<Vec<u8>, BulkError> {
    let w = |e: rust_xlsxwriter::XlsxError| BulkError::Write(e.to_string());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = wb.add_worksheet();
    sheet.set_name("tiltak").map_err(w)?;
    for (c, h) in header(lang).iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(w)?;
    }
    for (r, a) in actions.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, v) in row_cells(a, lang).iter().enumerate() {
            let name = COLUMNS[c];
            let numeric = matches!(
                name,
                "progress" | "version" | "weight" | "cost_estimate" | "priority_year"
            );
            match (numeric, v.parse::<f64>()) {
                (true, Ok(n)) => sheet.write_number(r, c as u16, n).map_err(w)?,
                _ => sheet.write_string(r, c as u16, v).map_err(w)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(w)?;
    sheet.set_column_width(1, 40).map_err(w)?;
    sheet.set_column_width(2, 50).map_err(w)?;
    wb.save_to_buffer().map_err(w)
}

/// Imports a file into the store: reads, checks every row, applies all in one transaction.
pub async fn import(
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: Vec<u8>,
    actor: &str,
) -> Result<store::actions::BatchReport, ImportError> {
    let plan = store.plan(plan_code).await?.ok_or_else(|| {
        ImportError::Bulk(BulkError::File(format!("no plan {plan_code} in the store")))
    })?;
    let table = read_off_runtime(name, bytes).await?;
    let current = store.actions(plan_code).await?;
    let items = to_batch(&plan, &table, &current)?;
    apply(store, plan_code, &items, actor).await
}

async fn apply(
    store: &store::Store,
    plan_code: &str,
    items: &[(usize, BatchItem)],
    actor: &str,
) -> Result<store::actions::BatchReport, ImportError> {
    store
        .apply_action_batch(plan_code, items, actor)
        .await
        .map_err(|e| match e {
            store::actions::BatchError::Rows(rows) => ImportError::Bulk(BulkError::Rows(
                rows.into_iter()
                    .map(|(row, message)| RowError {
                        row,
                        column: None,
                        message: Message::raw(message),
                    })
                    .collect(),
            )),
            store::actions::BatchError::Conflict(row, message) => ImportError::Conflict(RowError {
                row,
                column: None,
                message: Message::raw(message),
            }),
            store::actions::BatchError::Store(e) => ImportError::Store(e),
        })
}

/// What one row of a file would do.
#[derive(Debug, Clone, PartialEq)]
pub enum RowChange {
    /// Create a new action with this title.
    Create {
        /// The new action's title.
        title: String,
    },
    /// Change these fields of an existing action: (field, old, new).
    Change(Vec<(&'static str, Option<String>, Option<String>)>),
    /// Leave the action as it is.
    Unchanged,
    /// The row was exported at an older version than the action has now: importing it would
    /// overwrite later changes, so the file is refused.
    Stale {
        /// The version in the file.
        file_version: i64,
        /// The action's version now.
        now: i64,
        /// Who made the latest change.
        by: String,
        /// When (RFC 3339, UTC).
        at: String,
    },
}

/// One row of a preview.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPreview {
    /// Spreadsheet row number (header = 1).
    pub row: usize,
    /// The action's id.
    pub id: String,
    /// What the row would do.
    pub change: RowChange,
}

/// What importing a file would do, computed without writing anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Every row, in file order.
    pub rows: Vec<RowPreview>,
    /// A fingerprint of the file and of the actions' versions the preview was made against:
    /// [`confirm`] imports only while it is still the same, so what is written is what was shown.
    pub basis: String,
}

impl Preview {
    /// The rows that would overwrite later changes.
    pub fn stale(&self) -> Vec<&RowPreview> {
        self.rows
            .iter()
            .filter(|r| matches!(r.change, RowChange::Stale { .. }))
            .collect()
    }

    /// (created, changed, unchanged) rows.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: fn(&RowChange) -> bool| self.rows.iter().filter(|r| f(&r.change)).count();
        (
            count(|c| matches!(c, RowChange::Create { .. })),
            count(|c| matches!(c, RowChange::Change(_))),
            count(|c| matches!(c, RowChange::Unchanged)),
        )
    }
}

/// The fingerprint of a preview: the file's bytes and every action's (id, version).
fn basis(bytes: &[u8], current: &[ActionRecord]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(Sha256::digest(bytes));
    let mut versions: Vec<(&str, i64)> = current
        .iter()
        .map(|a| (a.action.id.as_str(), a.version))
        .collect();
    versions.sort();
    for (id, v) in versions {
        h.update(format!("{id}\u{1f}{v}\u{1e}").as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What the checked rows would do to `current`. Pure.
pub fn plan_changes(items: &[(usize, BatchItem)], current: &[ActionRecord]) -> Vec<RowPreview> {
    let known: HashMap<&str, &ActionRecord> =
        current.iter().map(|a| (a.action.id.as_str(), a)).collect();
    items
        .iter()
        .map(|(row, item)| match item {
            BatchItem::Create(a) => RowPreview {
                row: *row,
                id: a.id.clone(),
                change: RowChange::Create {
                    title: a.title.clone(),
                },
            },
            BatchItem::Update {
                id,
                base_version,
                patch,
            } => {
                let change = match known.get(id.as_str()) {
                    Some(c) if base_version.is_some_and(|v| v != c.version) => RowChange::Stale {
                        file_version: base_version.unwrap_or_default(),
                        now: c.version,
                        by: c.updated_by.clone(),
                        at: c.updated_at.clone(),
                    },
                    Some(c) => match store::actions::changed_fields(c, patch) {
                        f if f.is_empty() => RowChange::Unchanged,
                        f => RowChange::Change(f),
                    },
                    // `to_batch` makes updates of known ids only.
                    None => RowChange::Unchanged,
                };
                RowPreview {
                    row: *row,
                    id: id.clone(),
                    change,
                }
            }
        })
        .collect()
}

async fn read_and_check(
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<(usize, BatchItem)>, Preview), ImportError> {
    let plan = store.plan(plan_code).await?.ok_or_else(|| {
        ImportError::Bulk(BulkError::File(format!("no plan {plan_code} in the store")))
    })?;
    let table = read_off_runtime(name, bytes.to_vec()).await?;
    let current = store.actions(plan_code).await?;
    let items = to_batch(&plan, &table, &current)?;
    let preview = Preview {
        rows: plan_changes(&items, &current),
        basis: basis(bytes, &current),
    };
    Ok((items, preview))
}

/// Reads and checks a file and says what importing it would do (created, changed field by
/// field, left alone, or refused as older than the store), writing nothing.
pub async fn preview(
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Preview, ImportError> {
    Ok(read_and_check(store, plan_code, name, bytes).await?.1)
}

/// The outcome of [`confirm`].
#[derive(Debug)]
pub enum Confirmed {
    /// Imported, in one transaction.
    Done(store::actions::BatchReport),
    /// The file or the actions changed after the preview `basis` was made (or rows are stale):
    /// nothing was written; here is what importing would do now.
    Moved(Preview),
}

/// Imports a previewed file if the actions are still as they were when the preview was made
/// (`basis`, from [`preview`]) and no row is stale; otherwise writes nothing and returns the
/// new preview. One transaction, as [`import`].
pub async fn confirm(
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
    basis: &str,
    actor: &str,
) -> Result<Confirmed, ImportError> {
    let (items, preview) = read_and_check(store, plan_code, name, bytes).await?;
    if preview.basis != basis || !preview.stale().is_empty() {
        return Ok(Confirmed::Moved(preview));
    }
    apply(store, plan_code, &items, actor)
        .await
        .map(Confirmed::Done)
}

/// Why an import failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file or some rows are wrong.
    #[error(transparent)]
    Bulk(#[from] BulkError),
    /// Another writer changed the actions while the file was written (409); trying again sees
    /// the new state.
    #[error("{}", conflict_text(.0, Lang::Nb))]
    Conflict(RowError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// A conflict ([`ImportError::Conflict`]) in `lang`: the problem, that nothing was imported and
/// to try again.
pub fn conflict_text(e: &RowError, lang: Lang) -> String {
    Message::new("sheet-conflict")
        .arg("problem", e.located(lang))
        .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> ActionRecord {
        let plan = plan::embedded_default();
        let mut a = plan.actions[0].clone();
        a.id = id.into();
        ActionRecord {
            action: a,
            comment: "ok".into(),
            weight: None,
            version: 3,
            updated_at: String::new(),
            updated_by: String::new(),
        }
    }

    #[test]
    fn errors_are_located_by_row_and_column_in_the_readers_language() {
        let plan = plan::embedded_default();
        let csv = "id,title,status,progress,strategies\nT1,Ny tittel,ferdig,50,\nT99,,in_progress,120,5.1-s99\nT1,Igjen,,,\n";
        let table = read_csv(csv.as_bytes()).unwrap();
        let Err(BulkError::Rows(errs)) = to_batch(&plan, &table, &[record("T1")]) else {
            panic!("expected row errors")
        };
        let en: Vec<String> = errs.iter().map(|e| e.located(Lang::En)).collect();
        assert_eq!(
            en[0],
            "row 2, column status: unknown status \"ferdig\" — expected one of Not started, In progress, Delayed, On hold, Completed, Cancelled (not_started, in_progress, delayed, on_hold, completed, cancelled)"
        );
        assert!(
            en.iter().any(|t| t.starts_with("row 3, column progress:")),
            "{en:?}"
        );
        assert!(
            en.iter()
                .any(|t| t == "row 3, column strategies: unknown strategy \"5.1-s99\""),
            "{en:?}"
        );
        assert!(
            en.iter().any(|t| t == "row 3, column title: empty title"),
            "{en:?}"
        );
        assert!(
            en.iter()
                .any(|t| t == "row 4, column id: action T1 appears again (first on row 2)"),
            "{en:?}"
        );
        // The same problems in bokmål and nynorsk (and Display is bokmål, as the CLI says it).
        assert_eq!(
            errs[0].to_string(),
            "rad 2, kolonne status: ukjent status «ferdig» – forventet en av Ikke startet, Pågår, Forsinket, Satt på vent, Fullført, Avlyst (not_started, in_progress, delayed, on_hold, completed, cancelled)"
        );
        assert!(errs[0].located(Lang::Nn).starts_with(
            "rad 2, kolonne status: ukjend status «ferdig» – venta ein av Ikkje starta"
        ));
        let all = rows_text(&errs, Lang::Nb);
        assert!(
            all.starts_with(&format!(
                "{} problemer; ingenting ble importert:",
                errs.len()
            )),
            "{all}"
        );
    }

    #[test]
    fn csv_and_xlsx_round_trip_in_every_language() {
        let plan = plan::embedded_default();
        let recs = vec![record("T1"), record("T2")];
        for lang in Lang::ALL {
            for (name, bytes) in [
                ("a.csv", write_csv(&recs, lang).unwrap()),
                ("a.xlsx", write_xlsx(&recs, lang).unwrap()),
            ] {
                let table = read(name, &bytes).unwrap();
                assert_eq!(table.header, header(lang), "{lang} {name}");
                assert_eq!(table.rows.len(), 2);
                let items = to_batch(&plan, &table, &recs).unwrap();
                let (
                    row,
                    BatchItem::Update {
                        base_version,
                        patch,
                        ..
                    },
                ) = &items[0]
                else {
                    panic!("{lang} {name}: {items:?}")
                };
                assert_eq!((*row, *base_version), (2, Some(3)), "{lang} {name}");
                assert_eq!(patch.status, Some(recs[0].action.status), "{lang} {name}");
            }
        }
        // Norwegian headers are Norwegian words, English ones the machine names.
        assert_eq!(header(Lang::Nb)[1], "tittel");
        assert_eq!(header(Lang::Nn)[2], "skildring");
        assert_eq!(header(Lang::En), COLUMNS);
    }

    /// The budget cycle's fields and the tasks (issue 20) survive an export and an import in
    /// every language and both formats: the patch read back holds exactly what was written.
    #[test]
    fn budget_fields_and_tasks_round_trip_through_xlsx_and_csv() {
        let plan = plan::embedded_default();
        let mut rec = record("T1");
        rec.action.budget = plan::Budget {
            cost_estimate: Some(1_500_000),
            budget_years: vec![2025, 2026],
            funding_source: "Driftsbudsjett; SNA".into(),
            handlingsprogram: "HP 2025–2028, tiltak 4.3".into(),
            contact: "Kari Nordmann, kari@example.no".into(),
            milestones: vec![
                plan::Milestone {
                    date: time::macros::date!(2025 - 01 - 15),
                    title: "Oppstart".into(),
                    done: true,
                },
                plan::Milestone {
                    date: time::macros::date!(2025 - 06 - 30),
                    title: "Mandat vedtatt".into(),
                    done: false,
                },
            ],
            priority: Some(plan::Priority {
                year: 2025,
                decision: "Formannskapet sak 12/25".into(),
                decided: Some(time::macros::date!(2025 - 02 - 11)),
            }),
        };
        rec.action.tasks = vec!["5.9.1-o3".into(), "5.9.2-o1".into()];
        let empty = record("T2");
        let recs = vec![rec.clone(), empty.clone()];
        for lang in Lang::ALL {
            for (name, bytes) in [
                ("a.xlsx", write_xlsx(&recs, lang).unwrap()),
                ("a.csv", write_csv(&recs, lang).unwrap()),
            ] {
                let table = read(name, &bytes).unwrap();
                let items = to_batch(&plan, &table, &recs).unwrap();
                let BatchItem::Update { patch, .. } = &items[0].1 else {
                    panic!("{lang} {name}")
                };
                assert_eq!(
                    patch.budget_of(&plan::Budget::default()),
                    rec.action.budget,
                    "{lang} {name}"
                );
                assert_eq!(
                    patch.tasks.as_ref(),
                    Some(&rec.action.tasks),
                    "{lang} {name}"
                );
                // Nothing changes on re-import: the file is the action as it is.
                assert!(
                    store::actions::changed_fields(&rec, patch).is_empty(),
                    "{lang} {name}"
                );
                let BatchItem::Update { patch, .. } = &items[1].1 else {
                    panic!("{lang} {name}")
                };
                assert!(
                    store::actions::changed_fields(&empty, patch).is_empty(),
                    "{lang} {name}"
                );
            }
        }
        assert_eq!(header(Lang::Nb)[12], "kostnadsoverslag");
        // Bad cells are refused by column, in the reader's language.
        let csv = "id,budsjettår,milepæler,kostnadsoverslag,oppgaver,topp 10-vedtak\nT1,20x5,uten dato,mange,5.9.9-o1,FSK sak 1/25\n";
        let Err(BulkError::Rows(errs)) = to_batch(&plan, &read_csv(csv.as_bytes()).unwrap(), &recs)
        else {
            panic!("expected row errors")
        };
        let nb: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        for column in ["budsjettår", "milepæler", "kostnadsoverslag", "oppgaver"] {
            assert!(
                nb.iter()
                    .any(|e| e.starts_with(&format!("rad 2, kolonne {column}:"))),
                "{column}: {nb:?}"
            );
        }
        // T1's current selection keeps its year when only the decision column is given; with
        // an empty year the decision has nothing to belong to.
        let csv = "id,topp 10-vedtak\nT1,FSK sak 1/25\n";
        let items = to_batch(&plan, &read_csv(csv.as_bytes()).unwrap(), &recs).unwrap();
        let BatchItem::Update { patch, .. } = &items[0].1 else {
            panic!()
        };
        assert_eq!(
            patch
                .priority
                .clone()
                .flatten()
                .map(|p| (p.year, p.decision)),
            Some((2025, "FSK sak 1/25".to_string()))
        );
        let csv = "id,topp 10-år,topp 10-vedtak\nT1,,FSK sak 1/25\n";
        assert!(to_batch(&plan, &read_csv(csv.as_bytes()).unwrap(), &recs).is_err());
        assert_eq!(parse_cost("1 500 000 kr"), Some(1_500_000));
        assert_eq!(parse_cost("1.500.000"), Some(1_500_000));
        assert_eq!(parse_cost("250000.0"), Some(250_000));
        assert_eq!(parse_cost("-5"), None);
        assert_eq!(parse_cost("1,5"), None);
    }

    #[test]
    fn a_preview_says_what_is_created_changed_left_alone_and_stale() {
        let plan = plan::embedded_default();
        let recs = vec![record("T1"), record("T2"), record("T3")];
        let csv = format!(
            "id,title,progress,version\nT1,{},{},3\nT2,Ny tittel,,3\nT3,x,,2\nT90,Nytt,,\n",
            recs[0].action.title, recs[0].action.progress
        );
        let table = read_csv(csv.as_bytes()).unwrap();
        let items = to_batch(&plan, &table, &recs).unwrap();
        let rows = plan_changes(&items, &recs);
        assert_eq!(rows[0].change, RowChange::Unchanged);
        assert_eq!(
            rows[1].change,
            RowChange::Change(vec![(
                "title",
                Some(recs[1].action.title.clone()),
                Some("Ny tittel".into())
            )])
        );
        assert!(matches!(
            rows[2].change,
            RowChange::Stale {
                file_version: 2,
                now: 3,
                ..
            }
        ));
        assert_eq!(
            rows[3],
            RowPreview {
                row: 5,
                id: "T90".into(),
                change: RowChange::Create {
                    title: "Nytt".into()
                }
            }
        );
        assert_ne!(basis(b"a", &recs), basis(b"b", &recs));
        assert_ne!(basis(b"a", &recs), basis(b"a", &recs[..2]));
    }

    #[test]
    fn semicolon_csv_with_bom_and_labels() {
        let table = read_csv("\u{feff}id;status\nT1;Pågår\n".as_bytes()).unwrap();
        assert_eq!(table.header, ["id", "status"]);
        assert_eq!(
            parse_status(&table.rows[0].1[1]),
            Some(ActionStatus::InProgress)
        );
        assert_eq!(parse_status("ikkje starta"), Some(ActionStatus::NotStarted));
        assert_eq!(parse_status("Satt på vent"), Some(ActionStatus::OnHold));
        assert_eq!(parse_status("ON_HOLD"), Some(ActionStatus::OnHold));
        assert_eq!(column_of("Skildring"), Some("description"));
        assert_eq!(column_of("Fremdrift"), Some("progress"));
    }
}
