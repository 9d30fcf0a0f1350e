//! Relations: the typed, directed edges of the graph, and their evidence.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where an edge came from: the exact words of one article.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The article's id (its path as given, or its JSON Lines id).
    pub doc: String,
    /// Index of the sentence in the article (0-based).
    pub sentence: usize,
    /// Byte offsets `(start, end)` into the article of the words that state
    /// the relation.
    pub span: (usize, usize),
    /// The sentence the relation was read from (around the stating words
    /// only, marked with "…", when the sentence is over 1,000 bytes).
    pub text: String,
    /// The article's date, when known (ISO 8601).
    #[serde(default)]
    pub date: Option<String>,
    /// The article's headline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the article was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it happened, when the sentence says ("on August 5", "on Monday"
    /// against the article's date), as YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
}

/// One edge: `source` `kind` `target`, with every piece of evidence for it.
///
/// There is one relation per (source, kind, target); a repeated statement adds
/// evidence, not an edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Id of the source entity.
    pub source: String,
    /// The relation type, as declared in the lexicon (`backs`, `attacked`, ...).
    pub kind: String,
    /// Id of the target entity.
    pub target: String,
    /// Sorted, without duplicates (a set: a relation stated in thousands of
    /// articles takes evidence in O(log n), in any order).
    pub evidence: BTreeSet<Evidence>,
}

impl Relation {
    /// How many pieces of evidence support the edge.
    pub fn weight(&self) -> usize {
        self.evidence.len()
    }

    /// Adds evidence (a duplicate changes nothing).
    pub fn add_evidence(&mut self, ev: Evidence) {
        self.evidence.insert(ev);
    }
}
