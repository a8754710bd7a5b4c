//! One value, one source, one verdict per indicator-year, whichever output shows it: the CLI
//! (`indicators --format json`), the JSON API (`/api/indicators`), the indicator page and the
//! council report (Markdown) are compared for every indicator-year of the embedded default on a
//! fresh store with the bundled data (real where a public copy exists, demo elsewhere). And a
//! demo value is never judged in any of them.

mod common;

use std::collections::BTreeMap;

use common::run;

/// What one output says about one indicator-year.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    value: Option<f64>,
    source: Option<String>,
    verdict: String,
}

type Key = (String, i64);

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-6 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// The Norwegian verdict label of the web pages, by machine name.
fn web_label(verdict: &str) -> &'static str {
    match verdict {
        "achieved" => "Nådd",
        "not_achieved" => "Ikke nådd",
        "no_data" => "Kan ikke vurderes (mangler data)",
        "no_ambition" => "Ingen ambisjon dette året",
        "demo_not_judged" => "Demodata – ikke vurdert",
        other => panic!("unknown verdict {other}"),
    }
}

/// The report's mark in the chapter-6 table, by machine name.
fn report_mark(verdict: &str) -> Option<&'static str> {
    match verdict {
        "achieved" => Some("✓ nådd"),
        "not_achieved" => Some("✗ ikke nådd"),
        "no_data" => Some("ingen data"),
        "demo_not_judged" => Some("ikke vurdert"),
        _ => None,
    }
}

/// The Norwegian label of a projection verdict, by machine name.
fn projection_label(verdict: &str) -> &'static str {
    match verdict {
        "target_reached" => "målet er nådd",
        "on_track" => "på vei mot målet",
        "needs_faster_pace" => "trenger høyere tempo",
        "not_reached" => "målet ble ikke nådd",
        "no_target" => "ingen målverdi å vurdere mot",
        "demo_not_judged" => "ikke vurdert – demodata",
        "not_available" => "kan ikke framskrives",
        other => panic!("unknown projection verdict {other}"),
    }
}

#[test]
fn cli_api_page_and_report_show_the_same_value_source_and_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");

    // 1. The CLI.
    let out = run(&db, &["indicators", "--format", "json"]);
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut from_cli: BTreeMap<Key, Shown> = BTreeMap::new();
    let mut units: BTreeMap<String, String> = BTreeMap::new();
    for ind in cli.as_array().unwrap() {
        let id = ind["evaluation"]["indicator_id"]
            .as_str()
            .unwrap()
            .to_string();
        units.insert(
            id.clone(),
            ind["evaluation"]["unit"].as_str().unwrap().to_string(),
        );
        for y in ind["years"].as_array().unwrap() {
            from_cli.insert(
                (id.clone(), y["year"].as_i64().unwrap()),
                Shown {
                    value: y["value"]["value"].as_f64(),
                    source: y["value"]["source"].as_str().map(str::to_string),
                    verdict: y["verdict"].as_str().unwrap().to_string(),
                },
            );
        }
    }
    assert_eq!(units.len(), 5);
    assert_eq!(from_cli.len(), 5 * 8, "five indicators × 2017–2024");
    // A demo value never carries a verdict; a judged value never rests on demo data.
    for (k, s) in &from_cli {
        if s.source.as_deref() == Some("demo") {
            assert!(
                s.verdict == "demo_not_judged" || s.verdict == "no_ambition",
                "{k:?}: demo value judged: {s:?}"
            );
        }
        if s.verdict == "achieved" || s.verdict == "not_achieved" {
            assert_ne!(s.source.as_deref(), Some("demo"), "{k:?}");
        }
    }

    // 2. The council report (Markdown), same store.
    let report = dir.path().join("r.md");
    // The 2024 report as of a day when every table year had ended (by default a report leaves
    // out the figures of years not ended by its period's last day; checked below).
    run(
        &db,
        &[
            "report",
            "--year",
            "2024",
            "--data-as-of",
            "2025-06-30",
            "--format",
            "md",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(&report).unwrap();
    let as_of_period = dir.path().join("as-of-period.md");
    run(
        &db,
        &[
            "report",
            "--year",
            "2024",
            "--format",
            "md",
            "--out",
            as_of_period.to_str().unwrap(),
        ],
    );
    let md_period = std::fs::read_to_string(&as_of_period).unwrap();

    // 3. The API and the pages, same store.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (api, pages) = rt.block_on(async {
        let store = store::Store::open(db.to_str().unwrap()).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = web::AppState::new(store, "3203".into());
        tokio::spawn(web::serve(listener, state, std::future::pending()));
        let client = reqwest::Client::new();
        let get = |path: String| {
            let client = client.clone();
            let url = format!("{base}{path}");
            async move { client.get(url).send().await.unwrap().text().await.unwrap() }
        };
        let api: serde_json::Value =
            serde_json::from_str(&get("/api/indicators".into()).await).unwrap();
        let mut pages = BTreeMap::new();
        for id in units.keys() {
            pages.insert(id.clone(), get(format!("/indikatorer/{id}")).await);
            pages.insert(
                format!("{id}.csv"),
                get(format!("/indikatorer/{id}/data?format=csv")).await,
            );
        }
        pages.insert("/".into(), get("/".into()).await);
        // The ranking's download against its JSON.
        for path in ["/api/ranking", "/rangering/data"] {
            pages.insert(path.into(), get(path.into()).await);
        }
        (api, pages)
    });

    let mut from_api: BTreeMap<Key, Shown> = BTreeMap::new();
    for ind in api.as_array().unwrap() {
        let id = ind["id"].as_str().unwrap().to_string();
        for y in ind["years"].as_array().unwrap() {
            from_api.insert(
                (id.clone(), y["year"].as_i64().unwrap()),
                Shown {
                    value: y["result"]["value"].as_f64(),
                    source: y["result"]["source"].as_str().map(str::to_string),
                    verdict: y["verdict"].as_str().unwrap().to_string(),
                },
            );
        }
        // The headline is the latest real value, with that year's own verdict.
        if let Some(ly) = ind["latest_year"].as_i64() {
            let row = &from_cli[&(id.clone(), ly)];
            assert!(close(ind["latest_value"].as_f64(), row.value), "{id}");
            assert_eq!(ind["judgement"].as_str().unwrap(), row.verdict, "{id}");
            assert_ne!(row.source.as_deref(), Some("demo"), "{id}");
        }
    }
    assert_eq!(from_api.len(), from_cli.len());
    for (k, c) in &from_cli {
        let a = &from_api[k];
        assert!(close(a.value, c.value), "{k:?}: API {a:?} vs CLI {c:?}");
        assert_eq!(a.source, c.source, "{k:?}");
        assert_eq!(a.verdict, c.verdict, "{k:?}");
    }

    // The indicator page: each year's table row shows the CLI's value and verdict.
    for ((id, year), c) in &from_cli {
        let html = &pages[id];
        let start = html
            .find(&format!("<th scope=\"row\">{year}</th>"))
            .unwrap_or_else(|| panic!("{id} {year}: no table row"));
        let row = &html[start..start + html[start..].find("</tr>").unwrap()];
        assert!(
            row.contains(web_label(&c.verdict)),
            "{id} {year}: page row lacks verdict {}: {row}",
            c.verdict
        );
        if let Some(v) = c.value {
            let unit: plan::Unit =
                serde_json::from_value(serde_json::Value::String(units[id].clone())).unwrap();
            let shown = plan::fmt::value(v, unit);
            assert!(
                row.contains(&shown),
                "{id} {year}: page row lacks {shown}: {row}"
            );
            // The result cell carries the demo badge exactly when the value is demo.
            let cell_start = row.find("num result").unwrap();
            let cell = &row[cell_start..cell_start + row[cell_start..].find("</td>").unwrap()];
            assert_eq!(
                cell.contains("badge demo"),
                c.source.as_deref() == Some("demo"),
                "{id} {year}: {cell}"
            );
        }
    }
    // Each indicator's CSV download holds the value that counts of every year, with its source
    // kind and demo flag, and the verdict: the same as the CLI.
    for ((id, year), c) in &from_cli {
        let csv = &pages[&format!("{id}.csv")];
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("indicator_id,year,value,unit,counts,source_kind,demo,source,ambition,verdict")
        );
        let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let year_rows: Vec<&Vec<String>> =
            rows.iter().filter(|r| r[1] == year.to_string()).collect();
        assert!(!year_rows.is_empty(), "{id} {year}: no CSV row");
        match c.value {
            Some(v) => {
                let counting = year_rows
                    .iter()
                    .find(|r| r[4] == "true")
                    .unwrap_or_else(|| panic!("{id} {year}: no counting row"));
                assert!((counting[2].parse::<f64>().unwrap() - v).abs() < 1e-9);
                assert_eq!(Some(counting[5].as_str()), c.source.as_deref());
                assert_eq!(counting[6] == "true", c.source.as_deref() == Some("demo"));
                assert_eq!(counting[9], c.verdict, "{id} {year}");
                assert!(!counting[7].is_empty(), "{id} {year}: the source is named");
            }
            None => assert!(
                year_rows.iter().all(|r| r[4] == "false"),
                "{id} {year}: no value counts"
            ),
        }
    }

    // The ranking's CSV download: every municipality of the JSON with the same rank and
    // synthetic flag.
    let ranking: serde_json::Value = serde_json::from_str(&pages["/api/ranking"]).unwrap();
    let csv_rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(pages["/rangering/data"].as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
    let json_rows = ranking["rows"].as_array().unwrap();
    assert_eq!(csv_rows.len(), json_rows.len());
    for (c, j) in csv_rows.iter().zip(json_rows) {
        assert_eq!(&c[1], j["code"].as_str().unwrap());
        assert_eq!(c[5].parse::<u64>().ok(), j["rank"].as_u64(), "{}", &c[1]);
        assert_eq!(
            &c[c.len() - 1],
            if j["synthetic"].as_bool().unwrap() {
                "true"
            } else {
                "false"
            }
        );
    }

    // The projection to the plan's last year: the same verdict and projected value in the CLI,
    // the API, on the indicator page and in the report (as of a day when every table year had
    // ended, the report knows what the dashboard knows); never from demo values.
    for ind in cli.as_array().unwrap() {
        let id = ind["evaluation"]["indicator_id"].as_str().unwrap();
        let p = &ind["projection"];
        let verdict = p["verdict"].as_str().unwrap_or_else(|| panic!("{id}: {p}"));
        let api_ind = api
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        assert_eq!(api_ind["projection"]["verdict"], verdict, "{id}");
        assert!(
            close(
                api_ind["projection"]["projected"].as_f64(),
                p["projected"].as_f64()
            ),
            "{id}"
        );
        let label = projection_label(verdict);
        let page = &pages[id];
        let section = &page[page.find("id=\"framskriving\"").expect(id)..];
        assert!(section.contains(label), "{id}: page lacks {label}");
        assert!(
            md.contains(&format!("Framskriving til 2024: {label}")),
            "{id}: report lacks the projection {label}"
        );
        // The latest value that counts is demo → nothing projected, and the reason is given.
        let latest_is_demo = ind["years"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|y| !y["value"].is_null())
            .is_some_and(|y| y["value"]["source"] == "demo");
        if latest_is_demo {
            assert_eq!(verdict, "demo_not_judged", "{id}");
            assert!(p["projected"].is_null(), "{id}");
            assert!(
                !page.contains("class=\"proj-line\""),
                "{id}: projection drawn from demo"
            );
        }
        if verdict == "demo_not_judged" {
            assert!(latest_is_demo, "{id}");
        }
    }

    // Nothing on the home page pairs a demo value with Nådd/Ikke nådd: demo cards say so.
    let home = &pages["/"];
    for card in home.split("<li class=\"card\">").skip(1) {
        if let Some(demo) = card.find("demo-value") {
            let demo_part = &card[demo..];
            assert!(!demo_part.contains(">Nådd<") && !demo_part.contains(">Ikke nådd<"));
        }
    }
    assert!(
        home.contains("Demonstrasjon."),
        "the first page says it is a demonstration"
    );

    // The report's chapter-6 table: one row per indicator, a cell per year with the same value
    // and mark.
    let header = md
        .lines()
        .find(|l| l.starts_with("| Indikator | 2017"))
        .expect("chapter-6 table");
    let years: Vec<i64> = header
        .split('|')
        .skip(2)
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    assert_eq!(years, (2017..=2024).collect::<Vec<_>>());
    for ind in cli.as_array().unwrap() {
        let id = ind["evaluation"]["indicator_id"].as_str().unwrap();
        let number = ind["evaluation"]["number"].as_i64().unwrap();
        let unit: plan::Unit =
            serde_json::from_value(serde_json::Value::String(units[id].clone())).unwrap();
        let row = |md: &str| -> String {
            md.lines()
                .skip_while(|l| *l != header)
                .find(|l| l.starts_with(&format!("| {number}. ")))
                .unwrap_or_else(|| panic!("{id}: no report row"))
                .to_string()
        };
        // As of the period's last day: 2024's figures are left out, the earlier years as below.
        let line = row(&md_period);
        let cells: Vec<&str> = line.split('|').skip(2).map(str::trim).collect();
        assert!(
            cells[years.len() - 1].contains("ikke publisert ennå")
                && !cells[years.len() - 1].contains('✓')
                && !cells[years.len() - 1].contains('✗'),
            "{id} 2024 as of 2024-12-31: {:?}",
            cells[years.len() - 1]
        );
        assert_eq!(
            cells[..years.len() - 1],
            row(&md)
                .split('|')
                .skip(2)
                .map(str::trim)
                .collect::<Vec<_>>()[..years.len() - 1],
            "{id}: the years before 2024 are the same in both reports"
        );
        let line = row(&md);
        let cells: Vec<&str> = line.split('|').skip(2).map(str::trim).collect();
        for (i, year) in years.iter().enumerate() {
            let c = &from_cli[&(id.to_string(), *year)];
            let cell = cells[i];
            match c.value {
                Some(v) => {
                    let shown = plan::fmt::value(v, unit);
                    assert!(
                        cell.starts_with(&shown),
                        "{id} {year}: report cell {cell:?} does not start with {shown}"
                    );
                    assert_eq!(
                        cell.contains("(demo)"),
                        c.source.as_deref() == Some("demo"),
                        "{id} {year}: {cell}"
                    );
                }
                None => assert!(!cell.chars().next().is_some_and(|ch| ch.is_ascii_digit())),
            }
            match report_mark(&c.verdict) {
                Some(m) => assert!(cell.contains(m), "{id} {year}: {cell:?} lacks {m}"),
                None => assert!(
                    !cell.contains('✓') && !cell.contains('✗'),
                    "{id} {year}: {cell:?}"
                ),
            }
        }
    }
}
