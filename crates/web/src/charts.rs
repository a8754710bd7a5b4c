//! Charts as inline SVG, written by hand.
//!
//! Why by hand: a sparkline and a results-vs-ambitions chart are a few lines and dots; hand-made
//! SVG needs no JavaScript, scales, and is styled by classes from the stylesheet (the CSP forbids
//! inline `style` attributes, so only SVG presentation attributes and classes are used). Each
//! chart is `role="img"` with a text alternative; the same numbers are always in a table nearby.

use maud::{Markup, html};
use plan::Lang;

use crate::indicators::{IndicatorView, inverted};
use crate::layout::t;

struct Scale {
    min: f64,
    max: f64,
    invert: bool,
    top: f64,
    bottom: f64,
}

impl Scale {
    fn new(values: impl Iterator<Item = f64>, invert: bool, top: f64, bottom: f64) -> Scale {
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values {
            min = min.min(v);
            max = max.max(v);
        }
        if !min.is_finite() {
            (min, max) = (0.0, 1.0);
        }
        if (max - min).abs() < 1e-9 {
            min -= 1.0;
            max += 1.0;
        }
        let pad = (max - min) * 0.1;
        Scale {
            min: min - pad,
            max: max + pad,
            invert,
            top,
            bottom,
        }
    }

    fn y(&self, v: f64) -> f64 {
        let f = (v - self.min) / (self.max - self.min);
        let f = if self.invert { f } else { 1.0 - f };
        self.top + f * (self.bottom - self.top)
    }
}

fn r1(x: f64) -> String {
    format!("{x:.1}")
}

/// A small line of the results (and dots for ambitions), for the indicator cards.
pub fn sparkline(v: &IndicatorView, lang: Lang) -> Markup {
    let (w, h) = (160.0, 40.0);
    let n = v.years.len().max(2) as f64;
    let x = |i: usize| 4.0 + i as f64 * (w - 8.0) / (n - 1.0);
    let all = v.years.iter().flat_map(|y| {
        y.result
            .as_ref()
            .map(|r| r.value)
            .into_iter()
            .chain(y.ambition)
    });
    let s = Scale::new(all, inverted(v.indicator), 4.0, h - 4.0);
    let points: Vec<String> = v
        .years
        .iter()
        .enumerate()
        .filter_map(|(i, y)| {
            y.result
                .as_ref()
                .map(|r| format!("{},{}", r1(x(i)), r1(s.y(r.value))))
        })
        .collect();
    let label = t(
        lang,
        "Små-graf over resultater (linje) og ambisjoner (sirkler) per år; tallene står i tabellen på indikatorsiden.",
        "Small chart of results (line) and ambitions (circles) by year; the figures are in the table on the indicator page.",
    );
    html! {
        svg class="sparkline" viewBox=(format!("0 0 {w} {h}")) width="160" height="40" role="img" aria-label=(label) {
            polyline class="res" points=(points.join(" ")) fill="none" stroke-width="2" {}
            @for (i, y) in v.years.iter().enumerate() {
                @if let Some(r) = &y.result {
                    circle class="res-dot" cx=(r1(x(i))) cy=(r1(s.y(r.value))) r="2.5" {}
                }
                @if let Some(a) = y.ambition {
                    circle class="amb" cx=(r1(x(i))) cy=(r1(s.y(a))) r="3" fill="none" stroke-width="1.5" {}
                }
            }
        }
    }
}

/// Results against ambitions by year, with axes and labels.
pub fn chart(v: &IndicatorView, lang: Lang) -> Markup {
    let (w, h) = (640.0, 300.0);
    let (left, right, top, bottom) = (64.0, 16.0, 16.0, h - 48.0);
    let n = v.years.len().max(2) as f64;
    let x = |i: usize| left + 16.0 + i as f64 * (w - left - right - 32.0) / (n - 1.0);
    let all = v.years.iter().flat_map(|y| {
        y.result
            .as_ref()
            .map(|r| r.value)
            .into_iter()
            .chain(y.ambition)
    });
    let s = Scale::new(all, inverted(v.indicator), top, bottom);
    let unit = v.indicator.unit;
    let ticks: Vec<f64> = (0..=4)
        .map(|k| s.min + (s.max - s.min) * f64::from(k) / 4.0)
        .collect();
    let res: Vec<String> = v
        .years
        .iter()
        .enumerate()
        .filter_map(|(i, y)| {
            y.result
                .as_ref()
                .map(|r| format!("{},{}", r1(x(i)), r1(s.y(r.value))))
        })
        .collect();
    let amb: Vec<String> = v
        .years
        .iter()
        .enumerate()
        .filter_map(|(i, y)| y.ambition.map(|a| format!("{},{}", r1(x(i)), r1(s.y(a)))))
        .collect();
    let id = format!("chart-{}", v.indicator.id);
    html! {
        figure class="chart" {
            svg viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby=(format!("{id}-title {id}-desc")) {
                title id=(format!("{id}-title")) { (v.indicator.name.get(lang)) }
                desc id=(format!("{id}-desc")) {
                    (t(lang, "Resultater (heltrukken linje) og ambisjoner (stiplet) per år. ", "Results (solid line) and ambitions (dashed) by year. "))
                    @for y in &v.years {
                        @if let Some(r) = &y.result { (y.year) ": " (plan::fmt::value(r.value, unit)) ". " }
                        @if let Some(a) = y.ambition { (y.year) " " (t(lang, "ambisjon", "ambition")) ": " (plan::fmt::value(a, unit)) ". " }
                    }
                }
                @for tk in &ticks {
                    line class="grid" x1=(left) x2=(w - right) y1=(r1(s.y(*tk))) y2=(r1(s.y(*tk))) stroke-width="1" {}
                    text class="tick" x=(left - 6.0) y=(r1(s.y(*tk) + 4.0)) text-anchor="end" { (plan::fmt::bare(*tk, unit)) }
                }
                line class="axis" x1=(left) x2=(w - right) y1=(bottom) y2=(bottom) stroke-width="1" {}
                @for (i, y) in v.years.iter().enumerate() {
                    text class="tick" x=(r1(x(i))) y=(bottom + 20.0) text-anchor="middle" { (y.year) }
                }
                @if amb.len() > 1 {
                    polyline class="amb-line" points=(amb.join(" ")) fill="none" stroke-width="2" stroke-dasharray="6 4" {}
                }
                @if res.len() > 1 {
                    polyline class="res" points=(res.join(" ")) fill="none" stroke-width="3" {}
                }
                @for (i, y) in v.years.iter().enumerate() {
                    @if let Some(a) = y.ambition {
                        circle class="amb" cx=(r1(x(i))) cy=(r1(s.y(a))) r="5" fill="none" stroke-width="2" {}
                    }
                    @if let Some(r) = &y.result {
                        circle class="res-dot" cx=(r1(x(i))) cy=(r1(s.y(r.value))) r="5" {}
                    }
                }
            }
            figcaption {
                span class="key key-res" aria-hidden="true" {} " " (t(lang, "Resultat", "Result")) " "
                span class="key key-amb" aria-hidden="true" {} " " (t(lang, "Ambisjon", "Ambition"))
                @if inverted(v.indicator) { " " (t(lang, "(plass 1 øverst)", "(rank 1 at the top)")) }
            }
        }
    }
}

/// A progress bar with its number as text (native `<progress>`, accessible without SVG).
pub fn progress_bar(percent: Option<f64>, label: &str, lang: Lang) -> Markup {
    match percent {
        Some(p) => {
            let p = p.clamp(0.0, 100.0);
            html! {
                span class="bar" {
                    progress value=(format!("{p:.0}")) max="100" aria-label=(label) { (format!("{p:.0}")) " %" }
                    " " span class="num" { (plan::fmt::number(p, 0)) "\u{a0}%" }
                }
            }
        }
        None => html! { span class="muted" { (t(lang, "ingen tiltak", "no actions")) } },
    }
}
