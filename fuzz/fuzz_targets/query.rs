//! The query parser on arbitrary input, and every query that parses run on
//! the example graph: an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn graph() -> &'static newsgraph::KnowledgeGraph {
    static G: OnceLock<newsgraph::KnowledgeGraph> = OnceLock::new();
    G.get_or_init(|| {
        let text = include_str!("../../graphs/seed.ron");
        newsgraph::KnowledgeGraph::load_str(text, "seed.ron").unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(q) = newsgraph::graph::query::Query::parse(text) {
            if q.patterns.len() <= 4 {
                let _ = newsgraph::graph::query::run(graph(), &q);
            }
        }
    }
});
