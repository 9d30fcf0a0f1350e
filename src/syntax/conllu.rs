//! Reading and writing CoNLL-U (<https://universaldependencies.org/format.html>).
//!
//! The reader keeps the syntactic words of each sentence: multiword-token
//! range lines (`3-4`) and empty nodes (`8.1`) are skipped, as the CoNLL 2018
//! evaluation does for basic trees. Comment lines `# newdoc id`, `# sent_id`
//! and `# text` are kept; a `TokenRange=start:end` in MISC becomes the word's span.

use super::{ParsedSentence, Word};
use crate::error::{Error, Result};
use std::fmt::Write as _;

/// Reads every sentence of a CoNLL-U text. `path` names the file in errors.
pub fn read(path: &str, text: &str) -> Result<Vec<ParsedSentence>> {
    let mut out = Vec::new();
    let mut current = ParsedSentence::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current = ParsedSentence::default();
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("newdoc id =") {
                current.newdoc = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("sent_id =") {
                current.id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                current.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(parse_error(
                path,
                line_no,
                1,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue; // multiword-token range or empty node
        }
        let expected = current.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(parse_error(
                path,
                line_no,
                1,
                format!("word id {id:?} out of order (expected {expected})"),
            ));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse::<u32>().map_err(|_| {
                parse_error(
                    path,
                    line_no,
                    col_of(line, 6),
                    format!("head {:?} is not a number", cols[6]),
                )
            })?
        };
        let span = cols[9]
            .split('|')
            .find_map(|kv| kv.strip_prefix("TokenRange="))
            .and_then(|r| {
                let (a, b) = r.split_once(':')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            });
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            span,
            misc: cols[9].to_string(),
        });
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    for s in &out {
        let n = s.words.len() as u32;
        if let Some(w) = s.words.iter().find(|w| w.head > n) {
            return Err(Error::Parse {
                path: path.to_string(),
                line: 0,
                col: 0,
                message: format!(
                    "sentence {}: head {} of {:?} is past the sentence's {} words",
                    s.id.as_deref().unwrap_or("?"),
                    w.head,
                    w.form,
                    n
                ),
            });
        }
    }
    Ok(out)
}

fn col_of(line: &str, column: usize) -> usize {
    line.split('\t')
        .take(column)
        .map(|c| c.len() + 1)
        .sum::<usize>()
        + 1
}

fn parse_error(path: &str, line: usize, col: usize, message: String) -> Error {
    Error::Parse {
        path: path.to_string(),
        line,
        col,
        message,
    }
}

/// The documents of a CoNLL-U file: runs of sentences, each opened by a
/// `# newdoc id` (a file without one is one document).
pub fn documents(sents: &[ParsedSentence]) -> Vec<&[ParsedSentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, s) in sents.iter().enumerate() {
        if s.newdoc.is_some() && i > start {
            out.push(&sents[start..i]);
            start = i;
        }
    }
    if start < sents.len() {
        out.push(&sents[start..]);
    }
    out
}

/// Writes one sentence as CoNLL-U (comment lines, word lines, blank line).
/// Spans are written to MISC as `TokenRange=start:end`.
pub fn write_sentence(out: &mut String, s: &ParsedSentence) {
    if let Some(doc) = &s.newdoc {
        let _ = writeln!(out, "# newdoc id = {doc}");
    }
    if let Some(id) = &s.id {
        let _ = writeln!(out, "# sent_id = {id}");
    }
    if let Some(text) = &s.text {
        let _ = writeln!(out, "# text = {}", text.replace('\n', " "));
    }
    for (i, w) in s.words.iter().enumerate() {
        let misc = match w.span {
            Some((a, b)) => {
                let rest: Vec<&str> = w
                    .misc
                    .split('|')
                    .filter(|kv| !kv.is_empty() && *kv != "_" && !kv.starts_with("TokenRange="))
                    .collect();
                let mut m = format!("TokenRange={a}:{b}");
                for kv in rest {
                    m.push('|');
                    m.push_str(kv);
                }
                m
            }
            None if w.misc.is_empty() => "_".to_string(),
            None => w.misc.clone(),
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            field(&w.form),
            field(&w.lemma),
            field(&w.upos),
            field(&w.xpos),
            w.head,
            field(&w.deprel),
            misc
        );
    }
    out.push('\n');
}

/// A CoNLL-U field: never empty, never with a tab or line break.
fn field(s: &str) -> String {
    if s.is_empty() {
        "_".to_string()
    } else {
        s.replace(['\t', '\n', '\r'], " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_the_runs_that_newdoc_opens() {
        let text = "# newdoc id = a\n# sent_id = a-1\n1\tX\tx\tX\tX\t_\t0\troot\t_\t_\n\n\
                    # sent_id = a-2\n1\tY\ty\tX\tX\t_\t0\troot\t_\t_\n\n\
                    # newdoc id = b\n# sent_id = b-1\n1\tZ\tz\tX\tX\t_\t0\troot\t_\t_\n\n";
        let sents = read("t.conllu", text).unwrap();
        let docs = documents(&sents);
        let ids: Vec<Vec<&str>> = docs
            .iter()
            .map(|d| d.iter().map(|s| s.id.as_deref().unwrap()).collect())
            .collect();
        assert_eq!(ids, [vec!["a-1", "a-2"], vec!["b-1"]]);
        assert_eq!(sents[2].newdoc.as_deref(), Some("b"));
        let mut out = String::new();
        write_sentence(&mut out, &sents[2]);
        assert!(
            out.starts_with("# newdoc id = b\n# sent_id = b-1\n"),
            "{out}"
        );
        // no newdoc at all: one document
        assert_eq!(documents(&sents[1..2]).len(), 1);
        assert!(documents(&[]).is_empty());
    }

    const SAMPLE: &str = "# sent_id = s1\n# text = Iran hasn't backed it.\n\
1\tIran\tIran\tPROPN\tNNP\t_\t4\tnsubj\t_\tTokenRange=0:4\n\
2-3\thasn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\thas\thave\tAUX\tVBZ\t_\t4\taux\t_\tTokenRange=5:8\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\tTokenRange=8:11\n\
4\tbacked\tback\tVERB\tVBN\t_\t0\troot\t_\tTokenRange=12:18\n\
4.1\tbacked\tback\tVERB\tVBN\t_\t_\t_\t_\t_\n\
5\tit\tit\tPRON\tPRP\t_\t4\tobj\t_\tTokenRange=19:21|SpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tTokenRange=21:22\n\n";

    #[test]
    fn reads_words_skipping_ranges_and_empty_nodes() {
        let s = read("t.conllu", SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.id.as_deref(), Some("s1"));
        assert_eq!(s.text.as_deref(), Some("Iran hasn't backed it."));
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Iran", "has", "n't", "backed", "it", "."]);
        assert_eq!(s.words[2].span, Some((8, 11)));
        assert_eq!(s.head(0), Some(3));
        assert_eq!(s.head(3), None);
        assert_eq!(s.children(3).collect::<Vec<_>>(), [0, 1, 2, 4, 5]);
    }

    #[test]
    fn round_trip() {
        let s = read("t.conllu", SAMPLE).unwrap();
        let mut out = String::new();
        write_sentence(&mut out, &s[0]);
        let again = read("t.conllu", &out).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn errors_name_the_line() {
        let err = read("bad.conllu", "1\tIran\tIran\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.conllu") && err.contains(":1:"), "{err}");
        let err = read("bad.conllu", "1\ta\ta\tX\tX\t_\tx\tdep\t_\t_\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a number"), "{err}");
    }
}
