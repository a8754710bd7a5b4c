//! bench/evaluate's Rust side (see bench/README.md): every national chapter-9 definition for
//! every municipality of today × the ten years before this one, from a panel loaded once
//! (`app::national::compute`: each series resolved on its year's borders into a column over
//! every municipality and year, then each definition evaluated over whole columns), timed over
//! repetitions, and checked against the per-cell path (`national_inputs`,
//! `compute_from_inputs`). Writes the resolved inputs (`inputs.csv`, the per-cell path's) and the
//! values (`values_rust.csv`) for `bench/evaluate/national_pandas.py`, which computes the same
//! definitions from the same inputs and checks that the values are identical.
//!
//!   national_bench STORE.db OUT_DIR [REPS]

use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use naeringsplan_app::national;
use stats::geography::Geography;
use store::observations::SeriesCatalogue;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, out, rest @ ..] = args.as_slice() else {
        return Err("usage: national_bench STORE.db OUT_DIR [REPS]".into());
    };
    let reps: usize = rest.first().map(|r| r.parse()).transpose()?.unwrap_or(20);
    let out = Path::new(out);
    std::fs::create_dir_all(out)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let store = rt.block_on(store::Store::open(db))?;
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let definitions = national::national_definitions(&catalogue);
    let years = national::national_years();
    let today = time::OffsetDateTime::now_utc().date();

    let t = Instant::now();
    let panel = rt.block_on(national::read_panel(
        &store,
        &catalogue,
        &definitions,
        &years,
    ))?;
    let load_s = t.elapsed().as_secs_f64();

    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let n = national::compute(&panel, geo, &definitions, &years, today)?;
        times.push(t.elapsed().as_secs_f64());
        result = Some(n);
    }
    let national = result.ok_or("no repetition")?;
    // The definitions alone, from inputs already resolved (the columns): what pandas does.
    let columns = national::national_columns(&panel, geo, &definitions, &years, today)?;
    let mut def_times = Vec::new();
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let n = national::compute_from_columns(&columns, geo, &definitions, &years, today)?;
        def_times.push(t.elapsed().as_secs_f64());
        assert_eq!(n, national, "the same values from resolved inputs");
    }
    // The per-cell path (SeriesPanel::resolve and Definition::value cell by cell, as before
    // the columns): the same table, and its time for the record.
    let t = Instant::now();
    let inputs = national::national_inputs(&panel, geo, &definitions, &years, today)?;
    let per_cell_resolve_s = t.elapsed().as_secs_f64();
    let mut cell_times = Vec::new();
    for _ in 0..reps.clamp(1, 5) {
        let t = Instant::now();
        let n = national::compute_from_inputs(&inputs, geo, &definitions, &years, today)?;
        cell_times.push(t.elapsed().as_secs_f64());
        assert_eq!(n, national, "the per-cell path gives the same table");
    }

    let mut w = std::io::BufWriter::new(std::fs::File::create(out.join("inputs.csv"))?);
    writeln!(w, "series,code,year,value,demo")?;
    for (series, code, year, obs) in inputs.iter() {
        let value = obs.as_value().map(|v| format!("{v:?}")).unwrap_or_default();
        writeln!(
            w,
            "{series},{code},{year},{value},{}",
            u8::from(obs.provenance.synthetic)
        )?;
    }
    w.flush()?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out.join("values_rust.csv"))?);
    writeln!(w, "definition,code,year,value,demo")?;
    let mut cells = 0;
    for d in &national.definitions {
        for r in &d.rows {
            for v in &r.values {
                writeln!(
                    w,
                    "{},{},{},{:?},{}",
                    d.definition,
                    r.code,
                    v.year,
                    v.value,
                    u8::from(v.demo)
                )?;
                cells += 1;
            }
        }
    }
    w.flush()?;
    let municipalities = national.definitions.first().map_or(0, |d| d.rows.len());
    println!(
        "definitions: {} ({})",
        definitions.len(),
        definitions
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "municipalities: {municipalities}; years: {}–{}; values: {cells}; inputs: {}",
        years.start(),
        years.end(),
        inputs.len()
    );
    println!("ours_load_s: {load_s:.3}");
    println!(
        "per_cell_s: {:.4} (resolving {per_cell_resolve_s:.4}, definitions {:.4})",
        per_cell_resolve_s + median(cell_times.clone()),
        median(cell_times)
    );
    println!("ours_definitions_s: {:.5}", median(def_times));
    println!("all_municipalities_s: {:.4}", median(times));
    Ok(())
}
