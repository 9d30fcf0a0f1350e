//! Names nobody listed: a BILOU name tagger (averaged perceptron) that finds
//! person, place and organization names in a tagged sentence.
//!
//! Features: the word, its shape and affixes, its neighbours, the part of
//! speech the syntax model gives them, the two previous predicted tags, and
//! whether the word belongs to a name of that kind in the lexicon (a feature,
//! not a match). Trained by `newsgraph-train-names` on the named mentions of
//! GUM (`../shared/ud/gum_names.py` defines them; [`gold`] is the same
//! definition), weights in `data/models/names.bin` (CC BY 4.0 data: see
//! `data/models/README.md`).
//!
//! Tried and not kept (2026-12-05, means over training seeds, GUM dev /
//! test F1; one seed's model moves test by ±0.02, so single runs decide
//! nothing): a fourth kind learnt from the names of GUM's other entity
//! types (works, languages, events: CoNLL's MISC), never output, 0.699 /
//! 0.631 against 0.693 / 0.636; a feature per word form of what the tagger
//! predicted for it earlier in the document (Ratinov and Roth's prediction
//! history, trained on its own predictions, documents in order), 0.741 /
//! 0.633 against 0.699 / 0.641 with documents in order alone (10 seeds):
//! dev rises, test does not. The code is in the history of branch
//! `ner-misc`.

use crate::entity::EntityKind;
use crate::lexicon::Lexicon;
use crate::syntax::perceptron::{feature, hash_str, mix, write_string, Reader, Trainer, Weights};
use crate::syntax::tagger::{normalise, WordFeatures, NONE};
use crate::syntax::ParsedSentence;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// The kinds of names the tagger finds.
pub const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
];

/// GUM's entity types that give names, in the order of [`KINDS`].
const GUM_KINDS: [&str; 3] = ["person", "place", "organization"];

/// Words that may join the parts of a name ("Bank of America").
const JOIN: [&str; 6] = ["of", "for", "and", "&", "de", "the"];

/// A name: words `[start, end)` and its kind.
pub type Span = (usize, usize, EntityKind);

const MAGIC: &[u8] = b"NEWSGRAPH-NAMES 1\n";
static EMBEDDED: &[u8] = include_bytes!("../../data/models/names.bin");

/// Classes: 0 is outside; then B, I, L, U for each kind.
const CLASSES: usize = 1 + 4 * KINDS.len();
const B: usize = 0;
const I: usize = 1;
const L: usize = 2;
const U: usize = 3;

fn class(part: usize, kind: usize) -> usize {
    1 + kind * 4 + part
}

fn part_kind(c: usize) -> Option<(usize, usize)> {
    (c > 0).then(|| ((c - 1) % 4, (c - 1) / 4))
}

/// The named mentions of a GUM sentence, as `gum_names.py` defines them:
/// in each person, place or organization mention (MISC `Entity=`), the run
/// of proper-name words around the mention's head (or around a proper-name
/// apposition of a common-noun head), crossing of/for/and/&/de/the when a
/// proper-name word follows.
pub fn gold(s: &ParsedSentence) -> Vec<Span> {
    let proper = |k: usize| {
        let w = &s.words[k];
        w.upos == "PROPN" || w.xpos == "NNP" || w.xpos == "NNPS"
    };
    let mut out: Vec<Span> = Vec::new();
    for (st, en, kind) in mentions(s) {
        let Some(kind) = GUM_KINDS.iter().position(|k| *k == kind) else {
            continue;
        };
        let head_in = |k: usize| {
            let h = s.words[k].head as usize;
            st < h && h <= en
        };
        let Some(mut h) = (st..en).find(|&k| !head_in(k)) else {
            continue;
        };
        if !proper(h) {
            match (st..en).find(|&k| {
                s.words[k].head as usize == h + 1 && s.words[k].deprel == "appos" && proper(k)
            }) {
                Some(a) => h = a,
                None => continue,
            }
        }
        let mut a = h;
        while a > st && proper(a - 1) {
            a -= 1;
        }
        let mut b = h + 1;
        while b < en {
            if proper(b) {
                b += 1;
                continue;
            }
            let mut k = b;
            while k < en && JOIN.contains(&s.words[k].form.to_lowercase().as_str()) {
                k += 1;
            }
            if k > b && k < en && proper(k) {
                b = k;
                continue;
            }
            break;
        }
        let span = (a, b, KINDS[kind]);
        if !out.contains(&span) {
            out.push(span);
        }
    }
    out.sort_by_key(|&(a, b, k)| (a, b, k as u8));
    out
}

/// Every entity mention of a GUM sentence: (start, end, type).
fn mentions(s: &ParsedSentence) -> Vec<(usize, usize, String)> {
    let mut opened: HashMap<String, Vec<(usize, String)>> = HashMap::default();
    let mut spans = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        let Some(v) = w.misc.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else {
            continue;
        };
        let b = v.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                // "(12-person-..." possibly closed by ")" before the next "("
                let start = k + 1;
                let mut e = start;
                while e < b.len() && b[e] != b'(' && b[e] != b')' {
                    e += 1;
                }
                let body = &v[start..e];
                let mut parts = body.splitn(3, '-');
                let id = parts.next().unwrap_or("").to_string();
                let kind = parts.next().unwrap_or("").to_string();
                let ok = !id.is_empty()
                    && id.bytes().all(|c| c.is_ascii_digit())
                    && !kind.is_empty()
                    && kind.bytes().all(|c| c.is_ascii_lowercase());
                if e < b.len() && b[e] == b')' {
                    if ok {
                        spans.push((i, i + 1, kind));
                    }
                    k = e + 1;
                } else {
                    if ok {
                        opened.entry(id).or_default().push((i, kind));
                    }
                    k = e;
                }
            } else if b[k].is_ascii_digit() {
                let start = k;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                if k < b.len() && b[k] == b')' {
                    if let Some((st, kind)) = opened.get_mut(&v[start..k]).and_then(Vec::pop) {
                        spans.push((st, i + 1, kind));
                    }
                    k += 1;
                }
            } else {
                k += 1;
            }
        }
    }
    spans
}

/// What the tagger reads of each word.
#[derive(Clone, Copy, Debug)]
struct Word {
    norm: u64,
    shape: u64,
    suffix: u64,
    prefix: u64,
    upos: u64,
    xpos: u64,
    gazetteer: u64,
    cap: bool,
}

fn words(s: &ParsedSentence, lex: &Lexicon) -> Vec<Word> {
    let gaz = gazetteer(lex);
    s.words
        .iter()
        .map(|w| {
            let f = WordFeatures::of(&w.form);
            Word {
                norm: f.norm,
                shape: f.shape,
                suffix: f.suffix[2],
                prefix: f.prefix[2],
                upos: hash_str(&w.upos),
                xpos: mix(7, hash_str(&w.xpos)),
                gazetteer: gaz.get(&f.norm).copied().unwrap_or(NONE),
                cap: w.form.chars().next().is_some_and(char::is_uppercase),
            }
        })
        .collect()
}

/// The words of the lexicon's names (by the hash of their normal form), each
/// with the hash of the kinds whose names hold it.
fn gazetteer(lex: &Lexicon) -> &HashMap<u64, u64> {
    lex.name_words.get_or_init(|| {
        let mut kinds: HashMap<u64, Vec<u8>> = HashMap::default();
        for e in &lex.entities {
            for w in e.name.split(|c: char| c.is_whitespace() || c == '-') {
                let w = normalise(w);
                if w.chars().count() < 2 {
                    continue;
                }
                let v = kinds.entry(hash_str(&w)).or_default();
                if !v.contains(&(e.kind as u8)) {
                    v.push(e.kind as u8);
                }
            }
        }
        kinds
            .into_iter()
            .map(|(w, mut ks)| {
                ks.sort_unstable();
                (w, ks.iter().fold(0x0067_617a, |h, &k| mix(h, u64::from(k))))
            })
            .collect()
    })
}

/// Every spelling of every entity of the lexicon, by the hash of its letters
/// and digits in lower case ("U.S." and "US" alike), with the kind of the
/// first entity it names.
fn full_names(lex: &Lexicon) -> &HashMap<u64, EntityKind> {
    lex.full_names.get_or_init(|| {
        let mut out: HashMap<u64, EntityKind> = HashMap::default();
        for p in &lex.patterns {
            if let crate::lexicon::Target::Entity(e) = p.target {
                let key = letters_and_digits(&p.text);
                if !key.is_empty() {
                    out.entry(hash_str(&key)).or_insert(lex.entities[e].kind);
                }
            }
        }
        out
    })
}

/// A text's letters and digits, lower case: the key of [`full_names`].
fn letters_and_digits(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The kind of the lexicon entry that the words spell (each word's letters
/// and digits in lower case), if any.
fn listed(folded: &[String], lex: &Lexicon) -> Option<EntityKind> {
    let key: String = folded.concat();
    if key.is_empty() {
        return None;
    }
    full_names(lex).get(&hash_str(&key)).copied()
}

/// The kind of name an entity kind is: a state or place is a place, a
/// militia an organization.
fn name_kind(kind: EntityKind) -> EntityKind {
    match kind {
        EntityKind::State | EntityKind::Place => EntityKind::Place,
        EntityKind::Militia | EntityKind::Organization => EntityKind::Organization,
        EntityKind::Person => EntityKind::Person,
    }
}

fn tag_value(c: Option<usize>) -> u64 {
    c.map_or(0x0073_7461_7274, |c| mix(0x006e_6572, c as u64))
}

fn features(ws: &[Word], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> Option<&Word> {
        let j = i as isize + k;
        (j >= 0).then(|| ws.get(j as usize)).flatten()
    };
    let norm = |k| at(k).map_or(NONE, |w| w.norm);
    let shp = |k| at(k).map_or(NONE, |w| w.shape);
    let upos = |k| at(k).map_or(NONE, |w| w.upos);
    let gaz = |k| at(k).map_or(NONE, |w| w.gazetteer);
    let w = &ws[i];
    let f: [&[u64]; 30] = [
        &[],
        &[w.norm],
        &[w.shape],
        &[w.suffix],
        &[w.prefix],
        &[w.upos],
        &[w.xpos],
        &[w.upos, w.shape],
        &[w.gazetteer],
        &[w.gazetteer, w.upos],
        &[p1],
        &[p1, p2],
        &[p1, w.upos],
        &[p1, w.shape],
        &[p1, w.norm],
        &[norm(-1)],
        &[norm(1)],
        &[norm(-2)],
        &[norm(2)],
        &[shp(-1), w.shape],
        &[w.shape, shp(1)],
        &[upos(-1), w.upos, upos(1)],
        &[upos(-1), w.upos],
        &[w.upos, upos(1)],
        &[gaz(-1)],
        &[gaz(1)],
        &[norm(-1), w.norm],
        &[w.norm, norm(1)],
        &[u64::from(i == 0), u64::from(w.cap)],
        &[p1, norm(1)],
    ];
    for (t, vals) in f.iter().enumerate() {
        out.push(feature(500 + t as u64, vals));
    }
}

/// Whether class `c` may follow class `prev` in BILOU.
fn allowed(prev: usize, c: usize) -> bool {
    let open = part_kind(prev).filter(|&(p, _)| p == B || p == I);
    match (open, part_kind(c)) {
        (Some((_, k)), Some((p, k2))) => (p == I || p == L) && k == k2,
        (Some(_), None) => false,
        (None, Some((p, _))) => p == B || p == U,
        (None, None) => true,
    }
}

/// The spans of a class sequence.
fn spans(classes: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in classes.iter().enumerate() {
        match part_kind(c) {
            Some((U, k)) => out.push((i, i + 1, KINDS[k])),
            Some((B, _)) => start = Some(i),
            Some((L, k)) => {
                if let Some(a) = start.take() {
                    out.push((a, i + 1, KINDS[k]));
                }
            }
            Some(_) => {}
            None => start = None,
        }
    }
    out
}

/// BILOU classes of gold spans over `n` words.
fn classes_of(n: usize, spans: &[Span]) -> Vec<usize> {
    let mut out = vec![0; n];
    for &(a, b, kind) in spans {
        let k = KINDS.iter().position(|x| *x == kind).expect("a name kind");
        if out[a..b].iter().any(|&c| c != 0) {
            continue; // nested or overlapping: the first wins
        }
        if b == a + 1 {
            out[a] = class(U, k);
        } else {
            out[a] = class(B, k);
            for c in &mut out[a + 1..b - 1] {
                *c = class(I, k);
            }
            out[b - 1] = class(L, k);
        }
    }
    out
}

/// `found` with the names the lexicon lists inside them ("Copenhagen" in
/// "University of Copenhagen"): the longest listed name from each
/// capitalised word of a name, shorter than the whole name.
fn nest(s: &ParsedSentence, mut found: Vec<Span>, lex: &Lexicon) -> Vec<Span> {
    let folded: Vec<String> = s
        .words
        .iter()
        .map(|w| letters_and_digits(&w.form))
        .collect();
    let capital = |i: usize| s.words[i].form.starts_with(char::is_uppercase);
    for (a, b, _) in found.clone() {
        let mut i = a;
        while i < b {
            let hit = capital(i)
                .then(|| {
                    (i + 1..=b)
                        .rev()
                        .filter(|&e| (i, e) != (a, b))
                        .find_map(|e| listed(&folded[i..e], lex).map(|k| (e, k)))
                })
                .flatten();
            match hit {
                Some((e, k)) => {
                    found.push((i, e, name_kind(k)));
                    i = e;
                }
                None => i += 1,
            }
        }
    }
    found.sort_by_key(|&(a, b, k)| (a, b, k as u8));
    found.dedup();
    found
}

/// Makes the kinds of the names of one document agree, as a reader takes
/// them (a name written the same way means the same thing throughout the
/// document): a name takes another kind when the document gives its spelling
/// that kind more often ("Dvořák" a person in four sentences and a place in
/// one: a person); the last word of a person's name of several words votes
/// for a person ("Dvořák" after "Antonín Dvořák"). On GUM this moves F1 from
/// 0.703 to 0.707 (dev) and 0.633 to 0.639 (test). Names are not added:
/// tagging again the spellings the tagger found elsewhere found the missed
/// names but repeated its false ones as often (GUM test 0.634 -> 0.616).
pub fn agree(doc: &[ParsedSentence], names: &mut [Vec<Span>]) {
    let text = |s: usize, a: usize, b: usize| -> Vec<&str> {
        doc[s].words[a..b].iter().map(|w| w.form.as_str()).collect()
    };
    let index = |kind: EntityKind| KINDS.iter().position(|x| *x == kind);
    // votes per spelling, by kind in the order of KINDS
    let mut votes: HashMap<Vec<&str>, [u32; KINDS.len()]> = HashMap::default();
    for (s, found) in names.iter().enumerate() {
        for &(a, b, kind) in found {
            let Some(k) = index(kind) else { continue };
            votes.entry(text(s, a, b)).or_default()[k] += 1;
            let last = &doc[s].words[b - 1].form;
            if kind == EntityKind::Person && b - a >= 2 && last.starts_with(char::is_uppercase) {
                votes.entry(vec![last.as_str()]).or_default()[k] += 1;
            }
        }
    }
    for (s, found) in names.iter_mut().enumerate() {
        for span in found.iter_mut() {
            let Some(v) = votes.get(&text(s, span.0, span.1)) else {
                continue;
            };
            let mine = index(span.2).map_or(0, |k| v[k]);
            // another kind only when it has strictly more votes
            if let Some(best) = (0..KINDS.len())
                .filter(|&k| v[k] > mine)
                .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
            {
                span.2 = KINDS[best];
            }
        }
    }
}

/// The trained name tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct NameTagger {
    /// How it was made.
    pub header: String,
    /// The weights.
    pub weights: Weights,
}

impl NameTagger {
    /// The tagger built into the program, loaded once; the environment
    /// variable `NEWSGRAPH_NAMES_MODEL` names another model file to use
    /// instead (one `newsgraph-train-names` wrote).
    pub fn builtin() -> Result<&'static NameTagger, String> {
        static MODEL: OnceLock<Result<NameTagger, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                if let Some(path) = std::env::var_os("NEWSGRAPH_NAMES_MODEL") {
                    let p = std::path::Path::new(&path);
                    let bytes = std::fs::read(p)
                        .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                    return NameTagger::from_bytes(&bytes)
                        .map_err(|e| format!("{}: {e}", p.display()));
                }
                if EMBEDDED.is_empty() {
                    return Err("this build has no name model: run scripts/train-models.sh".into());
                }
                NameTagger::from_bytes(EMBEDDED)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The names of a tagged sentence (its words need UPOS and XPOS).
    pub fn names(&self, s: &ParsedSentence, lex: &Lexicon) -> Vec<Span> {
        let ws = words(s, lex);
        let mut out: Vec<usize> = Vec::with_capacity(ws.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0i32; CLASSES];
        for i in 0..ws.len() {
            let p1 = tag_value(i.checked_sub(1).map(|k| out[k]));
            let p2 = tag_value(i.checked_sub(2).map(|k| out[k]));
            features(&ws, i, p1, p2, &mut feats);
            self.weights.score(&feats, &mut scores);
            let prev = i.checked_sub(1).map_or(0, |k| out[k]);
            let last = i + 1 == ws.len();
            let best = (0..CLASSES)
                .filter(|&c| allowed(prev, c))
                .filter(|&c| {
                    // a name open at the end of the sentence must close
                    !last || !matches!(part_kind(c), Some((B, _)) | Some((I, _)))
                })
                .max_by_key(|&c| (scores[c], std::cmp::Reverse(c)))
                .unwrap_or(0);
            out.push(best);
        }
        spans(&out)
    }

    /// The names of the sentences of one document (a text, or a CoNLL-U
    /// file's `# newdoc`), made to agree ([`agree`]), with the names the
    /// lexicon lists nested in them ("Copenhagen" in "University of
    /// Copenhagen"), as `newsgraph ner` prints them.
    pub fn document_names(&self, doc: &[ParsedSentence], lex: &Lexicon) -> Vec<Vec<Span>> {
        let mut names: Vec<Vec<Span>> = doc.iter().map(|s| self.names(s, lex)).collect();
        agree(doc, &mut names);
        doc.iter()
            .zip(names)
            .map(|(s, found)| nest(s, found, lex))
            .collect()
    }

    /// The tagger in its file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        write_string(&mut out, &self.header);
        self.weights.write(&mut out);
        out
    }

    /// Reads a tagger in its file format.
    pub fn from_bytes(bytes: &[u8]) -> Result<NameTagger, String> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a newsgraph name model (bad magic)")?;
        let mut r = Reader(body);
        let header = r.string()?;
        let (weights, rest) = Weights::read(r.0)?;
        if !rest.is_empty() || weights.classes() != CLASSES {
            return Err("the name model does not have the expected shape".into());
        }
        Ok(NameTagger { header, weights })
    }
}

/// The names the tagger finds among `forms` (one sentence's words), tagged
/// with the built-in syntax model's tagger; nothing when a model is missing.
pub fn find(forms: &[&str], lex: &Lexicon) -> Vec<Span> {
    let (Ok(model), Ok(tagger)) = (crate::syntax::Model::builtin(), NameTagger::builtin()) else {
        return Vec::new();
    };
    let feats = model.tagger.prepare(forms.iter().copied());
    let tags = model.tagger.tag(&feats);
    let s = ParsedSentence {
        words: forms
            .iter()
            .zip(&tags)
            .map(|(f, &t)| crate::syntax::Word {
                form: f.to_string(),
                upos: model.tagger.tags[t].0.clone(),
                xpos: model.tagger.tags[t].1.clone(),
                ..crate::syntax::Word::default()
            })
            .collect(),
        ..ParsedSentence::default()
    };
    tagger.names(&s, lex)
}

/// Whether a name of one word is, in lower case, a word the syntax model saw
/// often in its training text and always (95 %) with one part of speech that
/// is not a proper noun ("Hope", "Tell", "Name"): that part of speech.
/// Acronyms ("LeT" too) are matched case-sensitively, names of several words
/// are phrases, and a word also seen as a proper noun ("Turkey") is a name
/// often enough: none of them is a trap.
pub fn common_word(name: &str) -> Option<String> {
    let mut letters = name.chars();
    if name.split_whitespace().count() != 1
        || !letters.next().is_some_and(char::is_uppercase)
        || !letters.all(|c| c.is_lowercase())
    {
        return None;
    }
    let tagger = &crate::syntax::Model::builtin().ok()?.tagger;
    let lower = name.to_lowercase();
    let mut seen = None;
    for frame in [
        ["the", &lower, "."],
        ["and", &lower, "."],
        ["to", &lower, "."],
    ] {
        let words = tagger.prepare(frame);
        if !tagger.knows(&words[1]) {
            return None;
        }
        let (upos, _) = &tagger.tags[tagger.tag(&words)[1]];
        if upos == "PROPN" {
            return None;
        }
        seen.get_or_insert_with(|| upos.to_lowercase());
    }
    seen
}

/// Typed exact-span precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Gold names.
    pub names: usize,
    /// Share of predicted names that are right.
    pub precision: f64,
    /// Share of gold names found.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

/// Scores predicted spans against gold spans, sentence by sentence.
pub fn score(gold: &[Vec<Span>], pred: &[Vec<Span>]) -> Scores {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (g, p) in gold.iter().zip(pred) {
        ng += g.len();
        np += p.len();
        tp += p.iter().filter(|x| g.contains(x)).count();
    }
    let precision = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let recall = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        names: ng,
        precision,
        recall,
        f1,
    }
}

/// What a sentence's predicted names get wrong: `('-', gold, None)` for a
/// missed name, `('+', predicted, None)` for a false one, and
/// `('~', predicted, Some(gold kind))` for the right words with the wrong
/// kind.
pub fn errors(gold: &[Span], pred: &[Span]) -> Vec<(char, Span, Option<EntityKind>)> {
    let mut out = Vec::new();
    for &g in gold {
        if pred.contains(&g) {
            continue;
        }
        match pred.iter().find(|p| (p.0, p.1) == (g.0, g.1)) {
            Some(&p) => out.push(('~', p, Some(g.2))),
            None => out.push(('-', g, None)),
        }
    }
    for &p in pred {
        if !gold.iter().any(|g| (g.0, g.1) == (p.0, p.1)) {
            out.push(('+', p, None));
        }
    }
    out
}

/// Trains a tagger on tagged sentences with gold names; the number of
/// passes (at most `passes`) is the one that scores best on `dev`.
pub fn train(
    train: &[(ParsedSentence, Vec<Span>)],
    dev: &[(ParsedSentence, Vec<Span>)],
    lex: &Lexicon,
    passes: usize,
    seed: u64,
    log: &mut Vec<String>,
) -> (NameTagger, Scores) {
    let examples: Vec<(Vec<Word>, Vec<usize>)> = train
        .iter()
        .map(|(s, g)| (words(s, lex), classes_of(s.words.len(), g)))
        .collect();
    let mut trainer = Trainer::new(CLASSES);
    let mut rng = crate::syntax::perceptron::Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut best: Option<(NameTagger, Scores)> = None;
    let mut feats = Vec::with_capacity(32);
    let mut scores = [0f32; CLASSES];
    for pass in 1..=passes {
        rng.shuffle(&mut order);
        for &k in &order {
            let (ws, gold) = &examples[k];
            let mut prev: Vec<usize> = Vec::with_capacity(ws.len());
            for (i, &truth) in gold.iter().enumerate() {
                let p1 = tag_value(i.checked_sub(1).map(|k| prev[k]));
                let p2 = tag_value(i.checked_sub(2).map(|k| prev[k]));
                features(ws, i, p1, p2, &mut feats);
                trainer.score(&feats, &mut scores);
                let guess = crate::syntax::tagger::argmax(&scores);
                trainer.update(truth, guess, &feats);
                trainer.tick();
                prev.push(guess);
            }
        }
        let t = NameTagger {
            header: String::new(),
            weights: trainer.average(0.0),
        };
        let pred: Vec<Vec<Span>> = dev.iter().map(|(s, _)| t.names(s, lex)).collect();
        let gold: Vec<Vec<Span>> = dev.iter().map(|(_, g)| g.clone()).collect();
        let sc = score(&gold, &pred);
        log.push(format!(
            "names pass {pass}: dev P {:.4} R {:.4} F1 {:.4}",
            sc.precision, sc.recall, sc.f1
        ));
        if best.as_ref().is_none_or(|b| sc.f1 > b.1.f1) {
            best = Some((t, sc));
        }
    }
    best.expect("at least one pass")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Word as W;

    fn sent(rows: &[(&str, &str, &str, u32, &str, &str)]) -> ParsedSentence {
        ParsedSentence {
            words: rows
                .iter()
                .map(|&(form, upos, xpos, head, deprel, misc)| W {
                    form: form.into(),
                    upos: upos.into(),
                    xpos: xpos.into(),
                    head,
                    deprel: deprel.into(),
                    misc: misc.into(),
                    ..W::default()
                })
                .collect(),
            ..ParsedSentence::default()
        }
    }

    #[test]
    fn gold_names_follow_gum_names_py() {
        // "the critic Eduard Hanslick of Vienna met the Bank of America"
        let s = sent(&[
            (
                "the",
                "DET",
                "DT",
                2,
                "det",
                "Entity=(1-person-giv:act-cf1-4-sgl",
            ),
            ("critic", "NOUN", "NN", 5, "nsubj", "_"),
            ("Eduard", "PROPN", "NNP", 2, "appos", "_"),
            ("Hanslick", "PROPN", "NNP", 3, "flat", "Entity=1)"),
            ("met", "VERB", "VBD", 0, "root", "_"),
            (
                "the",
                "DET",
                "DT",
                7,
                "det",
                "Entity=(2-organization-new-cf2-1-sgl",
            ),
            ("Bank", "PROPN", "NNP", 5, "obj", "_"),
            ("of", "ADP", "IN", 9, "case", "_"),
            (
                "America",
                "PROPN",
                "NNP",
                7,
                "nmod",
                "Entity=(3-place-new-cf3-1-sgl)2)",
            ),
        ]);
        assert_eq!(
            gold(&s),
            [
                (2, 4, EntityKind::Person),
                (6, 9, EntityKind::Organization),
                (8, 9, EntityKind::Place)
            ]
        );
    }

    #[test]
    fn bilou_round_trip_and_constraints() {
        let spans_in = [(0, 1, EntityKind::Place), (2, 5, EntityKind::Person)];
        let c = classes_of(6, &spans_in);
        assert_eq!(spans(&c), spans_in);
        assert!(!allowed(class(B, 0), 0));
        assert!(allowed(class(B, 0), class(L, 0)));
        assert!(!allowed(class(B, 0), class(L, 1)));
        assert!(!allowed(0, class(I, 2)));
    }

    #[test]
    fn errors_tell_missed_false_and_mistyped_names() {
        let g = [(0, 2, EntityKind::Person), (3, 4, EntityKind::Place)];
        let p = [(3, 4, EntityKind::Organization), (5, 6, EntityKind::Place)];
        assert_eq!(
            errors(&g, &p),
            [
                ('-', (0, 2, EntityKind::Person), None),
                (
                    '~',
                    (3, 4, EntityKind::Organization),
                    Some(EntityKind::Place)
                ),
                ('+', (5, 6, EntityKind::Place), None),
            ]
        );
    }

    #[test]
    fn a_name_that_is_a_common_word_is_a_trap() {
        assert_eq!(common_word("Hope").as_deref(), Some("noun"));
        assert!(common_word("Tell").is_some());
        assert!(common_word("Name").is_some());
        for name in [
            "Iran",
            "Hezbollah",
            "ECOWAS",
            "LeT",
            "Free Syrian Army",
            "al-Qaeda",
        ] {
            assert_eq!(common_word(name), None, "{name}");
        }
    }

    #[test]
    fn names_agree_within_a_document() {
        let doc: Vec<ParsedSentence> = [
            "Antonin Dvorak wrote in Prague .",
            "Dvorak left Prague .",
            "In 1891 Dvorak taught there .",
            "Prague loved Dvorak .",
        ]
        .iter()
        .map(|t| ParsedSentence {
            words: t
                .split(' ')
                .map(|f| crate::syntax::Word {
                    form: f.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..ParsedSentence::default()
        })
        .collect();
        use EntityKind::{Person, Place};
        let mut names = vec![
            vec![(0, 2, Person), (4, 5, Place)],
            vec![(0, 1, Place), (2, 3, Place)],
            vec![(2, 3, Person)],
            vec![(0, 1, Person), (2, 3, Person)],
        ];
        agree(&doc, &mut names);
        assert_eq!(
            names,
            [
                vec![(0, 2, Person), (4, 5, Place)],
                // Dvorak: person twice, and the surname of a person; place once
                vec![(0, 1, Person), (2, 3, Place)],
                vec![(2, 3, Person)],
                // Prague: place twice, person once
                vec![(0, 1, Place), (2, 3, Person)],
            ]
        );
        // a tie keeps the tagger's kind
        let mut tie = vec![vec![], vec![(0, 1, Place)], vec![(2, 3, Person)], vec![]];
        agree(&doc, &mut tie);
        assert_eq!(tie[1], [(0, 1, Place)]);
    }

    #[test]
    fn scores() {
        let g = vec![vec![(0, 2, EntityKind::Person), (3, 4, EntityKind::Place)]];
        let p = vec![vec![
            (0, 2, EntityKind::Person),
            (3, 4, EntityKind::Organization),
        ]];
        let s = score(&g, &p);
        assert_eq!((s.names, s.precision, s.recall), (2, 0.5, 0.5));
    }
}
