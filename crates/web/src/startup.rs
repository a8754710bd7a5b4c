//! The server's start: listening at once while the bundled data loads (issue 19 item 6).
//!
//! `naeringsplan serve` binds its listener first and fills an empty store in the background (the
//! statistics snapshot, the synthetic demo register, the example data, the first evaluation).
//! Meanwhile [`layer`] answers every request except `/health` and the stylesheet with
//! `503 Service Unavailable`, `Retry-After: 2` and a small page ("Forbereder data …", or its
//! nynorsk with `?lang=nn`, English with `?lang=en`) that names the step and its progress and reloads itself
//! every two seconds (`<meta http-equiv="refresh">`, no JavaScript); the API gets the same as
//! JSON. `/health` says `preparing: …` (503) until the data is ready, then `ok` (200). If the
//! start fails, the page and `/health` say so (500/503) and the process logs the cause.
//!
//! The state is one [`Startup`] shared by the server and the task that prepares the data; it is
//! read on every request (a short read lock). [`AppState::new`](crate::AppState::new) starts
//! out ready, so a server or test that fills its store first needs none of this.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, html};
use plan::Lang;

use crate::AppState;
use crate::layout::tr;

/// Seconds a client is told to wait (`Retry-After`, and the page's reload).
pub const RETRY_AFTER_SECS: u32 = 2;

/// One step of the preparation, as shown on the page.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its number, from 1.
    pub number: u32,
    /// How many steps there are.
    pub of: u32,
    /// What it does: a message id of the translation files (said in lower case).
    pub key: &'static str,
    /// Done so far (files, rows …), raised by the task as it goes.
    pub done: Arc<AtomicU64>,
    /// The total, when known (`12/31`); without it the count alone is shown.
    pub total: Option<u64>,
}

impl Step {
    /// "Steg 2 av 4: importerer SSB-tabeller (12/31)" in the language asked for.
    pub fn line(&self, lang: Lang) -> String {
        let done = self.done.load(Ordering::Relaxed);
        let count = match self.total {
            Some(total) => format!(" ({done}/{total})"),
            None if done > 0 => format!(" ({})", group(done)),
            None => String::new(),
        };
        crate::layout::tr_args(
            lang,
            "startup-step",
            &[
                ("number", self.number.to_string().into()),
                ("of", self.of.to_string().into()),
                ("what", crate::layout::tr(lang, self.key).into()),
                ("count", count.into()),
            ],
        )
    }
}

/// Where the start is.
#[derive(Debug, Clone)]
pub enum Phase {
    /// The data is being loaded; the step under way, if one has begun.
    Preparing(Option<Step>),
    /// Pages are served normally.
    Ready,
    /// Loading the data failed; the message (also logged).
    Failed(String),
}

/// The start's state, shared by the server and the task preparing the data.
#[derive(Debug)]
pub struct Startup {
    phase: RwLock<Phase>,
}

impl Startup {
    /// Ready: pages are served at once (what [`AppState::new`](crate::AppState::new) uses).
    pub fn ready() -> Arc<Startup> {
        Arc::new(Startup {
            phase: RwLock::new(Phase::Ready),
        })
    }

    /// Preparing, no step begun yet.
    pub fn preparing() -> Arc<Startup> {
        Arc::new(Startup {
            phase: RwLock::new(Phase::Preparing(None)),
        })
    }

    /// The phase now.
    pub fn phase(&self) -> Phase {
        self.phase.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// True once the data is ready.
    pub fn is_ready(&self) -> bool {
        matches!(
            *self.phase.read().unwrap_or_else(|e| e.into_inner()),
            Phase::Ready
        )
    }

    fn set(&self, phase: Phase) {
        *self.phase.write().unwrap_or_else(|e| e.into_inner()) = phase;
    }

    /// Begins step `number` of `of`; the returned counter is the step's progress (raise it as
    /// the work goes; `total` when known).
    pub fn step(
        &self,
        number: u32,
        of: u32,
        key: &'static str,
        total: Option<u64>,
    ) -> Arc<AtomicU64> {
        let done = Arc::new(AtomicU64::new(0));
        self.set_step(Step {
            number,
            of,
            key,
            done: done.clone(),
            total,
        });
        done
    }

    /// Shows `step` (with a counter of the caller's, e.g. the rows a reader has parsed).
    pub fn set_step(&self, step: Step) {
        self.set(Phase::Preparing(Some(step)));
    }

    /// The data is ready: serve pages.
    pub fn set_ready(&self) {
        self.set(Phase::Ready);
    }

    /// The start failed: say so on every page.
    pub fn set_failed(&self, message: String) {
        self.set(Phase::Failed(message));
    }
}

/// The middleware: while the start is not ready, every answer is the preparing (or failed)
/// page, except `/health` (its own answer) and the stylesheet.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let phase = state.startup.phase();
    let path = req.uri().path();
    if matches!(phase, Phase::Ready) || path == "/static/style.css" {
        return next.run(req).await;
    }
    if path == "/health" {
        return health(&phase);
    }
    // `?lang=nb|nn|en`; bokmål otherwise (the plan, and so its målform, may not be stored yet).
    let lang = req
        .uri()
        .query()
        .and_then(crate::error::query_lang)
        .unwrap_or(Lang::Nb);
    if path == "/api" || path.starts_with("/api/") {
        let (status, error) = match &phase {
            Phase::Failed(m) => ("failed", format!("the server could not load its data: {m}")),
            Phase::Preparing(step) => (
                "preparing",
                step.as_ref()
                    .map(|s| s.line(Lang::En))
                    .unwrap_or_else(|| "preparing data".into()),
            ),
            Phase::Ready => unreachable!("handled above"),
        };
        let body = serde_json::json!({ "error": error, "status": status }).to_string();
        return with_retry(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response(),
            &phase,
        );
    }
    with_retry(page(&phase, lang), &phase)
}

/// `/health` before the data is ready: 503 with `preparing: STEP` or `failed: MESSAGE`.
fn health(phase: &Phase) -> Response {
    let text = match phase {
        Phase::Ready => "ok".to_string(),
        Phase::Preparing(step) => format!(
            "preparing: {}",
            step.as_ref()
                .map(|s| s.line(Lang::En))
                .unwrap_or_else(|| "starting".into())
        ),
        Phase::Failed(m) => format!("failed: {m}"),
    };
    with_retry(
        (StatusCode::SERVICE_UNAVAILABLE, text).into_response(),
        phase,
    )
}

fn with_retry(mut res: Response, phase: &Phase) -> Response {
    if matches!(phase, Phase::Preparing(_)) {
        res.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(&RETRY_AFTER_SECS.to_string()).expect("digits"),
        );
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The page shown while preparing (reloads itself) or after a failed start (does not).
fn page(phase: &Phase, lang: Lang) -> Response {
    let (title, status) = match phase {
        Phase::Failed(_) => (
            tr(lang, "startup-the-server-could-not-start"),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        _ => (
            tr(lang, "startup-preparing-data"),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if matches!(phase, Phase::Preparing(_)) {
                    meta http-equiv="refresh" content=(RETRY_AFTER_SECS);
                }
                title { (title) " – naeringsplan" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                main id="innhold" {
                    h1 { (title) }
                    @match phase {
                        Phase::Preparing(step) => {
                            p {
                                (tr(lang, "startup-the-service-has-just-started"))
                            }
                            @if let Some(step) = step {
                                p role="status" { strong { (step.line(lang)) } }
                            }
                        }
                        Phase::Failed(message) => {
                            p {
                                (tr(lang, "startup-the-data-could-not-be"))
                            }
                            pre { (message) }
                        }
                        Phase::Ready => {}
                    }
                }
            }
        }
    };
    (status, markup).into_response()
}

/// `1234567` → `1 234 567`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_reads_as_the_page_shows_it() {
        let s = Startup::preparing();
        let done = s.step(2, 4, "startup-step-import-files", Some(31));
        done.store(12, Ordering::Relaxed);
        let Phase::Preparing(Some(step)) = s.phase() else {
            panic!("preparing")
        };
        assert_eq!(
            step.line(Lang::Nb),
            "Steg 2 av 4: importerer KLASS- og SSB-tabeller, filer (12/31)"
        );
        assert_eq!(
            step.line(Lang::En),
            "Step 2 of 4: importing KLASS and SSB tables, files (12/31)"
        );
        assert_eq!(
            step.line(Lang::Nn),
            "Steg 2 av 4: importerer KLASS- og SSB-tabellar, filer (12/31)"
        );
        assert!(!s.is_ready());
        s.set_ready();
        assert!(s.is_ready());
        assert_eq!(group(1_160_000), "1\u{a0}160\u{a0}000");
    }
}
