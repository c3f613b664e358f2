//! The handlers the route table names, by who may call them. Routes whose work is a single
//! call into a module (`tasks`, `projects`, ...) call it from the table directly.

pub(crate) mod auth;
pub(crate) mod project;
pub(crate) mod user;
