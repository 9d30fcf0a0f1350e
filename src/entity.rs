//! Entities: the nodes of the graph.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an entity is. Countries are always `State`, never `Place`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named individual.
    Person,
    /// A sovereign state; also its government, armed forces and demonym.
    State,
    /// An armed non-state group.
    Militia,
    /// A named non-armed body: international organisation, ministry, command, party.
    Organization,
    /// A city, region, province, base, facility, sea.
    Place,
}

impl EntityKind {
    /// Every kind, in the order used for legends and statistics.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::State,
        EntityKind::Militia,
        EntityKind::Organization,
        EntityKind::Place,
    ];

    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::State => "state",
            EntityKind::Militia => "militia",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }

    /// What the kind holds, for `newsgraph types`.
    pub fn description(self) -> &'static str {
        match self {
            EntityKind::Person => "a named individual",
            EntityKind::State => "a sovereign state; also its government, armed forces and demonym",
            EntityKind::Militia => "an armed non-state group",
            EntityKind::Organization => {
                "a named non-armed body: international organisation, ministry, command, party"
            }
            EntityKind::Place => "a city, region, province, base, facility, sea",
        }
    }

    /// Parses a kind name (case-insensitive).
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node of the knowledge graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable slug of the canonical name ("iran", "ismail-haniyeh"): the same
    /// entity gets the same id in every article and run.
    pub id: String,
    /// The canonical name.
    pub label: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// Other names it is called by in the articles (sorted, without the label).
    pub aliases: Vec<String>,
    /// How many times the articles mention it.
    pub mentions: u64,
}

impl Entity {
    /// Adds `alias` unless it is the label or already known; keeps aliases sorted.
    pub fn add_alias(&mut self, alias: &str) {
        if alias == self.label {
            return;
        }
        if let Err(at) = self.aliases.binary_search_by(|a| a.as_str().cmp(alias)) {
            self.aliases.insert(at, alias.to_string());
        }
    }

    /// True when `name` is the label or one of the aliases, ignoring case.
    pub fn is_called(&self, name: &str) -> bool {
        self.label.eq_ignore_ascii_case(name)
            || self.id.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// Turns a name into a stable id: lower-case letters and digits joined by
/// single hyphens; apostrophes and periods vanish ("U.S." → "us",
/// "Kata'ib Hezbollah" → "kataib-hezbollah"), accents on Latin letters are
/// dropped, letters of other scripts are kept ("كتائب" stays). A name with
/// no letter or digit gets `x` and the hex of its bytes.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '.' | '`' | '\u{02bc}') {
            // deleted outright
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() && !name.is_empty() {
        out.push('x');
        for b in name.bytes() {
            out.push_str(&format!("{b:02x}"));
        }
    }
    out
}

/// Maps the accented Latin letters that occur in names to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'č' | 'ć' => 'c',
        'Ç' | 'Č' | 'Ć' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ñ' | 'ń' => 'n',
        'Ñ' | 'Ń' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ş' | 'š' | 'ś' => 's',
        'Ş' | 'Š' | 'Ś' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ğ' => 'g',
        'Ğ' => 'G',
        'ı' => 'i',
        'İ' => 'I',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let rows = [
            ("Iran", "iran"),
            ("U.S.", "us"),
            ("Mohammed Shia Al-Sudani", "mohammed-shia-al-sudani"),
            ("Kata'ib Hezbollah", "kataib-hezbollah"),
            ("  Côte d’Ivoire ", "cote-divoire"),
            ("Iran-aligned militias", "iran-aligned-militias"),
            ("!!!", "x212121"),
            ("كتائب سيد", "كتائب-سيد"),
            ("", ""),
        ];
        for (i, (name, want)) in rows.iter().enumerate() {
            assert_eq!(slug(name), *want, "row {i}: {name}");
        }
    }

    #[test]
    fn aliases_stay_sorted_and_unique() {
        let mut e = Entity {
            id: "iran".into(),
            label: "Iran".into(),
            kind: EntityKind::State,
            aliases: vec![],
            mentions: 0,
        };
        for a in ["Iranian", "Iran", "Islamic Republic of Iran", "Iranian"] {
            e.add_alias(a);
        }
        assert_eq!(e.aliases, vec!["Iranian", "Islamic Republic of Iran"]);
        assert!(e.is_called("iranian"));
    }
}
