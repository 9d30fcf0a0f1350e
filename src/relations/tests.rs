//! Frame tests over hand-made parses: each row is a sentence as
//! `form/UPOS/head/deprel` words (`form=lemma` where they differ) (heads 1-based, as in CoNLL-U), the words
//! that are mentions, and the edges expected. They test the engine apart
//! from the trained parser; `tests/frames.rs` runs whole sentences.

use super::*;
use crate::syntax::{ParsedSentence, Word};

fn sentence(spec: &str) -> ParsedSentence {
    let words = spec
        .split_whitespace()
        .map(|w| {
            let parts: Vec<&str> = w.split('/').collect();
            assert_eq!(parts.len(), 4, "bad word spec {w}");
            // `form=lemma` when the lemma differs
            let (form, lemma) = parts[0].split_once('=').unwrap_or((parts[0], "_"));
            let xpos = match (parts[1], form) {
                ("VERB", f) if f.ends_with("ed") || f.ends_with("en") => "VBN",
                ("PRON", "which" | "that" | "who") => "WDT",
                _ => "_",
            };
            Word {
                form: form.to_string(),
                lemma: lemma.to_string(),
                upos: parts[1].to_string(),
                xpos: xpos.to_string(),
                head: parts[2].parse().unwrap(),
                deprel: parts[3].to_string(),
                span: None,
                misc: "_".to_string(),
            }
        })
        .collect();
    ParsedSentence {
        words,
        ..ParsedSentence::default()
    }
}

/// Mentions: (first word, end word, entity, kind) — the entity is its name.
fn run(spec: &str, mentions: &[(usize, usize, &str, EntityKind)]) -> (Vec<String>, Vec<String>) {
    let lex = Lexicon::embedded();
    let parse = sentence(spec);
    let names: Vec<&str> = mentions.iter().map(|m| m.2).collect();
    let anchors: Vec<Anchor> = mentions
        .iter()
        .map(|&(a, b, name, kind)| Anchor {
            words: (a, b),
            entity: names.iter().position(|n| *n == name).unwrap(),
            kind,
        })
        .collect();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for c in read_sentence(&parse, &anchors, &[], lex) {
        let edge = format!(
            "{} {} {}",
            names[c.source], lex.relations[c.relation].name, names[c.target]
        );
        match c.dropped {
            None => kept.push(edge),
            Some(d) => dropped.push(format!("{edge} ({})", d.name())),
        }
    }
    kept.sort();
    dropped.sort();
    (kept, dropped)
}

use EntityKind::{Militia as M, Person as P, State as S};

#[test]
fn active_passive_relative_and_coordination() {
    // 1: active, with a modifier between subject and verb
    let (k, _) = run(
        "Serbia/PROPN/4/nsubj on/ADP/3/case Thursday/PROPN/4/obl rejected/VERB/0/root Kosovo/PROPN/4/obj ./PUNCT/4/punct",
        &[(0, 1, "Serbia", S), (4, 5, "Kosovo", S)],
    );
    assert_eq!(k, ["Serbia rejected Kosovo"]);
    // 2: passive with agent
    let (k, _) = run(
        "Hamas/PROPN/3/nsubj:pass was/AUX/3/aux:pass backed/VERB/0/root by/ADP/5/case Iran/PROPN/3/obl:agent",
        &[(0, 1, "Hamas", M), (4, 5, "Iran", S)],
    );
    assert_eq!(k, ["Iran backs Hamas"]);
    // 3: relative clause with the pronoun as object
    let (k, _) = run(
        "Hamas/PROPN/0/root ,/PUNCT/5/punct which/PRON/5/obj Iran/PROPN/5/nsubj backs/VERB/1/acl:relcl",
        &[(0, 1, "Hamas", M), (3, 4, "Iran", S)],
    );
    assert_eq!(k, ["Iran backs Hamas"]);
    // 4: coordinated subjects
    let (k, _) = run(
        "Britain/PROPN/4/nsubj and/CCONJ/3/cc France/PROPN/1/conj urged/VERB/0/root Iran/PROPN/4/obj",
        &[(0, 1, "Britain", S), (2, 3, "France", S), (4, 5, "Iran", S)],
    );
    assert_eq!(k, ["Britain urged Iran", "France urged Iran"]);
    // 5: reduced relative "militias backed by Iran"
    let (k, _) = run(
        "militias/NOUN/0/root backed/VERB/1/acl by/ADP/4/case Iran/PROPN/2/obl:agent",
        &[(0, 1, "militias", M), (3, 4, "Iran", S)],
    );
    assert_eq!(k, ["Iran backs militias"]);
}

#[test]
fn nominal_light_verb_compound_and_prefix() {
    // 1: possessor and oblique
    let (k, _) = run(
        "Israel/PROPN/3/nmod:poss 's/PART/1/case strikes/NOUN/0/root on/ADP/5/case Hezbollah/PROPN/3/nmod",
        &[(0, 1, "Israel", S), (4, 5, "Hezbollah", M)],
    );
    assert_eq!(k, ["Israel attacked Hezbollah"]);
    // 2: light verb
    let (k, _) = run(
        "Israel/PROPN/2/nsubj carried/VERB/0/root out/ADP/2/compound:prt strikes/NOUN/2/obj on/ADP/6/case Hezbollah/PROPN/4/nmod",
        &[(0, 1, "Israel", S), (5, 6, "Hezbollah", M)],
    );
    assert_eq!(k, ["Israel attacked Hezbollah"]);
    // 3: compound adjective, coordinated target
    let (k, _) = run(
        "Iran/PROPN/3/compound -/PUNCT/3/punct backed/VERB/4/amod Houthis/PROPN/0/root and/CCONJ/6/cc Hezbollah/PROPN/4/conj",
        &[(0, 1, "Iran", S), (3, 4, "Houthis", M), (5, 6, "Hezbollah", M)],
    );
    assert_eq!(k, ["Iran backs Hezbollah", "Iran backs Houthis"]);
    // 4: prefix
    let (k, _) = run(
        "pro/ADJ/3/amod -/PUNCT/3/punct Iranian/ADJ/4/amod militias/NOUN/0/root",
        &[(2, 3, "Iran", S), (3, 4, "militias", M)],
    );
    assert_eq!(k, ["Iran backs militias"]);
    // 5: the state behind "U.S. troops"
    let (k, _) = run(
        "militants/NOUN/2/nsubj attacked/VERB/0/root U.S./PROPN/4/compound troops/NOUN/2/obj",
        &[(0, 1, "militants", M), (2, 3, "United States", S)],
    );
    assert_eq!(k, ["militants attacked United States"]);
}

#[test]
fn killing_a_member_is_an_attack_on_the_group() {
    let (k, _d) = run(
        "Israel/PROPN/2/nsubj killed/VERB/0/root a/DET/5/det Hezbollah/PROPN/5/compound commander/NOUN/2/obj",
        &[(0, 1, "Israel", S), (3, 4, "Hezbollah", M)],
    );
    assert_eq!(k, ["Israel attacked Hezbollah"], "{_d:?}");
}

#[test]
fn statements_speak_for_their_issuers() {
    // 1: "a statement by A and B urging Y"
    let (k, _) = run(
        "a/DET/2/det statement/NOUN/0/root by/ADP/4/case Britain/PROPN/2/nmod and/CCONJ/6/cc France/PROPN/4/conj urging/VERB/2/acl Iran/PROPN/7/obj",
        &[(3, 4, "Britain", S), (5, 6, "France", S), (7, 8, "Iran", S)],
    );
    assert_eq!(k, ["Britain urged Iran", "France urged Iran"]);
    // 2: "the statement, issued by A, condemned Y"
    let (k, _) = run(
        "the/DET/2/det statement/NOUN/7/nsubj ,/PUNCT/4/punct issued/VERB/2/acl by/ADP/6/case Jordan/PROPN/4/obl:agent condemned/VERB/0/root Israel/PROPN/7/obj",
        &[(5, 6, "Jordan", S), (7, 8, "Israel", S)],
    );
    assert_eq!(k, ["Jordan condemned Israel"]);
}

#[test]
fn modality_drops_what_is_not_a_fact() {
    let m = &[(0, 1, "Iran", S), (4, 5, "Israel", S)];
    // negation with a split clitic
    let (k, d) = run(
        "Iran/PROPN/4/nsubj has/AUX/4/aux n't/PART/4/advmod attacked/VERB/0/root Israel/PROPN/4/obj",
        m,
    );
    assert!(k.is_empty(), "{k:?}");
    assert_eq!(d, ["Iran attacked Israel (negated)"]);
    // modal
    let (k, d) = run(
        "Iran/PROPN/4/nsubj could/AUX/4/aux soon/ADV/4/advmod strike/VERB/0/root Israel/PROPN/4/obj",
        m,
    );
    assert!(k.is_empty());
    assert_eq!(d, ["Iran attacked Israel (hypothetical (modal or future))"]);
    // conditional
    let (k, d) = run(
        "If/SCONJ/3/mark Iran/PROPN/3/nsubj attacks/VERB/0/root Israel/PROPN/3/obj",
        &[(1, 2, "Iran", S), (3, 4, "Israel", S)],
    );
    assert!(k.is_empty());
    assert_eq!(d, ["Iran attacked Israel (conditional)"]);
    // prospective
    let (k, _) = run(
        "Iran/PROPN/3/nsubj is/AUX/3/aux preparing=prepare/VERB/0/root to/PART/5/mark strike/VERB/3/xcomp Israel/PROPN/5/obj",
        &[(0, 1, "Iran", S), (5, 6, "Israel", S)],
    );
    assert!(k.is_empty(), "{k:?}");
    // intent gives a threat
    let (k, _) = run(
        "Iran/PROPN/2/nsubj vowed=vow/VERB/0/root to/PART/4/mark strike/VERB/2/xcomp Israel/PROPN/4/obj",
        &[(0, 1, "Iran", S), (4, 5, "Israel", S)],
    );
    assert_eq!(k, ["Iran threatened Israel"]);
    // ... unless the vow itself is negated
    let (k, _) = run(
        "Iran/PROPN/3/nsubj never/ADV/3/advmod vowed=vow/VERB/0/root to/PART/5/mark strike/VERB/3/xcomp Israel/PROPN/5/obj",
        &[(0, 1, "Iran", S), (5, 6, "Israel", S)],
    );
    assert!(k.is_empty(), "{k:?}");
    // denial
    let (k, d) = run(
        "Iran/PROPN/2/nsubj denied=deny/VERB/0/root attacking/VERB/2/xcomp Israel/PROPN/3/obj",
        &[(0, 1, "Iran", S), (3, 4, "Israel", S)],
    );
    assert!(k.is_empty());
    assert_eq!(d, ["Iran attacked Israel (denied)"]);
    // question
    let (k, _) = run(
        "Did/AUX/3/aux Iran/PROPN/3/nsubj attack/VERB/0/root Israel/PROPN/3/obj ?/PUNCT/3/punct",
        &[(1, 2, "Iran", S), (3, 4, "Israel", S)],
    );
    assert!(k.is_empty());
}

#[test]
fn reported_speech_and_kinds() {
    let lex = Lexicon::embedded();
    let parse = sentence(
        "Israel/PROPN/2/nsubj said/VERB/0/root Hezbollah/PROPN/4/nsubj attacked/VERB/2/ccomp Haifa/PROPN/4/obj",
    );
    let anchors = [
        Anchor {
            words: (0, 1),
            entity: 0,
            kind: S,
        },
        Anchor {
            words: (2, 3),
            entity: 1,
            kind: M,
        },
        Anchor {
            words: (4, 5),
            entity: 2,
            kind: EntityKind::Place,
        },
    ];
    let c = read_sentence(&parse, &anchors, &[], lex);
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].source, c[0].target, c[0].mode, c[0].dropped),
        (1, 2, Mode::Reported, None)
    );
    // a person cannot be backed into a place
    let (k, d) = run(
        "Blinken/PROPN/2/nsubj backs/VERB/0/root Gaza/PROPN/2/obj",
        &[(0, 1, "Blinken", P), (2, 3, "Gaza", EntityKind::Place)],
    );
    assert!(k.is_empty());
    assert_eq!(d, ["Blinken backs Gaza (kind not allowed)"]);
}

/// Like [`run`], with titles: (first word, end word, title name).
fn run_titles(
    spec: &str,
    mentions: &[(usize, usize, &str, EntityKind)],
    titles: &[(usize, usize, &str)],
) -> Vec<String> {
    let lex = Lexicon::embedded();
    let parse = sentence(spec);
    let names: Vec<&str> = mentions.iter().map(|m| m.2).collect();
    let anchors: Vec<Anchor> = mentions
        .iter()
        .enumerate()
        .map(|(i, &(a, b, _, kind))| Anchor {
            words: (a, b),
            entity: i,
            kind,
        })
        .collect();
    let titles: Vec<TitleAnchor> = titles
        .iter()
        .map(|&(a, b, name)| TitleAnchor {
            words: (a, b),
            title: lex
                .titles
                .iter()
                .position(|t| t.name == name)
                .expect("a title"),
        })
        .collect();
    let mut kept: Vec<String> = read_sentence(&parse, &anchors, &titles, lex)
        .into_iter()
        .filter(|c| c.dropped.is_none())
        .map(|c| {
            format!(
                "{} {} {}",
                names[c.source], lex.relations[c.relation].name, names[c.target]
            )
        })
        .collect();
    kept.sort();
    kept
}

#[test]
fn titles_and_paths() {
    use EntityKind::{Organization as O, Place as L};
    // 1: demonym, title, name
    let k = run_titles(
        "Iraqi/ADJ/3/amod Prime/PROPN/3/compound Minister/PROPN/4/compound Sudani/PROPN/5/nsubj spoke/VERB/0/root",
        &[(0, 1, "Iraq", S), (3, 4, "Sudani", P)],
        &[(1, 3, "prime minister")],
    );
    assert_eq!(k, ["Sudani leads Iraq"]);
    // 2: apposition with "of"
    let k = run_titles(
        "Godane/PROPN/0/root ,/PUNCT/4/punct the/DET/4/det leader/NOUN/1/appos of/ADP/6/case Shabaab/PROPN/4/nmod",
        &[(0, 1, "Godane", P), (5, 6, "Shabaab", M)],
        &[(3, 4, "leader")],
    );
    assert_eq!(k, ["Godane leads Shabaab"]);
    // 3: a member cue makes a leader title a member
    let k = run_titles(
        "a/DET/5/det senior/ADJ/5/amod Hamas/PROPN/4/compound leader/NOUN/5/compound Arouri/PROPN/0/root",
        &[(2, 3, "Hamas", M), (4, 5, "Arouri", P)],
        &[(3, 4, "leader")],
    );
    assert_eq!(k, ["Arouri member_of Hamas"]);
    // 4: a rank gives nothing
    let k = run_titles(
        "General/PROPN/2/compound Kurilla/PROPN/3/nsubj spoke/VERB/0/root",
        &[(1, 2, "Kurilla", P)],
        &[(0, 1, "general")],
    );
    assert!(k.is_empty(), "{k:?}");
    // 5: possessive place
    let (k, _) = run(
        "Iraq/PROPN/3/nmod:poss 's/PART/1/case Anbar/PROPN/4/compound province/NOUN/0/root",
        &[(0, 1, "Iraq", S), (2, 4, "Anbar", L)],
    );
    assert_eq!(k, ["Anbar located_in Iraq"]);
    let (k, _) = run(
        "Iraq/PROPN/4/nmod:poss 's/PART/1/case Anbar/PROPN/4/compound province/NOUN/0/root",
        &[(0, 1, "Iraq", S), (2, 4, "Anbar", L)],
    );
    assert_eq!(k, ["Anbar located_in Iraq"]);
    // 6: "the Iraqi city of Mosul"
    let (k, _) = run(
        "the/DET/3/det Iraqi/ADJ/3/amod city/NOUN/0/root of/ADP/5/case Mosul/PROPN/3/nmod",
        &[(1, 2, "Iraq", S), (4, 5, "Mosul", L)],
    );
    assert_eq!(k, ["Mosul located_in Iraq"]);
    // 7: "X is based in Y"
    let (k, _) = run(
        "ISIS/PROPN/3/nsubj:pass is/AUX/3/aux:pass based/VERB/0/root in/ADP/5/case Mali/PROPN/3/obl",
        &[(0, 1, "ISIS", M), (4, 5, "Mali", S)],
    );
    assert_eq!(k, ["ISIS located_in Mali"]);
    // 8: "Hezbollah, an Iranian proxy" (and a body of a kind that cannot be located)
    let (k, _) = run(
        "Hezbollah/PROPN/0/root ,/PUNCT/4/punct an/DET/4/det Iranian/ADJ/5/amod proxy/NOUN/1/appos",
        &[(0, 1, "Hezbollah", M), (3, 4, "Iran", S)],
    );
    assert_eq!(k, ["Iran backs Hezbollah"]);
    let (k, _) = run(
        "NATO/PROPN/0/root ,/PUNCT/4/punct the/DET/4/det alliance/NOUN/1/appos",
        &[(0, 1, "NATO", O)],
    );
    assert!(k.is_empty());
}

#[test]
fn the_attacks_of_an_earlier_sentence() {
    let lex = Lexicon::embedded();
    let attacked = lex.relation_id("attacked").unwrap();
    let parse = sentence("the/DET/2/det strikes/NOUN/0/root on/ADP/4/case Sanaa/PROPN/2/nmod");
    let anchors = [Anchor {
        words: (3, 4),
        entity: 7,
        kind: EntityKind::Place,
    }];
    let prior = [PriorEvent {
        relation: attacked,
        source: 3,
        kind: S,
    }];
    let c = read_in_context(&parse, &anchors, &[], &prior, lex);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].source, c[0].relation, c[0].target), (3, attacked, 7));
    assert_eq!(c[0].construction, Construction::Anaphor);
    // without a determiner, or without an earlier event, nothing
    let bare = sentence("strikes/NOUN/0/root on/ADP/3/case Sanaa/PROPN/1/nmod");
    let anchors = [Anchor {
        words: (2, 3),
        entity: 7,
        kind: EntityKind::Place,
    }];
    assert!(read_in_context(&bare, &anchors, &[], &prior, lex).is_empty());
    assert!(read_in_context(
        &parse,
        &[Anchor {
            words: (3, 4),
            entity: 7,
            kind: EntityKind::Place
        }],
        &[],
        &[],
        lex
    )
    .is_empty());
}

/// An earlier sentence's perpetrator is an anchor with no words: a title in
/// the sentence must not read it as a body (this panicked on a real article).
#[test]
fn titles_beside_an_earlier_event() {
    let lex = Lexicon::embedded();
    let attacked = lex.relation_id("attacked").unwrap();
    let leader = lex.titles.iter().position(|t| t.name == "leader").unwrap();
    let parse = sentence(
        "the/DET/2/det strikes/NOUN/5/nsubj angered/VERB/0/root the/DET/5/det leader/NOUN/3/obj Nasrallah/PROPN/5/appos",
    );
    let anchors = [Anchor {
        words: (5, 6),
        entity: 1,
        kind: P,
    }];
    let titles = [TitleAnchor {
        words: (4, 5),
        title: leader,
    }];
    let prior = [PriorEvent {
        relation: attacked,
        source: 0,
        kind: S,
    }];
    let c = read_in_context(&parse, &anchors, &titles, &prior, lex);
    assert!(
        c.iter()
            .all(|c| c.dropped.is_some() || c.source != c.target),
        "{c:?}"
    );
}

#[test]
fn event_nouns_stand_for_their_doers_and_light_verbs_lend_their_obliques() {
    // 1: "the U.S. condemned the attacks by Boko Haram"
    let (k, _) = run(
        "U.S./PROPN/2/nsubj condemned/VERB/0/root the/DET/4/det attacks/NOUN/2/obj by/ADP/7/case Boko/PROPN/7/compound Haram/PROPN/4/nmod",
        &[(0, 1, "U.S.", S), (5, 7, "Boko Haram", M)],
    );
    assert!(
        k.contains(&"U.S. condemned Boko Haram".to_string()),
        "{k:?}"
    );
    // 2: "... the attacks inflicted by Boko Haram"
    let (k, _) = run(
        "U.S./PROPN/2/nsubj condemned/VERB/0/root the/DET/4/det attacks/NOUN/2/obj inflicted/VERB/4/acl by/ADP/8/case Boko/PROPN/8/compound Haram/PROPN/5/obl:agent",
        &[(0, 1, "U.S.", S), (6, 8, "Boko Haram", M)],
    );
    assert!(
        k.contains(&"U.S. condemned Boko Haram".to_string()),
        "{k:?}"
    );
    // 3: the place an attack hit is not its doer: nothing is condemned
    let (k, _) = run(
        "U.S./PROPN/2/nsubj condemned/VERB/0/root the/DET/4/det attack/NOUN/2/obj on/ADP/6/case Israel/PROPN/4/nmod",
        &[(0, 1, "U.S.", S), (5, 6, "Israel", S)],
    );
    assert!(!k.iter().any(|e| e.contains("condemned")), "{k:?}");
    // 4: "Iran provided weapons to Hezbollah" with the phrase on the verb
    let (k, _) = run(
        "Iran/PROPN/2/nsubj provided/VERB/0/root weapons/NOUN/2/obj to/ADP/5/case Hezbollah/PROPN/2/obl",
        &[(0, 1, "Iran", S), (4, 5, "Hezbollah", M)],
    );
    assert_eq!(k, ["Iran backs Hezbollah"]);
}

#[test]
fn coordinated_participles_share_their_agent_and_nouns_their_doers() {
    // 1: "KSS is funded, trained and equipped by the Quds Force"
    let (mut k, d) = run(
        "KSS/PROPN/3/nsubj:pass is/AUX/3/aux:pass funded/VERB/0/root ,/PUNCT/5/punct trained/VERB/3/conj and/CCONJ/7/cc equipped/VERB/5/conj by/ADP/10/case Quds/PROPN/10/compound Force/PROPN/7/obl:agent",
        &[(0, 1, "KSS", M), (8, 10, "Quds Force", M)],
    );
    k.dedup(); // each participle states it
    assert_eq!(k, ["Quds Force backs KSS"], "dropped: {d:?}");
    assert!(d.iter().all(|x| !x.contains("KSS backs KSS")), "{d:?}");
    // 2: "condemns the actions taken by the Houthis"
    let (k, _) = run(
        "U.S./PROPN/2/nsubj condemns/VERB/0/root the/DET/4/det actions/NOUN/2/obj taken/VERB/4/acl by/ADP/8/case the/DET/8/det Houthis/PROPN/5/obl:agent",
        &[(0, 1, "U.S.", S), (7, 8, "Houthis", M)],
    );
    assert_eq!(k, ["U.S. condemned Houthis"]);
}

#[test]
fn holding_someone_responsible_is_blame() {
    let (k, _) = run(
        "U.S./PROPN/2/nsubj holds/VERB/0/root Iran/PROPN/2/obj responsible/ADJ/2/xcomp",
        &[(0, 1, "U.S.", S), (2, 3, "Iran", S)],
    );
    assert_eq!(k, ["U.S. blamed Iran"]);
    let (k, d) = run(
        "Israel/PROPN/4/nsubj did/AUX/4/aux not/PART/4/advmod hold/VERB/0/root Hamas/PROPN/4/obj responsible/ADJ/4/xcomp",
        &[(0, 1, "Israel", S), (4, 5, "Hamas", M)],
    );
    assert!(k.is_empty(), "{k:?}");
    assert_eq!(d, ["Israel blamed Hamas (negated)"]);
}

#[test]
fn subjects_the_parser_hung_elsewhere_are_given_back() {
    let anchor = |a: usize, b: usize| Anchor {
        words: (a, b),
        entity: a,
        kind: S,
    };
    // "U.S. strikes earlier this week killed Godane": "strikes" read as an
    // unmarked oblique of "earlier"
    let mut ps = sentence(
        "U.S./PROPN/2/compound strikes/NOUN/3/obl:unmarked earlier/ADV/6/advmod this/DET/5/det week/NOUN/6/obl:unmarked killed/VERB/0/root Godane/PROPN/6/obj",
    );
    article::stray_subjects(&mut ps, &[anchor(0, 1), anchor(6, 7)]);
    assert_eq!(
        (ps.words[1].head, ps.words[1].deprel.as_str()),
        (6, "nsubj")
    );
    // "Baku said Armenian forces had shelled Tavush": "forces" read as the
    // object of "said"
    let mut ps = sentence(
        "Baku/PROPN/2/nsubj said/VERB/0/root Armenian/ADJ/4/amod forces/NOUN/2/obj had/AUX/6/aux shelled/VERB/2/ccomp Tavush/PROPN/6/obj",
    );
    article::stray_subjects(&mut ps, &[anchor(0, 1), anchor(2, 3), anchor(6, 7)]);
    assert_eq!(
        (ps.words[3].head, ps.words[3].deprel.as_str()),
        (6, "nsubj")
    );
    // a clause with its own subject, or with "that", keeps its reading
    let mut ps = sentence(
        "Baku/PROPN/2/nsubj told/VERB/0/root Armenia/PROPN/2/obj that/SCONJ/6/mark troops/NOUN/6/nsubj shelled/VERB/2/ccomp Tavush/PROPN/6/obj",
    );
    let before = ps.clone();
    article::stray_subjects(&mut ps, &[anchor(0, 1), anchor(2, 3), anchor(6, 7)]);
    assert_eq!(ps, before);
    // "Rebels loyal to Hapilon attacked troops": the finite verb read as a
    // clause modifying "Rebels", the root, becomes the root, "Rebels" its
    // subject; a participle ("rebels trained by X") keeps its reading
    let spec = "Rebels/NOUN/0/root loyal/ADJ/1/amod to/ADP/4/case Hapilon/PROPN/2/obl attacked/VERB/1/acl troops/NOUN/5/obj";
    let mut ps = sentence(spec);
    ps.words[4].xpos = "VBD".into();
    article::stray_subjects(&mut ps, &[anchor(3, 4)]);
    assert_eq!((ps.words[4].head, ps.words[4].deprel.as_str()), (0, "root"));
    assert_eq!(
        (ps.words[0].head, ps.words[0].deprel.as_str()),
        (5, "nsubj")
    );
    let mut ps = sentence(spec);
    let before = ps.clone();
    article::stray_subjects(&mut ps, &[anchor(3, 4)]);
    assert_eq!(ps, before);
}

#[test]
fn a_by_phrase_on_an_active_verb_goes_to_its_object() {
    // "Egypt condemned attacks by Houthis": the parser's passive agent of an
    // active verb hangs on the object; a real passive keeps its agent
    let mut ps = sentence(
        "Egypt/PROPN/2/nsubj condemned/VERB/0/root attacks/NOUN/2/obj by/ADP/5/case Houthis/PROPN/2/obl:agent",
    );
    article::active_agents(&mut ps);
    assert_eq!((ps.words[4].head, ps.words[4].deprel.as_str()), (3, "nmod"));
    let passive = sentence(
        "Attacks/NOUN/3/nsubj:pass were/AUX/3/aux:pass condemned/VERB/0/root by/ADP/5/case Egypt/PROPN/3/obl:agent",
    );
    let mut ps = passive.clone();
    article::active_agents(&mut ps);
    assert_eq!(ps, passive);
}

#[test]
fn a_third_person_verb_in_a_nominal_role_is_a_plural_noun() {
    // "Russia provided drones to Wagner": "drones" tagged VBZ, the object
    let mut ps = sentence(
        "Russia/PROPN/2/nsubj provided/VERB/0/root drones=drone/VERB/2/obj to/ADP/5/case Wagner/PROPN/3/obl",
    );
    ps.words[2].xpos = "VBZ".to_string();
    article::finite_nominals(&mut ps);
    assert_eq!(ps.words[2].upos, "NOUN");
    assert_eq!(ps.words[4].deprel, "nmod");
    // a clause with its own subject stays a verb ("said Iran backs Hamas")
    let clause = sentence(
        "Israel/PROPN/2/nsubj said/VERB/0/root Iran/PROPN/4/nsubj backs/VERB/2/ccomp Hamas/PROPN/4/obj",
    );
    let mut ps = clause.clone();
    ps.words[3].xpos = "VBZ".to_string();
    let before = ps.clone();
    article::finite_nominals(&mut ps);
    assert_eq!(ps, before);
}

#[test]
fn a_marked_second_subject_belongs_to_the_first() {
    // "Attacks on troops by JNIM rose": "by JNIM" read as a second subject
    let mut ps = sentence(
        "Attacks/NOUN/6/nsubj on/ADP/3/case troops/NOUN/1/nmod by/ADP/5/case JNIM/PROPN/6/nsubj rose/VERB/0/root",
    );
    article::marked_arguments(&mut ps);
    assert_eq!((ps.words[4].head, ps.words[4].deprel.as_str()), (1, "nmod"));
    // an unmarked second subject is left alone
    let mut plain = sentence("Iran/PROPN/3/nsubj Hamas/PROPN/3/nsubj attacked/VERB/0/root");
    let before = plain.clone();
    article::marked_arguments(&mut plain);
    assert_eq!(plain, before);
}
