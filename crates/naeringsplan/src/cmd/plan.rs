//! `naeringsplan plan show|export|list`: the plan as a readable tree, or exported as JSON, CSV or
//! XLSX; the municipality's stored plan versions. Actions are shown as they stand in the store
//! (with staff edits), not as in the plan file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Subcommand, ValueEnum};
use plan::{Lang, Plan};
use store::ActionRecord;

use crate::Format;
use crate::context::Options;
use crate::export;

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Print the plan as a readable tree (or JSON with --format json).
    Show {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Export the plan with its current actions.
    Export {
        /// File format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the stored plan versions of the plan's municipality (key, period, adoption date,
    /// actions), oldest first; the last is the current plan. Loading a plan file with a new
    /// adoption date or period (`--plan FILE`) adds a version beside the old ones.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Export formats.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole plan as JSON (the model's shape).
    Json,
    /// One flat table: one row per goal, indicator value, area, strategy, fact, task and action.
    Csv,
    /// A workbook with one sheet per part of the plan.
    Xlsx,
}

pub async fn run(opts: &Options, command: PlanCommand) -> anyhow::Result<ExitCode> {
    let ctx = opts.open().await?;
    let code = ctx.key.clone();
    let actions = ctx.store.actions(&code).await?;
    match command {
        PlanCommand::List { format } => {
            let versions = app::plan_versions::versions(&ctx.store, &ctx.key).await?;
            let year = app::as_of::today().year();
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&versions)?),
                Format::Text => {
                    println!(
                        "{:<20} {:<10} {:<10} {:>6}  tittel",
                        "nøkkel", "periode", "vedtatt", "tiltak"
                    );
                    for (i, v) in versions.iter().enumerate() {
                        let state = if i + 1 == versions.len() {
                            "gjeldende"
                        } else {
                            "tidligere"
                        };
                        let ended = if app::plan_versions::ended(v, year) {
                            ", periode avsluttet"
                        } else {
                            ""
                        };
                        println!(
                            "{:<20} {:<10} {:<10} {:>6}  {} ({state}{ended})",
                            v.key,
                            format!("{}–{}", v.period_start, v.period_end),
                            v.adopted,
                            v.actions,
                            v.title
                        );
                    }
                }
            }
        }
        PlanCommand::Show { format } => match format {
            Format::Json => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&export::plan_json(&ctx.plan, &actions)?)?
                );
            }
            Format::Text => {
                let mut out = std::io::stdout().lock();
                show_tree(&mut out, &ctx.plan, &actions)?;
            }
        },
        PlanCommand::Export { format, out } => match format {
            ExportFormat::Json => {
                let text = serde_json::to_string_pretty(&export::plan_json(&ctx.plan, &actions)?)?;
                write_out(out.as_ref(), text.as_bytes())?;
            }
            ExportFormat::Csv => {
                let bytes = export::plan_csv(&ctx.plan, &actions)?;
                write_out(out.as_ref(), &bytes)?;
            }
            ExportFormat::Xlsx => {
                let Some(path) = out else {
                    bail!("xlsx is a binary format: give --out FILE.xlsx");
                };
                export::plan_xlsx(&ctx.plan, &actions, &path)?;
                eprintln!("wrote {}", path.display());
            }
        },
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

fn write_out(out: Option<&PathBuf>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut o = std::io::stdout().lock();
            o.write_all(bytes)?;
            if !bytes.ends_with(b"\n") {
                o.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

fn show_tree(o: &mut impl Write, p: &Plan, actions: &[ActionRecord]) -> std::io::Result<()> {
    let m = &p.meta;
    writeln!(
        o,
        "{} — {} ({})",
        m.title.nb, m.municipality_name, m.municipality_code
    )?;
    writeln!(
        o,
        "Vedtatt {} av {}. Planperiode {}–{}.",
        m.adopted, m.adopted_by, m.period_start, m.period_end
    )?;
    writeln!(o, "Visjon: {}", p.vision.nb)?;
    writeln!(o)?;
    writeln!(o, "Bærekraftsmål ({})", p.goals.len())?;
    for g in &p.goals {
        let sdgs: Vec<String> = g.sdgs.iter().map(|s| s.to_string()).collect();
        writeln!(o, "├─ {} {} [FN {}]", g.id, g.name.nb, sdgs.join(", "))?;
        for s in &g.sub_goals {
            writeln!(o, "│  · {s}")?;
        }
    }
    writeln!(o)?;
    writeln!(
        o,
        "Indikatorer ({}) — R = resultat, A = ambisjon",
        p.indicators.len()
    )?;
    for i in &p.indicators {
        writeln!(o, "├─ {}. {} [{}]", i.number, i.name.nb, i.id)?;
        let mut cells = Vec::new();
        for y in p.table_years() {
            let cell = match (i.results.get(&y), i.ambitions.get(&y)) {
                (Some(r), _) => format!("{y}: R {}", export::fmt_value(r.value, i.unit)),
                (None, Some(a)) => format!(
                    "{y}: A {}{}",
                    i.ambition_op.symbol(),
                    export::fmt_value(*a, i.unit)
                ),
                (None, None) => format!("{y}: –"),
            };
            cells.push(cell);
        }
        writeln!(o, "│  {}", cells.join("  "))?;
    }
    writeln!(o)?;
    writeln!(
        o,
        "Innsatsområder ({}), strategier ({})",
        p.focus_areas.len(),
        p.strategies().count()
    )?;
    for a in &p.focus_areas {
        writeln!(o, "├─ {} {}", a.number, a.title.nb)?;
        for s in &a.strategies {
            writeln!(o, "│  ├─ {} {}", s.id, s.text)?;
        }
        for sub in &a.sub_areas {
            writeln!(o, "│  ├─ {} {}", sub.number, sub.title.nb)?;
            for s in &sub.strategies {
                writeln!(o, "│  │  ├─ {} {}", s.id, s.text)?;
            }
        }
    }
    writeln!(o)?;
    writeln!(o, "Premisser utenfor planen ({})", p.premises.len())?;
    for pr in &p.premises {
        writeln!(
            o,
            "├─ {} {} ({} oppgaver)",
            pr.number,
            pr.title.nb,
            pr.tasks.len()
        )?;
    }
    writeln!(o)?;
    writeln!(o, "Tiltak ({})", actions.len())?;
    for a in actions {
        writeln!(
            o,
            "├─ {} {} [{}, {} %] → {}",
            a.action.id,
            a.action.title,
            a.action.status.label(Lang::Nb),
            a.action.progress,
            a.action.strategies.join(", ")
        )?;
    }
    Ok(())
}
