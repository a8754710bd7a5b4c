//! Several municipalities' plans in one database (issue 10): each web node serves one plan; the
//! plans' actions, history and staff stay apart although they share tables, action ids and the
//! user table.

mod common;

use common::{PASSWORD, TestApp, client, csrf_of, spawn, spawn_beside};
use store::users::Role;

const ASKER: &str = "3203";
const BAERUM: &str = "3201";

/// The minimal test plan, made Bærum's: same action id `T1` as Asker's plan, another title.
fn baerum_plan() -> plan::Plan {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/plans/minimal.toml"),
    )
    .unwrap()
    .replace(
        "municipality_code = \"3203\"",
        "municipality_code = \"3201\"",
    )
    .replace("Asker", "Bærum")
    .replace("Ordførerens faste bedriftsbesøk", "Bærums næringsfrokost");
    plan::parse("baerum.toml", &src).unwrap()
}

async fn two_plans() -> (TestApp, TestApp) {
    let asker = spawn().await;
    let plan = baerum_plan();
    asker
        .store
        .load_plan(&plan, "baerum.toml", "test")
        .await
        .unwrap();
    let baerum = spawn_beside(&asker, BAERUM).await;
    let s = &asker.store;
    s.add_user_for("anne", PASSWORD, Role::Admin, Some(ASKER))
        .await
        .unwrap();
    s.add_user_for("berit", PASSWORD, Role::Editor, Some(BAERUM))
        .await
        .unwrap();
    s.add_user_for("bjorn", PASSWORD, Role::Admin, Some(BAERUM))
        .await
        .unwrap();
    (asker, baerum)
}

fn edit_form(html: &str, title: &str) -> Vec<(String, String)> {
    let version = {
        let s = html.find("name=\"version\" value=\"").unwrap() + 22;
        html[s..].split('"').next().unwrap().to_string()
    };
    vec![
        ("csrf".into(), csrf_of(html)),
        ("version".into(), version),
        ("title".into(), title.into()),
        ("description".into(), "".into()),
        ("owner".into(), "Næring".into()),
        ("partners".into(), "".into()),
        ("start".into(), "2022-01-01".into()),
        ("end".into(), "2024-12-31".into()),
        ("status".into(), "in_progress".into()),
        ("progress".into(), "30".into()),
        ("comment".into(), "Bærums endring".into()),
        ("strategies".into(), "5.1-s1".into()),
        ("weight".into(), "".into()),
    ]
}

#[tokio::test]
async fn each_node_shows_its_own_plan_and_an_edit_stays_in_its_plan() {
    let (asker, baerum) = two_plans().await;
    let anon = client();
    let asker_t1 = asker.store.action(ASKER, "T1").await.unwrap().unwrap();
    let (status, page) = baerum.get_text(&anon, "/tiltak/T1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Bærums næringsfrokost"));
    assert!(!page.contains(&asker_t1.action.title));
    let (_, page) = asker.get_text(&anon, "/tiltak/T1").await;
    assert!(page.contains(&asker_t1.action.title));
    assert!(!page.contains("Bærums næringsfrokost"));

    // Bærum's editor changes Bærum's T1; Asker's T1 and its history are untouched.
    let asker_history = asker.store.history(ASKER, "T1").await.unwrap().len();
    let c = baerum.logged_in("berit").await;
    let (status, form) = baerum.get_text(&c, "/intern/tiltak/T1").await;
    assert_eq!(status, 200);
    let res = c
        .post(baerum.url("/intern/tiltak/T1"))
        .form(&edit_form(&form, "Næringsfrokost i Sandvika"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let b = baerum.store.action(BAERUM, "T1").await.unwrap().unwrap();
    assert_eq!(b.action.title, "Næringsfrokost i Sandvika");
    assert_eq!(b.updated_by, "berit");
    let a = asker.store.action(ASKER, "T1").await.unwrap().unwrap();
    assert_eq!(a.version, asker_t1.version);
    assert_eq!(a.action.title, asker_t1.action.title);
    assert_eq!(
        asker.store.history(ASKER, "T1").await.unwrap().len(),
        asker_history
    );
    let (_, page) = asker.get_text(&anon, "/tiltak/T1").await;
    assert!(
        !page.contains("Sandvika"),
        "Asker's page shows Bærum's edit"
    );
    let (_, list) = asker.get_text(&anon, "/api/actions").await;
    assert!(
        !list.contains("Sandvika"),
        "Asker's API lists Bærum's action"
    );
    let (_, list) = baerum.get_text(&anon, "/api/actions").await;
    assert!(list.contains("Sandvika"));
}

#[tokio::test]
async fn an_account_of_one_plan_cannot_work_on_another() {
    let (asker, baerum) = two_plans().await;
    // Bærum's editor on Asker's node: the right password, no access, no session.
    let c = client();
    let res = asker.login(&c, "berit", PASSWORD).await;
    assert_eq!(res.status(), 403);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("ikke tilgang til denne kommunens plan")
    );
    let res = c.get(asker.url("/intern")).send().await.unwrap();
    assert_eq!(res.status(), 303, "no session was left behind");
    // A session made on Bærum's node is nobody on Asker's (same cookie name, same database).
    let c = baerum.logged_in("berit").await;
    let res = c.get(baerum.url("/intern")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cookie = baerum
        .store
        .login("berit", PASSWORD, "127.0.0.9", &Default::default(), None)
        .await
        .unwrap()
        .1
        .token;
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(asker.url("/intern/tiltak/T1"))
        .header("cookie", format!("np_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "Bærum's session opened Asker's staff page"
    );
    // Nor does Bærum's API token write to Asker's plan.
    let token = asker.store.create_api_token("berit", "t").await.unwrap();
    let api = reqwest::Client::new();
    let v = asker
        .store
        .action(ASKER, "T1")
        .await
        .unwrap()
        .unwrap()
        .version;
    let res = api
        .patch(asker.url("/api/actions/T1"))
        .bearer_auth(&token)
        .header("if-match", format!("\"{v}\""))
        .json(&serde_json::json!({"progress": 99}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = api
        .patch(baerum.url("/api/actions/T1"))
        .bearer_auth(&token)
        .header(
            "if-match",
            format!(
                "\"{}\"",
                baerum
                    .store
                    .action(BAERUM, "T1")
                    .await
                    .unwrap()
                    .unwrap()
                    .version
            ),
        )
        .json(&serde_json::json!({"progress": 99}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(
        asker
            .store
            .action(ASKER, "T1")
            .await
            .unwrap()
            .unwrap()
            .version,
        v
    );
    // An account for every plan (the hosting administrator) works on both.
    assert_eq!(asker.login(&client(), "ola", PASSWORD).await.status(), 303);
    assert_eq!(baerum.login(&client(), "ola", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn an_admin_of_one_plan_sees_and_manages_only_its_accounts() {
    let (asker, baerum) = two_plans().await;
    let c = asker.logged_in("anne").await;
    let (status, page) = asker.get_text(&c, "/intern/brukere").await;
    assert_eq!(status, 200);
    let row = |n: &str| format!("<th scope=\"row\">{n}</th>");
    assert!(page.contains(&row("anne")));
    assert!(
        !page.contains(&row("kari")),
        "accounts for every plan are the hosting administrator's to manage"
    );
    assert!(
        !page.contains(&row("berit")),
        "Asker's admin sees Bærum's accounts"
    );
    let res = c
        .post(asker.url("/intern/brukere/berit"))
        .form(&[("csrf", csrf_of(&page).as_str()), ("do", "disable")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Ukjent bruker"));
    assert!(!asker.store.user("berit").await.unwrap().unwrap().disabled);
    // Nor the accounts for every plan.
    let res = c
        .post(asker.url("/intern/brukere/ola"))
        .form(&[("csrf", csrf_of(&page).as_str()), ("do", "disable")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    // An account made on Asker's node works on Asker's plan only.
    let res = c
        .post(asker.url("/intern/brukere"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("name", "aslak"),
            ("password", PASSWORD),
            ("role", "editor"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "saved, then to the list (issue 19 item 5)"
    );
    let aslak = asker.store.user("aslak").await.unwrap().unwrap();
    assert_eq!(aslak.plan_code.as_deref(), Some(ASKER));
    assert_eq!(
        baerum.login(&client(), "aslak", PASSWORD).await.status(),
        403
    );
    // Bærum's admin sees Bærum's accounts, not Asker's new one.
    let c = baerum.logged_in("bjorn").await;
    let (_, page) = baerum.get_text(&c, "/intern/brukere").await;
    assert!(page.contains(&row("berit")));
    assert!(!page.contains(&row("aslak")) && !page.contains(&row("anne")));
}

#[tokio::test]
async fn the_land_procurement_and_visit_registers_stay_with_their_plan() {
    use local_registers::visits::{FollowUp, Visit, VisitKind};
    let (asker, baerum) = two_plans().await;
    let s = &asker.store;
    // Asker's land sites, ledger and a visit, written as the CLI does.
    let geo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/registers/example/asker_naeringsarealer_SYNTETISK.geojson"),
    )
    .unwrap();
    let changes = local_registers::land::parse_geojson("x.geojson", &geo).unwrap();
    s.land_import(
        ASKER,
        store::local_registers::LandFile {
            name: "x.geojson",
            sha256: "sha",
            format: "geojson",
            synthetic: true,
        },
        &changes,
        "test",
    )
    .await
    .unwrap();
    let rows = local_registers::procurement::parse_ledger(
        "l.csv",
        b"orgnr;leverandor;belop;dato;kategori\n923609016;Ukjent AS;100;2024-01-01;IKT\n",
    )
    .unwrap();
    s.procurement_import(ASKER, "l.csv", "h", false, &rows)
        .await
        .unwrap();
    let visit = Visit {
        id: 0,
        orgnr: "923609016".parse().unwrap(),
        company: "Besøkt i Asker AS".into(),
        sector: Some("C".into()),
        area: "Hurum".into(),
        date: time::macros::date!(2025 - 05 - 06),
        kind: VisitKind::Visit,
        participants: vec!["Kari Nordmann".into()],
        topics: vec!["Tomt".into()],
        follow_ups: vec![FollowUp::parse("Sende oversikt [5.1-s1]").unwrap()],
    };
    let id = s.visit_add(ASKER, &visit, false, "test").await.unwrap();
    asker.page_cache.invalidate();
    baerum.page_cache.invalidate();

    assert_eq!(s.land_changes(BAERUM).await.unwrap().len(), 0);
    assert!(!s.land_changes(ASKER).await.unwrap().is_empty());
    assert!(s.procurement_rows(BAERUM, None).await.unwrap().0.is_empty());
    assert!(s.visits(BAERUM).await.unwrap().is_empty());
    assert!(s.visit(BAERUM, id).await.unwrap().is_none());

    let anon = client();
    let (_, land) = baerum.get_text(&anon, "/naeringsarealer").await;
    assert!(
        !land.contains("Tofte næringspark"),
        "Bærum shows Asker's sites"
    );
    let (_, land) = asker.get_text(&anon, "/naeringsarealer").await;
    assert!(land.contains("Tofte næringspark"));
    let (_, ledger) = baerum.get_text(&anon, "/anskaffelser").await;
    assert!(ledger.contains("Ingen fakturajournal"), "{ledger}");
    // Bærum's staff cannot open, nor delete, Asker's visit.
    let c = baerum.logged_in("berit").await;
    let (status, _) = baerum
        .get_text(&c, &format!("/intern/bedriftsbesok/{id}"))
        .await;
    assert_eq!(status, 404);
    let (_, list) = baerum.get_text(&c, "/intern/bedriftsbesok").await;
    assert!(!list.contains("Besøkt i Asker AS"));
    // A purge on Bærum's plan leaves Asker's visits alone.
    let n = s
        .visits_purge(BAERUM, time::macros::date!(2030 - 01 - 01), "test")
        .await
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(s.visits(ASKER).await.unwrap().len(), 1);
    assert_eq!(
        s.visit_aggregates(ASKER)
            .await
            .unwrap()
            .0
            .per_year
            .get(&2025),
        Some(&1)
    );
    assert!(
        s.visit_aggregates(BAERUM)
            .await
            .unwrap()
            .0
            .per_year
            .is_empty()
    );
}
