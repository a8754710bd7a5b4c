//! The national table (issue 17: every chapter-9 definition for every municipality of today ×
//! ten years, behind the web's percentiles and medians and `compare`) is computed column by
//! column: each series resolved once for every municipality and year, each definition
//! evaluated over whole columns. On a realistic panel — the bundled statistics files that feed
//! those definitions, real and synthetic, across the 2020 and 2024 mergers and splits — every
//! resolved input and every value equals, bit for bit and with the same demo flag, what the
//! per-cell path gives: `SeriesPanel::resolve` cell by cell and `engine::Definition::compute`,
//! the dashboard's explained computation.

use naeringsplan_app::national;
use stats::geography::Geography;
use store::Store;
use store::observations::SeriesCatalogue;

/// The bundled statistics files the national definitions read (as `naeringsplan`'s snapshot
/// names them).
const FILES: &[&str] = &[
    "ssb/ssb_07459_v0_jsonstat2_kommsummer_2022.json",
    "snapshot/ssb_07459_befolkning_b2024_2005_2026.json",
    "snapshot/ssb_raw/ssb07459_Personer2015-2018.csv",
    "snapshot/ssb_raw/ssb07459_Personer2019.csv",
    "snapshot/ssb_raw/ssb07459_Personer2020.csv",
    "snapshot/ssb_raw/ssb07459_Personer2021.csv",
    "snapshot/ssb_raw/ssb07459_Personer2022.csv",
    "snapshot/ssb_raw/ssb07459_Personer2023.csv",
    "snapshot/real/ssb_03321_pendling_2017.json",
    "snapshot/real/ssb_03321_pendling_2018.json",
    "snapshot/real/ssb_03321_pendling_2019.json",
    "snapshot/real/ssb_03321_pendling_2020.json",
    "snapshot/real/ssb_03321_pendling_2021.json",
    "snapshot/real/ssb_03321_pendling_2022.json",
    "snapshot/real/ssb_11618_sysselsatte_2017_2022.json",
    "snapshot/synthetic/ssb_11618_SYNTETISK_2015-2016_2023-2025.json",
    "snapshot/synthetic/ssb_12660_SYNTETISK_2015_2025.json",
    "snapshot/synthetic/ssb_08316_SYNTETISK_2015_2025.json",
    "snapshot/synthetic/ssb_03321_SYNTETISK_2015.json",
    "snapshot/synthetic/ssb_03321_SYNTETISK_2016.json",
    "snapshot/synthetic/ssb_03321_SYNTETISK_2023.json",
    "snapshot/synthetic/ssb_03321_SYNTETISK_2024.json",
    "snapshot/synthetic/ssb_03321_SYNTETISK_2025.json",
    "snapshot/synthetic/ssb_07459_alder_SYNTETISK_2024_2026.json",
];

#[tokio::test(flavor = "multi_thread")]
async fn the_columnar_national_table_is_the_per_cell_one_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("s.db")).await.unwrap();
    for f in FILES {
        let bytes = std::fs::read(format!("{}/../../data/{f}", env!("CARGO_MANIFEST_DIR")))
            .unwrap_or_else(|e| panic!("{f}: {e}"));
        store
            .import_file(f, &bytes, &Default::default())
            .await
            .unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    let geo = Geography::bundled();
    let catalogue = SeriesCatalogue::bundled();
    let definitions = national::national_definitions(&catalogue);
    assert_eq!(definitions.len(), 7, "{definitions:?}");
    let years = national::national_years();
    let today = time::OffsetDateTime::now_utc().date();
    let panel = national::read_panel(&store, &catalogue, &definitions, &years)
        .await
        .unwrap();
    let codes: Vec<String> = geo
        .municipalities_at(today)
        .unwrap()
        .into_iter()
        .map(|m| m.code.clone())
        .collect();
    assert!(codes.len() >= 350, "{}", codes.len());

    // Every resolved input: the columns against SeriesPanel::resolve cell by cell.
    let inputs = national::national_inputs(&panel, geo, &definitions, &years, today).unwrap();
    let columns = national::national_columns(&panel, geo, &definitions, &years, today).unwrap();
    let grid = columns.grid();
    assert_eq!(grid.codes(), codes.len());
    let (mut with_value, mut series_seen) = (0, 0);
    for (series, col) in columns.iter() {
        series_seen += 1;
        for (m, code) in codes.iter().enumerate() {
            for year in grid.years() {
                let per_cell = inputs
                    .get(series, code, year)
                    .and_then(|o| o.as_value().map(|v| (v.to_bits(), o.provenance.synthetic)));
                let columnar = col
                    .get(grid.index(m, year).unwrap())
                    .map(|(v, demo)| (v.to_bits(), demo));
                assert_eq!(columnar, per_cell, "{series} {code} {year}");
                with_value += usize::from(columnar.is_some());
            }
        }
    }
    let per_cell_values = inputs
        .iter()
        .filter(|(.., o)| o.as_value().is_some())
        .count();
    assert_eq!(
        with_value, per_cell_values,
        "every input with a value is in the columns"
    );
    assert!(
        series_seen >= 8 && with_value > 25_000,
        "{series_seen} {with_value}"
    );

    // Every value of every definition: the columnar table against Definition::compute.
    let table = national::compute(&panel, geo, &definitions, &years, today).unwrap();
    let (mut values, mut demo, mut none) = (0, 0, 0);
    for d in &definitions {
        let t = table.definition(d.id).unwrap();
        assert_eq!(t.rows.len(), codes.len());
        for row in &t.rows {
            for year in years.clone() {
                let per_cell = d
                    .compute(&inputs, &row.code, year)
                    .computed()
                    .map(|c| (c.value.to_bits(), c.synthetic));
                let columnar = row.value(year).map(|v| (v.value.to_bits(), v.demo));
                assert_eq!(columnar, per_cell, "{} {} {year}", d.id, row.code);
                match columnar {
                    Some((_, true)) => demo += 1,
                    Some((_, false)) => {}
                    None => none += 1,
                }
                values += usize::from(columnar.is_some());
            }
        }
    }
    assert!(values > 20_000, "{values}");
    assert!(demo > 0 && demo < values, "demo {demo} of {values}");
    assert!(
        none > 0,
        "some cells have no value (missing inputs, no growth)"
    );
    // And the whole table as the per-cell path builds it (rows, names, counties).
    let per_cell =
        national::compute_from_inputs(&inputs, geo, &definitions, &years, today).unwrap();
    assert_eq!(table, per_cell);
}
