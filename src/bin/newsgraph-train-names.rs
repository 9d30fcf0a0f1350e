//! Trains newsgraph's name tagger on the named mentions of UD English-GUM
//! and writes `data/models/names.bin` (see `scripts/train-models.sh`).
//!
//! ```text
//! newsgraph-train-names --ud ../shared/ud -o data/models/names.bin
//! ```
//!
//! The committed model: three perceptrons (seeds 1, 2, 3), averaged, each
//! trained for 6 passes on gum-train and gum-dev together. The number of
//! passes was chosen with `--select-on-dev` (gum-train alone, each pass
//! scored on gum-dev: the best came at 5, with dev's sentences one more);
//! gum-test is never read here.

use anyhow::{bail, Context, Result};
use newsgraph::mentions::names::{self, Span};
use newsgraph::syntax::{conllu, Model, ParsedSentence};
use newsgraph::Lexicon;
use std::path::{Path, PathBuf};

/// Sentences with the syntax model's tags (what the tagger sees on new
/// text) and their gold names (from the gold annotation).
fn read(dir: &Path, name: &str, model: &Model) -> Result<Vec<(ParsedSentence, Vec<Span>)>> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let sents = conllu::read(&path.display().to_string(), &text)?;
    Ok(sents
        .into_iter()
        .map(|s| {
            let gold = names::gold(&s);
            let mut p = s.clone();
            model.annotate(&mut p);
            (p, gold)
        })
        .collect())
}

fn main() -> Result<()> {
    let mut ud = PathBuf::from("../shared/ud");
    let mut out = PathBuf::from("data/models/names.bin");
    let mut passes = 6;
    let mut seeds = vec![1u64, 2, 3];
    let mut select = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |what: &str| args.next().with_context(|| format!("{a} needs {what}"));
        match a.as_str() {
            "--ud" => ud = value("a folder")?.into(),
            "-o" | "--output" => out = value("a file")?.into(),
            "--passes" => passes = value("a number")?.parse()?,
            "--seeds" => {
                seeds = value("numbers, such as 1,2,3")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            "--select-on-dev" => select = true,
            "-h" | "--help" => {
                println!(
                    "newsgraph-train-names [--ud DIR] [-o FILE] [--passes N] [--seeds N,N,...] \
                     [--select-on-dev]\n\nTrains on gum-train and gum-dev for N passes (6); \
                     with --select-on-dev, on gum-train alone, keeping the pass (at most N) that \
                     scores best on gum-dev."
                );
                return Ok(());
            }
            _ => bail!("unknown argument {a}"),
        }
    }
    if !ud.join("gum-train.conllu").exists() {
        bail!(
            "{} has no gum-train.conllu: point --ud at the shared UD folder",
            ud.display()
        );
    }
    let model = Model::builtin().map_err(|e| anyhow::anyhow!(e))?;
    let lex = Lexicon::embedded();
    let mut train = read(&ud, "gum-train.conllu", model)?;
    let mut dev = read(&ud, "gum-dev.conllu", model)?;
    if !select {
        train.append(&mut dev);
    }
    let n: usize = train.iter().map(|(_, g)| g.len()).sum();
    eprintln!("{} training sentences with {n} names", train.len());
    let mut log = Vec::new();
    let (mut tagger, dev_scores) = names::train(&train, &dev, lex, passes, &seeds, &mut log);
    for l in &log {
        eprintln!("{l}");
    }
    let data = if select {
        format!(
            "gum-train.conllu ({n} names); passes (at most {passes}) chosen on gum-dev.conllu: \
             P {:.4} R {:.4} F1 {:.4}",
            dev_scores.precision, dev_scores.recall, dev_scores.f1
        )
    } else {
        format!("gum-train.conllu and gum-dev.conllu ({n} names), {passes} passes")
    };
    tagger.header = format!(
        "newsgraph name tagger: BILOU structured averaged perceptron (second-order Viterbi) over \
         person, place and organization names, the mean of {} perceptrons (seeds {seeds:?}).\n\
         Trained by newsgraph-train-names (scripts/train-models.sh) on the named mentions of \
         {data} (names as ../shared/ud/gum_names.py defines them), with the syntax model's \
         tags, word clusters (data/models/clusters.tsv) and the lexicon's names as \
         features.\nDerived from UD English-GUM, CC BY genres (Zeldes 2017), and from \
         newsgraph's lexicon; licensed CC BY-SA 4.0 like the syntax model it reads.\n",
        seeds.len()
    );
    let bytes = tagger.to_bytes();
    let tmp = out.with_extension("bin.tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &out).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} ({:.2} MB)",
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}
