//! The embedded default (Asker's plan) holds what the seed document says.

use naeringsplan_plan as plan;

#[test]
fn embedded_default_validates() {
    let p = plan::parse(plan::EMBEDDED_DEFAULT_NAME, plan::EMBEDDED_DEFAULT_SOURCE)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(p.meta.municipality_code, "3203");
    assert_eq!(p.meta.period_start, 2021);
    assert_eq!(p.meta.period_end, 2024);
    assert_eq!(p.meta.adopted.to_string(), "2021-09-14");
    assert_eq!(p.goals.len(), 6);
    let sdgs: Vec<u8> = p.goals.iter().flat_map(|g| g.sdgs.clone()).collect();
    assert_eq!(sdgs, vec![17, 11, 13, 3, 4, 9]);
}

/// Every value of the seed's chapter 6 table: results 2017–2019, ambitions 2021–2024, 2020 empty.
#[test]
fn chapter_6_values_year_by_year() {
    let p = plan::embedded_default();
    let expect: [(&str, [f64; 3], [f64; 4]); 5] = [
        ("kommune-nm-total", [12.0, 12.0, 13.0], [12.0, 12.0, 11.0, 10.0]),
        ("kommune-nm-county", [5.0, 5.0, 5.0], [4.0, 3.0, 3.0, 3.0]),
        ("job-growth", [56.0, 168.0, 9.0], [50.0, 50.0, 50.0, 50.0]),
        ("kortreist", [41.9, 42.3, 41.4], [41.4, 42.0, 42.5, 43.0]),
        ("farmland-conversion", [23.0, 260.0, 90.0], [15.0, 15.0, 15.0, 15.0]),
    ];
    assert_eq!(p.indicators.len(), 5);
    for (i, (id, results, ambitions)) in expect.iter().enumerate() {
        let ind = &p.indicators[i];
        assert_eq!(&ind.id, id, "indicator order follows the plan");
        let r: Vec<(i32, f64)> = ind.results.iter().map(|(y, v)| (*y, v.value)).collect();
        assert_eq!(r, vec![(2017, results[0]), (2018, results[1]), (2019, results[2])], "{id}");
        let a: Vec<(i32, f64)> = ind.ambitions.iter().map(|(y, v)| (*y, *v)).collect();
        assert_eq!(
            a,
            vec![(2021, ambitions[0]), (2022, ambitions[1]), (2023, ambitions[2]), (2024, ambitions[3])],
            "{id}"
        );
        assert!(!ind.results.contains_key(&2020) && !ind.ambitions.contains_key(&2020));
    }
}
