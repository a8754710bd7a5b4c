//! The key figures of the plan's status chapter (Asker's chapter 3, *Asker i tall*) live, for
//! any municipality and year (issue 17 item 4): population and its growth, jobs, employed
//! residents, *egendekning*, *sysselsettingsgrad*, *kortreist andel*, the public-sector share,
//! the shares of the industry groups, new enterprises and bankruptcies, computed from the stored
//! statistics (by the chapter-9 definitions where one exists, [`engine::definition`]), each
//! beside the figure the plan quotes (`[[key_figures]]` in the plan file) and beside the peers'
//! values; and two figures from Enhetsregisteret (the knowledge-intensive share of the
//! employees, five-year survival of a start-up cohort).
//!
//! The same figures monitor strategies (item 5): a strategy names them in the plan file
//! (`monitor = ["egendekning"]`), and [`monitor`] gives their values year by year for the focus
//! area's page and the council report.
//!
//! Rules, as for the indicators: a value resting on synthetic data in whole or part is marked
//! `demo` (and is never judged: key figures carry no verdict at all); a figure that cannot be
//! computed from the store is missing with the reason, never 0; the page, its CSV/JSON and
//! `naeringsplan key-figures` all print [`KeyFigures`], so they cannot disagree.

use std::collections::BTreeSet;

use engine::{Bilingual, Inputs, Observation, Source, series};
use plan::{KeyFigureQuote, Plan, Unit, Year};
use serde::Serialize;
use stats::geography::Geography;
use store::Store;
use store::observations::{ImportRecord, ResolveError, SeriesCatalogue};

use crate::AppError;
use crate::indicator_data::SourceLink;

/// How a key figure is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Basis {
    /// A stored series as it is (its value for the year).
    Series(&'static str),
    /// A chapter-9 definition ([`engine::definition`]), times `scale`.
    Definition(&'static str, f64),
    /// Population growth during the twelve months up to 1 January of the year, in percent.
    PopulationGrowth,
    /// Public-sector share of the jobs, in percent.
    PublicShare,
    /// One industry group's share of the jobs by industry (SSB 07984), in percent.
    Industry(&'static str),
    /// A register key of [`crate::plan_facts`] (Enhetsregisteret).
    Register(&'static str),
}

/// A key figure: id, names, unit and how it is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Stable id, as plan files name it (`egendekning`, `naering:10-33`).
    pub id: &'static str,
    /// Name in Norwegian (bokmål).
    pub name_nb: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// The unit of its value.
    pub unit: Unit,
    /// Which part of the page it belongs to: `befolkning`, `arbeid`, `naeringsstruktur`,
    /// `foretak`, `register`.
    pub group: &'static str,
    basis: Basis,
}

const fn fig(
    id: &'static str,
    name_nb: &'static str,
    name_en: &'static str,
    unit: Unit,
    group: &'static str,
    basis: Basis,
) -> Figure {
    Figure {
        id,
        name_nb,
        name_en,
        unit,
        group,
        basis,
    }
}

/// The industry groups of SSB table 07984 (SN2007), with SSB's labels.
pub const INDUSTRY_GROUPS: [(&str, &str, &str); 17] = [
    (
        "01-03",
        "Jordbruk, skogbruk og fiske",
        "Agriculture, forestry and fishing",
    ),
    (
        "05-09",
        "Bergverksdrift og utvinning",
        "Mining and quarrying",
    ),
    ("10-33", "Industri", "Manufacturing"),
    (
        "35-39",
        "Elektrisitet, vann og renovasjon",
        "Electricity, water supply, sewerage, waste",
    ),
    ("41-43", "Bygge- og anleggsvirksomhet", "Construction"),
    (
        "45-47",
        "Varehandel, reparasjon av motorvogner",
        "Wholesale and retail trade; repair of motor vehicles",
    ),
    (
        "49-53",
        "Transport og lagring",
        "Transportation and storage",
    ),
    (
        "55-56",
        "Overnattings- og serveringsvirksomhet",
        "Accommodation and food service",
    ),
    (
        "58-63",
        "Informasjon og kommunikasjon",
        "Information and communication",
    ),
    (
        "64-66",
        "Finansiering og forsikring",
        "Financial and insurance activities",
    ),
    (
        "68-75",
        "Teknisk tjenesteyting, eiendomsdrift",
        "Professional, scientific and technical activities; real estate",
    ),
    (
        "77-82",
        "Forretningsmessig tjenesteyting",
        "Administrative and support service activities",
    ),
    (
        "84",
        "Off.adm., forsvar, sosialforsikring",
        "Public administration and defence",
    ),
    ("85", "Undervisning", "Education"),
    (
        "86-88",
        "Helse- og sosialtjenester",
        "Human health and social work",
    ),
    (
        "90-99",
        "Personlig tjenesteyting",
        "Other service activities",
    ),
    ("00", "Uoppgitt", "Unknown"),
];

/// Every key figure, in the order of the page (the industry groups' shares in the order of
/// [`INDUSTRY_GROUPS`], ids `naering:<group>`).
pub fn figures() -> Vec<Figure> {
    let mut out = vec![
        fig(
            "folketall",
            "Folketall 1. januar",
            "Population on 1 January",
            Unit::Count,
            "befolkning",
            Basis::Series(series::POPULATION),
        ),
        fig(
            "befolkningsvekst",
            "Befolkningsvekst siste tolv måneder (til 1. januar)",
            "Population growth over the twelve months to 1 January",
            Unit::Percent,
            "befolkning",
            Basis::PopulationGrowth,
        ),
        fig(
            "arbeidsplasser",
            "Arbeidsplasser (sysselsatte etter arbeidssted, 4. kvartal)",
            "Jobs (employed by place of work, 4th quarter)",
            Unit::Count,
            "arbeid",
            Basis::Series(series::JOBS),
        ),
        fig(
            "sysselsatte_bosatte",
            "Sysselsatte bosatte 15–74 år (4. kvartal)",
            "Employed residents aged 15–74 (4th quarter)",
            Unit::Count,
            "arbeid",
            Basis::Series(series::EMPLOYED_RESIDENTS),
        ),
        fig(
            "egendekning",
            "Egendekning (arbeidsplasser per sysselsatt bosatt)",
            "Job coverage (jobs per employed resident)",
            Unit::Percent,
            "arbeid",
            Basis::Definition("egendekning", 100.0),
        ),
        fig(
            "sysselsettingsgrad",
            "Sysselsettingsgrad 15–74 år",
            "Employment rate 15–74",
            Unit::Percent,
            "arbeid",
            Basis::Definition("sysselsettingsgrad", 1.0),
        ),
        fig(
            "kortreist",
            "Kortreist andel (bor og jobber i kommunen)",
            "Short-commute share (live and work in the municipality)",
            Unit::Percent,
            "arbeid",
            Basis::Definition("kortreist_andel", 1.0),
        ),
        fig(
            "offentlig_andel",
            "Andel arbeidsplasser i offentlig sektor",
            "Share of jobs in the public sector",
            Unit::Percent,
            "arbeid",
            Basis::PublicShare,
        ),
    ];
    for (code, nb, en) in INDUSTRY_GROUPS {
        out.push(Figure {
            id: industry_id(code),
            name_nb: nb,
            name_en: en,
            unit: Unit::Percent,
            group: "naeringsstruktur",
            basis: Basis::Industry(code),
        });
    }
    out.extend([
        fig(
            "nyetableringer",
            "Nyetablerte foretak",
            "New enterprises",
            Unit::Count,
            "foretak",
            Basis::Definition("nyetableringer", 1.0),
        ),
        fig(
            "konkurser",
            "Åpnede konkurser",
            "Bankruptcies opened",
            Unit::Count,
            "foretak",
            Basis::Series(series::BANKRUPTCIES),
        ),
        fig(
            "kunnskapsintensiv_andel",
            "Andel ansatte i kunnskapsintensive næringer (Enhetsregisteret)",
            "Share of employees in knowledge-intensive industries (Central Coordinating Register)",
            Unit::Percent,
            "register",
            Basis::Register("employees_share:knowledge_intensive"),
        ),
        fig(
            "overlevelse_5ar",
            "Femårsoverlevelse for nyregistrerte enheter (Enhetsregisteret)",
            "Five-year survival of newly registered units (Central Coordinating Register)",
            Unit::Percent,
            "register",
            Basis::Register("survival:5y"),
        ),
    ]);
    out
}

/// `naering:<group>` as a `'static` id.
fn industry_id(code: &str) -> &'static str {
    const IDS: [&str; 17] = [
        "naering:01-03",
        "naering:05-09",
        "naering:10-33",
        "naering:35-39",
        "naering:41-43",
        "naering:45-47",
        "naering:49-53",
        "naering:55-56",
        "naering:58-63",
        "naering:64-66",
        "naering:68-75",
        "naering:77-82",
        "naering:84",
        "naering:85",
        "naering:86-88",
        "naering:90-99",
        "naering:00",
    ];
    IDS.iter()
        .find(|i| i.strip_prefix("naering:") == Some(code))
        .copied()
        .unwrap_or("naering:?")
}

/// The key figure with this id.
pub fn figure(id: &str) -> Option<Figure> {
    figures().into_iter().find(|f| f.id == id)
}

/// A figure's name in every language, from the translation files (`key-figure-<id>`, `:`
/// written `-`), or its built-in bokmål and English names where the files have none.
pub fn figure_name(f: &Figure) -> Bilingual {
    let key = format!("key-figure-{}", f.id.replace(':', "-"));
    Bilingual::each(|lang| {
        if i18n::has(lang, &key) {
            i18n::tr(lang, &key)
        } else if lang == plan::Lang::En {
            f.name_en.to_string()
        } else {
            f.name_nb.to_string()
        }
    })
}

/// A group heading of the page.
pub fn group_label(group: &str) -> Bilingual {
    let key = format!("key-figure-group-{group}");
    if i18n::has(plan::Lang::Nb, &key) {
        return Bilingual::each(|lang| i18n::tr(lang, &key));
    }
    let (nb, en) = match group {
        "befolkning" => ("Befolkning", "Population"),
        "arbeid" => ("Arbeid og pendling", "Work and commuting"),
        "naeringsstruktur" => (
            "Næringsstruktur: andel av arbeidsplassene (SSB 07984)",
            "Industry structure: share of the jobs (SSB 07984)",
        ),
        "foretak" => ("Foretak", "Enterprises"),
        "register" => (
            "Fra Enhetsregisteret",
            "From the Central Coordinating Register",
        ),
        other => (other, other),
    };
    Bilingual::new(nb, en)
}

/// A key figure's value for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureValue {
    /// The value in the figure's unit (percent as the percent number).
    pub value: f64,
    /// The year it describes (for a register figure: the snapshot's year, or the cohort's).
    pub year: Year,
    /// `computed` (from real data) or `demo` (rests on synthetic data in whole or part).
    pub source: Source,
    /// Rests on demo (synthetic) data: shown, marked, never judged.
    pub demo: bool,
    /// The source in detail, e.g. `Beregnet fra SSB 11618`.
    pub detail: String,
    /// The arithmetic with the numbers filled in (Norwegian).
    pub arithmetic: String,
}

/// One municipality's cell of a key figure: a value, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureCell {
    /// Municipality code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The value, when the store has what it needs.
    pub value: Option<FigureValue>,
    /// Why there is no value.
    pub missing: Option<Bilingual>,
}

/// One key figure for the municipality, with the plan's quote and the peers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigureRow {
    /// The figure's id.
    pub id: String,
    /// Its page group (see [`Figure::group`]).
    pub group: String,
    /// Its name.
    pub name: Bilingual,
    /// Its unit.
    pub unit: Unit,
    /// The municipality's value (or why there is none).
    pub own: FigureCell,
    /// The plan's quote, when the municipality is the plan's and the plan quotes the figure.
    pub quote: Option<KeyFigureQuote>,
    /// The peers' values, in the order of [`KeyFigures::peers`].
    pub peers: Vec<FigureCell>,
}

/// A municipality (code and name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Municipality {
    /// Code on current borders.
    pub code: String,
    /// Name.
    pub name: String,
}

/// The key figures of one municipality and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigures {
    /// The municipality.
    pub municipality: Municipality,
    /// Whether it is the plan's municipality (then the plan's quotes stand beside).
    pub plan_municipality: bool,
    /// The year chosen.
    pub year: Year,
    /// The years one may choose.
    pub years: Vec<Year>,
    /// The municipalities compared with.
    pub peers: Vec<Municipality>,
    /// The figures.
    pub rows: Vec<KeyFigureRow>,
    /// The statistics tables the values are read from, with their pages.
    pub sources: Vec<SourceLink>,
    /// When those tables were last fetched or imported (RFC 3339, UTC), if they were.
    pub fetched: Option<String>,
    /// Whether any value shown rests on demo data.
    pub demo: bool,
}

impl KeyFigures {
    /// The row of figure `id`.
    pub fn row(&self, id: &str) -> Option<&KeyFigureRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// Every municipality valid today in the bundled geography (KLASS 131), by code: the choices of
/// the key-figures page.
pub fn municipalities() -> Vec<Municipality> {
    let geo = Geography::bundled();
    geo.municipalities_at(time::OffsetDateTime::now_utc().date())
        .map(|ms| {
            ms.into_iter()
                .map(|m| Municipality {
                    code: m.code.clone(),
                    name: m.name.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The years a key-figures page offers: from two years before the plan's first data year to
/// last year.
pub fn year_range(plan: &Plan) -> Vec<Year> {
    let last = time::OffsetDateTime::now_utc().year() - 1;
    ((plan.meta.first_data_year - 2).min(last)..=last).collect()
}

/// The year a key-figures page opens on: the latest year whose jobs figure for `code` is real
/// data (not demo), else the latest year with a jobs figure at all, else last year.
pub async fn default_year(store: &Store, plan: &Plan, code: &str) -> Result<Year, AppError> {
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let years = year_range(plan);
    let mut any = None;
    for &y in years.iter().rev() {
        match store
            .resolve(geo, &catalogue, series::JOBS, code, y, None)
            .await
        {
            Ok(r) if r.value.is_some() => {
                if !r.synthetic {
                    return Ok(y);
                }
                any.get_or_insert(y);
            }
            Ok(_) | Err(ResolveError::Geography(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(any.unwrap_or_else(|| *years.last().unwrap_or(&plan.meta.period_end)))
}

/// The stored series (name, year offset) a statistics figure reads; `jobs_by_industry:*` for the
/// industry groups.
fn needs(f: &Figure) -> Vec<(&'static str, Year)> {
    match f.basis {
        Basis::Series(s) => vec![(s, 0)],
        Basis::Definition(id, _) => engine::definition(id)
            .map(|d| d.needs.iter().map(|n| (n.series, n.year_offset)).collect())
            .unwrap_or_default(),
        Basis::PopulationGrowth => vec![(series::POPULATION, -1), (series::POPULATION, 0)],
        Basis::PublicShare => vec![(series::JOBS, 0), ("jobs_private", 0)],
        Basis::Industry(_) => vec![("jobs_by_industry:*", 0)],
        Basis::Register(_) => Vec::new(),
    }
}

/// Reads the series `figures` need for `code` in `years` into engine inputs (each cell once).
async fn load(
    store: &Store,
    code: &str,
    years: &BTreeSet<Year>,
    figures: &[Figure],
) -> Result<Inputs, AppError> {
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let industry = catalogue.get("jobs_by_industry")?.clone();
    let mut cells: BTreeSet<(&'static str, Year)> = BTreeSet::new();
    for f in figures {
        for (s, offset) in needs(f) {
            for &y in years {
                cells.insert((s, y + offset));
            }
        }
    }
    let mut inputs = Inputs::new();
    for (s, y) in cells {
        if s == "jobs_by_industry:*" {
            for (group, _, _) in INDUSTRY_GROUPS {
                match store
                    .resolve_def(
                        geo,
                        "jobs_by_industry",
                        &industry,
                        code,
                        y,
                        None,
                        Some(group),
                    )
                    .await
                {
                    Ok(r) => {
                        if let Some(o) = crate::inputs::observation(&r) {
                            inputs.insert(series::jobs_by_industry(group), code, y, o);
                        }
                    }
                    Err(ResolveError::Geography(_)) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            continue;
        }
        match store.resolve(geo, &catalogue, s, code, y, None).await {
            Ok(r) => {
                if let Some(o) = crate::inputs::observation(&r) {
                    inputs.insert(s, code, y, o);
                }
            }
            Err(ResolveError::Geography(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(inputs)
}

/// The tables an observation came from, as shown (`SSB 11618`).
fn table_label(o: &Observation) -> Option<String> {
    let t = o.provenance.table.clone()?;
    Some(if t.chars().all(|c| c.is_ascii_digit()) {
        format!("SSB {t}")
    } else {
        t
    })
}

fn detail(tables: &BTreeSet<String>) -> String {
    format!(
        "Beregnet fra {}",
        tables.iter().cloned().collect::<Vec<_>>().join(", ")
    )
}

fn missing_text(parts: &[(String, Year, &Observation)]) -> Bilingual {
    let nb: Vec<String> = parts
        .iter()
        .map(|(s, y, o)| {
            let why = o
                .cell
                .missing()
                .map(|m| m.describe_nb())
                .unwrap_or_else(|| "ingen observasjon".into());
            format!("{} {y}: {why}", series::label_nb(s))
        })
        .collect();
    let en: Vec<String> = parts
        .iter()
        .map(|(s, y, o)| {
            let why = o
                .cell
                .missing()
                .map(|m| m.describe_en())
                .unwrap_or_else(|| "no observation".into());
            format!("{} {y}: {why}", series::label_en(s))
        })
        .collect();
    Bilingual::new(
        format!("mangler grunnlagstall ({})", nb.join("; ")),
        format!("inputs missing ({})", en.join("; ")),
    )
}

/// Values of `wanted` (series, year) from `inputs`, or the reason some are missing.
fn values(
    inputs: &Inputs,
    code: &str,
    wanted: &[(&str, Year)],
) -> Result<(Vec<f64>, BTreeSet<String>, bool), Bilingual> {
    let absent = Observation::absent();
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut tables = BTreeSet::new();
    let mut synthetic = false;
    for &(s, y) in wanted {
        let o = inputs.get(s, code, y).unwrap_or(&absent);
        match o.as_value() {
            Some(v) => {
                out.push(v);
                tables.extend(table_label(o));
                synthetic |= o.provenance.synthetic;
            }
            None => missing.push((s.to_string(), y, o)),
        }
    }
    if missing.is_empty() {
        Ok((out, tables, synthetic))
    } else {
        Err(missing_text(&missing))
    }
}

fn value_of(
    value: f64,
    year: Year,
    synthetic: bool,
    detail: String,
    arithmetic: String,
) -> FigureValue {
    FigureValue {
        value,
        year,
        source: if synthetic {
            Source::Demo
        } else {
            Source::Computed
        },
        demo: synthetic,
        detail: if synthetic {
            format!("{detail} (syntetiske demodata)")
        } else {
            detail
        },
        arithmetic,
    }
}

fn undefined(u: engine::definitions::Undefined) -> Bilingual {
    Bilingual::new(u.describe_nb(), u.describe_en())
}

/// A statistics figure for `code` and `year` from loaded inputs.
fn compute(f: &Figure, inputs: &Inputs, code: &str, year: Year) -> Result<FigureValue, Bilingual> {
    use engine::definitions::formula;
    let n = |v: f64| plan::fmt::number_auto(v, 2);
    match f.basis {
        Basis::Series(s) => {
            let (v, tables, syn) = values(inputs, code, &[(s, year)])?;
            Ok(value_of(
                v[0],
                year,
                syn,
                detail(&tables),
                format!("{} = {}", series::label_nb(s), n(v[0])),
            ))
        }
        Basis::Definition(id, scale) => {
            let def = engine::definition(id).ok_or_else(|| {
                Bilingual::new(
                    format!("ukjent definisjon {id}"),
                    format!("unknown definition {id}"),
                )
            })?;
            match def.compute(inputs, code, year) {
                engine::DefinitionOutcome::Computed(c) => {
                    let tables: BTreeSet<String> = c
                        .inputs
                        .iter()
                        .filter_map(|u| table_label(&u.observation))
                        .collect();
                    let arithmetic = if scale == 1.0 {
                        c.arithmetic.nb.clone()
                    } else {
                        format!("{} ({} × {})", c.arithmetic.nb, n(scale), n(c.value))
                    };
                    Ok(value_of(
                        c.value * scale,
                        year,
                        c.synthetic,
                        detail(&tables),
                        arithmetic,
                    ))
                }
                engine::DefinitionOutcome::NoValue(nv) => Err(Bilingual::new(
                    nv.reason.describe_nb(),
                    nv.reason.describe_en(),
                )),
            }
        }
        Basis::PopulationGrowth => {
            let (v, tables, syn) = values(
                inputs,
                code,
                &[(series::POPULATION, year - 1), (series::POPULATION, year)],
            )?;
            let g = formula::growth_percent(v[0], v[1]).map_err(undefined)?;
            Ok(value_of(
                g,
                year,
                syn,
                detail(&tables),
                format!("100 × ({} − {}) / {} = {}", n(v[1]), n(v[0]), n(v[0]), n(g)),
            ))
        }
        Basis::PublicShare => {
            let (v, tables, syn) = values(
                inputs,
                code,
                &[(series::JOBS, year), ("jobs_private", year)],
            )?;
            let s = formula::public_sector_share(v[0], v[1]).map_err(undefined)?;
            Ok(value_of(
                s,
                year,
                syn,
                detail(&tables),
                format!("100 × ({} − {}) / {} = {}", n(v[0]), n(v[1]), n(v[0]), n(s)),
            ))
        }
        Basis::Industry(group) => {
            let names: Vec<String> = INDUSTRY_GROUPS
                .iter()
                .map(|(g, _, _)| series::jobs_by_industry(g))
                .collect();
            let wanted: Vec<(&str, Year)> = names.iter().map(|s| (s.as_str(), year)).collect();
            let (v, tables, syn) = values(inputs, code, &wanted)?;
            let total: f64 = v.iter().sum();
            let own_name = series::jobs_by_industry(group);
            let idx = names.iter().position(|s| *s == own_name).unwrap_or(0);
            let share = formula::percent(v[idx], total).map_err(undefined)?;
            Ok(value_of(
                share,
                year,
                syn,
                detail(&tables),
                format!(
                    "100 × {} / {} (alle næringer) = {}",
                    n(v[idx]),
                    n(total),
                    n(share)
                ),
            ))
        }
        Basis::Register(_) => Err(Bilingual::new(
            "registertall beregnes fra Enhetsregisteret",
            "register figures come from the register",
        )),
    }
}

/// A register figure for `code` from the stored Enhetsregisteret snapshots.
async fn register_value(
    store: &Store,
    code: &str,
    key: &str,
    cutoff: Option<time::Date>,
) -> Result<Result<FigureValue, Bilingual>, AppError> {
    if !store.has_register_data().await? {
        return Ok(Err(Bilingual::new(
            "ingen Enhetsregisteret-fil er importert",
            "no Central Coordinating Register file has been imported",
        )));
    }
    Ok(
        match crate::plan_facts::register_fact_value(store, code, key, Some("%")).await? {
            Ok(c) if cutoff.is_some_and(|d| c.snapshot.snapshot_date > d) => Err(Bilingual::new(
                format!(
                    "registerets øyeblikksbilde {} er etter rapportens datadato",
                    c.snapshot.snapshot_date
                ),
                format!(
                    "the register snapshot {} is after the report's data date",
                    c.snapshot.snapshot_date
                ),
            )),
            Ok(c) => {
                let year = c.year.unwrap_or(c.snapshot.snapshot_date.year());
                let mut v = value_of(
                    c.value,
                    year,
                    c.synthetic,
                    format!(
                        "Enhetsregisteret, øyeblikksbilde {}",
                        c.snapshot.snapshot_date
                    ),
                    c.note,
                );
                if c.synthetic {
                    v.detail = format!(
                        "Enhetsregisteret, syntetisk demoregister {}",
                        c.snapshot.snapshot_date
                    );
                }
                Ok(v)
            }
            Err(why) => Err(Bilingual::new(why.clone(), why)),
        },
    )
}

/// Every figure of `code` in `year`, as cells.
async fn cells(
    store: &Store,
    code: &str,
    name: &str,
    year: Year,
    figures: &[Figure],
) -> Result<Vec<FigureCell>, AppError> {
    let inputs = load(store, code, &BTreeSet::from([year]), figures).await?;
    let mut out = Vec::new();
    for f in figures {
        let r = match f.basis {
            Basis::Register(key) => register_value(store, code, key, None).await?,
            _ => compute(f, &inputs, code, year),
        };
        out.push(cell(code, name, r));
    }
    Ok(out)
}

fn cell(code: &str, name: &str, r: Result<FigureValue, Bilingual>) -> FigureCell {
    let (value, missing) = match r {
        Ok(v) => (Some(v), None),
        Err(m) => (None, Some(m)),
    };
    FigureCell {
        code: code.to_string(),
        name: name.to_string(),
        value,
        missing,
    }
}

/// The tables the statistics figures read, with their pages, and when they were last fetched.
fn sources(imports: &[ImportRecord]) -> (Vec<SourceLink>, Option<String>) {
    let catalogue = SeriesCatalogue::bundled();
    let tables: BTreeSet<String> = [
        series::POPULATION,
        series::JOBS,
        series::EMPLOYED_RESIDENTS,
        series::EMPLOYED_RESIDENTS_LOCAL,
        series::POPULATION_15_74,
        "jobs_private",
        "jobs_by_industry",
        series::NEW_ENTERPRISES,
        series::BANKRUPTCIES,
    ]
    .iter()
    .filter_map(|s| catalogue.get(s).ok().map(|d| d.table.clone()))
    .collect();
    let mut links: Vec<SourceLink> = tables
        .iter()
        .map(|t| SourceLink {
            name: format!("SSB tabell {t}"),
            url: format!("https://www.ssb.no/statbank/table/{t}"),
        })
        .collect();
    links.push(SourceLink {
        name: "Enhetsregisteret (Brønnøysundregistrene)".into(),
        url: "https://data.brreg.no/enhetsregisteret/oppslag/enheter/lastned".into(),
    });
    let fetched = imports
        .iter()
        .filter(|i| i.table_id.as_ref().is_some_and(|t| tables.contains(t)))
        .map(|i| i.imported_at.clone())
        .max();
    (links, fetched)
}

/// The key figures of municipality `code` (default: the plan's) in `year` (default:
/// [`default_year`]), beside the plan's quotes (for the plan's municipality) and the peers
/// (`peers` as a user types them; default: the plan's peers, and the plan's municipality when
/// another is shown).
pub async fn key_figures(
    store: &Store,
    plan: &Plan,
    code: Option<&str>,
    year: Option<Year>,
    peers: Option<&str>,
) -> Result<KeyFigures, AppError> {
    let plan_code = plan.meta.municipality_code.as_str();
    let code = code
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or(plan_code);
    let name = crate::compare::municipality_name(code)?;
    let years = year_range(plan);
    let year = match year {
        Some(y) if years.contains(&y) => y,
        Some(y) => {
            return Err(AppError::Invalid(format!(
                "år {y} er utenfor det nøkkeltallene dekker ({}–{})",
                years.first().copied().unwrap_or(y),
                years.last().copied().unwrap_or(y)
            )));
        }
        None => default_year(store, plan, code).await?,
    };
    let mut peer_codes: Vec<String> = Vec::new();
    if code != plan_code && peers.is_none() {
        peer_codes.push(plan_code.to_string());
    }
    for c in crate::compare::listed(plan, peers) {
        if c != code && !peer_codes.contains(&c) {
            peer_codes.push(c);
        }
    }
    let mut peer_list = Vec::new();
    for c in &peer_codes {
        peer_list.push(Municipality {
            name: crate::compare::municipality_name(c)?,
            code: c.clone(),
        });
    }
    let figures = figures();
    let own = cells(store, code, &name, year, &figures).await?;
    let mut peer_cells = Vec::new();
    for p in &peer_list {
        peer_cells.push(cells(store, &p.code, &p.name, year, &figures).await?);
    }
    let plan_municipality = code == plan_code;
    let rows: Vec<KeyFigureRow> = figures
        .iter()
        .zip(own)
        .enumerate()
        .map(|(i, (f, own))| KeyFigureRow {
            id: f.id.to_string(),
            group: f.group.to_string(),
            name: figure_name(f),
            unit: f.unit,
            own,
            quote: plan_municipality
                .then(|| plan.key_figure_quote(f.id).cloned())
                .flatten(),
            peers: peer_cells.iter().map(|c| c[i].clone()).collect(),
        })
        .collect();
    let demo = rows.iter().any(|r| {
        std::iter::once(&r.own)
            .chain(r.peers.iter())
            .any(|c| c.value.as_ref().is_some_and(|v| v.demo))
    });
    let (sources, fetched) = sources(&store.imports().await?);
    Ok(KeyFigures {
        municipality: Municipality {
            code: code.to_string(),
            name,
        },
        plan_municipality,
        year,
        years,
        peers: peer_list,
        rows,
        sources,
        fetched,
        demo,
    })
}

/// The key figures as CSV (comma-separated, a header row, `.` as the decimal sign): one row per
/// figure and municipality, the plan's quote on the plan municipality's rows; every cell
/// through [`sheet::csv_safe`].
pub fn to_csv(k: &KeyFigures) -> Vec<u8> {
    use sheet::csv_safe::write_record;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = write_record(
        &mut w,
        [
            "figure_id",
            "figure",
            "municipality_code",
            "municipality",
            "year",
            "value",
            "unit",
            "source_kind",
            "demo",
            "source",
            "missing_reason",
            "plan_quote",
            "plan_quote_year",
            "plan_quote_source",
        ],
    );
    let kind = |s: Source| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    for r in &k.rows {
        for (c, own) in std::iter::once((&r.own, true)).chain(r.peers.iter().map(|c| (c, false))) {
            let q = if own { r.quote.as_ref() } else { None };
            let v = c.value.as_ref();
            let _ = write_record(
                &mut w,
                [
                    r.id.clone(),
                    r.name.nb.clone(),
                    c.code.clone(),
                    c.name.clone(),
                    v.map_or(k.year, |v| v.year).to_string(),
                    v.map(|v| v.value.to_string()).unwrap_or_default(),
                    unit_name(r.unit),
                    v.map(|v| kind(v.source)).unwrap_or_default(),
                    v.is_some_and(|v| v.demo).to_string(),
                    v.map(|v| v.detail.clone()).unwrap_or_default(),
                    c.missing.as_ref().map(|m| m.nb.clone()).unwrap_or_default(),
                    q.map(|q| q.value.to_string()).unwrap_or_default(),
                    q.map(|q| q.year.to_string()).unwrap_or_default(),
                    q.map(|q| q.source.clone()).unwrap_or_default(),
                ],
            );
        }
    }
    w.into_inner().unwrap_or_default()
}

fn unit_name(u: Unit) -> String {
    serde_json::to_value(u)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A key figure monitoring a strategy, year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitor {
    /// The figure's id as the plan names it.
    pub id: String,
    /// Its name (an unknown id: the id itself).
    pub name: Bilingual,
    /// Its unit.
    pub unit: Unit,
    /// The values, oldest first: one per year with a value (a register figure: its one
    /// value). Empty with `missing` when there is none.
    pub values: Vec<FigureValue>,
    /// Why there is no value at all.
    pub missing: Option<Bilingual>,
}

/// The key figures a strategy names (`monitor`), for the plan's municipality, each for the
/// years from the plan's first data year up to `last_year`. A register figure has one value
/// (the latest snapshot's; none when that snapshot is dated after `cutoff`).
pub async fn monitor(
    store: &Store,
    plan: &Plan,
    strategy: &plan::Strategy,
    last_year: Year,
    cutoff: Option<time::Date>,
) -> Result<Vec<Monitor>, AppError> {
    let code = plan.meta.municipality_code.as_str();
    let years: BTreeSet<Year> = (plan.meta.first_data_year..=last_year).collect();
    let mut out = Vec::new();
    for id in &strategy.monitor {
        let Some(f) = figure(id) else {
            out.push(Monitor {
                id: id.clone(),
                name: Bilingual::new(id.clone(), id.clone()),
                unit: Unit::Count,
                values: Vec::new(),
                missing: Some(Bilingual::new(
                    format!("ukjent nøkkeltall «{id}» i planfilen"),
                    format!("unknown key figure «{id}» in the plan file"),
                )),
            });
            continue;
        };
        let mut values = Vec::new();
        let mut missing = None;
        match f.basis {
            Basis::Register(key) => match register_value(store, code, key, cutoff).await? {
                Ok(v) => values.push(v),
                Err(m) => missing = Some(m),
            },
            _ => {
                let inputs = load(store, code, &years, &[f]).await?;
                let mut last_reason = None;
                for &y in &years {
                    match compute(&f, &inputs, code, y) {
                        Ok(v) => values.push(v),
                        Err(m) => last_reason = Some(m),
                    }
                }
                if values.is_empty() {
                    missing = last_reason;
                }
            }
        }
        out.push(Monitor {
            id: id.clone(),
            name: figure_name(&f),
            unit: f.unit,
            values,
            missing,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_the_embedded_plan_names_only_known_figures() {
        let all = figures();
        let ids: BTreeSet<&str> = all.iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), all.len());
        assert!(!ids.contains("naering:?"));
        let plan = plan::embedded_default();
        for q in &plan.key_figures {
            assert!(figure(&q.figure).is_some(), "unknown quote {}", q.figure);
        }
        let monitors: Vec<&String> = plan
            .focus_areas
            .iter()
            .flat_map(|a| a.all_strategies())
            .flat_map(|s| s.monitor.iter())
            .collect();
        assert!(monitors.len() >= 3);
        for m in monitors {
            assert!(figure(m).is_some(), "unknown monitor {m}");
        }
    }

    #[test]
    fn a_missing_input_is_a_reason_never_zero() {
        let mut inputs = Inputs::new();
        inputs.insert(
            series::JOBS,
            "3203",
            2022,
            Observation::value(40_000.0, engine::Provenance::table("11618", "u")),
        );
        let f = figure("offentlig_andel").unwrap();
        let why = compute(&f, &inputs, "3203", 2022).unwrap_err();
        assert!(why.nb.contains("mangler grunnlagstall"), "{}", why.nb);
        inputs.insert(
            "jobs_private",
            "3203",
            2022,
            Observation::value(
                28_800.0,
                engine::Provenance::table("13472", "u").synthetic(true),
            ),
        );
        let v = compute(&f, &inputs, "3203", 2022).unwrap();
        assert!((v.value - 28.0).abs() < 1e-9);
        assert!(v.demo, "a synthetic input makes a demo value");
        assert_eq!(v.source, Source::Demo);
    }
}
