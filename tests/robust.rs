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
    assert_eq!(g.documents().len(), 1);
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

/// Size of the long-line test: 100 MB where CI asks for it
/// (`NEWSGRAPH_FULL_SIZE=1`), 10 MB otherwise, to keep local runs short.
fn long_line_bytes() -> usize {
    if std::env::var_os("NEWSGRAPH_FULL_SIZE").is_some() {
        100_000_000
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

/// Every input a fuzzer ever crashed on (tests/data/fuzz/TARGET/) runs
/// through the same code again, and must not.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = crate::util::root().join("tests/data/fuzz");
    let mut checked = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for case in std::fs::read_dir(&target).unwrap() {
            let bytes = std::fs::read(case.unwrap().path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            match name.as_str() {
                "extract" => {
                    let g = newsgraph::extract_article(
                        &newsgraph::Article::new("fuzz", text.as_ref()),
                        newsgraph::Lexicon::embedded(),
                    );
                    let ron = newsgraph::export::ron::to_string(&g);
                    assert_eq!(
                        KnowledgeGraph::load_str(&ron, "fuzz.ron")
                            .unwrap()
                            .to_file(),
                        g.to_file()
                    );
                }
                "load_jsonl" => {
                    for (i, line) in text.lines().enumerate() {
                        let _ = newsgraph::input::parse_record(
                            std::path::Path::new("fuzz.jsonl"),
                            i + 1,
                            line,
                        );
                    }
                    let _ = newsgraph::input::looks_like_json_lines(&bytes);
                }
                "load_ron" => drop(newsgraph::export::ron::from_str(&text, "fuzz.ron")),
                "load_json" => drop(newsgraph::export::json::from_str(&text, "fuzz.json")),
                "load_graphml" => drop(newsgraph::export::graphml::from_str(&text, "fuzz.graphml")),
                "lexicon" => drop(
                    newsgraph::LexiconBuilder::new()
                        .add_source("fuzz.ron", &text)
                        .map(|b| b.build()),
                ),
                "query" => {
                    if let Ok(q) = newsgraph::query::Query::parse(&text) {
                        let g = KnowledgeGraph::load(&crate::util::root().join("graphs/seed.ron"))
                            .unwrap();
                        let _ = newsgraph::query::run(&g, &q);
                    }
                }
                other => panic!("unknown fuzz target directory {other}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 1);
}
