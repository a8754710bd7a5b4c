//! Users, sessions, throttling and API tokens against a real SQLite file.

use naeringsplan_store::Store;
use naeringsplan_store::users::{LoginError, Role, Throttle};

/// The database file and its write-ahead log, as text.
fn raw(dir: &tempfile::TempDir) -> String {
    let mut bytes = std::fs::read(dir.path().join("t.db")).unwrap();
    bytes.extend(std::fs::read(dir.path().join("t.db-wal")).unwrap_or_default());
    String::from_utf8_lossy(&bytes).into_owned()
}

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap();
    (dir, store)
}

const PW: &str = "riktig-passord-123";

#[tokio::test]
async fn passwords_are_argon2_hashes_and_logins_make_fresh_sessions() {
    let (dir, store) = fresh().await;
    let u = store.add_user("kari", PW, Role::Editor).await.unwrap();
    assert_eq!(u.role, Role::Editor);
    // The database holds a PHC string, never the password.
    let text = raw(&dir);
    assert!(text.contains("$argon2id$"));
    assert!(!text.contains(PW));

    let t = Throttle::default();
    let (_, s1) = store.login("kari", PW, "1.2.3.4", &t, None).await.unwrap();
    assert_eq!(s1.token.len(), 64);
    let live = store.session(&s1.token).await.unwrap().unwrap();
    assert_eq!(live.user.name, "kari");
    assert_eq!(live.csrf, s1.csrf);
    // A second login replacing the first: new id, the old one is gone.
    let (_, s2) = store
        .login("kari", PW, "1.2.3.4", &t, Some(&s1.token))
        .await
        .unwrap();
    assert_ne!(s1.token, s2.token);
    assert_ne!(s1.csrf, s2.csrf);
    assert!(store.session(&s1.token).await.unwrap().is_none());
    store.logout(&s2.token).await.unwrap();
    assert!(store.session(&s2.token).await.unwrap().is_none());
    // Session ids are stored hashed.
    assert!(!raw(&dir).contains(&s1.token));
}

#[tokio::test]
async fn bad_input_is_refused() {
    let (_dir, store) = fresh().await;
    assert!(store.add_user("kari", "kort", Role::Editor).await.is_err());
    assert!(
        store
            .add_user("kari nordmann", PW, Role::Editor)
            .await
            .is_err()
    );
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    assert!(
        store.add_user("kari", PW, Role::Admin).await.is_err(),
        "duplicate name"
    );
    assert_eq!(Role::parse("admin"), Some(Role::Admin));
    assert_eq!(Role::parse("root"), None);
}

#[tokio::test]
async fn throttling_counts_failures_per_user_and_per_address() {
    let (_dir, store) = fresh().await;
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    store.add_user("ola", PW, Role::Admin).await.unwrap();
    let t = Throttle {
        max_failures_per_user: 2,
        max_failures_per_ip: 4,
        window_secs: 600,
    };
    for _ in 0..2 {
        assert!(matches!(
            store.login("kari", "feil", "10.0.0.1", &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    assert!(matches!(
        store.login("kari", PW, "10.0.0.2", &t, None).await,
        Err(LoginError::Throttled)
    ));
    // Another user is not affected by kari's failures…
    assert!(store.login("ola", PW, "10.0.0.1", &t, None).await.is_ok());
    // …but the address is, once it reaches its own limit (3 failures so far from 10.0.0.1? no: 2).
    for name in ["x", "y"] {
        assert!(matches!(
            store.login(name, "feil", "10.0.0.1", &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    assert!(matches!(
        store.login("ola", PW, "10.0.0.1", &t, None).await,
        Err(LoginError::Throttled)
    ));
    assert!(store.login("ola", PW, "10.0.0.9", &t, None).await.is_ok());
}

#[tokio::test]
async fn disabled_users_lose_sessions_and_tokens() {
    let (_dir, store) = fresh().await;
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    let token = store.create_api_token("kari", "test").await.unwrap();
    assert!(token.starts_with("np_"));
    assert_eq!(
        store.user_by_api_token(&token).await.unwrap().unwrap().name,
        "kari"
    );
    assert!(store.user_by_api_token("np_wrong").await.unwrap().is_none());
    let (_, s) = store
        .login("kari", PW, "ip", &Throttle::default(), None)
        .await
        .unwrap();
    store.set_disabled("kari", true).await.unwrap();
    assert!(store.session(&s.token).await.unwrap().is_none());
    assert!(store.user_by_api_token(&token).await.unwrap().is_none());
    assert!(matches!(
        store
            .login("kari", PW, "ip", &Throttle::default(), None)
            .await,
        Err(LoginError::BadCredentials)
    ));
    store.set_disabled("kari", false).await.unwrap();
    store.set_role("kari", Role::Viewer).await.unwrap();
    assert_eq!(
        store.user("kari").await.unwrap().unwrap().role,
        Role::Viewer
    );
    assert_eq!(store.revoke_api_tokens("kari").await.unwrap(), 1);
}

/// The same flow on PostgreSQL, when `NAERINGSPLAN_TEST_POSTGRES` names a database
/// (e.g. `postgres://postgres@127.0.0.1:5432/test`); skipped otherwise.
#[tokio::test]
async fn postgres_users_sessions_throttle_and_tokens() {
    let Ok(url) = std::env::var("NAERINGSPLAN_TEST_POSTGRES") else {
        eprintln!("skipped: NAERINGSPLAN_TEST_POSTGRES is not set");
        return;
    };
    let store = Store::open(&url).await.unwrap();
    let suffix = &naeringsplan_store::users::random_token().unwrap()[..8];
    let name = format!("kari-{suffix}");
    store.add_user(&name, PW, Role::Editor).await.unwrap();
    let t = Throttle {
        max_failures_per_user: 2,
        max_failures_per_ip: 100,
        window_secs: 600,
    };
    let ip = format!("ip-{suffix}");
    let (_, s) = store.login(&name, PW, &ip, &t, None).await.unwrap();
    assert_eq!(
        store.session(&s.token).await.unwrap().unwrap().user.name,
        name
    );
    for _ in 0..2 {
        assert!(matches!(
            store.login(&name, "feil", &ip, &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    assert!(matches!(
        store.login(&name, PW, &ip, &t, None).await,
        Err(LoginError::Throttled)
    ));
    let token = store.create_api_token(&name, "pg").await.unwrap();
    assert_eq!(
        store.user_by_api_token(&token).await.unwrap().unwrap().name,
        name
    );
    store.set_disabled(&name, true).await.unwrap();
    assert!(store.session(&s.token).await.unwrap().is_none());
    assert!(
        store
            .users()
            .await
            .unwrap()
            .iter()
            .any(|u| u.name == name && u.disabled)
    );
}
