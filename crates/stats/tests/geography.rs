//! Geography over time with the bundled KLASS snapshot (data/klass, origins in its README).

use std::collections::BTreeSet;

use naeringsplan_stats::geography::{
    self, Additivity, Geography, GeographyError, Level, Series, SplitWeights,
};
use naeringsplan_stats::jsonstat;
use naeringsplan_stats::klass::{KlassChange, KlassCode};
use time::Date;
use time::macros::date;

const SSB_07459: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"
));

fn geo() -> &'static Geography {
    Geography::bundled()
}

fn codes(v: &[&geography::CodeVersion]) -> Vec<String> {
    v.iter().map(|c| c.code.clone()).collect()
}

/// Population 1 January 2019 on 2019 codes, from SSB's own 07459 export (shared
/// data/real/national/raw_pop/ssb07459_Personer2019.csv, summed over single-year ages).
fn population_2019_asker_parts() -> Series {
    Series::new(
        "Befolkning 1. januar 2019",
        date!(2019 - 01 - 01),
        Additivity::Additive,
    )
    .with("0220", 61523.0)
    .with("0627", 22635.0)
    .with("0628", 9521.0)
}

#[test]
fn bundled_data_loads_and_checks() {
    Geography::load_bundled().unwrap();
    assert_eq!(geo().coverage_start(), date!(2017 - 01 - 01));
}

#[test]
fn municipalities_valid_at_dates() {
    let count = |d: Date| geo().municipalities_at(d).unwrap().len();
    assert_eq!(count(date!(2017 - 06 - 30)), 426);
    assert_eq!(count(date!(2018 - 06 - 30)), 422);
    assert_eq!(count(date!(2019 - 12 - 31)), 422);
    assert_eq!(count(date!(2020 - 01 - 01)), 356);
    assert_eq!(count(date!(2023 - 12 - 31)), 356);
    assert_eq!(count(date!(2024 - 01 - 01)), 357);
    assert_eq!(count(date!(2026 - 01 - 01)), 357);
    let counties = |d: Date| geo().counties_at(d).unwrap().len();
    assert_eq!(counties(date!(2017 - 06 - 30)), 19);
    assert_eq!(counties(date!(2018 - 06 - 30)), 18);
    assert_eq!(counties(date!(2020 - 06 - 30)), 11);
    assert_eq!(counties(date!(2024 - 06 - 30)), 15);
}

#[test]
fn asker_names_over_time() {
    let g = geo();
    assert_eq!(
        g.municipality("0220", date!(2019 - 12 - 31)).unwrap().name,
        "Asker"
    );
    assert_eq!(
        g.municipality("3025", date!(2022 - 01 - 01)).unwrap().name,
        "Asker"
    );
    assert_eq!(
        g.municipality("3203", date!(2024 - 01 - 01)).unwrap().name,
        "Asker"
    );
    let v = g.versions_of(Level::Municipality, "3025");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].valid_from, Some(date!(2020 - 01 - 01)));
    assert_eq!(v[0].last_day(), Some(date!(2023 - 12 - 31)));
    // A name change keeps the code: Hattfjelldal became "Aarborte - Hattfjelldal" in 2020.
    let names: Vec<&str> = g
        .versions_of(Level::Municipality, "1826")
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names[..2], ["Hattfjelldal", "Aarborte - Hattfjelldal"]);
}

#[test]
fn invalid_code_says_when_it_was_valid() {
    let g = geo();
    assert_eq!(
        g.municipality("0220", date!(2021 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "0220 is not a municipality code valid on 2021-01-01 (0220 was valid until 2019-12-31)"
    );
    assert_eq!(
        g.municipality("3203", date!(2023 - 12 - 31))
            .unwrap_err()
            .to_string(),
        "3203 is not a municipality code valid on 2023-12-31 (3203 is valid from 2024-01-01)"
    );
    assert_eq!(
        g.municipality("3025", date!(2024 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "3025 is not a municipality code valid on 2024-01-01 (3025 was valid 2020-01-01 – 2023-12-31)"
    );
    assert_eq!(
        g.municipality("9999", date!(2022 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "9999 is not a municipality code valid on 2022-01-01 (no such code in the code lists)"
    );
    assert_eq!(
        g.municipalities_at(date!(2016 - 12 - 31))
            .unwrap_err()
            .to_string(),
        "2016-12-31 is before 2017-01-01, the start of the geography's code lists"
    );
}

/// Acceptance: county 30 Viken exists exactly 2020-01-01 .. 2023-12-31.
#[test]
fn county_30_viken_2020_to_2023() {
    let g = geo();
    let v = g.versions_of(Level::County, "30");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].name, "Viken");
    assert_eq!(v[0].valid_from, Some(date!(2020 - 01 - 01)));
    assert_eq!(v[0].last_day(), Some(date!(2023 - 12 - 31)));
    assert!(g.county("30", date!(2019 - 12 - 31)).is_err());
    assert!(g.county("30", date!(2020 - 01 - 01)).is_ok());
    assert!(g.county("30", date!(2023 - 12 - 31)).is_ok());
    assert_eq!(
        g.county("30", date!(2024 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "30 is not a county code valid on 2024-01-01 (30 was valid 2020-01-01 – 2023-12-31)"
    );
}

/// Acceptance: the municipalities coded 30xx in 2022 are exactly Viken's.
#[test]
fn municipalities_30xx_in_2022_are_vikens() {
    let g = geo();
    let d = date!(2022 - 06 - 30);
    let in_viken = codes(&g.municipalities_in_county("30", d).unwrap());
    let coded_30: Vec<String> = g
        .municipalities_at(d)
        .unwrap()
        .iter()
        .filter(|m| m.code.starts_with("30"))
        .map(|m| m.code.clone())
        .collect();
    assert_eq!(in_viken, coded_30);
    assert_eq!(in_viken.len(), 51);
    for m in g.municipalities_at(d).unwrap() {
        let county = g.county_of(&m.code, d).unwrap();
        assert_eq!(county.code == "30", m.code.starts_with("30"), "{}", m.code);
        assert_eq!(county.code == "30", county.name == "Viken");
    }
    // The same 51 codes as SSB's own 2022 population table.
    let ds = jsonstat::parse(SSB_07459).unwrap();
    let from_ssb: Vec<String> = ds
        .dimension("Region")
        .unwrap()
        .codes()
        .filter_map(geography::municipality_code)
        .filter(|c| c.starts_with("30"))
        .map(str::to_owned)
        .collect();
    assert_eq!(from_ssb, in_viken);
}

#[test]
fn county_of_a_municipality_follows_the_date() {
    let g = geo();
    let county = |m: &str, d: Date| g.county_of(m, d).unwrap().name.clone();
    assert_eq!(county("0220", date!(2019 - 06 - 30)), "Akershus");
    assert_eq!(county("0627", date!(2019 - 06 - 30)), "Buskerud");
    assert_eq!(county("3025", date!(2022 - 06 - 30)), "Viken");
    assert_eq!(county("3203", date!(2024 - 06 - 30)), "Akershus");
    assert_eq!(
        g.county_of("3203", date!(2024 - 06 - 30)).unwrap().code,
        "32"
    );
    assert_eq!(county("1601", date!(2017 - 06 - 30)), "Sør-Trøndelag");
    assert_eq!(county("5001", date!(2018 - 06 - 30)), "Trøndelag");
    assert_eq!(county("1567", date!(2018 - 06 - 30)), "Møre og Romsdal");
    assert_eq!(county("5061", date!(2019 - 06 - 30)), "Trøndelag");
}

#[test]
fn asker_chain_forward_and_backward() {
    let g = geo();
    let pairs = |v: Vec<&geography::Change>| -> Vec<(String, String, Date)> {
        v.into_iter()
            .map(|c| (c.old_code.clone(), c.new_code.clone(), c.date))
            .collect()
    };
    let fwd = pairs(g.chain_forward("0627", date!(2019 - 06 - 30)).unwrap());
    assert_eq!(
        fwd,
        [
            ("0627".into(), "3025".into(), date!(2020 - 01 - 01)),
            ("3025".into(), "3203".into(), date!(2024 - 01 - 01)),
        ]
    );
    let back = pairs(g.chain_backward("3203", date!(2024 - 06 - 30)).unwrap());
    assert_eq!(
        back,
        [
            ("3025".into(), "3203".into(), date!(2024 - 01 - 01)),
            ("0220".into(), "3025".into(), date!(2020 - 01 - 01)),
            ("0627".into(), "3025".into(), date!(2020 - 01 - 01)),
            ("0628".into(), "3025".into(), date!(2020 - 01 - 01)),
        ]
    );
    assert_eq!(
        g.successors("0220", date!(2017 - 01 - 01), date!(2024 - 01 - 01))
            .unwrap(),
        ["3203"]
    );
    assert_eq!(
        g.predecessors("3203", date!(2025 - 01 - 01), date!(2017 - 01 - 01))
            .unwrap(),
        ["0220", "0627", "0628"]
    );
}

#[test]
fn other_reforms_in_the_data() {
    let g = geo();
    let d17 = date!(2017 - 06 - 30);
    let d18 = date!(2018 - 06 - 30);
    let d19 = date!(2019 - 06 - 30);
    let d20 = date!(2020 - 06 - 30);
    let d24 = date!(2024 - 06 - 30);
    // 2018: Trøndelag renumbered, Vestfold mergers.
    assert_eq!(g.successors("1601", d17, d18).unwrap(), ["5001"]);
    assert_eq!(g.predecessors("0729", d18, d17).unwrap(), ["0722", "0723"]);
    // 2019: Rindal moved to Trøndelag.
    assert_eq!(g.successors("1567", d18, d19).unwrap(), ["5061"]);
    // 2020: Stavanger kept its code and took in Finnøy and Rennesøy; Trondheim took Klæbu;
    // Tysfjord and Snillfjord were split.
    assert_eq!(
        g.predecessors("1103", d20, d19).unwrap(),
        ["1103", "1141", "1142"]
    );
    assert_eq!(g.predecessors("5001", d20, d19).unwrap(), ["5001", "5030"]);
    assert_eq!(g.successors("1850", d19, d20).unwrap(), ["1806", "1875"]);
    assert_eq!(
        g.successors("5012", d19, d20).unwrap(),
        ["5055", "5056", "5059"]
    );
    assert_eq!(
        g.predecessors("1507", d20, d19).unwrap(),
        ["1504", "1523", "1529", "1534", "1546"]
    );
    // 2024: Viken, Vestfold og Telemark, Troms og Finnmark split; Ålesund split in two.
    assert_eq!(g.successors("1507", d20, d24).unwrap(), ["1508", "1580"]);
    assert_eq!(g.successors("3805", d20, d24).unwrap(), ["3909"]);
    assert_eq!(g.successors("5401", d20, d24).unwrap(), ["5501"]);
    assert_eq!(g.successors("0301", d17, d24).unwrap(), ["0301"]);
    let viken: BTreeSet<String> = g
        .municipalities_in_county("30", date!(2023 - 12 - 31))
        .unwrap()
        .iter()
        .flat_map(|m| g.successors(&m.code, date!(2023 - 12 - 31), d24).unwrap())
        .map(|c| c[..2].to_owned())
        .collect();
    assert_eq!(
        viken,
        BTreeSet::from(["31".into(), "32".into(), "33".into()])
    );
}

/// Acceptance: a 2019 series for 0220, 0627 and 0628 read at 2020 geography is their sum under
/// 3025, and read at 2024 geography their sum under 3203.
#[test]
fn asker_parts_2019_sum_to_3025_and_3203() {
    let g = geo();
    let series = population_2019_asker_parts();
    let sum = 61523.0 + 22635.0 + 9521.0;

    let at_2020 = g.map_series(&series, date!(2020 - 01 - 01)).unwrap();
    assert_eq!(at_2020.values.len(), 1);
    let asker = &at_2020.values["3025"];
    assert_eq!(asker.value, Some(sum));
    let parts: Vec<(&str, f64)> = asker
        .components
        .iter()
        .map(|c| (c.code.as_str(), c.share))
        .collect();
    assert_eq!(parts, [("0220", 1.0), ("0627", 1.0), ("0628", 1.0)]);
    assert!(asker.missing.is_empty());

    let at_2024 = g.map_series(&series, date!(2024 - 01 - 01)).unwrap();
    assert_eq!(at_2024.values.len(), 1);
    assert_eq!(at_2024.values["3203"].value, Some(sum));
    assert_eq!(at_2024.values["3203"].components.len(), 3);
    // 93 679 is also csdata's 2019 figure for 3203 on 2024 borders.
    assert_eq!(sum, 93679.0);
}

#[test]
fn a_missing_part_leaves_no_value_not_a_partial_sum() {
    let series = Series::new("Befolkning", date!(2019 - 01 - 01), Additivity::Additive)
        .with("0220", 61523.0)
        .with("0627", 22635.0);
    let mapped = geo().map_series(&series, date!(2020 - 01 - 01)).unwrap();
    let asker = &mapped.values["3025"];
    assert_eq!(asker.value, None);
    assert_eq!(asker.missing, ["0628"]);
}

/// Acceptance: a ratio series refuses to be summed.
#[test]
fn ratio_refuses_to_be_summed() {
    let share = Series::new(
        "Kortreist andel (%)",
        date!(2019 - 01 - 01),
        Additivity::Ratio {
            numerator: "Sysselsatte bosatt og arbeider i kommunen".into(),
            denominator: "Sysselsatte bosatt i kommunen".into(),
        },
    )
    .with("0220", 41.9)
    .with("0627", 30.0)
    .with("0628", 30.0);
    let err = geo().map_series(&share, date!(2020 - 01 - 01)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "series \"Kortreist andel (%)\" is a ratio (Sysselsatte bosatt og arbeider i kommunen / \
         Sysselsatte bosatt i kommunen) and cannot be summed: 3025 on the geography of 2020-01-01 \
         is made of 0220, 0627, 0628 (as of 2019-01-01); map \"Sysselsatte bosatt og arbeider i \
         kommunen\" and \"Sysselsatte bosatt i kommunen\" and divide (Geography::map_ratio)"
    );
    // Even one part alone may not stand for the merged municipality.
    let alone = Series::new(
        "Kortreist andel (%)",
        date!(2019 - 01 - 01),
        share.additivity.clone(),
    )
    .with("0220", 41.9);
    assert!(matches!(
        geo().map_series(&alone, date!(2020 - 01 - 01)),
        Err(GeographyError::NotSummable(_))
    ));
}

#[test]
fn non_additive_refuses_mergers_but_follows_renumbering() {
    let rank = Series::new(
        "Kommune-NM rangering",
        date!(2019 - 01 - 01),
        Additivity::NonAdditive,
    )
    .with("0220", 11.0);
    assert_eq!(
        geo()
            .map_series(&rank, date!(2020 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "series \"Kommune-NM rangering\" is not additive and cannot be summed: 3025 on the \
         geography of 2020-01-01 is made of 0220, 0627, 0628 (as of 2019-01-01); it cannot be \
         carried across this change"
    );
    let rank = Series::new(
        "Kommune-NM rangering",
        date!(2022 - 01 - 01),
        Additivity::NonAdditive,
    )
    .with("3025", 13.0);
    let mapped = geo().map_series(&rank, date!(2024 - 01 - 01)).unwrap();
    assert_eq!(mapped.values["3203"].value, Some(13.0));
}

#[test]
fn ratio_is_recomputed_from_its_parts() {
    // Made-up test numbers (not statistics): workers living and working in the municipality
    // over employed residents.
    let d = date!(2019 - 01 - 01);
    let local = Series::new("lokale", d, Additivity::Additive)
        .with("0220", 12000.0)
        .with("0627", 4000.0)
        .with("0628", 2000.0);
    let employed = Series::new("sysselsatte", d, Additivity::Additive)
        .with("0220", 30000.0)
        .with("0627", 11000.0)
        .with("0628", 4000.0);
    let share = geo()
        .map_ratio(
            "kortreist",
            &local,
            &employed,
            date!(2024 - 01 - 01),
            &SplitWeights::new(),
        )
        .unwrap();
    assert_eq!(share.values["3203"].value, Some(18000.0 / 45000.0));
    assert_eq!(
        share.additivity,
        Additivity::Ratio {
            numerator: "lokale".into(),
            denominator: "sysselsatte".into()
        }
    );
    let wrong = Series::new("andel", d, Additivity::NonAdditive).with("0220", 0.4);
    assert_eq!(
        geo()
            .map_ratio(
                "kortreist",
                &wrong,
                &employed,
                date!(2020 - 01 - 01),
                &SplitWeights::new()
            )
            .unwrap_err()
            .to_string(),
        "ratio \"kortreist\": \"andel\" is not an additive series"
    );
}

#[test]
fn split_needs_weights() {
    let g = geo();
    let d23 = date!(2023 - 01 - 01);
    let d24 = date!(2024 - 01 - 01);
    let series = Series::new("Arbeidsplasser", d23, Additivity::Additive).with("1507", 1000.0);
    assert_eq!(
        g.map_series(&series, d24).unwrap_err().to_string(),
        "series \"Arbeidsplasser\": 1507 was split on 2024-01-01 into 1508, 1580: a sum cannot \
         be shared out without weights (give SplitWeights for 1507 → each part)"
    );
    let mut weights = SplitWeights::new();
    weights.set("1507", "1508", 0.8).set("1507", "1580", 0.2);
    let mapped = g.map_series_with_weights(&series, d24, &weights).unwrap();
    assert_eq!(mapped.values["1508"].value, Some(800.0));
    assert_eq!(mapped.values["1580"].value, Some(200.0));
    assert_eq!(mapped.values["1580"].components[0].share, 0.2);

    let mut bad = SplitWeights::new();
    bad.set("1507", "1508", 0.8);
    assert_eq!(
        g.map_series_with_weights(&series, d24, &bad)
            .unwrap_err()
            .to_string(),
        "series \"Arbeidsplasser\": weights for the split of 1507 into 1508, 1580 must be given \
         for every part and sum to 1, found 1508: 0.8"
    );
    // A ratio may not be shared out at a split either.
    let rate = Series::new(
        "Ledighet (%)",
        d23,
        Additivity::Ratio {
            numerator: "ledige".into(),
            denominator: "arbeidsstyrke".into(),
        },
    )
    .with("1507", 2.0);
    assert!(matches!(
        g.map_series_with_weights(&rate, d24, &weights),
        Err(GeographyError::NotSummable(_))
    ));
}

#[test]
fn mapping_back_refuses_to_divide_a_sum() {
    let g = geo();
    let series = Series::new("Befolkning", date!(2024 - 01 - 01), Additivity::Additive)
        .with("3203", 98815.0);
    assert_eq!(
        g.map_series(&series, date!(2019 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "series \"Befolkning\" cannot be mapped back from 2024-01-01 to 2019-01-01: 3025 was \
         formed on 2020-01-01 from 0220, 0627, 0628, and a sum cannot be divided back into its parts"
    );
    // One-to-one renumbering can be undone.
    let back = g.map_series(&series, date!(2022 - 01 - 01)).unwrap();
    assert_eq!(back.values["3025"].value, Some(98815.0));
}

#[test]
fn series_with_an_invalid_code_is_named() {
    let series =
        Series::new("Befolkning", date!(2022 - 01 - 01), Additivity::Additive).with("0220", 1.0);
    assert_eq!(
        geo()
            .map_series(&series, date!(2024 - 01 - 01))
            .unwrap_err()
            .to_string(),
        "series \"Befolkning\": 0220 is not a municipality code valid on 2022-01-01 \
         (0220 was valid until 2019-12-31)"
    );
}

#[test]
fn real_2022_population_sums_to_counties_and_maps_to_2024() {
    let ds = jsonstat::parse(SSB_07459).unwrap();
    let mut series = Series::new(
        "Befolkning 1. januar 2022",
        date!(2022 - 01 - 01),
        Additivity::Additive,
    );
    for obs in ds.observations() {
        if let Some(code) = obs.code("Region").and_then(geography::municipality_code) {
            series
                .values
                .insert(code.to_owned(), obs.cell.value().unwrap());
        }
    }
    assert_eq!(series.values.len(), 356);
    let total: f64 = series.values.values().sum();

    let counties = geo().sum_to_counties(&series).unwrap();
    assert_eq!(counties.values.len(), 11);
    let viken: f64 = series
        .values
        .iter()
        .filter(|(c, _)| c.starts_with("30"))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(counties.values["30"].value, Some(viken));
    assert_eq!(counties.values["30"].components.len(), 51);
    let county_total: f64 = counties.values.values().filter_map(|v| v.value).sum();
    assert_eq!(county_total, total);

    // On 2024 codes: everything maps except Ålesund's split, which needs weights.
    let err = geo()
        .map_series(&series, date!(2024 - 01 - 01))
        .unwrap_err();
    assert!(matches!(
        &err,
        GeographyError::InSeries { source, .. }
            if matches!(**source, GeographyError::SplitNeedsWeights { ref code, .. } if code == "1507")
    ));
    series.values.remove("1507");
    let at_2024 = geo().map_series(&series, date!(2024 - 01 - 01)).unwrap();
    assert_eq!(at_2024.values["3203"].value, Some(96088.0));
    assert_eq!(at_2024.values.len(), 355);
}

#[test]
fn builder_checks_lists_against_changes() {
    let code = |c: &str, n: &str| KlassCode {
        code: c.into(),
        parent_code: None,
        level: None,
        name: n.into(),
        short_name: None,
        presentation_name: None,
        notes: None,
        valid_from: None,
        valid_to: None,
    };
    let change = |o: &str, n: &str| KlassChange {
        old_code: o.into(),
        old_name: None,
        new_code: n.into(),
        new_name: None,
        change_occurred: date!(2020 - 01 - 01),
        split: None,
    };
    let old = [code("0220", "Asker"), code("0627", "Røyken")];
    let new = [code("3025", "Asker")];
    let mut b = Geography::builder();
    b.municipality_list(date!(2019 - 01 - 01), Some(date!(2020 - 01 - 01)), &old)
        .municipality_list(date!(2020 - 01 - 01), None, &new)
        .changes(&[change("0220", "3025")]);
    assert_eq!(
        b.build().unwrap_err().to_string(),
        "inconsistent geography data: municipality 0627 ends on 2019-12-31 but no change on \
         2020-01-01 says what it became"
    );
    b.changes(&[change("0627", "3025")]);
    let g = b.build().unwrap();
    assert_eq!(
        g.predecessors("3025", date!(2020 - 01 - 01), date!(2019 - 01 - 01))
            .unwrap(),
        ["0220", "0627"]
    );
    b.changes(&[change("0628", "3025")]);
    assert_eq!(
        b.build().unwrap_err().to_string(),
        "inconsistent geography data: change 0628 → 3025 on 2020-01-01: 0628 is not a \
         municipality on 2019-12-31"
    );
    let mut gap = Geography::builder();
    gap.municipality_list(date!(2019 - 01 - 01), Some(date!(2019 - 06 - 01)), &old)
        .municipality_list(date!(2020 - 01 - 01), None, &new);
    assert_eq!(
        gap.build().unwrap_err().to_string(),
        "inconsistent geography data: the code list from 2019-01-01 ends 2019-06-01 but the next \
         starts 2020-01-01"
    );
    let mut counties = Geography::builder();
    counties
        .municipality_list(date!(2020 - 01 - 01), None, &new)
        .counties(&[code("32", "Akershus")]);
    assert_eq!(
        counties.build().unwrap_err().to_string(),
        "inconsistent geography data: municipality 3025 has no county 30 valid on 2020-01-01"
    );
}

#[test]
fn region_codes() {
    assert_eq!(geography::municipality_code("K-3025"), Some("3025"));
    assert_eq!(geography::municipality_code("3203"), Some("3203"));
    assert_eq!(geography::municipality_code("K-Rest"), None);
    assert_eq!(geography::municipality_code("K-21-22"), None);
    assert_eq!(geography::municipality_code("30"), None);
}

#[test]
fn bundled_files_state_their_origin() {
    for f in geography::BUNDLED_FILES {
        assert!(
            geography::BUNDLED_README.contains(f.name),
            "{} is not described in data/klass/README.md",
            f.name
        );
    }
}
