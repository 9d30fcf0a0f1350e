//! RON: newsgraph's native, lossless format.
//!
//! # Format
//!
//! One [`GraphFile`] struct:
//!
//! - `version`: the format version (1); a newer version is refused with a
//!   message saying which newsgraph it needs;
//! - `documents`: the articles, `(id, date)`, sorted by id;
//! - `relation_types`: `(name, symmetric, plover, cameo, color)` of the
//!   types the edges use, sorted by name;
//! - `entities`: `(id, label, kind, aliases, mentions)` sorted by id; `id`
//!   is the slug of the canonical name, `kind` one of `person`, `state`,
//!   `militia`, `organization`, `place`;
//! - `relations`: `(source, kind, target, weight, evidence)` sorted by
//!   (source, kind, target), one per triple; each evidence is
//!   `(doc, sentence, span: (start, end), text, date)` with byte offsets
//!   into the article.
//!
//! ```ron
//! (
//!     version: 1,
//!     documents: [(id: "seed.txt", date: None)],
//!     relation_types: [(name: "backs", symmetric: false, plover: "SUPPORT", cameo: "05", color: "#2ca02c")],
//!     entities: [(id: "iran", label: "Iran", kind: state, aliases: ["Iranian"], mentions: 7)],
//!     relations: [(source: "iran", kind: "backs", target: "hezbollah", weight: 1, evidence: [...])],
//! )
//! ```

use crate::error::{Error, Result};
use crate::graph::{GraphFile, KnowledgeGraph};

/// The graph as pretty RON, with a trailing newline.
pub fn to_string(graph: &KnowledgeGraph) -> String {
    let config = ::ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false);
    let mut s = ::ron::ser::to_string_pretty(&graph.to_file(), config)
        .unwrap_or_else(|e| format!("// cannot serialise: {e}"));
    s.push('\n');
    s
}

/// Reads a RON graph; errors carry `origin:line:col`, or the part of the
/// graph at fault (`entities[3]`). RON that is not a newsgraph graph (its
/// first field is not `version`) is [`Error::NotAGraph`], whatever the
/// parser would say about it.
pub fn from_str(text: &str, origin: &str) -> Result<KnowledgeGraph> {
    let file: GraphFile = ::ron::Options::default()
        .with_default_extension(::ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e: ::ron::error::SpannedError| {
            if !looks_like_a_graph(text) {
                return Error::NotAGraph {
                    path: origin.to_string(),
                    dir: false,
                };
            }
            Error::Parse {
                path: origin.to_string(),
                line: e.position.line,
                col: e.position.col,
                message: e.code.to_string().to_lowercase(),
            }
        })?;
    KnowledgeGraph::from_file(file, origin)
}

/// Does `text` start as a graph file does: `(` and then the `version` field
/// (white space and comments aside)?
fn looks_like_a_graph(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    let skip = |rest: &mut &str| loop {
        let t = rest.trim_start();
        if let Some(after) = t.strip_prefix("//") {
            *rest = after.split_once('\n').map_or("", |x| x.1);
        } else if let Some(after) = t.strip_prefix("/*") {
            *rest = after.split_once("*/").map_or("", |x| x.1);
        } else {
            *rest = t;
            return;
        }
    };
    skip(&mut rest);
    let Some(after) = rest.strip_prefix('(') else {
        return false;
    };
    rest = after;
    skip(&mut rest);
    rest.strip_prefix("version")
        .is_some_and(|r| r.trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_looks_like_a_graph() {
        let rows = [
            ("(\n  version: 1,\n  documents: [}", true),
            ("// made by hand\n( /* v */ version : 1)", true),
            ("(entities: [(name: \"Iran\", kind: militia)])", false),
            ("(oops", false),
            ("version: 1", false),
            ("", false),
        ];
        for (text, want) in rows {
            assert_eq!(super::looks_like_a_graph(text), want, "{text}");
        }
    }
}
