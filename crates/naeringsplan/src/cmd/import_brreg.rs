//! Importing Brønnøysund register files into the store: Enhetsregisteret bulk files (enheter or
//! underenheter, CSV or JSON, optionally gzipped) and annual accounts (the accounts register's
//! API answers, JSON). Called by `naeringsplan import` when it detects such a file ([`sniff`]).
//!
//! A bulk file becomes one *snapshot*: its date comes from `--snapshot-date` (the `snapshot_date`
//! option), else from a date in the file name (`enheter_2024-03-01.csv.gz`,
//! `enheter_20240301.csv.gz`), else from the file's modification time (a downloaded file's is its
//! download day) — unless that is more than a month after the latest registration in the file
//! (a file copied long after it was downloaded), when the latest registration date is taken. The
//! date is stored and shown with its source.
//! The file is read once, streaming (decompression on one thread, CSV parsing on the others), into
//! per-municipality facts and a compact per-unit table, then stored in one transaction. A file
//! imported before (same SHA-256) changes nothing. A malformed row aborts the import with its file
//! and line and leaves the store unchanged, unless `skip_bad_rows` is set: then bad rows are
//! reported and skipped, and their count is stored with the snapshot.
//!
//! # The offline demo
//!
//! [`ensure_demo`] fills an empty store with a SYNTHETIC national register (deterministic, made
//! by `demo::units` in the exact real format: 1.16 M enheter and their establishments), so
//! a fresh installation shows register facts for its municipality without the 200 MB national
//! downloads. Every figure from it is flagged synthetic in the store and labelled wherever shown;
//! a real bulk file, once imported, takes precedence (the store prefers real snapshots).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use brreg::bulk::{ErrorPolicy, Format, Input, ParallelOptions, ReadError, read_units_parallel};
use brreg::facts::FactsBuilder;
use brreg::sectors::SectorGroups;
use brreg::{Unit, UnitKind};
use demo::units::{self as synthetic, SYNTHETIC_PREFIX};
use sha2::{Digest, Sha256};
use store::brreg::{
    AccountsImport, DateSource, NewSnapshot, SnapshotImport, SnapshotInfo, UnitTable,
};
use time::{Date, Month};

/// Options of a register import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Report malformed rows and go on, instead of aborting with the store unchanged.
    pub skip_bad_rows: bool,
    /// The date the bulk file was taken (default: from the file name, else its modification time).
    pub snapshot_date: Option<Date>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
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
pub fn sniff(path: &Path) -> anyhow::Result<Option<BrregFile>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut input = Input::new(file)
        .with_context(|| format!("cannot read {} (nothing was imported)", path.display()))?;
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
/// the file name or modification time, a progress bar on a terminal. `skip_bad_rows`: report
/// malformed rows and go on instead of aborting with the store unchanged. Returns a one-line
/// summary.
pub async fn import(
    store: &store::Store,
    path: &Path,
    skip_bad_rows: bool,
) -> anyhow::Result<String> {
    import_with(
        store,
        path,
        &ImportOptions {
            skip_bad_rows,
            snapshot_date: None,
            progress: true,
        },
    )
    .await
}

/// Imports one register file with explicit options; see [`import`].
pub async fn import_with(
    store: &store::Store,
    path: &Path,
    options: &ImportOptions,
) -> anyhow::Result<String> {
    let shown = path.display().to_string();
    let kind = sniff(path)?.with_context(|| {
        format!(
            "{shown}: not a Brønnøysund register file (expected an Enhetsregisteret bulk file, CSV with an organisasjonsnummer column or a JSON array of units, or annual accounts JSON)"
        )
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
            let file = File::open(path).with_context(|| format!("cannot open {shown}"))?;
            let source = Source {
                name: shown.clone(),
                sha256: sha,
                format: format_name(format, gzip),
                date,
                date_source,
            };
            import_bulk(store, file, size, kind, source, options).await
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
    options: &ImportOptions,
) -> anyhow::Result<String> {
    let started = Instant::now();
    let rows = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let bar = options.progress.then(|| progress_bar(size, &source.name));
    let ticker = bar.clone().map(|bar| {
        let (rows, done) = (rows.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let n = rows.load(Ordering::Relaxed);
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!(
                    "{} rader, {} rader/s",
                    group_digits(n),
                    group_digits((n as f64 / secs) as u64)
                ));
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    });
    let policy = if options.skip_bad_rows {
        ErrorPolicy::SkipAndReport
    } else {
        ErrorPolicy::Abort
    };
    let name = source.name.clone();
    let parse_rows = rows.clone();
    let bar_reader = bar.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        let reader: Box<dyn Read + Send> = match bar_reader {
            Some(b) => Box::new(b.wrap_read(reader)),
            None => Box::new(reader),
        };
        read_units_parallel(
            reader,
            kind,
            Format::Auto,
            &name,
            &ParallelOptions {
                workers: 0,
                block_size: 0,
                progress: Some(parse_rows),
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
    done.store(true, Ordering::Relaxed);
    if let Some(t) = ticker {
        let _ = t.join();
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let parsed = match parsed? {
        Ok(p) => p,
        Err(ReadError::Row(e)) => bail!(
            "{}\nnothing was imported (the store is unchanged){}",
            located(&e),
            if e.is_fatal() {
                ""
            } else {
                "; --skip-bad-rows skips malformed rows and reports them"
            }
        ),
        Err(ReadError::Open(e)) => bail!(
            "{}\nnothing was imported (the store is unchanged)",
            open_error(&e)
        ),
    };
    let mut states = parsed.states.into_iter();
    let mut first = states.next().context("the reader returned no state")?;
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
        eprintln!("skipped: {}: {}", source.name, located(e));
    }
    if parsed.report.skipped > 20 {
        eprintln!(
            "skipped: … and {} more malformed rows",
            parsed.report.skipped - 20
        );
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
        coverage: None,
    };
    let units = (kind == UnitKind::Enhet).then_some(&first.units);
    let outcome = store
        .import_register_snapshot(&new, &facts, units)
        .await
        .context("storing the snapshot failed; nothing was imported")?;
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

async fn import_accounts(store: &store::Store, path: &Path, sha: &str) -> anyhow::Result<String> {
    let shown = path.display().to_string();
    let file = File::open(path).with_context(|| format!("cannot open {shown}"))?;
    let input = Input::new(file).with_context(|| format!("cannot read {shown}"))?;
    let accounts = brreg::accounts::parse_accounts(BufReader::new(input), &shown).map_err(|e| {
        let e = e.to_string();
        let e = e
            .strip_prefix(&format!("{shown}: "))
            .unwrap_or(&e)
            .to_string();
        anyhow::anyhow!("{e}\nnothing was imported (the store is unchanged)")
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

fn progress_bar(size: u64, name: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::stderr_with_hz(5),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_string());
    bar
}

/// `1234567` → `1 234 567`.
fn group_digits(n: u64) -> String {
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

fn sha256_file(path: &Path) -> anyhow::Result<String> {
    let mut f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// A date in a file name: `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYYMMDD` (years 1990–2099).
pub fn date_in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| s.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    let make = |y: u32, m: u32, d: u32| {
        if !(1990..=2099).contains(&y) {
            return None;
        }
        Date::from_calendar_date(
            y as i32,
            Month::try_from(u8::try_from(m).ok()?).ok()?,
            u8::try_from(d).ok()?,
        )
        .ok()
    };
    for i in 0..b.len() {
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        if !before_ok {
            continue;
        }
        if i + 10 <= b.len()
            && digits(&b[i..i + 4])
            && matches!(b[i + 4], b'-' | b'_')
            && b[i + 7] == b[i + 4]
            && digits(&b[i + 5..i + 7])
            && digits(&b[i + 8..i + 10])
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit())
            && let Some(d) = make(
                num(&b[i..i + 4]),
                num(&b[i + 5..i + 7]),
                num(&b[i + 8..i + 10]),
            )
        {
            return Some(d);
        }
        if i + 8 <= b.len()
            && digits(&b[i..i + 8])
            && (i + 8 == b.len() || !b[i + 8].is_ascii_digit())
            && let Some(d) = make(
                num(&b[i..i + 4]),
                num(&b[i + 4..i + 6]),
                num(&b[i + 6..i + 8]),
            )
        {
            return Some(d);
        }
    }
    None
}

/// Days the file's modification time may lie after the latest registration in it before the
/// modification time is taken to be a copy's, not the download's.
const MTIME_SLACK_DAYS: i64 = 31;

/// The snapshot date: a modification time much later than (or before) the file's latest
/// registration is not the day the file was taken; the latest registration is then closer.
fn settle_date(date: Date, source: DateSource, latest: Option<Date>) -> (Date, DateSource) {
    match (source, latest) {
        (DateSource::FileMtime, Some(l))
            if date < l || (date - l).whole_days() > MTIME_SLACK_DAYS =>
        {
            (l, DateSource::LatestRegistration)
        }
        _ => (date, source),
    }
}

fn mtime_date(path: &Path) -> anyhow::Result<Date> {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .with_context(|| format!("cannot read the modification time of {}", path.display()))?;
    Ok(time::OffsetDateTime::from(modified).date())
}

// ---------------------------------------------------------------------------------------------
// Offline demo
// ---------------------------------------------------------------------------------------------

/// Units in the synthetic demo register: the national count of enheter in 2026.
pub const DEMO_UNITS: u64 = 1_160_000;
/// The generator's seed for the demo (see [`synthetic::DEMO_SEED`]).
pub const DEMO_SEED: u64 = synthetic::DEMO_SEED;
/// The demo snapshot's date: the generator's registrations run to the end of 2025.
pub const DEMO_DATE: Date = time::macros::date!(2025 - 12 - 31);

/// The environment variable that sets the demo register's size (enheter; default
/// [`DEMO_UNITS`]). A smaller register is quicker to generate (tests, slow machines); it must
/// hold at least [`demo::asker::DEMO_PREFIX`] units, the part of the demo sequence the
/// example land, ledger and visits files name.
pub const DEMO_UNITS_ENV: &str = "NAERINGSPLAN_DEMO_UNITS";

/// The demo register's size: [`DEMO_UNITS_ENV`] if set, else [`DEMO_UNITS`].
pub fn demo_units() -> anyhow::Result<u64> {
    let Some(v) = std::env::var_os(DEMO_UNITS_ENV) else {
        return Ok(DEMO_UNITS);
    };
    let min = demo::asker::DEMO_PREFIX;
    let text = v.to_string_lossy();
    match text.trim().replace(['_', ' '], "").parse::<u64>() {
        Ok(n) if n >= min => Ok(n),
        _ => bail!(
            "{DEMO_UNITS_ENV}={text:?}: expected a number of units from {min} (the example data name units among the demo register's first {min}) up; unset it for the national {}",
            group_digits(DEMO_UNITS)
        ),
    }
}

/// Fills an empty store with the synthetic demo register (enheter and underenheter, see the
/// module docs; its size is [`demo_units`]). Does nothing when the store holds any register
/// snapshot, or when `NAERINGSPLAN_NO_DEMO` is set. Returns what it did.
pub async fn ensure_demo(store: &store::Store) -> anyhow::Result<Option<String>> {
    if std::env::var_os("NAERINGSPLAN_NO_DEMO").is_some() || store.has_register_data().await? {
        return Ok(None);
    }
    let n = demo_units()?;
    tracing::info!(
        "no register data in the store: generating the SYNTHETIC demo register ({} enheter; first run only; import real bulk files with `naeringsplan import`)",
        group_digits(n)
    );
    Ok(Some(import_demo(store, n, DEMO_SEED).await?))
}

/// Generates and imports a synthetic register of `n` enheter (and their establishments).
pub async fn import_demo(store: &store::Store, n: u64, seed: u64) -> anyhow::Result<String> {
    let mut lines = Vec::new();
    for kind in [UnitKind::Enhet, UnitKind::Underenhet] {
        let (reader, writer) = std::io::pipe()?;
        let generator = std::thread::spawn(move || {
            let w = std::io::BufWriter::with_capacity(1 << 20, writer);
            match kind {
                UnitKind::Enhet => synthetic::generate_enheter_csv(w, n, seed),
                UnitKind::Underenhet => synthetic::generate_underenheter_csv(w, n, seed),
            }
        });
        let file_name = match kind {
            UnitKind::Enhet => "syntetisk/enheter_alle.csv",
            UnitKind::Underenhet => "syntetisk/underenheter_alle.csv",
        };
        let descriptor = format!(
            "naeringsplan synthetic register v2: {file_name} n={n} seed={seed} date={DEMO_DATE}"
        );
        let source = Source {
            name: format!("{file_name} (generert, n={n}, seed={seed})"),
            sha256: hex::encode(Sha256::digest(descriptor.as_bytes())),
            format: "csv".into(),
            date: DEMO_DATE,
            date_source: DateSource::Generated,
        };
        let result = import_bulk(
            store,
            reader,
            0,
            kind,
            source,
            &ImportOptions {
                skip_bad_rows: false,
                snapshot_date: Some(DEMO_DATE),
                progress: false,
            },
        )
        .await;
        let generated = generator
            .join()
            .map_err(|_| anyhow::anyhow!("the synthetic generator panicked"))?;
        let line = result?;
        generated.context("generating the synthetic register failed")?;
        lines.push(line);
    }
    Ok(lines.join("\n"))
}

/// The facts of a bulk file computed without a store.
pub struct FileFacts {
    /// Enheter or underenheter.
    pub kind: UnitKind,
    /// Rows read.
    pub units: u64,
    /// Malformed rows skipped.
    pub skipped: u64,
    /// Units named as synthetic.
    pub synthetic_units: u64,
    /// Per municipality.
    pub facts: brreg::facts::Facts,
}

/// Reads a bulk file once and computes all per-municipality facts, without touching a store
/// (`naeringsplan facts --file`, and the benchmark).
pub fn facts_of_file(path: &Path, skip_bad_rows: bool) -> anyhow::Result<FileFacts> {
    let shown = path.display().to_string();
    let Some(BrregFile::Bulk { kind, .. }) = sniff(path)? else {
        bail!("{shown}: not an Enhetsregisteret bulk file");
    };
    let file = File::open(path).with_context(|| format!("cannot open {shown}"))?;
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
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    for e in read.report.errors.iter().take(20) {
        eprintln!("skipped: {e}");
    }
    let mut states = read.states.into_iter();
    let (mut facts, mut synthetic_units) = states.next().context("no state")?;
    for (f, s) in states {
        facts.merge(f);
        synthetic_units += s;
    }
    Ok(FileFacts {
        kind,
        units: read.report.units,
        skipped: read.report.skipped,
        synthetic_units,
        facts: facts.finish(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_name("enheter_2024-03-01.csv.gz"),
            Some(date!(2024 - 03 - 01))
        );
        assert_eq!(
            date_in_name("enheter_20240301.csv.gz"),
            Some(date!(2024 - 03 - 01))
        );
        assert_eq!(
            date_in_name("2019_12_31_underenheter.json"),
            Some(date!(2019 - 12 - 31))
        );
        assert_eq!(date_in_name("enheter_alle.csv.gz"), None);
        assert_eq!(date_in_name("enheter_20241399.csv"), None);
        assert_eq!(date_in_name("x123456789.csv"), None);
    }

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
            progress: false,
        }
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
            match import_with(&store, &dir.join(file), &quiet(false)).await {
                Ok(s) => failures.push(format!("{file}: imported, expected an error: {s}")),
                Err(e) => {
                    // Paths as the user typed them (here: the file name).
                    let got = format!("{e:#}").replace(&format!("{}/", dir.display()), "");
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
        let msg = import_with(&store, &dir.join("02_bad_date.csv"), &quiet(true))
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
        let e = import_with(&store, &dir.join("05_truncated.csv.gz"), &quiet(true))
            .await
            .unwrap_err();
        assert!(format!("{e:#}").contains("nothing was imported"));
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
                progress: false,
            },
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
        let again = import_with(&store, &path, &quiet(false)).await.unwrap();
        assert!(again.contains("already imported"), "{again}");
        assert_eq!(store.register_dump().await.unwrap(), before);
    }

    #[tokio::test]
    async fn the_demo_is_synthetic_labelled_and_yields_to_real_data() {
        let (_d, store) = temp_store().await;
        let msg = import_demo(&store, 20_000, 7).await.unwrap();
        assert!(msg.contains("SYNTHETIC"), "{msg}");
        let snaps = store.register_snapshots().await.unwrap();
        assert_eq!(snaps.len(), 2);
        assert!(
            snaps
                .iter()
                .all(|s| s.synthetic && s.date_source == DateSource::Generated)
        );
        let plan = plan::embedded_default();
        let values = app::plan_facts::plan_fact_values(&store, &plan)
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
        assert_eq!(ensure_demo(&store).await.unwrap(), None);
        // A real file takes precedence.
        import_with(
            &store,
            &sample("brreg_enheter_bulk_csv_sample.csv"),
            &quiet(false),
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

    #[test]
    fn an_old_file_copied_recently_takes_its_latest_registration_date() {
        use time::macros::date;
        let latest = Some(date!(2023 - 10 - 03));
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileMtime, latest),
            (date!(2023 - 10 - 03), DateSource::LatestRegistration)
        );
        assert_eq!(
            settle_date(date!(2023 - 10 - 20), DateSource::FileMtime, latest),
            (date!(2023 - 10 - 20), DateSource::FileMtime)
        );
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileName, latest),
            (date!(2026 - 11 - 28), DateSource::FileName)
        );
        assert_eq!(
            settle_date(date!(2026 - 11 - 28), DateSource::FileMtime, None),
            (date!(2026 - 11 - 28), DateSource::FileMtime)
        );
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(1_160_000), "1 160 000");
        assert_eq!(group_digits(999), "999");
    }
}
