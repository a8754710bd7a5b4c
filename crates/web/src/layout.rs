//! The page shell shared by every page: `<html lang>`, skip link, header with the language switch,
//! main landmark, footer; and the stylesheet (served from `/static/style.css`, no inline styles,
//! so the CSP can forbid them).

use axum::http::header;
use axum::response::IntoResponse;
use maud::{DOCTYPE, Markup, html};
use plan::Lang;
use serde::Deserialize;

pub use i18n::{Value, tr, tr_args};

/// Query parameters every page understands.
#[derive(Debug, Deserialize, Default)]
pub struct LangQuery {
    /// `nb`, `nn` or `en`; absent: the plan's written standard (*målform*).
    pub lang: Option<String>,
}

impl LangQuery {
    /// The language asked for.
    pub fn lang(&self) -> Lang {
        lang_of(self.lang.as_deref())
    }
}

/// The language a `lang` parameter asks for: `nb`, `nn` or `en`; anything else (or none) is the
/// served plan's written standard ([`default_lang`]).
pub fn lang_of(value: Option<&str>) -> Lang {
    value.and_then(Lang::from_code).unwrap_or_else(default_lang)
}

/// The language of a page whose reader chose none: the written standard (*målform*) the served
/// plan names (`meta.language`), bokmål if none.
pub fn default_lang() -> Lang {
    crate::demo::DEMO
        .try_with(|d| d.language)
        .unwrap_or_default()
}

/// Picks one of a pair of texts that come with the data (a plan's title in bokmål and English,
/// say), not the product's own words — those are in the translation files ([`tr`]). Nynorsk
/// pages get the bokmål text; mark it with [`lang_attr`].
pub fn pick<'a>(lang: Lang, nb: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nb | Lang::Nn => nb,
        Lang::En => en,
    }
}

/// The `lang` attribute an element needs when its text is in `text_lang` on a page in `lang`
/// (plan content written in bokmål on a nynorsk page), or `None` when they agree.
pub fn lang_attr(lang: Lang, text_lang: Lang) -> Option<&'static str> {
    (lang != text_lang).then(|| text_lang.code())
}

/// The plan version a page shows when it is not the one the site serves at `/`: the pages of an
/// earlier (or any other stored) version are the same public pages under `/planer/{key}`
/// (`pages::plans`), and every link they make through [`href`] stays under that prefix.
#[derive(Debug, Clone)]
pub struct PlanView {
    /// The key of the version shown.
    pub key: String,
    /// The key of the version the site serves at `/`.
    pub served: String,
}

tokio::task_local! {
    static VIEW: PlanView;
}

/// Runs `f` (a page's handler) showing the plan version `view`.
pub async fn with_view<F: std::future::Future>(view: PlanView, f: F) -> F::Output {
    VIEW.scope(view, f).await
}

/// The key of the plan version shown, when it is not the one served at `/`.
pub fn viewed_key() -> Option<String> {
    VIEW.try_with(|v| v.key.clone()).ok()
}

/// The key of the version the site serves at `/`, when a page of another version is being made.
pub fn served_key() -> Option<String> {
    VIEW.try_with(|v| v.served.clone()).ok()
}

/// `path` under the prefix of the plan version shown ([`PlanView`]), if a page of another
/// version is being made and `path` is one of the public pages; else `path` as it is. Staff
/// pages, the API, the stylesheet and `/planer` itself are never prefixed.
pub fn in_view(path: &str) -> String {
    let public = path.starts_with('/')
        && ![
            "/intern",
            "/logg-inn",
            "/logg-ut",
            "/api",
            "/static",
            "/planer",
            "/health",
        ]
        .iter()
        .any(|p| {
            path == *p || path.starts_with(&format!("{p}/")) || path.starts_with(&format!("{p}?"))
        });
    match viewed_key() {
        Some(key) if public => {
            let rest = path.strip_prefix('/').unwrap_or(path);
            if rest.is_empty() || rest.starts_with('?') || rest.starts_with('#') {
                format!("/planer/{key}{rest}")
            } else {
                format!("/planer/{key}/{rest}")
            }
        }
        _ => path.to_string(),
    }
}

/// A link to the plan version `key` (its front page, or `path` in it): `/` for the version the
/// site serves (`served`), `/planer/{key}…` for any other.
pub fn version_href(lang: Lang, key: &str, served: &str, path: &str) -> String {
    let path = if key == served {
        path.to_string()
    } else if path == "/" {
        format!("/planer/{key}")
    } else {
        format!("/planer/{key}{path}")
    };
    href_plain(lang, &path)
}

/// A link to `path` in the same language (under the prefix of the plan version shown: see
/// [`in_view`]).
pub fn href(lang: Lang, path: &str) -> String {
    href_plain(lang, &in_view(path))
}

/// A link to `path` in the same language, as it is.
fn href_plain(lang: Lang, path: &str) -> String {
    // The query goes before a fragment (`/?lang=en#indikatorer`, not `/#indikatorer?lang=en`,
    // which would drop the language).
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    };
    let mut out = if lang == default_lang() {
        path.to_string()
    } else if path.contains('?') {
        format!("{path}&lang={}", lang.code())
    } else {
        format!("{path}?lang={}", lang.code())
    };
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Wraps page content in the shell. `path` is the page's own path (for the language switch).
pub fn page(lang: Lang, title: &str, path: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – naeringsplan" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a class="skip" href="#main" { (tr(lang, "layout-skip-to-content")) }
                header class="site" {
                    nav aria-label=(tr(lang, "layout-main-menu")) {
                        a class="brand" href=(href(lang, "/")) { "naeringsplan" }
                        // The links twice: in a row on a wide screen, folded into a «Meny»
                        // disclosure (no script) on a narrow one; the stylesheet shows one.
                        div class="menu-wide" { (menu_links(lang)) }
                        details class="menu-narrow" {
                            summary { (tr(lang, "layout-menu")) }
                            div class="menu-links" { (menu_links(lang)) }
                        }
                        span class="langs" {
                            @for other in Lang::ALL.into_iter().filter(|l| *l != lang) {
                                a href=(href(other, path)) hreflang=(other.code()) lang=(other.code()) { (other.native_name()) }
                            }
                        }
                    }
                }
                @if crate::demo::active() { (demo_notice(lang)) }
                @let successor = crate::demo::successor();
                @if let Some((start, end)) = crate::demo::ended_period() {
                    div class="period-notice" role="note" {
                        p {
                            strong { (tr(lang, "layout-the-plan-period-has-ended")) }
                            (tr(lang, "layout-the-plan-covered")) (start) "–" (end) ". "
                            @if let Some(s) = &successor {
                                @let link = version_href(lang, &s.key, &crate::demo::served(), "/");
                                (tr(lang, "layout-its-figures-actions-and-reports"))
                                a href=(link) { (pick(lang, &s.title, &s.title_en)) " (" (s.period_start) "–" (s.period_end) ")" } ". "
                                a href=(href(lang, "/planer")) { (tr(lang, "layout-all-plans")) }
                            } @else {
                                (tr(lang, "layout-its-figures-actions-and-reports-2"))
                            }
                        }
                    }
                } @else if let Some(s) = &successor {
                    @let link = version_href(lang, &s.key, &crate::demo::served(), "/");
                    div class="period-notice" role="note" {
                        p {
                            strong { (tr(lang, "layout-this-is-an-earlier-plan")) }
                            (tr(lang, "layout-the-new-plan-is"))
                            a href=(link) { (pick(lang, &s.title, &s.title_en)) " (" (s.period_start) "–" (s.period_end) ")" } ". "
                            a href=(href(lang, "/planer")) { (tr(lang, "layout-all-plans")) }
                        }
                    }
                }
                main id="main" { (content) }
                footer class="site" {
                    p { (tr(lang, "layout-figures-are-computed-from-official")) }
                    @if let Some(at) = crate::demo::updated() {
                        p { (tr(lang, "layout-last-updated")) (app::as_of::local_stamp(&at))
                            (tr(lang, "layout-newest-data-import-or-action")) }
                    }
                }
            }
        }
    }
}

/// The main menu's links (the brand link and the language switch stay outside it).
fn menu_links(lang: Lang) -> Markup {
    html! {
        a href=(href(lang, "/#indikatorer")) { (tr(lang, "layout-indicators")) }
        a href=(href(lang, "/#innsatsomrader")) { (tr(lang, "layout-focus-areas")) }
        a href=(href(lang, "/nokkeltall")) { (tr(lang, "layout-key-figures")) }
        a href=(href(lang, "/tiltak")) { (tr(lang, "layout-actions")) }
        a href=(href(lang, "/fremdrift")) { (tr(lang, "layout-progress")) }
        a href=(href(lang, "/rangering")) { (tr(lang, "layout-ranking")) }
        a href=(href(lang, "/rapport")) { (tr(lang, "layout-report")) }
        a href=(href(lang, "/naeringsarealer")) { (tr(lang, "layout-commercial-land")) }
        a href=(href(lang, "/anskaffelser")) { (tr(lang, "layout-procurement")) }
        a href=(href(lang, "/bedriftsbesok")) { (tr(lang, "layout-company-visits")) }
        a href=(href(lang, "/investeringer")) { (tr(lang, "layout-pipeline")) }
        a href=(href(lang, "/partnere")) { (tr(lang, "layout-partners")) }
        a href=(href(lang, "/kilder")) { (tr(lang, "layout-sources")) }
        a href=(href(lang, "/planer")) { (tr(lang, "layout-plans")) }
        a href=(href(lang, "/intern")) { (tr(lang, "layout-staff")) }
    }
}

/// The notice at the top of every page while the store holds demo data.
pub fn demo_notice(lang: Lang) -> Markup {
    html! {
        div class="demo-notice" role="note" {
            p {
                strong { (tr(lang, "layout-demonstration")) }
                (tr(lang, "layout-where-real-figures-are-missing"))
                code { "naeringsplan fetch" }
                (tr(lang, "layout-needs-the-network-or"))
                code { "naeringsplan import FIL" }
                "."
            }
        }
    }
}

/// The banner every page that shows synthetic data carries (nothing when the page already
/// carries the demonstration notice, which says the same for the whole installation).
pub fn synthetic_banner(lang: Lang) -> Markup {
    if crate::demo::active() {
        return html! {};
    }
    html! {
        div class="synthetic" role="note" {
            strong { (tr(lang, "layout-demo-data")) }
            (tr(lang, "layout-some-figures-on-this-page"))
        }
    }
}

/// A note on a page whose figures rest on SSB tables whose id or codes are not verified against
/// public evidence (`app::sources::Unverified`); nothing when there are none.
pub fn unverified_notice(lang: Lang, tables: &[app::sources::Unverified]) -> Markup {
    if tables.is_empty() {
        return html! {};
    }
    let ids: Vec<&str> = tables.iter().map(|u| u.table.as_str()).collect();
    html! {
        p class="unverified" role="note" {
            strong { (tr(lang, "layout-not-verified-against-ssb")) }
            (tr(lang, "layout-table")) (ids.join(", ")) ". "
            (tr(lang, "layout-the-table-id-or-codes"))
            a href=(href(lang, "/kilder")) { (tr(lang, "layout-see-the-sources")) } "."
        }
    }
}

/// The stylesheet.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}

pub(crate) const STYLE: &str = r#"
:root { --fg: #1a1a1a; --muted: #4a4a4a; --accent: #00507d; --bg: #ffffff; --line: #c8c8c8;
  --ok: #1b6e20; --bad: #a4161a; --warn: #7a5200; --soft: #f2f5f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; line-height: 1.5; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus, .table-wrap:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.site, footer.site { background: var(--soft); padding: .5rem 1rem; }
header.site nav { max-width: 72rem; margin: 0 auto; display: flex; gap: 0 1rem; flex-wrap: wrap; align-items: baseline; }
header.site .menu-wide, header.site .langs { display: flex; gap: 0 1rem; flex-wrap: wrap; }
header.site details.menu-narrow { display: none; }
/* On a narrow screen the menu folds into a «Meny» disclosure (details/summary, no script):
   the name and the language switch on the first line, the menu below. */
@media (max-width: 47.99rem) {
  header.site .menu-wide { display: none; }
  header.site .langs { margin-left: auto; }
  header.site details.menu-narrow { display: block; order: 3; flex-basis: 100%; }
  header.site details.menu-narrow summary { cursor: pointer; padding: .5rem 0; font-weight: 600; color: var(--accent); }
  header.site .menu-links { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0 1rem; padding: 0 0 .5rem; }
  header.site .menu-links a { padding: .5rem 0; }
}
footer.site { margin-top: 3rem; color: var(--muted); font-size: .9rem; }
footer.site p { max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.8rem; margin-top: .5rem; }
.vision { font-size: 1.3rem; border-left: 4px solid var(--accent); padding-left: 1rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.table-wrap { overflow-x: auto; position: relative; container-type: inline-size; }
/* The caption stays as wide as the visible part of its table and in view while it scrolls. */
.table-wrap caption { text-align: left; position: sticky; left: 0; max-width: 100cqi; padding: 0 .25rem .25rem 0; }
/* On a phone a wide table (five columns or more) scrolls sideways rather than squeezing its text
   into rows a screen tall; a narrower one fits the screen. */
.table-wrap > table:has(tr > :nth-child(5)) { min-width: 44rem; }
/* A table marked reflow (the action list) turns into one card per row on a narrow screen, each
   cell with its column's name (data-label; the generated text has an empty alternative, the
   cell's header is announced already). */
@media (max-width: 47.99rem) {
  .table-wrap > table.reflow:has(tr) { min-width: 0; }
  table.reflow, table.reflow > tbody, table.reflow > tbody > tr, table.reflow > tbody > tr > td { display: block; }
  table.reflow > caption { display: block; }
  table.reflow > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.reflow > tbody > tr { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .75rem; padding: .5rem .75rem; }
  table.reflow > tbody > tr > td { border: 0; padding: .15rem 0; }
  table.reflow > tbody > tr > td.card-id, table.reflow > tbody > tr > td.card-title { display: inline; font-weight: 600; }
  table.reflow > tbody > tr > td.card-title::before { content: " "; }
  table.reflow > tbody > tr > td.card-title::after { content: ""; display: block; margin-bottom: .25rem; }
  table.reflow > tbody > tr > td[data-label]::before { content: attr(data-label) ": " / ""; font-weight: 600; }
}
.result { font-weight: 600; }
.ambition { color: var(--muted); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; border: 1px solid currentColor; font-size: .85rem; }
.muted { color: var(--muted); }
.synthetic { background: #fff4ce; border: 1px solid #7a5200; padding: .5rem 1rem; }
.unverified { border-left: 4px solid #7a5200; background: #f7f3ea; padding: .4rem .8rem; }
ol.strategies, ul.plain { padding-left: 1.2rem; }
.area { border-top: 1px solid var(--line); margin-top: 1.5rem; }
.progress { display: inline-block; width: 6rem; height: .7rem; background: #dde3ea; vertical-align: middle; }
.progress > span { display: block; height: 100%; background: var(--accent); }
header.site nav a { padding: .25rem 0; }
header.site nav a.brand { font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; }
.card h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.card .big { font-size: 1.6rem; font-weight: 700; }
.judgement { display: inline-block; padding: 0 .4rem; border-radius: .3rem; border: 1px solid currentColor; font-size: .9rem; }
.judgement.met { color: var(--ok); }
.judgement.not-met { color: var(--bad); }
.judgement.unknown { color: var(--muted); }
.judgement.demo, .badge.demo { color: #7a3e00; border-style: dashed; }
.demo-value { color: #5c3a00; }
.demo-notice { background: #fff4ce; border-bottom: 2px solid #7a5200; padding: .5rem 1rem; }
.demo-notice p { max-width: 72rem; margin: 0 auto; }
svg .res, svg .res-line { stroke: var(--accent); }
svg .res-dot { fill: var(--accent); }
svg .res-plan { stroke: #4a4a4a; }
svg .res-dot-plan { fill: #4a4a4a; }
svg .res-published { stroke: #00507d; }
svg .res-dot-published { fill: #00507d; }
svg .res-computed { stroke: #1b6e20; }
svg .res-dot-computed { fill: #1b6e20; }
svg .res-demo { stroke: #b35c00; stroke-dasharray: 2 4; }
svg .res-dot-demo { fill: #ffffff; stroke: #b35c00; stroke-width: 2; }
svg .amb, svg .amb-line { stroke: #7a5200; }
svg .proj-line, svg .proj-end { stroke: #1b6e20; }
svg .peer-bar { fill: #8aa4b8; }
svg .peer-bar.own { fill: #00507d; }
svg .grid { stroke: #e1e5ea; }
svg .axis { stroke: var(--muted); }
svg .tick { fill: var(--muted); font-size: 12px; }
figure.chart { margin: 1rem 0; max-width: 44rem; container: chart / inline-size; }
/* Chart text stays at least 11 px however narrow the chart is drawn: the charts are 640 units
   wide, so a chart W px wide needs 11 × 640 / W units (charts::TICK_STEPS; from 261 px up).
   Year labels too close for the larger font hide every other year (x-hide-{px}). */
@container chart (max-width: 589.98px) { svg .tick { font-size: 14.5px; } svg .x-hide-590 { display: none; } }
@container chart (max-width: 499.98px) { svg .tick { font-size: 17px; } svg .x-hide-500 { display: none; } }
@container chart (max-width: 419.98px) { svg .tick { font-size: 20px; } svg .x-hide-420 { display: none; } }
@container chart (max-width: 359.98px) { svg .tick { font-size: 24px; } svg .x-hide-360 { display: none; } }
@container chart (max-width: 299.98px) { svg .tick { font-size: 27px; } svg .x-hide-300 { display: none; } }
/* Only the chart's own svg scales with the figure, not a legend swatch inside it. */
figure.chart > svg { width: 100%; height: auto; }
figure.map { margin: 1rem 0; max-width: 40rem; }
figure.map > svg.map-svg { display: block; width: 100%; height: auto; }
svg.map-svg path, svg.map-svg circle { vector-effect: non-scaling-stroke; stroke-linejoin: round; }
svg.map-svg .munis path { stroke: #6f6f6f; stroke-width: .4px; }
svg.map-svg .county-borders { fill: none; stroke: #1a1a1a; stroke-width: 1.2px; }
svg.map-svg .highlight-halo { fill: none; stroke: #ffffff; stroke-width: 5px; }
svg.map-svg .highlight { fill: none; stroke: #1a1a1a; stroke-width: 2.5px; }
svg.map-svg .highlight-ring { fill: none; stroke: #c2185b; stroke-width: 2px; }
svg.land-map .sea { fill: #dcebf5; }
svg.land-map .neighbour { fill: #f3f3ef; stroke: #8a8a8a; stroke-width: 1px; }
svg.land-map .own-outline { fill: #ffffff; stroke: #1a1a1a; stroke-width: 2px; }
svg.land-map .site path, svg.land-map .site circle { stroke: #1a1a1a; stroke-width: 1px; }
/* Sequential, colour-blind-safe (ColorBrewer YlGnBu, 5 classes): fill on the map, background on the legend. */
.q0 { fill: #ffffcc; background: #ffffcc; }
.q1 { fill: #a1dab4; background: #a1dab4; }
.q2 { fill: #41b6c4; background: #41b6c4; }
.q3 { fill: #2c7fb8; background: #2c7fb8; }
.q4 { fill: #253494; background: #253494; }
/* Land availability (Okabe–Ito). */
.av-free { fill: #009e73; background: #009e73; }
.av-reserved { fill: #e69f00; background: #e69f00; }
.av-built { fill: #0072b2; background: #0072b2; }
.av-housing { fill: #cc79a7; background: #cc79a7; }
.av-withdrawn { fill: #999999; background: #999999; }
ul.map-legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #4a4a4a; vertical-align: -.2rem; }
.swatch.dot { border-radius: 50%; }
.swatch.nv { background: repeating-linear-gradient(45deg, #ffffff 0 2px, #6b6b6b 2px 4px); }
.swatch.own-line { background: #ffffff; border: 3px solid #1a1a1a; }
.swatch.own { background: #ffffff; border: 3px solid #1a1a1a; box-shadow: 0 0 0 2px #ffffff, 0 0 0 4px #c2185b; border-radius: 2px; margin: 0 .3rem; }
.demo-map { color: #7a3e00; }
.key { display: inline-block; width: 1.5rem; height: 0; vertical-align: middle; }
.key-res { border-top: 3px solid var(--accent); }
.key-plan { border-top: 3px solid #4a4a4a; }
.key-published { border-top: 3px solid #00507d; }
.key-computed { border-top: 3px solid #1b6e20; }
.key-demo { border-top: 3px dotted #b35c00; }
.key-amb { border-top: 2px dashed #7a5200; }
.key-proj { border-top: 3px dotted #1b6e20; }
.bar progress { width: 8rem; height: .9rem; vertical-align: middle; accent-color: var(--accent); }
.bar .num { font-variant-numeric: tabular-nums; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; background: var(--soft); padding: .75rem 1rem; }
form.filters label, form.stack label { display: block; font-weight: 600; }
/* A filter (a field and its label) shrinks to the form's width, so a select with long options
   (strategy texts) stays inside it at phone width. */
form.filters > div { min-width: 0; max-width: 100%; }
form.stack { max-width: 44rem; }
form.stack .field { margin: 0 0 1rem; }
input[type=text], input[type=password], input[type=number], input[type=date], select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #767676; border-radius: .25rem; max-width: 100%; }
input[type=text], textarea, input[type=password] { width: 100%; }
textarea { min-height: 5rem; }
fieldset { border: 1px solid var(--line); margin: 0 0 1rem; }
fieldset.strategies label { display: block; font-weight: normal; }
button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: .25rem; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
.error, .conflict { border: 2px solid var(--bad); padding: .5rem 1rem; margin: 1rem 0; }
.notice { border: 2px solid var(--ok); padding: .5rem 1rem; margin: 1rem 0; }
.hint { color: var(--muted); font-size: .9rem; }
.inline { display: inline; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
del { color: var(--bad); }
tr.own > * { background: #fff4ce; font-weight: 600; }
ins { color: var(--ok); text-decoration: none; }
code.hash { overflow-wrap: anywhere; word-break: break-all; font-size: .85rem; }
section.card { margin: 0 0 1rem; }
.deviation { border-left: 4px solid var(--bad); padding-left: .5rem; }
.status { display: inline-block; padding: 0 .35rem; border-radius: .3rem; border: 1px solid currentColor; white-space: nowrap; font-size: .9rem; }
.status-completed { color: var(--ok); }
.status-in_progress { color: var(--accent); }
.status-delayed, .status-late, .status-cancelled { color: var(--bad); }
.status-on_hold { color: var(--warn); }
.status-not_started { color: var(--muted); }
details.strategy { margin: 0 0 .25rem; }
details.strategy summary { cursor: pointer; }
span.strategy { display: block; }
.nowrap { white-space: nowrap; }
.period-notice { background: var(--soft); border-bottom: 1px solid var(--line); padding: .25rem 1rem; }
/* On a phone the notices above every page and the page title take less of the first screen. */
@media (max-width: 47.99rem) {
  .demo-notice, .period-notice { font-size: .875rem; line-height: 1.4; }
  h1 { font-size: 1.5rem; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_goes_before_the_fragment() {
        assert_eq!(href(Lang::En, "/#indikatorer"), "/?lang=en#indikatorer");
        assert_eq!(
            href(Lang::En, "/tiltak?status=x"),
            "/tiltak?status=x&lang=en"
        );
        assert_eq!(href(Lang::En, "/tiltak/T1"), "/tiltak/T1?lang=en");
        assert_eq!(href(Lang::Nb, "/#indikatorer"), "/#indikatorer");
    }
}
