//! The pipeline for one article: segment → mentions → coreference →
//! relations → graph.

use crate::coref;
use crate::document::{Document, Form};
use crate::entity::{slug, Entity, EntityKind};
use crate::extract;
use crate::graph::{evidence, DocumentInfo, KnowledgeGraph, RelationInfo};
use crate::lexicon::Lexicon;
use crate::mention;
use crate::relation::Relation;

/// An article to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Its id: a path, or the id of a JSON Lines record.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its date (ISO 8601), when known.
    pub date: Option<String>,
}

impl Article {
    /// An article without a date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            date: None,
        }
    }
}

/// Reads one article into a graph of its own.
pub fn extract_article(article: &Article, lex: &Lexicon) -> KnowledgeGraph {
    let mut doc = Document::new(article.id.clone(), &article.text, article.date.clone(), lex);
    mention::find(&mut doc, lex);
    coref::resolve(&mut doc, lex);
    let found = extract::relations(&doc, lex);
    to_graph(&doc, lex, &found)
}

/// Settles the labels of the article's entities and builds its graph.
fn to_graph(doc: &Document, lex: &Lexicon, found: &[extract::Found]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.add_document(DocumentInfo {
        id: doc.id.clone(),
        date: doc.date.clone(),
    });
    for r in lex.relation_types() {
        g.declare_relation_type(RelationInfo::from(r));
    }
    // Unnamed groups are named after their backer: "Iran-backed militias".
    let backs = lex.relation_id("backs");
    let mut ids: Vec<String> = doc.entities.iter().map(|e| e.id.clone()).collect();
    let mut labels: Vec<String> = doc.entities.iter().map(|e| e.label.clone()).collect();
    for (i, e) in doc.entities.iter().enumerate() {
        if !e.unnamed {
            continue;
        }
        let backer = found
            .iter()
            .filter(|f| {
                Some(f.relation) == backs
                    && f.target == i
                    && doc.entities[f.source].kind == EntityKind::State
            })
            .map(|f| doc.entities[f.source].label.clone())
            .min();
        if let Some(b) = backer {
            labels[i] = format!("{b}-backed militias");
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
    for f in found {
        let sent = &doc.sentences[f.sentence];
        let span = doc.byte_span(f.sentence, f.tokens.0, f.tokens.1);
        let ev = evidence(&doc.id, &doc.date, f.sentence, span, sent.text(doc.text));
        let rel = Relation {
            source: ids[f.source].clone(),
            kind: lex.relations[f.relation].name.clone(),
            target: ids[f.target].clone(),
            evidence: vec![ev],
        };
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

/// Reads many articles into one graph (in the order given).
pub fn extract_all<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    lex: &Lexicon,
) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for r in lex.relation_types() {
        g.declare_relation_type(RelationInfo::from(r));
    }
    for a in articles {
        g.merge(&extract_article(a, lex));
    }
    g
}
