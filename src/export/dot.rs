//! DOT for Graphviz, written by hand: petgraph's `Dot` is a debugging aid and
//! escapes too little.
//!
//! # Format
//!
//! A `digraph` laid out left to right. Nodes are entity ids (quoted), with
//! the entity's label, a shape and fill colour by kind (person: ellipse,
//! state: box, militia: hexagon, organization: component, place: house) and a
//! tooltip listing its kind and aliases. Edges carry their relation type as
//! label, its colour, a pen width that grows with the evidence count, and a
//! tooltip with the first evidence sentence. A legend cluster shows the
//! kinds and the relation types used. Every string is quoted and escaped.
//!
//! ```dot
//! digraph newsgraph {
//!   "iran" [label="Iran", shape=box, fillcolor="#aec7e8", tooltip="state"];
//!   "iran" -> "hezbollah" [label="backs", color="#2ca02c", penwidth=1.5];
//! }
//! ```

use crate::entity::EntityKind;
use crate::graph::KnowledgeGraph;
use std::fmt::Write;

/// Shape and fill colour of each entity kind.
pub fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("ellipse", "#ffe8a3"),
        EntityKind::State => ("box", "#aec7e8"),
        EntityKind::Militia => ("hexagon", "#f4a6a6"),
        EntityKind::Organization => ("component", "#c5b0d5"),
        EntityKind::Place => ("house", "#c7e9c0"),
    }
}

/// Quotes and escapes a string for DOT: backslashes, quotes, newlines and
/// carriage returns; other characters (`<>&`, Unicode) are safe inside quotes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max).collect();
    t.push('…');
    t
}

/// The graph as DOT.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "digraph newsgraph {{");
    let _ = writeln!(o, "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false, splines=true, nodesep=0.4, ranksep=0.9];");
    let _ = writeln!(
        o,
        "  node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#555555\"];"
    );
    let _ = writeln!(
        o,
        "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];"
    );
    for e in graph.entities() {
        let (shape, fill) = style(e.kind);
        let mut tip = e.kind.as_str().to_string();
        if !e.aliases.is_empty() {
            tip.push_str(": ");
            tip.push_str(&e.aliases.join(", "));
        }
        let _ = writeln!(
            o,
            "  {} [label={}, shape={}, fillcolor={}, tooltip={}];",
            quote(&e.id),
            quote(&e.label),
            shape,
            quote(fill),
            quote(&shorten(&tip, 300))
        );
    }
    let mut used = Vec::new();
    for r in graph.relations() {
        let color = graph
            .relation_info(&r.kind)
            .map(|i| i.color.clone())
            .unwrap_or_else(|| "#333333".into());
        let symmetric = graph.relation_info(&r.kind).is_some_and(|i| i.symmetric);
        let pen = 1.0 + (r.weight() as f64).ln().max(0.0);
        let tip = r
            .evidence
            .first()
            .map(|ev| shorten(&ev.text, 300))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {} -> {} [label={}, color={}, fontcolor={}, penwidth={:.1}{}, tooltip={}];",
            quote(&r.source),
            quote(&r.target),
            quote(&r.kind),
            quote(&color),
            quote(&color),
            pen,
            if symmetric { ", dir=both" } else { "" },
            quote(&tip)
        );
        if !used.contains(&(r.kind.clone(), color.clone())) {
            used.push((r.kind.clone(), color));
        }
    }
    used.sort();
    // legend: the kinds, then the relation types in use
    let _ = writeln!(o, "  subgraph cluster_legend {{");
    let _ = writeln!(o, "    label=\"Legend\"; fontname=\"Helvetica\"; fontsize=10; style=\"rounded\"; color=\"#bbbbbb\";");
    for kind in EntityKind::ALL {
        let (shape, fill) = style(kind);
        let _ = writeln!(
            o,
            "    {} [label={}, shape={}, fillcolor={}, fontsize=9];",
            quote(&format!("legend:{}", kind.as_str())),
            quote(kind.as_str()),
            shape,
            quote(fill)
        );
    }
    for (i, (kind, color)) in used.iter().enumerate() {
        let a = quote(&format!("legend:rel{i}:a"));
        let b = quote(&format!("legend:rel{i}:b"));
        let _ = writeln!(o, "    {a} [label=\"\", shape=point, width=0.05];");
        let _ = writeln!(o, "    {b} [label=\"\", shape=point, width=0.05];");
        let _ = writeln!(
            o,
            "    {a} -> {b} [label={}, color={}, fontcolor={}];",
            quote(kind),
            quote(color),
            quote(color)
        );
    }
    let _ = writeln!(o, "  }}");
    let _ = writeln!(o, "}}");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("<b>&"), "\"<b>&\"");
    }
}
