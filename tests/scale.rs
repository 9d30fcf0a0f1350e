//! Corpus input, parallel extraction and merging: JSON Lines, thread
//! counts, input order, `merge` and `build --into`.

use crate::corpus;
use crate::util::{dir_with, ok, run};
use newsgraph::KnowledgeGraph;
use proptest::prelude::*;

fn graph(text: &str) -> KnowledgeGraph {
    KnowledgeGraph::load_str(text, "out").unwrap()
}

const FEED: &str = r#"{"id": "wire-1", "text": "Iran-backed Hezbollah fired rockets at Israel.", "date": "2024-08-05", "title": "Rockets", "url": "https://example.org/1"}
{"id": "wire-2", "text": "Egypt urged Israel to stop.", "date": "2024-08-06"}
this is not json
{"id": "wire-3"}

{"text": "Turkey condemned Greece.", "id": 4}
"#;

#[test]
fn json_lines_records_flow_into_the_evidence() {
    let d = dir_with(&[("feed.jsonl", FEED.as_bytes())]);
    let out = run(d.path(), &["build", "feed.jsonl"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newsgraph: warning: feed.jsonl:3: bad record: expected"),
        "{err}"
    );
    assert!(
        err.contains("newsgraph: warning: feed.jsonl:4: bad record: missing field `text`; skipped"),
        "{err}"
    );
    assert!(
        err.contains("3 article(s) read, 2 bad record(s) skipped"),
        "{err}"
    );
    let g = graph(&String::from_utf8(out.stdout).unwrap());
    let ev = &g
        .relation("iran", "backs", "hezbollah")
        .unwrap()
        .evidence
        .first()
        .unwrap();
    assert_eq!(ev.doc, "wire-1");
    assert_eq!(ev.date.as_deref(), Some("2024-08-05"));
    assert_eq!(ev.title.as_deref(), Some("Rockets"));
    assert_eq!(ev.url.as_deref(), Some("https://example.org/1"));
    assert_eq!(
        g.relation("turkey", "condemned", "greece")
            .unwrap()
            .evidence
            .first()
            .unwrap()
            .doc,
        "4"
    );
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["4", "wire-1", "wire-2"]);
}

#[test]
fn globs_expand_to_sorted_files() {
    let d = dir_with(&[
        ("a/one.txt", corpus::WIRE.as_bytes()),
        ("a/two.txt", b"Iran-backed Hamas."),
        ("a/skip.md", b"Iran-backed Hezbollah."),
    ]);
    let g = graph(&ok(d.path(), &["build", "a/*.txt"]));
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["a/one.txt", "a/two.txt"]);
    let out = run(d.path(), &["build", "nothing/*.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no file matches this pattern"));
}

const ARTICLES: usize = 120;

fn many_articles() -> tempfile::TempDir {
    let texts = [
        corpus::WIRE,
        "Iran-backed Hezbollah fired rockets at Israel. Israel struck Lebanon.",
        "Turkish President Kemal Ozturk met Greek Prime Minister Nikos Petrou. Turkey condemned Greece.",
        "Al-Shabaab launched three attacks on Kenya. Kenya urged Somalia to act.",
        "The Houthis are funded, trained and armed by Iran. The group attacked Saudi Arabia.",
    ];
    // 120 articles: each text 24 times, more than the 20 evidence sentences
    // an edge keeps, so the weights count past what is kept
    let files: Vec<(String, Vec<u8>)> = (0..ARTICLES)
        .map(|i| {
            (
                format!("in/{i:03}.txt"),
                texts[i % texts.len()].as_bytes().to_vec(),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    dir_with(&refs)
}

#[test]
fn same_graph_for_any_thread_count_and_input_order() {
    let d = many_articles();
    let one = ok(d.path(), &["build", "in", "--threads", "1"]);
    let two = ok(d.path(), &["build", "in", "--threads", "2"]);
    let four = ok(d.path(), &["build", "in", "--threads", "4", "--quiet"]);
    assert_eq!(one, two);
    assert_eq!(one, four);
    let reversed: Vec<String> = (0..ARTICLES)
        .rev()
        .map(|i| format!("in/{i:03}.txt"))
        .collect();
    let mut args = vec!["build", "--threads", "2"];
    args.extend(reversed.iter().map(String::as_str));
    assert_eq!(ok(d.path(), &args), one);
}

#[test]
fn merge_of_shards_equals_one_build() {
    let d = many_articles();
    let whole = ok(d.path(), &["build", "in"]);
    let g = KnowledgeGraph::load_str(&whole, "whole.ron").unwrap();
    let r = g.relation("iran", "backs", "hezbollah").unwrap();
    assert_eq!(r.weight(), 48, "stated once in each of 2 × 24 articles");
    assert_eq!(
        r.evidence.len(),
        newsgraph::relations::relation::MAX_EVIDENCE
    );
    ok(d.path(), &["build", "in/0[0-4]*.txt", "-o", "a.ron"]);
    ok(d.path(), &["build", "in/0[5-9]*.txt", "-o", "b.json"]);
    ok(d.path(), &["build", "in/1*.txt", "-o", "c.graphml"]);
    assert_eq!(
        ok(d.path(), &["merge", "a.ron", "b.json", "c.graphml"]),
        whole
    );
    assert_eq!(
        ok(
            d.path(),
            &["merge", "c.graphml", "a.ron", "b.json", "a.ron"]
        ),
        whole,
        "order and repeats do not matter"
    );
}

#[test]
fn build_into_adds_new_articles_once() {
    let d = many_articles();
    let whole = ok(d.path(), &["build", "in"]);
    ok(d.path(), &["build", "in/00*.txt", "-o", "g.ron"]);
    let out = run(d.path(), &["build", "in", "--into", "g.ron"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("(10 already in the graph)"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("g.ron")).unwrap(),
        whole
    );
    // again: nothing changes
    ok(d.path(), &["build", "in", "--into", "g.ron", "--quiet"]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("g.ron")).unwrap(),
        whole
    );
}

// ------------------------------------------------------------ merge properties

/// A random graph of one article: edges among a few states.
fn random_graph(doc: u8, edges: Vec<(u8, u8, u8)>) -> KnowledgeGraph {
    let names = ["Iran", "Iraq", "Syria", "Israel", "Egypt", "Jordan"];
    let verbs = ["condemned", "urged", "threatened", "blamed"];
    let text: String = edges
        .iter()
        .filter(|(a, _, b)| a % 6 != b % 6)
        .map(|(a, v, b)| {
            format!(
                "{} {} {}. ",
                names[*a as usize % 6],
                verbs[*v as usize % 4],
                names[*b as usize % 6]
            )
        })
        .collect();
    // an id names one article: the same id always comes with the same text
    let id = format!("doc-{}-{}", doc % 3, text);
    newsgraph::extract_article(
        &newsgraph::Article::new(id, text),
        newsgraph::Lexicon::embedded(),
    )
}

fn merged(parts: &[&KnowledgeGraph]) -> newsgraph::graph::GraphFile {
    let mut g = KnowledgeGraph::new();
    for p in parts {
        g.merge(p);
    }
    // absorbing (by move) gives the same graph as merging (by copy)
    let mut h = KnowledgeGraph::new();
    for p in parts {
        h.absorb((*p).clone());
    }
    assert_eq!(h.to_file(), g.to_file());
    g.to_file()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_associative_commutative_and_idempotent(
        a in (any::<u8>(), prop::collection::vec((0u8..6, 0u8..4, 0u8..6), 0..6)),
        b in (any::<u8>(), prop::collection::vec((0u8..6, 0u8..4, 0u8..6), 0..6)),
        c in (any::<u8>(), prop::collection::vec((0u8..6, 0u8..4, 0u8..6), 0..6)),
    ) {
        let (ga, gb, gc) = (random_graph(a.0, a.1), random_graph(b.0, b.1), random_graph(c.0, c.1));
        // commutative
        prop_assert_eq!(merged(&[&ga, &gb]), merged(&[&gb, &ga]));
        // associative
        let mut ab = ga.clone();
        ab.merge(&gb);
        let mut bc = gb.clone();
        bc.merge(&gc);
        prop_assert_eq!(merged(&[&ab, &gc]), merged(&[&ga, &bc]));
        // idempotent for the same article
        prop_assert_eq!(merged(&[&ga, &ga]), ga.to_file());
        prop_assert_eq!(merged(&[&ab, &ga]), ab.to_file());
    }
}
