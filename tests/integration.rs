//! Integration tests: the real binary on real text.
//!
//! - `util`: runs the built binary in a temporary directory;
//! - `corpus`: short articles written for these tests;
//! - one module per subcommand or concern.

mod corpus;
mod util;

mod browser;
mod build;
mod cli;
mod export;
mod formats;
mod frames;
mod golden;
mod hostile;
mod issue17;
mod issue18;
mod layout;
mod lexicon;
mod names;
mod query;
mod robust;
mod scale;
mod seed;
mod spark;
mod syntax;
