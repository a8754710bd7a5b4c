//! The data behind an indicator, for download (CSV and JSON): every value shown on its page,
//! year by year, with its source, whether it is the value that counts, whether it rests on demo
//! (synthetic) data, the ambition and the verdict; the source tables with their addresses; and
//! when those tables were last fetched. The rows are the dashboard's own
//! ([`crate::indicators::year_rows`]), so a download never says something the page does not.

use std::collections::BTreeSet;

use serde::Serialize;
use store::observations::{ImportRecord, SeriesCatalogue};

use crate::indicators::{Evaluated, ValueRow, year_rows};

/// One value (or one year without a value) of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataRow {
    /// The year.
    pub year: i32,
    /// The value in the indicator's unit (none: no value that year).
    pub value: Option<f64>,
    /// Whether this is the value that counts (the one judged and shown first).
    pub counts: bool,
    /// `computed`, `published`, `plan_quote` or `demo`; empty without a value.
    pub source_kind: String,
    /// Rests on demo (synthetic) data: shown, never judged.
    pub demo: bool,
    /// The source in detail.
    pub source: String,
    /// The year's ambition.
    pub ambition: Option<f64>,
    /// The year's verdict (`achieved`, `not_achieved`, `no_data`, `no_ambition`,
    /// `demo_not_judged`); on the value that counts, and on a year without values.
    pub verdict: String,
}

/// A source table with its public address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLink {
    /// The table in words, e.g. `SSB tabell 03321`.
    pub name: String,
    /// Its page.
    pub url: String,
}

/// Everything an indicator's download holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorData {
    /// The indicator's id.
    pub indicator_id: String,
    /// Its name (Norwegian).
    pub name: String,
    /// The unit of the values (`percent`, `rank`, …).
    pub unit: String,
    /// The tables the computed values are read from, with their pages.
    pub sources: Vec<SourceLink>,
    /// When those tables were last fetched or imported (RFC 3339, UTC), if they were.
    pub fetched: Option<String>,
    /// The values, year by year.
    pub rows: Vec<DataRow>,
}

fn name_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The SSB tables an indicator's definition reads.
fn tables_of(indicator: &plan::Indicator) -> BTreeSet<String> {
    let catalogue = SeriesCatalogue::bundled();
    match &indicator.computation {
        plan::Computation::Definition { definition } => engine::definitions::definition(definition)
            .map(|d| {
                d.needs
                    .iter()
                    .filter_map(|n| {
                        let base = n.series.split(':').next().unwrap_or(n.series);
                        catalogue.get(base).ok().map(|def| def.table.clone())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        plan::Computation::Published { .. } => BTreeSet::new(),
    }
}

/// The download of one evaluated indicator; `imports` are the store's imports (for the fetch
/// date).
pub fn indicator_data(plan: &plan::Plan, e: &Evaluated, imports: &[ImportRecord]) -> IndicatorData {
    let ev = &e.evaluation;
    let indicator = plan.indicator(&ev.indicator_id);
    let tables = indicator.map(tables_of).unwrap_or_default();
    let mut rows = Vec::new();
    for y in year_rows(plan, ev) {
        let row = |v: &ValueRow, counts: bool| DataRow {
            year: y.year,
            value: Some(v.value),
            counts,
            source_kind: name_of(&v.source),
            demo: v.source == engine::Source::Demo,
            source: v.detail.clone(),
            ambition: y.ambition,
            verdict: if counts {
                name_of(&y.verdict)
            } else {
                String::new()
            },
        };
        match &y.value {
            Some(v) => rows.push(row(v, true)),
            None => rows.push(DataRow {
                year: y.year,
                value: None,
                counts: false,
                source_kind: String::new(),
                demo: false,
                source: String::new(),
                ambition: y.ambition,
                verdict: name_of(&y.verdict),
            }),
        }
        rows.extend(y.also.iter().map(|v| row(v, false)));
    }
    IndicatorData {
        indicator_id: ev.indicator_id.clone(),
        name: ev.name.nb.clone(),
        unit: name_of(&ev.unit),
        sources: tables
            .iter()
            .map(|t| SourceLink {
                name: format!("SSB tabell {t}"),
                url: format!("https://www.ssb.no/statbank/table/{t}"),
            })
            .collect(),
        fetched: imports
            .iter()
            .filter(|i| i.table_id.as_ref().is_some_and(|t| tables.contains(t)))
            .map(|i| i.imported_at.clone())
            .max(),
        rows,
    }
}

/// The rows as CSV (comma-separated, a header row, `.` as the decimal sign); a cell that a
/// spreadsheet would run as a formula is prefixed with `'` ([`sheet::csv_safe`]).
pub fn to_csv(data: &IndicatorData) -> Vec<u8> {
    use sheet::csv_safe::write_record;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = write_record(
        &mut w,
        [
            "indicator_id",
            "year",
            "value",
            "unit",
            "counts",
            "source_kind",
            "demo",
            "source",
            "ambition",
            "verdict",
        ],
    );
    for r in &data.rows {
        let _ = write_record(
            &mut w,
            [
                data.indicator_id.clone(),
                r.year.to_string(),
                r.value.map(|v| v.to_string()).unwrap_or_default(),
                data.unit.clone(),
                r.counts.to_string(),
                r.source_kind.clone(),
                r.demo.to_string(),
                r.source.clone(),
                r.ambition.map(|v| v.to_string()).unwrap_or_default(),
                r.verdict.clone(),
            ],
        );
    }
    w.into_inner().unwrap_or_default()
}
