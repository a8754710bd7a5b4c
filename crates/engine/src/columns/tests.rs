use super::*;
use crate::definitions::definitions;
use crate::inputs::{Observation, Provenance, series};

const CODES: [&str; 4] = ["3203", "3201", "0301", "1508"];

/// A table with every kind of cell: values (zero, negative and positive, so denominators and
/// population changes that are not positive), status symbols, absent cells and synthetic ones,
/// for several municipalities and years.
fn table() -> Inputs {
    let mut i = Inputs::new();
    let mut n = 0u64;
    for s in [
        series::JOBS,
        series::EMPLOYED_RESIDENTS,
        series::EMPLOYED_RESIDENTS_LOCAL,
        series::POPULATION,
        series::POPULATION_16_66,
        series::POPULATION_15_74,
        series::WAGE_COSTS,
        series::OPERATING_RESULT,
        series::NEW_ENTERPRISES,
        series::FARMLAND_CONVERTED_DEKAR,
        series::PROCUREMENT_LOCAL_SHARE,
    ] {
        for code in CODES {
            for y in 2015..=2025 {
                n += 1;
                let v = ((n * 7919) % 1000) as f64 / 7.0 - 40.0;
                let prov = Provenance::default().synthetic(y >= 2023 || n.is_multiple_of(11));
                let obs = match n % 13 {
                    0 => continue,
                    1 => Observation::symbol("..", prov),
                    2 => Observation::value(0.0, prov),
                    _ => Observation::value(v, prov),
                };
                i.insert(s, code, y, obs);
            }
        }
    }
    i
}

#[test]
fn columns_give_what_each_cell_gives_bit_for_bit() {
    let inputs = table();
    let series: Vec<&str> = definitions()
        .iter()
        .flat_map(|d| d.needs.iter().map(|n| n.series))
        .filter(|s| !s.ends_with('*'))
        .collect();
    // The input grid covers every year the table holds; the output asks for years beyond it
    // (their inputs fall outside the grid: no value, as per cell).
    let columns = ColumnInputs::from_inputs(&inputs, &series, &CODES, 2015..=2025);
    let out_years = 2013..=2027;
    let (mut values, mut compiled) = (0, 0);
    for d in definitions() {
        let Some(c) = d.compile(&columns) else {
            assert_eq!(d.id, "knowledge_intensive_share", "no columnar form");
            continue;
        };
        compiled += 1;
        let col = c.evaluate(out_years.clone());
        let grid = Grid::new(CODES.len(), out_years.clone());
        assert_eq!(col.len(), grid.len());
        for (m, code) in CODES.iter().enumerate() {
            for y in out_years.clone() {
                let per_cell = d
                    .compute(&inputs, code, y)
                    .computed()
                    .map(|v| (v.value.to_bits(), v.synthetic));
                let columnar = col
                    .get(grid.index(m, y).unwrap())
                    .map(|(v, demo)| (v.to_bits(), demo));
                assert_eq!(columnar, per_cell, "{} {code} {y}", d.id);
                values += usize::from(per_cell.is_some());
            }
        }
    }
    assert_eq!(compiled, 12);
    assert!(values > 200, "{values}");
}

#[test]
fn a_series_without_a_column_gives_no_values_and_a_wrong_length_is_refused() {
    let grid = Grid::new(2, 2020..=2021);
    let mut columns = ColumnInputs::new(grid);
    let err = columns
        .insert(series::JOBS, Column::missing(3))
        .unwrap_err();
    assert_eq!(err.cells, 4);
    columns
        .insert(
            series::JOBS,
            Column {
                values: vec![1.0, 2.0, 3.0, 4.0],
                demo: vec![false; 4],
            },
        )
        .unwrap();
    let d = crate::definition("egendekning").unwrap();
    let col = d.compile(&columns).unwrap().evaluate(2020..=2021);
    assert!(col.values.iter().all(|v| v.is_nan()), "{col:?}");
    let p = crate::definition("nyetableringer").unwrap();
    assert!(
        p.compile(&columns)
            .unwrap()
            .evaluate(2020..=2021)
            .values
            .iter()
            .all(|v| v.is_nan())
    );
    assert_eq!(grid.index(1, 2021), Some(3));
    assert_eq!(grid.index(2, 2021), None);
    assert_eq!(grid.index(0, 2019), None);
    assert_eq!(grid.years(), 2020..=2021);
}
