//! The lexicon data itself: it parses, is sorted, has no duplicates and uses
//! only known relation types and kinds; `newsgraph lexicon check` reports errors.

use crate::util::{dir_with, fails, ok, root};
use newsgraph::lexicon::{parse_file, LexiconFile};

fn files() -> Vec<(String, LexiconFile)> {
    let dir = root().join("data/lexicon");
    newsgraph::lexicon::ron_files(&dir)
        .unwrap()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let f = parse_file(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            (name, f)
        })
        .collect()
}

fn assert_sorted_unique(what: &str, xs: &[String]) {
    for w in xs.windows(2) {
        assert!(
            w[0].to_lowercase() < w[1].to_lowercase(),
            "{what}: {:?} before {:?} (keep lists sorted, without duplicates)",
            w[0],
            w[1]
        );
    }
}

#[test]
fn lists_are_sorted_without_duplicates() {
    for (name, f) in files() {
        let states: Vec<String> = f.states.iter().map(|s| s.name.clone()).collect();
        assert_sorted_unique(&format!("{name} states"), &states);
        let entities: Vec<String> = f.entities.iter().map(|e| e.name.clone()).collect();
        assert_sorted_unique(&format!("{name} entities"), &entities);
        let titles: Vec<String> = f.titles.iter().map(|t| t.name.clone()).collect();
        assert_sorted_unique(&format!("{name} titles"), &titles);
        let w = &f.words;
        for (list, xs) in [
            ("abbreviations", &w.abbreviations),
            ("function_words", &w.function_words),
            ("given_names", &w.given_names),
            ("prepositions", &w.prepositions),
            ("determiners", &w.determiners),
            ("place_heads", &w.place_heads),
            ("organization_heads", &w.organization_heads),
            ("intent_words", &w.intent_words),
            ("light_verbs", &w.light_verbs),
        ] {
            assert_sorted_unique(&format!("{name} words.{list}"), xs);
        }
    }
}

#[test]
fn every_un_member_and_observer_is_a_state() {
    let states: usize = files().iter().map(|(_, f)| f.states.len()).sum();
    assert_eq!(
        states, 201,
        "193 UN members + Palestine, Kosovo, Taiwan, Holy See + 4 former states"
    );
    let lex = newsgraph::Lexicon::embedded();
    for r in lex.relation_types() {
        assert!(
            !r.plover.is_empty() && !r.cameo.is_empty() && !r.color.is_empty(),
            "{}",
            r.name
        );
    }
}

#[test]
fn no_name_has_two_meanings() {
    let problems = newsgraph::lexicon::check_dir(
        &root().join("data/lexicon"),
        true,
        &newsgraph::mentions::names::common_word,
    )
    .unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn lexicon_check_reports_file_line_col() {
    let d = dir_with(&[(
        "bad.ron",
        b"(\n  entities: [\n    (name: \"X\", kind: warlord),\n  ],\n)\n",
    )]);
    let err = fails(d.path(), &["lexicon", "check", "."], 2);
    assert!(err.contains("bad.ron:3:"), "{err}");
    let d = dir_with(&[(
        "good.ron",
        b"(entities: [(name: \"Liwa al-Test\", kind: militia)])\n",
    )]);
    assert!(ok(d.path(), &["lexicon", "check", "."]).contains("ok"));
}

/// A name of one word that is a common English word would be read as the
/// name wherever the word starts a sentence: `lexicon check` refuses it
/// (issue 14), names the file and the word, and `word_names` lets one be.
#[test]
fn lexicon_check_refuses_a_name_that_is_a_common_word() {
    let d = dir_with(&[(
        "mine.ron",
        b"(entities: [(name: \"Hope Movement\", kind: militia, aliases: [\"Hope\", \"HM\"])])\n",
    )]);
    let err = fails(d.path(), &["lexicon", "check", "."], 2);
    assert!(
        err.contains("mine.ron: the name \"Hope\" is a common English word"),
        "{err}"
    );
    assert!(!err.contains("\"HM\""), "{err}");
    let fails_build = fails(
        d.path(),
        &["build", "-", "--lexicon", ".", "--format", "json"],
        2,
    );
    assert!(fails_build.contains("\"Hope\""), "{fails_build}");
    let d = dir_with(&[(
        "mine.ron",
        b"(entities: [(name: \"Hope Movement\", kind: militia, aliases: [\"Hope\"])],\n words: (word_names: [\"Hope\"]))\n",
    )]);
    assert!(ok(d.path(), &["lexicon", "check", "."]).contains("ok"));
}

#[test]
fn user_lexicon_extends_the_default() {
    let d = dir_with(&[
        (
            "lex/extra.ron",
            b"(entities: [(name: \"Northern Falcons\", kind: militia, aliases: [\"NF\"])])\n",
        ),
        (
            "a.txt",
            b"Iran-backed NF fighters clashed. Iran-backed Hezbollah fired rockets.\n",
        ),
    ]);
    let out = ok(d.path(), &["build", "a.txt", "--lexicon", "lex"]);
    let g = newsgraph::KnowledgeGraph::load_str(&out, "out").unwrap();
    assert!(
        g.relation("iran", "backs", "northern-falcons").is_some(),
        "{out}"
    );
    assert!(g.relation("iran", "backs", "hezbollah").is_some());
    let out = ok(
        d.path(),
        &["build", "a.txt", "--lexicon", "lex", "--no-default-lexicon"],
    );
    let g = newsgraph::KnowledgeGraph::load_str(&out, "out").unwrap();
    // without the built-in lexicon Hezbollah is at most a name the tagger
    // found, not the lexicon's militia
    assert!(g
        .entity("hezbollah")
        .is_none_or(|e| e.kind != newsgraph::EntityKind::Militia));
    assert!(g.relation("iran", "backs", "hezbollah").is_none());
}

#[test]
fn provinces_and_governorates_are_places_in_news_spelling() {
    use newsgraph::{extract_article, Article, EntityKind, Lexicon};
    let text = "Gunmen attacked a checkpoint in al-Anbar. Residents fled Raqqa and Hadramawt. \
                Officials in Al Hasakah and Dhi Qar said nothing.";
    let g = extract_article(&Article::new("a.txt", text), Lexicon::embedded());
    for (id, alias) in [
        ("anbar", Some("al-Anbar")),
        ("raqqa", None),
        ("hadramawt", None),
        ("hasakah", Some("Al Hasakah")),
        ("dhi-qar", None),
    ] {
        let e = g.entity(id).unwrap_or_else(|| panic!("{id} not found"));
        assert_eq!(e.kind, EntityKind::Place, "{id}");
        if let Some(a) = alias {
            assert!(
                e.aliases.iter().any(|x| x == a) || e.label == a,
                "{id}: {e:?}"
            );
        }
    }
    // the article-less name of a province is not a word: "Central" stays out
    let g = extract_article(
        &Article::new("b.txt", "Central banks met in Capital Economics' offices."),
        Lexicon::embedded(),
    );
    assert!(
        g.to_file()
            .entities
            .iter()
            .all(|e| !e.label.split_whitespace().any(|w| w == "Central")),
        "{:?}",
        g.to_file().entities
    );
}

/// The Rust code knows roles, paths and modality, never a relation type:
/// no relation type's name is a string literal in `src/` outside tests
/// (comments may name them as examples).
#[test]
fn no_relation_type_is_named_in_the_code() {
    let types: Vec<String> = files()
        .iter()
        .flat_map(|(_, f)| f.relations.iter().map(|r| format!("\"{}\"", r.name)))
        .collect();
    assert!(types.len() >= 10, "{types:?}");
    let mut found = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("relations/tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // the code before the file's unit tests
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                let line = line.split(" // ").next().unwrap_or(line);
                for t in &types {
                    if line.contains(t.as_str()) {
                        found.push(format!("{}:{}: {t}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "relation types named in src/:\n{}",
        found.join("\n")
    );
}
