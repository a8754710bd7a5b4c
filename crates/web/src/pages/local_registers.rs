//! Public pages of the registers the plan says are missing (issue 9):
//!
//! - `/naeringsarealer`: commercial land statistics per year, the plan's 2019 figures beside
//!   them, and a map drawn as inline SVG from the sites' polygons (no external tiles);
//! - `/anskaffelser`: the shares of spend with local, neighbouring and other suppliers, and
//!   with SMEs, by year and category, and what could not be placed;
//! - `/bedriftsbesok`: visit aggregates (counts only; the details are for staff).

use axum::extract::{Query, State};
use local_registers::land::{self, Availability, SiteState, UseClass};
use local_registers::procurement::{SizeClass, Spend, fmt_nok};
use maud::{Markup, PreEscaped, html};
use plan::Lang;
use serde::Deserialize;

use crate::layout::{self, tr};
use crate::maps;
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
    pub(crate) fn lang(&self) -> Lang {
        crate::layout::lang_of(self.lang.as_deref())
    }
}

/// A register value's label in `lang`, from the translation files by the value's code
/// (`land-availability-ledig`, …).
pub(crate) fn code_label(lang: Lang, group: &str, code: &str) -> String {
    tr(lang, &format!("{group}-{code}"))
}

/// The label of a reason a ledger row could not be placed.
pub(crate) fn unresolved_label(lang: Lang, u: local_registers::procurement::Unresolved) -> String {
    use local_registers::procurement::Unresolved as U;
    let code = match u {
        U::NoOrgnr => "no_orgnr",
        U::NotInRegister => "not_in_register",
        U::Deleted => "deleted",
        U::Bankrupt => "bankrupt",
        U::NoAddress => "no_address",
    };
    code_label(lang, "ledger-unresolved", code)
}

fn daa(v: f64) -> String {
    plan::fmt::number_auto(v, 1)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| plan::fmt::fraction_percent(v, 1))
}

fn synthetic_note(lang: Lang, key: &str) -> Markup {
    html! {
        div class="synthetic" role="note" {
            strong { (tr(lang, "local-registers-synthetic-data")) }
            (tr(lang, key))
        }
    }
}

/// The class of a site on the map and its legend swatch, by availability (colour-blind-safe
/// palette, Okabe–Ito; the colours are in the stylesheet).
fn availability_class(a: Availability) -> &'static str {
    match a {
        Availability::Free => "av-free",
        Availability::Reserved => "av-reserved",
        Availability::BuiltOut => "av-built",
        Availability::ToHousing => "av-housing",
        Availability::Withdrawn => "av-withdrawn",
    }
}

/// A ring projected to UTM zone 33 (metres).
type Projected = Vec<[f64; 2]>;

/// The outlines to draw the plan municipality's land on: the detailed close-up where it
/// covers the municipality (Asker), else the national outlines of 2024 or 2020–2023.
fn base_outlines(code: &str) -> Option<&'static maps::Outlines> {
    [
        maps::outlines_asker_close_up(),
        maps::outlines_2024(),
        maps::outlines_2020(),
    ]
    .into_iter()
    .find(|o| o.get(code).is_some())
}

/// The sites as an SVG map on the municipality's outline (projected to UTM zone 33 like every
/// map, [`maps::utm33`]), the neighbouring municipalities faint around it; each site is its
/// polygon with a dot on it (so that a small site shows at all), coloured by availability,
/// with its description as a tooltip. The legend, the attribution and the neighbours' names
/// are HTML in the caption; the table below the map holds the same information.
pub fn site_map(
    sites: &[(String, SiteState)],
    municipality: &str,
    synthetic: bool,
    lang: Lang,
) -> Option<Markup> {
    let mut with: Vec<(&String, &SiteState, Vec<Projected>)> = sites
        .iter()
        .filter_map(|(id, s)| {
            let g = s.geometry.as_ref()?;
            let rings = g
                .polygons
                .iter()
                .flatten()
                .map(|r| r.iter().map(|[lon, lat]| maps::utm33(*lon, *lat)).collect())
                .collect();
            Some((id, s, rings))
        })
        .collect();
    // Sites no longer in the stock first, so the others are drawn on top of them.
    with.sort_by_key(|(_, s, _)| s.availability.in_stock());
    let base = base_outlines(municipality);
    let own = base.and_then(|o| o.get(municipality));
    if with.is_empty() {
        return None;
    }
    let sites_bounds = with
        .iter()
        .flat_map(|(_, _, rings)| rings.iter().flatten())
        .fold(None, |b: Option<[f64; 4]>, p| {
            let pb = [p[0], p[1], p[0], p[1]];
            Some(b.map_or(pb, |b| maps::union(b, pb)))
        });
    let bounds = match (own.map(|r| r.bounds), sites_bounds) {
        (Some(a), Some(b)) => maps::union(a, b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    let frame = maps::Frame::fit(bounds, 640.0, 720.0, 12.0);
    let shows = frame.shows();
    let overlaps =
        |b: [f64; 4]| b[0] <= shows[2] && b[2] >= shows[0] && b[1] <= shows[3] && b[3] >= shows[1];
    let neighbours: Vec<&maps::Region> = base
        .map(|o| {
            o.regions
                .iter()
                .filter(|r| r.code != municipality && overlaps(r.bounds))
                .collect()
        })
        .unwrap_or_default();
    let mut svg = String::new();
    for r in &neighbours {
        svg.push_str(&format!(
            r#"<path class="neighbour" d="{}"><title>{}</title></path>"#,
            frame.path(r.rings.iter().map(Vec::as_slice), true),
            html! { (r.name) }.into_string()
        ));
    }
    if let Some(r) = own {
        svg.push_str(&format!(
            r#"<path class="own-outline" d="{}"><title>{}</title></path>"#,
            frame.path(r.rings.iter().map(Vec::as_slice), true),
            html! { (r.name) }.into_string()
        ));
    }
    for (id, s, rings) in &with {
        // Sites are small at this scale: one decimal keeps their shape.
        let mut d = String::new();
        let mut sum = [0.0, 0.0];
        let mut n: f64 = 0.0;
        for ring in rings {
            for (i, p) in ring.iter().enumerate() {
                let [x, y] = frame.xy(*p);
                d.push_str(&format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }));
                if i + 1 < ring.len() {
                    sum = [sum[0] + x, sum[1] + y];
                    n += 1.0;
                }
            }
            d.push('Z');
        }
        let title = format!(
            "{} {} ({}): {} daa, {}, {}",
            id,
            s.name,
            s.place,
            daa(s.area_daa),
            code_label(lang, "land-availability", s.availability.code()),
            code_label(lang, "land-use", s.use_class.code())
        );
        svg.push_str(&format!(
            r#"<g class="site {}"><title>{}</title><path d="{d}"/><circle cx="{:.1}" cy="{:.1}" r="6"/></g>"#,
            availability_class(s.availability),
            html! { (title) }.into_string(),
            sum[0] / n.max(1.0),
            sum[1] / n.max(1.0),
        ));
    }
    let name = own.map_or(municipality, |r| r.name.as_str());
    let aria = tr(lang, "local-registers-map-of-the-commercial-land-2");
    Some(html! {
        figure class="map" {
            svg xmlns="http://www.w3.org/2000/svg" class="map-svg land-map"
                viewBox=(format!("0 0 {} {}", frame.width, frame.height)) role="img" aria-label=(aria) {
                title { (aria) }
                rect class="sea" x="0" y="0" width=(frame.width) height=(frame.height) {}
                (PreEscaped(svg))
            }
            figcaption {
                p class="map-caption" {
                    (tr(lang, "local-registers-the-register-s-sites-today"))
                    @if !neighbours.is_empty() {
                        (tr(lang, "local-registers-neighbouring-municipalities-on-the-map"))
                        (neighbours.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")) ". "
                    }
                    @if synthetic {
                        strong class="demo-map" { (tr(lang, "local-registers-example-data-not-the-municipality")) }
                    }
                }
                ul class="map-legend" {
                    @for a in Availability::ALL {
                        li { span class=(format!("swatch dot {}", availability_class(*a))) aria-hidden="true" {} " " (code_label(lang, "land-availability", a.code())) }
                    }
                    li { span class="swatch own-line" aria-hidden="true" {} " " (name) }
                }
                p class="hint" {
                    (tr(lang, "local-registers-projection-utm-zone-33-epsg"))
                    (maps::attribution(lang)) "."
                }
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
            (synthetic_note(lang, "local-registers-land-invented"))
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
        @if let Some(map) = site_map(&current, state.municipality(), view.synthetic, lang) {
            h2 { (tr(lang, "local-registers-map")) }
            (map)
        }
        h2 { (tr(lang, "local-registers-per-year")) }
        @if view.years.is_empty() {
            p { (tr(lang, "local-registers-no-commercial-land-has-been")) }
        } @else {
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-land-stock" {
                table {
                    caption id="t-land-stock" { (tr(lang, "local-registers-stock-at-year-end-and")) }
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
                div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-land-use" {
                    table {
                        caption id="t-land-use" { (tr(lang, "local-registers-stock-by-use-class-and")) (last.year) ", dekar" }
                        thead { tr {
                            th scope="col" { (tr(lang, "local-registers-use-class")) }
                            @for a in Availability::ALL.iter().filter(|a| a.in_stock()) {
                                th scope="col" class="num" { (code_label(lang, "land-availability", a.code())) }
                            }
                        } }
                        tbody {
                            @for u in UseClass::ALL {
                                tr {
                                    th scope="row" { (code_label(lang, "land-use", u.code())) }
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
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-land-sites" {
            table {
                caption id="t-land-sites" { (tr(lang, "local-registers-each-site-as-the-register")) }
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
                            td { (code_label(lang, "land-zoning", s.zoning.code())) }
                            td { (code_label(lang, "land-availability", s.availability.code())) }
                            td { (code_label(lang, "land-use", s.use_class.code())) }
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
pub(crate) fn data_download<T: serde::Serialize>(
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
            (synthetic_note(lang, "local-registers-ledger-invented"))
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
            div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-spend-year" {
                table {
                    caption id="t-spend-year" { (tr(lang, "local-registers-per-year")) }
                    (spend_head(lang, &tr(lang, "area-year")))
                    tbody {
                        @for (y, s) in &v.report.by_year { (spend_row(&y.to_string(), s)) }
                    }
                }
            }
            @for (y, cats) in &v.report.by_year_category {
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-spend-{y}")) {
                    table {
                        caption id=(format!("t-spend-{y}")) { (tr(lang, "local-registers-by-category")) (y) }
                        (spend_head(lang, &tr(lang, "local-registers-category")))
                        tbody {
                            @for (c, s) in cats { (spend_row(c, s)) }
                        }
                    }
                }
            }
            @if !v.report.unresolved.is_empty() {
                h2 { (tr(lang, "local-registers-not-placed")) }
                div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-unresolved" {
                    table {
                        caption id="t-unresolved" { (tr(lang, "local-registers-suppliers-that-could-not-be")) }
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
                                    td { (unresolved_label(lang, u.reason)) }
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
            (synthetic_note(lang, "local-registers-visits-invented"))
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
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-sector-{y}")) {
                    table {
                        caption id=(format!("t-sector-{y}")) { (tr(lang, "local-registers-by-industry-sn2007-section")) }
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
                }
                div class="table-wrap" tabindex="0" role="region" aria-labelledby=(format!("t-part-{y}")) {
                    table {
                        caption id=(format!("t-part-{y}")) { (tr(lang, "local-registers-by-part-of-the-municipality")) }
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
    fn the_map_draws_the_sites_on_the_outline_and_escapes_titles() {
        let g = land::Geometry {
            polygons: vec![vec![vec![
                [10.43, 59.83],
                [10.44, 59.83],
                [10.44, 59.84],
                [10.43, 59.83],
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
        let svg = site_map(&[("A".into(), s.clone())], "3203", true, Lang::Nb)
            .unwrap()
            .into_string();
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains(r#"<path class="own-outline" d="M"#));
        assert!(svg.contains(r#"<path class="neighbour" d="M"#));
        assert!(svg.contains("<title>Bærum</title>"));
        assert!(svg.contains(r#"<g class="site av-free">"#));
        assert!(svg.contains("Kartgrunnlag: © Kartverket, CC BY 4.0"));
        assert!(svg.contains("Eksempeldata"));
        // A municipality without a close-up is drawn on the national outlines; one without
        // an outline still gets its sites.
        let sites = [("A".to_owned(), s)];
        let svg = site_map(&sites, "3201", false, Lang::En)
            .unwrap()
            .into_string();
        assert!(svg.contains("<title>Bærum</title></path><g"), "{svg}");
        let svg = site_map(&sites, "9999", false, Lang::En)
            .unwrap()
            .into_string();
        assert!(!svg.contains("own-outline") && svg.contains("av-free"));
        assert!(site_map(&[], "3203", false, Lang::En).is_none());
    }
}
