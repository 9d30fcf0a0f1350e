//! The location frame: "X in western Y's Z", "Z, Y", "Iraqi militias".

use super::*;

impl<'d, 'a> Cx<'d, 'a> {
    /// Containment: "X in western Y's Z", "Z, Y", "Iraqi militias", "Lebanon's Hezbollah".
    pub(super) fn locations(&mut self) {
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
}
