//! Accuracy of predicted sentences against gold ones with the same words:
//! UPOS, XPOS, UAS and LAS over every word (punctuation included; LAS
//! compares the universal part of the label, as the CoNLL 2018 shared task).

use super::ParsedSentence;
use serde::Serialize;

/// Scores as fractions between 0 and 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Share of words with the right UPOS.
    pub upos: f64,
    /// Share of words with the right XPOS.
    pub xpos: f64,
    /// Share of words with the right head.
    pub uas: f64,
    /// Share of words with the right head and universal label.
    pub las: f64,
    /// Words compared.
    pub tokens: usize,
    /// Sentences compared.
    pub sentences: usize,
}

/// Compares `pred` with `gold`, sentence by sentence (same words assumed).
pub fn score(gold: &[ParsedSentence], pred: &[ParsedSentence]) -> Scores {
    let (mut upos, mut xpos, mut uas, mut las, mut n) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(pred) {
        for (a, b) in g.words.iter().zip(&p.words) {
            n += 1;
            upos += usize::from(a.upos == b.upos);
            xpos += usize::from(a.xpos == b.xpos);
            if a.head == b.head {
                uas += 1;
                las += usize::from(a.universal_deprel() == b.universal_deprel());
            }
        }
    }
    let f = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    Scores {
        upos: f(upos),
        xpos: f(xpos),
        uas: f(uas),
        las: f(las),
        tokens: n,
        sentences: gold.len(),
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "sentences {:>8}", self.sentences)?;
        writeln!(f, "tokens    {:>8}", self.tokens)?;
        writeln!(f, "UPOS      {:>8.2}", self.upos * 100.0)?;
        writeln!(f, "XPOS      {:>8.2}", self.xpos * 100.0)?;
        writeln!(f, "UAS       {:>8.2}", self.uas * 100.0)?;
        write!(f, "LAS       {:>8.2}", self.las * 100.0)
    }
}

/// Scores of parsing raw text against gold sentences, aligned by characters
/// (white space ignored) as the CoNLL 2018 scorer does: F1 of words and
/// sentences, and of UPOS, XPOS, UAS and LAS over words whose span matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct RawScores {
    /// Word segmentation F1.
    pub words: f64,
    /// Sentence segmentation F1.
    pub sentences: f64,
    /// UPOS F1 over aligned words.
    pub upos: f64,
    /// XPOS F1 over aligned words.
    pub xpos: f64,
    /// UAS F1 (the head's span matches too).
    pub uas: f64,
    /// LAS F1.
    pub las: f64,
    /// Gold words.
    pub gold_words: usize,
    /// Predicted words.
    pub system_words: usize,
}

/// The spans of every word in a character stream without white space.
fn char_spans(sents: &[ParsedSentence]) -> Vec<Vec<(usize, usize)>> {
    let mut at = 0;
    sents
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    let n = w.form.chars().filter(|c| !c.is_whitespace()).count();
                    let span = (at, at + n);
                    at += n;
                    span
                })
                .collect()
        })
        .collect()
}

/// Compares sentences parsed from raw text with gold ones.
pub fn score_raw(gold: &[ParsedSentence], pred: &[ParsedSentence]) -> RawScores {
    use std::collections::HashMap;
    let gs = char_spans(gold);
    let ps = char_spans(pred);
    let index = |sents: &[ParsedSentence], spans: &[Vec<(usize, usize)>]| {
        let mut m: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
        for (k, s) in spans.iter().enumerate() {
            for (i, sp) in s.iter().enumerate() {
                m.insert(*sp, (k, i));
            }
        }
        let _ = sents;
        m
    };
    let gi = index(gold, &gs);
    let head_span = |sents: &[ParsedSentence],
                     spans: &[Vec<(usize, usize)>],
                     k: usize,
                     i: usize| {
        match sents[k].words[i].head {
            0 => None,
            h => Some(spans[k][h as usize - 1]),
        }
    };
    let (mut words, mut upos, mut xpos, mut uas, mut las) = (0, 0, 0, 0, 0);
    for (k, s) in ps.iter().enumerate() {
        for (i, sp) in s.iter().enumerate() {
            let Some(&(gk, gw)) = gi.get(sp) else {
                continue;
            };
            words += 1;
            let (a, b) = (&gold[gk].words[gw], &pred[k].words[i]);
            upos += usize::from(a.upos == b.upos);
            xpos += usize::from(a.xpos == b.xpos);
            if head_span(gold, &gs, gk, gw) == head_span(pred, &ps, k, i) {
                uas += 1;
                las += usize::from(a.universal_deprel() == b.universal_deprel());
            }
        }
    }
    let sent_spans = |spans: &[Vec<(usize, usize)>]| -> std::collections::HashSet<(usize, usize)> {
        spans
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| (s[0].0, s[s.len() - 1].1))
            .collect()
    };
    let (gss, pss) = (sent_spans(&gs), sent_spans(&ps));
    let sent_match = gss.intersection(&pss).count();
    let (gn, pn) = (gi.len(), ps.iter().map(Vec::len).sum::<usize>());
    let f1 = |k: usize, g: usize, p: usize| {
        if g + p == 0 {
            0.0
        } else {
            2.0 * k as f64 / (g + p) as f64
        }
    };
    RawScores {
        words: f1(words, gn, pn),
        sentences: f1(sent_match, gss.len(), pss.len()),
        upos: f1(upos, gn, pn),
        xpos: f1(xpos, gn, pn),
        uas: f1(uas, gn, pn),
        las: f1(las, gn, pn),
        gold_words: gn,
        system_words: pn,
    }
}

impl std::fmt::Display for RawScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "gold words   {:>8}", self.gold_words)?;
        writeln!(f, "system words {:>8}", self.system_words)?;
        writeln!(f, "Words F1     {:>8.2}", self.words * 100.0)?;
        writeln!(f, "Sentences F1 {:>8.2}", self.sentences * 100.0)?;
        writeln!(f, "UPOS F1      {:>8.2}", self.upos * 100.0)?;
        writeln!(f, "XPOS F1      {:>8.2}", self.xpos * 100.0)?;
        writeln!(f, "UAS F1       {:>8.2}", self.uas * 100.0)?;
        write!(f, "LAS F1       {:>8.2}", self.las * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Word;

    fn sent(words: &[(&str, &str, u32, &str)]) -> ParsedSentence {
        ParsedSentence {
            words: words
                .iter()
                .map(|&(form, upos, head, deprel)| Word {
                    form: form.into(),
                    upos: upos.into(),
                    head,
                    deprel: deprel.into(),
                    ..Word::default()
                })
                .collect(),
            ..ParsedSentence::default()
        }
    }

    #[test]
    fn gold_scores_and_universal_labels() {
        let gold = [sent(&[
            ("Iran", "PROPN", 2, "nsubj:pass"),
            ("won", "VERB", 0, "root"),
        ])];
        let pred = [sent(&[
            ("Iran", "PROPN", 2, "nsubj"),
            ("won", "NOUN", 1, "root"),
        ])];
        let s = score(&gold, &pred);
        assert_eq!((s.upos, s.uas, s.las, s.tokens), (0.5, 0.5, 0.5, 2));
    }

    #[test]
    fn raw_scores_align_by_characters() {
        let gold = [
            sent(&[("do", "AUX", 2, "aux"), ("n't", "PART", 0, "root")]),
            sent(&[("Go", "VERB", 0, "root")]),
        ];
        // one wrong split ("don't" as one word), both sentences kept
        let pred = [
            sent(&[("don't", "AUX", 0, "root")]),
            sent(&[("Go", "VERB", 0, "root")]),
        ];
        let s = score_raw(&gold, &pred);
        assert_eq!((s.gold_words, s.system_words), (3, 2));
        assert!((s.words - 2.0 / 5.0).abs() < 1e-9);
        assert_eq!(s.sentences, 1.0);
        assert!((s.uas - 2.0 / 5.0).abs() < 1e-9);
    }
}
