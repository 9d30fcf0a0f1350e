//! Reading articles: files, directories (recursively), globs, standard
//! input, and JSON Lines files (`{"id", "text", "date", "title", "url"}` per
//! line), streamed in batches so that memory grows with the graph, not with
//! the corpus.

use crate::error::{Error, Result};
use crate::text::Article;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// 1-based (line, column) of byte `offset` in `bytes`.
pub fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|p| p + 1)
            .unwrap_or(0)
        + 1;
    (line, col)
}

/// How articles are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Invalid UTF-8 and binary files are errors instead of warnings.
    pub strict: bool,
    /// How inputs are read: by extension and content, as text, or as JSON Lines.
    pub format: InputFormat,
}

/// Something worth telling the user that does not stop the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The file concerned.
    pub path: PathBuf,
    /// What happened (lower case, no trailing period).
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// An article's text, or why it was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// The text, and a warning if bytes had to be replaced.
    Text(String, Option<Warning>),
    /// A binary file: skipped.
    Skipped(Warning),
}

/// Decodes an article's bytes. A byte-order mark is dropped. Invalid UTF-8
/// is replaced by U+FFFD with a warning that counts the bytes (an error when
/// `strict`); a file with NUL bytes is binary and skipped with a warning (an
/// error when `strict`).
pub fn decode(path: &Path, bytes: Vec<u8>, options: ReadOptions) -> Result<Decoded> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if options.strict {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
        return Ok(Decoded::Skipped(Warning {
            path: path.to_path_buf(),
            message: format!("looks like a binary file (NUL byte at offset {offset}); skipped"),
        }));
    }
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::Text(s, None)),
        Err(e) => {
            let (line, col) = line_col(e.as_bytes(), e.utf8_error().valid_up_to());
            if options.strict {
                return Err(Error::InvalidUtf8 {
                    path: path.to_path_buf(),
                    line,
                    col,
                });
            }
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len());
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    replaced += chunk.invalid().len();
                    text.push('\u{FFFD}');
                }
            }
            let warning = Warning {
                path: path.to_path_buf(),
                message: format!("invalid UTF-8 from line {line}, column {col}: {replaced} byte(s) replaced with U+FFFD (--strict makes this an error)"),
            };
            Ok(Decoded::Text(text, Some(warning)))
        }
    }
}

/// The extensions of the article files read from a directory or a glob
/// pattern (case-insensitive); a file named on the command line is read
/// whatever its name.
pub const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "jsonl", "ndjson"];

/// Is `path` an article file by its extension ([`ARTICLE_EXTENSIONS`])?
pub fn is_article_file(path: &Path) -> bool {
    has_extension(path, &ARTICLE_EXTENSIONS)
}

/// What a directory walk looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    /// Article files ([`ARTICLE_EXTENSIONS`]).
    Articles,
    /// Graph files newsgraph reads back ([`GRAPH_EXTENSIONS`]) and CSV
    /// graph directories (those holding `nodes.csv`), taken whole.
    Graphs,
}

/// The extensions of the graph files `merge` reads from a directory.
pub const GRAPH_EXTENSIONS: [&str; 4] = ["ron", "json", "graphml", "xml"];

fn has_extension(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// What an input named on the command line stands for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The files to read, sorted.
    pub files: Vec<PathBuf>,
    /// Files found in a directory or by a pattern that are not article files
    /// (newsgraph's own outputs, images, ...): not read, sorted.
    pub not_read: Vec<PathBuf>,
    /// Symbolic-link loops and dangling links met on the way: not fatal.
    pub warnings: Vec<Warning>,
}

/// The article files an input names: the file itself (whatever its name),
/// the article files under a directory (hidden ones left out), or those a
/// glob pattern matches (`news/**/*.jsonl`). `-` is standard input.
///
/// Directories are walked with symbolic links followed and loops detected
/// (issue 17: a loop used to hang the run, or read an article 41 times): a
/// loop or a dangling link is a warning, not an error.
pub fn expand(input: &Path) -> Result<Listing> {
    expand_for(input, Wanted::Articles)
}

/// Like [`expand`], for articles or for graphs.
pub fn expand_for(input: &Path, wanted: Wanted) -> Result<Listing> {
    let mut out = Listing::default();
    if input.as_os_str() == "-" {
        out.files.push(input.to_path_buf());
        return Ok(out);
    }
    let text = input.to_string_lossy();
    if !input.exists() && text.contains(['*', '?', '[']) {
        expand_glob(&text, wanted, &mut out)?;
        if out.files.is_empty() && out.not_read.is_empty() {
            return Err(Error::NoMatch {
                pattern: text.into_owned(),
            });
        }
    } else {
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() && !(wanted == Wanted::Graphs && is_csv_graph(input)) {
            walk(input, usize::MAX, wanted, &mut out, &mut |_, _| true);
        } else {
            out.files.push(input.to_path_buf());
        }
    }
    out.files.sort();
    out.files.dedup();
    out.not_read.sort();
    out.not_read.dedup();
    Ok(out)
}

/// Is this entry's name hidden (starts with a dot)?
fn hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Walks `dir` (symbolic links followed, loops detected) to `max_depth`,
/// sorting what it finds into `out`. `take(path, is_dir)` says whether an
/// entry is wanted; a wanted directory is taken whole.
fn walk(
    dir: &Path,
    max_depth: usize,
    wanted: Wanted,
    out: &mut Listing,
    take: &mut dyn FnMut(&Path, bool) -> bool,
) {
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.warnings.push(walk_warning(dir, &e));
                continue;
            }
        };
        if hidden(&entry) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let path = match entry.path().strip_prefix("./") {
            Ok(p) if dir == Path::new(".") => p,
            _ => entry.path(),
        };
        if entry.file_type().is_dir() {
            let csv = wanted == Wanted::Graphs && entry.depth() > 0 && is_csv_graph(path);
            if csv {
                it.skip_current_dir();
                if take(path, false) {
                    out.files.push(path.to_path_buf());
                }
            } else if entry.depth() > 0 && take(path, true) {
                // a directory the pattern names: all of it
                walk(path, usize::MAX, wanted, out, &mut |_, _| true);
                it.skip_current_dir();
            }
            continue;
        }
        if !take(path, false) {
            continue;
        }
        let keep = match wanted {
            Wanted::Articles => is_article_file(path),
            Wanted::Graphs => has_extension(path, &GRAPH_EXTENSIONS),
        };
        if keep {
            out.files.push(path.to_path_buf());
        } else {
            out.not_read.push(path.to_path_buf());
        }
    }
}

/// Is `dir` a graph in Neo4j CSV files (it holds `nodes.csv`)?
pub fn is_csv_graph(dir: &Path) -> bool {
    dir.join("nodes.csv").is_file()
}

/// A warning for what stopped the walk at one entry.
fn walk_warning(dir: &Path, e: &walkdir::Error) -> Warning {
    let path = e.path().unwrap_or(dir).to_path_buf();
    if let Some(ancestor) = e.loop_ancestor() {
        return Warning {
            message: format!(
                "symbolic link loop (back to {}); not followed",
                ancestor.display()
            ),
            path,
        };
    }
    let dangling = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(&path).is_err();
    let message = if dangling {
        match std::fs::read_link(&path) {
            Ok(to) => format!(
                "dangling symbolic link (to {}, which does not exist); skipped",
                to.display()
            ),
            Err(_) => "dangling symbolic link; skipped".to_string(),
        }
    } else {
        let what = e
            .io_error()
            .map(|io| match io.kind() {
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => io.to_string().to_lowercase(),
            })
            .unwrap_or_else(|| e.to_string());
        format!("cannot read ({what}); skipped")
    };
    Warning { path, message }
}

/// The files a glob pattern matches: the directories before the first
/// wildcard are walked (as deep as the pattern goes, or all the way for
/// `**`), with the same loop detection as a directory.
fn expand_glob(text: &str, wanted: Wanted, out: &mut Listing) -> Result<()> {
    let pattern = glob::Pattern::new(text).map_err(|e| Error::BadPattern {
        pattern: text.to_string(),
        col: e.pos + 1,
        message: e.msg.to_string(),
    })?;
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let wild = |c: &str| c.contains(['*', '?', '[']);
    let parts: Vec<&str> = text.split('/').collect();
    let literal = parts.iter().take_while(|c| !wild(c)).count();
    let base = if literal == 0 {
        PathBuf::from(".")
    } else if literal == 1 && parts[0].is_empty() {
        PathBuf::from("/")
    } else {
        PathBuf::from(parts[..literal].join("/"))
    };
    if !base.is_dir() {
        return Ok(());
    }
    let rest = &parts[literal..];
    let depth = if rest.iter().any(|c| c.contains("**")) {
        usize::MAX
    } else {
        rest.len()
    };
    walk(&base, depth, wanted, out, &mut |path, _| {
        pattern.matches_path_with(path, options)
    });
    Ok(())
}

/// Is `path` a JSON Lines file (by extension: `.jsonl`, `.ndjson`)?
pub fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// The fields of a JSON Lines record newsgraph reads; any other field is
/// ignored (and listed once under `--verbose`). `source` is a field some
/// feeds carry that newsgraph knows and does not need.
pub const RECORD_FIELDS: [&str; 6] = ["id", "text", "date", "title", "url", "source"];

/// One JSON Lines record, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The article it holds.
    pub article: Article,
    /// The names of the fields newsgraph does not read, sorted.
    pub unknown_fields: Vec<String>,
}

/// Parses one JSON Lines record; `line` (1-based) names it in messages and
/// gives it an id when it has none (`FILE:LINE`). Fields other than
/// [`RECORD_FIELDS`] are ignored: real news dumps carry `lang`, `tags`,
/// `authors` and many more (issue 17).
pub fn parse_record(path: &Path, line: usize, text: &str) -> std::result::Result<Record, String> {
    use serde_json::Value;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        msg.split(" at line ").next().unwrap_or(&msg).to_string()
    })?;
    let Value::Object(mut fields) = value else {
        return Err(format!(
            "a record is a JSON object, not {}",
            json_kind(&value)
        ));
    };
    let string = |fields: &mut serde_json::Map<String, Value>, name: &str| match fields.remove(name)
    {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "\"{name}\" must be a string, not {}",
            json_kind(&other)
        )),
    };
    let text = string(&mut fields, "text")?.ok_or("missing field `text`")?;
    let id = match fields.remove("id") {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => format!("{}:{line}", article_id(path)),
        Some(Value::String(_)) => format!("{}:{line}", article_id(path)),
        Some(other) => {
            return Err(format!(
                "\"id\" must be a string or a number, not {}",
                json_kind(&other)
            ))
        }
    };
    let date = string(&mut fields, "date")?;
    let title = string(&mut fields, "title")?;
    let url = string(&mut fields, "url")?;
    fields.remove("source");
    Ok(Record {
        article: Article {
            id,
            text,
            date: date.filter(|d| !d.is_empty()),
            title: title.filter(|t| !t.is_empty()),
            url: url.filter(|u| !u.is_empty()),
        },
        unknown_fields: {
            let mut names: Vec<String> = fields.into_iter().map(|(k, _)| k).collect();
            names.sort();
            names
        },
    })
}

/// "a string", "an array", ... for messages.
fn json_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What reading a corpus came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read.
    pub articles: usize,
    /// Articles read that hold no text but white space.
    pub blank_articles: usize,
    /// Files skipped (binary).
    pub skipped_files: usize,
    /// JSON Lines records skipped (malformed).
    pub bad_records: usize,
    /// Bytes read.
    pub bytes: u64,
    /// JSON Lines fields newsgraph does not read, each with the first
    /// record it was seen in (`FILE:LINE`), sorted by name.
    pub unknown_fields: std::collections::BTreeMap<String, String>,
}

/// How an input is read: as one plain-text article, or as JSON Lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON Lines by extension (`.jsonl`, `.ndjson`) for files and by
    /// content for standard input (its first line is a JSON object with a
    /// `text` field); plain text otherwise.
    #[default]
    Auto,
    /// Every input is one plain-text article.
    Text,
    /// Every input is JSON Lines.
    JsonLines,
}

impl InputFormat {
    /// Parses `auto`, `text` or `jsonl`.
    pub fn parse(name: &str) -> Option<InputFormat> {
        match name.to_ascii_lowercase().as_str() {
            "auto" => Some(InputFormat::Auto),
            "text" | "txt" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }
}

/// Does this first line of standard input start a JSON Lines stream: a JSON
/// object with a string `text` field?
pub fn looks_like_json_lines(first_line: &[u8]) -> bool {
    let line = first_line
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(first_line);
    if !line.trim_ascii_start().starts_with(b"{") {
        return false;
    }
    serde_json::from_slice::<serde_json::Value>(line.trim_ascii())
        .is_ok_and(|v| v.get("text").is_some_and(serde_json::Value::is_string))
}

/// A corpus: the expanded, sorted list of files to read.
#[derive(Clone, Debug)]
pub struct Corpus {
    files: Vec<PathBuf>,
    listing: Listing,
    options: ReadOptions,
}

/// Gathers articles into batches of about `batch_bytes` of text, and counts.
struct Batcher<B, W> {
    batch_bytes: usize,
    batch: B,
    warn: W,
    options: ReadOptions,
    summary: Summary,
    pending: Vec<Article>,
    pending_bytes: usize,
}

impl<B, W> Batcher<B, W>
where
    B: FnMut(Vec<Article>, u64) -> Result<()>,
    W: FnMut(Warning),
{
    fn push(&mut self, article: Article) -> Result<()> {
        if article.text.trim().is_empty() {
            self.summary.blank_articles += 1;
        }
        self.pending_bytes += article.text.len();
        self.pending.push(article);
        self.flush(false)
    }

    fn flush(&mut self, force: bool) -> Result<()> {
        if !self.pending.is_empty() && (force || self.pending_bytes >= self.batch_bytes) {
            self.summary.articles += self.pending.len();
            let bytes = self.pending_bytes as u64;
            self.pending_bytes = 0;
            (self.batch)(std::mem::take(&mut self.pending), bytes)?;
        }
        Ok(())
    }

    /// Reads JSON Lines from `reader`; `first`, when given, is its first
    /// line, already read. Malformed records are reported with their line
    /// number and skipped; invalid UTF-8 in a record is repaired with a
    /// warning (an error under `--strict`).
    fn json_lines(
        &mut self,
        path: &Path,
        mut reader: impl BufRead,
        first: Option<Vec<u8>>,
    ) -> Result<()> {
        let name = if path.as_os_str() == "-" {
            PathBuf::from("<stdin>")
        } else {
            path.to_path_buf()
        };
        let mut pending_first = first;
        let mut buf = Vec::new();
        let mut line = 0;
        loop {
            match pending_first.take() {
                Some(f) => buf = f,
                None => {
                    buf.clear();
                    reader
                        .read_until(b'\n', &mut buf)
                        .map_err(|e| Error::io(&name, e))?;
                }
            }
            if buf.is_empty() {
                break;
            }
            line += 1;
            self.summary.bytes += buf.len() as u64;
            let mut bytes: &[u8] = &buf;
            if line == 1 {
                // a byte-order mark must not cost the first record
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(e) => {
                    let col = e.valid_up_to() + 1;
                    if self.options.strict {
                        return Err(Error::InvalidUtf8 {
                            path: name.clone(),
                            line,
                            col,
                        });
                    }
                    let replaced: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
                    (self.warn)(Warning {
                        path: PathBuf::from(format!("{}:{line}", name.display())),
                        message: format!("invalid UTF-8 from column {col}: {replaced} byte(s) replaced with U+FFFD (--strict makes this an error)"),
                    });
                    String::from_utf8_lossy(bytes)
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            match parse_record(path, line, text.trim_end()) {
                Ok(record) => {
                    for field in record.unknown_fields {
                        self.summary
                            .unknown_fields
                            .entry(field)
                            .or_insert_with(|| format!("{}:{line}", name.display()));
                    }
                    self.push(record.article)?;
                }
                Err(message) => {
                    self.summary.bad_records += 1;
                    (self.warn)(Warning {
                        path: PathBuf::from(format!("{}:{line}", name.display())),
                        message: format!("bad record: {message}; skipped"),
                    });
                }
            }
        }
        Ok(())
    }

    /// Reads one plain-text article from `bytes`.
    fn text(&mut self, path: &Path, bytes: Vec<u8>) -> Result<()> {
        self.summary.bytes += bytes.len() as u64;
        match decode(path, bytes, self.options)? {
            Decoded::Text(text, warning) => {
                if let Some(w) = warning {
                    (self.warn)(w);
                }
                self.push(Article::new(article_id(path), text))
            }
            Decoded::Skipped(w) => {
                (self.warn)(w);
                self.summary.skipped_files += 1;
                Ok(())
            }
        }
    }

    /// Reads standard input: JSON Lines when asked, or when its first line
    /// looks like a record; one plain-text article otherwise.
    fn stdin(&mut self) -> Result<()> {
        let path = Path::new("-");
        let stdin = std::io::stdin().lock();
        let mut reader = std::io::BufReader::with_capacity(1 << 20, stdin);
        let mut first = Vec::new();
        reader
            .read_until(b'\n', &mut first)
            .map_err(|e| Error::io("<stdin>", e))?;
        let json_lines = match self.options.format {
            InputFormat::JsonLines => true,
            InputFormat::Text => false,
            InputFormat::Auto => looks_like_json_lines(&first),
        };
        if json_lines {
            return self.json_lines(path, reader, Some(first));
        }
        reader
            .read_to_end(&mut first)
            .map_err(|e| Error::io("<stdin>", e))?;
        self.text(path, first)
    }
}

impl Corpus {
    /// Expands `inputs` (files, directories, globs, `-`) into a corpus. The
    /// files are sorted, so the order they were named in does not matter,
    /// and each real file is read once, however many links or names lead
    /// to it (under the first of its names in sorted order).
    pub fn open(inputs: &[PathBuf], options: ReadOptions) -> Result<Corpus> {
        let mut listing = Listing::default();
        for i in inputs {
            let l = expand(i)?;
            listing.files.extend(l.files);
            listing.not_read.extend(l.not_read);
            listing.warnings.extend(l.warnings);
        }
        listing.files.sort();
        listing.files.dedup();
        listing.not_read.sort();
        listing.not_read.dedup();
        let mut said = std::collections::HashSet::new();
        listing.warnings.retain(|w| said.insert(w.to_string()));
        let mut seen = std::collections::HashSet::new();
        let mut files = Vec::with_capacity(listing.files.len());
        for f in &listing.files {
            let real = if f.as_os_str() == "-" {
                f.clone()
            } else {
                std::fs::canonicalize(f).map_err(|e| Error::io(f, e))?
            };
            if seen.insert(real) {
                files.push(f.clone());
            }
        }
        Ok(Corpus {
            files,
            listing,
            options,
        })
    }

    /// The files, in reading order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Files found in directories or by patterns that are not article files
    /// ([`ARTICLE_EXTENSIONS`]), and so not read.
    pub fn not_read(&self) -> &[PathBuf] {
        &self.listing.not_read
    }

    /// Names of files read under another name (links to them), so not read twice.
    pub fn read_once(&self) -> usize {
        self.listing.files.len() - self.files.len()
    }

    /// Symbolic-link loops and dangling links met while listing the files.
    pub fn warnings(&self) -> &[Warning] {
        &self.listing.warnings
    }

    /// Total size of the files, for progress (standard input counts 0).
    pub fn total_bytes(&self) -> u64 {
        self.files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum()
    }

    /// Like [`read`](Self::read), but reads and parses the next batch on a
    /// thread of its own while `batch` works on the current one (at most one
    /// batch waits), so reading is not a serial step between extractions.
    /// `batch` runs on the calling thread, in order; when it fails, reading
    /// stops and its error is returned.
    pub fn read_ahead(
        &self,
        batch_bytes: usize,
        mut batch: impl FnMut(Vec<Article>, u64) -> Result<()>,
        warn: impl FnMut(Warning) + Send,
    ) -> Result<Summary> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Article>, u64)>(1);
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                self.read(
                    batch_bytes,
                    |articles, bytes| {
                        // the consumer hung up: it failed and reports why
                        tx.send((articles, bytes))
                            .map_err(|_| Error::ReadingStopped)
                    },
                    warn,
                )
            });
            let mut failed = None;
            for (articles, bytes) in rx.iter() {
                if let Err(e) = batch(articles, bytes) {
                    failed = Some(e);
                    break;
                }
            }
            drop(rx);
            let read = reader.join().unwrap_or(Err(Error::ReaderPanicked));
            match failed {
                Some(e) => Err(e),
                None => read,
            }
        })
    }

    /// Is `path` read as JSON Lines (standard input is told by content)?
    fn is_json_lines(&self, path: &Path) -> bool {
        match self.options.format {
            InputFormat::Auto => is_json_lines(path),
            InputFormat::Text => false,
            InputFormat::JsonLines => true,
        }
    }

    /// Reads the corpus in batches of about `batch_bytes` of text, calling
    /// `batch` with each (in order) and `warn` with each warning. Malformed
    /// JSON Lines records are reported with their line number and skipped.
    pub fn read(
        &self,
        batch_bytes: usize,
        batch: impl FnMut(Vec<Article>, u64) -> Result<()>,
        warn: impl FnMut(Warning),
    ) -> Result<Summary> {
        let mut b = Batcher {
            batch_bytes,
            batch,
            warn,
            options: self.options,
            summary: Summary::default(),
            pending: Vec::new(),
            pending_bytes: 0,
        };
        for path in &self.files {
            if path.as_os_str() == "-" {
                b.stdin()?;
            } else if self.is_json_lines(path) {
                let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                let reader = std::io::BufReader::with_capacity(1 << 20, file);
                b.json_lines(path, reader, None)?;
            } else {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                b.text(path, bytes)?;
            }
        }
        b.flush(true)?;
        Ok(b.summary)
    }
}

/// The id an article read from `path` gets: the path as given, with `/`.
pub fn article_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "<stdin>".to_string();
    }
    path.to_string_lossy().replace('\\', "/")
}

/// Reads one article file (or standard input for `-`): the article, or
/// `None` when it was skipped, and any warning.
pub fn read_article(
    path: &Path,
    options: ReadOptions,
) -> Result<(Option<Article>, Option<Warning>)> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    Ok(match decode(path, bytes, options)? {
        Decoded::Text(text, warning) => (Some(Article::new(article_id(path), text)), warning),
        Decoded::Skipped(warning) => (None, Some(warning)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_records() {
        let p = Path::new("feed.jsonl");
        let a = parse_record(p, 3, r#"{"id": "x1", "text": "Iran backs Hezbollah.", "date": "2024-08-06", "title": "T", "url": "https://e.x/1"}"#).unwrap().article;
        assert_eq!(
            (
                a.id.as_str(),
                a.date.as_deref(),
                a.title.as_deref(),
                a.url.as_deref()
            ),
            ("x1", Some("2024-08-06"), Some("T"), Some("https://e.x/1"))
        );
        assert_eq!(
            parse_record(p, 7, r#"{"text": "t", "id": 42}"#)
                .unwrap()
                .article
                .id,
            "42"
        );
        assert_eq!(
            parse_record(p, 7, r#"{"text": "t"}"#).unwrap().article.id,
            "feed.jsonl:7"
        );
        let rows = [
            (r#"{"id": "a"}"#, "missing field `text`"),
            (r#"{"text": 5}"#, "\"text\" must be a string, not a number"),
            (
                r#"{"text": "t", "id": [1]}"#,
                "\"id\" must be a string or a number, not an array",
            ),
            (
                r#"{"text": "t", "title": {}}"#,
                "\"title\" must be a string, not an object",
            ),
            (r#"[1, 2]"#, "a record is a JSON object, not an array"),
            ("not json", "expected ident"),
        ];
        for (line, want) in rows {
            let e = parse_record(p, 1, line).unwrap_err();
            assert!(e.contains(want), "{line}: {e}");
        }
    }

    /// Issue 17: fields newsgraph does not know are ignored and named, not
    /// a reason to skip the record.
    #[test]
    fn unknown_fields_are_ignored_and_named() {
        let p = Path::new("feed.jsonl");
        let r = parse_record(
            p,
            1,
            r#"{"lang": "en", "id": "a", "tags": ["x"], "text": "Iran backs Hezbollah.", "authors": null, "source": "wire"}"#,
        )
        .unwrap();
        assert_eq!(r.article.text, "Iran backs Hezbollah.");
        assert_eq!(r.unknown_fields, ["authors", "lang", "tags"]);
    }

    #[test]
    fn standard_input_is_told_apart_by_its_first_line() {
        let rows: [(&[u8], bool); 7] = [
            (
                b"{\"text\": \"Iran backs Hezbollah.\", \"lang\": \"en\"}\n",
                true,
            ),
            (b"\xef\xbb\xbf  {\"id\": 1, \"text\": \"x\"}\r\n", true),
            (b"{\"id\": 1}\n", false),
            (b"{not json at all}\n", false),
            (b"Iran backs Hezbollah.\n", false),
            (b"", false),
            (b"{\"text\": 5}", false),
        ];
        for (line, want) in rows {
            assert_eq!(
                looks_like_json_lines(line),
                want,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col(b"abc", 0), (1, 1));
    }

    #[test]
    fn decoding() {
        let p = Path::new("x.txt");
        let lenient = ReadOptions::default();
        let strict = ReadOptions {
            strict: true,
            ..Default::default()
        };
        assert_eq!(
            decode(p, b"\xef\xbb\xbfhi".to_vec(), lenient).unwrap(),
            Decoded::Text("hi".into(), None)
        );
        match decode(p, b"ok\nbad \xff\xfe end \xc3".to_vec(), lenient).unwrap() {
            Decoded::Text(t, Some(w)) => {
                assert_eq!(t, "ok\nbad \u{FFFD}\u{FFFD} end \u{FFFD}");
                assert_eq!(w.to_string(), "x.txt: invalid UTF-8 from line 2, column 5: 3 byte(s) replaced with U+FFFD (--strict makes this an error)");
            }
            other => panic!("{other:?}"),
        }
        let e = decode(p, b"ok\nbad \xff".to_vec(), strict)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "x.txt:2:5: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)"
        );
        match decode(p, b"a\0b".to_vec(), lenient).unwrap() {
            Decoded::Skipped(w) => assert!(w
                .message
                .contains("binary file (NUL byte at offset 1); skipped")),
            other => panic!("{other:?}"),
        }
        assert!(decode(p, b"a\0b".to_vec(), strict)
            .unwrap_err()
            .to_string()
            .contains("binary file"));
    }

    #[test]
    fn read_ahead_gives_the_batches_in_order_and_stops_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        let lines: String = (0..50)
            .map(|i| format!("{{\"id\": \"a{i:02}\", \"text\": \"Iran backs Hezbollah.\"}}\n"))
            .collect();
        std::fs::write(&path, lines).unwrap();
        let corpus = Corpus::open(&[path], ReadOptions::default()).unwrap();
        let mut ids = Vec::new();
        let summary = corpus
            .read_ahead(
                100,
                |batch, _| {
                    ids.extend(batch.into_iter().map(|a| a.id));
                    Ok(())
                },
                |_| {},
            )
            .unwrap();
        assert_eq!(summary.articles, 50);
        let want: Vec<String> = (0..50).map(|i| format!("a{i:02}")).collect();
        assert_eq!(ids, want);
        let mut calls = 0;
        let err = corpus
            .read_ahead(
                100,
                |_, _| {
                    calls += 1;
                    Err(Error::io(
                        "graph.ron",
                        std::io::Error::new(std::io::ErrorKind::StorageFull, "full disk"),
                    ))
                },
                |_| {},
            )
            .unwrap_err();
        assert_eq!(err.to_string(), "graph.ron: full disk");
        assert!(matches!(err, Error::Io { .. }));
        assert_eq!(calls, 1);
    }
}
