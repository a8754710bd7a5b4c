//! SYNTHETIC series for the Kommune-NM-style ranking (`data/ranking/kommune-nm.toml`), for what
//! the offline snapshot cannot hold as real data: private jobs, household income, registered
//! unemployment and the labour force, disability benefit, sick leave, net in-migration, the
//! education of the employed, and the municipal accounts (KOSTRA); plus single-year ages 15–74
//! for the years after SSB's bundled exports (2024 onwards, scaled from the real 2023 ages).
//!
//! Same rules as the rest of the generator ([`super`]): JSON-stat 2.0 datasets in the shape of
//! the tables they stand in for, `SYNTETISKE DATA` in every label and note,
//! `extension.naeringsplan.synthetic = true`, deterministic (FNV-1a of salt, code and year — no
//! random state), with the table ids, dimensions and codes of `data/series.toml` (verified against
//! public evidence where its `verified = true`: 13472 private jobs, 13563 registered unemployed and
//! labour force, 11715 disability, 06944, 06913, KOSTRA 12364 and the administration series of
//! 12367; KOSTRA tables have the region dimension `KOKkommuneregion0000` and one measure
//! `KOSbelop0000` chosen by a concept, function or art dimension).
//!
//! # Calibration (plausible, not real)
//!
//! Every value is built from the real population (size and age), three levers and noise:
//!
//! - **centrality** `c` ∈ [0, 1]: log population between 2 000 and 200 000 inhabitants;
//!   larger municipalities get more private jobs, more long higher education, lower unit costs
//!   and administration per inhabitant, less disability;
//! - **region** `r` ∈ [0, 1]: how strong the labour market around the municipality is (Oslo and
//!   Akershus 1, Rogaland and Buskerud 0.6, …), by the county of the 2024 successor;
//! - **traits**: a persistent draw per municipality and measure, keyed by the 2024 successor code
//!   so that merge partners and the merged municipality share them (ranks stay steady from year
//!   to year, as real ones do), plus a small draw per code and year.
//!
//! Levels: private share of jobs 0.35–0.90 (national ≈ 0.7); median household income after tax
//! ≈ 420 000–620 000 kr in 2018, +3 %/year; registered unemployment in November around SSB's
//! national rate of each year (3.0 % in 2015 … 3.9 % in 2020 … 1.6 % in 2022), counts of 1–3
//! masked (`:`) as NAV does; disability benefit 3–20 % of residents 18–66; certified sick leave
//! ≈ 4.5–7.5 % of contracted days; net in-migration = the REAL population growth of the year
//! minus a synthetic natural increase (−0.3 % rural … +0.4 % central); long higher education
//! 2–35 %, technical/natural-science 4–30 % and trade certificates 8–45 % of jobs; municipal
//! gross operating expenditure 80 000–170 000 kr per inhabitant, revenue 1–3 % above it,
//! purchases from private providers 2–20 % of expenditure, net operating result −3 … +6 % and
//! working capital ≈ 5–35 % of revenue, administration 3 000–12 000 kr and net debt
//! 40 000–110 000 kr per inhabitant, property tax on commercial property 0 for about one in six
//! and very high for a few small power-plant municipalities. KOSTRA amounts are in 1 000 kr, as
//! SSB publishes them.
//!
//! Asker (0220, 0627, 0628 → 3025 → 3203) gets fixed traits, as the core generator tunes Asker to
//! the plan's figures: strong in business (private jobs, income, purchases from private
//! providers) and municipal economy, middling in competence and the labour market — the profile
//! of NHO's Kommune-NM 2020 for Asker (plan §3.2: næringsliv 7, arbeidsmarked 52, kompetanse 43,
//! kommuneøkonomi 7). Its ranks are not set: they come out of the ranking like everybody's.
//! Demography is computed from real population data and gets no tuning at all.
//!
//! Median income is not additive: SSB publishes it again on later borders for merged
//! municipalities ("sammenslåtte tidsserier"); so does this file, for the 2020 and 2024 codes of
//! earlier years ([`Redistricted`]; the population-weighted mean of the parts' medians).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::{Base, GENERATOR, Gen, SyntheticFile, core_numbers, extension, is_asker, unit};

/// A municipality code valid on a later date than `year`, published again for `year` (as SSB's
/// "sammenslåtte tidsserier"): its parts are the codes valid in `year` that became it.
#[derive(Debug, Clone, PartialEq)]
pub struct Redistricted {
    /// The data year.
    pub year: i32,
    /// The later code (e.g. `3025` for 2018).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The codes valid in `year` that make it up (e.g. `0220`, `0627`, `0628`).
    pub parts: Vec<String>,
}

/// What the ranking series need beyond the [`Base`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RankingExtra {
    /// Real population growth during each year (1 January of the year to 1 January of the next)
    /// by (year, code): from SSB 07459 on 2024 borders, the code's 2024 successor.
    pub growth: BTreeMap<(i32, String), f64>,
    /// Later codes to publish the non-additive median income on.
    pub redistricted: Vec<Redistricted>,
}

/// One municipality's population by single-year age on 1 January (for [`generate_ages`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AgeBase {
    /// Year (1 January).
    pub year: i32,
    /// Municipality code valid then.
    pub code: String,
    /// Name.
    pub name: String,
    /// Persons by age (only the ages to write).
    pub ages: BTreeMap<u32, f64>,
}

/// Persistent traits of a municipality (each in [0, 1), 0.5 = typical), by measure.
fn trait_of(b: &Base, measure: &str) -> f64 {
    if is_asker(&b.code) {
        return asker_trait(measure);
    }
    unit(&format!("trait-{measure}"), &b.successor_2024, 0)
}

/// Asker's fixed traits (see the module docs): high = more of the measure.
fn asker_trait(measure: &str) -> f64 {
    match measure {
        "privat" => 0.95,
        "inntekt" => 0.97,
        "kjop" => 0.85,
        "utgift" => 0.30,
        "inntektsmargin" => 0.65,
        "driftsresultat" => 0.85,
        "arbeidskapital" => 0.85,
        "admin" => 0.15,
        "gjeld" => 0.55,
        "eiendomsskatt" => 0.10,
        "ledighet" => 0.40,
        "ufore" => 0.20,
        "sykefravaer" => 0.30,
        "fodsel" => 0.50,
        "utdanning" => 0.80,
        "realfag" => 0.60,
        "fagbrev" => 0.25,
        _ => 0.5,
    }
}

/// Centrality from population: 0 at 2 000 inhabitants or fewer, 1 at 200 000 or more.
fn centrality(population: f64) -> f64 {
    ((population.max(1.0).ln() - 2_000f64.ln()) / (200_000f64.ln() - 2_000f64.ln())).clamp(0.0, 1.0)
}

/// Labour-market strength of the region, by the county (first two digits) of the 2024 code.
fn region(successor_2024: &str) -> f64 {
    match successor_2024.get(..2).unwrap_or("") {
        "03" | "32" => 1.0,
        "11" | "33" => 0.6,
        "31" | "39" | "46" | "50" => 0.4,
        "40" | "42" | "15" => 0.3,
        "34" => 0.15,
        _ => 0.0,
    }
}

/// SSB's national registered unemployment in November, roughly, by year.
fn national_unemployment(year: i32) -> f64 {
    match year {
        ..=2016 => 0.030,
        2017 => 0.025,
        2018 => 0.022,
        2019 => 0.021,
        2020 => 0.039,
        2021 => 0.018,
        2022 => 0.016,
        2023 => 0.018,
        2024 => 0.020,
        _ => 0.021,
    }
}

/// Extra certified sick leave in the pandemic years (share of contracted days).
fn sick_leave_shift(year: i32) -> f64 {
    match year {
        2020 => 0.004,
        2021 => 0.003,
        2022 => 0.008,
        2023 => 0.005,
        y if y >= 2024 => 0.004,
        _ => 0.0,
    }
}

/// The numbers of one municipality-year.
#[derive(Debug, Clone, Default)]
struct Row {
    jobs_private: f64,
    median_income: f64,
    unemployed: f64,
    labour_force: f64,
    disability: f64,
    sick_days: f64,
    contracted_days: f64,
    net_migration: f64,
    higher_long: f64,
    stem: f64,
    trade: f64,
    revenue: f64,
    expenditure: f64,
    purchases: f64,
    net_result: f64,
    working_capital: f64,
    admin: f64,
    net_debt: f64,
    property_tax: f64,
}

fn row(b: &Base, g: &Gen, extra: &RankingExtra) -> Row {
    let y = b.year;
    let c = centrality(b.population);
    let r = region(&b.successor_2024);
    let t = |m: &str| trait_of(b, m) - 0.5;
    let j = |m: &str| unit(&format!("year-{m}"), &b.code, y) - 0.5;
    let from_2019 = f64::from(y - 2019);
    let pop = b.population;

    let private_share =
        (0.56 + 0.14 * c + 0.05 * r + 0.16 * t("privat") + 0.02 * j("privat")).clamp(0.35, 0.90);
    let income = 470_000.0
        * (1.0 + 0.10 * c + 0.08 * r + 0.16 * t("inntekt") + 0.01 * j("inntekt"))
        * 1.03f64.powi(y - 2018);

    let rate = (national_unemployment(y)
        * (1.0 + 0.6 * t("ledighet") + 0.15 * j("ledighet") + 0.2 * (c - 0.5)))
        .max(0.004);
    let labour_force = g.employed / (1.0 - rate);
    let unemployed = labour_force * rate;

    let disability_rate =
        ((0.095 + 0.05 * (0.5 - c) - 0.02 * r + 0.06 * t("ufore") + 0.004 * j("ufore"))
            * (1.0 + 0.005 * from_2019))
            .clamp(0.03, 0.20);
    // Residents 18–66 ≈ 49/60 of residents 15–74 (the real band is the indicator's denominator).
    let disability = b.population_15_74 * 49.0 / 60.0 * disability_rate;

    let sick_rate = (0.057 + 0.014 * t("sykefravaer") - 0.004 * (c - 0.5) - 0.004 * r
        + 0.003 * j("sykefravaer")
        + sick_leave_shift(y))
    .clamp(0.035, 0.09);
    let contracted_days = g.employed * 225.0;

    let natural = -0.003 + 0.007 * c + 0.004 * t("fodsel");
    let growth = extra
        .growth
        .get(&(y, b.code.clone()))
        .copied()
        .unwrap_or(0.005);
    let net_migration = pop * (growth - natural);

    let higher_long = (0.05
        + 0.16 * c.powf(1.3)
        + 0.03 * r
        + 0.08 * t("utdanning")
        + 0.005 * j("utdanning")
        + 0.003 * from_2019)
        .clamp(0.02, 0.35);
    let stem = (0.11 + 0.05 * c + 0.08 * t("realfag") + 0.01 * j("realfag")).clamp(0.04, 0.30);
    let trade =
        (0.29 - 0.09 * c - 0.02 * r + 0.08 * t("fagbrev") + 0.01 * j("fagbrev")).clamp(0.08, 0.45);

    // Municipal accounts, in 1 000 kr.
    let prices = 1.035f64.powi(y - 2019);
    let per_capita = (80.0 + 90.0 * (1.0 - c).powi(2) + 14.0 * t("utgift")) * prices;
    let expenditure = pop * per_capita;
    let revenue = expenditure * (1.02 + 0.03 * t("inntektsmargin") + 0.01 * j("inntektsmargin"));
    let purchases = expenditure
        * (0.06 + 0.05 * c + 0.02 * r + 0.08 * t("kjop") + 0.01 * j("kjop")).clamp(0.02, 0.20);
    let covid_support = if (2020..=2022).contains(&y) {
        0.01
    } else {
        0.0
    };
    let net_result = revenue
        * (0.015 + 0.05 * t("driftsresultat") + 0.025 * j("driftsresultat") + covid_support);
    let working_capital =
        revenue * (0.20 + 0.30 * t("arbeidskapital") + 0.04 * j("arbeidskapital"));
    let admin = pop
        * (4.0 + 7.0 * (1.0 - c).powf(1.5) + 3.0 * t("admin") + 0.3 * j("admin")).max(2.0)
        * 1.03f64.powi(y - 2019);
    let net_debt =
        pop * (75.0 + 70.0 * t("gjeld") + 8.0 * j("gjeld")).max(10.0) * 1.04f64.powi(y - 2019);
    let u = trait_of(b, "eiendomsskatt");
    let property_tax = if u < 0.18 {
        0.0
    } else if u > 0.96 && c < 0.4 {
        // A power-plant municipality: works and plants pay most of it.
        pop * (8.0 + 500.0 * (u - 0.96)) * 1.02f64.powi(y - 2019)
    } else {
        pop * (0.2 + 2.2 * ((u - 0.18) / 0.78).powi(2)) * 1.02f64.powi(y - 2019)
    };

    Row {
        jobs_private: g.jobs * private_share,
        median_income: income,
        unemployed,
        labour_force,
        disability,
        sick_days: contracted_days * sick_rate,
        contracted_days,
        net_migration,
        higher_long: g.jobs * higher_long,
        stem: g.jobs * stem,
        trade: g.jobs * trade,
        revenue,
        expenditure,
        purchases,
        net_result,
        working_capital,
        admin,
        net_debt,
        property_tax,
    }
}

/// A cell: a number, or missing with a status symbol.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Value(f64),
    Status(&'static str),
}

/// One measure of a table: its code (a `ContentsCode` category, or, in a KOSTRA-style table
/// with one `ContentsCode`, its codes on the table's measure dimensions), label, unit, and the
/// cell of a row.
struct Contents {
    code: &'static str,
    label: &'static str,
    unit: &'static str,
    /// (code, label) on each of [`Table::measure_dims`], in their order (empty when the table
    /// has none).
    at: &'static [(&'static str, &'static str)],
    cell: fn(&Row) -> Cell,
}

fn whole(v: f64) -> Cell {
    Cell::Value(v.round())
}

/// A table of one or more measures per municipality and year, with fixed other dimensions.
struct Table {
    id: &'static str,
    file: &'static str,
    label: &'static str,
    note: &'static str,
    /// The region dimension: `Region`, or `KOKkommuneregion0000` in KOSTRA tables.
    region: &'static str,
    /// Fixed dimensions between region and contents: (id, code, label).
    fixed: &'static [(&'static str, &'static str, &'static str)],
    /// Dimensions that tell the measures apart when `ContentsCode` has one category (KOSTRA:
    /// `KOKartkap0000`, `KOKfunksjon0000`, `KOKart0000`; 13563: `HovArbStyrkStatus`): (id,
    /// label). Empty: the measures are `ContentsCode` categories.
    measure_dims: &'static [(&'static str, &'static str)],
    /// With `measure_dims`: the one `ContentsCode` (code, label).
    metric: Option<(&'static str, &'static str)>,
    contents: Vec<Contents>,
    /// The time code of a year.
    period: fn(i32) -> String,
}

fn annual(y: i32) -> String {
    y.to_string()
}

/// The categories of every measure dimension (in order of first use) and each measure's
/// position on them.
type MeasureGrid = (Vec<Vec<(String, String)>>, Vec<Vec<usize>>);

fn measure_grid(t: &Table) -> MeasureGrid {
    let mut cats: Vec<Vec<(String, String)>> = vec![Vec::new(); t.measure_dims.len()];
    let mut pos = Vec::with_capacity(t.contents.len());
    for c in &t.contents {
        let mut p = Vec::with_capacity(t.measure_dims.len());
        for (d, (code, label)) in c.at.iter().enumerate() {
            let i = match cats[d].iter().position(|(k, _)| k == code) {
                Some(i) => i,
                None => {
                    cats[d].push(((*code).to_owned(), (*label).to_owned()));
                    cats[d].len() - 1
                }
            };
            p.push(i);
        }
        pos.push(p);
    }
    (cats, pos)
}

/// Writes a table as a JSON-stat 2.0 dataset (values and status as sparse objects).
fn write(
    t: &Table,
    regions: &[(String, String)],
    years: &[i32],
    cells: &BTreeMap<(String, i32), Vec<Cell>>,
) -> SyntheticFile {
    let region_pos: BTreeMap<&str, usize> = regions
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.as_str(), i))
        .collect();
    let mut ids: Vec<&str> = vec![t.region];
    let mut sizes: Vec<usize> = vec![regions.len()];
    let mut dimension = serde_json::Map::new();
    let cat = |codes: Vec<(String, String)>| {
        json!({
            "index": codes.iter().enumerate().map(|(i, (c, _))| (c.clone(), json!(i))).collect::<serde_json::Map<_, _>>(),
            "label": codes.iter().map(|(c, l)| (c.clone(), json!(l))).collect::<serde_json::Map<_, _>>(),
        })
    };
    dimension.insert(
        t.region.into(),
        json!({"label": "region", "category": cat(regions.to_vec())}),
    );
    for (id, code, label) in t.fixed {
        ids.push(id);
        sizes.push(1);
        dimension.insert(
            (*id).into(),
            json!({"label": id, "category": cat(vec![((*code).into(), (*label).into())])}),
        );
    }
    let (grid, positions) = measure_grid(t);
    for ((id, label), codes) in t.measure_dims.iter().zip(&grid) {
        ids.push(id);
        sizes.push(codes.len());
        dimension.insert(
            (*id).into(),
            json!({"label": label, "category": cat(codes.clone())}),
        );
    }
    let metric: Vec<(&str, &str, &str)> = match t.metric {
        Some((code, label)) => vec![(code, label, t.contents.first().map_or("", |c| c.unit))],
        None => t
            .contents
            .iter()
            .map(|c| (c.code, c.label, c.unit))
            .collect(),
    };
    let mut contents = cat(metric
        .iter()
        .map(|(c, l, _)| ((*c).to_owned(), (*l).to_owned()))
        .collect());
    contents["unit"] = Value::Object(
        metric
            .iter()
            .map(|(c, _, u)| ((*c).to_owned(), json!({"base": u, "decimals": 0})))
            .collect(),
    );
    ids.push("ContentsCode");
    sizes.push(metric.len());
    dimension.insert(
        "ContentsCode".into(),
        json!({"label": "statistikkvariabel", "category": contents}),
    );
    ids.push("Tid");
    sizes.push(years.len());
    dimension.insert(
        "Tid".into(),
        json!({"label": "tid", "category": cat(years.iter().map(|y| ((t.period)(*y), (t.period)(*y))).collect())}),
    );
    let mut value = serde_json::Map::new();
    let mut status = serde_json::Map::new();
    for ((code, y), row) in cells {
        let (Some(&r), Some(yi)) = (
            region_pos.get(code.as_str()),
            years.iter().position(|x| x == y),
        ) else {
            continue;
        };
        for (k, cell) in row.iter().enumerate() {
            // Row-major over region, fixed (one category each), measure dimensions, contents,
            // time.
            let mut pos: Vec<usize> = vec![r];
            pos.extend(t.fixed.iter().map(|_| 0));
            pos.extend(positions[k].iter().copied());
            pos.push(if t.metric.is_some() { 0 } else { k });
            pos.push(yi);
            let idx = sizes.iter().zip(&pos).fold(0, |acc, (s, p)| acc * s + p);
            match cell {
                Cell::Value(v) => {
                    value.insert(idx.to_string(), json!(v));
                }
                Cell::Status(s) => {
                    value.insert(idx.to_string(), Value::Null);
                    status.insert(idx.to_string(), json!(s));
                }
            }
        }
    }
    let full_note = format!(
        "SYNTETISKE DATA — generert av naeringsplan ({GENERATOR}), ikke publisert av SSB. {}",
        t.note
    );
    let mut ds = json!({
        "class": "dataset",
        "version": "2.0",
        "label": format!("SYNTETISKE DATA: {}: {}", t.id, t.label),
        "source": "naeringsplan (syntetisk, ikke SSB)",
        "note": [full_note],
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": [t.region]},
        "value": value,
        "extension": extension(t.id, t.note),
    });
    if !status.is_empty() {
        ds["status"] = Value::Object(status);
    }
    SyntheticFile {
        name: t.file.to_owned(),
        dataset: ds,
    }
}

fn tables() -> Vec<Table> {
    vec![
        Table {
            id: "13472",
            file: "ssb_13472_SYNTETISK_2015_2025.json",
            label: "Sysselsatte per 4. kvartal, etter arbeidssted, sektor og næring",
            note: "Arbeidsplasser i privat sektor (SSBs sektor A+B+D+E.0-1+9, arbeidssted, alle næringer); andel av arbeidsplassene i 11616 0,35–0,90, høyere i sentrale kommuner.",
            region: "Region",
            fixed: &[
                ("NACE2007", "00-99", "Alle næringer"),
                ("Sektor", "A+B+D+E.0-1+9", "Privat sektor"),
            ],
            measure_dims: &[],
            metric: None,
            contents: vec![Contents {
                code: "SysselEtterArbste",
                label: "Sysselsatte etter arbeidssted",
                unit: "personer",
                at: &[],
                cell: |r| whole(r.jobs_private),
            }],
            period: annual,
        },
        Table {
            id: "06944",
            file: "ssb_06944_SYNTETISK_2015_2025.json",
            label: "Inntekt etter skatt for husholdninger, median (kr)",
            note: "Medianinntekt etter skatt, alle husholdninger; ca. 420 000–620 000 kr i 2018, +3 % per år. Median kan ikke summeres: for kommuner som ble slått sammen er tallet også oppgitt på de senere kodene (2020 og 2024) som befolkningsveid gjennomsnitt av delenes median, slik SSB publiserer sammenslåtte tidsserier.",
            region: "Region",
            fixed: &[("HusholdType", "0000", "Alle husholdninger")],
            measure_dims: &[],
            metric: None,
            contents: vec![Contents {
                code: "InntSkatt",
                label: "Inntekt etter skatt, median (kr)",
                unit: "kroner",
                at: &[],
                cell: |r| Cell::Value((r.median_income / 100.0).round() * 100.0),
            }],
            period: annual,
        },
        Table {
            id: "13563",
            file: "ssb_13563_SYNTETISK_2015_2025.json",
            label: "Kommunefordelt prioritert arbeidsstyrkestatus for bosatte: registrerte arbeidsledige og arbeidsstyrken",
            note: "Registrerte arbeidsledige 15–74 år (A.09) rundt SSBs landstall det året (2,1 % i 2019, 3,9 % i 2020); 1–3 ledige er skjult (:). Arbeidsstyrken (A) = sysselsatte bosatte (11616) + ledige.",
            region: "Region",
            fixed: &[
                ("Alder", "15-74", "15-74 år"),
                ("InnvandrKat", "A-G", "I alt"),
            ],
            measure_dims: &[("HovArbStyrkStatus", "prioritert arbeidsstyrkestatus")],
            metric: Some(("Bosatte", "Bosatte")),
            contents: vec![
                Contents {
                    code: "A.09",
                    label: "Registrerte arbeidsledige",
                    unit: "personer",
                    at: &[("A.09", "Registrerte arbeidsledige")],
                    cell: |r| {
                        let v = r.unemployed.round();
                        if (1.0..=3.0).contains(&v) {
                            Cell::Status(":")
                        } else {
                            Cell::Value(v)
                        }
                    },
                },
                Contents {
                    code: "A",
                    label: "Arbeidsstyrken",
                    unit: "personer",
                    at: &[("A", "Arbeidsstyrken")],
                    cell: |r| whole(r.labour_force),
                },
            ],
            period: annual,
        },
        Table {
            id: "11715",
            file: "ssb_11715_SYNTETISK_2015_2025.json",
            label: "Uføretrygdede etter alder per kommune",
            note: "Uføretrygdede 18–67 år, 3–20 % av bosatte; høyere i små og perifere kommuner.",
            region: "Region",
            fixed: &[("Alder", "18-67", "18-67 år")],
            measure_dims: &[],
            metric: None,
            contents: vec![Contents {
                code: "UforetygdPers",
                label: "Mottakere av uføretrygd (personer)",
                unit: "personer",
                at: &[],
                cell: |r| whole(r.disability),
            }],
            period: annual,
        },
        Table {
            id: "12442",
            file: "ssb_12442_SYNTETISK_2015_2025.json",
            label: "Legemeldt sykefravær for lønnstakere, etter bosted: tapte og avtalte dagsverk",
            note: "Avtalte dagsverk = sysselsatte bosatte (11616) × 225; tapte dagsverk ved legemeldt fravær ca. 4,5–7,5 %, høyere i 2020–2023.",
            region: "Region",
            fixed: &[],
            measure_dims: &[],
            metric: None,
            contents: vec![
                Contents {
                    code: "TapteDagsverk",
                    label: "Tapte dagsverk, legemeldt sykefravær",
                    unit: "dagsverk",
                    at: &[],
                    cell: |r| whole(r.sick_days),
                },
                Contents {
                    code: "AvtalteDagsverk",
                    label: "Avtalte dagsverk",
                    unit: "dagsverk",
                    at: &[],
                    cell: |r| whole(r.contracted_days),
                },
            ],
            period: annual,
        },
        Table {
            id: "06913",
            file: "ssb_06913_SYNTETISK_2015_2025.json",
            label: "Befolkningsendringer: nettoinnflytting",
            note: "Nettoinnflytting i året = den EKTE befolkningsveksten det året (SSB 07459, 2024-grenser) minus et syntetisk fødselsoverskudd (−0,3 % i utkantkommuner til +0,4 % i sentrale).",
            region: "Region",
            fixed: &[],
            measure_dims: &[],
            metric: None,
            contents: vec![Contents {
                code: "Nettoinnflytting",
                label: "Nettoinnflytting",
                unit: "personer",
                at: &[],
                cell: |r| Cell::Value(r.net_migration.round()),
            }],
            period: annual,
        },
        Table {
            id: "SYSUTD",
            file: "naeringsplan_SYSUTD_SYNTETISK_2015_2025.json",
            label: "Sysselsatte etter arbeidssted og utdanning (plassholder, ingen kjent SSB-tabell)",
            note: "Sysselsatte med arbeidssted i kommunen (andel av arbeidsplassene i 11616): mer enn 4 års høyere utdanning 2–35 % (høyest i sentrale kommuner), teknisk/naturvitenskapelig utdanning 4–30 %, fagbrev 8–45 % (høyest i utkanten). Tabell-id SYSUTD er en plassholder: NHOs kilde er ikke offentlig, og vi kjenner ingen SSB-tabell med disse tallene etter arbeidssted.",
            region: "Region",
            fixed: &[],
            measure_dims: &[],
            metric: None,
            contents: vec![
                Contents {
                    code: "HoyereLang",
                    label: "Sysselsatte med mer enn 4 års høyere utdanning",
                    unit: "personer",
                    at: &[],
                    cell: |r| whole(r.higher_long),
                },
                Contents {
                    code: "RealfagTeknisk",
                    label: "Sysselsatte med teknisk/naturvitenskapelig utdanning",
                    unit: "personer",
                    at: &[],
                    cell: |r| whole(r.stem),
                },
                Contents {
                    code: "Fagbrev",
                    label: "Sysselsatte med fag- eller svennebrev",
                    unit: "personer",
                    at: &[],
                    cell: |r| whole(r.trade),
                },
            ],
            period: annual,
        },
        Table {
            id: "12364",
            file: "ssb_12364_SYNTETISK_2015_2025.json",
            label: "Finansielle grunnlagsdata, kommunekonsern (KOSTRA, 1000 kr)",
            note: "Brutto driftsutgifter (AGD9) 80 000–170 000 kr per innbygger (høyest i små kommuner), brutto driftsinntekter (AGD13) 1–3 % over, netto driftsresultat (AGD23) −3 … +6 % av inntektene, netto lånegjeld (KG31) 40 000–110 000 kr per innbygger, eiendomsskatt annen eiendom (AG46): ingen i omtrent hver sjette kommune, svært høy i noen få små kraftkommuner. Beløp i 1000 kr.",
            region: "KOKkommuneregion0000",
            fixed: &[],
            measure_dims: &[("KOKartkap0000", "regnskapsbegrep")],
            metric: Some(("KOSbelop0000", "Beløp (1000 kr)")),
            contents: vec![
                Contents {
                    code: "AGD13",
                    label: "Brutto driftsinntekter",
                    unit: "1000 kr",
                    at: &[("AGD13", "Brutto driftsinntekter")],
                    cell: |r| whole(r.revenue),
                },
                Contents {
                    code: "AGD9",
                    label: "Brutto driftsutgifter",
                    unit: "1000 kr",
                    at: &[("AGD9", "Brutto driftsutgifter")],
                    cell: |r| whole(r.expenditure),
                },
                Contents {
                    code: "AGD23",
                    label: "Netto driftsresultat",
                    unit: "1000 kr",
                    at: &[("AGD23", "Netto driftsresultat")],
                    cell: |r| whole(r.net_result),
                },
                Contents {
                    code: "KG31",
                    label: "Netto lånegjeld",
                    unit: "1000 kr",
                    at: &[("KG31", "Netto lånegjeld")],
                    cell: |r| whole(r.net_debt),
                },
                Contents {
                    code: "AG46",
                    label: "Eiendomsskatt annen eiendom",
                    unit: "1000 kr",
                    at: &[("AG46", "Eiendomsskatt annen eiendom")],
                    cell: |r| whole(r.property_tax),
                },
            ],
            period: annual,
        },
        Table {
            id: "12367",
            file: "ssb_12367_SYNTETISK_2015_2025.json",
            label: "Detaljerte regnskapstall driftsregnskapet, etter regnskapsomfang, funksjon og art (KOSTRA, 1000 kr)",
            note: "Netto driftsutgifter til administrasjon (funksjon 120, art AGD2) 3 000–12 000 kr per innbygger; kjøp av tjenester fra private (art A370, alle funksjoner FGK9) 2–20 % av brutto driftsutgifter. Kommunekonsern (A). Beløp i 1000 kr.",
            region: "KOKkommuneregion0000",
            fixed: &[("KOKregnskapsomfa0000", "A", "Kommunekonsern")],
            measure_dims: &[("KOKfunksjon0000", "funksjon"), ("KOKart0000", "art")],
            metric: Some(("KOSbelop0000", "Beløp (1000 kr)")),
            contents: vec![
                Contents {
                    code: "A370",
                    label: "Kjøp fra andre (private)",
                    unit: "1000 kr",
                    at: &[
                        ("FGK9", "Alle funksjoner"),
                        ("A370", "Kjøp fra andre (private)"),
                    ],
                    cell: |r| whole(r.purchases),
                },
                Contents {
                    code: "AGD2",
                    label: "Netto driftsutgifter",
                    unit: "1000 kr",
                    at: &[("120", "Administrasjon"), ("AGD2", "Netto driftsutgifter")],
                    cell: |r| whole(r.admin),
                },
            ],
            period: annual,
        },
        Table {
            id: "12134",
            file: "ssb_12134_SYNTETISK_2015_2025.json",
            label: "Utvalgte nøkkeltall for kommuneregnskap (KOSTRA): arbeidskapital uten premieavvik (prosent)",
            note: "Arbeidskapital uten premieavvik i prosent av brutto driftsinntekter, ca. 5–35 %.",
            region: "KOKkommuneregion0000",
            fixed: &[],
            measure_dims: &[],
            metric: None,
            contents: vec![Contents {
                code: "KOSKG280000",
                label: "Arbeidskapital uten premieavvik",
                unit: "prosent",
                at: &[],
                cell: |r| Cell::Value((1000.0 * r.working_capital / r.revenue).round() / 10.0),
            }],
            period: annual,
        },
    ]
}

/// Generates the ranking's synthetic files from the real base (one entry per municipality and
/// year, codes valid that year) and the extras.
pub fn generate(base: &[Base], extra: &RankingExtra) -> Vec<SyntheticFile> {
    let gens = core_numbers(base);
    let years: Vec<i32> = base
        .iter()
        .map(|b| b.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut regions: BTreeMap<String, String> = BTreeMap::new();
    let mut rows: BTreeMap<(String, i32), Row> = BTreeMap::new();
    for b in base {
        regions
            .entry(b.code.clone())
            .or_insert_with(|| b.name.clone());
        let g = &gens[&(b.year, b.code.clone())];
        rows.insert((b.code.clone(), b.year), row(b, g, extra));
    }
    let population: BTreeMap<(String, i32), f64> = base
        .iter()
        .map(|b| ((b.code.clone(), b.year), b.population))
        .collect();
    let region_list: Vec<(String, String)> = regions.clone().into_iter().collect();

    let mut files = Vec::new();
    for t in tables() {
        let mut cells: BTreeMap<(String, i32), Vec<Cell>> = rows
            .iter()
            .map(|(k, r)| (k.clone(), t.contents.iter().map(|c| (c.cell)(r)).collect()))
            .collect();
        let mut table_regions = region_list.clone();
        if t.id == "06944" {
            // Median income again on later borders (not additive: never summed by readers).
            let mut all = regions.clone();
            for rd in &extra.redistricted {
                let mut weighted = 0.0;
                let mut weight = 0.0;
                for p in &rd.parts {
                    if let (Some(r), Some(w)) = (
                        rows.get(&(p.clone(), rd.year)),
                        population.get(&(p.clone(), rd.year)),
                    ) {
                        weighted += r.median_income * w;
                        weight += w;
                    }
                }
                if weight > 0.0 && !cells.contains_key(&(rd.code.clone(), rd.year)) {
                    let v = (weighted / weight / 100.0).round() * 100.0;
                    cells.insert((rd.code.clone(), rd.year), vec![Cell::Value(v)]);
                    all.entry(rd.code.clone())
                        .or_insert_with(|| rd.name.clone());
                }
            }
            table_regions = all.into_iter().collect();
        }
        files.push(write(&t, &table_regions, &years, &cells));
    }
    files
}

/// Population by single-year age on 1 January for years after SSB's bundled exports, as 07459
/// (`Personer1`, series key `Alder=…`): SYNTHETIC, each municipality's real age structure of the
/// last real year scaled to its real total of the year (the caller does both).
pub fn generate_ages(rows: &[AgeBase]) -> SyntheticFile {
    let years: Vec<i32> = rows
        .iter()
        .map(|r| r.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let ages: Vec<u32> = rows
        .iter()
        .flat_map(|r| r.ages.keys().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut regions: BTreeMap<String, String> = BTreeMap::new();
    for r in rows {
        regions
            .entry(r.code.clone())
            .or_insert_with(|| r.name.clone());
    }
    let region_pos: BTreeMap<&str, usize> = regions
        .keys()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut value = serde_json::Map::new();
    for r in rows {
        let (Some(&ri), Some(yi)) = (
            region_pos.get(r.code.as_str()),
            years.iter().position(|y| *y == r.year),
        ) else {
            continue;
        };
        for (a, v) in &r.ages {
            let ai = ages.iter().position(|x| x == a).unwrap_or(0);
            let idx = (ri * ages.len() + ai) * years.len() + yi;
            value.insert(idx.to_string(), json!(v.round()));
        }
    }
    let first = years.first().copied().unwrap_or_default();
    let last = years.last().copied().unwrap_or_default();
    let (lo, hi) = (
        ages.first().copied().unwrap_or_default(),
        ages.last().copied().unwrap_or_default(),
    );
    let note = format!(
        "Folkemengde 1. januar {first}–{last} etter ettårig alder {lo}–{hi} år: hver kommunes EKTE aldersfordeling 1.1.2023 (SSBs 07459-uttrekk, summert over forgjengerne) skalert til kommunens EKTE folketall det året (07459 på 2024-grenser). Bare aldrene {lo}–{hi} år er med."
    );
    let cat = |codes: Vec<(String, String)>| {
        json!({
            "index": codes.iter().enumerate().map(|(i, (c, _))| (c.clone(), json!(i))).collect::<serde_json::Map<_, _>>(),
            "label": codes.iter().map(|(c, l)| (c.clone(), json!(l))).collect::<serde_json::Map<_, _>>(),
        })
    };
    let dataset = json!({
        "class": "dataset",
        "version": "2.0",
        "label": "SYNTETISKE DATA: 07459: Befolkning 1. januar, etter region, alder, statistikkvariabel og år",
        "source": "naeringsplan (syntetisk, ikke SSB)",
        "note": [format!("SYNTETISKE DATA — generert av naeringsplan ({GENERATOR}), ikke publisert av SSB. {note}")],
        "id": ["Region", "Alder", "ContentsCode", "Tid"],
        "size": [regions.len(), ages.len(), 1, years.len()],
        "dimension": {
            "Region": {"label": "region", "category": cat(regions.into_iter().collect())},
            "Alder": {"label": "alder", "category": cat(ages.iter().map(|a| (format!("{a:03}"), format!("{a} år"))).collect())},
            "ContentsCode": {"label": "statistikkvariabel", "category": {
                "index": {"Personer1": 0}, "label": {"Personer1": "Personer"},
                "unit": {"Personer1": {"base": "personer", "decimals": 0}}
            }},
            "Tid": {"label": "år", "category": cat(years.iter().map(|y| (y.to_string(), y.to_string())).collect())},
        },
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "value": value,
        "extension": extension("07459", &note),
    });
    SyntheticFile {
        name: format!("ssb_07459_alder_SYNTETISK_{first}_{last}.json"),
        dataset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(year: i32, code: &str, population: f64, successor: &str) -> Base {
        Base {
            year,
            code: code.into(),
            name: format!("K{code}"),
            population,
            population_15_74: population * 0.74,
            successor_2024: successor.into(),
        }
    }

    fn sample() -> Vec<Base> {
        let mut out = Vec::new();
        for y in [2019, 2020] {
            out.push(base(y, "0301", 690_000.0, "0301"));
            out.push(base(y, "1111", 3_000.0, "1111"));
            out.push(base(y, "1818", 1_500.0, "1818"));
            out.push(base(y, "5001", 200_000.0, "5001"));
        }
        out.push(base(2019, "0220", 61_000.0, "3203"));
        out.push(base(2019, "0627", 31_000.0, "3203"));
        out.push(base(2019, "0628", 10_000.0, "3203"));
        out.push(base(2020, "3025", 94_000.0, "3203"));
        out
    }

    fn extra() -> RankingExtra {
        RankingExtra {
            growth: BTreeMap::from([((2019, "0301".to_owned()), 0.01)]),
            redistricted: vec![Redistricted {
                year: 2019,
                code: "3025".into(),
                name: "Asker".into(),
                parts: vec!["0220".into(), "0627".into(), "0628".into()],
            }],
        }
    }

    fn value(f: &SyntheticFile, idx: usize) -> Option<f64> {
        f.dataset["value"][idx.to_string()].as_f64()
    }

    #[test]
    fn deterministic_labelled_and_shaped() {
        let a = generate(&sample(), &extra());
        let b = generate(&sample(), &extra());
        assert_eq!(a, b);
        assert_eq!(a.len(), 10);
        for f in &a {
            assert!(
                f.dataset["label"]
                    .as_str()
                    .unwrap()
                    .starts_with("SYNTETISKE DATA")
            );
            assert_eq!(f.dataset["extension"]["naeringsplan"]["synthetic"], true);
            let sizes: usize = f.dataset["size"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_u64().unwrap() as usize)
                .product();
            for k in f.dataset["value"].as_object().unwrap().keys() {
                assert!(k.parse::<usize>().unwrap() < sizes, "{}: {k}", f.name);
            }
        }
    }

    #[test]
    fn levels_are_plausible_and_asker_is_business_strong() {
        let files = generate(&sample(), &extra());
        let base = sample();
        let gens = core_numbers(&base);
        let rows: Vec<(String, Row)> = base
            .iter()
            .map(|b| {
                (
                    b.code.clone(),
                    row(b, &gens[&(b.year, b.code.clone())], &extra()),
                )
            })
            .collect();
        for (code, r) in &rows {
            let u = r.unemployed / r.labour_force;
            assert!((0.004..0.09).contains(&u), "{code}: unemployment {u}");
            let s = r.sick_days / r.contracted_days;
            assert!((0.035..=0.09).contains(&s), "{code}: sick leave {s}");
            assert!(
                (350_000.0..800_000.0).contains(&r.median_income),
                "{code}: {}",
                r.median_income
            );
            assert!(r.revenue > r.expenditure, "{code}");
            assert!(r.property_tax >= 0.0);
        }
        // Asker's private share and income are above the small rural municipality's.
        let get = |c: &str| &rows.iter().find(|(k, _)| k == c).unwrap().1;
        let asker = get("3025");
        let rural = get("1818");
        assert!(asker.median_income > rural.median_income);
        // Re-districted median: 3025 in 2019 is in the income file, between its parts.
        let income = files.iter().find(|f| f.name.contains("06944")).unwrap();
        let idx = income.dataset["dimension"]["Region"]["category"]["index"]["3025"]
            .as_u64()
            .unwrap() as usize;
        // Region × HusholdType × ContentsCode × Tid (2019, 2020): 2019 is position 0.
        let v = value(income, idx * 2).unwrap();
        let parts: Vec<f64> = ["0220", "0627", "0628"]
            .iter()
            .map(|c| {
                let i = income.dataset["dimension"]["Region"]["category"]["index"][c]
                    .as_u64()
                    .unwrap() as usize;
                value(income, i * 2).unwrap()
            })
            .collect();
        let lo = parts.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = parts.iter().copied().fold(0.0, f64::max);
        assert!(lo <= v && v <= hi, "{v} not within {parts:?}");
    }

    #[test]
    fn small_unemployment_counts_are_masked() {
        let files = generate(&sample(), &extra());
        let f = files.iter().find(|f| f.name.contains("13563")).unwrap();
        if let Some(status) = f.dataset.get("status") {
            for (k, s) in status.as_object().unwrap() {
                assert_eq!(s, ":");
                assert!(f.dataset["value"][k].is_null());
            }
        }
    }

    #[test]
    fn kostra_and_labour_tables_have_the_evidenced_shapes() {
        let files = generate(&sample(), &extra());
        let get = |name: &str| files.iter().find(|f| f.name.contains(name)).unwrap();
        // 12364: KOKkommuneregion0000 × KOKartkap0000 × KOSbelop0000 × Tid.
        let f = get("12364");
        assert_eq!(
            f.dataset["id"],
            json!([
                "KOKkommuneregion0000",
                "KOKartkap0000",
                "ContentsCode",
                "Tid"
            ])
        );
        assert_eq!(f.dataset["role"]["geo"], json!(["KOKkommuneregion0000"]));
        assert_eq!(
            f.dataset["dimension"]["ContentsCode"]["category"]["index"],
            json!({"KOSbelop0000": 0})
        );
        let arts = &f.dataset["dimension"]["KOKartkap0000"]["category"]["index"];
        for code in ["AGD13", "AGD9", "AGD23", "KG31", "AG46"] {
            assert!(arts.get(code).is_some(), "{code}");
        }
        // Revenue above expenditure for every municipality-year, read back by coordinates.
        let sizes: Vec<usize> = f.dataset["size"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_u64().unwrap() as usize)
            .collect();
        let at = |r: usize, art: &str, y: usize| {
            let a = arts[art].as_u64().unwrap() as usize;
            let idx = ((r * sizes[1] + a) * sizes[2]) * sizes[3] + y;
            value(f, idx)
        };
        for r in 0..sizes[0] {
            for y in 0..sizes[3] {
                if let (Some(rev), Some(exp)) = (at(r, "AGD13", y), at(r, "AGD9", y)) {
                    assert!(rev > exp, "region {r} year {y}: {rev} <= {exp}");
                }
            }
        }
        // 12367: two measures on the funksjon × art grid, one ContentsCode.
        let f = get("12367");
        assert_eq!(
            f.dataset["id"],
            json!([
                "KOKkommuneregion0000",
                "KOKregnskapsomfa0000",
                "KOKfunksjon0000",
                "KOKart0000",
                "ContentsCode",
                "Tid"
            ])
        );
        // 13563: HovArbStyrkStatus A.09 and A, ContentsCode Bosatte, annual.
        let f = get("13563");
        assert_eq!(
            f.dataset["dimension"]["HovArbStyrkStatus"]["category"]["index"],
            json!({"A.09": 0, "A": 1})
        );
        assert_eq!(
            f.dataset["dimension"]["Tid"]["category"]["index"],
            json!({"2019": 0, "2020": 1})
        );
        // 13472: private sector, no PRIVOFF.
        let f = get("13472");
        assert_eq!(
            f.dataset["dimension"]["Sektor"]["category"]["index"],
            json!({"A+B+D+E.0-1+9": 0})
        );
        assert!(!files.iter().any(|f| {
            ["13470", "10540", "12842"]
                .iter()
                .any(|old| f.name.contains(old))
        }));
    }

    #[test]
    fn ages_file_is_in_the_shape_of_07459() {
        let rows = vec![AgeBase {
            year: 2024,
            code: "3203".into(),
            name: "Asker".into(),
            ages: (15..=74).map(|a| (a, 1_000.0 + f64::from(a))).collect(),
        }];
        let f = generate_ages(&rows);
        assert_eq!(
            f.dataset["id"],
            json!(["Region", "Alder", "ContentsCode", "Tid"])
        );
        assert_eq!(f.dataset["size"], json!([1, 60, 1, 1]));
        assert_eq!(f.dataset["value"]["0"], json!(1015.0));
        assert_eq!(f.dataset["extension"]["naeringsplan"]["synthetic"], true);
        assert!(f.name.contains("SYNTETISK"));
    }
}
