//! Reading a bulk file on more than one core: decompression on a thread of its own, and the CSV
//! records parsed by several workers, each feeding its own accumulator.
//!
//! The national files are gzipped (about 154 MB for 1.16 M enheter, about 1 GB of text), and
//! inflating them costs as much as parsing them. [`read_units_parallel`] therefore runs:
//!
//! 1. a **decompression thread** that reads the file, inflates it (when gzipped) and hands blocks
//!    of text on through a bounded channel;
//! 2. a **splitter** (the calling thread) that cuts the text into chunks at record boundaries and
//!    counts their lines, so every chunk knows the line of the file it starts on;
//! 3. **workers** (`ParallelOptions::workers`), each parsing whole chunks with the same CSV reader
//!    as [`crate::bulk::CsvUnitReader`] and handing units to its own state.
//!
//! Memory stays bounded: at most a few blocks are in flight (`block_size` each).
//!
//! # Record boundaries
//!
//! A newline ends a record unless it is inside a quoted field. The splitter tracks this by the
//! parity of the quote characters before it, which is exact when every quote belongs to a quoted
//! field — true of files whose writer quotes every field, as the register's does (`"…","…"`). The
//! chunked path is used only when the first data record is quoted that way; otherwise the file
//! is parsed as one stream on one worker (decompression still has its own thread), with identical
//! results. In a fully quoted file, text that ends inside a quoted field is a fatal error (the CSV
//! parser alone would take the rest of the file as one field and silently lose its rows).
//!
//! JSON files are parsed on one worker too (the element framing is sequential), again with
//! decompression on its own thread.
//!
//! # Errors
//!
//! Errors are the same as [`crate::bulk::read_units`] gives, with the same file and line: with
//! [`ErrorPolicy::Abort`] the first bad row *in file order* is returned (a worker that hits an
//! error stops the dispatch of later chunks; earlier chunks are finished so that an earlier error
//! wins); with [`ErrorPolicy::SkipAndReport`] the bad rows are counted and the first
//! [`MAX_KEPT_ERRORS`] kept, sorted by position.

use std::io::{self, BufRead, Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;

use csv::ReaderBuilder;

use super::csv_reader::{Columns, CsvUnitReader, header_names};
use super::input::Input;
use super::json_reader::JsonUnitReader;
use super::{ErrorPolicy, Format, MAX_KEPT_ERRORS, ReadReport};
use crate::error::{Location, OpenError, RowError, RowErrorKind};
use crate::unit::{Unit, UnitKind};

/// Default size of a block of decompressed text.
pub const DEFAULT_BLOCK_SIZE: usize = 4 * 1024 * 1024;

/// A record longer than this (no record end found) is a fatal error: the quoting is broken.
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// How [`read_units_parallel`] runs.
#[derive(Debug, Clone, Default)]
pub struct ParallelOptions {
    /// CSV parser threads; 0 means one per available core.
    pub workers: usize,
    /// Bytes of decompressed text per block; 0 means [`DEFAULT_BLOCK_SIZE`].
    pub block_size: usize,
    /// When set, incremented by the number of rows read as the read goes (for a progress bar).
    pub progress: Option<Arc<AtomicU64>>,
    /// What to do with a bad row (default: abort).
    pub policy: ErrorPolicy,
}

/// What [`read_units_parallel`] read.
#[derive(Debug)]
pub struct ParallelRead<S> {
    /// Rows read and skipped, as [`crate::bulk::read_units`] reports them.
    pub report: ReadReport,
    /// The workers' states (one per worker that ran; merge them).
    pub states: Vec<S>,
    /// The format found: [`Format::Csv`] or [`Format::Json`].
    pub format: Format,
    /// True when the input was gzipped.
    pub gzip: bool,
    /// True when the CSV text was cut into chunks for the workers (a fully quoted file); false for
    /// JSON and for CSV parsed as one stream.
    pub parallel: bool,
}

/// A bulk file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened as a bulk file (header, missing column, I/O at the start).
    #[error(transparent)]
    Open(#[from] OpenError),
    /// A bad row (with [`ErrorPolicy::Abort`]) or a fatal error while reading.
    #[error(transparent)]
    Row(#[from] RowError),
}

enum Block {
    Data(Vec<u8>),
    Failed(io::Error),
}

/// A chunk of CSV text made of whole records: the end of the previous block (`prefix`) and a
/// range of the current one.
struct Chunk {
    index: u64,
    prefix: Vec<u8>,
    block: Arc<Vec<u8>>,
    end: usize,
    line_offset: u64,
}

/// Reads a bulk file (CSV or JSON, gzipped or not) with decompression and parsing on separate
/// threads, handing each unit to `sink` with the state of the worker that parsed it.
///
/// `new_state` makes one state per worker; they come back in [`ParallelRead::states`] for the
/// caller to merge. The order in which units reach the states is not the file's order: use it
/// only for order-independent work (counting, ranking with a deterministic tie-break).
pub fn read_units_parallel<R, S, N, F>(
    reader: R,
    kind: UnitKind,
    format: Format,
    file: &str,
    options: &ParallelOptions,
    new_state: N,
    sink: F,
) -> Result<ParallelRead<S>, ReadError>
where
    R: Read + Send,
    S: Send,
    N: Fn() -> S,
    F: Fn(&mut S, Unit) + Sync,
{
    let policy = options.policy;
    let workers = match options.workers {
        0 => thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let block_size = match options.block_size {
        0 => DEFAULT_BLOCK_SIZE,
        n => n.max(1024),
    };
    let file_arc: Arc<str> = Arc::from(file);
    thread::scope(|s| {
        let (block_tx, block_rx) = sync_channel::<Block>(3);
        let (recycle_tx, recycle_rx) = sync_channel::<Vec<u8>>(8);
        let decompressor = s.spawn(move || decompress(reader, block_size, &block_tx, &recycle_rx));
        let mut src = BlockSource {
            rx: block_rx,
            recycle: recycle_tx.clone(),
        };
        let result = (|| {
            // The first bytes decide the format.
            let mut pending: Vec<u8> = Vec::new();
            let first = loop {
                if let Some(b) = pending
                    .iter()
                    .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    break Some(*b);
                }
                match src.next(file)? {
                    Some(block) => {
                        pending.extend_from_slice(&block);
                        src.give_back(block);
                    }
                    None => break None,
                }
            };
            let format = match format {
                Format::Auto if first == Some(b'[') => Format::Json,
                Format::Auto => Format::Csv,
                f => f,
            };
            if format == Format::Json {
                let input = ChannelReader::new(pending, src, file_arc.clone());
                let reader = JsonUnitReader::new(input, kind, file);
                return sequential(reader, policy, options, new_state, &sink)
                    .map(|(report, states)| (report, states, format, false));
            }
            // CSV: read up to the end of the header line.
            let mut header_end = find_record_end(&pending, 0);
            while header_end.is_none() {
                match src.next(file)? {
                    Some(block) => {
                        let from = pending.len();
                        pending.extend_from_slice(&block);
                        src.give_back(block);
                        header_end = find_record_end(&pending, from);
                    }
                    None => break,
                }
            }
            let header_end = header_end.unwrap_or(pending.len());
            let mut header_reader = ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .from_reader(&pending[..header_end]);
            let header = header_reader
                .byte_headers()
                .map_err(|e| OpenError::Header {
                    file: file.to_string(),
                    message: e.to_string(),
                })?
                .clone();
            let header = header_names(&header, file)?;
            let cols = Columns::resolve(&header, kind, file)?;
            let width = header.len();
            let header_lines = count(&pending[..header_end], b'\n');
            let rest = pending.split_off(header_end);

            // Look at the first data record: fully quoted (the register's writer) or not.
            let mut probe = rest;
            let mut probe_end = find_record_end(&probe, 0);
            while probe_end.is_none() {
                match src.next(file)? {
                    Some(block) => {
                        let from = probe.len();
                        probe.extend_from_slice(&block);
                        src.give_back(block);
                        probe_end = find_record_end(&probe, from);
                    }
                    None => break,
                }
            }
            let quoted = probe_end.is_some_and(|e| fully_quoted(&probe[..e]));
            if !quoted {
                let input = ChannelReader::new(probe, src, file_arc.clone());
                let reader = CsvUnitReader::for_chunk(
                    input,
                    cols,
                    kind,
                    file_arc.clone(),
                    width,
                    header_lines,
                );
                return sequential(reader, policy, options, new_state, &sink)
                    .map(|(report, states)| (report, states, format, false));
            }
            parallel_csv(
                s,
                ParallelCsv {
                    src,
                    first: probe,
                    cols,
                    kind,
                    file: file_arc.clone(),
                    width,
                    header_lines,
                    policy,
                    workers,
                    progress: options.progress.clone(),
                },
                &new_state,
                &sink,
            )
            .map(|(report, states)| (report, states, format, true))
        })();
        drop(recycle_tx);
        let gzip = decompressor.join().unwrap_or(false);
        result.map(|(report, states, format, parallel)| ParallelRead {
            report,
            states,
            format,
            gzip,
            parallel,
        })
    })
}

/// The decompression thread: fills blocks until end of input or until the receiver is gone.
/// Returns whether the input was gzip.
fn decompress<R: Read>(
    reader: R,
    block_size: usize,
    tx: &SyncSender<Block>,
    recycle: &Receiver<Vec<u8>>,
) -> bool {
    let mut input = match Input::new(reader) {
        Ok(i) => i,
        Err(e) => {
            let _ = tx.send(Block::Failed(e));
            return false;
        }
    };
    let gzip = input.is_gzip();
    loop {
        let mut buf = recycle.try_recv().unwrap_or_default();
        buf.resize(block_size, 0);
        let mut filled = 0;
        let failed = loop {
            if filled == buf.len() {
                break None;
            }
            match input.read(&mut buf[filled..]) {
                Ok(0) => break None,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Some(e),
            }
        };
        buf.truncate(filled);
        if filled > 0 && tx.send(Block::Data(buf)).is_err() {
            return gzip;
        }
        if let Some(e) = failed {
            let _ = tx.send(Block::Failed(e));
            return gzip;
        }
        if filled < block_size {
            return gzip;
        }
    }
}

/// The receiving end of the decompression thread.
struct BlockSource {
    rx: Receiver<Block>,
    recycle: SyncSender<Vec<u8>>,
}

impl BlockSource {
    /// The next block, `None` at the end; a read error becomes a fatal row error.
    fn next(&mut self, file: &str) -> Result<Option<Vec<u8>>, RowError> {
        self.next_at(file, Location::Byte(0))
    }

    fn next_at(&mut self, file: &str, at: Location) -> Result<Option<Vec<u8>>, RowError> {
        match self.rx.recv() {
            Ok(Block::Data(b)) => Ok(Some(b)),
            Ok(Block::Failed(e)) => Err(RowError {
                file: Arc::from(file),
                location: at,
                orgnr: None,
                kind: RowErrorKind::Io(e.to_string()),
            }),
            Err(_) => Ok(None),
        }
    }

    fn give_back(&self, mut block: Vec<u8>) {
        block.clear();
        let _ = self.recycle.try_send(block);
    }
}

/// A `BufRead` over the blocks from the decompression thread, starting with bytes already taken.
struct ChannelReader {
    current: Vec<u8>,
    pos: usize,
    src: BlockSource,
    file: Arc<str>,
    done: bool,
}

impl ChannelReader {
    fn new(first: Vec<u8>, src: BlockSource, file: Arc<str>) -> Self {
        ChannelReader {
            current: first,
            pos: 0,
            src,
            file,
            done: false,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ChannelReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos >= self.current.len() && !self.done {
            match self.src.next(&self.file) {
                Ok(Some(block)) => {
                    let old = std::mem::replace(&mut self.current, block);
                    self.src.give_back(old);
                    self.pos = 0;
                }
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    let message = match e.kind {
                        RowErrorKind::Io(m) => m,
                        other => other.to_string(),
                    };
                    return Err(io::Error::other(message));
                }
            }
        }
        Ok(&self.current[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.current.len());
    }
}

/// Runs one reader to the end on this thread (JSON, or CSV that is not fully quoted).
fn sequential<I, S, N, F>(
    rows: I,
    policy: ErrorPolicy,
    options: &ParallelOptions,
    new_state: N,
    sink: &F,
) -> Result<(ReadReport, Vec<S>), ReadError>
where
    I: Iterator<Item = Result<Unit, RowError>>,
    N: Fn() -> S,
    F: Fn(&mut S, Unit),
{
    let mut state = new_state();
    let mut report = ReadReport::default();
    let mut since = 0u64;
    for row in rows {
        match row {
            Ok(unit) => {
                report.units += 1;
                since += 1;
                sink(&mut state, unit);
                if since == 4096 {
                    if let Some(p) = &options.progress {
                        p.fetch_add(since, Ordering::Relaxed);
                    }
                    since = 0;
                }
            }
            Err(e) if policy == ErrorPolicy::Abort || e.is_fatal() => return Err(e.into()),
            Err(e) => {
                report.skipped += 1;
                if report.errors.len() < MAX_KEPT_ERRORS {
                    report.errors.push(e);
                }
            }
        }
    }
    if let Some(p) = &options.progress {
        p.fetch_add(since, Ordering::Relaxed);
    }
    Ok((report, vec![state]))
}

struct ParallelCsv {
    src: BlockSource,
    first: Vec<u8>,
    cols: Columns,
    kind: UnitKind,
    file: Arc<str>,
    width: usize,
    header_lines: u64,
    policy: ErrorPolicy,
    workers: usize,
    progress: Option<Arc<AtomicU64>>,
}

/// What one worker found.
struct WorkerOut<S> {
    state: S,
    units: u64,
    skipped: u64,
    /// (chunk index, error), at most [`MAX_KEPT_ERRORS`], in the worker's order.
    errors: Vec<(u64, RowError)>,
    /// The first error that stops the read (Abort policy, or fatal), with its chunk index.
    stop: Option<(u64, RowError)>,
}

fn parallel_csv<'scope, 'env, S, N, F>(
    s: &'scope thread::Scope<'scope, 'env>,
    job: ParallelCsv,
    new_state: &N,
    sink: &'env F,
) -> Result<(ReadReport, Vec<S>), ReadError>
where
    S: Send + 'scope,
    N: Fn() -> S,
    F: Fn(&mut S, Unit) + Sync,
{
    let ParallelCsv {
        mut src,
        first,
        cols,
        kind,
        file,
        width,
        header_lines,
        policy,
        workers,
        progress,
    } = job;
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(workers * 2);
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    // The index of the earliest chunk that stopped the read (u64::MAX: none). Chunks after it are
    // skipped; chunks before it are still parsed, so that an earlier error wins.
    let stop = Arc::new(AtomicU64::new(u64::MAX));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let rx = Arc::clone(&chunk_rx);
            let stop = Arc::clone(&stop);
            let cols = cols.clone();
            let file = file.clone();
            let progress = progress.clone();
            let state = new_state();
            s.spawn(move || {
                let mut out = WorkerOut {
                    state,
                    units: 0,
                    skipped: 0,
                    errors: Vec::new(),
                    stop: None,
                };
                loop {
                    let chunk = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok(chunk) = chunk else { break };
                    if chunk.index > stop.load(Ordering::Acquire) {
                        continue;
                    }
                    let reader = Cursor::new(chunk.prefix).chain(&chunk.block[..chunk.end]);
                    let rows = CsvUnitReader::for_chunk(
                        reader,
                        cols.clone(),
                        kind,
                        file.clone(),
                        width,
                        chunk.line_offset,
                    );
                    let mut n = 0u64;
                    for row in rows {
                        match row {
                            Ok(unit) => {
                                n += 1;
                                sink(&mut out.state, unit);
                            }
                            Err(e) if policy == ErrorPolicy::Abort || e.is_fatal() => {
                                out.stop = Some((chunk.index, e));
                                stop.fetch_min(chunk.index, Ordering::AcqRel);
                                break;
                            }
                            Err(e) => {
                                out.skipped += 1;
                                if out.errors.len() < MAX_KEPT_ERRORS {
                                    out.errors.push((chunk.index, e));
                                }
                            }
                        }
                    }
                    out.units += n;
                    if let Some(p) = &progress {
                        p.fetch_add(n, Ordering::Relaxed);
                    }
                    // After a stop, keep draining (and skipping) so the splitter never blocks.
                }
                out
            })
        })
        .collect();
    drop(chunk_rx);

    // Split the text into chunks of whole records and dispatch them.
    let mut index = 0u64;
    let mut line_offset = header_lines;
    let mut tail = first;
    let mut parity_odd = false; // quotes seen in `tail` so far, mod 2 (tail starts at a record)
    parity_odd ^= count(&tail, b'"') % 2 == 1;
    let mut fatal: Option<(u64, RowError)> = None;
    let stopped = || stop.load(Ordering::Acquire) != u64::MAX;
    loop {
        if stopped() {
            break;
        }
        // A read error is placed on the line where the readable text ends.
        let at = Location::Line(line_offset + count(&tail, b'\n') + 1);
        let block = match src.next_at(&file, at) {
            Ok(Some(b)) => b,
            Ok(None) => break,
            Err(e) => {
                fatal = Some((index, e));
                break;
            }
        };
        let quotes = count(&block, b'"');
        let end_parity = parity_odd ^ (quotes % 2 == 1);
        match last_record_end(&block, end_parity) {
            Some(b) => {
                let new_tail = block[b..].to_vec();
                let lines = count(&tail, b'\n') + count(&block[..b], b'\n');
                let chunk = Chunk {
                    index,
                    prefix: std::mem::replace(&mut tail, new_tail),
                    block: Arc::new(block),
                    end: b,
                    line_offset,
                };
                index += 1;
                line_offset += lines;
                parity_odd = count(&tail, b'"') % 2 == 1;
                if chunk_tx.send(chunk).is_err() {
                    break;
                }
            }
            None => {
                tail.extend_from_slice(&block);
                src.give_back(block);
                parity_odd = end_parity;
                if tail.len() > MAX_RECORD_BYTES {
                    fatal = Some((
                        index,
                        RowError {
                            file: file.clone(),
                            location: Location::Line(line_offset + 1),
                            orgnr: None,
                            kind: RowErrorKind::Csv(format!(
                                "no end of record within {} MB: a quoted field is not closed",
                                MAX_RECORD_BYTES / (1024 * 1024)
                            )),
                        },
                    ));
                    break;
                }
            }
        }
    }
    if fatal.is_none() && !stopped() && parity_odd {
        // The text ends inside a quoted field: the CSV parser would silently take the rest of
        // the file as one field (and lose the rows in it). The records before the one that
        // opens it are parsed as usual; the error names the line that record starts on.
        let mut odd = false;
        let mut start = 0;
        for (i, &c) in tail.iter().enumerate() {
            match c {
                b'"' => odd = !odd,
                b'\n' if !odd => start = i + 1,
                _ => {}
            }
        }
        let line = line_offset + count(&tail[..start], b'\n') + 1;
        if start > 0 {
            let _ = chunk_tx.send(Chunk {
                index,
                prefix: tail[..start].to_vec(),
                block: Arc::new(Vec::new()),
                end: 0,
                line_offset,
            });
            index += 1;
        }
        tail.clear();
        fatal = Some((
            index,
            RowError {
                file: file.clone(),
                location: Location::Line(line),
                orgnr: None,
                kind: RowErrorKind::Csv(
                    "a quoted field opened in this record is not closed before the end of the file"
                        .into(),
                ),
            },
        ));
    }
    if fatal.is_none() && !stopped() && !tail.is_empty() {
        let _ = chunk_tx.send(Chunk {
            index,
            prefix: tail,
            block: Arc::new(Vec::new()),
            end: 0,
            line_offset,
        });
    }
    drop(chunk_tx);
    drop(src);

    let mut report = ReadReport::default();
    let mut states = Vec::with_capacity(workers);
    let mut errors: Vec<(u64, RowError)> = Vec::new();
    let mut stops: Vec<(u64, RowError)> = fatal.into_iter().collect();
    for h in handles {
        let out = match h.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        report.units += out.units;
        report.skipped += out.skipped;
        errors.extend(out.errors);
        stops.extend(out.stop);
        states.push(out.state);
    }
    if let Some((_, e)) = stops
        .into_iter()
        .min_by_key(|(i, e)| (*i, line_of(&e.location)))
    {
        return Err(e.into());
    }
    errors.sort_by_key(|(i, e)| (*i, line_of(&e.location)));
    errors.truncate(MAX_KEPT_ERRORS);
    report.errors = errors.into_iter().map(|(_, e)| e).collect();
    Ok((report, states))
}

fn line_of(l: &Location) -> u64 {
    match l {
        Location::Line(n) | Location::Byte(n) => *n,
        Location::Element { index, .. } => *index,
    }
}

/// Number of occurrences of `b` (SIMD, chosen at run time: the splitter counts quotes and line
/// ends in every byte of the file, so this is on the hot path).
fn count(bytes: &[u8], b: u8) -> u64 {
    bytecount::count(bytes, b) as u64
}

/// The end (one past the newline) of the first record ending at or after `from` in text that
/// starts at a record boundary, by quote parity.
fn find_record_end(text: &[u8], from: usize) -> Option<usize> {
    let mut odd = count(&text[..from], b'"') % 2 == 1;
    for (i, &c) in text.iter().enumerate().skip(from) {
        match c {
            b'"' => odd = !odd,
            b'\n' if !odd => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The end (one past the newline) of the last complete record in `block`, given the quote parity
/// at the block's end (`end_odd`).
fn last_record_end(block: &[u8], end_odd: bool) -> Option<usize> {
    let mut odd = end_odd;
    let mut hi = block.len();
    while let Some(nl) = block[..hi].iter().rposition(|&c| c == b'\n') {
        odd ^= count(&block[nl + 1..hi], b'"') % 2 == 1;
        if !odd {
            return Some(nl + 1);
        }
        hi = nl;
    }
    None
}

/// True when the record (with its line end) is written with every field in quotes: `"a","b",""`.
fn fully_quoted(record: &[u8]) -> bool {
    let line = record
        .strip_suffix(b"\n")
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .unwrap_or(record);
    let Some(inner) = line.strip_prefix(b"\"").and_then(|l| l.strip_suffix(b"\"")) else {
        return false;
    };
    // Inside: fields separated by `","`; a quote elsewhere must be doubled.
    let mut i = 0;
    while i < inner.len() {
        if inner[i] == b'"' {
            if inner[i..].starts_with(b"\",\"") {
                i += 3;
            } else if inner[i..].starts_with(b"\"\"") {
                i += 2;
            } else {
                return false;
            }
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_respect_quotes() {
        let t = b"\"a\",\"b\nc\"\n\"d\",\"e\"\n\"f";
        assert_eq!(find_record_end(t, 0), Some(10));
        assert_eq!(last_record_end(t, true), Some(18));
        assert_eq!(last_record_end(b"\"x\ny", true), None);
    }

    #[test]
    fn fully_quoted_records() {
        assert!(fully_quoted(b"\"a\",\"\",\"b\"\"c\"\n"));
        assert!(fully_quoted(b"\"a\"\r\n"));
        assert!(!fully_quoted(b"a,\"b\"\n"));
        assert!(!fully_quoted(b"\"a\",b\n"));
        assert!(!fully_quoted(b"\"a\"b\",\"c\"\n"));
    }
}
