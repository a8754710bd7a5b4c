//! Official statistics for the plan: SSB's JSON-stat 2.0 responses, the KLASS municipality and
//! county classifications, and geography over time.
//!
//! - [`jsonstat`]: read a statistics-bank response into a typed [`jsonstat::Dataset`]; a missing
//!   value keeps its reason (`..`, `:`, …) and is never 0.
//! - [`klass`]: read KLASS code lists, change tables and correspondences (API JSON or CSV
//!   exports in UTF-8 or Windows-1252).
//! - [`geography`]: which municipality and county codes are valid at a date, chains of changes,
//!   and mapping a series across mergers; [`geography::Geography::bundled`] holds the offline
//!   KLASS snapshot from 2017 onwards.
//! - [`pxcsv`]: SSB statistics-bank CSV exports (07459 by region and single-year age, in the
//!   encodings, separators and title lines SSB used over the years).
//!
//! No I/O: every reader takes the bytes it is handed.

#![warn(missing_docs)]

pub mod geography;
pub mod jsonstat;
pub mod klass;
pub mod observations;
pub mod pxcsv;
pub mod text;
