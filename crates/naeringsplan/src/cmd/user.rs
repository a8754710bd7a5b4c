//! `naeringsplan user add|list|display-name|token|tokens|revoke-token|role|password|disable|enable`:
//! staff accounts and their API tokens.
//!
//! Each account has a display name, shown on public pages and in the API for its changes; the
//! login name is shown only on staff pages (issue 21). Without one, the role word
//! («redaktør») is shown.
//!
//! Passwords are read from a prompt without echo on a terminal, or as the first line of standard
//! input otherwise (for scripts: `echo "$PW" | naeringsplan user add kari --role editor`).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Subcommand, ValueEnum};
use store::users::Role;

use crate::Format;
use crate::context::Options;

/// Roles on the command line.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Read-only access to the staff pages.
    Viewer,
    /// Create and edit actions, import the action plan.
    Editor,
    /// Everything, including managing users.
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Editor => Role::Editor,
            RoleArg::Admin => Role::Admin,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a staff account (password from a prompt, or the first line of stdin when not a TTY).
    Add {
        /// Login name.
        name: String,
        /// What the user may do.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Work on this municipality's plan only (its code, e.g. 3203) when several plans share
        /// the database; without it the account works on every plan in it.
        #[arg(long)]
        municipality: Option<String>,
        /// The name shown publicly for the user's changes (e.g. "Næringsavdelingen" or
        /// "Kari N."); default: the role word, such as «redaktør». Never the login name.
        #[arg(long, value_name = "TEXT", default_value = "")]
        display_name: String,
    },
    /// Set the name shown publicly for a user's changes ("" for the role word).
    DisplayName {
        /// Login name.
        name: String,
        /// The display name.
        display_name: String,
    },
    /// List the staff accounts.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Make a new API bearer token for a user and print it (it is shown only this once).
    Token {
        /// Login name.
        name: String,
        /// The token's name: what it is for.
        #[arg(long, default_value = "cli")]
        label: String,
        /// Days until the token stops working (default: it does not expire).
        #[arg(long, value_name = "DAYS")]
        expires_days: Option<u32>,
    },
    /// List a user's API tokens: number, name, created, last used, expires.
    Tokens {
        /// Login name.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Revoke one API token of a user (by its number from `user tokens`), or all with --all.
    RevokeToken {
        /// Login name.
        name: String,
        /// The token's number.
        #[arg(required_unless_present = "all")]
        id: Option<i64>,
        /// Revoke every token of the user.
        #[arg(long, conflicts_with = "id")]
        all: bool,
    },
    /// Change a user's role (revokes their API tokens).
    Role {
        /// Login name.
        name: String,
        /// New role.
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Set a new password (ends the user's sessions and revokes their API tokens).
    Password {
        /// Login name.
        name: String,
    },
    /// Disable an account (ends its sessions and revokes its API tokens).
    Disable {
        /// Login name.
        name: String,
    },
    /// Enable a disabled account (its old tokens stay revoked).
    Enable {
        /// Login name.
        name: String,
    },
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let pw = rpassword::prompt_password("Passord: ").context("cannot read the password")?;
        let again =
            rpassword::prompt_password("Gjenta passordet: ").context("cannot read the password")?;
        if pw != again {
            bail!("the passwords differ");
        }
        Ok(pw)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

pub async fn run(opts: &Options, command: UserCommand) -> anyhow::Result<ExitCode> {
    let ctx = opts.open().await?;
    let store = &ctx.store;
    match command {
        UserCommand::Add {
            name,
            role,
            municipality,
            display_name,
        } => {
            // A municipality code (any of its plan versions), not a plan version's key.
            if let Some(code) = &municipality
                && store.plan_versions(code).await?.is_empty()
            {
                anyhow::bail!("no plan for municipality {code} in the store");
            }
            let pw = read_password()?;
            let u = store
                .add_user_with(
                    &name,
                    &pw,
                    role.into(),
                    municipality.as_deref(),
                    &display_name,
                )
                .await?;
            eprintln!(
                "added {} ({}, shown publicly as «{}», {})",
                u.name,
                u.role.as_str(),
                u.public_name(),
                u.plan_code.as_deref().map_or_else(
                    || "every plan in the store".to_string(),
                    |c| format!("plan {c} only")
                )
            );
        }
        UserCommand::DisplayName { name, display_name } => {
            store.set_display_name(&name, &display_name).await?;
            let u = store
                .user(&name)
                .await?
                .with_context(|| format!("no user {name:?}"))?;
            eprintln!("{name} is shown publicly as «{}»", u.public_name());
        }
        UserCommand::List { format } => {
            let users = store.users().await?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&users)?),
                Format::Text => {
                    for u in &users {
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            u.name,
                            u.public_name(),
                            u.role.as_str(),
                            if u.disabled { "disabled" } else { "active" },
                            u.plan_code.as_deref().unwrap_or("*"),
                            u.created_at
                        );
                    }
                }
            }
        }
        UserCommand::Token {
            name,
            label,
            expires_days,
        } => {
            let valid_for = expires_days.map(|d| time::Duration::days(i64::from(d)));
            let token = store
                .create_api_token_expiring(&name, &label, valid_for)
                .await?;
            eprintln!("API token for {name} (shown only now; store it safely):");
            println!("{token}");
        }
        UserCommand::Tokens { name, format } => {
            let tokens = store.api_tokens(&name).await?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&tokens)?),
                Format::Text => {
                    let now = time::OffsetDateTime::now_utc()
                        .format(&time::format_description::well_known::Rfc3339)?;
                    for t in &tokens {
                        let expired = t.expires_at.as_deref().is_some_and(|e| e <= now.as_str());
                        println!(
                            "{}\t{}\tcreated {}\tlast used {}\t{}",
                            t.id,
                            t.label,
                            t.created_at,
                            t.last_used.as_deref().unwrap_or("never"),
                            match (&t.expires_at, expired) {
                                (None, _) => "no expiry".to_string(),
                                (Some(e), true) => format!("expired {e}"),
                                (Some(e), false) => format!("expires {e}"),
                            }
                        );
                    }
                    if tokens.is_empty() {
                        eprintln!("{name} has no API tokens");
                    }
                }
            }
        }
        UserCommand::RevokeToken { name, id, all } => {
            if all {
                let n = store.revoke_api_tokens(&name).await?;
                eprintln!("revoked {n} token(s) of {name}");
            } else if let Some(id) = id {
                if !store.revoke_api_token(&name, id).await? {
                    bail!(
                        "{name} has no token number {id} (see `naeringsplan user tokens {name}`)"
                    );
                }
                eprintln!("revoked token {id} of {name}");
            }
        }
        UserCommand::Role { name, role } => {
            store.set_role(&name, role.into()).await?;
            eprintln!(
                "{name} is now {}; their API tokens were revoked",
                Role::from(role).as_str()
            );
        }
        UserCommand::Password { name } => {
            let pw = read_password()?;
            store.set_password(&name, &pw).await?;
            eprintln!("password of {name} changed; their sessions were ended and tokens revoked");
        }
        UserCommand::Disable { name } => {
            store.set_disabled(&name, true).await?;
            eprintln!("{name} disabled; their sessions were ended and tokens revoked");
        }
        UserCommand::Enable { name } => {
            store.set_disabled(&name, false).await?;
            eprintln!("{name} enabled");
        }
    }
    Ok(ExitCode::SUCCESS)
}
