//! Training the syntax model from CoNLL-U treebanks (the
//! `newsgraph-train-syntax` program runs this).
//!
//! 1. The tagger is trained on the training sentences; the number of passes
//!    is the one that tags the development sentences best.
//! 2. The parser learns from tags the tagger predicts, not gold ones: each of
//!    `folds` parts of the training data is tagged by a tagger trained on the
//!    other parts (jackknifing), so its tags are as wrong as on new text.
//! 3. The parser is trained with the dynamic oracle (exploring its own moves
//!    from the second pass on); the number of passes is again chosen on the
//!    development sentences.
//!
//! Everything is deterministic: sentences are shuffled by a seeded generator
//! and every table is sorted before it is written.

use super::eval::{self, Scores};
use super::lemma::Lemmatizer;
use super::model::Model;
use super::parser::{self, Parser, Token};
use super::perceptron::{Rng, Trainer};
use super::tagger::{self, Tagger, WordFeatures};
use super::ParsedSentence;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// How to train.
#[derive(Clone, Debug)]
pub struct Options {
    /// The most passes over the data for the tagger.
    pub tagger_passes: usize,
    /// The most passes over the data for the parser.
    pub parser_passes: usize,
    /// Parts for jackknifed tags (fewer than 2: gold tags).
    pub folds: usize,
    /// Seed of the shuffles and exploration.
    pub seed: u64,
    /// Averaged weights smaller than this are dropped while training.
    pub prune: f32,
    /// The most bytes the model may take; pruning goes further to fit.
    pub max_bytes: usize,
    /// The most LAS (a fraction: 0.002 is 0.2 point) on the development
    /// data that dropping the parser's rare and small weights may cost; 0
    /// (the default): weights are pruned by size alone, as far as costs at
    /// most 0.1 point of UPOS and 0.15 of LAS (the built-in model).
    pub max_loss: f64,
    /// The most tagging accuracy on the development data that dropping the
    /// tagger's rare features may cost. The tagger's table is small, and
    /// its errors cost the parser more than they cost the tagger (the parser
    /// learns from the tags of a tagger pruned alike): by default none is
    /// dropped.
    pub max_tag_loss: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_passes: 8,
            parser_passes: 15,
            folds: 5,
            seed: 1,
            prune: 0.0,
            max_bytes: 24_000_000,
            max_loss: 0.0,
            max_tag_loss: 0.0,
        }
    }
}

/// The trained model and what was measured on the way.
pub struct Trained {
    /// The model (its header is left empty).
    pub model: Model,
    /// One line per pass.
    pub log: Vec<String>,
    /// The final model's scores on the development data.
    pub dev: Scores,
    /// How many updates a feature needed to be kept: in the tagger, the
    /// parser's moves and its labels.
    pub min_updates: [u32; 3],
    /// The smallest parser weight kept.
    pub min_weight: f32,
}

fn tag_table(train: &[ParsedSentence]) -> Vec<(String, String)> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in train {
        for w in &s.words {
            *counts.entry((w.upos.clone(), w.xpos.clone())).or_default() += 1;
        }
    }
    counts.into_keys().collect()
}

fn label_table(train: &[ParsedSentence]) -> Vec<String> {
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !labels.iter().any(|l| l == "root") {
        labels.push("root".into());
    }
    labels
}

fn tag_examples(
    sents: &[ParsedSentence],
    index: &FxHashMap<(String, String), usize>,
) -> Vec<tagger::Example> {
    sents
        .iter()
        .map(|s| tagger::Example {
            words: s.words.iter().map(|w| WordFeatures::of(&w.form)).collect(),
            // a tag pair never seen in training counts as the first class
            gold: s
                .words
                .iter()
                .map(|w| *index.get(&(w.upos.clone(), w.xpos.clone())).unwrap_or(&0))
                .collect(),
        })
        .collect()
}

fn tag_accuracy(t: &Tagger, examples: &[tagger::Example]) -> f64 {
    let (mut right, mut all) = (0, 0);
    for e in examples {
        for (p, g) in t.tag(&e.words).iter().zip(&e.gold) {
            right += usize::from(p == g);
            all += 1;
        }
    }
    right as f64 / all.max(1) as f64
}

/// Trains a tagger for `passes` passes (or, with `dev`, up to `passes` and
/// keeps the best on `dev`); returns it (without features updated fewer
/// than `min_updates` times), its trainer at that pass and the number of
/// passes used.
fn train_tagger(
    tags: &[(String, String)],
    train: &[tagger::Example],
    dev: Option<&[tagger::Example]>,
    passes: usize,
    min_updates: u32,
    opts: &Options,
    log: &mut Vec<String>,
) -> (Tagger, Trainer, usize) {
    let dictionary = tagger::dictionary(train, 20, 0.97);
    let ambiguity = tagger::ambiguity(train, 3);
    let mut train: Vec<tagger::Example> = train.iter().map(copy).collect();
    tagger::set_ambiguity(&mut train, &ambiguity);
    let dev: Option<Vec<tagger::Example>> = dev.map(|d| {
        let mut d: Vec<tagger::Example> = d.iter().map(copy).collect();
        tagger::set_ambiguity(&mut d, &ambiguity);
        d
    });
    let mut trainer = Trainer::new(tags.len());
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<&tagger::Example> = train.iter().collect();
    let mut best: Option<(f64, Tagger, Trainer, usize)> = None;
    let make = |trainer: &Trainer| Tagger {
        tags: tags.to_vec(),
        dictionary: dictionary.clone(),
        ambiguity: ambiguity.clone(),
        weights: trainer.average_kept(opts.prune, min_updates),
    };
    for pass in 1..=passes {
        rng.shuffle(&mut order);
        let (right, all) = tagger::train_epoch(&mut trainer, &dictionary, &order);
        let Some(dev) = &dev else { continue };
        let t = make(&trainer);
        let acc = tag_accuracy(&t, dev);
        log.push(format!(
            "tagger pass {pass}: train {:.4}, dev {:.4}",
            right as f64 / all.max(1) as f64,
            acc
        ));
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, t, trainer.clone(), pass));
        }
    }
    match best {
        Some((_, t, trainer, pass)) => (t, trainer, pass),
        None => (make(&trainer), trainer, passes),
    }
}

/// The thresholds tried for dropping rare features: a feature is kept when
/// it took part in at least this many updates (1 keeps every feature).
const MIN_UPDATES: [u32; 6] = [1, 2, 3, 4, 6, 8];

fn copy(e: &tagger::Example) -> tagger::Example {
    tagger::Example {
        words: e.words.clone(),
        gold: e.gold.clone(),
    }
}

fn tokens(feats: &[WordFeatures], tags: &[usize], table: &[(String, String)]) -> Vec<Token> {
    feats
        .iter()
        .zip(tags)
        .map(|(f, &t)| Token::new(f, t, &table[t].0))
        .collect()
}

fn dev_score(model: &Model, dev: &[ParsedSentence]) -> Scores {
    let pred: Vec<ParsedSentence> = dev
        .iter()
        .map(|s| {
            let mut p = s.clone();
            model.annotate(&mut p);
            p
        })
        .collect();
    eval::score(dev, &pred)
}

/// Trains the whole model on `train`, choosing passes on `dev`.
pub fn train(train: &[ParsedSentence], dev: &[ParsedSentence], opts: &Options) -> Trained {
    let mut log = Vec::new();
    let tags = tag_table(train);
    let index: FxHashMap<(String, String), usize> = tags
        .iter()
        .enumerate()
        .map(|(k, t)| (t.clone(), k))
        .collect();
    let train_ex = tag_examples(train, &index);
    let dev_ex = tag_examples(dev, &index);
    let (mut tagger, tagger_trainer, passes) = train_tagger(
        &tags,
        &train_ex,
        Some(&dev_ex),
        opts.tagger_passes,
        1,
        opts,
        &mut log,
    );
    log.push(format!("tagger: {passes} passes chosen"));
    // the tagger without its rarest features: the most dropped that costs
    // at most `max_loss` of accuracy on the development data
    let mut dev_tag = dev_ex.iter().map(copy).collect::<Vec<_>>();
    tagger::set_ambiguity(&mut dev_tag, &tagger.ambiguity);
    let full = tag_accuracy(&tagger, &dev_tag);
    let mut tagger_min = 1;
    for k in MIN_UPDATES.into_iter().filter(|_| opts.max_tag_loss > 0.0) {
        let t = Tagger {
            weights: tagger_trainer.average_kept(opts.prune, k),
            ..tagger.clone()
        };
        let acc = tag_accuracy(&t, &dev_tag);
        log.push(format!(
            "tagger, features updated at least {k} times: {} features, dev {acc:.4}",
            t.weights.features()
        ));
        if acc >= full - opts.max_tag_loss {
            tagger_min = k;
        }
    }
    tagger.weights = tagger_trainer.average_kept(opts.prune, tagger_min);
    log.push(format!(
        "tagger: features updated at least {tagger_min} times kept"
    ));

    // jackknifed tags for the parser's training data
    let mut predicted: Vec<Vec<usize>> = vec![Vec::new(); train_ex.len()];
    if opts.folds >= 2 {
        for fold in 0..opts.folds {
            let rest: Vec<tagger::Example> = train_ex
                .iter()
                .enumerate()
                .filter(|(k, _)| k % opts.folds != fold)
                .map(|(_, e)| copy(e))
                .collect();
            let (t, _, _) = train_tagger(&tags, &rest, None, passes, tagger_min, opts, &mut log);
            for (k, e) in train_ex.iter().enumerate() {
                if k % opts.folds == fold {
                    let mut e = copy(e);
                    tagger::set_ambiguity(std::slice::from_mut(&mut e), &t.ambiguity);
                    predicted[k] = t.tag(&e.words);
                }
            }
            log.push(format!(
                "jackknife fold {} of {} tagged",
                fold + 1,
                opts.folds
            ));
        }
    } else {
        for (k, e) in train_ex.iter().enumerate() {
            predicted[k] = e.gold.clone();
        }
    }

    let tags_table = tags.clone();
    let labels = label_table(train);
    let root = labels.iter().position(|l| l == "root").expect("root added");
    let lindex: FxHashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(k, l)| (l.as_str(), k))
        .collect();
    let parse_ex: Vec<parser::Example> = train
        .iter()
        .zip(&train_ex)
        .zip(&predicted)
        .map(|((s, e), tags)| parser::Example {
            toks: tokens(&e.words, tags, &tags_table),
            heads: parser::projectivize(
                &s.words.iter().map(|w| w.head as usize).collect::<Vec<_>>(),
            ),
            labels: s
                .words
                .iter()
                .map(|w| *lindex.get(w.deprel.as_str()).unwrap_or(&root))
                .collect(),
        })
        .collect();
    let dev_toks: Vec<Vec<Token>> = dev_ex
        .iter()
        .map(|e| {
            let mut e = copy(e);
            tagger::set_ambiguity(std::slice::from_mut(&mut e), &tagger.ambiguity);
            tokens(&e.words, &tagger.tag(&e.words), &tags)
        })
        .collect();

    let mut moves = Trainer::new(4);
    let mut labeller = Trainer::new(labels.len());
    let mut rng = Rng::new(opts.seed ^ 0x7061_7273);
    let mut order: Vec<&parser::Example> = parse_ex.iter().collect();
    let mut best: Option<(f64, Trainer, Trainer, usize)> = None;
    for pass in 1..=opts.parser_passes {
        rng.shuffle(&mut order);
        let wrong =
            parser::train_epoch(&mut moves, &mut labeller, root, &order, pass > 1, &mut rng);
        let p = Parser {
            labels: labels.clone(),
            root,
            moves: moves.average(opts.prune),
            labeller: labeller.average(opts.prune),
        };
        let pred: Vec<ParsedSentence> = dev
            .iter()
            .zip(&dev_toks)
            .map(|(s, toks)| {
                let (heads, ls) = p.parse(toks);
                let mut out = s.clone();
                for (w, (h, l)) in out.words.iter_mut().zip(heads.iter().zip(&ls)) {
                    w.head = *h as u32;
                    w.deprel.clone_from(&labels[*l]);
                }
                out
            })
            .collect();
        let sc = eval::score(dev, &pred);
        log.push(format!(
            "parser pass {pass}: {wrong} costly moves, dev UAS {:.4} LAS {:.4}",
            sc.uas, sc.las
        ));
        if best.as_ref().is_none_or(|b| sc.las > b.0) {
            best = Some((sc.las, moves.clone(), labeller.clone(), pass));
        }
    }
    let (_, mt, lt, ppass) = best.expect("at least one parser pass");
    log.push(format!("parser: {ppass} passes chosen"));
    let lemmas = Lemmatizer::learn(train.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.upos.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
            )
        })
    }));
    let model = |mk: u32, lk: u32, min: f32| Model {
        header: String::new(),
        tagger: tagger.clone(),
        parser: Parser {
            labels: labels.clone(),
            root,
            moves: mt.average_kept(min.max(opts.prune), mk),
            labeller: lt.average_kept(min.max(opts.prune), lk),
        },
        lemmas: lemmas.clone(),
    };
    if opts.max_loss <= 0.0 {
        return prune_by_size(model(1, 1, 0.0), dev, opts, log);
    }
    // the parser without its rarest and its smallest weights: the smallest
    // model that costs at most `max_loss` of LAS on the development data
    // (and fits in `max_bytes`)
    let full = model(1, 1, 0.0);
    let full_score = dev_score(&full, dev);
    let mut chosen = (full.to_bytes().len(), full, full_score, (1, 1, 0.0));
    for mk in [1, 2, 4, 6, 8] {
        for lk in [1, 2, 3] {
            for min in [0.0, 0.5, 0.8] {
                let m = model(mk, lk, min);
                let sc = dev_score(&m, dev);
                let size = m.to_bytes().len();
                log.push(format!(
                    "parser, features updated at least {mk} (moves) and {lk} (labels) times, \
                     weights from {min}: {:.1} MB, dev UAS {:.4} LAS {:.4}",
                    size as f64 / 1e6,
                    sc.uas,
                    sc.las
                ));
                let good = sc.las >= full_score.las - opts.max_loss && size < chosen.0;
                if good || chosen.0 > opts.max_bytes && size < chosen.0 {
                    chosen = (size, m, sc, (mk, lk, min));
                }
            }
        }
    }
    log.push(format!(
        "parser: features updated at least {} (moves) and {} (labels) times kept, \
         weights from {}",
        chosen.3 .0, chosen.3 .1, chosen.3 .2
    ));
    Trained {
        model: chosen.1,
        log,
        dev: chosen.2,
        min_updates: [tagger_min, chosen.3 .0, chosen.3 .1],
        min_weight: chosen.3 .2,
    }
}

/// Prunes `model`'s weights by size: the largest threshold that costs at
/// most 0.1 point of UPOS and 0.15 of LAS on the development data, within
/// the size limit.
fn prune_by_size(
    model: Model,
    dev: &[ParsedSentence],
    opts: &Options,
    mut log: Vec<String>,
) -> Trained {
    let full = dev_score(&model, dev);
    let mut chosen = (model.clone(), full, 0.0f32);
    for min in [0.02f32, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] {
        let mut m = model.clone();
        m.tagger.weights = m.tagger.weights.pruned(min);
        m.parser.moves = m.parser.moves.pruned(min);
        m.parser.labeller = m.parser.labeller.pruned(min);
        let sc = dev_score(&m, dev);
        let size = m.to_bytes().len();
        log.push(format!(
            "prune {min}: {:.1} MB, dev UPOS {:.4} UAS {:.4} LAS {:.4}",
            size as f64 / 1e6,
            sc.upos,
            sc.uas,
            sc.las
        ));
        let fits = chosen.0.to_bytes().len() > opts.max_bytes;
        if fits || (sc.upos >= full.upos - 0.001 && sc.las >= full.las - 0.0015) {
            chosen = (m, sc, min);
        }
    }
    log.push(format!("pruned below {}", chosen.2));
    Trained {
        model: chosen.0,
        log,
        dev: chosen.1,
        min_updates: [1, 1, 1],
        min_weight: chosen.2,
    }
}
