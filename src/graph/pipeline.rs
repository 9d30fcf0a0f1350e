//! The pipeline for one article: segment → mentions → coreference →
//! relations → graph.

use crate::entity::{slug, Entity, EntityKind};
use crate::graph::{evidence, ArticleInfo, KnowledgeGraph, RelationInfo};
use crate::lexicon::Lexicon;
use crate::mentions::coref;
use crate::mentions::mention;
use crate::relations::article::{self, ParseFn};
use crate::relations::extract;
use crate::relations::relation::Relation;
use crate::text::dates;
use crate::text::parsed::{Form, ParsedArticle};
use crate::text::Article;
use rayon::prelude::*;

/// Texts longer than this are read in blocks of about this size, in
/// parallel (split at paragraph breaks where possible). Coreference does not
/// cross blocks; no news article is this long.
pub const BLOCK_BYTES: usize = 512 * 1024;

/// Reads one article into a graph of its own.
pub fn extract_article(article: &Article, lex: &Lexicon) -> KnowledgeGraph {
    let info = ArticleInfo {
        id: article.id.clone(),
        date: article
            .date
            .clone()
            .or_else(|| dates::dateline(lex, &article.text).map(|d| d.to_string())),
        title: article.title.clone(),
        url: article.url.clone(),
    };
    if article.text.len() <= BLOCK_BYTES {
        let (doc, found) = analyse(&info.id, &article.text, lex);
        return to_graph(&doc, lex, &found, &info, 0, 0);
    }
    let blocks = split_blocks(&article.text, BLOCK_BYTES);
    // A window of blocks at a time, one per thread: a block's analysis
    // (tokens, mentions, parses) is about 20 times its text, so holding
    // every block's at once made a 50 MB article take 1 GB (issue 17).
    let window = rayon::current_num_threads().max(1);
    let mut g = KnowledgeGraph::new();
    let mut sentences = 0;
    for part in blocks.chunks(window) {
        let analysed: Vec<(ParsedArticle, Vec<extract::Found>)> = part
            .par_iter()
            .map(|&(a, b)| analyse(&info.id, &article.text[a..b], lex))
            .collect();
        for ((doc, found), &(start, _)) in analysed.iter().zip(part) {
            g.absorb_part(to_graph(doc, lex, found, &info, start, sentences), true);
            sentences += doc.sentences.len();
        }
    }
    g
}

/// Segments `text`, finds its mentions, resolves them and reads its relations.
fn analyse<'t>(id: &str, text: &'t str, lex: &Lexicon) -> (ParsedArticle<'t>, Vec<extract::Found>) {
    let doc = resolved(id, text, lex);
    let model = crate::syntax::Model::builtin().ok();
    let parse = model.map(|m| annotator(m, lex));
    let found = extract::relations(&doc, lex, parse.as_ref().map(|p| p as &ParseFn));
    (doc, found)
}

/// Segments `text` and finds its mentions, each resolved to its entity.
fn resolved<'t>(id: &str, text: &'t str, lex: &Lexicon) -> ParsedArticle<'t> {
    let mut doc = ParsedArticle::new(id, text, None, lex);
    mention::find(&mut doc, lex);
    coref::resolve(&mut doc, lex);
    doc
}

/// Tags and parses a sentence with `model`, the lexicon fixing the part of
/// speech of words the tagger never saw: relation triggers
/// ([`Lexicon::part_of_speech`]) and names the mention stage found, merged
/// into one word marked `Name` in MISC (proper nouns).
pub fn annotator<'a>(
    model: &'a crate::syntax::Model,
    lex: &'a Lexicon,
) -> impl Fn(&mut crate::syntax::ParsedSentence) + Sync + 'a {
    move |ps| {
        let fixed = |w: &crate::syntax::Word, known: bool| {
            if w.misc == article::NAME_MARK {
                Some("PROPN")
            } else if w.misc == VERB_MARK {
                Some("VERB")
            } else if w.misc == PAST_MARK {
                Some("VBD")
            } else if known {
                None
            } else {
                lex.part_of_speech(&w.form)
            }
        };
        model.annotate_with(ps, &fixed);
        let misread = misread_verbs(ps, lex);
        if !misread.is_empty() {
            // tag and parse again with those words verbs
            let saved: Vec<String> = misread
                .iter()
                .map(|&(i, mark)| std::mem::replace(&mut ps.words[i].misc, mark.to_string()))
                .collect();
            model.annotate_with(ps, &fixed);
            for (&(i, _), misc) in misread.iter().zip(saved) {
                ps.words[i].misc = misc;
            }
        }
    }
}

/// The MISC mark of a word the annotator tags again as a verb.
const VERB_MARK: &str = "Verb";
/// The MISC mark of a word the annotator tags again as a verb in the past
/// tense (VBD).
const PAST_MARK: &str = "Past";

/// "Pakistan's army shelters the Taliban", "Hamas, which Iran backs,":
/// the third-person form of a relation's verb that the tagger read as a
/// plural noun between a nominal (its subject) and the start of a noun
/// phrase (a determiner or a name: its object), or between "which"/"that" +
/// a name and punctuation (a relative clause). A plural noun is not
/// followed by a determiner or a name there; a verb is. So is a denial
/// ("denies") between a nominal and a gerund ("Rwanda denies backing M23"),
/// and the past form of a relation's verb read as a noun after a nominal or
/// as an adjective after a plural ("Police fought gangs").
fn misread_verbs(ps: &crate::syntax::ParsedSentence, lex: &Lexicon) -> Vec<(usize, &'static str)> {
    let w = &ps.words;
    let words = &lex.words;
    let time = |f: &str| {
        let f = f.to_lowercase();
        words.months.contains(&f) || words.weekdays.contains(&f)
    };
    let finite = w
        .iter()
        .any(|x| matches!(x.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD"));
    (1..w.len().saturating_sub(1))
        .filter_map(|i| {
            let (prev, next) = (&w[i - 1], &w[i + 1]);
            let lower = w[i].form.to_lowercase();
            let subject = matches!(prev.upos.as_str(), "NOUN" | "PROPN");
            // "X denies backing Y": a denial before the gerund it denies
            if w[i].upos == "NOUN" && words.denials.contains(&lower) && lower.ends_with('s') {
                return (subject && next.xpos == "VBG").then_some((i, VERB_MARK));
            }
            // "Ugandan troops hunted Kony": a participle after a plural
            // noun, before a name or a determiner, in a sentence with no
            // finite verb, is that sentence's verb in the past tense
            if w[i].upos == "VERB"
                && w[i].xpos == "VBN"
                && !finite
                && matches!(prev.xpos.as_str(), "NNS" | "NNPS")
                && matches!(next.upos.as_str(), "PROPN" | "DET")
                && !time(&next.form)
            {
                return Some((i, PAST_MARK));
            }
            // "Police fought gangs", "Troops fought militants": a relation
            // verb's past form read as a noun after a nominal, or as an
            // adjective between a plural noun or pronoun and a noun phrase
            // ("Iranian armed groups" has no plural before the adjective);
            // "Russian warplanes bombed rebel-held areas": as a participle
            // where the sentence has no finite verb
            if lex.past_trigger(&lower) {
                let starts_phrase = matches!(next.upos.as_str(), "NOUN" | "PROPN" | "DET" | "NUM");
                let misread = match w[i].upos.as_str() {
                    "NOUN" => subject || prev.upos == "PRON",
                    "ADJ" => matches!(prev.xpos.as_str(), "NNS" | "PRP") && starts_phrase,
                    "VERB" => w[i].xpos == "VBN" && subject && starts_phrase && !finite,
                    _ => false,
                };
                return misread.then_some((i, PAST_MARK));
            }
            if w[i].upos != "NOUN" || !lex.third_person_trigger(&lower) {
                return None;
            }
            let after = w
                .get(i + 2)
                .map(|x| x.form.to_lowercase())
                .unwrap_or_default();
            let relative_pronoun =
                |x: &crate::syntax::Word| words.relative_pronouns.contains(&x.form.to_lowercase());
            // "the attacks that ...", "strikes this week" open no object
            let object = next.upos == "DET"
                && !relative_pronoun(next)
                && !words.time_phrase_words.contains(&after)
                || next.upos == "PROPN" && !time(&next.form);
            let relative = prev.upos == "PROPN"
                && i >= 2
                && relative_pronoun(&w[i - 2])
                && next.upos == "PUNCT";
            (subject && object || relative).then_some((i, VERB_MARK))
        })
        .collect()
}

/// Cuts `text` into blocks of about `size` bytes, at a paragraph break, else
/// a line break, else a space, else anywhere on a character boundary.
fn split_blocks(text: &str, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let window = &text[start..];
        let mut limit = size.min(window.len());
        while !window.is_char_boundary(limit) {
            limit -= 1;
        }
        let head = &window[..limit];
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| {
                head.rfind(sep)
                    .filter(|&i| i > size / 2)
                    .map(|i| i + sep.len())
            })
            .unwrap_or(limit);
        out.push((start, start + cut));
        start += cut;
    }
    out.push((start, text.len()));
    out
}

/// Settles the labels of the article's entities and builds its graph.
/// `byte_base` and `sentence_base` place a block of a long text in the whole.
fn to_graph(
    doc: &ParsedArticle,
    lex: &Lexicon,
    found: &[extract::Found],
    info: &ArticleInfo,
    byte_base: usize,
    sentence_base: usize,
) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.add_article(info.clone());
    for r in lex.relation_types() {
        g.declare_relation_type(RelationInfo::from(r));
    }
    // Unnamed groups are named after their backer ("Iran-backed militias"):
    // the relation type that declares `unnamed_label` names them.
    let namer = lex
        .relation_types()
        .iter()
        .position(|r| r.unnamed_label.is_some());
    let mut ids: Vec<String> = doc.entities.iter().map(|e| e.id.clone()).collect();
    let mut labels: Vec<String> = doc.entities.iter().map(|e| e.label.clone()).collect();
    for (i, e) in doc.entities.iter().enumerate() {
        if !e.unnamed {
            continue;
        }
        let backer = found
            .iter()
            .filter(|f| {
                Some(f.relation) == namer
                    && f.target == i
                    && doc.entities[f.source].kind == EntityKind::State
            })
            .map(|f| doc.entities[f.source].label.clone())
            .min();
        if let (Some(b), Some(r)) = (backer, namer) {
            let template = lex.relation_types()[r]
                .unnamed_label
                .as_deref()
                .unwrap_or_default();
            labels[i] = template.replace("{source}", &b);
            ids[i] = slug(&labels[i]);
        }
    }
    let mut counts = vec![0u64; doc.entities.len()];
    let mut surfaces: Vec<Vec<String>> = vec![Vec::new(); doc.entities.len()];
    for m in &doc.mentions {
        let Some(e) = m.entity else { continue };
        counts[e] += 1;
        if matches!(m.form, Form::Name | Form::Demonym | Form::Unnamed) {
            surfaces[e].push(
                doc.span_text(m.sentence, m.tokens.0, m.tokens.1)
                    .to_string(),
            );
        }
    }
    for (i, e) in doc.entities.iter().enumerate() {
        if counts[i] == 0 {
            continue;
        }
        let mut ent = Entity {
            id: ids[i].clone(),
            label: labels[i].clone(),
            kind: e.kind,
            aliases: Vec::new(),
            mentions: counts[i],
        };
        for a in e.aliases.iter().chain(&surfaces[i]) {
            let a = a.replace('\n', " ");
            if a != ent.label {
                ent.add_alias(&a);
            }
        }
        g.add_entity(ent);
    }
    let article_date = info.date.as_deref().and_then(dates::Date::parse);
    let mut dates_of: std::collections::HashMap<usize, Vec<(usize, dates::Date)>> =
        std::collections::HashMap::new();
    for f in found {
        let sent = &doc.sentences[f.sentence];
        let (a, b) = doc.byte_span(f.sentence, f.tokens.0, f.tokens.1);
        let dates = dates_of
            .entry(f.sentence)
            .or_insert_with(|| dates::in_sentence(doc, lex, f.sentence, article_date));
        // the date nearest to the words that state the relation
        let event_date = dates
            .iter()
            .min_by_key(|(k, _)| {
                if *k < f.tokens.0 {
                    f.tokens.0 - k
                } else {
                    k.saturating_sub(f.tokens.1)
                }
            })
            .map(|(_, d)| d.to_string());
        let ev = evidence(
            info,
            sentence_base + f.sentence,
            (byte_base + a, byte_base + b),
            &evidence_text(doc.text, sent.start, sent.end, a, b),
            event_date,
            f.how,
        );
        let rel = Relation::new(
            ids[f.source].clone(),
            lex.relations[f.relation].name.clone(),
            ids[f.target].clone(),
            ev,
        );
        // symmetric relations are stored once, in id order
        let rel = if lex.relations[f.relation].symmetric && rel.source > rel.target {
            Relation {
                source: rel.target,
                target: rel.source,
                ..rel
            }
        } else {
            rel
        };
        // both ends are entities of the article
        let _ = g.add_relation(rel);
    }
    g
}

/// The longest evidence text kept: a sentence longer than this (a table, a
/// page without punctuation) is cut to the words around the relation, so a
/// relation stated many times does not hold many pages.
pub const MAX_EVIDENCE_BYTES: usize = 1000;

/// The sentence `[start, end)` of `text`, or, when it is longer than
/// [`MAX_EVIDENCE_BYTES`], the part around the stating words `[a, b)`
/// marked with "…" where it was cut.
fn evidence_text(text: &str, start: usize, end: usize, a: usize, b: usize) -> String {
    if end - start <= MAX_EVIDENCE_BYTES {
        return text[start..end].to_string();
    }
    let margin = MAX_EVIDENCE_BYTES.saturating_sub(b - a) / 2;
    let mut from = a.saturating_sub(margin).max(start);
    let mut to = (b + margin).min(end);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut out = String::new();
    if from > start {
        out.push('…');
    }
    out.push_str(&text[from..to]);
    if to < end {
        out.push('…');
    }
    out
}

/// Reads many articles into one graph, in parallel (rayon). The result is
/// the same whatever the number of threads: the articles' graphs are merged
/// in the order given, and merging does not depend on order anyway.
pub fn extract_all<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    lex: &Lexicon,
) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for r in lex.relation_types() {
        g.declare_relation_type(RelationInfo::from(r));
    }
    add_articles(&mut g, &articles.into_iter().collect::<Vec<_>>(), lex);
    g
}

/// Reads `articles` in parallel and adds them to `graph`, skipping the ones
/// whose id it already holds (adding an article twice changes nothing).
/// Returns how many were added.
pub fn add_articles(graph: &mut KnowledgeGraph, articles: &[&Article], lex: &Lexicon) -> usize {
    let fresh: Vec<&&Article> = articles
        .iter()
        .filter(|a| !graph.has_article(&a.id))
        .collect();
    // extraction and merging both in parallel: a tree of merges, each
    // folding the smaller graph into the larger (merging is associative and
    // commutative, so the shape of the tree does not change the result)
    let merged =
        fresh
            .par_iter()
            .map(|a| extract_article(a, lex))
            .reduce(KnowledgeGraph::new, |a, b| {
                let (mut big, small) = if a.relation_count() + a.entity_count()
                    >= b.relation_count() + b.entity_count()
                {
                    (a, b)
                } else {
                    (b, a)
                };
                big.absorb(small);
                big
            });
    for r in lex.relation_types() {
        graph.declare_relation_type(RelationInfo::from(r));
    }
    let added = fresh.len();
    if graph.entity_count() == 0 && graph.articles().is_empty() {
        // nothing to fold into: take the batch's graph as it is
        let mut merged = merged;
        for info in graph.relation_infos() {
            merged.declare_relation_type(info.clone());
        }
        *graph = merged;
    } else {
        graph.absorb(merged);
    }
    added
}

/// A name the pipeline found in a text, as `build` resolves it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NamedMention {
    /// Byte offset of the name in the text.
    pub start: usize,
    /// Byte offset past the name.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// The kind of the entity it names.
    pub kind: EntityKind,
    /// The id of the entity it names (a node of the graph).
    pub entity: String,
    /// The lexicon entry, when the entity is one the lexicon lists.
    pub lexicon: Option<String>,
}

/// The names of `text` (not pronouns, descriptions or demonyms), each with
/// the entity the whole pipeline resolves it to: the lexicon's identity and
/// kind where it lists the name, else the rules' and the name tagger's
/// (`newsgraph ner`).
pub fn names(text: &str, lex: &Lexicon) -> Vec<NamedMention> {
    let doc = resolved("-", text, lex);
    let mut out = Vec::new();
    for s in 0..doc.sentences.len() {
        for &m in &doc.info[s].mentions {
            let mention = &doc.mentions[m];
            let Some(e) = doc.entity_of(m).filter(|_| mention.form == Form::Name) else {
                continue;
            };
            let entity = &doc.entities[e];
            if entity.unnamed {
                continue;
            }
            let (a, b) = mention.tokens;
            let (start, end) = doc.byte_span(s, a, b);
            let written = &text[start..end];
            let lexicon = [written, entity.label.as_str()]
                .iter()
                .find_map(|n| lex.lookup(n).map(|(id, _)| id))
                .filter(|&id| id == entity.id)
                .map(str::to_string);
            out.push(NamedMention {
                start,
                end,
                text: written.to_string(),
                kind: entity.kind,
                entity: entity.id.clone(),
                lexicon,
            });
        }
    }
    out
}

/// What the pipeline read in each sentence of `text`, for `newsgraph
/// explain`: the parse (compact), the mentions and the entities they were
/// resolved to, each edge with the frame and path that made it, and each
/// candidate that was dropped, with why.
pub fn explain(text: &str, lex: &Lexicon, parse: &ParseFn) -> String {
    use std::fmt::Write as _;
    let doc = resolved("-", text, lex);
    let found = extract::relations(&doc, lex, Some(parse));
    let name =
        |e: usize| format!("{} ({:?})", doc.entities[e].id, doc.entities[e].kind).to_lowercase();
    let mut out = String::new();
    for s in 0..doc.sentences.len() {
        let sent = &doc.sentences[s];
        let _ = writeln!(
            out,
            "sentence {}: {}",
            s + 1,
            sent.text(doc.text).replace('\n', " ")
        );
        let info = &doc.info[s];
        let mentions: Vec<String> = info
            .mentions
            .iter()
            .filter_map(|&m| {
                let e = doc.entity_of(m)?;
                let (a, b) = doc.mentions[m].tokens;
                Some(format!("{:?} = {}", doc.span_text(s, a, b), name(e)))
            })
            .collect();
        if !mentions.is_empty() {
            let _ = writeln!(out, "  mentions: {}", mentions.join(" · "));
        }
        if article::worth_parsing(&doc, lex, s, false) {
            let reading = article::read(&doc, lex, s, parse, &[]);
            let _ = writeln!(out, "  parse: {}", compact_parse(&reading.parse));
            for c in reading.candidates.iter().filter(|c| c.dropped.is_some()) {
                let _ = writeln!(
                    out,
                    "  dropped: {} {} {} — {} [{}: {}]",
                    name(c.source),
                    lex.relations[c.relation].name,
                    name(c.target),
                    c.dropped.map(|d| d.name()).unwrap_or_default(),
                    c.construction.name(),
                    c.path
                );
            }
        } else if info.mentions.len() >= 2 {
            let _ = writeln!(
                out,
                "  (not parsed: fewer than two entities or no trigger word)"
            );
        }
        for f in found.iter().filter(|f| f.sentence == s) {
            let how = match f.how {
                Some((frame, mode)) => format!("{frame}, {mode}"),
                None => "word-window frame".to_string(),
            };
            let _ = writeln!(
                out,
                "  edge: {} {} {} [{}] “{}”",
                name(f.source),
                lex.relations[f.relation].name,
                name(f.target),
                how,
                doc.span_text(s, f.tokens.0, f.tokens.1)
            );
        }
    }
    out
}

/// A parse on one line: `word/UPOS/label>head-word` for each word.
fn compact_parse(p: &crate::syntax::ParsedSentence) -> String {
    p.words
        .iter()
        .map(|w| match w.head {
            0 => format!("{}/{}/root", w.form, w.upos),
            h => format!(
                "{}/{}/{}>{}",
                w.form,
                w.upos,
                w.deprel,
                p.words[h as usize - 1].form
            ),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stages one at a time, for the benchmarks (`benches/pipeline.rs`).
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Mentions and coreference of a segmented article.
    pub fn mentions(doc: &mut ParsedArticle, lex: &Lexicon) -> usize {
        mention::find(doc, lex);
        coref::resolve(doc, lex);
        doc.mentions.len()
    }

    /// The relations of an analysed article.
    pub fn relations(doc: &ParsedArticle, lex: &Lexicon) -> usize {
        extract::relations(doc, lex, None).len()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every edge of `text`, as sorted "source type target" strings.
    pub(crate) fn edges(text: &str) -> Vec<String> {
        let g = extract_article(&Article::new("t", text), Lexicon::embedded());
        let mut out: Vec<String> = g
            .relations()
            .map(|r| format!("{} {} {}", r.source, r.kind, r.target))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn we_in_a_statement_is_its_issuer_but_not_inside_a_quotation() {
        let text = "The United States condemns the attack in Kabul.

\
                    We will continue to support Afghanistan in its fight.";
        assert!(
            edges(text).contains(&"united-states backs afghanistan".to_string()),
            "{:?}",
            edges(text)
        );
        let quoted = "Israel struck Gaza on Monday.

\
                      \u{201c}We will support Hamas,\u{201d} a Qatari official said.";
        assert!(
            !edges(quoted).iter().any(|e| e.ends_with("backs hamas")),
            "{:?}",
            edges(quoted)
        );
    }

    #[test]
    fn they_continue_the_group_named_before() {
        let text = "Hezbollah fighters crossed the border on Monday.\n\n\
                    They also attacked Israel with rockets.";
        assert!(
            edges(text).contains(&"hezbollah attacked israel".to_string()),
            "{:?}",
            edges(text)
        );
    }

    #[test]
    fn long_sentences_give_short_evidence() {
        let text = format!(
            "{}Iran-backed Hezbollah{}",
            "word ".repeat(500),
            " more".repeat(500)
        );
        let a = 2500;
        let ev = evidence_text(&text, 0, text.len(), a, a + 21);
        assert!(ev.len() <= MAX_EVIDENCE_BYTES + 8, "{}", ev.len());
        assert!(ev.starts_with('…') && ev.ends_with('…') && ev.contains("Iran-backed Hezbollah"));
        assert_eq!(evidence_text("short one.", 0, 10, 0, 5), "short one.");
    }

    #[test]
    fn blocks_cover_the_text_at_good_breaks() {
        let text = "Para one is here.\n\nPara two is here.\n\nPara three.";
        let blocks = split_blocks(text, 24);
        assert_eq!(blocks.first().unwrap().0, 0);
        assert_eq!(blocks.last().unwrap().1, text.len());
        assert!(blocks.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(&text[blocks[0].0..blocks[0].1], "Para one is here.\n\n");
        let odd = "é".repeat(100);
        let blocks = split_blocks(&odd, 15);
        assert!(blocks
            .iter()
            .all(|&(a, b)| odd.is_char_boundary(a) && odd.is_char_boundary(b)));
    }

    #[test]
    fn a_long_text_read_in_blocks_keeps_global_offsets() {
        let para = "Iran-backed Hezbollah fired rockets at Israel. Egypt urged calm.\n\n";
        let text = para.repeat(BLOCK_BYTES / para.len() * 3);
        let g = extract_article(&Article::new("long", text.as_str()), Lexicon::embedded());
        let r = g.relation("iran", "backs", "hezbollah").unwrap();
        assert_eq!(r.weight(), BLOCK_BYTES / para.len() * 3);
        assert_eq!(r.evidence.len(), crate::relations::relation::MAX_EVIDENCE);
        for (i, e) in r.evidence.iter().enumerate() {
            assert_eq!(&text[e.span.0..e.span.1], "Iran-backed Hezbollah");
            assert_eq!(e.sentence, i * 2, "sentence numbers run on across blocks");
        }
    }
}
