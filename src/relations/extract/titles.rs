//! The title frame: "Iraqi Prime Minister A", "A, U.S. Central Command
//! Commander" (A leads Iraq).

use super::*;

impl<'d, 'a> Cx<'d, 'a> {
    /// "Iraqi Prime Minister A", "Hamas political leader A", "its leader A",
    /// "A, U.S. Central Command Commander", "A, the leader of Y".
    pub(super) fn titles(&mut self) {
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
    pub(super) fn body_before(&self, a: usize) -> Option<(usize, bool, usize)> {
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

    pub(super) fn emit_title(
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
    pub(super) fn nearest_state(&self, k: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for &m in self.mentions_near(k, NEAREST_STATE_WORDS, NEAREST_STATE_WORDS) {
            let Some(e) = self.doc.mentions[m].entity else {
                continue;
            };
            let (a, b) = self.doc.mentions[m].tokens;
            let form = self.doc.mentions[m].form;
            let people =
                form == Form::Demonym && self.lex.words.plural_demonyms.contains(self.w(b - 1));
            // "President X spoke with Egyptian President Y": the state of
            // another title is that title's
            let others = b != k
                && self.doc.info[self.s]
                    .title_at
                    .get(b)
                    .is_some_and(Option::is_some);
            if self.kind(e) != EntityKind::State
                || people
                || others
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
}
