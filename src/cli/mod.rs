//! The binary's modules: argument definitions, subcommands, messages.

pub(crate) mod args;
pub(crate) mod build;
pub(crate) mod commands;
pub(crate) mod man;
pub(crate) mod report;
pub(crate) mod syntax;
