//! Charts as inline SVG, written by hand.
//!
//! Why by hand: a sparkline and a results-vs-ambitions chart are a few lines and dots; hand-made
//! SVG needs no JavaScript, scales, and is styled by classes from the stylesheet (the CSP forbids
//! inline `style` attributes, so only SVG presentation attributes and classes are used). Each
//! chart is `role="img"` with a text alternative; the same numbers are always in a table nearby.

use maud::{Markup, html};
use plan::Lang;

use engine::Source;

use crate::indicators::{IndicatorView, inverted};
use crate::layout::tr;

struct Scale {
    min: f64,
    max: f64,
    invert: bool,
    top: f64,
    bottom: f64,
}

impl Scale {
    /// A scale over the values, widened to whole "nice" steps (1, 2 or 5 × 10ⁿ; at least 1 for
    /// integer units such as ranks), with the tick values.
    fn new(
        values: impl Iterator<Item = f64>,
        invert: bool,
        integer: bool,
        top: f64,
        bottom: f64,
    ) -> (Scale, Vec<f64>) {
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values {
            min = min.min(v);
            max = max.max(v);
        }
        if !min.is_finite() {
            (min, max) = (0.0, 1.0);
        }
        let span = (max - min).max(if integer { 1.0 } else { 1e-9 });
        let raw = span / 4.0;
        let mag = 10f64.powf(raw.log10().floor());
        let n = raw / mag;
        let mut step = mag
            * if n <= 1.0 {
                1.0
            } else if n <= 2.0 {
                2.0
            } else if n <= 5.0 {
                5.0
            } else {
                10.0
            };
        if integer {
            step = step.max(1.0).round();
        }
        let mut lo = (min / step).floor() * step;
        let mut hi = (max / step).ceil() * step;
        if hi - lo < step * 0.5 {
            lo -= step;
            hi += step;
        }
        let mut ticks = Vec::new();
        let mut t = lo;
        while t <= hi + step * 1e-6 && ticks.len() < 12 {
            ticks.push(t);
            t += step;
        }
        (
            Scale {
                min: lo,
                max: hi,
                invert,
                top,
                bottom,
            },
            ticks,
        )
    }

    fn y(&self, v: f64) -> f64 {
        let f = (v - self.min) / (self.max - self.min);
        let f = if self.invert { f } else { 1.0 - f };
        self.top + f * (self.bottom - self.top)
    }
}

/// Whether the indicator's values are whole numbers (ranks, counts).
fn integer(v: &IndicatorView) -> bool {
    matches!(v.indicator.unit, plan::Unit::Rank | plan::Unit::Count)
}

fn r1(x: f64) -> String {
    format!("{x:.1}")
}

/// Every value of the chart's years grouped by source, in legend order: `(source, points)` with
/// `(index of the year, value)`. A source is its own series: a published series is never
/// continued by a computed one, and demo values never share a line with real ones.
fn series(v: &IndicatorView) -> Vec<(Source, Vec<(usize, f64)>)> {
    Source::ALL
        .into_iter()
        .map(|s| {
            let pts: Vec<(usize, f64)> = v
                .years
                .iter()
                .enumerate()
                .flat_map(|(i, y)| {
                    y.result
                        .iter()
                        .chain(y.also.iter())
                        .filter(move |o| o.source == s)
                        .map(move |o| (i, o.value))
                        .take(1)
                })
                .collect();
            (s, pts)
        })
        .filter(|(_, pts)| !pts.is_empty())
        .collect()
}

/// CSS class suffix of a source's series.
fn class(s: Source) -> &'static str {
    match s {
        Source::PlanQuote => "plan",
        Source::Published => "published",
        Source::Computed => "computed",
        Source::Demo => "demo",
    }
}

/// Legend text of a source's series.
fn legend(s: Source, lang: Lang) -> String {
    match s {
        Source::PlanQuote => tr(lang, "charts-quoted-in-the-plan"),
        Source::Published => tr(lang, "charts-published-e-g-nho"),
        Source::Computed => tr(lang, "charts-computed-from-real-data"),
        Source::Demo => tr(lang, "charts-demo-data-synthetic-not-judged"),
    }
}

/// A small chart of the values (one line per source) and dots for ambitions, for the cards.
pub fn sparkline(v: &IndicatorView, lang: Lang) -> Markup {
    let (w, h) = (160.0, 40.0);
    let n = v.years.len().max(2) as f64;
    let x = |i: usize| 4.0 + i as f64 * (w - 8.0) / (n - 1.0);
    let groups = series(v);
    let all = groups
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, v)| *v))
        .chain(v.years.iter().filter_map(|y| y.ambition))
        .collect::<Vec<_>>();
    let (s, _) = Scale::new(
        all.into_iter(),
        inverted(v.indicator),
        integer(v),
        4.0,
        h - 4.0,
    );
    let label = tr(lang, "charts-small-chart-of-results-one");
    html! {
        svg class="sparkline" viewBox=(format!("0 0 {w} {h}")) width="160" height="40" role="img" aria-label=(label) {
            @for (src, pts) in &groups {
                @if pts.len() > 1 {
                    polyline class=(format!("res res-{}", class(*src))) points=(pts.iter().map(|(i, v)| format!("{},{}", r1(x(*i)), r1(s.y(*v)))).collect::<Vec<_>>().join(" ")) fill="none" stroke-width="2" {}
                }
                @for (i, val) in pts {
                    circle class=(format!("res-dot res-dot-{}", class(*src))) cx=(r1(x(*i))) cy=(r1(s.y(*val))) r="2.5" {}
                }
            }
            @for (i, y) in v.years.iter().enumerate() {
                @if let Some(a) = y.ambition {
                    circle class="amb" cx=(r1(x(i))) cy=(r1(s.y(a))) r="3" fill="none" stroke-width="1.5" {}
                }
            }
        }
    }
}

/// The projection as a segment of the chart: `(index of the latest real year, its value — or the
/// average, for a projection by average — index of the year projected to, the projected value)`, when it rests on real data and both years
/// are on the chart. Never from demo values ([`engine::Projection::drawable`]).
fn projection_segment(v: &IndicatorView) -> Option<(usize, f64, usize, f64)> {
    let p = v.projection.as_ref().filter(|p| p.drawable())?;
    let (ly, lv) = p.latest?;
    let projected = p.projected?;
    let at = |year| v.years.iter().position(|y| y.year == year);
    // An average is level: drawn flat from the latest year, not as a slope from the last value.
    let start = match p.method {
        engine::projection::Method::Average => projected,
        _ => lv,
    };
    Some((at(ly)?, start, at(p.to_year)?, projected))
}

/// The font sizes (viewBox units) the stylesheet gives chart text (`svg .tick`) on a chart drawn
/// narrower than the given width in px (container queries on `figure.chart`), so that the text
/// is drawn at least 11 px high: a chart W px wide shows a unit as W / 640 px. Wider than the
/// first, 12 units.
const TICK_STEPS: [(u32, f64); 5] = [
    (590, 14.5),
    (500, 17.0),
    (420, 20.0),
    (360, 24.0),
    (300, 27.0),
];

/// The largest of [`TICK_STEPS`]' font sizes.
const MAX_TICK_FONT: f64 = 27.0;

/// The room (in viewBox units) a label of `chars` characters needs at font size `font`: a digit
/// or average letter is at most about 0.62 em wide, plus a margin.
fn text_width(chars: usize, font: f64) -> f64 {
    (chars as f64 * 0.62 * font + 8.0).round()
}

/// Results against ambitions by year, one series per source, with axes, labels and a legend;
/// the projection to the plan's last year as a dashed continuation of the latest real value.
pub fn chart(v: &IndicatorView, lang: Lang) -> Markup {
    let (w, h) = (640.0, 300.0);
    let groups = series(v);
    let proj = projection_segment(v);
    let all = groups
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, v)| *v))
        .chain(v.years.iter().filter_map(|y| y.ambition))
        .chain(proj.map(|(_, _, _, p)| p))
        .collect::<Vec<_>>();
    let (s, ticks) = Scale::new(
        all.into_iter(),
        inverted(v.indicator),
        integer(v),
        24.0,
        h - 48.0,
    );
    let unit = v.indicator.unit;
    // Room on the left for the longest tick label at the largest font the stylesheet gives it.
    let longest = ticks
        .iter()
        .map(|tk| plan::fmt::bare(*tk, unit).chars().count())
        .max()
        .unwrap_or(0);
    let (left, right, bottom) = (text_width(longest, MAX_TICK_FONT).max(64.0), 16.0, h - 48.0);
    let n = v.years.len().max(2) as f64;
    let x = |i: usize| left + 16.0 + i as f64 * (w - left - right - 32.0) / (n - 1.0);
    // Years closer than a year label's width at the font a narrow chart gets: every other year
    // (the last always shown) is hidden on a chart narrower than that step (`x-hide-{px}`).
    let spacing = (w - left - right - 32.0) / (n - 1.0);
    let hide = TICK_STEPS
        .iter()
        .find(|(_, font)| spacing < text_width(4, *font))
        .map(|(px, _)| format!("tick x-hide-{px}"));
    let last = v.years.len().saturating_sub(1);
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
                    (tr(lang, "charts-results-by-year-one-line"))
                    @for (src, pts) in &groups {
                        (legend(*src, lang)) ": "
                        @for (i, val) in pts { (v.years[*i].year) " " (plan::fmt::value(*val, unit)) "; " }
                        " "
                    }
                    @for y in &v.years {
                        @if let Some(a) = y.ambition { (y.year) " " (tr(lang, "charts-ambition")) ": " (plan::fmt::value(a, unit)) ". " }
                    }
                    @if let Some((_, _, j, p)) = proj {
                        (tr(lang, "charts-projected")) (v.years[j].year) ": " (plan::fmt::value(p, unit)) "."
                    }
                }
                @for tk in &ticks {
                    line class="grid" x1=(left) x2=(w - right) y1=(r1(s.y(*tk))) y2=(r1(s.y(*tk))) stroke-width="1" {}
                    text class="tick" x=(left - 6.0) y=(r1(s.y(*tk) + 4.0)) text-anchor="end" { (plan::fmt::bare(*tk, unit)) }
                }
                line class="axis" x1=(left) x2=(w - right) y1=(bottom) y2=(bottom) stroke-width="1" {}
                @for (i, y) in v.years.iter().enumerate() {
                    @let class = hide.as_deref().filter(|_| (last - i) % 2 == 1).unwrap_or("tick");
                    text class=(class) x=(r1(x(i))) y=(bottom + 22.0) text-anchor="middle" { (y.year) }
                }
                @if amb.len() > 1 {
                    polyline class="amb-line" points=(amb.join(" ")) fill="none" stroke-width="2" stroke-dasharray="6 4" {}
                }
                @for (src, pts) in &groups {
                    @if pts.len() > 1 {
                        polyline class=(format!("res res-{}", class(*src))) points=(pts.iter().map(|(i, v)| format!("{},{}", r1(x(*i)), r1(s.y(*v)))).collect::<Vec<_>>().join(" ")) fill="none" stroke-width="3" {}
                    }
                }
                @if let Some((i, lv, j, p)) = proj {
                    line class="proj-line" x1=(r1(x(i))) y1=(r1(s.y(lv))) x2=(r1(x(j))) y2=(r1(s.y(p))) stroke-width="2.5" stroke-dasharray="10 4 2 4" {}
                    rect class="proj-end" x=(r1(x(j) - 5.0)) y=(r1(s.y(p) - 5.0)) width="10" height="10" fill="none" stroke-width="2" {}
                }
                @for (i, y) in v.years.iter().enumerate() {
                    @if let Some(a) = y.ambition {
                        circle class="amb" cx=(r1(x(i))) cy=(r1(s.y(a))) r="5" fill="none" stroke-width="2" {}
                    }
                }
                @for (src, pts) in &groups {
                    @for (i, val) in pts {
                        circle class=(format!("res-dot res-dot-{}", class(*src))) cx=(r1(x(*i))) cy=(r1(s.y(*val))) r="5" {}
                    }
                }
            }
            figcaption {
                @for (src, _) in &groups {
                    span class=(format!("key key-{}", class(*src))) aria-hidden="true" {} " " (legend(*src, lang)) " "
                }
                span class="key key-amb" aria-hidden="true" {} " " (tr(lang, "charts-ambition-2"))
                @if proj.is_some() {
                    " " span class="key key-proj" aria-hidden="true" {} " " (tr(lang, "charts-projection-real-data"))
                }
                @if inverted(v.indicator) { " " (tr(lang, "charts-rank-1-at-the-top")) }
            }
        }
    }
}

/// The compared municipalities' real values in one year as horizontal bars (the plan's
/// municipality highlighted), for an indicator page's comparison. Demo values are never drawn;
/// the same numbers are in the table below it. `None` when fewer than two have a real value.
pub fn peer_bars(c: &app::compare::Comparison, year: plan::Year, lang: Lang) -> Option<Markup> {
    let rows: Vec<(&app::compare::PeerRow, f64)> = c
        .rows
        .iter()
        .filter_map(|r| {
            let v = c.value(&r.code, year)?;
            (!v.demo && v.value.is_finite()).then_some((r, v.value))
        })
        .collect();
    if rows.len() < 2 {
        return None;
    }
    let names = rows.iter().map(|(r, _)| r.name.chars().count()).max();
    let values = rows
        .iter()
        .map(|(_, v)| plan::fmt::value(*v, c.unit).chars().count())
        .max();
    let (w, row_h) = (640.0, 34.0);
    let label_w = (text_width(names.unwrap_or(0), MAX_TICK_FONT) + 8.0).max(150.0);
    let right = (text_width(values.unwrap_or(0), MAX_TICK_FONT) + 6.0).max(90.0);
    let h = rows.len() as f64 * row_h + 8.0;
    let lo = rows.iter().map(|(_, v)| *v).fold(0.0_f64, f64::min);
    let hi = rows.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let span = (hi - lo).max(1e-9);
    let x = |v: f64| label_w + (v - lo) / span * (w - label_w - right);
    let label = format!(
        "{} {year}: {}",
        tr(lang, "charts-real-values-by-municipality"),
        rows.iter()
            .map(|(r, v)| format!("{} {}", r.name, plan::fmt::value(*v, c.unit)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Some(html! {
        figure class="chart peers" {
            svg viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(label) {
                @for (n, (r, v)) in rows.iter().enumerate() {
                    @let y = 4.0 + n as f64 * row_h;
                    text class="tick" x=(label_w - 8.0) y=(r1(y + 17.0)) dominant-baseline="middle" text-anchor="end" { (r.name) }
                    rect class=(if r.plan_municipality { "peer-bar own" } else { "peer-bar" })
                        x=(r1(x(0.0).min(x(*v)))) y=(r1(y + 6.0)) width=(r1((x(*v) - x(0.0)).abs().max(1.0))) height=(r1(row_h - 12.0)) {}
                    text class="tick" x=(r1(x(0.0).max(x(*v)) + 6.0)) y=(r1(y + 17.0)) dominant-baseline="middle" { (plan::fmt::value(*v, c.unit)) }
                }
                line class="axis" x1=(r1(x(0.0))) x2=(r1(x(0.0))) y1="0" y2=(r1(h)) stroke-width="1" {}
            }
            figcaption { (tr(lang, "charts-real-values")) (year) (tr(lang, "charts-demo-data-is-not-drawn")) }
        }
    })
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
        None => html! { span class="muted" { (tr(lang, "charts-no-actions")) } },
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_TICK_FONT, Scale, TICK_STEPS, chart};

    /// Every step of the chart font keeps text at least 11 px down to the next step's width (the
    /// charts are 640 units wide), and the stylesheet has the same steps.
    #[test]
    fn chart_text_is_at_least_11px_at_every_step() {
        let mut font = 12.0;
        for (px, next) in TICK_STEPS {
            assert!(
                font * f64::from(px) / 640.0 >= 11.0,
                "{font} units at {px} px"
            );
            let rule = format!(
                "@container chart (max-width: {}.98px) {{ svg .tick {{ font-size: {next}px; }} svg .x-hide-{px} {{ display: none; }} }}",
                px - 1
            );
            assert!(crate::layout::STYLE.contains(&rule), "{rule}");
            font = next;
        }
        assert_eq!(font, MAX_TICK_FONT);
        assert!(font * 261.0 / 640.0 >= 11.0);
    }

    #[test]
    fn ticks_are_nice_and_whole_for_ranks() {
        let (_, t) = Scale::new([12.0, 13.0, 10.0].into_iter(), true, true, 0.0, 100.0);
        assert_eq!(t, [10.0, 11.0, 12.0, 13.0]);
        let (s, t) = Scale::new(
            [9.0, 168.0, 56.0, 50.0].into_iter(),
            false,
            false,
            0.0,
            100.0,
        );
        assert_eq!(t, [0.0, 50.0, 100.0, 150.0, 200.0]);
        assert_eq!(s.y(200.0), 0.0, "higher is up");
        let (_, t) = Scale::new(
            [41.4, 41.9, 42.3, 43.0].into_iter(),
            false,
            false,
            0.0,
            100.0,
        );
        assert!(
            t.len() >= 3 && t[0] <= 41.4 && *t.last().unwrap() >= 43.0,
            "{t:?}"
        );
    }

    /// The kortreist chart as the 2021 report knew it (real values 2017–2020): the projection is
    /// drawn as a dashed continuation from 2020 to 2024 with a legend entry; with a demo value
    /// after the real ones nothing is drawn.
    #[test]
    fn the_projection_is_drawn_from_real_values_only() {
        let plan = plan::embedded_default();
        let i = plan.indicator("kortreist").unwrap();
        let mut v = crate::indicators::quoted(&plan, i);
        let real = |pts: &[(i32, f64)]| -> Vec<engine::ChosenValue> {
            pts.iter()
                .map(|(y, v)| engine::ChosenValue {
                    year: *y,
                    value: *v,
                    basis: engine::ValueBasis::Computed,
                    synthetic: false,
                })
                .collect()
        };
        let series = real(&[(2018, 42.3), (2019, 41.5), (2020, 41.75)]);
        let projection = |s: &[engine::ChosenValue]| {
            engine::projection::projection_of(
                s,
                engine::projection::Method::Linear,
                None,
                plan::Direction::HigherIsBetter,
                plan::Unit::Percent,
                Some(engine::TrendTarget {
                    year: 2024,
                    value: 43.0,
                }),
                2024,
            )
        };
        v.projection = Some(projection(&series));
        let svg = chart(&v, plan::Lang::Nb).into_string();
        assert!(svg.contains("class=\"proj-line\""), "{svg}");
        assert!(svg.contains("Framskriving (reelle data)"));
        let mut with_demo = series.clone();
        with_demo.push(engine::ChosenValue {
            year: 2021,
            value: 44.0,
            basis: engine::ValueBasis::Computed,
            synthetic: true,
        });
        v.projection = Some(projection(&with_demo));
        let svg = chart(&v, plan::Lang::Nb).into_string();
        assert!(!svg.contains("proj-line"), "{svg}");
    }
}
