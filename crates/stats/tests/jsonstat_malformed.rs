//! Malformed JSON-stat input: every error names where the input went wrong.

use naeringsplan_stats::jsonstat::{self, JsonStatError};

const SSB_07459: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"
));

/// A small valid dataset; tests replace one part of it.
const GOOD: &str = r#"{"class":"dataset","version":"2.0","label":"t","id":["Region","Tid"],"size":[2,3],
"dimension":{"Region":{"label":"region","category":{"index":{"3025":0,"3203":1},"label":{"3025":"Asker (2020-2023)","3203":"Asker"}}},
"Tid":{"category":{"index":["2022","2023","2024"]}}},
"value":[1,2,null,null,5,6],"status":{"2":"..","3":"."}}"#;

fn error(json: &str) -> String {
    jsonstat::parse(json.as_bytes()).unwrap_err().to_string()
}

fn replaced(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "fixture does not contain {from:?}");
    GOOD.replacen(from, to, 1)
}

#[test]
fn the_fixture_itself_is_valid() {
    let ds = jsonstat::parse(GOOD.as_bytes()).unwrap();
    assert_eq!(ds.cells().len(), 6);
}

#[test]
fn truncated_real_response() {
    let err = jsonstat::parse(&SSB_07459[..345]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1, column 345: EOF while parsing an object"
    );
    assert!(matches!(
        err,
        JsonStatError::Syntax {
            line: 1,
            column: 345,
            ..
        }
    ));
}

#[test]
fn trailing_garbage() {
    assert_eq!(
        error(&format!("{GOOD} x")),
        "line 4, column 58: trailing characters"
    );
}

#[test]
fn empty_file() {
    assert_eq!(error(""), "empty input: expected a JSON-stat 2.0 dataset");
    assert_eq!(
        error(" \n\t"),
        "empty input: expected a JSON-stat 2.0 dataset"
    );
}

#[test]
fn root_is_not_an_object() {
    assert_eq!(
        error("[1,2]"),
        "at (root): expected an object, found an array of 2 items"
    );
}

#[test]
fn class_missing_is_not_json_stat() {
    assert_eq!(
        error(r#"{"id":["A"],"size":[1],"value":[1]}"#),
        "at class: expected \"dataset\" (a JSON-stat 2.0 dataset), found no class (not JSON-stat 2.0)"
    );
}

#[test]
fn class_is_not_dataset() {
    assert_eq!(
        error(&replaced(r#""class":"dataset""#, r#""class":"collection""#)),
        "at class: expected \"dataset\" (a JSON-stat 2.0 dataset), found \"collection\""
    );
}

#[test]
fn iso_8859_1_bytes_are_reported_with_offset() {
    // "Bærum" written in ISO-8859-1: æ is the single byte 0xE6.
    let mut bytes = br#"{"class":"dataset","label":"B"#.to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xE6rum\"}");
    let err = jsonstat::parse(&bytes).unwrap_err();
    assert_eq!(
        err,
        JsonStatError::InvalidUtf8 {
            offset,
            line: 1,
            column: offset + 1,
            hint: "; the byte 0xE6 is \"æ\" in ISO-8859-1/Windows-1252 — JSON-stat must be UTF-8"
                .into()
        }
    );
    assert_eq!(
        err.to_string(),
        "byte 29 (line 1, column 30): invalid UTF-8; the byte 0xE6 is \"æ\" in \
         ISO-8859-1/Windows-1252 — JSON-stat must be UTF-8"
    );
}

#[test]
fn size_and_value_length_mismatch() {
    assert_eq!(
        error(&replaced("[1,2,null,null,5,6]", "[1,2,null,null,5]")),
        "at value: expected 6 values (the product of size 2×3), found 5"
    );
}

#[test]
fn id_and_size_of_different_lengths() {
    assert_eq!(
        error(&replaced(r#""size":[2,3]"#, r#""size":[2,3,1]"#)),
        "at size: expected 2 sizes (one per id), found 3"
    );
}

#[test]
fn negative_size() {
    assert_eq!(
        error(&replaced(r#""size":[2,3]"#, r#""size":[2,-3]"#)),
        "at size[1]: expected a non-negative integer, found -3"
    );
}

#[test]
fn unknown_dimension_in_id() {
    assert_eq!(
        error(&replaced(
            r#""id":["Region","Tid"]"#,
            r#""id":["Region","Year"]"#
        )),
        "at dimension.Tid: expected a dimension listed in id, found a dimension that id does not list"
    );
    let json = GOOD
        .replacen(
            r#""id":["Region","Tid"]"#,
            r#""id":["Region","Tid","Kjonn"]"#,
            1,
        )
        .replacen(r#""size":[2,3]"#, r#""size":[2,3,1]"#, 1);
    assert_eq!(
        error(&json),
        "at id[2]: expected a dimension \"Kjonn\" in dimension, found no such dimension"
    );
}

#[test]
fn duplicate_dimension_id() {
    let json = GOOD.replacen(r#""id":["Region","Tid"]"#, r#""id":["Region","Region"]"#, 1);
    assert_eq!(
        error(&json),
        "at id[1]: expected a dimension id not listed before, found \"Region\" again (also id[0])"
    );
}

#[test]
fn category_index_not_matching_size() {
    assert_eq!(
        error(&replaced(r#"["2022","2023","2024"]"#, r#"["2022","2023"]"#)),
        "at dimension.Tid.category.index: expected 3 categories (the size of Tid), found 2"
    );
    assert_eq!(
        error(&replaced(r#"{"3025":0,"3203":1}"#, r#"{"3025":0}"#)),
        "at dimension.Region.category.index: expected 2 categories (the size of Region), found 1"
    );
}

#[test]
fn category_position_out_of_range_or_repeated() {
    assert_eq!(
        error(&replaced(
            r#"{"3025":0,"3203":1}"#,
            r#"{"3025":0,"3203":2}"#
        )),
        "at dimension.Region.category.index.3203: expected a position below 2, found 2"
    );
    assert_eq!(
        error(&replaced(
            r#"{"3025":0,"3203":1}"#,
            r#"{"3025":0,"3203":0}"#
        )),
        "at dimension.Region.category.index.3203: expected a position no other code has, \
         found 0 (also the position of \"3025\")"
    );
}

#[test]
fn duplicate_category_codes() {
    assert_eq!(
        error(&replaced(
            r#"["2022","2023","2024"]"#,
            r#"["2022","2023","2022"]"#
        )),
        "at dimension.Tid.category.index[2]: expected a category code not listed before, \
         found \"2022\" again (also at position 0)"
    );
    assert_eq!(
        error(&replaced(
            r#"{"3025":0,"3203":1}"#,
            r#"{"3025":0,"3025":1}"#
        )),
        "at dimension.Region.category.index: expected each key once, found the key \"3025\" twice"
    );
}

#[test]
fn label_for_unknown_code() {
    assert_eq!(
        error(&replaced(r#""3203":"Asker"}"#, r#""3204":"Asker"}"#)),
        "at dimension.Region.category.label.3204: expected a code listed in category.index, \
         found the unknown code \"3204\""
    );
}

#[test]
fn wrong_type_for_value() {
    assert_eq!(
        error(&replaced("[1,2,null,null,5,6]", r#""1,2,5,6""#)),
        "at value: expected an array of numbers (or an object {\"position\": number}), found \"1,2,5,6\""
    );
}

#[test]
fn non_numeric_value() {
    assert_eq!(
        error(&replaced(
            "[1,2,null,null,5,6]",
            r#"[1,2,null,null,"5,5",6]"#
        )),
        "at value[4]: expected a number or null, found \"5,5\""
    );
    assert_eq!(
        error(&replaced(
            "[1,2,null,null,5,6]",
            r#"[1,2,null,null,true,6]"#
        )),
        "at value[4]: expected a number or null, found true"
    );
}

#[test]
fn sparse_value_key_out_of_range() {
    assert_eq!(
        error(&replaced("[1,2,null,null,5,6]", r#"{"0":1,"6":7}"#)),
        "at value.6: expected a position below 6 (the number of values), found 6"
    );
    assert_eq!(
        error(&replaced("[1,2,null,null,5,6]", r#"{"0":1,"x":7}"#)),
        "at value.x: expected a key that is a position (a non-negative integer), found \"x\""
    );
}

#[test]
fn status_index_out_of_range() {
    assert_eq!(
        error(&replaced(r#""3":".""#, r#""9":".""#)),
        "at status.9: expected a position below 6 (the number of values), found 9"
    );
}

#[test]
fn status_array_of_wrong_length_or_type() {
    assert_eq!(
        error(&replaced(r#"{"2":"..","3":"."}"#, r#"["..","."]"#)),
        "at status: expected 6 status entries (one per value) or 1, found 2"
    );
    assert_eq!(
        error(&replaced(r#""3":".""#, r#""3":0"#)),
        "at status.3: expected a status symbol (string), found 0"
    );
}

#[test]
fn role_names_an_unknown_dimension() {
    assert_eq!(
        error(&replaced(
            r#""value":"#,
            r#""role":{"geo":["Region","TettSted"]},"value":"#
        )),
        "at role.geo[1]: expected a dimension id listed in id, found \"TettSted\""
    );
}

#[test]
fn updated_is_not_a_date() {
    assert_eq!(
        error(&replaced(
            r#""label":"t""#,
            r#""label":"t","updated":"24.02.2022""#
        )),
        "at updated: expected an ISO 8601 date-time, found \"24.02.2022\""
    );
}

#[test]
fn dimension_without_category() {
    assert_eq!(
        error(&replaced(
            r#""Tid":{"category":{"index":["2022","2023","2024"]}}"#,
            r#""Tid":{"label":"år"}"#
        )),
        "at dimension.Tid.category: expected a category object, found nothing"
    );
}

#[test]
fn unit_decimals_negative() {
    assert_eq!(
        error(&replaced(
            r#"{"index":["2022","2023","2024"]}"#,
            r#"{"index":["2022","2023","2024"],"unit":{"2022":{"base":"personer","decimals":-1}}}"#
        )),
        "at dimension.Tid.category.unit.2022.decimals: expected a non-negative integer, found -1"
    );
}

#[test]
fn error_fields_are_structured() {
    let err =
        jsonstat::parse(replaced(r#""size":[2,3]"#, r#""size":[2,"3"]"#).as_bytes()).unwrap_err();
    assert_eq!(
        err,
        JsonStatError::Invalid {
            path: "size[1]".into(),
            expected: "a non-negative integer".into(),
            found: "\"3\"".into(),
        }
    );
}
