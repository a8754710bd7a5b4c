//! A short-lived cache of rendered public pages, so that a page read by many visitors is built
//! once per change rather than once per request (the ranking page takes tens of milliseconds to
//! build; serving its cached bytes takes microseconds).
//!
//! Why it stays correct:
//! - every write request through this server (any method but GET/HEAD) that succeeds (2xx or
//!   3xx) bumps a generation counter when it completes, and an entry is served only while the
//!   generation it was built under is still the current one: on one node, a page never outlives
//!   the edit that changed it;
//! - an entry also expires after a time to live (default 2 s), which bounds how long a page can
//!   lag behind a write made elsewhere: another web node on the same database, or a
//!   `naeringsplan import` run while the server is up (plus the time one request takes to
//!   rebuild it: meanwhile, other requests get the expired copy rather than all rebuilding);
//! - only anonymous, idempotent, public reads are cached: GET without `Authorization` and without
//!   a staff session cookie, not under `/intern`, `/api`, `/logg-inn`, `/logg-ut` or `/health`;
//!   only `200 OK` responses that set no cookie and do not say `no-store`/`private`, with a body
//!   of known size up to 8 MB;
//! - a public page asked for with a session cookie may be made for its user (an editor's
//!   «Rediger» link, `pages::edit_link`): it is neither answered from the cache nor stored in
//!   it, and is marked `Cache-Control: private, no-store`; every public page says
//!   `Vary: Cookie`, so no shared HTTP cache in front hands one user's page to another;
//! - it holds at most [`MAX_ENTRIES`] pages (the oldest goes first), so odd query strings cannot
//!   grow it without bound.
//!
//! The generation is read before the page is built, so a page built while a write was in flight
//! is stored under the old generation and is not served after the write completes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Most pages kept at once.
pub const MAX_ENTRIES: usize = 256;
/// Largest body kept.
pub const MAX_BODY: u64 = 8 * 1024 * 1024;
/// The default time to live.
pub const DEFAULT_TTL: Duration = Duration::from_secs(2);

struct Entry {
    generation: u64,
    at: Instant,
    /// When a request began to rebuild this expired page.
    refreshing: Option<Instant>,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// The cache: a generation counter and the pages built under it.
pub struct PageCache {
    ttl: Duration,
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("ttl", &self.ttl)
            .field("generation", &self.generation.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl PageCache {
    /// A cache whose pages live at most `ttl`; `Duration::ZERO` turns caching off.
    pub fn new(ttl: Duration) -> Self {
        PageCache {
            ttl,
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Whether pages are cached at all.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// Forgets every page: call after changing the store other than through an HTTP write
    /// to this server (the server's own write requests do this themselves).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached page, if it may be served. Once its time to live is over, the first request
    /// to ask rebuilds it (gets `None`) while the others are still served the old copy until
    /// the rebuild is stored, so that many visitors at that moment do not all rebuild it at once.
    fn get(&self, key: &str) -> Option<Response> {
        let generation = self.generation.load(Ordering::SeqCst);
        let mut entries = self.lock();
        let e = entries.get_mut(key)?;
        if e.generation != generation {
            return None;
        }
        if e.at.elapsed() >= self.ttl {
            // Also rebuild when the rebuilding request has taken longer than the time to live
            // (it may have been cancelled).
            let refreshing = e.refreshing.is_some_and(|t| t.elapsed() < self.ttl);
            if !refreshing {
                e.refreshing = Some(Instant::now());
                return None;
            }
        }
        let mut res = Response::new(Body::from(e.body.clone()));
        *res.status_mut() = e.status;
        *res.headers_mut() = e.headers.clone();
        Some(res)
    }

    fn put(&self, key: String, entry: Entry) {
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            // Drop expired pages first, then the oldest.
            let ttl = self.ttl;
            entries.retain(|_, e| e.at.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES
                && let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, e)| e.at)
                    .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(key, entry);
    }
}

/// Whether a request may be answered from the cache.
fn cacheable_request(req: &Request) -> bool {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return false;
    }
    let path = req.uri().path();
    let private = ["/intern", "/api", "/logg-inn", "/logg-ut", "/health"];
    !private.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Whether a request carries a staff session cookie (by either name; valid or not: checking
/// it would cost a store read on every cached page).
fn has_session_cookie(req: &Request) -> bool {
    [
        crate::auth::SESSION_COOKIE,
        crate::auth::SESSION_COOKIE_HOST,
    ]
    .iter()
    .any(|name| crate::auth::cookie(req.headers(), name).is_some())
}

/// Whether a response may be kept.
fn cacheable_response(res: &Response) -> bool {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return false;
    }
    let no_store = res
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private"));
    !no_store
        && res
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| n <= MAX_BODY)
}

/// The middleware (see the module docs).
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let res = next.run(req).await;
        // A refused write (stale version, bad form, failed login: 4xx) changed nothing, and
        // must not let anyone empty the cache at will.
        if res.status().is_success() || res.status().is_redirection() {
            cache.invalidate();
        }
        return res;
    }
    if !cacheable_request(&req) {
        return next.run(req).await;
    }
    // The stylesheet is the same for everyone: its own caching stands.
    if has_session_cookie(&req) && !req.uri().path().starts_with("/static/") {
        // Possibly made for this user: not from the cache, not into it, not kept by others.
        let mut res = next.run(req).await;
        let h = res.headers_mut();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        h.append(header::VARY, HeaderValue::from_static("cookie"));
        return res;
    }
    if !cache.enabled() {
        let mut res = next.run(req).await;
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("cookie"));
        return res;
    }
    let key = req.uri().to_string();
    if let Some(hit) = cache.get(&key) {
        return hit;
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let mut res = next.run(req).await;
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("cookie"));
    if !cacheable_response(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY as usize).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!("page cache: could not read the body of {key}: {e}");
            return Response::from_parts(parts, Body::empty());
        }
    };
    cache.put(
        key,
        Entry {
            generation,
            at: Instant::now(),
            refreshing: None,
            status: parts.status,
            headers: parts.headers.clone(),
            body: bytes.clone(),
        },
    );
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(generation: u64) -> Entry {
        Entry {
            generation,
            at: Instant::now(),
            refreshing: None,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"x"),
        }
    }

    #[test]
    fn a_write_or_the_ttl_ends_an_entry() {
        let c = PageCache::new(Duration::from_millis(50));
        c.put("/".into(), entry(0));
        assert!(c.get("/").is_some());
        c.invalidate();
        assert!(c.get("/").is_none(), "served after a write");
        c.put("/".into(), entry(0));
        assert!(
            c.get("/").is_none(),
            "built under an old generation, served"
        );
        c.put("/".into(), entry(1));
        assert!(c.get("/").is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(c.get("/").is_none(), "expired: the first request rebuilds");
        assert!(
            c.get("/").is_some(),
            "the others get the old copy meanwhile"
        );
        c.put("/".into(), entry(1));
        assert!(c.get("/").is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(c.get("/").is_none());
        std::thread::sleep(Duration::from_millis(60));
        assert!(
            c.get("/").is_none(),
            "a rebuild that never came back is taken over after the time to live"
        );
        c.invalidate();
        c.put("/".into(), entry(1));
        assert!(
            c.get("/").is_none(),
            "a write ends it at once, stale copy or not"
        );
    }

    #[test]
    fn bounded() {
        let c = PageCache::new(Duration::from_secs(60));
        for i in 0..(MAX_ENTRIES + 50) {
            c.put(format!("/?q={i}"), entry(0));
        }
        assert_eq!(c.lock().len(), MAX_ENTRIES);
        assert!(c.get(&format!("/?q={}", MAX_ENTRIES + 49)).is_some());
        assert!(c.get("/?q=0").is_none(), "the oldest is dropped first");
    }

    #[test]
    fn private_paths_are_not_cached() {
        let req = |m: Method, p: &str| {
            Request::builder()
                .method(m)
                .uri(p)
                .body(Body::empty())
                .unwrap()
        };
        assert!(cacheable_request(&req(Method::GET, "/rangering?ar=2024")));
        assert!(cacheable_request(&req(Method::GET, "/")));
        assert!(cacheable_request(&req(Method::GET, "/internasjonalt")));
        for p in [
            "/intern",
            "/intern/tiltak/1",
            "/api/plan",
            "/logg-inn",
            "/health",
        ] {
            assert!(!cacheable_request(&req(Method::GET, p)), "{p}");
        }
        assert!(!cacheable_request(&req(Method::POST, "/")));
        let mut r = req(Method::GET, "/");
        r.headers_mut()
            .insert(header::AUTHORIZATION, "Bearer x".parse().unwrap());
        assert!(!cacheable_request(&r));
        for cookie in ["np_session=abc", "a=b; __Host-np_session=abc"] {
            let mut r = req(Method::GET, "/tiltak/T1");
            r.headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
            assert!(has_session_cookie(&r), "{cookie}");
        }
        let mut r = req(Method::GET, "/tiltak/T1");
        r.headers_mut()
            .insert(header::COOKIE, "np_login_csrf=x".parse().unwrap());
        assert!(!has_session_cookie(&r));
    }
}
