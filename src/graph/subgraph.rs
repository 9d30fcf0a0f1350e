//! Subgraphs: the neighbourhood of an entity, some relation types, some
//! entity kinds, edges with enough evidence, statements of some days and
//! modes, well-connected entities.

use crate::entity::EntityKind;
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::relations::relation::Relation;
use crate::text::dates::Date;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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
    /// Keep only relations stated in at least this many articles.
    pub min_articles: usize,
    /// Keep only statements made in these modes ("stated", "reported";
    /// empty: all).
    pub modes: Vec<String>,
    /// Keep only statements of this day or later (undated ones are left out).
    pub since: Option<Date>,
    /// Keep only statements of this day or earlier (undated ones are left out).
    pub until: Option<Date>,
    /// Keep only entities with at least this many relations, counted after
    /// the other filters (1: leave out isolated entities).
    pub min_degree: usize,
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether the filter keeps only some statements of an edge (by day or
    /// mode), so that edges are remade from the statements kept.
    fn restricts_statements(&self) -> bool {
        !self.modes.is_empty() || self.since.is_some() || self.until.is_some()
    }

    /// Whether a statement of this day and mode is kept.
    fn keeps_statement(&self, day: Option<Date>, mode: &str) -> bool {
        if !self.modes.is_empty() && !self.modes.iter().any(|m| m == mode) {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        day.is_some_and(|d| self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u))
    }

    /// Whether an article of this date (ISO 8601) is in the time window.
    pub fn keeps_date(&self, date: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let day = date.and_then(Date::parse);
        day.is_some_and(|d| self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u))
    }

    /// The relations the filter keeps, remade from the statements it keeps
    /// (by day and mode), then by type, weight and articles; entity kinds
    /// and the focus are not looked at.
    fn relations<'g>(
        &self,
        graph: &'g KnowledgeGraph,
    ) -> Result<Vec<std::borrow::Cow<'g, Relation>>> {
        use std::borrow::Cow;
        let known = graph.relation_type_names();
        for t in &self.types {
            if !known.contains(t) {
                return Err(crate::graph::query::unknown_type(t, &known));
            }
        }
        let keep = |r: &&Relation| self.types.is_empty() || self.types.contains(&r.kind);
        let restricted = graph.relations().filter(keep).filter_map(|r| {
            if self.restricts_statements() {
                r.restrict(&|day, mode| self.keeps_statement(day, mode))
                    .map(Cow::Owned)
            } else {
                Some(Cow::Borrowed(r))
            }
        });
        Ok(restricted
            .filter(|r| r.weight() >= self.min_weight)
            .filter(|r| self.min_articles == 0 || r.articles() >= self.min_articles)
            .collect())
    }

    /// An empty graph with the articles the filter's dates keep and every
    /// relation type of `graph`: what each filtered graph starts from.
    fn frame(&self, graph: &KnowledgeGraph) -> KnowledgeGraph {
        let mut out = KnowledgeGraph::new();
        for d in graph.articles() {
            if self.keeps_date(d.date.as_deref()) {
                out.add_article(d.clone());
            }
        }
        for r in graph.relation_infos() {
            out.declare_relation_type(r.clone());
        }
        out
    }

    /// The graph with only the relations the filter keeps (by day, mode,
    /// type, weight and articles), and every entity: what `query`, `show`,
    /// `neighbors` and `path` look at (issue 18).
    ///
    /// Complexity: O(V + E log E).
    pub fn relations_only(&self, graph: &KnowledgeGraph) -> Result<KnowledgeGraph> {
        let relations = self.relations(graph)?;
        let mut out = self.frame(graph);
        for e in graph.entities() {
            out.add_entity(e.clone());
        }
        for r in relations {
            out.add_relation(r.into_owned())?;
        }
        Ok(out)
    }

    /// Applies the filter. Entity kinds go first, then statements by day
    /// and mode, relation types, weights and articles; the focus's
    /// neighbourhood is taken over what remains (in either direction). When
    /// relations were filtered, entities left without any relation are
    /// dropped, except the focus. Last, entities with fewer than
    /// `min_degree` relations are dropped with their relations (one pass:
    /// an entity that falls under it by that is kept).
    ///
    /// Complexity: O(V + E log E).
    pub fn apply(&self, graph: &KnowledgeGraph) -> Result<KnowledgeGraph> {
        if self.is_empty() {
            return Ok(graph.clone());
        }
        let known = graph.relation_type_names();
        for t in &self.types {
            if !known.contains(t) {
                return Err(crate::graph::query::unknown_type(t, &known));
            }
        }
        let keep_entity = |id: &str| {
            graph
                .entity(id)
                .is_some_and(|e| self.kinds.is_empty() || self.kinds.contains(&e.kind))
        };
        let mut edges: Vec<std::borrow::Cow<Relation>> = self
            .relations(graph)?
            .into_iter()
            .filter(|r| keep_entity(&r.source) && keep_entity(&r.target))
            .collect();
        let mut nodes: BTreeSet<String> = graph
            .entities()
            .filter(|e| keep_entity(&e.id))
            .map(|e| e.id.clone())
            .collect();
        let edges_filtered = !self.types.is_empty()
            || self.min_weight > 0
            || self.min_articles > 0
            || self.restricts_statements();
        if let Some(name) = &self.focus {
            let focus = graph.find(name).ok_or_else(|| graph.unknown_entity(name))?;
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
        if self.min_degree > 0 {
            let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
            for r in &edges {
                *degree.entry(r.source.as_str()).or_default() += 1;
                *degree.entry(r.target.as_str()).or_default() += 1;
            }
            let kept: BTreeSet<String> = nodes
                .iter()
                .filter(|id| degree.get(id.as_str()).copied().unwrap_or(0) >= self.min_degree)
                .cloned()
                .collect();
            nodes = kept;
            edges.retain(|r| nodes.contains(&r.source) && nodes.contains(&r.target));
        }
        let mut out = self.frame(graph);
        for id in &nodes {
            if let Some(e) = graph.entity(id) {
                out.add_entity(e.clone());
            }
        }
        for r in edges {
            out.add_relation(r.into_owned())?;
        }
        Ok(out)
    }
}
