//! Transparent gzip: look at the first two bytes, and decompress when they are the gzip magic
//! `1f 8b`. A UTF-8 byte order mark at the start of the text is dropped.

use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};

use flate2::read::MultiGzDecoder;

/// Buffer size used for reading bulk files (decompressed side).
const BUF: usize = 256 * 1024;

/// The UTF-8 byte order mark.
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The original reader with the bytes already peeked at put back in front.
pub type Peeked<R> = Chain<Cursor<Vec<u8>>, R>;

/// A byte stream that is either plain or gzip-decompressed, chosen by magic bytes.
///
/// Implements [`Read`] and [`BufRead`]; the readers of this crate take it as any other reader.
pub enum Input<R: Read> {
    /// Not gzip: the bytes as they are.
    Plain(BufReader<Peeked<R>>),
    /// Gzip (`1f 8b`): decompressed on the fly (multi-member streams are read to the end).
    Gzip(Box<BufReader<MultiGzDecoder<Peeked<R>>>>),
}

impl<R: Read> Input<R> {
    /// Peeks at the first bytes of `reader` and wraps it, decompressing if it is gzip. A UTF-8
    /// byte order mark at the start of the (decompressed) text is dropped.
    pub fn new(mut reader: R) -> io::Result<Self> {
        let mut head = [0u8; 3];
        let mut got = 0;
        while got < head.len() {
            match reader.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let head = &head[..got];
        if head.starts_with(&[0x1f, 0x8b]) {
            let peeked = Cursor::new(head.to_vec()).chain(reader);
            let mut r = BufReader::with_capacity(BUF, MultiGzDecoder::new(peeked));
            if r.fill_buf()?.starts_with(BOM) {
                r.consume(BOM.len());
            }
            return Ok(Input::Gzip(Box::new(r)));
        }
        let head = head.strip_prefix(BOM).unwrap_or(head);
        let peeked = Cursor::new(head.to_vec()).chain(reader);
        Ok(Input::Plain(BufReader::with_capacity(BUF, peeked)))
    }

    /// True when the input was gzip.
    pub fn is_gzip(&self) -> bool {
        matches!(self, Input::Gzip(_))
    }
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::Plain(r) => r.read(buf),
            Input::Gzip(r) => r.read(buf),
        }
    }
}

impl<R: Read> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Input::Plain(r) => r.fill_buf(),
            Input::Gzip(r) => r.fill_buf(),
        }
    }
    fn consume(&mut self, amt: usize) {
        match self {
            Input::Plain(r) => r.consume(amt),
            Input::Gzip(r) => r.consume(amt),
        }
    }
}
