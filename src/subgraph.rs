//! Subgraphs: the neighbourhood of an entity, some relation types, some
//! entity kinds, edges with enough evidence.

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::collections::{BTreeSet, VecDeque};

/// What to keep of a graph. The default keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only the neighbourhood of this entity (id, label or alias).
    pub focus: Option<String>,
    /// How many relations away from `focus` to go (default 1).
    pub depth: Option<usize>,
    /// Keep only relations of these types (empty: all).
    pub types: Vec<String>,
    /// Keep only entities of these kinds (empty: all).
    pub kinds: Vec<EntityKind>,
    /// Keep only relations with at least this much evidence.
    pub min_weight: usize,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Applies the filter. Entity kinds go first, then relation types and
    /// weights; the focus's neighbourhood is taken over what remains (in
    /// either direction). When relations were filtered, entities left without
    /// any relation are dropped, except the focus.
    ///
    /// Complexity: O(V + E).
    pub fn apply(&self, graph: &KnowledgeGraph) -> Result<KnowledgeGraph> {
        if self.is_empty() {
            return Ok(graph.clone());
        }
        let known = graph.relation_type_names();
        for t in &self.types {
            if !known.contains(t) {
                return Err(Error::Usage(format!(
                    "unknown relation type '{t}' (this graph has: {})",
                    known.join(", ")
                )));
            }
        }
        let keep_entity = |id: &str| {
            graph
                .entity(id)
                .is_some_and(|e| self.kinds.is_empty() || self.kinds.contains(&e.kind))
        };
        let mut edges: Vec<&crate::relation::Relation> = graph
            .relations()
            .filter(|r| self.types.is_empty() || self.types.contains(&r.kind))
            .filter(|r| r.weight() >= self.min_weight)
            .filter(|r| keep_entity(&r.source) && keep_entity(&r.target))
            .collect();
        let mut nodes: BTreeSet<String> = graph
            .entities()
            .filter(|e| keep_entity(&e.id))
            .map(|e| e.id.clone())
            .collect();
        let edges_filtered = !self.types.is_empty() || self.min_weight > 0;
        if let Some(name) = &self.focus {
            let focus = graph
                .find(name)
                .ok_or_else(|| Error::Usage(graph.unknown_entity_message(name)))?;
            let depth = self.depth.unwrap_or(1);
            let mut seen: BTreeSet<String> = BTreeSet::new();
            seen.insert(focus.id.clone());
            let mut queue = VecDeque::from([(focus.id.clone(), 0usize)]);
            while let Some((id, d)) = queue.pop_front() {
                if d == depth {
                    continue;
                }
                for r in &edges {
                    let other = if r.source == id {
                        &r.target
                    } else if r.target == id {
                        &r.source
                    } else {
                        continue;
                    };
                    if seen.insert(other.clone()) {
                        queue.push_back((other.clone(), d + 1));
                    }
                }
            }
            nodes = seen;
            edges.retain(|r| nodes.contains(&r.source) && nodes.contains(&r.target));
        } else if edges_filtered {
            nodes = edges
                .iter()
                .flat_map(|r| [r.source.clone(), r.target.clone()])
                .collect();
        }
        let mut out = KnowledgeGraph::new();
        for d in graph.documents() {
            out.add_document(d.clone());
        }
        for r in graph.relation_infos() {
            out.declare_relation_type(r.clone());
        }
        for id in &nodes {
            if let Some(e) = graph.entity(id) {
                out.add_entity(e.clone());
            }
        }
        for r in edges {
            out.add_relation(r.clone())?;
        }
        Ok(out)
    }
}
