//! Syntax: Universal Dependencies words with part of speech, lemma and a
//! dependency tree, read from CoNLL-U or predicted by the trained tagger and
//! parser.
//!
//! The types here are what the later stages (mentions, relations) read: a
//! [`ParsedSentence`] is a list of [`Word`]s whose `head` points at another
//! word of the same sentence (1-based, 0 for the root), as in CoNLL-U.

pub mod conllu;

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
