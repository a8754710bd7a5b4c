//! `naeringsplan fetch`: the configured SSB tables and KLASS classifications, online.

use std::process::ExitCode;

use crate::context::Options;

/// Options of `fetch`.
#[derive(clap::Args, Debug)]
pub struct FetchArgs {}

pub async fn run(_opts: &Options, _args: &FetchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("fetch is not implemented yet")
}
