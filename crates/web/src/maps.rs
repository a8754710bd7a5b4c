//! Maps as inline SVG, drawn on Kartverket's municipality outlines (issue 19 item 4).
//!
//! The outlines are bundled (`data/geo/`, compiled in with `include_str!`; origin, licence and
//! what was changed in `data/geo/SOURCES.md`): the 2024 borders (357 municipalities), the
//! 2020–2023 borders (356) and a more detailed close-up of Asker (3203) and its neighbours.
//! They are read and projected once, on first use; nothing is read at request time.
//!
//! Projection: UTM zone 33 north (EPSG:25833, the projection Kartverket publishes the borders
//! in and the one Norwegian national maps use), computed with Krüger's series on the GRS80
//! ellipsoid ([`utm33`]). It keeps shapes true and does not squash the north.
//!
//! County borders are not bundled: they are the municipality borders between municipalities
//! of different counties (the first two digits of the code). The outlines share their border
//! points exactly, so those segments are found by matching ([`Outlines::county_borders`]).
//!
//! Like [`crate::charts`], everything is styled by classes and presentation attributes (the
//! CSP forbids inline styles), each map is a `<figure>` whose `<svg>` is `role="img"` with a
//! `<title>`, the legend and the attribution are HTML in the `<figcaption>` (legible at phone
//! width), and the page keeps the same numbers in a table.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use maud::{Markup, PreEscaped, html};
use plan::Lang;

use crate::layout::tr;

/// The attribution every map carries (CC BY 4.0), in the page's language.
pub fn attribution(lang: Lang) -> String {
    tr(lang, "maps-map-data-kartverket-cc-by")
}

/// The projection note shown under every map.
fn projection_note(lang: Lang) -> String {
    tr(lang, "maps-projection-utm-zone-33-epsg")
}

/// Longitude/latitude (WGS84 degrees; ETRS89 is the same at map scale) projected to UTM zone
/// 33 north, EPSG:25833: `[easting, northing]` in metres. Krüger's series to the third order
/// in the third flattening (good to a millimetre within the zone, to well under a metre across
/// all of Norway, 4.5°–31°E).
pub fn utm33(lon: f64, lat: f64) -> [f64; 2] {
    const A: f64 = 6_378_137.0;
    const F: f64 = 1.0 / 298.257_222_101;
    const K0: f64 = 0.9996;
    const E0: f64 = 500_000.0;
    const LON0: f64 = 15.0;
    let n = F / (2.0 - F);
    let big_a = A / (1.0 + n) * (1.0 + n * n / 4.0 + n.powi(4) / 64.0);
    let alpha = [
        n / 2.0 - 2.0 * n * n / 3.0 + 5.0 * n.powi(3) / 16.0,
        13.0 * n * n / 48.0 - 3.0 * n.powi(3) / 5.0,
        61.0 * n.powi(3) / 240.0,
    ];
    let phi = lat.to_radians();
    let dl = (lon - LON0).to_radians();
    let c = 2.0 * n.sqrt() / (1.0 + n);
    let t = (phi.sin().atanh() - c * (c * phi.sin()).atanh()).sinh();
    let xi = (t / dl.cos()).atan();
    let eta = (dl.sin() / (1.0 + t * t).sqrt()).atanh();
    let (mut e, mut nn) = (eta, xi);
    for (j, a) in alpha.iter().enumerate() {
        let k = 2.0 * (j as f64 + 1.0);
        e += a * (k * xi).cos() * (k * eta).sinh();
        nn += a * (k * xi).sin() * (k * eta).cosh();
    }
    [E0 + K0 * big_a * e, K0 * big_a * nn]
}

/// One municipality's outline.
#[derive(Debug, Clone)]
pub struct Region {
    /// The municipality number on the outlines' borders ("3203").
    pub code: String,
    /// The name as Kartverket spells it.
    pub name: String,
    /// Closed rings (the closing point implied), projected ([`utm33`], metres). Holes are
    /// rings too: the map fills with the even-odd rule.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// Bounds of the projected rings: `[min x, min y, max x, max y]`.
    pub bounds: [f64; 4],
}

/// A set of municipality outlines on one date's borders.
#[derive(Debug, Clone)]
pub struct Outlines {
    /// The municipalities, by code.
    pub regions: Vec<Region>,
    /// The borders between municipalities of different counties, as projected polylines.
    county_borders: Vec<Vec<[f64; 2]>>,
}

impl Outlines {
    /// Reads the bundled text format (written by `data/geo/make_outlines.py`): `#` comments, a
    /// line `unit<TAB>N`, then one line per municipality `code<TAB>name<TAB>rings`, rings
    /// separated by `;`, points by spaces, each `x,y` in 1/N degree, the first absolute and
    /// the others relative to the one before.
    pub fn parse(text: &str) -> Result<Outlines, String> {
        let mut unit = None;
        let mut raw: Vec<(String, String, Vec<Ring>)> = Vec::new();
        for (no, line) in text.lines().enumerate() {
            let at = |m: &str| format!("line {}: {m}", no + 1);
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (a, b, c) = (f.next(), f.next(), f.next());
            match (a, b, c) {
                (Some("unit"), Some(n), None) => {
                    unit = Some(n.parse::<f64>().map_err(|e| at(&e.to_string()))?)
                }
                (Some(code), Some(name), Some(rings)) => {
                    let mut out = Vec::new();
                    for ring in rings.split(';') {
                        let mut pts: Vec<[i64; 2]> = Vec::new();
                        for p in ring.split(' ') {
                            let (x, y) = p.split_once(',').ok_or_else(|| at("point without ,"))?;
                            let d = [
                                x.parse::<i64>().map_err(|e| at(&e.to_string()))?,
                                y.parse::<i64>().map_err(|e| at(&e.to_string()))?,
                            ];
                            let q = match pts.last() {
                                Some(l) => [l[0] + d[0], l[1] + d[1]],
                                None => d,
                            };
                            pts.push(q);
                        }
                        if pts.len() < 3 {
                            return Err(at("a ring needs 3 points"));
                        }
                        out.push(pts);
                    }
                    raw.push((code.to_owned(), name.to_owned(), out));
                }
                _ => return Err(at("expected code, name and rings")),
            }
        }
        let unit = unit.ok_or("no unit line")?;
        let project = |p: [i64; 2]| utm33(p[0] as f64 / unit, p[1] as f64 / unit);

        // Every border segment (unordered), with the counties of the municipalities using it.
        let key = |a: [i64; 2], b: [i64; 2]| if a < b { (a, b) } else { (b, a) };
        let mut users: HashMap<([i64; 2], [i64; 2]), Vec<&str>> = HashMap::new();
        for (code, _, rings) in &raw {
            for ring in rings {
                for i in 0..ring.len() {
                    let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                    users.entry(key(a, b)).or_default().push(&code[..2]);
                }
            }
        }
        // Walk each ring; a run of segments on a county border (emitted by the first of the
        // two municipalities to reach it) becomes one polyline.
        let mut county_borders = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_, _, rings) in &raw {
            for ring in rings {
                let mut run: Vec<[f64; 2]> = Vec::new();
                for i in 0..ring.len() {
                    let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                    let k = key(a, b);
                    let between = users[&k].windows(2).any(|w| w[0] != w[1]);
                    if between && seen.insert(k) {
                        if run.is_empty() {
                            run.push(project(a));
                        }
                        run.push(project(b));
                    } else if !run.is_empty() {
                        county_borders.push(std::mem::take(&mut run));
                    }
                }
                if !run.is_empty() {
                    county_borders.push(run);
                }
            }
        }

        let mut regions: Vec<Region> = raw
            .into_iter()
            .map(|(code, name, rings)| {
                let rings: Vec<Vec<[f64; 2]>> = rings
                    .into_iter()
                    .map(|r| r.into_iter().map(project).collect())
                    .collect();
                let bounds = bounds_of(rings.iter().flatten());
                Region {
                    code,
                    name,
                    rings,
                    bounds,
                }
            })
            .collect();
        regions.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Outlines {
            regions,
            county_borders,
        })
    }

    /// The municipality with this code.
    pub fn get(&self, code: &str) -> Option<&Region> {
        self.regions
            .binary_search_by(|r| r.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.regions[i])
    }

    /// The borders between municipalities of different counties (projected polylines).
    pub fn county_borders(&self) -> &[Vec<[f64; 2]>] {
        &self.county_borders
    }
}

/// A ring in the file's integer units.
type Ring = Vec<[i64; 2]>;

fn bounds_of<'a>(points: impl Iterator<Item = &'a [f64; 2]>) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for p in points {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

/// The union of two bounds.
pub fn union(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

fn bundled(cell: &'static OnceLock<Outlines>, text: &'static str) -> &'static Outlines {
    cell.get_or_init(|| Outlines::parse(text).expect("the bundled outlines parse (a test checks)"))
}

/// The 2024 borders (357 municipalities; also the borders of 2025 and 2026).
pub fn outlines_2024() -> &'static Outlines {
    static CELL: OnceLock<Outlines> = OnceLock::new();
    bundled(&CELL, include_str!("../../../data/geo/kommuner_2024.txt"))
}

/// The 2020–2023 borders (356 municipalities).
pub fn outlines_2020() -> &'static Outlines {
    static CELL: OnceLock<Outlines> = OnceLock::new();
    bundled(&CELL, include_str!("../../../data/geo/kommuner_2020.txt"))
}

/// Asker (3203) and its neighbours on the 2024 borders, in more detail, for the land map.
pub fn outlines_asker_close_up() -> &'static Outlines {
    static CELL: OnceLock<Outlines> = OnceLock::new();
    bundled(&CELL, include_str!("../../../data/geo/naer_3203_2024.txt"))
}

/// The outlines of the municipalities valid on `date`: the 2024 borders from 2024 on, the
/// 2020–2023 borders for those years; none before 2020 (not bundled).
pub fn outlines_at(date: time::Date) -> Option<&'static Outlines> {
    match date.year() {
        2024.. => Some(outlines_2024()),
        2020..=2023 => Some(outlines_2020()),
        _ => None,
    }
}

/// How projected metres map to the svg's viewBox units (y down), rounded to whole units.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    min_x: f64,
    max_y: f64,
    scale: f64,
    /// ViewBox width.
    pub width: f64,
    /// ViewBox height.
    pub height: f64,
}

impl Frame {
    /// A frame `width` units wide showing `bounds` (projected metres) with `pad` units around,
    /// as tall as the bounds need but at most `max_height`; when that limit binds, the bounds
    /// are shown whole and centred, and the sides show what lies beyond them.
    pub fn fit(bounds: [f64; 4], width: f64, max_height: f64, pad: f64) -> Frame {
        let (bw, bh) = (
            (bounds[2] - bounds[0]).max(1.0),
            (bounds[3] - bounds[1]).max(1.0),
        );
        let mut scale = (width - 2.0 * pad) / bw;
        let mut height = (bh * scale + 2.0 * pad).ceil();
        if height > max_height {
            height = max_height;
            scale = (height - 2.0 * pad) / bh;
        }
        // Centre the bounds in the frame.
        let min_x = (bounds[0] + bounds[2]) / 2.0 - width / 2.0 / scale;
        let max_y = (bounds[1] + bounds[3]) / 2.0 + height / 2.0 / scale;
        Frame {
            min_x,
            max_y,
            scale,
            width,
            height,
        }
    }

    /// A projected point in viewBox units.
    pub fn xy(&self, p: [f64; 2]) -> [f64; 2] {
        [
            (p[0] - self.min_x) * self.scale,
            (self.max_y - p[1]) * self.scale,
        ]
    }

    /// The projected bounds the frame shows.
    pub fn shows(&self) -> [f64; 4] {
        [
            self.min_x,
            self.max_y - self.height / self.scale,
            self.min_x + self.width / self.scale,
            self.max_y,
        ]
    }

    /// Path data for projected rings or lines, in whole viewBox units: the first point of
    /// each absolute, the rest relative (`l`), repeated points dropped, rings closed with `z`
    /// when `closed`. A ring that shrinks to fewer than 3 points (a line to fewer than 2) is
    /// left out.
    pub fn path<'a>(
        &self,
        parts: impl IntoIterator<Item = &'a [[f64; 2]]>,
        closed: bool,
    ) -> String {
        let mut d = String::new();
        let mut pts: Vec<[i64; 2]> = Vec::new();
        for part in parts {
            pts.clear();
            for p in part {
                let [x, y] = self.xy(*p);
                let q = [x.round() as i64, y.round() as i64];
                if pts.last() != Some(&q) {
                    pts.push(q);
                }
            }
            if closed && pts.len() > 1 && pts.first() == pts.last() {
                pts.pop();
            }
            if pts.len() < if closed { 3 } else { 2 } {
                continue;
            }
            let _ = write!(d, "M{} {}l", pts[0][0], pts[0][1]);
            for w in pts.windows(2) {
                push_num(&mut d, w[1][0] - w[0][0]);
                push_num(&mut d, w[1][1] - w[0][1]);
            }
            if closed {
                d.push('z');
            }
        }
        d
    }
}

/// Appends a number to path data, with a space only where needed.
fn push_num(d: &mut String, n: i64) {
    if n >= 0 && d.ends_with(|c: char| c.is_ascii_digit()) {
        d.push(' ');
    }
    let _ = write!(d, "{n}");
}

/// One municipality's shade on a choropleth.
#[derive(Debug, Clone)]
pub struct Shade {
    /// The class (0 the lightest … the palette's last the darkest); `None`: no value.
    pub class: Option<usize>,
    /// The text of its tooltip after the name, e.g. "plass 12".
    pub text: String,
}

/// How many classes the palette has.
pub const CLASSES: usize = 5;

/// A choropleth of municipalities: each one shaded by its class, a hatch where there is no
/// value, county borders on top, one municipality highlighted.
pub struct Choropleth<'a> {
    /// The outlines on the values' borders.
    pub outlines: &'a Outlines,
    /// The values' classes by municipality code; a municipality not here has no value.
    pub shades: HashMap<String, Shade>,
    /// The legend: `(class, label)` in the order shown.
    pub legend: Vec<(usize, String)>,
    /// Only this county's municipalities (its two-digit code), the map zoomed to them.
    pub county: Option<&'a str>,
    /// The municipality drawn with a thick outline (the plan's).
    pub highlight: Option<&'a str>,
    /// A unique id on the page (for the hatch pattern).
    pub id: &'a str,
    /// The svg's text alternative (`<title>`, `aria-label`).
    pub title: String,
    /// The caption's first line.
    pub caption: Markup,
    /// Whether the values are demo data: said in the caption.
    pub demo: bool,
}

impl Choropleth<'_> {
    /// The map as a `<figure>`.
    pub fn render(&self, lang: Lang) -> Markup {
        let regions: Vec<&Region> = self
            .outlines
            .regions
            .iter()
            .filter(|r| self.county.is_none_or(|c| r.code.starts_with(c)))
            .collect();
        let bounds = regions
            .iter()
            .map(|r| r.bounds)
            .reduce(union)
            .unwrap_or([0.0, 0.0, 1.0, 1.0]);
        let frame = Frame::fit(bounds, 600.0, 760.0, 4.0);
        let hatch = format!("{}-nv", self.id);
        let none_text = tr(lang, "home-no-value");
        let mut shapes = String::new();
        for r in &regions {
            let d = frame.path(r.rings.iter().map(Vec::as_slice), true);
            let shade = self.shades.get(&r.code);
            let class = shade.and_then(|s| s.class);
            let text = shade.map_or(none_text.as_str(), |s| s.text.as_str());
            let title = html! { (r.name) " (" (r.code) "): " (text) }.into_string();
            match class {
                Some(c) => {
                    let _ = write!(
                        shapes,
                        r#"<path d="{d}" class="q{c}"><title>{title}</title></path>"#
                    );
                }
                None => {
                    let _ = write!(
                        shapes,
                        r#"<path d="{d}" fill="url(#{hatch})"><title>{title}</title></path>"#
                    );
                }
            }
        }
        // County borders: only those between two shown municipalities' counties (all of them
        // on the national map; none inside one county).
        let counties = if self.county.is_none() {
            frame.path(
                self.outlines.county_borders().iter().map(Vec::as_slice),
                false,
            )
        } else {
            String::new()
        };
        // The highlighted municipality: its outline, and a ring around it that finds a small
        // one on the national map.
        let highlight = self
            .highlight
            .and_then(|c| regions.iter().find(|r| r.code == c))
            .map(|r| {
                let [x0, y1] = frame.xy([r.bounds[0], r.bounds[1]]);
                let [x1, y0] = frame.xy([r.bounds[2], r.bounds[3]]);
                let radius = ((x1 - x0).max(y1 - y0) / 2.0 + 6.0).max(14.0);
                (
                    frame.path(r.rings.iter().map(Vec::as_slice), true),
                    [(x0 + x1) / 2.0, (y0 + y1) / 2.0, radius],
                )
            });
        let any_missing = regions
            .iter()
            .any(|r| self.shades.get(&r.code).and_then(|s| s.class).is_none());
        html! {
            figure class="map" {
                svg xmlns="http://www.w3.org/2000/svg" class="map-svg"
                    viewBox=(format!("0 0 {} {}", frame.width, frame.height))
                    role="img" aria-label=(self.title) {
                    title { (self.title) }
                    defs {
                        pattern id=(hatch) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                            rect width="6" height="6" fill="#ffffff" {}
                            line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2" {}
                        }
                    }
                    g class="munis" { (PreEscaped(shapes)) }
                    @if !counties.is_empty() { path class="county-borders" d=(counties) {} }
                    @if let Some((d, [cx, cy, r])) = highlight {
                        path class="highlight-halo" d=(d) {}
                        path class="highlight" d=(d) {}
                        @if self.county.is_none() {
                            circle class="highlight-ring" cx=(format!("{cx:.0}")) cy=(format!("{cy:.0}")) r=(format!("{r:.0}")) {}
                        }
                    }
                }
                figcaption {
                    p class="map-caption" {
                        (self.caption)
                        @if self.demo {
                            " " strong class="demo-map" { (tr(lang, "maps-demo-data-not-real-figures")) }
                        }
                    }
                    ul class="map-legend" {
                        @for (class, label) in &self.legend {
                            li { span class=(format!("swatch q{class}")) aria-hidden="true" {} " " (label) }
                        }
                        @if any_missing {
                            li { span class="swatch nv" aria-hidden="true" {} " " (none_text) }
                        }
                        @if let Some(code) = self.highlight {
                            @if regions.iter().any(|r| r.code == code) {
                                li {
                                    @if self.county.is_none() {
                                        span class="swatch own" aria-hidden="true" {} " "
                                        (tr(lang, "maps-the-plan-s-municipality-circled"))
                                    } @else {
                                        span class="swatch own-line" aria-hidden="true" {} " "
                                        (tr(lang, "ranking-the-plan-s-municipality"))
                                    }
                                }
                            }
                        }
                    }
                    p class="hint" {
                        @if self.county.is_none() { (tr(lang, "maps-thick-lines-are-county-borders")) }
                        (projection_note(lang)) " " (attribution(lang)) "."
                    }
                }
            }
        }
    }
}

/// Class breaks at the quantiles of `values`: `classes - 1` ascending thresholds; a value `v`
/// is in class `i` when `i` thresholds are `<= v` ([`class_of`]).
pub fn quantile_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() || classes < 2 {
        return Vec::new();
    }
    let mut breaks: Vec<f64> = (1..classes)
        .map(|k| v[(k * v.len() / classes).min(v.len() - 1)])
        .collect();
    breaks.dedup();
    breaks
}

/// The class of `v` under `breaks` from [`quantile_breaks`] (0 … `breaks.len()`).
pub fn class_of(v: f64, breaks: &[f64]) -> usize {
    breaks.iter().take_while(|b| **b <= v).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm33_matches_the_projection() {
        // On the central meridian at the equator: the false easting, no northing.
        let [e, n] = utm33(15.0, 0.0);
        assert!((e - 500_000.0).abs() < 1e-6 && n.abs() < 1e-6, "{e} {n}");
        // On the central meridian at 60°N the northing is k0 times the GRS80 meridian arc
        // (6 654 072.82 m).
        let [e, n] = utm33(15.0, 60.0);
        assert!((e - 500_000.0).abs() < 1e-6);
        assert!((n - 0.9996 * 6_654_072.82).abs() < 0.1, "{n}");
        // Symmetric about the central meridian.
        let [w, _] = utm33(9.0, 59.8);
        let [o, _] = utm33(21.0, 59.8);
        assert!(((500_000.0 - w) - (o - 500_000.0)).abs() < 1e-6);
        // Asker's town hall (10.435°E, 59.834°N) lies near 246 km E, 6 640 km N in EPSG:25833.
        let [e, n] = utm33(10.435, 59.834);
        assert!((240_000.0..252_000.0).contains(&e), "{e}");
        assert!((6_634_000.0..6_646_000.0).contains(&n), "{n}");
    }

    #[test]
    fn the_bundled_outlines_are_complete() {
        let o24 = outlines_2024();
        assert_eq!(o24.regions.len(), 357);
        assert_eq!(o24.get("3203").map(|r| r.name.as_str()), Some("Asker"));
        assert_eq!(o24.get("0301").map(|r| r.name.as_str()), Some("Oslo"));
        let o20 = outlines_2020();
        assert_eq!(o20.regions.len(), 356);
        assert_eq!(o20.get("3025").map(|r| r.name.as_str()), Some("Asker"));
        for o in [o24, o20] {
            assert!(o.regions.iter().all(|r| !r.rings.is_empty()));
            // County borders exist and are a small part of all borders.
            assert!(
                o.county_borders().len() > 15,
                "{}",
                o.county_borders().len()
            );
        }
        let near = outlines_asker_close_up();
        assert!(near.get("3203").is_some() && near.get("3201").is_some());
    }

    #[test]
    fn asker_lies_inside_the_frame_of_the_country_and_of_itself() {
        let o = outlines_2024();
        let all = o.regions.iter().map(|r| r.bounds).reduce(union).unwrap();
        let frame = Frame::fit(all, 600.0, 760.0, 4.0);
        let asker = o.get("3203").unwrap();
        for p in asker.rings.iter().flatten() {
            let [x, y] = frame.xy(*p);
            assert!((0.0..=frame.width).contains(&x) && (0.0..=frame.height).contains(&y));
        }
        // One scale for both axes: the country keeps its shape (taller than wide in UTM 33).
        let ratio = (frame.height - 8.0) / (frame.width - 8.0);
        assert!(
            (ratio - (all[3] - all[1]) / (all[2] - all[0])).abs() < 0.01,
            "{ratio}"
        );
        assert!(frame.height > frame.width);
        let near = Frame::fit(asker.bounds, 640.0, 640.0, 12.0);
        let d = near.path(asker.rings.iter().map(Vec::as_slice), true);
        assert!(d.starts_with('M') && d.ends_with('z'));
        for p in asker.rings.iter().flatten() {
            let [x, y] = near.xy(*p);
            assert!((0.0..=near.width).contains(&x), "{x}");
            assert!((0.0..=near.height).contains(&y), "{y}");
        }
    }

    #[test]
    fn paths_are_relative_whole_units_without_repeats() {
        let f = Frame {
            min_x: 0.0,
            max_y: 10.0,
            scale: 1.0,
            width: 10.0,
            height: 10.0,
        };
        let ring: Vec<[f64; 2]> = vec![[1.0, 9.0], [1.2, 9.1], [4.0, 9.0], [4.0, 5.0], [1.0, 9.0]];
        assert_eq!(f.path([ring.as_slice()], true), "M1 1l3 0 0 4z");
        let tiny: Vec<[f64; 2]> = vec![[1.0, 9.0], [1.1, 9.0], [1.2, 9.1]];
        assert_eq!(f.path([tiny.as_slice()], true), "");
        assert_eq!(f.path([ring.as_slice()], false), "M1 1l3 0 0 4-3-4");
    }

    #[test]
    fn quantiles_split_the_values_into_equal_classes() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let b = quantile_breaks(&v, 5);
        assert_eq!(b, vec![21.0, 41.0, 61.0, 81.0]);
        assert_eq!(class_of(1.0, &b), 0);
        assert_eq!(class_of(20.0, &b), 0);
        assert_eq!(class_of(21.0, &b), 1);
        assert_eq!(class_of(100.0, &b), 4);
        assert!(quantile_breaks(&[], 5).is_empty());
    }

    #[test]
    fn a_choropleth_shades_hatches_and_highlights() {
        let o = outlines_2024();
        let mut shades = HashMap::new();
        shades.insert(
            "3203".to_owned(),
            Shade {
                class: Some(4),
                text: "plass 1 <b>".into(),
            },
        );
        let map = Choropleth {
            outlines: o,
            shades,
            legend: vec![(4, "1–71".into())],
            county: None,
            highlight: Some("3203"),
            id: "t",
            title: "Kart".into(),
            caption: html! { "Plass" },
            demo: true,
        }
        .render(Lang::Nb)
        .into_string();
        assert_eq!(
            map.matches("<path d=").count(),
            357,
            "one path per municipality"
        );
        assert!(map.contains(r#"class="q4"><title>Asker (3203): plass 1 &lt;b&gt;</title>"#));
        assert!(map.contains(r#"fill="url(#t-nv)"><title>Oslo (0301): ingen verdi</title>"#));
        assert!(map.contains(r#"class="county-borders""#));
        assert!(map.contains(r#"class="highlight""#));
        assert!(map.contains("Kartgrunnlag: © Kartverket, CC BY 4.0"));
        assert!(map.contains("Demodata – ikke reelle tall."));
        assert!(map.contains(r#"role="img" aria-label="Kart""#));
        // One county zoomed: only its municipalities, no county borders.
        let map = Choropleth {
            outlines: o,
            shades: HashMap::new(),
            legend: vec![],
            county: Some("32"),
            highlight: Some("3203"),
            id: "t",
            title: "Kart".into(),
            caption: html! { "Plass" },
            demo: false,
        }
        .render(Lang::En)
        .into_string();
        let n32 = o
            .regions
            .iter()
            .filter(|r| r.code.starts_with("32"))
            .count();
        assert_eq!(map.matches("<title>").count(), n32 + 1);
        assert!(!map.contains("county-borders"));
        assert!(map.contains("Map data: © Kartverket, CC BY 4.0"));
        assert!(!map.contains("Demo data"));
    }
}
