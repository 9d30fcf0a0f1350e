//! Modality and polarity of an event word: is it stated as a fact?
//!
//! Read from the parse around the trigger, with the word lists of the
//! lexicon (`negations`, `modals`, `conditionals`, `prospective_verbs`,
//! `denials`, `accusation_verbs`, `speech_verbs`): the trigger's own
//! dependents, then up the chain of clauses that govern it (`xcomp`,
//! `ccomp`, a light verb's object, a passive participle).

use super::Cx;
use rustc_hash::FxHashSet as HashSet;

/// Why a candidate relation gives no edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drop {
    /// "did not attack", "never backed", "no attacks".
    Negated,
    /// "if Iran attacks", "unless ...".
    Conditional,
    /// "could strike", "would attack", "may back".
    Hypothetical,
    /// "preparing to strike", "plans to attack".
    Prospective,
    /// "denied attacking", "refused to back".
    Denied,
    /// "accused X of attacking Y": the accusation is the fact, not the attack.
    Alleged,
    /// "Did Iran attack?"
    Question,
    /// The relation type does not allow these kinds at its ends.
    KindNotAllowed,
    /// Both ends are the same entity.
    SameEntity,
}

impl Drop {
    /// Whether the candidate was dropped for what the sentence says of it
    /// (negation, condition, modality, denial, accusation, question) rather
    /// than for the kinds at its ends.
    pub fn is_modal(self) -> bool {
        !matches!(self, Drop::KindNotAllowed | Drop::SameEntity)
    }

    /// The reason as `explain` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Drop::Negated => "negated",
            Drop::Conditional => "conditional",
            Drop::Hypothetical => "hypothetical (modal or future)",
            Drop::Prospective => "prospective (not yet done)",
            Drop::Denied => "denied",
            Drop::Alleged => "alleged (an accusation)",
            Drop::Question => "question",
            Drop::KindNotAllowed => "kind not allowed",
            Drop::SameEntity => "same entity at both ends",
        }
    }
}

/// How a kept relation is stated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// Stated by the article.
    #[default]
    Stated,
    /// Reported from someone's words ("X said Y attacked Z").
    Reported,
}

impl Mode {
    /// The mode as the evidence records it.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Stated => "stated",
            Mode::Reported => "reported",
        }
    }
}

/// The modality of an event word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Modality {
    pub dropped: Option<Drop>,
    pub mode: Mode,
    /// The relation an intent verb above the event gives ("vowed to strike").
    pub intent: Option<usize>,
}

/// How many governing clauses are read above the trigger.
const MAX_CLIMB: usize = 6;

pub(crate) fn of(cx: &Cx, t: usize) -> Modality {
    let w = &cx.lex.words;
    let mut m = Modality::default();
    let mut x = t;
    // a drop found at or above an intent verb ("did not vow to strike")
    // blocks the intent too
    let set = |m: &mut Modality, d: Drop| {
        m.intent = None;
        m.dropped.get_or_insert(d);
    };
    // not yet done, and intended as the intent verb's type unless a drop
    // below already holds
    let intend = |m: &mut Modality, intent: Option<usize>| {
        let intent = if m.dropped.is_none() { intent } else { None };
        set(m, Drop::Prospective);
        m.intent = intent;
    };
    // "will continue to support": the support goes on, the future is its
    // continuation
    let mut ongoing = false;
    for _ in 0..MAX_CLIMB {
        for &c in cx.kids(x) {
            let d = cx.deprel(c);
            let word = cx.lower[c].as_str();
            match d {
                "advmod" | "neg" if w.negations.contains(word) => set(&mut m, Drop::Negated),
                "det" if word == "no" => set(&mut m, Drop::Negated),
                // "Neither X nor Y attacked Z": a negative coordinator
                "cc" | "cc:preconj" if w.negations.contains(word) => set(&mut m, Drop::Negated),
                "aux" if ongoing && w.future_modals.contains(word) => {}
                "aux" if w.modals.contains(word) || w.modals.contains(&cx.lemma(c)) => {
                    set(&mut m, Drop::Hypothetical)
                }
                "mark" if w.conditionals.contains(word) => set(&mut m, Drop::Conditional),
                "advmod" if w.hedges.contains(word) => set(&mut m, Drop::Hypothetical),
                "advmod" if w.accusation_verbs.contains(word) => set(&mut m, Drop::Alleged),
                _ => {}
            }
        }
        let Some(h) = cx.head(x) else { break };
        let lemma = cx.lemma(h);
        let form = cx.lower[h].as_str();
        let has = |list: &HashSet<String>| list.contains(form) || list.contains(&lemma);
        let rel = cx.clause_rel(x);
        ongoing = rel == "xcomp" && has(&w.ongoing_verbs);
        match rel {
            "xcomp" => {
                if has(&w.denials) {
                    set(&mut m, Drop::Denied);
                } else if has(&w.prospective_verbs) {
                    intend(&mut m, intent_relation(cx, &lemma, form));
                }
            }
            // "its intention to retaliate", "plans to strike": the noun
            // governs the event as a verb does through xcomp
            "acl" if cx.upos(h) == "NOUN" && cx.kids(x).iter().any(|&c| cx.lower[c] == "to") => {
                let intent = intent_relation(cx, &lemma, form);
                if intent.is_some() || has(&w.prospective_verbs) {
                    intend(&mut m, intent);
                }
            }
            "ccomp" => {
                if has(&w.denials) {
                    set(&mut m, Drop::Denied);
                } else if has(&w.speech_verbs) {
                    m.mode = crate::relations::Mode::Reported;
                }
            }
            "advcl" | "acl" if has(&w.accusation_verbs) => set(&mut m, Drop::Alleged),
            // "has denied supporting Y": a gerund right after a denial is
            // what is denied, however the parser hung it (not "denied the
            // claim, saying ...", which a comma or an object comes before)
            "advcl" if has(&w.denials) && denied_gerund(cx, h, x) => set(&mut m, Drop::Denied),
            // "accused Israel of attacking": the clause may hang on the accused
            "acl"
                if cx.head(h).is_some_and(|g| {
                    let l = cx.lemma(g);
                    matches!(cx.deprel(h), "obj" | "iobj")
                        && (w.accusation_verbs.contains(&l)
                            || w.accusation_verbs.contains(cx.lower[g].as_str()))
                }) =>
            {
                set(&mut m, Drop::Alleged)
            }
            // "did not launch attacks": the light verb's polarity; "vowed
            // revenge against Y": an event noun as an intent verb's object
            // is intended, as its complement clause is
            "obj" if cx.upos(x) == "NOUN" => {
                if let Some(intent) = intent_relation(cx, &lemma, form) {
                    intend(&mut m, Some(intent));
                }
            }
            // "could provide Y with weapons": the same, through "with"
            "obl"
                if cx.upos(x) == "NOUN" && cx.is_light_verb(h) && cx.case_of(x) == Some("with") => {
            }
            "advcl" => {
                // "X struck after Y attacked": its own clause only
                break;
            }
            _ => break,
        }
        x = h;
    }
    if cx.parse.words.last().is_some_and(|last| last.form == "?") {
        set(&mut m, Drop::Question);
    }
    m
}

/// Whether `x`, a clause the parser hung on the denial `h`, is the gerund
/// the denial takes ("denied ever supporting Y"): a gerund after it, with
/// no subject or marker of its own and only adverbs between them.
fn denied_gerund(cx: &Cx, h: usize, x: usize) -> bool {
    x > h
        && cx.parse.words[x].xpos == "VBG"
        && !cx
            .kids(x)
            .iter()
            .any(|&c| c < x && matches!(cx.deprel(c), "nsubj" | "mark" | "punct"))
        && (h + 1..x).all(|k| matches!(cx.upos(k), "ADV" | "PART"))
}

/// The relation whose `intents` lists the verb governing an event.
pub(super) fn intent_relation(cx: &Cx, lemma: &str, form: &str) -> Option<usize> {
    cx.lex
        .relations
        .iter()
        .position(|r| r.intents.iter().any(|i| i == lemma || i == form))
}
