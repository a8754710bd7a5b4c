//! Staff accounts: users with roles, database-backed sessions, throttled logins, API tokens.
//!
//! Why here: the web nodes must be stateless (any node can serve any request), so every piece of
//! login state lives in the store. Nothing secret is stored in clear:
//!
//! - passwords as argon2id PHC strings (hashed and verified off the async runtime);
//! - session ids and API tokens are 256 random bits, handed out once; the store keeps only their
//!   SHA-256 digest, so a leaked database does not leak live sessions or tokens;
//! - each session carries its own CSRF synchroniser token.
//!
//! Failed logins are recorded per user name and per client address; [`Throttle`] says how many
//! failures within a window lock further attempts (counted, not timed: tests pass a throttle).
//! The per-user count is kept per (user, address): an attacker who knows a user name can lock
//! that user out only from the attacker's own address, never from the user's.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, now_rfc3339};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// May log in and see staff pages, change nothing.
    Viewer,
    /// May create and edit actions, import the action plan.
    Editor,
    /// May also manage users.
    Admin,
}

impl Role {
    /// All roles, least privileged first.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    /// The name used in the store and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// Parses the name.
    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role may change actions.
    pub fn can_edit(self) -> bool {
        self >= Role::Editor
    }

    /// Whether this role may manage users.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// A staff account (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Login name; also what the action history records as the actor.
    pub name: String,
    /// Role.
    pub role: Role,
    /// A disabled user cannot log in and their sessions and tokens stop working.
    pub disabled: bool,
    /// When the account was made (RFC 3339).
    pub created_at: String,
    /// The municipality (plan code) the account works for when several plans share the
    /// database; `None`: every plan in it.
    pub plan_code: Option<String>,
}

impl User {
    /// Whether the account may log in and write where the plan `plan_code` is served.
    pub fn may_work_on(&self, plan_code: &str) -> bool {
        self.plan_code.as_deref().is_none_or(|c| c == plan_code)
    }

    /// Whether this (admin) account may manage `other`: an account for every plan manages
    /// everyone; one for a single plan manages only that plan's accounts.
    pub fn may_manage(&self, other: &User) -> bool {
        self.plan_code.is_none() || self.plan_code == other.plan_code
    }
}

/// An API token as listed (never the token itself: the store keeps only its digest).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiToken {
    /// Its number, to revoke it by (`user revoke-token NAME ID`).
    pub id: i64,
    /// Its name: what it is for.
    pub label: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it was last used (to the minute), if ever.
    pub last_used: Option<String>,
    /// When it stops working, if ever.
    pub expires_at: Option<String>,
}

/// A session just created: the cookie value is only here, the store keeps its digest.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The secret to put in the session cookie.
    pub token: String,
    /// The CSRF token bound to the session.
    pub csrf: String,
    /// Unix seconds when it expires.
    pub expires_at: i64,
}

/// A live session looked up by its cookie.
#[derive(Debug, Clone)]
pub struct Session {
    /// Whose session.
    pub user: User,
    /// The CSRF token every form of this session must carry.
    pub csrf: String,
    /// Unix seconds when it expires.
    pub expires_at: i64,
}

/// How many failed logins lock further attempts.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures for one user name from one client address (since the user's last successful
    /// login from there) within the window. Counted per (user, address), so failures from one
    /// address never lock the user out of another.
    pub max_failures_per_user: i64,
    /// Failures from one client address within the window.
    pub max_failures_per_ip: i64,
    /// The window, in seconds.
    pub window_secs: i64,
}

impl Default for Throttle {
    /// 5 failures per (user, address) or 20 per address within 15 minutes.
    fn default() -> Self {
        Throttle {
            max_failures_per_user: 5,
            max_failures_per_ip: 20,
            window_secs: 15 * 60,
        }
    }
}

/// Why a login failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown user, wrong password or disabled account (deliberately not told apart).
    #[error("wrong user name or password")]
    BadCredentials,
    /// Too many failures recently; try again later.
    #[error("too many failed logins; try again later")]
    Throttled,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for LoginError {
    fn from(e: sqlx::Error) -> Self {
        LoginError::Store(StoreError::Db(e))
    }
}

/// Lowest acceptable password length.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Session lifetime: one working day.
pub const SESSION_TTL_SECS: i64 = 8 * 60 * 60;

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// 256 random bits as 64 hex digits, from the operating system's CSPRNG.
pub fn random_token() -> Result<String> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf)
        .map_err(|e| StoreError::Invalid(format!("no random numbers from the system: {e}")))?;
    Ok(hex::encode(buf))
}

/// SHA-256 hex digest: what the store keeps of a session id or token.
fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Hashes a password with argon2id (default parameters, random salt) to a PHC string.
pub async fn hash_password(password: &str) -> Result<String> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(pw.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Invalid(format!("cannot hash the password: {e}")))
    })
    .await
    .map_err(|e| StoreError::Invalid(format!("password hashing failed: {e}")))?
}

/// Verifies a password against a PHC string. A malformed hash is a failed verification.
async fn verify_password(password: &str, phc: &str) -> bool {
    let pw = password.to_owned();
    let phc = phc.to_owned();
    tokio::task::spawn_blocking(move || match PasswordHash::new(&phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(pw.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
    .unwrap_or(false)
}

/// A valid hash of a random password, verified against when the user name is unknown so that
/// a login takes as long for unknown names as for wrong passwords.
async fn dummy_hash() -> String {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            let pw = random_token().unwrap_or_else(|_| "dummy-password".into());
            hash_password(&pw).await.unwrap_or_default()
        })
        .await
        .clone()
}

/// Checks a user name: 1–64 characters, letters, digits, `.`, `_`, `-`, `@`.
pub fn check_user_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "user name {name:?}: use 1–64 letters, digits, '.', '_', '-' or '@'"
        )))
    }
}

/// Words that head the most common passwords, lower case: a password that is one of them, or
/// one of them with digits and punctuation around it (`password123`, `Sommer2024!`), is refused.
/// Drawn from the top of public breach-frequency lists (e.g. SecLists'
/// `Passwords/Common-Credentials/10-million-password-list-top-10000.txt`, github.com/danielmiessler/SecLists)
/// and their Norwegian counterparts; the length rule removes the rest of those lists.
const COMMON_PASSWORD_WORDS: &[&str] = &[
    "password",
    "passord",
    "passwort",
    "qwerty",
    "qwertz",
    "azerty",
    "asdfgh",
    "zxcvbn",
    "letmein",
    "welcome",
    "velkommen",
    "admin",
    "administrator",
    "iloveyou",
    "jegelskerdeg",
    "abc",
    "monkey",
    "dragon",
    "football",
    "fotball",
    "baseball",
    "sunshine",
    "princess",
    "superman",
    "batman",
    "master",
    "shadow",
    "trustno",
    "whatever",
    "starwars",
    "secret",
    "hemmelig",
    "sommer",
    "summer",
    "vinter",
    "winter",
    "hosten",
    "høsten",
    "våren",
    "varen",
    "changeme",
    "default",
    "login",
    "logginn",
    "test",
    "guest",
    "gjest",
    "norge",
    "norway",
    "kommune",
    "asker",
    "naeringsplan",
    "næringsplan",
];

/// Keyboard and counting runs that common passwords are made of.
const RUNS: &[&str] = &[
    "01234567890",
    "09876543210",
    "abcdefghijklmnopqrstuvwxyzæøå",
    "qwertyuiopå",
    "asdfghjkløæ",
    "zxcvbnm",
    "qazwsxedcrfvtgbyhnujmik",
];

/// Checks a new password: at least [`MIN_PASSWORD_LEN`] characters, not the user name (or
/// containing it), not a common password with digits or punctuation around it, not a keyboard
/// or counting run, not one character repeated (issue 21: `1234567890`, `password123` and the
/// user name were accepted).
pub fn check_password_for(name: &str, password: &str) -> Result<()> {
    check_password(password)?;
    let lower = password.to_lowercase();
    let refuse = |why: &str| {
        Err(StoreError::Invalid(format!(
            "the password is too easy to guess: {why}"
        )))
    };
    let name = name.to_lowercase();
    if name.chars().count() >= 3 && lower.contains(&name) {
        return refuse("it contains the user name");
    }
    let core: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if COMMON_PASSWORD_WORDS.iter().any(|w| core == *w) {
        return refuse("it is a common password");
    }
    let mut chars = lower.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return refuse("it is one character repeated");
    }
    let distinct: std::collections::BTreeSet<char> = lower.chars().collect();
    if distinct.len() < 4 {
        return refuse("it has fewer than four different characters");
    }
    if RUNS.iter().any(|run| {
        let rev: String = run.chars().rev().collect();
        run.contains(lower.as_str()) || rev.contains(lower.as_str())
    }) || lower.chars().all(|c| c.is_ascii_digit())
    {
        return refuse("it is a keyboard or counting run, or only digits");
    }
    Ok(())
}

/// Checks a new password's length (see [`check_password_for`] for the whole policy).
pub fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(StoreError::Invalid(format!(
            "the password must have at least {MIN_PASSWORD_LEN} characters"
        )));
    }
    Ok(())
}

fn user_from_row(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    let disabled: i64 = row.try_get("disabled")?;
    Ok(User {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown stored role {role:?}")))?,
        disabled: disabled != 0,
        created_at: row.try_get("created_at")?,
        plan_code: row.try_get("plan_code")?,
    })
}

impl Store {
    /// Adds a user for every plan in the database. Fails if the name is taken or invalid, or
    /// the password too short.
    pub async fn add_user(&self, name: &str, password: &str, role: Role) -> Result<User> {
        self.add_user_for(name, password, role, None).await
    }

    /// Adds a user who works on one municipality's plan only (`Some(code)`) or on every plan
    /// (`None`). Fails as [`Store::add_user`] does.
    pub async fn add_user_for(
        &self,
        name: &str,
        password: &str,
        role: Role,
        plan_code: Option<&str>,
    ) -> Result<User> {
        check_user_name(name)?;
        check_password_for(name, password)?;
        // Names are unique ignoring case (issue 21: `Admin1` could be made beside `admin1`).
        let taken: Option<String> =
            sqlx::query_scalar("SELECT name FROM users WHERE LOWER(name) = LOWER($1)")
                .bind(name)
                .fetch_optional(self.pool())
                .await?;
        if let Some(other) = taken {
            return Err(StoreError::Invalid(format!(
                "user {name:?} already exists (as {other:?}; names are compared ignoring case)"
            )));
        }
        let hash = hash_password(password).await?;
        sqlx::query(
            "INSERT INTO users (name, password_hash, role, disabled, created_at, plan_code) VALUES ($1, $2, $3, 0, $4, $5)",
        )
        .bind(name)
        .bind(&hash)
        .bind(role.as_str())
        .bind(now_rfc3339())
        .bind(plan_code)
        .execute(self.pool())
        .await?;
        self.user(name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {name:?} vanished")))
    }

    /// All users, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT id, name, role, disabled, created_at, plan_code FROM users ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// One user by name.
    pub async fn user(&self, name: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT id, name, role, disabled, created_at, plan_code FROM users WHERE name = $1",
        )
        .bind(name)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Changes a user's role; their API tokens are revoked (a token made for one role does not
    /// carry over to another).
    pub async fn set_role(&self, name: &str, role: Role) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let res = sqlx::query("UPDATE users SET role = $1 WHERE name = $2")
            .bind(role.as_str())
            .bind(name)
            .execute(&mut *tx)
            .await?;
        found(res.rows_affected(), name)?;
        revoke_all(&mut tx, name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables or re-enables a user; disabling ends their sessions and revokes their API
    /// tokens, so enabling the account again does not bring old tokens back.
    pub async fn set_disabled(&self, name: &str, disabled: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let res = sqlx::query("UPDATE users SET disabled = $1 WHERE name = $2")
            .bind(i64::from(disabled))
            .bind(name)
            .execute(&mut *tx)
            .await?;
        found(res.rows_affected(), name)?;
        if disabled {
            sqlx::query(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)",
            )
            .bind(name)
            .execute(&mut *tx)
            .await?;
            revoke_all(&mut tx, name).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password, ends the user's sessions and revokes their API tokens.
    pub async fn set_password(&self, name: &str, password: &str) -> Result<()> {
        check_password_for(name, password)?;
        let hash = hash_password(password).await?;
        let mut tx = self.begin_write().await?;
        let res = sqlx::query("UPDATE users SET password_hash = $1 WHERE name = $2")
            .bind(&hash)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        found(res.rows_affected(), name)?;
        sqlx::query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        revoke_all(&mut tx, name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Logs in: checks the throttle, verifies the password, records the attempt, and on success
    /// creates a fresh session (a new random id: the id a client had before is never reused, and
    /// the session it names, `replaces`, is ended — no session fixation).
    pub async fn login(
        &self,
        name: &str,
        password: &str,
        ip: &str,
        throttle: &Throttle,
        replaces: Option<&str>,
    ) -> Result<(User, NewSession), LoginError> {
        let now = unix_now();
        let since = now - throttle.window_secs;
        // Forget attempts older than the window: the table stays small.
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(since)
            .execute(self.pool())
            .await?;
        // Failures for this user *from this address* (issue 21: user names are public, and a
        // per-user lock let anyone lock any staff member out from anywhere). Guessing from one
        // address is still bounded per user and, below, across users.
        let last_ok: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(at) FROM login_attempts WHERE username = $1 AND ip = $2 AND success = 1",
        )
        .bind(name)
        .bind(ip)
        .fetch_one(self.pool())
        .await?;
        let user_failures: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND ip = $2 AND success = 0 AND at >= $3",
        )
        .bind(name)
        .bind(ip)
        .bind(since.max(last_ok.unwrap_or(i64::MIN)))
        .fetch_one(self.pool())
        .await?;
        let ip_failures: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND success = 0 AND at >= $2",
        )
        .bind(ip)
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        if user_failures >= throttle.max_failures_per_user
            || ip_failures >= throttle.max_failures_per_ip
        {
            self.record_attempt(now, name, ip, false).await?;
            return Err(LoginError::Throttled);
        }

        let row = sqlx::query(
            "SELECT id, name, role, disabled, created_at, plan_code, password_hash FROM users WHERE name = $1",
        )
        .bind(name)
        .fetch_optional(self.pool())
        .await?;
        let (user, ok) = match row {
            Some(row) => {
                let hash: String = row.try_get("password_hash")?;
                let user = user_from_row(&row)?;
                let ok = verify_password(password, &hash).await && !user.disabled;
                (Some(user), ok)
            }
            None => {
                let _ = verify_password(password, &dummy_hash().await).await;
                (None, false)
            }
        };
        self.record_attempt(now, name, ip, ok).await?;
        let user = match (user, ok) {
            (Some(u), true) => u,
            _ => return Err(LoginError::BadCredentials),
        };

        let token = random_token()?;
        let csrf = random_token()?;
        let expires_at = now + SESSION_TTL_SECS;
        let mut tx = self.begin_write().await?;
        if let Some(old) = replaces {
            sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                .bind(digest(old))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest(&token))
        .bind(user.id)
        .bind(&csrf)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((
            user,
            NewSession {
                token,
                csrf,
                expires_at,
            },
        ))
    }

    async fn record_attempt(&self, at: i64, name: &str, ip: &str, ok: bool) -> Result<()> {
        // Bound what an attacker can make us store.
        let name: String = name.chars().take(64).collect();
        sqlx::query(
            "INSERT INTO login_attempts (at, username, ip, success) VALUES ($1, $2, $3, $4)",
        )
        .bind(at)
        .bind(name)
        .bind(ip)
        .bind(i64::from(ok))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The live session a cookie value names, if any (expired sessions and disabled users: none).
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role, u.disabled, u.created_at, u.plan_code, s.csrf_token, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2",
        )
        .bind(digest(token))
        .bind(unix_now())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = user_from_row(&row)?;
        if user.disabled {
            return Ok(None);
        }
        Ok(Some(Session {
            user,
            csrf: row.try_get("csrf_token")?,
            expires_at: row.try_get("expires_at")?,
        }))
    }

    /// Ends a session.
    pub async fn logout(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(digest(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Makes a new API bearer token for a user and returns it; only its digest is stored, so
    /// this is the one time anyone sees it. It does not expire.
    pub async fn create_api_token(&self, name: &str, label: &str) -> Result<String> {
        self.create_api_token_expiring(name, label, None).await
    }

    /// [`Store::create_api_token`] with an optional lifetime: after `valid_for` the token is
    /// refused.
    pub async fn create_api_token_expiring(
        &self,
        name: &str,
        label: &str,
        valid_for: Option<time::Duration>,
    ) -> Result<String> {
        let user = self
            .user(name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no user {name:?}")))?;
        if label.trim().is_empty() || label.chars().any(char::is_control) {
            return Err(StoreError::Invalid(
                "a token needs a name of visible characters (--label)".into(),
            ));
        }
        let expires_at = valid_for.map(|d| rfc3339(time::OffsetDateTime::now_utc() + d));
        let token = format!("np_{}", random_token()?);
        sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user.id)
        .bind(digest(&token))
        .bind(label)
        .bind(now_rfc3339())
        .bind(expires_at)
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// The (enabled) user an API token belongs to, if the token is known and not expired. The
    /// time of use is recorded to the minute (one write a minute per token, not one per request).
    pub async fn user_by_api_token(&self, token: &str) -> Result<Option<User>> {
        let hash = digest(token);
        let now = now_rfc3339();
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role, u.disabled, u.created_at, u.plan_code FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)",
        )
        .bind(&hash)
        .bind(&now)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = user_from_row(&row)?;
        if user.disabled {
            return Ok(None);
        }
        let minute_ago = rfc3339(time::OffsetDateTime::now_utc() - time::Duration::minutes(1));
        sqlx::query(
            "UPDATE api_tokens SET last_used = $1 WHERE token_hash = $2 AND (last_used IS NULL OR last_used < $3)",
        )
        .bind(&now)
        .bind(&hash)
        .bind(minute_ago)
        .execute(self.pool())
        .await?;
        Ok(Some(user))
    }

    /// A user's API tokens, oldest first (expired ones included, marked by `expires_at`).
    pub async fn api_tokens(&self, name: &str) -> Result<Vec<ApiToken>> {
        if self.user(name).await?.is_none() {
            return Err(StoreError::NotFound(format!("no user {name:?}")));
        }
        let rows = sqlx::query(
            "SELECT t.id, t.label, t.created_at, t.last_used, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = $1 ORDER BY t.id",
        )
        .bind(name)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    label: r.try_get("label")?,
                    created_at: r.try_get("created_at")?,
                    last_used: r.try_get("last_used")?,
                    expires_at: r.try_get("expires_at")?,
                })
            })
            .collect()
    }

    /// Revokes one of a user's API tokens by its number; false if the user has no such token.
    pub async fn revoke_api_token(&self, name: &str, id: i64) -> Result<bool> {
        let res = sqlx::query(
            "DELETE FROM api_tokens WHERE id = $1 AND user_id IN (SELECT id FROM users WHERE name = $2)",
        )
        .bind(id)
        .bind(name)
        .execute(self.pool())
        .await?;
        Ok(res.rows_affected() > 0)
    }

    /// Revokes every API token of a user; returns how many there were.
    pub async fn revoke_api_tokens(&self, name: &str) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let n = revoke_all(&mut tx, name).await?;
        tx.commit().await?;
        Ok(n)
    }
}

async fn revoke_all(tx: &mut sqlx::Transaction<'static, sqlx::Any>, name: &str) -> Result<u64> {
    let res = sqlx::query(
        "DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE name = $1)",
    )
    .bind(name)
    .execute(&mut **tx)
    .await?;
    Ok(res.rows_affected())
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn found(rows: u64, name: &str) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound(format!("no user {name:?}")))
    } else {
        Ok(())
    }
}

/// Compares two secrets in time independent of where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
