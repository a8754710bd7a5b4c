//! Acceptance: gzip round trip, the synthetic generator's format and determinism.

mod common;

use std::io::Write;

use common::{naive_rows, read_fixture, rows_by_name};
use demo::units::{
    ENHETER_2025_COLUMNS, SYNTHETIC_PREFIX, UNDERENHETER_2025_COLUMNS, generate_enheter_csv,
    generate_enheter_csv_gz, generate_enheter_json, generate_underenheter_csv,
};
use flate2::Compression;
use flate2::write::GzEncoder;
use naeringsplan_brreg::bulk::{self, ErrorPolicy, Input};
use naeringsplan_brreg::sn2007::Sn2007;
use naeringsplan_brreg::{Employees, RowErrorKind, Unit, UnitKind};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn units_of(bytes: &[u8], kind: UnitKind) -> Vec<Unit> {
    bulk::open_csv(bytes, kind, "t")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn gzip_round_trip_of_real_sample() {
    let plain = read_fixture("brreg_enheter_bulk_csv_sample.csv");
    let gz = gzip(&plain);
    assert_eq!(&gz[..2], &[0x1f, 0x8b]);
    assert!(Input::new(&gz[..]).unwrap().is_gzip());
    assert!(!Input::new(&plain[..]).unwrap().is_gzip());
    assert_eq!(
        units_of(&gz, UnitKind::Enhet),
        units_of(&plain, UnitKind::Enhet)
    );

    // Decompressing through Input gives back the same bytes.
    let mut back = Vec::new();
    std::io::copy(&mut Input::new(&gz[..]).unwrap(), &mut back).unwrap();
    assert_eq!(back, plain);

    // JSON gzipped too.
    let json = br#"[{"organisasjonsnummer":"923609016","navn":"X","organisasjonsform":{"kode":"ASA"},"forretningsadresse":{"kommunenummer":"5001"},"registreringsdatoEnhetsregisteret":"1995-03-12"}]"#;
    let units: Vec<Unit> = bulk::open_json(&gzip(json)[..], UnitKind::Enhet, "j.json.gz")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units[0].org_form.as_str(), "ASA");
}

#[test]
fn truncated_gzip_is_a_fatal_error() {
    let gz = gzip(&read_fixture("brreg_enheter_bulk_csv_sample.csv"));
    let cut = &gz[..gz.len() / 2];
    let reader = bulk::open_csv(cut, UnitKind::Enhet, "cut.csv.gz").unwrap();
    let err = bulk::read_units(reader, ErrorPolicy::SkipAndReport, |_| {}).unwrap_err();
    assert!(err.is_fatal());
    assert!(matches!(err.kind, RowErrorKind::Io(_)), "{err}");
    assert!(err.to_string().starts_with("cut.csv.gz:"), "{err}");
}

#[test]
fn synthetic_enheter_have_the_real_format() {
    let mut out = Vec::new();
    let summary = generate_enheter_csv(&mut out, 3000, 42).unwrap();
    assert_eq!(summary.units, 3000);
    // Header: the real 2025 column list, unquoted; rows: every field quoted.
    let (header, rows) = naive_rows(&out);
    assert_eq!(header, ENHETER_2025_COLUMNS);
    assert_eq!(header.len(), 68);
    assert_eq!(rows.len(), 3000);
    assert!(rows.iter().all(|r| r.len() == 68));
    // Same quoting as the real file: compare the shape of a line (every field in quotes).
    let real = String::from_utf8(read_fixture("brreg_enheter_bulk_csv_sample.csv")).unwrap();
    let generated = String::from_utf8(out.clone()).unwrap();
    let shape = |l: &str| l.starts_with('"') && l.ends_with('"') && !l.contains('\r');
    assert!(real.lines().skip(1).all(shape));
    assert!(generated.lines().skip(1).all(shape));

    let units = units_of(&out, UnitKind::Enhet);
    assert_eq!(units.len(), 3000);
    let sn = Sn2007::embedded();
    let kommuner: std::collections::HashSet<String> =
        rows_by_name(include_bytes!("../../../data/brreg/kommuner_2024.csv"))
            .into_iter()
            .map(|r| r["kommunenummer"].clone())
            .collect();
    let mut seen = std::collections::HashSet::new();
    for u in &units {
        assert!(u.name.starts_with(SYNTHETIC_PREFIX), "{}", u.name);
        assert!(seen.insert(u.orgnr), "unique orgnr");
        if let Some(n) = u.nace {
            assert!(sn.contains(&n.to_string()), "{n} in SN2007");
        }
        assert!(kommuner.contains(&u.municipality.unwrap().to_string()));
        if let Employees::Known(n) = u.employees {
            assert!(n >= 5);
        }
    }
    let withheld = units
        .iter()
        .filter(|u| u.employees == Employees::Withheld)
        .count() as u64;
    assert_eq!(withheld, summary.withheld);
    let share = |code: &str| {
        units.iter().filter(|u| u.org_form.as_str() == code).count() as f64 / units.len() as f64
    };
    assert!((0.30..0.42).contains(&share("AS")), "{}", share("AS"));
    assert!((0.30..0.42).contains(&share("ENK")), "{}", share("ENK"));
    // Oslo (largest population) gets the most units.
    let oslo = units
        .iter()
        .filter(|u| u.municipality.unwrap().to_string() == "0301")
        .count();
    assert!(oslo > 300, "{oslo}");
}

#[test]
fn synthetic_is_deterministic_and_gz_matches() {
    let run = |seed| {
        let mut v = Vec::new();
        generate_enheter_csv(&mut v, 500, seed).unwrap();
        v
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
    let mut gz = Vec::new();
    generate_enheter_csv_gz(&mut gz, 500, 7).unwrap();
    assert_eq!(&gz[..2], &[0x1f, 0x8b]);
    assert_eq!(
        units_of(&gz, UnitKind::Enhet),
        units_of(&run(7), UnitKind::Enhet)
    );
}

#[test]
fn synthetic_underenheter_and_json_match_enheter() {
    let mut csv = Vec::new();
    generate_enheter_csv(&mut csv, 2000, 3).unwrap();
    let enheter = units_of(&csv, UnitKind::Enhet);

    let mut json = Vec::new();
    generate_enheter_json(&mut json, 2000, 3).unwrap();
    let from_json: Vec<Unit> = bulk::open_json(&json[..], UnitKind::Enhet, "s.json")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(from_json, enheter, "CSV and JSON describe the same units");

    let mut sub = Vec::new();
    let s = generate_underenheter_csv(&mut sub, 2000, 3).unwrap();
    let (header, _) = naive_rows(&sub);
    assert_eq!(header, UNDERENHETER_2025_COLUMNS);
    let subs = units_of(&sub, UnitKind::Underenhet);
    assert_eq!(subs.len() as u64, s.units);
    assert!(subs.len() > 1000);
    let by_orgnr: std::collections::HashMap<_, _> = enheter.iter().map(|u| (u.orgnr, u)).collect();
    for u in &subs {
        assert!(u.name.starts_with(SYNTHETIC_PREFIX));
        let parent = by_orgnr[&u.parent.unwrap()];
        assert_eq!(u.municipality, parent.municipality);
        assert_eq!(u.employees, parent.employees);
        assert!(
            !by_orgnr.contains_key(&u.orgnr),
            "no clash with enheter numbers"
        );
    }
}
