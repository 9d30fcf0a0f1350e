//! Coreference inside one article: pronouns ("he", "its"), definite
//! descriptions ("the group", "the militia attacks"), appositions ("Hezbollah,
//! the Iran-backed group") and bare titles ("the Prime Minister") are joined
//! to the entity they stand for. Surnames and acronyms are joined earlier, by
//! the mention finder.

use crate::entity::EntityKind;
use crate::lexicon::Lexicon;
use crate::text::parsed::{Form, Mention, ParsedArticle};

/// How many sentences back an antecedent may be.
const WINDOW: usize = 3;

/// Resolves every pronoun, description and bare title of the article.
pub(crate) fn resolve(doc: &mut ParsedArticle, lex: &Lexicon) {
    bare_titles(doc);
    for s in 0..doc.sentences.len() {
        for &m in &doc.info[s].mentions.clone() {
            if doc.mentions[m].entity.is_some() {
                continue;
            }
            let entity = match doc.mentions[m].form {
                Form::Pronoun { .. } => pronoun(doc, lex, m),
                Form::Nominal => nominal(doc, lex, m),
                _ => None,
            };
            doc.mentions[m].entity = entity;
        }
    }
}

/// Kinds a pronoun may refer to, most likely first.
fn pronoun_kinds(doc: &ParsedArticle, lex: &Lexicon, m: &Mention) -> Vec<EntityKind> {
    let w = doc.info[m.sentence].word(m.tokens.0);
    lex.words
        .pronouns
        .get(w)
        .map(|p| p.kinds.clone())
        .unwrap_or_default()
}

/// Resolved mentions before mention `m`, nearest first, within the window.
fn antecedents(doc: &ParsedArticle, m: usize) -> Vec<usize> {
    let me = &doc.mentions[m];
    let mut out = Vec::new();
    // the nearest ones are enough, and the bound keeps long texts linear
    const NEAREST: usize = 48;
    let first = me.sentence.saturating_sub(WINDOW);
    for s in (first..=me.sentence).rev() {
        for &o in doc.info[s].mentions.iter().rev() {
            let other = &doc.mentions[o];
            if s == me.sentence && other.tokens.0 >= me.tokens.0 {
                continue;
            }
            if other.entity.is_some() {
                out.push(o);
                if out.len() == NEAREST {
                    return out;
                }
            }
        }
    }
    out
}

/// The first resolved mention of sentence `s` with a kind in `kinds`: the
/// sentence's subject, most of the time.
fn subject_of(doc: &ParsedArticle, s: usize, kinds: &[EntityKind]) -> Option<usize> {
    doc.info[s].mentions.iter().copied().find(|&o| {
        doc.mentions[o].entity.is_some_and(|e| {
            kinds.contains(&doc.entities[e].kind) && doc.mentions[o].form != Form::Demonym
        })
    })
}

/// The body a statement speaks for: the first state or organization named
/// at the start of one of the article's first sentences ("The United States
/// condemns ...", "The Pentagon said ...").
fn issuer(doc: &ParsedArticle, kinds: &[EntityKind]) -> Option<usize> {
    (0..doc.sentences.len().min(WINDOW)).find_map(|s| {
        let o = subject_of(doc, s, kinds)?;
        (doc.mentions[o].tokens.0 <= 2).then(|| doc.mentions[o].entity)?
    })
}

/// The body that says the words holding mention `m`: a state, group or
/// organization right before or right after a speech verb that comes later
/// in the sentence ("..., the U.S. said", "..., said the Pentagon").
fn attributed_speaker(
    doc: &ParsedArticle,
    lex: &Lexicon,
    m: &Mention,
    kinds: &[EntityKind],
) -> Option<usize> {
    let info = &doc.info[m.sentence];
    let n = doc.sentences[m.sentence].tokens.len();
    let verb = (m.tokens.1..n).find(|&k| lex.words.speech_verbs.contains(info.word(k)))?;
    let fits = |o: usize| {
        let e = doc.mentions[o].entity?;
        (kinds.contains(&doc.entities[e].kind)
            && !matches!(doc.mentions[o].form, Form::Pronoun { .. }))
        .then_some(e)
    };
    info.mentions.iter().copied().find_map(|o| {
        let (a, b) = doc.mentions[o].tokens;
        // "the U.S. said", "Iran has said", "said the Pentagon"
        let before = b <= verb && verb - b <= 1 && a > m.tokens.1;
        let after = a == verb + 1 || (a == verb + 2 && info.word(verb + 1) == "the");
        if before || after {
            fits(o)
        } else {
            None
        }
    })
}

/// Whether mention `m` stands inside a quotation opened in its sentence.
fn quoted(doc: &ParsedArticle, m: &Mention) -> bool {
    let sent = &doc.sentences[m.sentence];
    let before = &doc.text[sent.start..sent.tokens[m.tokens.0].start];
    let opens = before.matches('\u{201c}').count();
    let closes = before.matches('\u{201d}').count();
    let straight = before.matches('"').count();
    opens > closes || straight % 2 == 1 || doc.text[sent.start..sent.end].ends_with('\u{201d}')
}

fn pronoun(doc: &ParsedArticle, lex: &Lexicon, m: usize) -> Option<usize> {
    let me = &doc.mentions[m];
    let kinds = pronoun_kinds(doc, lex, me);
    let w = doc.info[me.sentence].word(me.tokens.0);
    if lex.words.pronouns.get(w).is_some_and(|p| p.speaker) {
        // "we" in words the sentence attributes to a body ("We have gone
        // after al-Shabaab, the U.S. said"): that body; otherwise in a
        // statement its issuer, in a quotation nobody we know
        if let Some(e) = attributed_speaker(doc, lex, me, &kinds) {
            return Some(e);
        }
        return if quoted(doc, me) {
            None
        } else {
            issuer(doc, &kinds)
        };
    }
    // A pronoun opening a sentence continues the previous sentence's subject.
    let opens = me.tokens.0 == 0
        || (me.tokens.0 == 1 && !doc.tok(me.sentence, 0).starts_with(char::is_alphanumeric));
    if opens {
        for back in 1..=WINDOW.min(me.sentence) {
            if let Some(o) = subject_of(doc, me.sentence - back, &kinds) {
                return doc.mentions[o].entity;
            }
        }
    }
    // otherwise the nearest earlier name of a fitting kind
    antecedents(doc, m).into_iter().find_map(|o| {
        let e = doc.mentions[o].entity?;
        (kinds.contains(&doc.entities[e].kind) && !doc.entities[e].unnamed).then_some(e)
    })
}

/// Whether entity `e` is a group a noun like "the group" may stand for.
fn is_group(doc: &ParsedArticle, e: usize) -> bool {
    matches!(
        doc.entities[e].kind,
        EntityKind::Militia | EntityKind::Organization
    )
}

/// "the group", "the militia attacks", "Hezbollah, the Iran-backed group".
fn nominal(doc: &ParsedArticle, lex: &Lexicon, m: usize) -> Option<usize> {
    let me = doc.mentions[m].clone();
    let s = me.sentence;
    let info = &doc.info[s];
    let head = me.tokens.0;
    // "the terrorist group Hamas": the name that follows is the entity itself
    if head + 1 < doc.len(s)
        && info.at[head + 1].is_some_and(|o| doc.mentions[o].form == Form::Name)
    {
        return None;
    }
    // "the movement of troops", "a group of students": a noun with its own
    // "of" phrase names something else, not a group met before
    if head + 1 < doc.len(s) && info.word(head + 1) == "of" {
        return None;
    }
    // find where the noun phrase starts: "the powerful Iran-backed militant group"
    let mut start = head;
    let mut det = None;
    while start > 0 && head - start < 8 {
        let w = info.word(start - 1);
        if lex.words.determiners.contains(w) {
            det = Some(w.to_string());
            start -= 1;
            break;
        }
        if w == ","
            || lex.words.prepositions.contains(w)
            || lex.words.be_forms.contains(w)
            || lex.words.auxiliaries.contains(w)
        {
            break;
        }
        start -= 1;
    }
    // "the IS-affiliated Abu Sayyaf group", "the al-Shabaab terrorist
    // group": a group named inside the noun phrase, not a hyphenated modifier
    let inside = info.mentions.iter().copied().rev().find(|&o| {
        let (a, b) = doc.mentions[o].tokens;
        a >= start
            && b <= head
            && doc.mentions[o].form == Form::Name
            && (b >= doc.len(s) || !matches!(info.word(b), "-" | "–"))
            && doc.mentions[o].entity.is_some_and(|e| is_group(doc, e))
    });
    if let Some(o) = inside {
        return doc.mentions[o].entity;
    }
    // apposition or copula right before: "X, the ... group", "X is a ... militia"
    if start >= 2 {
        let before = info.word(start - 1);
        if before == "," || lex.words.be_forms.contains(before) {
            let mut k = start - 1;
            // "X has been described as": skip the verb chain back to X
            while k > 1
                && start - k < 6
                && (lex.words.auxiliaries.contains(info.word(k - 1))
                    || lex.words.adverbs.contains(info.word(k - 1)))
            {
                k -= 1;
            }
            if let Some(o) = info.at[k - 1] {
                if let Some(e) = doc.mentions[o].entity.filter(|&e| is_group(doc, e)) {
                    return Some(e);
                }
            }
        }
    }
    // "X ... is a radical Iraqi militia": the sentence's first named group
    if start >= 1 && lex.words.be_forms.contains(info.word(start - 1)) {
        let first = info.mentions.iter().copied().find(|&o| {
            doc.mentions[o].form == Form::Name
                && doc.mentions[o].entity.is_some_and(|e| is_group(doc, e))
        });
        if let Some(o) = first {
            return doc.mentions[o].entity;
        }
    }
    let definite = matches!(det.as_deref(), Some("the" | "this" | "that"));
    if !definite {
        return None;
    }
    let noun = info.word(head);
    let kinds: &[EntityKind] = if noun.starts_with("organi") {
        &[EntityKind::Organization, EntityKind::Militia]
    } else {
        &[EntityKind::Militia, EntityKind::Organization]
    };
    // "The group ..." opening a sentence continues the previous sentence's subject
    if start == 0 {
        for back in 1..=WINDOW.min(s) {
            if let Some(o) = subject_of(doc, s - back, kinds) {
                return doc.mentions[o].entity;
            }
        }
    }
    for kind in kinds {
        for o in antecedents(doc, m) {
            let e = doc.mentions[o].entity?;
            if doc.entities[e].kind == *kind {
                return Some(e);
            }
        }
    }
    None
}

/// "the Secretary", "the Prime Minister": the person last given that title.
fn bare_titles(doc: &mut ParsedArticle) {
    // title → the first person the article gave it
    let mut holder: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Person {
            for &t in &e.titles {
                holder.entry(t).or_insert(i);
            }
        }
    }
    if holder.is_empty() {
        return;
    }
    for s in 0..doc.sentences.len() {
        let titles = doc.info[s].titles.clone();
        for t in titles {
            let (a, b) = t.tokens;
            let after_is_name = b < doc.len(s) && doc.info[s].at[b].is_some();
            let after_is_of = b < doc.len(s) && doc.info[s].word(b) == "of";
            if a == 0 || doc.info[s].word(a - 1) != "the" || after_is_name || after_is_of {
                continue;
            }
            if let Some(&e) = holder.get(&t.title) {
                doc.add_mention(Mention {
                    sentence: s,
                    tokens: (a, b),
                    entity: Some(e),
                    form: Form::Nominal,
                });
            }
        }
        doc.sort_mentions(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entity id each mention of `text` resolves to, by surface.
    fn resolved(text: &str) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::embedded();
        let mut doc = ParsedArticle::new("t", text, None, lex);
        crate::mentions::mention::find(&mut doc, lex);
        resolve(&mut doc, lex);
        doc.mentions
            .iter()
            .map(|m| {
                let (a, b) = m.tokens;
                let id = m.entity.map(|e| doc.entities[e].id.clone());
                (doc.span_text(m.sentence, a, b).to_string(), id)
            })
            .collect()
    }

    #[test]
    fn a_group_noun_resolves_to_the_group_named_before() {
        let found = resolved("The Oromo Liberation Army denied it. The group later withdrew.");
        let group = found.iter().find(|(s, _)| s == "group");
        assert_eq!(
            group.and_then(|(_, id)| id.as_deref()),
            Some("oromo-liberation-army"),
            "{found:?}"
        );
    }

    #[test]
    fn a_group_noun_with_its_own_of_phrase_is_no_anaphor() {
        let found =
            resolved("The Oromo Liberation Army denied it. The movement of troops worried Kenya.");
        assert!(
            !found.iter().any(|(s, id)| s == "movement" && id.is_some()),
            "{found:?}"
        );
    }

    #[test]
    fn a_group_noun_after_a_name_in_its_phrase_is_that_name() {
        // not the militia named before, nor the one in the hyphenated modifier
        let found = resolved(
            "Al-Shabaab claimed the raid. The ISIS-affiliated Ansar Dine group denied it.",
        );
        let group = found.iter().find(|(s, _)| s == "group");
        assert_eq!(
            group.and_then(|(_, id)| id.as_deref()),
            Some("ansar-dine"),
            "{found:?}"
        );
    }
}
