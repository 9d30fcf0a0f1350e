//! Segmentation: an article's text into sentences and tokens, with byte offsets.
//!
//! Abbreviation-aware: "U.S.", "Gen.", "Mr.", initials ("Antony J. Blinken"),
//! "No. 2", decimals ("3.5"), thousands ("1,000"), quotes and brackets do not end
//! a sentence. A blank line always does; a single line break does when the next
//! line starts like a sentence (headlines, datelines, one paragraph per line).

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner apostrophes and digits), or an abbreviation with its period.
    Word,
    /// Digits, with inner `.` or `,` between digits.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: a byte range of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What it is made of.
    pub kind: TokenKind,
    /// Whether white space comes right before it.
    pub space_before: bool,
    /// How many line breaks the white space before it holds.
    pub breaks: u32,
}

impl Token {
    /// The token's text in `doc`.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// A sentence: a byte range of the article and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first token.
    pub start: usize,
    /// Byte offset past the last token.
    pub end: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The sentence's text in `doc`.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

pub use crate::lexicon::SegmentRules;

/// Splits `text` into sentences of tokens.
pub fn segment(text: &str, rules: &SegmentRules) -> Vec<Sentence> {
    let tokens = tokenize(text, rules);
    split_sentences(text, tokens, rules)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\'')
}

fn is_close(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\'')
}

/// Splits `text` into tokens (exposed for benchmarks and tests).
pub fn tokenize(text: &str, rules: &SegmentRules) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut space_before = false;
    let mut breaks = 0u32;
    let char_at = |i: usize| -> Option<char> { text[i..].chars().next() };
    while i < text.len() {
        let c = char_at(i).unwrap_or(' ');
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                breaks += 1;
            }
            space_before = true;
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if let Some(n) = c.is_alphanumeric().then(|| link_len(&text[i..])).flatten() {
            // a URL or an e-mail address is one word (UD English)
            kind = TokenKind::Word;
            i += n;
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            i = scan_word(text, i);
            // "U.S.", "U.N.", "e.g.": single letters each followed by a period.
            if i - start == c.len_utf8() && bytes.get(i) == Some(&b'.') {
                let mut j = i + 1;
                let mut letters = 1;
                loop {
                    match char_at(j) {
                        Some(l)
                            if l.is_alphabetic() && bytes.get(j + l.len_utf8()) == Some(&b'.') =>
                        {
                            let after = char_at(j + l.len_utf8() + 1);
                            if after.is_some_and(|a| a.is_alphanumeric()) {
                                break;
                            }
                            j += l.len_utf8() + 1;
                            letters += 1;
                        }
                        _ => break,
                    }
                }
                if letters > 1 || c.is_uppercase() {
                    // an acronym, or an initial ("J.")
                    i = j;
                }
            } else if bytes.get(i) == Some(&b'.') {
                let word = text[start..i].to_lowercase();
                if rules.abbreviations.contains(&word) || rules.final_abbreviations.contains(&word)
                {
                    i += 1;
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            i += 1;
            while i < text.len() {
                let b = bytes[i];
                if b.is_ascii_alphanumeric() {
                    i += 1;
                } else if (b == b'.' || b == b',')
                    && bytes.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    i += 2;
                } else {
                    break;
                }
            }
        } else if is_apostrophe(c)
            && !tokens.is_empty()
            && !space_before
            && matches!(char_at(i + clen), Some('s') | Some('S'))
            && !char_at(i + clen + 1).is_some_and(|n| n.is_alphanumeric())
        {
            // possessive 's as its own token
            kind = TokenKind::Word;
            i += clen + 1;
        } else if let Some(n) = (is_apostrophe(c) && !tokens.is_empty() && !space_before)
            .then(|| clitic_len(&text[i + clen..]))
            .flatten()
        {
            // "'re", "'ll", "'ve", "'d", "'m"
            kind = TokenKind::Word;
            i += clen + n;
        } else {
            kind = TokenKind::Punct;
            i += clen;
        }
        tokens.push(Token {
            start,
            end: i,
            kind,
            space_before,
            breaks,
        });
        space_before = false;
        breaks = 0;
    }
    tokens
}

/// The length of a URL (`https://...`, `www....`) or e-mail address at the
/// start of `rest`, without trailing punctuation; `None` if there is none.
fn link_len(rest: &str) -> Option<usize> {
    let run = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\u{201c}' | '\u{201d}'))
        .unwrap_or(rest.len());
    let word = &rest[..run];
    let lower = word.get(..8).unwrap_or(word).to_ascii_lowercase();
    let url =
        lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
    let email = word.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && host.chars().next().is_some_and(char::is_alphanumeric)
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
    });
    if !url && !email {
        return None;
    }
    let trimmed = word.trim_end_matches(|c: char| ".,;:!?)]}'\u{2019}".contains(c));
    (trimmed.len() > 4).then_some(trimmed.len())
}

/// Scans a word from `i`: letters and digits, with inner apostrophes
/// ("Kata'ib", "Sana'a") but not a possessive "'s" or "n't".
fn scan_word(text: &str, mut i: usize) -> usize {
    let it = text[i..].char_indices();
    let base = i;
    for (off, c) in it {
        if c.is_alphanumeric() {
            i = base + off + c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            let rest = &text[base + off + c.len_utf8()..];
            let mut r = rest.chars();
            let n1 = r.next();
            let n2 = r.next();
            let possessive =
                matches!(n1, Some('s') | Some('S')) && !n2.is_some_and(|x| x.is_alphanumeric());
            let negation = matches!(n1, Some('t') | Some('T'))
                && !n2.is_some_and(|x| x.is_alphanumeric())
                && text[base..base + off].to_lowercase().ends_with('n');
            if negation {
                // "hasn't" -> "has" "n't", "can't" -> "ca" "n't" (UD English)
                return if off > 1 {
                    base + off - 1
                } else {
                    base + off + c.len_utf8() + 1
                };
            }
            if n1.is_some_and(|x| x.is_alphabetic())
                && !possessive
                && !negation
                && clitic_len(rest).is_none()
            {
                i = base + off + c.len_utf8();
                continue;
            }
        }
        break;
    }
    i
}

/// The length in bytes of a contraction clitic after an apostrophe at the
/// start of `rest` ("re", "ll", "ve", "d", "m" followed by a non-letter), as
/// UD English splits them: "they're" -> "they" "'re".
fn clitic_len(rest: &str) -> Option<usize> {
    ["re", "ll", "ve", "d", "m"].iter().find_map(|c| {
        let head = rest.get(..c.len())?;
        let after = rest[c.len()..].chars().next();
        (head.eq_ignore_ascii_case(c) && !after.is_some_and(|x| x.is_alphanumeric()))
            .then_some(c.len())
    })
}

fn split_sentences(text: &str, tokens: Vec<Token>, rules: &SegmentRules) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let n = tokens.len();
    let mut idx = 0;
    while idx < n {
        let tok = tokens[idx];
        if !current.is_empty() && breaks_before(text, &current, &tok, rules) {
            push_sentence(&mut sentences, std::mem::take(&mut current));
        }
        current.push(tok);
        idx += 1;
        if ends_sentence(text, &tokens, idx - 1, rules) {
            // closing quotes and brackets stay with the sentence they close
            while idx < n
                && !tokens[idx].space_before
                && tokens[idx].kind == TokenKind::Punct
                && tokens[idx].text(text).chars().next().is_some_and(is_close)
            {
                current.push(tokens[idx]);
                idx += 1;
            }
            if idx >= n || starts_sentence(text, &tokens[idx]) {
                push_sentence(&mut sentences, std::mem::take(&mut current));
            }
        }
    }
    push_sentence(&mut sentences, current);
    sentences
}

/// The longest sentence kept whole, in tokens. Real sentences stay far
/// below it; a page of text without punctuation (a table, a list of names,
/// a 100 MB line) is cut into pieces of this size so that the per-sentence
/// work of the later stages stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 400;

fn push_sentence(out: &mut Vec<Sentence>, tokens: Vec<Token>) {
    for piece in tokens.chunks(MAX_SENTENCE_TOKENS) {
        if let (Some(first), Some(last)) = (piece.first(), piece.last()) {
            out.push(Sentence {
                start: first.start,
                end: last.end,
                tokens: piece.to_vec(),
            });
        }
    }
}

fn starts_sentence(text: &str, tok: &Token) -> bool {
    match tok.text(text).chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || is_open(c)
                || !c.is_alphabetic() && tok.kind == TokenKind::Punct
        }
        None => false,
    }
}

/// Does the token at `i` end a sentence (if the next one starts one)?
fn ends_sentence(text: &str, tokens: &[Token], i: usize, rules: &SegmentRules) -> bool {
    let t = tokens[i].text(text);
    if matches!(t, "." | "!" | "?" | "\u{2026}") {
        // "No. 2" and decimals never reach here: they are one token
        return true;
    }
    if t.len() > 1 && t.ends_with('.') {
        let stem = t[..t.len() - 1].to_lowercase();
        if rules.abbreviations.contains(&stem) {
            return false;
        }
        let is_initial = t.chars().count() == 2 && t.starts_with(|c: char| c.is_uppercase());
        if is_initial {
            return false;
        }
        // "U.S." or "Fla.": a sentence ends only if a sentence-starting word follows
        return tokens.get(i + 1).is_some_and(|next| {
            let w = next.text(text);
            w.starts_with(|c: char| c.is_uppercase())
                && rules.sentence_starters.contains(&w.to_lowercase())
        });
    }
    false
}

/// Does a line break between the sentence so far and `next` end the sentence?
fn breaks_before(text: &str, current: &[Token], next: &Token, rules: &SegmentRules) -> bool {
    if next.breaks >= 2 {
        return true;
    }
    if next.breaks == 0 {
        return false;
    }
    let last = current[current.len() - 1].text(text);
    if matches!(last, "," | "-" | "\u{2013}" | "\u{2014}" | "(" | "[" | ":")
        || rules.continuations.contains(&last.to_lowercase())
    {
        return false;
    }
    starts_sentence(text, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SegmentRules {
        let set = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        SegmentRules {
            abbreviations: set(&["gen", "mr", "no", "oct", "dr"]),
            final_abbreviations: set(&["fla"]),
            sentence_starters: set(&["the", "he", "it"]),
            continuations: set(&["the", "of", "and"]),
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        segment(text, &rules())
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        tokenize(text, &rules())
            .iter()
            .map(|t| t.text(text).to_string())
            .collect()
    }

    #[test]
    fn sentence_table() {
        let rows: &[(&str, &[&str])] = &[
            // 1: plain
            (
                "Iran rejected it. Israel did not comment.",
                &["Iran rejected it.", "Israel did not comment."],
            ),
            // 2: U.S. inside a sentence
            (
                "The U.S. military struck. It left.",
                &["The U.S. military struck.", "It left."],
            ),
            // 3: U.S. ending a sentence
            (
                "They blamed the U.S. The militia denied it.",
                &["They blamed the U.S.", "The militia denied it."],
            ),
            // 4: titles and initials
            (
                "Gen. Michael E. Kurilla spoke. Mr. Smith left.",
                &["Gen. Michael E. Kurilla spoke.", "Mr. Smith left."],
            ),
            // 5: numbers and "No. 2"
            (
                "It fell 3.5 percent to 1,000. He is No. 2 in rank.",
                &["It fell 3.5 percent to 1,000.", "He is No. 2 in rank."],
            ),
            // 6: quotes stay with their sentence
            (
                "He said “we will respond.” The group agreed.",
                &["He said “we will respond.”", "The group agreed."],
            ),
            // 7: headline on its own line, dateline
            (
                "Blinken urges Iraq\n\nBAGHDAD – The U.S. urged Iraq.",
                &["Blinken urges Iraq", "BAGHDAD – The U.S. urged Iraq."],
            ),
            // 8: hard-wrapped line continues
            (
                "a statement by the\nUnited States and\nBritain.",
                &["a statement by the\nUnited States and\nBritain."],
            ),
            // 9: month abbreviation
            ("On Oct. 7 Hamas attacked.", &["On Oct. 7 Hamas attacked."]),
            // 10: lower-case after a period does not start a sentence
            (
                "It rose 5 pct. in May. Then fell.",
                &["It rose 5 pct. in May.", "Then fell."],
            ),
            // 11: empty
            ("", &[]),
        ];
        for (i, (text, want)) in rows.iter().enumerate() {
            assert_eq!(sentences(text), *want, "row {}", i + 1);
        }
    }

    #[test]
    fn token_table() {
        let rows: &[(&str, &[&str])] = &[
            ("Iraq’s Anbar", &["Iraq", "’s", "Anbar"]),
            (
                "Iran-backed Hezbollah",
                &["Iran", "-", "backed", "Hezbollah"],
            ),
            ("Kata'ib Hizballah", &["Kata'ib", "Hizballah"]),
            ("Hamas' attack", &["Hamas", "'", "attack"]),
            ("didn't", &["did", "n't"]),
            ("Iran hasn’t", &["Iran", "has", "n’t"]),
            ("can't", &["ca", "n't"]),
            ("they're", &["they", "'re"]),
            ("we'll", &["we", "'ll"]),
            ("U.S.-Iraq", &["U.S.", "-", "Iraq"]),
            ("TAMPA, Fla. –", &["TAMPA", ",", "Fla.", "–"]),
            ("165 attacks", &["165", "attacks"]),
            (
                "see https://example.org/a?b=1, or www.un.org.",
                &[
                    "see",
                    "https://example.org/a?b=1",
                    ",",
                    "or",
                    "www.un.org",
                    ".",
                ],
            ),
            ("mail press@un.org.", &["mail", "press@un.org", "."]),
            ("1,200 fighters", &["1,200", "fighters"]),
            // an apostrophe before a multibyte letter is no clitic (CI panic)
            ("l'«x»", &["l", "'", "«", "x", "»"]),
            ("d'é", &["d'é"]),
        ];
        for (i, (text, want)) in rows.iter().enumerate() {
            assert_eq!(words(text), *want, "row {}", i + 1);
        }
    }

    #[test]
    fn endless_sentences_are_cut() {
        let text = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 5);
        let s = segment(&text, &rules());
        assert_eq!(
            s.iter().map(|x| x.tokens.len()).collect::<Vec<_>>(),
            [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 5]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Iraq’s “Anbar” – é.\nNext";
        for t in tokenize(text, &rules()) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!t.text(text).trim().is_empty());
        }
    }
}
