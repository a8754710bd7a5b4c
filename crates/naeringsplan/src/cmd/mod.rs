//! One module per command.

pub mod actions;
pub mod check;
pub mod plan;
pub mod serve;
pub mod user;
