//! `naeringsplan indicators`: the plan's chapter-6 table regenerated from data — for each
//! indicator and year the result (computed, imported or quoted, with its source), the ambition
//! and the judgement; `--explain ID` prints the formula and every input with provenance.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use engine::{Source, Verdict};

use crate::context::Options;

#[derive(Args, Debug)]
pub struct IndicatorsArgs {
    /// Show one year only.
    #[arg(long)]
    year: Option<i32>,
    /// Explain one indicator: formula, every input with provenance, arithmetic, judgement.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,
    /// Another municipality (code, e.g. 3201): the plan's indicators computed for it by the
    /// same definitions, values only (the plan's ambitions are its own municipality's).
    #[arg(long, value_name = "CODE")]
    municipality: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// Output formats of `indicators`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A readable table.
    Table,
    /// JSON.
    Json,
}

fn source_mark(s: Source) -> &'static str {
    match s {
        Source::PlanQuote => "s",
        Source::Published => "p",
        Source::Computed => "b",
        Source::Demo => "demo",
    }
}

fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Achieved => "✓ nådd",
        Verdict::NotAchieved => "✗ ikke nådd",
        Verdict::NoData => "ingen data",
        Verdict::NoAmbition => "",
        Verdict::DemoNotJudged => "demodata – ikke vurdert",
    }
}

pub async fn run(opts: &Options, args: &IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    if let Some(id) = &args.explain {
        let explanation = app::indicators::explain(&ctx.store, &ctx.plan, id).await?;
        match args.format {
            TableFormat::Json => println!("{}", serde_json::to_string_pretty(&explanation)?),
            TableFormat::Table => println!("{explanation}"),
        }
        ctx.store.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    let (plan, evaluated) = match &args.municipality {
        Some(code) => crate::progress::spinner(
            "beregner indikatorene",
            app::compare::evaluate_for(&ctx.store, &ctx.plan, code),
        )
        .await
        .with_context(|| format!("cannot evaluate the indicators for {code}"))?,
        None => (
            ctx.plan.clone(),
            crate::progress::spinner(
                "beregner indikatorene og rangeringen",
                app::indicators::evaluate_cached(&ctx.store, &ctx.plan),
            )
            .await
            .context("cannot evaluate the indicators")?
            .as_ref()
            .clone(),
        ),
    };
    if let Some(y) = args.year
        && !plan.table_years().any(|t| t == y)
    {
        anyhow::bail!(
            "{y} is outside the plan's years {}–{}",
            plan.meta.first_data_year,
            plan.meta.period_end
        );
    }
    match args.format {
        TableFormat::Json => {
            let filtered: Vec<serde_json::Value> = evaluated
                .iter()
                .map(|e| {
                    let mut v = serde_json::to_value(e).unwrap_or_default();
                    // The rows every output shows (value that counts, source, verdict).
                    v["years"] =
                        serde_json::to_value(app::indicators::year_rows(&plan, &e.evaluation))
                            .unwrap_or_default();
                    if let Some(y) = args.year
                        && let Some(years) = v["years"].as_array_mut()
                    {
                        years.retain(|x| x["year"] == y);
                    }
                    if let Some(y) = args.year
                        && let Some(years) = v["evaluation"]["years"].as_array_mut()
                    {
                        years.retain(|x| x["year"] == y);
                    }
                    v
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&filtered)?);
        }
        TableFormat::Table => {
            let years: Vec<i32> = match args.year {
                Some(y) => vec![y],
                None => plan.table_years().collect(),
            };
            println!(
                "{} – {} ({})",
                plan.meta.title.nb, plan.meta.municipality_name, plan.meta.municipality_code
            );
            if plan.meta.municipality_code != ctx.plan.meta.municipality_code {
                println!(
                    "Bare verdier: planens ambisjoner og mål gjelder {} og vurderes ikke for {}.",
                    ctx.plan.meta.municipality_name, plan.meta.municipality_name
                );
            }
            println!(
                "Verdi: b = beregnet fra reelle data, p = publisert tall, s = sitert fra planen, demo = demodata (syntetisk, vurderes aldri)"
            );
            for e in &evaluated {
                let ev = &e.evaluation;
                println!();
                println!("{}. {} [{}]", ev.number, ev.name.nb, ev.indicator_id);
                for row in app::indicators::year_rows(&plan, ev) {
                    if !years.contains(&row.year) {
                        continue;
                    }
                    let value = match &row.value {
                        Some(c) => format!(
                            "{} ({})",
                            crate::export::fmt_value(c.value, ev.unit),
                            source_mark(c.source)
                        ),
                        None => "–".to_string(),
                    };
                    // The year's other values beside the one that counts, never dropped.
                    let others: Vec<String> = row
                        .also
                        .iter()
                        .map(|c| {
                            format!(
                                "{}: {}",
                                c.source.label_nb(),
                                crate::export::fmt_value(c.value, ev.unit)
                            )
                        })
                        .collect();
                    let quoted = if others.is_empty() {
                        String::new()
                    } else {
                        format!("  [{}]", others.join("; "))
                    };
                    let ambition = row
                        .ambition
                        .map(|a| {
                            format!(
                                "mål {}{}",
                                ev.ambition_op.symbol(),
                                crate::export::fmt_value(a, ev.unit)
                            )
                        })
                        .unwrap_or_default();
                    println!(
                        "  {}  {value:<22} {ambition:<16} {}{quoted}",
                        row.year,
                        verdict_mark(row.verdict)
                    );
                }
                if let Some(t) = &e.trend {
                    match &t.override_ {
                        Some(o) => println!(
                            "  trend: {} (overstyrt av {}: «{}»; beregnet: {})",
                            t.effective_status.label_nb(),
                            o.by,
                            o.justification,
                            t.computed.status.label_nb()
                        ),
                        None => println!("  trend: {}", t.effective_status.label_nb()),
                    }
                }
                if let Some(p) = &e.projection {
                    println!("  {}", p.sentence(ev.unit, true));
                }
            }
        }
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}
