//! Acceptance: malformed rows give errors with file and line (CSV) or element and byte (JSON);
//! abort is the default, skip-and-report goes on.

mod common;

use common::read_fixture;
use naeringsplan_brreg::bulk::{self, ErrorPolicy, JsonUnitReader};
use naeringsplan_brreg::{Location, OrgNrError, RowErrorKind, UnitKind};

const FILE: &str = "enheter_broken.csv";

/// The real header and the first 5 real rows, with three broken rows put in between.
/// Lines: 1 header, 2 good, 3 wrong column count, 4 good, 5 bad date, 6 good, 7 MOD11, 8-9 good.
fn broken_csv() -> Vec<u8> {
    let sample = String::from_utf8(read_fixture("brreg_enheter_bulk_csv_sample.csv")).unwrap();
    let lines: Vec<&str> = sample.lines().collect();
    let header = lines[0];
    let good: Vec<&str> = lines[1..6].to_vec();
    // Wrong column count: drop the last field.
    let short = good[1].rsplit_once(",\"").unwrap().0.to_string();
    // Bad date: 2023-02-30 in registreringsdatoenhetsregisteret.
    let bad_date = good[1].replacen("\"2023-10-03\"", "\"2023-02-30\"", 1);
    assert_ne!(bad_date, good[1]);
    // MOD11 failure: change the check digit of 832175692.
    let bad_orgnr = good[1].replacen("\"832175692\"", "\"832175693\"", 1);
    let text = [
        header, good[0], &short, good[1], &bad_date, good[2], &bad_orgnr, good[3], good[4],
    ]
    .join("\n")
        + "\n";
    text.into_bytes()
}

#[test]
fn csv_errors_carry_file_and_line() {
    let bytes = broken_csv();
    let rows: Vec<_> = bulk::open_csv(&bytes[..], UnitKind::Enhet, FILE)
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 8);
    let errors: Vec<_> = rows.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 3);

    let e = errors[0];
    assert_eq!(&*e.file, FILE);
    assert_eq!(e.location, Location::Line(3));
    assert_eq!(
        e.kind,
        RowErrorKind::ColumnCount {
            expected: 54,
            found: 53
        }
    );
    assert_eq!(e.orgnr.as_deref(), Some("832175692"));
    assert!(!e.is_fatal());
    assert_eq!(
        e.to_string(),
        "enheter_broken.csv:3: [832175692] expected 54 fields (as in the header), found 53"
    );

    let e = errors[1];
    assert_eq!(e.location, Location::Line(5));
    assert!(
        matches!(&e.kind, RowErrorKind::BadDate { field, value }
            if *field == "registreringsdatoEnhetsregisteret" && value == "2023-02-30"),
        "{e}"
    );
    assert!(e.to_string().starts_with("enheter_broken.csv:5: "));

    let e = errors[2];
    assert_eq!(e.location, Location::Line(7));
    assert_eq!(
        e.kind,
        RowErrorKind::BadOrgNr {
            field: "organisasjonsnummer",
            value: "832175693".into(),
            reason: OrgNrError::CheckDigit {
                expected: 2,
                found: 3
            }
        }
    );
}

#[test]
fn abort_is_default_and_skip_reports() {
    let bytes = broken_csv();
    let reader = bulk::open_csv(&bytes[..], UnitKind::Enhet, FILE).unwrap();
    let mut seen = 0;
    let err = bulk::read_units(reader, ErrorPolicy::default(), |_| seen += 1).unwrap_err();
    assert_eq!(err.location, Location::Line(3));
    assert_eq!(seen, 1, "stops at the first bad row");

    let reader = bulk::open_csv(&bytes[..], UnitKind::Enhet, FILE).unwrap();
    let mut names = Vec::new();
    let report =
        bulk::read_units(reader, ErrorPolicy::SkipAndReport, |u| names.push(u.name)).unwrap();
    assert_eq!((report.units, report.skipped), (5, 3));
    assert_eq!(names.len(), 5);
    let lines: Vec<_> = report.errors.iter().map(|e| e.location.clone()).collect();
    assert_eq!(
        lines,
        [Location::Line(3), Location::Line(5), Location::Line(7)]
    );
}

#[test]
fn missing_column_is_an_open_error() {
    let text =
        "organisasjonsnummer,navn,organisasjonsform.kode,registreringsdatoenhetsregisteret\n";
    let e = bulk::open_csv(text.as_bytes(), UnitKind::Enhet, "x.csv")
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "x.csv:1: the header has no column \"forretningsadresse.kommunenummer\" (nor any of its known aliases)"
    );
    // The enheter file is not an underenheter file.
    let sample = read_fixture("brreg_enheter_bulk_csv_sample.csv");
    let e = bulk::open_csv(&sample[..], UnitKind::Underenhet, "enheter.csv")
        .err()
        .unwrap();
    assert!(e.to_string().contains("beliggenhetsadresse.kommunenummer"));
}

#[test]
fn other_field_errors() {
    let header = "organisasjonsnummer,navn,organisasjonsform.kode,forretningsadresse.kommunenummer,registreringsdatoenhetsregisteret,antallAnsatte,konkurs,naeringskode1.kode";
    let rows = [
        r#""923609016","A","AS","3203","2020-01-01","12","false","62.010""#,
        r#""923609016","B","AS","320","2020-01-01","","false","""#,
        r#""923609016","C","AS","3203","2020-01-01","tolv","false","""#,
        r#""923609016","D","AS","3203","2020-01-01","","ja","""#,
        r#""923609016","E","AS","3203","2020-01-01","","false","62010""#,
        r#""","F","AS","3203","2020-01-01","","false","""#,
        r#""92360901","G","AS","3203","2020-01-01","","false","""#,
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let out: Vec<_> = bulk::open_csv(text.as_bytes(), UnitKind::Enhet, "f.csv")
        .unwrap()
        .collect();
    assert!(out[0].is_ok());
    let kinds: Vec<String> = out[1..]
        .iter()
        .map(|r| r.as_ref().unwrap_err().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "f.csv:3: [923609016] forretningsadresse.kommunenummer: \"320\" is not a valid code",
            "f.csv:4: [923609016] antallAnsatte: \"tolv\" is not a whole number",
            "f.csv:5: [923609016] konkurs: \"ja\" is not true/false",
            "f.csv:6: [923609016] naeringskode1.kode: \"62010\" is not a valid code",
            "f.csv:7: organisasjonsnummer is missing",
            "f.csv:8: [92360901] organisasjonsnummer: \"92360901\" is not a valid organisation number: expected 9 digits, got 8 characters",
        ]
    );
}

fn element(orgnr: &str, date: &str) -> String {
    format!(
        r#"{{"organisasjonsnummer":"{orgnr}","navn":"X","organisasjonsform":{{"kode":"AS"}},"forretningsadresse":{{"kommunenummer":"3203"}},"registreringsdatoEnhetsregisteret":"{date}"}}"#
    )
}

#[test]
fn json_errors_carry_element_and_byte_offset() {
    let good = element("923609016", "2020-01-01");
    let bad_orgnr = element("923609017", "2020-01-01");
    let bad_date = element("923609016", "2020-13-01");
    let bad_syntax = r#"{"organisasjonsnummer": }"#.to_string();
    let wrong_type = r#"{"organisasjonsnummer":"923609016","antallAnsatte":"mange"}"#.to_string();
    let parts = [
        &good,
        &bad_orgnr,
        &bad_date,
        &bad_syntax,
        &wrong_type,
        &good,
    ];
    let text = format!("[\n  {}\n]\n", parts.map(|s| s.as_str()).join(",\n  "));
    // Element i sits on line i + 1 after two spaces of indentation.
    let offsets: Vec<u64> = (0..parts.len())
        .map(|i| {
            text.lines()
                .take(i + 1)
                .map(|l| l.len() as u64 + 1)
                .sum::<u64>()
                + 2
        })
        .collect();
    assert_eq!(text.find(&bad_orgnr).unwrap() as u64, offsets[1]);
    let rows: Vec<_> = JsonUnitReader::new(text.as_bytes(), UnitKind::Enhet, "e.json").collect();
    assert_eq!(rows.len(), 6);
    assert!(rows[0].is_ok() && rows[5].is_ok());
    for (i, &byte_offset) in offsets.iter().enumerate().take(5).skip(1) {
        let location = rows[i].as_ref().unwrap_err().location.clone();
        let index = i as u64;
        assert_eq!(location, Location::Element { index, byte_offset });
    }
    assert_eq!(offsets[0], 4);
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "e.json:element 1 (byte {}): [923609017] organisasjonsnummer: \"923609017\" is not a valid organisation number: check digit is 7, MOD11 gives 6",
            offsets[1]
        )
    );
    assert!(matches!(
        rows[2].as_ref().unwrap_err().kind,
        RowErrorKind::BadDate { .. }
    ));
    assert!(matches!(
        rows[3].as_ref().unwrap_err().kind,
        RowErrorKind::Json(_)
    ));
    assert!(matches!(
        rows[4].as_ref().unwrap_err().kind,
        RowErrorKind::Json(_)
    ));
    assert!(
        rows[1..5]
            .iter()
            .all(|r| !r.as_ref().unwrap_err().is_fatal())
    );
}

#[test]
fn json_framing_errors_are_fatal() {
    let g = element("923609016", "2020-01-01");
    let cases = [
        (format!("[{g} {g}]"), "expected ',' or ']'"),
        (format!("[{g},]"), "expected an element after ','"),
        (format!("[{g}"), "input ends inside the array"),
        (format!("[{}", &g[..20]), "input ends inside element 0"),
        (format!("{{\"a\": [{g}]}}"), "expected '['"),
        (String::new(), "empty input"),
        (format!("[{g}] x"), "after the closing ']'"),
    ];
    for (text, want) in cases {
        let rows: Vec<_> =
            JsonUnitReader::new(text.as_bytes(), UnitKind::Enhet, "f.json").collect();
        let last = rows.last().unwrap().as_ref().unwrap_err();
        assert!(last.is_fatal(), "{text}: {last}");
        assert!(last.to_string().contains(want), "{text}: {last}");
        let report = bulk::read_units(
            JsonUnitReader::new(text.as_bytes(), UnitKind::Enhet, "f.json"),
            ErrorPolicy::SkipAndReport,
            |_| {},
        );
        assert!(report.is_err(), "fatal errors stop even skip-and-report");
    }
    // Empty arrays and whitespace are fine.
    for ok in ["[]", " [ ] \n", "\n[\n]"] {
        assert_eq!(
            JsonUnitReader::new(ok.as_bytes(), UnitKind::Enhet, "f").count(),
            0
        );
    }
    // An element over the size limit.
    let text = format!("[{g}]");
    let r: Vec<_> = JsonUnitReader::new(text.as_bytes(), UnitKind::Enhet, "f")
        .with_max_element(50)
        .collect();
    assert!(matches!(
        r[0].as_ref().unwrap_err().kind,
        RowErrorKind::ElementTooLarge { limit: 50 }
    ));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let sample = read_fixture("brreg_enheter_bulk_csv_sample.csv");
    let plain: Vec<_> = bulk::open_csv(&sample[..], UnitKind::Enhet, "a")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut crlf = vec![0xEF, 0xBB, 0xBF];
    crlf.extend(
        String::from_utf8(sample)
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes(),
    );
    let units: Vec<_> = bulk::open(&crlf[..], UnitKind::Enhet, bulk::Format::Auto, "b")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units, plain);
    // The same, gzipped: the BOM is inside the compressed text.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &crlf).unwrap();
    let gz = gz.finish().unwrap();
    let units: Vec<_> = bulk::open(&gz[..], UnitKind::Enhet, bulk::Format::Auto, "b.gz")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units, plain);
    let json = format!("\u{feff}[{}]", element("923609016", "2020-01-01"));
    let units: Vec<_> = bulk::open(json.as_bytes(), UnitKind::Enhet, bulk::Format::Auto, "c")
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(units.len(), 1);
}
