//! Triple-pattern queries over a graph: `?s backs ?m . ?m:militia attacked "United States"`.
//!
//! # Syntax
//!
//! A query is one or more patterns joined by `.`; a pattern is three terms,
//! separated by white space:
//!
//! - first and last: a variable (`?x`, optionally with a kind, `?m:militia`)
//!   or an entity: its id, label or an alias, case-insensitive, in quotes when
//!   it has spaces or dots (`"United States"`, `'U.S.'`);
//! - middle: a relation type (`backs`), alternatives (`attacked|killed`) or a
//!   variable (`?r`).
//!
//! Symmetric types (`met`, `allied_with`) match in either direction.
//!
//! # Results
//!
//! Every distinct binding of the variables, in the order the variables first
//! appear, sorted by the labels bound: a stable order.

use crate::entity::EntityKind;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// A syntax error, with the 1-based column it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based column (in characters) of the offending place.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

/// A subject or object term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeTerm {
    /// `?name`, with the kinds it must have (empty: any).
    Var(String, Vec<EntityKind>),
    /// An entity name as written, with its column.
    Entity(String, usize),
}

/// A predicate term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelTerm {
    /// `?name`.
    Var(String),
    /// One or more relation types (`attacked|killed`), with their column.
    Types(Vec<String>, usize),
}

/// One triple pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Subject.
    pub subject: NodeTerm,
    /// Predicate.
    pub relation: RelTerm,
    /// Object.
    pub object: NodeTerm,
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The patterns, in the order written.
    pub patterns: Vec<Pattern>,
    /// Variable names in order of first appearance.
    pub variables: Vec<String>,
}

/// What a variable is bound to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// An entity id.
    Entity(String),
    /// A relation type.
    Relation(String),
}

/// The answer to a query: one row per distinct binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Column names (variables without `?`).
    pub columns: Vec<String>,
    /// Rows, aligned with `columns`.
    pub rows: Vec<Vec<Value>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Var(String),
    Dot,
    Colon,
    Bar,
}

fn lex(input: &str) -> std::result::Result<Vec<(Tok, usize)>, SyntaxError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-');
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '.' {
            out.push((Tok::Dot, col));
            i += 1;
        } else if c == ':' {
            out.push((Tok::Colon, col));
            i += 1;
        } else if c == '|' {
            out.push((Tok::Bar, col));
            i += 1;
        } else if c == '"' || c == '\'' {
            let close = chars[i + 1..]
                .iter()
                .position(|&d| d == c)
                .ok_or(SyntaxError {
                    column: col,
                    message: format!("unclosed quote {c}"),
                })?;
            let s: String = chars[i + 1..i + 1 + close].iter().collect();
            if s.trim().is_empty() {
                return Err(SyntaxError {
                    column: col,
                    message: "empty entity name".into(),
                });
            }
            out.push((Tok::Quoted(s), col));
            i += close + 2;
        } else if c == '?' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && word_char(chars[j]) {
                j += 1;
            }
            if j == start {
                return Err(SyntaxError {
                    column: col,
                    message: "a variable needs a name after '?' (like ?x)".into(),
                });
            }
            out.push((Tok::Var(chars[start..j].iter().collect()), col));
            i = j;
        } else if word_char(c) {
            let mut j = i;
            while j < chars.len() && word_char(chars[j]) {
                j += 1;
            }
            out.push((Tok::Word(chars[i..j].iter().collect()), col));
            i = j;
        } else {
            return Err(SyntaxError {
                column: col,
                message: format!("unexpected character '{c}'"),
            });
        }
    }
    Ok(out)
}

impl Query {
    /// Parses a query.
    pub fn parse(input: &str) -> std::result::Result<Query, SyntaxError> {
        let toks = lex(input)?;
        let end = input.chars().count() + 1;
        let mut p = 0;
        let mut patterns = Vec::new();
        let mut variables: Vec<String> = Vec::new();
        let mut note = |v: &str| {
            if !variables.iter().any(|x| x == v) {
                variables.push(v.to_string());
            }
        };
        let at = |p: usize| toks.get(p).map(|t| t.1).unwrap_or(end);
        while p < toks.len() {
            let subject = node_term(&toks, &mut p, end, "a subject (?x or an entity)")?;
            let relation = match toks.get(p) {
                Some((Tok::Var(v), _)) => {
                    p += 1;
                    RelTerm::Var(v.clone())
                }
                Some((Tok::Word(w), col)) => {
                    let col = *col;
                    let mut types = vec![w.clone()];
                    p += 1;
                    while let Some((Tok::Bar, _)) = toks.get(p) {
                        match toks.get(p + 1) {
                            Some((Tok::Word(w), _)) => {
                                types.push(w.clone());
                                p += 2;
                            }
                            _ => {
                                return Err(SyntaxError {
                                    column: at(p + 1),
                                    message: "expected a relation type after '|'".into(),
                                })
                            }
                        }
                    }
                    RelTerm::Types(types, col)
                }
                _ => return Err(SyntaxError {
                    column: at(p),
                    message:
                        "expected a relation type (like backs, or attacked|killed) or a variable"
                            .into(),
                }),
            };
            let object = node_term(&toks, &mut p, end, "an object (?x or an entity)")?;
            // variables in the order they are written
            if let NodeTerm::Var(v, _) = &subject {
                note(v);
            }
            if let RelTerm::Var(v) = &relation {
                note(v);
            }
            if let NodeTerm::Var(v, _) = &object {
                note(v);
            }
            patterns.push(Pattern {
                subject,
                relation,
                object,
            });
            match toks.get(p) {
                None => break,
                Some((Tok::Dot, _)) => p += 1,
                Some((_, col)) => {
                    return Err(SyntaxError {
                        column: *col,
                        message: "expected '.' between patterns (a pattern has three terms)".into(),
                    })
                }
            }
        }
        if patterns.is_empty() {
            return Err(SyntaxError {
                column: 1,
                message: "empty query: write a pattern like '?x backs ?y'".into(),
            });
        }
        // a variable is an entity or a relation, not both
        for v in &variables {
            let as_node = patterns.iter().any(|pt| {
                [&pt.subject, &pt.object]
                    .iter()
                    .any(|t| matches!(t, NodeTerm::Var(n, _) if n == v))
            });
            let as_rel = patterns
                .iter()
                .any(|pt| matches!(&pt.relation, RelTerm::Var(n) if n == v));
            if as_node && as_rel {
                return Err(SyntaxError {
                    column: input
                        .find(&format!("?{v}"))
                        .map(|i| input[..i].chars().count() + 1)
                        .unwrap_or(1),
                    message: format!("?{v} is used both for an entity and for a relation type"),
                });
            }
        }
        Ok(Query {
            patterns,
            variables,
        })
    }
}

fn node_term(
    toks: &[(Tok, usize)],
    p: &mut usize,
    end: usize,
    what: &str,
) -> std::result::Result<NodeTerm, SyntaxError> {
    match toks.get(*p) {
        Some((Tok::Var(v), _)) => {
            *p += 1;
            let mut kinds = Vec::new();
            if let Some((Tok::Colon, _)) = toks.get(*p) {
                match toks.get(*p + 1) {
                    Some((Tok::Word(k), col)) => {
                        let kind = EntityKind::parse(k).ok_or(SyntaxError {
                            column: *col,
                            message: format!("unknown entity kind '{k}' (person, state, militia, organization, place)"),
                        })?;
                        kinds.push(kind);
                        *p += 2;
                    }
                    other => {
                        return Err(SyntaxError {
                            column: other.map(|t| t.1).unwrap_or(end),
                            message: "expected an entity kind after ':' (like ?m:militia)".into(),
                        })
                    }
                }
            }
            Ok(NodeTerm::Var(v.clone(), kinds))
        }
        Some((Tok::Word(w), col)) | Some((Tok::Quoted(w), col)) => {
            *p += 1;
            Ok(NodeTerm::Entity(w.clone(), *col))
        }
        Some((_, col)) => Err(SyntaxError {
            column: *col,
            message: format!("expected {what}"),
        }),
        None => Err(SyntaxError {
            column: end,
            message: format!("the pattern ends early: expected {what}"),
        }),
    }
}

/// A pattern with its entities resolved to nodes.
struct Resolved {
    subject: Slot,
    types: Option<Vec<String>>,
    rel_var: Option<String>,
    object: Slot,
}

enum Slot {
    Node(NodeIndex),
    Var(String),
}

/// Limits on the work one query may do: disconnected patterns multiply
/// ("?a ?r ?b . ?c ?s ?d" is every pair of edges), and a mistyped query
/// should end with an error, not hours later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most answers (distinct rows).
    pub max_rows: usize,
    /// The most candidate edges examined.
    pub max_steps: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_rows: 100_000,
            max_steps: 50_000_000,
        }
    }
}

/// The relation types of `known` nearest to `name`, best first: those
/// within two edits, or sharing a long prefix ("attack" → "attacked").
pub fn nearest_types<'k>(name: &str, known: &'k [String]) -> Vec<&'k str> {
    let wanted = name.to_lowercase();
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .filter_map(|k| {
            let d = strsim::levenshtein(&wanted, k);
            let prefix =
                wanted.len() >= 4 && (k.starts_with(&wanted) || wanted.starts_with(k.as_str()));
            (d <= 2 + wanted.len() / 6 || prefix)
                .then_some((if prefix { d.min(1) } else { d }, k.as_str()))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// "unknown relation type 'atacked' (did you mean 'attacked'? this graph
/// has: ...)" (issue 18).
pub fn unknown_type_message(name: &str, known: &[String]) -> String {
    unknown_type(name, known).to_string()
}

/// [`Error::UnknownRelationType`] for `name`, with the types of `known`
/// nearest to it.
pub fn unknown_type(name: &str, known: &[String]) -> Error {
    Error::UnknownRelationType {
        name: name.to_string(),
        nearest: nearest_types(name, known)
            .into_iter()
            .map(str::to_string)
            .collect(),
        known: known.to_vec(),
    }
}

/// The relations one row of an answer matched: for each pattern, the edge
/// its terms name once the row's values are put in (either direction for a
/// symmetric type), in pattern order, each once.
pub fn matched_relations<'g>(
    graph: &'g KnowledgeGraph,
    query: &Query,
    columns: &[String],
    row: &[Value],
) -> Vec<&'g crate::relations::relation::Relation> {
    let value = |v: &str| columns.iter().position(|c| c == v).and_then(|i| row.get(i));
    let node = |t: &NodeTerm| -> Option<String> {
        match t {
            NodeTerm::Var(v, _) => match value(v)? {
                Value::Entity(id) => Some(id.clone()),
                Value::Relation(_) => None,
            },
            NodeTerm::Entity(name, _) => graph.find(name).map(|e| e.id.clone()),
        }
    };
    let mut out: Vec<&crate::relations::relation::Relation> = Vec::new();
    for p in &query.patterns {
        let (Some(s), Some(o)) = (node(&p.subject), node(&p.object)) else {
            continue;
        };
        let types: Vec<String> = match &p.relation {
            RelTerm::Types(ts, _) => ts.clone(),
            RelTerm::Var(v) => match value(v) {
                Some(Value::Relation(t)) => vec![t.clone()],
                _ => Vec::new(),
            },
        };
        for t in &types {
            let symmetric = graph.relation_info(t).is_some_and(|i| i.symmetric);
            let found = graph
                .relation(&s, t, &o)
                .or_else(|| symmetric.then(|| graph.relation(&o, t, &s)).flatten());
            if let Some(r) = found {
                if !out.iter().any(|x| std::ptr::eq(*x, r)) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// Runs `query` on `graph` within the default [`Limits`]. See [`run_with`].
pub fn run(graph: &KnowledgeGraph, query: &Query) -> Result<Answer> {
    run_with(graph, query, Limits::default())
}

/// Runs `query` on `graph`.
///
/// # Arguments
/// - `graph`: the graph to search;
/// - `query`: a parsed [`Query`].
///
/// # Returns
/// Every distinct binding of the query's variables, sorted; an error when
/// the query names an entity the graph does not have (with close names) or
/// a relation type it does not know, or when it needs more than `limits`.
///
/// # Complexity
/// Patterns are matched one at a time, always the one with the most bound
/// terms next, following petgraph's adjacency lists from bound nodes: for a
/// join of a bound pattern with another, O(d₁ · d₂) where d are the degrees
/// involved; a pattern with no bound term scans the edges of its types once.
///
/// # Examples
/// ```
/// use newsgraph::graph::query::{run, Query, Value};
/// use newsgraph::KnowledgeGraph;
/// let g = KnowledgeGraph::load(std::path::Path::new("graphs/seed.ron")).unwrap();
/// let q = Query::parse("?s backs ?m . ?m:militia attacked 'U.S.'").unwrap();
/// let answer = run(&g, &q).unwrap();
/// assert_eq!(answer.columns, ["s", "m"]);
/// assert_eq!(answer.rows[0][0], Value::Entity("iran".into()));
/// ```
pub fn run_with(graph: &KnowledgeGraph, query: &Query, limits: Limits) -> Result<Answer> {
    let known: BTreeSet<String> = graph.relation_type_names().into_iter().collect();
    let mut resolved = Vec::new();
    let mut kinds: HashMap<String, Vec<EntityKind>> = HashMap::new();
    for pt in &query.patterns {
        let slot = |t: &NodeTerm, kinds: &mut HashMap<String, Vec<EntityKind>>| -> Result<Slot> {
            match t {
                NodeTerm::Var(v, ks) => {
                    kinds
                        .entry(v.clone())
                        .or_default()
                        .extend(ks.iter().copied());
                    Ok(Slot::Var(v.clone()))
                }
                NodeTerm::Entity(name, _) => {
                    let e = graph.find(name).ok_or_else(|| graph.unknown_entity(name))?;
                    Ok(Slot::Node(graph.node(&e.id).expect("entity has a node")))
                }
            }
        };
        let subject = slot(&pt.subject, &mut kinds)?;
        let object = slot(&pt.object, &mut kinds)?;
        let (types, rel_var) = match &pt.relation {
            RelTerm::Var(v) => (None, Some(v.clone())),
            RelTerm::Types(ts, _) => {
                for t in ts {
                    if !known.contains(t) {
                        let known: Vec<String> = known.iter().cloned().collect();
                        return Err(unknown_type(t, &known));
                    }
                }
                (Some(ts.clone()), None)
            }
        };
        resolved.push(Resolved {
            subject,
            types,
            rel_var,
            object,
        });
    }
    let symmetric: BTreeSet<String> = known
        .iter()
        .filter(|t| graph.relation_info(t).is_some_and(|i| i.symmetric))
        .cloned()
        .collect();
    let mut search = Search {
        graph,
        patterns: &resolved,
        kinds: &kinds,
        symmetric: &symmetric,
        by_type: HashMap::new(),
        results: BTreeSet::new(),
        variables: &query.variables,
        limits,
        steps: 0,
        over: false,
    };
    let mut done = vec![false; resolved.len()];
    search.solve(&mut HashMap::new(), &mut done);
    if search.over {
        return Err(Error::QueryTooBig {
            max_rows: limits.max_rows,
            max_steps: limits.max_steps,
        });
    }
    let mut rows: Vec<Vec<Value>> = search.results.into_iter().collect();
    let label = |v: &Value| match v {
        Value::Entity(id) => graph
            .entity(id)
            .map(|e| e.label.to_lowercase())
            .unwrap_or_default(),
        Value::Relation(r) => r.clone(),
    };
    rows.sort_by(|a, b| {
        a.iter()
            .map(label)
            .cmp(b.iter().map(label))
            .then_with(|| a.cmp(b))
    });
    Ok(Answer {
        columns: query.variables.clone(),
        rows,
    })
}

/// An edge that may match a pattern: (subject, object, relation type).
type Candidate = (NodeIndex, NodeIndex, String);

struct Search<'g> {
    graph: &'g KnowledgeGraph,
    patterns: &'g [Resolved],
    kinds: &'g HashMap<String, Vec<EntityKind>>,
    symmetric: &'g BTreeSet<String>,
    by_type: HashMap<Option<Vec<String>>, Vec<Candidate>>,
    results: BTreeSet<Vec<Value>>,
    variables: &'g [String],
    limits: Limits,
    steps: u64,
    over: bool,
}

type Bindings = HashMap<String, Value>;

impl<'g> Search<'g> {
    fn bound(&self, slot: &Slot, b: &Bindings) -> Option<NodeIndex> {
        match slot {
            Slot::Node(n) => Some(*n),
            Slot::Var(v) => match b.get(v) {
                Some(Value::Entity(id)) => self.graph.node(id),
                _ => None,
            },
        }
    }

    fn solve(&mut self, b: &mut Bindings, done: &mut [bool]) {
        if self.over {
            return;
        }
        // the pattern with the most bound terms goes next
        let next = (0..self.patterns.len())
            .filter(|&i| !done[i])
            .max_by_key(|&i| {
                let p = &self.patterns[i];
                let s = self.bound(&p.subject, b).is_some() as u8;
                let o = self.bound(&p.object, b).is_some() as u8;
                (s + o, std::cmp::Reverse(i))
            });
        let Some(i) = next else {
            let row = self
                .variables
                .iter()
                .map(|v| b.get(v).cloned().unwrap_or(Value::Relation(String::new())))
                .collect();
            self.results.insert(row);
            if self.results.len() > self.limits.max_rows {
                self.over = true;
            }
            return;
        };
        done[i] = true;
        for (s, o, kind) in self.candidates(i, b) {
            self.steps += 1;
            if self.steps > self.limits.max_steps || self.over {
                self.over = true;
                break;
            }
            let p = &self.patterns[i];
            let mut added = Vec::new();
            if self.bind(&p.subject, s, b, &mut added)
                && self.bind(&p.object, o, b, &mut added)
                && self.bind_rel(&p.rel_var, &kind, b, &mut added)
            {
                self.solve(b, done);
            }
            for v in added {
                b.remove(&v);
            }
        }
        done[i] = false;
    }

    /// Edges that can match pattern `i`, as (subject, object, type), both
    /// directions for symmetric types.
    fn candidates(&mut self, i: usize, b: &Bindings) -> Vec<Candidate> {
        let p = &self.patterns[i];
        let pg = self.graph.petgraph();
        let type_ok = |t: &str| p.types.as_ref().is_none_or(|ts| ts.iter().any(|x| x == t));
        let mut out = Vec::new();
        let mut push = |s: NodeIndex, o: NodeIndex, t: &str| {
            out.push((s, o, t.to_string()));
        };
        let sym = |t: &str| self.symmetric.contains(t);
        match (self.bound(&p.subject, b), self.bound(&p.object, b)) {
            (Some(s), _) => {
                for e in pg.edges_directed(s, Direction::Outgoing) {
                    if type_ok(&e.weight().kind) {
                        push(s, e.target(), &e.weight().kind);
                    }
                }
                for e in pg.edges_directed(s, Direction::Incoming) {
                    if sym(&e.weight().kind) && type_ok(&e.weight().kind) {
                        push(s, e.source(), &e.weight().kind);
                    }
                }
            }
            (None, Some(o)) => {
                for e in pg.edges_directed(o, Direction::Incoming) {
                    if type_ok(&e.weight().kind) {
                        push(e.source(), o, &e.weight().kind);
                    }
                }
                for e in pg.edges_directed(o, Direction::Outgoing) {
                    if sym(&e.weight().kind) && type_ok(&e.weight().kind) {
                        push(e.target(), o, &e.weight().kind);
                    }
                }
            }
            (None, None) => {
                let key = p.types.clone();
                if !self.by_type.contains_key(&key) {
                    let mut all = Vec::new();
                    for e in pg.edge_references() {
                        let t = &e.weight().kind;
                        if type_ok(t) {
                            all.push((e.source(), e.target(), t.clone()));
                            if sym(t) {
                                all.push((e.target(), e.source(), t.clone()));
                            }
                        }
                    }
                    self.by_type.insert(key.clone(), all);
                }
                return self.by_type[&key].clone();
            }
        }
        out
    }

    fn bind(&self, slot: &Slot, n: NodeIndex, b: &mut Bindings, added: &mut Vec<String>) -> bool {
        match slot {
            Slot::Node(m) => *m == n,
            Slot::Var(v) => {
                let e = &self.graph.petgraph()[n];
                if let Some(ks) = self.kinds.get(v) {
                    if !ks.is_empty() && !ks.contains(&e.kind) {
                        return false;
                    }
                }
                match b.get(v) {
                    Some(Value::Entity(id)) => *id == e.id,
                    Some(_) => false,
                    None => {
                        b.insert(v.clone(), Value::Entity(e.id.clone()));
                        added.push(v.clone());
                        true
                    }
                }
            }
        }
    }

    fn bind_rel(
        &self,
        var: &Option<String>,
        kind: &str,
        b: &mut Bindings,
        added: &mut Vec<String>,
    ) -> bool {
        let Some(v) = var else { return true };
        match b.get(v) {
            Some(Value::Relation(r)) => r == kind,
            Some(_) => false,
            None => {
                b.insert(v.clone(), Value::Relation(kind.to_string()));
                added.push(v.clone());
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let q = Query::parse("?s backs ?m . ?m:militia attacked|killed \"United States\"").unwrap();
        assert_eq!(q.variables, ["s", "m"]);
        assert_eq!(q.patterns.len(), 2);
        assert_eq!(
            q.patterns[1].relation,
            RelTerm::Types(vec!["attacked".into(), "killed".into()], 26)
        );
        assert_eq!(
            q.patterns[1].subject,
            NodeTerm::Var("m".into(), vec![EntityKind::Militia])
        );
        assert_eq!(
            q.patterns[1].object,
            NodeTerm::Entity("United States".into(), 42)
        );
        let q = Query::parse("'U.S.' ?r ?x .").unwrap();
        assert_eq!(q.variables, ["r", "x"]);
    }

    #[test]
    fn runaway_queries_stop_with_an_error() {
        // regression: found by the query fuzz target (a 4-way cross product ran past 10 s)
        let g = KnowledgeGraph::load(std::path::Path::new("graphs/seed.ron")).unwrap();
        let q = Query::parse("?a ?r ?b . ?c ?s ?d . ?e ?t ?f").unwrap();
        let tight = Limits {
            max_rows: 1_000,
            max_steps: 1_000_000,
        };
        let err = run_with(&g, &q, tight).unwrap_err().to_string();
        assert!(err.contains("more than 1000 answers"), "{err}");
        let small = Query::parse("?a ?r ?b").unwrap();
        // every relation, symmetric ones ("met") both ways
        let symmetric = g
            .relations()
            .filter(|r| g.relation_info(&r.kind).is_some_and(|i| i.symmetric))
            .count();
        let rows = run_with(&g, &small, tight).unwrap().rows.len();
        assert_eq!(rows, g.relation_count() + symmetric);
    }

    #[test]
    fn syntax_errors_point_at_the_column() {
        let rows = [
            ("?x backs", 9, "ends early"),
            ("?x backs ?y ?z", 13, "expected '.'"),
            ("?x . ?y", 4, "expected a relation type"),
            ("?x backs \"Iran", 10, "unclosed quote"),
            ("?x:planet backs ?y", 4, "unknown entity kind 'planet'"),
            ("? backs ?y", 1, "needs a name"),
            ("?x backs| ?y", 11, "after '|'"),
            (
                "?x backs ?y . ?y ?x ?z",
                1,
                "both for an entity and for a relation",
            ),
            ("", 1, "empty query"),
            ("?x backs @y", 10, "unexpected character '@'"),
        ];
        for (i, (q, col, msg)) in rows.iter().enumerate() {
            let e = Query::parse(q).unwrap_err();
            assert_eq!(e.column, *col, "row {}: {q:?}: {e}", i + 1);
            assert!(e.message.contains(msg), "row {}: {q:?}: {e}", i + 1);
        }
    }
}
