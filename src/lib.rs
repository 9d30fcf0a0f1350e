//! newsgraph reads news articles and builds a typed knowledge graph of who is
//! who and who did what to whom.
//!
//! The pipeline runs in one direction:
//!
//! text → [`segment`] (sentences, tokens, byte offsets) → mentions
//! (gazetteer, titles, unknown names typed by context) → coreference
//! (surnames, pronouns, "the group") → relations (frames over mentions:
//! active, passive, nominal, compound, title, location, ...) → [`graph`]
//! (petgraph, merged across articles, evidence kept) → [`export`].
//!
//! Everything the extractor knows about the world and about English is in
//! the [`lexicon`], RON files compiled into the binary.
//!
//! ```
//! use newsgraph::{extract_article, Article, Lexicon};
//!
//! let article = Article::new("a.txt", "Iran-backed Hezbollah fired rockets. Israel has not commented.");
//! let graph = extract_article(&article, Lexicon::embedded());
//! let backs = graph.relation("iran", "backs", "hezbollah").expect("an edge");
//! assert_eq!(backs.evidence.first().unwrap().text, "Iran-backed Hezbollah fired rockets.");
//! ```
#![deny(missing_docs)]

pub mod cleanup;
pub(crate) mod coref;
pub mod dates;
pub mod diff;
pub mod document;
pub mod entity;
pub mod error;
pub mod explore;
pub mod export;
pub(crate) mod extract;
pub mod graph;
pub mod input;
pub mod layout;
pub mod lexicon;
pub(crate) mod mention;
pub mod names;
pub mod pipeline;
pub mod query;
pub mod relation;
pub mod relations;
pub mod render;
pub mod segment;
pub mod subgraph;
pub mod syntax;
pub mod types;

pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
pub use graph::KnowledgeGraph;
pub use lexicon::{Lexicon, LexiconBuilder};
pub use pipeline::{extract_all, extract_article, Article};
pub use relation::{Evidence, Relation};
pub use subgraph::Filter;
