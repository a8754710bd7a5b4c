//! The committed example files (`data/registers/example/`) are exactly what the documented
//! generator (`demo::asker`, run by `cargo run -p naeringsplan-local-registers
//! --example asker_example_data`) writes, so they cannot drift from the synthetic demo register
//! they name; and every company they name is a unit of that register under the same number and
//! name.

use std::collections::BTreeMap;
use std::path::PathBuf;

use demo::asker as example;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/registers/example")
}

#[test]
fn committed_files_are_the_generators_output() {
    for (name, generated) in example::asker_files() {
        let committed = std::fs::read_to_string(dir().join(name)).unwrap();
        assert!(
            committed == generated,
            "data/registers/example/{name} differs from the generator's output: run `cargo run -p naeringsplan-demo --example asker_example_data`"
        );
        assert!(name.contains("SYNTETISK"), "{name}");
        assert!(committed.contains("SYNTETISK"), "{name}");
    }
}

#[test]
fn every_company_named_is_a_demo_unit_with_the_same_name() {
    // The demo sequence, read independently of the generator's own parsing
    // (column 0: organisasjonsnummer, 1: navn, 31: forretningsadresse.kommunenummer).
    let mut buf = Vec::new();
    demo::units::generate_enheter_csv(&mut buf, example::DEMO_PREFIX, demo::units::DEMO_SEED)
        .unwrap();
    assert_eq!(
        demo::units::ENHETER_2025_COLUMNS[31],
        "forretningsadresse.kommunenummer"
    );
    let mut rdr = csv::Reader::from_reader(&buf[..]);
    let demo: BTreeMap<String, (String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), (r[1].to_string(), r[31].to_string()))
        })
        .collect();
    let files: BTreeMap<&str, String> = example::asker_files().into_iter().collect();
    // Ledger: orgnr;leverandor;…  (the two planned misfits aside).
    let (mut named, mut local) = (0, 0);
    for line in files[example::LEDGER_FILE].lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        if f[0].is_empty() || f[0] == "988888885" {
            continue;
        }
        let (name, muni) = demo.get(f[0]).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(f[1], name, "{line}");
        local += usize::from(muni == example::MUNICIPALITY);
        named += 1;
    }
    assert!(
        local > 0 && local < named,
        "{local} of {named} ledger rows local"
    );
    // Visits: orgnr;…;virksomhet, all in Asker.
    for line in files[example::VISITS_FILE].lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        let (name, muni) = demo.get(f[0]).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(f[f.len() - 1], name, "{line}");
        assert_eq!(muni, example::MUNICIPALITY, "{line}");
    }
    // Land owners: "NAME (org.nr. NNN)", all in Asker.
    let land: serde_json::Value = serde_json::from_str(&files[example::LAND_FILE]).unwrap();
    for feature in land["features"].as_array().unwrap() {
        let owner = feature["properties"]["eier"].as_str().unwrap();
        let (name, rest) = owner.split_once(" (org.nr. ").unwrap();
        let orgnr = rest.trim_end_matches(')');
        let (demo_name, muni) = demo.get(orgnr).unwrap_or_else(|| panic!("{owner}"));
        assert_eq!(name, demo_name);
        assert_eq!(muni, example::MUNICIPALITY, "{owner}");
    }
}
