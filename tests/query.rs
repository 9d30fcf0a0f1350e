//! `query`, `show`, `neighbors`, `path`, `stats` on the golden graphs.

use crate::util::{fails, ok, root, run};

fn q(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["query", "graphs/seed.ron"];
    all.extend_from_slice(args);
    let out = run(&root(), &all, None);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn one_pattern_with_constants_and_variables() {
    let (code, out, _) = q(&["?x urged Iran", "--csv"]);
    assert_eq!(code, 0);
    let names: Vec<String> = rows(&out).into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        names,
        [
            "France",
            "Germany",
            "Italy",
            "United Kingdom",
            "United States"
        ]
    );
}

#[test]
fn two_pattern_join_with_kind_constraint() {
    let (code, out, _) = q(&["?s backs ?m . ?m:militia attacked \"United States\""]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "s     m\n----  --------------------\nIran  Iran-backed militias\n"
    );
}

#[test]
fn three_pattern_join() {
    // who urged a state that rejected someone who urged it back
    let (code, out, _) = q(&["?a urged ?b . ?b:state rejected ?a . ?b blamed ?c", "--csv"]);
    assert_eq!(code, 0);
    let r = rows(&out);
    assert_eq!(r.len(), 5, "{out}");
    assert!(
        r.iter().all(|row| row[3] == "Iran" && row[6] == "Israel"),
        "{out}"
    );
}

#[test]
fn alternatives_and_relation_variables() {
    let (_, out, _) = q(&["?x attacked|backs Hezbollah", "--csv"]);
    let r = rows(&out);
    assert_eq!(
        r.iter().map(|x| x[0].as_str()).collect::<Vec<_>>(),
        ["Iran", "Israel"]
    );
    let (_, out, _) = q(&["'U.S.' ?r ?x . ?x:militia ?r2 ?y", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert!(!arr.is_empty());
    for row in arr {
        assert_eq!(row["r"], "attacked");
        assert_eq!(row["x"]["type"], "militia");
        assert!(row["r2"].is_string() && row["y"]["id"].is_string());
    }
}

#[test]
fn symmetric_types_match_either_way() {
    let (code, out, _) = q(&["?x met Blinken"]);
    assert_eq!(code, 0);
    assert!(out.contains("Mohammed Shia Al-Sudani"), "{out}");
    let (code, _, _) = q(&["Sudani met ?y"]);
    assert_eq!(code, 0);
}

#[test]
fn no_result_is_an_empty_table_and_exit_1() {
    let (code, out, err) = q(&["?x killed ?y"]);
    assert_eq!(code, 1);
    assert_eq!(out, "x  y\n-  -\n");
    assert!(err.is_empty());
    let (code, out, _) = q(&["Israel backs ?y", "--json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
    let (code, out, _) = q(&["Israel backs ?y", "--csv"]);
    assert_eq!((code, out.as_str()), (1, "y,y_id,y_type\n"));
}

#[test]
fn errors_exit_2_with_column_or_suggestion() {
    let (code, _, err) = q(&["?x backs"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("column 9") && err.contains("        ^"),
        "{err}"
    );
    let (code, _, err) = q(&["?x backs Hizbolah"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no entity called 'Hizbolah'") && err.contains("'Hezbollah'"),
        "{err}"
    );
    let (code, _, err) = q(&["?x hugged ?y"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown relation type 'hugged'"), "{err}");
    let err = fails(&root(), &["query", "graphs/missing.ron", "?x backs ?y"], 2);
    assert!(err.contains("graphs/missing.ron: no such file"), "{err}");
}

#[test]
fn json_graph_and_ron_graph_give_the_same_answers() {
    let a = ok(&root(), &["query", "graphs/seed.ron", "?x ?r ?y", "--csv"]);
    let b = ok(&root(), &["query", "graphs/seed.json", "?x ?r ?y", "--csv"]);
    assert_eq!(a, b);
    assert_eq!(
        rows(&a).len(),
        31 + 2,
        "every edge once, met and agreed_with twice"
    );
}

#[test]
fn show_card() {
    let out = ok(&root(), &["show", "graphs/seed.ron", "HEZBOLLAH"]);
    assert!(out.starts_with("Hezbollah (militia)\n"), "{out}");
    assert!(
        out.contains("relations in (2):") && out.contains("← Iran (state)"),
        "{out}"
    );
    assert!(
        out.contains("the powerful Iran-backed militant group in Lebanon")
            && out.contains("[data/articles/seed.txt sentence 20"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &root(),
        &["show", "graphs/seed.ron", "Al-Sudani", "--json"],
    ))
    .unwrap();
    assert_eq!(json["id"], "mohammed-shia-al-sudani");
    assert!(json["relations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["relation"] == "leads" && r["entity"]["id"] == "iraq"));
    let err = fails(&root(), &["show", "graphs/seed.ron", "Nobody"], 2);
    assert!(err.contains("no entity called 'Nobody'"), "{err}");
}

#[test]
fn neighbors_by_type_and_direction() {
    let out = ok(
        &root(),
        &[
            "neighbors",
            "graphs/seed.ron",
            "Iran",
            "--direction",
            "in",
            "--csv",
        ],
    );
    let r = rows(&out);
    assert!(r.iter().all(|x| x[0] == "in"));
    assert!(r
        .iter()
        .any(|x| x[1] == "urged" && x[2] == "United Kingdom"));
    let out = ok(
        &root(),
        &["neighbors", "graphs/seed.ron", "iran", "--type", "backs"],
    );
    assert_eq!(out.lines().count(), 4, "{out}");
    let json: serde_json::Value = serde_json::from_str(&ok(
        &root(),
        &[
            "neighbors",
            "graphs/seed.ron",
            "Iran",
            "--direction",
            "out",
            "--type",
            "backs",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    let out = run(&root(), &["neighbors", "graphs/seed.ron", "Tehran"], None);
    assert_eq!(out.status.code(), Some(1), "an entity without relations");
}

#[test]
fn path_between_entities() {
    let out = ok(
        &root(),
        &["path", "graphs/seed.ron", "Blinken", "Hezbollah"],
    );
    assert!(
        out.lines().count() >= 1
            && out
                .lines()
                .all(|l| l.starts_with("Antony Blinken ") && l.ends_with(" Hezbollah")),
        "{out}"
    );
    assert!(
        out.lines()
            .all(|l| l.matches("->").count() + l.matches("<-").count() == 3),
        "shortest chains have 3 relations: {out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &root(),
        &["path", "graphs/seed.ron", "Iran", "Hezbollah", "--json"],
    ))
    .unwrap();
    assert_eq!(json[0][0]["relation"], "backs");
    let out = run(
        &root(),
        &[
            "path",
            "graphs/seed.ron",
            "Blinken",
            "Hezbollah",
            "--max",
            "2",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no chain of at most 2 relations"));
}

#[test]
fn stats_counts() {
    let out = ok(&root(), &["stats", "graphs/seed.ron"]);
    assert!(
        out.starts_with("documents: 1\nentities:  26\nrelations: 31"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &root(),
        &["stats", "graphs/seed.ron", "--json", "--top", "3"],
    ))
    .unwrap();
    assert_eq!(json["entities"], 26);
    assert_eq!(json["by_kind"]["state"], 11);
    assert_eq!(json["top"][0]["id"], "iran");
    assert_eq!(json["top"].as_array().unwrap().len(), 3);
}
