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

/// Decodes an article's bytes: UTF-8 (a byte-order mark is dropped), no NUL bytes.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let (line, col) = line_col(e.as_bytes(), e.utf8_error().valid_up_to());
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                line,
                col,
            })
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

/// Reads one article file (or standard input for `-`).
pub fn read_article(path: &Path) -> Result<Article> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let text = decode(path, bytes)?;
    Ok(Article::new(article_id(path), text))
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
        assert_eq!(decode(p, b"\xef\xbb\xbfhi".to_vec()).unwrap(), "hi");
        let e = decode(p, b"ok\nbad \xff".to_vec()).unwrap_err().to_string();
        assert_eq!(
            e,
            "x.txt:2:5: invalid UTF-8 (newsgraph reads UTF-8 text; convert the file with iconv)"
        );
        let e = decode(p, b"a\0b".to_vec()).unwrap_err().to_string();
        assert!(e.contains("binary file (NUL byte at offset 1)"), "{e}");
    }
}
