//! Relations: the typed, directed edges of the graph, and their evidence.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where an edge came from: the exact words of one article.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The article's id (its path as given, or its JSON Lines id).
    pub doc: String,
    /// Index of the sentence in the article (0-based; `show`, `explain` and
    /// the HTML page show it counting from 1).
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
    /// The parse frame that read the relation ("active", "passive",
    /// "nominal", "compound", ...; see `newsgraph explain`), when a parse did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<String>,
    /// How the article states it: "stated", or "reported" (someone's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// The most evidence sentences an edge keeps: the first ones in evidence
/// order (document, sentence, offsets), so which are kept does not depend on
/// the order the articles were read in. Its `weight` counts every statement,
/// so a relation stated in 100,000 articles costs 20 sentences, not 100,000.
pub const MAX_EVIDENCE: usize = 20;

/// One edge: `source` `kind` `target`, with how often it was stated and the
/// evidence for it.
///
/// There is one relation per (source, kind, target); a repeated statement adds
/// to its weight (and its evidence, up to [`MAX_EVIDENCE`]), not an edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Id of the source entity.
    pub source: String,
    /// The relation type, as declared in the lexicon (`backs`, `attacked`, ...).
    pub kind: String,
    /// Id of the target entity.
    pub target: String,
    /// How many statements support the edge (at least `evidence.len()`; a
    /// graph file that leaves it out or gives less means `evidence.len()`).
    #[serde(default)]
    pub weight: usize,
    /// Sorted, without duplicates, at most [`MAX_EVIDENCE`]: the first ones.
    pub evidence: BTreeSet<Evidence>,
}

impl Relation {
    /// A relation stated once, by `evidence`.
    pub fn new(source: String, kind: String, target: String, evidence: Evidence) -> Relation {
        Relation {
            source,
            kind,
            target,
            weight: 1,
            evidence: BTreeSet::from([evidence]),
        }
    }

    /// How many statements support the edge.
    pub fn weight(&self) -> usize {
        self.weight.max(self.evidence.len())
    }

    /// Whether every statement of the edge kept its evidence.
    pub fn is_complete(&self) -> bool {
        self.weight() == self.evidence.len()
    }

    /// Adds one statement (the same evidence twice counts once).
    pub fn add_evidence(&mut self, ev: Evidence) {
        let weight = self.weight();
        if self.evidence.insert(ev) {
            self.weight = weight + 1;
            self.trim();
        }
    }

    /// Adds the statements of `other`, the same edge read elsewhere: evidence
    /// both hold counts once. Exact when the two come from different
    /// articles, or when neither was trimmed to [`MAX_EVIDENCE`].
    pub fn absorb(&mut self, other: Relation) {
        let (mine, theirs) = (self.weight(), other.weight());
        let mut shared = 0;
        for ev in other.evidence {
            if !self.evidence.insert(ev) {
                shared += 1;
            }
        }
        self.weight = mine + theirs - shared;
        self.trim();
    }

    fn trim(&mut self) {
        while self.evidence.len() > MAX_EVIDENCE {
            self.evidence.pop_last();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, sentence: usize) -> Evidence {
        Evidence {
            doc: doc.into(),
            sentence,
            span: (0, 1),
            text: "x".into(),
            date: None,
            title: None,
            url: None,
            event_date: None,
            frame: None,
            mode: None,
        }
    }

    fn rel(evidence: impl IntoIterator<Item = Evidence>) -> Relation {
        let mut evidence = evidence.into_iter();
        let mut r = Relation::new(
            "a".into(),
            "backs".into(),
            "b".into(),
            evidence.next().unwrap(),
        );
        for e in evidence {
            r.add_evidence(e);
        }
        r
    }

    #[test]
    fn weight_counts_every_statement_evidence_keeps_the_first() {
        let r = rel((0..50).rev().map(|i| ev(&format!("d{i:02}"), 0)));
        assert_eq!(r.weight(), 50);
        assert_eq!(r.evidence.len(), MAX_EVIDENCE);
        assert_eq!(r.evidence.first().unwrap().doc, "d00");
        assert_eq!(r.evidence.last().unwrap().doc, "d19");
        assert!(!r.is_complete());
    }

    #[test]
    fn absorbing_counts_shared_evidence_once() {
        let mut a = rel([ev("d1", 0), ev("d2", 0)]);
        a.absorb(rel([ev("d2", 0), ev("d3", 0)]));
        assert_eq!(a.weight(), 3);
        assert!(a.is_complete());
        // disjoint and trimmed: weights add, the first evidence is kept
        let mut x = rel((0..30).map(|i| ev(&format!("a{i:02}"), 0)));
        let y = rel((0..30).map(|i| ev(&format!("b{i:02}"), 0)));
        let mut y_then_x = y.clone();
        y_then_x.absorb(x.clone());
        x.absorb(y);
        assert_eq!(x.weight(), 60);
        assert_eq!(x, y_then_x);
        assert!(x.evidence.iter().all(|e| e.doc.starts_with('a')));
    }

    #[test]
    fn a_file_without_weight_means_its_evidence() {
        let mut r = rel([ev("d1", 0), ev("d1", 1)]);
        r.weight = 0;
        assert_eq!(r.weight(), 2);
    }
}
