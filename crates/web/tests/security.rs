//! Security checks (the OWASP ASVS level 1 items that apply to this app), over HTTP against a
//! fresh store: every write route requires authentication — the routes are enumerated from the
//! router itself (`naeringsplan_web::route_list`), so a new write route is covered the day it is
//! added —, every staff form refuses a missing CSRF token, SQL payloads are inert, and the
//! security headers are on every answer. Session fixation, cookie flags, throttling and escaping
//! are in `staff.rs`.

mod common;

use axum::http::Method;
use common::{TestApp, client, csrf_of, spawn};

/// A concrete path for a route pattern (`{id}` → an existing action, `{name}` → a user, …).
fn concrete(path: &str) -> String {
    let id = if path.starts_with("/intern/bedriftsbesok/")
        || path.starts_with("/intern/investeringer/")
        || path.starts_with("/intern/partnere/")
    {
        "1" // visits, enquiries and partner entries have numeric ids
    } else if path.starts_with("/intern/indikatorer/") {
        "kortreist"
    } else {
        "T1"
    };
    path.replace("{id}", id)
        .replace("{name}", "kari")
        .replace("{number}", "5.1")
}

/// Everything a write could change, as comparable text.
async fn state_of(app: &TestApp) -> String {
    let actions = app.store.actions(&app.plan_code).await.unwrap();
    let users = app.store.users().await.unwrap();
    let history = app
        .store
        .recent_history(&app.plan_code, 100_000)
        .await
        .unwrap();
    format!("{actions:?}\n{users:?}\n{}", history.len())
}

/// A plausible body for a write: a form for the staff pages, JSON for the API.
fn request(
    http: &reqwest::Client,
    app: &TestApp,
    method: &Method,
    path: &str,
) -> reqwest::RequestBuilder {
    let url = app.url(&concrete(path));
    let m = reqwest::Method::from_bytes(method.as_str().as_bytes()).unwrap();
    let b = http.request(m, url);
    if path.starts_with("/api/") {
        b.header("if-match", "\"1\"").json(&serde_json::json!({
            "id": "T999", "title": "Innbrudd", "progress": 99,
        }))
    } else {
        b.form(&[
            ("title", "Innbrudd"),
            ("version", "1"),
            ("status", "completed"),
            ("progress", "99"),
            ("username", "kari"),
            ("password", common::PASSWORD),
            ("name", "mallory"),
            ("role", "admin"),
        ])
    }
}

#[tokio::test]
async fn every_write_route_refuses_anonymous_requests() {
    let app = spawn().await;
    let routes = naeringsplan_web::route_list();
    let writes: Vec<_> = routes.iter().filter(|r| r.writes()).collect();
    // The list is the router's: it holds the routes known today (and any added later).
    assert!(writes.iter().any(|r| r.path == "/intern/tiltak/{id}"));
    assert!(writes.iter().any(|r| r.path == "/api/actions/{id}"));
    // Issue 19 item 5's routes: the short status form and the import's confirmation; issue 20
    // items 4 and 3: the investment pipeline's and the partners' staff forms.
    for path in [
        "/intern/tiltak/{id}/status",
        "/intern/import/bekreft",
        "/intern/investeringer",
        "/intern/investeringer/{id}/fase",
        "/intern/investeringer/slett-gamle",
        "/intern/partnere",
        "/intern/partnere/{id}",
    ] {
        assert!(writes.iter().any(|r| r.path == path), "{path}");
    }
    assert!(writes.len() >= 8, "{writes:?}");
    let before = state_of(&app).await;
    let mut checked = Vec::new();
    for route in &writes {
        for method in route.methods.iter().filter(|m| **m != Method::GET) {
            let res = request(&client(), &app, method, &route.path)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string())
                .unwrap_or_default();
            let refused = match status {
                401 | 403 => true,
                303 => location.starts_with("/logg-inn"),
                _ => false,
            };
            assert!(
                refused,
                "{method} {} without credentials answered {status} {location}",
                route.path
            );
            assert_eq!(
                state_of(&app).await,
                before,
                "{method} {} changed the store",
                route.path
            );
            checked.push(format!("{method} {}", route.path));
        }
    }
    eprintln!("refused anonymous: {checked:?}");
}

/// Every staff page (every GET route under `/intern`, from the router's own list) sends an
/// anonymous reader to the login page and shows nothing of what is behind it; the pages of
/// the confidential registers (visits, the investment pipeline) are among them.
#[tokio::test]
async fn every_staff_page_is_unreachable_without_login() {
    let app = spawn().await;
    let secret = "Zyxwvu Fortrolig Prosjekt";
    let id = app
        .store
        .pipeline_add(
            &app.plan_code,
            &local_registers::pipeline::Enquiry {
                id: 0,
                name: secret.into(),
                sector: String::new(),
                source: String::new(),
                jobs_expected: None,
                area_daa: None,
                date: time::macros::date!(2025 - 01 - 02),
                stage: local_registers::pipeline::Stage::Enquiry,
                lost_reason: None,
                jobs_created: None,
                site_id: None,
            },
            false,
            "kari",
        )
        .await
        .unwrap();
    assert_eq!(id, 1, "the id concrete() uses");
    let pages: Vec<String> = naeringsplan_web::route_list()
        .into_iter()
        .filter(|r| r.path.starts_with("/intern") && r.methods.contains(&Method::GET))
        .map(|r| r.path)
        .collect();
    for path in [
        "/intern/bedriftsbesok/{id}",
        "/intern/investeringer",
        "/intern/investeringer/{id}",
        "/intern/partnere",
        "/intern/partnere/{id}",
    ] {
        assert!(pages.iter().any(|p| p == path), "{path} in {pages:?}");
    }
    for path in &pages {
        let res = client().get(app.url(&concrete(path))).send().await.unwrap();
        let status = res.status().as_u16();
        let to = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            status == 303 && to.starts_with("/logg-inn"),
            "GET {path} without a login answered {status} {to}"
        );
        assert!(!res.text().await.unwrap().contains(secret), "GET {path}");
    }
}

#[tokio::test]
async fn every_staff_form_refuses_a_missing_or_foreign_csrf_token() {
    let app = spawn().await;
    // An admin may do everything: only the CSRF token stands in the way.
    let c = app.logged_in("ola").await;
    let before = state_of(&app).await;
    let other = app.logged_in("kari").await;
    let (_, html) = app.get_text(&other, "/intern").await;
    let foreign = csrf_of(&html);
    for route in naeringsplan_web::route_list()
        .iter()
        .filter(|r| r.writes() && !r.path.starts_with("/api/"))
    {
        for token in [None, Some(foreign.as_str())] {
            let mut form = vec![
                ("title", "Innbrudd"),
                ("version", "1"),
                ("status", "completed"),
                ("progress", "99"),
                ("name", "mallory"),
                ("role", "admin"),
                ("username", "kari"),
                ("password", common::PASSWORD),
            ];
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let req = c.post(app.url(&concrete(&route.path)));
            // The import page takes a multipart upload; the others a urlencoded form.
            let req = if route.path == "/intern/import" {
                let mut mp = reqwest::multipart::Form::new().part(
                    "file",
                    reqwest::multipart::Part::bytes(b"id,title\nT1,Innbrudd\n".to_vec())
                        .file_name("tiltak.csv"),
                );
                if let Some(t) = token {
                    mp = mp.text("csrf", t.to_string());
                }
                req.multipart(mp)
            } else {
                req.form(&form)
            };
            let res = req.send().await.unwrap();
            assert_eq!(
                res.status(),
                403,
                "POST {} with CSRF token {token:?}",
                route.path
            );
            assert_eq!(state_of(&app).await, before, "POST {}", route.path);
        }
    }
}

#[tokio::test]
async fn sql_payloads_are_inert() {
    let app = spawn().await;
    let payloads = [
        "' OR '1'='1",
        "'; DROP TABLE actions; --",
        "\" OR 1=1 --",
        "T1' UNION SELECT password_hash FROM users --",
        "1); DELETE FROM users; --",
    ];
    let before = state_of(&app).await;
    for p in payloads {
        // As a login name and password: refused like any wrong login.
        let res = app.login(&client(), p, p).await;
        assert_eq!(res.status(), 401, "login with {p:?}");
        // In query parameters of the public pages.
        for path in [
            "/tiltak?ansvarlig=",
            "/tiltak?status=",
            "/tiltak?omrade=",
            "/?lang=",
        ] {
            let url = format!("{}{}", app.url(path), urlencode(p));
            let res = client().get(url).send().await.unwrap();
            assert!(
                res.status() == 200 || res.status() == 400,
                "{path}{p:?}: {}",
                res.status()
            );
        }
        // As a path segment.
        let res = client()
            .get(app.url(&format!("/tiltak/{}", urlencode(p))))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "/tiltak/{p:?}");
        let res = client()
            .get(app.url(&format!("/api/actions/{}", urlencode(p))))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "/api/actions/{p:?}");
    }
    // Failed logins only touch the throttle table; actions and users are as they were.
    assert_eq!(state_of(&app).await, before);

    // Stored as text, verbatim, by an editor through the API.
    let api = reqwest::Client::new();
    for (i, p) in payloads.iter().enumerate() {
        let res = api
            .post(app.url("/api/actions"))
            .bearer_auth(&app.editor_token)
            .json(&serde_json::json!({"id": format!("SQL{i}"), "title": p, "owner": p}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let a = app
            .store
            .action(&app.plan_code, &format!("SQL{i}"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(a.action.title, *p);
        assert_eq!(a.action.owner, *p);
    }
    let actions = app.store.actions(&app.plan_code).await.unwrap();
    assert!(
        actions.len() > payloads.len(),
        "the actions table is intact"
    );
    assert_eq!(
        app.store.users().await.unwrap().len(),
        3,
        "the users are intact"
    );
    let (status, page) = app
        .get_text(
            &client(),
            &format!("/tiltak?ansvarlig={}", urlencode(payloads[1])),
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("SQL1"), "the filter matches the literal text");
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn security_headers_are_on_every_answer() {
    let app = spawn().await;
    let editor = app.logged_in("kari").await;
    let anonymous = client();
    let cases: [(&reqwest::Client, &str); 10] = [
        (&anonymous, "/"),
        (&anonymous, "/tiltak"),
        (&anonymous, "/tiltak/T1"),
        (&anonymous, "/kilder"),
        (&anonymous, "/logg-inn"),
        (&anonymous, "/finnes-ikke"),
        (&anonymous, "/api/actions"),
        (&anonymous, "/api/openapi.json"),
        (&editor, "/intern"),
        (&editor, "/intern/tiltak/T1"),
    ];
    for (c, path) in cases {
        let res = c.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ] {
            assert!(
                csp.contains(directive),
                "{path}: CSP {csp:?} lacks {directive}"
            );
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
    // Staff pages are never cached.
    let res = editor.get(app.url("/intern")).send().await.unwrap();
    let cache = res
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(
        cache.as_deref().is_some_and(|c| c.contains("no-store")),
        "staff pages: cache-control {cache:?}"
    );
}
