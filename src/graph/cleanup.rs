//! Cleaning up entities (issue 18): another name for an entity (merging
//! the entity of that name into it, when the graph has one) and a new
//! label, applied to a graph and recorded in a user lexicon file that later
//! builds read with `--lexicon DIR`.

use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::lexicon::{EntityEntry, LexiconFile};
use crate::relations::relation::Relation;
use std::path::{Path, PathBuf};

/// The file of a user lexicon directory that cleanups are recorded in.
pub const FILE: &str = "entities.ron";

/// What a cleanup did: the graph after it, and the entity as it is now.
#[derive(Clone, Debug)]
pub struct Cleaned {
    /// The graph with the change applied.
    pub graph: KnowledgeGraph,
    /// The entity after the change.
    pub entity: Entity,
    /// The entity merged into it, when the other name was one.
    pub merged: Option<Entity>,
}

/// `graph` with `from` folded into `into`: its label, aliases and mentions
/// join `into`, its relations are moved to `into` (a relation between the
/// two is dropped), and it is gone.
fn fold(graph: &KnowledgeGraph, from: &Entity, into: &Entity) -> Result<(KnowledgeGraph, Entity)> {
    let mut kept = into.clone();
    kept.add_alias(&from.label);
    for a in &from.aliases {
        kept.add_alias(a);
    }
    kept.mentions += from.mentions;
    let mut out = KnowledgeGraph::new();
    for d in graph.articles() {
        out.add_article(d.clone());
    }
    for r in graph.relation_infos() {
        out.declare_relation_type(r.clone());
    }
    for e in graph.entities() {
        if e.id == from.id {
            continue;
        }
        out.add_entity(if e.id == into.id {
            kept.clone()
        } else {
            e.clone()
        });
    }
    let moved = |id: &str| {
        if id == from.id {
            into.id.clone()
        } else {
            id.to_string()
        }
    };
    for r in graph.relations() {
        let (source, target) = (moved(&r.source), moved(&r.target));
        if source == target {
            continue;
        }
        let symmetric = graph.relation_info(&r.kind).is_some_and(|i| i.symmetric);
        let (source, target) = if symmetric && source > target {
            (target, source)
        } else {
            (source, target)
        };
        out.add_relation(Relation {
            source,
            target,
            ..r.clone()
        })?;
    }
    Ok((out, kept))
}

/// Makes `name` another name of `entity` (id, label or alias). When the
/// graph has an entity called `name`, that entity is merged into `entity`.
///
/// # Errors
/// [`Error::UnknownEntity`] when `entity` is not in the graph,
/// [`Error::EmptyAlias`] when `name` is empty, [`Error::AlreadyAName`] when
/// `name` already is one of its names.
///
/// # Complexity
/// O(V + E log E): the graph is rebuilt.
pub fn alias(graph: &KnowledgeGraph, name: &str, entity: &str) -> Result<Cleaned> {
    let into = graph
        .find(entity)
        .ok_or_else(|| graph.unknown_entity(entity))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::EmptyAlias);
    }
    match graph.find(name) {
        Some(from) if from.id == into.id => Err(Error::AlreadyAName {
            name: name.to_string(),
            entity: into.label.clone(),
        }),
        Some(from) => {
            let (g, kept) = fold(graph, from, into)?;
            Ok(Cleaned {
                graph: g,
                entity: kept,
                merged: Some(from.clone()),
            })
        }
        None => {
            let mut kept = into.clone();
            kept.add_alias(name);
            let mut g = graph.clone();
            g.replace_entity(kept.clone());
            Ok(Cleaned {
                graph: g,
                entity: kept,
                merged: None,
            })
        }
    }
}

/// Gives `entity` the label `label`; its old label becomes an alias and its
/// id stays, so graphs built before and after still merge.
///
/// # Errors
/// [`Error::UnknownEntity`] when `entity` is not in the graph,
/// [`Error::EmptyLabel`] when `label` is empty, [`Error::LabelTaken`] when it
/// names another entity (`newsgraph alias` merges them).
pub fn rename(graph: &KnowledgeGraph, entity: &str, label: &str) -> Result<Cleaned> {
    let e = graph
        .find(entity)
        .ok_or_else(|| graph.unknown_entity(entity))?;
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::EmptyLabel);
    }
    if let Some(other) = graph.find(label).filter(|o| o.id != e.id) {
        return Err(Error::LabelTaken {
            label: label.to_string(),
            other: other.label.clone(),
            other_id: other.id.clone(),
            entity: e.label.clone(),
        });
    }
    let mut renamed = e.clone();
    let old = std::mem::replace(&mut renamed.label, label.to_string());
    renamed.aliases.retain(|a| a != label);
    renamed.add_alias(&old);
    let mut g = graph.clone();
    g.replace_entity(renamed.clone());
    Ok(Cleaned {
        graph: g,
        entity: renamed,
        merged: None,
    })
}

/// Records `entity` (its id, label, kind and aliases) in `dir/entities.ron`,
/// a lexicon file `build --lexicon DIR` reads: the entry with its id is
/// replaced (its aliases kept), other entries are left as they are, and the
/// file is sorted by name. Returns the file's path.
///
/// # Errors
/// The directory cannot be made, or the file is there but is not a lexicon
/// file (line and column given).
pub fn record(dir: &Path, entity: &Entity) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(FILE);
    let mut entries: Vec<EntityEntry> = if path.exists() {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let file: LexiconFile = ron::from_str(&text).map_err(|e| Error::Parse {
            path: path.display().to_string(),
            line: e.position.line,
            col: e.position.col,
            message: e.code.to_string().to_lowercase(),
        })?;
        file.entities
    } else {
        Vec::new()
    };
    let id_of = |x: &EntityEntry| x.id.clone().unwrap_or_else(|| crate::entity::slug(&x.name));
    let mut aliases = entity.aliases.clone();
    if let Some(old) = entries.iter().find(|x| id_of(x) == entity.id) {
        aliases.extend(old.aliases.iter().cloned());
        if old.name != entity.label {
            aliases.push(old.name.clone());
        }
    }
    aliases.retain(|a| *a != entity.label);
    aliases.sort();
    aliases.dedup();
    entries.retain(|x| id_of(x) != entity.id);
    entries.push(EntityEntry {
        id: Some(entity.id.clone()),
        name: entity.label.clone(),
        kind: entity.kind,
        aliases,
    });
    entries.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| id_of(a).cmp(&id_of(b))));
    let quote = |s: &str| ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
    let mut text = String::from(
        "// newsgraph user lexicon: entities cleaned up with `newsgraph alias` and\n\
         // `newsgraph rename` (issue 18). Builds apply it with `--lexicon DIR`;\n\
         // edit it by hand or with those commands. Sorted by name.\n(\n    entities: [\n",
    );
    for e in &entries {
        let aliases: Vec<String> = e.aliases.iter().map(|a| quote(a)).collect();
        text.push_str(&format!(
            "        (id: Some({}), name: {}, kind: {}, aliases: [{}]),\n",
            quote(&id_of(e)),
            quote(&e.name),
            e.kind.as_str(),
            aliases.join(", ")
        ));
    }
    text.push_str("    ],\n)\n");
    crate::output::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}
