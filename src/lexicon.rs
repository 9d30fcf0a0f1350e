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

use crate::entity::{slug, EntityKind};
use crate::error::{Error, Result};
use crate::relations::paths::Path as DepPath;
use crate::text::segment::SegmentRules;
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

/// The embedded default lexicon: (file name, contents).
const EMBEDDED: &[(&str, &str)] = &[
    ("states.ron", include_str!("../data/lexicon/states.ron")),
    ("militias.ron", include_str!("../data/lexicon/militias.ron")),
    (
        "organizations.ron",
        include_str!("../data/lexicon/organizations.ron"),
    ),
    ("places.ron", include_str!("../data/lexicon/places.ron")),
    ("cities.ron", include_str!("../data/lexicon/cities.ron")),
    (
        "provinces.ron",
        include_str!("../data/lexicon/provinces.ron"),
    ),
    ("titles.ron", include_str!("../data/lexicon/titles.ron")),
    (
        "relations.ron",
        include_str!("../data/lexicon/relations.ron"),
    ),
    ("words.ron", include_str!("../data/lexicon/words.ron")),
    (
        "given_names.ron",
        include_str!("../data/lexicon/given_names.ron"),
    ),
];

/// One lexicon file. Every section is optional; files are concatenated.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconFile {
    /// Sovereign states, with demonyms and capitals.
    pub states: Vec<StateEntry>,
    /// Militias, organisations and places known by name.
    pub entities: Vec<EntityEntry>,
    /// Titles of office ("prime minister") and the relation they give.
    pub titles: Vec<TitleEntry>,
    /// Relation types and their triggers.
    pub relations: Vec<RelationType>,
    /// Closed word classes the extractor reads.
    pub words: Words,
}

/// A state: its names, demonyms and capitals.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateEntry {
    /// Stable id; the slug of `name` when absent.
    pub id: Option<String>,
    /// The common short name ("Iran").
    pub name: String,
    /// Other names ("Islamic Republic of Iran").
    pub aliases: Vec<String>,
    /// Demonyms and adjectival forms, singular and plural ("Iranian", "Iranians").
    pub demonyms: Vec<String>,
    /// Capital cities (places).
    pub capitals: Vec<String>,
}

/// A named militia, organisation or place.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    /// Stable id; the slug of `name` when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// The canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other spellings, short forms and acronyms.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What holding a title makes a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Heads the body (`leads`).
    Leads,
    /// Belongs to the body (`member_of`).
    MemberOf,
    /// A rank or honorific: marks a person, gives no relation.
    None,
}

/// A title of office.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    /// Lower case ("prime minister").
    pub name: String,
    /// The relation it gives to the state or body it is held in.
    pub role: Role,
    /// Last words of a body's name that make the holder its head even when
    /// `role` is `member_of` ("commander" of a "Command").
    #[serde(default)]
    pub leads_when: Vec<String>,
    /// A head of state or government ("president", "king"): with no body
    /// in the title, the holder leads the state the sentence names.
    #[serde(default)]
    pub of_state: bool,
    /// A rank ("colonel", "general"): after another title it is passed
    /// over to the holder ("Pentagon spokesman Colonel X").
    #[serde(default)]
    pub rank: bool,
}

/// A relation type with its metadata and triggers.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RelationType {
    /// Its name in every output ("attacked").
    pub name: String,
    /// Whether the direction carries no meaning (`met`, `allied_with`).
    pub symmetric: bool,
    /// Entity kinds allowed as source (empty: any).
    pub source: Vec<EntityKind>,
    /// Entity kinds allowed as target (empty: any).
    pub target: Vec<EntityKind>,
    /// PLOVER event category.
    pub plover: String,
    /// CAMEO root code.
    pub cameo: String,
    /// DOT colour of its edges.
    pub color: String,
    /// Verbs: "X attacked Y", "Y was attacked by X".
    pub verbs: Vec<VerbSpec>,
    /// Event nouns: "X's attack on Y", "attacks on Y by X", "condemnation from X".
    pub nouns: Vec<NounSpec>,
    /// Second halves of compound adjectives: "Iran-backed Y" (X rel Y).
    pub compounds: Vec<String>,
    /// Compounds read backwards: "Gaza-based Hamas" (Hamas rel Gaza).
    pub reverse_compounds: Vec<String>,
    /// Prefixes: "pro-Iranian Y" (Iran rel Y).
    pub prefixes: Vec<String>,
    /// Predicate adjectives whose holder is the target: "held Y responsible",
    /// "found Y guilty" (source: the verb's subject), "X said Y is responsible".
    pub adjectives: Vec<String>,
    /// Nouns naming the target by its relation: "Iran's proxy Y", "Y, an Iranian proxy".
    pub patient_nouns: Vec<String>,
    /// Names a speaker calls the target: "the aggressor \[Israel\]".
    pub label_nouns: Vec<String>,
    /// Verbs (lemmas) of intent: an event of another type in their
    /// complement gives this type instead ("vowed to strike Y": threatened).
    pub intents: Vec<String>,
    /// How an unnamed armed group this relation points at is named after
    /// its (state) source: `"{source}-backed militias"`.
    pub unnamed_label: Option<String>,
    /// The relation a candidate becomes when its target's kind is not
    /// allowed ("killed a Hezbollah commander": an attack on Hezbollah).
    pub otherwise: Option<String>,
    /// The title role that gives this relation ("Prime Minister X" of a
    /// state: `leads`), if any.
    pub title_role: Option<Role>,
    /// Dependency paths from a source mention to a target mention that state
    /// this relation (`">nmod:poss"`: "Iraq's Anbar"); see
    /// [`crate::relations::paths`].
    pub paths: Vec<String>,
    /// The parts this type plays in the word-window frames, which know
    /// parts, never type names (`[assault]`: "an Israeli strike" names its
    /// doer).
    pub roles: Vec<FrameRole>,
}

/// A part a relation type plays in the word-window frames (`roles` in
/// relations.ron).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrameRole {
    /// An attack: its event nouns name their doer ("an Israeli strike"), a
    /// response is aimed at the one responded to, and an infinitive after a
    /// word of intent is a threat.
    Assault,
    /// What "a phone call between A and B" and "A and B held talks" state.
    Meeting,
    /// Containment of places ("Z, Y", "Iraq's Anbar").
    Containment,
    /// A demand: a later refusal of "these calls" answers its source.
    Demand,
    /// A refusal: "rejected these calls" points at whoever made them.
    Refusal,
    /// Disapproval: "strikes met with condemnation from X" is aimed at the
    /// clause's subject.
    Disapproval,
}

/// A trigger verb; inflections are generated from the lemma.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerbSpec {
    /// Base form ("attack").
    pub lemma: String,
    /// A particle the target must follow ("call" + "on").
    pub prep: Option<String>,
    /// Prepositions that may introduce the target ("met with Y", "retaliated against Y").
    pub preps: Vec<String>,
    /// Irregular past tense ("struck").
    pub past: Option<String>,
    /// Irregular past participle ("struck").
    pub participle: Option<String>,
    /// Double the last consonant ("ban" → "banned").
    pub double: bool,
}

/// A trigger noun.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct NounSpec {
    /// Singular ("attack").
    pub word: String,
    /// Irregular plural.
    pub plural: Option<String>,
    /// Prepositions introducing the target ("on", "against").
    pub target_preps: Vec<String>,
    /// Prepositions introducing the source ("by", "from").
    pub source_preps: Vec<String>,
}

/// A pronoun and what it can refer to.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PronounEntry {
    /// Lower case.
    pub word: String,
    /// Entity kinds it can stand for, most likely first.
    pub kinds: Vec<EntityKind>,
    /// Whether it is possessive ("his", "its").
    pub possessive: bool,
    /// First person plural ("we", "our"): outside quotations, the body
    /// that issues the statement.
    #[serde(default)]
    pub speaker: bool,
}

/// Closed word classes (all lower case).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Words {
    pub abbreviations: Vec<String>,
    pub final_abbreviations: Vec<String>,
    pub sentence_starters: Vec<String>,
    pub continuations: Vec<String>,
    pub function_words: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub be_forms: Vec<String>,
    pub adverbs: Vec<String>,
    pub negations: Vec<String>,
    pub denials: Vec<String>,
    pub prepositions: Vec<String>,
    pub determiners: Vec<String>,
    pub pronouns: Vec<PronounEntry>,
    pub relative_pronouns: Vec<String>,
    pub clause_breaks: Vec<String>,
    pub light_verbs: Vec<String>,
    pub intent_words: Vec<String>,
    pub response_phrases: Vec<String>,
    pub meeting_nouns: Vec<String>,
    pub statement_nouns: Vec<String>,
    pub name_particles: Vec<String>,
    pub honorifics: Vec<String>,
    pub given_names: Vec<String>,
    /// Names of one word that are also common English words, kept on
    /// purpose ("Turkey"): `lexicon check` lets them be.
    pub word_names: Vec<String>,
    pub place_heads: Vec<String>,
    pub organization_heads: Vec<String>,
    pub militia_heads: Vec<String>,
    pub militia_prefixes: Vec<String>,
    /// First words that make a name of several words a place ("County
    /// Tyrone", "Mount Hermon", "Fort Bliss").
    pub place_prefixes: Vec<String>,
    /// Ids of groups whose regional branches are named after them
    /// ("al-Qaeda in Iraq").
    pub branch_brands: Vec<String>,
    /// Compass and region words that make a region of a place
    /// ("Northern Ireland", "West Africa").
    pub region_prefixes: Vec<String>,
    pub state_bodies: Vec<String>,
    pub group_nouns: Vec<String>,
    pub unnamed_militia_nouns: Vec<String>,
    pub member_cues: Vec<String>,
    pub location_nouns: Vec<String>,
    pub attributions: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub agent_markers: Vec<String>,
    pub request_nouns: Vec<String>,
    pub issue_verbs: Vec<String>,
    pub presence_words: Vec<String>,
    pub alias_markers: Vec<String>,
    /// Words that open a translation or transliteration inside
    /// parentheses ("literally", "translated"); a capitalised word and a
    /// colon ("Arabic:") opens one too.
    pub gloss_openers: Vec<String>,
    /// Designations that look like names but are none ("Foreign Terrorist
    /// Organization", "Specially Designated Global Terrorist"), singular.
    pub designations: Vec<String>,
    /// Prefixes of a ship's name ("USS", "HMS"), as written: a ship is no
    /// entity of the graph.
    pub vessel_prefixes: Vec<String>,
    /// Words before "A-B" that join two states into one force ("a joint
    /// U.S.-Nigerien patrol"): no hostile relation between them there.
    pub joint_cues: Vec<String>,
    /// Words after "Y," that introduce a part of Y ("throughout Y, including X").
    pub inclusion_words: Vec<String>,
    pub meeting_verbs: Vec<String>,
    pub months: Vec<String>,
    pub weekdays: Vec<String>,
    /// Auxiliaries that make a clause hypothetical or future ("could", "would").
    pub modals: Vec<String>,
    /// Subordinators of a condition ("if", "unless").
    pub conditionals: Vec<String>,
    /// Verbs whose complement has not happened yet ("prepare", "plan"), lemmas.
    pub prospective_verbs: Vec<String>,
    /// Verbs and adverbs of accusation ("accuse", "allegedly"): the event they govern is alleged.
    pub accusation_verbs: Vec<String>,
    /// Verbs whose complement is already going on ("continue", "keep"): a
    /// future auxiliary above them keeps the event a fact ("will continue
    /// to support").
    pub ongoing_verbs: Vec<String>,
    /// The auxiliaries of the future alone ("will", "shall"), a subset of `modals`.
    pub future_modals: Vec<String>,
    /// Adverbs that make an event a possibility ("possibly", "perhaps").
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Nouns for armed people ("militants", "fighters"): an organization
    /// named before them is a militia.
    pub armed_nouns: Vec<String>,
    /// Nouns through which a light verb's subject claims an event: "X
    /// claimed responsibility for the attack on Y".
    #[serde(default)]
    pub claim_nouns: Vec<String>,
    /// Plurals naming a community, not an entity ("Muslims", "Catholics").
    #[serde(default)]
    pub communities: Vec<String>,
    /// People a demonym describes who do not act for its state ("Egyptian
    /// media", "Syrian rebels", "Lebanese civilians"): the demonym stands
    /// for no actor there.
    #[serde(default)]
    pub people_nouns: Vec<String>,
    /// The word a name of several tokens is read as while its sentence is
    /// parsed, by entity kind ("person": "John"): a proper noun the parser
    /// knows well. A kind without one keeps its tokens.
    #[serde(default)]
    pub name_stand_ins: std::collections::BTreeMap<EntityKind, String>,
}

/// What a name pattern in the automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An entity of the lexicon.
    Entity(usize),
    /// A demonym or adjectival form of a state entity.
    Demonym(usize),
    /// A title of office.
    Title(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub text: String,
    /// `text` as the automaton matches it (see [`fold_for_match`]).
    pub folded: String,
    pub target: Target,
    /// All capitals ("US", "IRGC"): matched case-sensitively.
    pub acronym: bool,
}

/// A known entity, after compilation.
#[derive(Clone, Debug)]
pub(crate) struct LexEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
}

/// The grammatical form of a verb trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbForm {
    Base,
    Third,
    Past,
    Participle,
    PastOrParticiple,
    Ing,
}

#[derive(Clone, Debug)]
pub(crate) struct VerbTrigger {
    pub relation: usize,
    pub form: VerbForm,
    pub prep: Option<String>,
    pub preps: Vec<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct NounTrigger {
    pub relation: usize,
    pub target_preps: Vec<String>,
    pub source_preps: Vec<String>,
}

/// Word classes as sets.
#[derive(Clone, Debug, Default)]
#[allow(missing_docs)]
pub(crate) struct WordSets {
    pub function_words: HashSet<String>,
    pub auxiliaries: HashSet<String>,
    pub be_forms: HashSet<String>,
    pub adverbs: HashSet<String>,
    pub negations: HashSet<String>,
    pub denials: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub determiners: HashSet<String>,
    pub pronouns: HashMap<String, PronounEntry>,
    pub relative_pronouns: HashSet<String>,
    pub clause_breaks: HashSet<String>,
    pub light_verbs: HashSet<String>,
    pub intent_words: HashSet<String>,
    pub response_phrases: Vec<Vec<String>>,
    pub meeting_nouns: HashSet<String>,
    pub statement_nouns: HashSet<String>,
    pub name_particles: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub given_names: HashSet<String>,
    pub place_heads: HashSet<String>,
    pub organization_heads: HashSet<String>,
    pub militia_heads: HashSet<String>,
    pub militia_prefixes: HashSet<String>,
    pub place_prefixes: HashSet<String>,
    pub branch_brands: HashSet<String>,
    pub region_prefixes: HashSet<String>,
    pub state_bodies: HashSet<String>,
    pub group_nouns: HashSet<String>,
    pub unnamed_militia_nouns: Vec<Vec<String>>,
    pub member_cues: HashSet<String>,
    pub location_nouns: HashSet<String>,
    pub attributions: Vec<Vec<String>>,
    pub speech_verbs: HashSet<String>,
    pub agent_markers: Vec<Vec<String>>,
    pub request_nouns: HashSet<String>,
    pub issue_verbs: HashSet<String>,
    pub presence_words: HashSet<String>,
    pub alias_markers: Vec<Vec<String>>,
    pub gloss_openers: HashSet<String>,
    pub designations: Vec<Vec<String>>,
    pub vessel_prefixes: HashSet<String>,
    pub joint_cues: HashSet<String>,
    pub inclusion_words: HashSet<String>,
    pub meeting_verbs: HashSet<String>,
    /// In calendar order (not sorted: position is the month number).
    pub months: Vec<String>,
    /// Monday first.
    pub weekdays: Vec<String>,
    pub modals: HashSet<String>,
    pub conditionals: HashSet<String>,
    pub prospective_verbs: HashSet<String>,
    pub accusation_verbs: HashSet<String>,
    pub ongoing_verbs: HashSet<String>,
    pub future_modals: HashSet<String>,
    pub hedges: HashSet<String>,
    pub armed_nouns: HashSet<String>,
    pub claim_nouns: HashSet<String>,
    pub communities: HashSet<String>,
    pub people_nouns: HashSet<String>,
    pub name_stand_ins: HashMap<EntityKind, String>,
    /// Plural demonyms ("Palestinians"): they name people, not the state's institutions.
    pub plural_demonyms: HashSet<String>,
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
}

/// A compiled lexicon, ready for extraction. Build it once per process:
/// [`Lexicon::embedded`] caches the default one.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub(crate) entities: Vec<LexEntity>,
    pub(crate) titles: Vec<TitleEntry>,
    pub(crate) relations: Vec<RelationType>,
    relation_index: HashMap<String, usize>,
    pub(crate) names: AhoCorasick,
    /// For each pattern of `names`, the spellings (indices into `patterns`)
    /// it stands for.
    pub(crate) name_groups: Vec<Vec<usize>>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) verbs: HashMap<String, Vec<VerbTrigger>>,
    pub(crate) nouns: HashMap<String, Vec<NounTrigger>>,
    pub(crate) compounds: HashMap<String, (usize, bool)>,
    pub(crate) prefixes: HashMap<String, usize>,
    pub(crate) adjectives: HashMap<String, usize>,
    pub(crate) patient_nouns: HashMap<String, usize>,
    pub(crate) label_nouns: HashMap<String, usize>,
    /// Path frames: (relation, path).
    pub(crate) paths: Vec<(usize, DepPath)>,
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

/// The `*.ron` files of `dir`, sorted by name.
pub fn ron_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let p = entry.path();
        if p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(Error::Lexicon {
            path: dir.display().to_string(),
            message: "no *.ron lexicon files in this directory".into(),
        });
    }
    Ok(out)
}

/// Parses one lexicon file, reporting errors as `path:line:col: message`.
pub fn parse_file(path: &str, text: &str) -> Result<LexiconFile> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e: ron::error::SpannedError| Error::Parse {
            path: path.to_string(),
            line: e.position.line,
            col: e.position.col,
            message: e.code.to_string().to_lowercase(),
        })
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
        if let Some(forms) = self.verbs.get(&lower) {
            let finite = forms
                .iter()
                .any(|v| matches!(v.form, VerbForm::Third | VerbForm::Past));
            return (finite && !self.nouns.contains_key(&lower)).then_some("VERB");
        }
        (self.nouns.contains_key(&lower)
            && !lower.ends_with("ing")
            && !self.adjectives.contains_key(&lower))
        .then_some("NOUN")
    }

    /// How many entities the lexicon knows by name.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
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

/// A text as the name automaton reads it: apostrophes of every kind
/// (straight, curly, modifier letters, backtick) are dropped and the Unicode
/// hyphens become `-`, so "Kata’ib", "Kata'ib" and "Kataib", or "al‑Qaeda"
/// and "al-Qaeda", are one spelling. The second value maps each byte of the
/// folded text (and its end) to the byte of `text` it came from.
pub(crate) fn fold_for_match(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        match c {
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{02bb}' | '`' => {}
            '\u{2010}' | '\u{2011}' => {
                out.push('-');
                at.push(i);
            }
            _ => {
                out.push(c);
                at.extend(i..i + c.len_utf8());
            }
        }
    }
    at.push(text.len());
    (out, at)
}

fn is_acronym(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

/// Case variants of a name that are spelled both ways in news ("Al-Sudani", "al-Sudani").
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    for (a, b) in [
        ("Al-", "al-"),
        ("al-", "Al-"),
        ("El-", "el-"),
        ("el-", "El-"),
    ] {
        if let Some(rest) = name.strip_prefix(a) {
            out.push(format!("{b}{rest}"));
        }
    }
    out
}

fn compile(files: &[(String, LexiconFile)]) -> Result<Lexicon> {
    let mut entities: Vec<LexEntity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::default();
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut titles = Vec::new();
    let mut relations: Vec<RelationType> = Vec::new();
    let mut relation_index = HashMap::default();

    let mut add_pattern = |patterns: &mut Vec<Pattern>, text: &str, target: Target| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        for v in variants(text) {
            if seen.contains_key(&v) {
                continue; // first meaning wins; `lexicon check` reports the clash
            }
            seen.insert(v.clone(), patterns.len());
            patterns.push(Pattern {
                acronym: is_acronym(&v),
                folded: fold_for_match(&v).0,
                text: v,
                target,
            });
        }
    };
    let mut add_entity =
        |entities: &mut Vec<LexEntity>, id: String, name: &str, kind: EntityKind| -> usize {
            if let Some(&i) = by_id.get(&id) {
                return i;
            }
            by_id.insert(id.clone(), entities.len());
            entities.push(LexEntity {
                id,
                name: name.to_string(),
                kind,
            });
            entities.len() - 1
        };

    // Named groups and places first: "Hezbollah" must not be claimed by a capital.
    for (_, file) in files {
        for e in &file.entities {
            let id = e.id.clone().unwrap_or_else(|| slug(&e.name));
            let i = add_entity(&mut entities, id, &e.name, e.kind);
            add_pattern(&mut patterns, &e.name, Target::Entity(i));
            for a in &e.aliases {
                add_pattern(&mut patterns, a, Target::Entity(i));
            }
        }
    }
    for (_, file) in files {
        for s in &file.states {
            let id = s.id.clone().unwrap_or_else(|| slug(&s.name));
            let i = add_entity(&mut entities, id, &s.name, EntityKind::State);
            add_pattern(&mut patterns, &s.name, Target::Entity(i));
            for a in &s.aliases {
                add_pattern(&mut patterns, a, Target::Entity(i));
            }
            for d in &s.demonyms {
                add_pattern(&mut patterns, d, Target::Demonym(i));
            }
        }
    }
    for (_, file) in files {
        for s in &file.states {
            for c in &s.capitals {
                if c == &s.name {
                    continue;
                }
                let ci = add_entity(&mut entities, slug(c), c, EntityKind::Place);
                add_pattern(&mut patterns, c, Target::Entity(ci));
            }
        }
    }
    for (path, file) in files {
        for t in &file.titles {
            titles.push(TitleEntry {
                name: t.name.to_lowercase(),
                ..t.clone()
            });
            add_pattern(
                &mut patterns,
                &t.name.to_lowercase(),
                Target::Title(titles.len() - 1),
            );
        }
        for r in &file.relations {
            if r.name.is_empty() {
                return Err(Error::Lexicon {
                    path: path.clone(),
                    message: "a relation type has no name".into(),
                });
            }
            if let Some(&i) = relation_index.get(&r.name) {
                // a later file extends an earlier type's triggers
                let existing: &mut RelationType = &mut relations[i];
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
                existing.paths.extend(r.paths.iter().cloned());
                existing.roles.extend(r.roles.iter().copied());
            } else {
                relation_index.insert(r.name.clone(), relations.len());
                relations.push(r.clone());
            }
        }
    }

    let mut verbs: HashMap<String, Vec<VerbTrigger>> = HashMap::default();
    let mut nouns: HashMap<String, Vec<NounTrigger>> = HashMap::default();
    let mut compounds = HashMap::default();
    let mut prefixes = HashMap::default();
    let mut adjectives = HashMap::default();
    let mut patient_nouns = HashMap::default();
    for r in &relations {
        if let Some(other) = r
            .otherwise
            .as_ref()
            .filter(|o| !relation_index.contains_key(*o))
        {
            return Err(Error::Lexicon {
                path: format!("relation {:?}", r.name),
                message: format!("`otherwise` names no relation type: {other:?}"),
            });
        }
    }
    let mut label_nouns = HashMap::default();
    let mut paths = Vec::new();
    for (ri, r) in relations.iter().enumerate() {
        for text in &r.paths {
            let path = DepPath::parse(text).map_err(|message| Error::Lexicon {
                path: format!("relation {:?}", r.name),
                message: format!("path {text:?}: {message}"),
            })?;
            for step in &path.steps {
                if let Some(list) = &step.list {
                    if !WordSets::LISTS.contains(&list.as_str()) {
                        return Err(Error::Lexicon {
                            path: format!("relation {:?}", r.name),
                            message: format!(
                                "path {text:?}: no word list {list:?} (known: {})",
                                WordSets::LISTS.join(", ")
                            ),
                        });
                    }
                }
            }
            paths.push((ri, path));
        }
        for v in &r.verbs {
            for (form, tag) in inflect(v) {
                verbs.entry(form).or_default().push(VerbTrigger {
                    relation: ri,
                    form: tag,
                    prep: v.prep.as_ref().map(|p| p.to_lowercase()),
                    preps: v.preps.iter().map(|p| p.to_lowercase()).collect(),
                });
            }
        }
        for n in &r.nouns {
            let trig = NounTrigger {
                relation: ri,
                target_preps: n.target_preps.iter().map(|p| p.to_lowercase()).collect(),
                source_preps: n.source_preps.iter().map(|p| p.to_lowercase()).collect(),
            };
            let plural = n.plural.clone().unwrap_or_else(|| pluralize(&n.word));
            nouns
                .entry(n.word.to_lowercase())
                .or_default()
                .push(trig.clone());
            nouns.entry(plural.to_lowercase()).or_default().push(trig);
        }
        for c in &r.compounds {
            compounds.insert(c.to_lowercase(), (ri, false));
        }
        for c in &r.reverse_compounds {
            compounds.insert(c.to_lowercase(), (ri, true));
        }
        for a in &r.adjectives {
            adjectives.insert(a.to_lowercase(), ri);
        }
        for p in &r.prefixes {
            prefixes.insert(p.to_lowercase(), ri);
        }
        for p in &r.patient_nouns {
            patient_nouns.insert(p.to_lowercase(), ri);
            patient_nouns.insert(pluralize(p), ri);
        }
        for p in &r.label_nouns {
            label_nouns.insert(p.to_lowercase(), ri);
        }
    }

    // The automaton ignores ASCII case, so "Al-Qaeda" and "al-Qaeda" are one
    // of its patterns: each stands for the group of spellings that fold to
    // it, and the gazetteer takes the first whose capitals the text has.
    let mut name_groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::default();
    let mut keys: Vec<String> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        let key = p.folded.to_ascii_lowercase();
        let g = *group_of.entry(key.clone()).or_insert_with(|| {
            name_groups.push(Vec::new());
            keys.push(key);
            name_groups.len() - 1
        });
        name_groups[g].push(i);
    }
    let names = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .map_err(|e| Error::Lexicon {
            path: "<lexicon>".into(),
            message: format!("cannot build the name automaton: {e}"),
        })?;

    // Each word class is read from every file here, once: the compiler sees
    // to it that no class of `WordSets` is left out.
    let all_words: Vec<&Words> = files.iter().map(|(_, f)| &f.words).collect();
    let set = |pick: fn(&Words) -> &Vec<String>| -> HashSet<String> {
        all_words
            .iter()
            .flat_map(|w| pick(w))
            .map(|s| s.to_lowercase())
            .collect()
    };
    let phrases = |pick: fn(&Words) -> &Vec<String>| -> Vec<Vec<String>> {
        all_words
            .iter()
            .flat_map(|w| pick(w))
            .map(|s| {
                s.to_lowercase()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    };
    let mut plural_demonyms = HashSet::default();
    for (_, file) in files {
        for st in &file.states {
            for d in &st.demonyms {
                if let Some(single) = d.strip_suffix('s') {
                    if st.demonyms.iter().any(|x| x == single) {
                        plural_demonyms.insert(d.to_lowercase());
                    }
                }
            }
        }
    }
    let segment_rules = SegmentRules {
        abbreviations: set(|w| &w.abbreviations),
        final_abbreviations: set(|w| &w.final_abbreviations),
        sentence_starters: set(|w| &w.sentence_starters),
        continuations: set(|w| &w.continuations),
    };
    let word_sets = WordSets {
        function_words: set(|w| &w.function_words),
        auxiliaries: set(|w| &w.auxiliaries),
        be_forms: set(|w| &w.be_forms),
        adverbs: set(|w| &w.adverbs),
        negations: set(|w| &w.negations),
        denials: set(|w| &w.denials),
        prepositions: set(|w| &w.prepositions),
        determiners: set(|w| &w.determiners),
        pronouns: all_words
            .iter()
            .flat_map(|w| &w.pronouns)
            .map(|p| (p.word.to_lowercase(), p.clone()))
            .collect(),
        relative_pronouns: set(|w| &w.relative_pronouns),
        clause_breaks: set(|w| &w.clause_breaks),
        light_verbs: set(|w| &w.light_verbs),
        intent_words: set(|w| &w.intent_words),
        response_phrases: phrases(|w| &w.response_phrases),
        meeting_nouns: set(|w| &w.meeting_nouns),
        statement_nouns: set(|w| &w.statement_nouns),
        name_particles: set(|w| &w.name_particles),
        honorifics: set(|w| &w.honorifics),
        given_names: set(|w| &w.given_names),
        place_heads: set(|w| &w.place_heads),
        organization_heads: set(|w| &w.organization_heads),
        militia_heads: set(|w| &w.militia_heads),
        militia_prefixes: set(|w| &w.militia_prefixes),
        place_prefixes: set(|w| &w.place_prefixes),
        branch_brands: set(|w| &w.branch_brands),
        region_prefixes: set(|w| &w.region_prefixes),
        state_bodies: set(|w| &w.state_bodies),
        group_nouns: set(|w| &w.group_nouns),
        unnamed_militia_nouns: phrases(|w| &w.unnamed_militia_nouns),
        member_cues: set(|w| &w.member_cues),
        location_nouns: set(|w| &w.location_nouns),
        attributions: phrases(|w| &w.attributions),
        speech_verbs: set(|w| &w.speech_verbs),
        agent_markers: phrases(|w| &w.agent_markers),
        request_nouns: set(|w| &w.request_nouns),
        issue_verbs: set(|w| &w.issue_verbs),
        presence_words: set(|w| &w.presence_words),
        alias_markers: phrases(|w| &w.alias_markers),
        gloss_openers: set(|w| &w.gloss_openers),
        designations: phrases(|w| &w.designations),
        joint_cues: set(|w| &w.joint_cues),
        inclusion_words: set(|w| &w.inclusion_words),
        vessel_prefixes: all_words
            .iter()
            .flat_map(|w| &w.vessel_prefixes)
            .cloned()
            .collect(),
        meeting_verbs: set(|w| &w.meeting_verbs),
        months: all_words
            .iter()
            .find(|w| !w.months.is_empty())
            .map(|w| w.months.iter().map(|m| m.to_lowercase()).collect())
            .unwrap_or_default(),
        weekdays: all_words
            .iter()
            .find(|w| !w.weekdays.is_empty())
            .map(|w| w.weekdays.iter().map(|m| m.to_lowercase()).collect())
            .unwrap_or_default(),
        modals: set(|w| &w.modals),
        conditionals: set(|w| &w.conditionals),
        prospective_verbs: set(|w| &w.prospective_verbs),
        accusation_verbs: set(|w| &w.accusation_verbs),
        ongoing_verbs: set(|w| &w.ongoing_verbs),
        future_modals: set(|w| &w.future_modals),
        hedges: set(|w| &w.hedges),
        armed_nouns: set(|w| &w.armed_nouns),
        claim_nouns: set(|w| &w.claim_nouns),
        communities: set(|w| &w.communities),
        people_nouns: set(|w| &w.people_nouns),
        // a later file's stand-in replaces an earlier one's
        name_stand_ins: all_words
            .iter()
            .flat_map(|w| w.name_stand_ins.iter().map(|(&k, v)| (k, v.clone())))
            .collect(),
        plural_demonyms,
    };
    Ok(Lexicon {
        entities,
        titles,
        relations,
        relation_index,
        names,
        name_groups,
        patterns,
        verbs,
        nouns,
        compounds,
        prefixes,
        adjectives,
        patient_nouns,
        label_nouns,
        paths,
        words: word_sets,
        segment_rules,
        name_words: std::sync::OnceLock::new(),
        full_names: std::sync::OnceLock::new(),
    })
}

/// Something wrong, or worth knowing, in a lexicon file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// An error stops `lexicon check` and `build --lexicon`; a warning is
    /// only told.
    pub error: bool,
    /// `file[:line:col]: message`.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A lexicon directory, read, checked and compiled: what `lexicon check`
/// reports and what `build --lexicon` uses, so that the two never disagree
/// (issue 17).
#[derive(Debug)]
pub struct Checked {
    /// The compiled lexicon, when there was no error.
    pub lexicon: Option<Lexicon>,
    /// Errors and warnings, errors first, in file order.
    pub problems: Vec<Problem>,
}

impl Checked {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| !p.error)
    }
}

/// Tells whether a name of one word is a common English word, and its part
/// of speech (`mentions::names::common_word` reads the syntax model, which
/// this shared module does not use).
pub type CommonWord<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Reads the lexicon files of `dir`, with the built-in lexicon unless
/// `replace`, checks them ([`check_files`]) and compiles them. Only a
/// directory that cannot be read is an `Err`; everything wrong with the
/// files is in the problems.
pub fn check_and_build(dir: &Path, replace: bool, common: CommonWord) -> Result<Checked> {
    let mut mine = Vec::new();
    let mut problems = Vec::new();
    for path in ron_files(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        match parse_file(&path.display().to_string(), &text) {
            Ok(f) => mine.push((path.display().to_string(), f)),
            Err(e) => problems.push(Problem {
                error: true,
                message: e.to_string(),
            }),
        }
    }
    let mut all = if replace {
        Vec::new()
    } else {
        LexiconBuilder::with_defaults().files
    };
    let first_mine = all.len();
    all.extend(mine);
    problems.extend(check_files(&all, first_mine, common));
    let mut lexicon = None;
    if !problems.iter().any(|p| p.error) {
        match compile(&all) {
            Ok(lex) => lexicon = Some(lex),
            Err(e) => problems.push(Problem {
                error: true,
                message: e.to_string(),
            }),
        }
    }
    problems.sort_by_key(|p| !p.error);
    Ok(Checked { lexicon, problems })
}

/// Checks the lexicon files of `dir` (with the default lexicon unless
/// `replace`): each parses, relation types are complete, no name has two
/// meanings, and the whole compiles. Returns the problems found, errors
/// and warnings, as `file: message` lines.
pub fn check_dir(dir: &Path, replace: bool, common: CommonWord) -> Result<Vec<Problem>> {
    Ok(check_and_build(dir, replace, common)?.problems)
}

/// Consistency checks over parsed files; reports only problems in the
/// files from `all[first_mine..]` (the user's; before them, the built-in
/// lexicon's).
///
/// - A name given two meanings by the user's files is an error. A name the
///   user's file gives another meaning than the built-in lexicon does (Iran
///   as a militia) is a warning that says which meaning the lexicon keeps.
/// - A relation type the user's file declares needs `plover` and `cameo`,
///   unless another file declares it (then the file adds triggers to it).
/// - A name of one word that `common` says is a common English word (the
///   part of speech it names) is an error, unless a file's `word_names`
///   lists it.
pub fn check_files(
    all: &[(String, LexiconFile)],
    first_mine: usize,
    common: CommonWord,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    // name -> (file index, what it means)
    let mut meaning: HashMap<String, (usize, String)> = HashMap::default();
    // in the order compile reads them, so the first meaning is the one it
    // keeps: entities before states, files in order
    let mut order: Vec<(usize, &str, String)> = Vec::new();
    for (fi, (_, f)) in all.iter().enumerate() {
        for e in &f.entities {
            let what = format!(
                "{} {}",
                e.kind,
                e.id.clone().unwrap_or_else(|| slug(&e.name))
            );
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                order.push((fi, n.as_str(), what.clone()));
            }
        }
    }
    for (fi, (_, f)) in all.iter().enumerate() {
        for s in &f.states {
            let what = format!("state {}", s.id.clone().unwrap_or_else(|| slug(&s.name)));
            for n in std::iter::once(&s.name)
                .chain(&s.aliases)
                .chain(&s.demonyms)
            {
                order.push((fi, n.as_str(), what.clone()));
            }
        }
    }
    for (fi, name, what) in order {
        match meaning.get(name) {
            None => {
                meaning.insert(name.to_string(), (fi, what));
            }
            Some((first, kept)) if *kept != what && (fi >= first_mine || *first >= first_mine) => {
                // report it on the user's file
                let (mine, other, mine_means, other_means) = if fi >= first_mine {
                    (fi, *first, &what, kept)
                } else {
                    (*first, fi, kept, &what)
                };
                let (path, other_path) = (&all[mine].0, &all[other].0);
                if other < first_mine {
                    problems.push(Problem {
                        error: false,
                        message: format!(
                            "{path}: \"{name}\" means {mine_means} here but {other_means} in the built-in lexicon ({other_path}); the lexicon keeps {kept}"
                        ),
                    });
                } else {
                    problems.push(Problem {
                        error: true,
                        message: format!(
                            "{path}: \"{name}\" means {mine_means} here but {other_means} in {other_path}"
                        ),
                    });
                }
            }
            Some(_) => {}
        }
    }
    let allowed: HashSet<&String> = all.iter().flat_map(|(_, f)| &f.words.word_names).collect();
    for (fi, (path, f)) in all.iter().enumerate().skip(first_mine) {
        let names = f
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
            .chain(
                f.states
                    .iter()
                    .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases)),
            );
        for name in names {
            if let Some(tag) = common(name).filter(|_| !allowed.contains(name)) {
                problems.push(Problem {
                    error: true,
                    message: format!(
                        "{path}: the name \"{name}\" is a common English word (\"{}\" is a frequent {tag}): it would match every sentence that starts with it; give the longer name or an acronym",
                        name.to_lowercase()
                    ),
                });
            }
        }
        for r in &f.relations {
            let declared_elsewhere = all.iter().enumerate().any(|(gi, (_, g))| {
                gi != fi
                    && g.relations
                        .iter()
                        .any(|x| x.name == r.name && !x.plover.is_empty() && !x.cameo.is_empty())
            });
            if (r.plover.is_empty() || r.cameo.is_empty()) && !declared_elsewhere {
                problems.push(Problem {
                    error: true,
                    message: format!(
                        "{path}: relation type \"{}\" needs plover and cameo (it is not one the lexicon already has)",
                        r.name
                    ),
                });
            }
        }
    }
    problems
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

    #[test]
    fn parse_errors_name_file_line_and_column() {
        let err = parse_file(
            "x.ron",
            "(\n  entities: [ (name: \"A\", kind: nonsense) ],\n)",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.ron:2:"), "{msg}");
        let err = parse_file("y.ron", "(bogus: [])").unwrap_err().to_string();
        assert!(err.starts_with("y.ron:1:"), "{err}");
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
