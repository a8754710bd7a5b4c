//! Import and export of the action plan as CSV or XLSX (editors). The upload is a multipart form
//! with the CSRF token inside; the whole file is applied in one transaction or not at all, and a
//! refused file is answered with every problem by row and column.

use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use super::{hidden, respond};
use crate::auth::Staff;
use crate::error::RequestLang;
use crate::guard::{self, Editor, EditorRole, Viewer};
use crate::layout::{href, tr, tr_args};
use crate::{AppState, WebError};
use app::action_sheet::{self as bulk, BulkError, ImportError};

/// Largest accepted upload.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

fn render(lang: Lang, staff: &Staff, notice: Option<&str>, errors: &[String]) -> Markup {
    let title = tr(lang, "staff-bulk-import-and-export");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        @if !errors.is_empty() {
            div class="error" role="alert" {
                p { (tr(lang, "staff-bulk-the-file-was-not-imported")) }
                ul { @for e in errors { li { (e) } } }
            }
        }
        h2 { (tr(lang, "staff-bulk-export")) }
        p {
            a href=(href(lang, "/intern/eksport?format=csv")) { (tr(lang, "staff-bulk-download-the-action-plan-as")) }
            " · "
            a href=(href(lang, "/intern/eksport?format=xlsx")) { (tr(lang, "staff-bulk-download-as-excel-xlsx")) }
        }
        h2 { (tr(lang, "staff-bulk-import")) }
        p { (tr(lang, "staff-bulk-upload-a-csv-or-xlsx")) }
        form class="stack" method="post" action="/intern/import" enctype="multipart/form-data" {
            (hidden(staff, lang))
            div class="field" {
                label for="file" { (tr(lang, "staff-bulk-file-csv-or-xlsx")) }
                input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required;
            }
            button type="submit" { (tr(lang, "staff-bulk-import-2")) }
        }
    };
    super::page(lang, &title, "/intern/import", staff, body)
}

fn upload_refused(lang: Lang, staff: &Staff, status: StatusCode) -> Response {
    let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
        tr(lang, "staff-bulk-the-file-is-too-large")
    } else {
        tr(lang, "staff-bulk-the-upload-was-cut-off")
    };
    respond(status, render(lang, staff, None, &[msg.to_string()]))
}

/// Query of the import page.
#[derive(Debug, Deserialize, Default)]
pub struct BulkQuery {
    /// `nb`, `nn` or `en` (the export's headers and statuses too).
    pub lang: Option<String>,
    /// `csv` or `xlsx` (export).
    pub format: Option<String>,
}

/// `GET /intern/import`
pub async fn form(g: Editor) -> Result<Response, WebError> {
    Ok(respond(StatusCode::OK, render(g.lang, &g.staff, None, &[])))
}

/// `POST /intern/import` (multipart: `csrf`, `lang`, `file`). The one staff write that cannot
/// take a guard (its CSRF token is inside the multipart body): it calls
/// [`guard::check_write`] once the body is read.
pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    request_lang: RequestLang,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let mut csrf = None;
    let mut lang = Lang::Nb;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Ok(upload_refused(lang, &staff, e.status())),
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("lang") => {
                if let Some(l) = field.text().await.ok().as_deref().and_then(Lang::from_code) {
                    lang = l;
                }
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                // Over the body limit (or a broken upload): answered with its own status (413,
                // 400), not as a server error.
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) => return Ok(upload_refused(lang, &staff, e.status())),
                };
                if bytes.len() > MAX_UPLOAD {
                    return Ok(respond(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        render(
                            lang,
                            &staff,
                            None,
                            &[tr(lang, "staff-bulk-the-file-is-too-large").to_string()],
                        ),
                    ));
                }
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    request_lang.set(lang);
    guard::check_write::<EditorRole>(&staff, csrf.as_deref())?;
    let Some((name, bytes)) = file else {
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                lang,
                &staff,
                None,
                &[tr(lang, "staff-bulk-choose-a-file").to_string()],
            ),
        ));
    };
    match bulk::import(
        &state.store,
        &state.plan_code,
        &name,
        bytes,
        &staff.user().name,
    )
    .await
    {
        Ok(rep) => {
            let msg = tr_args(
                lang,
                "staff-bulk-imported",
                &[
                    ("created", rep.created.to_string().into()),
                    ("updated", rep.updated.to_string().into()),
                    ("unchanged", rep.unchanged.to_string().into()),
                ],
            );
            Ok(respond(
                StatusCode::OK,
                render(lang, &staff, Some(&msg), &[]),
            ))
        }
        Err(ImportError::Bulk(BulkError::Rows(rows))) => {
            let mut errs = vec![tr_args(
                lang,
                "staff-bulk-nothing-imported",
                &[("file", name.as_str().into())],
            )];
            errs.extend(bulk::reported(&rows, lang));
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(lang, &staff, None, &errs),
            ))
        }
        Err(ImportError::Bulk(e)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, &staff, None, &[format!("{name}: {e}")]),
        )),
        Err(ImportError::Conflict(row)) => Ok(respond(
            StatusCode::CONFLICT,
            render(
                lang,
                &staff,
                None,
                &[format!("{name}: {}", bulk::conflict_text(&row, lang))],
            ),
        )),
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// `GET /intern/eksport?format=csv|xlsx`
pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<BulkQuery>,
    _: Viewer,
) -> Result<Response, WebError> {
    let actions = state.store.actions(&state.plan_code).await?;
    // Headers and statuses in the page's language (English: the machine names).
    let lang = crate::layout::lang_of(q.lang.as_deref());
    let (bytes, ctype, ext) = match q.format.as_deref() {
        Some("xlsx") => (
            bulk::write_xlsx(&actions, lang)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => (
            bulk::write_csv(&actions, lang)?,
            "text/csv; charset=utf-8",
            "csv",
        ),
    };
    let disposition = format!(
        "attachment; filename=\"tiltaksplan-{}.{ext}\"",
        state.plan_code
    );
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
