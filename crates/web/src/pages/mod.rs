//! Public pages, one module per page group.

pub mod home;
