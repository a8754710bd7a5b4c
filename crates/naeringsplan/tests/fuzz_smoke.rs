//! The stable fallback of the cargo-fuzz targets in `fuzz/`: the same four readers (SSB
//! JSON-stat, the plan parser, KLASS CSV, Brreg bulk CSV), and the action-plan sheet reader
//! (CSV/XLSX; no cargo-fuzz target yet), get mutations of the project's own
//! inputs (the bad-input corpus, the broken plans, the test fixtures): bit flips, byte
//! overwrites with interesting values, truncations, duplicated and deleted ranges, splices of two
//! files. Any result is fine except a panic. Deterministic (fixed seed); the number of inputs per
//! target is `NAERINGSPLAN_FUZZ_ITERS` (default 1500, what CI runs; `bench/fuzz/run.sh` runs more
//! when cargo-fuzz cannot). Inputs that once crashed a reader are kept in `fuzz/regressions/`
//! and replayed first.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// splitmix64: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn files_under(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else if std::fs::metadata(&p).unwrap().len() <= 128 * 1024 {
            out.push(std::fs::read(&p).unwrap());
        }
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let w = workspace();
    let mut out = Vec::new();
    for d in [
        "tests/bad-input",
        "tests/plans",
        "crates/stats/tests/fixtures",
        "crates/store/tests/fixtures",
        "crates/brreg/tests/fixtures",
    ] {
        files_under(&w.join(d), &mut out);
    }
    out.push(plan::EMBEDDED_DEFAULT_SOURCE.as_bytes().to_vec());
    out.push(Vec::new());
    out
}

const INTERESTING: [&[u8]; 14] = [
    b"\0",
    b"\xff",
    b"\"",
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"[",
    b"{",
    b"-1",
    b"99999999999999999999",
    b"1e308",
    b"\xc3",
    b"\xef\xbb\xbf",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let len = v.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 => v.truncate(rng.below(len + 1)),
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, chunk);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                v.drain(a..b);
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                let at = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                v.truncate(at);
                v.extend_from_slice(&other[from..]);
            }
            _ => {
                let at = rng.below(len + 1);
                let x = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(at..at, x.iter().copied());
            }
        }
    }
    v
}

fn jsonstat(data: &[u8]) {
    if let Ok(ds) = stats::jsonstat::parse(data) {
        for o in ds.observations() {
            let _ = o;
        }
    }
    let _ = stats::jsonstat::parse_metadata(data);
}

fn plan_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(d) = plan::parse("fuzz.toml", &text) {
        let _ = d.to_string();
    }
}

fn klass_csv(data: &[u8]) {
    let _ = stats::klass::parse_codes_csv(data);
    let _ = stats::klass::parse_changes_csv(data);
}

fn brreg_csv(data: &[u8]) {
    for kind in [brreg::UnitKind::Enhet, brreg::UnitKind::Underenhet] {
        if let Ok(reader) = brreg::bulk::open_csv(std::io::Cursor::new(data), kind, "fuzz.csv") {
            for row in reader.take(100_000) {
                let _ = row;
            }
        }
    }
}

/// The action-plan reader (CSV and XLSX; issue 21: a sparse sheet aborted the process) on
/// arbitrary bytes, under both file names (a `PK` start is read as XLSX either way).
fn actions_sheet(data: &[u8]) {
    let _ = sheet::read("fuzz.xlsx", data);
    let _ = sheet::read("fuzz.csv", data);
}

fn iterations() -> usize {
    std::env::var("NAERINGSPLAN_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

/// Replays the kept regressions, then `iterations()` mutated inputs; panics name the input.
fn run(name: &str, seed: u64, target: fn(&[u8])) {
    let dir = workspace().join("fuzz/regressions").join(name);
    let mut kept = Vec::new();
    files_under(&dir, &mut kept);
    for (i, input) in kept.iter().enumerate() {
        if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
            panic!(
                "{name}: kept regression #{i} in {} panics again",
                dir.display()
            );
        }
    }
    let seeds = seeds();
    let mut rng = Rng(seed);
    let n = iterations();
    for i in 0..n {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, &seeds, base);
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            let out = std::env::temp_dir().join(format!("naeringsplan-fuzz-{name}-{i}.bin"));
            std::fs::write(&out, &input).unwrap();
            panic!(
                "{name}: input #{i} panics; saved to {} (keep it in fuzz/regressions/{name}/ once fixed)",
                out.display()
            );
        }
    }
    eprintln!(
        "fuzz_smoke {name}: {} kept + {n} mutated inputs, no panic",
        kept.len()
    );
}

#[test]
fn jsonstat_reader_never_panics() {
    run("jsonstat", 1, jsonstat);
}

#[test]
fn plan_parser_never_panics() {
    run("plan", 2, plan_parser);
}

#[test]
fn klass_csv_reader_never_panics() {
    run("klass_csv", 3, klass_csv);
}

#[test]
fn brreg_csv_reader_never_panics() {
    run("brreg_csv", 4, brreg_csv);
}

#[test]
fn action_sheet_reader_never_panics() {
    run("actions_sheet", 5, actions_sheet);
}
