//! A test server: a fresh store, the embedded plan, three users and an API token, served on a
//! random port. The store is a new SQLite file, or a new PostgreSQL database when
//! `NAERINGSPLAN_TEST_STORE=postgres` and `NAERINGSPLAN_TEST_POSTGRES` are set (see
//! `store::testing`), so the whole suite runs on either backend.
#![allow(dead_code)]

use naeringsplan_web::auth::CookieSecurity;
use naeringsplan_web::{AppState, serve};
use store::Store;
use store::users::{Role, Throttle};

pub const PASSWORD: &str = "korrekt-hest-batteri";

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub plan_code: String,
    pub editor_token: String,
    pub viewer_token: String,
    /// The server's page cache: a test that changes `store` directly (not over HTTP) calls
    /// `page_cache.invalidate()`, as a second web node's page would otherwise lag up to 2 s.
    pub page_cache: std::sync::Arc<naeringsplan_web::page_cache::PageCache>,
    _dir: Option<tempfile::TempDir>,
}

pub async fn spawn_with(throttle: Throttle, cookies: CookieSecurity) -> TestApp {
    spawn_full(throttle, cookies, false).await
}

/// [`spawn_with`], and `behind_proxy`: the server trusts `X-Forwarded-For`'s last address as
/// the client's (tests then log in "from" several addresses).
pub async fn spawn_full(
    throttle: Throttle,
    cookies: CookieSecurity,
    behind_proxy: bool,
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh_store(&dir).await;
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
    store.add_user("ola", PASSWORD, Role::Admin).await.unwrap();
    store
        .add_user("vera", PASSWORD, Role::Viewer)
        .await
        .unwrap();
    let editor_token = store.create_api_token("kari", "test").await.unwrap();
    let viewer_token = store.create_api_token("vera", "test").await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let code = plan.meta.municipality_code.clone();
    let state = AppState::new(store.clone(), code.clone())
        .with_cookie_security(cookies)
        .with_proxy(behind_proxy)
        .with_throttle(throttle);
    let page_cache = state.page_cache.clone();
    tokio::spawn(serve(listener, state, std::future::pending()));
    TestApp {
        base,
        store,
        plan_code: code,
        editor_token,
        viewer_token,
        page_cache,
        _dir: Some(dir),
    }
}

/// A second server on `app`'s store serving another plan already loaded into it (several
/// municipalities in one database); same users and tokens.
#[allow(dead_code)]
pub async fn spawn_beside(app: &TestApp, plan_code: &str) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(app.store.clone(), plan_code.to_string())
        .with_cookie_security(CookieSecurity::Auto { loopback: true });
    let page_cache = state.page_cache.clone();
    tokio::spawn(serve(listener, state, std::future::pending()));
    TestApp {
        base,
        store: app.store.clone(),
        plan_code: plan_code.to_string(),
        editor_token: app.editor_token.clone(),
        viewer_token: app.viewer_token.clone(),
        page_cache,
        _dir: None,
    }
}

/// A new, empty store: PostgreSQL when asked for (see the module docs), else SQLite in `dir`.
pub async fn fresh_store(dir: &tempfile::TempDir) -> Store {
    if store::testing::prefer_postgres() {
        return store::testing::postgres_store("web")
            .await
            .expect("NAERINGSPLAN_TEST_POSTGRES is set");
    }
    Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap()
}

pub async fn spawn() -> TestApp {
    spawn_with(Throttle::default(), CookieSecurity::Auto { loopback: true }).await
}

/// A browser-like client: cookie store, no automatic redirects (tests look at each answer).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the first hidden `csrf` field in a page.
pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[start..].split('"').next().unwrap().to_string()
}

/// The session cookie value a response sets, if any.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("np_session=") && !v.starts_with("np_session=;"))
        .map(|v| {
            v["np_session=".len()..]
                .split(';')
                .next()
                .unwrap()
                .to_string()
        })
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Logs `name` in with `client`; returns the login response (303 on success).
    pub async fn login(
        &self,
        client: &reqwest::Client,
        name: &str,
        password: &str,
    ) -> reqwest::Response {
        let page = client
            .get(self.url("/logg-inn"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = csrf_of(&page);
        client
            .post(self.url("/logg-inn"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", name),
                ("password", password),
                ("neste", "/intern"),
            ])
            .send()
            .await
            .unwrap()
    }

    /// A logged-in client for `name`.
    pub async fn logged_in(&self, name: &str) -> reqwest::Client {
        let c = client();
        let res = self.login(&c, name, PASSWORD).await;
        assert_eq!(
            res.status(),
            303,
            "login of {name} failed: {}",
            res.text().await.unwrap()
        );
        c
    }

    pub async fn get_text(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let res = client.get(self.url(path)).send().await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }
}
