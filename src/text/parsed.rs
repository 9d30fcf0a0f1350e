//! An article while it goes through the pipeline: its sentences, mentions and
//! the entities they refer to.

use crate::entity::{slug, EntityKind};
use crate::lexicon::Lexicon;
use crate::text::segment::{segment, Sentence};
use rustc_hash::FxHashMap as HashMap;

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A proper name ("Hezbollah", "Antony Blinken", "Blinken").
    Name,
    /// A demonym or adjectival form ("Iraqi", "American").
    Demonym,
    /// A pronoun ("he", "its"), resolved by coreference.
    Pronoun { possessive: bool },
    /// A definite description ("the group"), resolved by coreference.
    Nominal,
    /// A plural noun for unnamed armed groups ("militias").
    Unnamed,
}

/// A stretch of a sentence that refers to an entity.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub sentence: usize,
    /// Token range `[start, end)` within the sentence.
    pub tokens: (usize, usize),
    /// The entity (index into [`ParsedArticle::entities`]); `None` until resolved.
    pub entity: Option<usize>,
    pub form: Form,
}

/// A title of office found in a sentence.
#[derive(Clone, Debug)]
pub(crate) struct TitleMention {
    pub tokens: (usize, usize),
    pub title: usize,
}

/// An entity as one article knows it.
#[derive(Clone, Debug)]
pub(crate) struct ArticleEntity {
    pub id: String,
    pub label: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// The titles this person was given in the article.
    pub titles: Vec<usize>,
    /// An unnamed group ("militias"): its label is settled after extraction.
    pub unnamed: bool,
}

/// Per-sentence indexes.
#[derive(Clone, Debug, Default)]
pub(crate) struct SentenceInfo {
    /// The sentence's tokens in lower case, one after another (one
    /// allocation a sentence, not one a token).
    lower_text: String,
    /// Where each token's lower-case text is in `lower_text`.
    lower_spans: Vec<(u32, u32)>,
    /// Token → mention index.
    pub at: Vec<Option<usize>>,
    /// Token → title index (into `titles`).
    pub title_at: Vec<Option<usize>>,
    pub titles: Vec<TitleMention>,
    /// Mentions of the sentence in token order.
    pub mentions: Vec<usize>,
    /// Tokens no mention may cover: a translation in parentheses ("(Arabic:
    /// ...)") and official designations ("Foreign Terrorist Organization").
    pub no_name: Vec<bool>,
    /// Most words capitalised: a title-case headline.
    pub headline: bool,
    /// `mentions` needs sorting (see [`ParsedArticle::sort_mentions`]).
    pub unsorted: bool,
}

impl SentenceInfo {
    /// Token `k` in lower case.
    pub(crate) fn word(&self, k: usize) -> &str {
        let (a, b) = self.lower_spans[k];
        &self.lower_text[a as usize..b as usize]
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.lower_spans.len()
    }
}

/// The tokens of a sentence that no mention may cover: each part (between
/// `;`) of a parenthesis that opens with a language and a colon ("(Urdu:
/// ...; literally Army of the Good)") or a gloss word is a translation of the
/// name before it, not another name; a designation ("Specially Designated
/// Global Terrorists") is written like a name but is none, and a ship
/// ("USS Carney") is no entity of the graph.
fn no_name(text: &str, s: &Sentence, info: &SentenceInfo, lex: &Lexicon) -> Vec<bool> {
    let n = s.tokens.len();
    let tok = |k: usize| s.tokens[k].text(text);
    let mut blocked = vec![false; n];
    let mut k = 0;
    while k < n {
        if tok(k) != "(" {
            k += 1;
            continue;
        }
        let Some(close) = (k + 1..n).find(|&j| tok(j) == ")") else {
            break;
        };
        let mut a = k + 1;
        while a < close {
            let b = (a..close).find(|&j| tok(j) == ";").unwrap_or(close);
            let language = a + 1 < b
                && tok(a + 1) == ":"
                && tok(a).chars().next().is_some_and(char::is_uppercase)
                && tok(a).chars().all(char::is_alphabetic);
            if language || lex.words.gloss_openers.contains(info.word(a)) {
                blocked[a..b].iter_mut().for_each(|x| *x = true);
            }
            a = b + 1;
        }
        k = close + 1;
    }
    for k in 0..n {
        if lex.words.vessel_prefixes.contains(tok(k)) {
            let end = (k + 1..n)
                .find(|&j| !tok(j).chars().next().is_some_and(char::is_uppercase))
                .unwrap_or(n);
            blocked[k..end].iter_mut().for_each(|x| *x = true);
        }
        for phrase in &lex.words.designations {
            let len = phrase.len();
            let hit = k + len <= n
                && phrase.iter().enumerate().all(|(j, w)| {
                    let word = info.word(k + j);
                    word == w || (j + 1 == len && word.strip_suffix('s') == Some(w))
                });
            if hit {
                blocked[k..k + len].iter_mut().for_each(|x| *x = true);
            }
        }
    }
    blocked
}

/// An article in the pipeline.
#[derive(Debug)]
pub struct ParsedArticle<'a> {
    /// The article's id.
    pub id: String,
    /// The article's text.
    pub text: &'a str,
    /// The article's date, if known.
    pub date: Option<String>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) info: Vec<SentenceInfo>,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) entities: Vec<ArticleEntity>,
    by_id: HashMap<String, usize>,
}

impl<'a> ParsedArticle<'a> {
    /// Segments `text` into sentences and tokens.
    pub fn new(
        id: impl Into<String>,
        text: &'a str,
        date: Option<String>,
        lex: &Lexicon,
    ) -> ParsedArticle<'a> {
        let sentences = segment(text, lex.segment_rules());
        let info = sentences
            .iter()
            .map(|s| {
                let mut lower_text = String::with_capacity(s.end - s.start);
                let mut lower_spans = Vec::with_capacity(s.tokens.len());
                for t in &s.tokens {
                    let from = lower_text.len() as u32;
                    for c in t.text(text).chars() {
                        lower_text.extend(c.to_lowercase());
                    }
                    lower_spans.push((from, lower_text.len() as u32));
                }
                let mut info = SentenceInfo {
                    at: vec![None; s.tokens.len()],
                    title_at: vec![None; s.tokens.len()],
                    headline: is_headline(text, s),
                    lower_text,
                    lower_spans,
                    ..SentenceInfo::default()
                };
                info.no_name = no_name(text, s, &info, lex);
                info
            })
            .collect();
        ParsedArticle {
            id: id.into(),
            text,
            date,
            sentences,
            info,
            mentions: Vec::new(),
            entities: Vec::new(),
            by_id: HashMap::default(),
        }
    }

    /// Text of token `t` of sentence `s`.
    pub(crate) fn tok(&self, s: usize, t: usize) -> &'a str {
        self.sentences[s].tokens[t].text(self.text)
    }

    /// Text covered by tokens `[a, b)` of sentence `s`.
    pub(crate) fn span_text(&self, s: usize, a: usize, b: usize) -> &'a str {
        let toks = &self.sentences[s].tokens;
        &self.text[toks[a].start..toks[b - 1].end]
    }

    /// Byte span of tokens `[a, b)` of sentence `s`.
    pub(crate) fn byte_span(&self, s: usize, a: usize, b: usize) -> (usize, usize) {
        let toks = &self.sentences[s].tokens;
        (toks[a].start, toks[b - 1].end)
    }

    /// The entity with `id`, created with `label` and `kind` if new. A name
    /// already used for another kind gets a kind suffix: one name with two
    /// kinds is never one node.
    pub(crate) fn intern(&mut self, id: &str, label: &str, kind: EntityKind) -> usize {
        let mut key = id.to_string();
        if let Some(&i) = self.by_id.get(&key) {
            if self.entities[i].kind == kind {
                return i;
            }
            key = format!("{id}-{}", kind.as_str());
            if let Some(&j) = self.by_id.get(&key) {
                return j;
            }
        }
        let i = self.entities.len();
        self.by_id.insert(key.clone(), i);
        self.entities.push(ArticleEntity {
            id: key,
            label: label.to_string(),
            kind,
            aliases: Vec::new(),
            titles: Vec::new(),
            unnamed: false,
        });
        i
    }

    /// The entity whose id is `id`, if the article has it.
    pub(crate) fn entity_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// An entity for a name found in the text.
    pub(crate) fn intern_name(&mut self, label: &str, kind: EntityKind) -> usize {
        self.intern(&slug(label), label, kind)
    }

    /// Adds a mention, unless it overlaps one already there.
    pub(crate) fn add_mention(&mut self, m: Mention) -> Option<usize> {
        let info = &self.info[m.sentence];
        if (m.tokens.0..m.tokens.1).any(|t| info.at[t].is_some() || info.no_name[t]) {
            return None;
        }
        let idx = self.mentions.len();
        let info = &mut self.info[m.sentence];
        for t in m.tokens.0..m.tokens.1 {
            info.at[t] = Some(idx);
        }
        // appending keeps the list sorted in the usual left-to-right case;
        // otherwise it is re-sorted once, by `sort_mentions`, not per insert
        let in_order = info
            .mentions
            .last()
            .is_none_or(|&o| self.mentions[o].tokens.0 < m.tokens.0);
        info.mentions.push(idx);
        info.unsorted |= !in_order;
        self.mentions.push(m);
        Some(idx)
    }

    /// Removes the mentions that overlap tokens `[a, b)` of sentence `s`,
    /// whole, so that a longer name can take their place.
    pub(crate) fn remove_mentions(&mut self, s: usize, a: usize, b: usize) {
        let info = &mut self.info[s];
        let gone: Vec<usize> = (a..b).filter_map(|t| info.at[t]).collect();
        for &m in &gone {
            let (x, y) = self.mentions[m].tokens;
            for t in x..y {
                info.at[t] = None;
            }
            self.mentions[m].entity = None;
        }
        info.mentions.retain(|m| !gone.contains(m));
    }

    /// Puts the mentions of sentence `s` back in token order after a pass
    /// that added some out of order.
    pub(crate) fn sort_mentions(&mut self, s: usize) {
        let info = &mut self.info[s];
        if info.unsorted {
            let mentions = &self.mentions;
            info.mentions.sort_by_key(|&m| mentions[m].tokens.0);
            info.unsorted = false;
        }
    }

    /// The entity a mention refers to, if resolved.
    pub(crate) fn entity_of(&self, mention: usize) -> Option<usize> {
        self.mentions[mention].entity
    }

    /// Number of tokens in sentence `s`.
    pub(crate) fn len(&self, s: usize) -> usize {
        self.sentences[s].tokens.len()
    }
}

/// A title-case headline: no closing punctuation, and most words of four
/// letters or more are capitalised.
fn is_headline(text: &str, s: &Sentence) -> bool {
    let closed = s
        .tokens
        .last()
        .is_some_and(|t| matches!(t.text(text), "." | "!" | "?" | "\"" | "\u{201d}"));
    if closed {
        return false;
    }
    let mut long = 0;
    let mut caps = 0;
    for t in &s.tokens {
        let w = t.text(text);
        if w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) {
            long += 1;
            if w.starts_with(char::is_uppercase) {
                caps += 1;
            }
        }
    }
    long >= 4 && caps * 10 >= long * 7
}
