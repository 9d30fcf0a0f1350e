//! The example article: key facts, each with the words that state it.

use crate::util::{ok, root};
use newsgraph::{EntityKind, KnowledgeGraph};

fn seed() -> (KnowledgeGraph, String) {
    let text = std::fs::read_to_string(root().join("data/articles/seed.txt")).unwrap();
    let g = KnowledgeGraph::load_str(
        &ok(
            &root(),
            &["build", "data/articles/seed.txt", "--format", "json"],
        ),
        "seed.json",
    )
    .unwrap();
    (g, text)
}

#[test]
fn key_facts_with_their_evidence() {
    let (g, text) = seed();
    let rows = [
        ("iran", "backs", "hezbollah", "Iran-backed militant group"),
        ("iran-backed-militias", "attacked", "united-states", "militias have launched over 165 attacks on U.S. military personnel"),
        ("iraq", "condemned", "united-states", "condemnation from the Iraqi government"),
        ("mohammed-shia-al-sudani", "leads", "iraq", "Iraqi Prime Minister Mohammed Shia Al-Sudani"),
        ("antony-blinken", "met", "mohammed-shia-al-sudani", "between U.S. Secretary of State Antony Blinken and Iraqi Prime Minister Mohammed Shia Al-Sudani"),
        ("ain-al-asad", "located_in", "anbar", "Ain al-Asad airbase in western Iraq’s Anbar province"),
    ];
    for (s, k, t, words) in rows {
        let r = g
            .relation(s, k, t)
            .unwrap_or_else(|| panic!("missing {s} {k} {t}"));
        let spans: Vec<&str> = r
            .evidence
            .iter()
            .map(|e| &text[e.span.0..e.span.1])
            .collect();
        assert!(
            spans.iter().any(|sp| sp.contains(words)),
            "{s} {k} {t}: evidence spans {spans:?} do not contain {words:?}"
        );
        for e in &r.evidence {
            assert_eq!(e.doc, "data/articles/seed.txt");
            assert!(
                e.text.contains(&text[e.span.0..e.span.1]),
                "span outside its sentence"
            );
        }
    }
}

#[test]
fn entities_have_the_right_kinds() {
    let (g, _) = seed();
    let rows = [
        ("iran", EntityKind::State),
        ("hezbollah", EntityKind::Militia),
        ("hamas", EntityKind::Militia),
        ("antony-blinken", EntityKind::Person),
        ("masoud-pezeshkian", EntityKind::Person),
        ("state-department", EntityKind::Organization),
        ("anbar", EntityKind::Place),
        ("tehran", EntityKind::Place),
        ("united-kingdom", EntityKind::State),
    ];
    for (id, kind) in rows {
        assert_eq!(g.entity(id).map(|e| e.kind), Some(kind), "{id}");
    }
    // short forms join the full name
    let sudani = g.entity("mohammed-shia-al-sudani").unwrap();
    assert!(
        sudani.aliases.iter().any(|a| a == "Sudani"),
        "{:?}",
        sudani.aliases
    );
    assert!(g.entity("al-sudani").is_none());
}

#[test]
fn statement_issuers_and_rejection() {
    let (g, _) = seed();
    for state in [
        "united-kingdom",
        "france",
        "germany",
        "italy",
        "united-states",
    ] {
        assert!(
            g.relation(state, "urged", "iran").is_some(),
            "{state} urged iran"
        );
        assert!(
            g.relation("iran", "rejected", state).is_some(),
            "iran rejected {state}"
        );
    }
    // "Israel has not commented": no edge from Israel but its attack
    let from_israel: Vec<_> = g
        .relations()
        .filter(|r| r.source == "israel")
        .map(|r| r.kind.clone())
        .collect();
    assert_eq!(from_israel, ["attacked"]);
}
