//! The HTML page in a real browser: headless Debian Chromium driven by
//! playwright-core (`tests/browser/check.mjs`), opening pages from disk.
//!
//! `.ci/run` installs Chromium (Debian's `chromium`) and playwright-core
//! (`npm ci` in tests/browser) and sets `NEWSGRAPH_REQUIRE_BROWSER=1`, so a
//! missing browser fails there; elsewhere these tests say so and skip.

use crate::util::{dir_with, ok, root};
use newsgraph::entity::{Entity, EntityKind};
use newsgraph::formats::{self, DrawOptions, Format};
use newsgraph::graph::{ArticleInfo, GraphFile, KnowledgeGraph, FORMAT_VERSION};
use newsgraph::relations::relation::{Evidence, Relation};
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
    // entities without relations are hidden at first (issue 18)
    let related: std::collections::BTreeSet<&str> = graph
        .relations()
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .collect();
    assert_eq!(report["nodes"], related.len(), "{report}");
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
    // unticking "place" hides the places and their relations, and the
    // entities left without a relation (but the selected one)
    let place = |id: &str| graph.entity(id).unwrap().kind == EntityKind::Place;
    let kept: Vec<&Relation> = graph
        .relations()
        .filter(|r| !place(&r.source) && !place(&r.target))
        .collect();
    let ends: std::collections::BTreeSet<&str> = kept
        .iter()
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .chain(["hezbollah"])
        .collect();
    assert_eq!(
        report["withoutPlaces"],
        serde_json::json!([ends.len(), kept.len()])
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
        2,
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

/// `diff --html`: the page opens, colours by change and filters by it.
#[test]
fn diff_page_colours_by_change() {
    let Some(browser) = chromium() else { return };
    let news = r#"{"id": "a1", "date": "2024-01-10", "text": "Iran backs Hezbollah."}
{"id": "a2", "date": "2024-03-05", "text": "Iran backs Hezbollah. Israel attacked Hezbollah."}
{"id": "a3", "date": "2024-06-20", "text": "Iran backs the Houthis."}
{"id": "a4", "date": "2024-06-21", "text": "Iran backs Hezbollah."}
"#;
    let d = dir_with(&[("news.jsonl", news.as_bytes())]);
    let p = d.path();
    ok(p, &["build", "news.jsonl", "-o", "g.ron"]);
    ok(
        p,
        &["export", "g.ron", "-o", "old.ron", "--until", "2024-01-31"],
    );
    ok(
        p,
        &["export", "g.ron", "-o", "new.ron", "--since", "2024-03-01"],
    );
    ok(p, &["diff", "old.ron", "new.ron", "--html", "d.html"]);
    let report = check(&browser, &p.join("d.html"), &["--search", "Houthis"]);
    let paint = &report["paint"];
    // added green, removed red, changed orange, the same grey
    assert_eq!(paint["houthis"], "rgb(44,160,44)", "{report}");
    assert_eq!(paint["iran backs houthis"], "rgb(44,160,44)", "{report}");
    assert_eq!(paint["israel attacked hezbollah"], "rgb(44,160,44)");
    assert_eq!(paint["israel"], "rgb(44,160,44)");
    assert_eq!(paint["iran backs hezbollah"], "rgb(255,127,14)", "{report}");
    assert_eq!(paint["iran"], "rgb(199,199,199)");
    let changes = report["changes"].as_str().unwrap();
    for c in ["added (4)", "removed (0)", "changed (1)", "same (2)"] {
        assert!(changes.contains(c), "{changes}");
    }
    let card = report["card"].as_str().unwrap();
    assert!(card.contains("added: only in new.ron"), "{card}");
}

/// A deterministic graph of `n` entities and `m` relations, shaped like
/// news: one entity in twenty has no relation, a few are in many (each end
/// is the smaller of two draws), and each relation was stated on one or two
/// days of 2024's first 120, one in ten without a date.
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
    let related = n - n / 20;
    let day = |d: usize| {
        let (month, day) = [(1, 31), (2, 29), (3, 31), (4, 30)]
            .iter()
            .scan(0, |start, &(mo, len)| {
                let s = *start;
                *start += len;
                Some((mo, s, len))
            })
            .find(|&(_, s, len)| d >= s && d < s + len)
            .map(|(mo, s, _)| (mo, d - s + 1))
            .unwrap();
        format!("2024-{month:02}-{day:02}")
    };
    let mut seen = std::collections::HashSet::new();
    let mut relations = Vec::new();
    while relations.len() < m {
        let s = next(related).min(next(related));
        let t = next(related).min(next(related));
        let k = types[next(types.len())];
        if s != t && seen.insert((s, k, t)) {
            let i = relations.len();
            let dates: Vec<Option<String>> = match i % 10 {
                0 => vec![None],
                1 | 2 => vec![Some(day(next(120))), Some(day(next(120)))],
                _ => vec![Some(day(next(120)))],
            };
            let evidence = dates
                .into_iter()
                .enumerate()
                .map(|(j, date)| Evidence {
                    doc: "d".into(),
                    sentence: i * 2 + j,
                    span: (0, 1),
                    text: "A sentence.".into(),
                    date,
                    ..Evidence::default()
                })
                .collect();
            relations.push(Relation {
                source: format!("e{s}"),
                kind: k.into(),
                target: format!("e{t}"),
                weight: 0,
                evidence,
                tallies: Vec::new(),
            });
        }
    }
    let lexicon = newsgraph::Lexicon::embedded();
    let file = GraphFile {
        version: FORMAT_VERSION,
        documents: vec![ArticleInfo {
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

/// How long the page takes to become interactive (from the start of the
/// navigation to the first frame drawn with every entity and relation, as
/// the page measures it), at most: issue 18's 2 s at 2,000 entities and
/// 10,000 relations. The page draws on a canvas of its own and opens that
/// graph in about 0.5 s on this two-core machine (Cytoscape.js took 4.3 s
/// idle, 6.5-7.2 s while other builds ran), so the bound holds with room
/// for a loaded machine; the times are printed (run with --nocapture).
const INTERACTIVE_MS: f64 = 2_000.0;

/// The walk of check.mjs --find over a generated page of `n` entities and
/// `m` relations: time to interactive, labels at the first view, the
/// entities without relations hidden, search zoom, focus refit, time range.
fn walk_big_page(browser: &Path, n: usize, m: usize, shot: Option<&Path>) {
    use std::collections::{BTreeMap, BTreeSet};
    let graph = generated(n, m);
    let d = tempfile::tempdir().unwrap();
    let page = d.path().join("big.html");
    formats::write(&graph, Format::Html, &DrawOptions::default(), &page).unwrap();
    let size = std::fs::metadata(&page).unwrap().len();
    // NEWSGRAPH_KEEP_PAGES=DIR keeps the page as DIR/big-N.html, for profiling
    if let Some(dir) = std::env::var_os("NEWSGRAPH_KEEP_PAGES") {
        std::fs::copy(&page, Path::new(&dir).join(format!("big-{n}.html"))).unwrap();
    }
    // the entity searched: the one of median degree
    let mut degree: BTreeMap<&str, usize> = graph.entities().map(|e| (e.id.as_str(), 0)).collect();
    for r in graph.relations() {
        *degree.get_mut(r.source.as_str()).unwrap() += 1;
        *degree.get_mut(r.target.as_str()).unwrap() += 1;
    }
    let mut by_degree: Vec<(&str, usize)> = degree.iter().map(|(k, v)| (*k, *v)).collect();
    by_degree.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let target = by_degree[by_degree.len() / 4].0;
    let label = graph.entity(target).unwrap().label.clone();
    let mut extra = vec!["--find", &label, "--time", "2024-02-01", "2024-02-29"];
    let shot_arg;
    if let Some(shot) = shot {
        shot_arg = shot.display().to_string();
        extra.extend(["--screenshot", &shot_arg]);
    }
    let report = check(browser, &page, &extra);
    let alone = degree.values().filter(|d| **d == 0).count();
    assert!(alone > 0);
    let what = format!("{n} entities, {m} relations");

    // time to interactive, measured in the page
    let interactive = report["interactiveMs"].as_f64().unwrap();
    eprintln!(
        "html page, {what} ({} KB): interactive after {interactive} ms (script {} ms; opened in {} ms)",
        size / 1024,
        report["layoutMs"],
        report["openMs"]
    );
    assert!(interactive < INTERACTIVE_MS, "{what}: {interactive} ms");
    assert_eq!(report["positioned"], true);

    // the entities without relations are hidden, and a toggle shows them
    assert_eq!(report["shown"], serde_json::json!([n - alone, m]), "{what}");
    assert_eq!(report["alone"], format!("({alone})"));
    assert_eq!(report["withAlone"], serde_json::json!([n, m]), "{what}");

    // the first view labels the most connected entities, readable and
    // without overlapping; the rest wait for zooming in
    let first = &report["firstView"];
    let labelled = strings(&first["labelled"]);
    assert!(labelled.len() >= 8, "{what}: {first}");
    assert!(labelled.len() < n / 4, "{what}: {first}");
    assert_eq!(first["overlaps"], 0, "{what}: {first}");
    for px in first["labelPx"].as_array().unwrap() {
        assert!(px.as_f64().unwrap() >= 12.5, "{what}: {first}");
    }
    let top_quarter: BTreeSet<&str> = by_degree[..n / 4].iter().map(|p| p.0).collect();
    assert!(
        labelled.iter().all(|id| top_quarter.contains(id.as_str())),
        "{what}: a label for a little-connected entity: {first}"
    );
    let top = strings(&first["top"]);
    assert!(labelled.contains(&top[0]), "{what}: {first}");

    // search: Enter selects the hit, centres it and zooms in until its
    // label is drawn
    let found = &report["found"];
    assert_eq!(found["id"], target, "{report}");
    assert_eq!(found["card"], label.as_str());
    let searched = &report["searchView"];
    let (w, h) = (
        searched["width"].as_f64().unwrap(),
        searched["height"].as_f64().unwrap(),
    );
    assert!(
        (found["x"].as_f64().unwrap() - w / 2.0).abs() < 2.0,
        "{found}"
    );
    assert!(
        (found["y"].as_f64().unwrap() - h / 2.0).abs() < 2.0,
        "{found}"
    );
    assert!(
        found["labelPx"].as_f64() >= found["minPx"].as_f64(),
        "{found}"
    );
    assert!(
        searched["zoom"].as_f64() > first["zoom"].as_f64(),
        "{searched}"
    );
    assert!(strings(&searched["labelled"]).contains(&target.to_string()));

    // focus: the entity, its neighbours and the relations among them, and
    // the view refits to them: all inside, filling the canvas in one direction
    let near: BTreeSet<&str> = graph
        .relations()
        .filter(|r| r.source == target || r.target == target)
        .flat_map(|r| [r.source.as_str(), r.target.as_str()])
        .chain([target])
        .collect();
    let among = graph
        .relations()
        .filter(|r| near.contains(r.source.as_str()) && near.contains(r.target.as_str()))
        .count();
    assert_eq!(report["focused"], serde_json::json!([near.len(), among]));
    let focus = &report["focusView"];
    let b: Vec<f64> = focus["box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        b[0] >= -1.0 && b[1] >= -1.0 && b[2] <= w + 1.0 && b[3] <= h + 1.0,
        "{what}: focus left entities outside: {focus}"
    );
    assert!(
        (b[2] - b[0]) / w > 0.5 || (b[3] - b[1]) / h > 0.5,
        "{what}: focus did not refit: {focus}"
    );
    assert_eq!(report["unfocused"], serde_json::json!([n - alone, m]));

    // the time range: relations stated in February, and those without a
    // date unless unticked; entities without a shown relation hidden, but
    // the selected one
    let in_range = |r: &Relation, undated: bool| {
        let days: Vec<String> = r.evidence.iter().filter_map(|e| e.date.clone()).collect();
        if days.is_empty() {
            undated
        } else {
            days.iter()
                .any(|d| d.as_str() >= "2024-02-01" && d.as_str() <= "2024-02-29")
        }
    };
    for (key, undated) in [("timeShown", true), ("timeDatedShown", false)] {
        let kept: Vec<&Relation> = graph.relations().filter(|r| in_range(r, undated)).collect();
        let ends: BTreeSet<&str> = kept
            .iter()
            .flat_map(|r| [r.source.as_str(), r.target.as_str()])
            .chain([target])
            .collect();
        assert!(kept.len() < m && !kept.is_empty());
        assert_eq!(
            report[key],
            serde_json::json!([ends.len(), kept.len()]),
            "{what}: {key}"
        );
    }
    assert_eq!(
        report["timeLabels"],
        serde_json::json!(["2024-02-01", "2024-02-29"])
    );
    assert_eq!(report["days"], 120);
    assert_eq!(report["afterReset"], serde_json::json!([n, m]));
}

/// Generated pages of 500 and 2,000 entities (issue 18), one after the
/// other so that they do not compete for the processor. With
/// NEWSGRAPH_SCREENSHOTS=DIR, the first view of the 500 is saved as
/// DIR/explorer-500.png (the README's picture: `NEWSGRAPH_SCREENSHOTS=docs
/// cargo test --release --test integration browser::big`).
#[test]
fn big_page_opens_and_lays_out() {
    let Some(browser) = chromium() else { return };
    let shots = std::env::var_os("NEWSGRAPH_SCREENSHOTS").map(PathBuf::from);
    let shot = shots.map(|dir| root().join(dir).join("explorer-500.png"));
    walk_big_page(&browser, 500, 1_500, shot.as_deref());
    walk_big_page(&browser, 2_000, 10_000, None);
}
