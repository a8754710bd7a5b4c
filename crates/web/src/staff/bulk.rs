//! Import and export of the action plan as CSV or XLSX (editors). The upload is a multipart form
//! with the CSRF token inside; a refused file is answered with every problem by row and column.
//!
//! An accepted file is not written at once: the upload answers with a preview
//! (`app::action_sheet::preview`: what would be created, changed field by field, left alone;
//! rows exported before later changes refuse the file, explained in the user's language), and
//! only its «Bekreft import» button imports, in one transaction.
//!
//! How the file reaches the confirmation: the preview page carries its bytes back in a hidden
//! field (hex; the confirmation route accepts twice the upload limit), with the file name and
//! the preview's fingerprint (`Preview::basis`: the file's hash and every action's version).
//! The confirmation is an ordinary urlencoded form behind the editor guard (session, CSRF
//! token, role), and `app::action_sheet::confirm` reads and checks the bytes again from
//! scratch, so nothing the browser sends back is trusted beyond what an upload could do; it
//! imports only if the fingerprint still matches (else it shows the new preview, 409). Chosen
//! over keeping the parsed rows server-side under a token: no new table, no expiry to clean
//! up, and web nodes stay stateless.

use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use plan::Lang;
use serde::Deserialize;

use super::{SavedQuery, hidden, respond};
use crate::auth::Staff;
use crate::error::RequestLang;
use crate::guard::{self, Editor, EditorRole, Viewer};
use crate::layout::{href, tr, tr_args};
use crate::pages::actions::{field_label, value_label};
use crate::{AppState, WebError};
use app::action_sheet::{self as bulk, BulkError, Confirmed, ImportError, Preview, RowChange};

/// Largest accepted upload.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;

/// Bytes as lower-case hex (the preview's hidden field).
fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Hex back to bytes; `None` for anything else.
fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().as_bytes();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.chunks(2)
        .map(|p| {
            let hi = (p[0] as char).to_digit(16)?;
            let lo = (p[1] as char).to_digit(16)?;
            Some((hi * 16 + lo) as u8)
        })
        .collect()
}

/// The confirmation form of a preview.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    /// The uploaded file's name.
    pub name: String,
    /// Its bytes, hex.
    pub data: String,
    /// `Preview::basis` of the preview shown.
    pub basis: String,
}

fn preview_page(
    lang: Lang,
    staff: &Staff,
    name: &str,
    bytes: &[u8],
    p: &Preview,
    moved: bool,
) -> Markup {
    let title = tr(lang, "staff-import-preview-title");
    let (created, changed, unchanged) = p.counts();
    let stale = p.stale();
    let body = html! {
        h1 { (title) }
        @if moved { div class="notice" role="alert" { (tr(lang, "staff-import-moved")) } }
        @if !stale.is_empty() {
            div class="error" role="alert" id="eldre-fil" {
                h2 { (tr(lang, "staff-import-stale-title")) }
                p { (tr_args(lang, "staff-import-stale", &[("actions", stale.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ").into())])) }
                ul {
                    @for r in &stale {
                        @if let RowChange::Stale { file_version, now, by, at } = &r.change {
                            li { (tr_args(lang, "staff-import-stale-row", &[
                                ("id", r.id.clone().into()),
                                ("row", r.row.into()),
                                ("file", (*file_version).into()),
                                ("now", (*now).into()),
                                ("by", by.clone().into()),
                                ("at", app::as_of::local_stamp(at).into()),
                            ])) }
                        }
                    }
                }
                p {
                    a href=(href(lang, "/intern/eksport?format=csv")) { (tr(lang, "staff-bulk-download-the-action-plan-as")) }
                    " · "
                    a href=(href(lang, "/intern/eksport?format=xlsx")) { (tr(lang, "staff-bulk-download-as-excel-xlsx")) }
                }
            }
        } @else {
            p role="status" { (tr(lang, "staff-import-preview-intro")) }
        }
        p { (tr_args(lang, "staff-import-summary", &[
            ("file", name.to_string().into()),
            ("created", created.into()),
            ("changed", changed.into()),
            ("unchanged", unchanged.into()),
        ])) }
        @if created > 0 {
            h2 { (tr(lang, "staff-import-created")) }
            div class="table-wrap" tabindex="0" {
                table {
                    thead { tr { th scope="col" { "Id" } th scope="col" { (tr(lang, "staff-actions-title")) } } }
                    tbody {
                        @for r in &p.rows {
                            @if let RowChange::Create { title } = &r.change { tr { td { (r.id) } td { (title) } } }
                        }
                    }
                }
            }
        }
        @if changed > 0 {
            h2 { (tr(lang, "staff-import-changed")) }
            div class="table-wrap" tabindex="0" {
                table {
                    thead { tr {
                        th scope="col" { "Id" }
                        th scope="col" { (tr(lang, "staff-import-field")) }
                        th scope="col" { (tr(lang, "staff-import-before")) }
                        th scope="col" { (tr(lang, "staff-import-after")) }
                    } }
                    tbody {
                        @for r in &p.rows {
                            @if let RowChange::Change(fields) = &r.change {
                                @for (field, old, new) in fields {
                                    tr {
                                        td { (r.id) }
                                        td { (field_label(field, lang)) }
                                        td { (value_label(field, old, lang)) }
                                        td { (value_label(field, new, lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if unchanged > 0 {
            h2 { (tr(lang, "staff-import-unchanged")) }
            p { (p.rows.iter().filter(|r| r.change == RowChange::Unchanged).map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")) }
        }
        @if stale.is_empty() {
            @if created + changed == 0 { p { (tr(lang, "staff-import-nothing")) } }
            form class="stack" method="post" action="/intern/import/bekreft" {
                (hidden(staff, lang))
                input type="hidden" name="name" value=(name);
                input type="hidden" name="basis" value=(p.basis);
                input type="hidden" name="data" value=(to_hex(bytes));
                button type="submit" { (tr(lang, "staff-import-confirm")) }
            }
            p { a href=(href(lang, "/intern/import")) { (tr(lang, "staff-import-cancel")) } }
        }
    };
    super::page(lang, &title, "/intern/import", staff, body)
}

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

/// `GET /intern/import` (`?lagret=C-U-N` after an import: the counts, numbers only).
pub async fn form(g: Editor<SavedQuery>) -> Result<Response, WebError> {
    let lang = g.lang;
    let notice = g.form.lagret.as_deref().and_then(|v| {
        let n: Vec<usize> = v.split('-').filter_map(|x| x.parse().ok()).collect();
        let [c, u, k] = n[..] else { return None };
        Some(format!(
            "{} {}",
            tr(lang, "staff-saved"),
            tr_args(
                lang,
                "staff-import-done",
                &[
                    ("created", c.into()),
                    ("changed", u.into()),
                    ("unchanged", k.into()),
                ],
            )
        ))
    });
    Ok(respond(
        StatusCode::OK,
        render(lang, &g.staff, notice.as_deref(), &[]),
    ))
}

/// `POST /intern/import/bekreft`: imports the previewed file (see the module docs).
pub async fn confirm(
    State(state): State<AppState>,
    g: Editor<ConfirmForm>,
) -> Result<Response, WebError> {
    let (lang, staff, f) = (g.lang, &g.staff, g.form);
    let Some(bytes) = from_hex(&f.data).filter(|b| !b.is_empty() && b.len() <= MAX_UPLOAD) else {
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, None, &[tr(lang, "staff-import-broken")]),
        ));
    };
    match bulk::confirm(
        &state.store,
        &state.plan_code,
        &f.name,
        &bytes,
        &f.basis,
        &staff.user().name,
    )
    .await
    {
        Ok(Confirmed::Done(rep)) => Ok(super::see_other(&format!(
            "{}{}lagret={}-{}-{}",
            href(lang, "/intern/import"),
            if lang == crate::layout::default_lang() {
                '?'
            } else {
                '&'
            },
            rep.created,
            rep.updated,
            rep.unchanged
        ))),
        Ok(Confirmed::Moved(p)) => Ok(respond(
            StatusCode::CONFLICT,
            preview_page(lang, staff, &f.name, &bytes, &p, true),
        )),
        Err(e) => refused(lang, staff, &f.name, e),
    }
}

/// A refused file: every problem by row and column (422), a write that met another (409).
fn refused(lang: Lang, staff: &Staff, name: &str, e: ImportError) -> Result<Response, WebError> {
    match e {
        ImportError::Bulk(BulkError::Rows(rows)) => {
            let mut errs = vec![tr_args(
                lang,
                "staff-bulk-nothing-imported",
                &[("file", name.into())],
            )];
            errs.extend(bulk::reported(&rows, lang));
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(lang, staff, None, &errs),
            ))
        }
        ImportError::Bulk(e) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(lang, staff, None, &[format!("{name}: {e}")]),
        )),
        ImportError::Conflict(_) => Ok(respond(
            StatusCode::CONFLICT,
            render(lang, staff, None, &[tr(lang, "staff-import-conflict")]),
        )),
        ImportError::Store(e) => Err(e.into()),
    }
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
    // Nothing is written here: the answer is the preview.
    match bulk::preview(&state.store, &state.plan_code, &name, &bytes).await {
        Ok(p) => {
            let status = if p.stale().is_empty() {
                StatusCode::OK
            } else {
                StatusCode::CONFLICT
            };
            Ok(respond(
                status,
                preview_page(lang, &staff, &name, &bytes, &p, false),
            ))
        }
        Err(e) => refused(lang, &staff, &name, e),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_anything_else() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        assert_eq!(from_hex(""), Some(Vec::new()));
        for bad in ["a", "zz", "0g", "é1"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }
}
