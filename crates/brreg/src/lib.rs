//! Brønnøysund registers for naeringsplan: Enhetsregisteret bulk files, annual accounts, SN2007
//! industry codes and the plan's sector groups, and per-municipality facts computed from them.
//!
//! A pure domain crate: it reads from the `Read`/`BufRead` it is handed and returns typed values
//! or `thiserror` errors that say where the input went wrong. No network, no database.
//!
//! - [`codes`]: organisation numbers (MOD11), organisation forms, industry, municipality and sector
//!   codes;
//! - [`bulk`]: streaming readers for the enheter/underenheter bulk files (CSV or JSON, plain or
//!   gzipped) yielding one [`Unit`] or [`RowError`] per row;
//! - [`accounts`]: annual accounts from the accounts register's API (turnover, operating result,
//!   wage costs, currency);
//! - [`sn2007`]: the SN2007 classification from SSB KLASS (division and section of a code);
//! - [`sectors`]: the plan's sector groups, defined as data (`data/sn2007/sector_groups.toml`);
//! - [`facts`]: streaming aggregation per municipality, cohort survival across snapshots, and the
//!   join with accounts;
//! - The SYNTHETIC demo register (national-size bulk files in this format) is written by
//!   `naeringsplan-demo` (`demo::units`).
#![warn(missing_docs)]

pub mod accounts;
pub mod bulk;
pub mod codes;
pub mod error;
pub mod facts;
pub mod sectors;
pub mod sn2007;
mod unit;

pub use codes::{Kommune, NaceCode, OrgForm, OrgNr, OrgNrError, SectorCode};
pub use error::{Location, OpenError, RowError, RowErrorKind};
pub use unit::{Employees, Unit, UnitKind, postal_code_text};
