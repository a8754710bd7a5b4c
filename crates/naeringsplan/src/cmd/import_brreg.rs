//! Importing Brønnøysund register bulk files (Enhetsregisteret enheter/underenheter, CSV or JSON,
//! optionally gzipped) into the store. Called by `naeringsplan import` when it detects such a file.
//!
//! Not wired yet (issue 5): the register crate can read these files, the store cannot hold them.

use std::path::Path;

/// Imports one register bulk file. `skip_bad_rows`: report malformed rows and go on instead of
/// aborting with the store unchanged.
pub async fn import(
    _store: &store::Store,
    path: &Path,
    _skip_bad_rows: bool,
) -> anyhow::Result<String> {
    anyhow::bail!(
        "{}: Brønnøysund register files cannot be imported into the store yet",
        path.display()
    )
}
