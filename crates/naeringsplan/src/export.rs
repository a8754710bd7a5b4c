//! Plan export: JSON (the model's shape), a flat CSV table, and an XLSX workbook.

use std::path::Path;

use anyhow::Context as _;
use plan::{Lang, Plan, Unit};
use rust_xlsxwriter::{Format, Workbook};
use store::ActionRecord;

/// A value in an indicator unit, Norwegian style.
pub fn fmt_value(v: f64, unit: Unit) -> String {
    plan::fmt::value(v, unit).replace(plan::fmt::NBSP, " ")
}

/// The plan as JSON, with `actions` as they stand in the store (each with comment and version).
pub fn plan_json(plan: &Plan, actions: &[ActionRecord]) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(plan)?;
    v["actions"] = serde_json::to_value(actions)?;
    Ok(v)
}

const CSV_HEADER: [&str; 11] = [
    "type", "id", "parent", "title", "text", "year", "value", "unit", "kind", "status", "progress",
];

/// One flat table: a row per goal, indicator value (result or ambition), focus area, sub-area,
/// strategy, fact, premise task and action.
pub fn plan_csv(plan: &Plan, actions: &[ActionRecord]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    // Every cell safe to open in a spreadsheet (no formulas; see sheet::csv_safe).
    let row =
        |w: &mut csv::Writer<Vec<u8>>, cells: [&str; 11]| sheet::csv_safe::write_record(w, cells);
    for g in &plan.goals {
        let sdgs: Vec<String> = g.sdgs.iter().map(|s| s.to_string()).collect();
        row(
            &mut w,
            [
                "goal",
                &g.id,
                "",
                &g.name.nb,
                &g.sub_goals.join(" | "),
                "",
                &sdgs.join(" "),
                "sdg",
                "",
                "",
                "",
            ],
        )?;
    }
    for i in &plan.indicators {
        row(
            &mut w,
            [
                "indicator",
                &i.id,
                "",
                &i.name.nb,
                &i.rule_text.nb,
                "",
                "",
                unit_name(i.unit),
                "",
                "",
                "",
            ],
        )?;
        for (y, r) in &i.results {
            row(
                &mut w,
                [
                    "indicator_value",
                    &i.id,
                    "",
                    "",
                    &r.source,
                    &y.to_string(),
                    &r.value.to_string(),
                    unit_name(i.unit),
                    "result",
                    "",
                    "",
                ],
            )?;
        }
        for (y, a) in &i.ambitions {
            row(
                &mut w,
                [
                    "indicator_value",
                    &i.id,
                    "",
                    "",
                    i.ambition_op.symbol(),
                    &y.to_string(),
                    &a.to_string(),
                    unit_name(i.unit),
                    "ambition",
                    "",
                    "",
                ],
            )?;
        }
    }
    for a in &plan.focus_areas {
        row(
            &mut w,
            [
                "focus_area",
                &a.number,
                "",
                &a.title.nb,
                &a.description,
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        )?;
        for sub in &a.sub_areas {
            row(
                &mut w,
                [
                    "sub_area",
                    &sub.number,
                    &a.number,
                    &sub.title.nb,
                    &sub.description,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            )?;
        }
        for s in &a.strategies {
            row(
                &mut w,
                [
                    "strategy", &s.id, &a.number, "", &s.text, "", "", "", "", "", "",
                ],
            )?;
        }
        for sub in &a.sub_areas {
            for s in &sub.strategies {
                row(
                    &mut w,
                    [
                        "strategy",
                        &s.id,
                        &sub.number,
                        "",
                        &s.text,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ],
                )?;
            }
        }
        for f in a.all_facts() {
            let year = f.year.map(|y| y.to_string()).unwrap_or_default();
            let value = f.value.map(|v| v.to_string()).unwrap_or_default();
            row(
                &mut w,
                [
                    "fact",
                    &f.id,
                    &f.section,
                    "",
                    &f.text,
                    &year,
                    &value,
                    f.unit.as_deref().unwrap_or(""),
                    "quoted",
                    "",
                    "",
                ],
            )?;
        }
    }
    for p in &plan.premises {
        row(
            &mut w,
            [
                "premise",
                &p.number,
                "",
                &p.title.nb,
                &p.description,
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        )?;
        for t in &p.tasks {
            row(
                &mut w,
                [
                    "task", &t.id, &p.number, "", &t.text, "", "", "", "", "", "",
                ],
            )?;
        }
    }
    for a in actions {
        let x = &a.action;
        row(
            &mut w,
            [
                "action",
                &x.id,
                &x.strategies.join(" "),
                &x.title,
                &x.description,
                "",
                "",
                "",
                &x.owner,
                x.status.as_str(),
                &x.progress.to_string(),
            ],
        )?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Rank => "rank",
        Unit::Percent => "percent",
        Unit::Ratio => "ratio",
        Unit::Dekar => "dekar",
        Unit::Count => "count",
        Unit::Nok => "nok",
    }
}

/// A workbook: Indikatorer (chapter 6 shape), Innsatsområder og strategier, Fakta, Tiltak.
pub fn plan_xlsx(plan: &Plan, actions: &[ActionRecord], path: &Path) -> anyhow::Result<()> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();

    let ws = wb.add_worksheet().set_name("Indikatorer")?;
    ws.write_string_with_format(0, 0, "Indikator", &bold)?;
    ws.write_string_with_format(0, 1, "Kilde", &bold)?;
    let years: Vec<i32> = plan.table_years().collect();
    for (c, y) in years.iter().enumerate() {
        ws.write_number_with_format(0, 2 + c as u16, *y as f64, &bold)?;
    }
    for (r, i) in plan.indicators.iter().enumerate() {
        let r = 1 + r as u32;
        ws.write_string(r, 0, &i.name.nb)?;
        ws.write_string(r, 1, &i.source)?;
        for (c, y) in years.iter().enumerate() {
            let col = 2 + c as u16;
            if let Some(v) = i.results.get(y) {
                ws.write_number(r, col, v.value)?;
            } else if let Some(a) = i.ambitions.get(y) {
                ws.write_string(
                    r,
                    col,
                    format!("{}{}", i.ambition_op.symbol(), fmt_value(*a, i.unit)),
                )?;
            }
        }
    }
    let note = 2 + plan.indicators.len() as u32;
    ws.write_string(
        note,
        0,
        "Tall er resultater; tall med ≤/≥ er ambisjoner (mål).",
    )?;
    ws.set_column_width(0, 60)?;

    let ws = wb.add_worksheet().set_name("Strategier")?;
    for (c, h) in ["Innsatsområde", "Delområde", "Strategi-id", "Strategi"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut r = 1;
    for a in &plan.focus_areas {
        let area = format!("{} {}", a.number, a.title.nb);
        for s in &a.strategies {
            ws.write_row(r, 0, [area.as_str(), "", s.id.as_str(), s.text.as_str()])?;
            r += 1;
        }
        for sub in &a.sub_areas {
            let subname = format!("{} {}", sub.number, sub.title.nb);
            for s in &sub.strategies {
                ws.write_row(
                    r,
                    0,
                    [
                        area.as_str(),
                        subname.as_str(),
                        s.id.as_str(),
                        s.text.as_str(),
                    ],
                )?;
                r += 1;
            }
        }
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(3, 100)?;

    let ws = wb.add_worksheet().set_name("Fakta")?;
    for (c, h) in ["Avsnitt", "Fakta", "Verdi", "Enhet", "År"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (n, f) in plan
        .focus_areas
        .iter()
        .flat_map(|a| a.all_facts())
        .chain(plan.premises.iter().flat_map(|p| p.facts.iter()))
        .enumerate()
    {
        let r = 1 + n as u32;
        ws.write_string(r, 0, &f.section)?;
        ws.write_string(r, 1, &f.text)?;
        if let Some(v) = f.value {
            ws.write_number(r, 2, v)?;
        }
        ws.write_string(r, 3, f.unit.as_deref().unwrap_or(""))?;
        if let Some(y) = f.year {
            ws.write_number(r, 4, y as f64)?;
        }
    }
    ws.set_column_width(1, 100)?;

    let ws = wb.add_worksheet().set_name("Tiltak")?;
    for (c, h) in [
        "Id",
        "Tiltak",
        "Strategier",
        "Ansvarlig",
        "Status",
        "Fremdrift (%)",
        "Start",
        "Slutt",
        "Kommentar",
        "Versjon",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (n, a) in actions.iter().enumerate() {
        let r = 1 + n as u32;
        let x = &a.action;
        ws.write_string(r, 0, &x.id)?;
        ws.write_string(r, 1, &x.title)?;
        ws.write_string(r, 2, x.strategies.join(", "))?;
        ws.write_string(r, 3, &x.owner)?;
        ws.write_string(r, 4, x.status.label(Lang::Nb))?;
        ws.write_number(r, 5, f64::from(x.progress))?;
        ws.write_string(r, 6, x.start.map(|d| d.to_string()).unwrap_or_default())?;
        ws.write_string(r, 7, x.end.map(|d| d.to_string()).unwrap_or_default())?;
        ws.write_string(r, 8, &a.comment)?;
        ws.write_number(r, 9, a.version as f64)?;
    }
    ws.set_column_width(1, 50)?;

    wb.save(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
