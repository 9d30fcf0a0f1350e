//! The averaged perceptron (Collins 2002; Daumé's lazy averaging, as in
//! Honnibal's tagger) over hashed features, shared by the part-of-speech
//! tagger, the parser's transition and label classifiers and the name tagger.
//!
//! Features are 64-bit hashes built with [`mix`] from a template number and
//! the hashes of the values the template reads ([`hash_str`]); hashing is a
//! fixed function of the bytes, so training and the weights are the same on
//! every machine. [`Trainer`] learns sparse weights; [`Weights`] is the
//! compact, quantised form that is saved, loaded and used to predict.

use rustc_hash::FxHashMap;

/// FNV-1a over the bytes, finished with a SplitMix64 round; never 0.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    finish(h)
}

/// Combines a hash with another value (order matters).
#[inline]
pub const fn mix(a: u64, b: u64) -> u64 {
    finish(a ^ b.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(a << 6))
}

#[inline]
const fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    if z == 0 {
        1
    } else {
        z
    }
}

/// A feature: template number `t` over the values `vals`.
#[inline]
pub fn feature(t: u64, vals: &[u64]) -> u64 {
    seeded(mix(0x5151, t), vals)
}

/// The seeds of templates `first`, `first + 1`, ... (for [`seeded`]),
/// computed when the program is compiled.
pub const fn seeds<const N: usize>(first: u64) -> [u64; N] {
    let mut out = [0; N];
    let mut k = 0;
    while k < N {
        out[k] = mix(0x5151, first + k as u64);
        k += 1;
    }
    out
}

/// [`feature`] of the template whose seed is `seed` (from [`seeds`]): the
/// same hash, one mixing step fewer.
#[inline]
pub fn seeded(seed: u64, vals: &[u64]) -> u64 {
    vals.iter().fold(seed, |h, &v| mix(h, v))
}

/// [`seeded`] over a fixed number of values: the same hash, unrolled, so
/// that the hashes of many templates computed together overlap.
#[inline(always)]
pub fn hs<const N: usize>(seed: u64, vals: [u64; N]) -> u64 {
    let mut h = seed;
    for v in vals {
        h = mix(h, v);
    }
    h
}

#[derive(Clone, Copy, Debug)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u64,
}

/// Learns weights by the averaged perceptron.
#[derive(Clone, Debug)]
pub struct Trainer {
    classes: usize,
    /// Per feature: the number of updates it took part in, and its weights.
    weights: FxHashMap<u64, (u32, Vec<Param>)>,
    /// Updates made so far (the clock of the averaging).
    now: u64,
}

impl Trainer {
    /// A trainer for `classes` classes.
    pub fn new(classes: usize) -> Self {
        assert!(classes <= 256, "at most 256 classes");
        Trainer {
            classes,
            weights: FxHashMap::default(),
            now: 0,
        }
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the current (not averaged) weights of `feats` into `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some((_, ps)) = self.weights.get(f) {
                for p in ps {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// One step of the clock; call once per training example.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        self.change(&[(truth, 1.0), (guess, -1.0)], feats);
    }

    /// Adds `delta` to the weights of `feats` for `class` (one side of a
    /// structured perceptron's update, whose two sides have features of
    /// their own).
    pub fn add(&mut self, class: usize, delta: f32, feats: &[u64]) {
        self.change(&[(class, delta)], feats);
    }

    fn change(&mut self, deltas: &[(usize, f32)], feats: &[u64]) {
        let now = self.now;
        for &f in feats {
            let (updates, ps) = self.weights.entry(f).or_default();
            *updates = updates.saturating_add(1);
            for &(class, delta) in deltas {
                let p = match ps.iter().position(|p| p.class as usize == class) {
                    Some(k) => &mut ps[k],
                    None => {
                        ps.push(Param {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: now,
                        });
                        ps.last_mut().expect("just pushed")
                    }
                };
                p.total += (now - p.stamp) as f64 * f64::from(p.weight);
                p.stamp = now;
                p.weight += delta;
            }
        }
    }

    /// The averaged weights, quantised; weights smaller than `min` are
    /// pruned.
    pub fn average(&self, min: f32) -> Weights {
        self.average_kept(min, 0)
    }

    /// Like [`Trainer::average`], and features that took part in fewer than
    /// `min_updates` updates are dropped too. Most features of a parser are
    /// seen in one or two training sentences, wrongly scored once, and never
    /// again: their averaged weights are as large as those of common features
    /// (a weight of 1 set in the first pass averages to almost 1), so the
    /// weight alone cannot tell them apart, but the number of updates can.
    /// Dropping them makes the table several times smaller, and a lookup
    /// that misses the cache less often, for little accuracy.
    pub fn average_kept(&self, min: f32, min_updates: u32) -> Weights {
        Self::quantise(self.classes, self.averaged_rows(min_updates), min)
    }

    /// The mean of the averaged weights of several trainers (an ensemble of
    /// models trained on different orders of the same examples: one table,
    /// one lookup per feature), quantised like [`Trainer::average`].
    pub fn ensemble(trainers: &[&Trainer], min: f32) -> Weights {
        let classes = trainers.first().map_or(0, |t| t.classes);
        let mut sum: FxHashMap<u32, Vec<f32>> = FxHashMap::default();
        let k = trainers.len().max(1) as f32;
        for t in trainers {
            for (f, row) in t.averaged_rows(0) {
                let acc = sum.entry(f).or_insert_with(|| vec![0.0; classes]);
                for (c, w) in row {
                    acc[c as usize] += w / k;
                }
            }
        }
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = sum
            .into_iter()
            .map(|(f, acc)| {
                let row = (0..classes)
                    .filter(|&c| acc[c] != 0.0)
                    .map(|c| (c as u8, acc[c]))
                    .collect();
                (f, row)
            })
            .collect();
        rows.sort_by_key(|&(f, _)| f);
        Self::quantise(classes, rows, min)
    }

    /// Each feature's averaged weights by class, sorted by fingerprint.
    fn averaged_rows(&self, min_updates: u32) -> Vec<(u32, Vec<(u8, f32)>)> {
        let now = self.now.max(1);
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = self
            .weights
            .iter()
            .filter(|(_, (updates, _))| *updates >= min_updates)
            .map(|(&f, (_, ps))| {
                let mut row: Vec<(u8, f32)> = ps
                    .iter()
                    .map(|p| {
                        let total = p.total + (now - p.stamp) as f64 * f64::from(p.weight);
                        (p.class as u8, (total / now as f64) as f32)
                    })
                    .filter(|&(_, w)| w != 0.0)
                    .collect();
                row.sort_by_key(|&(c, _)| c);
                (key(f), row)
            })
            .collect();
        rows.sort_by_key(|&(f, _)| f);
        rows
    }

    fn quantise(classes: usize, rows: Vec<(u32, Vec<(u8, f32)>)>, min: f32) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let rows = rows
            .into_iter()
            .filter_map(|(f, row)| {
                let q: Vec<(u8, i16)> = row
                    .into_iter()
                    .filter(|&(_, w)| w.abs() >= min)
                    .map(|(c, w)| (c, (w / scale).round() as i16))
                    .filter(|&(_, w)| w != 0)
                    .collect();
                (!q.is_empty()).then_some((f, q))
            })
            .collect();
        Weights::from_rows(classes, scale, rows)
    }
}

/// The 32-bit fingerprint a feature is stored under (never 0).
#[inline]
fn key(f: u64) -> u32 {
    ((f ^ (f >> 32)) as u32).max(1)
}

/// Averaged, quantised weights in an open-addressing table, for prediction.
/// Features are kept by a 32-bit fingerprint: an unknown feature is taken
/// for a known one about once in 4,000 lookups per million features kept,
/// which costs no measurable accuracy and a third of the size. With at most
/// four classes the weights sit in the slot itself; otherwise a slot
/// points at its packed (class, weight) entries. The slots are grouped in
/// buckets of one cache line each, filled to 60 % (issue 15): a feature is
/// looked for in its bucket, then in the next while they are full, so a
/// lookup reads one line, rarely two. (The slots used to run on from one
/// line into the next, filled to 80 %, and a lookup went on past its first
/// slot most times, often into a line not yet fetched: a third more cache
/// misses for the same weights.)
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    classes: usize,
    scale: f32,
    /// With more than four classes: the buckets of (fingerprint, first
    /// entry | entry count << 24).
    sparse: Vec<SparseBucket>,
    /// Entries: class << 16 | weight as u16.
    entries: Vec<u32>,
    /// With at most four classes: buckets of (fingerprint, weights) instead.
    dense: Vec<DenseBucket>,
}

/// Five slots of a table of at most four classes: a cache line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(64))]
struct DenseBucket {
    /// Fingerprints; 0: empty (the empty slots of a bucket are its last).
    keys: [u32; 5],
    /// The weights of the four classes, slot by slot.
    weights: [[i16; 4]; 5],
}

/// Eight slots of a table of more than four classes: a cache line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(64))]
struct SparseBucket {
    /// Fingerprints; 0: empty (the empty slots of a bucket are its last).
    keys: [u32; 8],
    /// First entry | entry count << 24, slot by slot.
    at: [u32; 8],
}

/// A bucket of slots.
trait Bucket {
    /// Its fingerprints.
    fn keys(&self) -> &[u32];
}

impl Bucket for DenseBucket {
    #[inline]
    fn keys(&self) -> &[u32] {
        &self.keys
    }
}

impl Bucket for SparseBucket {
    #[inline]
    fn keys(&self) -> &[u32] {
        &self.keys
    }
}

/// Where fingerprint `k` is in `table` (bucket, slot), else `Err` with the
/// empty slot where it would go.
#[inline]
fn find<B: Bucket>(table: &[B], k: u32) -> Result<(usize, usize), (usize, usize)> {
    let mut b = slot(k, table.len());
    loop {
        for (j, &x) in table[b].keys().iter().enumerate() {
            if x == k {
                return Ok((b, j));
            }
            if x == 0 {
                return Err((b, j));
            }
        }
        b = next(b, table.len());
    }
}

/// Buckets of `per` slots for `n` features, filled to 60 %.
fn buckets(n: usize, per: usize) -> usize {
    (n * 10 + 1).div_ceil(per * 6)
}

impl Weights {
    fn from_rows(classes: usize, scale: f32, rows: Vec<(u32, Vec<(u8, i16)>)>) -> Weights {
        let mut w = Weights::empty(classes, scale, rows.len());
        for (k, row) in rows {
            w.insert(k, &row);
        }
        w
    }

    /// A table with room for `n` features.
    fn empty(classes: usize, scale: f32, n: usize) -> Weights {
        let dense = classes <= 4;
        Weights {
            classes,
            scale,
            sparse: if dense {
                Vec::new()
            } else {
                vec![SparseBucket::default(); buckets(n, 8)]
            },
            entries: Vec::new(),
            dense: if dense {
                vec![DenseBucket::default(); buckets(n, 5)]
            } else {
                Vec::new()
            },
        }
    }

    /// Adds a feature's weights (a fingerprint already present is kept as
    /// it is: the first wins).
    fn insert(&mut self, k: u32, row: &[(u8, i16)]) {
        if !self.dense.is_empty() {
            if let Err((b, j)) = find(&self.dense, k) {
                self.dense[b].keys[j] = k;
                for &(c, x) in row {
                    self.dense[b].weights[j][c as usize] = x;
                }
            }
            return;
        }
        if let Err((b, j)) = find(&self.sparse, k) {
            let start = self.entries.len() as u32;
            for &(c, x) in row {
                self.entries.push(u32::from(c) << 16 | u32::from(x as u16));
            }
            self.sparse[b].keys[j] = k;
            self.sparse[b].at[j] = start | (row.len() as u32) << 24;
        }
    }

    /// Every kept feature and its (class, weight) pairs, by fingerprint.
    fn rows(&self) -> Vec<(u32, Vec<(u8, i16)>)> {
        let mut rows = Vec::new();
        if !self.dense.is_empty() {
            let slots = self
                .dense
                .iter()
                .flat_map(|b| b.keys.iter().copied().zip(b.weights));
            for (k, ws) in slots {
                if k != 0 {
                    let row = (0..self.classes)
                        .filter(|&c| ws[c] != 0)
                        .map(|c| (c as u8, ws[c]))
                        .collect();
                    rows.push((k, row));
                }
            }
        } else {
            let slots = self
                .sparse
                .iter()
                .flat_map(|b| b.keys.iter().copied().zip(b.at));
            for (k, at) in slots {
                if k != 0 {
                    let (a, b) = span(at);
                    let row = self.entries[a..b]
                        .iter()
                        .map(|&e| ((e >> 16) as u8, e as u16 as i16))
                        .collect();
                    rows.push((k, row));
                }
            }
        }
        rows.sort_by_key(|&(k, _)| k);
        rows
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The number of features kept.
    pub fn features(&self) -> usize {
        self.rows().len()
    }

    /// The number of (feature, class) weights kept.
    pub fn entries(&self) -> usize {
        self.rows().iter().map(|r| r.1.len()).sum()
    }

    /// These weights without those smaller than `min`.
    pub fn pruned(&self, min: f32) -> Weights {
        let rows = self
            .rows()
            .into_iter()
            .filter_map(|(k, row)| {
                let row: Vec<(u8, i16)> = row
                    .into_iter()
                    .filter(|&(_, w)| f32::from(w).abs() * self.scale >= min)
                    .collect();
                (!row.is_empty()).then_some((k, row))
            })
            .collect();
        Weights::from_rows(self.classes, self.scale, rows)
    }

    /// Asks the processor to fetch the slot of feature `f` into the cache,
    /// without waiting for it: a classifier that calls this for each
    /// feature as soon as it has its hash finds the slots there when it
    /// scores them, the fetches having overlapped with the hashing.
    #[inline]
    pub fn prefetch(&self, f: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let p = if self.dense.is_empty() {
                let b = slot(key(f), self.sparse.len());
                self.sparse.as_ptr().wrapping_add(b).cast::<i8>()
            } else {
                let b = slot(key(f), self.dense.len());
                self.dense.as_ptr().wrapping_add(b).cast::<i8>()
            };
            // SAFETY: a prefetch is a hint that never faults, whatever the
            // address (and this one is inside the table)
            unsafe { std::arch::x86_64::_mm_prefetch(p, std::arch::x86_64::_MM_HINT_T0) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = f;
    }

    /// Scores of every class for `feats` (in quantiser steps).
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        // touch every first slot before reading any: the loads are
        // independent, so their cache misses overlap instead of queueing
        let mut sink = 0u32;
        if !self.dense.is_empty() {
            for &f in feats {
                sink ^= self.dense[slot(key(f), self.dense.len())].keys[0];
            }
        } else {
            for &f in feats {
                sink ^= self.sparse[slot(key(f), self.sparse.len())].keys[0];
            }
        }
        std::hint::black_box(sink);
        if !self.dense.is_empty() {
            for &f in feats {
                if let Ok((b, j)) = find(&self.dense, key(f)) {
                    for (s, &x) in scores.iter_mut().zip(&self.dense[b].weights[j]) {
                        *s += i32::from(x);
                    }
                }
            }
            return;
        }
        // find every feature's entries and touch the first before adding
        // any up, for the same reason
        const CHUNK: usize = 64;
        let mut found = [0u32; CHUNK];
        for part in feats.chunks(CHUNK) {
            let mut n = 0;
            for &f in part {
                if let Ok((b, j)) = find(&self.sparse, key(f)) {
                    let at = self.sparse[b].at[j];
                    found[n] = at;
                    n += 1;
                    sink ^= self
                        .entries
                        .get((at & 0x00ff_ffff) as usize)
                        .copied()
                        .unwrap_or(0);
                }
            }
            std::hint::black_box(sink);
            for &at in &found[..n] {
                let (a, b) = span(at);
                for &e in &self.entries[a..b] {
                    scores[(e >> 16) as usize] += i32::from(e as u16 as i16);
                }
            }
        }
    }

    /// Appends the weights in a binary form [`Weights::read`] reads back.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        // in table order, so that loading fills the table front to back
        let mut rows = self.rows();
        let size = table_size(rows.len());
        rows.sort_by_key(|&(k, _)| (slot(k, size), k));
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (k, row) in &rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(row.len() as u8);
            for &(c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Reads weights written by [`Weights::write`] from the start of `bytes`;
    /// returns them and the bytes after them.
    pub fn read(bytes: &[u8]) -> Result<(Weights, &[u8]), String> {
        let mut r = Reader(bytes);
        let classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let n = r.u64()? as usize;
        if n > bytes.len() / 5 {
            return Err(format!("{n} features cannot fit in the file"));
        }
        if classes > 256 {
            return Err(format!("{classes} classes (at most 256)"));
        }
        let mut w = Weights::empty(classes, scale, n);
        if w.dense.is_empty() {
            // about three classes per feature: one allocation, no copies
            w.entries.reserve(n * 3);
        }
        let mut row = Vec::with_capacity(classes);
        for _ in 0..n {
            let k = r.u32()?;
            let len = r.take(1)?[0] as usize;
            row.clear();
            for e in r.take(3 * len)?.chunks_exact(3) {
                if e[0] as usize >= classes {
                    return Err(format!("class {} out of range", e[0]));
                }
                row.push((e[0], i16::from_le_bytes([e[1], e[2]])));
            }
            if k == 0 {
                return Err("feature fingerprint 0".into());
            }
            if w.entries.len() + len > 0x00ff_ffff {
                return Err("too many weights for one table".into());
            }
            w.insert(k, &row);
        }
        Ok((w, r.0))
    }
}

/// Slots for `n` features.
fn table_size(n: usize) -> usize {
    n + n / 4 + 1
}

/// The first slot of fingerprint `k` in a table of `size` slots.
#[inline]
fn slot(k: u32, size: usize) -> usize {
    ((u64::from(k) * size as u64) >> 32) as usize
}

/// The slot after `i`.
#[inline]
fn next(i: usize, size: usize) -> usize {
    if i + 1 == size {
        0
    } else {
        i + 1
    }
}

/// The entry range a sparse slot points at.
#[inline]
fn span(at: u32) -> (usize, usize) {
    let a = (at & 0x00ff_ffff) as usize;
    (a, a + (at >> 24) as usize)
}

/// A cursor over little-endian binary data.
pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("the model file ends early".into());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8")))
    }
    pub fn string(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a string is not UTF-8".into())
    }
}

/// Appends a length-prefixed string.
pub(crate) fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A small deterministic random generator (xorshift64*), for shuffling
/// training data and choosing exploration steps.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(finish(seed))
    }
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Shuffles `items` (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // class = which of three words is present
        let mut t = Trainer::new(3);
        let words = [hash_str("a"), hash_str("b"), hash_str("c")];
        for _ in 0..5 {
            for (c, &w) in words.iter().enumerate() {
                let feats = [w, hash_str("bias")];
                let mut s = [0.0; 3];
                t.score(&feats, &mut s);
                let guess = (0..3)
                    .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
                    .unwrap();
                t.update(c, guess, &feats);
                t.tick();
            }
        }
        let w = t.average(0.0);
        for (c, &f) in words.iter().enumerate() {
            let mut s = [0i32; 3];
            w.score(&[f, hash_str("bias")], &mut s);
            let best = (0..3).max_by_key(|&k| s[k]).unwrap();
            assert_eq!(best, c);
        }
        let mut bytes = Vec::new();
        w.write(&mut bytes);
        bytes.extend_from_slice(b"rest");
        let (back, rest) = Weights::read(&bytes).unwrap();
        assert_eq!(back, w);
        assert_eq!(rest, b"rest");
        assert!(Weights::read(&bytes[..bytes.len() - 7]).is_err());
    }

    #[test]
    fn an_ensemble_is_the_mean_of_its_trainers() {
        let (a, b) = (hash_str("a"), hash_str("b"));
        let mut one = Trainer::new(2);
        one.update(0, 1, &[a]);
        one.tick();
        let mut two = Trainer::new(2);
        two.update(1, 0, &[b]);
        two.update(1, 0, &[b]);
        two.tick();
        let w = Trainer::ensemble(&[&one, &two], 0.0);
        let score = |f| {
            let mut s = [0i32; 2];
            w.score(&[f], &mut s);
            s
        };
        // "a": +1/-1 in one trainer, nothing in the other; "b": -2/+2
        let (sa, sb) = (score(a), score(b));
        assert!(sa[0] > 0 && sa[1] < 0, "{sa:?}");
        assert_eq!(sb[1], -sb[0]);
        // 1 against 0.5 after the mean, quantised: within one step
        assert!((sb[1] - 2 * sa[0]).abs() <= 1, "{sa:?} {sb:?}");
        // one trainer alone: the same as its average
        assert_eq!(Trainer::ensemble(&[&one], 0.0), one.average(0.0));
    }

    #[test]
    fn hashes_are_fixed() {
        // the weights on disk depend on these values: they must never change
        assert_eq!(hash_str("Iran"), 12_399_154_782_554_611_453);
        assert_eq!(mix(1, 2), mix(1, 2));
        assert_ne!(mix(1, 2), mix(2, 1));
        assert_ne!(feature(1, &[5]), feature(2, &[5]));
        let seeds: [u64; 3] = seeds(7);
        assert_eq!(seeded(seeds[2], &[5, 6]), feature(9, &[5, 6]));
    }
}
