//! The plan's indicators for another municipality and one indicator compared across
//! municipalities (issue 17, items 1 and 2), on a fresh store with the bundled data: a peer's
//! value is checked against a hand computation from the stored series, the plan municipality's
//! row against the dashboard's own, and another municipality's values are never judged against
//! the plan's (Asker's) ambitions.

mod common;

use common::{output, run};
use serde_json::Value;

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    serde_json::from_slice(&run(db, args).stdout).unwrap()
}

fn stored(db: &std::path::Path, series: &str, region: &str, year: &str) -> f64 {
    let v = json(
        db,
        &[
            "stats", "get", "--series", series, "--region", region, "--year", year, "--format",
            "json",
        ],
    );
    v["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{series} {region} {year}: {v}"))
}

/// Serves the store at `db` (the embedded default's municipality) on a free port; its base URL.
async fn serve(db: &std::path::Path) -> String {
    let store = store::Store::open(db.to_str().unwrap()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(web::serve(
        listener,
        web::AppState::new(store, "3203".into()),
        std::future::pending(),
    ));
    base
}

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
