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
