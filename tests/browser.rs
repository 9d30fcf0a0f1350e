//! The HTML page in a real browser: headless Debian Chromium driven by
//! playwright-core (`tests/browser/check.mjs`), opening pages from disk.
//!
//! `.ci/run` installs Chromium (Debian's `chromium`) and playwright-core
//! (`npm ci` in tests/browser) and sets `NEWSGRAPH_REQUIRE_BROWSER=1`, so a
//! missing browser fails there; elsewhere these tests say so and skip.

use crate::util::{dir_with, ok, root};
use newsgraph::entity::{Entity, EntityKind};
use newsgraph::export::{self, DrawOptions, Format};
use newsgraph::graph::{DocumentInfo, GraphFile, KnowledgeGraph, FORMAT_VERSION};
use newsgraph::relation::{Evidence, Relation};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Chromium's path, when it and playwright-core are installed.
fn chromium() -> Option<PathBuf> {
    let browser = std::env::var_os("NEWSGRAPH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let driver = root().join("tests/browser/node_modules/playwright-core");
    let node = Command::new("node").arg("--version").output();
    if browser.exists() && driver.exists() && node.is_ok_and(|o| o.status.success()) {
        return Some(browser);
    }
    if std::env::var_os("NEWSGRAPH_REQUIRE_BROWSER").is_some() {
        panic!(
            "Chromium ({}), node and tests/browser/node_modules are required (NEWSGRAPH_REQUIRE_BROWSER is set)",
            browser.display()
        );
    }
    eprintln!("note: Chromium or playwright-core not installed; skipping the browser test (.ci/run installs them)");
    None
}

/// Runs check.mjs on `page`; returns its report.
fn check(browser: &Path, page: &Path, extra: &[&str]) -> Value {
    let out = Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .arg(page)
        .args(extra)
        .env("NEWSGRAPH_CHROMIUM", browser)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "check.mjs failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("check.mjs prints JSON");
    assert_eq!(report["errors"], Value::Array(vec![]), "script errors");
    assert_eq!(
        report["requests"],
        Value::Array(vec![]),
        "the page asked the network"
    );
    assert_eq!(report["dialogs"], Value::Array(vec![]), "a dialog opened");
    report
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn seed_page_searches_clicks_and_shows_evidence() {
    let Some(browser) = chromium() else { return };
    let graph = KnowledgeGraph::load(&root().join("graphs/seed.ron")).unwrap();
    let d = tempfile::tempdir().unwrap();
    let shot = d.path().join("seed.png");
    let report = check(
        &browser,
        &root().join("graphs/seed.html"),
        &[
            "--search",
            "Hezbollah",
            "--screenshot",
            shot.to_str().unwrap(),
        ],
    );
    assert_eq!(report["nodes"], graph.entity_count(), "{report}");
    assert_eq!(report["edges"], graph.relation_count(), "{report}");
    assert_eq!(report["positioned"], true);
    assert!(strings(&report["results"])
        .iter()
        .any(|r| r.contains("Hezbollah")));
    // clicking the node on the canvas opens its card
    assert_eq!(report["selected"], serde_json::json!(["hezbollah"]));
    assert_eq!(report["cardTitle"], "Hezbollah");
    let card = report["card"].as_str().unwrap();
    assert!(card.contains("militia"), "{card}");
    for r in graph
        .relations()
        .filter(|r| r.source == "hezbollah" || r.target == "hezbollah")
    {
        assert!(card.contains(&r.kind), "card lacks {}: {card}", r.kind);
    }
    // clicking one of its relations shows that relation's evidence sentences
    let kind = report["edgeClicked"].as_str().expect("an edge was clicked");
    let relation = graph
        .relations()
        .find(|r| r.kind == kind && (r.source == "hezbollah" || r.target == "hezbollah"))
        .unwrap();
    let want: Vec<String> = relation.evidence.iter().map(|e| e.text.clone()).collect();
    assert_eq!(strings(&report["evidenceSentences"]), want);
    // focus mode: Hezbollah and its neighbours, and the relations among them
    let near: std::collections::BTreeSet<&str> = graph
        .relations()
        .filter(|r| r.source == "hezbollah" || r.target == "hezbollah")
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .chain(["hezbollah"])
        .collect();
    let among = graph
        .relations()
        .filter(|r| near.contains(r.source.as_str()) && near.contains(r.target.as_str()))
        .count();
    assert_eq!(report["focused"], serde_json::json!([near.len(), among]));
    // unticking "place" hides the places and their relations
    let place = |id: &str| graph.entity(id).unwrap().kind == EntityKind::Place;
    let places = graph
        .entities()
        .filter(|e| e.kind == EntityKind::Place)
        .count();
    let kept = graph
        .relations()
        .filter(|r| !place(&r.source) && !place(&r.target))
        .count();
    assert_eq!(
        report["withoutPlaces"],
        serde_json::json!([graph.entity_count() - places, kept])
    );
    assert_eq!(
        report["afterReset"],
        serde_json::json!([graph.entity_count(), graph.relation_count()])
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000);
}

#[test]
fn hostile_names_show_as_text_and_run_nothing() {
    let Some(browser) = chromium() else { return };
    let evil = "<img src=x onerror=alert(1)>";
    let closer = "</script><script>alert(2)</script>";
    let record = serde_json::json!({
        "id": "<b>doc</b>",
        "title": "<script>alert(3)</script>",
        "url": "javascript:alert(4)",
        "text": format!("{evil} attacked Hezbollah. Iran condemned {closer} after the raid."),
    });
    let lexicon = format!(
        "(entities: [(name: {evil:?}, kind: militia, aliases: []), (name: {closer:?}, kind: militia, aliases: [])])"
    );
    let d = dir_with(&[
        ("news.jsonl", format!("{record}\n").as_bytes()),
        ("lex/evil.ron", lexicon.as_bytes()),
    ]);
    ok(
        d.path(),
        &["build", "news.jsonl", "--lexicon", "lex", "-o", "g.html"],
    );
    let page = std::fs::read_to_string(d.path().join("g.html")).unwrap();
    assert_eq!(
        page.matches("</script>").count(),
        3,
        "only our own scripts close"
    );
    for (name, other) in [(evil, "attacked"), (closer, "condemned")] {
        let report = check(&browser, &d.path().join("g.html"), &["--search", name]);
        assert_eq!(report["cardTitle"], name, "{report}");
        assert_eq!(report["injected"], 0, "{report}");
        assert_eq!(report["edgeClicked"], other, "{report}");
        let sentences = strings(&report["evidenceSentences"]);
        assert!(sentences.iter().any(|s| s.contains(name)), "{report}");
        let meta = strings(&report["evidenceMeta"]).join(" ");
        assert!(meta.contains("<b>doc</b>") && meta.contains("<script>alert(3)</script>"));
        assert_eq!(
            report["links"],
            Value::Array(vec![]),
            "javascript: URL linked"
        );
    }
}

/// A deterministic graph of `n` entities and `m` relations.
fn generated(n: usize, m: usize) -> KnowledgeGraph {
    let types = ["attacked", "backs", "condemned", "urged", "met"];
    let kinds = EntityKind::ALL;
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let mut seen = std::collections::HashSet::new();
    let mut relations = Vec::new();
    while relations.len() < m {
        let (s, t, k) = (next(n), next(n), types[next(types.len())]);
        if s != t && seen.insert((s, k, t)) {
            relations.push(Relation {
                source: format!("e{s}"),
                kind: k.into(),
                target: format!("e{t}"),
                weight: 1,
                evidence: [Evidence {
                    doc: "d".into(),
                    sentence: 0,
                    span: (0, 1),
                    text: "A sentence.".into(),
                    ..Evidence::default()
                }]
                .into(),
                tallies: Vec::new(),
            });
        }
    }
    let lexicon = newsgraph::Lexicon::embedded();
    let file = GraphFile {
        version: FORMAT_VERSION,
        documents: vec![DocumentInfo {
            id: "d".into(),
            date: None,
            title: None,
            url: None,
        }],
        relation_types: lexicon
            .relation_types()
            .iter()
            .map(newsgraph::graph::RelationInfo::from)
            .collect(),
        entities: (0..n)
            .map(|i| Entity {
                id: format!("e{i}"),
                label: format!("Entity {i}"),
                kind: kinds[i % kinds.len()],
                aliases: vec![],
                mentions: 1 + (i % 7) as u64,
            })
            .collect(),
        relations,
    };
    KnowledgeGraph::from_file(file, "generated").unwrap()
}

/// Opening time for a big page: reported (run with --nocapture), not
/// asserted, as the machines are shared; what is asserted is that all of it
/// is drawn.
#[test]
fn big_page_opens_and_lays_out() {
    let Some(browser) = chromium() else { return };
    let graph = generated(2_000, 10_000);
    let d = tempfile::tempdir().unwrap();
    let page = d.path().join("big.html");
    export::write(&graph, Format::Html, &DrawOptions::default(), &page).unwrap();
    let report = check(&browser, &page, &[]);
    assert_eq!(report["nodes"], 2_000);
    assert_eq!(report["edges"], 10_000);
    assert_eq!(report["positioned"], true);
    eprintln!(
        "html page, 2,000 entities and 10,000 relations: opened and laid out in {} ms (layout {} ms)",
        report["openMs"], report["layoutMs"]
    );
}
