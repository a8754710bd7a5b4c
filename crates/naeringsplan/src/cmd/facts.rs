//! `naeringsplan facts`: the register facts of a municipality (default: the plan's), from the
//! current Enhetsregisteret snapshots in the store, and the plan's quoted facts beside the values
//! computed from them. Every figure is shown with its snapshot's date; synthetic data and extracts
//! are labelled.

use std::io::Write;
use std::process::ExitCode;

use app::plan_facts::PlanFactValue;
use clap::{Args, ValueEnum};
use store::brreg::{
    Coverage, Headcount, MunicipalityFacts, RankedUnit, RegisterFacts, SnapshotFacts, SnapshotInfo,
    SnapshotKind,
};

use crate::context::Options;

/// Output format of `facts`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum FactsFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// JSON, for programs.
    Json,
}

/// `naeringsplan facts` options.
#[derive(Args, Debug, Clone)]
pub struct FactsArgs {
    /// Municipality code (four digits); default: the plan's municipality.
    #[arg(long, value_name = "CODE")]
    pub municipality: Option<String>,
    /// Use this register snapshot (an id from --list) for its kind instead of the current one.
    #[arg(long, value_name = "ID")]
    pub snapshot: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FactsFormat,
    /// List the register snapshots in the store instead.
    #[arg(long)]
    pub list: bool,
    /// All municipalities (of the current enheter snapshot, or of --file).
    #[arg(long)]
    pub all: bool,
    /// Compute the facts from this bulk file instead of the store (nothing is stored).
    #[arg(long, value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
    /// With --file: skip malformed rows (reported on stderr) instead of stopping at the first.
    #[arg(long, requires = "file")]
    pub skip_bad_rows: bool,
    /// Per district of the plan (`[[districts]]` in the plan file): register units, employees,
    /// new registrations and bankruptcies of the current snapshots, land sites and company
    /// visits; the units outside every district counted apart and listed by postal code.
    #[arg(long, conflicts_with_all = ["all", "file", "municipality", "snapshot", "list"])]
    pub by_district: bool,
}

pub async fn run(opts: &Options, args: &FactsArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.file {
        return from_file(opts, args, path);
    }
    let ctx = opts.open().await?;
    if let Some(done) = opts.ensure_demo(&ctx.store, &ctx.plan).await? {
        tracing::info!("{done}");
    }
    let mut out = std::io::stdout().lock();
    if args.by_district {
        return by_district(&mut out, &ctx, args.format).await;
    }
    if args.list {
        let snaps = ctx.store.register_snapshots().await?;
        match args.format {
            FactsFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&snaps)?)?,
            FactsFormat::Table => {
                for s in &snaps {
                    writeln!(
                        out,
                        "#{:<4} {:<12} {}  {:>10} enheter  {:<9} {}{}",
                        s.id,
                        s.kind.as_str(),
                        s.snapshot_date,
                        s.units,
                        s.coverage.as_str(),
                        s.file_name,
                        if s.synthetic { "  [SYNTETISK]" } else { "" }
                    )?;
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.all {
        let kind = match args.snapshot {
            Some(id) => ctx
                .store
                .register_snapshot(id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("--snapshot {id}: no such register snapshot"))?,
            None => ctx
                .store
                .current_register_snapshot(SnapshotKind::Enheter)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no enheter snapshot in the store"))?,
        };
        let all = ctx.store.register_all_municipality_facts(kind.id).await?;
        return write_all(&mut out, args.format, &kind.label(), kind.synthetic, &all);
    }
    let code = args
        .municipality
        .clone()
        .unwrap_or_else(|| ctx.plan.meta.municipality_code.clone());
    check_code(&code)?;
    let facts = ctx.store.register_facts(&code, args.snapshot).await?;
    let plan_facts = if code == ctx.plan.meta.municipality_code && args.snapshot.is_none() {
        app::plan_facts::plan_fact_values(&ctx.store, &ctx.plan).await?
    } else {
        Vec::new()
    };
    match args.format {
        FactsFormat::Json => {
            let v = serde_json::json!({
                "municipality": code,
                "register": facts,
                "plan_facts": plan_facts,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        FactsFormat::Table => {
            let name = if code == ctx.plan.meta.municipality_code {
                format!(" {}", ctx.plan.meta.municipality_name)
            } else {
                String::new()
            };
            write_table(&mut out, &code, &name, &facts, &plan_facts)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check_code(code: &str) -> anyhow::Result<()> {
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!(
            "--municipality {code:?}: expected a four-digit municipality code, e.g. 3203"
        );
    }
    Ok(())
}

/// `facts --file`: the facts of a bulk file, computed without the store.
fn from_file(opts: &Options, args: &FactsArgs, path: &std::path::Path) -> anyhow::Result<ExitCode> {
    let ff = app::brreg::facts_of_file(path, args.skip_bad_rows)?;
    for e in ff.errors.iter().take(20) {
        eprintln!("skipped: {e}");
    }
    let kind = SnapshotKind::from(ff.kind);
    let all = store::brreg::facts_by_municipality(&ff.facts, kind);
    let synthetic = ff.synthetic_units > 0;
    let what = format!(
        "{} ({}, {} rader{}{})",
        path.display(),
        kind.as_str(),
        ff.units,
        if ff.skipped > 0 {
            format!(", {} feilaktige rader hoppet over", ff.skipped)
        } else {
            String::new()
        },
        if synthetic { ", SYNTETISKE DATA" } else { "" }
    );
    let mut out = std::io::stdout().lock();
    if args.all {
        return write_all(&mut out, args.format, &what, synthetic, &all);
    }
    let code = match &args.municipality {
        Some(c) => c.clone(),
        None => opts.parse_plan()?.2.meta.municipality_code,
    };
    check_code(&code)?;
    let f = all.get(&code);
    match args.format {
        FactsFormat::Json => {
            let v = serde_json::json!({
                "file": path.display().to_string(),
                "kind": kind,
                "units": ff.units,
                "skipped_rows": ff.skipped,
                "synthetic": synthetic,
                "municipality": code,
                "facts": f,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        FactsFormat::Table => {
            writeln!(out, "Registerfakta for {code} fra {what}")?;
            match f {
                None => writeln!(out, "  ingen enheter i kommunen i filen")?,
                Some(f) => {
                    writeln!(out, "  enheter/virksomheter: {}", n(f.units))?;
                    writeln!(
                        out,
                        "  etter organisasjonsform: {}",
                        f.units_by_form
                            .iter()
                            .map(|(k, v)| format!("{k} {}", n(*v)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                    writeln!(out, "  {}", headcount(&f.employees_total))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_all(
    out: &mut impl Write,
    format: FactsFormat,
    what: &str,
    synthetic: bool,
    all: &std::collections::BTreeMap<String, MunicipalityFacts>,
) -> anyhow::Result<ExitCode> {
    match format {
        FactsFormat::Json => {
            let v = serde_json::json!({
                "source": what,
                "synthetic": synthetic,
                "municipalities": all,
            });
            serde_json::to_writer(&mut *out, &v)?;
            writeln!(out)?;
        }
        FactsFormat::Table => {
            writeln!(out, "Alle kommuner, {what}")?;
            writeln!(
                out,
                "{:<6} {:>9} {:>9} {:>9} {:>8} {:>9} {:>11}",
                "kode", "enheter", "AS", "ENK", "konkurs", "avvikling", "sysselsatte"
            )?;
            for (k, f) in all {
                writeln!(
                    out,
                    "{:<6} {:>9} {:>9} {:>9} {:>8} {:>9} {:>11}",
                    k,
                    f.units,
                    f.units_by_form.get("AS").copied().unwrap_or(0),
                    f.units_by_form.get("ENK").copied().unwrap_or(0),
                    f.bankrupt,
                    f.under_liquidation,
                    f.employees_total
                        .known_sum
                        .max(f.enterprise_employees.known_sum)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn label(s: &SnapshotInfo) -> String {
    let mut l = format!(
        "øyeblikksbilde #{} av {} per {} ({})",
        s.id,
        s.kind.as_str(),
        s.snapshot_date,
        s.file_name
    );
    if s.synthetic {
        l.push_str(" — SYNTETISKE DATA, ikke ekte tall");
    }
    if s.coverage == Coverage::Extract {
        l.push_str(&format!(
            " — UTDRAG ({} enheter): ikke fullstendige kommunetall",
            s.units
        ));
    }
    if s.coverage == Coverage::Municipal {
        l.push_str(&format!(
            " — {} kommuner: fullstendig for dem, ingen enheter i andre",
            s.municipalities
        ));
    }
    l
}

fn n(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

fn pct(x: f64) -> String {
    plan::fmt::fraction_percent(x, 1)
}

fn headcount(h: &Headcount) -> String {
    format!(
        "{} sysselsatte i {} virksomheter (+ {} med skjermet antall)",
        n(h.known_sum),
        n(h.known_units),
        n(h.withheld_units)
    )
}

fn ranked(out: &mut impl Write, list: &[RankedUnit], what: &str) -> std::io::Result<()> {
    for (i, r) in list.iter().enumerate() {
        writeln!(
            out,
            "    {:>2}. {} {} ({}, {}) {} {}",
            i + 1,
            r.orgnr,
            r.name,
            r.org_form,
            r.nace.as_deref().unwrap_or("-"),
            n(u64::try_from(r.value).unwrap_or(0)),
            what
        )?;
    }
    Ok(())
}

/// *Verdiskapning* of a turnover group, labelled with how it is computed.
fn value_added(g: &store::brreg::TurnoverGroup) -> String {
    let mut s = format!(
        "{}: {} kr fra {} regnskap",
        app::plan_facts::VALUE_ADDED_LABEL.to_lowercase(),
        if g.value_added_nok < 0 {
            format!("-{}", n(g.value_added_nok.unsigned_abs()))
        } else {
            n(g.value_added_nok.unsigned_abs())
        },
        n(g.with_value_added)
    );
    if g.missing_value_added > 0 {
        s.push_str(&format!(
            " ({} uten lønnskostnader eller driftsresultat er utelatt)",
            n(g.missing_value_added)
        ));
    }
    s
}

fn write_table(
    out: &mut impl Write,
    code: &str,
    name: &str,
    facts: &RegisterFacts,
    plan_facts: &[PlanFactValue],
) -> anyhow::Result<()> {
    writeln!(out, "Registerfakta for {code}{name} (Enhetsregisteret)")?;
    writeln!(out)?;
    let groups = brreg::sectors::SectorGroups::embedded();
    let group_name = |id: &str| {
        groups
            .get(id)
            .map(|g| g.nb.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match &facts.enheter {
        None => writeln!(
            out,
            "Enheter: ingen enheter-fil er importert (naeringsplan import enheter_alle.csv.gz)"
        )?,
        Some(SnapshotFacts { snapshot, facts }) => {
            writeln!(out, "Enheter: {}", label(snapshot))?;
            match facts {
                None => writeln!(out, "  ingen enheter i kommunen i dette øyeblikksbildet")?,
                Some(f) => enheter_table(out, f, snapshot, &group_name)?,
            }
        }
    }
    writeln!(out)?;
    match &facts.underenheter {
        None => writeln!(
            out,
            "Sysselsatte: ingen underenheter-fil er importert (naeringsplan import underenheter_alle.csv.gz)"
        )?,
        Some(SnapshotFacts { snapshot, facts }) => {
            writeln!(out, "Sysselsatte etter næringsgruppe: {}", label(snapshot))?;
            match facts {
                None => writeln!(
                    out,
                    "  ingen virksomheter i kommunen i dette øyeblikksbildet"
                )?,
                Some(f) => {
                    writeln!(out, "  i alt: {}", headcount(&f.employees_total))?;
                    for (g, h) in &f.employees_by_group {
                        writeln!(out, "  {}: {}", group_name(g), headcount(h))?;
                    }
                    writeln!(
                        out,
                        "  uten gruppe / næringskode: {}",
                        headcount(&f.employees_ungrouped)
                    )?;
                }
            }
        }
    }
    writeln!(out)?;
    if facts.survival.is_empty() {
        writeln!(
            out,
            "5-års overlevelse: krever to landsdekkende enheter-filer tatt med minst 5 års mellomrom"
        )?;
    } else {
        writeln!(out, "5-års overlevelse per registreringskull:")?;
        for s in &facts.survival {
            writeln!(
                out,
                "  {}: {} av {} finnes fortsatt ({}) — {} → {}{}",
                s.cohort_year,
                n(s.survivors),
                n(s.base_count),
                s.share().map(pct).unwrap_or_else(|| "-".into()),
                s.base.snapshot_date,
                s.followup.snapshot_date,
                if s.synthetic { " — SYNTETISK" } else { "" }
            )?;
        }
    }
    writeln!(out)?;
    match &facts.turnover {
        None => writeln!(
            out,
            "Omsetning: ingen regnskap importert for kommunens foretak (naeringsplan import regnskap.json)"
        )?,
        Some(t) => {
            writeln!(
                out,
                "Omsetning {} (private foretak, regnskap koblet med {}){}:",
                t.year,
                label(&t.snapshot),
                if t.synthetic_accounts {
                    " — SYNTETISKE REGNSKAP"
                } else {
                    ""
                }
            )?;
            writeln!(
                out,
                "  i alt: {} kr fra {} av {} foretak; {}",
                n(u64::try_from(t.all.turnover_nok).unwrap_or(0)),
                n(t.all.with_accounts),
                n(t.all.enterprises),
                value_added(&t.all)
            )?;
            for (g, tg) in &t.by_group {
                if tg.with_accounts == 0 {
                    continue;
                }
                writeln!(
                    out,
                    "  {}: {} kr fra {} foretak; {}",
                    group_name(g),
                    n(u64::try_from(tg.turnover_nok).unwrap_or(0)),
                    n(tg.with_accounts),
                    value_added(tg)
                )?;
            }
            writeln!(out, "  største etter omsetning:")?;
            ranked(out, &t.all.largest_by_turnover, "kr")?;
        }
    }
    if !plan_facts.is_empty() {
        writeln!(out)?;
        writeln!(out, "Planens fakta (sitert) mot beregnet fra registeret:")?;
        for p in plan_facts {
            let quoted = match (p.quoted, &p.quoted_unit, p.quoted_year) {
                (Some(v), u, y) => format!(
                    "{} {}{}",
                    plan::fmt::number_auto(v, 1),
                    u.as_deref().unwrap_or(""),
                    y.map(|y| format!(" ({y})")).unwrap_or_default()
                ),
                _ => "-".into(),
            };
            let computed = match (&p.computed, &p.unavailable) {
                (Some(c), _) => format!(
                    "{} {}{} per {}{}",
                    plan::fmt::number(c.value, 1),
                    c.unit,
                    c.year.map(|y| format!(" ({y})")).unwrap_or_default(),
                    c.snapshot.snapshot_date,
                    if c.synthetic { " [SYNTETISK]" } else { "" }
                ),
                (None, Some(why)) => format!("— {why}"),
                (None, None) => "—".into(),
            };
            writeln!(out, "  {} {}: {}", p.fact_id, p.computed_by, p.text)?;
            writeln!(out, "      sitert: {quoted}   beregnet: {computed}")?;
            if let Some(va) = p.computed.as_ref().and_then(|c| c.value_added.as_ref()) {
                writeln!(out, "      {}", va.text())?;
            }
        }
    }
    Ok(())
}

fn enheter_table(
    out: &mut impl Write,
    f: &MunicipalityFacts,
    snapshot: &SnapshotInfo,
    group_name: &dyn Fn(&str) -> String,
) -> anyhow::Result<()> {
    writeln!(out, "  enheter i alt (ikke slettet): {}", n(f.units))?;
    let mut forms: Vec<(&String, &u64)> = f.units_by_form.iter().collect();
    forms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    writeln!(
        out,
        "  etter organisasjonsform: {}",
        forms
            .iter()
            .map(|(k, v)| format!("{k} {}", n(**v)))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    let last = store::brreg::last_full_year(snapshot.snapshot_date);
    writeln!(
        out,
        "  nyetableringer (registrert i Enhetsregisteret, fortsatt i filen) og andel AS:"
    )?;
    for (y, r) in f.registrations_by_year.range(last - 9..=last + 1).rev() {
        writeln!(
            out,
            "    {y}: {:>6}  AS {}{}",
            n(r.total),
            r.as_share().map(pct).unwrap_or_else(|| "-".into()),
            if *y > last {
                "  (året er ikke omme)"
            } else {
                ""
            }
        )?;
    }
    writeln!(
        out,
        "  konkurs: {} (etter konkursdato: {})",
        n(f.bankrupt),
        f.bankruptcies_by_year
            .range(last - 4..=last + 1)
            .map(|(y, c)| format!("{y}: {}", n(*c)))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(
        out,
        "  under avvikling: {}; under tvangsavvikling/-oppløsning: {}",
        n(f.under_liquidation),
        n(f.under_forced_liquidation)
    )?;
    writeln!(out, "  største foretak etter ansatte (hele foretaket):")?;
    ranked(out, &f.largest_enterprises, "ansatte")?;
    for (g, list) in &f.largest_enterprises_by_group {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "  største i {}:", group_name(g))?;
        ranked(out, &list[..list.len().min(5)], "ansatte")?;
    }
    Ok(())
}

/// `facts --by-district`: the plan's districts with the register, land and visit figures
/// (`app::districts`), in the plan's language; synthetic data labelled.
async fn by_district(
    out: &mut impl Write,
    ctx: &crate::context::Context,
    format: FactsFormat,
) -> anyhow::Result<ExitCode> {
    let plan = &ctx.plan;
    let Some(t) = app::districts::district_table(&ctx.store, plan).await? else {
        anyhow::bail!(
            "--by-district: the plan ({}) defines no [[districts]]; add them to the plan file",
            plan.meta.municipality_name
        );
    };
    let synthetic = t
        .enheter
        .iter()
        .chain(&t.underenheter)
        .any(|p| p.snapshot.synthetic)
        || t.land.as_ref().is_some_and(|l| l.synthetic)
        || t.visits.as_ref().is_some_and(|v| v.synthetic);
    if format == FactsFormat::Json {
        let v = serde_json::json!({
            "municipality": plan.meta.municipality_code,
            "synthetic": synthetic,
            "districts": t,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = plan.meta.language;
    let tr = |k: &str| i18n::tr(lang, k);
    let year_arg = |k: &str, y: i32| i18n::tr_args(lang, k, &[("year", y.to_string().into())]);
    let mut names: Vec<String> = t
        .districts
        .iter()
        .map(|d| d.name.get(lang).to_string())
        .collect();
    names.push(tr("districts-outside"));
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 2;
    let pad = |s: &str| format!("{s}{}", " ".repeat(width.saturating_sub(s.chars().count())));
    writeln!(
        out,
        "{} — {}",
        tr("districts-title"),
        plan.meta.municipality_name
    )?;
    if t.enheter.is_none() && t.underenheter.is_none() {
        writeln!(out, "  {}", tr("districts-no-register"))?;
    }
    for p in t.enheter.iter().chain(&t.underenheter) {
        writeln!(out)?;
        writeln!(out, "{}", label(&p.snapshot))?;
        if !p.postal_codes_stored {
            writeln!(out, "  {}", tr("districts-no-postal-codes"))?;
            continue;
        }
        // Bankruptcies are the enheter's (establishments have none of their own).
        let enheter = p.snapshot.kind == SnapshotKind::Enheter;
        let mut heads = vec![
            tr("districts-col-units"),
            tr("districts-col-employees"),
            tr("districts-col-withheld"),
            year_arg("districts-col-registrations", p.year),
        ];
        if enheter {
            heads.push(year_arg("districts-col-bankruptcies", p.year));
            heads.push(tr("districts-col-bankrupt"));
        }
        writeln!(
            out,
            "  {}{}",
            pad(&tr("districts-col-district")),
            heads.join(" | ")
        )?;
        for (r, name) in p.rows.iter().chain(std::iter::once(&p.outside)).zip(&names) {
            let cells = [
                r.units,
                r.employees.known_sum,
                r.employees.withheld_units,
                r.registrations,
                r.bankruptcies,
                r.bankrupt,
            ];
            let cells: Vec<String> = cells[..heads.len()]
                .iter()
                .zip(&heads)
                .map(|(v, h)| format!("{:>w$}", n(*v), w = h.chars().count()))
                .collect();
            writeln!(out, "  {}{}", pad(name), cells.join(" | "))?;
        }
        if !p.outside_codes.is_empty() {
            writeln!(out, "  {}:", tr("districts-outside-codes"))?;
            for c in &p.outside_codes {
                let code = if c.postal_code.is_empty() {
                    tr("districts-no-postal-code")
                } else {
                    c.postal_code.clone()
                };
                let examples: Vec<String> = c
                    .examples
                    .iter()
                    .map(|e| format!("{} ({})", e.name, e.orgnr))
                    .collect();
                writeln!(
                    out,
                    "    {code} [{}]: {} — {}",
                    c.municipality,
                    n(c.units),
                    examples.join(", ")
                )?;
            }
        }
    }
    if let Some(l) = &t.land {
        writeln!(out)?;
        let mark = if l.synthetic {
            format!(" — {}", tr("districts-synthetic"))
        } else {
            String::new()
        };
        writeln!(out, "{}{mark}", tr("districts-caption-land"))?;
        for (r, name) in l.rows.iter().chain(std::iter::once(&l.outside)).zip(&names) {
            writeln!(
                out,
                "  {}{} {}, {:.1} daa ({} {:.1} daa)",
                pad(name),
                n(r.sites),
                tr("districts-col-sites").to_lowercase(),
                r.area_daa,
                tr("districts-col-future").to_lowercase(),
                r.future_daa
            )?;
        }
        if !l.outside_places.is_empty() {
            writeln!(
                out,
                "  {}",
                i18n::tr_args(
                    lang,
                    "districts-outside-places",
                    &[("places", l.outside_places.join(", ").into())]
                )
            )?;
        }
    }
    if let Some(v) = &t.visits {
        writeln!(out)?;
        let mark = if v.synthetic {
            format!(" — {}", tr("districts-synthetic"))
        } else {
            String::new()
        };
        writeln!(out, "{}{mark}", tr("districts-caption-visits"))?;
        for (r, name) in v.rows.iter().chain(std::iter::once(&v.outside)).zip(&names) {
            writeln!(
                out,
                "  {}{} {}, {} {}",
                pad(name),
                n(r.visits),
                tr("districts-col-visits").to_lowercase(),
                n(r.companies),
                tr("districts-col-companies").to_lowercase()
            )?;
        }
        if !v.outside_areas.is_empty() {
            writeln!(
                out,
                "  {}",
                i18n::tr_args(
                    lang,
                    "districts-outside-places",
                    &[("places", v.outside_areas.join(", ").into())]
                )
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", tr("districts-employees-note"))?;
    Ok(ExitCode::SUCCESS)
}
