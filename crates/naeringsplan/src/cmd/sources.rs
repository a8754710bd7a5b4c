//! `naeringsplan sources`: every series the product reads from SSB — table and title, whether
//! the table id and codes are verified against public evidence (and the evidence), the note,
//! which years the store holds as real data and which only as demo (synthetic) data, rows and
//! the last import — and for every plan indicator which years rest on real data. The view is
//! `app::sources` (the page `/kilder` shows the same).

use std::process::ExitCode;

use app::sources::{SourcesView, year_ranges};
use clap::Args;

use crate::cmd::indicators::TableFormat;
use crate::context::Options;

/// Options of `sources`.
#[derive(Args, Debug)]
pub struct SourcesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

pub async fn run(opts: &Options, args: &SourcesArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    let view = app::sources::view(&ctx.store, &ctx.plan).await?;
    match args.format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(&view)?),
        TableFormat::Table => print!("{}", table(&view)),
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

fn or_dash(years: &[i32]) -> String {
    if years.is_empty() {
        "–".to_owned()
    } else {
        year_ranges(years)
    }
}

/// The readable table (Norwegian, as the other commands' tables).
fn table(v: &SourcesView) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let s = &v.summary;
    let _ = writeln!(
        o,
        "Kilder: {} av {} SSB-tabeller og {} av {} serier er verifisert mot offentlige kilder; {} serier har ekte data i lageret.",
        s.verified_tables, s.tables, s.verified_series, s.series, s.series_with_real_data
    );
    let _ = writeln!(
        o,
        "«Demo» = syntetiske tall generert av naeringsplan, ikke publisert av SSB."
    );
    for t in &v.tables {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Tabell {}{}: {}",
            t.id,
            t.title
                .as_deref()
                .map(|x| format!(" «{x}»"))
                .unwrap_or_default(),
            if t.verified {
                "verifisert"
            } else {
                "IKKE VERIFISERT mot SSB"
            }
        );
        if !t.replaces.is_empty() {
            let _ = writeln!(o, "  erstatter: {}", t.replaces.join(", "));
        }
        if !t.fetched {
            let _ = writeln!(o, "  hentes ikke av `fetch` (ingen kjent SSB-tabell)");
        }
        for e in &t.evidence {
            let _ = writeln!(o, "  belegg: {e}");
        }
        if let Some(n) = &t.note {
            let _ = writeln!(o, "  merknad: {n}");
        }
        for sv in v.series.iter().filter(|x| x.table == t.id) {
            let filters: Vec<String> = sv.filters.iter().map(|(d, c)| format!("{d}={c}")).collect();
            let _ = writeln!(
                o,
                "  - {} ({}{}{}){}",
                sv.name,
                sv.contents,
                if filters.is_empty() { "" } else { "; " },
                filters.join(", "),
                if sv.verified {
                    ""
                } else {
                    " – ikke verifisert mot SSB"
                }
            );
            let _ = writeln!(
                o,
                "      ekte år: {}; demoår: {}; rader: {} ({} ekte, {} demo); sist importert: {}{}",
                or_dash(&sv.real_years),
                or_dash(&sv.demo_years),
                sv.rows,
                sv.rows_real,
                sv.rows_demo,
                sv.last_imported.as_deref().unwrap_or("aldri"),
                sv.last_real_import
                    .as_deref()
                    .map(|x| format!(" (ekte: {x})"))
                    .unwrap_or_default()
            );
            for src in &sv.real_sources {
                let _ = writeln!(
                    o,
                    "      kilde: {} ({}, {} rader i tabellen)",
                    src.source, src.file_name, src.rows
                );
            }
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Indikatorer: hvilke år som bygger på ekte data");
    for i in &v.indicators {
        let _ = writeln!(
            o,
            "{}. {} [{}]: ekte {}; demo {}; sitert fra planen {}; uten verdi {}",
            i.number,
            i.name_nb,
            i.id,
            or_dash(&i.real_years),
            or_dash(&i.demo_years),
            or_dash(&i.plan_quote_years),
            or_dash(&i.no_value_years)
        );
    }
    o
}
