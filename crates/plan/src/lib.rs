//! The municipal business-development plan as typed data.
//!
//! - [`model`]: the plan's types, free of I/O;
//! - [`parse`]: read a plan file (TOML), reporting every problem as `file:line:col: message`;
//! - [`embedded_default`]: Asker's *Temaplan næring*, compiled into the binary.

pub mod date;
pub mod diagnostic;
mod file;
pub mod fmt;
pub mod model;
mod validate;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::*;

/// The source text of the embedded default plan (Asker kommune, *Temaplan næring* 2021–2024).
pub const EMBEDDED_DEFAULT_SOURCE: &str = include_str!("../../../plans/asker.toml");

/// File name shown in diagnostics for the embedded default.
pub const EMBEDDED_DEFAULT_NAME: &str = "plans/asker.toml";

/// Parses and validates a plan file. `file` is the name shown in diagnostics.
///
/// Returns every problem found, in file order; a syntax or type error stops at that error.
pub fn parse(file: &str, src: &str) -> Result<Plan, Diagnostics> {
    let mut reporter = diagnostic::Reporter::new(file, src);
    let raw: file::RawPlan = match toml::from_str(src) {
        Ok(raw) => raw,
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            reporter.at(
                offset,
                diagnostic::reword_toml_error(e.message(), src, e.span()),
            );
            return Err(Diagnostics(reporter.finish()));
        }
    };
    match validate::check(raw, &mut reporter) {
        Some(plan) => Ok(plan),
        None => Err(Diagnostics(reporter.finish())),
    }
}

/// The embedded default plan, parsed. It is checked by the test suite, so this cannot fail in a
/// released binary; a broken build panics here with the diagnostics.
pub fn embedded_default() -> Plan {
    match parse(EMBEDDED_DEFAULT_NAME, EMBEDDED_DEFAULT_SOURCE) {
        Ok(p) => p,
        Err(d) => panic!("the embedded default plan does not validate:\n{d}"),
    }
}
