//! `naeringsplan backup FILE` and `naeringsplan restore FILE`: a consistent copy of the SQLite
//! store, and a checked, all-or-nothing restore from one (see `store::backup` for the rules).
//! Neither loads the plan: a backup copies the store as it is, and a restore must not write to
//! the store it is about to replace. Both refuse a PostgreSQL store (use `pg_dump`/`pg_restore`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::context::Options;

fn print_counts(counts: &[(String, i64)]) {
    for (table, n) in counts {
        println!("{table}\t{n}");
    }
}

/// `naeringsplan backup FILE`
pub async fn backup(opts: &Options, file: &Path) -> anyhow::Result<ExitCode> {
    let location = opts.db_location()?;
    if store::backup::sqlite_path(&location).is_none() {
        // Refused before connecting: the message does not depend on the server answering.
        anyhow::bail!(
            "backup virker bare for SQLite-lageret; et PostgreSQL-lager sikkerhetskopieres med \
             pg_dump og gjenopprettes med pg_restore (se README, «Sikkerhetskopi og gjenoppretting»)"
        );
    }
    if file.exists() {
        anyhow::bail!(
            "{} finnes allerede; en sikkerhetskopi skriver aldri over en fil, velg et nytt navn",
            file.display()
        );
    }
    let store = store::Store::open(&location)
        .await
        .with_context(|| format!("kan ikke åpne lageret {location}"))?;
    let counts = store.backup(file).await;
    store.close().await;
    let counts = counts?;
    print_counts(&counts);
    eprintln!(
        "sikkerhetskopi av {location} skrevet til {} (rader per tabell over)",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `naeringsplan restore FILE`
pub async fn restore(opts: &Options, file: &Path) -> anyhow::Result<ExitCode> {
    let location = opts.db_location()?;
    let restored = store::backup::restore(&location, file).await?;
    print_counts(&restored.counts);
    eprintln!(
        "{location} gjenopprettet fra {} (kontrollert med doctor; rader per tabell over)",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}
