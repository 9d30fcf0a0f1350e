//! What changed between two graphs (issue 18): entities and relations added
//! and removed, entities whose kind or label changed, relations whose weight
//! changed. Two periods compare as two graphs: export each with `--since`
//! and `--until`, or build each from its articles.

use crate::entity::Entity;
use crate::graph::KnowledgeGraph;
use crate::relations::relation::Relation;
use serde_json::{json, Value as Json};
use std::fmt::Write;

/// The differences between an old and a new graph, each list sorted by id
/// (entities) or by (source, type, target) (relations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff<'a> {
    /// Entities only the new graph has.
    pub entities_added: Vec<&'a Entity>,
    /// Entities only the old graph has.
    pub entities_removed: Vec<&'a Entity>,
    /// Entities both have, with another kind or label: (old, new).
    pub entities_changed: Vec<(&'a Entity, &'a Entity)>,
    /// Relations only the new graph has.
    pub relations_added: Vec<&'a Relation>,
    /// Relations only the old graph has.
    pub relations_removed: Vec<&'a Relation>,
    /// Relations both have, with another weight: (old, new).
    pub relations_changed: Vec<(&'a Relation, &'a Relation)>,
}

/// Compares `old` with `new`.
///
/// # Arguments
/// - `old`, `new`: two graphs, typically of two periods or two builds.
///
/// # Returns
/// What `new` adds, removes and changes; [`Diff::is_empty`] when they hold
/// the same entities (kind and label) and relations (weight).
///
/// # Complexity
/// O(V + E log E) for the sorted walks, with a hash lookup per item.
///
/// # Examples
/// ```
/// use newsgraph::{extract_article, Article, Lexicon};
/// let lex = Lexicon::embedded();
/// let old = extract_article(&Article::new("a", "Iran backs Hezbollah."), lex);
/// let new = extract_article(&Article::new("b", "Iran backs Hamas."), lex);
/// let d = newsgraph::graph::diff::diff(&old, &new);
/// assert_eq!(d.relations_added[0].target, "hamas");
/// assert_eq!(d.relations_removed[0].target, "hezbollah");
/// ```
pub fn diff<'a>(old: &'a KnowledgeGraph, new: &'a KnowledgeGraph) -> Diff<'a> {
    let mut d = Diff::default();
    for e in old.entities() {
        match new.entity(&e.id) {
            None => d.entities_removed.push(e),
            Some(n) if n.kind != e.kind || n.label != e.label => d.entities_changed.push((e, n)),
            Some(_) => {}
        }
    }
    d.entities_added = new
        .entities()
        .filter(|e| old.entity(&e.id).is_none())
        .collect();
    for r in old.relations() {
        match new.relation(&r.source, &r.kind, &r.target) {
            None => d.relations_removed.push(r),
            Some(n) if n.weight() != r.weight() => d.relations_changed.push((r, n)),
            Some(_) => {}
        }
    }
    d.relations_added = new
        .relations()
        .filter(|r| old.relation(&r.source, &r.kind, &r.target).is_none())
        .collect();
    d
}

impl Diff<'_> {
    /// Whether the two graphs hold the same entities and relations.
    pub fn is_empty(&self) -> bool {
        self.entities_added.is_empty()
            && self.entities_removed.is_empty()
            && self.entities_changed.is_empty()
            && self.relations_added.is_empty()
            && self.relations_removed.is_empty()
            && self.relations_changed.is_empty()
    }

    /// The differences for reading: a summary line, then one line per
    /// difference, `+` added, `-` removed, `~` changed, with labels.
    pub fn to_text(&self, old: &KnowledgeGraph, new: &KnowledgeGraph) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "entities: {} added, {} removed, {} changed; relations: {} added, {} removed, {} changed in weight",
            self.entities_added.len(),
            self.entities_removed.len(),
            self.entities_changed.len(),
            self.relations_added.len(),
            self.relations_removed.len(),
            self.relations_changed.len()
        );
        for e in &self.entities_added {
            let _ = writeln!(o, "+ {} ({})", e.label, e.kind);
        }
        for e in &self.entities_removed {
            let _ = writeln!(o, "- {} ({})", e.label, e.kind);
        }
        for (a, b) in &self.entities_changed {
            let _ = writeln!(
                o,
                "~ {} ({}) is now {} ({})",
                a.label, a.kind, b.label, b.kind
            );
        }
        let name = |g: &KnowledgeGraph, id: &str| {
            g.entity(id)
                .map(|e| e.label.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let line = |g: &KnowledgeGraph, r: &Relation| {
            format!("{} {} {}", name(g, &r.source), r.kind, name(g, &r.target))
        };
        for r in &self.relations_added {
            let _ = writeln!(
                o,
                "+ {} (weight {}, confidence {:.2})",
                line(new, r),
                r.weight(),
                r.confidence()
            );
        }
        for r in &self.relations_removed {
            let _ = writeln!(
                o,
                "- {} (weight {}, confidence {:.2})",
                line(old, r),
                r.weight(),
                r.confidence()
            );
        }
        for (a, b) in &self.relations_changed {
            let _ = writeln!(
                o,
                "~ {}: weight {} → {}, confidence {:.2} → {:.2}",
                line(new, b),
                a.weight(),
                b.weight(),
                a.confidence(),
                b.confidence()
            );
        }
        o
    }

    /// The differences as JSON: `{"entities": {"added", "removed",
    /// "changed"}, "relations": {"added", "removed", "changed"}}`; entities
    /// as `{id, label, type}`, relations as `{source, type, target, weight,
    /// articles, confidence}`, changes with `old` and `new`.
    pub fn to_json(&self) -> String {
        let entity = |e: &Entity| json!({"id": e.id, "label": e.label, "type": e.kind.as_str()});
        let relation = |r: &Relation| {
            json!({
                "source": r.source, "type": r.kind, "target": r.target,
                "weight": r.weight(), "articles": r.articles(), "confidence": r.confidence(),
            })
        };
        let v = json!({
            "entities": {
                "added": self.entities_added.iter().map(|e| entity(e)).collect::<Vec<Json>>(),
                "removed": self.entities_removed.iter().map(|e| entity(e)).collect::<Vec<Json>>(),
                "changed": self.entities_changed.iter().map(|(a, b)| json!({"id": a.id, "old": entity(a), "new": entity(b)})).collect::<Vec<Json>>(),
            },
            "relations": {
                "added": self.relations_added.iter().map(|r| relation(r)).collect::<Vec<Json>>(),
                "removed": self.relations_removed.iter().map(|r| relation(r)).collect::<Vec<Json>>(),
                "changed": self.relations_changed.iter().map(|(a, b)| json!({
                    "source": a.source, "type": a.kind, "target": a.target,
                    "old": relation(a), "new": relation(b),
                })).collect::<Vec<Json>>(),
            },
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}
