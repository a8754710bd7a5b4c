//! Named series (the catalogue in `data/series.toml`) resolved for one municipality and year on
//! any geography, with provenance.
//!
//! The indicator engine asks for e.g. `jobs` for 3203 in 2019 on the 2024 geography. SSB
//! publishes 2019 figures on the 2019 municipalities, so the store finds the codes valid on
//! 1 January 2019 that became 3203 (0220, 0627, 0628, via `stats::geography`), reads their
//! observations and sums them — or refuses, naming the codes, when the series is a ratio or
//! otherwise not additive. A series published on later borders (a re-districted table, or
//! `agg:KommSummer` codes) is found under the target code itself when the year's own codes have
//! no data. The commuting-matrix series `employed_residents_local` is special: for a merged
//! municipality M it is the whole block of flows home ∈ M × work ∈ M, not the sum of the
//! parts' diagonals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use stats::geography::{Additivity, Geography, GeographyError, Series};
use stats::jsonstat::MissingReason;
use time::{Date, Month};

use crate::{Backend, Store, StoreError};

/// The catalogue compiled into the binary: `data/series.toml`.
pub const BUNDLED_CATALOGUE: &str = include_str!("../../../../data/series.toml");

/// How a series is computed from its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// Sum of the selected cells over the municipality's component codes.
    #[default]
    Sum,
    /// The block of a commuting matrix: Σ flows with home ∈ M and work ∈ M, where the home is
    /// the region dimension and the work municipality is `work_dimension`.
    CommutingBlock,
}

/// Whether values may be summed across merged municipalities (as in the catalogue file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdditivityKind {
    /// Counts: a merged municipality's value is the sum of its parts.
    Additive,
    /// A ratio of two additive series: never summed.
    Ratio,
    /// Anything else that cannot be summed.
    NonAdditive,
}

/// Sum over a run of numeric category codes, e.g. the single-year ages 015…074 of 07459.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SumOver {
    /// The dimension id, e.g. `"Alder"`.
    pub dimension: String,
    /// First code (inclusive).
    pub from: u32,
    /// Last code (inclusive).
    pub to: u32,
    /// Width of the zero-padded code (`3` for `"015"`).
    #[serde(default = "default_width")]
    pub width: usize,
}

fn default_width() -> usize {
    3
}

fn default_period() -> String {
    "{year}".to_owned()
}

/// One named series of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesDef {
    /// SSB statistics-bank table id.
    pub table: String,
    /// The contents code (category of `ContentsCode`).
    pub contents: String,
    /// Fixed codes of other dimensions (e.g. `Alder = "15-74"`).
    #[serde(default)]
    pub filters: BTreeMap<String, String>,
    /// A dimension summed over a run of codes.
    pub sum_over: Option<SumOver>,
    /// A dimension the caller selects (e.g. the industry of `jobs_by_industry`).
    pub by: Option<String>,
    /// How the series is computed.
    #[serde(default)]
    pub kind: SeriesKind,
    /// For [`SeriesKind::CommutingBlock`]: the work-municipality dimension.
    pub work_dimension: Option<String>,
    /// The time code for a year: `"{year}"` or e.g. `"{year}K4"`.
    #[serde(default = "default_period")]
    pub period: String,
    /// Unit of measure.
    pub unit: String,
    /// Additivity across mergers.
    pub additivity: AdditivityKind,
    /// For a ratio: the numerator series.
    pub numerator: Option<String>,
    /// For a ratio: the denominator series.
    pub denominator: Option<String>,
    /// Description in Norwegian (bokmål).
    pub description_nb: String,
    /// Description in English.
    pub description_en: String,
    /// The table's page or API address.
    pub source_url: String,
    /// False when the table id or codes are our best knowledge, not checked against public
    /// evidence.
    #[serde(default = "yes")]
    pub verified: bool,
    /// Where the table id and codes were seen (URLs, or repository and path, or a search-index
    /// reference with a short quote); empty when nothing was found.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Free notes (e.g. what is synthetic in the bundled snapshot).
    pub note: Option<String>,
}

fn yes() -> bool {
    true
}

impl SeriesDef {
    /// The additivity as `stats::geography` wants it.
    pub fn additivity(&self) -> Additivity {
        match self.additivity {
            AdditivityKind::Additive => Additivity::Additive,
            AdditivityKind::NonAdditive => Additivity::NonAdditive,
            AdditivityKind::Ratio => Additivity::Ratio {
                numerator: self.numerator.clone().unwrap_or_default(),
                denominator: self.denominator.clone().unwrap_or_default(),
            },
        }
    }

    /// The period code of a year.
    pub fn period_of(&self, year: i32) -> String {
        self.period.replace("{year}", &year.to_string())
    }

    /// The series keys whose cells are summed (one element unless `sum_over` is set), with
    /// `by` set to `selection`.
    pub fn series_keys(&self, selection: Option<&str>) -> Result<Vec<String>, ResolveError> {
        let mut fixed: Vec<(String, String)> = self
            .filters
            .iter()
            .map(|(d, c)| (d.clone(), c.clone()))
            .collect();
        if let Some(by) = &self.by {
            let code = selection.ok_or_else(|| ResolveError::NeedsSelection {
                dimension: by.clone(),
            })?;
            fixed.push((by.clone(), code.to_owned()));
        }
        let keys = match &self.sum_over {
            None => vec![key_of(&fixed)],
            Some(s) => (s.from..=s.to)
                .map(|n| {
                    let mut p = fixed.clone();
                    p.push((s.dimension.clone(), format!("{n:0w$}", w = s.width)));
                    key_of(&p)
                })
                .collect(),
        };
        Ok(keys)
    }
}

fn key_of(pairs: &[(String, String)]) -> String {
    let p: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    super::series_key(&p)
}

/// The catalogue of named series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesCatalogue {
    /// Series by name.
    pub series: BTreeMap<String, SeriesDef>,
}

impl SeriesCatalogue {
    /// Parses a catalogue file (TOML, `[series.NAME]` tables).
    pub fn parse(text: &str) -> Result<SeriesCatalogue, ResolveError> {
        let c: SeriesCatalogue =
            toml::from_str(text).map_err(|e| ResolveError::Catalogue(e.to_string()))?;
        for (name, def) in &c.series {
            if def.kind == SeriesKind::CommutingBlock && def.work_dimension.is_none() {
                return Err(ResolveError::Catalogue(format!(
                    "series {name}: a commuting_block series needs work_dimension"
                )));
            }
            if def.additivity == AdditivityKind::Ratio
                && (def.numerator.is_none() || def.denominator.is_none())
            {
                return Err(ResolveError::Catalogue(format!(
                    "series {name}: a ratio needs numerator and denominator"
                )));
            }
        }
        Ok(c)
    }

    /// The bundled catalogue (`data/series.toml`).
    pub fn bundled() -> SeriesCatalogue {
        Self::parse(BUNDLED_CATALOGUE).expect("data/series.toml is valid (tested)")
    }

    /// A series by name.
    pub fn get(&self, name: &str) -> Result<&SeriesDef, ResolveError> {
        self.series
            .get(name)
            .ok_or_else(|| ResolveError::UnknownSeries {
                name: name.to_owned(),
                known: self.series.keys().cloned().collect(),
            })
    }
}

/// Why a series could not be resolved. (A value SSB does not publish is not an error: it is a
/// [`Resolved`] with no value and a [`Missing`] reason.)
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// No such series in the catalogue.
    #[error("ukjent serie {name:?} (kjente: {})", known.join(", "))]
    UnknownSeries {
        /// The name asked for.
        name: String,
        /// The names in the catalogue.
        known: Vec<String>,
    },
    /// The series needs a category of its `by` dimension.
    #[error("serien må avgrenses med en kode for dimensjonen {dimension}")]
    NeedsSelection {
        /// The dimension.
        dimension: String,
    },
    /// The catalogue file is invalid.
    #[error("seriekatalogen: {0}")]
    Catalogue(String),
    /// Geography: an invalid code or date, or a refused sum (ratio / not additive).
    #[error(transparent)]
    Geography(#[from] GeographyError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ResolveError {
    fn from(e: sqlx::Error) -> Self {
        ResolveError::Store(StoreError::Db(e))
    }
}

/// Why there is no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// SSB's status symbol (`..`, `:`, …); `None` when the store has no observation at all.
    pub symbol: Option<String>,
    /// Meaning in Norwegian.
    pub meaning_nb: String,
    /// Meaning in English.
    pub meaning_en: String,
}

impl Missing {
    pub(crate) fn from_symbol(s: &str) -> Missing {
        let r = MissingReason::from_symbol(s);
        Missing {
            symbol: r.symbol().map(str::to_owned),
            meaning_nb: r.meaning_nb().to_owned(),
            meaning_en: r.meaning_en().to_owned(),
        }
    }

    pub(crate) fn no_data(what: &str) -> Missing {
        Missing {
            symbol: None,
            meaning_nb: format!("ingen observasjon i lageret ({what})"),
            meaning_en: format!("no observation in the store ({what})"),
        }
    }

    /// A ratio or non-additive series asked for a merged or split municipality, with no figure
    /// published on its own borders.
    pub(crate) fn not_summable(series: &str, codes: &[String]) -> Missing {
        Missing {
            symbol: None,
            meaning_nb: format!(
                "{series} kan ikke summeres over sammenslåingen ({}), og er ikke publisert på de nye grensene",
                codes.join(" + ")
            ),
            meaning_en: format!(
                "{series} cannot be summed across the merger ({}) and is not published on the new borders",
                codes.join(" + ")
            ),
        }
    }
}

/// Where a number came from: one imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Provenance {
    /// SSB table id.
    pub table_id: String,
    /// Source URL.
    pub source_url: Option<String>,
    /// SSB `updated` of the release (RFC 3339).
    pub updated: Option<String>,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// SHA-256 of the imported file.
    pub file_sha256: String,
    /// The imported file's name.
    pub file_name: String,
    /// Synthetic (generated) data, not SSB's.
    pub synthetic: bool,
}

/// One code on the series' own geography that makes up the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedComponent {
    /// The code, e.g. `"0220"`.
    pub region: String,
    /// Its name on the series' date, when known.
    pub name: Option<String>,
    /// The share of its value counted (1 unless it was split).
    pub share: f64,
    /// Its value (for a commuting block: its flows into the block).
    pub value: Option<f64>,
    /// Why it has no value.
    pub missing: Option<Missing>,
}

/// How the value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The code itself, on its own geography.
    Direct,
    /// Summed from the codes valid on the series' date.
    Summed,
    /// Published under the target code on later borders (re-districted by the publisher).
    Redistricted,
    /// The block of commuting flows within the merged municipality.
    CommutingBlock,
}

/// A resolved value: plain data for the engine's adapter and for `stats get`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// The series name.
    pub series: String,
    /// Table id.
    pub table_id: String,
    /// Contents code.
    pub contents_code: String,
    /// The municipality asked for.
    pub region: String,
    /// Its name on `geography_at`.
    pub region_name: Option<String>,
    /// The year asked for.
    pub year: i32,
    /// The period code read (`"2022"`, `"2022K4"`).
    pub period: String,
    /// The geography the answer is on.
    pub geography_at: Date,
    /// The date of the codes the data is published on.
    pub series_date: Date,
    /// The value, if there is one.
    pub value: Option<f64>,
    /// Why there is no value.
    pub missing: Option<Missing>,
    /// Unit.
    pub unit: String,
    /// How it was found.
    pub method: Method,
    /// True if any number in it is synthetic.
    pub synthetic: bool,
    /// The codes summed (one for a direct value).
    pub components: Vec<ResolvedComponent>,
    /// Every file that contributed.
    pub provenance: Vec<Provenance>,
}

/// One stored observation (current unless `superseded_by` is set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredObservation {
    /// Row id.
    pub id: i64,
    /// Contents code.
    pub contents_code: String,
    /// Series key (other dimensions).
    pub series_key: String,
    /// Normalised region code.
    pub region: String,
    /// Region code as in the file.
    pub region_raw: String,
    /// Period code.
    pub period: String,
    /// The value.
    pub value: Option<f64>,
    /// Status symbol (the missing reason when `value` is `None`).
    pub status: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Decimals.
    pub decimals: Option<i64>,
    /// The import that superseded this row.
    pub superseded_by: Option<i64>,
    /// Provenance.
    pub provenance: Provenance,
}

impl StoredObservation {
    /// The reason there is no value, with its meaning.
    pub fn missing(&self) -> Option<Missing> {
        self.value
            .is_none()
            .then(|| Missing::from_symbol(self.status.as_deref().unwrap_or("")))
    }
}

macro_rules! select_obs {
    ($tail:literal) => {
        concat!(
            "SELECT o.id, o.contents_code, o.series_key, o.region, o.region_raw, o.period, o.value, o.status, o.unit, o.decimals, o.superseded_by, ",
            "o.table_id, o.source_url, o.updated, o.imported_at, o.file_sha256, o.synthetic, i.file_name ",
            "FROM observations o JOIN imports i ON i.id = o.import_id ",
            $tail
        )
    };
}

fn obs_from_row(r: &sqlx::any::AnyRow) -> Result<StoredObservation, sqlx::Error> {
    Ok(StoredObservation {
        id: r.try_get("id")?,
        contents_code: r.try_get("contents_code")?,
        series_key: r.try_get("series_key")?,
        region: r.try_get("region")?,
        region_raw: r.try_get("region_raw")?,
        period: r.try_get("period")?,
        value: r.try_get("value")?,
        status: r.try_get("status")?,
        unit: r.try_get("unit")?,
        decimals: r.try_get("decimals")?,
        superseded_by: r.try_get("superseded_by")?,
        provenance: Provenance {
            table_id: r.try_get("table_id")?,
            source_url: r.try_get("source_url")?,
            updated: r.try_get("updated")?,
            imported_at: r.try_get("imported_at")?,
            file_sha256: r.try_get("file_sha256")?,
            file_name: r.try_get("file_name")?,
            synthetic: r.try_get::<i64, _>("synthetic")? != 0,
        },
    })
}

impl Store {
    /// The current observations of `table`/`contents` for `period` in any of `regions`
    /// (normalised codes), every series key.
    pub async fn current_observations(
        &self,
        table: &str,
        contents: &str,
        regions: &[String],
        period: &str,
    ) -> Result<Vec<StoredObservation>, StoreError> {
        let list = serde_json::to_string(regions)?;
        let sql = match self.backend() {
            Backend::Sqlite => select_obs!(
                "WHERE o.table_id = $1 AND o.contents_code = $2 AND o.period = $3 AND o.superseded_by IS NULL AND o.region IN (SELECT value FROM json_each($4)) ORDER BY o.region, o.series_key"
            ),
            Backend::Postgres => select_obs!(
                "WHERE o.table_id = $1 AND o.contents_code = $2 AND o.period = $3 AND o.superseded_by IS NULL AND o.region IN (SELECT jsonb_array_elements_text($4::jsonb)) ORDER BY o.region, o.series_key"
            ),
        };
        let rows = sqlx::query(sql)
            .bind(table)
            .bind(contents)
            .bind(period)
            .bind(list)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(obs_from_row).collect::<Result<_, _>>()?)
    }

    /// Every row ever stored for one key, oldest first (current and superseded): the history
    /// of releases.
    pub async fn observation_history(
        &self,
        table: &str,
        contents: &str,
        series_key: &str,
        region: &str,
        period: &str,
    ) -> Result<Vec<StoredObservation>, StoreError> {
        let rows = sqlx::query(select_obs!(
            "WHERE o.table_id = $1 AND o.contents_code = $2 AND o.series_key = $3 AND o.region = $4 AND o.period = $5 ORDER BY o.id"
        ))
        .bind(table)
        .bind(contents)
        .bind(series_key)
        .bind(region)
        .bind(period)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(obs_from_row).collect::<Result<_, _>>()?)
    }

    /// The contents codes stored for a table, sorted.
    pub async fn contents_codes(&self, table: &str) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT contents_code FROM observation_series WHERE table_id = $1 ORDER BY contents_code",
        )
        .bind(table)
        .fetch_all(self.pool())
        .await?)
    }

    /// Resolves a catalogue series for a municipality and year (see the module docs).
    ///
    /// `geography_at`: the date whose municipality the answer is for; `None` = 1 January of
    /// `year` if `municipality_code` is valid then, else the latest date the code is valid.
    pub async fn resolve(
        &self,
        geo: &Geography,
        catalogue: &SeriesCatalogue,
        series: &str,
        municipality_code: &str,
        year: i32,
        geography_at: Option<Date>,
    ) -> Result<Resolved, ResolveError> {
        let def = catalogue.get(series)?;
        self.resolve_def(
            geo,
            series,
            def,
            municipality_code,
            year,
            geography_at,
            None,
        )
        .await
    }

    /// As [`Store::resolve`] for any definition, with the category of its `by` dimension.
    #[allow(clippy::too_many_arguments)]
    pub async fn resolve_def(
        &self,
        geo: &Geography,
        name: &str,
        def: &SeriesDef,
        municipality_code: &str,
        year: i32,
        geography_at: Option<Date>,
        selection: Option<&str>,
    ) -> Result<Resolved, ResolveError> {
        let code = stats::geography::municipality_code(municipality_code)
            .unwrap_or(municipality_code)
            .to_owned();
        let jan1 = Date::from_calendar_date(year, Month::January, 1)
            .map_err(|e| ResolveError::Catalogue(format!("year {year}: {e}")))?;
        let series_date = jan1.max(geo.coverage_start());
        let at = match geography_at {
            Some(d) => d,
            None => default_geography(geo, &code, series_date),
        };
        let target = geo.municipality(&code, at)?;
        let region_name = Some(target.name.clone());
        let period = def.period_of(year);
        let keys = def.series_keys(selection)?;
        let additivity = def.additivity();

        // The codes on the series' date that make up the target.
        let components: Vec<String> = if at >= series_date {
            geo.predecessors(&code, at, series_date)?
        } else {
            // Asking for an earlier geography than the data: only a code that carries on.
            geo.municipality(&code, series_date)?;
            vec![code.clone()]
        };
        // Refuse a non-additive sum before reading anything (names the codes). A commuting
        // block is the right aggregate of a merged municipality, so it is not refused.
        let probe_additivity = match def.kind {
            SeriesKind::CommutingBlock => Additivity::Additive,
            SeriesKind::Sum => additivity.clone(),
        };
        let mut probe = Series::new(name, series_date, probe_additivity);
        for c in &components {
            probe = probe.with(c.clone(), 0.0);
        }
        let mapped = geo.map_series(&probe, at)?;
        let shares: BTreeMap<String, f64> = mapped
            .values
            .get(&code)
            .map(|m| {
                m.components
                    .iter()
                    .map(|c| (c.code.clone(), c.share))
                    .collect()
            })
            .unwrap_or_else(|| components.iter().map(|c| (c.clone(), 1.0)).collect());

        let mut out = Resolved {
            series: name.to_owned(),
            table_id: def.table.clone(),
            contents_code: def.contents.clone(),
            region: code.clone(),
            region_name,
            year,
            period: period.clone(),
            geography_at: at,
            series_date,
            value: None,
            missing: None,
            unit: def.unit.clone(),
            method: Method::Summed,
            synthetic: false,
            components: Vec::new(),
            provenance: Vec::new(),
        };

        let rows = self
            .current_observations(&def.table, &def.contents, &components, &period)
            .await?;
        let is_block = def.kind == SeriesKind::CommutingBlock;
        let wanted_key = |r: &StoredObservation| is_block || keys.contains(&r.series_key);
        let rows: Vec<StoredObservation> = rows.into_iter().filter(|r| wanted_key(r)).collect();
        let mut redistricted: Option<String> = None;
        let rows = if is_block || !rows.is_empty() {
            rows
        } else {
            // Nothing on the year's own codes: the figure may be published under the target
            // code on later borders (re-districted), or under the code it was renumbered to.
            let mut found = Vec::new();
            for cand in fallback_codes(geo, &code, at, &components) {
                let direct: Vec<StoredObservation> = self
                    .current_observations(
                        &def.table,
                        &def.contents,
                        std::slice::from_ref(&cand),
                        &period,
                    )
                    .await?
                    .into_iter()
                    .filter(|r| wanted_key(r))
                    .collect();
                if !direct.is_empty() {
                    found = direct;
                    redistricted = Some(cand);
                    break;
                }
            }
            found
        };
        let method = if is_block {
            Method::CommutingBlock
        } else if redistricted.is_some() {
            Method::Redistricted
        } else if components == [code.clone()] {
            Method::Direct
        } else {
            Method::Summed
        };
        out.method = method;
        if redistricted.is_some() {
            out.series_date = at;
        }
        let used_codes: Vec<String> = match &redistricted {
            Some(c) => vec![c.clone()],
            None => components.clone(),
        };
        let mut total = Some(0.0);
        let mut first_missing: Option<Missing> = None;
        let mut provenance: BTreeMap<String, Provenance> = BTreeMap::new();
        for c in &used_codes {
            let share = if method == Method::Redistricted {
                1.0
            } else {
                shares.get(c).copied().unwrap_or(1.0)
            };
            let mut value = Some(0.0);
            let mut missing = None;
            let wanted: Vec<String> = if def.kind == SeriesKind::CommutingBlock {
                let work = def.work_dimension.as_deref().unwrap_or("ArbstedKomm");
                used_codes
                    .iter()
                    .map(|w| {
                        let mut p: Vec<(String, String)> = def
                            .filters
                            .iter()
                            .map(|(a, b)| (a.clone(), b.clone()))
                            .collect();
                        p.push((work.to_owned(), w.clone()));
                        key_of(&p)
                    })
                    .collect()
            } else {
                keys.clone()
            };
            for k in &wanted {
                let row = rows.iter().find(|r| &r.region == c && &r.series_key == k);
                match row {
                    Some(r) => {
                        provenance
                            .entry(r.provenance.file_sha256.clone())
                            .or_insert_with(|| r.provenance.clone());
                        match (r.value, value) {
                            (Some(v), Some(acc)) => value = Some(acc + v),
                            (None, _) => {
                                value = None;
                                missing.get_or_insert_with(|| {
                                    Missing::from_symbol(r.status.as_deref().unwrap_or(""))
                                });
                            }
                            (Some(_), None) => {}
                        }
                    }
                    None => {
                        value = None;
                        missing.get_or_insert_with(|| {
                            Missing::no_data(&format!(
                                "{} {} {} {}{}",
                                def.table,
                                def.contents,
                                c,
                                period,
                                if k.is_empty() {
                                    String::new()
                                } else {
                                    format!(" {k}")
                                }
                            ))
                        });
                    }
                }
            }
            total = match (total, value) {
                (Some(t), Some(v)) => Some(t + v * share),
                _ => None,
            };
            if value.is_none() && first_missing.is_none() {
                first_missing = missing.clone();
            }
            let name = geo
                .versions_of(stats::geography::Level::Municipality, c)
                .into_iter()
                .find(|v| method == Method::Redistricted || v.is_valid_at(series_date))
                .map(|v| v.name.clone());
            out.components.push(ResolvedComponent {
                region: c.clone(),
                name,
                share,
                value,
                missing,
            });
        }
        out.value = total;
        out.missing = if total.is_none() { first_missing } else { None };
        out.provenance = provenance.into_values().collect();
        out.synthetic = out.provenance.iter().any(|p| p.synthetic);
        Ok(out)
    }
}

/// Codes to try when the year's own codes have no data: the target itself (a table published on
/// later borders), then the code it was later renumbered to, if that is a pure renumbering
/// (one successor, whose only predecessor is the target): 3025 → 3203.
fn fallback_codes(geo: &Geography, code: &str, at: Date, components: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if components != [code.to_owned()] {
        out.push(code.to_owned());
    }
    let today = time::OffsetDateTime::now_utc().date();
    if today > at
        && let Ok(next) = geo.successors(code, at, today)
        && let [s] = next.as_slice()
        && s != code
        && geo
            .predecessors(s, today, at)
            .is_ok_and(|p| p == [code.to_owned()])
    {
        out.push(s.clone());
    }
    out
}

/// 1 January of the series' year when the code is valid then, else the last day it is valid
/// (or the series' date when unknown, which then fails with a message saying when the code was
/// valid). The borders [`Store::resolve`] reads a year on when the caller names none; a
/// panel's caller passes the same to [`crate::observations::SeriesPanel::resolve`] to get the
/// same answer.
pub fn default_geography(geo: &Geography, code: &str, series_date: Date) -> Date {
    if geo.municipality(code, series_date).is_ok() {
        return series_date;
    }
    let versions = geo.versions_of(stats::geography::Level::Municipality, code);
    match versions.last() {
        Some(v) => match v.valid_to {
            None => v.valid_from.unwrap_or(series_date).max(series_date),
            Some(_) => v.last_day().unwrap_or(series_date),
        },
        None => series_date,
    }
}
