//! The relations of an analysed article, read from the parse of each sentence
//! that may hold one.

use super::{read_in_context, Anchor, Candidate, Construction, Drop, PriorEvent, TitleAnchor};
use crate::entity::EntityKind;
use crate::lexicon::Lexicon;
use crate::syntax::{ParsedSentence, Word};
use crate::text::parsed::ParsedArticle;

/// Parses a sentence in place: fills lemma, part of speech, head and label of
/// words whose forms and spans are given.
pub type ParseFn<'p> = dyn Fn(&mut ParsedSentence) + Sync + 'p;

/// The MISC mark of a word that stands for a whole name of several tokens
/// while the sentence is parsed.
pub const NAME_MARK: &str = "Name";

/// Parses `ps` with each span of `names` (token ranges of two tokens or
/// more, in order, not overlapping) read as one word, as spaCy's
/// `merge_entities` does: a parser trained on web text reads "al-Qaeda's
/// Ayman al-Zawahiri" as two proper nouns, not as seven tokens. Each span
/// comes with the word it is read as (a stand-in of its kind the parser
/// knows well, `name_stand_ins` in words.ron) and carries [`NAME_MARK`] so
/// the parse function can fix it a proper noun. Afterwards every token is a
/// word again: a name's first token takes the merged word's part of speech,
/// head and label, the others hang on it as `flat` (punctuation as
/// `punct`), as UD writes names.
pub(crate) fn parse_with_names(
    ps: &mut ParsedSentence,
    names: &[(usize, usize, &str)],
    parse: &ParseFn,
) {
    let n = ps.words.len();
    // token -> merged word
    let mut to_merged = Vec::with_capacity(n);
    let mut merged = ParsedSentence {
        newdoc: ps.newdoc.clone(),
        id: ps.id.clone(),
        text: ps.text.clone(),
        words: Vec::with_capacity(n),
    };
    let mut starts = Vec::with_capacity(n);
    let mut k = 0;
    // a one-word name is not merged but is a proper noun all the same
    // ("continues to give LeT help": not the verb "let")
    let single: Vec<usize> = names
        .iter()
        .filter(|&&(a, b, _)| b == a + 1 && b <= n)
        .map(|&(a, _, _)| a)
        .collect();
    let mut spans = names
        .iter()
        .copied()
        .filter(|&(a, b, _)| b >= a + 2 && b <= n)
        .peekable();
    while k < n {
        let (group, form) = match spans.peek() {
            Some(&(a, b, stand_in)) if a == k => {
                spans.next();
                (b, stand_in.to_string())
            }
            Some(&(a, _, _)) if a < k => {
                spans.next();
                continue;
            }
            _ => (k + 1, ps.words[k].form.clone()),
        };
        let misc = if group > k + 1 || single.contains(&k) {
            NAME_MARK
        } else {
            "_"
        };
        merged.words.push(Word {
            form,
            span: ps.words[k].span,
            misc: misc.into(),
            ..Word::default()
        });
        starts.push(k);
        to_merged.extend(std::iter::repeat_n(merged.words.len() - 1, group - k));
        k = group;
    }
    parse(&mut merged);
    for (t, &m) in to_merged.iter().enumerate() {
        let mw = &merged.words[m];
        let first = starts[m];
        let w = &mut ps.words[t];
        if t == first {
            w.upos.clone_from(&mw.upos);
            w.xpos.clone_from(&mw.xpos);
            w.deprel.clone_from(&mw.deprel);
            w.head = match mw.head {
                0 => 0,
                h => starts[h as usize - 1] as u32 + 1,
            };
            w.lemma = if t + 1 < to_merged.len() && to_merged[t + 1] == m {
                w.form.clone()
            } else {
                mw.lemma.clone()
            };
        } else {
            let punct = !w.form.chars().any(char::is_alphanumeric);
            w.upos = if punct { "PUNCT" } else { "PROPN" }.into();
            w.xpos = if punct { "HYPH" } else { "NNP" }.into();
            w.deprel = if punct { "punct" } else { "flat" }.into();
            w.head = first as u32 + 1;
            w.lemma = w.form.clone();
        }
    }
}

/// One sentence read: its parse, its anchors and every candidate.
#[derive(Clone, Debug)]
pub struct SentenceReading {
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// The parse (words are the article's tokens, one for one).
    pub parse: ParsedSentence,
    /// The mentions, as words.
    pub anchors: Vec<Anchor>,
    /// Every candidate, kept or dropped.
    pub candidates: Vec<Candidate>,
}

/// Whether sentence `s` may state a relation the parse can read: two
/// entities and a trigger word, or two entities of the kinds a relation
/// read by paths alone joins ("Kalu, Borno State": no trigger word). Only
/// those are parsed. With `prior` events, one entity is enough ("the
/// strikes on Y").
pub(crate) fn worth_parsing(doc: &ParsedArticle, lex: &Lexicon, s: usize, prior: bool) -> bool {
    let info = &doc.info[s];
    let mut first = None;
    let two = info.mentions.iter().any(|&m| match doc.entity_of(m) {
        Some(e) => *first.get_or_insert(e) != e,
        None => false,
    });
    if two && by_paths_alone(doc, lex, s) {
        return true;
    }
    (two || (prior && first.is_some()))
        && (0..info.len()).any(|k| {
            let w = info.word(k);
            lex.triggers.verbs.contains_key(w)
                || lex.triggers.nouns.contains_key(w)
                || lex.triggers.compounds.contains_key(w)
                || lex.triggers.prefixes.contains_key(w)
                || lex.triggers.adjectives.contains_key(w)
        })
}

/// Whether sentence `s` names two different entities of the kinds that a
/// relation type read by its paths alone (no trigger word) joins, by a path
/// that can be read there: a path that names its words ("{proxy|ally}")
/// needs one of them in the sentence; one without ("Erbil, Iraq": `>appos`)
/// or with a word list needs nothing.
fn by_paths_alone(doc: &ParsedArticle, lex: &Lexicon, s: usize) -> bool {
    let info = &doc.info[s];
    let entities: Vec<usize> = info
        .mentions
        .iter()
        .filter_map(|&m| doc.entity_of(m))
        .collect();
    let kind = |e: usize| doc.entities[e].kind;
    let has_word = |w: &String| (0..info.len()).any(|k| info.word(k) == w);
    lex.triggers.paths.iter().any(|(r, path)| {
        let readable = path
            .steps
            .iter()
            .all(|st| st.words.is_empty() || st.list.is_some() || st.words.iter().any(has_word));
        let r = &lex.relations[*r];
        readable
            && entities.iter().any(|&x| {
                r.allows_source(kind(x))
                    && entities.iter().any(|&y| y != x && r.allows_target(kind(y)))
            })
    })
}

/// Reads sentence `s` of `doc`: its tokens become the parse's words, its
/// resolved mentions the anchors.
pub(crate) fn read(
    doc: &ParsedArticle,
    lex: &Lexicon,
    s: usize,
    parse: &ParseFn,
    prior: &[PriorEvent],
) -> SentenceReading {
    let sent = &doc.sentences[s];
    let mut ps = ParsedSentence {
        newdoc: None,
        id: None,
        text: Some(sent.text(doc.text).to_string()),
        words: sent
            .tokens
            .iter()
            .map(|t| Word {
                form: t.text(doc.text).to_string(),
                span: Some((t.start, t.end)),
                ..Word::default()
            })
            .collect(),
    };
    let mut names: Vec<(usize, usize, &str)> = doc.info[s]
        .mentions
        .iter()
        .filter(|&&m| doc.mentions[m].form == crate::text::parsed::Form::Name)
        .filter_map(|&m| {
            let (a, b) = doc.mentions[m].tokens;
            let kind = doc.entities[doc.entity_of(m)?].kind;
            let stand_in = lex.words.name_stand_ins.get(&kind)?;
            Some((a, b, stand_in.as_str()))
        })
        .collect();
    names.sort_unstable();
    parse_with_names(&mut ps, &names, parse);
    let anchors: Vec<Anchor> = doc.info[s]
        .mentions
        .iter()
        .filter_map(|&m| {
            let e = doc.entity_of(m)?;
            Some(Anchor {
                words: doc.mentions[m].tokens,
                entity: e,
                kind: doc.entities[e].kind,
            })
        })
        .collect();
    place_chains(&mut ps, &anchors);
    name_lists(&mut ps, &anchors);
    nominal_conjuncts(&mut ps);
    reduced_relatives(&mut ps);
    active_agents(&mut ps);
    finite_nominals(&mut ps);
    relative_predicates(&mut ps);
    marked_arguments(&mut ps);
    stray_subjects(&mut ps, &anchors);
    possessives(&mut ps, &anchors);
    subdivision_nouns(&mut ps, &anchors, lex);
    let titles: Vec<TitleAnchor> = doc.info[s]
        .titles
        .iter()
        .map(|t| TitleAnchor {
            words: t.tokens,
            title: t.title,
        })
        .collect();
    title_appositions(&mut ps, &anchors, &titles);
    titled_names(&mut ps, &anchors, &titles);
    let mut candidates = read_in_context(&ps, &anchors, &titles, prior, lex);
    capitals_for_states(&mut candidates, doc, lex);
    SentenceReading {
        sentence: s,
        parse: ps,
        anchors,
        candidates,
    }
}

/// "Washington accused Tehran of ...", "Moscow condemned ...": a capital at
/// an end of a relation that allows no place there stands for its state,
/// when the article names that state too (never a state the article does
/// not name).
fn capitals_for_states(candidates: &mut [Candidate], doc: &ParsedArticle, lex: &Lexicon) {
    for c in candidates.iter_mut() {
        if c.dropped != Some(Drop::KindNotAllowed) {
            continue;
        }
        let r = &lex.relations[c.relation];
        let kind = |e: usize| doc.entities[e].kind;
        // the capital's state, where the end allows no place
        let state_for = |e: usize, allows: &dyn Fn(EntityKind) -> bool| {
            if kind(e) != EntityKind::Place || allows(EntityKind::Place) {
                return e;
            }
            lex.state_of_capital(&doc.entities[e].id)
                .and_then(|id| doc.entity_by_id(id))
                .unwrap_or(e)
        };
        let s = state_for(c.source, &|k| r.allows_source(k));
        let t = state_for(c.target, &|k| r.allows_target(k));
        if (s, t) != (c.source, c.target)
            && s != t
            && r.allows_source(kind(s))
            && r.allows_target(kind(t))
        {
            c.source = s;
            c.target = t;
            c.dropped = None;
        }
    }
}

/// The end of the longest run of anchors from `i` separated by single commas.
fn comma_run(ps: &ParsedSentence, anchors: &[Anchor], i: usize) -> usize {
    let mut j = i + 1;
    while j < anchors.len()
        && anchors[j - 1].words.1 + 1 == anchors[j].words.0
        && ps
            .words
            .get(anchors[j - 1].words.1)
            .is_some_and(|w| w.form == ",")
    {
        j += 1;
    }
    j
}

/// "in Omagh, County Tyrone, Northern Ireland": place names joined by
/// commas, each the place the one before lies in, are appositions, which a
/// parser trained on web text often reads as a list. Such a chain (places,
/// ending in a place or a state, and not closed by "and" or "or" as a list
/// is: [`name_lists`]) gets each name attached to the one before as
/// `appos`.
fn place_chains(ps: &mut ParsedSentence, anchors: &[Anchor]) {
    use crate::entity::EntityKind::{Place, State};
    let n = ps.words.len();
    let form = |k: usize| ps.words.get(k).map_or("", |w| w.form.as_str());
    let mut moves = Vec::new();
    let mut i = 0;
    while i < anchors.len() {
        let j = comma_run(ps, anchors, i);
        let run = &anchors[i..j];
        let after = run.last().map_or(n, |a| a.words.1);
        let list = matches!(form(after), "and" | "or")
            || (form(after) == "," && matches!(form(after + 1), "and" | "or"));
        let chain = run.len() >= 2
            && run[..run.len() - 1].iter().all(|a| a.kind == Place)
            && matches!(run[run.len() - 1].kind, Place | State)
            && run.windows(2).all(|w| w[0].entity != w[1].entity);
        if chain && !list {
            for w in run.windows(2) {
                let (a, b) = (head_in(ps, w[0].words), head_in(ps, w[1].words));
                moves.push((a, b, Some(w[1].words.0 - 1), "appos"));
            }
        }
        i = j;
    }
    // "Lahore, in Pakistan's Punjab province, ...": a place phrase set off
    // by a comma after a place modifies it
    for a in anchors {
        let e = a.words.1;
        if a.kind != Place || form(e) != "," || !matches!(form(e + 1), "in" | "inside") {
            continue;
        }
        // the word the preposition belongs to, a place's or a state's name
        let Some(y) = (ps.words[e + 1].head as usize).checked_sub(1) else {
            continue;
        };
        let named = anchors.iter().any(|b| {
            b.words.0 <= y && y < b.words.1 && b.words.0 > e && matches!(b.kind, Place | State)
        });
        let x = head_in(ps, a.words);
        if named && !(ps.words[y].head as usize == x + 1 && ps.words[y].deprel == "nmod") {
            moves.push((x, y, Some(e), "nmod"));
        }
    }
    attach(ps, moves);
}

/// "backed by the United States, India, Tajikistan, and Iran": names joined
/// by commas and closed by "and" or "or" are one list, whatever the parser
/// made of its members on a long sentence (appositions, or the last name a
/// conjunct of the verb). Each member becomes a `conj` of the first, as UD
/// writes a list. Two names ("Iran and Hezbollah") are fixed only when the
/// parser made the second a conjunct of some other word.
fn name_lists(ps: &mut ParsedSentence, anchors: &[Anchor]) {
    let form = |k: usize| ps.words.get(k).map_or("", |w| w.form.as_str());
    let conjunction = |k: usize| matches!(form(k), "and" | "or");
    let starts_at = |k: usize| anchors.iter().position(|a| a.words.0 == k);
    let mut moves = Vec::new();
    let mut joins = Vec::new();
    let mut i = 0;
    while i < anchors.len() {
        let j = comma_run(ps, anchors, i);
        let after = anchors[j - 1].words.1;
        let closed = conjunction(after) || (form(after) == "," && conjunction(after + 1));
        // the name after the conjunction, if it is one ("... and the camps"
        // still closes a list of the names before)
        let last = if !closed {
            None
        } else if conjunction(after) {
            starts_at(after + 1)
        } else {
            starts_at(after + 2)
        };
        let last = last.filter(|&l| l >= j);
        let mut members: Vec<&Anchor> = anchors[i..j].iter().collect();
        members.extend(last.map(|l| &anchors[l]));
        if !closed || members.len() < 2 {
            i = j;
            continue;
        }
        let a = head_in(ps, members[0].words);
        for b in &members[1..] {
            let h = head_in(ps, b.words);
            let w = &ps.words[h];
            let fine = w.deprel == "conj" && w.head as usize == a + 1;
            let wrong = if members.len() == 2 && last.is_some() {
                matches!(w.deprel.as_str(), "conj" | "appos") && !fine
            } else {
                !fine
            };
            if wrong {
                let before = b.words.0 - 1;
                let comma = (form(before) == ",").then_some(before);
                moves.push((a, h, comma, "conj"));
                if conjunction(before) {
                    joins.push((
                        before,
                        h,
                        (before > 0 && form(before - 1) == ",").then(|| before - 1),
                    ));
                }
            }
        }
        i = last.map_or(j, |l| l + 1);
    }
    attach(ps, moves);
    // the "and" (and the comma before it) belong to the last member
    for (cc, b, comma) in joins {
        ps.words[cc].head = b as u32 + 1;
        ps.words[cc].deprel = "cc".to_string();
        if let Some(c) = comma {
            ps.words[c].head = b as u32 + 1;
            ps.words[c].deprel = "punct".to_string();
        }
    }
}

/// "urged the RSF and the Sudanese army to talk": a noun after "and" that
/// the parser made a conjunct of the verb, with no subject or copula of its
/// own (so no clause), is a conjunct of the nominal before "and" that
/// depends on that verb.
fn nominal_conjuncts(ps: &mut ParsedSentence) {
    let mut moves = Vec::new();
    for b in 0..ps.words.len() {
        let w = &ps.words[b];
        let Some(h) = (w.head as usize).checked_sub(1) else {
            continue;
        };
        if w.deprel != "conj"
            || !matches!(w.upos.as_str(), "NOUN" | "PROPN")
            || ps.words[h].upos != "VERB"
            || h > b
        {
            continue;
        }
        let kids = |x: usize| {
            ps.words
                .iter()
                .enumerate()
                .filter(move |(_, k)| k.head as usize == x + 1)
                .map(|(i, k)| (i, k.deprel.as_str()))
        };
        if kids(b).any(|(_, d)| d.starts_with("nsubj") || d == "cop" || d == "aux") {
            continue;
        }
        // the cc of b, and the nominal right before it that hangs on h
        let Some(cc) = kids(b).find(|&(i, d)| d == "cc" && i < b).map(|(i, _)| i) else {
            continue;
        };
        let a = kids(h)
            .filter(|&(i, d)| {
                i < cc
                    && matches!(d, "obj" | "iobj" | "obl" | "nsubj" | "nsubj:pass")
                    && matches!(ps.words[i].upos.as_str(), "NOUN" | "PROPN" | "PRON")
            })
            .map(|(i, _)| i)
            .max();
        if let Some(a) = a {
            moves.push((a, b, None, "conj"));
        }
    }
    attach(ps, moves);
}

/// "U.S. airstrikes earlier this week killed X": a verb with no subject of
/// its own (nor an auxiliary's clause above it) and, before it, a bare
/// nominal holding a name that the parser hung on a time phrase between them
/// as an unmarked oblique: that nominal is the verb's subject. Parsers trained
/// on web text read a subject followed by "earlier this week" or "last
/// month" as part of the time phrase. Likewise the subject of a complement
/// clause without "that" read as the object of the verb above it ("said
/// separatist forces had repelled X").
pub(super) fn stray_subjects(ps: &mut ParsedSentence, anchors: &[Anchor]) {
    let words = &ps.words;
    let n = words.len();
    let kids = |x: usize| (0..n).filter(move |&k| words[k].head as usize == x + 1);
    // a word of a name, or the word a name's word hangs on ("U.S. airstrikes")
    let named = |w: usize| {
        anchors.iter().any(|a| {
            (a.words.0..a.words.1.min(n)).any(|k| k == w || words[k].head as usize == w + 1)
        })
    };
    let mut moves = Vec::new();
    for v in 1..n {
        let w = &words[v];
        if w.upos != "VERB" || !matches!(w.deprel.as_str(), "root" | "ccomp" | "parataxis") {
            continue;
        }
        let has_subject = kids(v).any(|k| {
            let d = words[k].deprel.as_str();
            d.starts_with("nsubj") || d.starts_with("csubj") || d == "expl" || d == "aux:pass"
        });
        if has_subject {
            continue;
        }
        // the bare nominal: left of the verb, an unmarked oblique of a word
        // between it and the verb that the verb governs, or that hangs where
        // the verb does ("confirmed that X earlier this week killed Y")
        let stray = (0..v).find(|&c| {
            let x = &words[c];
            let Some(h) = (x.head as usize).checked_sub(1) else {
                return false;
            };
            x.deprel == "obl:unmarked"
                && matches!(x.upos.as_str(), "NOUN" | "PROPN")
                && c < h
                && h < v
                && (words[h].head as usize == v + 1 || words[h].head == words[v].head)
                && !kids(c).any(|k| words[k].deprel == "case")
                && named(c)
        });
        // "said separatist forces had repelled X": the subject of a
        // complement clause without "that", read as the object of the verb
        // the clause depends on
        let object = (w.deprel == "ccomp")
            .then(|| (w.head as usize).checked_sub(1))
            .flatten()
            .and_then(|h| kids(h).find(|&c| h < c && c < v && words[c].deprel == "obj"))
            .filter(|_| !kids(v).any(|k| words[k].deprel == "mark"))
            .filter(|&c| named(c));
        if let Some(c) = stray.or(object) {
            moves.push((v, c, None, "nsubj"));
        }
    }
    // "Rebels loyal to X attacked Y": a finite verb in the past tense
    // (VBD, never a participle) read as a clause modifying the nominal at
    // the root before it is the sentence's verb, and the nominal its subject
    for v in 1..n {
        let w = &words[v];
        let Some(h) = (w.head as usize).checked_sub(1) else {
            continue;
        };
        let nominal = matches!(words[h].upos.as_str(), "NOUN" | "PROPN" | "PRON");
        if w.upos == "VERB"
            && w.xpos == "VBD"
            && w.deprel == "acl"
            && h < v
            && words[h].deprel == "root"
            && nominal
            && !kids(v).any(|k| words[k].deprel.starts_with("nsubj") || words[k].deprel == "mark")
        {
            moves.push((v, h, None, "nsubj"));
        }
    }
    attach(ps, moves);
}

/// "the forces of the Northern Alliance, backed by X and Y,": a passive
/// participle with a `by` agent and no subject or auxiliary of its own, right
/// after a comma, is a reduced relative clause of the nominal before the
/// comma. Parsers often make it a conjunct of the main verb, or an adverbial
/// clause of the verb the nominal depends on ("fighting against Taliban
/// forces, backed by Pakistan"), which would hand the agent to the wrong
/// clause.
fn reduced_relatives(ps: &mut ParsedSentence) {
    let mut moves = Vec::new();
    for v in 2..ps.words.len() {
        let w = &ps.words[v];
        let Some(gov) = (w.head as usize).checked_sub(1) else {
            continue;
        };
        if w.upos != "VERB" || ps.words[v - 1].form != "," || gov > v {
            continue;
        }
        let kids: Vec<(usize, &str)> = ps
            .words
            .iter()
            .enumerate()
            .filter(|(_, k)| k.head as usize == v + 1)
            .map(|(i, k)| (i, k.deprel.as_str()))
            .collect();
        let agent = kids.iter().any(|&(_, d)| d == "obl:agent");
        let own_clause = kids
            .iter()
            .any(|&(_, d)| d.starts_with("nsubj") || d.starts_with("aux") || d == "cop");
        if !agent || own_clause {
            continue;
        }
        // the nominal ending right before the comma: the head of its name
        let mut n = v - 2;
        while matches!(ps.words[n].deprel.as_str(), "flat" | "fixed")
            && (ps.words[n].head as usize)
                .checked_sub(1)
                .is_some_and(|h| h < n)
        {
            n = ps.words[n].head as usize - 1;
        }
        if n == gov || !matches!(ps.words[n].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        let fits = match ps.words[v].deprel.as_str() {
            "conj" | "parataxis" => true,
            // the nominal is (inside) an oblique of the same verb: "fighting
            // against X, backed by Y"
            "advcl" => {
                let mut top = n;
                let mut steps = 0;
                while ps.words[top].head != 0
                    && ps.words[top].head as usize != gov + 1
                    && steps < ps.words.len()
                {
                    top = ps.words[top].head as usize - 1;
                    steps += 1;
                }
                ps.words[top].head as usize == gov + 1 && ps.words[top].deprel.starts_with("obl")
            }
            _ => false,
        };
        if fits {
            moves.push((n, v, Some(v - 1), "acl"));
        }
    }
    attach(ps, moves);
}

/// "Osama bin Laden's al-Qaeda": a name, "'s" and a name right after it are
/// a possessor and its possessed, which a parser often reads as one long
/// name once both are merged into stand-ins.
fn possessives(ps: &mut ParsedSentence, anchors: &[Anchor]) {
    let form = |k: usize| ps.words.get(k).map_or("", |w| w.form.as_str());
    let mut moves = Vec::new();
    let mut cases = Vec::new();
    for (x, y) in anchors.iter().zip(anchors.iter().skip(1)) {
        let s = x.words.1;
        if !matches!(form(s), "'s" | "’s") || y.words.0 != s + 1 {
            continue;
        }
        let (a, b) = (head_in(ps, x.words), head_in(ps, y.words));
        if ps.words[a].deprel != "nmod:poss" || ps.words[a].head as usize != b + 1 {
            moves.push((b, a, None, "nmod:poss"));
            cases.push((s, a));
        }
    }
    attach(ps, moves);
    for (s, a) in cases {
        ps.words[s].head = a as u32 + 1;
        ps.words[s].deprel = "case".to_string();
    }
}

/// "X condemned yesterday's attacks by Y": a "by" phrase the parser hung on
/// an active verb as its passive agent (an active verb has none) belongs to
/// the verb's object before it.
pub(super) fn active_agents(ps: &mut ParsedSentence) {
    for a in 0..ps.words.len() {
        if ps.words[a].deprel != "obl:agent" {
            continue;
        }
        let Some(v) = ps.head(a) else {
            continue;
        };
        let passive = ps.children(v).any(|k| {
            matches!(
                ps.words[k].deprel.as_str(),
                "aux:pass" | "nsubj:pass" | "csubj:pass"
            )
        });
        let object = ps
            .children(v)
            .filter(|&k| ps.words[k].deprel == "obj" && k < a)
            .last();
        if let (false, Some(o)) = (passive, object) {
            ps.words[a].head = o as u32 + 1;
            ps.words[a].deprel = "nmod".to_string();
        }
    }
}

/// "provided drones to X": a plural noun the tagger read as a verb in the
/// third person ("drones"/VBZ) where the parser gave it a nominal's role (the
/// object, a subject, an oblique) is a noun: a finite verb never fills those
/// roles (a clause that does is a `ccomp` or `csubj`). Its obliques become
/// the noun's `nmod`s.
pub(super) fn finite_nominals(ps: &mut ParsedSentence) {
    for w in 0..ps.words.len() {
        let word = &ps.words[w];
        let nominal = matches!(
            word.deprel.as_str(),
            "obj" | "iobj" | "nsubj" | "nsubj:pass" | "obl" | "nmod"
        );
        if word.xpos != "VBZ" || word.upos != "VERB" || !nominal {
            continue;
        }
        // a clause has a subject or an auxiliary of its own
        let clause = ps.children(w).any(|k| {
            matches!(
                ps.words[k].deprel.as_str(),
                "nsubj" | "aux" | "cop" | "mark"
            )
        });
        if clause {
            continue;
        }
        ps.words[w].upos = "NOUN".to_string();
        ps.words[w].xpos = "NNS".to_string();
        let obliques: Vec<usize> = ps
            .children(w)
            .filter(|&k| ps.words[k].universal_deprel() == "obl")
            .collect();
        for k in obliques {
            ps.words[k].deprel = "nmod".to_string();
        }
    }
}

/// "The strike, which Israel has not confirmed, killed X": a parser may read
/// the sentence's verb after a relative clause set off by commas as the
/// clause's second verb (a `conj` with no "and" and no subject), so the
/// clause's subject ("Israel") would seem to kill X and its negation to
/// deny it. When the noun the clause modifies is the root, that verb is the
/// sentence's predicate and the noun its subject.
pub(super) fn relative_predicates(ps: &mut ParsedSentence) {
    for v in 0..ps.words.len() {
        if ps.words[v].deprel != "acl:relcl" {
            continue;
        }
        let Some(noun) = ps.head(v).filter(|&n| ps.words[n].head == 0) else {
            continue;
        };
        let predicate = ps.children(v).find(|&c| {
            ps.words[c].deprel == "conj"
                && ps.words[c].upos == "VERB"
                && c > v
                && ps.words[c - 1].form == ","
                && !ps
                    .children(c)
                    .any(|k| matches!(ps.words[k].deprel.as_str(), "cc" | "nsubj" | "nsubj:pass"))
        });
        let Some(p) = predicate else { continue };
        ps.words[p].head = 0;
        ps.words[p].deprel = "root".to_string();
        ps.words[noun].head = p as u32 + 1;
        ps.words[noun].deprel = "nsubj".to_string();
        // the comma and the final punctuation go with the predicate
        for k in 0..ps.words.len() {
            if ps.words[k].upos == "PUNCT" && ps.words[k].head as usize == noun + 1 && k > p {
                ps.words[k].head = p as u32 + 1;
            }
        }
    }
}

/// "Attacks on X by Y rose": a nominal with a preposition of its own
/// ("by Y") cannot be a core argument, yet a parser trained on web text may
/// hang it on the verb as a second subject (or object). When an argument of
/// the same role stands before it, the phrase belongs to that argument's
/// nominal, as its `nmod`.
pub(super) fn marked_arguments(ps: &mut ParsedSentence) {
    for w in 0..ps.words.len() {
        let role = ps.words[w].deprel.clone();
        if !matches!(role.as_str(), "nsubj" | "obj") {
            continue;
        }
        let marked = ps
            .children(w)
            .any(|k| ps.words[k].deprel == "case" && ps.words[k].upos == "ADP" && k < w);
        let Some(v) = ps.head(w).filter(|_| marked) else {
            continue;
        };
        let first = ps
            .children(v)
            .find(|&k| k < w && ps.words[k].deprel == role && ps.words[k].upos != "PRON");
        if let Some(first) = first {
            ps.words[w].head = first as u32 + 1;
            ps.words[w].deprel = "nmod".to_string();
        }
    }
}

/// "of Ghazni province", "in Borno state": a place's name before a
/// lower-case word for a province or state is read as that noun's compound,
/// so the place's own phrase ("of", "in", the clause it fills) reaches the
/// noun, not the name. The name takes the noun's place; the noun and its
/// other dependents hang on the name.
pub(super) fn subdivision_nouns(ps: &mut ParsedSentence, anchors: &[Anchor], lex: &Lexicon) {
    let n = ps.words.len();
    for x in anchors.iter().filter(|x| x.kind == EntityKind::Place) {
        let e = x.words.1;
        if e >= n || x.words.0 >= e {
            continue;
        }
        let noun = &ps.words[e];
        let lower = noun.form.chars().next().is_some_and(char::is_lowercase);
        if !lower || !lex.words.subdivision_heads.contains(noun.form.as_str()) {
            continue;
        }
        let h = head_in(ps, x.words);
        if ps.words[h].head as usize != e + 1 {
            continue;
        }
        let others: Vec<usize> = ps.children(e).filter(|&k| k != h).collect();
        ps.words[h].head = ps.words[e].head;
        ps.words[h].deprel = ps.words[e].deprel.clone();
        ps.words[e].head = h as u32 + 1;
        ps.words[e].deprel = "flat".to_string();
        for k in others {
            ps.words[k].head = h as u32 + 1;
        }
    }
}

/// "Ghana's Minister of Trade, Kwame Mensah, said": a person's name set off
/// by commas right after a title (and the title's "of" phrase) is the
/// title's apposition, which a parser often reads as a list or hangs on the
/// "of" phrase; the "of" phrase hangs on the title.
fn title_appositions(ps: &mut ParsedSentence, anchors: &[Anchor], titles: &[TitleAnchor]) {
    use crate::entity::EntityKind::Person;
    let n = ps.words.len();
    let form = |k: usize| ps.words.get(k).map_or("", |w| w.form.as_str());
    let mut moves = Vec::new();
    let mut phrases = Vec::new();
    let mut cases = Vec::new();
    for t in titles {
        let person_at = |k: usize| anchors.iter().find(|a| a.words.0 == k && a.kind == Person);
        let mut k = t.words.1;
        let mut of_phrase = false;
        if matches!(form(k), "of" | "for") {
            // the "of" phrase ("spokesman for the Sudan Liberation Movement"): capitalised words and names, up to the comma
            // or the person's name ("Prime Minister of Lebanon Omar Karami")
            k += 1;
            of_phrase = true;
            while k < n && k < t.words.1 + 8 && form(k) != "," && person_at(k).is_none() {
                k += 1;
            }
        }
        let (comma, p) = if form(k) == "," {
            match person_at(k + 1) {
                Some(p) => (Some(k), p),
                None => continue,
            }
        } else {
            match person_at(k).filter(|_| of_phrase && k > t.words.1 + 1) {
                Some(p) => (None, p),
                None => continue,
            }
        };
        // set off by commas, the name must end the apposition
        if comma.is_some() && !matches!(form(p.words.1), "," | "." | ";" | "") {
            continue;
        }
        let head = head_in(ps, t.words);
        // the "of" phrase hangs on the title ("Minister of Lebanon"), which
        // the parser sometimes hangs on the phrase instead
        let phrase_end = comma.unwrap_or(p.words.0);
        if of_phrase && phrase_end > t.words.1 + 1 {
            let object = head_in(ps, (t.words.1 + 1, phrase_end));
            if ps.words[object].head as usize != head + 1 {
                phrases.push((head, object, None, "nmod"));
            }
            cases.push((t.words.1, object));
        }
        let person = head_in(ps, p.words);
        if ps.words[person].deprel != "appos" || ps.words[person].head as usize != head + 1 {
            moves.push((head, person, comma, "appos"));
        }
    }
    attach(ps, phrases);
    for (case, object) in cases {
        ps.words[case].head = object as u32 + 1;
        ps.words[case].deprel = "case".to_string();
    }
    attach(ps, moves);
}

/// "Putin and Chinese leader Xi Jinping held talks": a title right before a
/// person's name describes the person, who heads the phrase (UD's
/// `nmod:desc`, as parsers trained on GUM read "President Putin"). A parser
/// sometimes makes the title and the name two conjuncts or hangs the name
/// on the title; then "Chinese leader" would stand for China. The name
/// takes the title's place and the title hangs on it.
pub(super) fn titled_names(ps: &mut ParsedSentence, anchors: &[Anchor], titles: &[TitleAnchor]) {
    use crate::entity::EntityKind::Person;
    let n = ps.words.len();
    for t in titles {
        let Some(p) = anchors
            .iter()
            .find(|a| a.kind == Person && a.words.0 == t.words.1 && a.words.1 <= n)
        else {
            continue;
        };
        if t.words.0 >= t.words.1 || t.words.1 > n {
            continue;
        }
        let th = head_in(ps, t.words);
        let ph = head_in(ps, p.words);
        if ps.words[th].head as usize == ph + 1 {
            continue;
        }
        // the name takes the title's place, unless the title hangs below
        // the name (the tree stays a tree)
        if !dominates(ps, ph, th) {
            ps.words[ph].head = ps.words[th].head;
            ps.words[ph].deprel = ps.words[th].deprel.clone();
        }
        ps.words[th].head = ph as u32 + 1;
        ps.words[th].deprel = "nmod:desc".to_string();
    }
}

/// Whether word `a` is an ancestor of word `b`.
fn dominates(ps: &ParsedSentence, a: usize, b: usize) -> bool {
    let mut up = ps.words[b].head as usize;
    for _ in 0..ps.words.len() {
        if up == 0 {
            return false;
        }
        if up - 1 == a {
            return true;
        }
        up = ps.words[up - 1].head as usize;
    }
    false
}

/// Attaches each `b` to `a` with `label`, the comma before `b` (if any) to `b`.
fn attach(ps: &mut ParsedSentence, moves: Vec<(usize, usize, Option<usize>, &str)>) {
    for (a, b, comma, label) in moves {
        // when the parser hung `a` below `b`, `a` takes `b`'s place first:
        // the tree stays a tree
        if dominates(ps, b, a) {
            ps.words[a].head = ps.words[b].head;
            ps.words[a].deprel = ps.words[b].deprel.clone();
        }
        ps.words[b].head = a as u32 + 1;
        ps.words[b].deprel = label.to_string();
        // the comma goes with the apposition
        if let Some(comma) = comma {
            ps.words[comma].head = b as u32 + 1;
            ps.words[comma].deprel = "punct".to_string();
        }
    }
}

/// The word of `[s, e)` whose head lies outside it.
fn head_in(ps: &ParsedSentence, (s, e): (usize, usize)) -> usize {
    let e = e.min(ps.words.len());
    (s..e)
        .find(|&w| {
            let h = ps.words[w].head as usize;
            h == 0 || h - 1 < s || h > e
        })
        .unwrap_or(s)
}

/// How many sentences back an event noun ("the attacks") may find its
/// perpetrator.
pub(crate) const ANAPHOR_WINDOW: usize = 3;

/// The events of a sentence's kept candidates that a later "the attacks"
/// may refer to.
pub(crate) fn events(reading: &SentenceReading, doc: &ParsedArticle) -> Vec<PriorEvent> {
    reading
        .candidates
        .iter()
        .filter(|c| {
            c.dropped.is_none()
                && matches!(
                    c.construction,
                    Construction::Active
                        | Construction::Passive
                        | Construction::Nominal
                        | Construction::LightVerb
                        | Construction::Anaphor
                )
        })
        .map(|c| PriorEvent {
            relation: c.relation,
            source: c.source,
            kind: doc.entities[c.source].kind,
        })
        .collect()
}

/// A relation read from a sentence, before it joins the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub source: usize,
    pub relation: usize,
    pub target: usize,
    pub sentence: usize,
    /// Token range of the words that state it.
    pub tokens: (usize, usize),
    /// The frame that read it ("passive", "nominal", ...) and its mode
    /// ("stated", "reported").
    pub how: Option<(&'static str, &'static str)>,
}
