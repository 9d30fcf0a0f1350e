//! Syntax: Universal Dependencies words with part of speech, lemma and a
//! dependency tree, read from CoNLL-U or predicted by the trained tagger and
//! parser.
//!
//! The types here are what the later stages (mentions, relations) read: a
//! [`ParsedSentence`] is a list of [`Word`]s whose `head` points at another
//! word of the same sentence (1-based, 0 for the root), as in CoNLL-U.

pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

pub use model::Model;

/// One syntactic word of a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub form: String,
    /// Its lemma (`_` when unknown).
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `PROPN`, ...; `_` when unknown).
    pub upos: String,
    /// Penn Treebank part of speech (`NNP`, `VBD`, ...; `_` when unknown).
    pub xpos: String,
    /// The head word: 1-based index into the sentence's words, 0 for the root.
    pub head: u32,
    /// The dependency relation to the head, with its subtype (`nsubj:pass`).
    pub deprel: String,
    /// Byte range `[start, end)` of the word in the article's text, when the
    /// word comes from text (not from a CoNLL-U file without `TokenRange`).
    pub span: Option<(usize, usize)>,
    /// The CoNLL-U MISC column as read (`_` when empty).
    pub misc: String,
}

impl Word {
    /// The universal part of the relation label (`nsubj` for `nsubj:pass`).
    pub fn universal_deprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// A sentence's words and, when known, its id and text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedSentence {
    /// `# newdoc id`: the sentence opens this document.
    pub newdoc: Option<String>,
    /// `# sent_id`, when known.
    pub id: Option<String>,
    /// `# text`, when known.
    pub text: Option<String>,
    /// The words, in order.
    pub words: Vec<Word>,
}

impl ParsedSentence {
    /// The indices (0-based) of the dependents of word `i` (0-based), in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let head = i as u32 + 1;
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == head)
            .map(|(k, _)| k)
    }

    /// The head (0-based) of word `i` (0-based); `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.words[i].head {
            0 => None,
            h => Some(h as usize - 1),
        }
    }
}

/// Splits `text` into sentences and words (UD English tokenisation: clitics
/// split, abbreviations kept, byte offsets on every word) and tags, lemmatises
/// and parses each sentence with `model`. Sentences are numbered from 1 in
/// `id`; the result is the same for any number of threads.
pub fn parse_text(
    text: &str,
    rules: &crate::text::segment::SegmentRules,
    model: &Model,
) -> Vec<ParsedSentence> {
    use rayon::prelude::*;
    let sentences = crate::text::segment::segment(text, rules);
    sentences
        .par_iter()
        .enumerate()
        .map(|(k, s)| {
            let mut p = model.parse_words(
                s.tokens
                    .iter()
                    .map(|t| (t.text(text), Some((t.start, t.end)))),
            );
            for (w, next) in p.words.iter_mut().zip(s.tokens.iter().skip(1)) {
                if !next.space_before {
                    w.misc = "SpaceAfter=No".into();
                }
            }
            p.id = Some((k + 1).to_string());
            p.text = Some(s.text(text).to_string());
            p
        })
        .collect()
}

/// A sentence as one JSON object: `id`, `text` and `words` (each with `id`,
/// `form`, `lemma`, `upos`, `xpos`, `head`, `deprel` and, from text, `start`
/// and `end` byte offsets).
pub fn to_json(s: &ParsedSentence) -> serde_json::Value {
    let words: Vec<serde_json::Value> = s
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut o = serde_json::json!({
                "id": i + 1,
                "form": w.form,
                "lemma": w.lemma,
                "upos": w.upos,
                "xpos": w.xpos,
                "head": w.head,
                "deprel": w.deprel,
            });
            if let Some((a, b)) = w.span {
                o["start"] = a.into();
                o["end"] = b.into();
            }
            o
        })
        .collect();
    serde_json::json!({ "id": s.id, "text": s.text, "words": words })
}
