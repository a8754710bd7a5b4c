//! The Markdown report (for pasting into case documents; charts are left out, tables kept).

use i18n::{Lang, Value, tr, tr_args};

use crate::doc::{Block, Span};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

fn spans(s: &[Span]) -> String {
    s.iter()
        .map(|x| {
            if x.strong {
                format!("**{}**", esc(&x.text))
            } else {
                esc(&x.text)
            }
        })
        .collect()
}

/// Renders the document as Markdown, its own words in `lang`.
pub fn render(lang: Lang, blocks: &[Block]) -> String {
    let mut o = String::new();
    for b in blocks {
        match b {
            Block::Front { title, lines } => {
                o.push_str(&format!("# {}\n\n", esc(title)));
                for l in lines {
                    o.push_str(&format!("{}\n\n", esc(l)));
                }
            }
            Block::Toc => {
                o.push_str(&format!("## {}\n\n", tr(lang, "rpt-contents")));
                for b in blocks {
                    if let Block::Heading {
                        level: 1, text, id, ..
                    } = b
                    {
                        o.push_str(&format!("- [{}](#{})\n", esc(text), id));
                    }
                }
                o.push('\n');
            }
            Block::Heading {
                level, text, id, ..
            } => {
                o.push_str(&format!(
                    "{} {} {{#{}}}\n\n",
                    "#".repeat(usize::from(*level) + 1),
                    esc(text),
                    id
                ));
            }
            Block::Para(s) => o.push_str(&format!("{}\n\n", spans(s))),
            Block::Notice(t) => o.push_str(&format!("> {}\n\n", esc(t))),
            Block::List(items) => {
                for i in items {
                    o.push_str(&format!("- {}\n", spans(i)));
                }
                o.push('\n');
            }
            Block::Table {
                caption,
                header,
                numeric,
                rows,
            } => {
                o.push_str(&format!("*{}*\n\n", esc(caption)));
                o.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| esc(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                o.push_str(&format!(
                    "|{}|\n",
                    numeric
                        .iter()
                        .map(|n| if *n { "---:" } else { "---" })
                        .collect::<Vec<_>>()
                        .join("|")
                ));
                for r in rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| {
                            if c.strong {
                                format!("**{}**", esc(&c.text))
                            } else {
                                esc(&c.text)
                            }
                        })
                        .collect();
                    o.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                o.push('\n');
            }
            Block::Chart { caption, .. } => o.push_str(&format!(
                "*{}* {}\n\n",
                esc(&tr_args(
                    lang,
                    "rpt-figure",
                    &[("caption", Value::from(caption.as_str()))]
                )),
                tr(lang, "rpt-see-html-pdf")
            )),
        }
    }
    o
}
