//! One module per command.

pub mod check;
pub mod plan;
pub mod serve;
