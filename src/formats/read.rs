//! Reading graph files (RON, JSON or GraphML told apart by content, or a
//! directory of Neo4j CSV files) and writing a graph to any writer. The readers sit beside the writers of each
//! format; the graph stage knows none of them.

use super::Format;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::io::{Read, Write};

impl KnowledgeGraph {
    /// Loads a graph newsgraph wrote, RON, JSON or GraphML, told apart by content;
    /// `origin` names the file in errors.
    ///
    /// ```
    /// use newsgraph::{Article, Lexicon, KnowledgeGraph, extract_article};
    /// let lex = Lexicon::embedded();
    /// let g = extract_article(&Article::new("a", "Iran-backed Hezbollah fired rockets."), lex);
    /// let ron = newsgraph::formats::ron::to_string(&g);
    /// let back = KnowledgeGraph::load_str(&ron, "a.ron").unwrap();
    /// assert_eq!(back.to_file(), g.to_file());
    /// assert!(back.relation("iran", "backs", "hezbollah").is_some());
    /// ```
    pub fn load_str(text: &str, origin: &str) -> Result<KnowledgeGraph> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.is_empty() {
            return Err(Error::Parse {
                path: origin.to_string(),
                line: 1,
                col: 1,
                message: "empty file: not a newsgraph graph".into(),
            });
        }
        if trimmed.starts_with('{') {
            super::json::from_str(text, origin)
        } else if trimmed.starts_with('<') {
            super::graphml::from_str(text, origin)
        } else if trimmed.starts_with('(') {
            super::ron::from_str(text, origin)
        } else {
            // an article, a DOT or Mermaid file, CSV...: no parser's
            // complaint about its first word helps (issue 17)
            Err(Error::NotAGraph {
                path: origin.to_string(),
                dir: false,
            })
        }
    }

    /// Loads any graph file newsgraph wrote: RON, JSON or GraphML (told
    /// apart by content), or a directory of Neo4j CSV files.
    ///
    /// ```
    /// use newsgraph::KnowledgeGraph;
    /// use std::path::Path;
    /// for file in ["graphs/seed.ron", "graphs/seed.json", "graphs/seed.graphml", "graphs/seed-csv"] {
    ///     let g = KnowledgeGraph::load(Path::new(file)).unwrap();
    ///     assert!(g.relation("iran", "backs", "hezbollah").is_some());
    /// }
    /// ```
    pub fn load(path: &std::path::Path) -> Result<KnowledgeGraph> {
        if path.is_dir() {
            if !crate::text::input::is_csv_graph(path) {
                return Err(Error::NotAGraph {
                    path: path.display().to_string(),
                    dir: true,
                });
            }
            return super::csv::read_dir(path);
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) =
                crate::text::input::line_col(e.as_bytes(), e.utf8_error().valid_up_to());
            Error::InvalidUtf8 {
                path: path.to_path_buf(),
                line,
                col,
            }
        })?;
        KnowledgeGraph::load_str(&text, &path.display().to_string())
    }

    /// Reads a graph written in `format` from `reader`; `origin` names it in
    /// errors. RON, JSON and GraphML are read (the formats that keep
    /// everything); CSV is a directory ([`KnowledgeGraph::load`]).
    ///
    /// ```
    /// use newsgraph::formats::Format;
    /// use newsgraph::KnowledgeGraph;
    /// let file = std::fs::File::open("graphs/seed.json").unwrap();
    /// let g = KnowledgeGraph::read(Format::Json, file, "seed.json").unwrap();
    /// assert!(g.relation("iran", "backs", "hezbollah").is_some());
    /// ```
    pub fn read(format: Format, mut reader: impl Read, origin: &str) -> Result<KnowledgeGraph> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| Error::io(origin, e))?;
        match format {
            Format::Ron => super::ron::from_str(&text, origin),
            Format::Json => super::json::from_str(&text, origin),
            Format::Graphml => super::graphml::from_str(&text, origin),
            other => Err(Error::UnreadableFormat {
                path: origin.to_string(),
                format: other.name().to_string(),
            }),
        }
    }

    /// Writes the graph in a single-file `format` to `writer` (CSV is a
    /// directory: [`crate::formats::write`]).
    ///
    /// ```
    /// use newsgraph::formats::Format;
    /// use newsgraph::{Article, Extractor, KnowledgeGraph, Lexicon};
    /// let g = Extractor::new(Lexicon::embedded())
    ///     .build(&[Article::new("a", "Iran-backed Hezbollah fired rockets.")]);
    /// let mut ron = Vec::new();
    /// g.write(Format::Ron, &mut ron).unwrap();
    /// let back = KnowledgeGraph::read(Format::Ron, ron.as_slice(), "a.ron").unwrap();
    /// assert_eq!(back.to_file(), g.to_file());
    /// ```
    pub fn write(&self, format: Format, mut writer: impl Write) -> Result<()> {
        let text = super::render(self, format, &super::DrawOptions::default())?;
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
            .map_err(|e| Error::io("<output>", e))
    }
}
