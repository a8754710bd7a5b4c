//! Districts in the plan file (`[[districts]]`, a focus area's `districts = true`): the embedded
//! default's three districts, the placing rules, and every mistake reported where it is.

use naeringsplan_plan as plan;

const MINIMAL: &str = include_str!("../../../tests/plans/minimal.toml");

/// The minimal plan with `districts = true` on its focus area (when `flag`) and `extra` at the end.
fn minimal(flag: bool, extra: &str) -> String {
    let src = if flag {
        MINIMAL.replacen(
            "[[focus_areas]]\nnumber = \"5.1\"\n",
            "[[focus_areas]]\nnumber = \"5.1\"\ndistricts = true\n",
            1,
        )
    } else {
        MINIMAL.to_string()
    };
    format!("{src}\n{extra}\n")
}

const TWO: &str = r#"[[districts]]
id = "nord"
name = { nb = "Nord" }
postal_codes = ["1383", "1384"]
former_municipalities = ["0220"]
places = ["Heggedal"]

[[districts]]
id = "syd"
name = { nb = "Syd", en = "South" }
postal_codes = ["3440"]
former_municipalities = ["0627", "0628"]
places = ["Tofte", "Røyken"]
"#;

#[test]
fn districts_parse_and_place_units_sites_and_visits() {
    let p = plan::parse("x.toml", &minimal(true, TWO)).unwrap_or_else(|d| panic!("{d}"));
    assert!(p.focus_areas[0].districts);
    assert_eq!(p.districts.len(), 2);
    assert_eq!(p.districts[1].former_municipalities, ["0627", "0628"]);
    let id = |d: Option<&plan::District>| d.map(|d| d.id.clone());
    // Postal code first, whatever the municipality code.
    assert_eq!(
        id(p.district_of_unit(Some("1384"), "3203")),
        Some("nord".into())
    );
    assert_eq!(
        id(p.district_of_unit(Some("3440"), "0220")),
        Some("syd".into())
    );
    // A code in no district, or none: the former municipality decides.
    assert_eq!(
        id(p.district_of_unit(Some("3999"), "0628")),
        Some("syd".into())
    );
    assert_eq!(id(p.district_of_unit(None, "0220")), Some("nord".into()));
    // Neither: outside every district.
    assert_eq!(id(p.district_of_unit(Some("1370"), "3203")), None);
    assert_eq!(id(p.district_of_unit(None, "3203")), None);
    // Places by name, id or place, ignoring case.
    assert_eq!(id(p.district_of_place(" tofte ")), Some("syd".into()));
    assert_eq!(id(p.district_of_place("South")), Some("syd".into()));
    assert_eq!(id(p.district_of_place("nord")), Some("nord".into()));
    assert_eq!(id(p.district_of_place("Asker")), None);
    assert_eq!(id(p.district_of_place("")), None);
}

#[test]
fn plans_without_districts_stay_valid() {
    let p = plan::parse("x.toml", MINIMAL).unwrap_or_else(|d| panic!("{d}"));
    assert!(p.districts.is_empty());
    assert!(!p.focus_areas[0].districts);
    // A plan stored as JSON before the fields existed reads back with none.
    let mut stored = serde_json::to_value(&p).unwrap();
    assert!(stored.get("districts").is_none());
    stored.as_object_mut().unwrap().remove("districts");
    let back: plan::Plan = serde_json::from_value(stored).unwrap();
    assert_eq!(back, p);
}

/// Parses `src`, expects exactly one diagnostic and returns (line, col, message).
fn one(src: &str) -> (usize, usize, String) {
    let d = plan::parse("x.toml", src).expect_err("should not parse");
    assert_eq!(d.0.len(), 1, "expected one diagnostic, got:\n{d}");
    (d.0[0].line, d.0[0].col, d.0[0].message.clone())
}

/// The line (1-based) of the `n`th occurrence of `needle` in `src`.
fn line_of(src: &str, needle: &str, n: usize) -> usize {
    let at = src.match_indices(needle).nth(n).expect("needle").0;
    src[..at].lines().count() + usize::from(src[..at].ends_with('\n'))
}

#[test]
fn district_mistakes_are_reported_where_they_are() {
    // A postal code in two districts: at the second, naming the first.
    let src = minimal(
        false,
        &TWO.replace(
            "postal_codes = [\"3440\"]",
            "postal_codes = [\"3440\", \"1384\"]",
        ),
    );
    let (line, col, msg) = one(&src);
    assert_eq!(line, line_of(&src, "\"3440\", \"1384\"", 0));
    assert_eq!(col, 25);
    assert!(
        msg.contains("postal code `1384` is already in district `nord`"),
        "{msg}"
    );

    // Not four digits.
    let src = minimal(false, &TWO.replace("\"1383\"", "\"138\""));
    let (line, _, msg) = one(&src);
    assert_eq!(line, line_of(&src, "\"138\"", 0));
    assert!(msg.contains("postal code `138` is not valid"), "{msg}");
    let src = minimal(false, &TWO.replace("\"0628\"", "\"Hurum\""));
    let (_, _, msg) = one(&src);
    assert!(
        msg.contains("former municipality `Hurum` is not valid"),
        "{msg}"
    );

    // A former municipality or a place in two districts.
    let src = minimal(
        false,
        &TWO.replace("[\"0627\", \"0628\"]", "[\"0627\", \"0220\"]"),
    );
    let (_, _, msg) = one(&src);
    assert!(
        msg.contains("former municipality `0220` is already in district `nord`"),
        "{msg}"
    );
    let src = minimal(
        false,
        &TWO.replace("[\"Tofte\", \"Røyken\"]", "[\"Tofte\", \"heggedal\"]"),
    );
    let (_, _, msg) = one(&src);
    assert!(
        msg.contains("place `heggedal` is already in district `nord`"),
        "{msg}"
    );

    // A district nothing can reach, a duplicate id, an empty name.
    let src = minimal(
        false,
        "[[districts]]\nid = \"tom\"\nname = { nb = \"Tom\" }\nplaces = [\"Et sted\"]",
    );
    let (line, col, msg) = one(&src);
    assert_eq!((line, col), (line_of(&src, "id = \"tom\"", 0), 6));
    assert!(
        msg.contains("no postal codes and no former municipalities"),
        "{msg}"
    );
    let src = minimal(false, &TWO.replace("id = \"syd\"", "id = \"nord\""));
    let (_, _, msg) = one(&src);
    assert!(msg.contains("duplicate id `nord`"), "{msg}");
    let src = minimal(false, &TWO.replace("nb = \"Syd\"", "nb = \" \""));
    let (_, _, msg) = one(&src);
    assert!(msg.contains("district `syd` has an empty name"), "{msg}");

    // A focus area asking for a district table in a plan without districts.
    let src = minimal(true, "");
    let (line, col, msg) = one(&src);
    assert_eq!((line, col), (line_of(&src, "districts = true", 0), 13));
    assert!(msg.contains("defines no [[districts]]"), "{msg}");

    // An unknown key names the known ones.
    let src = minimal(
        false,
        &TWO.replace("places = [\"Heggedal\"]", "postnumre = [\"1385\"]"),
    );
    let (_, _, msg) = one(&src);
    assert!(msg.contains("unknown field `postnumre`"), "{msg}");
}

#[test]
fn the_embedded_default_has_askers_three_districts() {
    let p = plan::embedded_default();
    let ids: Vec<&str> = p.districts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["asker-sentrum", "asker-nord", "asker-syd"]);
    let syd = &p.districts[2];
    assert_eq!(syd.name.nb, "Asker syd");
    assert_eq!(syd.former_municipalities, ["0627", "0628"]);
    assert_eq!(p.districts[1].former_municipalities, ["0220"]);
    // Real postal places from the register sample land where the plan puts them.
    let of = |pc: &str| p.district_of_unit(Some(pc), "3203").map(|d| d.id.as_str());
    assert_eq!(of("1395"), Some("asker-sentrum")); // HVALSTAD
    assert_eq!(of("1389"), Some("asker-nord")); // HEGGEDAL
    assert_eq!(of("3482"), Some("asker-syd")); // TOFTE
    assert_eq!(of("0150"), None); // Oslo
    let flagged: Vec<&str> = p
        .focus_areas
        .iter()
        .filter(|a| a.districts)
        .map(|a| a.number.as_str())
        .collect();
    assert_eq!(flagged, ["5.1", "5.7"]);
}
