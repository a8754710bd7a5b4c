//! `/partnere`: partners, memberships, partner agreements and ownerships (seed §5.7.1) — what
//! the municipality owns and is a member of is public information. An ownership's company is
//! shown with its name, sector and employees in the stored Enhetsregisteret snapshot when its
//! organisation number is known; a share the plan does not give stays empty.

use axum::Json;
use axum::extract::{Query, State};
use local_registers::partners::PartnerKind;
use maud::{Markup, html};
use plan::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use super::local_registers::RegisterQuery;
use crate::layout::{self, href, tr};
use crate::{AppState, WebError};

/// A kind's label in `lang` (plural heading).
pub fn kind_label(lang: Lang, k: PartnerKind) -> String {
    tr(lang, &format!("partners-kind-{}", k.code()))
}

/// A share in percent, Norwegian style (`33,3 %`); «–» when not given.
pub fn share(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| {
        format!("{}\u{a0}%", plan::fmt::number_auto(v, 1))
    })
}

pub use app::partners::period;

/// The strategy and action ids as badges (actions linked to their public page).
pub fn links(lang: Lang, ids: &[String]) -> Markup {
    html! {
        @for l in ids {
            @if l.contains('-') {
                span class="badge" { (l) } " "
            } @else {
                a class="badge" href=(href(lang, &format!("/tiltak/{l}"))) { (l) } " "
            }
        }
    }
}

fn table(lang: Lang, kind: PartnerKind, rows: &[&app::partners::PartnerView]) -> Markup {
    let id = format!("t-{}", kind.code());
    html! {
        section aria-labelledby=(format!("h-{}", kind.code())) {
            h2 id=(format!("h-{}", kind.code())) { (kind_label(lang, kind)) " (" (rows.len()) ")" }
            div class="table-wrap" tabindex="0" role="region" aria-labelledby=(id) {
                table {
                    caption id=(id) { (tr(lang, &format!("partners-caption-{}", kind.code()))) }
                    thead { tr {
                        th scope="col" { (tr(lang, "partners-name")) }
                        @if kind == PartnerKind::Ownership {
                            th scope="col" class="num" { (tr(lang, "partners-share")) }
                            th scope="col" { (tr(lang, "partners-in-the-register")) }
                        } @else {
                            th scope="col" { (tr(lang, "partners-purpose")) }
                        }
                        th scope="col" { (tr(lang, "partners-period")) }
                        th scope="col" { (tr(lang, "partners-strategies")) }
                    } }
                    tbody {
                        @for p in rows {
                            @let e = &p.partner;
                            tr {
                                th scope="row" {
                                    (e.name)
                                    @if let Some(o) = e.orgnr { " (" (o) ")" }
                                    @if p.synthetic { " " span class="badge" { "SYNTETISK" } }
                                    @if !p.current { " " em { (tr(lang, "partners-ended")) } }
                                }
                                @if kind == PartnerKind::Ownership {
                                    td class="num" { (share(e.share_pct)) }
                                    td {
                                        @match &p.register {
                                            Some(r) => {
                                                (r.name)
                                                @if let (Some(s), Some(n)) = (&r.sector, &r.sector_name) { ", " (s) " " (n) }
                                                ", " (tr(lang, "partners-employees")) " " (r.employees_label)
                                            }
                                            None => span class="muted" {
                                                (tr(lang, if e.orgnr.is_some() { "partners-not-in-register" } else { "partners-no-orgnr" }))
                                            },
                                        }
                                    }
                                } @else {
                                    td { (if e.purpose.is_empty() { "–" } else { e.purpose.as_str() }) }
                                }
                                td { (period(lang, e)) }
                                td { (links(lang, &e.links)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /partnere`
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> Result<Markup, WebError> {
    let lang = q.lang();
    let v = app::partners::view(&state.store, state.municipality()).await?;
    let title = tr(lang, "layout-partners");
    let body = html! {
        h1 { (title) }
        @if v.synthetic {
            div class="synthetic" role="note" {
                strong { (tr(lang, "local-registers-synthetic-data")) }
                (tr(lang, "partners-invented"))
            }
        }
        p { (tr(lang, "partners-intro")) }
        @if v.partners.is_empty() {
            p { (tr(lang, "partners-none")) }
        }
        @for kind in PartnerKind::ALL {
            @let rows: Vec<&app::partners::PartnerView> = v.partners.iter().filter(|p| p.partner.kind == kind).collect();
            @if !rows.is_empty() { (table(lang, kind, &rows)) }
        }
        h2 id="om-dataene" { (tr(lang, "indicator-about-the-data")) }
        p {
            (tr(lang, "partners-about"))
            " "
            @match &v.register_snapshot {
                Some(s) => { (tr(lang, "local-registers-register")) (s) "." @if v.register_synthetic { " " span class="badge" { "SYNTETISK" } } }
                None => { (tr(lang, "partners-no-register")) }
            }
            " "
            a href="/api/partners" { "JSON" }
        }
    };
    Ok(layout::page(lang, &title, "/partnere", body))
}

/// The register in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnersDto {
    /// Municipality code.
    pub municipality: String,
    /// True when any entry is synthetic (example data): label it.
    pub synthetic: bool,
    /// The Enhetsregisteret snapshot organisation numbers were looked up in (file and date).
    pub register_snapshot: Option<String>,
    /// Every entry: `kind` (`eierskap`, `medlemskap`, `partneravtale`, `samarbeid`), `name`,
    /// `orgnr`, `share_pct` (ownerships; null when not known), `from`, `to`, `purpose`, `links`
    /// (strategy and action ids), `source`, `current`, and `register` (name, sector,
    /// employees in the snapshot; null when the number is not known or not in it).
    #[schema(value_type = Vec<Object>)]
    pub partners: Vec<app::partners::PartnerView>,
}

/// `GET /api/partners`
#[utoipa::path(
    get,
    path = "/api/partners",
    tag = "registers",
    responses(
        (status = 200, description = "Partners, memberships, partner agreements and ownerships (§5.7.1), each linked to strategies and actions; ownerships joined with the stored Enhetsregisteret snapshot", body = PartnersDto)
    )
)]
pub async fn api(State(state): State<AppState>) -> Result<Json<PartnersDto>, WebError> {
    let v = app::partners::view(&state.store, state.municipality()).await?;
    Ok(Json(PartnersDto {
        municipality: state.municipality().to_string(),
        synthetic: v.synthetic,
        register_snapshot: v.register_snapshot,
        partners: v.partners,
    }))
}
