//! The plan's indicators for another municipality and one indicator compared across
//! municipalities (issue 17, items 1 and 2), on a fresh store with the bundled data: a peer's
//! value is checked against a hand computation from the stored series, the plan municipality's
//! row against the dashboard's own, and another municipality's values are never judged against
//! the plan's (Asker's) ambitions.

mod common;

use common::{json, output, run, serve, stored};
use serde_json::Value;

#[test]
fn indicators_for_any_municipality_and_compare_across_peers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");

    // Bærum's indicators: its own code and name, values only.
    let list = json(
        &db,
        &["indicators", "--municipality", "3201", "--format", "json"],
    );
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for ind in list {
        assert_eq!(ind["evaluation"]["municipality_code"], "3201");
        assert!(
            ind["trend"].is_null() && ind["projection"].is_null(),
            "{ind}"
        );
        for y in ind["years"].as_array().unwrap() {
            let verdict = y["verdict"].as_str().unwrap();
            assert!(
                verdict != "achieved" && verdict != "not_achieved",
                "Bærum judged against Asker's ambition: {y}"
            );
            assert!(y["ambition"].is_null(), "{y}");
        }
    }

    // kortreist for Asker, Bærum and Drammen.
    let c = json(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--peers",
            "3201,3301",
            "--format",
            "json",
        ],
    );
    let rows = c["rows"].as_array().unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["3203", "3201", "3301"]);
    assert_eq!(rows[2]["name"], "Drammen");
    assert_eq!(rows[0]["plan_municipality"], true);
    fn value(row: &Value, year: i64) -> &Value {
        row["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["year"] == year)
            .unwrap_or_else(|| panic!("{} {year}", row["code"]))
    }
    // Drammen 2020 by hand: employed residents working in Drammen / employed residents, × 100,
    // from the stored series (SSB 03321 and 11618, real).
    let d = value(&rows[2], 2020);
    assert_eq!(d["demo"], false, "{d}");
    let local = stored(&db, "employed_residents_local", "3301", "2020");
    let employed = stored(&db, "employed_residents", "3301", "2020");
    let by_hand = local / employed * 100.0;
    assert!(
        (d["value"].as_f64().unwrap() - by_hand).abs() < 1e-9,
        "{d} vs {local} / {employed}"
    );
    // Asker's row is the dashboard's value that counts.
    let own = json(&db, &["indicators", "--format", "json"]);
    let kortreist = own
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["evaluation"]["indicator_id"] == "kortreist")
        .unwrap();
    for y in kortreist["years"].as_array().unwrap() {
        let year = y["year"].as_i64().unwrap();
        if let Some(v) = y["value"]["value"].as_f64() {
            assert_eq!(value(&rows[0], year)["value"].as_f64(), Some(v), "{year}");
        }
    }

    // The API gives Drammen's indicators with the same value, unjudged; an unknown code is a 404.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let api = rt.block_on(async {
        let base = serve(&db).await;
        let api: Value = reqwest::get(format!("{base}/api/indicators?municipality=3301"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let unknown = reqwest::get(format!("{base}/api/indicators?municipality=9999"))
            .await
            .unwrap()
            .status();
        let page = |q: &'static str| {
            let url = format!("{base}/indikatorer/kortreist{q}");
            async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
        };
        let compared: Value = reqwest::get(format!(
            "{base}/api/compare?indicator=kortreist&peers=3201,3301"
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        (
            api,
            unknown,
            page("").await,
            page("?peers=3301").await,
            compared,
        )
    });
    let (api, unknown, default_page, drammen_page, compared) = api;
    // The API's comparison is the CLI's, value for value.
    assert_eq!(compared, c, "/api/compare vs naeringsplan compare");
    // The indicator page compares with the plan's own peers by default (§3.1 and the
    // Kommune-NM table), and with the codes given; Asker's row is highlighted.
    for name in [
        "Drammen",
        "Lier",
        "Bærum",
        "Oslo",
        "Kongsberg",
        "Ullensaker",
        "Ås",
    ] {
        assert!(
            default_page.contains(&format!("<th scope=\"row\">{name}")),
            "default peers lack {name}"
        );
    }
    // The bars are drawn from real values only: Asker's highlighted, one per municipality with a
    // real value in the rank's year.
    let bars = &default_page[default_page.find("figure class=\"chart peers\"").unwrap()..];
    let bars = &bars[..bars.find("</figure>").unwrap()];
    assert_eq!(bars.matches("class=\"peer-bar own\"").count(), 1, "{bars}");
    assert!(bars.matches("class=\"peer-bar").count() >= 2, "{bars}");
    let section = &drammen_page[drammen_page.find("id=\"sammenligning\"").unwrap()..];
    assert!(section.contains("<tr class=\"own\"><th scope=\"row\">Asker"));
    let row = &section[section.find("<th scope=\"row\">Drammen").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains(&plan::fmt::value(
            d["value"].as_f64().unwrap(),
            plan::Unit::Percent
        )),
        "{row}"
    );
    assert!(
        !section.contains("<th scope=\"row\">Lier"),
        "only the peers asked for"
    );
    assert_eq!(unknown, 404);
    let k = api
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "kortreist")
        .unwrap();
    assert!(k["projection"].is_null() && k["trend"].is_null(), "{k}");
    let y2020 = k["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2020)
        .unwrap();
    assert_eq!(y2020["result"]["value"], d["value"], "{y2020}");
    assert_eq!(y2020["verdict"], "no_ambition");

    // The table marks demo values and the plan's municipality.
    let out = run(
        &db,
        &["compare", "--indicator", "kortreist", "--peers", "3301"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("*3203 Asker"), "{text}");
    assert!(text.contains(" 3301 Drammen"), "{text}");

    // An unknown code or indicator: a clear error, exit non-zero.
    let out = output(
        &db,
        &["compare", "--indicator", "kortreist", "--peers", "9999"],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ukjent kommunenummer 9999"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = output(&db, &["compare", "--indicator", "nope", "--peers", "3301"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ukjent indikator nope"));
}

#[test]
fn similar_municipalities_are_the_nearest_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = json(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--similar",
            "3",
            "--weights",
            "folketall=1",
            "--format",
            "json",
        ],
    );
    let s = &out["similar"];
    let year = s["year"].as_i64().unwrap().to_string();
    let features = s["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    // The population is real (SSB 07459), so the choice is a finding, not a demonstration.
    assert_eq!(features[0]["demo"], false, "{s}");
    let rows = s["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    // By hand from the stored series: on the log population alone the distance is
    // |ln p − ln p(Asker)| / sd, so the nearest are those with the smallest gap, and the
    // distances stand in the ratio of the gaps (the sd cancels).
    let gap = |code: &str| {
        (stored(&db, "population", code, &year).ln()
            - stored(&db, "population", s["code"].as_str().unwrap(), &year).ln())
        .abs()
    };
    let gaps: Vec<f64> = rows
        .iter()
        .map(|r| gap(r["code"].as_str().unwrap()))
        .collect();
    assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
    let d0 = rows[0]["distance"].as_f64().unwrap();
    for (r, g) in rows.iter().zip(&gaps) {
        let ratio = r["distance"].as_f64().unwrap() / d0;
        assert!((ratio - g / gaps[0]).abs() < 1e-9, "{r} {g}");
        assert_eq!(r["demo"], false);
    }
    // Municipalities of other sizes are farther: Oslo (much larger), Lier (much smaller).
    for far in ["0301", "3312"] {
        assert!(gap(far) >= gaps[2], "{far}");
    }
    // The comparison is of the plan municipality and the three found, by today's codes.
    let compared: Vec<&str> = out["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let found: Vec<&str> = rows
        .iter()
        .map(|r| r["code_now"].as_str().unwrap())
        .collect();
    assert_eq!(compared[0], "3203");
    assert_eq!(&compared[1..], &found[..]);
    // The API finds and compares the same; a count out of range is a 400.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (api, too_many) = rt.block_on(async {
        let base = serve(&db).await;
        let api: Value = reqwest::get(format!(
            "{base}/api/compare?indicator=kortreist&similar=3&weights=folketall%3D1"
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        let too_many = reqwest::get(format!("{base}/api/compare?indicator=kortreist&similar=99"))
            .await
            .unwrap()
            .status();
        (api, too_many)
    });
    assert_eq!(
        api, out,
        "/api/compare?similar= vs naeringsplan compare --similar"
    );
    assert_eq!(too_many, 400);
    // Unknown features and bad weights are refused with the known ids named.
    let bad = common::output(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--similar",
            "3",
            "--weights",
            "skatt=1",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("ukjent kjennetegn «skatt»"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

/// The median of some values (sorted here).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_municipality_from_the_national_panel_as_one_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let all = json(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--all",
            "--format",
            "json",
        ],
    );
    let rows = all["table"]["rows"].as_array().unwrap();
    assert!(rows.len() >= 350, "{}", rows.len());
    let value = |code: &str, year: i64| -> Option<(f64, bool)> {
        let r = rows.iter().find(|r| r["code"] == code)?;
        let v = r["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["year"] == year)?;
        Some((v["value"].as_f64().unwrap(), v["demo"].as_bool().unwrap()))
    };

    // The same values as the one-municipality path (each value resolved in the store), for the
    // plan municipality, merged ones (Drammen, Kristiansand, Ålesund after its 2024 split) and
    // others, wherever that path computed one.
    let peers = "3301,0301,4204,1508,5001,1103";
    let c = json(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--peers",
            peers,
            "--format",
            "json",
        ],
    );
    let mut compared = 0;
    for r in c["rows"].as_array().unwrap() {
        let code = r["code"].as_str().unwrap();
        for v in r["values"].as_array().unwrap() {
            let source = v["source"].as_str().unwrap();
            if source != "computed" && source != "demo" {
                continue; // a published or quoted figure is not the definition's
            }
            let year = v["year"].as_i64().unwrap();
            let (n, demo) = value(code, year).unwrap_or_else(|| panic!("{code} {year}"));
            assert_eq!(n, v["value"].as_f64().unwrap(), "{code} {year}");
            assert_eq!(demo, v["demo"].as_bool().unwrap(), "{code} {year}");
            compared += 1;
        }
    }
    assert!(compared >= 30, "{compared}");

    // Drammen 2022 by hand from the stored series (SSB 03321: residents working at home over
    // employed residents).
    let (drammen, demo) = value("3301", 2022).unwrap();
    assert!(!demo);
    let hand = 100.0 * stored(&db, "employed_residents_local", "3301", "2022")
        / stored(&db, "employed_residents", "3301", "2022");
    assert!((drammen - hand).abs() < 1e-9, "{drammen} vs {hand}");

    // The standing: percentile and medians recomputed from the table itself (real values
    // only; demo years are not placed).
    let s = all["standing"]["years"].as_array().unwrap();
    assert!(!s.is_empty());
    for st in s {
        let year = st["year"].as_i64().unwrap();
        let real: Vec<(&Value, f64)> = rows
            .iter()
            .filter_map(|r| match value(r["code"].as_str().unwrap(), year) {
                Some((v, false)) => Some((r, v)),
                _ => None,
            })
            .collect();
        let own = value("3203", year).unwrap();
        assert!(!own.1, "a demo value placed: {st}");
        assert_eq!(st["of"].as_u64().unwrap() as usize, real.len());
        let all_values: Vec<f64> = real.iter().map(|(_, v)| *v).collect();
        assert_eq!(st["national_median"].as_f64().unwrap(), median(all_values));
        let county = rows.iter().find(|r| r["code"] == "3203").unwrap()["county"].clone();
        let county_values: Vec<f64> = real
            .iter()
            .filter(|(r, _)| r["county"] == county)
            .map(|(_, v)| *v)
            .collect();
        assert_eq!(
            st["county_of"].as_u64().unwrap() as usize,
            county_values.len()
        );
        assert_eq!(st["county_median"].as_f64().unwrap(), median(county_values));
        let below = real.iter().filter(|(_, v)| *v < own.0).count() as f64;
        let ties = real.iter().filter(|(_, v)| *v == own.0).count() as f64 - 1.0;
        let pct = 100.0 * (below + ties / 2.0) / (real.len() - 1) as f64;
        assert!(
            (st["percentile"].as_f64().unwrap() - pct).abs() < 1e-9,
            "{st}"
        );
    }
    // Years resting on demo data are in the table, flagged, and never placed.
    assert!(value("3203", 2024).is_some_and(|(_, demo)| demo));
    assert!(!s.iter().any(|st| st["year"] == 2024));

    // The comparison carries the same standing; the API gives the same table.
    assert_eq!(c["national"]["years"], all["standing"]["years"]);
    let base = serve(&db).await;
    let api: Value = reqwest::get(format!("{base}/api/compare/all?indicator=kortreist"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api, all);

    // An indicator no definition computes nationally is refused with those that are.
    let out = output(
        &db,
        &["compare", "--indicator", "kommune-nm-total", "--all"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("beregnes ikke for alle kommuner") && err.contains("kortreist"),
        "{err}"
    );
}
