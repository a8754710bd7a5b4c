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
    /// The report's data date (YYYY-MM-DD; default: the period's last day): figures for a year
    /// that had not ended by then are left out, as they could not have been published.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    data_as_of: Option<time::Date>,
    /// The staff's preview: the latest assessments, drafts included and marked.
    #[arg(long, conflicts_with = "finalise")]
    preview: bool,
    /// Mark the report for the period final: refused while a deviation lacks a published
    /// explanation; stores every format with its SHA-256, which is the report from then on.
    #[arg(long)]
    finalise: bool,
    /// Name recorded as who marked the report final (default: cli:$USER).
    #[arg(long = "as", value_name = "NAME", requires = "finalise")]
    actor: Option<String>,
}

fn parse_date(s: &str) -> Result<time::Date, String> {
    plan::date::parse(s).map_err(|e| e.to_string())
}

impl PeriodArg {
    /// The report period.
    pub fn period(self) -> report::Period {
        match self {
            PeriodArg::Year => report::Period::Year,
            PeriodArg::H1 => report::Period::H1,
            PeriodArg::H2 => report::Period::H2,
        }
    }
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
    let lang = opts.lang.unwrap_or(ctx.plan.meta.language);
    let say = |key: &str, args: &[(&str, String)]| crate::context::say(lang, key, args);
    let year = args.year.unwrap_or(ctx.plan.meta.period_end);
    if !ctx.plan.table_years().any(|y| y == year) {
        bail!(say(
            "cli-report-outside-years",
            &[
                ("year", year.to_string()),
                ("first", ctx.plan.meta.first_data_year.to_string()),
                ("last", ctx.plan.meta.period_end.to_string()),
            ]
        ));
    }
    let period = args.period.period();
    let format = match args.format {
        ReportFormat::Pdf => report::Format::Pdf,
        ReportFormat::Html => report::Format::Html,
        ReportFormat::Md => report::Format::Markdown,
        ReportFormat::Docx => report::Format::Docx,
    };
    if matches!(format, report::Format::Pdf | report::Format::Docx)
        && args.out.is_none()
        && !args.finalise
    {
        bail!(say("cli-report-binary", &[]));
    }
    let ext = match format {
        report::Format::Pdf => "pdf",
        report::Format::Docx => "docx",
        report::Format::Html => "html",
        report::Format::Markdown => "md",
    };
    if args.finalise {
        if args.data_as_of.is_some() {
            bail!("a final report uses the period's own data date: leave out --data-as-of");
        }
        let actor = super::cli_actor(args.actor.clone());
        let files = app::report_review::finalise(
            &ctx.store,
            &ctx.plan,
            year,
            period,
            &actor,
            time::OffsetDateTime::now_utc(),
        )
        .await?;
        for f in &files {
            eprintln!(
                "endelig: {} {} ({} bytes) sha256 {}",
                period.label(year),
                f.format,
                f.size,
                f.sha256
            );
        }
    }
    let frozen = if args.preview || args.data_as_of.is_some() {
        None
    } else {
        app::report_review::final_bytes(&ctx.store, &ctx.plan, year, period, ext).await?
    };
    let bytes = match frozen {
        Some(bytes) => {
            eprintln!(
                "{}",
                say(
                    "cli-report-final-stored",
                    &[("period", period.label_in(lang, year))]
                )
            );
            bytes
        }
        None => {
            let input = crate::progress::spinner(
                &say("cli-report-assembling", &[]),
                app::council_report::assemble_with(
                    &ctx.store,
                    &ctx.plan,
                    year,
                    period,
                    &app::council_report::ReportOptions {
                        drafts: args.preview,
                        data_as_of: args.data_as_of,
                        lang: opts.lang,
                    },
                ),
            )
            .await
            .with_context(|| say("cli-report-cannot-assemble", &[]))?;
            report::render(&input, format, Some(time::OffsetDateTime::now_utc()))?
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| {
                say("cli-cannot-write", &[("file", path.display().to_string())])
            })?;
            eprintln!(
                "{}",
                say(
                    "cli-wrote",
                    &[
                        ("file", path.display().to_string()),
                        ("bytes", bytes.len().to_string())
                    ]
                )
            );
        }
        None if args.finalise && matches!(format, report::Format::Pdf | report::Format::Docx) => {}
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}
