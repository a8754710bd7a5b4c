//! Helpers shared by the acceptance tests: fixture paths and an INDEPENDENT reading of the real
//! CSV samples (plain `csv::Reader` with `StringRecord`, by header name), so the tests never check
//! the implementation against itself.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// All rows of a CSV file as maps from header name to value.
pub fn rows_by_name(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(bytes);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A deliberately naive reading: split the text into lines, strip the outer quotes and split on
/// `","`. Valid for the samples, which have no embedded newlines or quotes (checked).
pub fn naive_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            assert!(l.starts_with('"') && l.ends_with('"'), "{l}");
            l[1..l.len() - 1]
                .split("\",\"")
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}
