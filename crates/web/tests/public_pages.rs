//! Spawn the app on a random port against a fresh SQLite file and talk HTTP to it.

use naeringsplan_web::{AppState, serve};
use store::Store;

struct TestApp {
    base: String,
    _dir: tempfile::TempDir,
}

async fn spawn() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap();
    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(store, plan.meta.municipality_code.clone());
    tokio::spawn(serve(listener, state, std::future::pending()));
    TestApp { base, _dir: dir }
}

#[tokio::test]
async fn home_shows_vision_indicator_table_strategies_and_actions() {
    let app = spawn().await;
    let res = reqwest::get(format!("{}/", app.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let body = res.text().await.unwrap();
    assert!(body.contains("<html lang=\"nb\">"));
    assert!(body.contains("Asker kommune skal være ledende i landet på næringsutvikling."));
    // The chapter-6 table: a quoted result and an ambition, Norwegian formatting.
    assert!(body.contains("41,9\u{a0}%"));
    assert!(body.contains("≥ 43\u{a0}%"));
    assert!(body.contains("5.3-s6"));
    assert!(body.contains("T1"));
}

#[tokio::test]
async fn english_switch_and_not_found() {
    let app = spawn().await;
    let body = reqwest::get(format!("{}/?lang=en", app.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Asker municipality shall lead the country in business development."));
    let res = reqwest::get(format!("{}/no-such-page", app.base))
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
