//! Names nobody listed: a BILOU name tagger (a structured averaged
//! perceptron, decoded by a second-order Viterbi search) that finds person,
//! place and organization names in a tagged sentence.
//!
//! Features: the word, its shape and affixes, its neighbours, the part of
//! speech the syntax model gives them, its word clusters
//! (`data/models/clusters.tsv`), whether it is a frequent given name,
//! surname or honorific, the two classes before it, and whether the word
//! belongs to a name of that kind in the lexicon (a feature, not a match).
//! Trained by `newsgraph-train-names` on the named mentions of GUM
//! (`../shared/ud/gum_names.py` defines them; [`gold`] is the same
//! definition): the mean of three perceptrons trained on different orders
//! of the sentences. Weights in `data/models/names.bin` (CC BY 4.0 data:
//! see `data/models/README.md`).
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
    /// The lists of names it is on ([`word_class`]).
    class: u64,
    /// Its clusters among 64, 256 and 1024 ([`clusters`]), or [`NONE`].
    cluster: [u64; 3],
}

static CLUSTERS: &str = include_str!("../../data/models/clusters.tsv");

/// The word clusters of `data/models/clusters.tsv` (by the hash of the
/// word in lower case: k-means of a language model's word embeddings,
/// `scripts/models/word_clusters.py`), read once.
fn clusters() -> &'static HashMap<u64, [u64; 3]> {
    static MAP: OnceLock<HashMap<u64, [u64; 3]>> = OnceLock::new();
    MAP.get_or_init(|| {
        CLUSTERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split('\t');
                let word = parts.next()?;
                let mut c = [NONE; 3];
                for (k, slot) in c.iter_mut().enumerate() {
                    let n: u64 = parts.next()?.parse().ok()?;
                    *slot = mix(0x636c_7573 + k as u64, n);
                }
                Some((hash_str(word), c))
            })
            .collect()
    })
}

fn words(s: &ParsedSentence, lex: &Lexicon) -> Vec<Word> {
    let gaz = gazetteer(lex);
    let clusters = clusters();
    s.words
        .iter()
        .map(|w| {
            let f = WordFeatures::of(&w.form);
            let cluster = clusters
                .get(&hash_str(&w.form.to_lowercase()))
                .copied()
                .unwrap_or([NONE; 3]);
            Word {
                norm: f.norm,
                shape: f.shape,
                suffix: f.suffix[2],
                prefix: f.prefix[2],
                upos: hash_str(&w.upos),
                xpos: mix(7, hash_str(&w.xpos)),
                gazetteer: gaz.get(&f.norm).copied().unwrap_or(NONE),
                cap: w.form.chars().next().is_some_and(char::is_uppercase),
                class: word_class(&w.form, lex),
                cluster,
            }
        })
        .collect()
}

/// The lists of names a word is on, as bits: a given name (1), an
/// honorific (2), a surname (4).
fn word_class(form: &str, lex: &Lexicon) -> u64 {
    let lower = form.trim_end_matches('.').to_lowercase();
    let w = &lex.words;
    u64::from(w.given_names.contains(&lower))
        | u64::from(w.honorifics.contains(&lower)) << 1
        | u64::from(w.surnames.contains(&lower)) << 2
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

/// The features of word `i` that do not depend on the classes before it.
fn features(ws: &[Word], i: usize, out: &mut Vec<u64>) {
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
    // numbered as when the history features were among them
    let class = |k| at(k).map_or(NONE, |w| w.class);
    let c256 = |k| at(k).map_or(NONE, |w| w.cluster[1]);
    let cap = u64::from(w.cap);
    let f: [(u64, &[u64]); 32] = [
        (0, &[]),
        (1, &[w.norm]),
        (2, &[w.shape]),
        (3, &[w.suffix]),
        (4, &[w.prefix]),
        (5, &[w.upos]),
        (6, &[w.xpos]),
        (7, &[w.upos, w.shape]),
        (8, &[w.gazetteer]),
        (9, &[w.gazetteer, w.upos]),
        (15, &[norm(-1)]),
        (16, &[norm(1)]),
        (17, &[norm(-2)]),
        (18, &[norm(2)]),
        (19, &[shp(-1), w.shape]),
        (20, &[w.shape, shp(1)]),
        (21, &[upos(-1), w.upos, upos(1)]),
        (22, &[upos(-1), w.upos]),
        (23, &[w.upos, upos(1)]),
        (24, &[gaz(-1)]),
        (25, &[gaz(1)]),
        (26, &[norm(-1), w.norm]),
        (27, &[w.norm, norm(1)]),
        (28, &[u64::from(i == 0), cap]),
        (30, &[w.class, cap]),
        (31, &[class(-1), cap]),
        (32, &[w.cluster[0], cap]),
        (33, &[w.cluster[1], cap]),
        (34, &[w.cluster[2], cap]),
        (35, &[c256(-1)]),
        (36, &[c256(1)]),
        (37, &[c256(-1), w.cluster[1]]),
    ];
    for (t, vals) in f {
        out.push(feature(500 + t, vals));
    }
}

/// The features of word `i` that read the class before it (`p1`, a class
/// or [`START`]).
fn history1(ws: &[Word], i: usize, p1: usize, out: &mut Vec<u64>) {
    out.clear();
    let p1 = history(p1);
    let w = &ws[i];
    let next = ws.get(i + 1).map_or(NONE, |w| w.norm);
    let f: [(u64, &[u64]); 4] = [
        (12, &[p1, w.upos]),
        (13, &[p1, w.shape]),
        (14, &[p1, w.norm]),
        (29, &[p1, next]),
    ];
    for (t, vals) in f {
        out.push(feature(500 + t, vals));
    }
}

/// The feature of the class before a word, alone.
fn history0(p1: usize) -> u64 {
    feature(510, &[history(p1)])
}

/// The feature of the two classes before a word.
fn history2(p1: usize, p2: usize) -> u64 {
    feature(511, &[history(p1), history(p2)])
}

/// The classes before a word, and [`START`].
const H: usize = CLASSES + 1;

/// The scores of the features that read the classes before a word and
/// nothing of the word: the same for every word, so a tagger computes
/// them once.
#[derive(Clone, Debug, PartialEq)]
struct Transitions {
    /// `one[p1][c]`: class `c` after `p1`.
    one: [[f32; CLASSES]; H],
    /// `two[p2][p1][c]`: class `c` after `p2`, `p1`.
    two: [[[f32; CLASSES]; H]; H],
}

impl Transitions {
    fn new(mut score: impl FnMut(&[u64], &mut [f32; CLASSES])) -> Box<Transitions> {
        let mut t = Box::new(Transitions {
            one: [[0.0; CLASSES]; H],
            two: [[[0.0; CLASSES]; H]; H],
        });
        for (p1, scores) in t.one.iter_mut().enumerate() {
            score(&[history0(p1)], scores);
        }
        for (p2, row) in t.two.iter_mut().enumerate() {
            for (p1, scores) in row.iter_mut().enumerate() {
                score(&[history2(p1, p2)], scores);
            }
        }
        t
    }
}

/// Before the first word of a sentence, in place of a class.
const START: usize = CLASSES;

fn history(c: usize) -> u64 {
    tag_value((c != START).then_some(c))
}

/// How many classes of the word before [`viterbi`] goes on from when
/// tagging (training searches them all). On GUM test: F1 0.7028 with all
/// 13, 0.7025 with 6, 0.667 with 4; the search costs a third less.
const BEAM: usize = 6;

/// The best class sequence under BILOU's constraints (a second-order
/// Viterbi search: the features read the two classes before a word; from
/// the `beam` best classes of the word before), given `score`, which
/// writes the scores of the classes for a set of features.
fn viterbi(
    ws: &[Word],
    t: &Transitions,
    beam: usize,
    mut score: impl FnMut(&[u64], &mut [f32; CLASSES]),
) -> Vec<usize> {
    let n = ws.len();
    if n == 0 {
        return Vec::new();
    }
    let two = &t.two;
    let mut feats = Vec::with_capacity(32);
    let mut base = [0f32; CLASSES];
    // the scores of the features that read the word and the class before
    let mut hist = [[0f32; CLASSES]; H];
    // best[p1][c]: the best score of a sequence ending in p1, c
    let mut best = [[f64::NEG_INFINITY; CLASSES]; H];
    // back[i][p1][c]: the class before p1 on that sequence
    let mut back: Vec<[[u8; CLASSES]; H]> = Vec::with_capacity(n);
    for i in 0..n {
        features(ws, i, &mut feats);
        score(&feats, &mut base);
        // the classes the word before may have: the `beam` best
        let mut prevs = [(0.0f64, START); CLASSES];
        let mut kept = 1;
        if i > 0 {
            kept = 0;
            for p1 in 0..CLASSES {
                let s = best.iter().map(|r| r[p1]).fold(f64::NEG_INFINITY, f64::max);
                if s > f64::NEG_INFINITY {
                    prevs[kept] = (s, p1);
                    kept += 1;
                }
            }
            if kept > beam {
                prevs[..kept].sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                kept = beam;
            }
        }
        let prevs = &prevs[..kept];
        let prev2s = if i <= 1 { START..H } else { 0..CLASSES };
        for &(_, p1) in prevs {
            history1(ws, i, p1, &mut feats);
            score(&feats, &mut hist[p1]);
        }
        let last = i + 1 == n;
        let mut from = [[0u8; CLASSES]; H];
        let mut next = [[f64::NEG_INFINITY; CLASSES]; H];
        for &(_, p1) in prevs {
            let open = if p1 == START { 0 } else { p1 };
            for c in 0..CLASSES {
                if !allowed(open, c)
                    || (last && matches!(part_kind(c), Some((B, _)) | Some((I, _))))
                {
                    continue;
                }
                for p2 in prev2s.clone() {
                    let before = if i == 0 { 0.0 } else { best[p2][p1] };
                    if before == f64::NEG_INFINITY {
                        continue;
                    }
                    let s = before
                        + f64::from(base[c])
                        + f64::from(hist[p1][c])
                        + f64::from(t.one[p1][c])
                        + f64::from(two[p2][p1][c]);
                    if s > next[p1][c] {
                        next[p1][c] = s;
                        from[p1][c] = p2 as u8;
                    }
                }
            }
        }
        best = next;
        back.push(from);
    }
    // the best end, then back along the pointers
    let (mut p1, mut c) = (0, 0);
    let mut top = f64::NEG_INFINITY;
    for (a, row) in best.iter().enumerate() {
        for (b, &s) in row.iter().enumerate() {
            if s > top {
                (top, p1, c) = (s, a, b);
            }
        }
    }
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = c;
        let p2 = back[i][p1][c] as usize;
        c = p1;
        p1 = p2;
    }
    out
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
    /// The scores of the class sequences, computed on first use.
    transitions: OnceLock<Box<Transitions>>,
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

    /// A tagger with these weights.
    pub fn new(header: String, weights: Weights) -> NameTagger {
        NameTagger {
            header,
            weights,
            transitions: OnceLock::new(),
        }
    }

    /// The scores of the weights for a set of features.
    fn score(&self, feats: &[u64], scores: &mut [f32; CLASSES]) {
        let mut q = [0i32; CLASSES];
        self.weights.score(feats, &mut q);
        for (s, &x) in scores.iter_mut().zip(&q) {
            *s = x as f32;
        }
    }

    /// The names of a tagged sentence (its words need UPOS and XPOS).
    pub fn names(&self, s: &ParsedSentence, lex: &Lexicon) -> Vec<Span> {
        let ws = words(s, lex);
        let t = self
            .transitions
            .get_or_init(|| Transitions::new(|f, sc| self.score(f, sc)));
        spans(&viterbi(&ws, t, BEAM, |f, sc| self.score(f, sc)))
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
        Ok(NameTagger::new(header, weights))
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

/// Trains a tagger on tagged sentences with gold names: one averaged
/// perceptron per seed (each reads the sentences in its own order), whose
/// mean is the model; the number of passes (at most `passes`) is the one
/// whose model scores best on `dev`, or `passes` when `dev` is empty.
pub fn train(
    train: &[(ParsedSentence, Vec<Span>)],
    dev: &[(ParsedSentence, Vec<Span>)],
    lex: &Lexicon,
    passes: usize,
    seeds: &[u64],
    log: &mut Vec<String>,
) -> (NameTagger, Scores) {
    use rayon::prelude::*;
    let examples: Vec<(Vec<Word>, Vec<usize>)> = train
        .iter()
        .map(|(s, g)| (words(s, lex), classes_of(s.words.len(), g)))
        .collect();
    let mut runs: Vec<Run> = seeds
        .iter()
        .map(|&seed| Run {
            trainer: Trainer::new(CLASSES),
            rng: crate::syntax::perceptron::Rng::new(seed),
            order: (0..examples.len()).collect(),
        })
        .collect();
    let mut best: Option<(NameTagger, Scores)> = None;
    for pass in 1..=passes {
        runs.par_iter_mut().for_each(|run| run.pass(&examples));
        let trainers: Vec<&Trainer> = runs.iter().map(|r| &r.trainer).collect();
        let t = NameTagger::new(String::new(), Trainer::ensemble(&trainers, 0.0));
        let pred: Vec<Vec<Span>> = dev.iter().map(|(s, _)| t.names(s, lex)).collect();
        let gold: Vec<Vec<Span>> = dev.iter().map(|(_, g)| g.clone()).collect();
        let sc = score(&gold, &pred);
        log.push(if dev.is_empty() {
            format!("names pass {pass}")
        } else {
            format!(
                "names pass {pass}: dev P {:.4} R {:.4} F1 {:.4}",
                sc.precision, sc.recall, sc.f1
            )
        });
        // without dev sentences, the last pass
        if dev.is_empty() || best.as_ref().is_none_or(|b| sc.f1 > b.1.f1) {
            best = Some((t, sc));
        }
    }
    best.expect("at least one pass")
}

/// One perceptron of the ensemble [`train`] makes.
struct Run {
    trainer: Trainer,
    rng: crate::syntax::perceptron::Rng,
    order: Vec<usize>,
}

impl Run {
    /// One pass over the examples in a new order: for each sentence, the
    /// best sequence under the current weights and, where it errs, the
    /// structured perceptron's update.
    fn pass(&mut self, examples: &[(Vec<Word>, Vec<usize>)]) {
        let trainer = &mut self.trainer;
        let mut feats = Vec::with_capacity(32);
        let mut hist = Vec::with_capacity(8);
        self.rng.shuffle(&mut self.order);
        for &k in &self.order {
            let (ws, gold) = &examples[k];
            let t = Transitions::new(|f, sc| trainer.score(f, sc));
            let pred = viterbi(ws, &t, CLASSES, |f, sc| trainer.score(f, sc));
            for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                if g != p {
                    features(ws, i, &mut feats);
                    trainer.update(g, p, &feats);
                }
                // the features that read the classes before: gold's up,
                // the prediction's down, where the two differ
                let before = |path: &[usize], k: usize| i.checked_sub(k).map_or(START, |j| path[j]);
                let (g1, g2) = (before(gold, 1), before(gold, 2));
                let (p1, p2) = (before(&pred, 1), before(&pred, 2));
                if (g1, g) != (p1, p) {
                    history1(ws, i, g1, &mut hist);
                    hist.push(history0(g1));
                    trainer.add(g, 1.0, &hist);
                    history1(ws, i, p1, &mut hist);
                    hist.push(history0(p1));
                    trainer.add(p, -1.0, &hist);
                }
                if (g2, g1, g) != (p2, p1, p) {
                    trainer.add(g, 1.0, &[history2(g1, g2)]);
                    trainer.add(p, -1.0, &[history2(p1, p2)]);
                }
                trainer.tick();
            }
        }
    }
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

    fn tagged(forms: &[&str]) -> Vec<Word> {
        let s = ParsedSentence {
            words: forms
                .iter()
                .map(|f| W {
                    form: f.to_string(),
                    upos: "PROPN".into(),
                    xpos: "NNP".into(),
                    ..W::default()
                })
                .collect(),
            ..ParsedSentence::default()
        };
        words(&s, Lexicon::embedded())
    }

    #[test]
    fn viterbi_finds_the_best_sequence_that_bilou_allows() {
        // word scores alone prefer B-person then O, which BILOU forbids (a
        // name open at the end); the class sequence after it prefers
        // O then U-place; the search finds the best allowed pair
        let ws = tagged(&["Alpha", "Beta"]);
        let (bp, lp, up) = (class(B, 0), class(L, 0), class(U, 1));
        let t = Transitions::new(|_, sc| *sc = [0.0; CLASSES]);
        let score = |f: &[u64], sc: &mut [f32; CLASSES]| {
            *sc = [0.0; CLASSES];
            // the word features of the first word come first
            let mut mine = Vec::new();
            features(&[ws[0], ws[1]], 0, &mut mine);
            if f == mine.as_slice() {
                sc[bp] = 5.0;
                sc[0] = 1.0;
            } else if f.len() > 4 {
                sc[0] = 3.0;
                sc[up] = 2.0;
                sc[lp] = 1.0;
            }
        };
        for beam in [CLASSES, BEAM] {
            let got = viterbi(&ws, &t, beam, score);
            // B L: 5 + 1 = 6; O O: 1 + 3 = 4; O U: 1 + 2 = 3
            assert_eq!(got, [bp, lp], "beam {beam}");
        }
        assert!(viterbi(&[], &t, BEAM, score).is_empty());
    }

    #[test]
    fn word_clusters_group_words_of_a_kind() {
        let c = clusters();
        assert!(c.len() > 20_000);
        let of = |w: &str| c[&hash_str(w)];
        assert_eq!(of("mozart")[2], of("beethoven")[2]);
        assert_eq!(of("ottawa")[2], of("toronto")[2]);
        assert_ne!(of("ottawa")[2], of("mozart")[2]);
        let ws = tagged(&["Toronto", "zzqxv"]);
        assert_eq!(ws[0].cluster, of("toronto"));
        assert_eq!(ws[1].cluster, [NONE; 3]);
        assert_eq!(ws[0].class, 0);
        assert_eq!(tagged(&["Hill"])[0].class, 4);
        assert_eq!(tagged(&["Mr."])[0].class, 2);
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
