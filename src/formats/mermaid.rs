//! Mermaid `flowchart LR`, which renders inside Markdown pages.
//!
//! # Format
//!
//! Nodes are `n0`, `n1`, ... in entity-id order, each with its label in
//! quotes and a shape by kind (person `([..])`, state `[..]`, militia
//! `{{..}}`, organization `[[..]]`, place `[/..\]`); edges are
//! `nA -->|"type"| nB`. Text is written with Mermaid entity codes (`#quot;`,
//! `#lt;`, `#35;`, ...), so no article can break the diagram. A `classDef`
//! per kind gives the colours of the DOT output.
//!
//! ```text
//! flowchart LR
//!   n0[["Iran"]]
//!   n1{{"Hezbollah"}}
//!   n0 -->|"backs"| n1
//! ```

use crate::entity::EntityKind;
use crate::graph::KnowledgeGraph;
use std::collections::HashMap;
use std::fmt::Write;

/// Escapes text for a quoted Mermaid label with entity codes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '\\' => out.push_str("#92;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("([", "])"),
        EntityKind::State => ("[", "]"),
        EntityKind::Militia => ("{{", "}}"),
        EntityKind::Organization => ("[[", "]]"),
        EntityKind::Place => ("[/", "\\]"),
    }
}

/// The graph as a Mermaid flowchart.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    let mut o = String::from("flowchart LR\n");
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut by_kind: Vec<(EntityKind, Vec<String>)> =
        EntityKind::ALL.iter().map(|k| (*k, Vec::new())).collect();
    for (i, e) in graph.entities().enumerate() {
        index.insert(e.id.as_str(), i);
        let (open, close) = shape(e.kind);
        let _ = writeln!(o, "  n{i}{open}\"{}\"{close}", escape(&e.label));
        if let Some(slot) = by_kind.iter_mut().find(|(k, _)| *k == e.kind) {
            slot.1.push(format!("n{i}"));
        }
    }
    let mut link = 0;
    let mut link_colors: Vec<(usize, String)> = Vec::new();
    for r in graph.relations() {
        let (Some(a), Some(b)) = (index.get(r.source.as_str()), index.get(r.target.as_str()))
        else {
            continue;
        };
        let _ = writeln!(o, "  n{a} -->|\"{}\"| n{b}", escape(&r.kind));
        if let Some(info) = graph.relation_info(&r.kind) {
            link_colors.push((link, info.color.clone()));
        }
        link += 1;
    }
    for (kind, ids) in &by_kind {
        let (_, fill) = super::dot::style(*kind);
        let _ = writeln!(
            o,
            "  classDef {} fill:{fill},stroke:#555555,color:#000000",
            kind.as_str()
        );
        if !ids.is_empty() {
            let _ = writeln!(o, "  class {} {}", ids.join(","), kind.as_str());
        }
    }
    for (i, color) in link_colors {
        if color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit()) {
            let _ = writeln!(o, "  linkStyle {i} stroke:{color},color:{color}");
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a\"b#c<d>&|[x]{y}`\\\n"),
            "a#quot;b#35;c#lt;d#gt;#amp;#124;#91;x#93;#123;y#125;#96;#92; "
        );
    }
}
