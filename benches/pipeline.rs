//! Criterion benchmarks of each stage and of the whole pipeline, on the
//! example article and the short articles of the test corpus, repeated to
//! about 100 KB. `cargo bench --bench pipeline`; throughput is reported in
//! bytes of text per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph::graph::pipeline::stages;
use newsgraph::text::parsed::ParsedArticle;
use newsgraph::{extract_article, Article, Lexicon};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn text() -> String {
    let seed = include_str!("../data/articles/seed.txt");
    let mut t = String::new();
    while t.len() < 100_000 {
        t.push_str(seed);
        t.push_str("\n\n");
    }
    t
}

fn stages_bench(c: &mut Criterion) {
    let lex = Lexicon::embedded();
    let text = text();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("segmentation", |b| {
        b.iter(|| ParsedArticle::new("b", &text, None, lex))
    });
    g.bench_function("mentions and coreference", |b| {
        b.iter_batched(
            || ParsedArticle::new("b", &text, None, lex),
            |mut d| stages::mentions(&mut d, lex),
            criterion::BatchSize::LargeInput,
        )
    });
    let mut analysed = ParsedArticle::new("b", &text, None, lex);
    stages::mentions(&mut analysed, lex);
    g.bench_function("relations", |b| {
        b.iter(|| stages::relations(&analysed, lex))
    });
    let article = Article::new("b", text.as_str());
    g.bench_function("whole pipeline", |b| {
        b.iter(|| extract_article(&article, lex))
    });
    g.finish();
}

criterion_group!(benches, stages_bench);
criterion_main!(benches);
