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
        cx.out.retain(|f| {
            let key = (f.source, f.relation, f.target);
            (f.how.is_some() || !vetoed.contains(&key)) && stated.insert(key)
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
    f.source != f.target
        && (r.source.is_empty() || r.source.contains(&sk))
        && (r.target.is_empty() || r.target.contains(&tk))
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
    fn n(&self) -> usize {
        self.doc.len(self.s)
    }

    fn w(&self, k: usize) -> &str {
        let info = &self.doc.info[self.s];
        if k < info.len() {
            info.word(k)
        } else {
            ""
        }
    }

    fn raw(&self, k: usize) -> &str {
        if k < self.n() {
            self.doc.tok(self.s, k)
        } else {
            ""
        }
    }

    /// The resolved mention covering token `k`.
    fn mention(&self, k: usize) -> Option<usize> {
        let m = self.doc.info[self.s].at.get(k).copied().flatten()?;
        self.doc.mentions[m].entity.map(|_| m)
    }

    fn entity(&self, m: usize) -> usize {
        self.doc.entity_of(m).expect("resolved mention")
    }

    fn kind(&self, e: usize) -> EntityKind {
        self.doc.entities[e].kind
    }

    /// The sentence's mentions that start within `[k - before, k + after)`.
    fn mentions_near(&self, k: usize, before: usize, after: usize) -> &'d [usize] {
        let ms: &'d [usize] = &self.doc.info[self.s].mentions;
        let lo = ms.partition_point(|&m| self.doc.mentions[m].tokens.0 + before < k);
        let hi = ms.partition_point(|&m| self.doc.mentions[m].tokens.0 < k + after);
        &ms[lo..hi.max(lo)]
    }

    fn is_possessive(&self, k: usize) -> bool {
        matches!(self.raw(k), "'s" | "\u{2019}s" | "'S" | "'" | "\u{2019}")
    }

    fn emit(&mut self, source: usize, relation: usize, target: usize, a: usize, b: usize) {
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

    fn emit_all(
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
    fn is_stop(&self, k: usize) -> bool {
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

    /// One noun phrase from `k` rightwards (no coordination).
    fn phrase_right(&self, k: usize) -> Phrase {
        let mut p = Phrase {
            end: k,
            ..Phrase::default()
        };
        let mut last: Option<usize> = None;
        // the last name was a possessor ("X's"): what follows is owned by it
        let mut owned = false;
        let mut j = k;
        let limit = (k + 12).min(self.n());
        while j < limit && !self.is_stop(j) {
            let in_title = self.doc.info[self.s].title_at[j].is_some();
            if j > k && !in_title && self.mention(j).is_none() && self.attribution_at(j).is_some() {
                break;
            }
            if let Some(m) = self.mention(j) {
                let mm = &self.doc.mentions[m];
                last = Some(self.entity(m));
                owned = false;
                p.titled = false;
                p.modifier = false;
                j = mm.tokens.1;
                p.end = j;
                p.head_end = j;
                p.last_word = self.w(j - 1).to_string();
                continue;
            }
            let w = self.w(j);
            // "the Iranian-backed Houthis": the name before "-backed" only
            // modifies the head that follows
            let right_after = j > k && self.mention(j - 1).is_some();
            if last.is_some()
                && right_after
                && w == "-"
                // joined, not a dash between spaces ("Libya - fell")
                && !self.doc.sentences[self.s].tokens[j].space_before
                && j + 1 < limit
                && (self.lex.triggers.compounds.contains_key(self.w(j + 1))
                    // any lower-case participle: "IS-affiliated", "Houthi-held"
                    || self.raw(j + 1).starts_with(|c: char| c.is_lowercase()))
            {
                last = None;
                j += 2;
                p.end = j;
                continue;
            }
            // a verb ends the phrase: "Hezbollah fired rockets"
            let verb_like = (w.ends_with("ed") && w.len() > 3)
                || (self.lex.triggers.verbs.contains_key(w)
                    && !self.lex.triggers.nouns.contains_key(w));
            if last.is_some() && verb_like && !self.is_possessive(j) {
                break;
            }
            if self.doc.info[self.s].title_at[j].is_some() {
                p.titled = true;
            } else if self.is_possessive(j) && last.is_some() {
                owned = true;
            } else if w != "-" && last.is_some() {
                p.titled = false;
                // "Hezbollah's kidnapping of two Israeli soldiers": the owner
                // stays the head; a name before a noun modifies it
                p.modifier = !owned;
                // the noun the name modifies belongs to the span: "U.S. military personnel"
                p.head_end = j + 1;
            }
            p.last_word = w.to_string();
            j += 1;
            p.end = j;
        }
        if let Some(e) = last {
            p.heads.push(e);
        }
        p
    }

    /// A noun phrase with its coordinated siblings ("A, B and C") and owners
    /// ("facilities used by X", "a commander of X").
    fn phrases_right(&self, k: usize) -> Phrase {
        let mut p = self.phrase_right(k);
        if p.heads.is_empty() || p.titled || p.modifier {
            // "facilities in eastern Syria used by X": pass over where the thing is
            let mut at = p.end;
            while matches!(self.w(at), "in" | "at" | "near") && at < p.end + WINDOW {
                let place = self.phrase_right(at + 1);
                at = place.end.max(at + 1);
            }
            if let Some(len) = self.attribution_at(at) {
                let owner = self.phrases_right(at + len);
                if !owner.heads.is_empty() {
                    let titled = p.titled || (p.heads.is_empty() && !p.last_word.is_empty());
                    return Phrase { titled, ..owner };
                }
            }
        }
        if p.heads.is_empty() {
            return p;
        }
        // coordination: ", B", "and C", ", and D"; commas alone make no list
        // ("attacks by Hamas, Stroul said"), so they count once "and" closes it
        let mut j = p.end;
        let mut pending = Vec::new();
        let mut closed = p.end;
        for _ in 0..MAX_CONJUNCTS {
            let mut k = j;
            let comma = self.w(k) == ",";
            if comma {
                k += 1;
            }
            let and = matches!(self.w(k), "and" | "or");
            if and {
                k += 1;
            }
            if k == j || k >= self.n() {
                break;
            }
            let next = self.phrase_right(k);
            if next.heads.is_empty() || next.end == k {
                break;
            }
            pending.extend(next.heads);
            j = next.end;
            if and {
                p.heads.append(&mut pending);
                closed = j;
                p.head_end = next.head_end;
            }
        }
        p.end = closed;
        p
    }

    /// Length of an attribution at `k`: "used by", "of", and coordinated
    /// participles ("used and operated by").
    fn attribution_at(&self, k: usize) -> Option<usize> {
        if let Some(len) = self.phrase_at(k, &self.lex.words.attributions) {
            return Some(len);
        }
        let participle = |w: &str| w.ends_with("ed") || w.ends_with("en");
        if participle(self.w(k)) && self.w(k + 1) == "and" && participle(self.w(k + 2)) {
            return self
                .phrase_at(k + 2, &self.lex.words.attributions)
                .map(|len| len + 2);
        }
        None
    }

    /// Length of the entry of `list` (word sequences) at token `k`.
    fn phrase_at(&self, k: usize, list: &[Vec<String>]) -> Option<usize> {
        list.iter()
            .filter(|p| {
                p.iter()
                    .enumerate()
                    .all(|(i, w)| self.w(k + i) == w.as_str())
            })
            .map(Vec::len)
            .max()
    }

    /// An adverb in "-ly" the lexicon does not list ("primarily"), not a name.
    fn is_ly_adverb(&self, k: usize) -> bool {
        let w = self.w(k);
        w.ends_with("ly") && w.len() > 4 && self.mention(k).is_none()
    }

    /// Skips adverbs, auxiliaries and negations leftwards from `k`
    /// (exclusive); returns the new position and whether a negation or a
    /// hedge ("possibly to meet") was seen: either way no fact.
    fn skip_verb_group_left(&self, mut k: usize) -> (usize, bool) {
        let words = &self.lex.words;
        let mut negated = false;
        let from = k;
        while k > 0 && from - k < 8 {
            let w = self.w(k - 1);
            if words.negations.contains(w) || words.denials.contains(w) || words.hedges.contains(w)
            {
                negated = true;
            } else if !(words.auxiliaries.contains(w)
                || words.adverbs.contains(w)
                || self.is_ly_adverb(k - 1))
            {
                break;
            }
            k -= 1;
        }
        (k, negated)
    }

    /// The subject(s) of a verb at `k`: the noun phrase right before it.
    fn subject_left(&self, k: usize) -> (Vec<usize>, bool) {
        let (subjects, negated) = self.subject_left_inner(k);
        // "Iraq denied that it attacked Syria": a denied clause
        // where the subject stands: its nearest mention, a pronoun included
        let start = (k.saturating_sub(WINDOW)..k)
            .rev()
            .find(|&i| {
                self.mention(i)
                    .is_some_and(|m| subjects.contains(&self.entity(m)))
            })
            .map(|i| {
                self.doc.mentions[self.mention(i).expect("a mention")]
                    .tokens
                    .0
            })
            .unwrap_or(k);
        let mut j = start;
        if j > 0 && self.w(j - 1) == "that" {
            j -= 1;
        }
        let denied = !subjects.is_empty()
            && (j.saturating_sub(3)..j).any(|i| self.lex.words.denials.contains(self.w(i)));
        (subjects, negated || denied)
    }

    fn subject_left_inner(&self, k: usize) -> (Vec<usize>, bool) {
        let (mut j, negated) = self.skip_verb_group_left(k);
        let words = &self.lex.words;
        // "..., which attacked", "X who struck"
        if j > 0 && words.relative_pronouns.contains(self.w(j - 1)) {
            j -= 1;
            if j > 0 && self.w(j - 1) == "," {
                j -= 1;
            }
            return (self.coordinated_left(j), negated);
        }
        // "Hezbollah, which is backed by Iran, threatened": skip the clause
        if j > 1 && self.w(j - 1) == "," {
            let from = j.saturating_sub(16);
            if let Some(open) = (from..j - 1).rev().find(|&p| self.w(p) == ",") {
                let next = self.w(open + 1);
                let inserted =
                    words.relative_pronouns.contains(next) || matches!(next, "the" | "a" | "an");
                if inserted && open > 0 && self.mention(open - 1).is_some() {
                    return (self.coordinated_left(open), negated);
                }
            }
        }
        let mut common = 0;
        // "Egyptian media accused", "Syrian rebels attacked": the demonym
        // describes people who do not act for the state
        let mut people = false;
        while j > 0 && common <= 3 {
            if let Some(m) = self.mention(j - 1) {
                if people
                    && self.doc.mentions[m].form == Form::Demonym
                    && self.kind(self.entity(m)) == EntityKind::State
                {
                    return (Vec::new(), negated);
                }
                let start = self.doc.mentions[m].tokens.0;
                // inside a prepositional phrase: "a strike in Beirut killed"
                let np_start = self.np_start_left(start);
                if np_start > 0 {
                    if self.marker_ending_at(np_start).is_some() {
                        return (vec![self.entity(m)], negated);
                    }
                    // "after Israel struck": a clause opener, not a preposition
                    let opener = words.clause_breaks.contains(self.w(np_start - 1));
                    if words.prepositions.contains(self.w(np_start - 1)) && !opener {
                        j = np_start - 1;
                        common += 1;
                        continue;
                    }
                }
                return (self.coordinated_left(j), negated);
            }
            let w = self.w(j - 1);
            if let Some(agent) = self.event_agent(j - 1) {
                return (vec![agent], negated);
            }
            if self.is_stop(j - 1) || words.determiners.contains(w) {
                break;
            }
            people |= words.people_nouns.contains(w) || words.armed_nouns.contains(w);
            common += 1;
            j -= 1;
        }
        (Vec::new(), negated)
    }

    /// Does an agent marker ("by", "attributed to") end right before `k`?
    fn marker_ending_at(&self, k: usize) -> Option<usize> {
        self.lex
            .words
            .agent_markers
            .iter()
            .filter(|p| {
                p.len() <= k
                    && p.iter()
                        .enumerate()
                        .all(|(i, w)| self.w(k - p.len() + i) == w.as_str())
            })
            .map(Vec::len)
            .max()
    }

    /// Where the noun phrase holding token `k` starts: determiners, names,
    /// possessives and up to three adjectives or noun modifiers to its left
    /// ("the terrorist group Hamas").
    fn np_start_left(&self, mut k: usize) -> usize {
        let words = &self.lex.words;
        let mut common = 0;
        let from = k;
        while k > 0 && from - k < 12 {
            let w = self.w(k - 1);
            let unresolved_noun =
                self.doc.info[self.s].at[k - 1].is_some() && self.mention(k - 1).is_none();
            if self.mention(k - 1).is_some()
                || unresolved_noun
                || words.determiners.contains(w)
                || self.is_possessive(k - 1)
                || w == "-"
            {
                k -= 1;
                continue;
            }
            if self.is_stop(k - 1)
                || self.lex.triggers.nouns.contains_key(w)
                || self.lex.triggers.verbs.contains_key(w)
                || common >= 3
            {
                break;
            }
            if self.raw(k - 1).starts_with(char::is_lowercase)
                && !w.ends_with("ed")
                && !w.ends_with("ing")
            {
                common += 1;
                k -= 1;
                continue;
            }
            break;
        }
        k
    }

    /// Entities of the coordinated noun phrases ending at `k` (exclusive):
    /// "Iran and its allies", "Britain, France and Germany".
    fn coordinated_left(&self, k: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut j = k;
        let mut common = 0;
        let mut seen_and = false;
        let mut conjuncts = 0;
        while j > 0 && conjuncts < MAX_CONJUNCTS {
            if let Some(m) = self.mention(j - 1) {
                conjuncts += 1;
                let e = self.entity(m);
                let start = self.doc.mentions[m].tokens.0;
                // a possessor or modifier inside the phrase: "Iran's" in "Iran's proxies"
                let inner = !out.is_empty()
                    && j < k
                    && (self.is_possessive(j) || self.doc.mentions[m].form == Form::Demonym);
                if !inner && !out.contains(&e) {
                    out.push(e);
                }
                j = start;
                // skip the rest of the phrase: titles and names before the head
                while j > 0
                    && start - j < 12
                    && (self.mention(j - 1).is_some()
                        || self.doc.info[self.s].title_at[j - 1].is_some()
                        || self.is_possessive(j - 1)
                        || self.w(j - 1) == "-")
                {
                    j -= 1;
                }
                if j > 0 && self.lex.words.determiners.contains(self.w(j - 1)) {
                    j -= 1;
                }
                common = 0;
                // "A, B and C": a bare comma joins only once "and" has been seen
                // (", the United States" after an opening phrase is no list)
                let connector = if j >= 1 { self.w(j - 1) } else { "" };
                if matches!(connector, "and" | "or") || (connector == "," && seen_and) {
                    seen_and |= connector != ",";
                    j -= 1;
                    if j >= 1 && self.w(j - 1) == "," {
                        j -= 1;
                    }
                    continue;
                }
                break;
            }
            let w = self.w(j - 1);
            // "Iran and its allies": a common-noun conjunct
            if matches!(w, "and" | ",") && out.is_empty() && common > 0 {
                j -= 1;
                continue;
            }
            if self.is_stop(j - 1) || common >= 3 {
                break;
            }
            common += 1;
            j -= 1;
        }
        out
    }

    /// The doer of an event noun at `k` ("an Israeli strike", "Hamas' attack",
    /// "its threats"), if the words before it name one.
    fn event_agent(&self, k: usize) -> Option<usize> {
        let w = self.w(k);
        let attack = self.lex.relation_with(FrameRole::Assault)?;
        let triggers = self.lex.triggers.nouns.get(w)?;
        if !triggers.iter().any(|t| t.relation == attack) {
            return None;
        }
        self.modifier_left(k)
    }

    /// A name modifying the noun at `k` from the left: a possessor or a
    /// demonym/name right before it, past up to three adjectives or numbers.
    fn modifier_left(&self, k: usize) -> Option<usize> {
        let words = &self.lex.words;
        let mut j = k;
        let mut skipped = 0;
        while j > 0 && skipped <= 3 {
            let prev = j - 1;
            if self.is_possessive(prev) {
                if prev > 0 {
                    return self.mention(prev - 1).map(|m| self.entity(m));
                }
                return None;
            }
            if let Some(m) = self.mention(prev) {
                let mm = &self.doc.mentions[m];
                // "Iran-backed militias attacked": the compound names a backer, not a doer
                if mm.tokens.1 < self.n() && self.w(mm.tokens.1) == "-" && mm.tokens.1 + 1 < k {
                    return None;
                }
                return Some(self.entity(m));
            }
            let w = self.w(prev);
            if self.is_stop(prev)
                || words.determiners.contains(w)
                || self.lex.triggers.compounds.contains_key(w)
            {
                return None;
            }
            skipped += 1;
            j -= 1;
        }
        None
    }

    /// The subject of the clause holding token `k`: the first name of the
    /// sentence that is not inside a prepositional phrase, with its conjuncts.
    fn clause_subject(&self, k: usize) -> Vec<usize> {
        let words = &self.lex.words;
        let mentions = &self.doc.info[self.s].mentions;
        // only the mentions within reach of `k` (the list is in token order)
        let from = mentions.partition_point(|&m| self.doc.mentions[m].tokens.0 + 2 * WINDOW < k);
        for &m in &mentions[from..] {
            let mm = &self.doc.mentions[m];
            if mm.tokens.0 >= k {
                break;
            }
            if mm.entity.is_none() {
                continue;
            }
            let start = self.np_start_left(mm.tokens.0);
            if start > 0 && words.prepositions.contains(self.w(start - 1)) {
                continue;
            }
            // a modifier of a longer phrase ("Iraqi" in "Iraqi Prime Minister X")
            let mut end = mm.tokens.1;
            if end < self.n()
                && (self.is_possessive(end)
                    || self.mention(end).is_some()
                    || self.doc.info[self.s].title_at[end].is_some())
            {
                continue;
            }
            if mm.form == Form::Demonym && self.lex.words.state_bodies.contains(self.w(end)) {
                // "the Iraqi government": the state itself
                while end < self.n()
                    && end < mm.tokens.1 + 6
                    && !self.is_stop(end)
                    && self.mention(end).is_none()
                {
                    end += 1;
                }
            }
            return self.coordinated_left(end.min(self.n()));
        }
        Vec::new()
    }

    /// Is the trigger at `k` (also a noun) used as a noun here?
    fn used_as_noun(&self, k: usize) -> bool {
        let w = self.w(k);
        let Some(nouns) = self.lex.triggers.nouns.get(w) else {
            return false;
        };
        if k == 0 {
            return false;
        }
        let prev = self.w(k - 1);
        let words = &self.lex.words;
        let next = self.w(k + 1);
        if nouns.iter().any(|n| {
            n.target_preps.iter().any(|p| p == next) || n.source_preps.iter().any(|p| p == next)
        }) {
            return true;
        }
        words.determiners.contains(prev)
            || self.doc.sentences[self.s].tokens[k - 1].kind
                == crate::text::segment::TokenKind::Number
            || self.is_possessive(k - 1)
            || (!words.auxiliaries.contains(prev)
                && self.mention(k - 1).is_none()
                && !words.adverbs.contains(prev)
                && prev != "to")
    }

    // ---------------------------------------------------------------- frames

    /// "Iran-backed Hezbollah", "Iranian sponsored KH", "pro-Iranian militias",
    /// "Gaza-based Hamas".
    fn compounds(&mut self) {
        for k in 0..self.n() {
            let w = self.w(k).to_string();
            if let Some(&(rel, reverse)) = self.lex.triggers.compounds.get(&w).filter(|_| k >= 1) {
                // the name before: "Iran-backed" or "Iranian sponsored"
                let hyphen = self.w(k - 1) == "-";
                let at = if hyphen { k.saturating_sub(2) } else { k - 1 };
                if !hyphen
                    && k >= 1
                    && self
                        .mention(k - 1)
                        .is_some_and(|m| self.doc.mentions[m].form != Form::Demonym)
                {
                    continue; // "Iran backed X" is a verb, read by the verb frame
                }
                let Some(m) = self.mention(at) else { continue };
                let x = self.entity(m);
                let p = self.phrase_right(k + 1);
                for &y in &p.heads {
                    if reverse {
                        self.emit(y, rel, x, at, p.head_end - 1);
                    } else {
                        self.emit(x, rel, y, at, p.head_end - 1);
                    }
                }
            }
            // "pro-Iranian militias"
            if let Some(&rel) = self.lex.triggers.prefixes.get(&w) {
                if self.w(k + 1) == "-" {
                    if let Some(m) = self.mention(k + 2) {
                        let x = self.entity(m);
                        let end = self.doc.mentions[m].tokens.1;
                        let p = self.phrase_right(end);
                        for &y in &p.heads {
                            self.emit(x, rel, y, k, p.head_end - 1);
                        }
                    }
                }
            }
        }
    }

    /// "Iraqi Prime Minister A", "Hamas political leader A", "its leader A",
    /// "A, U.S. Central Command Commander", "A, the leader of Y".
    fn titles(&mut self) {
        let info = &self.doc.info[self.s];
        for t in info.titles.clone() {
            let (a, b) = t.tokens;
            let entry = &self.lex.titles[t.title];
            // the person right after the title (past honorifics: "Spokesman
            // Capt. X", "Chief Constable Sir X")
            // or a rank: "spokesman Colonel X"
            let rank = |k: usize| {
                info.title_at[k].is_some_and(|i| {
                    let rank = &self.lex.titles[info.titles[i].title];
                    rank.role == Role::None || rank.rank
                })
            };
            let mut k = b;
            while k < self.n()
                && (self.lex.words.honorifics.contains(self.w(k))
                    || (self.w(k) == "." && k > b)
                    || rank(k))
            {
                k += 1;
            }
            let person = self
                .mention(k)
                .filter(|&m| self.kind(self.entity(m)) == EntityKind::Person)
                .map(|m| (self.entity(m), self.doc.mentions[m].tokens.1));
            if let Some((p, end)) = person {
                let body = self.body_before(a);
                match body {
                    Some((x, cue, from)) => self.emit_title(p, x, t.title, cue, from, end - 1),
                    None => {
                        // no body stated: for a head of state, the state the sentence
                        // names ("at President X's direction, U.S. forces"); a
                        // minister's country is not guessed
                        if entry.role == Role::Leads
                            && entry.of_state
                            && self.w(b.saturating_sub(1)) != "of"
                        {
                            if let Some(x) = self.nearest_state(a) {
                                self.emit_title(p, x, t.title, false, a, end - 1);
                            }
                        }
                    }
                }
                continue;
            }
            // apposition after the person: "A, U.S. Central Command Commander", "A, the leader of Y"
            let mut j = a;
            while j > 0
                && a - j < 12
                && (self.mention(j - 1).is_some()
                    || matches!(self.w(j - 1), "the" | "a" | "-")
                    || self.is_possessive(j - 1)
                    || self.w(j - 1) == "its")
            {
                j -= 1;
            }
            if j >= 2 && self.w(j - 1) == "," {
                if let Some(pm) = self
                    .mention(j - 2)
                    .filter(|&m| self.kind(self.entity(m)) == EntityKind::Person)
                {
                    let p = self.entity(pm);
                    // "a commander of X": the article before the title is a member cue
                    let cue = a > 0 && self.lex.words.member_cues.contains(self.w(a - 1));
                    let body = self.body_before(a).map(|(x, c, _)| (x, c)).or_else(|| {
                        (self.w(b) == "of")
                            .then(|| self.phrase_right(b + 1).heads.first().map(|&x| (x, cue)))
                            .flatten()
                    });
                    if let Some((x, cue)) = body {
                        let end = if self.w(b) == "of" { b + 1 } else { b - 1 };
                        self.emit_title(p, x, t.title, cue, self.doc.mentions[pm].tokens.0, end);
                    }
                }
            }
        }
    }

    /// The state or body a title is held in, named right before it:
    /// "Iraqi", "Hamas", "Iraq's", "its"; and whether a member cue
    /// ("a senior") comes first.
    fn body_before(&self, a: usize) -> Option<(usize, bool, usize)> {
        if a == 0 {
            return None;
        }
        let mut k = a;
        if self.is_possessive(k - 1) {
            k -= 1;
        }
        // adjectives between: "Hamas political leader" is one title; "Hezbollah senior commander"
        let m = self.mention(k.checked_sub(1)?)?;
        let e = self.entity(m);
        if !matches!(
            self.kind(e),
            EntityKind::State | EntityKind::Organization | EntityKind::Militia
        ) {
            return None;
        }
        let start = self.doc.mentions[m].tokens.0;
        let cue = start > 0 && self.lex.words.member_cues.contains(self.w(start - 1));
        Some((e, cue, start))
    }

    fn emit_title(
        &mut self,
        person: usize,
        body: usize,
        title: usize,
        member_cue: bool,
        a: usize,
        b: usize,
    ) {
        let entry = &self.lex.titles[title];
        let label = self.doc.entities[body].label.to_lowercase();
        let leads = match entry.role {
            Role::None => return,
            Role::Leads => !member_cue,
            // "a commander of the Quds Force" is a member, "the commander" its head
            Role::MemberOf => {
                !member_cue && entry.leads_when.iter().any(|w| label.ends_with(w.as_str()))
            }
        };
        let role = if leads { Role::Leads } else { Role::MemberOf };
        if let Some(rel) = self.lex.title_relation(role) {
            self.emit(person, rel, body, a, b);
        }
    }

    /// The state named nearest to token `k`, preferring one before it: a name
    /// or an adjectival demonym ("U.S.", "Iranian"), not a plural demonym
    /// ("Palestinians" are people, not the state's institutions).
    fn nearest_state(&self, k: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for &m in self.mentions_near(k, NEAREST_STATE_WORDS, NEAREST_STATE_WORDS) {
            let Some(e) = self.doc.mentions[m].entity else {
                continue;
            };
            let (a, b) = self.doc.mentions[m].tokens;
            let form = self.doc.mentions[m].form;
            let people =
                form == Form::Demonym && self.lex.words.plural_demonyms.contains(self.w(b - 1));
            if self.kind(e) != EntityKind::State
                || people
                || !matches!(form, Form::Name | Form::Demonym)
            {
                continue;
            }
            // a name that modifies a noun ("U.S. forces"), not the subject of
            // a clause ("the United States has been in contact with")
            let words = &self.lex.words;
            let next = if b < self.n() { self.w(b) } else { "" };
            let modifies = form == Form::Demonym
                || (next.starts_with(|c: char| c.is_lowercase())
                    && !words.auxiliaries.contains(next)
                    && !words.be_forms.contains(next)
                    && !words.prepositions.contains(next)
                    && !words.function_words.contains(next));
            if !modifies {
                continue;
            }
            let dist = if b <= k { k - b } else { (a - k) * 2 };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, e));
            }
        }
        best.map(|(_, e)| e)
    }

    /// Active and passive verbs.
    fn verbs(&mut self, memory: &Memory) {
        for k in 0..self.n() {
            // a word of a title is no verb: "Press Secretary X"
            if self.mention(k).is_some() || self.doc.info[self.s].title_at[k].is_some() {
                continue;
            }
            let Some(triggers) = self.lex.triggers.verbs.get(self.w(k)) else {
                continue;
            };
            if self.used_as_noun(k) {
                continue;
            }
            for trig in triggers.clone() {
                self.verb(k, &trig, memory);
            }
        }
    }

    fn verb(&mut self, k: usize, trig: &VerbTrigger, memory: &Memory) {
        let words = &self.lex.words;
        let (group_start, _) = self.skip_verb_group_left(k);
        let be_before = (group_start..k).any(|j| words.be_forms.contains(self.w(j)));
        let participle = matches!(trig.form, VerbForm::Participle | VerbForm::PastOrParticiple);
        // coordinated participles: "funded, trained and equipped by"
        let mut after = k + 1;
        while participle
            && after + 1 < self.n()
            && after < k + 12
            && matches!(self.w(after), "," | "and")
        {
            let next = if self.w(after + 1) == "and" {
                after + 2
            } else {
                after + 1
            };
            if next < self.n() && self.w(next).ends_with("ed") && !self.is_stop(next)
                || self.lex.triggers.verbs.contains_key(self.w(next))
            {
                after = next + 1;
            } else {
                break;
            }
        }
        let by_after = self.w(after) == "by";
        if participle && (be_before || by_after) {
            if !by_after {
                return; // "was attacked" with no doer named
            }
            let agents = self.phrases_right(after + 1);
            let (patients, negated) = self.subject_left(k);
            if negated {
                return;
            }
            self.emit_all(
                &agents.heads,
                trig.relation,
                &patients,
                group_start.saturating_sub(1),
                agents.head_end.saturating_sub(1),
            );
            return;
        }
        if participle
            && !be_before
            && k > 0
            && self.mention(k - 1).is_none()
            && trig.form == VerbForm::Participle
        {
            return; // a bare participle: "the attacked base"
        }
        // the object
        let mut j = k + 1;
        while j < self.n() && j < k + 5 && words.adverbs.contains(self.w(j)) {
            j += 1;
        }
        if let Some(p) = &trig.prep {
            if self.w(j) != p {
                return;
            }
            j += 1;
        } else {
            // skip a place or time before the object: "met today in Ramallah with"
            while matches!(self.w(j), "in" | "at") && j < k + WINDOW {
                let place = self.phrase_right(j + 1);
                j = place.end.max(j + 1);
            }
            if trig.preps.iter().any(|p| p == self.w(j)) {
                j += 1;
            }
        }
        let mut object = self.phrases_right(j);
        let mut relation = trig.relation;
        let lex = self.lex;
        let otherwise = lex.otherwise(relation);
        if object.heads.is_empty() {
            // "Iran rejected these Western calls": the callers
            let refusal = lex.relations[relation].roles.contains(&FrameRole::Refusal);
            if refusal && words.request_nouns.contains(object.last_word.as_str()) {
                let (subjects, negated) = self.subject_left(k);
                if !negated {
                    for &x in &subjects {
                        let callers: Vec<usize> = memory
                            .urged
                            .iter()
                            .filter(|(_, t)| *t == x)
                            .map(|(s, _)| *s)
                            .collect();
                        for c in callers {
                            self.emit(x, relation, c, k, object.head_end.saturating_sub(1));
                        }
                    }
                }
            }
            return;
        }
        // killing an unnamed member of a group is an attack on the group
        if let Some(a) = otherwise.filter(|_| object.titled || object.modifier) {
            relation = a;
            object.heads.retain(|&e| self.kind(e) != EntityKind::Person);
        }
        // the subject
        let infinitive = k > 0 && self.w(k - 1) == "to";
        // "accused Israel of attacking Gaza", "blamed X for striking": what
        // someone is accused of is not an act the sentence reports
        if trig.form == VerbForm::Ing && k > 0 && matches!(self.w(k - 1), "of" | "for") {
            return;
        }
        let (subjects, negated) = if trig.form == VerbForm::Ing && !be_before || infinitive {
            let subjects = match self.statement_source(k) {
                Some(issuers) => issuers,
                None => self.governing_subject(k, infinitive),
            };
            (subjects, self.negated_before(k))
        } else {
            self.subject_left(k)
        };
        if negated || subjects.is_empty() {
            return;
        }
        // "vowed to strike", "its intention to retaliate against": a threat
        let assault = |r: usize| self.lex.relations[r].roles.contains(&FrameRole::Assault);
        if infinitive && (assault(relation) || otherwise.is_some_and(assault)) {
            let intent = (k.saturating_sub(4)..k).any(|j| words.intent_words.contains(self.w(j)));
            if intent {
                // the type whose intents make a threat of an act
                match self
                    .lex
                    .relations
                    .iter()
                    .position(|r| !r.intents.is_empty())
                {
                    Some(t) => relation = t,
                    None => return,
                }
                let owner = (k.saturating_sub(4)..k).find_map(|j| {
                    let m = self.mention(j)?;
                    matches!(
                        self.doc.mentions[m].form,
                        Form::Pronoun { possessive: true }
                    )
                    .then(|| self.entity(m))
                });
                if let Some(o) = owner {
                    self.emit_all(
                        &[o],
                        relation,
                        &object.heads.clone(),
                        k,
                        object.head_end - 1,
                    );
                    return;
                }
            } else if words
                .intent_words
                .iter()
                .any(|w| self.w(k.saturating_sub(2)) == w)
            {
                return;
            }
        }
        let start = k.min(self.first_token_of(&subjects, k));
        self.emit_all(
            &subjects,
            relation,
            &object.heads,
            start,
            object.head_end - 1,
        );
    }

    /// The doer of a participle or infinitive at `k`: the subject of the
    /// nearest finite verb before it ("the United States issued a statement
    /// urging Iran"), or, for an infinitive, that verb's object ("urged
    /// Russia to press Israel": Russia presses).
    fn governing_subject(&self, k: usize, infinitive: bool) -> Vec<usize> {
        let words = &self.lex.words;
        let finite = |w: &str| {
            words.speech_verbs.contains(w)
                || words.light_verbs.contains(w)
                || words.intent_words.contains(w)
                || matches!(w, "is" | "are" | "was" | "were" | "has" | "have" | "had")
                || (w.ends_with("ed") && w.len() > 3)
                || self.lex.triggers.verbs.get(w).is_some_and(|t| {
                    t.iter().any(|v| {
                        matches!(
                            v.form,
                            VerbForm::Past | VerbForm::Third | VerbForm::PastOrParticiple
                        )
                    })
                })
        };
        // from the word before the one right before `k`, leftwards; a
        // participle opening the sentence has no governing verb
        for j in (k.saturating_sub(20)..k.saturating_sub(1)).rev() {
            let w = self.w(j);
            if self.mention(j).is_some()
                || self.doc.info[self.s].title_at[j].is_some()
                || matches!(w, ";" | ":")
            {
                if matches!(w, ";" | ":") {
                    return Vec::new();
                }
                continue;
            }
            if !finite(w) {
                continue;
            }
            if infinitive {
                // object control: the verb's object does what the infinitive says
                let object = self.phrases_right(j + 1);
                if !object.heads.is_empty() && self.w(object.end) == "to" && object.end + 1 == k {
                    return object.heads;
                }
            }
            return self.subject_left(j).0;
        }
        Vec::new()
    }

    /// A negation, denial or hedge in the three words before `k`.
    fn negated_before(&self, k: usize) -> bool {
        let words = &self.lex.words;
        (k.saturating_sub(3)..k).any(|j| {
            words.negations.contains(self.w(j))
                || words.denials.contains(self.w(j))
                || words.hedges.contains(self.w(j))
        })
    }

    /// The issuers of a statement a participle hangs on: "a statement by
    /// Britain and France urging Iran".
    fn statement_source(&self, k: usize) -> Option<Vec<usize>> {
        let words = &self.lex.words;
        let from = k.saturating_sub(12);
        let st = (from..k)
            .rev()
            .find(|&j| words.statement_nouns.contains(self.w(j)))?;
        let mut j = st + 1;
        if words.issue_verbs.contains(self.w(j)) {
            j += 1;
        }
        if matches!(self.w(j), "by" | "from") {
            let p = self.phrases_right(j + 1);
            if !p.heads.is_empty() {
                return Some(p.heads);
            }
        }
        None
    }

    /// The first token of any of `entities`' mentions before `k`.
    /// Names are preferred to pronouns: "Iran and its allies have blamed" starts at "Iran".
    fn first_token_of(&self, entities: &[usize], k: usize) -> usize {
        let before = |names_only: bool| {
            self.mentions_near(k, WINDOW, 0)
                .iter()
                .filter(|&&m| {
                    let mm = &self.doc.mentions[m];
                    mm.entity.is_some_and(|e| entities.contains(&e))
                        && mm.tokens.0 < k
                        && (!names_only
                            || matches!(mm.form, Form::Name | Form::Demonym | Form::Unnamed))
                })
                .map(|&m| self.doc.mentions[m].tokens.0)
                .next_back()
        };
        before(true).or_else(|| before(false)).unwrap_or(k)
    }

    /// Event nouns: "X launched attacks on Y", "attacks on Y by X",
    /// "condemnation from X", "its threats against Y".
    fn nouns(&mut self) {
        let words = &self.lex.words;
        for k in 0..self.n() {
            let Some(triggers) = self.lex.triggers.nouns.get(self.w(k)).cloned() else {
                continue;
            };
            if self.mention(k).is_some()
                || !self.used_as_noun(k) && self.lex.triggers.verbs.contains_key(self.w(k))
            {
                continue;
            }
            for trig in triggers {
                let mut targets = Vec::new();
                let mut sources = Vec::new();
                let mut end = k;
                let mut j = k + 1;
                let limit = (k + 14).min(self.n());
                while j < limit {
                    let w = self.w(j).to_string();
                    if targets.is_empty() && trig.target_preps.contains(&w) {
                        let p = self.phrases_right(j + 1);
                        targets = p.heads;
                        end = end.max(p.head_end.saturating_sub(1));
                        j = p.end.max(j + 1);
                        continue;
                    }
                    if sources.is_empty() && trig.source_preps.contains(&w) {
                        let p = self.phrases_right(j + 1);
                        sources = p.heads;
                        end = end.max(p.head_end.saturating_sub(1));
                        j = p.end.max(j + 1);
                        continue;
                    }
                    // pass over "of a military attack", "in Iraq", "on Monday"
                    if words.prepositions.contains(&w) && w != "to" {
                        let p = self.phrase_right(j + 1);
                        j = p.end.max(j + 1);
                        continue;
                    }
                    if self.is_stop(j) && !self.is_possessive(j) {
                        break;
                    }
                    j += 1;
                }
                let mut start = k;
                if sources.is_empty() {
                    if let Some(x) = self.modifier_left(k) {
                        sources.push(x);
                        start = k.saturating_sub(4);
                    } else if let Some(lv) = self.light_verb_left(k) {
                        let (subj, negated) = self.subject_left(lv);
                        if negated {
                            continue;
                        }
                        start = self.first_token_of(&subj, lv);
                        sources = subj;
                    }
                }
                if sources.is_empty() {
                    continue;
                }
                let roles = &self.lex.relations[trig.relation].roles;
                if targets.is_empty() {
                    if roles.contains(&FrameRole::Disapproval) {
                        // "strikes ... met with condemnation from X": the subject's acts
                        targets = self
                            .clause_subject(k)
                            .into_iter()
                            .filter(|t| !sources.contains(t))
                            .collect();
                    } else if roles.contains(&FrameRole::Assault) {
                        let (t, e) = self.response_target(k);
                        targets = t;
                        end = end.max(e);
                    }
                }
                if self.negated_before(start) {
                    continue;
                }
                self.emit_all(&sources, trig.relation, &targets, start, end.max(k));
            }
        }
    }

    /// A light verb governing the event noun at `k`: "launched over 165 attacks".
    fn light_verb_left(&self, k: usize) -> Option<usize> {
        let words = &self.lex.words;
        let mut j = k;
        let mut steps = 0;
        while j > 0 && steps < 8 {
            let w = self.w(j - 1);
            if words.light_verbs.contains(w) {
                // "carried out": the particle sits between
                return Some(j - 1);
            }
            if w == "out" {
                j -= 1;
                continue;
            }
            // "launched over 165 attacks", "conducted precision, self-defense strikes"
            if self.mention(j - 1).is_some()
                || self.is_stop(j - 1) && !matches!(w, "over" | "than" | ",")
            {
                return None;
            }
            steps += 1;
            j -= 1;
        }
        None
    }

    /// "in response to the militia attacks": whoever made those attacks.
    fn response_target(&self, k: usize) -> (Vec<usize>, usize) {
        let words = &self.lex.words;
        for j in k.saturating_sub(WINDOW)..(k + WINDOW).min(self.n()) {
            let Some(len) = self.phrase_at(j, &words.response_phrases) else {
                continue;
            };
            let from = j + len;
            for e in from..(from + 8).min(self.n()) {
                if e == k || !self.lex.triggers.nouns.contains_key(self.w(e)) {
                    continue;
                }
                if let Some(agent) = self.event_agent(e) {
                    return (vec![agent], e);
                }
                if self.w(e + 1) == "by" {
                    let p = self.phrases_right(e + 2);
                    return (p.heads, p.head_end.saturating_sub(1));
                }
            }
        }
        (Vec::new(), k)
    }

    /// "a phone call between A and B", "A and B held talks".
    fn meetings(&mut self) {
        let Some(met) = self.lex.relation_with(FrameRole::Meeting) else {
            return;
        };
        let words = &self.lex.words;
        for k in 0..self.n() {
            if !words.meeting_nouns.contains(self.w(k)) {
                continue;
            }
            let limit = (k + 8).min(self.n());
            if let Some(b) = (k + 1..limit).find(|&j| self.w(j) == "between") {
                let first = self.phrase_right(b + 1);
                if self.w(first.end) == "and" {
                    let second = self.phrase_right(first.end + 1);
                    if let (Some(&x), Some(&y)) = (first.heads.first(), second.heads.first()) {
                        self.emit(x, met, y, k, second.head_end.saturating_sub(1));
                    }
                }
                continue;
            }
            // "A and B held talks"
            if k > 0 && self.lex.words.meeting_verbs.contains(self.w(k - 1)) {
                let (subjects, negated) = self.subject_left(k - 1);
                if !negated && subjects.len() >= 2 {
                    self.emit(subjects[1], met, subjects[0], k - 1, k);
                }
            }
        }
    }

    /// Containment: "X in western Y's Z", "Z, Y", "Iraqi militias", "Lebanon's Hezbollah".
    fn locations(&mut self) {
        let Some(loc) = self.lex.relation_with(FrameRole::Containment) else {
            return;
        };
        let words = &self.lex.words;
        let mentions = self.doc.info[self.s].mentions.clone();
        for &m in &mentions {
            let Some(x) = self.doc.mentions[m].entity else {
                continue;
            };
            let (a, b) = self.doc.mentions[m].tokens;
            let xk = self.kind(x);
            // "X in (the) (western) Y('s Z)"
            if matches!(xk, EntityKind::Place | EntityKind::Militia) && self.w(b) == "in" {
                let mut j = b + 1;
                while j < self.n()
                    && j < b + 8
                    && (matches!(self.w(j), "the" | "of")
                        || words.location_nouns.contains(self.w(j)))
                {
                    j += 1;
                }
                if let Some(ym) = self.mention(j) {
                    let y = self.entity(ym);
                    let yend = self.doc.mentions[ym].tokens.1;
                    let z = if self.is_possessive(yend) {
                        self.mention(yend + 1)
                    } else {
                        None
                    };
                    let z = z.filter(|&zm| self.kind(self.entity(zm)) == EntityKind::Place);
                    let (inner, end) = match z {
                        Some(zm) => (self.entity(zm), self.doc.mentions[zm].tokens.1),
                        None => (y, yend),
                    };
                    self.emit(x, loc, inner, a, end - 1);
                }
            }
            // "throughout Y, including (the capital city of) X": a place
            // inside the state or place just named
            if matches!(xk, EntityKind::State | EntityKind::Place)
                && self.w(b) == ","
                && words.inclusion_words.contains(self.w(b + 1))
            {
                let mut j = b + 2;
                if self.w(j) == "the" {
                    let of = (j + 1..(j + 4).min(self.n())).find(|&k| self.w(k) == "of");
                    if let Some(of) = of.filter(|&of| words.place_heads.contains(self.w(of - 1))) {
                        j = of + 1;
                    }
                }
                if let Some(zm) = self.mention(j) {
                    let z = self.entity(zm);
                    if self.kind(z) == EntityKind::Place {
                        self.emit(z, loc, x, a, self.doc.mentions[zm].tokens.1 - 1);
                    }
                }
            }
            // "X, an ethnic Armenian region in Y", "X - the rebel stronghold
            // in eastern Y": a place in apposition
            if xk == EntityKind::Place
                && matches!(self.w(b), "," | "-" | "–" | "—")
                && words.determiners.contains(self.w(b + 1))
            {
                let head = (b + 2..(b + 7).min(self.n()))
                    .find(|&k| words.place_heads.contains(self.w(k)) && self.w(k + 1) == "in");
                let plain = head.is_some_and(|h| {
                    (b + 2..h).all(|k| {
                        self.mention(k)
                            .is_none_or(|o| self.doc.mentions[o].form == Form::Demonym)
                            && !self.is_stop(k)
                    })
                });
                if let (Some(h), true) = (head, plain) {
                    let p = self.phrase_right(h + 2);
                    if let Some(&y) = p.heads.first() {
                        if matches!(self.kind(y), EntityKind::State | EntityKind::Place) {
                            self.emit(x, loc, y, a, p.head_end - 1);
                        }
                    }
                }
            }
            // "X is active in Y", "X, based in Y", "X operates in Y"
            if matches!(
                xk,
                EntityKind::Place | EntityKind::Militia | EntityKind::Organization
            ) {
                let mut j = b;
                while j < self.n()
                    && j < b + 6
                    && (self.w(j) == ","
                        || words.be_forms.contains(self.w(j))
                        || words.adverbs.contains(self.w(j))
                        // "is primarily based in", "operating mainly from"
                        || self.is_ly_adverb(j))
                {
                    j += 1;
                }
                if words.presence_words.contains(self.w(j))
                    && matches!(self.w(j + 1), "in" | "inside" | "from")
                {
                    let p = self.phrase_right(j + 2);
                    for &y in &p.heads {
                        if matches!(self.kind(y), EntityKind::State | EntityKind::Place) {
                            self.emit(x, loc, y, a, p.head_end - 1);
                        }
                    }
                }
            }
            // "Y's Z": "Iraq's Anbar province", "Lebanon's Hezbollah"
            if matches!(xk, EntityKind::State | EntityKind::Place) && self.is_possessive(b) {
                // "Yemen's Houthi-held capital": the name only modifies the
                // participle after it
                let modifier = |zm: usize| {
                    let e = self.doc.mentions[zm].tokens.1;
                    e + 1 < self.n()
                        && self.w(e) == "-"
                        && self.lex.triggers.compounds.contains_key(self.w(e + 1))
                };
                if let Some(zm) = self.mention(b + 1).filter(|&zm| !modifier(zm)) {
                    let z = self.entity(zm);
                    if matches!(self.kind(z), EntityKind::Place | EntityKind::Militia) {
                        self.emit(z, loc, x, a, self.doc.mentions[zm].tokens.1 - 1);
                    }
                }
            }
            // "Z, Y" in a dateline or address: "Erbil, Iraq", "TAMPA, Fla."
            if xk == EntityKind::Place && self.w(b) == "," && (a == 0 || self.w(a - 1) != ",") {
                if let Some(ym) = self.mention(b + 1) {
                    let y = self.entity(ym);
                    let yend = self.doc.mentions[ym].tokens.1;
                    let listed = matches!(self.w(yend), "," | "and" | "or");
                    if !listed
                        && matches!(self.kind(y), EntityKind::State | EntityKind::Place)
                        && self.doc.mentions[ym].form == Form::Name
                    {
                        self.emit(x, loc, y, a, yend - 1);
                    }
                }
            }
            // "Iraqi militias", "a radical Iraqi Shia militia", "Lebanese Hezbollah"
            if self.doc.mentions[m].form == Form::Demonym && !(a >= 2 && self.w(a - 1) == "-") {
                let mut j = b;
                while j < self.n()
                    && j < b + 3
                    && self.mention(j).is_none()
                    && !self.is_stop(j)
                    && !self.lex.triggers.compounds.contains_key(self.w(j))
                    && self.raw(j).starts_with(char::is_uppercase)
                {
                    j += 1;
                }
                if let Some(zm) = self.mention(j) {
                    let z = self.entity(zm);
                    if self.kind(z) == EntityKind::Militia {
                        self.emit(z, loc, x, a, self.doc.mentions[zm].tokens.1 - 1);
                    }
                }
            }
        }
    }

    /// Nouns naming the target by its relation: "Iran's proxy Y",
    /// "Y has been described as an Iranian proxy", "its ally Y".
    fn patients(&mut self) {
        for k in 0..self.n() {
            let Some(&rel) = self.lex.triggers.patient_nouns.get(self.w(k)) else {
                continue;
            };
            if self.mention(k).is_some() {
                continue;
            }
            let Some(x) = self.modifier_left(k) else {
                continue;
            };
            let after = self.phrase_right(k + 1);
            let targets =
                if !after.heads.is_empty() && after.end > k + 1 && self.mention(k + 1).is_some() {
                    after.heads
                } else if self.w(k).ends_with('s') {
                    continue; // "Iran's proxies" is an unnamed group, read elsewhere
                } else {
                    self.clause_subject(k)
                };
            let targets: Vec<usize> = targets.into_iter().filter(|&t| t != x).collect();
            self.emit_all(&[x], rel, &targets, k.saturating_sub(2), k + 1);
        }
    }

    /// "the aggressor [Israel]": the speaker condemns whom they so name.
    fn labels(&mut self) {
        for k in 0..self.n() {
            let Some(&rel) = self.lex.triggers.label_nouns.get(self.w(k)) else {
                continue;
            };
            let open = self.w(k + 1);
            if !matches!(open, "[" | "(" | ",") {
                continue;
            }
            let Some(ym) = self.mention(k + 2) else {
                continue;
            };
            let y = self.entity(ym);
            let speakers = self.clause_subject(k);
            let speakers: Vec<usize> = speakers.into_iter().filter(|&s| s != y).collect();
            self.emit_all(&speakers, rel, &[y], k, k + 3);
        }
    }

    /// A statement that urges (or condemns ...) remembers its targets; "The
    /// statement, issued by A and B" makes A and B its sources.
    fn statements(&mut self, memory: &mut Memory) {
        let words = &self.lex.words;
        // a few statements a sentence at most: each looks at the sentence's relations
        let statements: Vec<usize> = (0..self.n())
            .filter(|&k| words.statement_nouns.contains(self.w(k)))
            .take(4)
            .collect();
        for k in statements {
            // acts this sentence attached to a statement: its issuer's own
            let issuers = self.clause_subject(k);
            let acts: Vec<(usize, usize)> = self
                .out
                .iter()
                .filter(|f| {
                    issuers.contains(&f.source)
                        && f.tokens.1 > k
                        && self.lex.relations[f.relation].plover != "none"
                })
                .map(|f| (f.relation, f.target))
                .collect();
            let definite = k > 0 && matches!(self.w(k - 1), "the" | "this" | "that");
            if !acts.is_empty() && !definite {
                memory.statement = acts;
                continue;
            }
            if !definite || memory.statement.is_empty() {
                continue;
            }
            let mut j = k + 1;
            if self.w(j) == "," {
                j += 1;
            }
            if words.issue_verbs.contains(self.w(j)) {
                j += 1;
            }
            if !matches!(self.w(j), "by" | "from") {
                continue;
            }
            let issuers = self.phrases_right(j + 1);
            for (rel, target) in memory.statement.clone() {
                self.emit_all(
                    &issuers.heads,
                    rel,
                    &[target],
                    k,
                    issuers.head_end.saturating_sub(1),
                );
            }
        }
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
        f30_object_control: "Saudi Arabia urged Egypt to press Hamas." => ["egypt urged hamas", "saudi-arabia urged egypt"];
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
