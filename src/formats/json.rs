//! JSON in NetworkX node-link form.
//!
//! # Format
//!
//! ```json
//! {
//!   "directed": true,
//!   "multigraph": true,
//!   "graph": {"name": "newsgraph", "version": 1, "documents": [{"id": "seed.txt", "date": null}],
//!             "relation_types": [{"name": "backs", "symmetric": false, "plover": "SUPPORT", "cameo": "05", "color": "#2ca02c"}]},
//!   "nodes": [{"id": "iran", "label": "Iran", "type": "state", "aliases": ["Iranian"], "mentions": 7}],
//!   "links": [{"source": "iran", "target": "hezbollah", "key": "backs", "type": "backs",
//!              "weight": 1, "articles": 1, "confidence": 0.5,
//!              "first_day": "2024-08-06", "last_day": "2024-08-06", "plover": "SUPPORT", "cameo": "05",
//!              "evidence": [{"doc": "seed.txt", "sentence": 12, "span": [10, 31], "text": "...", "date": null}]}]
//! }
//! ```
//!
//! `weight` counts statements, `articles` the articles making them,
//! `confidence` is [`crate::relations::relation::confidence`], `first_day` and
//! `last_day` bound the statements' days (null when none is dated). A link
//! whose evidence was trimmed to its first 20 pieces also has `tallies`,
//! its statements by day and mode.
//!
//! Node ids are entity ids; a link's `key` is its relation type, unique among
//! the links between two nodes. `networkx.node_link_graph(data, edges="links")`
//! loads it as a `MultiDiGraph` with every attribute.

use crate::entity::{Entity, EntityKind};
use crate::error::{Error, Result};
use crate::graph::{ArticleInfo, GraphFile, KnowledgeGraph, Place, RelationInfo, FORMAT_VERSION};
use crate::relations::relation::{Evidence, Relation, Tally};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct NodeLink {
    directed: bool,
    multigraph: bool,
    graph: GraphAttrs,
    nodes: Vec<Node>,
    links: Vec<Link>,
}

#[derive(Serialize, Deserialize)]
struct GraphAttrs {
    name: String,
    version: u32,
    documents: Vec<ArticleInfo>,
    relation_types: Vec<RelationInfo>,
}

#[derive(Serialize, Deserialize)]
struct Node {
    id: String,
    label: String,
    #[serde(rename = "type")]
    kind: EntityKind,
    aliases: Vec<String>,
    mentions: u64,
}

#[derive(Serialize)]
struct Link {
    source: String,
    target: String,
    key: String,
    #[serde(rename = "type")]
    kind: String,
    weight: usize,
    articles: usize,
    confidence: f64,
    first_day: Option<String>,
    last_day: Option<String>,
    plover: String,
    cameo: String,
    evidence: Vec<Evidence>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tallies: Vec<Tally>,
}

/// A link as read back: `key`, `plover` and `cameo` are derived from the
/// rest, so they are skipped rather than allocated.
#[derive(Deserialize)]
struct LinkIn {
    source: String,
    target: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    weight: usize,
    evidence: Vec<Evidence>,
    #[serde(default)]
    tallies: Vec<Tally>,
}

#[derive(Deserialize)]
struct NodeLinkIn {
    graph: GraphAttrs,
    nodes: Vec<Node>,
    links: Vec<LinkIn>,
}

/// The graph as pretty node-link JSON, with a trailing newline.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    let file = graph.to_file();
    let info = |k: &str| file.relation_types.iter().find(|r| r.name == k);
    let doc = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphAttrs {
            name: "newsgraph".into(),
            version: FORMAT_VERSION,
            documents: file.documents.clone(),
            relation_types: file.relation_types.clone(),
        },
        nodes: file
            .entities
            .iter()
            .map(|e| Node {
                id: e.id.clone(),
                label: e.label.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                mentions: e.mentions,
            })
            .collect(),
        links: file
            .relations
            .iter()
            .map(|r| Link {
                source: r.source.clone(),
                target: r.target.clone(),
                key: r.kind.clone(),
                kind: r.kind.clone(),
                weight: r.weight(),
                articles: r.articles(),
                confidence: r.confidence(),
                first_day: r.days().map(|d| d.0),
                last_day: r.days().map(|d| d.1),
                plover: info(&r.kind).map(|i| i.plover.clone()).unwrap_or_default(),
                cameo: info(&r.kind).map(|i| i.cameo.clone()).unwrap_or_default(),
                evidence: r.evidence.iter().cloned().collect(),
                tallies: r.tallies.clone(),
            })
            .collect(),
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Reads node-link JSON that newsgraph wrote; errors carry `origin:line:col`,
/// or the part of the graph at fault (`nodes[3]`, `links[7].evidence[0]`).
/// JSON that is not a newsgraph graph is [`Error::NotAGraph`], not what the
/// parser says about it (`missing field graph`).
pub fn from_str(text: &str, origin: &str) -> Result<KnowledgeGraph> {
    let doc: NodeLinkIn = serde_json::from_str(text).map_err(|e| {
        if !looks_like_a_graph(text, &e) {
            return Error::NotAGraph {
                path: origin.to_string(),
                dir: false,
            };
        }
        Error::Parse {
            path: origin.to_string(),
            line: e.line(),
            col: e.column(),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or("")
                .to_string(),
        }
    })?;
    let file = GraphFile {
        version: doc.graph.version,
        documents: doc.graph.documents,
        relation_types: doc.graph.relation_types,
        entities: doc
            .nodes
            .into_iter()
            .map(|n| Entity {
                id: n.id,
                label: n.label,
                kind: n.kind,
                aliases: n.aliases,
                mentions: n.mentions,
            })
            .collect(),
        relations: doc
            .links
            .into_iter()
            .map(|l| Relation {
                source: l.source,
                kind: l.kind,
                target: l.target,
                weight: l.weight,
                evidence: l.evidence.into_iter().collect(),
                tallies: l.tallies,
            })
            .collect(),
    };
    KnowledgeGraph::from_file_at(file, origin, &|part| {
        Place::Named(part.name("nodes", "links"))
    })
}

/// Is JSON that failed to load a newsgraph graph gone wrong (so its line
/// and column help), or another JSON file? A file that does not parse is
/// judged by its start (the writer puts `directed`, `multigraph` and
/// `graph` first); one that parses as JSON must have `graph.version`,
/// `nodes` and `links`.
fn looks_like_a_graph(text: &str, e: &serde_json::Error) -> bool {
    use serde_json::error::Category;
    if e.classify() == Category::Data {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            return v.get("graph").and_then(|g| g.get("version")).is_some()
                && v.get("nodes").is_some()
                && v.get("links").is_some();
        }
    }
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    ["\"directed\"", "\"multigraph\"", "\"nodes\"", "\"links\""]
        .iter()
        .any(|k| head.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_that_is_not_a_graph_says_so() {
        let rows = [
            (r#"{"a": 1}"#, true),
            (r#"{"nodes": [], "links": []}"#, true),
            (r#"{"text": "Iran backs Hezbollah."} {"#, true),
            (r#"{"directed": true, "nodes": [1, }"#, false),
            (
                r#"{"graph": {"version": 1}, "nodes": [], "links": [], "x": "#,
                false,
            ),
        ];
        for (text, not_a_graph) in rows {
            let e = from_str(text, "g.json").unwrap_err();
            assert_eq!(
                matches!(e, Error::NotAGraph { .. }),
                not_a_graph,
                "{text}: {e}"
            );
        }
    }
}
