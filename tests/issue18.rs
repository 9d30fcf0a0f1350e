//! Issue 18, "what an analyst does with a year of news": how sure each
//! relation is (weight, articles, modes, confidence) and filters on it;
//! the days of its statements and `--since` / `--until`.
//! <https://github.com/newsgraph/newsgraph/issues/18>

use crate::util::{dir_with, fails, ok, run};
use newsgraph::KnowledgeGraph;
use serde_json::Value;
use std::path::Path;

/// Four dated articles and one without a date:
/// - Iran backs Hezbollah: a1 (January, stated), a2 (March, stated);
/// - Israel attacked Hezbollah: a2 (March, stated), a3 (June, reported);
/// - Iran backs the Houthis: a4 (no date).
const NEWS: &str = r#"{"id": "a1", "date": "2024-01-10", "text": "Iran backs Hezbollah."}
{"id": "a2", "date": "2024-03-05", "text": "Iran backs Hezbollah. Israel attacked Hezbollah."}
{"id": "a3", "date": "2024-06-20", "text": "Officials said Israel attacked Hezbollah."}
{"id": "a4", "text": "Iran backs the Houthis."}
"#;

/// A temporary directory with news.jsonl built into g.ron.
fn built() -> tempfile::TempDir {
    let d = dir_with(&[("news.jsonl", NEWS.as_bytes())]);
    ok(d.path(), &["build", "news.jsonl", "-o", "g.ron"]);
    d
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON output")
}

/// The neighbours `neighbors --json` lists, as "direction relation entity".
fn neighbor_names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} {} {}",
                n["direction"].as_str().unwrap(),
                n["relation"].as_str().unwrap(),
                n["entity"]["id"].as_str().unwrap()
            )
        })
        .collect()
}

fn neighbor<'v>(v: &'v Value, relation: &str, entity: &str) -> &'v Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|n| n["relation"] == relation && n["entity"]["id"] == entity)
        .unwrap_or_else(|| panic!("no {relation} {entity} in {v}"))
}

#[test]
fn neighbors_json_says_how_sure_each_relation_is() {
    let d = built();
    let v = json(d.path(), &["neighbors", "g.ron", "Hezbollah", "--json"]);
    let backs = neighbor(&v, "backs", "iran");
    assert_eq!(backs["weight"], 2);
    assert_eq!(backs["articles"], 2);
    assert_eq!(backs["confidence"], 0.75);
    assert_eq!(backs["first_day"], "2024-01-10");
    assert_eq!(backs["last_day"], "2024-03-05");
    assert_eq!(backs["modes"], serde_json::json!(["stated"]));
    let attacked = neighbor(&v, "attacked", "israel");
    assert_eq!(attacked["modes"], serde_json::json!(["reported", "stated"]));
    // one article states it, one reports it: 1 - 0.5 * 0.75
    assert_eq!(attacked["confidence"], 0.63);
    // the table has the columns too
    let table = ok(d.path(), &["neighbors", "g.ron", "Hezbollah", "--csv"]);
    assert!(
        table.starts_with("direction,relation,entity,kind,weight,articles,confidence\n"),
        "{table}"
    );
    assert!(table.contains("in,backs,Iran,state,2,2,0.75\n"), "{table}");
    // the card of `show`
    let card = ok(d.path(), &["show", "g.ron", "Hezbollah"]);
    assert!(
        card.contains("← Iran (state), 2 piece(s) of evidence, 2 article(s), confidence 0.75, 2024-01-10 to 2024-03-05"),
        "{card}"
    );
}

#[test]
fn trust_filters_on_neighbors_show_query_path_and_export() {
    let d = built();
    let p = d.path();
    let all = neighbor_names(&json(p, &["neighbors", "g.ron", "Hezbollah", "--json"]));
    assert_eq!(all, ["in attacked israel", "in backs iran"]);
    // --min-articles: both have two articles; three is more than any
    let out = run(
        p,
        &["neighbors", "g.ron", "Hezbollah", "--min-articles", "3"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "nothing left: exit 1");
    // --mode stated: the June report no longer counts
    let v = json(
        p,
        &[
            "neighbors",
            "g.ron",
            "Hezbollah",
            "--json",
            "--mode",
            "stated",
        ],
    );
    let attacked = neighbor(&v, "attacked", "israel");
    assert_eq!(
        (attacked["weight"].as_u64(), attacked["last_day"].as_str()),
        (Some(1), Some("2024-03-05"))
    );
    assert_eq!(attacked["confidence"], 0.5);
    // --mode reported: only the report is left
    let v = json(
        p,
        &[
            "neighbors",
            "g.ron",
            "Hezbollah",
            "--json",
            "--mode",
            "reported",
        ],
    );
    assert_eq!(neighbor_names(&v), ["in attacked israel"]);
    // --min-weight on query and show
    let rows = ok(
        p,
        &["query", "g.ron", "?x ?r ?y", "--csv", "--min-weight", "2"],
    );
    assert_eq!(rows.lines().count(), 1 + 2, "{rows}");
    let card = ok(p, &["show", "g.ron", "Iran", "--min-articles", "2"]);
    assert!(
        card.contains("→ Hezbollah") && !card.contains("Houthis (militia), 1"),
        "{card}"
    );
    // path: with --mode reported, Iran and Israel are no longer joined
    ok(p, &["path", "g.ron", "Iran", "Israel"]);
    let out = run(
        p,
        &["path", "g.ron", "Iran", "Israel", "--mode", "reported"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    // export: only the edges two articles make
    let g = KnowledgeGraph::load_str(
        &ok(
            p,
            &["export", "g.ron", "--format", "json", "--min-articles", "2"],
        ),
        "out.json",
    )
    .unwrap();
    let edges: Vec<String> = g
        .relations()
        .map(|r| format!("{} {} {}", r.source, r.kind, r.target))
        .collect();
    assert_eq!(edges, ["iran backs hezbollah", "israel attacked hezbollah"]);
    // a mode that does not exist is a usage error
    let err = fails(p, &["neighbors", "g.ron", "Iran", "--mode", "rumoured"], 2);
    assert!(err.contains("rumoured"), "{err}");
}

#[test]
fn exports_carry_weight_articles_confidence_and_days() {
    let d = built();
    let p = d.path();
    // JSON: fields of each link
    let v = json(p, &["export", "g.ron", "--format", "json"]);
    let link = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == "israel" && l["type"] == "attacked")
        .unwrap();
    assert_eq!(link["weight"], 2);
    assert_eq!(link["articles"], 2);
    assert_eq!(link["confidence"], 0.63);
    assert_eq!(link["first_day"], "2024-03-05");
    assert_eq!(link["last_day"], "2024-06-20");
    let undated = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["target"] == "houthis")
        .unwrap();
    assert_eq!(undated["first_day"], Value::Null);
    // GraphML: typed keys and their values
    let graphml = ok(p, &["export", "g.ron", "--format", "graphml"]);
    for key in [
        r#"attr.name="articles" attr.type="int""#,
        r#"attr.name="confidence" attr.type="double""#,
        r#"attr.name="first_day" attr.type="string""#,
        r#"attr.name="last_day" attr.type="string""#,
    ] {
        assert!(graphml.contains(key), "GraphML lacks {key}");
    }
    assert!(
        graphml.contains(r#"<data key="d15">0.63</data>"#),
        "{graphml}"
    );
    // CSV: columns Neo4j types
    ok(p, &["export", "g.ron", "--format", "csv", "-o", "neo4j"]);
    let rels = std::fs::read_to_string(p.join("neo4j/relationships.csv")).unwrap();
    let mut r = csv::Reader::from_reader(rels.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    for col in [
        "weight:int",
        "articles:int",
        "confidence:float",
        "first_day",
        "last_day",
    ] {
        assert!(header.iter().any(|h| h == col), "{header:?} lacks {col}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = r
        .records()
        .map(|x| x.unwrap())
        .find(|x| &x[0] == "israel" && &x[2] == "attacked")
        .unwrap();
    assert_eq!(
        (&row[at("articles:int")], &row[at("confidence:float")]),
        ("2", "0.63")
    );
    assert_eq!(&row[at("last_day")], "2024-06-20");
    // DOT: pen width by weight, a dashed line for what is only reported
    let dot = ok(
        p,
        &["export", "g.ron", "--format", "dot", "--mode", "reported"],
    );
    let edge = dot
        .lines()
        .find(|l| l.contains("\"israel\" -> \"hezbollah\""))
        .unwrap();
    assert!(
        edge.contains("style=dashed") && edge.contains("confidence 0.25"),
        "{edge}"
    );
    let dot = ok(p, &["export", "g.ron", "--format", "dot"]);
    let edge = dot
        .lines()
        .find(|l| l.contains("\"israel\" -> \"hezbollah\""))
        .unwrap();
    assert!(
        !edge.contains("dashed") && edge.contains("penwidth=1.7"),
        "{edge}"
    );
    assert!(edge.contains("2024-03-05 to 2024-06-20"), "{edge}");
}

#[test]
fn query_json_gives_the_matched_relations_with_their_evidence() {
    let d = built();
    let v = json(
        d.path(),
        &["query", "g.ron", "?x attacked Hezbollah", "--json"],
    );
    let row = &v[0];
    assert_eq!(row["x"]["id"], "israel");
    let rel = &row["_relations"][0];
    assert_eq!(
        (&rel["source"], &rel["relation"], &rel["target"]),
        (
            &Value::from("israel"),
            &Value::from("attacked"),
            &Value::from("hezbollah")
        )
    );
    assert_eq!(rel["weight"], 2);
    assert_eq!(rel["confidence"], 0.63);
    let texts: Vec<&str> = rel["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Israel attacked Hezbollah.",
            "Officials said Israel attacked Hezbollah."
        ]
    );
    assert_eq!(rel["evidence"][1]["mode"], "reported");
    assert_eq!(rel["evidence"][1]["date"], "2024-06-20");
}

#[test]
fn since_and_until_on_every_command() {
    let d = built();
    let p = d.path();
    // neighbors: from March on, Iran backs Hezbollah once
    let v = json(
        p,
        &[
            "neighbors",
            "g.ron",
            "Hezbollah",
            "--json",
            "--since",
            "2024-03-01",
        ],
    );
    assert_eq!(neighbor(&v, "backs", "iran")["weight"], 1);
    assert_eq!(neighbor(&v, "attacked", "israel")["weight"], 2);
    // until February: only the January article
    let v = json(
        p,
        &[
            "neighbors",
            "g.ron",
            "Hezbollah",
            "--json",
            "--until",
            "2024-02-01",
        ],
    );
    assert_eq!(neighbor_names(&v), ["in backs iran"]);
    // a window is inclusive at both ends, and leaves out undated statements
    let rows = ok(
        p,
        &[
            "query",
            "g.ron",
            "Iran backs ?m",
            "--csv",
            "--since",
            "2024-01-10",
            "--until",
            "2024-01-10",
        ],
    );
    assert_eq!(rows, "m,m_id,m_type\nHezbollah,hezbollah,militia\n");
    // show
    let card = ok(p, &["show", "g.ron", "Israel", "--since", "2024-06-01"]);
    assert!(
        card.contains("1 piece(s) of evidence") && card.contains("2024-06-20"),
        "{card}"
    );
    assert!(!card.contains("2024-03-05"), "{card}");
    // path: in January Israel had not attacked yet
    let out = run(
        p,
        &["path", "g.ron", "Iran", "Israel", "--until", "2024-01-31"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    ok(
        p,
        &["path", "g.ron", "Iran", "Israel", "--until", "2024-03-31"],
    );
    // export: the window's edges, entities and articles
    let g = KnowledgeGraph::load_str(
        &ok(
            p,
            &[
                "export",
                "g.ron",
                "--format",
                "json",
                "--since",
                "2024-06-01",
            ],
        ),
        "out.json",
    )
    .unwrap();
    let edges: Vec<String> = g
        .relations()
        .map(|r| format!("{} {} {} {}", r.source, r.kind, r.target, r.weight()))
        .collect();
    assert_eq!(edges, ["israel attacked hezbollah 1"]);
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["a3"]);
    // build: only the articles of the window are read
    ok(
        p,
        &[
            "build",
            "news.jsonl",
            "-o",
            "spring.ron",
            "--since",
            "2024-03-01",
            "--until",
            "2024-05-31",
        ],
    );
    let g = KnowledgeGraph::load(&p.join("spring.ron")).unwrap();
    let docs: Vec<&str> = g.articles().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, ["a2"]);
    let out = run(
        p,
        &[
            "build",
            "news.jsonl",
            "-o",
            "x.ron",
            "--since",
            "2024-03-01",
        ],
        None,
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("2 article(s) left out: dated outside --since/--until, or undated"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_dates_are_usage_errors() {
    let d = built();
    let p = d.path();
    for args in [
        &["neighbors", "g.ron", "Iran", "--since", "2024-13-01"][..],
        &["show", "g.ron", "Iran", "--until", "yesterday"],
        &["query", "g.ron", "?x backs ?y", "--since", "2024-02-30"],
        &["path", "g.ron", "Iran", "Israel", "--until", "24-01-01"],
        &[
            "export",
            "g.ron",
            "--format",
            "json",
            "--since",
            "2024/01/01",
        ],
        &["build", "news.jsonl", "-o", "y.ron", "--since", "January"],
    ] {
        let err = fails(p, args, 2);
        let value = args[args.len() - 1];
        assert!(
            err.contains(&format!("'{value}': not a date (YYYY-MM-DD expected")),
            "{args:?}: {err}"
        );
    }
    assert!(!p.join("y.ron").exists(), "nothing written");
    let err = fails(
        p,
        &[
            "export",
            "g.ron",
            "--since",
            "2024-06-01",
            "--until",
            "2024-01-01",
        ],
        2,
    );
    assert!(
        err.contains("--since 2024-06-01 is after --until 2024-01-01"),
        "{err}"
    );
}

/// An edge stated in more articles than its evidence keeps (20): time and
/// mode filters stay exact through every format that loads back.
#[test]
fn a_relation_stated_in_many_articles_keeps_every_day() {
    let mut news = String::new();
    for i in 0..30 {
        let (month, text) = if i < 20 {
            (1, "Iran backs Hezbollah.")
        } else {
            (7, "Officials said Iran backed Hezbollah.")
        };
        news.push_str(&format!(
            "{{\"id\": \"n{i:02}\", \"date\": \"2024-{month:02}-{:02}\", \"text\": \"{text}\"}}\n",
            i % 28 + 1
        ));
    }
    let d = dir_with(&[("news.jsonl", news.as_bytes())]);
    let p = d.path();
    ok(p, &["build", "news.jsonl", "-o", "g.ron"]);
    let ron = std::fs::read_to_string(p.join("g.ron")).unwrap();
    assert!(ron.contains("tallies:"), "the trimmed edge keeps tallies");
    ok(p, &["export", "g.ron", "-o", "g.json"]);
    ok(p, &["export", "g.ron", "-o", "g.graphml"]);
    ok(p, &["export", "g.ron", "--format", "csv", "-o", "g-csv"]);
    for graph in ["g.ron", "g.json", "g.graphml", "g-csv"] {
        let all = json(p, &["neighbors", graph, "Iran", "--json"]);
        let backs = neighbor(&all, "backs", "hezbollah");
        assert_eq!(
            (backs["weight"].as_u64(), backs["articles"].as_u64()),
            (Some(30), Some(30)),
            "{graph}"
        );
        assert_eq!(backs["last_day"], "2024-07-28", "{graph}");
        let july = json(
            p,
            &[
                "neighbors",
                graph,
                "Iran",
                "--json",
                "--since",
                "2024-07-01",
            ],
        );
        let backs = neighbor(&july, "backs", "hezbollah");
        assert_eq!(
            backs["weight"], 10,
            "{graph}: July's ten reports, not the evidence kept"
        );
        assert_eq!(backs["modes"], serde_json::json!(["reported"]), "{graph}");
        let stated = json(
            p,
            &["neighbors", graph, "Iran", "--json", "--mode", "stated"],
        );
        assert_eq!(
            neighbor(&stated, "backs", "hezbollah")["weight"],
            20,
            "{graph}"
        );
    }
}

#[test]
fn an_unknown_relation_type_names_the_nearest() {
    let d = built();
    let p = d.path();
    for args in [
        &["query", "g.ron", "?x atacked ?y"][..],
        &["neighbors", "g.ron", "Iran", "--type", "atacked"],
        &["export", "g.ron", "--type", "atacked"],
    ] {
        let err = fails(p, args, 2);
        assert!(
            err.contains("unknown relation type 'atacked' (did you mean 'attacked'?"),
            "{args:?}: {err}"
        );
    }
    let err = fails(p, &["query", "g.ron", "?x back ?y"], 2);
    assert!(err.contains("did you mean 'backs'"), "{err}");
    // nothing near: the list alone
    let err = fails(p, &["query", "g.ron", "?x zzzzzz ?y"], 2);
    assert!(
        err.contains("unknown relation type 'zzzzzz' (this graph has: "),
        "{err}"
    );
}

#[test]
fn drop_isolated_and_min_degree() {
    let d = dir_with(&[(
        "a.txt",
        b"Iran backs Hezbollah. Israel attacked Hezbollah. Iran backs the Houthis. Officials visited Tehran.",
    )]);
    let p = d.path();
    ok(p, &["build", "a.txt", "-o", "g.ron"]);
    let g = KnowledgeGraph::load(&p.join("g.ron")).unwrap();
    let isolated: Vec<&str> = g
        .entities()
        .filter(|e| !g.relations().any(|r| r.source == e.id || r.target == e.id))
        .map(|e| e.id.as_str())
        .collect();
    assert!(!isolated.is_empty(), "the test needs an isolated entity");
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["export", "g.ron", "--format", "json"];
        all.extend_from_slice(args);
        KnowledgeGraph::load_str(&ok(p, &all), "o.json")
            .unwrap()
            .entities()
            .map(|e| e.id.clone())
            .collect()
    };
    let kept = ids(&["--drop-isolated"]);
    assert!(
        isolated.iter().all(|i| !kept.iter().any(|k| k == i)),
        "{kept:?}"
    );
    assert_eq!(kept.len(), g.entity_count() - isolated.len());
    // two relations or more: Iran and Hezbollah
    assert_eq!(ids(&["--min-degree", "2"]), ["hezbollah", "iran"]);
    let err = fails(p, &["export", "g.ron", "--min-degree", "two"], 2);
    assert!(err.contains("two"), "{err}");
}

/// Two periods of [`NEWS`] exported with `--until` / `--since` and compared.
#[test]
fn diff_of_two_periods() {
    let d = built();
    let p = d.path();
    ok(
        p,
        &["export", "g.ron", "-o", "q1.ron", "--until", "2024-03-31"],
    );
    ok(
        p,
        &["export", "g.ron", "-o", "q2.ron", "--since", "2024-03-01"],
    );
    let text = ok(p, &["diff", "q1.ron", "q2.ron"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("entities: ")
            && lines[0].contains("relations: 0 added, 0 removed, 2 changed in weight"),
        "{text}"
    );
    assert!(
        lines.contains(&"~ Iran backs Hezbollah: weight 2 → 1, confidence 0.75 → 0.50"),
        "{text}"
    );
    assert!(
        lines.contains(&"~ Israel attacked Hezbollah: weight 1 → 2, confidence 0.50 → 0.63"),
        "{text}"
    );
    // the January-only graph against the whole: the Houthis come in undated
    let v = json(p, &["diff", "q1.ron", "g.ron", "--json"]);
    let added: Vec<&str> = v["relations"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["target"].as_str().unwrap())
        .collect();
    assert_eq!(added, ["houthis"]);
    assert_eq!(v["entities"]["added"][0]["id"], "houthis");
    assert_eq!(v["entities"]["removed"], serde_json::json!([]));
    let changed = &v["relations"]["changed"][0];
    assert_eq!(
        (
            &changed["source"],
            &changed["old"]["weight"],
            &changed["new"]["weight"]
        ),
        (&Value::from("israel"), &Value::from(1), &Value::from(2))
    );
    // the other way round, the same relation is removed
    let v = json(p, &["diff", "g.ron", "q1.ron", "--json"]);
    assert_eq!(v["relations"]["removed"][0]["target"], "houthis");
    // filters apply to both graphs: with two articles or more, the Houthis
    // (one article) are not there, and Israel's attack (one article until
    // March, two in all) is new
    let v = json(
        p,
        &["diff", "q1.ron", "g.ron", "--json", "--min-articles", "2"],
    );
    let added: Vec<String> = v["relations"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {}", r["source"], r["type"], r["target"]))
        .collect();
    assert_eq!(added, ["\"israel\" \"attacked\" \"hezbollah\""]);
    // the same graph: nothing found, exit 1, in JSON too
    let out = run(p, &["diff", "g.ron", "g.ron"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "entities: 0 added, 0 removed, 0 changed; relations: 0 added, 0 removed, 0 changed in weight\n"
    );
    // errors name the file
    let err = fails(p, &["diff", "g.ron", "missing.ron"], 2);
    assert!(!p.join("d.html").exists());
    assert!(err.contains("missing.ron"), "{err}");
    let err = fails(p, &["diff", "g.ron", "news.jsonl"], 2);
    assert!(err.contains("news.jsonl"), "{err}");
}

/// The graph a page carries (its JSON block).
pub fn page_data(page: &str) -> Value {
    let start = page
        .find(r#"<script id="newsgraph-data" type="application/json">"#)
        .expect("data block");
    let rest = &page[start..];
    let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(json).expect("the data block is JSON")
}

/// `diff --html`: both graphs in one page, each entity and relation marked
/// added, removed, changed or the same.
#[test]
fn diff_writes_a_page_coloured_by_change() {
    let d = built();
    let p = d.path();
    ok(
        p,
        &["export", "g.ron", "-o", "q1.ron", "--until", "2024-03-31"],
    );
    // the text still goes to standard output
    let text = ok(p, &["diff", "q1.ron", "g.ron", "--html", "d.html"]);
    assert!(text.starts_with("entities: 1 added"), "{text}");
    let page = std::fs::read_to_string(p.join("d.html")).unwrap();
    assert!(page.contains("<title>newsgraph diff: q1.ron → g.ron</title>"));
    let v = page_data(&page);
    assert_eq!(
        v["diff"],
        serde_json::json!({"old": "q1.ron", "new": "g.ron"})
    );
    let change = |id: &str| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["change"].clone())
    };
    assert_eq!(change("houthis"), Some("added".into()));
    assert_eq!(change("iran"), Some("same".into()));
    let edges: Vec<String> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["source"].as_str().unwrap(),
                e["type"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
                e["change"].as_str().unwrap(),
                e.get("old_weight")
                    .map(|w| w.to_string())
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            "iran backs hezbollah same ",
            "iran backs houthis added ",
            "israel attacked hezbollah changed 1",
        ]
    );
    // the other way round, what the new graph lacks is still drawn, removed
    ok(p, &["diff", "g.ron", "q1.ron", "--html", "r.html"]);
    let v = page_data(&std::fs::read_to_string(p.join("r.html")).unwrap());
    let houthis = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "houthis")
        .expect("removed entities stay in the page");
    assert_eq!(houthis["change"], "removed");
    assert_eq!(v["edges"].as_array().unwrap().len(), 3);
    // two equal graphs: exit 1, and a page where everything is the same
    let out = run(p, &["diff", "g.ron", "g.ron", "--html", "s.html"], None);
    assert_eq!(out.status.code(), Some(1));
    let v = page_data(&std::fs::read_to_string(p.join("s.html")).unwrap());
    assert!(v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["change"] == "same"));
    // a page that cannot be written is an error naming it
    let err = fails(
        p,
        &["diff", "q1.ron", "g.ron", "--html", "no/such/dir/d.html"],
        2,
    );
    assert!(err.contains("no/such/dir"), "{err}");
}

#[test]
fn types_lists_kinds_and_relation_types_with_counts_and_descriptions() {
    let d = built();
    let p = d.path();
    let lex = newsgraph::Lexicon::embedded();
    // without a graph: the lexicon's types, no counts
    let text = ok(p, &["types"]);
    assert!(text.starts_with("entity kinds:\nkind "), "{text}");
    assert!(
        text.contains("militia       an armed non-state group"),
        "{text}"
    );
    for t in lex.relation_types() {
        assert!(
            text.lines().any(|l| l.starts_with(&t.name)),
            "{} missing:\n{text}",
            t.name
        );
    }
    // the description comes from relations.ron's triggers
    let backs = lex.relation_type("backs").unwrap();
    let row = text.lines().find(|l| l.starts_with("backs ")).unwrap();
    assert!(
        row.contains(&format!("verbs: {}", backs.verbs[0].lemma))
            && row.contains(&backs.plover)
            && row.contains(&format!("-{}", backs.compounds[0])),
        "{row}"
    );
    // with a graph: counts
    let v = json(p, &["types", "g.ron", "--json"]);
    let kind = |name: &str| {
        v["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(kind("state")["count"], 2, "Iran and Israel");
    assert_eq!(kind("militia")["count"], 2, "Hezbollah and the Houthis");
    assert_eq!(kind("place")["count"], 0);
    let ty = |name: &str| {
        v["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(ty("backs")["count"], 2);
    assert_eq!(ty("attacked")["count"], 1);
    assert_eq!(ty("killed")["count"], 0);
    assert_eq!(ty("met")["symmetric"], true);
    assert_eq!(ty("backs")["plover"], "SUPPORT");
    let text = ok(p, &["types", "g.ron"]);
    assert!(text.contains("kind          count  description"), "{text}");
    // without a graph, counts are null
    let v = json(p, &["types", "--json"]);
    assert_eq!(v["types"][0]["count"], Value::Null);
    let err = fails(p, &["types", "missing.ron"], 2);
    assert!(err.contains("missing.ron"), "{err}");
}

/// A graph of `isolated` entities without relations and a chain of
/// `chained` states, as RON.
fn graph_with_isolated(isolated: usize, chained: usize) -> String {
    use newsgraph::entity::{Entity, EntityKind};
    use newsgraph::relations::relation::{Evidence, Relation};
    let mut g = KnowledgeGraph::new();
    let entity = |id: String, kind| Entity {
        label: id.to_uppercase(),
        id,
        kind,
        aliases: vec![],
        mentions: 1,
    };
    for i in 0..isolated {
        g.add_entity(entity(format!("place-{i:03}"), EntityKind::Place));
    }
    for i in 0..chained {
        g.add_entity(entity(format!("state-{i:03}"), EntityKind::State));
    }
    for i in 1..chained {
        let ev = Evidence {
            doc: format!("d{i}"),
            sentence: 0,
            span: (0, 1),
            text: "x".into(),
            ..Evidence::default()
        };
        g.add_relation(Relation::new(
            format!("state-{:03}", i - 1),
            "attacked".into(),
            format!("state-{i:03}"),
            ev,
        ))
        .unwrap();
    }
    newsgraph::formats::ron::to_string(&g)
}

#[test]
fn dot_draws_entities_without_relations_as_a_grid_not_a_strip() {
    let d = dir_with(&[("g.ron", graph_with_isolated(60, 8).as_bytes())]);
    let p = d.path();
    let dot = ok(p, &["export", "g.ron", "--format", "dot"]);
    // the isolated entities sit in their own cluster, in rows of 8
    let at = dot
        .find("subgraph \"cluster_unrelated\"")
        .expect("a cluster");
    let cluster = &dot[at..at + dot[at..].find("\n  }\n").unwrap()];
    // each once on its own, once in its row
    assert_eq!(cluster.matches("\"place-").count(), 60 + 60, "{cluster}");
    assert!(!cluster.contains("state-"), "{cluster}");
    assert_eq!(cluster.matches("[style=invis]").count(), 8, "{cluster}");
    // no `pack`: Graphviz 2.43's dot then drops most edge labels
    assert!(!dot.contains("pack"), "{dot}");
    // Graphviz draws it about as high as wide, not as one long column
    let Some(graphviz) = crate::formats::consumer("dot") else {
        return;
    };
    std::fs::write(p.join("g.dot"), &dot).unwrap();
    let out = std::process::Command::new(graphviz)
        .args(["-Tplain", "g.dot"])
        .current_dir(p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = String::from_utf8(out.stdout).unwrap();
    let head: Vec<f64> = plain
        .lines()
        .next()
        .unwrap()
        .split(' ')
        .skip(2)
        .map(|x| x.parse().unwrap())
        .collect();
    let (w, h) = (head[0], head[1]);
    assert!(w.max(h) / w.min(h) < 2.5, "{w} × {h} inches: a strip");
    // without them, the chain alone
    let dot = ok(
        p,
        &["export", "g.ron", "--format", "dot", "--drop-isolated"],
    );
    assert!(!dot.contains("cluster_unrelated") && !dot.contains("place-"));
}

/// Two articles naming one man two ways.
const TWO_NAMES: &str = r#"{"id": "b1", "date": "2024-08-05", "text": "Antony J. Blinken met Iraqi Prime Minister Mohammed Shia Al-Sudani."}
{"id": "b2", "date": "2024-08-06", "text": "Antony Blinken urged Iran to stop."}
"#;

fn triples(g: &KnowledgeGraph) -> Vec<String> {
    g.relations()
        .map(|r| format!("{} {} {} {}", r.source, r.kind, r.target, r.weight()))
        .collect()
}

fn ids(g: &KnowledgeGraph) -> Vec<String> {
    g.entities().map(|e| e.id.clone()).collect()
}

#[test]
fn alias_merges_an_entity_and_later_builds_apply_it() {
    let d = dir_with(&[("news.jsonl", TWO_NAMES.as_bytes())]);
    let p = d.path();
    ok(p, &["build", "news.jsonl", "-o", "g.json"]);
    let before = KnowledgeGraph::load(&p.join("g.json")).unwrap();
    assert!(
        before.entity("antony-j-blinken").is_some() && before.entity("antony-blinken").is_some(),
        "the test needs two entities: {:?}",
        ids(&before)
    );
    let out = run(
        p,
        &["alias", "g.json", "Antony J. Blinken", "Antony Blinken"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(
        note.contains("'Antony J. Blinken' (antony-j-blinken) merged into 'Antony Blinken'")
            && note.contains("newsgraph-lexicon/entities.ron"),
        "{note}"
    );
    // written back as JSON, the one entity with both names and every relation
    let text = std::fs::read_to_string(p.join("g.json")).unwrap();
    assert!(text.trim_start().starts_with('{'), "still JSON");
    let after = KnowledgeGraph::load(&p.join("g.json")).unwrap();
    assert!(after.entity("antony-j-blinken").is_none());
    let blinken = after.entity("antony-blinken").unwrap();
    assert_eq!(blinken.aliases, ["Antony J. Blinken"]);
    assert_eq!(after.relation_count(), before.relation_count());
    for r in before.relations() {
        let moved = |id: &str| {
            if id == "antony-j-blinken" {
                "antony-blinken".to_string()
            } else {
                id.to_string()
            }
        };
        let (mut s, mut t) = (moved(&r.source), moved(&r.target));
        if after.relation(&s, &r.kind, &t).is_none() {
            std::mem::swap(&mut s, &mut t); // a symmetric type, in id order
        }
        assert!(
            after.relation(&s, &r.kind, &t).is_some(),
            "{s} {} {t}",
            r.kind
        );
    }
    // the lexicon file is valid, and a later build applies it
    let lexicon = std::fs::read_to_string(p.join("newsgraph-lexicon/entities.ron")).unwrap();
    assert!(
        lexicon.contains(r#"(id: Some("antony-blinken"), name: "Antony Blinken", kind: person, aliases: ["Antony J. Blinken"])"#),
        "{lexicon}"
    );
    ok(p, &["lexicon", "check", "newsgraph-lexicon"]);
    ok(
        p,
        &[
            "build",
            "news.jsonl",
            "-o",
            "again.json",
            "--lexicon",
            "newsgraph-lexicon",
        ],
    );
    let again = KnowledgeGraph::load(&p.join("again.json")).unwrap();
    assert_eq!(ids(&again), ids(&after));
    assert_eq!(triples(&again), triples(&after));
    // a name the graph does not have yet is just another alias
    ok(p, &["alias", "g.json", "Tony Blinken", "antony-blinken"]);
    let g = KnowledgeGraph::load(&p.join("g.json")).unwrap();
    assert_eq!(
        g.entity("antony-blinken").unwrap().aliases,
        ["Antony J. Blinken", "Tony Blinken"]
    );
    let lexicon = std::fs::read_to_string(p.join("newsgraph-lexicon/entities.ron")).unwrap();
    assert!(
        lexicon.contains(r#"aliases: ["Antony J. Blinken", "Tony Blinken"]"#),
        "{lexicon}"
    );
}

#[test]
fn rename_keeps_the_id_and_later_builds_apply_it() {
    let d = dir_with(&[("news.jsonl", TWO_NAMES.as_bytes())]);
    let p = d.path();
    ok(p, &["build", "news.jsonl", "-o", "g.ron"]);
    ok(p, &["export", "g.ron", "--format", "csv", "-o", "g-csv"]);
    // into another file; g.ron is left as it was
    let g_ron = std::fs::read(p.join("g.ron")).unwrap();
    ok(
        p,
        &[
            "rename",
            "g.ron",
            "Iran",
            "Islamic Republic of Iran",
            "-o",
            "renamed.json",
            "--lexicon",
            "lex",
        ],
    );
    assert_eq!(std::fs::read(p.join("g.ron")).unwrap(), g_ron);
    let g = KnowledgeGraph::load(&p.join("renamed.json")).unwrap();
    let iran = g.entity("iran").unwrap();
    assert_eq!(iran.label, "Islamic Republic of Iran");
    assert!(
        iran.aliases.contains(&"Iran".to_string()),
        "{:?}",
        iran.aliases
    );
    assert!(g.relation("antony-blinken", "urged", "iran").is_some());
    // a later build with the lexicon labels it so too
    ok(
        p,
        &["build", "news.jsonl", "-o", "again.ron", "--lexicon", "lex"],
    );
    let again = KnowledgeGraph::load(&p.join("again.ron")).unwrap();
    assert_eq!(
        again.entity("iran").unwrap().label,
        "Islamic Republic of Iran"
    );
    assert_eq!(triples(&again), triples(&g));
    // a CSV directory is written back as one
    ok(
        p,
        &[
            "rename",
            "g-csv",
            "Iran",
            "The Islamic Republic",
            "--lexicon",
            "lex",
        ],
    );
    let g = KnowledgeGraph::load(&p.join("g-csv")).unwrap();
    assert_eq!(g.entity("iran").unwrap().label, "The Islamic Republic");
    let lexicon = std::fs::read_to_string(p.join("lex/entities.ron")).unwrap();
    assert!(
        lexicon.contains(r#"name: "The Islamic Republic", kind: state, aliases: ["Iran", "Islamic Republic of Iran"]"#),
        "{lexicon}"
    );
}

#[test]
fn alias_and_rename_errors_leave_everything_as_it_was() {
    let d = dir_with(&[("news.jsonl", TWO_NAMES.as_bytes())]);
    let p = d.path();
    ok(p, &["build", "news.jsonl", "-o", "g.ron"]);
    let graph = std::fs::read(p.join("g.ron")).unwrap();
    for (args, message) in [
        (
            &["alias", "g.ron", "X", "Iram"][..],
            "no entity called 'Iram' in this graph (did you mean 'Iran'",
        ),
        (
            &["alias", "g.ron", "Iran", "iran"],
            "'Iran' is already a name of 'Iran'",
        ),
        (
            &["rename", "g.ron", "Iran", "Iraq"],
            "'Iraq' is already the entity 'Iraq' (iraq)",
        ),
        (
            &["rename", "g.ron", "Nobody", "X"],
            "no entity called 'Nobody'",
        ),
        (&["rename", "g.ron", "Iran", " "], "the new label is empty"),
        (&["alias", "missing.ron", "X", "Iran"], "missing.ron"),
    ] {
        let err = fails(p, args, 2);
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(std::fs::read(p.join("g.ron")).unwrap(), graph, "{args:?}");
    }
    assert!(!p.join("newsgraph-lexicon").exists(), "nothing recorded");
    // a lexicon file that is not one: an error at its line, nothing written
    std::fs::create_dir(p.join("bad")).unwrap();
    std::fs::write(p.join("bad/entities.ron"), "(\n  entities: [oops],\n)\n").unwrap();
    let err = fails(
        p,
        &["rename", "g.ron", "Iran", "Persia", "--lexicon", "bad"],
        2,
    );
    assert!(err.contains("bad/entities.ron:2:"), "{err}");
    assert_eq!(std::fs::read(p.join("g.ron")).unwrap(), graph);
}

/// An article file whose only date is its dateline.
const DATELINED: &str =
    "BEIRUT, Lebanon — Apr. 11, 2024 —\nIran backs Hezbollah. On March 2, 2020, nothing happened.\n";

#[test]
fn dateline_dates_edges() {
    let d = dir_with(&[("story.txt", DATELINED.as_bytes())]);
    let p = d.path();
    let q = |g: &str| {
        String::from_utf8_lossy(&run(p, &["query", g, "Iran backs ?m", "--csv"], None).stdout)
            .into_owned()
    };
    // the dateline's day is inside the window: the edge is kept
    ok(
        p,
        &[
            "build",
            "story.txt",
            "-o",
            "in.ron",
            "--since",
            "2024-04-01",
            "--until",
            "2024-04-30",
        ],
    );
    assert!(q("in.ron").contains("Hezbollah"));
    // outside it (the body's 2020 date is not the article's): dropped
    ok(
        p,
        &[
            "build",
            "story.txt",
            "-o",
            "out.ron",
            "--until",
            "2024-04-10",
        ],
    );
    assert!(!q("out.ron").contains("Hezbollah"));
    ok(
        p,
        &[
            "build",
            "story.txt",
            "-o",
            "late.ron",
            "--since",
            "2024-04-12",
        ],
    );
    assert!(!q("late.ron").contains("Hezbollah"));
    // --date overrides the dateline
    ok(
        p,
        &[
            "build",
            "story.txt",
            "-o",
            "over.ron",
            "--date",
            "2024-04-20",
            "--since",
            "2024-04-15",
        ],
    );
    assert!(q("over.ron").contains("Hezbollah"));
    ok(p, &["build", "story.txt", "-o", "all.ron"]);
    let rows = ok(
        p,
        &[
            "query",
            "all.ron",
            "Iran backs ?m",
            "--csv",
            "--since",
            "2024-04-11",
            "--until",
            "2024-04-11",
        ],
    );
    assert!(rows.contains("Hezbollah"));
}
