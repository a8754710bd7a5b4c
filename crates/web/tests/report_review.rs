//! The council report's review over HTTP (issue 18): editors write assessments per period,
//! viewers cannot; the preview shows drafts; a report with an unexplained deviation cannot be
//! marked final (409); a final report is listed on `/rapport` and served as its stored bytes,
//! which do not change when the data do.

mod common;

use common::{csrf_of, spawn};

#[tokio::test]
async fn assessments_preview_and_a_frozen_final_report() {
    let app = spawn().await;
    let editor = app.logged_in("kari").await;
    let (status, page) = app
        .get_text(&editor, "/intern/rapport?aar=2024&periode=year")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Rapportens vurderinger"), "{page}");
    assert!(
        page.contains("kan ikke markeres som endelig ennå"),
        "deviations are listed as unexplained"
    );
    let csrf = csrf_of(&page);

    // Marking final is refused while deviations are unexplained: 409, nothing stored.
    let res = editor
        .post(app.url("/intern/rapport/endelig"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("aar", "2024"),
            ("periode", "year"),
        ])
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("mangler forklaring"), "{body}");
    assert!(
        !app.store
            .is_final(&app.plan_code, 2024, "year")
            .await
            .unwrap()
    );

    // A viewer cannot write; a bad subject is named (422).
    let viewer = app.logged_in("vera").await;
    let (_, vpage) = app.get_text(&viewer, "/intern/rapport").await;
    let res = viewer
        .post(app.url("/intern/rapport/vurdering"))
        .form(&[
            ("csrf", csrf_of(&vpage).as_str()),
            ("aar", "2024"),
            ("periode", "year"),
            ("kind", "plan"),
            ("subject", ""),
            ("text", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = editor
        .post(app.url("/intern/rapport/vurdering"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("aar", "2024"),
            ("periode", "year"),
            ("kind", "indicator"),
            ("subject", "finnes-ikke"),
            ("text", "x"),
            ("publish", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("finnes-ikke"));

    // A draft overall assessment: in the preview, marked; not in the public report.
    let res = editor
        .post(app.url("/intern/rapport/vurdering"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("aar", "2024"),
            ("periode", "year"),
            ("kind", "plan"),
            ("subject", ""),
            ("text", "Utkast til <samlet> vurdering."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, preview) = app
        .get_text(&editor, "/intern/rapport/forhandsvis?aar=2024&periode=year")
        .await;
    assert!(
        preview.contains("Utkast til &lt;samlet&gt; vurdering."),
        "escaped, shown"
    );
    assert!(preview.contains("utkast – ikke publisert"));
    let anonymous = common::client();
    let (_, public) = app
        .get_text(&anonymous, "/rapport?aar=2024&periode=year&format=md")
        .await;
    assert!(!public.contains("Utkast til"));

    // Published explanations for every deviation, then final.
    let input = app::council_report::assemble(
        &app.store,
        &plan::embedded_default(),
        2024,
        report::Period::Year,
    )
    .await
    .unwrap();
    let deviations: Vec<(String, String)> = input
        .deviations()
        .iter()
        .map(|d| (d.kind.to_string(), d.id.to_string()))
        .collect();
    assert!(!deviations.is_empty());
    for (kind, id) in &deviations {
        let res = editor
            .post(app.url("/intern/rapport/vurdering"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("aar", "2024"),
                ("periode", "year"),
                ("kind", kind.as_str()),
                ("subject", id.as_str()),
                ("text", &format!("Forklaring av {id}.")),
                ("publish", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{kind} {id}");
    }
    let res = editor
        .post(app.url("/intern/rapport/endelig"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("aar", "2024"),
            ("periode", "year"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        app.store
            .is_final(&app.plan_code, 2024, "year")
            .await
            .unwrap()
    );

    let (_, listing) = app.get_text(&anonymous, "/rapport").await;
    assert!(listing.contains("Endelige rapporter"), "{listing}");
    assert!(listing.contains("Endelig"));
    let download = |c: reqwest::Client| {
        let url = app.url("/rapport?aar=2024&periode=year&format=md");
        async move {
            let res = c.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200);
            assert!(
                res.headers()["content-disposition"]
                    .to_str()
                    .unwrap()
                    .contains("endelig")
            );
            res.bytes().await.unwrap()
        }
    };
    let before = download(anonymous.clone()).await;
    assert!(
        String::from_utf8_lossy(&before).contains("Endelig versjon, fastsatt"),
        "the final report says so"
    );
    // The data change (an action's title); the final report's bytes do not, and its
    // assessments are frozen (409).
    let t2 = app
        .store
        .action(&app.plan_code, "T2")
        .await
        .unwrap()
        .unwrap();
    app.store
        .update_action(
            &app.plan_code,
            "T2",
            t2.version,
            &store::ActionPatch {
                title: Some("Et nytt navn".into()),
                ..Default::default()
            },
            "kari",
        )
        .await
        .unwrap();
    app.page_cache.invalidate();
    assert_eq!(download(anonymous.clone()).await, before);
    let res = editor
        .post(app.url("/intern/rapport/vurdering"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("aar", "2024"),
            ("periode", "year"),
            ("kind", "plan"),
            ("subject", ""),
            ("text", "For sent."),
            ("publish", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
}
