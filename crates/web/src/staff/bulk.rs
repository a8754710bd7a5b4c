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
use crate::layout::{href, t};
use crate::{AppState, WebError};
use app::action_sheet::{self as bulk, BulkError, ImportError};

/// Largest accepted upload.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

fn render(lang: Lang, staff: &Staff, notice: Option<&str>, errors: &[String]) -> Markup {
    let title = t(lang, "Import og eksport", "Import and export");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { div class="notice" role="status" { (n) } }
        @if !errors.is_empty() {
            div class="error" role="alert" {
                p { (t(lang, "Filen ble ikke importert. Ingenting er endret. Problemer:", "The file was not imported. Nothing was changed. Problems:")) }
                ul { @for e in errors { li { (e) } } }
            }
        }
        h2 { (t(lang, "Eksport", "Export")) }
        p {
            a href=(href(lang, "/intern/eksport?format=csv")) { (t(lang, "Last ned tiltaksplanen som CSV", "Download the action plan as CSV")) }
            " · "
            a href=(href(lang, "/intern/eksport?format=xlsx")) { (t(lang, "Last ned som Excel (XLSX)", "Download as Excel (XLSX)")) }
        }
        h2 { (t(lang, "Import", "Import")) }
        p { (t(lang,
            "Last opp en CSV- eller XLSX-fil med samme kolonner som eksporten. Rader med kjent id oppdaterer tiltaket (med kolonnen «version» bare hvis ingen har endret det siden), nye id-er oppretter tiltak. Alt lagres samlet, eller ingenting.",
            "Upload a CSV or XLSX file with the same columns as the export. Rows with a known id update that action (with the \"version\" column only if nobody changed it since), new ids create actions. Everything is saved together, or nothing.")) }
        form class="stack" method="post" action="/intern/import" enctype="multipart/form-data" {
            (hidden(staff, lang))
            div class="field" {
                label for="file" { (t(lang, "Fil (CSV eller XLSX)", "File (CSV or XLSX)")) }
                input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required;
            }
            button type="submit" { (t(lang, "Importer", "Import")) }
        }
    };
    super::page(lang, title, "/intern/import", staff, body)
}

fn upload_refused(lang: Lang, staff: &Staff, status: StatusCode) -> Response {
    let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
        t(
            lang,
            "Filen er for stor (over 5 MB).",
            "The file is too large (over 5 MB).",
        )
    } else {
        t(
            lang,
            "Opplastingen ble avbrutt eller er ødelagt; prøv igjen.",
            "The upload was cut off or is malformed; try again.",
        )
    };
    respond(status, render(lang, staff, None, &[msg.to_string()]))
}

/// Query of the import page.
#[derive(Debug, Deserialize, Default)]
pub struct BulkQuery {
    /// `en` for English.
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
                let en = field.text().await.ok().as_deref() == Some("en");
                lang = if en { Lang::En } else { lang };
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
                            &[t(
                                lang,
                                "Filen er for stor (over 5 MB).",
                                "The file is too large (over 5 MB).",
                            )
                            .to_string()],
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
                &[t(lang, "Velg en fil.", "Choose a file.").to_string()],
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
            let msg = match lang {
                Lang::Nb => format!(
                    "Importert: {} nye, {} endret, {} uendret.",
                    rep.created, rep.updated, rep.unchanged
                ),
                Lang::En => format!(
                    "Imported: {} new, {} changed, {} unchanged.",
                    rep.created, rep.updated, rep.unchanged
                ),
            };
            Ok(respond(
                StatusCode::OK,
                render(lang, &staff, Some(&msg), &[]),
            ))
        }
        Err(ImportError::Bulk(BulkError::Rows(rows))) => {
            let errs = bulk::reported(&rows);
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(lang, &staff, None, &errs),
            ))
        }
        Err(ImportError::Bulk(e)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, &staff, None, &[format!("{name}: {e}")]),
        )),
        Err(e @ ImportError::Conflict(_)) => Ok(respond(
            StatusCode::CONFLICT,
            render(lang, &staff, None, &[format!("{name}: {e}")]),
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
    let (bytes, ctype, ext) = match q.format.as_deref() {
        Some("xlsx") => (
            bulk::write_xlsx(&actions)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => (bulk::write_csv(&actions)?, "text/csv; charset=utf-8", "csv"),
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
