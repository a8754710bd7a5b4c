//! The PDF report, made in-process with the typst compiler: no network, no external program.
//!
//! The document tree is written as typst code in which every piece of text is a string literal
//! (so nothing in the data can be read as markup), charts are served to the compiler as virtual
//! SVG files, and fonts are embedded in the binary (DejaVu Sans for the text — typst's bundled
//! fonts have no sans-serif —, plus typst-assets' fonts).

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use i18n::{Lang, tr};

use crate::doc::{Block, Span};

/// The embedded fonts: regular, bold, oblique (the DOCX writer embeds the first two of these
/// same bytes: one copy of each font in the binary).
pub(crate) static DEJAVU: [&[u8]; 3] = [
    include_bytes!("../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../assets/fonts/DejaVuSans-Oblique.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = DEJAVU
        .iter()
        .copied()
        .chain(typst_assets::fonts())
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// A typst string literal: the text exactly, never markup.
fn lit(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn spans(s: &[Span]) -> String {
    let parts: Vec<String> = s
        .iter()
        .map(|x| {
            if x.strong {
                format!("strong({})", lit(&x.text))
            } else {
                lit(&x.text)
            }
        })
        .collect();
    format!(
        "[{}]",
        parts.iter().map(|p| format!("#{p}")).collect::<String>()
    )
}

/// The typst source for the document (public for tests and debugging).
pub fn typst_source(
    lang: Lang,
    title: &str,
    author: &str,
    blocks: &[Block],
) -> (String, Vec<(String, String)>) {
    let mut charts = Vec::new();
    let mut o = String::new();
    o.push_str(&format!(
        "#set document(title: {}, author: {})\n",
        lit(title),
        lit(author)
    ));
    o.push_str(&format!(
        "#set text(font: \"DejaVu Sans\", size: 9.5pt, lang: \"{}\", region: \"{}\")\n",
        lang.code(),
        if lang.is_norwegian() { "NO" } else { "GB" }
    ));
    o.push_str("#set par(justify: false, leading: 0.6em)\n");
    o.push_str(
        "#set heading(numbering: (..n) => if n.pos().len() == 1 { numbering(\"1\", ..n) })\n",
    );
    o.push_str("#show heading.where(level: 1): it => { pagebreak(weak: true); it }\n");
    o.push_str("#set table(stroke: (x, y) => (bottom: 0.5pt + luma(180)), inset: 4pt)\n");
    o.push_str("#show table: set text(size: 8pt)\n");
    o.push_str("#show figure: set block(breakable: true)\n");
    o.push_str("#set figure.caption(position: top)\n");
    o.push_str(&format!(
        "#set page(paper: \"a4\", margin: (x: 2cm, top: 2.2cm, bottom: 2.5cm), header: context {{ if counter(page).get().first() > 1 [#set text(size: 8pt, fill: luma(90)); #{}] }}, footer: context [#set align(center); #set text(size: 8pt); #{} #counter(page).display() #{} #counter(page).final().first()])\n",
        lit(title),
        lit(&tr(lang, "rpt-page")),
        lit(&tr(lang, "rpt-page-of"))
    ));
    for b in blocks {
        match b {
            Block::Front { title, lines } => {
                o.push_str("#v(4cm)\n");
                o.push_str(&format!(
                    "#block(inset: (left: 12pt), stroke: (left: 4pt + rgb(\"#00507d\")))[#text(size: 22pt, weight: \"bold\", {})\n",
                    lit(title)
                ));
                for l in lines {
                    if l.contains("SYNTETISKE") {
                        o.push_str(&format!(
                            "#v(6pt)#block(fill: rgb(\"#fff4ce\"), stroke: 0.8pt + rgb(\"#7a5200\"), inset: 8pt, width: 100%)[#{}]\n",
                            lit(l)
                        ));
                    } else {
                        o.push_str(&format!("#v(4pt)#text(size: 12pt, {})\n", lit(l)));
                    }
                }
                o.push_str("]\n#pagebreak()\n");
            }
            Block::Toc => o.push_str(&format!(
                "#outline(title: {}, depth: 2)\n",
                lit(&tr(lang, "rpt-contents"))
            )),
            Block::Heading { level, text, .. } => {
                o.push_str(&format!("#heading(level: {level}, {})\n", lit(text)));
            }
            Block::Para(s) => o.push_str(&format!("#par({})\n", spans(s))),
            Block::Notice(t) => o.push_str(&format!(
                "#block(fill: rgb(\"#fff4ce\"), inset: 8pt, width: 100%)[#{}]\n",
                lit(t)
            )),
            Block::List(items) => {
                let items: Vec<String> = items.iter().map(|i| spans(i)).collect();
                o.push_str(&format!("#list({})\n", items.join(", ")));
            }
            Block::Table {
                caption,
                header,
                numeric,
                rows,
            } => {
                let n = header.len();
                let columns = if n > 4 {
                    let mut c = vec!["2.2fr".to_string()];
                    c.extend((1..n).map(|_| "1fr".to_string()));
                    c.join(", ")
                } else if n == 3 {
                    "auto, 2fr, 2fr".to_string()
                } else {
                    (0..n)
                        .map(|i| if i == 1 { "2fr" } else { "1fr" })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let align: Vec<&str> = numeric
                    .iter()
                    .map(|x| if *x { "right" } else { "left" })
                    .collect();
                let head: Vec<String> = header
                    .iter()
                    .map(|h| format!("strong({})", lit(h)))
                    .collect();
                let mut cells = Vec::new();
                for r in rows {
                    for c in r {
                        cells.push(if c.strong {
                            format!("strong({})", lit(&c.text))
                        } else {
                            lit(&c.text)
                        });
                    }
                }
                o.push_str(&format!(
                    "#figure(kind: table, caption: {}, table(columns: ({},), align: ({},), table.header({}), {}))\n",
                    lit(caption),
                    columns,
                    align.join(", "),
                    head.join(", "),
                    cells.join(", ")
                ));
            }
            Block::Chart { id, svg, caption } => {
                let safe: String = id
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let path = format!("/charts/{safe}.svg");
                o.push_str(&format!(
                    "#figure(kind: image, caption: {}, image({}, width: 100%))\n",
                    lit(caption),
                    lit(&path)
                ));
                charts.push((path, svg.clone()));
            }
        }
    }
    (o, charts)
}

/// Errors from making the PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The typst compiler refused the generated document (a bug in this crate).
    #[error("the PDF could not be laid out: {0}")]
    Compile(String),
    /// The PDF writer failed.
    #[error("the PDF could not be written: {0}")]
    Export(String),
}

/// Renders the document as a PDF (A4, page numbers, table of contents, title and the language
/// `lang` in the metadata). `created` becomes the PDF's creation date; everything else is a
/// function of the input.
pub fn render(
    lang: Lang,
    title: &str,
    author: &str,
    blocks: &[Block],
    created: Option<time::OffsetDateTime>,
) -> Result<Vec<u8>, PdfError> {
    let (src, charts) = typst_source(lang, title, author, blocks);
    let main = Source::new(file_id("/report.typ"), src);
    let files = charts
        .into_iter()
        .map(|(p, svg)| (file_id(&p), Bytes::from_string(svg)))
        .collect();
    let world = ReportWorld { main, files };
    let warned = typst::compile::<PagedDocument>(&world);
    let doc = warned.output.map_err(|errs| {
        PdfError::Compile(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let timestamp = created.and_then(|t| {
        Datetime::from_ymd_hms(
            t.year(),
            t.month() as u8,
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
        )
        .map(typst_pdf::Timestamp::new_utc)
    });
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(title.to_string()),
        timestamp,
        ..Default::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errs| {
        PdfError::Export(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
