//! Event frames over word windows: compound adjectives ("Iran-backed"),
//! event nouns and their light verbs, responses, meetings, patient and
//! label nouns.

use super::*;

impl<'d, 'a> Cx<'d, 'a> {
    /// "Iran-backed Hezbollah", "Iranian sponsored KH", "pro-Iranian militias",
    /// "Gaza-based Hamas".
    pub(super) fn compounds(&mut self) {
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

    /// Event nouns: "X launched attacks on Y", "attacks on Y by X",
    /// "condemnation from X", "its threats against Y".
    pub(super) fn nouns(&mut self) {
        let words = &self.lex.words;
        for k in 0..self.n() {
            let Some(triggers) = self.lex.triggers.nouns.get(self.w(k)).cloned() else {
                continue;
            };
            // "calls for talks with Y" ask for the event: no event yet
            let asked = words.request_nouns.contains(self.w(k)) && self.w(k + 1) == "for";
            if self.mention(k).is_some()
                || asked
                || !self.used_as_noun(k) && self.lex.triggers.verbs.contains_key(self.w(k))
            {
                continue;
            }
            'trig: for trig in triggers {
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
                        // "talks between A and B": both sides are there,
                        // whoever hosts or mediates the talks
                        if w == "between" {
                            if targets.len() < 2 {
                                continue 'trig;
                            }
                            sources = vec![targets.remove(0)];
                        }
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
                // "vowed revenge against Y": an intended act, which the
                // parse frame reads as a threat
                if roles.contains(&FrameRole::Assault)
                    && (k.saturating_sub(3)..k).any(|j| words.intent_words.contains(self.w(j)))
                {
                    continue;
                }
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
    pub(super) fn light_verb_left(&self, k: usize) -> Option<usize> {
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
    pub(super) fn response_target(&self, k: usize) -> (Vec<usize>, usize) {
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
    pub(super) fn meetings(&mut self) {
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

    /// Nouns naming the target by its relation: "Iran's proxy Y",
    /// "Y has been described as an Iranian proxy", "its ally Y".
    pub(super) fn patients(&mut self) {
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
    pub(super) fn labels(&mut self) {
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
}
