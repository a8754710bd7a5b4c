//! `naeringsplan serve`: run the web app on the store and plan.

use std::process::ExitCode;

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use crate::context::Options;
use crate::progress::{RowsOf, Steps};

/// Cookie, proxy and connection settings of the server.
#[derive(clap::Args, Debug, Clone)]
pub struct Security {
    /// When session cookies get the Secure flag: auto = always, except when listening on a
    /// loopback address over plain http (local use) and not behind a proxy.
    #[arg(long, value_enum, default_value_t = SecureCookies::Auto, env = "NAERINGSPLAN_SECURE_COOKIES")]
    pub secure_cookies: SecureCookies,
    /// A reverse proxy (TLS terminator) sits in front: trust X-Forwarded-For (its last hop) for
    /// login throttling and X-Forwarded-Proto for the Secure flag.
    #[arg(long, env = "NAERINGSPLAN_BEHIND_PROXY")]
    pub behind_proxy: bool,
    /// How long, in milliseconds, a rendered public page may be served again without being
    /// rebuilt (0 = never). Writes through this server end it at once; the time bounds how long a
    /// page lags behind a write through another node or the CLI.
    #[arg(long, default_value_t = 2000, env = "NAERINGSPLAN_PAGE_CACHE_MS")]
    pub page_cache_ms: u64,
    /// Seconds a client has to send a request's headers; then the connection is closed.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 10,
        env = "NAERINGSPLAN_HEADER_TIMEOUT"
    )]
    pub header_timeout: u64,
    /// Seconds a request may take, its upload included; then it is answered 503.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 60,
        env = "NAERINGSPLAN_REQUEST_TIMEOUT"
    )]
    pub request_timeout: u64,
    /// Seconds a connection with no request in progress (kept alive, or silent) stays open.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 60,
        env = "NAERINGSPLAN_IDLE_TIMEOUT"
    )]
    pub idle_timeout: u64,
    /// Most connections open at once. At the cap a new client takes the place of the connection
    /// idle the longest; keep it well below `ulimit -n`.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 512,
        env = "NAERINGSPLAN_MAX_CONNECTIONS"
    )]
    pub max_connections: usize,
}

impl Security {
    /// The connection limits these options give.
    pub fn limits(&self) -> web::server::ServerLimits {
        use std::time::Duration;
        web::server::ServerLimits {
            header_read_timeout: Duration::from_secs(self.header_timeout.max(1)),
            request_timeout: Duration::from_secs(self.request_timeout.max(1)),
            idle_timeout: Duration::from_secs(self.idle_timeout.max(1)),
            max_connections: self.max_connections.max(1),
        }
    }
}

/// `--secure-cookies`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SecureCookies {
    /// Secure unless on loopback http.
    Auto,
    /// Always Secure (https).
    Always,
    /// Never Secure (plain http on a trusted network only).
    Never,
}

/// `serve`: opens the store and the plan (quick), listens at once, and fills an empty store in
/// the background (the bundled statistics, the synthetic demo register, the example data, then
/// the indicators and the ranking) while every page answers "preparing data" (503 with
/// `Retry-After`, see `web::startup`). A failed preparation is logged and shown on every page;
/// the process keeps answering so that the failure is seen.
pub async fn run(opts: &Options, addr: &str, security: &Security) -> anyhow::Result<ExitCode> {
    let mut ctx = opts.open().await?;
    // The site serves the municipality's current (newest) plan version at `/`; the others are
    // read under `/planer/{key}`.
    let current = app::plan_versions::current_key(&ctx.store, &ctx.key).await?;
    if current != ctx.key {
        tracing::info!(
            "plan {} is not the current plan of its municipality: serving {current}, the other under /planer/{}",
            ctx.key,
            ctx.key
        );
        ctx.plan = ctx
            .store
            .plan(&current)
            .await?
            .context("the current plan vanished from the store")?;
        ctx.key = current;
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "naeringsplan: {} ({}) på http://{local}/  (Ctrl+C stopper)",
        ctx.plan.meta.title.nb, ctx.plan.meta.municipality_name
    );
    let startup = web::startup::Startup::preparing();
    {
        let (opts, store, plan, startup) = (
            opts.clone(),
            ctx.store.clone(),
            ctx.plan.clone(),
            startup.clone(),
        );
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let steps = PageSteps::new(startup.clone());
            match prepare(&opts, &store, &plan, &steps).await {
                Ok(()) => {
                    startup.set_ready();
                    tracing::info!(
                        "data ready in {:.1} s: serving pages",
                        started.elapsed().as_secs_f64()
                    );
                    eprintln!(
                        "naeringsplan: klar etter {:.1} s (ready)",
                        started.elapsed().as_secs_f64()
                    );
                }
                Err(e) => {
                    let message = format!("{e:#}");
                    tracing::error!("the data could not be prepared: {message}");
                    eprintln!("naeringsplan: oppstarten mislyktes (start failed): {message}");
                    startup.set_failed(message);
                    return;
                }
            }
            // The plan's peers, which every indicator page compares with, computed while the
            // server already answers (cached likewise until the next import).
            let started = std::time::Instant::now();
            for code in &plan.meta.peers {
                if let Err(e) = app::compare::evaluate_for(&store, &plan, code).await {
                    tracing::warn!("peer {code}: {e}");
                }
            }
            tracing::info!(
                "the plan's {} peers computed in {:.1} s",
                plan.meta.peers.len(),
                started.elapsed().as_secs_f64()
            );
        });
    }
    let cookies = match security.secure_cookies {
        SecureCookies::Always => web::auth::CookieSecurity::Always,
        SecureCookies::Never => web::auth::CookieSecurity::Never,
        SecureCookies::Auto => web::auth::CookieSecurity::Auto {
            loopback: local.ip().is_loopback(),
        },
    };
    let state = web::AppState::new(ctx.store.clone(), ctx.key.clone())
        .with_cookie_security(cookies)
        .with_proxy(security.behind_proxy)
        .with_page_cache_ttl(std::time::Duration::from_millis(security.page_cache_ms))
        .with_startup(startup);
    web::serve_with_limits(listener, state, security.limits(), shutdown()).await?;
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// The steps of `serve`'s start: filling the store (`Options::fill`), then computing the
/// indicators and the ranking once before the first visitor asks (both are cached until the
/// next import).
async fn prepare(
    opts: &Options,
    store: &store::Store,
    plan: &plan::Plan,
    steps: &PageSteps,
) -> anyhow::Result<()> {
    opts.fill(store, plan, steps).await?;
    let started = std::time::Instant::now();
    steps.begin(
        crate::context::DATA_STEPS + 1,
        "startup-step-evaluate",
        None,
    );
    app::indicators::evaluate_cached(store, plan)
        .await
        .context("computing the indicators")?;
    tracing::info!(
        "indicators and ranking computed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// [`Steps`] shown on the server's "preparing data" page (`web::startup`).
struct PageSteps {
    startup: Arc<web::startup::Startup>,
    /// The step under way: (number, Norwegian, English).
    current: Arc<Mutex<(u32, &'static str)>>,
}

impl PageSteps {
    fn new(startup: Arc<web::startup::Startup>) -> Self {
        PageSteps {
            startup,
            current: Arc::new(Mutex::new((0, ""))),
        }
    }
}

/// Steps of `serve`'s start: filling the store, then the evaluation.
const SERVE_STEPS: u32 = crate::context::DATA_STEPS + 1;

impl Steps for PageSteps {
    fn begin(&self, number: u32, key: &'static str, total: Option<u64>) -> Arc<AtomicU64> {
        tracing::info!(
            "step {number} of {SERVE_STEPS}: {}",
            i18n::tr(plan::Lang::En, key)
        );
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = (number, key);
        self.startup.step(number, SERVE_STEPS, key, total)
    }

    fn register(&self) -> Arc<dyn app::brreg::Progress> {
        let (startup, current) = (self.startup.clone(), self.current.clone());
        Arc::new(RowsOf(move |rows: Arc<AtomicU64>| {
            let (number, key) = *current.lock().unwrap_or_else(|e| e.into_inner());
            startup.set_step(web::startup::Step {
                number,
                of: SERVE_STEPS,
                key,
                done: rows,
                total: None,
            });
        }))
    }

    fn end(&self) {}
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("naeringsplan: stopping");
}
