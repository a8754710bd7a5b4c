//! The investment pipeline and the partners register over HTTP (issue 20 items 4 and 3): an
//! enquiry's name appears in no public answer (page, API, OpenAPI) in any language, its details
//! are unreachable without a login, staff record an enquiry and move it through its stages with
//! the history kept (a stale form refused with 409); the partners register is public, staff
//! edit an entry and the change is kept field by field.

mod common;

use common::{client, csrf_of, spawn};
use local_registers::partners::{Partner, PartnerKind};
use local_registers::pipeline::{Enquiry, Stage};

const SECRET: &str = "Zyxwvu Hemmelighetsprosjekt";

fn enquiry(stage: Stage) -> Enquiry {
    Enquiry {
        id: 0,
        name: SECRET.into(),
        sector: "Kvantelager".into(),
        source: "Tipsfjellet".into(),
        jobs_expected: Some(77),
        area_daa: Some(12.0),
        date: time::macros::date!(2024 - 05 - 06),
        stage,
        lost_reason: (stage == Stage::Lost).then(|| "Grunnløs grunn".into()),
        jobs_created: None,
        site_id: None,
    }
}

#[tokio::test]
async fn public_pipeline_answers_never_name_an_enquiry() {
    let app = spawn().await;
    let id = app
        .store
        .pipeline_add(&app.plan_code, &enquiry(Stage::Dialogue), false, "kari")
        .await
        .unwrap();
    app.store
        .pipeline_add(&app.plan_code, &enquiry(Stage::Lost), false, "kari")
        .await
        .unwrap();
    let anon = client();
    for path in [
        "/investeringer",
        "/investeringer?lang=nn",
        "/investeringer?lang=en",
        "/api/pipeline/aggregates",
        "/investeringer/data?format=csv",
        "/investeringer/data?format=json",
        "/api/openapi.json",
    ] {
        let (status, body) = app.get_text(&anon, path).await;
        assert_eq!(status, 200, "{path}");
        for secret in [SECRET, "Zyxwvu", "Tipsfjellet", "Grunnløs", "Kvantelager"] {
            assert!(!body.contains(secret), "{path} leaked {secret:?}");
        }
    }
    // The figures are there: two enquiries of 2024, 154 jobs expected, one at each stage.
    let (_, page) = app.get_text(&anon, "/investeringer").await;
    assert!(page.contains("2024: 2 henvendelser"), "{page}");
    assert!(
        page.contains(r#"href="/investeringer/data?format=csv""#),
        "the page links its CSV"
    );
    assert!(
        page.contains(r#"class="table-wrap""#),
        "tables scroll on a phone"
    );
    let (_, nn) = app.get_text(&anon, "/investeringer?lang=nn").await;
    assert!(nn.contains("2024: 2 førespurnader"), "{nn}");
    let api: serde_json::Value = anon
        .get(app.url("/api/pipeline/aggregates"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["years"][0]["year"], 2024);
    assert_eq!(api["years"][0]["enquiries"], 2);
    assert_eq!(api["years"][0]["jobs_expected"], 154);
    assert_eq!(api["synthetic"], false);
    let stages: Vec<&str> = api["years"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["dialog", "tapt"]);
    // The same counts as a CSV download (the year's total first, then each stage).
    let (status, csv) = app.get_text(&anon, "/investeringer/data?format=csv").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "year,stage,enquiries,jobs_expected,jobs_created,synthetic"
    );
    assert!(lines[1].starts_with("2024,total,2,154,"), "{csv}");
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[2].starts_with("2024,dialog,1,") && lines[3].starts_with("2024,tapt,1,"));
    let doc = app.get_text(&anon, "/api/openapi.json").await.1;
    assert!(doc.contains("/api/pipeline/aggregates") && doc.contains("/api/partners"));

    // The details only behind the login; anonymous readers are sent to it.
    for path in [
        "/intern/investeringer".to_string(),
        format!("/intern/investeringer/{id}"),
        format!("/intern/investeringer/{id}?lang=en"),
    ] {
        let res = anon.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        let to = res.headers()["location"].to_str().unwrap().to_string();
        assert!(to.starts_with("/logg-inn"), "{path} → {to}");
        assert!(!res.text().await.unwrap().contains(SECRET), "{path}");
    }
    let viewer = app.logged_in("vera").await;
    let (status, body) = app
        .get_text(&viewer, &format!("/intern/investeringer/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains(SECRET) && body.contains("Tipsfjellet"));
    // A viewer sees no stage form.
    assert!(!body.contains("/fase\""), "{body}");
}

#[tokio::test]
async fn staff_record_an_enquiry_and_move_it_through_its_stages() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/investeringer").await;
    let csrf = csrf_of(&page);
    // A lost enquiry without a reason is refused with 422 and nothing is stored.
    let res = c
        .post(app.url("/intern/investeringer"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Ny Bedrift AS"),
            ("date", "2025-03-04"),
            ("stage", "tapt"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("En tapt henvendelse trenger en grunn")
    );
    assert!(
        app.store
            .pipeline_enquiries(&app.plan_code)
            .await
            .unwrap()
            .is_empty()
    );
    let res = c
        .post(app.url("/intern/investeringer"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Ny Bedrift AS"),
            ("date", "2025-03-04"),
            ("sector", "logistikk"),
            ("jobs_expected", "40"),
            ("area_daa", "12,5"),
            ("stage", "henvendelse"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    let stored = app.store.pipeline_enquiries(&app.plan_code).await.unwrap();
    assert_eq!(stored.len(), 1);
    let id = stored[0].enquiry.id;
    assert_eq!(stored[0].enquiry.area_daa, Some(12.5));
    assert_eq!(to, format!("/intern/investeringer/{id}?lagret=1"));
    let (_, shown) = app.get_text(&c, &to).await;
    let csrf = csrf_of(&shown);
    // Established with 35 jobs.
    let res = c
        .post(app.url(&format!("/intern/investeringer/{id}/fase")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("stage", "etablert"),
            ("jobs_created", "35"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // The same form again is stale: 409, nothing written.
    let res = c
        .post(app.url(&format!("/intern/investeringer/{id}/fase")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("stage", "tapt"),
            ("lost_reason", "for sent"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let now = app
        .store
        .pipeline_enquiry(&app.plan_code, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (now.enquiry.stage, now.enquiry.jobs_created, now.version),
        (Stage::Established, Some(35), 2)
    );
    // An established enquiry cannot move.
    let res = c
        .post(app.url(&format!("/intern/investeringer/{id}/fase")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "2"),
            ("stage", "tapt"),
            ("lost_reason", "for sent"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let (_, page) = app
        .get_text(&c, &format!("/intern/investeringer/{id}"))
        .await;
    assert!(page.contains("(registrert)"), "{page}");
    assert!(page.contains("arbeidsplasser_skapt: 35"), "{page}");
    let h = app
        .store
        .pipeline_history(&app.plan_code, id)
        .await
        .unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[1].from, h[1].to, h[1].by.as_str()),
        (Some(Stage::Enquiry), Stage::Established, "kari")
    );
    // The public page counts the created jobs.
    app.page_cache.invalidate();
    let api: serde_json::Value = client()
        .get(app.url("/api/pipeline/aggregates"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["years"][0]["jobs_created"], 35);
}

fn partner(name: &str) -> Partner {
    Partner {
        id: 0,
        kind: PartnerKind::Ownership,
        name: name.into(),
        orgnr: None,
        share_pct: None,
        from: None,
        to: None,
        purpose: String::new(),
        links: vec!["5.7-s7".into(), "T2".into()],
        source: "Temaplan næring §5.7.1".into(),
    }
}

#[tokio::test]
async fn partners_are_public_and_staff_edit_them_with_history() {
    let app = spawn().await;
    let id = app
        .store
        .partner_add(&app.plan_code, &partner("VEAS"), false, "temaplan")
        .await
        .unwrap();
    let anon = client();
    for path in ["/partnere", "/partnere?lang=nn", "/partnere?lang=en"] {
        let (status, body) = app.get_text(&anon, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("VEAS"), "{path}");
        assert!(
            body.contains(r#"href="/tiltak/T2"#),
            "{path}: actions linked"
        );
    }
    let api: serde_json::Value = anon
        .get(app.url("/api/partners"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["partners"][0]["name"], "VEAS");
    assert_eq!(api["partners"][0]["kind"], "eierskap");
    assert!(api["partners"][0]["share_pct"].is_null(), "{api}");
    // Editing is for staff.
    let res = anon
        .get(app.url(&format!("/intern/partnere/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, &format!("/intern/partnere/{id}")).await;
    let csrf = csrf_of(&page);
    let form = |version: &'static str, share: &'static str, links: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("version", version.to_string()),
            ("kind", "eierskap".to_string()),
            ("name", "VEAS".to_string()),
            ("share", share.to_string()),
            ("links", links.to_string()),
            ("source", "Temaplan næring §5.7.1".to_string()),
        ]
    };
    // An unknown strategy: 422, nothing written.
    let res = c
        .post(app.url(&format!("/intern/partnere/{id}")))
        .form(&form("1", "", "5.7-s99"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Bare strategier og tiltak")
    );
    let res = c
        .post(app.url(&format!("/intern/partnere/{id}")))
        .form(&form("1", "12,5", "5.7-s7, T2"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Stale: 409.
    let res = c
        .post(app.url(&format!("/intern/partnere/{id}")))
        .form(&form("1", "20", "5.7-s7"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let s = app
        .store
        .partner(&app.plan_code, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.partner.share_pct, s.version), (Some(12.5), 2));
    let (_, page) = app.get_text(&c, &format!("/intern/partnere/{id}")).await;
    assert!(page.contains("<td>eierandel</td>"), "{page}");
    assert!(page.contains("<td>kari</td>"), "{page}");
    app.page_cache.invalidate();
    let (_, public) = app.get_text(&anon, "/partnere").await;
    assert!(public.contains("12,5\u{a0}%"), "{public}");
    // Adding an entry.
    let (_, page) = app.get_text(&c, "/intern/partnere").await;
    let csrf = csrf_of(&page);
    let res = c
        .post(app.url("/intern/partnere"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "medlemskap"),
            ("name", "Ungt Entreprenørskap"),
            ("links", "5.7-s1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // The same again: a duplicate, 409.
    let res = c
        .post(app.url("/intern/partnere"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "medlemskap"),
            ("name", "ungt entreprenørskap"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(app.store.partners(&app.plan_code).await.unwrap().len(), 2);
}
