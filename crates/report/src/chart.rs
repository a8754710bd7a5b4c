//! One SVG chart per indicator: results (dots and lines, one series per kind of source — plan
//! quote, published, computed from real data, demo — never joined across sources) against
//! ambitions (hollow squares, dashed line) by year. Written by hand: small, deterministic, styled with presentation
//! attributes only (no `style`, so it passes a strict CSP and renders in typst).

use std::fmt::Write;

use i18n::{Lang, Value, tr, tr_args};
use plan::Unit;

use crate::model::{IndicatorView, SourceKind};

const W: f64 = 560.0;
const H: f64 = 220.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart as a standalone SVG document (with `<title>` and `<desc>` for screen readers), its
/// words in `lang`.
pub fn indicator_svg(ind: &IndicatorView, lang: Lang) -> String {
    let years: Vec<i32> = ind.years.iter().map(|y| y.year).collect();
    // One series per kind of source, each year's value of that kind.
    let series: Vec<(SourceKind, Vec<(i32, f64)>)> = SourceKind::ALL
        .into_iter()
        .map(|k| {
            let pts: Vec<(i32, f64)> = ind
                .years
                .iter()
                .filter_map(|y| {
                    y.all_values()
                        .find(|v| v.kind == k)
                        .map(|v| (y.year, v.value))
                })
                .collect();
            (k, pts)
        })
        .filter(|(_, pts)| !pts.is_empty())
        .collect();
    let results: Vec<(i32, f64)> = series.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    let ambitions: Vec<(i32, f64)> = ind
        .years
        .iter()
        .filter_map(|y| y.ambition.map(|a| (y.year, a)))
        .collect();
    let all: Vec<f64> = results
        .iter()
        .chain(ambitions.iter())
        .map(|(_, v)| *v)
        .collect();
    let (mut lo, mut hi) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    if !lo.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    if ind.unit == Unit::Rank {
        lo = 1.0_f64.min(lo);
    } else if lo > 0.0 && lo < hi * 0.5 {
        lo = 0.0;
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.1;
    let (lo, hi) = (
        if ind.unit == Unit::Rank {
            lo.max(1.0) - pad.min(0.5)
        } else {
            lo - pad
        },
        hi + pad,
    );
    let n = years.len().max(2) as f64;
    let x = |year: i32| {
        let i = years.iter().position(|y| *y == year).unwrap_or(0) as f64;
        LEFT + i * (W - LEFT - RIGHT) / (n - 1.0)
    };
    // Ranks: 1 is best and drawn at the top.
    let y = |v: f64| {
        let t = (v - lo) / (hi - lo);
        if ind.unit == Unit::Rank {
            TOP + t * (H - TOP - BOTTOM)
        } else {
            H - BOTTOM - t * (H - TOP - BOTTOM)
        }
    };
    let fmt = |v: f64| plan::fmt::value(v, ind.unit).replace(plan::fmt::NBSP, " ");

    let mut s = String::new();
    let results = if series.is_empty() {
        tr(lang, "rpt-none")
    } else {
        series
            .iter()
            .map(|(k, pts)| {
                format!(
                    "{}: {}",
                    k.label(lang),
                    pts.iter()
                        .map(|(yr, v)| format!("{yr} {}", fmt(*v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let ambitions_text = if ambitions.is_empty() {
        tr(lang, "rpt-none")
    } else {
        ambitions
            .iter()
            .map(|(yr, v)| format!("{yr} {}{}", ind.ambition_op, fmt(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let desc = tr_args(
        lang,
        "rpt-chart-desc",
        &[
            ("results", Value::from(results)),
            ("ambitions", Value::from(ambitions_text)),
        ],
    );
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="t-{id} d-{id}"><title id="t-{id}">{title}</title><desc id="d-{id}">{desc}</desc>"#,
        id = esc(&ind.id),
        title = esc(&ind.name),
        desc = esc(&desc),
    );
    // Axes and gridlines with labels.
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-width="1"/>"##,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
    // Ranks: whole, distinct places (1, 2, 5 or 10 apart), never a repeated label; other
    // units: five evenly spaced values.
    let ticks: Vec<f64> = if ind.unit == Unit::Rank {
        rank_ticks(lo, hi)
    } else {
        (0..=4)
            .map(|k| lo + (hi - lo) * f64::from(k) / 4.0)
            .collect()
    };
    if ind.unit == Unit::Rank {
        let _ = write!(
            s,
            r##"<text x="{LEFT}" y="{:.1}" font-size="11" fill="#333" font-family="DejaVu Sans, sans-serif">{}</text>"##,
            TOP - 6.0,
            esc(&tr(lang, "rpt-chart-rank-axis"))
        );
    }
    for v in ticks {
        let yy = y(v);
        let label = if ind.unit == Unit::Rank {
            format!("{}.", v.round())
        } else {
            plan::fmt::number_auto((v * 10.0).round() / 10.0, 1).replace(plan::fmt::NBSP, " ")
        };
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#ddd" stroke-width="1"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#333" font-family="DejaVu Sans, sans-serif">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            esc(&label)
        );
    }
    for yr in &years {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#333" font-family="DejaVu Sans, sans-serif">{yr}</text>"##,
            x(*yr),
            H - BOTTOM + 16.0
        );
    }
    // Ambitions: dashed line, hollow squares.
    if ambitions.len() > 1 {
        let pts: Vec<String> = ambitions
            .iter()
            .map(|(yr, v)| format!("{:.1},{:.1}", x(*yr), y(*v)))
            .collect();
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#7a5200" stroke-width="2" stroke-dasharray="6 4"/>"##,
            pts.join(" ")
        );
    }
    for (yr, v) in &ambitions {
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="8" height="8" fill="#fff" stroke="#7a5200" stroke-width="2"/>"##,
            x(*yr) - 4.0,
            y(*v) - 4.0
        );
    }
    // Results: per source, a line across consecutive years and dots; demo dotted and hollow.
    let style = |k: SourceKind| match k {
        SourceKind::PlanQuote => ("#4a4a4a", ""),
        SourceKind::Published => ("#00507d", ""),
        SourceKind::Computed => ("#1b6e20", ""),
        SourceKind::Demo => ("#b35c00", r#" stroke-dasharray="2 4""#),
    };
    for (k, pts) in &series {
        let (colour, dash) = style(*k);
        for w in pts.windows(2) {
            let (y0, v0) = w[0];
            let (y1, v1) = w[1];
            let consecutive = years.iter().position(|y| *y == y1)
                == years.iter().position(|y| *y == y0).map(|p| p + 1);
            if consecutive {
                let _ = write!(
                    s,
                    r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2.5"{dash}/>"##,
                    x(y0),
                    y(v0),
                    x(y1),
                    y(v1)
                );
            }
        }
        for (yr, v) in pts {
            if *k == SourceKind::Demo {
                let _ = write!(
                    s,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#fff" stroke="{colour}" stroke-width="2"/>"##,
                    x(*yr),
                    y(*v)
                );
            } else {
                let _ = write!(
                    s,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{colour}"/>"##,
                    x(*yr),
                    y(*v)
                );
            }
        }
    }
    // Legend: one entry per source shown, then the ambition.
    let ly = H - 8.0;
    let mut lx = LEFT;
    for (k, _) in &series {
        let (colour, _) = style(*k);
        let label = esc(&tr(
            lang,
            match k {
                SourceKind::Demo => "rpt-legend-demo",
                SourceKind::PlanQuote => "rpt-legend-plan",
                SourceKind::Published => "rpt-legend-published",
                SourceKind::Computed => "rpt-legend-computed",
            },
        ));
        let _ = write!(
            s,
            r##"<circle cx="{lx:.1}" cy="{:.1}" r="4.5" fill="{colour}"/><text x="{:.1}" y="{ly}" font-size="11" fill="#333" font-family="DejaVu Sans, sans-serif">{label}</text>"##,
            ly - 4.0,
            lx + 8.0,
        );
        lx += 16.0 + 6.5 * label.chars().count() as f64;
    }
    let _ = write!(
        s,
        r##"<rect x="{:.1}" y="{:.1}" width="8" height="8" fill="#fff" stroke="#7a5200" stroke-width="2"/><text x="{:.1}" y="{ly}" font-size="11" fill="#333" font-family="DejaVu Sans, sans-serif">{}</text>"##,
        lx - 4.0,
        ly - 8.0,
        lx + 8.0,
        esc(&tr_args(
            lang,
            "rpt-legend-ambition",
            &[("op", Value::from(ind.ambition_op.as_str()))]
        ))
    );
    s.push_str("</svg>");
    s
}

/// Whole places between `lo` and `hi` for a rank axis: a step of 1, 2, 5, 10, 20, 50 … so that
/// there are at most six, each label once.
fn rank_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let first = lo.ceil().max(1.0);
    let last = hi.floor().max(first);
    let span = last - first;
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .into_iter()
        .find(|st| span / st <= 5.0)
        .unwrap_or(100.0);
    let mut v = (first / step).ceil() * step;
    let mut out = Vec::new();
    if first < v {
        out.push(first);
    }
    while v <= last {
        out.push(v);
        v += step;
    }
    out
}

#[cfg(test)]
mod rank_axis_tests {
    #[test]
    fn rank_ticks_are_whole_distinct_and_few() {
        assert_eq!(super::rank_ticks(0.5, 13.4), [1.0, 5.0, 10.0]);
        assert_eq!(super::rank_ticks(1.6, 4.3), [2.0, 3.0, 4.0]);
        let t = super::rank_ticks(1.0, 356.0);
        assert!(t.len() <= 7 && t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
    }
}
