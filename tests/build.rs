//! `newsgraph build`: inputs, formats, outputs, errors.

use crate::corpus;
use crate::util::{dir_with, fails, ok, run};
use newsgraph::KnowledgeGraph;

fn graph_of(text: &str) -> KnowledgeGraph {
    KnowledgeGraph::load_str(text, "<output>").expect("newsgraph wrote a graph it can read")
}

#[test]
fn ron_on_stdout_by_default() {
    let d = dir_with(&[("a.txt", corpus::WIRE.as_bytes())]);
    let out = ok(d.path(), &["build", "a.txt"]);
    assert!(out.trim_start().starts_with('('), "{out}");
    let g = graph_of(&out);
    assert_eq!(g.articles()[0].id, "a.txt");
    assert!(g.relation("syria", "condemned", "israel").is_some());
}

#[test]
fn format_from_extension_and_flag() {
    let d = dir_with(&[("a.txt", corpus::WIRE.as_bytes())]);
    ok(d.path(), &["build", "a.txt", "-o", "g.json"]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("g.json")).unwrap()).unwrap();
    assert_eq!(json["directed"], true);
    assert_eq!(json["multigraph"], true);
    ok(
        d.path(),
        &["build", "a.txt", "-o", "g.out", "--format", "dot"],
    );
    let dot = std::fs::read_to_string(d.path().join("g.out")).unwrap();
    assert!(dot.starts_with("digraph newsgraph {"), "{dot}");
    let dot2 = ok(d.path(), &["build", "a.txt", "--format", "DOT"]);
    assert_eq!(dot, dot2);
}

#[test]
fn directories_are_read_recursively_and_stdin_works() {
    let d = dir_with(&[
        ("in/one.txt", corpus::WIRE.as_bytes()),
        (
            "in/sub/two.txt",
            b"Iran-backed Hezbollah fired rockets at Israel.\n",
        ),
        ("in/.hidden", b"\0\0binary"),
    ]);
    let g = graph_of(&ok(d.path(), &["build", "in"]));
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["in/one.txt", "in/sub/two.txt"]);
    let out = run(
        d.path(),
        &["build", "-"],
        Some(b"Iran-backed Hezbollah fired rockets."),
    );
    assert!(out.status.success());
    let g = graph_of(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(g.articles()[0].id, "<stdin>");
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
}

#[test]
fn wire_article_facts() {
    let d = dir_with(&[("a.txt", corpus::WIRE.as_bytes())]);
    let g = graph_of(&ok(d.path(), &["build", "a.txt"]));
    let want = [
        ("syria", "condemned", "israel"),
        ("karim-haddad", "member_of", "syria"),
        ("sergei-volkov", "member_of", "russia"),
        ("karim-haddad", "met", "sergei-volkov"),
        ("karim-haddad", "urged", "russia"),
        ("iran", "backs", "hezbollah"),
        ("hezbollah", "threatened", "israel"),
        ("hezbollah", "attacked", "israel"),
    ];
    for (s, k, t) in want {
        assert!(
            g.relation(s, k, t).is_some(),
            "missing {s} {k} {t}; have:\n{}",
            newsgraph::formats::ron::to_string(&g)
        );
    }
    // negation: "Israel has not commented" gives nothing; a place is not a target
    assert!(g.relation("israel", "attacked", "damascus").is_none());
    assert_eq!(
        g.entity("damascus").map(|e| e.kind),
        Some(newsgraph::EntityKind::Place)
    );
}

/// An empty article is nothing found (exit 1, nothing written), not an
/// empty graph and success (issue 17).
#[test]
fn empty_file_is_nothing_found() {
    let d = dir_with(&[("empty.txt", b"")]);
    for args in [&["build", "empty.txt"][..], &["build", "-"]] {
        let out = run(d.path(), args, Some(b""));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no article text in the input"),
            "{args:?}"
        );
    }
}

#[test]
fn plain_text_gives_no_edges() {
    let d = dir_with(&[("a.txt", corpus::PLAIN.as_bytes())]);
    let g = graph_of(&ok(d.path(), &["build", "a.txt"]));
    assert_eq!(g.relation_count(), 0);
}

#[test]
fn bad_inputs_give_one_clear_line_and_exit_2() {
    let d = dir_with(&[
        ("bin.dat", b"GIF89a\0\x01\x02"),
        ("latin1.txt", b"Iran\nrejected caf\xe9 talks"),
    ]);
    let rows: &[(&[&str], &str)] = &[
        (&["build", "missing.txt"], "newsgraph: error: missing.txt: no such file or directory"),
        (&["build", "bin.dat", "--strict"], "newsgraph: error: bin.dat: looks like a binary file (NUL byte at offset 6), not an article"),
        (&["build", "latin1.txt", "--strict"], "newsgraph: error: latin1.txt:2:13: invalid UTF-8"),
        (&["build", "latin1.txt", "--format", "xml"], "newsgraph: error: unknown format 'xml'"),
    ];
    for (args, want) in rows {
        let err = fails(d.path(), args, 2);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with(want),
            "{args:?}: got {err:?}, want prefix {want:?}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn failed_run_leaves_existing_output_untouched() {
    let d = dir_with(&[("out.json", b"previous"), ("bin.dat", b"\0")]);
    fails(
        d.path(),
        &["build", "bin.dat", "-o", "out.json", "--strict"],
        2,
    );
    assert_eq!(
        std::fs::read(d.path().join("out.json")).unwrap(),
        b"previous"
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn refuses_to_overwrite_an_input() {
    let d = dir_with(&[("a.txt", corpus::WIRE.as_bytes())]);
    let err = fails(
        d.path(),
        &["build", "a.txt", "-o", "a.txt", "--format", "json"],
        2,
    );
    assert!(err.contains("is one of the inputs"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt")).unwrap(),
        corpus::WIRE
    );
}

#[test]
fn ron_round_trip_gives_an_equal_graph() {
    let d = dir_with(&[("a.txt", corpus::WIRE.as_bytes())]);
    let ron = ok(d.path(), &["build", "a.txt"]);
    let g = graph_of(&ron);
    assert_eq!(newsgraph::formats::ron::to_string(&g), ron);
    let json = ok(d.path(), &["build", "a.txt", "--format", "json"]);
    let from_json = graph_of(&json);
    assert_eq!(from_json.to_file(), g.to_file());
}

#[test]
fn output_is_deterministic() {
    let d = dir_with(&[
        ("a.txt", corpus::WIRE.as_bytes()),
        ("b.txt", b"Iran-backed Hezbollah fired rockets."),
    ]);
    let one = ok(d.path(), &["build", "a.txt", "b.txt"]);
    let two = ok(d.path(), &["build", "b.txt", "a.txt"]);
    assert_eq!(one, two);
}

#[test]
fn date_flows_into_the_evidence() {
    let d = dir_with(&[("a.txt", b"Iran-backed Hezbollah fired rockets.")]);
    let g = graph_of(&ok(d.path(), &["build", "a.txt", "--date", "2024-08-06"]));
    let r = g.relation("iran", "backs", "hezbollah").unwrap();
    assert_eq!(
        r.evidence.first().unwrap().date.as_deref(),
        Some("2024-08-06")
    );
}

#[test]
fn event_dates_are_resolved_against_the_article_date() {
    let d = dir_with(&[("a.txt", b"Israel struck Gaza on Monday. On Aug. 2, Iran-backed Hezbollah fired rockets. Egypt urged calm.")]);
    let g = graph_of(&ok(d.path(), &["build", "a.txt", "--date", "2024-08-07"]));
    let date = |s: &str, k: &str, t: &str| {
        g.relation(s, k, t)
            .unwrap()
            .evidence
            .first()
            .unwrap()
            .event_date
            .clone()
    };
    assert_eq!(
        date("israel", "attacked", "gaza").as_deref(),
        Some("2024-08-05"),
        "the Monday before a Wednesday"
    );
    assert_eq!(
        date("iran", "backs", "hezbollah").as_deref(),
        Some("2024-08-02")
    );
    // without an article date, a weekday or a day without a year cannot be placed
    let g = graph_of(&ok(d.path(), &["build", "a.txt"]));
    assert_eq!(
        g.relation("israel", "attacked", "gaza")
            .unwrap()
            .evidence
            .first()
            .unwrap()
            .event_date,
        None
    );
}
