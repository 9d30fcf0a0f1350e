//! Every format loads in the tool it is for: Graphviz for DOT, NetworkX for
//! GraphML and JSON, an XML Schema validator for GraphML, a CSV reader for
//! the Neo4j files; and what can be read back comes back unchanged.
//!
//! The external tools are installed by `.ci/run`, which sets
//! `NEWSGRAPH_REQUIRE_CONSUMERS=1` so that a missing tool fails there; on a
//! machine without them these tests say so on stderr and skip that check.

use crate::util::{dir_with, ok, root};
use newsgraph::entity::{Entity, EntityKind};
use newsgraph::formats::{self, DrawOptions, Format};
use newsgraph::graph::{ArticleInfo, KnowledgeGraph, RelationInfo};
use newsgraph::relations::relation::{Evidence, Relation};
use proptest::prelude::*;
use std::path::PathBuf;
use std::process::Command;

/// A consumer program, or `None` (with a note) when it is not installed.
pub fn consumer(program: &str) -> Option<PathBuf> {
    let path = if program == "python" {
        std::env::var_os("NEWSGRAPH_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("python3"))
    } else {
        PathBuf::from(program)
    };
    let probe = if program == "python" {
        Command::new(&path).args(["-c", "import networkx"]).output()
    } else {
        Command::new(&path).arg("-V").output()
    };
    let found = probe.is_ok_and(|o| o.status.success() || program == "xmllint");
    if found {
        return Some(path);
    }
    let what = if program == "python" {
        "python3 with networkx (NEWSGRAPH_PYTHON)".to_string()
    } else {
        program.to_string()
    };
    if std::env::var_os("NEWSGRAPH_REQUIRE_CONSUMERS").is_some() {
        panic!("{what} is required (NEWSGRAPH_REQUIRE_CONSUMERS is set) but not installed");
    }
    eprintln!("note: {what} not installed; skipping this consumer check (.ci/run installs it)");
    None
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run consumer");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn seed() -> KnowledgeGraph {
    KnowledgeGraph::load(&root().join("graphs/seed.ron")).unwrap()
}

#[test]
fn dot_renders_with_graphviz() {
    let Some(dot) = consumer("dot") else { return };
    let svg =
        run_ok(Command::new(dot).args(["-Tsvg", root().join("graphs/seed.dot").to_str().unwrap()]));
    assert!(svg.contains("<svg") && svg.contains("Hezbollah"));
}

const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    g = nx.read_graphml(path, force_multigraph=True)
else:
    g = nx.node_link_graph(json.load(open(path, encoding="utf-8")), edges="links")
assert g.is_directed() and g.is_multigraph(), type(g)
u, v, data = next((u, v, d) for u, v, d in g.edges(data=True) if d["type"] == "backs" and v == "hezbollah")
node = g.nodes["hezbollah"]
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "source": u,
                  "weight": data["weight"], "plover": data["plover"], "label": node["label"], "type": node["type"]}))
"#;

#[test]
fn networkx_loads_graphml_and_json_with_every_attribute() {
    let Some(python) = consumer("python") else {
        return;
    };
    let g = seed();
    for (fmt, file) in [
        ("graphml", "graphs/seed.graphml"),
        ("json", "graphs/seed.json"),
    ] {
        let out = run_ok(Command::new(&python).args([
            "-c",
            NETWORKX_CHECK,
            fmt,
            root().join(file).to_str().unwrap(),
        ]));
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["nodes"], g.entity_count(), "{fmt}");
        assert_eq!(v["edges"], g.relation_count(), "{fmt}");
        assert_eq!(v["source"], "iran", "{fmt}");
        assert_eq!(v["weight"], 1, "{fmt}");
        assert_eq!(v["plover"], "SUPPORT", "{fmt}");
        assert_eq!(v["label"], "Hezbollah", "{fmt}");
        assert_eq!(v["type"], "militia", "{fmt}");
    }
}

#[test]
fn graphml_is_valid_against_the_schema() {
    let Some(xmllint) = consumer("xmllint") else {
        return;
    };
    let schema = root().join("tests/data/graphml.xsd");
    run_ok(Command::new(xmllint).args([
        "--noout",
        "--schema",
        schema.to_str().unwrap(),
        root().join("graphs/seed.graphml").to_str().unwrap(),
    ]));
}

#[test]
fn neo4j_csv_headers_and_row_counts() {
    let g = seed();
    let dir = root().join("graphs/seed-csv");
    let mut nodes = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    assert_eq!(
        nodes.headers().unwrap(),
        vec![
            "id:ID",
            "label",
            ":LABEL",
            "aliases:string[]",
            "mentions:int",
            "aliases_json"
        ]
    );
    let rows: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), g.entity_count());
    assert!(rows
        .iter()
        .all(|r| ["Person", "State", "Militia", "Organization", "Place"].contains(&&r[2])));
    let mut rels = csv::Reader::from_path(dir.join("relationships.csv")).unwrap();
    assert_eq!(
        rels.headers().unwrap(),
        vec![
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "weight:int",
            "plover",
            "cameo",
            "evidence",
            "evidence_json",
            "articles:int",
            "confidence:float",
            "first_day",
            "last_day",
            "tallies_json"
        ]
    );
    let rows: Vec<csv::StringRecord> = rels.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), g.relation_count());
    let ids: std::collections::HashSet<&str> = g.entities().map(|e| e.id.as_str()).collect();
    assert!(rows.iter().all(|r| ids.contains(&r[0])
        && ids.contains(&r[1])
        && r[3].parse::<usize>().unwrap() >= 1));
}

#[test]
fn every_format_loads_back_from_disk() {
    let g = seed();
    let d = tempfile::tempdir().unwrap();
    for (f, name) in [
        (Format::Ron, "g.ron"),
        (Format::Json, "g.json"),
        (Format::Graphml, "g.graphml"),
        (Format::Csv, "g-csv"),
    ] {
        let path = d.path().join(name);
        formats::write(&g, f, &DrawOptions::default(), &path).unwrap();
        let back = KnowledgeGraph::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.to_file(), g.to_file(), "{name}");
    }
}

#[test]
fn csv_needs_an_output_directory() {
    let d = dir_with(&[("a.txt", b"Iran-backed Hezbollah fired rockets.")]);
    let err = crate::util::fails(d.path(), &["build", "a.txt", "--format", "csv"], 2);
    assert!(err.contains("give it with -o DIR"), "{err}");
    ok(
        d.path(),
        &["build", "a.txt", "--format", "csv", "-o", "out"],
    );
    assert!(
        d.path().join("out/nodes.csv").is_file()
            && d.path().join("out/relationships.csv").is_file()
    );
}

// ------------------------------------------------------------ property test

/// Text with anything in it: quotes, backslashes, line breaks, `<>&`, Unicode.
fn nasty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("<script>&amp;</script>".to_string()),
            Just("'".to_string()),
            Just(";".to_string()),
            Just(",".to_string()),
            Just("#quot;|]}".to_string()),
            Just("\t".to_string()),
            "[a-zA-Z ]{1,6}",
            "\\PC{1,4}",
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
}

/// XML 1.0 cannot carry most control characters: GraphML writes them as U+FFFD.
fn xml_safe(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}'))
}

fn graph_of(labels: &[String], aliases: &[String], texts: &[String]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.add_article(ArticleInfo {
        id: texts[0].clone(),
        date: Some("2024-01-02".into()),
        title: Some(texts[0].clone()),
        url: Some(format!("https://example.org/{}", texts.len())),
    });
    g.declare_relation_type(RelationInfo {
        name: "backs".into(),
        symmetric: false,
        plover: "SUPPORT".into(),
        cameo: "05".into(),
        color: "#2ca02c".into(),
    });
    for (i, label) in labels.iter().enumerate() {
        let mut e = Entity {
            id: format!("{}-{i}", newsgraph::entity::slug(label)),
            label: label.clone(),
            kind: EntityKind::ALL[i % 5],
            aliases: vec![],
            mentions: i as u64 + 1,
        };
        for a in aliases {
            e.add_alias(a);
        }
        g.add_entity(e);
    }
    let ids: Vec<String> = g.entities().map(|e| e.id.clone()).collect();
    for (i, text) in texts.iter().enumerate() {
        let rel = Relation {
            source: ids[i % ids.len()].clone(),
            kind: "backs".into(),
            target: ids[(i + 1) % ids.len()].clone(),
            weight: 1,
            evidence: std::collections::BTreeSet::from([Evidence {
                doc: texts[0].clone(),
                sentence: i,
                span: (i, i + text.len()),
                text: text.clone(),
                ..Evidence::default()
            }]),
            tallies: Vec::new(),
        };
        g.add_relation(rel).unwrap();
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn nasty_text_survives_every_readable_format(
        labels in prop::collection::vec(nasty(), 2..5),
        aliases in prop::collection::vec(nasty(), 0..3),
        texts in prop::collection::vec(nasty(), 1..4),
    ) {
        let g = graph_of(&labels, &aliases, &texts);
        let want = g.to_file();
        let draw = DrawOptions::default();
        let ron = formats::render(&g, Format::Ron, &draw).unwrap();
        prop_assert_eq!(KnowledgeGraph::load_str(&ron, "g.ron").unwrap().to_file(), want.clone());
        let json = formats::render(&g, Format::Json, &draw).unwrap();
        prop_assert_eq!(KnowledgeGraph::load_str(&json, "g.json").unwrap().to_file(), want.clone());
        let all_xml_safe = labels.iter().chain(&aliases).chain(&texts).all(|s| xml_safe(s));
        let graphml = formats::render(&g, Format::Graphml, &draw).unwrap();
        let back = KnowledgeGraph::load_str(&graphml, "g.graphml").unwrap().to_file();
        if all_xml_safe {
            prop_assert_eq!(back, want.clone());
        } else {
            prop_assert_eq!(back.entities.len(), want.entities.len());
        }
        let d = tempfile::tempdir().unwrap();
        formats::write(&g, Format::Csv, &draw, &d.path().join("csv")).unwrap();
        prop_assert_eq!(KnowledgeGraph::load(&d.path().join("csv")).unwrap().to_file(), want);
    }
}

#[test]
fn dot_and_mermaid_from_nasty_labels_still_parse() {
    let labels = vec![
        "a \"quoted\" \\ back\nslash <b>&</b>".to_string(),
        "}{ graph [x=1]; \"".to_string(),
        "#35; | ]] ([".to_string(),
    ];
    let texts = vec!["evidence \"with\" \\n <tags> & more\nline".to_string()];
    let g = graph_of(&labels, &["alias; with, ] stuff".to_string()], &texts);
    let mermaid = formats::render(&g, Format::Mermaid, &DrawOptions::default()).unwrap();
    for line in mermaid.lines().skip(1) {
        // every label sits inside one pair of quotes, with nothing unescaped inside
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(!line.contains('<') && !line.contains('\n'), "{line}");
    }
    let Some(dot) = consumer("dot") else { return };
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("g.dot");
    std::fs::write(
        &file,
        formats::render(&g, Format::Dot, &DrawOptions::default()).unwrap(),
    )
    .unwrap();
    let svg = run_ok(Command::new(dot).args(["-Tsvg", file.to_str().unwrap()]));
    let (nodes, edges) = svg_groups(&svg);
    // every entity is a node drawn with its whole label, line by line
    for e in g.entities() {
        let (texts, _) = nodes
            .get(e.id.as_str())
            .unwrap_or_else(|| panic!("no node {} in {nodes:?}", e.id));
        let lines: Vec<&str> = e.label.lines().map(str::trim).collect();
        let drawn: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
        assert_eq!(drawn, lines, "label of {}", e.id);
    }
    // every relation is an edge between its two nodes, in its type's colour,
    // labelled with its type (Graphviz 2.43 dropped most labels when the
    // writer still set `pack=true`)
    let relations: Vec<_> = g.relations().collect();
    assert!(!relations.is_empty());
    for r in &relations {
        let title = format!("{}->{}", r.source, r.target);
        let (texts, raw) = edges
            .get(title.as_str())
            .unwrap_or_else(|| panic!("no edge {title} in {edges:?}"));
        let color = &g.relation_info(&r.kind).unwrap().color;
        assert!(
            raw.contains(&format!("stroke=\"{color}\"")),
            "edge {title}: {raw}"
        );
        assert!(
            texts.len() == 1 && texts[0] == r.kind,
            "edge {title}: {texts:?}"
        );
    }
    assert_eq!(edges.len(), relations.len(), "{edges:?}");
}

/// The `node` and `edge` groups of a Graphviz SVG, by title (unescaped):
/// the texts drawn in the group, in order, and the group's SVG.
type Groups = std::collections::BTreeMap<String, (Vec<String>, String)>;

fn svg_groups(svg: &str) -> (Groups, Groups) {
    let unescape = |s: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let j = rest[i..].find(';').expect("entity ends") + i;
            let entity = &rest[i + 1..j];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                n if n.starts_with("#x") => {
                    char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap()).unwrap()
                }
                n if n.starts_with('#') => char::from_u32(n[1..].parse().unwrap()).unwrap(),
                other => panic!("unknown entity &{other};"),
            };
            out.push(if c == '\u{a0}' { ' ' } else { c });
            rest = &rest[j + 1..];
        }
        out.push_str(rest);
        out
    };
    let inner = |s: &str, open: &str, close: &str| -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            let start = after.find('>').unwrap() + 1;
            let end = after.find(close).unwrap();
            found.push(unescape(&after[start..end]));
            rest = &after[end..];
        }
        found
    };
    let (mut nodes, mut edges) = (Default::default(), Default::default());
    // a group's tooltip link is a group of its own inside it (`a_node1`)
    let mut groups: Vec<String> = Vec::new();
    for piece in svg.split("<g id=\"").skip(1) {
        match groups.last_mut() {
            Some(last) if piece.starts_with("a_") => last.push_str(piece),
            _ => groups.push(piece.to_string()),
        }
    }
    for group in &groups {
        let map: &mut Groups = if group.contains("class=\"node\"") {
            &mut nodes
        } else if group.contains("class=\"edge\"") {
            &mut edges
        } else {
            continue;
        };
        let title = inner(group, "<title", "</title>").remove(0);
        map.insert(title, (inner(group, "<text", "</text>"), group.clone()));
    }
    (nodes, edges)
}
