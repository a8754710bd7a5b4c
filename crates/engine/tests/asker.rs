//! The five indicators of the embedded default plan (Asker), evaluated over 2017–2024 with a
//! small hand-made input table.

use naeringsplan_engine::{
    CheckKind, DefinitionOutcome, IndicatorEvaluation, Inputs, NoValueReason, Observation,
    Provenance, ValueBasis, Verdict, assess_trend, combine_override, evaluate_plan, explain,
    explain_year, series, trend::TrendStatus,
};

const ASKER: &str = "3203";

fn ssb(table: &str) -> Provenance {
    Provenance::table(
        table,
        format!("https://data.ssb.no/api/v0/no/table/{table}"),
    )
    .updated("2024-03-01T08:00:00Z")
    .imported_at("2025-01-15T12:00:00Z")
}

/// The hand-made table. Values by year:
///
/// - kortreist (local / employed residents): 2017 20 800 / 50 000 = 41.6 % (the plan quotes
///   41.9 %), 2020 21 000 / 50 000 = 42.0 %, 2021 21 200 / 50 000 = 42.4 %, 2022 20 900 / 50 000
///   = 41.8 %; nothing for 2023–2024.
/// - job growth: jobs Q4 2016 40 000, 2017 40 560; population 1 Jan 2017 94 000, 2018 95 000 →
///   2017 = 100 × 560 / 1 000 = 56 % (agrees with the plan's 56 %). Jobs 2020 41 000, 2021
///   41 300, 2022 41 900; population 2021 96 000, 2022 97 000, 2023 97 000 → 2021 = 100 × 300 /
///   1 000 = 30 %, 2022 undefined (no population growth).
/// - farmland converted: 2021 12 dekar, 2022 40 dekar, 2023 "..".
/// - published: Kommune-NM county rank 2022 = 4, imported from NHO.
fn inputs() -> Inputs {
    let mut i = Inputs::new();
    let mut put = |s: &str, y: i32, v: f64, t: &str| {
        i.insert(s, ASKER, y, Observation::value(v, ssb(t)));
    };
    for (y, local) in [
        (2017, 20_800.0),
        (2020, 21_000.0),
        (2021, 21_200.0),
        (2022, 20_900.0),
    ] {
        put(series::EMPLOYED_RESIDENTS_LOCAL, y, local, "03321");
        put(series::EMPLOYED_RESIDENTS, y, 50_000.0, "03321");
    }
    for (y, j) in [
        (2016, 40_000.0),
        (2017, 40_560.0),
        (2020, 41_000.0),
        (2021, 41_300.0),
        (2022, 41_900.0),
    ] {
        put(series::JOBS, y, j, "07979");
    }
    for (y, p) in [
        (2017, 94_000.0),
        (2018, 95_000.0),
        (2021, 96_000.0),
        (2022, 97_000.0),
        (2023, 97_000.0),
    ] {
        put(series::POPULATION, y, p, "07459");
    }
    put(series::FARMLAND_CONVERTED_DEKAR, 2021, 12.0, "KOSTRA 12656");
    put(series::FARMLAND_CONVERTED_DEKAR, 2022, 40.0, "KOSTRA 12656");
    i.insert(
        series::FARMLAND_CONVERTED_DEKAR,
        ASKER,
        2023,
        Observation::symbol("..", ssb("KOSTRA 12656")),
    );
    i.insert_published(
        "kommune-nm-county",
        ASKER,
        2022,
        Observation::value(
            4.0,
            Provenance::table("Kommune-NM 2023", "https://www.nho.no/kommune-nm")
                .imported_at("2025-01-15"),
        ),
    );
    i
}

fn evals() -> Vec<IndicatorEvaluation> {
    evaluate_plan(&plan::embedded_default(), &inputs()).expect("all definitions known")
}

fn find<'a>(e: &'a [IndicatorEvaluation], id: &str) -> &'a IndicatorEvaluation {
    e.iter().find(|x| x.indicator_id == id).unwrap()
}

fn verdicts(e: &IndicatorEvaluation) -> Vec<(i32, Verdict)> {
    e.table_years()
        .map(|y| (y.year, y.judgement.verdict))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn five_indicators_every_table_year() {
    let e = evals();
    assert_eq!(
        e.iter()
            .map(|x| x.indicator_id.as_str())
            .collect::<Vec<_>>(),
        [
            "kommune-nm-total",
            "kommune-nm-county",
            "job-growth",
            "kortreist",
            "farmland-conversion"
        ]
    );
    for ind in &e {
        let years: Vec<i32> = ind.table_years().map(|y| y.year).collect();
        assert_eq!(
            years,
            (2017..=2024).collect::<Vec<_>>(),
            "{}",
            ind.indicator_id
        );
        assert_eq!(ind.municipality_code, ASKER);
        for y in ind.table_years() {
            // No value is never 0: a year without a chosen value has NoData or NoAmbition.
            if y.chosen.is_none() {
                assert!(
                    matches!(y.judgement.verdict, Verdict::NoData | Verdict::NoAmbition),
                    "{} {}",
                    ind.indicator_id,
                    y.year
                );
                assert!(y.judgement.value.is_none());
            }
            if y.ambition.is_some() && y.chosen.is_none() {
                assert_eq!(
                    y.judgement.verdict,
                    Verdict::NoData,
                    "{} {}",
                    ind.indicator_id,
                    y.year
                );
            }
        }
    }
}

#[test]
fn ranks_come_from_the_plan_quotes() {
    use Verdict::*;
    let e = evals();
    let total = find(&e, "kommune-nm-total");
    for (y, rank) in [(2017, 12.0), (2018, 12.0), (2019, 13.0)] {
        let c = total.year(y).unwrap().chosen.unwrap();
        assert_eq!((c.value, c.basis), (rank, ValueBasis::PlanQuote));
        assert!(
            total.year(y).unwrap().computation.is_none(),
            "published: nothing computed"
        );
    }
    assert_eq!(
        verdicts(total),
        [
            (2017, NoAmbition),
            (2018, NoAmbition),
            (2019, NoAmbition),
            (2020, NoAmbition),
            (2021, NoData),
            (2022, NoData),
            (2023, NoData),
            (2024, NoData)
        ]
    );
    // The county rank: quotes for 2017–2019, the imported NHO figure for 2022 (4 > ambition 3).
    let county = find(&e, "kommune-nm-county");
    let y22 = county.year(2022).unwrap();
    assert_eq!(y22.chosen.unwrap().basis, ValueBasis::Imported);
    assert_eq!(y22.judgement.verdict, NotAchieved);
    assert_eq!(county.year(2019).unwrap().chosen.unwrap().value, 5.0);
    assert_eq!(
        verdicts(county),
        [
            (2017, NoAmbition),
            (2018, NoAmbition),
            (2019, NoAmbition),
            (2020, NoAmbition),
            (2021, NoData),
            (2022, NotAchieved),
            (2023, NoData),
            (2024, NoData)
        ]
    );
}

#[test]
fn job_growth_computed_beside_the_quotes() {
    use Verdict::*;
    let e = evals();
    let jg = find(&e, "job-growth");
    // 2017: computed 56 % and quoted 56 % — both kept, they agree; the computed one is used.
    let y17 = jg.year(2017).unwrap();
    assert!(close(y17.computed_value().unwrap(), 56.0));
    assert_eq!(y17.quoted.as_ref().unwrap().value, 56.0);
    assert_eq!(y17.comparisons.len(), 1);
    assert!(y17.comparisons[0].agrees);
    assert_eq!(y17.chosen.unwrap().basis, ValueBasis::Computed);
    // 2018, 2019: no inputs, the quotes 168 % and 9 % stand.
    assert_eq!(jg.year(2018).unwrap().chosen.unwrap().value, 168.0);
    assert_eq!(
        jg.year(2018).unwrap().chosen.unwrap().basis,
        ValueBasis::PlanQuote
    );
    assert_eq!(jg.year(2019).unwrap().chosen.unwrap().value, 9.0);
    // 2021: 30 % < 50 %. 2022: population did not grow: no value, with the reason.
    assert!(close(
        jg.year(2021).unwrap().computed_value().unwrap(),
        30.0
    ));
    let y22 = jg.year(2022).unwrap();
    match y22.computation.as_ref().unwrap() {
        DefinitionOutcome::NoValue(n) => {
            assert!(matches!(n.reason, NoValueReason::Undefined { .. }));
        }
        other => panic!("{other:?}"),
    }
    assert!(y22.chosen.is_none());
    assert_eq!(
        verdicts(jg),
        [
            (2017, NoAmbition),
            (2018, NoAmbition),
            (2019, NoAmbition),
            (2020, NoAmbition),
            (2021, NotAchieved),
            (2022, NoData),
            (2023, NoData),
            (2024, NoData)
        ]
    );
}

#[test]
fn kortreist_year_on_year() {
    use Verdict::*;
    let e = evals();
    let k = find(&e, "kortreist");
    // 2017: computed 41.6 % differs from the plan's 41.9 %: both kept and labelled.
    let y17 = k.year(2017).unwrap();
    assert!(close(y17.computed_value().unwrap(), 41.6));
    assert_eq!(y17.quoted.as_ref().unwrap().value, 41.9);
    assert!(y17.has_disagreement());
    let c = y17.comparisons[0];
    assert_eq!((c.a, c.b), (ValueBasis::Computed, ValueBasis::PlanQuote));
    assert!((c.difference - -0.3).abs() < 1e-9);
    assert_eq!(y17.chosen.unwrap().basis, ValueBasis::Computed);
    // 2021: 42.4 % ≥ 41.4 % and > 42.0 % (2020): achieved.
    let y21 = k.year(2021).unwrap();
    assert_eq!(
        y21.judgement.verdict, Achieved,
        "{}",
        y21.judgement.reasoning.nb
    );
    match &y21.judgement.checks[1].kind {
        CheckKind::IncreaseFromPreviousYear {
            previous_year,
            previous,
        } => {
            assert_eq!(*previous_year, 2020);
            assert!(close(previous.unwrap().value, 42.0));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        verdicts(k),
        [
            (2017, NoAmbition),
            (2018, NoAmbition),
            (2019, NoAmbition),
            (2020, NoAmbition),
            (2021, Achieved),
            (2022, NotAchieved),
            (2023, NoData),
            (2024, NoData)
        ]
    );
}

#[test]
fn farmland_threshold_and_missing_symbol() {
    use Verdict::*;
    let e = evals();
    let f = find(&e, "farmland-conversion");
    assert_eq!(
        verdicts(f),
        [
            (2017, NoAmbition),
            (2018, NoAmbition),
            (2019, NoAmbition),
            (2020, NoAmbition),
            (2021, Achieved),
            (2022, NotAchieved),
            (2023, NoData),
            (2024, NoData)
        ]
    );
    let y23 = f.year(2023).unwrap();
    match y23.computation.as_ref().unwrap() {
        DefinitionOutcome::NoValue(n) => {
            assert!(
                n.reason
                    .describe_nb()
                    .contains("«..» (tallgrunnlag mangler)")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn trend_of_kortreist_by_hand() {
    let plan = plan::embedded_default();
    let e = evals();
    let k = find(&e, "kortreist");
    let t = assess_trend(&plan, k).unwrap();
    // Base 2019 (the plan's last result year before its 2021–2024 period), latest 2022,
    // target 43.0 % in 2024; a share is judged on absolute change per year, not CAGR.
    assert_eq!(
        (t.base_year, t.latest_year, t.target_year),
        (Some(2019), Some(2022), Some(2024))
    );
    assert_eq!(
        t.base_basis,
        Some(k.year(2019).unwrap().chosen.unwrap().basis)
    );
    assert_eq!(t.growth, naeringsplan_engine::Growth::AbsoluteChange);
    let base = k.year(2019).unwrap().chosen.unwrap().value;
    let latest = k.year(2022).unwrap().chosen.unwrap().value;
    let obs = (latest - base) / 3.0;
    let req = (43.0 - base) / 5.0;
    assert!((t.change_observed.unwrap() - obs).abs() < 1e-12);
    assert!((t.change_required.unwrap() - req).abs() < 1e-12);
    assert!((t.ratio.unwrap() - obs / req).abs() < 1e-9);
    assert_eq!(t.cagr_observed, None);
    assert_eq!(
        t.status,
        naeringsplan_engine::trend::Thresholds::WITH_TARGET.status(obs / req)
    );

    // Kommune-NM total: quotes 12, 12, 13 (2017–2019) only; base year 2019 is also the latest
    // year, so no trend can be computed from them.
    let t = assess_trend(&plan, find(&e, "kommune-nm-total")).unwrap();
    assert_eq!(t.status, TrendStatus::NotAvailable);
    assert_eq!(t.base_basis, Some(ValueBasis::PlanQuote));
}

#[test]
fn explain_lists_every_input_with_provenance_in_norwegian() {
    let plan = plan::embedded_default();
    let e = evals();
    let jg = find(&e, "job-growth");
    let x = explain_year(jg, 2017).unwrap();
    assert_eq!(x.inputs.len(), 4);
    let text = x.to_string().replace('\u{a0}', " ");
    assert!(
        text.contains("Formel: 100 × Δarbeidsplasser / Δbefolkning"),
        "{text}"
    );
    assert!(
        text.contains(
            "arbeidsplasser året før (4. kvartal) [jobs, kommune 3203, 2016]: 40 000 – kilde: SSB-tabell 07979, oppdatert 2024-03-01T08:00:00Z"
        ),
        "{text}"
    );
    assert!(
        text.contains("[population, kommune 3203, 2018]: 95 000 – kilde: SSB-tabell 07459"),
        "{text}"
    );
    assert!(text.contains("Utregning: Δarbeidsplasser = 40 560 − 40 000 = 560; Δbefolkning = 95 000 − 94 000 = 1000; 100 × 560 / 1000 = 56,0 %"), "{text}");
    assert!(text.contains("Sitert i planen: 56 %"), "{text}");
    assert!(
        text.contains("Samsvar: 56 % (beregnet) og 56 % (sitert fra planen)"),
        "{text}"
    );
    assert!(text.contains("Vurdering: ingen ambisjon"), "{text}");

    let k = find(&e, "kortreist");
    let trend = combine_override(assess_trend(&plan, k).unwrap(), None);
    let all = explain(k)
        .with_trend(trend)
        .to_string()
        .replace('\u{a0}', " ");
    assert!(
        all.starts_with("Indikator 4: Andelen som er bosatt og sysselsatt i egen kommune"),
        "{all}"
    );
    assert!(
        all.contains("Avvik: 41,6 % (beregnet) mot 41,9 % (sitert fra planen); differanse −0,3."),
        "{all}"
    );
    assert!(
        all.contains("Økning fra 2020: 42,4 % > 42 % (2020, beregnet) – oppfylt"),
        "{all}"
    );
    assert!(
        all.contains("Utvikling (Open SDG-metoden): begrenset framgang"),
        "{all}"
    );
    // Every computed input appears with its table.
    for y in &k.years {
        if let Some(c) = y.computation.as_ref().and_then(DefinitionOutcome::computed) {
            for u in &c.inputs {
                assert_eq!(u.observation.provenance.table.as_deref(), Some("03321"));
            }
        }
    }
    // A year with no data says so.
    let nd = explain_year(k, 2024).unwrap().to_string();
    assert!(nd.contains("Brukt i vurderingen: ingen data"), "{nd}");
    assert!(nd.contains("Vurdering: ingen data"), "{nd}");
    assert!(nd.contains("mangler grunnlagstall"), "{nd}");

    // A published indicator explains the import.
    let county = explain_year(find(&e, "kommune-nm-county"), 2022)
        .unwrap()
        .to_string();
    assert!(
        county.contains("publisert tall fra NHO Kommune-NM"),
        "{county}"
    );
    assert!(county.contains("Importert publisert tall: 4. [kilde Kommune-NM 2023, importert 2025-01-15, https://www.nho.no/kommune-nm]"), "{county}");
}

#[test]
fn explain_indicator_by_id() {
    let plan = plan::embedded_default();
    let x =
        naeringsplan_engine::explain_indicator(&plan, &inputs(), "farmland-conversion").unwrap();
    assert_eq!(
        x.years
            .iter()
            .filter(|y| (2017..=2024).contains(&y.year))
            .count(),
        8
    );
    assert!(x.trend.is_some());
    let text = x.to_string().replace('\u{a0}', " ");
    assert!(
        text.contains("Formel: dekar dyrket mark omdisponert i året"),
        "{text}"
    );
    assert!(text.contains("Utvikling (Open SDG-metoden)"), "{text}");
    assert!(matches!(
        naeringsplan_engine::explain_indicator(&plan, &inputs(), "nope"),
        Err(naeringsplan_engine::EngineError::UnknownIndicator(_))
    ));
}

#[test]
fn results_serialise_to_json() {
    let plan = plan::embedded_default();
    let e = evals();
    let json = serde_json::to_value(&e).unwrap();
    let k = &json[3];
    assert_eq!(k["indicator_id"], "kortreist");
    let y21 = k["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2021)
        .unwrap();
    assert_eq!(y21["judgement"]["verdict"], "achieved");
    assert_eq!(y21["chosen"]["basis"], "computed");
    assert_eq!(y21["computation"]["outcome"], "computed");
    assert_eq!(
        y21["computation"]["inputs"][0]["observation"]["provenance"]["table"],
        "03321"
    );
    let y23 = k["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2023)
        .unwrap();
    assert_eq!(y23["judgement"]["verdict"], "no_data");
    assert!(y23["chosen"].is_null());
    assert_eq!(
        y23["computation"]["reason"]["missing"][0]["reason"]["reason"],
        "no_observation"
    );
    let t = serde_json::to_value(assess_trend(&plan, find(&e, "kortreist")).unwrap()).unwrap();
    assert_eq!(t["growth"], "absolute_change");
    for key in [
        "status",
        "base_year",
        "base_value",
        "latest_year",
        "latest_value",
        "target_year",
        "target_value",
        "change_observed",
        "change_required",
        "ratio",
    ] {
        assert!(!t[key].is_null(), "{key}");
    }
    let x = serde_json::to_value(explain(find(&e, "job-growth"))).unwrap();
    assert_eq!(x["method"]["kind"], "definition");
    assert_eq!(x["method"]["id"], "job_growth_vs_population");
}

#[test]
fn empty_inputs_give_quotes_and_no_data() {
    let e = evaluate_plan(&plan::embedded_default(), &Inputs::new()).unwrap();
    for ind in &e {
        for y in ind.table_years() {
            match y.year {
                2017..=2019 => {
                    assert_eq!(y.chosen.unwrap().basis, ValueBasis::PlanQuote);
                    assert_eq!(y.judgement.verdict, Verdict::NoAmbition);
                }
                2020 => {
                    assert!(y.chosen.is_none());
                    assert_eq!(y.judgement.verdict, Verdict::NoAmbition);
                }
                _ => {
                    assert!(y.chosen.is_none());
                    assert_eq!(
                        y.judgement.verdict,
                        Verdict::NoData,
                        "{} {}",
                        ind.indicator_id,
                        y.year
                    );
                }
            }
        }
    }
}

#[test]
fn unknown_definition_is_an_error() {
    let mut plan = plan::embedded_default();
    plan.indicators[2].computation = plan::Computation::Definition {
        definition: "job_grwoth".into(),
    };
    let err = evaluate_plan(&plan, &Inputs::new()).unwrap_err();
    assert!(err.to_string().contains("job_grwoth"));
    assert_eq!(naeringsplan_engine::check_plan(&plan).len(), 1);
    assert!(naeringsplan_engine::check_plan(&plan::embedded_default()).is_empty());
}
