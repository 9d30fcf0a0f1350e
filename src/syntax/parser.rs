//! Dependency parsing: a greedy arc-eager transition parser (Nivre 2003) with
//! the rich non-local features of Zhang & Nivre (2011), trained with the
//! dynamic oracle of Goldberg & Nivre (2012), and a second averaged
//! perceptron that labels each arc when it is made.
//!
//! The root is word 0 at the bottom of the stack and takes exactly one
//! dependent; words left without a head when the buffer is empty are
//! attached to the root's dependent, so every output is one tree.

use super::perceptron::{hs, mix, seeds, Rng, Trainer, Weights};
use super::tagger::{argmax, NONE};

/// The moves of the arc-eager system.
/// Push the buffer's first word.
pub const SHIFT: usize = 0;
/// Pop the stack (its top has a head).
pub const REDUCE: usize = 1;
/// The buffer's first word becomes the head of the stack's top, which is popped.
pub const LEFT: usize = 2;
/// The stack's top becomes the head of the buffer's first word, which is pushed.
pub const RIGHT: usize = 3;
const MOVES: usize = 4;
const NO: usize = usize::MAX;
const NO_LABEL: u8 = u8::MAX;
const ROOT_W: u64 = 0x726f_6f74;

/// What the parser reads of a word: its normalised form and its tag.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// Hash of the normalised form.
    pub word: u64,
    /// Hash of the predicted tag.
    pub tag: u64,
    /// Hash of the three-letter suffix.
    pub suffix: u64,
    /// Hash of the universal part of speech alone.
    pub coarse: u64,
}

impl Token {
    /// The token of a word with tag class `tag` whose UPOS is `upos`.
    pub fn new(w: &super::tagger::WordFeatures, tag: usize, upos: &str) -> Token {
        Token {
            word: w.norm,
            tag: super::tagger::tag_value(Some(tag)),
            suffix: w.suffix[2],
            coarse: mix(0x7570_6f73, super::perceptron::hash_str(upos)),
        }
    }
}

/// A trained parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Parser {
    /// The dependency labels; the index of `root` is `root`.
    pub labels: Vec<String>,
    /// The index of `root` in `labels`.
    pub root: usize,
    /// Weights of the four moves.
    pub moves: Weights,
    /// Weights of the labels.
    pub labeller: Weights,
}

/// A parser configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    /// The next word of the buffer (1-based); `n + 1` when it is empty.
    b: usize,
    head: Vec<usize>,
    label: Vec<u8>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    lval: Vec<u8>,
    rval: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let mut on_stack = vec![false; n + 1];
        on_stack[0] = true;
        State {
            n,
            stack: vec![0],
            on_stack,
            b: 1,
            head: vec![NO; n + 1],
            label: vec![NO_LABEL; n + 1],
            l1: vec![NO; n + 1],
            l2: vec![NO; n + 1],
            r1: vec![NO; n + 1],
            r2: vec![NO; n + 1],
            lval: vec![0; n + 1],
            rval: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    fn s0(&self) -> usize {
        *self.stack.last().expect("the root never leaves the stack")
    }

    fn terminal(&self) -> bool {
        self.b > self.n
    }

    fn valid(&self, m: usize) -> bool {
        let s0 = self.s0();
        let buffer = self.b <= self.n;
        match m {
            SHIFT => buffer,
            REDUCE => s0 != 0 && self.head[s0] != NO,
            LEFT => buffer && s0 != 0 && self.head[s0] == NO,
            _ => buffer && (s0 != 0 || self.r1[0] == NO),
        }
    }

    /// The arc a move makes: (head, dependent).
    fn arc(&self, m: usize) -> Option<(usize, usize)> {
        match m {
            LEFT => Some((self.b, self.s0())),
            RIGHT => Some((self.s0(), self.b)),
            _ => None,
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: u8) {
        self.head[d] = h;
        self.label[d] = l;
        let bit = 1u64 << (l.min(63));
        if d < h {
            self.lval[h] = self.lval[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.l1[h] == NO || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == NO || d < self.l2[h] {
                self.l2[h] = d;
            }
        } else {
            self.rval[h] = self.rval[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.r1[h] == NO || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == NO || d > self.r2[h] {
                self.r2[h] = d;
            }
        }
    }

    fn apply(&mut self, m: usize, l: u8) {
        match m {
            SHIFT => {
                self.on_stack[self.b] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                let s = self.stack.pop().expect("valid");
                self.on_stack[s] = false;
            }
            LEFT => {
                let s = self.stack.pop().expect("valid");
                self.on_stack[s] = false;
                self.attach(self.b, s, l);
            }
            _ => {
                self.attach(self.s0(), self.b, l);
                self.on_stack[self.b] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }

    /// The gold arcs a move makes unreachable (Goldberg & Nivre 2012, for
    /// projective trees). `kids[h]` are the gold dependents of `h`.
    fn cost(&self, m: usize, gold: &[usize], kids: &[Vec<usize>]) -> usize {
        let s0 = self.s0();
        let b = self.b;
        let in_buffer = |k: usize| k >= b && k <= self.n;
        let headless_kids_on_stack = |h: usize| {
            self.stack
                .iter()
                .filter(|&&d| d != 0 && self.head[d] == NO && gold[d] == h)
                .count()
        };
        match m {
            SHIFT => usize::from(self.on_stack[gold[b]]) + headless_kids_on_stack(b),
            REDUCE => kids[s0].iter().filter(|&&d| in_buffer(d)).count(),
            LEFT => {
                kids[s0].iter().filter(|&&d| in_buffer(d)).count()
                    + usize::from(gold[s0] != b && in_buffer(gold[s0]))
            }
            _ => {
                let g = gold[b];
                usize::from(g != s0 && (self.on_stack[g] || g > b)) + headless_kids_on_stack(b)
            }
        }
    }
}

/// The hash of a label as a feature value.
fn label_value(l: u8) -> u64 {
    mix(0x006c_6162, u64::from(l))
}

fn distance(a: usize, b: usize) -> u64 {
    match b.abs_diff(a) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

/// The features of a configuration; with `ahead`, each feature's weights
/// are fetched into the cache as soon as it is known.
fn features(st: &State, toks: &[Token], out: &mut Vec<u64>, ahead: Option<&Weights>) {
    out.clear();
    let get = |x: usize| -> Option<usize> { (x != NO && x <= st.n).then_some(x) };
    let w = |x: Option<usize>| match x {
        None => NONE,
        Some(0) => ROOT_W,
        Some(x) => toks[x - 1].word,
    };
    let p = |x: Option<usize>| match x {
        None => NONE,
        Some(0) => ROOT_W,
        Some(x) => toks[x - 1].tag,
    };
    let u = |x: Option<usize>| match x {
        None => NONE,
        Some(0) => ROOT_W,
        Some(x) => toks[x - 1].coarse,
    };
    let l = |x: Option<usize>| x.map_or(NONE, |x| label_value(st.label[x]));
    let s0 = Some(st.s0());
    let s1 = st.stack.len().checked_sub(2).map(|k| st.stack[k]);
    let n0 = get(st.b);
    let n1 = n0.and_then(|b| get(b + 1));
    let n2 = n0.and_then(|b| get(b + 2));
    let s0h = s0.and_then(|s| get(st.head[s]));
    let s0h2 = s0h.and_then(|h| get(st.head[h]));
    let s0l = s0.and_then(|s| get(st.l1[s]));
    let s0l2 = s0.and_then(|s| get(st.l2[s]));
    let s0r = s0.and_then(|s| get(st.r1[s]));
    let s0r2 = s0.and_then(|s| get(st.r2[s]));
    let n0l = n0.and_then(|b| get(st.l1[b]));
    let n0l2 = n0.and_then(|b| get(st.l2[b]));
    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let d = match (s0, n0) {
        (Some(a), Some(b)) => distance(a, b),
        _ => 99,
    };
    let s = st.s0();
    let (vl, vr) = (u64::from(st.lval[s]), u64::from(st.rval[s]));
    let n0vl = n0.map_or(0, |b| u64::from(st.lval[b]));
    let (sl, sr) = (st.lset[s], st.rset[s]);
    let n0sl = n0.map_or(0, |b| st.lset[b]);
    let f: [u64; 88] = [
        // single words
        hs(MOVE_SEEDS[0], [s0w]),
        hs(MOVE_SEEDS[1], [s0p]),
        hs(MOVE_SEEDS[2], [s0w, s0p]),
        hs(MOVE_SEEDS[3], [n0w]),
        hs(MOVE_SEEDS[4], [n0p]),
        hs(MOVE_SEEDS[5], [n0w, n0p]),
        hs(MOVE_SEEDS[6], [n1w]),
        hs(MOVE_SEEDS[7], [n1p]),
        hs(MOVE_SEEDS[8], [n1w, n1p]),
        hs(MOVE_SEEDS[9], [n2w]),
        hs(MOVE_SEEDS[10], [n2p]),
        hs(MOVE_SEEDS[11], [n2w, n2p]),
        // word pairs
        hs(MOVE_SEEDS[12], [s0w, s0p, n0w, n0p]),
        hs(MOVE_SEEDS[13], [s0w, s0p, n0w]),
        hs(MOVE_SEEDS[14], [s0w, n0w, n0p]),
        hs(MOVE_SEEDS[15], [s0w, s0p, n0p]),
        hs(MOVE_SEEDS[16], [s0p, n0w, n0p]),
        hs(MOVE_SEEDS[17], [s0w, n0w]),
        hs(MOVE_SEEDS[18], [s0p, n0p]),
        hs(MOVE_SEEDS[19], [n0p, n1p]),
        // three words
        hs(MOVE_SEEDS[20], [n0p, n1p, n2p]),
        hs(MOVE_SEEDS[21], [s0p, n0p, n1p]),
        hs(MOVE_SEEDS[22], [p(s0h), s0p, n0p]),
        hs(MOVE_SEEDS[23], [s0p, p(s0l), n0p]),
        hs(MOVE_SEEDS[24], [s0p, p(s0r), n0p]),
        hs(MOVE_SEEDS[25], [s0p, n0p, p(n0l)]),
        // distance
        hs(MOVE_SEEDS[26], [s0w, d]),
        hs(MOVE_SEEDS[27], [s0p, d]),
        hs(MOVE_SEEDS[28], [n0w, d]),
        hs(MOVE_SEEDS[29], [n0p, d]),
        hs(MOVE_SEEDS[30], [s0w, n0w, d]),
        hs(MOVE_SEEDS[31], [s0p, n0p, d]),
        // valency
        hs(MOVE_SEEDS[32], [s0w, vr]),
        hs(MOVE_SEEDS[33], [s0p, vr]),
        hs(MOVE_SEEDS[34], [s0w, vl]),
        hs(MOVE_SEEDS[35], [s0p, vl]),
        hs(MOVE_SEEDS[36], [n0w, n0vl]),
        hs(MOVE_SEEDS[37], [n0p, n0vl]),
        // unigrams of heads and children
        hs(MOVE_SEEDS[38], [w(s0h)]),
        hs(MOVE_SEEDS[39], [p(s0h)]),
        hs(MOVE_SEEDS[40], [l(s0)]),
        hs(MOVE_SEEDS[41], [w(s0l)]),
        hs(MOVE_SEEDS[42], [p(s0l)]),
        hs(MOVE_SEEDS[43], [l(s0l)]),
        hs(MOVE_SEEDS[44], [w(s0r)]),
        hs(MOVE_SEEDS[45], [p(s0r)]),
        hs(MOVE_SEEDS[46], [l(s0r)]),
        hs(MOVE_SEEDS[47], [w(n0l)]),
        hs(MOVE_SEEDS[48], [p(n0l)]),
        hs(MOVE_SEEDS[49], [l(n0l)]),
        // third order
        hs(MOVE_SEEDS[50], [w(s0h2)]),
        hs(MOVE_SEEDS[51], [p(s0h2)]),
        hs(MOVE_SEEDS[52], [l(s0h)]),
        hs(MOVE_SEEDS[53], [w(s0l2)]),
        hs(MOVE_SEEDS[54], [p(s0l2)]),
        hs(MOVE_SEEDS[55], [l(s0l2)]),
        hs(MOVE_SEEDS[56], [w(s0r2)]),
        hs(MOVE_SEEDS[57], [p(s0r2)]),
        hs(MOVE_SEEDS[58], [l(s0r2)]),
        hs(MOVE_SEEDS[59], [w(n0l2)]),
        hs(MOVE_SEEDS[60], [p(n0l2)]),
        hs(MOVE_SEEDS[61], [l(n0l2)]),
        hs(MOVE_SEEDS[62], [s0p, p(s0l), p(s0l2)]),
        hs(MOVE_SEEDS[63], [s0p, p(s0r), p(s0r2)]),
        hs(MOVE_SEEDS[64], [s0p, p(s0h), p(s0h2)]),
        hs(MOVE_SEEDS[65], [n0p, p(n0l), p(n0l2)]),
        // label sets
        hs(MOVE_SEEDS[66], [s0w, sr]),
        hs(MOVE_SEEDS[67], [s0p, sr]),
        hs(MOVE_SEEDS[68], [s0w, sl]),
        hs(MOVE_SEEDS[69], [s0p, sl]),
        hs(MOVE_SEEDS[70], [n0w, n0sl]),
        hs(MOVE_SEEDS[71], [n0p, n0sl]),
        // the second stack word
        hs(MOVE_SEEDS[72], [p(s1)]),
        hs(MOVE_SEEDS[73], [p(s1), s0p]),
        hs(MOVE_SEEDS[74], [p(s1), s0p, n0p]),
        hs(MOVE_SEEDS[75], [w(s1), p(s1)]),
        // suffixes of the two words an arc may join
        hs(MOVE_SEEDS[76], [n0.map_or(NONE, |b| toks[b - 1].suffix)]),
        hs(
            MOVE_SEEDS[77],
            [s0p, n0.map_or(NONE, |b| toks[b - 1].suffix)],
        ),
        hs(
            MOVE_SEEDS[78],
            [
                s0.filter(|&s| s > 0).map_or(NONE, |s| toks[s - 1].suffix),
                n0p,
            ],
        ),
        // universal parts of speech alone
        hs(MOVE_SEEDS[79], [u(s0), u(n0)]),
        hs(MOVE_SEEDS[80], [u(s0), u(n0), u(n1)]),
        hs(MOVE_SEEDS[81], [u(n0), u(n1), u(n2)]),
        hs(MOVE_SEEDS[82], [u(s0), n0w]),
        hs(MOVE_SEEDS[83], [s0w, u(n0)]),
        hs(MOVE_SEEDS[84], [u(s1), u(s0), u(n0)]),
        hs(MOVE_SEEDS[85], [u(s0), u(s0l), u(n0)]),
        hs(MOVE_SEEDS[86], [u(s0), u(s0r), u(n0)]),
        hs(MOVE_SEEDS[87], [u(s0h), u(s0), u(n0), d]),
    ];
    if let Some(w) = ahead {
        for &h in &f {
            w.prefetch(h);
        }
    }
    out.extend_from_slice(&f);
}

/// The seeds of the move features' templates (100, 101, ...).
const MOVE_SEEDS: [u64; 88] = seeds(100);
/// The seeds of the label features' templates (300 + 2 x template +
/// direction).
const LABEL_SEEDS: [u64; 64] = seeds(300);

/// The features the labeller reads for an arc from `h` to `d` (`ahead`: as
/// in [`features`]).
fn label_features(
    st: &State,
    toks: &[Token],
    h: usize,
    d: usize,
    out: &mut Vec<u64>,
    ahead: Option<&Weights>,
) {
    out.clear();
    let n = st.n;
    let w = |x: usize| if x == 0 { ROOT_W } else { toks[x - 1].word };
    let p = |x: usize| if x == 0 { ROOT_W } else { toks[x - 1].tag };
    let at = |x: usize, k: isize| -> u64 {
        let j = x as isize + k;
        if j >= 1 && j as usize <= n {
            toks[j as usize - 1].tag
        } else {
            NONE
        }
    };
    let opt = |x: usize, f: &dyn Fn(usize) -> u64| if x == NO { NONE } else { f(x) };
    let dir = u64::from(d < h);
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let dist = distance(h, d);
    let dl1 = st.l1[d];
    let dr1 = st.r1[d];
    let hl = if h != 0 && st.head[h] != NO {
        label_value(st.label[h])
    } else {
        NONE
    };
    let dsuf = if d == 0 { NONE } else { toks[d - 1].suffix };
    let hsuf = if h == 0 { NONE } else { toks[h - 1].suffix };
    let gh = if h != 0 && st.head[h] != NO {
        p(st.head[h])
    } else {
        NONE
    };
    let dl1l = opt(dl1, &|x| label_value(st.label[x]));
    let dr1l = opt(dr1, &|x| label_value(st.label[x]));
    let dval = u64::from(st.lval[d]) * 16 + u64::from(st.rval[d]);
    let seed = |t: usize| LABEL_SEEDS[2 * t + dir as usize];
    let f: [u64; 32] = [
        hs(seed(0), [hw]),
        hs(seed(1), [hp]),
        hs(seed(2), [dw]),
        hs(seed(3), [dp]),
        hs(seed(4), [hw, dp]),
        hs(seed(5), [hp, dw]),
        hs(seed(6), [hp, dp]),
        hs(seed(7), [hw, dw]),
        hs(seed(8), [hp, dp, dist]),
        hs(seed(9), [dp, opt(dl1, &|x| label_value(st.label[x]))]),
        hs(seed(10), [dp, opt(dl1, &w)]),
        hs(seed(11), [opt(dl1, &w)]),
        hs(seed(12), [dp, opt(dr1, &|x| label_value(st.label[x]))]),
        hs(seed(13), [hp, hl]),
        hs(seed(14), [hp, st.lset[h]]),
        hs(seed(15), [hp, dp, st.lset[h]]),
        hs(seed(16), [dp, st.lset[d]]),
        hs(seed(17), [dp, st.rset[d]]),
        hs(seed(18), [dsuf]),
        hs(seed(19), [hp, dsuf]),
        hs(seed(20), [hsuf, dp]),
        hs(seed(21), [dp, at(d, 1)]),
        hs(seed(22), [dp, at(d, -1)]),
        hs(seed(23), [hp, at(h, 1)]),
        hs(seed(24), [hw, dp, opt(dl1, &w)]),
        hs(seed(25), [hp, dp, hl]),
        hs(seed(26), [hp, dw, dp]),
        hs(seed(27), [hw, hp, dp]),
        hs(seed(28), [dp, dl1l, dr1l]),
        hs(seed(29), [hp, gh, dp]),
        hs(seed(30), [dsuf, dp, hp]),
        hs(seed(31), [hp, dp, dval]),
    ];
    if let Some(w) = ahead {
        for &x in &f {
            w.prefetch(x);
        }
    }
    out.extend_from_slice(&f);
}

impl Parser {
    /// Heads (1-based, 0 for the root) and label indices of the words.
    pub fn parse(&self, toks: &[Token]) -> (Vec<usize>, Vec<usize>) {
        let n = toks.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(80);
        let mut scores = [0i32; MOVES];
        let mut lscores = vec![0i32; self.labels.len()];
        while !st.terminal() {
            features(&st, toks, &mut feats, Some(&self.moves));
            self.moves.score(&feats, &mut scores);
            let m = best_valid(&st, |k| scores[k] as f32);
            let l = match st.arc(m) {
                Some((h, d)) => self.label(&st, toks, h, d, &mut feats, &mut lscores),
                None => NO_LABEL,
            };
            st.apply(m, l);
        }
        self.finish(&mut st, toks, &mut feats, &mut lscores);
        let heads = st.head[1..].to_vec();
        let labels = st.label[1..].iter().map(|&l| l as usize).collect();
        (heads, labels)
    }

    fn label(
        &self,
        st: &State,
        toks: &[Token],
        h: usize,
        d: usize,
        feats: &mut Vec<u64>,
        scores: &mut [i32],
    ) -> u8 {
        if h == 0 {
            return self.root as u8;
        }
        label_features(st, toks, h, d, feats, Some(&self.labeller));
        self.labeller.score(feats, scores);
        scores[self.root] = i32::MIN;
        argmax(scores) as u8
    }

    /// Attaches the words left without a head: the first becomes the root's
    /// dependent when the root has none; the others depend on it.
    fn finish(&self, st: &mut State, toks: &[Token], feats: &mut Vec<u64>, scores: &mut [i32]) {
        let headless: Vec<usize> = (1..=st.n).filter(|&d| st.head[d] == NO).collect();
        for d in headless {
            let h = if st.r1[0] == NO { 0 } else { st.r1[0] };
            let l = self.label(st, toks, h, d, feats, scores);
            st.attach(h, d, l);
        }
    }
}

/// The valid move with the highest score (the first of equals).
fn best_valid(st: &State, score: impl Fn(usize) -> f32) -> usize {
    let mut best = NO;
    for m in 0..MOVES {
        if st.valid(m) && (best == NO || score(m) > score(best)) {
            best = m;
        }
    }
    best
}

/// A sentence for training: tokens (with predicted tags), gold heads
/// (projective, 1-based, 0 root) and gold label indices.
pub struct Example {
    /// The words.
    pub toks: Vec<Token>,
    /// Gold heads (1-based, 0 the root), projective.
    pub heads: Vec<usize>,
    /// Gold label indices.
    pub labels: Vec<usize>,
}

/// Lifts non-projective arcs (the dependent moves up to its head's head)
/// until the tree is projective, as the dynamic oracle needs.
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let n = heads.len();
    let mut h: Vec<usize> = heads.to_vec();
    let dominates = |h: &[usize], a: usize, mut x: usize| {
        // is `a` an ancestor of `x` (1-based; 0 is the root)?
        let mut steps = 0;
        while x != 0 && steps <= n {
            if x == a {
                return true;
            }
            x = h[x - 1];
            steps += 1;
        }
        a == 0
    };
    loop {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let hd = h[d - 1];
            let (a, b) = (hd.min(d), hd.max(d));
            let crossing = (a + 1..b).any(|k| !dominates(&h, hd, k));
            if crossing && worst.is_none_or(|(len, _)| b - a < len) {
                worst = Some((b - a, d));
            }
        }
        match worst {
            Some((_, d)) if h[d - 1] != 0 => {
                let hd = h[d - 1];
                h[d - 1] = h[hd - 1];
            }
            _ => return h,
        }
    }
}

/// Trains the parser on `examples` for one pass; `explore` follows the
/// model's own (possibly wrong) moves, as the dynamic oracle allows.
/// Returns the number of moves whose cost was not the least.
pub fn train_epoch(
    moves: &mut Trainer,
    labeller: &mut Trainer,
    root: usize,
    examples: &[&Example],
    explore: bool,
    rng: &mut Rng,
) -> usize {
    let mut feats = Vec::with_capacity(80);
    let mut lfeats = Vec::with_capacity(32);
    let mut scores = [0f32; MOVES];
    let mut lscores = vec![0f32; labeller.classes()];
    let mut wrong = 0;
    for e in examples {
        let n = e.toks.len();
        let mut gold = vec![NO; n + 1];
        let mut kids = vec![Vec::new(); n + 1];
        for d in 1..=n {
            gold[d] = e.heads[d - 1];
            kids[gold[d]].push(d);
        }
        let mut st = State::new(n);
        while !st.terminal() {
            features(&st, &e.toks, &mut feats, None);
            moves.score(&feats, &mut scores);
            let guess = best_valid(&st, |k| scores[k]);
            let costs: Vec<usize> = (0..MOVES)
                .map(|m| {
                    if st.valid(m) {
                        st.cost(m, &gold, &kids)
                    } else {
                        NO
                    }
                })
                .collect();
            let least = *costs.iter().min().expect("four moves");
            let best = best_valid(&st, |k| {
                if costs[k] == least {
                    scores[k]
                } else {
                    f32::NEG_INFINITY
                }
            });
            let best = if costs[best] == least {
                best
            } else {
                (0..MOVES)
                    .find(|&m| costs[m] == least)
                    .expect("a least move")
            };
            if costs[guess] > least {
                moves.update(best, guess, &feats);
                wrong += 1;
            }
            moves.tick();
            let follow = if explore && rng.below(10) < 9 {
                guess
            } else {
                best
            };
            let l = match st.arc(follow) {
                Some((0, _)) => root as u8,
                Some((h, d)) => {
                    label_features(&st, &e.toks, h, d, &mut lfeats, None);
                    labeller.score(&lfeats, &mut lscores);
                    lscores[root] = f32::NEG_INFINITY;
                    let lg = argmax(&lscores);
                    if gold[d] == h {
                        labeller.update(e.labels[d - 1], lg, &lfeats);
                        labeller.tick();
                    }
                    lg as u8
                }
                None => NO_LABEL,
            };
            st.apply(follow, l);
        }
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_a_tree_projective() {
        // arcs 3 -> 1 and 4 -> 2 cross: 1 moves up to 3's head, 4
        let heads = [3, 4, 4, 0];
        let p = projectivize(&heads);
        assert_eq!(p, [4, 4, 4, 0]);
        // 2's head 4 crosses 3 whose head is 1 (not under 4)
        let heads = [0, 4, 1, 1];
        let p = projectivize(&heads);
        assert_eq!(p, [0, 1, 1, 1]);
        // already projective trees are unchanged
        assert_eq!(projectivize(&[2, 0, 2]), [2, 0, 2]);
    }

    #[test]
    fn the_oracle_alone_rebuilds_every_projective_tree() {
        let trees: &[&[usize]] = &[&[2, 0, 2], &[0, 1, 1, 3, 3], &[4, 3, 4, 0, 4, 5], &[0]];
        for heads in trees {
            let n = heads.len();
            let mut gold = vec![NO; n + 1];
            let mut kids = vec![Vec::new(); n + 1];
            for d in 1..=n {
                gold[d] = heads[d - 1];
                kids[gold[d]].push(d);
            }
            let mut st = State::new(n);
            while !st.terminal() {
                let m = (0..MOVES)
                    .find(|&m| st.valid(m) && st.cost(m, &gold, &kids) == 0)
                    .expect("a zero-cost move");
                st.apply(m, 0);
            }
            assert_eq!(&st.head[1..], *heads);
        }
    }
}
