//! The index definition file: the bundled Kommune-NM definition parses and has NHO's structure;
//! broken definitions are refused with every problem located.

use naeringsplan_engine::ranking::{
    DataKind, Definition, Direction, KOMMUNE_NM_TOML, MissingPolicy, Normalisation, kommune_nm,
};

#[test]
fn bundled_definition_has_19_indicators_in_groups_of_4_4_3_3_5() {
    let def = Definition::parse(KOMMUNE_NM_TOML).unwrap_or_else(|e| panic!("{e}"));
    let shape: Vec<(&str, usize)> = def
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.indicators.len()))
        .collect();
    assert_eq!(
        shape,
        [
            ("naeringsliv", 4),
            ("arbeidsmarked", 4),
            ("demografi", 3),
            ("kompetanse", 3),
            ("kommuneokonomi", 5)
        ]
    );
    assert_eq!(def.indicator_count(), 19);
    assert_eq!(kommune_nm(), &def);
    // The group ids are the plan's published-ranking group ids, so the two can be paired.
    let plan = plan::embedded_default();
    let published: Vec<&str> = plan.published_rankings[0]
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    let ours: Vec<&str> = def.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ours, published);
    // The method documented in the file.
    assert_eq!(def.method.normalisation, Normalisation::ZScore);
    assert_eq!(def.method.clamp, Some(3.0));
    assert_eq!(def.method.missing, MissingPolicy::GroupMean);
    assert_eq!(def.edition_lag, 1);
    assert_eq!(def.edition(2019), 2020);
    // Equal weights, as documented.
    assert!(def.groups.iter().all(|g| g.weight == 1.0));
    assert!(def.indicators().all(|(_, i)| i.weight == 1.0));
    // Lower-is-better indicators: unemployment, disability, sick leave, admin costs, property tax,
    // net debt.
    let lower: Vec<&str> = def
        .indicators()
        .filter(|(_, i)| i.direction == Direction::Lower)
        .map(|(_, i)| i.id.as_str())
        .collect();
    assert_eq!(
        lower,
        [
            "arbeidsledighet",
            "uforeandel",
            "sykefravaer",
            "administrasjonsutgifter",
            "eiendomsskatt_naering",
            "netto_lanegjeld"
        ]
    );
    // Only the two population-based indicators are real data offline.
    let real: Vec<&str> = def
        .indicators()
        .filter(|(_, i)| i.data == DataKind::Real)
        .map(|(_, i)| i.id.as_str())
        .collect();
    assert_eq!(real, ["befolkningsvekst_3ar", "unge_eldre"]);
    // Every departure the brief names is documented.
    for topic in [
        "weights",
        "normalisation",
        "kommuneokonomi",
        "age_bands",
        "missing_data",
    ] {
        assert!(
            def.departures.iter().any(|d| d.topic == topic),
            "departure {topic} missing"
        );
    }
    // Every departure reads in Norwegian too (the page and the CLI show it; issue 19 found the
    // raw keys `age_bands :` on the Norwegian page).
    for d in &def.departures {
        assert!(
            !d.title_nb.trim().is_empty() && !d.text_nb.trim().is_empty(),
            "departure {} has no Norwegian title and text",
            d.topic
        ); // And in nynorsk and English, with a title for readers, never the topic key.
        for lang in [plan::Lang::Nn, plan::Lang::En] {
            let (title, text, text_lang) = d.in_lang(lang);
            assert_eq!(
                text_lang, lang,
                "departure {} untranslated in {lang}",
                d.topic
            );
            assert!(
                !title.contains('_') && title != d.topic && !text.trim().is_empty(),
                "departure {} in {lang}: «{title}»",
                d.topic
            );
        }
    }
    // Series in file order, the first being population.
    assert_eq!(def.series[0].name, "population");
    assert!(def.series_spec("jobs_by_industry").unwrap().family);
}

const MINIMAL: &str = r#"
[definition]
id = "t"
name = { nb = "T", en = "T" }
edition_lag = 1

[method]
normalisation = "zscore"
missing = "group_mean"

[series.a]
description = { nb = "a", en = "a" }
data = "real"

[series.b]
description = { nb = "b", en = "b" }
data = "synthetic"

[[groups]]
id = "g"
name = { nb = "G", en = "G" }
weight = 1
expected_indicators = 1

[[groups.indicators]]
id = "i"
name = { nb = "I", en = "I" }
formula = "a / b"
direction = "higher"
weight = 1
data = "synthetic"
"#;

fn problems(text: &str) -> Vec<String> {
    match Definition::parse(text) {
        Ok(_) => panic!("expected problems"),
        Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn minimal_definition_parses_with_defaults() {
    let d = Definition::parse(MINIMAL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.method.min_group_coverage, 0.5);
    assert_eq!(d.method.tie_decimals, 9);
    assert_eq!(d.method.clamp, None);
    assert_eq!(d.groups[0].indicators[0].formula.to_string(), "a / b");
}

#[test]
fn every_problem_is_located() {
    let bad = MINIMAL
        .replace("direction = \"higher\"", "direction = \"up\"")
        .replace("weight = 1\ndata", "weight = 0\ndata")
        .replace("expected_indicators = 1", "expected_indicators = 4")
        .replace("formula = \"a / b\"", "formula = \"a / c\"")
        .replace("normalisation = \"zscore\"", "normalisation = \"z\"");
    let p = problems(&bad);
    assert_eq!(
        p,
        [
            "8:17: unknown normalisation `z` (known: zscore, minmax, rank)",
            "23:23: group `g` should have 4 indicators (expected_indicators) but has 1",
            "28:12: formula of indicator `i` reads series `c`, which has no [series.c] entry",
            "29:13: unknown direction `up` for indicator `i` (known: higher, lower)",
            "30:10: indicator weight must be a number greater than 0, found 0",
        ]
    );
}

#[test]
fn formula_errors_point_into_the_formula() {
    let bad = MINIMAL.replace("formula = \"a / b\"", "formula = \"a / (b\"");
    assert_eq!(
        problems(&bad),
        ["28:18: formula of indicator `i`: expected `)`, found the end of the formula"]
    );
}

#[test]
fn data_labels_must_match_the_series() {
    let bad = MINIMAL.replace("data = \"synthetic\"\n\"#", "data = \"real\"\n\"#");
    let bad = bad.replace(
        "formula = \"a / b\"\ndirection = \"higher\"\nweight = 1\ndata = \"synthetic\"",
        "formula = \"a / b\"\ndirection = \"higher\"\nweight = 1\ndata = \"real\"",
    );
    let p = problems(&bad);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("marked data = \"real\" but reads a synthetic series"),
        "{p:?}"
    );
    let bad = MINIMAL.replace("formula = \"a / b\"", "formula = \"a * 2\"");
    let p = problems(&bad);
    assert!(p[0].contains("every series it reads is real"), "{p:?}");
}

#[test]
fn family_use_is_checked() {
    let bad = MINIMAL
        .replace(
            "data = \"synthetic\"\n\n[[groups]]",
            "data = \"synthetic\"\nfamily = true\n\n[[groups]]",
        )
        .replace("formula = \"a / b\"", "formula = \"diversity(a) + b\"");
    let p = problems(&bad);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].starts_with("29:12: "), "{p:?}");
    assert!(p[0].contains("`a` is not one"), "{p:?}");
    assert!(p[1].contains("`b` is a series family"), "{p:?}");
}

#[test]
fn duplicates_and_toml_errors() {
    let dup = format!(
        "{MINIMAL}\n[[groups]]\nid = \"g\"\nname = {{ nb = \"G\", en = \"G\" }}\nweight = -1\n\n[[groups.indicators]]\nid = \"i\"\nname = {{ nb = \"I\", en = \"I\" }}\nformula = \"b\"\ndirection = \"lower\"\nweight = 1\ndata = \"synthetic\"\n"
    );
    let p = problems(&dup);
    assert_eq!(
        p,
        [
            "34:6: duplicate group id `g`: already used at line 20, column 6",
            "36:10: group weight must be a number greater than 0, found -1",
            "39:6: duplicate indicator id `i`: already used at line 26, column 6",
        ]
    );
    let p = problems("[definition]\nid = \"x\"\nname = 3\n");
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("3:8: "), "{p:?}");
    let p = problems(&MINIMAL.replace("edition_lag = 1", "edition_lag = 1\ncolour = \"red\""));
    assert!(p[0].starts_with("6:1: unknown field `colour`"), "{p:?}");
}
