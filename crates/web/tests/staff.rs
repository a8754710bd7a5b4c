//! Staff security and editing, end to end over HTTP against a fresh SQLite file: login, session
//! rotation, cookie flags, CSRF, throttling, roles, lost-update protection, escaping, history.

mod common;

use common::{PASSWORD, client, csrf_of, session_cookie, spawn, spawn_with};
use naeringsplan_web::auth::CookieSecurity;
use plan::ActionStatus;
use store::ActionPatch;
use store::users::Throttle;

#[tokio::test]
async fn login_sets_a_hardened_session_cookie_and_opens_the_staff_pages() {
    let app = spawn().await;
    let c = client();
    // Anonymous: the staff pages send you to the login page.
    let res = c.get(app.url("/intern")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/logg-inn")
    );

    let res = app.login(&c, "kari", PASSWORD).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/intern");
    let set: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set
        .iter()
        .find(|v| v.starts_with("np_session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Strict"), "{session}");
    assert!(session.contains("Path=/"), "{session}");
    // Plain http on loopback: no Secure flag (the browser would drop the cookie).
    assert!(!session.contains("Secure"), "{session}");

    let (status, body) = app.get_text(&c, "/intern").await;
    assert_eq!(status, 200);
    assert!(body.contains("Logget inn som"));
    assert!(body.contains("kari"));
    // Deadlines: T2 ended 2024-06-30 unfinished, so it is overdue (issue 20).
    assert!(body.contains("Forfalt"), "{body}");
    let overdue = &body[body.find("Forfalt").unwrap()..];
    assert!(overdue.contains("T2"));
}

#[tokio::test]
async fn cookies_are_secure_behind_https_and_when_configured() {
    let app = spawn().await;
    // Behind a TLS proxy every request says https: the cookies are Secure and `__Host-` named.
    // (A client on plain http keeps no Secure cookie, so this one is carried by hand.)
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = c
        .get(app.url("/logg-inn"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    let login_cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(
        login_cookie.starts_with("__Host-np_login_csrf="),
        "{login_cookie}"
    );
    let csrf = csrf_of(&page.text().await.unwrap());
    let res = c
        .post(app.url("/logg-inn"))
        .header("x-forwarded-proto", "https")
        .header("cookie", login_cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "kari"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("__Host-np_session="))
        .unwrap();
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/;") && !cookie.contains("Domain"),
        "{cookie}"
    );

    let app = spawn_with(Throttle::default(), CookieSecurity::Always).await;
    let res = client().get(app.url("/logg-inn")).send().await.unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("__Host-np_login_csrf=")
            && cookie.contains("; Secure")
            && cookie.contains("Path=/;")
            && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_session_id_changes_at_login_and_the_old_one_dies() {
    let app = spawn().await;
    let c = client();
    let first = session_cookie(&app.login(&c, "kari", PASSWORD).await).unwrap();
    // Logging in again (the browser sends the old cookie) gives a new id and ends the old session.
    let second = session_cookie(&app.login(&c, "kari", PASSWORD).await).unwrap();
    assert_ne!(first, second);
    let plain = client();
    let old = plain
        .get(app.url("/intern"))
        .header("cookie", format!("np_session={first}"))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 303, "the old session id must no longer work");
    let new = plain
        .get(app.url("/intern"))
        .header("cookie", format!("np_session={second}"))
        .send()
        .await
        .unwrap();
    assert_eq!(new.status(), 200);

    // Fixation: an id planted before login is never adopted.
    let page = plain.get(app.url("/logg-inn")).send().await.unwrap();
    let login_cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = csrf_of(&page.text().await.unwrap());
    let res = plain
        .post(app.url("/logg-inn"))
        .header(
            "cookie",
            format!("{login_cookie}; np_session=planted-by-attacker"),
        )
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "kari"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let sid = session_cookie(&res).unwrap();
    assert_ne!(sid, "planted-by-attacker");
    assert_eq!(sid.len(), 64);
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused() {
    let app = spawn().await;
    // The login form itself.
    let c = client();
    let _ = c.get(app.url("/logg-inn")).send().await.unwrap();
    let res = c
        .post(app.url("/logg-inn"))
        .form(&[("username", "kari"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    let c = app.logged_in("kari").await;
    let before = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    let form = [
        ("version", before.version.to_string()),
        ("title", "Uten sikkerhetskode".to_string()),
        ("status", "in_progress".into()),
        ("progress", "50".into()),
    ];
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let mut wrong = form.to_vec();
    wrong.push(("csrf", "0".repeat(64)));
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Logout needs it too.
    let res = c
        .post(app.url("/logg-ut"))
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let after = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before, after, "nothing may change");
}

fn edit_form(html: &str, title: &str) -> Vec<(String, String)> {
    vec![
        ("csrf".into(), csrf_of(html)),
        ("version".into(), {
            let s = html.find("name=\"version\" value=\"").unwrap() + 22;
            html[s..].split('"').next().unwrap().to_string()
        }),
        ("title".into(), title.into()),
        ("description".into(), "Beskrivelse".into()),
        ("owner".into(), "Næringsavdelingen".into()),
        ("partners".into(), "NHO\nAsker Næringsråd".into()),
        ("start".into(), "2022-01-01".into()),
        ("end".into(), "2024-12-31".into()),
        ("status".into(), "in_progress".into()),
        ("progress".into(), "60".into()),
        ("comment".into(), "Godt i gang".into()),
        ("strategies".into(), "5.1-s1".into()),
        ("strategies".into(), "5.2.1-s1".into()),
        ("weight".into(), "".into()),
    ]
}

#[tokio::test]
async fn an_edit_is_saved_with_history_shown_publicly() {
    let app = spawn().await;
    // Read (and so cache) the public pages first: the edit must replace them at once.
    let (_, before) = app.get_text(&client(), "/tiltak/T1").await;
    assert!(!before.contains("Ordførerens bedriftsbesøk"));
    let (_, list_before) = app.get_text(&client(), "/tiltak").await;
    assert!(!list_before.contains("Ordførerens bedriftsbesøk"));
    let c = app.logged_in("kari").await;
    let (status, html) = app.get_text(&c, "/intern/tiltak/T1").await;
    assert_eq!(status, 200);
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&edit_form(&html, "Ordførerens bedriftsbesøk"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let rec = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.action.title, "Ordførerens bedriftsbesøk");
    assert_eq!(rec.action.status, ActionStatus::InProgress);
    assert_eq!(rec.action.strategies, ["5.1-s1", "5.2.1-s1"]);
    assert_eq!(rec.action.partners, ["NHO", "Asker Næringsråd"]);
    assert_eq!(rec.updated_by, "kari");
    // The public page shows who changed what, without logging in: by role word (kari has no
    // display name), never by login name.
    let (status, page) = app.get_text(&client(), "/tiltak/T1").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ordførerens bedriftsbesøk"));
    assert!(page.contains("<td>redaktør</td>"));
    assert!(!page.contains("kari"));
    assert!(page.contains("Godt i gang"));
    assert!(page.contains("Historikk"));
    let (_, list) = app.get_text(&client(), "/tiltak").await;
    assert!(
        list.contains("Ordførerens bedriftsbesøk"),
        "the list page is not stale"
    );
}

#[tokio::test]
async fn a_stale_edit_gets_409_keeps_the_input_and_overwrites_nothing() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, html) = app.get_text(&c, "/intern/tiltak/T1").await;
    // Meanwhile someone else saves.
    let base = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    let other = ActionPatch {
        title: Some("Endret av Ola".into()),
        progress: Some(77),
        ..Default::default()
    };
    app.store
        .update_action(&app.plan_code, "T1", base.version, &other, "ola")
        .await
        .unwrap();

    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&edit_form(&html, "Karis utkast som ikke må gå tapt"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Karis utkast som ikke må gå tapt"),
        "the user's input is kept"
    );
    assert!(
        body.contains("Godt i gang"),
        "every field of the input is kept"
    );
    assert!(
        body.contains("Endret av Ola"),
        "what changed meanwhile is shown"
    );
    assert!(body.contains("<td>ola</td>"));
    let now = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.action.title, "Endret av Ola", "nothing was overwritten");
    assert_eq!(now.version, base.version + 1);
    // The form now carries the current version: saving again is a deliberate second decision.
    assert!(body.contains(&format!("name=\"version\" value=\"{}\"", now.version)));
}

#[tokio::test]
async fn unauthenticated_and_unauthorised_writes_are_refused() {
    let app = spawn().await;
    let before = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    // Web form without a session: sent to the login page, nothing changes.
    let res = client()
        .post(app.url("/intern/tiltak/T1"))
        .form(&[("title", "x"), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/logg-inn")
    );
    // A viewer, with a valid CSRF token, may not edit.
    let c = app.logged_in("vera").await;
    let (_, html) = app.get_text(&c, "/intern").await;
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&[
            ("csrf", csrf_of(&html)),
            ("title", "x".into()),
            ("version", before.version.to_string()),
            ("status", "in_progress".into()),
            ("progress", "1".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The API: no token → 401; a session cookie is not a token.
    let api = reqwest::Client::new();
    let res = api
        .patch(app.url("/api/actions/T1"))
        .header("if-match", format!("\"{}\"", before.version))
        .json(&serde_json::json!({"progress": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let cookie_client = app.logged_in("kari").await;
    let res = cookie_client
        .patch(app.url("/api/actions/T1"))
        .header("if-match", format!("\"{}\"", before.version))
        .json(&serde_json::json!({"progress": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the API ignores cookies");
    let res = api
        .post(app.url("/api/actions"))
        .json(&serde_json::json!({"id": "T99", "title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // A viewer's token may not write.
    let res = api
        .patch(app.url("/api/actions/T1"))
        .bearer_auth(&app.viewer_token)
        .header("if-match", format!("\"{}\"", before.version))
        .json(&serde_json::json!({"progress": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap(),
        before
    );
}

#[tokio::test]
async fn the_api_writes_with_bearer_tokens_and_if_match() {
    let app = spawn().await;
    let api = reqwest::Client::new();
    let res = api.get(app.url("/api/actions/T1")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let v: serde_json::Value = res.json().await.unwrap();
    assert_eq!(etag, format!("\"{}\"", v["version"]));

    // No If-Match: 428.
    let res = api
        .patch(app.url("/api/actions/T1"))
        .bearer_auth(&app.editor_token)
        .json(&serde_json::json!({"progress": 40}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 428);
    // Right version: saved, new ETag.
    let res = api
        .patch(app.url("/api/actions/T1"))
        .bearer_auth(&app.editor_token)
        .header("if-match", &etag)
        .json(&serde_json::json!({"progress": 40, "status": "in_progress"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let new_etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(new_etag, etag);
    // The same stale version again: 412 with what changed.
    let res = api
        .patch(app.url("/api/actions/T1"))
        .bearer_auth(&app.editor_token)
        .header("if-match", &etag)
        .json(&serde_json::json!({"progress": 90}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 412);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["current"]["progress"], 40);
    assert!(
        body["since"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["field"] == "progress" && h["actor"] == "redaktør")
    );
    // PUT needs every field.
    let res = api
        .put(app.url("/api/actions/T1"))
        .bearer_auth(&app.editor_token)
        .header("if-match", &new_etag)
        .json(&serde_json::json!({"progress": 90}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    // Create.
    let res = api.post(app.url("/api/actions")).bearer_auth(&app.editor_token).json(&serde_json::json!({"id": "T50", "title": "Nytt via API", "strategies": ["5.1-s1"], "comment": "fra API"})).send().await.unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["location"], "/api/actions/T50");
    let h: serde_json::Value = api
        .get(app.url("/api/actions/T50/history"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(h[0]["field"], "created");
    // The API shows kari's role word (she has no display name), never her login name.
    assert_eq!(h[0]["actor"], "redaktør");
    // Unknown strategy: 422, nothing created.
    let res = api
        .post(app.url("/api/actions"))
        .bearer_auth(&app.editor_token)
        .json(&serde_json::json!({"id": "T51", "title": "x", "strategies": ["9.9-s9"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        app.store
            .action(&app.plan_code, "T51")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_xss_payload_in_a_title_comes_back_escaped() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, html) = app.get_text(&c, "/intern/tiltak/ny").await;
    let payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let mut form = edit_form(&html, payload);
    form.retain(|(k, _)| k != "version");
    form.push(("id".into(), "T77".into()));
    let res = c
        .post(app.url("/intern/tiltak/ny"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    for path in ["/tiltak/T77", "/tiltak", "/", "/intern"] {
        let (_, body) = app.get_text(&c, path).await;
        assert!(
            !body.contains("<script>alert"),
            "{path} must escape the title"
        );
        assert!(!body.contains("<img src=x"), "{path} must escape the title");
        assert!(
            body.contains("&lt;script&gt;alert"),
            "{path} shows the title as text"
        );
    }
}

/// Logs `name` in through a proxy that says the client is `ip`.
async fn login_from(
    app: &common::TestApp,
    ip: &str,
    name: &str,
    password: &str,
) -> reqwest::Response {
    let c = client();
    let page = c
        .get(app.url("/logg-inn"))
        .header("x-forwarded-for", ip)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    c.post(app.url("/logg-inn"))
        .header("x-forwarded-for", ip)
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", name),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

fn retry_after(res: &reqwest::Response) -> i64 {
    res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Issue 21, finding 4: anyone could lock any staff member out (five wrong passwords, 15
/// minutes, from anywhere). Now failures slow down only that user from that address, with
/// growing delays (429, Retry-After, a Norwegian message saying how long); the user from another
/// address logs in at once, and after the wait the right password works again (no lock).
#[tokio::test]
async fn failed_logins_slow_down_only_that_user_and_address() {
    let throttle = Throttle {
        free_failures: 3,
        free_failures_per_ip: 100,
        base_delay_secs: 2,
        max_delay_secs: 60,
        window_secs: 3600,
    };
    let app = common::spawn_full(throttle, CookieSecurity::Auto { loopback: true }, true).await;
    let (attacker, office) = ("203.0.113.7", "198.51.100.4");
    for _ in 0..3 {
        assert_eq!(
            login_from(&app, attacker, "kari", "feil-passord-1234")
                .await
                .status(),
            401
        );
    }
    // The fourth try at once: wait 2 s (1–2 left, by the clock's second).
    let res = login_from(&app, attacker, "kari", PASSWORD).await;
    assert_eq!(res.status(), 429);
    let wait = retry_after(&res);
    assert!((1..=2).contains(&wait), "{wait}");
    let body = res.text().await.unwrap();
    assert!(
        body.contains("For mange mislykkede forsøk fra din adresse. Vent"),
        "{body}"
    );
    // Kari, from the office, is not slowed down at all.
    assert_eq!(
        login_from(&app, office, "kari", PASSWORD).await.status(),
        303
    );
    // After the wait the attacker's next wrong guess is checked (401), and the wait doubles.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(
        login_from(&app, attacker, "kari", "feil-passord-5678")
            .await
            .status(),
        401
    );
    let res = login_from(&app, attacker, "kari", PASSWORD).await;
    assert_eq!(res.status(), 429);
    let wait = retry_after(&res);
    assert!((3..=4).contains(&wait), "{wait}");
    // A delay, not a lock: once it has passed, the right password works from there too.
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    assert_eq!(
        login_from(&app, attacker, "kari", PASSWORD).await.status(),
        303
    );
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_look_the_same() {
    let app = spawn().await;
    let c = client();
    let a = app.login(&c, "kari", "feil-passord-1234").await;
    assert_eq!(a.status(), 401);
    let a = a.text().await.unwrap();
    let b = app.login(&c, "finnes-ikke", "feil-passord-1234").await;
    assert_eq!(b.status(), 401);
    let b = b.text().await.unwrap();
    assert!(
        a.contains("Feil brukernavn eller passord.")
            && b.contains("Feil brukernavn eller passord.")
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, html) = app.get_text(&c, "/intern").await;
    let res = c
        .post(app.url("/logg-ut"))
        .form(&[("csrf", csrf_of(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = c.get(app.url("/intern")).send().await.unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn admins_manage_users_and_editors_cannot() {
    let app = spawn().await;
    let editor = app.logged_in("kari").await;
    assert_eq!(
        editor
            .get(app.url("/intern/brukere"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let admin = app.logged_in("ola").await;
    let (status, html) = app.get_text(&admin, "/intern/brukere").await;
    assert_eq!(status, 200);
    let res = admin
        .post(app.url("/intern/brukere"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("name", "nora"),
            ("password", "et-langt-passord"),
            ("role", "editor"),
        ])
        .send()
        .await
        .unwrap();
    // Post/Redirect/Get with the confirmation (issue 19 item 5).
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/brukere?lagret=1");
    let (_, page) = app.get_text(&admin, &to).await;
    assert!(
        page.contains(r#"role="status" id="lagret">Lagret."#)
            || page.contains(r#"<div class="notice" role="status">Lagret.</div>"#),
        "{page}"
    );
    assert!(page.contains("nora"));
    assert_eq!(
        app.store.user("nora").await.unwrap().unwrap().role,
        store::users::Role::Editor
    );
    let res = admin
        .post(app.url("/intern/brukere/nora"))
        .form(&[("csrf", csrf_of(&html).as_str()), ("do", "disable")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/intern/brukere?lagret=1");
    assert!(app.store.user("nora").await.unwrap().unwrap().disabled);
}

#[tokio::test]
async fn import_through_the_web_is_all_or_nothing_with_row_errors() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (status, html) = app.get_text(&c, "/intern/import").await;
    assert_eq!(status, 200);
    let csrf = csrf_of(&html);
    let upload = |csv: &str, csrf: Option<String>| {
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("tiltak.csv"),
        );
        if let Some(t) = csrf {
            form = form.text("csrf", t);
        }
        c.post(app.url("/intern/import")).multipart(form).send()
    };
    let bad = "id,title,status,progress\nT1,Ny tittel,in_progress,50\nT2,Annen,ferdig,10\n";
    assert_eq!(upload(bad, None).await.unwrap().status(), 403);
    let res = upload(bad, Some(csrf.clone())).await.unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    // In the page's language (bokmål here), and in nynorsk or English when asked.
    assert!(
        body.contains(
            "rad 3, kolonne status: ukjent status «ferdig» – forventet en av Ikke startet"
        ),
        "{body}"
    );
    assert!(
        !body.contains("unknown status"),
        "no English on a Norwegian page: {body}"
    );
    assert_ne!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .action
            .title,
        "Ny tittel",
        "nothing imported"
    );
    let good =
        "id,title,status,progress\nT1,Ny tittel,in_progress,50\nT90,Helt nytt tiltak,Pågår,5\n";
    let res = upload(good, Some(csrf.clone())).await.unwrap();
    // First a preview (issue 19 item 5): nothing is written until it is confirmed.
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    assert!(preview.contains("Forhåndsvisning av importen"), "{preview}");
    assert!(preview.contains("1 nye, 1 endres"), "{preview}");
    assert!(preview.contains("Helt nytt tiltak"));
    assert!(
        preview.contains("<td>Ny tittel</td>"),
        "old → new: {preview}"
    );
    assert!(
        app.store
            .action(&app.plan_code, "T90")
            .await
            .unwrap()
            .is_none()
    );
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&confirm_form(&preview))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/import?lagret=1-1-0");
    let (_, done) = app.get_text(&c, &to).await;
    assert!(
        done.contains("Lagret. Importert: 1 nye, 1 endret, 0 uendret."),
        "{done}"
    );
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .action
            .title,
        "Ny tittel"
    );
    assert_eq!(
        app.store
            .action(&app.plan_code, "T90")
            .await
            .unwrap()
            .unwrap()
            .updated_by,
        "kari"
    );
    let res = c
        .get(app.url("/intern/eksport?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let nb = res.text().await.unwrap();
    // The page's language: bokmål headers and statuses; English gives the machine names.
    assert!(nb.starts_with("id,tittel,beskrivelse,strategier"), "{nb}");
    let en = c
        .get(app.url("/intern/eksport?format=csv&lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.starts_with("id,title,description,strategies"), "{en}");
    let nn = c
        .get(app.url("/intern/eksport?format=csv&lang=nn"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(nn.starts_with("id,tittel,skildring,strategiar"), "{nn}");
    // What the export writes in any language reads again, changing nothing (the preview says
    // so).
    for file in [nb, nn, en] {
        let res = upload(&file, Some(csrf.clone())).await.unwrap();
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("0 nye, 0 endres"), "{body}");
    }
    let res = c
        .get(app.url("/intern/eksport?format=xlsx"))
        .send()
        .await
        .unwrap();
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn an_editor_overrides_a_trend_status_with_a_justification_shown_publicly() {
    let app = spawn().await;
    // Not without login, not for a viewer.
    let res = client()
        .post(app.url("/intern/indikatorer/kortreist"))
        .form(&[("status", "moderate_progress"), ("justification", "x")])
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200);
    let viewer = app.logged_in("vera").await;
    let (status, _) = app.get_text(&viewer, "/intern/indikatorer/kortreist").await;
    assert_eq!(status, 403);

    let c = app.logged_in("kari").await;
    let (status, html) = app.get_text(&c, "/intern/indikatorer/kortreist").await;
    assert_eq!(status, 200, "{html}");
    let csrf = csrf_of(&html);
    // A justification is required; nothing is stored without one.
    let res = c
        .post(app.url("/intern/indikatorer/kortreist"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", "moderate_progress"),
            ("justification", "  "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        app.store
            .status_overrides(&app.plan_code)
            .await
            .unwrap()
            .is_empty()
    );
    // Without the CSRF token: refused.
    let res = c
        .post(app.url("/intern/indikatorer/kortreist"))
        .form(&[
            ("status", "moderate_progress"),
            ("justification", "Omlegging i SSBs pendlingsstatistikk"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(
        app.store
            .status_overrides(&app.plan_code)
            .await
            .unwrap()
            .is_empty()
    );

    let res = c
        .post(app.url("/intern/indikatorer/kortreist"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", "moderate_progress"),
            (
                "justification",
                "Omlegging i SSBs pendlingsstatistikk <b>2023</b>",
            ),
        ])
        .send()
        .await
        .unwrap();
    // Post/Redirect/Get with the confirmation (issue 19 item 5).
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/indikatorer/kortreist?lagret=overstyrt");
    let (_, shown) = app.get_text(&c, &to).await;
    assert!(shown.contains(r#"role="status">Lagret. "#), "{shown}");
    // The query picks a message, never puts its own text on the page.
    let (_, odd) = app
        .get_text(&c, "/intern/indikatorer/kortreist?lagret=%3Cb%3Ezqxj")
        .await;
    assert!(!odd.contains("zqxj"), "{odd}");
    let rows = app.store.status_overrides(&app.plan_code).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].by, "kari");
    assert_eq!(rows[0].status.as_deref(), Some("moderate_progress"));

    let (status, page) = app.get_text(&client(), "/indikatorer/kortreist").await;
    assert_eq!(status, 200);
    assert!(page.contains("overstyrt"), "{page}");
    assert!(page.contains("noe framgang, må forsterkes"), "{page}");
    assert!(page.contains("Beregnet status"), "{page}");
    // Who overrode it: the role word publicly (kari has no display name), never the login name.
    assert!(page.contains("Overstyrt av redaktør"), "{page}");
    assert!(!page.contains("kari"), "{page}");
    assert!(
        page.contains("Omlegging i SSBs pendlingsstatistikk &lt;b&gt;2023&lt;/b&gt;"),
        "{page}"
    );

    // Withdrawn: the computed status applies again; the history keeps both rows.
    let res = c
        .post(app.url("/intern/indikatorer/kortreist"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("status", ""),
            ("justification", "Statistikken er rettet."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/intern/indikatorer/kortreist?lagret=trukket"
    );
    let (_, page) = app.get_text(&client(), "/indikatorer/kortreist").await;
    assert!(!page.contains("class=\"badge\">overstyrt"), "{page}");
    assert!(page.contains("trukket tilbake"), "{page}");
    assert_eq!(
        app.store
            .status_overrides(&app.plan_code)
            .await
            .unwrap()
            .len(),
        2
    );
}

/// The value of the first hidden `version` field after `from` in a page.
fn version_after(html: &str, from: &str) -> String {
    let at = html.find(from).unwrap_or(0);
    let s = at + html[at..].find("name=\"version\" value=\"").unwrap() + 22;
    html[s..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_short_status_form_saves_status_progress_and_comment_with_history() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (status, html) = app.get_text(&c, "/intern/tiltak/T1").await;
    assert_eq!(status, 200);
    // At the top: the status form comes before the full form and its strategy checkboxes.
    let quick = html
        .find(r#"action="/intern/tiltak/T1/status""#)
        .expect("a status form");
    let full = html.find(r#"action="/intern/tiltak/T1""#).unwrap();
    let boxes = html.find(r#"name="strategies""#).unwrap();
    assert!(quick < full && quick < boxes, "the status form is first");
    let before = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    let csrf = csrf_of(&html);
    let version = version_after(&html, "/intern/tiltak/T1/status");
    assert_eq!(version, before.version.to_string());

    // Without the CSRF token, and as a viewer: refused, nothing changes.
    let form = |csrf: &str, version: &str, progress: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("version".into(), version.to_string()),
            ("status".into(), "delayed".into()),
            ("progress".into(), progress.to_string()),
            ("comment".into(), "Venter på svar fra fylket".into()),
        ]
    };
    let res = c
        .post(app.url("/intern/tiltak/T1/status"))
        .form(&form("", &version, "40")[1..])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let viewer = app.logged_in("vera").await;
    let (_, vhtml) = app.get_text(&viewer, "/intern").await;
    let res = viewer
        .post(app.url("/intern/tiltak/T1/status"))
        .form(&form(&csrf_of(&vhtml), &version, "40"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An impossible progress: 422 in the form, nothing saved.
    let res = c
        .post(app.url("/intern/tiltak/T1/status"))
        .form(&form(&csrf, &version, "150"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains(r#"id="q-progress-error""#), "{body}");
    assert!(body.contains("Venter på svar fra fylket"), "input kept");
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap(),
        before
    );

    // Saved: Post/Redirect/Get to the staff page with the confirmation.
    let res = c
        .post(app.url("/intern/tiltak/T1/status"))
        .form(&form(&csrf, &version, "40"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/tiltak/T1?lagret=1");
    let (_, page) = app.get_text(&c, &to).await;
    assert!(
        page.contains(r#"<div class="notice" role="status" id="lagret">Lagret.</div>"#),
        "{page}"
    );
    let (_, plain) = app.get_text(&c, "/intern/tiltak/T1").await;
    assert!(
        !plain.contains("Lagret."),
        "the confirmation only after a save"
    );
    let now = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.action.status, ActionStatus::Delayed);
    assert_eq!(now.action.progress, 40);
    assert_eq!(now.comment, "Venter på svar fra fylket");
    assert_eq!(now.action.title, before.action.title, "the rest untouched");
    assert_eq!(now.action.strategies, before.action.strategies);
    assert_eq!(now.version, before.version + 1);
    // The history has one row per changed field, by kari.
    let history = app.store.history(&app.plan_code, "T1").await.unwrap();
    let rows: Vec<_> = history
        .iter()
        .filter(|h| h.version == now.version)
        .collect();
    let mut fields: Vec<&str> = rows.iter().map(|h| h.field.as_str()).collect();
    fields.sort();
    assert_eq!(fields, ["comment", "progress", "status"]);
    assert!(rows.iter().all(|h| h.actor == "kari"));
    assert!(rows.iter().any(
        |h| h.field == "comment" && h.new_value.as_deref() == Some("Venter på svar fra fylket")
    ));
    // The public page shows it.
    let (_, public) = app.get_text(&client(), "/tiltak/T1").await;
    assert!(public.contains("Venter på svar fra fylket"));

    // Stale (the old version again): 409 with what changed, the input kept, nothing overwritten.
    let res = c
        .post(app.url("/intern/tiltak/T1/status"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("status", "completed"),
            ("progress", "100"),
            ("comment", "Karis gamle utkast"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body = res.text().await.unwrap();
    assert!(body.contains(r#"id="conflict""#), "{body}");
    assert!(
        body.contains("Venter på svar fra fylket"),
        "what changed is shown"
    );
    assert!(body.contains("Karis gamle utkast"), "the input is kept");
    assert_eq!(
        version_after(&body, "/intern/tiltak/T1/status"),
        now.version.to_string(),
        "the status form now carries the current version"
    );
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap(),
        now,
        "nothing overwritten"
    );
}

#[tokio::test]
async fn every_staff_save_ends_in_a_confirmation() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    // The full edit.
    let (_, html) = app.get_text(&c, "/intern/tiltak/T1").await;
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&edit_form(&html, "Nytt navn"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/tiltak/T1?lagret=1");
    let (_, page) = app.get_text(&c, &to).await;
    assert!(
        page.contains("role=\"status\" id=\"lagret\">Lagret."),
        "{page}"
    );
    // In nynorsk and English, the language kept.
    let (_, nn) = app.get_text(&c, "/intern/tiltak/T1?lang=nn").await;
    let mut form = edit_form(&nn, "Nytt namn");
    form.push(("lang".into(), "nn".into()));
    let res = c
        .post(app.url("/intern/tiltak/T1"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/tiltak/T1?lang=nn&lagret=1");
    let (_, page) = app.get_text(&c, &to).await;
    assert!(page.contains(">Lagra.</div>"), "{page}");
    // A new action.
    let (_, html) = app.get_text(&c, "/intern/tiltak/ny?lang=en").await;
    let mut form = edit_form(&html, "Brand new");
    form.push(("id".into(), "T77".into()));
    form.push(("lang".into(), "en".into()));
    let res = c
        .post(app.url("/intern/tiltak/ny"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, "/intern/tiltak/T77?lang=en&lagret=1");
    let (_, page) = app.get_text(&c, &to).await;
    assert!(page.contains(">Saved.</div>"), "{page}");
}

#[tokio::test]
async fn public_pages_link_editors_to_the_staff_pages_and_the_cache_never_mixes_them() {
    let app = spawn().await;
    let anon = client();
    let editor = app.logged_in("kari").await;
    let viewer = app.logged_in("vera").await;
    let cases = [
        (
            "/tiltak/T1",
            r#"<p class="staff-edit"><a href="/intern/tiltak/T1">"#,
        ),
        (
            "/indikatorer/kortreist",
            r#"<p class="staff-edit"><a href="/intern/indikatorer/kortreist">"#,
        ),
    ];
    for (page, link) in cases {
        // Anonymous first (so the page is cached), then the editor, then anonymous again,
        // all within the cache's two seconds: each gets their own page.
        let (status, a1) = app.get_text(&anon, page).await;
        assert_eq!(status, 200);
        assert!(!a1.contains(link), "{page}: anonymous got the link");
        let res = editor.get(app.url(page)).send().await.unwrap();
        let cache_control = res.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(
            cache_control.contains("private") && cache_control.contains("no-store"),
            "{page}: {cache_control}"
        );
        let e1 = res.text().await.unwrap();
        assert!(e1.contains(link), "{page}: the editor got no link");
        assert!(e1.contains(&format!("{link}Rediger")), "{page}");
        let (_, a2) = app.get_text(&anon, page).await;
        assert!(!a2.contains(link), "{page}: the editor's page was cached");
        // The other way round: the editor's page first, after a write emptied the cache.
        app.page_cache.invalidate();
        let (_, e2) = app.get_text(&editor, page).await;
        assert!(e2.contains(link), "{page}");
        let (_, a3) = app.get_text(&anon, page).await;
        assert!(
            !a3.contains(link),
            "{page}: anonymous got the editor's page"
        );
        let (_, e3) = app.get_text(&editor, page).await;
        assert!(
            e3.contains(link),
            "{page}: the editor got the anonymous page"
        );
        // A viewer may not edit, a made-up session is nobody: no link.
        let (_, v) = app.get_text(&viewer, page).await;
        assert!(!v.contains(link), "{page}: a viewer got the link");
        let res = client()
            .get(app.url(page))
            .header("cookie", "np_session=made-up")
            .send()
            .await
            .unwrap();
        assert!(!res.text().await.unwrap().contains(link), "{page}");
        // The stylesheet stays cacheable for staff too.
        let css = editor
            .get(app.url("/static/style.css"))
            .send()
            .await
            .unwrap();
        assert_eq!(css.headers()["cache-control"], "public, max-age=3600");
        // In English, the link keeps the language.
        let (_, en) = app.get_text(&editor, &format!("{page}?lang=en")).await;
        assert!(en.contains(r#"?lang=en">Edit"#), "{page}");
    }
}

/// The hidden fields of an import preview's confirmation form.
fn confirm_form(html: &str) -> Vec<(String, String)> {
    let field = |name: &str| {
        let key = format!("name=\"{name}\" value=\"");
        let at = html
            .find("/intern/import/bekreft")
            .expect("a confirmation form");
        let s = at + html[at..].find(&key).unwrap() + key.len();
        html[s..].split('"').next().unwrap().to_string()
    };
    ["csrf", "name", "basis", "data"]
        .iter()
        .map(|n| (n.to_string(), field(n)))
        .collect()
}

#[tokio::test]
async fn an_import_previews_refuses_an_older_export_in_plain_words_and_confirms_only_what_was_shown()
 {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, html) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&html);
    let upload = |bytes: Vec<u8>, lang: Option<&'static str>| {
        let mut form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("tiltak.csv"),
            );
        if let Some(l) = lang {
            form = form.text("lang", l);
        }
        c.post(app.url("/intern/import")).multipart(form).send()
    };
    // An export, edited: T1's title changed, the rest as it was.
    let export = c
        .get(app.url("/intern/eksport?format=csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let t1 = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    let edited = export.replacen(&t1.action.title, "Tittel fra regnearket", 1);
    let res = upload(edited.clone().into_bytes(), None).await.unwrap();
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    let total = app.store.actions(&app.plan_code).await.unwrap().len();
    assert!(
        preview.contains(&format!("0 nye, 1 endres, {} uendret", total - 1)),
        "{preview}"
    );
    assert!(preview.contains("<td>Tittel fra regnearket</td>"));
    assert!(preview.contains(">Bekreft import</button>"));

    // Meanwhile someone changes T2: confirming the preview imports nothing and shows the new
    // state (the file is now older than the store for T2 — no, T2's row is in the file too).
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
            &ActionPatch {
                progress: Some(91),
                ..Default::default()
            },
            "ola",
        )
        .await
        .unwrap();
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&confirm_form(&preview))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let moved = res.text().await.unwrap();
    assert!(moved.contains("endret etter forhåndsvisningen"), "{moved}");
    // The file was exported before T2's change: said in plain words, naming T2, and no button.
    assert!(
        moved.contains("Filen er eldre enn tiltaksplanen"),
        "{moved}"
    );
    assert!(moved.contains("endret disse tiltakene: T2."), "{moved}");
    assert!(moved.contains("Last ned tiltaksplanen på nytt"), "{moved}");
    assert!(moved.contains("sist endret av ola"), "{moved}");
    assert!(!moved.contains(">Bekreft import</button>"));
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .action
            .title,
        t1.action.title,
        "nothing imported"
    );
    // Uploading the old file again: refused at once with the explanation, in nynorsk and English.
    let res = upload(edited.clone().into_bytes(), Some("nn"))
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let nn = res.text().await.unwrap();
    assert!(nn.contains("Fila er eldre enn tiltaksplanen"), "{nn}");
    assert!(nn.contains("Last ned tiltaksplanen på nytt"), "{nn}");
    assert!(
        !nn.contains("was changed since version"),
        "no English store message"
    );
    let res = upload(edited.into_bytes(), Some("en")).await.unwrap();
    let en = res.text().await.unwrap();
    assert!(
        en.contains("The file is older than the action plan"),
        "{en}"
    );

    // A fresh export, edited again: previewed, confirmed, imported in one go.
    let export = c
        .get(app.url("/intern/eksport?format=csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let edited = export.replacen(&t1.action.title, "Tittel fra regnearket", 1);
    let preview = upload(edited.into_bytes(), None)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // A tampered fingerprint or file: nothing is imported.
    let mut bad = confirm_form(&preview);
    bad[2].1 = "0".repeat(64);
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let mut bad = confirm_form(&preview);
    bad[3].1 = "zz".into();
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    // Without the CSRF token: refused.
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&confirm_form(&preview)[1..])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .action
            .title,
        t1.action.title
    );
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&confirm_form(&preview))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let now = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.action.title, "Tittel fra regnearket");
    assert_eq!(now.updated_by, "kari");
}
