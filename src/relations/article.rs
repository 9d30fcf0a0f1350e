//! The relations of an analysed article, read from the parse of each sentence
//! that may hold one.

use super::{read_in_context, Anchor, Candidate, Construction, PriorEvent, TitleAnchor};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::syntax::{ParsedSentence, Word};

/// Parses a sentence in place: fills lemma, part of speech, head and label of
/// words whose forms and spans are given.
pub type ParseFn<'p> = dyn Fn(&mut ParsedSentence) + Sync + 'p;

/// One sentence read: its parse, its anchors and every candidate.
#[derive(Clone, Debug)]
pub struct SentenceReading {
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// The parse (words are the article's tokens, one for one).
    pub parse: ParsedSentence,
    /// The mentions, as words.
    pub anchors: Vec<Anchor>,
    /// Every candidate, kept or dropped.
    pub candidates: Vec<Candidate>,
}

/// Whether sentence `s` may state a relation the parse can read: two
/// entities and a trigger word. Only those are parsed.
/// With `prior` events, one entity is enough ("the strikes on Y").
pub(crate) fn worth_parsing(doc: &Document, lex: &Lexicon, s: usize, prior: bool) -> bool {
    let info = &doc.info[s];
    let mut first = None;
    let two = info.mentions.iter().any(|&m| match doc.entity_of(m) {
        Some(e) => *first.get_or_insert(e) != e,
        None => false,
    });
    (two || (prior && first.is_some()))
        && (0..info.len()).any(|k| {
            let w = info.word(k);
            lex.verbs.contains_key(w)
                || lex.nouns.contains_key(w)
                || lex.compounds.contains_key(w)
                || lex.prefixes.contains_key(w)
                || lex.adjectives.contains_key(w)
        })
}

/// Reads sentence `s` of `doc`: its tokens become the parse's words, its
/// resolved mentions the anchors.
pub(crate) fn read(
    doc: &Document,
    lex: &Lexicon,
    s: usize,
    parse: &ParseFn,
    prior: &[PriorEvent],
) -> SentenceReading {
    let sent = &doc.sentences[s];
    let mut ps = ParsedSentence {
        id: None,
        text: Some(sent.text(doc.text).to_string()),
        words: sent
            .tokens
            .iter()
            .map(|t| Word {
                form: t.text(doc.text).to_string(),
                span: Some((t.start, t.end)),
                ..Word::default()
            })
            .collect(),
    };
    parse(&mut ps);
    let anchors: Vec<Anchor> = doc.info[s]
        .mentions
        .iter()
        .filter_map(|&m| {
            let e = doc.entity_of(m)?;
            Some(Anchor {
                words: doc.mentions[m].tokens,
                entity: e,
                kind: doc.entities[e].kind,
            })
        })
        .collect();
    let titles: Vec<TitleAnchor> = doc.info[s]
        .titles
        .iter()
        .map(|t| TitleAnchor {
            words: t.tokens,
            title: t.title,
        })
        .collect();
    let candidates = read_in_context(&ps, &anchors, &titles, prior, lex);
    SentenceReading {
        sentence: s,
        parse: ps,
        anchors,
        candidates,
    }
}

/// How many sentences back an event noun ("the attacks") may find its
/// perpetrator.
pub(crate) const ANAPHOR_WINDOW: usize = 3;

/// The events of a sentence's kept candidates that a later "the attacks"
/// may refer to.
pub(crate) fn events(reading: &SentenceReading, doc: &Document) -> Vec<PriorEvent> {
    reading
        .candidates
        .iter()
        .filter(|c| {
            c.dropped.is_none()
                && matches!(
                    c.construction,
                    Construction::Active
                        | Construction::Passive
                        | Construction::Nominal
                        | Construction::LightVerb
                        | Construction::Anaphor
                )
        })
        .map(|c| PriorEvent {
            relation: c.relation,
            source: c.source,
            kind: doc.entities[c.source].kind,
        })
        .collect()
}

/// A relation read from a sentence, before it joins the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub source: usize,
    pub relation: usize,
    pub target: usize,
    pub sentence: usize,
    /// Token range of the words that state it.
    pub tokens: (usize, usize),
    /// The frame that read it ("passive", "nominal", ...) and its mode
    /// ("stated", "reported").
    pub how: Option<(&'static str, &'static str)>,
}
