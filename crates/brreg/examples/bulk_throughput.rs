//! Throughput check for the bulk readers on a generated (synthetic) national-size file.
//!
//! ```text
//! cargo run --release -p naeringsplan-brreg --example bulk_throughput -- generate /tmp/enheter.csv.gz 1000000 1
//! cargo run --release -p naeringsplan-brreg --example bulk_throughput -- parse /tmp/enheter.csv.gz
//! ```
//!
//! `generate` writes a synthetic enheter CSV (gzipped when the path ends in `.gz`, JSON when it
//! ends in `.json` or `.json.gz`); `parse` reads any bulk file (format and gzip detected), feeds
//! every unit to the facts accumulator and prints rows per second.

use std::fs::File;
use std::io::BufWriter;
use std::time::Instant;

use demo::units as synthetic;
use naeringsplan_brreg::UnitKind;
use naeringsplan_brreg::bulk::{self, ErrorPolicy, Format};
use naeringsplan_brreg::facts::FactsBuilder;
use naeringsplan_brreg::sectors::SectorGroups;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let path = &args[1];
            let n: u64 = args
                .get(2)
                .map(|s| s.parse())
                .transpose()?
                .unwrap_or(1_000_000);
            let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(1);
            let t = Instant::now();
            let w = BufWriter::new(File::create(path)?);
            let json = path.ends_with(".json") || path.ends_with(".json.gz");
            let s = match (json, path.ends_with(".gz")) {
                (false, true) => synthetic::generate_enheter_csv_gz(w, n, seed)?,
                (false, false) => synthetic::generate_enheter_csv(w, n, seed)?,
                (true, false) => synthetic::generate_enheter_json(w, n, seed)?,
                (true, true) => synthetic::generate_enheter_json(
                    flate2::write::GzEncoder::new(w, flate2::Compression::fast()),
                    n,
                    seed,
                )?,
            };
            eprintln!(
                "wrote {} synthetic units to {path} in {:.2} s",
                s.units,
                t.elapsed().as_secs_f64()
            );
        }
        Some("parse") => {
            let path = &args[1];
            let kind = match args.get(2).map(String::as_str) {
                Some("underenhet") => UnitKind::Underenhet,
                _ => UnitKind::Enhet,
            };
            let t = Instant::now();
            let reader = bulk::open(File::open(path)?, kind, Format::Auto, path)?;
            let groups = SectorGroups::embedded();
            let mut facts = FactsBuilder::new(groups, 10);
            let report = bulk::read_units(reader, ErrorPolicy::SkipAndReport, |u| facts.add(&u))?;
            let facts = facts.finish();
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "{path}: {} units, {} skipped, {} municipalities in {secs:.2} s = {:.0} rows/s",
                report.units,
                report.skipped,
                facts.municipalities.len(),
                report.units as f64 / secs
            );
        }
        Some("inflate") => {
            // The decompression alone (flate2 with the workspace's zlib-rs backend), for
            // comparing with `gzip -dc` and with a whole read.
            let path = &args[1];
            let t = Instant::now();
            let mut d = flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(
                1 << 20,
                File::open(path)?,
            ));
            let mut buf = vec![0u8; 4 << 20];
            let mut total = 0u64;
            loop {
                let n = std::io::Read::read(&mut d, &mut buf)?;
                if n == 0 {
                    break;
                }
                total += n as u64;
            }
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "{path}: inflated {:.0} MB in {secs:.2} s = {:.0} MB/s",
                total as f64 / 1e6,
                total as f64 / 1e6 / secs
            );
        }
        _ => eprintln!(
            "usage: bulk_throughput generate PATH [N] [SEED] | parse PATH [enhet|underenhet] | inflate PATH"
        ),
    }
    Ok(())
}
