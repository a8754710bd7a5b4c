//! Bulk panels (`Store::series_panel`) against one-at-a-time resolution (`Store::resolve`) on
//! real population data (SSB's own 07459 exports and the 2024-border series) and the snapshot's
//! synthetic files: the same values, the same synthetic flags, and the cases where the panel
//! goes further (a split municipality re-aggregated; a median published on later borders).

mod common;

use common::{fresh, workspace};
use naeringsplan_store::Store;
use naeringsplan_store::observations::{ImportOptions, Method, ResolveError, SeriesCatalogue};
use stats::geography::Geography;
use time::{Date, Month};

fn jan1(y: i32) -> Date {
    Date::from_calendar_date(y, Month::January, 1).unwrap()
}

async fn import(store: &Store, rel: &str) {
    let bytes = std::fs::read(workspace().join("data").join(rel)).unwrap();
    store
        .import_file(rel, &bytes, &ImportOptions::default())
        .await
        .unwrap();
}

async fn loaded() -> (tempfile::TempDir, Store) {
    let (dir, _path, store) = fresh().await;
    for f in [
        "snapshot/ssb_raw/ssb07459_Personer2019.csv",
        "snapshot/ssb_raw/ssb07459_Personer2020.csv",
        "snapshot/ssb_07459_befolkning_b2024_2005_2026.json",
        "snapshot/synthetic/ssb_06944_SYNTETISK_2015_2025.json",
        "snapshot/synthetic/ssb_13563_SYNTETISK_2015_2025.json",
        "snapshot/real/ssb_11618_sysselsatte_2017_2022.json",
    ] {
        import(&store, f).await;
    }
    (dir, store)
}

const SERIES: [&str; 5] = [
    "population",
    "population_16_66",
    "median_household_income",
    "registered_unemployed",
    "jobs",
];

#[tokio::test]
async fn a_panel_gives_what_resolve_gives_and_more() {
    let (_d, store) = loaded().await;
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let panel = store
        .series_panel(&catalogue, &SERIES, 2018..=2020)
        .await
        .unwrap();
    assert!(
        panel
            .provenance()
            .iter()
            .any(|p| p.file_name.contains("06944") && p.synthetic)
    );

    // Every municipality of 2020 and of 2024, every series, two years: wherever resolve has an
    // answer, the panel has the same one.
    let mut compared = 0;
    let mut with_value = 0;
    for at in [jan1(2020), jan1(2024)] {
        for m in geo.municipalities_at(at).unwrap() {
            for series in SERIES {
                for year in [2019, 2020] {
                    let p = panel.resolve(geo, series, None, &m.code, year, at).unwrap();
                    match store
                        .resolve(geo, &catalogue, series, &m.code, year, Some(at))
                        .await
                    {
                        Ok(r) => {
                            compared += 1;
                            if r.value.is_some() {
                                with_value += 1;
                                assert_eq!(
                                    p.value, r.value,
                                    "{series} {} {year} at {at}: panel {p:?}",
                                    m.code
                                );
                                assert_eq!(p.synthetic, r.synthetic, "{series} {}", m.code);
                            } else if p.value.is_some() {
                                // Only the split re-aggregation goes beyond resolve.
                                assert!(
                                    p.method == Method::Redistricted && p.components.len() > 1,
                                    "{series} {} {year} at {at}: {p:?} vs {r:?}",
                                    m.code
                                );
                            }
                            if r.missing.as_ref().is_some_and(|x| x.symbol.is_some()) {
                                assert_eq!(
                                    p.missing.as_ref().and_then(|x| x.symbol.clone()),
                                    r.missing.as_ref().and_then(|x| x.symbol.clone())
                                );
                            }
                        }
                        // Refused (a median across a merger): the panel answers only from a
                        // figure published on the later borders.
                        Err(ResolveError::Geography(_)) => {
                            if p.value.is_some() {
                                assert_eq!(p.method, Method::Redistricted);
                            }
                        }
                        Err(e) => panic!("{e}"),
                    }
                }
            }
        }
    }
    assert!(compared > 5000, "{compared}");
    assert!(with_value > 4000, "{with_value}");
}

#[tokio::test]
async fn mergers_splits_medians_and_masked_values() {
    let (_d, store) = loaded().await;
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let panel = store
        .series_panel(&catalogue, &SERIES, 2017..=2021)
        .await
        .unwrap();

    // Asker 3025 in 2019 on 2020 borders: the real ages of 0220 + 0627 + 0628 summed.
    let p = panel
        .resolve(geo, "population_16_66", None, "3025", 2019, jan1(2020))
        .unwrap();
    assert_eq!(p.method, Method::Summed);
    assert_eq!(p.components, ["0220", "0627", "0628"]);
    assert!(!p.synthetic);
    let r = store
        .resolve(
            geo,
            &catalogue,
            "population_16_66",
            "3025",
            2019,
            Some(jan1(2020)),
        )
        .await
        .unwrap();
    assert_eq!(p.value, r.value);
    assert!(p.value.unwrap() > 60_000.0);

    // Ålesund 1507 (2020–2023) was split into 1508 and 1580 in 2024; the population on 2024
    // borders is the sum of the two, which resolve does not find.
    let p = panel
        .resolve(geo, "population", None, "1507", 2019, jan1(2020))
        .unwrap();
    let a = panel
        .resolve(geo, "population", None, "1508", 2019, jan1(2024))
        .unwrap();
    let b = panel
        .resolve(geo, "population", None, "1580", 2019, jan1(2024))
        .unwrap();
    assert_eq!(p.method, Method::Redistricted);
    assert_eq!(p.components, ["1508", "1580"]);
    assert_eq!(p.value, Some(a.value.unwrap() + b.value.unwrap()));
    let r = store
        .resolve(
            geo,
            &catalogue,
            "population",
            "1507",
            2019,
            Some(jan1(2020)),
        )
        .await
        .unwrap();
    assert_eq!(r.value, None);

    // A median cannot be summed across the 2020 merger: resolve refuses, the panel reads the
    // figure published for 3025 on the later borders.
    assert!(matches!(
        store
            .resolve(
                geo,
                &catalogue,
                "median_household_income",
                "3025",
                2018,
                Some(jan1(2020))
            )
            .await,
        Err(ResolveError::Geography(_))
    ));
    let p = panel
        .resolve(
            geo,
            "median_household_income",
            None,
            "3025",
            2018,
            jan1(2020),
        )
        .unwrap();
    assert_eq!(p.method, Method::Redistricted);
    assert_eq!(p.components, ["3025"]);
    assert!(p.synthetic);
    let parts: Vec<f64> = ["0220", "0627", "0628"]
        .iter()
        .map(|c| {
            panel
                .resolve(geo, "median_household_income", None, c, 2018, jan1(2019))
                .unwrap()
                .value
                .unwrap()
        })
        .collect();
    let v = p.value.unwrap();
    assert!(
        parts.iter().cloned().fold(f64::INFINITY, f64::min) <= v
            && v <= parts.iter().cloned().fold(0.0, f64::max),
        "{v} {parts:?}"
    );
    // The provenance names the synthetic file.
    assert!(
        p.provenance
            .iter()
            .all(|i| panel.provenance()[*i as usize].file_name.contains("06944"))
    );

    // Masked unemployment (1–3 persons) is missing with SSB's symbol, never 0.
    let masked: Vec<String> = geo
        .municipalities_at(jan1(2021))
        .unwrap()
        .into_iter()
        .filter_map(|m| {
            let v = panel
                .resolve(
                    geo,
                    "registered_unemployed",
                    None,
                    &m.code,
                    2021,
                    jan1(2021),
                )
                .unwrap();
            v.missing
                .filter(|x| x.symbol.as_deref() == Some(":"))
                .map(|_| {
                    assert_eq!(v.value, None);
                    m.code.clone()
                })
        })
        .collect();
    assert!(!masked.is_empty() && masked.len() < 20, "{masked:?}");

    // Unknown series and a `by` series without its selection are errors, not empty values.
    assert!(matches!(
        panel.resolve(geo, "no_such_series", None, "3025", 2019, jan1(2020)),
        Err(ResolveError::UnknownSeries { .. })
    ));
}

#[tokio::test]
async fn a_series_family_is_read_by_member() {
    let (_d, _p, store) = fresh().await;
    import(
        &store,
        "snapshot/synthetic/ssb_07984_SYNTETISK_2015_2025.json",
    )
    .await;
    import(
        &store,
        "snapshot/synthetic/ssb_11618_SYNTETISK_2015-2016_2023-2025.json",
    )
    .await;
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let panel = store
        .series_panel(&catalogue, &["jobs_by_industry", "jobs"], 2023..=2023)
        .await
        .unwrap();
    let members = panel.members("jobs_by_industry");
    assert_eq!(members.len(), 17, "{members:?}");
    assert!(members.iter().any(|m| m == "10-33"));
    assert!(matches!(
        panel.resolve(geo, "jobs_by_industry", None, "3025", 2023, jan1(2023)),
        Err(ResolveError::NeedsSelection { .. })
    ));
    // The groups sum to the jobs (the generator apportions the jobs over them) in a year both
    // are synthetic (2017–2022 jobs are SSB's own 11618 figures).
    let total: f64 = members
        .iter()
        .map(|m| {
            panel
                .resolve(geo, "jobs_by_industry", Some(m), "3025", 2023, jan1(2023))
                .unwrap()
                .value
                .unwrap()
        })
        .sum();
    let jobs = panel
        .resolve(geo, "jobs", None, "3025", 2023, jan1(2023))
        .unwrap();
    assert_eq!(Some(total), jobs.value);
    let r = store
        .resolve_def(
            geo,
            "jobs_by_industry",
            catalogue.get("jobs_by_industry").unwrap(),
            "3025",
            2023,
            Some(jan1(2023)),
            Some("10-33"),
        )
        .await
        .unwrap();
    let p = panel
        .resolve(
            geo,
            "jobs_by_industry",
            Some("10-33"),
            "3025",
            2023,
            jan1(2023),
        )
        .unwrap();
    assert_eq!(p.value, r.value);
    assert!(p.synthetic && r.synthetic);
}

#[tokio::test]
async fn a_commuting_block_from_the_panel_is_what_resolve_gives() {
    // SSB's real 03321 matrices (2017 on the old borders, 2020 and 2022 on the merged ones):
    // the block of a merged municipality (Asker 3025/3203 = 0220 + 0627 + 0628 in 2017) and
    // the diagonal of every other, for every municipality of 2020 and of 2024.
    let (_d, _path, store) = fresh().await;
    for f in [
        "snapshot/real/ssb_03321_pendling_2017.json",
        "snapshot/real/ssb_03321_pendling_2020.json",
        "snapshot/real/ssb_03321_pendling_2022.json",
    ] {
        import(&store, f).await;
    }
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let series = "employed_residents_local";
    let panel = store
        .series_panel(&catalogue, &[series], 2017..=2022)
        .await
        .unwrap();
    let mut with_value = 0;
    let mut refused = 0;
    for at in [jan1(2020), jan1(2024)] {
        for m in geo.municipalities_at(at).unwrap() {
            for year in [2017, 2020, 2022] {
                let p = panel.resolve(geo, series, None, &m.code, year, at);
                let r = store
                    .resolve(geo, &catalogue, series, &m.code, year, Some(at))
                    .await;
                // A code split without weights (1850 Tysfjord, 2020) is refused by both.
                let (p, r) = match (p, r) {
                    (Ok(p), Ok(r)) => (p, r),
                    (Err(ResolveError::Geography(_)), Err(ResolveError::Geography(_))) => {
                        refused += 1;
                        continue;
                    }
                    (p, r) => panic!("{} {year} at {at}: {p:?} vs {r:?}", m.code),
                };
                assert_eq!(p.value, r.value, "{} {year} at {at}: {p:?}", m.code);
                assert_eq!(p.synthetic, r.synthetic, "{} {year}", m.code);
                assert_eq!(p.method, Method::CommutingBlock);
                assert_eq!(p.missing.is_some(), r.missing.is_some(), "{}", m.code);
                with_value += usize::from(p.value.is_some());
            }
        }
    }
    assert!(with_value > 1500, "{with_value}");
    assert!(refused <= 30, "{refused}");
    let asker = panel
        .resolve(geo, series, None, "3203", 2017, jan1(2024))
        .unwrap();
    assert_eq!(asker.components, ["0220", "0627", "0628"]);
    assert!(asker.value.unwrap() > 15_000.0, "{asker:?}");
}
