//! Issue 20, items 1 and 2, end to end over HTTP: an action past its end date and not done is
//! late on the public list, the staff home, in the API and in the council report; the year's
//! priority actions (*topp 10*) come first on the action plan (and in the report: app's
//! `report_as_of.rs`, whose store holds a plan with a 2024 selection); the budget
//! cycle's fields go through the staff form, the API and the history; the 5.9 tasks are shown
//! with the actions serving them, and the report lists those without any.

mod common;

use common::{client, csrf_of, spawn};
use serde_json::json;

/// Creates `id` through the API with an end date long past and status in progress.
async fn create_overdue(app: &common::TestApp, id: &str) -> serde_json::Value {
    let res = reqwest::Client::new()
        .post(app.url("/api/actions"))
        .bearer_auth(&app.editor_token)
        .json(&json!({
            "id": id,
            "title": "Gammelt tiltak som aldri ble ferdig",
            "owner": "Strategi, næring og analyse",
            "start": "2020-01-01",
            "end": "2020-06-30",
            "status": "in_progress",
            "progress": 30,
            "cost_estimate": 250000,
            "budget_years": [2021, 2020],
            "funding_source": "Driftsbudsjett",
            "handlingsprogram": "HP 2020–2023, tiltak 4.3",
            "contact": "Kari Nordmann",
            "milestones": [
                {"date": "2020-05-01", "title": "Rapport"},
                {"date": "2020-02-01", "title": "Mandat", "done": true}
            ],
            "tasks": ["5.9.1-o3"]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

#[tokio::test]
async fn an_action_past_its_end_and_not_done_is_late_everywhere() {
    let app = spawn().await;
    let created = create_overdue(&app, "X1").await;
    // The API: `late`, and the new fields as sent (years and milestones sorted).
    assert_eq!(created["late"], true);
    assert_eq!(created["cost_estimate"], 250000);
    assert_eq!(created["budget_years"], json!([2020, 2021]));
    assert_eq!(created["handlingsprogram"], "HP 2020–2023, tiltak 4.3");
    assert_eq!(created["contact"], "Kari Nordmann");
    assert_eq!(created["milestones"][0]["title"], "Mandat");
    assert_eq!(created["milestones"][0]["done"], true);
    assert_eq!(created["tasks"], json!(["5.9.1-o3"]));
    let all: Vec<serde_json::Value> = reqwest::get(app.url("/api/actions"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let late = |id: &str| all.iter().find(|a| a["id"] == id).unwrap()["late"].clone();
    assert_eq!(late("X1"), true);
    // Asker's own: T2 ended 2024-06-30 and T4 2023-12-31, neither done.
    assert_eq!(late("T2"), true);
    assert_eq!(late("T4"), true);
    // T9 is completed: never late, whatever its end date.
    assert_eq!(late("T9"), false);

    // The public list: the late filter finds it, its row carries the mark.
    let (_, list) = app.get_text(&client(), "/tiltak?forsinket=1").await;
    assert!(list.contains("/tiltak/X1\""), "{list}");
    assert!(list.contains("/tiltak/T2\""), "{list}");
    assert!(!list.contains("/tiltak/T9\""), "{list}");
    let row = &list[list.find("/tiltak/X1\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("status-late"), "{row}");
    // The action page: the mark and the budget cycle.
    let (_, page) = app.get_text(&client(), "/tiltak/X1").await;
    assert!(page.contains("status-late"), "{page}");
    assert!(page.contains("250\u{a0}000"), "{page}");
    assert!(page.contains("HP 2020–2023, tiltak 4.3"), "{page}");
    assert!(page.contains("2020-02-01 Mandat (nådd)"), "{page}");
    assert!(page.contains("5.9.1-o3"), "{page}");

    // The staff home: under «Forfalt».
    let c = app.logged_in("kari").await;
    let (_, home) = app.get_text(&c, "/intern").await;
    let overdue = &home[home.find("Forfalt").expect("an overdue list")..];
    let overdue = &overdue[..overdue.find("</ul>").unwrap()];
    assert!(overdue.contains("X1"), "{overdue}");
    assert!(overdue.contains("T2"), "{overdue}");
    assert!(!overdue.contains("T9 "), "{overdue}");

    // The council report (it covers the plan's years, up to 2024): T2 and T4 as they stood on
    // 2024-12-31, in progress and delayed, their end dates past. (X1 did not exist then; the
    // report's own rule, the period's last day, is tested in app's report_as_of.rs.)
    let (status, md2024) = app.get_text(&client(), "/rapport?aar=2024&format=md").await;
    assert_eq!(status, 200, "{md2024}");
    let late_2024 = &md2024[md2024
        .find("Forsinkede tiltak")
        .expect("late actions listed")..];
    let late_2024 = &late_2024[..late_2024.find("\n\n#").unwrap()];
    assert!(
        late_2024.contains("T2 Etablere en Invester i Asker-funksjon"),
        "{late_2024}"
    );
    assert!(late_2024.contains("T4 Nettverk"), "{late_2024}");
    assert!(!late_2024.contains("T9 "), "{late_2024}");
}

#[tokio::test]
async fn the_years_topp_10_comes_first_on_the_action_plan_and_in_the_report() {
    let app = spawn().await;
    let api = reqwest::Client::new();
    let year = app::as_of::today().year();
    for id in ["T8", "T5"] {
        let res = api
            .get(app.url(&format!("/api/actions/{id}")))
            .send()
            .await
            .unwrap();
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        let res = api
            .patch(app.url(&format!("/api/actions/{id}")))
            .bearer_auth(&app.editor_token)
            .header("if-match", etag)
            .json(&json!({"priority": {"year": year, "decision": "Formannskapet sak 12/26", "decided": format!("{year}-02-10")}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }
    // The history records the selection like any other change.
    let history: Vec<serde_json::Value> = reqwest::get(app.url("/api/actions/T8/history"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let h = history.iter().find(|h| h["field"] == "priority").unwrap();
    assert_eq!(
        h["new_value"],
        format!("{year}: Formannskapet sak 12/26 ({year}-02-10)")
    );

    let (_, list) = app.get_text(&client(), "/tiltak").await;
    let top = list.find("id=\"topp-10\"").expect("a topp 10 section");
    let table = list.find("id=\"t-actions\"").unwrap();
    assert!(top < table, "topp 10 before the full list");
    let section = &list[top..table];
    assert!(
        section.contains(&format!("Topp 10 for {year}")),
        "{section}"
    );
    assert!(section.contains("Formannskapet sak 12/26"), "{section}");
    assert!(section.contains("/tiltak/T5\"") && section.contains("/tiltak/T8\""));
    assert!(!section.contains("/tiltak/T1\""), "{section}");

    // The report's selection is the one standing at its period's end (app's report_as_of.rs);
    // one made today is no part of the 2024 report.
    let (_, old) = app.get_text(&client(), "/rapport?aar=2024&format=md").await;
    assert!(!old.contains("Topp 10 for"), "{old}");
}

#[tokio::test]
async fn the_staff_form_saves_the_budget_cycle_with_history_and_refuses_bad_input() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, html) = app.get_text(&c, "/intern/tiltak/T7").await;
    assert!(
        html.contains("name=\"milestones\""),
        "the form has the fields"
    );
    assert!(
        html.contains("value=\"5.9.2-o1\" checked"),
        "T7's task is ticked"
    );
    let version = {
        let s = html.find("name=\"version\" value=\"").unwrap() + 22;
        html[s..].split('"').next().unwrap().to_string()
    };
    let form = |milestones: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf_of(&html)),
            ("version", version.clone()),
            ("title", "Oversikt over tilgjengelige næringsarealer".into()),
            ("owner", "Strategi, næring og analyse".into()),
            ("start", "2023-01-01".into()),
            ("end", "2024-12-31".into()),
            ("status", "in_progress".into()),
            ("progress", "10".into()),
            ("strategies", "5.1-s2".into()),
            ("cost_estimate", "1 500 000".into()),
            ("budget_years", "2025–2027".into()),
            ("funding_source", "Investeringsbudsjett".into()),
            ("handlingsprogram", "HP 2025–2028, tiltak 2.1".into()),
            ("contact", "Ola Nordmann".into()),
            ("milestones", milestones.into()),
            ("priority_year", "".into()),
            ("priority_decision", "".into()),
            ("priority_decided", "".into()),
            ("tasks", "5.9.2-o1".into()),
            ("tasks", "5.9.2-o8".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    };
    // A milestone without a date: 422, the field named, nothing saved.
    let res = c
        .post(app.url("/intern/tiltak/T7"))
        .form(&form("Mandat uten dato"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Mandat uten dato"), "{body}");
    let t7 = app
        .store
        .action(&app.plan_code, "T7")
        .await
        .unwrap()
        .unwrap();
    assert!(t7.action.budget.is_empty());

    let res = c
        .post(app.url("/intern/tiltak/T7"))
        .form(&form("2025-06-30 Første oversikt\n[x] 2025-01-15 Oppstart"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let t7 = app
        .store
        .action(&app.plan_code, "T7")
        .await
        .unwrap()
        .unwrap();
    let b = &t7.action.budget;
    assert_eq!(b.cost_estimate, Some(1_500_000));
    assert_eq!(b.budget_years, [2025, 2026, 2027]);
    assert_eq!(b.milestones[0].title, "Oppstart");
    assert!(b.milestones[0].done);
    assert_eq!(t7.action.tasks, ["5.9.2-o1", "5.9.2-o8"]);
    let history = app.store.history(&app.plan_code, "T7").await.unwrap();
    for field in [
        "cost_estimate",
        "budget_years",
        "milestones",
        "contact",
        "tasks",
    ] {
        assert!(
            history.iter().any(|h| h.field == field),
            "{field} in the history"
        );
    }
    let h = history.iter().find(|h| h.field == "tasks").unwrap();
    assert_eq!(h.old_value.as_deref(), Some("5.9.2-o1"));
    assert_eq!(h.new_value.as_deref(), Some("5.9.2-o1, 5.9.2-o8"));
    // The public history names the fields in the reader's language.
    let (_, page) = app.get_text(&client(), "/tiltak/T7?lang=en").await;
    assert!(page.contains("cost estimate"), "{page}");
}

#[tokio::test]
async fn the_59_tasks_show_with_their_actions_and_the_report_lists_those_without() {
    let app = spawn().await;
    let (status, page) = app.get_text(&client(), "/forutsetninger").await;
    assert_eq!(status, 200);
    // 5.9.2-o1 is served by T7 (its origin quotes it); 5.9.1-o1 by none.
    let row = |id: &str| {
        let s = page
            .find(&format!("<tr id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        page[s..s + page[s..].find("</tr>").unwrap()].to_string()
    };
    assert!(
        row("5.9.2-o1").contains("/tiltak/T7\""),
        "{}",
        row("5.9.2-o1")
    );
    assert!(row("5.9.1-o1").contains("ingen tiltak ennå"));
    assert!(row("5.9.1-o10").contains("Oppfordre bedriftene"));
    // The front page links to it.
    let (_, home) = app.get_text(&client(), "/").await;
    assert!(home.contains("href=\"/forutsetninger\""));

    let (_, md) = app.get_text(&client(), "/rapport?aar=2024&format=md").await;
    let s = md.find("Oppgaver i 5.9 uten tiltak").expect("the section");
    let section = &md[s..];
    assert!(section.contains("18 av 19"), "{section}");
    assert!(section.contains("5.9.1-o1 Bidra til at kollektivandelen"));
    assert!(!section.contains("5.9.2-o1 "), "T7 serves it");
}
