//! The pipeline runs one way (issue 16): no stage module uses a later stage.
//!
//! Stages, in order, are folders of `src/`: `text` -> `syntax` -> `mentions`
//! -> `relations` -> `graph` -> `formats` -> `cli` (`main.rs`, `src/cli/`,
//! `src/bin/`). A few modules at the top of `src/` are shared by every stage
//! and use none. The check reads the source: every `crate::NAME` path (in
//! `use` lines and in code) and, in the binaries, every `newsgraph::NAME`.
//! Test modules (`#[cfg(test)] mod ...`) are not checked: a stage's tests
//! may run the whole pipeline.

use crate::util::root;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The stages in the order data flows through them.
const STAGES: &[&str] = &[
    "text",
    "syntax",
    "mentions",
    "relations",
    "graph",
    "formats",
    "cli",
];

/// Top-level modules every stage may use; they use no stage.
const SHARED: &[&str] = &["entity", "error", "output", "lexicon"];

/// The stage (index into [`STAGES`]) or shared module a file belongs to.
fn owner(rel: &Path) -> Result<(Option<usize>, String), String> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let top = parts[0].trim_end_matches(".rs").to_string();
    if top == "main" || top == "bin" {
        return Ok((Some(STAGES.len() - 1), top));
    }
    if let Some(i) = STAGES.iter().position(|s| *s == top) {
        if parts.len() > 1 {
            return Ok((Some(i), top));
        }
    }
    if top == "lib" || SHARED.contains(&top.as_str()) {
        return Ok((None, top));
    }
    Err(format!(
        "src/{} is in no stage folder ({}) and is not a shared module ({})",
        rel.display(),
        STAGES.join(", "),
        SHARED.join(", ")
    ))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names re-exported at the crate root (`pub use MODULE::...::{A, B}`
/// in lib.rs), each with its module.
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(path) = stmt.strip_prefix("pub use ") else {
            continue;
        };
        let module = path.split("::").next().unwrap().trim().to_string();
        let items = path.rsplit("::").next().unwrap();
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let item = item.trim();
            if !item.is_empty() {
                names.insert(item.to_string(), module.clone());
            }
        }
    }
    names
}

/// The first path segments after `prefix` (`crate::`, `newsgraph::`) in the
/// code of `text` outside its test module, with their line numbers; a brace
/// group (`crate::{a, b}`) gives each of its members.
fn used(text: &str, prefix: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines.get(n + 1).is_some_and(|l| {
                l.trim_start().starts_with("mod ") || l.trim_start().starts_with("pub(crate) mod ")
            })
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let mut rest = *line;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name = item.trim().split("::").next().unwrap().trim();
                    if !name.is_empty() {
                        found.push((n + 1, name.to_string()));
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((n + 1, name));
            }
        }
    }
    found
}

#[test]
fn no_module_uses_a_later_stage() {
    let src = root().join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let reexports = root_names(&lib);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut stage_files = vec![0; STAGES.len()];
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let (stage, module) = match owner(rel) {
            Ok(o) => o,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if let Some(s) = stage {
            stage_files[s] += 1;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let prefix = if stage == Some(STAGES.len() - 1) {
            "newsgraph::"
        } else {
            "crate::"
        };
        for (line, name) in used(&text, prefix) {
            let target = reexports.get(&name).cloned().unwrap_or(name.clone());
            let target_stage = STAGES.iter().position(|s| *s == target);
            let place = format!("src/{}:{line}", rel.display());
            match (stage, target_stage) {
                (Some(s), Some(t)) if t > s => problems.push(format!(
                    "{place}: the {} stage uses {name} of the later {} stage",
                    STAGES[s], STAGES[t]
                )),
                (None, Some(t)) if module != "lib" => problems.push(format!(
                    "{place}: the shared module {module} uses {name} of the {} stage",
                    STAGES[t]
                )),
                _ => {}
            }
        }
    }
    // the check sees every stage (a renamed folder would leave it empty)
    for (s, count) in stage_files.iter().enumerate() {
        if *count == 0 {
            problems.push(format!("no file found for the {} stage", STAGES[s]));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_check_sees_a_later_stage() {
    let code = "use crate::text::segment;\nuse crate::{graph::KnowledgeGraph, formats};\nfn f() { crate::mentions::find(); }\n#[cfg(test)]\nmod tests {\n    use crate::formats::x;\n}\n";
    let names: Vec<String> = used(code, "crate::").into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["text", "graph", "formats", "mentions"]);
    let lib = "pub use graph::KnowledgeGraph;\npub use text::{Article, input};\n";
    let r = root_names(lib);
    assert_eq!(r["KnowledgeGraph"], "graph");
    assert_eq!(r["Article"], "text");
}
