//! JSON-stat 2.0 reader against real SSB responses (origins in tests/fixtures/SOURCE.txt and
//! data/ssb/SOURCE.txt).

use naeringsplan_stats::jsonstat::{self, Cell, MissingReason, RoleKind};

const SSB_07459: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"
));
const SSB_05300: &[u8] = include_bytes!("fixtures/ssb_05300_v0_jsonstat2_with_status.json");
const SSB_05300_META: &[u8] = include_bytes!("fixtures/ssb_05300_v2_metadata_jsonstat2.json");
const SSB_13615: &[u8] =
    include_bytes!("fixtures/ssb_13615_v2beta_data_jsonstat2_with_status.json");
const SSB_14216_EXCERPT: &[u8] =
    include_bytes!("fixtures/ssb_14216_v2_metadata_region_excerpt.json");

/// Acceptance: Asker (3025) had 96 088 inhabitants on 1 January 2022.
#[test]
fn population_07459_asker_2022_is_96088() {
    let ds = jsonstat::parse(SSB_07459).unwrap();
    assert_eq!(ds.table_id.as_deref(), Some("07459"));
    assert_eq!(ds.size(), vec![359, 1, 1]);
    let region = ds.dimension("Region").unwrap();
    // The v0 agg:KommSummer response codes municipalities "K-3025", not "3025".
    assert_eq!(region.label_of("K-3025"), Some("Asker"));
    assert_eq!(region.position("3025"), None);
    let cell = ds
        .get(&[
            ("Region", "K-3025"),
            ("ContentsCode", "Personer1"),
            ("Tid", "2022"),
        ])
        .unwrap();
    assert_eq!(cell, &Cell::Value(96088.0));
    // Singleton dimensions may be left out.
    assert_eq!(
        ds.get(&[("Region", "K-3025")]).unwrap().value(),
        Some(96088.0)
    );

    let unit = ds.unit("Personer1").unwrap();
    assert_eq!(unit.base.as_deref(), Some("personer"));
    assert_eq!(unit.decimals, Some(0));
    assert_eq!(ds.decimals, Some(0));
    assert_eq!(
        ds.updated.unwrap().to_string(),
        "2022-02-24 7:00:00.0 +00:00:00"
    );
    assert_eq!(ds.roles.geo, ["Region"]);
    assert!(ds.roles.inferred.is_empty());
}

#[test]
fn population_07459_observations_carry_codes() {
    let ds = jsonstat::parse(SSB_07459).unwrap();
    let obs: Vec<_> = ds.observations().collect();
    assert_eq!(obs.len(), 359);
    let asker = obs
        .iter()
        .find(|o| o.code("Region") == Some("K-3025"))
        .unwrap();
    assert_eq!(asker.cell.value(), Some(96088.0));
    assert_eq!(
        asker.coordinates,
        [
            ("Region", "K-3025"),
            ("ContentsCode", "Personer1"),
            ("Tid", "2022")
        ]
    );
    // Every cell in this response is a number; the non-municipality rows are real zeros.
    assert!(obs.iter().all(|o| o.cell.value().is_some()));
    let rest = obs
        .iter()
        .find(|o| o.code("Region") == Some("K-Rest"))
        .unwrap();
    assert_eq!(rest.cell.value(), Some(0.0));
    // 356 municipalities of 2020-2023 plus Svalbard (21-22), the continental shelf (23), "Rest".
    let municipalities = obs
        .iter()
        .filter(|o| {
            o.code("Region")
                .and_then(|r| r.strip_prefix("K-"))
                .is_some_and(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    assert_eq!(municipalities, 356);
}

#[test]
fn status_05300_keeps_reasons_for_nulls() {
    let ds = jsonstat::parse(SSB_05300).unwrap();
    assert_eq!(ds.size(), vec![6, 8, 1, 9]);
    assert_eq!(ds.cells().len(), 432);
    // status {"71": "."}: value[71] is null -> not applicable, never 0.
    assert_eq!(ds.cells()[71], Cell::Missing(MissingReason::NotApplicable));
    assert_eq!(ds.cells()[360], Cell::Missing(MissingReason::NotAvailable));
    let missing = ds.cells().iter().filter(|c| c.value().is_none()).count();
    assert_eq!(missing, 28);
    // Row-major: position (Avstand1 "02", Kulturtilbud "08", Avstand, "2021") = ((1*8+7)*1+0)*9+8 = 143.
    let cell = ds
        .get(&[("Avstand1", "02"), ("Kulturtilbud", "08"), ("Tid", "2021")])
        .unwrap();
    assert_eq!(ds.index_of(&[1, 7, 0, 8]), Some(143));
    assert_eq!(cell, &Cell::Missing(MissingReason::NotApplicable));
    let first = ds
        .get(&[("Avstand1", "01"), ("Kulturtilbud", "01"), ("Tid", "1991")])
        .unwrap();
    assert_eq!(first.value(), Some(16.0));
    assert_eq!(ds.unit("Avstand").unwrap().base.as_deref(), Some("prosent"));
    // role.geo is absent and no dimension looks geographic: nothing inferred for geo.
    assert!(ds.roles.geo.is_empty());
    assert_eq!(ds.roles.time, ["Tid"]);
}

#[test]
fn nulls_13615_v2_beta() {
    let ds = jsonstat::parse(SSB_13615).unwrap();
    assert_eq!(ds.table_id.as_deref(), Some("13615"));
    assert_eq!(ds.size(), vec![10, 2, 1, 5]);
    assert_eq!(ds.notes.len(), 2);
    assert!(ds.notes[1].starts_with(". = Ikke mulig"));
    let jet_fishing_2020 = ds
        .get(&[("Produkter", "06"), ("NACE", "01-03"), ("Tid", "2020")])
        .unwrap();
    assert_eq!(
        jet_fishing_2020,
        &Cell::Missing(MissingReason::NotApplicable)
    );
    assert_eq!(jet_fishing_2020.status(), Some("."));
    let unit = ds.unit("Petroleum").unwrap();
    assert_eq!(unit.base.as_deref(), Some("1 000 liter"));
    let by_product: Vec<&str> = ds.dimension("Produkter").unwrap().codes().collect();
    assert_eq!(by_product[4], "04+05");
}

#[test]
fn metadata_05300_v2_has_no_values() {
    // A data reader refuses it, pointing at value.
    let err = jsonstat::parse(SSB_05300_META).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at value: expected 432 values (the product of size 6×8×1×9), found an empty array \
         (a metadata response? read it with parse_metadata)"
    );
    let ds = jsonstat::parse_metadata(SSB_05300_META).unwrap();
    assert!(!ds.has_values());
    assert_eq!(ds.observations().count(), 0);
    assert_eq!(ds.table_id.as_deref(), Some("05300"));
    let avstand = ds.dimension("Avstand1").unwrap();
    assert_eq!(avstand.category("05").unwrap().notes.len(), 1);
    assert_eq!(ds.dimensions()[3].id, "Tid");
}

#[test]
fn region_labels_14216_excerpt() {
    // The excerpt holds only the Region dimension; the full reader says which one is missing.
    let err = jsonstat::parse_metadata(SSB_14216_EXCERPT).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at id[1]: expected a dimension \"TettSted\" in dimension, found no such dimension"
    );
    let region = jsonstat::parse_dimension(SSB_14216_EXCERPT, "Region").unwrap();
    assert_eq!(region.len(), 120);
    assert_eq!(region.label_of("0220"), Some("Asker (-2019)"));
    assert_eq!(region.label_of("3025"), Some("Asker (2020-2023)"));
    assert_eq!(region.label_of("3203"), Some("Asker"));
    assert_eq!(region.notes.len(), 1);
}

#[test]
fn roles_are_inferred_when_absent() {
    let json = br#"{"class":"dataset","version":"2.0","id":["Region","ContentsCode","Tid"],"size":[1,1,1],
      "dimension":{"Region":{"category":{"index":["3203"]}},"ContentsCode":{"category":{"index":["X"]}},
      "Tid":{"category":{"index":["2024"]}}},"value":[1]}"#;
    let ds = jsonstat::parse(json).unwrap();
    assert_eq!(ds.roles.geo, ["Region"]);
    assert_eq!(ds.roles.time, ["Tid"]);
    assert_eq!(ds.roles.metric, ["ContentsCode"]);
    assert_eq!(
        ds.roles.inferred,
        [RoleKind::Time, RoleKind::Geo, RoleKind::Metric]
    );
}

/// Dimensions follow `id`, never the key order of `dimension`; categories follow their
/// positions, never the key order of `category.index`.
#[test]
fn order_comes_from_id_and_positions_not_key_order() {
    let json = br#"{
      "value": [1, 2, 3, 4, 5, 6],
      "dimension": {
        "Tid": {"category": {"index": {"2021": 1, "2020": 0}, "label": {"2021": "2021", "2020": "2020"}}},
        "Region": {"label": "region", "category": {"index": {"K-3203": 2, "K-0301": 0, "K-3025": 1},
                   "label": {"K-3025": "Asker (2020-2023)", "K-0301": "Oslo", "K-3203": "Asker"}}}
      },
      "size": [3, 2],
      "id": ["Region", "Tid"],
      "class": "dataset"
    }"#;
    let ds = jsonstat::parse(json).unwrap();
    let ids: Vec<&str> = ds.dimensions().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["Region", "Tid"]);
    let codes: Vec<&str> = ds.dimensions()[0].codes().collect();
    assert_eq!(codes, ["K-0301", "K-3025", "K-3203"]);
    // Row-major with Region outermost: (K-3025, 2021) is 1*2+1 = 3 -> value 4.
    assert_eq!(
        ds.get(&[("Region", "K-3025"), ("Tid", "2021")])
            .unwrap()
            .value(),
        Some(4.0)
    );
    assert_eq!(
        ds.get(&[("Tid", "2020"), ("Region", "K-3203")])
            .unwrap()
            .value(),
        Some(5.0)
    );
    let obs: Vec<_> = ds.observations().map(|o| o.coordinates).collect();
    assert_eq!(obs[1], [("Region", "K-0301"), ("Tid", "2021")]);
    assert_eq!(obs[5], [("Region", "K-3203"), ("Tid", "2021")]);
}

#[test]
fn sparse_value_and_status_forms() {
    let json = br#"{"class":"dataset","id":["A","B"],"size":[2,2],
      "dimension":{"A":{"category":{"index":["a1","a2"]}},"B":{"category":{"index":["b1","b2"]}}},
      "value":{"0":10,"3":40},"status":{"1":":","3":"p"}}"#;
    let ds = jsonstat::parse(json).unwrap();
    assert_eq!(
        ds.cells(),
        [
            Cell::Value(10.0),
            Cell::Missing(MissingReason::Confidential),
            Cell::Missing(MissingReason::Unspecified),
            Cell::Flagged {
                value: 40.0,
                status: "p".into()
            },
        ]
    );
    // A status array of one entry applies to every value; the array form works too.
    let json = br#"{"class":"dataset","id":["A"],"size":[3],"dimension":{"A":{"category":{"index":["x","y","z"]}}},
      "value":[null,2,null],"status":["..", null, "..."]}"#;
    let ds = jsonstat::parse(json).unwrap();
    assert_eq!(
        ds.cells(),
        [
            Cell::Missing(MissingReason::NotAvailable),
            Cell::Value(2.0),
            Cell::Missing(MissingReason::NotForPublication),
        ]
    );
    let json = br#"{"class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","y"]}}},
      "value":[null,null],"status":["-"]}"#;
    let ds = jsonstat::parse(json).unwrap();
    assert!(
        ds.cells()
            .iter()
            .all(|c| c == &Cell::Missing(MissingReason::Nil))
    );
}

#[test]
fn single_category_without_index_and_utf8_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        r#"{"class":"dataset","id":["Region"],"size":[1],"dimension":{"Region":{"category":{"label":{"3203":"Asker"}}}},"value":[98815]}"#.as_bytes(),
    );
    let ds = jsonstat::parse(&bytes).unwrap();
    assert_eq!(ds.dimensions()[0].label_of("3203"), Some("Asker"));
    assert_eq!(ds.cells(), [Cell::Value(98815.0)]);
}

mod status_symbols {
    //! Each SSB status symbol survives as "missing, because …", and round-trips through serde.
    use super::*;

    fn one(symbol: &str) -> Cell {
        let json = format!(
            r#"{{"class":"dataset","id":["Region","Tid"],"size":[1,2],
               "dimension":{{"Region":{{"category":{{"index":["3203"]}}}},"Tid":{{"category":{{"index":["2023","2024"]}}}}}},
               "value":[null,5],"status":{{"0":"{symbol}"}}}}"#
        );
        let ds = jsonstat::parse(json.as_bytes()).unwrap();
        assert_eq!(ds.cells()[1], Cell::Value(5.0));
        ds.cells()[0].clone()
    }

    fn check(symbol: &str, reason: MissingReason, nb: &str, en: &str) {
        let cell = one(symbol);
        assert_eq!(cell, Cell::Missing(reason.clone()));
        assert_eq!(cell.value(), None, "a missing value is never a number");
        assert_eq!(cell.status(), Some(symbol));
        assert_eq!(reason.symbol(), Some(symbol));
        assert_eq!(reason.meaning_nb(), nb);
        assert_eq!(reason.meaning_en(), en);
        assert_eq!(MissingReason::from_symbol(symbol), reason);
        let json = serde_json::to_string(&reason).unwrap();
        assert_eq!(json, format!("{symbol:?}"));
        assert_eq!(
            serde_json::from_str::<MissingReason>(&json).unwrap(),
            reason
        );
    }

    #[test]
    fn dot_not_applicable() {
        check(
            ".",
            MissingReason::NotApplicable,
            "Lovlig umulig eller ikke aktuelt (ikke mulig å oppgi tall)",
            "Category not applicable",
        );
    }

    #[test]
    fn two_dots_not_available() {
        check(
            "..",
            MissingReason::NotAvailable,
            "Tallgrunnlag mangler",
            "Data not available",
        );
    }

    #[test]
    fn colon_confidential() {
        check(
            ":",
            MissingReason::Confidential,
            "Vises ikke av konfidensialitetshensyn",
            "Confidential",
        );
    }

    #[test]
    fn three_dots_not_for_publication() {
        check(
            "...",
            MissingReason::NotForPublication,
            "Tall kan ikke offentliggjøres",
            "Not for publication",
        );
    }

    #[test]
    fn dash_nil() {
        check("-", MissingReason::Nil, "Null", "Nil");
        assert!(MissingReason::Nil.is_nil());
        assert_eq!(MissingReason::Nil.to_string(), "- (Nil)");
    }

    #[test]
    fn unknown_symbol_and_bare_null() {
        assert_eq!(one("x"), Cell::Missing(MissingReason::Other("x".into())));
        assert_eq!(MissingReason::Unspecified.symbol(), None);
        let json = br#"{"class":"dataset","id":["A"],"size":[1],"dimension":{"A":{"category":{"index":["a"]}}},"value":[null]}"#;
        let ds = jsonstat::parse(json).unwrap();
        assert_eq!(ds.cells(), [Cell::Missing(MissingReason::Unspecified)]);
    }
}
