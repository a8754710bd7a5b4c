//! `naeringsplan doctor`: the store's integrity check (see `store::doctor`). Reads only: the
//! plan is not loaded and nothing is written. Exits 1 when a check fails.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::Format;
use crate::context::Options;

pub async fn run(opts: &Options, format: Format) -> anyhow::Result<ExitCode> {
    let location = opts.db_location()?;
    let store = store::Store::open(&location).await.with_context(|| {
        opts.say(
            "cli-cannot-open-store",
            &[("location", location.to_string())],
        )
    })?;
    let report = store.doctor().await?;
    store.close().await;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => {
            for c in &report.checks {
                let mark = if c.ok {
                    "ok  ".to_string()
                } else {
                    opts.say("cli-doctor-failed", &[])
                };
                println!("{mark} {}: {}", c.name, c.detail);
            }
            if report.ok() {
                println!("{}", opts.say("cli-doctor-consistent", &[]));
            } else {
                println!("{}", opts.say("cli-doctor-problems", &[]));
            }
        }
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
