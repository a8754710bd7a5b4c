//! A plan's life (issue 22 item 5): a second plan of Asker (3203) with a later period loaded
//! beside the embedded 2021–2024 plan. The site serving the new plan keeps the old plan's pages
//! readable under `/planer/3203/…`, which say the period has ended and link to the new plan;
//! staff carry an action over (with CSRF), and the new action links to the old one and shows
//! its history.

mod common;

use common::{TestApp, client, csrf_of, spawn, spawn_beside};

const NEW: &str = "3203-2025-2030";

async fn two_plans() -> (TestApp, TestApp) {
    let old_site = spawn().await;
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/plans/asker-2025-2030.toml"),
    )
    .unwrap();
    let plan = plan::parse("asker-2025-2030.toml", &src).unwrap();
    let load = old_site
        .store
        .load_plan(&plan, "asker-2025-2030.toml", &src)
        .await
        .unwrap();
    assert_eq!(load.key, NEW);
    let new_site = spawn_beside(&old_site, NEW).await;
    (old_site, new_site)
}

#[tokio::test]
async fn the_old_plans_pages_stay_readable_say_the_period_ended_and_link_to_the_new_plan() {
    let (old_site, site) = two_plans().await;
    let anon = client();

    let (status, list) = site.get_text(&anon, "/planer").await;
    assert_eq!(status, 200);
    assert!(list.contains("Temaplan næring 2021–2024"), "{list}");
    assert!(list.contains("Testplan næring 2025–2030"));
    assert!(
        list.contains(r#"href="/planer/3203""#),
        "the old plan is linked"
    );
    assert!(list.contains("Gjeldende plan"));

    // The new plan's own pages: no ended period, no successor.
    let (status, home) = site.get_text(&anon, "/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Testplan næring 2025–2030"));
    assert!(!home.contains("Planperioden er avsluttet"));

    // The old plan under /planer/3203: its pages, its actions, each saying the period has
    // ended and linking to the new plan, with every link kept under the prefix.
    for path in [
        "/planer/3203",
        "/planer/3203/tiltak",
        "/planer/3203/tiltak/T1",
        "/planer/3203/fremdrift",
        "/planer/3203/rapport",
    ] {
        let (status, page) = site.get_text(&anon, path).await;
        assert_eq!(status, 200, "{path}: {page}");
        assert!(page.contains("Planperioden er avsluttet"), "{path}");
        assert!(
            page.contains(r#"<a href="/">Testplan næring 2025–2030 (2025–2030)</a>"#),
            "{path} links to the new plan: {page}"
        );
        assert!(
            page.contains(r#"href="/planer/3203/tiltak""#),
            "{path}: menu under the prefix"
        );
    }
    let (_, actions) = site.get_text(&anon, "/planer/3203/tiltak").await;
    assert!(actions.contains(r#"href="/planer/3203/tiltak/T1""#));
    assert!(actions.contains("Ordførerens faste bedriftsbesøk"));
    let (_, en) = site.get_text(&anon, "/planer/3203/tiltak?lang=en").await;
    assert!(en.contains("The plan period has ended"), "{en}");
    assert!(en.contains(r#"href="/planer/3203/tiltak/T1?lang=en""#));
    let (status, page) = site
        .get_text(&anon, "/planer/3203/indikatorer/kortreist")
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"href="/planer/3203/indikatorer/kortreist/data?format=csv""#),
        "the old plan's figures download from the old plan"
    );
    let (status, csv) = site
        .get_text(&anon, "/planer/3203/indikatorer/kortreist/data?format=csv")
        .await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("indicator_id,year,value"), "{csv}");
    let (status, _) = site.get_text(&anon, "/planer/3203-1999-2000").await;
    assert_eq!(status, 404);
    let (status, _) = site.get_text(&anon, "/planer/3203/tiltak/N1").await;
    assert_eq!(status, 404, "the new plan's action is not in the old plan");

    // The site still serving the old plan at / points to the new one under /planer.
    let (_, old_home) = old_site.get_text(&anon, "/").await;
    assert!(old_home.contains("Planperioden er avsluttet"));
    assert!(
        old_home.contains(&format!(r#"href="/planer/{NEW}""#)),
        "{old_home}"
    );
}

#[tokio::test]
async fn staff_carry_an_action_over_and_it_keeps_its_history_and_a_link_to_the_old_one() {
    let (_old_site, site) = two_plans().await;
    let anon = client();
    let kari = site.logged_in("kari").await;
    let (status, page) = site.get_text(&kari, "/intern/planer").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"action="/intern/planer/3203/videreforing""#),
        "{page}"
    );
    let csrf = csrf_of(&page);
    let old_history = site.store.history("3203", "T1").await.unwrap();

    // Without a CSRF token: refused, nothing written.
    let res = kari
        .post(site.url("/intern/planer/3203/videreforing"))
        .form(&[("tiltak", "T1"), ("ny_id", "T1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(site.store.action(NEW, "T1").await.unwrap().is_none());

    // An id the new plan has already: 422, in Norwegian, nothing written.
    let res = kari
        .post(site.url("/intern/planer/3203/videreforing"))
        .form(&[("csrf", csrf.as_str()), ("tiltak", "T2"), ("ny_id", "T2")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("har allerede et tiltak T2")
    );
    assert_eq!(site.store.actions(NEW).await.unwrap().len(), 2);

    let res = kari
        .post(site.url("/intern/planer/3203/videreforing"))
        .form(&[("csrf", csrf.as_str()), ("tiltak", "T1"), ("ny_id", "T1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/intern/tiltak/T1?lagret=1");

    // The new action: linked to the old one, with the old history shown below its own.
    let (status, page) = site.get_text(&anon, "/tiltak/T1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Videreført fra"), "{page}");
    assert!(page.contains(r#"href="/planer/3203/tiltak/T1""#));
    assert!(page.contains("Historikk fra Temaplan næring 2021–2024"));
    // An editor gets a «Rediger» link on the served plan's page, none on the earlier version's
    // (issue 19 item 5: its staff pages do not exist).
    let (_, mine) = site.get_text(&kari, "/tiltak/T1").await;
    assert!(mine.contains(r#"<p class="staff-edit"><a href="/intern/tiltak/T1">"#));
    let (status, old) = site.get_text(&kari, "/planer/3203/tiltak/T1").await;
    assert_eq!(status, 200);
    assert!(!old.contains("staff-edit"), "{old}");
    assert!(page.contains("videreført fra (plan/tiltak)"));
    // The old action: unchanged, linking on to the new one.
    assert_eq!(site.store.history("3203", "T1").await.unwrap(), old_history);
    let (_, page) = site.get_text(&anon, "/planer/3203/tiltak/T1").await;
    assert!(page.contains("Videreført til"), "{page}");
    assert!(
        page.contains(r#"<a href="/tiltak/T1">tiltak T1</a>"#),
        "{page}"
    );

    // Twice: refused, and the staff page now says where it went.
    let res = kari
        .post(site.url("/intern/planer/3203/videreforing"))
        .form(&[("csrf", csrf.as_str()), ("tiltak", "T1"), ("ny_id", "T1x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(site.store.action(NEW, "T1x").await.unwrap().is_none());
    let (_, page) = site.get_text(&kari, "/intern/planer").await;
    assert!(page.contains("Videreført som"));

    // A viewer sees the page but no form.
    let vera = site.logged_in("vera").await;
    let (status, page) = site.get_text(&vera, "/intern/planer").await;
    assert_eq!(status, 200);
    assert!(!page.contains("videreforing\""));
}
