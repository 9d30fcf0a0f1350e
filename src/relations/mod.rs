//! Relations read from the dependency parse of a sentence.
//!
//! The triggers and the relation types are data (`data/lexicon/relations.ron`);
//! this module knows syntactic roles, the paths between them and modality,
//! and never names a relation type.
//!
//! | construction | example | roles read |
//! |---|---|---|
//! | active clause | "Iran backs Hamas" | subject → object (or oblique with the verb's preposition) |
//! | passive clause | "the base was attacked by X", "militias backed by Iran" | agent (`by`) → passive subject / modified noun |
//! | relative clause | "Hamas, which Iran backs," | the relative pronoun stands for the noun it modifies |
//! | control | "urged Iraq to ...", "X vowed to strike Y" | the controller fills the missing subject |
//! | nominal event | "X's strikes on Y", "attacks on Y by X", "Israeli strikes" | possessor, compound, demonym or `by`/`from` oblique → `on`/`against` oblique |
//! | light verb | "X carried out strikes on Y" | the light verb's subject → the noun's oblique |
//! | compound adjective | "Iran-backed Houthis", "Gaza-based Hamas" | the modifier ↔ the modified noun |
//! | prefix | "pro-Iranian militias" | the demonym → the modified noun |
//! | coordination, apposition | "X and Y attacked Z", "the group, Hezbollah," | each conjunct, the apposed name |
//!
//! Every candidate gets a modality ([`Drop`] when it is not a stated fact:
//! negated, conditional, hypothetical, prospective, denied, alleged, a
//! question) and a [`Mode`] (stated, or reported when a speech verb
//! governs it). An event that is the complement of an intent verb ("vowed to
//! strike Y") becomes the relation that declares that verb in its `intents`.

pub mod article;
pub(crate) mod extract;
pub mod modality;
pub mod relation;

use crate::entity::EntityKind;
use crate::lexicon::{Lexicon, Role};
use crate::syntax::ParsedSentence;
pub use modality::{Drop, Mode};

/// The most conjuncts or apposed names read for one role.
const MAX_FILLERS: usize = 32;

/// A mention of an entity, as the words of the parse it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Word range `[start, end)` in the parsed sentence.
    pub words: (usize, usize),
    /// The entity it refers to (an index the caller gives meaning to).
    pub entity: usize,
    /// The entity's kind.
    pub kind: EntityKind,
}

/// A title of office in the sentence ("Prime Minister"), as words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleAnchor {
    /// Word range `[start, end)`.
    pub words: (usize, usize),
    /// Index of the title in the lexicon.
    pub title: usize,
}

/// The construction a candidate was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Construction {
    /// "X attacked Y".
    Active,
    /// "Y was attacked by X", "Y, backed by X".
    Passive,
    /// "X's attack on Y", "attacks on Y by X".
    Nominal,
    /// "X carried out strikes on Y".
    LightVerb,
    /// "X-backed Y".
    Compound,
    /// "pro-X Y".
    Prefix,
    /// "X vowed to strike Y".
    Intent,
    /// A path frame of the lexicon ("Iraq's Anbar province").
    Path,
    /// "the attacks on Y", whose perpetrator an earlier sentence named.
    Anaphor,
    /// A title of office ("Iraqi Prime Minister X", "X, the leader of Y").
    Title,
}

impl Construction {
    /// The name `explain` and the evidence use.
    pub fn name(self) -> &'static str {
        match self {
            Construction::Active => "active",
            Construction::Passive => "passive",
            Construction::Nominal => "nominal",
            Construction::LightVerb => "light-verb",
            Construction::Compound => "compound",
            Construction::Prefix => "prefix",
            Construction::Intent => "intent",
            Construction::Path => "path",
            Construction::Anaphor => "anaphor",
            Construction::Title => "title",
        }
    }
}

/// A relation read from one sentence, kept or dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Source entity (as given by the anchors).
    pub source: usize,
    /// Index of the relation type in the lexicon.
    pub relation: usize,
    /// Target entity.
    pub target: usize,
    /// The trigger word.
    pub trigger: usize,
    /// Word range `[start, end)` of the words that state it.
    pub words: (usize, usize),
    /// How it was read.
    pub construction: Construction,
    /// The dependency path from source to target through the trigger, as
    /// labels (`nsubj< attack >obj`).
    pub path: String,
    /// Stated or reported.
    pub mode: Mode,
    /// Why it gives no edge, if it does not.
    pub dropped: Option<Drop>,
}

/// Reads the candidate relations of one parsed sentence whose mentions are
/// `anchors`.
pub fn read_sentence(
    parse: &ParsedSentence,
    anchors: &[Anchor],
    titles: &[TitleAnchor],
    lex: &Lexicon,
) -> Vec<Candidate> {
    read_in_context(parse, anchors, titles, &[], lex)
}

/// An event the article stated before: "the attacks" in a later sentence
/// may refer to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PriorEvent {
    /// The relation type.
    pub relation: usize,
    /// Who did it.
    pub source: usize,
    /// Its kind.
    pub kind: EntityKind,
}

/// Like [`read_sentence`], with the events of the sentences before: a
/// definite event noun with a target and no stated source ("the strikes on
/// Y") takes the source of the last event of its type, when there is one.
pub fn read_in_context(
    parse: &ParsedSentence,
    anchors: &[Anchor],
    titles: &[TitleAnchor],
    prior: &[PriorEvent],
    lex: &Lexicon,
) -> Vec<Candidate> {
    let mut all: Vec<Anchor> = anchors.to_vec();
    let cx0 = Cx::new(parse, anchors, lex);
    // the prior sources become anchors with no words, found by relation
    let prior_anchor: Vec<(usize, usize)> = prior
        .iter()
        .map(|p| {
            all.push(Anchor {
                words: (cx0.n(), cx0.n()),
                entity: p.source,
                kind: p.kind,
            });
            (p.relation, all.len() - 1)
        })
        .collect();
    let mut cx = Cx::new(parse, &all, lex);
    cx.prior = prior_anchor;
    let mut out = Vec::new();
    for t in 0..cx.n() {
        cx.adjective_frames(t, &mut out);
        cx.verb_frames(t, &mut out);
        cx.noun_frames(t, &mut out);
        cx.compound_frames(t, &mut out);
    }
    for a in 0..anchors.len() {
        cx.path_frames(a, &mut out);
    }
    for t in titles {
        cx.title_frame(t, titles, &mut out);
    }
    for c in &mut out {
        if c.dropped.is_none() {
            c.dropped = cx.kind_check(c);
            // "killed a Hezbollah commander": the type the lexicon names instead
            if c.dropped == Some(Drop::KindNotAllowed) {
                if let Some(r) = lex.otherwise(c.relation) {
                    let retry = Candidate {
                        relation: r,
                        dropped: None,
                        ..c.clone()
                    };
                    if cx.kind_check(&retry).is_none() {
                        *c = retry;
                    }
                }
            }
        }
    }
    out.sort_by_key(|c| (c.words, c.trigger, c.relation, c.source, c.target));
    out.dedup_by(|a, b| {
        a.source == b.source
            && a.relation == b.relation
            && a.target == b.target
            && a.trigger == b.trigger
    });
    out
}

/// Whether the preposition `q` is a trigger's: its one `prep`, else any of
/// its `preps`.
fn prep_matches(prep: Option<&str>, preps: &[String], q: &str) -> bool {
    match prep {
        Some(p) => p == q,
        None => preps.iter().any(|x| x == q),
    }
}

/// One filler of a role: the entity and the word it was found at.
#[derive(Clone, Copy, Debug)]
struct Filler {
    anchor: usize,
    word: usize,
}

pub(crate) struct Cx<'a> {
    pub(crate) parse: &'a ParsedSentence,
    anchors: &'a [Anchor],
    pub(crate) lex: &'a Lexicon,
    /// Word → anchor covering it.
    at: Vec<Option<usize>>,
    /// Word → its children, in order.
    children: Vec<Vec<usize>>,
    /// Words in lower case.
    pub(crate) lower: Vec<String>,
    /// (relation, anchor) of the events of earlier sentences.
    prior: Vec<(usize, usize)>,
}

impl<'a> Cx<'a> {
    fn new(parse: &'a ParsedSentence, anchors: &'a [Anchor], lex: &'a Lexicon) -> Cx<'a> {
        let n = parse.words.len();
        let mut at = vec![None; n];
        for (i, a) in anchors.iter().enumerate() {
            for slot in at.iter_mut().take(a.words.1.min(n)).skip(a.words.0) {
                slot.get_or_insert(i);
            }
        }
        let mut children = vec![Vec::new(); n];
        for (i, w) in parse.words.iter().enumerate() {
            if w.head > 0 && (w.head as usize) <= n {
                children[w.head as usize - 1].push(i);
            }
        }
        let lower = parse.words.iter().map(|w| w.form.to_lowercase()).collect();
        Cx {
            parse,
            anchors,
            lex,
            at,
            children,
            lower,
            prior: Vec::new(),
        }
    }

    fn n(&self) -> usize {
        self.parse.words.len()
    }

    pub(crate) fn deprel(&self, i: usize) -> &str {
        &self.parse.words[i].deprel
    }

    pub(crate) fn upos(&self, i: usize) -> &str {
        &self.parse.words[i].upos
    }

    pub(crate) fn lemma(&self, i: usize) -> String {
        let l = &self.parse.words[i].lemma;
        if l.is_empty() || l == "_" {
            self.lower[i].clone()
        } else {
            l.to_lowercase()
        }
    }

    pub(crate) fn head(&self, i: usize) -> Option<usize> {
        self.parse.head(i).filter(|&h| h < self.n())
    }

    pub(crate) fn kids(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// `i`'s relation to its head, except that a clause with "to" under a
    /// verb that asks or intends is its complement ("xcomp"), however the
    /// parser hung it ("called on Russia to stop": often an "advcl").
    pub(crate) fn clause_rel(&self, i: usize) -> &str {
        let d = self.deprel(i);
        let to_clause = d == "advcl"
            && self.children[i]
                .iter()
                .any(|&c| self.lower[c] == "to" && self.deprel(c) == "mark")
            && self.head(i).is_some_and(|h| {
                let p = &self.lex.words.prospective_verbs;
                p.contains(&self.lemma(h)) || p.contains(&self.lower[h])
            });
        if to_clause {
            "xcomp"
        } else {
            d
        }
    }

    /// Children of `i` whose relation is `rel` or a subtype of it.
    pub(crate) fn kids_of<'s>(
        &'s self,
        i: usize,
        rel: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        self.children[i].iter().copied().filter(move |&c| {
            let d = self.deprel(c);
            d == rel || d.strip_prefix(rel).is_some_and(|r| r.starts_with(':'))
        })
    }

    /// The preposition of a nominal (`on` in "on Y", "on behalf of" → "on").
    fn case_of(&self, i: usize) -> Option<&str> {
        self.children[i]
            .iter()
            .find(|&&c| self.deprel(c) == "case" && c < i)
            .map(|&c| self.lower[c].as_str())
    }

    /// Whether the phrase at `i` is introduced by `word`, as its case
    /// marker ("with support") or its clause's marker ("with funding" read
    /// as a verb).
    fn introduced_by(&self, i: usize, word: &str) -> bool {
        self.case_of(i) == Some(word) || self.kids_of(i, "mark").any(|m| self.lower[m] == word)
    }

    /// Whether the verb at `t` is passive.
    fn passive(&self, t: usize) -> bool {
        self.own_passive(t)
            // "funded, trained and equipped by X": the participles share it
            || (self.deprel(t) == "conj"
                && self.parse.words[t].xpos == "VBN"
                && self.head(t).is_some_and(|h| self.own_passive(h)))
    }

    fn own_passive(&self, t: usize) -> bool {
        self.children[t]
            .iter()
            .any(|&c| matches!(self.deprel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
            || (self.deprel(t).starts_with("acl")
                && self.parse.words[t].xpos == "VBN"
                && !self.children[t]
                    .iter()
                    .any(|&c| matches!(self.deprel(c), "nsubj" | "aux")))
    }

    /// The `by` agents of a passive and of the participles coordinated
    /// with it ("funded, trained and equipped by X").
    fn shared_agents(&self, t: usize) -> Vec<Filler> {
        let mut verbs = vec![t];
        if self.deprel(t) == "conj" {
            verbs.extend(self.head(t));
        }
        let mut k = 0;
        while k < verbs.len() && verbs.len() < 8 {
            let v = verbs[k];
            for c in self.kids_of(v, "conj").collect::<Vec<_>>() {
                if !verbs.contains(&c) && self.parse.words[c].xpos == "VBN" {
                    verbs.push(c);
                }
            }
            k += 1;
        }
        verbs
            .iter()
            .flat_map(|&v| self.children[v].iter().copied())
            .filter(|&g| self.is_agent(g))
            .flat_map(|g| self.fillers(g))
            .collect()
    }

    /// The entities a nominal at word `w` stands for: its own mention, the
    /// antecedent of a relative pronoun, the state behind "Iraqi forces" or
    /// "U.S. bases", an apposed name, and each conjunct.
    fn fillers(&self, w: usize) -> Vec<Filler> {
        let mut out = Vec::new();
        self.fillers_into(w, &mut out, 0);
        out.truncate(MAX_FILLERS);
        out
    }

    /// A common noun with a person's name as its `flat` or `appos` child
    /// ("leader Naim Qassem", "the commander, X") stands for that person.
    fn named_person(&self, w: usize) -> Option<usize> {
        if !matches!(self.upos(w), "NOUN" | "PROPN") {
            return None;
        }
        self.children[w]
            .iter()
            .filter(|&&c| matches!(self.deprel(c), "flat" | "appos"))
            .find_map(|&c| self.at[c].filter(|&a| self.anchors[a].kind == EntityKind::Person))
    }

    /// The place a place head word names through its "of" phrase ("the
    /// town of Mandera", "the port city of Hodeidah") or as an apposition.
    fn place_of_head(&self, w: usize) -> Option<usize> {
        if !self.lex.words.place_heads.contains(&self.lower[w]) {
            return None;
        }
        let place = |x: usize| self.at[x].filter(|&a| self.anchors[a].kind == EntityKind::Place);
        // "Sanaa, Yemen's Houthi-held capital": the place it is in apposition to
        let named = self
            .head(w)
            .filter(|_| self.deprel(w) == "appos")
            .and_then(place);
        named.or_else(|| {
            self.kids_of(w, "nmod")
                .filter(|&c| self.case_of(c) == Some("of"))
                .find_map(place)
        })
    }

    fn fillers_into(&self, w: usize, out: &mut Vec<Filler>, depth: usize) {
        if depth > 4 || out.len() >= MAX_FILLERS {
            return;
        }
        if let Some(a) = self.at[w] {
            push_filler(out, a, w);
        } else if self.is_relative(w) {
            // "Hamas, which Iran backs": the clause modifies the antecedent
            let clause = self.head(w).filter(|&h| self.deprel(h).starts_with("acl"));
            if let Some(noun) = clause.and_then(|h| self.head(h)) {
                self.fillers_into(noun, out, depth + 1);
            }
            return;
        } else if let Some(named) = self.named_person(w) {
            // "Hezbollah leader Naim Qassem threatened": the person, not the
            // body that modifies the title
            push_filler(out, named, w);
        } else if let Some(place) = self.place_of_head(w) {
            // "stormed the Kenyan town of Mandera": the town, not its state
            push_filler(out, place, w);
        } else if matches!(self.upos(w), "NOUN" | "PROPN" | "ADJ" | "NUM") {
            // "U.S. troops", "Iraqi forces", "Iran's proxies", "forces of Iran"
            // "Iran's proxy", "its ally": the noun names the other side,
            // never its possessor
            if self.lex.triggers.patient_nouns.contains_key(&self.lower[w]) {
                return;
            }
            let armed = self.lex.words.armed_nouns.contains(&self.lower[w]);
            let body = armed
                || self.lex.words.state_bodies.contains(&self.lower[w])
                || self.lex.words.group_nouns.contains(&self.lower[w]);
            // an event noun stands for its doer: "condemned the attacks by
            // X", "the strike claimed by X", "U.S. airstrikes killed Y"
            let mut agent_preps: Vec<&str> = self
                .noun_triggers(w)
                .map(|ts| {
                    ts.iter()
                        .flat_map(|t| t.source_preps.iter().map(String::as_str))
                        .collect()
                })
                .unwrap_or_default();
            // a request stands for who made it: "rejected the proposal
            // from Ukraine", "the demand by Israel"
            let requests = &self.lex.words.request_nouns;
            if requests.contains(&self.lower[w]) || requests.contains(&self.lemma(w)) {
                agent_preps.extend(["from", "by"]);
            }
            for &c in &self.children[w] {
                let d = self.deprel(c);
                // "gunmen from al-Shabaab" (a group, not "fighters from Syria")
                let from_group = armed
                    && self.case_of(c) == Some("from")
                    && self.at[c].is_some_and(|a| self.anchors[a].kind == EntityKind::Militia);
                let modifier = matches!(d, "compound" | "amod" | "nmod:poss")
                    || (body && d == "nmod" && (self.case_of(c) == Some("of") || from_group))
                    || (d == "nmod" && self.case_of(c).is_some_and(|p| agent_preps.contains(&p)));
                if body
                    && matches!(d, "amod" | "acl")
                    && self
                        .lex
                        .words
                        .allegiance_adjectives
                        .contains(&self.lower[c])
                {
                    // "forces loyal to X": X
                    for g in self.children[c].iter().copied() {
                        if matches!(self.deprel(g), "obl" | "nmod") {
                            if let Some(a) = self.at[g] {
                                push_filler(out, a, g);
                            }
                        }
                    }
                } else if modifier {
                    if let Some(a) = self.at[c] {
                        // "Egyptian media", "Syrian rebels": not the state
                        let people = armed || self.lex.words.people_nouns.contains(&self.lower[w]);
                        if !(people && self.anchors[a].kind == EntityKind::State) {
                            push_filler(out, a, c);
                        }
                    }
                } else if d == "acl" && self.parse.words[c].xpos == "VBN" {
                    // "the strike carried out by X" stands for X; "the
                    // rebels, backed by X," do not; "targets linked to X" do
                    let attribution = self.attribution(c);
                    if agent_preps.is_empty() && !attribution {
                        continue;
                    }
                    for &g in &self.children[c] {
                        let linked = attribution && matches!(self.deprel(g), "obl" | "nmod");
                        if self.is_agent(g) || linked {
                            if let Some(a) = self.at[g] {
                                push_filler(out, a, g);
                            }
                        }
                    }
                }
            }
        }
        for c in self.kids_of(w, "appos").collect::<Vec<_>>() {
            if let Some(a) = self.at[c] {
                push_filler(out, a, c);
            }
        }
        for c in self.kids_of(w, "conj").collect::<Vec<_>>() {
            self.fillers_into(c, out, depth + 1);
        }
    }

    /// Whether the participle at `c` and its preposition are an
    /// attribution ("positions held by X", "targets linked to X": X's).
    fn attribution(&self, c: usize) -> bool {
        self.lex.words.attributions.iter().any(|a| {
            a.len() == 2
                && a[0] == self.lower[c]
                && self.children[c]
                    .iter()
                    .any(|&g| self.case_of(g) == Some(a[1].as_str()))
        })
    }

    /// The mention at word `w` and those coordinated with it, nothing
    /// inferred: what path frames read.
    fn direct_fillers(&self, w: usize) -> Vec<Filler> {
        let mut out = Vec::new();
        let mut todo = vec![w];
        let mut steps = 0;
        while let Some(x) = todo.pop() {
            steps += 1;
            if steps > MAX_FILLERS {
                break;
            }
            if let Some(a) = self.at[x] {
                push_filler(&mut out, a, x);
            }
            todo.extend(self.kids_of(x, "conj"));
        }
        out
    }

    fn is_relative(&self, w: usize) -> bool {
        self.upos(w) == "PRON"
            && (matches!(self.parse.words[w].xpos.as_str(), "WDT" | "WP")
                || self.lex.words.relative_pronouns.contains(&self.lower[w]))
    }

    /// The logical subject of the predicate at `t`.
    fn subjects(&self, t: usize, depth: usize) -> Vec<Filler> {
        if depth > 4 {
            return Vec::new();
        }
        let passive = self.passive(t);
        let mut out = Vec::new();
        for &c in &self.children[t] {
            let d = self.deprel(c);
            if d == "nsubj" || (passive && self.is_agent(c)) {
                let found = self.fillers(c);
                if found.is_empty() {
                    // "the statement, issued by A and B, urged Y"
                    out.extend(self.issuers(c));
                } else {
                    out.extend(found);
                }
            }
        }
        if out.is_empty() && passive {
            out = self.shared_agents(t);
        }
        if out.is_empty() {
            // "Hezbollah, with backing from Iran, attacked Israel": parsers
            // often read a subject set off by a comma as a vocative
            for c in self
                .kids_of(t, "vocative")
                .chain(self.kids_of(t, "dislocated"))
            {
                if c < t {
                    out.extend(self.fillers(c));
                }
            }
        }
        if !out.is_empty() || passive {
            return out;
        }
        let Some(h) = self.head(t) else { return out };
        match self.clause_rel(t) {
            // "a statement by A urging Y", "militants firing on Y"
            "acl" => {
                let found = self.fillers(h);
                if found.is_empty() {
                    self.issuers(h)
                } else {
                    found
                }
            }
            // "urged Iraq to act": the object controls; "vowed to act": the subject
            // "X is poised to strike", "X was urged to act": the passive subject
            // "called on Iraq to act", "relied on X to strike": "on" too
            "xcomp" => {
                let on = self
                    .kids_of(h, "obl")
                    .filter(|&o| matches!(self.case_of(o), Some("on" | "upon")));
                let objects: Vec<Filler> = self
                    .kids_of(h, "obj")
                    .chain(self.kids_of(h, "iobj"))
                    .chain(self.kids_of(h, "nsubj:pass"))
                    .chain(on)
                    .flat_map(|o| self.fillers(o))
                    .collect();
                if objects.is_empty() {
                    self.subjects(h, depth + 1)
                } else {
                    objects
                }
            }
            // "X attacked Y and killed Z", "..., killing Z"
            "conj" | "advcl" if self.upos(h) == "VERB" => self.subjects(h, depth + 1),
            _ => out,
        }
    }

    /// Who issued a statement noun at `w`: "a statement by A", "A's
    /// statement", "the statement, issued by A", "a joint U.S.-Iraqi
    /// statement".
    fn issuers(&self, w: usize) -> Vec<Filler> {
        let words = &self.lex.words;
        if !words.statement_nouns.contains(&self.lemma(w))
            && !words.statement_nouns.contains(&self.lower[w])
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        for &c in &self.children[w] {
            let d = self.deprel(c);
            let by = d.starts_with("nmod") && matches!(self.case_of(c), Some("by" | "from"));
            if by || matches!(d, "nmod:poss" | "compound" | "amod") {
                out.extend(self.fillers(c));
            } else if d.starts_with("acl") {
                // "issued by A"
                for &g in &self.children[c] {
                    if self.is_agent(g) {
                        out.extend(self.fillers(g));
                    }
                }
            }
        }
        out
    }

    /// "by X" of a passive: `obl:agent`, or `obl` with the preposition `by`.
    /// A passive's agent: an oblique with "by" (a parser's `obl:agent`
    /// without "by" is a misreading: "agents assassinated general X").
    fn is_agent(&self, c: usize) -> bool {
        matches!(self.deprel(c), "obl:agent" | "obl") && self.case_of(c) == Some("by")
    }

    /// The logical object of the verb at `t`: its object, or the oblique with
    /// one of `preps`; the passive subject or the modified noun of a passive.
    fn objects(&self, t: usize, prep: Option<&str>, preps: &[String]) -> Vec<Filler> {
        let mut out = Vec::new();
        if self.passive(t) {
            for &c in &self.children[t] {
                if self.deprel(c) == "nsubj:pass" {
                    out.extend(self.fillers(c));
                }
            }
            // "X was killed alongside Y": Y underwent it too
            if !out.is_empty() {
                for c in self.kids_of(t, "obl").collect::<Vec<_>>() {
                    if self.case_of(c) == Some("alongside") {
                        out.extend(self.fillers(c));
                    }
                }
            }
            if out.is_empty() && self.deprel(t) == "conj" {
                // a coordinated participle: the first verb's passive subject
                if let Some(h) = self.head(t) {
                    for c in self.kids_of(h, "nsubj:pass").collect::<Vec<_>>() {
                        out.extend(self.fillers(c));
                    }
                }
            }
            if out.is_empty()
                && self.deprel(t).starts_with("acl")
                && !self.deprel(t).ends_with("relcl")
            {
                if let Some(h) = self.head(t) {
                    out.extend(self.fillers(h));
                }
            }
            return out;
        }
        // "called on Iraq": `on` may be a particle with an object, or a case
        let particle =
            prep.is_some_and(|p| self.kids_of(t, "compound:prt").any(|c| self.lower[c] == p));
        for &c in &self.children[t] {
            let d = self.deprel(c);
            let object = d == "obj" || d == "iobj";
            let oblique = d == "obl" || d.starts_with("obl:") && d != "obl:agent";
            let take = match prep {
                Some(p) => (particle && object) || (oblique && self.case_of(c) == Some(p)),
                None => {
                    object
                        || (oblique
                            && self
                                .case_of(c)
                                .is_some_and(|p| preps.iter().any(|q| q == p)))
                }
            };
            if take {
                let before = out.len();
                out.extend(self.fillers(c));
                // "struck targets linked to X": parsers often hang the
                // attribution on the verb as a complement
                if object && out.len() == before {
                    for x in self.kids_of(t, "xcomp").filter(|&x| x > c) {
                        if self.parse.words[x].xpos == "VBN" && self.attribution(x) {
                            for g in self.kids_of(x, "obl").collect::<Vec<_>>() {
                                out.extend(self.fillers(g));
                            }
                        }
                    }
                }
            }
            // "spoke by phone with Y": an oblique hung on another oblique
            let other_oblique = oblique && !take;
            if (object || other_oblique) && (prep.is_some() || !preps.is_empty()) {
                // "fired rockets at Y", "fired a barrage of rockets at Y": the
                // parser often hangs the verb's oblique on its object
                let wanted = |q: &str| prep_matches(prep, preps, q);
                let mut nouns = vec![c];
                for _depth in 0..2 {
                    let mut next = Vec::new();
                    for &o in &nouns {
                        for &g in &self.children[o] {
                            if !self.deprel(g).starts_with("nmod") {
                                continue;
                            }
                            match self.case_of(g) {
                                Some(q) if wanted(q) => out.extend(self.fillers(g)),
                                Some("of") => next.push(g),
                                _ => {}
                            }
                        }
                    }
                    nouns = next;
                }
            }
        }
        out
    }

    /// The obliques of the verb at `t` with its preposition.
    fn prep_objects(&self, t: usize, prep: Option<&str>, preps: &[String]) -> Vec<Filler> {
        let mut out = Vec::new();
        for &c in &self.children[t] {
            let d = self.deprel(c);
            let oblique = d == "obl" || d.starts_with("obl:") && d != "obl:agent";
            let wanted = self
                .case_of(c)
                .is_some_and(|q| prep_matches(prep, preps, q));
            if oblique && wanted {
                out.extend(self.fillers(c));
            }
        }
        out
    }

    fn verb_frames(&self, t: usize, out: &mut Vec<Candidate>) {
        if !matches!(self.upos(t), "VERB") {
            return;
        }
        let Some(triggers) = self
            .lex
            .triggers
            .verbs
            .get(&self.lower[t])
            .or_else(|| self.lex.triggers.verbs.get(&self.lemma(t)))
        else {
            return;
        };
        let passive = self.passive(t);
        let construction = if passive {
            Construction::Passive
        } else {
            Construction::Active
        };
        for trig in triggers {
            // "X is allied with Y": a passive with the verb's preposition and
            // no agent states X's relation to Y, as the active does
            let with_prep = trig.prep.is_some() || !trig.preps.is_empty();
            if passive && with_prep && !self.children[t].iter().any(|&c| self.is_agent(c)) {
                let targets = self.prep_objects(t, trig.prep.as_deref(), &trig.preps);
                if !targets.is_empty() {
                    let sources: Vec<Filler> = self
                        .kids_of(t, "nsubj:pass")
                        .flat_map(|c| self.fillers(c))
                        .collect();
                    let active = Construction::Active;
                    self.emit(out, t, trig.relation, active, &sources, &targets);
                    continue;
                }
            }
            if trig.undergoer {
                // "Y died in an Israeli strike": Y undergoes what the strike's doer did
                let targets: Vec<Filler> = self
                    .kids_of(t, "nsubj")
                    .flat_map(|c| self.fillers(c))
                    .collect();
                let sources = self.event_doers(t);
                self.emit(out, t, trig.relation, construction, &sources, &targets);
                continue;
            }
            let mut sources = self.subjects(t, 0);
            if sources.is_empty() && passive {
                // "Y was killed in an Israeli strike"
                sources = self.event_doers(t);
            }
            let targets = self.objects(t, trig.prep.as_deref(), &trig.preps);
            self.emit(out, t, trig.relation, construction, &sources, &targets);
        }
    }

    /// The noun triggers of the word at `w`, by its form or its lemma.
    fn noun_triggers(&self, w: usize) -> Option<&Vec<crate::lexicon::NounTrigger>> {
        self.lex
            .triggers
            .nouns
            .get(&self.lower[w])
            .or_else(|| self.lex.triggers.nouns.get(&self.lemma(w)))
    }

    /// The doers of an attack noun in the "in" phrase of the verb at `t`
    /// ("killed in an Israeli strike", "died in a U.S. drone strike by
    /// X"): its demonym, compound or possessor, or its `by` phrase.
    fn event_doers(&self, t: usize) -> Vec<Filler> {
        let mut out = Vec::new();
        for c in self.kids_of(t, "obl") {
            if self.case_of(c) != Some("in") || self.at[c].is_some() {
                continue;
            }
            let Some(triggers) = self.noun_triggers(c) else {
                continue;
            };
            let assault = |r: usize| {
                self.lex.relations[r]
                    .roles
                    .contains(&crate::lexicon::FrameRole::Assault)
            };
            let Some(trig) = triggers.iter().find(|n| assault(n.relation)) else {
                continue;
            };
            for &g in &self.children[c] {
                let d = self.deprel(g);
                if matches!(d, "amod" | "compound" | "nmod:poss") && g < c {
                    if let Some(a) = self.at[g] {
                        push_filler(&mut out, a, g);
                    }
                } else if d.starts_with("nmod")
                    && self
                        .case_of(g)
                        .is_some_and(|p| trig.source_preps.iter().any(|q| q == p))
                {
                    out.extend(self.fillers(g));
                }
            }
        }
        out
    }

    fn noun_frames(&self, t: usize, out: &mut Vec<Candidate>) {
        // "with funding from Y": parsers often read the noun after "with"
        // as a verb ("with" its marker)
        let with_clause = self.upos(t) == "VERB" && self.introduced_by(t, "with");
        if !(matches!(self.upos(t), "NOUN" | "PROPN") || with_clause) || self.at[t].is_some() {
            return;
        }
        let Some(triggers) = self.noun_triggers(t) else {
            return;
        };
        for trig in triggers {
            let mut sources = Vec::new();
            let mut targets = Vec::new();
            // "support", "weapons", "funding": nouns of something given to
            // their target
            let given = trig.given;
            let giver = self
                .light_verb_of(t)
                .filter(|&h| given && self.has_subject(h));
            for &c in &self.children[t] {
                let d = self.deprel(c);
                let oblique = d == "nmod" || (d.starts_with("nmod:") && d != "nmod:poss");
                if oblique || (with_clause && d == "obl") {
                    let p = self.case_of(c).unwrap_or("");
                    if trig.target_preps.iter().any(|q| q == p) {
                        targets.extend(self.fillers(c));
                    } else if trig.source_preps.iter().any(|q| q == p) {
                        sources.extend(self.fillers(c));
                    }
                } else if matches!(d, "compound" | "nsubj")
                    && c < t
                    && giver.is_some()
                    && self.upos(c) == "PROPN"
                {
                    // "offered the Houthis support": parsers often read the
                    // verb's first object as the noun's compound (or, before
                    // a short name, as its subject: "give LeT help")
                    targets.extend(self.fillers(c));
                } else if matches!(d, "nmod:poss" | "compound" | "amod") && c < t {
                    if let Some(a) = self.at[c] {
                        push_filler(&mut sources, a, c);
                    }
                }
            }
            if let Some(h) = giver.filter(|_| targets.is_empty()) {
                // "gave Y support"
                targets.extend(self.kids_of(h, "iobj").flat_map(|c| self.fillers(c)));
            }
            let mut construction = Construction::Nominal;
            if sources.is_empty()
                && targets.len() >= 2
                && self.lex.relations[trig.relation].symmetric
            {
                // "talks between A and B": the first with each of the others
                sources = vec![targets.remove(0)];
            }
            if sources.is_empty() {
                // "X carried out strikes on Y", "X launched an offensive against Y"
                if let Some(h) = self.light_verb_of(t) {
                    sources = self.subjects(h, 0);
                    construction = Construction::LightVerb;
                    // "provided weapons to Y": the phrase may hang on the verb
                    if targets.is_empty() {
                        for &c in &self.children[h] {
                            if self.deprel(c) == "obl"
                                && self
                                    .case_of(c)
                                    .is_some_and(|p| trig.target_preps.iter().any(|q| q == p))
                            {
                                targets.extend(self.fillers(c));
                            }
                        }
                    }
                }
            }
            if sources.is_empty() && self.deprel(t) == "obj" {
                // "vowed revenge against Y", "threatened strikes on Y": the
                // intent verb's subject intends the event (its modality
                // turns it into the intent's type, or drops it)
                if let Some(h) = self.head(t).filter(|&h| {
                    self.upos(h) == "VERB"
                        && modality::intent_relation(self, &self.lemma(h), &self.lower[h]).is_some()
                }) {
                    sources = self.subjects(h, 0);
                    construction = Construction::LightVerb;
                }
            }
            if sources.is_empty() && given {
                if let Some(h) = self.giving_verb_with(t) {
                    // "provided Y with weapons"
                    sources = self.subjects(h, 0);
                    targets = self
                        .kids_of(h, "obj")
                        .flat_map(|o| self.fillers(o))
                        .collect();
                    construction = Construction::LightVerb;
                }
            }
            if targets.is_empty() && !sources.is_empty() {
                // "Y repelled an attack by X", "Y came under attack from X"
                if let Some(h) = self.undergoer_verb(t) {
                    targets = self.subjects(h, 0);
                }
            }
            if targets.is_empty() && !sources.is_empty() && given {
                // "Y, with support from X, ...", "Y was founded with funding from X"
                targets = self.receivers_with(t);
            }
            let definite = self.children[t].iter().any(|&c| {
                self.deprel(c) == "det"
                    && matches!(self.lower[c].as_str(), "the" | "this" | "these" | "those")
            });
            if sources.is_empty() && definite && !targets.is_empty() {
                // "the strikes on Y": the last event of this type the article stated
                if let Some(&(_, a)) = self.prior.iter().rev().find(|(r, _)| *r == trig.relation) {
                    sources.push(Filler { anchor: a, word: t });
                    construction = Construction::Anaphor;
                }
            }
            self.emit(out, t, trig.relation, construction, &sources, &targets);
        }
    }

    /// The verb whose subject undergoes event noun `t`: its object under a
    /// verb of `undergo_verbs` ("repelled an attack"), or its oblique with
    /// "under" ("came under attack").
    fn undergoer_verb(&self, t: usize) -> Option<usize> {
        let h = self.head(t).filter(|&h| self.upos(h) == "VERB")?;
        let undergoes =
            self.deprel(t) == "obj" && self.lex.words.undergo_verbs.contains(&self.lemma(h));
        let under = self.deprel(t) == "obl" && self.case_of(t) == Some("under");
        (undergoes || under).then_some(h)
    }

    /// "held Y responsible for", "found Y guilty of", "named Y as
    /// responsible": the adjective's holder is the target, the subject of
    /// the verb that predicates it the source.
    fn adjective_frames(&self, t: usize, out: &mut Vec<Candidate>) {
        let Some(&relation) = self.lex.triggers.adjectives.get(&self.lower[t]) else {
            return;
        };
        let Some(h) = self.head(t).filter(|&h| self.upos(h) == "VERB") else {
            return;
        };
        // "found Iran guilty": parsers often read the adjective after an
        // object as a second object
        // or as one object with the holder its compound ("found al-Shabaab
        // guilty")
        let holder_compound: Vec<usize> = self
            .kids_of(t, "compound")
            .filter(|&c| self.deprel(t) == "obj" && self.at[c].is_some())
            .collect();
        let second_object = self.deprel(t) == "obj"
            && (self.kids_of(h, "obj").any(|o| o < t) || !holder_compound.is_empty());
        let predicate =
            self.upos(t) == "ADJ" && matches!(self.deprel(t), "xcomp" | "obl" | "advcl");
        if !predicate && !second_object {
            return;
        }
        // "named Syria and Iran as responsible": parsers often read the
        // object before "as" as the verb's xcomp
        let misread_object = self
            .kids_of(h, "xcomp")
            .filter(|&x| x != t && matches!(self.upos(x), "PROPN" | "NOUN"));
        let targets: Vec<Filler> = self
            .kids_of(h, "obj")
            .filter(|&o| o != t)
            .chain(misread_object)
            .chain(holder_compound)
            .chain(self.kids_of(t, "nsubj"))
            .flat_map(|o| self.fillers(o))
            .collect();
        let sources = self.subjects(h, 0);
        self.emit(out, t, relation, Construction::Active, &sources, &targets);
    }

    /// The light verb an event noun is the object of ("carried out strikes"),
    /// directly or through a claim noun ("claimed responsibility for the
    /// attack").
    fn light_verb_of(&self, t: usize) -> Option<usize> {
        let h = self.head(t)?;
        let verb = match self.deprel(t) {
            "obj" => h,
            // "carried out hundreds of strikes", "launched a wave of attacks"
            d if d.starts_with("nmod")
                && self.case_of(t) == Some("of")
                && self.deprel(h) == "obj"
                && self.lex.words.quantity_nouns.contains(&self.lower[h]) =>
            {
                self.head(h)?
            }
            // "claimed responsibility [for the attack]", the phrase on the
            // claim noun or on the verb
            _ if self.case_of(t) != Some("for") => return None,
            "obl"
                if self
                    .kids_of(h, "obj")
                    .any(|o| self.lex.words.claim_nouns.contains(&self.lower[o])) =>
            {
                h
            }
            d if d.starts_with("nmod")
                && self.lex.words.claim_nouns.contains(&self.lower[h])
                && self.deprel(h) == "obj" =>
            {
                self.head(h)?
            }
            _ => return None,
        };
        self.is_light_verb(verb).then_some(verb)
    }

    /// Whether the verb at `v` has a subject that names an entity.
    fn has_subject(&self, v: usize) -> bool {
        !self.subjects(v, 0).is_empty()
    }

    /// The light verb of "provided Y with weapons": `t` is the verb's
    /// oblique with "with", beside an object.
    fn giving_verb_with(&self, t: usize) -> Option<usize> {
        let h = self.head(t)?;
        (self.deprel(t) == "obl"
            && self.case_of(t) == Some("with")
            && self.is_light_verb(h)
            && self.kids_of(h, "obj").next().is_some())
        .then_some(h)
    }

    /// Who receives what a noun after "with" names: the noun it modifies
    /// ("the Houthis, with support from X") or the subject of the clause it
    /// is an adjunct of ("Y was founded with funding from X").
    fn receivers_with(&self, t: usize) -> Vec<Filler> {
        let Some(h) = self.head(t).filter(|_| self.introduced_by(t, "with")) else {
            return Vec::new();
        };
        match self.deprel(t) {
            d if d.starts_with("nmod") => self.fillers(h),
            "obl" | "advcl" if self.upos(h) == "VERB" => {
                let subjects: Vec<Filler> = self
                    .kids_of(h, "nsubj")
                    .flat_map(|c| self.fillers(c))
                    .collect();
                if subjects.is_empty() {
                    self.subjects(h, 0)
                } else {
                    subjects
                }
            }
            _ => Vec::new(),
        }
    }

    fn is_light_verb(&self, v: usize) -> bool {
        let w = &self.lex.words.light_verbs;
        w.contains(&self.lower[v]) || w.contains(&self.lemma(v))
    }

    fn compound_frames(&self, t: usize, out: &mut Vec<Candidate>) {
        let hyphen_before = t >= 2 && is_hyphen(&self.parse.words[t - 1].form);
        if let Some(&(relation, reverse)) = self.lex.triggers.compounds.get(&self.lower[t]) {
            // the modifier: the name right before "-backed", or a nominal
            // dependent before the participle ("Iranian sponsored")
            let mut modifiers = Vec::new();
            if hyphen_before {
                if let Some(a) = self.at[t - 2] {
                    push_filler(&mut modifiers, a, t - 2);
                }
            }
            if modifiers.is_empty() {
                for &c in &self.children[t] {
                    if c < t && self.at[c].is_some() && !self.deprel(c).starts_with("nsubj") {
                        modifiers.extend(self.fillers(c));
                    }
                }
            }
            if modifiers.is_empty() {
                return;
            }
            let modified: Vec<Filler> = match self.head(t) {
                Some(h) if matches!(self.deprel(t), "amod" | "acl" | "compound") => self.fillers(h),
                _ => self
                    .kids_of(t, "nsubj")
                    .flat_map(|s| self.fillers(s))
                    .collect(),
            };
            let (sources, targets) = if reverse {
                (&modified, &modifiers)
            } else {
                (&modifiers, &modified)
            };
            self.emit(out, t, relation, Construction::Compound, sources, targets);
        }
        // "pro-Iranian militias"
        if let Some(&relation) = self.lex.triggers.prefixes.get(&self.lower[t]) {
            if t + 2 < self.n() && is_hyphen(&self.parse.words[t + 1].form) {
                if let Some(a) = self.at[t + 2] {
                    let word = self.anchor_head(a);
                    let mut sources = Vec::new();
                    push_filler(&mut sources, a, t + 2);
                    // "Pro-Russian separatists": parsers often hang the name on
                    // "pro" and "pro" on the noun
                    let head =
                        self.head(word)
                            .and_then(|h| if h == t { self.head(t) } else { Some(h) });
                    let targets = match head {
                        Some(h) if self.at[h] != Some(a) => self.fillers(h),
                        _ => Vec::new(),
                    };
                    self.emit(out, t, relation, Construction::Prefix, &sources, &targets);
                }
            }
        }
    }

    /// The word of an anchor whose head lies outside it.
    fn anchor_head(&self, a: usize) -> usize {
        let (s, e) = self.anchors[a].words;
        (s..e.min(self.n()))
            .find(|&w| self.head(w).is_none_or(|h| h < s || h >= e))
            .unwrap_or(s)
    }

    fn emit(
        &self,
        out: &mut Vec<Candidate>,
        t: usize,
        relation: usize,
        construction: Construction,
        sources: &[Filler],
        targets: &[Filler],
    ) {
        // "Egypt and Jordan held talks", "A and B met": a symmetric relation
        // with coordinated sources and no target joins the first to the rest
        let (sources, targets) =
            if targets.is_empty() && sources.len() >= 2 && self.lex.relations[relation].symmetric {
                (&sources[..1], &sources[1..])
            } else {
                (sources, targets)
            };
        if sources.is_empty() || targets.is_empty() {
            return;
        }
        let modality = modality::of(self, t);
        let (relation, construction) = match modality.intent {
            Some(r)
                if modality.dropped == Some(Drop::Prospective)
                    && self.lex.intent_applies(r, relation) =>
            {
                (r, Construction::Intent)
            }
            _ => (relation, construction),
        };
        let dropped = if construction == Construction::Intent {
            None
        } else {
            modality.dropped
        };
        for s in sources {
            for g in targets {
                let a = self.anchors[s.anchor];
                let b = self.anchors[g.anchor];
                // an anchor of an earlier sentence has no words here
                let span = |x: Anchor, k: usize| {
                    if x.words.0 == x.words.1 {
                        return (t, t + 1);
                    }
                    // a modifier spans its noun: "U.S. military personnel"
                    let w = self.anchor_head(k);
                    match self.head(w) {
                        Some(h)
                            if h >= x.words.1
                                && h <= x.words.1 + 3
                                && matches!(self.deprel(w), "compound" | "amod") =>
                        {
                            (x.words.0, h + 1)
                        }
                        _ => x.words,
                    }
                };
                // the filling words too: "attacks on U.S. military personnel"
                let fill = |f: &Filler, x: Anchor| {
                    if x.words.0 == x.words.1 {
                        (t, t + 1)
                    } else {
                        (f.word, f.word + 1)
                    }
                };
                let (fs, fg) = (fill(s, a), fill(g, b));
                let (sa, sb) = (span(a, s.anchor), span(b, g.anchor));
                let from = sa.0.min(sb.0).min(t).min(fs.0).min(fg.0);
                let to = sa.1.max(sb.1).max(t + 1).max(fs.1).max(fg.1);
                out.push(Candidate {
                    source: a.entity,
                    relation,
                    target: b.entity,
                    trigger: t,
                    words: (from, to),
                    construction,
                    path: format!(
                        "{} {} {}",
                        self.deprel(s.word),
                        self.lemma(t),
                        self.deprel(g.word)
                    ),
                    mode: modality.mode,
                    dropped,
                });
            }
        }
    }

    /// Whether anchor `a` is joined by a hyphen to the word before or after it.
    fn in_hyphenated(&self, a: usize) -> bool {
        let (s, e) = self.anchors[a].words;
        (s > 0 && is_hyphen(&self.parse.words[s - 1].form))
            || (e < self.n() && is_hyphen(&self.parse.words[e].form))
    }

    /// The lexicon's path frames from anchor `a`.
    fn path_frames(&self, a: usize, out: &mut Vec<Candidate>) {
        if self.in_hyphenated(a) {
            return;
        }
        let kind = self.anchors[a].kind;
        let from = self.anchor_head(a);
        for (relation, path) in &self.lex.triggers.paths {
            let allowed = &self.lex.relations[*relation].source;
            if !allowed.is_empty() && !allowed.contains(&kind) {
                continue;
            }
            // the first step down may leave from any word of the mention
            // ("Iraq's Anbar province": "Iraq" may hang on "Anbar")
            let (s, e) = self.anchors[a].words;
            let mut at = vec![from];
            for (i, step) in path.steps.iter().enumerate() {
                let mut next = Vec::new();
                if i == 0 && !step.up {
                    at = (s..e.min(self.n())).collect();
                }
                for &x in &at {
                    if i == 0 && !step.up {
                        next.extend(
                            self.children[x].iter().copied().filter(|&c| {
                                (c < s || c >= e) && label_is(self.deprel(c), &step.rel)
                            }),
                        );
                        continue;
                    }
                    if step.up {
                        // `<nmod[of]`: the preposition is the one of the word left
                        let prep_ok = step.preps.is_empty()
                            || self
                                .case_of(x)
                                .is_some_and(|p| step.preps.iter().any(|q| q == p));
                        if let Some(h) = self
                            .head(x)
                            .filter(|_| prep_ok && label_is(self.deprel(x), &step.rel))
                        {
                            next.push(h);
                        }
                    } else {
                        next.extend(
                            self.children[x]
                                .iter()
                                .copied()
                                .filter(|&c| label_is(self.deprel(c), &step.rel)),
                        );
                    }
                }
                // "al-Qaeda's X and Y": a modifier before the first conjunct
                // is shared by the others, unless they have their own
                if i == 0 && !step.up && next.is_empty() && self.deprel(from) == "conj" {
                    if let Some(first) = self.head(from) {
                        next.extend(self.children[first].iter().copied().filter(|&c| {
                            c < first && c < s && label_is(self.deprel(c), &step.rel)
                        }));
                    }
                }
                next.retain(|&w| self.step_allows(step, w));
                at = next;
                if at.is_empty() {
                    break;
                }
            }
            for w in at {
                // "pro-Iranian militias" is not a place: names inside a
                // hyphenated compound belong to the compound frames
                let targets: Vec<Filler> = self
                    .direct_fillers(w)
                    .into_iter()
                    .filter(|f| f.anchor != a && !self.in_hyphenated(f.anchor))
                    .collect();
                let source = [Filler {
                    anchor: a,
                    word: from,
                }];
                let before = out.len();
                self.emit(out, w, *relation, Construction::Path, &source, &targets);
                for c in &mut out[before..] {
                    c.path = path.to_string();
                    // a path frame states a fact about its mentions; the
                    // modality of the clause it sits in does not apply
                    c.dropped = None;
                }
            }
        }
    }

    fn step_allows(&self, step: &crate::lexicon::paths::Step, w: usize) -> bool {
        if !step.up
            && !step.preps.is_empty()
            && !self
                .case_of(w)
                .is_some_and(|p| step.preps.iter().any(|q| q == p))
        {
            return false;
        }
        let lemma = self.lemma(w);
        if !step.words.is_empty()
            && !step
                .words
                .iter()
                .any(|x| *x == self.lower[w] || *x == lemma)
        {
            return false;
        }
        match step.list.as_deref().and_then(|l| self.lex.words.list(l)) {
            Some(list) => list.contains(&self.lower[w]) || list.contains(&lemma),
            None => true,
        }
    }

    /// "Iraqi Prime Minister X", "Hezbollah chief X", "X, the leader of Y",
    /// "the leader of Y, X", "X is Iraq's president": the person holds the
    /// title in the state or body that modifies it.
    fn title_frame(&self, t: &TitleAnchor, titles: &[TitleAnchor], out: &mut Vec<Candidate>) {
        let entry = &self.lex.titles[t.title];
        let (ts, te) = t.words;
        let inside = |w: usize| w >= ts && w < te;
        let head = (ts..te.min(self.n()))
            .find(|&w| self.head(w).is_none_or(|h| !inside(h)))
            .unwrap_or(ts);
        let person_at =
            |w: usize| self.at[w].filter(|&a| self.anchors[a].kind == EntityKind::Person);
        // the person: the word the title modifies, an apposed name, or the subject of "is the leader"
        // ("X, who was the leader of Y": a relative clause with a copula)
        let copular_relative = self.deprel(head) == "acl:relcl"
            && self.children[head].iter().any(|&c| self.deprel(c) == "cop");
        let mut person = self.head(head).and_then(|h| {
            person_at(h).filter(|_| {
                copular_relative
                    || matches!(
                        self.deprel(head).split(':').next(),
                        Some("compound" | "appos" | "flat" | "nmod" | "amod")
                    )
            })
        });
        if person.is_none() {
            person = self.children[head]
                .iter()
                .find(|&&c| {
                    matches!(self.deprel(c), "appos" | "nsubj" | "flat" | "compound")
                        && person_at(c).is_some()
                })
                .and_then(|&c| person_at(c));
        }
        let Some(p) = person else { return };
        let p_head = self.anchor_head(p);
        // the body: a modifier of the title's words, or of the name before the title
        let body_kind = |a: usize| {
            matches!(
                self.anchors[a].kind,
                EntityKind::State | EntityKind::Organization | EntityKind::Militia
            )
        };
        let mut bodies: Vec<Filler> = Vec::new();
        // "Iraqi militia leader X": the title of an unnamed group, which the
        // state's name describes; X holds no office of the state
        let words = &self.lex.words;
        let group_title = (ts..te.min(self.n())).any(|w| {
            self.children[w].iter().any(|&c| {
                let l = self.lower[c].as_str();
                self.deprel(c) == "compound"
                    && self.at[c].is_none()
                    && !words.state_bodies.contains(l)
                    && (words.group_nouns.contains(l)
                        || words.armed_nouns.contains(l)
                        || words.militia_heads.contains(l))
            })
        });
        for w in ts..te.min(self.n()) {
            for &c in &self.children[w] {
                if inside(c) {
                    continue;
                }
                let d = self.deprel(c);
                let of = d.starts_with("nmod") && matches!(self.case_of(c), Some("of" | "for"));
                if matches!(d, "amod" | "compound" | "nmod:poss") || of {
                    for f in self.fillers(c) {
                        let state = self.anchors[f.anchor].kind == EntityKind::State;
                        if body_kind(f.anchor) && f.anchor != p && !(group_title && state) {
                            push_filler(&mut bodies, f.anchor, f.word);
                        }
                    }
                }
            }
        }
        if bodies.is_empty() {
            for &c in &self.children[p_head] {
                if c < ts && matches!(self.deprel(c), "amod" | "compound" | "nmod:poss") {
                    if let Some(a) = self.at[c].filter(|&a| body_kind(a) && a != p) {
                        push_filler(&mut bodies, a, c);
                    }
                }
            }
        }
        if bodies.is_empty() {
            // "New America Foundation president X": a body named right
            // before the title, whatever the parser hung it on
            if let Some(a) = (0..self.anchors.len())
                .find(|&a| self.anchors[a].words.1 == ts && body_kind(a) && a != p)
            {
                bodies.push(Filler {
                    anchor: a,
                    word: self.anchor_head(a),
                });
            }
        }
        // "a senior Hamas leader X": the cue may hang on the title or the name
        let member_cue = self.children[head]
            .iter()
            .chain(self.children[p_head].iter().filter(|&&c| c < ts))
            .any(|&c| {
                matches!(self.deprel(c), "det" | "amod")
                    && self.lex.words.member_cues.contains(&self.lower[c])
            });
        let role_of = |body: usize| -> Role {
            let (a, b) = self.anchors[body].words;
            // an earlier sentence's entity has no words here
            let last = self.lower.get(b.max(a + 1) - 1).filter(|_| a < b);
            match entry.role {
                Role::Leads if member_cue => Role::MemberOf,
                // "a commander of the Quds Force" is a member, "the commander" its head
                Role::MemberOf
                    if !member_cue && last.is_some_and(|l| entry.leads_when.contains(l)) =>
                {
                    Role::Leads
                }
                r => r,
            }
        };
        if bodies.is_empty() && entry.role == Role::Leads && entry.of_state && !member_cue {
            // a head of state with no state named by the title: the state
            // the sentence names nearest to it ("at President X's direction,
            // U.S. forces ..."), not one a verb acts on ("urged Israel")
            let nearest = (0..self.anchors.len())
                .filter(|&a| {
                    let (x, y) = self.anchors[a].words;
                    // a state that modifies a noun ("U.S. forces", "American
                    // officials"), not a party to a clause ("urged Israel",
                    // "the United States has been in contact with")
                    // ("America's forces"; not "the situation in Afghanistan")
                    let modifier = x < y && {
                        let d = self.deprel(self.anchor_head(a));
                        matches!(d.split(':').next(), Some("compound" | "amod")) || d == "nmod:poss"
                    };
                    let pronoun = x < y && self.upos(self.anchor_head(a)) == "PRON";
                    // "President X spoke with Egyptian President Y": the
                    // state of another title is that title's
                    // ("Jordan's King Abdullah met President X": the
                    // state of another person is that person's)
                    let others = x < y
                        && self.head(self.anchor_head(a)).is_some_and(|h| {
                            titles
                                .iter()
                                .any(|o| o.words != t.words && (o.words.0..o.words.1).contains(&h))
                                || person_at(h).is_some_and(|q| q != p)
                        });
                    // near the title: a state far away in a long sentence
                    // is about something else
                    let near = x.abs_diff(ts) <= NEAREST_STATE_WORDS;
                    self.anchors[a].kind == EntityKind::State
                        && modifier
                        && !pronoun
                        && !others
                        && near
                })
                .min_by_key(|&a| {
                    let w = self.anchors[a].words.0;
                    if w < ts {
                        (ts - w) * 2
                    } else {
                        (w - ts) * 2 + 1
                    }
                });
            if let Some(a) = nearest {
                bodies.push(Filler {
                    anchor: a,
                    word: self.anchors[a].words.0,
                });
            }
        }
        let source = [Filler {
            anchor: p,
            word: p_head,
        }];
        for b in bodies {
            let Some(relation) = self.lex.title_relation(role_of(b.anchor)) else {
                continue;
            };
            let before = out.len();
            self.emit(out, head, relation, Construction::Title, &source, &[b]);
            for c in &mut out[before..] {
                c.dropped = None;
                c.path = format!("title {}", entry.name);
            }
        }
    }

    /// Kind constraints of the relation type; no self-loops.
    fn kind_check(&self, c: &Candidate) -> Option<Drop> {
        if c.source == c.target {
            return Some(Drop::SameEntity);
        }
        let r = &self.lex.relations[c.relation];
        let kind_of = |e: usize| self.anchors.iter().find(|a| a.entity == e).map(|a| a.kind);
        let source_ok =
            r.source.is_empty() || kind_of(c.source).is_some_and(|k| r.allows_source(k));
        let target_ok =
            r.target.is_empty() || kind_of(c.target).is_some_and(|k| r.allows_target(k));
        if source_ok && target_ok {
            None
        } else {
            Some(Drop::KindNotAllowed)
        }
    }
}

/// Whether `label` is `rel` or a subtype of it (`nmod:poss` is an `nmod`).
/// How far (in words) from a head-of-state title the state it heads may be
/// named when the title names none ("at President X's direction, U.S.
/// forces ..."); the parse frame and the word-window frame share it.
pub(crate) const NEAREST_STATE_WORDS: usize = 8;

fn label_is(label: &str, rel: &str) -> bool {
    label == rel || label.strip_prefix(rel).is_some_and(|r| r.starts_with(':'))
}

fn push_filler(out: &mut Vec<Filler>, anchor: usize, word: usize) {
    if !out.iter().any(|f| f.anchor == anchor) {
        out.push(Filler { anchor, word });
    }
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "‐" | "‑" | "–")
}

#[cfg(test)]
mod tests;
