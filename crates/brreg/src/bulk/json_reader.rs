//! Streaming reader for the Enhetsregisteret bulk JSON files: one big array of unit objects
//! shaped like the REST API's unit objects.
//!
//! The array is never read whole. A small framing scanner walks the bytes of the array (it only
//! needs to know about strings, escapes and bracket depth) and copies ONE element at a time into a
//! reused buffer; `serde_json` then deserialises that element into a struct that borrows its
//! strings from the buffer. Because the framing is done before `serde_json` sees the element, a
//! syntax or type error inside an element is a row error the caller may skip, and the reader can
//! report the element's index and byte offset exactly. Only a broken array structure (no `[`, a
//! missing `,`, end of input inside an element) is fatal.

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::sync::Arc;

use serde::Deserialize;

use crate::error::{Location, RowError, RowErrorKind};
use crate::unit::{RawCount, RawUnit, Unit, UnitKind};

/// Largest element accepted (a unit object is normally 1–3 KB).
pub const DEFAULT_MAX_ELEMENT: usize = 16 * 1024 * 1024;

type S<'a> = Option<Cow<'a, str>>;

#[derive(Deserialize)]
struct JCode<'a> {
    #[serde(borrow)]
    kode: S<'a>,
}

#[derive(Deserialize)]
struct JAddress<'a> {
    #[serde(borrow)]
    kommunenummer: S<'a>,
    #[serde(borrow)]
    postnummer: S<'a>,
}

/// The fields of an API unit object this crate uses; everything else is skipped.
#[derive(Deserialize)]
struct JUnit<'a> {
    #[serde(borrow)]
    organisasjonsnummer: S<'a>,
    #[serde(borrow)]
    navn: S<'a>,
    #[serde(borrow)]
    organisasjonsform: Option<JCode<'a>>,
    #[serde(borrow)]
    naeringskode1: Option<JCode<'a>>,
    #[serde(rename = "antallAnsatte")]
    antall_ansatte: Option<u64>,
    #[serde(rename = "harRegistrertAntallAnsatte")]
    har_registrert_antall_ansatte: Option<bool>,
    #[serde(borrow)]
    forretningsadresse: Option<JAddress<'a>>,
    #[serde(borrow)]
    beliggenhetsadresse: Option<JAddress<'a>>,
    #[serde(borrow)]
    postadresse: Option<JAddress<'a>>,
    #[serde(borrow, rename = "institusjonellSektorkode")]
    institusjonell_sektorkode: Option<JCode<'a>>,
    #[serde(
        borrow,
        rename = "registreringsdatoEnhetsregisteret",
        alias = "registreringsdatoenhetsregisteret",
        alias = "registreringsdatoIEnhetsregisteret"
    )]
    registreringsdato: S<'a>,
    #[serde(borrow)]
    stiftelsesdato: S<'a>,
    #[serde(borrow)]
    oppstartsdato: S<'a>,
    konkurs: Option<bool>,
    #[serde(borrow)]
    konkursdato: S<'a>,
    #[serde(rename = "underAvvikling")]
    under_avvikling: Option<bool>,
    #[serde(borrow, rename = "underAvviklingDato")]
    under_avvikling_dato: S<'a>,
    #[serde(rename = "underTvangsavviklingEllerTvangsopplosning")]
    tvangs: Option<bool>,
    #[serde(borrow)]
    slettedato: S<'a>,
    #[serde(borrow)]
    nedleggelsesdato: S<'a>,
    #[serde(borrow, rename = "overordnetEnhet")]
    overordnet_enhet: S<'a>,
}

fn b<'a>(s: &'a S<'_>) -> &'a [u8] {
    s.as_deref().map(str::as_bytes).unwrap_or(b"")
}

fn code<'a>(c: &'a Option<JCode<'_>>) -> &'a [u8] {
    c.as_ref().map(|c| b(&c.kode)).unwrap_or(b"")
}

fn addr<'a>(a: &'a Option<JAddress<'_>>) -> &'a [u8] {
    a.as_ref().map(|a| b(&a.kommunenummer)).unwrap_or(b"")
}

fn postnummer<'a>(a: &'a Option<JAddress<'_>>) -> &'a [u8] {
    a.as_ref().map(|a| b(&a.postnummer)).unwrap_or(b"")
}

fn flag(v: Option<bool>) -> &'static [u8] {
    match v {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"",
    }
}

impl JUnit<'_> {
    fn raw(&self, kind: UnitKind) -> RawUnit<'_> {
        RawUnit {
            orgnr: b(&self.organisasjonsnummer),
            name: b(&self.navn),
            org_form: code(&self.organisasjonsform),
            nace: code(&self.naeringskode1),
            has_employees: flag(self.har_registrert_antall_ansatte),
            employees: match self.antall_ansatte {
                Some(n) => RawCount::Number(n),
                None => RawCount::Absent,
            },
            municipality: match kind {
                UnitKind::Enhet => addr(&self.forretningsadresse),
                UnitKind::Underenhet => addr(&self.beliggenhetsadresse),
            },
            postal_municipality: addr(&self.postadresse),
            postal_code: match kind {
                UnitKind::Enhet => postnummer(&self.forretningsadresse),
                UnitKind::Underenhet => postnummer(&self.beliggenhetsadresse),
            },
            sector: code(&self.institusjonell_sektorkode),
            registered: b(&self.registreringsdato),
            founded: b(&self.stiftelsesdato),
            started: b(&self.oppstartsdato),
            bankrupt: flag(self.konkurs),
            bankruptcy_date: b(&self.konkursdato),
            under_liquidation: flag(self.under_avvikling),
            liquidation_date: b(&self.under_avvikling_dato),
            under_forced_liquidation: flag(self.tvangs),
            deleted: b(&self.slettedato),
            closed: b(&self.nedleggelsesdato),
            parent: b(&self.overordnet_enhet),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    First,
    Rest,
    Done,
}

/// Reads units from an Enhetsregisteret bulk JSON array, one element at a time.
///
/// Yields one `Result<Unit, RowError>` per array element; errors carry the element's 0-based index
/// and byte offset. Memory is bounded by the largest single element (limit
/// [`DEFAULT_MAX_ELEMENT`], see [`JsonUnitReader::with_max_element`]). Takes a [`BufRead`]: use
/// [`crate::bulk::open_json`] for automatic gzip detection.
pub struct JsonUnitReader<R: BufRead> {
    inner: R,
    kind: UnitKind,
    file: Arc<str>,
    state: State,
    index: u64,
    offset: u64,
    buf: Vec<u8>,
    max_element: usize,
}

impl<R: BufRead> JsonUnitReader<R> {
    /// Wraps a reader positioned at the start of the JSON text. `file` is the name shown in errors.
    pub fn new(reader: R, kind: UnitKind, file: &str) -> Self {
        JsonUnitReader {
            inner: reader,
            kind,
            file: Arc::from(file),
            state: State::Start,
            index: 0,
            offset: 0,
            buf: Vec::with_capacity(8 * 1024),
            max_element: DEFAULT_MAX_ELEMENT,
        }
    }

    /// Sets the largest element accepted, in bytes (larger is a fatal error).
    pub fn with_max_element(mut self, bytes: usize) -> Self {
        self.max_element = bytes;
        self
    }

    /// Which kind of units this reader yields.
    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    /// Bytes consumed so far (decompressed).
    pub fn bytes_read(&self) -> u64 {
        self.offset
    }

    /// Elements seen so far.
    pub fn elements_read(&self) -> u64 {
        self.index
    }

    fn fatal(&mut self, location: Location, kind: RowErrorKind) -> Option<Result<Unit, RowError>> {
        self.state = State::Done;
        Some(Err(RowError {
            file: self.file.clone(),
            location,
            orgnr: None,
            kind,
        }))
    }

    /// Skips whitespace; returns the next byte without consuming it (`None` at end of input).
    fn peek_non_ws(&mut self) -> io::Result<Option<u8>> {
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(None);
            }
            let skip = avail
                .iter()
                .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
            match skip {
                Some(i) => {
                    let c = avail[i];
                    self.inner.consume(i);
                    self.offset += i as u64;
                    return Ok(Some(c));
                }
                None => {
                    let n = avail.len();
                    self.inner.consume(n);
                    self.offset += n as u64;
                }
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the very start, if there is one.
    fn skip_bom(&mut self) -> io::Result<()> {
        let avail = loop {
            match self.inner.fill_buf() {
                Ok(a) => break a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if avail.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.inner.consume(3);
            self.offset += 3;
        }
        Ok(())
    }

    fn consume_one(&mut self) {
        self.inner.consume(1);
        self.offset += 1;
    }

    /// Copies one element into `self.buf`. Stops after the closing bracket of an object/array
    /// element, or before a `,`/`]` at depth 0 for a scalar. Returns false at end of input.
    fn scan_element(&mut self) -> io::Result<Result<bool, usize>> {
        self.buf.clear();
        let mut depth = 0u32;
        let mut in_string = false;
        let mut escape = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(Ok(false));
            }
            let mut i = 0;
            let mut done = false;
            while i < avail.len() {
                let c = avail[i];
                if in_string {
                    if escape {
                        escape = false;
                    } else if c == b'\\' {
                        escape = true;
                    } else if c == b'"' {
                        in_string = false;
                    }
                    i += 1;
                    continue;
                }
                match c {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        if depth == 0 {
                            done = true;
                            break;
                        }
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            done = true;
                            break;
                        }
                    }
                    b',' if depth == 0 => {
                        done = true;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            self.buf.extend_from_slice(&avail[..i]);
            self.inner.consume(i);
            self.offset += i as u64;
            if self.buf.len() > self.max_element {
                return Ok(Err(self.max_element));
            }
            if done {
                while self
                    .buf
                    .last()
                    .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.buf.pop();
                }
                return Ok(Ok(true));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonUnitReader<R> {
    type Item = Result<Unit, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        macro_rules! peek {
            () => {
                match self.peek_non_ws() {
                    Ok(c) => c,
                    Err(e) => {
                        let at = Location::Byte(self.offset);
                        return self.fatal(at, RowErrorKind::Io(e.to_string()));
                    }
                }
            };
        }
        loop {
            match self.state {
                State::Done => return None,
                State::Start => match {
                    if let Err(e) = self.skip_bom() {
                        let at = Location::Byte(self.offset);
                        return self.fatal(at, RowErrorKind::Io(e.to_string()));
                    }
                    peek!()
                } {
                    Some(b'[') => {
                        self.consume_one();
                        self.state = State::First;
                    }
                    other => {
                        let at = Location::Byte(self.offset);
                        let msg = match other {
                            None => "empty input, expected a JSON array".to_string(),
                            Some(c) => format!("expected '[' at the start, found {:?}", c as char),
                        };
                        return self.fatal(at, RowErrorKind::Framing(msg));
                    }
                },
                State::First | State::Rest => {
                    let c = peek!();
                    match (self.state, c) {
                        (_, Some(b']')) => {
                            self.consume_one();
                            self.state = State::Done;
                            return match peek!() {
                                None => None,
                                Some(c) => {
                                    let at = Location::Byte(self.offset);
                                    let msg =
                                        format!("unexpected {:?} after the closing ']'", c as char);
                                    self.fatal(at, RowErrorKind::Framing(msg))
                                }
                            };
                        }
                        (_, None) => {
                            let at = Location::Byte(self.offset);
                            let msg = "input ends inside the array".to_string();
                            return self.fatal(at, RowErrorKind::Framing(msg));
                        }
                        (State::Rest, Some(b',')) => {
                            self.consume_one();
                            if let Some(b']') | Some(b',') | None = peek!() {
                                let at = Location::Byte(self.offset);
                                let msg = "expected an element after ','".to_string();
                                return self.fatal(at, RowErrorKind::Framing(msg));
                            }
                        }
                        (State::Rest, Some(c)) => {
                            let at = Location::Byte(self.offset);
                            let msg = format!(
                                "expected ',' or ']' between elements, found {:?}",
                                c as char
                            );
                            return self.fatal(at, RowErrorKind::Framing(msg));
                        }
                        (_, Some(b',')) => {
                            let at = Location::Byte(self.offset);
                            let msg = "expected an element, found ','".to_string();
                            return self.fatal(at, RowErrorKind::Framing(msg));
                        }
                        (_, Some(_)) => {}
                    }
                    let index = self.index;
                    let byte_offset = self.offset;
                    let location = Location::Element { index, byte_offset };
                    match self.scan_element() {
                        Err(e) => return self.fatal(location, RowErrorKind::Io(e.to_string())),
                        Ok(Err(limit)) => {
                            return self.fatal(location, RowErrorKind::ElementTooLarge { limit });
                        }
                        Ok(Ok(false)) => {
                            return self.fatal(
                                location,
                                RowErrorKind::Framing(format!("input ends inside element {index}")),
                            );
                        }
                        Ok(Ok(true)) => {}
                    }
                    self.index += 1;
                    self.state = State::Rest;
                    let err = |orgnr: Option<String>, kind| RowError {
                        file: self.file.clone(),
                        location: location.clone(),
                        orgnr,
                        kind,
                    };
                    return Some(match serde_json::from_slice::<JUnit<'_>>(&self.buf) {
                        Err(e) => Err(err(None, RowErrorKind::Json(e.to_string()))),
                        Ok(j) => {
                            let raw = j.raw(self.kind);
                            raw.build(self.kind).map_err(|k| {
                                let o = (!raw.orgnr.is_empty())
                                    .then(|| String::from_utf8_lossy(raw.orgnr).into_owned());
                                err(o, k)
                            })
                        }
                    });
                }
            }
        }
    }
}
