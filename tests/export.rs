//! `newsgraph export`: formats and subgraphs.

use crate::util::{fails, ok, root};
use newsgraph::KnowledgeGraph;

fn export(args: &[&str]) -> KnowledgeGraph {
    let mut all = vec!["export", "graphs/seed.ron", "--format", "json"];
    all.extend_from_slice(args);
    KnowledgeGraph::load_str(&ok(&root(), &all), "out.json").unwrap()
}

#[test]
fn focus_and_depth() {
    let g = export(&["--focus", "Hezbollah"]);
    let mut ids: Vec<&str> = g.entities().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["hezbollah", "iran", "israel", "lebanon"]);
    assert!(g
        .relations()
        .all(|r| ids.contains(&r.source.as_str()) && ids.contains(&r.target.as_str())));
    let wider = export(&["--focus", "HEZBOLLAH", "--depth", "2"]);
    assert!(wider.entity_count() > g.entity_count());
    assert!(wider.entity("united-states").is_some());
}

#[test]
fn types_kinds_and_weight() {
    let g = export(&["--type", "backs,attacked"]);
    assert!(
        g.relation_count() > 0
            && g.relations()
                .all(|r| r.kind == "backs" || r.kind == "attacked")
    );
    assert!(
        g.entities()
            .all(|e| g.relations().any(|r| r.source == e.id || r.target == e.id)),
        "no isolated entity"
    );
    let states = export(&["--kind", "state"]);
    assert!(states
        .entities()
        .all(|e| e.kind == newsgraph::EntityKind::State));
    assert!(states
        .relation("iran", "rejected", "united-states")
        .is_some());
    let heavy = export(&["--min-weight", "2"]);
    assert!(heavy.relations().all(|r| r.weight() >= 2));
    assert!(heavy.relation_count() < seed_count());
}

fn seed_count() -> usize {
    KnowledgeGraph::load(&root().join("graphs/seed.ron"))
        .unwrap()
        .relation_count()
}

#[test]
fn rankdir_and_format_from_extension() {
    let dot = ok(
        &root(),
        &[
            "export",
            "graphs/seed.ron",
            "--format",
            "dot",
            "--rankdir",
            "TB",
        ],
    );
    assert!(dot.contains("rankdir=TB"));
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("g.graphml");
    ok(
        &root(),
        &["export", "graphs/seed.json", "-o", out.to_str().unwrap()],
    );
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<?xml"));
    let back = KnowledgeGraph::load(&out).unwrap();
    assert_eq!(back.relation_count(), seed_count());
}

#[test]
fn errors() {
    let err = fails(
        &root(),
        &["export", "graphs/seed.ron", "--focus", "Hizbolah"],
        2,
    );
    assert!(
        err.contains("no entity called 'Hizbolah'") && err.contains("did you mean 'Hezbollah'"),
        "{err}"
    );
    let err = fails(
        &root(),
        &["export", "graphs/seed.ron", "--type", "hugged"],
        2,
    );
    assert!(err.contains("unknown relation type 'hugged'"), "{err}");
    let err = fails(
        &root(),
        &["export", "graphs/seed.ron", "--kind", "planet"],
        2,
    );
    assert!(err.contains("unknown entity kind 'planet'"), "{err}");
    let d = crate::util::dir_with(&[
        ("bad.ron", b"(version: 1, documents: [oops])"),
        (
            "new.ron",
            b"(version: 9, documents: [], relation_types: [], entities: [], relations: [])",
        ),
    ]);
    let err = fails(d.path(), &["export", "bad.ron"], 2);
    assert!(err.contains("bad.ron:1:"), "{err}");
    let err = fails(d.path(), &["export", "new.ron"], 2);
    assert!(err.contains("version 9 needs a newer newsgraph"), "{err}");
}
