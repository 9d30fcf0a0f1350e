//! Benchmark (not a test): loading a generated graph of 1,000,000 relations
//! and answering a two-pattern join, the way `newsgraph query` does.
//!
//! Run: `cargo bench --bench query` (EDGES=... to change the size).
//! Prints the time to load the JSON and the RON file, and to answer.

use newsgraph::entity::{Entity, EntityKind};
use newsgraph::graph::query::{run, Query};
use newsgraph::graph::{ArticleInfo, GraphFile, KnowledgeGraph, RelationInfo, FORMAT_VERSION};
use newsgraph::relations::relation::{Evidence, Relation};
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TYPES: [&str; 8] = [
    "attacked",
    "backs",
    "condemned",
    "urged",
    "threatened",
    "met",
    "leads",
    "located_in",
];

/// A small deterministic generator (xorshift), so every run builds the same graph.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generate(edges: usize) -> GraphFile {
    let n_entities = (edges / 10).max(100);
    let kinds = [
        EntityKind::State,
        EntityKind::Militia,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];
    let entities: Vec<Entity> = (0..n_entities)
        .map(|i| Entity {
            id: format!("e{i:07}"),
            label: format!("Entity {i}"),
            kind: if i < 200 {
                EntityKind::State
            } else {
                kinds[i % 5]
            },
            aliases: vec![],
            mentions: 1,
        })
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut seen = std::collections::HashSet::new();
    let mut relations = Vec::with_capacity(edges);
    while relations.len() < edges {
        let s = rng.below(n_entities);
        // a fifth of the edges point at one of the 200 states, as news does
        let t = if rng.below(5) == 0 {
            rng.below(200)
        } else {
            rng.below(n_entities)
        };
        let k = TYPES[rng.below(TYPES.len())];
        if s == t || !seen.insert((s, k, t)) {
            continue;
        }
        relations.push(Relation {
            source: entities[s].id.clone(),
            kind: k.to_string(),
            target: entities[t].id.clone(),
            weight: 1,
            evidence: std::collections::BTreeSet::from([Evidence {
                doc: format!("doc{}", relations.len() % 10_000),
                sentence: 3,
                span: (10, 40),
                text: "Militia A attacked state B near the border.".into(),
                ..Evidence::default()
            }]),
            tallies: Vec::new(),
        });
    }
    relations.sort_by(|a, b| (&a.source, &a.kind, &a.target).cmp(&(&b.source, &b.kind, &b.target)));
    GraphFile {
        version: FORMAT_VERSION,
        documents: (0..10_000)
            .map(|i| ArticleInfo {
                id: format!("doc{i}"),
                date: None,
                title: None,
                url: None,
            })
            .collect(),
        relation_types: TYPES
            .iter()
            .map(|t| RelationInfo {
                name: t.to_string(),
                symmetric: *t == "met",
                plover: "X".into(),
                cameo: "00".into(),
                color: "#000000".into(),
            })
            .collect(),
        entities,
        relations,
    }
}

fn main() {
    let edges: usize = std::env::var("EDGES")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let graph = KnowledgeGraph::from_file(generate(edges), "generated").unwrap();
    println!(
        "generated {} entities, {} relations in {:.2?}",
        graph.entity_count(),
        graph.relation_count(),
        t.elapsed()
    );
    let file = graph.to_file();
    let t = Instant::now();
    let rebuilt = KnowledgeGraph::from_file(file, "copy").unwrap();
    println!(
        "building the graph from its parsed form: {:.2?}",
        t.elapsed()
    );
    drop(rebuilt);
    let dir = std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("g.json");
    let ron = dir.join("g.ron");
    std::fs::write(&json, newsgraph::formats::json::to_string(&graph)).unwrap();
    std::fs::write(&ron, newsgraph::formats::ron::to_string(&graph)).unwrap();
    drop(graph);
    let mb = |p: &std::path::Path| std::fs::metadata(p).unwrap().len() as f64 / 1e6;
    let query = Query::parse("?s backs ?m . ?m:militia attacked e0000007").unwrap();
    for path in [&json, &ron] {
        let t = Instant::now();
        let g = KnowledgeGraph::load(path).unwrap();
        let loaded = t.elapsed();
        let t2 = Instant::now();
        let answer = run(&g, &query).unwrap();
        let answered = t2.elapsed();
        println!(
            "{}: {:.0} MB, load {:.2?} + two-pattern join {:.2?} ({} rows) = {:.2?}",
            path.file_name().unwrap().to_string_lossy(),
            mb(path),
            loaded,
            answered,
            answer.rows.len(),
            loaded + answered
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
