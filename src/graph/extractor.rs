//! Building a graph from articles, as `newsgraph build` does: the builder a
//! Rust program uses instead of the command line.
//!
//! ```
//! use newsgraph::{Article, Extractor, Lexicon};
//!
//! let articles = [Article::new("a.txt", "Iran-backed Hezbollah fired rockets at Israel.")];
//! let graph = Extractor::new(Lexicon::embedded())
//!     .threads(2)
//!     .date("2024-08-05")
//!     .build(&articles);
//! assert!(graph.relation("iran", "backs", "hezbollah").is_some());
//! ```

use crate::error::Result;
use crate::graph::pipeline::add_articles;
use crate::graph::subgraph::Filter;
use crate::graph::{KnowledgeGraph, RelationInfo};
use crate::lexicon::Lexicon;
use crate::text::dates::{self, Date};
use crate::text::input::{Corpus, Summary, Warning};
use crate::text::Article;

/// Reads articles into a graph: which lexicon, how many threads, the date
/// of undated articles, the time window of the articles kept, and the graph
/// they are added to.
pub struct Extractor<'l> {
    lexicon: &'l Lexicon,
    threads: Option<usize>,
    date: Option<String>,
    window: Filter,
    graph: KnowledgeGraph,
}

/// What [`Extractor::read`] read, besides the graph.
#[derive(Clone, Debug, Default)]
pub struct Built {
    /// What the reading of the corpus found: articles, skipped files, bad
    /// records, unknown JSON Lines fields.
    pub summary: Summary,
    /// Articles added to the graph (not already in it, inside the window).
    pub added: usize,
    /// Articles left out: dated outside the window, or undated with one.
    pub outside: usize,
}

/// How many bytes of articles are read before they are extracted together.
const BATCH_BYTES: usize = 8 << 20;

impl<'l> Extractor<'l> {
    /// An extractor with `lexicon`, on every core, adding to an empty graph.
    pub fn new(lexicon: &'l Lexicon) -> Extractor<'l> {
        Extractor {
            lexicon,
            threads: None,
            date: None,
            window: Filter::default(),
            graph: KnowledgeGraph::new(),
        }
    }

    /// Extracts on `n` threads (at least one); the graph is the same
    /// whatever the number.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n.max(1));
        self
    }

    /// The date (ISO 8601) of articles that have none.
    pub fn date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }

    /// Keeps only articles dated in `[since, until]` (either end open); with
    /// a window, undated articles are left out.
    pub fn window(mut self, since: Option<Date>, until: Option<Date>) -> Self {
        self.window.since = since;
        self.window.until = until;
        self
    }

    /// Adds to `graph` instead of an empty graph; articles it already holds
    /// (by id) are not read again.
    pub fn into_graph(mut self, graph: KnowledgeGraph) -> Self {
        self.graph = graph;
        self
    }

    /// Reads `articles` into the graph.
    pub fn build<'a>(self, articles: impl IntoIterator<Item = &'a Article>) -> KnowledgeGraph {
        let articles: Vec<Article> = articles.into_iter().cloned().collect();
        let mut extractor = self;
        let threads = extractor.threads;
        let mut outside = 0;
        let mut added = 0;
        in_pool(threads, || {
            extractor.add(articles, &mut outside, &mut added);
        });
        extractor.finish()
    }

    /// Reads a corpus into the graph batch by batch, reading the next batch
    /// while the current one is extracted. `progress` is called after each
    /// batch with the articles added so far and the bytes of the batch;
    /// `warn` with each warning of the reading (a skipped file or record).
    pub fn read(
        self,
        corpus: &Corpus,
        mut progress: impl FnMut(usize, u64) + Send,
        warn: impl FnMut(Warning) + Send,
    ) -> Result<(KnowledgeGraph, Built)> {
        let mut extractor = self;
        let threads = extractor.threads;
        let mut outside = 0;
        let mut added = 0;
        let summary = in_pool(threads, || {
            corpus.read_ahead(
                BATCH_BYTES,
                |batch, bytes| {
                    extractor.add(batch, &mut outside, &mut added);
                    progress(added, bytes);
                    Ok(())
                },
                warn,
            )
        })?;
        let built = Built {
            summary,
            added,
            outside,
        };
        Ok((extractor.finish(), built))
    }

    /// Dates, filters and adds one batch of articles.
    fn add(&mut self, mut batch: Vec<Article>, outside: &mut usize, added: &mut usize) {
        for a in &mut batch {
            if a.date.is_none() {
                a.date = self.date.clone();
            }
            if a.date.is_none() {
                a.date = dates::dateline(self.lexicon, &a.text).map(|d| d.to_string());
            }
        }
        let before = batch.len();
        batch.retain(|a| self.window.keeps_date(a.date.as_deref()));
        *outside += before - batch.len();
        let refs: Vec<&Article> = batch.iter().collect();
        *added += add_articles(&mut self.graph, &refs, self.lexicon);
    }

    /// The graph, with every relation type of the lexicon declared.
    fn finish(mut self) -> KnowledgeGraph {
        for r in self.lexicon.relation_types() {
            self.graph.declare_relation_type(RelationInfo::from(r));
        }
        self.graph
    }
}

/// Runs `f` on a pool of `threads` threads, or on the current pool (also
/// when a pool cannot be started: the graph does not depend on it).
fn in_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match threads.map(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build()) {
        Some(Ok(pool)) => pool.install(f),
        _ => f(),
    }
}
