//! Commercial land sites (*næringsarealer*).
//!
//! The plan (seed §5.9.2) says the municipality shall "til enhver tid ha oversikt over
//! tilgjengelige næringsarealer", and that "det er ikke utarbeidet statistikk som viser
//! egnethet, størrelse samt tilgang/avgang på næringsarealer". This module is that overview.
//!
//! A site is known only through its dated changes ([`SiteChange`]): each change is the site's
//! whole state from its date on; nothing is overwritten, so the register can be read as it
//! stood on any day ([`state_at`]). A change without geometry keeps the site's last geometry.
//!
//! Statistics per year ([`year_stats`]) compare each site's state at the end of the year with
//! its state at the end of the year before:
//!
//! - the **stock** (*beholdning*) is the area of sites that are *ledig*, *reservert* or
//!   *utbygd*; *omdisponert til bolig* and *utgått* sites are out of the commercial stock;
//! - **additions** (*tilgang*) are the increases of a site's area in the stock (a new site, a
//!   site coming back, an enlarged site); **withdrawals** (*avgang*) the decreases;
//! - **conversion to housing** is the stock area of sites that became *omdisponert til bolig*;
//! - **built out** is the area that went from *ledig*/*reservert* to *utbygd*.
//!
//! The seed's own 2019 figures ([`SEED_2019`]) are quoted beside the computed ones, never
//! mixed with them: they cover the whole municipality, the register only the sites entered.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value, json};
use time::Date;

use crate::{InputError, Location, fold_header, parse_date, parse_number};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = ($code:literal, $nb:literal, $en:literal) $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The machine code written in files and the store.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            /// Norwegian (bokmål) label.
            pub fn nb(self) -> &'static str {
                match self { $($name::$v => $nb),+ }
            }

            /// English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$v => $en),+ }
            }

            /// Parses the code or the Norwegian label (case, spaces and æøå folded).
            pub fn parse(s: &str) -> Option<$name> {
                let f = fold_header(s);
                $(
                    if f == fold_header($code) || f == fold_header($nb) $(|| f == fold_header($alias))* {
                        return Some($name::$v);
                    }
                )+
                None
            }

            /// The accepted codes, for messages.
            pub fn codes() -> String {
                [$($code),+].join(", ")
            }
        }
    };
}

code_enum! {
    /// Zoning status (*planstatus*).
    Zoning {
        /// Set aside for business in the municipal master plan.
        Allocated = ("avsatt", "avsatt i kommuneplan", "allocated in the master plan") | "avsatt_i_kommuneplan",
        /// A zoning plan is being made.
        UnderRegulation = ("under_regulering", "under regulering", "zoning in progress"),
        /// Zoned (*regulert*).
        Zoned = ("regulert", "regulert", "zoned"),
    }
}

code_enum! {
    /// Availability (*tilgjengelighet*).
    Availability {
        /// Free to develop.
        Free = ("ledig", "ledig", "available"),
        /// Reserved for a named project or company.
        Reserved = ("reservert", "reservert", "reserved"),
        /// Built out: in use for business.
        BuiltOut = ("utbygd", "utbygd", "built out") | "i_bruk",
        /// Converted to housing: out of the commercial stock.
        ToHousing = ("omdisponert_bolig", "omdisponert til bolig", "converted to housing"),
        /// Taken out of business use for something other than housing (green space, public
        /// use): out of the commercial stock. Not in the issue's list; added so that every
        /// withdrawal has a state.
        Withdrawn = ("utgatt", "utgått (annet formål)", "withdrawn (other use)") | "utgått",
    }
}

code_enum! {
    /// Use class (*formål*).
    UseClass {
        /// Offices.
        Office = ("kontor", "kontor", "offices"),
        /// Retail.
        Retail = ("handel", "handel", "retail"),
        /// Warehousing and logistics.
        Logistics = ("lager_logistikk", "lager og logistikk", "warehousing and logistics"),
        /// Production.
        Production = ("produksjon", "produksjon", "production"),
        /// Power-intensive industry.
        PowerIntensive = ("kraftkrevende", "kraftkrevende", "power-intensive"),
    }
}

code_enum! {
    /// ABC category (the ABC principle, seed §5.9.2: the right business in the right place).
    Abc {
        /// A: central, by a public transport hub; many employees or visitors per area.
        A = ("A", "A", "A"),
        /// B: reasonably accessible by public transport and by car.
        B = ("B", "B", "B"),
        /// C: car and goods access; few employees per area.
        C = ("C", "C", "C"),
    }
}

impl Availability {
    /// In the commercial stock (ledig, reservert, utbygd).
    pub fn in_stock(self) -> bool {
        matches!(
            self,
            Availability::Free | Availability::Reserved | Availability::BuiltOut
        )
    }

    /// Set aside for the future (ledig or reservert): not yet built out.
    pub fn for_future(self) -> bool {
        matches!(self, Availability::Free | Availability::Reserved)
    }
}

/// A site's outline: one or more polygons, each a list of rings (outer first), each ring a
/// list of `[longitude, latitude]` positions, as in GeoJSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    /// Polygons → rings → positions.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl Geometry {
    /// Reads a GeoJSON `Polygon` or `MultiPolygon` geometry object.
    pub fn from_geojson(v: &Value) -> Result<Geometry, String> {
        let kind = v
            .get("type")
            .and_then(Value::as_str)
            .ok_or("geometry has no \"type\"")?;
        let coords = v
            .get("coordinates")
            .ok_or("geometry has no \"coordinates\"")?;
        let polygon = |p: &Value| -> Result<Vec<Vec<[f64; 2]>>, String> {
            let rings = p.as_array().ok_or("a polygon must be an array of rings")?;
            if rings.is_empty() {
                return Err("a polygon needs at least one ring".into());
            }
            rings
                .iter()
                .map(|r| {
                    let pos = r.as_array().ok_or("a ring must be an array of positions")?;
                    if pos.len() < 4 {
                        return Err(format!(
                            "a ring needs at least 4 positions (closed), found {}",
                            pos.len()
                        ));
                    }
                    let ring = pos
                        .iter()
                        .map(|p| match p.as_array().map(Vec::as_slice) {
                            Some([x, y, ..]) => match (x.as_f64(), y.as_f64()) {
                                (Some(x), Some(y))
                                    if (-180.0..=180.0).contains(&x)
                                        && (-90.0..=90.0).contains(&y) =>
                                {
                                    Ok([x, y])
                                }
                                _ => Err(format!(
                                    "position {p} is not [longitude, latitude] in degrees (WGS 84)"
                                )),
                            },
                            _ => Err(format!("position {p} is not [longitude, latitude]")),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    if ring.first() != ring.last() {
                        return Err("a ring must end where it starts (closed)".into());
                    }
                    Ok(ring)
                })
                .collect()
        };
        let polygons = match kind {
            "Polygon" => vec![polygon(coords)?],
            "MultiPolygon" => coords
                .as_array()
                .ok_or("MultiPolygon coordinates must be an array of polygons")?
                .iter()
                .map(polygon)
                .collect::<Result<_, _>>()?,
            other => {
                return Err(format!(
                    "geometry type {other:?} is not supported (Polygon or MultiPolygon)"
                ));
            }
        };
        Ok(Geometry { polygons })
    }

    /// As a GeoJSON geometry object.
    pub fn to_geojson(&self) -> Value {
        if self.polygons.len() == 1 {
            json!({ "type": "Polygon", "coordinates": self.polygons[0] })
        } else {
            json!({ "type": "MultiPolygon", "coordinates": self.polygons })
        }
    }

    /// Bounding box `[min_lon, min_lat, max_lon, max_lat]`.
    pub fn bbox(&self) -> [f64; 4] {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for [x, y] in self.polygons.iter().flatten().flatten() {
            b = [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)];
        }
        b
    }
}

/// The state of a site from one date on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteState {
    /// Name (*navn*).
    pub name: String,
    /// Place or part of the municipality (*sted*), e.g. `Asker sentrum`, `Tofte`.
    pub place: String,
    /// Area in dekar (1 daa = 1 000 m²).
    pub area_daa: f64,
    /// Zoning status.
    pub zoning: Zoning,
    /// Availability.
    pub availability: Availability,
    /// Use class.
    pub use_class: UseClass,
    /// ABC category, when judged.
    pub abc: Option<Abc>,
    /// Distance to the nearest public transport hub in metres, when known.
    pub hub_distance_m: Option<u32>,
    /// Owner (*grunneier*), as text.
    pub owner: String,
    /// Outline; `None` keeps the site's previous geometry.
    pub geometry: Option<Geometry>,
}

/// One dated change of a site: its whole state from `date` on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteChange {
    /// The site's stable id (e.g. `ASK-017`).
    pub site_id: String,
    /// From when this state holds.
    pub date: Date,
    /// The state.
    pub state: SiteState,
    /// Why it changed (free text).
    pub note: String,
}

/// Each site's state on `date` (the latest change on or before it, geometry carried forward
/// from earlier changes when this one has none), by site id.
pub fn state_at(changes: &[SiteChange], date: Date) -> BTreeMap<String, SiteState> {
    let mut sorted: Vec<&SiteChange> = changes.iter().filter(|c| c.date <= date).collect();
    sorted.sort_by(|a, b| (&a.site_id, a.date).cmp(&(&b.site_id, b.date)));
    let mut out: BTreeMap<String, SiteState> = BTreeMap::new();
    for c in sorted {
        let mut s = c.state.clone();
        if s.geometry.is_none()
            && let Some(prev) = out.get(&c.site_id)
        {
            s.geometry = prev.geometry.clone();
        }
        out.insert(c.site_id.clone(), s);
    }
    out
}

/// The seed's own figures (quoted, not computed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeedFigures {
    /// The year the figures describe.
    pub year: i32,
    /// Dekar in use for business, including public services.
    pub in_use_daa: f64,
    /// Dekar set aside for future use.
    pub future_daa: f64,
    /// Where they are quoted from.
    pub source: &'static str,
}

/// Seed §5.9.2, *Fakta (2019-tall)*: "Asker har 7425 dekar areal til bruk for næringsformål
/// inklusive offentlig tjenesteyting. I tillegg er 5720 dekar satt av til fremtidig bruk."
pub const SEED_2019: SeedFigures = SeedFigures {
    year: 2019,
    in_use_daa: 7425.0,
    future_daa: 5720.0,
    source: "Temaplan næring 2021–2024, §5.9.2 Arealer og arealbestemmelser, Fakta (2019-tall)",
};

/// Statistics of one year, computed from the dated changes.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct YearStats {
    /// The year.
    pub year: i32,
    /// Sites known at the end of the year (any availability).
    pub sites: usize,
    /// Area at the end of the year by availability (every availability, also out of stock).
    pub by_availability: BTreeMap<Availability, f64>,
    /// Stock area at the end of the year by use class and availability.
    pub by_use: BTreeMap<UseClass, BTreeMap<Availability, f64>>,
    /// Stock area at the end of the year by zoning status.
    pub by_zoning: BTreeMap<Zoning, f64>,
    /// Stock area in use (utbygd) at the end of the year.
    pub in_use_daa: f64,
    /// Stock area set aside for the future (ledig + reservert) at the end of the year.
    pub future_daa: f64,
    /// Additions (*tilgang*) during the year, dekar.
    pub additions_daa: f64,
    /// Additions by use class (the class at the end of the year).
    pub additions_by_use: BTreeMap<UseClass, f64>,
    /// Withdrawals (*avgang*) during the year, dekar (positive).
    pub withdrawals_daa: f64,
    /// Withdrawals by use class (the class at the end of the year before).
    pub withdrawals_by_use: BTreeMap<UseClass, f64>,
    /// Stock area converted to housing during the year (part of the withdrawals).
    pub to_housing_daa: f64,
    /// Area that went from ledig/reservert to utbygd during the year.
    pub built_out_daa: f64,
    /// The sites with a change dated in the year.
    pub changed_sites: BTreeSet<String>,
}

fn end_of(year: i32) -> Date {
    Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX)
}

fn stock_area(s: Option<&SiteState>) -> f64 {
    s.filter(|s| s.availability.in_stock())
        .map_or(0.0, |s| s.area_daa)
}

/// The statistics of `year` from the dated changes (see the module docs for the definitions).
pub fn year_stats(changes: &[SiteChange], year: i32) -> YearStats {
    let before = state_at(changes, end_of(year - 1));
    let after = state_at(changes, end_of(year));
    let mut st = YearStats {
        year,
        sites: after.len(),
        ..YearStats::default()
    };
    for s in after.values() {
        *st.by_availability.entry(s.availability).or_default() += s.area_daa;
        if s.availability.in_stock() {
            *st.by_use
                .entry(s.use_class)
                .or_default()
                .entry(s.availability)
                .or_default() += s.area_daa;
            *st.by_zoning.entry(s.zoning).or_default() += s.area_daa;
            if s.availability.for_future() {
                st.future_daa += s.area_daa;
            } else {
                st.in_use_daa += s.area_daa;
            }
        }
    }
    let ids: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for id in ids {
        let (b, a) = (before.get(id), after.get(id));
        let delta = stock_area(a) - stock_area(b);
        if delta > 0.0 {
            st.additions_daa += delta;
            if let Some(a) = a {
                *st.additions_by_use.entry(a.use_class).or_default() += delta;
            }
        } else if delta < 0.0 {
            st.withdrawals_daa -= delta;
            if let Some(b) = b {
                *st.withdrawals_by_use.entry(b.use_class).or_default() -= delta;
            }
        }
        if let (Some(b), Some(a)) = (b, a) {
            if b.availability.in_stock() && a.availability == Availability::ToHousing {
                st.to_housing_daa += b.area_daa;
            }
            if b.availability.for_future() && a.availability == Availability::BuiltOut {
                st.built_out_daa += a.area_daa.min(b.area_daa);
            }
        }
    }
    st.changed_sites = changes
        .iter()
        .filter(|c| c.date.year() == year)
        .map(|c| c.site_id.clone())
        .collect();
    st
}

/// The statistics of every year from the first change to `last_year` (or the last change).
pub fn stats_by_year(changes: &[SiteChange], last_year: Option<i32>) -> Vec<YearStats> {
    let Some(first) = changes.iter().map(|c| c.date.year()).min() else {
        return Vec::new();
    };
    let last =
        last_year.unwrap_or_else(|| changes.iter().map(|c| c.date.year()).max().unwrap_or(first));
    (first..=last).map(|y| year_stats(changes, y)).collect()
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/// The columns (and GeoJSON properties) of the land file format, in export order.
pub const COLUMNS: &[&str] = &[
    "id",
    "dato",
    "navn",
    "sted",
    "areal_daa",
    "planstatus",
    "tilgjengelighet",
    "formal",
    "abc",
    "avstand_knutepunkt_m",
    "eier",
    "merknad",
    "geometri",
];

const REQUIRED: &[&str] = &[
    "id",
    "dato",
    "navn",
    "areal_daa",
    "planstatus",
    "tilgjengelighet",
    "formal",
];

/// Reads one change from named fields; `get` returns the raw text of a field (None = absent).
fn change_from_fields(
    get: &dyn Fn(&str) -> Option<String>,
    geometry: Option<Result<Geometry, String>>,
    err: &dyn Fn(&str, String) -> InputError,
) -> Result<SiteChange, InputError> {
    let text = |f: &str| get(f).map(|s| s.trim().to_string()).unwrap_or_default();
    let required = |f: &str| {
        let v = text(f);
        if v.is_empty() {
            Err(err(f, "is empty".into()))
        } else {
            Ok(v)
        }
    };
    let site_id = required("id")?;
    let date = parse_date(&required("dato")?).map_err(|m| err("dato", m))?;
    let name = required("navn")?;
    let area_daa = parse_number(&required("areal_daa")?).map_err(|m| err("areal_daa", m))?;
    if area_daa.is_nan() || area_daa <= 0.0 {
        return Err(err(
            "areal_daa",
            format!("{area_daa} dekar: the area must be above 0"),
        ));
    }
    let zoning = Zoning::parse(&required("planstatus")?).ok_or_else(|| {
        err(
            "planstatus",
            format!("{:?} is not one of {}", text("planstatus"), Zoning::codes()),
        )
    })?;
    let availability = Availability::parse(&required("tilgjengelighet")?).ok_or_else(|| {
        err(
            "tilgjengelighet",
            format!(
                "{:?} is not one of {}",
                text("tilgjengelighet"),
                Availability::codes()
            ),
        )
    })?;
    let use_class = UseClass::parse(&required("formal")?).ok_or_else(|| {
        err(
            "formal",
            format!("{:?} is not one of {}", text("formal"), UseClass::codes()),
        )
    })?;
    let abc = match text("abc") {
        s if s.is_empty() => None,
        s => Some(
            Abc::parse(&s)
                .ok_or_else(|| err("abc", format!("{s:?} is not one of A, B, C or empty")))?,
        ),
    };
    let hub_distance_m = match text("avstand_knutepunkt_m") {
        s if s.is_empty() => None,
        s => {
            let v = parse_number(&s).map_err(|m| err("avstand_knutepunkt_m", m))?;
            if !(0.0..=1.0e6).contains(&v) {
                return Err(err(
                    "avstand_knutepunkt_m",
                    format!("{s:?}: expected metres from 0 to 1 000 000"),
                ));
            }
            Some(v.round() as u32)
        }
    };
    let geometry = match geometry {
        None => None,
        Some(g) => Some(g.map_err(|m| err("geometri", m))?),
    };
    Ok(SiteChange {
        site_id,
        date,
        state: SiteState {
            name,
            place: text("sted"),
            area_daa,
            zoning,
            availability,
            use_class,
            abc,
            hub_distance_m,
            owner: text("eier"),
            geometry,
        },
        note: text("merknad"),
    })
}

fn check_duplicates(file: &str, changes: &[(Location, SiteChange)]) -> Result<(), InputError> {
    let mut seen: BTreeMap<(&str, Date), &Location> = BTreeMap::new();
    for (loc, c) in changes {
        if let Some(first) = seen.insert((c.site_id.as_str(), c.date), loc) {
            return Err(InputError::new(
                file,
                loc.clone(),
                Some("dato"),
                format!(
                    "site {} has two changes dated {} (the first at {})",
                    c.site_id,
                    c.date,
                    first.to_string().trim_end_matches([':', ' '])
                ),
            ));
        }
    }
    Ok(())
}

/// Parses a land CSV file (`;`, `,` or tab separated, UTF-8; header names as in [`COLUMNS`],
/// case and æøå folded). One row is one dated change of one site. The optional `geometri`
/// column holds a GeoJSON geometry object as text.
pub fn parse_csv(file: &str, bytes: &[u8]) -> Result<Vec<SiteChange>, InputError> {
    let rows = crate::csvfile::CsvRows::open(file, bytes)?;
    let headers: Vec<String> = rows.headers().to_vec();
    for r in REQUIRED {
        if !headers.iter().any(|h| h == &fold_header(r)) {
            return Err(InputError::new(
                file,
                Location::Line(1),
                None,
                format!(
                    "the header has no column {r:?} (columns: {})",
                    COLUMNS.join(";")
                ),
            ));
        }
    }
    let mut out = Vec::new();
    for row in rows {
        let (line, rec) = row?;
        let get = |f: &str| {
            let f = fold_header(f);
            headers
                .iter()
                .position(|h| *h == f)
                .and_then(|i| rec.get(i))
                .map(str::to_string)
        };
        let geometry = get("geometri").filter(|g| !g.trim().is_empty()).map(|g| {
            serde_json::from_str::<Value>(&g)
                .map_err(|e| format!("not a GeoJSON geometry (JSON: {e})"))
                .and_then(|v| Geometry::from_geojson(&v))
        });
        let err = |f: &str, m: String| InputError::new(file, Location::Line(line), Some(f), m);
        out.push((
            Location::Line(line),
            change_from_fields(&get, geometry, &err)?,
        ));
    }
    check_duplicates(file, &out)?;
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// Parses a GeoJSON `FeatureCollection`: one feature is one dated change of one site, with the
/// fields of [`COLUMNS`] as properties (strings or numbers) and the outline as its geometry
/// (`null` keeps the site's previous outline). Positions are longitude, latitude (WGS 84).
pub fn parse_geojson(file: &str, bytes: &[u8]) -> Result<Vec<SiteChange>, InputError> {
    let v: Value = serde_json::from_slice(crate::strip_bom(bytes)).map_err(|e| {
        InputError::new(
            file,
            Location::File,
            None,
            format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
        )
    })?;
    if v.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(InputError::new(
            file,
            Location::File,
            None,
            "expected a GeoJSON FeatureCollection",
        ));
    }
    let features = v.get("features").and_then(Value::as_array).ok_or_else(|| {
        InputError::new(
            file,
            Location::File,
            None,
            "the FeatureCollection has no \"features\" array",
        )
    })?;
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let loc = Location::Feature(i + 1);
        let props = f
            .get("properties")
            .and_then(Value::as_object)
            .ok_or_else(|| {
                InputError::new(
                    file,
                    loc.clone(),
                    None,
                    "the feature has no \"properties\" object",
                )
            })?;
        let get = |k: &str| {
            props
                .iter()
                .find(|(name, _)| fold_header(name) == fold_header(k))
                .and_then(|(_, v)| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    Value::Null => None,
                    other => Some(other.to_string()),
                })
        };
        let geometry = match f.get("geometry") {
            None | Some(Value::Null) => None,
            Some(g) => Some(Geometry::from_geojson(g)),
        };
        let err = |field: &str, m: String| InputError::new(file, loc.clone(), Some(field), m);
        out.push((loc.clone(), change_from_fields(&get, geometry, &err)?));
    }
    check_duplicates(file, &out)?;
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

fn fmt_num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// Every change as CSV (`;`-separated, decimal comma, header [`COLUMNS`]); importing the
/// result gives the same changes back.
pub fn to_csv(changes: &[SiteChange]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    let mut sorted: Vec<&SiteChange> = changes.iter().collect();
    sorted.sort_by(|a, b| (&a.site_id, a.date).cmp(&(&b.site_id, b.date)));
    for c in sorted {
        let s = &c.state;
        let _ = sheet::csv_safe::write_record(
            &mut w,
            [
                c.site_id.clone(),
                c.date.to_string(),
                s.name.clone(),
                s.place.clone(),
                fmt_num(s.area_daa),
                s.zoning.code().to_string(),
                s.availability.code().to_string(),
                s.use_class.code().to_string(),
                s.abc.map(|a| a.code().to_string()).unwrap_or_default(),
                s.hub_distance_m.map(|d| d.to_string()).unwrap_or_default(),
                s.owner.clone(),
                c.note.clone(),
                s.geometry
                    .as_ref()
                    .map(|g| g.to_geojson().to_string())
                    .unwrap_or_default(),
            ],
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Every change as a GeoJSON FeatureCollection (properties as [`COLUMNS`]); importing the
/// result gives the same changes back.
pub fn to_geojson(changes: &[SiteChange]) -> Value {
    let mut sorted: Vec<&SiteChange> = changes.iter().collect();
    sorted.sort_by(|a, b| (&a.site_id, a.date).cmp(&(&b.site_id, b.date)));
    let features: Vec<Value> = sorted
        .into_iter()
        .map(|c| {
            let s = &c.state;
            let mut p = Map::new();
            p.insert("id".into(), json!(c.site_id));
            p.insert("dato".into(), json!(c.date.to_string()));
            p.insert("navn".into(), json!(s.name));
            p.insert("sted".into(), json!(s.place));
            p.insert("areal_daa".into(), json!(s.area_daa));
            p.insert("planstatus".into(), json!(s.zoning.code()));
            p.insert("tilgjengelighet".into(), json!(s.availability.code()));
            p.insert("formal".into(), json!(s.use_class.code()));
            p.insert("abc".into(), json!(s.abc.map(Abc::code)));
            p.insert("avstand_knutepunkt_m".into(), json!(s.hub_distance_m));
            p.insert("eier".into(), json!(s.owner));
            p.insert("merknad".into(), json!(c.note));
            json!({
                "type": "Feature",
                "properties": p,
                "geometry": s.geometry.as_ref().map(Geometry::to_geojson),
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

/// Detects the format from the content: GeoJSON when the first non-blank byte is `{`.
pub fn parse_any(file: &str, bytes: &[u8]) -> Result<Vec<SiteChange>, InputError> {
    let first = crate::strip_bom(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        parse_geojson(file, bytes)
    } else {
        parse_csv(file, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn change(
        id: &str,
        date: &str,
        area: f64,
        av: Availability,
        use_class: UseClass,
    ) -> SiteChange {
        SiteChange {
            site_id: id.into(),
            date: d(date),
            state: SiteState {
                name: id.into(),
                place: "Tofte".into(),
                area_daa: area,
                zoning: Zoning::Zoned,
                availability: av,
                use_class,
                abc: Some(Abc::C),
                hub_distance_m: None,
                owner: String::new(),
                geometry: None,
            },
            note: String::new(),
        }
    }

    use Availability::*;
    use UseClass::*;

    /// Three sites over three years; every figure below is worked out by hand from the dated
    /// changes.
    fn history() -> Vec<SiteChange> {
        vec![
            // A: 40 daa free logistics from 2019; reserved 2020; built out 2021.
            change("A", "2019-03-01", 40.0, Free, Logistics),
            change("A", "2020-06-01", 40.0, Reserved, Logistics),
            change("A", "2021-02-01", 40.0, BuiltOut, Logistics),
            // B: 25 daa offices in use from 2019; converted to housing in 2020.
            change("B", "2019-01-01", 25.0, BuiltOut, Office),
            change("B", "2020-09-30", 25.0, ToHousing, Office),
            // C: new in 2020, 10 daa free production; enlarged to 16 daa in 2021, and in the same
            // year briefly withdrawn then back (only the year-end state counts).
            change("C", "2020-05-05", 10.0, Free, Production),
            change("C", "2021-03-01", 16.0, Free, Production),
            change("C", "2021-04-01", 16.0, Withdrawn, Production),
            change("C", "2021-11-01", 16.0, Free, Production),
        ]
    }

    #[test]
    fn supply_additions_withdrawals_from_dated_changes() {
        let h = history();
        let y19 = year_stats(&h, 2019);
        assert_eq!(y19.sites, 2);
        assert_eq!((y19.in_use_daa, y19.future_daa), (25.0, 40.0));
        assert_eq!(y19.additions_daa, 65.0);
        assert_eq!(y19.withdrawals_daa, 0.0);

        let y20 = year_stats(&h, 2020);
        assert_eq!((y20.in_use_daa, y20.future_daa), (0.0, 50.0));
        assert_eq!(y20.additions_daa, 10.0);
        assert_eq!(y20.additions_by_use.get(&Production), Some(&10.0));
        assert_eq!(y20.withdrawals_daa, 25.0);
        assert_eq!(y20.withdrawals_by_use.get(&Office), Some(&25.0));
        assert_eq!(y20.to_housing_daa, 25.0);
        assert_eq!(y20.by_availability.get(&ToHousing), Some(&25.0));
        assert_eq!(y20.by_use[&Logistics].get(&Reserved), Some(&40.0));

        let y21 = year_stats(&h, 2021);
        assert_eq!((y21.in_use_daa, y21.future_daa), (40.0, 16.0));
        assert_eq!(
            y21.additions_daa, 6.0,
            "C grew 10 → 16; the brief withdrawal nets out"
        );
        assert_eq!(y21.withdrawals_daa, 0.0);
        assert_eq!(y21.built_out_daa, 40.0);
        assert_eq!(y21.to_housing_daa, 0.0);
        assert_eq!(y21.changed_sites.len(), 2);

        let all = stats_by_year(&h, Some(2022));
        assert_eq!(
            all.iter().map(|s| s.year).collect::<Vec<_>>(),
            [2019, 2020, 2021, 2022]
        );
        assert_eq!(all[3].additions_daa + all[3].withdrawals_daa, 0.0);
        assert_eq!(all[3].in_use_daa + all[3].future_daa, 56.0);
    }

    #[test]
    fn state_at_keeps_every_change_and_carries_geometry() {
        let mut h = history();
        let g = Geometry {
            polygons: vec![vec![vec![
                [10.0, 59.0],
                [10.1, 59.0],
                [10.1, 59.1],
                [10.0, 59.0],
            ]]],
        };
        h[0].state.geometry = Some(g.clone());
        let s = state_at(&h, d("2020-12-31"));
        assert_eq!(s["A"].availability, Reserved);
        assert_eq!(s["A"].geometry.as_ref(), Some(&g));
        assert!(!state_at(&h, d("2018-12-31")).contains_key("A"));
    }

    #[test]
    fn csv_and_geojson_round_trip() {
        let mut h = history();
        h[1].state.geometry = Some(Geometry {
            polygons: vec![vec![vec![
                [10.4, 59.7],
                [10.41, 59.7],
                [10.41, 59.71],
                [10.4, 59.7],
            ]]],
        });
        h[2].state.area_daa = 40.25;
        h[2].note = "Bygget; \"ferdig\"".into();
        let csv = to_csv(&h);
        let mut back = parse_csv("x.csv", csv.as_bytes()).unwrap();
        let key = |c: &SiteChange| (c.site_id.clone(), c.date);
        let mut want = h.clone();
        want.sort_by_key(key);
        back.sort_by_key(key);
        assert_eq!(back, want);
        let gj = to_geojson(&h).to_string();
        let mut back = parse_any("x.geojson", gj.as_bytes()).unwrap();
        back.sort_by_key(key);
        assert_eq!(back, want);
    }

    #[test]
    fn bad_rows_are_located() {
        let head = "id;dato;navn;areal_daa;planstatus;tilgjengelighet;formal\n";
        let e = parse_csv(
            "l.csv",
            format!("{head}A;2020-01-01;A;12x;regulert;ledig;kontor\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(e.location, Location::Line(2));
        assert_eq!(e.field.as_deref(), Some("areal_daa"));
        let e = parse_csv(
            "l.csv",
            format!("{head}A;2020-01-01;A;1;regulert;ledig;kontor\nA;2020-01-01;A;2;regulert;ledig;kontor\n").as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv: line 3: dato: site A has two changes dated 2020-01-01 (the first at line 2)"
        );
        let e = parse_csv("l.csv", b"id;navn\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("l.csv: line 1: the header has no column \"dato\""),
            "{e}"
        );
        let e = parse_geojson(
            "l.geojson",
            br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","dato":"2020-01-01","navn":"A","areal_daa":3,"planstatus":"regulert","tilgjengelighet":"ledig","formal":"kontor"},"geometry":{"type":"Point","coordinates":[10,59]}}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.location, Location::Feature(1));
        assert_eq!(e.field.as_deref(), Some("geometri"));
    }
}
