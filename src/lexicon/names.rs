//! The name index: every spelling of every entity, demonym and title, and
//! the automaton that finds them in a text.

use crate::entity::{slug, EntityKind};
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;

use super::file::{LexiconFile, TitleEntry};

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

/// One spelling the automaton looks for.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// As the lexicon writes it.
    pub text: String,
    /// `text` as the automaton matches it (see [`fold_for_match`]).
    pub folded: String,
    /// What it names.
    pub target: Target,
    /// All capitals ("US", "IRGC"): matched case-sensitively.
    pub acronym: bool,
}

/// A known entity, after compilation.
#[derive(Clone, Debug)]
pub(crate) struct LexEntity {
    /// Its node id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
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

/// All capitals, no lower case ("US", "IRGC").
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

/// The names of every file, in the order that gives each spelling its
/// meaning: named groups and places first ("Hezbollah" must not be claimed
/// by a capital), then states with their aliases and demonyms, then
/// capitals, then titles. The first meaning of a spelling wins; `lexicon
/// check` reports the clash.
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    /// The entities, in the order they were first named.
    pub entities: Vec<LexEntity>,
    /// Every spelling with what it stands for.
    pub patterns: Vec<Pattern>,
    /// The titles of office, lower case.
    pub titles: Vec<TitleEntry>,
    /// The id of each capital's entity, with the id of its state.
    pub capitals: HashMap<String, String>,
    by_id: HashMap<String, usize>,
    seen: HashMap<String, usize>,
}

impl NameTable {
    /// Reads the names of `files`.
    pub(crate) fn read(files: &[(String, LexiconFile)]) -> NameTable {
        let mut t = NameTable::default();
        for (_, file) in files {
            for e in &file.entities {
                let id = e.id.clone().unwrap_or_else(|| slug(&e.name));
                let i = t.entity(id, &e.name, e.kind);
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    t.spelling(name, Target::Entity(i));
                }
            }
        }
        for (_, file) in files {
            for s in &file.states {
                let id = s.id.clone().unwrap_or_else(|| slug(&s.name));
                let i = t.entity(id, &s.name, EntityKind::State);
                for name in std::iter::once(&s.name).chain(&s.aliases) {
                    t.spelling(name, Target::Entity(i));
                }
                for d in &s.demonyms {
                    t.spelling(d, Target::Demonym(i));
                }
            }
        }
        for (_, file) in files {
            for s in &file.states {
                let state = s.id.clone().unwrap_or_else(|| slug(&s.name));
                for c in s.capitals.iter().filter(|c| **c != s.name) {
                    let ci = t.entity(slug(c), c, EntityKind::Place);
                    t.spelling(c, Target::Entity(ci));
                    let id = t.entities[ci].id.clone();
                    t.capitals.entry(id).or_insert_with(|| state.clone());
                }
            }
        }
        for (_, file) in files {
            for title in &file.titles {
                let name = title.name.to_lowercase();
                t.titles.push(TitleEntry {
                    name: name.clone(),
                    ..title.clone()
                });
                t.spelling(&name, Target::Title(t.titles.len() - 1));
            }
        }
        t
    }

    /// The entity with id `id`, added if new.
    fn entity(&mut self, id: String, name: &str, kind: EntityKind) -> usize {
        if let Some(&i) = self.by_id.get(&id) {
            return i;
        }
        self.by_id.insert(id.clone(), self.entities.len());
        self.entities.push(LexEntity {
            id,
            name: name.to_string(),
            kind,
        });
        self.entities.len() - 1
    }

    /// Adds a spelling and its case variants, unless another meaning has it.
    fn spelling(&mut self, text: &str, target: Target) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        for v in variants(text) {
            if self.seen.contains_key(&v) {
                continue;
            }
            self.seen.insert(v.clone(), self.patterns.len());
            self.patterns.push(Pattern {
                acronym: is_acronym(&v),
                folded: fold_for_match(&v).0,
                text: v,
                target,
            });
        }
    }
}

/// The automaton over `patterns`, with the spellings each of its patterns
/// stands for. It ignores ASCII case, so "Al-Qaeda" and "al-Qaeda" are one
/// of its patterns: each stands for the group of spellings that fold to it,
/// and the gazetteer takes the first whose capitals the text has.
pub(crate) fn automaton(patterns: &[Pattern]) -> Result<(AhoCorasick, Vec<Vec<usize>>)> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::default();
    let mut keys: Vec<String> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        let key = p.folded.to_ascii_lowercase();
        let g = *group_of.entry(key.clone()).or_insert_with(|| {
            groups.push(Vec::new());
            keys.push(key);
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let names = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .map_err(|e| Error::Lexicon {
            path: "<lexicon>".into(),
            message: format!("cannot build the name automaton: {e}"),
        })?;
    Ok((names, groups))
}
