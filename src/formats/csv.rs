//! CSV for Neo4j's `neo4j-admin database import`.
//!
//! # Format
//!
//! A directory holding:
//!
//! - `nodes.csv`: `id:ID,label,:LABEL,aliases:string[],mentions:int,aliases_json`;
//!   `:LABEL` is the kind with a capital (`State`, `Militia`, ...), aliases are
//!   separated by `;` (Neo4j's array delimiter), and `aliases_json` keeps them
//!   exactly, whatever they contain;
//! - `relationships.csv`: `:START_ID,:END_ID,:TYPE,weight:int,plover,cameo,evidence,evidence_json,articles:int,confidence:float,first_day,last_day,tallies_json`;
//!   `evidence` is the first evidence sentence, `evidence_json` every piece of
//!   evidence as a JSON array; then `articles:int`, `confidence:float` (see
//!   [`crate::relations::relation::confidence`]), `first_day` and `last_day` (the first
//!   and last day of the statements, empty when none is dated) and
//!   `tallies_json` (statements by day and mode, only for an edge whose
//!   evidence was trimmed);
//! - `documents.csv` (`id,date,title,url`) and `relation_types.csv`
//!   (`name,symmetric,plover,cameo,color`), which Neo4j does not need but
//!   which let newsgraph load the directory back without loss.
//!
//! Fields holding line breaks are quoted; import with `--multiline-fields=true`.

use crate::entity::{Entity, EntityKind};
use crate::error::{Error, Result};
use crate::graph::{
    ArticleInfo, GraphFile, KnowledgeGraph, Part, Place, RelationInfo, FORMAT_VERSION,
};
use crate::relations::relation::{Evidence, Relation};
use std::path::Path;

/// The files of the directory, as (file name, contents).
pub fn to_files(graph: &KnowledgeGraph) -> Vec<(&'static str, String)> {
    let file = graph.to_file();
    let mut nodes = csv::Writer::from_writer(Vec::new());
    let _ = nodes.write_record([
        "id:ID",
        "label",
        ":LABEL",
        "aliases:string[]",
        "mentions:int",
        "aliases_json",
    ]);
    for e in &file.entities {
        let _ = nodes.write_record([
            e.id.as_str(),
            &e.label,
            &capitalise(e.kind.as_str()),
            &e.aliases.join(";"),
            &e.mentions.to_string(),
            &serde_json::to_string(&e.aliases).unwrap_or_default(),
        ]);
    }
    let mut rels = csv::Writer::from_writer(Vec::new());
    let _ = rels.write_record([
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "weight:int",
        "plover",
        "cameo",
        "evidence",
        "evidence_json",
        "articles:int",
        "confidence:float",
        "first_day",
        "last_day",
        "tallies_json",
    ]);
    for r in &file.relations {
        let info = file.relation_types.iter().find(|t| t.name == r.kind);
        let days = r.days();
        let _ = rels.write_record([
            r.source.as_str(),
            &r.target,
            &r.kind,
            &r.weight().to_string(),
            info.map(|t| t.plover.as_str()).unwrap_or(""),
            info.map(|t| t.cameo.as_str()).unwrap_or(""),
            r.evidence.first().map(|e| e.text.as_str()).unwrap_or(""),
            &serde_json::to_string(&r.evidence).unwrap_or_default(),
            &r.articles().to_string(),
            &r.confidence().to_string(),
            &days.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
            &days.as_ref().map(|d| d.1.clone()).unwrap_or_default(),
            &if r.tallies.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&r.tallies).unwrap_or_default()
            },
        ]);
    }
    let mut docs = csv::Writer::from_writer(Vec::new());
    let _ = docs.write_record(["id", "date", "title", "url"]);
    for d in &file.documents {
        let _ = docs.write_record([
            d.id.as_str(),
            d.date.as_deref().unwrap_or(""),
            d.title.as_deref().unwrap_or(""),
            d.url.as_deref().unwrap_or(""),
        ]);
    }
    let mut types = csv::Writer::from_writer(Vec::new());
    let _ = types.write_record(["name", "symmetric", "plover", "cameo", "color"]);
    for t in &file.relation_types {
        let _ = types.write_record([
            t.name.as_str(),
            if t.symmetric { "true" } else { "false" },
            &t.plover,
            &t.cameo,
            &t.color,
        ]);
    }
    let text = |w: csv::Writer<Vec<u8>>| {
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    };
    vec![
        ("nodes.csv", text(nodes)),
        ("relationships.csv", text(rels)),
        ("documents.csv", text(docs)),
        ("relation_types.csv", text(types)),
    ]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes the CSV files into directory `dir` as a set: all of them into a
/// temporary directory that then takes the place of the old one, so a
/// failed run never leaves new `nodes.csv` beside old `relationships.csv`
/// (issue 17). A directory holding other files is refused, not replaced.
pub fn write_dir(graph: &KnowledgeGraph, dir: &Path) -> Result<()> {
    crate::output::write_dir_atomic(dir, &to_files(graph))
}

fn records(dir: &Path, name: &str) -> Result<Vec<csv::StringRecord>> {
    let path = dir.join(name);
    let mut r = csv::Reader::from_path(&path).map_err(|e| csv_error(&path, e))?;
    r.records()
        .map(|rec| rec.map_err(|e| csv_error(&path, e)))
        .collect()
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let (line, col) = e
        .position()
        .map(|p| (p.line() as usize, 1))
        .unwrap_or((1, 1));
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        other => Error::Parse {
            path: path.display().to_string(),
            line,
            col,
            message: format!("{other:?}").to_lowercase(),
        },
    }
}

fn field(rec: &csv::StringRecord, i: usize) -> String {
    rec.get(i).unwrap_or("").to_string()
}

fn json_field<T: serde::de::DeserializeOwned + Default>(
    dir: &Path,
    name: &str,
    rec: &csv::StringRecord,
    i: usize,
) -> Result<T> {
    let raw = field(rec, i);
    if raw.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(&raw).map_err(|e| Error::Parse {
        path: dir.join(name).display().to_string(),
        line: rec.position().map(|p| p.line() as usize).unwrap_or(1),
        col: 1,
        message: format!("column {}: {e}", i + 1),
    })
}

/// Reads a directory written by [`write_dir`].
pub fn read_dir(dir: &Path) -> Result<KnowledgeGraph> {
    let line = |rec: &csv::StringRecord| rec.position().map(|p| p.line() as usize).unwrap_or(1);
    let mut entities = Vec::new();
    let mut node_lines = Vec::new();
    for rec in records(dir, "nodes.csv")? {
        node_lines.push(line(&rec));
        let kind = EntityKind::parse(&field(&rec, 2)).ok_or_else(|| Error::Parse {
            path: dir.join("nodes.csv").display().to_string(),
            line: rec.position().map(|p| p.line() as usize).unwrap_or(1),
            col: 1,
            message: format!("unknown kind {:?}", field(&rec, 2)),
        })?;
        entities.push(Entity {
            id: field(&rec, 0),
            label: field(&rec, 1),
            kind,
            mentions: field(&rec, 4).parse().unwrap_or(0),
            aliases: json_field(dir, "nodes.csv", &rec, 5)?,
        });
    }
    let mut relations = Vec::new();
    let mut relation_lines = Vec::new();
    for rec in records(dir, "relationships.csv")? {
        relation_lines.push(line(&rec));
        let evidence: Vec<Evidence> = json_field(dir, "relationships.csv", &rec, 7)?;
        relations.push(Relation {
            source: field(&rec, 0),
            target: field(&rec, 1),
            kind: field(&rec, 2),
            weight: field(&rec, 3).parse().unwrap_or(0),
            evidence: evidence.into_iter().collect(),
            tallies: json_field(dir, "relationships.csv", &rec, 12)?,
        });
    }
    let mut documents = Vec::new();
    if dir.join("documents.csv").exists() {
        for rec in records(dir, "documents.csv")? {
            let some = |i: usize| Some(field(&rec, i)).filter(|v| !v.is_empty());
            documents.push(ArticleInfo {
                id: field(&rec, 0),
                date: some(1),
                title: some(2),
                url: some(3),
            });
        }
    }
    let mut relation_types = Vec::new();
    if dir.join("relation_types.csv").exists() {
        for rec in records(dir, "relation_types.csv")? {
            relation_types.push(RelationInfo {
                name: field(&rec, 0),
                symmetric: field(&rec, 1) == "true",
                plover: field(&rec, 2),
                cameo: field(&rec, 3),
                color: field(&rec, 4),
            });
        }
    }
    let file = GraphFile {
        version: FORMAT_VERSION,
        documents,
        relation_types,
        entities,
        relations,
    };
    KnowledgeGraph::from_file_at(file, &dir.display().to_string(), &|part| {
        let (name, line) = match part {
            Part::Entity(i) => ("nodes.csv", node_lines.get(i)),
            Part::Relation(i) | Part::Evidence(i, _) => {
                ("relationships.csv", relation_lines.get(i))
            }
        };
        Place::Named(format!("{name}:{}", line.copied().unwrap_or(1)))
    })
}
