//! The district table (issue 20 item 5) on the focus-area pages whose area has `districts = true`
//! in the plan file: register units, employees, registrations and bankruptcies per district
//! (enheter and underenheter), the units outside every district counted apart and listed by
//! postal code, land sites and company visits per district (`app::districts`). Every table that
//! rests on synthetic data says so in its caption, and the page carries the synthetic banner.

use app::districts::{DistrictTable, LandPart, RegisterPart, VisitPart};
use maud::{Markup, html};
use plan::Lang;

use crate::layout::{self, Value, tr, tr_args};

/// Whether any part of the table rests on synthetic data.
pub fn synthetic(t: &DistrictTable) -> bool {
    t.enheter.as_ref().is_some_and(|p| p.snapshot.synthetic)
        || t.underenheter
            .as_ref()
            .is_some_and(|p| p.snapshot.synthetic)
        || t.land.as_ref().is_some_and(|p| p.synthetic)
        || t.visits.as_ref().is_some_and(|p| p.synthetic)
}

fn count(v: u64, lang: Lang) -> String {
    if lang == Lang::En {
        plan::fmt::number_en(v as f64, 0)
    } else {
        plan::fmt::number(v as f64, 0)
    }
}

fn daa(v: f64, lang: Lang) -> String {
    if lang == Lang::En {
        plan::fmt::number_en(v, 1)
    } else {
        plan::fmt::number(v, 1)
    }
}

fn synthetic_mark(on: bool, lang: Lang) -> Markup {
    html! { @if on { " " span class="badge" { (tr(lang, "districts-synthetic")) } } }
}

/// The district names, in the plan's order, in `lang`.
fn names(t: &DistrictTable, lang: Lang) -> Vec<String> {
    t.districts
        .iter()
        .map(|d| d.name.get(lang).to_string())
        .collect()
}

/// The section (heading, tables, lists).
pub fn section(t: &DistrictTable, lang: Lang) -> Markup {
    let names = names(t, lang);
    html! {
        section aria-labelledby="districts" {
            h2 id="districts" { (tr(lang, "districts-title")) }
            p { (tr(lang, "districts-intro")) }
            @if t.enheter.is_none() && t.underenheter.is_none() {
                p class="muted" { (tr(lang, "districts-no-register")) }
            }
            @for (i, part) in t.enheter.iter().chain(t.underenheter.iter()).enumerate() {
                (register_table(part, &names, lang, &format!("t-districts-{i}")))
            }
            @if t.enheter.is_some() || t.underenheter.is_some() {
                p class="muted" { (tr(lang, "districts-employees-note")) }
            }
            @if let Some(l) = &t.land { (land_table(l, &names, lang)) }
            @if let Some(v) = &t.visits { (visit_table(v, &names, lang)) }
            details {
                summary { (tr(lang, "districts-definition")) }
                ul {
                    @for d in &t.districts {
                        li { strong { (d.name.get(lang)) } ": " span lang=[layout::lang_attr(lang, Lang::Nb)] { (d.source) } }
                    }
                }
            }
        }
    }
}

fn register_table(p: &RegisterPart, names: &[String], lang: Lang, id: &str) -> Markup {
    let date = p.snapshot.snapshot_date.to_string();
    let caption_key = match p.snapshot.kind {
        store::brreg::SnapshotKind::Enheter => "districts-caption-enheter",
        store::brreg::SnapshotKind::Underenheter => "districts-caption-underenheter",
    };
    let year = [("year", Value::from(p.year.to_string()))];
    let enheter = p.snapshot.kind == store::brreg::SnapshotKind::Enheter;
    let outside_label = tr(lang, "districts-outside");
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby=(id) {
            table {
                caption id=(id) class="muted" {
                    (tr_args(lang, caption_key, &[("date", Value::from(date))]))
                    (synthetic_mark(p.snapshot.synthetic, lang))
                }
                thead { tr {
                    th scope="col" { (tr(lang, "districts-col-district")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-units")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-employees")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-withheld")) }
                    th scope="col" class="num" { (tr_args(lang, "districts-col-registrations", &year)) }
                    @if enheter {
                        th scope="col" class="num" { (tr_args(lang, "districts-col-bankruptcies", &year)) }
                        th scope="col" class="num" { (tr(lang, "districts-col-bankrupt")) }
                    }
                } }
                tbody {
                    @if !p.postal_codes_stored {
                        tr { td colspan="7" class="muted" { (tr(lang, "districts-no-postal-codes")) } }
                    } @else {
                        @for (r, name) in p.rows.iter().zip(names).chain(std::iter::once((&p.outside, &outside_label))) {
                            tr {
                                th scope="row" { (name) }
                                td class="num" { (count(r.units, lang)) }
                                td class="num" { (count(r.employees.known_sum, lang)) }
                                td class="num" { (count(r.employees.withheld_units, lang)) }
                                td class="num" { (count(r.registrations, lang)) }
                                @if enheter {
                                    td class="num" { (count(r.bankruptcies, lang)) }
                                    td class="num" { (count(r.bankrupt, lang)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if p.postal_codes_stored {
            @if p.outside_codes.is_empty() {
                p class="muted" { (tr(lang, "districts-none-outside")) }
            } @else {
                details {
                    summary { (tr(lang, "districts-outside-codes")) " (" (count(p.outside.units, lang)) ")" }
                    div class="table-wrap" tabindex="0" role="region" aria-label=(tr(lang, "districts-outside-codes")) {
                        table {
                            thead { tr {
                                th scope="col" { (tr(lang, "districts-col-postal-code")) }
                                th scope="col" { (tr(lang, "districts-col-municipality")) }
                                th scope="col" class="num" { (tr(lang, "districts-col-units")) }
                                th scope="col" { (tr(lang, "districts-col-examples")) }
                            } }
                            tbody {
                                @for c in &p.outside_codes {
                                    tr {
                                        td { @if c.postal_code.is_empty() { span class="muted" { (tr(lang, "districts-no-postal-code")) } } @else { (c.postal_code) } }
                                        td { (c.municipality) }
                                        td class="num" { (count(c.units, lang)) }
                                        td { (c.examples.iter().map(|e| format!("{} ({})", e.name, e.orgnr)).collect::<Vec<_>>().join(", ")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn outside_places(places: &[String], lang: Lang) -> Markup {
    html! {
        @if !places.is_empty() {
            p class="muted" { (tr_args(lang, "districts-outside-places", &[("places", Value::from(places.join(", ")))])) }
        }
    }
}

fn land_table(l: &LandPart, names: &[String], lang: Lang) -> Markup {
    let outside_label = tr(lang, "districts-outside");
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-districts-land" {
            table {
                caption id="t-districts-land" class="muted" { (tr(lang, "districts-caption-land")) (synthetic_mark(l.synthetic, lang)) }
                thead { tr {
                    th scope="col" { (tr(lang, "districts-col-district")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-sites")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-area")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-future")) }
                } }
                tbody {
                    @for (r, name) in l.rows.iter().zip(names).chain(std::iter::once((&l.outside, &outside_label))) {
                        tr {
                            th scope="row" { (name) }
                            td class="num" { (count(r.sites, lang)) }
                            td class="num" { (daa(r.area_daa, lang)) }
                            td class="num" { (daa(r.future_daa, lang)) }
                        }
                    }
                }
            }
        }
        (outside_places(&l.outside_places, lang))
    }
}

fn visit_table(v: &VisitPart, names: &[String], lang: Lang) -> Markup {
    let outside_label = tr(lang, "districts-outside");
    html! {
        div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-districts-visits" {
            table {
                caption id="t-districts-visits" class="muted" { (tr(lang, "districts-caption-visits")) (synthetic_mark(v.synthetic, lang)) }
                thead { tr {
                    th scope="col" { (tr(lang, "districts-col-district")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-visits")) }
                    th scope="col" class="num" { (tr(lang, "districts-col-companies")) }
                } }
                tbody {
                    @for (r, name) in v.rows.iter().zip(names).chain(std::iter::once((&v.outside, &outside_label))) {
                        tr {
                            th scope="row" { (name) }
                            td class="num" { (count(r.visits, lang)) }
                            td class="num" { (count(r.companies, lang)) }
                        }
                    }
                }
            }
        }
        (outside_places(&v.outside_areas, lang))
    }
}
