//! Relation frames: the relation types of every file merged, and the
//! trigger tables the relation stage reads (verb forms, event nouns,
//! compounds, prefixes, predicate adjectives, patient and label nouns,
//! dependency paths).

use crate::error::{Error, Result};
use rustc_hash::FxHashMap as HashMap;

use super::file::{LexiconFile, RelationType, VerbSpec};
use super::paths::Path as DepPath;
use super::words::WordSets;

/// The grammatical form of a verb trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// "attack"
    Base,
    /// "attacks"
    Third,
    /// "struck" (past only)
    Past,
    /// "stricken" (participle only)
    Participle,
    /// "attacked" (past and participle)
    PastOrParticiple,
    /// "attacking"
    Ing,
}

/// A verb form that triggers a relation type.
#[derive(Clone, Debug)]
pub(crate) struct VerbTrigger {
    /// The relation type (index into the lexicon's types).
    pub relation: usize,
    /// Which form of the verb this is.
    pub form: VerbForm,
    /// A particle the target must follow ("call" + "on").
    pub prep: Option<String>,
    /// Prepositions that may introduce the target.
    pub preps: Vec<String>,
    /// The subject undergoes the event, whose doer an event noun in the
    /// verb's "in" phrase names ("Y died in an Israeli strike").
    pub undergoer: bool,
}

/// An event noun that triggers a relation type.
#[derive(Clone, Debug)]
pub(crate) struct NounTrigger {
    /// The relation type (index into the lexicon's types).
    pub relation: usize,
    /// Prepositions introducing the target ("on", "against").
    pub target_preps: Vec<String>,
    /// Prepositions introducing the source ("by", "from").
    pub source_preps: Vec<String>,
    /// Names something given to the target (`given` in the file).
    pub given: bool,
}

/// The relation types of `files`, in declaration order, and their index by
/// name. A later file that names a type again adds triggers to it.
pub(crate) fn relation_types(
    files: &[(String, LexiconFile)],
) -> Result<(Vec<RelationType>, HashMap<String, usize>)> {
    let mut relations: Vec<RelationType> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    for (path, file) in files {
        for r in &file.relations {
            if r.name.is_empty() {
                return Err(Error::Lexicon {
                    path: path.clone(),
                    message: "a relation type has no name".into(),
                });
            }
            if let Some(&i) = index.get(&r.name) {
                let existing = &mut relations[i];
                existing.verbs.extend(r.verbs.iter().cloned());
                existing.nouns.extend(r.nouns.iter().cloned());
                existing.compounds.extend(r.compounds.iter().cloned());
                existing
                    .reverse_compounds
                    .extend(r.reverse_compounds.iter().cloned());
                existing.prefixes.extend(r.prefixes.iter().cloned());
                existing.adjectives.extend(r.adjectives.iter().cloned());
                existing
                    .patient_nouns
                    .extend(r.patient_nouns.iter().cloned());
                existing.label_nouns.extend(r.label_nouns.iter().cloned());
                existing.intents.extend(r.intents.iter().cloned());
                existing.intent_of.extend(r.intent_of.iter().cloned());
                existing.paths.extend(r.paths.iter().cloned());
                existing.roles.extend(r.roles.iter().copied());
            } else {
                index.insert(r.name.clone(), relations.len());
                relations.push(r.clone());
            }
        }
    }
    for r in &relations {
        if let Some(other) = r.otherwise.as_ref().filter(|o| !index.contains_key(*o)) {
            return Err(Error::Lexicon {
                path: format!("relation {:?}", r.name),
                message: format!("`otherwise` names no relation type: {other:?}"),
            });
        }
        if let Some(other) = r.intent_of.iter().find(|o| !index.contains_key(*o)) {
            return Err(Error::Lexicon {
                path: format!("relation {:?}", r.name),
                message: format!("`intent_of` names no relation type: {other:?}"),
            });
        }
    }
    Ok((relations, index))
}

/// The trigger tables of the relation types, each word in lower case.
#[derive(Clone, Debug, Default)]
pub(crate) struct Triggers {
    /// Verb forms (every inflection of every lemma).
    pub verbs: HashMap<String, Vec<VerbTrigger>>,
    /// Event nouns, singular and plural.
    pub nouns: HashMap<String, Vec<NounTrigger>>,
    /// Compound halves ("backed"), and whether they read backwards.
    pub compounds: HashMap<String, (usize, bool)>,
    /// Prefixes ("pro").
    pub prefixes: HashMap<String, usize>,
    /// Predicate adjectives ("responsible").
    pub adjectives: HashMap<String, usize>,
    /// Nouns naming the target by its relation, singular and plural ("proxy").
    pub patient_nouns: HashMap<String, usize>,
    /// Names a speaker calls the target ("aggressor").
    pub label_nouns: HashMap<String, usize>,
    /// Path frames: (relation, path).
    pub paths: Vec<(usize, DepPath)>,
}

impl Triggers {
    /// The tables of `relations`; a path that does not parse, or names a
    /// word list the lexicon has not, is an error naming its type.
    pub(crate) fn compile(relations: &[RelationType]) -> Result<Triggers> {
        let mut t = Triggers::default();
        for (ri, r) in relations.iter().enumerate() {
            for text in &r.paths {
                let path = DepPath::parse(text).map_err(|message| Error::Lexicon {
                    path: format!("relation {:?}", r.name),
                    message: format!("path {text:?}: {message}"),
                })?;
                if let Some(list) = path
                    .steps
                    .iter()
                    .filter_map(|s| s.list.as_ref())
                    .find(|l| !WordSets::LISTS.contains(&l.as_str()))
                {
                    return Err(Error::Lexicon {
                        path: format!("relation {:?}", r.name),
                        message: format!(
                            "path {text:?}: no word list {list:?} (known: {})",
                            WordSets::LISTS.join(", ")
                        ),
                    });
                }
                t.paths.push((ri, path));
            }
            for v in &r.verbs {
                for (form, tag) in inflect(v) {
                    t.verbs.entry(form).or_default().push(VerbTrigger {
                        relation: ri,
                        form: tag,
                        prep: v.prep.as_ref().map(|p| p.to_lowercase()),
                        preps: v.preps.iter().map(|p| p.to_lowercase()).collect(),
                        undergoer: v.undergoer,
                    });
                }
            }
            for n in &r.nouns {
                let trigger = NounTrigger {
                    relation: ri,
                    target_preps: n.target_preps.iter().map(|p| p.to_lowercase()).collect(),
                    source_preps: n.source_preps.iter().map(|p| p.to_lowercase()).collect(),
                    given: n.given,
                };
                let plural = n.plural.clone().unwrap_or_else(|| pluralize(&n.word));
                t.nouns
                    .entry(n.word.to_lowercase())
                    .or_default()
                    .push(trigger.clone());
                t.nouns
                    .entry(plural.to_lowercase())
                    .or_default()
                    .push(trigger);
            }
            for c in &r.compounds {
                t.compounds.insert(c.to_lowercase(), (ri, false));
            }
            for c in &r.reverse_compounds {
                t.compounds.insert(c.to_lowercase(), (ri, true));
            }
            for a in &r.adjectives {
                t.adjectives.insert(a.to_lowercase(), ri);
            }
            for p in &r.prefixes {
                t.prefixes.insert(p.to_lowercase(), ri);
            }
            for p in &r.patient_nouns {
                t.patient_nouns.insert(p.to_lowercase(), ri);
                t.patient_nouns.insert(pluralize(p), ri);
            }
            for p in &r.label_nouns {
                t.label_nouns.insert(p.to_lowercase(), ri);
            }
        }
        Ok(t)
    }
}

/// Generates the inflections of a verb: (form, tag).
pub(crate) fn inflect(spec: &VerbSpec) -> Vec<(String, VerbForm)> {
    let lemma = spec.lemma.to_lowercase();
    let last = lemma.chars().last().unwrap_or('a');
    let before_last = lemma.chars().rev().nth(1).unwrap_or('a');
    let vowel = |c: char| "aeiou".contains(c);
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else if last == 'y' && !vowel(before_last) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    let stem_ed = if spec.double {
        format!("{lemma}{last}")
    } else {
        lemma.clone()
    };
    let regular_past = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if last == 'y' && !vowel(before_last) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{stem_ed}ed")
    };
    let ing = if lemma.ends_with("ie") {
        format!("{}ying", &lemma[..lemma.len() - 2])
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{stem_ed}ing")
    };
    let past = spec
        .past
        .clone()
        .map(|s| s.to_lowercase())
        .unwrap_or_else(|| regular_past.clone());
    let participle = spec
        .participle
        .clone()
        .map(|s| s.to_lowercase())
        .unwrap_or_else(|| past.clone());
    let mut out = vec![
        (lemma, VerbForm::Base),
        (third, VerbForm::Third),
        (ing, VerbForm::Ing),
    ];
    if past == participle {
        out.push((past, VerbForm::PastOrParticiple));
    } else {
        out.push((past, VerbForm::Past));
        out.push((participle, VerbForm::Participle));
    }
    out
}

/// Plural of a noun.
pub(crate) fn pluralize(word: &str) -> String {
    let w = word.to_lowercase();
    let last = w.chars().last().unwrap_or('a');
    let before_last = w.chars().rev().nth(1).unwrap_or('a');
    if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') {
        format!("{w}es")
    } else if last == 'y' && !"aeiou".contains(before_last) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let v = |lemma: &str, past: Option<&str>, double: bool| {
            let spec = VerbSpec {
                lemma: lemma.into(),
                past: past.map(Into::into),
                participle: past.map(Into::into),
                double,
                ..Default::default()
            };
            inflect(&spec)
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            v("attack", None, false),
            ["attack", "attacks", "attacking", "attacked"]
        );
        assert_eq!(v("urge", None, false), ["urge", "urges", "urging", "urged"]);
        assert_eq!(
            v("deny", None, false),
            ["deny", "denies", "denying", "denied"]
        );
        assert_eq!(
            v("strike", Some("struck"), false),
            ["strike", "strikes", "striking", "struck"]
        );
        assert_eq!(v("ban", None, true), ["ban", "bans", "banning", "banned"]);
        assert_eq!(
            v("reach", None, false),
            ["reach", "reaches", "reaching", "reached"]
        );
        assert_eq!(pluralize("proxy"), "proxies");
        assert_eq!(pluralize("attack"), "attacks");
    }
}
