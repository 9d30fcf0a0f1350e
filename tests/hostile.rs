//! Arbitrary bytes and strings for the readers of untrusted input (issue
//! 17): the JSON Lines reader and each graph loader (RON, JSON, GraphML,
//! CSV) give an article or a graph, or an error that names the file; they
//! never panic.
//!
//! This is the stable-toolchain stand-in for the cargo-fuzz targets in
//! `fuzz/`. A longer run is
//! `PROPTEST_CASES=100000 cargo test --release --test integration hostile`.

use newsgraph::formats::{graphml, json, ron};
use newsgraph::text::input::{self, Corpus, ReadOptions};
use newsgraph::KnowledgeGraph;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A small real graph in each format, for mutation: random bytes alone
/// rarely get past a parser's first character.
fn seeds() -> &'static [(&'static str, String); 3] {
    static SEEDS: OnceLock<[(&str, String); 3]> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let g = newsgraph::extract_article(
            &newsgraph::Article::new(
                "a.txt",
                "Iran-backed Hezbollah fired rockets at Israel. Egypt urged Israel to stop.",
            ),
            newsgraph::Lexicon::embedded(),
        );
        [
            ("g.ron", ron::to_string(&g)),
            ("g.json", json::to_string(&g)),
            ("g.graphml", graphml::to_string(&g)),
        ]
    })
}

/// An edit of a text: cut it, or overwrite, insert or delete a few bytes.
#[derive(Clone, Debug)]
enum Edit {
    Cut(usize),
    Put(usize, Vec<u8>),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let bytes = prop::collection::vec(
        prop_oneof![
            any::<u8>(),
            prop::sample::select(b"{}[]()<>\"':,/\\0123456789-. \n".to_vec())
        ],
        1..6,
    );
    let edit = prop_oneof![
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), bytes.clone()).prop_map(|(i, b)| Edit::Put(i, b)),
        (any::<usize>(), bytes).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
    ];
    prop::collection::vec(edit, 1..4)
}

fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match e {
            Edit::Cut(i) => b.truncate(at(*i, b.len())),
            Edit::Put(i, x) => {
                let i = at(*i, b.len());
                for (k, c) in x.iter().enumerate() {
                    if i + k < b.len() {
                        b[i + k] = *c;
                    }
                }
            }
            Edit::Insert(i, x) => {
                let i = at(*i, b.len());
                b.splice(i..i, x.iter().copied());
            }
            Edit::Delete(i, n) => {
                let i = at(*i, b.len());
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
        }
    }
    b
}

/// Loading `text` as `origin` gives a graph or an error naming `origin`.
fn loads_cleanly(origin: &str, text: &str) -> Result<(), TestCaseError> {
    for (name, result) in [
        ("load_str", KnowledgeGraph::load_str(text, origin)),
        ("ron", ron::from_str(text, origin)),
        ("json", json::from_str(text, origin)),
        ("graphml", graphml::from_str(text, origin)),
    ] {
        if let Err(e) = result {
            let msg = e.to_string();
            prop_assert!(msg.starts_with(origin), "{name}: {msg}");
            prop_assert!(!msg.contains('\n'), "{name}: one line: {msg}");
        }
    }
    Ok(())
}

/// Reads `bytes` as a JSON Lines file through the corpus reader.
fn read_json_lines(dir: &Path, bytes: &[u8], strict: bool) -> Result<usize, String> {
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, bytes).unwrap();
    let corpus = Corpus::open(
        &[path],
        ReadOptions {
            strict,
            ..Default::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let mut articles = 0;
    let summary = corpus
        .read(
            1 << 16,
            |batch, _| {
                articles += batch.len();
                Ok(())
            },
            |_| {},
        )
        .map_err(|e| e.to_string())?;
    assert_eq!(summary.articles, articles);
    Ok(articles)
}

proptest! {
    #[test]
    fn json_lines_records_never_panic(text in "\\PC*", line in 1usize..10_000) {
        match input::parse_record(Path::new("feed.jsonl"), line, &text) {
            Ok(r) => prop_assert!(!r.article.id.is_empty()),
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    #[test]
    fn json_lines_files_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        records in prop::collection::vec(("[a-z ]{0,20}", any::<bool>()), 0..5),
        strict in any::<bool>(),
    ) {
        let d = tempfile::tempdir().unwrap();
        // arbitrary bytes, between records that must still be read
        let mut feed = Vec::new();
        let mut good = 0;
        for (text, valid) in &records {
            if *valid {
                feed.extend(serde_json::json!({"text": text, "x": [1]}).to_string().bytes());
                good += 1;
            } else {
                feed.extend_from_slice(&bytes);
            }
            feed.push(b'\n');
        }
        match read_json_lines(d.path(), &feed, strict) {
            Ok(n) => prop_assert!(n >= good, "{n} < {good}"),
            Err(e) => {
                prop_assert!(strict, "only --strict stops a read: {e}");
                prop_assert!(e.contains("feed.jsonl:"), "{e}");
            }
        }
        let whole = read_json_lines(d.path(), &bytes, strict);
        if let Err(e) = whole {
            prop_assert!(strict && e.contains("feed.jsonl:"), "{e}");
        }
    }

    #[test]
    fn graph_loaders_never_panic_on_any_text(text in "\\PC*") {
        loads_cleanly("any.graph", &text)?;
    }

    #[test]
    fn graph_loaders_never_panic_on_edited_graphs(which in 0usize..3, edits in edits()) {
        let (origin, text) = &seeds()[which];
        let bytes = apply(text, &edits);
        match String::from_utf8(bytes) {
            Ok(text) => loads_cleanly(origin, &text)?,
            Err(e) => {
                // as a file: invalid UTF-8 is an error with its place
                let d = tempfile::tempdir().unwrap();
                let path: PathBuf = d.path().join(origin);
                std::fs::write(&path, e.as_bytes()).unwrap();
                let err = KnowledgeGraph::load(&path).unwrap_err().to_string();
                prop_assert!(err.contains("invalid UTF-8"), "{err}");
            }
        }
    }

    #[test]
    fn csv_graph_directories_never_panic(
        file in 0usize..4,
        edits in edits(),
    ) {
        let g = KnowledgeGraph::load_str(&seeds()[0].1, "g.ron").unwrap();
        let files = newsgraph::formats::csv::to_files(&g);
        let d = tempfile::tempdir().unwrap();
        for (i, (name, text)) in files.iter().enumerate() {
            let bytes = if i == file { apply(text, &edits) } else { text.clone().into_bytes() };
            std::fs::write(d.path().join(name), bytes).unwrap();
        }
        if let Err(e) = KnowledgeGraph::load(d.path()) {
            let msg = e.to_string();
            let dir = d.path().display().to_string();
            prop_assert!(msg.starts_with(&dir), "{msg}");
        }
    }
}
