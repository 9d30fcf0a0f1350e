//! Relation extraction: frames over the mentions of each sentence.
//!
//! Every frame reads words declared in the lexicon; none names an entity.
//!
//! | frame | example | edge |
//! |---|---|---|
//! | compound adjective | "Iran-backed Hezbollah" | Iran backs Hezbollah |
//! | prefix | "pro-Iranian militias" | Iran backs militias |
//! | active verb | "Iran rejected the plan of Iraq" | Iran rejected Iraq |
//! | passive | "the base was attacked by X" | X attacked base |
//! | nominal | "X launched attacks on Y", "attacks on Y by X", "X's threats against Y" | X attacked / threatened Y |
//! | nominal with source | "condemnation from X" of the sentence subject's acts | X condemned subject |
//! | response | "X struck in response to Y attacks" | X attacked Y |
//! | title | "Iraqi Prime Minister A", "A, U.S. Central Command Commander" | A leads Iraq |
//! | meeting | "a call between A and B" | A met B |
//! | statement | "The statement, issued by A and B" (after "a statement urging Y") | A, B urged Y |
//! | location | "X in western Y's Z", "Z, Y", "Iraqi militias", "Lebanon's Hezbollah" | X located_in Z located_in Y |
//! | patient noun | "an Iranian proxy", "its ally Y" | Iran backs subject |
//! | label noun | "the aggressor [Y]" | speaker condemned Y |
//!
//! Negation ("has not attacked", "denied attacking") and intent ("vowed to
//! strike Y": a threat, not an attack) are read around each trigger.
//!
//! This file runs the frames over an article and holds what they share
//! (the sentence context [`Cx`] and its emitting of edges); the chunker is
//! `chunk.rs`, the frames are `clauses.rs` (verbs, statements), `events.rs`
//! (compounds, event nouns, meetings, patient and label nouns), `titles.rs`
//! and `places.rs`.

use crate::entity::EntityKind;
use crate::lexicon::{FrameRole, Lexicon, Role, VerbForm, VerbTrigger};
use crate::relations::article::{self, ParseFn};
use crate::relations::{PriorEvent, NEAREST_STATE_WORDS};
use crate::text::parsed::{Form, ParsedArticle};
use std::collections::HashSet;

/// How far frames look around a trigger, in tokens. Every walk is bounded,
/// so extraction stays linear in the length of a text, however long its
/// sentences or lists ("5,000 coordinated names").
const WINDOW: usize = 40;
/// The most conjuncts read in one list.
const MAX_CONJUNCTS: usize = 64;

pub(crate) use crate::relations::article::Found;

mod chunk;
mod clauses;
mod events;
mod places;
mod titles;

/// What the extractor remembers across the sentences of one article.
#[derive(Default)]
struct Memory {
    /// (relation, target) of the last statement that urged, condemned, ...
    statement: Vec<(usize, usize)>,
    /// (source, target) of every `urged` edge so far.
    urged: Vec<(usize, usize)>,
    /// Events read from the parse, by sentence.
    events: Vec<(usize, PriorEvent)>,
}

/// A noun phrase read rightwards: its entities (more than one when
/// coordinated) and where it ends.
#[derive(Clone, Debug, Default)]
struct Phrase {
    heads: Vec<usize>,
    /// Where the scan stopped (exclusive).
    end: usize,
    /// Where the last head's mention ends (exclusive): evidence spans end here.
    head_end: usize,
    /// The phrase ends in a title with no name: "a senior Hezbollah commander".
    titled: bool,
    /// The phrase ends in a common noun after its last name: "U.S. bases".
    modifier: bool,
    /// The phrase's last word, lower case.
    last_word: String,
}

/// Extracts the relations of every sentence of an analysed article. With a
/// parser, the clause and event frames are read from the parse of each
/// sentence that may hold a relation ([`crate::relations`]) instead of from
/// word windows.
pub(crate) fn relations(doc: &ParsedArticle, lex: &Lexicon, parse: Option<&ParseFn>) -> Vec<Found> {
    let mut memory = Memory::default();
    let mut out = Vec::new();
    for s in 0..doc.sentences.len() {
        let mut cx = Cx {
            doc,
            lex,
            s,
            out: Vec::new(),
            seen: HashSet::new(),
        };
        // sentences the parse reads: its edges, and the (source, type,
        // target) its modality rejects, which no word-window frame may add
        let mut vetoed: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(parse) = parse {
            let recent: Vec<PriorEvent> = memory
                .events
                .iter()
                .filter(|(k, _)| k + article::ANAPHOR_WINDOW >= s)
                .map(|&(_, e)| e)
                .collect();
            if article::worth_parsing(doc, lex, s, !recent.is_empty()) {
                let reading = article::read(doc, lex, s, parse, &recent);
                memory
                    .events
                    .extend(article::events(&reading, doc).into_iter().map(|e| (s, e)));
                for c in reading.candidates {
                    match c.dropped {
                        None => cx.out.push(Found {
                            source: c.source,
                            relation: c.relation,
                            target: c.target,
                            sentence: s,
                            tokens: c.words,
                            how: Some((c.construction.name(), c.mode.name())),
                        }),
                        Some(d) if d.is_modal() => {
                            vetoed.push((c.source, c.relation, c.target));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        for (name, frame) in FRAMES {
            if !ablated().iter().any(|f| f == name) {
                frame(&mut cx, &mut memory);
            }
        }
        // one statement per (source, type, target) and sentence: the parse's
        // reading first, a word-window frame's only when the parse has none
        // and its modality did not reject it
        let mut stated: HashSet<(usize, usize, usize)> = HashSet::new();
        // a person whose title the parse read ("Lebanon's caretaker prime
        // minister X condemned the Israeli strike"): the word-window title
        // frame's guess of a state nearby is not added
        let title_roles = [
            lex.title_relation(Role::Leads),
            lex.title_relation(Role::MemberOf),
        ];
        let titled: HashSet<usize> = cx
            .out
            .iter()
            .filter(|f| {
                f.how
                    .is_some_and(|(c, _)| c == crate::relations::Construction::Title.name())
            })
            .map(|f| f.source)
            .collect();
        // an event the parse found not factual ("called on Russia to stop
        // attacking Ukraine") is not made factual by a word-window frame
        // that guessed another doer ("the UN ... attacking Ukraine"),
        // unless the parse itself states that event of that target
        let parse_states = |r: usize, t: usize| {
            cx.out
                .iter()
                .any(|f| f.how.is_some() && f.relation == r && f.target == t)
        };
        let unsure: Vec<(usize, usize)> = vetoed
            .iter()
            .filter(|&&(_, r, t)| !parse_states(r, t))
            .map(|&(_, r, t)| (r, t))
            .collect();
        cx.out.retain(|f| {
            let key = (f.source, f.relation, f.target);
            let guessed = f.how.is_none()
                && titled.contains(&f.source)
                && title_roles.contains(&Some(f.relation));
            let vetoed = vetoed.contains(&key) || unsure.contains(&(f.relation, f.target));
            (f.how.is_some() || !vetoed) && !guessed && stated.insert(key)
        });
        // a person both heads and is a member of one body in one sentence
        // ("X, the commander of the Quds Force": the title and a path both
        // read it): the head, which says more
        if let (Some(leads), Some(member)) = (
            lex.title_relation(Role::Leads),
            lex.title_relation(Role::MemberOf),
        ) {
            let heads: Vec<(usize, usize)> = cx
                .out
                .iter()
                .filter(|f| f.relation == leads)
                .map(|f| (f.source, f.target))
                .collect();
            cx.out
                .retain(|f| f.relation != member || !heads.contains(&(f.source, f.target)));
        }
        // "a joint U.S.-Nigerien patrol": states joined in one force are on
        // one side in this sentence, whatever a misread clause says
        let joint = joint_pairs(doc, lex, s);
        if !joint.is_empty() {
            let hostile = |r: usize| {
                let assault = |r: usize| lex.relations[r].roles.contains(&FrameRole::Assault);
                assault(r) || lex.otherwise(r).is_some_and(assault)
            };
            cx.out.retain(|f| {
                !hostile(f.relation)
                    || !joint.iter().any(|&(a, b)| {
                        (a, b) == (f.source, f.target) || (b, a) == (f.source, f.target)
                    })
            });
        }
        let found = cx.out;
        let valid: Vec<Found> = found.into_iter().filter(|f| allowed(doc, lex, f)).collect();
        for f in &valid {
            if lex.relations[f.relation].roles.contains(&FrameRole::Demand) {
                memory.urged.push((f.source, f.target));
            }
        }
        out.extend(valid);
    }
    out
}

/// Pairs of entities that sentence `s` joins by a hyphen into one force
/// after a word of cooperation: "a joint U.S.-Nigerien patrol", "combined
/// Iraqi-Kurdish forces".
fn joint_pairs(doc: &ParsedArticle, lex: &Lexicon, s: usize) -> Vec<(usize, usize)> {
    let info = &doc.info[s];
    let mut out = Vec::new();
    for (&x, &y) in info.mentions.iter().zip(info.mentions.iter().skip(1)) {
        let (a, b) = doc.mentions[x].tokens;
        let (c, _) = doc.mentions[y].tokens;
        let hyphen = c == b + 1 && matches!(info.word(b), "-" | "–");
        let cue = a > 0 && lex.words.joint_cues.contains(info.word(a - 1));
        if let (true, true, Some(e), Some(f)) = (hyphen, cue, doc.entity_of(x), doc.entity_of(y)) {
            out.push((e, f));
        }
    }
    out
}

/// The frames, in the order they run (statements last: they read what the
/// others found), by the name `NEWSGRAPH_ABLATE` knows them by.
type Frame = fn(&mut Cx, &mut Memory);
const FRAMES: [(&str, Frame); 9] = [
    ("compounds", |cx, _| cx.compounds()),
    ("titles", |cx, _| cx.titles()),
    ("verbs", |cx, m| cx.verbs(m)),
    ("nouns", |cx, _| cx.nouns()),
    ("meetings", |cx, _| cx.meetings()),
    ("locations", |cx, _| cx.locations()),
    ("patients", |cx, _| cx.patients()),
    ("labels", |cx, _| cx.labels()),
    ("statements", |cx, m| cx.statements(m)),
];

/// Frames switched off for measurement (`NEWSGRAPH_ABLATE=verbs,nouns`,
/// read once): `scripts/ablation.sh` uses it to show what each frame adds.
/// A diagnostic, not a feature: leave it unset.
fn ablated() -> &'static [String] {
    static ABLATED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ABLATED.get_or_init(|| {
        std::env::var("NEWSGRAPH_ABLATE")
            .map(|v| {
                v.split(',')
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Kind constraints of the relation type; no self-loops.
fn allowed(doc: &ParsedArticle, lex: &Lexicon, f: &Found) -> bool {
    let r = &lex.relations[f.relation];
    let sk = doc.entities[f.source].kind;
    let tk = doc.entities[f.target].kind;
    f.source != f.target && r.allows_source(sk) && r.allows_target(tk)
}

struct Cx<'d, 'a> {
    doc: &'d ParsedArticle<'a>,
    lex: &'d Lexicon,
    s: usize,
    out: Vec<Found>,
    /// What `out` holds, for constant-time duplicate checks.
    seen: HashSet<(usize, usize, usize, (usize, usize))>,
}

impl<'d, 'a> Cx<'d, 'a> {
    pub(super) fn n(&self) -> usize {
        self.doc.len(self.s)
    }

    pub(super) fn w(&self, k: usize) -> &str {
        let info = &self.doc.info[self.s];
        if k < info.len() {
            info.word(k)
        } else {
            ""
        }
    }

    pub(super) fn raw(&self, k: usize) -> &str {
        if k < self.n() {
            self.doc.tok(self.s, k)
        } else {
            ""
        }
    }

    /// The resolved mention covering token `k`.
    pub(super) fn mention(&self, k: usize) -> Option<usize> {
        let m = self.doc.info[self.s].at.get(k).copied().flatten()?;
        self.doc.mentions[m].entity.map(|_| m)
    }

    pub(super) fn entity(&self, m: usize) -> usize {
        self.doc.entity_of(m).expect("resolved mention")
    }

    pub(super) fn kind(&self, e: usize) -> EntityKind {
        self.doc.entities[e].kind
    }

    /// The sentence's mentions that start within `[k - before, k + after)`.
    pub(super) fn mentions_near(&self, k: usize, before: usize, after: usize) -> &'d [usize] {
        let ms: &'d [usize] = &self.doc.info[self.s].mentions;
        let lo = ms.partition_point(|&m| self.doc.mentions[m].tokens.0 + before < k);
        let hi = ms.partition_point(|&m| self.doc.mentions[m].tokens.0 < k + after);
        &ms[lo..hi.max(lo)]
    }

    pub(super) fn is_possessive(&self, k: usize) -> bool {
        matches!(self.raw(k), "'s" | "\u{2019}s" | "'S" | "'" | "\u{2019}")
    }

    pub(super) fn emit(
        &mut self,
        source: usize,
        relation: usize,
        target: usize,
        a: usize,
        b: usize,
    ) {
        let f = Found {
            source,
            relation,
            target,
            sentence: self.s,
            tokens: (a.min(b), a.max(b).min(self.n().saturating_sub(1)) + 1),
            how: None,
        };
        if self.seen.insert((f.source, f.relation, f.target, f.tokens)) {
            self.out.push(f);
        }
    }

    pub(super) fn emit_all(
        &mut self,
        sources: &[usize],
        relation: usize,
        targets: &[usize],
        a: usize,
        b: usize,
    ) {
        for &src in sources {
            for &tgt in targets {
                self.emit(src, relation, tgt, a, b);
            }
        }
    }

    /// Words that end a noun phrase.
    pub(super) fn is_stop(&self, k: usize) -> bool {
        if k >= self.n() {
            return true;
        }
        let w = self.w(k);
        let words = &self.lex.words;
        if self.mention(k).is_some() || self.doc.info[self.s].title_at[k].is_some() {
            return false;
        }
        if self.is_possessive(k) || w == "-" {
            return false;
        }
        let t = &self.doc.sentences[self.s].tokens[k];
        t.kind == crate::text::segment::TokenKind::Punct
            || words.prepositions.contains(w)
            || words.auxiliaries.contains(w)
            || words.relative_pronouns.contains(w)
            || words.clause_breaks.contains(w)
            || matches!(w, "and" | "or" | "to")
            || (self.lex.triggers.verbs.contains_key(w)
                && !self.lex.triggers.nouns.contains_key(w)
                && !self.lex.triggers.patient_nouns.contains_key(w)
                && !w.ends_with("ed"))
            || words.speech_verbs.contains(w)
            || words.light_verbs.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::pipeline::tests::edges;

    /// One numbered test per row: the text and the exact edges it gives.
    macro_rules! frames {
        ($($name:ident: $text:expr => [$($edge:expr),* $(,)?];)*) => {
            $(
                #[test]
                fn $name() {
                    let mut want: Vec<String> = vec![$($edge.to_string()),*];
                    want.sort();
                    assert_eq!(edges($text), want, "{}", $text);
                }
            )*
        };
    }

    frames! {
        // compound adjectives and prefixes
        f01_compound: "Fighters of the Iran-backed Hezbollah crossed the line." => ["iran backs hezbollah"];
        f02_compound_demonym: "Qatari-funded Hamas officials met in Doha." => ["qatar backs hamas"];
        f03_pro_prefix: "Pro-Russian Wagner Group units moved north." => ["russia backs wagner-group"];
        f04_unnamed_groups: "Syria-aligned militias shelled the town." => ["syria backs syria-backed-militias"];
        f05_reverse_compound: "The Gaza-based Islamic Jihad fired rockets." => ["islamic-jihad located_in gaza"];
        // active verbs, coordination, negation
        f06_active: "Turkey condemned Greece on Friday." => ["turkey condemned greece"];
        f07_coordinated_subjects: "Egypt, Jordan and Qatar urged Israel to stop." => ["egypt urged israel", "jordan urged israel", "qatar urged israel"];
        f08_coordinated_objects: "Iran threatened Israel and the United States." => ["iran threatened israel", "iran threatened united-states"];
        f09_negation: "Russia has not attacked Ukraine this week." => [];
        f10_denial: "Hezbollah denied attacking Israel." => [];
        f11_relative_clause: "Hamas, which is backed by Iran, attacked Israel." => ["hamas attacked israel", "iran backs hamas"];
        // passive
        f12_passive: "Erbil was attacked by Kataib Hezbollah." => ["kataib-hezbollah attacked erbil"];
        f13_passive_without_doer: "The base was attacked overnight." => [];
        f14_passive_coordinated: "The Houthis are funded, trained and armed by Iran." => ["iran backs houthis"];
        // nominal
        f15_nominal_light_verb: "Al-Shabaab launched three attacks on Kenya." => ["al-shabaab attacked kenya"];
        f16_nominal_by: "The attacks on Israel by Hamas continued." => ["hamas attacked israel"];
        f17_nominal_possessive: "Russia's strikes on Ukraine intensified." => ["russia attacked ukraine"];
        f18_nominal_source: "Israel struck Gaza, drawing condemnation from Egypt." => ["egypt condemned israel", "israel attacked gaza"];
        f18b_subordinate_clause: "Egypt protested after Israel struck Gaza." => ["israel attacked gaza"];
        f19_location_is_not_target: "Israeli strikes in Syria killed two people." => [];
        f20_owner_of_target: "France conducted airstrikes against camps used by Boko Haram." => ["france attacked boko-haram"];
        f21_response: "Israel conducted strikes in response to the Hezbollah attacks." => ["israel attacked hezbollah"];
        f22_intent_is_threat: "Iran vowed to retaliate against Israel." => ["iran threatened israel"];
        // titles
        f23_title_leads: "Turkish President Kemal Ozturk spoke." => ["kemal-ozturk leads turkey"];
        f24_title_member: "Egyptian Foreign Minister Amr Saleh left." => ["amr-saleh member_of egypt"];
        f25_title_group: "Hamas political leader Omar Nasser spoke." => ["omar-nasser leads hamas"];
        f26_title_after_name: "General Paul Reyes, U.S. Central Command Commander, arrived." => ["paul-reyes leads us-central-command"];
        f27a_place_chain: "The convoy reached Damasak, Borno State, Nigeria, on Monday." => ["damasak located_in borno-state", "borno-state located_in nigeria"];
        f27b_place_list: "Shells fell on Gaza City, Rafah, Khan Younis and Jabalia." => [];
        f27c_region: "Troops left Southern Kordofan for Khartoum, Sudan." => ["khartoum located_in sudan"];
        f27d_headline_title: "Statement from NATO Spokesman Col. Peter Holm on the Exercise" => ["peter-holm member_of nato"];
        f27e_honorific_after_title: "Hezbollah Spokesman Sheikh Ali Daher spoke." => ["ali-daher member_of hezbollah"];
        f27f_rank_after_title: "\"We will stay,\" said Pentagon spokesman Colonel Dan Reyes." => ["dan-reyes member_of department-of-defense"];
        f27_member_cue: "A senior Hezbollah commander, Fuad Haidar, was named." => ["fuad-haidar member_of hezbollah"]; // a commander is a member (GUIDELINE), not the head
        // meetings and statements
        f28_meeting_between: "A call between Turkish President Kemal Ozturk and Greek Prime Minister Nikos Petrou took place." => [
            "kemal-ozturk leads turkey", "kemal-ozturk met nikos-petrou", "nikos-petrou leads greece"
        ];
        f29_statement_by: "A statement by Britain, France and Germany urging Iran to stop was issued." => [
            "france urged iran", "germany urged iran", "united-kingdom urged iran"
        ];
        f30_object_control: "Saudi Arabia persuaded Egypt to condemn Hamas." => ["egypt condemned hamas"];
        // what is urged is not yet done
        f30_urged_is_not_done: "Saudi Arabia urged Egypt to press Hamas." => ["saudi-arabia urged egypt"];
        // locations
        f31_location_possessive: "The camp is near Mosul in northern Iraq's Nineveh province." => ["mosul located_in nineveh", "nineveh located_in iraq"];
        f32_location_in: "Tanf in eastern Syria was quiet." => ["tanf located_in syria"];
        f33_dateline: "ADEN, Yemen – Calm returned." => ["aden located_in yemen"];
        f34_city_list_is_not_containment: "Protests spread to Baghdad, Basra and Mosul." => [];
        f35_demonym_militia: "Lebanese Hezbollah fighters withdrew." => ["hezbollah located_in lebanon"];
        f36_presence: "Al-Shabaab is active in Somalia." => ["al-shabaab located_in somalia"];
        // coreference
        f37_pronoun: "Hezbollah chief Hassan Haidar spoke. He warned Israel." => ["hassan-haidar leads hezbollah", "hassan-haidar threatened israel"];
        f38_the_group: "Hamas fired rockets. The group also attacked Israel." => ["hamas attacked israel"];
        // regression: a participle or infinitive opening the sentence (index underflow)
        f41_sentence_initial_participle: "Urging Iran to stop, Egypt left." => [];
        f42_sentence_initial_infinitive: "To attack Israel was the aim." => [];
        f54_held_talks: "Egypt and Jordan held talks on Sunday." => ["egypt met jordan"];
        // the other PLOVER categories
        f47_agreed: "Israel agreed with Hamas on a truce." => ["hamas agreed_with israel"];
        f48_aided: "Qatar sent aid to Gaza. Egypt assisted Jordan." => ["egypt aided jordan", "qatar aided gaza"];
        f49_cooperated: "Turkey cooperated with Russia." => ["russia cooperated_with turkey"];
        f50_sanctioned: "The United States sanctioned Hezbollah." => ["united-states sanctioned hezbollah"];
        f51_protested: "Jordan protested against Israel." => ["jordan protested israel"];
        f52_withdrew: "Russia withdrew from Syria." => ["russia withdrew_from syria"];
        f53_investigated: "The United Nations investigated Israel." => ["united-nations investigated israel"];
        // accusations and denials
        f43_accused_of: "Egypt accused Israel of attacking Gaza." => ["egypt blamed israel"];
        f44_blamed_for: "Russia blamed Ukraine for shelling Donetsk." => ["russia blamed ukraine"];
        f45_denied_clause: "Iraq denied that it attacked Syria." => [];
        f46_reported_speech: "Turkey said Russia attacked Ukraine." => ["russia attacked ukraine"];
        // nothing to find
        f39_plain: "Markets were calm and the weather was mild." => [];
        f40_unknown_lowercase: "the us and them of it attacked nothing." => [];
    }
}
