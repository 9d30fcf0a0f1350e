//! The lexicon: names, demonyms, titles, relation types and their triggers.
//!
//! Everything newsgraph knows about the world and about English lives in RON
//! files (`data/lexicon/*.ron`), compiled into the binary as the default and
//! extendable or replaceable from a directory. Every file has the same shape,
//! a [`LexiconFile`] whose sections are all optional, so a user can add a
//! militia, a title or a trigger verb in a file of their own:
//!
//! ```ron
//! (
//!     entities: [
//!         (name: "Liwa Fatemiyoun", kind: militia, aliases: ["Fatemiyoun Brigade"]),
//!     ],
//! )
//! ```
//!
//! The lexicon is shared by every stage and uses none. Its parts, by job:
//! `file` (what a file holds, reading it), `words` (the word classes),
//! `names` (the name index and its automaton), `frames` and `paths`
//! (relation types, their triggers and dependency paths) and `check`
//! (validation).

pub mod check;
pub mod file;
pub(crate) mod frames;
pub(crate) mod names;
pub mod paths;
pub mod words;

pub use check::{check_and_build, check_dir, check_files, Checked, CommonWord, Problem};
pub use file::{
    parse_file, ron_files, EntityEntry, FrameRole, LexiconFile, NounSpec, PronounEntry,
    RelationType, Role, StateEntry, TitleEntry, VerbSpec,
};
pub(crate) use frames::{NounTrigger, VerbForm, VerbTrigger};
pub(crate) use names::{fold_for_match, LexEntity, Pattern, Target};
pub(crate) use words::WordSets;
pub use words::{SegmentRules, Words};

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// The embedded default lexicon: (file name, contents).
const EMBEDDED: &[(&str, &str)] = &[
    ("states.ron", include_str!("../../data/lexicon/states.ron")),
    (
        "militias.ron",
        include_str!("../../data/lexicon/militias.ron"),
    ),
    (
        "organizations.ron",
        include_str!("../../data/lexicon/organizations.ron"),
    ),
    ("places.ron", include_str!("../../data/lexicon/places.ron")),
    ("cities.ron", include_str!("../../data/lexicon/cities.ron")),
    (
        "provinces.ron",
        include_str!("../../data/lexicon/provinces.ron"),
    ),
    ("titles.ron", include_str!("../../data/lexicon/titles.ron")),
    (
        "relations.ron",
        include_str!("../../data/lexicon/relations.ron"),
    ),
    ("words.ron", include_str!("../../data/lexicon/words.ron")),
    (
        "given_names.ron",
        include_str!("../../data/lexicon/given_names.ron"),
    ),
    (
        "surnames.ron",
        include_str!("../../data/lexicon/surnames.ron"),
    ),
];

/// A compiled lexicon, ready for extraction. Build it once per process:
/// [`Lexicon::embedded`] caches the default one.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub(crate) entities: Vec<LexEntity>,
    pub(crate) titles: Vec<TitleEntry>,
    /// The id of each capital's entity, with the id of its state.
    capitals: HashMap<String, String>,
    pub(crate) relations: Vec<RelationType>,
    relation_index: HashMap<String, usize>,
    pub(crate) names: AhoCorasick,
    /// For each pattern of `names`, the spellings (indices into `patterns`)
    /// it stands for.
    pub(crate) name_groups: Vec<Vec<usize>>,
    pub(crate) patterns: Vec<Pattern>,
    /// The trigger tables of the relation types.
    pub(crate) triggers: frames::Triggers,
    pub(crate) words: WordSets,
    pub(crate) segment_rules: SegmentRules,
    /// The words of the entities' names with the kinds they name, for the
    /// name tagger (made when first needed).
    pub(crate) name_words: std::sync::OnceLock<HashMap<u64, u64>>,
    /// Every spelling of the entities, by the hash of its letters and digits
    /// in lower case (built on first use by `mentions::names`).
    pub(crate) full_names: std::sync::OnceLock<HashMap<u64, EntityKind>>,
}

/// Gathers lexicon files, then compiles them into a [`Lexicon`].
#[derive(Clone, Debug, Default)]
pub struct LexiconBuilder {
    files: Vec<(String, LexiconFile)>,
}

impl LexiconBuilder {
    /// An empty builder (no default lexicon).
    pub fn new() -> LexiconBuilder {
        LexiconBuilder::default()
    }

    /// A builder holding the embedded default lexicon.
    pub fn with_defaults() -> LexiconBuilder {
        let mut b = LexiconBuilder::new();
        for (name, text) in EMBEDDED {
            let path = format!("<embedded>/{name}");
            // The embedded files are checked by the test suite; a failure here is a build defect.
            let file = parse_file(&path, text)
                .unwrap_or_else(|e| panic!("embedded lexicon is invalid: {e}"));
            b.files.push((path, file));
        }
        b
    }

    /// Adds one parsed file.
    pub fn add_file(&mut self, origin: impl Into<String>, file: LexiconFile) -> &mut Self {
        self.files.push((origin.into(), file));
        self
    }

    /// Adds the RON text of one file; `path` names it in errors.
    pub fn add_source(&mut self, path: &str, text: &str) -> Result<&mut Self> {
        let file = parse_file(path, text)?;
        Ok(self.add_file(path, file))
    }

    /// Adds every `*.ron` file of `dir`, in file-name order.
    pub fn add_dir(&mut self, dir: &Path) -> Result<&mut Self> {
        for path in ron_files(dir)? {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            self.add_source(&path.display().to_string(), &text)?;
        }
        Ok(self)
    }

    /// Compiles the gathered files; checks that relation types are unique and
    /// that every name has one meaning.
    pub fn build(&self) -> Result<Lexicon> {
        compile(&self.files)
    }
}

impl Lexicon {
    /// The embedded default lexicon, compiled once per process.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            LexiconBuilder::with_defaults()
                .build()
                .unwrap_or_else(|e| panic!("embedded lexicon is invalid: {e}"))
        })
    }

    /// The relation types, in declaration order.
    pub fn relation_types(&self) -> &[RelationType] {
        &self.relations
    }

    /// The relation type called `name`.
    pub fn relation_type(&self, name: &str) -> Option<&RelationType> {
        self.relation_index.get(name).map(|&i| &self.relations[i])
    }

    /// The type a candidate of type `r` becomes when its target's kind is
    /// not allowed (`otherwise` in relations.ron).
    pub(crate) fn otherwise(&self, r: usize) -> Option<usize> {
        self.relations[r]
            .otherwise
            .as_deref()
            .and_then(|name| self.relation_id(name))
    }

    /// The first relation type that plays `role` in the word-window frames.
    pub(crate) fn relation_with(&self, role: FrameRole) -> Option<usize> {
        self.relations.iter().position(|r| r.roles.contains(&role))
    }

    /// Whether an intent verb of relation type `intent` turns an event of
    /// type `event` into `intent` (`intent_of` in relations.ron).
    pub(crate) fn intent_applies(&self, intent: usize, event: usize) -> bool {
        let of = &self.relations[intent].intent_of;
        of.is_empty() || of.iter().any(|n| *n == self.relations[event].name)
    }

    pub(crate) fn relation_id(&self, name: &str) -> Option<usize> {
        self.relation_index.get(name).copied()
    }

    /// The relation a title of role `role` gives, as the lexicon declares it.
    pub(crate) fn title_relation(&self, role: Role) -> Option<usize> {
        if role == Role::None {
            return None;
        }
        self.relations
            .iter()
            .position(|r| r.title_role == Some(role))
    }

    /// The entity a name is in the lexicon (its canonical name or an
    /// alias, case-insensitively; acronyms exactly): its id and kind.
    pub fn lookup(&self, name: &str) -> Option<(&str, EntityKind)> {
        let lower = name.to_lowercase();
        self.patterns.iter().find_map(|p| match p.target {
            Target::Entity(e)
                if (p.acronym && p.text == name)
                    || (!p.acronym && p.text.to_lowercase() == lower) =>
            {
                Some((self.entities[e].id.as_str(), self.entities[e].kind))
            }
            _ => None,
        })
    }

    /// The segmentation rules this lexicon gives.
    pub fn segment_rules(&self) -> &SegmentRules {
        &self.segment_rules
    }

    /// The universal part of speech the relation triggers give a word form,
    /// when they give one: a noun trigger that no verb trigger spells and
    /// that is not an `-ing` form ("airstrikes") is a `NOUN`; a verb trigger's
    /// third-person or past form that no noun trigger spells ("condemns") is
    /// a `VERB`. The parser takes this for words it never saw in training.
    pub fn part_of_speech(&self, form: &str) -> Option<&'static str> {
        let lower = form.to_lowercase();
        if let Some(forms) = self.triggers.verbs.get(&lower) {
            let finite = forms
                .iter()
                .any(|v| matches!(v.form, VerbForm::Third | VerbForm::Past));
            return (finite && !self.triggers.nouns.contains_key(&lower)).then_some("VERB");
        }
        (self.triggers.nouns.contains_key(&lower)
            && !lower.ends_with("ing")
            && !self.triggers.adjectives.contains_key(&lower))
        .then_some("NOUN")
    }

    /// Whether `lower` is the third-person form of a verb trigger
    /// ("backs", "shelters"), whatever nouns spell it too.
    pub(crate) fn third_person_trigger(&self, lower: &str) -> bool {
        self.verb_trigger_in(lower, &[VerbForm::Third])
    }

    /// Whether `lower` is the past form of a verb trigger ("fought",
    /// "attacked") that no noun trigger spells.
    pub(crate) fn past_trigger(&self, lower: &str) -> bool {
        !self.triggers.nouns.contains_key(lower)
            && self.verb_trigger_in(lower, &[VerbForm::Past, VerbForm::PastOrParticiple])
    }

    /// Whether `lower` spells a verb trigger in one of `forms`.
    fn verb_trigger_in(&self, lower: &str, forms: &[VerbForm]) -> bool {
        self.triggers
            .verbs
            .get(lower)
            .is_some_and(|vs| vs.iter().any(|v| forms.contains(&v.form)))
    }

    /// The id of the state whose capital the entity `id` is ("tehran":
    /// "iran").
    pub(crate) fn state_of_capital(&self, id: &str) -> Option<&str> {
        self.capitals.get(id).map(String::as_str)
    }

    /// How many entities the lexicon knows by name.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }
}

/// Compiles parsed files into a lexicon.
fn compile(files: &[(String, LexiconFile)]) -> Result<Lexicon> {
    let names::NameTable {
        entities,
        patterns,
        titles,
        capitals,
        ..
    } = names::NameTable::read(files);
    let (relations, relation_index) = frames::relation_types(files)?;
    let triggers = frames::Triggers::compile(&relations)?;
    let (names, name_groups) = names::automaton(&patterns)?;
    let all_words: Vec<&Words> = files.iter().map(|(_, f)| &f.words).collect();
    let words = WordSets::gather(&all_words, plural_demonyms(files));
    let segment_rules = words.segment_rules();
    Ok(Lexicon {
        entities,
        titles,
        capitals,
        relations,
        relation_index,
        names,
        name_groups,
        patterns,
        triggers,
        words,
        segment_rules,
        name_words: OnceLock::new(),
        full_names: OnceLock::new(),
    })
}

/// The plural demonyms of the states ("Palestinians" beside "Palestinian").
fn plural_demonyms(files: &[(String, LexiconFile)]) -> HashSet<String> {
    let mut out = HashSet::default();
    for st in files.iter().flat_map(|(_, f)| &f.states) {
        for d in &st.demonyms {
            if let Some(single) = d.strip_suffix('s') {
                if st.demonyms.iter().any(|x| x == single) {
                    out.insert(d.to_lowercase());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_know_their_state() {
        let lex = Lexicon::embedded();
        assert_eq!(lex.state_of_capital("tehran"), Some("iran"));
        assert_eq!(lex.state_of_capital("washington"), Some("united-states"));
        assert_eq!(lex.state_of_capital("iran"), None);
    }

    #[test]
    fn triggers_fix_the_part_of_speech_of_words_only_one_kind_spells() {
        let lex = Lexicon::embedded();
        assert_eq!(lex.part_of_speech("Airstrikes"), Some("NOUN"));
        assert_eq!(lex.part_of_speech("condemns"), Some("VERB"));
        // a verb and a noun trigger: the tagger decides
        assert_eq!(lex.part_of_speech("attacks"), None);
        assert_eq!(lex.part_of_speech("shelling"), None);
        assert_eq!(lex.part_of_speech("table"), None);
    }

    #[test]
    fn embedded_lexicon_compiles() {
        let lex = Lexicon::embedded();
        assert!(lex.entity_count() > 300);
        for name in [
            "backs",
            "attacked",
            "condemned",
            "urged",
            "threatened",
            "rejected",
            "blamed",
            "met",
            "arrested",
            "leads",
            "member_of",
            "located_in",
            "killed",
            "allied_with",
        ] {
            assert!(
                lex.relation_type(name).is_some(),
                "missing relation type {name}"
            );
        }
    }
}
