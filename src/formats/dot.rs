//! DOT for Graphviz, written by hand: petgraph's `Dot` is a debugging aid and
//! escapes too little.
//!
//! # Format
//!
//! A `digraph` laid out left to right. Nodes are entity ids (quoted), with
//! the entity's label, a shape and fill colour by kind (person: ellipse,
//! state: box, militia: hexagon, organization: component, place: house) and a
//! tooltip listing its kind and aliases. Edges carry their relation type as
//! label, its colour, a pen width that grows with the evidence count, a
//! dashed line when its confidence is under 0.5 (only reported, never
//! stated: [`crate::relations::relation::confidence`]), and a tooltip with its
//! statements, articles, confidence, days and first evidence sentence. A legend node (an HTML-like
//! table) shows the kinds and the relation types used. Entities without a
//! relation are drawn as a grid in a dashed cluster, "no relations" (rows
//! chained by invisible edges), so that they do not stretch the drawing
//! into a strip. No `pack`: Graphviz 2.43's dot drops most edge labels
//! of a packed graph. Every string is quoted and escaped.
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

/// Escapes a string for an HTML-like label: `& < > " '`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
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

/// The graph as DOT, laid out left to right.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    to_string_with(graph, &super::DrawOptions::default())
}

/// The graph as DOT, with drawing options.
pub fn to_string_with(graph: &KnowledgeGraph, draw: &super::DrawOptions) -> String {
    let rankdir = match draw.rankdir.to_uppercase().as_str() {
        r @ ("LR" | "TB" | "RL" | "BT") => r.to_string(),
        _ => "LR".to_string(),
    };
    let mut o = String::new();
    let _ = writeln!(o, "digraph newsgraph {{");
    let _ = writeln!(o, "  graph [rankdir={rankdir}, fontname=\"Helvetica\", overlap=false, splines=true, nodesep=0.4, ranksep=0.9];");
    let _ = writeln!(
        o,
        "  node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#555555\"];"
    );
    let _ = writeln!(
        o,
        "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];"
    );
    // entities without a relation: a grid in a cluster of their own, not a
    // column as long as the graph is (issue 18: a multi-article graph was
    // drawn as a strip of them)
    let connected: std::collections::HashSet<&str> = graph
        .relations()
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .collect();
    let isolated: Vec<&str> = graph
        .entities()
        .map(|e| e.id.as_str())
        .filter(|id| !connected.contains(id))
        .collect();
    if !isolated.is_empty() {
        let _ = writeln!(
            o,
            "  subgraph \"cluster_unrelated\" {{\n    label=\"no relations\"; fontsize=10; fontcolor=\"#777777\"; style=\"dashed,rounded\"; color=\"#bbbbbb\";"
        );
        for id in &isolated {
            let _ = writeln!(o, "    {};", quote(id));
        }
        // rows of about the square root of their number, chained by
        // invisible edges, one row per chain
        let row = (isolated.len() as f64).sqrt().ceil() as usize;
        for chunk in isolated.chunks(row.max(1)) {
            if chunk.len() > 1 {
                let chain: Vec<String> = chunk.iter().map(|id| quote(id)).collect();
                let _ = writeln!(o, "    {} [style=invis];", chain.join(" -> "));
            }
        }
        let _ = writeln!(o, "  }}");
    }
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
        let confidence = r.confidence();
        let mut tip = format!(
            "{} statement(s), {} article(s), confidence {confidence}",
            r.weight(),
            r.articles()
        );
        if let Some((first, last)) = r.days() {
            if first == last {
                let _ = write!(tip, ", {first}");
            } else {
                let _ = write!(tip, ", {first} to {last}");
            }
        }
        if let Some(ev) = r.evidence.first() {
            let _ = write!(tip, ": {}", shorten(&ev.text, 300));
        }
        let _ = writeln!(
            o,
            "  {} -> {} [label={}, color={}, fontcolor={}, penwidth={:.1}{}{}, tooltip={}];",
            quote(&r.source),
            quote(&r.target),
            quote(&r.kind),
            quote(&color),
            quote(&color),
            pen,
            // an edge no article states in its own words is drawn dashed
            if confidence < 0.5 {
                ", style=dashed"
            } else {
                ""
            },
            if symmetric { ", dir=both" } else { "" },
            quote(&tip)
        );
        if !used.contains(&(r.kind.clone(), color.clone())) {
            used.push((r.kind.clone(), color));
        }
    }
    used.sort();
    // legend: one HTML-table node with the kinds, then the relation types in use
    let mut legend =
        String::from("<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    legend.push_str("<tr><td colspan=\"2\"><b>legend</b></td></tr>");
    for kind in EntityKind::ALL {
        let (shape, fill) = style(kind);
        let _ = write!(
            legend,
            "<tr><td bgcolor=\"{}\">{}</td><td>{}</td></tr>",
            html(fill),
            html(kind.as_str()),
            html(shape)
        );
    }
    for (kind, color) in &used {
        let _ = write!(
            legend,
            "<tr><td colspan=\"2\"><font color=\"{}\">&#8594; {}</font></td></tr>",
            html(color),
            html(kind)
        );
    }
    legend.push_str("</table>>");
    let _ = writeln!(
        o,
        "  \"legend\" [shape=plaintext, style=\"\", fontsize=9, label={legend}];"
    );
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
        assert_eq!(html("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
