//! `newsgraph parse`: tokenisation, CoNLL-U and JSON output, threads, and
//! accuracy on the shared Universal Dependencies treebanks.

use crate::util::{dir_with, fails, ok, root};
use std::path::PathBuf;

/// The shared UD folder (`NEWSGRAPH_UD` overrides `../shared/ud`). Missing
/// data is a failure, not a skip: CI must measure the parser.
fn ud() -> PathBuf {
    let dir = std::env::var_os("NEWSGRAPH_UD")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/ud"));
    assert!(
        dir.join("ewt-dev.conllu").is_file(),
        "the UD treebanks are missing: {} has no ewt-dev.conllu (set NEWSGRAPH_UD to the folder \
         that holds ewt-*.conllu and gum-*.conllu)",
        dir.display()
    );
    dir
}

/// Rows of a CoNLL-U output: (form, upos, head, deprel) per word.
fn rows(conllu: &str) -> Vec<Vec<(String, String, u32, String)>> {
    conllu
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| {
                    let c: Vec<&str> = l.split('\t').collect();
                    assert_eq!(c.len(), 10, "{l}");
                    (c[1].into(), c[3].into(), c[6].parse().unwrap(), c[7].into())
                })
                .collect()
        })
        .collect()
}

#[test]
fn words_follow_ud_english() {
    let d = dir_with(&[]);
    let out = ok(
        d.path(),
        &[
            "parse",
            "Iran hasn't backed al-Qaeda, they're sure. Gen. Smith met Kata'ib Hezbollah in the U.S. on Jan. 5 at https://example.org with 1,200 \u{201c}fighters\u{201d}.",
        ],
    );
    let sents = rows(&out);
    assert_eq!(sents.len(), 2, "{out}");
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(|w| w.0.as_str()).collect())
        .collect();
    assert_eq!(
        forms[0],
        ["Iran", "has", "n't", "backed", "al", "-", "Qaeda", ",", "they", "'re", "sure", "."]
    );
    for w in [
        "Gen.",
        "Kata'ib",
        "U.S.",
        "Jan.",
        "https://example.org",
        "1,200",
        "\u{201c}",
        "\u{201d}",
    ] {
        assert!(forms[1].contains(&w), "{w} missing from {:?}", forms[1]);
    }
    // offsets point into the text
    assert!(out.contains("TokenRange=0:4"), "{out}");
    assert!(out.contains("# sent_id = 2"));
}

#[test]
fn every_sentence_is_one_tree_with_the_subtypes_relations_need() {
    let d = dir_with(&[]);
    let out = ok(
        d.path(),
        &[
            "parse",
            "The convoy was attacked by militants. Hezbollah, which Iran supports, fired rockets at Israel.",
        ],
    );
    for s in rows(&out) {
        let n = s.len() as u32;
        assert_eq!(s.iter().filter(|w| w.2 == 0).count(), 1, "one root: {out}");
        for (i, w) in s.iter().enumerate() {
            assert!(w.2 <= n, "head in range: {out}");
            // no cycles: climbing from any word reaches the root
            let (mut at, mut steps) = (i as u32 + 1, 0);
            while at != 0 {
                at = s[at as usize - 1].2;
                steps += 1;
                assert!(steps <= n, "cycle: {out}");
            }
        }
    }
    let labels: Vec<String> = rows(&out).iter().flatten().map(|w| w.3.clone()).collect();
    for want in ["nsubj:pass", "obl:agent", "acl:relcl"] {
        assert!(labels.iter().any(|l| l == want), "no {want}: {out}");
    }
}

#[test]
fn json_output_and_threads_agree() {
    let text: String = std::fs::read_to_string(root().join("data/articles/seed.txt")).unwrap();
    let d = dir_with(&[("a.txt", text.as_bytes())]);
    let one = ok(d.path(), &["parse", "a.txt", "--threads", "1"]);
    let four = ok(d.path(), &["parse", "a.txt", "--threads", "4"]);
    assert_eq!(one, four);
    let json = ok(d.path(), &["parse", "a.txt", "--json"]);
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), rows(&one).len());
    let w = &lines[0]["words"][0];
    for key in [
        "id", "form", "lemma", "upos", "xpos", "head", "deprel", "start", "end",
    ] {
        assert!(!w[key].is_null(), "{key} missing in {w}");
    }
    let (a, b) = (
        w["start"].as_u64().unwrap() as usize,
        w["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], w["form"].as_str().unwrap());
}

#[test]
fn standard_input_and_bad_gold_files() {
    let d = dir_with(&[("bad.conllu", b"1\tword\n")]);
    let out = crate::util::run(d.path(), &["parse", "-"], Some(b"Hamas fired rockets."));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\trockets\t"));
    let err = fails(d.path(), &["parse", "--eval", "bad.conllu"], 2);
    assert!(err.contains("bad.conllu:1:"), "{err}");
    let err = fails(d.path(), &["parse", "--eval", "missing.conllu"], 2);
    assert!(err.contains("missing.conllu"), "{err}");
}

/// The accuracy smoke test: CI fails when the parser falls below these
/// marks on EWT's development split (README has the full table).
#[test]
fn accuracy_on_ewt_dev() {
    let gold = ud().join("ewt-dev.conllu");
    let d = dir_with(&[]);
    let out = ok(
        d.path(),
        &["parse", "--eval", gold.to_str().unwrap(), "--json"],
    );
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let get = |k: &str| last[k].as_f64().unwrap();
    assert_eq!(last["sentences"].as_u64(), Some(2001));
    assert!(get("upos") >= 0.93, "UPOS {}", get("upos"));
    assert!(get("uas") >= 0.80, "UAS {}", get("uas"));
    assert!(get("las") >= 0.76, "LAS {}", get("las"));
}

#[test]
fn raw_evaluation_scores_segmentation() {
    let gold = ud().join("gum-dev.conllu");
    let d = dir_with(&[]);
    let out = ok(
        d.path(),
        &["parse", "--eval", gold.to_str().unwrap(), "--raw", "--json"],
    );
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert!(last["words"].as_f64().unwrap() >= 0.95, "{out}");
    assert!(last["sentences"].as_f64().unwrap() >= 0.70, "{out}");
}
