//! Issue 17, "What users actually feed it: no silent loss, safe outputs,
//! honest errors": each test reproduces one finding of the probe with
//! careless and hostile inputs.

use crate::util::{dir_with, fails, ok, run};
use newsgraph::KnowledgeGraph;

fn graph(out: &[u8]) -> KnowledgeGraph {
    KnowledgeGraph::load_str(std::str::from_utf8(out).unwrap(), "out").unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A record of a real news dump: fields newsgraph does not read.
const DUMP: &str = r#"{"id": "d1", "lang": "en", "tags": ["mideast"], "authors": ["A. Writer"], "title": "Rockets", "text": "Iran-backed Hezbollah fired rockets at Israel."}
{"id": "d2", "lang": "en", "text": "Egypt urged Israel to stop.", "extra": {"nested": [1, 2]}}
"#;

#[test]
fn json_lines_records_with_unknown_fields_are_read() {
    let d = dir_with(&[("dump.jsonl", DUMP.as_bytes())]);
    let out = run(d.path(), &["build", "dump.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("skipped"), "{}", stderr(&out));
    let g = graph(&out.stdout);
    let docs: Vec<&str> = g.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["d1", "d2"]);
    assert_eq!(g.documents()[0].title.as_deref(), Some("Rockets"));
    let ev = g.relation("iran", "backs", "hezbollah").unwrap();
    assert_eq!(
        ev.evidence.first().unwrap().title.as_deref(),
        Some("Rockets")
    );
    // the fields are named once, with --verbose only
    let out = run(d.path(), &["build", "dump.jsonl", "--verbose"], None);
    let err = stderr(&out);
    assert_eq!(
        err.matches("does not read").count(),
        1,
        "listed once: {err}"
    );
    assert!(
        err.contains("JSON Lines fields newsgraph does not read, ignored: authors (first in dump.jsonl:1), extra (first in dump.jsonl:2), lang (first in dump.jsonl:1), tags (first in dump.jsonl:1)"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_does_not_cost_the_first_record() {
    let mut feed = b"\xef\xbb\xbf".to_vec();
    feed.extend_from_slice(DUMP.as_bytes());
    let d = dir_with(&[("bom.jsonl", &feed)]);
    let out = run(d.path(), &["build", "bom.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    assert_eq!(g.documents().len(), 2, "{}", stderr(&out));
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
}

#[test]
fn invalid_utf8_in_a_record_warns_and_is_an_error_under_strict() {
    let feed = b"{\"id\": \"a\", \"text\": \"Egypt urged Israel to stop.\"}\n{\"id\": \"b\", \"text\": \"Iran-backed Hezbollah \xff fired rockets.\"}\n";
    let d = dir_with(&[("feed.jsonl", feed)]);
    let out = run(d.path(), &["build", "feed.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("newsgraph: warning: feed.jsonl:2: invalid UTF-8 from column 44: 1 byte(s) replaced with U+FFFD"),
        "{}",
        stderr(&out)
    );
    let g = graph(&out.stdout);
    assert_eq!(g.documents().len(), 2);
    let err = fails(d.path(), &["build", "feed.jsonl", "--strict"], 2);
    assert_eq!(
        err,
        "newsgraph: error: feed.jsonl:2:44: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)\n"
    );
}

#[test]
fn empty_input_or_every_record_skipped_is_nothing_found() {
    let d = dir_with(&[
        ("empty.jsonl", b""),
        ("bad.jsonl", b"not json\n{\"id\": 1}\n"),
        ("blank.txt", b"\n \t\n"),
        ("out.ron", b"precious"),
    ]);
    let rows: [(&[&str], &str); 4] = [
        (
            &["build", "empty.jsonl"],
            "newsgraph: no article text in the input (no article read); nothing written\n",
        ),
        (
            &["build", "bad.jsonl"],
            "(no article read, 2 bad record(s) skipped); nothing written\n",
        ),
        (
            &["build", "blank.txt", "-o", "out.ron"],
            "(1 article(s) read, all blank); nothing written\n",
        ),
        (
            &["build", "-"],
            "newsgraph: no article text in the input (1 article(s) read, all blank); nothing written\n",
        ),
    ];
    for (args, want) in rows {
        let out = run(d.path(), args, Some(b""));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).ends_with(want), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(
        std::fs::read(d.path().join("out.ron")).unwrap(),
        b"precious"
    );
}

#[test]
fn json_lines_on_standard_input() {
    let d = dir_with(&[]);
    let out = run(d.path(), &["build", "-"], Some(DUMP.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    let docs: Vec<&str> = g.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["d1", "d2"]);
    // told explicitly: records without ids are named after standard input
    let out = run(
        d.path(),
        &["build", "-", "--input-format", "jsonl"],
        Some(b"\n{\"text\": \"Iran-backed Hezbollah fired rockets.\"}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    assert_eq!(g.documents()[0].id, "<stdin>:2");
    // and plain text stays plain text, even when it starts with a brace
    let out = run(
        d.path(),
        &["build", "-"],
        Some(b"{Draft} Iran-backed Hezbollah fired rockets.\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    assert_eq!(g.documents()[0].id, "<stdin>");
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    // and --input-format text reads a record as text
    let out = run(
        d.path(),
        &["build", "-", "--input-format", "text"],
        Some(DUMP.as_bytes()),
    );
    let g = graph(&out.stdout);
    assert_eq!(g.documents()[0].id, "<stdin>");
}

/// A directory that holds newsgraph's own earlier outputs: only article
/// files are read, and what was not read is counted (named with --verbose).
#[test]
fn directories_give_only_article_files() {
    let d = dir_with(&[
        ("in/a.txt", b"Iran-backed Hezbollah fired rockets."),
        ("in/notes.md", b"Egypt urged Israel to stop."),
        (
            "in/feed.ndjson",
            b"{\"id\": \"n1\", \"text\": \"Turkey condemned Greece.\"}\n",
        ),
        (
            "in/FEED2.JSONL",
            b"{\"id\": \"n2\", \"text\": \"Syria condemned Israel.\"}\n",
        ),
        (
            "in/graph.html",
            b"<html><body>Iran-backed Hamas fired rockets.</body></html>",
        ),
        ("in/graph.ron", b"(version: 1)"),
        ("in/graph.json", b"{}"),
        ("in/graph.dot", b"digraph { iran -> hamas }"),
        ("in/named.html", b"Iran-backed Hamas fired rockets."),
    ]);
    let out = run(d.path(), &["build", "in"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    let docs: Vec<&str> = g.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["in/a.txt", "in/notes.md", "n1", "n2"]);
    assert!(g.entity("hamas").is_none());
    let err = stderr(&out);
    assert!(
        err.contains("5 file(s) not read (not .txt, .md, .jsonl or .ndjson; --verbose names them)"),
        "{err}"
    );
    let out = run(d.path(), &["build", "in", "--verbose"], None);
    let err = stderr(&out);
    for f in [
        "graph.dot",
        "graph.html",
        "graph.json",
        "graph.ron",
        "named.html",
    ] {
        assert!(
            err.contains(&format!("newsgraph: in/{f}: not read (not an article file")),
            "{f}: {err}"
        );
    }
    // a file named on the command line is read whatever its name
    let g = graph(ok(d.path(), &["build", "in/named.html"]).as_bytes());
    assert!(g.relation("iran", "backs", "hamas").is_some());
    // a directory of nothing but outputs is nothing found
    let d = dir_with(&[("out/graph.html", b"<html></html>"), ("out/g.ron", b"()")]);
    let err = fails(d.path(), &["build", "out"], 1);
    assert!(
        err.contains("(no article read, 2 file(s) not read (not .txt, .md, .jsonl or .ndjson; --verbose names them)); nothing written"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_dangling_links() {
    use std::os::unix::fs::symlink;
    let d = dir_with(&[
        ("in/a.txt", b"Iran-backed Hezbollah fired rockets."),
        ("in/sub/b.txt", b"Egypt urged Israel to stop."),
    ]);
    let p = d.path();
    // two loops, a link to a file beside it, a link to a directory, a dangling link
    symlink("..", p.join("in/sub/up")).unwrap();
    symlink(".", p.join("in/sub/here")).unwrap();
    symlink("a.txt", p.join("in/same.txt")).unwrap();
    symlink("sub", p.join("in/again")).unwrap();
    symlink("gone.txt", p.join("in/dangling.txt")).unwrap();
    for input in ["in", "in/**/*.txt"] {
        let out = run(p, &["build", input, "--format", "json"], None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{input}: {err}");
        let g = graph(&out.stdout);
        let docs: Vec<&str> = g.documents().iter().map(|d| d.id.as_str()).collect();
        // each real file once, under its first name in sorted order
        assert_eq!(docs, ["in/a.txt", "in/again/b.txt"], "{input}");
        let r = g.relation("iran", "backs", "hezbollah").unwrap();
        assert_eq!(r.weight(), 1, "{input}: read once");
        assert!(
            err.contains("newsgraph: warning: in/dangling.txt: dangling symbolic link (to gone.txt, which does not exist); skipped"),
            "{input}: {err}"
        );
        assert!(
            err.contains("in/sub/up: symbolic link loop"),
            "{input}: {err}"
        );
        assert!(
            err.contains("in/sub/here: symbolic link loop"),
            "{input}: {err}"
        );
    }
    // a dangling link named on the command line is an error
    let err = fails(p, &["build", "in/dangling.txt"], 2);
    assert_eq!(
        err,
        "newsgraph: error: in/dangling.txt: no such file or directory\n"
    );
}
