//! Clause frames over word windows: active, passive and negated verbs, and
//! statements issued by their signatories.

use super::*;

impl<'d, 'a> Cx<'d, 'a> {
    /// Active and passive verbs.
    pub(super) fn verbs(&mut self, memory: &Memory) {
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
            // "Y died in a strike": read over the parse only
            for trig in triggers.clone().iter().filter(|t| !t.undergoer) {
                self.verb(k, trig, memory);
            }
        }
    }

    pub(super) fn verb(&mut self, k: usize, trig: &VerbTrigger, memory: &Memory) {
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
    pub(super) fn governing_subject(&self, k: usize, infinitive: bool) -> Vec<usize> {
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
    pub(super) fn negated_before(&self, k: usize) -> bool {
        let words = &self.lex.words;
        (k.saturating_sub(3)..k).any(|j| {
            words.negations.contains(self.w(j))
                || words.denials.contains(self.w(j))
                || words.hedges.contains(self.w(j))
        })
    }

    /// The issuers of a statement a participle hangs on: "a statement by
    /// Britain and France urging Iran".
    pub(super) fn statement_source(&self, k: usize) -> Option<Vec<usize>> {
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
    pub(super) fn first_token_of(&self, entities: &[usize], k: usize) -> usize {
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

    /// A statement that urges (or condemns ...) remembers its targets; "The
    /// statement, issued by A and B" makes A and B its sources.
    pub(super) fn statements(&mut self, memory: &mut Memory) {
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
