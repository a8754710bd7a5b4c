//! Use cases that need several crates at once, shared by the CLI and the web app:
//!
//! - [`action_sheet`]: the action plan as CSV/XLSX, import (all or nothing) and export;
//! - [`brreg`]: Brønnøysund register files (Enhetsregisteret bulk files, annual accounts) into
//!   the store as snapshots, their facts computed from a file alone, and the synthetic demo
//!   register of a first start;
//! - [`cache`]: results computed from the store kept in it, keyed on their inputs and the build;
//! - [`inputs`]: the adapter from the store's resolved series to the engine's [`engine::Inputs`];
//! - [`indicators`]: evaluate the plan's indicators (values, judgements, trends) from the store;
//! - [`council_report`]: assemble the council report's input from the store and the engine, as
//!   of its period and data date;
//! - [`report_review`]: staff assessments per report period and final (frozen) reports;
//! - [`indicator_data`]: the data behind an indicator for download (CSV, JSON);
//! - [`as_of`]: actions as of a past day, Norwegian local time, the one lateness rule;
//! - [`plan_facts`]: the plan's facts computed from the stored register;
//! - [`districts`]: register facts, land sites and company visits per district of the plan;
//! - [`key_figures`]: the plan's chapter-3 key figures for any municipality and year, beside the
//!   plan's quotes and the peers, and the key figures that monitor strategies;
//! - [`plan_versions`]: a municipality's plan versions (current, ended, successor) and actions
//!   carried over from one version to a later one;
//! - [`ranking`]: the Kommune-NM-style ranking of every municipality from the store;
//! - [`national`]: every national chapter-9 definition for every municipality, from one read
//!   of the national panel, and a municipality's percentile and the medians;
//! - [`local_registers`]: commercial land, local procurement and company visits (issue 9);
//! - [`register_data`]: the procurement and visit pages' figures for download (CSV, JSON);
//! - [`similar`]: the municipalities nearest to the plan's by weighted, standardised features
//!   (Kolada's "similar municipalities"), from the stored ranking;
//! - [`sources`]: every series' SSB table, evidence, and real vs demo years (`naeringsplan
//!   sources`, the page `/kilder`).
//!
//! Data flows one way: store → engine → report. The use cases here that write to the store are
//! the action-sheet import, through `Store::apply_action_batch` (one transaction), the
//! register import (`brreg`: one snapshot or one set of accounts per transaction), and the
//! report review (`report_review`: an assessment version per save, a final report's files in
//! one transaction), and carrying an action over to a later plan (`plan_versions`, one
//! transaction).

pub mod action_sheet;
pub mod as_of;
pub mod brreg;
pub mod cache;
pub mod compare;
pub mod council_report;
pub mod districts;
pub mod indicator_data;
pub mod indicators;
pub mod inputs;
pub mod key_figures;
pub mod local_registers;
pub mod national;
pub mod partners;
pub mod pipeline;
pub mod plan_facts;
pub mod plan_versions;
pub mod ranking;
pub mod register_data;
pub mod report_review;
pub mod similar;
pub mod sources;

/// Errors of the use cases.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// A series could not be resolved.
    #[error(transparent)]
    Resolve(#[from] store::observations::ResolveError),
    /// The engine refused (an unknown definition or indicator).
    #[error(transparent)]
    Engine(#[from] engine::EngineError),
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A bundled or given configuration file is invalid.
    #[error("{0}")]
    Config(String),
    /// A value the user gave is out of range or malformed (a weight, a count).
    #[error("{0}")]
    Invalid(String),
}
