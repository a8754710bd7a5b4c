//! The parallel reader (`bulk::read_units_parallel`) gives the same units, facts and errors (file,
//! line, reason) as the sequential reader, whatever the chunking: small blocks force records and
//! quoted newlines across block boundaries.

mod common;

use std::io::Write;

use common::read_fixture;
use demo::units as synthetic;
use naeringsplan_brreg::bulk::{
    self, ErrorPolicy, Format, ParallelOptions, ReadError, read_units_parallel,
};
use naeringsplan_brreg::facts::{Facts, FactsBuilder};
use naeringsplan_brreg::sectors::SectorGroups;
use naeringsplan_brreg::{Location, RowError, RowErrorKind, Unit, UnitKind};

const N: u64 = 6_000;

fn sequential_facts(bytes: &[u8], kind: UnitKind) -> (Facts, bulk::ReadReport) {
    let reader = bulk::open(bytes, kind, Format::Auto, "f.csv").unwrap();
    let mut b = FactsBuilder::new(SectorGroups::embedded(), 10);
    let report = bulk::read_units(reader, ErrorPolicy::SkipAndReport, |u| b.add(&u)).unwrap();
    (b.finish(), report)
}

fn parallel(
    bytes: &[u8],
    kind: UnitKind,
    policy: ErrorPolicy,
    workers: usize,
    block: usize,
) -> Result<(Facts, bulk::ReadReport, bool), ReadError> {
    let read = read_units_parallel(
        bytes,
        kind,
        Format::Auto,
        "f.csv",
        &ParallelOptions {
            workers,
            block_size: block,
            progress: None,
            policy,
        },
        || FactsBuilder::new(SectorGroups::embedded(), 10),
        |b: &mut FactsBuilder<'static>, u: Unit| b.add(&u),
    )?;
    let mut states = read.states.into_iter();
    let mut first = states.next().unwrap();
    for s in states {
        first.merge(s);
    }
    Ok((first.finish(), read.report, read.parallel))
}

fn synthetic_csv() -> Vec<u8> {
    let mut v = Vec::new();
    synthetic::generate_enheter_csv(&mut v, N, 7).unwrap();
    v
}

#[test]
fn same_facts_as_sequential_for_any_chunking() {
    let csv = synthetic_csv();
    let (expect, report) = sequential_facts(&csv, UnitKind::Enhet);
    assert_eq!(report.units, N);
    for (workers, block) in [(1, 0), (2, 1024), (3, 4096), (2, 64 * 1024), (4, 0)] {
        let (got, r, par) = parallel(&csv, UnitKind::Enhet, ErrorPolicy::Abort, workers, block)
            .unwrap_or_else(|e| panic!("workers {workers} block {block}: {e}"));
        assert_eq!(r.units, N, "workers {workers} block {block}");
        assert!(par, "chunked path used for a fully quoted file");
        assert_eq!(got, expect, "workers {workers} block {block}");
    }
}

#[test]
fn gzip_and_json_and_underenheter_too() {
    let mut gz = Vec::new();
    synthetic::generate_enheter_csv_gz(&mut gz, N, 7).unwrap();
    let (expect, _) = sequential_facts(&synthetic_csv(), UnitKind::Enhet);
    let (got, _, _) = parallel(&gz, UnitKind::Enhet, ErrorPolicy::Abort, 2, 8192).unwrap();
    assert_eq!(got, expect);

    let mut json = Vec::new();
    synthetic::generate_enheter_json(&mut json, N, 7).unwrap();
    let (got, r, par) = parallel(&json, UnitKind::Enhet, ErrorPolicy::Abort, 2, 8192).unwrap();
    assert!(!par, "JSON is parsed by one worker");
    assert_eq!(r.units, N);
    // JSON lacks no field the facts use, so the facts are the CSV's.
    assert_eq!(got, expect);

    let mut under = Vec::new();
    synthetic::generate_underenheter_csv(&mut under, N, 7).unwrap();
    let (expect, _) = sequential_facts(&under, UnitKind::Underenhet);
    let (got, _, _) = parallel(&under, UnitKind::Underenhet, ErrorPolicy::Abort, 3, 2048).unwrap();
    assert_eq!(got, expect);
}

#[test]
fn quoted_newlines_and_unquoted_files() {
    // The real sample, with a newline inside a quoted name in a few rows: the parallel path must
    // not cut there.
    let sample = String::from_utf8(read_fixture("brreg_enheter_bulk_csv_sample.csv")).unwrap();
    let mut text = String::new();
    for (i, line) in sample.lines().enumerate() {
        if i > 0 && i % 7 == 0 {
            // Second field is the name: "NAME" → "NA\nME"
            let (a, b) = line.split_at(line.find("\",\"").unwrap() + 6);
            text.push_str(a);
            text.push('\n');
            text.push_str(b);
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    let bytes = text.into_bytes();
    let (expect, report) = sequential_facts(&bytes, UnitKind::Enhet);
    assert_eq!(report.skipped, 0);
    assert_eq!(report.units, 116);
    for block in [1024, 3000, 7777] {
        let (got, r, _) = parallel(&bytes, UnitKind::Enhet, ErrorPolicy::Abort, 2, block).unwrap();
        assert_eq!(r.units, 116);
        assert_eq!(got, expect, "block {block}");
    }

    // Quoted only where needed (not the register's style): parsed on one worker, same facts.
    let sample = read_fixture("brreg_enheter_bulk_csv_sample.csv");
    let mut rdr = csv::Reader::from_reader(&sample[..]);
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(rdr.headers().unwrap()).unwrap();
    for r in rdr.records() {
        w.write_record(&r.unwrap()).unwrap();
    }
    let unquoted = w.into_inner().unwrap();
    let (expect, _) = sequential_facts(&unquoted, UnitKind::Enhet);
    let (got, _, par) = parallel(&unquoted, UnitKind::Enhet, ErrorPolicy::Abort, 2, 1024).unwrap();
    assert!(!par);
    assert_eq!(got, expect);
}

/// Synthetic CSV with three broken rows at known lines.
fn broken() -> (Vec<u8>, Vec<u64>) {
    let csv = String::from_utf8(synthetic_csv()).unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    // Line numbers are 1-based with the header on line 1: index i is line i + 1.
    // Wrong column count at line 1001.
    lines[1000] = lines[1000].rsplit_once(",\"").unwrap().0.to_string();
    // Bad date at line 3001: the registration date (column 38) made 30 February.
    let mut f: Vec<String> = lines[3000].split("\",\"").map(str::to_string).collect();
    f[37] = "2020-02-30".into();
    lines[3000] = f.join("\",\"");
    // MOD11 failure at line 5001: bump the check digit.
    let orgnr = &lines[5000][1..10];
    let last = orgnr.as_bytes()[8] - b'0';
    let bad = format!("{}{}", &orgnr[..8], (last + 1) % 10);
    lines[5000] = lines[5000].replacen(orgnr, &bad, 1);
    let mut out = Vec::new();
    for l in &lines {
        writeln!(out, "{l}").unwrap();
    }
    (out, vec![1001, 3001, 5001])
}

fn line(e: &RowError) -> u64 {
    match e.location {
        Location::Line(l) => l,
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn errors_are_the_sequential_readers_in_file_order() {
    let (bytes, lines) = broken();
    // Sequential reference.
    let seq: Vec<RowError> = bulk::open(&bytes[..], UnitKind::Enhet, Format::Auto, "f.csv")
        .unwrap()
        .filter_map(Result::err)
        .collect();
    assert_eq!(seq.iter().map(line).collect::<Vec<_>>(), lines);
    assert!(matches!(seq[0].kind, RowErrorKind::ColumnCount { .. }));
    assert!(matches!(seq[1].kind, RowErrorKind::BadDate { .. }));
    assert!(matches!(seq[2].kind, RowErrorKind::BadOrgNr { .. }));

    for (workers, block) in [(2, 2048), (3, 10_000), (2, 0)] {
        // Abort: the first bad row in the file, whichever worker saw it.
        match parallel(&bytes, UnitKind::Enhet, ErrorPolicy::Abort, workers, block) {
            Err(ReadError::Row(e)) => assert_eq!(e, seq[0], "workers {workers} block {block}"),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("a malformed row must abort"),
        }
        // Skip and report: all three, in file order, the rest read.
        let (_, report, _) = parallel(
            &bytes,
            UnitKind::Enhet,
            ErrorPolicy::SkipAndReport,
            workers,
            block,
        )
        .unwrap();
        assert_eq!(report.skipped, 3);
        assert_eq!(report.units, N - 3);
        assert_eq!(report.errors, seq, "workers {workers} block {block}");
    }
}

#[test]
fn truncated_gzip_is_fatal_even_when_skipping() {
    let mut gz = Vec::new();
    synthetic::generate_enheter_csv_gz(&mut gz, N, 7).unwrap();
    gz.truncate(gz.len() / 2);
    match parallel(&gz, UnitKind::Enhet, ErrorPolicy::SkipAndReport, 2, 4096) {
        Err(ReadError::Row(e)) => assert!(e.is_fatal(), "{e}"),
        Err(e) => panic!("{e}"),
        Ok((_, r, _)) => panic!("a truncated file must fail, read {} units", r.units),
    }
}

#[test]
fn an_unclosed_quote_is_fatal_not_silent() {
    let csv = String::from_utf8(synthetic_csv()).unwrap();
    let mut lines: Vec<&str> = csv.lines().collect();
    // Line 4001 loses its closing quote: the rest of the file would become one field.
    let cut = lines[4000].strip_suffix('"').unwrap().to_string();
    lines[4000] = &cut;
    let text = lines.join("\n") + "\n";
    for policy in [ErrorPolicy::Abort, ErrorPolicy::SkipAndReport] {
        match parallel(text.as_bytes(), UnitKind::Enhet, policy, 2, 4096) {
            Err(ReadError::Row(e)) => {
                assert!(e.is_fatal());
                assert_eq!(e.location, Location::Line(4001), "{e}");
            }
            Err(e) => panic!("{e}"),
            Ok((_, r, _)) => panic!("read {} units without an error", r.units),
        }
    }
}

#[test]
fn missing_column_is_an_open_error() {
    let bytes = b"organisasjonsnummer,navn\n\"923609016\",\"X\"\n";
    assert!(matches!(
        parallel(bytes, UnitKind::Enhet, ErrorPolicy::Abort, 2, 0),
        Err(ReadError::Open(_))
    ));
}
