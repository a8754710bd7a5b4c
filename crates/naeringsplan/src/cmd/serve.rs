//! `naeringsplan serve`: run the web app on the store and plan.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::context::Options;

/// Cookie and proxy settings of the server.
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

pub async fn run(opts: &Options, addr: &str, security: &Security) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    // Compute the indicators and the ranking once before the first visitor asks (both are cached
    // until the next import).
    let started = std::time::Instant::now();
    app::indicators::evaluate_cached(&ctx.store, &ctx.plan)
        .await
        .context("computing the indicators")?;
    tracing::info!(
        "indicators and ranking computed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "naeringsplan: {} ({}) på http://{local}/  (Ctrl+C stopper)",
        ctx.plan.meta.title.nb, ctx.plan.meta.municipality_name
    );
    let cookies = match security.secure_cookies {
        SecureCookies::Always => web::auth::CookieSecurity::Always,
        SecureCookies::Never => web::auth::CookieSecurity::Never,
        SecureCookies::Auto => web::auth::CookieSecurity::Auto {
            loopback: local.ip().is_loopback(),
        },
    };
    let state = web::AppState::new(ctx.store.clone(), ctx.plan.meta.municipality_code.clone())
        .with_cookie_security(cookies)
        .with_proxy(security.behind_proxy)
        .with_page_cache_ttl(std::time::Duration::from_millis(security.page_cache_ms));
    web::serve(listener, state, shutdown()).await?;
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("naeringsplan: stopping");
}
