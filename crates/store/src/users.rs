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
//! Failed logins are recorded per user name and per client address; [`Throttle`] says how
//! failures slow further attempts down: growing delays per (user, address), never a lock (see its
//! docs for why). An attacker who knows a user name can slow that user down only from the
//! attacker's own address, never from the user's.
//!
//! Public pages and the API show a user's display name (or role word), never the login name:
//! see [`PublicNames`].

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

    /// The role as a Norwegian word, shown publicly for a user without a display name.
    pub fn word_nb(self) -> &'static str {
        match self {
            Role::Viewer => "leser",
            Role::Editor => "redaktør",
            Role::Admin => "administrator",
        }
    }
}

/// A staff account (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Login name; also what the action history records as the actor. Shown on staff pages
    /// only: public pages and the API show [`User::public_name`].
    pub name: String,
    /// The name shown publicly for this user's changes; empty: the role word.
    pub display_name: String,
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
    /// Whether the account may log in and write where the plan `plan_code` (a plan key: any
    /// version of the account's municipality) is served.
    pub fn may_work_on(&self, plan_code: &str) -> bool {
        self.plan_code
            .as_deref()
            .is_none_or(|c| c == crate::plans::municipality_of(plan_code))
    }

    /// Whether this (admin) account may manage `other`: an account for every plan manages
    /// everyone; one for a single plan manages only that plan's accounts.
    pub fn may_manage(&self, other: &User) -> bool {
        self.plan_code.is_none() || self.plan_code == other.plan_code
    }

    /// What public pages and the API show for this user: the display name, or the role word
    /// («redaktør») when there is none; never the login name.
    pub fn public_name(&self) -> &str {
        if self.display_name.is_empty() {
            self.role.word_nb()
        } else {
            &self.display_name
        }
    }
}

/// The public names of every actor in the action history: login names (what the store records)
/// mapped to display names or role words, for public pages and the API (issue 21: login names
/// shown there were half of every staff credential, and a list of whom to lock out).
#[derive(Debug, Clone, Default)]
pub struct PublicNames {
    by_login: std::collections::HashMap<String, String>,
}

impl PublicNames {
    /// What to show for an actor: a user's [`User::public_name`]; `cli:<os user>` (a
    /// command-line import) as «kommandolinjen»; anything else (the plan file, a free-text
    /// `--actor`) as recorded.
    pub fn of(&self, actor: &str) -> String {
        if let Some(n) = self.by_login.get(&actor.to_lowercase()) {
            n.clone()
        } else if actor.starts_with("cli:") {
            "kommandolinjen".into()
        } else {
            actor.to_string()
        }
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

/// How failed logins slow further attempts down: growing delays per (user, address), and per
/// address, never a lock.
///
/// Why delays per (user, address) and not a lock per user: user names can be learnt (they were
/// public in `updated_by` until issue 21, and are easy to guess), and a lock keyed on the user
/// alone lets anyone lock any staff member out, from anywhere, for as long as they like. Here a
/// failure slows down only the next attempts for the same user *from the same address* (and,
/// after many failures, every attempt from that address): a correct login from another address
/// never waits. The first `free_failures` failures cost nothing (typos); then each attempt must
/// wait `base_delay_secs`, doubling with every further failure up to `max_delay_secs`. A guesser
/// is held to one try per `max_delay_secs` per address and user (about 288 a day at the default
/// 5 minutes, against a password policy that refuses common passwords). A correct login resets
/// the (user, address) count. Attempts made while waiting are refused unchecked (429) and not
/// counted. The state is the `login_attempts` table in the store, so every web node agrees.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures for one user from one address (since the user's last successful login from
    /// there) that cost nothing.
    pub free_failures: i64,
    /// Failures from one address, for any users, that cost nothing (password spraying).
    pub free_failures_per_ip: i64,
    /// The first delay, in seconds.
    pub base_delay_secs: i64,
    /// The longest delay, in seconds.
    pub max_delay_secs: i64,
    /// How long failures are remembered, in seconds (longer than `max_delay_secs`, so the delay
    /// keeps growing for a patient guesser).
    pub window_secs: i64,
}

impl Default for Throttle {
    /// 3 free failures per (user, address) and 20 per address; then 1 s, 2 s, 4 s, … up to
    /// 5 minutes; failures remembered for a day.
    fn default() -> Self {
        Throttle {
            free_failures: 3,
            free_failures_per_ip: 20,
            base_delay_secs: 1,
            max_delay_secs: 5 * 60,
            window_secs: 24 * 60 * 60,
        }
    }
}

impl Throttle {
    /// The wait after `failures` failures with `free` of them free: 0, or
    /// `base · 2^(failures − free)` capped at the maximum.
    pub fn delay(&self, failures: i64, free: i64) -> i64 {
        if failures < free {
            return 0;
        }
        let doublings = u32::try_from((failures - free).min(40)).unwrap_or(40);
        self.base_delay_secs
            .saturating_mul(1i64.checked_shl(doublings).unwrap_or(i64::MAX))
            .min(self.max_delay_secs)
    }
}

/// Why a login failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown user, wrong password or disabled account (deliberately not told apart).
    #[error("wrong user name or password")]
    BadCredentials,
    /// Too many failures recently from this address: wait, then try again.
    #[error("too many failed logins; try again in {retry_after} s")]
    Throttled {
        /// Seconds until an attempt is checked again.
        retry_after: i64,
    },
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

/// Checks a display name: at most 80 visible characters (empty: none), and not a login name
/// (`login`, the user's own, compared ignoring case), since the point is not to publish it.
pub fn check_display_name(login: &str, display_name: &str) -> Result<()> {
    if display_name.chars().count() > 80 || display_name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "display name {display_name:?}: use at most 80 visible characters"
        )));
    }
    if !display_name.is_empty() && display_name.to_lowercase() == login.to_lowercase() {
        return Err(StoreError::Invalid(format!(
            "the display name may not be the login name {login:?}: it is shown publicly"
        )));
    }
    Ok(())
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
        display_name: row.try_get("display_name")?,
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
        self.add_user_with(name, password, role, plan_code, "")
            .await
    }

    /// Adds a user as [`Store::add_user_for`] does, with a display name (`""`: none, the role
    /// word is shown publicly). Names are unique ignoring case: checked here (with Unicode case
    /// folding) and guaranteed by a unique index on `LOWER(name)`, so two parallel requests
    /// cannot both make `Admin1` and `admin1` (the loser gets the same "already exists").
    pub async fn add_user_with(
        &self,
        name: &str,
        password: &str,
        role: Role,
        plan_code: Option<&str>,
        display_name: &str,
    ) -> Result<User> {
        check_user_name(name)?;
        check_password_for(name, password)?;
        let display_name = display_name.trim();
        check_display_name(name, display_name)?;
        let taken = |other: &str| {
            StoreError::Invalid(format!(
                "user {name:?} already exists (as {other:?}; names are compared ignoring case)"
            ))
        };
        let lower = name.to_lowercase();
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM users")
            .fetch_all(self.pool())
            .await?;
        if let Some(other) = names.iter().find(|n| n.to_lowercase() == lower) {
            return Err(taken(other));
        }
        let hash = hash_password(password).await?;
        let res = sqlx::query(
            "INSERT INTO users (name, password_hash, role, disabled, created_at, plan_code, display_name) VALUES ($1, $2, $3, 0, $4, $5, $6)",
        )
        .bind(name)
        .bind(&hash)
        .bind(role.as_str())
        .bind(now_rfc3339())
        .bind(plan_code)
        .bind(display_name)
        .execute(self.pool())
        .await
        .map_err(StoreError::from);
        match res {
            Ok(_) => {}
            // The unique index: someone made the name (in some case) since the check above.
            Err(e) if crate::is_unique_violation(&e) => return Err(taken(name)),
            Err(e) => return Err(e),
        }
        self.user(name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {name:?} vanished")))
    }

    /// Sets a user's display name (`""`: none, the role word is shown publicly).
    pub async fn set_display_name(&self, name: &str, display_name: &str) -> Result<()> {
        let display_name = display_name.trim();
        check_display_name(name, display_name)?;
        let res = sqlx::query("UPDATE users SET display_name = $1 WHERE name = $2")
            .bind(display_name)
            .bind(name)
            .execute(self.pool())
            .await?;
        found(res.rows_affected(), name)
    }

    /// The public name of every user, to show actors on public pages and in the API.
    pub async fn public_names(&self) -> Result<PublicNames> {
        let users = self.users().await?;
        Ok(PublicNames {
            by_login: users
                .iter()
                .map(|u| (u.name.to_lowercase(), u.public_name().to_string()))
                .collect(),
        })
    }

    /// All users, by name.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT id, name, display_name, role, disabled, created_at, plan_code FROM users ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// One user by name.
    pub async fn user(&self, name: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT id, name, display_name, role, disabled, created_at, plan_code FROM users WHERE name = $1",
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
    /// the session it names, `replaces`, is ended — no session fixation). While the throttle
    /// makes this (user, address) or this address wait, the attempt is refused unchecked with
    /// [`LoginError::Throttled`] and not recorded (see [`Throttle`]).
    pub async fn login(
        &self,
        name: &str,
        password: &str,
        ip: &str,
        throttle: &Throttle,
        replaces: Option<&str>,
    ) -> Result<(User, NewSession), LoginError> {
        let now = unix_now();
        // The attempt is written first, as a failure, and the wait is computed from the attempts
        // before it: of several attempts sent at once only the first is checked, the others see
        // it and wait (nobody gets round the delay by sending many guesses in parallel).
        let attempt = self.claim_attempt(now, name, ip).await?;
        let retry_after = self.login_wait(name, ip, throttle, now, attempt).await?;
        if retry_after > 0 {
            // Refused unchecked: not counted as a failure.
            sqlx::query("DELETE FROM login_attempts WHERE id = $1")
                .bind(attempt)
                .execute(self.pool())
                .await?;
            return Err(LoginError::Throttled { retry_after });
        }

        let row = sqlx::query(
            "SELECT id, name, display_name, role, disabled, created_at, plan_code, password_hash FROM users WHERE name = $1",
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
        if ok {
            sqlx::query("UPDATE login_attempts SET success = 1 WHERE id = $1")
                .bind(attempt)
                .execute(self.pool())
                .await?;
        }
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

    /// Seconds the attempt `attempt` of this (user, address) must still wait before it is
    /// checked (0: none), from the attempts recorded before it.
    async fn login_wait(
        &self,
        name: &str,
        ip: &str,
        throttle: &Throttle,
        now: i64,
        attempt: i64,
    ) -> Result<i64> {
        let name: String = name.chars().take(64).collect();
        let ip: &str = &ip.chars().take(64).collect::<String>();
        let since = now - throttle.window_secs;
        // Forget attempts older than the window: the table stays small.
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(since)
            .execute(self.pool())
            .await?;
        // Failures for this user *from this address* since their last success from there
        // (issue 21: user names are public, and a per-user lock let anyone lock any staff
        // member out from anywhere).
        let last_ok: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(id) FROM login_attempts WHERE username = $1 AND ip = $2 AND success = 1 AND id < $3",
        )
        .bind(&name)
        .bind(ip)
        .bind(attempt)
        .fetch_one(self.pool())
        .await?;
        let user = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_attempts WHERE username = $1 AND ip = $2 AND success = 0 AND id > $3 AND id < $4",
        )
        .bind(&name)
        .bind(ip)
        .bind(last_ok.unwrap_or(0))
        .bind(attempt)
        .fetch_one(self.pool())
        .await?;
        // Failures from this address for anyone (one address trying many users).
        let addr = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_attempts WHERE ip = $1 AND success = 0 AND id < $2",
        )
        .bind(ip)
        .bind(attempt)
        .fetch_one(self.pool())
        .await?;
        let wait = |row: &AnyRow, free: i64| -> Result<i64> {
            let n: i64 = row.try_get("n")?;
            let last: Option<i64> = row.try_get("last")?;
            Ok(match last {
                Some(last) => (last + throttle.delay(n, free) - now).max(0),
                None => 0,
            })
        };
        Ok(wait(&user, throttle.free_failures)?.max(wait(&addr, throttle.free_failures_per_ip)?))
    }

    /// Records a login attempt as a failure (until it succeeds) and returns its id.
    async fn claim_attempt(&self, at: i64, name: &str, ip: &str) -> Result<i64> {
        // Bound what an attacker can make us store.
        let name: String = name.chars().take(64).collect();
        let ip: String = ip.chars().take(64).collect();
        Ok(sqlx::query_scalar(
            "INSERT INTO login_attempts (at, username, ip, success) VALUES ($1, $2, $3, 0) RETURNING id",
        )
        .bind(at)
        .bind(name)
        .bind(ip)
        .fetch_one(self.pool())
        .await?)
    }

    /// The live session a cookie value names, if any (expired sessions and disabled users: none).
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.created_at, u.plan_code, s.csrf_token, s.expires_at \
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
            "SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.created_at, u.plan_code FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)",
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

    /// A secret shared by every node on this store, made (256 random bits) the first time it is
    /// asked for; e.g. the key that signs the login form's CSRF token. Two nodes asking at once
    /// get the same value (the first insert wins).
    pub async fn server_secret(&self, name: &str) -> Result<String> {
        let get = || {
            sqlx::query_scalar::<_, String>("SELECT value FROM server_secrets WHERE name = $1")
                .bind(name)
                .fetch_optional(self.pool())
        };
        if let Some(v) = get().await? {
            return Ok(v);
        }
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(random_token()?)
        .bind(now_rfc3339())
        .execute(self.pool())
        .await?;
        get()
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("server secret {name:?} vanished")))
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

/// HMAC-SHA-256 (RFC 2104) of `msg` under `key`, e.g. to sign a token with a
/// [`Store::server_secret`] so that only this server can mint it.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| k.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// Compares two secrets in time independent of where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
