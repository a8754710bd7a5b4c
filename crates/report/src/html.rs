//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
//! resources), readable on a phone. maud escapes every text; only our own generated SVG is
//! inserted unescaped.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use i18n::{Lang, tr};

use crate::doc::{Block, Span};

const CSS: &str = r#"
body{font-family:"DejaVu Sans",system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5}
h1{font-size:1.5rem;border-bottom:2px solid #00507d;margin-top:2.5rem}h2{font-size:1.2rem;margin-top:2rem}
.front{border-left:6px solid #00507d;padding:1rem 1.5rem;margin:1rem 0 2rem}.front h1{border:0;font-size:1.9rem;margin:0 0 1rem}
.notice{background:#fff4ce;border:1px solid #7a5200;padding:.5rem 1rem}
.tw{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.92rem}
caption{text-align:left;color:#4a4a4a;padding:.3rem 0}th,td{border-bottom:1px solid #c8c8c8;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f2f5f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}svg{max-width:100%;height:auto}figcaption{color:#4a4a4a;font-size:.9rem}
nav.toc ol{padding-left:1.2rem}
"#;

fn spans(s: &[Span]) -> Markup {
    html! {
        @for x in s {
            @if let Some(l) = x.lang {
                @if x.strong { strong lang=(l.code()) { (x.text) } } @else { span lang=(l.code()) { (x.text) } }
            } @else {
                @if x.strong { strong { (x.text) } } @else { (x.text) }
            }
        }
    }
}

/// Renders the document as one HTML file in `lang` (the plan's own texts marked with theirs).
pub fn render(lang: Lang, title: &str, blocks: &[Block]) -> String {
    let toc: Vec<(&str, &str)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 1, text, id, ..
            } => Some((id.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main {
                    @for b in blocks {
                        @match b {
                            Block::Front { title, lines } => {
                                header class="front" {
                                    h1 { (title) }
                                    @for l in lines {
                                        @if l.contains("SYNTETISKE") { p class="notice" { (l) } } @else { p { (l) } }
                                    }
                                }
                            }
                            Block::Toc => {
                                nav class="toc" aria-label=(tr(lang, "rpt-contents")) {
                                    h2 { (tr(lang, "rpt-contents")) }
                                    ol { @for (id, text) in &toc { li { a href=(format!("#{id}")) { (text) } } } }
                                }
                            }
                            Block::Heading { level, text, id, lang: text_lang } => {
                                @let text_lang = text_lang.map(Lang::code);
                                @if *level == 1 { h1 id=(id) lang=[text_lang] { (text) } } @else { h2 id=(id) lang=[text_lang] { (text) } }
                            }
                            Block::Para(s) => p { (spans(s)) },
                            Block::Notice(t) => p class="notice" { (t) },
                            Block::List(items) => ul { @for i in items { li { (spans(i)) } } },
                            Block::Table { caption, header, numeric, rows } => {
                                div class="tw" {
                                    table {
                                        caption { (caption) }
                                        thead { tr { @for h in header { th scope="col" { (h) } } } }
                                        tbody {
                                            @for row in rows {
                                                tr {
                                                    @for (n, c) in row.iter().enumerate() {
                                                        td class=[numeric.get(n).copied().unwrap_or(false).then_some("n")] lang=[c.lang.map(Lang::code)] {
                                                            @if c.strong { strong { (c.text) } } @else { (c.text) }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            Block::Chart { svg, caption, .. } => {
                                figure {
                                    (PreEscaped(svg))
                                    figcaption { (caption) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}
