//! The SYNTHETIC demo data: documented, deterministic generators that write files in the real
//! formats, so a fresh machine shows a working product before real data is fetched. Nothing
//! here is real; everything it writes says so (`SYNTETISK` in names, labels and notes, and
//! `synthetic = true` where the format has a place for it), and the store flags it.
//!
//! - [`ssb`]: SSB-shaped JSON-stat datasets for the series no bundled real file covers (the
//!   offline snapshot's `synthetic/` files), and [`ssb::ranking`] the ranking's series.
//! - [`units`]: Enhetsregisteret bulk files (enheter, underenheter) at national size, in the
//!   exact 2025 format, every unit named `SYNTETISK …`.
//! - [`asker`]: the example files of the three local registers for Asker (land sites, supplier
//!   ledger, company visits), drawn from the demo register of [`units`].
//!
//! Pure: each generator returns bytes or writes to the `Write` it is handed; the callers
//! (`naeringsplan`'s first start and import, the snapshot and example-data programs under
//! `crates/*/examples/`) decide where they go.

#![warn(missing_docs)]

pub mod asker;
pub mod ssb;
pub mod units;
