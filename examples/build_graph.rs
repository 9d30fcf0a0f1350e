//! Builds a graph from the articles of `data/articles/` with the library's
//! builder, prints who backs whom, and writes the graph as DOT.
//!
//! ```sh
//! cargo run --example build_graph [DIR]
//! ```

use newsgraph::formats::Format;
use newsgraph::text::input::{Corpus, ReadOptions};
use newsgraph::{Extractor, Lexicon};
use std::path::PathBuf;

fn main() -> newsgraph::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data/articles"));
    let corpus = Corpus::open(&[dir], ReadOptions::default())?;
    let (graph, built) = Extractor::new(Lexicon::embedded())
        .threads(2)
        .date("2024-08-05")
        .read(&corpus, |_, _| {}, |w| eprintln!("warning: {w}"))?;
    eprintln!(
        "{} article(s): {} entities, {} relations",
        built.added,
        graph.entity_count(),
        graph.relation_count()
    );
    for r in graph.relations().filter(|r| r.kind == "backs") {
        println!(
            "{} backs {} ({} statement(s))",
            r.source, r.target, r.weight
        );
    }
    graph.write(Format::Dot, std::io::stdout().lock())
}
