//! Bad input and faults: no panic, no lost or corrupt output. The big inputs
//! are generated here, at test time.

use crate::util::{dir_with, fails, ok, run};
use newsgraph::KnowledgeGraph;
use std::io::Read;
use std::process::Stdio;

fn graph(out: &str) -> KnowledgeGraph {
    KnowledgeGraph::load_str(out, "out").unwrap()
}

#[test]
fn invalid_utf8_is_repaired_with_a_counting_warning() {
    let d = dir_with(&[(
        "a.txt",
        b"Iran-backed Hezbollah \xff\xfe fired at Israel.\n",
    )]);
    let out = run(d.path(), &["build", "a.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, "newsgraph: warning: a.txt: invalid UTF-8 from line 1, column 23: 2 byte(s) replaced with U+FFFD (--strict makes this an error)\n");
    let g = graph(&String::from_utf8(out.stdout).unwrap());
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    let err = fails(d.path(), &["build", "a.txt", "--strict"], 2);
    assert_eq!(err, "newsgraph: error: a.txt:1:23: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)\n");
}

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 1000));
    // a picture saved as .txt: a directory walk reads only article files
    // (issue 17), so the binary check is what keeps it out
    let d = dir_with(&[
        ("in/pic.txt", &png),
        ("in/a.txt", b"Iran-backed Hezbollah fired rockets."),
    ]);
    let out = run(d.path(), &["build", "in"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newsgraph: warning: in/pic.txt: looks like a binary file (NUL byte at offset 8); skipped"), "{err}");
    assert!(
        err.contains("1 article(s) read, 1 file(s) skipped"),
        "{err}"
    );
    let g = graph(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(g.articles().len(), 1);
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
}

#[test]
fn empty_and_blank_files() {
    let d = dir_with(&[
        ("empty.txt", b""),
        ("blank.txt", b"\n\n  \t\n"),
        ("bom.txt", b"\xef\xbb\xbf"),
    ]);
    for f in ["empty.txt", "blank.txt", "bom.txt"] {
        // nothing found (issue 17): exit 1, a note, no graph
        let err = fails(d.path(), &["build", f], 1);
        assert!(err.contains("1 article(s) read, all blank"), "{f}: {err}");
    }
}

/// Size of the long-line test: 50 MB where CI asks for it
/// (`NEWSGRAPH_FULL_SIZE=1`; the long article of issue 17, as a 100 MB line
/// took 4.5 minutes of CI's 20), 10 MB otherwise, to keep local runs short.
fn long_line_bytes() -> usize {
    if std::env::var_os("NEWSGRAPH_FULL_SIZE").is_some() {
        50_000_000
    } else {
        10_000_000
    }
}

#[test]
fn a_long_single_line() {
    // real prose with its line breaks lost, as a broken crawler delivers it
    let prose = std::fs::read_to_string(crate::util::root().join("data/articles/seed.txt"))
        .unwrap()
        .replace('\n', " ")
        + " ";
    let text = prose.repeat(long_line_bytes() / prose.len());
    let d = dir_with(&[("line.txt", text.as_bytes())]);
    drop(text);
    // the graph goes to a file and is asked about, not loaded into the test
    ok(
        d.path(),
        &["build", "line.txt", "-o", "line.json", "--quiet"],
    );
    let out = ok(
        d.path(),
        &[
            "query",
            "line.json",
            "Iran backs Hezbollah . ?x urged Iran",
            "--csv",
        ],
    );
    assert!(out.contains("United Kingdom"), "{out}");
    let stats: serde_json::Value =
        serde_json::from_str(&ok(d.path(), &["stats", "line.json", "--json"])).unwrap();
    assert!(stats["evidence"].as_u64().unwrap() > 1000);
}

#[test]
fn ten_thousand_capitalised_words() {
    let words: Vec<String> = (0..10_000)
        .map(|i| format!("Qa{}", i * 7919 % 100_000))
        .collect();
    let text = format!("{}. Iran-backed Hezbollah fired rockets.", words.join(" "));
    let d = dir_with(&[("caps.txt", text.as_bytes())]);
    let g = graph(&ok(d.path(), &["build", "caps.txt"]));
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
}

#[test]
fn five_thousand_coordinated_names() {
    let names = ["Egypt", "Jordan", "Qatar", "Oman", "Kuwait"];
    let list: Vec<&str> = (0..5_000).map(|i| names[i % names.len()]).collect();
    let text = format!("{} and Bahrain urged Iran to stop.", list.join(", "));
    let d = dir_with(&[("coord.txt", text.as_bytes())]);
    let g = graph(&ok(d.path(), &["build", "coord.txt"]));
    assert!(g.relation("bahrain", "urged", "iran").is_some());
}

#[test]
fn deeply_nested_brackets_and_quotes() {
    let text = format!(
        "{}Iran-backed Hezbollah{} {}",
        "(\"[“'".repeat(20_000),
        ")\"]”'".repeat(20_000),
        "«".repeat(50_000)
    );
    let d = dir_with(&[("nest.txt", text.as_bytes())]);
    let g = graph(&ok(d.path(), &["build", "nest.txt"]));
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
}

#[test]
fn malformed_graph_files_name_file_line_and_column() {
    let d = dir_with(&[
        ("bad.ron", b"(\n  version: 1,\n  documents: [}\n"),
        ("bad.json", b"{\n  \"directed\": true,\n  \"nodes\": [1, }\n"),
        ("bad.graphml", b"<?xml version=\"1.0\"?>\n<graphml><graph edgedefault=\"directed\"><node/></graph></graphml>\n"),
        ("empty.ron", b""),
        ("new.json", br#"{"directed": true, "multigraph": true, "graph": {"name": "newsgraph", "version": 7, "documents": [], "relation_types": []}, "nodes": [], "links": []}"#),
        ("bin.ron", b"\xff\xfe\0\0"),
    ]);
    let rows = [
        ("bad.ron", "newsgraph: error: bad.ron:3:"),
        ("bad.json", "newsgraph: error: bad.json:3:"),
        ("bad.graphml", "newsgraph: error: bad.graphml:2:"),
        ("empty.ron", "newsgraph: error: empty.ron:1:1: empty file"),
        ("new.json", "newsgraph: error: new.json: graph format version 7 needs a newer newsgraph (this one reads up to version 1)"),
        ("bin.ron", "newsgraph: error: bin.ron:1:1: invalid UTF-8"),
    ];
    for (file, want) in rows {
        let err = fails(d.path(), &["stats", file], 2);
        assert!(err.starts_with(want), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
    }
}

#[test]
fn existing_output_survives_every_failure() {
    let d = dir_with(&[
        ("out.json", b"precious"),
        ("bad.ron", b"(oops"),
        ("a.txt", b"Iran-backed Hezbollah."),
    ]);
    fails(d.path(), &["export", "bad.ron", "-o", "out.json"], 2);
    fails(
        d.path(),
        &["build", "a.txt", "missing.txt", "-o", "out.json"],
        2,
    );
    fails(
        d.path(),
        &["build", "a.txt", "-o", "out.json", "--lexicon", "nowhere"],
        2,
    );
    fails(
        d.path(),
        &["export", "bad.ron", "--format", "csv", "-o", "out.json"],
        2,
    );
    assert_eq!(
        std::fs::read(d.path().join("out.json")).unwrap(),
        b"precious"
    );
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn a_broken_pipe_ends_quietly_with_status_0() {
    let text = "Iran-backed Hezbollah fired rockets at Israel. ".repeat(20_000);
    let d = dir_with(&[("a.txt", text.as_bytes())]);
    let mut child = crate::util::newsgraph(d.path())
        .args(["build", "a.txt", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -c 16`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let d = dir_with(&[]);
    let out = run(d.path(), &["build"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(d.path(), &["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// Runs `f`; a panic fails the test naming the case and the loader.
fn no_panic<T>(case: &str, what: &str, f: impl FnOnce() -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| panic!("{what} panicked on {case}"))
}

/// `result` is `Ok`, or an error whose message names `file`.
fn ok_or_names<T, E: std::fmt::Display>(case: &str, what: &str, file: &str, result: Result<T, E>) {
    if let Err(e) = result {
        let msg = e.to_string();
        assert!(
            msg.contains(file),
            "{what} on {case}: the error does not name {file}: {msg}"
        );
        assert!(
            !msg.contains('\n'),
            "{what} on {case}: error on more than one line: {msg}"
        );
    }
}

/// Every input a fuzzer ever crashed on (tests/data/fuzz/TARGET/) runs
/// through the code of its target again, and through every reader: each
/// returns, without a panic, a result or an error that names the file.
#[test]
fn fuzz_crashes_stay_fixed() {
    use newsgraph::formats::{graphml, json, ron};
    use newsgraph::text::input::{Corpus, ReadOptions};
    let root = crate::util::root();
    let seed = KnowledgeGraph::load(&root.join("graphs/seed.ron")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut targets: Vec<_> = std::fs::read_dir(root.join("tests/data/fuzz"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    targets.sort();
    for target in targets {
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        let mut cases: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        cases.sort();
        for path in cases {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let case = format!("{name}/{file}");
            // the target's own code
            match name.as_str() {
                "extract" => no_panic(&case, "extract", || {
                    let g = newsgraph::extract_article(
                        &newsgraph::Article::new(file.as_str(), text.as_str()),
                        newsgraph::Lexicon::embedded(),
                    );
                    let back = KnowledgeGraph::load_str(&ron::to_string(&g), "fuzz.ron").unwrap();
                    assert_eq!(back.to_file(), g.to_file(), "{case}: RON round trip");
                }),
                "query" => no_panic(&case, "query", || {
                    if let Ok(q) = newsgraph::graph::query::Query::parse(&text) {
                        // stops with an answer or an error (the limits), in either case
                        let _answer_or_limit = newsgraph::graph::query::run(&seed, &q);
                    }
                }),
                "load_ron" | "load_json" | "load_graphml" | "load_jsonl" | "lexicon" => {}
                other => panic!("unknown fuzz target directory {other}"),
            }
            // every reader, whatever the target
            for ext in ["ron", "json", "graphml"] {
                let origin = format!("{file}.{ext}");
                let what = format!("load_str as .{ext}");
                let r = no_panic(&case, &what, || KnowledgeGraph::load_str(&text, &origin));
                ok_or_names(&case, &what, &origin, r);
            }
            let origin = format!("{file}.graph");
            let r = no_panic(&case, "ron::from_str", || ron::from_str(&text, &origin));
            ok_or_names(&case, "ron::from_str", &origin, r);
            let r = no_panic(&case, "json::from_str", || json::from_str(&text, &origin));
            ok_or_names(&case, "json::from_str", &origin, r);
            let r = no_panic(&case, "graphml::from_str", || {
                graphml::from_str(&text, &origin)
            });
            ok_or_names(&case, "graphml::from_str", &origin, r);
            let r = no_panic(&case, "lexicon", || {
                newsgraph::LexiconBuilder::new()
                    .add_source(&origin, &text)
                    .map(|b| b.build())
            });
            ok_or_names(&case, "lexicon", &origin, r);
            // as a JSON Lines file: skipped records are warnings naming it
            let jsonl = tmp.path().join(format!("{file}.jsonl"));
            std::fs::write(&jsonl, &bytes).unwrap();
            let mut warnings = Vec::new();
            let r = no_panic(&case, "JSON Lines", || {
                Corpus::open(std::slice::from_ref(&jsonl), ReadOptions::default())?.read(
                    1 << 20,
                    |_, _| Ok(()),
                    |w| warnings.push(w),
                )
            });
            let jsonl_name = format!("{file}.jsonl");
            ok_or_names(&case, "JSON Lines", &jsonl_name, r);
            for w in warnings {
                ok_or_names(&case, "JSON Lines warning", &jsonl_name, Err::<(), _>(w));
            }
            checked += 1;
        }
    }
    assert!(checked >= 2, "{checked} cases");
}
