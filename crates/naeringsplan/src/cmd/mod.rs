//! One module per command.

pub mod actions;
pub mod assess;
pub mod backup;
pub mod check;
pub mod compare;
pub mod doctor;
pub mod facts;
pub mod fetch;
pub mod import;
pub mod indicators;
pub mod key_figures;
pub mod local_registers;
pub mod plan;
pub mod rank;
pub mod report;
pub mod serve;
pub mod sources;
pub mod stats;
pub mod user;

/// Who a change made from the command line is recorded as: `--as NAME`, else `cli:$USER`.
pub fn cli_actor(given: Option<String>) -> String {
    given.unwrap_or_else(|| {
        format!(
            "cli:{}",
            std::env::var("USER").unwrap_or_else(|_| "unknown".into())
        )
    })
}
