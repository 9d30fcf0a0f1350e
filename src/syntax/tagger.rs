//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over the
//! word, its affixes and shape, its neighbours and the two tags before it
//! (Honnibal's tagger, with UD's UPOS and Penn XPOS predicted together as one
//! class), and a dictionary of frequent words that always take one tag.

use super::perceptron::{hash_str, hs, mix, seeds, Trainer, Weights};
use rustc_hash::FxHashMap;

/// What the tagger and parser read of a word: hashes of its normalised form,
/// affixes and shape.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordFeatures {
    /// The normalised word (lower case; numbers, URLs and e-mail addresses by
    /// class).
    pub norm: u64,
    /// Suffixes of one to four letters.
    pub suffix: [u64; 4],
    /// Prefixes of one to three letters.
    pub prefix: [u64; 3],
    /// The word's shape (`Xxx`).
    pub shape: u64,
    /// The set of tags the word took in training ([`NONE`] when unknown).
    pub amb: u64,
}

/// The normalised form features use: lower case, with numbers, URLs and
/// e-mail addresses replaced by their class.
pub fn normalise(form: &str) -> String {
    let lower = form.to_lowercase();
    if lower.starts_with("http") || lower.starts_with("www.") {
        return "<url>".into();
    }
    if lower.contains('@') && lower.len() > 3 {
        return "<email>".into();
    }
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    if digits > 0
        && lower
            .chars()
            .all(|c| c.is_ascii_digit() || ",.:/-".contains(c))
    {
        return if lower.len() == 4 && digits == 4 {
            "<year>".into()
        } else {
            "<num>".into()
        };
    }
    lower
}

/// The shape of a word: `Xxx` for "Iran", `X.X.` for "U.S.", `dd` for "42";
/// runs longer than two are cut to two.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let (mut last, mut run) = ('\0', 0);
    for c in form.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

impl WordFeatures {
    /// The features of one word.
    pub fn of(form: &str) -> WordFeatures {
        let norm = normalise(form);
        // byte offsets of every character boundary
        let cuts: Vec<usize> = norm
            .char_indices()
            .map(|(i, _)| i)
            .chain([norm.len()])
            .collect();
        let n = cuts.len() - 1;
        let tail = |k: usize| &norm[cuts[n.saturating_sub(k)]..];
        let head = |k: usize| &norm[..cuts[k.min(n)]];
        WordFeatures {
            norm: hash_str(&norm),
            suffix: [1, 2, 3, 4].map(|k| mix(k as u64, hash_str(tail(k)))),
            prefix: [1, 2, 3].map(|k| mix(10 + k as u64, hash_str(head(k)))),
            shape: hash_str(&shape(form)),
            amb: NONE,
        }
    }
}

/// The hash standing for "no word here" (before the start, after the end).
pub const NONE: u64 = 0x6e6f_6e65;

/// The features of position `i` given the words and the tags before it;
/// with `ahead`, each feature's weights are fetched into the cache as soon
/// as it is known.
pub(crate) fn features(
    words: &[WordFeatures],
    i: usize,
    p1: u64,
    p2: u64,
    out: &mut Vec<u64>,
    ahead: Option<&Weights>,
) {
    out.clear();
    let mut push = |h: u64| {
        if let Some(w) = ahead {
            w.prefetch(h);
        }
        out.push(h);
    };
    let w = |k: isize| -> Option<&WordFeatures> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let norm = |k| w(k).map_or(NONE, |x| x.norm);
    let suf3 = |k| w(k).map_or(NONE, |x| x.suffix[2]);
    let shp = |k| w(k).map_or(NONE, |x| x.shape);
    let amb = |k| w(k).map_or(NONE, |x| x.amb);
    let me = &words[i];
    push(hs(TAG_SEEDS[0], []));
    push(hs(TAG_SEEDS[1], [me.norm]));
    for (k, s) in me.suffix.iter().enumerate() {
        push(hs(TAG_SEEDS[2 + k], [*s]));
    }
    for (k, s) in me.prefix.iter().enumerate() {
        push(hs(TAG_SEEDS[6 + k], [*s]));
    }
    push(hs(TAG_SEEDS[9], [me.shape]));
    push(hs(TAG_SEEDS[10], [p1]));
    push(hs(TAG_SEEDS[11], [p2]));
    push(hs(TAG_SEEDS[12], [p1, p2]));
    push(hs(TAG_SEEDS[13], [p1, me.norm]));
    push(hs(TAG_SEEDS[14], [norm(-1)]));
    push(hs(TAG_SEEDS[15], [suf3(-1)]));
    push(hs(TAG_SEEDS[16], [norm(-2)]));
    push(hs(TAG_SEEDS[17], [norm(1)]));
    push(hs(TAG_SEEDS[18], [suf3(1)]));
    push(hs(TAG_SEEDS[19], [norm(2)]));
    push(hs(TAG_SEEDS[20], [norm(-1), me.norm]));
    push(hs(TAG_SEEDS[21], [me.norm, norm(1)]));
    push(hs(TAG_SEEDS[22], [shp(1)]));
    push(hs(TAG_SEEDS[23], [shp(-1)]));
    push(hs(TAG_SEEDS[24], [(i == 0) as u64, me.shape]));
    push(hs(TAG_SEEDS[25], [p1, me.suffix[2]]));
    push(hs(TAG_SEEDS[26], [p1, norm(1)]));
    push(hs(TAG_SEEDS[27], [me.suffix[2], norm(1)]));
    push(hs(TAG_SEEDS[28], [suf3(1), suf3(2)]));
    push(hs(TAG_SEEDS[29], [me.amb]));
    push(hs(TAG_SEEDS[30], [amb(1)]));
    push(hs(TAG_SEEDS[31], [amb(2)]));
    push(hs(TAG_SEEDS[32], [me.amb, amb(1)]));
    push(hs(TAG_SEEDS[33], [p1, me.amb]));
    push(hs(TAG_SEEDS[34], [amb(-1), me.amb]));
}

/// The seeds of the tagger's feature templates.
const TAG_SEEDS: [u64; 35] = seeds(0);

/// A trained tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagger {
    /// The classes: (UPOS, XPOS).
    pub tags: Vec<(String, String)>,
    /// Frequent unambiguous words (normalised-form hash) and their class.
    pub dictionary: FxHashMap<u64, u8>,
    /// Words seen often enough (normalised-form hash) and the hash of the set
    /// of tags they took.
    pub ambiguity: FxHashMap<u64, u64>,
    /// The weights.
    pub weights: Weights,
}

/// The hash of tag class `c` as a feature value (`NONE` before the start).
pub fn tag_value(c: Option<usize>) -> u64 {
    c.map_or(0x0073_7461_7274, |c| mix(0x0074_6167, c as u64))
}

impl Tagger {
    /// The features of words (with their ambiguity classes).
    pub fn prepare<'a>(&self, forms: impl IntoIterator<Item = &'a str>) -> Vec<WordFeatures> {
        forms
            .into_iter()
            .map(|f| {
                let mut w = WordFeatures::of(f);
                w.amb = self.ambiguity.get(&w.norm).copied().unwrap_or(NONE);
                w
            })
            .collect()
    }

    /// Whether the word was seen often enough in training to have a
    /// dictionary class or an ambiguity class.
    pub fn knows(&self, word: &WordFeatures) -> bool {
        word.amb != NONE || self.dictionary.contains_key(&word.norm)
    }

    /// The class of every word (features from [`Tagger::prepare`]).
    pub fn tag(&self, words: &[WordFeatures]) -> Vec<usize> {
        self.tag_constrained(words, &|_| None)
    }

    /// The class of every word, where `fixed(i)` may name the universal part
    /// of speech word `i` must have, or its Penn tag ("VBD"): it then gets
    /// the best-scored class with that part of speech (the words after it
    /// see that class as context).
    pub fn tag_constrained(
        &self,
        words: &[WordFeatures],
        fixed: &dyn Fn(usize) -> Option<&'static str>,
    ) -> Vec<usize> {
        let mut out = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.tags.len()];
        // class `c` has the universal or Penn tag `u`
        let has = |c: usize, u: &str| self.tags[c].0 == u || self.tags[c].1 == u;
        for i in 0..words.len() {
            let only = fixed(i);
            if let Some(&c) = self.dictionary.get(&words[i].norm) {
                if only.is_none_or(|u| has(c as usize, u)) {
                    out.push(c as usize);
                    continue;
                }
            }
            let p1 = tag_value(i.checked_sub(1).map(|k| out[k]));
            let p2 = tag_value(i.checked_sub(2).map(|k| out[k]));
            features(words, i, p1, p2, &mut feats, Some(&self.weights));
            self.weights.score(&feats, &mut scores);
            let best = match only {
                Some(u) => (0..scores.len())
                    .filter(|&c| has(c, u))
                    .max_by(|&a, &b| scores[a].cmp(&scores[b]).then(b.cmp(&a))),
                None => None,
            };
            out.push(best.unwrap_or_else(|| argmax(&scores)));
        }
        out
    }
}

/// The index of the highest score (the first of equals).
pub fn argmax<T: PartialOrd>(scores: &[T]) -> usize {
    let mut best = 0;
    for (k, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = k;
        }
    }
    best
}

/// A tagged sentence for training: word features and gold classes.
pub struct Example {
    /// The words.
    pub words: Vec<WordFeatures>,
    /// Their gold classes.
    pub gold: Vec<usize>,
}

/// How often each word (normalised-form hash) took each class.
fn class_counts(examples: &[Example]) -> FxHashMap<u64, FxHashMap<usize, usize>> {
    let mut counts: FxHashMap<u64, FxHashMap<usize, usize>> = FxHashMap::default();
    for e in examples {
        for (w, &g) in e.words.iter().zip(&e.gold) {
            *counts.entry(w.norm).or_default().entry(g).or_default() += 1;
        }
    }
    counts
}

/// The dictionary of words seen at least `min_count` times with one class
/// at least `share` of the time.
pub fn dictionary(examples: &[Example], min_count: usize, share: f64) -> FxHashMap<u64, u8> {
    class_counts(examples)
        .into_iter()
        .filter_map(|(w, by)| {
            let total: usize = by.values().sum();
            let (&c, &n) = by.iter().max_by_key(|(&c, &n)| (n, std::cmp::Reverse(c)))?;
            (total >= min_count && n as f64 / total as f64 >= share).then_some((w, c as u8))
        })
        .collect()
}

/// The ambiguity class of every word seen at least `min_count` times: the
/// hash of the sorted set of classes it took at least 5% of the time.
pub fn ambiguity(examples: &[Example], min_count: usize) -> FxHashMap<u64, u64> {
    class_counts(examples)
        .into_iter()
        .filter_map(|(w, by)| {
            let total: usize = by.values().sum();
            if total < min_count {
                return None;
            }
            let mut set: Vec<usize> = by
                .into_iter()
                .filter(|&(_, n)| n * 20 >= total)
                .map(|(c, _)| c)
                .collect();
            set.sort_unstable();
            Some((w, set.iter().fold(0x0061_6d62, |h, &c| mix(h, c as u64))))
        })
        .collect()
}

/// Sets the ambiguity class of the words of `examples`.
pub fn set_ambiguity(examples: &mut [Example], amb: &FxHashMap<u64, u64>) {
    for e in examples {
        for w in &mut e.words {
            w.amb = amb.get(&w.norm).copied().unwrap_or(NONE);
        }
    }
}

/// One pass of training over `examples` in the given order.
pub fn train_epoch(
    trainer: &mut Trainer,
    dict: &FxHashMap<u64, u8>,
    examples: &[&Example],
) -> (usize, usize) {
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; trainer.classes()];
    let (mut right, mut all) = (0, 0);
    for e in examples {
        let mut prev: Vec<usize> = Vec::with_capacity(e.words.len());
        for i in 0..e.words.len() {
            let guess = if let Some(&c) = dict.get(&e.words[i].norm) {
                c as usize
            } else {
                let p1 = tag_value(i.checked_sub(1).map(|k| prev[k]));
                let p2 = tag_value(i.checked_sub(2).map(|k| prev[k]));
                features(&e.words, i, p1, p2, &mut feats, None);
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.update(e.gold[i], guess, &feats);
                trainer.tick();
                guess
            };
            right += (guess == e.gold[i]) as usize;
            all += 1;
            prev.push(guess);
        }
    }
    (right, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_normal_forms() {
        assert_eq!(shape("Iran"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2024"), "dd");
        assert_eq!(shape("al-Qaeda"), "xx-Xxx");
        assert_eq!(normalise("1,200"), "<num>");
        assert_eq!(normalise("2024"), "<year>");
        assert_eq!(normalise("https://x.org"), "<url>");
        assert_eq!(normalise("Hamas"), "hamas");
    }
}
