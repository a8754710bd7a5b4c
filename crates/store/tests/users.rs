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

fn throttled(
    r: Result<
        (
            naeringsplan_store::users::User,
            naeringsplan_store::users::NewSession,
        ),
        LoginError,
    >,
) -> Option<i64> {
    match r {
        Err(LoginError::Throttled { retry_after }) => Some(retry_after),
        _ => None,
    }
}

/// Issue 21, finding 4: five failures locked a user for everyone. Now failures slow down only
/// the same (user, address), and an address trying many users; never a lock from elsewhere.
#[tokio::test]
async fn throttling_delays_per_user_and_address_never_locks_out_other_addresses() {
    let (_dir, store) = fresh().await;
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    store.add_user("ola", PW, Role::Admin).await.unwrap();
    let t = Throttle {
        free_failures: 2,
        free_failures_per_ip: 4,
        base_delay_secs: 60,
        max_delay_secs: 600,
        window_secs: 3600,
    };
    for _ in 0..2 {
        assert!(matches!(
            store.login("kari", "feil", "10.0.0.1", &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    // The address that failed must wait (the first delay), even with the right password…
    let wait = throttled(store.login("kari", PW, "10.0.0.1", &t, None).await);
    assert!(matches!(wait, Some(59..=60)), "{wait:?}");
    // …and a refused attempt is not counted: the wait stays the first delay.
    let again = throttled(store.login("kari", PW, "10.0.0.1", &t, None).await);
    assert!(matches!(again, Some(59..=60)), "{again:?}");
    // The real kari, from her own address, is not slowed by failures from another.
    assert!(store.login("kari", PW, "10.0.0.2", &t, None).await.is_ok());
    // Another user from the failing address is not slowed by kari's failures…
    assert!(store.login("ola", PW, "10.0.0.1", &t, None).await.is_ok());
    // …until the address has failed for anyone more than it may (4).
    for name in ["x", "y"] {
        assert!(matches!(
            store.login(name, "feil", "10.0.0.1", &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    assert!(throttled(store.login("ola", PW, "10.0.0.1", &t, None).await).is_some());
    assert!(store.login("ola", PW, "10.0.0.9", &t, None).await.is_ok());

    // A success resets the (user, address) count: one failure, a success, two failures: no wait.
    let t = Throttle {
        free_failures: 2,
        free_failures_per_ip: 100,
        ..t
    };
    let ip = "10.0.0.3";
    assert!(store.login("kari", "feil", ip, &t, None).await.is_err());
    assert!(store.login("kari", PW, ip, &t, None).await.is_ok());
    for _ in 0..2 {
        assert!(matches!(
            store.login("kari", "feil", ip, &t, None).await,
            Err(LoginError::BadCredentials)
        ));
    }
    assert!(throttled(store.login("kari", PW, ip, &t, None).await).is_some());
}

/// Guesses sent all at once do not get round the delay: of ten parallel attempts after the
/// free ones, none is checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_wait_like_sequential_ones() {
    let (_dir, store) = fresh().await;
    store.add_user("kari", PW, Role::Editor).await.unwrap();
    let t = Throttle {
        free_failures: 2,
        free_failures_per_ip: 100,
        base_delay_secs: 60,
        max_delay_secs: 600,
        window_secs: 3600,
    };
    let mut set = tokio::task::JoinSet::new();
    for i in 0..10 {
        let store = store.clone();
        set.spawn(async move {
            store
                .login("kari", &format!("feil-{i}"), "10.9.9.9", &t, None)
                .await
        });
    }
    let (mut checked, mut waited) = (0, 0);
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Err(LoginError::BadCredentials) => checked += 1,
            Err(LoginError::Throttled { .. }) => waited += 1,
            other => panic!("{:?}", other.map(|(u, _)| u)),
        }
    }
    assert_eq!((checked, waited), (2, 8));
}

/// The delays grow 1 s, 2 s, 4 s … after the free failures, up to the cap.
#[test]
fn throttle_delays_double_up_to_the_cap() {
    let t = Throttle::default();
    assert_eq!(t.free_failures, 3);
    let delays: Vec<i64> = (0..14).map(|n| t.delay(n, t.free_failures)).collect();
    assert_eq!(
        delays,
        [0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    );
    assert_eq!(t.delay(i64::MAX, 3), 300);
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
        free_failures: 2,
        free_failures_per_ip: 100,
        base_delay_secs: 60,
        max_delay_secs: 600,
        window_secs: 3600,
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
        Err(LoginError::Throttled { .. })
    ));
    // Another address is not slowed down.
    assert!(store.login(&name, PW, "elsewhere", &t, None).await.is_ok());
    // Display names and the case-insensitive unique index exist on PostgreSQL too.
    store.set_display_name(&name, "Kari N.").await.unwrap();
    assert_eq!(store.public_names().await.unwrap().of(&name), "Kari N.");
    let twin = name.to_uppercase();
    let e = store.add_user(&twin, PW, Role::Viewer).await.unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
    let secret = store.server_secret("test").await.unwrap();
    assert_eq!(store.server_secret("test").await.unwrap(), secret);
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

/// Issue 21: users get a display name, shown publicly instead of the login name; without one,
/// the role word. A display name may not be the login name.
#[tokio::test]
async fn display_names_stand_in_for_login_names_in_public() {
    let (_dir, store) = fresh().await;
    let kari = store
        .add_user_with("kari", PW, Role::Editor, None, "Kari Nordmann")
        .await
        .unwrap();
    assert_eq!(kari.public_name(), "Kari Nordmann");
    store.add_user("ola", PW, Role::Admin).await.unwrap();
    store.add_user("vera", PW, Role::Viewer).await.unwrap();
    let names = store.public_names().await.unwrap();
    assert_eq!(names.of("kari"), "Kari Nordmann");
    assert_eq!(names.of("ola"), "administrator");
    assert_eq!(names.of("vera"), "leser");
    assert_eq!(names.of("cli:root"), "kommandolinjen");
    assert_eq!(names.of("planfil"), "planfil");
    for bad in ["kari", "KARI", "tab\there"] {
        assert!(store.set_display_name("kari", bad).await.is_err(), "{bad}");
    }
    assert!(
        store
            .add_user_with("nils", PW, Role::Editor, None, "Nils")
            .await
            .is_err(),
        "the login name as display name"
    );
    store.set_display_name("kari", "").await.unwrap();
    assert_eq!(store.public_names().await.unwrap().of("kari"), "redaktør");
    assert!(store.set_display_name("nobody", "X").await.is_err());
}

/// Issue 21: `Admin1` beside `admin1` is refused by the database itself, so two requests at
/// once cannot both make one (the application's check alone would let them).
#[tokio::test]
async fn names_are_unique_ignoring_case_in_the_database_even_in_a_race() {
    let (dir, store) = fresh().await;
    let (a, b) = tokio::join!(
        store.add_user("Admin1", PW, Role::Admin),
        store.add_user("admin1", PW, Role::Viewer)
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one may win: {a:?} / {b:?}");
    let e = a.err().or(b.err()).unwrap();
    assert!(e.to_string().contains("already exists"), "{e}");
    assert_eq!(store.users().await.unwrap().len(), 1);
    // Past the application: the unique index on LOWER(name) refuses a twin written directly.
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("t.db")))
        .await
        .unwrap();
    let direct = sqlx::query(
        "INSERT INTO users (name, password_hash, role, disabled, created_at) VALUES ('ADMIN1', 'x', 'viewer', 0, 'now')",
    )
    .execute(&pool)
    .await;
    let e = direct.unwrap_err();
    assert!(
        e.as_database_error()
            .is_some_and(|d| d.is_unique_violation()),
        "{e}"
    );
}

/// The login form's CSRF token is an HMAC-SHA-256 under a server secret: RFC 4231 test case 2,
/// and one secret per store, made once.
#[tokio::test]
async fn hmac_and_server_secrets() {
    use naeringsplan_store::users::hmac_sha256;
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    // A key longer than the block is hashed first (RFC 4231 test case 6).
    let mac = hmac_sha256(
        &[0xaa; 131],
        b"Test Using Larger Than Block-Size Key - Hash Key First",
    );
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
    let (dir, store) = fresh().await;
    let s = store.server_secret("login-csrf").await.unwrap();
    assert_eq!(s.len(), 64);
    let other = Store::open(dir.path().join("t.db").to_str().unwrap())
        .await
        .unwrap();
    assert_eq!(other.server_secret("login-csrf").await.unwrap(), s);
    assert_ne!(store.server_secret("another").await.unwrap(), s);
}
