//! `naeringsplan fetch` against a local mock of SSB (never the network): the rate limit from
//! /config, a 429 answered by a retry, KLASS with `Accept: application/json`, the cache of raw
//! responses, real data superseding the snapshot's synthetic data, and the offline message.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Clone, Default)]
struct Hits {
    data: Arc<AtomicUsize>,
    config: Arc<AtomicUsize>,
    klass_json: Arc<AtomicUsize>,
    v0: Arc<AtomicUsize>,
}

/// A synthetic-superseding 11618 answer: real (no SYNTETISKE mark), Asker 2023 employed
/// residents (a year the snapshot's real 11618 copy does not cover, so the snapshot's value is
/// synthetic).
fn jobs_11618() -> String {
    r#"{"class":"dataset","version":"2.0","label":"11618: Sysselsatte per 4. kvartal","updated":"2024-02-23T07:00:00Z",
    "id":["Region","Kjonn","Alder","ContentsCode","Tid"],"size":[1,1,1,1,1],
    "dimension":{"Region":{"category":{"index":{"3025":0}}},"Kjonn":{"category":{"index":{"0":0}}},"Alder":{"category":{"index":{"15-74":0}}},
    "ContentsCode":{"category":{"index":{"SysselBosted":0},"unit":{"SysselBosted":{"base":"personer","decimals":0}}}},
    "Tid":{"category":{"index":{"2023":0}}}},
    "value":[51000],"role":{"time":["Tid"],"metric":["ContentsCode"],"geo":["Region"]},
    "extension":{"px":{"tableid":"11618","decimals":0}}}"#
        .to_owned()
}

fn mock(hits: Hits) -> String {
    let sample =
        std::fs::read(workspace().join("data/ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json"))
            .unwrap();
    let app = Router::new()
        .route(
            "/api/pxwebapi/v2/config",
            get(|State(h): State<Hits>| async move {
                h.config.fetch_add(1, Ordering::SeqCst);
                r#"{"maxCallsPerTimeWindow": 30, "timeWindow": 10}"#
            }),
        )
        .route(
            "/api/pxwebapi/v2/tables/{id}/data",
            get(
                move |State(h): State<Hits>, UrlPath(id): UrlPath<String>| {
                    let sample = sample.clone();
                    async move {
                        let n = h.data.fetch_add(1, Ordering::SeqCst);
                        if n == 0 {
                            // The first call is rate limited: the client must back off and retry.
                            return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], Vec::new())
                                .into_response();
                        }
                        match id.as_str() {
                            "07459" => (StatusCode::OK, sample).into_response(),
                            "11618" => (StatusCode::OK, jobs_11618()).into_response(),
                            _ => (StatusCode::NOT_FOUND, "no such table").into_response(),
                        }
                    }
                },
            ),
        )
        .route(
            "/api/v0/no/table/{id}",
            post(|State(h): State<Hits>| async move {
                h.v0.fetch_add(1, Ordering::SeqCst);
                (StatusCode::BAD_REQUEST, "bad query")
            }),
        )
        .route(
            "/api/klass/v1/classifications/{id}/{what}",
            get(
                |State(h): State<Hits>, headers: HeaderMap, UrlPath((_id, what)): UrlPath<(String, String)>| async move {
                    if headers.get("accept").and_then(|v| v.to_str().ok()) == Some("application/json") {
                        h.klass_json.fetch_add(1, Ordering::SeqCst);
                    } else {
                        return (StatusCode::NOT_ACCEPTABLE, "xml").into_response();
                    }
                    if what == "changes" {
                        r#"{"codeChanges":[{"oldCode":"0220","oldName":"Asker","newCode":"3025","newName":"Asker","changeOccurred":"2020-01-01"}]}"#.into_response()
                    } else {
                        r#"{"codes":[{"code":"3203","name":"Asker","level":"1","validFrom":"2024-01-01"}]}"#.into_response()
                    }
                },
            ),
        )
        .with_state(hits);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{}", rx.recv().unwrap())
}

fn run(db: &Path, args: &[&str]) -> Output {
    common::bin()
        .env_remove("NAERINGSPLAN_SSB_BASE_URL")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

const SOURCES: &str = r#"
[limits]
backoff_ms = 50
retries = 3

[[table]]
id = "07459"
params = [["valueCodes[Region]", "*"]]

[[table]]
id = "11618"
params = [["valueCodes[Region]", "*"]]

[[table]]
id = "03321"
api = "v0"
body = '{"query": [], "response": {"format": "json-stat2"}}'

[[klass]]
classification = "131"
from = "2017-01-01"
to = "2026-01-01"
"#;

#[test]
fn fetch_retries_after_429_caches_imports_and_real_supersedes_synthetic() {
    let hits = Hits::default();
    let base = mock(hits.clone());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let cache = dir.path().join("cache");
    let sources = dir.path().join("sources.toml");
    std::fs::write(&sources, SOURCES).unwrap();

    let before = run(
        &db,
        &[
            "stats",
            "get",
            "--series",
            "employed_residents",
            "--region",
            "3025",
            "--year",
            "2023",
            "--format",
            "json",
        ],
    );
    assert!(
        before.status.success(),
        "{}",
        String::from_utf8_lossy(&before.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(v["synthetic"], true, "the snapshot's series is synthetic");

    let out = run(
        &db,
        &[
            "fetch",
            "--base-url",
            &base,
            "--sources",
            &sources.display().to_string(),
            "--cache-dir",
            &cache.display().to_string(),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // 03321 is refused by the mock (400): reported, the rest goes on, exit 1.
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("/api/v0/no/table/03321: HTTP 400"),
        "{stderr}"
    );
    assert!(stdout.contains("tabell 07459"), "{stdout}");
    assert!(stdout.contains("tabell 11618"), "{stdout}");
    assert_eq!(hits.config.load(Ordering::SeqCst), 1);
    assert_eq!(
        hits.data.load(Ordering::SeqCst),
        3,
        "one 429, then 07459 and 11618"
    );
    assert_eq!(
        hits.klass_json.load(Ordering::SeqCst),
        2,
        "codes and changes, as JSON"
    );
    assert_eq!(hits.v0.load(Ordering::SeqCst), 1, "a 400 is not retried");
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(cached.len(), 4, "07459, 11618, KLASS codes and changes");

    let after = run(
        &db,
        &[
            "stats",
            "get",
            "--series",
            "employed_residents",
            "--region",
            "3025",
            "--year",
            "2023",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(v["value"], 51000.0);
    assert_eq!(v["synthetic"], false, "fetched data supersedes synthetic");
    assert!(
        v["provenance"][0]["source_url"]
            .as_str()
            .unwrap()
            .starts_with(&format!(
                "{base}/api/pxwebapi/v2/tables/11618/data?lang=no&outputFormat=json-stat2"
            )),
        "{v}"
    );
}

#[test]
fn offline_says_so_in_one_line_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    // Nothing listens on port 1: connection refused.
    let out = run(
        &db,
        &[
            "fetch",
            "--base-url",
            "http://127.0.0.1:1",
            "--cache-dir",
            &dir.path().join("c").display().to_string(),
        ],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("ingen nettforbindelse til 127.0.0.1:1"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).trim().is_empty());
}
