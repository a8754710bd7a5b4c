//! Importing Brønnøysund register files into the store: Enhetsregisteret bulk files (enheter or
//! underenheter, CSV or JSON, optionally gzipped) and annual accounts (the accounts register's
//! API answers, JSON). `naeringsplan import` calls [`import`] when it detects such a file
//! ([`sniff`]); `naeringsplan facts --file` and the benchmark call [`facts_of_file`].
//!
//! A bulk file becomes one *snapshot*: its date comes from the `snapshot_date` option
//! (`--snapshot-date`), else from a date in the file name (`enheter_2024-03-01.csv.gz`,
//! `enheter_20240301.csv.gz`), else from the file's modification time (a downloaded file's is its
//! download day) — unless that is more than a month after the latest registration in the file
//! (a file copied long after it was downloaded), when the latest registration date is taken. The
//! date is stored and shown with its source.
//! The file is read once, streaming (decompression on one thread, CSV parsing on the others), into
//! per-municipality facts and a compact per-unit table, then stored in one transaction. A file
//! imported before (same SHA-256) changes nothing. A malformed row aborts the import with its file
//! and line and leaves the store unchanged, unless `skip_bad_rows` is set: then bad rows are
//! reported (through [`Progress::skipped`]) and skipped, and their count is stored with the
//! snapshot.
//!
//! Nothing here draws or prints: the caller sees the reading through a [`Progress`] (the CLI
//! draws a bar; [`NoProgress`] shows nothing), gets a one-line summary back, and gets errors as
//! [`BrregError`], whose messages name the file and the place (the CLI prints them with their
//! causes, `{:#}` of an `anyhow::Error`, as `message: cause: …`).
//!
//! # The offline demo
//!
//! [`ensure_demo`] fills an empty store with a SYNTHETIC register (deterministic, made by
//! `demo::units` in the exact real format: of a national sequence of 1.16 M enheter and their
//! establishments, by default only the units of the plan's municipality, its peers and
//! neighbours, [`DemoScope::for_plan`]; the whole country with [`DemoScope::National`]), so a
//! fresh installation shows register facts for its municipality without the 200 MB national
//! downloads. Every figure from it is flagged synthetic in the store and labelled wherever shown;
//! a real bulk file, once imported, takes precedence (the store prefers real snapshots).

#![warn(missing_docs)]

mod demo_register;
mod snapshot_date;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use brreg::bulk::{ErrorPolicy, Format, Input, ParallelOptions, ReadError, read_units_parallel};
use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Unit, UnitKind};
use demo::units::SYNTHETIC_PREFIX;
use sha2::{Digest, Sha256};
use store::brreg::{
    AccountsImport, DateSource, NewSnapshot, SnapshotImport, SnapshotInfo, UnitTable,
};
use time::Date;

pub use demo_register::{
    DEMO_DATE, DEMO_SEED, DEMO_UNITS, DEMO_UNITS_ENV, DemoScope, demo_units, ensure_demo,
    import_demo, import_demo_in, needs_demo,
};
pub use snapshot_date::date_in_name;
use snapshot_date::{mtime_date, settle_date};

/// Why a register import (or [`facts_of_file`]) failed. Every message names the file (or the
/// setting) and, for a bad row, where it is; a failed import changed nothing in the store.
///
/// An underlying cause (an I/O or store error) is the error's [`source`](std::error::Error::source),
/// not part of its message: show the chain (`message: cause`), as the CLI does.
#[derive(Debug, thiserror::Error)]
pub enum BrregError {
    /// The file cannot be opened.
    #[error("cannot open {path}")]
    Open {
        /// The file, as given.
        path: String,
        /// Why.
        #[source]
        cause: std::io::Error,
    },
    /// The file cannot be read (or, when gzipped, inflated) while computing its SHA-256 or
    /// opening the accounts.
    #[error("cannot read {path}")]
    Read {
        /// The file, as given.
        path: String,
        /// Why.
        #[source]
        cause: std::io::Error,
    },
    /// The start of the file cannot be read (or inflated) to tell what it is.
    #[error("cannot read {path} (nothing was imported)")]
    Unreadable {
        /// The file, as given.
        path: String,
        /// Why (for a file named `.gz` that is not gzip: a corrupt deflate stream).
        #[source]
        cause: std::io::Error,
    },
    /// The file's modification time (a snapshot's date of last resort) cannot be read.
    #[error("cannot read the modification time of {path}")]
    ModificationTime {
        /// The file, as given.
        path: String,
        /// Why.
        #[source]
        cause: std::io::Error,
    },
    /// The file is neither a bulk file nor annual accounts.
    #[error(
        "{path}: not a Brønnøysund register file (expected an Enhetsregisteret bulk file, CSV with an organisasjonsnummer column or a JSON array of units, or annual accounts JSON)"
    )]
    NotRegisterFile {
        /// The file, as given.
        path: String,
    },
    /// [`facts_of_file`] was given something other than a bulk file.
    #[error("{path}: not an Enhetsregisteret bulk file")]
    NotBulkFile {
        /// The file, as given.
        path: String,
    },
    /// A malformed row (or a fatal read error such as a truncated gzip stream) stopped the
    /// import; the message says where, without the file name (the caller puts it first).
    #[error("{}\nnothing was imported (the store is unchanged){}", located(.0), skip_hint(.0))]
    BadRow(Box<brreg::RowError>),
    /// The file does not open as a bulk file (header, missing column, I/O at its start); the
    /// message says what, without the file name.
    #[error("{}\nnothing was imported (the store is unchanged)", open_error(.0))]
    BadHeader(Box<brreg::OpenError>),
    /// The annual accounts are malformed; the message says where, without the file name.
    #[error("{message}\nnothing was imported (the store is unchanged)")]
    BadAccounts {
        /// The reader's message.
        message: String,
    },
    /// [`facts_of_file`] could not read the bulk file (the message names the file and place).
    #[error("{0}")]
    Unparsable(Box<ReadError>),
    /// Storing the snapshot failed; the transaction was rolled back.
    #[error("storing the snapshot failed; nothing was imported")]
    StoreSnapshot(#[source] store::StoreError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// A reading thread failed (panicked or was cancelled).
    #[error(transparent)]
    Task(#[from] tokio::task::JoinError),
    /// [`DEMO_UNITS_ENV`] is set to something other than a large enough number.
    #[error(
        "NAERINGSPLAN_DEMO_UNITS={value:?}: expected a number of units from {min} (the example data name units among the demo register's first {min}) up; unset it for the national {}",
        group_digits(DEMO_UNITS)
    )]
    DemoUnits {
        /// The variable's value.
        value: String,
        /// The smallest size allowed.
        min: u64,
    },
    /// The pipe from the demo generator to the importer cannot be made.
    #[error(transparent)]
    Pipe(std::io::Error),
    /// The demo generator's thread panicked.
    #[error("the synthetic generator panicked")]
    GeneratorPanicked,
    /// The demo generator failed to write.
    #[error("generating the synthetic register failed")]
    Generate(#[source] std::io::Error),
    /// The bulk reader returned no worker state (a broken invariant; should not happen).
    #[error("{0}")]
    NoState(&'static str),
}

/// The hint after a malformed row that reading could go on past.
fn skip_hint(e: &brreg::RowError) -> &'static str {
    if e.is_fatal() {
        ""
    } else {
        "; --skip-bad-rows skips malformed rows and reports them"
    }
}

/// How a bulk import shows its progress. Every method has an empty default ([`NoProgress`]).
///
/// The calls come from the importing task and from a reading thread, in this order: [`start`]
/// once, [`inc`] as the file is read, [`finish`] once when reading ended (done or failed), then
/// [`skipped`] for each reported malformed row.
///
/// [`start`]: Progress::start
/// [`inc`]: Progress::inc
/// [`finish`]: Progress::finish
/// [`skipped`]: Progress::skipped
pub trait Progress: Send + Sync {
    /// Reading `name` begins: `len` bytes of file (0 when unknown, as for the generated demo);
    /// `rows` counts the rows parsed so far, raised by the readers as they go.
    fn start(&self, name: &str, len: u64, rows: Arc<AtomicU64>) {
        let _ = (name, len, rows);
    }
    /// `bytes` more bytes of the file were read.
    fn inc(&self, bytes: u64) {
        let _ = bytes;
    }
    /// Reading ended (done or failed); storing follows.
    fn finish(&self) {}
    /// With `skip_bad_rows`: a malformed row was skipped; `line` says which and why, ready to
    /// show (`skipped: FILE: line N: [orgnr] reason`, at most 20 of them, then
    /// `skipped: … and N more malformed rows`).
    fn skipped(&self, line: &str) {
        let _ = line;
    }
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// A reader that tells a [`Progress`] how many bytes went through it.
struct Counted<R> {
    inner: R,
    progress: Arc<dyn Progress>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}

/// Options of a register import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Report malformed rows and go on, instead of aborting with the store unchanged.
    pub skip_bad_rows: bool,
    /// The date the bulk file was taken (default: from the file name, else its modification time).
    pub snapshot_date: Option<Date>,
}

/// What kind of register file a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrregFile {
    /// An Enhetsregisteret bulk file.
    Bulk {
        /// Enheter or underenheter.
        kind: UnitKind,
        /// CSV or JSON.
        format: Format,
        /// Gzipped.
        gzip: bool,
    },
    /// Annual accounts (the accounts register's API answer).
    Accounts,
}

/// Looks at the start of a file (decompressed when gzipped): is it a Brønnøysund register file,
/// and which? `None` when it is not one (for `naeringsplan import` to try other formats).
pub fn sniff(path: &Path) -> Result<Option<BrregFile>, BrregError> {
    let file = File::open(path).map_err(|cause| BrregError::Open {
        path: path.display().to_string(),
        cause,
    })?;
    let mut input = Input::new(file).map_err(|cause| BrregError::Unreadable {
        path: path.display().to_string(),
        cause,
    })?;
    let gzip = input.is_gzip();
    let mut head = Vec::with_capacity(64 * 1024);
    // A corrupt gzip stream is for the import itself to report with its position.
    let _ = (&mut input).take(64 * 1024).read_to_end(&mut head);
    Ok(classify(&head, gzip, &path.to_string_lossy()))
}

fn classify(head: &[u8], gzip: bool, name: &str) -> Option<BrregFile> {
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower_name = name.to_lowercase();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        if text.contains("\"regnskapsperiode\"") || text.contains("\"regnskapstype\"") {
            return Some(BrregFile::Accounts);
        }
        if trimmed.starts_with('[') && text.contains("\"organisasjonsnummer\"") {
            let under = lower_name.contains("underenhet")
                || (text.contains("\"beliggenhetsadresse\"")
                    && !text.contains("\"forretningsadresse\""));
            return Some(BrregFile::Bulk {
                kind: if under {
                    UnitKind::Underenhet
                } else {
                    UnitKind::Enhet
                },
                format: Format::Json,
                gzip,
            });
        }
        return None;
    }
    let header = trimmed.lines().next().unwrap_or("");
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_lowercase())
        .collect();
    if !cols.iter().any(|c| c == "organisasjonsnummer") {
        return None;
    }
    let has = |n: &str| cols.iter().any(|c| c == n);
    let under =
        has("beliggenhetsadresse.kommunenummer") && !has("forretningsadresse.kommunenummer");
    Some(BrregFile::Bulk {
        kind: if under {
            UnitKind::Underenhet
        } else {
            UnitKind::Enhet
        },
        format: Format::Csv,
        gzip,
    })
}

/// Imports one register file (bulk or accounts) with default options: the snapshot date from
/// the file name or modification time. `skip_bad_rows`: report malformed rows and go on instead
/// of aborting with the store unchanged. Returns a one-line summary.
pub async fn import(
    store: &store::Store,
    path: &Path,
    skip_bad_rows: bool,
    progress: Arc<dyn Progress>,
) -> Result<String, BrregError> {
    import_with(
        store,
        path,
        &ImportOptions {
            skip_bad_rows,
            snapshot_date: None,
        },
        progress,
    )
    .await
}

/// Imports one register file with explicit options; see [`import`].
pub async fn import_with(
    store: &store::Store,
    path: &Path,
    options: &ImportOptions,
    progress: Arc<dyn Progress>,
) -> Result<String, BrregError> {
    let shown = path.display().to_string();
    let kind = sniff(path)?.ok_or_else(|| BrregError::NotRegisterFile {
        path: shown.clone(),
    })?;
    let sha = {
        let p = path.to_path_buf();
        tokio::task::spawn_blocking(move || sha256_file(&p)).await??
    };
    match kind {
        BrregFile::Accounts => import_accounts(store, path, &sha).await,
        BrregFile::Bulk { kind, format, gzip } => {
            if let Some(s) = store.register_snapshot_by_sha256(&sha).await? {
                return Ok(format!(
                    "already imported as register snapshot #{} ({}): nothing changed",
                    s.id,
                    s.label()
                ));
            }
            let (date, date_source) = match options.snapshot_date {
                Some(d) => (d, DateSource::Option),
                None => match date_in_name(&path.file_name().unwrap_or_default().to_string_lossy())
                {
                    Some(d) => (d, DateSource::FileName),
                    None => (mtime_date(path)?, DateSource::FileMtime),
                },
            };
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            let file = File::open(path).map_err(|cause| BrregError::Open {
                path: shown.clone(),
                cause,
            })?;
            let source = Source {
                name: shown.clone(),
                sha256: sha,
                format: format_name(format, gzip),
                date,
                date_source,
                coverage: None,
            };
            import_bulk(
                store,
                file,
                size,
                kind,
                source,
                options.skip_bad_rows,
                progress,
            )
            .await
        }
    }
}

/// Describes the bulk data being imported.
struct Source {
    name: String,
    sha256: String,
    format: String,
    date: Date,
    date_source: DateSource,
    /// Known coverage (the scaled demo register: complete for its municipalities); `None`
    /// decides from the counts.
    coverage: Option<store::brreg::Coverage>,
}

fn format_name(format: Format, gzip: bool) -> String {
    let f = if format == Format::Json {
        "json"
    } else {
        "csv"
    };
    if gzip { format!("{f}.gz") } else { f.into() }
}

/// What each parsing worker accumulates.
struct State {
    facts: FactsBuilder<'static>,
    units: UnitTable,
    synthetic: u64,
    latest_registration: Option<Date>,
}

/// Parses a bulk stream into facts and stores it as one snapshot.
async fn import_bulk<R: Read + Send + 'static>(
    store: &store::Store,
    reader: R,
    size: u64,
    kind: UnitKind,
    source: Source,
    skip_bad_rows: bool,
    progress: Arc<dyn Progress>,
) -> Result<String, BrregError> {
    let started = Instant::now();
    let rows = Arc::new(AtomicU64::new(0));
    progress.start(&source.name, size, rows.clone());
    let policy = if skip_bad_rows {
        ErrorPolicy::SkipAndReport
    } else {
        ErrorPolicy::Abort
    };
    let name = source.name.clone();
    let counted = Counted {
        inner: reader,
        progress: progress.clone(),
    };
    let parsed = tokio::task::spawn_blocking(move || {
        read_units_parallel(
            counted,
            kind,
            Format::Auto,
            &name,
            &ParallelOptions {
                workers: 0,
                block_size: 0,
                progress: Some(rows),
                policy,
            },
            || State {
                facts: FactsBuilder::new(SectorGroups::embedded(), store::brreg::TOP_N),
                units: UnitTable::new(),
                synthetic: 0,
                latest_registration: None,
            },
            move |s: &mut State, u: Unit| {
                s.facts.add(&u);
                if kind == UnitKind::Enhet {
                    s.units.add(&u);
                }
                s.synthetic += u64::from(u.name.starts_with(SYNTHETIC_PREFIX));
                if u.registered > s.latest_registration {
                    s.latest_registration = u.registered;
                }
            },
        )
    })
    .await;
    progress.finish();
    let parsed = match parsed? {
        Ok(p) => p,
        Err(ReadError::Row(e)) => return Err(BrregError::BadRow(Box::new(e))),
        Err(ReadError::Open(e)) => return Err(BrregError::BadHeader(Box::new(e))),
    };
    let mut states = parsed.states.into_iter();
    let mut first = states
        .next()
        .ok_or(BrregError::NoState("the reader returned no state"))?;
    for s in states {
        first.facts.merge(s.facts);
        first.units.merge(s.units);
        first.synthetic += s.synthetic;
        first.latest_registration = first.latest_registration.max(s.latest_registration);
    }
    let (snapshot_date, date_source) =
        settle_date(source.date, source.date_source, first.latest_registration);
    let facts = first.facts.finish();
    let read_secs = started.elapsed().as_secs_f64();
    for e in parsed.report.errors.iter().take(20) {
        progress.skipped(&format!("skipped: {}: {}", source.name, located(e)));
    }
    if parsed.report.skipped > 20 {
        progress.skipped(&format!(
            "skipped: … and {} more malformed rows",
            parsed.report.skipped - 20
        ));
    }
    let new = NewSnapshot {
        kind: kind.into(),
        snapshot_date,
        date_source,
        file_name: &source.name,
        sha256: &source.sha256,
        format: &source.format,
        units: parsed.report.units,
        synthetic_units: first.synthetic,
        skipped_rows: parsed.report.skipped,
        skipped: &parsed.report.errors,
        coverage: source.coverage,
    };
    let units = (kind == UnitKind::Enhet).then_some(&first.units);
    let outcome = store
        .import_register_snapshot(&new, &facts, units)
        .await
        .map_err(BrregError::StoreSnapshot)?;
    let secs = started.elapsed().as_secs_f64();
    Ok(match outcome {
        SnapshotImport::AlreadyImported { snapshot } => format!(
            "already imported as register snapshot #{} ({}): nothing changed",
            snapshot.id,
            snapshot.label()
        ),
        SnapshotImport::Imported {
            snapshot,
            survival_rows,
        } => summary(&snapshot, survival_rows, read_secs, secs),
    })
}

/// A row error without the file name (the caller names the file): `line 4: [orgnr] reason`.
fn located(e: &brreg::RowError) -> String {
    let at = match &e.location {
        brreg::Location::Line(l) => format!("line {l}"),
        other => other.to_string(),
    };
    let orgnr = e
        .orgnr
        .as_ref()
        .map(|o| format!("[{o}] "))
        .unwrap_or_default();
    format!("{at}: {orgnr}{}", e.kind)
}

/// An open error without the file name.
fn open_error(e: &brreg::OpenError) -> String {
    match e {
        brreg::OpenError::Io { source, .. } => source.to_string(),
        brreg::OpenError::Header { message, .. } => {
            format!("line 1: cannot read the CSV header: {message}")
        }
        brreg::OpenError::MissingColumn { column, .. } => {
            format!("line 1: the header has no column {column:?} (nor any of its known aliases)")
        }
    }
}

fn summary(s: &SnapshotInfo, survival_rows: u64, read_secs: f64, secs: f64) -> String {
    let mut line = format!(
        "imported register snapshot #{} ({} {}, date from {}): {} units in {} municipalities",
        s.id,
        s.kind.as_str(),
        s.snapshot_date,
        match s.date_source {
            DateSource::FileName => "the file name",
            DateSource::Option => "--snapshot-date",
            DateSource::FileMtime => "the file's modification time",
            DateSource::LatestRegistration =>
                "the latest registration in the file, as the file's modification time is much later; name the file with its date (enheter_2024-03-01.csv.gz) to set it",
            DateSource::Generated => "the generator",
        },
        group_digits(s.units),
        s.municipalities
    );
    if s.skipped_rows > 0 {
        line.push_str(&format!(", {} malformed rows skipped", s.skipped_rows));
    }
    if s.synthetic {
        line.push_str(", SYNTHETIC data (flagged in the store)");
    }
    if s.coverage == store::brreg::Coverage::Extract {
        line.push_str(", an extract (not complete municipal figures)");
    }
    if survival_rows > 0 {
        line.push_str(&format!(", {survival_rows} cohort survival rows"));
    }
    line.push_str(&format!(
        "; {:.1} s ({} rows/s)",
        secs,
        group_digits((s.units as f64 / read_secs.max(1e-3)) as u64)
    ));
    line
}

async fn import_accounts(
    store: &store::Store,
    path: &Path,
    sha: &str,
) -> Result<String, BrregError> {
    let shown = path.display().to_string();
    let file = File::open(path).map_err(|cause| BrregError::Open {
        path: shown.clone(),
        cause,
    })?;
    let input = Input::new(file).map_err(|cause| BrregError::Read {
        path: shown.clone(),
        cause,
    })?;
    let accounts = brreg::accounts::parse_accounts(BufReader::new(input), &shown).map_err(|e| {
        let e = e.to_string();
        let message = e
            .strip_prefix(&format!("{shown}: "))
            .unwrap_or(&e)
            .to_string();
        BrregError::BadAccounts { message }
    })?;
    let years: std::collections::BTreeSet<i32> = accounts.iter().map(|a| a.year()).collect();
    match store.import_accounts(&shown, sha, false, &accounts).await? {
        AccountsImport::AlreadyImported { imported_at } => Ok(format!(
            "these accounts were imported {imported_at}: nothing changed"
        )),
        AccountsImport::Imported {
            records,
            new_records,
        } => Ok(format!(
            "imported {records} sets of annual accounts ({new_records} new) for {}",
            years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// `1234567` → `1 234 567` (as the summaries and the CLI's progress bar show counts).
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn sha256_file(path: &Path) -> Result<String, BrregError> {
    let shown = || path.display().to_string();
    let mut f = File::open(path).map_err(|cause| BrregError::Open {
        path: shown(),
        cause,
    })?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|cause| BrregError::Read {
            path: shown(),
            cause,
        })?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// The facts of a bulk file computed without a store.
pub struct FileFacts {
    /// Enheter or underenheter.
    pub kind: UnitKind,
    /// Rows read.
    pub units: u64,
    /// Malformed rows skipped.
    pub skipped: u64,
    /// The first skipped rows' errors (with `skip_bad_rows`; each names the file and place), for
    /// the caller to report.
    pub errors: Vec<brreg::RowError>,
    /// Units named as synthetic.
    pub synthetic_units: u64,
    /// Per municipality.
    pub facts: brreg::facts::Facts,
}

/// Reads a bulk file once and computes all per-municipality facts, without touching a store
/// (`naeringsplan facts --file`, and the benchmark). With `skip_bad_rows`, malformed rows are
/// skipped and returned in [`FileFacts::errors`] instead of stopping the read.
pub fn facts_of_file(path: &Path, skip_bad_rows: bool) -> Result<FileFacts, BrregError> {
    let shown = path.display().to_string();
    let Some(BrregFile::Bulk { kind, .. }) = sniff(path)? else {
        return Err(BrregError::NotBulkFile { path: shown });
    };
    let file = File::open(path).map_err(|cause| BrregError::Open {
        path: shown.clone(),
        cause,
    })?;
    let policy = if skip_bad_rows {
        ErrorPolicy::SkipAndReport
    } else {
        ErrorPolicy::Abort
    };
    let read = read_units_parallel(
        file,
        kind,
        Format::Auto,
        &shown,
        &ParallelOptions {
            policy,
            ..ParallelOptions::default()
        },
        || {
            (
                FactsBuilder::new(SectorGroups::embedded(), store::brreg::TOP_N),
                0u64,
            )
        },
        |s: &mut (FactsBuilder<'static>, u64), u: Unit| {
            s.0.add(&u);
            s.1 += u64::from(u.name.starts_with(SYNTHETIC_PREFIX));
        },
    )
    .map_err(|e| BrregError::Unparsable(Box::new(e)))?;
    let mut states = read.states.into_iter();
    let (mut facts, mut synthetic_units) = states.next().ok_or(BrregError::NoState("no state"))?;
    for (f, s) in states {
        facts.merge(f);
        synthetic_units += s;
    }
    Ok(FileFacts {
        kind,
        units: read.report.units,
        skipped: read.report.skipped,
        errors: read.report.errors,
        synthetic_units,
        facts: facts.finish(),
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_register_files() {
        let enheter = b"organisasjonsnummer,navn,forretningsadresse.kommunenummer\n";
        assert_eq!(
            classify(enheter, false, "x.csv"),
            Some(BrregFile::Bulk {
                kind: UnitKind::Enhet,
                format: Format::Csv,
                gzip: false
            })
        );
        let under = b"organisasjonsnummer,navn,beliggenhetsadresse.kommunenummer\n";
        assert!(matches!(
            classify(under, true, "x.csv.gz"),
            Some(BrregFile::Bulk {
                kind: UnitKind::Underenhet,
                gzip: true,
                ..
            })
        ));
        assert_eq!(
            classify(b"[{\"regnskapsperiode\": {}}]", false, "a.json"),
            Some(BrregFile::Accounts)
        );
        assert_eq!(classify(b"{\"version\": \"2.0\"}", false, "x.json"), None);
        assert_eq!(classify(b"region,year,value\n", false, "x.csv"), None);
    }

    fn workspace() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn sample(name: &str) -> std::path::PathBuf {
        workspace().join("crates/brreg/tests/fixtures").join(name)
    }

    fn quiet(skip_bad_rows: bool) -> ImportOptions {
        ImportOptions {
            skip_bad_rows,
            snapshot_date: None,
        }
    }

    fn none() -> Arc<dyn Progress> {
        Arc::new(NoProgress)
    }

    /// The error with its causes, as the CLI prints it (`{:#}` of an `anyhow::Error`).
    fn chain(e: &BrregError) -> String {
        let mut out = e.to_string();
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            out.push_str(&format!(": {c}"));
            cause = c.source();
        }
        out
    }

    async fn temp_store() -> (tempfile::TempDir, store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = store::Store::open_sqlite(&dir.path().join("t.db"))
            .await
            .unwrap();
        (dir, s)
    }

    /// Every file in tests/bad-input/brreg is refused with the message in EXPECTED.tsv (file,
    /// line or element, what was expected) and leaves the store exactly as it was.
    #[tokio::test]
    async fn bad_inputs_name_file_and_line_and_change_nothing() {
        let dir = workspace().join("tests/bad-input/brreg");
        let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
        let (_d, store) = temp_store().await;
        // Something in the store first, so "unchanged" is not trivially "empty".
        import_with(
            &store,
            &sample("brreg_enheter_bulk_csv_sample.csv"),
            &quiet(false),
            none(),
        )
        .await
        .unwrap();
        let before = store.register_dump().await.unwrap();
        assert!(before.contains("|116|"), "{before}");
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in expected
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (file, message) = line.split_once('\t').expect("file<TAB>message");
            match import_with(&store, &dir.join(file), &quiet(false), none()).await {
                Ok(s) => failures.push(format!("{file}: imported, expected an error: {s}")),
                Err(e) => {
                    // Paths as the user typed them (here: the file name).
                    let got = chain(&e).replace(&format!("{}/", dir.display()), "");
                    // As `naeringsplan import` prints it: the file, then the error.
                    let first = format!("{file}: {}", got.lines().next().unwrap_or(""));
                    if first != message {
                        failures.push(format!(
                            "{file}:\n  expected: {message}\n  got:      {first}"
                        ));
                    }
                    if !got.contains("nothing was imported") {
                        failures.push(format!(
                            "{file}: the message must say nothing was imported: {got}"
                        ));
                    }
                }
            }
            assert_eq!(
                store.register_dump().await.unwrap(),
                before,
                "{file} changed the store"
            );
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

    #[tokio::test]
    async fn skip_bad_rows_goes_on_and_reports() {
        let dir = workspace().join("tests/bad-input/brreg");
        let (_d, store) = temp_store().await;
        let msg = import_with(&store, &dir.join("02_bad_date.csv"), &quiet(true), none())
            .await
            .unwrap();
        assert!(
            msg.contains("5 units") && msg.contains("1 malformed rows skipped"),
            "{msg}"
        );
        let snaps = store.register_snapshots().await.unwrap();
        assert_eq!((snaps[0].units, snaps[0].skipped_rows), (5, 1));
        let dump = store.register_dump().await.unwrap();
        assert!(
            dump.contains("|4|929065239|registreringsdatoEnhetsregisteret: \"2023-02-30\" is not a valid date (YYYY-MM-DD)"),
            "{dump}"
        );
        // A fatal error (truncated gzip) still stops the import, skipping or not.
        let e = import_with(
            &store,
            &dir.join("05_truncated.csv.gz"),
            &quiet(true),
            none(),
        )
        .await
        .unwrap_err();
        assert!(chain(&e).contains("nothing was imported"));
        assert_eq!(store.register_snapshots().await.unwrap().len(), 1);
    }

    /// The real samples through the command's import: Asker's counts per organisation form and
    /// registration year equal a count made here from the file's text.
    #[tokio::test]
    async fn real_samples_end_to_end() {
        let (_d, store) = temp_store().await;
        let path = sample("brreg_enheter_bulk_csv_sample.csv");
        let msg = import_with(
            &store,
            &path,
            &ImportOptions {
                skip_bad_rows: false,
                snapshot_date: Some(time::macros::date!(2024 - 05 - 02)),
            },
            none(),
        )
        .await
        .unwrap();
        assert!(
            msg.contains("116 units") && msg.contains("an extract"),
            "{msg}"
        );
        assert!(msg.contains("date from --snapshot-date"), "{msg}");
        import_with(
            &store,
            &sample("brreg_underenheter_bulk_csv_sample.csv"),
            &quiet(false),
            none(),
        )
        .await
        .unwrap();

        // Independent count: the text split by hand.
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
        let (k, f, r) = (
            col("forretningsadresse.kommunenummer"),
            col("organisasjonsform.kode"),
            col("registreringsdatoenhetsregisteret"),
        );
        let mut by_form = std::collections::BTreeMap::<String, u64>::new();
        let mut by_year = std::collections::BTreeMap::<i32, u64>::new();
        for l in lines.filter(|l| !l.is_empty()) {
            let v: Vec<&str> = l[1..l.len() - 1].split("\",\"").collect();
            if v[k] == "3203" {
                *by_form.entry(v[f].to_string()).or_default() += 1;
                *by_year.entry(v[r][..4].parse().unwrap()).or_default() += 1;
            }
        }
        let facts = store.register_facts("3203", None).await.unwrap();
        let e = facts.enheter.unwrap();
        assert_eq!(
            e.snapshot.snapshot_date,
            time::macros::date!(2024 - 05 - 02)
        );
        let m = e.facts.unwrap();
        assert_eq!(m.units_by_form, by_form);
        let years: std::collections::BTreeMap<i32, u64> = m
            .registrations_by_year
            .iter()
            .map(|(y, r)| (*y, r.total))
            .collect();
        assert_eq!(years, by_year);
        assert!(facts.underenheter.unwrap().facts.is_some());

        // Again: nothing changes.
        let before = store.register_dump().await.unwrap();
        let again = import_with(&store, &path, &quiet(false), none())
            .await
            .unwrap();
        assert!(again.contains("already imported"), "{again}");
        assert_eq!(store.register_dump().await.unwrap(), before);
    }

    #[tokio::test]
    async fn the_demo_is_synthetic_labelled_and_yields_to_real_data() {
        let (_d, store) = temp_store().await;
        let plan = plan::embedded_default();
        // The first start's register: the plan's municipality, peers and neighbours only.
        let scope = DemoScope::for_plan(&plan);
        let msg = import_demo_in(&store, 20_000, 7, &scope, Arc::new(NoProgress))
            .await
            .unwrap();
        assert!(msg.contains("SYNTHETIC"), "{msg}");
        let snaps = store.register_snapshots().await.unwrap();
        assert_eq!(snaps.len(), 2);
        assert!(snaps.iter().all(|s| s.synthetic
            && s.date_source == DateSource::Generated
            && s.coverage == store::brreg::Coverage::Municipal
            && s.file_name.contains("kommuner ")));
        for code in std::iter::once(&plan.meta.municipality_code).chain(&plan.meta.peers) {
            let f = store.register_facts(code, None).await.unwrap();
            let e = f.enheter.unwrap();
            assert!(e.snapshot.synthetic, "{code}");
            assert!(e.facts.is_some_and(|f| f.units > 0), "{code} has units");
        }
        // A municipality outside the scope has none (its figures say so, never 0).
        let DemoScope::Municipalities(set) = &scope else {
            panic!("a plan's scope lists municipalities")
        };
        let far = ["5601", "1101", "1103", "5001"]
            .into_iter()
            .find(|c| !set.contains(*c))
            .unwrap();
        let far = store.register_facts(far, None).await.unwrap();
        assert!(far.enheter.unwrap().facts.is_none());
        let values = crate::plan_facts::plan_fact_values(&store, &plan)
            .await
            .unwrap();
        let emp = values
            .iter()
            .find(|v| v.computed_by == "employees:health_social")
            .unwrap();
        let c = emp
            .computed
            .as_ref()
            .expect("computed from the synthetic demo");
        assert!(c.synthetic && c.snapshot.synthetic);
        // ensure_demo does nothing once there is register data.
        assert_eq!(
            ensure_demo(&store, &scope, Arc::new(NoProgress))
                .await
                .unwrap(),
            None
        );
        // A real file takes precedence.
        import_with(
            &store,
            &sample("brreg_enheter_bulk_csv_sample.csv"),
            &quiet(false),
            none(),
        )
        .await
        .unwrap();
        let facts = store.register_facts("3203", None).await.unwrap();
        assert!(!facts.enheter.unwrap().snapshot.synthetic);
        assert!(
            facts.underenheter.unwrap().snapshot.synthetic,
            "no real underenheter yet"
        );
    }

    /// What a [`Progress`] was told.
    #[derive(Default)]
    struct Recorded {
        calls: std::sync::Mutex<Vec<String>>,
        bytes: AtomicU64,
        rows: std::sync::Mutex<Option<Arc<AtomicU64>>>,
    }

    impl Progress for Recorded {
        fn start(&self, name: &str, len: u64, rows: Arc<AtomicU64>) {
            self.calls
                .lock()
                .unwrap()
                .push(format!("start {name} {len}"));
            *self.rows.lock().unwrap() = Some(rows);
        }
        fn inc(&self, bytes: u64) {
            self.bytes
                .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        }
        fn finish(&self) {
            self.calls.lock().unwrap().push("finish".into());
        }
        fn skipped(&self, line: &str) {
            self.calls.lock().unwrap().push(line.to_string());
        }
    }

    /// The progress seam: started once with the file's size, every byte counted, rows counted,
    /// finished before the skipped rows are reported.
    #[tokio::test]
    async fn progress_sees_the_bytes_rows_and_skipped_rows() {
        let dir = workspace().join("tests/bad-input/brreg");
        let path = dir.join("02_bad_date.csv");
        let (_d, store) = temp_store().await;
        let recorded = Arc::new(Recorded::default());
        import_with(&store, &path, &quiet(true), recorded.clone())
            .await
            .unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        let shown = path.display().to_string();
        assert_eq!(
            *recorded.calls.lock().unwrap(),
            [
                format!("start {shown} {size}"),
                "finish".to_string(),
                format!(
                    "skipped: {shown}: line 4: [929065239] registreringsdatoEnhetsregisteret: \"2023-02-30\" is not a valid date (YYYY-MM-DD)"
                ),
            ]
        );
        assert_eq!(
            recorded.bytes.load(std::sync::atomic::Ordering::Relaxed),
            size
        );
        let rows = recorded.rows.lock().unwrap().clone().unwrap();
        assert_eq!(
            rows.load(std::sync::atomic::Ordering::Relaxed),
            5,
            "units read"
        );
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(1_160_000), "1 160 000");
        assert_eq!(group_digits(999), "999");
    }
}
