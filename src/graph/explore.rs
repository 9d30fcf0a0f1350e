//! Looking around a graph: an entity's relations, its neighbours, the
//! shortest chains between two entities, and counts.

use crate::entity::{Entity, EntityKind};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::relations::relation::Relation;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, NodeIndexable};
use petgraph::Direction;
use std::collections::{BTreeMap, VecDeque};

/// Which way relations go from an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Relations the entity is the source of.
    Out,
    /// Relations the entity is the target of.
    In,
    /// Both.
    Both,
}

impl Way {
    /// Parses `out`, `in` or `both`.
    pub fn parse(s: &str) -> Option<Way> {
        match s.to_lowercase().as_str() {
            "out" => Some(Way::Out),
            "in" => Some(Way::In),
            "both" => Some(Way::Both),
            _ => None,
        }
    }
}

/// One relation seen from an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbor<'g> {
    /// `Out` when the entity is the source, `In` when it is the target.
    pub way: Way,
    /// The relation.
    pub relation: &'g Relation,
    /// The entity at the other end.
    pub other: &'g Entity,
}

/// The entity called `name`, or an error with close names.
pub fn entity<'g>(graph: &'g KnowledgeGraph, name: &str) -> Result<&'g Entity> {
    graph.find(name).ok_or_else(|| graph.unknown_entity(name))
}

/// The relations of `entity`, optionally of some `types` only, in `way`.
///
/// Sorted by direction (out first), type, then the other entity's label.
///
/// Complexity: O(degree · log degree).
pub fn neighbors<'g>(
    graph: &'g KnowledgeGraph,
    entity: &Entity,
    types: &[String],
    way: Way,
) -> Vec<Neighbor<'g>> {
    let Some(n) = graph.node(&entity.id) else {
        return Vec::new();
    };
    let pg = graph.petgraph();
    let mut out = Vec::new();
    let dirs: &[(Direction, Way)] = match way {
        Way::Out => &[(Direction::Outgoing, Way::Out)],
        Way::In => &[(Direction::Incoming, Way::In)],
        Way::Both => &[
            (Direction::Outgoing, Way::Out),
            (Direction::Incoming, Way::In),
        ],
    };
    for &(dir, w) in dirs {
        for e in pg.edges_directed(n, dir) {
            let rel = e.weight();
            if !types.is_empty() && !types.contains(&rel.kind) {
                continue;
            }
            let other = if dir == Direction::Outgoing {
                e.target()
            } else {
                e.source()
            };
            out.push(Neighbor {
                way: w,
                relation: rel,
                other: &pg[other],
            });
        }
    }
    out.sort_by(|a, b| {
        (
            a.way == Way::In,
            &a.relation.kind,
            a.other.label.to_lowercase(),
            &a.other.id,
        )
            .cmp(&(
                b.way == Way::In,
                &b.relation.kind,
                b.other.label.to_lowercase(),
                &b.other.id,
            ))
    });
    out
}

/// One step of a chain: the relation and whether it is walked backwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'g> {
    /// The relation.
    pub relation: &'g Relation,
    /// True when the chain goes from the relation's target to its source.
    pub backwards: bool,
}

/// A chain of relations from one entity to another.
pub type Chain<'g> = Vec<Step<'g>>;

/// The shortest chains of relations between `from` and `to`, in either
/// direction of each relation, at most `max_len` relations long; at most
/// `limit` chains, in a stable order.
///
/// # Complexity
/// A breadth-first search, O(V + E), then the shortest chains are read back
/// from the BFS layers, O(L) each for a chain of L relations: a chain of
/// 300,000 entities is linear work (issue 17: reading it back used to copy
/// the chain at every step, quadratic time). At most `20 · limit` chains
/// are read back before the best `limit` are chosen.
pub fn shortest_chains<'g>(
    graph: &'g KnowledgeGraph,
    from: &Entity,
    to: &Entity,
    max_len: usize,
    limit: usize,
) -> Vec<Chain<'g>> {
    type Pred = (NodeIndex, petgraph::stable_graph::EdgeIndex, bool);
    let pg = graph.petgraph();
    let (Some(a), Some(b)) = (graph.node(&from.id), graph.node(&to.id)) else {
        return Vec::new();
    };
    if a == b {
        return vec![Vec::new()];
    }
    // BFS over the undirected graph, recording every predecessor on a shortest route
    let bound = pg.node_bound();
    let mut dist: Vec<usize> = vec![usize::MAX; bound];
    let mut preds: Vec<Vec<Pred>> = vec![Vec::new(); bound];
    dist[a.index()] = 0;
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        let d = dist[n.index()];
        if d >= max_len || d >= dist[b.index()] {
            continue;
        }
        let out = pg
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.target(), e.id(), false));
        let inc = pg
            .edges_directed(n, Direction::Incoming)
            .map(|e| (e.source(), e.id(), true));
        for (m, e, back) in out.chain(inc) {
            let dm = &mut dist[m.index()];
            if *dm == usize::MAX {
                *dm = d + 1;
                preds[m.index()].push((n, e, back));
                queue.push_back(m);
            } else if *dm == d + 1 {
                preds[m.index()].push((n, e, back));
            }
        }
    }
    if dist[b.index()] == usize::MAX {
        return Vec::new();
    }
    // read the chains back from `to`, depth first with one path that grows
    // and shrinks (the last predecessor first, as before, so the same
    // chains are found when there are more than can be read)
    let mut all: Vec<Chain<'g>> = Vec::new();
    let mut path: Vec<Step<'g>> = Vec::new();
    // (node, how many of its predecessors are still to visit)
    let mut stack: Vec<(NodeIndex, usize)> = vec![(b, preds[b.index()].len())];
    while let Some(top) = stack.last_mut() {
        let n = top.0;
        if n == a {
            all.push(path.iter().rev().cloned().collect());
            if all.len() > limit * 20 {
                break;
            }
        } else if top.1 > 0 {
            top.1 -= 1;
            let (p, e, back) = preds[n.index()][top.1];
            path.push(Step {
                relation: &pg[e],
                backwards: back,
            });
            stack.push((p, preds[p.index()].len()));
            continue;
        }
        stack.pop();
        path.pop();
    }
    // a chain's order: its (source, type, target) triples, borrowed
    type Key<'g> = Vec<(&'g str, &'g str, &'g str)>;
    let key = |c: &Chain<'g>| -> Key<'g> {
        c.iter()
            .map(|s| {
                (
                    s.relation.source.as_str(),
                    s.relation.kind.as_str(),
                    s.relation.target.as_str(),
                )
            })
            .collect()
    };
    let mut keyed: Vec<(Key<'g>, Chain<'g>)> = all.into_iter().map(|c| (key(&c), c)).collect();
    keyed.sort_by(|x, y| x.0.cmp(&y.0));
    keyed.dedup_by(|x, y| x.0 == y.0);
    keyed.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Counts over a graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Number of entities.
    pub entities: usize,
    /// Number of relations (edges).
    pub relations: usize,
    /// Pieces of evidence over all relations.
    pub evidence: usize,
    /// Number of articles.
    pub documents: usize,
    /// Entities per kind, in [`EntityKind::ALL`] order.
    pub by_kind: Vec<(EntityKind, usize)>,
    /// Relations per type, most frequent first.
    pub by_type: Vec<(String, usize)>,
    /// Entities with the most relations: (id, label, kind, degree).
    pub top: Vec<(String, String, EntityKind, usize)>,
}

/// Counts by kind and type, and the `top` entities by degree.
///
/// Complexity: O(V log V + E).
pub fn stats(graph: &KnowledgeGraph, top: usize) -> Stats {
    let mut by_kind: BTreeMap<EntityKind, usize> =
        EntityKind::ALL.iter().map(|k| (*k, 0)).collect();
    for e in graph.entities() {
        *by_kind.entry(e.kind).or_default() += 1;
    }
    let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut evidence = 0;
    for r in graph.relations() {
        *by_type.entry(r.kind.clone()).or_default() += 1;
        evidence += r.weight();
    }
    let mut by_type: Vec<(String, usize)> = by_type.into_iter().collect();
    by_type.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pg = graph.petgraph();
    let mut degrees: Vec<(String, String, EntityKind, usize)> = graph
        .entities()
        .map(|e| {
            let n = graph.node(&e.id).expect("node");
            let d = pg.edges_directed(n, Direction::Outgoing).count()
                + pg.edges_directed(n, Direction::Incoming).count();
            (e.id.clone(), e.label.clone(), e.kind, d)
        })
        .collect();
    degrees.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
    degrees.truncate(top);
    Stats {
        entities: graph.entity_count(),
        relations: graph.relation_count(),
        evidence,
        documents: graph.articles().len(),
        by_kind: EntityKind::ALL.iter().map(|k| (*k, by_kind[k])).collect(),
        by_type,
        top: degrees,
    }
}
