//! `naeringsplan key-figures`: the plan's chapter-3 key figures for a municipality and year,
//! beside the plan's quotes and the peers, each with its source (demo values marked).

use std::process::ExitCode;

use clap::Args;

use super::indicators::TableFormat;
use crate::context::Options;

#[derive(Args, Debug)]
pub struct KeyFiguresArgs {
    /// The municipality (code on current borders). Default: the plan's.
    #[arg(long, value_name = "CODE")]
    municipality: Option<String>,
    /// The year. Default: the latest year whose jobs figure is real data.
    #[arg(long)]
    year: Option<i32>,
    /// The peers' municipality codes, comma-separated. Default: the plan's peers.
    #[arg(long, value_name = "CODES")]
    peers: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

pub async fn run(opts: &Options, args: &KeyFiguresArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    let k = app::key_figures::key_figures(
        &ctx.store,
        &ctx.plan,
        args.municipality.as_deref(),
        args.year,
        args.peers.as_deref(),
    )
    .await?;
    match args.format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(&k)?),
        TableFormat::Table => print_table(&k),
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

fn cell_text(c: &app::key_figures::FigureCell, unit: plan::Unit) -> String {
    match &c.value {
        Some(v) => format!(
            "{}{}",
            crate::export::fmt_value(v.value, unit),
            if v.demo { " demo" } else { "" }
        ),
        None => "–".into(),
    }
}

fn print_table(k: &app::key_figures::KeyFigures) {
    println!(
        "Nøkkeltall for {} ({}) {}{}",
        k.municipality.name,
        k.municipality.code,
        k.year,
        if k.demo {
            " – demo = bygger på syntetiske demodata, vurderes ikke"
        } else {
            ""
        }
    );
    let mut group = "";
    for r in &k.rows {
        if r.group != group {
            group = &r.group;
            println!();
            println!("{}", app::key_figures::group_label(group).nb);
        }
        let own = cell_text(&r.own, r.unit);
        let year = r
            .own
            .value
            .as_ref()
            .filter(|v| v.year != k.year)
            .map(|v| format!(" ({})", v.year))
            .unwrap_or_default();
        println!("  {} [{}]: {own}{year}", r.name.nb, r.id);
        match (&r.own.value, &r.own.missing) {
            (Some(v), _) => println!("      kilde: {}", v.detail),
            (None, Some(m)) => println!("      mangler: {}", m.nb),
            (None, None) => {}
        }
        if let Some(q) = &r.quote {
            println!(
                "      planen ({}): {} ({}; {})",
                q.year,
                crate::export::fmt_value(q.value, r.unit),
                q.source,
                q.text
            );
        }
        if !r.peers.is_empty() {
            let peers: Vec<String> = r
                .peers
                .iter()
                .map(|c| format!("{} {}", c.name, cell_text(c, r.unit)))
                .collect();
            println!("      andre: {}", peers.join("; "));
        }
    }
    println!();
    let names: Vec<String> = k.sources.iter().map(|s| s.name.clone()).collect();
    println!("Kilder: {}", names.join(", "));
    if let Some(at) = &k.fetched {
        println!("Sist hentet: {}", app::as_of::local_stamp(at));
    }
}
