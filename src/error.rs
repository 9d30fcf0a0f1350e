//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong while reading articles, lexicons or graphs,
/// or while writing output.
///
/// Messages are lower-case, have no trailing period and name the offending
/// file (and `line:col` where that applies). Each kind of fault has a variant
/// of its own, with the facts of it in fields, so a caller can match on what
/// went wrong instead of reading the message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ---- input: articles and the files given to read ----
    /// A file or directory could not be read or written.
    #[error("{}: {}", .path.display(), io_what(.source))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An input file is not valid UTF-8.
    #[error(
        "{}:{line}:{col}: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)",
        .path.display()
    )]
    InvalidUtf8 {
        /// The input file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in bytes) of the first invalid byte.
        col: usize,
    },
    /// An input file holds NUL bytes: it is binary, not an article.
    #[error(
        "{}: looks like a binary file (NUL byte at offset {offset}), not an article",
        .path.display()
    )]
    Binary {
        /// The input file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// An input path with wildcards is not a valid glob pattern.
    #[error("{pattern}: bad glob pattern: {message}")]
    BadPattern {
        /// The pattern as given.
        pattern: String,
        /// 1-based column (in characters) of the fault in the pattern.
        col: usize,
        /// What is wrong with it.
        message: String,
    },
    /// An input path with wildcards matches no file.
    #[error("{pattern}: no file matches this pattern")]
    NoMatch {
        /// The pattern as given.
        pattern: String,
    },
    /// Reading stopped because the consumer of the articles went away (it
    /// failed, and its own error says why).
    #[error("stopped")]
    ReadingStopped,
    /// The thread reading articles ahead panicked.
    #[error("the reading thread panicked")]
    ReaderPanicked,

    // ---- lexicons ----
    /// A lexicon or graph file could not be parsed.
    #[error("{path}:{line}:{col}: {}", one_line(.message))]
    Parse {
        /// The file (or `<embedded>/NAME` for the built-in lexicon).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// A lexicon is well-formed but inconsistent (unknown relation type, ...).
    #[error("{path}: {message}")]
    Lexicon {
        /// The file or entry at fault.
        path: String,
        /// What is wrong.
        message: String,
    },

    // ---- graph files and graphs ----
    /// A graph file parses but is not consistent: a duplicate entity id, a
    /// relation to an entity it does not hold, an unknown relation type, an
    /// inverted evidence span.
    #[error("{path}: {place}: {}", one_line(.message))]
    Graph {
        /// The graph file.
        path: String,
        /// Where in it: `entities[3]`, `links[7].evidence[0]`,
        /// `relationships.csv:12`, ...
        place: String,
        /// What is wrong.
        message: String,
    },
    /// A file given as a graph is not one newsgraph reads (an article, a
    /// web page, a DOT file, ...).
    #[error("{path}: not a newsgraph graph ({})", not_a_graph_hint(.dir))]
    NotAGraph {
        /// The file.
        path: String,
        /// It is a directory (without the CSV files of a graph).
        dir: bool,
    },
    /// A graph file was written by a newer newsgraph.
    #[error(
        "{path}: graph format version {found} needs a newer newsgraph (this one reads up to version {supported})"
    )]
    UnsupportedVersion {
        /// The graph file.
        path: String,
        /// The version found in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A relation added to a graph names an entity the graph does not hold.
    #[error("relation {from} {kind} {to} names an entity that is not in the graph")]
    RelationToUnknownEntity {
        /// Id of the relation's source entity.
        from: String,
        /// The relation type.
        kind: String,
        /// Id of the relation's target entity.
        to: String,
    },

    // ---- formats and output ----
    /// A graph was to be read in a format newsgraph only writes.
    #[error("{path}: newsgraph reads graphs in ron, json and graphml, not {format}")]
    UnreadableFormat {
        /// The graph file (or where the text came from).
        path: String,
        /// The format's name (`dot`, `mermaid`, ...).
        format: String,
    },
    /// The CSV format was asked for as one file; it writes a directory.
    #[error(
        "the csv format writes a directory (nodes.csv, relationships.csv): give it with -o DIR"
    )]
    CsvNeedsDirectory,
    /// An output path newsgraph will not write to.
    #[error("{}: {problem}", .path.display())]
    Output {
        /// The output path, as given.
        path: PathBuf,
        /// What is wrong with it.
        problem: OutputProblem,
    },

    // ---- queries and edits of a graph ----
    /// A query or command names an entity the graph does not hold.
    #[error("no entity called '{name}' in this graph{}", did_you_mean(.suggestions))]
    UnknownEntity {
        /// The name as given.
        name: String,
        /// Labels of entities with close names, best first (at most 3).
        suggestions: Vec<String>,
    },
    /// A query or filter names a relation type the graph does not have.
    #[error(
        "unknown relation type '{name}' ({}this graph has: {}; newsgraph types GRAPH describes them)",
        nearest_hint(.nearest),
        .known.join(", ")
    )]
    UnknownRelationType {
        /// The type as given.
        name: String,
        /// The graph's types nearest to it, best first (at most 3).
        nearest: Vec<String>,
        /// Every relation type of the graph.
        known: Vec<String>,
    },
    /// A query would find more answers, or take more steps, than its limits.
    #[error(
        "the query needs more than {max_rows} answers or {max_steps} steps: join its patterns through shared variables, or name entities"
    )]
    QueryTooBig {
        /// The most answers allowed.
        max_rows: usize,
        /// The most search steps allowed.
        max_steps: u64,
    },
    /// A new alias (`newsgraph alias`) is empty.
    #[error("the other name is empty")]
    EmptyAlias,
    /// A new label (`newsgraph rename`) is empty.
    #[error("the new label is empty")]
    EmptyLabel,
    /// A new alias is already a name of the entity.
    #[error("'{name}' is already a name of '{entity}'")]
    AlreadyAName {
        /// The alias as given.
        name: String,
        /// The entity's label.
        entity: String,
    },
    /// A new label is the name of another entity (`newsgraph alias` merges
    /// the two).
    #[error(
        "'{label}' is already the entity '{other}' ({other_id}): to make them one, run newsgraph alias GRAPH '{other}' '{entity}'"
    )]
    LabelTaken {
        /// The label as given.
        label: String,
        /// The other entity's label.
        other: String,
        /// The other entity's id.
        other_id: String,
        /// The label of the entity being renamed.
        entity: String,
    },
}

/// Why newsgraph will not write to an output path (see [`Error::Output`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutputProblem {
    /// Symbolic links lead to more links, 40 deep (or in a loop).
    #[error("too many levels of symbolic links")]
    SymlinkLoop,
    /// The file is read-only: it is not replaced.
    #[error("read-only file; not replaced (make it writable, or choose another output)")]
    ReadOnly,
    /// A single-file output is a directory.
    #[error("a directory; newsgraph replaces only regular files (choose another output)")]
    IsADirectory,
    /// A single-file output is neither a regular file, a character device
    /// nor a FIFO (a socket, ...).
    #[error("not a regular file; newsgraph replaces only regular files (choose another output)")]
    NotARegularFile,
    /// A directory output (CSV) is a file.
    #[error("not a directory (the csv format writes a directory of files)")]
    NotADirectory,
    /// A directory output holds files newsgraph did not write there.
    #[error(
        "holds files newsgraph did not write ({}); choose a new or empty directory",
        .0.join(", ")
    )]
    ForeignFiles(
        /// Their names, sorted.
        Vec<String>,
    ),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn output(path: &std::path::Path, problem: OutputProblem) -> Error {
        Error::Output {
            path: path.to_path_buf(),
            problem,
        }
    }
}

/// What went wrong with a file, in the style of the other messages.
fn io_what(source: &std::io::Error) -> String {
    match source.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => source.to_string().to_lowercase(),
    }
}

/// A message on one line: a parser's message can quote a line break of the
/// file it read, and an error is one line (a test feeding edited graph
/// files found one, issue 17).
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message.replace('\n', "\\n").replace('\r', "\\r").into()
    } else {
        message.into()
    }
}

fn not_a_graph_hint(dir: &bool) -> &'static str {
    if *dir {
        "a graph directory holds the nodes.csv and relationships.csv that export --format csv writes"
    } else {
        "RON, JSON or GraphML expected"
    }
}

/// " (did you mean 'A', 'B'?)", or nothing without suggestions.
fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", quoted(suggestions, ", "))
    }
}

/// "did you mean 'a' or 'b'? ", or nothing without near types.
fn nearest_hint(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!("did you mean {}? ", quoted(nearest, " or "))
    }
}

fn quoted(names: &[String], separator: &str) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::query::{self, Query};
    use crate::graph::KnowledgeGraph;
    use std::path::Path;

    fn seed() -> KnowledgeGraph {
        KnowledgeGraph::load(Path::new("graphs/seed.ron")).unwrap()
    }

    #[test]
    fn messages_stay_as_they_were() {
        let e = Error::UnknownEntity {
            name: "Hezbolah".into(),
            suggestions: vec!["Hezbollah".into(), "Hamas".into()],
        };
        assert_eq!(
            e.to_string(),
            "no entity called 'Hezbolah' in this graph (did you mean 'Hezbollah', 'Hamas'?)"
        );
        let e = Error::UnknownEntity {
            name: "Narnia".into(),
            suggestions: vec![],
        };
        assert_eq!(e.to_string(), "no entity called 'Narnia' in this graph");
        let known = vec!["attacked".to_string(), "backs".to_string()];
        assert_eq!(
            query::unknown_type("atacked", &known).to_string(),
            "unknown relation type 'atacked' (did you mean 'attacked'? this graph has: \
             attacked, backs; newsgraph types GRAPH describes them)"
        );
        assert_eq!(
            query::unknown_type("zzz", &known).to_string(),
            "unknown relation type 'zzz' (this graph has: attacked, backs; newsgraph types \
             GRAPH describes them)"
        );
        let e = Error::output(
            Path::new("out"),
            OutputProblem::ForeignFiles(vec!["a.txt".into(), "b.txt".into()]),
        );
        assert_eq!(
            e.to_string(),
            "out: holds files newsgraph did not write (a.txt, b.txt); choose a new or empty directory"
        );
        let e = Error::output(Path::new("g.ron"), OutputProblem::IsADirectory);
        assert_eq!(
            e.to_string(),
            "g.ron: a directory; newsgraph replaces only regular files (choose another output)"
        );
        let e = Error::NotAGraph {
            path: "dir".into(),
            dir: true,
        };
        assert!(e
            .to_string()
            .starts_with("dir: not a newsgraph graph (a graph directory"));
        let e = Error::Parse {
            path: "lex.ron".into(),
            line: 3,
            col: 7,
            message: "expected ']'\nfound '}'".into(),
        };
        assert_eq!(e.to_string(), "lex.ron:3:7: expected ']'\\nfound '}'");
        let e = Error::io(
            "missing.txt",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(e.to_string(), "missing.txt: no such file or directory");
        assert!(std::error::Error::source(&e).is_some());
        assert!(std::error::Error::source(&Error::EmptyLabel).is_none());
    }

    #[test]
    fn a_query_with_an_unknown_type_names_the_nearest() {
        let g = seed();
        let q = Query::parse("?a atacked ?b").unwrap();
        match query::run(&g, &q) {
            Err(Error::UnknownRelationType {
                name,
                nearest,
                known,
            }) => {
                assert_eq!(name, "atacked");
                assert_eq!(nearest.first().map(String::as_str), Some("attacked"));
                assert!(known.iter().any(|k| k == "backs"), "{known:?}");
            }
            other => panic!("expected UnknownRelationType, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_entity_comes_with_close_names() {
        let g = seed();
        let q = Query::parse("Hezbolah ?r ?x").unwrap();
        match query::run(&g, &q) {
            Err(Error::UnknownEntity { name, suggestions }) => {
                assert_eq!(name, "Hezbolah");
                assert_eq!(suggestions.first().map(String::as_str), Some("Hezbollah"));
            }
            other => panic!("expected UnknownEntity, got {other:?}"),
        }
        let err = crate::graph::explore::entity(&g, "Narnia").unwrap_err();
        assert!(matches!(err, Error::UnknownEntity { .. }), "{err:?}");
    }

    #[test]
    fn cleanup_faults_are_told_apart() {
        use crate::graph::cleanup;
        let g = seed();
        assert!(matches!(
            cleanup::alias(&g, "  ", "Iran"),
            Err(Error::EmptyAlias)
        ));
        assert!(matches!(
            cleanup::rename(&g, "Iran", ""),
            Err(Error::EmptyLabel)
        ));
        match cleanup::rename(&g, "Iran", "Iraq") {
            Err(Error::LabelTaken {
                label,
                other,
                other_id,
                entity,
            }) => {
                assert_eq!((label.as_str(), other.as_str()), ("Iraq", "Iraq"));
                assert_eq!((other_id.as_str(), entity.as_str()), ("iraq", "Iran"));
            }
            other => panic!("expected LabelTaken, got {:?}", other.err()),
        }
    }

    #[test]
    fn glob_faults_are_typed() {
        let err = crate::text::input::expand(Path::new("no-such-dir-xyz/[")).unwrap_err();
        match &err {
            Error::BadPattern { pattern, col, .. } => {
                assert_eq!(pattern, "no-such-dir-xyz/[");
                assert!(*col >= 1);
            }
            other => panic!("expected BadPattern, got {other:?}"),
        }
        assert!(err
            .to_string()
            .starts_with("no-such-dir-xyz/[: bad glob pattern: "));
        let err = crate::text::input::expand(Path::new("no-such-dir-xyz/*.txt")).unwrap_err();
        assert!(matches!(err, Error::NoMatch { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "no-such-dir-xyz/*.txt: no file matches this pattern"
        );
    }
}
