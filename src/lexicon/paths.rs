//! Path frames: a relation between two mentions joined by a short
//! dependency path, declared in the lexicon as text.
//!
//! A path is read from the source mention's head word to the target's, one
//! step at a time, separated by spaces:
//!
//! - `>rel` goes down to a dependent labelled `rel` (a subtype matches its
//!   type: `>nmod` takes `nmod:poss` too; write `>nmod:poss` for that one);
//! - `<rel` goes up to the head, when the current word is attached by `rel`;
//! - `[p|q]` after a step: the dependent of the step has one of these
//!   prepositions (the word reached for `>`: `>nmod[in]`, "Lahore in
//!   Punjab"; the word left for `<`: `<nmod[of]`, "the city of Mosul");
//! - `{w|v}` after a step: the word reached is one of these words (form or
//!   lemma, lower case), or `{@list}` a word list of the lexicon
//!   (`{@place_heads}`).
//!
//! For example `located_in` declares `>nmod:poss` ("Iraq's Anbar province":
//! Anbar → Iraq) and `<nmod[of]{@place_heads} >amod` ("the Iraqi city of
//! Mosul": Mosul → Iraq).

use std::fmt;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Up to the head (`<`) or down to a dependent (`>`).
    pub up: bool,
    /// The dependency label.
    pub rel: String,
    /// Prepositions the word reached must have (empty: any).
    pub preps: Vec<String>,
    /// Words the word reached must be (empty: any).
    pub words: Vec<String>,
    /// A word list of the lexicon the word reached must be in.
    pub list: Option<String>,
}

/// A parsed path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path {
    /// The steps, source first.
    pub steps: Vec<Step>,
}

impl Path {
    /// Parses the text form; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Path, String> {
        let mut steps = Vec::new();
        for raw in text.split_whitespace() {
            let (up, rest) = match raw.chars().next() {
                Some('<') => (true, &raw[1..]),
                Some('>') => (false, &raw[1..]),
                _ => return Err(format!("step {raw:?} must start with '<' or '>'")),
            };
            let end = rest.find(['[', '{']).unwrap_or(rest.len());
            let rel = &rest[..end];
            if rel.is_empty() || !rel.chars().all(|c| c.is_ascii_lowercase() || c == ':') {
                return Err(format!("step {raw:?}: {rel:?} is not a dependency label"));
            }
            let mut step = Step {
                up,
                rel: rel.to_string(),
                preps: Vec::new(),
                words: Vec::new(),
                list: None,
            };
            let mut tail = &rest[end..];
            while !tail.is_empty() {
                let (open, close) = match tail.as_bytes()[0] {
                    b'[' => ('[', ']'),
                    b'{' => ('{', '}'),
                    _ => return Err(format!("step {raw:?}: unexpected {tail:?}")),
                };
                let Some(stop) = tail.find(close) else {
                    return Err(format!("step {raw:?}: '{open}' is not closed"));
                };
                let inner: Vec<String> = tail[1..stop]
                    .split('|')
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect();
                if inner.is_empty() {
                    return Err(format!("step {raw:?}: empty '{open}{close}'"));
                }
                if open == '[' {
                    step.preps = inner;
                } else if let Some(list) = inner[0].strip_prefix('@') {
                    step.list = Some(list.to_string());
                } else {
                    step.words = inner;
                }
                tail = &tail[stop + 1..];
            }
            steps.push(step);
        }
        if steps.is_empty() {
            return Err("an empty path".into());
        }
        Ok(Path { steps })
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{}{}", if s.up { '<' } else { '>' }, s.rel)?;
            if !s.preps.is_empty() {
                write!(f, "[{}]", s.preps.join("|"))?;
            }
            if let Some(l) = &s.list {
                write!(f, "{{@{l}}}")?;
            } else if !s.words.is_empty() {
                write!(f, "{{{}}}", s.words.join("|"))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for text in [
            ">nmod:poss",
            "<nmod[of]{@place_heads} >amod",
            ">appos{proxy|client}",
            ">nmod[in|inside]",
        ] {
            assert_eq!(Path::parse(text).unwrap().to_string(), text);
        }
        let p = Path::parse("<nmod[of]{@place_heads} >amod").unwrap();
        assert!(p.steps[0].up && p.steps[0].rel == "nmod" && p.steps[0].preps == ["of"]);
        assert_eq!(p.steps[0].list.as_deref(), Some("place_heads"));
    }

    #[test]
    fn reports_errors() {
        for bad in ["", "nmod", ">", ">NMOD", ">nmod[in", ">nmod{}", ">nmod(x)"] {
            assert!(Path::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
