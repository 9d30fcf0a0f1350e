//! The knowledge graph: entities joined by typed relations, on petgraph.

pub mod cleanup;
pub mod diff;
pub mod explore;
pub mod extractor;
pub mod pipeline;
pub mod query;
pub mod subgraph;
pub mod types;

use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::lexicon::RelationType;
use crate::relations::relation::{Evidence, Relation};
use indexmap::IndexMap;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

/// The newest graph file version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// An article the graph was built from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// The article's id.
    pub id: String,
    /// The article's date, when known.
    #[serde(default)]
    pub date: Option<String>,
    /// The article's headline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the article was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What a graph file says about a relation type, so that it can be drawn and
/// read without the lexicon that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationInfo {
    /// The type's name.
    pub name: String,
    /// Whether direction carries no meaning.
    pub symmetric: bool,
    /// PLOVER event category ("none" for structural relations).
    pub plover: String,
    /// CAMEO root code ("none" for structural relations).
    pub cameo: String,
    /// DOT colour.
    pub color: String,
}

impl From<&RelationType> for RelationInfo {
    fn from(r: &RelationType) -> RelationInfo {
        RelationInfo {
            name: r.name.clone(),
            symmetric: r.symmetric,
            plover: r.plover.clone(),
            cameo: r.cameo.clone(),
            color: r.color.clone(),
        }
    }
}

/// A typed knowledge graph: a petgraph `StableDiGraph` of [`Entity`] nodes
/// and [`Relation`] edges, an index from entity id to node, one edge per
/// (source, kind, target), and the articles it was built from.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Relation>,
    // Fx hashing: these indexes are rebuilt for every graph loaded, millions
    // of entries for a big corpus; the order of output never comes from them.
    nodes: IndexMap<String, NodeIndex, FxBuildHasher>,
    /// (source node, relation kind index into `kinds`, target node) → edge.
    edges: IndexMap<(NodeIndex, usize, NodeIndex), EdgeIndex, FxBuildHasher>,
    /// The relation kinds the edges use, interned.
    kinds: indexmap::IndexSet<String>,
    articles: Vec<ArticleInfo>,
    relation_types: IndexMap<String, RelationInfo>,
}

/// A part of a graph file, for messages: [`KnowledgeGraph::from_file_at`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The entity at this index of the file's entities.
    Entity(usize),
    /// The relation at this index of the file's relations.
    Relation(usize),
    /// A piece of evidence: (relation index, evidence index).
    Evidence(usize, usize),
}

impl Part {
    /// The part as a path into the file: `entities[3]`,
    /// `relations[7].evidence[0]`, with the format's names for the lists.
    pub fn name(self, entities: &str, relations: &str) -> String {
        match self {
            Part::Entity(i) => format!("{entities}[{i}]"),
            Part::Relation(i) => format!("{relations}[{i}]"),
            Part::Evidence(i, j) => format!("{relations}[{i}].evidence[{j}]"),
        }
    }
}

/// Where a part of a graph file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// 1-based line and column.
    At(usize, usize),
    /// A path into the file's structure (`entities[3]`).
    Named(String),
}

/// The serialised form of a graph (RON and the library's own JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphFile {
    /// Format version; see [`FORMAT_VERSION`].
    pub version: u32,
    /// Articles, sorted by id.
    pub documents: Vec<ArticleInfo>,
    /// Relation types the graph knows (declared by the lexicon that built it), sorted by name.
    pub relation_types: Vec<RelationInfo>,
    /// Entities, sorted by id.
    pub entities: Vec<Entity>,
    /// Relations, sorted by (source, kind, target).
    pub relations: Vec<Relation>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Entity, Relation> {
        &self.graph
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of relations (edges).
    pub fn relation_count(&self) -> usize {
        self.edges.len()
    }

    /// The entity with `id`.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.nodes.get(id).map(|&n| &self.graph[n])
    }

    /// The entity called `name`: its id, label or an alias, ignoring case.
    ///
    /// Complexity: O(1) for an id, O(V) otherwise.
    pub fn find(&self, name: &str) -> Option<&Entity> {
        if let Some(e) = self.entity(name) {
            return Some(e);
        }
        let slugged = crate::entity::slug(name);
        if let Some(e) = self.entity(&slugged) {
            return Some(e);
        }
        self.entities().find(|e| e.is_called(name.trim()))
    }

    /// Names close to `name` (by edit distance), best first: for "did you
    /// mean" messages.
    pub fn similar_names(&self, name: &str, max: usize) -> Vec<String> {
        let wanted = name.to_lowercase();
        let mut scored: Vec<(f64, String)> = Vec::new();
        for e in self.entities() {
            let best = std::iter::once(&e.label)
                .chain(&e.aliases)
                .map(|n| strsim::jaro_winkler(&wanted, &n.to_lowercase()))
                .fold(0.0, f64::max);
            if best > 0.75 {
                scored.push((best, e.label.clone()));
            }
        }
        scored.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.1.cmp(&b.1))
        });
        scored.into_iter().take(max).map(|(_, n)| n).collect()
    }

    /// "no entity called 'X' in this graph (did you mean 'Y'?)".
    pub fn unknown_entity_message(&self, name: &str) -> String {
        self.unknown_entity(name).to_string()
    }

    /// [`Error::UnknownEntity`] for `name`, with the close names of this
    /// graph's entities.
    pub fn unknown_entity(&self, name: &str) -> Error {
        Error::UnknownEntity {
            name: name.to_string(),
            suggestions: self.similar_names(name, 3),
        }
    }

    /// The node of the entity with `id`.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// Entities in id order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        let mut ids: Vec<&String> = self.nodes.keys().collect();
        ids.sort();
        ids.into_iter().map(move |id| &self.graph[self.nodes[id]])
    }

    /// Relations in (source, kind, target) order.
    ///
    /// Complexity: O(E log E) (a sort of the edges).
    pub fn relations(&self) -> impl Iterator<Item = &Relation> {
        let mut rels: Vec<&Relation> = self.edges.values().map(|&e| &self.graph[e]).collect();
        rels.sort_by(|a, b| (&a.source, &a.kind, &a.target).cmp(&(&b.source, &b.kind, &b.target)));
        rels.into_iter()
    }

    /// The relation `source` `kind` `target` (ids).
    pub fn relation(&self, source: &str, kind: &str, target: &str) -> Option<&Relation> {
        let key = (
            *self.nodes.get(source)?,
            self.kinds.get_index_of(kind)?,
            *self.nodes.get(target)?,
        );
        self.edges.get(&key).map(|&e| &self.graph[e])
    }

    /// The names of every relation type the graph declares or uses, sorted.
    pub fn relation_type_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .relation_types
            .keys()
            .chain(self.kinds.iter())
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The articles the graph was built from, sorted by id.
    pub fn articles(&self) -> &[ArticleInfo] {
        &self.articles
    }

    /// Metadata of the relation type `name`, if the graph uses or declares it.
    pub fn relation_info(&self, name: &str) -> Option<&RelationInfo> {
        self.relation_types.get(name)
    }

    /// The relation types the graph declares, in declaration order.
    pub fn relation_infos(&self) -> impl Iterator<Item = &RelationInfo> {
        self.relation_types.values()
    }

    /// Declares a relation type (its colour and event codes travel with the graph).
    pub fn declare_relation_type(&mut self, info: RelationInfo) {
        self.relation_types.entry(info.name.clone()).or_insert(info);
    }

    /// Records an article as part of the graph.
    pub fn add_article(&mut self, doc: ArticleInfo) {
        if let Err(at) = self.articles.binary_search(&doc) {
            self.articles.insert(at, doc);
        }
    }

    /// Adds an entity, or folds it into the one with the same id: aliases
    /// are united and mention counts added. The label kept is the smallest,
    /// so the result does not depend on the order of the articles.
    pub fn add_entity(&mut self, entity: Entity) -> NodeIndex {
        if let Some(&n) = self.nodes.get(&entity.id) {
            let existing = &mut self.graph[n];
            // two articles typed the same name differently: keep one kind,
            // the same whichever article came first
            existing.kind = existing.kind.min(entity.kind);
            existing.mentions += entity.mentions;
            let mut names = entity.aliases;
            if entity.label != existing.label {
                names.push(entity.label.clone());
                if entity.label < existing.label {
                    let old = std::mem::replace(&mut existing.label, entity.label);
                    existing.aliases.retain(|a| *a != existing.label);
                    names.push(old);
                }
            }
            for a in names {
                existing.add_alias(&a);
            }
            return n;
        }
        let id = entity.id.clone();
        let n = self.graph.add_node(entity);
        self.nodes.insert(id, n);
        n
    }

    /// Replaces the entity with `entity`'s id by `entity` (its label, kind,
    /// aliases, mentions); false when the graph has no entity with that id.
    pub fn replace_entity(&mut self, entity: Entity) -> bool {
        match self.nodes.get(&entity.id) {
            Some(&n) => {
                self.graph[n] = entity;
                true
            }
            None => false,
        }
    }

    /// Adds a relation between two entities already in the graph, or adds
    /// its evidence to the existing edge.
    pub fn add_relation(&mut self, relation: Relation) -> Result<EdgeIndex> {
        let (Some(&a), Some(&b)) = (
            self.nodes.get(&relation.source),
            self.nodes.get(&relation.target),
        ) else {
            return Err(Error::RelationToUnknownEntity {
                from: relation.source,
                kind: relation.kind,
                to: relation.target,
            });
        };
        let kind = match self.kinds.get_index_of(&relation.kind) {
            Some(k) => k,
            None => self.kinds.insert_full(relation.kind.clone()).0,
        };
        if let Some(&e) = self.edges.get(&(a, kind, b)) {
            self.graph[e].absorb(relation);
            return Ok(e);
        }
        let mut relation = relation;
        relation.weight = relation.weight();
        let e = self.graph.add_edge(a, b, relation);
        self.edges.insert((a, kind, b), e);
        Ok(e)
    }

    /// Adds everything of `other` to this graph. Merging is associative and
    /// commutative up to ordering, and adding the same article twice does
    /// not double its evidence.
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        self.absorb(other.clone());
    }

    /// Like [`merge`](Self::merge), but takes `other` by value and moves
    /// its entities and relations in instead of copying them.
    pub fn absorb(&mut self, other: KnowledgeGraph) {
        self.absorb_part(other, false)
    }

    /// Absorbs `other`; with `same_article`, `other` is another block of an
    /// article this graph holds a part of, so nothing in it was counted yet.
    pub(crate) fn absorb_part(&mut self, mut other: KnowledgeGraph, same_article: bool) {
        let already = !same_article
            && !other.articles.is_empty()
            && other
                .articles
                .iter()
                .all(|d| self.articles.binary_search(d).is_ok());
        for d in std::mem::take(&mut other.articles) {
            self.add_article(d);
        }
        for (_, info) in std::mem::take(&mut other.relation_types) {
            self.declare_relation_type(info);
        }
        let edges: Vec<EdgeIndex> = other.edges.values().copied().collect();
        let relations: Vec<Relation> = edges
            .into_iter()
            .filter_map(|e| other.graph.remove_edge(e))
            .collect();
        let nodes: Vec<NodeIndex> = other.nodes.values().copied().collect();
        for n in nodes {
            if let Some(mut e) = other.graph.remove_node(n) {
                if already && self.nodes.contains_key(&e.id) {
                    e.mentions = 0;
                }
                self.add_entity(e);
            }
        }
        for r in relations {
            // both ends were just added
            if !(already && self.relation(&r.source, &r.kind, &r.target).is_some()) {
                let _ = self.add_relation(r);
            }
        }
    }

    /// Whether an article with this id is part of the graph.
    pub fn has_article(&self, id: &str) -> bool {
        // articles are sorted by id first
        self.articles
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .is_ok()
    }

    /// The graph as its serialisable form, in a canonical order.
    pub fn to_file(&self) -> GraphFile {
        // every declared type, used or not: a query for a type nobody
        // reported is an empty answer, not an error
        let mut relation_types: Vec<RelationInfo> = self.relation_types.values().cloned().collect();
        relation_types.sort_by(|a, b| a.name.cmp(&b.name));
        GraphFile {
            version: FORMAT_VERSION,
            documents: self.articles.clone(),
            relation_types,
            entities: self.entities().cloned().collect(),
            relations: self.relations().cloned().collect(),
        }
    }

    /// Builds a graph from its serialised form; `origin` names it in errors,
    /// which name the part at fault as RON does (`entities[3]`,
    /// `relations[7].evidence[0]`).
    pub fn from_file(file: GraphFile, origin: &str) -> Result<KnowledgeGraph> {
        KnowledgeGraph::from_file_at(file, origin, &|part| {
            Place::Named(part.name("entities", "relations"))
        })
    }

    /// Builds a graph from its serialised form, checking it: entity ids are
    /// unique, each relation joins entities of the file by a type the file
    /// declares (or a built-in one) once, and evidence spans run forwards
    /// (issue 17: each used to be taken silently). `locate` says where a
    /// part is in the file, for the error.
    pub fn from_file_at(
        file: GraphFile,
        origin: &str,
        locate: &dyn Fn(Part) -> Place,
    ) -> Result<KnowledgeGraph> {
        if file.version > FORMAT_VERSION {
            return Err(Error::UnsupportedVersion {
                path: origin.to_string(),
                found: file.version,
                supported: FORMAT_VERSION,
            });
        }
        let fail = |part: Part, message: String| match locate(part) {
            Place::At(line, col) => Error::Parse {
                path: origin.to_string(),
                line,
                col,
                message,
            },
            Place::Named(place) => Error::Graph {
                path: origin.to_string(),
                place,
                message,
            },
        };
        let place_text = |part: Part| match locate(part) {
            Place::At(line, col) => format!("{line}:{col}"),
            Place::Named(p) => p,
        };
        let mut g = KnowledgeGraph::new();
        g.graph.reserve_nodes(file.entities.len());
        g.graph.reserve_edges(file.relations.len());
        g.nodes.reserve(file.entities.len());
        g.edges.reserve(file.relations.len());
        for d in file.documents {
            g.add_article(d);
        }
        for r in file.relation_types {
            g.declare_relation_type(r);
        }
        for (i, e) in file.entities.into_iter().enumerate() {
            if e.id.is_empty() {
                return Err(fail(Part::Entity(i), "an entity without an id".into()));
            }
            if let Some(first) = g.nodes.get(&e.id) {
                let first = place_text(Part::Entity(first.index()));
                return Err(fail(
                    Part::Entity(i),
                    format!("duplicate entity id \"{}\" (first at {first})", e.id),
                ));
            }
            let id = e.id.clone();
            let n = g.graph.add_node(e);
            g.nodes.insert(id, n);
        }
        let mut builtin: Option<&crate::lexicon::Lexicon> = None;
        for (i, r) in file.relations.into_iter().enumerate() {
            if r.kind.is_empty() {
                return Err(fail(Part::Relation(i), "a relation without a type".into()));
            }
            if !g.relation_types.contains_key(&r.kind) {
                let lex = *builtin.get_or_insert_with(crate::lexicon::Lexicon::embedded);
                if lex.relation_type(&r.kind).is_none() {
                    return Err(fail(
                        Part::Relation(i),
                        format!(
                            "unknown relation type \"{}\" (neither declared in the file's relation types nor built in)",
                            r.kind
                        ),
                    ));
                }
            }
            for end in [&r.source, &r.target] {
                if !g.nodes.contains_key(end) {
                    return Err(fail(
                        Part::Relation(i),
                        format!(
                            "relation {} {} {}: no entity \"{end}\" in the file",
                            r.source, r.kind, r.target
                        ),
                    ));
                }
            }
            if let Some((j, ev)) = r
                .evidence
                .iter()
                .enumerate()
                .find(|(_, ev)| ev.span.0 > ev.span.1)
            {
                return Err(fail(
                    Part::Evidence(i, j),
                    format!(
                        "evidence span {}..{} is inverted (it ends before it starts)",
                        ev.span.0, ev.span.1
                    ),
                ));
            }
            if let Some(first) = g.relation(&r.source, &r.kind, &r.target).and_then(|_| {
                let key = (
                    g.nodes[&r.source],
                    g.kinds.get_index_of(&r.kind)?,
                    g.nodes[&r.target],
                );
                g.edges.get(&key).copied()
            }) {
                let first = place_text(Part::Relation(first.index()));
                return Err(fail(
                    Part::Relation(i),
                    format!(
                        "duplicate relation {} {} {} (first at {first})",
                        r.source, r.kind, r.target
                    ),
                ));
            }
            g.add_relation(r)?;
        }
        Ok(g)
    }

    /// The entities of `other` that this graph holds with another kind, with
    /// the kind they have here: what a merge of the two resolves (it keeps
    /// the first kind in [`EntityKind`](crate::EntityKind) order), for a warning.
    pub fn kind_conflicts<'o>(
        &self,
        other: &'o KnowledgeGraph,
    ) -> Vec<(&'o Entity, crate::entity::EntityKind)> {
        other
            .entities()
            .filter_map(|e| {
                let mine = self.entity(&e.id)?;
                (mine.kind != e.kind).then_some((e, mine.kind))
            })
            .collect()
    }
}

/// Evidence as it is built by the extractor.
pub(crate) fn evidence(
    doc: &ArticleInfo,
    sentence: usize,
    span: (usize, usize),
    text: &str,
    event_date: Option<String>,
    how: Option<(&str, &str)>,
) -> Evidence {
    Evidence {
        doc: doc.id.clone(),
        sentence,
        span,
        text: text.to_string(),
        date: doc.date.clone(),
        title: doc.title.clone(),
        url: doc.url.clone(),
        event_date,
        frame: how.map(|h| h.0.to_string()),
        mode: how.map(|h| h.1.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::EntityKind;

    fn ent(id: &str, label: &str) -> Entity {
        Entity {
            id: id.into(),
            label: label.into(),
            kind: EntityKind::State,
            aliases: vec![],
            mentions: 1,
        }
    }

    fn rel(s: &str, k: &str, t: &str, doc: &str) -> Relation {
        Relation::new(
            s.into(),
            k.into(),
            t.into(),
            evidence(
                &ArticleInfo {
                    id: doc.into(),
                    date: None,
                    title: None,
                    url: None,
                },
                0,
                (0, 1),
                "x",
                None,
                None,
            ),
        )
    }

    fn graph(doc: &str, edges: &[(&str, &str, &str)]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.add_article(ArticleInfo {
            id: doc.into(),
            date: None,
            title: None,
            url: None,
        });
        for (s, k, t) in edges {
            g.add_entity(ent(s, &s.to_uppercase()));
            g.add_entity(ent(t, &t.to_uppercase()));
            g.add_relation(rel(s, k, t, doc)).unwrap();
        }
        g
    }

    #[test]
    fn one_edge_per_triple_and_evidence_accumulates() {
        let mut g = graph("a", &[("iran", "backs", "hezbollah")]);
        g.merge(&graph("b", &[("iran", "backs", "hezbollah")]));
        assert_eq!(g.relation_count(), 1);
        assert_eq!(
            g.relation("iran", "backs", "hezbollah").unwrap().weight(),
            2
        );
        assert_eq!(g.entity("iran").unwrap().mentions, 2);
    }

    #[test]
    fn merge_is_commutative_associative_and_idempotent() {
        let a = graph(
            "a",
            &[
                ("iran", "backs", "hezbollah"),
                ("israel", "attacked", "hezbollah"),
            ],
        );
        let b = graph("b", &[("iran", "backs", "hezbollah")]);
        let c = graph("c", &[("usa", "urged", "iraq")]);
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab.to_file(), ba.to_file());
        let mut ab_c = ab.clone();
        ab_c.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut a_bc = a.clone();
        a_bc.merge(&bc);
        assert_eq!(ab_c.to_file(), a_bc.to_file());
        let mut aa = a.clone();
        aa.merge(&a);
        let aa_file = aa.to_file();
        let a_file = a.to_file();
        assert_eq!(aa_file.relations, a_file.relations);
    }

    #[test]
    fn relation_to_a_missing_entity_is_an_error() {
        let mut g = KnowledgeGraph::new();
        assert!(g.add_relation(rel("x", "backs", "y", "d")).is_err());
    }

    #[test]
    fn newer_version_is_refused() {
        let mut f = KnowledgeGraph::new().to_file();
        f.version = FORMAT_VERSION + 1;
        let err = KnowledgeGraph::from_file(f, "g.ron")
            .unwrap_err()
            .to_string();
        assert!(err.contains("version 2") && err.contains("g.ron"), "{err}");
    }
}
