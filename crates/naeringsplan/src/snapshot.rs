//! The offline snapshot (`data/snapshot/`), imported into an empty store on first use.

use store::Store;

/// Imports the bundled snapshot when the store has no observations.
pub async fn ensure(_store: &Store) -> anyhow::Result<()> {
    Ok(())
}
