//! The frame table: short sentences, each with the exact edges a careful
//! reader draws from it under the gold annotation guideline
//! (`tests/data/frames.tsv`).
//!
//! All sentences go into one JSON Lines file (one record per row, the id
//! names the row), the real binary builds one JSON graph from it, and every
//! edge is mapped back to its row through its evidence's `doc`. Only the
//! fourteen guideline relation types count; `met` and `allied_with` are
//! symmetric.
//!
//! - A row without a gap mark must produce exactly its expected edges.
//! - A row with a gap mark (`gap: why`) must NOT: when extraction improves
//!   and the row starts to match, the test says so and the mark has to go
//!   (a ratchet).
//!
//! Every mismatch is collected and reported at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

/// The relation types of the guideline; the table states edges of these
/// types only, and edges of other types are ignored.
const TYPES: [&str; 14] = [
    "backs",
    "allied_with",
    "attacked",
    "killed",
    "condemned",
    "urged",
    "threatened",
    "rejected",
    "blamed",
    "met",
    "arrested",
    "leads",
    "member_of",
    "located_in",
];

/// Whether the lexicon declares the relation type symmetric (`met`,
/// `allied_with`): its direction does not matter.
fn symmetric(kind: &str) -> bool {
    newsgraph::Lexicon::embedded()
        .relation_types()
        .iter()
        .any(|r| r.name == kind && r.symmetric)
}

/// The table must have at least this many rows ...
const MIN_ROWS: usize = 120;
/// ... and at least this many negatives (expected `-`).
const MIN_NEGATIVES: usize = 40;

/// An edge: (source, type, target), symmetric types with the smaller id
/// first.
type Edge = (String, String, String);

fn edge(source: &str, kind: &str, target: &str) -> Edge {
    if symmetric(kind) && target < source {
        (target.into(), kind.into(), source.into())
    } else {
        (source.into(), kind.into(), target.into())
    }
}

fn show(edges: &BTreeSet<Edge>) -> String {
    if edges.is_empty() {
        return "-".into();
    }
    edges
        .iter()
        .map(|(s, k, t)| format!("{s} {k} {t}"))
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// One row of the table.
struct Row {
    /// 1-based line in the file.
    line: usize,
    sentence: String,
    expected: BTreeSet<Edge>,
    /// Why newsgraph does not produce the expected edges yet.
    gap: Option<String>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses the expected column: `-`, or edges separated by ` ; `.
fn parse_expected(text: &str) -> Result<BTreeSet<Edge>, String> {
    let mut out = BTreeSet::new();
    if text == "-" {
        return Ok(out);
    }
    for part in text.split(" ; ") {
        let words: Vec<&str> = part.split(' ').collect();
        let [s, k, t] = words[..] else {
            return Err(format!(
                "edge {part:?}: want `source relation target` (single spaces; edges separated by ` ; `)"
            ));
        };
        if !is_id(s) || !is_id(t) {
            return Err(format!(
                "edge {part:?}: ids are lower-case slugs (letters, digits, '-')"
            ));
        }
        if !TYPES.contains(&k) {
            return Err(format!(
                "edge {part:?}: {k:?} is not one of the guideline's relation types {TYPES:?}"
            ));
        }
        if s == t {
            return Err(format!("edge {part:?}: an entity related to itself"));
        }
        if !out.insert(edge(s, k, t)) {
            return Err(format!("edge {part:?} is listed twice"));
        }
    }
    Ok(out)
}

/// Parses the table strictly: a bad line is an error naming its line.
fn parse_table(text: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let bad = |why: String| format!("tests/data/frames.tsv line {line}: {why}\n  {raw:?}");
        if raw.contains('\r') {
            return Err(bad(
                "carriage return (the file must use \\n line ends)".into()
            ));
        }
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        if !(2..=3).contains(&cols.len()) {
            return Err(bad(format!(
                "{} tab-separated columns; want sentence, expected, gap",
                cols.len()
            )));
        }
        let sentence = cols[0];
        if sentence.trim().is_empty() || sentence.trim() != sentence {
            return Err(bad("empty sentence, or spaces around it".into()));
        }
        if let Some(first) = seen.insert(sentence, line) {
            return Err(bad(format!("the same sentence as line {first}")));
        }
        let expected = parse_expected(cols[1]).map_err(bad)?;
        let gap = match cols.get(2).copied().unwrap_or("") {
            "" => None,
            g => match g.strip_prefix("gap: ") {
                Some(why) if !why.trim().is_empty() => Some(why.to_string()),
                _ => {
                    return Err(bad(format!(
                        "gap column {g:?}: want empty or `gap: <reason>`"
                    )))
                }
            },
        };
        rows.push(Row {
            line,
            sentence: sentence.to_string(),
            expected,
            gap,
        });
    }
    Ok(rows)
}

fn record_id(row: &Row) -> String {
    format!("line-{}", row.line)
}

/// Builds one graph from all the sentences and returns the edges of the
/// guideline types produced for each row, by record id.
fn produced(rows: &[Row]) -> BTreeMap<String, BTreeSet<Edge>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("frames.jsonl");
    let mut jsonl = String::new();
    for row in rows {
        let record = serde_json::json!({ "id": record_id(row), "text": row.sentence });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    std::fs::write(&input, jsonl).expect("write the JSON Lines input");
    let output = dir.path().join("frames.json");
    let run = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(dir.path())
        .arg("build")
        .arg(&input)
        .args(["--format", "json", "--quiet", "-o"])
        .arg(&output)
        .output()
        .expect("run newsgraph");
    assert!(
        run.status.success(),
        "newsgraph build failed with {:?}\nstderr:\n{}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&output).expect("read the JSON graph");
    let graph: serde_json::Value = serde_json::from_str(&text).expect("the output is JSON");

    let mut out: BTreeMap<String, BTreeSet<Edge>> = rows
        .iter()
        .map(|r| (record_id(r), BTreeSet::new()))
        .collect();
    // every record was read as a document of its own
    let docs: BTreeSet<&str> = graph["graph"]["documents"]
        .as_array()
        .expect("graph.documents is an array")
        .iter()
        .map(|d| d["id"].as_str().expect("document id is a string"))
        .collect();
    let missing: Vec<&String> = out
        .keys()
        .filter(|id| !docs.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "records missing from the graph's documents: {missing:?}"
    );

    let str_of = |v: &serde_json::Value, what: &str| -> String {
        v.as_str()
            .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
            .to_string()
    };
    for link in graph["links"].as_array().expect("links is an array") {
        let kind = str_of(&link["type"], "link type");
        if !TYPES.contains(&kind.as_str()) {
            continue;
        }
        let source = str_of(&link["source"], "link source");
        let target = str_of(&link["target"], "link target");
        let evidence = link["evidence"]
            .as_array()
            .expect("link evidence is an array");
        assert!(!evidence.is_empty(), "link without evidence: {link}");
        for ev in evidence {
            let doc = str_of(&ev["doc"], "evidence doc");
            let edges = out
                .get_mut(&doc)
                .unwrap_or_else(|| panic!("evidence from an unknown document {doc:?}"));
            edges.insert(edge(&source, &kind, &target));
        }
    }
    out
}

#[test]
fn frame_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/frames.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows = parse_table(&text).unwrap_or_else(|e| panic!("{e}"));

    let negatives = rows.iter().filter(|r| r.expected.is_empty()).count();
    assert!(
        rows.len() >= MIN_ROWS,
        "the frame table has {} rows; at least {MIN_ROWS} wanted",
        rows.len()
    );
    assert!(
        negatives >= MIN_NEGATIVES,
        "the frame table has {negatives} negative rows; at least {MIN_NEGATIVES} wanted"
    );

    let got = produced(&rows);
    let mut failures = Vec::new();
    let mut passing = 0;
    for row in &rows {
        let produced = &got[&record_id(row)];
        let matches = *produced == row.expected;
        match (&row.gap, matches) {
            (None, true) => passing += 1,
            (Some(_), false) => {}
            (None, false) => {
                let missing: BTreeSet<Edge> =
                    row.expected.difference(produced).cloned().collect();
                let extra: BTreeSet<Edge> = produced.difference(&row.expected).cloned().collect();
                failures.push(format!(
                    "line {}: {}\n    expected: {}\n    got:      {}\n    missing:  {}\n    extra:    {}",
                    row.line,
                    row.sentence,
                    show(&row.expected),
                    show(produced),
                    show(&missing),
                    show(&extra),
                ));
            }
            (Some(gap), true) => failures.push(format!(
                "line {}: {}\n    now produces exactly the expected edges ({}): clear its gap mark ({gap:?})",
                row.line,
                row.sentence,
                show(&row.expected),
            )),
        }
    }
    let gaps = rows.iter().filter(|r| r.gap.is_some()).count();
    assert!(
        failures.is_empty(),
        "{} of {} frame rows fail ({} rows, {negatives} negatives, {passing} pass, {gaps} marked as gaps):\n\n{}\n",
        failures.len(),
        rows.len(),
        rows.len(),
        failures.join("\n\n")
    );
}

#[test]
fn table_parser_is_strict() {
    let ok = "# comment\n\nIran backs Hamas.\tiran backs hamas\t\nA.\t-\nB.\t-\tgap: why\n";
    let rows = parse_table(ok).expect("a good table");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].line, 3);
    assert_eq!(rows[2].gap.as_deref(), Some("why"));
    // symmetric types are stored in one order
    assert_eq!(
        parse_expected("b met a").unwrap(),
        parse_expected("a met b").unwrap()
    );
    for (bad, line) in [
        ("X.\n", 1),
        ("# c\nX.\t-\t\textra\n", 2),
        ("X.\tiran backs\n", 1),
        ("X.\tiran supports hamas\n", 1),
        ("X.\tIran backs hamas\n", 1),
        ("X.\tiran backs hamas;hamas attacked israel\n", 1),
        ("X.\tiran backs hamas ; iran backs hamas\n", 1),
        ("X.\t-\tfixme\n", 1),
        ("X.\t\n", 1),
        (" X.\t-\n", 1),
        ("X.\t-\nX.\t-\n", 2),
        ("X.\t-\r\n", 1),
    ] {
        let err = match parse_table(bad) {
            Ok(_) => panic!("accepted {bad:?}"),
            Err(e) => e,
        };
        assert!(err.contains(&format!("line {line}:")), "{bad:?}: {err}");
    }
}
