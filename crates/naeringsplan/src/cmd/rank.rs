//! `naeringsplan rank`: every municipality ranked on the Kommune-NM-style index
//! (`data/ranking/kommune-nm.toml`): total, the five groups and the county rank, the plan's
//! municipality highlighted, NHO's published ranks beside ours for the same edition, and with
//! `--explain CODE` why a municipality ranks where it does.

use std::process::ExitCode;

use anyhow::Context as _;
use app::ranking::{Borders, RankingReport, ReportOptions, ReportRow};
use clap::{Args, ValueEnum};
use engine::ranking::{Explanation, RankOrigin, RankScope, Scenario};
use stats::geography::Geography;
use time::{Date, Month};

use crate::context::Options;

#[derive(Args, Debug)]
pub struct RankArgs {
    /// Data year (the edition is the year after). Default: the latest year with data.
    #[arg(long)]
    year: Option<i32>,
    /// Only this county, by its code on the year's borders (e.g. 30 Viken for 2019–2022, 32
    /// Akershus from 2023), ranked within the county.
    #[arg(long, value_name = "CODE")]
    county: Option<String>,
    /// Explain one municipality: score and rank per indicator and group, the gap to the rank
    /// above and to 10th place, and which single indicator would move its rank the most.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
    /// Show at most N municipalities.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Rank on the municipalities of 1 January of this year instead of the edition year's
    /// (by default the edition year's, but not before the plan's municipality existed).
    #[arg(long, value_name = "YEAR")]
    borders: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RankFormat::Table)]
    format: RankFormat,
}

/// Output formats of `rank`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RankFormat {
    /// A readable table.
    Table,
    /// JSON.
    Json,
}

pub async fn run(opts: &Options, args: &RankArgs) -> anyhow::Result<ExitCode> {
    let ctx = opts.open().await?;
    crate::snapshot::ensure(&ctx.store, &crate::progress::Bars::new(1)).await?;
    let geo = Geography::bundled();
    let borders = match args.borders {
        Some(y) => Borders::At(
            Date::from_calendar_date(y, Month::January, 1).context("--borders: not a year")?,
        ),
        None => app::ranking::plan_borders(geo, &ctx.plan.meta.municipality_code),
    };
    let years = match args.year {
        Some(y) => y..=y,
        None => app::ranking::default_years(geo),
    };
    let set = crate::progress::spinner(
        "rangerer kommunene",
        app::ranking::load(&ctx.store, years, borders),
    )
    .await
    .context("cannot rank the municipalities")?;
    let report = app::ranking::report(
        &set,
        geo,
        Some(&ctx.plan),
        &ReportOptions {
            year: args.year,
            county: args.county.as_deref(),
            explain: args.explain.as_deref(),
            top: args.top,
        },
    )?;
    ctx.store.close().await;
    match args.format {
        RankFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        RankFormat::Table => print!("{}", table(&report)),
    }
    Ok(ExitCode::SUCCESS)
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
}

fn score(v: Option<f64>) -> String {
    v.map(|v| format!("{v:+.3}")).unwrap_or_else(|| "–".into())
}

/// A value in the indicator's unit, short.
fn value(v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(v) if v.abs() >= 1000.0 => format!("{v:.0}"),
        Some(v) if v.abs() >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.4}"),
    }
}

fn row_line(r: &ReportRow, county_filter: bool) -> String {
    let mark = if r.plan { "►" } else { " " };
    let rank = if county_filter {
        format!("{:>4} ({:>3})", opt(r.county_rank), opt(r.rank))
    } else {
        format!("{:>4} {:>4}", opt(r.rank), opt(r.county_rank))
    };
    let mut line = format!(
        "{mark}{rank}  {:<4} {:<24} {:<3} {:>7}",
        r.code,
        truncate(&r.name, 24),
        r.county,
        score(r.score)
    );
    for g in &r.groups {
        line.push_str(&format!(" {:>5}", opt(g.rank)));
    }
    if r.synthetic {
        line.push_str("  *");
    }
    if !r.missing_groups.is_empty() {
        line.push_str(&format!(
            "  ikke rangert: mangler {}",
            r.missing_groups.join(", ")
        ));
    }
    line
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn table(r: &RankingReport) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "{} — datår {}, utgave {}, kommunene per {} ({} av {} rangert)",
        r.definition_name.nb, r.year, r.edition, r.geography_at, r.ranked, r.municipalities
    ));
    line(
        "Egen beregning etter NHOs struktur, ikke NHOs indeks (se --explain for avvikene).".into(),
    );
    if r.synthetic {
        line("SYNTETISKE INNDATA: indikatorer merket * bygger på syntetiske data fra den dokumenterte generatoren, ikke SSB; rangeringen er en demonstrasjon av metoden, ikke et resultat.".into());
    }
    if !r.unverified.is_empty() {
        let ids: Vec<&str> = r.unverified.iter().map(|u| u.table.as_str()).collect();
        line(format!(
            "IKKE VERIFISERT MOT SSB: tabell {} (tabellnummer eller koder er vår beste kunnskap; se `naeringsplan sources`).",
            ids.join(", ")
        ));
    }
    if let Some(k) = &r.county {
        line(format!(
            "Fylke {} {}: rangert innad i fylket (landsplassering i parentes).",
            k.code, k.name
        ));
    }
    line(String::new());
    let groups: Vec<String> = r
        .groups
        .iter()
        .map(|g| format!(" {:>5}", abbreviate(&g.name.nb)))
        .collect();
    let head = if r.county.is_some() {
        "  Fylke (land)"
    } else {
        "  Plass Fylke"
    };
    line(format!(
        "{head:<11}  {:<4} {:<24} {:<3} {:>7}{}",
        "Nr",
        "Kommune",
        "Fy",
        "Poeng",
        groups.concat()
    ));
    for row in &r.rows {
        line(row_line(row, r.county.is_some()));
    }
    if let Some(p) = &r.plan_row
        && !r.rows.iter().any(|x| x.plan)
        && (r.county.is_none() || r.county.as_ref().is_some_and(|k| k.code == p.county))
    {
        line("  …".into());
        line(row_line(p, r.county.is_some()));
    }
    line(format!(
        "Grupper: {}. ► = planens kommune.",
        r.groups
            .iter()
            .map(|g| format!("{} = {}", abbreviate(&g.name.nb), g.name.nb))
            .collect::<Vec<_>>()
            .join(", ")
    ));

    // Published beside computed.
    if !r.published.is_empty() {
        line(String::new());
        line(format!(
            "Publiserte plasseringer (NHO) ved siden av egen beregning, utgave {} (datår {}):",
            r.edition, r.year
        ));
        let mut by_code: Vec<(String, Vec<&engine::ranking::RankComparison>)> = Vec::new();
        for c in &r.published {
            match by_code.iter_mut().find(|(k, _)| *k == c.code) {
                Some((_, v)) => v.push(c),
                None => by_code.push((c.code.clone(), vec![c])),
            }
        }
        line(format!(
            "  {:<24} {:>14} {:>14}   grupper publisert / beregnet",
            "Kommune", "publisert", "beregnet"
        ));
        for (_, cs) in by_code {
            let name = cs[0].name.clone().unwrap_or_else(|| cs[0].code.clone());
            let total = cs.iter().find(|c| c.scope == RankScope::Total);
            let (p, c) = total
                .map(|t| {
                    (
                        opt(t.published.as_ref().map(|x| x.rank)),
                        t.computed
                            .as_ref()
                            .map(|x| format!("{}{}", x.rank, if x.synthetic { "*" } else { "" }))
                            .unwrap_or_else(|| "–".into()),
                    )
                })
                .unwrap_or_default();
            let groups: Vec<String> = cs
                .iter()
                .filter_map(|c| match &c.scope {
                    RankScope::Group(g) => Some(format!(
                        "{} {}/{}",
                        r.groups
                            .iter()
                            .find(|x| &x.id == g)
                            .map(|x| abbreviate(&x.name.nb))
                            .unwrap_or_else(|| g.clone()),
                        opt(c.published.as_ref().map(|x| x.rank)),
                        opt(c.computed.as_ref().map(|x| x.rank))
                    )),
                    RankScope::Total => None,
                })
                .collect();
            line(format!(
                "  {:<24} {:>14} {:>14}   {}",
                truncate(&name, 24),
                p,
                c,
                groups.join(", ")
            ));
        }
        if let Some(c) = r.published.iter().find_map(|c| {
            c.published
                .as_ref()
                .filter(|p| p.origin == RankOrigin::Published)
        }) {
            line(format!("  Publisert: {} — {}", c.label.nb, c.source));
        }
        line("  Beregnet: egen indeks, ikke NHOs; * = syntetiske inndata.".into());
    }

    if let Some(e) = &r.explanation {
        line(String::new());
        explain(e, r, &mut line);
    }
    line(String::new());
    let synthetic: Vec<&str> = r
        .sources
        .iter()
        .filter(|s| s.synthetic)
        .map(|s| s.table_id.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let real: Vec<&str> = r
        .sources
        .iter()
        .filter(|s| !s.synthetic)
        .map(|s| s.table_id.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    line(format!(
        "Kilder: ekte SSB-data fra tabell {}; SYNTETISKE data for tabell {}.",
        if real.is_empty() {
            "–".to_owned()
        } else {
            real.join(", ")
        },
        if synthetic.is_empty() {
            "–".to_owned()
        } else {
            synthetic.join(", ")
        }
    ));
    out
}

/// A short column heading for a group name.
fn abbreviate(name: &str) -> String {
    name.chars().take(5).collect()
}

fn scenario(s: &Option<Scenario>) -> String {
    match s {
        None => "–".into(),
        Some(s) => format!(
            "{} → plass {}{}",
            value(Some(s.value)),
            opt(s.rank),
            s.rank_gain.map(|g| format!(" ({g:+})")).unwrap_or_default()
        ),
    }
}

fn explain(e: &Explanation, r: &RankingReport, line: &mut impl FnMut(String)) {
    let name = r
        .rows
        .iter()
        .chain(r.plan_row.iter())
        .find(|x| x.code == e.code)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| e.code.clone());
    line(format!(
        "Forklaring: {} {} — plass {} av {}, {} av {} i fylke {}, poeng {}{}",
        e.code,
        name,
        opt(e.rank),
        e.ranked,
        opt(e.county_rank),
        e.county_ranked,
        e.county,
        score(e.score),
        if e.synthetic {
            " (SYNTETISKE INNDATA)"
        } else {
            ""
        }
    ));
    if let Some(g) = &e.gap_to_rank_above {
        line(format!(
            "  Avstand til plassen over (plass {}, {}): {:.3} poeng",
            g.rank,
            g.codes.join(", "),
            g.gap
        ));
    }
    if let Some(g) = &e.gap_to_10th {
        if g.gap > 0.0 {
            line(format!(
                "  Avstand til 10. plass ({}): {:.3} poeng",
                g.codes.join(", "),
                g.gap
            ));
        } else {
            line(format!(
                "  Margin til 10. plass ({}): {:.3} poeng",
                g.codes.join(", "),
                -g.gap
            ));
        }
    }
    line(String::new());
    line(format!(
        "  {:<16} {:>8} {:>6}  manglende",
        "Gruppe", "poeng", "plass"
    ));
    for g in &e.groups {
        line(format!(
            "  {:<16} {:>8} {:>6}  {}",
            g.name.nb,
            score(g.score),
            format!("{}/{}", opt(g.rank), g.ranked),
            if g.missing > 0 {
                g.missing.to_string()
            } else {
                String::new()
            }
        ));
    }
    line(String::new());
    line(format!(
        "  {:<44} {:>12} {:>8} {:>8} {:>8}",
        "Indikator", "verdi", "poeng", "plass", "snitt"
    ));
    for i in &e.indicators {
        line(format!(
            "  {:<44} {:>12} {:>8} {:>8} {:>8}{}{}",
            truncate(&i.name.nb, 44),
            value(i.value),
            score(i.score.or(i.imputed_score)),
            format!("{}/{}", opt(i.rank), i.ranked),
            value(i.mean),
            if i.score.is_none() && i.imputed_score.is_some() {
                "  (mangler: gruppesnitt brukt)"
            } else {
                ""
            },
            if i.synthetic { "  *" } else { "" }
        ));
    }
    line(String::new());
    line("  Følsomhet (én indikator endret, alt annet likt):".into());
    line(format!(
        "  {:<44} {:>28} {:>28}",
        "Indikator", "+1 standardavvik", "fylkesmedianen"
    ));
    for s in &e.sensitivity {
        let name = e
            .indicators
            .iter()
            .find(|i| i.id == s.indicator)
            .map(|i| i.name.nb.clone())
            .unwrap_or_else(|| s.indicator.clone());
        line(format!(
            "  {:<44} {:>28} {:>28}",
            truncate(&name, 44),
            scenario(&s.plus_one_sd),
            scenario(&s.county_median)
        ));
    }
    line(String::new());
    line("  Avvik fra NHOs metode:".into());
    for d in &r.departures {
        let (title, text, _) = d.in_lang(plan::Lang::Nb);
        line(format!("  - {title}: {text}"));
    }
}
