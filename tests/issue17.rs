//! Issue 17, "What users actually feed it: no silent loss, safe outputs,
//! honest errors": each test reproduces one finding of the probe with
//! careless and hostile inputs.

use crate::util::{dir_with, fails, ok, run};
use newsgraph::KnowledgeGraph;

/// The names of the entries of folder `p`.
fn file_names(p: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(p)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

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
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["d1", "d2"]);
    assert_eq!(g.articles()[0].title.as_deref(), Some("Rockets"));
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
    assert_eq!(g.articles().len(), 2, "{}", stderr(&out));
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
    assert_eq!(g.articles().len(), 2);
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
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["d1", "d2"]);
    // told explicitly: records without ids are named after standard input
    let out = run(
        d.path(),
        &["build", "-", "--input-format", "jsonl"],
        Some(b"\n{\"text\": \"Iran-backed Hezbollah fired rockets.\"}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    assert_eq!(g.articles()[0].id, "<stdin>:2");
    // and plain text stays plain text, even when it starts with a brace
    let out = run(
        d.path(),
        &["build", "-"],
        Some(b"{Draft} Iran-backed Hezbollah fired rockets.\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = graph(&out.stdout);
    assert_eq!(g.articles()[0].id, "<stdin>");
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    // and --input-format text reads a record as text
    let out = run(
        d.path(),
        &["build", "-", "--input-format", "text"],
        Some(DUMP.as_bytes()),
    );
    let g = graph(&out.stdout);
    assert_eq!(g.articles()[0].id, "<stdin>");
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
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
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
        let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
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

/// A small graph in `format` (ron, json, graphml), written by newsgraph.
fn small_graph(dir: &std::path::Path, name: &str) -> String {
    std::fs::write(
        dir.join("small.txt"),
        "Iran-backed Hezbollah fired rockets at Israel.",
    )
    .unwrap();
    ok(dir, &["build", "small.txt", "-o", name]);
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// One error line, exit 2, no parser internals.
fn one_error(dir: &std::path::Path, args: &[&str]) -> String {
    let err = fails(dir, args, 2);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn truncated_graphml_is_an_error_at_its_end() {
    let d = dir_with(&[]);
    let seed = std::fs::read_to_string(crate::util::root().join("graphs/seed.graphml")).unwrap();
    let mut cut = seed.len() / 3;
    while !seed.is_char_boundary(cut) {
        cut -= 1;
    }
    std::fs::write(d.path().join("cut.graphml"), &seed[..cut]).unwrap();
    let err = one_error(d.path(), &["stats", "cut.graphml"]);
    let lines = seed[..cut].lines().count();
    assert!(
        err.starts_with(&format!("newsgraph: error: cut.graphml:{lines}:")),
        "{err}"
    );
    assert!(err.contains("unexpected end of file inside <"), "{err}");
    assert!(err.contains("the file is cut short"), "{err}");
    // cut right after a closed element too
    let at = seed.find("</node>").unwrap() + "</node>\n".len();
    std::fs::write(d.path().join("cut2.graphml"), &seed[..at]).unwrap();
    let err = one_error(d.path(), &["stats", "cut2.graphml"]);
    assert!(err.contains("inside <graph> (opened at"), "{err}");
}

#[test]
fn a_file_that_is_not_a_graph_says_so() {
    let d = dir_with(&[
        ("article.txt", b"Iran-backed Hezbollah fired rockets."),
        ("lexicon.ron", b"(entities: [(name: \"Iran\", kind: militia)])\n"),
        ("other.json", br#"{"name": "x", "values": [1, 2, 3]}"#),
        ("networkx.json", br#"{"directed": true, "multigraph": false, "graph": {}, "nodes": [{"id": 1}], "links": []}"#),
        ("page.xhtml", b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n"),
        ("graph.dot", b"digraph newsgraph { iran -> hezbollah }\n"),
        ("feed.jsonl", b"{\"id\": 1, \"text\": \"Iran-backed Hezbollah.\"}\n{\"id\": 2, \"text\": \"x\"}\n"),
    ]);
    let seed_html = crate::util::root().join("graphs/seed.html");
    std::fs::copy(&seed_html, d.path().join("seed.html")).unwrap();
    for f in [
        "article.txt",
        "lexicon.ron",
        "other.json",
        "networkx.json",
        "page.xhtml",
        "seed.html",
        "graph.dot",
        "feed.jsonl",
    ] {
        let err = one_error(d.path(), &["stats", f]);
        assert_eq!(
            err,
            format!(
                "newsgraph: error: {f}: not a newsgraph graph (RON, JSON or GraphML expected)\n"
            )
        );
    }
    // a directory without the CSV files
    std::fs::create_dir(d.path().join("folder")).unwrap();
    let err = one_error(d.path(), &["stats", "folder"]);
    assert!(
        err.starts_with("newsgraph: error: folder: not a newsgraph graph (a graph directory holds the nodes.csv and relationships.csv that export --format csv writes)"),
        "{err}"
    );
}

#[test]
fn inconsistent_graph_files_name_the_file_and_the_place() {
    let d = dir_with(&[]);
    let p = d.path();
    let ron = small_graph(p, "g.ron");
    let json = small_graph(p, "g.json");
    let graphml = small_graph(p, "g.graphml");
    let write = |name: &str, text: String| std::fs::write(p.join(name), text).unwrap();
    // duplicate entity ids
    write("dup.ron", ron.replace("id: \"iran\"", "id: \"hezbollah\""));
    write(
        "dup.json",
        json.replace("\"id\": \"iran\"", "\"id\": \"hezbollah\""),
    );
    write(
        "dup.graphml",
        graphml.replace("<node id=\"iran\">", "<node id=\"hezbollah\">"),
    );
    let node_line = |id: &str| {
        graphml
            .lines()
            .position(|l| l.contains(&format!("<node id=\"{id}\"")))
            .unwrap()
            + 1
    };
    // unknown relation types
    write(
        "type.ron",
        ron.replace("kind: \"backs\"", "kind: \"adores\""),
    );
    write(
        "type.json",
        json.replace("\"type\": \"backs\"", "\"type\": \"adores\""),
    );
    write(
        "type.graphml",
        graphml.replace(">backs</data>", ">adores</data>"),
    );
    let edge_line = graphml
        .lines()
        .position(|l| l.contains("source=\"iran\""))
        .unwrap()
        + 1;
    // an inverted evidence span
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let span = &mut v["links"][1]["evidence"][0]["span"];
    let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
    *span = serde_json::json!([b, a]);
    write("span.json", v.to_string());
    let rows = [
        ("dup.ron", "dup.ron: entities[1]: duplicate entity id \"hezbollah\" (first at entities[0])".to_string()),
        ("dup.json", "dup.json: nodes[1]: duplicate entity id \"hezbollah\" (first at nodes[0])".to_string()),
        ("dup.graphml", format!("dup.graphml:{}:5: duplicate entity id \"hezbollah\" (first at {}:5)", node_line("iran"), node_line("hezbollah"))),
        ("type.ron", "type.ron: relations[1]: unknown relation type \"adores\" (neither declared in the file's relation types nor built in)".to_string()),
        ("type.json", "type.json: links[1]: unknown relation type \"adores\"".to_string()),
        ("type.graphml", format!("type.graphml:{edge_line}:5: unknown relation type \"adores\"")),
        ("span.json", format!("span.json: links[1].evidence[0]: evidence span {b}..{a} is inverted (it ends before it starts)")),
    ];
    for (file, want) in rows {
        let err = one_error(p, &["stats", file]);
        assert!(
            err.starts_with(&format!("newsgraph: error: {want}")),
            "{file}: {err}\nwant: {want}"
        );
    }
}

#[test]
fn merge_reads_csv_directories_and_warns_on_conflicting_kinds() {
    let d = dir_with(&[("b.txt", b"Egypt urged Israel to stop.")]);
    let p = d.path();
    let ron = small_graph(p, "a.ron");
    ok(p, &["export", "a.ron", "--format", "csv", "-o", "a-csv"]);
    ok(p, &["build", "b.txt", "-o", "b.json"]);
    let out = run(p, &["merge", "a-csv", "b.json", "-o", "m.ron"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = KnowledgeGraph::load(&p.join("m.ron")).unwrap();
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    assert!(g.relation("egypt", "urged", "israel").is_some());
    // a directory of shards: its graph files and CSV directories; anything
    // else is a warning
    std::fs::create_dir(p.join("shards")).unwrap();
    std::fs::copy(p.join("b.json"), p.join("shards/b.json")).unwrap();
    ok(
        p,
        &["export", "a.ron", "--format", "csv", "-o", "shards/a-csv"],
    );
    std::fs::write(p.join("shards/notes.txt"), "not a graph").unwrap();
    let out = run(p, &["merge", "shards", "-o", "m3.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "newsgraph: warning: shards/notes.txt: not a graph file (merge reads .ron, .json, .graphml and CSV directories); skipped\n"
    );
    let g3 = KnowledgeGraph::load(&p.join("m3.json")).unwrap();
    assert_eq!(g3.to_file(), g.to_file());
    // the same entity with another kind: a warning, and the merge goes on
    std::fs::write(
        p.join("c.ron"),
        ron.replace("kind: militia", "kind: organization")
            .replace("id: \"a.txt\"", "id: \"c.txt\""),
    )
    .unwrap();
    let out = run(p, &["merge", "a.ron", "c.ron", "-o", "m2.ron"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "newsgraph: warning: c.ron: 'Hezbollah' is an organization here but a militia in the graphs merged before it; the merged graph keeps militia\n"
    );
}

#[test]
fn unknown_output_extension_and_bad_dates_are_errors() {
    let d = dir_with(&[("a.txt", b"Iran-backed Hezbollah fired rockets.")]);
    let p = d.path();
    for out in ["graph.gexf", "graph", "graph.RON.bak"] {
        let err = one_error(p, &["build", "a.txt", "-o", out]);
        assert_eq!(
            err,
            format!("newsgraph: error: {out}: cannot tell the format from this name (extensions: .ron, .dot, .gv, .json, .graphml, .xml, .mmd, .html, .htm); give --format, one of: ron, dot, json, graphml, csv, mermaid, html\n")
        );
        assert!(!p.join(out).exists());
    }
    // --format decides whatever the name
    ok(
        p,
        &["build", "a.txt", "-o", "graph.gexf", "--format", "graphml"],
    );
    assert!(std::fs::read_to_string(p.join("graph.gexf"))
        .unwrap()
        .starts_with("<?xml"));
    for date in [
        "2024-13-45",
        "2024-02-30",
        "06/08/2024",
        "2024-08-06junk",
        "",
    ] {
        let err = one_error(p, &["build", "a.txt", "--date", date]);
        assert_eq!(
            err,
            format!("newsgraph: error: --date '{date}': not a date (YYYY-MM-DD expected, such as 2024-08-06)\n")
        );
    }
    ok(p, &["build", "a.txt", "--date", "2024-02-29T10:00:00Z"]);
}

/// A device or a pipe has no extension to tell a format by; like standard
/// output, it gets RON (`-o /dev/null` to discard, as the README says).
#[cfg(unix)]
#[test]
fn output_to_a_device_or_a_pipe_needs_no_extension() {
    let d = dir_with(&[("a.txt", b"Iran-backed Hezbollah fired rockets.")]);
    let p = d.path();
    ok(p, &["build", "a.txt", "-o", "/dev/null"]);
    let fifo = p.join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = std::thread::spawn(move || std::fs::read(fifo).unwrap());
    ok(p, &["build", "a.txt", "-o", "pipe"]);
    let text = String::from_utf8(reader.join().unwrap()).unwrap();
    graph(text.as_bytes());
    assert!(text.contains("hezbollah"), "{text}");
}

#[cfg(unix)]
#[test]
fn output_follows_links_keeps_modes_and_refuses_what_it_must_not_replace() {
    use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
    let d = dir_with(&[
        ("a.txt", b"Iran-backed Hezbollah fired rockets."),
        ("real/g.json", b"old"),
        ("private.ron", b"old"),
        ("locked.ron", b"precious"),
    ]);
    let p = d.path();
    // a symbolic link stays a link; the file it points to gets the graph
    symlink("real/g.json", p.join("link.json")).unwrap();
    ok(p, &["build", "a.txt", "-o", "link.json"]);
    assert!(std::fs::symlink_metadata(p.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let g = KnowledgeGraph::load(&p.join("real/g.json")).unwrap();
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    // the mode of the file replaced is kept
    let mode = |f: &str| std::fs::metadata(p.join(f)).unwrap().permissions().mode() & 0o777;
    std::fs::set_permissions(
        p.join("private.ron"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    ok(p, &["build", "a.txt", "-o", "private.ron"]);
    assert_eq!(mode("private.ron"), 0o600);
    assert!(std::fs::read_to_string(p.join("private.ron"))
        .unwrap()
        .contains("hezbollah"));
    // a read-only file is refused
    std::fs::set_permissions(p.join("locked.ron"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = one_error(p, &["build", "a.txt", "-o", "locked.ron"]);
    assert_eq!(err, "newsgraph: error: locked.ron: read-only file; not replaced (make it writable, or choose another output)\n");
    assert_eq!(std::fs::read(p.join("locked.ron")).unwrap(), b"precious");
    // a socket, a directory: refused; a character device: written into
    let _sock = std::os::unix::net::UnixListener::bind(p.join("sock.ron")).unwrap();
    let err = one_error(p, &["build", "a.txt", "-o", "sock.ron"]);
    assert!(
        err.contains("sock.ron: not a regular file; newsgraph replaces only regular files"),
        "{err}"
    );
    assert!(std::fs::symlink_metadata(p.join("sock.ron"))
        .unwrap()
        .file_type()
        .is_socket());
    std::fs::create_dir(p.join("dir.ron")).unwrap();
    let err = one_error(p, &["build", "a.txt", "-o", "dir.ron"]);
    assert!(err.contains("dir.ron: a directory;"), "{err}");
    // a character device of its own (like /dev/null: a test must not risk
    // the machine's), where the system lets us make one
    let dev = p.join("null.ron");
    let path = std::ffi::CString::new(dev.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mknod only creates a file
    let made = unsafe { libc::mknod(path.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        ok(p, &["build", "a.txt", "-o", "null.ron"]);
        assert!(std::fs::symlink_metadata(&dev)
            .unwrap()
            .file_type()
            .is_char_device());
    }
    // nothing left behind
    let names = file_names(p);
    assert!(
        names.iter().all(|n| !n.contains("newsgraph-tmp")),
        "{names:?}"
    );
}

/// A killed run (kill -9) leaves its temporary file: the next write of the
/// same output removes it, and never removes one a live run holds.
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_nothing_the_next_run_does_not_clean() {
    let text = "Iran-backed Hezbollah fired rockets at Israel. ".repeat(200_000);
    let d = dir_with(&[
        ("big.txt", text.as_bytes()),
        ("a.txt", b"Egypt urged Israel to stop."),
    ]);
    let p = d.path();
    // what a killed run leaves: an unlocked temporary file, a temporary
    // directory of a CSV write, both from a while ago
    let left = p.join(".g.json.Xy12ab.newsgraph-tmp");
    std::fs::write(&left, "{ half a graph").unwrap();
    let left_dir = p.join(".csv.Ab34cd.newsgraph-tmp");
    std::fs::create_dir(&left_dir).unwrap();
    std::fs::write(left_dir.join("nodes.csv"), "id:ID\n").unwrap();
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in [&left, &left_dir.join("nodes.csv")] {
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    std::fs::File::open(&left_dir)
        .unwrap()
        .set_modified(past)
        .unwrap();
    // a real kill -9 in the middle of a big build, for good measure
    let mut child = crate::util::newsgraph(p)
        .args(["build", "big.txt", "-o", "g.json", "--quiet"])
        .spawn()
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    ok(p, &["build", "a.txt", "-o", "g.json"]);
    ok(p, &["build", "a.txt", "-o", "csv", "--format", "csv"]);
    assert!(!left.exists(), "stale temporary file removed");
    assert!(!left_dir.exists(), "stale temporary directory removed");
    let g = KnowledgeGraph::load(&p.join("g.json")).unwrap();
    assert!(g.relation("egypt", "urged", "israel").is_some());
}

#[test]
fn csv_output_is_replaced_as_a_set() {
    let d = dir_with(&[
        ("a.txt", b"Iran-backed Hezbollah fired rockets."),
        ("b.txt", b"Egypt urged Israel to stop."),
        ("mine/notes.txt", b"my notes"),
    ]);
    let p = d.path();
    ok(p, &["build", "a.txt", "-o", "out", "--format", "csv"]);
    ok(p, &["build", "b.txt", "-o", "out", "--format", "csv"]);
    let g = KnowledgeGraph::load(&p.join("out")).unwrap();
    assert!(g.relation("egypt", "urged", "israel").is_some());
    assert!(g.entity("iran").is_none(), "nothing of the old set is left");
    let mut names: Vec<String> = std::fs::read_dir(p.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "documents.csv",
            "nodes.csv",
            "relation_types.csv",
            "relationships.csv"
        ]
    );
    // a directory with files of its own is not replaced
    let err = one_error(p, &["build", "a.txt", "-o", "mine", "--format", "csv"]);
    assert_eq!(err, "newsgraph: error: mine: holds files newsgraph did not write (notes.txt); choose a new or empty directory\n");
    assert_eq!(
        std::fs::read(p.join("mine/notes.txt")).unwrap(),
        b"my notes"
    );
    // (a write that fails half way: export::output's unit tests)
    let names_after = file_names(p);
    assert!(
        names_after.iter().all(|n| !n.contains("newsgraph-")),
        "{names_after:?}"
    );
}

/// Two `build --into` runs on one graph take turns: the second waits for
/// the first and adds to what it wrote.
#[cfg(unix)]
#[test]
fn build_into_takes_a_lock() {
    use std::io::{BufRead, BufReader};
    let d = dir_with(&[
        ("a.txt", b"Iran-backed Hezbollah fired rockets."),
        ("b.txt", b"Egypt urged Israel to stop."),
    ]);
    let p = d.path();
    ok(p, &["build", "a.txt", "-o", "g.ron"]);
    // another run holds the lock (this test, standing in for it)
    let lock = std::fs::File::create(p.join(".g.ron.newsgraph-lock")).unwrap();
    lock.lock().unwrap();
    let mut child = crate::util::newsgraph(p)
        .args(["build", "b.txt", "--into", "g.ron"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        "newsgraph: g.ron: another newsgraph run is adding to this graph; waiting for it\n"
    );
    // while it waits, the other run writes its article into the graph
    std::fs::write(p.join("c.txt"), "Turkey condemned Greece.").unwrap();
    ok(p, &["build", "a.txt", "c.txt", "-o", "g.ron"]);
    drop(lock);
    assert!(child.wait().unwrap().success());
    let g = KnowledgeGraph::load(&p.join("g.ron")).unwrap();
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["a.txt", "b.txt", "c.txt"], "no run's articles lost");
}

/// `path` on a chain of 100,000 entities: the search and the reading back
/// of the chain are linear (a chain used to be copied at every step).
#[test]
fn path_along_a_long_chain() {
    const N: usize = 100_000;
    let mut ron = String::from("(version: 1, documents: [], relation_types: [], entities: [");
    for i in 0..N {
        ron.push_str(&format!(
            "(id: \"n{i}\", label: \"N{i}\", kind: place, aliases: [], mentions: 1),"
        ));
    }
    ron.push_str("], relations: [");
    for i in 0..N - 1 {
        ron.push_str(&format!(
            "(source: \"n{i}\", kind: \"located_in\", target: \"n{}\", weight: 1, evidence: []),",
            i + 1
        ));
    }
    ron.push_str("])\n");
    let d = dir_with(&[("chain.ron", ron.as_bytes())]);
    let last = format!("n{}", N - 1);
    let out = ok(
        d.path(),
        &[
            "path",
            "chain.ron",
            "n0",
            &last,
            "--max",
            "200000",
            "--json",
        ],
    );
    let chains: serde_json::Value = serde_json::from_str(&out).unwrap();
    let chain = chains[0].as_array().unwrap();
    assert_eq!(chains.as_array().unwrap().len(), 1);
    assert_eq!(chain.len(), N - 1);
    assert_eq!(chain[0]["source"], "n0");
    assert_eq!(chain[N - 2]["target"], last.as_str());
    // walked backwards, from the far end
    let text = ok(
        d.path(),
        &["path", "chain.ron", &last, "n0", "--max", "200000"],
    );
    assert!(text.starts_with(&format!("N{} <-located_in- N{}", N - 1, N - 2)));
    assert!(text.trim_end().ends_with("<-located_in- N0"));
    // too long for --max: nothing found
    let out = run(
        d.path(),
        &["path", "chain.ron", "n0", &last, "--max", "1000"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
}

/// One convention for sentence numbers: `show`, `explain` and the HTML page
/// count from 1; the graph files keep the 0-based index.
#[test]
fn sentences_are_counted_from_one_everywhere() {
    let d = dir_with(&[(
        "a.txt",
        b"Egypt urged calm. Iran-backed Hezbollah fired rockets.",
    )]);
    let p = d.path();
    ok(p, &["build", "a.txt", "-o", "g.json"]);
    let g = KnowledgeGraph::load(&p.join("g.json")).unwrap();
    let ev = g.relation("iran", "backs", "hezbollah").unwrap();
    assert_eq!(
        ev.evidence.first().unwrap().sentence,
        1,
        "the file: 0-based"
    );
    let card = ok(p, &["show", "g.json", "Hezbollah"]);
    assert!(card.contains("[a.txt sentence 2, bytes"), "{card}");
    let explained = ok(p, &["explain", "a.txt"]);
    assert!(
        explained.contains("sentence 2: Iran-backed Hezbollah fired rockets."),
        "{explained}"
    );
    ok(p, &["export", "g.json", "-o", "g.html"]);
    let page = std::fs::read_to_string(p.join("g.html")).unwrap();
    assert!(
        page.contains("\", sentence \" + (ev.sentence + 1)"),
        "the page counts from 1"
    );
}

/// Completions offer the values of `--format`, `--type`, `--kind` and
/// `--input-format`, not file names.
#[test]
fn completions_offer_enum_values() {
    let root = crate::util::root();
    let formats = "ron dot json graphml csv mermaid html";
    let bash = ok(&root, &["completions", "bash"]);
    let after = |script: &str, flag: &str| -> String {
        let at = script
            .find(&format!("{flag})"))
            .unwrap_or_else(|| panic!("{flag} not in the bash script"));
        script[at..].lines().nth(1).unwrap().to_string()
    };
    assert!(after(&bash, "--format").contains(&format!("compgen -W \"{formats}\"")));
    let types = after(&bash, "--type");
    for t in ["backs", "attacked", "located_in"] {
        assert!(types.contains(t), "{types}");
    }
    assert!(!types.contains("compgen -f"), "{types}");
    assert!(after(&bash, "--kind").contains("person state militia organization place"));
    assert!(after(&bash, "--input-format").contains("auto text jsonl"));
    let zsh = ok(&root, &["completions", "zsh"]);
    assert!(zsh.contains(&format!(":FORMAT:({formats})")), "zsh");
    let fish = ok(&root, &["completions", "fish"]);
    assert!(
        fish.lines()
            .any(|l| l.contains("-l format") && l.contains("-a \"ron")),
        "fish"
    );
    // the values are still checked, in one line, case-insensitively
    let d = dir_with(&[("a.txt", b"Iran-backed Hezbollah fired rockets.")]);
    let err = one_error(d.path(), &["build", "a.txt", "--kind", "planet"]);
    assert_eq!(err, "newsgraph: error: unknown entity kind 'planet' (expected one of: person, state, militia, organization, place)\n");
    assert!(ok(d.path(), &["build", "a.txt", "--format", "Json"]).starts_with('{'));
}

/// `newsgraph man` gives every subcommand's options with their help.
#[test]
fn the_manual_page_documents_every_option() {
    let page = ok(&crate::util::root(), &["man"]);
    for (section, option, help) in [
        (
            "NEWSGRAPH BUILD",
            "\\fB\\-\\-strict\\fR",
            "Treat invalid UTF\\-8 and binary files as errors",
        ),
        (
            "NEWSGRAPH BUILD",
            "\\fB\\-\\-input\\-format\\fR <\\fIFORMAT\\fR>",
            "[possible values: auto, text, jsonl] [default: auto]",
        ),
        (
            "NEWSGRAPH EXPORT",
            "\\fB\\-f\\fR, \\fB\\-\\-format\\fR <\\fIFORMAT\\fR>",
            "[possible values: ron, dot, json, graphml, csv, mermaid, html]",
        ),
        (
            "NEWSGRAPH PATH",
            "\\fB\\-\\-max\\fR <\\fIMAX\\fR>",
            "The longest chain to look for, in relations [default: 6]",
        ),
        (
            "NEWSGRAPH LEXICON CHECK",
            "<\\fIDIR\\fR>",
            "Directory of *.ron files",
        ),
    ] {
        let at = page
            .find(&format!(".SH \"{section}\"\n"))
            .unwrap_or_else(|| panic!("no section {section}"));
        let end = page[at + 4..]
            .find(".SH ")
            .map_or(page.len(), |e| at + 4 + e);
        let body = &page[at..end];
        let item = format!(".TP\n{option}\n");
        let i = body
            .find(&item)
            .unwrap_or_else(|| panic!("{section}: no {option}\n{body}"));
        let text = body[i + item.len()..].lines().next().unwrap();
        assert!(text.contains(help), "{section} {option}: {text}");
    }
    // every option of every subcommand is there
    let build = &page[page.find(".SH \"NEWSGRAPH BUILD\"").unwrap()..];
    let build = &build[..build[4..].find(".SH ").unwrap()];
    // 18, and issue 18's --min-weight's companions: --min-articles, --mode,
    // --since, --until, --drop-isolated, --min-degree
    assert_eq!(build.matches(".TP\n").count(), 24, "{build}");
}

/// `lexicon check` and `build --lexicon` are one validation: the README's
/// own example passes both; an override of a built-in entity's kind is a
/// warning in both; an error stops both.
#[test]
fn lexicon_check_and_build_agree() {
    let readme = std::fs::read_to_string(crate::util::root().join("README.md")).unwrap();
    let section = &readme[readme.find("## The lexicon").unwrap()..];
    let start = section.find("```ron\n").unwrap() + "```ron\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let d = dir_with(&[
        ("readme/example.ron", example.as_bytes()),
        (
            "iran/militia.ron",
            b"(entities: [(name: \"Iran\", kind: militia)])\n",
        ),
        (
            "bad/a.ron",
            b"(relations: [(name: \"adores\", verbs: [(lemma: \"adore\")])])\n",
        ),
        (
            "a.txt",
            b"Iran-backed Hezbollah fired rockets. Fatemiyoun Brigade fighters pounded Aleppo.",
        ),
    ]);
    let p = d.path();
    assert_eq!(ok(p, &["lexicon", "check", "readme"]), "readme: ok\n");
    let out = run(p, &["build", "a.txt", "--lexicon", "readme"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let g = graph(&out.stdout);
    assert!(g
        .relation("liwa-fatemiyoun", "attacked", "aleppo")
        .is_some());
    // overriding a built-in kind: the same warning from both
    let warning = "newsgraph: warning: iran/militia.ron: \"Iran\" means militia iran here but state iran in the built-in lexicon (<embedded>/states.ron); the lexicon keeps militia iran\n";
    let out = run(p, &["lexicon", "check", "iran"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), warning);
    let out = run(p, &["build", "a.txt", "--lexicon", "iran"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), warning);
    // an error stops both
    let want = "newsgraph: error: bad/a.ron: relation type \"adores\" needs plover and cameo (it is not one the lexicon already has)\n";
    let err = fails(p, &["lexicon", "check", "bad"], 2);
    assert!(err.starts_with(want), "{err}");
    let err = one_error(p, &["build", "a.txt", "--lexicon", "bad"]);
    assert_eq!(err, want);
}

/// Runs `newsgraph ARGS` in `dir` to success; its peak resident memory, in KB.
#[cfg(target_os = "linux")]
fn peak_memory_kb(dir: &std::path::Path, args: &[&str]) -> i64 {
    #[allow(clippy::zombie_processes)] // reaped by wait4 below
    let child = crate::util::newsgraph(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, and wait4 reaps only this child, which
    // `child` never waits for
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "newsgraph {args:?} failed"
    );
    usage.ru_maxrss
}

/// One long article needs at most 4 times its size in memory beyond what
/// a one-line article needs (it needed 18 times: every block's analysis,
/// tokens, mentions and parses, was kept until the last block was done).
#[cfg(target_os = "linux")]
#[test]
fn a_long_article_needs_at_most_four_times_its_size() {
    let size: usize = if std::env::var_os("NEWSGRAPH_FULL_SIZE").is_some() {
        50_000_000
    } else {
        16_000_000
    };
    let prose = std::fs::read_to_string(crate::util::root().join("data/articles/seed.txt"))
        .unwrap()
        + "\n\n";
    let text = prose.repeat(size / prose.len());
    let d = dir_with(&[
        ("long.txt", text.as_bytes()),
        ("short.txt", b"Iran-backed Hezbollah fired rockets."),
    ]);
    let args = |f: &'static str| ["build", f, "--quiet", "--threads", "2", "-o", "out.ron"];
    let any_run = peak_memory_kb(d.path(), &args("short.txt"));
    let long = peak_memory_kb(d.path(), &args("long.txt"));
    let article = text.len() as i64 / 1024;
    assert!(
        long - any_run <= 4 * article,
        "a {} MB article took {} MB more than a one-line article ({} MB)",
        article / 1024,
        (long - any_run) / 1024,
        any_run / 1024
    );
}
