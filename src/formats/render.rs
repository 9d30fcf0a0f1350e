//! Answers for people and for scripts: aligned tables, CSV and JSON for
//! `query`, `neighbors`, `show`, `path` and `stats`.

use crate::graph::explore::{Chain, Neighbor, Stats, Way};
use crate::graph::query::{Answer, Query, Value};
use crate::graph::KnowledgeGraph;
use crate::relations::relation::Relation;
use crate::Entity;
use serde_json::{json, Value as Json};
use std::fmt::Write;

/// A table of strings: its column names and rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, aligned with `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Aligned columns separated by two spaces, a header and a rule; an empty
    /// table is its header alone.
    pub fn to_text(&self) -> String {
        let width = |i: usize| {
            self.rows
                .iter()
                .map(|r| r[i].chars().count())
                .chain(std::iter::once(self.columns[i].chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.columns.len()).map(width).collect();
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                let one_line = c.replace('\n', " ");
                if i + 1 == cells.len() {
                    s.push_str(&one_line);
                } else {
                    let pad = widths[i].saturating_sub(one_line.chars().count());
                    let _ = write!(s, "{one_line}{}  ", " ".repeat(pad));
                }
            }
            s.trim_end().to_string() + "\n"
        };
        let mut out = line(&self.columns);
        out.push_str(&line(
            &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
        ));
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }

    /// RFC 4180 CSV with a header row.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&self.columns);
        for r in &self.rows {
            let _ = w.write_record(r);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

fn label(graph: &KnowledgeGraph, v: &Value) -> String {
    match v {
        Value::Entity(id) => graph
            .entity(id)
            .map(|e| e.label.clone())
            .unwrap_or_else(|| id.clone()),
        Value::Relation(r) => r.clone(),
    }
}

/// A query's answer as a table of labels.
pub fn answer_table(graph: &KnowledgeGraph, answer: &Answer) -> Table {
    Table {
        columns: answer.columns.clone(),
        rows: answer
            .rows
            .iter()
            .map(|r| r.iter().map(|v| label(graph, v)).collect())
            .collect(),
    }
}

/// A query's answer as CSV: for each entity variable `x`, the columns `x`
/// (label), `x_id` and `x_type`; for a relation variable, its type.
pub fn answer_csv(graph: &KnowledgeGraph, answer: &Answer) -> String {
    let entity_col: Vec<bool> = (0..answer.columns.len())
        .map(|i| {
            answer
                .rows
                .first()
                .is_none_or(|r| matches!(r[i], Value::Entity(_)))
        })
        .collect();
    let mut columns = Vec::new();
    for (i, c) in answer.columns.iter().enumerate() {
        columns.push(c.clone());
        if entity_col[i] {
            columns.push(format!("{c}_id"));
            columns.push(format!("{c}_type"));
        }
    }
    let rows = answer
        .rows
        .iter()
        .map(|r| {
            let mut cells = Vec::new();
            for v in r {
                cells.push(label(graph, v));
                if let Value::Entity(id) = v {
                    cells.push(id.clone());
                    cells.push(
                        graph
                            .entity(id)
                            .map(|e| e.kind.as_str().to_string())
                            .unwrap_or_default(),
                    );
                }
            }
            cells
        })
        .collect();
    Table { columns, rows }.to_csv()
}

/// One neighbour: direction, relation type, the entity, and how sure the
/// relation is (weight, articles, confidence, days, modes).
fn neighbor_json(n: &Neighbor) -> Json {
    let mut v = json!({
        "direction": if n.way == Way::Out { "out" } else { "in" },
        "relation": n.relation.kind,
        "entity": entity_json(n.other),
    });
    trust_json(n.relation, &mut v);
    v
}

/// Adds weight, articles, confidence, first and last day and modes of `r`
/// to the object `v` (issue 18).
fn trust_json(r: &Relation, v: &mut Json) {
    let days = r.days();
    v["weight"] = json!(r.weight());
    v["articles"] = json!(r.articles());
    v["confidence"] = json!(r.confidence());
    v["first_day"] = json!(days.as_ref().map(|d| &d.0));
    v["last_day"] = json!(days.as_ref().map(|d| &d.1));
    v["modes"] = json!(r.modes());
}

/// A relation with its trust and its evidence sentences, for JSON answers.
fn relation_json(r: &Relation) -> Json {
    let mut v = json!({"source": r.source, "relation": r.kind, "target": r.target});
    trust_json(r, &mut v);
    v["evidence"] = json!(r
        .evidence
        .iter()
        .map(|e| json!({"doc": e.doc, "sentence": e.sentence + 1, "text": e.text, "date": e.date, "mode": e.mode()}))
        .collect::<Vec<_>>());
    v
}

fn entity_json(e: &Entity) -> Json {
    json!({"id": e.id, "label": e.label, "type": e.kind.as_str()})
}

/// A query's answer as JSON: an array of objects, one per row, mapping each
/// variable to `{"id", "label", "type"}` (entities) or a type name
/// (relations), and `_relations` to the relations the row matched, each with
/// its weight, articles, confidence, days, modes and evidence sentences
/// (issue 18).
pub fn answer_json(graph: &KnowledgeGraph, query: &Query, answer: &Answer) -> String {
    let rows: Vec<Json> = answer
        .rows
        .iter()
        .map(|r| {
            let mut obj = serde_json::Map::new();
            for (c, v) in answer.columns.iter().zip(r) {
                let value = match v {
                    Value::Entity(id) => graph.entity(id).map(entity_json).unwrap_or(Json::Null),
                    Value::Relation(t) => Json::String(t.clone()),
                };
                obj.insert(c.clone(), value);
            }
            let matched = crate::graph::query::matched_relations(graph, query, &answer.columns, r);
            obj.insert(
                "_relations".into(),
                Json::Array(matched.into_iter().map(relation_json).collect()),
            );
            Json::Object(obj)
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// Neighbours as a table: direction, type, other entity, its kind, weight,
/// articles, confidence.
pub fn neighbors_table(list: &[Neighbor]) -> Table {
    Table {
        columns: [
            "direction",
            "relation",
            "entity",
            "kind",
            "weight",
            "articles",
            "confidence",
        ]
        .map(String::from)
        .to_vec(),
        rows: list
            .iter()
            .map(|n| {
                vec![
                    if n.way == Way::Out { "out" } else { "in" }.to_string(),
                    n.relation.kind.clone(),
                    n.other.label.clone(),
                    n.other.kind.as_str().to_string(),
                    n.relation.weight().to_string(),
                    n.relation.articles().to_string(),
                    format!("{:.2}", n.relation.confidence()),
                ]
            })
            .collect(),
    }
}

/// Neighbours as JSON.
pub fn neighbors_json(list: &[Neighbor]) -> String {
    let rows: Vec<Json> = list.iter().map(neighbor_json).collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// An entity card: kind, aliases, mentions, and every relation in and out,
/// grouped by type, with its evidence sentences and articles.
pub fn card(e: &Entity, list: &[Neighbor]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} ({})", e.label, e.kind);
    let _ = writeln!(o, "  id:       {}", e.id);
    let _ = writeln!(
        o,
        "  aliases:  {}",
        if e.aliases.is_empty() {
            "-".to_string()
        } else {
            e.aliases.join(", ")
        }
    );
    let _ = writeln!(o, "  mentions: {}", e.mentions);
    for (way, title) in [(Way::Out, "relations out"), (Way::In, "relations in")] {
        let mine: Vec<&Neighbor> = list.iter().filter(|n| n.way == way).collect();
        let _ = writeln!(o, "\n{title} ({}):", mine.len());
        let mut last_kind = "";
        for n in mine {
            if n.relation.kind != last_kind {
                let _ = writeln!(o, "  {}", n.relation.kind);
                last_kind = &n.relation.kind;
            }
            let arrow = if way == Way::Out { "→" } else { "←" };
            let days = match n.relation.days() {
                Some((a, b)) if a == b => format!(", {a}"),
                Some((a, b)) => format!(", {a} to {b}"),
                None => String::new(),
            };
            let _ = writeln!(
                o,
                "    {arrow} {} ({}), {} piece(s) of evidence, {} article(s), confidence {:.2}{days}",
                n.other.label,
                n.other.kind,
                n.relation.weight(),
                n.relation.articles(),
                n.relation.confidence()
            );
            for ev in &n.relation.evidence {
                let date = ev
                    .date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default();
                let _ = writeln!(o, "      \"{}\"", ev.text.replace('\n', " "));
                // sentences are shown counting from 1, as `explain` and the
                // HTML page show them; the files keep the 0-based index (issue 17)
                let _ = writeln!(
                    o,
                    "        [{} sentence {}, bytes {}..{}{date}]",
                    ev.doc,
                    ev.sentence + 1,
                    ev.span.0,
                    ev.span.1
                );
            }
        }
    }
    o
}

/// An entity card as JSON.
pub fn card_json(e: &Entity, list: &[Neighbor]) -> String {
    let rels: Vec<Json> = list
        .iter()
        .map(|n| {
            let mut row = neighbor_json(n);
            row["evidence"] = json!(n.relation.evidence);
            row
        })
        .collect();
    let v = json!({"id": e.id, "label": e.label, "type": e.kind.as_str(), "aliases": e.aliases, "mentions": e.mentions, "relations": rels});
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// Chains, one per line: `Iran -backs-> Hezbollah <-attacked- Israel`.
pub fn chains_text(graph: &KnowledgeGraph, from: &Entity, chains: &[Chain]) -> String {
    let mut o = String::new();
    for c in chains {
        let mut line = from.label.clone();
        for s in c {
            let (next, text) = if s.backwards {
                (
                    s.relation.source.clone(),
                    format!(" <-{}- ", s.relation.kind),
                )
            } else {
                (
                    s.relation.target.clone(),
                    format!(" -{}-> ", s.relation.kind),
                )
            };
            line.push_str(&text);
            line.push_str(
                &graph
                    .entity(&next)
                    .map(|e| e.label.clone())
                    .unwrap_or_else(|| next.clone()),
            );
        }
        let _ = writeln!(o, "{line}");
    }
    o
}

/// Chains as JSON: an array of arrays of `{source, relation, target}`.
pub fn chains_json(chains: &[Chain]) -> String {
    let v: Vec<Json> = chains
        .iter()
        .map(|c| Json::Array(c.iter().map(|s| json!({"source": s.relation.source, "relation": s.relation.kind, "target": s.relation.target})).collect()))
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// Counts, for reading.
pub fn stats_text(s: &Stats) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "documents: {}", s.documents);
    let _ = writeln!(o, "entities:  {}", s.entities);
    let _ = writeln!(
        o,
        "relations: {} ({} pieces of evidence)",
        s.relations, s.evidence
    );
    // a titled, indented table
    let mut section = |title: &str, columns: &[&str], rows: Vec<Vec<String>>| {
        let _ = writeln!(o, "\n{title}:");
        let table = Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        };
        o.push_str(&indent(&table.to_text()));
    };
    section(
        "entities by kind",
        &["kind", "count"],
        s.by_kind
            .iter()
            .map(|(k, n)| vec![k.as_str().to_string(), n.to_string()])
            .collect(),
    );
    section(
        "relations by type",
        &["type", "count"],
        s.by_type
            .iter()
            .map(|(t, n)| vec![t.clone(), n.to_string()])
            .collect(),
    );
    section(
        "top entities by degree",
        &["entity", "kind", "degree"],
        s.top
            .iter()
            .map(|(_, l, k, d)| vec![l.clone(), k.as_str().to_string(), d.to_string()])
            .collect(),
    );
    o
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

/// Counts as JSON.
pub fn stats_json(s: &Stats) -> String {
    let v = json!({
        "documents": s.documents,
        "entities": s.entities,
        "relations": s.relations,
        "evidence": s.evidence,
        "by_kind": s.by_kind.iter().map(|(k, n)| (k.as_str().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "by_type": s.by_type.iter().map(|(t, n)| json!({"type": t, "count": n})).collect::<Vec<_>>(),
        "top": s.top.iter().map(|(id, l, k, d)| json!({"id": id, "label": l, "type": k.as_str(), "degree": d})).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

impl crate::graph::types::Catalog {
    /// Two tables, entity kinds and relation types; the count column only
    /// for a graph.
    pub fn to_text(&self) -> String {
        let counted = self.kinds.first().is_some_and(|k| k.count.is_some());
        let with_count = |mut cols: Vec<&str>| {
            if counted {
                cols.insert(1, "count");
            }
            cols.into_iter().map(String::from).collect::<Vec<_>>()
        };
        let kinds = Table {
            columns: with_count(vec!["kind", "description"]),
            rows: self
                .kinds
                .iter()
                .map(|k| {
                    let mut row = vec![
                        k.kind.as_str().to_string(),
                        k.kind.description().to_string(),
                    ];
                    if let Some(n) = k.count {
                        row.insert(1, n.to_string());
                    }
                    row
                })
                .collect(),
        };
        let types = Table {
            columns: with_count(vec![
                "type",
                "source",
                "target",
                "plover",
                "cameo",
                "stated as",
            ]),
            rows: self
                .types
                .iter()
                .map(|t| {
                    let arrow = if t.symmetric { " (either way)" } else { "" };
                    let mut row = vec![
                        format!("{}{arrow}", t.name),
                        crate::graph::types::kinds_text(&t.source),
                        crate::graph::types::kinds_text(&t.target),
                        t.plover.clone(),
                        t.cameo.clone(),
                        t.description.clone(),
                    ];
                    if let Some(n) = t.count {
                        row.insert(1, n.to_string());
                    }
                    row
                })
                .collect(),
        };
        format!(
            "entity kinds:\n{}\nrelation types:\n{}",
            kinds.to_text(),
            types.to_text()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_table_and_csv() {
        let t = Table {
            columns: vec!["s".into(), "m".into()],
            rows: vec![
                vec!["Iran".into(), "Hezbollah".into()],
                vec!["United States".into(), "a, \"b\"".into()],
            ],
        };
        assert_eq!(t.to_text(), "s              m\n-------------  ---------\nIran           Hezbollah\nUnited States  a, \"b\"\n");
        assert_eq!(
            t.to_csv(),
            "s,m\nIran,Hezbollah\nUnited States,\"a, \"\"b\"\"\"\n"
        );
        let empty = Table {
            columns: vec!["x".into()],
            rows: vec![],
        };
        assert_eq!(empty.to_text(), "x\n-\n");
    }
}
