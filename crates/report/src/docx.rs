//! The report as a Word document (DOCX), for the municipality's case-handling system (Elements,
//! Public 360, ePhorte take council documents as Word files), written with `docx-rs`.
//!
//! The same document tree as the other formats: headings as Word's own heading styles (so a
//! *saksframlegg* can take them over and Word's table of contents finds them), real tables with a
//! bold header row, bulleted lists, the charts as PNG images (the SVG rasterised with `resvg`,
//! text in DejaVu Sans as in the PDF) and page numbers in the footer.

use docx_rs::{
    AlignmentType, Docx, Footer, PageNum, Paragraph, Pic, Run, RunFonts, Style, StyleType, Table,
    TableCell, TableOfContents, TableRow, WidthType,
};
use resvg::{tiny_skia, usvg};

use i18n::{Lang, tr};

use crate::doc::{Block, Cell, Span};

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The writer failed.
    #[error("kunne ikke skrive Word-dokumentet: {0}")]
    Write(String),
}

/// Width of the text area of an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: usize = 9_026;
/// EMUs per pixel at 96 dpi.
const EMU_PER_PX: u32 = 9_525;

fn runs(p: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(p, |p, s| {
        let r = Run::new().add_text(&s.text);
        p.add_run(if s.strong { r.bold() } else { r })
    })
}

fn cell(c: &Cell, header: bool, right: bool) -> TableCell {
    let r = Run::new().add_text(&c.text);
    let r = if c.strong || header { r.bold() } else { r };
    let p = Paragraph::new().add_run(r);
    let p = if right {
        p.align(AlignmentType::Right)
    } else {
        p
    };
    TableCell::new().add_paragraph(p)
}

/// A chart's SVG as a PNG, at twice its size for print; `None` when it cannot be drawn.
fn png(svg: &str) -> Option<(Vec<u8>, u32, u32)> {
    let mut opt = usvg::Options::default();
    // Regular and bold, the PDF writer's copies: each font is in the binary once.
    for f in &crate::pdf::DEJAVU[..2] {
        opt.fontdb_mut().load_font_data(f.to_vec());
    }
    opt.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = usvg::Tree::from_str(svg, &opt).ok()?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new(w * 2, h * 2)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    Some((pixmap.encode_png().ok()?, w, h))
}

fn heading_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .bold()
        .size(size)
}

/// Renders the document tree as DOCX bytes.
pub fn render(
    lang: Lang,
    title: &str,
    organisation: &str,
    blocks: &[Block],
) -> Result<Vec<u8>, DocxError> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(format!(
                "{organisation} · {title} · {} ",
                tr(lang, "rpt-page-lower")
            )))
            .add_page_num(PageNum::new()),
    );
    let mut d = Docx::new()
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_size(22)
        .add_style(heading_style("Title", "Title", 48))
        // Word recognises its built-in heading styles by these names.
        .add_style(heading_style("Heading1", "heading 1", 32))
        .add_style(heading_style("Heading2", "heading 2", 26))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .italic()
                .size(20),
        )
        .footer(footer);
    for b in blocks {
        match b {
            Block::Front { title, lines } => {
                d = d.add_paragraph(
                    Paragraph::new()
                        .style("Title")
                        .add_run(Run::new().add_text(title)),
                );
                for l in lines {
                    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(l)));
                }
            }
            Block::Toc => {
                d = d.add_table_of_contents(
                    TableOfContents::new()
                        .heading_styles_range(1, 2)
                        .alias(tr(lang, "rpt-contents")),
                );
            }
            Block::Heading { level, text, .. } => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                d = d.add_paragraph(
                    Paragraph::new()
                        .style(style)
                        .add_run(Run::new().add_text(text)),
                );
            }
            Block::Para(spans) => d = d.add_paragraph(runs(Paragraph::new(), spans)),
            Block::Notice(t) => {
                d = d.add_paragraph(
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(format!("{}: ", tr(lang, "rpt-note")))
                                .bold(),
                        )
                        .add_run(Run::new().add_text(t)),
                );
            }
            Block::List(items) => {
                for i in items {
                    d = d.add_paragraph(runs(
                        Paragraph::new()
                            .indent(
                                Some(360),
                                Some(docx_rs::SpecialIndentType::Hanging(360)),
                                None,
                                None,
                            )
                            .add_run(Run::new().add_text("•\t")),
                        i,
                    ));
                }
            }
            Block::Table {
                caption,
                header,
                numeric,
                rows,
            } => {
                d = d.add_paragraph(
                    Paragraph::new()
                        .style("Caption")
                        .add_run(Run::new().add_text(caption)),
                );
                let right = |k: usize| numeric.get(k).copied().unwrap_or(false);
                let mut trs = vec![TableRow::new(
                    header
                        .iter()
                        .enumerate()
                        .map(|(k, h)| {
                            cell(
                                &Cell {
                                    text: h.clone(),
                                    strong: true,
                                    lang: None,
                                },
                                true,
                                right(k),
                            )
                        })
                        .collect(),
                )];
                for r in rows {
                    trs.push(TableRow::new(
                        r.iter()
                            .enumerate()
                            .map(|(k, c)| cell(c, false, right(k)))
                            .collect(),
                    ));
                }
                d = d.add_table(Table::new(trs).width(TEXT_WIDTH_TWIPS, WidthType::Dxa));
                d = d.add_paragraph(Paragraph::new());
            }
            Block::Chart { svg, caption, .. } => {
                if let Some((bytes, w, h)) = png(svg) {
                    // Fit the text width (about 630 px at 96 dpi).
                    let scale = (630.0 / f64::from(w)).min(1.0);
                    let (ew, eh) = (
                        (f64::from(w) * scale) as u32 * EMU_PER_PX,
                        (f64::from(h) * scale) as u32 * EMU_PER_PX,
                    );
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_image(Pic::new(&bytes).size(ew, eh))),
                    );
                }
                d = d.add_paragraph(
                    Paragraph::new()
                        .style("Caption")
                        .add_run(Run::new().add_text(format!("Figur: {caption}"))),
                );
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(out.into_inner())
}
