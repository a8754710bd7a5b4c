//! The council report for download: the page that lists the report's years and formats, and the
//! download itself (`?aar=2024&periode=year&format=pdf|docx|html|md`). Why here: the dashboard is where
//! council members and the press look, so the same report the council gets
//! (`naeringsplan report`) is one click away, generated from the same store and the same code
//! (`app::council_report` + `report`), never a stale file.

use ::report::{Format, Period};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use crate::layout::{self, href, tr};
use crate::{AppState, WebError};

/// Query of the report page.
#[derive(Debug, Deserialize, Default)]
pub struct ReportQuery {
    /// `nb`, `nn` or `en`: the page's language and the downloaded report's (default: the
    /// plan's written standard). A final report downloads as it was stored.
    pub lang: Option<String>,
    /// The report year.
    pub aar: Option<i32>,
    /// `year` (default), `H1` or `H2`.
    pub periode: Option<String>,
    /// `pdf`, `docx`, `html` or `md`; without it the page lists the downloads. For a period
    /// with a final report, its stored bytes.
    pub format: Option<String>,
}

fn parse_period(s: Option<&str>) -> Result<Period, String> {
    let s = s.unwrap_or("year");
    Period::parse(s).ok_or_else(|| format!("ukjent periode «{s}» (forventet year, H1 eller H2)"))
}

fn parse_format(s: &str) -> Result<(Format, &'static str, &'static str), String> {
    match s {
        "pdf" => Ok((Format::Pdf, "application/pdf", "pdf")),
        "html" => Ok((Format::Html, "text/html; charset=utf-8", "html")),
        "md" => Ok((Format::Markdown, "text/markdown; charset=utf-8", "md")),
        "docx" => Ok((
            Format::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )),
        other => Err(format!(
            "ukjent format «{other}» (forventet pdf, docx, html eller md)"
        )),
    }
}

fn bad_request(msg: String) -> Response {
    (axum::http::StatusCode::BAD_REQUEST, msg).into_response()
}

/// `GET /rapport`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, WebError> {
    let lang = crate::layout::lang_of(q.lang.as_deref());
    let plan = super::load_plan(&state).await?;
    let years: Vec<i32> = plan.table_years().collect();
    let period = match parse_period(q.periode.as_deref()) {
        Ok(p) => p,
        Err(e) => return Ok(bad_request(e)),
    };
    if let Some(format) = q.format.as_deref() {
        let (format, mime, ext) = match parse_format(format) {
            Ok(f) => f,
            Err(e) => return Ok(bad_request(e)),
        };
        let year = q.aar.unwrap_or(plan.meta.period_end);
        if !years.contains(&year) {
            return Ok(bad_request(format!(
                "planen dekker årene {}–{}, ikke {year}",
                plan.meta.first_data_year, plan.meta.period_end
            )));
        }
        let suffix = match period {
            Period::Year => String::new(),
            Period::H1 => "-h1".into(),
            Period::H2 => "-h2".into(),
        };
        // A final report is its stored bytes, whatever the data have done since.
        if let Some(bytes) =
            app::report_review::final_bytes(&state.store, &plan, year, period, ext).await?
        {
            let file = format!(
                "statusrapport-{}-{year}{suffix}-endelig.{ext}",
                plan.meta.municipality_code
            );
            return Ok(super::download(mime, &file, bytes));
        }
        let input = app::council_report::assemble_with(
            &state.store,
            &plan,
            year,
            period,
            &app::council_report::ReportOptions {
                lang: Some(lang),
                ..Default::default()
            },
        )
        .await?;
        // Typst layout takes a moment; keep it off the async workers.
        let bytes = tokio::task::spawn_blocking(move || {
            let created = matches!(format, Format::Pdf).then(time::OffsetDateTime::now_utc);
            ::report::render(&input, format, created)
        })
        .await??;
        let file = format!(
            "statusrapport-{}-{year}{suffix}.{ext}",
            plan.meta.municipality_code
        );
        return Ok(super::download(mime, &file, bytes));
    }

    let finals = state.store.final_reports(&state.plan_code).await?;
    let names = state.store.public_names().await?;
    let final_of = |year: i32, period: Period| {
        finals
            .iter()
            .find(|f| f.year == year && f.period == period.code())
    };
    let title = tr(lang, "report-status-report-to-the-council");
    let link = |year: i32, period: &str, format: &str| {
        href(
            lang,
            &format!("/rapport?aar={year}&periode={period}&format={format}"),
        )
    };
    let body = html! {
        h1 { (title) }
        p {
            (tr(lang, "report-the-report-is-generated-from"))
            " "
            (tr(lang, "report-a-period-marked-final-downloads"))
        }
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-downloads" {
            table {
                caption id="t-downloads" class="muted" { (tr(lang, "report-download")) }
                thead { tr {
                    th scope="col" { (tr(lang, "plans-period")) }
                    th scope="col" { "PDF" }
                    th scope="col" { "Word" }
                    th scope="col" { "HTML" }
                    th scope="col" { "Markdown" }
                } }
                tbody {
                    @for year in years.iter().rev() {
                        @for (p, label) in [("year", Period::Year.label_in(lang, *year)), ("H1", Period::H1.label_in(lang, *year)), ("H2", Period::H2.label_in(lang, *year))] {
                            tr {
                                th scope="row" {
                                    (label)
                                    @if let Some(f) = Period::parse(p).and_then(|pp| final_of(*year, pp)) {
                                        br;
                                        span class="hint" { strong { (tr(lang, "report-final")) } ", " (tr(lang, "report-marked")) " " (app::as_of::local_stamp(&f.at).get(..10).unwrap_or("")) " " (tr(lang, "actions-by")) " " (names.of(&f.by)) }
                                    }
                                }
                                td { a href=(link(*year, p, "pdf")) download { "PDF" span class="sr-only" { " " (label) } } }
                                td { a href=(link(*year, p, "docx")) download { "Word" span class="sr-only" { " " (label) } } }
                                td { a href=(link(*year, p, "html")) download { "HTML" span class="sr-only" { " " (label) } } }
                                td { a href=(link(*year, p, "md")) download { "Markdown" span class="sr-only" { " " (label) } } }
                            }
                        }
                    }
                }
            }
        }
        @if !finals.is_empty() {
            h2 { (tr(lang, "report-final-reports")) }
            p { (tr(lang, "report-a-final-report-is-stored")) }
            ul class="plain" {
                @for f in &finals {
                    li {
                        (Period::parse(&f.period).map_or(f.period.clone(), |p| p.label_in(lang, f.year))) ", "
                        (f.format.to_uppercase()) " (" (f.size) " byte): "
                        code class="hash" { (f.sha256) }
                    }
                }
            }
        }
    };
    Ok(layout::page(lang, &title, "/rapport", body).into_response())
}
