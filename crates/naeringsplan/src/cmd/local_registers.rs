//! `naeringsplan land|procurement|visits`: the registers the plan says are missing (issue 9).
//!
//! - `land import FILE` (CSV or GeoJSON), `land export --format csv|geojson`, `land stats`;
//! - `procurement import FILE` (a supplier ledger), `procurement report [--year]`;
//! - `visits add|list|aggregate|purge|delete`: company visits; the details are personal data,
//!   deleted after the retention period (`visits purge --older-than MONTHS`, default 24);
//! - `pipeline import|list|aggregate|purge`: the investment pipeline (§5.7.3); the details are
//!   confidential, closed enquiries deleted after the retention period;
//! - `partners import|list`: partners, memberships, agreements and ownerships (§5.7.1).
//!
//! Every import is one transaction: a bad file is reported as `file: line N: field: what was
//! expected`, nothing from it is stored, and the command exits 1.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Subcommand, ValueEnum};
use local_registers::land::{self, Availability, UseClass};
use local_registers::procurement::{self, SizeClass, fmt_nok};
use local_registers::visits::{self, FollowUp, Visit, VisitKind};
use sha2::{Digest, Sha256};

use crate::Format;
use crate::context::Options;

/// `land` subcommands.
#[derive(Subcommand, Debug)]
pub enum LandCommand {
    /// Import land site changes from CSV or GeoJSON (detected from the content). One row or
    /// feature is one dated change of one site; every change is kept. A change already stored
    /// with the same content is skipped; other content for the same site and date is stored
    /// as a correction (the earlier row is kept in the history).
    Import {
        /// The file.
        file: PathBuf,
        /// Who records the changes (default: $USER).
        #[arg(long = "as", value_name = "NAME")]
        by: Option<String>,
    },
    /// Export every change in effect, as CSV (the import format) or GeoJSON.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = LandFormat::Csv)]
        format: LandFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Statistics per year: supply by availability and use class, additions and withdrawals
    /// (tilgang/avgang), conversion to housing; and the plan's 2019 figures beside them.
    Stats {
        /// Only this year (default: every year from the first change).
        #[arg(long)]
        year: Option<i32>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Land export formats.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LandFormat {
    /// `;`-separated, decimal comma (the import format).
    Csv,
    /// A GeoJSON FeatureCollection.
    Geojson,
}

/// `procurement` subcommands.
#[derive(Subcommand, Debug)]
pub enum ProcurementCommand {
    /// Import a supplier ledger (CSV: orgnr; leverandor; belop; dato; kategori). The same file
    /// twice changes nothing.
    Import {
        /// The file.
        file: PathBuf,
    },
    /// The share of spend with suppliers in the municipality, in neighbouring municipalities
    /// and elsewhere, by year and category; the SME share; and every organisation number that
    /// could not be placed (unknown, deleted, bankrupt, no address), never guessed.
    Report {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// `visits` subcommands.
// Parsed once per run: the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum VisitsCommand {
    /// Record a company visit or dialogue meeting. The company's name and sector come from
    /// the register when it is there.
    Add {
        /// The company's organisation number.
        #[arg(long)]
        orgnr: String,
        /// Date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// `besok` (company visit) or `dialogmote` (dialogue meeting).
        #[arg(long, default_value = "besok")]
        kind: String,
        /// Part of the municipality (e.g. "Asker nord", "Røyken", "Hurum").
        #[arg(long, default_value = "")]
        area: String,
        /// A participant (repeat the option for several).
        #[arg(long = "participant")]
        participants: Vec<String>,
        /// A topic (repeat for several).
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// A follow-up, with the strategies and actions it serves in brackets at the end:
        /// "Invite to the start-up service [5.2-s1, T3]" (repeat for several).
        #[arg(long = "follow-up")]
        follow_ups: Vec<String>,
        /// The company's name, when it is not in the register snapshot.
        #[arg(long)]
        company: Option<String>,
        /// Who records it (default: $USER).
        #[arg(long = "as", value_name = "NAME")]
        by: Option<String>,
    },
    /// Import visits from a CSV file (`;`, `,` or tab separated, UTF-8), one row per visit, in
    /// one transaction: a bad row is reported as "file: line N: field: what was expected" and
    /// nothing is stored. Columns (any order; only orgnr and dato are required): orgnr; dato
    /// (YYYY-MM-DD or DD.MM.YYYY); type (besok | dialogmote, default besok); omrade (part of
    /// the municipality); deltakere and tema (lists separated by |); oppfolging (follow-ups
    /// separated by |, each "text [strategy or action ids]", ids as in the plan); virksomhet
    /// (the company's name, needed when the number is not in the register snapshot). A visit
    /// already stored with the same content is skipped.
    Import {
        /// The file.
        file: PathBuf,
        /// Who records the visits (default: $USER).
        #[arg(long = "as", value_name = "NAME")]
        by: Option<String>,
    },
    /// List the stored visits with their details (personal data: staff only).
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Public aggregates: visits per year, per sector and per part of the municipality.
    Aggregate {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Delete the visits older than the retention period (their counts are kept, without
    /// names or text).
    Purge {
        /// Retention period in months.
        #[arg(long, value_name = "MONTHS", default_value_t = visits::DEFAULT_RETENTION_MONTHS, env = "NAERINGSPLAN_VISIT_RETENTION_MONTHS")]
        older_than: u32,
        /// Show what would be deleted, delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete one visit now (e.g. at a participant's request). No counts are kept.
    Delete {
        /// The visit's id (from `visits list`).
        id: i64,
    },
}

/// `pipeline` subcommands.
#[derive(Subcommand, Debug)]
pub enum PipelineCommand {
    /// Import enquiries from a CSV file (`;`, `,` or tab separated, UTF-8), one row per
    /// enquiry, in one transaction: a bad row is reported as "file: line N: field: what was
    /// expected" and nothing is stored. Columns (any order; only navn and dato are required):
    /// navn; dato (YYYY-MM-DD or DD.MM.YYYY); naering; kilde; arbeidsplasser_forventet;
    /// areal_daa; fase (henvendelse, dialog, tomt_tilbudt, beslutning, etablert, tapt; default
    /// henvendelse); tapt_arsak (required when tapt); arbeidsplasser_skapt (only when
    /// etablert); tomt (a land site's id, required when tomt_tilbudt). An enquiry already
    /// stored with the same content is skipped.
    Import {
        /// The file.
        file: PathBuf,
        /// Who records the enquiries (default: $USER).
        #[arg(long = "as", value_name = "NAME")]
        by: Option<String>,
    },
    /// List the stored enquiries with their details (confidential: staff only).
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Public aggregates: enquiries, jobs expected and jobs created per year and stage.
    Aggregate {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Delete the closed enquiries (established or lost) older than the retention period;
    /// their counts are kept without names.
    Purge {
        /// Retention period in months.
        #[arg(long, value_name = "MONTHS", default_value_t = local_registers::pipeline::DEFAULT_RETENTION_MONTHS, env = "NAERINGSPLAN_PIPELINE_RETENTION_MONTHS")]
        older_than: u32,
    },
}

/// `partners` subcommands.
#[derive(Subcommand, Debug)]
pub enum PartnersCommand {
    /// Import partners, memberships, agreements and ownerships from a CSV file in one
    /// transaction: a bad row is reported as "file: line N: field: …" and nothing is stored.
    /// Columns (any order; type and navn are required): type (eierskap, medlemskap,
    /// partneravtale, samarbeid); navn; orgnr; eierandel (percent, eierskap only); fra; til;
    /// formal; strategier (the plan's strategy and action ids, separated by |); kilde. An
    /// entry of the same type and name is changed field by field (kept in its history).
    Import {
        /// The file.
        file: PathBuf,
        /// Who records the changes (default: $USER).
        #[arg(long = "as", value_name = "NAME")]
        by: Option<String>,
    },
    /// List the register, with each organisation number joined with the stored register.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn who(by: Option<String>) -> String {
    by.or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "cli".into())
}

fn read_file(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
}

/// The file's SHA-256 and whether it is synthetic: synthetic files say so in their name or
/// their content.
fn sha_and_synthetic(name: &str, bytes: &[u8]) -> (String, bool) {
    let sha = hex::encode(Sha256::digest(bytes));
    let synthetic =
        name.to_uppercase().contains("SYNTETISK") || bytes.windows(9).any(|w| w == b"SYNTETISK");
    (sha, synthetic)
}

fn nothing_imported(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{e}\nnothing was imported (the store is unchanged)")
}

/// The message `key` in `lang` (`crates/i18n/locales/*.ftl`), numbers as numbers (for the
/// plural forms).
fn msg(lang: plan::Lang, key: &str, args: &[(&str, i18n::Value<'_>)]) -> String {
    i18n::tr_args(lang, key, args)
}

/// `message`, marked when the file is example (synthetic) data.
fn marked(lang: plan::Lang, message: String, synthetic: bool) -> String {
    if synthetic {
        format!("{message} ({})", i18n::tr(lang, "cli-registers-synthetic"))
    } else {
        message
    }
}

/// Imports a land file into the store; the message to print.
pub async fn land_import(
    lang: plan::Lang,
    store: &store::Store,
    plan_code: &str,
    path: &Path,
    by: &str,
) -> anyhow::Result<String> {
    let (name, bytes) = read_file(path)?;
    land_import_bytes(lang, store, plan_code, &name, &bytes, by).await
}

/// Imports the bytes of a land file named `name`; the message to print.
pub async fn land_import_bytes(
    lang: plan::Lang,
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
    by: &str,
) -> anyhow::Result<String> {
    let (sha, synthetic) = sha_and_synthetic(name, bytes);
    let changes = land::parse_any(name, bytes).map_err(nothing_imported)?;
    let format = if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        "geojson"
    } else {
        "csv"
    };
    let r = store
        .land_import(
            plan_code,
            store::local_registers::LandFile {
                name,
                sha256: &sha,
                format,
                synthetic,
            },
            &changes,
            by,
        )
        .await
        .map_err(nothing_imported)?;
    let text = msg(
        lang,
        "cli-land-imported",
        &[
            ("file", name.into()),
            ("stored", r.stored.into()),
            ("unchanged", r.unchanged.into()),
        ],
    );
    Ok(marked(lang, text, synthetic))
}

/// Imports a ledger file into the store; the message to print.
pub async fn ledger_import(
    lang: plan::Lang,
    store: &store::Store,
    plan_code: &str,
    path: &Path,
) -> anyhow::Result<String> {
    let (name, bytes) = read_file(path)?;
    ledger_import_bytes(lang, store, plan_code, &name, &bytes).await
}

/// Imports the bytes of a ledger file named `name`; the message to print.
pub async fn ledger_import_bytes(
    lang: plan::Lang,
    store: &store::Store,
    plan_code: &str,
    name: &str,
    bytes: &[u8],
) -> anyhow::Result<String> {
    let (sha, synthetic) = sha_and_synthetic(name, bytes);
    let rows = procurement::parse_ledger(name, bytes).map_err(nothing_imported)?;
    match store
        .procurement_import(plan_code, name, &sha, synthetic, &rows)
        .await
        .map_err(nothing_imported)?
    {
        store::local_registers::LedgerImport::Imported { rows, .. } => {
            let text = msg(
                lang,
                "cli-ledger-imported",
                &[("file", name.into()), ("rows", rows.into())],
            );
            Ok(marked(lang, text, synthetic))
        }
        store::local_registers::LedgerImport::AlreadyImported { id } => Ok(msg(
            lang,
            "cli-ledger-already",
            &[("file", name.into()), ("id", id.into())],
        )),
    }
}

/// The synthetic example data for Asker (`data/registers/example/`, made by
/// `cargo run -p naeringsplan-demo --example asker_example_data`), compiled in:
/// (file name, bytes) of the land file and the ledger.
pub const EXAMPLE_LAND: (&str, &[u8]) = (
    "asker_naeringsarealer_SYNTETISK.geojson",
    include_bytes!("../../../../data/registers/example/asker_naeringsarealer_SYNTETISK.geojson"),
);
/// See [`EXAMPLE_LAND`].
pub const EXAMPLE_LEDGER: (&str, &[u8]) = (
    "asker_fakturajournal_SYNTETISK.csv",
    include_bytes!("../../../../data/registers/example/asker_fakturajournal_SYNTETISK.csv"),
);
/// See [`EXAMPLE_LAND`]: the investment pipeline's example (its sites are the land file's).
pub const EXAMPLE_PIPELINE: (&str, &[u8]) = (
    "asker_investeringer_SYNTETISK.csv",
    include_bytes!("../../../../data/registers/example/asker_investeringer_SYNTETISK.csv"),
);
/// The municipality the example data describe (Asker).
pub const EXAMPLE_MUNICIPALITY: &str = "3203";

/// Fills the empty land register, the empty procurement register and the empty investment
/// pipeline with the synthetic example data, as the statistics snapshot and the demo register fill an empty store (the
/// files are flagged synthetic by their names, so every page and report that shows them says
/// so). Does nothing when `NAERINGSPLAN_NO_DEMO` is set or the plan is not Asker's (the sites
/// and the ledger describe Asker); each register is left alone once it holds anything. Returns
/// what it did.
pub async fn ensure_examples(
    store: &store::Store,
    plan: &plan::Plan,
) -> anyhow::Result<Vec<String>> {
    let mut done = Vec::new();
    if std::env::var_os("NAERINGSPLAN_NO_DEMO").is_some()
        || plan.meta.municipality_code != EXAMPLE_MUNICIPALITY
    {
        return Ok(done);
    }
    let code = plan.meta.municipality_code.as_str();
    // The lines go to the log, which is in English.
    let lang = plan::Lang::En;
    if store.land_history(code).await?.is_empty() {
        let (name, bytes) = EXAMPLE_LAND;
        done.push(land_import_bytes(lang, store, code, name, bytes, "eksempeldata").await?);
    }
    if store.procurement_imports(code).await?.is_empty() {
        let (name, bytes) = EXAMPLE_LEDGER;
        done.push(ledger_import_bytes(lang, store, code, name, bytes).await?);
    }
    if store.pipeline_enquiries(code).await?.is_empty()
        && store
            .pipeline_aggregates(code)
            .await?
            .0
            .per_year_stage
            .is_empty()
    {
        let (name, bytes) = EXAMPLE_PIPELINE;
        // Its sites are the example land file's: a land register of one's own may lack them,
        // and then the example is left out rather than the start failing.
        match app::pipeline::import_csv(store, code, name, bytes, "eksempeldata").await {
            Ok((r, synthetic)) => done.push(marked(
                lang,
                msg(
                    lang,
                    "cli-pipeline-imported",
                    &[
                        ("file", name.into()),
                        ("stored", r.ids.len().into()),
                        ("unchanged", r.unchanged.into()),
                    ],
                ),
                synthetic,
            )),
            Err(e) => tracing::warn!("the example pipeline was not loaded: {e}"),
        }
    }
    Ok(done)
}

/// Imports a visits file into the store (one transaction; see `visits import --help`); the
/// message to print. Companies are looked up in the register snapshot for their name and
/// sector; a number that is not there needs the `virksomhet` column.
pub async fn visits_import(
    lang: plan::Lang,
    store: &store::Store,
    plan: &plan::Plan,
    path: &Path,
    by: &str,
) -> anyhow::Result<String> {
    let (name, bytes) = read_file(path)?;
    let (_, synthetic) = sha_and_synthetic(&name, &bytes);
    let known = app::local_registers::linkable_ids(store, plan).await?;
    let rows = visits::parse_csv(&name, &bytes, &known).map_err(nothing_imported)?;
    let wanted: std::collections::BTreeSet<brreg::OrgNr> =
        rows.iter().map(|r| r.visit.orgnr).collect();
    let found = app::local_registers::companies(store, &wanted).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let mut v = row.visit;
        let company = found.get(&v.orgnr);
        v.company = match (row.company, company) {
            (Some(n), _) => n,
            (None, Some(c)) => c.name.clone(),
            (None, None) => {
                return Err(nothing_imported(local_registers::InputError::at_line(
                    &name,
                    row.line,
                    "orgnr",
                    format!(
                        "{} is not in the register snapshot; give the company's name in the column virksomhet",
                        v.orgnr
                    ),
                )));
            }
        };
        v.sector = company.and_then(|c| c.sector.clone());
        list.push(v);
    }
    let r = store
        .visit_import(&plan.meta.municipality_code, &list, synthetic, by)
        .await
        .map_err(nothing_imported)?;
    let text = msg(
        lang,
        "cli-visits-imported",
        &[
            ("file", name.as_str().into()),
            ("stored", r.ids.len().into()),
            ("unchanged", r.unchanged.into()),
        ],
    );
    Ok(marked(lang, text, synthetic))
}

/// Imports a pipeline file into the store (one transaction; see `pipeline import --help`);
/// the message to print. A site offered must be a site of the land register.
pub async fn pipeline_import(
    lang: plan::Lang,
    store: &store::Store,
    plan_code: &str,
    path: &Path,
    by: &str,
) -> anyhow::Result<String> {
    let (name, bytes) = read_file(path)?;
    let (r, synthetic) = app::pipeline::import_csv(store, plan_code, &name, &bytes, by)
        .await
        .map_err(nothing_imported)?;
    let text = msg(
        lang,
        "cli-pipeline-imported",
        &[
            ("file", name.as_str().into()),
            ("stored", r.ids.len().into()),
            ("unchanged", r.unchanged.into()),
        ],
    );
    Ok(marked(lang, text, synthetic))
}

/// Imports a partners file into the store (one transaction; see `partners import --help`);
/// the message to print.
pub async fn partners_import(
    lang: plan::Lang,
    store: &store::Store,
    plan: &plan::Plan,
    path: &Path,
    by: &str,
) -> anyhow::Result<String> {
    let (name, bytes) = read_file(path)?;
    let r = app::partners::import_csv(store, plan, &name, &bytes, by)
        .await
        .map_err(nothing_imported)?;
    Ok(msg(
        lang,
        "cli-partners-imported",
        &[
            ("file", name.as_str().into()),
            ("created", r.created.into()),
            ("changed", r.changed.into()),
            ("unchanged", r.unchanged.into()),
        ],
    ))
}

fn daa(v: f64) -> String {
    plan::fmt::number_auto(v, 1)
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| plan::fmt::fraction_percent(v, 1))
}

/// `naeringsplan land …`
pub async fn land(ctx: &Options, command: LandCommand) -> anyhow::Result<ExitCode> {
    let c = ctx.open().await?;
    match command {
        LandCommand::Import { file, by } => {
            println!(
                "{}",
                land_import(
                    ctx.lang(),
                    &c.store,
                    &c.plan.meta.municipality_code,
                    &file,
                    &who(by)
                )
                .await?
            );
        }
        LandCommand::Export { format, out } => {
            let view =
                app::local_registers::land_view(&c.store, &c.plan.meta.municipality_code, None)
                    .await?;
            let text = match format {
                LandFormat::Csv => land::to_csv(&view.changes),
                LandFormat::Geojson => {
                    serde_json::to_string_pretty(&land::to_geojson(&view.changes))? + "\n"
                }
            };
            match out {
                Some(p) => std::fs::write(&p, text)
                    .with_context(|| format!("cannot write {}", p.display()))?,
                None => std::io::stdout().write_all(text.as_bytes())?,
            }
        }
        LandCommand::Stats { year, format } => {
            let view =
                app::local_registers::land_view(&c.store, &c.plan.meta.municipality_code, year)
                    .await?;
            let years: Vec<_> = view
                .years
                .iter()
                .filter(|y| year.is_none_or(|w| y.year == w))
                .collect();
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "synthetic": view.synthetic,
                        "years": years,
                        "seed": land::SEED_2019,
                    }))?
                );
                return Ok(ExitCode::SUCCESS);
            }
            if view.synthetic {
                println!("SYNTETISKE DATA: arealregisteret inneholder oppdiktede tomter.");
            }
            let s = land::SEED_2019;
            println!(
                "Planens tall ({}): {} dekar i bruk til næringsformål, {} dekar satt av til fremtidig bruk. Kilde: {}.",
                s.year,
                daa(s.in_use_daa),
                daa(s.future_daa),
                s.source
            );
            if years.is_empty() {
                println!("Ingen næringsarealer i registeret for dette året.");
            }
            for y in years {
                println!(
                    "\n{}: {} tomter. I bruk (utbygd) {} daa, satt av for fremtiden (ledig + reservert) {} daa.",
                    y.year,
                    y.sites,
                    daa(y.in_use_daa),
                    daa(y.future_daa)
                );
                println!(
                    "  Tilgang {} daa, avgang {} daa (herav omdisponert til bolig {} daa); utbygd i året {} daa.",
                    daa(y.additions_daa),
                    daa(y.withdrawals_daa),
                    daa(y.to_housing_daa),
                    daa(y.built_out_daa)
                );
                for u in UseClass::ALL {
                    let Some(by) = y.by_use.get(u) else { continue };
                    let parts: Vec<String> = Availability::ALL
                        .iter()
                        .filter_map(|a| by.get(a).map(|v| format!("{} {}", a.nb(), daa(*v))))
                        .collect();
                    println!("  {:<20} {}", u.nb(), parts.join(", "));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `naeringsplan procurement …`
pub async fn procurement(ctx: &Options, command: ProcurementCommand) -> anyhow::Result<ExitCode> {
    let c = ctx.open().await?;
    match command {
        ProcurementCommand::Import { file } => {
            println!(
                "{}",
                ledger_import(ctx.lang(), &c.store, &c.plan.meta.municipality_code, &file).await?
            );
        }
        ProcurementCommand::Report { year, format } => {
            if let Some(done) = ctx.ensure_demo(&c.store, &c.plan).await? {
                tracing::info!("{done}");
            }
            let v = app::local_registers::procurement_view(&c.store, &c.plan, year).await?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&v)?);
                return Ok(ExitCode::SUCCESS);
            }
            if v.synthetic {
                println!("SYNTETISKE DATA: fakturajournalen eller registeret er oppdiktet.");
            }
            match &v.snapshot {
                Some(s) => println!("Matchet mot Enhetsregisteret: {}", s.label()),
                None => println!(
                    "Ingen registerdata i lageret: ingen leverandør kan plasseres (importer en Brreg-fil først)."
                ),
            }
            println!("Nabokommuner: {}", v.neighbours.join(", "));
            println!(
                "Andelene er andeler av beløpet til leverandører som kunne plasseres; resten står som «ikke plassert»."
            );
            if v.report.by_year.is_empty() {
                println!("Ingen fakturarader for dette året.");
            }
            for (y, s) in &v.report.by_year {
                println!(
                    "\n{y}: {} kr i alt ({} rader). Lokalt {}, nabokommuner {}, andre steder {}; ikke plassert {} ({} kr). SMB {}, store {}, ansattall skjult {}, offentlige {}.",
                    fmt_nok(s.total),
                    s.rows,
                    pct(s.local_share()),
                    pct(s.neighbour_share()),
                    pct(s.elsewhere_share()),
                    pct(s.unresolved_share()),
                    fmt_nok(s.unresolved),
                    pct(s.sme_share()),
                    pct(s.size_share(SizeClass::Large)),
                    pct(s.size_share(SizeClass::Withheld)),
                    pct(s.size_share(SizeClass::Public)),
                );
                for (cat, s) in v.report.by_year_category.get(y).into_iter().flatten() {
                    println!(
                        "  {cat:<28} {:>16} kr  lokalt {:>7}  nabo {:>7}  andre {:>7}  ikke plassert {:>7}",
                        fmt_nok(s.total),
                        pct(s.local_share()),
                        pct(s.neighbour_share()),
                        pct(s.elsewhere_share()),
                        pct(s.unresolved_share()),
                    );
                }
            }
            if !v.report.unresolved.is_empty() {
                println!("\nIkke plassert (gjettes aldri):");
                for u in &v.report.unresolved {
                    println!(
                        "  {:<9} {:<30} {:>14} kr  {}  (linje {})",
                        u.orgnr.map(|o| o.to_string()).unwrap_or_else(|| "–".into()),
                        u.supplier,
                        fmt_nok(u.spend),
                        u.reason.nb(),
                        u.lines
                            .iter()
                            .map(u64::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `naeringsplan visits …`
pub async fn visits(ctx: &Options, command: VisitsCommand) -> anyhow::Result<ExitCode> {
    let c = ctx.open().await?;
    match command {
        VisitsCommand::Add {
            orgnr,
            date,
            kind,
            area,
            participants,
            topics,
            follow_ups,
            company,
            by,
        } => {
            let orgnr: brreg::OrgNr = orgnr
                .trim()
                .parse()
                .map_err(|e| anyhow::anyhow!("--orgnr {orgnr:?}: {e}"))?;
            let date =
                local_registers::parse_date(&date).map_err(|e| anyhow::anyhow!("--date: {e}"))?;
            let kind = VisitKind::parse(&kind)
                .with_context(|| format!("--kind {kind:?}: expected besok or dialogmote"))?;
            let follow_ups = follow_ups
                .iter()
                .map(|f| FollowUp::parse(f).map_err(|e| anyhow::anyhow!("--follow-up: {e}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let known = app::local_registers::linkable_ids(&c.store, &c.plan).await?;
            for f in &follow_ups {
                let unknown = f.unknown_links(&known);
                if !unknown.is_empty() {
                    bail!(
                        "--follow-up {:?}: {} is not a strategy or action of the plan",
                        f.text,
                        unknown.join(", ")
                    );
                }
            }
            if let Some(done) = ctx.ensure_demo(&c.store, &c.plan).await? {
                tracing::info!("{done}");
            }
            let found = app::local_registers::company(&c.store, orgnr).await?;
            let name = match (&found, company) {
                (_, Some(n)) => n,
                (Some(f), None) => f.name.clone(),
                (None, None) => {
                    bail!("{orgnr} is not in the register snapshot; give the name with --company")
                }
            };
            let v = Visit {
                id: 0,
                orgnr,
                company: name,
                sector: found.as_ref().and_then(|f| f.sector.clone()),
                area,
                date,
                kind,
                participants,
                topics,
                follow_ups,
            };
            let id = c
                .store
                .visit_add(&c.plan.meta.municipality_code, &v, false, &who(by))
                .await?;
            println!(
                "{}",
                msg(
                    ctx.lang(),
                    "cli-visit-stored",
                    &[
                        ("id", id.into()),
                        ("date", v.date.to_string().into()),
                        ("company", v.company.as_str().into()),
                        ("orgnr", orgnr.to_string().into()),
                    ],
                )
            );
        }
        VisitsCommand::Import { file, by } => {
            if let Some(done) = ctx.ensure_demo(&c.store, &c.plan).await? {
                tracing::info!("{done}");
            }
            println!(
                "{}",
                visits_import(ctx.lang(), &c.store, &c.plan, &file, &who(by)).await?
            );
        }
        VisitsCommand::List { format } => {
            let all = c.store.visits(&c.plan.meta.municipality_code).await?;
            if format == Format::Json {
                let list: Vec<_> = all
                    .iter()
                    .map(|(v, s)| serde_json::json!({ "visit": v, "synthetic": s }))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(ExitCode::SUCCESS);
            }
            for (v, synthetic) in &all {
                println!(
                    "{:>4}  {}  {}  {} ({}){}  deltakere: {}  tema: {}",
                    v.id,
                    v.date,
                    v.kind.nb(),
                    v.company,
                    v.orgnr,
                    if *synthetic { " SYNTETISK" } else { "" },
                    v.participants.join(", "),
                    v.topics.join(", ")
                );
                for f in &v.follow_ups {
                    println!("        oppfølging: {} [{}]", f.text, f.links.join(", "));
                }
            }
        }
        VisitsCommand::Aggregate { format } => {
            let (a, synthetic) =
                app::local_registers::visit_aggregates(&c.store, &c.plan.meta.municipality_code)
                    .await?;
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "synthetic": synthetic, "aggregates": a })
                    )?
                );
                return Ok(ExitCode::SUCCESS);
            }
            if synthetic {
                println!("SYNTETISKE DATA: besøkene er oppdiktet.");
            }
            for (y, n) in &a.per_year {
                println!("{y}: {n} besøk");
                for (s, n) in a.per_year_sector.get(y).into_iter().flatten() {
                    println!(
                        "  næring {s} {}: {n}",
                        app::local_registers::sector_name(s).unwrap_or("ukjent")
                    );
                }
                for (area, n) in a.per_year_area.get(y).into_iter().flatten() {
                    println!("  område {area}: {n}");
                }
            }
        }
        VisitsCommand::Purge {
            older_than,
            dry_run,
        } => {
            let today = time::OffsetDateTime::now_utc().date();
            let cutoff = visits::retention_cutoff(today, older_than);
            if dry_run {
                let n = c
                    .store
                    .visits(&c.plan.meta.municipality_code)
                    .await?
                    .iter()
                    .filter(|(v, _)| v.date < cutoff)
                    .count();
                println!(
                    "{}",
                    msg(
                        ctx.lang(),
                        "cli-visits-would-purge",
                        &[("n", n.into()), ("date", cutoff.to_string().into())],
                    )
                );
            } else {
                let n = c
                    .store
                    .visits_purge(&c.plan.meta.municipality_code, cutoff, &who(None))
                    .await?;
                println!(
                    "{}",
                    msg(
                        ctx.lang(),
                        "cli-visits-purged",
                        &[("n", n.into()), ("date", cutoff.to_string().into())],
                    )
                );
            }
        }
        VisitsCommand::Delete { id } => {
            if c.store
                .visit_delete(&c.plan.meta.municipality_code, id)
                .await?
            {
                println!(
                    "{}",
                    msg(ctx.lang(), "cli-visit-deleted", &[("id", id.into())])
                );
            } else {
                bail!(msg(ctx.lang(), "cli-visit-not-found", &[("id", id.into())]));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `naeringsplan pipeline …`
pub async fn pipeline(ctx: &Options, command: PipelineCommand) -> anyhow::Result<ExitCode> {
    let c = ctx.open().await?;
    let code = c.plan.meta.municipality_code.clone();
    match command {
        PipelineCommand::Import { file, by } => {
            println!(
                "{}",
                pipeline_import(ctx.lang(), &c.store, &code, &file, &who(by)).await?
            );
        }
        PipelineCommand::List { format } => {
            let all = c.store.pipeline_enquiries(&code).await?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&all)?);
                return Ok(ExitCode::SUCCESS);
            }
            for s in &all {
                let e = &s.enquiry;
                println!(
                    "{:>4}  {}  {:<12}  {}{}  næring: {}  kilde: {}  arbeidsplasser: {} forventet{}{}{}",
                    e.id,
                    e.date,
                    e.stage.code(),
                    e.name,
                    if s.synthetic { " SYNTETISK" } else { "" },
                    e.sector,
                    e.source,
                    e.jobs_expected.map_or("–".into(), |n| n.to_string()),
                    e.jobs_created
                        .map(|n| format!(", {n} skapt"))
                        .unwrap_or_default(),
                    e.site_id
                        .as_ref()
                        .map(|t| format!("  tomt: {t}"))
                        .unwrap_or_default(),
                    e.lost_reason
                        .as_ref()
                        .map(|r| format!("  tapt: {r}"))
                        .unwrap_or_default(),
                );
            }
        }
        PipelineCommand::Aggregate { format } => {
            let (a, synthetic) = app::pipeline::aggregates(&c.store, &code).await?;
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "synthetic": synthetic, "aggregates": a })
                    )?
                );
                return Ok(ExitCode::SUCCESS);
            }
            if synthetic {
                println!("SYNTETISKE DATA: henvendelsene er oppdiktet.");
            }
            for (y, stages) in &a.per_year_stage {
                let t = a.year_total(*y);
                println!(
                    "{y}: {} henvendelser, {} arbeidsplasser forventet, {} skapt",
                    t.enquiries, t.jobs_expected, t.jobs_created
                );
                for (stage, n) in stages {
                    println!(
                        "  {:<12} {} ({} forventet, {} skapt)",
                        stage.code(),
                        n.enquiries,
                        n.jobs_expected,
                        n.jobs_created
                    );
                }
            }
        }
        PipelineCommand::Purge { older_than } => {
            let (cutoff, n) = app::pipeline::purge(&c.store, &code, older_than, &who(None)).await?;
            println!(
                "{}",
                msg(
                    ctx.lang(),
                    "cli-pipeline-purged",
                    &[("n", n.into()), ("date", cutoff.to_string().into())],
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `naeringsplan partners …`
pub async fn partners(ctx: &Options, command: PartnersCommand) -> anyhow::Result<ExitCode> {
    let c = ctx.open().await?;
    // An empty register of Asker's plan starts from the plan's own list (as on `serve`).
    if let Some(done) = app::partners::ensure_plan_partners(&c.store, &c.plan).await? {
        tracing::info!("{done}");
    }
    match command {
        PartnersCommand::Import { file, by } => {
            println!(
                "{}",
                partners_import(ctx.lang(), &c.store, &c.plan, &file, &who(by)).await?
            );
        }
        PartnersCommand::List { format } => {
            let v = app::partners::view(&c.store, &c.plan.meta.municipality_code).await?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&v)?);
                return Ok(ExitCode::SUCCESS);
            }
            for p in &v.partners {
                let e = &p.partner;
                println!(
                    "{:>4}  {:<13} {}{}{}{}  [{}]",
                    p.id,
                    e.kind.code(),
                    e.name,
                    e.orgnr.map(|o| format!(" ({o})")).unwrap_or_default(),
                    e.share_pct
                        .map(|s| format!("  eierandel {} %", plan::fmt::number_auto(s, 1)))
                        .unwrap_or_default(),
                    p.register
                        .as_ref()
                        .map(|r| format!("  register: {}, ansatte {}", r.name, r.employees_label))
                        .unwrap_or_default(),
                    e.links.join(", ")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// Every file in tests/bad-input/registers is refused with the first line in EXPECTED.tsv
    /// (file, line, field, what was expected), says nothing was imported, and leaves the store
    /// exactly as it was.
    #[tokio::test]
    async fn bad_inputs_name_file_line_field_and_change_nothing() {
        const NB: plan::Lang = plan::Lang::Nb;
        let dir = workspace().join("tests/bad-input/registers");
        let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let store = store::Store::open_sqlite(&tmp.path().join("t.db"))
            .await
            .unwrap();
        // Something in the store first, so "unchanged" is not trivially "empty".
        let example = workspace().join("data/registers/example");
        land_import(
            NB,
            &store,
            "3203",
            &example.join("asker_naeringsarealer_SYNTETISK.geojson"),
            "t",
        )
        .await
        .unwrap();
        ledger_import(
            NB,
            &store,
            "3203",
            &example.join("asker_fakturajournal_SYNTETISK.csv"),
        )
        .await
        .unwrap();
        let plan = plan::embedded_default();
        // The plan's actions in the store, so follow-ups may link to them.
        store
            .load_plan(
                &plan,
                plan::EMBEDDED_DEFAULT_NAME,
                plan::EMBEDDED_DEFAULT_SOURCE,
            )
            .await
            .unwrap();
        visits_import(
            NB,
            &store,
            &plan,
            &example.join("asker_bedriftsbesok_SYNTETISK.csv"),
            "t",
        )
        .await
        .unwrap();
        pipeline_import(
            NB,
            &store,
            "3203",
            &example.join("asker_investeringer_SYNTETISK.csv"),
            "t",
        )
        .await
        .unwrap();
        app::partners::ensure_plan_partners(&store, &plan)
            .await
            .unwrap()
            .unwrap();
        let dump = async || {
            (
                store.land_dump("3203").await.unwrap(),
                store.procurement_dump("3203").await.unwrap(),
                format!("{:?}", store.visits("3203").await.unwrap()),
                store.pipeline_dump("3203").await.unwrap(),
                store.partners_dump("3203").await.unwrap(),
            )
        };
        let before = dump().await;
        assert!(before.3.contains("Fjordlager"), "{}", before.3);
        assert!(before.4.contains("VEAS"), "{}", before.4);
        assert!(
            before.2.contains("dialogmote") || before.2.contains("Dialogue"),
            "{}",
            before.2
        );
        assert!(before.0.contains("ASK-"), "{}", before.0);
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in expected
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (file, message) = line.split_once('\t').expect("file<TAB>message");
            let path = dir.join(file);
            let result = if file.contains("ledger") {
                ledger_import(NB, &store, "3203", &path).await
            } else if file.contains("visits") {
                visits_import(NB, &store, &plan, &path, "t").await
            } else if file.contains("pipeline") {
                pipeline_import(NB, &store, "3203", &path, "t").await
            } else if file.contains("partners") {
                partners_import(NB, &store, &plan, &path, "t").await
            } else {
                land_import(NB, &store, "3203", &path, "t").await
            };
            match result {
                Ok(s) => failures.push(format!("{file}: imported, expected an error: {s}")),
                Err(e) => {
                    let got = format!("{e:#}");
                    let first = got.lines().next().unwrap_or("");
                    if first != message {
                        failures.push(format!(
                            "{file}:\n  expected: {message}\n  got:      {first}"
                        ));
                    }
                    if !got.contains("nothing was imported") {
                        failures.push(format!("{file}: must say nothing was imported: {got}"));
                    }
                }
            }
            assert_eq!(dump().await, before, "{file} changed the store");
            checked += 1;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let files = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name() != "EXPECTED.tsv")
            .count();
        assert_eq!(
            checked,
            files,
            "every file in {} has an expectation",
            dir.display()
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(daa(7425.0), "7425");
        assert_eq!(daa(12.26), "12,3");
        assert_eq!(pct(Some(0.4567)), "45,7\u{a0}%");
        assert_eq!(pct(None), "–");
    }
}
