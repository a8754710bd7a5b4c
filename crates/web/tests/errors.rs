//! The web layer's typed errors through the router (issue 16, item 3): each refusal answers with
//! its own status, as a page for the site and as JSON under `/api` — a missing action 404, a bad
//! form 422 naming the field, a stale edit 409, a database failure 500. Requests go to the
//! router itself (`tower::ServiceExt::oneshot`), on a fresh store with the embedded plan.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use naeringsplan_web::AppState;
use naeringsplan_web::auth::CookieSecurity;
use store::Store;
use store::users::Role;
use tower::ServiceExt as _;

const PASSWORD: &str = common::PASSWORD;

struct App {
    router: Router,
    store: Store,
    code: String,
    token: String,
    _dir: tempfile::TempDir,
}

async fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = common::fresh_store(&dir).await;
    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    store
        .add_user("kari", PASSWORD, Role::Editor)
        .await
        .unwrap();
    store
        .add_user("vera", PASSWORD, Role::Viewer)
        .await
        .unwrap();
    let token = store.create_api_token("kari", "test").await.unwrap();
    let state = AppState::new(store.clone(), plan.meta.municipality_code.clone())
        .with_cookie_security(CookieSecurity::Never)
        .with_page_cache_ttl(std::time::Duration::ZERO);
    App {
        router: naeringsplan_web::router(state),
        store,
        code: plan.meta.municipality_code.clone(),
        token,
        _dir: dir,
    }
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl App {
    async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn post_form(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> Answer {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    async fn api(&self, method: &str, path: &str, headers: &[(&str, &str)], json: &str) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token))
            .header(header::CONTENT_TYPE, "application/json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(json.to_string())).unwrap())
            .await
    }

    /// Logs `name` in through the login form; returns the `Cookie` header of the session.
    async fn login(&self, name: &str) -> String {
        let page = self.get("/logg-inn", None).await;
        let login_cookie = set_cookie(&page.headers, "np_login_csrf").expect("a login cookie");
        let csrf = common::csrf_of(&page.body);
        let res = self
            .post_form(
                "/logg-inn",
                &format!("np_login_csrf={login_cookie}"),
                &[
                    ("csrf", &csrf),
                    ("username", name),
                    ("password", PASSWORD),
                    ("neste", "/intern"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "login: {}", res.body);
        format!(
            "np_session={}",
            set_cookie(&res.headers, "np_session").expect("a session cookie")
        )
    }
}

/// The value a `Set-Cookie` header gives `name`.
fn set_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .find(|v| !v.is_empty())
}

fn json(a: &Answer) -> serde_json::Value {
    serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", a.body))
}

/// The form of action `id` as its edit page shows it, with `changes` applied.
async fn edit_form(
    app: &App,
    cookie: &str,
    id: &str,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let page = app.get(&format!("/intern/tiltak/{id}"), Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rec = app.store.action(&app.code, id).await.unwrap().unwrap();
    let mut form: Vec<(String, String)> = vec![
        ("csrf".into(), common::csrf_of(&page.body)),
        ("version".into(), rec.version.to_string()),
        ("title".into(), rec.action.title.clone()),
        ("status".into(), rec.action.status.as_str().into()),
        ("progress".into(), rec.action.progress.to_string()),
    ];
    for s in &rec.action.strategies {
        form.push(("strategies".into(), s.clone()));
    }
    for (k, v) in changes {
        form.retain(|(name, _)| name != k);
        form.push((k.to_string(), v.to_string()));
    }
    form
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn a_missing_action_answers_404_as_a_page_and_as_json() {
    let app = app().await;
    let page = app.get("/tiltak/T999", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Fant ikke siden"), "{}", page.body);
    let page = app.get("/tiltak/T999?lang=en", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"), "{}", page.body);

    let api = app.get("/api/actions/T999", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&api)["error"], "no action T999");
    let api = app.get("/api/actions/T999/history", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    let api = app
        .api("PATCH", "/api/actions/T999", &[("If-Match", "\"1\"")], "{}")
        .await;
    assert_eq!(api.status, StatusCode::NOT_FOUND, "{}", api.body);
    assert_eq!(json(&api)["error"], "no action `T999` in this plan");

    // Staff: the edit page and a save of an action that does not exist.
    let cookie = app.login("kari").await;
    let page = app.get("/intern/tiltak/T999", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let mut form = edit_form(&app, &cookie, "T1", &[]).await;
    form.retain(|(k, _)| k != "version");
    form.push(("version".into(), "1".into()));
    let res = app
        .post_form("/intern/tiltak/T999", &cookie, &pairs(&form))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    // An unknown route under /api answers JSON, elsewhere a page.
    let api = app.get("/api/nothing-here", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(json(&api)["error"].is_string());
    let page = app.get("/nothing-here", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Fant ikke siden"));
}

#[tokio::test]
async fn a_bad_form_answers_422_naming_the_field() {
    let app = app().await;
    let cookie = app.login("kari").await;
    let form = edit_form(&app, &cookie, "T1", &[("title", "  "), ("progress", "150")]).await;
    let res = app
        .post_form("/intern/tiltak/T1", &cookie, &pairs(&form))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Each problem links to its field, which is marked invalid.
    assert!(res.body.contains("href=\"#title\""), "{}", res.body);
    assert!(
        res.body.contains("Tittelen kan ikke være tom."),
        "{}",
        res.body
    );
    assert!(res.body.contains("href=\"#progress\""), "{}", res.body);
    assert!(
        res.body.contains("id=\"progress\"") && res.body.contains("aria-invalid=\"true\""),
        "{}",
        res.body
    );
    // Nothing was saved.
    let rec = app.store.action(&app.code, "T1").await.unwrap().unwrap();
    assert_ne!(rec.action.title.trim(), "");

    // The API names the field too.
    let api = app
        .api(
            "POST",
            "/api/actions",
            &[],
            r#"{"id":"T77","title":"Ny","start":"i morgen"}"#,
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", api.body);
    let body = json(&api);
    assert_eq!(body["fields"][0]["field"], "start", "{body}");
    assert_eq!(
        body["error"],
        "start: \"i morgen\" is not a date YYYY-MM-DD"
    );
}

#[tokio::test]
async fn a_stale_edit_answers_409_and_the_api_412() {
    let app = app().await;
    let cookie = app.login("kari").await;
    // The form is opened at the current version; someone else saves meanwhile.
    let form = edit_form(&app, &cookie, "T1", &[("comment", "mitt")]).await;
    let moved = app
        .api(
            "PATCH",
            "/api/actions/T1",
            &[("If-Match", &format!("\"{}\"", form[1].1))],
            r#"{"comment":"deres"}"#,
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);

    let res = app
        .post_form("/intern/tiltak/T1", &cookie, &pairs(&form))
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("id=\"conflict\""), "{}", res.body);
    let rec = app.store.action(&app.code, "T1").await.unwrap().unwrap();
    assert_eq!(rec.comment, "deres", "the stale edit overwrote nothing");

    // The API's stale If-Match stays a 412 with the action as it is now.
    let api = app
        .api(
            "PATCH",
            "/api/actions/T1",
            &[("If-Match", &format!("\"{}\"", form[1].1))],
            r#"{"comment":"igjen"}"#,
        )
        .await;
    assert_eq!(api.status, StatusCode::PRECONDITION_FAILED, "{}", api.body);
    assert_eq!(json(&api)["current"]["comment"], "deres");
    assert_eq!(
        api.headers.get(header::ETAG).unwrap(),
        &format!("\"{}\"", rec.version)
    );
    // A duplicate id is a conflict too.
    let dup = app
        .api(
            "POST",
            "/api/actions",
            &[],
            r#"{"id":"T1","title":"Igjen"}"#,
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT, "{}", dup.body);
}

#[tokio::test]
async fn refusals_keep_their_status_through_the_guards() {
    let app = app().await;
    // No session: to the login page, coming back afterwards.
    let res = app.get("/intern/tiltak/T1", None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers.get(header::LOCATION).unwrap(),
        "/logg-inn?neste=%2Fintern%2Ftiltak%2FT1"
    );
    // A viewer: 403, for the form and for the save, in the language asked for.
    let viewer = app.login("vera").await;
    let res = app.get("/intern/tiltak/T1?lang=en", Some(&viewer)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.body.contains("You have read-only access."),
        "{}",
        res.body
    );
    let home = app.get("/intern", Some(&viewer)).await;
    let csrf = common::csrf_of(&home.body);
    let res = app
        .post_form(
            "/intern/tiltak/T1",
            &viewer,
            &[("csrf", &csrf), ("lang", "en"), ("title", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.body.contains("You have read-only access."),
        "{}",
        res.body
    );
    // An editor without the CSRF token: 403, and nothing is saved.
    let editor = app.login("kari").await;
    let res = app
        .post_form(
            "/intern/tiltak/T1",
            &editor,
            &[("title", "x"), ("version", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("CSRF"), "{}", res.body);
    // The API without a token: 401 with the scheme.
    let res = app
        .send(
            Request::post("/api/actions")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"id":"T9","title":"x"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    // Without If-Match: 428.
    let res = app.api("PATCH", "/api/actions/T1", &[], "{}").await;
    assert_eq!(res.status, StatusCode::PRECONDITION_REQUIRED);
}

#[tokio::test]
async fn a_database_failure_answers_500_without_details() {
    let app = app().await;
    // The store stops answering: every query fails.
    app.store.close().await;
    let page = app.get("/tiltak", None).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.body.contains("Noe gikk galt"), "{}", page.body);
    assert!(!page.body.contains("pool"), "no details: {}", page.body);
    let api = app.get("/api/actions", None).await;
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(json(&api)["error"], "internal error; it has been logged");
}

/// While `serve` prepares its data (issue 19 item 6) every page, the API and `/health` answer
/// 503 (with `Retry-After` while preparing); a failed start says so on every page; once ready,
/// pages are served as usual.
#[tokio::test]
async fn the_start_phases_preparing_failed_and_ready() {
    let app = app().await;
    let startup = naeringsplan_web::startup::Startup::preparing();
    let state = AppState::new(app.store.clone(), app.code.clone())
        .with_cookie_security(CookieSecurity::Never)
        .with_page_cache_ttl(std::time::Duration::ZERO)
        .with_startup(startup.clone());
    let router = naeringsplan_web::router(state);
    let get = |path: &'static str| {
        let router = router.clone();
        async move {
            let res = router
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = res.status();
            let headers = res.headers().clone();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            (
                status,
                headers,
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        }
    };
    let done = startup.step(1, 4, "startup-step-import-files", Some(46));
    done.store(12, std::sync::atomic::Ordering::Relaxed);
    let (status, headers, body) = get("/tiltak").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers[header::RETRY_AFTER], "2");
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    assert!(body.contains("Forbereder data"), "{body}");
    assert!(
        body.contains("Steg 1 av 4: importerer KLASS- og SSB-tabeller, filer (12/46)"),
        "{body}"
    );
    let (_, _, nn) = get("/tiltak?lang=nn").await;
    assert!(
        nn.contains("<html lang=\"nn\">") && nn.contains("Førebur data"),
        "{nn}"
    );
    assert!(
        nn.contains("Steg 1 av 4: importerer KLASS- og SSB-tabellar, filer (12/46)"),
        "{nn}"
    );
    assert!(body.contains(r#"<meta http-equiv="refresh" content="2">"#));
    let (_, _, body) = get("/tiltak?lang=en").await;
    assert!(body.contains("Step 1 of 4: importing KLASS and SSB tables, files (12/46)"));
    let (status, _, body) = get("/api/plan").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains(r#""status":"preparing""#), "{body}");
    let (status, _, body) = get("/health").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.starts_with("preparing: Step 1 of 4"), "{body}");
    let (status, _, _) = get("/static/style.css").await;
    assert_eq!(status, StatusCode::OK);

    startup.set_failed("snapshot klass/x.csv: disk full".into());
    let (status, headers, body) = get("/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(!headers.contains_key(header::RETRY_AFTER));
    assert!(body.contains("Oppstarten mislyktes"), "{body}");
    assert!(body.contains("disk full"), "{body}");
    assert!(!body.contains("http-equiv"), "{body}");
    let (_, _, body) = get("/health").await;
    assert_eq!(body, "failed: snapshot klass/x.csv: disk full");

    startup.set_ready();
    let (status, _, body) = get("/tiltak").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = get("/health").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
}
