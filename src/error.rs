//! The library's one error type.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong while reading articles, lexicons or graphs,
/// or while writing output.
///
/// Messages are lower-case, have no trailing period and name the offending
/// file (and `line:col` where that applies).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read or written.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An input file is not valid UTF-8.
    InvalidUtf8 {
        /// The input file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in bytes) of the first invalid byte.
        col: usize,
    },
    /// An input file holds NUL bytes: it is binary, not an article.
    Binary {
        /// The input file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A lexicon or graph file could not be parsed.
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
    Lexicon {
        /// The file or entry at fault.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A graph file parses but is not consistent: a duplicate entity id, a
    /// relation to an entity it does not hold, an unknown relation type, an
    /// inverted evidence span.
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
    NotAGraph {
        /// The file.
        path: String,
        /// It is a directory (without the CSV files of a graph).
        dir: bool,
    },
    /// A graph file was written by a newer newsgraph.
    UnsupportedVersion {
        /// The graph file.
        path: String,
        /// The version found in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Anything else wrong with the caller's request (unknown format, ...).
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                let what = match source.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => source.to_string().to_lowercase(),
                };
                write!(f, "{}: {}", path.display(), what)
            }
            Error::InvalidUtf8 { path, line, col } => write!(
                f,
                "{}:{}:{}: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)",
                path.display(),
                line,
                col
            ),
            Error::Binary { path, offset } => write!(
                f,
                "{}: looks like a binary file (NUL byte at offset {}), not an article",
                path.display(),
                offset
            ),
            Error::Parse {
                path,
                line,
                col,
                message,
            } => write!(f, "{}:{}:{}: {}", path, line, col, one_line(message)),
            Error::Lexicon { path, message } => write!(f, "{}: {}", path, message),
            Error::Graph {
                path,
                place,
                message,
            } => write!(f, "{path}: {place}: {}", one_line(message)),
            Error::NotAGraph { path, dir: false } => write!(
                f,
                "{path}: not a newsgraph graph (RON, JSON or GraphML expected)"
            ),
            Error::NotAGraph { path, dir: true } => write!(
                f,
                "{path}: not a newsgraph graph (a graph directory holds the nodes.csv and relationships.csv that export --format csv writes)"
            ),
            Error::UnsupportedVersion {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: graph format version {} needs a newer newsgraph (this one reads up to version {})",
                path, found, supported
            ),
            Error::Usage(message) => f.write_str(message),
        }
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
