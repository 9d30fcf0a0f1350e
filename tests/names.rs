//! `newsgraph ner` and the name tagger inside `build`.

use crate::util::{dir_with, fails, ok, root};
use std::path::PathBuf;

fn ud() -> PathBuf {
    let dir = std::env::var_os("NEWSGRAPH_UD")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/ud"));
    assert!(
        dir.join("gum-test.conllu").is_file(),
        "the UD treebanks are missing: {} has no gum-test.conllu (set NEWSGRAPH_UD to the folder \
         that holds ewt-*.conllu and gum-*.conllu)",
        dir.display()
    );
    dir
}

#[test]
fn ner_prints_spans_kinds_and_lexicon_ids() {
    let d = dir_with(&[]);
    let text = "The attack on Kolvania killed nine people, Hezbollah said.";
    let out = ok(d.path(), &["ner", text]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 5), "{out}");
    for r in &rows {
        let (a, b) = r[0].split_once(':').unwrap();
        assert_eq!(
            &text[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()],
            r[1]
        );
    }
    assert!(
        rows.iter()
            .any(|r| r[1] == "Kolvania" && r[2] == "place" && r[3] == "-"),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| r[1] == "Hezbollah" && r[2] == "militia" && r[3] == "hezbollah"),
        "{out}"
    );
    let json = ok(d.path(), &["ner", text, "--json"]);
    for l in json.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for k in ["start", "end", "text", "kind", "entity"] {
            assert!(!v[k].is_null(), "{k} in {l}");
        }
    }
}

/// `ner` prints the names as `build` resolves them: the lexicon's kind wins
/// (it printed the name tagger's reading, "The Taliban" a person, "Egypt"
/// an organization), a whole name is one name ("Abdel Fattah el-Sisi", not
/// "President Abdel Fattah el"), and a surname names the person the article
/// named in full.
#[test]
fn ner_prints_the_names_as_build_resolves_them() {
    let d = dir_with(&[]);
    let text = "Egypt's President Abdel Fattah el-Sisi met envoys in Cairo. The Taliban \
                attacked Kabul. Gen. Ali Kassem spoke later; Kassem said Iran backs Hezbollah.";
    let out = ok(d.path(), &["ner", text]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[1] == name)
            .unwrap_or_else(|| panic!("no {name} in {out}"))
            .clone()
    };
    assert_eq!(row("Egypt")[2..], ["state", "egypt", "egypt"]);
    assert_eq!(row("The Taliban")[2..], ["militia", "taliban", "taliban"]);
    assert_eq!(row("Abdel Fattah el-Sisi")[2], "person");
    assert_eq!(row("Kassem")[2..], ["person", "-", "ali-kassem"]);
    assert!(!out.contains("President"), "{out}");
}

#[test]
fn ner_lists_the_lexicon_names_inside_a_longer_name() {
    let d = dir_with(&[]);
    let text = "She studied at the University of Copenhagen for two years.";
    let out = ok(d.path(), &["ner", "--tagger", text]);
    assert!(
        out.lines()
            .any(|l| l.ends_with("\tUniversity of Copenhagen\torganization\t-")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("33:43\tCopenhagen\tplace\tcopenhagen")),
        "{out}"
    );
}

/// A name of several words that starts with a place word is a place,
/// whatever the name tagger makes of it (it typed "County Tyrone" a person).
#[test]
fn a_name_after_a_place_word_is_a_place() {
    let d = dir_with(&[(
        "a.txt",
        b"A car bomb exploded in Ballyvane, County Kildorry, on Saturday. Troops crossed Mount Tavor.",
    )]);
    let g = ok(d.path(), &["build", "a.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&g).unwrap();
    for id in ["county-kildorry", "mount-tavor"] {
        let node = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id);
        assert_eq!(
            node.map(|n| n["type"].as_str().unwrap()),
            Some("place"),
            "{id}: {g}"
        );
    }
}

#[test]
fn an_unlisted_name_becomes_an_entity_of_its_kind_and_the_lexicon_wins() {
    let d = dir_with(&[(
        "a.txt",
        b"The attack on Kolvania killed nine people. Hezbollah fighters crossed into Israel.",
    )]);
    let g = ok(d.path(), &["build", "a.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&g).unwrap();
    let kind = |id: &str| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["type"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("kolvania").as_deref(), Some("place"), "{g}");
    assert_eq!(kind("hezbollah").as_deref(), Some("militia"), "{g}");
}

/// The name tagger on GUM's test split: CI fails below this mark (README
/// has the figures, beside spaCy's).
#[test]
fn ner_accuracy_on_gum_test() {
    let gold = ud().join("gum-test.conllu");
    let d = dir_with(&[]);
    let out = ok(
        d.path(),
        &["ner", "--eval", gold.to_str().unwrap(), "--json"],
    );
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    // the count gum_names.py prints for this file
    assert_eq!(last["names"].as_u64(), Some(642), "{out}");
    assert!(last["f1"].as_f64().unwrap() >= 0.70, "{out}");
    // --errors lists what the figures count: each line a missed (-), false
    // (+) or mistyped (~) name, its kind, its words and its sentence
    let listed = ok(
        d.path(),
        &["ner", "--eval", gold.to_str().unwrap(), "--errors"],
    );
    let errors: Vec<&str> = listed
        .lines()
        .filter(|l| l.starts_with(['-', '+', '~']))
        .collect();
    assert!(errors.len() > 100, "{listed}");
    for l in &errors {
        let (name, sentence) = l.split_once('\t').expect("name TAB sentence");
        let words = name
            .splitn(3, ' ')
            .nth(2)
            .unwrap()
            .split(" (gold")
            .next()
            .unwrap();
        assert!(sentence.contains(words.trim()), "{l}");
    }
    let err = fails(d.path(), &["ner", "--eval", "missing.conllu"], 2);
    assert!(err.contains("missing.conllu"), "{err}");
}

#[test]
fn a_name_before_a_comma_and_a_state_is_a_place() {
    let d = dir_with(&[(
        "a.txt",
        b"Troops raided a camp southwest of Tikrit, Iraq, on Monday.",
    )]);
    let g = ok(d.path(), &["build", "a.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&g).unwrap();
    let node = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "tikrit")
        .cloned();
    assert_eq!(node.map(|n| n["type"].clone()), Some("place".into()), "{g}");
}

/// The committed name model is what its training command makes from this
/// tree (the lexicon's names are features, so a lexicon edit calls for
/// retraining): training is deterministic, a few seconds.
#[test]
fn the_committed_name_model_is_what_training_gives() {
    let d = dir_with(&[]);
    let out = d.path().join("names.bin");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph-train-names"))
        .arg("--ud")
        .arg(ud())
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let trained = std::fs::read(&out).unwrap();
    let committed = std::fs::read(root().join("data/models/names.bin")).unwrap();
    assert!(
        trained == committed,
        "data/models/names.bin is not what training gives from this tree (the lexicon or the \
         name features changed since it was trained): run `cargo build --release --bin \
         newsgraph-train-names && target/release/newsgraph-train-names --ud ../shared/ud -o \
         data/models/names.bin` (scripts/train-models.sh does it too) and update its figures"
    );
}

/// A first name alone names the one person the article gives it ("Álvaro"
/// after "Álvaro Uribe" was a place of its own), never one of two.
#[test]
fn a_first_name_alone_is_the_one_person_with_it() {
    let d = dir_with(&[]);
    let text = "President Teodoro Mbala met General Ricardo Ferraz Mbala (no relation to \
                Teodoro) in Bata. Pedro Lins and Pedro Alves also spoke; Pedro left early.";
    let out = ok(d.path(), &["ner", text]);
    let entity = |name: &str| {
        out.lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|r| r[1] == name)
            .map(|r| r[4].to_string())
            .unwrap_or_else(|| panic!("no {name} in {out}"))
    };
    assert_eq!(entity("Teodoro"), "teodoro-mbala", "{out}");
    assert_ne!(entity("Pedro"), "pedro-lins", "{out}");
    assert_ne!(entity("Pedro"), "pedro-alves", "{out}");
}
