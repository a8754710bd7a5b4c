//! The council report shows the actions as they stood on its period's last day (issue 18): the
//! embedded default's dated follow-up history makes the 2022, 2023 and 2024 reports differ, the
//! first half-year differs from the whole year, and a change made after a period's end does not
//! change that period's report.

use naeringsplan_app as app;
use report::{Period, ReportInput};
use store::{ActionPatch, Store};

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

fn action<'a>(r: &'a ReportInput, id: &str) -> &'a report::ActionView {
    r.actions.iter().find(|a| a.id == id).unwrap()
}

#[tokio::test]
async fn actions_as_of_the_period_end() {
    let (_dir, store, plan) = store().await;
    let report = |year, period| {
        let (store, plan) = (&store, &plan);
        async move {
            app::council_report::assemble(store, plan, year, period)
                .await
                .unwrap()
        }
    };
    let y2022 = report(2022, Period::Year).await;
    let y2023 = report(2023, Period::Year).await;
    let y2024 = report(2024, Period::Year).await;
    let h1_2024 = report(2024, Period::H1).await;
    let t1 = |r: &ReportInput| action(r, "T1").progress;
    assert_eq!((t1(&y2022), t1(&y2023), t1(&y2024)), (30, 45, 60));
    assert_eq!(t1(&h1_2024), 45, "T1 reached 60 % only on 31 December");
    assert_eq!(action(&y2023, "T3").status, "Satt på vent");
    assert_eq!(action(&y2022, "T3").status, "Pågår");
    assert_eq!(
        action(&y2024, "T1").changed.as_deref(),
        Some("fremdrift 45 → 60 %")
    );
    assert_eq!(action(&y2024, "T9").changed, None, "completed in 2022");
    // T2 ended 30 June 2024 unfinished: late in the 2024 report, not in the 2023 one.
    assert!(action(&y2024, "T2").late);
    assert!(!action(&y2023, "T2").late);

    // A change made today does not alter the 2024 report.
    let t1_now = store.action("3203", "T1").await.unwrap().unwrap();
    store
        .update_action(
            "3203",
            "T1",
            t1_now.version,
            &ActionPatch {
                progress: Some(90),
                status: Some(plan::ActionStatus::Delayed),
                ..Default::default()
            },
            "editor",
        )
        .await
        .unwrap();
    let again = report(2024, Period::Year).await;
    assert_eq!(action(&again, "T1").progress, 60);
    assert_eq!(action(&again, "T1").status, "Pågår");
    assert_eq!(again.actions, y2024.actions);
    // The rendered reports differ by period.
    let md = |r: &ReportInput| {
        String::from_utf8(report::render(r, report::Format::Markdown, None).unwrap()).unwrap()
    };
    assert_ne!(md(&y2024), md(&h1_2024));
    assert_ne!(md(&y2023), md(&y2024));
    assert!(md(&y2024).contains("Endret siden forrige rapport"));
}

/// The year's priority selection (topp 10, issue 20) comes first in the report's actions
/// chapter and its summary, as it stood at the period's end: a selection for 2024 written in
/// the plan file shows in the 2024 report, not in the 2023 one; one made today (after the
/// period) does not alter the 2024 report.
#[tokio::test]
async fn the_topp_10_of_the_report_year_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("s.db")).await.unwrap();
    // Asker's plan with T5 and T8 selected for 2024 by formannskapet.
    let mut src = plan::EMBEDDED_DEFAULT_SOURCE.to_string();
    for id in ["T5", "T8"] {
        let at = src.find(&format!("id = \"{id}\"")).unwrap();
        let next = at + src[at..].find("\n\n").unwrap();
        src.insert_str(
            next,
            "\n\n[actions.budget]\ncost_estimate = 400000\npriority = { year = 2024, decision = \"Formannskapet sak 12/24\", decided = 2024-02-13 }",
        );
    }
    let plan = plan::parse("asker-topp10.toml", &src).unwrap();
    store
        .load_plan(&plan, "asker-topp10.toml", &src)
        .await
        .unwrap();
    let md = |r: &ReportInput| {
        String::from_utf8(report::render(r, report::Format::Markdown, None).unwrap()).unwrap()
    };
    let y2024 = app::council_report::assemble(&store, &plan, 2024, Period::Year)
        .await
        .unwrap();
    assert_eq!(y2024.priority_year(), Some(2024));
    let text = md(&y2024);
    let chapter_at = text.find("{#tiltak}").expect("the actions chapter");
    let chapter = &text[chapter_at..];
    let top = chapter
        .find("Topp 10 for 2024")
        .expect("topp 10 in the chapter");
    let first_area = chapter.find("Tiltak i 5.").unwrap();
    assert!(top < first_area, "topp 10 before the areas' tables");
    let section = &chapter[top..first_area];
    assert!(
        section.contains("Formannskapet sak 12/24, 2024-02-13"),
        "{section}"
    );
    assert!(
        section.contains("T5") && section.contains("T8"),
        "{section}"
    );
    assert!(!section.contains("T1 "), "{section}");
    assert!(section.contains("kostnadsoverslag 400"), "{section}");
    // The summary names the selection too.
    let summary_top = text.find("Topp 10 for 2024").unwrap();
    assert!(summary_top < chapter_at);

    // 2023's report: no selection for 2023 or before.
    let y2023 = app::council_report::assemble(&store, &plan, 2023, Period::Year)
        .await
        .unwrap();
    assert_eq!(y2023.priority_year(), None);
    assert!(!md(&y2023).contains("Topp 10 for"));

    // Taking T8 out today leaves the 2024 report as it was.
    let t8 = store.action("3203", "T8").await.unwrap().unwrap();
    store
        .update_action(
            "3203",
            "T8",
            t8.version,
            &ActionPatch {
                priority: Some(None),
                ..Default::default()
            },
            "kari",
        )
        .await
        .unwrap();
    let again = app::council_report::assemble(&store, &plan, 2024, Period::Year)
        .await
        .unwrap();
    assert_eq!(again.priority_actions().len(), 2);
}
