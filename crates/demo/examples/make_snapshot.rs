//! Writes the generated files of the offline snapshot (`data/snapshot/`), deterministically:
//!
//! - `ssb_07459_befolkning_b2024_2005_2026.json`: REAL population on 1 January of every
//!   municipality 2005–2026 on 2024 borders (`sources/population_kommune_b2024_2005_2026.csv`),
//!   in the JSON-stat 2.0 shape of table 07459;
//! - `synthetic/*.json`: SYNTHETIC national series from `demo::ssb`, calibrated on the
//!   real population 15–74 of SSB's own 07459 exports (`ssb_raw/`), among them the ranking's
//!   series (`demo::ssb::ranking`) and single-year ages 15–74 for 2024–2026 scaled from
//!   the real 2023 ages. No synthetic 03321 or 11618 value is written for a year that a REAL
//!   file in `real/` covers (`real/derive_pendling.py`: SSB's own 2017–2022 copies); run that
//!   script first when the real files change.
//!
//! Run from the workspace root: `cargo run -p naeringsplan-demo --example make_snapshot`
//! (optionally with the snapshot directory as argument).

use std::collections::BTreeMap;
use std::path::PathBuf;

use naeringsplan_demo::ssb::ranking::{AgeBase, RankingExtra, Redistricted};
use naeringsplan_demo::ssb::{self as synthetic, Base};
use serde_json::json;
use stats::geography::Geography;
use stats::pxcsv::{self, PxValue};
use time::{Date, Month};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data/snapshot"));
    let geo = Geography::bundled();

    // Real population on 2024 borders (csdata's re-districting of SSB 07459).
    let csv = std::fs::read_to_string(dir.join("sources/population_kommune_b2024_2005_2026.csv"))?;
    let mut b2024: BTreeMap<(String, i32), f64> = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (code, name, year, value) = (f[0], f[1], f[4].parse::<i32>()?, f[5].parse::<f64>()?);
        b2024.insert((code.to_owned(), year), value);
        names.insert(code.to_owned(), name.to_owned());
    }
    let years: Vec<i32> = (2005..=2026).collect();
    let regions: Vec<(&String, &String)> = names.iter().collect();
    let mut values = Vec::new();
    for (code, _) in &regions {
        for y in &years {
            values.push(b2024.get(&((*code).clone(), *y)).copied());
        }
    }
    let population = json!({
        "class": "dataset",
        "version": "2.0",
        "label": "07459: Befolkning 1. januar, etter region (kommunegrensene fra 2024), statistikkvariabel og år",
        "source": "Statistisk sentralbyrå (tabell 07459), omregnet til 2024-grenser av csdata",
        "note": [
            "EKTE DATA: SSBs tall for folkemengde 1. januar (tabell 07459), for årene før 2024 summert til kommunegrensene fra 2024 av R-pakken csdata (niphr/csdata, objektet nor_population_by_age_b2024; kjønn i alt, summert over alder). Ålesund (1507) delt i 1508 og 1580 i 2024 er fordelt med csdatas vekter, som ikke er offisielle. Beholderen (JSON-stat) er skrevet av naeringsplan (cargo run -p naeringsplan-demo --example make_snapshot)."
        ],
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [regions.len(), 1, years.len()],
        "dimension": {
            "Region": {"label": "region", "category": {
                "index": regions.iter().enumerate().map(|(i, (c, _))| ((*c).clone(), json!(i))).collect::<serde_json::Map<_, _>>(),
                "label": regions.iter().map(|(c, n)| ((*c).clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
            }},
            "ContentsCode": {"label": "statistikkvariabel", "category": {
                "index": {"Personer1": 0}, "label": {"Personer1": "Personer"},
                "unit": {"Personer1": {"base": "personer", "decimals": 0}}
            }},
            "Tid": {"label": "år", "category": {
                "index": years.iter().enumerate().map(|(i, y)| (y.to_string(), json!(i))).collect::<serde_json::Map<_, _>>(),
            }},
        },
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "value": values,
        "extension": {
            "px": {"tableid": "07459", "decimals": 0},
            "naeringsplan": {
                "synthetic": false,
                "source_url": "https://www.ssb.no/statbank/table/07459",
                "note": "Real SSB values on 2024 borders (csdata); generated container."
            }
        }
    });
    let out = dir.join("ssb_07459_befolkning_b2024_2005_2026.json");
    std::fs::write(&out, serde_json::to_vec(&population)?)?;
    eprintln!("wrote {}", out.display());

    // Real population 15–74 and totals from SSB's exports, by (code, year); and the real ages
    // 15–74 of the last exported year, for the synthetic ages of the years after it.
    let mut raw: BTreeMap<(String, i32), (f64, f64)> = BTreeMap::new();
    let mut ages_last: BTreeMap<String, BTreeMap<u32, f64>> = BTreeMap::new();
    let mut raw_files: Vec<PathBuf> = std::fs::read_dir(dir.join("ssb_raw"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    raw_files.sort();
    for path in raw_files {
        let table =
            pxcsv::parse(&std::fs::read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        for row in &table.rows {
            let code = row.region.trim_start_matches("K-").to_owned();
            let age: u32 = row.age.trim_end_matches('+').parse()?;
            for (y, v) in table.years.iter().zip(&row.values) {
                if let PxValue::Value(v) = v {
                    let e = raw.entry((code.clone(), *y)).or_default();
                    e.0 += v;
                    if (15..=74).contains(&age) {
                        e.1 += v;
                        if *y == LAST_REAL_AGES {
                            *ages_last
                                .entry(code.clone())
                                .or_default()
                                .entry(age)
                                .or_default() += v;
                        }
                    }
                }
            }
        }
    }
    raw.retain(|_, (total, _)| *total > 0.0);
    let national = |y: i32| -> f64 {
        raw.iter()
            .filter(|((c, yy), _)| *yy == y && c.len() == 4)
            .map(|(_, v)| v.0)
            .sum()
    };

    let jan1 = |y: i32| Date::from_calendar_date(y, Month::January, 1).expect("date");
    let mut base = Vec::new();
    for y in 2015..=2025 {
        let d = jan1(y.max(2017));
        for m in geo.municipalities_at(d)? {
            let code = m.code.clone();
            let scaled = |yy: i32| {
                raw.get(&(code.clone(), 2017)).map(|(t, p)| {
                    (
                        t * national(yy) / national(2017),
                        p * national(yy) / national(2017),
                    )
                })
            };
            let (population, p1574) = if let Some(v) = raw.get(&(code.clone(), y)) {
                *v
            } else if y >= 2024 {
                let Some(total) = b2024.get(&(code.clone(), y)).copied() else {
                    eprintln!("no population for {code} in {y}; skipped");
                    continue;
                };
                let preds = geo.predecessors(&code, jan1(2024), jan1(2023))?;
                let (t, p) = preds.iter().fold((0.0, 0.0), |acc, c| {
                    let v = raw.get(&(c.clone(), 2023)).copied().unwrap_or((0.0, 0.0));
                    (acc.0 + v.0, acc.1 + v.1)
                });
                let ratio = if t > 0.0 { p / t } else { 0.735 };
                (total, total * ratio)
            } else if let Some(v) = scaled(y) {
                v
            } else {
                eprintln!("no population for {code} in {y}; skipped");
                continue;
            };
            let successor_2024 = geo
                .successors(&code, d, jan1(2024))?
                .into_iter()
                .next()
                .unwrap_or_else(|| code.clone());
            base.push(Base {
                year: y,
                code,
                name: m.name.clone(),
                population,
                population_15_74: p1574,
                successor_2024,
            });
        }
    }
    // For the ranking's series: the real growth of each year (on 2024 borders, over all the
    // code's 2024 successors), and the later codes the non-additive median income is also
    // published on.
    let mut extra = RankingExtra::default();
    for b in &base {
        let d = jan1(b.year.max(2017));
        let succ = geo.successors(&b.code, d, jan1(2024))?;
        let total = |y: i32| -> Option<f64> {
            succ.iter()
                .map(|s| b2024.get(&(s.clone(), y)).copied())
                .sum::<Option<f64>>()
        };
        if let (Some(now), Some(next)) = (total(b.year), total(b.year + 1))
            && now > 0.0
        {
            extra
                .growth
                .insert((b.year, b.code.clone()), next / now - 1.0);
        }
    }
    for y in 2015..=2025 {
        let d = jan1(y.max(2017));
        for later in [2020, 2024] {
            if jan1(later) <= d {
                continue;
            }
            for m in geo.municipalities_at(jan1(later))? {
                if geo.municipality(&m.code, d).is_ok() {
                    continue;
                }
                let parts = geo.predecessors(&m.code, jan1(later), d)?;
                if !extra
                    .redistricted
                    .iter()
                    .any(|r| r.year == y && r.code == m.code)
                {
                    extra.redistricted.push(Redistricted {
                        year: y,
                        code: m.code.clone(),
                        name: m.name.clone(),
                        parts,
                    });
                }
            }
        }
    }

    // Single-year ages 15–74 after the last exported year: each 2024 municipality's real age
    // structure of that year (its predecessors summed) scaled to its real total of the year.
    let mut age_rows = Vec::new();
    for y in (LAST_REAL_AGES + 1)..=2026 {
        for m in geo.municipalities_at(jan1(2024))? {
            let Some(total) = b2024.get(&(m.code.clone(), y)).copied() else {
                continue;
            };
            let parts = geo.predecessors(&m.code, jan1(2024), jan1(LAST_REAL_AGES))?;
            let mut structure: BTreeMap<u32, f64> = BTreeMap::new();
            let mut part_total = 0.0;
            for p in &parts {
                for (a, v) in ages_last.get(p).into_iter().flatten() {
                    *structure.entry(*a).or_default() += v;
                }
                part_total += raw.get(&(p.clone(), LAST_REAL_AGES)).map_or(0.0, |v| v.0);
            }
            if part_total <= 0.0 {
                eprintln!("no {LAST_REAL_AGES} ages for {}; skipped", m.code);
                continue;
            }
            // A split municipality (1507 → 1508 + 1580) takes its parent's structure.
            let scale = total / part_total;
            age_rows.push(AgeBase {
                year: y,
                code: m.code.clone(),
                name: m.name.clone(),
                ages: structure.into_iter().map(|(a, v)| (a, v * scale)).collect(),
            });
        }
    }

    let real = real_years(&dir.join("real"))?;
    eprintln!(
        "real files cover 03321 {:?} and 11618 {:?}: no synthetic values for those years",
        real.commuting_03321, real.employment_11618
    );
    std::fs::create_dir_all(dir.join("synthetic"))?;
    // Files of an earlier run whose years are now real (or renamed) must not linger.
    for e in std::fs::read_dir(dir.join("synthetic"))? {
        let path = e?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("ssb_03321_SYNTETISK_")
            || name.starts_with("ssb_11618_SYNTETISK_")
            || name.starts_with("ssb_11616_SYNTETISK_")
        {
            std::fs::remove_file(&path)?;
        }
    }
    let files = synthetic::generate(&base, &real)
        .into_iter()
        .chain(synthetic::ranking::generate(&base, &extra))
        .chain([synthetic::ranking::generate_ages(&age_rows)]);
    for f in files {
        let out = dir.join("synthetic").join(&f.name);
        std::fs::write(&out, serde_json::to_vec(&f.dataset)?)?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

/// The last year of SSB's single-year-age exports in `ssb_raw/`.
const LAST_REAL_AGES: i32 = 2023;

/// The years of the REAL 03321 and 11618 files in `real/` (written by
/// `real/derive_pendling.py`), read from their time dimension.
fn real_years(dir: &std::path::Path) -> Result<synthetic::RealYears, Box<dyn std::error::Error>> {
    let mut out = synthetic::RealYears::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let ds = stats::jsonstat::parse(&std::fs::read(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let set = match ds.table_id.as_deref() {
            Some("03321") => &mut out.commuting_03321,
            Some("11618") => &mut out.employment_11618,
            _ => continue,
        };
        let time = ds.roles.time.first().ok_or("no time dimension")?;
        let dim = ds.dimension(time).ok_or("no time dimension")?;
        for c in &dim.categories {
            set.insert(c.code.parse()?);
        }
    }
    Ok(out)
}
