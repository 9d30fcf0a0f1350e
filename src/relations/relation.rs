//! Relations: the typed, directed edges of the graph, and their evidence.

use crate::text::dates::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where an edge came from: the exact words of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

impl Evidence {
    /// The day the statement counts for in time filters: the article's date,
    /// else the date the sentence gives for the event (issue 18).
    pub fn day(&self) -> Option<Date> {
        self.date
            .as_deref()
            .and_then(Date::parse)
            .or_else(|| self.event_date.as_deref().and_then(Date::parse))
    }

    /// The statement's mode, "stated" when the evidence does not say.
    pub fn mode(&self) -> &str {
        self.mode.as_deref().unwrap_or("stated")
    }
}

/// How many statements of an edge fall on one day in one mode, and in how
/// many articles: kept for an edge whose evidence was trimmed to
/// [`MAX_EVIDENCE`], so that time and mode filters, article counts and
/// confidence stay exact for it (issue 18).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Tally {
    /// The day (YYYY-MM-DD, see [`Evidence::day`]), when known.
    pub day: Option<String>,
    /// The mode ("stated", "reported").
    pub mode: String,
    /// Statements.
    pub statements: usize,
    /// Articles making them.
    pub articles: usize,
}

/// How sure an edge is (issue 18): every article that states it removes
/// half of the remaining doubt, every article that only reports someone's
/// words a quarter. One article stating it: 0.5; two: 0.75; three: 0.88;
/// one article reporting it: 0.25. Rounded to two decimals.
pub fn confidence(stated_articles: usize, reported_articles: usize) -> f64 {
    let doubt = 0.5f64.powi(stated_articles.min(64) as i32)
        * 0.75f64.powi(reported_articles.min(64) as i32);
    ((1.0 - doubt) * 100.0).round() / 100.0
}

/// The most evidence sentences an edge keeps: the first ones in evidence
/// order (article, sentence, offsets), so which are kept does not depend on
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
    /// Statements by day and mode, sorted, for an edge whose evidence was
    /// trimmed; empty when `evidence` holds every statement (issue 18).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tallies: Vec<Tally>,
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
            tallies: Vec::new(),
        }
    }

    /// Statements by day and mode: the kept tallies, or counted from the
    /// evidence when it holds every statement. Statements a graph file
    /// counts in `weight` but neither keeps nor tallies are one tally
    /// without a day.
    pub fn tallies(&self) -> Vec<Tally> {
        if !self.tallies.is_empty() {
            return self.tallies.clone();
        }
        let mut by: BTreeMap<TallyKey, (usize, BTreeSet<&str>)> = BTreeMap::new();
        for ev in &self.evidence {
            let t = by
                .entry((ev.day().map(|d| d.to_string()), ev.mode().to_string()))
                .or_default();
            t.0 += 1;
            t.1.insert(ev.doc.as_str());
        }
        let mut out: Vec<Tally> = by
            .into_iter()
            .map(|((day, mode), (statements, docs))| Tally {
                day,
                mode,
                statements,
                articles: docs.len(),
            })
            .collect();
        let missing = self.weight() - self.evidence.len();
        add_tally(&mut out, (None, "stated".into()), missing, 0);
        out
    }

    /// How many articles state the edge (for an edge whose evidence was
    /// trimmed: the sum over its tallies, which counts an article that both
    /// states and reports it twice).
    pub fn articles(&self) -> usize {
        if self.tallies.is_empty() && self.is_complete() {
            let docs: BTreeSet<&str> = self.evidence.iter().map(|e| e.doc.as_str()).collect();
            return docs.len();
        }
        self.tallies().iter().map(|t| t.articles).sum()
    }

    /// The edge's confidence, from its articles and their modes: see
    /// [`confidence`].
    pub fn confidence(&self) -> f64 {
        let (mut stated, mut reported) = (BTreeSet::new(), BTreeSet::new());
        if self.tallies.is_empty() && self.is_complete() {
            for ev in &self.evidence {
                if ev.mode() == "reported" {
                    reported.insert(ev.doc.as_str());
                } else {
                    stated.insert(ev.doc.as_str());
                }
            }
            reported.retain(|d| !stated.contains(d));
            return confidence(stated.len(), reported.len());
        }
        let (mut s, mut r) = (0, 0);
        for t in self.tallies() {
            if t.mode == "reported" {
                r += t.articles;
            } else {
                s += t.articles;
            }
        }
        confidence(s, r)
    }

    /// The first and last days of the edge's statements, when any is dated.
    pub fn days(&self) -> Option<(String, String)> {
        let days: Vec<String> = self.tallies().into_iter().filter_map(|t| t.day).collect();
        Some((days.iter().min()?.clone(), days.iter().max()?.clone()))
    }

    /// The modes of the edge's statements, sorted, without duplicates.
    pub fn modes(&self) -> Vec<String> {
        let modes: BTreeSet<String> = self.tallies().into_iter().map(|t| t.mode).collect();
        modes.into_iter().collect()
    }

    /// The edge as made only by the statements `keep` accepts (by day and
    /// mode), or `None` when it keeps none.
    pub fn restrict(&self, keep: &dyn Fn(Option<Date>, &str) -> bool) -> Option<Relation> {
        let tallies: Vec<Tally> = self
            .tallies()
            .into_iter()
            .filter(|t| keep(t.day.as_deref().and_then(Date::parse), &t.mode))
            .collect();
        let weight: usize = tallies.iter().map(|t| t.statements).sum();
        if weight == 0 {
            return None;
        }
        let evidence: BTreeSet<Evidence> = self
            .evidence
            .iter()
            .filter(|e| keep(e.day(), e.mode()))
            .cloned()
            .collect();
        let mut r = Relation {
            source: self.source.clone(),
            kind: self.kind.clone(),
            target: self.target.clone(),
            weight,
            evidence,
            tallies,
        };
        r.settle();
        Some(r)
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
        if self.tallies.is_empty() {
            if self.evidence.insert(ev) {
                self.weight = weight + 1;
                self.trim();
            }
            return;
        }
        let key = (ev.day().map(|d| d.to_string()), ev.mode().to_string());
        let doc = ev.doc.clone();
        if self.evidence.insert(ev) {
            self.weight = weight + 1;
            // a new article for its tally unless evidence kept shows the
            // article already (exact unless that evidence was trimmed)
            let seen = self.evidence.iter().filter(|e| e.doc == doc).count() > 1;
            let mut tallies = std::mem::take(&mut self.tallies);
            add_tally(&mut tallies, key, 1, usize::from(!seen));
            self.tallies = tallies;
            self.trim();
        }
    }

    /// Adds the statements of `other`, the same edge read elsewhere: evidence
    /// both hold counts once. Exact when the two come from different
    /// articles, or when neither was trimmed to [`MAX_EVIDENCE`].
    pub fn absorb(&mut self, other: Relation) {
        let (mine, theirs) = (self.weight(), other.weight());
        let simple = self.tallies.is_empty()
            && other.tallies.is_empty()
            && self.is_complete()
            && other.is_complete()
            && mine + theirs <= MAX_EVIDENCE;
        if simple {
            let mut shared = 0;
            for ev in other.evidence {
                if !self.evidence.insert(ev) {
                    shared += 1;
                }
            }
            self.weight = mine + theirs - shared;
            self.trim();
            return;
        }
        let mut tallies = self.tallies();
        let other_tallies = other.tallies();
        // evidence both hold counts once: take it off the other's tallies
        let mut shared_evidence: BTreeMap<TallyKey, (usize, BTreeSet<String>)> = BTreeMap::new();
        let mut shared = 0;
        for ev in other.evidence {
            if self.evidence.contains(&ev) {
                shared += 1;
                let t = shared_evidence
                    .entry((ev.day().map(|d| d.to_string()), ev.mode().to_string()))
                    .or_default();
                t.0 += 1;
                t.1.insert(ev.doc.clone());
            } else {
                self.evidence.insert(ev);
            }
        }
        for t in other_tallies {
            let key = (t.day, t.mode);
            let (s, a) = shared_evidence
                .get(&key)
                .map(|(s, docs)| (*s, docs.len()))
                .unwrap_or((0, 0));
            add_tally(
                &mut tallies,
                key,
                t.statements.saturating_sub(s),
                t.articles.saturating_sub(a),
            );
        }
        self.weight = mine + theirs - shared;
        self.tallies = tallies;
        self.trim();
    }

    /// Trims the evidence to [`MAX_EVIDENCE`], tallying the statements
    /// first when some are about to be dropped.
    fn trim(&mut self) {
        if self.evidence.len() > MAX_EVIDENCE && self.tallies.is_empty() {
            self.tallies = self.tallies();
        }
        while self.evidence.len() > MAX_EVIDENCE {
            self.evidence.pop_last();
        }
        self.settle();
    }

    /// Tallies are kept only while the evidence misses statements.
    fn settle(&mut self) {
        if self.is_complete() {
            self.tallies.clear();
        }
    }
}

/// What a [`Tally`] counts statements by: day and mode.
type TallyKey = (Option<String>, String);

/// Adds `statements` and `articles` to the tally of `key`, keeping them sorted.
fn add_tally(tallies: &mut Vec<Tally>, key: TallyKey, statements: usize, articles: usize) {
    if statements == 0 {
        return;
    }
    match tallies.binary_search_by(|t| (&t.day, &t.mode).cmp(&(&key.0, &key.1))) {
        Ok(i) => {
            tallies[i].statements += statements;
            tallies[i].articles += articles;
        }
        Err(i) => tallies.insert(
            i,
            Tally {
                day: key.0,
                mode: key.1,
                statements,
                articles,
            },
        ),
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
            ..Evidence::default()
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

    fn dated(doc: &str, date: &str, mode: &str) -> Evidence {
        Evidence {
            date: Some(date.into()),
            mode: Some(mode.into()),
            ..ev(doc, 0)
        }
    }

    /// Issue 18: an edge stated in more articles than it keeps evidence
    /// for still counts its statements by day and mode exactly.
    #[test]
    fn trimmed_evidence_keeps_days_and_modes_exact() {
        // 30 articles in January (stated), 30 in March (reported), built
        // one article at a time as the pipeline does, in no date order
        let mut r: Option<Relation> = None;
        for i in (0..60).rev() {
            let (date, mode) = if i % 2 == 0 {
                ("2024-01-15", "stated")
            } else {
                ("2024-03-15", "reported")
            };
            let one = rel([dated(&format!("d{i:02}"), date, mode)]);
            match &mut r {
                Some(r) => r.absorb(one),
                None => r = Some(one),
            }
        }
        let r = r.unwrap();
        assert_eq!((r.weight(), r.evidence.len(), r.articles()), (60, 20, 60));
        assert_eq!(r.days(), Some(("2024-01-15".into(), "2024-03-15".into())));
        let march = r
            .restrict(&|d, _| d.is_some_and(|d| d.m == 3))
            .expect("statements in March");
        assert_eq!((march.weight(), march.articles()), (30, 30));
        assert!(march.evidence.iter().all(|e| e.mode() == "reported"));
        assert_eq!(march.confidence(), 1.0);
        let stated = r.restrict(&|_, m| m == "stated").unwrap();
        assert_eq!(stated.weight(), 30);
        assert!(r.restrict(&|d, _| d.is_some_and(|d| d.y == 2023)).is_none());
        // merging in the other order gives the same edge
        let mut again: Option<Relation> = None;
        for i in 0..60 {
            let (date, mode) = if i % 2 == 0 {
                ("2024-01-15", "stated")
            } else {
                ("2024-03-15", "reported")
            };
            let one = rel([dated(&format!("d{i:02}"), date, mode)]);
            match &mut again {
                Some(r) => r.absorb(one),
                None => again = Some(one),
            }
        }
        assert_eq!(again.unwrap(), r);
    }

    #[test]
    fn confidence_grows_with_articles_and_is_lower_for_reported_words() {
        assert_eq!(confidence(1, 0), 0.5);
        assert_eq!(confidence(2, 0), 0.75);
        assert_eq!(confidence(0, 1), 0.25);
        assert_eq!(confidence(0, 0), 0.0);
        // two statements in one article count as one article
        let r = rel([
            dated("a", "2024-01-01", "stated"),
            Evidence {
                sentence: 3,
                ..dated("a", "2024-01-01", "stated")
            },
        ]);
        assert_eq!((r.weight(), r.articles(), r.confidence()), (2, 1, 0.5));
        let r = rel([dated("a", "2024-01-01", "reported")]);
        assert_eq!(r.confidence(), 0.25);
    }

    #[test]
    fn a_file_without_weight_means_its_evidence() {
        let mut r = rel([ev("d1", 0), ev("d1", 1)]);
        r.weight = 0;
        assert_eq!(r.weight(), 2);
    }
}
