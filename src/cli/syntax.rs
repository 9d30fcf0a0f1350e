//! `newsgraph ner`, `newsgraph parse` and `newsgraph explain`: the name tagger, the parser and the whole reading of a text.

use crate::*;

/// The text an argument names: `-` for standard input, a file that exists,
/// or else the argument itself.
pub(crate) fn read_text_arg(input: &str) -> anyhow::Result<String> {
    Ok(if input == "-" {
        let mut t = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)
            .context("cannot read standard input")?;
        t
    } else if Path::new(input).is_file() {
        std::fs::read_to_string(input).with_context(|| format!("cannot read {input}"))?
    } else {
        input.to_string()
    })
}

/// `newsgraph ner`: the names of a text, or the name tagger's accuracy.
pub(crate) fn ner(
    input: Option<&str>,
    eval: Option<&Path>,
    json: bool,
    errors: bool,
    raw_tagger: bool,
) -> anyhow::Result<u8> {
    use newsgraph::{mentions::names, syntax};
    use rayon::prelude::*;
    let model = syntax::Model::builtin().map_err(|e| anyhow!(e))?;
    let tagger = names::NameTagger::builtin().map_err(|e| anyhow!(e))?;
    let lex = Lexicon::embedded();
    let mut out = String::new();
    if let Some(gold_path) = eval {
        let text = std::fs::read_to_string(gold_path)
            .with_context(|| format!("cannot read {}", gold_path.display()))?;
        let sents = syntax::conllu::read(&gold_path.display().to_string(), &text)?;
        let tagged: Vec<_> = sents.par_iter().map(|g| model.parse_gold(g)).collect();
        let gold: Vec<_> = sents.iter().map(names::gold).collect();
        // one document at a time: names agree within it
        let pred: Vec<_> = syntax::conllu::documents(&tagged)
            .par_iter()
            .flat_map_iter(|doc| tagger.document_names(doc, lex))
            .collect();
        let s = names::score(&gold, &pred);
        if errors {
            for ((sent, g), p) in sents.iter().zip(&gold).zip(&pred) {
                let words: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
                let text = |a: usize, b: usize| words[a..b].join(" ");
                for (mark, (a, b, kind), other) in names::errors(g, p) {
                    let was = other.map_or(String::new(), |k| format!(" (gold {k})"));
                    out.push_str(&format!(
                        "{mark} {kind:<12} {}{was}\t{}\n",
                        text(a, b),
                        words.join(" ")
                    ));
                }
            }
        }
        out.push_str(&format!(
            "names     {:>8}\nprecision {:>8.2}\nrecall    {:>8.2}\nF1        {:>8.2}\n",
            s.names,
            s.precision * 100.0,
            s.recall * 100.0,
            s.f1 * 100.0
        ));
        if json {
            out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
        }
        print!("{out}");
        return Ok(exit::SUCCESS);
    }
    let text = read_text_arg(input.unwrap_or("-"))?;
    if !raw_tagger {
        for m in newsgraph::graph::pipeline::names(&text, lex) {
            if json {
                out.push_str(&serde_json::to_string(&m)?);
                out.push('\n');
            } else {
                out.push_str(&format!(
                    "{}:{}\t{}\t{}\t{}\t{}\n",
                    m.start,
                    m.end,
                    m.text,
                    m.kind,
                    m.lexicon.as_deref().unwrap_or("-"),
                    m.entity
                ));
            }
        }
        return print(&out);
    }
    let sents = syntax::parse_text(&text, lex.segment_rules(), model);
    let names = tagger.document_names(&sents, lex);
    for (s, found) in sents.iter().zip(names) {
        for (a, b, kind) in found {
            let (start, end) = (
                s.words[a].span.map_or(0, |x| x.0),
                s.words[b - 1].span.map_or(0, |x| x.1),
            );
            let name = &text[start..end];
            let id = lex.lookup(name).map(|(id, _)| id);
            if json {
                out.push_str(&serde_json::to_string(&serde_json::json!({
                    "start": start, "end": end, "text": name,
                    "kind": kind.to_string(), "id": id,
                }))?);
                out.push('\n');
            } else {
                out.push_str(&format!(
                    "{start}:{end}\t{name}\t{kind}\t{}\n",
                    id.unwrap_or("-")
                ));
            }
        }
    }
    print(&out)
}

/// `newsgraph parse`: CoNLL-U or JSON of text, or accuracy on a gold file.
pub(crate) fn parse(
    input: Option<&str>,
    eval: Option<&Path>,
    json: bool,
    raw: bool,
    threads: Option<usize>,
) -> anyhow::Result<u8> {
    use newsgraph::syntax::{self, conllu, eval as score};
    use rayon::prelude::*;
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let model = syntax::Model::builtin().map_err(|e| anyhow!(e))?;
    let lex = Lexicon::embedded();
    let mut out = String::new();
    if let Some(gold_path) = eval {
        let text = std::fs::read_to_string(gold_path)
            .with_context(|| format!("cannot read {}", gold_path.display()))?;
        let gold = conllu::read(&gold_path.display().to_string(), &text)?;
        if raw {
            let mut texts = Vec::new();
            for (k, s) in gold.iter().enumerate() {
                let t = s.text.as_deref().with_context(|| {
                    format!(
                        "{}: sentence {} has no '# text' line, which --raw needs",
                        gold_path.display(),
                        k + 1
                    )
                })?;
                texts.push(t);
            }
            let pred = syntax::parse_text(&texts.join(" "), lex.segment_rules(), model);
            let s = score::score_raw(&gold, &pred);
            out.push_str(&format!("{s}\n"));
            if json {
                out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
            }
        } else {
            let pred: Vec<syntax::ParsedSentence> =
                gold.par_iter().map(|g| model.parse_gold(g)).collect();
            let s = score::score(&gold, &pred);
            out.push_str(&format!("{s}\n"));
            if json {
                out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
            }
        }
        print!("{out}");
        return Ok(exit::SUCCESS);
    }
    let text = read_text_arg(input.unwrap_or("-"))?;
    for s in syntax::parse_text(&text, lex.segment_rules(), model) {
        if json {
            out.push_str(&serde_json::to_string(&syntax::to_json(&s))?);
            out.push('\n');
        } else {
            conllu::write_sentence(&mut out, &s);
        }
    }
    print(&out)
}

/// `newsgraph explain`: how an article is read, sentence by sentence.
pub(crate) fn explain(input: &str) -> anyhow::Result<u8> {
    use newsgraph::graph::pipeline;
    let text = read_text_arg(input)?;
    let model = newsgraph::syntax::Model::builtin().map_err(|e| anyhow!(e))?;
    let lex = Lexicon::embedded();
    print(&pipeline::explain(
        &text,
        lex,
        &pipeline::annotator(model, lex),
    ))
}
