//! KLASS readers against the real exports bundled in data/klass and SSB's JSON shape mocks.

use naeringsplan_stats::klass::{self, KlassError};
use time::macros::date;

fn bundled(name: &str) -> Vec<u8> {
    let path = format!("{}/../../data/klass/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn codes_2019_iso_8859_1() {
    let codes = klass::parse_codes_csv(&bundled("klass131_codes_2019_iso8859-1.csv")).unwrap();
    assert_eq!(codes.len(), 423); // 422 municipalities and 9999 "Uoppgitt"
    let asker = codes.iter().find(|c| c.code == "0220").unwrap();
    assert_eq!(asker.name, "Asker");
    assert_eq!(asker.level.as_deref(), Some("1"));
    assert_eq!(asker.valid_from, None); // the export leaves validFrom/validTo out
    let baerum = codes.iter().find(|c| c.code == "0219").unwrap();
    assert_eq!(baerum.name, "Bærum");
    let royken = codes.iter().find(|c| c.code == "0627").unwrap();
    assert_eq!(royken.name, "Røyken");
}

#[test]
fn codes_2020_iso_8859_1() {
    let codes = klass::parse_codes_csv(&bundled("klass131_codes_2020_iso8859-1.csv")).unwrap();
    assert_eq!(codes.len(), 357); // 356 municipalities and 9999
    assert_eq!(
        codes.iter().find(|c| c.code == "3025").unwrap().name,
        "Asker"
    );
    // Characters outside ISO-8859-1 were lost in SSB's export: "š" and "ŋ" became "?".
    let karasjok = codes.iter().find(|c| c.code == "5437").unwrap();
    assert_eq!(karasjok.name, "Kárá?johka - Karasjok");
}

/// Acceptance: the 2019→2020 change table parses from its Windows-1252 file.
#[test]
fn changes_2019_2020_cp1252() {
    let changes =
        klass::parse_changes_csv(&bundled("klass131_changes_2019_2020_cp1252.csv")).unwrap();
    assert_eq!(changes.len(), 313);
    assert!(
        changes
            .iter()
            .all(|c| c.change_occurred == date!(2020 - 01 - 01))
    );
    let into_asker: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| c.new_code == "3025")
        .map(|c| (c.old_code.as_str(), c.old_name.as_deref().unwrap()))
        .collect();
    assert_eq!(
        into_asker,
        [("0220", "Asker"), ("0627", "Røyken"), ("0628", "Hurum")]
    );
    let asker = changes.iter().find(|c| c.old_code == "0220").unwrap();
    assert_eq!(asker.new_name.as_deref(), Some("Asker"));
    assert_eq!(asker.split, Some(false));
    // Two splits, marked by SSB's "splittes" column: Tysfjord and Snillfjord.
    let mut split: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| c.split == Some(true))
        .map(|c| (c.old_code.as_str(), c.new_code.as_str()))
        .collect();
    split.sort();
    assert_eq!(
        split,
        [
            ("1850", "1806"),
            ("1850", "1875"),
            ("5012", "5055"),
            ("5012", "5056"),
            ("5012", "5059")
        ]
    );
    // A name with its own " - " keeps it; no-break spaces around the separator are gone.
    let tysfjord = changes.iter().find(|c| c.old_code == "1850").unwrap();
    assert_eq!(
        tysfjord.old_name.as_deref(),
        Some("Tysfjord - Divtasvuodna")
    );
}

#[test]
fn derived_files_in_klass_layout() {
    let changes =
        klass::parse_changes_csv(&bundled("klass131_changes_2023_2024_derived.csv")).unwrap();
    let asker = changes.iter().find(|c| c.old_code == "3025").unwrap();
    assert_eq!(asker.new_code, "3203");
    assert_eq!(asker.change_occurred, date!(2024 - 01 - 01));
    let counties = klass::parse_codes_csv(&bundled("klass104_counties_derived.csv")).unwrap();
    let viken = counties.iter().find(|c| c.code == "30").unwrap();
    assert_eq!(viken.name, "Viken");
    assert_eq!(viken.valid_from, Some(date!(2020 - 01 - 01)));
    assert_eq!(viken.valid_to, Some(date!(2024 - 01 - 01)));
}

#[test]
fn json_api_shapes() {
    let codes =
        klass::parse_codes_json(include_bytes!("fixtures/klass_api_codes_mock.json")).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(
        (codes[0].code.as_str(), codes[0].name.as_str()),
        ("1", "Mann")
    );
    assert_eq!(codes[0].parent_code, None);
    assert_eq!(codes[0].short_name, None);

    let changes =
        klass::parse_changes_json(include_bytes!("fixtures/klass_api_changes_mock.json")).unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].old_code, "5025");
    assert_eq!(changes[1].new_name.as_deref(), Some("Røros - Rossen"));
    assert_eq!(changes[1].change_occurred, date!(2023 - 01 - 01));

    let items = klass::parse_correspondence_json(include_bytes!(
        "fixtures/klass_api_corresponds_mock.json"
    ))
    .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].valid_from, Some(date!(2022 - 01 - 01)));
    assert_eq!(items[1].valid_to, None);
    assert_eq!(items[2].target_code, "1101");
}

#[test]
fn codes_in_requested_range_fill_validity() {
    let json = br#"{"codes":[{"code":"3025","parentCode":null,"level":"1","name":"Asker","shortName":"",
      "presentationName":"","validFromInRequestedRange":"2020-01-01","validToInRequestedRange":"2024-01-01","notes":""}]}"#;
    let codes = klass::parse_codes_json(json).unwrap();
    assert_eq!(codes[0].valid_from, Some(date!(2020 - 01 - 01)));
    assert_eq!(codes[0].valid_to, Some(date!(2024 - 01 - 01)));
}

#[test]
fn utf8_bom_and_cp1252_read_alike() {
    let utf8 = "\u{feff}\"code\";\"name\"\n\"0627\";\"Røyken\"\n";
    let cp1252 = b"\"code\";\"name\"\r\n\"0627\";\"R\xF8yken\"\r\n";
    let a = klass::parse_codes_csv(utf8.as_bytes()).unwrap();
    let b = klass::parse_codes_csv(cp1252).unwrap();
    assert_eq!(a, b);
    assert_eq!(a[0].name, "Røyken");
}

mod malformed {
    use super::*;

    fn codes_err(csv: &str) -> String {
        klass::parse_codes_csv(csv.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn empty() {
        assert_eq!(
            codes_err(""),
            "empty input: expected a KLASS code list with a header line"
        );
        assert_eq!(
            klass::parse_codes_json(b"  ").unwrap_err().to_string(),
            "empty input: expected a KLASS codes response {\"codes\": [...]}"
        );
    }

    #[test]
    fn missing_column() {
        assert_eq!(
            codes_err("\"kode\";\"navn\"\n\"0220\";\"Asker\"\n"),
            "line 1: missing column \"code\" (the header has kode;navn)"
        );
    }

    #[test]
    fn empty_required_field() {
        assert_eq!(
            codes_err("\"code\";\"name\"\n\"0220\";\"Asker\"\n\"0627\";\"\"\n"),
            "line 3, field \"name\": expected a name, found \"\""
        );
    }

    #[test]
    fn bad_date() {
        assert_eq!(
            codes_err("code;name;validFrom\n3025;Asker;2020-13-01\n"),
            "line 2, field \"validFrom\": expected a date (YYYY-MM-DD), found \"2020-13-01\""
        );
    }

    #[test]
    fn change_cell_without_code() {
        let csv = "kommuner_2019;kommuner_2020;splittes\r\n0220 - Asker;3025 - Asker;0\r\nRøyken;3025 - Asker;0\r\n";
        assert_eq!(
            klass::parse_changes_csv(csv.as_bytes())
                .unwrap_err()
                .to_string(),
            "line 3, field \"kommuner_2019\": expected \"code - name\", found \"Røyken\""
        );
    }

    #[test]
    fn change_table_without_known_columns() {
        assert_eq!(
            klass::parse_changes_csv(b"fra;til\n0220;3025\n")
                .unwrap_err()
                .to_string(),
            "line 1: missing column \"oldCode (or two columns named like kommuner_2019;kommuner_2020)\" \
             (the header has fra;til)"
        );
    }

    #[test]
    fn bad_split_mark() {
        let csv = "kommuner_2019;kommuner_2020;splittes\n0220 - Asker;3025 - Asker;ja\n";
        assert_eq!(
            klass::parse_changes_csv(csv.as_bytes())
                .unwrap_err()
                .to_string(),
            "line 2, field \"splittes\": expected 0 or 1, found \"ja\""
        );
    }

    #[test]
    fn json_missing_field_and_bad_date() {
        let err =
            klass::parse_changes_json(br#"{"codeChanges":[{"oldCode":"0220","newCode":"3025"}]}"#)
                .unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1, column 51: missing field `changeOccurred`"
        );
        let err = klass::parse_changes_json(
            br#"{"codeChanges":[{"oldCode":"0220","newCode":"3025","changeOccurred":"1.1.2020"}]}"#,
        )
        .unwrap_err();
        assert!(matches!(err, KlassError::Json { line: 1, .. }), "{err}");
    }
}
