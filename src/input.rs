//! Reading articles: files, directories (recursively), globs, standard
//! input, and JSON Lines files (`{"id", "text", "date", "title", "url"}` per
//! line), streamed in batches so that memory grows with the graph, not with
//! the corpus.

use crate::error::{Error, Result};
use crate::pipeline::Article;
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

/// The article files an input names: the file itself, every file under a
/// directory (hidden files skipped), or the files a glob pattern matches
/// (`news/**/*.jsonl`). `-` is standard input.
pub fn expand(input: &Path) -> Result<Vec<PathBuf>> {
    if input.as_os_str() == "-" {
        return Ok(vec![input.to_path_buf()]);
    }
    let text = input.to_string_lossy();
    if !input.exists() && text.contains(['*', '?', '[']) {
        let paths = glob::glob(&text)
            .map_err(|e| Error::Usage(format!("{text}: bad glob pattern: {}", e.msg)))?;
        let mut out = Vec::new();
        for p in paths {
            let p = p.map_err(|e| {
                let path = e.path().to_path_buf();
                Error::io(path, e.into())
            })?;
            out.extend(expand(&p)?);
        }
        if out.is_empty() {
            return Err(Error::Usage(format!(
                "{text}: no file matches this pattern"
            )));
        }
        out.sort();
        return Ok(out);
    }
    let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
    if !meta.is_dir() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![input.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if ft.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Is `path` a JSON Lines file (by extension: `.jsonl`, `.ndjson`)?
pub fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// One JSON Lines record.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, rename = "source")]
    _source: Option<serde_json::Value>,
}

/// Parses one JSON Lines record; `line` (1-based) names it in messages and
/// gives it an id when it has none (`FILE:LINE`).
pub fn parse_record(path: &Path, line: usize, text: &str) -> std::result::Result<Article, String> {
    let r: Record = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        msg.split(" at line ").next().unwrap_or(&msg).to_string()
    })?;
    let id = match r.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None | Some(serde_json::Value::Null) => format!("{}:{line}", article_id(path)),
        Some(other) => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    Ok(Article {
        id,
        text: r.text,
        date: r.date.filter(|d| !d.is_empty()),
        title: r.title.filter(|t| !t.is_empty()),
        url: r.url.filter(|u| !u.is_empty()),
    })
}

/// What reading a corpus came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read.
    pub articles: usize,
    /// Files skipped (binary).
    pub skipped_files: usize,
    /// JSON Lines records skipped (malformed).
    pub bad_records: usize,
    /// Bytes read.
    pub bytes: u64,
}

/// A corpus: the expanded, sorted list of files to read.
#[derive(Clone, Debug)]
pub struct Corpus {
    files: Vec<PathBuf>,
    options: ReadOptions,
}

impl Corpus {
    /// Expands `inputs` (files, directories, globs, `-`) into a corpus. The
    /// files are sorted, so the order they were named in does not matter.
    pub fn open(inputs: &[PathBuf], options: ReadOptions) -> Result<Corpus> {
        let mut files = Vec::new();
        for i in inputs {
            files.extend(expand(i)?);
        }
        files.sort();
        files.dedup();
        Ok(Corpus { files, options })
    }

    /// The files, in reading order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
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
                            .map_err(|_| Error::Usage("stopped".into()))
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
            let read = reader
                .join()
                .unwrap_or_else(|_| Err(Error::Usage("the reading thread panicked".into())));
            match failed {
                Some(e) => Err(e),
                None => read,
            }
        })
    }

    /// Reads the corpus in batches of about `batch_bytes` of text, calling
    /// `batch` with each (in order) and `warn` with each warning. Malformed
    /// JSON Lines records are reported with their line number and skipped.
    pub fn read(
        &self,
        batch_bytes: usize,
        mut batch: impl FnMut(Vec<Article>, u64) -> Result<()>,
        mut warn: impl FnMut(Warning),
    ) -> Result<Summary> {
        let mut summary = Summary::default();
        let mut pending: Vec<Article> = Vec::new();
        let mut pending_bytes = 0usize;
        let mut flush = |pending: &mut Vec<Article>,
                         pending_bytes: &mut usize,
                         summary: &mut Summary,
                         force: bool|
         -> Result<()> {
            if !pending.is_empty() && (force || *pending_bytes >= batch_bytes) {
                summary.articles += pending.len();
                let bytes = *pending_bytes as u64;
                *pending_bytes = 0;
                batch(std::mem::take(pending), bytes)?;
            }
            Ok(())
        };
        for path in &self.files {
            if is_json_lines(path) {
                let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
                let mut buf = Vec::new();
                let mut line = 0;
                loop {
                    buf.clear();
                    let n = reader
                        .read_until(b'\n', &mut buf)
                        .map_err(|e| Error::io(path, e))?;
                    if n == 0 {
                        break;
                    }
                    line += 1;
                    summary.bytes += n as u64;
                    let text = String::from_utf8_lossy(&buf);
                    if text.trim().is_empty() {
                        continue;
                    }
                    match parse_record(path, line, text.trim_end()) {
                        Ok(a) => {
                            pending_bytes += a.text.len();
                            pending.push(a);
                            flush(&mut pending, &mut pending_bytes, &mut summary, false)?;
                        }
                        Err(message) => {
                            summary.bad_records += 1;
                            warn(Warning {
                                path: PathBuf::from(format!("{}:{line}", path.display())),
                                message: format!("bad record: {message}; skipped"),
                            });
                        }
                    }
                }
            } else {
                let (article, warning) = read_article(path, self.options)?;
                if let Some(w) = warning {
                    warn(w);
                }
                match article {
                    Some(a) => {
                        summary.bytes += a.text.len() as u64;
                        pending_bytes += a.text.len();
                        pending.push(a);
                        flush(&mut pending, &mut pending_bytes, &mut summary, false)?;
                    }
                    None => summary.skipped_files += 1,
                }
            }
        }
        flush(&mut pending, &mut pending_bytes, &mut summary, true)?;
        Ok(summary)
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
        let a = parse_record(p, 3, r#"{"id": "x1", "text": "Iran backs Hezbollah.", "date": "2024-08-06", "title": "T", "url": "https://e.x/1"}"#).unwrap();
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
            parse_record(p, 7, r#"{"text": "t", "id": 42}"#).unwrap().id,
            "42"
        );
        assert_eq!(
            parse_record(p, 7, r#"{"text": "t"}"#).unwrap().id,
            "feed.jsonl:7"
        );
        let rows = [
            (r#"{"id": "a"}"#, "missing field `text`"),
            (r#"{"text": 5}"#, "invalid type"),
            (
                r#"{"text": "t", "id": [1]}"#,
                "\"id\" must be a string or a number",
            ),
            (r#"{"text": "t", "colour": 1}"#, "unknown field `colour`"),
            ("not json", "expected ident"),
        ];
        for (line, want) in rows {
            let e = parse_record(p, 1, line).unwrap_err();
            assert!(e.contains(want), "{line}: {e}");
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
        let strict = ReadOptions { strict: true };
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
                    Err(Error::Usage("full disk".into()))
                },
                |_| {},
            )
            .unwrap_err();
        assert_eq!(err.to_string(), "full disk");
        assert_eq!(calls, 1);
    }
}
