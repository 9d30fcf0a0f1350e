//! Word classes: the closed lists of English words the stages read
//! (`words` in a lexicon file, `data/lexicon/words.ron`).
//!
//! Each class is declared once, in `word_classes!`: the declaration makes
//! the field a file writes ([`Words`]), the field the compiled lexicon holds
//! (`WordSets`) and the line that gathers it from every file.

use crate::entity::EntityKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use super::file::PronounEntry;

/// How a class is gathered from the files, and what it becomes.
/// - `set`: every file's words, in lower case, as a set;
/// - `verbatim`: the same, with the case as written;
/// - `phrases`: every file's phrases, each split into lower-case words;
/// - `ordered`: the first file's list that has any, in lower case and in
///   its order (the position means something: months).
macro_rules! class_type {
    (set) => { HashSet<String> };
    (verbatim) => { HashSet<String> };
    (phrases) => { Vec<Vec<String>> };
    (ordered) => { Vec<String> };
}

macro_rules! gather_class {
    (set, $lists:expr) => {
        $lists.flatten().map(|s| s.to_lowercase()).collect()
    };
    (verbatim, $lists:expr) => {
        $lists.flatten().cloned().collect()
    };
    (phrases, $lists:expr) => {
        $lists
            .flatten()
            .map(|s| {
                s.to_lowercase()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    };
    (ordered, $lists:expr) => {
        $lists
            .find(|l| !l.is_empty())
            .map(|l| l.iter().map(|s| s.to_lowercase()).collect())
            .unwrap_or_default()
    };
}

/// Declares the word classes: each `name: how` with its documentation
/// (and attributes, given to both fields).
macro_rules! word_classes {
    ($( $(#[$meta:meta])* $name:ident: $how:ident, )*) => {
        /// The word classes as a lexicon file writes them (lower case unless
        /// said); every section is optional and files add up.
        #[derive(Clone, Debug, Default, Deserialize, Serialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Words {
            $( $(#[$meta])* pub $name: Vec<String>, )*
            /// Pronouns and what they can refer to.
            pub pronouns: Vec<PronounEntry>,
            /// The word a name of several tokens is read as while its
            /// sentence is parsed, by entity kind ("person": "John"): a
            /// proper noun the parser knows well. A kind without one keeps
            /// its tokens.
            pub name_stand_ins: std::collections::BTreeMap<EntityKind, String>,
        }

        /// The word classes of every file, gathered for the stages to read.
        #[derive(Clone, Debug, Default)]
        pub(crate) struct WordSets {
            $( $(#[$meta])* pub $name: class_type!($how), )*
            /// Pronouns by their lower-case form.
            pub pronouns: HashMap<String, PronounEntry>,
            /// Stand-ins by kind; a later file's replaces an earlier one's.
            pub name_stand_ins: HashMap<EntityKind, String>,
            /// Plural demonyms ("Palestinians"): they name people, not the
            /// state's institutions. Made from the states, not from `words`.
            pub plural_demonyms: HashSet<String>,
        }

        impl WordSets {
            /// Gathers the classes of `files`, in file order.
            pub(crate) fn gather(files: &[&Words], plural_demonyms: HashSet<String>) -> WordSets {
                WordSets {
                    $( $name: gather_class!($how, files.iter().map(|w| &w.$name)), )*
                    pronouns: files
                        .iter()
                        .flat_map(|w| &w.pronouns)
                        .map(|p| (p.word.to_lowercase(), p.clone()))
                        .collect(),
                    name_stand_ins: files
                        .iter()
                        .flat_map(|w| w.name_stand_ins.iter().map(|(&k, v)| (k, v.clone())))
                        .collect(),
                    plural_demonyms,
                }
            }
        }
    };
}

word_classes! {
    /// Abbreviations (without their period) that never end a sentence:
    /// titles, months, "No. 2".
    abbreviations: set,
    /// Abbreviations that may end a sentence when a sentence-starting word
    /// follows ("Inc.", "Fla.").
    final_abbreviations: set,
    /// Words that start sentences ("the", "he"): after "U.S." they show the
    /// abbreviation ended the sentence.
    sentence_starters: set,
    /// Words after which a single line break does not end a sentence
    /// ("the", "of"): hard-wrapped text.
    continuations: set,
    /// Words capitalised at the start of a sentence but never part of a name.
    function_words: set,
    /// Auxiliary verbs ("has", "did").
    auxiliaries: set,
    /// The forms of "be".
    be_forms: set,
    /// Adverbs that may stand between a subject and its verb.
    adverbs: set,
    /// Negations ("not", "n't", "never").
    negations: set,
    /// Verbs that deny what follows: "denied attacking".
    denials: set,
    /// Prepositions.
    prepositions: set,
    /// Determiners.
    determiners: set,
    /// Relative pronouns ("which", "who").
    relative_pronouns: set,
    /// Words that end the clause a frame reads.
    clause_breaks: set,
    /// Verbs that carry an event noun: "launched 165 attacks on".
    light_verbs: set,
    /// Words after which an attack is a threat: "vowed to retaliate".
    intent_words: set,
    /// Phrases that answer an earlier event ("in response to").
    response_phrases: phrases,
    /// Nouns of a meeting ("talks", "summit").
    meeting_nouns: set,
    /// Nouns of a statement ("communique", "readout").
    statement_nouns: set,
    /// Lower-case particles inside names ("al", "bin", "de").
    name_particles: set,
    /// Honorifics before a person's name ("Mr", "Sheikh").
    honorifics: set,
    /// Frequent given names: a capitalised pair starting with one is a person.
    given_names: set,
    /// Frequent surnames: a feature of the name tagger, never a match
    /// ("Hill", "Miles").
    surnames: set,
    /// Names of one word that are also common English words, kept on
    /// purpose ("Turkey"): `lexicon check` lets them be (it reads them from
    /// the files, so the compiled set goes unread).
    #[allow(dead_code)]
    word_names: set,
    /// Last words of a place's name ("Province", "Strait").
    place_heads: set,
    /// Words that make the capitalised name right before them a place only
    /// when written in lower case: a state or county of a federation
    /// ("Borno state", "Turkana county"; "Islamic State" is a group).
    subdivision_heads: set,
    /// Last words of an organization's name ("Ministry", "Council").
    organization_heads: set,
    /// Last words of an armed group's name ("Brigades", "Front").
    militia_heads: set,
    /// First words of an armed group's name ("Kataib").
    militia_prefixes: set,
    /// First words that make a name of several words a place ("County
    /// Tyrone", "Mount Hermon", "Fort Bliss").
    place_prefixes: set,
    /// Words that join a person's name to their father's inside a name
    /// ("bin", "ibn"): a name with one inside is a person's ("Khalid bin
    /// Walid").
    patronymics: set,
    /// Ids of groups whose regional branches are named after them
    /// ("al-Qaeda in Iraq").
    branch_brands: set,
    /// Compass and region words that make a region of a place
    /// ("Northern Ireland", "West Africa").
    region_prefixes: set,
    /// Nouns after a demonym that stand for its state ("Iranian forces").
    state_bodies: set,
    /// Nouns for a group of people ("members", "supporters").
    group_nouns: set,
    /// Plural nouns for armed groups the article does not name.
    unnamed_militia_nouns: phrases,
    /// Words before a title that make the holder a member, not the head:
    /// "a senior commander".
    member_cues: set,
    /// Nouns of a location ("area", "border").
    location_nouns: set,
    /// Phrases that pass an unnamed object on to its owner: "facilities
    /// used by X".
    attributions: phrases,
    /// Verbs of speech ("said", "told").
    speech_verbs: set,
    /// Phrases that mark the doer of an event: "a strike attributed to Israel".
    agent_markers: phrases,
    /// Nouns for what a demand expresses: "Iran rejected these calls".
    request_nouns: set,
    /// Verbs of making a statement public: "the statement, issued by A and B".
    issue_verbs: set,
    /// Words of where a group is: "X is active in Y", "X, based in Y".
    presence_words: set,
    /// Phrases that give another name: "X (also known as Y)".
    alias_markers: phrases,
    /// Words that open a translation or transliteration inside
    /// parentheses ("literally", "translated"); a capitalised word and a
    /// colon ("Arabic:") opens one too.
    gloss_openers: set,
    /// Designations that look like names but are none ("Foreign Terrorist
    /// Organization", "Specially Designated Global Terrorist"), singular.
    designations: phrases,
    /// Prefixes of a ship's name ("USS", "HMS"), as written: a ship is no
    /// entity of the graph.
    vessel_prefixes: verbatim,
    /// Words before "A-B" that join two states into one force ("a joint
    /// U.S.-Nigerien patrol"): no hostile relation between them there.
    joint_cues: set,
    /// Words after "Y," that introduce a part of Y ("throughout Y, including X").
    inclusion_words: set,
    /// Verbs that carry a meeting noun: "A and B held talks".
    meeting_verbs: set,
    /// The months, in calendar order (the position is the month's number).
    months: ordered,
    /// The days of the week, Monday first.
    weekdays: ordered,
    /// Auxiliaries that make a clause hypothetical or future ("could", "would").
    modals: set,
    /// Subordinators of a condition ("if", "unless").
    conditionals: set,
    /// Verbs whose complement has not happened yet ("prepare", "plan"), lemmas.
    prospective_verbs: set,
    /// Verbs and adverbs of accusation ("accuse", "allegedly"): the event
    /// they govern is alleged.
    accusation_verbs: set,
    /// Verbs whose complement is already going on ("continue", "keep"): a
    /// future auxiliary above them keeps the event a fact ("will continue
    /// to support").
    ongoing_verbs: set,
    /// The auxiliaries of the future alone ("will", "shall"), a subset of `modals`.
    future_modals: set,
    /// Adverbs that make an event a possibility ("possibly", "perhaps").
    hedges: set,
    /// Nouns for armed people ("militants", "fighters"): an organization
    /// named before them is a militia.
    armed_nouns: set,
    /// Nouns through which a light verb's subject claims an event: "X
    /// claimed responsibility for the attack on Y".
    claim_nouns: set,
    /// Words naming a community, not an entity ("Muslims", "Catholic"): a
    /// place's head after them names no place ("a Shiite mosque").
    communities: set,
    /// People a demonym describes who do not act for its state ("Egyptian
    /// media", "Syrian rebels", "Lebanese civilians"): the demonym stands
    /// for no actor there.
    people_nouns: set,
    /// What a person is, written right before the name: "activist Issa
    /// Amro", "the journalist X". A capitalised run after one is a person.
    person_nouns: set,
    /// Lemmas of verbs whose subject undergoes the event their object
    /// names ("Ukraine repelled a Russian attack", "the base suffered
    /// strikes by Y"): the subject is the event's target. Not "thwart" or
    /// "foil": a thwarted attack did not happen.
    undergo_verbs: set,
    /// Adjectives through which armed men or a body stand for whom they
    /// serve: "forces loyal to X" are X's side, as "X's forces" are.
    allegiance_adjectives: set,
    /// Nouns that count or group events: "carried out hundreds of
    /// strikes", "launched a wave of attacks": the light verb carries the
    /// event through them.
    quantity_nouns: set,
    /// Words that open a time phrase after a determiner ("the next day",
    /// "a week later", "the same night"): no object follows there.
    time_phrase_words: set,
}

impl WordSets {
    /// The word lists a path frame may name (`{@place_heads}`).
    pub(crate) const LISTS: [&'static str; 9] = [
        "armed_nouns",
        "group_nouns",
        "location_nouns",
        "member_cues",
        "place_heads",
        "presence_words",
        "speech_verbs",
        "state_bodies",
        "statement_nouns",
    ];

    /// The word list called `name`.
    pub(crate) fn list(&self, name: &str) -> Option<&HashSet<String>> {
        Some(match name {
            "armed_nouns" => &self.armed_nouns,
            "group_nouns" => &self.group_nouns,
            "location_nouns" => &self.location_nouns,
            "member_cues" => &self.member_cues,
            "place_heads" => &self.place_heads,
            "presence_words" => &self.presence_words,
            "speech_verbs" => &self.speech_verbs,
            "state_bodies" => &self.state_bodies,
            "statement_nouns" => &self.statement_nouns,
            _ => return None,
        })
    }

    /// The rules sentence segmentation reads.
    pub(crate) fn segment_rules(&self) -> SegmentRules {
        SegmentRules {
            abbreviations: self.abbreviations.clone(),
            final_abbreviations: self.final_abbreviations.clone(),
            sentence_starters: self.sentence_starters.clone(),
            continuations: self.continuations.clone(),
        }
    }
}

/// The word lists segmentation depends on (from the lexicon).
#[derive(Clone, Debug, Default)]
pub struct SegmentRules {
    /// Lower-case abbreviations (without their period) that never end a
    /// sentence: titles, months, "no", "st".
    pub abbreviations: HashSet<String>,
    /// Lower-case abbreviations that may end a sentence ("fla", "inc").
    pub final_abbreviations: HashSet<String>,
    /// Lower-case words that start sentences ("the", "he"): after "U.S." or
    /// "Fla." they show the abbreviation ended the sentence.
    pub sentence_starters: HashSet<String>,
    /// Lower-case words after which a single line break does not end a
    /// sentence ("the", "of", "and"): hard-wrapped text.
    pub continuations: HashSet<String>,
}
