//! A self-contained interactive page: the graph drawn on a `<canvas>` by the
//! page's own script.
//!
//! # Format
//!
//! One HTML file that opens offline: the page's script and style are
//! inlined, and a `Content-Security-Policy` forbids every network request. The graph
//! travels as JSON in a `<script type="application/json">` block:
//!
//! ```json
//! {"kinds": [{"name": "state", "color": "#aec7e8", "shape": "round-rectangle"}],
//!  "types": [{"name": "backs", "color": "#2ca02c", "symmetric": false, "plover": "SUPPORT", "cameo": "05"}],
//!  "documents": [{"id": "seed.txt", "date": null}],
//!  "nodes": [{"id": "iran", "label": "Iran", "kind": "state", "aliases": ["Iranian"], "mentions": 7,
//!             "degree": 9, "x": -120.5, "y": 48.0}],
//!  "edges": [{"source": "iran", "target": "hezbollah", "type": "backs", "weight": 1,
//!             "days": ["2024-08-06"],
//!             "evidence": [{"doc": "seed.txt", "sentence": 12, "text": "...", "date": null}]}]}
//! ```
//!
//! `degree` counts an entity's relations (the page labels the most
//! connected entities in view first); `days` are the distinct days of a
//! relation's statements (see [`crate::relations::relation::Evidence::day`]; left out
//! when none is dated), which the page's time range filters on.
//!
//! Positions come from [`crate::formats::layout::force_directed`] (ForceAtlas2, the
//! entities without relations in a grid below), so the browser only draws:
//! relations are stroked as one canvas path per colour and width, entities
//! filled as one per colour, and only labels in view are drawn (2,000
//! entities and 10,000 relations draw in tens of milliseconds; Cytoscape.js,
//! which drew the page before, spent seconds styling 12,000 elements before
//! its first frame: issue 18). Graphs of up to 300 entities are then spaced
//! in the page so that no two entities overlap with their labels. The page
//! hides entities without a shown relation until asked, and reports
//! `window.newsgraph.interactiveMs`, the time from navigation to its first
//! frame. `<`, `>`, `&` and the two JavaScript line
//! separators are written as `\uXXXX` escapes, so no text from an article
//! can close the block; the script puts every string into the page with
//! `textContent`, never as HTML, and links only `http(s)` URLs. Each edge
//! carries the evidence its graph keeps (at most
//! [`crate::relations::relation::MAX_EVIDENCE`] sentences; the weight counts every
//! statement).
//!
//! A diff page ([`diff_page`], `newsgraph diff OLD NEW --html FILE`) holds
//! the union of both graphs, with `"diff": {"old": "q1.ron", "new":
//! "q2.ron"}` and on every node and edge `"change"`: `added`, `removed`,
//! `changed` (with `old_label` and `old_kind`, or `old_weight`) or `same`.

use crate::entity::EntityKind;
use crate::graph::KnowledgeGraph;
use rustc_hash::FxHashMap;
use serde::Serialize;

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/page.css");
const APP: &str = include_str!("html/page.js");

/// Shape and fill colour of each entity kind on the page (the fills are the
/// DOT ones; the shapes, named as Cytoscape.js names them, the nearest to
/// DOT's).
pub fn style(kind: EntityKind) -> (&'static str, &'static str) {
    let shape = match kind {
        EntityKind::Person => "ellipse",
        EntityKind::State => "round-rectangle",
        EntityKind::Militia => "hexagon",
        EntityKind::Organization => "barrel",
        EntityKind::Place => "diamond",
    };
    (shape, super::dot::style(kind).1)
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<DiffInfo<'a>>,
    kinds: Vec<KindStyle>,
    types: Vec<TypeStyle<'a>>,
    documents: &'a [crate::graph::ArticleInfo],
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
}

#[derive(Serialize)]
struct KindStyle {
    name: &'static str,
    color: &'static str,
    shape: &'static str,
}

#[derive(Serialize)]
struct TypeStyle<'a> {
    name: &'a str,
    color: &'a str,
    symmetric: bool,
    plover: &'a str,
    cameo: &'a str,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    label: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    mentions: u64,
    degree: usize,
    x: f64,
    y: f64,
    #[serde(flatten)]
    change: Option<NodeChange<'a>>,
}

#[derive(Serialize)]
struct Edge<'a> {
    source: &'a str,
    target: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    weight: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    days: Vec<String>,
    evidence: Vec<&'a crate::relations::relation::Evidence>,
    #[serde(flatten)]
    change: Option<EdgeChange>,
}

/// What a diff page compares: the two graphs' names.
#[derive(Clone, Debug, Serialize)]
pub struct DiffInfo<'a> {
    /// The old graph (a file name).
    pub old: &'a str,
    /// The new graph.
    pub new: &'a str,
}

/// How an entity or relation changed between two graphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only the new graph has it.
    Added,
    /// Only the old graph has it.
    Removed,
    /// Both have it, with another label or kind (entities) or weight (relations).
    Changed,
    /// Both have it, the same.
    Same,
}

#[derive(Serialize)]
struct NodeChange<'a> {
    change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_kind: Option<EntityKind>,
}

#[derive(Serialize)]
struct EdgeChange {
    change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_weight: Option<usize>,
}

/// The marks of a diff page (see [`crate::graph::diff::Diff::to_html`]): the
/// change of each entity (by id) and relation (by source, type, target) of
/// the union of the two graphs; what is not named is the same in both.
#[derive(Default)]
pub struct Marks<'a> {
    /// Entity id → its change and, when changed, its old label and kind.
    pub entities: FxHashMap<&'a str, (Change, Option<&'a crate::entity::Entity>)>,
    /// (source, type, target) → its change and, when changed, its old weight.
    pub relations: FxHashMap<(&'a str, &'a str, &'a str), (Change, Option<usize>)>,
}

/// The graph as one HTML page.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    page(graph, None)
}

/// The page of a diff: `graph` is the union of the two graphs, `marks` say
/// what changed; the page colours entities and relations by their change.
pub fn diff_page(graph: &KnowledgeGraph, info: DiffInfo<'_>, marks: &Marks<'_>) -> String {
    page(graph, Some((info, marks)))
}

fn page(graph: &KnowledgeGraph, diff: Option<(DiffInfo<'_>, &Marks<'_>)>) -> String {
    let mut degree: FxHashMap<&str, usize> = FxHashMap::default();
    for r in graph.relations() {
        *degree.entry(r.source.as_str()).or_default() += 1;
        if r.target != r.source {
            *degree.entry(r.target.as_str()).or_default() += 1;
        }
    }
    let marks = diff.as_ref().map(|(_, m)| *m);
    let page = Page {
        diff: diff.as_ref().map(|(i, _)| i.clone()),
        kinds: EntityKind::ALL
            .into_iter()
            .map(|k| {
                let (shape, color) = style(k);
                KindStyle {
                    name: k.as_str(),
                    color,
                    shape,
                }
            })
            .collect(),
        types: graph
            .relation_infos()
            .map(|i| TypeStyle {
                name: &i.name,
                color: &i.color,
                symmetric: i.symmetric,
                plover: &i.plover,
                cameo: &i.cameo,
            })
            .collect(),
        documents: graph.articles(),
        nodes: graph
            .entities()
            .zip(crate::formats::layout::force_directed(graph))
            .map(|(e, (x, y))| Node {
                id: &e.id,
                label: &e.label,
                kind: e.kind,
                aliases: &e.aliases,
                mentions: e.mentions,
                degree: degree.get(e.id.as_str()).copied().unwrap_or(0),
                x,
                y,
                change: marks.map(|m| {
                    let (change, old) = m
                        .entities
                        .get(e.id.as_str())
                        .copied()
                        .unwrap_or((Change::Same, None));
                    NodeChange {
                        change,
                        old_label: old.map(|o| o.label.as_str()),
                        old_kind: old.map(|o| o.kind),
                    }
                }),
            })
            .collect(),
        edges: graph
            .relations()
            .map(|r| Edge {
                source: &r.source,
                target: &r.target,
                kind: &r.kind,
                weight: r.weight(),
                days: days(r),
                evidence: r.evidence.iter().collect(),
                change: marks.map(|m| {
                    let (change, old_weight) = m
                        .relations
                        .get(&(r.source.as_str(), r.kind.as_str(), r.target.as_str()))
                        .copied()
                        .unwrap_or((Change::Same, None));
                    EdgeChange { change, old_weight }
                }),
            })
            .collect(),
    };
    let json = serde_json::to_string(&page).unwrap_or_else(|_| "{}".into());
    let articles = graph.articles().len();
    let title = match &diff {
        Some((info, _)) => format!("newsgraph diff: {} → {}", info.old, info.new),
        None => format!(
            "newsgraph: {} entities, {} relations from {} article{}",
            graph.entity_count(),
            graph.relation_count(),
            articles,
            if articles == 1 { "" } else { "s" }
        ),
    };
    fill(
        TEMPLATE,
        &[
            ("{{title}}", &super::dot::html(&title)),
            ("{{style}}", STYLE),
            ("{{data}}", &script_json(&json)),
            ("{{app}}", APP),
        ],
    )
}

/// The distinct days of a relation's statements, sorted (its tallies keep
/// them when its evidence was trimmed), for the page's time filter.
fn days(r: &crate::relations::relation::Relation) -> Vec<String> {
    let days: std::collections::BTreeSet<String> =
        r.tallies().into_iter().filter_map(|t| t.day).collect();
    days.into_iter().collect()
}

/// Makes JSON safe inside `<script>`: `<`, `>` and `&` (which only occur
/// inside strings in JSON) and U+2028/U+2029 become `\uXXXX` escapes, so
/// `</script>` or `<!--` in an article cannot end or comment out the block.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each placeholder of `template` once, in one pass, so that text
/// substituted earlier is never searched for later placeholders.
fn fill(template: &str, parts: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(
        template.len() + parts.iter().map(|(_, v)| v.len()).sum::<usize>() * 2,
    );
    let mut rest = template;
    loop {
        let next = parts
            .iter()
            .filter_map(|(k, v)| rest.find(k).map(|at| (at, *k, *v)))
            .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, key, value)) => {
                out.push_str(&rest[..at]);
                out.push_str(value);
                rest = &rest[at + key.len()..];
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

impl crate::graph::diff::Diff<'_> {
    /// The differences as an interactive page (the graph page of
    /// [`crate::formats::html`]): the union of both graphs, entities and
    /// relations coloured by their change (added green, removed red, changed
    /// orange, the same grey), with a filter for each change. `old_name` and
    /// `new_name` title the page.
    pub fn to_html(
        &self,
        old: &KnowledgeGraph,
        new: &KnowledgeGraph,
        old_name: &str,
        new_name: &str,
    ) -> String {
        let mut union = new.clone();
        for d in old.articles() {
            union.add_article(d.clone());
        }
        for info in old.relation_infos() {
            union.declare_relation_type(info.clone());
        }
        for e in &self.entities_removed {
            union.add_entity((*e).clone());
        }
        for r in &self.relations_removed {
            // both ends are in the union: in the new graph or removed
            let _ = union.add_relation((*r).clone());
        }
        let mut marks = Marks::default();
        for e in &self.entities_added {
            marks.entities.insert(&e.id, (Change::Added, None));
        }
        for e in &self.entities_removed {
            marks.entities.insert(&e.id, (Change::Removed, None));
        }
        for (a, _) in &self.entities_changed {
            marks.entities.insert(&a.id, (Change::Changed, Some(*a)));
        }
        fn key(r: &crate::Relation) -> (&str, &str, &str) {
            (&r.source, &r.kind, &r.target)
        }
        for r in &self.relations_added {
            marks.relations.insert(key(r), (Change::Added, None));
        }
        for r in &self.relations_removed {
            marks.relations.insert(key(r), (Change::Removed, None));
        }
        for (a, _) in &self.relations_changed {
            marks
                .relations
                .insert(key(a), (Change::Changed, Some(a.weight())));
        }
        diff_page(
            &union,
            DiffInfo {
                old: old_name,
                new: new_name,
            },
            &marks,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_block() {
        let json = serde_json::to_string("</script><!-- a & b \u{2028}").unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- a & b \u{2028}");
    }

    #[test]
    fn fill_does_not_rescan_substituted_text() {
        let out = fill("<{{a}}|{{b}}>", &[("{{a}}", "{{b}}"), ("{{b}}", "B")]);
        assert_eq!(out, "<{{b}}|B>");
    }

    #[test]
    fn inlined_script_cannot_end_its_element() {
        let lower = APP.to_ascii_lowercase();
        assert!(!lower.contains("</script"), "page.js contains </script");
        assert!(!lower.contains("<!--"), "page.js contains <!--");
    }

    #[test]
    fn page_has_every_part_once() {
        let page = to_string(&KnowledgeGraph::new());
        for key in ["{{title}}", "{{style}}", "{{data}}", "{{app}}"] {
            assert!(!page.contains(key), "{key} was left");
        }
        assert_eq!(page.matches("id=\"newsgraph-data\"").count(), 1);
        assert_eq!(page.matches("<script").count(), 2, "data and script");
    }
}
