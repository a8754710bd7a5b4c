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
    // The real kari, from her own address, is not locked out by failures from another
    // (issue 21: anyone could lock any staff member out)…
    assert!(store.login("kari", PW, "10.0.0.2", &t, None).await.is_ok());
    // …while the address that failed is refused for kari (this counts as a failure: 3).
    assert!(matches!(
        store.login("kari", PW, "10.0.0.1", &t, None).await,
        Err(LoginError::Throttled)
    ));
    // Another user is not affected by kari's failures…
    assert!(store.login("ola", PW, "10.0.0.1", &t, None).await.is_ok());
    // …but the address is, once it reaches its own limit (4).
    assert!(matches!(
        store.login("x", "feil", "10.0.0.1", &t, None).await,
        Err(LoginError::BadCredentials)
    ));
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
    // Enabling the account does not revive its old token (issue 21).
    assert!(store.user_by_api_token(&token).await.unwrap().is_none());
    assert!(store.api_tokens("kari").await.unwrap().is_empty());
    store.set_role("kari", Role::Viewer).await.unwrap();
    assert_eq!(
        store.user("kari").await.unwrap().unwrap().role,
        Role::Viewer
    );
    assert_eq!(store.revoke_api_tokens("kari").await.unwrap(), 0);
}

/// Token lifecycle (issue 21): tokens are listed with name, creation, last use and expiry; one
/// can be revoked by number; an expired one is refused; a password change or a role change
/// revokes them all.
#[tokio::test]
async fn tokens_are_listed_expire_and_are_revoked() {
    let (_dir, store) = fresh().await;
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    let a = store.create_api_token("kari", "integrasjon").await.unwrap();
    let b = store
        .create_api_token_expiring("kari", "kort", Some(time::Duration::days(30)))
        .await
        .unwrap();
    let gone = store
        .create_api_token_expiring("kari", "utløpt", Some(time::Duration::seconds(-1)))
        .await
        .unwrap();
    assert!(store.user_by_api_token(&a).await.unwrap().is_some());
    assert!(store.user_by_api_token(&b).await.unwrap().is_some());
    assert!(
        store.user_by_api_token(&gone).await.unwrap().is_none(),
        "expired"
    );
    let list = store.api_tokens("kari").await.unwrap();
    let labels: Vec<&str> = list.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["integrasjon", "kort", "utløpt"]);
    assert!(list[0].last_used.is_some() && list[0].expires_at.is_none());
    assert!(list[1].expires_at.as_deref() > Some(list[1].created_at.as_str()));
    assert!(list[2].last_used.is_none());
    assert!(
        store.create_api_token("kari", " ").await.is_err(),
        "a token needs a name"
    );
    assert!(store.revoke_api_token("kari", list[0].id).await.unwrap());
    assert!(!store.revoke_api_token("kari", list[0].id).await.unwrap());
    assert!(store.user_by_api_token(&a).await.unwrap().is_none());
    assert!(store.user_by_api_token(&b).await.unwrap().is_some());
    store
        .set_password("kari", "et-helt-nytt-passord")
        .await
        .unwrap();
    assert!(store.user_by_api_token(&b).await.unwrap().is_none());
    let c = store.create_api_token("kari", "ny").await.unwrap();
    store.set_role("kari", Role::Admin).await.unwrap();
    assert!(store.user_by_api_token(&c).await.unwrap().is_none());
    assert!(store.api_tokens("nobody").await.is_err());
}

/// The same flow on PostgreSQL, when `NAERINGSPLAN_TEST_POSTGRES` names a database
/// (e.g. `postgres://postgres@127.0.0.1:5432/test`); skipped otherwise.
#[tokio::test]
async fn postgres_users_sessions_throttle_and_tokens() {
    let Some(url) = naeringsplan_store::testing::postgres_url() else {
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

/// Password policy and names (issue 21): `1234567890`, `password123` and the user name were
/// accepted, and `Admin1` could be made beside `admin1`.
#[tokio::test]
async fn weak_passwords_and_names_differing_in_case_are_refused() {
    use naeringsplan_store::users::check_password_for;
    for pw in [
        "1234567890",
        "password123",
        "Passord2024!",
        "kari-er-best-1",
        "KARIKARIKARI",
        "aaaaaaaaaaaa",
        "qwertyuiop",
        "0987654321",
        "abababababab",
        "kort",
    ] {
        assert!(check_password_for("kari", pw).is_err(), "{pw} accepted");
    }
    for pw in [
        PW,
        "korrekt-hest-batteri",
        "et-langt-passord",
        "Sol over Oslofjorden",
    ] {
        assert!(check_password_for("kari", pw).is_ok(), "{pw} refused");
    }
    let (_dir, store) = fresh().await;
    store.add_user("admin1", PW, Role::Admin).await.unwrap();
    let e = store
        .add_user("Admin1", PW, Role::Viewer)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
    assert!(
        store
            .add_user("ola", "1234567890", Role::Viewer)
            .await
            .is_err()
    );
    assert!(store.set_password("admin1", "admin1admin1").await.is_err());
}
