//! `naeringsplan serve`: run the web app on the store and plan.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::context::Options;

pub async fn run(opts: &Options, addr: &str) -> anyhow::Result<ExitCode> {
    let ctx = opts.open().await?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "naeringsplan: {} ({}) på http://{local}/  (Ctrl+C stopper)",
        ctx.plan.meta.title.nb, ctx.plan.meta.municipality_name
    );
    let state = web::AppState::new(ctx.store.clone(), ctx.plan.meta.municipality_code.clone());
    web::serve(listener, state, shutdown()).await?;
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("naeringsplan: stopping");
}
