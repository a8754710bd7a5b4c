//! One module per command.

pub mod actions;
pub mod assess;
pub mod backup;
pub mod check;
pub mod doctor;
pub mod facts;
pub mod fetch;
pub mod import;
pub mod indicators;
pub mod local_registers;
pub mod plan;
pub mod rank;
pub mod report;
pub mod serve;
pub mod sources;
pub mod stats;
pub mod user;
