//! `graphs/` is golden output: regenerate it with `scripts/graphs.sh`.

use crate::util::{assert_same_text, ok, root};
use std::collections::BTreeSet;

/// The example articles and the graphs made from them.
fn examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("data/articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .map(|n| n.trim_end_matches(".txt").to_string())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    names
}

#[test]
fn graphs_are_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    for name in examples() {
        let article = format!("data/articles/{name}.txt");
        let ron = ok(&root(), &["build", &article]);
        let stored_ron = root().join(format!("graphs/{name}.ron"));
        let stored = std::fs::read_to_string(&stored_ron).unwrap_or_else(|_| {
            panic!("{} is missing: run scripts/graphs.sh", stored_ron.display())
        });
        assert_same_text(
            &format!("graphs/{name}.ron (stale? run scripts/graphs.sh)"),
            &stored,
            &ron,
        );
        for (ext, format) in [
            ("dot", "dot"),
            ("json", "json"),
            ("graphml", "graphml"),
            ("mmd", "mermaid"),
            ("html", "html"),
        ] {
            let path = root().join(format!("graphs/{name}.{ext}"));
            let stored = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{} is missing: run scripts/graphs.sh", path.display()));
            let fresh = ok(
                &root(),
                &["export", stored_ron.to_str().unwrap(), "--format", format],
            );
            assert_same_text(
                &format!("graphs/{name}.{ext} (stale? run scripts/graphs.sh)"),
                &stored,
                &fresh,
            );
        }
        let out = tmp.path().join(format!("{name}-csv"));
        ok(
            &root(),
            &[
                "export",
                stored_ron.to_str().unwrap(),
                "--format",
                "csv",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        for file in [
            "nodes.csv",
            "relationships.csv",
            "documents.csv",
            "relation_types.csv",
        ] {
            let stored = std::fs::read_to_string(root().join(format!("graphs/{name}-csv/{file}")))
                .expect("run scripts/graphs.sh");
            let fresh = std::fs::read_to_string(out.join(file)).unwrap();
            assert_same_text(
                &format!("graphs/{name}-csv/{file} (stale? run scripts/graphs.sh)"),
                &stored,
                &fresh,
            );
        }
    }
}

#[test]
fn readme_shows_the_current_mermaid_graph() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mmd = std::fs::read_to_string(root().join("graphs/seed.mmd")).unwrap();
    let block = format!("```mermaid\n{mmd}```");
    assert!(readme.contains(&block), "README.md's mermaid block differs from graphs/seed.mmd: paste the file between ```mermaid fences");
}

/// Node and edge titles of a Graphviz SVG: `<title>id</title>` and `<title>a&#45;&gt;b</title>`.
fn svg_titles(svg: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for chunk in svg.split("<g id=\"").skip(1) {
        let class = chunk
            .split("class=\"")
            .nth(1)
            .and_then(|c| c.split('"').next())
            .unwrap_or("");
        let title = chunk
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or("");
        let title = title
            .replace("&#45;", "-")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        match class {
            "node" => {
                nodes.insert(title);
            }
            "edge" => {
                edges.insert(title);
            }
            _ => {}
        }
    }
    (nodes, edges)
}

#[test]
fn svg_pictures_match_their_graphs() {
    for name in examples() {
        let svg = std::fs::read_to_string(root().join(format!("graphs/{name}.svg")))
            .expect("graphs/NAME.svg: run scripts/graphs.sh with Graphviz installed");
        let graph =
            newsgraph::KnowledgeGraph::load(&root().join(format!("graphs/{name}.ron"))).unwrap();
        let (nodes, edges) = svg_titles(&svg);
        let mut want_nodes: BTreeSet<String> = graph.entities().map(|e| e.id.clone()).collect();
        want_nodes.insert("legend".into());
        let want_edges: BTreeSet<String> = graph
            .relations()
            .map(|r| format!("{}->{}", r.source, r.target))
            .collect();
        assert_eq!(
            nodes, want_nodes,
            "graphs/{name}.svg is stale: run scripts/graphs.sh"
        );
        assert_eq!(
            edges, want_edges,
            "graphs/{name}.svg is stale: run scripts/graphs.sh"
        );
    }
}

/// Splits a command line written with shell quoting ('...' and "...").
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            None => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

#[test]
fn readme_console_examples_are_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(cmd) = line.strip_prefix("$ newsgraph ") else {
                continue;
            };
            let mut want = String::new();
            while let Some(next) = lines.peek() {
                if next.starts_with("$ ") {
                    break;
                }
                want.push_str(next);
                want.push('\n');
                lines.next();
            }
            let args = shell_words(cmd);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = crate::util::run(&root(), &args, None);
            let got = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert_same_text(&format!("README example `newsgraph {cmd}`"), &want, &got);
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} README examples found");
}
