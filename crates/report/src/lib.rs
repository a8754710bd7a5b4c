//! The council report (*status for måloppnåelse*), generated from the data.
//!
//! The caller assembles a [`ReportInput`] (the plan, indicator years with judgements, actions,
//! rankings, register facts, sources); [`doc::build`] turns it into one document tree; and the
//! backends render that tree as a self-contained HTML file ([`html`]), Markdown ([`markdown`]) or
//! an A4 PDF made in-process with typst ([`pdf`]) or a Word document ([`docx`]). Numbers use Norwegian formatting (`96 088`,
//! `41,9 %`). The report's own words come from the translation files (`i18n`) in the report's
//! language ([`ReportInput::lang`]: bokmål, nynorsk or English); the plan's texts stay as written
//! and, in HTML, carry a `lang` attribute where they differ from the report's. HTML and Markdown are deterministic for the same input; the PDF differs at most in
//! its creation date.

pub mod chart;
pub mod doc;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod model;
pub mod pdf;

pub use model::*;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file.
    Html,
    /// Markdown.
    Markdown,
    /// PDF (A4).
    Pdf,
    /// Word (DOCX), for the case-handling system.
    Docx,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The PDF backend failed.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The DOCX backend failed.
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
}

/// Renders the report. `created` is the PDF creation date (ignored by HTML and Markdown).
pub fn render(
    input: &ReportInput,
    format: Format,
    created: Option<time::OffsetDateTime>,
) -> Result<Vec<u8>, RenderError> {
    let blocks = doc::build(input);
    let title = input.title();
    let lang = input.lang;
    let organisation = i18n::tr_args(
        lang,
        "rpt-municipality",
        &[(
            "name",
            i18n::Value::from(input.plan.meta.municipality_name.as_str()),
        )],
    );
    Ok(match format {
        Format::Html => html::render(lang, &title, &blocks).into_bytes(),
        Format::Markdown => markdown::render(lang, &blocks).into_bytes(),
        Format::Pdf => pdf::render(lang, &title, &organisation, &blocks, created)?,
        Format::Docx => docx::render(lang, &title, &organisation, &blocks)?,
    })
}
