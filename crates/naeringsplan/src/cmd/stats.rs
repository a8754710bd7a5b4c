//! `naeringsplan stats get`: one value from the store with its provenance, on any geography.

use std::process::ExitCode;

use clap::Subcommand;
use stats::geography::Geography;
use store::observations::{
    AdditivityKind, Method, Resolved, SeriesCatalogue, SeriesDef, SeriesKind,
};
use time::Date;

use crate::Format;
use crate::context::Options;

#[derive(Subcommand, Debug)]
pub enum StatsCommand {
    /// The value of a table (or catalogue series) for a municipality and year, with where it
    /// came from: table, source URL, SSB's `updated`, when it was imported, the file's SHA-256,
    /// and whether it is real or synthetic. For a municipality formed by a merger, read on a
    /// later geography, it lists the old municipalities summed and their values.
    ///
    /// A value SSB does not publish is shown as its reason (`..`, `:` …), never as 0.
    Get {
        /// SSB table id, e.g. 07459.
        #[arg(long, required_unless_present = "series")]
        table: Option<String>,
        /// A series of the catalogue (data/series.toml) instead of a table, e.g. population_15_74.
        #[arg(long, conflicts_with = "table")]
        series: Option<String>,
        /// Municipality code, e.g. 3025 or K-3025.
        #[arg(long)]
        region: String,
        /// Year.
        #[arg(long)]
        year: i32,
        /// ContentsCode (needed when the table has several), e.g. Personer1.
        #[arg(long)]
        contents: Option<String>,
        /// For series with a selectable dimension (jobs_by_industry): the category, e.g. 58-63.
        #[arg(long)]
        by: Option<String>,
        /// Answer on the municipalities valid on this date (YYYY-MM-DD). Default: 1 January of
        /// the year if the code is valid then, else the last date the code is valid.
        #[arg(long, value_parser = parse_date)]
        geography_at: Option<Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    plan::date::parse(s).map_err(|e| format!("expected a date YYYY-MM-DD: {e}"))
}

pub async fn run(opts: &Options, command: StatsCommand) -> anyhow::Result<ExitCode> {
    match command {
        StatsCommand::Get {
            table,
            series,
            region,
            year,
            contents,
            by,
            geography_at,
            format,
        } => {
            let ctx = opts.open().await?;
            crate::snapshot::ensure(&ctx.store, &crate::progress::Bars::new(1)).await?;
            let catalogue = SeriesCatalogue::bundled();
            let geo = Geography::bundled();
            let (name, def) = match (series, table) {
                (Some(s), _) => (s.clone(), catalogue.get(&s)?.clone()),
                (None, Some(t)) => {
                    let def = ad_hoc(&ctx.store, &catalogue, &t, contents.as_deref()).await?;
                    (format!("{t} {}", def.contents), def)
                }
                (None, None) => anyhow::bail!("oppgi --table eller --series"),
            };
            let r = ctx
                .store
                .resolve_def(geo, &name, &def, &region, year, geography_at, by.as_deref())
                .await?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&r)?),
                Format::Text => print!("{}", text(&r, &def)),
            }
            ctx.store.close().await;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A definition for a bare table: its only (or the given) contents code, no other dimensions,
/// additivity from the catalogue when a series uses the same table and contents, else additive
/// unless the unit is a percentage.
async fn ad_hoc(
    store: &store::Store,
    catalogue: &SeriesCatalogue,
    table: &str,
    contents: Option<&str>,
) -> anyhow::Result<SeriesDef> {
    let available = store.contents_codes(table).await?;
    let contents = match contents {
        Some(c) => c.to_owned(),
        None => match available.as_slice() {
            [one] => one.clone(),
            [] => anyhow::bail!(
                "tabell {table} finnes ikke i lageret (no observations of table {table}); importer den med `naeringsplan import` eller hent den med `naeringsplan fetch`"
            ),
            many => anyhow::bail!(
                "tabell {table} har flere statistikkvariabler; velg en med --contents: {}",
                many.join(", ")
            ),
        },
    };
    let known = catalogue.series.values().find(|d| {
        d.table == table
            && d.contents == contents
            && d.filters.is_empty()
            && d.sum_over.is_none()
            && d.by.is_none()
            && d.kind == SeriesKind::Sum
    });
    if let Some(d) = known {
        return Ok(d.clone());
    }
    Ok(SeriesDef {
        table: table.to_owned(),
        contents,
        filters: Default::default(),
        sum_over: None,
        by: None,
        kind: SeriesKind::Sum,
        work_dimension: None,
        period: "{year}".to_owned(),
        unit: String::new(),
        additivity: AdditivityKind::Additive,
        numerator: None,
        denominator: None,
        description_nb: format!("Tabell {table}"),
        description_en: format!("Table {table}"),
        source_url: format!("https://www.ssb.no/statbank/table/{table}"),
        verified: true,
        evidence: Vec::new(),
        note: None,
    })
}

fn num(v: f64) -> String {
    plan::fmt::number_auto(v, 2)
}

fn text(r: &Resolved, def: &SeriesDef) -> String {
    let mut out = String::new();
    let name = r.region_name.as_deref().unwrap_or("?");
    out.push_str(&format!(
        "{name} ({}), {} — {} (tabell {}, {})\n",
        r.region, r.year, def.description_nb, r.table_id, r.contents_code
    ));
    match (r.value, &r.missing) {
        (Some(v), _) => out.push_str(&format!("Verdi: {} {}\n", num(v), r.unit)),
        (None, Some(m)) => out.push_str(&format!(
            "Ingen verdi: {}{}\n",
            m.symbol
                .as_deref()
                .map(|s| format!("«{s}» "))
                .unwrap_or_default(),
            m.meaning_nb
        )),
        (None, None) => out.push_str("Ingen verdi\n"),
    }
    if r.synthetic {
        out.push_str(
            "SYNTETISKE DATA: tallet er generert av naeringsplan, ikke publisert av SSB.\n",
        );
    } else {
        out.push_str("Ekte data (SSB).\n");
    }
    out.push_str(&format!(
        "Geografi: kommunene per {}; tallene er publisert på kommunene per {}.\n",
        r.geography_at, r.series_date
    ));
    match r.method {
        Method::Summed | Method::CommutingBlock if r.components.len() > 1 => {
            out.push_str(if r.method == Method::CommutingBlock {
                "Blokk av pendlingsstrømmer mellom:\n"
            } else {
                "Summert av:\n"
            });
            for c in &r.components {
                let v = match (c.value, &c.missing) {
                    (Some(v), _) => num(v),
                    (None, Some(m)) => {
                        format!("{} {}", m.symbol.as_deref().unwrap_or(""), m.meaning_nb)
                    }
                    (None, None) => "–".to_owned(),
                };
                let share = if (c.share - 1.0).abs() > 1e-12 {
                    format!(" (andel {})", num(c.share))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "  {} {}: {v}{share}\n",
                    c.region,
                    c.name.as_deref().unwrap_or("")
                ));
            }
        }
        Method::Redistricted => {
            out.push_str("Publisert på kommunegrensene per geografidatoen (omregnet av utgiver).\n")
        }
        _ => {}
    }
    out.push_str("Kilde:\n");
    for p in &r.provenance {
        out.push_str(&format!(
            "  tabell {}, {}\n    oppdatert {}, importert {}, fil {} (SHA-256 {}){}\n",
            p.table_id,
            p.source_url.as_deref().unwrap_or("(ukjent URL)"),
            p.updated.as_deref().unwrap_or("(ukjent)"),
            p.imported_at,
            p.file_name,
            p.file_sha256,
            if p.synthetic { ", SYNTETISKE DATA" } else { "" }
        ));
    }
    out
}
