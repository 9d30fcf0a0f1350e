//! The Spark example (`examples/spark/newsgraph_spark.py`) at small scale, in
//! Spark's local mode: extraction as the map over partitions, `newsgraph
//! merge` as the reduce, must give the graph `newsgraph build` gives.
//!
//! Needs pyspark (in the Python of `NEWSGRAPH_PYTHON`) and Java; `.ci/run`
//! installs pyspark and sets `NEWSGRAPH_REQUIRE_CONSUMERS=1`, so their absence
//! fails there; elsewhere the test says so and skips.

use crate::corpus;
use crate::util::{dir_with, ok, root};
use std::path::PathBuf;
use std::process::Command;

fn python_with_spark() -> Option<PathBuf> {
    let python = std::env::var_os("NEWSGRAPH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let spark = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if spark && java {
        return Some(python);
    }
    if std::env::var_os("NEWSGRAPH_REQUIRE_CONSUMERS").is_some() {
        panic!("pyspark and java are required (NEWSGRAPH_REQUIRE_CONSUMERS is set)");
    }
    eprintln!(
        "note: pyspark or java not installed; skipping the Spark test (.ci/run installs pyspark)"
    );
    None
}

#[test]
fn spark_map_reduce_equals_the_local_build() {
    let Some(python) = python_with_spark() else {
        return;
    };
    let texts = [
        corpus::WIRE,
        "Iran-backed Hezbollah fired rockets at Israel. Israel struck Lebanon.",
        "Al-Shabaab launched three attacks on Kenya. Kenya urged Somalia to act.",
        "The Houthis are funded, trained and armed by Iran. The group attacked Saudi Arabia.",
    ];
    let mut lines = String::new();
    for i in 0..60 {
        let record = serde_json::json!({
            "id": format!("story-{i:03}"),
            "date": format!("2024-08-{:02}", 1 + i % 28),
            "title": format!("Story {i}"),
            "text": texts[i % texts.len()],
        });
        lines.push_str(&format!("{record}\n"));
    }
    // a record without an id (it gets FILE:LINE, on Spark too) and a blank line
    lines.push_str("{\"text\": \"Egypt urged Israel to stop the strikes.\"}\n\n");
    let d = dir_with(&[("news.jsonl", lines.as_bytes())]);
    let local = ok(d.path(), &["build", "news.jsonl", "--quiet"]);
    let out = Command::new(&python)
        .arg(root().join("examples/spark/newsgraph_spark.py"))
        .args([
            "news.jsonl",
            "spark.ron",
            "--partitions",
            "4",
            "--master",
            "local[2]",
        ])
        .arg("--newsgraph")
        .arg(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(d.path())
        .output()
        .expect("run the Spark example");
    assert!(
        out.status.success(),
        "Spark job failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spark = std::fs::read_to_string(d.path().join("spark.ron")).unwrap();
    assert!(local.contains("news.jsonl:61"), "the record without id");
    assert_eq!(spark, local, "Spark's graph differs from the local build");
}
