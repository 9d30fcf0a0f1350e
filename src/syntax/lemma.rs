//! Lemmas: suffix rules by Penn tag ("attacks"/VBZ -> "attack", "carried"/VBD
//! -> "carry"), with the training data's exceptions ("said" -> "say",
//! "forces" -> "force") kept beside the model.

use rustc_hash::FxHashMap;

/// Stems after "-ed"/"-ing" that lost a silent "e" ("designat" ->
/// "designate", "us" -> "use").
const SILENT_E: &[&str] = &[
    "at", "iz", "ur", "uc", "iv", "ov", "ag", "dg", "rg", "nc", "rc", "ut", "us", "ys", "bl", "pl",
    "gl", "tl", "dl", "kl",
];

fn restore_e(stem: String) -> String {
    if SILENT_E.iter().any(|e| stem.ends_with(e)) {
        stem + "e"
    } else {
        stem
    }
}

/// Whether a stem ending in "ll" doubled a final "l" of a verb of two
/// syllables or more ending in "-el" or "-ol": "repelled", "compelled",
/// "patrolled", "controlled", "travelled" (but "called", "spelled",
/// "installed", "recalled").
fn doubled_l(stem: &str) -> bool {
    let Some(base) = stem.strip_suffix("ll") else {
        return false;
    };
    let vowel = |c: char| "aeiouy".contains(c);
    let groups = base
        .chars()
        .zip(std::iter::once(' ').chain(base.chars()))
        .filter(|&(c, prev)| vowel(c) && !vowel(prev))
        .count();
    (base.ends_with('e') || base.ends_with('o')) && groups >= 2
}

/// The lemma the suffix rules give to a lower-case word with Penn tag `xpos`.
pub fn by_rule(lower: &str, xpos: &str) -> String {
    let strip = |n: usize| lower[..lower.len() - n].to_string();
    let long = lower.chars().count() > 3;
    let doubled = |stem: &str| {
        let b = stem.as_bytes();
        b.len() >= 3
            && b[b.len() - 1] == b[b.len() - 2]
            && (!b"aeioulsz".contains(&b[b.len() - 1]) || doubled_l(stem))
            && b[b.len() - 1].is_ascii_alphabetic()
    };
    match xpos {
        "NNS" | "VBZ" if long => {
            if lower.ends_with("ies") {
                strip(3) + "y"
            } else if ["sses", "xes", "zes", "ches", "shes", "oes"]
                .iter()
                .any(|s| lower.ends_with(s))
            {
                strip(2)
            } else if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
                strip(1)
            } else {
                lower.to_string()
            }
        }
        "VBD" | "VBN" if long && lower.ends_with("ed") => {
            if lower.ends_with("ied") {
                strip(3) + "y"
            } else {
                let stem = strip(2);
                if doubled(&stem) {
                    stem[..stem.len() - 1].to_string()
                } else {
                    restore_e(stem)
                }
            }
        }
        "VBG" if long && lower.ends_with("ing") => {
            let stem = strip(3);
            if doubled(&stem) {
                stem[..stem.len() - 1].to_string()
            } else {
                restore_e(stem)
            }
        }
        "JJR" | "RBR" if long && lower.ends_with("er") => strip(2),
        "JJS" | "RBS" if long && lower.ends_with("est") => strip(3),
        _ => lower.to_string(),
    }
}

/// Lemmas with exceptions learnt from annotated text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lemmatizer {
    /// (lower-case form, Penn tag) -> lemma, where the rules are wrong.
    pub exceptions: FxHashMap<(String, String), String>,
}

impl Lemmatizer {
    /// The lemma of `form` tagged `upos`/`xpos`. Proper nouns keep their
    /// spelling, as in UD English.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.exceptions.get(&(lower.clone(), xpos.to_string())) {
            return l.clone();
        }
        if upos == "PROPN" {
            return form.to_string();
        }
        by_rule(&lower, xpos)
    }

    /// Learns the exceptions from (form, xpos, lemma) triples: the most
    /// frequent lemma of each (form, tag) when the rules give another.
    pub fn learn<'a>(triples: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut counts: FxHashMap<(String, String), FxHashMap<String, usize>> =
            FxHashMap::default();
        for (form, upos, xpos, lemma) in triples {
            if upos == "PROPN" && lemma == form {
                continue;
            }
            *counts
                .entry((form.to_lowercase(), xpos.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut exceptions = FxHashMap::default();
        for ((lower, xpos), by) in counts {
            let mut by: Vec<(String, usize)> = by.into_iter().collect();
            by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let best = &by[0].0;
            if *best != by_rule(&lower, &xpos) && best != "_" {
                exceptions.insert((lower, xpos), best.clone());
            }
        }
        Lemmatizer { exceptions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        for (form, tag, lemma) in [
            ("attacks", "VBZ", "attack"),
            ("carried", "VBD", "carry"),
            ("stopped", "VBD", "stop"),
            ("repelled", "VBD", "repel"),
            ("patrolling", "VBG", "patrol"),
            ("controlled", "VBN", "control"),
            ("called", "VBD", "call"),
            ("spelled", "VBD", "spell"),
            ("installed", "VBN", "install"),
            ("recalled", "VBD", "recall"),
            ("killed", "VBD", "kill"),
            ("backed", "VBN", "back"),
            ("designated", "VBD", "designate"),
            ("urging", "VBG", "urge"),
            ("condemned", "VBD", "condemn"),
            ("killing", "VBG", "kill"),
            ("militias", "NNS", "militia"),
            ("marches", "NNS", "march"),
            ("strikes", "NNS", "strike"),
            ("bigger", "JJR", "bigg"),
            ("news", "NN", "news"),
            ("is", "VBZ", "is"),
        ] {
            assert_eq!(by_rule(form, tag), lemma, "{form}/{tag}");
        }
    }

    #[test]
    fn exceptions_win_and_proper_nouns_keep_their_case() {
        let l = Lemmatizer::learn(
            [
                ("said", "VERB", "VBD", "say"),
                ("said", "VERB", "VBD", "say"),
                ("bigger", "ADJ", "JJR", "big"),
            ]
            .into_iter(),
        );
        assert_eq!(l.lemma("Said", "VERB", "VBD"), "say");
        assert_eq!(l.lemma("bigger", "ADJ", "JJR"), "big");
        assert_eq!(l.lemma("Hamas", "PROPN", "NNP"), "Hamas");
        assert_eq!(l.lemma("attacked", "VERB", "VBD"), "attack");
    }
}
