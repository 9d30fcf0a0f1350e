//! The other subcommands: merge, export, query, show, cleanup, lexicon check, and writing a graph.

use crate::*;

/// Loads a graph and keeps the relations `edges` asks for, with every entity.
pub(crate) fn load_filtered(path: &Path, edges: EdgeArgs) -> anyhow::Result<KnowledgeGraph> {
    let filter = edges.filter()?;
    let g = KnowledgeGraph::load(path)?;
    if filter.is_empty() {
        return Ok(g);
    }
    Ok(filter.relations_only(&g)?)
}

/// `alias` and `rename`: records the entity in the user lexicon, then
/// writes the graph back (or to -o).
pub(crate) fn cleanup(
    path: &Path,
    args: CleanupArgs,
    change: impl FnOnce(&KnowledgeGraph) -> newsgraph::Result<newsgraph::graph::cleanup::Cleaned>,
) -> anyhow::Result<u8> {
    let (target, format) = match &args.output {
        Some(out) => (out.clone(), choose_format(None, Some(out))?),
        None => (path.to_path_buf(), Format::of_graph_file(path)?),
    };
    let _lock = output::lock(&target, || {
        report::note(&format!(
            "{}: another newsgraph run is writing this graph; waiting for it",
            target.display()
        ))
    })?;
    let graph = KnowledgeGraph::load(path)?;
    let done = change(&graph)?;
    let file = newsgraph::graph::cleanup::record(&args.lexicon, &done.entity)?;
    formats::write(&done.graph, format, &DrawOptions::default(), &target)?;
    let what = match &done.merged {
        Some(m) => format!(
            "'{}' ({}) merged into '{}'",
            m.label, m.id, done.entity.label
        ),
        None => format!(
            "'{}' ({}) has the names {}",
            done.entity.label,
            done.entity.id,
            std::iter::once(&done.entity.label)
                .chain(&done.entity.aliases)
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    report::note(&format!(
        "{what}; {} written; recorded in {} (build with --lexicon {} to apply it)",
        target.display(),
        file.display(),
        args.lexicon.display()
    ));
    Ok(exit::SUCCESS)
}

/// The format from the flag, else from the extension of the output, else RON.
/// An unknown extension is an error, not RON under another name (issue 17).
pub(crate) fn choose_format(flag: Option<&str>, output: Option<&Path>) -> anyhow::Result<Format> {
    if let Some(name) = flag {
        return Format::parse(name).ok_or_else(|| {
            anyhow!(
                "unknown format '{name}' (expected one of: {})",
                Format::names()
            )
        });
    }
    let Some(path) = output else {
        return Ok(Format::Ron);
    };
    // a device or a pipe without an extension (`-o /dev/null`, `-o
    // /dev/stdout`) is written into like standard output: RON
    if path.extension().is_none() && is_device_or_pipe(path) {
        return Ok(Format::Ron);
    }
    Format::from_path(path).ok_or_else(|| {
        anyhow!(
            "{}: cannot tell the format from this name (extensions: .ron, .dot, .gv, .json, .graphml, .xml, .mmd, .html, .htm); give --format, one of: {}",
            path.display(),
            Format::names()
        )
    })
}

/// A character device or a FIFO (after links), which `-o` writes into.
#[cfg(unix)]
pub(crate) fn is_device_or_pipe(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        t.is_char_device() || t.is_fifo()
    })
}

#[cfg(not(unix))]
pub(crate) fn is_device_or_pipe(_: &Path) -> bool {
    false
}

pub(crate) fn merge(paths: &[PathBuf], out: Output) -> anyhow::Result<u8> {
    refuse_overwrite(out.path.as_deref(), paths)?;
    let mut graph = KnowledgeGraph::new();
    for p in paths {
        let listing = input::expand_for(p, input::Wanted::Graphs)?;
        for w in &listing.warnings {
            report::warning(&w.to_string());
        }
        for f in &listing.not_read {
            report::warning(&format!(
                "{}: not a graph file (merge reads .ron, .json, .graphml and CSV directories); skipped",
                f.display()
            ));
        }
        for f in listing.files {
            let g = KnowledgeGraph::load(&f)?;
            // merging is the point, so a kind two graphs disagree on is a
            // warning (issue 17), resolved as every merge resolves it
            for (e, before) in graph.kind_conflicts(&g) {
                let a = |k: EntityKind| {
                    let k = k.to_string();
                    let article = if k.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    format!("{article} {k}")
                };
                report::warning(&format!(
                    "{}: '{}' is {} here but {} in the graphs merged before it; the merged graph keeps {}",
                    f.display(),
                    e.label,
                    a(e.kind),
                    a(before),
                    before.min(e.kind)
                ));
            }
            graph.absorb(g);
        }
    }
    write_output(&graph, &out)
}

pub(crate) fn export_graph(path: &Path, out: Output) -> anyhow::Result<u8> {
    let graph = KnowledgeGraph::load(path)?;
    refuse_overwrite(out.path.as_deref(), &[path.to_path_buf()])?;
    write_output(&graph, &out)
}

pub(crate) fn write_output(graph: &KnowledgeGraph, out: &Output) -> anyhow::Result<u8> {
    let graph = out.filter.apply(graph)?;
    match &out.path {
        Some(path) => formats::write(&graph, out.format, &out.draw, path)?,
        None => return print(&formats::render(&graph, out.format, &out.draw)?),
    }
    Ok(exit::SUCCESS)
}

pub(crate) fn print(text: &str) -> anyhow::Result<u8> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .context("writing to standard output")?;
    stdout.flush().context("writing to standard output")?;
    Ok(exit::SUCCESS)
}

pub(crate) fn check_types(graph: &KnowledgeGraph, types: &[String]) -> anyhow::Result<()> {
    let known = graph.relation_type_names();
    for t in types {
        if !known.contains(t) {
            return Err(query::unknown_type(t, &known).into());
        }
    }
    Ok(())
}

pub(crate) fn run_query(
    path: &Path,
    pattern: &str,
    json: bool,
    csv: bool,
    edges: EdgeArgs,
) -> anyhow::Result<u8> {
    let q = Query::parse(pattern).map_err(|e| {
        let caret = format!("{}^", " ".repeat(e.column.saturating_sub(1)));
        anyhow!(
            "query syntax, column {}: {}\n  {pattern}\n  {caret}",
            e.column,
            e.message
        )
    })?;
    let g = load_filtered(path, edges)?;
    let answer = query::run(&g, &q)?;
    let text = if json {
        render::answer_json(&g, &q, &answer)
    } else if csv {
        render::answer_csv(&g, &answer)
    } else {
        render::answer_table(&g, &answer).to_text()
    };
    print(&text)?;
    Ok(exit::found(!answer.rows.is_empty()))
}

pub(crate) fn lexicon_check(dir: &Path, replace: bool) -> anyhow::Result<u8> {
    let checked = lexicon::check_and_build(dir, replace, &newsgraph::mentions::names::common_word)?;
    for p in checked.errors() {
        report::error(&p.to_string());
    }
    for p in checked.warnings() {
        report::warning(&p.to_string());
    }
    let errors = checked.errors().count();
    if errors > 0 {
        bail!("{errors} error(s) in {}", dir.display());
    }
    println!("{}: ok", dir.display());
    Ok(exit::SUCCESS)
}

/// `newsgraph show`: an entity's card, its relations both ways.
pub(crate) fn show(graph: &Path, entity: &str, json: bool, edges: EdgeArgs) -> anyhow::Result<u8> {
    let g = load_filtered(graph, edges)?;
    let e = explore::entity(&g, entity)?;
    let list = explore::neighbors(&g, e, &[], Way::Both);
    print(&if json {
        render::card_json(e, &list)
    } else {
        render::card(e, &list)
    })
}
