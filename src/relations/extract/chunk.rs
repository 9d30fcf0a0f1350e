//! The hand chunker the word-window frames read with: noun phrases to the
//! right of a trigger, subjects and coordinated names to its left.

use super::*;

impl<'d, 'a> Cx<'d, 'a> {
    /// One noun phrase from `k` rightwards (no coordination).
    pub(super) fn phrase_right(&self, k: usize) -> Phrase {
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
    pub(super) fn phrases_right(&self, k: usize) -> Phrase {
        let mut p = self.phrase_right(k);
        if p.heads.is_empty() || p.titled || p.modifier {
            // "facilities in eastern Syria used by X": pass over where the thing is
            let mut at = p.end;
            while matches!(self.w(at), "in" | "at" | "near") && at < p.end + WINDOW {
                let place = self.phrase_right(at + 1);
                at = place.end.max(at + 1);
            }
            // "camps 28 miles southwest of Sirte", "the outskirts of X":
            // where the thing is, not its owner
            // "condemned the assassination of X": an event's "of" names
            // who underwent it, not who owns it
            let located = at > 0
                && (self.lex.words.location_nouns.contains(self.w(at - 1))
                    || self.lex.triggers.nouns.contains_key(self.w(at - 1)));
            if let Some(len) = self.attribution_at(at).filter(|_| !located) {
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
    pub(super) fn attribution_at(&self, k: usize) -> Option<usize> {
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
    pub(super) fn phrase_at(&self, k: usize, list: &[Vec<String>]) -> Option<usize> {
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
    pub(super) fn is_ly_adverb(&self, k: usize) -> bool {
        let w = self.w(k);
        w.ends_with("ly") && w.len() > 4 && self.mention(k).is_none()
    }

    /// Skips adverbs, auxiliaries and negations leftwards from `k`
    /// (exclusive); returns the new position and whether a negation or a
    /// hedge ("possibly to meet") was seen: either way no fact.
    pub(super) fn skip_verb_group_left(&self, mut k: usize) -> (usize, bool) {
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
    pub(super) fn subject_left(&self, k: usize) -> (Vec<usize>, bool) {
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

    pub(super) fn subject_left_inner(&self, k: usize) -> (Vec<usize>, bool) {
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
    pub(super) fn marker_ending_at(&self, k: usize) -> Option<usize> {
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
    pub(super) fn np_start_left(&self, mut k: usize) -> usize {
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
    pub(super) fn coordinated_left(&self, k: usize) -> Vec<usize> {
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
    pub(super) fn event_agent(&self, k: usize) -> Option<usize> {
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
    pub(super) fn modifier_left(&self, k: usize) -> Option<usize> {
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
    pub(super) fn clause_subject(&self, k: usize) -> Vec<usize> {
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
    pub(super) fn used_as_noun(&self, k: usize) -> bool {
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
}
