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
        anyhow::bail!("ingen filer å importere (no files given)");
    }
    let ctx = opts.open().await?;
    let mut results = Vec::new();
    for path in files {
        let r = import_one(&ctx.store, path, skip_bad_rows, &ImportOptions::default()).await;
        if format == Format::Text {
            match (&r.summary, &r.message, &r.error) {
                (Some(s), _, _) => println!("{}", describe(s)),
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
    match detect_format(&name, &head) {
        Ok(FileFormat::Brreg) => {
            return match crate::cmd::import_brreg::import(store, path, skip_bad_rows).await {
                Ok(message) => FileResult {
                    file,
                    ok: true,
                    summary: None,
                    message: Some(message),
                    error: None,
                },
                Err(e) => failed(file, format!("{e:#}")),
            };
        }
        Ok(_) => {}
        Err(e) => return failed(file, e.to_string()),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return failed(file, format!("kan ikke lese filen (cannot read): {e}")),
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
    let what = s.format.describe_nb();
    let table = s
        .table_id
        .as_deref()
        .map(|t| match s.format {
            FileFormat::JsonStat2 | FileFormat::SsbCsv => format!(", tabell {t}"),
            _ => format!(", klassifikasjon {t}"),
        })
        .unwrap_or_default();
    let updated = s
        .updated
        .as_deref()
        .map(|u| format!(" (oppdatert {u})"))
        .unwrap_or_default();
    let synthetic = if s.synthetic { " SYNTETISKE DATA." } else { "" };
    if s.already_imported {
        return format!(
            "{}: {what}{table}{updated}: allerede importert (samme SHA-256 {}), ingenting endret.{synthetic}",
            s.file_name,
            &s.sha256[..12]
        );
    }
    format!(
        "{}: {what}{table}{updated}: {} lest, {} lagret ({} uten verdi), {} erstattet eldre, {} uendret, {} eldre utgave lagt til side.{synthetic}",
        s.file_name,
        s.rows_read,
        s.rows_stored,
        s.rows_missing,
        s.rows_superseding,
        s.rows_unchanged,
        s.rows_older
    )
}
