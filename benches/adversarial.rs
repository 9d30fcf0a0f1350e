//! Benchmark (not a test): extraction time on adversarial inputs at sizes
//! ×1, ×10 and ×100, to show it grows linearly.
//!
//! Run: `cargo bench --bench adversarial` (SCALE=10 for ×1, ×10 only).
//! For each input, prints the time per size and the ratio to the ×1 time;
//! linear growth gives ratios near 10 and 100.

use newsgraph::{extract_article, Article, Lexicon};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One adversarial input of `n` units.
fn input(kind: &str, n: usize) -> String {
    match kind {
        // a single line without sentence ends: 1 MB per unit
        "long line" => "Iran-backed Hezbollah fired rockets at Israel and Egypt urged calm "
            .repeat(n * 1_000_000 / 68),
        // capitalised words: 10,000 per unit, in one sentence
        "capitalised words" => {
            (0..n * 10_000)
                .map(|i| format!("Qa{} ", i % 100_003))
                .collect::<String>()
                + "."
        }
        // coordinated names: 5,000 per unit, then a verb
        "coordinated names" => {
            let names = ["Egypt", "Jordan", "Qatar", "Oman", "Kuwait"];
            let list: Vec<&str> = (0..n * 5_000).map(|i| names[i % 5]).collect();
            format!("{} and Bahrain urged Iran to stop.", list.join(", "))
        }
        // nested brackets and quotes: 100,000 per unit
        "nested brackets" => format!(
            "{}Iran-backed Hezbollah{}",
            "(\"[“".repeat(n * 25_000),
            ")\"]”".repeat(n * 25_000)
        ),
        // pronouns and names alternating: 20,000 per unit
        "pronouns" => "Blinken met Abbas. He urged Iran. It rejected him. ".repeat(n * 2_000),
        _ => unreachable!(),
    }
}

fn time(text: &str) -> Duration {
    let lex = Lexicon::embedded();
    let article = Article::new("bench", text);
    let t = Instant::now();
    let g = extract_article(&article, lex);
    let d = t.elapsed();
    std::hint::black_box(g);
    d
}

fn main() {
    let max: usize = std::env::var("SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let _ = Lexicon::embedded();
    println!(
        "{:<20} {:>8} {:>12} {:>10} {:>8}",
        "input", "size", "MB", "time", "ratio"
    );
    for kind in [
        "long line",
        "capitalised words",
        "coordinated names",
        "nested brackets",
        "pronouns",
    ] {
        let mut base = None;
        for scale in [1, 10, 100].into_iter().filter(|s| *s <= max) {
            let text = input(kind, scale);
            let d = time(&text);
            let b = *base.get_or_insert(d);
            println!(
                "{:<20} {:>7}x {:>12.1} {:>9.2?} {:>8.1}",
                kind,
                scale,
                text.len() as f64 / 1e6,
                d,
                d.as_secs_f64() / b.as_secs_f64()
            );
        }
    }
}
