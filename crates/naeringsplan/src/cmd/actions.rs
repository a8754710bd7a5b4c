//! `naeringsplan actions import FILE` and `actions export --format csv|xlsx`: the action plan as
//! a spreadsheet. An import is one transaction: a file with any bad row changes nothing, and every
//! problem is reported as `row N, column C: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Subcommand, ValueEnum};

use crate::context::Options;

#[derive(Subcommand, Debug)]
pub enum ActionsCommand {
    /// Import actions from CSV or XLSX (same columns as the export). Known ids are updated,
    /// new ids created; all or nothing.
    Import {
        /// The file (.csv or .xlsx).
        file: PathBuf,
        /// Name recorded in the history as who made the changes.
        #[arg(long = "as", value_name = "NAME")]
        actor: Option<String>,
    },
    /// Export the action plan.
    Export {
        /// File format.
        #[arg(long, value_enum)]
        format: SheetFormat,
        /// Write here instead of standard output (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Headers and statuses in bokmål (`nb`), nynorsk (`nn`) or as the machine names (`en`,
        /// the default); `actions import` reads any of them.
        #[arg(long, value_name = "LANG", default_value = "en", value_parser = parse_lang)]
        lang: plan::Lang,
    },
    /// Carry an action of this plan (`--plan`, or the embedded default) over to a later plan of
    /// the same municipality (`plan list` shows the keys): a new action there with the same
    /// values, linked to this one, whose history stays readable. One transaction.
    CarryOver {
        /// The action's id in this plan.
        id: String,
        /// The later plan's key (default: the municipality's current plan).
        #[arg(long, value_name = "PLAN")]
        to: Option<String>,
        /// The new action's id (default: the same id).
        #[arg(long = "new-id", value_name = "ID")]
        new_id: Option<String>,
        /// Name recorded in the history as who carried it over.
        #[arg(long = "as", value_name = "NAME")]
        actor: Option<String>,
    },
}

fn parse_lang(s: &str) -> Result<plan::Lang, String> {
    plan::Lang::from_code(s).ok_or_else(|| format!("«{s}»: forventet nb, nn eller en"))
}

/// Spreadsheet formats.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// Comma-separated UTF-8 text.
    Csv,
    /// Excel workbook.
    Xlsx,
}

pub async fn run(opts: &Options, command: ActionsCommand) -> anyhow::Result<ExitCode> {
    let ctx = opts.open().await?;
    let code = ctx.key.clone();
    match command {
        ActionsCommand::Import { file, actor } => {
            // A file larger than any action plan is refused before it is read into memory.
            let size = std::fs::metadata(&file)
                .with_context(|| format!("cannot read {}", file.display()))?
                .len();
            if size > app::action_sheet::limits::FILE_BYTES {
                bail!(
                    "cannot import {}: filen er på {} MB; en tiltaksfil kan være høyst {} MB",
                    file.display(),
                    size / (1024 * 1024),
                    app::action_sheet::limits::FILE_BYTES / (1024 * 1024)
                );
            }
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let actor = super::cli_actor(actor);
            let name = file.display().to_string();
            match app::action_sheet::import(&ctx.store, &code, &name, bytes, &actor).await {
                Ok(rep) => {
                    eprintln!(
                        "{name}: {}",
                        i18n::tr_args(
                            plan::Lang::Nb,
                            "staff-bulk-imported",
                            &[
                                ("created", rep.created.to_string().into()),
                                ("updated", rep.updated.to_string().into()),
                                ("unchanged", rep.unchanged.to_string().into()),
                            ],
                        )
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(app::action_sheet::ImportError::Bulk(app::action_sheet::BulkError::Rows(
                    rows,
                ))) => {
                    for r in app::action_sheet::rows_text(&rows, plan::Lang::Nb).lines() {
                        eprintln!("{name}: {r}");
                    }
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e).with_context(|| format!("cannot import {name}")),
            }
        }
        ActionsCommand::CarryOver {
            id,
            to,
            new_id,
            actor,
        } => {
            let actor = super::cli_actor(actor);
            let req = app::plan_versions::CarryRequest {
                from_plan: &code,
                action_id: &id,
                to_plan: to.as_deref(),
                new_id: new_id.as_deref(),
                actor: &actor,
            };
            match app::plan_versions::carry_over(&ctx.store, &req).await {
                Ok(rec) => {
                    let to = match to {
                        Some(t) => t,
                        None => app::plan_versions::current_key(&ctx.store, &code).await?,
                    };
                    println!(
                        "tiltak {id} i planen {code} er videreført til planen {to} som tiltak {} (status {}, {} %)",
                        rec.action.id,
                        rec.action.status.as_str(),
                        rec.action.progress
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(store::UpdateError::NotFound(a)) => {
                    bail!("tiltak {a} finnes ikke i planen {code}; ingenting er endret")
                }
                Err(store::UpdateError::Invalid(m)) => {
                    let hint = if m.contains("velg en annen id") {
                        " (--new-id ID)"
                    } else {
                        ""
                    };
                    bail!("{m}{hint}; ingenting er endret")
                }
                Err(e) => bail!("{e}; ingenting er endret"),
            }
        }
        ActionsCommand::Export { format, out, lang } => {
            let actions = ctx.store.actions(&code).await?;
            let bytes = match format {
                SheetFormat::Csv => app::action_sheet::write_csv(&actions, lang)?,
                SheetFormat::Xlsx => app::action_sheet::write_xlsx(&actions, lang)?,
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, bytes)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    eprintln!("wrote {}", path.display());
                }
                None if format == SheetFormat::Xlsx => {
                    bail!("xlsx is a binary format: give --out FILE.xlsx")
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().lock().write_all(&bytes)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
