//! The Rust side of `bench/rank` (see `bench/README.md`).
//!
//! ```text
//! rank_bench generate OUT.csv
//!     writes the benchmark data set: the 357 municipalities of 2024 (KLASS codes), every series
//!     of the bundled Kommune-NM definition for 2008–2025 (the 15 ranked data years 2010–2024
//!     plus the years their formulas read), made-up values (deterministic), with missing cells,
//!     whole groups missing for some municipalities and years, outliers and exact duplicates
//!     (ties). One row per (year, municipality): `year,code,county,<series...>`, empty = missing.
//!
//! rank_bench run DATA.csv --years 2010-2024 --out RANKS.csv [--reps N]
//!     loads the data into a SeriesTable, ranks every year (total, five groups, county) N times,
//!     prints `ours_load_s: …`, `ours_rank_s: …` (best of the N runs) and
//!     `ours_rank_median_s: …`, and writes the ranks of the last run:
//!     `year,code,total,county,<group ids...>`, empty = not ranked.
//! ```

use std::collections::HashMap;
use std::error::Error;
use std::sync::Arc;
use std::time::Instant;

use naeringsplan_engine::ranking::{Municipality, Ranker, SeriesTable, YearRanking, kommune_nm};
use stats::geography::Geography;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const FIRST_YEAR: i32 = 2008;
const LAST_YEAR: i32 = 2025;

/// SSB's 17 industry groups (SN2007), the members of the `jobs_by_industry` family.
const INDUSTRIES: [&str; 17] = [
    "01-03", "05-09", "10-33", "35-39", "41-43", "45-47", "49-53", "55-56", "58-63", "64-66",
    "68-75", "77-82", "84", "85", "86-88", "90-99", "00",
];

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// The county of a 2024 code in a year: 2020–2023 had Viken (30), Vestfold og Telemark (38) and
/// Troms og Finnmark (54) where 2024 has 31/32/33, 39/40 and 55/56. (Before 2020 the bench keeps
/// the 2024 counties: the codes are 2024 codes throughout.)
fn county(code: &str, year: i32) -> String {
    let c = &code[..2];
    if (2020..=2023).contains(&year) {
        match c {
            "31" | "32" | "33" => return "30".into(),
            "39" | "40" => return "38".into(),
            "55" | "56" => return "54".into(),
            _ => {}
        }
    }
    c.to_string()
}

/// How each series is made: base (population, jobs or none) and the range of its per-municipality
/// ratio to the base; each municipality also draws a size, a growth rate and a jobs ratio, and
/// every value gets ±3 % noise per year.
fn spec(series: &str) -> (&'static str, f64, f64) {
    match series {
        "population_16_66" => ("pop", 0.60, 0.68),
        "population_18_66" => ("pop", 0.57, 0.66),
        "population_20_39" => ("pop", 0.18, 0.30),
        "population_40_66" => ("pop", 0.28, 0.38),
        "jobs" => ("jobs", 1.0, 1.0), // the municipality's own jobs ratio
        "jobs_private" => ("jobs", 0.45, 0.85),
        "median_household_income" => ("none", 450_000.0, 750_000.0),
        "municipal_purchases_private" => ("pop", 4_000.0, 25_000.0),
        "municipal_operating_expenditure" => ("pop", 80_000.0, 140_000.0),
        "registered_unemployed" => ("pop", 0.003, 0.025),
        "labour_force" => ("pop", 0.48, 0.56),
        "disability_recipients" => ("pop", 0.03, 0.10),
        "sick_leave_days" => ("pop", 4.0, 11.0),
        "contracted_days" => ("pop", 105.0, 125.0),
        "net_migration" => ("pop", -0.015, 0.025),
        "employed_higher_ed_long" => ("jobs", 0.04, 0.30),
        "employed_stem" => ("jobs", 0.10, 0.30),
        "employed_trade_certificate" => ("jobs", 0.12, 0.35),
        "municipal_operating_revenue" => ("pop", 85_000.0, 150_000.0),
        "working_capital" => ("pop", -5_000.0, 45_000.0),
        "net_operating_result" => ("pop", -4_000.0, 9_000.0),
        "admin_expenditure" => ("pop", 3_000.0, 12_000.0),
        "property_tax_commercial" => ("pop", -100.0, 3_000.0),
        "net_debt" => ("pop", 0.0, 120_000.0),
        _ => ("jobs", 0.0, 0.2), // industry groups
    }
}

fn generate(out: &str) -> Result<()> {
    let def = kommune_nm();
    let geo = Geography::bundled();
    let d2024 = time::Date::from_calendar_date(2024, time::Month::January, 1)?;
    let codes: Vec<String> = geo
        .municipalities_at(d2024)?
        .iter()
        .map(|m| m.code.clone())
        .collect();
    let mut series: Vec<String> = Vec::new();
    for s in &def.series {
        if s.family {
            series.extend(INDUSTRIES.iter().map(|i| format!("{}:{i}", s.name)));
        } else {
            series.push(s.name.clone());
        }
    }
    let years: Vec<i32> = (FIRST_YEAR..=LAST_YEAR).collect();
    let mut rng = Rng(0x6e61_6572_696e_6773); // "naerings"
    // values[code][series][year]
    let mut values: Vec<Vec<Vec<Option<f64>>>> = Vec::with_capacity(codes.len());
    for _ in &codes {
        let size = rng.range(200f64.ln(), 700_000f64.ln()).exp();
        let growth = rng.range(-0.015, 0.025);
        let pop: Vec<f64> = years
            .iter()
            .map(|y| size * (1.0 + growth).powi(y - FIRST_YEAR) * rng.range(0.995, 1.005))
            .collect();
        let jobs_ratio = rng.range(0.30, 0.75);
        let mut per_series = Vec::with_capacity(series.len());
        for s in &series {
            let (base, lo, hi) = spec(s);
            let ratio = rng.range(lo, hi);
            let col: Vec<Option<f64>> = (0..years.len())
                .map(|t| {
                    let noise = rng.range(0.97, 1.03);
                    let v = match (s.as_str(), base) {
                        ("population", _) => pop[t],
                        (_, "pop") => pop[t] * ratio * noise,
                        (_, "jobs") => pop[t] * jobs_ratio * ratio * noise,
                        _ => ratio * noise,
                    };
                    Some(v.round())
                })
                .collect();
            per_series.push(col);
        }
        values.push(per_series);
    }
    let idx = |name: &str| series.iter().position(|s| s == name).expect("series");
    // Missing cells: 1.5 % at random (never population, so growth is mostly there).
    let pop_idx = idx("population");
    for per_series in values.iter_mut() {
        for (s, col) in per_series.iter_mut().enumerate() {
            if s == pop_idx {
                continue;
            }
            for cell in col.iter_mut() {
                if rng.unit() < 0.015 {
                    *cell = None;
                }
            }
        }
    }
    // Whole groups missing: every competence series for municipalities 10, 20, 30, 40 in
    // 2014–2016 (no group score → not ranked those years).
    for m in [10, 20, 30, 40] {
        for name in [
            "employed_higher_ed_long",
            "employed_stem",
            "employed_trade_certificate",
        ] {
            values[m][idx(name)][6..=8].fill(None);
        }
    }
    // One indicator always missing for two municipalities (imputed from the group).
    for m in [50, 60] {
        values[m][idx("median_household_income")].fill(None);
    }
    // Outliers: property tax ×20 (the z-score clamp bites).
    for m in [70, 80, 90] {
        for v in values[m][idx("property_tax_commercial")]
            .iter_mut()
            .flatten()
        {
            *v *= 20.0;
        }
    }
    // Exact duplicates: municipality 201 is a copy of 200, 301 of 300 (ties).
    values[201] = values[200].clone();
    values[301] = values[300].clone();

    let mut w = csv::Writer::from_path(out)?;
    let mut header = vec!["year".to_string(), "code".into(), "county".into()];
    header.extend(series.iter().cloned());
    w.write_record(&header)?;
    let mut rec: Vec<String> = Vec::with_capacity(header.len());
    for (t, y) in years.iter().enumerate() {
        for (m, code) in codes.iter().enumerate() {
            rec.clear();
            rec.push(y.to_string());
            rec.push(code.clone());
            rec.push(county(code, *y));
            for col in &values[m] {
                rec.push(col[t].map_or(String::new(), |v| format!("{v}")));
            }
            w.write_record(&rec)?;
        }
    }
    w.flush()?;
    eprintln!(
        "wrote {out}: {} municipalities × {} series × {} years",
        codes.len(),
        series.len(),
        years.len()
    );
    Ok(())
}

/// The data set loaded: the table and, per year, the municipalities with their counties.
/// Per data year, the municipalities to rank with their county that year.
type ByYear = HashMap<i32, Arc<[Municipality]>>;

fn load(path: &str) -> Result<(SeriesTable, ByYear)> {
    let mut r = csv::Reader::from_path(path)?;
    let header = r.headers()?.clone();
    let series: Vec<String> = header.iter().skip(3).map(str::to_string).collect();
    let mut rows: Vec<csv::ByteRecord> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    let mut seen: HashMap<Vec<u8>, ()> = HashMap::new();
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    let mut rec = csv::ByteRecord::new();
    while r.read_byte_record(&mut rec)? {
        let y: i32 = std::str::from_utf8(&rec[0])?.parse()?;
        first = first.min(y);
        last = last.max(y);
        if seen.insert(rec[1].to_vec(), ()).is_none() {
            codes.push(String::from_utf8(rec[1].to_vec())?);
        }
        rows.push(rec.clone());
    }
    let mut table = SeriesTable::new(&codes, &series, first..=last)?;
    let mut by_year: HashMap<i32, Vec<Municipality>> = HashMap::new();
    for rec in &rows {
        let y: i32 = std::str::from_utf8(&rec[0])?.parse()?;
        let code = std::str::from_utf8(&rec[1])?;
        let row = table.code_index(code).ok_or("code")?;
        for (s, field) in rec.iter().skip(3).enumerate() {
            if !field.is_empty() {
                let v: f64 = std::str::from_utf8(field)?.parse()?;
                table.set_at(s, row, y, v, true)?;
            }
        }
        by_year
            .entry(y)
            .or_default()
            .push(Municipality::new(code, std::str::from_utf8(&rec[2])?));
    }
    let by_year = by_year
        .into_iter()
        .map(|(y, ms)| (y, Arc::from(ms)))
        .collect();
    Ok((table, by_year))
}

fn rank_all(table: &SeriesTable, by_year: &ByYear, years: &[i32]) -> Result<Vec<YearRanking>> {
    let ranker = Ranker::new(kommune_nm(), table);
    let mut out = Vec::with_capacity(years.len());
    for y in years {
        let ms = by_year.get(y).ok_or_else(|| format!("no rows for {y}"))?;
        out.push(ranker.rank_year_shared(*y, ms.clone())?);
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<()> {
    let data = args
        .first()
        .ok_or("run DATA.csv --years A-B --out RANKS.csv")?;
    let mut years = (2010, 2024);
    let mut out = None;
    let mut reps = 20usize;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--years" => {
                let v = it.next().ok_or("--years A-B")?;
                let (a, b) = v.split_once('-').ok_or("--years A-B")?;
                years = (a.parse()?, b.parse()?);
            }
            "--out" => out = Some(it.next().ok_or("--out FILE")?.clone()),
            "--reps" => reps = it.next().ok_or("--reps N")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let years: Vec<i32> = (years.0..=years.1).collect();

    let t0 = Instant::now();
    let (table, by_year) = load(data)?;
    let load_s = t0.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(reps);
    let mut result = Vec::new();
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        result = rank_all(&table, &by_year, &years)?;
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];

    if let Some(out) = out {
        let def = kommune_nm();
        let mut w = csv::Writer::from_path(out)?;
        let mut header = vec![
            "year".to_string(),
            "code".into(),
            "total".into(),
            "county".into(),
        ];
        header.extend(def.groups.iter().map(|g| g.id.clone()));
        w.write_record(&header)?;
        let s = |r: Option<u32>| r.map_or(String::new(), |r| r.to_string());
        for yr in &result {
            for (i, m) in yr.municipalities.iter().enumerate() {
                let mut rec = vec![
                    yr.year.to_string(),
                    m.code.clone(),
                    s(yr.total.ranks[i]),
                    s(yr.total.county_ranks[i]),
                ];
                rec.extend(yr.groups.iter().map(|g| s(g.ranks[i])));
                w.write_record(&rec)?;
            }
        }
        w.flush()?;
    }
    let ranked: u32 = result.iter().map(|r| r.total.ranked).sum();
    let municipalities: usize = result.iter().map(|r| r.municipalities.len()).sum();
    println!(
        "ours: {} years, {municipalities} municipality-years ({ranked} ranked), {} indicators, {} runs",
        years.len(),
        kommune_nm().indicator_count(),
        times.len()
    );
    println!("ours_load_s: {load_s:.6}");
    println!("ours_rank_s: {:.6}", times[0]);
    println!("ours_rank_median_s: {median:.6}");
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(args.get(1).ok_or("generate OUT.csv")?),
        Some("run") => run(&args[1..]),
        _ => Err("usage: rank_bench generate OUT.csv | rank_bench run DATA.csv --years A-B --out RANKS.csv [--reps N]".into()),
    }
}
