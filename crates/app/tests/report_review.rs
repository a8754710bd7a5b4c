//! The council report's review (issue 18): assessments per period, drafts only in the preview,
//! no final report while a deviation is unexplained, a final report's bytes frozen, and the
//! report's data date (figures for a year not ended by then are left out).

use app::council_report::{ReportOptions, assemble_with};
use app::report_review::{AssessmentInput, ReviewError, finalise, save_assessment};
use naeringsplan_app as app;
use report::{Mark, Period, ReportState};
use sha2::Digest as _;
use store::assessments::SubjectKind;
use store::{ActionPatch, Store};
use time::macros::{date, datetime};

async fn store() -> (tempfile::TempDir, Store, plan::Plan) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("s.db")).await.unwrap();
    let plan = plan::embedded_default();
    store
        .load_plan(
            &plan,
            plan::EMBEDDED_DEFAULT_NAME,
            plan::EMBEDDED_DEFAULT_SOURCE,
        )
        .await
        .unwrap();
    (dir, store, plan)
}

fn note<'a>(kind: SubjectKind, id: &'a str, text: &'a str, published: bool) -> AssessmentInput<'a> {
    AssessmentInput {
        year: 2024,
        period: Period::Year,
        kind,
        subject_id: id,
        text,
        published,
        by: "redaktor",
    }
}

fn kind_of(k: &str) -> SubjectKind {
    match k {
        "indicator" => SubjectKind::Indicator,
        "action" => SubjectKind::Action,
        other => panic!("deviation kind {other}"),
    }
}

#[tokio::test]
async fn a_report_with_an_unexplained_deviation_cannot_be_final_and_a_final_one_is_frozen() {
    let (_dir, store, plan) = store().await;
    let now = datetime!(2025-02-03 10:00 UTC);
    let report = assemble_with(&store, &plan, 2024, Period::Year, &ReportOptions::default())
        .await
        .unwrap();
    let deviations: Vec<(SubjectKind, String)> = report
        .deviations()
        .iter()
        .map(|d| (kind_of(d.kind), d.id.to_string()))
        .collect();
    // T2 ended 30 June 2024 unfinished: a deviation of the 2024 report.
    assert!(
        deviations.contains(&(SubjectKind::Action, "T2".into())),
        "{deviations:?}"
    );

    // Nothing explained: refused, nothing stored.
    let Err(ReviewError::Unexplained(missing)) =
        finalise(&store, &plan, 2024, Period::Year, "redaktor", now).await
    else {
        panic!("finalised with unexplained deviations");
    };
    assert_eq!(missing.len(), deviations.len());
    assert!(!store.is_final("3203", 2024, "year").await.unwrap());

    // Drafts do not explain a deviation to the council: still refused.
    for (kind, id) in &deviations {
        save_assessment(&store, &plan, &note(*kind, id, "Utkast.", false))
            .await
            .unwrap();
    }
    assert!(matches!(
        finalise(&store, &plan, 2024, Period::Year, "redaktor", now).await,
        Err(ReviewError::Unexplained(_))
    ));
    // The public report does not show a draft; the staff's preview does, marked.
    let public = assemble_with(&store, &plan, 2024, Period::Year, &ReportOptions::default())
        .await
        .unwrap();
    let t2 = |r: &report::ReportInput| {
        r.actions
            .iter()
            .find(|a| a.id == "T2")
            .unwrap()
            .explanation
            .clone()
    };
    assert_eq!(t2(&public), None);
    let preview = assemble_with(
        &store,
        &plan,
        2024,
        Period::Year,
        &ReportOptions {
            drafts: true,
            data_as_of: None,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(preview.state, ReportState::Preview);
    assert!(t2(&preview).unwrap().draft);

    // Published explanations for every deviation, and an overall assessment: final.
    for (kind, id) in &deviations {
        save_assessment(
            &store,
            &plan,
            &note(*kind, id, &format!("Forklaring av {id}."), true),
        )
        .await
        .unwrap();
    }
    save_assessment(
        &store,
        &plan,
        &note(SubjectKind::Plan, "", "Året samlet: godt i gang.", true),
    )
    .await
    .unwrap();
    let files = finalise(&store, &plan, 2024, Period::Year, "redaktor", now)
        .await
        .unwrap();
    let formats: Vec<&str> = files.iter().map(|f| f.format.as_str()).collect();
    assert_eq!(formats, ["pdf", "docx", "html", "md"]);
    let md_before = app::report_review::final_bytes(&store, &plan, 2024, Period::Year, "md")
        .await
        .unwrap()
        .unwrap();
    let md_file = files.iter().find(|f| f.format == "md").unwrap();
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&md_before)),
        md_file.sha256
    );
    let text = String::from_utf8(md_before.clone()).unwrap();
    assert!(
        text.contains("Endelig versjon, fastsatt 2025-02-03"),
        "{text}"
    );
    assert!(text.contains("Forklaring: Forklaring av T2."), "{text}");
    assert!(text.contains("Året samlet: godt i gang."), "{text}");
    assert!(!text.contains("Forklaring mangler"), "{text}");
    let pdf = app::report_review::final_bytes(&store, &plan, 2024, Period::Year, "pdf")
        .await
        .unwrap()
        .unwrap();

    // The data change afterwards (statistics imported, an action edited); the final report
    // does not.
    for f in [
        "ssb_03321_pendling_2022.json",
        "ssb_11618_sysselsatte_2017_2022.json",
    ] {
        let bytes = std::fs::read(format!(
            "{}/../../data/snapshot/real/{f}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        store
            .import_file(f, &bytes, &Default::default())
            .await
            .unwrap();
    }
    let t2_now = store.action("3203", "T2").await.unwrap().unwrap();
    store
        .update_action(
            "3203",
            "T2",
            t2_now.version,
            &ActionPatch {
                title: Some("Nytt navn".into()),
                ..Default::default()
            },
            "editor",
        )
        .await
        .unwrap();
    assert!(matches!(
        save_assessment(&store, &plan, &note(SubjectKind::Plan, "", "Endret.", true)).await,
        Err(ReviewError::Final(_))
    ));
    assert!(matches!(
        finalise(&store, &plan, 2024, Period::Year, "redaktor", now).await,
        Err(ReviewError::Final(_))
    ));
    let regenerated = String::from_utf8(
        report::render(
            &assemble_with(&store, &plan, 2024, Period::Year, &ReportOptions::default())
                .await
                .unwrap(),
            report::Format::Markdown,
            None,
        )
        .unwrap(),
    )
    .unwrap();
    assert!(
        regenerated.contains("data for 2022") && !text.contains("data for 2022"),
        "the live report follows the data"
    );
    assert_eq!(
        app::report_review::final_bytes(&store, &plan, 2024, Period::Year, "md")
            .await
            .unwrap()
            .unwrap(),
        md_before
    );
    assert_eq!(
        app::report_review::final_bytes(&store, &plan, 2024, Period::Year, "pdf")
            .await
            .unwrap()
            .unwrap(),
        pdf
    );
    // Another period is not frozen by it.
    save_assessment(
        &store,
        &plan,
        &AssessmentInput {
            period: Period::H1,
            ..note(SubjectKind::Plan, "", "Halvår.", true)
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn assessments_are_checked() {
    let (_dir, store, plan) = store().await;
    for (input, what) in [
        (
            note(SubjectKind::Indicator, "nope", "x", true),
            "ukjent indikator",
        ),
        (note(SubjectKind::Action, "T99", "x", true), "ukjent tiltak"),
        (
            note(SubjectKind::FocusArea, "9.9", "x", true),
            "ukjent innsatsområde",
        ),
        (note(SubjectKind::Plan, "x", "x", true), "ukjent plan"),
        (
            AssessmentInput {
                year: 1999,
                ..note(SubjectKind::Plan, "", "x", true)
            },
            "planen dekker årene",
        ),
        (note(SubjectKind::Plan, "", "a\u{0}b", true), "kontrolltegn"),
    ] {
        match save_assessment(&store, &plan, &input).await {
            Err(ReviewError::Invalid(m)) => assert!(m.contains(what), "{m}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    let long = "x".repeat(app::report_review::MAX_TEXT_CHARS + 1);
    assert!(matches!(
        save_assessment(&store, &plan, &note(SubjectKind::Plan, "", &long, true)).await,
        Err(ReviewError::Invalid(_))
    ));
    // Versions: the latest is in force; an empty text withdraws it.
    let area = &plan.focus_areas[0].number;
    save_assessment(
        &store,
        &plan,
        &note(SubjectKind::FocusArea, area, "Først.", true),
    )
    .await
    .unwrap();
    save_assessment(
        &store,
        &plan,
        &note(SubjectKind::FocusArea, area, "Så.", true),
    )
    .await
    .unwrap();
    let r = assemble_with(&store, &plan, 2024, Period::Year, &ReportOptions::default())
        .await
        .unwrap();
    assert_eq!(r.area_assessments[area].text, "Så.");
    // The plan's progress by the dashboard's rule: strategies without actions count as 0 %, so
    // the figure is never above the covered share would allow.
    let p = r.progress.unwrap();
    assert_eq!(p.total, 43);
    assert!(p.covered < p.total);
    assert!(
        (p.plan_percent - p.covered_percent * p.covered as f64 / p.total as f64).abs() < 1e-9,
        "{p:?}"
    );
    let md =
        String::from_utf8(report::render(&r, report::Format::Markdown, None).unwrap()).unwrap();
    assert!(
        md.contains(&format!("{} av 43 strategier har tiltak", p.covered)),
        "{md}"
    );
    save_assessment(&store, &plan, &note(SubjectKind::FocusArea, area, "", true))
        .await
        .unwrap();
    let r = assemble_with(&store, &plan, 2024, Period::Year, &ReportOptions::default())
        .await
        .unwrap();
    assert!(!r.area_assessments.contains_key(area));
    assert_eq!(
        store
            .assessment_history("3203", 2024, "year")
            .await
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn a_year_not_ended_by_the_data_date_is_left_out() {
    let (_dir, store, plan) = store().await;
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/snapshot/real/");
    for f in [
        "ssb_03321_pendling_2017.json",
        "ssb_03321_pendling_2018.json",
        "ssb_03321_pendling_2019.json",
        "ssb_03321_pendling_2020.json",
        "ssb_03321_pendling_2021.json",
        "ssb_03321_pendling_2022.json",
        "ssb_11618_sysselsatte_2017_2022.json",
    ] {
        let bytes = std::fs::read(format!("{real}{f}")).unwrap();
        store
            .import_file(f, &bytes, &Default::default())
            .await
            .unwrap();
    }
    let year = |r: &report::ReportInput, y: i32| {
        r.indicators
            .iter()
            .find(|i| i.id == "kortreist")
            .unwrap()
            .years
            .iter()
            .find(|v| v.year == y)
            .unwrap()
            .clone()
    };
    // The 2022 report, as of 31 December 2022: 2022's figures could not have been published.
    let r = assemble_with(&store, &plan, 2022, Period::Year, &ReportOptions::default())
        .await
        .unwrap();
    assert_eq!(r.data_cutoff, date!(2022 - 12 - 31));
    assert_eq!(r.last_data_year(), 2021);
    assert_eq!(year(&r, 2022).value, None);
    assert_eq!(year(&r, 2022).mark, Mark::NotYetPublished);
    assert!(year(&r, 2021).value.is_some());
    let trend = r
        .indicators
        .iter()
        .find(|i| i.id == "kortreist")
        .unwrap()
        .trend
        .clone()
        .unwrap();
    assert!(trend.basis.contains("2021"), "{}", trend.basis);
    assert!(!trend.basis.contains("2022"), "{}", trend.basis);
    let md =
        String::from_utf8(report::render(&r, report::Format::Markdown, None).unwrap()).unwrap();
    assert!(md.contains("tall for år til og med 2021"), "{md}");

    // Asked for a later data date: 2022 is in, with the same value the dashboard shows.
    let later = assemble_with(
        &store,
        &plan,
        2022,
        Period::Year,
        &ReportOptions {
            drafts: false,
            data_as_of: Some(date!(2023 - 06 - 30)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let v2022 = year(&later, 2022).value.unwrap().value;
    let (evaluated, _) = app::indicators::evaluate(&store, &plan).await.unwrap();
    let dashboard = evaluated
        .iter()
        .find(|e| e.evaluation.indicator_id == "kortreist")
        .unwrap()
        .evaluation
        .year(2022)
        .unwrap()
        .chosen
        .as_ref()
        .unwrap()
        .value;
    assert_eq!(v2022, dashboard);
    assert_ne!(year(&later, 2022).mark, Mark::NotYetPublished);
}
