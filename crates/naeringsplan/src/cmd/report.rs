//! `naeringsplan report`: the annual or half-yearly status report to the council, as PDF, HTML
//! or Markdown, generated from the store (plan, actions, statistics, judgements).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};

use crate::context::Options;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The report year (default: the last year of the plan period).
    #[arg(long)]
    year: Option<i32>,
    /// The whole year, or a half-year.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    period: PeriodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Pdf)]
    format: ReportFormat,
    /// Output file (required for pdf and docx; html and md go to standard output without it).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// The whole year.
    Year,
    /// First half-year.
    #[value(name = "H1")]
    H1,
    /// Second half-year.
    #[value(name = "H2")]
    H2,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A4 PDF.
    Pdf,
    /// One self-contained HTML file.
    Html,
    /// Markdown.
    Md,
    /// Word (DOCX), for the case-handling system.
    Docx,
}

pub async fn run(opts: &Options, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    let year = args.year.unwrap_or(ctx.plan.meta.period_end);
    if !ctx.plan.table_years().any(|y| y == year) {
        bail!(
            "{year} is outside the plan's years {}–{}",
            ctx.plan.meta.first_data_year,
            ctx.plan.meta.period_end
        );
    }
    let period = match args.period {
        PeriodArg::Year => report::Period::Year,
        PeriodArg::H1 => report::Period::H1,
        PeriodArg::H2 => report::Period::H2,
    };
    let format = match args.format {
        ReportFormat::Pdf => report::Format::Pdf,
        ReportFormat::Html => report::Format::Html,
        ReportFormat::Md => report::Format::Markdown,
        ReportFormat::Docx => report::Format::Docx,
    };
    if matches!(format, report::Format::Pdf | report::Format::Docx) && args.out.is_none() {
        bail!("pdf and docx are binary formats: give --out FILE");
    }
    let input = app::council_report::assemble(&ctx.store, &ctx.plan, year, period)
        .await
        .context("cannot assemble the report")?;
    let bytes = report::render(&input, format, Some(time::OffsetDateTime::now_utc()))?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}
