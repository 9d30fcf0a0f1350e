//! Writers (and, for the lossless formats, readers) of graph files.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod mermaid;
mod read;
pub mod render;
pub mod ron;

use crate::output::write_atomic;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::path::Path;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Native, lossless, versioned.
    Ron,
    /// Graphviz.
    Dot,
    /// NetworkX node-link JSON.
    Json,
    /// GraphML (Gephi, yEd, Cytoscape, NetworkX).
    Graphml,
    /// Neo4j import CSV: a directory of files.
    Csv,
    /// Mermaid flowchart.
    Mermaid,
    /// A self-contained interactive page (its own canvas drawing, no library).
    Html,
}

impl Format {
    /// Every format with its name.
    pub const ALL: [(Format, &'static str); 7] = [
        (Format::Ron, "ron"),
        (Format::Dot, "dot"),
        (Format::Json, "json"),
        (Format::Graphml, "graphml"),
        (Format::Csv, "csv"),
        (Format::Mermaid, "mermaid"),
        (Format::Html, "html"),
    ];

    /// Parses a format name (case-insensitive).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(f, _)| *f)
    }

    /// The format a file name's extension implies ("gv" is DOT, "mmd" Mermaid).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "gv" => Some(Format::Dot),
            "mmd" => Some(Format::Mermaid),
            "xml" => Some(Format::Graphml),
            "htm" => Some(Format::Html),
            other => Format::parse(other),
        }
    }

    /// The format of a graph file newsgraph wrote, to write it back in the
    /// same format: a directory is CSV; a file is told by its content, as
    /// [`KnowledgeGraph::load`] tells it.
    pub fn of_graph_file(path: &Path) -> Result<Format> {
        if path.is_dir() {
            return Ok(Format::Csv);
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let head = text.trim_start_matches('\u{feff}').trim_start();
        Ok(if head.starts_with('{') {
            Format::Json
        } else if head.starts_with('<') {
            Format::Graphml
        } else {
            Format::Ron
        })
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, n)| *n)
            .unwrap_or("ron")
    }

    /// The names of every format, for messages.
    pub fn names() -> String {
        Format::ALL
            .iter()
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How a graph is drawn (DOT).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawOptions {
    /// Graphviz `rankdir`: `LR` (default), `TB`, `RL` or `BT`.
    pub rankdir: String,
}

impl Default for DrawOptions {
    fn default() -> DrawOptions {
        DrawOptions {
            rankdir: "LR".into(),
        }
    }
}

/// Renders `graph` in a single-file `format` (every format but CSV, which
/// is a directory: see [`write()`]).
pub fn render(graph: &KnowledgeGraph, format: Format, draw: &DrawOptions) -> Result<String> {
    Ok(match format {
        Format::Ron => ron::to_string(graph),
        Format::Dot => dot::to_string_with(graph, draw),
        Format::Json => json::to_string(graph),
        Format::Graphml => graphml::to_string(graph),
        Format::Mermaid => mermaid::to_string(graph),
        Format::Html => html::to_string(graph),
        Format::Csv => return Err(Error::CsvNeedsDirectory),
    })
}

/// Writes `graph` in `format` to `path` (atomically; a directory for CSV).
pub fn write(
    graph: &KnowledgeGraph,
    format: Format,
    draw: &DrawOptions,
    path: &Path,
) -> Result<()> {
    if format == Format::Csv {
        return csv::write_dir(graph, path);
    }
    let text = render(graph, format, draw)?;
    write_atomic(path, text.as_bytes())
}
