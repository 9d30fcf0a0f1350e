//! The syntax model: tagger, parser and lemma exceptions in one binary file,
//! `data/models/syntax.bin`, built into the program.
//!
//! The file starts with a plain-text header saying how it was made (read it
//! with `head -c 2000 data/models/syntax.bin`), then the binary parts:
//!
//! ```text
//! "NEWSGRAPH-SYNTAX 1\n"  u32 header length, header (UTF-8)
//! tags:        u32 n, n x (string upos, string xpos)
//! dictionary:  u32 n, n x (u64 word hash, u8 tag)
//! ambiguity:   u32 n, n x (u64 word hash, u64 tag-set hash)
//! labels:      u32 n, n x string; u32 index of "root"
//! lemmas:      u32 n, n x (string form, string xpos, string lemma)
//! weights:     tagger, parser moves, parser labels (see perceptron.rs)
//! ```
//!
//! Strings are a u32 length and UTF-8 bytes; numbers are little-endian.

use super::lemma::Lemmatizer;
use super::parser::{Parser, Token};
use super::perceptron::{write_string, Reader, Weights};
use super::tagger::Tagger;
use super::{ParsedSentence, Word};
use std::sync::OnceLock;

const MAGIC: &[u8] = b"NEWSGRAPH-SYNTAX 1\n";

/// The model built into the program (empty until the first training run).
static EMBEDDED: &[u8] = include_bytes!("../../data/models/syntax.bin");

/// A part-of-speech tagger, dependency parser and lemmatiser.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// How the model was made.
    pub header: String,
    /// The part-of-speech tagger.
    pub tagger: Tagger,
    /// The dependency parser.
    pub parser: Parser,
    /// The lemmatiser.
    pub lemmas: Lemmatizer,
}

impl Model {
    /// The model built into the program, loaded once; the environment
    /// variable `NEWSGRAPH_SYNTAX_MODEL` names another model file to use
    /// instead (one `newsgraph-train-syntax` wrote).
    pub fn builtin() -> Result<&'static Model, String> {
        static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                if let Some(path) = std::env::var_os("NEWSGRAPH_SYNTAX_MODEL") {
                    let p = std::path::Path::new(&path);
                    let bytes = std::fs::read(p)
                        .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                    return Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", p.display()));
                }
                if EMBEDDED.is_empty() {
                    return Err(
                        "this build has no syntax model: run scripts/train-models.sh".into(),
                    );
                }
                Model::from_bytes(EMBEDDED)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Tags, lemmatises and parses the words of `sentence` in place (their
    /// forms are read; everything else is predicted).
    pub fn annotate(&self, sentence: &mut ParsedSentence) {
        self.annotate_with(sentence, &|_, _| None)
    }

    /// Like [`Model::annotate`], but `fixed(word, known)` may name the
    /// universal part of speech a word must have (a domain lexicon's
    /// constraint, as spaCy's attribute ruler gives one; `known`: the tagger
    /// saw the word often enough in training to trust its own choice): when
    /// the tagger's choice has another universal tag, the word gets the
    /// best-scored tag with the named one, and the words after it and the
    /// parser see that tag.
    pub fn annotate_with(
        &self,
        sentence: &mut ParsedSentence,
        fixed: &dyn Fn(&Word, bool) -> Option<&'static str>,
    ) {
        if sentence.words.is_empty() {
            return;
        }
        let feats = self
            .tagger
            .prepare(sentence.words.iter().map(|w| w.form.as_str()));
        let words = &sentence.words;
        let tags = self
            .tagger
            .tag_constrained(&feats, &|i| fixed(&words[i], self.tagger.knows(&feats[i])));
        let toks: Vec<Token> = feats
            .iter()
            .zip(&tags)
            .map(|(f, &t)| Token::new(f, t, &self.tagger.tags[t].0))
            .collect();
        let (heads, labels) = self.parser.parse(&toks);
        for (i, w) in sentence.words.iter_mut().enumerate() {
            let (upos, xpos) = &self.tagger.tags[tags[i]];
            w.upos.clone_from(upos);
            w.xpos.clone_from(xpos);
            w.lemma = self.lemmas.lemma(&w.form, upos, xpos);
            w.head = heads[i] as u32;
            w.deprel.clone_from(&self.parser.labels[labels[i]]);
        }
    }

    /// Words of `forms` (with spans), annotated.
    pub fn parse_words<'a>(
        &self,
        words: impl IntoIterator<Item = (&'a str, Option<(usize, usize)>)>,
    ) -> ParsedSentence {
        let mut s = ParsedSentence {
            words: words
                .into_iter()
                .map(|(form, span)| Word {
                    form: form.to_string(),
                    span,
                    misc: "_".into(),
                    ..Word::default()
                })
                .collect(),
            ..ParsedSentence::default()
        };
        self.annotate(&mut s);
        s
    }

    /// The words of a gold sentence annotated by the model, with the gold
    /// sentence's id and document (what `--eval` compares with the gold).
    pub fn parse_gold(&self, gold: &ParsedSentence) -> ParsedSentence {
        let mut s = self.parse_words(gold.words.iter().map(|w| (w.form.as_str(), None)));
        s.id.clone_from(&gold.id);
        s.newdoc.clone_from(&gold.newdoc);
        s
    }

    /// The model in its file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        write_string(&mut out, &self.header);
        out.extend_from_slice(&(self.tagger.tags.len() as u32).to_le_bytes());
        for (u, x) in &self.tagger.tags {
            write_string(&mut out, u);
            write_string(&mut out, x);
        }
        let mut dict: Vec<(u64, u8)> = self
            .tagger
            .dictionary
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect();
        dict.sort_unstable();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (k, v) in dict {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        let mut amb: Vec<(u64, u64)> = self
            .tagger
            .ambiguity
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect();
        amb.sort_unstable();
        out.extend_from_slice(&(amb.len() as u32).to_le_bytes());
        for (k, v) in amb {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(self.parser.labels.len() as u32).to_le_bytes());
        for l in &self.parser.labels {
            write_string(&mut out, l);
        }
        out.extend_from_slice(&(self.parser.root as u32).to_le_bytes());
        let mut lemmas: Vec<(&(String, String), &String)> = self.lemmas.exceptions.iter().collect();
        lemmas.sort();
        out.extend_from_slice(&(lemmas.len() as u32).to_le_bytes());
        for ((form, xpos), lemma) in lemmas {
            write_string(&mut out, form);
            write_string(&mut out, xpos);
            write_string(&mut out, lemma);
        }
        self.tagger.weights.write(&mut out);
        self.parser.moves.write(&mut out);
        self.parser.labeller.write(&mut out);
        out
    }

    /// Reads a model in its file format.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a newsgraph syntax model (bad magic)")?;
        let mut r = Reader(body);
        let header = r.string()?;
        let n = r.u32()? as usize;
        let mut tags = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            tags.push((r.string()?, r.string()?));
        }
        let n = r.u32()? as usize;
        let mut dictionary =
            rustc_hash::FxHashMap::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.take(1)?[0];
            if v as usize >= tags.len() {
                return Err("a dictionary tag is out of range".into());
            }
            dictionary.insert(k, v);
        }
        let n = r.u32()? as usize;
        let mut ambiguity =
            rustc_hash::FxHashMap::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            ambiguity.insert(k, r.u64()?);
        }
        let n = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            labels.push(r.string()?);
        }
        let root = r.u32()? as usize;
        if root >= labels.len() {
            return Err("the root label is out of range".into());
        }
        let n = r.u32()? as usize;
        let mut exceptions =
            rustc_hash::FxHashMap::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let (form, xpos, lemma) = (r.string()?, r.string()?, r.string()?);
            exceptions.insert((form, xpos), lemma);
        }
        let (tw, rest) = Weights::read(r.0)?;
        let (mw, rest) = Weights::read(rest)?;
        let (lw, rest) = Weights::read(rest)?;
        if !rest.is_empty() {
            return Err("bytes after the last part of the model".into());
        }
        if tw.classes() != tags.len() || mw.classes() != 4 || lw.classes() != labels.len() {
            return Err("the weights do not match the tag and label tables".into());
        }
        Ok(Model {
            header,
            tagger: Tagger {
                tags,
                dictionary,
                ambiguity,
                weights: tw,
            },
            parser: Parser {
                labels,
                root,
                moves: mw,
                labeller: lw,
            },
            lemmas: Lemmatizer { exceptions },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any words at all get one tree: one root, every head in range, no
        /// cycle, a known label and tag on every word.
        #[test]
        fn every_sentence_is_one_tree(words in proptest::collection::vec("[A-Za-z0-9.,'\"()-]{1,12}", 1..40)) {
            let model = Model::builtin().expect("the built-in model");
            let s = model.parse_words(words.iter().map(|w| (w.as_str(), None)));
            let n = s.words.len() as u32;
            prop_assert_eq!(s.words.iter().filter(|w| w.head == 0).count(), 1);
            for (i, w) in s.words.iter().enumerate() {
                prop_assert!(w.head <= n && w.head != i as u32 + 1);
                prop_assert!(!w.deprel.is_empty() && !w.upos.is_empty() && !w.xpos.is_empty());
                let (mut at, mut steps) = (i as u32 + 1, 0);
                while at != 0 {
                    at = s.words[at as usize - 1].head;
                    steps += 1;
                    prop_assert!(steps <= n, "cycle through word {}", i + 1);
                }
            }
            prop_assert_eq!(s.words.iter().filter(|w| w.deprel == "root").count(), 1);
        }
    }

    /// A fixed part of speech holds for a word the tagger never saw, and the
    /// parse follows it; a word the tagger knows keeps the tagger's choice.
    #[test]
    fn fixed_parts_of_speech_bind_unknown_words_only() {
        let model = Model::builtin().expect("the built-in model");
        let mut s = ParsedSentence {
            words: ["Zorbian", "airstrikes", "hit", "the", "town", "."]
                .iter()
                .map(|f| Word {
                    form: f.to_string(),
                    ..Word::default()
                })
                .collect(),
            ..ParsedSentence::default()
        };
        let fixed = |w: &Word, known: bool| match w.form.as_str() {
            "airstrikes" => Some("NOUN"),
            "the" if !known => Some("VERB"),
            _ => None,
        };
        model.annotate_with(&mut s, &fixed);
        let w = &s.words;
        assert_eq!(w[1].upos, "NOUN");
        assert_eq!(w[1].deprel, "nsubj");
        assert_eq!((w[2].deprel.as_str(), w[1].head), ("root", 3));
        assert_eq!(w[3].upos, "DET", "a known word keeps its tag");
    }

    #[test]
    fn a_model_round_trips_and_bad_files_are_errors() {
        let m = Model::builtin().expect("the built-in model");
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).as_ref(), Ok(m));
        assert!(Model::from_bytes(b"not a model").is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
