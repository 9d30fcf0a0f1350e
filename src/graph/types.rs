//! What a graph can hold (issue 18): the entity kinds and the relation
//! types, with what each means and, for a graph, how many it has.

use crate::entity::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::lexicon::{Lexicon, RelationType};
use serde_json::json;
use std::collections::BTreeMap;

/// An entity kind and how many entities of it a graph has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindRow {
    /// The kind.
    pub kind: EntityKind,
    /// Entities of this kind in the graph (none without a graph).
    pub count: Option<usize>,
}

/// A relation type: its metadata, what it means and how many relations of
/// it a graph has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRow {
    /// The type's name.
    pub name: String,
    /// Relations of this type in the graph (none without a graph).
    pub count: Option<usize>,
    /// Whether its direction carries no meaning.
    pub symmetric: bool,
    /// Entity kinds allowed as source (empty: any, or not known).
    pub source: Vec<EntityKind>,
    /// Entity kinds allowed as target (empty: any, or not known).
    pub target: Vec<EntityKind>,
    /// PLOVER event category ("none" for structural relations).
    pub plover: String,
    /// CAMEO root code.
    pub cameo: String,
    /// What states it, from the lexicon's triggers: "attack, bomb, ...;
    /// attack on Y; Iran-backed Y".
    pub description: String,
}

/// The kinds and types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// Every entity kind, in [`EntityKind::ALL`] order.
    pub kinds: Vec<KindRow>,
    /// The lexicon's relation types and any other the graph declares or
    /// uses, sorted by name.
    pub types: Vec<TypeRow>,
}

/// The words that state a type in the lexicon, shortly: "verbs: attack,
/// bomb, ...; nouns: attack, strike; compounds: -backed; prefixes: pro-".
fn describe(t: &RelationType) -> String {
    fn list(what: &str, words: Vec<String>, out: &mut Vec<String>) {
        let mut words = words;
        words.dedup();
        if words.is_empty() {
            return;
        }
        let more = if words.len() > 5 { ", ..." } else { "" };
        words.truncate(5);
        out.push(format!("{what}: {}{more}", words.join(", ")));
    }
    let mut parts = Vec::new();
    list(
        "verbs",
        t.verbs.iter().map(|v| v.lemma.clone()).collect(),
        &mut parts,
    );
    list(
        "nouns",
        t.nouns.iter().map(|n| n.word.clone()).collect(),
        &mut parts,
    );
    list(
        "compounds",
        t.compounds.iter().map(|c| format!("-{c}")).collect(),
        &mut parts,
    );
    list(
        "prefixes",
        t.prefixes.iter().map(|p| format!("{p}-")).collect(),
        &mut parts,
    );
    if t.title_role.is_some() {
        parts.push("titles (titles.ron)".into());
    }
    if parts.is_empty() && !t.paths.is_empty() {
        parts.push("dependency paths (relations.ron)".into());
    }
    parts.join("; ")
}

/// The kinds and relation types of `lex`, counted in `graph` when given.
///
/// Complexity: O(V + E + T) for T relation types.
pub fn catalog(graph: Option<&KnowledgeGraph>, lex: &Lexicon) -> Catalog {
    let mut kind_counts: BTreeMap<EntityKind, usize> = BTreeMap::new();
    let mut type_counts: BTreeMap<&str, usize> = BTreeMap::new();
    if let Some(g) = graph {
        for e in g.entities() {
            *kind_counts.entry(e.kind).or_default() += 1;
        }
        for r in g.relations() {
            *type_counts.entry(r.kind.as_str()).or_default() += 1;
        }
    }
    let count = |n: Option<&usize>| graph.map(|_| n.copied().unwrap_or(0));
    let mut types: BTreeMap<String, TypeRow> = BTreeMap::new();
    for t in lex.relation_types() {
        types.insert(
            t.name.clone(),
            TypeRow {
                name: t.name.clone(),
                count: count(type_counts.get(t.name.as_str())),
                symmetric: t.symmetric,
                source: t.source.clone(),
                target: t.target.clone(),
                plover: t.plover.clone(),
                cameo: t.cameo.clone(),
                description: describe(t),
            },
        );
    }
    if let Some(g) = graph {
        // a type the graph's own lexicon declared, or only uses
        for name in g.relation_type_names() {
            if types.contains_key(&name) {
                continue;
            }
            let info = g.relation_info(&name);
            types.insert(
                name.clone(),
                TypeRow {
                    count: count(type_counts.get(name.as_str())),
                    symmetric: info.is_some_and(|i| i.symmetric),
                    source: Vec::new(),
                    target: Vec::new(),
                    plover: info.map(|i| i.plover.clone()).unwrap_or_default(),
                    cameo: info.map(|i| i.cameo.clone()).unwrap_or_default(),
                    description: "declared by the lexicon that built the graph".into(),
                    name,
                },
            );
        }
    }
    Catalog {
        kinds: EntityKind::ALL
            .iter()
            .map(|k| KindRow {
                kind: *k,
                count: count(kind_counts.get(k)),
            })
            .collect(),
        types: types.into_values().collect(),
    }
}

pub(crate) fn kinds_text(kinds: &[EntityKind]) -> String {
    if kinds.is_empty() {
        "any".into()
    } else {
        kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }
}

impl Catalog {
    /// `{"kinds": [{name, description, count}], "types": [{name, count,
    /// symmetric, source, target, plover, cameo, description}]}`; `count`
    /// is null without a graph.
    pub fn to_json(&self) -> String {
        let v = json!({
            "kinds": self.kinds.iter().map(|k| json!({
                "name": k.kind.as_str(), "description": k.kind.description(), "count": k.count,
            })).collect::<Vec<_>>(),
            "types": self.types.iter().map(|t| json!({
                "name": t.name, "count": t.count, "symmetric": t.symmetric,
                "source": t.source.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "target": t.target.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "plover": t.plover, "cameo": t.cameo, "description": t.description,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}
