//! `naeringsplan import FILE...`: statistics files (SSB JSON-stat 2.0, SSB CSV exports, KLASS
//! CSV/JSON) and Brønnøysund bulk files into the store, each file in its own transaction.
//!
//! A bad file prints `file: location: what was expected`, leaves the store as it was, and makes
//! the command exit 1; the other files are still imported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use store::Store;
use store::observations::{FileFormat, ImportError, ImportOptions, ImportSummary, detect_format};

use crate::Format;
use crate::context::Options;

/// What happened to one file.
#[derive(Debug, serde::Serialize)]
pub struct FileResult {
    /// The path as given.
    pub file: String,
    /// Imported (or already there).
    pub ok: bool,
    /// For statistics files: what the import did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<ImportSummary>,
    /// For register files: the register import's summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why nothing was stored: `location: what was expected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

pub async fn run(
    opts: &Options,
    files: &[PathBuf],
    skip_bad_rows: bool,
    format: Format,
) -> anyhow::Result<ExitCode> {
    if files.is_empty() {
        anyhow::bail!(opts.say("cli-import-no-files", &[]));
    }
    let ctx = opts.open().await?;
    let lang = opts.lang.unwrap_or(ctx.plan.meta.language);
    let mut results = Vec::new();
    for path in files {
        let r = import_one(&ctx.store, path, skip_bad_rows, &ImportOptions::default()).await;
        if format == Format::Text {
            match (&r.summary, &r.message, &r.error) {
                (Some(s), _, _) => println!("{}", describe_in(s, lang)),
                (_, Some(m), _) => println!("{}: {m}", r.file),
                (_, _, Some(e)) => eprintln!("{}: {e}", r.file),
                _ => {}
            }
        }
        results.push(r);
    }
    if format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    }
    ctx.store.close().await;
    Ok(if results.iter().all(|r| r.ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Imports one file; never panics, never leaves part of a file in the store.
pub async fn import_one(
    store: &Store,
    path: &Path,
    skip_bad_rows: bool,
    options: &ImportOptions,
) -> FileResult {
    let file = path.display().to_string();
    // The kind of file is told by its first bytes; a register bulk file (national: 130 MB or
    // more) is then streamed by its own importer rather than read whole into memory.
    let head = match read_head(path, 1 << 20) {
        Ok(b) => b,
        Err(e) => return failed(file, format!("kan ikke lese filen (cannot read): {e}")),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.clone());
    // A gzip file is told by what it holds: a register bulk file (or one that cannot be told)
    // goes to the register import, which streams it and reports a broken stream by line; a
    // gzipped statistics file (JSON-stat) is inflated and imported as that, and when cut short
    // is reported as a truncated gzip file (issue 21: it was "not a Brønnøysund register file",
    // the file named twice).
    let mut inflated = None;
    let mut kind_name = name.clone();
    if head.starts_with(&[0x1f, 0x8b]) {
        let (inner, head_result) = inflate(path, INFLATE_HEAD);
        kind_name = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".GZ"))
            .unwrap_or(&name)
            .to_string();
        let statistics = !inner.is_empty()
            && !matches!(
                detect_format(&kind_name, &inner),
                Ok(FileFormat::Brreg) | Err(_)
            );
        if statistics {
            if let Err(e) = head_result {
                return failed(file, e);
            }
            match inflate(path, INFLATE_MAX) {
                (bytes, Ok(true)) => inflated = Some(bytes),
                (_, Ok(false)) => {
                    return failed(
                        file,
                        format!(
                            "gzip-filen pakkes ut til mer enn {} MB; det er ingen statistikkfil (too large when inflated); ingenting er lagret",
                            INFLATE_MAX >> 20
                        ),
                    );
                }
                (_, Err(e)) => return failed(file, e),
            }
        }
    }
    let detected = match &inflated {
        Some(bytes) => detect_format(&kind_name, bytes),
        None => detect_format(&name, &head),
    };
    match detected {
        Ok(FileFormat::Brreg) => {
            let bar = crate::progress::RegisterBar::shared();
            return match app::brreg::import(store, path, skip_bad_rows, bar).await {
                Ok(message) => FileResult {
                    file,
                    ok: true,
                    summary: None,
                    message: Some(message),
                    error: None,
                },
                Err(e) => {
                    // The file is named once, by the caller's `file: message`; the error with
                    // its causes (`message: cause`).
                    let m = format!("{:#}", anyhow::Error::from(e));
                    let m = m
                        .strip_prefix(&format!("{file}: "))
                        .map(str::to_string)
                        .unwrap_or(m);
                    failed(file, m)
                }
            };
        }
        Ok(_) => {}
        Err(e) => return failed(file, e.to_string()),
    }
    let (name, bytes) = match inflated {
        Some(bytes) => (kind_name, bytes),
        None => match std::fs::read(path) {
            Ok(b) => (name, b),
            Err(e) => return failed(file, format!("kan ikke lese filen (cannot read): {e}")),
        },
    };
    match store.import_file(&name, &bytes, options).await {
        Ok(s) => FileResult {
            file,
            ok: true,
            summary: Some(s),
            message: None,
            error: None,
        },
        Err(ImportError::Store(e)) => {
            failed(file, format!("lageret feilet, ingenting lagret: {e}"))
        }
        Err(e) => failed(file, e.to_string()),
    }
}

/// How much of a gzip file is inflated to tell what it holds.
const INFLATE_HEAD: u64 = 1 << 20;
/// The most a gzipped statistics file may inflate to (register bulk files are streamed).
const INFLATE_MAX: u64 = 512 << 20;

/// Inflates a gzip file up to `limit` bytes: what came out, and whether that was all of it or
/// why the stream stopped (a message in Norwegian; the caller adds the file name).
fn inflate(path: &Path, limit: u64) -> (Vec<u8>, Result<bool, String>) {
    use std::io::Read as _;
    let mut out = Vec::new();
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return (out, Err(format!("kan ikke lese filen (cannot read): {e}"))),
    };
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut input = match brreg::bulk::Input::new(f) {
        Ok(i) => i,
        Err(e) => return (out, Err(gzip_error(&e, size))),
    };
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let room = usize::try_from(limit.saturating_sub(out.len() as u64))
            .unwrap_or(usize::MAX)
            .min(buf.len());
        if room == 0 {
            // At the limit: is there more?
            let mut probe = [0u8; 1];
            return match input.read(&mut probe) {
                Ok(0) => (out, Ok(true)),
                Ok(_) => (out, Ok(false)),
                Err(e) => (out, Err(gzip_error(&e, size))),
            };
        }
        match input.read(&mut buf[..room]) {
            Ok(0) => return (out, Ok(true)),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (out, Err(gzip_error(&e, size))),
        }
    }
}

fn gzip_error(e: &std::io::Error, size: u64) -> String {
    // flate2 says "incomplete deflate stream" (or an unexpected end of file) for a stream cut off.
    if e.kind() == std::io::ErrorKind::UnexpectedEof || e.to_string().contains("incomplete") {
        format!(
            "avkortet gzip-fil: den slutter etter {size} byte, før den komprimerte strømmen er ferdig \
             (truncated gzip file; download it again); ingenting er lagret"
        )
    } else {
        format!("ødelagt gzip-fil (corrupt gzip file): {e}; ingenting er lagret")
    }
}

/// At most `limit` bytes from the start of the file.
fn read_head(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut head = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut head)?;
    Ok(head)
}

fn failed(file: String, error: String) -> FileResult {
    FileResult {
        file,
        ok: false,
        summary: None,
        message: None,
        error: Some(error),
    }
}

/// One line (Norwegian) describing an import.
pub fn describe(s: &ImportSummary) -> String {
    describe_in(s, plan::Lang::Nb)
}

/// As [`describe`], in `lang`.
pub fn describe_in(s: &ImportSummary, lang: plan::Lang) -> String {
    use crate::context::say;
    let what = i18n::tr(
        lang,
        match s.format {
            FileFormat::JsonStat2 => "cli-format-jsonstat",
            FileFormat::SsbCsv => "cli-format-ssb-csv",
            FileFormat::KlassCodesCsv => "cli-format-klass-codes-csv",
            FileFormat::KlassCodesJson => "cli-format-klass-codes-json",
            FileFormat::KlassChangesCsv => "cli-format-klass-changes-csv",
            FileFormat::KlassChangesJson => "cli-format-klass-changes-json",
            FileFormat::Brreg => "cli-format-brreg",
        },
    );
    let table = s
        .table_id
        .as_deref()
        .map(|t| {
            let key = match s.format {
                FileFormat::JsonStat2 | FileFormat::SsbCsv => "cli-import-table",
                _ => "cli-import-classification",
            };
            format!(", {}", say(lang, key, &[("id", t.to_string())]))
        })
        .unwrap_or_default();
    let updated = s
        .updated
        .as_deref()
        .map(|u| {
            format!(
                " ({})",
                say(lang, "cli-import-updated", &[("date", u.to_string())])
            )
        })
        .unwrap_or_default();
    let synthetic = if s.synthetic {
        format!(" {}", i18n::tr(lang, "cli-import-synthetic"))
    } else {
        String::new()
    };
    if s.already_imported {
        return format!(
            "{}: {what}{table}{updated}: {}{synthetic}",
            s.file_name,
            say(
                lang,
                "cli-import-already",
                &[("sha", s.sha256[..12].to_string())]
            )
        );
    }
    format!(
        "{}: {what}{table}{updated}: {}{synthetic}",
        s.file_name,
        say(
            lang,
            "cli-import-summary",
            &[
                ("read", s.rows_read.to_string()),
                ("stored", s.rows_stored.to_string()),
                ("missing", s.rows_missing.to_string()),
                ("superseding", s.rows_superseding.to_string()),
                ("unchanged", s.rows_unchanged.to_string()),
                ("older", s.rows_older.to_string()),
            ]
        )
    )
}
