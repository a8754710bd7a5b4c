//! Lost-update protection under load, over HTTP: 50 staff clients each make 20 edits through the
//! staff edit form on the same three actions, each edit based on the version the client read just
//! before. Every edit is either accepted (303) or refused as stale (409); nothing else. Afterwards
//! every accepted edit is in the history with its own version, no refused edit is, and the
//! versions add up: 0 lost updates.
//!
//! The clients share one logged-in session (a login hashes a password with argon2, which in a
//! debug build would dominate the test); the server sees 50 independent connections.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{PASSWORD, csrf_of, session_cookie, spawn};

const CLIENTS: usize = 50;
const EDITS: usize = 20;
const ACTIONS: [&str; 3] = ["T1", "T2", "T3"];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clients_twenty_edits_each_no_lost_update() {
    let app = std::sync::Arc::new(spawn().await);
    let login = app.login(&common::client(), "kari", PASSWORD).await;
    assert_eq!(login.status(), 303);
    let cookie = format!(
        "np_session={}",
        session_cookie(&login).expect("a session cookie")
    );
    let page = reqwest::Client::new()
        .get(app.url("/intern"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The session's CSRF token, the same on every page of the session.
    let csrf = csrf_of(&page);
    let mut before = BTreeMap::new();
    for id in ACTIONS {
        let a = app.store.action(&app.plan_code, id).await.unwrap().unwrap();
        before.insert(id, a.version);
    }

    let mut tasks = Vec::new();
    for client_no in 0..CLIENTS {
        let app = app.clone();
        let cookie = cookie.clone();
        let csrf = csrf.clone();
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let mut outcomes = Vec::new();
            for edit in 0..EDITS {
                let id = ACTIONS[(client_no + edit) % ACTIONS.len()];
                // Read the current version (the API's ETag), as the edit page would show it.
                let res = http
                    .get(app.url(&format!("/api/actions/{id}")))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200);
                let version: i64 = res.headers()["etag"]
                    .to_str()
                    .unwrap()
                    .trim_matches('"')
                    .parse()
                    .unwrap();
                let marker = format!("klient {client_no} endring {edit}");
                let res = http
                    .post(app.url(&format!("/intern/tiltak/{id}")))
                    .header("cookie", &cookie)
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("version", &version.to_string()),
                        ("title", &format!("Tiltak {id}")),
                        ("description", "Beskrivelse"),
                        ("owner", "Næringsavdelingen"),
                        ("partners", ""),
                        ("start", "2022-01-01"),
                        ("end", "2024-12-31"),
                        ("status", "in_progress"),
                        ("progress", "50"),
                        ("comment", &marker),
                        ("strategies", "5.1-s1"),
                        ("weight", ""),
                    ])
                    .send()
                    .await
                    .unwrap();
                outcomes.push((id, marker, res.status().as_u16()));
            }
            outcomes
        }));
    }
    let mut accepted: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut refused: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut other = Vec::new();
    for t in tasks {
        for (id, marker, status) in t.await.unwrap() {
            match status {
                303 => {
                    accepted.entry(id).or_default().insert(marker);
                }
                409 => {
                    refused.entry(id).or_default().insert(marker);
                }
                s => other.push(format!("{id} {marker}: {s}")),
            }
        }
    }
    assert!(other.is_empty(), "only 303 or 409 expected: {other:?}");
    let total_accepted: usize = accepted.values().map(BTreeSet::len).sum();
    let total_refused: usize = refused.values().map(BTreeSet::len).sum();
    assert_eq!(total_accepted + total_refused, CLIENTS * EDITS);
    assert!(total_accepted > 0);
    eprintln!("accepted {total_accepted}, refused as stale (409) {total_refused}");
    let mut lost = 0usize;

    for id in ACTIONS {
        let now = app.store.action(&app.plan_code, id).await.unwrap().unwrap();
        let history = app.store.history(&app.plan_code, id).await.unwrap();
        let mine = accepted.get(id).cloned().unwrap_or_default();
        // The first accepted edit of an action may change more fields than the comment (the
        // form's title, owner, …); every later one changes the comment only. Each accepted
        // edit made exactly one new version.
        assert_eq!(
            now.version - before[id],
            mine.len() as i64,
            "{id}: one version per accepted edit"
        );
        let comments: Vec<(i64, String)> = history
            .iter()
            .filter(|h| h.field == "comment" && h.version > before[id])
            .map(|h| (h.version, h.new_value.clone().unwrap_or_default()))
            .collect();
        let in_history: BTreeSet<String> = comments.iter().map(|(_, c)| c.clone()).collect();
        lost += mine.difference(&in_history).count();
        assert_eq!(
            comments.len(),
            mine.len(),
            "{id}: one comment change per version"
        );
        assert_eq!(
            in_history, mine,
            "{id}: the history holds exactly the accepted edits"
        );
        let versions: BTreeSet<i64> = comments.iter().map(|(v, _)| *v).collect();
        assert_eq!(
            versions,
            (before[id] + 1..=now.version).collect(),
            "{id}: versions without gaps"
        );
        if let Some(stale) = refused.get(id) {
            assert!(
                stale.is_disjoint(&in_history),
                "{id}: a refused edit left a trace"
            );
        }
        // The current row is the last accepted edit.
        assert_eq!(Some(&now.comment), comments.last().map(|(_, c)| c));
    }
    // The figures bench/concurrency/run.sh reports (every assertion above has held).
    println!(
        "concurrency: clients {CLIENTS}, edits {}, accepted {total_accepted}, refused_409 {total_refused}, lost_updates {lost}",
        CLIENTS * EDITS
    );
}
