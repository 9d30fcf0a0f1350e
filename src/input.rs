//! Reading articles: files, directories (recursively), standard input.

use crate::error::{Error, Result};
use crate::pipeline::Article;
use std::io::Read;
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

/// The article files an input names: the file itself, or every file under a
/// directory (sorted, hidden files skipped). `-` is standard input.
pub fn expand(input: &Path) -> Result<Vec<PathBuf>> {
    if input.as_os_str() == "-" {
        return Ok(vec![input.to_path_buf()]);
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
}
