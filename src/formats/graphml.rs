//! GraphML, for Gephi, yEd, Cytoscape and NetworkX.
//!
//! # Format
//!
//! An XML 1.0 document in the GraphML namespace with typed `<key>`s for every
//! attribute, one `<graph edgedefault="directed">`, a `<node>` per entity (its
//! id is the entity id) and an `<edge>` per relation: two entities joined by
//! several relation types get parallel edges, one per type.
//!
//! | key | for | type | value |
//! |---|---|---|---|
//! | `label` | node | string | the entity's name |
//! | `type` | node | string | `person`, `state`, `militia`, `organization` or `place` |
//! | `aliases` | node | string | the other names, as a JSON array |
//! | `mentions` | node | int | how often the articles mention it |
//! | `label`, `type` | edge | string | the relation type (`backs`, ...) |
//! | `weight` | edge | int | how many statements (evidence keeps the first 20) |
//! | `plover`, `cameo` | edge | string | event codes of the type |
//! | `evidence` | edge | string | the first evidence sentence, for reading |
//! | `evidence_json` | edge | string | every piece of evidence, as a JSON array |
//! | `articles` | edge | int | how many articles make the statements |
//! | `confidence` | edge | double | 0 to 1, from the articles and their modes ([`crate::relations::relation::confidence`]) |
//! | `first_day`, `last_day` | edge | string | the first and last day of the statements (absent when none is dated) |
//! | `tallies_json` | edge | string | statements by day and mode, as a JSON array (only for an edge whose evidence was trimmed) |
//! | `documents`, `relation_types` | graph | string | JSON arrays, so the file loads back losslessly |
//!
//! Characters XML 1.0 cannot carry (most C0 controls) are written as
//! U+FFFD in plain text; the JSON-valued keys keep them exactly.

use crate::entity::{Entity, EntityKind};
use crate::error::{Error, Result};
use crate::graph::{GraphFile, KnowledgeGraph, Part, Place, FORMAT_VERSION};
use crate::relations::relation::{Evidence, Relation};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::fmt::Write;

/// The keys, in the order they are declared: (id, for, attr.name, attr.type).
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("d0", "node", "label", "string"),
    ("d1", "node", "type", "string"),
    ("d2", "node", "aliases", "string"),
    ("d3", "node", "mentions", "int"),
    ("d4", "edge", "label", "string"),
    ("d5", "edge", "type", "string"),
    ("d6", "edge", "weight", "int"),
    ("d7", "edge", "plover", "string"),
    ("d8", "edge", "cameo", "string"),
    ("d9", "edge", "evidence", "string"),
    ("d10", "edge", "evidence_json", "string"),
    ("d11", "graph", "documents", "string"),
    ("d12", "graph", "relation_types", "string"),
    ("d13", "graph", "version", "int"),
    ("d14", "edge", "articles", "int"),
    ("d15", "edge", "confidence", "double"),
    ("d16", "edge", "first_day", "string"),
    ("d17", "edge", "last_day", "string"),
    ("d18", "edge", "tallies_json", "string"),
];

fn key_id(kind: &str, name: &str) -> &'static str {
    KEYS.iter()
        .find(|k| k.1 == kind && k.2 == name)
        .map(|k| k.0)
        .unwrap_or("d0")
}

/// Is `c` allowed in an XML 1.0 document?
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes an XML attribute value: markup characters, and the white space
/// attribute-value normalisation would otherwise turn into spaces.
pub fn escape(s: &str) -> String {
    escape_with(s, true)
}

/// Escapes XML element text: markup characters and carriage returns.
pub fn escape_text(s: &str) -> String {
    escape_with(s, false)
}

fn escape_with(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The graph as GraphML.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    let file = graph.to_file();
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, kind, name, ty) in KEYS {
        let _ = writeln!(
            o,
            "  <key id=\"{id}\" for=\"{kind}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    o.push_str("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n");
    let data = |o: &mut String, indent: &str, key: &str, value: &str| {
        let _ = writeln!(
            o,
            "{indent}<data key=\"{key}\">{}</data>",
            escape_text(value)
        );
    };
    data(
        &mut o,
        "    ",
        key_id("graph", "version"),
        &FORMAT_VERSION.to_string(),
    );
    data(
        &mut o,
        "    ",
        key_id("graph", "documents"),
        &json(&file.documents),
    );
    data(
        &mut o,
        "    ",
        key_id("graph", "relation_types"),
        &json(&file.relation_types),
    );
    for e in &file.entities {
        let _ = writeln!(o, "    <node id=\"{}\">", escape(&e.id));
        data(&mut o, "      ", key_id("node", "label"), &e.label);
        data(&mut o, "      ", key_id("node", "type"), e.kind.as_str());
        data(
            &mut o,
            "      ",
            key_id("node", "aliases"),
            &json(&e.aliases),
        );
        data(
            &mut o,
            "      ",
            key_id("node", "mentions"),
            &e.mentions.to_string(),
        );
        o.push_str("    </node>\n");
    }
    for (i, r) in file.relations.iter().enumerate() {
        let info = file.relation_types.iter().find(|t| t.name == r.kind);
        let _ = writeln!(
            o,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            escape(&r.source),
            escape(&r.target)
        );
        data(&mut o, "      ", key_id("edge", "label"), &r.kind);
        data(&mut o, "      ", key_id("edge", "type"), &r.kind);
        data(
            &mut o,
            "      ",
            key_id("edge", "weight"),
            &r.weight().to_string(),
        );
        data(
            &mut o,
            "      ",
            key_id("edge", "articles"),
            &r.articles().to_string(),
        );
        data(
            &mut o,
            "      ",
            key_id("edge", "confidence"),
            &r.confidence().to_string(),
        );
        if let Some((first, last)) = r.days() {
            data(&mut o, "      ", key_id("edge", "first_day"), &first);
            data(&mut o, "      ", key_id("edge", "last_day"), &last);
        }
        data(
            &mut o,
            "      ",
            key_id("edge", "plover"),
            info.map(|t| t.plover.as_str()).unwrap_or(""),
        );
        data(
            &mut o,
            "      ",
            key_id("edge", "cameo"),
            info.map(|t| t.cameo.as_str()).unwrap_or(""),
        );
        data(
            &mut o,
            "      ",
            key_id("edge", "evidence"),
            r.evidence.first().map(|e| e.text.as_str()).unwrap_or(""),
        );
        data(
            &mut o,
            "      ",
            key_id("edge", "evidence_json"),
            &json(&r.evidence),
        );
        if !r.tallies.is_empty() {
            data(
                &mut o,
                "      ",
                key_id("edge", "tallies_json"),
                &json(&r.tallies),
            );
        }
        o.push_str("    </edge>\n");
    }
    o.push_str("  </graph>\n</graphml>\n");
    o
}

/// A `<data>` value and where its element starts (byte offset).
type Values = HashMap<String, (String, usize)>;

/// Reads GraphML that newsgraph wrote (or edited by another tool, as long
/// as the keys are kept); errors carry `origin:line:col`. XML whose root is
/// not `<graphml>` (an HTML page) is [`Error::NotAGraph`]; a file that ends
/// inside an element (a truncated file) is an error at its end, not a third
/// of a graph (issue 17).
pub fn from_str(text: &str, origin: &str) -> Result<KnowledgeGraph> {
    let err = |pos: usize, message: String| {
        let (line, col) = crate::text::input::line_col(text.as_bytes(), pos);
        Error::Parse {
            path: origin.to_string(),
            line,
            col,
            message,
        }
    };
    let mut reader = Reader::from_str(text);
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut graph_data: Values = HashMap::new();
    let mut nodes: Vec<(String, Values, usize)> = Vec::new();
    let mut edges: Vec<(String, String, Values, usize)> = Vec::new();
    // where the current <data> belongs: 0 graph, 1 node, 2 edge
    let mut owner = 0;
    let mut current_key: Option<(String, usize)> = None;
    let mut value = String::new();
    // the open elements: (name, where each starts)
    let mut open: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut root = false;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            // quick-xml's syntax errors but one are a tag, comment or
            // section left open at the end of the input: a file cut inside
            // a tag (issue 18 moved where a third of the seed file ends)
            Err(quick_xml::Error::Syntax(e))
                if !open.is_empty() && e != quick_xml::errors::SyntaxError::InvalidBangMarkup =>
            {
                break
            }
            Err(e) => return Err(err(pos, format!("malformed XML: {e}").to_lowercase())),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                if !root {
                    if e.local_name().as_ref() != b"graphml" {
                        return Err(Error::NotAGraph {
                            path: origin.to_string(),
                            dir: false,
                        });
                    }
                    root = true;
                }
                if !empty {
                    open.push((e.name().as_ref().to_vec(), pos));
                }
                let attr = |name: &str| -> Result<Option<String>> {
                    for a in e.attributes() {
                        let a = a.map_err(|x| err(pos, format!("bad attribute: {x}")))?;
                        if a.key.as_ref() == name.as_bytes() {
                            let v = a
                                .unescape_value()
                                .map_err(|x| err(pos, format!("bad attribute value: {x}")))?;
                            return Ok(Some(v.into_owned()));
                        }
                    }
                    Ok(None)
                };
                match e.name().as_ref() {
                    b"key" => {
                        if let (Some(id), Some(name)) = (attr("id")?, attr("attr.name")?) {
                            let scope = attr("for")?.unwrap_or_default();
                            keys.insert(id, format!("{scope}:{name}"));
                        }
                    }
                    b"node" => {
                        let id = attr("id")?.ok_or_else(|| err(pos, "node without id".into()))?;
                        nodes.push((id, HashMap::new(), pos));
                        owner = if empty { 0 } else { 1 };
                    }
                    b"edge" => {
                        let s = attr("source")?
                            .ok_or_else(|| err(pos, "edge without source".into()))?;
                        let t = attr("target")?
                            .ok_or_else(|| err(pos, "edge without target".into()))?;
                        edges.push((s, t, HashMap::new(), pos));
                        owner = if empty { 0 } else { 2 };
                    }
                    b"data" => {
                        current_key = attr("key")?.map(|k| (k, pos));
                        value.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if current_key.is_some() => {
                value.push_str(&t.decode().map_err(|x| err(pos, format!("bad text: {x}")))?);
            }
            Event::CData(t) if current_key.is_some() => {
                value.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if current_key.is_some() => {
                let c = match r
                    .resolve_char_ref()
                    .map_err(|x| err(pos, format!("bad reference: {x}")))?
                {
                    Some(c) => c,
                    None => match r.as_ref() {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        b"apos" => '\'',
                        other => {
                            return Err(err(
                                pos,
                                format!("unknown entity &{};", String::from_utf8_lossy(other)),
                            ))
                        }
                    },
                };
                value.push(c);
            }
            Event::End(e) => {
                open.pop();
                match e.name().as_ref() {
                    b"data" => {
                        if let Some((k, at)) = current_key.take() {
                            let name = keys.get(&k).cloned().unwrap_or(k);
                            let v = std::mem::take(&mut value);
                            let slot = match owner {
                                1 => nodes.last_mut().map(|n| &mut n.1),
                                2 => edges.last_mut().map(|e| &mut e.2),
                                _ => Some(&mut graph_data),
                            };
                            if let Some(map) = slot {
                                map.insert(name, (v, at));
                            }
                        }
                    }
                    b"node" | b"edge" => owner = 0,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root {
        return Err(Error::NotAGraph {
            path: origin.to_string(),
            dir: false,
        });
    }
    if let Some((name, at)) = open.last() {
        let (line, col) = crate::text::input::line_col(text.as_bytes(), *at);
        return Err(err(
            text.len(),
            format!(
                "unexpected end of file inside <{}> (opened at {line}:{col}): the file is cut short",
                String::from_utf8_lossy(name)
            ),
        ));
    }
    let version = graph_data
        .get("graph:version")
        .and_then(|v| v.0.trim().parse().ok())
        .unwrap_or(FORMAT_VERSION);
    let mut entities = Vec::new();
    let mut node_at = Vec::with_capacity(nodes.len());
    for (id, d, at) in nodes {
        let kind = d
            .get("node:type")
            .and_then(|t| EntityKind::parse(&t.0))
            .ok_or_else(|| err(at, format!("node {id}: missing or unknown type")))?;
        let aliases: Vec<String> = json_list(&err, at, "aliases", d.get("node:aliases"))?;
        entities.push(Entity {
            label: d
                .get("node:label")
                .map(|l| l.0.clone())
                .unwrap_or_else(|| id.clone()),
            id,
            kind,
            aliases,
            mentions: d
                .get("node:mentions")
                .and_then(|m| m.0.trim().parse().ok())
                .unwrap_or(0),
        });
        node_at.push(at);
    }
    let mut relations = Vec::new();
    let mut edge_at = Vec::with_capacity(edges.len());
    for (source, target, d, at) in edges {
        let kind = d
            .get("edge:type")
            .or_else(|| d.get("edge:label"))
            .map(|k| k.0.clone())
            .unwrap_or_default();
        let evidence: Vec<Evidence> =
            json_list(&err, at, "evidence_json", d.get("edge:evidence_json"))?;
        let weight = d
            .get("edge:weight")
            .and_then(|w| w.0.trim().parse().ok())
            .unwrap_or(0);
        relations.push(Relation {
            source,
            kind,
            target,
            weight,
            evidence: evidence.into_iter().collect(),
            tallies: json_list(&err, at, "tallies_json", d.get("edge:tallies_json"))?,
        });
        edge_at.push(at);
    }
    let file = GraphFile {
        version,
        documents: json_list(&err, 0, "documents", graph_data.get("graph:documents"))?,
        relation_types: json_list(
            &err,
            0,
            "relation_types",
            graph_data.get("graph:relation_types"),
        )?,
        entities,
        relations,
    };
    let bytes = text.as_bytes();
    KnowledgeGraph::from_file_at(file, origin, &|part| {
        let at = match part {
            Part::Entity(i) => node_at.get(i),
            Part::Relation(i) | Part::Evidence(i, _) => edge_at.get(i),
        };
        let (line, col) = crate::text::input::line_col(bytes, at.copied().unwrap_or(0));
        Place::At(line, col)
    })
}

/// A JSON array held in a GraphML value (at the `<data>` element, or at
/// `fallback` when it has no place); absent means empty.
fn json_list<T: serde::de::DeserializeOwned>(
    err: &dyn Fn(usize, String) -> Error,
    fallback: usize,
    what: &str,
    v: Option<&(String, usize)>,
) -> Result<Vec<T>> {
    match v {
        None => Ok(Vec::new()),
        Some((s, at)) => serde_json::from_str(s).map_err(|e| {
            err(
                if *at > 0 { *at } else { fallback },
                format!("{what}: not a valid JSON array: {e}"),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a<b>&\"'\r\n\t\u{1}"),
            "a&lt;b&gt;&amp;&quot;'&#13;&#10;&#9;\u{FFFD}"
        );
        assert_eq!(escape_text("a<b>&\"'\r\n\t"), "a&lt;b&gt;&amp;\"'&#13;\n\t");
    }
}
