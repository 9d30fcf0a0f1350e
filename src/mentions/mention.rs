//! Mentions: the stretches of text that name an entity.
//!
//! Three passes over an article:
//! 1. the gazetteer (one aho-corasick automaton over every known name,
//!    demonym and title), with case rules: acronyms match exactly, other names
//!    may be written in more capitals than the lexicon has ("BAGHDAD"), never
//!    in fewer ("iran" is not Iran);
//! 2. capitalised names nobody listed, typed by their context: a title or
//!    honorific before them, a title after them, a head word ("Committee",
//!    "Brigades", "province"), a militia prefix ("Kataib"), a known given
//!    name, or a speech verb ("..., said Dana Stroul");
//! 3. short forms of the names found so far: surnames ("Blinken",
//!    "Sudani"), acronyms defined in the text ("Popular Mobilization Forces
//!    (PMF)").
//!
//! Plural nouns for unnamed armed groups ("militias"), pronouns and
//! definite descriptions ("the group") become mentions too; coreference
//! resolves the last two.

use crate::entity::EntityKind;
use crate::lexicon::{fold_for_match, Lexicon, Target};
use crate::text::parsed::{Form, Mention, ParsedArticle, SentenceInfo, TitleMention};
use crate::text::segment::TokenKind;
use rustc_hash::FxHashMap as HashMap;

/// Finds every mention of the article.
pub(crate) fn find(doc: &mut ParsedArticle, lex: &Lexicon) {
    for s in 0..doc.sentences.len() {
        gazetteer(doc, lex, s);
        unnamed_groups(doc, lex, s);
        doc.sort_mentions(s);
        defined_acronyms(doc, lex, s);
        branches(doc, lex, s);
        doc.sort_mentions(s);
    }
    for s in 0..doc.sentences.len() {
        unknown_names(doc, lex, s);
        doc.sort_mentions(s);
    }
    unify_people(doc, lex);
    join_aliases(doc, lex);
    let aliases = short_forms(doc, lex);
    for s in 0..doc.sentences.len() {
        known_short_forms(doc, lex, &aliases, s);
        pronouns(doc, lex, s);
        doc.sort_mentions(s);
    }
}

/// What opens an alias or a defined acronym after a name: "X (Y)", "X, Y,",
/// "X — also known as Y —".
const ALIAS_OPENERS: [&str; 4] = ["(", ",", "—", "–"];

/// Capital letters and digits only, with at least `letters` letters:
/// "ISIS", "GS", "82".
fn is_acronym(w: &str, letters: usize) -> bool {
    !w.is_empty()
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && w.chars().filter(|c| c.is_alphabetic()).count() >= letters
}

/// The acronym written from token `i` ("ISIS-GS", "CJTF-OIR": capitals
/// and digits joined by hyphens, no spaces) and the token after it.
fn acronym_at(doc: &ParsedArticle, s: usize, i: usize) -> Option<(String, usize)> {
    let toks = &doc.sentences[s].tokens;
    if i >= toks.len() || !is_acronym(doc.tok(s, i), 0) {
        return None;
    }
    let mut j = i + 1;
    while j + 1 < toks.len()
        && doc.tok(s, j) == "-"
        && !toks[j].space_before
        && !toks[j + 1].space_before
        && is_acronym(doc.tok(s, j + 1), 0)
    {
        j += 2;
    }
    let text: String = (i..j).map(|k| doc.tok(s, k)).collect();
    (text.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some((text, j))
}

fn is_cap(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

/// Accepts a case-insensitive match when the text is written in at least the
/// capitals of the pattern; acronyms must match exactly.
fn case_ok(pattern: &str, acronym: bool, text: &str) -> bool {
    if acronym {
        return pattern == text;
    }
    pattern
        .chars()
        .zip(text.chars())
        .all(|(p, t)| p == t || (p.is_lowercase() && t.is_uppercase()) || !p.is_alphabetic())
}

fn gazetteer(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    let sent = &doc.sentences[s];
    let base = sent.start;
    let text = sent.text(doc.text);
    let starts: HashMap<usize, usize> = sent
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.start, i))
        .collect();
    let ends: HashMap<usize, usize> = sent
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.end, i))
        .collect();
    let mut found = Vec::new();
    let (folded, at) = fold_for_match(text);
    // the name matched at folded bytes [from, to) by `pattern`, if it lies on
    // token boundaries and is written in a spelling's capitals
    let accept = |from: usize, to: usize, pattern: usize| {
        // back to the sentence's bytes: the match ends after its last byte
        // (a folded hyphen stands for a longer character: go to its end)
        let start = at[from];
        let end = (at[to - 1] + 1..=text.len())
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(text.len());
        let (&a, &b) = (starts.get(&(base + start))?, ends.get(&(base + end))?);
        // "ISIS" in "ISIS-GS", "FARC" in "FARC-D": an acronym that goes on
        // with a hyphen and more capitals is part of another group's acronym
        if acronym_at(doc, s, a).is_some_and(|(_, end)| end > b + 1) {
            return None;
        }
        let matched = &folded[from..to];
        let pat = lex.name_groups[pattern]
            .iter()
            .map(|&p| &lex.patterns[p])
            .find(|p| case_ok(&p.folded, p.acronym, matched))?;
        Some((a, b + 1, pat.target))
    };
    // Leftmost-longest, but a match that does not lie on token boundaries
    // does not hide the names inside it: "The Sudan" found in "The Sudanese
    // army" is no name, and the search goes on from the next character, where
    // it finds "Sudanese".
    let mut pos = 0;
    while let Some(m) = lex
        .names
        .find(aho_corasick::Input::new(&folded).span(pos..folded.len()))
    {
        let mut hit = accept(m.start(), m.end(), m.pattern().as_usize());
        // "Abu Sayyaf group": a longer spelling the capitals rule out
        // ("Abu Sayyaf Group") leaves the shorter name at the same start
        let mut limit = m.end();
        while hit.is_none() && limit > m.start() + 1 {
            let Some(sm) = lex.names.find(&folded[m.start()..limit - 1]) else {
                break;
            };
            if sm.start() != 0 {
                break;
            }
            limit = m.start() + sm.end();
            hit = accept(m.start(), limit, sm.pattern().as_usize());
        }
        pos = if hit.is_some() {
            limit
        } else {
            (m.start() + 1..=folded.len())
                .find(|&k| folded.is_char_boundary(k))
                .unwrap_or(folded.len())
        };
        found.extend(hit);
    }
    for (a, b, target) in found {
        match target {
            Target::Entity(i) | Target::Demonym(i) => {
                let e = &lex.entities[i];
                let (id, name, kind) = (e.id.clone(), e.name.clone(), e.kind);
                let ent = doc.intern(&id, &name, kind);
                let form = if matches!(target, Target::Demonym(_)) {
                    Form::Demonym
                } else {
                    Form::Name
                };
                doc.add_mention(Mention {
                    sentence: s,
                    tokens: (a, b),
                    entity: Some(ent),
                    form,
                });
            }
            Target::Title(t) => {
                // "King Khalid Air Base", "Sultan Qaboos University": a
                // title that starts the name of a place or a body is part
                // of that name
                if is_cap(doc.tok(s, a)) && names_a_site(doc, lex, s, b) {
                    continue;
                }
                // "general" and "head" are titles only before a capitalised name or with a body
                let info = &mut doc.info[s];
                let idx = info.titles.len();
                info.titles.push(TitleMention {
                    tokens: (a, b),
                    title: t,
                });
                for k in a..b {
                    info.title_at[k] = Some(idx);
                }
            }
        }
    }
}

/// Whether the capitalised words from token `from` of sentence `s` (up to
/// five) end in the head word of a place or a body ("Khalid Air Base",
/// "Qaboos University"): a title or an honorific before them is part of a
/// name given after a person.
fn names_a_site(doc: &ParsedArticle, lex: &Lexicon, s: usize, from: usize) -> bool {
    let n = doc.len(s);
    let mut k = from;
    while k < n && k < from + 5 && is_cap(doc.tok(s, k)) {
        k += 1;
    }
    if k < from + 2 {
        // one word: "President Hospital" is too thin to tell
        return false;
    }
    let words = &lex.words;
    let last = doc.info[s].word(k - 1);
    let two = format!("{} {last}", doc.info[s].word(k - 2));
    words.place_heads.contains(last)
        || words.place_heads.contains(two.as_str())
        || words.organization_heads.contains(last)
}

/// The first token of the long form that an acronym in parentheses
/// abbreviates, if any: the algorithm of Schwartz & Hearst (2003), "A simple
/// algorithm for identifying abbreviation definitions in biomedical text".
/// The acronym's letters are found right to left in the words before the
/// parenthesis, the first one at the start of a word, within
/// `min(|A| + 5, 2|A|)` words.
fn long_form_start(doc: &ParsedArticle, s: usize, open: usize, acronym: &str) -> Option<usize> {
    let short: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if short.len() < 2 || !short[0].is_alphanumeric() {
        return None;
    }
    let max_words = (short.len() + 5).min(2 * short.len());
    let mut start = open;
    let mut words = 0;
    while start > 0 && words < max_words {
        let t = &doc.sentences[s].tokens[start - 1];
        let w = t.text(doc.text);
        if t.kind == TokenKind::Punct && !matches!(w, "-" | "\'" | "\u{2019}" | "&") {
            break;
        }
        start -= 1;
        words += usize::from(t.kind != TokenKind::Punct);
    }
    if start == open {
        return None;
    }
    // the characters of the candidate long form, each with its token
    let mut long: Vec<(char, usize)> = Vec::new();
    for k in start..open {
        if k > start && doc.sentences[s].tokens[k].space_before {
            long.push((' ', k));
        }
        long.extend(
            doc.tok(s, k)
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| (c, k)),
        );
    }
    let mut l = long.len();
    for (si, &c) in short.iter().enumerate().rev() {
        loop {
            if l == 0 {
                return None;
            }
            l -= 1;
            let word_start = l == 0 || !long[l - 1].0.is_alphanumeric();
            if long[l].0 == c && (si > 0 || word_start) {
                break;
            }
        }
    }
    Some(long[l].1)
}

/// "Inter-Services Intelligence (ISI)", "ISIS in the Greater Sahara
/// (ISIS-GS)": a capitalised long form defined by an acronym is one name,
/// even where the gazetteer found shorter names inside it. Its kind comes
/// from its head word, else from a known group it starts with, else from
/// the name tagger; a long form none of them can type is left alone
/// ("Specially Designated Global Terrorists (SDGT)").
fn defined_acronyms(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    let n = doc.len(s);
    for open in 1..n.saturating_sub(2) {
        if doc.tok(s, open) != "(" {
            continue;
        }
        let Some((acro, close)) = acronym_at(doc, s, open + 1) else {
            continue;
        };
        if close >= n || doc.tok(s, close) != ")" {
            continue;
        }
        let Some(mut a) = long_form_start(doc, s, open, &acro) else {
            continue;
        };
        // a mention the long form starts inside is taken whole
        if let Some(m) = doc.info[s].at[a] {
            a = a.min(doc.mentions[m].tokens.0);
        }
        let b = open;
        if b - a < 2 || !is_cap(doc.tok(s, a)) || !is_cap(doc.tok(s, b - 1)) {
            continue;
        }
        // already one name: the acronym becomes its alias later
        let one = doc.info[s].at[a].is_some_and(|m| doc.mentions[m].tokens == (a, b));
        if one || (a..b).any(|k| doc.info[s].title_at[k].is_some()) {
            continue;
        }
        let Some(kind) = compound_kind(doc, lex, s, a, b) else {
            continue;
        };
        doc.remove_mentions(s, a, b);
        let kind = armed(doc, lex, s, b + 3, kind);
        add_name(doc, s, a, b, b, kind);
    }
}

/// The kind of a compound name `[a, b)`: its head (the last word before
/// "of", "for" or "in", else the last word), else the known group or body it
/// starts with ("ISIS in ..."), else the name tagger's reading.
fn compound_kind(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    a: usize,
    b: usize,
) -> Option<EntityKind> {
    let words = &lex.words;
    let info = &doc.info[s];
    let head = (a + 1..b)
        .find(|&k| matches!(info.word(k), "of" | "for" | "in"))
        .map_or(b - 1, |k| k - 1);
    let h = info.word(head);
    if words.organization_heads.contains(h) {
        return Some(EntityKind::Organization);
    }
    if words.militia_heads.contains(h) {
        return Some(EntityKind::Militia);
    }
    if words.place_heads.contains(h) {
        return Some(EntityKind::Place);
    }
    if let Some(kind @ (EntityKind::Militia | EntityKind::Organization)) =
        info.at[a].and_then(|m| name_kind(doc, m))
    {
        return Some(kind);
    }
    let forms: Vec<&str> = (0..doc.len(s)).map(|k| doc.tok(s, k)).collect();
    crate::mentions::names::find(&forms, lex)
        .into_iter()
        .find(|&(x, y, kind)| x < b && a < y && kind != EntityKind::Person)
        .map(|(_, _, kind)| kind)
}

/// "al-Qaida in Iraq", "Islamic State in the Greater Sahara": a group the
/// lexicon lists as a brand with regional branches, followed by "in" or
/// "of" and a capitalised place name, is the branch: a group of its own.
fn branches(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    let n = doc.len(s);
    for m in doc.info[s].mentions.clone() {
        let (a, b) = doc.mentions[m].tokens;
        let Some(e) = doc.mentions[m].entity else {
            continue;
        };
        if doc.mentions[m].form != Form::Name
            || !lex.words.branch_brands.contains(&doc.entities[e].id)
            || b + 1 >= n
            || !matches!(doc.info[s].word(b), "in" | "of")
        {
            continue;
        }
        // "in Iraq" may be where the group is, not its name ("strikes ISIL in
        // Libya"): a state or a known place after "in" needs the article's "the" before a
        // region ("in the Arabian Peninsula") or the "of" of a name
        let of = doc.info[s].word(b) == "of";
        let mut k = b + 1;
        let the = doc.info[s].word(k) == "the";
        if the {
            k += 1;
        }
        // the capitalised place name, known or not; a date is none ("pledged
        // allegiance to ISIS in May 2015")
        let mut end = k;
        while end < n
            && is_cap(doc.tok(s, end))
            && doc.info[s].title_at[end].is_none()
            && !lex.words.months.iter().any(|m| m == doc.info[s].word(end))
            && !lex
                .words
                .weekdays
                .iter()
                .any(|d| d == doc.info[s].word(end))
        {
            end = doc.info[s].at[end].map_or(end + 1, |o| doc.mentions[o].tokens.1.max(end + 1));
        }
        let brand_again = (k..end).any(|t| {
            doc.info[s].at[t]
                .and_then(|o| doc.mentions[o].entity)
                .is_some_and(|o| {
                    !matches!(doc.entities[o].kind, EntityKind::State | EntityKind::Place)
                })
        });
        // and so does a known town ("attacked ISIS in Mosul")
        let known = doc.info[s].at[k]
            .and_then(|o| doc.mentions[o].entity)
            .is_some_and(|o| matches!(doc.entities[o].kind, EntityKind::State | EntityKind::Place));
        if end == k || brand_again || (known && !of && !the) {
            continue;
        }
        let kind = doc.entities[e].kind;
        doc.remove_mentions(s, a, end);
        add_name(doc, s, a, end, end, kind);
    }
}

/// Longest match of a multi-word entry of `list` (lower-case word
/// sequences) starting at token `i`.
fn phrase_at(info: &SentenceInfo, i: usize, list: &[Vec<String>]) -> Option<usize> {
    list.iter()
        .filter(|p| {
            i + p.len() <= info.len() && p.iter().enumerate().all(|(k, w)| info.word(i + k) == w)
        })
        .map(Vec::len)
        .max()
}

/// "militias", "militia groups", "proxies": the article's unnamed armed groups.
fn unnamed_groups(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    let n = doc.len(s);
    let mut i = 0;
    while i < n {
        if doc.info[s].at[i].is_some() {
            i += 1;
            continue;
        }
        if let Some(len) = phrase_at(&doc.info[s], i, &lex.words.unnamed_militia_nouns) {
            let ent = doc.intern("militias", "militias", EntityKind::Militia);
            doc.entities[ent].unnamed = true;
            doc.add_mention(Mention {
                sentence: s,
                tokens: (i, i + len),
                entity: Some(ent),
                form: Form::Unnamed,
            });
            i += len;
            continue;
        }
        let w = doc.info[s].word(i);
        // "Sudan Liberation Movement": a capitalised group noun after a
        // capitalised word that no name has taken ends an unknown name
        let in_name = i > 0
            && is_cap(doc.tok(s, i))
            && is_cap(doc.tok(s, i - 1))
            && doc.info[s].at[i - 1].is_none();
        if lex.words.group_nouns.contains(w) && !in_name {
            doc.add_mention(Mention {
                sentence: s,
                tokens: (i, i + 1),
                entity: None,
                form: Form::Nominal,
            });
        }
        i += 1;
    }
}

fn pronouns(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    for i in 0..doc.len(s) {
        if doc.info[s].at[i].is_some() {
            continue;
        }
        if let Some(p) = lex.words.pronouns.get(doc.info[s].word(i)) {
            let possessive = p.possessive;
            doc.add_mention(Mention {
                sentence: s,
                tokens: (i, i + 1),
                entity: None,
                form: Form::Pronoun { possessive },
            });
        }
    }
}

/// Can token `i` be part of a proper name?
fn name_token(doc: &ParsedArticle, lex: &Lexicon, s: usize, i: usize) -> bool {
    let t = &doc.sentences[s].tokens[i];
    let info = &doc.info[s];
    if info.at[i].is_some() || info.title_at[i].is_some() {
        return false;
    }
    let w = t.text(doc.text);
    match t.kind {
        TokenKind::Word => {
            if is_cap(w) {
                return !w.starts_with('\'') && !w.starts_with('\u{2019}');
            }
            // particles inside a name: "Saleh al-Arouri", "bin Salman"
            lex.words.name_particles.contains(info.word(i))
                && i + 1 < doc.len(s)
                && (is_cap(doc.tok(s, i + 1)) || doc.tok(s, i + 1) == "-")
        }
        TokenKind::Punct => {
            // an inner hyphen: "Al-Sudani"
            w == "-"
                && i > 0
                && i + 1 < doc.len(s)
                && !t.space_before
                && !doc.sentences[s].tokens[i + 1].space_before
                && (is_cap(doc.tok(s, i + 1))
                    || lex.words.name_particles.contains(info.word(i + 1)))
        }
        TokenKind::Number => false,
    }
}

/// Capitalised spans nobody listed, typed by their context.
fn unknown_names(doc: &mut ParsedArticle, lex: &Lexicon, s: usize) {
    // a title-case headline capitalises every word: only a title or an
    // honorific right before a run marks a name there ("Statement by
    // Spokesperson Jane Roe")
    let headline = doc.info[s].headline;
    let n = doc.len(s);
    let mut i = 0;
    // the name tagger's reading of the sentence, made when first needed
    let mut tagged: Option<Vec<crate::mentions::names::Span>> = None;
    while i < n {
        if !name_token(doc, lex, s, i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && name_token(doc, lex, s, j) {
            j += 1;
            // "Saint Mary's Cathedral", "St. George's Hospital": a name's
            // possessive before the head word of a place goes on as one name
            if j + 1 < n
                && matches!(doc.tok(s, j), "'s" | "\u{2019}s")
                && is_cap(doc.tok(s, j + 1))
                && lex.words.place_heads.contains(doc.info[s].word(j + 1))
                && doc.info[s].at[j + 1].is_none()
            {
                j += 1;
            }
        }
        // "Justice and Equality Movement": capitalised words joined by "and"
        // before the head word of a body are one name
        if j + 2 < n && j - i <= 2 && doc.tok(s, j) == "and" {
            let mut k = j + 1;
            while k < n && k <= j + 3 && name_token(doc, lex, s, k) && is_cap(doc.tok(s, k)) {
                k += 1;
            }
            let head = doc.info[s].word(k - 1);
            let body = lex.words.organization_heads.contains(head)
                || lex.words.militia_heads.contains(head);
            if k > j + 2 && body && (i..k).all(|t| doc.info[s].at[t].is_none()) {
                j = k;
            }
        }
        let (mut a, mut b) = (i, j);
        i = j;
        // strip function words ("The", "In") and particles at the edges
        // and honorifics ("Mr. Shogar": the name is "Shogar", a person)
        while a < b
            && (lex.words.function_words.contains(doc.info[s].word(a))
                || (lex.words.honorifics.contains(doc.info[s].word(a))
                    && !names_a_site(doc, lex, s, a + 1))
                || (doc.tok(s, a) == "."
                    && a > 0
                    && lex.words.honorifics.contains(doc.info[s].word(a - 1)))
                || !is_cap(doc.tok(s, a)))
        {
            a += 1;
        }
        while a < b && (!is_cap(doc.tok(s, b - 1)) || doc.tok(s, b - 1) == "-") {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        if headline {
            let titled = title_before(doc, s, a).is_some()
                || (a > 0 && lex.words.honorifics.contains(doc.info[s].word(a - 1)));
            // the name ends at the first small word ("on", "of")
            let end = (a..b).find(|&k| !is_cap(doc.tok(s, k))).unwrap_or(b);
            if titled && (2..=4).contains(&(end - a)) {
                add_name(doc, s, a, end, end, EntityKind::Person);
            }
            continue;
        }
        if b == a + 1 && (extend_known_place(doc, lex, s, a) || regional_name(doc, lex, s, a)) {
            continue;
        }
        if let Some(end) = surname_place(doc, lex, s, a, b) {
            doc.remove_mentions(s, b, end);
            add_name(doc, s, a, end, end, EntityKind::Person);
            i = i.max(end);
            continue;
        }
        if let Some((wa, wb, kind)) = widen_body(doc, lex, s, a, b) {
            doc.remove_mentions(s, wa, wb);
            add_name(doc, s, wa, wb, wb, kind);
            i = i.max(wb);
            continue;
        }
        if b == a + 1 && bare_word(lex, doc.info[s].word(a)) {
            continue;
        }
        if let Some((kind, end)) = type_name(doc, lex, s, a, b) {
            add_name(doc, s, a, b, end, kind);
            continue;
        }
        // names the context rules cannot type: the name tagger's, inside the
        // run (the tagger runs only when the run could hold a name it may add)
        if b == a + 1 && !plausible_name(doc, s, a, b) {
            continue;
        }
        let spans = tagged.get_or_insert_with(|| {
            let forms: Vec<&str> = (0..n).map(|k| doc.tok(s, k)).collect();
            crate::mentions::names::find(&forms, lex)
        });
        // a span the tagger ran on from a possessor or a title of a known
        // name into the run names what follows them ("Nigeria's Borno" is Borno; "Prime
        // Minister of Lebanon Rafic Hariri" the person after the title); one
        // that starts inside a name found before is that name's longer form
        // ("Saudi Aramco"), never cut
        let after_cue = |x: usize| {
            matches!(doc.tok(s, a - 1), "'s" | "\u{2019}s")
                || (doc.info[s].at[a - 1].is_some()
                    && (x..a).any(|k| doc.info[s].title_at[k].is_some()))
        };
        let inside: Vec<crate::mentions::names::Span> = spans
            .iter()
            .map(|&(x, y, kind)| {
                if x < a && a < y && after_cue(x) {
                    (a, y, kind)
                } else {
                    (x, y, kind)
                }
            })
            .filter(|&(x, y, _)| a <= x && y <= b && (x..y).all(|k| doc.info[s].at[k].is_none()))
            .filter(|&(x, y, _)| plausible_name(doc, s, x, y))
            .filter(|&(x, y, _)| y > x + 1 || !common_word_first(doc, s, x))
            .collect();
        for (x, y, kind) in inside {
            let kind = if appositive_place(doc, lex, s, y) {
                EntityKind::Place
            } else if coordinated_person(doc, lex, s, x, y) {
                EntityKind::Person
            } else {
                armed(doc, lex, s, y, kind)
            };
            // a name the article has already typed keeps that kind: the
            // tagger reads one sentence and may type it otherwise here (#14)
            let label = doc.span_text(s, x, y);
            let kind = doc
                .entities
                .iter()
                .find(|e| e.label == label)
                .map_or(kind, |e| e.kind);
            add_name(doc, s, x, y, y, kind);
        }
    }
}

/// A capitalised word that is no name on its own: the head word of a
/// body's or a place's name without the name ("the Department", "the
/// Government", "the Republic"), a noun for armed men ("Gunmen stormed"),
/// a month or a weekday, or a community's plural ("Muslims", "Catholics").
fn bare_word(lex: &Lexicon, word: &str) -> bool {
    let w = &lex.words;
    w.organization_heads.contains(word)
        || w.state_bodies.contains(word)
        || w.place_heads.contains(word)
        || w.militia_heads.contains(word)
        || w.group_nouns.contains(word)
        || w.armed_nouns.contains(word)
        || w.months.iter().any(|m| m == word)
        || w.weekdays.iter().any(|d| d == word)
        || w.communities.contains(word)
}

/// "Ali Kano", "Omar Hama": a known given name right before a one-word
/// place the gazetteer found is a person whose surname is a town's name.
/// Returns where the person's name ends.
fn surname_place(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    a: usize,
    b: usize,
) -> Option<usize> {
    let info = &doc.info[s];
    if b >= doc.len(s) || !lex.words.given_names.contains(info.word(b - 1)) {
        return None;
    }
    let m = info.at[b]?;
    let place =
        doc.mentions[m].tokens == (b, b + 1) && name_kind(doc, m) == Some(EntityKind::Place);
    let next_cap = b + 1 < doc.len(s) && is_cap(doc.tok(s, b + 1));
    (place && !next_cap && (a..b).all(|k| is_cap(doc.tok(s, k)))).then_some(b + 1)
}

/// "Armenian Defense Ministry", "New America Foundation", "Police Service
/// of Northern Ireland", "Garissa University College": a capitalised run
/// ending in the head word of a body or a facility takes in the states,
/// places and demonyms written into its name, before it and after "of" or
/// "for". A state body ("Government", "Army") takes in only other names
/// ("Government of National Accord"): "the Iraqi Government" and
/// "Government of Iraq" are the state (GUIDELINE). Returns the widened span
/// and its kind, or nothing when there is nothing to take in.
fn widen_body(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    a: usize,
    b: usize,
) -> Option<(usize, usize, EntityKind)> {
    let info = &doc.info[s];
    let n = doc.len(s);
    let head = info.word(b - 1);
    let state_body = lex.words.state_bodies.contains(head);
    let kind = if lex.words.organization_heads.contains(head) || state_body {
        EntityKind::Organization
    } else if lex.words.place_heads.contains(head) {
        EntityKind::Place
    } else if lex.words.militia_heads.contains(head) && b - a >= 2 {
        EntityKind::Militia
    } else {
        return None;
    };
    // "Sudan Liberation Army", "Kosovo Liberation Army": a state body's head
    // with a word of its own between it and the state names a body of its
    // own, not the state's army
    let named_body = state_body && b - a >= 2 && lex.words.militia_heads.contains(head);
    let state_body = state_body && b - a < 2;
    // the known state or place mention at token k
    let place = |k: usize| {
        info.at[k].filter(|&m| {
            matches!(doc.mentions[m].form, Form::Name | Form::Demonym)
                && doc.mentions[m].entity.is_some_and(|e| {
                    matches!(doc.entities[e].kind, EntityKind::State | EntityKind::Place)
                })
        })
    };
    let free_cap = |k: usize| {
        info.at[k].is_none()
            && is_cap(doc.tok(s, k))
            && name_token(doc, lex, s, k)
            && !lex.words.function_words.contains(info.word(k))
    };
    let mut wa = a;
    while wa > 0 && !state_body {
        match place(wa - 1) {
            Some(m) if doc.mentions[m].tokens.1 == wa => wa = doc.mentions[m].tokens.0,
            None if free_cap(wa - 1) => wa -= 1,
            // "Tigray People's Liberation Front": a possessive of a common
            // word is inside the name ("Iran's Revolutionary Guards",
            // "Haftar's Libyan National Army" are a name's bodies)
            None if kind != EntityKind::Place
                && wa >= 2
                && matches!(doc.tok(s, wa - 1), "'s" | "\u{2019}s")
                && free_cap(wa - 2)
                && crate::mentions::names::common_word(doc.tok(s, wa - 2)).is_some() =>
            {
                wa -= 2
            }
            _ => break,
        }
    }
    // "The Sudan" is the state's alias; "Sudan Liberation Movement" the name
    while wa < a && lex.words.function_words.contains(info.word(wa)) {
        wa += 1;
    }
    // an army with a name of its own is armed group ("Kosovo Liberation
    // Army", "Provisional Irish Republican Army"), unless the name starts
    // with a demonym ("Colombian National Army": the state's army)
    let demonym_first = info.at[wa].is_some_and(|m| doc.mentions[m].form == Form::Demonym);
    let kind = if named_body && !demonym_first {
        EntityKind::Militia
    } else {
        kind
    };
    let mut wb = b;
    // "Khwaja Omari District of Ghazni": a place named before its head word
    // is in the place after "of", not named by it ("City of London" is)
    let named_place = kind == EntityKind::Place && b - a >= 2;
    while !named_place && wb + 1 < n && matches!(info.word(wb), "of" | "for") {
        let mut k = wb + 1;
        if info.word(k) == "the" {
            k += 1;
        }
        let mut e = k;
        while e < n {
            match place(e) {
                Some(_) if state_body => return None,
                Some(m) if doc.mentions[m].tokens.0 == e => e = doc.mentions[m].tokens.1,
                None if free_cap(e) => e += 1,
                _ => break,
            }
        }
        if e == k {
            break;
        }
        wb = e;
    }
    // something was taken in: a place or state, or a name after "of"
    let inside = (wa..wb).any(|k| place(k).is_some()) || wb > b;
    inside.then_some((wa, wb, kind))
}

/// Whether a span the name tagger found may be added as a new name: several
/// capitalised words, or one word of five letters or more that is not the
/// surname of a person the article names (those join the person later) nor
/// an acronym (they are defined in parentheses, or are not names).
fn plausible_name(doc: &ParsedArticle, s: usize, x: usize, y: usize) -> bool {
    let first = doc.tok(s, x);
    let last = doc.tok(s, y - 1);
    if !is_cap(first) || !is_cap(last) {
        return false;
    }
    if y - x >= 2 {
        return true;
    }
    let acronym = first
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let surname = doc.entities.iter().any(|e| {
        e.kind == EntityKind::Person && e.label.split_whitespace().skip(1).any(|p| p == first)
    });
    first.chars().count() >= 5 && !acronym && !surname
}

/// Whether word `x` opens sentence `s` (after quotes or a dash) and is a
/// common word written with a capital because it opens the sentence
/// ("Trucks waited", "Amateur video showed"): the part-of-speech tagger
/// knows its lower-case form and, reading the sentence with it, does not
/// call it a proper noun.
fn common_word_first(doc: &ParsedArticle, s: usize, x: usize) -> bool {
    if (0..x).any(|k| doc.sentences[s].tokens[k].kind != TokenKind::Punct) {
        return false;
    }
    let Ok(model) = crate::syntax::Model::builtin() else {
        return false;
    };
    let lower = doc.tok(s, x).to_lowercase();
    let forms = (0..doc.len(s)).map(|k| {
        if k == x {
            lower.as_str()
        } else {
            doc.tok(s, k)
        }
    });
    let words = model.tagger.prepare(forms);
    let tags = model.tagger.tag(&words);
    model.tagger.tags[tags[x]].0 != "PROPN"
}

/// An organization the text shows is armed ("Maute militants", "the Ranao
/// Brigades fighters") is a militia.
fn armed(doc: &ParsedArticle, lex: &Lexicon, s: usize, end: usize, kind: EntityKind) -> EntityKind {
    let next = (end < doc.len(s)).then(|| doc.info[s].word(end));
    let armed_noun = next
        .is_some_and(|w| lex.words.armed_nouns.contains(w) || lex.words.militia_heads.contains(w));
    if kind == EntityKind::Organization && armed_noun {
        EntityKind::Militia
    } else {
        kind
    }
}

/// "Ahmed Umar and Mahad Karate", "Ali Haji, Omar Dere and Yusuf Gure": a
/// name of two or three capitalised words that "and" or a comma joins to a
/// person's name right before it is a person too (conjuncts are of one
/// kind), whatever the tagger guessed, unless its last word is the head word
/// of a body, a place or a group ("Ali Haji and Dere University").
fn coordinated_person(doc: &ParsedArticle, lex: &Lexicon, s: usize, x: usize, y: usize) -> bool {
    if !(2..=3).contains(&(y - x)) || x < 2 || !(x..y).all(|k| is_cap(doc.tok(s, k))) {
        return false;
    }
    if !matches!(doc.tok(s, x - 1), "and" | ",") || bare_word(lex, doc.info[s].word(y - 1)) {
        return false;
    }
    doc.info[s].at[x - 2].is_some_and(|m| {
        doc.mentions[m].tokens.1 == x - 1 && name_kind(doc, m) == Some(EntityKind::Person)
    })
}

/// "Kidal, a town in northern Mali", "Madagiz, the village", "Nyala is the
/// capital of Y": a name followed by an apposition or a copula whose
/// predicate's head is a place noun is a place, whatever kind the tagger
/// guessed. The phrase is a comma or a form of "be", a determiner and at most
/// three lower-case words ending in the head, which the phrase's end (a
/// preposition, a comma or the sentence's end) must follow.
fn appositive_place(doc: &ParsedArticle, lex: &Lexicon, s: usize, end: usize) -> bool {
    let info = &doc.info[s];
    let n = doc.len(s);
    if end + 2 >= n
        || (doc.tok(s, end) != "," && !lex.words.be_forms.contains(info.word(end)))
        || !lex.words.determiners.contains(info.word(end + 1))
    {
        return false;
    }
    (end + 2..n.min(end + 5))
        .take_while(|&k| !is_cap(doc.tok(s, k)))
        .any(|k| {
            let closes = k + 1 == n
                || lex.words.prepositions.contains(info.word(k + 1))
                || matches!(doc.tok(s, k + 1), "," | "." | ";");
            lex.words.place_heads.contains(info.word(k)) && closes
        })
}

/// Whether "in" at token `end` of sentence `s` opens a province, state or
/// district of a country that the article names as a place ("in Borno
/// state", "in the Helmand province", "in northern Idlib province").
fn in_subdivision(doc: &ParsedArticle, lex: &Lexicon, s: usize, end: usize) -> bool {
    let info = &doc.info[s];
    let n = doc.len(s);
    if end + 1 >= n || doc.tok(s, end) != "in" {
        return false;
    }
    let mut k = end + 1;
    if info.word(k) == "the" {
        k += 1;
    }
    if k < n && !is_cap(doc.tok(s, k)) && lex.words.region_prefixes.contains(info.word(k)) {
        k += 1;
    }
    let heads = &lex.words.subdivision_heads;
    let lower_head = |e: usize| e < n && !is_cap(doc.tok(s, e)) && heads.contains(info.word(e));
    match info.at.get(k).copied().flatten() {
        Some(m) => {
            let (a, b) = doc.mentions[m].tokens;
            a == k
                && name_kind(doc, m) == Some(EntityKind::Place)
                && (heads.contains(info.word(b - 1)) || lower_head(b))
        }
        // a name not typed yet ("in Borno state")
        None => {
            let mut e = k;
            while e < n && e < k + 3 && is_cap(doc.tok(s, e)) && name_token(doc, lex, s, e) {
                e += 1;
            }
            e > k && lower_head(e)
        }
    }
}

/// Whether the article already names a person whose name ends in `word`.
fn known_person_word(doc: &ParsedArticle, word: &str) -> bool {
    doc.entities.iter().any(|e| {
        e.kind == EntityKind::Person
            && e.label
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// The kind of the entity a name mention (not a demonym or pronoun) names.
fn name_kind(doc: &ParsedArticle, m: usize) -> Option<EntityKind> {
    let mention = &doc.mentions[m];
    (mention.form == Form::Name)
        .then_some(mention.entity)
        .flatten()
        .map(|e| doc.entities[e].kind)
}

/// Mention `m` of sentence `s` grows to tokens `[a, b)` (taking in one
/// token next to it) and names a new entity of `kind` there.
fn grow_mention(
    doc: &mut ParsedArticle,
    s: usize,
    m: usize,
    (a, b): (usize, usize),
    kind: EntityKind,
) {
    let label = doc.span_text(s, a, b).to_string();
    let e = doc.intern_name(&label, kind);
    doc.mentions[m].entity = Some(e);
    doc.mentions[m].tokens = (a, b);
    for t in a..b {
        doc.info[s].at[t] = Some(m);
    }
}

/// "Northern Ireland", "West Africa", "Upper Nile": a capitalised compass
/// or region word right before a known place or state names a region of
/// its own, not the place.
fn regional_name(doc: &mut ParsedArticle, lex: &Lexicon, s: usize, a: usize) -> bool {
    if !lex.words.region_prefixes.contains(doc.info[s].word(a)) || !is_cap(doc.tok(s, a)) {
        return false;
    }
    let Some(m) = doc.info[s].at.get(a + 1).copied().flatten() else {
        return false;
    };
    let place = doc.mentions[m].tokens.0 == a + 1
        && matches!(
            name_kind(doc, m),
            Some(EntityKind::Place | EntityKind::State)
        );
    if place {
        let end = doc.mentions[m].tokens.1;
        grow_mention(doc, s, m, (a, end), EntityKind::Place);
    }
    place
}

/// "Rafah Crossing", "Baghdad Airport", "Sinai Command": a capitalised head
/// word right after a known place name makes a new name, not the place.
fn extend_known_place(doc: &mut ParsedArticle, lex: &Lexicon, s: usize, a: usize) -> bool {
    let head = doc.info[s].word(a).to_string();
    let kind = if lex.words.place_heads.contains(head.as_str()) {
        EntityKind::Place
    } else if lex.words.organization_heads.contains(head.as_str()) {
        EntityKind::Organization
    } else {
        return false;
    };
    let Some(m) = a.checked_sub(1).and_then(|p| doc.info[s].at[p]) else {
        return false;
    };
    let known_place = name_kind(doc, m) == Some(EntityKind::Place);
    if known_place {
        let start = doc.mentions[m].tokens.0;
        grow_mention(doc, s, m, (start, a + 1), kind);
    }
    known_place
}

/// The title right before token `a` (possibly after an honorific), if any.
fn title_before(doc: &ParsedArticle, s: usize, a: usize) -> Option<usize> {
    if a == 0 {
        return None;
    }
    doc.info[s].title_at[a - 1].map(|t| doc.info[s].titles[t].title)
}

/// A title after ", " following the name ("Kurilla, U.S. Central Command Commander").
pub(crate) fn title_after(doc: &ParsedArticle, s: usize, b: usize) -> Option<(usize, usize)> {
    if b >= doc.len(s) || doc.tok(s, b) != "," {
        return None;
    }
    let mut k = b + 1;
    let limit = (b + 8).min(doc.len(s));
    while k < limit {
        if let Some(t) = doc.info[s].title_at[k] {
            return Some((t, k));
        }
        let w = doc.info[s].word(k);
        if doc.info[s].at[k].is_none() && !matches!(w, "the" | "-") && !is_cap(doc.tok(s, k)) {
            return None;
        }
        k += 1;
    }
    None
}

/// Decides the kind of an unknown name at `[a, b)`; the second value is where
/// the mention ends (past a lower-case head word like "province").
fn type_name(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    a: usize,
    b: usize,
) -> Option<(EntityKind, usize)> {
    let info = &doc.info[s];
    let words = &lex.words;
    let first = info.word(a);
    let last = info.word(b - 1);
    let len = b - a;
    // words, with inner hyphens ("Wissam al-Tawil") but no digits or other marks
    let plain =
        (a..b).all(|k| doc.sentences[s].tokens[k].kind == TokenKind::Word || doc.tok(s, k) == "-");
    // "the Battle of X" and the like: only the head decides
    if words.organization_heads.contains(last) && len >= 2 {
        return Some((EntityKind::Organization, b));
    }
    // "the Colombian National Army" is the state's army (a state body)
    let of_state = a > 0
        && info.at[a - 1].is_some_and(|m| doc.mentions[m].form == Form::Demonym)
        && words.state_bodies.contains(last);
    if words.militia_heads.contains(last) && len >= 2 && !of_state {
        return Some((EntityKind::Militia, b));
    }
    // "a Shiite mosque", "the Coptic church" name no place
    let community = (a..b - 1).all(|k| words.communities.contains(info.word(k)));
    if words.place_heads.contains(last) && len >= 2 && !community {
        return Some((EntityKind::Place, b));
    }
    // "Kurdistan Regional Government", "Transitional Federal Government":
    // a state body's head after two words of its own names a body ("the
    // Federal Government" and "Iraqi Government" are the state's)
    if words.state_bodies.contains(last) && len >= 3 && !of_state && plain {
        return Some((EntityKind::Organization, b));
    }
    if words.militia_prefixes.contains(first) && len >= 2 {
        return Some((EntityKind::Militia, b));
    }
    if words.place_prefixes.contains(first) && len >= 2 && plain {
        return Some((EntityKind::Place, b));
    }
    if title_before(doc, s, a).is_some() || (a > 0 && words.honorifics.contains(info.word(a - 1))) {
        return Some((EntityKind::Person, b));
    }
    // "Palestinian activist Zaid Qudsi", "the journalist X"
    if a > 0 && words.person_nouns.contains(info.word(a - 1)) && (2..=4).contains(&len) && plain {
        return Some((EntityKind::Person, b));
    }
    if title_after(doc, s, b).is_some() && len >= 2 {
        return Some((EntityKind::Person, b));
    }
    // "its leader, Adnan Abu Walid, said": a title's apposition set off by commas
    let title_comma = a >= 2 && doc.tok(s, a - 1) == "," && info.title_at[a - 2].is_some();
    let closed = b >= doc.len(s) || matches!(doc.tok(s, b), "," | "." | ";" | ")");
    if title_comma && closed && len >= 2 && plain {
        return Some((EntityKind::Person, b));
    }
    // a lower-case head word after the name: "Anbar province", "Ain al-Asad airbase"
    if b < doc.len(s) && info.at[b].is_none() {
        let next = info.word(b);
        let head = words.place_heads.contains(next) || words.subdivision_heads.contains(next);
        if head && !is_cap(doc.tok(s, b)) {
            return Some((EntityKind::Place, b + 1));
        }
    }
    // "attacked Damasak in Borno state", "seized Musa Qala in Helmand
    // province": a name in a province is a town there (a person named
    // before one has a title, found above, or was named as a person before)
    if len <= 4
        && plain
        && in_subdivision(doc, lex, s, b)
        && !known_person_word(doc, info.word(b - 1))
    {
        return Some((EntityKind::Place, b));
    }
    if len >= 2 && words.given_names.contains(first) && plain {
        return Some((EntityKind::Person, b));
    }
    // "Osama bin Laden", "Abdullah ibn Saud": a patronymic inside the name
    if len >= 3 && (a + 1..b - 1).any(|k| words.patronymics.contains(info.word(k))) {
        return Some((EntityKind::Person, b));
    }
    // "Tikrit, Iraq", "Goma, Congo": a name before a comma and a state is a
    // place in it (the dateline and news style)
    // and so is the first of a chain "Damasak, Borno State, Nigeria"
    if plain && len <= 3 && b + 1 < doc.len(s) && doc.tok(s, b) == "," {
        let state_at = |k: usize| {
            k < doc.len(s)
                && info.at[k].is_some_and(|m| {
                    doc.mentions[m].tokens.0 == k
                        && doc.mentions[m]
                            .entity
                            .is_some_and(|e| doc.entities[e].kind == EntityKind::State)
                })
        };
        // a capitalised name of at most three words, a comma, a state
        let chain = (b + 2..(b + 5).min(doc.len(s))).any(|c| {
            doc.tok(s, c) == "," && (b + 1..c).all(|k| is_cap(doc.tok(s, k))) && state_at(c + 1)
        });
        if state_at(b + 1) || chain {
            return Some((EntityKind::Place, b));
        }
    }
    // "the northern town of Bir al-Abed", "the port city of Hodeidah", and
    // the name with an apposition or predicate that makes it a place
    let place_of = a >= 2
        && info.word(a - 1) == "of"
        && !is_cap(doc.tok(s, a - 2))
        && words.place_heads.contains(info.word(a - 2));
    if plain && len <= 4 && (place_of || appositive_place(doc, lex, s, b)) {
        return Some((EntityKind::Place, b));
    }
    let speech_after = b < doc.len(s) && words.speech_verbs.contains(info.word(b));
    let speech_before = a > 0 && words.speech_verbs.contains(info.word(a - 1));
    if (speech_after || speech_before) && (2..=4).contains(&len) && plain {
        return Some((EntityKind::Person, b));
    }
    None
}

fn add_name(doc: &mut ParsedArticle, s: usize, a: usize, b: usize, end: usize, kind: EntityKind) {
    let label = doc.span_text(s, a, b).to_string();
    let ent = doc.intern_name(&label, kind);
    if end > b {
        let with_head = doc.span_text(s, a, end).to_string();
        doc.entities[ent].aliases.push(with_head);
    }
    if let Some(t) = title_before(doc, s, a) {
        doc.entities[ent].titles.push(t);
    }
    doc.add_mention(Mention {
        sentence: s,
        tokens: (a, end),
        entity: Some(ent),
        form: Form::Name,
    });
}

/// Surname-only people ("Prime Minister Al-Sudani", an unlisted "Sudani"
/// of any kind) join the full name
/// the article gives elsewhere ("Mohammed Shia Al-Sudani").
fn unify_people(doc: &mut ParsedArticle, lex: &Lexicon) {
    let fold = |s: &str| {
        s.to_lowercase()
            .trim_start_matches("al-")
            .trim_start_matches("el-")
            .to_string()
    };
    // folded surname → the first multi-word person with it
    let mut by_surname: HashMap<String, usize> = HashMap::default();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == EntityKind::Person && e.label.split_whitespace().count() > 1 {
            if let Some(last) = e.label.split_whitespace().last() {
                by_surname.entry(fold(last)).or_insert(i);
            }
        }
    }
    // folded first name → the multi-word persons with it, and how many
    let mut by_first: HashMap<String, (usize, usize)> = HashMap::default();
    for (i, e) in doc.entities.iter().enumerate() {
        let mut words = e.label.split_whitespace();
        if let (EntityKind::Person, Some(first), Some(_)) = (e.kind, words.next(), words.next()) {
            by_first.entry(fold(first)).or_insert((i, 0)).1 += 1;
        }
    }
    let mut redirect: HashMap<usize, usize> = HashMap::default();
    // a name of one word the lexicon does not list, which the tagger typed
    // otherwise in some sentence ("Sudani's office" a place), is the person
    // too when it is their surname
    let listed = |id: &str| lex.entities.iter().any(|l| l.id == id);
    for (short, e) in doc.entities.iter().enumerate() {
        let person = e.kind == EntityKind::Person || !(e.unnamed || listed(&e.id));
        if person && e.label.split_whitespace().count() == 1 {
            if let Some(&long) = by_surname.get(&fold(&e.label)) {
                redirect.insert(short, long);
            } else if let Some(&(long, 1)) = by_first.get(&fold(&e.label)) {
                // "(no relation to Álvaro)" after "Álvaro Uribe": the first
                // name of the one person the article gives it
                redirect.insert(short, long);
            }
        }
    }
    if redirect.is_empty() {
        return;
    }
    for m in doc.mentions.iter_mut() {
        if let Some(&long) = m.entity.as_ref().and_then(|e| redirect.get(e)) {
            m.entity = Some(long);
        }
    }
    let mut moves: Vec<(usize, usize)> = redirect.into_iter().collect();
    moves.sort();
    for (short, long) in moves {
        let titles = std::mem::take(&mut doc.entities[short].titles);
        doc.entities[long].titles.extend(titles);
    }
}

/// "X (also known as Y)", "X, or Y": Y is another name of X, when both
/// are names of the same kind.
fn join_aliases(doc: &mut ParsedArticle, lex: &Lexicon) {
    for s in 0..doc.sentences.len() {
        for &m in &doc.info[s].mentions.clone() {
            let (Some(x), (_, b)) = (doc.mentions[m].entity, doc.mentions[m].tokens) else {
                continue;
            };
            if doc.mentions[m].form != Form::Name {
                continue;
            }
            let mut k = b;
            if k < doc.len(s) && ALIAS_OPENERS.contains(&doc.tok(s, k)) {
                k += 1;
            } else {
                continue;
            }
            let Some(len) = phrase_at(&doc.info[s], k, &lex.words.alias_markers) else {
                continue;
            };
            let Some(o) = doc.info[s].at.get(k + len).copied().flatten() else {
                continue;
            };
            let Some(y) = doc.mentions[o].entity else {
                continue;
            };
            if y == x
                || doc.entities[y].kind != doc.entities[x].kind
                || doc.mentions[o].form != Form::Name
            {
                continue;
            }
            let label = doc.entities[y].label.clone();
            for mm in doc.mentions.iter_mut() {
                if mm.entity == Some(y) {
                    mm.entity = Some(x);
                }
            }
            doc.entities[x].aliases.push(label);
        }
    }
}

/// Short forms of the article's names: surnames of people and acronyms
/// defined in parentheses or between commas.
fn short_forms(doc: &mut ParsedArticle, lex: &Lexicon) -> HashMap<String, usize> {
    let mut map: HashMap<String, usize> = HashMap::default();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind != EntityKind::Person {
            continue;
        }
        let parts: Vec<&str> = e.label.split_whitespace().collect();
        if parts.len() < 2 {
            continue;
        }
        let last = parts[parts.len() - 1];
        let mut keys = vec![last.to_string(), e.label.clone()];
        if parts.len() >= 3 {
            keys.push(format!("{} {}", parts[0], last));
        }
        for (pre, alt) in [
            ("Al-", "al-"),
            ("al-", "Al-"),
            ("El-", "el-"),
            ("el-", "El-"),
        ] {
            if let Some(rest) = last.strip_prefix(pre) {
                keys.push(format!("{alt}{rest}"));
                keys.push(rest.to_string());
            }
        }
        for k in keys {
            if k.len() > 2 && !lex.words.function_words.contains(&k.to_lowercase()) {
                map.entry(k).or_insert(i);
            }
        }
    }
    // acronyms defined in the text: "Popular Mobilization Forces (PMF)", "..., IRGC, and"
    for s in 0..doc.sentences.len() {
        let n = doc.len(s);
        for &m in &doc.info[s].mentions.clone() {
            let (Some(e), (_, b)) = (doc.mentions[m].entity, doc.mentions[m].tokens) else {
                continue;
            };
            if !matches!(doc.mentions[m].form, Form::Name) || b + 2 >= n {
                continue;
            }
            let open = doc.tok(s, b);
            // "X (also known as Y)", "X — also known as Y —"
            let marker = phrase_at(&doc.info[s], b + 1, &lex.words.alias_markers)
                .filter(|_| ALIAS_OPENERS.contains(&open));
            let Some((acro, end)) = acronym_at(doc, s, b + 1 + marker.unwrap_or(0)) else {
                continue;
            };
            let close = if end < n { doc.tok(s, end) } else { "" };
            let defined = (open == "(" && close == ")")
                || (open == "," && close == ",")
                || (marker.is_some() && matches!(close, ")" | "," | "—" | "–" | "." | ";" | ""));
            if defined && (b + 1..end).all(|k| doc.info[s].at[k].is_none()) {
                map.insert(acro, e);
            }
        }
    }
    map
}

/// Marks the short forms found by [`short_forms`] wherever they occur.
fn known_short_forms(
    doc: &mut ParsedArticle,
    lex: &Lexicon,
    map: &HashMap<String, usize>,
    s: usize,
) {
    if map.is_empty() {
        return;
    }
    let n = doc.len(s);
    let mut i = 0;
    while i < n {
        if doc.info[s].at[i].is_some() || !is_cap(doc.tok(s, i)) {
            i += 1;
            continue;
        }
        // longest stretch of up to 6 tokens that is a known form
        let mut hit = None;
        for j in (i + 1..=(i + 6).min(n)).rev() {
            if (i..j).any(|k| doc.info[s].at[k].is_some()) {
                continue;
            }
            if let Some(&e) = map.get(doc.span_text(s, i, j)) {
                if j == n || !is_cap(doc.tok(s, j)) || doc.tok(s, j) == "-" {
                    hit = Some((j, e));
                    break;
                }
            }
        }
        // "Haqqani terrorists": a person's surname before a noun for armed
        // men names their group, not the person
        let hit = hit.filter(|&(j, e)| {
            doc.entities[e].kind != EntityKind::Person
                || j >= n
                || !lex.words.armed_nouns.contains(doc.info[s].word(j))
        });
        match hit {
            Some((j, e)) => {
                doc.add_mention(Mention {
                    sentence: s,
                    tokens: (i, j),
                    entity: Some(e),
                    form: Form::Name,
                });
                i = j;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String, EntityKind)> {
        let lex = Lexicon::embedded();
        let mut doc = ParsedArticle::new("t", text, None, lex);
        find(&mut doc, lex);
        let mut out = Vec::new();
        for m in &doc.mentions {
            if let Some(e) = m.entity {
                let (a, b) = m.tokens;
                out.push((
                    doc.span_text(m.sentence, a, b).to_string(),
                    doc.entities[e].id.clone(),
                    doc.entities[e].kind,
                ));
            }
        }
        out
    }

    #[test]
    fn a_patronymic_inside_a_name_makes_a_person() {
        // type_name decides before the tagger's kind, whatever the context
        let lex = Lexicon::embedded();
        let doc = ParsedArticle::new(
            "t",
            "Money came from Saad Bin Qasim and Nura bint Adil.",
            None,
            lex,
        );
        assert_eq!(type_name(&doc, lex, 0, 3, 6), Some((EntityKind::Person, 6)));
        assert_eq!(
            type_name(&doc, lex, 0, 7, 10),
            Some((EntityKind::Person, 10))
        );
        // at the edge of a name it is no patronymic
        assert_ne!(
            type_name(&doc, lex, 0, 4, 6).map(|t| t.0),
            Some(EntityKind::Person)
        );
    }

    fn has(
        found: &[(String, String, EntityKind)],
        surface: &str,
        id: &str,
        kind: EntityKind,
    ) -> bool {
        found
            .iter()
            .any(|(s, i, k)| s == surface && i == id && *k == kind)
    }

    #[test]
    fn translations_designations_and_ships_are_no_names() {
        use EntityKind::*;
        // a translation in parentheses is the name before it, not another
        let found = names(
            "The Freedom Brigade (Arabic: Liwa al-Hurriya, The Brigade of the Free; \
             literally Banner of Freedom) is a militia in Syria.",
        );
        assert!(has(&found, "Syria", "syria", State), "{found:?}");
        assert!(
            found.iter().all(|(s, _, _)| !s.contains("Liwa")
                && !s.contains("of the Free")
                && !s.contains("Banner")),
            "{found:?}"
        );
        // a parenthesis that is no translation still gives names
        let found = names("The group (backed by Iran) attacked Israel.");
        assert!(has(&found, "Iran", "iran", State), "{found:?}");
        // designations and ships are written like names but are none
        let found = names(
            "The Department designated Abu Karim as a Specially Designated Global \
             Terrorist and the group as a Foreign Terrorist Organization after the USS Mason \
             was fired on near Yemen.",
        );
        assert!(
            found.iter().all(|(s, _, _)| !s.contains("Specially")
                && !s.contains("Foreign")
                && !s.contains("Mason")),
            "{found:?}"
        );
        assert!(has(&found, "Yemen", "yemen", State), "{found:?}");
        // a month after a brand's "in" is a date, not a branch
        let found = names("He pledged allegiance to ISIS in May 2015.");
        assert!(has(&found, "ISIS", "daesh", Militia), "{found:?}");
    }

    #[test]
    fn where_a_group_is_is_not_its_name() {
        use EntityKind::*;
        // "ISIS in Syria": a brand in a state is the brand, located there
        let found = names("Jets struck ISIS in Syria on Monday.");
        assert!(has(&found, "ISIS", "daesh", Militia), "{found:?}");
        assert!(has(&found, "Syria", "syria", State), "{found:?}");
        // a state's army is the state, not a militia named "National Army"
        let found = names("The Colombian National Army moved north.");
        assert!(found.iter().all(|(_, _, k)| *k != Militia), "{found:?}");
        // an acronym whose long form no rule can type adds no name
        let found = names("They are Specially Designated Global Terrorists (SDGT) now.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn long_forms_of_acronyms() {
        let lex = Lexicon::embedded();
        let doc = ParsedArticle::new(
            "t",
            "Agents of the Inter-Services Intelligence (ISI) met.",
            None,
            lex,
        );
        let open = (0..doc.len(0)).find(|&k| doc.tok(0, k) == "(").unwrap();
        let a = long_form_start(&doc, 0, open, "ISI").unwrap();
        assert_eq!(doc.span_text(0, a, open), "Inter-Services Intelligence");
        // letters that are not there: no long form
        assert_eq!(long_form_start(&doc, 0, open, "XQZ"), None);
    }

    #[test]
    fn mention_table() {
        use EntityKind::*;
        type Row<'a> = (&'a str, &'a [(&'a str, &'a str, EntityKind)]);
        let rows: &[Row] = &[
            // 1: gazetteer, demonym, title cue
            ("Iraqi Prime Minister Jalal Qaderi met reporters.", &[("Iraqi", "iraq", State), ("Jalal Qaderi", "jalal-qaderi", Person)]),
            // 2: all-caps dateline
            ("AMMAN – Jordan closed its border.", &[("AMMAN", "amman", Place), ("Jordan", "jordan", State)]),
            // 3: lower-case common words are not names
            ("The us and them of it.", &[]),
            // 4: surname after the full name
            ("Foreign Minister Layla Haddad spoke. Haddad left.", &[("Layla Haddad", "layla-haddad", Person), ("Haddad", "layla-haddad", Person)]),
            // 5: head words
            ("The Senate Armed Services Committee met the Tigris Brigades near the Zubair Crossing.", &[
                ("Senate Armed Services Committee", "senate-armed-services-committee", Organization),
                ("Tigris Brigades", "tigris-brigades", Militia),
                ("Zubair Crossing", "zubair-crossing", Place),
            ]),
            // 6: acronym defined in the text
            ("The Northern Shield Brigades (NSB) struck. Later the NSB withdrew.", &[
                ("Northern Shield Brigades", "northern-shield-brigades", Militia),
                ("NSB", "northern-shield-brigades", Militia),
            ]),
            // 7: unnamed groups
            ("Iran-aligned militias fired rockets.", &[("Iran", "iran", State), ("militias", "militias", Militia)]),
            // 8: a head word after a known place names a new place
            ("Trucks waited at the Rafah Crossing near Rafah.", &[("Rafah Crossing", "rafah-crossing", Place), ("Rafah", "rafah", Place)]),
            // 9: a frequent given name (US Census list) marks a person
            ("Officials including Nancy Pelosi attended.", &[("Nancy Pelosi", "nancy-pelosi", Person)]),
            // 10: speech verb
            ("\"We will respond,\" said Omar Farouq.", &[("Omar Farouq", "omar-farouq", Person)]),
            // a capitalised noun for armed men is no name; "the town of X",
            // "X is the capital of Y" make places
            ("Gunmen stormed the village of Tal Ahmar.", &[("Tal Ahmar", "tal-ahmar", Place)]),
            ("Qarnak is the capital of the region.", &[("Qarnak", "qarnak", Place)]),
            // 11: curly apostrophes and Unicode hyphens match the lexicon's spelling
            ("Kata\u{2019}ib Hizballah and al\u{2011}Qaeda were named.", &[
                ("Kata\u{2019}ib Hizballah", "kataib-hezbollah", Militia),
                ("al\u{2011}Qaeda", "al-qaeda", Militia),
            ]),
            // 12: an acronym's long form is one name, known places inside it too
            ("The Niger Basin Water Agency (NBWA) objected.", &[("Niger Basin Water Agency", "niger-basin-water-agency", Organization), ("NBWA", "niger-basin-water-agency", Organization)]),
            // 13: a regional branch of a listed brand is a group of its own
            ("Fighters of al-Qaeda in the Lake Region attacked.", &[("al-Qaeda in the Lake Region", "al-qaeda-in-the-lake-region", Militia)]),
            // 14: a given name before a town's name is a person
            ("It was founded by Ali Kano in Sudan.", &[("Ali Kano", "ali-kano", Person), ("Sudan", "sudan", State)]),
            // 15: a compass word makes a region of its own
            ("Rain fell on Northern Jordan and West Africa.", &[("Northern Jordan", "northern-jordan", Place), ("West Africa", "west-africa", Place)]),
            // 16: a body's name takes in the demonym or state written into it
            ("The Jordanian Water Ministry and the Police Service of Kenya replied.", &[
                ("Jordanian Water Ministry", "jordanian-water-ministry", Organization),
                ("Police Service of Kenya", "police-service-of-kenya", Organization),
            ]),
            // 17: a name in apposition with a place noun is a place, whatever the tagger guessed
            ("Forces entered Zarqalin, a village near the border.", &[("Zarqalin", "zarqalin", Place)]),
            // 18: capitalised words joined by "and" before a body's head are one name
            ("Fighters of the Unity and Renewal Movement crossed over.", &[("Unity and Renewal Movement", "unity-and-renewal-movement", Militia)]),
            // 19: a state's alias does not take the start of a longer name; an army with a name of its own is armed
            ("The Sudan Liberation Movement and the Zorland Liberation Army clashed.", &[
                ("Sudan Liberation Movement", "sudan-liberation-movement", Militia),
                ("Zorland Liberation Army", "zorland-liberation-army", Militia),
            ]),
            // 20: a head word alone, a month or a community is no name
            ("The Department said Muslims and Catholics met in June.", &[]),
            // 21: a longer alias the capitals rule out leaves the shorter name
            ("He led the Abu Sayyaf group.", &[("Abu Sayyaf", "abu-sayyaf", Militia)]),
        ];
        // Each wanted name is expected at every place its words stand in the
        // text (whole words, not inside a longer wanted name), with its id
        // and kind; the mentions found must be exactly those (pronouns aside).
        let lex = Lexicon::embedded();
        let word_at = |text: &str, a: usize, b: usize| {
            let before = text[..a].chars().next_back();
            let after = text[b..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        };
        let mut failures = Vec::new();
        for (i, (text, want)) in rows.iter().enumerate() {
            let row = i + 1;
            let places = |surface: &str| -> Vec<(usize, usize)> {
                text.match_indices(surface)
                    .map(|(a, s)| (a, a + s.len()))
                    .filter(|&(a, b)| word_at(text, a, b))
                    .collect()
            };
            let mut expected = std::collections::BTreeSet::new();
            for (surface, id, kind) in *want {
                let spans = places(surface);
                assert!(!spans.is_empty(), "row {row}: {surface} is not in the text");
                for (a, b) in spans {
                    let inside_longer = want.iter().any(|(other, _, _)| {
                        other.len() > surface.len()
                            && places(other).iter().any(|&(x, y)| x <= a && b <= y)
                    });
                    if !inside_longer {
                        expected.insert((a, b, id.to_string(), *kind));
                    }
                }
            }
            let mut doc = ParsedArticle::new("t", text, None, lex);
            find(&mut doc, lex);
            let mut found = std::collections::BTreeSet::new();
            for m in &doc.mentions {
                let Some(e) = m.entity else { continue };
                let (a, b) = doc.byte_span(m.sentence, m.tokens.0, m.tokens.1);
                let pronoun = lex
                    .words
                    .pronouns
                    .contains_key(text[a..b].to_lowercase().as_str());
                if !pronoun {
                    found.insert((a, b, doc.entities[e].id.clone(), doc.entities[e].kind));
                }
            }
            for (a, b, id, kind) in expected.difference(&found) {
                failures.push(format!(
                    "row {row}: missing {:?} {a}..{b} {id} {kind}",
                    &text[*a..*b]
                ));
            }
            for (a, b, id, kind) in found.difference(&expected) {
                failures.push(format!(
                    "row {row}: unexpected {:?} {a}..{b} {id} {kind}",
                    &text[*a..*b]
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
