//! newsgraph reads news articles and builds a typed knowledge graph of who is
//! who and who did what to whom.
//!
//! The pipeline runs in one direction, one folder of `src/` per stage
//! (`docs/architecture.md`):
//!
//! [`text`] (articles, sentences, tokens, byte offsets) → [`syntax`] (tags
//! and dependency trees) → [`mentions`] (names, lexicon matching,
//! coreference) → [`relations`] (frames over the parse, modality) →
//! [`graph`] (petgraph, merged across articles, evidence kept; queries) →
//! [`formats`] (every graph format, read and written).
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

pub mod entity;
pub mod error;
pub mod formats;
pub mod graph;
pub mod lexicon;
pub mod mentions;
pub mod output;
pub mod relations;
pub mod syntax;
pub mod text;

pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
pub use graph::extractor::Extractor;
pub use graph::pipeline::{extract_all, extract_article};
pub use graph::subgraph::Filter;
pub use graph::KnowledgeGraph;
pub use lexicon::{Lexicon, LexiconBuilder};
pub use relations::relation::{Evidence, Relation};
pub use text::Article;
