//! `naeringsplan`: the command-line entry point. It wires the library crates together; every
//! command lives in its own module under `cmd/`.

mod cmd;
mod context;
mod export;
mod progress;
mod snapshot;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// A municipal business-development plan (temaplan næring) as a living system.
///
/// With no options it runs on the embedded default: Asker kommune's Temaplan næring 2021–2024
/// and a SQLite store in your data directory.
#[derive(Parser, Debug)]
#[command(name = "naeringsplan", version, about, long_about)]
pub struct Cli {
    /// The store: a SQLite file path, or a postgres:// URL.
    /// Default: naeringsplan/naeringsplan.db in your data directory (e.g. ~/.local/share).
    #[arg(long, global = true, env = "NAERINGSPLAN_DB", value_name = "PATH|URL")]
    db: Option<String>,

    /// Use this plan file instead of the embedded default (Asker).
    #[arg(long, global = true, env = "NAERINGSPLAN_PLAN", value_name = "FILE")]
    plan: Option<PathBuf>,

    /// The SYNTHETIC demo register an empty store is filled with: `plan` = the plan's
    /// municipality, its peers and neighbours (small, quick); `national` = every municipality,
    /// 1.16 M enheter (for benchmarks). Only used while the store has no register data.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = context::DemoRegister::Plan,
        env = "NAERINGSPLAN_DEMO_REGISTER"
    )]
    demo_register: context::DemoRegister,

    /// The language of the council report and of messages: nb (bokmål), nn (nynorsk) or en.
    /// Default: the plan's written standard (`language` in the plan file), else bokmål.
    #[arg(long, global = true, env = "NAERINGSPLAN_LANG", value_name = "nb|nn|en", value_parser = parse_lang)]
    lang: Option<plan::Lang>,

    #[command(subcommand)]
    command: Command,
}

/// Output format of commands that print data.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON, for programs.
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web server: public dashboard, staff pages and JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        security: cmd::serve::Security,
    },
    /// Validate plan files; report every problem as file:line:col: message.
    ///
    /// Exits 0 when every file is clean, 1 otherwise. Without FILE, checks the embedded default.
    Check {
        /// Plan files (TOML).
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show or export the plan (with the actions as they stand in the store).
    Plan {
        #[command(subcommand)]
        command: cmd::plan::PlanCommand,
    },
    /// Staff accounts: add, list, API tokens, roles.
    User {
        #[command(subcommand)]
        command: cmd::user::UserCommand,
    },
    /// The action plan as a spreadsheet: import and export CSV or XLSX.
    Actions {
        #[command(subcommand)]
        command: cmd::actions::ActionsCommand,
    },
    /// Register facts (Enhetsregisteret) of a municipality: units by organisation form, new
    /// registrations per year and the AS share, bankruptcies, employees by sector group, the
    /// largest enterprises, cohort survival, turnover; and the plan's quoted facts beside the
    /// computed values. Each figure names its snapshot date; synthetic data is labelled.
    Facts(cmd::facts::FactsArgs),
    /// Import statistics and register files into the store: SSB JSON-stat 2.0 datasets, SSB
    /// CSV exports, KLASS code lists and change tables (CSV or JSON), Brønnøysund bulk files.
    ///
    /// The format is detected from the content. Each file is one transaction: a bad file is
    /// reported as `file: location: what was expected`, nothing from it is stored, and the
    /// command exits 1. Importing the same file twice changes nothing; a newer release of a
    /// table supersedes the older (which is kept).
    Import {
        /// Files to import.
        files: Vec<PathBuf>,
        /// Brønnøysund files: report malformed rows and go on instead of refusing the file.
        #[arg(long)]
        skip_bad_rows: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Statistics in the store: values with provenance, across municipal mergers.
    Stats {
        #[command(subcommand)]
        command: cmd::stats::StatsCommand,
    },
    /// Fetch the configured SSB tables and KLASS classifications online (data/sources.toml),
    /// with retries, SSB's rate limit and a cache of raw responses, and import them. Offline it
    /// says so in one line and exits 0; the bundled snapshot keeps serving.
    Fetch(cmd::fetch::FetchArgs),
    /// The plan's indicators computed from the stored statistics and judged against each
    /// year's ambition (the plan's chapter 6 regenerated from data); `--explain ID` shows the
    /// formula and every input with its provenance.
    Indicators(cmd::indicators::IndicatorsArgs),
    /// One indicator compared across municipalities: the plan's municipality and the peers
    /// given, each on its own borders, by the same definitions over the same stored series
    /// (values only: the plan's targets are its own municipality's).
    Compare(cmd::compare::CompareArgs),
    /// The plan's chapter-3 key figures (population and growth, jobs, employed residents,
    /// egendekning, sysselsettingsgrad, kortreist andel, public-sector share, industry shares,
    /// new enterprises, bankruptcies) for a municipality and year, beside the plan's quotes and
    /// the peers; demo values marked.
    KeyFigures(cmd::key_figures::KeyFiguresArgs),
    /// The status report to the council (status for måloppnåelse), as PDF, HTML or Markdown.
    Report(cmd::report::ReportArgs),
    /// Staff's written assessments for a report period (the plan, a focus area, an indicator,
    /// a late action), or the period's assessments and unexplained deviations.
    Assess(cmd::assess::AssessArgs),
    /// Every municipality ranked on a Kommune-NM-style index (our own computation on NHO's
    /// published structure: 19 indicators in five groups): total, groups and county rank, the
    /// plan's municipality highlighted, NHO's published ranks beside ours; `--explain CODE`
    /// shows the scores, the gaps and what would move the rank. Synthetic inputs are labelled.
    Rank(cmd::rank::RankArgs),
    /// Commercial land sites (næringsarealer, plan §5.9.2): import and export CSV or GeoJSON,
    /// statistics per year (supply, additions and withdrawals, conversion to housing).
    Land {
        #[command(subcommand)]
        command: cmd::local_registers::LandCommand,
    },
    /// Local procurement (plan §5.7.2): import a supplier ledger and report the shares of spend
    /// that are local, in neighbouring municipalities and elsewhere, and with SMEs.
    Procurement {
        #[command(subcommand)]
        command: cmd::local_registers::ProcurementCommand,
    },
    /// Company visits and dialogue meetings: record, list, aggregate, and delete after the
    /// retention period (the details are personal data).
    Visits {
        #[command(subcommand)]
        command: cmd::local_registers::VisitsCommand,
    },
    /// The investment pipeline of the Invester i Asker-function (plan §5.7.3): import, list,
    /// public aggregates per year and stage, and delete closed enquiries after the retention
    /// period (the details are confidential).
    Pipeline {
        #[command(subcommand)]
        command: cmd::local_registers::PipelineCommand,
    },
    /// Partners, memberships, partner agreements and ownerships (plan §5.7.1): import and list.
    Partners {
        #[command(subcommand)]
        command: cmd::local_registers::PartnersCommand,
    },
    /// Where every figure comes from: each series' SSB table, whether its codes are verified
    /// against public evidence (with the evidence), which years are real data and which demo
    /// (synthetic), rows and last import; and for each plan indicator, which years rest on real
    /// data. The page /kilder shows the same.
    Sources(cmd::sources::SourcesArgs),
    /// Check the store's integrity: the database file, references, every import whole, the
    /// action history consistent with the action versions. Reads only; exits 1 on a problem.
    Doctor {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a consistent copy of the SQLite store to FILE (`VACUUM INTO`; the server may keep
    /// running). Never overwrites FILE. Prints rows per table. For PostgreSQL use pg_dump.
    Backup {
        /// The backup file to make (must not exist).
        file: PathBuf,
    },
    /// Replace the SQLite store with the backup FILE: the backup is checked first (an SQLite
    /// file, a naeringsplan store, migrated to this release, every doctor check passing) and
    /// only then swapped in, in one step; on any problem the store is left as it was. Stop the
    /// server first. For PostgreSQL use pg_restore.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        default_sigpipe();
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NAERINGSPLAN_LOG")
                // The store quiets its database library's slow-statement warnings.
                .unwrap_or_else(|_| format!("info,{}", store::LOG_DIRECTIVES).into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Restores the default SIGPIPE action for the one-shot commands, so that
/// `naeringsplan rank | head` ends quietly like any Unix tool instead of panicking on a closed
/// pipe. (Rust ignores SIGPIPE by default; the server keeps that, since a client hanging up must
/// not end the process.)
fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up on the main thread before any other thread exists;
    // `signal` with SIG_DFL only changes the disposition of SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ctx = context::Options {
        db: cli.db,
        plan: cli.plan,
        demo_register: cli.demo_register,
        lang: cli.lang,
    };
    match cli.command {
        Command::Check { files, format } => cmd::check::run(&ctx, &files, format),
        Command::Plan { command } => runtime()?.block_on(cmd::plan::run(&ctx, command)),
        Command::Serve { addr, security } => {
            runtime()?.block_on(cmd::serve::run(&ctx, &addr, &security))
        }
        Command::User { command } => runtime()?.block_on(cmd::user::run(&ctx, command)),
        Command::Actions { command } => runtime()?.block_on(cmd::actions::run(&ctx, command)),
        Command::Facts(args) => runtime()?.block_on(cmd::facts::run(&ctx, &args)),
        Command::Import {
            files,
            skip_bad_rows,
            format,
        } => runtime()?.block_on(cmd::import::run(&ctx, &files, skip_bad_rows, format)),
        Command::Stats { command } => runtime()?.block_on(cmd::stats::run(&ctx, command)),
        Command::Fetch(args) => runtime()?.block_on(cmd::fetch::run(&ctx, &args)),
        Command::Indicators(args) => runtime()?.block_on(cmd::indicators::run(&ctx, &args)),
        Command::Compare(args) => runtime()?.block_on(cmd::compare::run(&ctx, &args)),
        Command::KeyFigures(args) => runtime()?.block_on(cmd::key_figures::run(&ctx, &args)),
        Command::Report(args) => runtime()?.block_on(cmd::report::run(&ctx, &args)),
        Command::Assess(args) => runtime()?.block_on(cmd::assess::run(&ctx, &args)),
        Command::Rank(args) => runtime()?.block_on(cmd::rank::run(&ctx, &args)),
        Command::Land { command } => runtime()?.block_on(cmd::local_registers::land(&ctx, command)),
        Command::Procurement { command } => {
            runtime()?.block_on(cmd::local_registers::procurement(&ctx, command))
        }
        Command::Visits { command } => {
            runtime()?.block_on(cmd::local_registers::visits(&ctx, command))
        }
        Command::Pipeline { command } => {
            runtime()?.block_on(cmd::local_registers::pipeline(&ctx, command))
        }
        Command::Partners { command } => {
            runtime()?.block_on(cmd::local_registers::partners(&ctx, command))
        }
        Command::Sources(args) => runtime()?.block_on(cmd::sources::run(&ctx, &args)),
        Command::Doctor { format } => runtime()?.block_on(cmd::doctor::run(&ctx, format)),
        Command::Backup { file } => runtime()?.block_on(cmd::backup::backup(&ctx, &file)),
        Command::Restore { file } => runtime()?.block_on(cmd::backup::restore(&ctx, &file)),
    }
}

/// `--lang`: one of the languages the product speaks.
fn parse_lang(s: &str) -> Result<plan::Lang, String> {
    plan::Lang::from_code(s)
        .ok_or_else(|| format!("unknown language «{s}» (expected nb, nn or en)"))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
