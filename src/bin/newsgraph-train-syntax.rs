//! Trains newsgraph's tagger and parser on Universal Dependencies treebanks
//! and writes `data/models/syntax.bin` (see `scripts/train-models.sh`).
//!
//! ```text
//! newsgraph-train-syntax --ud ../shared/ud -o data/models/syntax.bin
//! ```

use anyhow::{bail, Context, Result};
use newsgraph::syntax::{conllu, train, ParsedSentence};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn read(dir: &Path, names: &[&str]) -> Result<Vec<ParsedSentence>> {
    let mut out = Vec::new();
    for name in names {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        out.extend(conllu::read(&path.display().to_string(), &text)?);
    }
    Ok(out)
}

fn main() -> Result<()> {
    let mut ud = PathBuf::from("../shared/ud");
    let mut out = PathBuf::from("data/models/syntax.bin");
    let mut opts = train::Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |what: &str| args.next().with_context(|| format!("{a} needs {what}"));
        match a.as_str() {
            "--ud" => ud = value("a folder")?.into(),
            "-o" | "--output" => out = value("a file")?.into(),
            "--tagger-passes" => opts.tagger_passes = value("a number")?.parse()?,
            "--parser-passes" => opts.parser_passes = value("a number")?.parse()?,
            "--folds" => opts.folds = value("a number")?.parse()?,
            "--seed" => opts.seed = value("a number")?.parse()?,
            "--prune" => opts.prune = value("a number")?.parse()?,
            "--max-loss" => opts.max_loss = value("a number")?.parse()?,
            "--max-tag-loss" => opts.max_tag_loss = value("a number")?.parse()?,
            "--rewrite" => {
                // a trained model written again in the current layout
                let from = value("a model file")?;
                let bytes = std::fs::read(&from).with_context(|| format!("cannot read {from}"))?;
                let mut model = newsgraph::syntax::Model::from_bytes(&bytes)
                    .map_err(|e| anyhow::anyhow!("{from}: {e}"))?;
                if opts.prune > 0.0 {
                    model.tagger.weights = model.tagger.weights.pruned(opts.prune);
                    model.parser.moves = model.parser.moves.pruned(opts.prune);
                    model.parser.labeller = model.parser.labeller.pruned(opts.prune);
                }
                let tmp = out.with_extension("bin.tmp");
                std::fs::write(&tmp, model.to_bytes())?;
                std::fs::rename(&tmp, &out)?;
                return Ok(());
            }
            "-h" | "--help" => {
                println!(
                    "newsgraph-train-syntax [--ud DIR] [-o FILE] [--tagger-passes N] \
                     [--parser-passes N] [--folds N] [--seed N] [--prune N] [--max-loss X] [--max-tag-loss X] \
                     | [-o FILE] --rewrite MODEL"
                );
                return Ok(());
            }
            _ => bail!("unknown argument {a}"),
        }
    }
    if !ud.join("ewt-train.conllu").exists() {
        bail!(
            "{} has no ewt-train.conllu: point --ud at the shared UD folder",
            ud.display()
        );
    }
    let started = Instant::now();
    let train_files = ["ewt-train.conllu", "gum-train.conllu"];
    let dev_files = ["ewt-dev.conllu", "gum-dev.conllu"];
    let train_set = read(&ud, &train_files)?;
    let dev_set = read(&ud, &dev_files)?;
    eprintln!(
        "{} training and {} development sentences",
        train_set.len(),
        dev_set.len()
    );
    let mut trained = train::train(&train_set, &dev_set, &opts);
    for line in &trained.log {
        eprintln!("{line}");
    }
    let d = trained.dev;
    // (said only when asked for, so that the default header is the one the
    // built-in model was made with)
    let rare = if opts.max_loss > 0.0 || opts.max_tag_loss > 0.0 {
        let k = trained.min_updates;
        format!(
            "Max loss {} LAS (tagger {}): features kept when updated at least {} (tagger), \
             {} (parser moves), {} (labels) times; parser weights kept from {}.\n",
            opts.max_loss, opts.max_tag_loss, k[0], k[1], k[2], trained.min_weight
        )
    } else {
        String::new()
    };
    trained.model.header = format!(
        "newsgraph syntax model: averaged-perceptron tagger (UPOS+XPOS) and arc-eager \
         parser with a dynamic oracle.\n\
         Trained by newsgraph-train-syntax (scripts/train-models.sh) on {train} \
         ({tokens} sentences), passes chosen on {dev}.\n\
         Options: tagger passes <= {tp}, parser passes <= {pp}, jackknife folds {f}, seed {s}, prune {pr}.\n\
         {rare}Development scores: UPOS {upos:.4} XPOS {xpos:.4} UAS {uas:.4} LAS {las:.4}.\n\
         Derived from UD English-EWT v2.15 (CC BY-SA 4.0, (c) 2013-2021 The Board of Trustees \
         of the Leland Stanford Junior University; Silveira et al., LREC 2014) and UD \
         English-GUM, CC BY genres (Zeldes 2017). This model is licensed CC BY-SA 4.0.\n",
        train = train_files.join(" + "),
        tokens = train_set.len(),
        dev = dev_files.join(" + "),
        tp = opts.tagger_passes,
        pp = opts.parser_passes,
        f = opts.folds,
        s = opts.seed,
        pr = opts.prune,
        rare = rare,
        upos = d.upos,
        xpos = d.xpos,
        uas = d.uas,
        las = d.las,
    );
    let bytes = trained.model.to_bytes();
    let tmp = out.with_extension("bin.tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &out).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    eprint!("{}", trained.model.header);
    Ok(())
}
