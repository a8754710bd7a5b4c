//! The deterministic generator of the snapshot's SYNTHETIC national series, for what the offline
//! snapshot cannot hold as real data: jobs and employed residents (11618) and the commuting
//! matrix (03321) in the years no real file covers ([`RealYears`]: SSB's own 2017–2022 copies
//! are bundled from `data/snapshot/real/`), farmland conversion (KOSTRA), new enterprises,
//! bankruptcies and jobs by industry.
//!
//! Every file is a JSON-stat 2.0 dataset in the shape of the SSB table it stands in for, with
//! `SYNTETISKE DATA` in its label and `extension.naeringsplan.synthetic = true`, so the store
//! flags every value as synthetic and real data (from `naeringsplan fetch`) supersedes it.
//!
//! Calibration (plausible, not real): employed residents ≈ 0.66–0.74 × population 15–74 (real,
//! from SSB's 07459 exports); jobs = employed residents × a coverage (*egendekning*) that is
//! higher in regional centres; a share of the employed residents works in the home municipality
//! (the matrix diagonal). Asker is tuned to the figures quoted in the plan and on Asker's pages:
//! ~48 000 employed residents, 41.9 / 42.3 / 41.4 % working locally in 2017–2019 and 77 %
//! *egendekning* in 2019; 49 000 employed residents, 37 000 jobs and 20 000 jobs held by
//! residents in 2021; 1 781 new enterprises in 2021; farmland converted 23, 260 and 90 dekar in
//! 2017–2019. Pure: the caller supplies the real population base and writes the files.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

pub mod ranking;

/// The real base of one municipality in one year (codes valid on 1 January of that year).
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// Year.
    pub year: i32,
    /// Municipality code valid that year.
    pub code: String,
    /// Name.
    pub name: String,
    /// Population on 1 January (real).
    pub population: f64,
    /// Population 15–74 on 1 January (real, or scaled from a neighbouring year).
    pub population_15_74: f64,
    /// The 2024 code the municipality became (merge partners share it).
    pub successor_2024: String,
}

/// A generated file: name under `data/snapshot/synthetic/` and its JSON-stat content.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticFile {
    /// File name.
    pub name: String,
    /// The dataset.
    pub dataset: Value,
}

/// The years for which the snapshot bundles REAL files of a table (`data/snapshot/real/`): the
/// generator writes no synthetic value of that table for those years, so a fresh store never
/// holds a synthetic figure beside a real one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RealYears {
    /// Years of the real commuting matrix (SSB 03321).
    pub commuting_03321: BTreeSet<i32>,
    /// Years of the real employed residents and jobs (SSB 11618).
    pub employment_11618: BTreeSet<i32>,
}

/// Years as compact runs for a file name: `2015-2016_2023-2025`.
pub fn year_runs(years: &BTreeSet<i32>) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == y => *end = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// The command that writes the files (documented in `data/snapshot/README.md`).
pub const GENERATOR: &str = "cargo run -p naeringsplan-demo --example make_snapshot";

/// SSB's 17 industry groups (SN2007 division ranges) and a national share of jobs in each.
pub const INDUSTRY_GROUPS: &[(&str, &str, f64)] = &[
    ("01-03", "Jordbruk, skogbruk og fiske", 0.025),
    ("05-09", "Bergverksdrift og utvinning", 0.022),
    ("10-33", "Industri", 0.078),
    ("35-39", "Elektrisitet, vann og renovasjon", 0.012),
    ("41-43", "Bygge- og anleggsvirksomhet", 0.085),
    ("45-47", "Varehandel, reparasjon av motorvogner", 0.128),
    ("49-53", "Transport og lagring", 0.049),
    ("55-56", "Overnattings- og serveringsvirksomhet", 0.032),
    ("58-63", "Informasjon og kommunikasjon", 0.041),
    ("64-66", "Finansiering og forsikring", 0.019),
    ("68-75", "Teknisk tjenesteyting, eiendomsdrift", 0.068),
    ("77-82", "Forretningsmessig tjenesteyting", 0.052),
    ("84", "Off.adm., forsvar, sosialforsikring", 0.066),
    ("85", "Undervisning", 0.080),
    ("86-88", "Helse- og sosialtjenester", 0.208),
    ("90-99", "Personlig tjenesteyting", 0.033),
    ("00", "Uoppgitt", 0.002),
];

const ASKER_PARTS: [&str; 3] = ["0220", "0627", "0628"];

/// A deterministic number in [0, 1) for (salt, code, year): FNV-1a.
pub fn unit(salt: &str, code: &str, year: i32) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt
        .bytes()
        .chain([0])
        .chain(code.bytes())
        .chain(year.to_le_bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Final avalanche (splitmix64) so nearby inputs spread.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Asker's target share of employed residents working locally, by year (plan ch. 6 for
/// 2017–2019; 20 000 of 49 000 in 2021).
fn asker_local_share(year: i32) -> f64 {
    match year {
        ..=2016 => 0.418,
        2017 => 0.419,
        2018 => 0.423,
        2019 => 0.414,
        2020 => 0.410,
        2021 => 20_000.0 / 49_000.0,
        2022 => 0.412,
        2023 => 0.415,
        _ => 0.418,
    }
}

/// Asker's employed residents (the whole municipality), by year.
fn asker_employed(year: i32) -> f64 {
    match year {
        ..=2016 => 47_000.0 + 300.0 * f64::from(year - 2015),
        2017 => 47_500.0,
        2018 => 47_800.0,
        2019 => 48_000.0,
        2020 => 47_700.0,
        2021 => 49_000.0,
        y => 49_000.0 + 350.0 * f64::from(y - 2021),
    }
}

/// Asker's *egendekning* (jobs / employed residents), by year.
fn asker_coverage(year: i32) -> f64 {
    match year {
        2019 => 0.77,
        2021 => 37_000.0 / 49_000.0,
        2020 => 0.76,
        y if y < 2019 => 0.77,
        _ => 0.76,
    }
}

fn is_asker(code: &str) -> bool {
    ASKER_PARTS.contains(&code) || code == "3025" || code == "3203"
}

/// Generated numbers of one municipality-year.
#[derive(Debug, Clone)]
struct Gen {
    employed: f64,
    jobs: f64,
    local: f64,
}

fn generate_core(b: &Base, asker_total_p1574: f64) -> Gen {
    let u = |salt: &str| unit(salt, &b.code, b.year);
    if is_asker(&b.code) {
        // Share Asker's totals by the parts' real population 15–74.
        let share = b.population_15_74 / asker_total_p1574;
        let employed = asker_employed(b.year) * share;
        let coverage = match b.code.as_str() {
            "0220" => 0.95,
            "0627" => 0.50,
            "0628" => 0.52,
            _ => 1.0,
        };
        let jobs = employed * coverage; // rescaled across the parts below
        let local = match b.code.as_str() {
            "0220" => 0.36,
            "0627" => 0.28,
            "0628" => 0.33,
            _ => asker_local_share(b.year),
        } * employed;
        return Gen {
            employed,
            jobs,
            local,
        };
    }
    let covid = if b.year == 2020 { -0.012 } else { 0.0 };
    let rate = 0.66 + 0.08 * u("rate") + covid + 0.002 * f64::from(b.year - 2015);
    let employed = b.population_15_74 * rate;
    let centre = b.population > 50_000.0;
    let coverage = if b.code == "0301" {
        1.38
    } else if centre {
        0.95 + 0.3 * u("coverage")
    } else {
        0.55 + 0.5 * u("coverage")
    };
    let local_share = if b.code == "0301" {
        0.86
    } else if centre {
        0.62 + 0.15 * u("local")
    } else if b.population < 5_000.0 {
        0.55 + 0.25 * u("local")
    } else {
        0.35 + 0.25 * u("local")
    };
    let jobs = employed * coverage;
    Gen {
        employed,
        jobs,
        local: (employed * local_share).min(jobs),
    }
}

fn round(v: f64) -> f64 {
    v.round().max(0.0)
}

/// Splits `total` into integer parts proportional to `weights` (largest remainder).
pub fn apportion(total: f64, weights: &[f64]) -> Vec<f64> {
    let total = total.round().max(0.0);
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || weights.is_empty() {
        return vec![0.0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| total * w / sum).collect();
    let mut out: Vec<f64> = exact.iter().map(|e| e.floor()).collect();
    let mut left = (total - out.iter().sum::<f64>()) as i64;
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor())
            .partial_cmp(&(exact[a] - exact[a].floor()))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for i in order {
        if left <= 0 {
            break;
        }
        out[i] += 1.0;
        left -= 1;
    }
    out
}

fn extension(table: &str, note: &str) -> Value {
    json!({
        "px": {"tableid": table, "decimals": 0},
        "naeringsplan": {
            "synthetic": true,
            "generator": GENERATOR,
            "note": format!("SYNTETISKE DATA — generert av naeringsplan, ikke publisert av SSB. {note}"),
        }
    })
}

/// A dataset with dimensions (id, codes with labels), sparse values by row-major index.
#[allow(clippy::too_many_arguments)]
fn dataset(
    table: &str,
    label: &str,
    note: &str,
    dims: Vec<(&str, Vec<(String, String)>)>,
    geo: &[&str],
    unit_base: &str,
    contents_unit: &[String],
    values: BTreeMap<usize, f64>,
) -> Value {
    let ids: Vec<&str> = dims.iter().map(|(id, _)| *id).collect();
    let sizes: Vec<usize> = dims.iter().map(|(_, c)| c.len()).collect();
    let mut dimension = serde_json::Map::new();
    for (id, cats) in &dims {
        let index: serde_json::Map<String, Value> = cats
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.clone(), json!(i)))
            .collect();
        let labels: serde_json::Map<String, Value> =
            cats.iter().map(|(c, l)| (c.clone(), json!(l))).collect();
        let mut category = json!({"index": index, "label": labels});
        if *id == "ContentsCode" {
            let units: serde_json::Map<String, Value> = contents_unit
                .iter()
                .map(|c| (c.clone(), json!({"base": unit_base, "decimals": 0})))
                .collect();
            category["unit"] = Value::Object(units);
        }
        dimension.insert((*id).to_owned(), json!({"label": id, "category": category}));
    }
    let value: serde_json::Map<String, Value> = values
        .into_iter()
        .map(|(i, v)| (i.to_string(), json!(v)))
        .collect();
    json!({
        "class": "dataset",
        "version": "2.0",
        "label": format!("SYNTETISKE DATA: {table}: {label}"),
        "source": "naeringsplan (syntetisk, ikke SSB)",
        "note": [format!("SYNTETISKE DATA — generert av naeringsplan ({GENERATOR}), ikke publisert av SSB. {note}")],
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": geo},
        "value": value,
        "extension": extension(table, note),
    })
}

fn index(sizes: &[usize], pos: &[usize]) -> usize {
    sizes.iter().zip(pos).fold(0, |acc, (s, p)| acc * s + p)
}

/// The core numbers (employed residents, jobs, local workers) of every municipality-year, with
/// Asker's parts rescaled to the whole: the base of every generated series.
fn core_numbers(base: &[Base]) -> BTreeMap<(i32, String), Gen> {
    let years: BTreeSet<i32> = base.iter().map(|b| b.year).collect();
    let mut gens: BTreeMap<(i32, String), Gen> = BTreeMap::new();
    for &y in &years {
        let in_year: Vec<&Base> = base.iter().filter(|b| b.year == y).collect();
        let asker_p: f64 = in_year
            .iter()
            .filter(|b| is_asker(&b.code))
            .map(|b| b.population_15_74)
            .sum();
        for b in &in_year {
            gens.insert((y, b.code.clone()), generate_core(b, asker_p.max(1.0)));
        }
        let parts: Vec<String> = in_year
            .iter()
            .filter(|b| ASKER_PARTS.contains(&b.code.as_str()))
            .map(|b| b.code.clone())
            .collect();
        if !parts.is_empty() {
            let jobs: f64 = parts.iter().map(|c| gens[&(y, c.clone())].jobs).sum();
            let target = asker_employed(y) * asker_coverage(y);
            for c in &parts {
                let g = gens.get_mut(&(y, c.clone())).expect("part");
                g.jobs *= target / jobs;
            }
        } else if let Some(b) = in_year.iter().find(|b| is_asker(&b.code)) {
            let g = gens.get_mut(&(y, b.code.clone())).expect("asker");
            g.jobs = asker_employed(y) * asker_coverage(y);
        }
    }
    gens
}

/// Generates every synthetic file from the real base (one entry per municipality and year),
/// leaving out the years of `real` for 03321 and 11618.
pub fn generate(base: &[Base], real: &RealYears) -> Vec<SyntheticFile> {
    let years: BTreeSet<i32> = base.iter().map(|b| b.year).collect();
    let mut regions: BTreeMap<String, String> = BTreeMap::new();
    for b in base {
        regions
            .entry(b.code.clone())
            .or_insert_with(|| b.name.clone());
    }
    let region_list: Vec<(String, String)> = regions.into_iter().collect();
    let region_pos: BTreeMap<&str, usize> = region_list
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.as_str(), i))
        .collect();
    let year_list: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let year_pos = |y: i32| years.iter().position(|&x| x == y).unwrap_or(0);
    let gens = core_numbers(base);

    let mut files = Vec::new();

    // 11618: employed residents and jobs, age 15–74, both sexes (the codes SSB's own pendling
    // app reads), in the years no real 11618 file covers.
    let contents = vec![
        (
            "SysselBosted".to_owned(),
            "Sysselsatte personer (bosted)".to_owned(),
        ),
        (
            "SysselArbsted".to_owned(),
            "Sysselsatte personer (arbeidssted)".to_owned(),
        ),
    ];
    let emp_years: BTreeSet<i32> = years.difference(&real.employment_11618).copied().collect();
    if !emp_years.is_empty() {
        let emp_year_list: Vec<(String, String)> = emp_years
            .iter()
            .map(|y| (y.to_string(), y.to_string()))
            .collect();
        let emp_pos = |y: i32| emp_years.iter().position(|&x| x == y);
        let sizes = [region_list.len(), 1, 1, 2, emp_years.len()];
        let mut values = BTreeMap::new();
        for ((y, code), g) in &gens {
            let Some(t) = emp_pos(*y) else { continue };
            let r = region_pos[code.as_str()];
            values.insert(index(&sizes, &[r, 0, 0, 0, t]), round(g.employed));
            values.insert(index(&sizes, &[r, 0, 0, 1, t]), round(g.jobs));
        }
        files.push(SyntheticFile {
            name: format!("ssb_11618_SYNTETISK_{}.json", year_runs(&emp_years)),
            dataset: dataset(
                "11618",
                "Sysselsatte og befolkning per 4. kvartal, etter region, kjønn, alder, statistikkvariabel og år",
                "Sysselsatte bosatt og med arbeidssted i kommunen, 15–74 år, kalibrert mot reell befolkning 15–74 år; bare årene uten SSBs egne tall i øyeblikksbildet.",
                vec![
                    ("Region", region_list.clone()),
                    ("Kjonn", vec![("0".to_owned(), "Begge kjønn".to_owned())]),
                    ("Alder", vec![("15-74".to_owned(), "15-74 år".to_owned())]),
                    ("ContentsCode", contents.clone()),
                    ("Tid", emp_year_list),
                ],
                &["Region"],
                "personer",
                &contents.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
                values,
            ),
        });
    }

    // 03321: commuting matrix, one file per year (sparse), for the years no real file covers.
    for &y in years.difference(&real.commuting_03321) {
        let in_year: Vec<&Base> = base.iter().filter(|b| b.year == y).collect();
        let codes: Vec<(String, String)> = in_year
            .iter()
            .map(|b| (b.code.clone(), b.name.clone()))
            .collect();
        let pos: BTreeMap<&str, usize> = codes
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.as_str(), i))
            .collect();
        // The largest municipality of each county (first two digits) is its centre.
        let mut centre: BTreeMap<&str, (&str, f64)> = BTreeMap::new();
        for b in &in_year {
            let e = centre.entry(&b.code[..2]).or_insert((&b.code, 0.0));
            if b.population > e.1 {
                *e = (&b.code, b.population);
            }
        }
        let sizes = [codes.len(), codes.len(), 1, 1];
        let mut values = BTreeMap::new();
        let asker_parts: Vec<&Base> = in_year
            .iter()
            .copied()
            .filter(|b| ASKER_PARTS.contains(&b.code.as_str()))
            .collect();
        for b in &in_year {
            let g = &gens[&(y, b.code.clone())];
            let h = pos[b.code.as_str()];
            values.insert(index(&sizes, &[h, h, 0, 0]), round(g.local));
            let out = (g.employed - g.local).max(0.0);
            let mut dest: Vec<(&str, f64)> = Vec::new();
            // Municipalities that merge later commute to each other.
            for p in in_year
                .iter()
                .filter(|p| p.successor_2024 == b.successor_2024 && p.code != b.code)
            {
                dest.push((&p.code, 0.12));
            }
            if let Some((c, _)) = centre.get(&b.code[..2])
                && *c != b.code
            {
                dest.push((c, 0.30));
            }
            if ["02", "03", "06", "30", "31", "32", "33"].contains(&&b.code[..2])
                && b.code != "0301"
            {
                dest.push(("0301", 0.20));
            }
            let mut seen = BTreeSet::new();
            for (w, share) in dest {
                if seen.insert(w) && pos.contains_key(w) {
                    let jitter = 0.8 + 0.4 * unit("flow", &format!("{}>{w}", b.code), y);
                    let v = round(out * share * jitter);
                    values.insert(index(&sizes, &[h, pos[w], 0, 0]), v);
                }
            }
        }
        // Asker's parts (2015–2019): cross-flows so that the block is the quoted local share.
        if asker_parts.len() == 3 {
            let total: f64 = asker_parts
                .iter()
                .map(|b| gens[&(y, b.code.clone())].employed)
                .sum();
            let diag: f64 = asker_parts
                .iter()
                .map(|b| round(gens[&(y, b.code.clone())].local))
                .sum();
            let cross = (asker_local_share(y) * total - diag).max(0.0);
            let pairs = [
                ("0627", "0220", 0.40),
                ("0628", "0220", 0.15),
                ("0220", "0627", 0.20),
                ("0628", "0627", 0.15),
                ("0220", "0628", 0.05),
                ("0627", "0628", 0.05),
            ];
            let parts = apportion(cross, &pairs.iter().map(|p| p.2).collect::<Vec<_>>());
            for ((h, w, _), v) in pairs.iter().zip(parts) {
                values.insert(index(&sizes, &[pos[h], pos[w], 0, 0]), v);
            }
        }
        files.push(SyntheticFile {
            name: format!("ssb_03321_SYNTETISK_{y}.json"),
            dataset: dataset(
                "03321",
                "Sysselsatte (15-74 år), etter bostedskommune og arbeidsstedskommune",
                "Pendlingsmatrise (bosted × arbeidssted), glissen: bare strømmene som er oppgitt. Asker (0220+0627+0628, 3025, 3203) er kalibrert mot planens kortreist-andel.",
                vec![
                    ("Bokommuen", codes.clone()),
                    ("ArbstedKomm", codes.clone()),
                    (
                        "ContentsCode",
                        vec![("Sysselsatte".to_owned(), "Sysselsatte".to_owned())],
                    ),
                    ("Tid", vec![(y.to_string(), y.to_string())]),
                ],
                &["Bokommuen"],
                "personer",
                &["Sysselsatte".to_owned()],
                values,
            ),
        });
    }

    // Simple per-municipality series: farmland (KOSTRA: region dimension KOKkommuneregion0000),
    // new enterprises (08316, with its fixed dimensions), bankruptcies.
    let simple: [(&str, &str, &str, &str, &str, &str); 3] = [
        (
            "12660",
            "OmdispDyrka",
            "Omdisponert dyrket jord (dekar)",
            "dekar",
            "ssb_12660_SYNTETISK_2015_2025.json",
            "KOSTRA jordvern: omdisponert dyrket jord. Asker 2017–2019 lik planens oppgitte resultater (23, 260, 90 dekar), fordelt på 0220/0627/0628.",
        ),
        (
            "08316",
            "Foretak",
            "Nyetablerte foretak",
            "foretak",
            "ssb_08316_SYNTETISK_2015_2025.json",
            "Nyetableringer ≈ 1,2–2,0 % av folketallet; Asker 2021 = 1 781 som oppgitt på kommunens sider.",
        ),
        (
            "10735",
            "Konkurser",
            "Åpnede konkurser",
            "konkurser",
            "ssb_10735_SYNTETISK_2015_2025.json",
            "Konkurser ≈ 5–10 % av nyetableringene.",
        ),
    ];
    for (table, contents_code, label, unit_base, file, note) in simple {
        let region_dim = if table == "12660" {
            "KOKkommuneregion0000"
        } else {
            "Region"
        };
        // 08316's other dimensions, at the codes of its total (data/series.toml).
        let fixed: &[(&str, &str, &str)] = if table == "08316" {
            &[
                ("NACE2007", "00-99", "Alle næringer"),
                ("OrgFormer", "Alle", "Alle organisasjonsformer"),
                ("AntSyss", "999", "Alle størrelser"),
                ("OverlevAar", "01", "Etableringsåret"),
                ("Overlevelse", "00", "Nyetablerte"),
            ]
        } else {
            &[]
        };
        let mut sizes = vec![region_list.len()];
        sizes.extend(fixed.iter().map(|_| 1));
        sizes.extend([1, years.len()]);
        let mut values = BTreeMap::new();
        for &y in &years {
            let in_year: Vec<&Base> = base.iter().filter(|b| b.year == y).collect();
            let asker_p: f64 = in_year
                .iter()
                .filter(|b| is_asker(&b.code))
                .map(|b| b.population)
                .sum::<f64>()
                .max(1.0);
            for b in &in_year {
                let u = unit(table, &b.code, y);
                let new_ent = if is_asker(&b.code) {
                    let whole = if y == 2021 {
                        1781.0
                    } else {
                        1600.0 + 150.0 * unit("asker-new", "3203", y)
                    };
                    whole * b.population / asker_p
                } else {
                    b.population * (0.012 + 0.008 * unit("09909", &b.code, y))
                };
                let v = match table {
                    "12660" => {
                        if is_asker(&b.code) {
                            let whole = match y {
                                2017 => 23.0,
                                2018 => 260.0,
                                2019 => 90.0,
                                _ => 20.0 + 100.0 * u,
                            };
                            let w = match b.code.as_str() {
                                "0220" => 0.6,
                                "0627" => 0.25,
                                "0628" => 0.15,
                                _ => 1.0,
                            };
                            if ASKER_PARTS.contains(&b.code.as_str()) {
                                let all = apportion(whole, &[0.6, 0.25, 0.15]);
                                let i = ASKER_PARTS.iter().position(|c| *c == b.code).unwrap_or(0);
                                let _ = w;
                                all[i]
                            } else {
                                round(whole)
                            }
                        } else if u < 0.25 {
                            0.0
                        } else {
                            round(b.population / 1000.0 * 3.0 * u * u)
                        }
                    }
                    "08316" => round(new_ent),
                    _ => round(new_ent * (0.05 + 0.05 * u)),
                };
                let mut pos = vec![region_pos[b.code.as_str()]];
                pos.extend(fixed.iter().map(|_| 0));
                pos.extend([0, year_pos(y)]);
                values.insert(index(&sizes, &pos), v);
            }
        }
        files.push(SyntheticFile {
            name: file.to_owned(),
            dataset: dataset(
                table,
                label,
                note,
                std::iter::once((region_dim, region_list.clone()))
                    .chain(
                        fixed
                            .iter()
                            .map(|(d, c, l)| (*d, vec![((*c).to_owned(), (*l).to_owned())])),
                    )
                    .chain([
                        (
                            "ContentsCode",
                            vec![(contents_code.to_owned(), label.to_owned())],
                        ),
                        ("Tid", year_list.clone()),
                    ])
                    .collect(),
                &[region_dim],
                unit_base,
                &[contents_code.to_owned()],
                values,
            ),
        });
    }

    // 07984: jobs by place of work (SysselsatteArb; Sysselsatte counts residents) by industry
    // (17 groups), both sexes, 15–74 years, summing to the jobs of 11616.
    let groups: Vec<(String, String)> = INDUSTRY_GROUPS
        .iter()
        .map(|(c, l, _)| ((*c).to_owned(), (*l).to_owned()))
        .collect();
    let sizes = [region_list.len(), groups.len(), 1, 1, 1, years.len()];
    let mut values = BTreeMap::new();
    for ((y, code), g) in &gens {
        let weights: Vec<f64> = INDUSTRY_GROUPS
            .iter()
            .map(|(c, _, w)| w * (0.5 + unit("07984", &format!("{code}/{c}"), *y)))
            .collect();
        for (i, v) in apportion(round(g.jobs), &weights).into_iter().enumerate() {
            values.insert(
                index(
                    &sizes,
                    &[region_pos[code.as_str()], i, 0, 0, 0, year_pos(*y)],
                ),
                v,
            );
        }
    }
    files.push(SyntheticFile {
        name: "ssb_07984_SYNTETISK_2015_2025.json".to_owned(),
        dataset: dataset(
            "07984",
            "Sysselsatte per 4. kvartal, etter region, næring (SN2007), kjønn, alder, statistikkvariabel og år",
            "Arbeidsplasser etter arbeidssted (SysselsatteArb) og næring, begge kjønn, 15–74 år; gruppene summerer til arbeidsplassene i 11616 (syntetisk).",
            vec![
                ("Region", region_list),
                ("NACE2007", groups),
                ("Kjonn", vec![("0".to_owned(), "Begge kjønn".to_owned())]),
                ("Alder", vec![("15-74".to_owned(), "15-74 år".to_owned())]),
                (
                    "ContentsCode",
                    vec![(
                        "SysselsatteArb".to_owned(),
                        "Sysselsatte etter arbeidssted".to_owned(),
                    )],
                ),
                ("Tid", year_list),
            ],
            &["Region"],
            "personer",
            &["SysselsatteArb".to_owned()],
            values,
        ),
    });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_deterministic_and_spread() {
        assert_eq!(unit("a", "0220", 2019), unit("a", "0220", 2019));
        assert_ne!(unit("a", "0220", 2019), unit("a", "0220", 2020));
        let mean: f64 = (0..1000)
            .map(|i| unit("m", &i.to_string(), 2020))
            .sum::<f64>()
            / 1000.0;
        assert!((mean - 0.5).abs() < 0.05, "{mean}");
    }

    #[test]
    fn year_runs_name_the_gaps() {
        let y: BTreeSet<i32> = [2015, 2016, 2023, 2024, 2025].into();
        assert_eq!(year_runs(&y), "2015-2016_2023-2025");
        assert_eq!(year_runs(&[2019].into()), "2019");
    }

    #[test]
    fn apportion_keeps_the_total() {
        assert_eq!(apportion(90.0, &[0.6, 0.25, 0.15]), vec![54.0, 23.0, 13.0]);
        assert_eq!(
            apportion(23.0, &[0.6, 0.25, 0.15]).iter().sum::<f64>(),
            23.0
        );
    }
}
