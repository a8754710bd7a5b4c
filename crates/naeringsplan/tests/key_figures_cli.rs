//! The chapter-3 key figures (issue 17 item 4) and a strategy's monitoring key figure (item 5)
//! on a fresh store with the bundled data: a value checked against a hand computation from the
//! stored series; `naeringsplan key-figures`, the page `/nokkeltall`, its CSV and JSON and the
//! focus area's page showing the same value and demo flag; demo values marked; a figure the
//! store cannot give is missing with its reason.

mod common;

use common::{json, output, run, serve, stored};
use serde_json::Value;

fn row<'a>(k: &'a Value, id: &str) -> &'a Value {
    k["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no key figure {id}"))
}

/// The page's table row of a key figure (`<tr id="tall-…">` … `</tr>`).
fn page_row<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<tr id=\"tall-{id}\">"))
        .unwrap_or_else(|| panic!("no row {id}"));
    let rest = &page[start..];
    &rest[..rest.find("</tr>").unwrap()]
}

/// The CSV's row for a figure and municipality, as a header → cell map.
fn csv_row(csv: &str, figure: &str, code: &str) -> std::collections::HashMap<String, String> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for rec in r.records() {
        let rec = rec.unwrap();
        let m: std::collections::HashMap<String, String> = header
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        if m["figure_id"] == figure && m["municipality_code"] == code {
            return m;
        }
    }
    panic!("no CSV row {figure} {code}");
}

#[test]
fn key_figures_agree_everywhere_and_demo_values_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");

    // Asker 2022 beside Bærum and Drammen: egendekning from real SSB 11618.
    let k = json(
        &db,
        &[
            "key-figures",
            "--year",
            "2022",
            "--peers",
            "3201,3301",
            "--format",
            "json",
        ],
    );
    assert_eq!(k["municipality"]["code"], "3203");
    assert_eq!(k["year"], 2022);
    let e = row(&k, "egendekning");
    let v = &e["own"]["value"];
    assert_eq!(v["demo"], false, "{v}");
    assert_eq!(v["source"], "computed");
    // By hand: jobs / employed residents × 100, from the stored series.
    let jobs = stored(&db, "jobs", "3203", "2022");
    let employed = stored(&db, "employed_residents", "3203", "2022");
    let egendekning = v["value"].as_f64().unwrap();
    assert!(
        (egendekning - 100.0 * jobs / employed).abs() < 1e-9,
        "{v} vs {jobs} / {employed}"
    );
    assert!(v["detail"].as_str().unwrap().contains("SSB 11618"), "{v}");
    // The plan's quote stands beside, with its source (chapter 3.1: 77 % in 2019).
    assert_eq!(e["quote"]["value"], 77.0);
    assert_eq!(e["quote"]["year"], 2019);
    assert!(e["quote"]["source"].as_str().unwrap().contains("3.1"));
    // A peer by hand too.
    let baerum = &e["peers"][0];
    assert_eq!(baerum["code"], "3201");
    let by_hand = 100.0 * stored(&db, "jobs", "3201", "2022")
        / stored(&db, "employed_residents", "3201", "2022");
    assert!((baerum["value"]["value"].as_f64().unwrap() - by_hand).abs() < 1e-9);
    // The public-sector share rests on the synthetic SSB 13472: shown, marked demo.
    let public = &row(&k, "offentlig_andel")["own"]["value"];
    assert_eq!(public["demo"], true, "{public}");
    assert_eq!(public["source"], "demo");
    assert!(public["detail"].as_str().unwrap().contains("syntetiske"));
    // kortreist is the dashboard's computed value of the indicator.
    let c = json(
        &db,
        &[
            "compare",
            "--indicator",
            "kortreist",
            "--peers",
            "3201",
            "--year",
            "2022",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        c["rows"][0]["values"][0]["value"].as_f64(),
        row(&k, "kortreist")["own"]["value"]["value"].as_f64()
    );
    // Without a register file the register figures are missing, with the reason, never 0.
    let reg = &row(&k, "kunnskapsintensiv_andel")["own"];
    assert!(reg["value"].is_null(), "{reg}");
    assert!(
        reg["missing"]["nb"]
            .as_str()
            .unwrap()
            .contains("Enhetsregisteret"),
        "{reg}"
    );
    // 2023 rests on the synthetic 11618 years: egendekning is demo.
    let k23 = json(&db, &["key-figures", "--year", "2023", "--format", "json"]);
    let e23 = &row(&k23, "egendekning")["own"]["value"];
    assert_eq!(e23["demo"], true, "{e23}");
    // The table says the same, demo marked.
    let table = String::from_utf8(run(&db, &["key-figures", "--year", "2022"]).stdout).unwrap();
    let shown = plan::fmt::value(egendekning, plan::Unit::Percent).replace(plan::fmt::NBSP, " ");
    let line = table.lines().find(|l| l.contains("[egendekning]")).unwrap();
    assert!(line.ends_with(&format!(": {shown}")), "{line}");
    let line = table
        .lines()
        .find(|l| l.contains("[offentlig_andel]"))
        .unwrap();
    assert!(line.ends_with(" demo"), "{line}");
    // A year outside the range is refused.
    assert!(
        !output(&db, &["key-figures", "--year", "1990"])
            .status
            .success()
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (page, page23, csv, data, api, area, bad) = rt.block_on(async {
        let base = serve(&db).await;
        let get = |path: String| async move { reqwest::get(path).await.unwrap() };
        let text =
            |path: String| async move { reqwest::get(path).await.unwrap().text().await.unwrap() };
        (
            text(format!("{base}/nokkeltall?ar=2022&peers=3201,3301")).await,
            text(format!("{base}/nokkeltall?ar=2023")).await,
            text(format!(
                "{base}/nokkeltall/data?kommune=3203&ar=2022&peers=3201,3301&format=csv"
            ))
            .await,
            get(format!(
                "{base}/nokkeltall/data?kommune=3203&ar=2022&peers=3201,3301&format=json"
            ))
            .await
            .json::<Value>()
            .await
            .unwrap(),
            get(format!(
                "{base}/api/key-figures?municipality=3203&year=2022&peers=3201,3301"
            ))
            .await
            .json::<Value>()
            .await
            .unwrap(),
            text(format!("{base}/innsatsomrader/5.7")).await,
            get(format!("{base}/nokkeltall?ar=1990")).await.status(),
        )
    });
    // The page: the same value, no demo badge on a real one, the badge on a demo one.
    let pv = plan::fmt::value(egendekning, plan::Unit::Percent);
    let r = page_row(&page, "egendekning");
    assert!(r.contains(&pv), "{r}");
    assert!(!r.contains("badge demo"), "{r}");
    assert!(
        r.contains("77\u{a0}%") && r.contains("Temaplan næring, kap. 3.1"),
        "{r}"
    );
    assert!(page_row(&page, "offentlig_andel").contains("badge demo"));
    assert!(page_row(&page23, "egendekning").contains("badge demo"));
    assert!(page.contains("href=\"https://www.ssb.no/statbank/table/11618\""));
    assert!(page.contains("id=\"om-dataene\""));
    assert!(
        page.contains(
            "/nokkeltall/data?kommune=3203&amp;ar=2022&amp;peers=3201,3301&amp;format=csv"
        )
    );
    // The CSV: the same value and flags.
    let c = csv_row(&csv, "egendekning", "3203");
    assert_eq!(c["value"].parse::<f64>().unwrap(), egendekning);
    assert_eq!(c["demo"], "false");
    assert_eq!(c["source_kind"], "computed");
    assert_eq!(c["plan_quote"], "77");
    assert_eq!(csv_row(&csv, "offentlig_andel", "3203")["demo"], "true");
    assert_eq!(
        csv_row(&csv, "egendekning", "3301")["municipality"],
        "Drammen"
    );
    // The JSON is the CLI's.
    assert_eq!(
        data, k,
        "/nokkeltall/data?format=json vs naeringsplan key-figures"
    );
    assert_eq!(api, k, "/api/key-figures vs naeringsplan key-figures");
    // 5.7-s8 is monitored by egendekning: the same 2022 value; 2023 marked demo.
    let m = &area[area.find("Følges med nøkkeltallet").expect("monitor table")..];
    let m = &m[..m.find("</table>").unwrap()];
    let y22 = &m[m.find("<th scope=\"row\">2022</th>").unwrap()..];
    let y22 = &y22[..y22.find("</tr>").unwrap()];
    assert!(y22.contains(&pv) && !y22.contains("badge demo"), "{y22}");
    let y23 = &m[m.find("<th scope=\"row\">2023</th>").unwrap()..];
    let y23 = &y23[..y23.find("</tr>").unwrap()];
    assert!(y23.contains("badge demo"), "{y23}");
    assert_eq!(bad, 400);
}
