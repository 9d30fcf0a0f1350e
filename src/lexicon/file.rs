//! Lexicon files: what a `*.ron` file of `data/lexicon/` may hold, and
//! reading it (errors name the file, line and column).

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use super::words::Words;

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
    /// The relation types an intent verb turns into this type (empty: any):
    /// "vowed to strike Y" is a threat, "pledged to support Y" is not.
    pub intent_of: Vec<String>,
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
    /// [`crate::lexicon::paths`].
    pub paths: Vec<String>,
    /// The parts this type plays in the word-window frames, which know
    /// parts, never type names (`[assault]`: "an Israeli strike" names its
    /// doer).
    pub roles: Vec<FrameRole>,
}

impl RelationType {
    /// Whether an entity of `kind` may be this type's source.
    pub fn allows_source(&self, kind: EntityKind) -> bool {
        self.source.is_empty() || self.source.contains(&kind)
    }

    /// Whether an entity of `kind` may be this type's target.
    pub fn allows_target(&self, kind: EntityKind) -> bool {
        self.target.is_empty() || self.target.contains(&kind)
    }
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
    /// The verb's subject undergoes the event and an event noun in its
    /// "in" phrase names the doer: "Y died in an Israeli strike".
    pub undergoer: bool,
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
    /// Names something given to the target ("support", "weapons"): "offered
    /// Y support", "gave Y weapons", "provided Y with funding" name the
    /// receiver, and "Y, with backing from X" the receiver of X's.
    pub given: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
