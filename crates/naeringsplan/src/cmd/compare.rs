//! `naeringsplan compare`: one indicator for the plan's municipality and its peers, year by
//! year, with each value's source (demo values marked).

use std::process::ExitCode;

use clap::Args;

use super::indicators::TableFormat;
use crate::context::Options;

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// The indicator (id, e.g. kortreist).
    #[arg(long, value_name = "ID")]
    indicator: String,
    /// The peers' municipality codes, comma-separated (e.g. 3201,3301). Default: the plan's
    /// peers (`meta.peers` in the plan file).
    #[arg(long, value_name = "CODES")]
    peers: Option<String>,
    /// Instead of --peers: the N municipalities most similar to the plan's (Kolada's "similar
    /// municipalities"), by a weighted distance over standardised features.
    #[arg(long, value_name = "N", conflicts_with = "peers")]
    similar: Option<usize>,
    /// With --similar: the features and their weights, e.g. folketall=2,privat_sysselsetting=1
    /// (default: folketall, befolkningsvekst_3ar, sysselsettingsandel, privat_sysselsetting and
    /// naeringslivsvariasjon, weight 1 each).
    #[arg(long, value_name = "ID=W,…", requires = "similar")]
    weights: Option<String>,
    /// Instead of peers: every municipality's value (the indicator's chapter-9 definition
    /// computed from one read of the national panel), with the plan municipality's percentile
    /// and the national and county medians.
    #[arg(long, conflicts_with_all = ["peers", "similar"])]
    all: bool,
    /// Show one year only.
    #[arg(long)]
    year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

pub async fn run(opts: &Options, args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open_with_data().await?;
    if args.all {
        let mut a = crate::progress::spinner(
            "beregner indikatoren for alle kommuner",
            app::compare::all(&ctx.store, &ctx.plan, &args.indicator),
        )
        .await?;
        if let Some(y) = args.year {
            let known = a.table.years_known();
            anyhow::ensure!(
                known.contains(&y),
                "ingen kommune har en verdi for {y}; år med verdier: {}",
                known
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for r in &mut a.table.rows {
                r.values.retain(|v| v.year == y);
            }
            a.standing.years.retain(|s| s.year == y);
        }
        match args.format {
            TableFormat::Json => println!("{}", serde_json::to_string_pretty(&a)?),
            TableFormat::Table => print_all(&a),
        }
        ctx.store.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    let peers = match args.similar {
        Some(n) => app::compare::Peers::Similar {
            n,
            weights: args.weights.as_deref().unwrap_or(""),
        },
        None => app::compare::Peers::Listed(args.peers.as_deref()),
    };
    let app::compare::Compared {
        comparison: mut c,
        similar,
    } = crate::progress::spinner(
        "sammenligner kommunene",
        app::compare::compare_with(&ctx.store, &ctx.plan, &args.indicator, peers),
    )
    .await?;
    if let Some(y) = args.year {
        anyhow::ensure!(
            c.years.contains(&y),
            "{y} is outside the plan's years {}–{}",
            ctx.plan.meta.first_data_year,
            ctx.plan.meta.period_end
        );
        c.years = vec![y];
        for r in &mut c.rows {
            r.values.retain(|v| v.year == y);
        }
    }
    match args.format {
        TableFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&app::compare::Compared {
                comparison: c,
                similar,
            })?
        ),
        TableFormat::Table => {
            if let Some(s) = &similar {
                print_similar(s);
            }
            println!("{} [{}]", c.name, c.indicator_id);
            println!(
                "Verdiene er beregnet etter de samme definisjonene for hver kommune, på kommunens egne grenser; demo = demodata (syntetisk)."
            );
            let width = c
                .rows
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(0)
                + 7;
            print!("{:width$}", "");
            for y in &c.years {
                print!(" {y:>12}");
            }
            println!();
            for r in &c.rows {
                let label = format!(
                    "{}{} {}",
                    if r.plan_municipality { "*" } else { " " },
                    r.code,
                    r.name
                );
                print!("{label:width$}");
                for y in &c.years {
                    let cell = match r.values.iter().find(|v| v.year == *y) {
                        Some(v) => format!(
                            "{}{}",
                            crate::export::fmt_value(v.value, c.unit),
                            if v.demo { " demo" } else { "" }
                        ),
                        None => "–".into(),
                    };
                    print!(" {cell:>12}");
                }
                println!();
            }
            println!("* planens kommune");
        }
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// The similar municipalities: year, features with weights, distances (demo marked).
fn print_similar(s: &app::similar::Similarity) {
    println!(
        "Lignende kommuner, datår {} ({} kommuner har alle kjennetegnene; avstand i standardavvik){}",
        s.year,
        s.compared,
        if s.demo() {
            " – DEMO: bygger på syntetiske tall, er et eksempel på metoden, ikke et funn"
        } else {
            ""
        }
    );
    for f in &s.features {
        println!(
            "  kjennetegn: {} [{}], vekt {}{}",
            f.name,
            f.id,
            plan::fmt::number_auto(f.weight, 2),
            if f.demo { " (demo)" } else { "" }
        );
    }
    for (i, r) in s.rows.iter().enumerate() {
        println!(
            "  {:>2}. {} {:<24} {:>6}{}{}",
            i + 1,
            r.code,
            r.name,
            plan::fmt::number(r.distance, 2),
            match &r.code_now {
                Some(now) if *now != r.code => format!(" (nå {now})"),
                Some(_) => String::new(),
                None => " (finnes ikke lenger; ikke sammenlignet)".into(),
            },
            if r.demo { " demo" } else { "" }
        );
    }
    println!();
}

/// Every municipality's values, the plan municipality marked, then its standing.
fn print_all(a: &app::compare::AllMunicipalities) {
    use crate::export::fmt_value;
    let mut years: Vec<i32> = a
        .table
        .rows
        .iter()
        .flat_map(|r| r.values.iter().map(|v| v.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    println!("{} [{}] – alle kommuner", a.name, a.indicator_id);
    println!(
        "Beregnet etter definisjonen {} for hver kommune på dagens grenser; demo = demodata (syntetisk), aldri plassert.",
        a.table.definition
    );
    print!("{:30}", "");
    for y in &years {
        print!(" {y:>12}");
    }
    println!();
    for r in &a.table.rows {
        let mark = if r.code == a.plan_municipality {
            "*"
        } else {
            " "
        };
        print!("{:30}", format!("{mark}{} {}", r.code, r.name));
        for y in &years {
            let cell = match r.value(*y) {
                Some(v) => format!(
                    "{}{}",
                    fmt_value(v.value, a.unit),
                    if v.demo { " demo" } else { "" }
                ),
                None => "–".into(),
            };
            print!(" {cell:>12}");
        }
        println!();
    }
    println!("* planens kommune");
    for s in &a.standing.years {
        println!(
            "{}: {} – persentil {:.0} av {} kommuner; median landet {}, median fylket {}",
            s.year,
            fmt_value(s.value, a.unit),
            s.percentile,
            s.of,
            fmt_value(s.national_median, a.unit),
            s.county_median
                .map(|m| format!("{} ({} kommuner)", fmt_value(m, a.unit), s.county_of))
                .unwrap_or_else(|| "–".into())
        );
    }
}
