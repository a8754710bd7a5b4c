//! Public pages of the registers the plan says are missing (issue 9):
//!
//! - `/naeringsarealer`: commercial land statistics per year, the plan's 2019 figures beside
//!   them, and a map drawn as inline SVG from the sites' polygons (no external tiles);
//! - `/anskaffelser`: the shares of spend with local, neighbouring and other suppliers, and
//!   with SMEs, by year and category, and what could not be placed;
//! - `/bedriftsbesok`: visit aggregates (counts only; the details are for staff).

use axum::extract::{Query, State};
use local_registers::land::{self, Availability, Geometry, SiteState, UseClass};
use local_registers::procurement::{SizeClass, Spend, fmt_nok};
use maud::{Markup, PreEscaped, html};
use plan::Lang;
use serde::Deserialize;

use crate::layout::{self, pick, tr};
use crate::{AppState, WebError};

/// Query of the register pages.
#[derive(Debug, Deserialize, Default)]
pub struct RegisterQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// A year (procurement).
    pub ar: Option<i32>,
}

impl RegisterQuery {
    fn lang(&self) -> Lang {
        crate::layout::lang_of(self.lang.as_deref())
    }
}

fn label<'a>(lang: Lang, nb: &'a str, en: &'a str) -> &'a str {
    pick(lang, nb, en)
}

fn daa(v: f64) -> String {
    plan::fmt::number_auto(v, 1)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| plan::fmt::fraction_percent(v, 1))
}

fn synthetic_note(lang: Lang, nb: &str, en: &str) -> Markup {
    html! {
        div class="synthetic" role="note" {
            strong { (tr(lang, "local-registers-synthetic-data")) }
            (pick(lang, nb, en))
        }
    }
}

/// Fill colour of a site on the map by availability (colour-blind-safe palette, Okabe–Ito).
fn fill(a: Availability) -> &'static str {
    match a {
        Availability::Free => "#009E73",
        Availability::Reserved => "#E69F00",
        Availability::BuiltOut => "#0072B2",
        Availability::ToHousing => "#CC79A7",
        Availability::Withdrawn => "#999999",
    }
}

/// The sites as an SVG map: positions projected equirectangularly (x scaled by the cosine of
/// the middle latitude) into the bounding box of all outlines.
pub fn site_map(sites: &[(String, SiteState)], lang: Lang) -> Option<Markup> {
    let with: Vec<(&String, &SiteState, &Geometry)> = sites
        .iter()
        .filter_map(|(id, s)| s.geometry.as_ref().map(|g| (id, s, g)))
        .collect();
    if with.is_empty() {
        return None;
    }
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (_, _, g) in &with {
        let gb = g.bbox();
        b = [
            b[0].min(gb[0]),
            b[1].min(gb[1]),
            b[2].max(gb[2]),
            b[3].max(gb[3]),
        ];
    }
    let k = ((b[1] + b[3]) / 2.0).to_radians().cos();
    let (w_deg, h_deg) = (((b[2] - b[0]) * k).max(1e-6), (b[3] - b[1]).max(1e-6));
    let width = 640.0;
    let pad = 16.0;
    let scale = (width - 2.0 * pad) / w_deg;
    let height = (h_deg * scale + 2.0 * pad).clamp(160.0, 900.0);
    let scale = scale.min((height - 2.0 * pad) / h_deg);
    let x = |lon: f64| pad + (lon - b[0]) * k * scale;
    let y = |lat: f64| height - pad - (lat - b[1]) * scale;
    let mut svg = String::new();
    for (id, s, g) in &with {
        let mut d = String::new();
        for ring in g.polygons.iter().flatten() {
            for (i, [lon, lat]) in ring.iter().enumerate() {
                d.push_str(&format!(
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    x(*lon),
                    y(*lat)
                ));
            }
            d.push('Z');
        }
        let title = format!(
            "{} {} ({}): {} daa, {}, {}",
            id,
            s.name,
            s.place,
            daa(s.area_daa),
            match lang {
                Lang::Nb | Lang::Nn => s.availability.nb(),
                Lang::En => s.availability.en(),
            },
            match lang {
                Lang::Nb | Lang::Nn => s.use_class.nb(),
                Lang::En => s.use_class.en(),
            }
        );
        svg.push_str(&format!(
            r##"<path d="{d}" fill="{}" fill-opacity="0.8" stroke="#1a1a1a" stroke-width="1" fill-rule="evenodd"><title>{}</title></path>"##,
            fill(s.availability),
            maud::html! { (title) }.into_string()
        ));
    }
    let aria = tr(lang, "local-registers-map-of-the-commercial-land");
    Some(html! {
        figure class="chart" {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {height:.0}")) role="img" aria-label=(aria) {
                rect x="0" y="0" width=(width) height=(format!("{height:.0}")) fill="#f2f5f8" {}
                (PreEscaped(svg))
            }
            figcaption {
                @for a in Availability::ALL {
                    span class="key-swatch" {
                        svg width="14" height="14" aria-hidden="true" { rect width="14" height="14" fill=(fill(*a)) {} }
                        " " (match lang { Lang::Nb | Lang::Nn => a.nb(), Lang::En => a.en() }) " "
                    }
                }
                br;
                span class="hint" { (tr(lang, "local-registers-simple-projection-longitude-scaled-by")) }
            }
        }
    })
}

/// The format of the land register's download.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LandDataQuery {
    /// `csv` (default, the import format) or `geojson`.
    pub format: Option<String>,
}

/// `GET /naeringsarealer/data?format=csv|geojson`: every dated change of the land register, in
/// the import format (the same as `naeringsplan land export`); example data say so in their
/// source column.
pub async fn land_data(
    State(state): State<AppState>,
    Query(q): Query<LandDataQuery>,
) -> Result<axum::response::Response, WebError> {
    let view = app::local_registers::land_view(&state.store, state.municipality(), None).await?;
    let (mime, ext, body) = match q.format.as_deref().unwrap_or("csv") {
        "csv" => (
            "text/csv; charset=utf-8",
            "csv",
            land::to_csv(&view.changes),
        ),
        "geojson" => (
            "application/geo+json",
            "geojson",
            serde_json::to_string_pretty(&land::to_geojson(&view.changes))
                .map_err(WebError::internal)?,
        ),
        other => {
            return Err(WebError::invalid(
                "format",
                format!("ukjent format «{other}» (forventet csv eller geojson)"),
            ));
        }
    };
    let name = if view.synthetic {
        format!("naeringsarealer_SYNTETISK.{ext}")
    } else {
        format!("naeringsarealer.{ext}")
    };
    Ok(super::download(mime, &name, body))
}

/// `GET /naeringsarealer`
pub async fn land(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let view = app::local_registers::land_view(&state.store, state.municipality(), None).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let current: Vec<(String, SiteState)> =
        land::state_at(&view.changes, today).into_iter().collect();
    let seed = land::SEED_2019;
    let title = tr(lang, "layout-commercial-land");
    let body = html! {
        h1 { (title) }
        @if view.synthetic {
            (synthetic_note(lang,
                "Arealregisteret inneholder oppdiktede tomter (eksempeldata), ikke kommunens tall.",
                "The land register holds invented sites (example data), not the municipality's figures."))
        }
        p { (tr(lang, "local-registers-the-plan-says-the-municipality")) }
        p {
            (tr(lang, "local-registers-download-every-recorded-change"))
            a href="/naeringsarealer/data?format=csv" download { "CSV" }
            " · "
            a href="/naeringsarealer/data?format=geojson" download { "GeoJSON" }
            @if view.synthetic { " " (tr(lang, "local-registers-example-data-marked-synthetic")) }
        }
        section aria-labelledby="seed" {
            h2 id="seed" { (tr(lang, "local-registers-the-plan-s-2019-figures")) }
            p {
                (daa(seed.in_use_daa)) " " (tr(lang, "local-registers-dekar-in-use-for-business")) " "
                (daa(seed.future_daa)) " " (tr(lang, "local-registers-dekar-set-aside-for-future"))
                br;
                span class="hint" { (tr(lang, "local-registers-source-quoted-not-computed")) (seed.source) "." }
            }
            p class="hint" { (tr(lang, "local-registers-the-plan-s-figures-cover")) }
        }
        @if let Some(map) = site_map(&current, lang) {
            h2 { (tr(lang, "local-registers-map")) }
            (map)
        }
        h2 { (tr(lang, "local-registers-per-year")) }
        @if view.years.is_empty() {
            p { (tr(lang, "local-registers-no-commercial-land-has-been")) }
        } @else {
            div class="table-wrap" tabindex="0" {
                table {
                    caption { (tr(lang, "local-registers-stock-at-year-end-and")) }
                    thead { tr {
                        th scope="col" { (tr(lang, "area-year")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-in-use-built-out")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-set-aside-available-reserved")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-additions")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-withdrawals")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-of-which-to-housing")) }
                        th scope="col" class="num" { (tr(lang, "local-registers-built-out-in-the-year")) }
                    } }
                    tbody {
                        @for y in &view.years {
                            tr {
                                th scope="row" { (y.year) }
                                td class="num" { (daa(y.in_use_daa)) }
                                td class="num" { (daa(y.future_daa)) }
                                td class="num" { (daa(y.additions_daa)) }
                                td class="num" { (daa(y.withdrawals_daa)) }
                                td class="num" { (daa(y.to_housing_daa)) }
                                td class="num" { (daa(y.built_out_daa)) }
                            }
                        }
                    }
                }
            }
            @if let Some(last) = view.years.last() {
                div class="table-wrap" tabindex="0" {
                    table {
                        caption { (tr(lang, "local-registers-stock-by-use-class-and")) (last.year) ", dekar" }
                        thead { tr {
                            th scope="col" { (tr(lang, "local-registers-use-class")) }
                            @for a in Availability::ALL.iter().filter(|a| a.in_stock()) {
                                th scope="col" class="num" { (label(lang, a.nb(), a.en())) }
                            }
                        } }
                        tbody {
                            @for u in UseClass::ALL {
                                tr {
                                    th scope="row" { (label(lang, u.nb(), u.en())) }
                                    @for a in Availability::ALL.iter().filter(|a| a.in_stock()) {
                                        td class="num" { (daa(last.by_use.get(u).and_then(|m| m.get(a)).copied().unwrap_or(0.0))) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr(lang, "local-registers-the-sites-today")) }
        div class="table-wrap" tabindex="0" {
            table {
                caption { (tr(lang, "local-registers-each-site-as-the-register")) }
                thead { tr {
                    th scope="col" { "Id" }
                    th scope="col" { (tr(lang, "local-registers-name")) }
                    th scope="col" { (tr(lang, "local-registers-place")) }
                    th scope="col" class="num" { (tr(lang, "local-registers-area-daa")) }
                    th scope="col" { (tr(lang, "local-registers-zoning")) }
                    th scope="col" { (tr(lang, "local-registers-availability")) }
                    th scope="col" { (tr(lang, "local-registers-use-class")) }
                    th scope="col" { "ABC" }
                    th scope="col" class="num" { (tr(lang, "local-registers-to-hub-m")) }
                } }
                tbody {
                    @for (id, s) in &current {
                        tr {
                            th scope="row" { (id) }
                            td { (s.name) }
                            td { (s.place) }
                            td class="num" { (daa(s.area_daa)) }
                            td { (label(lang, s.zoning.nb(), s.zoning.en())) }
                            td { (label(lang, s.availability.nb(), s.availability.en())) }
                            td { (label(lang, s.use_class.nb(), s.use_class.en())) }
                            td { (s.abc.map_or("–", |a| a.code())) }
                            td class="num" { (s.hub_distance_m.map_or("–".to_string(), |d| d.to_string())) }
                        }
                    }
                }
            }
        }
        p class="hint" { (tr(lang, "local-registers-additions-are-increases-of-area")) }
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "local-registers-the-municipality-keeps-the-register"))
            code { "naeringsplan land import FIL" }
            (tr(lang, "local-registers-every-change-is-dated-and"))
            @match &view.recorded_at {
                Some(at) => { (tr(lang, "local-registers-last-recorded")) (app::as_of::local_stamp(at)) }
                None => { (tr(lang, "local-registers-no-change-has-been-recorded")) }
            }
            @if !view.files.is_empty() { " (" (tr(lang, "local-registers-files")) (view.files.join(", ")) ")" }
            ". "
            (tr(lang, "local-registers-download"))
            a href=(layout::in_view("/naeringsarealer/data?format=csv")) download { "CSV" }
            " · "
            a href=(layout::in_view("/naeringsarealer/data?format=geojson")) download { "GeoJSON" }
            @if view.synthetic { " " (tr(lang, "local-registers-example-data-marked-synthetic")) }
        }
    };
    Ok(layout::page(lang, &title, "/naeringsarealer", body))
}

fn spend_row(head: &str, s: &Spend) -> Markup {
    html! {
        tr {
            th scope="row" { (head) }
            td class="num" { (fmt_nok(s.total)) }
            td class="num" { (pct(s.local_share())) }
            td class="num" { (pct(s.neighbour_share())) }
            td class="num" { (pct(s.elsewhere_share())) }
            td class="num" { (pct(s.sme_share())) }
            td class="num" { (pct(s.size_share(SizeClass::Withheld))) }
            td class="num" { (pct(s.unresolved_share())) }
        }
    }
}

fn spend_head(lang: Lang, first: &str) -> Markup {
    html! {
        thead { tr {
            th scope="col" { (first) }
            th scope="col" class="num" { (tr(lang, "local-registers-amount-nok")) }
            th scope="col" class="num" { (tr(lang, "local-registers-local")) }
            th scope="col" class="num" { (tr(lang, "local-registers-neighbours")) }
            th scope="col" class="num" { (tr(lang, "local-registers-elsewhere")) }
            th scope="col" class="num" { (tr(lang, "local-registers-smes")) }
            th scope="col" class="num" { (tr(lang, "local-registers-headcount-withheld")) }
            th scope="col" class="num" { (tr(lang, "local-registers-not-placed")) }
        } }
    }
}

/// The format of a register page's data download.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DataQuery {
    /// `csv` (default) or `json`.
    pub format: Option<String>,
}

/// A register page's data as CSV or JSON, named `{stem}.csv` (`{stem}_SYNTETISK.csv` for
/// example data).
fn data_download<T: serde::Serialize>(
    format: Option<&str>,
    stem: &str,
    synthetic: bool,
    data: &T,
    csv: impl FnOnce(&T) -> Vec<u8>,
) -> Result<axum::response::Response, WebError> {
    let (mime, ext, body) = match format.unwrap_or("csv") {
        "csv" => ("text/csv; charset=utf-8", "csv", csv(data)),
        "json" => (
            "application/json",
            "json",
            serde_json::to_vec_pretty(data).map_err(WebError::internal)?,
        ),
        other => {
            return Err(WebError::invalid(
                "format",
                format!("ukjent format «{other}» (forventet csv eller json)"),
            ));
        }
    };
    let name = if synthetic {
        format!("{stem}_SYNTETISK.{ext}")
    } else {
        format!("{stem}.{ext}")
    };
    Ok(super::download(mime, &name, body))
}

/// The "about the data" block of a register page: the download links and `about`.
fn about_data(lang: Lang, path: &str, about: Markup) -> Markup {
    html! {
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "local-registers-download-the-figures-on-this"))
            a href=(layout::in_view(&format!("{path}/data?format=csv"))) download { "CSV" }
            " · "
            a href=(layout::in_view(&format!("{path}/data?format=json"))) download { "JSON" }
        }
        p { (about) }
    }
}

/// `GET /anskaffelser/data?format=csv|json`: the procurement figures by year and by year and
/// category, with the ledger's import time and the register snapshot used.
pub async fn procurement_data(
    State(state): State<AppState>,
    Query(q): Query<DataQuery>,
) -> Result<axum::response::Response, WebError> {
    let plan = super::load_plan(&state).await?;
    let d = app::register_data::procurement(&state.store, &plan).await?;
    data_download(
        q.format.as_deref(),
        "anskaffelser",
        d.synthetic,
        &d,
        app::register_data::procurement_csv,
    )
}

/// `GET /bedriftsbesok/data?format=csv|json`: the visit counts (never names or notes).
pub async fn visits_data(
    State(state): State<AppState>,
    Query(q): Query<DataQuery>,
) -> Result<axum::response::Response, WebError> {
    let d = app::register_data::visits(&state.store, state.municipality()).await?;
    data_download(
        q.format.as_deref(),
        "bedriftsbesok",
        d.synthetic,
        &d,
        app::register_data::visits_csv,
    )
}

/// `GET /anskaffelser`
pub async fn procurement(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let plan = super::load_plan(&state).await?;
    let v = app::local_registers::procurement_view(&state.store, &plan, q.ar).await?;
    let imported = state
        .store
        .procurement_imports(state.municipality())
        .await?
        .into_iter()
        .map(|i| i.imported_at)
        .max();
    let title = tr(lang, "local-registers-local-procurement");
    let body = html! {
        h1 { (title) }
        @if v.synthetic {
            (synthetic_note(lang,
                "Fakturajournalen og/eller Enhetsregisteret er oppdiktet (eksempeldata), ikke kommunens innkjøp.",
                "The supplier ledger and/or the register are invented (example data), not the municipality's purchases."))
        }
        p { (tr(lang, "local-registers-the-plan-the-municipality-keeps")) }
        p class="hint" {
            (tr(lang, "local-registers-shares-are-of-the-spend"))
            (v.neighbours.join(", ")) "."
            @if let Some(s) = &v.snapshot { " " (tr(lang, "local-registers-register")) (s.label()) "." }
        }
        @if v.report.by_year.is_empty() {
            p { (tr(lang, "local-registers-no-supplier-ledger-has-been")) }
        } @else {
            div class="table-wrap" tabindex="0" {
                table {
                    caption { (tr(lang, "local-registers-per-year")) }
                    (spend_head(lang, &tr(lang, "area-year")))
                    tbody {
                        @for (y, s) in &v.report.by_year { (spend_row(&y.to_string(), s)) }
                    }
                }
            }
            @for (y, cats) in &v.report.by_year_category {
                div class="table-wrap" tabindex="0" {
                    table {
                        caption { (tr(lang, "local-registers-by-category")) (y) }
                        (spend_head(lang, &tr(lang, "local-registers-category")))
                        tbody {
                            @for (c, s) in cats { (spend_row(c, s)) }
                        }
                    }
                }
            }
            @if !v.report.unresolved.is_empty() {
                h2 { (tr(lang, "local-registers-not-placed")) }
                div class="table-wrap" tabindex="0" {
                    table {
                        caption { (tr(lang, "local-registers-suppliers-that-could-not-be")) }
                        thead { tr {
                            th scope="col" { (tr(lang, "local-registers-organisation-number")) }
                            th scope="col" { (tr(lang, "local-registers-supplier")) }
                            th scope="col" { (tr(lang, "local-registers-reason")) }
                            th scope="col" class="num" { (tr(lang, "local-registers-amount-nok")) }
                        } }
                        tbody {
                            @for u in &v.report.unresolved {
                                tr {
                                    td { (u.orgnr.map_or("–".to_string(), |o| o.to_string())) }
                                    td { @if u.orgnr.is_some() { (u.supplier) } @else { span class="muted" { (tr(lang, "local-registers-not-shown")) } } }
                                    td { (label(lang, u.reason.nb(), u.reason.en())) }
                                    td class="num" { (fmt_nok(u.spend)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        (about_data(lang, "/anskaffelser", html! {
            (tr(lang, "local-registers-sources-the-municipality-s-supplier"))
            @match &imported {
                Some(at) => { (tr(lang, "local-registers-last-imported")) (app::as_of::local_stamp(at)) }
                None => { (tr(lang, "local-registers-not-imported-yet")) }
            }
            (tr(lang, "local-registers-and-the-central-coordinating-register"))
            @match &v.snapshot {
                Some(s) => { (s.label()) }
                None => { (tr(lang, "local-registers-not-loaded")) }
            }
            "; " a href=(app::register_data::BRREG_DOWNLOAD_URL) { (tr(lang, "local-registers-download-at-the-bronnoysund-register")) } "). "
            (tr(lang, "local-registers-the-file-holds-amounts-and"))
        }))
    };
    Ok(layout::page(lang, &title, "/anskaffelser", body))
}

/// `GET /bedriftsbesok`: aggregates only.
pub async fn visits(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let (a, synthetic) =
        app::local_registers::visit_aggregates(&state.store, state.municipality()).await?;
    let title = tr(lang, "layout-company-visits");
    let body = html! {
        h1 { (title) }
        @if synthetic {
            (synthetic_note(lang, "Besøkene er oppdiktet (eksempeldata).", "The visits are invented (example data)."))
        }
        p { (tr(lang, "local-registers-the-mayor-takes-the-initiative")) }
        @if a.per_year.is_empty() {
            p { (tr(lang, "local-registers-no-visits-have-been-recorded")) }
        }
        @for (y, n) in &a.per_year {
            section aria-labelledby=(format!("y{y}")) {
                h2 id=(format!("y{y}")) { (y) ": " (n) " " (tr(lang, "local-registers-visits")) }
                @if let Some((f, l)) = a.follow_ups_per_year.get(y) {
                    p { (f) " " (tr(lang, "local-registers-follow-ups")) (l) " " (tr(lang, "local-registers-of-them-linked-to-strategies")) }
                }
                div class="table-wrap" tabindex="0" {
                    table {
                        caption { (tr(lang, "local-registers-by-industry-sn2007-section")) }
                        thead { tr { th scope="col" { (tr(lang, "local-registers-industry")) } th scope="col" class="num" { (tr(lang, "local-registers-visits-2")) } } }
                        tbody {
                            @for (s, n) in a.per_year_sector.get(y).into_iter().flatten() {
                                tr {
                                    th scope="row" { (s) " " (app::local_registers::sector_name(s).unwrap_or(&tr(lang, "local-registers-unknown"))) }
                                    td class="num" { (n) }
                                }
                            }
                        }
                    }
                    table {
                        caption { (tr(lang, "local-registers-by-part-of-the-municipality")) }
                        thead { tr { th scope="col" { (tr(lang, "local-registers-area")) } th scope="col" class="num" { (tr(lang, "local-registers-visits-2")) } } }
                        tbody {
                            @for (s, n) in a.per_year_area.get(y).into_iter().flatten() {
                                tr { th scope="row" { (if s == "?" { tr(lang, "local-registers-not-given") } else { s.clone() }) } td class="num" { (n) } }
                            }
                        }
                    }
                }
            }
        }
        (about_data(lang, "/bedriftsbesok", html! {
            (tr(lang, "local-registers-source-the-municipality-s-own"))
        }))
    };
    Ok(layout::page(lang, &title, "/bedriftsbesok", body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_projects_into_the_box_and_escapes_titles() {
        let g = Geometry {
            polygons: vec![vec![vec![
                [10.0, 59.0],
                [10.2, 59.0],
                [10.2, 59.1],
                [10.0, 59.0],
            ]]],
        };
        let s = SiteState {
            name: "<script>".into(),
            place: "Tofte".into(),
            area_daa: 5.0,
            zoning: land::Zoning::Zoned,
            availability: Availability::Free,
            use_class: UseClass::Office,
            abc: None,
            hub_distance_m: None,
            owner: String::new(),
            geometry: Some(g),
        };
        let svg = site_map(&[("A".into(), s)], Lang::Nb)
            .unwrap()
            .into_string();
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert!(!svg.contains("<script>"));
        // The west-most point sits at the left padding, the north-most at the top padding.
        assert!(svg.contains("M16.0,"), "{svg}");
        assert!(svg.contains(",16.0Z") || svg.contains(",16.0L"), "{svg}");
    }
}
